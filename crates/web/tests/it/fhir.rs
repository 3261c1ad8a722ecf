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
        let none = app.get_api(None, "/fhir/Patient").await;
        assert_outcome(&none, StatusCode::UNAUTHORIZED, "login");
        assert_eq!(
            none.headers["www-authenticate"],
            "Bearer realm=\"carepath\""
        );
        assert_outcome(
            &app.get_api(Some("cpat_0000"), "/fhir/Patient").await,
            StatusCode::UNAUTHORIZED,
            "login",
        );

        // A signed-in browser's cookie is not a token.
        let session = app.sign_in("kliniker1").await;
        assert_eq!(
            app.get(Some(&session), "/fhir/Patient").await.status,
            StatusCode::UNAUTHORIZED
        );

        let token = app.api_token("kliniker1").await;
        assert_eq!(
            app.get_api(Some(&token), "/fhir/Patient").await.status,
            StatusCode::OK
        );
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
        assert_outcome(
            &app.get_api(Some(&token), "/fhir/Patient").await,
            StatusCode::UNAUTHORIZED,
            "login",
        );

        let expiring = app.api_token("kliniker1").await;
        app.clock.advance(chrono::Duration::days(31));
        assert_eq!(
            app.get_api(Some(&expiring), "/fhir/Patient").await.status,
            StatusCode::UNAUTHORIZED,
            "{}: an expired token",
            app.backend()
        );
    }
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
        assert_eq!(all.len(), 5, "{}", app.backend());
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
        assert_eq!(first.json()["total"], 5);
        let next = first.json()["link"][1]["url"].as_str().unwrap().to_owned();
        assert!(next.ends_with("_count=2&_offset=2"), "{next}");

        let k2 = app.api_token("kliniker2").await;
        assert!(entries(&app.get_api(Some(&k2), "/fhir/Patient").await).is_empty());
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
                "/fhir/Patient?gender=male",
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
        assert_outcome(
            &app.get_api(Some(&k1), "/fhir/Patient?birthdate=ge1985")
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
