//! carepath's web layer: server-rendered pages for patients and clinicians (askama,
//! phone first, usable without JavaScript), health checks and media. Handlers are thin:
//! extract, call the domain and the store, render. No SQL here.

// The CapabilityStatement is one `json!` literal, deeper than the default limit.
#![recursion_limit = "256"]

mod admin;
mod alert;
mod assets;
mod audit;
mod auth;
mod chart;
mod clinician;
mod course;
mod dissemination;
mod download;
mod error;
mod fhir;
mod form;
mod i18n;
mod layout;
pub mod local_sign_in;
mod markdown;
mod media;
pub mod oidc;
mod patient;
mod public;
mod report;
mod routes;
mod scores;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use carepath_domain::clock::Clock;
use carepath_store::Store;
use tower_http::set_header::SetResponseHeaderLayer;

pub use auth::{LOGIN_CSRF_COOKIE, SESSION_COOKIE};
pub use error::Error;
pub use routes::{Access, RouteDef, route_table};

/// The largest request body accepted.
pub(crate) const BODY_LIMIT: usize = 1024 * 1024;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Demo sign-in (username only) is offered. Only ever true on a demo database.
    pub demo_sign_in: bool,
    /// Session cookies get `Secure` (the public address is https).
    pub secure_cookies: bool,
    /// How long a session lives at most.
    pub session_lifetime: chrono::Duration,
    /// A session unused this long ends (see docs/decisions/0007).
    pub session_idle: chrono::Duration,
    /// The address people and API clients use (links in FHIR bundles).
    pub public_url: String,
    /// Sign-in attempts one client address may make at once before it must slow down
    /// (one more every 3 seconds).
    pub sign_in_burst: u32,
    /// The reverse proxies (`CAREPATH_TRUSTED_PROXIES`) whose `X-Forwarded-For` names the
    /// client: the sign-in limit counts by that client rather than by the proxy.
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// The activity codes per year (decision 0035): the shipped list unless the hospital
    /// gives its own (`CAREPATH_ACTIVITY_CODES`).
    pub activity_codes: Arc<carepath_domain::activity::CodeLists>,
    /// The hospital's video service (`CAREPATH_VIDEO_URL`), where video appointments'
    /// join links point; none: only visits on site are booked (decision 0036).
    pub video: Option<carepath_domain::appointment::VideoService>,
}

/// The video service of the demo and the tests: an address that does not exist
/// (`.example`), so no one mistakes it for a real meeting.
pub const DEMO_VIDEO_URL: &str = "https://video.sykehus.example/rom/{room}";

/// The activity codes carepath ships.
pub fn shipped_activity_codes() -> carepath_domain::activity::CodeLists {
    carepath_package::activity_codes(carepath_package::SHIPPED_ACTIVITY_CODES).unwrap_or_default()
}

impl WebConfig {
    pub fn for_tests() -> Self {
        Self {
            demo_sign_in: true,
            secure_cookies: false,
            session_lifetime: chrono::Duration::hours(8),
            session_idle: chrono::Duration::minutes(30),
            public_url: "http://carepath.test".into(),
            // Tests sign in many times from one (absent) address.
            sign_in_burst: 10_000,
            trusted_proxies: Arc::new([]),
            activity_codes: Arc::new(shipped_activity_codes()),
            video: carepath_domain::appointment::VideoService::new(DEMO_VIDEO_URL),
        }
    }
}

/// What every handler can reach: one reference count, as every extractor of every
/// request clones it (cloning the parts was 5 % of a read's CPU, `docs/performance.md`).
/// Its parts are reached through it (`state.store`).
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The parts of [`AppState`].
#[derive(Debug, Clone)]
pub struct Shared {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<WebConfig>,
    /// The configured OpenID providers (none: demo sign-in only, if enabled).
    pub oidc: Arc<oidc::Oidc>,
    /// Becomes true when the server begins to stop, so long-lived responses (the live
    /// worklist's event stream) end and the server can finish.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

/// Refuses a body larger than the route takes: 1 MiB, or a message's files
/// (`form::UPLOAD_LIMIT`) where files are sent. A declared length over it is refused at
/// once (413); a body that grows past it fails when it is read.
async fn limit_body(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let limit = if form::takes_files(req.method(), req.uri().path()) {
        form::UPLOAD_LIMIT
    } else {
        BODY_LIMIT
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    next.run(req.map(|b| axum::body::Body::new(http_body_util::Limited::new(b, limit))))
        .await
}

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    // Browsers that have seen the site over TLS refuse plain HTTP to it for a year.
    let hsts = state.config.secure_cookies.then(|| {
        SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        )
    });
    Router::new()
        .merge(routes::router(&state))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::csrf_guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), i18n::choose))
        .layer(axum::middleware::from_fn(limit_body))
        // `limit_body` decides the limits, the larger one for files included.
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(fhir::outcome_for_every_error))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(assets::content_security_policy()),
        ))
        // Pages and API answers carry patient data: no browser or proxy may keep them.
        // Static files and media set their own caching.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Text answers (pages, API, stylesheet) go out compressed when the browser asks
        // (brotli or gzip); the live event stream and images are left as they are.
        // Compressed pages with secrets are safe from BREACH-style guessing because no
        // other site can make a signed-in browser fetch them out of view (decision 0030).
        .layer(tower_http::compression::CompressionLayer::new())
        // Spans carry the method and path only: query strings can hold search terms
        // (names, national identity numbers) and must never reach the logs.
        .layer(tower::util::option_layer(hsts))
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(
            |req: &axum::http::Request<axum::body::Body>| {
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
            },
        ))
        .with_state(state)
}

/// Where a signed-in person starts, by role: a patient where their program runs (or their
/// start page), the care team at the patient list, an administrator at `/admin`, a
/// course participant or someone running a course at their courses, anyone else at
/// their account page. Sign-in goes straight there.
pub(crate) async fn landing(
    state: &AppState,
    actor: &carepath_app::access::Actor,
) -> Result<&'static str, Error> {
    Ok(if actor.is_patient() {
        patient::landing(state, actor.account).await?
    } else if actor.is_care_team() {
        "/klinikk"
    } else if actor.has(carepath_domain::user::Role::Admin) {
        "/admin"
    } else if actor.has(carepath_domain::user::Role::Researcher) {
        "/forskning"
    } else if actor.roles.iter().any(|g| g.course_id.is_some())
        || actor.has(carepath_domain::user::Role::Participant)
    {
        "/mine-kurs"
    } else {
        "/konto"
    })
}

/// 200 only when the database answers.
pub(crate) async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Unknown addresses: an `OperationOutcome` under `/fhir`, the HTML page elsewhere.
async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path() == "/fhir" || uri.path().starts_with("/fhir/") {
        fhir::FhirError::NotFound.into_response()
    } else {
        Error::NotFound.into_response()
    }
}
