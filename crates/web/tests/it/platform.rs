//! What every response has: health check, security headers, error pages, media, limits.

use axum::http::{StatusCode, header};
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn health_is_ok_while_the_database_answers() {
    for app in TestApp::each_backend().await {
        let res = app.get(None, "/healthz").await;
        assert_eq!(res.status, StatusCode::OK, "{}", app.backend());
        app.db.store.close().await;
        assert_eq!(
            app.get(None, "/healthz").await.status,
            StatusCode::SERVICE_UNAVAILABLE
        );
    }
}

#[tokio::test]
async fn a_database_that_cannot_answer_gets_503_with_when_to_try_again_on_pages_and_the_api() {
    for app in TestApp::each_backend().await {
        let app = TestApp::demo(app.db).await;
        let session = app.sign_in("kliniker1").await;
        let token = app.api_token("kliniker1").await;
        app.db.store.close().await;
        let page = app.get(Some(&session), "/klinikk").await;
        assert_eq!(
            page.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            app.backend()
        );
        assert_eq!(page.headers[header::RETRY_AFTER], "5");
        assert!(
            page.body.contains("Tjenesten er midlertidig utilgjengelig"),
            "{}",
            page.body
        );
        let api = app.get_api(Some(&token), "/fhir/Patient").await;
        assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(api.headers[header::RETRY_AFTER], "5");
        let outcome = api.json();
        assert_eq!(outcome["resourceType"], "OperationOutcome");
        assert_eq!(outcome["issue"][0]["code"], "transient");
    }
}

#[tokio::test]
async fn every_page_has_security_headers_and_unknown_paths_get_a_norwegian_page() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    let res = app.get(None, "/finnes/ikke").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("Siden finnes ikke"));
    let csp = res.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(res.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(res.headers[header::REFERRER_POLICY], "no-referrer");
}

#[tokio::test]
async fn malformed_and_oversized_requests_get_a_clear_4xx() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    let s = app.sign_in("pasient2").await;
    let forged = app
        .post_raw(
            Some(&s),
            "/pasient/moduler/valg",
            "application/json",
            "{".into(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "no token, no change");
    let bad = app
        .post_raw(
            Some(&s),
            "/pasient/moduler/valg",
            "application/json",
            format!("_csrf={}", s.csrf),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Skjemaet kunne ikke leses"));
    let huge = "a=".to_owned() + &"x".repeat(2 * 1024 * 1024);
    let res = app
        .post_raw(
            Some(&s),
            "/pasient/skjema/ibs-symptomskaar",
            "application/x-www-form-urlencoded",
            huge,
        )
        .await;
    assert!(res.status.is_client_error(), "{}", res.status);
    // What was typed is shown again, escaped.
    let k = app.sign_in("kliniker1").await;
    let typed = app
        .post(
            Some(&k),
            "/klinikk/henvisning",
            &[
                ("navn", "<script>alert(1)</script>"),
                ("fodselsnummer", "<b>"),
            ],
        )
        .await;
    assert_eq!(typed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !typed.body.contains("<script>alert") && !typed.body.contains("<b>"),
        "input is escaped"
    );
    assert!(
        typed.body.contains("&lt;script&gt;") || typed.body.contains("&#60;script&#62;"),
        "{}",
        typed.body
    );
}

#[tokio::test]
async fn program_media_is_served_with_its_type_and_a_sandbox() {
    for app in TestApp::each_backend().await {
        let version = app
            .db
            .store
            .latest_program_version("ibs-school")
            .await
            .unwrap()
            .unwrap();
        let res = app
            .get(None, &format!("/media/{}/magepust.svg", version.id))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", app.backend());
        assert_eq!(res.headers[header::CONTENT_TYPE], "image/svg+xml");
        assert!(
            res.headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .contains("sandbox")
        );
        assert_eq!(
            app.get(None, &format!("/media/{}/nope.svg", version.id))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(None, "/media/bad/magepust.svg").await.status,
            StatusCode::NOT_FOUND
        );
    }
}
