//! The course pages (issue 17): the catalogue at `/kurs` and a course's page at
//! `/kurs/{course}`, with every duration added up from its lessons and sessions
//! (`carepath_domain::course`), never a typed total; for a signed-in participant also
//! their registration and progress, for those running the course its offerings.
//! Offerings are in [`offering`], lessons and "my courses" in [`taking`].

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::course::{CourseError, Standing};
use carepath_domain::course::offering::{
    Offering, OfferingProblem, OfferingStatus, OfferingStep, RegistrationClosed,
};
use carepath_domain::course::participation::{
    ParticipationProblem, Profession, Profile, SeatStatus,
};
use carepath_domain::course::{CourseDefinition, CourseVersion, PartContent, hours_and_minutes};
use carepath_domain::region::Region;
use carepath_domain::user::Role;

use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::i18n::{tr, tr_args};
use crate::layout::Layout;
use crate::{AppState, Error};

pub(crate) mod account;
pub(crate) mod evaluation;
pub(crate) mod offering;
pub(crate) mod taking;

/// A duration as shown: whole hours and minutes.
pub(crate) struct Duration {
    pub hours: u32,
    pub minutes: u32,
}

impl Duration {
    fn of(minutes: u32) -> Self {
        let (hours, minutes) = hours_and_minutes(minutes);
        Self { hours, minutes }
    }
}

pub(crate) struct CourseCard {
    key: String,
    title: String,
    purpose: String,
    total: Duration,
    parts: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "course/catalogue.html")]
pub(crate) struct CataloguePage {
    layout: Layout,
    courses: Vec<CourseCard>,
}

pub(crate) struct Credit {
    profession: String,
    points: String,
    approved_by: String,
}

pub(crate) struct LessonRow {
    key: String,
    title: String,
    video: u32,
    reading: u32,
    reflections: usize,
    total: Duration,
    /// Whether the participant finished it (false for anyone else).
    done: bool,
}

pub(crate) struct SessionRow {
    title: String,
    speaker: String,
    total: Duration,
}

/// An offering as the course page lists it.
pub(crate) struct OfferingRow {
    id: String,
    date: String,
    place: String,
    unit: String,
    deadline: String,
    /// "12 of 40 places taken", or with the waiting list.
    seats: String,
    /// Its status, for those running the course (empty for anyone else).
    status: String,
    /// The participant's own seat at it, in words (empty when they hold none).
    mine: String,
}

pub(crate) struct Part {
    title: String,
    summary: String,
    total: Duration,
    /// The titles of the parts this one waits for.
    requires: Vec<String>,
    /// E-learning: minutes of video in the part.
    video: Option<Duration>,
    lessons: Vec<LessonRow>,
    sessions: Vec<SessionRow>,
    /// For a registered participant: lessons done of the part's lessons, in words.
    progress: String,
    /// For a registered participant whose part is not open yet: why, in words.
    closed: String,
    /// Whether the participant may open its lessons (registered, part open).
    open: bool,
    /// A day part's offerings the reader sees.
    offerings: Vec<OfferingRow>,
    is_day: bool,
}

/// A choice in a select list.
pub(crate) struct Choice {
    pub code: String,
    pub name: String,
    pub selected: bool,
}

/// Taking the course, as the reader stands.
#[derive(Default)]
pub(crate) struct Take {
    /// Nobody is signed in.
    anonymous: bool,
    /// Signed in without a participant account.
    not_participant: bool,
    /// The registration form (a participant not yet registered, or one correcting it).
    form: bool,
    professions: Vec<Choice>,
    regions: Vec<Choice>,
    workplace: String,
    /// How a registered participant registered, in words.
    registered: String,
    /// The whole course is done.
    done: bool,
    /// The reader organises offerings of the course.
    organiser: bool,
    /// The reader helps run the course (owner, committee, organiser).
    runs: bool,
    /// Parts the participant may evaluate now (key, words for the link).
    evaluate: Vec<(String, String)>,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "course/course.html")]
pub(crate) struct CoursePage {
    layout: Layout,
    key: String,
    title: String,
    purpose: String,
    audience: String,
    total: Duration,
    credits: Vec<Credit>,
    objectives: Vec<String>,
    parts: Vec<Part>,
    take: Take,
}

/// The page's frame. The course pages have every language, Ukrainian too, whoever reads
/// them (a signed-in staff member's pages otherwise fall back to English).
pub(crate) fn layout(state: &AppState, user: Option<&CurrentUser>) -> Layout {
    let mut layout = user.map_or_else(Layout::anonymous, |u| {
        Layout::for_user(u, state.config.demo_sign_in)
    });
    layout.lang = crate::i18n::current();
    layout
}

/// The course `key`, or 404.
pub(crate) async fn find(state: &AppState, key: &str) -> Result<CourseVersion, Error> {
    carepath_app::course::course(&state.store, key)
        .await?
        .ok_or(Error::NotFound)
}

/// A course use case's refusal as the page's error: a sentence for the reader, or the
/// error page for what no form can fix.
pub(crate) fn problem(e: CourseError, course: &CourseDefinition) -> Result<String, Error> {
    let key = match e {
        CourseError::Forbidden => return Err(Error::Forbidden),
        CourseError::NotFound => return Err(Error::NotFound),
        CourseError::Store(carepath_store::StoreError::Conflict) => "course-problem-conflict",
        CourseError::Store(e) => return Err(Error::Store(e)),
        CourseError::Offering(p) => match p {
            OfferingProblem::Date => "course-problem-date",
            OfferingProblem::Deadline => "course-problem-deadline",
            OfferingProblem::Capacity => "course-problem-capacity",
            OfferingProblem::Place => "course-problem-place",
            OfferingProblem::Speaker => "course-problem-speaker",
            OfferingProblem::Comment => "course-problem-comment",
            OfferingProblem::Step => "course-problem-step",
        },
        CourseError::Participation(p) => match p {
            ParticipationProblem::Workplace => "course-problem-workplace",
            ParticipationProblem::Answers => "course-problem-answers",
            ParticipationProblem::NoLesson => return Err(Error::NotFound),
            ParticipationProblem::NotRegistered => "course-problem-not-registered",
            ParticipationProblem::Waiting(parts) => return Ok(waiting(course, &parts)),
            ParticipationProblem::NotComplete => "course-problem-not-complete",
            ParticipationProblem::Evaluated => "course-problem-evaluated",
            ParticipationProblem::Name => "signup-problem-name",
            ParticipationProblem::Email => "signup-problem-email",
        },
        // Shown beside each question or field by the page's own form.
        CourseError::Answers(_) | CourseError::Account(_) => "q-fix",
        CourseError::Closed(RegistrationClosed::NotApproved) => "course-closed-not-approved",
        CourseError::Closed(RegistrationClosed::DeadlinePassed) => "course-closed-deadline",
    };
    Ok(tr(key))
}

/// The links to evaluate the parts `due` (keys): (key, "Evaluer Del 1: Nettkurs").
pub(crate) fn evaluation_links(due: &[String], course: &CourseDefinition) -> Vec<(String, String)> {
    let lang = crate::i18n::current();
    due.iter()
        .filter_map(|k| course.part(k))
        .map(|p| {
            (
                p.key.clone(),
                tr_args(
                    "course-evaluate-part",
                    &[("part", p.title.get(lang).into())],
                ),
            )
        })
        .collect()
}

/// Why a part is closed: the parts it waits for, by title.
fn waiting(course: &CourseDefinition, parts: &[String]) -> String {
    let lang = crate::i18n::current();
    let titles: Vec<&str> = parts
        .iter()
        .filter_map(|k| course.part(k).map(|p| p.title.get(lang)))
        .collect();
    tr_args("course-part-closed", &[("parts", titles.join(", ").into())])
}

/// A participant's seat in words.
pub(crate) fn seat_words(status: SeatStatus, ahead: i64, present: Option<bool>) -> String {
    match (status, present) {
        (SeatStatus::Place, Some(true)) => tr("course-seat-attended"),
        (SeatStatus::Place, Some(false)) => tr("course-seat-absent"),
        (SeatStatus::Place, None) => tr("course-seat-place"),
        (SeatStatus::Waiting, _) => tr_args("course-seat-waiting", &[("ahead", ahead.into())]),
        (SeatStatus::Cancelled, _) => tr("course-seat-cancelled"),
    }
}

/// A profile in words: "Sykepleier, Fjell legesenter, Vestland".
pub(crate) fn profile_words(p: &Profile) -> String {
    format!(
        "{}, {}, {}",
        tr(profession_key(p.profession)),
        p.workplace,
        region_name(p.region)
    )
}

pub(crate) fn profession_key(p: Profession) -> &'static str {
    match p {
        Profession::Doctor => "profession-doctor",
        Profession::Nurse => "profession-nurse",
        Profession::Physiotherapist => "profession-physiotherapist",
        Profession::OccupationalTherapist => "profession-occupational-therapist",
        Profession::Dietitian => "profession-dietitian",
        Profession::HealthSecretary => "profession-health-secretary",
        Profession::Other => "profession-other",
    }
}

/// The language files' key of each region code.
const REGION_KEYS: [(&str, &str); 19] = [
    ("helse-sor-ost", "region-helse-sor-ost"),
    ("helse-vest", "region-helse-vest"),
    ("helse-midt-norge", "region-helse-midt-norge"),
    ("helse-nord", "region-helse-nord"),
    ("03", "region-03"),
    ("11", "region-11"),
    ("15", "region-15"),
    ("18", "region-18"),
    ("31", "region-31"),
    ("32", "region-32"),
    ("33", "region-33"),
    ("34", "region-34"),
    ("39", "region-39"),
    ("40", "region-40"),
    ("42", "region-42"),
    ("46", "region-46"),
    ("50", "region-50"),
    ("55", "region-55"),
    ("56", "region-56"),
];

/// A region's name (its code where the language files have none).
pub(crate) fn region_name(r: Region) -> String {
    REGION_KEYS
        .iter()
        .find(|(code, _)| *code == r.code())
        .map_or_else(|| r.code().to_owned(), |(_, key)| tr(key))
}

/// Where an offering stands on `today`, in words: an approved one also says whether
/// registration has closed or the day is over.
pub(crate) fn status_words(o: &Offering, today: chrono::NaiveDate) -> String {
    tr(match o.status {
        OfferingStatus::Proposed => "offering-status-proposed",
        OfferingStatus::ChangesRequested => "offering-status-changes-requested",
        OfferingStatus::Approved if today > o.proposal.date => "offering-status-held",
        OfferingStatus::Approved if today > o.proposal.deadline => "offering-status-closed",
        OfferingStatus::Approved => "offering-status-approved",
        OfferingStatus::Refused => "offering-status-refused",
        OfferingStatus::Cancelled => "offering-status-cancelled",
    })
}

/// A step in an offering's history, in words (what was done).
pub(crate) fn step_done_key(s: OfferingStep) -> &'static str {
    match s {
        OfferingStep::Propose => "offering-done-propose",
        OfferingStep::Approve => "offering-done-approve",
        OfferingStep::AskForChanges => "offering-done-ask-for-changes",
        OfferingStep::Refuse => "offering-done-refuse",
        OfferingStep::Cancel => "offering-done-cancel",
    }
}

pub(crate) async fn catalogue(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
) -> Result<CataloguePage, Error> {
    let lang = crate::i18n::current();
    let courses = carepath_app::course::catalogue(&state.store)
        .await?
        .into_iter()
        .map(|v| CourseCard {
            title: v.definition.title.get(lang).to_owned(),
            purpose: v.definition.purpose.get(lang).to_owned(),
            total: Duration::of(v.definition.minutes()),
            parts: v.definition.parts.len(),
            key: v.definition.key,
        })
        .collect();
    Ok(CataloguePage {
        layout: layout(&state, user.as_ref()),
        courses,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Path(course): Path<String>,
) -> Result<CoursePage, Error> {
    let v = find(&state, &course).await?;
    page(&state, user.as_ref(), &v, None, None).await
}

/// A participant registers for the course (or corrects their registration).
pub(crate) async fn register(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(course): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let typed = (
        form.get("yrke").unwrap_or_default().to_owned(),
        form.get("arbeidssted").unwrap_or_default().to_owned(),
        form.get("region").unwrap_or_default().to_owned(),
    );
    let profile = match (Profession::parse(&typed.0), Region::parse(&typed.2)) {
        (Some(profession), Some(region)) => Profile {
            profession,
            workplace: typed.1.clone(),
            region,
        },
        _ => {
            let p = page(
                &state,
                Some(&user),
                &v,
                Some(typed),
                Some(tr("course-problem-profile")),
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
        }
    };
    match carepath_app::course::register(&state.store, &user.actor, &v, profile, state.clock.now())
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&crate::i18n::keep_in(&format!("/kurs/{course}"))).into_response())
        }
        Err(e) => {
            let why = problem(e, &v.definition)?;
            let p = page(&state, Some(&user), &v, Some(typed), Some(why)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
    }
}

/// The choices of the registration form, `typed` (profession, workplace, region)
/// selected.
pub(crate) fn choices(typed: &(String, String, String)) -> (Vec<Choice>, Vec<Choice>) {
    let professions = Profession::ALL
        .iter()
        .map(|p| Choice {
            code: p.as_str().to_owned(),
            name: tr(profession_key(*p)),
            selected: typed.0 == p.as_str(),
        })
        .collect();
    let regions = Region::all()
        .map(|r| Choice {
            code: r.code().to_owned(),
            name: region_name(r),
            selected: typed.2 == r.code(),
        })
        .collect();
    (professions, regions)
}

/// An offering's row on the course page.
pub(crate) async fn offering_row(
    state: &AppState,
    o: &Offering,
    runs: bool,
    standing: &Standing,
    today: chrono::NaiveDate,
) -> Result<OfferingRow, Error> {
    let (places, waiting) = state.store.seat_counts(o.id).await?;
    let seats = if waiting > 0 {
        tr_args(
            "course-seats-waiting",
            &[
                ("taken", places.into()),
                ("capacity", i64::from(o.proposal.capacity).into()),
                ("waiting", waiting.into()),
            ],
        )
    } else {
        tr_args(
            "course-seats",
            &[
                ("taken", places.into()),
                ("capacity", i64::from(o.proposal.capacity).into()),
            ],
        )
    };
    let mine = standing
        .bookings
        .iter()
        .find(|b| b.offering.id == o.id)
        .map(|b| seat_words(b.status, b.ahead, b.present))
        .unwrap_or_default();
    Ok(OfferingRow {
        id: o.id.to_string(),
        date: crate::layout::date(o.proposal.date),
        place: o.proposal.place.clone(),
        unit: state.store.unit(o.unit_id).await?.name,
        deadline: crate::layout::date(o.proposal.deadline),
        seats,
        status: if runs {
            status_words(o, today)
        } else {
            String::new()
        },
        mine,
    })
}

async fn page(
    state: &AppState,
    user: Option<&CurrentUser>,
    v: &CourseVersion,
    typed: Option<(String, String, String)>,
    error: Option<String>,
) -> Result<CoursePage, Error> {
    let def = &v.definition;
    let lang = crate::i18n::current();
    let text = |t: &carepath_domain::LocalizedText| t.get(lang).to_owned();
    let actor = user.map(|u| &u.actor);
    let standing = match actor {
        Some(a) => carepath_app::course::standing(&state.store, a, v).await?,
        None => Standing::default(),
    };
    let registered = standing.profile.is_some();
    let runs = actor.is_some_and(|a| a.runs_course(v.course_id));
    let today = carepath_domain::schedule::local_date(state.clock.now());
    let offerings =
        carepath_app::course::offerings(&state.store, actor, v.course_id, today).await?;
    let mut parts = Vec::with_capacity(def.parts.len());
    for p in &def.parts {
        let (lessons, sessions) = match &p.content {
            PartContent::Elearning { lessons } => (
                lessons
                    .iter()
                    .map(|l| LessonRow {
                        key: l.key.clone(),
                        title: text(&l.title),
                        video: l.video_minutes,
                        reading: l.reading_minutes,
                        reflections: l.reflections.len(),
                        total: Duration::of(l.minutes()),
                        done: standing.progress.lesson_done(&p.key, &l.key),
                    })
                    .collect(),
                Vec::new(),
            ),
            PartContent::Day { sessions } => (
                Vec::new(),
                sessions
                    .iter()
                    .map(|s| SessionRow {
                        title: text(&s.title),
                        speaker: s.speaker_role.as_ref().map(text).unwrap_or_default(),
                        total: Duration::of(s.minutes),
                    })
                    .collect(),
            ),
        };
        let opens = standing.progress.opens(def, p);
        let closed = match (&opens, registered) {
            (Err(ParticipationProblem::Waiting(w)), true) => waiting(def, w),
            _ => String::new(),
        };
        let progress = if !registered {
            String::new()
        } else if p.is_day() {
            if standing.progress.part_done(p) {
                tr("course-part-attended")
            } else {
                String::new()
            }
        } else {
            tr_args(
                "course-part-progress",
                &[
                    ("done", (standing.progress.lessons_done(p) as i64).into()),
                    ("total", (p.lessons().len() as i64).into()),
                ],
            )
        };
        let mut rows = Vec::new();
        for o in offerings.iter().filter(|o| o.part_key == p.key) {
            rows.push(offering_row(state, o, runs, &standing, today).await?);
        }
        parts.push(Part {
            title: text(&p.title),
            summary: text(&p.summary),
            total: Duration::of(p.minutes()),
            requires: p
                .requires
                .iter()
                .filter_map(|k| def.part(k).map(|r| text(&r.title)))
                .collect(),
            video: (!p.is_day()).then(|| Duration::of(p.video_minutes())),
            lessons,
            sessions,
            progress,
            closed,
            open: registered && opens.is_ok(),
            offerings: rows,
            is_day: p.is_day(),
        });
    }
    let typed = typed.unwrap_or_else(|| match &standing.profile {
        Some(p) => (
            p.profession.as_str().to_owned(),
            p.workplace.clone(),
            p.region.code().to_owned(),
        ),
        None => Default::default(),
    });
    let (professions, regions) = choices(&typed);
    let participant = actor.is_some_and(|a| a.has(Role::Participant));
    let evaluate = match actor {
        Some(a) if registered => evaluation_links(
            &carepath_app::course::evaluation::due(&state.store, a, v).await?,
            def,
        ),
        _ => Vec::new(),
    };
    let take = Take {
        anonymous: user.is_none(),
        not_participant: user.is_some() && !participant && !runs,
        form: participant && (!registered || error.is_some()),
        professions,
        regions,
        workplace: typed.1,
        registered: standing
            .profile
            .as_ref()
            .map(profile_words)
            .unwrap_or_default(),
        done: registered && standing.progress.course_done(def),
        organiser: actor.is_some_and(|a| !a.organises(v.course_id).is_empty()),
        runs,
        evaluate,
        error,
    };
    Ok(CoursePage {
        layout: layout(state, user),
        key: def.key.clone(),
        title: text(&def.title),
        purpose: text(&def.purpose),
        audience: text(&def.audience),
        total: Duration::of(def.minutes()),
        credits: def
            .credits
            .iter()
            .map(|c| Credit {
                profession: text(&c.profession),
                points: carepath_i18n::number(lang, c.points),
                approved_by: c.approved_by.clone(),
            })
            .collect(),
        objectives: def.objectives.clone(),
        parts,
        take,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_region_has_a_name() {
        for r in carepath_domain::region::Region::all() {
            assert!(
                super::REGION_KEYS.iter().any(|(code, _)| *code == r.code()),
                "{}",
                r.code()
            );
        }
    }
}
