//! The care team's side of secure messaging (decision 0031): a patient's threads, one per
//! enrollment the user's units run, answered from the unit's reply templates; opening
//! them marks the patient's messages read. And the templates themselves, kept per unit.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::message::{Draft, SendError, TemplateError};
use carepath_domain::Id;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::patient::Patient;
use carepath_store::message::ReplyTemplate;

use super::Staff;
use super::patient::readable_patient;
use crate::auth::CurrentUser;
use crate::form::{FormData, UploadForm};
use crate::layout::Layout;
use crate::patient::messages::{Shown, refusal, shown};
use crate::{AppState, Error};

/// The last day to answer by, for an answer time that ends at midnight after it.
pub(crate) fn last_day(due: chrono::DateTime<chrono::Utc>) -> String {
    crate::layout::when(due - chrono::Duration::seconds(1))
}

/// One enrollment's thread.
pub(crate) struct ThreadView {
    enrollment: String,
    program: String,
    unit: String,
    messages: Vec<Shown>,
    may_write: bool,
    /// Why the team cannot write, when it cannot (its key).
    closed: Option<&'static str>,
    answer_days: Option<u32>,
    /// The oldest unanswered message's answer time, if one waits.
    due: Option<String>,
    templates: Vec<(String, String)>,
    /// The text in the reply box: a chosen template, or what was typed when refused.
    text: String,
    error: Option<String>,
    /// The year's activity codes for answering a message: (code, its title).
    codes: Vec<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/messages.html")]
pub struct MessagesPage {
    layout: Layout,
    patient_id: String,
    patient_name: String,
    threads: Vec<ThreadView>,
    notice: Option<&'static str>,
}

#[derive(serde::Deserialize, Default)]
pub struct MessagesQuery {
    /// A reply template to start from, and the thread it is for.
    mal: Option<String>,
    traad: Option<String>,
    sendt: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<MessagesQuery>,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let (patient, reach) = readable_patient(&state, &staff, &id).await?;
    let page = render(&state, &staff, &patient, &reach, &q, None).await?;
    Ok(page.into_response())
}

async fn render(
    state: &AppState,
    staff: &Staff,
    patient: &Patient,
    reach: &carepath_app::access::Reach,
    q: &MessagesQuery,
    refused: Option<(Id<Enrollment>, String, String)>,
) -> Result<MessagesPage, Error> {
    let now = state.clock.now();
    let seen = reach.event(
        &staff.user,
        carepath_domain::audit::AuditAction::Read,
        "Patient",
        patient.id,
    );
    crate::audit::record(state, &[seen]).await?;
    let mut threads = Vec::new();
    for e in state.store.patient_enrollments(patient.id).await? {
        let Some(thread) =
            carepath_app::message::read_thread(&state.store, &staff.user, reach, &e, now).await?
        else {
            continue;
        };
        let version = state.store.program_version(e.program_version_id).await?;
        let rules = version.definition.messaging;
        if !rules.team_may_write() && thread.is_empty() {
            continue;
        }
        let unit = state.store.unit(e.unit_id).await?.name;
        let ours = staff.user.works_in(e.unit_id) && reach.emergency.is_none();
        let may_write = ours && carepath_app::message::may_write(&state.store, &e, false).await?;
        let templates = if ours {
            state.store.reply_templates(e.unit_id).await?
        } else {
            Vec::new()
        };
        let here = q.traad.as_deref() == Some(e.id.to_string().as_str());
        let (text, error) = match &refused {
            Some((id, text, error)) if *id == e.id => (text.clone(), Some(error.clone())),
            _ => (
                q.mal
                    .as_deref()
                    .filter(|_| here)
                    .and_then(|m| templates.iter().find(|t| t.id.to_string() == m))
                    .map(|t| t.body.clone())
                    .unwrap_or_default(),
                None,
            ),
        };
        let due = thread
            .iter()
            .filter(|m| m.from_patient && m.answered_at.is_none())
            .filter_map(|m| m.answer_due)
            .min()
            .map(last_day);
        threads.push(ThreadView {
            codes: state
                .config
                .activity_codes
                .for_kind(
                    carepath_domain::activity::ActivityKind::MessageAnswer,
                    state.clock.now(),
                )
                .into_iter()
                .map(|c| (c.code.clone(), format!("{} – {}", c.code, c.title)))
                .collect(),
            enrollment: e.id.to_string(),
            program: version
                .definition
                .title
                .get(crate::i18n::current())
                .to_owned(),
            messages: thread
                .iter()
                .map(|m| shown(m, false, &unit, "/klinikk/vedlegg"))
                .collect(),
            unit,
            may_write,
            closed: if may_write {
                None
            } else if !ours {
                Some("cp-messages-not-ours")
            } else if rules.team_may_write() {
                Some("cp-messages-ended")
            } else {
                Some("cp-messages-off")
            },
            answer_days: rules.answer_within_working_days,
            due,
            templates: templates
                .into_iter()
                .map(|t| (t.id.to_string(), t.title))
                .collect(),
            text,
            error,
        });
    }
    Ok(MessagesPage {
        layout: staff.layout(),
        patient_id: patient.id.to_string(),
        patient_name: patient.name.clone(),
        threads,
        notice: q.sendt.as_ref().map(|_| "cp-messages-sent"),
    })
}

pub async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, enrollment)): Path<(String, String)>,
    form: Result<UploadForm, Error>,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let (patient, reach) = readable_patient(&state, &staff, &id).await?;
    let enrollment: Id<Enrollment> = enrollment.parse().map_err(|_| Error::NotFound)?;
    let e = state.store.enrollment(enrollment).await?;
    if e.patient_id != patient.id || !staff.user.works_in(e.unit_id) {
        return Err(Error::NotFound);
    }
    // Only once the thread is known to be the user's unit's is the body looked at.
    let form = form?;
    let text = form.fields.get("tekst").unwrap_or_default().to_owned();
    let draft = Draft {
        body: text.clone(),
        files: form.files,
        in_response_to: None,
        history: false,
        code: form
            .fields
            .get("kode")
            .map(|c| (c, state.config.activity_codes.as_ref())),
    };
    match carepath_app::message::send(
        &state.store,
        &staff.user,
        &reach,
        enrollment,
        draft,
        Some(&state.config.public_url),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/klinikk/pasient/{}/meldinger?sendt=1#traad-{enrollment}",
            patient.id
        ))
        .into_response()),
        Err(SendError::Store(carepath_store::StoreError::NotFound(_)) | SendError::NotYours) => {
            Err(Error::NotFound)
        }
        Err(SendError::Store(e)) => Err(e.into()),
        Err(e) => {
            let error = refusal(&e).unwrap_or_default();
            let q = MessagesQuery::default();
            let page = render(
                &state,
                &staff,
                &patient,
                &reach,
                &q,
                Some((enrollment, text, error)),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// An attachment of a thread the user may read.
pub async fn attachment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    crate::patient::messages::file(&state, &user, &id).await
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/templates.html")]
pub struct TemplatesPage {
    layout: Layout,
    /// (unit id, unit name, its templates).
    units: Vec<(String, String, Vec<ReplyTemplate>)>,
    notice: Option<&'static str>,
    error: Option<&'static str>,
    title: String,
    body: String,
    chosen_unit: String,
}

#[derive(serde::Deserialize, Default)]
pub struct TemplatesQuery {
    lagret: Option<String>,
    slettet: Option<String>,
}

pub async fn templates(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<TemplatesQuery>,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let notice = if q.lagret.is_some() {
        Some("cp-templates-saved")
    } else if q.slettet.is_some() {
        Some("cp-templates-removed")
    } else {
        None
    };
    Ok(templates_page(
        &state,
        &staff,
        notice,
        None,
        String::new(),
        String::new(),
        "",
    )
    .await?
    .into_response())
}

async fn templates_page(
    state: &AppState,
    staff: &Staff,
    notice: Option<&'static str>,
    error: Option<&'static str>,
    title: String,
    body: String,
    chosen_unit: &str,
) -> Result<TemplatesPage, Error> {
    let mut units = Vec::new();
    for u in &staff.units {
        units.push((
            u.id.to_string(),
            u.name.clone(),
            state.store.reply_templates(u.id).await?,
        ));
    }
    Ok(TemplatesPage {
        layout: staff.layout(),
        units,
        notice,
        error,
        title,
        body,
        chosen_unit: chosen_unit.to_owned(),
    })
}

pub async fn add_template(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(form.get("enhet"))?.id;
    let title = form.get("tittel").unwrap_or_default().to_owned();
    let body = form.get("tekst").unwrap_or_default().to_owned();
    let error = match carepath_app::message::add_template(
        &state.store,
        &staff.user,
        unit,
        &title,
        &body,
        state.clock.now(),
    )
    .await
    {
        Ok(_) => return Ok(Redirect::to("/klinikk/meldingsmaler?lagret=1").into_response()),
        Err(TemplateError::Store(e)) => return Err(e.into()),
        Err(TemplateError::NotYours) => return Err(Error::Forbidden),
        Err(TemplateError::Title) => "cp-templates-error-title",
        Err(TemplateError::Body(_)) => "cp-templates-error-body",
    };
    let page = templates_page(
        &state,
        &staff,
        None,
        Some(error),
        title,
        body,
        &unit.to_string(),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn remove_template(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(form.get("enhet"))?.id;
    let id: Id<ReplyTemplate> = id.parse().map_err(|_| Error::NotFound)?;
    match carepath_app::message::remove_template(&state.store, &staff.user, unit, id).await {
        Ok(true) => Ok(Redirect::to("/klinikk/meldingsmaler?slettet=1").into_response()),
        Ok(false) => Err(Error::NotFound),
        Err(TemplateError::Store(e)) => Err(e.into()),
        Err(_) => Err(Error::Forbidden),
    }
}
