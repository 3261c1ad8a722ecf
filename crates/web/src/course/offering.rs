//! A course's local offerings (decision 0040): the organiser's proposal form, an
//! offering's page with its agenda and local speakers, the committee's decision, the
//! participant's booking, and the organiser's list of participants with attendance.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::course::CourseError;
use carepath_domain::Id;
use carepath_domain::course::offering::{
    Offering, OfferingStatus, OfferingStep, Proposal, RegistrationClosed,
};
use carepath_domain::course::participation::{ParticipationProblem, SeatStatus};
use carepath_domain::course::{CourseVersion, PartContent};
use carepath_domain::schedule::local_date;
use carepath_domain::user::Role;

use super::{Choice, Duration, find, layout, problem, profile_words, seat_words};
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::i18n::{keep_in, tr, tr_args};
use crate::layout::Layout;
use crate::{AppState, Error};

/// A local speaker's field: the session and the name typed.
pub(crate) struct SpeakerField {
    key: String,
    session: String,
    name: String,
}

/// The proposal form as shown: what was typed and the choices.
pub(crate) struct ProposalForm {
    parts: Vec<Choice>,
    units: Vec<Choice>,
    date: String,
    deadline: String,
    place: String,
    capacity: String,
    speakers: Vec<SpeakerField>,
}

#[derive(Template, WebTemplate)]
#[template(path = "course/propose.html")]
pub(crate) struct ProposePage {
    layout: Layout,
    course_key: String,
    course_title: String,
    form: ProposalForm,
    error: Option<String>,
}

/// The form, empty or as typed, for `course` by `user` (the units they organise for).
async fn proposal_form(
    state: &AppState,
    user: &CurrentUser,
    v: &CourseVersion,
    form: Option<&FormData>,
    shown: Option<&Offering>,
) -> Result<ProposalForm, Error> {
    let lang = crate::i18n::current();
    let typed = |name: &str, fallback: String| {
        form.map_or(fallback, |f| f.get(name).unwrap_or_default().to_owned())
    };
    let part = typed("del", shown.map(|o| o.part_key.clone()).unwrap_or_default());
    let unit = typed(
        "enhet",
        shown.map(|o| o.unit_id.to_string()).unwrap_or_default(),
    );
    let mut units = Vec::new();
    for u in user.organises(v.course_id) {
        units.push(Choice {
            selected: unit == u.to_string(),
            code: u.to_string(),
            name: state.store.unit(u).await?.name,
        });
    }
    let mut speakers = Vec::new();
    let mut parts = Vec::new();
    for p in &v.definition.parts {
        if let PartContent::Day { sessions } = &p.content {
            parts.push(Choice {
                code: p.key.clone(),
                name: p.title.get(lang).to_owned(),
                selected: part == p.key,
            });
            for s in sessions {
                let given = shown
                    .and_then(|o| o.proposal.speakers.iter().find(|(k, _)| *k == s.key))
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                speakers.push(SpeakerField {
                    name: typed(&format!("taler-{}", s.key), given),
                    key: s.key.clone(),
                    session: s.title.get(lang).to_owned(),
                });
            }
        }
    }
    let p = shown.map(|o| &o.proposal);
    Ok(ProposalForm {
        parts,
        units,
        date: typed("dato", p.map(|p| p.date.to_string()).unwrap_or_default()),
        deadline: typed(
            "frist",
            p.map(|p| p.deadline.to_string()).unwrap_or_default(),
        ),
        place: typed("sted", p.map(|p| p.place.clone()).unwrap_or_default()),
        capacity: typed(
            "plasser",
            p.map(|p| p.capacity.to_string()).unwrap_or_default(),
        ),
        speakers,
    })
}

/// The proposal the form holds; `Err` the sentence saying what to fix.
fn proposal(form: &FormData) -> Result<Proposal, String> {
    let date = form.get("dato").and_then(|d| d.parse().ok());
    let deadline = form.get("frist").and_then(|d| d.parse().ok());
    let capacity = form.get("plasser").and_then(|c| c.parse().ok());
    let (Some(date), Some(deadline)) = (date, deadline) else {
        return Err(tr("course-problem-dates"));
    };
    let Some(capacity) = capacity else {
        return Err(tr("course-problem-capacity"));
    };
    let speakers = form
        .0
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("taler-")
                .map(|s| (s.to_owned(), v.trim().to_owned()))
        })
        .collect();
    Ok(Proposal {
        date,
        place: form.get("sted").unwrap_or_default().to_owned(),
        capacity,
        deadline,
        speakers,
    })
}

pub(crate) async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(course): Path<String>,
) -> Result<ProposePage, Error> {
    let v = find(&state, &course).await?;
    if user.organises(v.course_id).is_empty() {
        return Err(Error::Forbidden);
    }
    Ok(ProposePage {
        layout: layout(&state, Some(&user)),
        course_key: v.definition.key.clone(),
        course_title: v.definition.title.get(crate::i18n::current()).to_owned(),
        form: proposal_form(&state, &user, &v, None, None).await?,
        error: None,
    })
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(course): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let unit = form.get("enhet").and_then(|u| u.parse().ok());
    let part = form.get("del").unwrap_or_default().to_owned();
    let outcome = match (proposal(&form), unit) {
        (Err(why), _) => Err(why),
        (Ok(_), None) => return Err(Error::Forbidden),
        (Ok(p), Some(unit)) => match carepath_app::course::propose(
            &state.store,
            &user.actor,
            &v,
            &part,
            unit,
            p,
            state.clock.now(),
        )
        .await
        {
            Ok(id) => Ok(id),
            Err(e) => Err(problem(e, &v.definition)?),
        },
    };
    match outcome {
        Ok(id) => {
            Ok(Redirect::to(&keep_in(&format!("/kurs/{course}/tilbud/{id}"))).into_response())
        }
        Err(why) => {
            let page = ProposePage {
                layout: layout(&state, Some(&user)),
                course_key: v.definition.key.clone(),
                course_title: v.definition.title.get(crate::i18n::current()).to_owned(),
                form: proposal_form(&state, &user, &v, Some(&form), None).await?,
                error: Some(why),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub(crate) struct AgendaRow {
    title: String,
    total: Duration,
    speaker: String,
}

pub(crate) struct HistoryRow {
    when: String,
    who: String,
    step: String,
    comment: String,
}

pub(crate) struct SeatLine {
    user: String,
    name: String,
    profile: String,
    status: String,
    /// Holds a place (attendance may be marked).
    place: bool,
    present: Option<bool>,
}

/// What the page offers the reader as a participant.
#[derive(Default)]
pub(crate) struct Booking {
    /// Signed in as a participant.
    participant: bool,
    /// Signed in and running the course: the box is not for them.
    runs: bool,
    /// Not registered for the course yet.
    register_first: bool,
    /// Their seat, in words (empty: none).
    mine: String,
    can_book: bool,
    can_cancel: bool,
    /// Why they cannot book, in words.
    closed: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "course/offering.html")]
pub(crate) struct OfferingPage {
    layout: Layout,
    course_key: String,
    course_title: String,
    part_title: String,
    id: String,
    version: i64,
    date: String,
    place: String,
    unit: String,
    deadline: String,
    seats: String,
    status: String,
    agenda: Vec<AgendaRow>,
    /// Those running the course see its history.
    history: Vec<HistoryRow>,
    runs: bool,
    decide: bool,
    /// The organiser proposes again after a request for changes.
    repropose: Option<ProposalForm>,
    cancel: bool,
    booking: Booking,
    /// The participants, for the organiser and the owner.
    seat_list: Option<Vec<SeatLine>>,
    /// The organiser marks attendance.
    mark: bool,
    anonymous: bool,
    error: Option<String>,
}

fn offering_id(id: &str) -> Result<Id<Offering>, Error> {
    id.parse().map_err(|_| Error::NotFound)
}

async fn offering_page(
    state: &AppState,
    user: Option<&CurrentUser>,
    v: &CourseVersion,
    id: Id<Offering>,
    form: Option<&FormData>,
    error: Option<String>,
) -> Result<OfferingPage, Error> {
    let lang = crate::i18n::current();
    let actor = user.map(|u| &u.actor);
    let o = carepath_app::course::offering(&state.store, actor, v, id)
        .await
        .map_err(|e| problem(e, &v.definition).err().unwrap_or(Error::NotFound))?;
    let part = v.definition.part(&o.part_key).ok_or(Error::NotFound)?;
    let runs = actor.is_some_and(|a| a.runs_course(v.course_id));
    let agenda = match &part.content {
        PartContent::Day { sessions } => sessions
            .iter()
            .map(|s| AgendaRow {
                title: s.title.get(lang).to_owned(),
                total: Duration::of(s.minutes),
                speaker: o
                    .proposal
                    .speakers
                    .iter()
                    .find(|(k, _)| *k == s.key)
                    .map(|(_, n)| n.clone())
                    .or_else(|| s.speaker_role.as_ref().map(|r| r.get(lang).to_owned()))
                    .unwrap_or_else(|| tr("course-speaker-local")),
            })
            .collect(),
        PartContent::Elearning { .. } => Vec::new(),
    };
    let mut history = Vec::new();
    if runs {
        for s in &o.history {
            history.push(HistoryRow {
                when: crate::layout::when_at(s.at),
                who: state.store.user(s.by).await?.display_name,
                step: tr(super::step_done_key(s.step)),
                comment: s.comment.clone(),
            });
        }
    }
    let (places, waiting) = state.store.seat_counts(id).await?;
    let seats = tr_args(
        "course-seats-waiting",
        &[
            ("taken", places.into()),
            ("capacity", o.proposal.capacity.into()),
            ("waiting", waiting.into()),
        ],
    );
    let today = local_date(state.clock.now());
    let mut booking = Booking {
        runs,
        ..Booking::default()
    };
    if let Some(a) = actor.filter(|a| a.has(Role::Participant)) {
        booking.participant = true;
        let standing = carepath_app::course::standing(&state.store, a, v).await?;
        let held = standing
            .bookings
            .iter()
            .find(|b| b.offering.id == id && b.status != SeatStatus::Cancelled);
        if standing.profile.is_none() {
            booking.register_first = true;
        } else if let Some(b) = held {
            booking.mine = seat_words(b.status, b.ahead, b.present);
            booking.can_cancel = b.present.is_none();
        } else if let Err(ParticipationProblem::Waiting(w)) =
            standing.progress.opens(&v.definition, part)
        {
            booking.closed = super::waiting(&v.definition, &w);
        } else {
            // Whether it takes registrations is the domain's rule (the seat count does
            // not matter here: a full day still takes the waiting list).
            match carepath_domain::course::offering::seat(
                o.status,
                o.proposal.deadline,
                today,
                0,
                1,
            ) {
                Ok(_) => booking.can_book = true,
                Err(RegistrationClosed::NotApproved) => {
                    booking.closed = tr("course-closed-not-approved");
                }
                Err(RegistrationClosed::DeadlinePassed) => {
                    booking.closed = tr("course-closed-deadline");
                }
            }
        }
    }
    let seat_list = match actor.filter(|a| a.keeps_attendance(&o)) {
        Some(a) => Some(
            carepath_app::course::seats(&state.store, a, v, id)
                .await
                .map_err(|e| problem(e, &v.definition).err().unwrap_or(Error::Forbidden))?
                .into_iter()
                .filter(|s| s.status != SeatStatus::Cancelled)
                .map(|s| SeatLine {
                    user: s.user.to_string(),
                    name: s.name,
                    profile: s.profile.as_ref().map(profile_words).unwrap_or_default(),
                    status: tr(match s.status {
                        SeatStatus::Place => "course-seat-row-place",
                        SeatStatus::Waiting => "course-seat-row-waiting",
                        SeatStatus::Cancelled => "course-seat-row-cancelled",
                    }),
                    place: s.status == SeatStatus::Place,
                    present: s.present,
                })
                .collect(),
        ),
        None => None,
    };
    let organiser = actor.is_some_and(|a| a.organises(v.course_id).contains(&o.unit_id));
    let repropose = if organiser && o.status == OfferingStatus::ChangesRequested {
        Some(proposal_form(state, user.ok_or(Error::Forbidden)?, v, form, Some(&o)).await?)
    } else {
        None
    };
    Ok(OfferingPage {
        layout: layout(state, user),
        course_key: v.definition.key.clone(),
        course_title: v.definition.title.get(lang).to_owned(),
        part_title: part.title.get(lang).to_owned(),
        id: id.to_string(),
        version: o.version,
        date: crate::layout::date(o.proposal.date),
        place: o.proposal.place.clone(),
        unit: state.store.unit(o.unit_id).await?.name,
        deadline: crate::layout::date(o.proposal.deadline),
        seats,
        status: super::status_words(&o, today),
        agenda,
        history,
        runs,
        decide: o.status == OfferingStatus::Proposed
            && actor.is_some_and(|a| a.may_step(&o, OfferingStep::Approve)),
        repropose,
        cancel: matches!(
            o.status,
            OfferingStatus::Proposed | OfferingStatus::ChangesRequested | OfferingStatus::Approved
        ) && o.proposal.date >= today
            && actor.is_some_and(|a| a.may_step(&o, OfferingStep::Cancel)),
        booking,
        mark: organiser && o.status == OfferingStatus::Approved,
        seat_list,
        anonymous: user.is_none(),
        error,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Path((course, id)): Path<(String, String)>,
) -> Result<OfferingPage, Error> {
    let v = find(&state, &course).await?;
    offering_page(&state, user.as_ref(), &v, offering_id(&id)?, None, None).await
}

/// Answers a refused form with the offering's page and the sentence saying why.
async fn refused(
    state: &AppState,
    user: &CurrentUser,
    v: &CourseVersion,
    id: Id<Offering>,
    form: Option<&FormData>,
    e: CourseError,
) -> Result<Response, Error> {
    let why = problem(e, &v.definition)?;
    let page = offering_page(state, Some(user), v, id, form, Some(why)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn back(course: &str, id: Id<Offering>) -> Response {
    Redirect::to(&keep_in(&format!("/kurs/{course}/tilbud/{id}"))).into_response()
}

/// The committee's decision, the organiser's new proposal, or a cancellation.
pub(crate) async fn step(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((course, id)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let id = offering_id(&id)?;
    let step = form
        .get("steg")
        .and_then(OfferingStep::parse)
        .ok_or_else(|| Error::BadRequest(tr("error-form-unreadable")))?;
    let version = form
        .get("versjon")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let changed = if step == OfferingStep::Propose {
        match proposal(&form) {
            Ok(p) => Some(p),
            Err(why) => {
                let page =
                    offering_page(&state, Some(&user), &v, id, Some(&form), Some(why)).await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
        }
    } else {
        None
    };
    match carepath_app::course::step(
        &state.store,
        &user.actor,
        &v,
        id,
        version,
        step,
        form.get("kommentar").unwrap_or_default(),
        changed,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(back(&course, id)),
        Err(e) => refused(&state, &user, &v, id, Some(&form), e).await,
    }
}

/// A participant books a seat.
pub(crate) async fn book(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((course, id)): Path<(String, String)>,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let id = offering_id(&id)?;
    match carepath_app::course::book(&state.store, &user.actor, &v, id, state.clock.now()).await {
        Ok(_) => Ok(back(&course, id)),
        Err(e) => refused(&state, &user, &v, id, None, e).await,
    }
}

/// A participant cancels their seat.
pub(crate) async fn cancel(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((course, id)): Path<(String, String)>,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let id = offering_id(&id)?;
    match carepath_app::course::cancel_booking(&state.store, &user.actor, &v, id).await {
        Ok(()) => Ok(back(&course, id)),
        Err(e) => refused(&state, &user, &v, id, None, e).await,
    }
}

/// The organiser marks one participant present or absent.
pub(crate) async fn attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((course, id)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let id = offering_id(&id)?;
    let participant = form
        .get("deltaker")
        .and_then(|p| p.parse().ok())
        .ok_or(Error::NotFound)?;
    let came = form.get("oppmote") == Some("mott");
    match carepath_app::course::mark_attendance(
        &state.store,
        &user.actor,
        &v,
        id,
        participant,
        came,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(back(&course, id)),
        Err(e) => refused(&state, &user, &v, id, None, e).await,
    }
}
