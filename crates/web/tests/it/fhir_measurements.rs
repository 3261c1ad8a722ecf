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
