//! "Mine data": the patient's copy of everything carepath holds about them.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

use crate::nin_of;

#[tokio::test]
async fn a_patient_downloads_everything_about_them_and_nothing_about_others() {
    for app in TestApp::each_backend().await {
        let nin = nin_of(&app, "pasient2").await;
        let patient = app
            .db
            .store
            .patient_by_nin(&carepath_domain::NationalIdNumber::parse(&nin).unwrap())
            .await
            .unwrap()
            .unwrap();
        let k1 = app.sign_in("kliniker1").await;
        app.get(Some(&k1), &format!("/klinikk/pasient/{}", patient.id))
            .await
            .assert_ok_containing("Ola Demo Haugen");

        let me = app.sign_in("pasient2").await;
        // A measurement of his own is part of what is held about him.
        app.post(
            Some(&me),
            "/pasient/maalinger",
            &[("maaling", "vekt"), ("verdi", "80,5")],
        )
        .await
        .assert_redirect("/pasient/maalinger?lagret=vekt");
        app.get(Some(&me), "/pasient/mine-data")
            .await
            .assert_ok_containing("Last ned kopien som fil");
        let file = app.get(Some(&me), "/pasient/mine-data/fhir").await;
        assert_eq!(file.status, StatusCode::OK, "{}", app.backend());
        assert!(
            file.headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(file.headers["cache-control"], "no-store");
        let bundle = file.json();
        assert_eq!(bundle["type"], "collection");
        let types: Vec<&str> = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["resource"]["resourceType"].as_str().unwrap())
            .collect();
        for wanted in [
            "Patient",
            "CarePlan",
            "QuestionnaireResponse",
            "Observation",
            "AuditEvent",
        ] {
            assert!(types.contains(&wanted), "{wanted} in {types:?}");
        }
        assert!(file.body.contains(&nin));
        assert!(
            file.body.contains("Kari Klinisk"),
            "who looked is in the copy"
        );
        for other in ["pasient1", "pasient3", "pasient4", "pasient5"] {
            assert!(!file.body.contains(&nin_of(&app, other).await), "{other}");
        }
        for name in ["Ingrid Demo Berg", "Emma Demo Solberg"] {
            assert!(!file.body.contains(name));
        }

        let print = app.get(Some(&me), "/pasient/mine-data/utskrift").await;
        print.assert_ok_containing("Opplysninger om Ola Demo Haugen");
        assert!(print.body.contains(&nin));
        assert!(
            print
                .body
                .contains("Hvor sterke har magesmertene dine vært?")
        );
        assert!(print.body.contains("Kari Klinisk"));
        assert!(
            print.body.contains("<td>Vekt</td><td>80,5 kg</td>"),
            "{}",
            print.body
        );

        let copies = app
            .db
            .store
            .dump_for_tests(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'Bundle'",
            )
            .await
            .unwrap();
        assert_eq!(copies, "2", "each copy is in the access log");

        let clinician = app.get(Some(&k1), "/pasient/mine-data/fhir").await;
        assert_eq!(clinician.status, StatusCode::FORBIDDEN);
    }
}
