//! Appointments (decision 0036): the care team of the unit that runs an enrollment books
//! a video consultation, a group video session or a visit on site, from the patient's
//! request for an appointment (which it then handles) or from the patient's overview;
//! adds patients to a group session up to its capacity; moves, cancels, and records it as
//! held with an activity code per patient who came. The patient is told by e-mail and SMS
//! (when, never what), reminded a day before, and sees their appointments on their pages.
//!
//! A group course on site (decision 0046) is planned by the unit for one of its programs
//! without a patient; the program's patients sign up and withdraw themselves until it
//! begins; once recorded as held, everyone who came is asked the program's satisfaction
//! questionnaire about it.

use carepath_domain::Id;
use carepath_domain::activity::CodeLists;
use carepath_domain::appointment::{
    self, Appointment, AppointmentKind, BookingProblem, REMIND_BEFORE, VideoService,
};
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::enrollment::Enrollment;
use carepath_domain::message::{AppointmentNotice, Content};
use carepath_domain::patient::Patient;
use carepath_domain::user::Role;
use carepath_store::activity::NewActivity;
use carepath_store::appointment::{AskAfter, Change, NewAppointment};
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

use crate::access::{Actor, Reach};

/// Why an appointment could not be booked, opened or changed.
#[derive(Debug, thiserror::Error)]
pub enum AppointmentError {
    /// No such appointment, enrollment or request, or another unit's (its existence is
    /// not revealed).
    #[error("not found")]
    NotFound,
    #[error("the booking is refused: {0:?}")]
    Problem(BookingProblem),
    /// Only a clinician records what was done.
    #[error("only a clinician records an appointment as held")]
    NotClinician,
    /// The unit runs no program with group courses of that key.
    #[error("the unit runs no such program with group courses")]
    NoGroupCourses,
    /// The activity code is not one of the year's codes for this kind.
    #[error("not a code for this kind of appointment")]
    UnknownCode,
    /// Someone changed it since it was read.
    #[error("the appointment changed")]
    Conflict,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppointmentError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict => AppointmentError::Conflict,
            StoreError::NotFound(_) => AppointmentError::NotFound,
            e => AppointmentError::Store(e),
        }
    }
}

/// A booking as the team asks for it, for the patient of `enrollment`.
#[derive(Debug, Clone)]
pub struct Book<'a> {
    pub enrollment: Id<Enrollment>,
    /// The patient's open request for an appointment that this answers.
    pub request: Option<&'a str>,
    pub booking: appointment::Booking,
    /// The demo's made-up history: written without an access-log event and telling no
    /// one (like the rest of the demo's story).
    pub history: bool,
}

/// Where the messages to patients link, and the hospital's video service, if any.
#[derive(Debug, Clone, Copy)]
pub struct Setting<'a> {
    pub public_url: &'a str,
    pub video: Option<&'a VideoService>,
}

/// The enrollment `id`, if `actor` works in the unit that runs it.
async fn own_enrollment(
    store: &Store,
    actor: &Actor,
    id: Id<Enrollment>,
) -> Result<Enrollment, AppointmentError> {
    let e = match store.enrollment(id).await {
        Ok(e) => e,
        Err(StoreError::NotFound(_)) => return Err(AppointmentError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !actor.works_in(e.unit_id) {
        return Err(AppointmentError::NotFound);
    }
    // Only a patient in the program is booked.
    if !carepath_domain::enrollment::EnrollmentStatus::OPEN.contains(&e.status) {
        return Err(AppointmentError::Problem(BookingProblem::Closed));
    }
    Ok(e)
}

async fn notify(
    store: &Store,
    a: &Appointment,
    patients: &[Id<Patient>],
    notice: AppointmentNotice,
    setting: Setting<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (name, stamp) = match notice {
        AppointmentNotice::Booked => ("booked", String::new()),
        AppointmentNotice::Cancelled => ("cancelled", String::new()),
        AppointmentNotice::Moved => ("moved", format!(":{}", a.version)),
        AppointmentNotice::Reminder => ("reminder", format!(":{}", a.start.timestamp())),
    };
    for patient in patients {
        store
            .notify_patient(
                *patient,
                Content::appointment(notice, a.start, setting.public_url),
                &format!("appointment:{}:{patient}:{name}{stamp}", a.id),
                setting.public_url,
                now,
            )
            .await?;
    }
    Ok(())
}

/// The note a request for an appointment is handled with when one is booked for it (in
/// the hospital's language, as the worklist's notes are).
fn request_note(start: DateTime<Utc>) -> String {
    let local = start.with_timezone(&carepath_domain::schedule::ZONE);
    carepath_i18n::t_args(
        carepath_domain::Lang::Nb,
        "appointment-request-note",
        &[
            (
                "date",
                carepath_i18n::date(carepath_domain::Lang::Nb, local.date_naive()).into(),
            ),
            ("time", local.format("%H:%M").to_string().into()),
        ],
    )
}

/// Books an appointment for the patient of `request.enrollment`; from their open request
/// for an appointment, that request is handled by it. The patient is told.
pub async fn book(
    store: &Store,
    actor: &Actor,
    request: Book<'_>,
    setting: Setting<'_>,
    now: DateTime<Utc>,
) -> Result<Id<Appointment>, AppointmentError> {
    let e = own_enrollment(store, actor, request.enrollment).await?;
    if let Some(id) = request.request {
        let r = store
            .consultation_request(id)
            .await?
            .ok_or(AppointmentError::NotFound)?;
        if r.patient_id != e.patient_id || r.unit_id != e.unit_id {
            return Err(AppointmentError::NotFound);
        }
    }
    let b = &request.booking;
    // A group course is planned for a program (`plan_course`), not booked for a patient.
    if b.kind == AppointmentKind::GroupCourse {
        return Err(AppointmentError::Problem(BookingProblem::Closed));
    }
    appointment::check_booking(b, setting.video.is_some(), now)
        .map_err(AppointmentError::Problem)?;
    let id = Id::<Appointment>::new();
    let new = NewAppointment {
        id,
        unit: e.unit_id,
        kind: b.kind,
        start: b.start,
        minutes: b.minutes,
        capacity: if b.kind.is_group() { b.capacity } else { 1 },
        place: b
            .place
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned),
        join_url: b
            .kind
            .is_video()
            .then(|| {
                setting
                    .video
                    .map(|v| v.link(&uuid::Uuid::now_v7().simple().to_string()))
            })
            .flatten(),
        program: None,
        booked_by: actor.account,
        patient: Some((e.patient_id, e.id)),
        request: request
            .request
            .map(|r| (r.to_owned(), request_note(b.start))),
    };
    let mut events = vec![actor.event_in(
        e.unit_id,
        e.patient_id,
        AuditAction::Create,
        "Appointment",
        id,
    )];
    if let Some(r) = request.request {
        events.push(actor.event_in(
            e.unit_id,
            e.patient_id,
            AuditAction::Update,
            "ServiceRequest",
            r,
        ));
    }
    if request.history {
        events.clear();
    }
    store.book_appointment(&new, now, &events).await?;
    if request.history {
        return Ok(id);
    }
    if let Some(a) = store.appointment(id).await? {
        notify(
            store,
            &a,
            &[e.patient_id],
            AppointmentNotice::Booked,
            setting,
            now,
        )
        .await?;
    }
    Ok(id)
}

/// An appointment of `actor`'s unit, with the access-log events of reading it (one per
/// patient in it), for the caller to record.
pub async fn open(
    store: &Store,
    actor: &Actor,
    id: Id<Appointment>,
) -> Result<(Appointment, Vec<AuditEvent>), AppointmentError> {
    let a = store
        .appointment(id)
        .await?
        .filter(|a| actor.works_in(a.unit_id))
        .ok_or(AppointmentError::NotFound)?;
    let events = a
        .participants
        .iter()
        .map(|p| {
            actor.event_in(
                a.unit_id,
                p.patient_id,
                AuditAction::Read,
                "Appointment",
                a.id,
            )
        })
        .collect();
    Ok((a, events))
}

/// What the team does to an appointment.
#[derive(Debug, Clone)]
pub enum Action<'a> {
    Move(DateTime<Utc>),
    Cancel,
    /// Adds the patient of an enrollment of the unit to a group session, from their open
    /// request when given.
    Join {
        enrollment: Id<Enrollment>,
        request: Option<&'a str>,
    },
    /// Takes a patient out (they are told it is cancelled for them).
    Remove(Id<Patient>),
    /// Records it as held: who came, and the activity code of the work, if chosen.
    Record {
        attended: Vec<Id<Patient>>,
        code: Option<&'a str>,
    },
}

/// Does `action` to appointment `id` at the `version` the person saw, and tells the
/// patients it concerns.
pub async fn change(
    store: &Store,
    actor: &Actor,
    (id, version): (Id<Appointment>, i64),
    action: Action<'_>,
    (codes, setting): (&CodeLists, Setting<'_>),
    now: DateTime<Utc>,
) -> Result<(), AppointmentError> {
    let a = store
        .appointment(id)
        .await?
        .filter(|a| actor.works_in(a.unit_id))
        .ok_or(AppointmentError::NotFound)?;
    if a.version != version {
        return Err(AppointmentError::Conflict);
    }
    let everyone: Vec<Id<Patient>> = a.participants.iter().map(|p| p.patient_id).collect();
    let event = |patient: Id<Patient>| {
        actor.event_in(a.unit_id, patient, AuditAction::Update, "Appointment", a.id)
    };
    let (change, told, notice) = match action {
        Action::Move(start) => {
            appointment::check_move(&a, start, now).map_err(AppointmentError::Problem)?;
            (
                Change::Move(start),
                everyone.clone(),
                Some(AppointmentNotice::Moved),
            )
        }
        Action::Cancel => {
            if !a.is_upcoming(now) {
                return Err(AppointmentError::Problem(BookingProblem::Closed));
            }
            (
                Change::Cancel,
                everyone.clone(),
                Some(AppointmentNotice::Cancelled),
            )
        }
        Action::Join {
            enrollment,
            request,
        } => {
            let e = own_enrollment(store, actor, enrollment).await?;
            if e.unit_id != a.unit_id {
                return Err(AppointmentError::NotFound);
            }
            appointment::check_join(&a, e.patient_id, now).map_err(AppointmentError::Problem)?;
            if let Some(r) = request {
                let r = store
                    .consultation_request(r)
                    .await?
                    .ok_or(AppointmentError::NotFound)?;
                if r.patient_id != e.patient_id || r.unit_id != e.unit_id {
                    return Err(AppointmentError::NotFound);
                }
            }
            (
                Change::Add {
                    patient: e.patient_id,
                    enrollment: e.id,
                    request: request.map(|r| (r.to_owned(), request_note(a.start))),
                },
                vec![e.patient_id],
                Some(AppointmentNotice::Booked),
            )
        }
        Action::Remove(patient) => {
            if !a.has(patient) {
                return Err(AppointmentError::NotFound);
            }
            // Only a group loses a patient; any other appointment is cancelled instead.
            if !a.is_upcoming(now) || !a.kind.is_group() {
                return Err(AppointmentError::Problem(BookingProblem::Closed));
            }
            (
                Change::Remove(patient),
                vec![patient],
                Some(AppointmentNotice::Cancelled),
            )
        }
        Action::Record { attended, code } => {
            if actor.role_in(a.unit_id) != Role::Clinician {
                return Err(AppointmentError::NotClinician);
            }
            if !appointment::may_record(&a, now) {
                return Err(AppointmentError::Problem(BookingProblem::NotInFuture));
            }
            let kind = a.kind.activity();
            let coded = match code.filter(|c| !c.is_empty()) {
                None => None,
                Some(c) => Some(
                    codes
                        .check(kind, c, now)
                        .ok_or(AppointmentError::UnknownCode)?
                        .clone(),
                ),
            };
            let came: Vec<(Id<Patient>, bool)> = everyone
                .iter()
                .map(|p| (*p, attended.contains(p)))
                .collect();
            let activities = coded
                .map(|c| {
                    came.iter()
                        .filter(|(_, yes)| *yes)
                        .map(|(p, _)| NewActivity {
                            unit: a.unit_id,
                            patient: *p,
                            by: actor.account,
                            kind,
                            code: c.code.clone(),
                            system: c.system.clone(),
                            at: now,
                            source_type: "Appointment",
                            source_id: format!("{}:{p}", a.id),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let asked = asked_after(store, &a, &attended, now).await?;
            (
                Change::Record {
                    attended: came,
                    activities,
                    asked,
                },
                Vec::new(),
                None,
            )
        }
    };
    let events: Vec<AuditEvent> = match &change {
        Change::Add { patient, .. } => vec![event(*patient)],
        _ => everyone.iter().map(|p| event(*p)).collect(),
    };
    store
        .change_appointment((a.id, version), actor.account, &change, now, &events)
        .await?;
    if let Some(notice) = notice {
        let a = store
            .appointment(id)
            .await?
            .ok_or(AppointmentError::NotFound)?;
        notify(store, &a, &told, notice, setting, now).await?;
    }
    Ok(())
}

/// The satisfaction questionnaire each patient who came to group course `a` is asked:
/// those whose enrollment still follows a program that names one.
async fn asked_after(
    store: &Store,
    a: &Appointment,
    attended: &[Id<Patient>],
    now: DateTime<Utc>,
) -> Result<Vec<AskAfter>, StoreError> {
    let mut asked = Vec::new();
    if a.kind != AppointmentKind::GroupCourse {
        return Ok(asked);
    }
    for p in a
        .participants
        .iter()
        .filter(|p| attended.contains(&p.patient_id))
    {
        let e = store.enrollment(p.enrollment_id).await?;
        if !e.runs_schedule() {
            continue;
        }
        let version = store.program_version_shared(e.program_version_id).await?;
        if let Some(g) = &version.definition.group_courses {
            asked.push(AskAfter {
                enrollment: e.id,
                patient: e.patient_id,
                unit: e.unit_id,
                questionnaire: g.satisfaction.clone(),
                due: now,
                overdue: now + appointment::ASKED_OVERDUE,
                expires: now + appointment::ASKED_EXPIRES,
            });
        }
    }
    Ok(asked)
}

/// A group course as asked for: the program and the session.
#[derive(Debug, Clone)]
pub struct PlanCourse<'a> {
    pub unit: Id<carepath_domain::organization::Unit>,
    /// The program's key.
    pub program: &'a str,
    pub booking: appointment::Booking,
}

/// Plans a group course on site for the patients of one of the unit's programs that runs
/// group courses (decision 0046). No patient is in it yet: the access log has nothing to
/// say until one signs up.
pub async fn plan_course(
    store: &Store,
    actor: &Actor,
    plan: PlanCourse<'_>,
    now: DateTime<Utc>,
) -> Result<Id<Appointment>, AppointmentError> {
    if !actor.works_in(plan.unit) {
        return Err(AppointmentError::NotFound);
    }
    let offered = store
        .unit_programs(plan.unit)
        .await?
        .into_iter()
        .any(|v| v.definition.key == plan.program && v.definition.group_courses.is_some());
    if !offered {
        return Err(AppointmentError::NoGroupCourses);
    }
    let b = appointment::Booking {
        kind: AppointmentKind::GroupCourse,
        ..plan.booking
    };
    appointment::check_booking(&b, false, now).map_err(AppointmentError::Problem)?;
    let id = Id::<Appointment>::new();
    store
        .book_appointment(
            &NewAppointment {
                id,
                unit: plan.unit,
                kind: b.kind,
                start: b.start,
                minutes: b.minutes,
                capacity: b.capacity,
                place: b.place.as_deref().map(str::trim).map(str::to_owned),
                join_url: None,
                program: Some(plan.program.to_owned()),
                booked_by: actor.account,
                patient: None,
                request: None,
            },
            now,
            &[],
        )
        .await?;
    Ok(id)
}

/// The unit's programs that run group courses: (key, title in bokmål).
pub async fn course_programs(
    store: &Store,
    unit: Id<carepath_domain::organization::Unit>,
) -> Result<Vec<(String, carepath_domain::LocalizedText)>, StoreError> {
    Ok(store
        .unit_programs(unit)
        .await?
        .into_iter()
        .filter(|v| v.definition.group_courses.is_some())
        .map(|v| (v.definition.key.clone(), v.definition.title.clone()))
        .collect())
}

/// A group course as its patients see it: never who else is in it.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseSeat {
    pub id: Id<Appointment>,
    pub version: i64,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    pub place: String,
    pub free: u32,
    /// The patient has a place in it.
    pub signed_up: bool,
}

/// The group courses of the program and unit of the patient's open enrollment `e` that
/// have not begun: those with a free place, and those the patient is in.
pub async fn courses_for(
    store: &Store,
    e: &Enrollment,
    now: DateTime<Utc>,
) -> Result<Vec<CourseSeat>, StoreError> {
    if !carepath_domain::enrollment::EnrollmentStatus::OPEN.contains(&e.status) {
        return Ok(Vec::new());
    }
    let version = store.program_version_shared(e.program_version_id).await?;
    let key = &version.definition.key;
    let found = store.unit_appointments(e.unit_id, now, 500).await?;
    Ok(found
        .into_iter()
        .filter(|a| {
            a.kind == AppointmentKind::GroupCourse
                && a.program.as_deref() == Some(key.as_str())
                && a.status == appointment::AppointmentStatus::Booked
                && a.start > now
                && (a.has(e.patient_id) || a.free_places() > 0)
        })
        .map(|a| CourseSeat {
            id: a.id,
            version: a.version,
            start: a.start,
            minutes: a.minutes,
            place: a.place.clone().unwrap_or_default(),
            free: a.free_places(),
            signed_up: a.has(e.patient_id),
        })
        .collect())
}

/// The patient of `actor` signs up for group course `id` (seen at `version`) under their
/// open enrollment `e`, or withdraws (`join` false). In the access log as theirs; they
/// get the same message as when the team books them.
pub async fn sign_up(
    store: &Store,
    actor: &Actor,
    e: &Enrollment,
    (id, version): (Id<Appointment>, i64),
    join: bool,
    setting: Setting<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppointmentError> {
    if actor.own_patient(store).await? != Some(e.patient_id)
        || !carepath_domain::enrollment::EnrollmentStatus::OPEN.contains(&e.status)
    {
        return Err(AppointmentError::NotFound);
    }
    let a = store
        .appointment(id)
        .await?
        .filter(|a| a.unit_id == e.unit_id && a.kind == AppointmentKind::GroupCourse)
        .ok_or(AppointmentError::NotFound)?;
    if a.version != version {
        return Err(AppointmentError::Conflict);
    }
    let version_def = store.program_version_shared(e.program_version_id).await?;
    let (change, notice) = if join {
        appointment::check_sign_up(&a, e.patient_id, &version_def.definition.key, now)
            .map_err(AppointmentError::Problem)?;
        (
            Change::Add {
                patient: e.patient_id,
                enrollment: e.id,
                request: None,
            },
            AppointmentNotice::Booked,
        )
    } else {
        appointment::check_withdraw(&a, e.patient_id, now).map_err(AppointmentError::Problem)?;
        (Change::Remove(e.patient_id), AppointmentNotice::Cancelled)
    };
    let event = actor.event(
        Role::Patient,
        None,
        e.patient_id,
        AuditAction::Update,
        "Appointment",
        a.id,
    );
    store
        .change_appointment((a.id, version), actor.account, &change, now, &[event])
        .await?;
    notify(store, &a, &[e.patient_id], notice, setting, now).await?;
    Ok(())
}

/// The patient's appointments that `reach` may read (their own, or their unit's), by
/// start; for the patient themselves, a group shows no other patient.
pub async fn of_patient(store: &Store, reach: &Reach) -> Result<Vec<Appointment>, StoreError> {
    let mut found = store.patient_appointments(reach.patient).await?;
    found.retain(|a| reach.may_read(Some(a.unit_id), &[]));
    if reach.by == Some(crate::access::By::Themselves) {
        for a in &mut found {
            a.participants.retain(|p| p.patient_id == reach.patient);
        }
    }
    Ok(found)
}

/// The group sessions of `unit` still to come with a free place that `patient` is not in:
/// what they may be added to.
pub async fn open_groups(
    store: &Store,
    actor: &Actor,
    e: &Enrollment,
    now: DateTime<Utc>,
) -> Result<Vec<Appointment>, StoreError> {
    if !actor.works_in(e.unit_id) {
        return Ok(Vec::new());
    }
    let mut found = store.unit_appointments(e.unit_id, now, 500).await?;
    found.retain(|a| appointment::check_join(a, e.patient_id, now).is_ok());
    Ok(found)
}

/// Queues the reminders of appointments that start within a day, once per patient and
/// start time (a moved appointment reminds again). Returns how many patients were
/// reminded.
pub async fn remind(
    store: &Store,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<u64, StoreError> {
    let due = store
        .appointment_reminders_due(now, REMIND_BEFORE, 1000)
        .await?;
    let mut reminded = 0;
    for (id, patient, start) in due {
        store
            .notify_patient(
                patient,
                Content::appointment(AppointmentNotice::Reminder, start, public_url),
                &format!("appointment:{id}:{patient}:reminder:{}", start.timestamp()),
                public_url,
                now,
            )
            .await?;
        store.appointment_reminded(id, patient, start).await?;
        reminded += 1;
    }
    Ok(reminded)
}
