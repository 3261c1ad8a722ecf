//! Measurements patients register themselves, stored as `Observation`s beside the scores
//! (the same table, searched the same way), each with its history and access-log events.

use carepath_domain::user::UserAccount;
use carepath_domain::{Id, audit::AuditEvent};
use chrono::{DateTime, Utc};

use crate::response::NewObservation;
use crate::{Result, Store};

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
    /// `audit` events, in one durable transaction shared with the other writes waiting
    /// (group commit, decision 0020), and returns when it is committed.
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
        let job = MeasurementJob {
            observation: o.clone(),
            components: components
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect(),
            alert: alert.map(|(a, key, value)| (a.clone(), key.to_owned(), value)),
            effective_at,
            by,
            audit: audit.to_vec(),
            now,
        };
        self.group_commit(crate::response::Job::Measurement(job))
            .await
            .map(|_| ())
    }
}

/// A measurement waiting for the group-commit writer.
#[derive(Debug)]
pub(crate) struct MeasurementJob {
    pub(crate) observation: NewObservation,
    pub(crate) components: Vec<(String, f64)>,
    pub(crate) alert: Option<(NewAlert, String, f64)>,
    pub(crate) effective_at: DateTime<Utc>,
    pub(crate) by: Option<Id<UserAccount>>,
    pub(crate) audit: Vec<AuditEvent>,
    pub(crate) now: DateTime<Utc>,
}

/// The rows of one measurement (`MeasurementJob`) inside the transaction `$tx`: the
/// Observation, its components and readers, its history and its alert.
macro_rules! write_measurement {
    ($tx:expr, $job:expr) => {{
        let m: &$crate::measurement::MeasurementJob = $job;
        let o = &m.observation;
        sqlx::query(
            "INSERT INTO observations (id, patient_id, response_id, code, value, band, effective_at, body, version, codes, unit_id, updated_at)
             VALUES ($1, $2, NULL, $3, $4, NULL, $5, $6, 1, $7, $8, $9)",
        )
        .bind(&o.id)
        .bind(&o.patient_id)
        .bind(&o.code)
        .bind(o.value)
        .bind(m.effective_at)
        .bind(sqlx::types::Json(&o.body))
        .bind($crate::response::observation_codes(&o.body))
        .bind(o.unit.map(|u| u.to_string()))
        .bind(m.now)
        .execute(&mut **$tx)
        .await
        .map_err(|e| $crate::StoreError::unique(e, "an observation with that id"))?;
        for (code, value) in &m.components {
            sqlx::query(
                "INSERT INTO observation_components (observation_id, code, value) VALUES ($1, $2, $3)",
            )
            .bind(&o.id)
            .bind(code)
            .bind(value)
            .execute(&mut **$tx)
            .await?;
        }
        for unit in &o.readers {
            sqlx::query("INSERT INTO observation_readers (observation_id, unit_id) VALUES ($1, $2)")
                .bind(&o.id)
                .bind(unit.to_string())
                .execute(&mut **$tx)
                .await?;
        }
        $crate::enrollment::record_history!(
            $tx,
            "Observation",
            o.id,
            1_i64,
            m.now,
            m.by.map(|u| u.to_string()),
            &o.body
        );
        if let Some((a, measurement, value)) = &m.alert {
            let unit = a.unit.to_string();
            let enrollment = a.enrollment.map(|e| e.to_string());
            $crate::alert::insert_alerts!(
                $tx,
                &[$crate::alert::NewAlertRow {
                    id: a.id.clone(),
                    patient: &o.patient_id,
                    unit: &unit,
                    enrollment: enrollment.as_deref(),
                    colour: a.colour,
                    observation: Some(&o.id),
                    measurement: measurement.as_str(),
                    label: None,
                    value: Some(*value),
                    raised_at: m.now,
                    escalate_at: a.escalate_at,
                    reason: a.reason,
                }]
            );
        }
    }};
}
pub(crate) use write_measurement;
