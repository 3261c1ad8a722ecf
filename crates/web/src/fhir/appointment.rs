//! `Appointment` through the API (decision 0036): read, and searched by `patient` (or
//! `actor`), `date` and `status`, under the same access policy as the pages. A patient
//! sees their own appointments and, in a group session, no other patient. Every
//! appointment returned is in the access log.

use axum::extract::{Path, State};
use axum::response::Response;
use carepath_domain::Id;
use carepath_domain::appointment::{Appointment, AppointmentStatus};
use carepath_domain::audit::AuditAction;
use carepath_fhir::appointment::appointment_resource;
use carepath_i18n::Text;
use carepath_store::response::Scope;

use super::patient::{record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec, date_range};
use super::{Fhir, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

/// The most appointments one search looks through before paging.
const SEARCHED: i64 = 10_000;

pub(crate) fn resource(a: &Appointment) -> serde_json::Value {
    with_meta(appointment_resource(a), a.version, Some(a.created_at))
}

/// `a` as `scope` may see it: a patient only themselves among its participants.
pub(crate) fn seen_by(mut a: Appointment, scope: &Scope) -> Appointment {
    if let Scope::Patient(me) = scope {
        a.participants.retain(|p| p.patient_id == *me);
    }
    a
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let id: Id<Appointment> = id.parse().map_err(|_| FhirError::NotFound)?;
    let a = state
        .store
        .appointment(id)
        .await?
        .ok_or(FhirError::NotFound)?;
    let scope = scope(&state, &user).await?;
    // Read through the first patient the reader may see in it.
    let patient = match &scope {
        Scope::Patient(me) => a.has(*me).then_some(*me),
        Scope::Units(units) => units
            .contains(&a.unit_id)
            .then(|| a.participants.first().map(|p| p.patient_id))
            .flatten(),
    }
    .ok_or(FhirError::NotFound)?;
    super::patient::read_of(
        &state,
        &user,
        &patient.to_string(),
        Some(a.unit_id),
        &[],
        "Appointment",
        &a.id.to_string(),
        None,
    )
    .await?;
    let version = a.version;
    Ok(versioned(resource(&seen_by(a, &scope)), version, None))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec::of(&[
    ("patient", "reference"),
    ("actor", "reference"),
    ("date", "date"),
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
    let patient = params.patient(&["patient", "actor"])?;
    let status = match params.one("status")? {
        None => None,
        Some(s) => Some(
            AppointmentStatus::parse(s)
                .ok_or_else(|| FhirError::BadRequest(Text::new("api-appointment-status")))?,
        ),
    };
    let date = date_range("date", params.all("date"))?;
    let scope = scope(&state, &user).await?;
    let mut found: Vec<Appointment> = match (&scope, patient) {
        (Scope::Patient(me), p) if p.is_none_or(|p| p == *me) => {
            state.store.patient_appointments(*me).await?
        }
        (Scope::Patient(_), _) => Vec::new(),
        (Scope::Units(units), Some(p)) => {
            let mut all = state.store.patient_appointments(p).await?;
            all.retain(|a| units.contains(&a.unit_id));
            all
        }
        (Scope::Units(units), None) => {
            let since = date.from.unwrap_or(chrono::DateTime::UNIX_EPOCH);
            let mut all = Vec::new();
            for unit in units {
                all.extend(
                    state
                        .store
                        .unit_appointments(*unit, since, SEARCHED)
                        .await?,
                );
            }
            all
        }
    };
    let common = params.common()?;
    found.retain(|a| {
        common.admits(&a.id.to_string(), Some(a.created_at))
            && status.is_none_or(|s| a.status == s)
            && date.from.is_none_or(|f| a.end() >= f)
            && date.until.is_none_or(|u| a.start <= u)
            // `ne` leaves out a period that lies wholly within its value's range.
            && !date
                .except
                .iter()
                .any(|(lo, hi)| a.start >= *lo && a.end() <= *hi)
            && !a.participants.is_empty()
    });
    found.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
    let total = found.len() as i64;
    let page: Vec<Appointment> = found
        .into_iter()
        .skip(usize::try_from(params.offset).unwrap_or(0))
        .take(usize::try_from(params.count).unwrap_or(0))
        .map(|a| seen_by(a, &scope))
        .collect();
    let entries: Vec<_> = page
        .iter()
        .flat_map(|a| {
            a.participants.iter().map(|p| {
                (
                    p.patient_id,
                    AuditAction::Read,
                    "Appointment",
                    a.id.to_string(),
                )
            })
        })
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_link("Appointment", page.len() as i64, total);
    Ok(Fhir(carepath_fhir::outcome::searchset(
        &state.config.public_url,
        &params.self_link("Appointment"),
        page.iter().map(resource).collect(),
        total,
        next,
    )))
}
