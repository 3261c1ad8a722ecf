//! Courses for health professionals (issue 17, decisions 0040 and 0042): what a course
//! offers, as anyone may read it; its local offerings, proposed by an organiser and
//! decided by the committee; and taking it: registering, the lessons with their
//! reflection answers, a seat at an offering (a place or the waiting list), attendance.
//! Every use case asks the access policy ([`Actor`]); none of this is patient data, so
//! it is kept in the course's own history rather than the patients' access log.

use carepath_domain::Id;
use carepath_domain::course::certificate::Certificate;
use carepath_domain::course::offering::{
    Offering, OfferingProblem, OfferingStatus, OfferingStep, Proposal, RegistrationClosed,
    StepTaken, check_proposal, next,
};
use carepath_domain::course::participation::{
    ParticipationProblem, Profile, Progress, SeatStatus, check_account_request, check_answers,
};
use carepath_domain::course::{Course, CourseVersion, Lesson};
use carepath_domain::organization::Unit;
use carepath_domain::schedule::local_date;
use carepath_domain::user::{Role, UserAccount};
use carepath_store::participation::{Booking, SeatRow};
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

use crate::access::Actor;

pub mod evaluation;

/// Why a course use case was refused.
#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("offering: {0:?}")]
    Offering(OfferingProblem),
    #[error("participation: {0:?}")]
    Participation(ParticipationProblem),
    #[error("registration closed: {0:?}")]
    Closed(RegistrationClosed),
    /// A request for an account with every problem of its name and address.
    #[error("account request: {0:?}")]
    Account(Vec<ParticipationProblem>),
    /// An evaluation's answers do not fit its questionnaire: every problem.
    #[error("answers: {0:?}")]
    Answers(Vec<carepath_fhir::ItemProblem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<OfferingProblem> for CourseError {
    fn from(p: OfferingProblem) -> Self {
        Self::Offering(p)
    }
}

impl From<ParticipationProblem> for CourseError {
    fn from(p: ParticipationProblem) -> Self {
        Self::Participation(p)
    }
}

/// The courses offered: the newest version of each, by key.
pub async fn catalogue(store: &Store) -> Result<Vec<CourseVersion>, StoreError> {
    store.latest_courses().await
}

/// The course `key` as it is offered now (its newest version).
pub async fn course(store: &Store, key: &str) -> Result<Option<CourseVersion>, StoreError> {
    store.latest_course(key).await
}

/// The offerings of `course` listed for `actor` (or an anonymous reader) on `today`,
/// soonest first: every one they see for those running the course, the approved days
/// still to come for anyone else.
pub async fn offerings(
    store: &Store,
    actor: Option<&Actor>,
    course: Id<Course>,
    today: chrono::NaiveDate,
) -> Result<Vec<Offering>, StoreError> {
    let runs = actor.is_some_and(|a| a.runs_course(course));
    Ok(store
        .course_offerings(course)
        .await?
        .into_iter()
        .filter(|o| match actor {
            Some(a) if runs => a.sees_offering(o),
            _ => o.status == OfferingStatus::Approved && o.proposal.date >= today,
        })
        .collect())
}

/// The offering `id` of `course`, with its history, when `actor` sees it.
pub async fn offering(
    store: &Store,
    actor: Option<&Actor>,
    course: &CourseVersion,
    id: Id<Offering>,
) -> Result<Offering, CourseError> {
    let o = store
        .offering(id)
        .await?
        .filter(|o| o.course_id == course.course_id)
        .ok_or(CourseError::NotFound)?;
    let seen = match actor {
        Some(a) => a.sees_offering(&o),
        None => o.status == OfferingStatus::Approved,
    };
    if seen {
        Ok(o)
    } else {
        Err(CourseError::NotFound)
    }
}

/// The speakers kept: named, for sessions of the day's agenda.
fn speakers(course: &CourseVersion, part: &str, mut p: Proposal) -> Proposal {
    let sessions: Vec<&str> = course
        .definition
        .part(part)
        .map(|d| match &d.content {
            carepath_domain::course::PartContent::Day { sessions } => {
                sessions.iter().map(|s| s.key.as_str()).collect()
            }
            carepath_domain::course::PartContent::Elearning { .. } => Vec::new(),
        })
        .unwrap_or_default();
    p.speakers
        .retain(|(k, name)| sessions.contains(&k.as_str()) && !name.trim().is_empty());
    for s in &mut p.speakers {
        s.1 = s.1.trim().to_owned();
    }
    p
}

/// An organiser proposes an offering of the course's day part `part`, run by `unit`
/// (one they organise for); it waits for the committee.
pub async fn propose(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    part: &str,
    unit: Id<Unit>,
    proposal: Proposal,
    now: DateTime<Utc>,
) -> Result<Id<Offering>, CourseError> {
    if !actor.organises(course.course_id).contains(&unit) {
        return Err(CourseError::Forbidden);
    }
    if !course.definition.part(part).is_some_and(|p| p.is_day()) {
        return Err(CourseError::NotFound);
    }
    check_proposal(&proposal, local_date(now))?;
    let proposal = speakers(course, part, proposal);
    Ok(store
        .propose_offering(course.course_id, part, unit, &proposal, actor.account, now)
        .await?)
}

/// One step on an offering seen at `version`: the committee's decision (with a
/// comment), the organiser's new proposal after a request for changes, or a
/// cancellation. [`StoreError::Conflict`] when someone else changed it meanwhile.
#[allow(clippy::too_many_arguments)]
pub async fn step(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    id: Id<Offering>,
    version: i64,
    step: OfferingStep,
    comment: &str,
    changed: Option<Proposal>,
    now: DateTime<Utc>,
) -> Result<(), CourseError> {
    let o = offering(store, Some(actor), course, id).await?;
    if !actor.may_step(&o, step) {
        return Err(CourseError::Forbidden);
    }
    let status = next(o.status, step, comment)?;
    // A day that is over is history: it is not called off afterwards.
    if step == OfferingStep::Cancel && o.proposal.date < local_date(now) {
        return Err(OfferingProblem::Step.into());
    }
    let changed = match (step, changed) {
        (OfferingStep::Propose, Some(p)) => {
            check_proposal(&p, local_date(now))?;
            Some(speakers(course, &o.part_key, p))
        }
        (OfferingStep::Propose, None) => return Err(OfferingProblem::Step.into()),
        _ => None,
    };
    let taken = StepTaken {
        step,
        by: actor.account,
        comment: comment.trim().to_owned(),
        at: now,
    };
    store
        .step_offering(id, version, &taken, status, changed.as_ref())
        .await?;
    Ok(())
}

/// Where a participant stands in a course: their profile (none before registering),
/// what they have done, and their bookings.
#[derive(Debug, Clone, Default)]
pub struct Standing {
    pub profile: Option<Profile>,
    pub progress: Progress,
    pub bookings: Vec<Booking>,
}

/// Where `actor` stands in `course`.
pub async fn standing(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
) -> Result<Standing, StoreError> {
    let profile = store.participant(course.course_id, actor.account).await?;
    if profile.is_none() {
        return Ok(Standing::default());
    }
    Ok(Standing {
        profile,
        progress: store
            .course_progress(course.course_id, actor.account)
            .await?,
        bookings: store.bookings(course.course_id, actor.account).await?,
    })
}

/// The courses `actor` registered for, each with what they have done.
pub async fn my_courses(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<(CourseVersion, Standing)>, StoreError> {
    let mut out = Vec::new();
    for id in store.courses_of(actor.account).await? {
        if let Some(v) = store.latest_course_of(id).await? {
            let s = standing(store, actor, &v).await?;
            out.push((v, s));
        }
    }
    Ok(out)
}

/// A participant registers for the course (or changes their profile).
pub async fn register(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    profile: Profile,
    now: DateTime<Utc>,
) -> Result<(), CourseError> {
    if !actor.has(Role::Participant) {
        return Err(CourseError::Forbidden);
    }
    profile.check()?;
    store
        .register_participant(course.course_id, actor.account, &profile, now)
        .await?;
    Ok(())
}

/// Someone asks for a participant account (decision 0044): a name and an e-mail address,
/// checked; then the account, or a new link for a participant's account that exists, and
/// the e-mail with the link, in one transaction. Nothing tells whether an account existed.
pub async fn request_account(
    store: &Store,
    name: &str,
    email: &str,
    lang: carepath_domain::Lang,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), CourseError> {
    let (name, email) = check_account_request(name, email).map_err(CourseError::Account)?;
    store
        .request_participant_account(&email, &name, lang, public_url, now)
        .await?;
    Ok(())
}

/// How long the link in an account e-mail works.
pub const ACCOUNT_LINK_HOURS: i64 = 24;

/// A message's content as it is sent (the delivery job calls this just before wording
/// it): an account e-mail's link gets its one-time token now, valid for
/// [`ACCOUNT_LINK_HOURS`], so no usable link waits in the outbox; a retry makes a new
/// one. Any other content is sent as it is.
pub async fn as_sent(
    store: &Store,
    content: &carepath_domain::message::Content,
    now: DateTime<Utc>,
) -> Result<carepath_domain::message::Content, StoreError> {
    use carepath_domain::message::Content;
    Ok(match content {
        Content::AccountLink { user, link } => {
            let id = user
                .parse()
                .map_err(|_| StoreError::Corrupt("outbox: AccountLink.user".into()))?;
            let token = store
                .create_password_reset(id, now, chrono::Duration::hours(ACCOUNT_LINK_HOURS))
                .await?;
            Content::AccountLink {
                user: user.clone(),
                link: format!("{link}{token}"),
            }
        }
        other => other.clone(),
    })
}

/// The profile `actor` registered for `course` with; refused when they have not.
async fn registered(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
) -> Result<Profile, CourseError> {
    store
        .participant(course.course_id, actor.account)
        .await?
        .ok_or(CourseError::Participation(
            ParticipationProblem::NotRegistered,
        ))
}

/// A lesson as its participant opens it: the part it is in, the lesson, and their
/// answers when they finished it.
#[derive(Debug, Clone)]
pub struct OpenLesson {
    pub part: String,
    pub lesson: Lesson,
    pub answers: Option<Vec<String>>,
}

/// The lesson `key` for `actor`, registered for the course, once its part is open.
pub async fn lesson(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    key: &str,
) -> Result<OpenLesson, CourseError> {
    let (part, lesson) = course
        .definition
        .parts
        .iter()
        .find_map(|p| p.lessons().iter().find(|l| l.key == key).map(|l| (p, l)))
        .ok_or(CourseError::NotFound)?;
    registered(store, actor, course).await?;
    let progress = store
        .course_progress(course.course_id, actor.account)
        .await?;
    progress.opens(&course.definition, part)?;
    let answers = store
        .lesson_answers(course.course_id, actor.account, &part.key, key)
        .await?;
    Ok(OpenLesson {
        part: part.key.clone(),
        lesson: lesson.clone(),
        answers,
    })
}

/// The participant answers the lesson's reflection questions, which finishes it.
pub async fn finish_lesson(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    key: &str,
    answers: &[String],
    now: DateTime<Utc>,
) -> Result<(), CourseError> {
    let open = lesson(store, actor, course, key).await?;
    check_answers(open.lesson.reflections.len(), answers)?;
    store
        .finish_lesson(
            course.course_id,
            actor.account,
            (&open.part, key),
            answers,
            now,
        )
        .await?;
    Ok(())
}

/// A registered participant books a seat at an approved offering once the parts its
/// day requires are done: a place while there is one, else the waiting list.
pub async fn book(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    id: Id<Offering>,
    now: DateTime<Utc>,
) -> Result<SeatStatus, CourseError> {
    let o = offering(store, Some(actor), course, id).await?;
    registered(store, actor, course).await?;
    let part = course
        .definition
        .part(&o.part_key)
        .ok_or(CourseError::NotFound)?;
    store
        .course_progress(course.course_id, actor.account)
        .await?
        .opens(&course.definition, part)?;
    store
        .book_seat(id, actor.account, local_date(now), now)
        .await?
        .map_err(CourseError::Closed)
}

/// The participant cancels their seat; a place given up goes to the first waiting.
pub async fn cancel_booking(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    id: Id<Offering>,
) -> Result<(), CourseError> {
    offering(store, Some(actor), course, id).await?;
    store.cancel_seat(id, actor.account).await?;
    Ok(())
}

/// The offering's participants, for its organiser and the course owner.
pub async fn seats(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    id: Id<Offering>,
) -> Result<Vec<SeatRow>, CourseError> {
    let o = offering(store, Some(actor), course, id).await?;
    if !actor.keeps_attendance(&o) {
        return Err(CourseError::Forbidden);
    }
    Ok(store.seats(id).await?)
}

/// The organiser marks whether a participant holding a place came. Attendance is taken
/// on an approved offering; the organiser may correct it afterwards.
pub async fn mark_attendance(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    id: Id<Offering>,
    participant: Id<UserAccount>,
    came: bool,
    now: DateTime<Utc>,
) -> Result<(), CourseError> {
    let o = offering(store, Some(actor), course, id).await?;
    if !actor.organises(o.course_id).contains(&o.unit_id) {
        return Err(CourseError::Forbidden);
    }
    if o.status != OfferingStatus::Approved {
        return Err(OfferingProblem::Step.into());
    }
    if !store
        .mark_attendance(id, participant, came, actor.account, now)
        .await?
    {
        return Err(CourseError::NotFound);
    }
    Ok(())
}

/// The participant's certificate of the course and its code, issued the first time they
/// ask once every part is complete (the same one after that).
pub async fn certificate(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    now: DateTime<Utc>,
) -> Result<(Certificate, String), CourseError> {
    if let Some(issued) = store
        .certificate_of(course.course_id, actor.account)
        .await?
    {
        return Ok(issued);
    }
    registered(store, actor, course).await?;
    let progress = store
        .course_progress(course.course_id, actor.account)
        .await?;
    let missing: Vec<String> = course
        .definition
        .parts
        .iter()
        .filter(|p| !progress.part_done(p))
        .map(|p| p.key.clone())
        .collect();
    if !missing.is_empty() {
        return Err(ParticipationProblem::Waiting(missing).into());
    }
    let completed_on = store
        .attended_on(course.course_id, actor.account)
        .await?
        .unwrap_or_else(|| local_date(now));
    let c = Certificate {
        id: Id::new(),
        course_id: course.course_id,
        version_id: course.id,
        user_id: actor.account,
        name: store.user(actor.account).await?.display_name,
        completed_on,
        issued_at: now,
    };
    Ok(store.issue_certificate(&c).await?)
}

/// The certificate a typed code was printed on, with the course version it was issued
/// under; `None` for a code that is not one. Anyone may ask (the page is rate-limited).
pub async fn verify(
    store: &Store,
    typed: &str,
) -> Result<Option<(Certificate, CourseVersion)>, StoreError> {
    let Some(code) = carepath_domain::course::certificate::normalise_code(typed) else {
        return Ok(None);
    };
    let Some(c) = store.certificate_by_code(&code).await? else {
        return Ok(None);
    };
    let v = store.course_version(c.version_id).await?;
    Ok(Some((c, v)))
}

/// The certificate as a document, in `lang`: who, which course, when, its hours added up
/// from the content, credits and learning objectives, and where to check its code.
pub fn certificate_document(
    c: &Certificate,
    code: &str,
    course: &CourseVersion,
    lang: carepath_domain::Lang,
    public_url: &str,
) -> carepath_document::pdf::Document {
    use carepath_document::pdf::{Block, Document};
    use carepath_i18n::{t, t_args};
    let def = &course.definition;
    let (hours, minutes) = carepath_domain::course::hours_and_minutes(def.minutes());
    let printed = carepath_domain::course::certificate::print_code(code);
    let date = carepath_i18n::date(lang, c.completed_on);
    let title = def.title.get(lang).to_owned();
    let mut facts = vec![
        [t(lang, "certificate-participant"), c.name.clone()],
        [t(lang, "certificate-course"), title.clone()],
        [t(lang, "certificate-completed"), date.clone()],
        [
            t(lang, "certificate-time"),
            t_args(
                lang,
                "course-duration",
                &[("hours", hours.into()), ("minutes", minutes.into())],
            ),
        ],
    ];
    if !def.objectives.is_empty() {
        facts.push([t(lang, "certificate-objectives"), def.objectives.join(", ")]);
    }
    facts.push([t(lang, "certificate-code"), printed.clone()]);
    let mut blocks = vec![Block::Paragraph {
        text: t_args(
            lang,
            "certificate-text",
            &[
                ("name", c.name.as_str().into()),
                ("course", title.as_str().into()),
                ("date", date.as_str().into()),
            ],
        ),
    }];
    if !def.credits.is_empty() {
        blocks.push(Block::Heading {
            text: t(lang, "course-credits"),
        });
        blocks.push(Block::Table {
            columns: vec![
                t(lang, "course-credit-profession"),
                t(lang, "course-credit-points"),
                t(lang, "course-credit-approved-by"),
            ],
            rows: def
                .credits
                .iter()
                .map(|cr| {
                    vec![
                        cr.profession.get(lang).to_owned(),
                        carepath_i18n::number(lang, cr.points),
                        cr.approved_by.clone(),
                    ]
                })
                .collect(),
        });
    }
    let address = format!("{}/bevis/{code}", public_url.trim_end_matches('/'));
    blocks.push(Block::Paragraph {
        text: t_args(
            lang,
            "certificate-check",
            &[
                ("address", address.as_str().into()),
                ("code", printed.as_str().into()),
            ],
        ),
    });
    Document {
        title: t(lang, "certificate-title"),
        lang: lang.code().to_owned(),
        from: vec![title],
        date,
        to: vec![c.name.clone()],
        facts,
        blocks,
        footer: t_args(
            lang,
            "certificate-footer",
            &[("code", printed.as_str().into())],
        ),
    }
}
