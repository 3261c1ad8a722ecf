//! "Mine målinger": the patient registers what their program asks them to measure at home
//! and sees each series as a chart with the same numbers in a table beside it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::audit::AuditAction;
use carepath_domain::measurement::{BLOOD_PRESSURE_KEY, Entry, MeasurementKind};
use carepath_domain::threshold::Colour;
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
    kind: MeasurementKind,
    colour: Option<Colour>,
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/measurements.html")]
pub struct MeasurementsPage {
    layout: Layout,
    choices: Vec<Choice>,
    series: Vec<Series>,
    value: String,
    /// Blood pressure's lower number as typed.
    lower: String,
    /// Whether blood pressure is one of the choices (its second field shows).
    pressure: bool,
    /// What to fix, and the id of the field it is about.
    summary: Option<(String, String)>,
    upper_error: Option<String>,
    lower_error: Option<String>,
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

/// What the patient chooses among: each kind, with blood pressure's two numbers as one
/// choice when the program asks for both.
fn choices(kinds: &[MeasurementKind], selected: Option<&str>) -> Vec<Choice> {
    let pressure = carepath_domain::measurement::asks_blood_pressure(kinds);
    let mut out = Vec::new();
    for k in kinds {
        let key = k.info().key;
        match k {
            MeasurementKind::DiastolicPressure if pressure => {}
            MeasurementKind::SystolicPressure if pressure => out.push(Choice {
                key: BLOOD_PRESSURE_KEY,
                name: crate::i18n::tr("measurement-blood-pressure"),
                unit: crate::i18n::measurement_unit(*k),
                selected: selected == Some(BLOOD_PRESSURE_KEY),
            }),
            _ => out.push(Choice {
                key,
                name: crate::i18n::measurement_name(*k),
                unit: crate::i18n::measurement_unit(*k),
                selected: selected == Some(key),
            }),
        }
    }
    out
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
        kind,
        colour: limits.map(|l| l.colour(mine[0].value)),
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
    (value, lower): (String, String),
    error: Option<(String, &'static str)>,
    notice: Option<&'static str>,
    saved: Option<&str>,
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
        shown.extend(series(*k, &all, limits.as_ref()));
    }
    // The entry just saved: its advice, for blood pressure the worse number's.
    if let Some(saved) = saved {
        let pressure = saved == BLOOD_PRESSURE_KEY;
        saved_advice = shown
            .iter()
            .filter(|s| {
                s.kind.info().key == saved
                    || (pressure
                        && matches!(
                            s.kind,
                            MeasurementKind::SystolicPressure | MeasurementKind::DiastolicPressure
                        ))
            })
            .max_by_key(|s| s.colour)
            .and_then(|s| {
                let (colour, class, advice) = s.latest.clone()?;
                let name = if pressure {
                    crate::i18n::tr("measurement-blood-pressure")
                } else {
                    s.name.clone()
                };
                Some((name, colour, class, advice))
            });
    }
    let call = ctx.call_unit(state).await?;
    let choices = choices(&kinds, selected);
    Ok(MeasurementsPage {
        call,
        saved: saved_advice,
        layout: ctx.layout(),
        pressure: carepath_domain::measurement::asks_blood_pressure(&kinds),
        summary: error.as_ref().map(|(e, field)| {
            let anchor = match *field {
                "maaling" => format!("maaling-{}", choices.first().map_or("", |c| c.key)),
                f => f.to_owned(),
            };
            (e.clone(), anchor)
        }),
        upper_error: error
            .as_ref()
            .filter(|(_, f)| *f != "nedre")
            .map(|(e, _)| e.clone()),
        lower_error: error
            .as_ref()
            .filter(|(_, f)| *f == "nedre")
            .map(|(e, _)| e.clone()),
        choices,
        series: shown,
        value,
        lower,
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
    page(
        &state,
        &ctx,
        None,
        Default::default(),
        None,
        notice,
        q.lagret.as_deref(),
    )
    .await
}

pub async fn register(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let key = form.get("maaling").unwrap_or_default().to_owned();
    let text = form.get("verdi").unwrap_or_default().to_owned();
    let lower = form.get("nedre").unwrap_or_default().to_owned();
    let asked = kinds(&ctx);
    let checked = entry(&asked, &key, &text, &lower);
    let entry = match checked {
        Ok(ok) => ok,
        Err(why) => {
            let page = page(
                &state,
                &ctx,
                Some(&key),
                (text, lower),
                Some(why),
                None,
                None,
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let now = state.clock.now();
    let audit = ctx.event_on(AuditAction::Create, "Observation", "");
    carepath_app::measurement::record(
        &state.store,
        carepath_app::measurement::Measured {
            patient: ctx.patient.id,
            entry,
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
    Ok(Redirect::to(&format!("/pasient/maalinger?lagret={}", entry.key())).into_response())
}

/// The entry the form holds, checked: the kind chosen among those `asked`, its number (for
/// blood pressure the upper in `verdi` and the lower in `nedre`); otherwise what to fix
/// and in which field.
fn entry(
    asked: &[MeasurementKind],
    key: &str,
    text: &str,
    lower: &str,
) -> Result<Entry, (String, &'static str)> {
    let number = |kind: MeasurementKind, text: &str, field| {
        text.replace(',', ".")
            .replace(' ', "")
            .parse::<f64>()
            .map_err(|_| {
                let name = crate::i18n::measurement_name(kind);
                (
                    crate::i18n::tr_args("measurement-not-a-number", &[("name", name.into())]),
                    field,
                )
            })
    };
    let entry =
        if key == BLOOD_PRESSURE_KEY && carepath_domain::measurement::asks_blood_pressure(asked) {
            if text.trim().is_empty() || lower.trim().is_empty() {
                let field = if text.trim().is_empty() {
                    "verdi"
                } else {
                    "nedre"
                };
                return Err((crate::i18n::tr("measurements-pressure-both"), field));
            }
            Entry::BloodPressure {
                systolic: number(MeasurementKind::SystolicPressure, text, "verdi")?,
                diastolic: number(MeasurementKind::DiastolicPressure, lower, "nedre")?,
            }
        } else {
            let kind = MeasurementKind::from_key(key)
                .filter(|k| asked.contains(k))
                .ok_or_else(|| (crate::i18n::tr("measurements-choose-kind"), "maaling"))?;
            Entry::One(kind, number(kind, text, "verdi")?)
        };
    entry.checked().map_err(|e| {
        use carepath_domain::measurement::MeasurementError as E;
        let field = match e {
            E::OutOfRange {
                kind: MeasurementKind::DiastolicPressure,
                ..
            }
            | E::NotANumber(MeasurementKind::DiastolicPressure)
            | E::TooPrecise(MeasurementKind::DiastolicPressure, _) => "nedre",
            _ => "verdi",
        };
        (crate::i18n::measurement_problem(&e), field)
    })
}
