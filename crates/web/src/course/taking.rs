//! Taking a course: a lesson with its text, video, literature and reflection questions
//! (answered in free text, read by no one but the participant), and "my courses" with
//! the progress of each and the courses the reader helps run.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::course::CourseVersion;
use carepath_domain::course::offering::OfferingStatus;
use carepath_domain::course::participation::SeatStatus;

use super::{Duration, find, layout, problem, profile_words, seat_words};
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::i18n::{keep_in, tr, tr_args};
use crate::layout::Layout;
use crate::{AppState, Error};

pub(crate) struct Reflection {
    question: String,
    answer: String,
}

pub(crate) struct LiteratureRow {
    text: String,
    url: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "course/lesson.html")]
pub(crate) struct LessonPage {
    layout: Layout,
    course_key: String,
    course_title: String,
    part_title: String,
    key: String,
    title: String,
    video: u32,
    reading: u32,
    total: Duration,
    /// The lesson's text as HTML (from the course package's Markdown).
    body: String,
    reflections: Vec<Reflection>,
    literature: Vec<LiteratureRow>,
    done: bool,
    /// The next lesson of the part (key, title), if any.
    next: Option<(String, String)>,
    error: Option<String>,
}

async fn lesson_page(
    state: &AppState,
    user: &CurrentUser,
    v: &CourseVersion,
    key: &str,
    typed: Option<Vec<String>>,
    error: Option<String>,
) -> Result<LessonPage, Error> {
    let lang = crate::i18n::current();
    let open = match carepath_app::course::lesson(&state.store, &user.actor, v, key).await {
        Ok(open) => open,
        // Not registered, or the part still closed: the course page says why.
        Err(carepath_app::course::CourseError::Participation(_)) => return Err(Error::Forbidden),
        Err(e) => return Err(problem(e, &v.definition).err().unwrap_or(Error::NotFound)),
    };
    let part = v.definition.part(&open.part).ok_or(Error::NotFound)?;
    let l = &open.lesson;
    let given = typed.or_else(|| open.answers.clone()).unwrap_or_default();
    let lessons = part.lessons();
    let next = lessons
        .iter()
        .skip_while(|x| x.key != key)
        .nth(1)
        .map(|x| (x.key.clone(), x.title.get(lang).to_owned()));
    Ok(LessonPage {
        layout: layout(state, Some(user)),
        course_key: v.definition.key.clone(),
        course_title: v.definition.title.get(lang).to_owned(),
        part_title: part.title.get(lang).to_owned(),
        key: l.key.clone(),
        title: l.title.get(lang).to_owned(),
        video: l.video_minutes,
        reading: l.reading_minutes,
        total: Duration::of(l.minutes()),
        body: crate::markdown::render(l.body.get(lang), &v.id.to_string(), &[]),
        reflections: l
            .reflections
            .iter()
            .enumerate()
            .map(|(i, q)| Reflection {
                question: q.get(lang).to_owned(),
                answer: given.get(i).cloned().unwrap_or_default(),
            })
            .collect(),
        literature: l
            .literature
            .iter()
            .map(|r| LiteratureRow {
                text: r.text.clone(),
                url: r.url.clone(),
            })
            .collect(),
        done: open.answers.is_some(),
        next,
        error,
    })
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((course, lesson)): Path<(String, String)>,
) -> Result<LessonPage, Error> {
    let v = find(&state, &course).await?;
    lesson_page(&state, &user, &v, &lesson, None, None).await
}

/// The participant's answers, which finish the lesson.
pub(crate) async fn answer(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((course, lesson)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let answers = form.all("svar");
    match carepath_app::course::finish_lesson(
        &state.store,
        &user.actor,
        &v,
        &lesson,
        &answers,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => {
            Ok(Redirect::to(&keep_in(&format!("/kurs/{course}/leksjon/{lesson}"))).into_response())
        }
        Err(e) => {
            let why = problem(e, &v.definition)?;
            let page = lesson_page(&state, &user, &v, &lesson, Some(answers), Some(why)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub(crate) struct PartLine {
    title: String,
    state: String,
}

pub(crate) struct MyCourse {
    key: String,
    title: String,
    profile: String,
    parts: Vec<PartLine>,
    bookings: Vec<(String, String, String)>,
    done: bool,
    /// Parts to evaluate now (key, words for the link).
    evaluate: Vec<(String, String)>,
}

pub(crate) struct RunLine {
    key: String,
    title: String,
    roles: Vec<String>,
    /// Offerings waiting for the committee (for a committee member), in words.
    waiting: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "course/mine.html")]
pub(crate) struct MinePage {
    layout: Layout,
    courses: Vec<MyCourse>,
    runs: Vec<RunLine>,
}

pub(crate) async fn mine(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<MinePage, Error> {
    let lang = crate::i18n::current();
    let mut courses = Vec::new();
    for (v, s) in carepath_app::course::my_courses(&state.store, &user.actor).await? {
        let def = &v.definition;
        let parts = def
            .parts
            .iter()
            .map(|p| PartLine {
                title: p.title.get(lang).to_owned(),
                state: if s.progress.part_done(p) {
                    tr("course-part-done")
                } else if p.is_day() {
                    match s.progress.opens(def, p) {
                        Ok(()) => tr("course-part-open"),
                        Err(_) => tr("course-part-locked"),
                    }
                } else {
                    tr_args(
                        "course-part-progress",
                        &[
                            ("done", s.progress.lessons_done(p).into()),
                            ("total", p.lessons().len().into()),
                        ],
                    )
                },
            })
            .collect();
        let bookings = s
            .bookings
            .iter()
            .filter(|b| b.status != SeatStatus::Cancelled)
            .map(|b| {
                (
                    b.offering.id.to_string(),
                    format!(
                        "{}, {}",
                        crate::layout::date(b.offering.proposal.date),
                        b.offering.proposal.place
                    ),
                    seat_words(b.status, b.ahead, b.present),
                )
            })
            .collect();
        courses.push(MyCourse {
            key: def.key.clone(),
            title: def.title.get(lang).to_owned(),
            profile: s.profile.as_ref().map(profile_words).unwrap_or_default(),
            parts,
            bookings,
            done: s.progress.course_done(def),
            evaluate: super::evaluation_links(
                &carepath_app::course::evaluation::due(&state.store, &user.actor, &v).await?,
                def,
            ),
        });
    }
    let mut runs = Vec::new();
    for v in carepath_app::course::catalogue(&state.store).await? {
        if !user.runs_course(v.course_id) {
            continue;
        }
        let mut roles = Vec::new();
        for role in [
            carepath_domain::user::Role::CourseOwner,
            carepath_domain::user::Role::CourseCommittee,
        ] {
            if user.has_for_course(role, v.course_id) {
                roles.push(tr(crate::auth::role_key(role)));
            }
        }
        for u in user.organises(v.course_id) {
            roles.push(tr_args(
                "course-organiser-for",
                &[("unit", state.store.unit(u).await?.name.into())],
            ));
        }
        let proposed = carepath_app::course::offerings(
            &state.store,
            Some(&user.actor),
            v.course_id,
            carepath_domain::schedule::local_date(state.clock.now()),
        )
        .await?
        .iter()
        .filter(|o| o.status == OfferingStatus::Proposed)
        .count();
        runs.push(RunLine {
            key: v.definition.key.clone(),
            title: v.definition.title.get(lang).to_owned(),
            roles,
            waiting: if proposed > 0 {
                tr_args("course-offerings-proposed", &[("count", proposed.into())])
            } else {
                String::new()
            },
        });
    }
    Ok(MinePage {
        layout: layout(&state, Some(&user)),
        courses,
        runs,
    })
}

/// The participant's certificate as PDF, issued the first time once the course is done.
pub(crate) async fn certificate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(course): Path<String>,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let (c, code) =
        match carepath_app::course::certificate(&state.store, &user.actor, &v, state.clock.now())
            .await
        {
            Ok(issued) => issued,
            // Not done yet: the course page says what is missing.
            Err(carepath_app::course::CourseError::Participation(_)) => {
                return Err(Error::Forbidden);
            }
            Err(e) => return Err(problem(e, &v.definition).err().unwrap_or(Error::NotFound)),
        };
    let document = carepath_app::course::certificate_document(
        &c,
        &code,
        &v,
        crate::i18n::current(),
        &state.config.public_url,
    );
    let name = format!("{}-{}.pdf", tr("certificate-file-name"), v.definition.key);
    crate::download::pdf(document, &name).await
}

#[derive(Template, WebTemplate)]
#[template(path = "course/verify.html")]
pub(crate) struct VerifyPage {
    layout: Layout,
    /// The code as typed, for the form.
    typed: String,
    /// Whether a code was asked about.
    asked: bool,
    genuine: Option<Genuine>,
}

/// What a genuine certificate says.
pub(crate) struct Genuine {
    code: String,
    name: String,
    course_key: String,
    course: String,
    completed: String,
    total: Duration,
    objectives: Vec<String>,
    credits: Vec<super::Credit>,
}

#[derive(serde::Deserialize)]
pub(crate) struct CodeQuery {
    kode: Option<String>,
}

/// The form to check a certificate's code; a code typed goes to its own address.
pub(crate) async fn verify_form(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    axum::extract::Query(q): axum::extract::Query<CodeQuery>,
) -> Response {
    if let Some(code) = q.kode.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        let code: String = code
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(64)
            .collect();
        return Redirect::to(&keep_in(&format!("/bevis/{code}"))).into_response();
    }
    VerifyPage {
        layout: layout(&state, user.as_ref()),
        typed: String::new(),
        asked: false,
        genuine: None,
    }
    .into_response()
}

/// Whether the certificate with `code` is genuine, showing what it says and nothing more.
pub(crate) async fn verify(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Path(code): Path<String>,
) -> Result<Response, Error> {
    let lang = crate::i18n::current();
    let found = carepath_app::course::verify(&state.store, &code).await?;
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let genuine = found.map(|(c, v)| {
        let def = &v.definition;
        Genuine {
            code: carepath_domain::course::certificate::normalise_code(&code)
                .map(|c| carepath_domain::course::certificate::print_code(&c))
                .unwrap_or_default(),
            name: c.name.clone(),
            course_key: def.key.clone(),
            course: def.title.get(lang).to_owned(),
            completed: crate::layout::date(c.completed_on),
            total: Duration::of(def.minutes()),
            objectives: def.objectives.clone(),
            credits: def
                .credits
                .iter()
                .map(|cr| super::Credit {
                    profession: cr.profession.get(lang).to_owned(),
                    points: carepath_i18n::number(lang, cr.points),
                    approved_by: cr.approved_by.clone(),
                })
                .collect(),
        }
    });
    let page = VerifyPage {
        layout: layout(&state, user.as_ref()),
        typed: code.chars().take(64).collect(),
        asked: true,
        genuine,
    };
    Ok((status, page).into_response())
}
