//! Eligibility screening: age from the date of birth on the day of screening, and
//! exclusion questions (e.g. an eating disorder) that stop with a kind explanation.

use chrono::{Datelike, NaiveDate};

use crate::LocalizedText;

/// The program's rules, from `program.toml`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EligibilityRules {
    /// Patients this old or older may start.
    pub min_age: u32,
    /// Patients from this age up to `min_age` need a clinician's exception decision.
    #[serde(default)]
    pub exception_min_age: Option<u32>,
    /// Shown to a patient who is too young.
    pub too_young_message: LocalizedText,
    /// Shown to a patient waiting for the exception decision.
    pub exception_message: LocalizedText,
    #[serde(default)]
    pub exclusion_questions: Vec<ExclusionQuestion>,
}

/// A yes/no question where "yes" means the program is not right for the patient now.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExclusionQuestion {
    pub key: String,
    pub question: LocalizedText,
    /// Shown when the answer is yes: why, and what to do instead.
    pub stop_message: LocalizedText,
}

/// The result of screening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreeningOutcome {
    /// May start the program.
    Eligible,
    /// Young enough to need a clinician's exception decision.
    NeedsException { age: u32 },
    /// Below the lowest age the program accepts.
    TooYoung { age: u32 },
    /// Answered yes to an exclusion question (its key).
    Excluded { question: String },
}

impl ScreeningOutcome {
    /// The stored form: `eligible`, `needs_exception`, `too_young` or `excluded:<key>`.
    pub fn code(&self) -> String {
        match self {
            ScreeningOutcome::Excluded { question } => format!("excluded:{question}"),
            other => other.as_str().to_owned(),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            ScreeningOutcome::Eligible => "eligible",
            ScreeningOutcome::NeedsException { .. } => "needs_exception",
            ScreeningOutcome::TooYoung { .. } => "too_young",
            ScreeningOutcome::Excluded { .. } => "excluded",
        }
    }
}

/// Whole years between `birth` and `on` (a person born 29 February turns a year older
/// on 1 March in other years).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// Screens a patient. `yes_answers` holds the keys of exclusion questions answered yes.
pub fn screen(
    rules: &EligibilityRules,
    birth: NaiveDate,
    today: NaiveDate,
    yes_answers: &[String],
) -> ScreeningOutcome {
    if let Some(q) = rules
        .exclusion_questions
        .iter()
        .find(|q| yes_answers.contains(&q.key))
    {
        return ScreeningOutcome::Excluded {
            question: q.key.clone(),
        };
    }
    let age = age_on(birth, today);
    if age >= rules.min_age {
        ScreeningOutcome::Eligible
    } else if rules.exception_min_age.is_some_and(|min| age >= min) {
        ScreeningOutcome::NeedsException { age }
    } else {
        ScreeningOutcome::TooYoung { age }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rules() -> EligibilityRules {
        EligibilityRules {
            min_age: 18,
            exception_min_age: Some(16),
            too_young_message: LocalizedText::nb("For ung"),
            exception_message: LocalizedText::nb("Venter"),
            exclusion_questions: vec![ExclusionQuestion {
                key: "eating-disorder".into(),
                question: LocalizedText::nb("Har du en spiseforstyrrelse?"),
                stop_message: LocalizedText::nb("Snakk med fastlegen"),
            }],
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn age_decides_the_path_on_the_day_of_screening() {
        let today = d("2026-11-22");
        assert_eq!(
            screen(&rules(), d("2008-11-22"), today, &[]),
            ScreeningOutcome::Eligible
        );
        assert_eq!(
            screen(&rules(), d("2008-11-23"), today, &[]),
            ScreeningOutcome::NeedsException { age: 17 }
        );
        assert_eq!(
            screen(&rules(), d("2010-11-22"), today, &[]),
            ScreeningOutcome::NeedsException { age: 16 }
        );
        assert_eq!(
            screen(&rules(), d("2010-11-23"), today, &[]),
            ScreeningOutcome::TooYoung { age: 15 }
        );
    }

    #[test]
    fn a_yes_to_an_exclusion_question_stops_even_an_adult() {
        let out = screen(
            &rules(),
            d("1980-01-01"),
            d("2026-11-22"),
            &["eating-disorder".into()],
        );
        assert_eq!(
            out,
            ScreeningOutcome::Excluded {
                question: "eating-disorder".into()
            }
        );
    }

    #[test]
    fn leap_day_birthdays_count_from_the_first_of_march() {
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
    }

    proptest! {
        #[test]
        fn age_never_decreases_with_time(b in 0i64..40_000, a in 0i64..40_000, extra in 0i64..2_000) {
            let base = d("1900-01-01");
            let birth = base + chrono::Duration::days(b);
            let on = base + chrono::Duration::days(b.max(a));
            let later = on + chrono::Duration::days(extra);
            prop_assert!(age_on(birth, on) <= age_on(birth, later));
        }
    }
}
