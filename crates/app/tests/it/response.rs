//! Submitting a response: the one path the patient's page, the API and the demo take.

use carepath_app::response::{Submission, submit};
use carepath_domain::Id;
use carepath_domain::enrollment::Enrollment;
use carepath_fhir::{FormAnswers, QuestionnaireResponse};
use carepath_store::Store;
use carepath_test_support::each_backend;
use carepath_test_support::fixtures as setup;
use chrono::{DateTime, Duration, TimeZone, Utc};

/// `answers` to `q` from the enrollment's patient at `at`, sent through the use case.
async fn send(
    store: &Store,
    e: &Enrollment,
    q: &carepath_store::program::StoredQuestionnaire,
    answers: &FormAnswers,
    at: DateTime<Utc>,
    public_url: Option<&str>,
) -> carepath_app::response::Submitted {
    let mut response =
        QuestionnaireResponse::from_form(&q.questionnaire, answers, &at.to_rfc3339()).unwrap();
    response.id = Some(Id::<QuestionnaireResponse>::new().to_string());
    submit(
        store,
        Submission {
            patient: e.patient_id,
            enrollment: Some(e),
            acting_unit: None,
            questionnaire: q,
            response,
            by: None,
            audit: None,
            existed: false,
            public_url,
        },
        at,
    )
    .await
    .unwrap()
}

/// The home follow-up's weekly form answered in its worst band (a red score rule).
async fn answer_badly(store: &Store, e: &Enrollment, at: DateTime<Utc>) -> usize {
    let q = store
        .questionnaire(e.program_version_id, "ukeskjema")
        .await
        .unwrap();
    let answers: FormAnswers = [
        ("tung-pust", "6"),
        ("hoste", "6"),
        ("slapp", "6"),
        ("hovne-ben", "true"),
        ("flere-puter", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), vec![v.to_owned()]))
    .collect();
    let submitted = send(store, e, &q, &answers, at, None).await;
    assert!(!submitted.scores.is_empty(), "the weekly form is scored");
    assert_eq!(
        submitted.owner,
        Some(e.unit_id),
        "owned by the enrollment's unit"
    );
    submitted.alerts
}

#[tokio::test]
async fn a_paused_enrollments_response_is_kept_and_scored_but_raises_no_alert() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, program) =
            setup::unit_running(store, "Hjemmeoppfølging", "hjemmeoppfolging", start).await;
        let (_, mut e) =
            setup::active_patient(store, &unit, &program, "010190000", "Pia Pause", start).await;
        let at = start + Duration::days(2);
        assert_eq!(answer_badly(store, &e, at).await, 1, "{}", db.label);

        let before = e.version;
        e.pause(at).unwrap();
        store
            .save_enrollment(&e, before, None, at, &[])
            .await
            .unwrap();
        let e = store.enrollment(e.id).await.unwrap();
        assert_eq!(
            answer_badly(store, &e, at + Duration::hours(1)).await,
            0,
            "paused: no one is watching, so no alert ({})",
            db.label
        );
        let alerts = store
            .dump_for_tests("SELECT CAST(COUNT(*) AS TEXT) FROM alerts")
            .await
            .unwrap();
        assert_eq!(alerts, "1");
        let kept = store
            .dump_for_tests(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM questionnaire_responses WHERE unit_id = '{}'",
                unit.id
            ))
            .await
            .unwrap();
        assert_eq!(kept, "2", "both responses kept, owned by the unit");
    }
}

/// Asking for an appointment (the consultation question answered yes) sends the patient a
/// receipt, once per response, without saying what it is about; "no" sends nothing.
#[tokio::test]
async fn a_request_for_an_appointment_gets_a_receipt() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, program) = setup::unit_running(store, "Ortopedi", "handleddsbrudd", start).await;
        let (p, e) =
            setup::active_patient(store, &unit, &program, "010190000", "Tor Time", start).await;
        let mut patient = store.patient(p.id).await.unwrap();
        patient.email = Some("tor@example.no".into());
        store.update_patient(&patient, start, &[]).await.unwrap();
        let q = store
            .questionnaire(e.program_version_id, "handleddsskjema")
            .await
            .unwrap();
        for (wants, at) in [("false", 1), ("true", 2)] {
            let answers: FormAnswers = [
                ("smerte-hvile", "2"),
                ("smerte-bruk", "4"),
                ("stivhet", "3"),
                ("hverdag", "2"),
                ("arbeid", "1"),
                ("onsker-time", wants),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), vec![v.to_owned()]))
            .collect();
            let when = start + Duration::days(at);
            send(
                store,
                &e,
                &q,
                &answers,
                when,
                Some("https://pasient.example.no"),
            )
            .await;
            let expected = if wants == "true" { 1 } else { 0 };
            assert_eq!(
                store.outbox_summary().await.unwrap().pending,
                expected,
                "{} after {wants}",
                db.label
            );
        }
    }
}
