//! Local staff accounts, for staff where no OpenID provider exists: username and an
//! argon2id password, then a TOTP code (set up at the first sign-in), lockout after
//! repeated failures, and passwords set only through a one-time link from
//! `carepath admin reset-password`. Patients always sign in through ID-porten.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use carepath_domain::user::UserAccount;
use totp_rs::{Secret, Totp};

use crate::auth::{self, login_csrf};
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

/// Failures in a row before the account locks.
pub const MAX_ATTEMPTS: i64 = 5;
/// How long a locked account stays locked.
pub const LOCK_MINUTES: i64 = 15;
/// How long the second step may take.
const CHALLENGE_MINUTES: i64 = 10;
/// The shortest password accepted (NSM and NIST advise length over complexity).
pub const MIN_PASSWORD_CHARS: usize = 12;
const MAX_PASSWORD_CHARS: usize = 200;
/// The cookie that carries the step between password and code.
const CHALLENGE_COOKIE: &str = "carepath_challenge";
const ISSUER: &str = "carepath";

/// Said for every failed password (a key), so that it does not tell whether a username
/// exists or an account is locked.
const FAILED: &str = "sign-in-wrong-password";

fn totp(secret: &[u8], account: &str) -> Result<Totp, Error> {
    totp_rs::Builder::new()
        .with_secret(secret.to_vec())
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|_| Error::BadRequest(crate::i18n::tr("otp-setup-failed")))
}

/// A hash to verify against when the username is unknown, so that an unknown and a known
/// username take the same time.
fn decoy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        Argon2::default()
            .hash_password(&rand::random::<[u8; 16]>())
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).ok().is_some_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Counts a failed password or code; returns whether the account is locked now.
async fn count_failure(
    state: &AppState,
    user: &UserAccount,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, Error> {
    Ok(state
        .store
        .record_failed_sign_in(
            user.id,
            now,
            MAX_ATTEMPTS,
            chrono::Duration::minutes(LOCK_MINUTES),
        )
        .await?)
}

/// `POST /logg-inn/passord`.
pub(crate) async fn password(
    State(state): State<AppState>,
    jar: CookieJar,
    form: FormData,
) -> Result<Response, Error> {
    let username = form
        .get("brukernavn")
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    let password = form.get("passord").unwrap_or_default().to_owned();
    let now = state.clock.now();
    let user = state.store.user_by_username(&username).await?;
    let staff = match &user {
        Some(u) => is_staff(&state.store.roles(u.id).await?),
        None => false,
    };
    let credentials = match (&user, staff) {
        (Some(u), true) => state.store.credentials(u.id).await?,
        _ => None,
    };
    let (Some(user), Some(credentials)) = (user, credentials) else {
        verify_password(&password, decoy_hash());
        return Ok(auth::sign_in_refused(
            &state,
            StatusCode::UNAUTHORIZED,
            FAILED,
        ));
    };
    let locked = credentials.locked_until.is_some_and(|until| until > now);
    let good = credentials
        .password_hash
        .as_deref()
        .is_some_and(|phc| verify_password(&password, phc));
    if locked || !good {
        if !locked {
            count_failure(&state, &user, now).await?;
        }
        return Ok(auth::sign_in_refused(
            &state,
            StatusCode::UNAUTHORIZED,
            FAILED,
        ));
    }
    // A new second factor waits in the challenge until its first code confirms it.
    let pending = match credentials.totp_secret {
        Some(_) => None,
        None => Some(Secret::from(rand::random::<[u8; 20]>().to_vec()).to_base32()),
    };
    let token = state
        .store
        .create_challenge(
            user.id,
            pending.as_deref(),
            now,
            chrono::Duration::minutes(CHALLENGE_MINUTES),
        )
        .await?;
    let cookie = Cookie::build((CHALLENGE_COOKIE, token))
        .path("/logg-inn")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.secure_cookies)
        .build();
    Ok((
        jar.add(cookie),
        Redirect::to(&crate::i18n::keep_in("/logg-inn/kode")),
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "sign_in_code.html")]
pub(crate) struct CodePage {
    layout: Layout,
    login_csrf: String,
    /// Set when the second factor is being set up: (key in groups, otpauth address).
    setup: Option<(String, String)>,
    error: Option<&'static str>,
}

async fn challenge_of(
    state: &AppState,
    jar: &CookieJar,
) -> Result<Option<(String, carepath_store::credentials::Challenge, UserAccount)>, Error> {
    let Some(token) = jar.get(CHALLENGE_COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(None);
    };
    let Some(challenge) = state.store.challenge(&token, state.clock.now()).await? else {
        return Ok(None);
    };
    let user = state.store.user(challenge.user).await?;
    Ok(Some((token, challenge, user)))
}

fn code_page(
    state: &AppState,
    jar: CookieJar,
    pending: Option<&str>,
    user: &UserAccount,
    status: StatusCode,
    error: Option<&'static str>,
) -> Result<Response, Error> {
    let (jar, csrf) = login_csrf(jar, state.config.secure_cookies);
    let setup = match pending {
        None => None,
        Some(secret) => {
            let bytes = Secret::try_from_base32(secret)
                .map(|s| s.as_bytes().to_vec())
                .map_err(|_| Error::BadRequest(crate::i18n::tr("otp-setup-failed")))?;
            let url = totp(&bytes, &user.username)?
                .to_url()
                .map_err(|_| Error::BadRequest(crate::i18n::tr("otp-setup-failed")))?;
            let grouped = secret
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            Some((grouped, url))
        }
    };
    let page = CodePage {
        layout: Layout {
            demo: state.config.demo_sign_in,
            ..Layout::anonymous()
        },
        login_csrf: csrf,
        setup,
        error,
    };
    Ok((status, jar, page).into_response())
}

/// `GET /logg-inn/kode`: the code, or setting up the authenticator app first.
pub(crate) async fn code_form(
    State(state): State<AppState>,
    jar: CookieJar,
) -> Result<Response, Error> {
    match challenge_of(&state, &jar).await? {
        None => Ok(Redirect::to(&crate::i18n::keep_in("/logg-inn")).into_response()),
        Some((_, challenge, user)) => code_page(
            &state,
            jar,
            challenge.pending_secret.as_deref(),
            &user,
            StatusCode::OK,
            None,
        ),
    }
}

/// `POST /logg-inn/kode`.
pub(crate) async fn code(
    State(state): State<AppState>,
    jar: CookieJar,
    form: FormData,
) -> Result<Response, Error> {
    let Some((token, challenge, user)) = challenge_of(&state, &jar).await? else {
        return Ok(auth::sign_in_refused(
            &state,
            StatusCode::BAD_REQUEST,
            "sign-in-too-slow",
        ));
    };
    let now = state.clock.now();
    let credentials = state.store.credentials(user.id).await?.unwrap_or_default();
    if credentials.locked_until.is_some_and(|until| until > now) {
        state.store.delete_challenge(&token).await?;
        return Ok(auth::sign_in_refused(
            &state,
            StatusCode::UNAUTHORIZED,
            FAILED,
        ));
    }
    let secret = challenge
        .pending_secret
        .clone()
        .or(credentials.totp_secret)
        .unwrap_or_default();
    let bytes = Secret::try_from_base32(&secret)
        .map(|s| s.as_bytes().to_vec())
        .map_err(|_| Error::BadRequest(crate::i18n::tr("otp-check-failed")))?;
    let code: String = form
        .get("kode")
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let unix = u64::try_from(now.timestamp()).unwrap_or_default();
    let step = totp(&bytes, &user.username)?.check(&code, unix);
    let accepted = match step {
        Some(step) => {
            state
                .store
                .use_totp_step(user.id, i64::try_from(step).unwrap_or(i64::MAX))
                .await?
        }
        // Once the app is set up, a recovery code from an administrator (10 digits) works
        // once in place of the app's code.
        None if challenge.pending_secret.is_none() => {
            state.store.use_recovery_code(user.id, &code, now).await?
        }
        None => false,
    };
    if !accepted {
        let locked = count_failure(&state, &user, now).await?;
        if locked {
            state.store.delete_challenge(&token).await?;
            return Ok(auth::sign_in_refused(
                &state,
                StatusCode::UNAUTHORIZED,
                FAILED,
            ));
        }
        return code_page(
            &state,
            jar,
            challenge.pending_secret.as_deref(),
            &user,
            StatusCode::UNAUTHORIZED,
            Some("otp-wrong"),
        );
    }
    if let Some(new_secret) = &challenge.pending_secret {
        state.store.set_totp_secret(user.id, new_secret).await?;
    }
    state.store.delete_challenge(&token).await?;
    state.store.record_successful_sign_in(user.id).await?;
    let jar = jar.remove(Cookie::build(CHALLENGE_COOKIE).path("/logg-inn"));
    auth::signed_in(&state, jar, &user).await
}

#[derive(Template, WebTemplate)]
#[template(path = "new_password.html")]
pub(crate) struct NewPasswordPage {
    layout: Layout,
    login_csrf: String,
    token: String,
    username: String,
    errors: Vec<(&'static str, String)>,
    min_chars: usize,
}

impl NewPasswordPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn reset_user(state: &AppState, token: &str) -> Result<Option<UserAccount>, Error> {
    match state
        .store
        .password_reset_user(token, state.clock.now())
        .await?
    {
        Some(id) => Ok(Some(state.store.user(id).await?)),
        None => Ok(None),
    }
}

const LINK_GONE: &str = "password-link-used";

fn new_password_page(
    state: &AppState,
    jar: CookieJar,
    token: String,
    user: &UserAccount,
    errors: Vec<(&'static str, String)>,
) -> Response {
    let (jar, csrf) = login_csrf(jar, state.config.secure_cookies);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = NewPasswordPage {
        layout: Layout {
            demo: state.config.demo_sign_in,
            ..Layout::anonymous()
        },
        login_csrf: csrf,
        token,
        username: user.username.clone(),
        errors,
        min_chars: MIN_PASSWORD_CHARS,
    };
    (status, jar, page).into_response()
}

/// `GET /logg-inn/nytt-passord/{token}`.
pub(crate) async fn new_password_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
    jar: CookieJar,
) -> Result<Response, Error> {
    match reset_user(&state, &token).await? {
        None => Ok(auth::sign_in_refused(
            &state,
            StatusCode::NOT_FOUND,
            LINK_GONE,
        )),
        Some(user) => Ok(new_password_page(&state, jar, token, &user, Vec::new())),
    }
}

/// The password rules: long enough, not the username, typed the same twice.
pub fn password_problems(
    username: &str,
    password: &str,
    repeated: &str,
) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        errors.push((
            "passord",
            crate::i18n::tr_args("password-too-short", &[("min", MIN_PASSWORD_CHARS.into())]),
        ));
    } else if chars > MAX_PASSWORD_CHARS {
        errors.push((
            "passord",
            crate::i18n::tr_args("password-too-long", &[("max", MAX_PASSWORD_CHARS.into())]),
        ));
    } else if password.to_lowercase().contains(&username.to_lowercase()) {
        errors.push(("passord", crate::i18n::tr("password-has-username")));
    }
    if errors.is_empty() && password != repeated {
        errors.push(("gjenta", crate::i18n::tr("password-not-same")));
    }
    errors
}

/// `POST /logg-inn/nytt-passord/{token}`.
pub(crate) async fn new_password(
    State(state): State<AppState>,
    Path(token): Path<String>,
    jar: CookieJar,
    form: FormData,
) -> Result<Response, Error> {
    let Some(user) = reset_user(&state, &token).await? else {
        return Ok(auth::sign_in_refused(
            &state,
            StatusCode::NOT_FOUND,
            LINK_GONE,
        ));
    };
    let password = form.get("passord").unwrap_or_default();
    let repeated = form.get("gjenta").unwrap_or_default();
    let errors = password_problems(&user.username, password, repeated);
    if !errors.is_empty() {
        return Ok(new_password_page(&state, jar, token, &user, errors));
    }
    let hash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|_| Error::BadRequest(crate::i18n::tr("password-not-saved")))?
        .to_string();
    let set = state
        .store
        .set_password_with_reset(&token, user.id, &hash, state.clock.now())
        .await?;
    if !set {
        return Ok(auth::sign_in_refused(
            &state,
            StatusCode::NOT_FOUND,
            LINK_GONE,
        ));
    }
    Ok(Redirect::to(&crate::i18n::keep_in("/logg-inn?passord=satt")).into_response())
}

/// Whether an account with `roles` may have a local password: staff only.
pub fn is_staff(roles: &[carepath_domain::user::RoleGrant]) -> bool {
    roles
        .iter()
        .any(|g| g.role != carepath_domain::user::Role::Patient)
}
