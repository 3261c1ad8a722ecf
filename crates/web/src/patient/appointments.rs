//! "Mine avtaler": the patient's appointments (decision 0036), the coming ones first with
//! the link into the hospital's video service or the place to come to, then the past and
//! cancelled ones. A group session shows no other patient. Below them, the group courses
//! on site of the patient's program (decision 0046) that have not begun: the patient signs
//! up for one with a free place, or withdraws from one they are in.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::appointment::{AppointmentError, Setting};
use carepath_domain::Id;
use carepath_domain::appointment::{Appointment, AppointmentStatus, BookingProblem};

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::clinician::appointments::{kind_key, status_key, when};
use crate::form::FormData;
use crate::i18n::{tr, tr_args};
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

/// A group course the patient may sign up for or is in.
pub(crate) struct CourseRow {
    /// `{id}:{version}`, what the form sends back.
    pub key: String,
    pub when: String,
    pub place: String,
    pub free: String,
    pub signed_up: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/appointments.html")]
pub struct AppointmentsPage {
    layout: Layout,
    upcoming: Vec<Row>,
    past: Vec<Row>,
    courses: Vec<CourseRow>,
    /// Whether the program runs group courses at all.
    runs_courses: bool,
    notice: Option<&'static str>,
    error: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct ShowQuery {
    pameldt: Option<String>,
    avmeldt: Option<String>,
}

async fn page(state: &AppState, ctx: &PatientContext) -> Result<AppointmentsPage, Error> {
    let reach = ctx.reach(state).await?;
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
    let (courses, runs_courses) = match &ctx.enrollment {
        Some((e, v)) if v.definition.group_courses.is_some() => (
            carepath_app::appointment::courses_for(&state.store, e, now)
                .await?
                .into_iter()
                .map(|c| CourseRow {
                    key: format!("{}:{}", c.id, c.version),
                    when: tr_args(
                        "appointment-when",
                        &[
                            ("at", crate::layout::when_at(c.start).into()),
                            ("minutes", i64::from(c.minutes).into()),
                        ],
                    ),
                    place: c.place,
                    free: tr_args("group-course-free", &[("free", i64::from(c.free).into())]),
                    signed_up: c.signed_up,
                })
                .collect(),
            true,
        ),
        _ => (Vec::new(), false),
    };
    Ok(AppointmentsPage {
        layout: ctx.layout(),
        upcoming,
        past,
        courses,
        runs_courses,
        notice: None,
        error: None,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ShowQuery>,
) -> Result<AppointmentsPage, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let mut page = page(&state, &ctx).await?;
    page.notice = if q.pameldt.is_some() {
        Some("group-course-signed-up")
    } else if q.avmeldt.is_some() {
        Some("group-course-withdrawn")
    } else {
        None
    };
    Ok(page)
}

/// Signs the patient up for a group course (`handling=pamelding`, `kurs` =
/// `{id}:{version}`) or takes them off it (`handling=avmelding`).
pub async fn sign_up(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let (e, _) = ctx.require_enrollment()?;
    let join = match form.get("handling") {
        Some("pamelding") => true,
        Some("avmelding") => false,
        _ => return Err(Error::NotFound),
    };
    let (id, version) = form
        .get("kurs")
        .and_then(|k| k.split_once(':'))
        .and_then(|(id, v)| Some((id.parse::<Id<Appointment>>().ok()?, v.parse::<i64>().ok()?)))
        .ok_or(Error::NotFound)?;
    let result = carepath_app::appointment::sign_up(
        &state.store,
        &ctx.user,
        e,
        (id, version),
        join,
        Setting {
            public_url: &state.config.public_url,
            video: state.config.video.as_ref(),
        },
        state.clock.now(),
    )
    .await;
    let message = match result {
        Ok(()) => {
            let to = if join {
                "/pasient/avtaler?pameldt=1#gruppekurs"
            } else {
                "/pasient/avtaler?avmeldt=1#gruppekurs"
            };
            return Ok(Redirect::to(to).into_response());
        }
        Err(AppointmentError::Problem(BookingProblem::Full)) => tr("group-course-error-full"),
        Err(AppointmentError::Problem(BookingProblem::AlreadyIn)) => {
            tr("group-course-error-already-in")
        }
        Err(AppointmentError::Problem(_)) => tr("group-course-error-closed"),
        Err(AppointmentError::Conflict) => tr("group-course-error-changed"),
        Err(AppointmentError::NotFound) => return Err(Error::NotFound),
        Err(AppointmentError::Store(e)) => return Err(e.into()),
        Err(_) => return Err(Error::Forbidden),
    };
    let mut page = page(&state, &ctx).await?;
    page.error = Some(message);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
