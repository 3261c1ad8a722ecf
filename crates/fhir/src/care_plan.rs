//! An enrollment as a FHIR R4 `CarePlan`, and a `collection` Bundle of a patient's records.

use carepath_domain::Lang;
use carepath_domain::enrollment::{Enrollment, EnrollmentStatus};
use carepath_domain::program::ProgramVersion;
use carepath_i18n::Text;
use serde_json::{Value, json};

/// The canonical url of a program (its `PlanDefinition`), by the program's key.
pub fn plan_definition_url(key: &str) -> String {
    format!("https://carepath.no/fhir/PlanDefinition/{key}")
}

/// The `CarePlan` of an enrollment in program version `v`.
pub fn care_plan_resource(e: &Enrollment, v: &ProgramVersion) -> Value {
    let def = &v.definition;
    let (program, version) = (def.title.get(Lang::Nb), def.version_label.as_str());
    let status = match e.status {
        EnrollmentStatus::Invited | EnrollmentStatus::AwaitingException => "draft",
        EnrollmentStatus::Active if e.paused_at.is_some() => "on-hold",
        EnrollmentStatus::Active => "active",
        EnrollmentStatus::Finished => "completed",
        EnrollmentStatus::Ineligible | EnrollmentStatus::Withdrawn => "revoked",
    };
    let at =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    // The notes are in bokmål, the record's language (decision 0029).
    let say = |t: Text| t.words(Lang::Nb);
    let mut notes = vec![json!({ "text": say(
        Text::new("fhir-care-plan-status").with("status", Text::new(carepath_i18n::status_key(e.status)))
    ) })];
    if let Some(t) = e.terms_accepted_at {
        notes.push(json!({ "time": at(t), "text": say(Text::new("fhir-care-plan-terms")) }));
    }
    if let (Some(t), Some(outcome)) = (e.screened_at, &e.screening_outcome) {
        notes.push(json!({ "time": at(t), "text": say(
            Text::new("fhir-care-plan-screening").with("outcome", outcome.to_string())
        ) }));
    }
    if !e.chosen_modules.is_empty() {
        let chosen: Vec<&str> = e.chosen_modules.iter().map(String::as_str).collect();
        notes.push(json!({ "text": say(
            Text::new("fhir-care-plan-modules").with("modules", chosen.join(", "))
        ) }));
    }
    let period = json!({ "start": at(e.started_at.unwrap_or(e.enrolled_at)) });
    json!({
        "resourceType": "CarePlan",
        "id": e.id.to_string(),
        "status": status,
        "intent": "plan",
        "instantiatesCanonical": [format!("{}|{}", plan_definition_url(&def.key), v.number)],
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

/// The `PlanDefinition` of program version `v`: `latest` says whether it is the version
/// new enrollments get (`active`; older ones are `retired`). Its actions are the
/// program's scheduled questionnaires, each with its canonical (`url|version`) from
/// `canonical_of(key)`.
pub fn plan_definition_resource(
    v: &ProgramVersion,
    latest: bool,
    canonical_of: impl Fn(&str) -> Option<String>,
) -> Value {
    let def = &v.definition;
    // A computable name from the key: ibs-school -> IbsSchool.
    let name: String = def
        .key
        .split('-')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    let actions: Vec<Value> = def
        .schedule
        .iter()
        .map(|s| {
            let when = match &s.every {
                None => Text::new("fhir-action-at").with("at", offset(s.at)),
                Some(every) => Text::new("fhir-action-every")
                    .with("at", offset(s.at))
                    .with("every", offset(*every)),
            }
            .words(Lang::Nb);
            let mut action = json!({ "title": s.questionnaire, "description": when });
            if let Some(c) = canonical_of(&s.questionnaire) {
                action["definitionCanonical"] = Value::String(c);
            }
            action
        })
        .collect();
    let mut r = json!({
        "resourceType": "PlanDefinition",
        "id": v.id.to_string(),
        "url": plan_definition_url(&def.key),
        "version": v.number.to_string(),
        "name": name,
        "title": def.title.get(Lang::Nb),
        "subtitle": Text::new("fhir-version").with("version", def.version_label.as_str()).words(Lang::Nb),
        "type": { "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/plan-definition-type",
            "code": "clinical-protocol",
        }] },
        "status": if latest { "active" } else { "retired" },
        "description": def.summary.get(Lang::Nb),
    });
    if !actions.is_empty() {
        r["action"] = Value::Array(actions);
    }
    r
}

/// A schedule's offset in words ("3 months").
fn offset(o: carepath_domain::program::Offset) -> Text {
    use carepath_domain::program::Offset;
    match o {
        Offset::Days(n) => Text::new("fhir-days").with("n", n),
        Offset::Weeks(n) => Text::new("fhir-weeks").with("n", n),
        Offset::Months(n) => Text::new("fhir-months").with("n", n),
    }
}
