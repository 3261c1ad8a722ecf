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
    /// The parts of the name as they were sent (FHIR `HumanName`), so a client reads back
    /// what it wrote; `name` is the name as shown.
    pub name_parts: NameParts,
    pub gender: Option<Gender>,
}

/// A name's family name and given names, as sent. Its `Debug` shows nothing of them.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct NameParts {
    pub family: Option<String>,
    pub given: Vec<String>,
}

impl std::fmt::Debug for NameParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NameParts(..)")
    }
}

/// Administrative gender, as FHIR codes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Other,
    Unknown,
}

impl Gender {
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Other => "other",
            Gender::Unknown => "unknown",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Gender::Male, Gender::Female, Gender::Other, Gender::Unknown]
            .into_iter()
            .find(|g| g.code() == code)
    }
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
