//! `GET /fhir/metadata`: what the API offers, as a `CapabilityStatement`, written from the
//! route registry: every interaction is a route under `/fhir`, every search declares the
//! parameters its handler parses by ([`SearchSpec`]), and versioning follows from the
//! routes a resource has. What is written here by hand is only the words: what each
//! resource, operation and parameter means in carepath.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Value, json};

use super::Fhir;
use super::search::SearchSpec;
use crate::routes::{RouteDef, route_table};

/// What a route under `/fhir` offers, as the CapabilityStatement names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Offer {
    /// `GET /fhir/metadata`.
    Capabilities,
    /// A system interaction (`batch`, which also takes transactions).
    System(&'static str),
    /// A system operation, by its name (`export`).
    SystemOperation(String),
    /// An interaction on a type (`read`, `search-type`, ...).
    Type(String, &'static str),
    /// An operation on an instance or type (`everything`).
    TypeOperation(String, String),
}

/// What `method path` offers; `None` for a path outside the API.
pub(crate) fn offered(method: &str, path: &str) -> Option<Offer> {
    let rest = path.strip_prefix("/fhir")?;
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    // `$export-status` and `$export-file` are the asynchronous pattern of `$export`.
    let op = |p: &str| -> Option<String> {
        p.strip_prefix('$')
            .and_then(|o| o.split('-').next())
            .map(str::to_owned)
    };
    let t = |t: &str| t.to_owned();
    Some(match (method, parts.as_slice()) {
        ("POST", []) => Offer::System("batch"),
        (_, ["metadata"]) => Offer::Capabilities,
        (_, [first, ..]) if first.starts_with('$') => Offer::SystemOperation(op(first)?),
        (_, ["Group", _, o]) => Offer::SystemOperation(op(o)?),
        ("GET", [ty]) => Offer::Type(t(ty), "search-type"),
        ("POST", [ty]) => Offer::Type(t(ty), "create"),
        ("PUT", [ty]) => Offer::Type(t(ty), "conditional-update"),
        ("GET", [ty, "_history"]) => Offer::Type(t(ty), "history-type"),
        ("GET", [ty, _]) => Offer::Type(t(ty), "read"),
        ("PUT", [ty, _]) => Offer::Type(t(ty), "update"),
        ("PATCH", [ty, _]) => Offer::Type(t(ty), "patch"),
        ("DELETE", [ty, _]) => Offer::Type(t(ty), "delete"),
        ("GET", [ty, _, "_history", _]) => Offer::Type(t(ty), "vread"),
        ("GET", [ty, _, "_history"]) => Offer::Type(t(ty), "history-instance"),
        (_, [ty, _, o]) if o.starts_with('$') => Offer::TypeOperation(t(ty), op(o)?),
        _ => return None,
    })
}

pub(crate) async fn capability_statement() -> Fhir {
    static STATEMENT: LazyLock<Value> = LazyLock::new(|| statement(&route_table()));
    Fhir(STATEMENT.clone())
}

/// The resources in the order the statement lists them, with what they are in carepath.
const RESOURCES: &[(&str, &str)] = &[
    (
        "Patient",
        "Read and search: a patient themselves, the care team the patients of their units. Create and update: the care team; the national identity number (identifier, checked by its check digits) and a name are required; name (family, given, prefix, use and period as sent), gender, birthDate, telecom, generalPractitioner (display) and managingOrganization (Organization/{unit id}, one of the user's units) are kept, other elements are not stored. Conditional update: PUT /fhir/Patient?identifier={system}|{number} registers or updates by the number.",
    ),
    (
        "Questionnaire",
        "Read and search for every API user; create and update for authors and administrators. Questionnaires from program packages change only with a new package version.",
    ),
    (
        "QuestionnaireResponse",
        "Created responses are validated against the exact questionnaire version (422 with an issue per item; SDC enableWhenExpression and answerExpression count), scored (SDC variable and calculatedExpression in FHIRPath computed by the server, replacing a sent value; Prefer: return=OperationOutcome for the warnings), and stored with their Observations.",
    ),
    (
        "Observation",
        "Scores computed from questionnaire responses, and measurements patients register (create: a vital sign by its LOINC code with its UCUM unit, or the day's symptom score; a value outside the plausible range is refused with the range).",
    ),
    (
        "PlanDefinition",
        "Programs, one per imported version (url: https://carepath.no/fhir/PlanDefinition/{key}; version: carepath's version number; status active for the newest, retired for older ones); actions are the scheduled questionnaires. Readable by every API user.",
    ),
    (
        "CarePlan",
        "Enrollments. status: draft (invited, or waiting for an exception decision), active, completed, revoked (ineligible or withdrawn). Create (care team): subject and instantiatesCanonical (a PlanDefinition url, |version for an older one) enroll the patient in a unit of the caller that offers the program; 409 when the patient is already enrolled in it.",
    ),
    (
        "Flag",
        "Alerts raised by the self-management plan: a yellow or red measurement (code: the colour). active until a clinician acknowledges it (then inactive, period.end).",
    ),
    (
        "Communication",
        "Secure messages between a patient and the care team of an enrollment (basedOn: CarePlan/{enrollment}). The team is the unit: a patient's message goes to Organization/{unit}, a team member's comes from it (sender.display: the writer). received: when the other side read it. Attachments (JPEG, PNG, PDF up to 10 MiB, at most 3, judged by content; photo location data removed) are sent as payload.contentAttachment.data and read from Binary. Create: without basedOn, the thread of the patient's active enrollment; 409 when the program does not allow the sender to write.",
    ),
    (
        "Consent",
        "A patient's research consent (scope research, purpose HRESCH), given and withdrawn by the patient on /pasient/forskning; its id is the patient's id. status: active (given, provision permit) or inactive (declined or withdrawn, deny). Read by the patient and by the care team of a unit caring for the patient. Only patients with an active consent are counted in researchers' reports and exports.",
    ),
    (
        "Appointment",
        "Video consultations, group video sessions, visits on site and group courses on site (a program's patients sign up themselves) of a unit (serviceType in https://carepath.no/fhir/CodeSystem/appointment-kind: video, group, on-site, group-course). participant: the patients (a patient reading sees only themselves) and the unit (Organization/{unit}). The join link to the hospital's video service is in the extension https://carepath.no/fhir/StructureDefinition/appointment-join-url, a group's or course's capacity in .../appointment-capacity, the place of a visit or course in comment. status: booked, fulfilled (held; a participant who did not come is declined), cancelled.",
    ),
    (
        "DocumentReference",
        "Letters to the GP once sent (type LOINC 11488-4, consult note): the PDF inline in content.attachment.data, author and custodian the unit that wrote it (Organization/{unit}), context.related the enrollment (CarePlan). Drafts and letters on their way are not documents yet.",
    ),
    (
        "Binary",
        "The attachments of messages (Communication.payload.contentAttachment.url), under the access rules of their message.",
    ),
    (
        "Organization",
        "Units: the care teams messages are addressed to. Read-only.",
    ),
    (
        "Task",
        "The questionnaires a program's schedule asks of a patient, made as they come due. status: ready (open; businessStatus overdue when late), completed (output: the response), failed (businessStatus expired: the window closed), cancelled (the enrollment ended).",
    ),
    ("AuditEvent", "The access log; administrators only."),
];

/// What an interaction does in carepath where FHIR's name does not say it all.
const INTERACTIONS: &[(&str, &str, &str)] = &[
    (
        "Patient",
        "patch",
        "JSON Patch (application/json-patch+json) applied to the patient as read, then checked and stored as an update (If-Match honoured); a patch that does not apply is 422 and changes nothing.",
    ),
    (
        "QuestionnaireResponse",
        "vread",
        "every version the record history keeps (a form saved half done, then completed)",
    ),
    (
        "",
        "batch",
        "POST /fhir with a batch Bundle (at most 100 entries): each entry handled as the same request alone, answered in a batch-response in order (decision 0066).",
    ),
    (
        "",
        "transaction",
        "POST /fhir with a transaction Bundle of POST Patient and POST QuestionnaireResponse entries (at most 100): each checked as its own create, urn:uuid references to a patient in the Bundle resolved, all stored in one database transaction or none (decision 0066). GET entries are answered after the writes, in their place, as the same request alone (urn:uuid in their URL resolved); a failed read is its own outcome and does not undo the writes.",
    ),
    (
        "Patient",
        "vread",
        "every version the record history keeps; the history keeps no national identity number, so each carries the current one",
    ),
    ("", "vread", "every version the record history keeps"),
    (
        "",
        "history-type",
        "every kept version of the resources of this type the caller may read, newest first; _since (an instant or a date) and _count, with a next link; each resource listed is recorded as read",
    ),
];

/// The operations: name, canonical definition, and what carepath does.
const OPERATIONS: &[(&str, &str, &str)] = &[
    (
        "export",
        "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export",
        "FHIR Bulk Data export for researchers of an approved project (decision 0038): GET /fhir/$export (the caller's one open project) or /fhir/Group/{project}/$export with Prefer: respond-async; _type (Patient, Task, QuestionnaireResponse, Observation), _since. Consenting patients only, pseudonymised per project, dates to the month, no free text; files for the requester only, kept 24 hours after they are made, or until DELETE on the status address.",
    ),
    (
        "everything",
        "http://hl7.org/fhir/OperationDefinition/Patient-everything",
        "GET /fhir/Patient/{id}/$everything: the patient, then the responses, Observations, tasks, care plans, alerts (Flag), messages (Communication), letters to the GP (DocumentReference) and appointments of theirs the caller reaches (a unit: what it owns), paged with _count and _offset; each recorded as read.",
    ),
];

/// What a search parameter means where its name does not say it: the resource (empty for
/// any), the parameter, and the words.
const PARAMETERS: &[(&str, &str, &str)] = &[
    ("Patient", "name", "any part of the name"),
    ("", "_id", "one id or a comma-separated list"),
    (
        "",
        "_lastUpdated",
        "when the record was last written (meta.lastUpdated)",
    ),
    (
        "Observation",
        "code",
        "system|code or code; a comma-separated list finds any of them",
    ),
    (
        "",
        "_count",
        "at most 200 in a page; more gives a full page and a next link",
    ),
    ("", "_offset", "where the page starts"),
    (
        "",
        "_total",
        "accurate counts every match; none and estimate are taken",
    ),
    ("", "_summary", "count: the total alone"),
    (
        "",
        "_elements",
        "the top-level elements of each match to keep (id and meta always); the match is tagged SUBSETTED",
    ),
    ("", "_sort", "a key, - before it for descending"),
];

/// What every date parameter takes (`search::date_range`).
const DATES: &str = "a year, a month, a day or an instant, with the prefix eq, ne, ge, gt, le, lt, sa, eb or ap (ap as eq; ne leaves out what falls within the value's range, and a period wholly within it)";

fn words<'a>(table: &'a [(&str, &str, &'a str)], resource: &str, name: &str) -> Option<&'a str> {
    table
        .iter()
        .find(|(r, n, _)| *n == name && *r == resource)
        .or_else(|| table.iter().find(|(r, n, _)| *n == name && r.is_empty()))
        .map(|(_, _, w)| *w)
}

/// What the routes offer on one type: its interactions, its search, and its operations,
/// in route order.
type Offered = (Vec<&'static str>, Option<&'static SearchSpec>, Vec<String>);

/// The statement of the API the `routes` serve.
fn statement(routes: &[RouteDef]) -> Value {
    let mut system = Vec::new();
    let mut operations = BTreeMap::new();
    let mut types: BTreeMap<String, Offered> = BTreeMap::new();
    for route in routes {
        match offered(route.method, route.path) {
            None | Some(Offer::Capabilities) => {}
            Some(Offer::System(code)) => {
                system.push(code);
                // The one route takes batch and transaction Bundles alike.
                if code == "batch" {
                    system.push("transaction");
                }
            }
            Some(Offer::SystemOperation(name)) => {
                operations.entry(name).or_insert(());
            }
            Some(Offer::Type(t, code)) => {
                let entry = types.entry(t).or_default();
                if !entry.0.contains(&code) {
                    entry.0.push(code);
                }
                if code == "search-type" {
                    entry.1 = route.search;
                }
            }
            Some(Offer::TypeOperation(t, name)) => {
                let entry = types.entry(t).or_default();
                if !entry.2.contains(&name) {
                    entry.2.push(name);
                }
            }
        }
    }
    let order = |t: &str| {
        RESOURCES
            .iter()
            .position(|(r, _)| *r == t)
            .unwrap_or(usize::MAX)
    };
    let mut listed: Vec<_> = types.into_iter().collect();
    listed.sort_by_key(|(t, _)| order(t));
    let resources: Vec<Value> = listed
        .iter()
        .map(|(t, (interactions, search, ops))| resource(t, interactions, *search, ops))
        .collect();
    json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-07",
        "kind": "instance",
        "software": { "name": "carepath", "version": env!("CARGO_PKG_VERSION") },
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "patchFormat": ["application/json-patch+json"],
        "rest": [{
            "mode": "server",
            "security": {
                "service": [{ "text": "Bearer tokens (carepath admin create-token)" }],
            },
            "interaction": system.iter().map(|code| interaction("", code)).collect::<Vec<_>>(),
            "operation": operations.keys().filter_map(|n| operation(n)).collect::<Vec<_>>(),
            "resource": resources,
        }],
    })
}

fn interaction(resource: &str, code: &str) -> Value {
    match words(INTERACTIONS, resource, code) {
        Some(w) => json!({ "code": code, "documentation": w }),
        None => json!({ "code": code }),
    }
}

fn operation(name: &str) -> Option<Value> {
    let (_, definition, words) = OPERATIONS.iter().find(|(n, _, _)| *n == name)?;
    Some(json!({ "name": name, "definition": definition, "documentation": words }))
}

fn resource(
    t: &str,
    interactions: &[&'static str],
    search: Option<&SearchSpec>,
    ops: &[String],
) -> Value {
    let has = |code: &str| interactions.contains(&code);
    let mut out = json!({ "type": t });
    if let Some((_, words)) = RESOURCES.iter().find(|(r, _)| *r == t) {
        out["documentation"] = json!(words);
    }
    // A conditional update is declared by its flag, not as an interaction.
    out["interaction"] = interactions
        .iter()
        .filter(|c| **c != "conditional-update")
        .map(|c| interaction(t, c))
        .collect();
    if has("vread") {
        out["versioning"] = json!(if has("update") {
            "versioned-update"
        } else {
            "versioned"
        });
        out["readHistory"] = json!(has("history-instance") || has("history-type"));
    }
    if has("update") || has("conditional-update") {
        out["updateCreate"] = json!(false);
        out["conditionalUpdate"] = json!(has("conditional-update"));
    }
    if let Some(spec) = search {
        if !spec.includes.is_empty() {
            out["searchInclude"] = json!(spec.includes);
        }
        if !spec.revincludes.is_empty() {
            out["searchRevInclude"] = json!(spec.revincludes);
        }
        out["searchParam"] = search_params(t, spec).into();
    }
    if !ops.is_empty() {
        out["operation"] = ops.iter().filter_map(|n| operation(n)).collect();
    }
    out
}

/// The search's parameters, each once with the modifiers it takes, then paging.
fn search_params(t: &str, spec: &SearchSpec) -> Vec<Value> {
    let mut params: Vec<(&str, &str, Vec<&str>)> = Vec::new();
    for (name, kind) in spec.params {
        let (base, modifier) = match name.split_once(':') {
            Some((b, m)) => (b, Some(m)),
            None => (*name, None),
        };
        match params.iter_mut().find(|(n, _, _)| *n == base) {
            Some((_, _, modifiers)) => modifiers.extend(modifier),
            None => params.push((base, kind, modifier.into_iter().collect())),
        }
    }
    let mut common = vec![
        ("_count", "number"),
        ("_offset", "number"),
        ("_total", "token"),
        ("_summary", "token"),
        ("_elements", "special"),
    ];
    if !spec.sorts.is_empty() {
        common.push(("_sort", "special"));
    }
    let mut out: Vec<Value> = params
        .into_iter()
        .map(|(name, kind, modifiers)| {
            let mut p = json!({ "name": name, "type": kind });
            let mut doc: Vec<String> = words(PARAMETERS, t, name)
                .map(str::to_owned)
                .into_iter()
                .collect();
            if kind == "date" {
                doc.push(DATES.to_owned());
            }
            if !modifiers.is_empty() {
                let listed: Vec<String> = modifiers.iter().map(|m| format!(":{m}")).collect();
                doc.push(format!("modifiers {}", listed.join(", ")));
            }
            if !doc.is_empty() {
                p["documentation"] = json!(doc.join("; "));
            }
            p
        })
        .collect();
    for (name, kind) in common {
        let mut p = json!({ "name": name, "type": kind });
        let mut doc = words(PARAMETERS, t, name).unwrap_or_default().to_owned();
        if name == "_sort" {
            doc = format!("{doc}: {}", spec.sorts.join(", "));
        }
        p["documentation"] = json!(doc);
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_named_as_the_statement_names_them() {
        let cases = [
            ("POST", "/fhir", Some(Offer::System("batch"))),
            ("GET", "/fhir/metadata", Some(Offer::Capabilities)),
            (
                "GET",
                "/fhir/$export-status/{export}",
                Some(Offer::SystemOperation("export".into())),
            ),
            (
                "GET",
                "/fhir/Patient/{patient}/_history/{vid}",
                Some(Offer::Type("Patient".into(), "vread")),
            ),
            (
                "GET",
                "/fhir/Observation/_history",
                Some(Offer::Type("Observation".into(), "history-type")),
            ),
            (
                "GET",
                "/fhir/Patient/{patient}/$everything",
                Some(Offer::TypeOperation("Patient".into(), "everything".into())),
            ),
            ("GET", "/pasient", None),
        ];
        for (method, path, offer) in cases {
            assert_eq!(offered(method, path), offer, "{method} {path}");
        }
    }

    #[test]
    fn every_api_route_is_declared_and_every_resource_described() {
        let routes = route_table();
        let s = statement(&routes);
        let rest = &s["rest"][0];
        for route in routes.iter().filter(|r| r.path.starts_with("/fhir")) {
            let declared = match offered(route.method, route.path) {
                Some(Offer::Capabilities) => true,
                Some(Offer::System(code)) => rest["interaction"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|i| i["code"] == code),
                Some(Offer::SystemOperation(name)) => rest["operation"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|o| o["name"] == name && o["documentation"].is_string()),
                Some(Offer::Type(t, code)) => {
                    rest["resource"].as_array().unwrap().iter().any(|r| {
                        r["type"] == t
                            && (r["interaction"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .any(|i| i["code"] == code)
                                || (code == "conditional-update" && r["conditionalUpdate"] == true))
                    })
                }
                Some(Offer::TypeOperation(t, name)) => {
                    rest["resource"].as_array().unwrap().iter().any(|r| {
                        r["type"] == t
                            && r["operation"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .any(|o| o["name"] == name && o["documentation"].is_string())
                    })
                }
                None => false,
            };
            assert!(declared, "{} {} is not declared", route.method, route.path);
        }
        for r in rest["resource"].as_array().unwrap() {
            assert!(r["documentation"].is_string(), "{} is described", r["type"]);
            let searched = r["interaction"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["code"] == "search-type");
            assert_eq!(
                searched,
                r["searchParam"].is_array(),
                "{}: a search declares its parameters",
                r["type"]
            );
        }
    }
}
