//! Who is signed in: server-side sessions behind an HttpOnly cookie, the demo sign-in
//! (username only, demo databases only), and the `CurrentUser` extractor every page uses.
//! Real sign-in through ID-porten and HelseID arrives with the identity issue and ends in
//! the same session mechanism.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, OptionalFromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use carepath_app::access::Actor;
use carepath_domain::user::{Role, RoleGrant, SignInKind, UserAccount};

use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "carepath_session";

/// The signed-in user with their roles.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub account: UserAccount,
    /// Who asks, as the access policy sees them: roles and the session or API token.
    pub actor: Actor,
    /// The session's CSRF token, put into every form.
    pub csrf: String,
}

/// The user's access questions go to the one access policy.
impl std::ops::Deref for CurrentUser {
    type Target = Actor;
    fn deref(&self) -> &Actor {
        &self.actor
    }
}

impl CurrentUser {
    /// The holder of a live API token.
    pub(crate) fn holding(holder: carepath_store::token::TokenHolder) -> Self {
        Self::new(
            holder.account,
            holder.roles,
            String::new(),
            holder.reference,
        )
    }

    fn new(account: UserAccount, roles: Vec<RoleGrant>, csrf: String, session: String) -> Self {
        Self {
            actor: Actor {
                account: account.id,
                roles,
                session,
            },
            account,
            csrf,
        }
    }
}

/// The form field that carries the session's CSRF token.
pub const CSRF_FIELD: &str = "_csrf";

/// Before sign-in there is no session to hold a CSRF token, so the sign-in forms use a
/// random value in this cookie, repeated in the form (login CSRF: another site cannot
/// sign a victim's browser into the attacker's account).
pub const LOGIN_CSRF_COOKIE: &str = "carepath_login_csrf";

/// The browser's sign-in CSRF token, made (and set as a cookie) when it has none.
/// The cookie is `Secure` when the public address is https.
pub(crate) fn login_csrf(jar: CookieJar, secure: bool) -> (CookieJar, String) {
    if let Some(existing) = jar.get(LOGIN_CSRF_COOKIE).map(|c| c.value().to_owned())
        && existing.len() == 64
    {
        return (jar, existing);
    }
    let token = hex::encode(rand::random::<[u8; 32]>());
    let cookie = Cookie::build((LOGIN_CSRF_COOKIE, token.clone()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .build();
    (jar.add(cookie), token)
}

/// Refuses every state-changing request unless its form carries the CSRF token: the
/// session's, or before sign-in the browser's sign-in token ([`LOGIN_CSRF_COOKIE`]). One
/// guard for all routes, so no handler can forget it. API requests with bearer tokens
/// carry no cookies and need none.
pub(crate) async fn csrf_guard(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::http::Method;
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let found = req
        .extensions()
        .get::<carepath_store::session::SessionInfo>()
        .cloned();
    let looked_up = match found {
        Some(s) => Ok(Some(s)),
        None => session_of(req.headers(), &state).await,
    };
    let session = match looked_up {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    // The API (and only the API) authenticates with bearer tokens, which a browser never
    // sends by itself. An `Authorization` header on a page's form is no excuse: a browser
    // sends one (Basic) whenever a user has typed a password for the site.
    let path = req.uri().path();
    let api = path == "/fhir" || path.starts_with("/fhir/");
    if session.is_none() && api {
        return next.run(req).await;
    }
    let expected = match &session {
        Some(s) => s.csrf.clone(),
        None => CookieJar::from_headers(req.headers())
            .get(LOGIN_CSRF_COOKIE)
            .map(|c| c.value().to_owned())
            .unwrap_or_default(),
    };
    let (parts, body) = req.into_parts();
    let boundary = parts
        .headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())
        .filter(|_| crate::form::takes_files(&parts.method, parts.uri.path()));
    let limit = if boundary.is_some() {
        crate::form::UPLOAD_LIMIT
    } else {
        crate::BODY_LIMIT
    };
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return Error::BadRequest(crate::i18n::tr("error-form-too-large")).into_response();
    };
    let sent = match boundary {
        // A form with files: the token is one of its fields.
        Some(boundary) => crate::form::multipart_csrf(bytes.clone(), boundary).await,
        None => serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|pairs| {
                pairs
                    .into_iter()
                    .find(|(k, _)| k == CSRF_FIELD)
                    .map(|(_, v)| v)
            }),
    };
    if expected.is_empty() || sent.as_deref() != Some(expected.as_str()) {
        return Error::Csrf.into_response();
    }
    let mut req = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes));
    if let Some(session) = session {
        // The handler's `CurrentUser` reuses it instead of looking the session up again.
        req.extensions_mut().insert(session);
    }
    next.run(req).await
}

/// The live session named by the request's cookie.
pub(crate) async fn session_of(
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Result<Option<carepath_store::session::SessionInfo>, Error> {
    let jar = CookieJar::from_headers(headers);
    let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(None);
    };
    // A live page's event stream (re)connects by itself: it is not the person's
    // activity, so it does not keep the session from timing out.
    let by_person = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| !v.contains("text/event-stream"));
    Ok(state
        .store
        .session(
            &token,
            state.clock.now(),
            state.config.session_idle,
            by_person,
        )
        .await?)
}

/// The request's bearer token (`Authorization: Bearer ...`), if it sent one.
pub(crate) fn bearer_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
}

/// The user of the request's bearer token, for the API.
pub(crate) async fn bearer_user(
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Result<Option<CurrentUser>, Error> {
    let Some(token) = bearer_token(headers) else {
        return Ok(None);
    };
    let holder = state
        .store
        .api_token_holder(token, state.clock.now())
        .await?;
    Ok(holder.map(CurrentUser::holding))
}

/// The bearer token of an API request whose handler reads the token's holder together
/// with the record it reads (decision 0061): the access check has only seen that a token
/// was sent, and the handler refuses it (401) when the read finds no live holder.
#[derive(Clone)]
pub(crate) struct Bearer(pub String);

/// The token is a secret: never in a log.
impl std::fmt::Debug for Bearer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bearer(..)")
    }
}

impl FromRequestParts<AppState> for Bearer {
    type Rejection = crate::fhir::FhirError;

    async fn from_request_parts(
        parts: &mut Parts,
        _: &AppState,
    ) -> Result<Self, crate::fhir::FhirError> {
        parts
            .extensions
            .get::<Bearer>()
            .cloned()
            .ok_or(crate::fhir::FhirError::Unauthorized)
    }
}

/// The user of the request's session. The access check and the CSRF guard have usually
/// found them already and left them in the request's extensions.
pub(crate) async fn load_user(
    extensions: &axum::http::Extensions,
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Result<Option<CurrentUser>, Error> {
    if let Some(user) = extensions.get::<CurrentUser>() {
        return Ok(Some(user.clone()));
    }
    let session = match extensions.get::<carepath_store::session::SessionInfo>() {
        Some(found) => Some(found.clone()),
        None => session_of(headers, state).await?,
    };
    let Some(session) = session else {
        return Ok(None);
    };
    let account = state.store.user(session.user_id).await?;
    let roles = state.store.roles(session.user_id).await?;
    Ok(Some(CurrentUser::new(
        account,
        roles,
        session.csrf,
        session.reference,
    )))
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match load_user(&parts.extensions, &parts.headers, state).await {
            Ok(Some(user)) => Ok(user),
            Ok(None) => Err(Redirect::to(&crate::i18n::keep_in("/logg-inn")).into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

impl OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Response> {
        load_user(&parts.extensions, &parts.headers, state)
            .await
            .map_err(IntoResponse::into_response)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "sign_in.html")]
pub(crate) struct SignInPage {
    layout: Layout,
    demo: bool,
    /// The configured OpenID providers: (name, button text).
    providers: Vec<(String, String)>,
    /// The demo sign-in's unknown username (a key, as the other two).
    error: Option<&'static str>,
    /// Why a sign-in was refused.
    problem: Option<&'static str>,
    /// A confirmation, e.g. that a new password is set.
    notice: Option<&'static str>,
    username: String,
    /// The sign-in forms' CSRF token.
    login_csrf: String,
}

impl SignInPage {
    fn new(state: &AppState) -> Self {
        Self {
            layout: Layout {
                demo: state.config.demo_sign_in,
                ..Layout::anonymous()
            },
            demo: state.config.demo_sign_in,
            providers: state
                .oidc
                .providers()
                .iter()
                .map(|p| (p.name.clone(), p.label.clone()))
                .collect(),
            error: None,
            problem: None,
            notice: None,
            username: String::new(),
            login_csrf: String::new(),
        }
    }
}

/// The sign-in page with the reason a sign-in was refused.
pub(crate) fn sign_in_refused(
    state: &AppState,
    status: axum::http::StatusCode,
    why: &'static str,
) -> Response {
    let (jar, login_csrf) = login_csrf(CookieJar::new(), state.config.secure_cookies);
    let page = SignInPage {
        problem: Some(why),
        login_csrf,
        ..SignInPage::new(state)
    };
    (status, jar, page).into_response()
}

/// Starts a session for `user` and sets its cookie, ending the browser's previous session:
/// a new session id at every sign-in.
/// Begins a session for `user` and sends them straight to where they start
/// (`crate::landing`), with no redirect through `/`.
pub(crate) async fn signed_in(
    state: &AppState,
    jar: CookieJar,
    user: &UserAccount,
) -> Result<Response, Error> {
    let jar = begin_session(state, jar, user).await?;
    let actor = Actor {
        account: user.id,
        roles: state.store.roles(user.id).await?,
        session: String::new(),
    };
    let to = crate::landing(state, &actor).await?;
    Ok((jar, Redirect::to(to)).into_response())
}

pub(crate) async fn begin_session(
    state: &AppState,
    jar: CookieJar,
    user: &UserAccount,
) -> Result<CookieJar, Error> {
    let token = state
        .store
        .create_session(user.id, state.clock.now(), state.config.session_lifetime)
        .await?;
    if let Some(old) = jar.get(SESSION_COOKIE) {
        state.store.delete_session(old.value()).await?;
    }
    // A language asked for on the sign-in page becomes the account's choice.
    if crate::i18n::explicit() {
        state
            .store
            .set_language(user.id, crate::i18n::current())
            .await?;
    }
    let cookie = Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .build();
    Ok(jar.add(cookie))
}

#[derive(serde::Deserialize)]
pub(crate) struct SignInQuery {
    feil: Option<String>,
    passord: Option<String>,
}

/// `GET /logg-inn`: the sign-in page; someone already signed in goes to their own start
/// page instead (signing in again over a live session would be refused).
pub(crate) async fn sign_in_page(
    State(state): State<AppState>,
    Query(q): Query<SignInQuery>,
    user: Option<CurrentUser>,
    jar: CookieJar,
) -> Result<Response, Error> {
    if let Some(user) = user {
        return Ok(Redirect::to(crate::landing(&state, &user.actor).await?).into_response());
    }
    let (jar, login_csrf) = login_csrf(jar, state.config.secure_cookies);
    let page = SignInPage {
        error: q.feil.as_deref().map(|_| "sign-in-unknown-demo-user"),
        notice: q.passord.as_deref().map(|_| "sign-in-password-set"),
        login_csrf,
        ..SignInPage::new(&state)
    };
    Ok((jar, page).into_response())
}

pub(crate) async fn demo_sign_in(
    State(state): State<AppState>,
    jar: CookieJar,
    form: FormData,
) -> Result<Response, Error> {
    if !state.config.demo_sign_in {
        return Err(Error::NotFound);
    }
    let username = form.get("brukernavn").unwrap_or_default().to_lowercase();
    let Some(user) = state
        .store
        .user_by_sign_in_key(SignInKind::Demo, &username)
        .await?
    else {
        return Ok(Redirect::to(&crate::i18n::keep_in("/logg-inn?feil=ukjent")).into_response());
    };
    signed_in(&state, jar, &user).await
}

pub(crate) async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
    _form: FormData,
) -> Result<Response, Error> {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        state.store.delete_session(c.value()).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to(&crate::i18n::keep_in("/logg-inn"))).into_response())
}

/// Ends every session of the signed-in user, on every device.
pub(crate) async fn sign_out_everywhere(
    State(state): State<AppState>,
    user: CurrentUser,
    jar: CookieJar,
) -> Result<Response, Error> {
    state.store.delete_user_sessions(user.account.id).await?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to(&crate::i18n::keep_in("/logg-inn"))).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
pub(crate) struct AccountPage {
    layout: Layout,
    roles: Vec<&'static str>,
}

/// The key of a role's name.
pub(crate) fn role_key(role: Role) -> &'static str {
    match role {
        Role::Patient => "role-patient",
        Role::Clinician => "role-clinician",
        Role::Coordinator => "role-coordinator",
        Role::Author => "role-author",
        Role::Researcher => "role-researcher",
        Role::Admin => "role-admin",
        Role::CourseOwner => "role-course-owner",
        Role::CourseCommittee => "role-course-committee",
        Role::Organiser => "role-organiser",
        Role::Participant => "role-participant",
    }
}

/// Where people land whose roles have no pages yet (authors, researchers, administrators).
pub(crate) async fn account_page(State(state): State<AppState>, user: CurrentUser) -> AccountPage {
    let mut roles: Vec<&'static str> = user.roles.iter().map(|g| role_key(g.role)).collect();
    roles.dedup();
    AccountPage {
        layout: Layout::for_user(&user, state.config.demo_sign_in),
        roles,
    }
}
