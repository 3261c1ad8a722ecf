//! Registering a referral to a unit's program: the patient is found by their national
//! identity number or registered, and the referral is stored, each with its access-log
//! event. A referral gives the unit a care relationship with the patient (their
//! demographics, its own work), never another unit's records (decision 0026).

use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::program::Program;
use carepath_domain::referral::{HeardAbout, Referral, ReferralSource};
use carepath_domain::user::UserAccount;
use carepath_domain::{Id, NationalIdNumber};
use carepath_store::Store;
use carepath_store::enrollment::NewReferral;
use chrono::{DateTime, Utc};

/// A referral as the care team received it.
#[derive(Debug)]
pub struct Received<'a> {
    pub nin: NationalIdNumber,
    /// The patient's name and GP, for a patient not registered yet (a registered one
    /// keeps theirs).
    pub name: &'a str,
    pub gp: Option<&'a str>,
    /// The GP's HER-id, where letters to the GP go (decision 0034).
    pub gp_her_id: Option<carepath_domain::letter::HerId>,
    /// The language a new patient reads, for what is sent to them (bokmål when `None`);
    /// a patient registered before keeps theirs.
    pub language: Option<carepath_domain::Lang>,
    /// Where a new patient's messages go (checked); a patient registered before keeps
    /// theirs, changed on their page.
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub unit: Id<Unit>,
    pub program: Id<Program>,
    pub source: ReferralSource,
    pub heard_about: HeardAbout,
    /// The referring GP's region (decision 0053), when known.
    pub region: Option<carepath_domain::region::Region>,
    pub by: Id<UserAccount>,
    /// The access-log event of this request (action and resource filled in per record).
    pub audit: &'a AuditEvent,
}

/// What was registered.
#[derive(Debug)]
pub struct Registered {
    pub patient: Id<Patient>,
    pub referral: Id<Referral>,
    /// Whether the patient was registered by this referral.
    pub new_patient: bool,
}

/// Why a referral could not be registered: the patient could not be found or registered.
pub type RegisterError = crate::patient::FindError;

/// Registers `referral` at `now`.
pub async fn register(
    store: &Store,
    referral: Received<'_>,
    now: DateTime<Utc>,
) -> Result<Registered, RegisterError> {
    let event = |patient: Id<Patient>, resource_type: &'static str, id: String| AuditEvent {
        action: AuditAction::Create,
        patient: Some(patient),
        resource_type,
        resource_id: id,
        ..referral.audit.clone()
    };
    let new = crate::patient::NewPatient {
        name: referral.name,
        gp: referral.gp,
        gp_her_id: referral.gp_her_id.clone(),
        email: referral.email.clone(),
        mobile: referral.mobile.clone(),
    };
    let (patient, new_patient) =
        crate::patient::find_or_register(store, &referral.nin, &new, referral.audit, now).await?;
    // The first invitation and reminders are then in the patient's language; a patient
    // registered before keeps the language they chose themselves.
    if let Some(lang) = referral.language.filter(|_| new_patient) {
        store.set_patient_language(patient, lang).await?;
    }
    let id = Id::new();
    store
        .create_referral(
            &NewReferral {
                id,
                patient,
                unit: referral.unit,
                program: referral.program,
                source: referral.source,
                heard_about: referral.heard_about,
                region: referral.region,
                registered_by: referral.by,
                received_at: now,
            },
            &[event(patient, "ServiceRequest", id.to_string())],
        )
        .await?;
    Ok(Registered {
        patient,
        referral: id,
        new_patient,
    })
}

/// The programs `unit` takes referrals to: those it runs, planned or running (decision
/// 0054); a paused or ended one takes none.
pub async fn open_programs(
    store: &Store,
    unit: carepath_domain::Id<Unit>,
) -> Result<Vec<carepath_domain::program::ProgramVersion>, carepath_store::StoreError> {
    let places = store.program_places().await?;
    Ok(store
        .unit_programs(unit)
        .await?
        .into_iter()
        .filter(|v| {
            places
                .iter()
                .find(|(u, p, _)| *u == unit && *p == v.program_id)
                .is_none_or(|(_, _, how)| how.status.takes_referrals())
        })
        .collect())
}
