//! The access log: who did what to which patient's data, when and why. Every read and
//! write of patient data records one event (Normen, "Logging og innsyn i logg").

use crate::Id;
use crate::organization::Unit;
use crate::patient::Patient;
use crate::user::{Role, UserAccount};

/// What was done.
/// The reason recorded with a care team member's refused attempt to read another unit's
/// record of a patient (decision 0026): a code, shown in words by the pages.
pub const REFUSED_OTHER_UNIT: &str = "refused: another unit's record";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Read,
    Create,
    Update,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Read => "read",
            AuditAction::Create => "create",
            AuditAction::Update => "update",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Read, Self::Create, Self::Update]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// One access to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub actor: Id<UserAccount>,
    pub role: Role,
    /// The unit the actor acted for, when acting as part of a care team.
    pub unit: Option<Id<Unit>>,
    pub patient: Option<Id<Patient>>,
    pub action: AuditAction,
    /// FHIR resource type, e.g. `Patient`, `CarePlan`, `QuestionnaireResponse`.
    pub resource_type: &'static str,
    pub resource_id: String,
    /// Why, for emergency access.
    pub reason: Option<String>,
    /// The sign-in session or API token the request came with, as a reference (never
    /// the secret itself).
    pub session: Option<String>,
}

/// An event as stored, read back: for the patient's "who has looked at my data", the
/// administrators' FHIR `AuditEvent`s and the review report.
#[derive(Clone, PartialEq, Eq)]
pub struct RecordedEvent {
    /// `<chain>-<seq>`: unique and stable.
    pub id: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    pub actor_name: String,
    pub role: String,
    pub unit: Option<String>,
    pub unit_name: Option<String>,
    pub patient: Option<String>,
    pub action: AuditAction,
    pub resource_type: String,
    pub resource_id: String,
    pub reason: Option<String>,
    pub session: Option<String>,
}

impl std::fmt::Debug for RecordedEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The reason of an emergency access can describe the patient's condition.
        f.debug_struct("RecordedEvent")
            .field("id", &self.id)
            .field("action", &self.action)
            .field("resource_type", &self.resource_type)
            .finish_non_exhaustive()
    }
}
