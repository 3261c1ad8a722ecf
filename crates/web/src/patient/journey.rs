//! Start page, treatment terms and eligibility screening.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::eligibility::{self, age_on};
use carepath_domain::enrollment::PatientStep;

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::{Layout, date, oslo_today};
use crate::markdown;
use crate::{AppState, Error};
use carepath_app::enrollment::Change;

#[derive(Template, WebTemplate)]
#[template(path = "patient/home.html")]
struct HomePage {
    layout: Layout,
    first_name: String,
    program_title: Option<String>,
    step: &'static str,
    message: Option<String>,
    gate_key: String,
    /// A finished program's scores from the start to the end.
    scores: Vec<crate::scores::ScoreTable>,
}

/// Shows where the patient is; sends them on to the modules once they are open.
pub async fn home(State(state): State<AppState>, user: CurrentUser) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let first_name = ctx
        .patient
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    let Some((enrollment, version)) = &ctx.enrollment else {
        return Ok(HomePage {
            layout: ctx.layout(),
            first_name,
            program_title: None,
            step: "none",
            message: None,
            gate_key: String::new(),
            scores: Vec::new(),
        }
        .into_response());
    };
    let def = &version.definition;
    let step = enrollment.next_step(ctx.gate_answered);
    if step == PatientStep::Modules {
        return Ok(Redirect::to(super::program_start(def)).into_response());
    }
    let message = match step {
        PatientStep::AwaitingException => Some(
            def.eligibility
                .exception_message
                .get(crate::i18n::current())
                .to_owned(),
        ),
        PatientStep::Stopped => Some(stop_message(def, enrollment.screening_outcome.as_deref())),
        _ => None,
    };
    let step = match step {
        PatientStep::AcceptTerms => "terms",
        PatientStep::Screening => "screening",
        PatientStep::AwaitingException => "waiting",
        PatientStep::Stopped => "stopped",
        PatientStep::Baseline => "baseline",
        PatientStep::Modules | PatientStep::Finished => "finished",
    };
    // A finished patient sees where they started and where they ended.
    let scores = if step == "finished" {
        crate::scores::score_tables(&state, enrollment, version, None).await?
    } else {
        Vec::new()
    };
    Ok(HomePage {
        scores,
        layout: ctx.layout(),
        first_name,
        program_title: Some(def.title.get(crate::i18n::current()).to_owned()),
        step,
        message,
        gate_key: def
            .gate_questionnaire()
            .map(|g| g.questionnaire.clone())
            .unwrap_or_default(),
    }
    .into_response())
}

fn stop_message(
    def: &carepath_domain::program::ProgramDefinition,
    outcome: Option<&str>,
) -> String {
    match outcome.and_then(|o| o.strip_prefix("excluded:")) {
        Some(key) => def
            .eligibility
            .exclusion_questions
            .iter()
            .find(|q| q.key == key)
            .map(|q| q.stop_message.get(crate::i18n::current()).to_owned())
            .unwrap_or_default(),
        None if outcome == Some("too_young") => def
            .eligibility
            .too_young_message
            .get(crate::i18n::current())
            .to_owned(),
        None => crate::i18n::tr("home-program-ended"),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/terms.html")]
struct TermsPage {
    layout: Layout,
    program_title: String,
    terms_html: String,
    error: Option<&'static str>,
}

pub async fn terms(State(state): State<AppState>, user: CurrentUser) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let Some((_, version)) = ctx.at_step(PatientStep::AcceptTerms)? else {
        return Ok(Redirect::to("/pasient").into_response());
    };
    Ok(terms_page(&ctx, version, None).into_response())
}

fn terms_page(
    ctx: &PatientContext,
    version: &carepath_domain::program::ProgramVersion,
    error: Option<&'static str>,
) -> TermsPage {
    let def = &version.definition;
    TermsPage {
        layout: ctx.layout(),
        program_title: def.title.get(crate::i18n::current()).to_owned(),
        terms_html: markdown::render(
            def.terms.get(crate::i18n::current()),
            &version.id.to_string(),
            &[],
        ),
        error,
    }
}

pub async fn accept_terms(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let Some((enrollment, version)) = ctx.at_step(PatientStep::AcceptTerms)? else {
        return Ok(Redirect::to("/pasient").into_response());
    };
    if form.get("godtar") != Some("ja") {
        let page = terms_page(&ctx, version, Some("terms-must-tick-text"));
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    ctx.change(&state, enrollment, Change::AcceptTerms).await?;
    Ok(Redirect::to("/pasient/kartlegging").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/screening.html")]
struct ScreeningPage {
    layout: Layout,
    birth_date: String,
    age: u32,
    questions: Vec<ScreeningQuestion>,
    errors: Vec<(String, String)>,
}

struct ScreeningQuestion {
    key: String,
    text: String,
    answer: Option<bool>,
}

fn screening_page(
    ctx: &PatientContext,
    state: &AppState,
    form: Option<&FormData>,
    errors: Vec<(String, String)>,
) -> Result<ScreeningPage, Error> {
    let (_, version) = ctx.require_enrollment()?;
    let today = oslo_today(state.clock.now());
    Ok(ScreeningPage {
        layout: ctx.layout(),
        birth_date: date(ctx.patient.birth_date),
        age: age_on(ctx.patient.birth_date, today),
        questions: version
            .definition
            .eligibility
            .exclusion_questions
            .iter()
            .map(|q| ScreeningQuestion {
                key: q.key.clone(),
                text: q.question.get(crate::i18n::current()).to_owned(),
                answer: form.and_then(|f| f.get(&q.key)).map(|v| v == "ja"),
            })
            .collect(),
        errors,
    })
}

pub async fn screening(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let Some(_) = ctx.at_step(PatientStep::Screening)? else {
        return Ok(Redirect::to("/pasient").into_response());
    };
    Ok(screening_page(&ctx, &state, None, vec![])?.into_response())
}

pub async fn submit_screening(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let Some((enrollment, version)) = ctx.at_step(PatientStep::Screening)? else {
        return Ok(Redirect::to("/pasient").into_response());
    };
    let rules = &version.definition.eligibility;
    let mut errors = Vec::new();
    let mut yes = Vec::new();
    for q in &rules.exclusion_questions {
        match form.get(&q.key) {
            Some("ja") => yes.push(q.key.clone()),
            Some("nei") => {}
            _ => errors.push((q.key.clone(), "screening-answer-yes-no".to_owned())),
        }
    }
    if !errors.is_empty() {
        let page = screening_page(&ctx, &state, Some(&form), errors)?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let now = state.clock.now();
    let outcome = eligibility::screen(rules, ctx.patient.birth_date, oslo_today(now), &yes);
    ctx.change(&state, enrollment, Change::Screening(&outcome))
        .await?;
    Ok(Redirect::to("/pasient").into_response())
}
