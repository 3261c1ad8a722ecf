//! The patient journey: terms, screening, baseline questionnaire, modules and pages.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

use crate::{BASELINE, invited_patient};

#[tokio::test]
async fn a_new_patient_goes_from_terms_and_screening_through_the_baseline_to_the_first_page() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient1").await;
        app.get(Some(&s), "/").await.assert_redirect("/pasient");
        let home = app.get(Some(&s), "/pasient").await;
        home.assert_ok_containing("Les vilkårene");
        assert!(home.body.contains(r#"<html lang="nb">"#));

        // Modules are closed, and so is the questionnaire before screening.
        app.get(Some(&s), "/pasient/moduler")
            .await
            .assert_redirect("/pasient");
        let closed = app
            .get(Some(&s), "/pasient/moduler/om-ibs/01-hva-er-ibs")
            .await;
        assert_eq!(closed.status, StatusCode::FORBIDDEN, "{}", app.backend());
        assert_eq!(
            app.get(Some(&s), "/pasient/skjema/ibs-symptomskaar")
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        app.get(Some(&s), "/pasient/vilkar")
            .await
            .assert_ok_containing("Dine opplysninger er trygge");
        let unticked = app.post(Some(&s), "/pasient/vilkar", &[]).await;
        assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unticked
                .body
                .contains("Kryss av for at du har lest vilkårene")
        );
        app.post(Some(&s), "/pasient/vilkar", &[("godtar", "ja")])
            .await
            .assert_redirect("/pasient/kartlegging");

        let screening = app.get(Some(&s), "/pasient/kartlegging").await;
        screening.assert_ok_containing("spiseforstyrrelse");
        let missing = app.post(Some(&s), "/pasient/kartlegging", &[]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("Svar ja eller nei"));
        app.post(
            Some(&s),
            "/pasient/kartlegging",
            &[("eating-disorder", "nei")],
        )
        .await
        .assert_redirect("/pasient");
        app.get(Some(&s), "/pasient")
            .await
            .assert_ok_containing("Fyll ut startskjemaet");

        let form = app.get(Some(&s), "/pasient/skjema/ibs-symptomskaar").await;
        form.assert_ok_containing("plassholdertekst");
        // Said once, by the page, not again by the form's own first item.
        assert_eq!(
            form.body.matches("plassholdertekst").count(),
            1,
            "the placeholder notice shows twice"
        );
        let bad = app
            .post(
                Some(&s),
                "/pasient/skjema/ibs-symptomskaar",
                &[("smerte-styrke", "140"), ("smerte-dager", "mange")],
            )
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.backend()
        );
        assert!(
            bad.body.contains("Tallet kan ikke være høyere enn 100"),
            "{}",
            bad.body
        );
        assert!(bad.body.contains("Skriv et helt tall"));
        assert!(bad.body.contains("Svar på dette spørsmålet"));
        assert!(
            bad.body.contains(r#"value="140""#),
            "answers are kept in the form"
        );
        app.post(Some(&s), "/pasient/skjema/ibs-symptomskaar", &BASELINE)
            .await
            .assert_redirect("/pasient/skjema/ibs-symptomskaar/resultat");
        // The score, its band and what it means; 60 + 6 x 10 + 55 + 70 + 40 = 285.
        let result = app
            .get(Some(&s), "/pasient/skjema/ibs-symptomskaar/resultat")
            .await;
        result.assert_ok_containing("Skåren din: <strong>285</strong> – Moderate plager");
        assert!(result.body.contains("lavere er bedre"), "{}", result.body);
        assert!(result.body.contains(r#"href="/pasient/moduler""#));

        let modules = app.get(Some(&s), "/pasient/moduler?skjema=lagret").await;
        modules.assert_ok_containing("Svarene dine er lagret");
        // Nothing read yet: an invitation to begin, not to go on.
        assert!(modules.body.contains("Begynn å lese"));
        assert!(!modules.body.contains("Fortsett der du slapp"));
        assert!(modules.body.contains("0 av 3 sider lest"));
        // The questionnaires the schedule asks at the start are there at once, without
        // waiting for the scheduler; the answered baseline is not.
        assert!(modules.body.contains(r#"href="/pasient/skjema/phq-9""#));
        assert!(modules.body.contains(r#"href="/pasient/skjema/gad-7""#));
        assert!(
            !modules
                .body
                .contains(r#"href="/pasient/skjema/ibs-symptomskaar""#)
        );
        assert!(
            !modules.body.contains("Lav-FODMAP-kost</a>"),
            "optional modules are not shown until chosen"
        );

        let page = app
            .get(Some(&s), "/pasient/moduler/om-ibs/01-hva-er-ibs")
            .await;
        page.assert_ok_containing("Hva er IBS?");
        app.post(Some(&s), "/pasient/moduler/om-ibs/01-hva-er-ibs/lest", &[])
            .await
            .assert_redirect("/pasient/moduler/om-ibs/02-tarm-og-hjerne");
        let next = app
            .get(Some(&s), "/pasient/moduler/om-ibs/02-tarm-og-hjerne")
            .await;
        let version = app
            .db
            .store
            .latest_program_version("ibs-school")
            .await
            .unwrap()
            .unwrap();
        assert!(
            next.body
                .contains(&format!(r#"src="/media/{}/tarm-hjerne.svg""#, version.id)),
            "{}",
            next.body
        );
        app.get(Some(&s), "/pasient/fortsett")
            .await
            .assert_redirect("/pasient/moduler/om-ibs/02-tarm-og-hjerne");
        app.get(Some(&s), "/pasient/moduler")
            .await
            .assert_ok_containing("1 av 3 sider lest");
    }
}

#[tokio::test]
async fn choosing_optional_modules_shows_them_and_core_modules_cannot_be_chosen() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        app.post(Some(&s), "/pasient/moduler/valg", &[("modul", "lavfodmap")])
            .await
            .assert_redirect("/pasient/moduler?valgt=1");
        let list = app.get(Some(&s), "/pasient/moduler?valgt=1").await;
        list.assert_ok_containing("Lav-FODMAP-kost</a>");
        app.get(Some(&s), "/pasient/moduler/lavfodmap/01-hva-er-fodmap")
            .await
            .assert_ok_containing("Hva er FODMAP?");
        assert_eq!(
            app.get(Some(&s), "/pasient/moduler/eksponering/01-unngaelse")
                .await
                .status,
            StatusCode::NOT_FOUND,
            "an optional module not chosen stays closed"
        );
        let core = app
            .post(Some(&s), "/pasient/moduler/valg", &[("modul", "om-ibs")])
            .await;
        assert_eq!(
            core.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.backend()
        );
        // Choosing none removes the optional module again.
        app.post(Some(&s), "/pasient/moduler/valg", &[])
            .await
            .assert_redirect("/pasient/moduler?valgt=1");
        assert!(
            !app.get(Some(&s), "/pasient/moduler")
                .await
                .body
                .contains("Lav-FODMAP-kost</a>")
        );
    }
}

#[tokio::test]
async fn an_eating_disorder_stops_kindly_and_a_child_is_refused_with_an_explanation() {
    for app in TestApp::each_backend().await {
        let adult = invited_patient(&app, "voksen", "1990-05-17").await;
        app.post(Some(&adult), "/pasient/vilkar", &[("godtar", "ja")])
            .await;
        app.post(
            Some(&adult),
            "/pasient/kartlegging",
            &[("eating-disorder", "ja")],
        )
        .await
        .assert_redirect("/pasient");
        let stopped = app.get(Some(&adult), "/pasient").await;
        stopped.assert_ok_containing("Programmet passer ikke for deg nå");
        assert!(stopped.body.contains("Snakk med fastlegen din om magen"));
        assert_eq!(
            app.get(Some(&adult), "/pasient/moduler/om-ibs/01-hva-er-ibs")
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        let child = invited_patient(&app, "barn", "2012-01-01").await;
        app.post(Some(&child), "/pasient/vilkar", &[("godtar", "ja")])
            .await;
        app.post(
            Some(&child),
            "/pasient/kartlegging",
            &[("eating-disorder", "nei")],
        )
        .await;
        app.get(Some(&child), "/pasient")
            .await
            .assert_ok_containing("Du er under 16 år");
    }
}

#[tokio::test]
async fn a_seventeen_year_old_waits_until_a_clinician_approves_the_exception() {
    for app in TestApp::each_backend().await {
        let patient = app.sign_in("pasient5").await;
        app.get(Some(&patient), "/pasient")
            .await
            .assert_ok_containing("Vi vurderer henvisningen din");

        let clinician = app.sign_in("kliniker1").await;
        let list = app
            .get(Some(&clinician), "/klinikk?status=awaiting_exception")
            .await;
        list.assert_ok_containing("Emma Demo Solberg");
        let link = list
            .body
            .split("/klinikk/pasient/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let page = app
            .get(Some(&clinician), &format!("/klinikk/pasient/{link}"))
            .await;
        page.assert_ok_containing("Kan pasienten starte?");
        let enrollment = page
            .body
            .split("/klinikk/innskriving/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let url = format!("/klinikk/innskriving/{enrollment}/unntak");
        // No choice: the page again, saying what to choose (not a bare error).
        let unchosen = app.post(Some(&clinician), &url, &[]).await;
        assert_eq!(unchosen.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unchosen.body.contains("Velg godkjenn eller avslå.")
                && unchosen.body.contains("Kan pasienten starte?")
        );
        let before = app.db.store.outbox_summary().await.unwrap().pending;
        app.post(Some(&clinician), &url, &[("beslutning", "godkjenn")])
            .await
            .assert_redirect(&format!("/klinikk/pasient/{link}?vurdert=1"));
        assert_eq!(
            app.post(Some(&clinician), &url, &[("beslutning", "godkjenn")])
                .await
                .status,
            StatusCode::CONFLICT,
            "decided once"
        );
        // Emma is told there is news (by e-mail, her one address), once, not what it is.
        assert_eq!(
            app.db.store.outbox_summary().await.unwrap().pending,
            before + 1,
            "{}",
            app.backend()
        );

        app.get(Some(&patient), "/pasient")
            .await
            .assert_ok_containing("Fyll ut startskjemaet");
    }
}

#[tokio::test]
async fn a_finished_patient_keeps_access_to_the_pages() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient4").await;
        app.get(Some(&s), "/pasient")
            .await
            .assert_ok_containing("Du er ferdig med programmet");
        app.get(Some(&s), "/pasient/moduler")
            .await
            .assert_ok_containing("100 %");
    }
}

#[tokio::test]
async fn sending_the_baseline_twice_keeps_one_response() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        let changed = [
            ("smerte-styrke", "5"),
            ("smerte-dager", "1"),
            ("oppblasthet", "5"),
            ("avforing-misnoye", "5"),
            ("livet-pavirket", "5"),
        ];
        app.post(Some(&s), "/pasient/skjema/ibs-symptomskaar", &changed)
            .await
            .assert_redirect("/pasient/skjema/ibs-symptomskaar/resultat");
        app.get(Some(&s), "/pasient/skjema/ibs-symptomskaar")
            .await
            .assert_redirect("/pasient/skjema/ibs-symptomskaar/resultat");
        let list = app
            .get(Some(&app.sign_in("kliniker1").await), "/klinikk?sok=haugen")
            .await;
        let url = format!(
            "/klinikk/pasient/{}",
            list.body
                .split("/klinikk/pasient/")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        );
        let page = app.get(Some(&app.sign_in("kliniker1").await), &url).await;
        assert!(
            page.body.contains("<dd>65</dd>"),
            "{}: the first answer stands:\n{}",
            app.backend(),
            page.body
        );
    }
}

/// Moves the clock a week on and runs the scheduler, as the server does every minute.
async fn a_week_on(app: &TestApp) {
    app.clock.advance(chrono::Duration::days(7));
    app.db
        .store
        .run_scheduler(
            carepath_domain::clock::Clock::now(app.clock.as_ref()),
            "https://carepath.test",
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_paged_form_is_saved_half_done_resumed_and_sent_with_its_conditions() {
    for app in TestApp::each_backend().await {
        // A week on, this week's diary is a task (the baseline-only PHQ-9 has long closed).
        a_week_on(&app).await;
        let s = app.sign_in("pasient3").await;
        let modules = app.get(Some(&s), "/pasient/moduler").await;
        // pasient3 reads nynorsk (her saved choice in the demo).
        modules.assert_ok_containing("Skjema å fylle ut");
        assert!(
            modules.body.contains(r#"href="/pasient/skjema/ukedagbok""#),
            "{}",
            modules.body
        );
        assert!(modules.body.contains("svar innan"));
        assert!(!modules.body.contains(r#"href="/pasient/skjema/phq-9""#));

        // Page 1 of 3, with a slider and a progress bar.
        let form = app.get(Some(&s), "/pasient/skjema/ukedagbok").await;
        form.assert_ok_containing("Side 1 av 3");
        assert!(form.body.contains("data-slider"));
        // "Next" checks this page only: a missing answer stops it.
        let missing = app
            .post(
                Some(&s),
                "/pasient/skjema/ukedagbok",
                &[("_side", "1"), ("_handling", "neste"), ("smertedager", "3")],
            )
            .await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("Svar på dette spørsmålet"));
        app.post(
            Some(&s),
            "/pasient/skjema/ukedagbok",
            &[
                ("_side", "1"),
                ("_handling", "neste"),
                ("smertedager", "3"),
                ("verste-smerte", "6"),
                ("oppblasthet", "5"),
            ],
        )
        .await
        .assert_redirect("/pasient/skjema/ukedagbok?side=2");

        // Page 2: the Bristol pictures, and a question turned on by the one before it.
        let page2 = app.get(Some(&s), "/pasient/skjema/ukedagbok?side=2").await;
        page2.assert_ok_containing("Side 2 av 3");
        assert!(page2.body.contains("/bristol-4.svg"), "option pictures");
        assert!(page2.body.contains(
            "Svar berre viss du svarte «Ja» på «Har du måttet skynde deg på toalettet?»"
        ));
        // Saved half done; the answers are there when the patient comes back.
        app.post(
            Some(&s),
            "/pasient/skjema/ukedagbok",
            &[
                ("_side", "2"),
                ("_handling", "lagre"),
                ("bristol-type", "type-6"),
                ("hastverk", "true"),
                ("hastverk-dager", "2"),
            ],
        )
        .await
        .assert_redirect("/pasient/skjema/ukedagbok?side=2&lagret=1");
        let back = app
            .get(Some(&s), "/pasient/skjema/ukedagbok?side=2&lagret=1")
            .await;
        back.assert_ok_containing("Svara er lagra");
        assert!(
            back.body.contains(r#"value="type-6" checked"#),
            "{}",
            back.body
        );
        assert!(back.body.contains(r#"value="2""#));
        let page1 = app.get(Some(&s), "/pasient/skjema/ukedagbok?side=1").await;
        assert!(
            page1.body.contains(r#"value="3""#),
            "page 1 kept its answers"
        );

        // Changing the gate question drops the answer it opened.
        app.post(
            Some(&s),
            "/pasient/skjema/ukedagbok",
            &[
                ("_side", "2"),
                ("_handling", "neste"),
                ("bristol-type", "type-6"),
                ("hastverk", "false"),
                ("hastverk-dager", "2"),
            ],
        )
        .await
        .assert_redirect("/pasient/skjema/ukedagbok?side=3");
        // Sending from the last page with everything in place: the result page.
        app.post(
            Some(&s),
            "/pasient/skjema/ukedagbok",
            &[
                ("_side", "3"),
                ("_handling", "send"),
                ("fravaer", "false"),
                ("hjelpemidler", "Peppermynteolje"),
                ("hjelpemidler", "Yoga"),
            ],
        )
        .await
        .assert_redirect("/pasient/skjema/ukedagbok/resultat");
        let result = app
            .get(Some(&s), "/pasient/skjema/ukedagbok/resultat")
            .await;
        result.assert_ok_containing("Skåren din: <strong>11</strong> – Noe plager");
        let stored = app
            .db
            .store
            .dump_for_tests(
                "SELECT CAST(body AS TEXT) FROM questionnaire_responses WHERE status = 'completed' AND CAST(body AS TEXT) LIKE '%ibs-ukedagbok%'",
            )
            .await
            .unwrap();
        assert!(
            !stored.contains("hastverk-dager"),
            "the disabled answer was dropped"
        );
        assert!(stored.contains("Yoga"), "open choice keeps free text");
        assert!(
            stored.contains(r#""ukeskar""#),
            "the score is in its calculated item"
        );
        // Sending completed this week's task: the diary is no longer waiting.
        let modules = app.get(Some(&s), "/pasient/moduler").await;
        assert!(
            !modules.body.contains(r#"href="/pasient/skjema/ukedagbok""#),
            "{}",
            modules.body
        );
        app.get(Some(&s), "/pasient/skjema/ukedagbok")
            .await
            .assert_redirect("/pasient/skjema/ukedagbok/resultat");
        // A week on, next week's diary is due: the form opens, not last week's thanks.
        a_week_on(&app).await;
        let s = app.sign_in("pasient3").await;
        let modules = app.get(Some(&s), "/pasient/moduler").await;
        assert!(modules.body.contains(r#"href="/pasient/skjema/ukedagbok""#));
        let form = app.get(Some(&s), "/pasient/skjema/ukedagbok").await;
        assert_eq!(form.status, StatusCode::OK, "{}", app.backend());
        assert!(!form.body.contains("Takk for svarene"));

        // PHQ-9 is shown in its official English, marked as such.
        let phq = app.get(Some(&s), "/pasient/skjema/phq-9").await;
        phq.assert_ok_containing(r#"lang="en""#);
        assert!(
            phq.body
                .contains("Little interest or pleasure in doing things")
        );
    }
}

#[tokio::test]
async fn a_patient_registers_what_the_program_asks_and_sees_it_as_a_chart_and_a_table() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        let page = app.get(Some(&s), "/pasient/maalinger").await;
        page.assert_ok_containing("Hva har du målt?");
        assert!(
            page.body.contains(r#"value="vekt""#) && page.body.contains(r#"value="symptomer""#)
        );
        assert!(
            !page.body.contains(r#"value="spo2""#),
            "only what the program asks"
        );

        // A typing error: the range, the value kept in the field, nothing stored.
        let bad = app
            .post(
                Some(&s),
                "/pasient/maalinger",
                &[("maaling", "vekt"), ("verdi", "725")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("Vekt må være mellom 2 og 400 kg"),
            "{}",
            bad.body
        );
        assert!(bad.body.contains(r#"value="725""#));
        let other = app
            .post(
                Some(&s),
                "/pasient/maalinger",
                &[("maaling", "spo2"), ("verdi", "97")],
            )
            .await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(other.body.contains("Velg hva du har målt."));

        // Two weights with a decimal comma: a chart with two dots and a table.
        for v in ["72,5", "71,8"] {
            app.post(
                Some(&s),
                "/pasient/maalinger",
                &[("maaling", "vekt"), ("verdi", v)],
            )
            .await
            .assert_redirect("/pasient/maalinger?lagret=vekt");
        }
        let page = app.get(Some(&s), "/pasient/maalinger?lagret=1").await;
        page.assert_ok_containing("Målingen er lagret.");
        assert!(page.body.contains("72,5 kg") && page.body.contains("71,8 kg"));
        assert_eq!(page.body.matches("<circle").count(), 2, "{}", page.body);
        assert!(page.body.contains(r#"role="img""#));
        let logged = app
            .db
            .store
            .dump_for_tests(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'Observation' AND action = 'create'",
            )
            .await
            .unwrap();
        assert_eq!(logged, "2", "{}", app.backend());
    }
}

#[tokio::test]
async fn a_value_past_the_plans_limit_raises_an_alert_for_the_unit_and_the_patient_gets_its_advice()
{
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        let alerts = || async {
            app.db
                .store
                .dump_for_tests(
                    "SELECT a.colour || ' ' || a.measurement || ' ' || u.name FROM alerts a
                     JOIN units u ON u.id = a.unit_id
                     WHERE a.patient_id = (SELECT id FROM patients WHERE name = 'Ola Demo Haugen') ORDER BY a.raised_at",
                )
                .await
                .unwrap()
        };
        // 3 of 10: green, no alert.
        app.post(
            Some(&s),
            "/pasient/maalinger",
            &[("maaling", "symptomer"), ("verdi", "3")],
        )
        .await
        .assert_redirect("/pasient/maalinger?lagret=symptomer");
        assert_eq!(alerts().await, "", "{}", app.backend());
        let page = app.get(Some(&s), "/pasient/maalinger").await;
        page.assert_ok_containing("Siste måling: Grønn.");

        // 9 of 10: red, an alert on the unit's list, and the plan's advice.
        app.post(
            Some(&s),
            "/pasient/maalinger",
            &[("maaling", "symptomer"), ("verdi", "9")],
        )
        .await
        .assert_redirect("/pasient/maalinger?lagret=symptomer");
        let raised = alerts().await;
        assert!(raised.starts_with("red symptomer "), "{raised}");
        let page = app.get(Some(&s), "/pasient/maalinger").await;
        page.assert_ok_containing("Siste måling: Rød.");
        assert!(page.body.contains("legevakten (116 117)"));
        // Right after saving, the value's advice comes first, above the form, in its colour.
        let saved = app
            .get(Some(&s), "/pasient/maalinger?lagret=symptomer")
            .await;
        let advice = saved
            .body
            .find(r#"<p class="advice advice-red" role="status">"#)
            .expect("the advice first");
        let form = saved
            .body
            .find(r#"<form method="post" action="/pasient/maalinger""#)
            .unwrap_or(0);
        assert!(advice < form, "{}", saved.body);
        assert!(
            saved.body[advice..form].contains("er lagret.")
                && saved.body[advice..form].contains("116 117")
        );

        // The unit's worklist shows it; another unit's does not, nor may it acknowledge.
        let k1 = app.sign_in("kliniker1").await;
        let list = app.get(Some(&k1), "/klinikk/varsler").await;
        list.assert_ok_containing("Ola Demo Haugen");
        assert!(
            list.body.contains("Rød") && list.body.contains(": 9 av 10"),
            "{}",
            list.body
        );
        let id = app
            .db
            .store
            .dump_for_tests("SELECT id FROM alerts WHERE patient_id = (SELECT id FROM patients WHERE name = 'Ola Demo Haugen')")
            .await
            .unwrap();
        let k2 = app.sign_in("kliniker2").await;
        assert!(
            !app.get(Some(&k2), "/klinikk/varsler")
                .await
                .body
                .contains("Ola Demo Haugen")
        );
        let path = format!("/klinikk/varsler/{id}/kvitter");
        assert_eq!(
            app.post(Some(&k2), &path, &[("notat", "Ringt")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // Acknowledging needs a note; with one, the alert leaves the list.
        let bare = app.post(Some(&k1), &path, &[("notat", "")]).await;
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bare.body.contains("Skriv kort hva du har gjort"));
        app.post(
            Some(&k1),
            &path,
            &[("notat", "Ringt pasienten, avtalt ny måling i kveld")],
        )
        .await
        .assert_redirect(&format!(
            "/klinikk/varsler?enhet={}&kvittert=1",
            app.db
                .store
                .dump_for_tests("SELECT unit_id FROM alerts WHERE patient_id = (SELECT id FROM patients WHERE name = 'Ola Demo Haugen')")
                .await
                .unwrap()
        ));
        let after = app.get(Some(&k1), "/klinikk/varsler").await;
        after.assert_ok_containing("Ingen varsler venter.");

        // Through the API as a Flag: inactive now, with when it ended; another unit and
        // a bad status get nothing.
        let token = app.api_token("kliniker1").await;
        let flags = app
            .get_api(Some(&token), "/fhir/Flag?status=inactive")
            .await;
        assert_eq!(flags.status, StatusCode::OK, "{}", flags.body);
        let flag = flags.json()["entry"][0]["resource"].clone();
        assert_eq!(flag["code"]["coding"][0]["code"], "red");
        assert!(flag["period"]["end"].is_string());
        assert_eq!(flag["meta"]["versionId"], "2");
        carepath_test_support::fhir_validator::assert_valid_fhir(std::slice::from_ref(&flag));
        let t2 = app.api_token("kliniker2").await;
        assert_eq!(
            app.get_api(Some(&t2), &format!("/fhir/Flag/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get_api(Some(&token), "/fhir/Flag?status=red")
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
        let stored = app
            .db
            .store
            .dump_for_tests("SELECT status || ' ' || note FROM alerts WHERE patient_id = (SELECT id FROM patients WHERE name = 'Ola Demo Haugen')")
            .await
            .unwrap();
        assert_eq!(
            stored,
            "acknowledged Ringt pasienten, avtalt ny måling i kveld"
        );
    }
}

#[tokio::test]
async fn a_clinician_sets_a_patients_own_limits_which_then_decide_the_colour() {
    for app in TestApp::each_backend().await {
        let enrollment = app
            .db
            .store
            .dump_for_tests(
                "SELECT e.id FROM enrollments e JOIN patients p ON p.id = e.patient_id
                 WHERE p.name = 'Ola Demo Haugen'",
            )
            .await
            .unwrap();
        let patient = app
            .db
            .store
            .dump_for_tests("SELECT id FROM patients WHERE name = 'Ola Demo Haugen'")
            .await
            .unwrap();
        let path = format!("/klinikk/innskriving/{enrollment}/grenser");
        let k1 = app.sign_in("kliniker1").await;
        let page = app
            .get(Some(&k1), &format!("/klinikk/pasient/{patient}"))
            .await;
        page.assert_ok_containing("Egenbehandlingsplan");
        assert!(
            page.body
                .contains("Programmet: gul over 6 av 10, rød over 8 av 10."),
            "{}",
            page.body
        );

        // Red inside yellow is refused, named, and nothing is stored.
        let wrong = app
            .post(
                Some(&k1),
                &path,
                &[
                    ("maaling", "symptomer"),
                    ("gul_over", "8"),
                    ("rod_over", "5"),
                    ("handling", "lagre"),
                ],
            )
            .await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.backend()
        );
        assert!(wrong.body.contains("Rød grense må ligge utenfor gul"));
        // What was typed stays in the fields.
        assert!(
            wrong
                .body
                .contains(r#"name="rod_over" type="text" inputmode="decimal" size="6" value="5""#),
            "{}",
            wrong.body
        );
        let typo = app
            .post(
                Some(&k1),
                &path,
                &[
                    ("maaling", "symptomer"),
                    ("gul_over", "åtte"),
                    ("handling", "lagre"),
                ],
            )
            .await;
        assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(typo.body.contains("Gul over: skriv et tall"));
        let out_of_range = app
            .post(
                Some(&k1),
                &path,
                &[
                    ("maaling", "symptomer"),
                    ("rod_over", "80"),
                    ("handling", "lagre"),
                ],
            )
            .await;
        assert_eq!(out_of_range.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            out_of_range.body.contains("mellom 0 og 10"),
            "{}",
            out_of_range.body
        );
        let count = || async {
            app.db
                .store
                .dump_for_tests(&format!(
                    "SELECT CAST(COUNT(*) AS TEXT) FROM patient_limits WHERE enrollment_id = '{enrollment}'"
                ))
                .await
                .unwrap()
        };
        assert_eq!(count().await, "0");

        // A coordinator may not set limits; another unit's clinician does not find them.
        let c1 = app.sign_in("koordinator1").await;
        let ok_form = [
            ("maaling", "symptomer"),
            ("gul_over", "8"),
            ("rod_over", "9,5"),
            ("handling", "lagre"),
        ];
        assert_eq!(
            app.post(Some(&c1), &path, &ok_form).await.status,
            StatusCode::FORBIDDEN
        );
        let k2 = app.sign_in("kliniker2").await;
        assert_eq!(
            app.post(Some(&k2), &path, &ok_form).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(count().await, "0");

        // The clinician's limits: 9 is now yellow, not red.
        app.post(Some(&k1), &path, &ok_form)
            .await
            .assert_redirect(&format!("/klinikk/pasient/{patient}?grenser=1"));
        let page = app
            .get(Some(&k1), &format!("/klinikk/pasient/{patient}?grenser=1"))
            .await;
        page.assert_ok_containing("Pasientens egne: gul over 8 av 10, rød over 9,5 av 10");
        let s = app.sign_in("pasient2").await;
        app.post(
            Some(&s),
            "/pasient/maalinger",
            &[("maaling", "symptomer"), ("verdi", "9")],
        )
        .await
        .assert_redirect("/pasient/maalinger?lagret=symptomer");
        app.get(Some(&s), "/pasient/maalinger")
            .await
            .assert_ok_containing("Siste måling: Gul.");
        assert_eq!(
            app.db
                .store
                .dump_for_tests("SELECT colour FROM alerts WHERE patient_id = (SELECT id FROM patients WHERE name = 'Ola Demo Haugen')")
                .await
                .unwrap(),
            "yellow"
        );
        let logged = app
            .db
            .store
            .dump_for_tests(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'CarePlan' AND action = 'update'",
            )
            .await
            .unwrap();
        assert_eq!(logged, "1");

        // Back to the program's limits: 9 is red again.
        app.post(
            Some(&k1),
            &path,
            &[("maaling", "symptomer"), ("handling", "tilbakestill")],
        )
        .await
        .assert_redirect(&format!("/klinikk/pasient/{patient}?grenser=1"));
        assert_eq!(count().await, "0");
        app.post(
            Some(&s),
            "/pasient/maalinger",
            &[("maaling", "symptomer"), ("verdi", "9")],
        )
        .await;
        app.get(Some(&s), "/pasient/maalinger")
            .await
            .assert_ok_containing("Siste måling: Rød.");
    }
}

/// A patient who has finished sees their scores from the start to the end, with the
/// change, and keeps the content.
#[tokio::test]
async fn a_finished_patient_sees_start_against_end_and_keeps_the_modules() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient4").await;
        let home = app.get(Some(&s), "/pasient").await;
        home.assert_ok_containing("Resultatene dine fra start til slutt");
        assert!(home.body.contains("ved start"), "{}", app.backend());
        assert!(home.body.contains("fra første"), "{}", home.body);
        assert!(home.body.contains(r#"href="/pasient/moduler""#));
        app.get(Some(&s), "/pasient/moduler")
            .await
            .assert_ok_containing("Om IBS");
    }
}

/// A module page's pictures carry their size, so the text does not jump while they load
/// on a slow connection.
#[tokio::test]
async fn module_pictures_carry_their_size() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        let page = app
            .get(Some(&s), "/pasient/moduler/om-ibs/02-tarm-og-hjerne")
            .await;
        page.assert_ok_containing("tarm-hjerne.svg");
        assert!(
            page.body.contains(r#"width="320" height="240" />"#),
            "{}",
            page.body
        );
    }
}

#[tokio::test]
async fn every_saved_version_of_a_form_is_in_its_history_and_can_be_read_again() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        a_week_on(&app).await;
        let s = app.sign_in("pasient3").await;
        let page1 = |smertedager: &'static str| {
            [
                ("_side", "1"),
                ("_handling", "lagre"),
                ("smertedager", smertedager),
                ("verste-smerte", "6"),
                ("oppblasthet", "5"),
            ]
        };
        // Saved half done twice, then sent.
        for days in ["3", "4"] {
            let saved = app
                .post(Some(&s), "/pasient/skjema/ukedagbok", &page1(days))
                .await;
            assert_eq!(
                saved.status,
                StatusCode::SEE_OTHER,
                "{label}: {}",
                saved.body
            );
        }
        let token = app.api_token("kliniker1").await;
        let patient = crate::patient_id_of(&app, "pasient3").await;
        let found = app
            .get_api(
                Some(&token),
                &format!(
                    "/fhir/QuestionnaireResponse?subject=Patient/{patient}&status=in-progress"
                ),
            )
            .await
            .json();
        let current = &found["entry"][0]["resource"];
        let id = current["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{label}: {found}"));
        let version: i64 = current["meta"]["versionId"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(version >= 2, "{label}: {current}");

        let history = app
            .get_api(
                Some(&token),
                &format!("/fhir/QuestionnaireResponse/{id}/_history"),
            )
            .await;
        assert_eq!(history.status, StatusCode::OK, "{label}: {}", history.body);
        let history = history.json();
        assert_eq!(history["type"], "history");
        let versions: Vec<i64> = history["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                e["resource"]["meta"]["versionId"]
                    .as_str()
                    .unwrap()
                    .parse()
                    .unwrap()
            })
            .collect();
        assert_eq!(versions, (1..=version).rev().collect::<Vec<_>>(), "{label}");
        assert_eq!(
            history["entry"][0]["resource"], *current,
            "{label}: newest first"
        );

        // The first version as it was: three pain days, not four.
        let first = app
            .get_api(
                Some(&token),
                &format!("/fhir/QuestionnaireResponse/{id}/_history/1"),
            )
            .await;
        assert_eq!(first.status, StatusCode::OK, "{label}: {}", first.body);
        // The answer to "smertedager", wherever its page group puts it.
        fn days(r: &serde_json::Value) -> Option<serde_json::Value> {
            r["item"].as_array()?.iter().find_map(|i| {
                if i["linkId"] == "smertedager" {
                    Some(i["answer"][0].clone())
                } else {
                    days(i)
                }
            })
        }
        assert_eq!(
            days(&first.json()),
            Some(serde_json::json!({"valueInteger": 3}))
        );
        assert_eq!(days(current), Some(serde_json::json!({"valueInteger": 4})));
        assert_eq!(first.headers["etag"], "W/\"1\"");
        let beyond = app
            .get_api(
                Some(&token),
                &format!("/fhir/QuestionnaireResponse/{id}/_history/{}", version + 1),
            )
            .await;
        assert_eq!(beyond.status, StatusCode::NOT_FOUND);

        // Another unit reaches neither the history nor a version.
        let other = app.api_token("kliniker2").await;
        for path in [
            format!("/fhir/QuestionnaireResponse/{id}/_history"),
            format!("/fhir/QuestionnaireResponse/{id}/_history/1"),
        ] {
            let refused = app.get_api(Some(&other), &path).await;
            assert!(
                matches!(
                    refused.status,
                    StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
                ),
                "{label}: {path}: {}",
                refused.status
            );
        }
    }
}
