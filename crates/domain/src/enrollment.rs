//! Enrollments [CarePlan]: a patient in a unit's program version, from invitation through
//! terms, screening and an exception decision to the modules, and the rules for which
//! modules the patient sees and how far they have come.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use crate::Id;
use crate::eligibility::ScreeningOutcome;
use crate::organization::Unit;
use crate::patient::Patient;
use crate::program::{ModuleKind, ProgramDefinition, ProgramVersion};

/// Where an enrollment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentStatus {
    /// Enrolled by the care team; the patient has not finished terms and screening.
    Invited,
    /// 16-17 years old; a clinician decides.
    AwaitingException,
    /// Screening or the exception decision said no.
    Ineligible,
    /// Following the program.
    Active,
    Finished,
    Withdrawn,
}

impl EnrollmentStatus {
    /// Whether the program's questionnaire schedule runs: only while the patient follows
    /// the program.
    pub fn runs_schedule(self) -> bool {
        self == Self::Active
    }

    /// The statuses of an enrollment still under way: a second one in the same program is
    /// refused, and the patient's records are kept whatever the retention.
    pub const OPEN: [EnrollmentStatus; 3] = [Self::Invited, Self::AwaitingException, Self::Active];

    pub const ALL: [EnrollmentStatus; 6] = [
        Self::Invited,
        Self::AwaitingException,
        Self::Ineligible,
        Self::Active,
        Self::Finished,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::AwaitingException => "awaiting_exception",
            Self::Ineligible => "ineligible",
            Self::Active => "active",
            Self::Finished => "finished",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A business rule said no.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnrollmentError {
    #[error("this step is not possible while the enrollment is {0}")]
    WrongState(&'static str),
    #[error("the treatment terms must be accepted first")]
    TermsNotAccepted,
    #[error("the program has no module `{0}`")]
    UnknownModule(String),
    #[error("module `{0}` is a core module and cannot be chosen or left out")]
    NotOptional(String),
}

/// A patient's enrollment in one version of a program, with a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    pub id: Id<Enrollment>,
    pub patient_id: Id<Patient>,
    pub unit_id: Id<Unit>,
    pub program_version_id: Id<ProgramVersion>,
    pub status: EnrollmentStatus,
    pub enrolled_at: DateTime<Utc>,
    pub terms_accepted_at: Option<DateTime<Utc>>,
    pub screened_at: Option<DateTime<Utc>>,
    /// The outcome of screening, as [`ScreeningOutcome::code`].
    pub screening_outcome: Option<String>,
    /// When the program started for the patient (screening passed).
    pub started_at: Option<DateTime<Utc>>,
    pub chosen_modules: BTreeSet<String>,
    /// Set while the care team has paused an active enrollment: no tasks, reminders or
    /// alerts until it is resumed.
    pub paused_at: Option<DateTime<Utc>>,
    /// Incremented by every change; the record's version for history and ETags.
    pub version: i64,
}

/// The next thing the patient has to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatientStep {
    AcceptTerms,
    Screening,
    AwaitingException,
    Stopped,
    Baseline,
    Modules,
    Finished,
}

impl Enrollment {
    /// A new enrollment made by the care team.
    pub fn new(
        patient_id: Id<Patient>,
        unit_id: Id<Unit>,
        program_version_id: Id<ProgramVersion>,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id: Id::new(),
            patient_id,
            unit_id,
            program_version_id,
            status: EnrollmentStatus::Invited,
            enrolled_at: now,
            terms_accepted_at: None,
            screened_at: None,
            screening_outcome: None,
            started_at: None,
            chosen_modules: BTreeSet::new(),
            paused_at: None,
            version: 1,
        }
    }

    /// Whether its schedule runs now: active and not paused.
    pub fn runs_schedule(&self) -> bool {
        self.status.runs_schedule() && self.paused_at.is_none()
    }

    /// Puts an active enrollment on pause: its pending tasks are cancelled and nothing
    /// new is asked of the patient until it is resumed.
    pub fn pause(&mut self, now: DateTime<Utc>) -> Result<(), EnrollmentError> {
        self.require(EnrollmentStatus::Active)?;
        if self.paused_at.is_some() {
            return Err(EnrollmentError::WrongState("paused"));
        }
        self.paused_at = Some(now);
        self.version += 1;
        Ok(())
    }

    /// Resumes a paused enrollment: the schedule goes on; what fell due during the pause
    /// is asked for only if it can still be answered (its window is open).
    pub fn resume(&mut self) -> Result<(), EnrollmentError> {
        self.require(EnrollmentStatus::Active)?;
        if self.paused_at.is_none() {
            return Err(EnrollmentError::WrongState("active"));
        }
        self.paused_at = None;
        self.version += 1;
        Ok(())
    }

    pub fn accept_terms(&mut self, now: DateTime<Utc>) -> Result<(), EnrollmentError> {
        self.require(EnrollmentStatus::Invited)?;
        if self.terms_accepted_at.is_none() {
            self.terms_accepted_at = Some(now);
            self.version += 1;
        }
        Ok(())
    }

    pub fn record_screening(
        &mut self,
        outcome: &ScreeningOutcome,
        now: DateTime<Utc>,
    ) -> Result<(), EnrollmentError> {
        self.require(EnrollmentStatus::Invited)?;
        if self.terms_accepted_at.is_none() {
            return Err(EnrollmentError::TermsNotAccepted);
        }
        self.screened_at = Some(now);
        self.screening_outcome = Some(outcome.code());
        self.status = match outcome {
            ScreeningOutcome::Eligible => {
                self.started_at = Some(now);
                EnrollmentStatus::Active
            }
            ScreeningOutcome::NeedsException { .. } => EnrollmentStatus::AwaitingException,
            ScreeningOutcome::TooYoung { .. } | ScreeningOutcome::Excluded { .. } => {
                EnrollmentStatus::Ineligible
            }
        };
        self.version += 1;
        Ok(())
    }

    /// A clinician's decision on a 16-17-year-old.
    pub fn decide_exception(
        &mut self,
        approve: bool,
        now: DateTime<Utc>,
    ) -> Result<(), EnrollmentError> {
        self.require(EnrollmentStatus::AwaitingException)?;
        if approve {
            self.status = EnrollmentStatus::Active;
            self.started_at = Some(now);
        } else {
            self.status = EnrollmentStatus::Ineligible;
        }
        self.version += 1;
        Ok(())
    }

    /// Ends the program for a patient who has been through it.
    pub fn finish(&mut self) -> Result<(), EnrollmentError> {
        self.require(EnrollmentStatus::Active)?;
        self.status = EnrollmentStatus::Finished;
        self.version += 1;
        Ok(())
    }

    /// The patient leaves the program before its end (or the care team ends it); its
    /// schedule stops.
    pub fn withdraw(&mut self) -> Result<(), EnrollmentError> {
        if !EnrollmentStatus::OPEN.contains(&self.status) {
            return Err(EnrollmentError::WrongState(self.status.as_str()));
        }
        self.status = EnrollmentStatus::Withdrawn;
        self.version += 1;
        Ok(())
    }

    /// Sets which optional modules the patient follows (replacing the earlier choice).
    pub fn choose_optional_modules(
        &mut self,
        definition: &ProgramDefinition,
        keys: &[String],
    ) -> Result<(), EnrollmentError> {
        self.require(EnrollmentStatus::Active)?;
        let mut chosen = BTreeSet::new();
        for key in keys {
            let module = definition
                .module(key)
                .ok_or_else(|| EnrollmentError::UnknownModule(key.clone()))?;
            if module.kind != ModuleKind::Optional {
                return Err(EnrollmentError::NotOptional(key.clone()));
            }
            chosen.insert(key.clone());
        }
        if chosen != self.chosen_modules {
            self.chosen_modules = chosen;
            self.version += 1;
        }
        Ok(())
    }

    /// What the patient should do next, given whether the gate questionnaire is answered.
    pub fn next_step(&self, gate_answered: bool) -> PatientStep {
        match self.status {
            EnrollmentStatus::Invited if self.terms_accepted_at.is_none() => {
                PatientStep::AcceptTerms
            }
            EnrollmentStatus::Invited => PatientStep::Screening,
            EnrollmentStatus::AwaitingException => PatientStep::AwaitingException,
            EnrollmentStatus::Ineligible | EnrollmentStatus::Withdrawn => PatientStep::Stopped,
            EnrollmentStatus::Active if !gate_answered => PatientStep::Baseline,
            EnrollmentStatus::Active => PatientStep::Modules,
            EnrollmentStatus::Finished => PatientStep::Finished,
        }
    }

    /// Whether the module pages are open to the patient.
    pub fn modules_open(&self, gate_answered: bool) -> bool {
        matches!(
            self.next_step(gate_answered),
            PatientStep::Modules | PatientStep::Finished
        )
    }

    /// Core modules and the chosen optional ones, in program order.
    pub fn visible_modules<'d>(
        &self,
        definition: &'d ProgramDefinition,
    ) -> impl Iterator<Item = &'d crate::program::ModuleDefinition> {
        let chosen = self.chosen_modules.clone();
        definition
            .modules
            .iter()
            .filter(move |m| m.kind == ModuleKind::Core || chosen.contains(&m.key))
    }

    fn require(&self, status: EnrollmentStatus) -> Result<(), EnrollmentError> {
        if self.status == status {
            Ok(())
        } else {
            Err(EnrollmentError::WrongState(self.status.as_str()))
        }
    }
}

/// `read` out of `total` as a whole percentage, at most 100 (0 when there is nothing).
pub fn percent_of(read: usize, total: usize) -> u32 {
    ((read.min(total) * 100).checked_div(total).unwrap_or(0)) as u32
}

/// Pages read, per module, as `(module key, page key)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub read: BTreeSet<(String, String)>,
    /// The page the patient last saved, to resume there.
    pub last_page: Option<(String, String)>,
}

impl Progress {
    /// Pages read and pages in total in one module.
    pub fn module_counts(&self, module: &crate::program::ModuleDefinition) -> (usize, usize) {
        let read = module
            .pages
            .iter()
            .filter(|p| self.read.contains(&(module.key.clone(), p.key.clone())))
            .count();
        (read, module.pages.len())
    }

    /// Percentage of the visible modules' pages read, rounded down.
    pub fn percent(&self, enrollment: &Enrollment, definition: &ProgramDefinition) -> u32 {
        let (read, total) = enrollment
            .visible_modules(definition)
            .map(|m| self.module_counts(m))
            .fold((0, 0), |(r, t), (mr, mt)| (r + mr, t + mt));
        percent_of(read, total)
    }

    /// Where to resume: the first unread page after the last page saved, in the order of
    /// the visible modules (wrapping to the start), or `None` when everything is read.
    pub fn resume_point(
        &self,
        enrollment: &Enrollment,
        definition: &ProgramDefinition,
    ) -> Option<(String, String)> {
        let order: Vec<(String, String)> = enrollment
            .visible_modules(definition)
            .flat_map(|m| m.pages.iter().map(|p| (m.key.clone(), p.key.clone())))
            .collect();
        let start = self
            .last_page
            .as_ref()
            .and_then(|last| order.iter().position(|p| p == last))
            .map_or(0, |i| i + 1);
        order
            .iter()
            .cycle()
            .skip(start)
            .take(order.len())
            .find(|p| !self.read.contains(*p))
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LocalizedText;
    use crate::eligibility::EligibilityRules;
    use crate::program::{ModuleDefinition, PageDefinition};

    fn definition() -> ProgramDefinition {
        let module = |key: &str, kind| ModuleDefinition {
            key: key.into(),
            title: LocalizedText::nb(key),
            summary: LocalizedText::nb(""),
            kind,
            pages: vec![
                PageDefinition {
                    key: "a".into(),
                    title: LocalizedText::nb("A"),
                    body: LocalizedText::nb("x"),
                    video: None,
                    audio: None,
                },
                PageDefinition {
                    key: "b".into(),
                    title: LocalizedText::nb("B"),
                    body: LocalizedText::nb("y"),
                    video: None,
                    audio: None,
                },
            ],
        };
        ProgramDefinition {
            key: "p".into(),
            version_label: "1".into(),
            title: LocalizedText::nb("P"),
            summary: LocalizedText::nb(""),
            duration_months: 6,
            terms: LocalizedText::nb("Vilkår"),
            eligibility: EligibilityRules {
                min_age: 18,
                exception_min_age: Some(16),
                too_young_message: LocalizedText::nb(""),
                exception_message: LocalizedText::nb(""),
                exclusion_questions: vec![],
            },
            modules: vec![
                module("core1", ModuleKind::Core),
                module("opt4", ModuleKind::Optional),
            ],
            schedule: vec![],
            measurements: vec![],
            thresholds: vec![],
            escalation: Default::default(),
            missing_data: vec![],
            score_rules: vec![],
            trend_rules: vec![],
            start: Default::default(),
            messaging: Default::default(),
            letters: Vec::new(),
            group_courses: None,
            public: Default::default(),
        }
    }

    fn enrollment() -> Enrollment {
        Enrollment::new(Id::new(), Id::new(), Id::new(), Utc::now())
    }

    #[test]
    fn the_patient_walks_terms_screening_baseline_then_modules() {
        let mut e = enrollment();
        assert_eq!(e.next_step(false), PatientStep::AcceptTerms);
        assert_eq!(
            e.record_screening(&ScreeningOutcome::Eligible, Utc::now()),
            Err(EnrollmentError::TermsNotAccepted)
        );
        e.accept_terms(Utc::now()).unwrap();
        assert_eq!(e.next_step(false), PatientStep::Screening);
        e.record_screening(&ScreeningOutcome::Eligible, Utc::now())
            .unwrap();
        assert_eq!(e.next_step(false), PatientStep::Baseline);
        assert!(!e.modules_open(false));
        assert!(e.modules_open(true));
        // Paused: no schedule until resumed; only once each way.
        e.pause(Utc::now()).unwrap();
        assert!(!e.runs_schedule());
        assert!(e.pause(Utc::now()).is_err());
        e.resume().unwrap();
        assert!(e.runs_schedule());
        assert!(e.resume().is_err());
    }

    #[test]
    fn a_minor_waits_for_the_exception_decision() {
        let mut e = enrollment();
        e.accept_terms(Utc::now()).unwrap();
        e.record_screening(&ScreeningOutcome::NeedsException { age: 17 }, Utc::now())
            .unwrap();
        assert_eq!(e.next_step(true), PatientStep::AwaitingException);
        assert!(!e.modules_open(true));
        e.decide_exception(true, Utc::now()).unwrap();
        assert_eq!(e.status, EnrollmentStatus::Active);
        assert!(
            e.decide_exception(true, Utc::now()).is_err(),
            "decided only once"
        );
    }

    #[test]
    fn only_optional_modules_can_be_chosen_and_they_become_visible() {
        let def = definition();
        let mut e = enrollment();
        e.accept_terms(Utc::now()).unwrap();
        e.record_screening(&ScreeningOutcome::Eligible, Utc::now())
            .unwrap();
        assert_eq!(e.visible_modules(&def).count(), 1);
        assert_eq!(
            e.choose_optional_modules(&def, &["core1".into()]),
            Err(EnrollmentError::NotOptional("core1".into()))
        );
        assert!(e.choose_optional_modules(&def, &["nope".into()]).is_err());
        e.choose_optional_modules(&def, &["opt4".into()]).unwrap();
        assert_eq!(e.visible_modules(&def).count(), 2);
    }

    #[test]
    fn percentages_are_whole_capped_and_zero_for_nothing() {
        assert_eq!(percent_of(1, 3), 33);
        assert_eq!(percent_of(3, 3), 100);
        assert_eq!(
            percent_of(5, 3),
            100,
            "pages of a deselected module do not go past 100"
        );
        assert_eq!(percent_of(0, 0), 0);
        let def = definition();
        assert_eq!(def.visible_page_count(&Default::default()), 2);
        assert_eq!(def.visible_page_count(&["opt4".to_owned()].into()), 4);
    }

    #[test]
    fn progress_counts_visible_pages_and_resumes_at_the_first_unread() {
        let def = definition();
        let mut e = enrollment();
        e.accept_terms(Utc::now()).unwrap();
        e.record_screening(&ScreeningOutcome::Eligible, Utc::now())
            .unwrap();
        let mut p = Progress::default();
        assert_eq!(p.resume_point(&e, &def), Some(("core1".into(), "a".into())));
        p.read.insert(("core1".into(), "a".into()));
        assert_eq!(p.percent(&e, &def), 50);
        assert_eq!(p.resume_point(&e, &def), Some(("core1".into(), "b".into())));
        // Saved b after skipping a: resume wraps around to the unread a.
        p.read = [("core1".into(), "b".into())].into();
        p.last_page = Some(("core1".into(), "b".into()));
        assert_eq!(p.resume_point(&e, &def), Some(("core1".into(), "a".into())));
        p.read.insert(("core1".into(), "a".into()));
        assert_eq!(p.resume_point(&e, &def), None);
    }
}
