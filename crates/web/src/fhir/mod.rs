//! The FHIR R4 API under `/fhir`: JSON (`application/fhir+json`), bearer tokens from
//! `carepath admin create-token`, and an `OperationOutcome` for every error (400 malformed,
//! 401 no or bad token, 403 a role without access, 404 unknown or not yours, never a 500
//! for bad input).

pub(crate) mod audit_event;
pub(crate) mod metadata;
pub(crate) mod patient;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use carepath_fhir::outcome::operation_outcome;
use serde_json::Value;

use crate::Error;

/// The media type of every API answer.
const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";

/// A FHIR resource as the answer.
#[derive(Debug)]
pub(crate) struct Fhir(pub Value);

impl IntoResponse for Fhir {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.0).unwrap_or_default();
        ([(header::CONTENT_TYPE, FHIR_JSON)], body).into_response()
    }
}

/// Everything an API handler can fail with, answered as an `OperationOutcome`.
#[derive(Debug)]
pub(crate) enum FhirError {
    Unauthorized,
    Forbidden,
    NotFound,
    BadRequest(String),
    Web(Error),
}

impl From<Error> for FhirError {
    fn from(e: Error) -> Self {
        match e {
            Error::NotFound | Error::Store(carepath_store::StoreError::NotFound(_)) => {
                FhirError::NotFound
            }
            Error::Forbidden => FhirError::Forbidden,
            Error::BadRequest(why) => FhirError::BadRequest(why),
            other => FhirError::Web(other),
        }
    }
}

impl From<carepath_store::StoreError> for FhirError {
    fn from(e: carepath_store::StoreError) -> Self {
        Error::from(e).into()
    }
}

impl IntoResponse for FhirError {
    fn into_response(self) -> Response {
        let (status, code, text) = match self {
            FhirError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "login",
                "A valid bearer token is required (carepath admin create-token).".to_owned(),
            ),
            FhirError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "Your role does not give access to this.".to_owned(),
            ),
            FhirError::NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                "No such resource.".to_owned(),
            ),
            FhirError::BadRequest(why) => (StatusCode::BAD_REQUEST, "invalid", why),
            FhirError::Web(e) => {
                // The HTML error page logs the incident; the API answers with its status.
                let status = e.into_response().status();
                (
                    status,
                    "exception",
                    "The server could not answer. Try again later.".to_owned(),
                )
            }
        };
        let mut res = (status, Fhir(operation_outcome(code, &text))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"carepath\""),
            );
        }
        res
    }
}
