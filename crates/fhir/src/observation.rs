//! A computed score as a FHIR R4 `Observation` derived from its QuestionnaireResponse,
//! so dashboards and API clients can query scores without re-scoring the answers.

use carepath_i18n::Text;
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
                "text": Text::new("fhir-score-missing").with("missing", score.missing).words(carepath_i18n::Lang::Nb)
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

/// The vital-signs category of self-registered measurements.
const VITAL_SIGNS: &str = "vital-signs";

/// The Observation of one self-registered measurement.
pub fn measurement_observation(
    id: &str,
    patient_id: &str,
    kind: carepath_domain::measurement::MeasurementKind,
    value: f64,
    effective: &str,
) -> Value {
    let i = kind.info();
    json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": [{ "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": VITAL_SIGNS, "display": "Vital Signs"
        }]}],
        "code": {
            "coding": [{ "system": i.system, "code": i.code, "display": i.display }],
            // The record's language (decision 0029).
            "text": carepath_i18n::t(carepath_i18n::Lang::Nb, carepath_i18n::measurement_keys(kind).0),
        },
        "subject": { "reference": format!("Patient/{patient_id}") },
        "effectiveDateTime": effective,
        "valueQuantity": {
            "value": value, "unit": carepath_i18n::measurement_unit(kind).words(carepath_i18n::Lang::Nb),
            "system": carepath_domain::measurement::UCUM, "code": i.unit,
        },
    })
}

/// A measurement sent as an `Observation`: what, which value, when (`effectiveDateTime`,
/// RFC 3339), and whom (`subject`). Every problem is named at its element; out-of-range
/// values with the plausible range (never the value sent).
pub fn read_measurement(
    resource: &Value,
) -> Result<
    (
        carepath_domain::measurement::MeasurementKind,
        f64,
        String,
        String,
    ),
    Vec<crate::outcome::Issue>,
> {
    use carepath_domain::measurement::{MeasurementKind, UCUM};
    let mut issues = Vec::new();
    let mut problem = |text: Text, at: &str| {
        issues.push(crate::outcome::Issue {
            code: "invalid",
            diagnostics: text,
            expression: Some(at.to_owned()),
        });
    };
    if resource["resourceType"] != "Observation" {
        problem(
            Text::new("api-resource-type").with("type", "Observation"),
            "resourceType",
        );
    }
    let kind = resource["code"]["coding"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|c| MeasurementKind::from_code(c["system"].as_str()?, c["code"].as_str()?));
    if kind.is_none() {
        let known: Vec<String> = MeasurementKind::ALL
            .iter()
            .map(|k| format!("{}|{}", k.info().system, k.info().code))
            .collect();
        problem(
            Text::new("api-observation-code").with("known", known.join(", ")),
            "Observation.code",
        );
    }
    let q = &resource["valueQuantity"];
    let value = q["value"].as_f64();
    if value.is_none() {
        problem(
            Text::new("api-observation-value"),
            "Observation.valueQuantity.value",
        );
    }
    if let Some(k) = kind {
        let unit_ok = q["code"].as_str() == Some(k.info().unit)
            && q["system"].as_str().is_none_or(|s| s == UCUM);
        if !unit_ok {
            problem(
                Text::new("api-observation-unit")
                    .with("code", k.info().unit)
                    .with("shown", carepath_i18n::measurement_unit(k)),
                "Observation.valueQuantity.code",
            );
        }
        if let Some(Err(e)) = value.map(|v| k.check(v)) {
            problem(
                carepath_i18n::measurement_problem(k, &e),
                "Observation.valueQuantity.value",
            );
        }
    }
    let effective = resource["effectiveDateTime"].as_str().map(str::to_owned);
    if effective
        .as_deref()
        .is_none_or(|e| chrono::DateTime::parse_from_rfc3339(e).is_err())
    {
        problem(
            Text::new("api-observation-effective"),
            "Observation.effectiveDateTime",
        );
    }
    let subject = resource["subject"]["reference"]
        .as_str()
        .and_then(|r| r.strip_prefix("Patient/"))
        .map(str::to_owned);
    if subject.is_none() {
        problem(Text::new("api-subject"), "Observation.subject");
    }
    match (kind, value, effective, subject) {
        (Some(k), Some(v), Some(e), Some(s)) if issues.is_empty() => Ok((k, v, e, s)),
        _ => Err(issues),
    }
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

    #[test]
    fn a_measurement_round_trips_and_a_typing_error_is_named_with_its_range() {
        use carepath_domain::measurement::MeasurementKind;
        let o = measurement_observation(
            "m1",
            "p1",
            MeasurementKind::OxygenSaturation,
            88.0,
            "2027-01-04T08:00:00+01:00",
        );
        let (kind, value, when, who) = read_measurement(&o).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (kind, value, when.as_str(), who.as_str()),
            (
                MeasurementKind::OxygenSaturation,
                88.0,
                "2027-01-04T08:00:00+01:00",
                "p1"
            )
        );
        let mut typo = o.clone();
        typo["valueQuantity"]["value"] = json!(150);
        typo["effectiveDateTime"] = json!("i dag");
        let issues = read_measurement(&typo).err().unwrap_or_default();
        let at: Vec<_> = issues
            .iter()
            .filter_map(|i| i.expression.as_deref())
            .collect();
        assert_eq!(
            at,
            [
                "Observation.valueQuantity.value",
                "Observation.effectiveDateTime"
            ]
        );
        let nb = issues[0].diagnostics.words(carepath_i18n::Lang::Nb);
        assert!(nb.contains("mellom 50 og 100 %"), "{nb}");
        assert!(!nb.contains("150"));
        let en = issues[0].diagnostics.words(carepath_i18n::Lang::En);
        assert!(en.contains("between 50 and 100 %"), "{en}");
    }
}
