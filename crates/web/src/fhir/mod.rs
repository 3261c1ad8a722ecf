//! The FHIR R4 API under `/fhir`: JSON (`application/fhir+json`), bearer tokens from
//! `carepath admin create-token`, and an `OperationOutcome` for every error (400 malformed,
//! 401 no or bad token, 403 a role without access, 404 unknown or not yours, never a 500
//! for bad input).

pub(crate) mod audit_event;
pub(crate) mod flag;
pub(crate) mod metadata;
pub(crate) mod observation;
pub(crate) mod patient;
pub(crate) mod plan;
pub(crate) mod questionnaire;
pub(crate) mod questionnaire_response;
pub(crate) mod search;
pub(crate) mod task;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use carepath_fhir::outcome::{Issue, operation_outcome, outcome_with_issues};
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
    /// 422: the resource is well-formed but breaks a rule; one issue per problem.
    Unprocessable(Vec<Issue>),
    /// 409: it clashes with what is stored (a duplicate, or a change not allowed now).
    Conflict(String),
    /// 412: `If-Match` names a version that is no longer the current one.
    PreconditionFailed(String),
    /// 415: not `application/fhir+json` (or `application/json`).
    UnsupportedMediaType,
    /// 413: the body is over the limit.
    TooLarge,
    Web(Error),
}

impl FhirError {
    /// A 422 with one issue.
    pub(crate) fn invalid(text: impl Into<String>, expression: Option<&str>) -> Self {
        FhirError::Unprocessable(vec![Issue {
            code: "invalid",
            diagnostics: text.into(),
            expression: expression.map(str::to_owned),
        }])
    }
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
            FhirError::Unprocessable(issues) => {
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Fhir(outcome_with_issues(&issues)),
                )
                    .into_response();
            }
            FhirError::Conflict(why) => (StatusCode::CONFLICT, "conflict", why),
            FhirError::PreconditionFailed(why) => {
                (StatusCode::PRECONDITION_FAILED, "conflict", why)
            }
            FhirError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-long",
                "The body is larger than 1 MiB.".to_owned(),
            ),
            FhirError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "not-supported",
                "Send the resource as application/fhir+json.".to_owned(),
            ),
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

/// Under `/fhir`, every error answer is an `OperationOutcome`, also those made before a
/// handler runs (a body over the limit, an unreadable query string, a wrong method, a
/// timeout), so API clients never have to parse plain text.
pub(crate) async fn outcome_for_every_error(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = req.uri().path();
    if path != "/fhir" && !path.starts_with("/fhir/") {
        return next.run(req).await;
    }
    let res = next.run(req).await;
    let status = res.status();
    let is_fhir = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/fhir+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_fhir {
        return res;
    }
    let (code, text) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ("too-long", "The body is larger than 1 MiB."),
        StatusCode::METHOD_NOT_ALLOWED => (
            "not-supported",
            "This method is not supported on this address.",
        ),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "The request took too long. Try again."),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "not-supported",
            "Send the resource as application/fhir+json.",
        ),
        s if s.is_client_error() => (
            "invalid",
            "The request could not be read: check the query parameters, headers and body.",
        ),
        _ => ("exception", "The server could not answer. Try again later."),
    };
    let mut fixed = (status, Fhir(operation_outcome(code, text))).into_response();
    for name in [header::WWW_AUTHENTICATE, header::ALLOW] {
        if let Some(v) = res.headers().get(&name) {
            fixed.headers_mut().insert(name, v.clone());
        }
    }
    fixed
}

/// A FHIR resource sent in a request body: `application/fhir+json` or `application/json`,
/// parsed as JSON (a malformed body is a 400 OperationOutcome).
pub(crate) struct FhirBody(pub Value);

impl<S: Send + Sync> axum::extract::FromRequest<S> for FhirBody {
    type Rejection = FhirError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, FhirError> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let v = v.split(';').next().unwrap_or_default().trim();
                v.eq_ignore_ascii_case("application/fhir+json")
                    || v.eq_ignore_ascii_case("application/json")
            });
        if !json {
            return Err(FhirError::UnsupportedMediaType);
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    FhirError::TooLarge
                } else {
                    FhirError::BadRequest("The request body could not be read.".into())
                }
            })?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| FhirError::BadRequest(format!("The body is not valid JSON: {e}")))?;
        if !value.is_object() {
            return Err(FhirError::BadRequest(
                "The body must be a JSON object, a FHIR resource.".into(),
            ));
        }
        Ok(Self(value))
    }
}

/// Adds `meta.versionId` and `meta.lastUpdated`, keeping the resource's own `meta`.
pub(crate) fn with_meta(
    mut resource: Value,
    version: i64,
    updated: Option<chrono::DateTime<chrono::Utc>>,
) -> Value {
    if !resource["meta"].is_object() {
        resource["meta"] = serde_json::json!({});
    }
    resource["meta"]["versionId"] = Value::String(version.to_string());
    if let Some(t) = updated {
        resource["meta"]["lastUpdated"] =
            Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
    }
    resource
}

/// A resource with its `ETag` (`W/"version"`), and for a create `201` with `Location`.
pub(crate) fn versioned(resource: Value, version: i64, created_at: Option<&str>) -> Response {
    let etag = format!("W/\"{version}\"");
    let mut res = Fhir(resource).into_response();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        res.headers_mut().insert(header::ETAG, v);
    }
    if let Some(location) = created_at {
        *res.status_mut() = StatusCode::CREATED;
        if let Ok(v) = HeaderValue::from_str(location) {
            res.headers_mut().insert(header::LOCATION, v);
        }
    }
    res
}

/// The version named by an `If-Match` header (`W/"3"`, `"3"` or `3`); `Ok(None)` without
/// the header, 412 when it is not a version.
pub(crate) fn if_match(headers: &axum::http::HeaderMap) -> Result<Option<i64>, FhirError> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    v.to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse().ok())
        .map(Some)
        .ok_or_else(|| {
            FhirError::PreconditionFailed("If-Match must name a version, e.g. W/\"2\".".into())
        })
}
