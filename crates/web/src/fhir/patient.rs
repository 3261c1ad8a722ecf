//! `GET /fhir/Patient/{patient}` and `GET /fhir/Patient?identifier=...`: a patient sees
//! only themselves; the care team sees the patients of their units; other roles none.
//! Every patient returned is recorded in the access log.

use axum::extract::{Path, RawQuery, State};
use carepath_domain::audit::AuditAction;
use carepath_domain::patient::Patient;
use carepath_domain::user::Role;
use carepath_domain::{Id, NationalIdNumber};
use carepath_fhir::outcome::searchset;
use carepath_fhir::patient::{NIN_SYSTEMS, patient_resource};

use super::{Fhir, FhirError};
use crate::AppState;
use crate::auth::CurrentUser;

/// The most patients in one page of a search.
const MAX_COUNT: i64 = 200;

/// How the caller may see patients.
enum Reach {
    /// A patient: themselves only.
    Own(Option<Patient>),
    /// A care team member: the patients of these units.
    Units(Vec<Id<carepath_domain::organization::Unit>>),
}

async fn reach(state: &AppState, user: &CurrentUser) -> Result<Reach, FhirError> {
    if user.is_care_team() {
        Ok(Reach::Units(user.care_units()))
    } else if user.is_patient() {
        Ok(Reach::Own(
            state.store.patient_for_user(user.account.id).await?,
        ))
    } else {
        Err(FhirError::Forbidden)
    }
}

/// Records that `user` read `patients` through the API.
async fn record_reads(
    state: &AppState,
    user: &CurrentUser,
    patients: &[&Patient],
) -> Result<(), FhirError> {
    let units = if user.is_care_team() {
        let ids: Vec<_> = patients.iter().map(|p| p.id).collect();
        state.store.units_of_patients(&ids).await?
    } else {
        std::collections::HashMap::new()
    };
    let mut events = Vec::with_capacity(patients.len());
    for p in patients {
        let (role, unit) = if user.is_care_team() {
            // The role the user holds in the patient's unit (clinician or coordinator).
            let theirs = units.get(&p.id);
            let grant = user.roles.iter().find(|g| {
                g.role.is_care_team()
                    && g.unit_id
                        .is_some_and(|u| theirs.is_some_and(|t| t.contains(&u)))
            });
            (
                grant.map_or(Role::Clinician, |g| g.role),
                grant.and_then(|g| g.unit_id),
            )
        } else {
            (Role::Patient, None)
        };
        events.push(crate::audit::event(
            user,
            role,
            unit,
            p.id,
            AuditAction::Read,
            "Patient",
            p.id,
        ));
    }
    crate::audit::record(state, &events).await?;
    Ok(())
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Fhir, FhirError> {
    let id: Id<Patient> = id.parse().map_err(|_| FhirError::NotFound)?;
    let patient = match reach(&state, &user).await? {
        Reach::Own(Some(me)) if me.id == id => me,
        Reach::Own(_) => return Err(FhirError::NotFound),
        Reach::Units(units) => {
            let theirs = state.store.patient_units(id).await?;
            if !units.iter().any(|u| theirs.contains(u)) {
                return Err(FhirError::NotFound);
            }
            state.store.patient(id).await?
        }
    };
    record_reads(&state, &user, &[&patient]).await?;
    Ok(Fhir(patient_resource(&patient)))
}

/// The search parameters understood; anything else is refused, so a client never gets a
/// broader answer than it asked for.
struct Search {
    identifier: Option<String>,
    count: i64,
    offset: i64,
}

fn parse_search(query: Option<&str>) -> Result<Search, FhirError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default())
        .map_err(|_| FhirError::BadRequest("The query string is malformed.".into()))?;
    let mut search = Search {
        identifier: None,
        count: 50,
        offset: 0,
    };
    let number = |name: &str, v: &str, max: i64| {
        v.parse::<i64>()
            .ok()
            .filter(|n| (0..=max).contains(n))
            .ok_or_else(|| {
                FhirError::BadRequest(format!("{name} must be a whole number from 0 to {max}."))
            })
    };
    for (name, value) in pairs {
        match name.as_str() {
            "identifier" => search.identifier = Some(value),
            "_count" => search.count = number("_count", &value, MAX_COUNT)?,
            "_offset" => search.offset = number("_offset", &value, i64::from(i32::MAX))?,
            "_format" if value.contains("json") => {}
            other => {
                return Err(FhirError::BadRequest(format!(
                    "The search parameter {other} is not supported (supported: identifier, _count, _offset)."
                )));
            }
        }
    }
    Ok(search)
}

/// `system|value` or `value`; `None` when it cannot name a national identity number, so
/// nothing matches.
fn identifier_number(identifier: &str) -> Option<NationalIdNumber> {
    let value = match identifier.split_once('|') {
        Some((system, value)) if system.is_empty() || NIN_SYSTEMS.contains(&system) => value,
        Some(_) => return None,
        None => identifier,
    };
    NationalIdNumber::parse(value).ok()
}

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    RawQuery(query): RawQuery,
) -> Result<Fhir, FhirError> {
    let search = parse_search(query.as_deref())?;
    let nin = match search.identifier.as_deref() {
        Some(identifier) => match identifier_number(identifier) {
            Some(nin) => Some(nin),
            None => return Ok(empty(&state, query.as_deref())),
        },
        None => None,
    };
    let (patients, total) = match reach(&state, &user).await? {
        Reach::Own(me) => {
            let me: Vec<Patient> = me
                .into_iter()
                .filter(|p| nin.as_ref().is_none_or(|n| *n == p.nin))
                .collect();
            let total = me.len() as i64;
            let page = me
                .into_iter()
                .skip(usize::try_from(search.offset).unwrap_or(usize::MAX))
                .take(usize::try_from(search.count).unwrap_or(0))
                .collect();
            (page, total)
        }
        Reach::Units(units) => {
            if search.count == 0 {
                (Vec::new(), 0)
            } else {
                let page = state
                    .store
                    .patients_in_units(&units, nin.as_ref(), search.offset, search.count)
                    .await?;
                (page.items, page.total)
            }
        }
    };
    record_reads(&state, &user, &patients.iter().collect::<Vec<_>>()).await?;
    let shown = search.offset + patients.len() as i64;
    let next = (shown < total && !patients.is_empty()).then(|| {
        let mut q: Vec<(String, String)> = Vec::new();
        if let Some(i) = &search.identifier {
            q.push(("identifier".into(), i.clone()));
        }
        q.push(("_count".into(), search.count.to_string()));
        q.push(("_offset".into(), shown.to_string()));
        format!(
            "/fhir/Patient?{}",
            serde_urlencoded::to_string(q).unwrap_or_default()
        )
    });
    Ok(Fhir(searchset(
        &state.config.public_url,
        &self_link(query.as_deref()),
        patients.iter().map(patient_resource).collect(),
        total,
        next,
    )))
}

fn self_link(query: Option<&str>) -> String {
    match query {
        Some(q) if !q.is_empty() => format!("/fhir/Patient?{q}"),
        _ => "/fhir/Patient".into(),
    }
}

fn empty(state: &AppState, query: Option<&str>) -> Fhir {
    Fhir(searchset(
        &state.config.public_url,
        &self_link(query),
        Vec::new(),
        0,
        None,
    ))
}
