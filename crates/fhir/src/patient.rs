//! carepath's patients as FHIR R4 `Patient` resources (no-basis identifiers).

use carepath_domain::patient::Patient;
use serde_json::{Value, json};

/// The FHIR `Patient` for `patient`. The national identity number is an identifier with
/// the Norwegian system for its kind (fødselsnummer or D-number).
pub fn patient_resource(patient: &Patient) -> Value {
    let mut resource = json!({
        "resourceType": "Patient",
        "id": patient.id.to_string(),
        "identifier": [{
            "use": "official",
            "system": patient.nin.fhir_system(),
            "value": patient.nin.expose(),
        }],
        "name": [{ "use": "official", "text": patient.name }],
        "birthDate": patient.birth_date.to_string(),
    });
    if let Some(gp) = &patient.gp_name {
        resource["generalPractitioner"] = json!([{ "display": gp }]);
    }
    resource
}

/// The identifier systems accepted in searches for a national identity number.
pub const NIN_SYSTEMS: [&str; 4] = [
    "urn:oid:2.16.578.1.12.4.1.4.1",
    "urn:oid:2.16.578.1.12.4.1.4.2",
    "http://hl7.no/fhir/NamingSystem/FNR",
    "http://hl7.no/fhir/NamingSystem/DNR",
];

#[cfg(test)]
mod tests {
    use super::*;
    use carepath_domain::{Id, NationalIdNumber};

    #[test]
    fn a_patient_carries_the_number_with_the_norwegian_system() {
        let patient = Patient {
            id: Id::new(),
            nin: NationalIdNumber::complete("018190000").unwrap_or_else(|| unreachable!()),
            name: "Kari Nordmann".into(),
            birth_date: "1990-01-01".parse().unwrap_or_default(),
            user_id: None,
            gp_name: Some("Dr. Aas".into()),
        };
        let r = patient_resource(&patient);
        assert_eq!(r["resourceType"], "Patient");
        assert_eq!(
            r["identifier"][0]["system"],
            "urn:oid:2.16.578.1.12.4.1.4.1"
        );
        assert_eq!(r["identifier"][0]["value"], patient.nin.expose());
        assert_eq!(r["generalPractitioner"][0]["display"], "Dr. Aas");
    }
}
