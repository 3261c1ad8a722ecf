//! The FHIR R4 API under `/fhir`: JSON (`application/fhir+json`), bearer tokens from
//! `carepath admin create-token`, and an `OperationOutcome` for every error (400 malformed,
//! 401 no or bad token, 403 a role without access, 404 unknown or not yours, never a 500
//! for bad input).

pub(crate) mod appointment;
pub(crate) mod audit_event;
pub(crate) mod bundle;
pub(crate) mod communication;
pub(crate) mod consent;
pub(crate) mod document_reference;
pub(crate) mod everything;
pub(crate) mod export;
pub(crate) mod flag;
pub(crate) mod history;
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
use carepath_i18n::Text;
use serde_json::Value;

use crate::Error;

/// The media type of every API answer.
const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";

/// A FHIR resource as the answer.
#[derive(Debug)]
pub(crate) struct Fhir(pub Value);

impl IntoResponse for Fhir {
    fn into_response(self) -> Response {
        fhir_json(&self.0)
    }
}

/// Any serialisable resource (a stored one copied as it is, a search Bundle of them) as
/// the answer.
pub(crate) fn fhir_json(resource: &impl serde::Serialize) -> Response {
    let body = serde_json::to_vec(resource).unwrap_or_default();
    ([(header::CONTENT_TYPE, FHIR_JSON)], body).into_response()
}

/// Everything an API handler can fail with, answered as an `OperationOutcome`.
#[derive(Debug)]
pub(crate) enum FhirError {
    Unauthorized,
    Forbidden,
    NotFound,
    BadRequest(Text),
    /// 422: the resource is well-formed but breaks a rule; one issue per problem.
    Unprocessable(Vec<Issue>),
    /// 409: it clashes with what is stored (a duplicate, or a change not allowed now).
    Conflict(Text),
    /// 412: `If-Match` names a version that is no longer the current one.
    PreconditionFailed(Text),
    /// 415: not `application/fhir+json` (or `application/json`).
    UnsupportedMediaType,
    /// 413: the body is over the limit.
    TooLarge,
    Web(Error),
}

impl FhirError {
    /// A 422 with one issue.
    pub(crate) fn invalid(text: Text, expression: Option<&str>) -> Self {
        FhirError::Unprocessable(vec![Issue {
            code: "invalid",
            diagnostics: text,
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
        let lang = crate::i18n::current();
        let (status, code, text) = match self {
            FhirError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "login",
                Text::new("api-unauthorized"),
            ),
            FhirError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                Text::new("api-forbidden"),
            ),
            FhirError::NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                Text::new("api-not-found"),
            ),
            FhirError::BadRequest(why) => (StatusCode::BAD_REQUEST, "invalid", why),
            FhirError::Unprocessable(issues) => {
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Fhir(outcome_with_issues(&issues, lang)),
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
                Text::new("api-too-large"),
            ),
            FhirError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "not-supported",
                Text::new("api-media-type"),
            ),
            // A form's refusal, already worded in the request's language.
            FhirError::Web(Error::BadRequest(why)) => {
                return (
                    StatusCode::BAD_REQUEST,
                    Fhir(operation_outcome("invalid", &why)),
                )
                    .into_response();
            }
            FhirError::Web(Error::Store(e)) if e.is_unavailable() => {
                tracing::warn!("the database is unavailable; answering 503");
                let mut res = (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Fhir(operation_outcome(
                        "transient",
                        &Text::new("api-unavailable").words(lang),
                    )),
                )
                    .into_response();
                res.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(crate::error::RETRY_AFTER_SECONDS),
                );
                return res;
            }
            FhirError::Web(e) => {
                // The HTML error page logs the incident; the API answers with its status.
                let status = e.into_response().status();
                (status, "exception", Text::new("api-exception"))
            }
        };
        let mut res = (status, Fhir(operation_outcome(code, &text.words(lang)))).into_response();
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
    // Outside the language middleware: the caller's language from the request itself.
    let lang = crate::i18n::browser(&req);
    if !accepts_json(&req) {
        let text = carepath_i18n::t(lang, "api-not-acceptable");
        return (
            StatusCode::NOT_ACCEPTABLE,
            Fhir(operation_outcome("not-supported", &text)),
        )
            .into_response();
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
    let (code, key) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ("too-long", "api-too-large"),
        StatusCode::METHOD_NOT_ALLOWED => ("not-supported", "api-method"),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "api-timeout"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("not-supported", "api-media-type"),
        s if s.is_client_error() => ("invalid", "api-unreadable"),
        _ => ("exception", "api-exception"),
    };
    let text = carepath_i18n::t(lang, key);
    let mut fixed = (status, Fhir(operation_outcome(code, &text))).into_response();
    for name in [header::WWW_AUTHENTICATE, header::ALLOW] {
        if let Some(v) = res.headers().get(&name) {
            fixed.headers_mut().insert(name, v.clone());
        }
    }
    fixed
}

/// Whether the request takes JSON, the one format the API answers in: `_format` when it is
/// given (it overrides `Accept`, as FHIR says), else `Accept` (none takes anything). A
/// Binary's content and a bulk export's files answer in their own formats and are not
/// asked.
fn accepts_json(req: &axum::extract::Request) -> bool {
    let path = req.uri().path();
    if path.starts_with("/fhir/Binary/") || path.starts_with("/fhir/$export-file/") {
        return true;
    }
    let format = req.uri().query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find(|(name, _)| name == "_format")
            .map(|(_, value)| value)
    });
    if let Some(format) = format {
        let format = format.split(';').next().unwrap_or_default().trim();
        return ["json", "application/json", "application/fhir+json"]
            .iter()
            .any(|f| format.eq_ignore_ascii_case(f));
    }
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    else {
        return true;
    };
    let ranges: Vec<mime::Mime> = accept
        .split(',')
        .filter_map(|range| range.trim().parse().ok())
        .collect();
    // An `Accept` header no one can read is not a refusal.
    ranges.is_empty()
        || ranges.iter().any(|range| {
            let wanted = range
                .get_param("q")
                .and_then(|q| q.as_str().parse::<f32>().ok())
                .is_none_or(|q| q > 0.0);
            // application/json, application/fhir+json, and DSTU2's application/json+fhir.
            let json = range.subtype() == mime::JSON
                || range.suffix() == Some(mime::JSON)
                || range.subtype().as_str().starts_with("json+");
            wanted
                && (range.type_() == mime::STAR
                    || (range.type_() == mime::APPLICATION
                        && (range.subtype() == mime::STAR || json)))
        })
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
                    FhirError::BadRequest(Text::new("api-body-unreadable"))
                }
            })?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
            FhirError::BadRequest(Text::new("api-body-not-json").with("why", e.to_string()))
        })?;
        if !value.is_object() {
            return Err(FhirError::BadRequest(Text::new("api-body-not-object")));
        }
        Ok(Self(value))
    }
}

/// One version of a resource: its number, when it was written, and the resource then.
pub(crate) type Version = (i64, Option<chrono::DateTime<chrono::Utc>>, Value);

/// The version `vid` of `versions` (a vread), or 404.
pub(crate) fn version_of(versions: Vec<Version>, vid: &str) -> Result<Response, FhirError> {
    let vid: i64 = vid.parse().map_err(|_| FhirError::NotFound)?;
    let (version, _, resource) = versions
        .into_iter()
        .find(|(v, _, _)| *v == vid)
        .ok_or(FhirError::NotFound)?;
    Ok(versioned(resource, version, None))
}

/// A `history` Bundle of one resource's `versions`, newest first: the first version as
/// its create, the others as updates.
pub(crate) fn history_bundle(
    base: &str,
    resource_type: &str,
    id: &str,
    versions: impl IntoIterator<Item = Version>,
) -> Response {
    let listed: Vec<(String, Version)> = versions.into_iter().map(|v| (id.to_owned(), v)).collect();
    let total = listed.len();
    let mut bundle = history_of(
        base,
        resource_type,
        &format!("/fhir/{resource_type}/{id}/_history"),
        listed,
        None,
    );
    bundle["total"] = total.into();
    fhir_json(&bundle)
}

/// A `history` Bundle of `versions` of resources of one type, each with its id, in the
/// order given, with the `self` link and the `next` one when more follow.
pub(crate) fn history_of(
    base: &str,
    resource_type: &str,
    self_link: &str,
    versions: impl IntoIterator<Item = (String, Version)>,
    next: Option<String>,
) -> Value {
    let entries: Vec<Value> = versions
        .into_iter()
        .map(|(id, (version, written, resource))| {
            let (method, url, status) = if version == 1 {
                ("POST", resource_type.to_owned(), "201 Created")
            } else {
                ("PUT", format!("{resource_type}/{id}"), "200 OK")
            };
            serde_json::json!({
                "fullUrl": format!("{base}/fhir/{resource_type}/{id}"),
                "resource": resource,
                "request": { "method": method, "url": url },
                "response": {
                    "status": status,
                    "etag": format!("W/\"{version}\""),
                    "lastModified": written
                        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                },
            })
        })
        .collect();
    let mut link =
        vec![serde_json::json!({ "relation": "self", "url": format!("{base}{self_link}") })];
    if let Some(next) = next {
        link.push(serde_json::json!({ "relation": "next", "url": format!("{base}{next}") }));
    }
    serde_json::json!({
        "resourceType": "Bundle",
        "type": "history",
        "link": link,
        "entry": entries,
    })
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
pub(crate) fn versioned(
    resource: impl serde::Serialize,
    version: i64,
    created_at: Option<&str>,
) -> Response {
    let etag = format!("W/\"{version}\"");
    let mut res = fhir_json(&resource);
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

/// Whether the client asked for an `OperationOutcome` instead of the resource
/// (`Prefer: return=OperationOutcome`).
pub(crate) fn prefers_outcome(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split([',', ';']))
        .any(|p| p.trim().eq_ignore_ascii_case("return=OperationOutcome"))
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
        .ok_or_else(|| FhirError::PreconditionFailed(Text::new("api-if-match")))
}
