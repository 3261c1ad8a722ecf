//! The access log as FHIR R4 `AuditEvent`s (for administrators and their log tools).

use carepath_domain::audit::{AuditAction, RecordedEvent};
use serde_json::{Value, json};

/// The extension on `AuditEvent.agent` naming the sign-in session (`s-...`) or API token
/// (`t-...`) of the access: a reference, never the secret.
pub const SESSION_EXTENSION: &str = "https://carepath.no/fhir/StructureDefinition/session";

/// The `AuditEvent` of one logged access. Emergency access carries the reason as
/// `purposeOfEvent` with the v3 code `ETREAT` (emergency treatment).
pub fn audit_event_resource(e: &RecordedEvent) -> Value {
    let (action, subtype) = match e.action {
        AuditAction::Read => ("R", "read"),
        AuditAction::Create => ("C", "create"),
        AuditAction::Update => ("U", "update"),
    };
    // A patient acting on their own record is named by the entity, not again by name:
    // the log reviewer needs to know that it was the patient, not who the patient is.
    let display = if e.role == "patient" {
        "The patient"
    } else {
        e.actor_name.as_str()
    };
    let mut agent = json!({
        "who": {
            "identifier": { "system": "urn:carepath:user", "value": e.actor },
            "display": display,
        },
        "requestor": true,
        "role": [{ "text": e.role }],
    });
    if let Some(session) = &e.session {
        agent["extension"] = json!([{
            "url": SESSION_EXTENSION,
            "valueString": session,
        }]);
    }
    if let Some(unit) = &e.unit {
        agent["location"] = json!({
            "identifier": { "system": "urn:carepath:unit", "value": unit },
            "display": e.unit_name.clone().unwrap_or_default(),
        });
    }
    let mut entities = Vec::new();
    if let Some(patient) = &e.patient {
        entities.push(json!({
            "what": { "reference": format!("Patient/{patient}") },
            "type": {
                "system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
                "code": "1",
                "display": "Person",
            },
        }));
    }
    // One event names every resource of the patient one request showed, separated by
    // spaces (a page of search results): one entity each.
    for id in e.resource_id.split(' ').filter(|id| !id.is_empty()) {
        entities.push(json!({
            "what": { "reference": format!("{}/{id}", e.resource_type) },
            "type": {
                "system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
                "code": "2",
                "display": "System Object",
            },
        }));
    }
    let mut event = json!({
        "resourceType": "AuditEvent",
        "id": e.id,
        "type": {
            "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
            "code": "rest",
            "display": "RESTful Operation",
        },
        "subtype": [{
            "system": "http://hl7.org/fhir/restful-interaction",
            "code": subtype,
        }],
        "action": action,
        "recorded": e.recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "outcome": "0",
        "agent": [agent],
        "source": { "observer": { "display": "carepath" } },
        "entity": entities,
    });
    if e.reason.as_deref() == Some(carepath_domain::audit::REFUSED_OTHER_UNIT) {
        // A refused attempt: FHIR's "minor failure", with the reason as its description.
        event["outcome"] = json!("4");
        event["outcomeDesc"] = json!(carepath_domain::audit::REFUSED_OTHER_UNIT);
    } else if let Some(reason) = &e.reason {
        let emergency = reason.starts_with("Nødtilgang");
        let mut purpose = json!({ "text": reason });
        if emergency {
            purpose["coding"] = json!([{
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                "code": "ETREAT",
                "display": "Emergency Treatment",
            }]);
        }
        event["purposeOfEvent"] = json!([purpose]);
    }
    event
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emergency_read_names_who_what_and_why() {
        let e = RecordedEvent {
            id: "node-7".into(),
            recorded_at: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
            actor: "u1".into(),
            actor_name: "Kim Klinisk".into(),
            role: "clinician".into(),
            unit: Some("unit2".into()),
            unit_name: Some("Enhet 2".into()),
            patient: Some("p1".into()),
            action: AuditAction::Read,
            resource_type: "Patient".into(),
            resource_id: "p1".into(),
            reason: Some("Nødtilgang: innlagt akutt".into()),
            session: Some("s-0123456789abcdef".into()),
        };
        let r = audit_event_resource(&e);
        assert_eq!(r["action"], "R");
        assert_eq!(r["agent"][0]["who"]["display"], "Kim Klinisk");
        assert_eq!(r["agent"][0]["location"]["display"], "Enhet 2");
        assert_eq!(r["entity"][0]["what"]["reference"], "Patient/p1");
        assert_eq!(r["purposeOfEvent"][0]["coding"][0]["code"], "ETREAT");
        assert_eq!(
            r["agent"][0]["extension"][0]["valueString"],
            "s-0123456789abcdef"
        );
        assert_eq!(r["recorded"], "2027-01-15T08:00:00.000000Z");
    }

    #[test]
    fn an_event_naming_several_resources_has_an_entity_for_each() {
        let e = RecordedEvent {
            id: "node-8".into(),
            recorded_at: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
            actor: "u1".into(),
            actor_name: "Kim Klinisk".into(),
            role: "clinician".into(),
            unit: Some("unit1".into()),
            unit_name: Some("Enhet 1".into()),
            patient: Some("p1".into()),
            action: AuditAction::Read,
            resource_type: "Observation".into(),
            resource_id: "o1 o2 o3".into(),
            reason: None,
            session: None,
        };
        let r = audit_event_resource(&e);
        let whats: Vec<&str> = r["entity"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["what"]["reference"].as_str().unwrap())
            .collect();
        assert_eq!(
            whats,
            [
                "Patient/p1",
                "Observation/o1",
                "Observation/o2",
                "Observation/o3"
            ]
        );
    }
}
