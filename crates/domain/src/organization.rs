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
