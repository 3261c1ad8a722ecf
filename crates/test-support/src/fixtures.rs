//! What many storage and use-case tests start from: a unit running a shipped program,
//! and patients, actively enrolled in it or not.

use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::organization::{OrganizationKind, Unit, UnitKind};
use carepath_domain::patient::Patient;
use carepath_domain::{Id, NationalIdNumber};
use carepath_store::Store;
use carepath_store::program::ImportOutcome;
use chrono::{DateTime, Utc};

use crate::shipped_package;

/// A patient (not stored) with the number completed from its first nine digits `nine`.
///
/// # Panics
/// When `nine` cannot start a valid national identity number.
pub fn patient(nine: &str, name: &str) -> Patient {
    let nin = NationalIdNumber::complete(nine).expect("valid test number");
    Patient {
        updated_at: None,
        id: Id::new(),
        birth_date: nin.birth_date().expect("a birth date"),
        nin,
        name: name.into(),
        user_id: None,
        gp_name: Some("Dr. Fastlege".into()),
        gp_her_id: None,
        managing_unit: None,
        version: 1,
        email: None,
        mobile: None,
        name_parts: Default::default(),
        gender: None,
    }
}

/// A unit named `name` in a new hospital, and the shipped package `folder` imported.
///
/// # Panics
/// When the database refuses.
pub async fn unit_running(
    store: &Store,
    name: &str,
    folder: &str,
    at: DateTime<Utc>,
) -> (Unit, ImportOutcome) {
    let org = store
        .create_organization("Sykehus", OrganizationKind::Hospital, at)
        .await
        .expect("stored");
    let unit = store
        .create_unit(org.id, name, UnitKind::Department, at)
        .await
        .expect("stored");
    let imported = store
        .import_package(&shipped_package(folder), at)
        .await
        .expect("stored");
    (unit, imported)
}

/// A new patient (`nine`: the first nine digits of the number) actively enrolled in
/// `program` in `unit` since `start`: terms accepted and screened eligible.
///
/// # Panics
/// When the database refuses.
pub async fn active_patient(
    store: &Store,
    unit: &Unit,
    program: &ImportOutcome,
    nine: &str,
    name: &str,
    start: DateTime<Utc>,
) -> (Patient, Enrollment) {
    let p = patient(nine, name);
    store.create_patient(&p, start, &[]).await.expect("stored");
    let mut e = Enrollment::new(p.id, unit.id, program.version_id, start);
    store
        .create_enrollment(&e, None, None, &[])
        .await
        .expect("stored");
    let before = e.version;
    e.accept_terms(start).expect("stored");
    e.record_screening(&ScreeningOutcome::Eligible, start)
        .expect("stored");
    store
        .save_enrollment(&e, before, None, start, &[])
        .await
        .expect("stored");
    (p, e)
}
