//! The access log for administrators: FHIR `AuditEvent` search and the report of unusual
//! access.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

use crate::nin_of;

async fn patient_id(app: &TestApp, username: &str) -> String {
    let nin = nin_of(app, username).await;
    let nin = carepath_domain::NationalIdNumber::parse(&nin).unwrap();
    app.db
        .store
        .patient_by_nin(&nin)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

#[tokio::test]
async fn administrators_read_the_access_log_as_fhir_audit_events() {
    for app in TestApp::each_backend().await {
        let id = patient_id(&app, "pasient2").await;
        let k1 = app.sign_in("kliniker1").await;
        app.get(Some(&k1), &format!("/klinikk/pasient/{id}"))
            .await
            .assert_ok_containing("Ola Demo Haugen");

        let admin = app.api_token("admin").await;
        for patient in [format!("Patient/{id}"), id.clone()] {
            let res = app
                .get_api(Some(&admin), &format!("/fhir/AuditEvent?patient={patient}"))
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let bundle = res.json();
            let events = bundle["entry"].as_array().unwrap();
            let read = events
                .iter()
                .map(|e| &e["resource"])
                .find(|r| r["agent"][0]["who"]["display"] == "Kari Klinisk (ernæringsfysiolog)")
                .expect("kliniker1's read");
            assert_eq!(read["resourceType"], "AuditEvent", "{}", app.backend());
            assert_eq!(read["action"], "R");
            let session = read["agent"][0]["extension"][0]["valueString"]
                .as_str()
                .unwrap();
            assert!(
                session.starts_with("s-") && session.len() == 18,
                "{session}"
            );
            assert!(
                !k1.cookie_header().contains(&session[2..]),
                "a reference, not the cookie"
            );
            assert_eq!(
                read["entity"][0]["what"]["reference"],
                format!("Patient/{id}")
            );
            // Only this patient's events: their record, and their research consent
            // (given in the demo; its id is the patient's).
            assert!(events.iter().all(|e| {
                let what = e["resource"]["entity"][0]["what"]["reference"]
                    .as_str()
                    .unwrap_or_default();
                what == format!("Patient/{id}") || what == format!("Consent/{id}")
            }));
        }

        let today = app
            .get_api(
                Some(&admin),
                &format!("/fhir/AuditEvent?patient={id}&date=2026-11-23"),
            )
            .await;
        assert!(today.json()["total"].as_i64().unwrap() >= 1);
        let before = app
            .get_api(
                Some(&admin),
                &format!("/fhir/AuditEvent?patient={id}&date=lt2026-11-01"),
            )
            .await;
        assert_eq!(before.json()["total"], 0);
        // Every event of the patient is from that day, so `ne` leaves none.
        let all = app
            .get_api(Some(&admin), &format!("/fhir/AuditEvent?patient={id}"))
            .await
            .json()["total"]
            .clone();
        let other_days = app
            .get_api(
                Some(&admin),
                &format!("/fhir/AuditEvent?patient={id}&date=ne2026-11-23"),
            )
            .await
            .json();
        let at_all = today.json()["total"].as_i64().unwrap();
        assert_eq!(
            other_days["total"].as_i64().unwrap(),
            all.as_i64().unwrap() - at_all,
            "{other_days}"
        );
        app.get(Some(&k1), "/klinikk").await;
        // An API read names its token.
        app.get_api(
            Some(&app.api_token("kliniker1").await),
            &format!("/fhir/Patient/{id}"),
        )
        .await;
        let latest = app.get_api(Some(&admin), "/fhir/AuditEvent?_count=1").await;
        let via_token =
            latest.json()["entry"][0]["resource"]["agent"][0]["extension"][0]["valueString"]
                .as_str()
                .unwrap()
                .to_owned();
        assert!(via_token.starts_with("t-"), "{via_token}");
        let page = app.get_api(Some(&admin), "/fhir/AuditEvent?_count=1").await;
        assert_eq!(
            page.json()["total"],
            21,
            "the demo's two signed letters, three research consents, pasient3's two sign-ups \
             for group courses and her attendance, three procedure registrations with their \
             new patients, one page read, five list rows, one API read"
        );
        assert_eq!(page.json()["entry"].as_array().unwrap().len(), 1);
        assert!(
            page.json()["link"][1]["url"]
                .as_str()
                .unwrap()
                .ends_with("_count=1&_offset=1")
        );

        let bad = app
            .get_api(Some(&admin), "/fhir/AuditEvent?date=yesterday")
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.json()["resourceType"], "OperationOutcome");
        let clinician = app.api_token("kliniker1").await;
        assert_eq!(
            app.get_api(Some(&clinician), "/fhir/AuditEvent")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_report_shows_emergency_access_and_people_who_read_many_patients_in_an_hour() {
    for app in TestApp::each_backend().await {
        let k1 = app.sign_in("kliniker1").await;
        app.get(Some(&k1), "/klinikk")
            .await
            .assert_ok_containing("5 pasienter");
        let k2 = app.sign_in("kliniker2").await;
        let nin = nin_of(&app, "pasient4").await;
        app.post(
            Some(&k2),
            "/klinikk/nodtilgang",
            &[
                ("fodselsnummer", nin.as_str()),
                ("begrunnelse", "Ringte legevakten om pasienten i natt"),
            ],
        )
        .await;

        let admin = app.sign_in("admin").await;
        let report = app
            .get(Some(&admin), "/admin/uvanlig-tilgang?terskel=5")
            .await;
        report.assert_ok_containing("1 nødtilgang venter på gjennomgang");
        assert!(report.body.contains("Kari Klinisk"), "{}", app.backend());
        let higher = app
            .get(Some(&admin), "/admin/uvanlig-tilgang?terskel=6")
            .await;
        assert!(!higher.body.contains("Kari Klinisk"));
        assert_eq!(
            app.get(Some(&admin), "/admin/uvanlig-tilgang?terskel=mange")
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
    }
}

#[tokio::test]
async fn a_page_of_search_results_is_one_access_event_per_patient_naming_every_resource() {
    for app in TestApp::each_backend().await {
        let token = app.api_token("kliniker1").await;
        let patient = patient_id(&app, "pasient3").await;
        let count = || async {
            app.db
                .store
                .dump_for_tests(&format!(
                    "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE patient_id = '{patient}'"
                ))
                .await
                .unwrap()
                .parse::<i64>()
                .unwrap()
        };
        let before = count().await;
        let res = app
            .get_api(
                Some(&token),
                &format!("/fhir/Observation?subject=Patient/{patient}&_count=50"),
            )
            .await;
        assert_eq!(res.status, axum::http::StatusCode::OK);
        let ids: Vec<String> = res.json()["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["resource"]["id"].as_str().unwrap().to_owned())
            .collect();
        assert!(ids.len() > 1, "{}", app.backend());
        assert_eq!(count().await, before + 1, "one event for the page");
        let named = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT resource_id FROM audit_events WHERE patient_id = '{patient}' AND resource_type = 'Observation'"
            ))
            .await
            .unwrap();
        let named: Vec<&str> = named.split(' ').collect();
        assert_eq!(named, ids, "every resource shown, in order");
    }
}

#[tokio::test]
async fn administrators_browse_filter_and_download_the_access_log_on_screen() {
    for app in TestApp::each_backend().await {
        let id = patient_id(&app, "pasient2").await;
        let k1 = app.sign_in("kliniker1").await;
        app.get(Some(&k1), &format!("/klinikk/pasient/{id}"))
            .await
            .assert_ok_containing("Ola Demo Haugen");
        let admin = app.sign_in("admin").await;
        let all = app.get(Some(&admin), "/admin/tilgangslogg").await;
        all.assert_ok_containing("Kari Klinisk");
        // Reading the log is itself in the log.
        let read = app
            .db
            .store
            .dump_for_tests(
                "SELECT resource_id FROM audit_events WHERE resource_type = 'AuditEvent' AND action = 'read'",
            )
            .await
            .unwrap();
        assert_eq!(read, "search", "{}", app.backend());
        // The kinds of record are worded, with the API's name beside them.
        assert!(all.body.contains("Måling eller skår (Observation)"));

        // Kari's reads of Ola: her name, the record, the patient's id, never the name.
        let mine = app
            .get(
                Some(&admin),
                &format!("/admin/tilgangslogg?person=kliniker1&pasient={id}&handling=read"),
            )
            .await;
        mine.assert_ok_containing("Kari Klinisk");
        assert!(mine.body.contains(&id) && mine.body.contains("Patient/"));
        assert!(
            !mine.body.contains("Ola Demo Haugen"),
            "patients by id only"
        );
        assert!(!mine.body.contains("Per Demo Andersen"));
        // Another person's selection does not hold Kari.
        let other = app
            .get(
                Some(&admin),
                "/admin/tilgangslogg?person=kliniker2&slag=Patient",
            )
            .await;
        assert_eq!(other.status, StatusCode::OK);
        assert!(!other.body.contains("Kari Klinisk"));

        // What cannot be read is said at its field.
        for (query, field, words) in [
            ("person=ingen-slik", "person", "Ingen har det brukernavnet"),
            ("fra=1.12.2026", "fra", "år-måned-dag"),
            ("pasient=ola", "pasient", "En pasient-id"),
        ] {
            let bad = app
                .get(Some(&admin), &format!("/admin/tilgangslogg?{query}"))
                .await;
            assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
            assert!(
                bad.body.contains(&format!("href=\"#{field}\"")) && bad.body.contains(words),
                "{query}: {}",
                bad.body
            );
        }

        // The same selection as CSV: a header and one line per event shown.
        let shown = mine.body.matches("<tr><td>").count();
        assert!(shown > 0);
        let csv = app
            .get(
                Some(&admin),
                &format!("/admin/tilgangslogg/csv?person=kliniker1&pasient={id}&handling=read"),
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(
            csv.headers[axum::http::header::CONTENT_TYPE],
            "text/csv; charset=utf-8"
        );
        let mut lines = csv.body.lines();
        assert_eq!(
            lines.next(),
            Some("Tidspunkt,Person,Rolle,Enhet,Handling,Opplysning,Pasient,Begrunnelse")
        );
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), shown, "{}", csv.body);
        assert!(
            rows.iter()
                .all(|r| r.contains("Kari Klinisk") && r.contains(&id))
        );

        // Not for a clinician.
        assert_ne!(
            app.get(Some(&k1), "/admin/tilgangslogg").await.status,
            StatusCode::OK
        );
        assert_ne!(
            app.get(Some(&k1), "/admin/tilgangslogg/csv").await.status,
            StatusCode::OK
        );
    }
}
