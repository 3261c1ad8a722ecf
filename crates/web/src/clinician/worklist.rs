//! The response centre's worklist ("Arbeidsliste", `/klinikk/varsler`): what waits for the
//! unit's care team, the most urgent first: yellow and red results of patients' plans
//! (red before yellow, then the oldest), requests for an appointment from need-driven
//! follow-up, and questionnaires not answered in time; filtered by unit and program.
//! Alerts are acknowledged and requests handled by a person with a note. With JavaScript
//! the page follows an event stream and fetches the list again when it changes; without
//! it, it is an ordinary page. Every patient shown is recorded in the access log.

use std::convert::Infallible;
use std::time::Duration;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::Id;
use carepath_domain::audit::AuditAction;
use carepath_domain::organization::Unit;
use carepath_domain::program::Program;
use carepath_store::alert::Alert;

use super::Staff;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};
use carepath_app::worklist::{self, HandleError, Item};

/// The most rows of each kind one page shows.
const SHOWN: i64 = 200;
/// How often a live page's stream also looks for changes made on other nodes.
const POLL: Duration = Duration::from_secs(5);

pub(crate) struct AlertRow {
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

pub(crate) struct RequestRow {
    id: String,
    patient_id: String,
    patient: String,
    program: String,
    answered: String,
    invalid: bool,
    /// The form that asked, by its title, and its answers: what the request is about.
    form: String,
    answers: Vec<(String, String)>,
}

/// A health professional's enquiry from a public page (decision 0048).
pub(crate) struct EnquiryRow {
    id: String,
    received: String,
    /// "Lise Lege, fastlege, Sentrum legekontor".
    from: String,
    contact: String,
    message: String,
    invalid: bool,
}

pub(crate) struct MessageRow {
    patient_id: String,
    patient: String,
    enrollment_id: String,
    /// How long the oldest unanswered message has waited, in words.
    waited: String,
    due: String,
    overdue: bool,
    unanswered: i64,
    unread: i64,
}

pub(crate) struct LetterRow {
    id: String,
    patient_id: String,
    patient: String,
    title: String,
    since: String,
    /// Why it cannot go yet, worded; empty when it can.
    hold: String,
}

pub(crate) struct TaskRow {
    patient_id: String,
    patient: String,
    title: String,
    due: String,
    closes: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/worklist.html")]
pub(crate) struct WorklistPage {
    layout: Layout,
    unit_id: String,
    unit_name: String,
    units: Vec<(String, String, bool)>,
    /// The unit's programs: (id, title, selected).
    programs: Vec<(String, String, bool)>,
    program: String,
    alerts: Vec<AlertRow>,
    requests: Vec<RequestRow>,
    messages: Vec<MessageRow>,
    tasks: Vec<TaskRow>,
    letters: Vec<LetterRow>,
    enquiries: Vec<EnquiryRow>,
    /// The year's activity codes for assessments: (code, its title).
    codes: Vec<(String, String)>,
    /// The row whose note is missing (its field's id), with the message.
    error: Option<(String, &'static str)>,
    notice: Option<&'static str>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct WorklistQuery {
    enhet: Option<String>,
    program: Option<String>,
    kvittert: Option<String>,
    handtert: Option<String>,
    besvart: Option<String>,
}

fn alert_row(a: &Alert) -> AlertRow {
    AlertRow {
        id: a.id.clone(),
        patient_id: a.patient_id.to_string(),
        patient: a.patient_name.clone(),
        colour: carepath_i18n::colour_key(a.colour),
        class: a.colour.as_str(),
        what: crate::alert::what(a),
        raised: crate::layout::when(a.raised_at),
        invalid: false,
    }
}

/// How long something has waited, in words: "3 t", "2 d 4 t".
fn waited(d: chrono::Duration) -> String {
    let hours = d.num_hours().max(0);
    crate::i18n::tr_args(
        "worklist-waited",
        &[
            ("days", (hours / 24).into()),
            ("hours", (hours % 24).into()),
        ],
    )
}

/// The unit's programs with their titles, and the one chosen (if it is one of them).
async fn programs(
    state: &AppState,
    unit: &Unit,
    chosen: Option<&str>,
) -> Result<(Vec<(Id<Program>, String)>, Option<Id<Program>>), Error> {
    let offered: Vec<(Id<Program>, String)> = state
        .store
        .unit_programs(unit.id)
        .await?
        .into_iter()
        .map(|v| {
            (
                v.program_id,
                v.definition.title.get(crate::i18n::current()).to_owned(),
            )
        })
        .collect();
    let chosen = match chosen.filter(|s| !s.is_empty()) {
        None => None,
        Some(id) => Some(
            offered
                .iter()
                .map(|(id, _)| *id)
                .find(|p| p.to_string() == id)
                .ok_or(Error::NotFound)?,
        ),
    };
    Ok((offered, chosen))
}

async fn page(
    state: &AppState,
    staff: &Staff,
    unit: Option<&str>,
    program: Option<&str>,
    error: Option<(String, &'static str)>,
    notice: Option<&'static str>,
) -> Result<WorklistPage, Error> {
    let unit = staff.unit(unit)?;
    let (offered, program) = programs(state, unit, program).await?;
    let alerts = state.store.active_alerts(unit.id, program, SHOWN).await?;
    let requests = state
        .store
        .open_consultation_requests(unit.id, program, SHOWN)
        .await?;
    let tasks = state.store.overdue_tasks(unit.id, program, SHOWN).await?;
    let enquiries = state.store.open_enquiries(unit.id, SHOWN).await?;
    let waiting = state.store.waiting_threads(unit.id, program, SHOWN).await?;
    let drafts = state
        .store
        .unit_letter_drafts(unit.id, program, SHOWN)
        .await?;
    let unit_her_id = state.store.unit_contacts(unit.id).await?.her_id;
    let mut letters = Vec::with_capacity(drafts.len());
    for d in &drafts {
        // The version comes with the row; its definition is cached: no query per letter.
        let title =
            carepath_app::letter::title_in(&state.store, d.program_version, &d.letter.point)
                .await?;
        let hold = carepath_domain::letter::hold(
            d.patient_gp.as_deref(),
            d.patient_gp_her_id.as_ref(),
            unit_her_id.as_ref(),
        );
        letters.push(LetterRow {
            id: d.letter.id.to_string(),
            patient_id: d.letter.patient_id.to_string(),
            patient: d.patient_name.clone(),
            title,
            since: crate::layout::when(d.letter.created_at),
            hold: hold
                .map(|h| {
                    crate::i18n::tr(match h {
                        carepath_domain::letter::Hold::NoGp => "letter-hold-no-gp",
                        carepath_domain::letter::Hold::NoGpHerId => "letter-hold-no-gp-her-id",
                        carepath_domain::letter::Hold::NoUnitHerId => "letter-hold-no-unit-her-id",
                    })
                })
                .unwrap_or_default(),
        });
    }
    // The answers behind each request, so it can be triaged from the list.
    let mut answers = Vec::with_capacity(requests.len());
    for r in &requests {
        let found = match &r.response {
            Some((response, questionnaire)) => match (
                state.store.response_by_id(response).await?,
                state.store.questionnaire_by_id(questionnaire).await?,
            ) {
                (Some(resp), Some(q)) => Some((
                    q.stored.questionnaire.title.clone().unwrap_or_default(),
                    resp.response()?.answered_items(&q.stored.questionnaire),
                )),
                _ => None,
            },
            None => None,
        };
        answers.push(found.unwrap_or_default());
    }
    let now = state.clock.now();
    let threads: Vec<String> = waiting
        .iter()
        .map(|w| w.enrollment_id.to_string())
        .collect();
    // Each patient shown once per kind in the access log.
    let mut seen = std::collections::HashSet::new();
    let events: Vec<_> = alerts
        .iter()
        .map(|a| (a.patient_id, "Flag", a.id.as_str()))
        .chain(
            requests
                .iter()
                .map(|r| (r.patient_id, "ServiceRequest", r.id.as_str())),
        )
        .chain(requests.iter().filter_map(|r| {
            r.response
                .as_ref()
                .map(|(id, _)| (r.patient_id, "QuestionnaireResponse", id.as_str()))
        }))
        .chain(tasks.iter().map(|t| (t.patient_id, "Task", t.id.as_str())))
        .chain(
            letters
                .iter()
                .zip(&drafts)
                .map(|(l, d)| (d.letter.patient_id, "DocumentReference", l.id.as_str())),
        )
        .chain(
            waiting
                .iter()
                .zip(&threads)
                .map(|(w, e)| (w.patient_id, "Communication", e.as_str())),
        )
        .filter(|(p, kind, _)| seen.insert((*p, *kind)))
        .map(|(p, kind, id)| staff.user.event_in(unit.id, p, AuditAction::Read, kind, id))
        .collect();
    crate::audit::record(state, &events).await?;
    let title_of = |p: Id<Program>| {
        offered
            .iter()
            .find(|(id, _)| *id == p)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    let invalid = |id: &str| error.as_ref().is_some_and(|(field, _)| field.ends_with(id));
    Ok(WorklistPage {
        codes: state
            .config
            .activity_codes
            .for_kind(
                carepath_domain::activity::ActivityKind::Assessment,
                state.clock.now(),
            )
            .into_iter()
            .map(|c| (c.code.clone(), format!("{} – {}", c.code, c.title)))
            .collect(),
        layout: staff.layout(),
        unit_id: unit.id.to_string(),
        unit_name: unit.name.clone(),
        units: staff
            .units
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone(), u.id == unit.id))
            .collect(),
        programs: offered
            .iter()
            .map(|(id, title)| (id.to_string(), title.clone(), Some(*id) == program))
            .collect(),
        program: program.map(|p| p.to_string()).unwrap_or_default(),
        alerts: alerts
            .iter()
            .map(|a| AlertRow {
                invalid: invalid(&a.id),
                ..alert_row(a)
            })
            .collect(),
        requests: requests
            .iter()
            .zip(answers)
            .map(|(r, (form, answers))| RequestRow {
                id: r.id.clone(),
                patient_id: r.patient_id.to_string(),
                patient: r.patient_name.clone(),
                program: title_of(r.program_id),
                answered: crate::layout::when(r.answered_at),
                invalid: invalid(&r.id),
                form,
                answers,
            })
            .collect(),
        messages: waiting
            .iter()
            .map(|w| MessageRow {
                patient_id: w.patient_id.to_string(),
                patient: w.patient_name.clone(),
                enrollment_id: w.enrollment_id.to_string(),
                waited: waited(now - w.since),
                due: w.due.map(super::messages::last_day).unwrap_or_default(),
                overdue: w.unanswered > 0 && w.due.is_some_and(|d| d <= now),
                unanswered: w.unanswered,
                unread: w.unread,
            })
            .collect(),
        tasks: tasks
            .iter()
            .map(|t| TaskRow {
                patient_id: t.patient_id.to_string(),
                patient: t.patient_name.clone(),
                title: t.title.clone(),
                due: crate::layout::when(t.due_at),
                closes: crate::layout::when(t.expires_at),
            })
            .collect(),
        letters,
        enquiries: enquiries
            .iter()
            .map(|e| EnquiryRow {
                id: e.id.to_string(),
                received: crate::layout::when(e.received_at),
                from: [&e.form.name, &e.form.profession, &e.form.workplace]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                contact: e.form.contact.clone(),
                message: e.form.message.clone(),
                invalid: invalid(&e.id.to_string()),
            })
            .collect(),
        error,
        notice,
    })
}

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<WorklistQuery>,
) -> Result<WorklistPage, Error> {
    let staff = Staff::load(&state, user).await?;
    let notice = if q.kvittert.is_some() {
        Some("worklist-acknowledged")
    } else if q.handtert.is_some() {
        Some("worklist-request-handled")
    } else if q.besvart.is_some() {
        Some("worklist-enquiry-handled")
    } else {
        None
    };
    page(
        &state,
        &staff,
        q.enhet.as_deref(),
        q.program.as_deref(),
        None,
        notice,
    )
    .await
}

/// The worklist again with a 422 asking for the note of the field `field`.
async fn note_needed(
    state: &AppState,
    staff: &Staff,
    unit: &str,
    (field, key): (String, &'static str),
) -> Result<Response, Error> {
    let page = page(state, staff, Some(unit), None, Some((field, key)), None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub(crate) async fn acknowledge(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    handle(state, user, Item::Alert(&id), &form, "notat", "kvittert").await
}

/// Marks a request for an appointment handled (the patient called, a time booked).
pub(crate) async fn handle_request(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    handle(
        state,
        user,
        Item::Request(&id),
        &form,
        "handtert",
        "handtert",
    )
    .await
}

/// Marks a health professional's enquiry handled (answered by phone or e-mail).
pub(crate) async fn handle_enquiry(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let note = form.get("notat").unwrap_or_default();
    match worklist::handle_enquiry(&state.store, &staff.user, &id, note, state.clock.now()).await {
        Ok(handled) => Ok(Redirect::to(&format!(
            "/klinikk/varsler?enhet={}&besvart=1",
            handled.unit
        ))
        .into_response()),
        Err(HandleError::NoteNeeded { unit }) => {
            let at = (format!("besvart-{id}"), "worklist-note-needed");
            note_needed(&state, &staff, &unit.to_string(), at).await
        }
        Err(HandleError::NotFound | HandleError::UnknownCode { .. }) => Err(Error::NotFound),
        Err(HandleError::Store(e)) => Err(e.into()),
    }
}

/// Handles `item` with the form's note, then shows the unit's worklist again with
/// `done` as its notice; without a note, the worklist asks for it at the item's field
/// (`field`-{id}). Acknowledged meanwhile by someone else: the list shows it is gone
/// either way.
async fn handle(
    state: AppState,
    user: CurrentUser,
    item: Item<'_>,
    form: &FormData,
    field: &str,
    done: &str,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let id = match item {
        Item::Alert(id) | Item::Request(id) => id,
    };
    let note = form.get("notat").unwrap_or_default();
    let code = form
        .get("kode")
        .map(|c| (c, state.config.activity_codes.as_ref()));
    match worklist::handle(
        &state.store,
        &staff.user,
        item,
        (note, code),
        state.clock.now(),
    )
    .await
    {
        Ok(handled) => Ok(Redirect::to(&format!(
            "/klinikk/varsler?enhet={}&{done}=1",
            handled.unit
        ))
        .into_response()),
        Err(HandleError::NoteNeeded { unit }) => {
            let at = (format!("{field}-{id}"), "worklist-note-needed");
            note_needed(&state, &staff, &unit.to_string(), at).await
        }
        Err(HandleError::UnknownCode { unit }) => {
            let at = (format!("{field}-{id}"), "code-error-unknown");
            note_needed(&state, &staff, &unit.to_string(), at).await
        }
        Err(HandleError::NotFound) => Err(Error::NotFound),
        Err(HandleError::Store(e)) => Err(e.into()),
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct StreamQuery {
    enhet: Option<String>,
    program: Option<String>,
}

/// The live worklist's event stream: `endret` whenever the unit's worklist changes (at
/// once for changes on this node, within a few seconds for other nodes'), and `slutt`
/// when the stream ends (after the session's idle time, or when the server stops). It
/// carries no patient data: the page fetches itself again, through the usual checks.
pub(crate) async fn stream(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<StreamQuery>,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(q.enhet.as_deref())?.clone();
    let (_, program) = programs(&state, &unit, q.program.as_deref()).await?;
    let first = state.store.worklist_fingerprint(unit.id, program).await?;
    let until = tokio::time::Instant::now()
        + state
            .config
            .session_idle
            .to_std()
            .unwrap_or(Duration::from_secs(1800));
    struct Live {
        state: AppState,
        changes: tokio::sync::watch::Receiver<u64>,
        stopping: tokio::sync::watch::Receiver<bool>,
        last: String,
        ended: bool,
    }
    let live = Live {
        changes: state.store.worklist_changes(),
        stopping: state.stopping.clone(),
        state,
        last: first,
        ended: false,
    };
    let events = futures_util::stream::unfold(live, move |mut live| async move {
        if live.ended {
            return None;
        }
        loop {
            let stop = async {
                // A server without a stop signal (tests) never stops the stream.
                if live.stopping.wait_for(|s| *s).await.is_err() {
                    std::future::pending::<()>().await;
                }
            };
            let changed = async {
                if live.changes.changed().await.is_err() {
                    std::future::pending::<()>().await;
                }
            };
            let ended = tokio::select! {
                () = changed => false,
                () = tokio::time::sleep(POLL) => false,
                () = tokio::time::sleep_until(until) => true,
                () = stop => true,
            };
            if ended {
                live.ended = true;
                let end: Result<Event, Infallible> = Ok(Event::default().event("slutt").data("-"));
                return Some((end, live));
            }
            match live
                .state
                .store
                .worklist_fingerprint(unit.id, program)
                .await
            {
                Ok(now) if now != live.last => {
                    live.last = now;
                    let changed: Result<Event, Infallible> =
                        Ok(Event::default().event("endret").data("-"));
                    return Some((changed, live));
                }
                Ok(_) => {}
                // The database is away: end; the browser connects again later.
                Err(_) => return None,
            }
        }
    });
    Ok(Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response())
}
