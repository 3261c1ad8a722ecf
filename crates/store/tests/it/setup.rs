//! What many tests start from: a unit running a shipped program, and active patients in it.

use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::organization::{OrganizationKind, Unit, UnitKind};
use carepath_domain::patient::Patient;
use carepath_store::Store;
use carepath_store::program::ImportOutcome;
use carepath_test_support::shipped_package;
use chrono::{DateTime, Utc};

use crate::patient::patient;

/// A unit named `name` in a new hospital, and the shipped package `folder` imported.
pub async fn unit_running(
    store: &Store,
    name: &str,
    folder: &str,
    at: DateTime<Utc>,
) -> (Unit, ImportOutcome) {
    let org = store
        .create_organization("Sykehus", OrganizationKind::Hospital, at)
        .await
        .unwrap();
    let unit = store
        .create_unit(org.id, name, UnitKind::Department, at)
        .await
        .unwrap();
    let imported = store
        .import_package(&shipped_package(folder), at)
        .await
        .unwrap();
    (unit, imported)
}

/// A new patient (`nine`: the first nine digits of the number) actively enrolled in
/// `program` in `unit` since `start`: terms accepted and screened eligible.
pub async fn active_patient(
    store: &Store,
    unit: &Unit,
    program: &ImportOutcome,
    nine: &str,
    name: &str,
    start: DateTime<Utc>,
) -> (Patient, Enrollment) {
    let p = patient(nine, name);
    store.create_patient(&p, start, &[]).await.unwrap();
    let mut e = Enrollment::new(p.id, unit.id, program.version_id, start);
    store.create_enrollment(&e, None, None, &[]).await.unwrap();
    let before = e.version;
    e.accept_terms(start).unwrap();
    e.record_screening(&ScreeningOutcome::Eligible, start)
        .unwrap();
    store
        .save_enrollment(&e, before, None, start, &[])
        .await
        .unwrap();
    (p, e)
}
