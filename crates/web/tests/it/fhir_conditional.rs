//! Conditional update of a Patient by its national identity number (`PUT
//! /fhir/Patient?identifier=...`), as fhirpy and other clients use it to register or
//! correct a patient without knowing carepath's id.

use axum::http::StatusCode;
use carepath_domain::NationalIdNumber;
use carepath_test_support::app::TestApp;
use carepath_test_support::fhir_validator::assert_valid_fhir;
use serde_json::json;

const FNR: &str = "urn:oid:2.16.578.1.12.4.1.4.1";

fn patient(number: &str, given: &str) -> serde_json::Value {
    json!({
        "resourceType": "Patient",
        "identifier": [{ "system": FNR, "value": number }],
        "name": [{ "use": "official", "family": "Nordmann", "given": [given, "Fhirpy"] }],
        "gender": "female",
        "birthDate": "1979-04-12"
    })
}

/// A new patient registered by `token` with a conditional update, on the first individual
/// number in `individual` with valid check digits for the birth date [`patient`] gives.
async fn register(
    app: &TestApp,
    token: &str,
    individual: std::ops::Range<u32>,
) -> serde_json::Value {
    let number = individual
        .into_iter()
        .find_map(|n| NationalIdNumber::complete(&format!("120479{n}")))
        .unwrap()
        .expose();
    let registered = app
        .send_api(
            "PUT",
            Some(token),
            &format!("/fhir/Patient?identifier={FNR}|{number}"),
            &patient(&number, "Kari"),
            &[],
        )
        .await;
    assert_eq!(
        registered.status,
        StatusCode::CREATED,
        "{}: {}",
        app.backend(),
        registered.body
    );
    registered.json()
}

#[tokio::test]
async fn a_conditional_update_registers_then_corrects_and_refuses_what_it_cannot_decide() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let k1 = app.api_token("kliniker1").await;
        let k2 = app.api_token("kliniker2").await;
        let number = NationalIdNumber::complete("120479123").unwrap().expose();
        let path = format!("/fhir/Patient?identifier={FNR}|{number}");
        let mut emitted = Vec::new();

        // Unknown number: registered.
        let created = app
            .send_api("PUT", Some(&k1), &path, &patient(&number, "Kari"), &[])
            .await;
        assert_eq!(
            created.status,
            StatusCode::CREATED,
            "{label}: {}",
            created.body
        );
        let body = created.json();
        let id = body["id"].as_str().unwrap().to_owned();
        assert_eq!(body["name"][0]["family"], "Nordmann");
        assert_eq!(body["gender"], "female");
        let location = created.location().replace("http://carepath.test", "");
        let at_location = app.get_api(Some(&k1), &location).await;
        assert_eq!(
            at_location.status,
            StatusCode::OK,
            "{location}: {}",
            at_location.body
        );
        emitted.push(body);

        // Known number: the same patient, corrected.
        let updated = app
            .send_api("PUT", Some(&k1), &path, &patient(&number, "Karianne"), &[])
            .await;
        assert_eq!(updated.status, StatusCode::OK, "{label}: {}", updated.body);
        let body = updated.json();
        assert_eq!(body["id"], id.as_str());
        assert_eq!(body["meta"]["versionId"], "2");
        assert_eq!(body["name"][0]["given"][0], "Karianne");
        emitted.push(body);

        // Another patient's id in the body: refused, nothing changed.
        let mut wrong = patient(&number, "Kari");
        wrong["id"] = json!("0194f4c0-0000-7000-8000-000000000000");
        let res = app.send_api("PUT", Some(&k1), &path, &wrong, &[]).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);

        // A body with another number than the criteria's is refused: no number changes so.
        let other = NationalIdNumber::complete("120479124").unwrap().expose();
        let res = app
            .send_api("PUT", Some(&k1), &path, &patient(&other, "Kari"), &[])
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
        let still = app
            .get_api(Some(&k1), &format!("/fhir/Patient/{id}"))
            .await
            .json();
        assert_eq!(still["identifier"][0]["value"], number.as_str());

        // Criteria it cannot decide on are refused.
        for bad in [
            "/fhir/Patient".to_owned(),
            format!("{path}&name=Nordmann"),
            "/fhir/Patient?identifier=12345".to_owned(),
        ] {
            let res = app
                .send_api("PUT", Some(&k1), &bad, &patient(&number, "Kari"), &[])
                .await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}: {}", res.body);
            assert_eq!(res.json()["resourceType"], "OperationOutcome");
        }

        // Another unit's care team cannot take the patient over by the number.
        let res = app
            .send_api("PUT", Some(&k2), &path, &patient(&number, "Kapret"), &[])
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{label}: {}", res.body);
        assert!(!res.body.contains(&id), "the other unit learns no id");
        let read = app
            .get_api(Some(&k1), &format!("/fhir/Patient/{id}"))
            .await
            .json();
        assert_eq!(read["name"][0]["given"][0], "Karianne");
        assert_valid_fhir(&emitted);
    }
}

#[tokio::test]
async fn every_location_a_create_answers_with_can_be_read() {
    for app in TestApp::each_backend().await {
        let k1 = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        let response =
            crate::ibs_response(&patient, [40, 4, 30, 50, 20], "2026-12-01T09:00:00+01:00");
        let created = app
            .send_api(
                "POST",
                Some(&k1),
                "/fhir/QuestionnaireResponse",
                &response,
                &[],
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let location = created.location().replace("http://carepath.test", "");
        let read = app.get_api(Some(&k1), &location).await;
        assert_eq!(read.status, StatusCode::OK, "{location}: {}", read.body);
        assert_eq!(read.json()["meta"]["versionId"], "1");
        // Another version than the one kept is not found.
        let other = location.replace("/_history/1", "/_history/7");
        assert_eq!(
            app.get_api(Some(&k1), &other).await.status,
            StatusCode::NOT_FOUND
        );
        // Its score, derived from it.
        let id = read.json()["id"].as_str().unwrap().to_owned();
        let scores = app
            .get_api(
                Some(&k1),
                &format!("/fhir/Observation?derived-from=QuestionnaireResponse/{id}"),
            )
            .await
            .json();
        let obs = scores["entry"][0]["resource"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let read = app
            .get_api(Some(&k1), &format!("/fhir/Observation/{obs}/_history/1"))
            .await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.body);
        assert_eq!(read.json()["meta"]["versionId"], "1");
        // Its history: the one version, as a create.
        let history = app
            .get_api(Some(&k1), &format!("/fhir/Observation/{obs}/_history"))
            .await;
        assert_eq!(history.status, StatusCode::OK, "{}", history.body);
        let history = history.json();
        assert_eq!(history["type"], "history");
        assert_eq!(history["entry"].as_array().unwrap().len(), 1);
        assert_eq!(history["entry"][0]["resource"]["id"], obs.as_str());
        assert_eq!(history["entry"][0]["request"]["method"], "POST");
        assert_eq!(
            app.get_api(Some(&k1), &format!("/fhir/Observation/{obs}/_history/2"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // Nobody else's, by version or history either.
        let k2 = app.api_token("kliniker2").await;
        assert_eq!(
            app.get_api(Some(&k2), &location).await.status,
            StatusCode::NOT_FOUND
        );
        for path in [
            format!("/fhir/Observation/{obs}/_history"),
            format!("/fhir/Observation/{obs}/_history/1"),
        ] {
            assert_eq!(
                app.get_api(Some(&k2), &path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
    }
}

#[tokio::test]
async fn a_json_patch_changes_a_patient_as_an_update_would_and_a_failed_one_changes_nothing() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let k1 = app.api_token("kliniker1").await;
        let k2 = app.api_token("kliniker2").await;
        let registered = register(&app, &k1, 200..300).await;
        let id = registered["id"].as_str().unwrap().to_owned();
        let path = format!("/fhir/Patient/{id}");
        let json_patch = [("content-type", "application/json-patch+json")];
        let before = app.get_api(Some(&k1), &path).await.json();
        let version: i64 = before["meta"]["versionId"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();

        let patched = app
            .send_api(
                "PATCH",
                Some(&k1),
                &path,
                &json!([
                    { "op": "test", "path": "/id", "value": id },
                    { "op": "add", "path": "/gender", "value": "other" },
                    { "op": "add", "path": "/name/0/given/-", "value": "Patchet" }
                ]),
                &json_patch,
            )
            .await;
        assert_eq!(patched.status, StatusCode::OK, "{label}: {}", patched.body);
        let after = app.get_api(Some(&k1), &path).await.json();
        assert_eq!(after["gender"], "other", "{label}");
        let given = after["name"][0]["given"].as_array().unwrap();
        assert_eq!(given.last().unwrap(), "Patchet", "{label}: {after}");
        assert_eq!(after["identifier"], before["identifier"], "{label}");
        assert_eq!(after["meta"]["versionId"], (version + 1).to_string());

        // A failed test, a path that is not there, a stale version, a body that is no
        // patch and the wrong media type: refused, and nothing changes.
        for (body, headers, status) in [
            (
                json!([{ "op": "test", "path": "/gender", "value": "female" },
                       { "op": "replace", "path": "/gender", "value": "male" }]),
                vec![json_patch[0]],
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!([{ "op": "remove", "path": "/telecom/9" }]),
                vec![json_patch[0]],
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!([{ "op": "replace", "path": "/gender", "value": "male" }]),
                vec![json_patch[0], ("if-match", "W/\"1\"")],
                StatusCode::PRECONDITION_FAILED,
            ),
            (
                json!({ "gender": "male" }),
                vec![json_patch[0]],
                StatusCode::BAD_REQUEST,
            ),
            (
                json!([{ "op": "replace", "path": "/gender", "value": "male" }]),
                vec![],
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
        ] {
            let res = app
                .send_api("PATCH", Some(&k1), &path, &body, &headers)
                .await;
            assert_eq!(res.status, status, "{label}: {body} {}", res.body);
            assert_eq!(res.json()["resourceType"], "OperationOutcome", "{label}");
        }
        let unchanged = app.get_api(Some(&k1), &path).await.json();
        assert_eq!(unchanged["gender"], "other", "{label}");
        assert_eq!(unchanged["meta"]["versionId"], after["meta"]["versionId"]);

        // Another unit's clinician does not reach the patient.
        let other = app
            .send_api(
                "PATCH",
                Some(&k2),
                &path,
                &json!([{ "op": "replace", "path": "/gender", "value": "male" }]),
                &json_patch,
            )
            .await;
        assert_eq!(
            other.status,
            StatusCode::NOT_FOUND,
            "{label}: {}",
            other.body
        );

        // Every version is kept: the history lists them newest first, each can be read,
        // each carries the number; another unit reaches neither.
        let history = app.get_api(Some(&k1), &format!("{path}/_history")).await;
        assert_eq!(history.status, StatusCode::OK, "{label}: {}", history.body);
        let history = history.json();
        assert_eq!(history["type"], "history", "{label}");
        let listed: Vec<&serde_json::Value> = history["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .collect();
        assert_eq!(listed.len() as i64, version + 1, "{label}");
        assert_eq!(listed[0]["gender"], "other", "{label}");
        assert_eq!(listed[1]["gender"], before["gender"], "{label}");
        assert_ne!(before["gender"], "other", "{label}");
        assert_eq!(listed[1]["identifier"], before["identifier"], "{label}");
        assert_eq!(
            history["entry"][listed.len() - 1]["request"]["method"],
            "POST",
            "{label}"
        );
        let first = app
            .get_api(Some(&k1), &format!("{path}/_history/{version}"))
            .await;
        assert_eq!(first.status, StatusCode::OK, "{label}: {}", first.body);
        assert_eq!(first.json()["meta"]["versionId"], version.to_string());
        assert_eq!(first.json()["name"], before["name"], "{label}");
        for (token, wanted) in [(&k1, StatusCode::NOT_FOUND), (&k2, StatusCode::NOT_FOUND)] {
            let gone = app
                .get_api(Some(token), &format!("{path}/_history/99"))
                .await;
            assert_eq!(gone.status, wanted, "{label}");
        }
        let theirs = app.get_api(Some(&k2), &format!("{path}/_history")).await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{label}");
    }
}

#[tokio::test]
async fn a_name_keeps_its_prefix_use_and_period_and_a_bad_one_is_refused() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let k1 = app.api_token("kliniker1").await;
        let number = (300..400)
            .find_map(|n| NationalIdNumber::complete(&format!("120479{n}")))
            .unwrap()
            .expose();
        let mut body = patient(&number, "Kari");
        body["name"][0]["use"] = json!("usual");
        body["name"][0]["prefix"] = json!(["Dr."]);
        body["name"][0]["period"] = json!({ "start": "2001-05-01" });
        let created = app
            .send_api("POST", Some(&k1), "/fhir/Patient", &body, &[])
            .await;
        assert_eq!(
            created.status,
            StatusCode::CREATED,
            "{label}: {}",
            created.body
        );
        let id = created.json()["id"].as_str().unwrap().to_owned();
        let read = app
            .get_api(Some(&k1), &format!("/fhir/Patient/{id}"))
            .await
            .json();
        let name = &read["name"][0];
        assert_eq!(name["use"], "usual", "{label}: {read}");
        assert_eq!(name["prefix"], json!(["Dr."]));
        assert_eq!(name["period"], json!({ "start": "2001-05-01" }));
        assert_eq!(name["family"], "Nordmann");
        assert_valid_fhir(std::slice::from_ref(&read));

        // Changed by an update: the prefix dropped, the period ended.
        let mut changed = read.clone();
        changed["name"][0].as_object_mut().unwrap().remove("prefix");
        changed["name"][0]["period"]["end"] = json!("2026-12-01");
        let updated = app
            .send_api(
                "PUT",
                Some(&k1),
                &format!("/fhir/Patient/{id}"),
                &changed,
                &[],
            )
            .await;
        assert_eq!(updated.status, StatusCode::OK, "{label}: {}", updated.body);
        let after = app
            .get_api(Some(&k1), &format!("/fhir/Patient/{id}"))
            .await
            .json();
        assert!(after["name"][0].get("prefix").is_none(), "{label}: {after}");
        assert_eq!(after["name"][0]["period"]["end"], "2026-12-01");

        for (key, value) in [
            ("use", json!("favourite")),
            ("period", json!({ "start": "May 2001" })),
        ] {
            let mut bad = after.clone();
            bad["name"][0][key] = value;
            let refused = app
                .send_api("PUT", Some(&k1), &format!("/fhir/Patient/{id}"), &bad, &[])
                .await;
            assert_eq!(
                refused.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{label}: {key}: {}",
                refused.body
            );
            assert!(refused.body.contains("Patient.name."), "{}", refused.body);
        }
    }
}

#[tokio::test]
async fn an_enrollments_history_holds_each_of_its_versions_and_each_can_be_read() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let k1 = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        let plans = app
            .get_api(Some(&k1), &format!("/fhir/CarePlan?subject={patient}"))
            .await
            .json();
        let plan = plans["entry"][0]["resource"].clone();
        let id = plan["id"].as_str().unwrap().to_owned();
        let current: i64 = plan["meta"]["versionId"].as_str().unwrap().parse().unwrap();
        // The demo enrollment was invited, then started: more than one version.
        assert!(current > 1, "{label}: {plan}");
        let history = app
            .get_api(Some(&k1), &format!("/fhir/CarePlan/{id}/_history"))
            .await;
        assert_eq!(history.status, StatusCode::OK, "{label}: {}", history.body);
        let history = history.json();
        let listed = history["entry"].as_array().unwrap();
        let versions: Vec<String> = listed
            .iter()
            .map(|e| {
                e["resource"]["meta"]["versionId"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        let wanted: Vec<String> = (1..=current).rev().map(|v| v.to_string()).collect();
        assert_eq!(versions, wanted, "{label}");
        assert_eq!(listed[0]["resource"]["status"], plan["status"], "{label}");
        // The first version is the invitation.
        let first = app
            .get_api(Some(&k1), &format!("/fhir/CarePlan/{id}/_history/1"))
            .await;
        assert_eq!(first.status, StatusCode::OK, "{label}: {}", first.body);
        assert_eq!(first.json()["status"], "draft", "{label}");
        assert_eq!(first.json()["subject"], plan["subject"], "{label}");
        let beyond = format!("/fhir/CarePlan/{id}/_history/{}", current + 1);
        assert_eq!(
            app.get_api(Some(&k1), &beyond).await.status,
            StatusCode::NOT_FOUND
        );
        let k2 = app.api_token("kliniker2").await;
        for path in [
            format!("/fhir/CarePlan/{id}/_history"),
            format!("/fhir/CarePlan/{id}/_history/1"),
        ] {
            assert_eq!(
                app.get_api(Some(&k2), &path).await.status,
                StatusCode::NOT_FOUND,
                "{label}: {path}"
            );
        }
    }
}

#[tokio::test]
async fn a_types_history_lists_every_version_within_the_callers_reach_newest_first() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let k1 = app.api_token("kliniker1").await;
        let k2 = app.api_token("kliniker2").await;
        let registered = register(&app, &k1, 300..400).await;
        let id = registered["id"].as_str().unwrap().to_owned();
        let written = registered["meta"]["lastUpdated"]
            .as_str()
            .unwrap()
            .to_owned();
        let patched = app
            .send_api(
                "PATCH",
                Some(&k1),
                &format!("/fhir/Patient/{id}"),
                &json!([{ "op": "add", "path": "/gender", "value": "other" }]),
                &[("content-type", "application/json-patch+json")],
            )
            .await;
        assert_eq!(patched.status, StatusCode::OK, "{label}: {}", patched.body);

        // The (id, version) pairs of a history page, and the page itself.
        let listed = |res: &serde_json::Value| -> Vec<(String, String)> {
            res["entry"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["resource"]["id"].as_str().unwrap().to_owned(),
                        e["resource"]["meta"]["versionId"]
                            .as_str()
                            .unwrap()
                            .to_owned(),
                    )
                })
                .collect()
        };
        let since = format!("/fhir/Patient/_history?_since={}", &written[..10]);
        let mine = app.get_api(Some(&k1), &since).await;
        assert_eq!(mine.status, StatusCode::OK, "{label}: {}", mine.body);
        let mine = mine.json();
        assert_eq!(mine["type"], "history", "{label}");
        let versions: Vec<String> = listed(&mine)
            .into_iter()
            .filter(|(i, _)| *i == id)
            .map(|(_, v)| v)
            .collect();
        assert_eq!(versions, ["2", "1"], "{label}: {mine}");
        // Newest first across the type.
        let times: Vec<&str> = mine["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["response"]["lastModified"].as_str().unwrap())
            .collect();
        let mut sorted = times.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(times, sorted, "{label}");

        // Another unit sees none of it; nothing is written in the future.
        let theirs = app.get_api(Some(&k2), &since).await.json();
        assert!(
            listed(&theirs).iter().all(|(i, _)| *i != id),
            "{label}: {theirs}"
        );
        let later = app
            .get_api(Some(&k1), "/fhir/Patient/_history?_since=2100-01-01")
            .await
            .json();
        assert!(listed(&later).is_empty(), "{label}");
        let bad = app
            .get_api(Some(&k1), "/fhir/Patient/_history?_since=yesterday")
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{label}");
        assert_eq!(bad.json()["resourceType"], "OperationOutcome");

        // Paged: one at a time, the next link goes on where the page ended.
        let first = app
            .get_api(Some(&k1), "/fhir/Patient/_history?_count=1")
            .await
            .json();
        assert_eq!(listed(&first).len(), 1, "{label}");
        let next = first["link"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["relation"] == "next")
            .and_then(|l| l["url"].as_str())
            .unwrap_or_else(|| panic!("{label}: no next link in {first}"));
        let next = &next[next.find("/fhir/").unwrap()..];
        let second = app.get_api(Some(&k1), next).await.json();
        assert_eq!(listed(&second).len(), 1, "{label}");
        assert_ne!(listed(&first), listed(&second), "{label}");

        // The other types: shipped questionnaires for everyone, a patient's own
        // responses only, a unit's own measurements.
        let questionnaires = app
            .get_api(Some(&k2), "/fhir/Questionnaire/_history?_count=200")
            .await
            .json();
        assert!(!listed(&questionnaires).is_empty(), "{label}");
        let own = app.api_token("pasient2").await;
        let me = crate::patient_id_of(&app, "pasient2").await;
        let responses = app
            .get_api(
                Some(&own),
                "/fhir/QuestionnaireResponse/_history?_count=200",
            )
            .await
            .json();
        let subjects: Vec<&serde_json::Value> = responses["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"]["subject"]["reference"])
            .collect();
        assert!(!subjects.is_empty(), "{label}");
        assert!(
            subjects.iter().all(|s| **s == format!("Patient/{me}")),
            "{label}: {subjects:?}"
        );
        let measured = app
            .get_api(Some(&k2), "/fhir/Observation/_history?_count=200")
            .await
            .json();
        assert!(!listed(&measured).is_empty(), "{label}");
        let plans = app
            .get_api(Some(&k1), "/fhir/CarePlan/_history?_count=5")
            .await
            .json();
        assert_eq!(listed(&plans).len(), 5, "{label}");
        assert!(
            !app.get_api(Some(&own), "/fhir/CarePlan/_history")
                .await
                .json()["entry"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{label}"
        );
    }
}
