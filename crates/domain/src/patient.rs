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
    /// The GP's HER-id: where letters to the GP are addressed (decision 0034).
    pub gp_her_id: Option<crate::letter::HerId>,
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
    /// When the stored record last changed (FHIR `meta.lastUpdated`); `None` before it is
    /// stored.
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A name's parts as sent (FHIR `HumanName`): family, given names, prefixes, its use and
/// the period it was used in. Its `Debug` shows nothing of them.
#[derive(Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct NameParts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefix: Vec<String>,
    /// FHIR's name use (`official`, `usual`, ...), one of [`NAME_USES`].
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub name_use: Option<String>,
    /// When the name was used: a FHIR date or date-time each, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_end: Option<String>,
}

/// FHIR's `HumanName.use` codes.
pub const NAME_USES: [&str; 7] = [
    "usual",
    "official",
    "temp",
    "nickname",
    "anonymous",
    "old",
    "maiden",
];

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

/// An e-mail address as kept (trimmed), or `None` when it is not one: one `@` with
/// something before it and a dot after it, no spaces, at most 254 characters.
pub fn email_address(text: &str) -> Option<String> {
    let value = text.trim();
    let parts: Vec<&str> = value.split('@').collect();
    let valid = parts.len() == 2
        && !parts[0].is_empty()
        && parts[1].contains('.')
        && !parts[1].starts_with('.')
        && !parts[1].ends_with('.')
        && value.len() <= 254
        && !value.chars().any(char::is_whitespace);
    valid.then(|| value.to_owned())
}

/// A mobile number as kept (spaces removed), or `None` when it is not one: 8 to 15
/// digits, optionally after `+` and the country code.
pub fn mobile_number(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let number = digits.strip_prefix('+').unwrap_or(&digits);
    ((8..=15).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit()))
        .then_some(digits)
}

#[cfg(test)]
mod contact_tests {
    use super::*;

    #[test]
    fn an_address_and_a_number_are_kept_as_they_are_meant_or_refused() {
        assert_eq!(
            email_address(" kari@example.no ").as_deref(),
            Some("kari@example.no")
        );
        for bad in [
            "kari",
            "kari@example",
            "@example.no",
            "ka ri@example.no",
            "a@b@c.no",
            "kari@.no",
        ] {
            assert_eq!(email_address(bad), None, "{bad}");
        }
        assert_eq!(
            mobile_number("+47 912 34 567").as_deref(),
            Some("+4791234567")
        );
        assert_eq!(mobile_number("912 34 567").as_deref(), Some("91234567"));
        for bad in ["1234567", "9123456x", "+47", "1234567890123456"] {
            assert_eq!(mobile_number(bad), None, "{bad}");
        }
    }
}
