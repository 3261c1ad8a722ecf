//! `Communication` through the API (decision 0031): the secure messages of an enrollment's
//! thread, read, searched (`subject`/`patient`, `recipient`, `status`) and sent under the
//! same access policy and use case as the pages; attachments come as `Binary`. The team is
//! the unit (`Organization/{unit}`, served read-only), never one person. Every message
//! returned is in the access log.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use carepath_app::message::{Draft, SendError};
use carepath_domain::Id;
use carepath_domain::audit::AuditAction;
use carepath_domain::enrollment::{Enrollment, EnrollmentStatus};
use carepath_domain::organization::Unit;
use carepath_i18n::Text;
use carepath_store::message::Message;
use carepath_store::response::Scope;
use serde_json::{Value, json};

use super::patient::{record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec, patient_reference};
use super::{Fhir, FhirBody, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A message as a `Communication`; its files are linked as `Binary`.
pub(crate) fn resource(m: &Message, public_url: &str) -> Value {
    let patient = json!({ "reference": format!("Patient/{}", m.patient_id) });
    let team = json!({ "reference": format!("Organization/{}", m.unit_id) });
    let (sender, recipient) = if m.from_patient {
        (patient.clone(), team)
    } else {
        let mut sender = team;
        sender["display"] = Value::String(m.sender_name.clone());
        (sender, patient.clone())
    };
    let mut payload = Vec::new();
    if !m.body.is_empty() {
        payload.push(json!({ "contentString": m.body }));
    }
    for a in &m.attachments {
        payload.push(json!({ "contentAttachment": {
            "contentType": a.media_type,
            "url": format!("{}/fhir/Binary/{}", public_url.trim_end_matches('/'), a.id),
            "size": a.size,
            "title": a.file_name,
        }}));
    }
    let mut r = json!({
        "resourceType": "Communication",
        "id": m.id.to_string(),
        "basedOn": [{ "reference": format!("CarePlan/{}", m.enrollment_id) }],
        "status": "completed",
        "subject": patient,
        "sent": time(m.sent_at),
        "recipient": [recipient],
        "sender": sender,
        "payload": payload,
    });
    if let Some(read) = m.read_at {
        r["received"] = Value::String(time(read));
    }
    if let Some(to) = m.in_response_to {
        r["inResponseTo"] = json!([{ "reference": format!("Communication/{to}") }]);
    }
    with_meta(r, 1, Some(m.sent_at))
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let id: Id<Message> = id.parse().map_err(|_| FhirError::NotFound)?;
    let m = state.store.message(id).await?.ok_or(FhirError::NotFound)?;
    super::patient::read_of(
        &state,
        &user,
        &m.patient_id.to_string(),
        Some(m.unit_id),
        &[],
        "Communication",
        &m.id.to_string(),
        None,
    )
    .await?;
    Ok(versioned(resource(&m, &state.config.public_url), 1, None))
}

/// The most messages one search looks through before paging.
pub(crate) const SEARCHED: i64 = 10_000;

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec {
    params: &[
        ("subject", "reference"),
        ("patient", "reference"),
        ("recipient", "reference"),
        ("status", "token"),
        ("_id", "token"),
        ("_lastUpdated", "date"),
    ],
    sorts: &[],
    includes: &["Communication:based-on"],
    revincludes: &[],
};

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &SEARCH)?;
    let patient = params.patient(&["subject", "patient"])?;
    // To the team of a unit (`Organization/{id}`), or to a patient (`Patient/{id}`).
    let recipient = match params.one("recipient")? {
        None => None,
        Some(r) => Some(if let Some(unit) = r.strip_prefix("Organization/") {
            let unit: Id<Unit> = unit
                .parse()
                .map_err(|_| FhirError::BadRequest(Text::new("api-communication-recipient")))?;
            (None, Some(unit))
        } else {
            let p = patient_reference(r)
                .ok_or_else(|| FhirError::BadRequest(Text::new("api-communication-recipient")))?;
            (Some(p), None)
        }),
    };
    let status_ok = match params.one("status")? {
        None | Some("completed") => true,
        Some(
            "preparation" | "in-progress" | "not-done" | "on-hold" | "stopped" | "entered-in-error"
            | "unknown",
        ) => false,
        Some(_) => return Err(FhirError::BadRequest(Text::new("api-communication-status"))),
    };
    let scope = scope(&state, &user).await?;
    let mut found = if !status_ok {
        Vec::new()
    } else {
        match &scope {
            Scope::Patient(me) => {
                if patient.is_some_and(|p| p != *me) {
                    Vec::new()
                } else {
                    state
                        .store
                        .search_messages(Some(*me), None, SEARCHED)
                        .await?
                }
            }
            Scope::Units(units) => {
                state
                    .store
                    .search_messages(patient, Some(units), SEARCHED)
                    .await?
            }
        }
    };
    let common = params.common()?;
    found.retain(|m| common.admits(&m.id.to_string(), Some(m.sent_at)));
    if let Some((to_patient, to_unit)) = recipient {
        found.retain(|m| match (to_patient, to_unit) {
            (Some(p), _) => !m.from_patient && m.patient_id == p,
            (_, Some(u)) => m.from_patient && m.unit_id == u,
            _ => true,
        });
    }
    let total = found.len() as i64;
    let page: Vec<&Message> = found
        .iter()
        .skip(usize::try_from(params.offset).unwrap_or(0))
        .take(usize::try_from(params.count).unwrap_or(0))
        .collect();
    let entries: Vec<_> = page
        .iter()
        .map(|m| {
            (
                m.patient_id,
                AuditAction::Read,
                "Communication",
                m.id.to_string(),
            )
        })
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_link("Communication", page.len() as i64, total);
    let mut bundle = carepath_fhir::outcome::searchset(
        &state.config.public_url,
        &params.self_link("Communication"),
        page.iter()
            .map(|m| resource(m, &state.config.public_url))
            .collect(),
        total,
        next,
    );
    if params.includes("_include", "Communication:based-on") {
        let plans = page.iter().map(|m| m.enrollment_id);
        let included = super::plan::included_care_plans(&state, &user, plans).await?;
        carepath_fhir::outcome::include(&mut bundle, &state.config.public_url, included);
    }
    Ok(Fhir(bundle))
}

/// `POST /fhir/Communication`: a message in the thread of the enrollment named in
/// `basedOn` (`CarePlan/{id}`); without it, the thread of the patient's active enrollment
/// (one of the sender's units for a care team member). Text in `payload.contentString`,
/// files in `payload.contentAttachment.data` (base64), checked as on the pages.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    if body["resourceType"] != "Communication" {
        return Err(FhirError::invalid(
            Text::new("api-resource-type").with("type", "Communication"),
            Some("Communication.resourceType"),
        ));
    }
    let patient = body["subject"]["reference"]
        .as_str()
        .and_then(patient_reference)
        .ok_or_else(|| {
            FhirError::invalid(Text::new("api-subject"), Some("Communication.subject"))
        })?;
    let now = state.clock.now();
    let Some(reach) = user.patient(&state.store, patient).await? else {
        return Err(FhirError::Forbidden);
    };
    let enrollment = match body["basedOn"][0]["reference"].as_str() {
        Some(r) => r
            .strip_prefix("CarePlan/")
            .and_then(|id| id.parse::<Id<Enrollment>>().ok())
            .ok_or_else(|| {
                FhirError::invalid(
                    Text::new("api-communication-based-on"),
                    Some("Communication.basedOn"),
                )
            })?,
        None => state
            .store
            .patient_enrollments(patient)
            .await?
            .into_iter()
            .find(|e| {
                e.status == EnrollmentStatus::Active
                    && (user.is_patient() || user.works_in(e.unit_id))
            })
            .map(|e| e.id)
            .ok_or_else(|| FhirError::Conflict(Text::new("api-communication-no-thread")))?,
    };
    let mut text = Vec::new();
    let mut files = Vec::new();
    for (i, part) in body["payload"].as_array().into_iter().flatten().enumerate() {
        if let Some(s) = part["contentString"].as_str() {
            text.push(s.to_owned());
        } else if part["contentAttachment"].is_object() {
            let a = &part["contentAttachment"];
            let data = a["data"].as_str().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .map_err(|_| {
                    FhirError::invalid(
                        Text::new("api-communication-data"),
                        Some(&format!(
                            "Communication.payload[{i}].contentAttachment.data"
                        )),
                    )
                })?;
            let name = a["title"].as_str().unwrap_or_default().to_owned();
            files.push((name, bytes));
        }
    }
    let in_response_to = body["inResponseTo"][0]["reference"]
        .as_str()
        .and_then(|r| r.strip_prefix("Communication/"))
        .and_then(|id| id.parse().ok());
    let draft = Draft {
        body: text.join("\n\n"),
        files,
        in_response_to,
        history: false,
        code: None,
    };
    let sent = carepath_app::message::send(
        &state.store,
        &user,
        &reach,
        enrollment,
        draft,
        Some(&state.config.public_url),
        now,
    )
    .await;
    let m = match sent {
        Ok(m) => m,
        Err(SendError::Store(carepath_store::StoreError::NotFound(_)) | SendError::NotYours) => {
            return Err(FhirError::Forbidden);
        }
        Err(SendError::Store(e)) => return Err(e.into()),
        Err(SendError::Closed) => {
            return Err(FhirError::Conflict(Text::new("api-communication-closed")));
        }
        // The API records no activity code; kept for completeness.
        Err(SendError::UnknownCode) => {
            return Err(FhirError::invalid(Text::new("api-activity-code"), None));
        }
        Err(SendError::Body(e)) => {
            let key = match e {
                carepath_domain::conversation::BodyError::Empty => "api-communication-empty",
                carepath_domain::conversation::BodyError::TooLong => "api-communication-long",
            };
            return Err(FhirError::invalid(
                Text::new(key),
                Some("Communication.payload"),
            ));
        }
        Err(SendError::File { index, error }) => {
            use carepath_domain::conversation::FileError;
            let key = match error {
                FileError::TooLarge => "api-communication-file-large",
                FileError::NotAllowed => "api-communication-file-type",
                FileError::Damaged => "api-communication-file-damaged",
                FileError::TooMany => "api-communication-file-many",
            };
            return Err(FhirError::invalid(
                Text::new(key).with("n", i64::try_from(index + 1).unwrap_or(0)),
                Some("Communication.payload"),
            ));
        }
    };
    let stored = state.store.message(m.id).await?.unwrap_or(m);
    let location = format!(
        "{}/fhir/Communication/{}",
        state.config.public_url.trim_end_matches('/'),
        stored.id
    );
    Ok(versioned(
        resource(&stored, &state.config.public_url),
        1,
        Some(&location),
    ))
}

/// An attachment as a `Binary` resource with its content (for the patient's own copy).
pub(crate) fn binary_resource(file: &carepath_store::message::Attachment, bytes: &[u8]) -> Value {
    json!({
        "resourceType": "Binary",
        "id": file.id.to_string(),
        "contentType": file.media_type,
        "data": base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

/// `GET /fhir/Binary/{id}`: a message's attachment, as its bytes.
pub(crate) async fn binary(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let id = id.parse().map_err(|_| FhirError::NotFound)?;
    let (file, bytes) =
        carepath_app::message::attachment(&state.store, &user, id, state.clock.now())
            .await?
            .ok_or(FhirError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, file.media_type)], bytes).into_response())
}

/// `GET /fhir/Organization/{id}`: a unit, the team messages are addressed to. Any user of
/// the API may read a unit: its name is not patient data.
pub(crate) async fn organization(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let id: Id<Unit> = id.parse().map_err(|_| FhirError::NotFound)?;
    let unit = state.store.unit(id).await?;
    let contacts = state.store.unit_contacts(id).await?;
    let mut r = json!({
        "resourceType": "Organization",
        "id": unit.id.to_string(),
        "active": true,
        "name": unit.name,
    });
    if let Some(phone) = contacts.phone {
        r["telecom"] = json!([{ "system": "phone", "value": phone, "use": "work" }]);
    }
    Ok(versioned(with_meta(r, 1, None), 1, None))
}
