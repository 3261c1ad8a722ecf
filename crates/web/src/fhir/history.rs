//! `GET /fhir/{type}/_history`: the versions of every resource of one type the caller may
//! read, newest first, paged (`_count`, with a `next` link) and narrowed by `_since`. Each
//! resource listed is read as its own `_history` reads it: the same access check, and
//! recorded once per resource on the page.

use axum::extract::State;
use axum::response::Response;
use carepath_i18n::Text;
use carepath_store::history::Kept;

use super::search::{Params, SearchRequest, SearchSpec};
use super::{FhirError, Version, fhir_json};
use crate::AppState;
use crate::auth::CurrentUser;

/// What a type's history takes besides `_count`.
pub(crate) const HISTORY: SearchSpec = SearchSpec::of(&[("_since", "instant")]);

/// Every kept version of the resource `id` of `kind` the caller may read, newest first.
async fn kept(
    state: &AppState,
    user: &CurrentUser,
    kind: Kept,
    id: &str,
) -> Result<Vec<Version>, FhirError> {
    match kind {
        Kept::Patient => super::patient::kept(state, user, id).await,
        Kept::QuestionnaireResponse => super::questionnaire_response::kept(state, user, id).await,
        Kept::Observation => super::observation::kept(state, user, id).await,
        Kept::CarePlan => super::plan::kept(state, user, id).await,
        Kept::Questionnaire => super::questionnaire::kept(state, id).await,
    }
}

/// `GET /fhir/{type}/_history`, for each type in [`Kept`]; the path names the type.
pub(crate) async fn of_type(
    State(state): State<AppState>,
    user: CurrentUser,
    uri: axum::http::Uri,
    query: SearchRequest,
) -> Result<Response, FhirError> {
    let (state, user) = (&state, &user);
    let kind = uri
        .path()
        .split('/')
        .nth(2)
        .and_then(Kept::of)
        .ok_or(FhirError::NotFound)?;
    let params = Params::parse(&query, &HISTORY)?;
    let since = match params.one("_since")? {
        None => None,
        Some(v) => Some(
            carepath_fhir::date::bounds(v)
                .map(|(start, _)| start)
                .ok_or_else(|| {
                    FhirError::BadRequest(Text::new("api-search-date").with("name", "_since"))
                })?,
        ),
    };
    let scope = super::patient::scope(state, user).await?;
    let page = state
        .store
        .type_history(kind, &scope, since, params.offset, params.count)
        .await?;
    // Each resource on the page read once, as its own history reads it.
    let mut read: Vec<(String, Vec<Version>)> = Vec::new();
    for v in &page.items {
        if read.iter().any(|(id, _)| *id == v.id) {
            continue;
        }
        match kept(state, user, kind, &v.id).await {
            Ok(versions) => read.push((v.id.clone(), versions)),
            // Gone, or out of reach since: left out, as a search leaves it out.
            Err(FhirError::NotFound | FhirError::Forbidden) => {}
            Err(other) => return Err(other),
        }
    }
    let listed = page.items.iter().filter_map(|v| {
        let (_, versions) = read.iter().find(|(id, _)| *id == v.id)?;
        let found = versions.iter().find(|(n, _, _)| *n == v.version)?;
        Some((v.id.clone(), found.clone()))
    });
    let path = format!("{}/_history", kind.resource_type());
    let next = params.next_page(&path, page.items.len() as i64, page.more);
    Ok(fhir_json(&super::history_of(
        &state.config.public_url,
        kind.resource_type(),
        &params.self_link(&path),
        listed,
        next,
    )))
}
