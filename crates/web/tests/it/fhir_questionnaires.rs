//! The questionnaire API: Questionnaire create, read, vread, update (If-Match) and
//! search; QuestionnaireResponse create (validated, scored, 422 naming each bad item,
//! nothing stored on refusal), read and search; Observation read and search. Everything
//! the API emits is checked by an independent validator (Python's fhir.resources).

use axum::http::StatusCode;
use carepath_test_support::app::{TestApp, TestResponse};
use carepath_test_support::fhir_validator::assert_valid_fhir;
use serde_json::{Value, json};

use crate::{IBS, ibs_response};

fn example(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance/node_modules/hl7.fhir.r4.examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run `cargo xtask test`, which installs the HL7 examples)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap()
}

fn ok(res: &TestResponse, status: StatusCode) -> Value {
    assert_eq!(res.status, status, "{}", res.body);
    res.json()
}

/// The issues of a 422, as (expression, diagnostics).
fn issues(res: &TestResponse) -> Vec<(String, String)> {
    let json = ok(res, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json["resourceType"], "OperationOutcome");
    json["issue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["expression"][0].as_str().unwrap_or_default().to_owned(),
                i["diagnostics"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn patient_of(app: &TestApp, username: &str) -> String {
    let user = app
        .db
        .store
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap();
    let p = app
        .db
        .store
        .patient_for_user(user.id)
        .await
        .unwrap()
        .unwrap();
    p.id.to_string()
}

async fn stored_counts(app: &TestApp) -> String {
    app.db
        .store
        .dump_for_tests(
            "SELECT 'r ' || CAST(COUNT(*) AS TEXT) FROM questionnaire_responses
             UNION ALL SELECT 'o ' || CAST(COUNT(*) AS TEXT) FROM observations",
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn an_external_questionnaire_is_created_read_versioned_updated_and_found() {
    for app in TestApp::each_backend().await {
        let author = app.api_token("forfatter1").await;
        let clinician = app.api_token("kliniker1").await;
        let mut emitted = Vec::new();
        let original = example("Questionnaire-bb.json");

        let refused = app
            .send_api(
                "POST",
                Some(&clinician),
                "/fhir/Questionnaire",
                &original,
                &[],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "only authors and administrators"
        );

        let created = app
            .send_api("POST", Some(&author), "/fhir/Questionnaire", &original, &[])
            .await;
        let body = ok(&created, StatusCode::CREATED);
        let id = body["id"].as_str().unwrap().to_owned();
        assert_eq!(
            created.location(),
            format!("http://carepath.test/fhir/Questionnaire/{id}/_history/1")
        );
        assert_eq!(created.headers["etag"], "W/\"1\"");
        // Unchanged but for the server's id and meta.
        let mut back = body.clone();
        back.as_object_mut().unwrap().remove("meta");
        back["id"] = original["id"].clone();
        assert_eq!(back, original, "{}", app.backend());
        emitted.push(body);

        let again = app
            .send_api("POST", Some(&author), "/fhir/Questionnaire", &original, &[])
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "same url and version");

        let read = app
            .get_api(Some(&clinician), &format!("/fhir/Questionnaire/{id}"))
            .await;
        emitted.push(ok(&read, StatusCode::OK));
        for query in [
            "url=http://hl7.org/fhir/Questionnaire/bb",
            "title=nsw",
            "status=draft&title=NSW%20Government",
        ] {
            let found = ok(
                &app.get_api(Some(&clinician), &format!("/fhir/Questionnaire?{query}"))
                    .await,
                StatusCode::OK,
            );
            assert_eq!(found["total"], 1, "{query}");
            assert_eq!(found["entry"][0]["resource"]["id"], id.as_str());
            emitted.push(found);
        }
        let none = ok(
            &app.get_api(Some(&clinician), "/fhir/Questionnaire?status=retired")
                .await,
            StatusCode::OK,
        );
        assert_eq!(none["total"], 0);

        // Update with If-Match: the current version wins, a stale one is refused.
        let mut changed = read.json();
        changed["title"] = json!("NSW birth record (retitled)");
        let path = format!("/fhir/Questionnaire/{id}");
        let updated = app
            .send_api(
                "PUT",
                Some(&author),
                &path,
                &changed,
                &[("if-match", "W/\"1\"")],
            )
            .await;
        let v2 = ok(&updated, StatusCode::OK);
        assert_eq!(v2["meta"]["versionId"], "2");
        assert_eq!(updated.headers["etag"], "W/\"2\"");
        let stale = app
            .send_api(
                "PUT",
                Some(&author),
                &path,
                &changed,
                &[("if-match", "W/\"1\"")],
            )
            .await;
        assert_eq!(
            stale.status,
            StatusCode::PRECONDITION_FAILED,
            "{}",
            stale.body
        );
        let v1 = ok(
            &app.get_api(Some(&clinician), &format!("{path}/_history/1"))
                .await,
            StatusCode::OK,
        );
        assert_eq!(v1["title"], original["title"]);
        assert_eq!(v1["id"], id.as_str());
        emitted.push(v1);
        // The history holds both, newest first.
        let history = ok(
            &app.get_api(Some(&clinician), &format!("{path}/_history"))
                .await,
            StatusCode::OK,
        );
        let titles: Vec<&serde_json::Value> = history["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"]["title"])
            .collect();
        assert_eq!(titles, [&v2["title"], &original["title"]]);
        assert_eq!(history["entry"][1]["request"]["method"], "POST");
        assert_eq!(
            app.get_api(Some(&clinician), &format!("{path}/_history/3"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // A package questionnaire changes only with a new package.
        let ibs = ok(
            &app.get_api(
                Some(&author),
                "/fhir/Questionnaire?url=https://carepath.no/fhir/Questionnaire/ibs-sss-struktur",
            )
            .await,
            StatusCode::OK,
        );
        let ibs_resource = ibs["entry"][0]["resource"].clone();
        let ibs_path = format!(
            "/fhir/Questionnaire/{}",
            ibs_resource["id"].as_str().unwrap()
        );
        let res = app
            .send_api("PUT", Some(&author), &ibs_path, &ibs_resource, &[])
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        emitted.push(ibs);

        // What carepath cannot use is refused with every reason.
        let mut bad = original.clone();
        bad.as_object_mut().unwrap().remove("url");
        bad["item"][0]["type"] = json!("attachment");
        let problems = issues(
            &app.send_api("POST", Some(&author), "/fhir/Questionnaire", &bad, &[])
                .await,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_valid_fhir(&emitted);
    }
}

#[tokio::test]
async fn a_response_through_the_api_is_validated_scored_and_found() {
    for app in TestApp::each_backend().await {
        let clinician = app.api_token("kliniker1").await;
        let patient = patient_of(&app, "pasient2").await;
        let mut emitted = Vec::new();

        let created = app
            .send_api(
                "POST",
                Some(&clinician),
                "/fhir/QuestionnaireResponse",
                &ibs_response(&patient, [60, 6, 55, 70, 40], "2026-11-20T09:00:00+01:00"),
                &[],
            )
            .await;
        let body = ok(&created, StatusCode::CREATED);
        let id = body["id"].as_str().unwrap().to_owned();
        assert!(
            created
                .location()
                .ends_with(&format!("/fhir/QuestionnaireResponse/{id}/_history/1"))
        );
        // The score is written into the calculated item (the SDC convention)...
        let total = body["item"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["linkId"] == "ibs-sss-total")
            .unwrap();
        assert_eq!(total["answer"][0]["valueInteger"], 285);
        emitted.push(body);

        // ... and stored as an Observation derived from the response.
        let found = ok(
            &app.get_api(
                Some(&clinician),
                &format!("/fhir/Observation?derived-from=QuestionnaireResponse/{id}"),
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(found["total"], 1);
        let observation = &found["entry"][0]["resource"];
        assert_eq!(observation["valueQuantity"]["value"], 285.0);
        assert_eq!(
            observation["interpretation"][0]["coding"][0]["code"],
            "moderate"
        );
        let obs_id = observation["id"].as_str().unwrap();
        emitted.push(found.clone());
        emitted.push(ok(
            &app.get_api(Some(&clinician), &format!("/fhir/Observation/{obs_id}"))
                .await,
            StatusCode::OK,
        ));
        let by_code = ok(
            &app.get_api(
                Some(&clinician),
                &format!(
                    "/fhir/Observation?subject=Patient/{patient}&code=https://carepath.no/fhir/CodeSystem/score|ibs-sss-total&date=ge2026-11-20"
                ),
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(by_code["total"], 1, "{by_code}");

        // Read and search, newest first, with paging.
        emitted.push(ok(
            &app.get_api(
                Some(&clinician),
                &format!("/fhir/QuestionnaireResponse/{id}"),
            )
            .await,
            StatusCode::OK,
        ));
        let mine = ok(
            &app.get_api(
                Some(&clinician),
                &format!("/fhir/QuestionnaireResponse?subject=Patient/{patient}&questionnaire={IBS}&status=completed&authored=ge2026-11-20&_sort=-authored&_count=1"),
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(mine["entry"][0]["resource"]["id"], id.as_str(), "{mine}");
        emitted.push(mine.clone());

        // The patient sees their own; another unit's clinician does not.
        let own = app.api_token("pasient2").await;
        ok(
            &app.get_api(Some(&own), &format!("/fhir/QuestionnaireResponse/{id}"))
                .await,
            StatusCode::OK,
        );
        let other = app.api_token("kliniker2").await;
        assert_eq!(
            app.get_api(Some(&other), &format!("/fhir/QuestionnaireResponse/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let theirs = ok(
            &app.get_api(Some(&other), "/fhir/QuestionnaireResponse")
                .await,
            StatusCode::OK,
        );
        let theirs = theirs["entry"].as_array().cloned().unwrap_or_default();
        assert!(
            theirs.iter().all(|e| e["resource"]["id"] != id.as_str()),
            "another unit does not find the response"
        );
        assert_eq!(
            app.send_api(
                "POST",
                Some(&other),
                "/fhir/QuestionnaireResponse",
                &ibs_response(&patient, [1, 1, 1, 1, 1], "2026-11-20T09:00:00+01:00"),
                &[],
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );

        // A patient's response without a subject (a form filler outside a launch
        // context) is their own; a clinician's is refused.
        let mut without = ibs_response(&patient, [10, 1, 10, 10, 10], "2026-11-21T09:00:00+01:00");
        without.as_object_mut().unwrap().remove("subject");
        let refused = app
            .send_api(
                "POST",
                Some(&clinician),
                "/fhir/QuestionnaireResponse",
                &without,
                &[],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        let created = ok(
            &app.send_api(
                "POST",
                Some(&own),
                "/fhir/QuestionnaireResponse",
                &without,
                &[],
            )
            .await,
            StatusCode::CREATED,
        );
        assert_eq!(
            created["subject"]["reference"],
            format!("Patient/{patient}"),
            "{}",
            app.backend()
        );
        let read = ok(
            &app.get_api(
                Some(&clinician),
                &format!(
                    "/fhir/QuestionnaireResponse/{}",
                    created["id"].as_str().unwrap()
                ),
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(read["subject"]["reference"], format!("Patient/{patient}"));
        emitted.push(read);
        assert_valid_fhir(&emitted);
    }
}

#[tokio::test]
async fn every_bad_response_gets_a_422_naming_the_item_and_nothing_is_stored() {
    for app in TestApp::each_backend().await {
        let clinician = app.api_token("kliniker1").await;
        let patient = patient_of(&app, "pasient2").await;
        let before = stored_counts(&app).await;
        let post = |body: Value| {
            let app = &app;
            let clinician = clinician.clone();
            async move {
                app.send_api(
                    "POST",
                    Some(&clinician),
                    "/fhir/QuestionnaireResponse",
                    &body,
                    &[("accept-language", "en-GB,en;q=0.9")],
                )
                .await
            }
        };
        let good = ibs_response(&patient, [60, 6, 55, 70, 40], "2026-11-20T09:00:00+01:00");
        let mut cases: Vec<(Value, &str, &str)> = Vec::new();
        let mut wrong_type = good.clone();
        wrong_type["item"][0]["answer"][0] = json!({ "valueString": "sixty" });
        cases.push((wrong_type, "smerte-styrke", "Enter a whole number"));
        let mut unreadable = good.clone();
        unreadable["item"][1]["answer"][0] = json!({ "valueInteger": "six" });
        cases.push((unreadable, "smerte-dager", "value[x]"));
        let mut out_of_range = good.clone();
        out_of_range["item"][2]["answer"][0]["valueInteger"] = json!(101);
        cases.push((out_of_range, "oppblasthet", "cannot be higher than 100"));
        let mut missing = good.clone();
        missing["item"].as_array_mut().unwrap().remove(3);
        cases.push((missing, "avforing-misnoye", "Answer this question"));
        let mut unknown = good.clone();
        unknown["item"].as_array_mut().unwrap().push(json!({
            "linkId": "finnes-ikke", "answer": [{ "valueInteger": 1 }]
        }));
        cases.push((unknown, "finnes-ikke", "no such item"));
        for (body, link_id, says) in cases {
            let problems = issues(&post(body).await);
            assert!(
                problems
                    .iter()
                    .any(|(e, d)| d.contains(&format!("`{link_id}`"))
                        && d.contains(says)
                        && e.starts_with("QuestionnaireResponse.item")),
                "{} {link_id}: {problems:?}",
                app.backend()
            );
        }

        // An answer to an item its enableWhen turns off: the HL7 birth record.
        let author = app.api_token("forfatter1").await;
        let created = app
            .send_api(
                "POST",
                Some(&author),
                "/fhir/Questionnaire",
                &example("Questionnaire-bb.json"),
                &[],
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let mut official = example("QuestionnaireResponse-bb.json");
        official["questionnaire"] = json!("http://hl7.org/fhir/Questionnaire/bb");
        official["subject"] = json!({ "reference": format!("Patient/{patient}") });
        let problems = issues(&post(official.clone()).await);
        let named: Vec<&str> = problems.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(problems.len(), 3, "{named:?}");
        assert!(
            named
                .iter()
                .any(|d| d.contains("`sex`") && d.contains("options"))
        );
        assert!(named.iter().any(|d| d.contains("`vitaminKDose1`")));
        // An answer to an item its enableWhen turns off: HL7's Zika assessment asks
        // about travel only of non-residents.
        let zika = example("Questionnaire-zika-virus-exposure-assessment.json");
        let created = app
            .send_api("POST", Some(&author), "/fhir/Questionnaire", &zika, &[])
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let disabled = json!({
            "resourceType": "QuestionnaireResponse",
            "questionnaire": zika["url"],
            "status": "completed",
            "subject": { "reference": format!("Patient/{patient}") },
            "item": [
                { "linkId": "1", "answer": [{ "valueBoolean": true }] },
                { "linkId": "2", "answer": [{ "valueBoolean": true }] }
            ]
        });
        let problems = issues(&post(disabled).await);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].1.contains("`2`") && problems[0].1.contains("turned off"),
            "{problems:?}"
        );
        assert_eq!(problems[0].0, "QuestionnaireResponse.item[1]");

        assert_eq!(before, stored_counts(&app).await, "nothing was stored");
    }
}

#[tokio::test]
async fn the_capability_statement_is_valid_and_the_validator_can_refuse() {
    let app = TestApp::each_backend().await.remove(0);
    let metadata = ok(&app.get_api(None, "/fhir/metadata").await, StatusCode::OK);
    let types: Vec<&str> = metadata["rest"][0]["resource"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    for t in [
        "Patient",
        "Questionnaire",
        "QuestionnaireResponse",
        "Observation",
    ] {
        assert!(types.contains(&t), "{t} in {types:?}");
    }
    // Every shipped instrument, as the API serves it.
    let token = app.api_token("kliniker1").await;
    let shipped = ok(
        &app.get_api(Some(&token), "/fhir/Questionnaire?_count=50")
            .await,
        StatusCode::OK,
    );
    assert!(shipped["total"].as_i64().unwrap() >= 6, "{shipped}");
    assert_valid_fhir(&[metadata, shipped]);
    // The validator is not a rubber stamp.
    let refused = std::panic::catch_unwind(|| {
        assert_valid_fhir(&[
            json!({ "resourceType": "Observation", "status": "final", "code": {}, "valueWhatever": 1 }),
        ])
    });
    assert!(refused.is_err(), "an unknown element is refused");
}
