//! The response centre's worklist: alerts, appointment requests and overdue forms of the
//! unit in one list, filtered by program, and a live event stream that says when it
//! changed.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;
use http_body_util::BodyExt;

async fn program_id(app: &TestApp, key: &str) -> String {
    app.db
        .store
        .dump_for_tests(&format!("SELECT id FROM programs WHERE key = '{key}'"))
        .await
        .unwrap()
}

#[tokio::test]
async fn the_unit_sees_alerts_requests_and_overdue_forms_and_handles_a_request() {
    for app in TestApp::each_backend().await {
        let k2 = app.sign_in("kliniker2").await;
        let page = app.get(Some(&k2), "/klinikk/varsler").await;
        page.assert_ok_containing("Arbeidsliste for Senter for hjemmeoppfølging");
        // The demo's home follow-up: a red pulse first, then the yellow ones.
        let red = page.body.find("Berit Demo Johansen").unwrap();
        let yellow = page.body.find("Arne Demo Nilsen").unwrap();
        assert!(red < yellow, "red before yellow");
        // Three values past a limit, and Berit's weekly form in the "worse" band.
        assert!(page.body.contains("Varsler (4)"), "{}", page.body);
        assert!(
            // Named by the score's title, not its code.
            page.body.contains("Ukeskår, 0-30 (ikke validert): 14")
                && !page.body.contains("hjerte-lunge-ukeskar"),
            "{}",
            page.body
        );
        // Need-driven follow-up: Per wants an appointment; Liv (no) and Tor (no answer)
        // are not on the list.
        assert!(page.body.contains("Ønsker time (1)"));
        assert!(page.body.contains("Per Demo Andersen"));
        // The answers behind the request, to triage it from the list.
        assert!(
            page.body.contains("Se svarene i «")
                && page
                    .body
                    .contains("<dt>Hvor vondt har håndleddet gjort i hvile?</dt>")
                && page
                    .body
                    .contains("<dt>Ønsker du en kontrolltime på poliklinikken?</dt>"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("Liv Demo Hansen") && !page.body.contains("Tor Demo Lunde"));
        // Forms not answered in time: the demo's, named with the patient and the form.
        let overdue = app
            .db
            .store
            .dump_for_tests(
                "SELECT p.name || '|' || q.title FROM tasks t JOIN patients p ON p.id = t.patient_id
                 JOIN enrollments e ON e.id = t.enrollment_id
                 JOIN questionnaires q ON q.program_version_id = e.program_version_id AND q.key = t.questionnaire_key
                 JOIN units u ON u.id = t.unit_id
                 WHERE t.status = 'overdue' AND u.name = 'Senter for hjemmeoppfølging'",
            )
            .await
            .unwrap();
        let overdue: Vec<&str> = overdue.lines().collect();
        assert!(
            !overdue.is_empty(),
            "the demo has an overdue form in unit 2"
        );
        assert!(
            page.body
                .contains(&format!("Skjema ikke besvart ({})", overdue.len())),
            "{}",
            page.body
        );
        for row in &overdue {
            let (name, title) = row.split_once('|').unwrap();
            assert!(
                page.body.contains(name) && page.body.contains(title),
                "{row}"
            );
        }
        // Unit 1 sees none of it.
        let k1 = app.sign_in("kliniker1").await;
        let other = app.get(Some(&k1), "/klinikk/varsler").await;
        assert!(!other.body.contains("Per Demo Andersen") && !other.body.contains("Berit"));

        // Filtered by program: the wrist fracture program has the request, no alerts.
        let wrist = program_id(&app, "handleddsbrudd-behovsstyrt").await;
        let filtered = app
            .get(Some(&k2), &format!("/klinikk/varsler?program={wrist}"))
            .await;
        filtered.assert_ok_containing("Per Demo Andersen");
        assert!(filtered.body.contains("Varsler (0)"), "{}", filtered.body);
        // Berit's question belongs to home follow-up: not under the wrist fracture program.
        assert!(
            !filtered.body.contains("Meldinger som venter på svar (1)"),
            "{}",
            filtered.body
        );
        let home = program_id(&app, "hjemmeoppfolging-hjerte-lunge").await;
        app.get(Some(&k2), &format!("/klinikk/varsler?program={home}"))
            .await
            .assert_ok_containing("Meldinger som venter på svar (1)");
        // A program the unit does not offer is not found.
        let ibs = program_id(&app, "ibs-school").await;
        assert_eq!(
            app.get(Some(&k2), &format!("/klinikk/varsler?program={ibs}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // Per sees his request and that it waits.
        let per = app.sign_in("pasient8").await;
        let own = app.get(Some(&per), "/pasient/moduler").await;
        own.assert_ok_containing("Du ba om en kontrolltime");
        assert!(
            own.body
                .contains("Vi har fått forespørselen og tar kontakt med deg.")
        );

        // Handling a request: a note is needed; another unit does not find it.
        let id = app
            .db
            .store
            .dump_for_tests("SELECT id FROM consultation_answers WHERE answer = 'yes'")
            .await
            .unwrap();
        let path = format!("/klinikk/timeonsker/{id}/handtert");
        assert_eq!(
            app.post(Some(&k1), &path, &[("notat", "Ringt")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let bare = app.post(Some(&k2), &path, &[("notat", " ")]).await;
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bare.body.contains("Skriv kort hva du har gjort"));
        let unit = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT unit_id FROM consultation_answers WHERE id = '{id}'"
            ))
            .await
            .unwrap();
        let wrong = app
            .post(
                Some(&k2),
                &path,
                &[("notat", "Ringt"), ("kode", "LOKAL-BREV")],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("Velg en kode fra listen."));
        app.post(
            Some(&k2),
            &path,
            &[
                ("notat", "Ringt, time avtalt 3. desember"),
                ("kode", "LOKAL-VURDERING"),
            ],
        )
        .await
        .assert_redirect(&format!("/klinikk/varsler?enhet={unit}&handtert=1"));
        // The assessment was coded: the month's activity report counts it.
        let report = app
            .get(Some(&k2), "/klinikk/aktivitet?maaned=2026-11")
            .await;
        assert!(
            report.body.contains("<td>LOKAL-VURDERING</td><td>1</td>"),
            "{}",
            report.body
        );
        let after = app.get(Some(&k2), "/klinikk/varsler").await;
        after.assert_ok_containing("Ingen pasienter venter på time.");
        // Per sees it handled; the staff's note stays with the staff.
        let own = app.get(Some(&per), "/pasient/moduler").await;
        own.assert_ok_containing("Forespørselen ble behandlet");
        assert!(!own.body.contains("time avtalt 3. desember"));
        let logged = app
            .db
            .store
            .dump_for_tests(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'ServiceRequest' AND action = 'update'",
            )
            .await
            .unwrap();
        assert_eq!(logged, "1", "{}", app.backend());
    }
}

#[tokio::test]
async fn the_live_stream_says_when_the_list_changed_and_carries_no_patient_data() {
    for app in TestApp::each_backend().await {
        let k1 = app.sign_in("kliniker1").await;
        let (status, mut body) = app.open_stream(&k1, "/klinikk/varsler/hendelser").await;
        assert_eq!(status, StatusCode::OK);
        // A red symptom score in unit 1.
        let p = app.sign_in("pasient2").await;
        app.post(
            Some(&p),
            "/pasient/maalinger",
            &[("maaling", "symptomer"), ("verdi", "9")],
        )
        .await
        .assert_redirect("/pasient/maalinger?lagret=symptomer");
        let mut seen = String::new();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        while !seen.contains("event: endret") {
            match tokio::time::timeout_at(deadline, body.frame()).await {
                Ok(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        seen.push_str(&String::from_utf8_lossy(&data));
                    }
                }
                other => panic!(
                    "no change event ({}): {seen:?} {:?}",
                    app.backend(),
                    other.is_ok()
                ),
            }
        }
        assert!(!seen.contains("Ola"), "{seen}");
        // Another unit's stream is not found.
        let unit1 = app
            .db
            .store
            .dump_for_tests(
                "SELECT a.unit_id FROM alerts a JOIN patients p ON p.id = a.patient_id
                 WHERE p.name = 'Ola Demo Haugen'",
            )
            .await
            .unwrap();
        let k2 = app.sign_in("kliniker2").await;
        let (status, _) = app
            .open_stream(&k2, &format!("/klinikk/varsler/hendelser?enhet={unit1}"))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_statistics_show_yes_no_and_no_answer_shares_per_program_without_names() {
    for app in TestApp::each_backend().await {
        let k2 = app.sign_in("kliniker2").await;
        let page = app.get(Some(&k2), "/klinikk/statistikk").await;
        page.assert_ok_containing("Behovsstyrt oppfølging etter håndleddsbrudd");
        // The demo: one yes, one no, one no answer.
        assert!(
            page.body
                .contains("<td>3</td><td>1 (33 %)</td><td>1 (33 %)</td><td>1 (33 %)</td>"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("Per Demo Andersen"));
        // A period before any answer has none; a bad date is explained.
        let early = app
            .get(
                Some(&k2),
                "/klinikk/statistikk?fra=2020-01-01&til=2020-12-31",
            )
            .await;
        early.assert_ok_containing("Ingen svar på timespørsmålet");
        let bad = app.get(Some(&k2), "/klinikk/statistikk?fra=igår").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("år-måned-dag"));
        // Unit 1 runs no need-driven program.
        let k1 = app.sign_in("kliniker1").await;
        app.get(Some(&k1), "/klinikk/statistikk")
            .await
            .assert_ok_containing("Ingen svar på timespørsmålet");
    }
}

#[tokio::test]
async fn an_administrator_sets_where_a_units_escalated_alerts_go() {
    for app in TestApp::each_backend().await {
        let unit = app
            .db
            .store
            .dump_for_tests("SELECT id FROM units WHERE name = 'Mage-tarm-poliklinikken'")
            .await
            .unwrap();
        let path = format!("/admin/enheter/{unit}/varsling");
        let admin = app.sign_in("admin").await;
        let page = app.get(Some(&admin), "/admin").await;
        page.assert_ok_containing("Enhetenes kontaktopplysninger");
        // The demo's response centre already has one.
        assert!(page.body.contains("vakt@demo.carepath.invalid"));
        let bad = app
            .post(
                Some(&admin),
                &path,
                &[("epost", "vakt på sykehus"), ("mobil", "")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("gyldig e-postadresse"));
        assert!(
            bad.body.contains(r#"value="vakt på sykehus""#),
            "what was typed is kept"
        );
        let bad = app
            .post(Some(&admin), &path, &[("epost", ""), ("mobil", "12ab")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        app.post(
            Some(&admin),
            &path,
            &[
                ("epost", "mage.vakt@sykehus.example"),
                ("mobil", "+47 900 00 000"),
                ("telefon", "+47 22 00 00 00"),
                ("apningstid", "hverdager 08.00–15.30"),
            ],
        )
        .await
        .assert_redirect("/admin?lagret=1");
        let phone = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT phone || ' ' || opening_hours FROM units WHERE id = '{unit}'"
            ))
            .await
            .unwrap();
        assert_eq!(phone, "+4722000000 hverdager 08.00–15.30");
        let stored = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT alert_email || ' ' || alert_mobile FROM units WHERE id = '{unit}'"
            ))
            .await
            .unwrap();
        assert_eq!(stored, "mage.vakt@sykehus.example +4790000000");
        let k1 = app.sign_in("kliniker1").await;
        assert_eq!(
            app.post(Some(&k1), &path, &[("epost", "x@y.no")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_care_team_pauses_resumes_and_ends_an_enrollment() {
    for app in TestApp::each_backend().await {
        let sql = |q: String| {
            let app = &app;
            async move { app.db.store.dump_for_tests(&q).await.unwrap() }
        };
        let arne = sql("SELECT id FROM patients WHERE name = 'Arne Demo Nilsen'".into()).await;
        let e = sql(format!(
            "SELECT id FROM enrollments WHERE patient_id = '{arne}'"
        ))
        .await;
        let path = format!("/klinikk/innskriving/{e}/status");
        let k1 = app.sign_in("kliniker1").await;
        assert_eq!(
            app.post(Some(&k1), &path, &[("handling", "pause")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let k2 = app.sign_in("kliniker2").await;
        app.post(Some(&k2), &path, &[("handling", "pause")])
            .await
            .assert_redirect(&format!("/klinikk/pasient/{arne}?status=pause"));
        let page = app
            .get(Some(&k2), &format!("/klinikk/pasient/{arne}"))
            .await;
        page.assert_ok_containing("På pause siden");
        // Paused: nothing pending, no alert from a low value, on-hold in the API.
        let pending = sql(format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM tasks WHERE enrollment_id = '{e}' AND status IN ('open', 'overdue')"
        ))
        .await;
        assert_eq!(pending, "0", "{}", app.backend());
        let alerts = || {
            sql(format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM alerts WHERE patient_id = '{arne}'"
            ))
        };
        let before = alerts().await;
        let p6 = app.sign_in("pasient6").await;
        app.post(
            Some(&p6),
            "/pasient/maalinger",
            &[("maaling", "spo2"), ("verdi", "85")],
        )
        .await
        .assert_redirect("/pasient/maalinger?lagret=spo2");
        assert_eq!(alerts().await, before, "no alert while paused");
        app.get(Some(&p6), "/pasient/moduler")
            .await
            .assert_ok_containing("satt oppfølgingen på pause");
        let token = app.api_token("kliniker2").await;
        let plan = app
            .get_api(Some(&token), &format!("/fhir/CarePlan/{e}"))
            .await;
        assert_eq!(plan.json()["status"], "on-hold");
        // Pausing twice is a conflict, not a second pause.
        assert_eq!(
            app.post(Some(&k2), &path, &[("handling", "pause")])
                .await
                .status,
            StatusCode::CONFLICT
        );
        app.post(Some(&k2), &path, &[("handling", "gjenoppta")])
            .await
            .assert_redirect(&format!("/klinikk/pasient/{arne}?status=gjenoppta"));
        app.post(
            Some(&p6),
            "/pasient/maalinger",
            &[("maaling", "spo2"), ("verdi", "85")],
        )
        .await;
        assert_ne!(alerts().await, before, "alerts again once resumed");

        // Ending needs the confirmation; then the enrollment is withdrawn.
        let unconfirmed = app.post(Some(&k2), &path, &[("handling", "avslutt")]).await;
        assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unconfirmed
                .body
                .contains("Kryss av for at du vil skrive pasienten ut")
        );
        app.post(
            Some(&k2),
            &path,
            &[("handling", "avslutt"), ("bekreft", "ja")],
        )
        .await
        .assert_redirect(&format!("/klinikk/pasient/{arne}?status=avslutt"));
        assert_eq!(
            sql(format!("SELECT status FROM enrollments WHERE id = '{e}'")).await,
            "withdrawn"
        );
        let plan = app
            .get_api(Some(&token), &format!("/fhir/CarePlan/{e}"))
            .await;
        assert_eq!(plan.json()["status"], "revoked");
    }
}
