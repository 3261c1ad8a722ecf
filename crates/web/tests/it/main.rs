//! In-process HTTP tests of the pages, on SQLite and PostgreSQL (a fresh demo database
//! per test and backend).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod access;
mod activity;
mod appointments;
mod audit_log;
mod bad_input;
mod clinician;
mod courses;
mod emergency;
mod fhir;
mod fhir_batch;
mod fhir_capabilities;
mod fhir_conditional;
mod fhir_measurements;
mod fhir_plans;
mod fhir_questionnaires;
mod fhir_sdc;
mod fhir_search;
mod fhir_tasks;
mod group_courses;
mod hardening;
mod journey;
mod language_walk;
mod languages;
mod letters;
mod local_sign_in;
mod matrix;
mod messages;
mod oidc;
mod outcomes;
mod own_data;
mod platform;
mod procedures;
mod public_pages;
mod safety;
mod segmentation;
mod worklist;

use carepath_domain::enrollment::Enrollment;
use carepath_domain::patient::Patient;
use carepath_domain::{Id, NationalIdNumber};
use carepath_test_support::app::{Session, TestApp};
use chrono::NaiveDate;

/// Adds a patient invited to the IBS school in unit 1, born on `birth`, and signs them in.
pub async fn invited_patient(app: &TestApp, username: &str, birth: &str) -> Session {
    let store = &app.db.store;
    let now = carepath_domain::clock::Clock::now(app.clock.as_ref());
    let birth: NaiveDate = birth.parse().unwrap();
    let nin = (0..1000)
        .find_map(|ind| {
            let base = if chrono::Datelike::year(&birth) >= 2000 {
                500
            } else {
                0
            };
            NationalIdNumber::complete(&format!(
                "{}{:03}",
                birth.format("%d%m%y"),
                (base + ind) % 1000
            ))
            .filter(|n| n.birth_date().ok() == Some(birth))
        })
        .unwrap();
    let user_id = app.patient_account(username).await;
    let patient = Patient {
        updated_at: None,
        id: Id::new(),
        nin,
        name: format!("{username} Testesen"),
        birth_date: birth,
        user_id: Some(user_id),
        gp_name: None,
        gp_her_id: None,
        managing_unit: None,
        version: 1,
        email: None,
        mobile: None,
        name_parts: Default::default(),
        gender: None,
    };
    store.create_patient(&patient, now, &[]).await.unwrap();
    let (unit, version) = app.demo_unit_and_program().await;
    store
        .create_enrollment(
            &Enrollment::new(patient.id, unit, version.id, now),
            None,
            None,
            &[],
        )
        .await
        .unwrap();
    app.sign_in(username).await
}

/// The national identity number of the demo patient `username`.
pub async fn nin_of(app: &TestApp, username: &str) -> String {
    let store = &app.db.store;
    let user = store.user_by_username(username).await.unwrap().unwrap();
    let patient = store.patient_for_user(user.id).await.unwrap().unwrap();
    patient.nin.expose()
}

/// The patient id of the demo patient `username`.
pub async fn patient_id_of(app: &TestApp, username: &str) -> String {
    let store = &app.db.store;
    let user = store.user_by_username(username).await.unwrap().unwrap();
    store
        .patient_for_user(user.id)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

/// The IBS symptom score questionnaire's canonical (our placeholder structure).
pub const IBS: &str = "https://carepath.no/fhir/Questionnaire/ibs-sss-struktur|1.0.0";

/// A completed IBS symptom score of `patient` through the API, with the five component
/// values, answered at `authored`.
pub fn ibs_response(patient: &str, values: [i64; 5], authored: &str) -> serde_json::Value {
    let ids = [
        "smerte-styrke",
        "smerte-dager",
        "oppblasthet",
        "avforing-misnoye",
        "livet-pavirket",
    ];
    serde_json::json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": IBS,
        "status": "completed",
        "subject": { "reference": format!("Patient/{patient}") },
        "authored": authored,
        "item": ids.iter().zip(values).map(|(id, v)| serde_json::json!({
            "linkId": id, "answer": [{ "valueInteger": v }]
        })).collect::<Vec<_>>()
    })
}

/// The first program offered in a referral form's page.
pub fn first_program_option(page: &str) -> String {
    page.split(r#"<option value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a program to choose")
        .to_owned()
}

/// A valid baseline answer.
pub const BASELINE: [(&str, &str); 5] = [
    ("smerte-styrke", "60"),
    ("smerte-dager", "6"),
    ("oppblasthet", "55"),
    ("avforing-misnoye", "70"),
    ("livet-pavirket", "40"),
];
