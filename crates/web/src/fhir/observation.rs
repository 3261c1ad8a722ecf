//! `Observation` through the API: the scores computed from questionnaire responses and the
//! measurements patients register (created here by the patient or their care team), read
//! and searched by `subject`, `code`, `date` and `derived-from`, under the same access
//! rules as the responses; every one written or returned is recorded in the access log.

use axum::extract::{Path, State};
use axum::response::Response;
use carepath_domain::audit::AuditAction;
use carepath_fhir::outcome::searchset;
use carepath_i18n::Text;
use carepath_store::response::ObservationFilter;

use super::patient::{grant, read_of, record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec, date_range};
use super::{Fhir, FhirBody, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::{Bearer, CurrentUser};

/// `POST /fhir/Observation`: a measurement (a vital sign, the blood-pressure panel or the
/// day's symptom score) by
/// the patient themselves or their care team; a value no person can have is a 422 with
/// the plausible range, and nothing is stored.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    use carepath_fhir::observation::read_measurement;
    let (entry, effective, subject) = read_measurement(&body).map_err(FhirError::Unprocessable)?;
    let patient = super::search::patient_reference(&subject)
        .ok_or_else(|| FhirError::invalid(Text::new("api-subject"), Some("Observation.subject")))?;
    let Some((role, unit)) = grant(&state, &user, patient).await? else {
        // The same answer whether the patient exists or not.
        return Err(FhirError::Forbidden);
    };
    let now = state.clock.now();
    let effective_at = chrono::DateTime::parse_from_rfc3339(&effective)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| FhirError::invalid(Text::new("api-observation-effective"), None))?;
    if effective_at > now + chrono::Duration::minutes(5) {
        return Err(FhirError::invalid(
            Text::new("api-observation-future"),
            Some("Observation.effectiveDateTime"),
        ));
    }
    // A care team member records under their own units' enrollments only, so another
    // unit's plan, alerts and records stay untouched (decision 0026).
    let within = user.is_care_team().then(|| user.care_units());
    let audit = user.event(role, unit, patient, AuditAction::Create, "Observation", "");
    let recorded = carepath_app::measurement::record(
        &state.store,
        carepath_app::measurement::Measured {
            patient,
            entry,
            effective: &effective,
            effective_at,
            by: Some(user.account.id),
            within: within.as_deref(),
            acting_unit: unit,
            audit: Some(&audit),
        },
        now,
    )
    .await?;
    let (id, resource) = (recorded.id, recorded.resource);
    let location = format!(
        "{}/fhir/Observation/{id}/_history/1",
        state.config.public_url
    );
    Ok(versioned(with_meta(resource, 1, None), 1, Some(&location)))
}

pub(crate) async fn read(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let held = state
        .store
        .observation_held(&token, state.clock.now(), &id)
        .await?
        .ok_or(FhirError::Unauthorized)?;
    let user = CurrentUser::holding(held.holder);
    let found = held.found.ok_or(FhirError::NotFound)?;
    let record = found.record;
    read_of(
        &state,
        &user,
        &record.patient_id,
        record.unit_id,
        &record.readers,
        "Observation",
        &id,
        Some(&found.patient_units),
    )
    .await?;
    Ok(versioned(
        with_meta(record.body, record.version, record.updated_at),
        record.version,
        None,
    ))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec {
    params: &[
        ("subject", "reference"),
        ("patient", "reference"),
        ("code", "token"),
        ("date", "date"),
        ("derived-from", "reference"),
        ("derived-from:missing", "reference"),
        ("_id", "token"),
        ("_lastUpdated", "date"),
    ],
    sorts: &["date"],
    includes: &["Observation:subject", "Observation:patient"],
    revincludes: &[],
};

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &SEARCH)?;
    let subject = params.patient(&["subject", "patient"])?;
    let filter = ObservationFilter {
        subject,
        codes: params.any_of("code"),
        date: date_range("date", params.all("date"))?,
        derived_from: params.one("derived-from")?.map(|r| {
            r.strip_prefix("QuestionnaireResponse/")
                .unwrap_or(r)
                .to_owned()
        }),
        derived_missing: params.missing("derived-from")?,
        oldest_first: params
            .sort
            .first()
            .is_some_and(|(_, descending)| !descending),
        common: params.common()?,
    };
    let scope = scope(&state, &user).await?;
    let found = state
        .store
        .search_observations(
            &scope,
            &filter,
            params.offset,
            params.count,
            params.count_all,
        )
        .await?;
    let records = found.items;
    let entries: Vec<_> = records
        .iter()
        .filter_map(|r| {
            let patient = r.patient_id.parse().ok()?;
            let id = r.body["id"].as_str()?.to_owned();
            Some((patient, AuditAction::Read, "Observation", id))
        })
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_page("Observation", records.len() as i64, found.more);
    let included = if params.includes("_include", "Observation:subject")
        || params.includes("_include", "Observation:patient")
    {
        let patients = records.iter().filter_map(|r| r.patient_id.parse().ok());
        super::patient::included(&state, &user, patients).await?
    } else {
        Vec::new()
    };
    let mut bundle = searchset(
        &state.config.public_url,
        &params.self_link("Observation"),
        records
            .into_iter()
            .map(|r| with_meta(r.body, r.version, r.updated_at))
            .collect(),
        found.total,
        next,
    );
    carepath_fhir::outcome::include(&mut bundle, &state.config.public_url, included);
    Ok(Fhir(bundle))
}

/// Every kept version of the Observation `id`, newest first (version, when written, the
/// resource then), after the same check as a read, which is recorded.
pub(crate) async fn kept(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Vec<super::Version>, FhirError> {
    let record = state
        .store
        .observation_by_id(id)
        .await?
        .ok_or(FhirError::NotFound)?;
    read_of(
        state,
        user,
        &record.patient_id,
        record.unit_id,
        &record.readers,
        "Observation",
        id,
        None,
    )
    .await?;
    let older = state.store.record_versions("Observation", id).await?;
    let mut listed = Vec::with_capacity(older.len() + 1);
    listed.push((
        record.version,
        record.updated_at,
        with_meta(record.body, record.version, record.updated_at),
    ));
    for v in older.into_iter().filter(|v| v.version != record.version) {
        let body: serde_json::Value = serde_json::from_str(v.body.get()).unwrap_or_default();
        let at = Some(v.recorded_at);
        listed.push((v.version, at, with_meta(body, v.version, at)));
    }
    Ok(listed)
}

/// `GET /fhir/Observation/{id}/_history/{vid}`: any kept version.
pub(crate) async fn vread(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, vid)): Path<(String, String)>,
) -> Result<Response, FhirError> {
    super::version_of(kept(&state, &user, &id).await?, &vid)
}

/// `GET /fhir/Observation/{id}/_history`: every kept version, newest first.
pub(crate) async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let listed = kept(&state, &user, &id).await?;
    Ok(super::history_bundle(
        &state.config.public_url,
        "Observation",
        &id,
        listed,
    ))
}
