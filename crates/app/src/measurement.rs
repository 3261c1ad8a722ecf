//! Recording a measurement a patient took (self-registration, or their care team through
//! the API): judged by the plan in force (the program's limits or the patient's own, and
//! its trend rule), owned by the unit of the enrollment whose program asks for it (and
//! read by every other unit whose running enrollment asks for it too), and stored with
//! the alert it raises and its access-log event in one transaction.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::measurement::MeasurementKind;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::threshold::{Colour, judge};
use carepath_domain::user::UserAccount;
use carepath_store::measurement::NewAlert;
use carepath_store::response::NewObservation;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// One measurement to record.
#[derive(Debug)]
pub struct Measured<'a> {
    pub patient: Id<Patient>,
    pub kind: MeasurementKind,
    pub value: f64,
    /// When it was taken, as sent (kept in the resource) and as an instant.
    pub effective: &'a str,
    pub effective_at: DateTime<Utc>,
    pub by: Option<Id<UserAccount>>,
    /// The units a care team member acts for: only their enrollments' plans judge it and
    /// own it. `None` for the patient themselves (any of their enrollments).
    pub within: Option<&'a [Id<Unit>]>,
    /// The care team's unit that records it; `None` for the patient themselves. Owns it
    /// when no enrollment's program asks for this measurement (`ownership.rs`).
    pub acting_unit: Option<Id<Unit>>,
    /// The access-log event of this request, its resource filled in here; `None` writes
    /// none (the demo).
    pub audit: Option<&'a AuditEvent>,
}

/// What was recorded.
#[derive(Debug)]
pub struct Recorded {
    /// The Observation's id and resource.
    pub id: String,
    pub resource: serde_json::Value,
    /// Its colour by the plan in force, when a plan judges it.
    pub colour: Option<Colour>,
    pub owner: Option<Id<Unit>>,
}

/// Records `m` at `now` (see the module's description).
pub async fn record(
    store: &Store,
    m: Measured<'_>,
    now: DateTime<Utc>,
) -> Result<Recorded, StoreError> {
    let key = m.kind.info().key;
    let id = Id::<NewObservation>::new().to_string();
    let resource = carepath_fhir::observation::measurement_observation(
        &id,
        &m.patient.to_string(),
        m.kind,
        m.value,
        m.effective,
    );
    let in_force = store.plan_limits(m.patient, key, m.within).await?;
    let plan = in_force.plan;
    let mut colour = None;
    let alert = match &plan {
        Some(plan) => {
            let by_limits = plan.limits.as_ref().map(|l| l.colour(m.value));
            // A change over days, against the patient's values of those days.
            let by_trend = match &plan.trend {
                Some(rule) => {
                    let since = m.effective_at - chrono::Duration::days(i64::from(rule.days));
                    let earlier = store
                        .measurement_values_since(m.patient, key, since)
                        .await?;
                    rule.broken_by(m.value, &earlier)
                        .and_then(|_| Colour::parse(&rule.colour))
                }
                None => None,
            };
            if plan.limits.is_some() || plan.trend.is_some() {
                colour = Some(Colour::Green);
            }
            judge(by_limits, by_trend).map(|(c, reason)| {
                colour = Some(c);
                NewAlert {
                    id: Id::<NewAlert>::new().to_string(),
                    unit: plan.unit,
                    enrollment: Some(plan.enrollment),
                    colour: c,
                    escalate_at: plan.escalation.due(c, now),
                    reason,
                    observation: Some(id.clone()),
                }
            })
        }
        None => None,
    };
    let owner = match &plan {
        Some(plan) => Some(plan.unit),
        None => crate::ownership::owner_outside_enrollment(store, m.patient, m.acting_unit).await?,
    };
    // Every other unit whose running enrollment asks for it reads it too.
    let readers: Vec<_> = in_force
        .asking
        .into_iter()
        .filter(|u| Some(*u) != owner)
        .collect();
    let observation = NewObservation {
        id: id.clone(),
        patient_id: m.patient.to_string(),
        code: key.to_owned(),
        value: Some(m.value),
        band: None,
        body: resource.clone(),
        unit: owner,
        readers,
    };
    let events: Vec<AuditEvent> = m
        .audit
        .map(|base| AuditEvent {
            action: AuditAction::Create,
            resource_type: "Observation",
            resource_id: id.clone(),
            ..base.clone()
        })
        .into_iter()
        .collect();
    store
        .save_measurement(
            &observation,
            alert.as_ref(),
            m.effective_at,
            m.by,
            &events,
            now,
        )
        .await?;
    Ok(Recorded {
        id,
        resource,
        colour,
        owner,
    })
}
