//! The shared patient record: registering a patient and changing the record (the FHIR
//! API's create, update, conditional update, JSON Patch and transactions all call these),
//! which units may change it, and changing the contact details that messages and letters
//! use.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_fhir::patient::PatientFields;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

use crate::access::Actor;

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

/// Why a care team member's registration or change of a patient was refused.
#[derive(Debug, thiserror::Error)]
pub enum PatientError {
    /// Only the care team registers and changes patients.
    #[error("not a care team member")]
    Forbidden,
    /// No such patient, or one the actor does not reach (the same answer).
    #[error("no patient the actor reaches")]
    NotFound,
    /// The unit named to manage the patient is not one of the actor's.
    #[error("the managing unit is not one of the actor's")]
    NotYourUnit,
    /// The actor works in several units and named none to manage the patient.
    #[error("no managing unit named")]
    WhichUnit,
    /// The number is registered already: the patient, when the actor may see them.
    #[error("the number is registered")]
    Registered(Option<Id<Patient>>),
    /// The actor's units have only a referral: they do not change the shared record.
    #[error("the actor's units keep no records on the patient")]
    NotAKeeper,
    /// `If-Match` named an older version than `current`.
    #[error("the version asked for is not the current one")]
    Stale { current: i64 },
    /// Someone else changed the record between reading and writing it.
    #[error("the record changed meanwhile")]
    ChangedMeanwhile,
    /// Storing a registration failed on a number that is then not found: try again.
    #[error("the registration could not be stored")]
    NotRegistered,
    /// The new number belongs to another patient.
    #[error("the number belongs to another patient")]
    NumberTaken,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The unit that will manage a patient the actor registers or changes: the one `named`
/// (one of the actor's units), or else the `current` one, or else the actor's only unit.
fn managing_unit(
    actor: &Actor,
    named: Option<&str>,
    current: Option<Id<Unit>>,
) -> Result<Id<Unit>, PatientError> {
    let units = actor.care_units();
    match (named, current) {
        (Some(named), _) => named
            .parse()
            .ok()
            .filter(|u| units.contains(u))
            .ok_or(PatientError::NotYourUnit),
        (None, Some(current)) => Ok(current),
        (None, None) => match units.as_slice() {
            [only] => Ok(*only),
            _ => Err(PatientError::WhichUnit),
        },
    }
}

/// The refusal of a number already registered as `existing`, naming the patient only to
/// an actor who may see them.
async fn already_registered(
    store: &Store,
    actor: &Actor,
    existing: Id<Patient>,
) -> Result<PatientError, StoreError> {
    let visible = actor
        .patient(store, existing)
        .await?
        .is_some_and(|r| r.by.is_some());
    Ok(PatientError::Registered(visible.then_some(existing)))
}

/// A patient a care team member registers from `fields`, checked (the number not yet
/// registered, managed by one of their units), with the access-log event of registering
/// them; not yet stored (a transaction stores several together).
pub async fn registration(
    store: &Store,
    actor: &Actor,
    fields: PatientFields,
    now: DateTime<Utc>,
) -> Result<(Patient, AuditEvent), PatientError> {
    if !actor.is_care_team() {
        return Err(PatientError::Forbidden);
    }
    let unit = managing_unit(actor, fields.managing_unit.as_deref(), None)?;
    if let Some(existing) = store.patient_by_nin(&fields.nin).await? {
        return Err(already_registered(store, actor, existing.id).await?);
    }
    let patient = Patient {
        updated_at: Some(now),
        id: Id::new(),
        nin: fields.nin,
        name: fields.name,
        birth_date: fields.birth_date,
        user_id: None,
        gp_name: fields.gp_name,
        gp_her_id: fields.gp_her_id,
        managing_unit: Some(unit),
        version: 1,
        email: fields.email,
        mobile: fields.mobile,
        name_parts: fields.name_parts,
        gender: fields.gender,
    };
    let event = actor.event_in(unit, patient.id, AuditAction::Create, "Patient", patient.id);
    Ok((patient, event))
}

/// Registers the patient `fields` describe (a number not registered before).
pub async fn register(
    store: &Store,
    actor: &Actor,
    fields: PatientFields,
    now: DateTime<Utc>,
) -> Result<Patient, PatientError> {
    let (patient, event) = registration(store, actor, fields, now).await?;
    match store.create_patient(&patient, now, &[event]).await {
        Ok(()) => Ok(patient),
        Err(StoreError::Duplicate(_)) => Err(registered_meanwhile(store, actor, &patient).await),
        Err(e) => Err(e.into()),
    }
}

/// The refusal when `patient`'s number was registered by someone else a moment ago.
pub async fn registered_meanwhile(store: &Store, actor: &Actor, patient: &Patient) -> PatientError {
    match store.patient_by_nin(&patient.nin).await {
        Ok(Some(p)) => already_registered(store, actor, p.id)
            .await
            .unwrap_or_else(PatientError::Store),
        Ok(None) => PatientError::NotRegistered,
        Err(e) => e.into(),
    }
}

/// Changes the patient `id` to `fields`, for a care team member whose unit keeps records
/// on them; `expected` is the version the change was made from (`If-Match`), if known.
pub async fn change(
    store: &Store,
    actor: &Actor,
    id: Id<Patient>,
    fields: PatientFields,
    expected: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Patient, PatientError> {
    if !actor.is_care_team() {
        return Err(PatientError::Forbidden);
    }
    let Some(by) = actor.patient(store, id).await?.and_then(|r| r.by) else {
        return Err(PatientError::NotFound);
    };
    // The shared record is changed by the units that keep records on it (the managing
    // unit, or one running an enrollment), not by one that has only a referral.
    if !may_change(store, id, &actor.care_units()).await? {
        return Err(PatientError::NotAKeeper);
    }
    let current = store.patient(id).await?;
    if expected.is_some_and(|v| v != current.version) {
        return Err(PatientError::Stale {
            current: current.version,
        });
    }
    let managing = managing_unit(
        actor,
        fields.managing_unit.as_deref(),
        current.managing_unit,
    )?;
    let mut changed = Patient {
        updated_at: Some(now),
        nin: fields.nin,
        name: fields.name,
        birth_date: fields.birth_date,
        gp_name: fields.gp_name,
        gp_her_id: fields.gp_her_id,
        managing_unit: Some(managing),
        email: fields.email,
        mobile: fields.mobile,
        name_parts: fields.name_parts,
        gender: fields.gender,
        ..current
    };
    let (role, unit) = by.role_and_unit();
    let event = actor.event(role, unit, id, AuditAction::Update, "Patient", id);
    changed.version = store
        .update_patient(&changed, now, &[event])
        .await
        .map_err(|e| match e {
            StoreError::Conflict => PatientError::ChangedMeanwhile,
            StoreError::Duplicate(_) => PatientError::NumberTaken,
            other => other.into(),
        })?;
    Ok(changed)
}
