//! The FHIR API: bearer tokens, who sees which `Patient`, search parameters, and an
//! `OperationOutcome` for every refusal.

use axum::http::StatusCode;
use carepath_test_support::app::{TestApp, TestResponse};

fn assert_outcome(res: &TestResponse, status: StatusCode, code: &str) {
    assert_eq!(res.status, status, "{}", res.body);
    assert!(
        res.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/fhir+json"),
        "{status}: {}",
        res.body
    );
    let json = res.json();
    assert_eq!(json["resourceType"], "OperationOutcome");
    assert_eq!(json["issue"][0]["code"], code);
}

fn entries(res: &TestResponse) -> Vec<serde_json::Value> {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let json = res.json();
    assert_eq!(json["resourceType"], "Bundle");
    json["entry"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_api_wants_a_live_token_and_says_so_as_an_operation_outcome() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("kliniker1").await;
        let found = entries(
            &app.get_api(Some(&token), "/fhir/QuestionnaireResponse")
                .await,
        );
        let response = found[0]["resource"]["id"].as_str().unwrap().to_owned();
        // A read of one record reads the token's holder itself (decision 0061): it is
        // refused alike.
        for path in [
            "/fhir/Patient".to_owned(),
            format!("/fhir/QuestionnaireResponse/{response}"),
        ] {
            let context = format!("{} {path}", app.backend());
            let none = app.get_api(None, &path).await;
            assert_outcome(&none, StatusCode::UNAUTHORIZED, "login");
            assert_eq!(
                none.headers["www-authenticate"], "Bearer realm=\"carepath\"",
                "{context}"
            );
            let unknown = app.get_api(Some("cpat_0000"), &path).await;
            assert_outcome(&unknown, StatusCode::UNAUTHORIZED, "login");
            assert_eq!(
                unknown.headers["www-authenticate"], "Bearer realm=\"carepath\"",
                "{context}"
            );

            // A signed-in browser's cookie is not a token.
            let session = app.sign_in("kliniker1").await;
            assert_eq!(
                app.get(Some(&session), &path).await.status,
                StatusCode::UNAUTHORIZED,
                "{context}"
            );
            assert_eq!(
                app.get_api(Some(&token), &path).await.status,
                StatusCode::OK,
                "{context}"
            );
        }
        let user = app
            .db
            .store
            .user_by_username("kliniker1")
            .await
            .unwrap()
            .unwrap();
        let now = carepath_domain::clock::Clock::now(app.clock.as_ref());
        assert_eq!(
            app.db.store.revoke_api_tokens(user.id, now).await.unwrap(),
            1
        );
        let expiring = app.api_token("kliniker1").await;
        app.clock.advance(chrono::Duration::days(31));
        for path in [
            "/fhir/Patient".to_owned(),
            format!("/fhir/QuestionnaireResponse/{response}"),
        ] {
            assert_outcome(
                &app.get_api(Some(&token), &path).await,
                StatusCode::UNAUTHORIZED,
                "login",
            );
            assert_eq!(
                app.get_api(Some(&expiring), &path).await.status,
                StatusCode::UNAUTHORIZED,
                "{} {path}: an expired token",
                app.backend()
            );
        }
    }
}

#[tokio::test]
async fn the_api_answers_only_in_json_and_says_so_to_a_client_asking_for_another_format() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    let token = app.api_token("kliniker1").await;
    let get = |path: &str, accept: Option<&str>| {
        let mut req = Request::get(path).header(header::AUTHORIZATION, format!("Bearer {token}"));
        if let Some(accept) = accept {
            req = req.header(header::ACCEPT, accept);
        }
        req.body(Body::empty()).unwrap()
    };
    for (path, accept) in [
        ("/fhir/Patient", Some("application/fhir+xml")),
        ("/fhir/Patient", Some("application/xml, text/xml;q=0.9")),
        (
            "/fhir/Patient",
            Some("application/fhir+json;q=0, application/fhir+xml"),
        ),
        ("/fhir/Patient?_format=xml", None),
        // `_format` overrides `Accept`.
        (
            "/fhir/Patient?_format=application/fhir%2Bxml",
            Some("application/fhir+json"),
        ),
        ("/fhir/metadata", Some("text/turtle")),
    ] {
        let res = app.send(get(path, accept)).await;
        assert_outcome(&res, StatusCode::NOT_ACCEPTABLE, "not-supported");
        assert!(
            res.json()["issue"][0]["diagnostics"]
                .as_str()
                .unwrap()
                .contains("JSON"),
            "{path} {accept:?}: {}",
            res.body
        );
    }
    for (path, accept) in [
        ("/fhir/Patient", None),
        ("/fhir/Patient", Some("application/fhir+json")),
        ("/fhir/Patient", Some("application/json")),
        ("/fhir/Patient", Some("application/json+fhir")),
        (
            "/fhir/Patient",
            Some("application/fhir+xml;q=0.9, application/fhir+json"),
        ),
        // A browser's.
        (
            "/fhir/Patient",
            Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ),
        ("/fhir/Patient?_format=json", Some("application/fhir+xml")),
        ("/fhir/Patient?_format=application/fhir%2Bjson", None),
        ("/fhir/metadata", Some("application/*")),
    ] {
        let res = app.send(get(path, accept)).await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "{path} {accept:?}: {}",
            res.body
        );
    }
}

#[tokio::test]
async fn a_token_revoked_on_one_node_is_refused_on_the_other_at_its_next_request() {
    let Some(a) = TestApp::each_backend().await.into_iter().nth(1) else {
        // Without PostgreSQL (only locally: CI requires it) there is one node.
        return;
    };
    let b = a.another_node().await.expect("a second node on PostgreSQL");
    let token = a.api_token("kliniker1").await;
    let patients = entries(&b.get_api(Some(&token), "/fhir/Patient").await);
    assert!(!patients.is_empty());
    let id = patients[0]["resource"]["id"].as_str().unwrap().to_owned();
    // Node b has served the token and the patient (whatever it keeps of them).
    assert_eq!(
        b.get_api(Some(&token), &format!("/fhir/Patient/{id}"))
            .await
            .status,
        StatusCode::OK
    );
    let found = entries(&b.get_api(Some(&token), "/fhir/QuestionnaireResponse").await);
    let response = found[0]["resource"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        b.get_api(
            Some(&token),
            &format!("/fhir/QuestionnaireResponse/{response}")
        )
        .await
        .status,
        StatusCode::OK
    );
    let user =
        a.db.store
            .user_by_username("kliniker1")
            .await
            .unwrap()
            .unwrap();
    let now = carepath_domain::clock::Clock::now(a.clock.as_ref());
    assert_eq!(a.db.store.revoke_api_tokens(user.id, now).await.unwrap(), 1);
    assert_outcome(
        &b.get_api(Some(&token), &format!("/fhir/Patient/{id}"))
            .await,
        StatusCode::UNAUTHORIZED,
        "login",
    );
    assert_outcome(
        &b.get_api(Some(&token), "/fhir/Patient").await,
        StatusCode::UNAUTHORIZED,
        "login",
    );
    // A read of one record, which reads the token's holder with the record (decision 0061).
    assert_outcome(
        &b.get_api(
            Some(&token),
            &format!("/fhir/QuestionnaireResponse/{response}"),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "login",
    );
}

#[tokio::test]
async fn a_patient_finds_only_themselves() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("pasient2").await;
        let found = entries(&app.get_api(Some(&token), "/fhir/Patient").await);
        assert_eq!(found.len(), 1, "{}", app.backend());
        let me = &found[0]["resource"];
        assert_eq!(me["name"][0]["text"], "Ola Demo Haugen");
        assert_eq!(
            me["identifier"][0]["system"],
            "urn:oid:2.16.578.1.12.4.1.4.1"
        );
        let my_id = me["id"].as_str().unwrap();
        app.get_api(Some(&token), &format!("/fhir/Patient/{my_id}"))
            .await
            .assert_ok_containing("Ola Demo Haugen");

        // Another patient's id: not found, without details.
        let k1 = app.api_token("kliniker1").await;
        let all = entries(&app.get_api(Some(&k1), "/fhir/Patient").await);
        let other = all
            .iter()
            .map(|e| e["resource"]["id"].as_str().unwrap().to_owned())
            .find(|id| id != my_id)
            .unwrap();
        let res = app
            .get_api(Some(&token), &format!("/fhir/Patient/{other}"))
            .await;
        assert_outcome(&res, StatusCode::NOT_FOUND, "not-found");
        assert!(!res.body.contains("Demo"));
        // Searching for someone else's number finds nothing.
        let their_nin = all
            .iter()
            .find(|e| e["resource"]["id"] == other.as_str())
            .map(|e| {
                e["resource"]["identifier"][0]["value"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .unwrap();
        let res = app
            .get_api(
                Some(&token),
                &format!("/fhir/Patient?identifier={their_nin}"),
            )
            .await;
        assert!(entries(&res).is_empty());
    }
}

#[tokio::test]
async fn the_care_team_finds_the_patients_of_their_units_by_number_in_any_accepted_system() {
    for app in TestApp::each_backend().await {
        let k1 = app.api_token("kliniker1").await;
        let all = entries(&app.get_api(Some(&k1), "/fhir/Patient?_count=200").await);
        // Five referred or enrolled, three with a procedure registered by the unit.
        assert_eq!(all.len(), 8, "{}", app.backend());
        let nin = all[0]["resource"]["identifier"][0]["value"]
            .as_str()
            .unwrap()
            .to_owned();
        for query in [
            format!("identifier={nin}"),
            format!("identifier=urn:oid:2.16.578.1.12.4.1.4.1%7C{nin}"),
            format!("identifier=http://hl7.no/fhir/NamingSystem/FNR%7C{nin}"),
        ] {
            let found = entries(
                &app.get_api(Some(&k1), &format!("/fhir/Patient?{query}"))
                    .await,
            );
            assert_eq!(found.len(), 1, "{query}");
            assert_eq!(found[0]["resource"]["identifier"][0]["value"], nin.as_str());
        }
        let other_system = app
            .get_api(
                Some(&k1),
                &format!("/fhir/Patient?identifier=urn:other%7C{nin}"),
            )
            .await;
        assert!(entries(&other_system).is_empty());

        // Paging: two at a time, with a next link until the end.
        let first = app.get_api(Some(&k1), "/fhir/Patient?_count=2").await;
        assert_eq!(entries(&first).len(), 2);
        assert_eq!(first.json()["total"], 8);
        let next = first.json()["link"][1]["url"].as_str().unwrap().to_owned();
        assert!(next.ends_with("_count=2&_offset=2"), "{next}");

        let k2 = app.api_token("kliniker2").await;
        let theirs = entries(&app.get_api(Some(&k2), "/fhir/Patient").await);
        assert!(
            theirs.iter().all(|e| all
                .iter()
                .all(|mine| mine["resource"]["id"] != e["resource"]["id"])),
            "unit 2 finds none of unit 1's patients"
        );
        let id = all[0]["resource"]["id"].as_str().unwrap();
        assert_outcome(
            &app.get_api(Some(&k2), &format!("/fhir/Patient/{id}")).await,
            StatusCode::NOT_FOUND,
            "not-found",
        );
    }
}

#[tokio::test]
async fn bad_requests_get_a_clear_operation_outcome_and_never_a_500() {
    for app in TestApp::each_backend().await {
        let k1 = app.api_token("kliniker1").await;
        for (path, status, code) in [
            (
                "/fhir/Patient?birthdate=someday",
                StatusCode::BAD_REQUEST,
                "invalid",
            ),
            (
                "/fhir/Patient?_count=many",
                StatusCode::BAD_REQUEST,
                "invalid",
            ),
            (
                "/fhir/Patient?_count=-1",
                StatusCode::BAD_REQUEST,
                "invalid",
            ),
            (
                "/fhir/Patient?_offset=1e99",
                StatusCode::BAD_REQUEST,
                "invalid",
            ),
            (
                "/fhir/Patient/not-an-id",
                StatusCode::NOT_FOUND,
                "not-found",
            ),
            ("/fhir/Encounter", StatusCode::NOT_FOUND, "not-found"),
        ] {
            assert_outcome(&app.get_api(Some(&k1), path).await, status, code);
        }
        let researcher = app.api_token("forsker1").await;
        assert_outcome(
            &app.get_api(Some(&researcher), "/fhir/Patient").await,
            StatusCode::FORBIDDEN,
            "forbidden",
        );
        let meta = app.get_api(None, "/fhir/metadata").await;
        assert_eq!(meta.json()["resourceType"], "CapabilityStatement");
    }
}

#[tokio::test]
async fn every_patient_the_api_returns_is_in_the_access_log() {
    for app in TestApp::each_backend().await {
        let count = || async {
            app.db
                .store
                .dump_for_tests(
                    "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'Patient'",
                )
                .await
                .unwrap()
                .parse::<i64>()
                .unwrap()
        };
        let before = count().await;
        let k1 = app.api_token("kliniker1").await;
        app.get_api(Some(&k1), "/fhir/Patient?_count=3").await;
        assert_eq!(count().await, before + 3, "{}", app.backend());
        let token = app.api_token("pasient2").await;
        app.get_api(Some(&token), "/fhir/Patient").await;
        assert_eq!(count().await, before + 4);
        assert!(matches!(
            app.db.store.verify_audit().await.unwrap(),
            carepath_store::audit::AuditCheck::Intact { .. }
        ));
    }
}

#[tokio::test]
async fn the_care_team_finds_patients_by_name_and_birth_date() {
    for app in TestApp::each_backend().await {
        let k1 = app.api_token("kliniker1").await;
        let found = entries(&app.get_api(Some(&k1), "/fhir/Patient?name=haug").await);
        assert_eq!(found.len(), 1, "{}", app.backend());
        let ola = &found[0]["resource"];
        assert_eq!(ola["name"][0]["text"], "Ola Demo Haugen");
        assert_eq!(
            entries(&app.get_api(Some(&k1), "/fhir/Patient?name=OLA").await).len(),
            1,
            "any name part, any case"
        );
        assert!(entries(&app.get_api(Some(&k1), "/fhir/Patient?name=aug").await).is_empty());
        let born = ola["birthDate"].as_str().unwrap();
        let by_date = entries(
            &app.get_api(
                Some(&k1),
                &format!("/fhir/Patient?birthdate={born}&name=ola"),
            )
            .await,
        );
        assert_eq!(by_date.len(), 1);
        assert!(
            entries(
                &app.get_api(
                    Some(&k1),
                    &format!("/fhir/Patient?birthdate=gt{born}&name=ola")
                )
                .await
            )
            .is_empty()
        );
        // A year or a month covers all of it, with any prefix.
        let year = &born[..4];
        let month = &born[..7];
        for (q, n) in [
            (format!("birthdate={year}"), 1),
            (format!("birthdate={month}"), 1),
            (format!("birthdate=ge{year}"), 1),
            (format!("birthdate=gt{year}"), 0),
            (format!("birthdate=lt{month}"), 0),
            (format!("birthdate=eb{year}-12-31"), 1),
            (format!("birthdate=ne{year}"), 0),
            (format!("birthdate=ne{month}"), 0),
            (
                format!("birthdate=ne{}", year.parse::<i32>().unwrap() + 1),
                1,
            ),
            (format!("birthdate=ne{born}&birthdate=ge{year}"), 0),
        ] {
            let found = entries(
                &app.get_api(Some(&k1), &format!("/fhir/Patient?{q}&name=ola"))
                    .await,
            );
            assert_eq!(found.len(), n, "{q}");
        }
        assert_outcome(
            &app.get_api(Some(&k1), "/fhir/Patient?birthdate=ne19851")
                .await,
            StatusCode::BAD_REQUEST,
            "invalid",
        );
        // A patient's own search finds only themselves, by the same rules.
        let own = app.api_token("pasient2").await;
        assert_eq!(
            entries(&app.get_api(Some(&own), "/fhir/Patient?name=haugen").await).len(),
            1
        );
        assert!(entries(&app.get_api(Some(&own), "/fhir/Patient?name=kari").await).is_empty());
    }
}

/// The unit ids of `username`'s care-team roles.
async fn units_of(app: &TestApp, username: &str) -> Vec<String> {
    let user = app
        .db
        .store
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap();
    app.db
        .store
        .roles(user.id)
        .await
        .unwrap()
        .iter()
        .filter(|g| g.role.is_care_team())
        .filter_map(|g| g.unit_id.map(|u| u.to_string()))
        .collect()
}

fn new_patient(number: &str) -> serde_json::Value {
    serde_json::json!({
        "resourceType": "Patient",
        "identifier": [{ "system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": number }],
        "name": [{ "use": "official", "given": ["Randi"], "family": "Registrert" }],
        "birthDate": "1985-03-15",
        "generalPractitioner": [{ "display": "Dr. Fjell" }]
    })
}

#[tokio::test]
async fn the_care_team_registers_and_corrects_a_patient_and_every_field_is_checked() {
    use carepath_domain::NationalIdNumber;
    use carepath_test_support::fhir_validator::assert_valid_fhir;
    for app in TestApp::each_backend().await {
        let k1 = app.api_token("kliniker1").await;
        let k2 = app.api_token("kliniker2").await;
        let unit1 = units_of(&app, "kliniker1").await;
        let unit2 = units_of(&app, "kliniker2").await;
        let number = NationalIdNumber::complete("150385123").unwrap().expose();

        // Patients and roles without a unit may not register anyone.
        for who in ["pasient1", "forfatter1"] {
            let token = app.api_token(who).await;
            let res = app
                .send_api(
                    "POST",
                    Some(&token),
                    "/fhir/Patient",
                    &new_patient(&number),
                    &[],
                )
                .await;
            assert_outcome(&res, StatusCode::FORBIDDEN, "forbidden");
        }

        // Not one of kliniker1's units.
        let mut elsewhere = new_patient(&number);
        elsewhere["managingOrganization"] =
            serde_json::json!({ "reference": format!("Organization/{}", unit2[0]) });
        let res = app
            .send_api("POST", Some(&k1), "/fhir/Patient", &elsewhere, &[])
            .await;
        assert_outcome(&res, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(
            res.json()["issue"][0]["expression"][0],
            "Patient.managingOrganization"
        );

        // A typing error in the number, a birth date that does not match it, no name: all
        // named at once, without repeating the number.
        let typo = format!(
            "{}{}",
            &number[..10],
            (number.as_bytes()[10] - b'0' + 1) % 10
        );
        let mut bad = new_patient(&typo);
        bad["name"] = serde_json::json!([]);
        let res = app
            .send_api("POST", Some(&k1), "/fhir/Patient", &bad, &[])
            .await;
        assert_outcome(&res, StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        let at: Vec<String> = res.json()["issue"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["expression"][0].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(at, ["Patient.identifier[0].value", "Patient.name"]);
        assert!(!res.body.contains(&typo[..6]), "{}", res.body);
        let mut born_elsewhen = new_patient(&number);
        born_elsewhen["birthDate"] = "1985-03-16".into();
        let res = app
            .send_api("POST", Some(&k1), "/fhir/Patient", &born_elsewhen, &[])
            .await;
        assert_eq!(res.json()["issue"][0]["expression"][0], "Patient.birthDate");

        // Registered in kliniker1's only unit.
        let res = app
            .send_api(
                "POST",
                Some(&k1),
                "/fhir/Patient",
                &new_patient(&number),
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let created = res.json();
        let id = created["id"].as_str().unwrap().to_owned();
        let location = res.headers["location"].to_str().unwrap();
        assert!(
            location.ends_with(&format!("/fhir/Patient/{id}/_history/1")),
            "{location}"
        );
        assert_eq!(res.headers["etag"], "W/\"1\"");
        assert_eq!(created["name"][0]["text"], "Randi Registrert");
        assert_eq!(created["identifier"][0]["value"], number.as_str());
        assert_eq!(created["generalPractitioner"][0]["display"], "Dr. Fjell");
        assert_eq!(
            created["managingOrganization"]["reference"],
            format!("Organization/{}", unit1[0])
        );
        assert_eq!(created["meta"]["versionId"], "1");
        assert_valid_fhir(std::slice::from_ref(&created));

        // Their unit finds them; the other unit does not.
        let path = format!("/fhir/Patient/{id}");
        app.get_api(Some(&k1), &path)
            .await
            .assert_ok_containing("Randi Registrert");
        assert_outcome(
            &app.get_api(Some(&k2), &path).await,
            StatusCode::NOT_FOUND,
            "not-found",
        );
        let found = entries(
            &app.get_api(Some(&k1), &format!("/fhir/Patient?identifier={number}"))
                .await,
        );
        assert_eq!(found.len(), 1);

        // The same number again: a conflict naming the patient to those who may see them.
        let again = app
            .send_api(
                "POST",
                Some(&k1),
                "/fhir/Patient",
                &new_patient(&number),
                &[],
            )
            .await;
        assert_outcome(&again, StatusCode::CONFLICT, "conflict");
        assert!(
            again.body.contains(&format!("Patient/{id}")),
            "{}",
            again.body
        );
        let theirs = app
            .send_api(
                "POST",
                Some(&k2),
                "/fhir/Patient",
                &new_patient(&number),
                &[],
            )
            .await;
        assert_outcome(&theirs, StatusCode::CONFLICT, "conflict");
        assert!(!theirs.body.contains(&id) && !theirs.body.contains(&number));

        // A correction against version 1; a second one against 1 is refused.
        let mut changed = created.clone();
        changed["name"] = serde_json::json!([{ "text": "Randi Registrert Berg" }]);
        let res = app
            .send_api(
                "PUT",
                Some(&k1),
                &path,
                &changed,
                &[("if-match", "W/\"1\"")],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.headers["etag"], "W/\"2\"");
        assert_eq!(res.json()["meta"]["versionId"], "2");
        let res = app
            .send_api(
                "PUT",
                Some(&k1),
                &path,
                &changed,
                &[("if-match", "W/\"1\"")],
            )
            .await;
        assert_outcome(&res, StatusCode::PRECONDITION_FAILED, "conflict");
        app.get_api(Some(&k1), &path)
            .await
            .assert_ok_containing("Randi Registrert Berg");

        // The other unit may not change them, nor may the id differ from the URL, nor may
        // the number become another patient's.
        assert_outcome(
            &app.send_api("PUT", Some(&k2), &path, &changed, &[]).await,
            StatusCode::NOT_FOUND,
            "not-found",
        );
        let mut wrong_id = changed.clone();
        wrong_id["id"] = "annen".into();
        assert_outcome(
            &app.send_api("PUT", Some(&k1), &path, &wrong_id, &[]).await,
            StatusCode::BAD_REQUEST,
            "invalid",
        );
        let someone = entries(&app.get_api(Some(&k1), "/fhir/Patient?name=Ola").await);
        let mut taken = changed.clone();
        taken["identifier"] = someone[0]["resource"]["identifier"].clone();
        taken["birthDate"] = someone[0]["resource"]["birthDate"].clone();
        let res = app.send_api("PUT", Some(&k1), &path, &taken, &[]).await;
        assert_outcome(&res, StatusCode::CONFLICT, "conflict");

        // Both changes are in the access log, in kliniker1's unit.
        let logged = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT action || ' ' || COALESCE(actor_unit_id, '-') FROM audit_events
                 WHERE patient_id = '{id}' AND action IN ('create', 'update') ORDER BY 1"
            ))
            .await
            .unwrap();
        assert_eq!(
            logged,
            format!("create {u}\nupdate {u}", u = unit1[0]),
            "{}",
            app.backend()
        );
    }
}

#[tokio::test]
async fn a_patients_name_parts_and_gender_come_back_as_they_were_sent() {
    use carepath_domain::NationalIdNumber;
    for app in TestApp::each_backend().await {
        let k1 = app.api_token("kliniker1").await;
        let number = NationalIdNumber::complete("150385123").unwrap().expose();
        let mut body = new_patient(&number);
        body["name"] = serde_json::json!([{ "family": "Nordmann", "given": ["Kari", "Fhirpy"] }]);
        body["gender"] = serde_json::json!("female");
        let created = app
            .send_api("POST", Some(&k1), "/fhir/Patient", &body, &[])
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.json()["id"].as_str().unwrap().to_owned();
        let read = app
            .get_api(Some(&k1), &format!("/fhir/Patient/{id}"))
            .await
            .json();
        assert_eq!(read["name"][0]["family"], "Nordmann", "{}", app.backend());
        assert_eq!(
            read["name"][0]["given"],
            serde_json::json!(["Kari", "Fhirpy"])
        );
        assert_eq!(read["name"][0]["text"], "Kari Fhirpy Nordmann");
        assert_eq!(read["gender"], "female");

        // A family name alone is a name; a changed gender replaces the old one.
        let mut changed = read.clone();
        changed["name"] = serde_json::json!([{ "family": "Nordmann" }]);
        changed["gender"] = serde_json::json!("other");
        let put = app
            .send_api(
                "PUT",
                Some(&k1),
                &format!("/fhir/Patient/{id}"),
                &changed,
                &[],
            )
            .await;
        assert_eq!(put.status, StatusCode::OK, "{}", put.body);
        let read = app
            .get_api(Some(&k1), &format!("/fhir/Patient/{id}"))
            .await
            .json();
        assert_eq!(read["name"][0]["family"], "Nordmann");
        assert!(read["name"][0].get("given").is_none());
        assert_eq!(read["gender"], "other");

        // A gender FHIR does not know is named.
        changed["gender"] = serde_json::json!("f");
        let bad = app
            .send_api(
                "PUT",
                Some(&k1),
                &format!("/fhir/Patient/{id}"),
                &changed,
                &[],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("Patient.gender"), "{}", bad.body);
    }
}
