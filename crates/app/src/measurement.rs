//! Recording a measurement a patient took (self-registration, or their care team through
//! the API), one value or blood pressure's two as one panel: each number judged by the plan in force (the program's limits or the patient's own, and
//! its trend rule), owned by the unit of the enrollment whose program asks for it (and
//! read by every other unit whose running enrollment asks for it too), and stored with
//! the alert it raises and its access-log event in one transaction.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::measurement::Entry;
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
    pub entry: Entry,
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
    /// Its colour by the plan in force, when a plan judges it (the worse of a panel's).
    pub colour: Option<Colour>,
    pub owner: Option<Id<Unit>>,
}

/// Records `m` at `now` (see the module's description).
pub async fn record(
    store: &Store,
    m: Measured<'_>,
    now: DateTime<Utc>,
) -> Result<Recorded, StoreError> {
    let id = Id::<NewObservation>::new().to_string();
    let resource = carepath_fhir::observation::measurement_observation(
        &id,
        &m.patient.to_string(),
        m.entry,
        m.effective,
    );
    // Each number by its own plan; a panel raises at most one alert, for its worst number.
    let mut plan = None;
    let mut asking = Vec::new();
    let mut colour = None;
    let mut alert: Option<(NewAlert, &'static str, f64)> = None;
    for (kind, value) in m.entry.values() {
        let key = kind.info().key;
        let in_force = store.plan_limits(m.patient, key, m.within).await?;
        for unit in in_force.asking {
            if !asking.contains(&unit) {
                asking.push(unit);
            }
        }
        let Some(this) = in_force.plan else {
            continue;
        };
        let by_limits = this.limits.as_ref().map(|l| l.colour(value));
        // A change over days, against the patient's values of those days.
        let by_trend = match &this.trend {
            Some(rule) => {
                let since = m.effective_at - chrono::Duration::days(i64::from(rule.days));
                let earlier = store
                    .measurement_values_since(m.patient, key, since)
                    .await?;
                rule.broken_by(value, &earlier)
                    .and_then(|_| Colour::parse(&rule.colour))
            }
            None => None,
        };
        if this.limits.is_some() || this.trend.is_some() {
            colour = colour.max(Some(Colour::Green));
        }
        if let Some((c, reason)) = judge(by_limits, by_trend) {
            colour = colour.max(Some(c));
            if alert.as_ref().is_none_or(|(a, ..)| c > a.colour) {
                alert = Some((
                    NewAlert {
                        id: Id::<NewAlert>::new().to_string(),
                        unit: this.unit,
                        enrollment: Some(this.enrollment),
                        colour: c,
                        escalate_at: this.escalation.due(c, now),
                        reason,
                        observation: Some(id.clone()),
                    },
                    key,
                    value,
                ));
            }
        }
        plan = plan.or(Some(this));
    }
    let owner = match &plan {
        Some(plan) => Some(plan.unit),
        None => crate::ownership::owner_outside_enrollment(store, m.patient, m.acting_unit).await?,
    };
    // Every other unit whose running enrollment asks for it reads it too.
    let readers: Vec<_> = asking.into_iter().filter(|u| Some(*u) != owner).collect();
    let observation = NewObservation {
        id: id.clone(),
        patient_id: m.patient.to_string(),
        code: m.entry.key().to_owned(),
        value: match m.entry {
            Entry::One(_, v) => Some(v),
            Entry::BloodPressure { .. } => None,
        },
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
    let components: Vec<(&str, f64)> = match m.entry {
        Entry::One(..) => Vec::new(),
        Entry::BloodPressure { .. } => m
            .entry
            .values()
            .into_iter()
            .map(|(kind, v)| (kind.info().key, v))
            .collect(),
    };
    store
        .save_measurement(
            &observation,
            &components,
            alert.as_ref().map(|(a, key, value)| (a, *key, *value)),
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
