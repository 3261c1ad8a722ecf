//! Data belongs to the unit that runs the enrollment (decision 0026): a unit that
//! registers a referral or a `Patient` for another unit's patient cares for the patient
//! from then on (demographics, its own work) and sees none of the other unit's records
//! through any route; refused attempts are logged for the unusual-access report.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;
use serde_json::{Value, json};

use crate::nin_of;

/// Unit 2's first program in its referral form.
async fn referral_program(app: &TestApp, session: &carepath_test_support::app::Session) -> String {
    let form = app.get(Some(session), "/klinikk/henvisning").await;
    crate::first_program_option(&form.body)
}

async fn dump(app: &TestApp, sql: &str) -> String {
    app.db.store.dump_for_tests(sql).await.unwrap()
}

/// A completed PHQ-9 (the IBS school's) with the worst answer to every item.
fn worst_phq9(patient: &str) -> Value {
    let q: Value = serde_json::from_str(include_str!(
        "../../../../content/ibs-school/questionnaires/phq-9.json"
    ))
    .unwrap();
    let items: Vec<Value> = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "choice" && i["linkId"] != "phq9-difficulty")
        .map(|i| {
            json!({ "linkId": i["linkId"], "answer": [{ "valueCoding": i["answerOption"][3]["valueCoding"] }] })
        })
        .collect();
    json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": format!("{}|{}", q["url"].as_str().unwrap(), q["version"].as_str().unwrap()),
        "status": "completed",
        "subject": { "reference": format!("Patient/{patient}") },
        "authored": "2026-11-23T07:30:00+01:00",
        "item": items,
    })
}

fn total(res: &carepath_test_support::app::TestResponse) -> i64 {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()["total"].as_i64().unwrap()
}

#[tokio::test]
async fn a_referral_to_another_unit_opens_the_patient_but_none_of_the_first_units_records() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let k2 = app.sign_in("kliniker2").await;
        let program = referral_program(&app, &k2).await;
        let nin = nin_of(&app, "pasient2").await;
        let res = app
            .post(
                Some(&k2),
                "/klinikk/henvisning",
                &[
                    ("program", &program),
                    ("fodselsnummer", &nin),
                    ("navn", "Pasient To"),
                    ("kilde", "gp"),
                    ("hort_om", "website"),
                ],
            )
            .await;
        assert!(res.status.is_redirection(), "{label}: {}", res.body);
        let pid = crate::patient_id_of(&app, "pasient2").await;
        let unit1_before = dump(
            &app,
            "SELECT t.id || ' ' || t.status FROM tasks t ORDER BY 1",
        )
        .await;

        // Through the API, unit 2 finds the patient but none of unit 1's records.
        let t2 = app.api_token("kliniker2").await;
        let t1 = app.api_token("kliniker1").await;
        assert_eq!(
            app.get_api(Some(&t2), &format!("/fhir/Patient/{pid}"))
                .await
                .status,
            StatusCode::OK,
            "{label}: demographics are shared with a care relationship"
        );
        for search in [
            format!("/fhir/QuestionnaireResponse?subject=Patient/{pid}"),
            format!("/fhir/Observation?subject=Patient/{pid}"),
            format!("/fhir/Task?for=Patient/{pid}"),
            format!("/fhir/CarePlan?subject=Patient/{pid}"),
            format!("/fhir/Flag?subject=Patient/{pid}"),
        ] {
            assert!(
                total(&app.get_api(Some(&t1), &search).await) > 0 || search.contains("Flag"),
                "{label}: unit 1 has records for {search}"
            );
            assert_eq!(
                total(&app.get_api(Some(&t2), &search).await),
                0,
                "{label}: {search}"
            );
        }
        let response = dump(
            &app,
            &format!("SELECT id FROM questionnaire_responses WHERE patient_id = '{pid}' LIMIT 1"),
        )
        .await;
        let task = dump(
            &app,
            &format!("SELECT id FROM tasks WHERE patient_id = '{pid}' LIMIT 1"),
        )
        .await;
        let care_plan = dump(
            &app,
            &format!("SELECT id FROM enrollments WHERE patient_id = '{pid}' LIMIT 1"),
        )
        .await;
        let refused_before = dump(
            &app,
            "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE reason LIKE 'refused%'",
        )
        .await;
        for path in [
            format!("/fhir/QuestionnaireResponse/{response}"),
            format!("/fhir/Task/{task}"),
            format!("/fhir/CarePlan/{care_plan}"),
        ] {
            assert_eq!(
                app.get_api(Some(&t1), &path).await.status,
                StatusCode::OK,
                "{label}: {path}"
            );
            let res = app.get_api(Some(&t2), &path).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{label}: {path}");
            assert_eq!(res.json()["resourceType"], "OperationOutcome");
        }
        let refused_after = dump(
            &app,
            "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE reason LIKE 'refused%'",
        )
        .await;
        assert_eq!(
            refused_after.parse::<i64>().unwrap(),
            refused_before.parse::<i64>().unwrap() + 3,
            "{label}: each refused read is in the access log"
        );

        // The patient sees the attempts for what they were.
        let p2 = app.sign_in("pasient2").await;
        let log = app.get(Some(&p2), "/pasient/innsyn").await;
        assert!(
            log.body
                .contains("men fikk ikke: de hører til en annen enhet"),
            "{label}: {}",
            log.body
        );
        assert!(
            !log.body.contains("refused"),
            "no code shown to the patient"
        );

        // Unit 2 cannot change the shared record through its referral alone.
        let mut patient = app
            .get_api(Some(&t2), &format!("/fhir/Patient/{pid}"))
            .await
            .json();
        patient["generalPractitioner"] = json!([{ "display": "Dr. Annen" }]);
        let put = app
            .send_api(
                "PUT",
                Some(&t2),
                &format!("/fhir/Patient/{pid}"),
                &patient,
                &[],
            )
            .await;
        assert_eq!(put.status, StatusCode::FORBIDDEN, "{label}: {}", put.body);
        assert_eq!(put.json()["resourceType"], "OperationOutcome");

        // Its own response is its own: it completes no unit 1 task and raises nothing on
        // unit 1's worklist.
        let alerts_before = dump(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM alerts").await;
        let created = app
            .send_api(
                "POST",
                Some(&t2),
                "/fhir/QuestionnaireResponse",
                &worst_phq9(&pid),
                &[],
            )
            .await;
        assert_eq!(
            created.status,
            StatusCode::CREATED,
            "{label}: {}",
            created.body
        );
        assert_eq!(
            dump(
                &app,
                "SELECT t.id || ' ' || t.status FROM tasks t ORDER BY 1"
            )
            .await,
            unit1_before,
            "{label}: no task changed"
        );
        assert_eq!(
            dump(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM alerts").await,
            alerts_before
        );
        let id = created.json()["id"].as_str().unwrap().to_owned();
        let path = format!("/fhir/QuestionnaireResponse/{id}");
        assert_eq!(app.get_api(Some(&t2), &path).await.status, StatusCode::OK);
        assert_eq!(
            app.get_api(Some(&t1), &path).await.status,
            StatusCode::NOT_FOUND,
            "{label}: unit 1 does not see unit 2's record either"
        );

        // The page shows unit 2 the patient without unit 1's program.
        let page = app.get(Some(&k2), &format!("/klinikk/pasient/{pid}")).await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        assert!(
            !page.body.contains("Mage-tarmskolen"),
            "{label}: {}",
            page.body
        );
        // ... and says that other units keep records, reachable by emergency access only.
        assert!(
            page.body
                .contains("Andre enheter har opplysninger om pasienten")
                && page.body.contains("href=\"/klinikk/nodtilgang\""),
            "{label}: {}",
            page.body
        );
        // Unit 1's page says the same now that unit 2 keeps a response of its own.
        let own = app.sign_in("kliniker1").await;
        let page = app
            .get(Some(&own), &format!("/klinikk/pasient/{pid}"))
            .await;
        assert!(
            page.body
                .contains("Andre enheter har opplysninger om pasienten"),
            "{label}: {}",
            page.body
        );
    }
}

#[tokio::test]
async fn the_patient_still_reads_every_record_of_their_own() {
    for app in TestApp::each_backend().await {
        let p2 = app.api_token("pasient2").await;
        let pid = crate::patient_id_of(&app, "pasient2").await;
        let stored = dump(
            &app,
            &format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM questionnaire_responses WHERE patient_id = '{pid}'"
            ),
        )
        .await;
        let res = app
            .get_api(Some(&p2), "/fhir/QuestionnaireResponse?_count=100")
            .await;
        assert_eq!(total(&res).to_string(), stored, "{}", app.backend());
        // Every stored response has its owner.
        assert_eq!(
            dump(
                &app,
                "SELECT CAST(COUNT(*) AS TEXT) FROM questionnaire_responses WHERE unit_id IS NULL"
            )
            .await,
            "0"
        );
        assert_eq!(
            dump(
                &app,
                "SELECT CAST(COUNT(*) AS TEXT) FROM observations WHERE unit_id IS NULL"
            )
            .await,
            "0"
        );
    }
}
