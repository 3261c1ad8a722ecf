//! "Meldinger": the patient's thread with the care team of their enrollment (decision
//! 0031). Reading it marks the team's messages read; a message may carry photos and PDF
//! documents, checked by content before anything is stored.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::message::{Draft, SendError};
use carepath_domain::Id;
use carepath_store::message::Message;

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::form::UploadForm;
use crate::layout::Layout;
use crate::{AppState, Error};

/// One message as the thread shows it.
pub(crate) struct Shown {
    pub mine: bool,
    pub who: String,
    pub when: String,
    pub body: String,
    /// (address, file name, is an image, size as shown).
    pub files: Vec<(String, String, bool, String)>,
    /// For the reader's own message: whether the other side has read it.
    pub read: bool,
}

/// `message` as shown to a reader on the patient's side (`patient`) or the team's, with
/// attachments served under `files_at`.
pub(crate) fn shown(m: &Message, patient: bool, unit: &str, files_at: &str) -> Shown {
    let mine = m.from_patient == patient;
    let who = if m.from_patient {
        if patient {
            crate::i18n::tr("messages-you")
        } else {
            crate::i18n::tr("messages-the-patient")
        }
    } else {
        crate::i18n::tr_args(
            "messages-team-member",
            &[
                ("name", m.sender_name.as_str().into()),
                ("unit", unit.into()),
            ],
        )
    };
    Shown {
        mine,
        who,
        when: crate::layout::when_at(m.sent_at),
        body: m.body.clone(),
        files: m
            .attachments
            .iter()
            .map(|a| {
                (
                    format!("{files_at}/{}", a.id),
                    a.file_name.clone(),
                    a.media_type.starts_with("image/"),
                    size(a.size),
                )
            })
            .collect(),
        read: m.read_at.is_some(),
    }
}

/// A size as people read it: "240 kB", "3,2 MB".
fn size(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        crate::i18n::tr_args("size-kb", &[("n", ((bytes + 1023) / 1024).into())])
    } else {
        #[allow(clippy::cast_precision_loss)]
        let b = bytes as f64;
        let mb = (b / 1024.0 / 1024.0 * 10.0).round() / 10.0;
        crate::i18n::tr_args(
            "size-mb",
            &[(
                "n",
                carepath_i18n::number(crate::i18n::current(), mb).into(),
            )],
        )
    }
}

/// The words of a refused message: what to fix.
pub(crate) fn refusal(e: &SendError) -> Option<String> {
    use carepath_domain::conversation::{BodyError, FileError};
    let key = match e {
        SendError::Body(BodyError::Empty) => "messages-error-empty",
        SendError::Body(BodyError::TooLong) => "messages-error-long",
        SendError::File { error, .. } => match error {
            FileError::TooLarge => "messages-error-file-large",
            FileError::NotAllowed => "messages-error-file-type",
            FileError::Damaged => "messages-error-file-damaged",
            FileError::TooMany => "messages-error-file-many",
        },
        SendError::Closed => "messages-error-closed",
        SendError::UnknownCode => "code-error-unknown",
        SendError::NotYours | SendError::Store(_) => return None,
    };
    Some(crate::i18n::tr(key))
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/messages.html")]
pub struct MessagesPage {
    layout: Layout,
    /// The unit that runs the enrollment; empty without one.
    unit: String,
    messages: Vec<Shown>,
    may_write: bool,
    /// Why the patient cannot write, when they cannot (its key).
    closed: Option<&'static str>,
    answer_days: Option<u32>,
    call: Option<String>,
    notice: Option<&'static str>,
    error: Option<String>,
    text: String,
}

#[derive(serde::Deserialize)]
pub struct SentQuery {
    sendt: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SentQuery>,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let notice = q.sendt.map(|_| "messages-sent");
    Ok(page(&state, &ctx, notice, None, String::new())
        .await?
        .into_response())
}

async fn page(
    state: &AppState,
    ctx: &PatientContext,
    notice: Option<&'static str>,
    error: Option<String>,
    text: String,
) -> Result<MessagesPage, Error> {
    let mut out = MessagesPage {
        layout: ctx.layout(),
        unit: String::new(),
        messages: Vec::new(),
        may_write: false,
        closed: Some("messages-none"),
        answer_days: None,
        call: ctx.call_unit(state).await?,
        notice,
        error,
        text,
    };
    let Some((enrollment, version)) = &ctx.enrollment else {
        return Ok(out);
    };
    let rules = version.definition.messaging;
    let reach = ctx.reach(state).await?;
    let thread = carepath_app::message::read_thread(
        &state.store,
        &ctx.user,
        &reach,
        enrollment,
        state.clock.now(),
    )
    .await?
    .unwrap_or_default();
    out.unit = state.store.unit(enrollment.unit_id).await?.name;
    out.messages = thread
        .iter()
        .map(|m| shown(m, true, &out.unit, "/pasient/meldinger/vedlegg"))
        .collect();
    out.may_write = carepath_app::message::may_write(&state.store, enrollment, true).await?;
    out.answer_days = rules.answer_within_working_days;
    out.closed = if out.may_write {
        None
    } else if !rules.team_may_write() {
        Some("messages-off")
    } else if rules.patient_may_write() {
        Some("messages-ended")
    } else {
        Some("messages-one-way")
    };
    Ok(out)
}

pub async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    form: UploadForm,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let Some((enrollment, _)) = &ctx.enrollment else {
        return Err(Error::NotFound);
    };
    let reach = ctx.reach(&state).await?;
    let text = form.fields.get("tekst").unwrap_or_default().to_owned();
    let draft = Draft {
        body: text.clone(),
        files: form.files,
        in_response_to: None,
        history: false,
        code: None,
    };
    match carepath_app::message::send(
        &state.store,
        &ctx.user,
        &reach,
        enrollment.id,
        draft,
        Some(&state.config.public_url),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/pasient/meldinger?sendt=1#sist").into_response()),
        Err(SendError::Store(e)) => Err(e.into()),
        Err(SendError::NotYours) => Err(Error::Forbidden),
        Err(e) => {
            let page = page(&state, &ctx, None, refusal(&e), text).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// An attachment of the patient's own thread.
pub async fn attachment(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    file(&state, &user, &id).await
}

/// An attachment as a download the browser shows inline only when it is an image or a
/// PDF (the only kinds stored), never as a page of the site.
pub(crate) async fn file(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Response, Error> {
    let id: Id<carepath_store::message::Attachment> = id.parse().map_err(|_| Error::NotFound)?;
    let Some((file, bytes)) =
        carepath_app::message::attachment(&state.store, user, id, state.clock.now()).await?
    else {
        return Err(Error::NotFound);
    };
    let disposition = format!("inline; filename*=UTF-8''{}", utf8_percent(&file.file_name));
    Ok((
        [
            (header::CONTENT_TYPE, file.media_type),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `s` percent-encoded for a header's `filename*` (RFC 8187).
fn utf8_percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
