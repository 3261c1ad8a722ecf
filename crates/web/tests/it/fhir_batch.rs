//! Bundles posted to `/fhir`: a batch's entries handled as the same requests alone would
//! be (access, checks and the access log included), answered in order; a transaction of
//! a new patient and a response naming them by `urn:uuid` stored all or none.

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
async fn a_transaction_is_stored_whole_or_not_at_all_and_a_batch_answers_each_entry_alone() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        let mine = crate::patient_id_of(&app, "pasient2").await;
        let theirs = crate::patient_id_of(&app, "pasient6").await;
        let number = NationalIdNumber::complete("030281123").unwrap().expose();
        let by_number = format!("/fhir/Patient?identifier={FNR}|{number}");
        // The first other individual number with valid check digits, for the batch.
        let batched = (200..300)
            .find_map(|n| NationalIdNumber::complete(&format!("030281{n}")))
            .unwrap()
            .expose();
        let by_batched = format!("/fhir/Patient?identifier={FNR}|{batched}");

        // A transaction whose response fails its questionnaire's checks stores nothing:
        // the patient in it is not registered either.
        let uuid = "urn:uuid:4b3c1a9e-0000-4000-8000-000000000001";
        // A response naming the patient of the same Bundle by its full URL.
        let for_new = |authored: &str| {
            let mut r = crate::ibs_response("-", [40, 4, 30, 50, 20], authored);
            r["subject"]["reference"] = json!(uuid);
            r
        };
        let mut bad = for_new("2026-12-02T09:00:00+01:00");
        bad["item"][0]["answer"][0]["valueInteger"] = json!(1000);
        let transaction = |response: serde_json::Value| {
            json!({
                "resourceType": "Bundle",
                "type": "transaction",
                "entry": [
                    {
                        "fullUrl": uuid,
                        "resource": patient(&number),
                        "request": { "method": "POST", "url": "Patient" }
                    },
                    {
                        "fullUrl": "urn:uuid:4b3c1a9e-0000-4000-8000-000000000002",
                        "resource": response,
                        "request": { "method": "POST", "url": "QuestionnaireResponse" }
                    }
                ]
            })
        };
        let refused = app
            .send_api("POST", Some(&token), "/fhir", &transaction(bad), &[])
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
        // Only creates of patients and responses, and reads: anything else is refused
        // whole.
        let mut other = transaction(for_new("2026-12-02T09:00:00+01:00"));
        other["entry"][1]["request"] =
            json!({ "method": "DELETE", "url": format!("Patient/{mine}") });
        let refused = app
            .send_api("POST", Some(&token), "/fhir", &other, &[])
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}: {}",
            refused.body
        );
        let none = app.get_api(Some(&token), &by_number).await.json();
        assert_eq!(none["entry"].as_array().map_or(0, Vec::len), 0, "{label}");

        // A failure while storing undoes what was written before it: the same number
        // twice passes each entry's checks, and the second insert fails.
        let twin = (300..400)
            .find_map(|n| NationalIdNumber::complete(&format!("030281{n}")))
            .unwrap()
            .expose();
        let mut twins = transaction(for_new("2026-12-02T09:00:00+01:00"));
        twins["entry"][0]["resource"] = patient(&twin);
        twins["entry"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "resource": patient(&twin), "request": { "method": "POST", "url": "Patient" } }));
        let refused = app
            .send_api("POST", Some(&token), "/fhir", &twins, &[])
            .await;
        assert_eq!(
            refused.status,
            StatusCode::CONFLICT,
            "{label}: {}",
            refused.body
        );
        assert!(
            refused.body.contains("nothing was stored")
                || refused.body.contains("ingenting ble lagret"),
            "{}",
            refused.body
        );
        let none = app
            .get_api(
                Some(&token),
                &format!("/fhir/Patient?identifier={FNR}|{twin}"),
            )
            .await
            .json();
        assert_eq!(
            none["entry"].as_array().map_or(0, Vec::len),
            0,
            "{label}: rolled back"
        );

        // The same transaction with a good response: both stored, the response naming
        // the new patient, scored; a read first in the Bundle is answered after the
        // writes, in its place, and finds the response by the patient's urn:uuid.
        let mut good = transaction(for_new("2026-12-02T09:00:00+01:00"));
        good["entry"].as_array_mut().unwrap().insert(
            0,
            json!({ "request": { "method": "GET", "url": format!("QuestionnaireResponse?subject={uuid}") } }),
        );
        let done = app
            .send_api("POST", Some(&token), "/fhir", &good, &[])
            .await;
        assert_eq!(done.status, StatusCode::OK, "{label}: {}", done.body);
        let mut done = done.json();
        assert_eq!(done["type"], "transaction-response");
        let read = done["entry"].as_array_mut().unwrap().remove(0);
        assert_eq!(read["response"]["status"], "200 OK", "{label}: {read}");
        assert_eq!(read["resource"]["type"], "searchset", "{label}");
        assert_eq!(read["resource"]["total"], 1, "{label}: {read}");
        let created = done["entry"].as_array().unwrap();
        assert_eq!(created.len(), 2);
        let new_patient = created[0]["resource"]["id"].as_str().unwrap().to_owned();
        assert_eq!(created[0]["resource"]["resourceType"], "Patient");
        assert_eq!(created[0]["response"]["status"], "201 Created");
        assert_eq!(
            created[1]["resource"]["subject"]["reference"],
            format!("Patient/{new_patient}"),
            "{label}: the urn:uuid resolved"
        );
        for c in created {
            let location = c["response"]["location"].as_str().unwrap();
            let path = location
                .split_once("/fhir/")
                .map(|(_, p)| format!("/fhir/{p}"))
                .unwrap();
            let read = app.get_api(Some(&token), &path).await;
            assert_eq!(
                read.status,
                StatusCode::OK,
                "{label}: {path}: {}",
                read.body
            );
        }
        let scores = app
            .get_api(
                Some(&token),
                &format!("/fhir/Observation?subject=Patient/{new_patient}"),
            )
            .await
            .json();
        assert!(
            scores["entry"].as_array().is_some_and(|e| !e.is_empty()),
            "{label}: the response was scored: {scores}"
        );
        // Registered once: the same transaction again is refused whole.
        let again = for_new("2026-12-03T09:00:00+01:00");
        let twice = app
            .send_api("POST", Some(&token), "/fhir", &transaction(again), &[])
            .await;
        assert_eq!(
            twice.status,
            StatusCode::CONFLICT,
            "{label}: {}",
            twice.body
        );
        let responses = app
            .get_api(
                Some(&token),
                &format!(
                    "/fhir/QuestionnaireResponse?subject=Patient/{new_patient}&_summary=count"
                ),
            )
            .await
            .json();
        assert_eq!(responses["total"], 1, "{label}");

        // A malformed entry stops the batch before any entry is sent.
        let malformed = json!({
            "resourceType": "Bundle",
            "type": "batch",
            "entry": [
                { "resource": patient(&batched), "request": { "method": "POST", "url": "Patient" } },
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
        let none = app.get_api(Some(&token), &by_batched).await.json();
        assert_eq!(none["entry"].as_array().map_or(0, Vec::len), 0, "{label}");

        // A batch: a registration, a read, a read of another unit's patient, a response
        // and a search, each answered as alone, in order.
        let batch = json!({
            "resourceType": "Bundle",
            "type": "batch",
            "entry": [
                { "resource": patient(&batched), "request": { "method": "POST", "url": "Patient" } },
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
        let found = app.get_api(Some(&token), &by_batched).await.json();
        assert_eq!(found["entry"].as_array().map_or(0, Vec::len), 1, "{label}");

        // Not a Bundle, or another type: refused.
        let wrong = app
            .send_api("POST", Some(&token), "/fhir", &patient(&batched), &[])
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Without a token nothing is answered.
        let anonymous = app.send_api("POST", None, "/fhir", &batch, &[]).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    }
}
