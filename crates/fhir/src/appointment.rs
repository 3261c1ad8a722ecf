//! An appointment as a FHIR R4 `Appointment` (decision 0036): its kind as the service
//! type, its patients as participants (for a patient reading their own, only them), the
//! unit as the location's owner, the join link to the hospital's video service in an
//! extension (R4 has no virtual-service element), a group's capacity likewise.

use carepath_domain::appointment::{Appointment, AppointmentKind};
use serde_json::{Value, json};

/// The code system of appointment kinds.
pub const KIND_SYSTEM: &str = "https://carepath.no/fhir/CodeSystem/appointment-kind";
/// The extension holding the join link.
pub const JOIN_URL: &str = "https://carepath.no/fhir/StructureDefinition/appointment-join-url";
/// The extension holding a group's capacity.
pub const CAPACITY: &str = "https://carepath.no/fhir/StructureDefinition/appointment-capacity";

fn display(kind: AppointmentKind) -> &'static str {
    match kind {
        AppointmentKind::Video => "Video consultation",
        AppointmentKind::Group => "Group video session",
        AppointmentKind::OnSite => "Visit on site",
        AppointmentKind::GroupCourse => "Group course on site",
    }
}

/// `a` as an `Appointment`.
pub fn appointment_resource(a: &Appointment) -> Value {
    let time =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut participants: Vec<Value> = a
        .participants
        .iter()
        .map(|p| {
            let mut v = json!({
                "actor": { "reference": format!("Patient/{}", p.patient_id) },
                "required": "required",
                "status": "accepted",
            });
            if let Some(came) = p.attended {
                v["status"] = Value::String(if came { "accepted" } else { "declined" }.into());
            }
            v
        })
        .collect();
    participants.push(json!({
        "actor": { "reference": format!("Organization/{}", a.unit_id) },
        "required": "required",
        "status": "accepted",
    }));
    let mut extension = Vec::new();
    if let Some(url) = &a.join_url {
        extension.push(json!({ "url": JOIN_URL, "valueUrl": url }));
    }
    if a.kind.is_group() {
        extension.push(json!({ "url": CAPACITY, "valuePositiveInt": a.capacity }));
    }
    let mut v = json!({
        "resourceType": "Appointment",
        "id": a.id.to_string(),
        "status": a.status.as_str(),
        "serviceType": [{ "coding": [{ "system": KIND_SYSTEM, "code": a.kind.as_str(), "display": display(a.kind) }] }],
        "start": time(a.start),
        "end": time(a.end()),
        "minutesDuration": a.minutes,
        "created": time(a.created_at),
        "participant": participants,
    });
    if let Some(place) = &a.place {
        v["comment"] = Value::String(place.clone());
    }
    if !extension.is_empty() {
        v["extension"] = Value::Array(extension);
    }
    v
}
