//! The one error type of the web layer. It renders itself as an HTML page in bokmål;
//! server errors get an incident id and a generic text, never internals or patient data.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use carepath_store::StoreError;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("conflict")]
    Conflict,
    #[error("the form's CSRF token is missing or wrong")]
    Csrf,
    #[error("too many sign-in attempts from one address")]
    TooManyAttempts,
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: crate::layout::Layout,
    status: u16,
    heading: &'a str,
    message: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        use crate::i18n::{tr, tr_args};
        let (status, heading, message) = match &self {
            Error::NotFound => (
                StatusCode::NOT_FOUND,
                tr("error-not-found-heading"),
                tr("error-not-found-text"),
            ),
            Error::Forbidden => (
                StatusCode::FORBIDDEN,
                tr("error-forbidden-heading"),
                tr("error-forbidden-text"),
            ),
            Error::Csrf => (
                StatusCode::FORBIDDEN,
                tr("error-csrf-heading"),
                tr("error-csrf-text"),
            ),
            Error::TooManyAttempts => (
                StatusCode::TOO_MANY_REQUESTS,
                tr("error-too-many-heading"),
                tr("error-too-many-text"),
            ),
            Error::BadRequest(why) => (
                StatusCode::BAD_REQUEST,
                tr("error-bad-request-heading"),
                why.clone(),
            ),
            Error::Conflict | Error::Store(StoreError::Conflict) => (
                StatusCode::CONFLICT,
                tr("error-conflict-heading"),
                tr("error-conflict-text"),
            ),
            Error::Store(StoreError::NotFound(_)) => (
                StatusCode::NOT_FOUND,
                tr("error-gone-heading"),
                tr("error-gone-text"),
            ),
            Error::Store(e) if e.is_unavailable() => {
                // The database is down, restarting or full: say so and when to try again.
                tracing::warn!("the database is unavailable; answering 503");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    tr("error-unavailable-heading"),
                    tr("error-unavailable-text"),
                )
            }
            Error::Store(_) | Error::Template(_) => {
                let incident = uuid_like();
                // Logs carry the error kind and the incident id only, never request data.
                tracing::error!(incident = %incident, error = %self, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    tr("error-internal-heading"),
                    tr_args("error-internal-text", &[("incident", incident.into())]),
                )
            }
        };
        let page = ErrorPage {
            layout: crate::layout::Layout::anonymous(),
            status: status.as_u16(),
            heading: &heading,
            message,
        };
        let mut res = match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, heading).into_response(),
        };
        if status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
        }
        res
    }
}

/// When a client should try again after a 503 (the database unavailable).
pub(crate) const RETRY_AFTER_SECONDS: &str = "5";

fn uuid_like() -> String {
    hex::encode(rand::random::<[u8; 6]>())
}

impl From<carepath_app::enrollment::ChangeError> for Error {
    /// A change the enrollment's state does not allow now (another tab or a colleague got
    /// there first) is a conflict: the page shows how it stands.
    fn from(e: carepath_app::enrollment::ChangeError) -> Self {
        match e {
            carepath_app::enrollment::ChangeError::NotNow(_) => Error::Conflict,
            carepath_app::enrollment::ChangeError::Store(s) => Error::Store(s),
        }
    }
}
