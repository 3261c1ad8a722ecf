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
        assert_eq!(
            authored(
                &get(format!(
                    "{base}&authored=2026-12&authored=ne2026-12-02&_sort=authored"
                ))
                .await
            ),
            ["2026-12-01", "2026-12-03"],
            "{label}: not that day"
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

fn entries(res: &carepath_test_support::app::TestResponse) -> Vec<serde_json::Value> {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()["entry"].as_array().cloned().unwrap_or_default()
}

/// The entries of `mode` (`match` or `include`), as `type/id`.
fn of_mode(entries: &[serde_json::Value], mode: &str) -> Vec<String> {
    entries
        .iter()
        .filter(|e| e["search"]["mode"] == mode)
        .map(|e| {
            format!(
                "{}/{}",
                e["resource"]["resourceType"].as_str().unwrap(),
                e["resource"]["id"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn ids_update_times_or_lists_and_includes_behave_as_the_specification_says() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        for day in ["03", "01", "02"] {
            answered_on(&app, &token, &patient, &format!("2026-12-{day}")).await;
        }
        let get = |q: String| {
            let token = token.clone();
            let app = &app;
            async move { app.get_api(Some(&token), &q).await }
        };
        let base =
            format!("/fhir/QuestionnaireResponse?subject=Patient/{patient}&authored=2026-12");
        let all = entries(&get(format!("{base}&_sort=authored")).await);
        assert_eq!(all.len(), 3, "{label}");
        let ids: Vec<&str> = all
            .iter()
            .map(|e| e["resource"]["id"].as_str().unwrap())
            .collect();

        // `_id`, one or an OR list; a malformed id is refused.
        let one = entries(&get(format!("{base}&_id={}", ids[0])).await);
        assert_eq!(of_mode(&one, "match").len(), 1, "{label}");
        let two = entries(&get(format!("{base}&_id={},{}", ids[0], ids[2])).await);
        let mut found = of_mode(&two, "match");
        found.sort();
        let mut wanted = vec![
            format!("QuestionnaireResponse/{}", ids[0]),
            format!("QuestionnaireResponse/{}", ids[2]),
        ];
        wanted.sort();
        assert_eq!(found, wanted, "{label}");
        let bad = get(format!("{base}&_id=a%27b")).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{label}: {}", bad.body);
        assert_eq!(bad.json()["resourceType"], "OperationOutcome");

        // Every response carries when it was written, and `_lastUpdated` searches it.
        let written = all[0]["resource"]["meta"]["lastUpdated"]
            .as_str()
            .unwrap_or_else(|| panic!("{label}: no lastUpdated in {}", all[0]))
            .to_owned();
        let since = entries(&get(format!("{base}&_lastUpdated=ge{}", &written[..10])).await);
        assert_eq!(since.len(), 3, "{label}");
        let after = entries(&get(format!("{base}&_lastUpdated=gt{}", urlencoding(&written))).await);
        assert!(after.is_empty(), "{label}: none written after {written}");
        let not_today = get(format!("{base}&_lastUpdated=ne{}", &written[..10])).await;
        assert!(
            entries(&not_today).is_empty(),
            "{label}: {}",
            not_today.body
        );

        // A status OR list.
        assert_eq!(
            entries(&get(format!("{base}&status=amended,completed")).await).len(),
            3
        );
        assert!(entries(&get(format!("{base}&status=amended,stopped")).await).is_empty());

        // `_include` adds the subject once, as an included entry outside the total.
        let with_subject = get(format!("{base}&_include=QuestionnaireResponse:subject")).await;
        let listed = entries(&with_subject);
        assert_eq!(of_mode(&listed, "match").len(), 3, "{label}");
        assert_eq!(
            of_mode(&listed, "include"),
            [format!("Patient/{patient}")],
            "{label}"
        );
        assert_eq!(with_subject.json()["total"].as_i64().unwrap_or(3), 3);
        // And the questionnaire they answer, once, as a read serves it.
        let with_form = entries(
            &get(format!(
                "{base}&_include=QuestionnaireResponse:questionnaire&_include=QuestionnaireResponse:subject"
            ))
            .await,
        );
        let forms: Vec<&serde_json::Value> = with_form
            .iter()
            .filter(|e| e["search"]["mode"] == "include")
            .map(|e| &e["resource"])
            .filter(|r| r["resourceType"] == "Questionnaire")
            .collect();
        assert_eq!(forms.len(), 1, "{label}: {with_form:?}");
        let answered = with_form[0]["resource"]["questionnaire"].as_str().unwrap();
        assert_eq!(
            format!(
                "{}|{}",
                forms[0]["url"].as_str().unwrap(),
                forms[0]["version"].as_str().unwrap()
            ),
            answered,
            "{label}"
        );
        assert_eq!(of_mode(&with_form, "include").len(), 2, "{label}");

        // Observations carry when they were written; an OR list of codes finds what
        // each code finds (pasient6's measurements at home, in unit 2).
        let scores = format!("/fhir/Observation?subject=Patient/{patient}&date=2026-12-01");
        let day = entries(&get(scores.clone()).await);
        assert!(
            day[0]["resource"]["meta"]["lastUpdated"].is_string(),
            "{label}: {}",
            day[0]
        );
        let home = app.api_token("kliniker2").await;
        let measured = crate::patient_id_of(&app, "pasient6").await;
        let measurements = format!("/fhir/Observation?subject=Patient/{measured}&_count=200");
        let listed = entries(&app.get_api(Some(&home), &measurements).await);
        let mut codes: Vec<String> = listed
            .iter()
            .map(|e| {
                let c = &e["resource"]["code"]["coding"][0];
                format!(
                    "{}|{}",
                    c["system"].as_str().unwrap(),
                    c["code"].as_str().unwrap()
                )
            })
            .collect();
        codes.sort();
        codes.dedup();
        assert!(codes.len() >= 2, "{label}: {codes:?}");
        let count = |path: String| {
            let home = home.clone();
            let app = &app;
            async move { of_mode(&entries(&app.get_api(Some(&home), &path).await), "match").len() }
        };
        let first = count(format!("{measurements}&code={}", codes[0])).await;
        let second = count(format!("{measurements}&code={}", codes[1])).await;
        let either = count(format!("{measurements}&code={},{}", codes[0], codes[1])).await;
        assert!(first > 0 && second > 0, "{label}");
        assert_eq!(either, first + second, "{label}");
        let included = entries(&get(format!("{scores}&_include=Observation:patient")).await);
        assert_eq!(
            of_mode(&included, "include"),
            [format!("Patient/{patient}")]
        );

        // `_revinclude` on Patient brings the patient's responses.
        let rev = entries(
            &get(format!(
                "/fhir/Patient?_id={patient}&_revinclude=QuestionnaireResponse:subject"
            ))
            .await,
        );
        assert_eq!(
            of_mode(&rev, "match"),
            [format!("Patient/{patient}")],
            "{label}"
        );
        let rev_included = of_mode(&rev, "include");
        for id in &ids {
            assert!(
                rev_included.contains(&format!("QuestionnaireResponse/{id}")),
                "{label}: {rev_included:?}"
            );
        }
        // Another patient's id finds nothing for them.
        let other = crate::patient_id_of(&app, "pasient3").await;
        let both = entries(&get(format!("/fhir/Patient?_id={patient},{other}")).await);
        assert_eq!(of_mode(&both, "match").len(), 2, "{label}");
    }
}

/// `s` percent-encoded for a query string (`+` in a time zone).
fn urlencoding(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}

#[tokio::test]
async fn everything_pages_through_a_patients_records_within_the_callers_unit() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        answered_on(&app, &token, &patient, "2026-12-01").await;
        let first = app
            .get_api(
                Some(&token),
                &format!("/fhir/Patient/{patient}/$everything"),
            )
            .await;
        let whole = entries(&first);
        let total = first.json()["total"].as_i64().unwrap();
        assert_eq!(whole.len() as i64, total.min(50), "{label}");
        assert_eq!(
            whole[0]["resource"]["resourceType"], "Patient",
            "{label}: the patient comes first"
        );
        let kinds: std::collections::BTreeSet<&str> = whole
            .iter()
            .map(|e| e["resource"]["resourceType"].as_str().unwrap())
            .collect();
        for kind in [
            "Patient",
            "QuestionnaireResponse",
            "Observation",
            "CarePlan",
            "Task",
            "Communication",
            "Appointment",
        ] {
            assert!(kinds.contains(kind), "{label}: {kinds:?}");
        }
        let reference = format!("Patient/{patient}");
        for e in &whole {
            let r = &e["resource"];
            let subject = r["subject"]["reference"]
                .as_str()
                .or(r["for"]["reference"].as_str());
            match r["resourceType"].as_str().unwrap() {
                "Patient" => {}
                // An appointment names its patients among the participants.
                "Appointment" => assert!(
                    r["participant"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|p| p["actor"]["reference"] == reference.as_str()),
                    "{r}"
                ),
                _ => assert_eq!(subject, Some(reference.as_str()), "{r}"),
            }
        }
        // A patient with letters to the GP has them in it.
        let with_letters = app
            .get_api(Some(&token), "/fhir/Patient?name=jonas")
            .await
            .json();
        let jonas = with_letters["entry"][0]["resource"]["id"].as_str().unwrap();
        let his = app
            .get_api(
                Some(&token),
                &format!("/fhir/Patient/{jonas}/$everything?_count=200"),
            )
            .await;
        assert!(
            entries(&his)
                .iter()
                .any(|e| e["resource"]["resourceType"] == "DocumentReference"
                    && e["resource"]["subject"]["reference"] == format!("Patient/{jonas}")),
            "{label}: {}",
            his.body
        );

        // Pages of three follow one another to the same records, each once.
        let mut seen = Vec::new();
        let mut next = Some(format!("/fhir/Patient/{patient}/$everything?_count=3"));
        while let Some(url) = next.take() {
            let path = url
                .split_once("/fhir/")
                .map(|(_, p)| format!("/fhir/{p}"))
                .unwrap();
            let page = app.get_api(Some(&token), &path).await;
            let listed = entries(&page);
            assert!(listed.len() <= 3);
            seen.extend(of_mode(&listed, "match"));
            next = page.json()["link"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["relation"] == "next")
                .and_then(|l| l["url"].as_str())
                .map(str::to_owned);
            assert!(seen.len() <= total as usize, "{label}: paging does not end");
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{label}: a record twice");
        assert_eq!(seen.len() as i64, total, "{label}");

        // Another unit's clinician does not reach the patient at all, and the patient
        // reaches their own.
        let other = app.api_token("kliniker2").await;
        let refused = app
            .get_api(
                Some(&other),
                &format!("/fhir/Patient/{patient}/$everything"),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::NOT_FOUND,
            "{label}: {}",
            refused.body
        );
        assert_eq!(refused.json()["resourceType"], "OperationOutcome");
        let own = app.api_token("pasient2").await;
        let mine = app
            .get_api(Some(&own), &format!("/fhir/Patient/{patient}/$everything"))
            .await;
        assert_eq!(mine.json()["total"], total, "{label}: {}", mine.body);
    }
}

#[tokio::test]
async fn patients_are_found_by_family_given_and_gender_with_string_modifiers() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        let number = (200..300)
            .find_map(|n| carepath_domain::NationalIdNumber::complete(&format!("120479{n}")))
            .unwrap()
            .expose();
        let created = app
            .send_api(
                "POST",
                Some(&token),
                "/fhir/Patient",
                &serde_json::json!({
                    "resourceType": "Patient",
                    "identifier": [{ "system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": number }],
                    "name": [{ "family": "Nordvik", "given": ["Kari", "Anne"] }],
                    "gender": "female",
                    "birthDate": "1979-04-12"
                }),
                &[],
            )
            .await;
        assert_eq!(
            created.status,
            StatusCode::CREATED,
            "{label}: {}",
            created.body
        );
        let id = created.json()["id"].as_str().unwrap().to_owned();
        let found = |q: &'static str| {
            let token = token.clone();
            let app = &app;
            let id = id.clone();
            async move {
                let res = app
                    .get_api(Some(&token), &format!("/fhir/Patient?{q}"))
                    .await;
                of_mode(&entries(&res), "match").contains(&format!("Patient/{id}"))
            }
        };
        for (q, wanted) in [
            ("family=nord", true),
            ("family=vik", false),
            ("family:contains=VIK", true),
            ("family:exact=Nordvik", true),
            ("family:exact=nordvik", false),
            ("given=ann", true),
            ("given:exact=Anne", true),
            ("given:exact=Ann", false),
            ("given:contains=nn", true),
            ("name:exact=Kari", true),
            ("name:contains=ordv", true),
            ("name=anne&family=nordvik&gender=female", true),
            ("gender=male&family=Nordvik", false),
        ] {
            assert_eq!(found(q).await, wanted, "{label}: {q}");
        }
        for q in ["gender=banana", "name=kari&name:exact=Kari"] {
            let res = app
                .get_api(Some(&token), &format!("/fhir/Patient?{q}"))
                .await;
            assert_eq!(
                res.status,
                StatusCode::BAD_REQUEST,
                "{label}: {q}: {}",
                res.body
            );
            assert_eq!(res.json()["resourceType"], "OperationOutcome");
        }

        // A patient's search of their own record follows the same rules.
        let own = app.api_token("pasient2").await;
        let me = crate::patient_id_of(&app, "pasient2").await;
        for (q, n) in [
            ("name:contains=aug", 1),
            ("name:exact=Nobody", 0),
            ("gender=female&name=ola", 0),
        ] {
            let res = app.get_api(Some(&own), &format!("/fhir/Patient?{q}")).await;
            let listed = of_mode(&entries(&res), "match");
            assert_eq!(listed.len(), n, "{label}: {q}: {listed:?}");
            if n == 1 {
                assert_eq!(listed[0], format!("Patient/{me}"));
            }
        }
    }
}

/// Registers a patient through the API; the id.
async fn register(app: &TestApp, token: &str, born: &str, patient: serde_json::Value) -> String {
    // `born` is DDMMYY; the first valid national identity number of that day.
    let number = (200..500)
        .find_map(|n| carepath_domain::NationalIdNumber::complete(&format!("{born}{n}")))
        .unwrap()
        .expose();
    let mut body = patient;
    body["resourceType"] = "Patient".into();
    body["identifier"] =
        serde_json::json!([{ "system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": number }]);
    let res = app
        .send_api("POST", Some(token), "/fhir/Patient", &body, &[])
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.json()["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn elements_missing_and_several_sort_keys_behave_as_the_specification_says() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        // Three of one family: two born the same year with and without a gender, and one
        // with no given name.
        let a = register(
            &app,
            &token,
            "030380",
            serde_json::json!({ "name": [{ "family": "Zulu", "given": ["Aud"] }], "gender": "female" }),
        )
        .await;
        let b = register(
            &app,
            &token,
            "040390",
            serde_json::json!({ "name": [{ "family": "Zulu", "given": ["Bo"] }] }),
        )
        .await;
        let c = register(
            &app,
            &token,
            "050385",
            serde_json::json!({ "name": [{ "family": "Zulu", "text": "Zulu" }], "gender": "male" }),
        )
        .await;
        let (a, b, c) = (a.as_str(), b.as_str(), c.as_str());
        let ids = |res: &carepath_test_support::app::TestResponse| -> Vec<String> {
            of_mode(&entries(res), "match")
                .into_iter()
                .map(|r| r.trim_start_matches("Patient/").to_owned())
                .collect()
        };
        let search = |q: &str| {
            let path = format!("/fhir/Patient?family:exact=Zulu&{q}");
            let token = token.clone();
            let app = &app;
            async move { app.get_api(Some(&token), &path).await }
        };

        // Several sort keys, each descending or not; the first decides.
        let by_birth = search("_sort=-birthdate").await;
        assert_eq!(ids(&by_birth), [b, c, a], "{label}");
        let by_given = search("_sort=family,given").await;
        // A patient without a given name sorts last.
        assert_eq!(ids(&by_given), [a, b, c], "{label}");
        let by_given_desc = search("_sort=-given").await;
        assert_eq!(ids(&by_given_desc), [b, a, c], "{label}");
        // A key the search cannot sort by is left out of the self link, or refused when strict.
        let lenient = search("_sort=shoe-size,-birthdate").await;
        assert_eq!(ids(&lenient), [b, c, a], "{label}");
        let self_link = lenient.json()["link"][0]["url"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            self_link.ends_with("_sort=-birthdate"),
            "{label}: {self_link}"
        );
        let strict = app
            .send_api(
                "GET",
                Some(&token),
                "/fhir/Patient?_sort=shoe-size",
                &serde_json::Value::Null,
                &[("prefer", "handling=strict")],
            )
            .await;
        assert_eq!(strict.status, StatusCode::BAD_REQUEST, "{label}");

        // `:missing`.
        for (q, wanted) in [
            ("gender:missing=true", vec![b]),
            ("gender:missing=false&_sort=birthdate", vec![a, c]),
            ("given:missing=true", vec![c]),
            ("family:missing=true", Vec::<&str>::new()),
            ("birthdate:missing=false&_sort=_id", {
                let mut all = vec![a, b, c];
                all.sort();
                all
            }),
        ] {
            assert_eq!(ids(&search(q).await), wanted, "{label}: {q}");
        }
        let bad = search("gender:missing=perhaps").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{label}");
        assert_eq!(bad.json()["resourceType"], "OperationOutcome");
        // A measurement is derived from no response; a score from one.
        let k2 = app.api_token("kliniker2").await;
        // The Observations unit 2 finds with `q`, in the order served.
        let observations = |q: &str| {
            let app = &app;
            let k2 = k2.clone();
            let q = q.to_owned();
            async move {
                let res = app
                    .get_api(Some(&k2), &format!("/fhir/Observation?{q}&_count=200"))
                    .await;
                entries(&res)
                    .into_iter()
                    .map(|e| e["resource"].clone())
                    .collect::<Vec<serde_json::Value>>()
            }
        };
        let kinds = |q: &'static str| async move {
            observations(q)
                .await
                .iter()
                .map(|o| o["derivedFrom"].is_array())
                .collect::<Vec<bool>>()
        };
        let measured = kinds("derived-from:missing=true").await;
        assert!(
            !measured.is_empty() && measured.iter().all(|d| !d),
            "{label}"
        );
        // Observations sort by when they were measured, either way.
        let measured_at = |q: &'static str| async move {
            observations(q)
                .await
                .iter()
                .map(|o| o["effectiveDateTime"].as_str().unwrap().to_owned())
                .collect::<Vec<String>>()
        };
        let oldest_first = measured_at("_sort=date").await;
        let mut sorted = oldest_first.clone();
        sorted.sort();
        assert!(oldest_first.len() > 1, "{label}");
        assert_eq!(oldest_first, sorted, "{label}");
        let newest_first = measured_at("_sort=-date").await;
        sorted.reverse();
        assert_eq!(newest_first, sorted, "{label}");
        // `ne` leaves out the day named, and only it.
        let day = &sorted[0][..10];
        let other_days = observations(&format!("date=ne{day}")).await;
        assert_eq!(
            other_days.len(),
            sorted.iter().filter(|t| !t.starts_with(day)).count(),
            "{label}"
        );
        let scored = kinds("derived-from:missing=false").await;
        assert!(scored.iter().all(|d| *d), "{label}");
        assert_eq!(
            measured.len() + scored.len(),
            kinds("_summary=data").await.len(),
            "{label}"
        );

        // `_elements`: each match cut to what was asked, with id and meta, and tagged.
        let cut = search("_elements=gender&_sort=birthdate&_count=2").await;
        let listed = entries(&cut);
        assert_eq!(listed.len(), 2, "{label}");
        for e in &listed {
            let r = e["resource"].as_object().unwrap();
            let mut keys: Vec<&str> = r.keys().map(String::as_str).collect();
            keys.sort();
            assert!(
                keys == ["gender", "id", "meta", "resourceType"]
                    || keys == ["id", "meta", "resourceType"],
                "{label}: {keys:?}"
            );
            assert_eq!(r["meta"]["tag"][0]["code"], "SUBSETTED", "{label}");
        }
        assert_eq!(listed[0]["resource"]["gender"], "female", "{label}");
        // The next page keeps the cut.
        let next = cut.json()["link"][1]["url"].as_str().unwrap().to_owned();
        assert!(next.contains("_elements=gender"), "{label}: {next}");
        // Included resources stay whole.
        let with_subject = app
            .get_api(
                Some(&token),
                "/fhir/QuestionnaireResponse?_elements=status&_include=QuestionnaireResponse:subject&_count=1",
            )
            .await;
        let all = entries(&with_subject);
        let matched = all.iter().find(|e| e["search"]["mode"] == "match").unwrap();
        assert!(matched["resource"]["item"].is_null(), "{label}");
        assert!(matched["resource"]["status"].is_string(), "{label}");
        let included = all
            .iter()
            .find(|e| e["search"]["mode"] == "include")
            .unwrap();
        assert!(included["resource"]["name"].is_array(), "{label}");
    }
}

#[tokio::test]
async fn the_other_resources_take_id_and_last_updated() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let k1 = app.api_token("kliniker1").await;
        let k2 = app.api_token("kliniker2").await;
        for (resource, token) in [
            ("Communication", &k1),
            ("Appointment", &k1),
            ("DocumentReference", &k1),
            ("PlanDefinition", &k1),
            ("CarePlan", &k1),
            ("Flag", &k2),
            ("Questionnaire", &k2),
        ] {
            let all = app
                .get_api(Some(token), &format!("/fhir/{resource}?_count=200"))
                .await;
            let listed = of_mode(&entries(&all), "match");
            assert!(listed.len() > 1, "{label}: {resource}: {listed:?}");
            let one = listed[1].split_once('/').unwrap().1.to_owned();
            let by_id = app
                .get_api(Some(token), &format!("/fhir/{resource}?_id={one}"))
                .await;
            assert_eq!(
                of_mode(&entries(&by_id), "match"),
                [listed[1].clone()],
                "{label}: {resource}"
            );
            let future = app
                .get_api(
                    Some(token),
                    &format!("/fhir/{resource}?_lastUpdated=gt2100-01-01"),
                )
                .await;
            assert!(entries(&future).is_empty(), "{label}: {resource}");
            let past = app
                .get_api(
                    Some(token),
                    &format!("/fhir/{resource}?_lastUpdated=gt2000-01-01&_count=200"),
                )
                .await;
            assert_eq!(entries(&past).len(), listed.len(), "{label}: {resource}");
            // What is found carries the time it is found by.
            let served = &all.json()["entry"][1]["resource"]["meta"]["lastUpdated"];
            assert!(served.is_string(), "{label}: {resource}: {served}");
        }
        // A consent's id is its patient's; its last update is the decision.
        let patient = crate::patient_id_of(&app, "pasient2").await;
        for (q, n) in [
            (format!("_id={patient}"), 1),
            (format!("_id={patient}&_lastUpdated=gt2000-01-01"), 1),
            (format!("_id={patient}&_lastUpdated=gt2100-01-01"), 0),
            (format!("patient={patient}&_id=nobody"), 0),
        ] {
            let found = app.get_api(Some(&k1), &format!("/fhir/Consent?{q}")).await;
            assert_eq!(entries(&found).len(), n, "{label}: {q}: {}", found.body);
        }
        let theirs = app
            .get_api(Some(&k2), &format!("/fhir/Consent?_id={patient}"))
            .await;
        assert!(entries(&theirs).is_empty(), "{label}: another unit");
    }
}

#[tokio::test]
async fn tasks_and_messages_bring_the_care_plan_they_are_based_on() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient2").await;
        let plan = app
            .get_api(Some(&token), &format!("/fhir/CarePlan?subject={patient}"))
            .await
            .json()["entry"][0]["resource"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for resource in ["Task", "Communication"] {
            let res = app
                .get_api(
                    Some(&token),
                    &format!("/fhir/{resource}?patient={patient}&_include={resource}:based-on"),
                )
                .await;
            let listed = entries(&res);
            assert!(!of_mode(&listed, "match").is_empty(), "{label}: {resource}");
            assert_eq!(
                of_mode(&listed, "include"),
                [format!("CarePlan/{plan}")],
                "{label}: {resource}"
            );
        }
    }
}
