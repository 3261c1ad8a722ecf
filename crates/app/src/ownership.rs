//! Which unit owns what is recorded about a patient (decision 0026). Records made under an
//! enrollment belong to its unit (the use cases take that from the enrollment); this is
//! the rule for the rest.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_store::{Store, StoreError};

/// The unit that owns a record the patient makes outside any enrollment: their managing
/// unit, else the unit of their newest enrollment, else of their newest referral.
pub async fn home_unit(store: &Store, patient: &Patient) -> Result<Option<Id<Unit>>, StoreError> {
    match patient.managing_unit {
        Some(unit) => Ok(Some(unit)),
        None => store.newest_care_unit(patient.id).await,
    }
}
