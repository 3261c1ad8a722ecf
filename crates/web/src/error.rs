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
        let (status, heading, message) = match &self {
            Error::NotFound => (
                StatusCode::NOT_FOUND,
                "Siden finnes ikke",
                "Sjekk adressen, eller gå tilbake til startsiden.".to_owned(),
            ),
            Error::Forbidden => (
                StatusCode::FORBIDDEN,
                "Du har ikke tilgang",
                "Du har ikke tilgang til denne siden med rollen du er logget inn med.".to_owned(),
            ),
            Error::Csrf => (
                StatusCode::FORBIDDEN,
                "Skjemaet kunne ikke sendes",
                "Siden var for gammel, eller du har logget inn på nytt i mellomtiden. Gå tilbake, last siden på nytt og prøv igjen."
                    .to_owned(),
            ),
            Error::TooManyAttempts => (
                StatusCode::TOO_MANY_REQUESTS,
                "For mange forsøk",
                "Det er gjort mange innloggingsforsøk herfra på kort tid. Vent litt og prøv igjen."
                    .to_owned(),
            ),
            Error::BadRequest(why) => (
                StatusCode::BAD_REQUEST,
                "Noe var galt med forespørselen",
                why.clone(),
            ),
            Error::Conflict | Error::Store(StoreError::Conflict) => (
                StatusCode::CONFLICT,
                "Noen andre endret dette samtidig",
                "Ingenting er tapt. Last siden på nytt og prøv igjen.".to_owned(),
            ),
            Error::Store(StoreError::NotFound(_)) => (
                StatusCode::NOT_FOUND,
                "Fant ikke det du lette etter",
                "Det kan ha blitt flyttet eller slettet.".to_owned(),
            ),
            Error::Store(_) | Error::Template(_) => {
                let incident = uuid_like();
                // Logs carry the error kind and the incident id only, never request data.
                tracing::error!(incident = %incident, error = %self, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Noe gikk galt hos oss",
                    format!("Prøv igjen om litt. Oppgi feilkode {incident} hvis du kontakter oss."),
                )
            }
        };
        let page = ErrorPage {
            layout: crate::layout::Layout::anonymous(),
            status: status.as_u16(),
            heading,
            message,
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, heading.to_owned()).into_response(),
        }
    }
}

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
