//! Searching by date means the date the resource is about (`authored`, `effective`), not
//! the time the server received it.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

use crate::{IBS, ibs_response};

fn authored(res: &carepath_test_support::app::TestResponse) -> Vec<String> {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()["entry"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| e["resource"]["authored"].as_str().unwrap()[..10].to_owned())
        .collect()
}

/// Posts an IBS baseline for `patient` answered on `day` (YYYY-MM-DD).
async fn answered_on(app: &TestApp, token: &str, patient: &str, day: &str) {
    let body = ibs_response(
        patient,
        [40, 4, 30, 50, 20],
        &format!("{day}T09:00:00+01:00"),
    );
    let res = app
        .send_api(
            "POST",
            Some(token),
            "/fhir/QuestionnaireResponse",
            &body,
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
}

#[tokio::test]
async fn date_searches_and_sorting_use_when_it_was_answered_not_when_it_arrived() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        // Answered on paper on three days, all sent today (the 23rd), newest first.
        for day in ["22", "20", "21"] {
            answered_on(&app, &token, &patient, &format!("2026-11-{day}")).await;
        }
        let search = |q: &str| {
            let token = token.clone();
            let path = format!(
                "/fhir/QuestionnaireResponse?subject=Patient/{patient}&questionnaire={IBS}&{q}"
            );
            let app = &app;
            async move { authored(&app.get_api(Some(&token), &path).await) }
        };
        assert_eq!(
            search("authored=ge2026-11-19&authored=lt2026-11-22&_sort=authored").await,
            ["2026-11-20", "2026-11-21"],
            "{}",
            app.backend()
        );
        assert_eq!(search("authored=2026-11-21").await, ["2026-11-21"]);
        assert!(
            search("authored=2026-11-23").await.is_empty(),
            "none was answered today"
        );
        assert_eq!(
            search("authored=ge2026-11-19&_sort=-authored").await,
            ["2026-11-22", "2026-11-21", "2026-11-20"]
        );

        // Their scores are dated when the answers were given.
        let scores = app
            .get_api(
                Some(&token),
                &format!("/fhir/Observation?subject=Patient/{patient}&date=2026-11-21"),
            )
            .await;
        assert_eq!(scores.status, StatusCode::OK);
        let entries = scores.json()["entry"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!entries.is_empty(), "{}", scores.body);
        for e in entries {
            let when = e["resource"]["effectiveDateTime"]
                .as_str()
                .unwrap()
                .to_owned();
            assert!(when.starts_with("2026-11-21"), "{when}");
        }
    }
}

#[tokio::test]
async fn a_search_counts_every_match_only_when_asked_and_pages_without_the_count() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        let base =
            format!("/fhir/QuestionnaireResponse?subject=Patient/{patient}&questionnaire={IBS}");
        let before = app
            .get_api(Some(&token), &format!("{base}&_total=accurate"))
            .await
            .json()["total"]
            .as_i64()
            .unwrap();
        for day in 1..=5 {
            answered_on(&app, &token, &patient, &format!("2026-11-{day:02}")).await;
        }
        let all = before + 5;
        // A page with more after it: no count, a next link.
        let first = app.get_api(Some(&token), &format!("{base}&_count=2")).await;
        assert_eq!(first.status, StatusCode::OK, "{label}: {}", first.body);
        let first = first.json();
        assert!(first.get("total").is_none(), "{label}: {first}");
        assert_eq!(first["entry"].as_array().unwrap().len(), 2);
        let next = first["link"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["relation"] == "next")
            .expect("a next link")["url"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(next.contains("_offset=2"), "{next}");
        // Asked for: the count of every match, and it stays asked on the next page.
        let counted = app
            .get_api(Some(&token), &format!("{base}&_count=2&_total=accurate"))
            .await
            .json();
        assert_eq!(counted["total"], all, "{label}: {counted}");
        let next = counted["link"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["relation"] == "next")
            .unwrap()["url"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(next.contains("_total=accurate"), "{next}");
        // The last page knows the total without counting, and links no further.
        let last = app
            .get_api(
                Some(&token),
                &format!("{base}&_count=2&_offset={}", all - 1),
            )
            .await
            .json();
        assert_eq!(last["total"], all, "{label}: {last}");
        assert_eq!(last["entry"].as_array().unwrap().len(), 1);
        assert!(
            !last["link"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["relation"] == "next")
        );
        let bad = app
            .get_api(Some(&token), &format!("{base}&_total=maybe"))
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
        assert!(bad.body.contains("_total=maybe"), "{}", bad.body);
    }
}
