//! The administrators' pages: a start page with where each unit's escalated alerts go,
//! and the review of emergency access.

pub(crate) mod emergency;
pub(crate) mod report;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::Id;
use carepath_domain::organization::Unit;

use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(Template, WebTemplate)]
#[template(path = "admin/start.html")]
pub(crate) struct StartPage {
    layout: Layout,
    unreviewed: i64,
    /// Each unit: (id, name, alert e-mail, alert mobile, refused just now).
    units: Vec<(String, String, String, String, bool)>,
    /// The unit whose addresses were refused, with why.
    error: Option<(String, &'static str)>,
    notice: Option<&'static str>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct StartQuery {
    lagret: Option<String>,
}

async fn start_page(
    state: &AppState,
    user: &CurrentUser,
    error: Option<(String, &'static str)>,
    notice: Option<&'static str>,
) -> Result<StartPage, Error> {
    let list = state.store.emergency_access_review(1, 200).await?;
    Ok(StartPage {
        layout: Layout::for_user(user, state.config.demo_sign_in),
        unreviewed: list.items.iter().filter(|i| i.reviewed.is_none()).count() as i64,
        units: state
            .store
            .units_with_alert_contacts()
            .await?
            .into_iter()
            .map(|(u, e, m)| {
                let bad = error
                    .as_ref()
                    .is_some_and(|(id, _)| *id == u.id.to_string());
                (
                    u.id.to_string(),
                    u.name,
                    e.unwrap_or_default(),
                    m.unwrap_or_default(),
                    bad,
                )
            })
            .collect(),
        error,
        notice,
    })
}

/// `/admin`: what waits for the administrator.
pub(crate) async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<StartQuery>,
) -> Result<StartPage, Error> {
    let notice = q.lagret.map(|_| "admin-contacts-saved");
    start_page(&state, &user, None, notice).await
}

/// Where a unit's escalated alerts go: an e-mail address and/or a mobile number, checked
/// for form; empty turns that channel off.
pub(crate) async fn set_alert_contact(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let unit: Id<Unit> = id.parse().map_err(|_| Error::NotFound)?;
    state.store.unit(unit).await.map_err(|_| Error::NotFound)?;
    let email = form.get("epost").unwrap_or_default().trim().to_owned();
    let mobile: String = form
        .get("mobil")
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let email_ok = email.is_empty()
        || (email.len() <= 254
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
            })
            && !email.contains(char::is_whitespace));
    let digits = mobile.trim_start_matches('+');
    let mobile_ok = mobile.is_empty()
        || (digits.len() >= 8 && digits.len() <= 15 && digits.chars().all(|c| c.is_ascii_digit()));
    let problem = if !email_ok {
        Some("admin-email-invalid")
    } else if !mobile_ok {
        Some("admin-mobile-invalid")
    } else {
        None
    };
    if let Some(why) = problem {
        let page = start_page(&state, &user, Some((unit.to_string(), why)), None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    state
        .store
        .set_unit_alert_contact(
            unit,
            (!email.is_empty()).then_some(email.as_str()),
            (!mobile.is_empty()).then_some(mobile.as_str()),
        )
        .await?;
    Ok(Redirect::to("/admin?lagret=1").into_response())
}
