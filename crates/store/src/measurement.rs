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

/// The alerts the program's score rules raise for the scores `observations` of a response
/// in `enrollment` (a score in a yellow or red band), at `now`.
pub fn score_alerts(
    def: &carepath_domain::program::ProgramDefinition,
    enrollment: &carepath_domain::enrollment::Enrollment,
    observations: &[NewObservation],
    now: DateTime<Utc>,
) -> Vec<NewAlert> {
    observations
        .iter()
        .filter_map(|o| {
            let rule = def.score_rules.iter().find(|r| r.score == o.code)?;
            let colour = rule.colour(o.band.as_deref()?)?;
            Some(NewAlert {
                id: Id::<NewAlert>::new().to_string(),
                unit: enrollment.unit_id,
                enrollment: Some(enrollment.id),
                colour,
                escalate_at: def.escalation.due(colour, now),
                reason: crate::alert::AlertReason::Score,
                observation: Some(o.id.clone()),
            })
        })
        .collect()
}

/// One stored measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The measurement's key (`spo2`, `vekt`, ...).
    pub key: String,
    pub value: f64,
    pub effective_at: DateTime<Utc>,
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
                "SELECT code, value, effective_at FROM observations
                 WHERE patient_id = $1 AND response_id IS NULL
                 ORDER BY effective_at DESC, id DESC LIMIT $2",
            )
            .bind(patient.to_string())
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(key, value, effective_at)| {
                Some(Measurement {
                    key,
                    value: value?,
                    effective_at,
                })
            })
            .collect())
    }

    /// The values of `patient`'s measurement `key` taken since `since`.
    async fn measurement_values_since(
        &self,
        patient: Id<carepath_domain::patient::Patient>,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<f64>> {
        let rows: Vec<(Option<f64>,)> = crate::db::on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT value FROM observations
                 WHERE patient_id = $1 AND code = $2 AND effective_at >= $3 AND response_id IS NULL",
            )
            .bind(patient.to_string())
            .bind(key)
            .bind(since)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().filter_map(|(v,)| v).collect())
    }

    /// Records a measurement `patient` took at `effective` (as sent, and as an instant),
    /// by `by`, with the access-log events `audit` makes for the new Observation's id: the
    /// plan in force ([`Store::plan_limits`]) decides its colour, and yellow or red raises
    /// an alert for that enrollment's unit in the same transaction. Returns the
    /// Observation's id and resource. One path for the patient's page, the API and the demo.
    #[allow(clippy::too_many_arguments)]
    pub async fn record_measurement(
        &self,
        patient: Id<carepath_domain::patient::Patient>,
        kind: carepath_domain::measurement::MeasurementKind,
        value: f64,
        effective: (&str, DateTime<Utc>),
        by: Option<Id<UserAccount>>,
        now: DateTime<Utc>,
        audit: impl FnOnce(&str) -> Vec<AuditEvent>,
    ) -> Result<(String, serde_json::Value)> {
        let id = Id::<NewObservation>::new().to_string();
        let resource = carepath_fhir::observation::measurement_observation(
            &id,
            &patient.to_string(),
            kind,
            value,
            effective.0,
        );
        let observation = NewObservation {
            id: id.clone(),
            patient_id: patient.to_string(),
            code: kind.info().key.to_owned(),
            value: Some(value),
            band: None,
            body: resource.clone(),
        };
        let alert = match self.plan_limits(patient, kind.info().key).await? {
            Some(plan) => {
                use crate::alert::AlertReason;
                use carepath_domain::threshold::Colour;
                let by_limits = plan.limits.as_ref().map(|l| l.colour(value));
                // A change over days, against the patient's values of those days.
                let by_trend = match &plan.trend {
                    Some(rule) => {
                        let since = effective.1 - chrono::Duration::days(i64::from(rule.days));
                        let earlier = self
                            .measurement_values_since(patient, kind.info().key, since)
                            .await?;
                        rule.broken_by(value, &earlier)
                            .and_then(|_| Colour::parse(&rule.colour))
                    }
                    None => None,
                };
                // The worse of the two raises the alert.
                let (colour, reason) = match (by_limits, by_trend) {
                    (Some(l), Some(t)) if t > l => (t, AlertReason::Trend),
                    (Some(l), _) if l != Colour::Green => (l, AlertReason::Value),
                    (_, Some(t)) => (t, AlertReason::Trend),
                    _ => (Colour::Green, AlertReason::Value),
                };
                (colour != Colour::Green).then(|| NewAlert {
                    id: Id::<NewAlert>::new().to_string(),
                    unit: plan.unit,
                    enrollment: Some(plan.enrollment),
                    colour,
                    escalate_at: plan.escalation.due(colour, now),
                    reason,
                    observation: Some(id.clone()),
                })
            }
            None => None,
        };
        self.save_measurement(
            &observation,
            alert.as_ref(),
            effective.1,
            by,
            &audit(&id),
            now,
        )
        .await?;
        Ok((id, resource))
    }

    /// Stores one measurement taken at `effective_at`, the alert it raises if any, and the
    /// access-log `audit` events, in one transaction.
    pub async fn save_measurement(
        &self,
        o: &NewObservation,
        alert: Option<&NewAlert>,
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
            if let Some(a) = alert {
                sqlx::query(
                    "INSERT INTO alerts (id, patient_id, unit_id, enrollment_id, colour, observation_id,
                         measurement, value, status, raised_at, version, escalate_at, reason)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, 1, $10, $11)",
                )
                .bind(&a.id)
                .bind(&o.patient_id)
                .bind(a.unit.to_string())
                .bind(a.enrollment.map(|e| e.to_string()))
                .bind(a.colour.as_str())
                .bind(&o.id)
                .bind(&o.code)
                .bind(o.value)
                .bind(now)
                .bind(a.escalate_at)
                .bind(a.reason.as_str())
                .execute(&mut **tx)
                .await?;
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
