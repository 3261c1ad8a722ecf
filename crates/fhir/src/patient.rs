//! carepath's patients as FHIR R4 `Patient` resources (no-basis identifiers), and what
//! carepath keeps of a `Patient` sent to it.

use carepath_domain::NationalIdNumber;
use carepath_domain::nin::NinError;
use carepath_domain::patient::Patient;
use carepath_i18n::Text;
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::outcome::Issue;

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
        "name": [{
            "use": patient.name_parts.name_use.as_deref().unwrap_or("official"),
            "text": patient.name,
        }],
        "birthDate": patient.birth_date.to_string(),
    });
    // The parts as the client sent them, beside the name as shown.
    if let Some(family) = &patient.name_parts.family {
        resource["name"][0]["family"] = json!(family);
    }
    if !patient.name_parts.given.is_empty() {
        resource["name"][0]["given"] = json!(patient.name_parts.given);
    }
    if !patient.name_parts.prefix.is_empty() {
        resource["name"][0]["prefix"] = json!(patient.name_parts.prefix);
    }
    for (key, value) in [
        ("start", &patient.name_parts.period_start),
        ("end", &patient.name_parts.period_end),
    ] {
        if let Some(v) = value {
            resource["name"][0]["period"][key] = json!(v);
        }
    }
    if let Some(gender) = patient.gender {
        resource["gender"] = json!(gender.code());
    }
    if let Some(gp) = &patient.gp_name {
        resource["generalPractitioner"] = json!([{ "display": gp }]);
        if let Some(her) = &patient.gp_her_id {
            resource["generalPractitioner"][0]["identifier"] = json!({
                "system": carepath_domain::letter::HER_ID_SYSTEM, "value": her.as_str(),
            });
        }
    }
    let mut telecom = Vec::new();
    if let Some(email) = &patient.email {
        telecom.push(json!({ "system": "email", "value": email }));
    }
    if let Some(mobile) = &patient.mobile {
        telecom.push(json!({ "system": "phone", "use": "mobile", "value": mobile }));
    }
    if !telecom.is_empty() {
        resource["telecom"] = Value::Array(telecom);
    }
    if let Some(unit) = patient.managing_unit {
        resource["managingOrganization"] = json!({ "reference": format!("Organization/{unit}") });
    }
    resource
}

/// What carepath keeps of a `Patient` sent to it: the national identity number, the
/// name, the GP (by name), the managing unit (an `Organization/{unit id}` reference,
/// not yet checked against the user's units), and an e-mail address and a mobile number
/// for reminders (`telecom`). Other elements are not stored.
#[derive(Clone, PartialEq, Eq)]
pub struct PatientFields {
    pub nin: NationalIdNumber,
    pub name: String,
    pub birth_date: NaiveDate,
    pub gp_name: Option<String>,
    /// The GP's HER-id (`generalPractitioner.identifier`, system
    /// `urn:oid:2.16.578.1.12.4.1.2`), where letters to the GP go.
    pub gp_her_id: Option<carepath_domain::letter::HerId>,
    /// The id in `managingOrganization.reference`, if given.
    pub managing_unit: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
    /// The official (or first) name's family and given names, as sent.
    pub name_parts: carepath_domain::patient::NameParts,
    pub gender: Option<carepath_domain::patient::Gender>,
}

impl std::fmt::Debug for PatientFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatientFields")
            .field("managing_unit", &self.managing_unit)
            .finish_non_exhaustive()
    }
}

/// The longest name or GP name kept, in characters.
const MAX_NAME: usize = 200;

/// Reads a `Patient` sent to the API, or names every problem with it (the messages never
/// repeat the number).
pub fn patient_fields(resource: &Value) -> Result<PatientFields, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut problem = |text: Text, at: &str| {
        issues.push(Issue {
            code: "invalid",
            diagnostics: text,
            expression: Some(at.to_owned()),
        });
    };
    if resource["resourceType"] != "Patient" {
        problem(
            Text::new("api-resource-type").with("type", "Patient"),
            "resourceType",
        );
    }

    let identifiers = resource["identifier"].as_array().map_or(&[][..], |a| a);
    let numbers: Vec<(usize, &Value)> = identifiers
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            i["system"]
                .as_str()
                .is_some_and(|s| NIN_SYSTEMS.contains(&s))
        })
        .collect();
    let nin = match numbers.as_slice() {
        [] => {
            problem(
                Text::new("api-patient-nin-required")
                    .with("nin", NIN_SYSTEMS[0])
                    .with("dnr", NIN_SYSTEMS[1]),
                "Patient.identifier",
            );
            None
        }
        [(i, identifier)] => {
            let at = format!("Patient.identifier[{i}].value");
            match identifier["value"].as_str().map(NationalIdNumber::parse) {
                Some(Ok(nin)) => Some(nin),
                Some(Err(e)) => {
                    problem(Text::new(carepath_i18n::nin_key(&e)), &at);
                    None
                }
                None => {
                    problem(Text::new("api-patient-nin-empty"), &at);
                    None
                }
            }
        }
        _ => {
            problem(Text::new("api-patient-nin-several"), "Patient.identifier");
            None
        }
    };

    let name = name_of(&resource["name"]);
    let name_parts = name_parts_of(&resource["name"]);
    if name_parts.given.len() > 10
        || name_parts.prefix.len() > 10
        || name_parts
            .family
            .iter()
            .chain(&name_parts.given)
            .chain(&name_parts.prefix)
            .any(|n| n.chars().count() > MAX_NAME)
    {
        problem(
            Text::new("api-patient-name-parts").with("max", MAX_NAME),
            "Patient.name",
        );
    }
    if name_parts
        .name_use
        .as_deref()
        .is_some_and(|u| !carepath_domain::patient::NAME_USES.contains(&u))
    {
        problem(
            Text::new("api-patient-name-use")
                .with("uses", carepath_domain::patient::NAME_USES.join(", ")),
            "Patient.name.use",
        );
    }
    let period = [&name_parts.period_start, &name_parts.period_end];
    if period.iter().any(|p| {
        p.as_deref()
            .is_some_and(|d| crate::date::bounds(d).is_none())
    }) {
        problem(Text::new("api-patient-name-period"), "Patient.name.period");
    }
    let gender = match &resource["gender"] {
        Value::Null => None,
        code => {
            let found = code
                .as_str()
                .and_then(carepath_domain::patient::Gender::parse);
            if found.is_none() {
                problem(Text::new("api-patient-gender"), "Patient.gender");
            }
            found
        }
    };
    match name.as_deref().map(|n| n.chars().count()) {
        None | Some(0..2) => problem(Text::new("api-patient-name-required"), "Patient.name"),
        Some(n) if n > MAX_NAME => problem(
            Text::new("api-patient-name-long").with("max", MAX_NAME),
            "Patient.name",
        ),
        Some(_) => {}
    }

    let born = nin.as_ref().map(NationalIdNumber::birth_date);
    match (&resource["birthDate"], &born) {
        (Value::Null, _) | (_, None | Some(Err(NinError::BirthDate))) => {}
        (Value::String(given), Some(Ok(born))) => {
            if NaiveDate::parse_from_str(given, "%Y-%m-%d").ok() != Some(*born) {
                problem(
                    Text::new("api-patient-birth-date-differs"),
                    "Patient.birthDate",
                );
            }
        }
        (_, Some(_)) => problem(Text::new("api-patient-birth-date"), "Patient.birthDate"),
    }

    let mut gp_her_id = None;
    let gp_name = match &resource["generalPractitioner"] {
        Value::Null => None,
        Value::Array(gps) => {
            if let Some(identifier) = gps
                .first()
                .map(|g| &g["identifier"])
                .filter(|i| !i.is_null())
            {
                let system = identifier["system"].as_str();
                match identifier["value"]
                    .as_str()
                    .map(carepath_domain::letter::HerId::parse)
                {
                    Some(Ok(her)) if system == Some(carepath_domain::letter::HER_ID_SYSTEM) => {
                        gp_her_id = Some(her);
                    }
                    _ => problem(
                        Text::new("api-patient-gp-her-id"),
                        "Patient.generalPractitioner[0].identifier",
                    ),
                }
            }
            let display = gps.iter().find_map(|g| g["display"].as_str());
            if gps.len() > 1 || display.is_none() {
                problem(
                    Text::new("api-patient-gp-one"),
                    "Patient.generalPractitioner",
                );
            }
            display
                .map(carepath_domain::text::one_line)
                .filter(|d| !d.is_empty())
        }
        _ => {
            problem(
                Text::new("api-patient-gp-list"),
                "Patient.generalPractitioner",
            );
            None
        }
    };
    if gp_name
        .as_deref()
        .is_some_and(|g| g.chars().count() > MAX_NAME)
    {
        problem(
            Text::new("api-patient-gp-long").with("max", MAX_NAME),
            "Patient.generalPractitioner[0].display",
        );
    }

    let managing_unit = match &resource["managingOrganization"] {
        Value::Null => None,
        org => match org["reference"]
            .as_str()
            .and_then(|r| r.strip_prefix("Organization/"))
        {
            Some(id) if !id.is_empty() => Some(id.to_owned()),
            _ => {
                problem(
                    Text::new("api-patient-unit"),
                    "Patient.managingOrganization",
                );
                None
            }
        },
    };

    let (mut email, mut mobile) = (None, None);
    for (i, t) in resource["telecom"]
        .as_array()
        .map_or(&[][..], |a| a)
        .iter()
        .enumerate()
    {
        let value = t["value"].as_str().unwrap_or_default().trim();
        let at = format!("Patient.telecom[{i}].value");
        match t["system"].as_str() {
            Some("email") => {
                if let Some(valid) = carepath_domain::patient::email_address(value) {
                    email.get_or_insert(valid);
                } else {
                    problem(Text::new("api-patient-email"), &at);
                }
            }
            Some("phone" | "sms") if t["use"] != "home" && t["use"] != "work" => {
                if let Some(valid) = carepath_domain::patient::mobile_number(value) {
                    mobile.get_or_insert(valid);
                } else {
                    problem(Text::new("api-patient-mobile"), &at);
                }
            }
            _ => {}
        }
    }

    match (nin, name, born) {
        (Some(nin), Some(name), Some(Ok(birth_date))) if issues.is_empty() => Ok(PatientFields {
            nin,
            name,
            birth_date,
            gp_name,
            gp_her_id,
            managing_unit,
            email,
            mobile,
            name_parts,
            gender,
        }),
        _ => Err(issues),
    }
}

/// The official name (or the first).
fn chosen_name(names: &Value) -> Option<&Value> {
    let names = names.as_array()?;
    names
        .iter()
        .find(|n| n["use"] == "official")
        .or_else(|| names.first())
}

/// The family and given names of the official (or first) name, cleaned as typed text.
fn name_parts_of(names: &Value) -> carepath_domain::patient::NameParts {
    let Some(name) = chosen_name(names) else {
        return Default::default();
    };
    let clean = |v: &Value| {
        v.as_str()
            .map(carepath_domain::text::one_line)
            .filter(|s| !s.is_empty())
    };
    let list = |v: &Value| {
        v.as_array()
            .map(|g| g.iter().filter_map(clean).collect())
            .unwrap_or_default()
    };
    carepath_domain::patient::NameParts {
        family: clean(&name["family"]),
        given: list(&name["given"]),
        prefix: list(&name["prefix"]),
        name_use: clean(&name["use"]),
        period_start: clean(&name["period"]["start"]),
        period_end: clean(&name["period"]["end"]),
    }
}

/// The official name (or the first), as `text` or as given names and family joined.
fn name_of(names: &Value) -> Option<String> {
    let name = chosen_name(names)?;
    let joined = match name["text"].as_str() {
        Some(text) => text.to_owned(),
        None => {
            let mut parts: Vec<&str> = name["given"]
                .as_array()
                .map(|g| g.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            parts.extend(name["family"].as_str());
            parts.join(" ")
        }
    };
    Some(carepath_domain::text::one_line(&joined))
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
            updated_at: None,
            id: Id::new(),
            nin: NationalIdNumber::complete("018190000").unwrap_or_else(|| unreachable!()),
            name: "Kari Nordmann".into(),
            birth_date: "1990-01-01".parse().unwrap_or_default(),
            user_id: None,
            gp_name: Some("Dr. Aas".into()),
            gp_her_id: None,
            managing_unit: None,
            version: 1,
            email: None,
            mobile: None,
            name_parts: Default::default(),
            gender: None,
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

    fn sent(number: &str) -> Value {
        json!({
            "resourceType": "Patient",
            "identifier": [
                { "system": "urn:oid:2.16.578.1.12.4.1.2.100", "value": "H-123" },
                { "system": "http://hl7.no/fhir/NamingSystem/FNR", "value": number }
            ],
            "name": [{ "use": "usual", "text": "Kari" },
                     { "use": "official", "given": ["Kari", "Anne"], "family": "Nordmann" }],
            "birthDate": "1990-01-01",
            "generalPractitioner": [{ "display": "Dr. Aas" }],
            "managingOrganization": { "reference": "Organization/u1" },
            "telecom": [{ "system": "phone", "use": "home", "value": "55555555" },
                        { "system": "phone", "use": "mobile", "value": "+47 912 34 567" },
                        { "system": "email", "value": "kari@example.no" }]
        })
    }

    #[test]
    fn a_sent_patient_gives_the_number_the_official_name_the_gp_and_the_unit() {
        let number = NationalIdNumber::complete("010190000")
            .unwrap_or_else(|| unreachable!())
            .expose();
        let fields = patient_fields(&sent(&number)).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(fields.nin.expose(), number);
        assert_eq!(fields.name, "Kari Anne Nordmann");
        assert_eq!(fields.birth_date.to_string(), "1990-01-01");
        assert_eq!(fields.gp_name.as_deref(), Some("Dr. Aas"));
        assert_eq!(fields.managing_unit.as_deref(), Some("u1"));
        assert_eq!(fields.mobile.as_deref(), Some("+4791234567"));
        assert_eq!(fields.email.as_deref(), Some("kari@example.no"));
    }

    #[test]
    fn every_problem_of_a_sent_patient_is_named_at_its_element_without_the_number() {
        let number = NationalIdNumber::complete("010190000")
            .unwrap_or_else(|| unreachable!())
            .expose();
        let mut wrong_digit = number.clone().into_bytes();
        wrong_digit[10] = if wrong_digit[10] == b'9' {
            b'0'
        } else {
            wrong_digit[10] + 1
        };
        let wrong_digit = String::from_utf8(wrong_digit).unwrap_or_default();
        let mut bad = sent(&wrong_digit);
        bad["name"] = json!([{ "text": " " }]);
        bad["managingOrganization"] = json!({ "display": "Poliklinikken" });
        bad["telecom"] = json!([{ "system": "email", "value": "kari at example" }]);
        let issues = patient_fields(&bad).err().unwrap_or_default();
        let at: Vec<_> = issues
            .iter()
            .filter_map(|i| i.expression.as_deref())
            .collect();
        assert_eq!(
            at,
            [
                "Patient.identifier[1].value",
                "Patient.name",
                "Patient.managingOrganization",
                "Patient.telecom[0].value"
            ]
        );
        assert!(issues.iter().all(|i| {
            !i.diagnostics
                .words(carepath_i18n::Lang::En)
                .contains(&wrong_digit[..6])
        }));

        let mut born_elsewhen = sent(&number);
        born_elsewhen["birthDate"] = json!("1990-01-02");
        let issues = patient_fields(&born_elsewhen).err().unwrap_or_default();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].expression.as_deref(), Some("Patient.birthDate"));

        let mut none = sent(&number);
        none["identifier"] = json!([{ "system": "urn:other", "value": "1" }]);
        let issues = patient_fields(&none).err().unwrap_or_default();
        assert_eq!(issues[0].expression.as_deref(), Some("Patient.identifier"));
    }
}
