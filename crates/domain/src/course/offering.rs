//! A course's day on site, run locally (decision 0040): a local organiser proposes it
//! (date, place, capacity, registration deadline, the local speakers); the course
//! committee approves it, asks for changes or refuses it, each with a comment. Only an
//! approved offering takes registrations, until its deadline: a place while there is
//! one, then the waiting list in the order people registered.

use chrono::NaiveDate;

/// Where an offering stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferingStatus {
    /// Waiting for the committee.
    Proposed,
    /// The committee asked the organiser to change it; proposing again sends it back.
    ChangesRequested,
    /// Open for registration (until its deadline).
    Approved,
    Refused,
    Cancelled,
}

impl OfferingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::ChangesRequested => "changes-requested",
            Self::Approved => "approved",
            Self::Refused => "refused",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Proposed,
            Self::ChangesRequested,
            Self::Approved,
            Self::Refused,
            Self::Cancelled,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// What someone does to an offering, as its history keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferingStep {
    /// The organiser proposes it again after a request for changes.
    Propose,
    Approve,
    AskForChanges,
    Refuse,
    /// The organiser or the course owner calls it off.
    Cancel,
}

impl OfferingStep {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Propose => "propose",
            Self::Approve => "approve",
            Self::AskForChanges => "ask-for-changes",
            Self::Refuse => "refuse",
            Self::Cancel => "cancel",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Propose,
            Self::Approve,
            Self::AskForChanges,
            Self::Refuse,
            Self::Cancel,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    /// Whether the step is the committee's decision (which always carries a comment).
    pub fn is_decision(self) -> bool {
        matches!(self, Self::Approve | Self::AskForChanges | Self::Refuse)
    }
}

/// How many may take part in one offering.
pub const CAPACITY: std::ops::RangeInclusive<u32> = 1..=500;
/// The longest place or speaker's name.
pub const TEXT_MAX: usize = 200;
/// The longest comment.
pub const COMMENT_MAX: usize = 2000;

/// Why a proposal or a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferingProblem {
    /// The day is not after today.
    Date,
    /// The registration deadline is before today or after the day.
    Deadline,
    /// The capacity is outside [`CAPACITY`].
    Capacity,
    /// The place is empty or too long.
    Place,
    /// A speaker's name is too long.
    Speaker,
    /// A committee decision has no comment, or the comment is too long.
    Comment,
    /// The step cannot be taken from where the offering stands.
    Step,
}

/// An offering as the organiser typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub date: NaiveDate,
    pub place: String,
    pub capacity: u32,
    pub deadline: NaiveDate,
    /// The local speaker for each session of the day's agenda that has one (session key,
    /// name).
    pub speakers: Vec<(String, String)>,
}

/// An offering as kept: what was proposed, where it stands, and its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offering {
    pub id: crate::Id<Offering>,
    pub course_id: crate::Id<super::Course>,
    /// The day part of the course it runs.
    pub part_key: String,
    /// The organiser's unit, which runs it.
    pub unit_id: crate::Id<crate::organization::Unit>,
    pub proposal: Proposal,
    pub status: OfferingStatus,
    pub proposed_by: crate::Id<crate::user::UserAccount>,
    pub version: i64,
    pub history: Vec<StepTaken>,
}

/// A step in an offering's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTaken {
    pub step: OfferingStep,
    pub by: crate::Id<crate::user::UserAccount>,
    pub comment: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Checks a proposal made on `today`.
pub fn check_proposal(p: &Proposal, today: NaiveDate) -> Result<(), OfferingProblem> {
    if p.date <= today {
        return Err(OfferingProblem::Date);
    }
    if p.deadline < today || p.deadline > p.date {
        return Err(OfferingProblem::Deadline);
    }
    if !CAPACITY.contains(&p.capacity) {
        return Err(OfferingProblem::Capacity);
    }
    let place = p.place.trim();
    if place.is_empty() || place.chars().count() > TEXT_MAX {
        return Err(OfferingProblem::Place);
    }
    if p.speakers
        .iter()
        .any(|(_, name)| name.trim().chars().count() > TEXT_MAX)
    {
        return Err(OfferingProblem::Speaker);
    }
    Ok(())
}

/// Where an offering at `status` stands after `step` with `comment`.
pub fn next(
    status: OfferingStatus,
    step: OfferingStep,
    comment: &str,
) -> Result<OfferingStatus, OfferingProblem> {
    use OfferingStatus as S;
    use OfferingStep as T;
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX || (step.is_decision() && comment.is_empty()) {
        return Err(OfferingProblem::Comment);
    }
    match (status, step) {
        (S::ChangesRequested, T::Propose) => Ok(S::Proposed),
        (S::Proposed, T::Approve) => Ok(S::Approved),
        (S::Proposed, T::AskForChanges) => Ok(S::ChangesRequested),
        (S::Proposed, T::Refuse) => Ok(S::Refused),
        (S::Proposed | S::ChangesRequested | S::Approved, T::Cancel) => Ok(S::Cancelled),
        _ => Err(OfferingProblem::Step),
    }
}

/// What a registration gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Place,
    /// On the waiting list, after those already on it.
    Waiting,
}

/// Why an offering takes no registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationClosed {
    /// It is not approved (or no longer: refused, cancelled).
    NotApproved,
    /// Its registration deadline has passed.
    DeadlinePassed,
}

/// What a registration on `today` gets, with `taken` of `capacity` places taken.
pub fn seat(
    status: OfferingStatus,
    deadline: NaiveDate,
    today: NaiveDate,
    taken: u32,
    capacity: u32,
) -> Result<Seat, RegistrationClosed> {
    if status != OfferingStatus::Approved {
        return Err(RegistrationClosed::NotApproved);
    }
    if today > deadline {
        return Err(RegistrationClosed::DeadlinePassed);
    }
    Ok(if taken < capacity {
        Seat::Place
    } else {
        Seat::Waiting
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    fn proposal() -> Proposal {
        Proposal {
            date: day(20),
            place: " Auditoriet, Sentralsjukehuset ".into(),
            capacity: 40,
            deadline: day(13),
            speakers: vec![("samhandling".into(), "Anne Lokal".into())],
        }
    }

    #[test]
    fn a_proposal_is_checked_field_by_field() {
        let today = day(1);
        assert_eq!(check_proposal(&proposal(), today), Ok(()));
        let with = |f: &dyn Fn(&mut Proposal)| {
            let mut p = proposal();
            f(&mut p);
            check_proposal(&p, today).err()
        };
        assert_eq!(with(&|p| p.date = today), Some(OfferingProblem::Date));
        assert_eq!(
            with(&|p| p.deadline = day(21)),
            Some(OfferingProblem::Deadline),
            "the deadline falls on or before the day"
        );
        assert_eq!(
            with(&|p| p.deadline = NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()),
            Some(OfferingProblem::Deadline)
        );
        assert_eq!(with(&|p| p.deadline = day(20)), None);
        assert_eq!(with(&|p| p.capacity = 0), Some(OfferingProblem::Capacity));
        assert_eq!(with(&|p| p.capacity = 501), Some(OfferingProblem::Capacity));
        assert_eq!(
            with(&|p| p.place = "  ".into()),
            Some(OfferingProblem::Place)
        );
        assert_eq!(
            with(&|p| p.speakers[0].1 = "x".repeat(201)),
            Some(OfferingProblem::Speaker)
        );
    }

    #[test]
    fn the_committee_decides_with_a_comment_and_only_a_proposal() {
        use OfferingStatus as S;
        use OfferingStep as T;
        assert_eq!(
            next(S::Proposed, T::Approve, "Fint program."),
            Ok(S::Approved)
        );
        assert_eq!(
            next(S::Proposed, T::Approve, "  "),
            Err(OfferingProblem::Comment),
            "every decision carries a comment"
        );
        assert_eq!(
            next(
                S::Proposed,
                T::AskForChanges,
                "Legg inn en lokal foredragsholder."
            ),
            Ok(S::ChangesRequested)
        );
        assert_eq!(
            next(S::ChangesRequested, T::Propose, ""),
            Ok(S::Proposed),
            "proposed again after changes"
        );
        assert_eq!(
            next(S::Proposed, T::Refuse, "Dekkes av et annet tilbud."),
            Ok(S::Refused)
        );
        assert_eq!(
            next(S::Approved, T::Approve, "Igjen."),
            Err(OfferingProblem::Step)
        );
        assert_eq!(next(S::Refused, T::Propose, ""), Err(OfferingProblem::Step));
        assert_eq!(next(S::Approved, T::Cancel, ""), Ok(S::Cancelled));
        assert_eq!(
            next(S::Cancelled, T::Cancel, ""),
            Err(OfferingProblem::Step)
        );
        assert_eq!(
            next(S::Proposed, T::Approve, &"x".repeat(2001)),
            Err(OfferingProblem::Comment)
        );
        for s in [
            S::Proposed,
            S::ChangesRequested,
            S::Approved,
            S::Refused,
            S::Cancelled,
        ] {
            assert_eq!(OfferingStatus::parse(s.as_str()), Some(s));
        }
        for t in [
            T::Propose,
            T::Approve,
            T::AskForChanges,
            T::Refuse,
            T::Cancel,
        ] {
            assert_eq!(OfferingStep::parse(t.as_str()), Some(t));
        }
    }

    #[test]
    fn a_registration_gets_a_place_then_the_waiting_list_and_nothing_after_the_deadline() {
        use OfferingStatus as S;
        let deadline = day(13);
        assert_eq!(
            seat(S::Approved, deadline, day(13), 39, 40),
            Ok(Seat::Place)
        );
        assert_eq!(
            seat(S::Approved, deadline, day(13), 40, 40),
            Ok(Seat::Waiting)
        );
        assert_eq!(
            seat(S::Approved, deadline, day(14), 0, 40),
            Err(RegistrationClosed::DeadlinePassed)
        );
        for closed in [S::Proposed, S::ChangesRequested, S::Refused, S::Cancelled] {
            assert_eq!(
                seat(closed, deadline, day(1), 0, 40),
                Err(RegistrationClosed::NotApproved)
            );
        }
    }
}
