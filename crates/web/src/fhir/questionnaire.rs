//! `Questionnaire` through the API: read, vread and search for every API user; create and
//! update for authors and administrators. Questionnaires shipped in program packages are
//! served too but change only with a new package version.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use carepath_domain::user::Role;
use carepath_fhir::Questionnaire;
use carepath_fhir::outcome::{Issue, searchset};
use carepath_i18n::Text;
use carepath_store::questionnaire::{QuestionnaireFilter, QuestionnaireRecord, UpdateRefused};

use super::search::{Params, SearchRequest, SearchSpec};
use super::{Fhir, FhirBody, FhirError, if_match, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

/// The Questionnaire as a read serves it, under carepath's id.
pub(crate) fn resource(r: &QuestionnaireRecord) -> serde_json::Value {
    let mut q = r.stored.questionnaire.clone();
    q.id = Some(r.stored.id.clone());
    with_meta(
        serde_json::to_value(&q).unwrap_or_default(),
        r.version,
        r.updated_at,
    )
}

fn may_author(user: &CurrentUser) -> Result<(), FhirError> {
    if user.has(Role::Author) || user.has(Role::Admin) {
        Ok(())
    } else {
        Err(FhirError::Forbidden)
    }
}

/// Reads the body as a Questionnaire carepath can use, or says what is wrong with it.
fn checked(body: serde_json::Value) -> Result<Questionnaire, FhirError> {
    if body["resourceType"] != "Questionnaire" {
        return Err(FhirError::invalid(
            Text::new("api-resource-type").with("type", "Questionnaire"),
            Some("resourceType"),
        ));
    }
    let q: Questionnaire = serde_json::from_value(body).map_err(|e| {
        FhirError::invalid(
            Text::new("api-not-r4")
                .with("type", "Questionnaire")
                .with("why", e.to_string()),
            None,
        )
    })?;
    let problems = q.check();
    if !problems.is_empty() {
        return Err(FhirError::Unprocessable(
            problems
                .iter()
                .map(|p| Issue {
                    code: "invalid",
                    diagnostics: p.text(),
                    expression: None,
                })
                .collect(),
        ));
    }
    Ok(q)
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    may_author(&user)?;
    let q = checked(body)?;
    let record = state
        .store
        .create_questionnaire(&q, None, Some(user.account.id), state.clock.now())
        .await
        .map_err(|e| match e {
            carepath_store::StoreError::Duplicate(_) => FhirError::Conflict(
                Text::new("api-q-exists")
                    .with("url", q.url.as_deref().unwrap_or_default())
                    .with("version", q.version.as_deref().unwrap_or("-")),
            ),
            other => other.into(),
        })?;
    let location = format!(
        "{}/fhir/Questionnaire/{}/_history/1",
        state.config.public_url, record.stored.id
    );
    Ok(versioned(resource(&record), 1, Some(&location)))
}

pub(crate) async fn read(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let record = state
        .store
        .questionnaire_by_id(&id)
        .await?
        .ok_or(FhirError::NotFound)?;
    Ok(versioned(resource(&record), record.version, None))
}

/// Every kept version of the questionnaire `id`, newest first: the current one as a read
/// serves it, then the older ones the record history keeps (a shipped questionnaire has
/// only its current one), each under carepath's id.
pub(crate) async fn kept(state: &AppState, id: &str) -> Result<Vec<super::Version>, FhirError> {
    let record = state
        .store
        .questionnaire_by_id(id)
        .await?
        .ok_or(FhirError::NotFound)?;
    let mut listed = vec![(record.version, record.updated_at, resource(&record))];
    for v in state.store.record_versions("Questionnaire", id).await? {
        if v.version == record.version {
            continue;
        }
        let mut q: serde_json::Value = serde_json::from_str(v.body.get()).unwrap_or_default();
        q["id"] = serde_json::Value::String(id.to_owned());
        let at = Some(v.recorded_at);
        listed.push((v.version, at, with_meta(q, v.version, at)));
    }
    Ok(listed)
}

/// `GET /fhir/Questionnaire/{id}/_history/{vid}`: any kept version.
pub(crate) async fn vread(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path((id, vid)): Path<(String, String)>,
) -> Result<Response, FhirError> {
    super::version_of(kept(&state, &id).await?, &vid)
}

/// `GET /fhir/Questionnaire/{id}/_history`: every kept version, newest first.
pub(crate) async fn history(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let listed = kept(&state, &id).await?;
    Ok(super::history_bundle(
        &state.config.public_url,
        "Questionnaire",
        &id,
        listed,
    ))
}

pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    may_author(&user)?;
    let expected = if_match(&headers)?;
    if body.get("id").and_then(|v| v.as_str()) != Some(id.as_str()) {
        return Err(FhirError::BadRequest(Text::new("api-id-mismatch")));
    }
    let q = checked(body)?;
    let record = state
        .store
        .update_questionnaire(&id, &q, expected, Some(user.account.id), state.clock.now())
        .await
        .map_err(|e| match e {
            UpdateRefused::VersionConflict(v) => {
                FhirError::PreconditionFailed(Text::new("api-version-stale").with("version", v))
            }
            UpdateRefused::Store(carepath_store::StoreError::NotFound(_)) => FhirError::NotFound,
            UpdateRefused::Store(e) => e.into(),
            UpdateRefused::InPackage => FhirError::Conflict(Text::new("api-q-in-package")),
            UpdateRefused::HasResponses => FhirError::Conflict(Text::new("api-q-has-responses")),
            UpdateRefused::Duplicate => FhirError::Conflict(Text::new("api-q-url-taken")),
        })?;
    Ok(versioned(resource(&record), record.version, None))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec::of(&[
    ("url", "uri"),
    ("version", "token"),
    ("status", "token"),
    ("name", "string"),
    ("title", "string"),
    ("_id", "token"),
    ("_lastUpdated", "date"),
]);

pub(crate) async fn search(
    State(state): State<AppState>,
    _user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &SEARCH)?;
    let mut filter = QuestionnaireFilter {
        url: params.one("url")?.map(str::to_owned),
        version: params.one("version")?.map(str::to_owned),
        status: params.one("status")?.map(str::to_owned),
        name: params.one("name")?.map(str::to_owned),
        title: params.one("title")?.map(str::to_owned),
        common: params.common()?,
    };
    // `url=...|1.0` names a version too (a canonical).
    if let Some((url, version)) = filter
        .url
        .clone()
        .as_deref()
        .and_then(|u| u.split_once('|'))
    {
        filter.url = Some(url.to_owned());
        filter.version = Some(version.to_owned());
    }
    let (records, total) = state
        .store
        .search_questionnaires(&filter, params.offset, params.count)
        .await?;
    let next = params.next_link("Questionnaire", records.len() as i64, total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &params.self_link("Questionnaire"),
        records.iter().map(resource).collect(),
        total,
        next,
    )))
}
