//! A letter to the GP as a FHIR `DocumentReference` (decision 0034): the PDF as its
//! attachment, typed as a consult note (LOINC 11488-4), about the patient, from the unit
//! that wrote it, dated when it was sent.

use carepath_domain::letter::Letter;
use serde_json::{Value, json};

/// The type of letters to the GP.
pub const LETTER_TYPE_SYSTEM: &str = "http://loinc.org";
pub const LETTER_TYPE_CODE: &str = "11488-4";

/// `letter` (sent) as a `DocumentReference`, its PDF inline (`data`, base64) when given.
pub fn letter_resource(letter: &Letter, title: &str, pdf_base64: Option<String>) -> Value {
    let date = letter
        .sent_at
        .or(letter.signed_at)
        .unwrap_or(letter.created_at)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut attachment = json!({
        "contentType": "application/pdf",
        "language": "nb",
        "title": title,
        "creation": date,
    });
    if let Some(data) = pdf_base64 {
        attachment["data"] = Value::String(data);
    }
    json!({
        "resourceType": "DocumentReference",
        "id": letter.id.to_string(),
        "status": "current",
        "docStatus": "final",
        "type": { "coding": [{ "system": LETTER_TYPE_SYSTEM, "code": LETTER_TYPE_CODE, "display": "Consult note" }] },
        "subject": { "reference": format!("Patient/{}", letter.patient_id) },
        "date": date,
        "author": [{ "reference": format!("Organization/{}", letter.unit_id) }],
        "custodian": { "reference": format!("Organization/{}", letter.unit_id) },
        "description": title,
        "content": [{ "attachment": attachment }],
        "context": { "related": [{ "reference": format!("CarePlan/{}", letter.enrollment_id) }] },
    })
}
