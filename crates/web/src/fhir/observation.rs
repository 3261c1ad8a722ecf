//! `Observation` through the API: the scores computed from questionnaire responses, read
//! and searched by `subject`, `code`, `date` and `derived-from`, under the same access
//! rules as the responses; every one returned is recorded in the access log.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use carepath_domain::audit::AuditAction;
use carepath_fhir::outcome::searchset;
use carepath_store::response::ObservationFilter;

use super::patient::{read_of, record_access, scope};
use super::search::{Params, date_range, self_link};
use super::{Fhir, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let record = state
        .store
        .observation_by_id(&id)
        .await?
        .ok_or(FhirError::NotFound)?;
    read_of(&state, &user, &record.patient_id, "Observation", &id).await?;
    Ok(versioned(
        with_meta(record.body, record.version, None),
        record.version,
        None,
    ))
}

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    RawQuery(query): RawQuery,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(
        query.as_deref(),
        &["subject", "patient", "code", "date", "derived-from"],
        &[],
    )?;
    let subject = params.patient(&["subject", "patient"])?;
    let (from, until) = date_range("date", params.all("date"))?;
    let filter = ObservationFilter {
        subject,
        code: params.one("code")?.map(str::to_owned),
        from,
        until,
        derived_from: params.one("derived-from")?.map(|r| {
            r.strip_prefix("QuestionnaireResponse/")
                .unwrap_or(r)
                .to_owned()
        }),
    };
    let scope = scope(&state, &user).await?;
    let (records, total) = state
        .store
        .search_observations(&scope, &filter, params.offset, params.count)
        .await?;
    let entries: Vec<_> = records
        .iter()
        .filter_map(|r| {
            let patient = r.patient_id.parse().ok()?;
            let id = r.body["id"].as_str()?.to_owned();
            Some((patient, AuditAction::Read, "Observation", id))
        })
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_link("Observation", records.len() as i64, total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &self_link("Observation", query.as_deref()),
        records
            .into_iter()
            .map(|r| with_meta(r.body, r.version, None))
            .collect(),
        total,
        next,
    )))
}
