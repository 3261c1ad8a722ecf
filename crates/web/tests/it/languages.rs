//! Choosing a language (decision 0028): `?lang=` on any page, the browser's
//! `Accept-Language` on a first visit, a saved choice when signed in; never a cookie.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use carepath_test_support::app::TestApp;

/// The `lang` of the page's `<html>`.
fn html_lang(body: &str) -> &str {
    body.split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_signed_out_visitor_asking_for_english_gets_english_without_a_cookie() {
    for app in TestApp::each_backend().await {
        let page = app.get(None, "/logg-inn?lang=en").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(html_lang(&page.body), "en");
        assert!(page.body.contains("<h1>Sign in</h1>"), "{}", page.body);
        // The forms keep the choice, and the switcher offers every language.
        assert!(page.body.contains("action=\"/logg-inn/demo?lang=en\""));
        for code in ["nb", "nn", "en", "uk"] {
            assert!(
                page.body.contains(&format!("href=\"?lang={code}\"")),
                "{code}"
            );
        }
        let cookies: Vec<_> = page
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert!(
            cookies
                .iter()
                .all(|c| c.starts_with(carepath_web::LOGIN_CSRF_COOKIE)),
            "only the sign-in form's token: {cookies:?}"
        );

        // The browser's language on a first visit; bokmål when it has none of ours.
        let ask = |accept: &'static str| {
            Request::get("/logg-inn")
                .header(header::ACCEPT_LANGUAGE, accept)
                .body(Body::empty())
                .expect("request")
        };
        let page = app.send(ask("uk-UA,uk;q=0.9,en;q=0.8")).await;
        assert_eq!(html_lang(&page.body), "uk");
        assert!(page.body.contains("<h1>Вхід</h1>"));
        let page = app.send(ask("nn-NO")).await;
        assert_eq!(html_lang(&page.body), "nn");
        let page = app.send(ask("de-DE")).await;
        assert_eq!(html_lang(&page.body), "nb");
        assert!(page.body.contains("<h1>Logg inn</h1>"));

        // An error page is in the asked language too.
        let missing = app.get(None, "/finnes-ikke?lang=en").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("Page not found"), "{}", missing.body);
        let missing = app.get(None, "/finnes-ikke").await;
        assert!(missing.body.contains("Siden finnes ikke"));
    }
}

#[tokio::test]
async fn a_signed_in_persons_choice_is_saved_and_follows_them() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let me = app.sign_in("pasient2").await;
        let page = app.get(Some(&me), "/pasient/innsyn").await;
        assert_eq!(html_lang(&page.body), "nb", "{label}");
        let page = app.get(Some(&me), "/pasient/innsyn?lang=en").await;
        assert_eq!(html_lang(&page.body), "en", "{label}");
        // Saved: later pages, without asking, stay in it; the browser's wish does not
        // override the person's choice.
        let req = Request::get("/pasient/innsyn")
            .header(header::COOKIE, me.cookie_header())
            .header(header::ACCEPT_LANGUAGE, "nb")
            .body(Body::empty())
            .expect("request");
        let page = app.send(req).await;
        assert_eq!(html_lang(&page.body), "en", "{label}");
        assert!(page.body.contains(">Sign out<"), "{label}");
        // Also for the messages to the patient.
        let saved = app
            .db
            .store
            .dump_for_tests(
                "SELECT u.language || ' ' || p.language FROM users u JOIN patients p ON p.user_id = u.id WHERE u.username = 'pasient2'",
            )
            .await
            .unwrap();
        assert_eq!(saved, "en en", "{label}");

        // A choice made on the sign-in page becomes the account's.
        let res = app
            .post(
                None,
                "/logg-inn/demo?lang=nn",
                &[("brukernavn", "pasient1")],
            )
            .await;
        assert!(res.status.is_redirection(), "{label}");
        let session = res.session(&app).await.expect("a session");
        let page = app.get(Some(&session), "/pasient/innsyn").await;
        assert_eq!(html_lang(&page.body), "nn", "{label}");
        // Signing out keeps the language on the way back to the sign-in page.
        let out = app.post(Some(&session), "/logg-ut", &[]).await;
        assert_eq!(out.location(), "/logg-inn?lang=nn", "{label}");
    }
}

/// The API's problems are worded in the caller's `Accept-Language` (bokmål without one):
/// the generic answers, those made before a handler runs, and a refused measurement,
/// which in Ukrainian reads as the patient's own form says it.
#[tokio::test]
async fn an_api_problem_reads_in_the_language_the_caller_asks_for() {
    use serde_json::json;
    for app in TestApp::each_backend().await {
        let diagnostics = |res: &carepath_test_support::app::TestResponse| {
            res.json()["issue"][0]["diagnostics"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        };
        let unauthorized = |accept: Option<&'static str>| {
            let mut req = Request::get("/fhir/Patient");
            if let Some(a) = accept {
                req = req.header(header::ACCEPT_LANGUAGE, a);
            }
            req.body(Body::empty()).expect("request")
        };
        let nb = app.send(unauthorized(None)).await;
        assert_eq!(nb.status, StatusCode::UNAUTHORIZED);
        assert!(
            diagnostics(&nb).starts_with("Det trengs et gyldig"),
            "{}",
            nb.body
        );
        let en = app.send(unauthorized(Some("en-GB,en;q=0.9"))).await;
        assert!(
            diagnostics(&en).starts_with("A valid bearer token"),
            "{}",
            en.body
        );
        let nn = app.send(unauthorized(Some("nn"))).await;
        assert!(
            diagnostics(&nn).starts_with("Det trengst eit gyldig"),
            "{}",
            nn.body
        );
        // No Ukrainian for the API's own words: English stands in.
        let uk = app.send(unauthorized(Some("uk"))).await;
        assert!(
            diagnostics(&uk).starts_with("A valid bearer token"),
            "{}",
            uk.body
        );

        // Refused before any handler runs: a method the address does not have.
        let token = app.api_token("kliniker1").await;
        let method = app
            .send_api(
                "DELETE",
                Some(&token),
                "/fhir/Patient",
                &json!({}),
                &[("accept-language", "nn")],
            )
            .await;
        assert_eq!(method.status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(
            diagnostics(&method).contains("ikkje støtta"),
            "{}",
            method.body
        );

        // A measurement out of range: the range, worded with the language's decimals.
        let patient =
            app.get_api(Some(&token), "/fhir/Patient").await.json()["entry"][0]["resource"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
        let fever = json!({
            "resourceType": "Observation",
            "status": "final",
            "code": { "coding": [{ "system": "http://loinc.org", "code": "8310-5" }] },
            "subject": { "reference": format!("Patient/{patient}") },
            "effectiveDateTime": "2026-11-20T08:00:00+01:00",
            "valueQuantity": { "value": 48.5, "unit": "°C", "system": "http://unitsofmeasure.org", "code": "Cel" }
        });
        for (accept, says) in [
            ("nb", "Temperatur må være mellom 30 og 45 °C"),
            ("en", "Temperature must be between 30 and 45 °C"),
            ("uk", "від 30 до 45 °C"),
        ] {
            let refused = app
                .send_api(
                    "POST",
                    Some(&token),
                    "/fhir/Observation",
                    &fever,
                    &[("accept-language", accept)],
                )
                .await;
            assert_eq!(
                refused.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}",
                refused.body
            );
            let text = diagnostics(&refused);
            assert!(text.contains(says), "{accept}: {text}");
            assert!(
                !text.contains("48"),
                "{accept}: the value sent is not repeated"
            );
        }
    }
}
