//! Programs [PlanDefinition]: a versioned definition authored as data (a program
//! package). A version never changes once imported; enrollments stay on their version.

use std::fmt;
use std::str::FromStr;

use crate::eligibility::EligibilityRules;
use crate::{Id, LocalizedText};

/// A program as a whole, across its versions (e.g. the IBS school).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    pub id: Id<Program>,
    /// The stable key from `program.toml`, e.g. `ibs-school`.
    pub key: String,
}

/// One imported, immutable version of a program.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramVersion {
    pub id: Id<ProgramVersion>,
    pub program_id: Id<Program>,
    /// 1, 2, 3... in import order; a re-import with changed content adds one.
    pub number: i64,
    pub definition: ProgramDefinition,
}

/// What `program.toml` and the module pages describe, as stored with a version.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProgramDefinition {
    pub key: String,
    /// The author's own label, e.g. `2026.1`. Shown, never used for ordering.
    pub version_label: String,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub duration_months: u32,
    /// The treatment terms the patient accepts before screening (Markdown).
    pub terms: LocalizedText,
    pub eligibility: EligibilityRules,
    pub modules: Vec<ModuleDefinition>,
    pub schedule: Vec<ScheduledQuestionnaire>,
    /// What the patient registers at home (measurement keys, e.g. `spo2`, `vekt`).
    #[serde(default)]
    pub measurements: Vec<String>,
    /// The self-management plan's default limits, by measurement.
    #[serde(default)]
    pub thresholds: Vec<crate::threshold::MeasurementLimits>,
    /// When unacknowledged alerts are escalated.
    #[serde(default)]
    pub escalation: crate::threshold::Escalation,
    /// Alerts for measurements not registered in time.
    #[serde(default)]
    pub missing_data: Vec<crate::threshold::MissingData>,
    /// Alerts for questionnaire scores in certain bands.
    #[serde(default)]
    pub score_rules: Vec<crate::threshold::ScoreRule>,
    /// Alerts for changes over days.
    #[serde(default)]
    pub trend_rules: Vec<crate::threshold::TrendRule>,
    /// Where the patient lands: the modules, or the measurements (home follow-up, where
    /// measuring is the daily task).
    #[serde(default)]
    pub start: StartPage,
    /// Who may write in the enrollment's message thread, and the team's answer time.
    #[serde(default)]
    pub messaging: crate::conversation::MessagingRules,
    /// Where a letter to the GP is written (decision 0034).
    #[serde(default)]
    pub letters: Vec<crate::letter::LetterPoint>,
    /// Group courses on site for the program's patients (decision 0046), when it runs
    /// them.
    #[serde(default)]
    pub group_courses: Option<GroupCourses>,
    /// Pages anyone may read without signing in (decision 0047).
    #[serde(default)]
    pub public: PublicPages,
}

/// A program's public pages (`public/` in its package, decision 0047): what anyone may
/// read about it on `/tilbud/{key}`, such as the low-FODMAP pages, and the page for
/// referrers (`[public] referrers = "02-for-henvisere"`).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PublicPages {
    #[serde(default)]
    pub pages: Vec<PageDefinition>,
    /// The key of the page for referrers (GPs), when there is one.
    #[serde(default)]
    pub referrers: Option<String>,
}

/// A program's group courses on site (`[group_courses]` in `program.toml`, decision 0046):
/// the questionnaire asked of each patient who attended a session, and the score of it
/// whose band says they would recommend the course.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCourses {
    /// The questionnaire's key in the package.
    pub satisfaction: String,
    /// The score (code) of the "would you recommend it?" question.
    pub recommend_score: String,
    /// The bands of that score that count as "would recommend".
    pub recommend_bands: Vec<String>,
}

/// The patient's first page once the program runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartPage {
    #[default]
    Modules,
    Measurements,
}

impl ProgramDefinition {
    /// Whether the program asks the patient for `measurement`: it lists it, or judges it
    /// by limits or a trend. Each unit whose running enrollment asks for a measurement
    /// reads it (decision 0026).
    pub fn asks_for(&self, measurement: &str) -> bool {
        self.measurements.iter().any(|m| m == measurement) || self.judges(measurement)
    }

    /// Whether the program judges `measurement`: it sets limits for it or watches its
    /// trend, so a value can raise an alert.
    pub fn judges(&self, measurement: &str) -> bool {
        self.limits(measurement).is_some()
            || self
                .trend_rules
                .iter()
                .any(|t| t.measurement == measurement)
    }

    /// The limits for a measurement, if the program sets any.
    pub fn limits(&self, measurement: &str) -> Option<&crate::threshold::MeasurementLimits> {
        self.thresholds
            .iter()
            .find(|t| t.measurement == measurement)
    }
}

impl ProgramDefinition {
    pub fn module(&self, key: &str) -> Option<&ModuleDefinition> {
        self.modules.iter().find(|m| m.key == key)
    }

    /// How many pages a patient sees: the core modules and the chosen optional ones.
    pub fn visible_page_count(&self, chosen: &std::collections::BTreeSet<String>) -> usize {
        self.modules
            .iter()
            .filter(|m| m.kind == ModuleKind::Core || chosen.contains(&m.key))
            .map(|m| m.pages.len())
            .sum()
    }

    /// The questionnaire that must be answered before any module opens, if any.
    pub fn gate_questionnaire(&self) -> Option<&ScheduledQuestionnaire> {
        self.schedule.iter().find(|s| s.required_before_modules)
    }
}

/// Whether every patient gets a module or chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModuleKind {
    Core,
    Optional,
}

/// A module: a sequence of pages.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ModuleDefinition {
    pub key: String,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub kind: ModuleKind,
    pub pages: Vec<PageDefinition>,
}

impl ModuleDefinition {
    pub fn page_index(&self, key: &str) -> Option<usize> {
        self.pages.iter().position(|p| p.key == key)
    }
}

/// One page of a module. The body is Markdown; media are referenced by path in `media/`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PageDefinition {
    pub key: String,
    pub title: LocalizedText,
    pub body: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<Video>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Audio>,
}

/// A video with the captions track every video must have.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Video {
    pub src: String,
    pub captions: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// A sound recording with the transcript every recording must have (WCAG 1.2.1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Audio {
    pub src: String,
    /// The words of the recording, shown beside the player.
    pub transcript: String,
}

/// A questionnaire at a point in the program.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScheduledQuestionnaire {
    /// The file stem in `questionnaires/` of the package, e.g. `ibs-sss`.
    pub questionnaire: String,
    pub at: Offset,
    /// Modules stay closed until this one is answered (the baseline).
    #[serde(default)]
    pub required_before_modules: bool,
    /// Repeats at this interval after the first time (a series); once when absent.
    #[serde(default)]
    pub every: Option<Offset>,
    /// Moves the first time forward to this day of the week (weekly series).
    #[serde(default)]
    pub weekday: Option<crate::schedule::ScheduleWeekday>,
    /// At most this many times; a series otherwise runs until the program ends.
    #[serde(default)]
    pub times: Option<u32>,
    /// The local time (Europe/Oslo) a task opens; 08:00 when absent. The baseline opens
    /// at the start itself.
    #[serde(default)]
    pub time: Option<chrono::NaiveTime>,
    /// How long it can be answered: 14 days for a one-off, the interval for a series.
    #[serde(default)]
    pub window: Option<Offset>,
    /// When it counts as overdue (reminders, the worklist): 3 days, or the window if
    /// shorter.
    #[serde(default)]
    pub overdue_after: Option<Offset>,
    /// Reminders, as times after the task opens (e.g. 0d, 3d, 7d); none once it is
    /// answered or closed.
    #[serde(default)]
    pub reminders: Vec<Offset>,
    /// An alert of this colour (`yellow`, `red`) for the unit when a task closes
    /// unanswered.
    #[serde(default)]
    pub alert_when_expired: Option<String>,
}

/// A time after the enrollment start: `0d`, `2w`, `3m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offset {
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl Offset {
    /// The moment `self` after `start` (months by the calendar, clamped to the month's
    /// last day: 31 January + 1m is 28 or 29 February).
    pub fn after(self, start: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
        match self {
            Offset::Days(n) => start + chrono::Duration::days(i64::from(n)),
            Offset::Weeks(n) => start + chrono::Duration::weeks(i64::from(n)),
            Offset::Months(n) => start
                .checked_add_months(chrono::Months::new(n))
                .unwrap_or(start),
        }
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Offset::Days(n) => write!(f, "{n}d"),
            Offset::Weeks(n) => write!(f, "{n}w"),
            Offset::Months(n) => write!(f, "{n}m"),
        }
    }
}

/// An offset was not a number followed by `d`, `w` or `m`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a time offset; write a number followed by d (days), w (weeks) or m (months), e.g. 3m"
)]
pub struct BadOffset(String);

impl FromStr for Offset {
    type Err = BadOffset;
    fn from_str(s: &str) -> Result<Self, BadOffset> {
        let bad = || BadOffset(s.to_owned());
        let unit = s.chars().last().ok_or_else(bad)?;
        let n: u32 = s[..s.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
        match unit {
            'd' => Ok(Offset::Days(n)),
            'w' => Ok(Offset::Weeks(n)),
            'm' => Ok(Offset::Months(n)),
            _ => Err(bad()),
        }
    }
}

impl serde::Serialize for Offset {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Offset {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Which of a patient's running programs (in the order given, newest enrollment first)
/// is in force for `measurement`: the first that judges it, else the first that asks for
/// it without judging it (its unit owns the value; no alert); `None` when none asks.
pub fn plan_in_force<'a>(
    programs: impl IntoIterator<Item = &'a ProgramDefinition>,
    measurement: &str,
) -> Option<usize> {
    let mut asking = None;
    for (i, p) in programs.into_iter().enumerate() {
        if p.judges(measurement) {
            return Some(i);
        }
        if asking.is_none() && p.asks_for(measurement) {
            asking = Some(i);
        }
    }
    asking
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A program that lists `asks`, sets limits for `limits` and a trend rule for `trend`.
    fn program(asks: &str, limits: &str, trend: &str) -> ProgramDefinition {
        let mut text = format!(
            "key = 'p'\nversion_label = '1'\ntitle = 'x'\nsummary = 'x'\nduration_months = 6\n\
             terms = 'x'\nmodules = []\nschedule = []\nmeasurements = [{asks}]\n\
             [eligibility]\nmin_age = 18\ntoo_young_message = 'x'\nexception_message = 'x'\n"
        );
        if !limits.is_empty() {
            text.push_str(&format!(
                "[[thresholds]]\nmeasurement = '{limits}'\nred_above = 10.0\n\
                 advice = {{ green = 'x', yellow = 'x', red = 'x' }}\n"
            ));
        }
        if !trend.is_empty() {
            text.push_str(&format!(
                "[[trend_rules]]\nmeasurement = '{trend}'\ndays = 3\nrise_above = 2.0\ncolour = 'yellow'\n"
            ));
        }
        toml::from_str(&text).expect("a program definition")
    }

    #[test]
    fn the_plan_in_force_is_the_first_that_judges_else_the_first_that_asks() {
        let lists = program("'vekt'", "", "");
        let limits = program("", "vekt", "");
        let trend = program("", "", "vekt");
        let other = program("'puls'", "spo2", "");
        assert!(lists.asks_for("vekt") && !lists.judges("vekt"));
        assert!(limits.asks_for("vekt") && limits.judges("vekt"));
        assert!(trend.asks_for("vekt") && trend.judges("vekt"));
        assert!(!other.asks_for("vekt") && !other.judges("vekt"));
        assert_eq!(plan_in_force([&other, &lists, &limits], "vekt"), Some(2));
        assert_eq!(plan_in_force([&other, &trend, &limits], "vekt"), Some(1));
        assert_eq!(plan_in_force([&lists, &other], "vekt"), Some(0));
        assert_eq!(plan_in_force([&other, &lists, &lists], "vekt"), Some(1));
        assert_eq!(plan_in_force([&other], "vekt"), None);
        assert_eq!(plan_in_force(std::iter::empty(), "vekt"), None);
    }

    #[test]
    fn offsets_parse_and_print() {
        for s in ["0d", "14d", "2w", "3m"] {
            assert_eq!(s.parse::<Offset>().unwrap().to_string(), s);
        }
        for s in ["", "m", "3", "3y", "-1d", "1.5m"] {
            assert!(s.parse::<Offset>().is_err(), "{s}");
        }
    }
}
