//! The shared patient record: which units may change it, and changing the contact details
//! that messages and letters use.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// Whether one of `units` keeps records on the patient (the managing unit, or one running
/// an enrollment for them): those change the shared record; a unit that has only a
/// referral does not.
pub async fn may_change(
    store: &Store,
    patient: Id<Patient>,
    units: &[Id<Unit>],
) -> Result<bool, StoreError> {
    let keepers = store.record_units(patient).await?;
    Ok(units.iter().any(|u| keepers.contains(u)))
}

/// New contact details, checked (`carepath_domain::patient::{email_address,
/// mobile_number}`, `HerId::parse`); `None` removes one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub email: Option<String>,
    pub mobile: Option<String>,
    /// The GP, and the GP's HER-id where letters go (decision 0034).
    pub gp_name: Option<String>,
    pub gp_her_id: Option<carepath_domain::letter::HerId>,
}

/// Changes the patient's e-mail, mobile and GP, refusing it (`StoreError::Conflict`) when the
/// record changed since `version` was read; writes `audit` with it.
pub async fn change_contact(
    store: &Store,
    patient: Id<Patient>,
    version: i64,
    contact: Contact,
    audit: &[AuditEvent],
    now: DateTime<Utc>,
) -> Result<Patient, StoreError> {
    let mut p = store.patient(patient).await?;
    if p.version != version {
        return Err(StoreError::Conflict);
    }
    p.email = contact.email;
    p.mobile = contact.mobile;
    p.gp_name = contact.gp_name;
    p.gp_her_id = contact.gp_her_id;
    p.version = store.update_patient(&p, now, audit).await?;
    Ok(p)
}
