//! Research (issue 16, decision 0037): projects an administrator keeps (the ethics
//! approval's reference, period, members, the programs they cover) and each patient's
//! research consent [FHIR Consent]. A researcher reaches a program's figures only through
//! an approved project that covers it and runs today, and only of consenting patients.

use chrono::{DateTime, NaiveDate, Utc};

use crate::Id;
use crate::program::Program;
use crate::user::UserAccount;

/// A research project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: Id<Project>,
    pub title: String,
    /// The ethics committee's (REK's) reference, as the approval names it.
    pub approval_ref: String,
    /// When an administrator recorded the approval; none while it waits.
    pub approved_at: Option<DateTime<Utc>>,
    /// The period the approval covers (both days included).
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub members: Vec<Id<UserAccount>>,
    pub programs: Vec<Id<Program>>,
    pub version: i64,
}

impl Project {
    /// Whether its members may see figures and export on `today`: approved, and within
    /// its period.
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.approved_at.is_some() && self.starts_on <= today && today <= self.ends_on
    }

    /// Whether `user` may use it for `program` on `today`.
    pub fn covers(&self, user: Id<UserAccount>, program: Id<Program>, today: NaiveDate) -> bool {
        self.is_open(today) && self.members.contains(&user) && self.programs.contains(&program)
    }
}

/// Why a project cannot be kept as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProjectProblem {
    #[error("a project needs a title")]
    NoTitle,
    #[error("a project needs the reference of its approval")]
    NoApproval,
    #[error("a project's period ends before it starts")]
    EndsBeforeStart,
}

impl ProjectProblem {
    /// Checks what a person typed for a project.
    pub fn check(
        title: &str,
        approval_ref: &str,
        starts_on: NaiveDate,
        ends_on: NaiveDate,
    ) -> Result<(), Self> {
        if title.trim().is_empty() {
            Err(Self::NoTitle)
        } else if approval_ref.trim().is_empty() {
            Err(Self::NoApproval)
        } else if ends_on < starts_on {
            Err(Self::EndsBeforeStart)
        } else {
            Ok(())
        }
    }
}

/// A patient's research consent: given (`active`) or withdrawn (`inactive`), as FHIR
/// `Consent.status` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentStatus {
    Active,
    Inactive,
}

impl ConsentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::Inactive]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// A patient's latest research consent decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub status: ConsentStatus,
    pub decided_at: DateTime<Utc>,
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_project_opens_only_when_approved_and_within_its_period() {
        let user = Id::new();
        let program = Id::new();
        let mut p = Project {
            id: Id::new(),
            title: "Mage-tarmskolen 2020-2026".into(),
            approval_ref: "REK 123456".into(),
            approved_at: None,
            starts_on: day("2026-01-01"),
            ends_on: day("2027-12-31"),
            members: vec![user],
            programs: vec![program],
            version: 1,
        };
        assert!(!p.covers(user, program, day("2026-12-05")), "not approved");
        p.approved_at = Some(Utc::now());
        assert!(p.covers(user, program, day("2026-12-05")));
        assert!(p.covers(user, program, day("2027-12-31")), "its last day");
        assert!(!p.covers(user, program, day("2028-01-01")), "ended");
        assert!(
            !p.covers(Id::new(), program, day("2026-12-05")),
            "not a member"
        );
        assert!(
            !p.covers(user, Id::new(), day("2026-12-05")),
            "another program"
        );
    }

    #[test]
    fn a_project_needs_a_title_an_approval_and_a_period() {
        let (a, b) = (day("2026-01-01"), day("2026-12-31"));
        assert_eq!(
            ProjectProblem::check(" ", "REK 1", a, b),
            Err(ProjectProblem::NoTitle)
        );
        assert_eq!(
            ProjectProblem::check("T", "", a, b),
            Err(ProjectProblem::NoApproval)
        );
        assert_eq!(
            ProjectProblem::check("T", "REK 1", b, a),
            Err(ProjectProblem::EndsBeforeStart)
        );
        assert_eq!(ProjectProblem::check("T", "REK 1", a, b), Ok(()));
    }
}

/// The resource types a research export holds, in the order they are written.
pub const EXPORT_TYPES: [&str; 4] = ["Patient", "Task", "QuestionnaireResponse", "Observation"];

/// Where a research export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStatus {
    InProgress,
    Completed,
    Failed,
}

impl ExportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InProgress => "in-progress",
            Self::Completed => "completed",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::InProgress, Self::Completed, Self::Failed]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// A FHIR Bulk Data export asked for by a project's researcher (decision 0038).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub id: Id<Export>,
    pub project: Id<Project>,
    pub requested_by: Id<UserAccount>,
    /// The kick-off request as asked (the manifest repeats it).
    pub request: String,
    /// The resource types asked for (from [`EXPORT_TYPES`]).
    pub types: Vec<String>,
    /// Only what changed from then (`_since`).
    pub since: Option<DateTime<Utc>>,
    pub status: ExportStatus,
    pub requested_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// When its files are deleted.
    pub expires_at: DateTime<Utc>,
    /// Why it failed (no patient data).
    pub error: Option<String>,
}

/// One NDJSON file of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub seq: i64,
    pub kind: String,
    pub count: i64,
}
