//! "Varsler": the unit's worklist of yellow and red results from patients' plans, the most
//! urgent first (red before yellow, then the oldest), each acknowledged by a person with a
//! note. Every patient shown is recorded in the access log.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::audit::AuditAction;
use carepath_domain::measurement::MeasurementKind;
use carepath_store::alert::Alert;

use super::Staff;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::{Layout, when_nb};
use crate::{AppState, Error};

/// The most alerts one page shows.
const SHOWN: i64 = 200;

pub(crate) struct Row {
    id: String,
    patient_id: String,
    patient: String,
    colour: &'static str,
    class: &'static str,
    what: String,
    raised: String,
    /// Its acknowledgement was sent without a note.
    invalid: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/alerts.html")]
pub(crate) struct AlertsPage {
    layout: Layout,
    unit_name: String,
    units: Vec<(String, String, bool)>,
    rows: Vec<Row>,
    /// The alert whose acknowledgement needs a note, with the message.
    error: Option<(String, &'static str)>,
    notice: Option<&'static str>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct AlertsQuery {
    enhet: Option<String>,
    kvittert: Option<String>,
}

fn row(a: &Alert) -> Row {
    let (name, unit) = MeasurementKind::from_key(&a.measurement)
        .map(|k| (k.info().name, k.info().unit_shown))
        .unwrap_or((a.measurement.as_str(), ""));
    let value = a
        .value
        .map(|v| format!("{} {unit}", format!("{v}").replace('.', ",")))
        .unwrap_or_default();
    Row {
        id: a.id.clone(),
        patient_id: a.patient_id.to_string(),
        patient: a.patient_name.clone(),
        colour: a.colour.name_nb(),
        class: a.colour.as_str(),
        what: format!("{name}: {value}").trim().to_owned(),
        raised: when_nb(a.raised_at),
        invalid: false,
    }
}

async fn page(
    state: &AppState,
    staff: &Staff,
    unit: Option<&str>,
    error: Option<(String, &'static str)>,
    notice: Option<&'static str>,
) -> Result<AlertsPage, Error> {
    let unit = staff.unit(unit)?;
    let alerts = state.store.active_alerts(unit.id, SHOWN).await?;
    // Each patient shown once in the access log.
    let mut seen = std::collections::HashSet::new();
    let events: Vec<_> = alerts
        .iter()
        .filter(|a| seen.insert(a.patient_id))
        .map(|a| staff.event(unit.id, a.patient_id, AuditAction::Read, "Flag", &a.id))
        .collect();
    crate::audit::record(state, &events).await?;
    Ok(AlertsPage {
        layout: staff.layout(),
        unit_name: unit.name.clone(),
        units: staff
            .units
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone(), u.id == unit.id))
            .collect(),
        rows: alerts
            .iter()
            .map(|a| Row {
                invalid: error.as_ref().is_some_and(|(id, _)| *id == a.id),
                ..row(a)
            })
            .collect(),
        error,
        notice,
    })
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<AlertsQuery>,
) -> Result<AlertsPage, Error> {
    let staff = Staff::load(&state, user).await?;
    let notice = q.kvittert.map(|_| "Varselet er kvittert ut.");
    page(&state, &staff, q.enhet.as_deref(), None, notice).await
}

pub(crate) async fn acknowledge(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let alert = state.store.alert(&id).await?.ok_or(Error::NotFound)?;
    // Another unit's alert is not found, so its existence is not revealed.
    if !staff.works_in(alert.unit_id) {
        return Err(Error::NotFound);
    }
    let unit = alert.unit_id.to_string();
    let note = form.get("notat").unwrap_or_default().to_owned();
    if note.chars().count() < 3 {
        let page = page(
            &state,
            &staff,
            Some(&unit),
            Some((
                id,
                "Skriv kort hva du har gjort, for eksempel «ringt pasienten».",
            )),
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let event = staff.event(
        alert.unit_id,
        alert.patient_id,
        AuditAction::Update,
        "Flag",
        &alert.id,
    );
    // Acknowledged meanwhile by someone else: the list shows it is gone either way.
    state
        .store
        .acknowledge_alert(
            &alert.id,
            staff.user.account.id,
            note.chars().take(500).collect::<String>().as_str(),
            state.clock.now(),
            &[event],
        )
        .await?;
    Ok(Redirect::to(&format!("/klinikk/varsler?enhet={unit}&kvittert=1")).into_response())
}
