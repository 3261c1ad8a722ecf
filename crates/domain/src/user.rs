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
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
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
