//! Procedure registration for a quality registry (decision 0052): a clinician registers an
//! endoscopic ultrasound for a patient carepath did not know (a form with problems is
//! refused with every problem named and what was typed kept); it is in the unit's report
//! with its quality indicators, in the patient's access log, and in the year's export as
//! CSV and as FHIR `Procedure` with its `QuestionnaireResponse` (valid by an independent
//! validator). A correction keeps the earlier version; one marked as entered in error is
//! no longer counted. Another unit finds none of it.

use axum::http::{StatusCode, header};
use carepath_domain::NationalIdNumber;
use carepath_test_support::app::TestApp;

fn eus<'a>(
    nin: &'a str,
    name: &'a str,
    day: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("skjema", "endoskopisk-ultralyd"),
        ("fodselsnummer", nin),
        ("navn", name),
        ("dato", day),
        ("indikasjon", "solid-pankreas"),
        ("asa", "2"),
        ("sedasjon", "propofol"),
        ("fullfort", "ja"),
        ("vevsprove", "fnb"),
        ("nalpasseringer", "3"),
        ("prove-adekvat", "ja"),
        ("varighet", "35"),
    ];
    form.extend_from_slice(extra);
    form
}

#[tokio::test]
async fn a_clinician_registers_an_endoscopic_ultrasound_that_the_report_and_the_export_show() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let one = |sql: String| {
            let store = app.db.store.clone();
            async move { store.dump_for_tests(&sql).await.unwrap() }
        };
        let k1 = app.sign_in("kliniker1").await;
        // The demo's unit has three registrations already: all complete, one bleeding.
        app.get(Some(&k1), "/klinikk/prosedyrer")
            .await
            .assert_ok_containing("Sigrid Demo Vik");
        app.get(Some(&k1), "/klinikk/prosedyrer/ny")
            .await
            .assert_ok_containing("Antall nålpasseringer");

        // A new patient without a name, and no answer on complications: both named, and
        // what was typed kept.
        let nin = NationalIdNumber::complete("120375123").unwrap().expose();
        let missing = app
            .post(
                Some(&k1),
                "/klinikk/prosedyrer/ny",
                &eus(&nin, "", "2026-11-20", &[]),
            )
            .await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(missing.body.contains("Skriv pasientens navn"), "{label}");
        assert!(
            missing.body.contains("href=\"#q-komplikasjon\""),
            "{label}: {}",
            missing.body
        );
        assert!(
            missing.body.contains("value=\"2026-11-20\""),
            "{label}: kept"
        );
        let future = app
            .post(
                Some(&k1),
                "/klinikk/prosedyrer/ny",
                &eus(
                    &nin,
                    "Per Prosedyre",
                    "2026-12-24",
                    &[("komplikasjon", "ingen")],
                ),
            )
            .await;
        assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(future.body.contains("Datoen kan ikke være etter i dag."));
        assert_eq!(
            one("SELECT CAST(COUNT(*) AS TEXT) FROM procedures".into()).await,
            "3"
        );

        // Registered: the patient is new, the registration the unit's.
        let done = app
            .post(
                Some(&k1),
                "/klinikk/prosedyrer/ny",
                &eus(
                    &nin,
                    "Per Prosedyre",
                    "2026-11-20",
                    &[("komplikasjon", "ingen")],
                ),
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{label}: {}", done.body);
        // A second, with a bleeding, for a patient carepath knows (Kari, pasient1).
        let kari = crate::nin_of(&app, "pasient1").await;
        let second = app
            .post(
                Some(&k1),
                "/klinikk/prosedyrer/ny",
                &eus(
                    &kari,
                    "",
                    "2026-11-21",
                    &[("komplikasjon", "blodning"), ("alvorlighet", "mild")],
                ),
            )
            .await;
        assert_eq!(
            second.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            second.body
        );
        let report = app.get(Some(&k1), second.location()).await;
        report.assert_ok_containing("Prosedyren er registrert.");
        assert!(
            report.body.contains("Per Prosedyre"),
            "{label}: {}",
            report.body
        );
        // Five registrations, all complete, two with a complication: 40 %.
        assert!(
            report.body.contains(
                "<th scope=\"row\">Fullførte undersøkelser</th><td class=\"num\">5 av 5 (100 %)</td>"
            ),
            "{label}: {}",
            report.body
        );
        assert!(
            report.body.contains(
                "<th scope=\"row\">Komplikasjoner</th><td class=\"num\">2 av 5 (40 %)</td>"
            ),
            "{label}"
        );
        let per = one("SELECT id FROM patients WHERE name = 'Per Prosedyre'".to_owned()).await;
        assert_eq!(
            one(format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE patient_id = '{per}' AND resource_type = 'Procedure' AND action = 'create'"
            ))
            .await,
            "1",
            "{label}: the registration is in Per's access log"
        );

        // The export: CSV with the number, FHIR valid and holding both.
        let csv = app
            .get(Some(&k1), "/klinikk/prosedyrer/eksport.csv?aar=2026")
            .await;
        assert_eq!(csv.status, StatusCode::OK, "{label}");
        assert!(csv.body.contains(&nin), "{label}");
        assert!(
            csv.body.contains(",blodning,mild,"),
            "{label}: {}",
            csv.body
        );
        let json = app
            .get(Some(&k1), "/klinikk/prosedyrer/eksport.json?aar=2026")
            .await;
        assert_eq!(json.status, StatusCode::OK, "{label}");
        assert_eq!(
            json.headers.get(header::CONTENT_TYPE).unwrap(),
            "application/fhir+json"
        );
        let bundle = json.json();
        let entries = bundle["entry"].as_array().unwrap();
        assert_eq!(entries.len(), 10, "{label}");
        let procedures: Vec<_> = entries
            .iter()
            .map(|e| &e["resource"])
            .filter(|r| r["resourceType"] == "Procedure")
            .collect();
        assert_eq!(procedures.len(), 5);
        let bled = procedures
            .iter()
            .find(|p| p["subject"]["identifier"]["value"] == kari.as_str())
            .expect("Kari's");
        assert!(bled["complication"].is_array(), "{label}: the bleeding");
        assert_eq!(bled["complication"][0]["coding"][0]["code"], "blodning");
        assert_eq!(bled["code"]["coding"][0]["code"], "endoskopisk-ultralyd");
        assert_eq!(bled["performedDateTime"], "2026-11-21");
        assert_eq!(bled["subject"]["identifier"]["value"], kari.as_str());
        let response = entries
            .iter()
            .map(|e| &e["resource"])
            .find(|r| {
                r["resourceType"] == "QuestionnaireResponse"
                    && r["partOf"][0]["reference"]
                        == format!("urn:uuid:{}", bled["id"].as_str().unwrap())
            })
            .expect("its response");
        assert_eq!(response["status"], "completed");
        carepath_test_support::fhir_validator::assert_valid_fhir(std::slice::from_ref(&bundle));

        // Correcting keeps the earlier version; entered in error is no longer counted.
        let id = bled["id"].as_str().unwrap().to_owned();
        let page = app
            .get(Some(&k1), &format!("/klinikk/prosedyrer/{id}"))
            .await;
        page.assert_ok_containing("Rett registreringen");
        assert!(
            page.body.contains("<dd>Blødning</dd>"),
            "{label}: the answer in words"
        );
        let mut corrected = eus(
            "",
            "",
            "2026-11-21",
            &[
                ("komplikasjon", "blodning"),
                ("alvorlighet", "moderat"),
                ("handling", "rett"),
                ("versjon", "1"),
            ],
        );
        corrected.retain(|(k, _)| !["skjema", "fodselsnummer", "navn"].contains(k));
        let changed = app
            .post(Some(&k1), &format!("/klinikk/prosedyrer/{id}"), &corrected)
            .await;
        assert_eq!(
            changed.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            changed.body
        );
        // The same version again: someone changed it since.
        let stale = app
            .post(Some(&k1), &format!("/klinikk/prosedyrer/{id}"), &corrected)
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{label}");
        assert_eq!(
            one(format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM record_history WHERE resource_type = 'Procedure' AND resource_id = '{id}'"
            ))
            .await,
            "2"
        );
        // Kari finds it in her own copy of her data, in words and as FHIR.
        let kari_session = app.sign_in("pasient1").await;
        let print = app
            .get(Some(&kari_session), "/pasient/mine-data/utskrift")
            .await;
        print.assert_ok_containing("Prosedyrer registrert om deg");
        assert!(
            print
                .body
                .contains("Endoskopisk ultralyd (EUS), 21. november 2026"),
            "{label}: {}",
            print.body
        );
        assert!(
            print.body.contains("<dd>Moderat"),
            "{label}: the corrected answer"
        );
        let copy = app
            .get(Some(&kari_session), "/pasient/mine-data/fhir")
            .await
            .json();
        assert!(
            copy["entry"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["resource"]["resourceType"] == "Procedure"
                    && e["resource"]["id"] == id.as_str()),
            "{label}"
        );
        let wrong = app
            .post(
                Some(&k1),
                &format!("/klinikk/prosedyrer/{id}"),
                &[("handling", "feil"), ("versjon", "2")],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::SEE_OTHER, "{label}");
        let after = app.get(Some(&k1), "/klinikk/prosedyrer?aar=2026").await;
        assert!(
            after
                .body
                .contains("<th scope=\"row\">Registreringer</th><td class=\"num\">4</td>"),
            "{label}: {}",
            after.body
        );
        assert!(after.body.contains("Feilregistrert"), "{label}");

        // The coordinator reads it but is offered no correction, and one sent is refused.
        let coordinator = app.sign_in("koordinator1").await;
        let read = app
            .get(Some(&coordinator), &format!("/klinikk/prosedyrer/{id}"))
            .await;
        read.assert_ok_containing("<dd>Moderat");
        assert!(!read.body.contains("Rett registreringen"), "{label}");
        assert_eq!(
            app.post(
                Some(&coordinator),
                &format!("/klinikk/prosedyrer/{id}"),
                &[("handling", "feil"), ("versjon", "3")],
            )
            .await
            .status,
            StatusCode::FORBIDDEN,
            "{label}"
        );

        // Another unit reaches none of it.
        let k2 = app.sign_in("kliniker2").await;
        assert_eq!(
            app.get(Some(&k2), &format!("/klinikk/prosedyrer/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        let theirs = app
            .get(Some(&k2), "/klinikk/prosedyrer/eksport.csv?aar=2026")
            .await;
        assert!(!theirs.body.contains(&nin), "{label}");
        let p = app.sign_in("pasient2").await;
        assert_eq!(
            app.get(Some(&p), "/klinikk/prosedyrer").await.status,
            StatusCode::FORBIDDEN
        );
    }
}
