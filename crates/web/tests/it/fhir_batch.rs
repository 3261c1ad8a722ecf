//! Batch Bundles posted to `/fhir`: each entry handled as the same request alone would
//! be (access, checks and the access log included), answered in order; a transaction is
//! refused with nothing changed.

use axum::http::StatusCode;
use carepath_domain::NationalIdNumber;
use carepath_test_support::app::TestApp;
use serde_json::json;

const FNR: &str = "urn:oid:2.16.578.1.12.4.1.4.1";

fn patient(number: &str) -> serde_json::Value {
    json!({
        "resourceType": "Patient",
        "identifier": [{ "system": FNR, "value": number }],
        "name": [{ "family": "Batchesen", "given": ["Berit"] }],
        "gender": "female",
        "birthDate": "1981-02-03"
    })
}

#[tokio::test]
async fn a_batch_answers_each_entry_as_alone_and_a_transaction_changes_nothing() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        let mine = crate::patient_id_of(&app, "pasient2").await;
        let theirs = crate::patient_id_of(&app, "pasient6").await;
        let number = NationalIdNumber::complete("030281123").unwrap().expose();
        let by_number = format!("/fhir/Patient?identifier={FNR}|{number}");

        // A transaction is refused whole: the patient in it is not registered.
        let transaction = json!({
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [{
                "fullUrl": "urn:uuid:4b3c1a9e-0000-4000-8000-000000000001",
                "resource": patient(&number),
                "request": { "method": "POST", "url": "Patient" }
            }]
        });
        let refused = app
            .send_api("POST", Some(&token), "/fhir", &transaction, &[])
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}: {}",
            refused.body
        );
        assert_eq!(refused.json()["resourceType"], "OperationOutcome");
        let none = app.get_api(Some(&token), &by_number).await.json();
        assert_eq!(none["entry"].as_array().map_or(0, Vec::len), 0, "{label}");

        // A malformed entry stops the batch before any entry is sent.
        let malformed = json!({
            "resourceType": "Bundle",
            "type": "batch",
            "entry": [
                { "resource": patient(&number), "request": { "method": "POST", "url": "Patient" } },
                { "request": { "url": "Patient" } }
            ]
        });
        let refused = app
            .send_api("POST", Some(&token), "/fhir", &malformed, &[])
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}: {}",
            refused.body
        );
        assert!(refused.body.contains("entry[1]"), "{}", refused.body);
        let none = app.get_api(Some(&token), &by_number).await.json();
        assert_eq!(none["entry"].as_array().map_or(0, Vec::len), 0, "{label}");

        // A batch: a registration, a read, a read of another unit's patient, a response
        // and a search, each answered as alone, in order.
        let batch = json!({
            "resourceType": "Bundle",
            "type": "batch",
            "entry": [
                { "resource": patient(&number), "request": { "method": "POST", "url": "Patient" } },
                { "request": { "method": "GET", "url": format!("Patient/{mine}") } },
                { "request": { "method": "GET", "url": format!("Patient/{theirs}") } },
                {
                    "resource": crate::ibs_response(&mine, [40, 4, 30, 50, 20], "2026-12-02T09:00:00+01:00"),
                    "request": { "method": "POST", "url": "QuestionnaireResponse" }
                },
                { "request": { "method": "GET", "url": format!("QuestionnaireResponse?subject=Patient/{mine}&authored=2026-12-02") } }
            ]
        });
        let answered = app
            .send_api("POST", Some(&token), "/fhir", &batch, &[])
            .await;
        assert_eq!(
            answered.status,
            StatusCode::OK,
            "{label}: {}",
            answered.body
        );
        let bundle = answered.json();
        assert_eq!(bundle["type"], "batch-response");
        let entries = bundle["entry"].as_array().unwrap();
        let statuses: Vec<&str> = entries
            .iter()
            .map(|e| e["response"]["status"].as_str().unwrap())
            .collect();
        assert_eq!(
            statuses,
            [
                "201 Created",
                "200 OK",
                "404 Not Found",
                "201 Created",
                "200 OK"
            ],
            "{label}: {bundle}"
        );
        assert_eq!(entries[0]["resource"]["name"][0]["family"], "Batchesen");
        assert!(
            entries[0]["response"]["location"]
                .as_str()
                .is_some_and(|l| l.contains("/fhir/Patient/"))
        );
        assert_eq!(entries[0]["response"]["etag"], "W/\"1\"");
        assert_eq!(entries[1]["resource"]["id"], mine.as_str());
        assert_eq!(
            entries[2]["response"]["outcome"]["resourceType"],
            "OperationOutcome"
        );
        assert!(
            entries[2].get("resource").is_none(),
            "{label}: nothing of another unit's patient"
        );
        assert!(entries[3]["resource"]["item"].is_array());
        assert_eq!(entries[4]["resource"]["entry"].as_array().unwrap().len(), 1);

        // What the batch registered is there, as if posted alone.
        let found = app.get_api(Some(&token), &by_number).await.json();
        assert_eq!(found["entry"].as_array().map_or(0, Vec::len), 1, "{label}");

        // Not a Bundle, or another type: refused.
        let wrong = app
            .send_api("POST", Some(&token), "/fhir", &patient(&number), &[])
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Without a token nothing is answered.
        let anonymous = app.send_api("POST", None, "/fhir", &batch, &[]).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    }
}
