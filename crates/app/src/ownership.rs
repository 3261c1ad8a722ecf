//! Which unit owns what is recorded about a patient (decision 0026). Records made under an
//! enrollment belong to its unit (the use cases take that from the enrollment); this is
//! the rule for the rest.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_store::{Store, StoreError};

/// The unit that owns a record made outside any enrollment: the care team's unit that
/// made it (`acting`); for the patient's own, their managing unit, else the unit of their
/// newest enrollment, else of their newest referral.
pub(crate) async fn owner_outside_enrollment(
    store: &Store,
    patient: Id<Patient>,
    acting: Option<Id<Unit>>,
) -> Result<Option<Id<Unit>>, StoreError> {
    if acting.is_some() {
        return Ok(acting);
    }
    match store.patient(patient).await?.managing_unit {
        Some(unit) => Ok(Some(unit)),
        None => store.newest_care_unit(patient).await,
    }
}
