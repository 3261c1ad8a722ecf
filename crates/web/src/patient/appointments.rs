//! "Mine avtaler": the patient's appointments (decision 0036), the coming ones first with
//! the link into the hospital's video service or the place to come to, then the past and
//! cancelled ones. A group session shows no other patient.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use carepath_domain::appointment::AppointmentStatus;

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::clinician::appointments::{kind_key, status_key, when};
use crate::i18n::tr;
use crate::layout::Layout;
use crate::{AppState, Error};

pub(crate) struct Row {
    pub when: String,
    pub kind: String,
    pub status: String,
    pub place: String,
    pub join_url: String,
    pub cancelled: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/appointments.html")]
pub struct AppointmentsPage {
    layout: Layout,
    upcoming: Vec<Row>,
    past: Vec<Row>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<AppointmentsPage, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let reach = ctx.reach(&state).await?;
    let now = state.clock.now();
    let found = carepath_app::appointment::of_patient(&state.store, &reach).await?;
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for a in found.iter().rev() {
        let row = Row {
            when: when(a),
            kind: tr(kind_key(a.kind)),
            status: tr(status_key(a.status)),
            place: a.place.clone().unwrap_or_default(),
            join_url: a.join_url.clone().unwrap_or_default(),
            cancelled: a.status == AppointmentStatus::Cancelled,
        };
        if a.is_upcoming(now) {
            upcoming.insert(0, row);
        } else {
            past.push(row);
        }
    }
    past.truncate(20);
    Ok(AppointmentsPage {
        layout: ctx.layout(),
        upcoming,
        past,
    })
}
