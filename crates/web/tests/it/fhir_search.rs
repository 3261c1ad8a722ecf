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

#[tokio::test]
async fn date_searches_and_sorting_use_when_it_was_answered_not_when_it_arrived() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        // Answered on paper on three days, all sent today (the 23rd), newest first.
        for day in ["22", "20", "21"] {
            let body = ibs_response(
                &patient,
                [40, 4, 30, 50, 20],
                &format!("2026-11-{day}T09:00:00+01:00"),
            );
            let res = app
                .send_api(
                    "POST",
                    Some(&token),
                    "/fhir/QuestionnaireResponse",
                    &body,
                    &[],
                )
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
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
