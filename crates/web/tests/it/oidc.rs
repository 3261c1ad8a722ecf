//! Sign-in through OpenID providers, end to end against a provider on a loopback port:
//! ID-porten's profile for patients, HelseID's for health personnel, and every way the
//! answer can be wrong.

use axum::http::StatusCode;
use carepath_domain::patient::Patient;
use carepath_domain::{Id, NationalIdNumber};
use carepath_test_support::app::TestApp;

use crate::nin_of;
use carepath_test_support::oidc::{CLIENT_ID, CLIENT_SECRET, Fault, TestProvider};
use carepath_web::oidc::{ClientAuth, OidcProfile, OidcProvider};
use serde_json::json;

/// Each backend's demo app with an ID-porten-like and a HelseID-like provider.
async fn apps() -> Vec<(TestApp, TestProvider)> {
    let mut out = Vec::new();
    for mut app in TestApp::each_backend().await {
        let provider = TestProvider::start(app.clock.clone()).await;
        let config = |name: &str, profile| OidcProvider {
            name: name.into(),
            label: format!("Logg inn med {name}"),
            profile,
            issuer: provider.issuer().into(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            scopes: vec!["profile".into()],
            client_auth: ClientAuth::ClientSecretBasic,
            private_key_file: None,
            key_id: None,
        };
        app.set_oidc_providers(vec![
            config("idporten", OidcProfile::Patient),
            config("helseid", OidcProfile::Clinician),
        ]);
        out.push((app, provider));
    }
    out
}

#[tokio::test]
async fn a_patient_signs_in_through_id_porten_at_level_high_and_reaches_their_program() {
    for (app, provider) in apps().await {
        app.get(None, "/logg-inn")
            .await
            .assert_ok_containing("Logg inn med idporten");
        provider.next_login(
            json!({"pid": nin_of(&app, "pasient2").await, "acr": "idporten-loa-high"}),
            None,
        );
        let res = app.oidc_sign_in("idporten").await;
        res.assert_redirect("/pasient/moduler");
        let session = res.session(&app).await.expect("signed in");
        app.get(Some(&session), "/pasient/moduler")
            .await
            .assert_ok_containing("Om IBS");

        let asked = &provider.authorize_requests()[0];
        assert_eq!(
            asked["acr_values"],
            "idporten-loa-high",
            "{}",
            app.backend()
        );
        assert_eq!(asked["code_challenge_method"], "S256");
        assert!(asked["state"].len() >= 16 && asked["nonce"].len() >= 16);
        assert!(asked["scope"].split(' ').any(|s| s == "openid"));
    }
}

#[tokio::test]
async fn the_older_name_level4_is_accepted_as_level_high() {
    for (app, provider) in apps().await {
        provider.next_login(
            json!({"pid": nin_of(&app, "pasient3").await, "acr": "Level4"}),
            None,
        );
        app.oidc_sign_in("idporten")
            .await
            .assert_redirect("/pasient/moduler");
    }
}

#[tokio::test]
async fn level_substantial_is_refused_with_an_explanation() {
    for (app, provider) in apps().await {
        for acr in ["idporten-loa-substantial", "Level3"] {
            provider.next_login(
                json!({"pid": nin_of(&app, "pasient2").await, "acr": acr}),
                None,
            );
            let res = app.oidc_sign_in("idporten").await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{acr}");
            assert!(res.body.contains("høyt sikkerhetsnivå"), "{}", res.body);
            assert!(res.body.contains("BankID"));
            assert!(res.session(&app).await.is_none(), "no session at {acr}");
        }
    }
}

#[tokio::test]
async fn tokens_with_a_bad_signature_expired_from_the_future_for_another_client_or_nonce_are_refused()
 {
    for (app, provider) in apps().await {
        let nin = nin_of(&app, "pasient2").await;
        for fault in [
            Fault::ImpostorKey,
            Fault::Expired,
            Fault::WrongAudience,
            Fault::WrongNonce,
            Fault::IssuedInTheFuture,
        ] {
            provider.next_login(json!({"pid": nin, "acr": "idporten-loa-high"}), Some(fault));
            let res = app.oidc_sign_in("idporten").await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{fault:?}");
            assert!(res.body.contains("kunne ikke fullføres"), "{fault:?}");
            assert!(res.session(&app).await.is_none(), "{fault:?}");
            assert!(!res.body.contains(&nin), "no number in the refusal");
        }
    }
}

#[tokio::test]
async fn a_replayed_answer_and_an_answer_to_another_browser_are_refused() {
    for (app, provider) in apps().await {
        provider.next_login(
            json!({"pid": nin_of(&app, "pasient2").await, "acr": "idporten-loa-high"}),
            None,
        );
        let start = app.get(None, "/logg-inn/oidc/idporten").await;
        let cookie = start.cookie("carepath_oidc").unwrap();
        let back = app.visit_provider(start.location()).await;

        // Login CSRF: the answer arrives in a browser that did not start the sign-in.
        let elsewhere = app.get_with_cookie(None, &back).await;
        assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST);
        assert!(elsewhere.session(&app).await.is_none());

        app.get_with_cookie(Some(&cookie), &back)
            .await
            .assert_redirect("/pasient/moduler");
        let replay = app.get_with_cookie(Some(&cookie), &back).await;
        assert_eq!(replay.status, StatusCode::BAD_REQUEST, "{}", app.backend());
        assert!(replay.session(&app).await.is_none());
    }
}

#[tokio::test]
async fn a_referred_patient_gets_an_account_at_first_sign_in_and_keeps_it() {
    for (app, provider) in apps().await {
        let store = &app.db.store;
        let now = carepath_domain::clock::Clock::now(app.clock.as_ref());
        let nin = NationalIdNumber::complete("020290123").unwrap();
        let patient = Patient {
            updated_at: None,
            id: Id::new(),
            nin: nin.clone(),
            name: "Ny Henvistesen".into(),
            birth_date: "1990-02-02".parse().unwrap(),
            user_id: None,
            gp_name: None,
            gp_her_id: None,
            managing_unit: None,
            version: 1,
            email: None,
            mobile: None,
            name_parts: Default::default(),
            gender: None,
        };
        store.create_patient(&patient, now, &[]).await.unwrap();
        let (unit, version) = app.demo_unit_and_program().await;
        store
            .create_enrollment(
                &carepath_domain::enrollment::Enrollment::new(patient.id, unit, version.id, now),
                None,
                None,
                &[],
            )
            .await
            .unwrap();

        let mut accounts = Vec::new();
        for _ in 0..2 {
            provider.next_login(
                json!({"pid": nin.expose(), "acr": "idporten-loa-high"}),
                None,
            );
            let res = app.oidc_sign_in("idporten").await;
            let session = res.session(&app).await.expect("signed in");
            app.get(Some(&session), "/pasient/vilkar")
                .await
                .assert_ok_containing("vilkår");
            accounts.push(store.patient(patient.id).await.unwrap().user_id.unwrap());
        }
        assert_eq!(accounts[0], accounts[1], "one account, found again");
    }
}

#[tokio::test]
async fn a_person_without_a_referral_is_told_how_to_get_one() {
    for (app, provider) in apps().await {
        provider.next_login(
            json!({"pid": NationalIdNumber::complete("150370123").unwrap().expose(), "acr": "idporten-loa-high"}),
            None,
        );
        let res = app.oidc_sign_in("idporten").await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert!(res.body.contains("ingen henvisning"), "{}", res.body);
    }
}

#[tokio::test]
async fn health_personnel_sign_in_through_helseid_by_hpr_number_at_level_4_only() {
    for (app, provider) in apps().await {
        provider.next_login(
            json!({"helseid://claims/hpr/hpr_number": "9100001", "helseid://claims/identity/security_level": "4"}),
            None,
        );
        let res = app.oidc_sign_in("helseid").await;
        let session = res.session(&app).await.expect("signed in");
        app.get(Some(&session), "/klinikk")
            .await
            .assert_ok_containing("Kari Klinisk");

        provider.next_login(
            json!({"helseid://claims/hpr/hpr_number": 9100001, "helseid://claims/identity/security_level": "3"}),
            None,
        );
        let low = app.oidc_sign_in("helseid").await;
        assert_eq!(low.status, StatusCode::FORBIDDEN);
        assert!(low.body.contains("sikkerhetsnivå 4"));

        provider.next_login(
            json!({"helseid://claims/hpr/hpr_number": "1234567", "helseid://claims/identity/security_level": "4"}),
            None,
        );
        let unknown = app.oidc_sign_in("helseid").await;
        assert_eq!(unknown.status, StatusCode::FORBIDDEN);
        assert!(unknown.body.contains("HPR-nummeret"));
    }
}

/// A HelseID sign-in started from the participant page.
async fn participant_sign_in(app: &TestApp) -> carepath_test_support::app::TestResponse {
    let start = app.get(None, "/logg-inn/oidc/helseid?som=deltaker").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let cookie = start.cookie("carepath_oidc").expect("the login cookie");
    let back = app.visit_provider(start.location()).await;
    app.get_with_cookie(Some(&cookie), &back).await
}

#[tokio::test]
async fn health_personnel_without_an_account_become_participants_through_helseid() {
    for (app, provider) in apps().await {
        let page = app.get(None, "/logg-inn/ny-deltaker").await;
        assert!(
            page.body
                .contains("href=\"/logg-inn/oidc/helseid?som=deltaker\""),
            "{}",
            page.body
        );
        let level4 = |hpr: &str| json!({"helseid://claims/hpr/hpr_number": hpr, "helseid://claims/identity/security_level": "4", "name": "Hanne Helsearbeider"});
        // From the participant page, an unknown HPR number gets a participant account.
        provider.next_login(level4("7654321"), None);
        let first = participant_sign_in(&app).await;
        first.assert_redirect("/mine-kurs");
        let hanne = first.session(&app).await.expect("signed in");
        let registered = app
            .post(
                Some(&hanne),
                "/kurs/digital-hjemmeoppfolging/pamelding",
                &[
                    ("yrke", "doctor"),
                    ("arbeidssted", "Havn legesenter"),
                    ("region", "helse-vest"),
                ],
            )
            .await;
        assert_eq!(
            registered.status,
            StatusCode::SEE_OTHER,
            "{}",
            registered.body
        );
        let mine = app.get(Some(&hanne), "/mine-kurs").await;
        mine.assert_ok_containing("Hanne Helsearbeider");
        assert_eq!(
            app.get(Some(&hanne), "/klinikk").await.status,
            StatusCode::FORBIDDEN
        );
        // Later, from the plain sign-in page: the same account.
        provider.next_login(level4("7654321"), None);
        let again = app.oidc_sign_in("helseid").await;
        again.assert_redirect("/mine-kurs");
        let store = &app.db.store;
        let user = store
            .account_id("helseid-hpr-7654321")
            .await
            .unwrap()
            .expect("one account for the number");
        assert_eq!(store.roles(user).await.unwrap().len(), 1);
        // A staff member's number signs in to their staff account from either page.
        provider.next_login(level4("9100001"), None);
        participant_sign_in(&app).await.assert_redirect("/klinikk");
        // Outside the participant page, an unknown number is still refused; and the
        // security level is required from both.
        provider.next_login(level4("1111111"), None);
        let unknown = app.oidc_sign_in("helseid").await;
        assert_eq!(unknown.status, StatusCode::FORBIDDEN);
        assert!(
            store
                .account_id("helseid-hpr-1111111")
                .await
                .unwrap()
                .is_none()
        );
        provider.next_login(
            json!({"helseid://claims/hpr/hpr_number": "2222222", "helseid://claims/identity/security_level": "3"}),
            None,
        );
        assert_eq!(
            participant_sign_in(&app).await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn an_unknown_provider_is_not_found() {
    for (app, _provider) in apps().await {
        let res = app.get(None, "/logg-inn/oidc/finnesikke").await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn helseid_clients_authenticate_with_a_signed_assertion_and_a_wrong_key_is_refused() {
    for (mut app, provider) in apps().await {
        let helseid = |key: std::path::PathBuf| OidcProvider {
            name: "helseid".into(),
            label: "HelseID".into(),
            profile: OidcProfile::Clinician,
            issuer: provider.issuer().into(),
            client_id: CLIENT_ID.into(),
            client_secret: String::new(),
            scopes: vec![],
            client_auth: ClientAuth::PrivateKeyJwt,
            private_key_file: Some(key),
            key_id: Some("carepath-test".into()),
        };
        let level4 = json!({"https://nhn.no/claims/hpr/hpr_number": "9100003", "https://nhn.no/claims/identity/security_level": "4"});
        app.set_oidc_providers(vec![
            helseid(carepath_test_support::oidc::client_key_file()),
        ]);
        provider.next_login(level4.clone(), None);
        let res = app.oidc_sign_in("helseid").await;
        let session = res
            .session(&app)
            .await
            .expect("signed in with an assertion");
        app.get(Some(&session), "/klinikk")
            .await
            .assert_ok_containing("Kim Klinisk");

        app.set_oidc_providers(vec![helseid(
            carepath_test_support::oidc::impostor_key_file(),
        )]);
        provider.next_login(level4, None);
        let refused = app.oidc_sign_in("helseid").await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", app.backend());
        assert!(refused.session(&app).await.is_none());
    }
}
