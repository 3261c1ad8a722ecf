//! Thresholds and action limits (the self-management plan): each measurement a program
//! asks for can have limits that make a value yellow (watch, the care team contacts the
//! patient) or red (act by the plan now), with the advice the patient sees for each
//! colour. Program defaults live in `program.toml`; a clinician's limits for one patient
//! ([`Limits`]) replace the default numbers for that patient and keep the program's advice.

/// Why an alert was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertReason {
    /// A measurement past a limit (`measurement`: its key, `value`: the value).
    Value,
    /// A measurement that changed too much over days (`value`: the value).
    Trend,
    /// A questionnaire score in a band (`measurement`: the score's code).
    Score,
    /// No measurement for some days (`measurement`: its key, `value`: the days).
    Missing,
    /// A questionnaire closed unanswered (`measurement`: its key in the program).
    Expired,
    /// A patient's message waited past the program's answer time.
    Unanswered,
}

impl AlertReason {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertReason::Value => "value",
            AlertReason::Trend => "trend",
            AlertReason::Score => "score",
            AlertReason::Missing => "missing",
            AlertReason::Expired => "expired",
            AlertReason::Unanswered => "unanswered",
        }
    }

    /// The reason stored as `code`; an unknown code reads as a value past a limit.
    pub fn from_code(code: &str) -> Self {
        match code {
            "score" => AlertReason::Score,
            "trend" => AlertReason::Trend,
            "missing" => AlertReason::Missing,
            "expired" => AlertReason::Expired,
            "unanswered" => AlertReason::Unanswered,
            _ => AlertReason::Value,
        }
    }
}

/// How a new measurement is judged: by the limits in force (`by_limits`) and by the trend
/// rule over the days before it (`by_trend`), the worse of the two decides, and a tie
/// counts as the limits'. `None` when it is green: no alert.
pub fn judge(by_limits: Option<Colour>, by_trend: Option<Colour>) -> Option<(Colour, AlertReason)> {
    let (colour, reason) = match (by_limits, by_trend) {
        (Some(l), Some(t)) if t > l => (t, AlertReason::Trend),
        (Some(l), _) => (l, AlertReason::Value),
        (None, Some(t)) => (t, AlertReason::Trend),
        (None, None) => return None,
    };
    (colour != Colour::Green).then_some((colour, reason))
}

/// The traffic light of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Colour {
    Green,
    Yellow,
    Red,
}

impl Colour {
    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Colour::Green, Colour::Yellow, Colour::Red]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// How long an alert may wait unacknowledged before the unit is notified again (through
/// the outbox, to the unit's alert address), by colour, in minutes; none: never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    #[serde(default)]
    pub red_after_minutes: Option<u32>,
    #[serde(default)]
    pub yellow_after_minutes: Option<u32>,
}

impl Escalation {
    /// When an alert of `colour` raised at `raised` escalates, if the program says.
    pub fn due(
        &self,
        colour: Colour,
        raised: chrono::DateTime<chrono::Utc>,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        let minutes = match colour {
            Colour::Red => self.red_after_minutes,
            Colour::Yellow => self.yellow_after_minutes,
            Colour::Green => None,
        }?;
        Some(raised + chrono::Duration::minutes(i64::from(minutes)))
    }
}

/// "No measurement in N days": an alert of `colour` (yellow or red) when an active
/// patient has registered no `measurement` for `days` days.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingData {
    pub measurement: String,
    pub days: u32,
    pub colour: String,
}

/// A change over days: an alert of `colour` when a new value is more than `rise_above`
/// above the lowest, or more than `fall_above` below the highest, of the patient's values
/// of the last `days` days (e.g. weight up 2 kg in 3 days in heart failure).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendRule {
    pub measurement: String,
    pub days: u32,
    #[serde(default)]
    pub rise_above: Option<f64>,
    #[serde(default)]
    pub fall_above: Option<f64>,
    pub colour: String,
}

impl MissingData {
    /// The colour of the alert for a measurement not registered in time; `None` for a
    /// colour the program names wrongly (the package check refuses it).
    pub fn alert_colour(&self) -> Option<Colour> {
        Colour::parse(&self.colour)
    }
}

impl TrendRule {
    /// The change that breaks the rule, if `value` does against `earlier` values.
    pub fn broken_by(&self, value: f64, earlier: &[f64]) -> Option<f64> {
        let lowest = earlier.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = earlier.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if let Some(limit) = self.rise_above
            && lowest.is_finite()
            && value - lowest > limit
        {
            return Some(value - lowest);
        }
        if let Some(limit) = self.fall_above
            && highest.is_finite()
            && highest - value > limit
        {
            return Some(value - highest);
        }
        None
    }
}

/// A questionnaire score whose band raises an alert: `red_bands` red, `yellow_bands`
/// yellow (band codes from the scoring definition).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRule {
    /// The score's code in its scoring definition.
    pub score: String,
    #[serde(default)]
    pub yellow_bands: Vec<String>,
    #[serde(default)]
    pub red_bands: Vec<String>,
}

impl ScoreRule {
    /// The colour of a score in `band`, if the rule names it.
    pub fn colour(&self, band: &str) -> Option<Colour> {
        if self.red_bands.iter().any(|b| b == band) {
            Some(Colour::Red)
        } else if self.yellow_bands.iter().any(|b| b == band) {
            Some(Colour::Yellow)
        } else {
            None
        }
    }
}

/// What the patient is told for each colour.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    pub green: String,
    pub yellow: String,
    pub red: String,
}

/// The limits of one measurement. A value below `red_below` or above `red_above` is red;
/// otherwise below `yellow_below` or above `yellow_above` is yellow; otherwise green.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasurementLimits {
    /// The measurement's key (`spo2`, `vekt`, ...).
    pub measurement: String,
    #[serde(default)]
    pub red_below: Option<f64>,
    #[serde(default)]
    pub yellow_below: Option<f64>,
    #[serde(default)]
    pub yellow_above: Option<f64>,
    #[serde(default)]
    pub red_above: Option<f64>,
    pub advice: Advice,
}

/// The four numbers of a set of limits, without the advice: what a clinician sets for one
/// patient.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Limits {
    pub red_below: Option<f64>,
    pub yellow_below: Option<f64>,
    pub yellow_above: Option<f64>,
    pub red_above: Option<f64>,
}

impl MeasurementLimits {
    /// The numbers of these limits.
    pub fn limits(&self) -> Limits {
        Limits {
            red_below: self.red_below,
            yellow_below: self.yellow_below,
            yellow_above: self.yellow_above,
            red_above: self.red_above,
        }
    }

    /// These limits with a patient's own numbers, keeping the advice.
    pub fn personal(&self, own: &Limits) -> MeasurementLimits {
        MeasurementLimits {
            measurement: self.measurement.clone(),
            red_below: own.red_below,
            yellow_below: own.yellow_below,
            yellow_above: own.yellow_above,
            red_above: own.red_above,
            advice: self.advice.clone(),
        }
    }

    pub fn colour(&self, value: f64) -> Colour {
        let below = |limit: Option<f64>| limit.is_some_and(|l| value < l);
        let above = |limit: Option<f64>| limit.is_some_and(|l| value > l);
        if below(self.red_below) || above(self.red_above) {
            Colour::Red
        } else if below(self.yellow_below) || above(self.yellow_above) {
            Colour::Yellow
        } else {
            Colour::Green
        }
    }

    pub fn advice(&self, colour: Colour) -> &str {
        match colour {
            Colour::Green => &self.advice.green,
            Colour::Yellow => &self.advice.yellow,
            Colour::Red => &self.advice.red,
        }
    }

    /// What is wrong with the limits, for the package check: red must lie outside
    /// yellow, and at least one limit must be set.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let limits = [
            self.red_below,
            self.yellow_below,
            self.yellow_above,
            self.red_above,
        ];
        if limits.iter().all(Option::is_none) {
            out.push(format!(
                "the limits of `{}` set no limit: give red_below, yellow_below, yellow_above or red_above",
                self.measurement
            ));
        }
        if let (Some(r), Some(y)) = (self.red_below, self.yellow_below)
            && r > y
        {
            out.push(format!(
                "`{}`: red_below must not be above yellow_below",
                self.measurement
            ));
        }
        if let (Some(r), Some(y)) = (self.red_above, self.yellow_above)
            && r < y
        {
            out.push(format!(
                "`{}`: red_above must not be below yellow_above",
                self.measurement
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spo2() -> MeasurementLimits {
        MeasurementLimits {
            measurement: "spo2".into(),
            red_below: Some(90.0),
            yellow_below: Some(94.0),
            yellow_above: None,
            red_above: None,
            advice: Advice {
                green: "Fint.".into(),
                yellow: "Vi ringer deg.".into(),
                red: "Ring nå.".into(),
            },
        }
    }

    #[test]
    fn a_value_below_the_red_limit_is_red_and_between_the_limits_yellow() {
        let l = spo2();
        assert_eq!(l.colour(88.0), Colour::Red);
        assert_eq!(
            l.colour(90.0),
            Colour::Yellow,
            "the limit itself is not below it"
        );
        assert_eq!(l.colour(93.0), Colour::Yellow);
        assert_eq!(l.colour(97.0), Colour::Green);
        assert_eq!(l.advice(Colour::Red), "Ring nå.");
        assert!(l.problems().is_empty());
    }

    #[test]
    fn a_patients_own_limits_replace_the_numbers_and_keep_the_advice() {
        let own = spo2().personal(&Limits {
            red_below: Some(85.0),
            yellow_below: Some(88.0),
            ..Limits::default()
        });
        assert_eq!(own.colour(88.0), Colour::Green);
        assert_eq!(own.colour(86.0), Colour::Yellow);
        assert_eq!(own.colour(84.0), Colour::Red);
        assert_eq!(own.advice(Colour::Red), "Ring nå.");
        assert_eq!(own.limits().red_below, Some(85.0));
    }

    #[test]
    fn a_rise_or_fall_past_the_limit_within_the_days_breaks_a_trend_rule() {
        let rule = TrendRule {
            measurement: "vekt".into(),
            days: 3,
            rise_above: Some(2.0),
            fall_above: Some(3.0),
            colour: "yellow".into(),
        };
        assert_eq!(rule.broken_by(77.5, &[75.0, 76.0]), Some(2.5));
        assert_eq!(
            rule.broken_by(77.0, &[75.0, 76.0]),
            None,
            "2.0 is not above 2"
        );
        assert_eq!(rule.broken_by(71.5, &[75.0]), Some(-3.5));
        assert_eq!(
            rule.broken_by(72.0, &[75.0]),
            None,
            "3.0 is not more than 3"
        );
        assert_eq!(rule.broken_by(80.0, &[]), None, "nothing to compare with");
    }

    /// Limits on both sides, for the boundaries.
    fn pulse() -> MeasurementLimits {
        MeasurementLimits {
            measurement: "puls".into(),
            red_below: Some(40.0),
            yellow_below: Some(50.0),
            yellow_above: Some(110.0),
            red_above: Some(130.0),
            advice: spo2().advice,
        }
    }

    #[test]
    fn a_value_exactly_at_a_limit_keeps_the_milder_colour_on_both_sides() {
        let l = pulse();
        assert_eq!(l.colour(39.9), Colour::Red);
        assert_eq!(l.colour(40.0), Colour::Yellow, "at red_below: not below it");
        assert_eq!(l.colour(49.9), Colour::Yellow);
        assert_eq!(l.colour(50.0), Colour::Green, "at yellow_below");
        assert_eq!(
            l.colour(110.0),
            Colour::Green,
            "at yellow_above: not above it"
        );
        assert_eq!(l.colour(110.1), Colour::Yellow);
        assert_eq!(l.colour(130.0), Colour::Yellow, "at red_above");
        assert_eq!(l.colour(130.1), Colour::Red);
        assert_eq!(l.advice(Colour::Green), "Fint.");
        assert_eq!(l.advice(Colour::Yellow), "Vi ringer deg.");
    }

    #[test]
    fn equal_red_and_yellow_limits_are_allowed_and_crossed_ones_named() {
        let mut l = pulse();
        l.red_below = Some(50.0);
        l.red_above = Some(110.0);
        assert!(l.problems().is_empty(), "{:?}", l.problems());
        l.red_below = Some(50.1);
        assert_eq!(l.problems().len(), 1);
        l.red_below = Some(40.0);
        l.red_above = Some(109.9);
        assert_eq!(l.problems().len(), 1);
        assert!(l.problems()[0].contains("red_above"), "{:?}", l.problems());
    }

    #[test]
    fn an_alert_escalates_after_its_colours_minutes_and_green_never() {
        let e = Escalation {
            red_after_minutes: Some(60),
            yellow_after_minutes: Some(240),
        };
        let raised = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        assert_eq!(
            e.due(Colour::Red, raised),
            Some(raised + chrono::Duration::minutes(60))
        );
        assert_eq!(
            e.due(Colour::Yellow, raised),
            Some(raised + chrono::Duration::minutes(240))
        );
        assert_eq!(e.due(Colour::Green, raised), None);
        assert_eq!(Escalation::default().due(Colour::Red, raised), None);
    }

    #[test]
    fn a_score_rule_colours_the_bands_it_names_red_first() {
        let rule = ScoreRule {
            score: "phq-9".into(),
            yellow_bands: vec!["moderate".into(), "both".into()],
            red_bands: vec!["severe".into(), "both".into()],
        };
        assert_eq!(rule.colour("severe"), Some(Colour::Red));
        assert_eq!(rule.colour("moderate"), Some(Colour::Yellow));
        assert_eq!(rule.colour("both"), Some(Colour::Red));
        assert_eq!(rule.colour("mild"), None);
    }

    #[test]
    fn colours_keep_their_codes_and_names() {
        for c in [Colour::Green, Colour::Yellow, Colour::Red] {
            assert_eq!(Colour::parse(c.as_str()), Some(c));
        }
        assert_eq!(Colour::parse("blue"), None);
        assert!(Colour::Red > Colour::Yellow && Colour::Yellow > Colour::Green);
    }

    #[test]
    fn limits_in_the_wrong_order_or_none_at_all_are_named() {
        let mut l = spo2();
        l.red_below = Some(95.0);
        assert_eq!(l.problems().len(), 1);
        l.red_below = None;
        l.yellow_below = None;
        assert_eq!(l.problems().len(), 1);
    }
}

#[cfg(test)]
mod judge_tests {
    use super::{AlertReason, Colour, judge};
    use Colour::{Green, Red, Yellow};

    #[test]
    fn the_worse_of_limits_and_trend_decides_and_a_tie_is_the_limits() {
        assert_eq!(judge(None, None), None);
        assert_eq!(judge(Some(Green), None), None);
        assert_eq!(judge(Some(Green), Some(Green)), None);
        assert_eq!(
            judge(Some(Yellow), None),
            Some((Yellow, AlertReason::Value))
        );
        assert_eq!(
            judge(Some(Red), Some(Yellow)),
            Some((Red, AlertReason::Value))
        );
        assert_eq!(
            judge(Some(Yellow), Some(Yellow)),
            Some((Yellow, AlertReason::Value))
        );
        assert_eq!(
            judge(Some(Yellow), Some(Red)),
            Some((Red, AlertReason::Trend))
        );
        assert_eq!(
            judge(Some(Green), Some(Yellow)),
            Some((Yellow, AlertReason::Trend))
        );
        assert_eq!(judge(None, Some(Red)), Some((Red, AlertReason::Trend)));
    }

    #[test]
    fn reasons_keep_their_codes() {
        for r in [
            AlertReason::Value,
            AlertReason::Trend,
            AlertReason::Score,
            AlertReason::Missing,
            AlertReason::Expired,
        ] {
            assert_eq!(AlertReason::from_code(r.as_str()), r);
        }
    }
}
