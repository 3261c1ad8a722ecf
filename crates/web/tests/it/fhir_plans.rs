//! Programs as PlanDefinition and enrollments as CarePlan through the API: found, read,
//! and created with the same checks as enrolling on the patient's page.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;
use carepath_test_support::fhir_validator::assert_valid_fhir;

const WRIST: &str = "https://carepath.no/fhir/PlanDefinition/handleddsbrudd-behovsstyrt";

fn entries(body: &serde_json::Value) -> Vec<serde_json::Value> {
    body["entry"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e["resource"].clone())
        .collect()
}

#[tokio::test]
async fn programs_are_found_as_plan_definitions_by_url_name_and_status() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("kliniker1").await;
        let all = app.get_api(Some(&token), "/fhir/PlanDefinition").await;
        assert_eq!(all.status, StatusCode::OK, "{}", all.body);
        assert_eq!(all.json()["total"], 3, "{}", app.backend());
        let found = entries(&all.json());
        assert_valid_fhir(&found);

        let by_url = app
            .get_api(Some(&token), &format!("/fhir/PlanDefinition?url={WRIST}|1"))
            .await
            .json();
        let plan = &entries(&by_url)[0];
        assert_eq!(plan["url"], WRIST);
        assert_eq!(plan["version"], "1");
        assert_eq!(plan["status"], "active");
        assert_eq!(plan["name"], "HandleddsbruddBehovsstyrt");
        assert_eq!(
            plan["action"][0]["definitionCanonical"],
            "https://carepath.no/fhir/Questionnaire/handledd-oppfolging|1.0.0"
        );
        let id = plan["id"].as_str().unwrap();
        let read = app
            .get_api(Some(&token), &format!("/fhir/PlanDefinition/{id}"))
            .await;
        assert_eq!(read.json()["url"], WRIST);
        let by_name = app
            .get_api(Some(&token), "/fhir/PlanDefinition?name=ibs")
            .await
            .json();
        assert_eq!(by_name["total"], 1);
        let retired = app
            .get_api(Some(&token), "/fhir/PlanDefinition?status=retired")
            .await
            .json();
        assert_eq!(retired["total"], 0);
        assert_eq!(
            app.get_api(Some(&token), "/fhir/PlanDefinition?status=old")
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
    }
}

#[tokio::test]
async fn care_plans_are_found_by_those_who_may_see_them_and_created_with_the_pages_checks() {
    for app in TestApp::each_backend().await {
        let k1 = app.api_token("kliniker1").await;
        let k2 = app.api_token("kliniker2").await;
        let patient = |name: &str| {
            let name = name.to_owned();
            let app = &app;
            async move {
                app.db
                    .store
                    .dump_for_tests(&format!("SELECT id FROM patients WHERE name = '{name}'"))
                    .await
                    .unwrap()
            }
        };
        let ola = patient("Ola Demo Haugen").await;
        let arne = patient("Arne Demo Nilsen").await;

        let mine = app
            .get_api(
                Some(&k1),
                &format!("/fhir/CarePlan?subject=Patient/{ola}&status=active"),
            )
            .await;
        assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
        let plans = entries(&mine.json());
        assert_eq!(plans.len(), 1, "{}", app.backend());
        assert_valid_fhir(&plans);
        assert_eq!(
            plans[0]["instantiatesCanonical"][0],
            "https://carepath.no/fhir/PlanDefinition/ibs-school|1"
        );
        let id = plans[0]["id"].as_str().unwrap();
        assert_eq!(
            app.get_api(Some(&k1), &format!("/fhir/CarePlan/{id}"))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            app.get_api(Some(&k2), &format!("/fhir/CarePlan/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let theirs = app
            .get_api(Some(&k2), &format!("/fhir/CarePlan?patient={ola}"))
            .await
            .json();
        assert_eq!(theirs["total"], 0);

        // kliniker2 enrolls Arne (home follow-up) in the wrist-fracture program too.
        let body = |patient: &str, canonical: &str| {
            serde_json::json!({
                "resourceType": "CarePlan",
                "status": "active",
                "intent": "plan",
                "subject": { "reference": format!("Patient/{patient}") },
                "instantiatesCanonical": [canonical]
            })
        };
        let made = app
            .send_api(
                "POST",
                Some(&k2),
                "/fhir/CarePlan",
                &body(&arne, WRIST),
                &[],
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        assert!(made.headers.get("location").is_some());
        assert_eq!(
            made.json()["status"],
            "draft",
            "invited until terms and screening"
        );
        assert_valid_fhir(&[made.json()]);
        // Again: already enrolled.
        let again = app
            .send_api(
                "POST",
                Some(&k2),
                "/fhir/CarePlan",
                &body(&arne, WRIST),
                &[],
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        // Another unit's clinician, a patient's token, a program the unit does not offer,
        // and a canonical that names nothing are each refused; nothing more is stored.
        let count = || async {
            app.db
                .store
                .dump_for_tests(&format!(
                    "SELECT CAST(COUNT(*) AS TEXT) FROM enrollments WHERE patient_id = '{arne}'"
                ))
                .await
                .unwrap()
        };
        let before = count().await;
        assert_eq!(
            app.send_api(
                "POST",
                Some(&k1),
                "/fhir/CarePlan",
                &body(&arne, WRIST),
                &[]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let p6 = app.api_token("pasient6").await;
        assert_eq!(
            app.send_api(
                "POST",
                Some(&p6),
                "/fhir/CarePlan",
                &body(&arne, WRIST),
                &[]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let ibs = app
            .send_api(
                "POST",
                Some(&k2),
                "/fhir/CarePlan",
                &body(&arne, "https://carepath.no/fhir/PlanDefinition/ibs-school"),
                &[],
            )
            .await;
        assert_eq!(ibs.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", ibs.body);
        // In bokmål: the API speaks the caller's Accept-Language, else bokmål.
        assert!(ibs.body.contains("tilbyr dette programmet"), "{}", ibs.body);
        let nothing = app
            .send_api(
                "POST",
                Some(&k2),
                "/fhir/CarePlan",
                &body(&arne, &format!("{WRIST}|9")),
                &[],
            )
            .await;
        assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            nothing.json()["issue"][0]["expression"][0],
            "CarePlan.instantiatesCanonical"
        );
        assert_eq!(count().await, before);
    }
}
