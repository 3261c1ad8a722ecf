//! Access checks on the server: who may see which page and which patient.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn pages_need_a_sign_in_and_the_right_role() {
    for app in TestApp::each_backend().await {
        for path in [
            "/pasient",
            "/pasient/moduler",
            "/klinikk",
            "/klinikk/henvisning",
        ] {
            app.get(None, path).await.assert_redirect("/logg-inn");
        }
        let patient = app.sign_in("pasient2").await;
        assert_eq!(
            app.get(Some(&patient), "/klinikk").await.status,
            StatusCode::FORBIDDEN,
            "{}",
            app.backend()
        );
        let clinician = app.sign_in("kliniker1").await;
        assert_eq!(
            app.get(Some(&clinician), "/pasient").await.status,
            StatusCode::FORBIDDEN
        );
        let author = app.sign_in("forfatter1").await;
        assert_eq!(
            app.get(Some(&author), "/klinikk").await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_clinician_sees_only_patients_of_their_own_units() {
    for app in TestApp::each_backend().await {
        let k1 = app.sign_in("kliniker1").await;
        let list = app.get(Some(&k1), "/klinikk").await;
        list.assert_ok_containing("5 pasienter");
        let patient_url = format!(
            "/klinikk/pasient/{}",
            list.body
                .split("/klinikk/pasient/")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        );
        app.get(Some(&k1), &patient_url)
            .await
            .assert_ok_containing("Fødselsnummer");

        let k2 = app.sign_in("kliniker2").await;
        let list2 = app.get(Some(&k2), "/klinikk").await;
        list2.assert_ok_containing("pasienter");
        assert!(
            !list2.body.contains("Ola Demo Haugen"),
            "unit 1's patients are not listed"
        );
        let other = app.get(Some(&k2), &patient_url).await;
        assert_eq!(
            other.status,
            StatusCode::NOT_FOUND,
            "{}: another unit's patient is not revealed",
            app.backend()
        );
        assert!(
            !other.body.contains("Demo"),
            "no patient data in the refusal"
        );
        let enroll = app
            .post(
                Some(&k2),
                &format!("{patient_url}/innskriving"),
                &[("versjon", "x")],
            )
            .await;
        assert_eq!(enroll.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get(
                Some(&k1),
                &format!("/klinikk?enhet={}", uuid_of_unit_not_mine())
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "a unit the clinician does not work in"
        );
        assert_eq!(
            app.get(Some(&k1), "/klinikk/pasient/not-an-id")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

fn uuid_of_unit_not_mine() -> String {
    carepath_domain::Id::<carepath_domain::organization::Unit>::new().to_string()
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        app.get(Some(&s), "/pasient/moduler")
            .await
            .assert_ok_containing("Dine moduler");
        app.post(Some(&s), "/logg-ut", &[])
            .await
            .assert_redirect("/logg-inn");
        app.get(Some(&s), "/pasient/moduler")
            .await
            .assert_redirect("/logg-inn");
    }
}

#[tokio::test]
async fn sessions_expire() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        app.clock.advance(chrono::TimeDelta::hours(9));
        app.get(Some(&s), "/pasient")
            .await
            .assert_redirect("/logg-inn");
    }
}

#[tokio::test]
async fn demo_sign_in_is_closed_unless_enabled() {
    let db = carepath_test_support::sqlite().await;
    let config = carepath_web::WebConfig {
        demo_sign_in: false,
        ..carepath_web::WebConfig::for_tests()
    };
    let app = TestApp::with_config(db, config).await;
    let res = app
        .post(None, "/logg-inn/demo", &[("brukernavn", "pasient1")])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let page = app.get(None, "/logg-inn").await;
    page.assert_ok_containing("ikke satt opp");
    assert!(!page.body.contains("Demoinnlogging"));
    let unknown = TestApp::demo(carepath_test_support::sqlite().await).await;
    unknown
        .post(None, "/logg-inn/demo", &[("brukernavn", "ingen")])
        .await
        .assert_redirect("/logg-inn?feil=ukjent");
}

#[tokio::test]
async fn a_form_without_the_sessions_csrf_token_is_refused_and_changes_nothing() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        let other = app.sign_in("pasient3").await;
        let forged = [
            "modul=lavfodmap".to_owned(),
            format!("modul=lavfodmap&_csrf={}", other.csrf),
            "modul=lavfodmap&_csrf=".to_owned(),
        ];
        for body in forged {
            let res = app
                .post_raw(
                    Some(&s),
                    "/pasient/moduler/valg",
                    "application/x-www-form-urlencoded",
                    body,
                )
                .await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", app.backend());
            assert!(res.body.contains("Skjemaet kunne ikke sendes"));
        }
        let page = app.get(Some(&s), "/pasient/moduler").await;
        assert!(
            !page.body.contains("Lav-FODMAP-kost</a>"),
            "nothing was changed"
        );
        assert!(
            page.body
                .contains(&format!(r#"name="_csrf" value="{}""#, s.csrf)),
            "forms carry the token"
        );
        let res = app
            .post_raw(
                Some(&s),
                "/logg-ut",
                "application/x-www-form-urlencoded",
                String::new(),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "sign-out is protected too"
        );
        let res = app
            .post_raw(
                Some(&s),
                "/pasient/moduler/om-ibs/01-hva-er-ibs/lest",
                "application/x-www-form-urlencoded",
                String::new(),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "so is a form without fields"
        );
        let progress = app.get(Some(&s), "/pasient/moduler").await;
        assert!(
            progress.body.contains("1 av 3 sider lest"),
            "nothing was saved"
        );
    }
}

#[tokio::test]
async fn a_session_ends_after_thirty_minutes_without_activity_but_not_while_in_use() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        for _ in 0..4 {
            app.clock.advance(chrono::TimeDelta::minutes(20));
            app.get(Some(&s), "/pasient/moduler")
                .await
                .assert_ok_containing("Dine moduler");
        }
        app.clock.advance(chrono::TimeDelta::minutes(31));
        app.get(Some(&s), "/pasient/moduler")
            .await
            .assert_redirect("/logg-inn");
    }
}

#[tokio::test]
async fn a_patient_sees_who_has_looked_at_their_data_and_every_access_is_logged() {
    for app in TestApp::each_backend().await {
        let patient = app.sign_in("pasient2").await;
        app.get(Some(&patient), "/pasient/innsyn")
            .await
            .assert_ok_containing("Ingen andre har sett på opplysningene dine");

        let k1 = app.sign_in("kliniker1").await;
        let list = app.get(Some(&k1), "/klinikk?sok=haugen").await;
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
        app.get(Some(&k1), &url)
            .await
            .assert_ok_containing("Ola Demo Haugen");

        let page = app.get(Some(&patient), "/pasient/innsyn").await;
        page.assert_ok_containing(
            "Kari Klinisk (ernæringsfysiolog), behandler (Mage-tarm-poliklinikken)",
        );
        assert!(
            page.body.contains("Så på opplysningene om deg"),
            "{}",
            app.backend()
        );
        assert!(
            !page.body.contains("Ola Demo Haugen, "),
            "the patient's own visits are not listed"
        );

        // The patient's own reads and writes are logged too, and the chain holds.
        app.post(
            Some(&patient),
            "/pasient/moduler/valg",
            &[("modul", "lavfodmap")],
        )
        .await;
        let patient_id = url.rsplit('/').next().unwrap().parse().unwrap();
        let log = app
            .db
            .store
            .patient_access_log(patient_id, 100)
            .await
            .unwrap();
        assert!(log.iter().any(
            |e| e.role == "patient" && e.action == carepath_domain::audit::AuditAction::Update
        ));
        assert!(
            log.iter().filter(|e| e.role == "clinician").count() >= 2,
            "list and page"
        );
        assert!(matches!(
            app.db.store.verify_audit().await.unwrap(),
            carepath_store::audit::AuditCheck::Intact { .. }
        ));
    }
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_user_only() {
    for app in TestApp::each_backend().await {
        let phone = app.sign_in("pasient2").await;
        let laptop = app.sign_in("pasient2").await;
        let someone_else = app.sign_in("pasient3").await;
        app.post(Some(&phone), "/logg-ut/overalt", &[])
            .await
            .assert_redirect("/logg-inn");
        app.get(Some(&phone), "/pasient")
            .await
            .assert_redirect("/logg-inn");
        app.get(Some(&laptop), "/pasient")
            .await
            .assert_redirect("/logg-inn");
        app.get(Some(&someone_else), "/pasient/moduler")
            .await
            .assert_ok_containing("Modulane dine");
        let forged = app
            .post_raw(
                Some(&someone_else),
                "/logg-ut/overalt",
                "application/x-www-form-urlencoded",
                String::new(),
            )
            .await;
        assert_eq!(
            forged.status,
            StatusCode::FORBIDDEN,
            "{}: needs the CSRF token",
            app.backend()
        );
    }
}

#[tokio::test]
async fn roles_without_pages_yet_land_on_an_account_page_that_says_so() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    let s = app.sign_in("forfatter1").await;
    app.get(Some(&s), "/").await.assert_redirect("/konto");
    let page = app.get(Some(&s), "/konto").await;
    page.assert_ok_containing("Innholdsforfatter");
    assert!(page.body.contains("ikke laget ennå"));
    // A researcher starts at their projects.
    let s = app.sign_in("forsker1").await;
    app.get(Some(&s), "/").await.assert_redirect("/forskning");
}
