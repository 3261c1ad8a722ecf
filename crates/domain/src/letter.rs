//! Letters to the GP: where in a program one is written (its letter points), the GP's
//! address in the health network (a HER-id), what a letter holds once signed, and when
//! it may be signed and sent. Decision 0034.

use chrono::{DateTime, NaiveDate, Utc};

use crate::Id;
use crate::enrollment::Enrollment;
use crate::organization::Unit;
use crate::patient::Patient;
use crate::program::Offset;
use crate::user::UserAccount;

/// An id in the national register of health-service units (Adresseregisteret), the
/// address a message on the health network goes to. Digits only, at most nine.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HerId(String);

/// FHIR's identifier system for HER-ids.
pub const HER_ID_SYSTEM: &str = "urn:oid:2.16.578.1.12.4.1.2";

/// A typed HER-id was not digits (1 to 9 of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a HER-id is 1 to 9 digits")]
pub struct BadHerId;

impl HerId {
    /// A HER-id as typed: spaces ignored.
    pub fn parse(typed: &str) -> Result<Self, BadHerId> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        if (1..=9).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(Self(digits))
        } else {
            Err(BadHerId)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for HerId {
    type Error = BadHerId;
    fn try_from(s: String) -> Result<Self, BadHerId> {
        Self::parse(&s)
    }
}

impl From<HerId> for String {
    fn from(h: HerId) -> String {
        h.0
    }
}

impl std::fmt::Display for HerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a program writes to the GP: after the questionnaires of timepoint `at` (e.g.
/// `3m`), with the program's own words around the scores (in Norwegian: the letter is
/// read by the GP).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LetterPoint {
    /// Names the point within the program (`etter-3-maaneder`); one letter per
    /// enrollment and point.
    pub key: String,
    /// The schedule's timepoint whose answers it reports.
    pub at: Offset,
    /// The letter's title.
    pub title: String,
    /// Before the scores: what the program is and what the letter reports.
    pub intro: String,
    /// After the assessment: what the GP may do, whom to call.
    pub closing: String,
}

/// Where a letter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterStatus {
    /// On the unit's worklist, waiting for a clinician's assessment and signature.
    Draft,
    /// Signed; being rendered and delivered (the outbox holds it until it is).
    Sending,
    /// Delivered to the GP's message folder.
    Sent,
}

impl LetterStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LetterStatus::Draft => "draft",
            LetterStatus::Sending => "sending",
            LetterStatus::Sent => "sent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::Sending, Self::Sent]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// A score at one timepoint, as the letter reports it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScoreAt {
    pub value: f64,
    /// The band's label (`Moderate plager`), if the score has bands.
    pub band: Option<String>,
    pub date: NaiveDate,
}

/// One score of the program's questionnaires, at the start and at the letter's point.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScoreLine {
    /// The score's title (`Symptomskår (IBS-SSS)`).
    pub title: String,
    pub start: Option<ScoreAt>,
    pub now: Option<ScoreAt>,
    /// Whether the change from start meets the score's responder rule (none: the score
    /// has no rule, or a value is missing).
    pub responder: Option<bool>,
    /// Whether the program asks it at the start at all (satisfaction is asked only at
    /// the end): a missing start is then "not asked", not "not answered".
    #[serde(default = "yes")]
    pub asked_at_start: bool,
}

fn yes() -> bool {
    true
}

impl ScoreLine {
    /// The change from start to now.
    pub fn change(&self) -> Option<f64> {
        Some(self.now.as_ref()?.value - self.start.as_ref()?.value)
    }

    /// Whether the band at the letter's point differs from the band at the start.
    pub fn band_changed(&self) -> Option<bool> {
        Some(self.start.as_ref()?.band != self.now.as_ref()?.band)
    }
}

/// What a letter reports, frozen when it is signed (a draft's is worked out when read).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LetterFacts {
    pub program: String,
    pub point: LetterPoint,
    /// When the program started for the patient.
    pub started: Option<NaiveDate>,
    pub scores: Vec<ScoreLine>,
}

/// A letter to the GP, one per enrollment and letter point.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    pub id: Id<Letter>,
    pub enrollment_id: Id<Enrollment>,
    pub patient_id: Id<Patient>,
    /// The unit that runs the enrollment: it signs and owns the letter.
    pub unit_id: Id<Unit>,
    pub point: String,
    pub status: LetterStatus,
    /// The clinician's assessment (none until saved or signed).
    pub assessment: Option<String>,
    /// What it reported when signed.
    pub facts: Option<LetterFacts>,
    /// The GP it went to, as the patient's record named them when signed.
    pub gp_name: Option<String>,
    pub gp_her_id: Option<HerId>,
    pub signed_by: Option<Id<UserAccount>>,
    pub signed_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    /// How many times it has been signed for sending (more than one: sent again on
    /// purpose).
    pub sends: u32,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

/// Why a letter cannot go yet (shown on the worklist with the letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// The patient's record names no GP.
    NoGp,
    /// The GP has no HER-id, so the letter has no address.
    NoGpHerId,
    /// The unit has no HER-id of its own to send from.
    NoUnitHerId,
}

/// Why a letter could not be signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignProblem {
    /// The assessment is empty.
    NoAssessment,
    /// Longer than [`ASSESSMENT_MAX`] characters.
    AssessmentTooLong,
    /// It is on its way; wait for it.
    Sending,
    /// It was sent; sending it again needs the explicit choice.
    AlreadySent,
    /// It has no address yet.
    Held(Hold),
}

/// The longest assessment.
pub const ASSESSMENT_MAX: usize = 10_000;

/// What keeps a letter from going, if anything.
pub fn hold(
    gp_name: Option<&str>,
    gp_her_id: Option<&HerId>,
    unit_her_id: Option<&HerId>,
) -> Option<Hold> {
    if gp_name.is_none_or(|n| n.trim().is_empty()) {
        Some(Hold::NoGp)
    } else if gp_her_id.is_none() {
        Some(Hold::NoGpHerId)
    } else if unit_her_id.is_none() {
        Some(Hold::NoUnitHerId)
    } else {
        None
    }
}

/// Whether `letter` may be signed and sent with `assessment`: a draft may; a sent letter
/// only `again`, on purpose; never while it is on its way or has no address.
pub fn may_sign(
    letter: &Letter,
    assessment: &str,
    again: bool,
    held: Option<Hold>,
) -> Result<(), SignProblem> {
    match letter.status {
        LetterStatus::Sending => return Err(SignProblem::Sending),
        LetterStatus::Sent if !again => return Err(SignProblem::AlreadySent),
        _ => {}
    }
    if assessment.trim().is_empty() {
        return Err(SignProblem::NoAssessment);
    }
    if assessment.chars().count() > ASSESSMENT_MAX {
        return Err(SignProblem::AssessmentTooLong);
    }
    if let Some(h) = held {
        return Err(SignProblem::Held(h));
    }
    Ok(())
}

/// The letter points whose timepoint is `at`: a response that answers the timepoint
/// makes their drafts.
pub fn points_at(points: &[LetterPoint], at: Offset) -> impl Iterator<Item = &LetterPoint> {
    points.iter().filter(move |p| p.at == at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(status: LetterStatus) -> Letter {
        let now = Utc::now();
        Letter {
            id: Id::new(),
            enrollment_id: Id::new(),
            patient_id: Id::new(),
            unit_id: Id::new(),
            point: "3m".into(),
            status,
            assessment: None,
            facts: None,
            gp_name: Some("Dr. Ås".into()),
            gp_her_id: HerId::parse("123456").ok(),
            signed_by: None,
            signed_at: None,
            sent_at: None,
            sends: 0,
            created_at: now,
            version: 1,
        }
    }

    #[test]
    fn her_ids_are_one_to_nine_digits() {
        assert_eq!(
            HerId::parse(" 12 34 56 ").map(|h| h.to_string()),
            Ok("123456".into())
        );
        assert_eq!(HerId::parse(""), Err(BadHerId));
        assert_eq!(HerId::parse("1234567890"), Err(BadHerId));
        assert_eq!(HerId::parse("12a"), Err(BadHerId));
    }

    #[test]
    fn a_letter_is_held_until_both_ends_have_an_address() {
        let her = HerId::parse("1").ok();
        assert_eq!(hold(None, her.as_ref(), her.as_ref()), Some(Hold::NoGp));
        assert_eq!(
            hold(Some("Dr. Ås"), None, her.as_ref()),
            Some(Hold::NoGpHerId)
        );
        assert_eq!(
            hold(Some("Dr. Ås"), her.as_ref(), None),
            Some(Hold::NoUnitHerId)
        );
        assert_eq!(hold(Some("Dr. Ås"), her.as_ref(), her.as_ref()), None);
    }

    #[test]
    fn a_sent_letter_goes_again_only_on_purpose_and_never_while_on_its_way() {
        let draft = letter(LetterStatus::Draft);
        assert_eq!(may_sign(&draft, "Godt resultat.", false, None), Ok(()));
        assert_eq!(
            may_sign(&draft, "  ", false, None),
            Err(SignProblem::NoAssessment)
        );
        assert_eq!(
            may_sign(&draft, "ok", false, Some(Hold::NoGpHerId)),
            Err(SignProblem::Held(Hold::NoGpHerId))
        );
        let sent = letter(LetterStatus::Sent);
        assert_eq!(
            may_sign(&sent, "ok", false, None),
            Err(SignProblem::AlreadySent)
        );
        assert_eq!(may_sign(&sent, "ok", true, None), Ok(()));
        let sending = letter(LetterStatus::Sending);
        assert_eq!(
            may_sign(&sending, "ok", true, None),
            Err(SignProblem::Sending)
        );
    }

    #[test]
    fn a_score_line_tells_its_change_and_whether_its_band_moved() {
        let at = |value, band: &str| ScoreAt {
            value,
            band: Some(band.into()),
            date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        };
        let line = ScoreLine {
            title: "IBS".into(),
            start: Some(at(285.0, "moderat")),
            now: Some(at(160.0, "mild")),
            responder: Some(true),
            asked_at_start: true,
        };
        assert_eq!(line.change(), Some(-125.0));
        assert_eq!(line.band_changed(), Some(true));
        let missing = ScoreLine { now: None, ..line };
        assert_eq!(missing.change(), None);
    }
}
