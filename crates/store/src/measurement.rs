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

/// An alert to raise with a measurement: a yellow or red result of the patient's plan.
#[derive(Debug, Clone)]
pub struct NewAlert {
    pub id: String,
    pub unit: Id<carepath_domain::organization::Unit>,
    pub enrollment: Option<Id<carepath_domain::enrollment::Enrollment>>,
    pub colour: carepath_domain::threshold::Colour,
    /// When it escalates if nobody has acknowledged it by then.
    pub escalate_at: Option<DateTime<Utc>>,
    pub reason: crate::alert::AlertReason,
    /// The Observation that raised it (a score), when saved with a response.
    pub observation: Option<String>,
}

/// One stored measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The measurement's key (`spo2`, `vekt`, ...).
    pub key: String,
    pub value: f64,
    pub effective_at: DateTime<Utc>,
}

/// Rows of (key, value, time) as measurements, those without a value left out.
fn measurements(rows: Vec<(String, Option<f64>, DateTime<Utc>)>) -> Vec<Measurement> {
    rows.into_iter()
        .filter_map(|(key, value, effective_at)| {
            Some(Measurement {
                key,
                value: value?,
                effective_at,
            })
        })
        .collect()
}

impl Store {
    /// A patient's measurements, newest first, at most `limit`.
    pub async fn patient_measurements(
        &self,
        patient: Id<carepath_domain::patient::Patient>,
        limit: i64,
    ) -> Result<Vec<Measurement>> {
        let rows: Vec<(String, Option<f64>, DateTime<Utc>)> = crate::db::on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT code, value, effective_at FROM measurement_values
                 WHERE patient_id = $1
                 ORDER BY effective_at DESC, id DESC LIMIT $2",
            )
            .bind(patient.to_string())
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        Ok(measurements(rows))
    }

    /// A patient's measurements within `scope` (a care team's units: those they own and
    /// those their enrollments read, decision 0026), newest first, at most `limit`.
    pub async fn measurements_in_scope(
        &self,
        scope: &crate::response::Scope,
        patient: Id<carepath_domain::patient::Patient>,
        limit: i64,
    ) -> Result<Vec<Measurement>> {
        let (scope_sql, binds) = scope.observation_sql(3);
        let sql = format!(
            "SELECT o.code, o.value, o.effective_at FROM measurement_values o
             WHERE o.patient_id = $1 AND {scope_sql}
             ORDER BY o.effective_at DESC, o.id DESC LIMIT $2"
        );
        let rows: Vec<(String, Option<f64>, DateTime<Utc>)> = crate::db::on_pool!(self, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(patient.to_string())
                .bind(limit);
            for b in &binds {
                q = q.bind(b);
            }
            q.fetch_all(pool).await
        })?;
        Ok(measurements(rows))
    }

    /// The values of `patient`'s measurement `key` taken since `since`.
    pub async fn measurement_values_since(
        &self,
        patient: Id<carepath_domain::patient::Patient>,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<f64>> {
        let rows: Vec<(Option<f64>,)> = crate::db::on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT value FROM measurement_values
                 WHERE patient_id = $1 AND code = $2 AND effective_at >= $3",
            )
            .bind(patient.to_string())
            .bind(key)
            .bind(since)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().filter_map(|(v,)| v).collect())
    }

    /// Stores one measurement taken at `effective_at` with its `components` (key and value
    /// of each number of a panel such as blood pressure; empty for a single value), the
    /// alert it raises if any with the key and value that raised it, and the access-log
    /// `audit` events, in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_measurement(
        &self,
        o: &NewObservation,
        components: &[(&str, f64)],
        alert: Option<(&NewAlert, &str, f64)>,
        effective_at: DateTime<Utc>,
        by: Option<Id<UserAccount>>,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO observations (id, patient_id, response_id, code, value, band, effective_at, body, version, codes, unit_id)
                 VALUES ($1, $2, NULL, $3, $4, NULL, $5, $6, 1, $7, $8)",
            )
            .bind(&o.id)
            .bind(&o.patient_id)
            .bind(&o.code)
            .bind(o.value)
            .bind(effective_at)
            .bind(Json(&o.body))
            .bind(observation_codes(&o.body))
            .bind(o.unit.map(|u| u.to_string()))
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::unique(e, "an observation with that id"))?;
            for (code, value) in components {
                sqlx::query(
                    "INSERT INTO observation_components (observation_id, code, value) VALUES ($1, $2, $3)",
                )
                .bind(&o.id)
                .bind(code)
                .bind(value)
                .execute(&mut **tx)
                .await?;
            }
            for unit in &o.readers {
                sqlx::query(
                    "INSERT INTO observation_readers (observation_id, unit_id) VALUES ($1, $2)",
                )
                .bind(&o.id)
                .bind(unit.to_string())
                .execute(&mut **tx)
                .await?;
            }
            record_history!(
                tx,
                "Observation",
                o.id,
                1_i64,
                now,
                by.map(|u| u.to_string()),
                &o.body
            );
            if let Some((a, measurement, value)) = alert {
                let unit = a.unit.to_string();
                let enrollment = a.enrollment.map(|e| e.to_string());
                crate::alert::insert_alerts!(
                    tx,
                    &[crate::alert::NewAlertRow {
                        id: a.id.clone(),
                        patient: &o.patient_id,
                        unit: &unit,
                        enrollment: enrollment.as_deref(),
                        colour: a.colour,
                        observation: Some(&o.id),
                        measurement,
                        label: None,
                        value: Some(value),
                        raised_at: now,
                        escalate_at: a.escalate_at,
                        reason: a.reason,
                    }]
                );
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })?;
        if alert.is_some() {
            self.worklist_changed();
        }
        Ok(())
    }
}
