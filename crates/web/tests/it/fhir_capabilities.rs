//! The CapabilityStatement is written from the route registry (its own unit tests check
//! that every route is declared); here, what it declares is tried: every search parameter,
//! modifier, sort key and include it names is understood by the search under
//! `Prefer: handling=strict`, and a parameter it does not name is refused there.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;
use serde_json::{Value, json};

/// A value of FHIR search type `kind` the search can parse, if not always match.
fn value_of(kind: &str, documentation: &str, name: &str) -> String {
    match (name, kind) {
        ("_total", _) => "accurate".into(),
        ("_summary", _) => "count".into(),
        ("_elements", _) => "id".into(),
        // `_sort` documents its keys after the colon.
        ("_sort", _) => {
            let key = documentation
                .rsplit(": ")
                .next()
                .unwrap()
                .split(", ")
                .next();
            format!("-{}", key.unwrap())
        }
        (_, "reference") => "Patient/00000000-0000-0000-0000-000000000000".into(),
        (_, "date") => "ge2026-01".into(),
        (_, "number") => "1".into(),
        (_, "uri") => "https://carepath.no/x".into(),
        _ => "a".into(),
    }
}

#[tokio::test]
async fn every_declared_search_parameter_is_understood_and_no_other() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    let clinician = app.api_token("kliniker1").await;
    let admin = app.api_token("admin").await;
    let statement = app.get_api(None, "/fhir/metadata").await.json();
    let strict = [("prefer", "handling=strict"), ("accept-language", "en")];
    let refused = |r: &Value| {
        r["issue"][0]["diagnostics"]
            .as_str()
            .is_some_and(|d| d.contains("not supported"))
    };
    let mut tried = 0;
    for r in statement["rest"][0]["resource"].as_array().unwrap() {
        let t = r["type"].as_str().unwrap();
        let Some(params) = r["searchParam"].as_array() else {
            continue;
        };
        let token = if t == "AuditEvent" {
            &admin
        } else {
            &clinician
        };
        let mut queries = Vec::new();
        for p in params {
            let name = p["name"].as_str().unwrap();
            let kind = p["type"].as_str().unwrap();
            let doc = p["documentation"].as_str().unwrap_or_default();
            queries.push((name.to_owned(), value_of(kind, doc, name)));
            // Modifiers are documented as `modifiers :exact, :contains`.
            if let Some(listed) = doc.split("modifiers ").nth(1) {
                for m in listed.split(", ") {
                    queries.push((format!("{name}{m}"), "a".into()));
                }
            }
        }
        for key in ["searchInclude", "searchRevInclude"] {
            for v in r[key].as_array().into_iter().flatten() {
                let name = if key == "searchInclude" {
                    "_include"
                } else {
                    "_revinclude"
                };
                queries.push((name.into(), v.as_str().unwrap().into()));
            }
        }
        for (name, value) in queries {
            let query = serde_urlencoded::to_string([(&name, &value)]).unwrap();
            let res = app
                .send_api(
                    "GET",
                    Some(token),
                    &format!("/fhir/{t}?{query}"),
                    &json!(null),
                    &strict,
                )
                .await;
            assert!(
                !refused(&res.json()),
                "{t}?{query} is declared but refused: {}",
                res.body
            );
            assert_ne!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{t}?{query}");
            tried += 1;
        }
        // A parameter the statement does not name: refused when strict, ignored (and left
        // out of the self link) when not.
        let path = format!("/fhir/{t}?not-a-parameter=1");
        let res = app
            .send_api("GET", Some(token), &path, &json!(null), &strict)
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(refused(&res.json()), "{path}: {}", res.body);
        let lenient = app.get_api(Some(token), &path).await;
        assert_eq!(lenient.status, StatusCode::OK, "{path}");
        let self_link = lenient.json()["link"][0]["url"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(!self_link.contains("not-a-parameter"), "{self_link}");
    }
    assert!(tried > 60, "the statement declares the searches: {tried}");
}
