//! The dissemination plan (issue 18, item 3; decision 0050): per service (a unit) and year,
//! measures with their means, sub-goal, period, who is responsible, status, and the figure
//! of the dissemination statistics that shows progress. Each year has a plan of its own;
//! next year's starts as a copy of this year's, and earlier years' are kept as they were.

use chrono::{DateTime, Utc};

use crate::Id;
use crate::organization::Unit;
use crate::user::UserAccount;

/// Where a measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureStatus {
    Planned,
    Ongoing,
    Done,
    Dropped,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 4] = [Self::Planned, Self::Ongoing, Self::Done, Self::Dropped];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Ongoing => "ongoing",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The figure of the dissemination statistics that shows a measure's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Indicator {
    Referrals,
    GpShare,
    Started,
    Enquiries,
    CourseParticipants,
    Visits,
}

impl Indicator {
    pub const ALL: [Indicator; 6] = [
        Self::Referrals,
        Self::GpShare,
        Self::Started,
        Self::Enquiries,
        Self::CourseParticipants,
        Self::Visits,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Referrals => "referrals",
            Self::GpShare => "gp-share",
            Self::Started => "started",
            Self::Enquiries => "enquiries",
            Self::CourseParticipants => "course-participants",
            Self::Visits => "visits",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A measure as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeasureText {
    /// What is done ("Kurs for fastleger i Vestland").
    pub measure: String,
    /// By what means ("e-læring og kursdag").
    pub means: String,
    /// The sub-goal it serves ("Flere henvisninger fra fastleger").
    pub sub_goal: String,
    /// When ("1. halvår").
    pub period: String,
    pub responsible: String,
}

/// The longest text of a field.
pub const TEXT_MAX: usize = 300;

/// What is wrong with a measure as typed (all at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureProblem {
    Measure,
    Means,
    SubGoal,
    Period,
    Responsible,
}

/// The measure checked and trimmed: what is done is required, the rest optional; none
/// longer than [`TEXT_MAX`].
pub fn check(m: &MeasureText) -> Result<MeasureText, Vec<MeasureProblem>> {
    let t = MeasureText {
        measure: m.measure.trim().to_owned(),
        means: m.means.trim().to_owned(),
        sub_goal: m.sub_goal.trim().to_owned(),
        period: m.period.trim().to_owned(),
        responsible: m.responsible.trim().to_owned(),
    };
    let long = |s: &str| s.chars().count() > TEXT_MAX;
    let mut problems = Vec::new();
    if t.measure.is_empty() || long(&t.measure) {
        problems.push(MeasureProblem::Measure);
    }
    for (text, problem) in [
        (&t.means, MeasureProblem::Means),
        (&t.sub_goal, MeasureProblem::SubGoal),
        (&t.period, MeasureProblem::Period),
        (&t.responsible, MeasureProblem::Responsible),
    ] {
        if long(text) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(t)
    } else {
        Err(problems)
    }
}

/// A measure of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub id: Id<Measure>,
    pub text: MeasureText,
    pub status: MeasureStatus,
    pub indicator: Option<Indicator>,
}

/// A unit's plan for a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub unit_id: Id<Unit>,
    pub year: i32,
    pub measures: Vec<Measure>,
    pub created_by: Id<UserAccount>,
    pub created_at: DateTime<Utc>,
}

/// The years a plan may be made for at `today`: from ten years back to next year.
pub fn may_plan(year: i32, today: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    (today.year() - 10..=today.year() + 1).contains(&year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measure_needs_what_is_done_and_nothing_too_long() {
        let ok = check(&MeasureText {
            measure: " Kurs for fastleger ".into(),
            ..MeasureText::default()
        })
        .expect("valid");
        assert_eq!(ok.measure, "Kurs for fastleger");
        assert_eq!(
            check(&MeasureText {
                means: "x".repeat(TEXT_MAX + 1),
                ..MeasureText::default()
            }),
            Err(vec![MeasureProblem::Measure, MeasureProblem::Means])
        );
        for s in MeasureStatus::ALL {
            assert_eq!(MeasureStatus::parse(s.as_str()), Some(s));
        }
        for i in Indicator::ALL {
            assert_eq!(Indicator::parse(i.as_str()), Some(i));
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert!(may_plan(2027, today) && may_plan(2016, today));
        assert!(!may_plan(2028, today) && !may_plan(2015, today));
    }
}
