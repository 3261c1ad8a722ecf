//! Emergency access: a clinician opens a patient outside their unit with a written
//! reason, reads only, for four hours; the patient sees it and an administrator reviews it.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

use crate::nin_of;

const REASON: &str = "Pasienten er innlagt akutt med sterke magesmerter i natt";

#[tokio::test]
async fn a_clinician_reads_another_units_patient_with_a_reason_for_four_hours_only() {
    for app in TestApp::each_backend().await {
        let k2 = app.sign_in("kliniker2").await;
        let nin = nin_of(&app, "pasient2").await;
        let patient = app
            .db
            .store
            .patient_by_nin(&carepath_domain::NationalIdNumber::parse(&nin).unwrap())
            .await
            .unwrap()
            .unwrap();
        let url = format!("/klinikk/pasient/{}", patient.id);
        assert_eq!(app.get(Some(&k2), &url).await.status, StatusCode::NOT_FOUND);

        app.get(Some(&k2), "/klinikk/nodtilgang")
            .await
            .assert_ok_containing("Nødtilgang til en pasient utenfor enheten din");
        let short = app
            .post(
                Some(&k2),
                "/klinikk/nodtilgang",
                &[("fodselsnummer", &nin), ("begrunnelse", "akutt")],
            )
            .await;
        assert_eq!(
            short.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.backend()
        );
        assert!(short.body.contains("minst 20 tegn"));
        assert!(
            !short.body.contains("Ola Demo Haugen"),
            "nothing shown without a reason"
        );
        let unknown = app
            .post(
                Some(&k2),
                "/klinikk/nodtilgang",
                &[("fodselsnummer", "15037012345"), ("begrunnelse", REASON)],
            )
            .await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);

        app.post(
            Some(&k2),
            "/klinikk/nodtilgang",
            &[("fodselsnummer", &nin), ("begrunnelse", REASON)],
        )
        .await
        .assert_redirect(&url);
        let page = app.get(Some(&k2), &url).await;
        page.assert_ok_containing("Ola Demo Haugen");
        assert!(page.body.contains("Du ser denne pasienten med nødtilgang"));
        assert!(page.body.contains(REASON));
        assert!(
            !page.body.contains("/innskriving\""),
            "no enrolling under emergency access"
        );

        // Reading only: enrolling is still refused.
        let enroll = app
            .post(
                Some(&k2),
                &format!("{url}/innskriving"),
                &[("versjon", "x")],
            )
            .await;
        assert_eq!(enroll.status, StatusCode::NOT_FOUND);

        // The patient sees who and why.
        let own = app.sign_in("pasient2").await;
        let log = app.get(Some(&own), "/pasient/innsyn").await;
        log.assert_ok_containing("Kim Klinisk");
        assert!(
            log.body
                .contains("Registrerte nødtilgang til opplysningene dine")
        );
        assert!(log.body.contains(REASON));
        // In English, the words carepath wrote into the log are English too; the
        // clinician's own reason stays as written.
        let log = app.get(Some(&own), "/pasient/innsyn?lang=en").await;
        assert!(
            log.body
                .contains(&format!("Reason given: Emergency access: {REASON}")),
            "{}",
            log.body
        );
        assert!(!log.body.contains("Nødtilgang"), "{}", log.body);

        app.clock.advance(chrono::Duration::hours(4));
        let k2 = app.sign_in("kliniker2").await;
        assert_eq!(
            app.get(Some(&k2), &url).await.status,
            StatusCode::NOT_FOUND,
            "{}: access ends after four hours",
            app.backend()
        );
    }
}

#[tokio::test]
async fn an_administrator_reviews_every_emergency_access() {
    for app in TestApp::each_backend().await {
        let k2 = app.sign_in("kliniker2").await;
        let nin = nin_of(&app, "pasient3").await;
        app.post(
            Some(&k2),
            "/klinikk/nodtilgang",
            &[("fodselsnummer", &nin), ("begrunnelse", REASON)],
        )
        .await;

        let admin = app.sign_in("admin").await;
        app.get(Some(&admin), "/").await.assert_redirect("/admin");
        app.get(Some(&admin), "/admin")
            .await
            .assert_ok_containing("1 venter");
        let list = app.get(Some(&admin), "/admin/nodtilgang").await;
        list.assert_ok_containing(REASON);
        assert!(list.body.contains("Kim Klinisk"));
        let id = list
            .body
            .split("/admin/nodtilgang/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let done = app
            .post(
                Some(&admin),
                &format!("/admin/nodtilgang/{id}/gjennomgatt"),
                &[("merknad", "Bekreftet med vakthavende")],
            )
            .await;
        done.assert_redirect("/admin/nodtilgang?gjennomgatt=1");
        let list = app
            .get(Some(&admin), "/admin/nodtilgang?gjennomgatt=1")
            .await;
        assert!(list.body.contains("Gjennomgått av"), "{}", app.backend());
        assert!(list.body.contains("Bekreftet med vakthavende"));
        app.get(Some(&admin), "/admin")
            .await
            .assert_ok_containing("0 venter");

        // Reviewing twice, or an unknown grant: not found.
        let again = app
            .post(
                Some(&admin),
                &format!("/admin/nodtilgang/{id}/gjennomgatt"),
                &[],
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_FOUND);

        // Only administrators.
        assert_eq!(
            app.get(Some(&k2), "/admin/nodtilgang").await.status,
            StatusCode::FORBIDDEN
        );
    }
}
