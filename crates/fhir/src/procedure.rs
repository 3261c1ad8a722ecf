//! A registered procedure as FHIR R4 (decision 0052): a `Procedure` with its codes, day,
//! performer and complication, and the `QuestionnaireResponse` of its form, `partOf` the
//! procedure, in a `collection` Bundle for a quality registry.

use carepath_domain::procedure::{Procedure, ProcedureForm};
use serde_json::{Value, json};

/// What the export says of the patient and the performer.
#[derive(Debug, Clone)]
pub struct Parties<'a> {
    pub patient_nin: &'a str,
    pub patient_name: &'a str,
    pub performer_name: &'a str,
}

fn full_url(id: &str) -> String {
    format!("urn:uuid:{id}")
}

/// The `Procedure` of `p`, registered with `form`; `complication` is the display of the
/// complication answered, with its code.
pub fn procedure(
    p: &Procedure,
    form: &ProcedureForm,
    parties: &Parties<'_>,
    complication: Option<(&str, &str, &str)>,
) -> Value {
    let mut out = json!({
        "resourceType": "Procedure",
        "id": p.id.to_string(),
        "meta": {
            "versionId": p.version.to_string(),
            "lastUpdated": p.recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        },
        "status": p.status.as_str(),
        "code": {
            "coding": form.codes.iter().map(|c| json!({
                "system": c.system, "code": c.code, "display": c.display
            })).collect::<Vec<_>>(),
            "text": form.title.get(carepath_domain::Lang::Nb),
        },
        "subject": {
            "reference": format!("Patient/{}", p.patient),
            "identifier": { "system": crate::patient::NIN_SYSTEMS[0], "value": parties.patient_nin },
            "display": parties.patient_name,
        },
        "performedDateTime": p.performed_on.format("%Y-%m-%d").to_string(),
        "performer": [{ "actor": { "display": parties.performer_name } }],
        "recorder": { "display": parties.performer_name },
    });
    if let Some((system, code, display)) = complication {
        out["complication"] = json!([{
            "coding": [{ "system": system, "code": code, "display": display }],
            "text": display,
        }]);
    }
    out
}

/// The registration's `QuestionnaireResponse` (as stored) with its subject, author and
/// the procedure it is part of.
pub fn response(p: &Procedure, stored: &Value, parties: &Parties<'_>) -> Value {
    let mut r = stored.clone();
    r["subject"] =
        json!({ "reference": format!("Patient/{}", p.patient), "display": parties.patient_name });
    r["author"] = json!({ "display": parties.performer_name });
    r["partOf"] = json!([{ "reference": full_url(&p.id.to_string()) }]);
    if p.status == carepath_domain::procedure::ProcedureStatus::EnteredInError {
        r["status"] = json!("entered-in-error");
    }
    r
}

/// A `collection` Bundle of each procedure followed by its response.
pub fn bundle(entries: &[(Value, Value)], timestamp: &str) -> Value {
    let entry = |r: &Value| {
        json!({
            "fullUrl": full_url(r["id"].as_str().unwrap_or_default()),
            "resource": r,
        })
    };
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timestamp,
        "entry": entries.iter().flat_map(|(p, r)| [entry(p), entry(r)]).collect::<Vec<_>>(),
    })
}
