//! The `Task` API: a patient sees their own tasks, the care team those of their units'
//! patients; statuses map to FHIR's, and every resource passes the independent validator.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;
use carepath_test_support::fhir_validator::assert_valid_fhir;
use serde_json::Value;

fn entries(res: &carepath_test_support::app::TestResponse) -> Vec<Value> {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()["entry"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e["resource"].clone())
        .collect()
}

#[tokio::test]
async fn tasks_are_found_by_patient_and_status_by_those_who_may_see_them() {
    for app in TestApp::each_backend().await {
        // pasient2 started nine days ago and answered the baseline: PHQ-9 and GAD-7 are
        // still open, the baseline task is completed by that response.
        let p2 = app.api_token("pasient2").await;
        let own = entries(&app.get_api(Some(&p2), "/fhir/Task?_count=50").await);
        assert!(!own.is_empty(), "{}", app.backend());
        let me = own[0]["for"]["reference"].as_str().unwrap().to_owned();
        assert!(own.iter().all(|t| t["for"]["reference"] == me.as_str()));
        let keys = |tasks: &[Value], status: &str| -> Vec<String> {
            let mut k: Vec<String> = tasks
                .iter()
                .filter(|t| t["status"] == status)
                .map(|t| t["description"].as_str().unwrap().to_owned())
                .collect();
            k.sort();
            k
        };
        assert_eq!(keys(&own, "completed"), ["ibs-symptomskaar"]);
        let ready = keys(&own, "ready");
        for key in ["gad-7", "livskvalitet", "phq-9"] {
            assert!(ready.contains(&key.to_owned()), "{key} in {ready:?}");
        }
        assert_valid_fhir(&own);
        let done = own.iter().find(|t| t["status"] == "completed").unwrap();
        assert_eq!(
            done["input"][0]["valueCanonical"],
            "https://carepath.no/fhir/Questionnaire/ibs-sss-struktur|1.0.0"
        );
        assert!(
            done["output"][0]["valueReference"]["reference"]
                .as_str()
                .unwrap()
                .starts_with("QuestionnaireResponse/")
        );

        // The care team of the patient's unit filters by patient and status.
        let k1 = app.api_token("kliniker1").await;
        let completed = entries(
            &app.get_api(Some(&k1), &format!("/fhir/Task?for={me}&status=completed"))
                .await,
        );
        assert_eq!(completed.len(), 1, "{}", app.backend());
        let id = completed[0]["id"].as_str().unwrap();
        let one = app.get_api(Some(&k1), &format!("/fhir/Task/{id}")).await;
        assert_eq!(one.status, StatusCode::OK);
        assert_eq!(one.headers["etag"], "W/\"2\"", "made, then completed");

        // Another unit sees nothing of them; a bad status is a clear 400.
        let k2 = app.api_token("kliniker2").await;
        assert!(
            entries(
                &app.get_api(Some(&k2), &format!("/fhir/Task?for={me}"))
                    .await
            )
            .is_empty()
        );
        assert_eq!(
            app.get_api(Some(&k2), &format!("/fhir/Task/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let bad = app.get_api(Some(&k1), "/fhir/Task?status=open").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(
            bad.body
                .contains("ready, completed, failed eller cancelled")
        );

        // Each task returned is in the patient's access log (a search's page names all of
        // one patient's tasks in one event), and so is the other unit's refused attempt
        // (for the unusual-access report).
        let logged = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT COALESCE(reason, 'read') FROM audit_events WHERE resource_type = 'Task' AND (' ' || resource_id || ' ') LIKE '% {id} %' ORDER BY 1"
            ))
            .await
            .unwrap();
        assert_eq!(
            logged,
            "read\nread\nread\nrefused: another unit's record",
            "{}",
            app.backend()
        );
    }
}
