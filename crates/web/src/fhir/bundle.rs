//! `POST /fhir` with a `batch` Bundle: each entry is handled on its own, as the same
//! request sent alone would be (the same routes, access policy, access log and checks,
//! with the caller's token), and answered in a `batch-response` in entry order. One
//! entry's failure is its own `OperationOutcome` and does not stop the others.
//! A `transaction` is refused: carepath cannot yet make several requests all-or-nothing
//! (decision 0066).

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Request, header};
use carepath_i18n::Text;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{Fhir, FhirBody, FhirError};
use crate::AppState;
use crate::auth::CurrentUser;

/// The most entries in one batch.
pub(crate) const MAX_ENTRIES: usize = 100;

pub(crate) async fn batch(
    State(state): State<AppState>,
    _user: CurrentUser,
    headers: HeaderMap,
    FhirBody(body): FhirBody,
) -> Result<Fhir, FhirError> {
    if body["resourceType"] != "Bundle" {
        return Err(FhirError::invalid(
            Text::new("api-resource-type").with("type", "Bundle"),
            Some("resourceType"),
        ));
    }
    match body["type"].as_str() {
        Some("batch") => {}
        Some("transaction") => {
            return Err(FhirError::invalid(
                Text::new("api-bundle-transaction"),
                Some("Bundle.type"),
            ));
        }
        _ => {
            return Err(FhirError::invalid(
                Text::new("api-bundle-type"),
                Some("Bundle.type"),
            ));
        }
    }
    let entries = body["entry"].as_array().cloned().unwrap_or_default();
    if entries.len() > MAX_ENTRIES {
        return Err(FhirError::invalid(
            Text::new("api-bundle-too-many").with("max", MAX_ENTRIES as i64),
            Some("Bundle.entry"),
        ));
    }
    // Every entry is checked before any is sent, so a malformed batch changes nothing.
    let mut requests = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        requests.push(request_of(entry, &headers).ok_or_else(|| {
            FhirError::invalid(
                Text::new("api-bundle-entry").with("entry", i as i64),
                Some(&format!("Bundle.entry[{i}].request")),
            )
        })?);
    }
    let router = crate::router(state.clone());
    let mut answers = Vec::with_capacity(requests.len());
    for request in requests {
        let response = router
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|never| match never {});
        answers.push(answer_of(response).await);
    }
    Ok(Fhir(json!({
        "resourceType": "Bundle",
        "type": "batch-response",
        "entry": answers,
    })))
}

/// The request an entry asks for: its method and its URL under `/fhir`, the resource as
/// the body, its `ifMatch`, and the caller's token; `None` when the entry names no method
/// or URL, or a URL outside the API.
fn request_of(entry: &Value, headers: &HeaderMap) -> Option<Request<Body>> {
    let method: Method = entry["request"]["method"].as_str()?.parse().ok()?;
    let url = entry["request"]["url"].as_str()?.trim_start_matches('/');
    let url = url.strip_prefix("fhir/").unwrap_or(url);
    // A relative URL only, and never a nested batch.
    if url.is_empty() || url.contains("://") || url.starts_with('?') {
        return None;
    }
    let mut request = Request::builder()
        .method(method)
        .uri(format!("/fhir/{url}"))
        .header(header::ACCEPT, "application/fhir+json");
    for name in [header::AUTHORIZATION, header::ACCEPT_LANGUAGE] {
        if let Some(v) = headers.get(&name) {
            request = request.header(name, v);
        }
    }
    if let Some(etag) = entry["request"]["ifMatch"].as_str() {
        request = request.header(header::IF_MATCH, etag);
    }
    let body = match &entry["resource"] {
        Value::Null => Body::empty(),
        resource => {
            request = request.header(header::CONTENT_TYPE, "application/fhir+json");
            Body::from(resource.to_string())
        }
    };
    request.body(body).ok()
}

/// A `batch-response` entry: the status line, `location` and `etag` when given, and the
/// resource (or the `OperationOutcome` of a failure).
async fn answer_of(response: axum::response::Response) -> Value {
    let (parts, body) = response.into_parts();
    let status = parts.status;
    let mut answer = json!({
        "status": format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or_default()),
    });
    for (name, member) in [(header::LOCATION, "location"), (header::ETAG, "etag")] {
        if let Some(v) = parts.headers.get(name).and_then(|v| v.to_str().ok()) {
            answer[member] = Value::String(v.to_owned());
        }
    }
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let resource: Option<Value> = serde_json::from_slice(&bytes).ok();
    match resource {
        Some(r) if status.is_success() => json!({ "resource": r, "response": answer }),
        Some(r) => {
            answer["outcome"] = r;
            json!({ "response": answer })
        }
        None => json!({ "response": answer }),
    }
}
