//! Pseudonymised resources for a research export (decision 0038): no national identity
//! number or name, a project's pseudonym for every id, dates to the month, free text
//! left out. Each response keeps its timepoint through `basedOn` its `Task`, whose
//! `code` is the time in the program's schedule (`0d`, `3m`, `6m`). Pure: the caller
//! gives the pseudonyms.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value, json};

/// The code system of a task's time in its program's schedule.
pub const TIMEPOINT_SYSTEM: &str = "https://carepath.no/fhir/CodeSystem/timepoint";

/// `YYYY-MM` of an instant, in Norwegian time.
pub fn month(at: DateTime<Utc>) -> String {
    let d = at.with_timezone(&chrono_tz::Europe::Oslo).date_naive();
    month_of(d)
}

/// `YYYY-MM` of a day.
pub fn month_of(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

pub fn patient(id: &str, birth: NaiveDate, gender: Option<&str>) -> Value {
    let mut p = json!({ "resourceType": "Patient", "id": id, "birthDate": month_of(birth) });
    if let Some(g) = gender.filter(|g| matches!(*g, "male" | "female" | "other" | "unknown")) {
        p["gender"] = json!(g);
    }
    p
}

/// A task of the schedule: the program (`url|version`), the time (`at`), the
/// questionnaire asked, its status, the month it was due.
#[derive(Debug)]
pub struct TaskFacts<'a> {
    pub id: &'a str,
    pub patient: &'a str,
    pub program: &'a str,
    pub at: &'a str,
    pub questionnaire: &'a str,
    pub status: &'a str,
    pub due: DateTime<Utc>,
}

pub fn task(t: &TaskFacts<'_>) -> Value {
    let status = match t.status {
        "completed" => "completed",
        "expired" => "failed",
        "cancelled" => "cancelled",
        _ => "ready",
    };
    json!({
        "resourceType": "Task",
        "id": t.id,
        "status": status,
        "intent": "order",
        "instantiatesCanonical": t.program,
        "code": { "coding": [{ "system": TIMEPOINT_SYSTEM, "code": t.at }] },
        "for": { "reference": format!("Patient/{}", t.patient) },
        "executionPeriod": { "start": month(t.due) },
        "input": [{ "type": { "text": "questionnaire" }, "valueCanonical": t.questionnaire }],
    })
}

/// The answers of `items` without free text or exact dates (nested items kept).
fn answers(items: &Value) -> Vec<Value> {
    let Some(items) = items.as_array() else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let link = item.get("linkId")?.clone();
            let kept: Vec<Value> = item
                .get("answer")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(|a| {
                            let mut out = Map::new();
                            for key in [
                                "valueBoolean",
                                "valueDecimal",
                                "valueInteger",
                                "valueCoding",
                                "valueQuantity",
                            ] {
                                if let Some(v) = a.get(key) {
                                    out.insert(key.to_owned(), v.clone());
                                }
                            }
                            if let Some(nested) = a.get("item") {
                                let inner = answers(nested);
                                if !inner.is_empty() {
                                    out.insert("item".to_owned(), Value::Array(inner));
                                }
                            }
                            (!out.is_empty()).then_some(Value::Object(out))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let nested = item.get("item").map(answers).unwrap_or_default();
            if kept.is_empty() && nested.is_empty() {
                return None;
            }
            let mut out = Map::new();
            out.insert("linkId".to_owned(), link);
            if !kept.is_empty() {
                out.insert("answer".to_owned(), Value::Array(kept));
            }
            if !nested.is_empty() {
                out.insert("item".to_owned(), Value::Array(nested));
            }
            Some(Value::Object(out))
        })
        .collect()
}

/// A response: `id`, its patient's and task's pseudonyms, the questionnaire's canonical.
pub fn response(
    id: &str,
    patient: &str,
    task: &str,
    questionnaire: &str,
    status: &str,
    body: &Value,
    authored: DateTime<Utc>,
) -> Value {
    let mut r = json!({
        "resourceType": "QuestionnaireResponse",
        "id": id,
        "basedOn": [{ "reference": format!("Task/{task}") }],
        "questionnaire": questionnaire,
        "status": status,
        "subject": { "reference": format!("Patient/{patient}") },
        "authored": month(authored),
    });
    let items = answers(body.get("item").unwrap_or(&Value::Null));
    if !items.is_empty() {
        r["item"] = Value::Array(items);
    }
    r
}

/// A score's Observation: what it measured and its value, nothing else.
pub fn observation(
    id: &str,
    patient: &str,
    response: &str,
    body: &Value,
    effective: DateTime<Utc>,
) -> Value {
    let mut o = json!({
        "resourceType": "Observation",
        "id": id,
        "status": body.get("status").cloned().unwrap_or(json!("final")),
        "subject": { "reference": format!("Patient/{patient}") },
        "effectiveDateTime": month(effective),
        "derivedFrom": [{ "reference": format!("QuestionnaireResponse/{response}") }],
    });
    for key in [
        "category",
        "code",
        "valueQuantity",
        "valueInteger",
        "valueCodeableConcept",
        "dataAbsentReason",
        "interpretation",
    ] {
        if let Some(v) = body.get(key) {
            o[key] = v.clone();
        }
    }
    if !o.get("code").is_some_and(Value::is_object) {
        o["code"] = json!({ "text": "score" });
    }
    o
}

/// A patient's research consent as FHIR `Consent` (its id is the patient's): given
/// (`active`, provision permit) or withdrawn (`inactive`, deny), for health research.
pub fn consent(patient: &str, given: bool, decided: DateTime<Utc>, version: i64) -> Value {
    json!({
        "resourceType": "Consent",
        "id": patient,
        "meta": {
            "versionId": version.to_string(),
            "lastUpdated": decided.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        },
        "status": if given { "active" } else { "inactive" },
        "scope": { "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/consentscope",
            "code": "research"
        }] },
        "category": [{ "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/consentcategorycodes",
            "code": "research"
        }] }],
        "patient": { "reference": format!("Patient/{patient}") },
        "dateTime": decided.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "policyRule": { "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": if given { "OPTIN" } else { "OPTOUT" }
        }] },
        "provision": {
            "type": if given { "permit" } else { "deny" },
            "purpose": [{
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                "code": "HRESCH"
            }]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_keeps_its_answers_and_loses_free_text_and_dates() {
        let body = json!({
            "resourceType": "QuestionnaireResponse",
            "id": "real-id",
            "subject": { "reference": "Patient/real", "display": "Kari Nordmann" },
            "authored": "2024-03-17T10:22:00+01:00",
            "item": [
                { "linkId": "smerte", "text": "Hvor vondt?", "answer": [{ "valueInteger": 70 }] },
                { "linkId": "kommentar", "answer": [{ "valueString": "Jeg heter Kari og bor i Bergen" }] },
                { "linkId": "dato", "answer": [{ "valueDate": "2024-03-01" }] },
                { "linkId": "valg", "answer": [{ "valueCoding": { "code": "3" } }] }
            ]
        });
        let at: DateTime<Utc> = "2024-03-17T09:22:00Z".parse().unwrap();
        let r = response("p-r", "p-p", "p-t", "https://x/Q|1", "completed", &body, at);
        let text = r.to_string();
        for gone in [
            "Kari",
            "Bergen",
            "real",
            "2024-03-17",
            "2024-03-01",
            "Hvor vondt",
        ] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        assert_eq!(r["authored"], "2024-03");
        assert_eq!(r["basedOn"][0]["reference"], "Task/p-t");
        assert_eq!(
            r["item"].as_array().unwrap().len(),
            2,
            "the number and the choice"
        );
    }

    #[test]
    fn a_birth_date_is_kept_to_the_month() {
        let p = patient("x", "1985-03-12".parse().unwrap(), Some("female"));
        assert_eq!(p["birthDate"], "1985-03");
        assert!(p.get("name").is_none() && p.get("identifier").is_none());
    }
}
