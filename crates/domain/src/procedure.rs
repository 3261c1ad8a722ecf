//! Procedure registration for a quality registry (issue 18, decision 0052): a clinician
//! registers a procedure they did on a patient with a form of the questionnaire engine,
//! answered by staff; the registration belongs to the unit whose clinician registered it.
//! A form's quality indicators are shares of its registrations, computed from the answers.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::Id;
use crate::organization::Unit;
use crate::outcome::Share;
use crate::patient::Patient;
use crate::text::LocalizedText;
use crate::user::UserAccount;

/// How a procedure form is defined (`content/procedures/{key}.toml`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureForm {
    pub key: String,
    pub title: LocalizedText,
    /// The questionnaire's file, beside the definition.
    pub questionnaire: String,
    /// The procedure's codes: carepath's own first; a hospital adds its registry's.
    pub codes: Vec<ProcedureCode>,
    /// The item whose answer is the procedure's complication.
    #[serde(default)]
    pub complication: Option<Complication>,
    #[serde(default)]
    pub indicators: Vec<QualityIndicator>,
}

/// A coding of the procedure (FHIR `Procedure.code`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureCode {
    pub system: String,
    pub code: String,
    pub display: String,
}

/// Which item holds the complication, and its answer for "none".
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complication {
    pub item: String,
    pub none: String,
}

/// A quality indicator: the share of registrations (or of those `among` selects) whose
/// answer to `item` is one of `answers`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityIndicator {
    pub key: String,
    pub title: LocalizedText,
    pub item: String,
    pub answers: Vec<String>,
    #[serde(default)]
    pub among: Option<Condition>,
}

/// Registrations whose answer to `item` is one of `answers`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub item: String,
    pub answers: Vec<String>,
}

/// A registration's answers: each item's answer codes (or values as text).
pub type Answers = BTreeMap<String, Vec<String>>;

fn answered(answers: &Answers, item: &str, any_of: &[String]) -> bool {
    answers
        .get(item)
        .is_some_and(|given| given.iter().any(|g| any_of.contains(g)))
}

impl QualityIndicator {
    /// The indicator over `registrations`.
    pub fn share<'a>(&self, registrations: impl IntoIterator<Item = &'a Answers>) -> Share {
        let mut share = Share { k: 0, n: 0 };
        for a in registrations {
            if self
                .among
                .as_ref()
                .is_some_and(|c| !answered(a, &c.item, &c.answers))
            {
                continue;
            }
            share.n += 1;
            if answered(a, &self.item, &self.answers) {
                share.k += 1;
            }
        }
        share
    }

    /// The items it reads.
    pub fn items(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.item.as_str()).chain(self.among.as_ref().map(|c| c.item.as_str()))
    }
}

impl ProcedureForm {
    /// The complication answered in `answers`, if there was one.
    pub fn complication<'a>(&self, answers: &'a Answers) -> Option<&'a str> {
        let c = self.complication.as_ref()?;
        answers
            .get(&c.item)?
            .iter()
            .find(|a| **a != c.none)
            .map(String::as_str)
    }
}

/// Whether a registration stands or was entered in error (FHIR `Procedure.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcedureStatus {
    Completed,
    EnteredInError,
}

impl ProcedureStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::EnteredInError => "entered-in-error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "completed" => Some(Self::Completed),
            "entered-in-error" => Some(Self::EnteredInError),
            _ => None,
        }
    }
}

/// One registered procedure.
#[derive(Debug, Clone, PartialEq)]
pub struct Procedure {
    pub id: Id<Procedure>,
    pub unit: Id<Unit>,
    pub patient: Id<Patient>,
    /// Its form's key.
    pub form: String,
    pub performed_on: NaiveDate,
    /// Who did it and registered it.
    pub performer: Id<UserAccount>,
    pub status: ProcedureStatus,
    pub recorded_at: DateTime<Utc>,
    pub version: i64,
}

/// What is wrong with the day a procedure was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayProblem {
    /// After today.
    Future,
    /// More than [`LATEST_REGISTRATION_DAYS`] days ago.
    TooOld,
}

/// How late a procedure may be registered, in days.
pub const LATEST_REGISTRATION_DAYS: i64 = 365;

/// Checks the day a procedure was done against `today`.
pub fn check_day(day: NaiveDate, today: NaiveDate) -> Result<(), DayProblem> {
    if day > today {
        Err(DayProblem::Future)
    } else if (today - day).num_days() > LATEST_REGISTRATION_DAYS {
        Err(DayProblem::TooOld)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        let mut a = Answers::new();
        for (k, v) in pairs {
            a.entry((*k).to_owned()).or_default().push((*v).to_owned());
        }
        a
    }

    #[test]
    fn an_indicator_counts_only_the_registrations_it_is_about() {
        let ind = QualityIndicator {
            key: "diagnostisk".into(),
            title: LocalizedText::nb("Diagnostiske prøver"),
            item: "adekvat".into(),
            answers: vec!["ja".into()],
            among: Some(Condition {
                item: "adekvat".into(),
                answers: vec!["ja".into(), "nei".into()],
            }),
        };
        let regs = [
            answers(&[("adekvat", "ja")]),
            answers(&[("adekvat", "nei")]),
            answers(&[("adekvat", "ukjent")]),
            answers(&[]),
            answers(&[("adekvat", "ja")]),
        ];
        assert_eq!(ind.share(&regs), Share { k: 2, n: 3 });
        let all = QualityIndicator { among: None, ..ind };
        assert_eq!(all.share(&regs), Share { k: 2, n: 5 });
    }

    #[test]
    fn a_day_is_neither_in_the_future_nor_over_a_year_old() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(check_day(today, today), Ok(()));
        assert_eq!(
            check_day(today.succ_opt().unwrap(), today),
            Err(DayProblem::Future)
        );
        assert_eq!(
            check_day(NaiveDate::from_ymd_opt(2025, 12, 3).unwrap(), today),
            Err(DayProblem::TooOld)
        );
    }

    #[test]
    fn the_complication_is_the_answer_that_is_not_none() {
        let form = ProcedureForm {
            key: "eus".into(),
            title: LocalizedText::nb("EUS"),
            questionnaire: "eus.json".into(),
            codes: vec![],
            complication: Some(Complication {
                item: "komplikasjon".into(),
                none: "ingen".into(),
            }),
            indicators: vec![],
        };
        assert_eq!(
            form.complication(&answers(&[("komplikasjon", "ingen")])),
            None
        );
        assert_eq!(
            form.complication(&answers(&[("komplikasjon", "blodning")])),
            Some("blodning")
        );
    }
}
