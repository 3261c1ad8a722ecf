//! Secure messaging (decision 0031): a thread per enrollment between the patient and the
//! care team of the unit that runs it. The program decides who writes (two-way, one-way,
//! off) and the team's answer time in working days; files are checked by content and
//! photos lose their location data before anything is stored; the other side gets a
//! content-free notification through the outbox. Pages and the FHIR API (`Communication`)
//! send and read through these functions.

use carepath_domain::Id;
use carepath_domain::activity::{ActivityKind, CodeLists};
use carepath_domain::audit::AuditAction;
use carepath_domain::conversation::{self, BodyError, FileError, Holidays};
use carepath_domain::enrollment::{Enrollment, EnrollmentStatus};
use carepath_domain::message::Content;
use carepath_domain::organization::Unit;
use carepath_store::activity::NewActivity;
use carepath_store::message::{Attachment, Message, NewThreadMessage, ReplyTemplate};
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

use crate::access::{Actor, By, Reach};

/// A message as written, before it is checked.
#[derive(Debug, Default)]
pub struct Draft<'a> {
    pub body: String,
    /// The files as uploaded: the name the sender's device gave, and the bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The message it answers, if it is in the same thread.
    pub in_response_to: Option<Id<Message>>,
    /// The demo's made-up history: written without an access-log event (like the rest
    /// of the demo's story).
    pub history: bool,
    /// The activity code the team's answer is recorded with (decision 0035), checked
    /// against the year's list for message answers; an empty code is none.
    pub code: Option<(&'a str, &'a CodeLists)>,
}

/// Why a message was not sent. Nothing is stored in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The enrollment is not this person's to write in (another unit's, another patient's).
    #[error("this thread is not yours to write in")]
    NotYours,
    /// The program does not let this side write, or the enrollment does not run.
    #[error("messages cannot be sent in this thread now")]
    Closed,
    #[error(transparent)]
    Body(#[from] BodyError),
    /// A file was refused: its position in the draft (from 0) and why.
    #[error("file {index}: {error}")]
    File { index: usize, error: FileError },
    /// The activity code is not one of the year's codes for answering a message.
    #[error("not a code for message answers")]
    UnknownCode,
}

/// Whether `side` (the patient when `patient`, else the team) may write in the thread of
/// `enrollment` now: the enrollment runs (paused included) and the program allows it.
pub async fn may_write(
    store: &Store,
    enrollment: &Enrollment,
    patient: bool,
) -> Result<bool, StoreError> {
    if enrollment.status != EnrollmentStatus::Active {
        return Ok(false);
    }
    let rules = store
        .program_version(enrollment.program_version_id)
        .await?
        .definition
        .messaging;
    Ok(if patient {
        rules.patient_may_write()
    } else {
        rules.team_may_write()
    })
}

/// Sends `draft` in the thread of `enrollment` as the actor who reaches the patient by
/// `reach`: the patient themselves, or a member of the team of the enrollment's unit
/// (emergency access reads, it never writes). `public_url` is where notifications link
/// (`None` sends none: the demo).
pub async fn send(
    store: &Store,
    actor: &Actor,
    reach: &Reach,
    enrollment: Id<Enrollment>,
    draft: Draft<'_>,
    public_url: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Message, SendError> {
    let enrollment = store.enrollment(enrollment).await?;
    let from_patient = reach.by == Some(By::Themselves);
    if enrollment.patient_id != reach.patient
        || !(from_patient || actor.works_in(enrollment.unit_id))
    {
        return Err(SendError::NotYours);
    }
    if !may_write(store, &enrollment, from_patient).await? {
        return Err(SendError::Closed);
    }
    if draft.files.len() > conversation::MAX_ATTACHMENTS {
        return Err(SendError::File {
            index: conversation::MAX_ATTACHMENTS,
            error: FileError::TooMany,
        });
    }
    let body = conversation::body(&draft.body, !draft.files.is_empty())?;
    let mut files = Vec::with_capacity(draft.files.len());
    for (index, (name, bytes)) in draft.files.iter().enumerate() {
        let (kind, cleaned) =
            conversation::clean_file(bytes).map_err(|error| SendError::File { index, error })?;
        files.push((
            kind.media_type().to_owned(),
            file_name(name, index, kind.extension()),
            cleaned,
        ));
    }
    let in_response_to = match draft.in_response_to {
        Some(id) => store
            .message(id)
            .await?
            .filter(|m| m.enrollment_id == enrollment.id)
            .map(|m| m.id),
        None => None,
    };
    let rules = store
        .program_version(enrollment.program_version_id)
        .await?
        .definition
        .messaging;
    let answer_due = rules
        .answer_within_working_days
        .filter(|_| from_patient)
        .map(|days| Holidays::norway().answer_due(now, days));
    let id = Id::<Message>::new();
    // Only the team's work is coded; a patient's message carries none.
    let activity = match draft.code.filter(|(c, _)| !c.is_empty() && !from_patient) {
        None => None,
        Some((code, lists)) => {
            let kind = ActivityKind::MessageAnswer;
            let coded = lists.check(kind, code, now).ok_or(SendError::UnknownCode)?;
            Some(NewActivity {
                unit: enrollment.unit_id,
                patient: enrollment.patient_id,
                by: actor.account,
                kind,
                code: coded.code.clone(),
                system: coded.system.clone(),
                at: now,
                source_type: "Communication",
                source_id: id.to_string(),
            })
        }
    };
    let audit = if draft.history {
        Vec::new()
    } else {
        vec![reach.event(actor, AuditAction::Create, "Communication", id)]
    };
    let message = store
        .send_message(
            &NewThreadMessage {
                id,
                patient: enrollment.patient_id,
                enrollment: enrollment.id,
                unit: enrollment.unit_id,
                from_patient,
                sender: actor.account,
                in_response_to,
                body,
                answer_due,
                files,
                activity,
            },
            &audit,
            &[],
            now,
        )
        .await?;
    if let Some(url) = public_url {
        let key = format!("message:{id}");
        if from_patient {
            let unit = store.unit(enrollment.unit_id).await?;
            let link = format!(
                "{}/klinikk/varsler?enhet={}",
                url.trim_end_matches('/'),
                unit.id
            );
            let content = Content::TeamMessage {
                unit: unit.name,
                link,
            };
            store
                .notify_unit(enrollment.unit_id, content, &key, url, now)
                .await?;
        } else {
            store
                .notify_patient(
                    enrollment.patient_id,
                    Content::new_message(url),
                    &key,
                    url,
                    now,
                )
                .await?;
        }
    }
    Ok(message)
}

/// A file's name as it is kept and shown: the last part of the path the device gave,
/// without control characters, at most 100 characters; its number and the kind's
/// extension ("2.jpg") when nothing is left, so no word is stored.
fn file_name(name: &str, index: usize, extension: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
        .take(100)
        .collect();
    let clean = clean.trim().to_owned();
    if clean.is_empty() {
        format!("{}.{extension}", index + 1)
    } else {
        clean
    }
}

/// The thread of `enrollment` as the actor reaching its patient by `reach` may read it,
/// written to the access log; reading it marks the other side's messages read (the
/// patient, or a member of the enrollment's unit; not someone reading under emergency
/// access). `None` when it is not theirs to read.
pub async fn read_thread(
    store: &Store,
    actor: &Actor,
    reach: &Reach,
    enrollment: &Enrollment,
    now: DateTime<Utc>,
) -> Result<Option<Vec<Message>>, StoreError> {
    if enrollment.patient_id != reach.patient || !reach.may_read(Some(enrollment.unit_id), &[]) {
        return Ok(None);
    }
    let thread = store.thread(enrollment.id).await?;
    let patient = reach.by == Some(By::Themselves);
    let ids: Vec<String> = thread.iter().map(|m| m.id.to_string()).collect();
    let audit: Vec<_> = if ids.is_empty() {
        Vec::new()
    } else {
        vec![reach.event(actor, AuditAction::Read, "Communication", ids.join(" "))]
    };
    let team = actor.works_in(enrollment.unit_id) && reach.emergency.is_none();
    if patient || team {
        store
            .mark_thread_read(enrollment.id, patient, actor.account, &audit, now)
            .await?;
    } else if !audit.is_empty() {
        store.audit_all(&audit, now).await?;
    }
    Ok(Some(thread))
}

/// An attachment and its bytes, when the actor may read the message it is on; the read is
/// written to the access log, and a care team member's attempt on another unit's is
/// recorded as refused.
pub async fn attachment(
    store: &Store,
    actor: &Actor,
    id: Id<Attachment>,
    now: DateTime<Utc>,
) -> Result<Option<(Attachment, Vec<u8>)>, StoreError> {
    let Some((file, message, bytes)) = store.attachment(id).await? else {
        return Ok(None);
    };
    let Some(reach) = actor
        .patient_or_emergency(store, message.patient_id, now)
        .await?
    else {
        return Ok(None);
    };
    if !reach.may_read(Some(message.unit_id), &[]) {
        if let Err(e) = actor
            .refused(
                store,
                message.patient_id,
                "Communication",
                &message.id.to_string(),
                now,
            )
            .await
        {
            tracing::warn!(error = %e, "could not record a refused read");
        }
        return Ok(None);
    }
    let event = reach.event(actor, AuditAction::Read, "Communication", message.id);
    store.audit_all(&[event], now).await?;
    Ok(Some((file, bytes)))
}

/// Why a reply template was not saved.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("only the unit's own team keeps its templates")]
    NotYours,
    #[error("the template needs a title of at most 100 characters")]
    Title,
    #[error(transparent)]
    Body(#[from] BodyError),
}

/// Adds a reply template to `unit`, kept by its team.
pub async fn add_template(
    store: &Store,
    actor: &Actor,
    unit: Id<Unit>,
    title: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<Id<ReplyTemplate>, TemplateError> {
    if !actor.works_in(unit) {
        return Err(TemplateError::NotYours);
    }
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 100 {
        return Err(TemplateError::Title);
    }
    let body = conversation::body(body, false)?;
    Ok(store
        .add_reply_template(unit, title, &body, actor.account, now)
        .await?)
}

/// Removes one of `unit`'s templates; `false` when there was none.
pub async fn remove_template(
    store: &Store,
    actor: &Actor,
    unit: Id<Unit>,
    id: Id<ReplyTemplate>,
) -> Result<bool, TemplateError> {
    if !actor.works_in(unit) {
        return Err(TemplateError::NotYours);
    }
    Ok(store.remove_reply_template(unit, id).await?)
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_keep_the_last_part_and_no_markup() {
        assert_eq!(file_name("C:\\Bilder\\mage.jpg", 0, "jpg"), "mage.jpg");
        assert_eq!(file_name("../../etc/<x>.pdf", 0, "pdf"), "x.pdf");
        assert_eq!(file_name("  \u{7}", 1, "png"), "2.png");
    }
}
