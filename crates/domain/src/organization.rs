//! Organisations (a hospital, a municipality) and their units (a department, a
//! response centre). Clinicians belong to units; enrollments belong to a unit's program.

use crate::Id;

/// What kind of organisation runs units on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    Hospital,
    Municipality,
}

/// A legal organisation: a hospital trust or a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub id: Id<Organization>,
    pub name: String,
    pub kind: OrganizationKind,
}

/// What a unit does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Department,
    ResponseCentre,
}

/// A unit within an organisation: the care team patients are enrolled with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: Id<Unit>,
    pub organization_id: Id<Organization>,
    pub name: String,
    pub kind: UnitKind,
}

/// A unit's contacts: where its escalated alerts and message notices go (staff), and the
/// number patients call with when it is answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitContacts {
    pub alert_email: Option<String>,
    pub alert_mobile: Option<String>,
    pub phone: Option<String>,
    pub hours: Option<String>,
    /// The unit's HER-id, where its letters to GPs are sent from.
    pub her_id: Option<crate::letter::HerId>,
}

/// Which typed contact is not one (worded by the admin page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactProblem {
    Email,
    Mobile,
    Phone,
    /// Opening hours longer than [`UnitContacts::HOURS_MAX`] characters.
    HoursTooLong,
    HerId,
}

impl UnitContacts {
    pub const HOURS_MAX: usize = 200;

    /// The contacts as typed, each checked for form; an empty field is none. The first
    /// problem in the form's order otherwise.
    pub fn from_typed(
        email: &str,
        mobile: &str,
        phone: &str,
        hours: &str,
        her_id: &str,
    ) -> Result<Self, ContactProblem> {
        use crate::patient::{email_address, mobile_number};
        let check = |value: &str, valid: fn(&str) -> Option<String>, problem| {
            let value = value.trim();
            if value.is_empty() {
                Ok(None)
            } else {
                valid(value).map(Some).ok_or(problem)
            }
        };
        let alert_email = check(email, email_address, ContactProblem::Email)?;
        let alert_mobile = check(mobile, mobile_number, ContactProblem::Mobile)?;
        let phone = check(phone, mobile_number, ContactProblem::Phone)?;
        let hours = crate::text::one_line(hours.trim());
        if hours.chars().count() > Self::HOURS_MAX {
            return Err(ContactProblem::HoursTooLong);
        }
        let her_id = match her_id.trim() {
            "" => None,
            typed => Some(crate::letter::HerId::parse(typed).map_err(|_| ContactProblem::HerId)?),
        };
        Ok(Self {
            alert_email,
            alert_mobile,
            phone,
            hours: (!hours.is_empty()).then_some(hours),
            her_id,
        })
    }
}

/// Whether a unit runs a program (a place running it, decision 0054).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlaceStatus {
    /// It will start (on its start day, when known).
    Planned,
    #[default]
    Running,
    /// Not taking new patients for now.
    Paused,
    /// No longer run; its patients' records stay.
    Ended,
}

impl PlaceStatus {
    pub const ALL: [PlaceStatus; 4] = [Self::Planned, Self::Running, Self::Paused, Self::Ended];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the place is shown to the public (every status but ended).
    pub fn is_public(self) -> bool {
        self != Self::Ended
    }

    /// Whether new referrals to it are taken.
    pub fn takes_referrals(self) -> bool {
        matches!(self, Self::Running | Self::Planned)
    }
}

/// How a unit runs one program: status, start day and a contact for health professionals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceDetails {
    pub status: PlaceStatus,
    pub started_on: Option<chrono::NaiveDate>,
    /// A person, a role or an address health professionals can ask (one line).
    pub contact: Option<String>,
}

/// The longest contact.
pub const PLACE_CONTACT_MAX: usize = 200;

/// What is wrong with a place as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceProblem {
    Status,
    StartDay,
    Contact,
}

impl PlaceDetails {
    /// Reads a place as typed (status code, `YYYY-MM-DD` or empty, contact or empty).
    pub fn from_typed(status: &str, started_on: &str, contact: &str) -> Result<Self, PlaceProblem> {
        let status = PlaceStatus::parse(status).ok_or(PlaceProblem::Status)?;
        let started_on = match started_on.trim() {
            "" => None,
            d => Some(
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| PlaceProblem::StartDay)?,
            ),
        };
        let contact = crate::text::one_line(contact);
        if contact.chars().count() > PLACE_CONTACT_MAX {
            return Err(PlaceProblem::Contact);
        }
        Ok(Self {
            status,
            started_on,
            contact: Some(contact).filter(|c| !c.is_empty()),
        })
    }
}

#[cfg(test)]
mod place_tests {
    use super::*;

    #[test]
    fn a_place_is_read_as_typed_and_a_wrong_field_named() {
        let p = PlaceDetails::from_typed("planned", "2027-03-01", "  Kari   Klinisk ").unwrap();
        assert_eq!(p.status, PlaceStatus::Planned);
        assert_eq!(p.started_on, chrono::NaiveDate::from_ymd_opt(2027, 3, 1));
        assert_eq!(p.contact.as_deref(), Some("Kari Klinisk"));
        assert_eq!(
            PlaceDetails::from_typed("running", "", "").unwrap().contact,
            None
        );
        assert_eq!(
            PlaceDetails::from_typed("closed", "", ""),
            Err(PlaceProblem::Status)
        );
        assert_eq!(
            PlaceDetails::from_typed("running", "1. mars", ""),
            Err(PlaceProblem::StartDay)
        );
        assert_eq!(
            PlaceDetails::from_typed("running", "", &"x".repeat(201)),
            Err(PlaceProblem::Contact)
        );
        assert!(!PlaceStatus::Ended.is_public() && !PlaceStatus::Paused.takes_referrals());
    }
}

#[cfg(test)]
mod contact_tests {
    use super::*;

    #[test]
    fn contacts_are_checked_in_the_form_order_and_empty_is_none() {
        let ok =
            UnitContacts::from_typed(" vakt@sykehus.no ", "", "55 97 50 00", "Hverdager 8-15", "")
                .unwrap_or_default();
        assert_eq!(ok.alert_email.as_deref(), Some("vakt@sykehus.no"));
        assert_eq!(ok.alert_mobile, None);
        assert_eq!(ok.phone.as_deref(), Some("55975000"));
        assert_eq!(ok.hours.as_deref(), Some("Hverdager 8-15"));
        assert_eq!(
            UnitContacts::from_typed("ikke en adresse", "12", "", "", ""),
            Err(ContactProblem::Email)
        );
        assert_eq!(
            UnitContacts::from_typed("", "12", "", "", ""),
            Err(ContactProblem::Mobile)
        );
        assert_eq!(
            UnitContacts::from_typed("", "", "", &"x".repeat(201), ""),
            Err(ContactProblem::HoursTooLong)
        );
        assert_eq!(
            UnitContacts::from_typed("", "", "", "", ""),
            Ok(UnitContacts::default())
        );
        assert_eq!(
            UnitContacts::from_typed("", "", "", "", "12x"),
            Err(ContactProblem::HerId)
        );
    }
}
