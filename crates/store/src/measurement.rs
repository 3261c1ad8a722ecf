//! Measurements patients register themselves, stored as `Observation`s beside the scores
//! (the same table, searched the same way), each with its history and access-log events.

use carepath_domain::user::UserAccount;
use carepath_domain::{Id, audit::AuditEvent};
use chrono::{DateTime, Utc};
use sqlx::types::Json;

use crate::db::in_tx;
use crate::enrollment::record_history;
use crate::response::{NewObservation, observation_codes};
use crate::{Result, Store, StoreError};

impl Store {
    /// Stores one measurement taken at `effective_at`, with the access-log `audit` events,
    /// in one transaction.
    pub async fn save_measurement(
        &self,
        o: &NewObservation,
        effective_at: DateTime<Utc>,
        by: Option<Id<UserAccount>>,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO observations (id, patient_id, response_id, code, value, band, effective_at, body, version, codes)
                 VALUES ($1, $2, NULL, $3, $4, NULL, $5, $6, 1, $7)",
            )
            .bind(&o.id)
            .bind(&o.patient_id)
            .bind(&o.code)
            .bind(o.value)
            .bind(effective_at)
            .bind(Json(&o.body))
            .bind(observation_codes(&o.body))
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::unique(e, "an observation with that id"))?;
            record_history!(
                tx,
                "Observation",
                o.id,
                1_i64,
                now,
                by.map(|u| u.to_string()),
                &o.body
            );
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })
    }
}
