//! Handling what waits on a unit's worklist: acknowledging an alert, marking a request
//! for an appointment handled. One use case for every kind of item: the item must be on
//! a worklist of one of the actor's units (another unit's is "not found"), a person writes
//! what they did (`domain::worklist::note`), and the change is stored with its access-log
//! event. An item someone else handled a moment before is left as they left it.

use carepath_domain::Id;
use carepath_domain::activity::{ActivityKind, CodeLists};
use carepath_domain::audit::AuditAction;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_store::activity::NewActivity;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

use crate::access::Actor;

/// An item on a worklist, by its id.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// A yellow or red alert (`Flag`).
    Alert(&'a str),
    /// A request for an appointment (`ServiceRequest`).
    Request(&'a str),
}

/// Why an item could not be handled.
#[derive(Debug, thiserror::Error)]
pub enum HandleError {
    /// No such item on a worklist of the actor's units.
    #[error("not found")]
    NotFound,
    /// The note is missing or too short; the item is on `unit`'s worklist.
    #[error("a note of what was done is needed")]
    NoteNeeded { unit: Id<Unit> },
    /// The activity code is not one of the year's codes for assessments; the item is on
    /// `unit`'s worklist.
    #[error("not a code for assessments")]
    UnknownCode { unit: Id<Unit> },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An item handled.
#[derive(Debug)]
pub struct Handled {
    /// Whose worklist it was on.
    pub unit: Id<Unit>,
    /// False when someone else had handled it already.
    pub by_this: bool,
}

/// Handles `item` as `actor` with `note` at `now`; the assessment it took is recorded
/// with `code` (from the year's `CodeLists` for assessments) when one is given.
pub async fn handle(
    store: &Store,
    actor: &Actor,
    item: Item<'_>,
    (note, code): (&str, Option<(&str, &CodeLists)>),
    now: DateTime<Utc>,
) -> Result<Handled, HandleError> {
    let (unit, patient, resource_type, id): (Id<Unit>, Id<Patient>, &'static str, &str) = match item
    {
        Item::Alert(id) => {
            let a = store.alert(id).await?.ok_or(HandleError::NotFound)?;
            (a.unit_id, a.patient_id, "Flag", id)
        }
        Item::Request(id) => {
            let r = store
                .consultation_request(id)
                .await?
                .ok_or(HandleError::NotFound)?;
            (r.unit_id, r.patient_id, "ServiceRequest", id)
        }
    };
    // Another unit's item is not found, so its existence is not revealed.
    if !actor.works_in(unit) {
        return Err(HandleError::NotFound);
    }
    let note = carepath_domain::worklist::note(note).ok_or(HandleError::NoteNeeded { unit })?;
    let activity = match code.filter(|(c, _)| !c.is_empty()) {
        None => None,
        Some((code, lists)) => {
            let kind = ActivityKind::Assessment;
            let coded = lists
                .check(kind, code, now)
                .ok_or(HandleError::UnknownCode { unit })?;
            Some(NewActivity {
                unit,
                patient,
                by: actor.account,
                kind,
                code: coded.code.clone(),
                system: coded.system.clone(),
                at: now,
                source_type: resource_type,
                source_id: id.to_owned(),
            })
        }
    };
    let event = actor.event_in(unit, patient, AuditAction::Update, resource_type, id);
    let by_this = match item {
        Item::Alert(id) => {
            store
                .acknowledge_alert(id, actor.account, &note, now, &[event], activity.as_ref())
                .await?
        }
        Item::Request(id) => {
            store
                .handle_consultation_request(
                    id,
                    actor.account,
                    &note,
                    now,
                    &[event],
                    activity.as_ref(),
                )
                .await?
        }
    };
    Ok(Handled { unit, by_this })
}

/// Handles a health professional's enquiry on a worklist of `actor`'s units, with `note`
/// of what was done (answered by phone, by e-mail). Not a patient's record: no access-log
/// event.
pub async fn handle_enquiry(
    store: &Store,
    actor: &Actor,
    id: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Handled, HandleError> {
    let e = store.enquiry(id).await?.ok_or(HandleError::NotFound)?;
    if !actor.works_in(e.unit_id) {
        return Err(HandleError::NotFound);
    }
    let unit = e.unit_id;
    let note = carepath_domain::worklist::note(note).ok_or(HandleError::NoteNeeded { unit })?;
    let by_this = store.handle_enquiry(id, actor.account, &note, now).await?;
    Ok(Handled { unit, by_this })
}
