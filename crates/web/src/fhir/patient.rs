//! `Patient` through the API: read and search (a patient sees only themselves; the care
//! team sees the patients of their units; other roles none), and create and update by the
//! care team. Every patient returned or changed is recorded in the access log.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use carepath_domain::audit::AuditAction;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::user::Role;
use carepath_domain::{Id, NationalIdNumber};
use carepath_fhir::outcome::searchset;
use carepath_fhir::patient::{NIN_SYSTEMS, PatientFields, patient_fields, patient_resource};
use carepath_store::StoreError;

use super::search::{Params, self_link};
use super::{Fhir, FhirBody, FhirError, if_match, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

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
    let entries: Vec<Access> = patients
        .iter()
        .map(|p| (p.id, AuditAction::Read, "Patient", p.id.to_string()))
        .collect();
    record_access(state, user, &entries).await
}

/// One access to record: whose, what was done, and to which resource.
pub(crate) type Access = (Id<Patient>, AuditAction, &'static str, String);

/// Records `entries` in the access log, each with the role the user holds for that
/// patient (the care-team role in the patient's unit, or the patient themselves).
pub(crate) async fn record_access(
    state: &AppState,
    user: &CurrentUser,
    entries: &[Access],
) -> Result<(), FhirError> {
    let events = access_events(state, user, entries).await?;
    crate::audit::record(state, &events).await?;
    Ok(())
}

/// The access-log events of `entries`, for a write to commit with its change: one event
/// per patient, action and resource type, naming every resource of it (space-separated),
/// so a page of search results costs one event per patient, not one per resource.
pub(crate) async fn access_events(
    state: &AppState,
    user: &CurrentUser,
    entries: &[Access],
) -> Result<Vec<carepath_domain::audit::AuditEvent>, FhirError> {
    let units = if user.is_care_team() {
        let mut ids: Vec<_> = entries.iter().map(|e| e.0).collect();
        ids.sort();
        ids.dedup();
        state.store.units_of_patients(&ids).await?
    } else {
        std::collections::HashMap::new()
    };
    // In the order first shown.
    let mut grouped: Vec<(Id<Patient>, AuditAction, &'static str, String)> = Vec::new();
    for (patient, action, resource_type, resource_id) in entries {
        match grouped
            .iter_mut()
            .find(|g| g.0 == *patient && g.1 == *action && g.2 == *resource_type)
        {
            Some(g) => {
                g.3.push(' ');
                g.3.push_str(resource_id);
            }
            None => grouped.push((*patient, *action, resource_type, resource_id.clone())),
        }
    }
    Ok(grouped
        .into_iter()
        .map(|(patient, action, resource_type, resource_id)| {
            let (role, unit) = if user.is_care_team() {
                // The role the user holds in the patient's unit (clinician or coordinator).
                let theirs = units.get(&patient);
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
            crate::audit::event(
                user,
                role,
                unit,
                patient,
                action,
                resource_type,
                resource_id,
            )
        })
        .collect())
}

/// Whether `user` may see the records of `patient` (a patient: only their own; the care
/// team: the patients of their units); other roles are refused.
pub(crate) async fn may_see(
    state: &AppState,
    user: &CurrentUser,
    patient: Id<Patient>,
) -> Result<bool, FhirError> {
    Ok(grant(state, user, patient).await?.is_some())
}

/// The role (and unit) in which `user` may see `patient`'s records, for the access log;
/// `None` when they may not.
pub(crate) async fn grant(
    state: &AppState,
    user: &CurrentUser,
    patient: Id<Patient>,
) -> Result<Option<(Role, Option<Id<carepath_domain::organization::Unit>>)>, FhirError> {
    Ok(match reach(state, user).await? {
        Reach::Own(me) => me
            .filter(|me| me.id == patient)
            .map(|_| (Role::Patient, None)),
        Reach::Units(units) => {
            let theirs = state.store.patient_units(patient).await?;
            user.roles
                .iter()
                .find(|g| {
                    g.role.is_care_team()
                        && g.unit_id
                            .is_some_and(|u| units.contains(&u) && theirs.contains(&u))
                })
                .map(|g| (g.role, g.unit_id))
        }
    })
}

/// The check and the access-log entry of reading one record of `patient_id` (as stored)
/// owned by `owner`: the patient reads all their own records; a care team member only the
/// records their own unit owns (decision 0026), never another unit's records of the same
/// patient. 404 otherwise, so its existence is not revealed.
pub(crate) async fn read_of(
    state: &AppState,
    user: &CurrentUser,
    patient_id: &str,
    owner: Option<Id<Unit>>,
    resource_type: &'static str,
    id: &str,
) -> Result<(), FhirError> {
    let patient: Id<Patient> = patient_id.parse().map_err(|_| FhirError::NotFound)?;
    let (role, unit) = match reach(state, user).await? {
        Reach::Own(Some(me)) if me.id == patient => (Role::Patient, None),
        Reach::Own(_) => return Err(FhirError::NotFound),
        Reach::Units(units) => match owner.filter(|o| units.contains(o)) {
            Some(owner) => (user.role_in(owner), Some(owner)),
            None => {
                refused(state, user, patient, resource_type, id).await;
                return Err(FhirError::NotFound);
            }
        },
    };
    let event = crate::audit::event(
        user,
        role,
        unit,
        patient,
        AuditAction::Read,
        resource_type,
        id,
    );
    crate::audit::record(state, &[event]).await?;
    Ok(())
}

/// Records a refused attempt by a care team member to read another unit's record of a
/// patient, for the unusual-access report. Best effort: the refusal stands either way.
async fn refused(
    state: &AppState,
    user: &CurrentUser,
    patient: Id<Patient>,
    resource_type: &'static str,
    id: &str,
) {
    let event = carepath_domain::audit::AuditEvent {
        reason: Some(carepath_domain::audit::REFUSED_OTHER_UNIT.into()),
        ..crate::audit::event(
            user,
            user.care_units()
                .first()
                .map_or(Role::Clinician, |u| user.role_in(*u)),
            user.care_units().first().copied(),
            patient,
            AuditAction::Read,
            resource_type,
            id,
        )
    };
    if crate::audit::record(state, &[event]).await.is_err() {
        tracing::warn!("a refused access could not be recorded");
    }
}

/// The records a search by `user` may return.
pub(crate) async fn scope(
    state: &AppState,
    user: &CurrentUser,
) -> Result<carepath_store::response::Scope, FhirError> {
    use carepath_store::response::Scope;
    Ok(match reach(state, user).await? {
        Reach::Own(Some(me)) => Scope::Patient(me.id),
        // A patient account without a patient record sees nothing.
        Reach::Own(None) => Scope::Units(Vec::new()),
        Reach::Units(units) => Scope::Units(units),
    })
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
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
    Ok(versioned(resource(&patient), patient.version, None))
}

/// The `Patient` with its `meta.versionId`.
fn resource(patient: &Patient) -> serde_json::Value {
    with_meta(patient_resource(patient), patient.version, None)
}

/// The unit that will manage a patient the user registers or changes: the one named in
/// `managingOrganization`, which must be one of the user's units, or else their only unit
/// (`current` on an update).
fn managing_unit(
    user: &CurrentUser,
    named: Option<&str>,
    current: Option<Id<Unit>>,
) -> Result<Id<Unit>, FhirError> {
    let units = user.care_units();
    let not_yours = || {
        FhirError::invalid(
            "managingOrganization must be one of your units (Organization/{unit id}).",
            Some("Patient.managingOrganization"),
        )
    };
    match (named, current) {
        (Some(named), _) => named
            .parse()
            .ok()
            .filter(|u| units.contains(u))
            .ok_or_else(not_yours),
        (None, Some(current)) => Ok(current),
        (None, None) => match units.as_slice() {
            [only] => Ok(*only),
            _ => Err(FhirError::invalid(
                "You work in several units: name the one that manages the patient in managingOrganization (Organization/{unit id}).",
                Some("Patient.managingOrganization"),
            )),
        },
    }
}

fn checked(body: &serde_json::Value) -> Result<PatientFields, FhirError> {
    patient_fields(body).map_err(FhirError::Unprocessable)
}

/// `POST /fhir/Patient`: the care team registers a patient in one of their units, so that
/// questionnaires and referrals can follow. A number already registered is a 409.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    if !user.is_care_team() {
        return Err(FhirError::Forbidden);
    }
    let fields = checked(&body)?;
    let unit = managing_unit(&user, fields.managing_unit.as_deref(), None)?;
    if let Some(existing) = state.store.patient_by_nin(&fields.nin).await? {
        return Err(already_registered(&state, &user, existing.id).await?);
    }
    let patient = Patient {
        id: Id::new(),
        nin: fields.nin,
        name: fields.name,
        birth_date: fields.birth_date,
        user_id: None,
        gp_name: fields.gp_name,
        managing_unit: Some(unit),
        version: 1,
        email: fields.email,
        mobile: fields.mobile,
        name_parts: fields.name_parts,
        gender: fields.gender,
    };
    let event = crate::audit::event(
        &user,
        user.role_in(unit),
        Some(unit),
        patient.id,
        AuditAction::Create,
        "Patient",
        patient.id,
    );
    match state
        .store
        .create_patient(&patient, state.clock.now(), &[event])
        .await
    {
        Ok(()) => {}
        // Registered by someone else a moment ago.
        Err(StoreError::Duplicate(_)) => {
            let existing = state.store.patient_by_nin(&patient.nin).await?;
            return Err(match existing {
                Some(p) => already_registered(&state, &user, p.id).await?,
                None => {
                    FhirError::Conflict("The patient could not be registered; try again.".into())
                }
            });
        }
        Err(e) => return Err(e.into()),
    }
    let location = format!(
        "{}/fhir/Patient/{}/_history/1",
        state.config.public_url, patient.id
    );
    Ok(versioned(resource(&patient), 1, Some(&location)))
}

/// The 409 for a number that is already registered; it names the patient only to those
/// who may see them.
async fn already_registered(
    state: &AppState,
    user: &CurrentUser,
    existing: Id<Patient>,
) -> Result<FhirError, FhirError> {
    Ok(FhirError::Conflict(
        if may_see(state, user, existing).await? {
            format!(
                "This national identity number is already registered as Patient/{existing}; update that patient instead."
            )
        } else {
            "This national identity number is already registered in another unit; register a referral to your unit to reach the patient.".into()
        },
    ))
}

/// `PUT /fhir/Patient/{id}`: the care team of the patient's units corrects the number
/// (e.g. a D-number replaced by a fødselsnummer), the name, the GP or the managing unit.
/// `If-Match` guards against overwriting a change made meanwhile.
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    if !user.is_care_team() {
        return Err(FhirError::Forbidden);
    }
    let patient_id: Id<Patient> = id.parse().map_err(|_| FhirError::NotFound)?;
    let Some((role, unit)) = grant(&state, &user, patient_id).await? else {
        return Err(FhirError::NotFound);
    };
    // The shared record is changed by the units that keep records on it (the managing
    // unit, or one running an enrollment), not by one that has only a referral.
    let keepers = state.store.record_units(patient_id).await?;
    if !user.care_units().iter().any(|u| keepers.contains(u)) {
        return Err(FhirError::Forbidden);
    }
    if body.get("id").and_then(|v| v.as_str()) != Some(id.as_str()) {
        return Err(FhirError::BadRequest(
            "The resource's id must be the id in the URL.".into(),
        ));
    }
    let fields = checked(&body)?;
    let current = state.store.patient(patient_id).await?;
    let expected = if_match(&headers)?;
    if expected.is_some_and(|v| v != current.version) {
        return Err(FhirError::PreconditionFailed(format!(
            "The patient is at version {}; read it again and send your change against that version.",
            current.version
        )));
    }
    let managing = managing_unit(
        &user,
        fields.managing_unit.as_deref(),
        current.managing_unit,
    )?;
    let mut changed = Patient {
        nin: fields.nin,
        name: fields.name,
        birth_date: fields.birth_date,
        gp_name: fields.gp_name,
        managing_unit: Some(managing),
        email: fields.email,
        mobile: fields.mobile,
        name_parts: fields.name_parts,
        gender: fields.gender,
        ..current
    };
    let event = crate::audit::event(
        &user,
        role,
        unit,
        patient_id,
        AuditAction::Update,
        "Patient",
        patient_id,
    );
    changed.version = state
        .store
        .update_patient(&changed, state.clock.now(), &[event])
        .await
        .map_err(|e| match e {
            StoreError::Conflict => FhirError::Conflict(
                "The patient was changed by someone else meanwhile; read it again and repeat your change.".into(),
            ),
            StoreError::Duplicate(_) => FhirError::Conflict(
                "That national identity number belongs to another registered patient.".into(),
            ),
            other => other.into(),
        })?;
    Ok(versioned(resource(&changed), changed.version, None))
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
    let search = Params::parse(query.as_deref(), &["identifier", "name", "birthdate"], &[])?;
    let identifier = search.one("identifier")?.map(str::to_owned);
    let name = search.one("name")?.map(str::to_owned);
    let (born_from, born_until) = birthdate_range(search.all("birthdate"))?;
    let nin = match identifier.as_deref() {
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
                .filter(|p| {
                    name.as_deref().is_none_or(|n| {
                        let n = n.to_lowercase();
                        p.name
                            .to_lowercase()
                            .split_whitespace()
                            .any(|part| part.starts_with(&n))
                    })
                })
                .filter(|p| born_from.is_none_or(|f| p.birth_date >= f))
                .filter(|p| born_until.is_none_or(|u| p.birth_date <= u))
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
                    .patients_in_units(
                        &units,
                        &carepath_store::patient::PatientSearch {
                            nin: nin.as_ref(),
                            name: name.as_deref(),
                            born_from,
                            born_until,
                        },
                        search.offset,
                        search.count,
                    )
                    .await?;
                (page.items, page.total)
            }
        }
    };
    record_reads(&state, &user, &patients.iter().collect::<Vec<_>>()).await?;
    let next = search.next_link("Patient", patients.len() as i64, total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &self_link("Patient", query.as_deref()),
        patients.iter().map(resource).collect(),
        total,
        next,
    )))
}

/// `birthdate=1985-03-02`, or with `ge`/`gt`/`le`/`lt`: inclusive bounds.
fn birthdate_range<'a>(
    values: impl Iterator<Item = &'a str>,
) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), FhirError> {
    let mut from: Option<chrono::NaiveDate> = None;
    let mut until: Option<chrono::NaiveDate> = None;
    for v in values {
        let (prefix, date) = match v.get(..2) {
            Some(p @ ("eq" | "ge" | "gt" | "le" | "lt")) => (p, &v[2..]),
            _ => ("eq", v),
        };
        let d = carepath_fhir::date::day(date).ok_or_else(|| {
            FhirError::BadRequest(
                "birthdate must be a date (YYYY-MM-DD) with an optional prefix eq, ge, gt, le or lt."
                    .into(),
            )
        })?;
        let (lo, hi) = match prefix {
            "ge" => (Some(d), None),
            "gt" => (d.succ_opt(), None),
            "le" => (None, Some(d)),
            "lt" => (None, d.pred_opt()),
            _ => (Some(d), Some(d)),
        };
        if let Some(lo) = lo {
            from = Some(from.map_or(lo, |f| f.max(lo)));
        }
        if let Some(hi) = hi {
            until = Some(until.map_or(hi, |u| u.min(hi)));
        }
    }
    Ok((from, until))
}

fn empty(state: &AppState, query: Option<&str>) -> Fhir {
    Fhir(searchset(
        &state.config.public_url,
        &self_link("Patient", query),
        Vec::new(),
        0,
        None,
    ))
}
