//! Appointments on the care team's pages (decision 0036): the unit's coming appointments,
//! booking for a patient (from their request on the worklist or from their overview),
//! adding them to a group session with a free place, and one appointment's page where it
//! is moved, cancelled, a patient taken out, or it is recorded as held with an activity
//! code. The use cases are in `carepath_app::appointment`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::appointment::{Action, AppointmentError, Book, Setting};
use carepath_domain::Id;
use carepath_domain::appointment::{
    Appointment, AppointmentKind, AppointmentStatus, Booking, BookingProblem,
};
use carepath_domain::enrollment::Enrollment;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::Staff;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::i18n::{tr, tr_args};
use crate::layout::Layout;
use crate::{AppState, Error};

/// The key of a kind's name.
pub(crate) fn kind_key(kind: AppointmentKind) -> &'static str {
    match kind {
        AppointmentKind::Video => "appointment-kind-video",
        AppointmentKind::Group => "appointment-kind-group",
        AppointmentKind::OnSite => "appointment-kind-on-site",
        AppointmentKind::GroupCourse => "appointment-kind-group-course",
    }
}

/// The key of a status's name.
pub(crate) fn status_key(status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Booked => "appointment-status-booked",
        AppointmentStatus::Fulfilled => "appointment-status-fulfilled",
        AppointmentStatus::Cancelled => "appointment-status-cancelled",
    }
}

/// When, worded: "8. desember 2026 kl. 10:00 (30 min)".
pub(crate) fn when(a: &Appointment) -> String {
    tr_args(
        "appointment-when",
        &[
            ("at", crate::layout::when_at(a.start).into()),
            ("minutes", i64::from(a.minutes).into()),
        ],
    )
}

fn setting(state: &AppState) -> Setting<'_> {
    Setting {
        public_url: &state.config.public_url,
        video: state.config.video.as_ref(),
    }
}

/// A problem with a form, as (the field's id, the message).
fn problem_text(p: BookingProblem) -> (&'static str, String) {
    match p {
        BookingProblem::NotInFuture => ("dato", tr("appointment-error-past")),
        BookingProblem::Minutes => (
            "minutter",
            tr_args(
                "appointment-error-minutes",
                &[
                    (
                        "min",
                        i64::from(*carepath_domain::appointment::MINUTES.start()).into(),
                    ),
                    (
                        "max",
                        i64::from(*carepath_domain::appointment::MINUTES.end()).into(),
                    ),
                ],
            ),
        ),
        BookingProblem::Capacity => (
            "plasser",
            tr_args(
                "appointment-error-capacity",
                &[
                    (
                        "min",
                        i64::from(*carepath_domain::appointment::CAPACITY.start()).into(),
                    ),
                    (
                        "max",
                        i64::from(*carepath_domain::appointment::CAPACITY.end()).into(),
                    ),
                ],
            ),
        ),
        BookingProblem::Place => ("sted", tr("appointment-error-place")),
        BookingProblem::NoVideoService => ("type-video", tr("appointment-error-no-video")),
        BookingProblem::Full => ("gruppe", tr("appointment-error-full")),
        BookingProblem::AlreadyIn => ("gruppe", tr("appointment-error-already-in")),
        BookingProblem::Closed => ("handlinger", tr("appointment-error-closed")),
    }
}

fn app_error(e: AppointmentError) -> Result<(&'static str, String), Error> {
    Ok(match e {
        AppointmentError::Problem(p) => problem_text(p),
        AppointmentError::Conflict => ("handlinger", tr("appointment-error-changed")),
        AppointmentError::UnknownCode => ("kode", tr("appointment-error-code")),
        AppointmentError::NoGroupCourses => ("program", tr("group-course-error-program")),
        AppointmentError::NotClinician => return Err(Error::Forbidden),
        AppointmentError::NotFound => return Err(Error::NotFound),
        AppointmentError::Store(e) => return Err(e.into()),
    })
}

/// A date and a time from a form, in Norwegian time.
fn start_of(form: &FormData) -> Option<DateTime<Utc>> {
    let date = NaiveDate::parse_from_str(form.get("dato")?.trim(), "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(form.get("tid")?.trim(), "%H:%M").ok()?;
    Some(carepath_domain::schedule::local_instant(date, time))
}

fn number(form: &FormData, name: &str) -> Option<u32> {
    form.get(name)?.trim().parse().ok()
}

// ---------------------------------------------------------------------------------------
// The unit's appointments.

struct ListRow {
    id: String,
    when: String,
    kind: String,
    status: String,
    cancelled: bool,
    /// The patients' names, or for a group its places taken.
    who: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/appointments.html")]
pub(crate) struct ListPage {
    layout: Layout,
    units: Vec<(String, String, bool)>,
    unit_id: String,
    unit_name: String,
    rows: Vec<ListRow>,
    /// The unit runs a program with group courses: it can plan one.
    plans_courses: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    enhet: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<ListPage, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(q.enhet.as_deref())?;
    let found = state
        .store
        .unit_appointments(unit.id, state.clock.now(), 500)
        .await?;
    let plans_courses = !carepath_app::appointment::course_programs(&state.store, unit.id)
        .await?
        .is_empty();
    let rows = found
        .iter()
        .map(|a| ListRow {
            id: a.id.to_string(),
            when: when(a),
            kind: tr(kind_key(a.kind)),
            status: tr(status_key(a.status)),
            cancelled: a.status == AppointmentStatus::Cancelled,
            who: if a.kind.is_group() {
                tr_args(
                    "appointment-places-taken",
                    &[
                        ("taken", (a.participants.len() as i64).into()),
                        ("capacity", i64::from(a.capacity).into()),
                    ],
                )
            } else {
                a.participants
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
        .collect();
    Ok(ListPage {
        layout: staff.layout(),
        units: staff
            .units
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone(), u.id == unit.id))
            .collect(),
        unit_id: unit.id.to_string(),
        unit_name: unit.name.clone(),
        rows,
        plans_courses,
    })
}

// ---------------------------------------------------------------------------------------
// Booking.

#[derive(Template, WebTemplate)]
#[template(path = "clinician/appointment_new.html")]
pub(crate) struct NewPage {
    layout: Layout,
    enrollment: String,
    request: String,
    patient_id: String,
    patient: String,
    /// The kinds to choose: (value, name, chosen, available).
    kinds: Vec<(&'static str, String, bool, bool)>,
    video: bool,
    date: String,
    time: String,
    minutes: String,
    capacity: String,
    place: String,
    /// Group sessions with a free place: (id, version, label).
    groups: Vec<(String, i64, String)>,
    error: Option<(String, String)>,
}

#[derive(serde::Deserialize, Default)]
pub struct NewQuery {
    forlop: Option<String>,
    foresporsel: Option<String>,
}

/// The enrollment a booking is for: named, or that of the request.
async fn enrollment_of(
    state: &AppState,
    staff: &Staff,
    enrollment: Option<&str>,
    request: Option<&str>,
) -> Result<Enrollment, Error> {
    let id: Id<Enrollment> = match (enrollment.filter(|s| !s.is_empty()), request) {
        (Some(e), _) => e.parse().map_err(|_| Error::NotFound)?,
        (None, Some(r)) => {
            state
                .store
                .consultation_request(r)
                .await?
                .ok_or(Error::NotFound)?
                .enrollment_id
        }
        (None, None) => return Err(Error::NotFound),
    };
    let e = match state.store.enrollment(id).await {
        Ok(e) => e,
        Err(carepath_store::StoreError::NotFound(_)) => return Err(Error::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !staff.user.works_in(e.unit_id) {
        return Err(Error::NotFound);
    }
    Ok(e)
}

async fn new_page(
    state: &AppState,
    staff: &Staff,
    e: &Enrollment,
    request: Option<&str>,
    form: Option<&FormData>,
) -> Result<NewPage, Error> {
    let patient = state.store.patient(e.patient_id).await?;
    let now = state.clock.now();
    let video = state.config.video.is_some();
    let chosen = form
        .and_then(|f| f.get("type"))
        .and_then(AppointmentKind::parse)
        .unwrap_or(if video {
            AppointmentKind::Video
        } else {
            AppointmentKind::OnSite
        });
    let groups = carepath_app::appointment::open_groups(&state.store, &staff.user, e, now)
        .await?
        .iter()
        .map(|a| {
            (
                a.id.to_string(),
                a.version,
                tr_args(
                    "appointment-group-choice",
                    &[
                        ("when", when(a).into()),
                        ("free", i64::from(a.free_places()).into()),
                    ],
                ),
            )
        })
        .collect();
    let field =
        |name: &str, default: &str| form.and_then(|f| f.get(name)).unwrap_or(default).to_owned();
    Ok(NewPage {
        layout: staff.layout(),
        enrollment: e.id.to_string(),
        request: request.unwrap_or_default().to_owned(),
        patient_id: patient.id.to_string(),
        patient: patient.name,
        kinds: AppointmentKind::BOOKED
            .into_iter()
            .map(|k| {
                (
                    k.as_str(),
                    tr(kind_key(k)),
                    k == chosen,
                    !k.is_video() || video,
                )
            })
            .collect(),
        video,
        date: field("dato", ""),
        time: field("tid", ""),
        minutes: field("minutter", "30"),
        capacity: field("plasser", "8"),
        place: field("sted", ""),
        groups,
        error: None,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<NewPage, Error> {
    let staff = Staff::load(&state, user).await?;
    let request = q.foresporsel.as_deref().filter(|r| !r.is_empty());
    let e = enrollment_of(&state, &staff, q.forlop.as_deref(), request).await?;
    new_page(&state, &staff, &e, request, None).await
}

/// Books a new appointment (`handling=bestill`) or adds the patient to a group session
/// (`handling=legg-til`, `gruppe` = `{id}:{version}`).
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let request = form.get("foresporsel").filter(|r| !r.is_empty());
    let e = enrollment_of(&state, &staff, form.get("forlop"), request).await?;
    let now = state.clock.now();
    let result = if form.get("handling") == Some("legg-til") {
        let Some((id, version)) =
            form.get("gruppe")
                .and_then(|g| g.split_once(':'))
                .and_then(|(id, v)| {
                    Some((id.parse::<Id<Appointment>>().ok()?, v.parse::<i64>().ok()?))
                })
        else {
            let mut page = new_page(&state, &staff, &e, request, Some(&form)).await?;
            page.error = Some(("gruppe".into(), tr("appointment-error-choose-group")));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        };
        carepath_app::appointment::change(
            &state.store,
            &staff.user,
            (id, version),
            Action::Join {
                enrollment: e.id,
                request,
            },
            (&state.config.activity_codes, setting(&state)),
            now,
        )
        .await
        .map(|()| id)
    } else {
        let kind = form.get("type").and_then(AppointmentKind::parse);
        let (Some(kind), Some(start)) = (kind, start_of(&form)) else {
            let mut page = new_page(&state, &staff, &e, request, Some(&form)).await?;
            page.error = Some(if kind.is_none() {
                ("type-video".into(), tr("appointment-error-kind"))
            } else {
                ("dato".into(), tr("appointment-error-when"))
            });
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        };
        let booking = Booking {
            kind,
            start,
            minutes: number(&form, "minutter").unwrap_or(0),
            capacity: number(&form, "plasser").unwrap_or(0),
            place: form.get("sted").map(str::to_owned),
        };
        carepath_app::appointment::book(
            &state.store,
            &staff.user,
            Book {
                enrollment: e.id,
                request,
                booking,
                history: false,
            },
            setting(&state),
            now,
        )
        .await
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/klinikk/avtaler/{id}?bestilt=1")).into_response()),
        Err(err) => {
            let (field, message) = app_error(err)?;
            let mut page = new_page(&state, &staff, &e, request, Some(&form)).await?;
            page.error = Some((field.to_owned(), message));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

// ---------------------------------------------------------------------------------------
// Planning a group course on site (decision 0046).

#[derive(Template, WebTemplate)]
#[template(path = "clinician/group_course_new.html")]
pub(crate) struct CoursePage {
    layout: Layout,
    unit_id: String,
    unit_name: String,
    /// The unit's programs with group courses: (key, title, chosen).
    programs: Vec<(String, String, bool)>,
    date: String,
    time: String,
    minutes: String,
    capacity: String,
    place: String,
    error: Option<(String, String)>,
}

async fn course_page(
    state: &AppState,
    staff: &Staff,
    unit: Option<&str>,
    form: Option<&FormData>,
) -> Result<CoursePage, Error> {
    let unit = staff.unit(unit)?;
    let lang = crate::i18n::current();
    let programs = carepath_app::appointment::course_programs(&state.store, unit.id).await?;
    if programs.is_empty() {
        return Err(Error::NotFound);
    }
    let chosen = form.and_then(|f| f.get("program"));
    let field =
        |name: &str, default: &str| form.and_then(|f| f.get(name)).unwrap_or(default).to_owned();
    Ok(CoursePage {
        layout: staff.layout(),
        unit_id: unit.id.to_string(),
        unit_name: unit.name.clone(),
        programs: programs
            .iter()
            .enumerate()
            .map(|(i, (key, title))| {
                (
                    key.clone(),
                    title.get(lang).to_owned(),
                    chosen.map_or(i == 0, |c| c == key),
                )
            })
            .collect(),
        date: field("dato", ""),
        time: field("tid", ""),
        minutes: field("minutter", "120"),
        capacity: field("plasser", "20"),
        place: field("sted", ""),
        error: None,
    })
}

pub async fn course_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<CoursePage, Error> {
    let staff = Staff::load(&state, user).await?;
    course_page(&state, &staff, q.enhet.as_deref(), None).await
}

/// Plans a group course of the chosen program in the chosen unit.
pub async fn plan_course(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(form.get("enhet"))?.id;
    let problem = match start_of(&form) {
        None => ("dato", tr("appointment-error-when")),
        Some(start) => {
            let plan = carepath_app::appointment::PlanCourse {
                unit,
                program: form.get("program").unwrap_or_default(),
                booking: Booking {
                    kind: AppointmentKind::GroupCourse,
                    start,
                    minutes: number(&form, "minutter").unwrap_or(0),
                    capacity: number(&form, "plasser").unwrap_or(0),
                    place: form.get("sted").map(str::to_owned),
                },
            };
            match carepath_app::appointment::plan_course(
                &state.store,
                &staff.user,
                plan,
                state.clock.now(),
            )
            .await
            {
                Ok(id) => {
                    return Ok(
                        Redirect::to(&format!("/klinikk/avtaler/{id}?bestilt=1")).into_response()
                    );
                }
                Err(e) => app_error(e)?,
            }
        }
    };
    let mut page = course_page(&state, &staff, form.get("enhet"), Some(&form)).await?;
    page.error = Some((problem.0.to_owned(), problem.1));
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ---------------------------------------------------------------------------------------
// One appointment.

struct ParticipantRow {
    id: String,
    name: String,
    /// Whether they came, worded, once recorded.
    attended: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/appointment.html")]
pub(crate) struct ShowPage {
    layout: Layout,
    id: String,
    version: i64,
    title: String,
    when: String,
    status: String,
    place: String,
    join_url: String,
    group: bool,
    /// A group course on site, whose patients sign up themselves.
    course: bool,
    /// Places taken of the capacity, for a group.
    places: String,
    participants: Vec<ParticipantRow>,
    /// Still to come: it can be moved, cancelled, patients taken out.
    upcoming: bool,
    /// Begun and booked, and the reader a clinician: it can be recorded as held.
    recordable: bool,
    /// Begun and booked, and the reader not a clinician.
    clinician_records: bool,
    date: String,
    time: String,
    codes: Vec<(String, String)>,
    code: String,
    error: Option<(String, String)>,
    notice: Option<&'static str>,
}

#[derive(serde::Deserialize, Default)]
pub struct ShowQuery {
    bestilt: Option<String>,
    endret: Option<String>,
}

async fn show_page(state: &AppState, staff: &Staff, id: &str) -> Result<ShowPage, Error> {
    let id: Id<Appointment> = id.parse().map_err(|_| Error::NotFound)?;
    let (a, events) = carepath_app::appointment::open(&state.store, &staff.user, id)
        .await
        .map_err(|e| match e {
            AppointmentError::Store(e) => e.into(),
            _ => Error::NotFound,
        })?;
    crate::audit::record(state, &events).await?;
    let now = state.clock.now();
    let clinician = staff.user.role_in(a.unit_id) == carepath_domain::user::Role::Clinician;
    let begun = carepath_domain::appointment::may_record(&a, now);
    let codes: Vec<(String, String)> = state
        .config
        .activity_codes
        .for_kind(a.kind.activity(), now)
        .into_iter()
        .map(|c| (c.code.clone(), format!("{} – {}", c.code, c.title)))
        .collect();
    let local = a.start.with_timezone(&chrono_tz::Europe::Oslo);
    Ok(ShowPage {
        layout: staff.layout(),
        id: a.id.to_string(),
        version: a.version,
        title: tr(kind_key(a.kind)),
        when: when(&a),
        status: tr(status_key(a.status)),
        place: a.place.clone().unwrap_or_default(),
        join_url: a.join_url.clone().unwrap_or_default(),
        group: a.kind.is_group(),
        course: a.kind == AppointmentKind::GroupCourse,
        places: tr_args(
            "appointment-places-taken",
            &[
                ("taken", (a.participants.len() as i64).into()),
                ("capacity", i64::from(a.capacity).into()),
            ],
        ),
        participants: a
            .participants
            .iter()
            .map(|p| ParticipantRow {
                id: p.patient_id.to_string(),
                name: p.name.clone(),
                attended: match p.attended {
                    Some(true) => tr("appointment-attended"),
                    Some(false) => tr("appointment-not-attended"),
                    None => String::new(),
                },
            })
            .collect(),
        upcoming: a.is_upcoming(now),
        recordable: begun && clinician,
        clinician_records: begun && !clinician,
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        code: codes.first().map(|c| c.0.clone()).unwrap_or_default(),
        codes,
        error: None,
        notice: None,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<ShowPage, Error> {
    let staff = Staff::load(&state, user).await?;
    let mut page = show_page(&state, &staff, &id).await?;
    page.notice = if q.bestilt.is_some() {
        Some("appointment-notice-booked")
    } else if q.endret.is_some() {
        Some("appointment-notice-changed")
    } else {
        None
    };
    Ok(page)
}

/// Moves (`handling=flytt`), cancels (`avlys`), takes a patient out (`fjern`, `pasient`)
/// or records it as held (`gjennomfort`, `kom` per patient who came, `kode`).
pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let appointment: Id<Appointment> = id.parse().map_err(|_| Error::NotFound)?;
    let version: i64 = form
        .get("versjon")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let came: Vec<Id<carepath_domain::patient::Patient>> = form
        .all("kom")
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    let action = match form.get("handling") {
        Some("flytt") => start_of(&form).map(Action::Move),
        Some("avlys") => Some(Action::Cancel),
        Some("fjern") => form
            .get("pasient")
            .and_then(|p| p.parse().ok())
            .map(Action::Remove),
        Some("gjennomfort") => Some(Action::Record {
            attended: came,
            code: form.get("kode"),
        }),
        _ => None,
    };
    let (field, message) = match action {
        None => ("dato", tr("appointment-error-when")),
        Some(action) => match carepath_app::appointment::change(
            &state.store,
            &staff.user,
            (appointment, version),
            action,
            (&state.config.activity_codes, setting(&state)),
            state.clock.now(),
        )
        .await
        {
            Ok(()) => {
                return Ok(
                    Redirect::to(&format!("/klinikk/avtaler/{appointment}?endret=1"))
                        .into_response(),
                );
            }
            Err(e) => app_error(e)?,
        },
    };
    let mut page = show_page(&state, &staff, &id).await?;
    page.error = Some((field.to_owned(), message));
    if let (Some(d), Some(t)) = (form.get("dato"), form.get("tid")) {
        page.date = d.to_owned();
        page.time = t.to_owned();
    }
    if let Some(code) = form.get("kode") {
        page.code = code.to_owned();
    }
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
