//! FHIR Bulk Data export for research (decision 0038): `GET /fhir/$export` (the caller's
//! one open project) and `GET /fhir/Group/{project}/$export`, asynchronous
//! (`Prefer: respond-async`; 202 and `Content-Location`), polled at
//! `/fhir/$export-status/{id}` (202 with `X-Progress` while it runs, then the manifest),
//! deleted there with `DELETE`, its NDJSON files at `/fhir/$export-file/{id}/{n}` for the
//! one who asked (`requiresAccessToken`). `_type` and `_since` narrow it.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use carepath_app::research::{self, ExportError};
use carepath_domain::Id;
use carepath_domain::research::{Export, ExportStatus};
use carepath_i18n::Text;
use serde_json::json;

use super::FhirError;
use crate::AppState;
use crate::auth::CurrentUser;

impl From<ExportError> for FhirError {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Forbidden => FhirError::Forbidden,
            ExportError::NotFound => FhirError::NotFound,
            ExportError::WhichProject => {
                FhirError::BadRequest(Text::new("api-export-which-project"))
            }
            ExportError::UnknownType(_) => FhirError::BadRequest(Text::new("api-export-type")),
            ExportError::Store(e) => FhirError::Web(e.into()),
        }
    }
}

fn base(state: &AppState) -> String {
    state.config.public_url.trim_end_matches('/').to_owned()
}

async fn kick_off(
    state: AppState,
    user: CurrentUser,
    headers: &HeaderMap,
    query: Option<String>,
    project: Option<&str>,
) -> Result<Response, FhirError> {
    let asks_async = headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|p| p.trim() == "respond-async"));
    if !asks_async {
        return Err(FhirError::BadRequest(Text::new("api-export-async")));
    }
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or_default())
            .map_err(|_| FhirError::BadRequest(Text::new("api-export-parameter")))?;
    let mut ask = research::Ask::default();
    for (k, v) in &pairs {
        match k.as_str() {
            "_type" => ask.types.extend(
                v.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned),
            ),
            "_since" => {
                let at = chrono::DateTime::parse_from_rfc3339(v)
                    .map_err(|_| FhirError::BadRequest(Text::new("api-export-since")))?;
                ask.since = Some(at.with_timezone(&chrono::Utc));
            }
            "_outputFormat"
                if matches!(
                    v.as_str(),
                    "application/fhir+ndjson" | "application/ndjson" | "ndjson"
                ) => {}
            _ => return Err(FhirError::BadRequest(Text::new("api-export-parameter"))),
        }
    }
    ask.project = match project {
        None => None,
        Some(p) => Some(
            p.parse::<Id<carepath_domain::research::Project>>()
                .map_err(|_| FhirError::NotFound)?,
        ),
    };
    let path = match project {
        Some(p) => format!("/fhir/Group/{p}/$export"),
        None => "/fhir/$export".to_owned(),
    };
    let request = match query.as_deref().filter(|q| !q.is_empty()) {
        Some(q) => format!("{}{path}?{q}", base(&state)),
        None => format!("{}{path}", base(&state)),
    };
    ask.request = &request;
    let now = state.clock.now();
    let export = research::kick_off(&state.store, &user.actor, &ask, now).await?;
    make_in_background(&state, export.id);
    let location = format!("{}/fhir/$export-status/{}", base(&state), export.id);
    let mut res = StatusCode::ACCEPTED.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::CONTENT_LOCATION, v);
    }
    Ok(res)
}

/// Makes the export `id` on a task of its own (the API's kick-off and the researcher's
/// page both start one so).
pub(crate) fn make_in_background(state: &AppState, id: Id<Export>) {
    let store = state.store.clone();
    let clock = state.clock.clone();
    tokio::spawn(async move {
        if let Err(e) = research::run(&store, id, clock.now()).await {
            tracing::error!(error = %e, "a research export could not be recorded");
        }
    });
}

pub(crate) async fn system(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, FhirError> {
    kick_off(state, user, &headers, query, None).await
}

pub(crate) async fn group(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(group): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, FhirError> {
    kick_off(state, user, &headers, query, Some(&group)).await
}

fn id_of(s: &str) -> Result<Id<Export>, FhirError> {
    s.parse().map_err(|_| FhirError::NotFound)
}

pub(crate) async fn status(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let (e, files) = research::status(&state.store, &user.actor, id_of(&id)?).await?;
    match e.status {
        ExportStatus::InProgress => {
            let mut res = StatusCode::ACCEPTED.into_response();
            // A header carries visible ASCII only; words that are not are left out.
            let progress = Text::new("api-export-progress")
                .with("files", files.len())
                .words(crate::i18n::current());
            if let Ok(v) = HeaderValue::from_str(&progress) {
                res.headers_mut().insert("x-progress", v);
            }
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
            Ok(res)
        }
        ExportStatus::Failed => Err(FhirError::Conflict(Text::new("api-export-failed"))),
        ExportStatus::Completed => {
            let output: Vec<_> = files
                .iter()
                .map(|f| json!({ "type": f.kind, "url": format!("{}/fhir/$export-file/{}/{}", base(&state), e.id, f.seq), "count": f.count }))
                .collect();
            let manifest = json!({
                "transactionTime": e.requested_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                "request": e.request,
                "requiresAccessToken": true,
                "output": output,
                "error": [],
            });
            let mut res = axum::Json(manifest).into_response();
            if let Ok(v) = HeaderValue::from_str(&e.expires_at.to_rfc2822()) {
                res.headers_mut().insert(header::EXPIRES, v);
            }
            Ok(res)
        }
    }
}

pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    research::delete(&state.store, &user.actor, id_of(&id)?, state.clock.now()).await?;
    Ok(StatusCode::ACCEPTED.into_response())
}

pub(crate) async fn file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, seq)): Path<(String, String)>,
) -> Result<Response, FhirError> {
    let seq: i64 = seq.parse().map_err(|_| FhirError::NotFound)?;
    let body = research::file(
        &state.store,
        &user.actor,
        id_of(&id)?,
        seq,
        state.clock.now(),
    )
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/fhir+ndjson")], body).into_response())
}
