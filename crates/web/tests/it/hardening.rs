//! Defences found missing when the running server was tried as an attacker would: each
//! test here failed before its fix.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use carepath_test_support::app::TestApp;
use carepath_web::WebConfig;
use serde_json::json;

#[tokio::test]
async fn an_authorization_header_does_not_excuse_a_sign_in_form_from_its_csrf_token() {
    for app in TestApp::each_backend().await {
        let req = Request::post("/logg-inn/demo")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::AUTHORIZATION, "Basic dXNlcjpwYXNz")
            .body(Body::from("brukernavn=kliniker1"))
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", app.backend());
        assert!(res.session(&app).await.is_none(), "no one is signed in");
    }
}

#[tokio::test]
async fn pages_and_api_answers_are_never_kept_by_a_browser_or_proxy() {
    for app in TestApp::each_backend().await {
        let p2 = app.sign_in("pasient2").await;
        let token = app.api_token("pasient2").await;
        for res in [
            app.get(Some(&p2), "/pasient").await,
            app.get(None, "/logg-inn").await,
            app.get_api(Some(&token), "/fhir/QuestionnaireResponse")
                .await,
            app.get_api(None, "/fhir/Patient").await,
        ] {
            assert_eq!(
                res.headers.get(header::CACHE_CONTROL).unwrap(),
                "no-store",
                "{}",
                app.backend()
            );
        }
        // The stylesheet is in the page (no request before the first paint), allowed by
        // its hash in the Content-Security-Policy and by nothing else inline.
        let page = app.get(None, "/logg-inn").await;
        let inline = page
            .body
            .split("<style>")
            .nth(1)
            .and_then(|rest| rest.split("</style>").next())
            .unwrap_or_default()
            .to_owned();
        assert!(inline.contains(".advice-red"), "the stylesheet is inlined");
        assert!(!page.body.contains("rel=\"stylesheet\""));
        let hash = {
            use base64::Engine;
            use sha2::Digest;
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&inline))
        };
        let csp = page.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            csp.contains(&format!("style-src 'self' 'sha256-{hash}';"))
                && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        // So is the script, at the end of the page, allowed only by its hash.
        let script = page
            .body
            .split("<script>")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .unwrap_or_default()
            .to_owned();
        assert!(script.contains("data-slider"), "the script is inlined");
        let script_hash = {
            use base64::Engine;
            use sha2::Digest;
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&script))
        };
        assert!(
            csp.contains(&format!("script-src 'sha256-{script_hash}';")),
            "{csp}"
        );
        assert!(!page.body.contains("<script src="));
        // Static files are named by their content's hash and kept for a year; an old
        // name is gone.
        let href = page
            .body
            .split("<link rel=\"icon\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_owned();
        assert!(
            href.starts_with("/static/icon.") && href.ends_with(".svg") && href.len() > 20,
            "{href}"
        );
        let svg = app.get(None, &href).await;
        assert_eq!(svg.status, axum::http::StatusCode::OK);
        assert_eq!(
            svg.headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert!(svg.body.contains("<svg"));
        assert_eq!(
            app.get(None, "/static/icon.svg").await.status,
            axum::http::StatusCode::NOT_FOUND
        );
        let icon = app.get(None, "/favicon.ico").await;
        assert_eq!(icon.status, axum::http::StatusCode::OK);
        assert_eq!(icon.headers[header::CONTENT_TYPE], "image/svg+xml");
    }
}

/// Text answers are compressed when the browser asks (brotli preferred, else gzip), and
/// nothing changes for a client that does not ask.
#[tokio::test]
async fn text_answers_go_out_compressed_when_the_browser_asks() {
    use axum::body::Body;
    use axum::http::Request;
    let db = carepath_test_support::sqlite().await;
    let app = TestApp::demo(db).await;
    let ask = |encoding: Option<&'static str>| {
        let mut req = Request::get("/logg-inn");
        if let Some(e) = encoding {
            req = req.header(header::ACCEPT_ENCODING, e);
        }
        req.body(Body::empty()).expect("request")
    };
    let plain = app.send(ask(None)).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert!(plain.body.contains("<html"));
    let br = app.send(ask(Some("gzip, deflate, br"))).await;
    assert_eq!(br.headers[header::CONTENT_ENCODING], "br");
    assert!(
        br.headers[header::VARY]
            .to_str()
            .unwrap_or_default()
            .contains("accept-encoding")
    );
    let gzip = app.send(ask(Some("gzip"))).await;
    assert_eq!(gzip.headers[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn the_sign_in_csrf_cookie_is_secure_when_the_site_is_https() {
    let db = carepath_test_support::sqlite().await;
    let app = TestApp::with_config(
        db,
        WebConfig {
            secure_cookies: true,
            ..WebConfig::for_tests()
        },
    )
    .await;
    let page = app.get(None, "/logg-inn").await;
    let set = page
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with(carepath_web::LOGIN_CSRF_COOKIE))
        .expect("the sign-in CSRF cookie");
    assert!(set.contains("Secure"), "{set}");
    assert!(set.contains("HttpOnly"), "{set}");
}

#[tokio::test]
async fn dates_at_the_ends_of_the_calendar_are_a_400_outcome_and_never_a_panic() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("kliniker1").await;
        for query in [
            "/fhir/Observation?date=lt-262143-01-01",
            "/fhir/Observation?date=%2B262142-12-31",
            "/fhir/Observation?date=gt%2B262142-12-31",
            "/fhir/QuestionnaireResponse?authored=lt-262143-01-01",
            "/fhir/QuestionnaireResponse?authored=262142-12-31",
            "/fhir/QuestionnaireResponse?authored=ge0000-01-01",
            "/fhir/Patient?birthdate=lt-262143-01-01",
        ] {
            let res = app.get_api(Some(&token), query).await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{query}: {}", res.body);
            assert_eq!(res.json()["resourceType"], "OperationOutcome", "{query}");
        }
        // The edges of what FHIR allows are answered.
        for query in [
            "/fhir/Observation?date=ge0001-01-01",
            "/fhir/Observation?date=le9999-12-31",
            "/fhir/QuestionnaireResponse?authored=gt9999-12-31T23:59:59%2B14:00",
        ] {
            let res = app.get_api(Some(&token), query).await;
            assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.body);
        }
        let k1 = app.sign_in("kliniker1").await;
        for query in [
            "/klinikk/statistikk?til=-262143-01-01",
            "/klinikk/statistikk?fra=%2B262142-12-31",
        ] {
            let res = app.get(Some(&k1), query).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
            assert!(res.body.contains("år-måned-dag"), "{query}");
        }
    }
}

#[tokio::test]
async fn every_error_under_fhir_is_an_operation_outcome() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("kliniker1").await;
        // Over the body limit.
        let big = format!(
            r#"{{"resourceType":"Patient","x":"{}"}}"#,
            "a".repeat(2 << 20)
        );
        let req = Request::post("/fhir/Patient")
            .header(header::CONTENT_TYPE, "application/fhir+json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(big))
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            res.json()["resourceType"],
            "OperationOutcome",
            "{}",
            res.body
        );
        // A method the address does not have.
        let req = Request::delete("/fhir/Patient")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(
            res.json()["resourceType"],
            "OperationOutcome",
            "{}",
            res.body
        );
        assert!(res.headers.contains_key(header::ALLOW));
        // A query string that is not one.
        for query in ["/fhir/Patient?%zz=1", "/fhir/Observation?_count=%FF"] {
            let res = app.get_api(Some(&token), query).await;
            assert!(res.status.is_client_error(), "{query}: {}", res.status);
            assert_eq!(
                res.json()["resourceType"],
                "OperationOutcome",
                "{query}: {}",
                res.body
            );
        }
    }
}

#[tokio::test]
async fn a_response_keeps_no_narrative_no_typed_names_and_no_contained_resources() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        let mut body =
            crate::ibs_response(&patient, [40, 4, 30, 50, 20], "2026-11-20T09:00:00+01:00");
        body["subject"]["display"] = json!("Noen Andre");
        body["author"] = json!({ "reference": format!("Patient/{patient}"), "display": "Sjefen" });
        body["text"] = json!({ "status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></div>" });
        let mut contained = body.clone();
        contained["contained"] =
            json!([{ "resourceType": "Patient", "id": "p1", "name": [{ "text": "Falsk" }] }]);
        let refused = app
            .send_api(
                "POST",
                Some(&token),
                "/fhir/QuestionnaireResponse",
                &contained,
                &[],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert!(refused.body.contains("QuestionnaireResponse.contained"));

        let created = app
            .send_api(
                "POST",
                Some(&token),
                "/fhir/QuestionnaireResponse",
                &body,
                &[],
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.json()["id"].as_str().unwrap().to_owned();
        let read = app
            .get_api(Some(&token), &format!("/fhir/QuestionnaireResponse/{id}"))
            .await
            .json();
        assert!(read.get("text").is_none(), "{read}");
        assert!(read["subject"].get("display").is_none(), "{read}");
        assert!(read["author"].get("display").is_none(), "{read}");
        assert!(read.get("contained").is_none());
        assert_eq!(read["subject"]["reference"], format!("Patient/{patient}"));
    }
}

#[tokio::test]
async fn reordering_marks_in_a_name_are_removed_before_it_is_kept() {
    for app in TestApp::each_backend().await {
        let k1 = app.sign_in("kliniker1").await;
        let form = app.get(Some(&k1), "/klinikk/henvisning").await;
        let program = crate::first_program_option(&form.body);
        let nin = carepath_domain::NationalIdNumber::complete("120385000")
            .or_else(|| carepath_domain::NationalIdNumber::complete("120385001"))
            .unwrap()
            .expose();
        let res = app
            .post(
                Some(&k1),
                "/klinikk/henvisning",
                &[
                    ("program", &program),
                    ("fodselsnummer", &nin),
                    ("navn", "Kari \u{202E}nnamdroN\u{202C} Test"),
                    ("fastlege", "Dr.\u{2067} Aas"),
                    ("kilde", "gp"),
                    ("hort_om", "website"),
                ],
            )
            .await;
        assert!(res.status.is_redirection(), "{}", res.body);
        let kept = app
            .db
            .store
            .patient_by_nin(&carepath_domain::NationalIdNumber::parse(&nin).unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kept.name, "Kari nnamdroN Test");
        assert_eq!(kept.gp_name.as_deref(), Some("Dr. Aas"));
    }
}

#[tokio::test]
async fn every_rerendering_of_a_patients_page_after_a_form_error_is_in_the_access_log() {
    for app in TestApp::each_backend().await {
        let row = app
            .db
            .store
            .dump_for_tests(
                "SELECT e.id || ' ' || e.patient_id FROM enrollments e JOIN patients p ON p.id = e.patient_id
                 WHERE p.name = 'Ola Demo Haugen'",
            )
            .await
            .unwrap();
        let (enrollment, patient) = row.split_once(' ').unwrap();
        let reads = || async {
            app.db
                .store
                .dump_for_tests(&format!(
                    "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events
                     WHERE patient_id = '{patient}' AND action = 'read' AND resource_type = 'Patient'"
                ))
                .await
                .unwrap()
                .parse::<i64>()
                .unwrap()
        };
        let k1 = app.sign_in("kliniker1").await;
        let before = reads().await;
        let limits = app
            .post(
                Some(&k1),
                &format!("/klinikk/innskriving/{enrollment}/grenser"),
                &[("maaling", "symptomer"), ("rod_under", "abc")],
            )
            .await;
        assert_eq!(
            limits.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            limits.body
        );
        let ending = app
            .post(
                Some(&k1),
                &format!("/klinikk/innskriving/{enrollment}/status"),
                &[("handling", "avslutt")],
            )
            .await;
        assert_eq!(
            ending.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            ending.body
        );
        let enrolling = app
            .post(
                Some(&k1),
                &format!("/klinikk/pasient/{patient}/innskriving"),
                &[("versjon", "")],
            )
            .await;
        assert_eq!(
            enrolling.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            enrolling.body
        );
        assert_eq!(reads().await, before + 3, "{}", app.backend());
    }
}
