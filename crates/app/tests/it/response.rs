//! Submitting a response: the one path the patient's page, the API and the demo take.

use carepath_app::response::{Submission, submit};
use carepath_domain::Id;
use carepath_domain::enrollment::Enrollment;
use carepath_fhir::{FormAnswers, QuestionnaireResponse};
use carepath_store::Store;
use carepath_test_support::each_backend;
use carepath_test_support::fixtures as setup;
use chrono::{DateTime, Duration, TimeZone, Utc};

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
    let mut response =
        QuestionnaireResponse::from_form(&q.questionnaire, &answers, &at.to_rfc3339()).unwrap();
    response.id = Some(Id::<QuestionnaireResponse>::new().to_string());
    let submitted = submit(
        store,
        Submission {
            patient: e.patient_id,
            enrollment: Some(e),
            acting_unit: None,
            questionnaire: &q,
            response,
            by: None,
            audit: None,
            existed: false,
        },
        at,
    )
    .await
    .unwrap();
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
