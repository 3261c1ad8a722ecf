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

/// Signs in `username` with `password` and a code from the app set up on the way (their
/// first sign-in); the session.
async fn first_sign_in(
    app: &TestApp,
    username: &str,
    password: &str,
) -> carepath_test_support::app::Session {
    let (res, cookies) = password_step(app, username, password).await;
    res.assert_redirect("/logg-inn/kode");
    let setup = app.get_with_cookie(Some(&cookies), "/logg-inn/kode").await;
    let key = shown_key(&setup);
    let done = send_code(app, &cookies, &code_now(app, &key)).await;
    done.assert_redirect("/klinikk");
    done.session(app).await.expect("signed in")
}

#[tokio::test]
async fn an_administrator_adds_a_clinician_who_signs_in_and_sees_only_their_unit() {
    for app in TestApp::each_backend().await {
        let admin = app.sign_in("admin").await;
        let list = app.get(Some(&admin), "/admin/ansatte").await;
        list.assert_ok_containing("Kari Klinisk");
        let unit2 = app
            .db
            .store
            .dump_for_tests(
                "SELECT r.unit_id FROM user_roles r JOIN users u ON u.id = r.user_id
                 WHERE u.username = 'kliniker2' AND r.role = 'clinician'",
            )
            .await
            .unwrap();
        // A username that cannot be one: said at the field, what was typed kept, nothing made.
        let bad = app
            .post(
                Some(&admin),
                "/admin/ansatte",
                &[
                    ("navn", "Nina Ny"),
                    ("brukernavn", "Nina Ny"),
                    ("hpr", ""),
                    ("rolle", "clinician"),
                    ("enhet", &unit2),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("href=\"#brukernavn\"") && bad.body.contains("3 til 40 tegn"));
        assert!(bad.body.contains("value=\"Nina Ny\""));
        // A clinician without a unit is refused too.
        let no_unit = app
            .post(
                Some(&admin),
                "/admin/ansatte",
                &[
                    ("navn", "Nina Ny"),
                    ("brukernavn", "nina.ny"),
                    ("rolle", "clinician"),
                    ("enhet", ""),
                ],
            )
            .await;
        assert_eq!(no_unit.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_unit.body.contains("Velg enheten"));

        let added = app
            .post(
                Some(&admin),
                "/admin/ansatte",
                &[
                    ("navn", "Nina Ny"),
                    ("brukernavn", "nina.ny"),
                    ("hpr", "1234 5678"),
                    ("rolle", "clinician"),
                    ("enhet", &unit2),
                ],
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        assert!(added.body.contains("12345678") && added.body.contains("Behandler i"));
        let link = added
            .body
            .split("/logg-inn/nytt-passord/")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .map(|token| format!("/logg-inn/nytt-passord/{token}"))
            .expect("the one-time link, shown once");
        // The same username again is taken.
        let again = app
            .post(
                Some(&admin),
                "/admin/ansatte",
                &[
                    ("navn", "Nina To"),
                    ("brukernavn", "nina.ny"),
                    ("rolle", "researcher"),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.body.contains("allerede i bruk"));

        // Nina sets her password and a second factor, and sees unit 2's patients only.
        app.post(None, &link, &[("passord", PASSWORD), ("gjenta", PASSWORD)])
            .await
            .assert_redirect("/logg-inn?passord=satt");
        let nina = first_sign_in(&app, "nina.ny", PASSWORD).await;
        let patients = app.get(Some(&nina), "/klinikk").await;
        patients.assert_ok_containing("Arne Demo Nilsen");
        assert!(
            !patients.body.contains("Ola Demo Haugen"),
            "unit 1's patient"
        );

        // Disabled: her session ends and she cannot sign in; the change is in the log.
        let id = app
            .db
            .store
            .dump_for_tests("SELECT id FROM users WHERE username = 'nina.ny'")
            .await
            .unwrap();
        let page = format!("/admin/ansatte/{id}");
        app.get(Some(&admin), &page)
            .await
            .assert_ok_containing("engangskoder satt opp");
        app.post(Some(&admin), &page, &[("handling", "deaktiver")])
            .await
            .assert_redirect(&format!("{page}?endret=deaktiver"));
        assert_ne!(
            app.get(Some(&nina), "/klinikk").await.status,
            StatusCode::OK,
            "a disabled account's session ends"
        );
        let (res, _) = password_step(&app, "nina.ny", PASSWORD).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        let logged = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events
                 WHERE resource_type = 'Practitioner' AND resource_id = '{id}'"
            ))
            .await
            .unwrap();
        assert_eq!(logged, "2", "added and disabled, each in the access log");
        // An administrator cannot disable themselves.
        let me = app
            .db
            .store
            .dump_for_tests("SELECT id FROM users WHERE username = 'admin'")
            .await
            .unwrap();
        let own = app
            .post(
                Some(&admin),
                &format!("/admin/ansatte/{me}"),
                &[("handling", "deaktiver")],
            )
            .await;
        assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(own.body.contains("din egen konto"));
        // Enabled again, she signs in with her password and a code; losing her phone, the
        // administrator resets the codes and she sets them up anew.
        app.post(Some(&admin), &page, &[("handling", "aktiver")])
            .await
            .assert_redirect(&format!("{page}?endret=aktiver"));
        app.post(Some(&admin), &page, &[("handling", "nullstill-kode")])
            .await
            .assert_redirect(&format!("{page}?endret=nullstill-kode"));
        app.clock.advance(chrono::Duration::seconds(30));
        let again = first_sign_in(&app, "nina.ny", PASSWORD).await;
        app.get(Some(&again), "/klinikk")
            .await
            .assert_ok_containing("Arne Demo Nilsen");
        // Recovery codes: shown once, each works once in place of the app's code.
        let codes = app
            .post(Some(&admin), &page, &[("handling", "reservekoder")])
            .await;
        codes.assert_ok_containing("Reservekoder");
        assert!(codes.body.contains("10 ubrukte reservekoder"));
        let code = codes
            .body
            .split("<li><code>")
            .nth(1)
            .and_then(|rest| rest.split("</code>").next())
            .expect("a recovery code")
            .to_owned();
        assert_eq!(code.len(), 11, "{code}");
        let (res, cookies) = password_step(&app, "nina.ny", PASSWORD).await;
        res.assert_redirect("/logg-inn/kode");
        send_code(&app, &cookies, &code)
            .await
            .assert_redirect("/klinikk");
        let (_, cookies) = password_step(&app, "nina.ny", PASSWORD).await;
        assert_eq!(
            send_code(&app, &cookies, &code).await.status,
            StatusCode::UNAUTHORIZED,
            "a recovery code works once"
        );
        app.get(Some(&admin), &page)
            .await
            .assert_ok_containing("9 ubrukte reservekoder");

        // The HPR number changed, and refused when it cannot be one.
        app.post(
            Some(&admin),
            &page,
            &[("handling", "hpr"), ("hpr", "98765432")],
        )
        .await
        .assert_redirect(&format!("{page}?endret=hpr"));
        app.get(Some(&admin), &page)
            .await
            .assert_ok_containing("value=\"98765432\"");
        let short = app
            .post(Some(&admin), &page, &[("handling", "hpr"), ("hpr", "12")])
            .await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("6 til 9 sifre"));

        // A role given and taken; taking it twice changes nothing.
        let role = |action| [("handling", action), ("rolle", "researcher"), ("enhet", "")];
        app.post(Some(&admin), &page, &role("legg-til-rolle"))
            .await
            .assert_redirect(&format!("{page}?endret=rolle"));
        app.get(Some(&admin), &page)
            .await
            .assert_ok_containing("Fjern rollen Forsker");
        app.post(Some(&admin), &page, &role("fjern-rolle"))
            .await
            .assert_redirect(&format!("{page}?endret=rolle"));
        app.post(Some(&admin), &page, &role("fjern-rolle"))
            .await
            .assert_redirect(&format!("{page}?endret=uendret"));
        // Not an administrator: not found or refused, never shown.
        let k1 = app.sign_in("kliniker1").await;
        assert_ne!(app.get(Some(&k1), &page).await.status, StatusCode::OK);
    }
}

/// How many messages the outbox holds for `recipient`.
async fn messages_to(app: &TestApp, recipient: &str) -> String {
    app.db
        .store
        .dump_for_tests(&format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM outbox WHERE recipient = '{recipient}'"
        ))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_participant_asks_for_an_account_by_e_mail_and_signs_in_with_a_second_factor() {
    use carepath_domain::message::{Channel, Content};
    for app in TestApp::each_backend().await {
        let now = carepath_domain::clock::Clock::now(app.clock.as_ref());
        let course = app.get(None, "/kurs/digital-hjemmeoppfolging").await;
        assert!(course.body.contains("href=\"/logg-inn/ny-deltaker\""));
        app.get(None, "/logg-inn/ny-deltaker")
            .await
            .assert_ok_containing("Lag en deltakerkonto");
        // Every problem at once, what was typed kept, nothing made.
        let bad = app
            .post(
                None,
                "/logg-inn/ny-deltaker",
                &[("navn", " "), ("epost", "kari.example.no")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert!(bad.body.contains("Skriv navnet ditt"), "{}", bad.body);
        assert!(bad.body.contains("Skriv en gyldig e-postadresse"));
        assert!(bad.body.contains("value=\"kari.example.no\""));
        assert_eq!(messages_to(&app, "kari.example.no").await, "0");

        let sent = app
            .post(
                None,
                "/logg-inn/ny-deltaker",
                &[("navn", "Kari Kurs"), ("epost", " Kari.Kurs@Example.no ")],
            )
            .await;
        sent.assert_ok_containing("Sjekk e-posten din");
        let email = "kari.kurs@example.no";
        let store = &app.db.store;
        let user = store.account_id(email).await.unwrap().expect("the account");
        let roles = store.roles(user).await.unwrap();
        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0].role, carepath_domain::user::Role::Participant);

        // The e-mail waits in the outbox without a usable link; delivery gives it one.
        let claimed = loop {
            let next = store
                .claim_message(now, chrono::Duration::minutes(5))
                .await
                .unwrap()
                .expect("the e-mail, after the demo's messages");
            if next.message.recipient == email {
                break next;
            }
        };
        let (content, lang) = claimed.content.clone().expect("what it is about");
        match &content {
            Content::AccountLink { link, .. } => assert!(link.ends_with("/logg-inn/nytt-passord/")),
            other => panic!("{other:?}"),
        }
        let as_sent = carepath_app::course::as_sent(store, &content, now)
            .await
            .unwrap();
        let (_, body) = carepath_i18n::message(&as_sent, Channel::Email, lang);
        let token = body
            .split("/logg-inn/nytt-passord/")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .expect("a link with its token");
        app.post(
            None,
            &format!("/logg-inn/nytt-passord/{token}"),
            &[("passord", PASSWORD), ("gjenta", PASSWORD)],
        )
        .await
        .assert_redirect("/logg-inn?passord=satt");

        // The first sign-in sets up the second factor and lands on "my courses".
        let (res, cookies) = password_step(&app, email, PASSWORD).await;
        res.assert_redirect("/logg-inn/kode");
        let setup = app.get_with_cookie(Some(&cookies), "/logg-inn/kode").await;
        let key = shown_key(&setup);
        let done = send_code(&app, &cookies, &code_now(&app, &key)).await;
        done.assert_redirect("/mine-kurs");
        let kari = done.session(&app).await.expect("signed in");
        let registered = app
            .post(
                Some(&kari),
                "/kurs/digital-hjemmeoppfolging/pamelding",
                &[
                    ("yrke", "nurse"),
                    ("arbeidssted", "Fjell legesenter"),
                    ("region", "46"),
                ],
            )
            .await;
        assert_eq!(
            registered.status,
            StatusCode::SEE_OTHER,
            "{}",
            registered.body
        );
        // No patient data for a participant.
        assert_eq!(
            app.get(Some(&kari), "/klinikk").await.status,
            StatusCode::FORBIDDEN
        );

        // Asked again: the same answer and a new link (a forgotten password). A staff
        // member's username gets the same answer and nothing.
        app.post(
            None,
            "/logg-inn/ny-deltaker",
            &[("navn", "Kari Kurs"), ("epost", email)],
        )
        .await
        .assert_ok_containing("Sjekk e-posten din");
        assert_eq!(messages_to(&app, email).await, "2");
        let staff = store
            .create_user("lege@example.no", "Lege Lund", now)
            .await
            .unwrap();
        store
            .grant_role(staff.id, carepath_domain::user::Role::Admin, None)
            .await
            .unwrap();
        app.post(
            None,
            "/logg-inn/ny-deltaker",
            &[("navn", "Noen Andre"), ("epost", "lege@example.no")],
        )
        .await
        .assert_ok_containing("Sjekk e-posten din");
        assert_eq!(messages_to(&app, "lege@example.no").await, "0");
        assert_eq!(store.roles(staff.id).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn the_first_administrator_of_an_empty_installation_signs_in_by_the_bootstrap_link() {
    for db in carepath_test_support::each_backend().await {
        let app = TestApp::empty(db, WebConfig::for_tests());
        let now = carepath_domain::clock::Clock::now(app.clock.as_ref());
        let (_, token) =
            carepath_app::staff::bootstrap(&app.db.store, "ada", "Ada Administrator", now)
                .await
                .unwrap();
        // Once only.
        assert!(matches!(
            carepath_app::staff::bootstrap(&app.db.store, "eve", "Eve", now).await,
            Err(carepath_app::staff::StaffError::AdministratorExists)
        ));
        let link = format!("/logg-inn/nytt-passord/{token}");
        app.get(None, &link).await.assert_ok_containing("ada");
        app.post(None, &link, &[("passord", PASSWORD), ("gjenta", PASSWORD)])
            .await
            .assert_redirect("/logg-inn?passord=satt");
        let (res, cookies) = password_step(&app, "ada", PASSWORD).await;
        res.assert_redirect("/logg-inn/kode");
        let setup = app.get_with_cookie(Some(&cookies), "/logg-inn/kode").await;
        let key = shown_key(&setup);
        let done = send_code(&app, &cookies, &code_now(&app, &key)).await;
        done.assert_redirect("/admin");
        let admin = done.session(&app).await.expect("signed in");
        // The start page of an installation with no unit yet, and the staff page.
        let start = app.get(Some(&admin), "/admin").await;
        assert_eq!(start.status, StatusCode::OK, "{}", start.body);
        app.get(Some(&admin), "/admin/ansatte")
            .await
            .assert_ok_containing("Ada Administrator");
        // The access log words why the account exists, not as a code.
        let log = app.get(Some(&admin), "/admin/tilgangslogg").await;
        log.assert_ok_containing("Første administrator, opprettet med carepath admin bootstrap");
        assert!(!log.body.contains("admin-bootstrap"), "{}", log.body);
    }
}
