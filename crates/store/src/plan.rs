//! The patient's own limits in their self-management plan: set by a clinician for one
//! enrollment and one measurement, they replace the program's default numbers.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::patient::Patient;
use carepath_domain::threshold::{Limits, MeasurementLimits};
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError};

/// The plan in force for one measurement of a patient.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The active enrollment it belongs to, and its unit (which gets the alerts).
    pub enrollment: Id<Enrollment>,
    pub unit: Id<carepath_domain::organization::Unit>,
    /// The limits: the program's, or the patient's own numbers with its advice; none
    /// when the program judges this measurement by its trend only.
    pub limits: Option<MeasurementLimits>,
    /// The program's trend rule for this measurement, if any.
    pub trend: Option<carepath_domain::threshold::TrendRule>,
    /// When the program escalates unacknowledged alerts.
    pub escalation: carepath_domain::threshold::Escalation,
}

/// What a patient's running enrollments make of one measurement.
#[derive(Debug, Clone, Default)]
pub struct PlanInForce {
    /// The plan that judges it (or owns it without judging), among the enrollments the
    /// caller acts under.
    pub plan: Option<Plan>,
    /// The units of every running enrollment whose program asks for it, whoever acts:
    /// they read the value (decision 0027).
    pub asking: Vec<Id<carepath_domain::organization::Unit>>,
}

/// A clinician's limits for one measurement of one enrollment.
#[derive(Debug, Clone, PartialEq)]
pub struct PatientLimits {
    pub measurement: String,
    pub limits: Limits,
    pub set_by: String,
    pub set_at: DateTime<Utc>,
}

type Row = (
    String,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    String,
    DateTime<Utc>,
);

impl Store {
    /// The limits a clinician has set for `enrollment`, by measurement key, with the name
    /// of who set them.
    pub async fn patient_limits(&self, enrollment: Id<Enrollment>) -> Result<Vec<PatientLimits>> {
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT l.measurement, l.red_below, l.yellow_below, l.yellow_above, l.red_above,
                        u.display_name, l.set_at
                 FROM patient_limits l JOIN users u ON u.id = l.set_by
                 WHERE l.enrollment_id = $1 ORDER BY l.measurement",
            )
            .bind(enrollment.to_string())
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(measurement, rb, yb, ya, ra, set_by, set_at)| PatientLimits {
                    measurement,
                    limits: Limits {
                        red_below: rb,
                        yellow_below: yb,
                        yellow_above: ya,
                        red_above: ra,
                    },
                    set_by,
                    set_at,
                },
            )
            .collect())
    }

    /// Sets (or with `None`, removes) the patient's own limits for `measurement`, with the
    /// access-log `audit` events, in one transaction.
    pub async fn set_patient_limits(
        &self,
        enrollment: Id<Enrollment>,
        measurement: &str,
        limits: Option<&Limits>,
        by: Id<UserAccount>,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query("DELETE FROM patient_limits WHERE enrollment_id = $1 AND measurement = $2")
                .bind(enrollment.to_string())
                .bind(measurement)
                .execute(&mut **tx)
                .await?;
            if let Some(l) = limits {
                sqlx::query(
                    "INSERT INTO patient_limits (enrollment_id, measurement, red_below, yellow_below,
                         yellow_above, red_above, set_by, set_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(enrollment.to_string())
                .bind(measurement)
                .bind(l.red_below)
                .bind(l.yellow_below)
                .bind(l.yellow_above)
                .bind(l.red_above)
                .bind(by.to_string())
                .bind(now)
                .execute(&mut **tx)
                .await?;
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })
    }

    /// The plan in force for `patient`'s measurement `key`, among the active, unpaused
    /// enrollments (newest first) run by `within` when given (a care team acts only under
    /// its own units' enrollments), chosen by `domain::program::plan_in_force`: its limits
    /// (with the patient's own numbers where a clinician has set them) and trend rule; and
    /// the units of all the running enrollments whose programs ask for it.
    pub async fn plan_limits(
        &self,
        patient: Id<Patient>,
        key: &str,
        within: Option<&[Id<carepath_domain::organization::Unit>]>,
    ) -> Result<PlanInForce> {
        // The patient's running enrollments with their own limits for `key`, in one query.
        type Row = (
            String,
            String,
            String,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<f64>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT e.id, e.unit_id, e.program_version_id, l.red_below, l.yellow_below,
                        l.yellow_above, l.red_above, l.measurement
                 FROM enrollments e
                 LEFT JOIN patient_limits l ON l.enrollment_id = e.id AND l.measurement = $2
                 WHERE e.patient_id = $1 AND e.status = 'active' AND e.paused_at IS NULL
                 ORDER BY e.enrolled_at DESC, e.id",
            )
            .bind(patient.to_string())
            .bind(key)
            .fetch_all(pool)
            .await
        })?;
        // The candidates' program versions, then the domain's choice among them.
        let mut candidates = Vec::with_capacity(rows.len());
        let mut asking = Vec::new();
        for row in rows {
            let unit: Id<carepath_domain::organization::Unit> = crate::parse_id(&row.1)?;
            let version = self
                .program_version_shared(crate::parse_id(&row.2)?)
                .await?;
            if version.definition.asks_for(key) && !asking.contains(&unit) {
                asking.push(unit);
            }
            if within.is_some_and(|units| !units.contains(&unit)) {
                continue;
            }
            candidates.push((row, unit, version));
        }
        let chosen = carepath_domain::program::plan_in_force(
            candidates.iter().map(|(_, _, v)| &v.definition),
            key,
        );
        let Some((row, unit, version)) = chosen.and_then(|i| candidates.into_iter().nth(i)) else {
            return Ok(PlanInForce { plan: None, asking });
        };
        let (enrollment, _, _, rb, yb, ya, ra, own) = row;
        let definition = &version.definition;
        let limits = definition.limits(key).map(|d| match own {
            Some(_) => d.personal(&Limits {
                red_below: rb,
                yellow_below: yb,
                yellow_above: ya,
                red_above: ra,
            }),
            None => d.clone(),
        });
        let plan = Some(Plan {
            enrollment: crate::parse_id(&enrollment)?,
            unit,
            limits,
            trend: definition
                .trend_rules
                .iter()
                .find(|t| t.measurement == key)
                .cloned(),
            escalation: definition.escalation,
        });
        Ok(PlanInForce { plan, asking })
    }
}
