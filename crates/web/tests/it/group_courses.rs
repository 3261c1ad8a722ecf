//! Group courses on site for a program's patients (decision 0046): the unit plans one
//! (a missing place refused with the form kept); the program's patients see it on "Mine
//! avtaler" and sign up themselves, each sign-up in the access log as theirs; a full course
//! and a page seen before a change are refused with a clear message; a finished patient or
//! another program's patient reaches nothing; a patient withdraws until it begins. Held,
//! everyone marked present is asked the satisfaction questionnaire, and the outcome report
//! counts the course per year with its small groups hidden.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn a_group_course_is_planned_signed_up_for_held_and_asked_about() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let one = |sql: String| {
            let store = app.db.store.clone();
            async move { store.dump_for_tests(&sql).await.unwrap() }
        };
        let k1 = app.sign_in("kliniker1").await;
        app.get(Some(&k1), "/klinikk/avtaler")
            .await
            .assert_ok_containing("/klinikk/avtaler/gruppekurs?enhet=");
        app.get(Some(&k1), "/klinikk/avtaler/gruppekurs")
            .await
            .assert_ok_containing("Planlegg kurs på sykehuset");
        // Unit 2 runs no program with group courses.
        let k2 = app.sign_in("kliniker2").await;
        assert_eq!(
            app.get(Some(&k2), "/klinikk/avtaler/gruppekurs")
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{label}"
        );

        let plan = |place: &'static str| {
            let app = &app;
            let k1 = &k1;
            async move {
                app.post(
                    Some(k1),
                    "/klinikk/avtaler/gruppekurs",
                    &[
                        ("program", "ibs-school"),
                        ("dato", "2026-11-26"),
                        ("tid", "17:00"),
                        ("minutter", "120"),
                        ("plasser", "2"),
                        ("sted", place),
                    ],
                )
                .await
            }
        };
        let nowhere = plan("").await;
        assert_eq!(nowhere.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(nowhere.body.contains("Skriv hvor pasienten skal møte"));
        assert!(nowhere.body.contains("value=\"2026-11-26\""), "kept");
        let planned = plan("Rom 101, Medisinsk poliklinikk").await;
        assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);
        let id = planned
            .location()
            .trim_start_matches("/klinikk/avtaler/")
            .trim_end_matches("?bestilt=1")
            .to_owned();
        app.get(Some(&k1), &format!("/klinikk/avtaler/{id}"))
            .await
            .assert_ok_containing("Gruppekurs på sykehuset");
        let version = || {
            one(format!(
                "SELECT CAST(version AS TEXT) FROM appointments WHERE id = '{id}'"
            ))
        };

        // Ola (pasient2) sees it and signs up; it is among his appointments.
        let ola = app.sign_in("pasient2").await;
        let page = app.get(Some(&ola), "/pasient/avtaler").await;
        page.assert_ok_containing("Kurs på sykehuset");
        assert!(page.body.contains("26. november 2026 kl. 17:00"), "{label}");
        assert!(page.body.contains("2 ledige plasser"));
        let seen = version().await;
        let sign_up = |who: &carepath_test_support::app::Session, v: String, what: &'static str| {
            let app = &app;
            let kurs = format!("{id}:{v}");
            let who = who.clone();
            async move {
                app.post(
                    Some(&who),
                    "/pasient/avtaler/gruppekurs",
                    &[("kurs", kurs.as_str()), ("handling", what)],
                )
                .await
            }
        };
        sign_up(&ola, seen.clone(), "pamelding")
            .await
            .assert_redirect("/pasient/avtaler?pameldt=1#gruppekurs");
        let mine = app.get(Some(&ola), "/pasient/avtaler?pameldt=1").await;
        mine.assert_ok_containing("Du er påmeldt kurset.");
        assert!(mine.body.contains("Du er påmeldt."));
        assert!(mine.body.contains("Meld meg av"));
        let ola_id = one("SELECT p.id FROM patients p JOIN users u ON u.id = p.user_id WHERE u.username = 'pasient2'".into()).await;
        assert_eq!(
            one(format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'Appointment'
                 AND resource_id = '{id}' AND patient_id = '{ola_id}' AND action = 'update' AND actor_role = 'patient'"
            ))
            .await,
            "1",
            "{label}: the sign-up is in his access log"
        );
        // The page he saw is out of date now.
        let stale = sign_up(&ola, seen, "avmelding").await;
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            stale
                .body
                .contains("Kurset ble endret mens du så på siden.")
        );

        // Sofie (pasient3) takes the last place; Ingrid (pasient1) finds it full.
        let sofie = app.sign_in("pasient3").await;
        sign_up(&sofie, version().await, "pamelding")
            .await
            .assert_redirect("/pasient/avtaler?pameldt=1#gruppekurs");
        let ingrid = app.sign_in("pasient1").await;
        let full = sign_up(&ingrid, version().await, "pamelding").await;
        assert_eq!(full.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(full.body.contains("Kurset ble fullt"));
        // Jonas (finished) and Kari Pasient of another program reach nothing.
        for other in ["pasient4", "pasient6"] {
            let s = app.sign_in(other).await;
            assert!(
                !app.get(Some(&s), "/pasient/avtaler")
                    .await
                    .body
                    .contains(&id),
                "{other}"
            );
            assert_eq!(
                sign_up(&s, version().await, "pamelding").await.status,
                StatusCode::NOT_FOUND,
                "{label}: {other}"
            );
        }
        // Sofie withdraws; her place is free again.
        sign_up(&sofie, version().await, "avmelding")
            .await
            .assert_redirect("/pasient/avtaler?avmeldt=1#gruppekurs");
        assert!(
            app.get(Some(&ingrid), "/pasient/avtaler")
                .await
                .body
                .contains("Én ledig plass")
        );
        sign_up(&sofie, version().await, "pamelding")
            .await
            .assert_redirect("/pasient/avtaler?pameldt=1#gruppekurs");
        let sofie_id = one("SELECT p.id FROM patients p JOIN users u ON u.id = p.user_id WHERE u.username = 'pasient3'".into()).await;

        // Held: Ola came, Sofie did not. Only Ola is asked what he thought.
        app.clock
            .advance(chrono::Duration::days(3) + chrono::Duration::hours(12));
        let k1 = app.sign_in("kliniker1").await;
        let held = app.get(Some(&k1), &format!("/klinikk/avtaler/{id}")).await;
        held.assert_ok_containing("Pasientene som kom, får spørreskjemaet om tilfredshet");
        app.post(
            Some(&k1),
            &format!("/klinikk/avtaler/{id}"),
            &[
                ("versjon", &version().await),
                ("handling", "gjennomfort"),
                ("kom", &ola_id),
            ],
        )
        .await
        .assert_redirect(&format!("/klinikk/avtaler/{id}?endret=1"));
        let asked = |patient: String| {
            one(format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM tasks WHERE appointment_id = '{id}'
                 AND patient_id = '{patient}' AND questionnaire_key = 'tilfredshet' AND status = 'open'"
            ))
        };
        assert_eq!(asked(ola_id.clone()).await, "1", "{label}");
        assert_eq!(asked(sofie_id).await, "0", "{label}");
        let ola = app.sign_in("pasient2").await;
        app.get(Some(&ola), "/pasient/moduler")
            .await
            .assert_ok_containing("/pasient/skjema/tilfredshet");
        let mut answers = vec![("_side", "1"), ("_handling", "send")];
        for item in [
            "kvalitet",
            "type-hjelp",
            "behov",
            "anbefale",
            "mengde",
            "mestring",
            "helhet",
            "igjen",
        ] {
            answers.push((item, "4"));
        }
        app.post(Some(&ola), "/pasient/skjema/tilfredshet", &answers)
            .await
            .assert_redirect("/pasient/skjema/tilfredshet/resultat");
        assert_eq!(
            one(format!(
                "SELECT o.band FROM tasks t JOIN observations o ON o.response_id = t.response_id
                 WHERE t.appointment_id = '{id}' AND o.code = 'csq8-anbefale'"
            ))
            .await,
            "ja",
            "{label}"
        );

        // The report: two courses held this year (the demo's and this one), two patients
        // who came and two answers, each hidden as under five.
        let report = app
            .get(Some(&k1), "/rapporter/utfall?program=ibs-school")
            .await;
        report.assert_ok_containing("Kurs på sykehuset");
        let section = report
            .body
            .split("<h2>Kurs på sykehuset</h2>")
            .nth(1)
            .expect("the section")
            .split("</section>")
            .next()
            .unwrap_or_default();
        assert!(section.contains("Kurs holdt"), "{label}: {section}");
        assert!(section.contains("<td>2</td>"), "{label}: {section}");
        assert!(section.contains("under 5"), "{label}: {section}");
        assert!(!section.contains("100 %"), "{label}: {section}");
    }
}
