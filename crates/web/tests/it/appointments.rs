//! Appointments on the pages and the API (decision 0036): a request on the worklist
//! booked as a video consultation (the request handled by it), shown on the patient's
//! own list with the join link and on the overview, never to another unit; a time gone
//! by or missing is refused with the form kept; held and coded, it counts in the month's
//! activity report, the XLSX alike; the demo's video consultation for pasient2.

use std::io::Cursor;

use axum::http::{StatusCode, header};
use calamine::{Data, Reader, Xlsx};
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn a_request_is_booked_as_a_video_consultation_shown_to_the_patient_and_coded_when_held() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let one = |sql: String| {
            let store = app.db.store.clone();
            async move { store.dump_for_tests(&sql).await.unwrap() }
        };
        // Per (pasient8) asked for an appointment; his request waits on unit 2's list.
        let request = one(
            "SELECT id FROM consultation_answers WHERE answer = 'yes' AND status = 'open'".into(),
        )
        .await;
        let per_id = one(format!(
            "SELECT patient_id FROM consultation_answers WHERE id = '{request}'"
        ))
        .await;
        let k2 = app.sign_in("kliniker2").await;
        app.get(Some(&k2), "/klinikk/varsler")
            .await
            .assert_ok_containing(&format!("/klinikk/avtaler/ny?foresporsel={request}"));
        let form = app
            .get(
                Some(&k2),
                &format!("/klinikk/avtaler/ny?foresporsel={request}"),
            )
            .await;
        form.assert_ok_containing("Per Demo");
        assert!(form.body.contains("Pasienten har ønsket time"), "{label}");
        // Unit 1 does not find it.
        let kari = app.sign_in("kliniker1").await;
        assert_eq!(
            app.get(
                Some(&kari),
                &format!("/klinikk/avtaler/ny?foresporsel={request}")
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );

        // No time, or a time gone by: refused, the form kept.
        let fields = |date: &'static str| {
            vec![
                ("foresporsel", request.clone()),
                ("type", "video".to_owned()),
                ("dato", date.to_owned()),
                ("tid", "10:00".to_owned()),
                ("minutter", "30".to_owned()),
                ("handling", "bestill".to_owned()),
            ]
        };
        let post = |date: &'static str| {
            let pairs = fields(date);
            let app = &app;
            let k2 = &k2;
            async move {
                let pairs: Vec<(&str, &str)> =
                    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post(Some(k2), "/klinikk/avtaler/ny", &pairs).await
            }
        };
        let missing = post("").await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(missing.body.contains("Skriv inn dato og klokkeslett."));
        let past = post("2026-11-20").await;
        assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(past.body.contains("Velg et tidspunkt fram i tid."));
        assert!(
            past.body.contains("value=\"2026-11-20\""),
            "the date typed stays"
        );

        // Booked for 25 November at 10:00.
        let booked = post("2026-11-25").await;
        assert_eq!(
            booked.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            booked.body
        );
        let id = booked
            .location()
            .trim_start_matches("/klinikk/avtaler/")
            .trim_end_matches("?bestilt=1")
            .to_owned();
        let page = app
            .get(Some(&k2), &format!("/klinikk/avtaler/{id}?bestilt=1"))
            .await;
        page.assert_ok_containing("Avtalen er bestilt, og pasienten har fått beskjed.");
        assert!(
            page.body.contains("25. november 2026 kl. 10:00 (30 min)"),
            "{label}"
        );
        assert!(page.body.contains("https://video.sykehus.example/rom/"));
        let after = app.get(Some(&k2), "/klinikk/varsler").await;
        assert!(
            !after
                .body
                .contains(&format!("/klinikk/timeonsker/{request}/handtert")),
            "the request is handled by the booking ({label})"
        );
        assert_eq!(
            one(format!(
                "SELECT note FROM consultation_answers WHERE id = '{request}'"
            ))
            .await,
            "Time bestilt 25. november 2026 kl. 10:00"
        );
        assert_eq!(
            app.get(Some(&kari), &format!("/klinikk/avtaler/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "another unit"
        );
        app.get(Some(&k2), &format!("/klinikk/pasient/{per_id}"))
            .await
            .assert_ok_containing(&format!("/klinikk/avtaler/{id}"));
        app.get(Some(&k2), "/klinikk/avtaler")
            .await
            .assert_ok_containing("Per Demo");

        // Per sees it with the way in.
        let per = app.sign_in("pasient8").await;
        let own = app.get(Some(&per), "/pasient/avtaler").await;
        own.assert_ok_containing("Videokonsultasjon");
        assert!(own.body.contains("Bli med i videomøtet"));
        assert!(own.body.contains("25. november 2026 kl. 10:00"));

        // Through the API, by patient, status and date.
        let token = app.api_token("kliniker2").await;
        let found = app
            .get_api(
                Some(&token),
                &format!(
                    "/fhir/Appointment?patient=Patient/{per_id}&status=booked&date=ge2026-11-25"
                ),
            )
            .await
            .json();
        assert_eq!(found["total"], 1, "{label}: {found}");
        let resource = &found["entry"][0]["resource"];
        assert_eq!(resource["serviceType"][0]["coding"][0]["code"], "video");
        // Valid R4 to an independent validator, alone and in its search bundle.
        carepath_test_support::fhir_validator::assert_valid_fhir(&[
            resource.clone(),
            found.clone(),
        ]);
        assert_eq!(resource["start"], "2026-11-25T09:00:00Z");
        let none = app
            .get_api(
                Some(&token),
                &format!("/fhir/Appointment?patient=Patient/{per_id}&status=cancelled"),
            )
            .await
            .json();
        assert_eq!(none["total"], 0);
        let bad = app
            .get_api(Some(&token), "/fhir/Appointment?status=maybe")
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);

        // Held: recorded on the day with the video code, counted in November's report.
        app.clock
            .advance(chrono::Duration::days(2) + chrono::Duration::hours(3));
        let k2 = app.sign_in("kliniker2").await;
        let version = one(format!(
            "SELECT CAST(version AS TEXT) FROM appointments WHERE id = '{id}'"
        ))
        .await;
        app.post(
            Some(&k2),
            &format!("/klinikk/avtaler/{id}"),
            &[
                ("versjon", &version),
                ("handling", "gjennomfort"),
                ("kom", &per_id),
                ("kode", "LOKAL-VIDEO"),
            ],
        )
        .await
        .assert_redirect(&format!("/klinikk/avtaler/{id}?endret=1"));
        let report = app
            .get(Some(&k2), "/klinikk/aktivitet?maaned=2026-11")
            .await;
        assert!(
            report.body.contains("<td>LOKAL-VIDEO</td><td>1</td>"),
            "{label}: {}",
            report.body
        );
        let req = axum::http::Request::get("/klinikk/aktivitet/xlsx?maaned=2026-11")
            .header(header::COOKIE, &k2.cookie)
            .body(axum::body::Body::empty())
            .unwrap();
        let mut book: Xlsx<_> =
            Xlsx::new(Cursor::new(app.send_bytes(req).await)).expect("an XLSX workbook");
        let sheet = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
        let video: Vec<&Vec<Data>> = rows
            .iter()
            .filter(|r| r[2] == Data::String("LOKAL-VIDEO".into()))
            .collect();
        assert_eq!(video.len(), 1, "{label}");
        assert_eq!(video[0][6], Data::Float(1.0), "the same count as the page");
    }
}

#[tokio::test]
async fn the_demo_holds_a_coming_video_consultation_for_pasient2() {
    for app in TestApp::each_backend().await {
        let ola = app.sign_in("pasient2").await;
        let own = app.get(Some(&ola), "/pasient/avtaler").await;
        own.assert_ok_containing("Videokonsultasjon");
        assert!(
            own.body.contains("26. november 2026 kl. 10:00 (30 min)"),
            "{}",
            own.body
        );
        assert!(
            own.body
                .contains("href=\"https://video.sykehus.example/rom/")
        );
        // In their own copies: the file and the printable page.
        let copy = app.get(Some(&ola), "/pasient/mine-data/fhir").await;
        assert!(
            copy.body.contains("\"resourceType\": \"Appointment\""),
            "{}",
            copy.body.len()
        );
        app.get(Some(&ola), "/pasient/mine-data/utskrift")
            .await
            .assert_ok_containing(
                "Videokonsultasjon, 26. november 2026 kl. 10:00 (30 min) (Bestilt)",
            );
        // Another patient's group session shows no one else.
        let sofie = app.sign_in("pasient3").await;
        let hers = app.get(Some(&sofie), "/pasient/avtaler").await;
        hers.assert_ok_containing("Gruppesamling på video");
        assert!(!hers.body.contains("Ola"));
        let kari = app.sign_in("kliniker1").await;
        let list = app.get(Some(&kari), "/klinikk/avtaler").await;
        list.assert_ok_containing("Ola Demo Haugen");
        assert!(list.body.contains("1 av 8 plasser tatt"), "{}", list.body);
    }
}
