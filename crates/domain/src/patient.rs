//! Patients: the clinical record of a person, separate from their user account.

use chrono::NaiveDate;

use crate::organization::Unit;
use crate::user::UserAccount;
use crate::{Id, NationalIdNumber};

/// A patient. Its `Debug` output shows ids only.
#[derive(Clone, PartialEq, Eq)]
pub struct Patient {
    pub id: Id<Patient>,
    pub nin: NationalIdNumber,
    pub name: String,
    pub birth_date: NaiveDate,
    /// The account the patient signs in with, once they have one.
    pub user_id: Option<Id<UserAccount>>,
    /// The patient's GP, as free text until the GP register is connected.
    pub gp_name: Option<String>,
    /// The unit that registered the patient directly (FHIR `managingOrganization`), if
    /// any; referrals and enrollments bring patients to units too.
    pub managing_unit: Option<Id<Unit>>,
    /// Counts the stored changes, for optimistic concurrency (FHIR `meta.versionId`).
    pub version: i64,
    /// Where reminders go (FHIR `telecom`): an e-mail address and a mobile number.
    pub email: Option<String>,
    pub mobile: Option<String>,
}

impl std::fmt::Debug for Patient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Patient")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .field("managing_unit", &self.managing_unit)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}
