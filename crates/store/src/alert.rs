//! Alerts on a unit's worklist: the yellow and red results of patients' plans (raised with
//! their measurement, see `measurement.rs`), the most urgent first, until a person
//! acknowledges each with a note.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::threshold::Colour;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// An alert as the worklist shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub id: String,
    pub patient_id: Id<Patient>,
    pub patient_name: String,
    pub unit_id: Id<Unit>,
    pub colour: Colour,
    pub measurement: String,
    pub value: Option<f64>,
    pub raised_at: DateTime<Utc>,
    pub acknowledged: bool,
}

#[derive(sqlx::FromRow)]
struct AlertRow {
    id: String,
    patient_id: String,
    name: String,
    unit_id: String,
    colour: String,
    measurement: String,
    value: Option<f64>,
    raised_at: DateTime<Utc>,
    status: String,
}

impl TryFrom<AlertRow> for Alert {
    type Error = StoreError;
    fn try_from(r: AlertRow) -> Result<Self> {
        Ok(Alert {
            id: r.id,
            patient_id: parse_id(&r.patient_id)?,
            patient_name: r.name,
            unit_id: parse_id(&r.unit_id)?,
            colour: Colour::parse(&r.colour)
                .ok_or_else(|| StoreError::Corrupt("unknown alert colour".into()))?,
            measurement: r.measurement,
            value: r.value,
            raised_at: r.raised_at,
            acknowledged: r.status == "acknowledged",
        })
    }
}

const COLUMNS: &str = "a.id, a.patient_id, p.name, a.unit_id, a.colour, a.measurement, a.value, a.raised_at, a.status";

impl Store {
    /// The active alerts of `unit`: red before yellow, the oldest first, at most `limit`.
    pub async fn active_alerts(&self, unit: Id<Unit>, limit: i64) -> Result<Vec<Alert>> {
        let rows: Vec<AlertRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM alerts a JOIN patients p ON p.id = a.patient_id
                 WHERE a.unit_id = $1 AND a.status = 'active'
                 ORDER BY CASE a.colour WHEN 'red' THEN 0 ELSE 1 END, a.raised_at, a.id
                 LIMIT $2"
            )))
            .bind(unit.to_string())
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// One alert by id.
    pub async fn alert(&self, id: &str) -> Result<Option<Alert>> {
        let row: Option<AlertRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM alerts a JOIN patients p ON p.id = a.patient_id WHERE a.id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        row.map(TryInto::try_into).transpose()
    }

    /// Acknowledges an active alert with the person's note, with the access-log `audit`
    /// events; `false` when someone else acknowledged it first.
    pub async fn acknowledge_alert(
        &self,
        id: &str,
        by: Id<UserAccount>,
        note: &str,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<bool> {
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE alerts SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3,
                        note = $4, version = version + 1
                 WHERE id = $1 AND status = 'active'",
            )
            .bind(id)
            .bind(by.to_string())
            .bind(now)
            .bind(note)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 1 {
                crate::audit::append_events!(self, tx, audit, now);
            }
            Ok::<_, StoreError>(changed == 1)
        })
    }
}
