//! `POST /fhir` with a Bundle. A `batch`: each entry is handled on its own, as the same
//! request sent alone would be (the same routes, access policy, access log and checks,
//! with the caller's token), and answered in a `batch-response` in entry order; one
//! entry's failure is its own `OperationOutcome` and does not stop the others. A
//! `transaction` of new patients and questionnaire responses is stored all or none: every
//! entry is checked as its own create would check it, `urn:uuid` references to a patient
//! in the Bundle are resolved, and the writes are committed in one database transaction
//! (decision 0066); its `GET` entries are answered after the writes, as the same request
//! alone would be, so they see what the transaction stored.

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
    user: CurrentUser,
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
            let entries = body["entry"].as_array().cloned().unwrap_or_default();
            if entries.len() > MAX_ENTRIES {
                return Err(FhirError::invalid(
                    Text::new("api-bundle-too-many").with("max", MAX_ENTRIES as i64),
                    Some("Bundle.entry"),
                ));
            }
            return transaction(&state, &user, &headers, entries).await;
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
        answers.push(answer_of(&router, request).await);
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

/// `request` sent through `router`, answered as a `batch-response` entry: the status
/// line, `location` and `etag` when given, and the resource (or the `OperationOutcome` of
/// a failure).
async fn answer_of(router: &axum::Router, request: Request<Body>) -> Value {
    let response = router
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|never| match never {});
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

/// What a transaction entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `POST Patient`.
    Patient,
    /// `POST QuestionnaireResponse`.
    Response,
    /// `GET`: a read or a search, answered after the writes.
    Read,
}

/// What a transaction entry answers with.
enum Creates {
    Patient(Box<carepath_domain::patient::Patient>),
    /// The index of the response among the transaction's responses.
    Response(usize),
    /// The index of the entry.
    Read(usize),
}

/// A transaction of `POST Patient` and `POST QuestionnaireResponse` entries, all or none,
/// and `GET` entries read once the writes are stored.
async fn transaction(
    state: &AppState,
    user: &CurrentUser,
    headers: &HeaderMap,
    entries: Vec<Value>,
) -> Result<Fhir, FhirError> {
    use carepath_domain::Id;
    use carepath_domain::organization::Unit;
    use carepath_domain::patient::Patient;

    let kind = |i: usize, entry: &Value| {
        let method = entry["request"]["method"].as_str();
        let url = entry["request"]["url"]
            .as_str()
            .map(|u| u.trim_matches('/'));
        let refused = || {
            FhirError::invalid(
                Text::new("api-transaction-entry").with("entry", i as i64),
                Some(&format!("Bundle.entry[{i}].request")),
            )
        };
        match (method, url) {
            (Some("POST"), Some("Patient")) => Ok(Kind::Patient),
            (Some("POST"), Some("QuestionnaireResponse")) => Ok(Kind::Response),
            // The read is checked now, so a malformed one stores nothing.
            (Some("GET"), Some(_)) => request_of(entry, headers)
                .map(|_| Kind::Read)
                .ok_or_else(refused),
            _ => Err(FhirError::invalid(
                Text::new("api-transaction-entry").with("entry", i as i64),
                Some(&format!("Bundle.entry[{i}].request")),
            )),
        }
    };
    let kinds = entries
        .iter()
        .enumerate()
        .map(|(i, e)| kind(i, e))
        .collect::<Result<Vec<Kind>, FhirError>>()?;

    let now = state.clock.now();
    // The patients first, so that responses can name them by their `urn:uuid`.
    let mut patients: Vec<(Patient, carepath_domain::audit::AuditEvent)> = Vec::new();
    let mut resolved: Vec<(String, String)> = Vec::new();
    for (entry, _) in entries
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == Kind::Patient)
    {
        let (patient, event) =
            super::patient::registration(state, user, &entry["resource"]).await?;
        if let Some(url) = entry["fullUrl"]
            .as_str()
            .filter(|u| u.starts_with("urn:uuid:"))
        {
            resolved.push((url.to_owned(), format!("Patient/{}", patient.id)));
        }
        patients.push((patient, event));
    }
    let registering: Vec<(Id<Patient>, Id<Unit>)> = patients
        .iter()
        .filter_map(|(p, _)| Some((p.id, p.managing_unit?)))
        .collect();
    let mut creatings = Vec::new();
    let mut responses = Vec::new();
    for (entry, _) in entries
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == Kind::Response)
    {
        let mut body = entry["resource"].clone();
        resolve(&mut body, &resolved);
        let (creating, response) =
            super::questionnaire_response::creating(state, user, body, &registering, now).await?;
        creatings.push(creating);
        responses.push(response);
    }

    let mut prepared = Vec::with_capacity(creatings.len());
    for (creating, response) in creatings.iter().zip(responses) {
        prepared.push(
            carepath_app::response::prepare(
                &state.store,
                creating.submission(state, user, response),
                now,
            )
            .await?,
        );
    }
    let mut together = carepath_store::response::Together::default();
    for (patient, event) in &patients {
        together.patient(patient, std::slice::from_ref(event), now);
    }
    for p in &prepared {
        together.response(p.save(), now);
    }
    match state.store.commit_together(together).await {
        Ok(()) => {}
        // Nothing was stored. A number registered by someone else meanwhile is answered
        // as a single registration would be; otherwise two entries had the same number.
        Err(carepath_store::StoreError::Duplicate(_)) => {
            for (patient, _) in &patients {
                if state.store.patient_by_nin(&patient.nin).await?.is_some() {
                    return Err(super::patient::refusal(
                        carepath_app::patient::registered_meanwhile(&state.store, user, patient)
                            .await,
                    ));
                }
            }
            return Err(FhirError::Conflict(Text::new(
                "api-transaction-same-number",
            )));
        }
        Err(e) => return Err(e.into()),
    }
    let mut submitted = Vec::with_capacity(prepared.len());
    for p in prepared {
        submitted.push(p.finish(&state.store, now).await?);
    }

    let base = &state.config.public_url;
    let mut patients = patients.into_iter().map(|(p, _)| p);
    let mut next_response = 0;
    let created: Vec<Creates> = kinds
        .iter()
        .enumerate()
        .filter_map(|(i, kind)| match kind {
            Kind::Patient => patients.next().map(|p| Creates::Patient(Box::new(p))),
            Kind::Response => {
                next_response += 1;
                Some(Creates::Response(next_response - 1))
            }
            Kind::Read => Some(Creates::Read(i)),
        })
        .collect();
    let router = crate::router(state.clone());
    let mut answers = Vec::with_capacity(created.len());
    for c in created {
        let (resource, location) = match c {
            Creates::Patient(p) => (
                super::patient::resource(&p),
                format!("{base}/fhir/Patient/{}/_history/1", p.id),
            ),
            Creates::Read(i) => {
                // A patient the Bundle registered is named as stored in the URL too.
                let mut entry = entries[i].clone();
                if let Some(url) = entry["request"]["url"].as_str() {
                    let url = resolved
                        .iter()
                        .fold(url.to_owned(), |u, (from, to)| u.replace(from.as_str(), to));
                    entry["request"]["url"] = Value::String(url);
                }
                // Checked before anything was stored.
                let Some(request) = request_of(&entry, headers) else {
                    continue;
                };
                answers.push(answer_of(&router, request).await);
                continue;
            }
            Creates::Response(i) => {
                let creating = &creatings[i];
                let stored = carepath_store::response::ResponseRecord::written(
                    creating.id.clone(),
                    creating.patient.to_string(),
                    submitted[i].owner,
                    now,
                    &submitted[i].response,
                )?;
                let served: Value =
                    serde_json::from_str(stored.served()?.get()).unwrap_or_default();
                (served, creating.location(state))
            }
        };
        answers.push(json!({
            "fullUrl": location.split("/_history").next().unwrap_or_default(),
            "resource": resource,
            "response": { "status": "201 Created", "location": location, "etag": "W/\"1\"" },
        }));
    }
    Ok(Fhir(json!({
        "resourceType": "Bundle",
        "type": "transaction-response",
        "entry": answers,
    })))
}

/// Every `reference` in `value` that names a resource of the Bundle by its `urn:uuid`
/// full URL, made to name it as stored.
fn resolve(value: &mut Value, resolved: &[(String, String)]) {
    match value {
        Value::Object(members) => {
            for (key, member) in members.iter_mut() {
                match member {
                    Value::String(s) if key == "reference" => {
                        if let Some((_, to)) = resolved.iter().find(|(from, _)| from == s) {
                            *s = to.clone();
                        }
                    }
                    other => resolve(other, resolved),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| resolve(i, resolved)),
        _ => {}
    }
}
