//! A unit's settings that an administrator keeps: its contacts (where escalated alerts
//! and message notices go, the number and opening hours patients are told to call, and
//! the HER-id its letters to GPs are sent from).

use carepath_domain::Id;
use carepath_domain::organization::{ContactProblem, Unit, UnitContacts};
use carepath_store::{Store, StoreError};

/// Why a unit's contacts were not saved.
#[derive(Debug, thiserror::Error)]
pub enum ContactsError {
    #[error("a contact is not valid: {0:?}")]
    Invalid(ContactProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The contacts as an administrator typed them, each checked by the domain; an empty field
/// clears it. Nothing is saved when one is refused.
pub async fn set_unit_contacts(
    store: &Store,
    unit: Id<Unit>,
    typed: (&str, &str, &str, &str, &str),
) -> Result<UnitContacts, ContactsError> {
    store.unit(unit).await?;
    let (email, mobile, phone, hours, her_id) = typed;
    let contacts = UnitContacts::from_typed(email, mobile, phone, hours, her_id)
        .map_err(ContactsError::Invalid)?;
    store.set_unit_contacts(unit, &contacts).await?;
    Ok(contacts)
}
