//! `Flag` through the API: the alerts the self-management plan raised (yellow or red
//! measurements), read and searched (`subject`/`patient`, `status` active or inactive)
//! under the same access rules as the patient's other records; each returned is logged.

use axum::extract::{Path, State};
use axum::response::Response;
use carepath_domain::audit::AuditAction;
use carepath_fhir::outcome::searchset;
use carepath_i18n::Text;
use carepath_store::alert::Alert;
use serde_json::{Value, json};

use super::patient::{read_of, record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec};
use super::{Fhir, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

pub(crate) fn resource(a: &Alert) -> Value {
    let mut r = json!({
        "resourceType": "Flag",
        "id": a.id,
        "status": if a.acknowledged { "inactive" } else { "active" },
        "category": [{ "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/flag-category",
            "code": "clinical", "display": "Clinical"
        }]}],
        "code": {
            "coding": [{
                "system": "https://carepath.no/fhir/CodeSystem/alert-colour",
                "code": a.colour.as_str(),
                "display": carepath_i18n::t(carepath_i18n::Lang::Nb, carepath_i18n::colour_key(a.colour)),
            }],
            "text": format!(
                "{}: {}",
                carepath_i18n::t(carepath_i18n::Lang::Nb, carepath_i18n::colour_key(a.colour)),
                crate::alert::what(a)
            ),
        },
        "subject": { "reference": format!("Patient/{}", a.patient_id) },
        "period": { "start": a.raised_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true) },
    });
    if let Some(done) = a.acknowledged_at {
        r["period"]["end"] = Value::String(done.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    with_meta(r, a.version, Some(a.acknowledged_at.unwrap_or(a.raised_at)))
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let alert = state.store.alert(&id).await?.ok_or(FhirError::NotFound)?;
    read_of(
        &state,
        &user,
        &alert.patient_id.to_string(),
        Some(alert.unit_id),
        &[],
        "Flag",
        &id,
        None,
    )
    .await?;
    Ok(versioned(resource(&alert), alert.version, None))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec::of(&[
    ("subject", "reference"),
    ("patient", "reference"),
    ("status", "token"),
    ("_id", "token"),
    ("_lastUpdated", "date"),
]);

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &SEARCH)?;
    let patient = params.patient(&["subject", "patient"])?;
    let acknowledged = match params.one("status")? {
        None => None,
        Some("active") => Some(false),
        Some("inactive") => Some(true),
        Some(_) => {
            return Err(FhirError::BadRequest(Text::new("api-flag-status")));
        }
    };
    let scope = scope(&state, &user).await?;
    let (alerts, total) = state
        .store
        .search_alerts(
            &scope,
            patient,
            acknowledged,
            &params.common()?,
            params.offset,
            params.count,
        )
        .await?;
    let entries: Vec<_> = alerts
        .iter()
        .map(|a| (a.patient_id, AuditAction::Read, "Flag", a.id.clone()))
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_link("Flag", alerts.len() as i64, total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &params.self_link("Flag"),
        alerts.iter().map(resource).collect(),
        total,
        next,
    )))
}
