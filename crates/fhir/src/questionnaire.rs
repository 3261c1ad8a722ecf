//! FHIR R4 `Questionnaire`: the first version of the model, enough to render and
//! validate the item types carepath's shipped forms use. Everything else is kept as
//! JSON and survives a round trip.

use crate::{Coding, Extension, extension_value};

pub const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
pub const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
pub const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
pub const SLIDER_STEP: &str =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-sliderStepValue";
/// carepath's own extension: labels at the low and high end of a slider.
pub const SLIDER_LABELS: &str = "https://carepath.no/fhir/StructureDefinition/slider-labels";

/// A FHIR R4 Questionnaire.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub resource_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub status: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Item>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Why a Questionnaire cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionnaireError {
    #[error("resourceType must be \"Questionnaire\", found \"{0}\"")]
    ResourceType(String),
    #[error("the questionnaire needs a canonical `url` and a `version`")]
    NoCanonical,
    #[error("linkId `{0}` is used more than once")]
    DuplicateLinkId(String),
    #[error("item `{link_id}` has type `{kind}`, which carepath cannot show yet")]
    UnsupportedType { link_id: String, kind: String },
    #[error("item `{0}` is a choice without answerOption")]
    NoOptions(String),
}

impl Questionnaire {
    /// Parses and checks a questionnaire, reporting every problem.
    pub fn check(&self) -> Vec<QuestionnaireError> {
        let mut problems = Vec::new();
        if self.resource_type != "Questionnaire" {
            problems.push(QuestionnaireError::ResourceType(self.resource_type.clone()));
        }
        if self.url.is_none() || self.version.is_none() {
            problems.push(QuestionnaireError::NoCanonical);
        }
        let mut seen = std::collections::BTreeSet::new();
        for item in self.all_items() {
            if !seen.insert(item.link_id.as_str()) {
                problems.push(QuestionnaireError::DuplicateLinkId(item.link_id.clone()));
            }
            match item.kind() {
                None => problems.push(QuestionnaireError::UnsupportedType {
                    link_id: item.link_id.clone(),
                    kind: item.type_.clone(),
                }),
                Some(ItemType::Choice) if item.answer_option.is_empty() => {
                    problems.push(QuestionnaireError::NoOptions(item.link_id.clone()))
                }
                Some(_) => {}
            }
        }
        problems
    }

    /// `url|version`, the key a response and a scoring definition are bound to.
    pub fn canonical(&self) -> String {
        format!(
            "{}|{}",
            self.url.as_deref().unwrap_or_default(),
            self.version.as_deref().unwrap_or_default()
        )
    }

    /// Every item, depth first.
    pub fn all_items(&self) -> Vec<&Item> {
        fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
            for item in items {
                out.push(item);
                walk(&item.item, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.item, &mut out);
        out
    }
}

/// The item types carepath renders today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemType {
    Group,
    Display,
    Boolean,
    Integer,
    Decimal,
    String,
    Text,
    Choice,
}

/// One item of a questionnaire.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub link_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(rename = "type")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Item>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Item {
    pub fn kind(&self) -> Option<ItemType> {
        Some(match self.type_.as_str() {
            "group" => ItemType::Group,
            "display" => ItemType::Display,
            "boolean" => ItemType::Boolean,
            "integer" => ItemType::Integer,
            "decimal" => ItemType::Decimal,
            "string" => ItemType::String,
            "text" => ItemType::Text,
            "choice" => ItemType::Choice,
            _ => return None,
        })
    }

    pub fn is_required(&self) -> bool {
        self.required.unwrap_or(false)
    }

    /// Whether the item expects an answer (not a group or display text).
    pub fn is_question(&self) -> bool {
        !matches!(
            self.kind(),
            Some(ItemType::Group | ItemType::Display) | None
        )
    }

    pub fn min_value(&self) -> Option<f64> {
        number(extension_value(&self.extension, MIN_VALUE)?)
    }

    pub fn max_value(&self) -> Option<f64> {
        number(extension_value(&self.extension, MAX_VALUE)?)
    }

    pub fn slider_step(&self) -> Option<f64> {
        number(extension_value(&self.extension, SLIDER_STEP)?)
    }

    /// The SDC itemControl code (`slider`, `radio-button`, `drop-down`, ...).
    pub fn item_control(&self) -> Option<&str> {
        let concept = extension_value(&self.extension, ITEM_CONTROL)?;
        concept.get("coding")?.get(0)?.get("code")?.as_str()
    }

    /// Texts at the low and high end of a slider, e.g. "no pain" and "very severe".
    pub fn slider_labels(&self) -> Option<(String, String)> {
        let v = extension_value(&self.extension, SLIDER_LABELS)?.as_str()?;
        let (low, high) = v.split_once('|')?;
        Some((low.trim().to_owned(), high.trim().to_owned()))
    }
}

fn number(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}

/// One permitted answer of a choice item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl AnswerOption {
    /// The value as sent by a form: the code, the string or the integer.
    pub fn key(&self) -> String {
        if let Some(c) = &self.value_coding {
            c.code.clone().unwrap_or_default()
        } else if let Some(s) = &self.value_string {
            s.clone()
        } else {
            self.value_integer
                .map(|i| i.to_string())
                .unwrap_or_default()
        }
    }

    /// What the person reading the form sees.
    pub fn label(&self) -> String {
        if let Some(c) = &self.value_coding {
            c.display
                .clone()
                .or_else(|| c.code.clone())
                .unwrap_or_default()
        } else {
            self.key()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
      "resourceType": "Questionnaire",
      "url": "https://example.org/q", "version": "1", "status": "active",
      "meta": {"profile": ["http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire"]},
      "item": [
        {"linkId": "1", "type": "integer", "text": "How many?", "required": true,
         "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
                       {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10}],
         "_text": {"extension": [{"url": "http://example.org/x", "valueString": "kept"}]}},
        {"linkId": "2", "type": "choice", "answerOption": [{"valueCoding": {"code": "a", "display": "A"}, "initialSelected": true}]}
      ]
    }"#;

    #[test]
    fn unknown_elements_survive_a_round_trip() {
        let q: Questionnaire = serde_json::from_str(SAMPLE).unwrap();
        let back = serde_json::to_value(&q).unwrap();
        let original: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
        assert_eq!(back, original);
        assert!(q.check().is_empty());
        assert_eq!(q.item[0].max_value(), Some(10.0));
    }

    #[test]
    fn check_reports_every_problem() {
        let mut q: Questionnaire = serde_json::from_str(SAMPLE).unwrap();
        q.url = None;
        q.item[1].answer_option.clear();
        q.item.push(q.item[0].clone());
        q.item[0].type_ = "attachment".into();
        let problems = q.check();
        assert_eq!(problems.len(), 4, "{problems:?}");
    }
}
