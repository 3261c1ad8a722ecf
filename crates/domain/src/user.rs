//! User accounts: who signs in, separate from the Patient and Practitioner records they
//! may be linked to. One account can hold several roles, each possibly tied to a unit.

use crate::Id;
use crate::organization::Unit;

/// A person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAccount {
    pub id: Id<UserAccount>,
    pub username: String,
    pub display_name: String,
}

/// What a user may do. Unit-bound roles carry the unit in [`RoleGrant`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Patient,
    Clinician,
    Coordinator,
    Author,
    Researcher,
    Admin,
    /// Owns a course (the grant names it): its offerings, evaluations and results.
    CourseOwner,
    /// Sits on a course's committee (the grant names it): approves local offerings.
    CourseCommittee,
    /// Organises a course's day on site for a unit (the grant names the unit).
    Organiser,
    /// Takes courses: a health professional who reaches no patient data.
    Participant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Patient => "patient",
            Role::Clinician => "clinician",
            Role::Coordinator => "coordinator",
            Role::Author => "author",
            Role::Researcher => "researcher",
            Role::Admin => "admin",
            Role::CourseOwner => "course_owner",
            Role::CourseCommittee => "course_committee",
            Role::Organiser => "organiser",
            Role::Participant => "participant",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::Patient,
            Role::Clinician,
            Role::Coordinator,
            Role::Author,
            Role::Researcher,
            Role::Admin,
            Role::CourseOwner,
            Role::CourseCommittee,
            Role::Organiser,
            Role::Participant,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// Whether an administrator grants the role on the staff page (the care team,
    /// authors, researchers and administrators; course roles are a course's).
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Role::Clinician | Role::Coordinator | Role::Author | Role::Researcher | Role::Admin
        )
    }

    /// Whether the role works on a unit's patients.
    pub fn is_care_team(self) -> bool {
        matches!(self, Role::Clinician | Role::Coordinator)
    }
}

/// One role held by a user, in a unit where the role is unit-bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGrant {
    pub role: Role,
    pub unit_id: Option<Id<Unit>>,
    /// The course a course owner's or committee member's grant is for.
    pub course_id: Option<Id<crate::course::Course>>,
}

/// A staff member as an administrator adds them: the account, the Practitioner record
/// (name and HPR number) and a first role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    pub username: String,
    pub display_name: String,
    pub hpr_number: Option<String>,
    pub grant: RoleGrant,
}

/// Which typed field of a staff member is not right (worded by the admin pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffProblem {
    /// 3-40 characters: lower-case letters a-z, digits, `.`, `-`, `_`.
    Username,
    /// 1-100 characters on one line.
    Name,
    /// The Health Personnel Register's number: 6-9 digits.
    HprNumber,
    /// Not a staff role (patients are not added here).
    Role,
    /// A care-team role needs the unit it works in.
    UnitMissing,
}

impl NewStaff {
    /// A staff member from what an administrator typed, each field checked.
    pub fn from_typed(
        username: &str,
        display_name: &str,
        hpr_number: &str,
        role: &str,
        unit: Option<Id<Unit>>,
    ) -> Result<Self, StaffProblem> {
        let username = username.trim().to_owned();
        let valid_username = (3..=40).contains(&username.chars().count())
            && username
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
        if !valid_username {
            return Err(StaffProblem::Username);
        }
        let display_name = crate::text::one_line(display_name.trim());
        if display_name.is_empty() || display_name.chars().count() > 100 {
            return Err(StaffProblem::Name);
        }
        let hpr_number = hpr(hpr_number)?;
        Ok(Self {
            username,
            display_name,
            hpr_number,
            grant: staff_grant(role, unit)?,
        })
    }
}

/// An HPR number as typed (spaces allowed), or none when empty.
pub fn hpr(typed: &str) -> Result<Option<String>, StaffProblem> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if (6..=9).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(digits))
    } else {
        Err(StaffProblem::HprNumber)
    }
}

/// A staff role as chosen: a care-team role in its unit, or an author, researcher or
/// administrator (not bound to a unit).
pub fn staff_grant(role: &str, unit: Option<Id<Unit>>) -> Result<RoleGrant, StaffProblem> {
    let role = Role::parse(role)
        .filter(|r| r.is_staff())
        .ok_or(StaffProblem::Role)?;
    if role.is_care_team() {
        let unit = unit.ok_or(StaffProblem::UnitMissing)?;
        Ok(RoleGrant {
            role,
            unit_id: Some(unit),
            course_id: None,
        })
    } else {
        Ok(RoleGrant {
            role,
            unit_id: None,
            course_id: None,
        })
    }
}

/// How an account is found at sign-in. Each kind is unique per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInKind {
    /// The username, on demo databases only.
    Demo,
    /// ID-porten's `pid` claim (the national identity number), stored as a keyed hash.
    IdPortenPid,
    /// HelseID's HPR-number claim.
    HelseIdHpr,
}

impl SignInKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SignInKind::Demo => "demo",
            SignInKind::IdPortenPid => "idporten_pid",
            SignInKind::HelseIdHpr => "helseid_hpr",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_staff_member_is_checked_field_by_field() {
        let unit = Id::new();
        let ok = NewStaff::from_typed(
            " ola.lege ",
            " Ola  Lege ",
            "123 456 7",
            "clinician",
            Some(unit),
        );
        assert_eq!(
            ok,
            Ok(NewStaff {
                username: "ola.lege".into(),
                display_name: "Ola Lege".into(),
                hpr_number: Some("1234567".into()),
                grant: RoleGrant {
                    role: Role::Clinician,
                    unit_id: Some(unit),
                    course_id: None,
                },
            })
        );
        let typed = |u, n, h, r, unit| NewStaff::from_typed(u, n, h, r, unit).err();
        assert_eq!(
            typed("Ola Lege", "Ola", "", "admin", None),
            Some(StaffProblem::Username)
        );
        assert_eq!(
            typed("ola", "", "", "admin", None),
            Some(StaffProblem::Name)
        );
        assert_eq!(
            typed("ola", "Ola", "12ab", "admin", None),
            Some(StaffProblem::HprNumber)
        );
        assert_eq!(
            typed("ola", "Ola", "", "patient", None),
            Some(StaffProblem::Role)
        );
        // Course roles are not granted as staff roles.
        assert_eq!(
            typed("ola", "Ola", "", "course_owner", None),
            Some(StaffProblem::Role)
        );
        assert_eq!(
            typed("ola", "Ola", "", "clinician", None),
            Some(StaffProblem::UnitMissing)
        );
        // An administrator is not bound to a unit, even when one was chosen.
        assert_eq!(
            staff_grant("admin", Some(unit)),
            Ok(RoleGrant {
                role: Role::Admin,
                unit_id: None,
                course_id: None,
            })
        );
    }
}
