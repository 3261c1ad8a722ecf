//! `Consent` through the API (decision 0037): a patient's research consent, read and
//! searched (`patient`) by the patient and by the care team of a unit caring for them.
//! Its id is the patient's (one research consent per patient). Every consent returned is
//! in the access log.

use axum::extract::{Path, State};
use axum::response::Response;
use carepath_domain::Id;
use carepath_domain::audit::AuditAction;
use carepath_domain::patient::Patient;
use carepath_domain::research::{Consent, ConsentStatus};
use carepath_store::response::Scope;

use super::patient::{record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec};
use super::{Fhir, FhirError, versioned};
use crate::AppState;
use crate::auth::CurrentUser;

fn resource(patient: Id<Patient>, c: &Consent) -> serde_json::Value {
    carepath_fhir::research::consent(
        &patient.to_string(),
        c.status == ConsentStatus::Active,
        c.decided_at,
        c.version,
    )
}

/// The consent of `patient` if `user` reaches the patient and there is one.
async fn of(
    state: &AppState,
    user: &CurrentUser,
    patient: Id<Patient>,
) -> Result<Option<Consent>, FhirError> {
    if user.patient(&state.store, patient).await?.is_none() {
        return Ok(None);
    }
    Ok(state.store.consent(patient).await?)
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let patient: Id<Patient> = id.parse().map_err(|_| FhirError::NotFound)?;
    let c = of(&state, &user, patient)
        .await?
        .ok_or(FhirError::NotFound)?;
    record_access(
        &state,
        &user,
        &[(patient, AuditAction::Read, "Consent", patient.to_string())],
    )
    .await?;
    Ok(versioned(resource(patient, &c), c.version, None))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec::of(&[
    ("patient", "reference"),
    ("_id", "token"),
    ("_lastUpdated", "date"),
]);

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &SEARCH)?;
    let common = params.common()?;
    // A consent's id is its patient's, so `_id` names patients as `patient` does.
    let asked: Vec<Id<Patient>> = match params.patient(&["patient"])? {
        Some(p) => vec![p],
        None => common.ids.iter().filter_map(|i| i.parse().ok()).collect(),
    };
    let patients = match scope(&state, &user).await? {
        Scope::Patient(me) if asked.is_empty() || asked.contains(&me) => vec![me],
        Scope::Patient(_) => Vec::new(),
        Scope::Units(_) => asked,
    };
    let mut found: Vec<(Id<Patient>, Consent)> = Vec::new();
    for p in patients {
        if let Some(c) = of(&state, &user, p).await?
            && common.admits(&p.to_string(), Some(c.decided_at))
        {
            found.push((p, c));
        }
    }
    let entries: Vec<_> = found
        .iter()
        .map(|(p, _)| (*p, AuditAction::Read, "Consent", p.to_string()))
        .collect();
    record_access(&state, &user, &entries).await?;
    let total = found.len() as i64;
    Ok(Fhir(carepath_fhir::outcome::searchset(
        &state.config.public_url,
        &params.self_link("Consent"),
        found.iter().map(|(p, c)| resource(*p, c)).collect(),
        total,
        None,
    )))
}
