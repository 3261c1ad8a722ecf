//! "Mine målinger": the patient registers what their program asks them to measure at home
//! and sees each series as a chart with the same numbers in a table beside it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::audit::AuditAction;
use carepath_domain::measurement::MeasurementKind;
use carepath_store::measurement::Measurement;

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

/// How many of a series are drawn and listed.
const SHOWN: usize = 30;

pub(crate) struct Choice {
    key: &'static str,
    name: String,
    unit: String,
    selected: bool,
}

pub(crate) struct Series {
    name: String,
    unit: String,
    chart: crate::chart::Chart,
    /// Newest first: (when, value).
    rows: Vec<(String, String)>,
    /// The plan's colour of the newest value (its name's key, CSS class) and its advice.
    latest: Option<(&'static str, &'static str, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/measurements.html")]
pub struct MeasurementsPage {
    layout: Layout,
    choices: Vec<Choice>,
    series: Vec<Series>,
    value: String,
    error: Option<String>,
    notice: Option<&'static str>,
    /// Whom to call, for advice on a yellow or red value.
    call: Option<String>,
    /// The value just saved, with its plan's colour and advice, shown first: (name,
    /// colour's key, CSS class, advice).
    saved: Option<(String, &'static str, &'static str, String)>,
}

#[derive(serde::Deserialize, Default)]
pub struct Notice {
    lagret: Option<String>,
}

/// The kinds the patient's program asks for.
fn kinds(ctx: &PatientContext) -> Vec<MeasurementKind> {
    ctx.enrollment
        .as_ref()
        .map(|(_, v)| {
            v.definition
                .measurements
                .iter()
                .filter_map(|k| MeasurementKind::from_key(k))
                .collect()
        })
        .unwrap_or_default()
}

/// A number as the request's language writes it (a decimal comma in Norwegian).
fn number(v: f64) -> String {
    carepath_i18n::number(crate::i18n::current(), v)
}

fn series(
    kind: MeasurementKind,
    all: &[Measurement],
    limits: Option<&carepath_domain::threshold::MeasurementLimits>,
) -> Option<Series> {
    let info = kind.info();
    let mine: Vec<&Measurement> = all
        .iter()
        .filter(|m| m.key == info.key)
        .take(SHOWN)
        .collect();
    if mine.is_empty() {
        return None;
    }
    let values: Vec<_> = mine.iter().map(|m| (m.effective_at, m.value)).collect();
    let chart = crate::chart::chart(
        format!("graf-{}", info.key),
        (
            crate::i18n::measurement_name(kind),
            crate::i18n::measurement_unit(kind),
        ),
        &values,
        limits.map(|l| l.limits()).as_ref(),
    )?;
    Some(Series {
        name: crate::i18n::measurement_name(kind),
        unit: crate::i18n::measurement_unit(kind),
        chart,
        rows: mine
            .iter()
            .map(|m| (crate::layout::when_at(m.effective_at), number(m.value)))
            .collect(),
        latest: limits.map(|l| {
            let colour = l.colour(mine[0].value);
            (
                carepath_i18n::colour_key(colour),
                colour.as_str(),
                l.advice(colour).to_owned(),
            )
        }),
    })
}

async fn page(
    state: &AppState,
    ctx: &PatientContext,
    selected: Option<&str>,
    value: String,
    error: Option<String>,
    notice: Option<&'static str>,
    saved: Option<MeasurementKind>,
) -> Result<MeasurementsPage, Error> {
    let kinds = kinds(ctx);
    let all = state
        .store
        .patient_measurements(ctx.patient.id, 1000)
        .await?;
    let mut shown = Vec::new();
    let mut saved_advice = None;
    for k in &kinds {
        let limits = state
            .store
            .plan_limits(ctx.patient.id, k.info().key, None)
            .await?
            .plan
            .and_then(|plan| plan.limits);
        let s = series(*k, &all, limits.as_ref());
        if saved == Some(*k) {
            saved_advice = s.as_ref().and_then(|s| {
                let (colour, class, advice) = s.latest.clone()?;
                Some((s.name.clone(), colour, class, advice))
            });
        }
        shown.extend(s);
    }
    let call = ctx.call_unit(state).await?;
    Ok(MeasurementsPage {
        call,
        saved: saved_advice,
        layout: ctx.layout(),
        choices: kinds
            .iter()
            .map(|k| Choice {
                key: k.info().key,
                name: crate::i18n::measurement_name(*k),
                unit: crate::i18n::measurement_unit(*k),
                selected: selected == Some(k.info().key),
            })
            .collect(),
        series: shown,
        value,
        error,
        notice,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<Notice>,
) -> Result<MeasurementsPage, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let notice = q.lagret.as_ref().map(|_| "measurements-saved");
    let saved = q.lagret.as_deref().and_then(MeasurementKind::from_key);
    page(&state, &ctx, None, String::new(), None, notice, saved).await
}

pub async fn register(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let key = form.get("maaling").unwrap_or_default().to_owned();
    let text = form.get("verdi").unwrap_or_default().to_owned();
    let kind = MeasurementKind::from_key(&key).filter(|k| kinds(&ctx).contains(k));
    let checked = match kind {
        None => Err(crate::i18n::tr("measurements-choose-kind")),
        Some(kind) => match text.replace(',', ".").replace(' ', "").parse::<f64>() {
            Err(_) => Err(crate::i18n::tr_args(
                "measurement-not-a-number",
                &[("name", crate::i18n::measurement_name(kind).into())],
            )),
            Ok(v) => kind
                .check(v)
                .map(|v| (kind, v))
                .map_err(|e| crate::i18n::measurement_problem(kind, &e)),
        },
    };
    let (kind, value) = match checked {
        Ok(ok) => ok,
        Err(why) => {
            let page = page(&state, &ctx, Some(&key), text, Some(why), None, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let now = state.clock.now();
    let audit = ctx.event_on(AuditAction::Create, "Observation", "");
    carepath_app::measurement::record(
        &state.store,
        carepath_app::measurement::Measured {
            patient: ctx.patient.id,
            kind,
            value,
            effective: &now.to_rfc3339(),
            effective_at: now,
            by: Some(ctx.user.account.id),
            within: None,
            acting_unit: None,
            audit: Some(&audit),
        },
        now,
    )
    .await?;
    // The page opens with this value's advice first.
    Ok(Redirect::to(&format!("/pasient/maalinger?lagret={}", kind.info().key)).into_response())
}
