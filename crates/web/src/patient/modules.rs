//! The module list with progress, choosing optional modules, and reading pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::audit::AuditAction;
use carepath_domain::enrollment::{Enrollment, Progress};
use carepath_domain::program::{ModuleDefinition, ModuleKind, ProgramVersion};

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::markdown;
use crate::{AppState, Error};
use carepath_app::enrollment::{Change, ChangeError};

struct ModuleRow {
    key: String,
    title: String,
    summary: String,
    read: usize,
    total: usize,
    first_page: String,
    optional: bool,
}

struct OptionalChoice {
    key: String,
    title: String,
    summary: String,
    chosen: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/modules.html")]
struct ModulesPage {
    layout: Layout,
    program_title: String,
    /// The program has no text in the page's language: its own is shown (bokmål).
    content_fallback: bool,
    percent: u32,
    modules: Vec<ModuleRow>,
    choices: Vec<OptionalChoice>,
    resume: Option<String>,
    notice: Option<&'static str>,
    error: Option<String>,
    /// The questionnaires to answer now (the patient's pending tasks).
    forms: Vec<DueForm>,
    /// The care team has paused the follow-up.
    paused: bool,
    /// The patient's requests for an appointment and where each stands, newest first.
    requests: Vec<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct ModulesQuery {
    skjema: Option<String>,
    valgt: Option<String>,
}

/// The enrollment and version when the modules are open to the patient.
fn open(ctx: &PatientContext) -> Result<(&Enrollment, &ProgramVersion), Error> {
    let (e, v) = ctx.require_enrollment()?;
    if e.modules_open(ctx.gate_answered) {
        Ok((e, v))
    } else {
        Err(Error::Forbidden)
    }
}

/// A questionnaire the patient can answer now: a task of the program's schedule.
pub(crate) struct DueForm {
    key: String,
    title: String,
    /// The last day it can be answered, the Norwegian way.
    last_day: String,
    overdue: bool,
}

/// The patient's open and overdue tasks, oldest first (the baseline has a page of its
/// own before the modules open).
async fn due_forms(state: &AppState, ctx: &PatientContext) -> Result<Vec<DueForm>, Error> {
    let (e, v) = open(ctx)?;
    let gate = v
        .definition
        .gate_questionnaire()
        .map(|g| g.questionnaire.as_str());
    let mut out: Vec<DueForm> = Vec::new();
    for task in state.store.pending_tasks(e.id).await? {
        if Some(task.questionnaire_key.as_str()) == gate
            || out.iter().any(|f| f.key == task.questionnaire_key)
        {
            continue;
        }
        let q = state
            .store
            .questionnaire(v.id, &task.questionnaire_key)
            .await?;
        // The window ends at the start of its last day's next occurrence; show the day
        // before when it closes at midnight or early morning.
        let closes = task.expires_at - chrono::Duration::minutes(1);
        out.push(DueForm {
            title: q
                .questionnaire
                .title
                .clone()
                .unwrap_or_else(|| task.questionnaire_key.clone()),
            key: task.questionnaire_key,
            last_day: crate::layout::date(carepath_domain::schedule::local_date(closes)),
            overdue: task.status == carepath_domain::schedule::TaskStatus::Overdue,
        });
    }
    Ok(out)
}

/// The enrollment's requests for an appointment and where each stands, in words.
async fn requests(state: &AppState, ctx: &PatientContext) -> Result<Vec<String>, Error> {
    let (e, _) = open(ctx)?;
    Ok(state
        .store
        .enrollment_requests(e.id)
        .await?
        .into_iter()
        .map(|(asked, handled)| match handled {
            Some(h) => crate::i18n::tr_args(
                "modules-request-handled",
                &[
                    ("asked", crate::layout::when(asked).into()),
                    ("handled", crate::layout::when(h).into()),
                ],
            ),
            None => crate::i18n::tr_args(
                "modules-request-open",
                &[("asked", crate::layout::when(asked).into())],
            ),
        })
        .collect())
}

fn modules_page(
    ctx: &PatientContext,
    progress: &Progress,
    notice: Option<&'static str>,
    error: Option<String>,
    forms: Vec<DueForm>,
    requests: Vec<String>,
) -> Result<ModulesPage, Error> {
    let (e, v) = open(ctx)?;
    let def = &v.definition;
    let modules = e
        .visible_modules(def)
        .map(|m| {
            let (read, total) = progress.module_counts(m);
            let first_page = m
                .pages
                .iter()
                .find(|p| !progress.read.contains(&(m.key.clone(), p.key.clone())))
                .or(m.pages.first())
                .map(|p| p.key.clone())
                .unwrap_or_default();
            ModuleRow {
                key: m.key.clone(),
                title: m.title.get(crate::i18n::current()).to_owned(),
                summary: m.summary.get(crate::i18n::current()).to_owned(),
                read,
                total,
                first_page,
                optional: m.kind == ModuleKind::Optional,
            }
        })
        .collect();
    let choices = def
        .modules
        .iter()
        .filter(|m| m.kind == ModuleKind::Optional)
        .map(|m| OptionalChoice {
            key: m.key.clone(),
            title: m.title.get(crate::i18n::current()).to_owned(),
            summary: m.summary.get(crate::i18n::current()).to_owned(),
            chosen: e.chosen_modules.contains(&m.key),
        })
        .collect();
    Ok(ModulesPage {
        requests,
        content_fallback: content_fallback(def),
        paused: e.paused_at.is_some(),
        layout: ctx.layout(),
        program_title: def.title.get(crate::i18n::current()).to_owned(),
        percent: progress.percent(e, def),
        modules,
        choices,
        resume: progress
            .resume_point(e, def)
            .map(|(m, p)| format!("/pasient/moduler/{m}/{p}")),
        notice,
        error,
        forms,
    })
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ModulesQuery>,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let Ok((e, _)) = open(&ctx) else {
        return Ok(Redirect::to("/pasient").into_response());
    };
    let progress = state.store.progress(e.id).await?;
    let notice = if q.skjema.is_some() {
        Some("modules-baseline-saved")
    } else if q.valgt.is_some() {
        Some("modules-choice-saved")
    } else {
        None
    };
    let forms = due_forms(&state, &ctx).await?;
    let requests = requests(&state, &ctx).await?;
    Ok(modules_page(&ctx, &progress, notice, None, forms, requests)?.into_response())
}

pub async fn choose(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let (e, v) = open(&ctx)?;
    let chosen = form.all("modul");
    match ctx
        .change(&state, e, Change::ChooseModules(&v.definition, &chosen))
        .await
    {
        Ok(_) => {}
        Err(ChangeError::NotNow(_)) => {
            let progress = state.store.progress(e.id).await?;
            let page = modules_page(
                &ctx,
                &progress,
                None,
                Some(crate::i18n::tr("modules-choice-failed")),
                due_forms(&state, &ctx).await?,
                requests(&state, &ctx).await?,
            )?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(ChangeError::Store(e)) => return Err(e.into()),
    }
    Ok(Redirect::to("/pasient/moduler?valgt=1").into_response())
}

pub async fn resume(State(state): State<AppState>, user: CurrentUser) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let (e, v) = open(&ctx)?;
    let progress = state.store.progress(e.id).await?;
    Ok(match progress.resume_point(e, &v.definition) {
        Some((m, p)) => Redirect::to(&format!("/pasient/moduler/{m}/{p}")),
        None => Redirect::to("/pasient/moduler"),
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/page.html")]
struct ReadingPage {
    layout: Layout,
    /// The program has no text in the page's language: its own is shown (bokmål).
    content_fallback: bool,
    module_title: String,
    module_key: String,
    page_key: String,
    title: String,
    body_html: String,
    video_src: Option<String>,
    captions_src: String,
    audio_src: Option<String>,
    transcript: String,
    number: usize,
    count: usize,
    previous: Option<String>,
    read: bool,
    last: bool,
}

/// Whether the program's content lacks the request's language (shown in bokmål then).
fn content_fallback(def: &carepath_domain::program::ProgramDefinition) -> bool {
    let lang = crate::i18n::current();
    lang != carepath_domain::Lang::Nb && !def.title.languages().any(|l| l == lang)
}

/// A page of a module the patient sees, with its module and position.
fn visible_page<'c>(
    ctx: &'c PatientContext,
    module: &str,
    page: &str,
) -> Result<
    (
        &'c Enrollment,
        &'c ProgramVersion,
        &'c ModuleDefinition,
        usize,
    ),
    Error,
> {
    let (e, v) = open(ctx)?;
    let m = e
        .visible_modules(&v.definition)
        .find(|m| m.key == module)
        .ok_or(Error::NotFound)?;
    let index = m.page_index(page).ok_or(Error::NotFound)?;
    Ok((e, v, m, index))
}

pub async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((module, page)): Path<(String, String)>,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let (e, v, m, index) = visible_page(&ctx, &module, &page)?;
    let p = &m.pages[index];
    let progress = state.store.progress(e.id).await?;
    let version = v.id.to_string();
    let body = p.body.get(crate::i18n::current());
    // Each picture's size, so the page keeps its layout while they load.
    let mut sizes = Vec::new();
    for name in markdown::media_names(body) {
        if let Some(media) = state.store.media(v.id, &name).await?
            && let Some(size) = markdown::picture_size(&media.content_type, &media.bytes)
        {
            sizes.push((name, size));
        }
    }
    let media_url = |path: &str| {
        format!(
            "/media/{version}/{}",
            path.strip_prefix("media/").unwrap_or(path)
        )
    };
    Ok(ReadingPage {
        layout: ctx.layout(),
        content_fallback: content_fallback(&v.definition),
        module_title: m.title.get(crate::i18n::current()).to_owned(),
        module_key: m.key.clone(),
        page_key: p.key.clone(),
        title: p.title.get(crate::i18n::current()).to_owned(),
        body_html: markdown::render(body, &version, &sizes),
        video_src: p.video.as_ref().map(|vid| media_url(&vid.src)),
        audio_src: p.audio.as_ref().map(|a| media_url(&a.src)),
        transcript: p
            .audio
            .as_ref()
            .map(|a| a.transcript.clone())
            .unwrap_or_default(),
        captions_src: p
            .video
            .as_ref()
            .map(|vid| media_url(&vid.captions))
            .unwrap_or_default(),
        number: index + 1,
        count: m.pages.len(),
        previous: index
            .checked_sub(1)
            .map(|i| format!("/pasient/moduler/{}/{}", m.key, m.pages[i].key)),
        read: progress.read.contains(&(m.key.clone(), p.key.clone())),
        last: index + 1 == m.pages.len(),
    }
    .into_response())
}

/// Saves the page as read (committed before the answer), then goes to the next page.
pub async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((module, page)): Path<(String, String)>,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let (e, _, m, index) = visible_page(&ctx, &module, &page)?;
    state
        .store
        .mark_page_read(
            e.id,
            &m.key,
            &page,
            state.clock.now(),
            &[ctx.event(AuditAction::Update)],
        )
        .await?;
    Ok(match m.pages.get(index + 1) {
        Some(next) => Redirect::to(&format!("/pasient/moduler/{}/{}", m.key, next.key)),
        None => Redirect::to("/pasient/moduler"),
    }
    .into_response())
}
