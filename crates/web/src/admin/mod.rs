//! The administrators' pages: a start page and the review of emergency access.

pub(crate) mod emergency;
pub(crate) mod report;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use crate::auth::CurrentUser;
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(Template, WebTemplate)]
#[template(path = "admin/start.html")]
pub(crate) struct StartPage {
    layout: Layout,
    unreviewed: i64,
}

/// `/admin`: what waits for the administrator.
pub(crate) async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<StartPage, Error> {
    let list = state.store.emergency_access_review(1, 200).await?;
    Ok(StartPage {
        layout: Layout::for_user(&user, state.config.demo_sign_in),
        unreviewed: list.items.iter().filter(|i| i.reviewed.is_none()).count() as i64,
    })
}
