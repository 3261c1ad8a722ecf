//! The review list of emergency access: who opened which patient outside their units, why,
//! and whether an administrator has looked at it. Showing a patient's name here is itself
//! an access and is logged.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::emergency::EmergencyAccess;
use carepath_domain::user::Role;

use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

struct Row {
    id: String,
    granted: String,
    clinician: String,
    unit: String,
    patient: String,
    reason: String,
    review: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/emergency.html")]
pub(crate) struct ReviewPage {
    layout: Layout,
    rows: Vec<Row>,
    total: i64,
    page: i64,
    pages: i64,
    notice: Option<&'static str>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ListQuery {
    side: Option<i64>,
    gjennomgatt: Option<String>,
}

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::layout::when_at(t)
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<ReviewPage, Error> {
    let list = state
        .store
        .emergency_access_review(q.side.unwrap_or(1), 50)
        .await?;
    let events: Vec<AuditEvent> = list
        .items
        .iter()
        .map(|i| AuditEvent {
            reason: Some(carepath_app::access::REVIEW_REASON.into()),
            ..user.event(
                Role::Admin,
                None,
                i.access.patient,
                AuditAction::Read,
                "EmergencyAccess",
                i.access.id,
            )
        })
        .collect();
    crate::audit::record(&state, &events).await?;
    let pages = list.pages();
    Ok(ReviewPage {
        layout: Layout::for_user(&user, state.config.demo_sign_in),
        rows: list
            .items
            .into_iter()
            .map(|i| Row {
                id: i.access.id.to_string(),
                granted: time(i.access.granted_at),
                clinician: i.clinician,
                unit: i.unit.unwrap_or_default(),
                patient: i.patient_name,
                reason: i.access.reason,
                review: i.reviewed.map(|r| {
                    let note = if r.note.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", r.note)
                    };
                    crate::i18n::tr_args(
                        "admin-reviewed-by",
                        &[
                            ("name", r.by.as_str().into()),
                            ("when", time(r.at).into()),
                            ("note", note.into()),
                        ],
                    )
                }),
            })
            .collect(),
        total: list.total,
        page: list.page,
        pages,
        notice: q.gjennomgatt.is_some().then_some("admin-marked-reviewed"),
    })
}

pub(crate) async fn mark_reviewed(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let id: Id<EmergencyAccess> = id.parse().map_err(|_| Error::NotFound)?;
    let note = form.get("merknad").unwrap_or_default().trim();
    if note.chars().count() > 1000 {
        return Err(Error::BadRequest(crate::i18n::tr("admin-note-too-long")));
    }
    if !state
        .store
        .review_emergency_access(id, user.account.id, note, state.clock.now())
        .await?
    {
        return Err(Error::NotFound);
    }
    Ok(Redirect::to("/admin/nodtilgang?gjennomgatt=1").into_response())
}
