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

/// A patient not registered yet, as a referral or a procedure registration names them.
#[derive(Debug, Clone)]
pub struct NewPatient<'a> {
    pub name: &'a str,
    pub gp: Option<&'a str>,
    pub gp_her_id: Option<carepath_domain::letter::HerId>,
    pub email: Option<String>,
    pub mobile: Option<String>,
}

/// Why a patient could not be found or registered.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    /// A new patient's number holds no valid birth date.
    #[error("the number holds no valid birth date")]
    NoBirthDate,
    /// A new patient needs a name.
    #[error("a new patient needs a name")]
    NoName,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The patient with `nin`, or a new one registered with `new` and the `audit` event of the
/// creation (action and resource filled in). Also says whether the patient is new.
pub async fn find_or_register(
    store: &Store,
    nin: &carepath_domain::NationalIdNumber,
    new: &NewPatient<'_>,
    audit: &AuditEvent,
    now: DateTime<Utc>,
) -> Result<(Id<Patient>, bool), FindError> {
    if let Some(existing) = store.patient_by_nin(nin).await? {
        return Ok((existing.id, false));
    }
    if new.name.trim().is_empty() {
        return Err(FindError::NoName);
    }
    let birth_date = nin.birth_date().map_err(|_| FindError::NoBirthDate)?;
    let p = Patient {
        updated_at: None,
        id: Id::new(),
        birth_date,
        nin: nin.clone(),
        name: new.name.trim().to_owned(),
        user_id: None,
        gp_name: new.gp.filter(|g| !g.is_empty()).map(str::to_owned),
        gp_her_id: new.gp_her_id.clone(),
        managing_unit: None,
        version: 1,
        email: new.email.clone(),
        mobile: new.mobile.clone(),
        name_parts: Default::default(),
        gender: None,
    };
    let event = AuditEvent {
        action: carepath_domain::audit::AuditAction::Create,
        patient: Some(p.id),
        resource_type: "Patient",
        resource_id: p.id.to_string(),
        ..audit.clone()
    };
    store.create_patient(&p, now, &[event]).await?;
    Ok((p.id, true))
}
