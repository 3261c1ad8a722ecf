//! `Patient` through the API: read and search (a patient sees only themselves; the care
//! team sees the patients of their units; other roles none), and create and update by the
//! care team. Every patient returned or changed is recorded in the access log.

use std::collections::BTreeSet;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use carepath_app::access::{Access, By};
use carepath_app::patient::{self, PatientError};
use carepath_domain::audit::AuditAction;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::user::Role;
use carepath_domain::{Id, NationalIdNumber};
use carepath_fhir::outcome::searchset;
use carepath_fhir::patient::{NIN_SYSTEMS, PatientFields, patient_fields, patient_resource};
use carepath_i18n::Text;

use super::search::{MAX_COUNT, Params, SearchRequest, SearchSpec};
use super::{Fhir, FhirBody, FhirError, if_match, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

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

/// Records `entries` in the access log (see [`carepath_app::access::Actor::events`]).
pub(crate) async fn record_access(
    state: &AppState,
    user: &CurrentUser,
    entries: &[Access],
) -> Result<(), FhirError> {
    let events = user.events(&state.store, entries).await?;
    crate::audit::record(state, &events).await?;
    Ok(())
}

/// The role (and unit) in which `user` works with `patient` through the API (their own
/// record, or a care relationship of their unit; emergency access belongs to the pages),
/// for the access log; `None` when they may not.
pub(crate) async fn grant(
    state: &AppState,
    user: &CurrentUser,
    patient: Id<Patient>,
) -> Result<Option<(Role, Option<Id<Unit>>)>, FhirError> {
    Ok(user
        .patient(&state.store, patient)
        .await?
        .and_then(|r| r.by)
        .map(By::role_and_unit))
}

/// The check and the access-log entry of reading one record of `patient_id` (as stored)
/// owned by `owner` (and read by `readers`): the patient reads all their own records; a
/// care team member only the records their own unit owns or reads (decision 0026), never
/// another unit's records of the same patient. 404 otherwise, so its existence is not revealed; a care team member's refused
/// attempt is recorded for the unusual-access report. `cared_for_by`: the units that care for
/// the patient when the record's read brought them (decision 0059); read here otherwise.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn read_of(
    state: &AppState,
    user: &CurrentUser,
    patient_id: &str,
    owner: Option<Id<Unit>>,
    readers: &[Id<Unit>],
    resource_type: &'static str,
    id: &str,
    cared_for_by: Option<&BTreeSet<Id<Unit>>>,
) -> Result<(), FhirError> {
    let patient: Id<Patient> = patient_id.parse().map_err(|_| FhirError::NotFound)?;
    if !user.is_care_team() && !user.is_patient() {
        return Err(FhirError::Forbidden);
    }
    let reach = match cared_for_by {
        Some(theirs) => {
            user.patient_cared_for(&state.store, patient, theirs)
                .await?
        }
        None => user.patient(&state.store, patient).await?,
    };
    match reach {
        Some(reach) if reach.may_read(owner, readers) => {
            let event = reach.event(user, AuditAction::Read, resource_type, id);
            crate::audit::record(state, &[event]).await?;
            Ok(())
        }
        _ => {
            if user.is_care_team()
                && user
                    .refused(&state.store, patient, resource_type, id, state.clock.now())
                    .await
                    .is_err()
            {
                tracing::warn!("a refused access could not be recorded");
            }
            Err(FhirError::NotFound)
        }
    }
}

/// The records a search by `user` may return; other roles are refused.
pub(crate) async fn scope(
    state: &AppState,
    user: &CurrentUser,
) -> Result<carepath_store::response::Scope, FhirError> {
    user.scope(&state.store).await?.ok_or(FhirError::Forbidden)
}

/// The patient `id` names, when the access policy lets `user` read them: 403 for a role
/// that reads no patients, 404 for anyone else's (as for one that does not exist).
async fn reachable(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Id<Patient>, FhirError> {
    let id: Id<Patient> = id.parse().map_err(|_| FhirError::NotFound)?;
    if !user.is_care_team() && !user.is_patient() {
        return Err(FhirError::Forbidden);
    }
    if user.patient(&state.store, id).await?.is_none() {
        return Err(FhirError::NotFound);
    }
    Ok(id)
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let id = reachable(&state, &user, &id).await?;
    let patient = state.store.patient(id).await?;
    record_reads(&state, &user, &[&patient]).await?;
    Ok(versioned(resource(&patient), patient.version, None))
}

/// The patients of a search's results that `user` may read (`_include`), each once;
/// every one is asked of the access policy, and those returned are recorded as read.
pub(crate) async fn included(
    state: &AppState,
    user: &CurrentUser,
    patients: impl IntoIterator<Item = Id<Patient>>,
) -> Result<Vec<serde_json::Value>, FhirError> {
    let ids: std::collections::BTreeSet<Id<Patient>> = patients.into_iter().collect();
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        if grant(state, user, id).await?.is_some() {
            found.push(state.store.patient(id).await?);
        }
    }
    record_reads(state, user, &found.iter().collect::<Vec<_>>()).await?;
    Ok(found.iter().map(resource).collect())
}

/// The `Patient` with its `meta.versionId`.
pub(crate) fn resource(patient: &Patient) -> serde_json::Value {
    with_meta(
        patient_resource(patient),
        patient.version,
        patient.updated_at,
    )
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
    register(&state, &user, &body).await
}

/// What a refused registration or change answers.
pub(crate) fn refusal(e: PatientError) -> FhirError {
    let unit = Some("Patient.managingOrganization");
    match e {
        PatientError::Forbidden | PatientError::NotAKeeper => FhirError::Forbidden,
        PatientError::NotFound => FhirError::NotFound,
        PatientError::NotYourUnit => {
            FhirError::invalid(Text::new("api-patient-not-your-unit"), unit)
        }
        PatientError::WhichUnit => FhirError::invalid(Text::new("api-patient-which-unit"), unit),
        PatientError::Registered(Some(id)) => {
            FhirError::Conflict(Text::new("api-patient-registered").with("id", id.to_string()))
        }
        PatientError::Registered(None) => {
            FhirError::Conflict(Text::new("api-patient-registered-elsewhere"))
        }
        PatientError::Stale { current } => {
            FhirError::PreconditionFailed(Text::new("api-version-stale").with("version", current))
        }
        PatientError::ChangedMeanwhile => FhirError::Conflict(Text::new("api-patient-changed")),
        PatientError::NotRegistered => FhirError::Conflict(Text::new("api-patient-not-registered")),
        PatientError::NumberTaken => FhirError::Conflict(Text::new("api-patient-nin-taken")),
        PatientError::Store(e) => e.into(),
    }
}

/// A patient a care team member registers from `body` ([`patient::registration`]); not
/// yet stored.
pub(crate) async fn registration(
    state: &AppState,
    user: &CurrentUser,
    body: &serde_json::Value,
) -> Result<(Patient, carepath_domain::audit::AuditEvent), FhirError> {
    if !user.is_care_team() {
        return Err(FhirError::Forbidden);
    }
    patient::registration(&state.store, user, checked(body)?, state.clock.now())
        .await
        .map_err(refusal)
}

/// Registers the patient `body` describes (a number not registered before).
async fn register(
    state: &AppState,
    user: &CurrentUser,
    body: &serde_json::Value,
) -> Result<Response, FhirError> {
    if !user.is_care_team() {
        return Err(FhirError::Forbidden);
    }
    let fields = checked(body)?;
    let patient = patient::register(&state.store, user, fields, state.clock.now())
        .await
        .map_err(refusal)?;
    let location = format!(
        "{}/fhir/Patient/{}/_history/1",
        state.config.public_url, patient.id
    );
    Ok(versioned(resource(&patient), 1, Some(&location)))
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
    change(&state, &user, patient_id, &headers, &body).await
}

/// `PATCH /fhir/Patient/{id}` with a JSON Patch (RFC 6902, `application/json-patch+json`):
/// the patch is applied to the patient as a read would serve them, and the result is
/// checked and stored as by `PUT` (`If-Match` included). A patch that does not apply (a
/// failed `test`, a path that is not there) is 422 and changes nothing.
pub(crate) async fn patch(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, FhirError> {
    if !user.is_care_team() {
        return Err(FhirError::Forbidden);
    }
    let patient_id: Id<Patient> = id.parse().map_err(|_| FhirError::NotFound)?;
    if grant(&state, &user, patient_id).await?.is_none() {
        return Err(FhirError::NotFound);
    }
    let json_patch = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json-patch+json"));
    if !json_patch {
        return Err(FhirError::UnsupportedMediaType);
    }
    let operations: json_patch::Patch = serde_json::from_slice(&body).map_err(|e| {
        FhirError::BadRequest(Text::new("api-patch-not-json-patch").with("why", e.to_string()))
    })?;
    let mut resource = resource(&state.store.patient(patient_id).await?);
    json_patch::patch(&mut resource, &operations).map_err(|e| {
        FhirError::invalid(
            Text::new("api-patch-failed").with("why", e.to_string()),
            None,
        )
    })?;
    change(&state, &user, patient_id, &headers, &resource).await
}

/// The criteria of a conditional update: the national identity number.
pub(crate) const CONDITIONAL: SearchSpec = SearchSpec::of(&[("identifier", "token")]);

/// `PUT /fhir/Patient?identifier=...`: a conditional update by the national identity
/// number. No patient with it: registered as by `POST`; one the caller may change: updated
/// as by `PUT /fhir/Patient/{id}` (the body's `id`, if any, must be that patient's). Only
/// `identifier` is a criterion; anything else in the query is refused.
pub(crate) async fn conditional_update(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
    headers: HeaderMap,
    FhirBody(mut body): FhirBody,
) -> Result<Response, FhirError> {
    if !user.is_care_team() {
        return Err(FhirError::Forbidden);
    }
    let criteria = Params::parse(&query.strict(), &CONDITIONAL)?;
    let nin = criteria
        .one("identifier")?
        .and_then(identifier_number)
        .ok_or_else(|| FhirError::BadRequest(Text::new("api-conditional-identifier")))?;
    // The record named by the criteria keeps that number: a body with another is refused.
    if checked(&body)?.nin != nin {
        return Err(FhirError::BadRequest(Text::new(
            "api-conditional-identifier",
        )));
    }
    match state.store.patient_by_nin(&nin).await? {
        None => {
            if let Some(o) = body.as_object_mut() {
                o.remove("id");
            }
            register(&state, &user, &body).await
        }
        // Known to carepath but not to the caller's units: as a registration would say.
        Some(existing) if grant(&state, &user, existing.id).await?.is_none() => {
            Err(refusal(PatientError::Registered(None)))
        }
        Some(existing) => {
            let id = existing.id.to_string();
            match body.get("id").and_then(|v| v.as_str()) {
                None => body["id"] = serde_json::Value::String(id),
                Some(given) if given == id => {}
                Some(_) => return Err(FhirError::BadRequest(Text::new("api-id-mismatch"))),
            }
            change(&state, &user, existing.id, &headers, &body).await
        }
    }
}

/// Changes the patient `patient_id` to what `body` says ([`patient::change`]).
async fn change(
    state: &AppState,
    user: &CurrentUser,
    patient_id: Id<Patient>,
    headers: &HeaderMap,
    body: &serde_json::Value,
) -> Result<Response, FhirError> {
    if grant(state, user, patient_id).await?.is_none() {
        return Err(FhirError::NotFound);
    }
    if body.get("id").and_then(|v| v.as_str()) != Some(patient_id.to_string().as_str()) {
        return Err(FhirError::BadRequest(Text::new("api-id-mismatch")));
    }
    let fields = checked(body)?;
    let changed = patient::change(
        &state.store,
        user,
        patient_id,
        fields,
        if_match(headers)?,
        state.clock.now(),
    )
    .await
    .map_err(refusal)?;
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

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec {
    params: &[
        ("identifier", "token"),
        ("name", "string"),
        ("name:exact", "string"),
        ("name:contains", "string"),
        ("family", "string"),
        ("family:exact", "string"),
        ("family:contains", "string"),
        ("given", "string"),
        ("given:exact", "string"),
        ("given:contains", "string"),
        ("family:missing", "string"),
        ("given:missing", "string"),
        ("gender", "token"),
        ("gender:missing", "token"),
        ("birthdate", "date"),
        ("birthdate:missing", "date"),
        ("_id", "token"),
        ("_lastUpdated", "date"),
    ],
    sorts: &[
        "name",
        "family",
        "given",
        "birthdate",
        "_lastUpdated",
        "_id",
    ],
    includes: &[],
    revincludes: &[
        "QuestionnaireResponse:subject",
        "QuestionnaireResponse:patient",
        "Observation:subject",
        "Observation:patient",
    ],
};

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let search = Params::parse(&query, &SEARCH)?;
    let common = search.common()?;
    let identifier = search.one("identifier")?.map(str::to_owned);
    let name = text_search(&search, "name")?;
    let family = text_search(&search, "family")?;
    let given = text_search(&search, "given")?;
    let gender = match search.one("gender")? {
        None => None,
        Some(code) => Some(
            carepath_domain::patient::Gender::parse(code)
                .ok_or_else(|| FhirError::BadRequest(Text::new("api-patient-gender-search")))?,
        ),
    };
    // A `birthdate` search's days: a year, a month or a day with any prefix
    // `date_range` takes, as the days it covers.
    let born =
        super::search::date_range("birthdate", search.all("birthdate"))?.map(|t| t.date_naive());
    use carepath_store::patient::{PatientElement, PatientSort};
    let mut missing = Vec::new();
    for (name, element) in [
        ("family", PatientElement::Family),
        ("given", PatientElement::Given),
        ("gender", PatientElement::Gender),
        ("birthdate", PatientElement::BirthDate),
    ] {
        if let Some(absent) = search.missing(name)? {
            missing.push((element, absent));
        }
    }
    let nin = match identifier.as_deref() {
        Some(identifier) => match identifier_number(identifier) {
            Some(nin) => Some(nin),
            None => return Ok(empty(&state, &search)),
        },
        None => None,
    };
    use carepath_store::response::Scope;
    let wanted = carepath_store::patient::PatientSearch {
        nin: nin.as_ref(),
        name,
        family,
        given,
        gender,
        born,
        missing,
        sort: search
            .sort
            .iter()
            .filter_map(|(key, descending)| Some((PatientSort::parse(key)?, *descending)))
            .collect(),
        common,
    };
    let (patients, total) = match scope(&state, &user).await? {
        Scope::Patient(me) => {
            let me: Vec<Patient> = Some(state.store.patient(me).await?)
                .into_iter()
                .filter(|p| wanted.matches(p))
                .collect();
            let total = me.len() as i64;
            let page = me
                .into_iter()
                .skip(usize::try_from(search.offset).unwrap_or(usize::MAX))
                .take(usize::try_from(search.count).unwrap_or(0))
                .collect();
            (page, total)
        }
        // `_count=0` (or `_summary=count`) reads the total alone.
        Scope::Units(units) => {
            let page = state
                .store
                .patients_in_units(&units, &wanted, search.offset, search.count)
                .await?;
            let items = if search.count == 0 {
                Vec::new()
            } else {
                page.items
            };
            (items, page.total)
        }
    };
    record_reads(&state, &user, &patients.iter().collect::<Vec<_>>()).await?;
    let next = search.next_link("Patient", patients.len() as i64, total);
    let included = revincluded(&state, &user, &search, &patients).await?;
    let mut bundle = searchset(
        &state.config.public_url,
        &search.self_link("Patient"),
        patients.iter().map(resource).collect(),
        total,
        next,
    );
    carepath_fhir::outcome::include(&mut bundle, &state.config.public_url, included);
    Ok(Fhir(bundle))
}

/// The responses and Observations of `patients` that a Patient search's `_revinclude`
/// asks for: at most [`MAX_COUNT`] of each kind per patient, newest first, within what
/// the caller's scope reaches, each recorded as read.
async fn revincluded(
    state: &AppState,
    user: &CurrentUser,
    search: &Params,
    patients: &[Patient],
) -> Result<Vec<serde_json::Value>, FhirError> {
    let responses = search.includes("_revinclude", "QuestionnaireResponse:subject")
        || search.includes("_revinclude", "QuestionnaireResponse:patient");
    let observations = search.includes("_revinclude", "Observation:subject")
        || search.includes("_revinclude", "Observation:patient");
    if !responses && !observations || patients.is_empty() {
        return Ok(Vec::new());
    }
    let scope = scope(state, user).await?;
    let mut out = Vec::new();
    let mut read: Vec<Access> = Vec::new();
    for p in patients {
        if responses {
            let filter = carepath_store::response::ResponseFilter {
                subject: Some(p.id),
                newest_first: true,
                ..Default::default()
            };
            let found = state
                .store
                .search_responses(&scope, &filter, 0, MAX_COUNT, false)
                .await?;
            for r in found.items {
                read.push((
                    p.id,
                    AuditAction::Read,
                    "QuestionnaireResponse",
                    r.id.clone(),
                ));
                // The served form is JSON the server just wrote.
                if let Ok(v) = serde_json::from_str(r.served()?.get()) {
                    out.push(v);
                }
            }
        }
        if observations {
            let filter = carepath_store::response::ObservationFilter {
                subject: Some(p.id),
                ..Default::default()
            };
            let found = state
                .store
                .search_observations(&scope, &filter, 0, MAX_COUNT, false)
                .await?;
            for o in found.items {
                let id = o.body["id"].as_str().unwrap_or_default().to_owned();
                read.push((p.id, AuditAction::Read, "Observation", id));
                out.push(with_meta(o.body, o.version, o.updated_at));
            }
        }
    }
    record_access(state, user, &read).await?;
    Ok(out)
}

/// The string search `name` (`family`, `given`, `name`) with its modifier, if asked for:
/// `name=ol` (a word starting so, ignoring case), `name:contains=ol`, `name:exact=Ola`.
fn text_search(
    search: &Params,
    name: &str,
) -> Result<Option<carepath_store::patient::TextSearch>, FhirError> {
    use carepath_store::patient::{TextMatch, TextSearch};
    let mut found = None;
    for (modifier, how) in [
        ("", TextMatch::Starts),
        (":exact", TextMatch::Exact),
        (":contains", TextMatch::Contains),
    ] {
        if let Some(value) = search.one(&format!("{name}{modifier}"))? {
            if found.is_some() {
                return Err(FhirError::BadRequest(
                    Text::new("api-search-once").with("name", name),
                ));
            }
            found = Some(TextSearch {
                value: value.to_owned(),
                how,
            });
        }
    }
    Ok(found)
}

fn empty(state: &AppState, search: &Params) -> Fhir {
    Fhir(searchset(
        &state.config.public_url,
        &search.self_link("Patient"),
        Vec::new(),
        0,
        None,
    ))
}

/// The patient's kept versions, newest first, after the same check as a read; the
/// history is recorded as a read of the patient.
pub(crate) async fn kept(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Vec<super::Version>, FhirError> {
    let id = reachable(state, user, id).await?;
    let versions = state.store.patient_versions(id).await?;
    record_reads(state, user, &versions.iter().take(1).collect::<Vec<_>>()).await?;
    Ok(versions
        .iter()
        .map(|p| (p.version, p.updated_at, resource(p)))
        .collect())
}

/// `GET /fhir/Patient/{id}/_history/{vid}`: any kept version.
pub(crate) async fn vread(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, vid)): Path<(String, String)>,
) -> Result<Response, FhirError> {
    super::version_of(kept(&state, &user, &id).await?, &vid)
}

/// `GET /fhir/Patient/{id}/_history`: every kept version, newest first.
pub(crate) async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let listed = kept(&state, &user, &id).await?;
    Ok(super::history_bundle(
        &state.config.public_url,
        "Patient",
        &id,
        listed,
    ))
}
