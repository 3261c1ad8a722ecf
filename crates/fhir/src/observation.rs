//! A computed score as a FHIR R4 `Observation` derived from its QuestionnaireResponse,
//! so dashboards and API clients can query scores without re-scoring the answers.

use serde_json::{Value, json};

use crate::scoring::{Score, ScoreRule};

/// carepath's code system for scores: the code is the score's `code` in its definition.
pub const SCORE_SYSTEM: &str = "https://carepath.no/fhir/CodeSystem/score";
/// carepath's code system for severity bands.
pub const BAND_SYSTEM: &str = "https://carepath.no/fhir/CodeSystem/score-band";

/// The Observation of one score. `effective` is the response's `authored` time.
pub fn score_observation(
    id: &str,
    patient_id: &str,
    response_id: &str,
    effective: &str,
    rule: &ScoreRule,
    score: &Score,
) -> Value {
    let mut coding =
        vec![json!({ "system": SCORE_SYSTEM, "code": rule.code, "display": rule.title })];
    coding.extend(
        rule.coding
            .iter()
            .map(|c| serde_json::to_value(c).unwrap_or(Value::Null)),
    );
    let mut o = json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": [{ "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey", "display": "Survey"
        }]}],
        "code": { "coding": coding, "text": rule.title },
        "subject": { "reference": format!("Patient/{patient_id}") },
        "effectiveDateTime": effective,
        "derivedFrom": [{ "reference": format!("QuestionnaireResponse/{response_id}") }],
    });
    match score.value {
        Some(v) => {
            o["valueQuantity"] = json!({
                "value": v, "unit": "score",
                "system": "http://unitsofmeasure.org", "code": "{score}"
            });
        }
        None => {
            o["dataAbsentReason"] = json!({
                "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                             "code": "not-performed", "display": "Not Performed" }],
                "text": format!("{} av spørsmålene er ikke besvart; for mange til å regne ut en skår.", score.missing)
            });
        }
    }
    if let Some((code, label)) = &score.band {
        o["interpretation"] = json!([{
            "coding": [{ "system": BAND_SYSTEM, "code": code, "display": label }],
            "text": label
        }]);
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_without_a_value_says_why() {
        let rule: ScoreRule = serde_json::from_value(json!({
            "code": "t", "title": "T", "items": [{"linkId": "a"}],
            "coding": [{"system": "http://loinc.org", "code": "1-8"}]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let o = score_observation(
            "o1",
            "p1",
            "r1",
            "2026-11-23T08:00:00Z",
            &rule,
            &Score {
                code: "t".into(),
                value: None,
                band: None,
                missing: 2,
            },
        );
        assert!(o.get("valueQuantity").is_none());
        assert_eq!(o["dataAbsentReason"]["coding"][0]["code"], "not-performed");
        assert_eq!(o["code"]["coding"][1]["code"], "1-8");
        assert_eq!(o["derivedFrom"][0]["reference"], "QuestionnaireResponse/r1");
    }
}
