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

/// A value as a UCUM `valueQuantity`, its unit worded in the record's language.
fn quantity(kind: carepath_domain::measurement::MeasurementKind, value: f64) -> Value {
    json!({
        "value": value, "unit": carepath_i18n::measurement_unit(kind).words(carepath_i18n::Lang::Nb),
        "system": carepath_domain::measurement::UCUM, "code": kind.info().unit,
    })
}

/// The Observation of one self-registered entry: one value, or blood pressure as the
/// vital-signs panel (LOINC 85354-9) with a component for each number.
pub fn measurement_observation(
    id: &str,
    patient_id: &str,
    entry: carepath_domain::measurement::Entry,
    effective: &str,
) -> Value {
    use carepath_domain::measurement::{self as m, Entry};
    // The record's language (decision 0029).
    let nb = |key| carepath_i18n::t(carepath_i18n::Lang::Nb, key);
    let coded = |kind: m::MeasurementKind| {
        let i = kind.info();
        json!({
            "coding": [{ "system": i.system, "code": i.code, "display": i.display }],
            "text": nb(carepath_i18n::measurement_keys(kind).0),
        })
    };
    let mut o = json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": [{ "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": VITAL_SIGNS, "display": "Vital Signs"
        }]}],
        "subject": { "reference": format!("Patient/{patient_id}") },
        "effectiveDateTime": effective,
    });
    match entry {
        Entry::One(kind, value) => {
            o["code"] = coded(kind);
            o["valueQuantity"] = quantity(kind, value);
        }
        Entry::BloodPressure { .. } => {
            o["code"] = json!({
                "coding": [{ "system": m::LOINC, "code": m::BLOOD_PRESSURE_CODE,
                             "display": m::BLOOD_PRESSURE_DISPLAY }],
                "text": nb("measurement-blood-pressure"),
            });
            o["component"] = entry
                .values()
                .into_iter()
                .map(|(kind, value)| json!({ "code": coded(kind), "valueQuantity": quantity(kind, value) }))
                .collect();
        }
    }
    o
}

/// One coded value of a measurement (the Observation itself or a component): its kind,
/// and its value if it is there in the kind's unit; every problem named at `at`.
fn read_value(
    node: &Value,
    at: &str,
    problem: &mut impl FnMut(Text, &str),
) -> Option<(carepath_domain::measurement::MeasurementKind, Option<f64>)> {
    use carepath_domain::measurement::{MeasurementKind, UCUM};
    let kind = node["code"]["coding"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|c| MeasurementKind::from_code(c["system"].as_str()?, c["code"].as_str()?))?;
    let q = &node["valueQuantity"];
    let value = q["value"].as_f64();
    if value.is_none() {
        problem(
            Text::new("api-observation-value"),
            &format!("{at}.valueQuantity.value"),
        );
    }
    let unit_ok = q["code"].as_str() == Some(kind.info().unit)
        && q["system"].as_str().is_none_or(|s| s == UCUM);
    if !unit_ok {
        problem(
            Text::new("api-observation-unit")
                .with("code", kind.info().unit)
                .with("shown", carepath_i18n::measurement_unit(kind)),
            &format!("{at}.valueQuantity.code"),
        );
    }
    Some((kind, value))
}

/// A measurement sent as an `Observation`: what (one value, or the blood-pressure panel
/// with both its components), which value, when (`effectiveDateTime`, RFC 3339), and whom
/// (`subject`). Every problem is named at its element; out-of-range values with the
/// plausible range (never the value sent).
pub fn read_measurement(
    resource: &Value,
) -> Result<(carepath_domain::measurement::Entry, String, String), Vec<crate::outcome::Issue>> {
    use carepath_domain::measurement::{self as m, Entry, MeasurementKind};
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
    let panel = resource["code"]["coding"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|c| c["system"] == m::LOINC && c["code"] == m::BLOOD_PRESSURE_CODE);
    let entry = if panel {
        let mut of = |kind: MeasurementKind| {
            let found = resource["component"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
                .find_map(|(n, c)| {
                    let at = format!("Observation.component[{n}]");
                    let mut here = Vec::new();
                    let read =
                        read_value(c, &at, &mut |t: Text, a: &str| here.push((t, a.to_owned())))
                            .filter(|(k, _)| *k == kind)?;
                    Some((read, here))
                });
            match found {
                Some(((_, value), here)) => {
                    for (t, a) in here {
                        problem(t, &a);
                    }
                    value
                }
                None => {
                    problem(
                        Text::new("api-observation-component")
                            .with("code", kind.info().code)
                            .with("panel", m::BLOOD_PRESSURE_CODE),
                        "Observation.component",
                    );
                    None
                }
            }
        };
        let systolic = of(MeasurementKind::SystolicPressure);
        let diastolic = of(MeasurementKind::DiastolicPressure);
        systolic
            .zip(diastolic)
            .map(|(systolic, diastolic)| Entry::BloodPressure {
                systolic,
                diastolic,
            })
    } else {
        match read_value(resource, "Observation", &mut problem) {
            Some((kind, value)) => value.map(|v| Entry::One(kind, v)),
            None => {
                let known: Vec<String> = MeasurementKind::ALL
                    .iter()
                    .map(|k| (k.info().system, k.info().code))
                    .chain([(m::LOINC, m::BLOOD_PRESSURE_CODE)])
                    .map(|(system, code)| format!("{system}|{code}"))
                    .collect();
                problem(
                    Text::new("api-observation-code").with("known", known.join(", ")),
                    "Observation.code",
                );
                None
            }
        }
    };
    let entry = match entry.map(Entry::checked) {
        Some(Ok(e)) => Some(e),
        Some(Err(e)) => {
            let at = if panel {
                "Observation.component"
            } else {
                "Observation.valueQuantity.value"
            };
            problem(carepath_i18n::measurement_problem(&e), at);
            None
        }
        None => None,
    };
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
    match (entry, effective, subject) {
        (Some(en), Some(e), Some(s)) if issues.is_empty() => Ok((en, e, s)),
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
        use carepath_domain::measurement::{Entry, MeasurementKind};
        let o = measurement_observation(
            "m1",
            "p1",
            Entry::One(MeasurementKind::OxygenSaturation, 88.0),
            "2027-01-04T08:00:00+01:00",
        );
        let (entry, when, who) = read_measurement(&o).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (entry, when.as_str(), who.as_str()),
            (
                Entry::One(MeasurementKind::OxygenSaturation, 88.0),
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

    #[test]
    fn blood_pressure_is_one_panel_with_both_numbers_and_a_missing_one_is_named() {
        use carepath_domain::measurement::Entry;
        let bp = Entry::BloodPressure {
            systolic: 141.0,
            diastolic: 92.0,
        };
        let o = measurement_observation("m2", "p1", bp, "2027-01-04T08:00:00+01:00");
        assert_eq!(o["code"]["coding"][0]["code"], "85354-9");
        assert!(o.get("valueQuantity").is_none());
        assert_eq!(o["component"][0]["code"]["coding"][0]["code"], "8480-6");
        assert_eq!(o["component"][1]["valueQuantity"]["value"], 92.0);
        assert_eq!(o["component"][1]["valueQuantity"]["code"], "mm[Hg]");
        let (entry, ..) = read_measurement(&o).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(entry, bp);

        let mut half = o.clone();
        half["component"] = json!([o["component"][0].clone()]);
        let issues = read_measurement(&half).err().unwrap_or_default();
        assert_eq!(issues.len(), 1);
        assert_eq!(
            issues[0].expression.as_deref(),
            Some("Observation.component")
        );
        assert!(
            issues[0]
                .diagnostics
                .words(carepath_i18n::Lang::En)
                .contains("8462-4")
        );

        let mut swapped = o.clone();
        swapped["component"][0]["valueQuantity"]["value"] = json!(80);
        let issues = read_measurement(&swapped).err().unwrap_or_default();
        let en = issues[0].diagnostics.words(carepath_i18n::Lang::En);
        assert!(en.contains("upper number"), "{en}");

        let mut unit = o.clone();
        unit["component"][1]["valueQuantity"]["code"] = json!("kPa");
        let issues = read_measurement(&unit).err().unwrap_or_default();
        assert_eq!(
            issues[0].expression.as_deref(),
            Some("Observation.component[1].valueQuantity.code")
        );
    }
}
