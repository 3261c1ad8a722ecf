//! Local staff accounts: a password set through a one-time link, a TOTP second factor set
//! up at the first sign-in, replayed codes refused, lockout, and the per-address limit.

use axum::http::StatusCode;
use carepath_test_support::app::{TestApp, TestResponse};
use carepath_web::WebConfig;

const PASSWORD: &str = "tre blå tog til Tromsø";

async fn reset_link(app: &TestApp, username: &str) -> String {
    let user = app
        .db
        .store
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap();
    let now = carepath_domain::clock::Clock::now(app.clock.as_ref());
    let token = app
        .db
        .store
        .create_password_reset(user.id, now, chrono::Duration::hours(24))
        .await
        .unwrap();
    format!("/logg-inn/nytt-passord/{token}")
}

fn code_now(app: &TestApp, key: &str) -> String {
    let secret = totp_rs::Secret::try_from_base32(key.replace(' ', "")).unwrap();
    let totp = totp_rs::Builder::new()
        .with_secret(secret.as_bytes().to_vec())
        .with_account_name("kliniker1")
        .with_issuer(Some("carepath"))
        .build()
        .unwrap();
    let now = carepath_domain::clock::Clock::now(app.clock.as_ref());
    totp.generate(u64::try_from(now.timestamp()).unwrap())
        .to_string()
}

/// The key shown while the second factor is set up.
fn shown_key(page: &TestResponse) -> String {
    page.body
        .split("<p class=\"secret\"><code>")
        .nth(1)
        .and_then(|rest| rest.split("</code>").next())
        .expect("the key on the setup page")
        .to_owned()
}

async fn password_step(app: &TestApp, username: &str, password: &str) -> (TestResponse, String) {
    let browser = app.sign_in_form_token().await;
    let res = app
        .post_raw(
            Some(&browser),
            "/logg-inn/passord",
            "application/x-www-form-urlencoded",
            serde_urlencoded::to_string([
                ("brukernavn", username),
                ("passord", password),
                ("_csrf", browser.csrf.as_str()),
            ])
            .unwrap(),
        )
        .await;
    let cookies = match res.cookie("carepath_challenge") {
        Some(c) => format!("{}; {c}", browser_cookie(&browser)),
        None => browser_cookie(&browser),
    };
    (res, cookies)
}

fn browser_cookie(s: &carepath_test_support::app::Session) -> String {
    format!("carepath_login_csrf={}", s.csrf)
}

async fn send_code(app: &TestApp, cookies: &str, code: &str) -> TestResponse {
    let csrf = cookies
        .split("; ")
        .find_map(|c| c.strip_prefix("carepath_login_csrf="))
        .unwrap()
        .to_owned();
    app.post_with_cookie(
        cookies,
        "/logg-inn/kode",
        &serde_urlencoded::to_string([("kode", code), ("_csrf", csrf.as_str())]).unwrap(),
    )
    .await
}

#[tokio::test]
async fn staff_set_a_password_by_link_then_sign_in_with_a_code_from_their_app() {
    for app in TestApp::each_backend().await {
        let link = reset_link(&app, "kliniker1").await;
        app.get(None, &link).await.assert_ok_containing("kliniker1");
        for (password, repeated, problem) in [
            ("kort", "kort", "minst 12 tegn"),
            ("kliniker1-er-best", "kliniker1-er-best", "brukernavnet"),
            (PASSWORD, "noe annet helt", "ikke like"),
        ] {
            let res = app
                .post(None, &link, &[("passord", password), ("gjenta", repeated)])
                .await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
            assert!(res.body.contains(problem), "{problem}: {}", res.body);
        }
        app.post(None, &link, &[("passord", PASSWORD), ("gjenta", PASSWORD)])
            .await
            .assert_redirect("/logg-inn?passord=satt");
        let again = app.get(None, &link).await;
        assert_eq!(again.status, StatusCode::NOT_FOUND, "a link works once");

        // First sign-in: the password, then setting up the app.
        let (res, cookies) = password_step(&app, "kliniker1", PASSWORD).await;
        res.assert_redirect("/logg-inn/kode");
        let setup = app.get_with_cookie(Some(&cookies), "/logg-inn/kode").await;
        setup.assert_ok_containing("Sett opp engangskoder");
        assert!(setup.body.contains("otpauth://totp/carepath:kliniker1"));
        let key = shown_key(&setup);
        let wrong = send_code(&app, &cookies, "000000").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{}", app.backend());
        let code = code_now(&app, &key);
        let done = send_code(&app, &cookies, &code).await;
        done.assert_redirect("/klinikk");
        let session = done.session(&app).await.expect("signed in");
        app.get(Some(&session), "/klinikk")
            .await
            .assert_ok_containing("Pasienter i");

        // The same code cannot be used twice; the next one works.
        let (res, cookies) = password_step(&app, "kliniker1", PASSWORD).await;
        res.assert_redirect("/logg-inn/kode");
        let page = app.get_with_cookie(Some(&cookies), "/logg-inn/kode").await;
        page.assert_ok_containing("Skriv inn engangskoden");
        assert_eq!(
            send_code(&app, &cookies, &code).await.status,
            StatusCode::UNAUTHORIZED,
            "a replayed code"
        );
        app.clock.advance(chrono::Duration::seconds(30));
        send_code(&app, &cookies, &code_now(&app, &key))
            .await
            .assert_redirect("/klinikk");
    }
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_for_fifteen_minutes_without_saying_so() {
    for app in TestApp::each_backend().await {
        let link = reset_link(&app, "koordinator1").await;
        app.post(None, &link, &[("passord", PASSWORD), ("gjenta", PASSWORD)])
            .await
            .assert_redirect("/logg-inn?passord=satt");
        for _ in 0..5 {
            let (res, _) = password_step(&app, "koordinator1", "feil passord her").await;
            assert_eq!(res.status, StatusCode::UNAUTHORIZED);
            assert!(res.body.contains("Feil brukernavn eller passord"));
        }
        let (locked, _) = password_step(&app, "koordinator1", PASSWORD).await;
        assert_eq!(
            locked.status,
            StatusCode::UNAUTHORIZED,
            "{}: the right password while locked",
            app.backend()
        );
        assert!(locked.cookie("carepath_challenge").is_none());
        app.clock.advance(chrono::Duration::minutes(15));
        let (open, _) = password_step(&app, "koordinator1", PASSWORD).await;
        open.assert_redirect("/logg-inn/kode");

        // An unknown user and a patient get the same answer as a wrong password.
        for who in ["ingen-slik", "pasient1"] {
            let (res, _) = password_step(&app, who, PASSWORD).await;
            assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{who}");
            assert!(res.body.contains("Feil brukernavn eller passord"));
        }
    }
}

#[tokio::test]
async fn sign_in_forms_need_the_browsers_sign_in_token() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    for path in ["/logg-inn/passord", "/logg-inn/demo", "/logg-inn/kode"] {
        let res = app
            .post_raw(
                None,
                path,
                "application/x-www-form-urlencoded",
                "brukernavn=pasient1&passord=x".into(),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
        assert!(res.session(&app).await.is_none());
    }
}

#[tokio::test]
async fn many_sign_in_attempts_from_one_address_must_slow_down() {
    let config = WebConfig {
        sign_in_burst: 3,
        ..WebConfig::for_tests()
    };
    let app = TestApp::with_config(carepath_test_support::sqlite().await, config).await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let (res, _) = password_step(&app, "kliniker1", "feil passord her").await;
        statuses.push(res.status);
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(res.headers["retry-after"], "3");
            assert!(res.body.contains("For mange forsøk"));
        }
    }
    assert_eq!(&statuses[..3], &[StatusCode::UNAUTHORIZED; 3]);
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
}

/// Someone signed in who opens the sign-in page is sent to their own start page, not
/// shown a form whose sending would be refused.
#[tokio::test]
async fn the_sign_in_page_sends_someone_signed_in_to_their_start_page() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("pasient2").await;
        app.get(Some(&s), "/logg-inn")
            .await
            .assert_redirect("/pasient/moduler");
        let page = app.get(None, "/logg-inn").await;
        assert_eq!(page.status, StatusCode::OK);
    }
}
