//! Need-driven follow-up with a fake clock: the wrist-fracture form at 12 weeks asks
//! "do you want an appointment?"; yes is an open request for the unit, no is counted, and
//! no answer when the form closes is recorded as such; the statistics count all three.

use carepath_domain::enrollment::Enrollment;
use carepath_store::Store;
use carepath_store::response::SaveResponse;
use carepath_test_support::each_backend;
use chrono::{DateTime, Duration, TimeZone, Utc};

use carepath_test_support::fixtures as setup;

const URL: &str = "https://pasient.example.no";

async fn answer(store: &Store, e: &Enrollment, yes: bool, at: DateTime<Utc>) {
    let q = store
        .questionnaire(e.program_version_id, "handleddsskjema")
        .await
        .unwrap();
    let mut items: Vec<serde_json::Value> = [
        "smerte-hvile",
        "smerte-bruk",
        "stivhet",
        "hverdag",
        "arbeid",
    ]
    .iter()
    .map(|l| serde_json::json!({ "linkId": l, "answer": [{ "valueInteger": 2 }] }))
    .collect();
    items.push(serde_json::json!({ "linkId": "onsker-time", "answer": [{ "valueBoolean": yes }] }));
    let response: carepath_fhir::QuestionnaireResponse =
        serde_json::from_value(serde_json::json!({
            "resourceType": "QuestionnaireResponse",
            "id": carepath_domain::Id::<()>::new().to_string(),
            "questionnaire": "https://carepath.no/fhir/Questionnaire/handledd-oppfolging|1.0.0",
            "status": "completed",
            "item": items
        }))
        .unwrap();
    let consultation = q.questionnaire.consultation_answer(&response);
    assert_eq!(consultation, Some(yes));
    store
        .save_response(
            SaveResponse {
                patient: e.patient_id,
                enrollment: Some(e.id),
                questionnaire_id: &q.id,
                response: &response,
                observations: &[],
                by: None,
                audit: &[],
                consultation,
                alerts: &[],
                unit: None,
            },
            at,
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn yes_no_and_no_answer_to_the_appointment_question_are_each_recorded_once() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, imported) =
            setup::unit_running(store, "Ortopedisk poliklinikk", "handleddsbrudd", start).await;
        let (_, yes) = setup::active_patient(
            store,
            &unit,
            &imported,
            "010190000",
            "Pasient Håndledd",
            start,
        )
        .await;
        let (_, no) = setup::active_patient(
            store,
            &unit,
            &imported,
            "020190000",
            "Pasient Håndledd",
            start,
        )
        .await;
        let (_, silent) = setup::active_patient(
            store,
            &unit,
            &imported,
            "030190000",
            "Pasient Håndledd",
            start,
        )
        .await;

        // Nothing before 12 weeks; then each gets the form.
        store
            .run_scheduler(start + Duration::weeks(11), URL)
            .await
            .unwrap();
        assert!(store.pending_tasks(yes.id).await.unwrap().is_empty());
        let twelve = start + Duration::weeks(12) + Duration::hours(2);
        store.run_scheduler(twelve, URL).await.unwrap();
        assert_eq!(store.pending_tasks(silent.id).await.unwrap().len(), 1);

        answer(store, &yes, true, twelve + Duration::days(1)).await;
        answer(store, &no, false, twelve + Duration::days(2)).await;
        let requests = store
            .open_consultation_requests(unit.id, None, 10)
            .await
            .unwrap();
        assert_eq!(requests.len(), 1, "{:?}", db.store.backend());
        assert_eq!(requests[0].patient_id, yes.patient_id);
        assert_eq!(requests[0].program_id, imported.program_id);

        // The silent one's form closes after 21 days: "no answer", once, however often
        // the scheduler runs.
        for d in [10, 20, 22, 23, 30] {
            store
                .run_scheduler(twelve + Duration::days(d), URL)
                .await
                .unwrap();
        }
        let counts = store
            .consultation_statistics(&[unit.id], start, start + Duration::days(400))
            .await
            .unwrap();
        assert_eq!(counts.len(), 1);
        assert_eq!((counts[0].yes, counts[0].no, counts[0].none), (1, 1, 1));

        // Handling the request takes it off the list, once.
        let by = store.create_user("kliniker", "Kari", start).await.unwrap();
        let later = twelve + Duration::days(31);
        assert!(
            store
                .handle_consultation_request(
                    &requests[0].id,
                    by.id,
                    "Ringt, time 3. juni",
                    later,
                    &[],
                    None
                )
                .await
                .unwrap()
        );
        assert!(
            !store
                .handle_consultation_request(&requests[0].id, by.id, "Igjen", later, &[], None)
                .await
                .unwrap()
        );
        assert!(
            store
                .open_consultation_requests(unit.id, None, 10)
                .await
                .unwrap()
                .is_empty()
        );
    }
}
