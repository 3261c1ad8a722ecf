//! A patient's page for the care team, enrolling into a program version, and the
//! exception decision. A patient outside the user's units is "not found" (404), so the
//! page does not reveal that the patient exists.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::access::Reach;
use carepath_domain::audit::AuditAction;
use carepath_domain::eligibility::age_on;
use carepath_domain::enrollment::{Enrollment, EnrollmentStatus};
use carepath_domain::measurement::MeasurementKind;
use carepath_domain::patient::Patient;
use carepath_domain::program::ProgramVersion;
use carepath_domain::user::Role;
use carepath_domain::{Id, Lang};
use carepath_store::response::Scope;

use super::Staff;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::{Layout, oslo_today};
use crate::scores::{ScoreTable, answered_at, score_tables, timepoint};
use crate::{AppState, Error};
use carepath_app::enrollment::{self, Change, Enroll, EnrollError};

struct EnrollmentView {
    id: String,
    program: String,
    version: String,
    unit: String,
    /// The key of its status's name.
    status: &'static str,
    /// Active and not ended: it can be paused.
    active: bool,
    awaiting_exception: bool,
    enrolled: String,
    terms: String,
    /// The key of the screening's outcome.
    screening: &'static str,
    percent: u32,
    chosen: Vec<String>,
    /// The gate questionnaire's answers at each timepoint, oldest first.
    answered: Vec<AnsweredView>,
    /// The self-management plan's limits per measurement.
    plan: Vec<PlanRow>,
    /// Whether the user may change the limits (active, the user's unit, no emergency).
    plan_editable: bool,
    /// Whether the user may pause, resume or end it (open, the user's unit).
    manageable: bool,
    /// When it was paused, if it is.
    paused: Option<String>,
    /// Whether the program has modules (reading progress fits it).
    has_modules: bool,
    /// Whether the program has optional modules to choose.
    has_optional: bool,
    /// The scores of every scored questionnaire over time.
    scores: Vec<ScoreTable>,
    /// The measurements the program asks for, with the plan's colour of each.
    measurements: Vec<MeasurementTable>,
    /// The alerts raised in the unit for the patient, handled or not, newest first.
    alerts: Vec<AlertLine>,
    /// The forms asked of the patient, newest first: (form, due, state in words).
    tasks: Vec<(String, String, String)>,
    /// The patient's requests for an appointment: (asked, state in words).
    requests: Vec<(String, String)>,
}

/// One measurement's values, newest first, with the plan's limits.
struct MeasurementTable {
    name: String,
    /// The limits in words, when the plan sets any.
    limits: Option<String>,
    /// When, the value with its unit, and the colour's key and class ("" without limits).
    rows: Vec<(String, String, &'static str, &'static str)>,
    /// The same values drawn, with the limits.
    chart: Option<crate::chart::Chart>,
}

/// An alert as the patient's overview lists it.
struct AlertLine {
    when: String,
    colour: &'static str,
    class: &'static str,
    what: String,
    handled: String,
}

/// The most values of one measurement the overview lists.
const MEASUREMENT_ROWS: usize = 30;
/// How many of an enrollment's forms the overview lists, newest first.
const TASKS_SHOWN: usize = 20;

/// One completed response: its timepoint and date in words, and its answers.
struct AnsweredView {
    heading: String,
    answers: Vec<(String, String)>,
}

/// One measurement's limits in a patient's plan.
struct PlanRow {
    key: &'static str,
    name: String,
    unit: String,
    /// The program's default limits, in words.
    default: String,
    /// The patient's own limits in words, who set them and when.
    own: Option<(String, String, String)>,
    /// The form's fields: red below, yellow below, yellow above, red above.
    fields: [String; 4],
}

/// Limits in words, e.g. "rød under 90, gul under 92", in the request's language.
fn limits_text(l: &carepath_domain::threshold::Limits, unit: &str) -> String {
    use crate::i18n::{current, tr};
    let n = |v: f64| carepath_i18n::number(current(), v);
    let parts: Vec<String> = [
        (l.red_below, "limit-red-below"),
        (l.yellow_below, "limit-yellow-below"),
        (l.yellow_above, "limit-yellow-above"),
        (l.red_above, "limit-red-above"),
    ]
    .into_iter()
    .filter_map(|(v, what)| {
        v.map(|v| {
            format!("{} {} {unit}", tr(what).to_lowercase(), n(v))
                .trim_end()
                .to_owned()
        })
    })
    .collect();
    if parts.is_empty() {
        tr("cp-no-limits")
    } else {
        parts.join(", ")
    }
}

async fn plan_rows(
    state: &AppState,
    e: &Enrollment,
    def: &carepath_domain::program::ProgramDefinition,
) -> Result<Vec<PlanRow>, Error> {
    let own = state.store.patient_limits(e.id).await?;
    let mut rows = Vec::new();
    for t in &def.thresholds {
        let Some(kind) = MeasurementKind::from_key(&t.measurement) else {
            continue;
        };
        let info = kind.info();
        let mine = own.iter().find(|l| l.measurement == t.measurement);
        let current = mine.map(|m| m.limits).unwrap_or_else(|| t.limits());
        let field = |v: Option<f64>| {
            v.map(|v| format!("{v}").replace('.', ","))
                .unwrap_or_default()
        };
        rows.push(PlanRow {
            key: info.key,
            name: crate::i18n::measurement_name(kind),
            unit: crate::i18n::measurement_unit(kind),
            default: limits_text(&t.limits(), &crate::i18n::measurement_unit(kind)),
            own: mine.map(|m| {
                (
                    limits_text(&m.limits, &crate::i18n::measurement_unit(kind)),
                    m.set_by.clone(),
                    crate::layout::when(m.set_at),
                )
            }),
            fields: [
                field(current.red_below),
                field(current.yellow_below),
                field(current.yellow_above),
                field(current.red_above),
            ],
        });
    }
    Ok(rows)
}

struct VersionChoice {
    id: String,
    label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/patient.html")]
struct PatientPage {
    layout: Layout,
    patient_id: String,
    name: String,
    nin: String,
    birth_date: String,
    age: u32,
    gp: String,
    enrollments: Vec<EnrollmentView>,
    units: Vec<(String, String)>,
    versions: Vec<VersionChoice>,
    notice: Option<&'static str>,
    error: Option<String>,
    /// Set when the page is open through emergency access: (reason, until).
    emergency: Option<(String, String)>,
    /// Other units keep records of the patient that this page does not show (they open
    /// only through emergency access).
    others_keep_records: bool,
    /// The patient's messages to the user's units that no one has read.
    unread: i64,
    /// A problem with a form just sent (limits, ending an enrollment): (the field's id, the message).
    form_error: Option<(String, String)>,
    /// The patient's e-mail and mobile, as messages use them.
    email: String,
    mobile: String,
    /// Whether the user may change them (a unit keeping records on the patient).
    contact_editable: bool,
    /// The record's version the contact form changes.
    version: i64,
    /// The GP's name and HER-id as the contact form shows them.
    gp_name: String,
    gp_her_id: String,
    /// The letters to the patient's GP that the user's units wrote (every unit's under
    /// emergency access).
    letters: Vec<LetterRow>,
    /// The patient's appointments with the user's units (every unit's under emergency
    /// access), by start.
    appointments: Vec<AppointmentRow>,
}

/// An appointment on the patient's page.
struct AppointmentRow {
    kind: String,
    when: String,
    status: String,
    cancelled: bool,
    /// Its page, for a member of its unit.
    link: String,
}

/// A letter to the GP on the patient's page.
pub(crate) struct LetterRow {
    pub title: String,
    /// Its status, worded, with the date it was sent.
    pub status: String,
    /// Its page, for a member of its unit; none under emergency access.
    pub link: String,
    /// Where its PDF is read, once set.
    pub pdf: String,
}

#[derive(serde::Deserialize, Default)]
pub struct PatientQuery {
    henvisning: Option<String>,
    innskrevet: Option<String>,
    vurdert: Option<String>,
    grenser: Option<String>,
    status: Option<String>,
    kontakt: Option<String>,
}

/// The patient to work with (enroll, change a plan): one the user's units care for, with
/// how the user reaches them. Anyone else is "not found", so their existence is not
/// revealed.
async fn visible_patient(
    state: &AppState,
    staff: &Staff,
    id: &str,
) -> Result<(Patient, Reach), Error> {
    let id: Id<Patient> = id.parse().map_err(|_| Error::NotFound)?;
    let reach = staff
        .user
        .patient(&state.store, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((state.store.patient(id).await?, reach))
}

/// The patient to read: one the user's units care for (their own records), or under the
/// user's live emergency access (every unit's records). Anyone else is "not found".
pub(crate) async fn readable_patient(
    state: &AppState,
    staff: &Staff,
    id: &str,
) -> Result<(Patient, Reach), Error> {
    let id: Id<Patient> = id.parse().map_err(|_| Error::NotFound)?;
    let reach = staff
        .user
        .patient_or_emergency(&state.store, id, state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    Ok((state.store.patient(id).await?, reach))
}

/// The key of a screening's outcome in words.
fn screening_key(outcome: Option<&str>) -> &'static str {
    match outcome {
        None => "cp-screening-none",
        Some("eligible") => "cp-screening-eligible",
        Some("needs_exception") => "cp-screening-exception",
        Some("too_young") => "cp-screening-too-young",
        Some(o) if o.starts_with("excluded:") => "cp-screening-excluded",
        Some(_) => "cp-screening-unknown",
    }
}

async fn enrollment_view(
    state: &AppState,
    staff: &Staff,
    e: &Enrollment,
    v: &ProgramVersion,
) -> Result<EnrollmentView, Error> {
    let def = &v.definition;
    let progress = state.store.progress(e.id).await?;
    // Every completed answer to the gate questionnaire, each named by the timepoint of
    // the task it answered (start, 3 months, ...), not only the newest.
    let mut answered = Vec::new();
    if let Some(gate) = def.gate_questionnaire() {
        let q = state.store.questionnaire(v.id, &gate.questionnaire).await?;
        let title = q.questionnaire.title.clone().unwrap_or_default();
        for (stored, entry) in state
            .store
            .completed_responses(e.id, &gate.questionnaire)
            .await?
        {
            let answers = stored.response.answered_items(&q.questionnaire);
            let at =
                answered_at(def, e, &gate.questionnaire, entry, stored.authored_at).map(|s| s.at);
            answered.push(AnsweredView {
                heading: format!(
                    "{title}, {} ({})",
                    timepoint(at),
                    crate::layout::when(stored.authored_at)
                ),
                answers,
            });
        }
    }
    let plan = plan_rows(state, e, def).await?;
    let answers_at = format!("/klinikk/pasient/{}/svar", e.patient_id);
    let scores = score_tables(state, e, v, Some(&answers_at)).await?;
    let measurements = measurement_tables(state, e, def).await?;
    let unit_scope = Scope::Units(vec![e.unit_id]);
    let (alerts, _) = state
        .store
        .search_alerts(
            &unit_scope,
            Some(e.patient_id),
            None,
            &carepath_store::Common::default(),
            0,
            50,
        )
        .await?;
    let alerts = alerts
        .iter()
        .map(|a| AlertLine {
            when: crate::layout::when_at(a.raised_at),
            colour: carepath_i18n::colour_key(a.colour),
            class: a.colour.as_str(),
            what: crate::alert::what(a),
            handled: match a.acknowledged_at {
                Some(t) => crate::i18n::tr_args(
                    "cp-alert-handled",
                    &[("time", crate::layout::when_at(t).into())],
                ),
                None => crate::i18n::tr("cp-alert-open"),
            },
        })
        .collect();
    let mut titles: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut tasks = Vec::new();
    for t in state
        .store
        .enrollment_tasks(e.id)
        .await?
        .into_iter()
        .take(TASKS_SHOWN)
    {
        if !titles.contains_key(&t.questionnaire_key) {
            let q = state
                .store
                .questionnaire(v.id, &t.questionnaire_key)
                .await?;
            let title = q.questionnaire.title.clone().unwrap_or(q.key.clone());
            titles.insert(t.questionnaire_key.clone(), title);
        }
        use carepath_domain::schedule::TaskStatus as S;
        let state_words = match t.status {
            S::Open => crate::i18n::tr("cp-task-open"),
            S::Overdue => crate::i18n::tr("cp-task-overdue"),
            S::Completed => crate::i18n::tr_args(
                "cp-task-completed",
                &[(
                    "date",
                    crate::layout::when(t.completed_at.unwrap_or(t.due_at)).into(),
                )],
            ),
            S::Expired => crate::i18n::tr_args(
                "cp-task-expired",
                &[("date", crate::layout::when(t.expires_at).into())],
            ),
            S::Cancelled => crate::i18n::tr("cp-task-cancelled"),
        };
        tasks.push((
            titles[&t.questionnaire_key].clone(),
            crate::layout::when(t.due_at),
            state_words,
        ));
    }
    let requests = state
        .store
        .enrollment_requests(e.id)
        .await?
        .into_iter()
        .map(|(asked, handled)| {
            (
                crate::layout::when(asked),
                match handled {
                    Some(t) => crate::i18n::tr_args(
                        "cp-request-handled",
                        &[("date", crate::layout::when(t).into())],
                    ),
                    None => crate::i18n::tr("cp-request-open"),
                },
            )
        })
        .collect();
    Ok(EnrollmentView {
        tasks,
        requests,
        has_modules: !def.modules.is_empty(),
        has_optional: def
            .modules
            .iter()
            .any(|m| m.kind != carepath_domain::program::ModuleKind::Core),
        scores,
        measurements,
        alerts,
        manageable: EnrollmentStatus::OPEN.contains(&e.status) && staff.user.works_in(e.unit_id),
        paused: e.paused_at.map(crate::layout::when),
        plan,
        plan_editable: e.runs_schedule()
            && staff.user.works_in(e.unit_id)
            && staff.user.role_in(e.unit_id) == Role::Clinician,
        id: e.id.to_string(),
        program: def.title.get(Lang::Nb).to_owned(),
        version: crate::i18n::tr_args(
            "cp-version-of",
            &[
                ("number", v.number.into()),
                ("label", def.version_label.as_str().into()),
            ],
        ),
        unit: match staff.units.iter().find(|u| u.id == e.unit_id) {
            Some(u) => u.name.clone(),
            None => state.store.unit(e.unit_id).await?.name,
        },
        status: if e.paused_at.is_some() {
            "status-paused"
        } else {
            carepath_i18n::status_key(e.status)
        },
        active: e.status == EnrollmentStatus::Active,
        // Deciding is for the patient's own unit, never under emergency access.
        awaiting_exception: e.status == EnrollmentStatus::AwaitingException
            && staff.user.works_in(e.unit_id),
        enrolled: crate::layout::when(e.enrolled_at),
        terms: e
            .terms_accepted_at
            .map(crate::layout::when)
            .unwrap_or_else(|| crate::i18n::tr("print-not-yet")),
        screening: screening_key(e.screening_outcome.as_deref()),
        percent: progress.percent(e, def),
        chosen: e
            .chosen_modules
            .iter()
            .filter_map(|k| def.module(k).map(|m| m.title.get(Lang::Nb).to_owned()))
            .collect(),
        answered,
    })
}

/// The measurements the program asks for: the newest values of each within the
/// enrollment's unit (its own and those it reads), coloured by the patient's plan.
async fn measurement_tables(
    state: &AppState,
    e: &Enrollment,
    def: &carepath_domain::program::ProgramDefinition,
) -> Result<Vec<MeasurementTable>, Error> {
    let asked: Vec<MeasurementKind> = MeasurementKind::ALL
        .into_iter()
        .filter(|k| def.asks_for(k.info().key))
        .collect();
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    let values = state
        .store
        .measurements_in_scope(&Scope::Units(vec![e.unit_id]), e.patient_id, 2000)
        .await?;
    let own = state.store.patient_limits(e.id).await?;
    let number = |n: f64| carepath_i18n::number(crate::i18n::current(), n);
    Ok(asked
        .into_iter()
        .map(|kind| {
            let key = kind.info().key;
            let unit = crate::i18n::measurement_unit(kind);
            let limits = def
                .limits(key)
                .map(|t| match own.iter().find(|l| l.measurement == key) {
                    Some(mine) => t.personal(&mine.limits),
                    None => t.clone(),
                });
            let shown: Vec<_> = values
                .iter()
                .filter(|m| m.key == key)
                .take(MEASUREMENT_ROWS)
                .collect();
            let chart = crate::chart::chart(
                format!("graf-{}-{key}", e.id),
                (crate::i18n::measurement_name(kind), unit.clone()),
                &shown
                    .iter()
                    .map(|m| (m.effective_at, m.value))
                    .collect::<Vec<_>>(),
                limits.as_ref().map(|l| l.limits()).as_ref(),
            );
            let rows = shown
                .iter()
                .map(|m| {
                    let colour = limits.as_ref().map(|l| l.colour(m.value));
                    (
                        crate::layout::when_at(m.effective_at),
                        format!("{} {unit}", number(m.value)).trim_end().to_owned(),
                        colour.map_or("", carepath_i18n::colour_key),
                        colour.map_or("", |c| c.as_str()),
                    )
                })
                .collect();
            MeasurementTable {
                name: crate::i18n::measurement_name(kind),
                limits: limits.map(|l| limits_text(&l.limits(), &unit)),
                rows,
                chart,
            }
        })
        .collect())
}

/// The patient's page. Every rendering, a form's error included, shows the patient's
/// record and so writes its access-log event first.
async fn render(
    state: &AppState,
    staff: &Staff,
    patient: &Patient,
    notice: Option<&'static str>,
    error: Option<String>,
    reach: &Reach,
) -> Result<PatientPage, Error> {
    let event = reach.event(&staff.user, AuditAction::Read, "Patient", patient.id);
    crate::audit::record(state, &[event]).await?;
    let emergency = reach.emergency.as_ref();
    let others_keep_records = emergency.is_none()
        && state
            .store
            .record_units(patient.id)
            .await?
            .iter()
            .any(|u| !staff.user.works_in(*u));
    let unread = state
        .store
        .unread_from_patient(patient.id, &staff.user.care_units())
        .await?;
    let mut enrollments = Vec::new();
    for e in state.store.patient_enrollments(patient.id).await? {
        if staff.user.works_in(e.unit_id) || emergency.is_some() {
            let v = state.store.program_version(e.program_version_id).await?;
            enrollments.push(enrollment_view(state, staff, &e, &v).await?);
        }
    }
    let mut versions = Vec::new();
    for unit in &staff.units {
        for latest in state.store.unit_programs(unit.id).await? {
            for v in state.store.program_versions(latest.program_id).await? {
                let key = if v.id == latest.id {
                    "cp-version-newest"
                } else {
                    "cp-version-choice"
                };
                versions.push(VersionChoice {
                    id: v.id.to_string(),
                    label: crate::i18n::tr_args(
                        key,
                        &[
                            (
                                "program",
                                v.definition.title.get(crate::i18n::current()).into(),
                            ),
                            ("number", v.number.into()),
                            ("label", v.definition.version_label.as_str().into()),
                        ],
                    ),
                });
            }
        }
    }
    versions.dedup_by(|a, b| a.id == b.id);
    if emergency.is_some() {
        // Emergency access opens reading only.
        versions.clear();
    }
    let contact_editable = emergency.is_none()
        && carepath_app::patient::may_change(&state.store, patient.id, &staff.user.care_units())
            .await?;
    let mut letters = Vec::new();
    for l in state.store.patient_letters(patient.id).await? {
        if !(staff.user.works_in(l.unit_id) || emergency.is_some()) {
            continue;
        }
        let title = carepath_app::letter::title(&state.store, &l).await?;
        letters.push(LetterRow {
            title,
            status: crate::clinician::letter::status_text(&l),
            link: if staff.user.works_in(l.unit_id) {
                format!("/klinikk/brev/{}", l.id)
            } else {
                String::new()
            },
            pdf: if l.status == carepath_domain::letter::LetterStatus::Sent {
                format!("/klinikk/brev/{}/pdf", l.id)
            } else {
                String::new()
            },
        });
    }
    let appointments = carepath_app::appointment::of_patient(&state.store, reach)
        .await?
        .iter()
        .map(|a| AppointmentRow {
            kind: crate::i18n::tr(crate::clinician::appointments::kind_key(a.kind)),
            when: crate::clinician::appointments::when(a),
            status: crate::i18n::tr(crate::clinician::appointments::status_key(a.status)),
            cancelled: a.status == carepath_domain::appointment::AppointmentStatus::Cancelled,
            link: if staff.user.works_in(a.unit_id) {
                format!("/klinikk/avtaler/{}", a.id)
            } else {
                String::new()
            },
        })
        .collect();
    Ok(PatientPage {
        appointments,
        letters,
        gp_name: patient.gp_name.clone().unwrap_or_default(),
        gp_her_id: patient
            .gp_her_id
            .as_ref()
            .map(|h| h.to_string())
            .unwrap_or_default(),
        email: patient.email.clone().unwrap_or_default(),
        mobile: patient.mobile.clone().unwrap_or_default(),
        contact_editable,
        version: patient.version,
        layout: staff.layout(),
        patient_id: patient.id.to_string(),
        name: patient.name.clone(),
        nin: patient.nin.expose(),
        birth_date: crate::layout::date(patient.birth_date),
        age: age_on(patient.birth_date, oslo_today(state.clock.now())),
        gp: match (&patient.gp_name, &patient.gp_her_id) {
            (Some(name), Some(her)) => crate::i18n::tr_args(
                "cp-gp-with-her-id",
                &[("name", name.as_str().into()), ("id", her.as_str().into())],
            ),
            (Some(name), None) => name.clone(),
            _ => crate::i18n::tr("print-not-registered"),
        },
        enrollments,
        units: staff
            .units
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone()))
            .collect(),
        versions,
        notice,
        error,
        form_error: None,
        others_keep_records,
        unread,
        emergency: emergency.map(|a| {
            (
                a.reason.clone(),
                a.expires_at
                    .with_timezone(&chrono_tz::Europe::Oslo)
                    .format("%H:%M")
                    .to_string(),
            )
        }),
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<PatientQuery>,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let (patient, reach) = readable_patient(&state, &staff, &id).await?;
    let notice = if q.henvisning.as_deref() == Some("eksisterende") {
        Some("cp-notice-referral-existing")
    } else if q.henvisning.is_some() {
        Some("cp-notice-referral")
    } else if q.innskrevet.is_some() {
        Some("cp-notice-enrolled")
    } else if q.vurdert.is_some() {
        Some("cp-notice-decided")
    } else if q.grenser.is_some() {
        Some("cp-notice-limits")
    } else if q.kontakt.is_some() {
        Some("cp-notice-contact")
    } else if let Some(what) = q.status.as_deref() {
        match what {
            "pause" => Some("cp-notice-paused"),
            "gjenoppta" => Some("cp-notice-resumed"),
            _ => Some("cp-notice-withdrawn"),
        }
    } else {
        None
    };
    Ok(render(&state, &staff, &patient, notice, None, &reach)
        .await?
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/answers.html")]
pub struct AnswersPage {
    layout: Layout,
    patient_id: String,
    patient_name: String,
    title: String,
    when: String,
    answers: Vec<(String, String)>,
}

/// `GET /klinikk/pasient/{patient}/svar/{response}`: one response's answers, on demand
/// from the overview's score tables; another unit's is "not found".
pub async fn answers(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, response)): Path<(String, String)>,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let (patient, reach) = readable_patient(&state, &staff, &id).await?;
    let record = state
        .store
        .response_by_id(&response)
        .await?
        .filter(|r| r.patient_id == patient.id.to_string())
        .ok_or(Error::NotFound)?;
    if !reach.may_read(record.unit_id, &[]) {
        return Err(Error::NotFound);
    }
    let questionnaire = state
        .store
        .response_questionnaire(&record.id)
        .await?
        .ok_or(Error::NotFound)?;
    let q = state
        .store
        .questionnaire_by_id(&questionnaire)
        .await?
        .ok_or(Error::NotFound)?;
    let event = reach.event(
        &staff.user,
        AuditAction::Read,
        "QuestionnaireResponse",
        &record.id,
    );
    crate::audit::record(&state, &[event]).await?;
    Ok(AnswersPage {
        layout: staff.layout(),
        patient_id: patient.id.to_string(),
        patient_name: patient.name.clone(),
        title: q.stored.questionnaire.title.clone().unwrap_or_default(),
        when: crate::layout::when_at(record.authored_at),
        answers: record.response()?.answered_items(&q.stored.questionnaire),
    }
    .into_response())
}

/// `POST /klinikk/pasient/{patient}/kontakt`: the patient's e-mail and mobile, changed by a
/// unit that keeps records on them; an empty field removes one.
pub async fn contact(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    use carepath_domain::patient::{email_address, mobile_number};
    let staff = Staff::load(&state, user).await?;
    let (patient, reach) = visible_patient(&state, &staff, &id).await?;
    if !carepath_app::patient::may_change(&state.store, patient.id, &staff.user.care_units())
        .await?
    {
        return Err(Error::Forbidden);
    }
    let field = |name: &str| form.get(name).map(str::trim).filter(|v| !v.is_empty());
    let email = field("epost").map(|v| email_address(v).ok_or(("epost", "contact-email-invalid")));
    let mobile =
        field("mobil").map(|v| mobile_number(v).ok_or(("mobil", "contact-mobile-invalid")));
    let her_id = field("her_id").map(|v| {
        carepath_domain::letter::HerId::parse(v).map_err(|_| ("her_id", "contact-her-id-invalid"))
    });
    let gp_name = field("fastlege").map(carepath_domain::text::one_line);
    let version: i64 = form
        .get("versjon")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let problem = match (email.transpose(), mobile.transpose(), her_id.transpose()) {
        (Ok(email), Ok(mobile), Ok(gp_her_id)) => {
            let event = reach.event(&staff.user, AuditAction::Update, "Patient", patient.id);
            let contact = carepath_app::patient::Contact {
                email,
                mobile,
                gp_name,
                gp_her_id,
            };
            match carepath_app::patient::change_contact(
                &state.store,
                patient.id,
                version,
                contact,
                &[event],
                state.clock.now(),
            )
            .await
            {
                Ok(_) => {
                    return Ok(
                        Redirect::to(&format!("/klinikk/pasient/{}?kontakt=1", patient.id))
                            .into_response(),
                    );
                }
                Err(carepath_store::StoreError::Conflict) => ("epost", "contact-changed"),
                Err(e) => return Err(e.into()),
            }
        }
        (Err(problem), _, _) | (_, Err(problem), _) | (_, _, Err(problem)) => problem,
    };
    let patient = state.store.patient(patient.id).await?;
    let mut page = render(&state, &staff, &patient, None, None, &reach).await?;
    page.form_error = Some((problem.0.to_owned(), crate::i18n::tr(problem.1)));
    // What was typed stays in the fields.
    page.email = form.get("epost").unwrap_or_default().to_owned();
    page.mobile = form.get("mobil").unwrap_or_default().to_owned();
    page.gp_name = form.get("fastlege").unwrap_or_default().to_owned();
    page.gp_her_id = form.get("her_id").unwrap_or_default().to_owned();
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn enroll(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let (patient, reach) = visible_patient(&state, &staff, &id).await?;
    let unit = staff.unit(form.get("enhet"))?;
    let version_id: Option<Id<ProgramVersion>> = form.get("versjon").and_then(|v| v.parse().ok());
    let error = match version_id {
        None => Some("cp-error-choose-version"),
        Some(vid) => {
            let version = state
                .store
                .program_version(vid)
                .await
                .map_err(|_| Error::NotFound)?;
            let audit =
                staff
                    .user
                    .event_in(unit.id, patient.id, AuditAction::Create, "CarePlan", "");
            let request = Enroll {
                patient: patient.id,
                unit: unit.id,
                version: &version,
                by: Some(staff.user.account.id),
                audit: Some(&audit),
                public_url: Some(&state.config.public_url),
            };
            match enrollment::enroll(&state.store, request, state.clock.now()).await {
                Ok(_) => None,
                Err(EnrollError::NotOffered) => Some("cp-error-not-offered"),
                Err(EnrollError::AlreadyEnrolled) => Some("cp-error-already-enrolled"),
                Err(EnrollError::Store(e)) => return Err(e.into()),
            }
        }
    };
    match error {
        None => Ok(
            Redirect::to(&format!("/klinikk/pasient/{}?innskrevet=1", patient.id)).into_response(),
        ),
        Some(msg) => {
            let page = render(&state, &staff, &patient, None, Some(msg.to_owned()), &reach).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn decide_exception(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let e = unit_enrollment(&state, &staff, &id).await?;
    let approve = match form.get("beslutning") {
        Some("godkjenn") => true,
        Some("avsla") => false,
        _ => {
            // The page again, saying what to choose.
            let (patient, reach) =
                visible_patient(&state, &staff, &e.patient_id.to_string()).await?;
            let mut page = render(&state, &staff, &patient, None, None, &reach).await?;
            page.form_error = Some((
                format!("b-{}-ja", e.id),
                crate::i18n::tr("cp-error-approve-or-refuse"),
            ));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    staff
        .change(
            &state,
            &e,
            Change::Exception {
                approve,
                public_url: &state.config.public_url,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/klinikk/pasient/{}?vurdert=1", e.patient_id)).into_response())
}

/// The enrollment `id` when it belongs to one of the user's units; any other is "not
/// found", so its existence is not revealed.
async fn unit_enrollment(state: &AppState, staff: &Staff, id: &str) -> Result<Enrollment, Error> {
    let id: Id<Enrollment> = id.parse().map_err(|_| Error::NotFound)?;
    let e = match state.store.enrollment(id).await {
        Ok(e) => e,
        Err(carepath_store::StoreError::NotFound(_)) => return Err(Error::NotFound),
        Err(other) => return Err(other.into()),
    };
    if !staff.user.works_in(e.unit_id) {
        return Err(Error::NotFound);
    }
    Ok(e)
}

/// Reads a limit field: empty is no limit; a number may have a decimal comma.
fn limit_field(text: &str) -> Result<Option<f64>, ()> {
    let t = text.trim().replace(',', ".").replace(' ', "");
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or(())
}

/// Sets a patient's own limits for one measurement of an active enrollment, or returns
/// them to the program's limits.
pub async fn set_limits(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let e = unit_enrollment(&state, &staff, &id).await?;
    // Limits are a clinical decision: clinicians, not coordinators.
    if staff.user.role_in(e.unit_id) != Role::Clinician {
        return Err(Error::Forbidden);
    }
    let version = state.store.program_version(e.program_version_id).await?;
    let key = form.get("maaling").unwrap_or_default();
    let (Some(default), Some(kind)) = (
        version.definition.limits(key),
        MeasurementKind::from_key(key),
    ) else {
        return Err(Error::BadRequest(crate::i18n::tr("cp-error-no-limits")));
    };
    if !e.status.runs_schedule() {
        return Err(Error::Conflict);
    }
    let info = kind.info();
    let reset = form.get("handling") == Some("tilbakestill");
    let mut problem: Option<(String, String)> = None;
    let mut limits = carepath_domain::threshold::Limits::default();
    if !reset {
        let fields = [
            ("rod_under", "limit-red-below", &mut limits.red_below),
            ("gul_under", "limit-yellow-below", &mut limits.yellow_below),
            ("gul_over", "limit-yellow-above", &mut limits.yellow_above),
            ("rod_over", "limit-red-above", &mut limits.red_above),
        ];
        for (name, label, slot) in fields {
            match limit_field(form.get(name).unwrap_or_default()) {
                Ok(Some(v)) if v < info.min || v > info.max => {
                    problem.get_or_insert((
                        format!("{}-{key}-{name}", e.id),
                        crate::i18n::tr_args(
                            "cp-error-limit-range",
                            &[
                                ("label", crate::i18n::tr(label).into()),
                                (
                                    "min",
                                    carepath_i18n::number(crate::i18n::current(), info.min).into(),
                                ),
                                (
                                    "max",
                                    carepath_i18n::number(crate::i18n::current(), info.max).into(),
                                ),
                                ("unit", crate::i18n::measurement_unit(kind).into()),
                            ],
                        ),
                    ));
                }
                Ok(v) => *slot = v,
                Err(()) => {
                    problem.get_or_insert((
                        format!("{}-{key}-{name}", e.id),
                        crate::i18n::tr_args(
                            "cp-error-limit-number",
                            &[("label", crate::i18n::tr(label).into())],
                        ),
                    ));
                }
            }
        }
        if problem.is_none() {
            let personal = default.personal(&limits);
            if personal.limits() == carepath_domain::threshold::Limits::default() {
                problem = Some((
                    format!("{}-{key}-rod_under", e.id),
                    crate::i18n::tr("cp-error-one-limit"),
                ));
            } else if !personal.problems().is_empty() {
                problem = Some((
                    format!("{}-{key}-rod_under", e.id),
                    crate::i18n::tr("cp-error-limit-order"),
                ));
            }
        }
    }
    if let Some(problem) = problem {
        let (patient, reach) = visible_patient(&state, &staff, &e.patient_id.to_string()).await?;
        let mut page = render(&state, &staff, &patient, None, None, &reach).await?;
        page.form_error = Some(problem);
        // What was typed stays in the fields.
        let typed = page
            .enrollments
            .iter_mut()
            .filter(|v| v.id == e.id.to_string())
            .flat_map(|v| v.plan.iter_mut())
            .find(|r| r.key == info.key);
        if let Some(row) = typed {
            row.fields = ["rod_under", "gul_under", "gul_over", "rod_over"]
                .map(|name| form.get(name).unwrap_or_default().to_owned());
        }
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    state
        .store
        .set_patient_limits(
            e.id,
            key,
            (!reset).then_some(&limits),
            staff.user.account.id,
            state.clock.now(),
            &[staff.user.event_in(
                e.unit_id,
                e.patient_id,
                AuditAction::Update,
                "CarePlan",
                e.id,
            )],
        )
        .await?;
    Ok(Redirect::to(&format!("/klinikk/pasient/{}?grenser=1", e.patient_id)).into_response())
}

/// Pauses, resumes or ends (withdraws) an enrollment of the user's unit. Ending needs a
/// ticked confirmation, since it cannot be undone.
pub async fn change_status(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let e = unit_enrollment(&state, &staff, &id).await?;
    let what = form.get("handling").unwrap_or_default().to_owned();
    let change = match what.as_str() {
        "pause" => Change::Pause,
        "gjenoppta" => Change::Resume,
        "avslutt" => {
            if form.get("bekreft").is_none() {
                let (patient, reach) =
                    visible_patient(&state, &staff, &e.patient_id.to_string()).await?;
                let mut page = render(&state, &staff, &patient, None, None, &reach).await?;
                page.form_error = Some((
                    format!("bekreft-{}", e.id),
                    crate::i18n::tr("cp-error-confirm-withdraw"),
                ));
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
            Change::Withdraw
        }
        _ => {
            return Err(Error::BadRequest(crate::i18n::tr("cp-error-which-change")));
        }
    };
    // Already paused, resumed or ended (another tab, a colleague): a conflict, which
    // shows how it stands.
    staff.change(&state, &e, change).await?;
    Ok(Redirect::to(&format!("/klinikk/pasient/{}?status={what}", e.patient_id)).into_response())
}
