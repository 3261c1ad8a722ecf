//! The course pages anyone may read (issue 17): the catalogue at `/kurs` and a course's
//! description at `/kurs/{course}`, with every duration added up from its lessons and
//! sessions (`carepath_domain::course`), never a typed total.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use carepath_domain::course::{CourseDefinition, PartContent, hours_and_minutes};

use crate::auth::CurrentUser;
use crate::layout::Layout;
use crate::{AppState, Error};

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
    title: String,
    video: u32,
    reading: u32,
    reflections: usize,
    total: Duration,
}

pub(crate) struct SessionRow {
    title: String,
    speaker: String,
    total: Duration,
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
}

#[derive(Template, WebTemplate)]
#[template(path = "course/course.html")]
pub(crate) struct CoursePage {
    layout: Layout,
    title: String,
    purpose: String,
    audience: String,
    total: Duration,
    credits: Vec<Credit>,
    objectives: Vec<String>,
    parts: Vec<Part>,
}

/// The page's frame. The course pages have every language, Ukrainian too, whoever reads
/// them (a signed-in staff member's pages otherwise fall back to English).
fn layout(state: &AppState, user: Option<&CurrentUser>) -> Layout {
    let mut layout = user.map_or_else(Layout::anonymous, |u| {
        Layout::for_user(u, state.config.demo_sign_in)
    });
    layout.lang = crate::i18n::current();
    layout
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
    let v = carepath_app::course::course(&state.store, &course)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(page(layout(&state, user.as_ref()), &v.definition))
}

fn page(layout: Layout, def: &CourseDefinition) -> CoursePage {
    let lang = crate::i18n::current();
    let text = |t: &carepath_domain::LocalizedText| t.get(lang).to_owned();
    let parts = def
        .parts
        .iter()
        .map(|p| {
            let (lessons, sessions) = match &p.content {
                PartContent::Elearning { lessons } => (
                    lessons
                        .iter()
                        .map(|l| LessonRow {
                            title: text(&l.title),
                            video: l.video_minutes,
                            reading: l.reading_minutes,
                            reflections: l.reflections.len(),
                            total: Duration::of(l.minutes()),
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
            Part {
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
            }
        })
        .collect();
    CoursePage {
        layout,
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
    }
}
