//! "Samtykke til forskning": the patient gives or withdraws their research consent
//! (decision 0037). Only consenting patients are counted in researchers' reports and
//! exports; withdrawing stops new exports from holding them.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::research::ConsentStatus;
use carepath_store::StoreError;

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(Template, WebTemplate)]
#[template(path = "patient/consent.html")]
pub struct ConsentPage {
    layout: Layout,
    /// `None`: not answered; else given or not, and when.
    given: Option<(bool, String)>,
    version: i64,
    saved: bool,
    conflict: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct Saved {
    lagret: Option<String>,
}

async fn page(
    state: &AppState,
    ctx: &PatientContext,
    saved: bool,
    conflict: bool,
) -> Result<ConsentPage, Error> {
    let consent = state.store.consent(ctx.patient.id).await?;
    Ok(ConsentPage {
        layout: ctx.layout(),
        given: consent.as_ref().map(|c| {
            (
                c.status == ConsentStatus::Active,
                crate::layout::when(c.decided_at),
            )
        }),
        version: consent.map_or(0, |c| c.version),
        saved,
        conflict,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Saved>,
) -> Result<ConsentPage, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    page(&state, &ctx, q.lagret.is_some(), false).await
}

pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let give = match form.get("svar") {
        Some("ja") => true,
        Some("nei") => false,
        _ => return Err(Error::BadRequest(crate::i18n::tr("error-form-unreadable"))),
    };
    let version: i64 = form
        .get("versjon")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let reach = ctx.reach(&state).await?;
    match carepath_app::research::decide_consent(
        &state.store,
        &reach,
        &ctx.user.actor,
        give,
        version,
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/pasient/forskning?lagret=1").into_response()),
        Err(StoreError::Conflict) => Ok((
            axum::http::StatusCode::CONFLICT,
            page(&state, &ctx, false, true).await?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}
