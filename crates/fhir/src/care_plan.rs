//! An enrollment as a FHIR R4 `CarePlan`, and a `collection` Bundle of a patient's records.

use carepath_domain::enrollment::{Enrollment, EnrollmentStatus};
use serde_json::{Value, json};

/// The `CarePlan` of an enrollment in the program titled `program` (version `version`).
pub fn care_plan_resource(e: &Enrollment, program: &str, version: &str) -> Value {
    let status = match e.status {
        EnrollmentStatus::Invited | EnrollmentStatus::AwaitingException => "draft",
        EnrollmentStatus::Active => "active",
        EnrollmentStatus::Finished => "completed",
        EnrollmentStatus::Ineligible | EnrollmentStatus::Withdrawn => "revoked",
    };
    let at =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut notes = vec![json!({ "text": format!("Status: {}", e.status.label_nb()) })];
    if let Some(t) = e.terms_accepted_at {
        notes.push(json!({ "time": at(t), "text": "Vilkårene for behandlingen er godtatt." }));
    }
    if let (Some(t), Some(outcome)) = (e.screened_at, &e.screening_outcome) {
        notes.push(json!({ "time": at(t), "text": format!("Kartlegging: {outcome}") }));
    }
    if !e.chosen_modules.is_empty() {
        let chosen: Vec<&str> = e.chosen_modules.iter().map(String::as_str).collect();
        notes.push(json!({ "text": format!("Valgte fordypningsmoduler: {}", chosen.join(", ")) }));
    }
    let period = json!({ "start": at(e.started_at.unwrap_or(e.enrolled_at)) });
    json!({
        "resourceType": "CarePlan",
        "id": e.id.to_string(),
        "status": status,
        "intent": "plan",
        "title": format!("{program} ({version})"),
        "subject": { "reference": format!("Patient/{}", e.patient_id) },
        "created": at(e.enrolled_at),
        "period": period,
        "note": notes,
    })
}

/// A `collection` Bundle of `resources` made at `timestamp`.
pub fn collection(resources: Vec<Value>, timestamp: &str) -> Value {
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timestamp,
        "entry": resources
            .into_iter()
            .map(|r| {
                let url = format!(
                    "{}/{}",
                    r["resourceType"].as_str().unwrap_or_default(),
                    r["id"].as_str().unwrap_or_default()
                );
                json!({ "fullUrl": url, "resource": r })
            })
            .collect::<Vec<_>>(),
    })
}
