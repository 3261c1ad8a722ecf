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

#[tokio::test]
async fn search_parameters_behave_as_the_specification_says() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        // Answered on 1, 2 and 3 December, posted together later.
        for day in ["03", "01", "02"] {
            answered_on(&app, &token, &patient, &format!("2026-12-{day}")).await;
        }
        let base = format!("/fhir/QuestionnaireResponse?subject=Patient/{patient}");
        let get = |q: String| {
            let token = token.clone();
            let app = &app;
            async move { app.get_api(Some(&token), &q).await }
        };
        assert_eq!(
            authored(
                &get(format!(
                    "{base}&authored=ge2026-12-01&authored=lt2026-12-03&_sort=authored"
                ))
                .await
            ),
            ["2026-12-01", "2026-12-02"],
            "{label}"
        );
        assert_eq!(
            authored(&get(format!("{base}&authored=2026-12&_sort=-authored")).await),
            ["2026-12-03", "2026-12-02", "2026-12-01"],
            "{label}: a month"
        );
        assert_eq!(
            authored(&get(format!("{base}&authored=sa2026-12-01&_sort=authored")).await),
            ["2026-12-02", "2026-12-03"],
            "{label}: starts after"
        );
        assert_eq!(
            authored(&get(format!("{base}&authored=2026-12&authored=eb2026-12-02")).await),
            ["2026-12-01"],
            "{label}: ends before"
        );

        // The total alone.
        let counted = get(format!("{base}&authored=2026-12&_summary=count")).await;
        assert_eq!(counted.status, StatusCode::OK, "{}", counted.body);
        let counted = counted.json();
        assert_eq!(counted["total"], 3, "{label}: {counted}");
        assert!(
            counted["entry"].as_array().is_none_or(Vec::is_empty),
            "{counted}"
        );

        // An unknown parameter is ignored, and the self link shows what was applied...
        let lenient = get(format!("{base}&authored=2026-12&colour=blue")).await;
        assert_eq!(lenient.status, StatusCode::OK, "{}", lenient.body);
        let lenient = lenient.json();
        let self_link = lenient["link"][0]["url"].as_str().unwrap();
        assert!(!self_link.contains("colour"), "{self_link}");
        assert!(self_link.contains("authored=2026-12"), "{self_link}");
        assert_eq!(lenient["entry"].as_array().unwrap().len(), 3);
        // ... unless the client asks for strict handling.
        let strict = app
            .send_api(
                "GET",
                Some(&token),
                &format!("{base}&colour=blue"),
                &serde_json::Value::Null,
                &[("prefer", "handling=strict")],
            )
            .await;
        assert_eq!(strict.status, StatusCode::BAD_REQUEST, "{}", strict.body);
        assert_eq!(strict.json()["resourceType"], "OperationOutcome");

        // More than a page holds: a full page and a link to the next.
        let big = get(format!("{base}&_count=1000")).await;
        assert_eq!(big.status, StatusCode::OK, "{}", big.body);

        // The questionnaire as a reference to the stored resource.
        let q = get(format!(
            "/fhir/Questionnaire?url={}",
            IBS.split('|').next().unwrap()
        ))
        .await
        .json();
        let q_id = q["entry"][0]["resource"]["id"].as_str().unwrap().to_owned();
        let by_reference = get(format!(
            "{base}&questionnaire=Questionnaire/{q_id}&authored=2026-12"
        ))
        .await;
        assert_eq!(
            authored(&by_reference).len(),
            3,
            "{label}: {}",
            by_reference.body
        );
        let unknown = get(format!("{base}&questionnaire=Questionnaire/nope")).await;
        assert!(authored(&unknown).is_empty());
    }
}
