//! Scoring as data, not code per instrument: a scoring definition sits beside a
//! questionnaire, bound to it by canonical `url|version`, and says which items make each
//! score, from answer values or option weights (SDC `itemWeight`, or the older
//! `ordinalValue`), how to combine and scale them, how many items may be missing, the
//! severity bands, and the responder rule against a baseline. Format: `docs/scoring.md`.

use serde::{Deserialize, Serialize};

use crate::questionnaire::{AnswerOption, Item};
use crate::response::Answer;
use crate::{Questionnaire, QuestionnaireResponse, extension_value};

/// SDC 4.0's answer weight.
pub const ITEM_WEIGHT: &str = "http://hl7.org/fhir/StructureDefinition/itemWeight";
/// The older spelling (SDC 3.0 and earlier).
pub const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

/// The scores of one questionnaire version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoringDefinition {
    /// The questionnaire's canonical `url|version`.
    pub questionnaire: String,
    pub scores: Vec<ScoreRule>,
}

/// One total or subscale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreRule {
    /// A short code, e.g. `total` or `pain`.
    pub code: String,
    /// The name people see (bokmål).
    pub title: String,
    /// A plain-language sentence telling the patient what the score measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The calculated item (readOnly, by the SDC convention) that receives the score in
    /// the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_id: Option<String>,
    /// Standard codes of the score (e.g. LOINC) for its Observation, beside carepath's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<crate::Coding>,
    pub items: Vec<ScoredItem>,
    /// Whether an item counts with its answer's value or its option's weight.
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub combine: Combine,
    /// How many of the items may be unanswered before there is no score.
    #[serde(default)]
    pub max_missing: usize,
    /// Scaling after combining: `(combined + add) * multiply`.
    #[serde(default)]
    pub add: f64,
    #[serde(default = "one")]
    pub multiply: f64,
    /// Ascending by `from`; a score is in the last band it reaches.
    #[serde(default)]
    pub bands: Vec<Band>,
    #[serde(default)]
    pub responder: Option<Responder>,
    /// Shown to the patient only when it lands in an urgent band (a single item watched
    /// for safety, such as PHQ-9's question 9); the care team always sees it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quiet: bool,
}

fn one() -> f64 {
    1.0
}

/// An item of a score, with the factor its value is multiplied by (days of 10 x 10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoredItem {
    pub link_id: String,
    #[serde(default = "one")]
    pub factor: f64,
    /// Points per answer code, for a questionnaire written elsewhere whose options carry
    /// no weights; used before the options' own weights.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub points: std::collections::BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The number answered (integer or decimal items).
    #[default]
    Value,
    /// The weight of the chosen option.
    Weight,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Combine {
    #[default]
    Sum,
    /// The mean of the answered items (missing items do not count).
    Mean,
}

/// A severity band starting at `from` (inclusive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Band {
    pub from: f64,
    pub code: String,
    pub label: String,
    /// What the band means, in plain language, for the patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The patient must read the description at once: it is shown first, as a warning
    /// (crisis advice).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub urgent: bool,
}

/// Who counts as improved against their baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Responder {
    /// The smallest change in the better direction that counts.
    pub change_at_least: f64,
    pub better: Direction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Lower,
    Higher,
}

/// One computed score.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub code: String,
    /// `None` when more items are missing than the rule allows.
    pub value: Option<f64>,
    /// The band's code and label.
    pub band: Option<(String, String)>,
    pub missing: usize,
}

/// Why a definition does not fit its questionnaire (reported at import). Worded by
/// [`ScoringError::text`], in English for the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoringError {
    WrongQuestionnaire { expected: String, found: String },
    UnknownItem { score: String, link_id: String },
    NoWeight { score: String, link_id: String },
    BandsOutOfOrder { score: String },
    NotANumberItem { score: String, link_id: String },
    DuplicateCode(String),
}

impl ScoringError {
    /// What is wrong, to be worded in the reader's language.
    pub fn text(&self) -> carepath_i18n::Text {
        use carepath_i18n::Text;
        match self {
            ScoringError::WrongQuestionnaire { expected, found } => {
                Text::new("api-score-questionnaire")
                    .with("expected", expected.as_str())
                    .with("found", found.as_str())
            }
            ScoringError::UnknownItem { score, link_id } => Text::new("api-score-item")
                .with("score", score.as_str())
                .with("item", link_id.as_str()),
            ScoringError::NoWeight { score, link_id } => Text::new("api-score-weight")
                .with("score", score.as_str())
                .with("item", link_id.as_str()),
            ScoringError::BandsOutOfOrder { score } => {
                Text::new("api-score-bands").with("score", score.as_str())
            }
            ScoringError::NotANumberItem { score, link_id } => Text::new("api-score-number-item")
                .with("score", score.as_str())
                .with("item", link_id.as_str()),
            ScoringError::DuplicateCode(code) => {
                Text::new("api-score-duplicate").with("score", code.as_str())
            }
        }
    }
}

impl std::fmt::Display for ScoringError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().words(carepath_i18n::Lang::En))
    }
}

impl std::error::Error for ScoringError {}

/// The weight of an option, in either spelling.
pub fn option_weight(option: &AnswerOption) -> Option<f64> {
    extension_value(&option.extension, ITEM_WEIGHT)
        .or_else(|| extension_value(&option.extension, ORDINAL_VALUE))
        .and_then(serde_json::Value::as_f64)
}

fn find<'q>(q: &'q Questionnaire, link_id: &str) -> Option<&'q Item> {
    q.find(link_id)
}

impl ScoringDefinition {
    /// Every way the definition does not fit `q`; empty when it does.
    pub fn check(&self, q: &Questionnaire) -> Vec<ScoringError> {
        let mut problems = Vec::new();
        if self.questionnaire != q.canonical() {
            problems.push(ScoringError::WrongQuestionnaire {
                expected: self.questionnaire.clone(),
                found: q.canonical(),
            });
        }
        let mut codes = std::collections::BTreeSet::new();
        for rule in &self.scores {
            if !codes.insert(rule.code.as_str()) {
                problems.push(ScoringError::DuplicateCode(rule.code.clone()));
            }
            if let Some(link_id) = &rule.link_id {
                let number = find(q, link_id).and_then(Item::kind).is_some_and(|k| {
                    matches!(
                        k,
                        crate::ItemType::Integer
                            | crate::ItemType::Decimal
                            | crate::ItemType::Quantity
                    )
                });
                if !number {
                    problems.push(ScoringError::NotANumberItem {
                        score: rule.code.clone(),
                        link_id: link_id.clone(),
                    });
                }
            }
            if rule.bands.windows(2).any(|w| w[0].from >= w[1].from) {
                problems.push(ScoringError::BandsOutOfOrder {
                    score: rule.code.clone(),
                });
            }
            for scored in &rule.items {
                match find(q, &scored.link_id) {
                    None => problems.push(ScoringError::UnknownItem {
                        score: rule.code.clone(),
                        link_id: scored.link_id.clone(),
                    }),
                    Some(item)
                        if rule.source == Source::Weight
                            && (q.options(item).is_empty()
                                || q.options(item).iter().any(|o| {
                                    option_weight(o).is_none()
                                        && o.value_coding
                                            .as_ref()
                                            .and_then(|c| c.code.as_ref())
                                            .is_none_or(|c| !scored.points.contains_key(c))
                                })) =>
                    {
                        problems.push(ScoringError::NoWeight {
                            score: rule.code.clone(),
                            link_id: scored.link_id.clone(),
                        });
                    }
                    Some(_) => {}
                }
            }
        }
        problems
    }

    /// Computes the scores of `response` and writes each into its calculated item (the
    /// SDC convention; a score without a value clears nothing and writes nothing).
    pub fn apply(&self, q: &Questionnaire, response: &mut QuestionnaireResponse) -> Vec<Score> {
        let scores = self.score(q, response);
        for (rule, score) in self.scores.iter().zip(&scores) {
            let (Some(link_id), Some(value)) = (&rule.link_id, score.value) else {
                continue;
            };
            let answer = match find(q, link_id).and_then(Item::kind) {
                Some(crate::ItemType::Integer) => Answer::ValueInteger(value.round() as i64),
                Some(crate::ItemType::Quantity) => {
                    Answer::ValueQuantity(crate::response::Quantity {
                        value,
                        unit: None,
                        system: None,
                        code: None,
                    })
                }
                _ => Answer::ValueDecimal(value),
            };
            response.set_answer(q, link_id, answer);
        }
        scores
    }

    /// The rule of the score `code`.
    pub fn rule(&self, code: &str) -> Option<&ScoreRule> {
        self.scores.iter().find(|r| r.code == code)
    }

    /// The scores of `response` (which must answer `q`, checked by [`Self::check`] first).
    pub fn score(&self, q: &Questionnaire, response: &QuestionnaireResponse) -> Vec<Score> {
        let answers = response.answers_by_link_id();
        self.scores
            .iter()
            .map(|rule| {
                let mut values = Vec::new();
                let mut missing = 0;
                for scored in &rule.items {
                    let value = answers
                        .get(&scored.link_id)
                        .and_then(|a| a.first())
                        .and_then(|a| item_value(rule.source, q, scored, a));
                    match value {
                        Some(v) => values.push(v * scored.factor),
                        None => missing += 1,
                    }
                }
                let value = (missing <= rule.max_missing && !values.is_empty()).then(|| {
                    let combined: f64 = values.iter().sum();
                    let combined = match rule.combine {
                        Combine::Sum => combined,
                        Combine::Mean => combined / values.len() as f64,
                    };
                    (combined + rule.add) * rule.multiply
                });
                Score {
                    code: rule.code.clone(),
                    band: value.and_then(|v| rule.band(v)),
                    value,
                    missing,
                }
            })
            .collect()
    }
}

impl ScoreRule {
    /// The band `value` falls in.
    pub fn band(&self, value: f64) -> Option<(String, String)> {
        self.bands
            .iter()
            .rev()
            .find(|b| value >= b.from)
            .map(|b| (b.code.clone(), b.label.clone()))
    }

    /// The band `value` falls in, whole.
    pub fn band_of(&self, value: f64) -> Option<&Band> {
        self.bands.iter().rev().find(|b| value >= b.from)
    }

    /// Whether going from `baseline` to `now` is a response by this rule.
    pub fn is_responder(&self, baseline: f64, now: f64) -> Option<bool> {
        let rule = self.responder.as_ref()?;
        let change = match rule.better {
            Direction::Lower => baseline - now,
            Direction::Higher => now - baseline,
        };
        Some(change >= rule.change_at_least)
    }
}

fn item_value(
    source: Source,
    q: &Questionnaire,
    scored: &ScoredItem,
    answer: &Answer,
) -> Option<f64> {
    if let Answer::ValueCoding(c) = answer
        && let Some(points) = c.code.as_ref().and_then(|code| scored.points.get(code))
    {
        return Some(*points);
    }
    match source {
        Source::Value => answer.number(),
        Source::Weight => q
            .options(find(q, &scored.link_id)?)
            .iter()
            .find(|o| o.matches(answer))
            .and_then(option_weight),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FormAnswers;

    fn ibs() -> (Questionnaire, ScoringDefinition) {
        let q: Questionnaire = serde_json::from_str(include_str!(
            "../../../content/ibs-school/questionnaires/ibs-symptomskaar.json"
        ))
        .unwrap_or_else(|e| panic!("questionnaire: {e}"));
        let d: ScoringDefinition = serde_json::from_str(include_str!(
            "../../../content/ibs-school/scoring/ibs-symptomskaar.json"
        ))
        .unwrap_or_else(|e| panic!("scoring: {e}"));
        (q, d)
    }

    fn answer(q: &Questionnaire, values: &[(&str, &str)]) -> QuestionnaireResponse {
        let answers: FormAnswers = values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), vec![(*v).to_owned()]))
            .collect();
        QuestionnaireResponse::from_form(q, &answers, "2026-11-23T08:00:00Z")
            .unwrap_or_else(|p| panic!("{p:?}"))
    }

    #[test]
    fn the_ibs_sss_total_scales_days_and_falls_in_its_band() {
        let (q, d) = ibs();
        assert_eq!(d.check(&q), vec![]);
        let r = answer(
            &q,
            &[
                ("smerte-styrke", "60"),
                ("smerte-dager", "6"),
                ("oppblasthet", "55"),
                ("avforing-misnoye", "70"),
                ("livet-pavirket", "40"),
            ],
        );
        let scores = d.score(&q, &r);
        assert_eq!(scores[0].value, Some(285.0), "60 + 6x10 + 55 + 70 + 40");
        assert_eq!(
            scores[0].band.as_ref().map(|b| b.0.as_str()),
            Some("moderate")
        );
        let rule = &d.scores[0];
        for (value, band) in [
            (0.0, "remission"),
            (74.0, "remission"),
            (75.0, "mild"),
            (174.0, "mild"),
            (175.0, "moderate"),
            (299.0, "moderate"),
            (300.0, "severe"),
            (500.0, "severe"),
        ] {
            assert_eq!(
                rule.band(value).map(|b| b.0),
                Some(band.to_owned()),
                "{value}"
            );
        }
        assert_eq!(rule.is_responder(285.0, 235.0), Some(true), "a drop of 50");
        assert_eq!(rule.is_responder(285.0, 236.0), Some(false));
    }

    #[test]
    fn weights_count_in_both_spellings_and_missing_items_follow_the_rule() {
        let q: Questionnaire = serde_json::from_value(serde_json::json!({
            "resourceType": "Questionnaire", "url": "urn:q", "version": "1", "status": "active",
            "item": [
                {"linkId": "a", "type": "choice", "answerOption": [
                    {"valueCoding": {"code": "no"}, "extension": [{"url": ITEM_WEIGHT, "valueDecimal": 0}]},
                    {"valueCoding": {"code": "yes"}, "extension": [{"url": ITEM_WEIGHT, "valueDecimal": 3}]}]},
                {"linkId": "b", "type": "choice", "answerOption": [
                    {"valueCoding": {"code": "no"}, "extension": [{"url": ORDINAL_VALUE, "valueDecimal": 0}]},
                    {"valueCoding": {"code": "yes"}, "extension": [{"url": ORDINAL_VALUE, "valueDecimal": 2}]}]},
                {"linkId": "c", "type": "integer"}
            ]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let d: ScoringDefinition = serde_json::from_value(serde_json::json!({
            "questionnaire": "urn:q|1",
            "scores": [{"code": "w", "title": "Vekter", "source": "weight", "maxMissing": 1,
                        "items": [{"linkId": "a"}, {"linkId": "b"}]},
                       {"code": "mean", "title": "Snitt", "combine": "mean", "add": -1, "multiply": 25,
                        "items": [{"linkId": "c"}]}]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.check(&q), vec![]);
        let both = answer(&q, &[("a", "yes"), ("b", "yes"), ("c", "3")]);
        let scores = d.score(&q, &both);
        assert_eq!(scores[0].value, Some(5.0));
        assert_eq!(scores[1].value, Some(50.0), "(3 - 1) x 25");
        let one_missing = answer(&q, &[("a", "yes")]);
        let scores = d.score(&q, &one_missing);
        assert_eq!((scores[0].value, scores[0].missing), (Some(3.0), 1));
        assert_eq!(scores[1].value, None, "nothing answered, no score");

        let strict = ScoringDefinition {
            scores: vec![ScoreRule {
                max_missing: 0,
                ..d.scores[0].clone()
            }],
            ..d.clone()
        };
        assert_eq!(strict.score(&q, &one_missing)[0].value, None);
    }

    fn shipped(key: &str) -> (Questionnaire, ScoringDefinition) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/ibs-school");
        let read = |p: std::path::PathBuf| {
            std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        };
        let q = serde_json::from_str(&read(dir.join(format!("questionnaires/{key}.json"))))
            .unwrap_or_else(|e| panic!("{key}: {e}"));
        let d = serde_json::from_str(&read(dir.join(format!("scoring/{key}.json"))))
            .unwrap_or_else(|e| panic!("{key}: {e}"));
        (q, d)
    }

    #[test]
    fn the_shipped_instruments_score_their_full_range_into_their_standard_bands() {
        // (key, option code for every item, total, band)
        for (key, pick, total, band) in [
            ("phq-9", "LA6571-9", 27.0, "severe"),
            ("phq-9", "LA6568-5", 0.0, "minimal"),
            ("gad-7", "LA6570-1", 14.0, "moderate"),
            ("gad-7", "LA6569-3", 7.0, "mild"),
            ("tilfredshet", "4", 32.0, "high"),
            ("tilfredshet", "1", 8.0, "low"),
        ] {
            let (q, d) = shipped(key);
            assert_eq!(q.check(), vec![], "{key}");
            assert_eq!(d.check(&q), vec![], "{key}");
            let answers: FormAnswers = d.scores[0]
                .items
                .iter()
                .map(|i| (i.link_id.clone(), vec![pick.to_owned()]))
                .collect();
            let mut r = answer(
                &q,
                &answers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v[0].as_str()))
                    .collect::<Vec<_>>(),
            );
            let scores = d.apply(&q, &mut r);
            assert_eq!(scores[0].value, Some(total), "{key} {pick}");
            assert_eq!(
                scores[0].band.as_ref().map(|b| b.0.as_str()),
                Some(band),
                "{key} {pick}"
            );
            let calculated = d.scores[0].link_id.as_deref().unwrap();
            assert_eq!(
                r.answers_by_link_id()[calculated][0].number(),
                Some(total),
                "{key}: written into {calculated}"
            );
        }
        // PHQ-9's difficulty question appears only when a problem was checked.
        let (q, _) = shipped("phq-9");
        let none: Vec<(String, Vec<String>)> = (1..=9)
            .map(|n| (format!("phq9-{n}"), vec!["LA6568-5".to_owned()]))
            .collect();
        let enabled = crate::response::enabled_items(
            &q,
            &crate::response::parse_form(&q, &none.iter().cloned().collect()).0,
        );
        assert!(!enabled.contains("phq9-difficulty"));
        let mut some = none.clone();
        some[4].1 = vec!["LA6569-3".to_owned()];
        let enabled = crate::response::enabled_items(
            &q,
            &crate::response::parse_form(&q, &some.into_iter().collect()).0,
        );
        assert!(enabled.contains("phq9-difficulty"));
    }

    #[test]
    fn a_definition_that_does_not_fit_its_questionnaire_says_why() {
        let (q, mut d) = ibs();
        d.questionnaire = "https://elsewhere|2".into();
        d.scores[0].items.push(ScoredItem {
            link_id: "finnes-ikke".into(),
            factor: 1.0,
            points: Default::default(),
        });
        d.scores[0].source = Source::Weight;
        d.scores[0].bands.reverse();
        let problems = d.check(&q);
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, ScoringError::WrongQuestionnaire { .. }))
        );
        assert!(problems.iter().any(
            |p| matches!(p, ScoringError::UnknownItem { link_id, .. } if link_id == "finnes-ikke")
        ));
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, ScoringError::NoWeight { .. }))
        );
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, ScoringError::BandsOutOfOrder { .. }))
        );
    }
}
