//! `GET /fhir/metadata`: what the API offers, as a `CapabilityStatement`.

use serde_json::json;

use super::Fhir;

pub(crate) async fn capability_statement() -> Fhir {
    Fhir(json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-22",
        "kind": "instance",
        "software": { "name": "carepath", "version": env!("CARGO_PKG_VERSION") },
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "rest": [{
            "mode": "server",
            "security": {
                "service": [{ "text": "Bearer tokens (carepath admin create-token)" }],
            },
            "resource": [{
                "type": "Patient",
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "searchParam": [
                    { "name": "identifier", "type": "token" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "AuditEvent",
                "documentation": "The access log; administrators only.",
                "interaction": [{ "code": "search-type" }],
                "searchParam": [
                    { "name": "patient", "type": "reference" },
                    { "name": "date", "type": "date" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }],
        }],
    }))
}
