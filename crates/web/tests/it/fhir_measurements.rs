//! Measurements through the API: a patient registers their own, the care team theirs; a
//! typing error is refused with the plausible range and nothing is stored.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;
use carepath_test_support::fhir_validator::assert_valid_fhir;
use serde_json::json;

fn spo2(patient: &str, value: f64) -> serde_json::Value {
    json!({
        "resourceType": "Observation",
        "status": "final",
        "code": { "coding": [{ "system": "http://loinc.org", "code": "59408-5" }] },
        "subject": { "reference": format!("Patient/{patient}") },
        "effectiveDateTime": "2026-11-20T08:00:00+01:00",
        "valueQuantity": { "value": value, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%" }
    })
}

async fn measurements(app: &TestApp) -> String {
    app.db
        .store
        .dump_for_tests(
            "SELECT CAST(COUNT(*) AS TEXT) FROM observations WHERE response_id IS NULL
             AND patient_id = (SELECT id FROM patients WHERE name = 'Ola Demo Haugen')",
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_patient_registers_a_measurement_and_a_typing_error_is_refused_with_the_range() {
    for app in TestApp::each_backend().await {
        let p2 = app.api_token("pasient2").await;
        let me = app.get_api(Some(&p2), "/fhir/Patient").await.json()["entry"][0]["resource"]["id"]
            .as_str()
            .unwrap()
            .to_owned();

        // SpO2 150 %: refused, named at the value, with the range; nothing stored.
        let bad = app
            .send_api(
                "POST",
                Some(&p2),
                "/fhir/Observation",
                &spo2(&me, 150.0),
                &[],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        let issue = &bad.json()["issue"][0];
        assert_eq!(issue["expression"][0], "Observation.valueQuantity.value");
        assert!(
            issue["diagnostics"]
                .as_str()
                .unwrap()
                .contains("mellom 50 og 100 %")
        );
        assert_eq!(measurements(&app).await, "0", "{}", app.backend());

        // SpO2 88 %: stored as a vital sign, found by its LOINC code by the care team.
        let ok = app
            .send_api(
                "POST",
                Some(&p2),
                "/fhir/Observation",
                &spo2(&me, 88.0),
                &[],
            )
            .await;
        assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
        let created = ok.json();
        assert_eq!(created["category"][0]["coding"][0]["code"], "vital-signs");
        assert_eq!(created["valueQuantity"]["value"], 88.0);
        assert_valid_fhir(std::slice::from_ref(&created));
        let k1 = app.api_token("kliniker1").await;
        let found = app
            .get_api(
                Some(&k1),
                &format!("/fhir/Observation?subject=Patient/{me}&code=http://loinc.org|59408-5"),
            )
            .await;
        assert_eq!(found.json()["total"], 1, "{}", found.body);

        // The care team of another unit may not register for them.
        let k2 = app.api_token("kliniker2").await;
        let foreign = app
            .send_api(
                "POST",
                Some(&k2),
                "/fhir/Observation",
                &spo2(&me, 95.0),
                &[],
            )
            .await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN);
        assert_eq!(measurements(&app).await, "1");
    }
}

#[tokio::test]
async fn blood_pressure_is_one_entry_on_the_page_and_one_panel_in_the_api() {
    for app in TestApp::each_backend().await {
        let p6 = app.sign_in("pasient6").await;
        // One choice with both numbers, not two separate measurements.
        let page = app.get(Some(&p6), "/pasient/maalinger").await;
        page.assert_ok_containing("id=\"maaling-blodtrykk\"");
        assert!(page.body.contains("name=\"nedre\""));
        assert!(!page.body.contains("id=\"maaling-systolisk\""));
        let count = || async {
            app.db
                .store
                .dump_for_tests(
                    "SELECT CAST(COUNT(*) AS TEXT) FROM observations o JOIN patients p ON p.id = o.patient_id
                     WHERE p.name = 'Arne Demo Nilsen' AND o.code = 'blodtrykk'",
                )
                .await
                .unwrap()
        };
        let before = count().await;

        // Only the upper number: refused at the lower field, the upper kept.
        let half = app
            .post(
                Some(&p6),
                "/pasient/maalinger",
                &[("maaling", "blodtrykk"), ("verdi", "185"), ("nedre", "")],
            )
            .await;
        assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            half.body
                .contains("Skriv både det øvre og det nedre tallet")
        );
        assert!(half.body.contains("href=\"#nedre\"") && half.body.contains("value=\"185\""));
        // The numbers in the wrong fields: said so, nothing stored.
        let swapped = app
            .post(
                Some(&p6),
                "/pasient/maalinger",
                &[("maaling", "blodtrykk"), ("verdi", "80"), ("nedre", "120")],
            )
            .await;
        assert_eq!(swapped.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(swapped.body.contains("må være høyere enn det nedre"));
        assert_eq!(count().await, before, "{}", app.backend());

        // 185/95: one entry, red by the systolic limit (above 180), its advice first.
        app.post(
            Some(&p6),
            "/pasient/maalinger",
            &[("maaling", "blodtrykk"), ("verdi", "185"), ("nedre", "95")],
        )
        .await
        .assert_redirect("/pasient/maalinger?lagret=blodtrykk");
        let saved = app
            .get(Some(&p6), "/pasient/maalinger?lagret=blodtrykk")
            .await;
        saved.assert_ok_containing("Blodtrykk er lagret.");
        assert!(saved.body.contains("advice advice-red"), "{}", saved.body);
        assert!(saved.body.contains("Blodtrykket er svært høyt eller lavt"));
        let first = saved.body.find("advice advice-red").unwrap();
        assert!(
            first < saved.body.find("class=\"measure\"").unwrap(),
            "advice at the top"
        );
        assert_eq!(
            count().await.parse::<u32>().unwrap(),
            before.parse::<u32>().unwrap() + 1
        );

        // The care team sees one red alert for the systolic number, and the API one
        // panel with both components.
        let k2 = app.sign_in("kliniker2").await;
        app.get(Some(&k2), "/klinikk/varsler")
            .await
            .assert_ok_containing("Blodtrykk, øvre (systolisk): 185");
        let token = app.api_token("kliniker2").await;
        let arne = app
            .db
            .store
            .dump_for_tests("SELECT id FROM patients WHERE name = 'Arne Demo Nilsen'")
            .await
            .unwrap();
        let found = app
            .get_api(
                Some(&token),
                &format!("/fhir/Observation?subject=Patient/{arne}&code=http://loinc.org|85354-9"),
            )
            .await;
        let newest = found.json()["entry"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["resource"].clone())
            .find(|r| r["component"][0]["valueQuantity"]["value"] == 185.0)
            .unwrap_or_else(|| panic!("{}", found.body));
        assert_eq!(
            newest["component"][0]["code"]["coding"][0]["code"],
            "8480-6"
        );
        assert_eq!(newest["component"][0]["valueQuantity"]["value"], 185.0);
        assert_eq!(newest["component"][1]["valueQuantity"]["value"], 95.0);
        assert_valid_fhir(std::slice::from_ref(&newest));

        // The same panel through the API, one component missing: named, nothing stored.
        let mut half = newest.clone();
        half.as_object_mut().unwrap().remove("id");
        half.as_object_mut().unwrap().remove("meta");
        half["component"] = json!([newest["component"][0].clone()]);
        let refused = app
            .send_api("POST", Some(&token), "/fhir/Observation", &half, &[])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            refused.json()["issue"][0]["expression"][0],
            "Observation.component"
        );
        let mut whole = half.clone();
        whole["component"] = newest["component"].clone();
        whole["component"][0]["valueQuantity"]["value"] = json!(128);
        whole["component"][1]["valueQuantity"]["value"] = json!(79);
        let ok = app
            .send_api("POST", Some(&token), "/fhir/Observation", &whole, &[])
            .await;
        assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
        // Both numbers are drawn on the care team's page as their own series.
        let overview = app
            .get(Some(&k2), &format!("/klinikk/pasient/{arne}"))
            .await;
        overview.assert_ok_containing("Blodtrykk, øvre (systolisk)");
        assert!(overview.body.contains("Blodtrykk, nedre (diastolisk)"));
    }
}
