//! `DocumentReference` through the API (decision 0034): sent letters to the GP, read and
//! searched (`subject`/`patient`, `type`, `date`) under the same access policy as the
//! pages, the PDF inline. Every letter returned is in the access log.

use axum::extract::{Path, State};
use axum::response::Response;
use base64::Engine;
use carepath_domain::Id;
use carepath_domain::audit::AuditAction;
use carepath_domain::letter::{Letter, LetterStatus};
use carepath_fhir::document_reference::{LETTER_TYPE_CODE, LETTER_TYPE_SYSTEM, letter_resource};
use carepath_i18n::Text;
use carepath_store::response::Scope;

use super::patient::{record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec, date_range};
use super::{Fhir, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

/// The most letters one search looks through before paging.
const SEARCHED: i64 = 10_000;

pub(crate) async fn resource(state: &AppState, l: &Letter) -> Result<serde_json::Value, FhirError> {
    let title = carepath_app::letter::title(&state.store, l).await?;
    let pdf = state
        .store
        .letter_pdf(l.id)
        .await?
        .map(|b| base64::engine::general_purpose::STANDARD.encode(b));
    Ok(with_meta(
        letter_resource(l, &title, pdf),
        l.version,
        l.sent_at,
    ))
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let id: Id<Letter> = id.parse().map_err(|_| FhirError::NotFound)?;
    let l = state
        .store
        .letter(id)
        .await?
        .filter(|l| l.status == LetterStatus::Sent)
        .ok_or(FhirError::NotFound)?;
    super::patient::read_of(
        &state,
        &user,
        &l.patient_id.to_string(),
        Some(l.unit_id),
        &[],
        "DocumentReference",
        &l.id.to_string(),
        None,
    )
    .await?;
    Ok(versioned(resource(&state, &l).await?, l.version, None))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec::of(&[
    ("subject", "reference"),
    ("patient", "reference"),
    ("type", "token"),
    ("date", "date"),
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
    // Letters are consult notes; any other type finds none.
    let type_ok = match params.one("type")? {
        None => true,
        Some(t) => {
            let (system, code) = t.split_once('|').unwrap_or(("", t));
            if code.is_empty() {
                return Err(FhirError::BadRequest(Text::new("api-document-type")));
            }
            code == LETTER_TYPE_CODE && (system.is_empty() || system == LETTER_TYPE_SYSTEM)
        }
    };
    let date = date_range("date", params.all("date"))?;
    let scope = scope(&state, &user).await?;
    let mut found = if !type_ok {
        Vec::new()
    } else {
        match &scope {
            Scope::Patient(me) => {
                if patient.is_some_and(|p| p != *me) {
                    Vec::new()
                } else {
                    state
                        .store
                        .search_letters(Some(*me), None, SEARCHED)
                        .await?
                }
            }
            Scope::Units(units) => {
                state
                    .store
                    .search_letters(patient, Some(units), SEARCHED)
                    .await?
            }
        }
    };
    let common = params.common()?;
    found.retain(|l| {
        let at = l.sent_at.unwrap_or(l.created_at);
        date.admits(Some(at)) && common.admits(&l.id.to_string(), l.sent_at)
    });
    let total = found.len() as i64;
    let page: Vec<&Letter> = found
        .iter()
        .skip(usize::try_from(params.offset).unwrap_or(0))
        .take(usize::try_from(params.count).unwrap_or(0))
        .collect();
    let entries: Vec<_> = page
        .iter()
        .map(|l| {
            (
                l.patient_id,
                AuditAction::Read,
                "DocumentReference",
                l.id.to_string(),
            )
        })
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_link("DocumentReference", page.len() as i64, total);
    let mut resources = Vec::with_capacity(page.len());
    for l in page {
        resources.push(resource(&state, l).await?);
    }
    Ok(Fhir(carepath_fhir::outcome::searchset(
        &state.config.public_url,
        &params.self_link("DocumentReference"),
        resources,
        total,
        next,
    )))
}
