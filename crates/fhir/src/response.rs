//! FHIR R4 `QuestionnaireResponse`, and turning the raw answers of a form into one,
//! checked against its exact Questionnaire with every problem reported per item.

use std::collections::BTreeMap;

use crate::Coding;
use crate::questionnaire::{Item, ItemType, Questionnaire};

/// Raw answers from a form: linkId -> the values sent (several for repeating items).
pub type FormAnswers = BTreeMap<String, Vec<String>>;

/// A FHIR R4 QuestionnaireResponse.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    pub resource_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The canonical `url|version` of the questionnaire answered.
    pub questionnaire: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One answered item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    pub link_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Answer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// One answer value (`value[x]`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Answer {
    ValueBoolean(bool),
    ValueInteger(i64),
    ValueDecimal(f64),
    ValueString(String),
    ValueCoding(Coding),
}

impl Answer {
    /// The value as a form would send it back (to refill a form).
    pub fn form_value(&self) -> String {
        match self {
            Answer::ValueBoolean(b) => b.to_string(),
            Answer::ValueInteger(i) => i.to_string(),
            Answer::ValueDecimal(d) => d.to_string(),
            Answer::ValueString(s) => s.clone(),
            Answer::ValueCoding(c) => c.code.clone().unwrap_or_default(),
        }
    }
}

/// What is wrong with the answer to one item.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    Required,
    NotBoolean,
    NotInteger,
    NotNumber,
    BelowMin(f64),
    AboveMax(f64),
    NotAnOption,
    TooLong(u32),
    UnknownItem,
}

/// A problem with one item, with the item's FHIR path for API clients.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemProblem {
    pub link_id: String,
    pub path: String,
    pub kind: ProblemKind,
}

impl QuestionnaireResponse {
    /// Checks `answers` against `questionnaire` and builds a completed response, or
    /// returns every problem found.
    pub fn from_form(
        questionnaire: &Questionnaire,
        answers: &FormAnswers,
        authored: &str,
    ) -> Result<Self, Vec<ItemProblem>> {
        let mut problems = Vec::new();
        let known: std::collections::BTreeSet<&str> = questionnaire
            .all_items()
            .into_iter()
            .map(|i| i.link_id.as_str())
            .collect();
        for link_id in answers.keys() {
            if !known.contains(link_id.as_str()) {
                problems.push(ItemProblem {
                    link_id: link_id.clone(),
                    path: "QuestionnaireResponse.item".into(),
                    kind: ProblemKind::UnknownItem,
                });
            }
        }
        let item = convert_items(
            &questionnaire.item,
            answers,
            "QuestionnaireResponse",
            &mut problems,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            resource_type: "QuestionnaireResponse".into(),
            id: None,
            questionnaire: questionnaire.canonical(),
            status: "completed".into(),
            authored: Some(authored.to_owned()),
            item,
            extra: serde_json::Map::new(),
        })
    }

    /// The answers by linkId, depth first, to refill a form or show a summary.
    pub fn answers_by_link_id(&self) -> BTreeMap<String, Vec<Answer>> {
        fn walk(items: &[ResponseItem], out: &mut BTreeMap<String, Vec<Answer>>) {
            for i in items {
                if !i.answer.is_empty() {
                    out.insert(i.link_id.clone(), i.answer.clone());
                }
                walk(&i.item, out);
            }
        }
        let mut out = BTreeMap::new();
        walk(&self.item, &mut out);
        out
    }
}

fn convert_items(
    items: &[Item],
    answers: &FormAnswers,
    parent_path: &str,
    problems: &mut Vec<ItemProblem>,
) -> Vec<ResponseItem> {
    let mut out = Vec::new();
    for item in items {
        let path = format!("{parent_path}.item[{}]", out.len());
        match item.kind() {
            Some(ItemType::Display) | None => continue,
            Some(ItemType::Group) => {
                let children = convert_items(&item.item, answers, &path, problems);
                if !children.is_empty() {
                    out.push(ResponseItem {
                        link_id: item.link_id.clone(),
                        text: item.text.clone(),
                        answer: vec![],
                        item: children,
                    });
                }
            }
            Some(kind) => {
                let raw: Vec<&str> = answers
                    .get(&item.link_id)
                    .map(|v| {
                        v.iter()
                            .map(|s| s.trim())
                            .filter(|s| !s.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                let mut problem = |kind| {
                    problems.push(ItemProblem {
                        link_id: item.link_id.clone(),
                        path: path.clone(),
                        kind,
                    })
                };
                if raw.is_empty() {
                    if item.is_required() {
                        problem(ProblemKind::Required);
                    }
                    continue;
                }
                let mut values = Vec::new();
                for value in raw {
                    match convert(item, kind, value) {
                        Ok(a) => values.push(a),
                        Err(k) => problem(k),
                    }
                }
                if !values.is_empty() {
                    out.push(ResponseItem {
                        link_id: item.link_id.clone(),
                        text: item.text.clone(),
                        answer: values,
                        item: vec![],
                    });
                }
            }
        }
    }
    out
}

fn convert(item: &Item, kind: ItemType, value: &str) -> Result<Answer, ProblemKind> {
    let in_range = |n: f64| {
        if item.min_value().is_some_and(|min| n < min) {
            Err(ProblemKind::BelowMin(item.min_value().unwrap_or_default()))
        } else if item.max_value().is_some_and(|max| n > max) {
            Err(ProblemKind::AboveMax(item.max_value().unwrap_or_default()))
        } else {
            Ok(())
        }
    };
    match kind {
        ItemType::Boolean => match value {
            "true" | "ja" => Ok(Answer::ValueBoolean(true)),
            "false" | "nei" => Ok(Answer::ValueBoolean(false)),
            _ => Err(ProblemKind::NotBoolean),
        },
        ItemType::Integer => {
            let n: i64 = value.parse().map_err(|_| ProblemKind::NotInteger)?;
            in_range(n as f64)?;
            Ok(Answer::ValueInteger(n))
        }
        ItemType::Decimal => {
            // Norwegians write decimal commas.
            let n: f64 = value
                .replace(',', ".")
                .parse()
                .map_err(|_| ProblemKind::NotNumber)?;
            if !n.is_finite() {
                return Err(ProblemKind::NotNumber);
            }
            in_range(n)?;
            Ok(Answer::ValueDecimal(n))
        }
        ItemType::String | ItemType::Text => {
            let limit = item.max_length.unwrap_or(if kind == ItemType::String {
                500
            } else {
                10_000
            });
            if value.chars().count() > limit as usize {
                return Err(ProblemKind::TooLong(limit));
            }
            Ok(Answer::ValueString(value.to_owned()))
        }
        ItemType::Choice => {
            let option = item
                .answer_option
                .iter()
                .find(|o| o.key() == value)
                .ok_or(ProblemKind::NotAnOption)?;
            Ok(if let Some(c) = &option.value_coding {
                Answer::ValueCoding(c.clone())
            } else if let Some(i) = option.value_integer {
                Answer::ValueInteger(i)
            } else {
                Answer::ValueString(option.key())
            })
        }
        ItemType::Group | ItemType::Display => Err(ProblemKind::UnknownItem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questionnaire() -> Questionnaire {
        serde_json::from_value(serde_json::json!({
            "resourceType": "Questionnaire", "url": "https://example.org/q", "version": "2", "status": "active",
            "item": [
              {"linkId": "intro", "type": "display", "text": "Hei"},
              {"linkId": "g", "type": "group", "item": [
                {"linkId": "pain", "type": "integer", "required": true, "extension": [
                  {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
                  {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 100}]},
                {"linkId": "weight", "type": "decimal"},
                {"linkId": "kind", "type": "choice", "answerOption": [{"valueCoding": {"code": "a", "display": "A"}}]}
              ]},
              {"linkId": "ok", "type": "boolean", "required": true}
            ]
        }))
        .unwrap()
    }

    fn form(pairs: &[(&str, &str)]) -> FormAnswers {
        let mut f = FormAnswers::new();
        for (k, v) in pairs {
            f.entry((*k).to_owned()).or_default().push((*v).to_owned());
        }
        f
    }

    #[test]
    fn a_complete_form_becomes_a_completed_response_bound_to_the_version() {
        let r = QuestionnaireResponse::from_form(
            &questionnaire(),
            &form(&[
                ("pain", "40"),
                ("weight", "71,5"),
                ("kind", "a"),
                ("ok", "true"),
            ]),
            "2026-11-22T10:00:00Z",
        )
        .unwrap();
        assert_eq!(r.questionnaire, "https://example.org/q|2");
        let answers = r.answers_by_link_id();
        assert_eq!(answers["pain"], vec![Answer::ValueInteger(40)]);
        assert_eq!(answers["weight"], vec![Answer::ValueDecimal(71.5)]);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["item"][0]["item"][0]["answer"][0]["valueInteger"], 40);
    }

    #[test]
    fn every_problem_is_reported_against_its_item() {
        let problems = QuestionnaireResponse::from_form(
            &questionnaire(),
            &form(&[
                ("pain", "101"),
                ("weight", "tung"),
                ("kind", "z"),
                ("nope", "1"),
            ]),
            "2026-11-22T10:00:00Z",
        )
        .unwrap_err();
        let kinds: Vec<(&str, &ProblemKind)> = problems
            .iter()
            .map(|p| (p.link_id.as_str(), &p.kind))
            .collect();
        assert!(kinds.contains(&("nope", &ProblemKind::UnknownItem)));
        assert!(kinds.contains(&("pain", &ProblemKind::AboveMax(100.0))));
        assert!(kinds.contains(&("weight", &ProblemKind::NotNumber)));
        assert!(kinds.contains(&("kind", &ProblemKind::NotAnOption)));
        assert!(kinds.contains(&("ok", &ProblemKind::Required)));
        let pain = problems.iter().find(|p| p.link_id == "pain").unwrap();
        assert_eq!(pain.path, "QuestionnaireResponse.item[0].item[0]");
    }
}
