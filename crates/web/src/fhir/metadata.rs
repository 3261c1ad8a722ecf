//! `GET /fhir/metadata`: what the API offers, as a `CapabilityStatement`.

use serde_json::json;

use super::Fhir;

pub(crate) async fn capability_statement() -> Fhir {
    Fhir(json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-07",
        "kind": "instance",
        "software": { "name": "carepath", "version": env!("CARGO_PKG_VERSION") },
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "rest": [{
            "mode": "server",
            "security": {
                "service": [{ "text": "Bearer tokens (carepath admin create-token)" }],
            },
            "interaction": [{
                "code": "batch",
                "documentation": "POST /fhir with a batch Bundle (at most 100 entries): each entry handled as the same request alone, answered in a batch-response in order (decision 0066).",
            }, {
                "code": "transaction",
                "documentation": "POST /fhir with a transaction Bundle of POST Patient and POST QuestionnaireResponse entries (at most 100): each checked as its own create, urn:uuid references to a patient in the Bundle resolved, all stored in one database transaction or none (decision 0066).",
            }],
            "operation": [{
                "name": "export",
                "definition": "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export",
                "documentation": "FHIR Bulk Data export for researchers of an approved project (decision 0038): GET /fhir/$export (the caller's one open project) or /fhir/Group/{project}/$export with Prefer: respond-async; _type (Patient, Task, QuestionnaireResponse, Observation), _since. Consenting patients only, pseudonymised per project, dates to the month, no free text; files for the requester only, kept 24 hours after they are made, or until DELETE on the status address."
            }],
            "resource": [{
                "type": "Patient",
                "documentation": "Read and search: a patient themselves, the care team the patients of their units. Create and update: the care team; the national identity number (identifier, checked by its check digits) and a name are required; name (family, given, prefix, use and period as sent), gender, birthDate, telecom, generalPractitioner (display) and managingOrganization (Organization/{unit id}, one of the user's units) are kept, other elements are not stored. Conditional update: PUT /fhir/Patient?identifier={system}|{number} registers or updates by the number. vread: the current version.",
                "interaction": [
                    { "code": "read" }, { "code": "vread" }, { "code": "create" }, { "code": "update" },
                    { "code": "patch", "documentation": "JSON Patch (application/json-patch+json) applied to the patient as read, then checked and stored as an update (If-Match honoured); a patch that does not apply is 422 and changes nothing." },
                    { "code": "search-type" },
                ],
                "versioning": "versioned-update",
                "updateCreate": false,
                "conditionalUpdate": true,
                "searchRevInclude": [
                    "QuestionnaireResponse:subject", "QuestionnaireResponse:patient",
                    "Observation:subject", "Observation:patient",
                ],
                "operation": [{
                    "name": "everything",
                    "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                    "documentation": "GET /fhir/Patient/{id}/$everything: the patient, then the responses, Observations, tasks and care plans of theirs the caller reaches (a unit: what it owns), paged with _count and _offset; each recorded as read.",
                }],
                "searchParam": [
                    { "name": "identifier", "type": "token" },
                    { "name": "name", "type": "string", "documentation": "any part of the name; :exact and :contains" },
                    { "name": "family", "type": "string", "documentation": ":exact and :contains" },
                    { "name": "given", "type": "string", "documentation": ":exact and :contains" },
                    { "name": "gender", "type": "token" },
                    { "name": "birthdate", "type": "date" },
                    { "name": "_id", "type": "token", "documentation": "one id or a comma-separated list" },
                    { "name": "_lastUpdated", "type": "date", "documentation": "when the record was last written (meta.lastUpdated)" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "Questionnaire",
                "documentation": "Read and search for every API user; create and update for authors and administrators. Questionnaires from program packages change only with a new package version.",
                "interaction": [
                    { "code": "read" }, { "code": "vread" }, { "code": "update" },
                    { "code": "create" }, { "code": "search-type" },
                ],
                "versioning": "versioned",
                "readHistory": true,
                "updateCreate": false,
                "conditionalUpdate": false,
                "searchParam": [
                    { "name": "url", "type": "uri" },
                    { "name": "version", "type": "token" },
                    { "name": "status", "type": "token" },
                    { "name": "name", "type": "string" },
                    { "name": "title", "type": "string" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "QuestionnaireResponse",
                "documentation": "Created responses are validated against the exact questionnaire version (422 with an issue per item; SDC enableWhenExpression and answerExpression count), scored (SDC variable and calculatedExpression in FHIRPath computed by the server, replacing a sent value; Prefer: return=OperationOutcome for the warnings), and stored with their Observations.",
                "interaction": [
                    { "code": "read" },
                    { "code": "vread", "documentation": "every version the record history keeps (a form saved half done, then completed)" },
                    { "code": "history-instance" },
                    { "code": "create" }, { "code": "search-type" },
                ],
                "versioning": "versioned",
                "readHistory": true,
                "searchInclude": ["QuestionnaireResponse:subject", "QuestionnaireResponse:patient"],
                "searchParam": [
                    { "name": "subject", "type": "reference" },
                    { "name": "patient", "type": "reference" },
                    { "name": "questionnaire", "type": "reference" },
                    { "name": "status", "type": "token" },
                    { "name": "authored", "type": "date" },
                    { "name": "_sort", "type": "string", "documentation": "authored or -authored (the default)" },
                    { "name": "_id", "type": "token", "documentation": "one id or a comma-separated list" },
                    { "name": "_lastUpdated", "type": "date", "documentation": "when the record was last written (meta.lastUpdated)" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "Observation",
                "documentation": "Scores computed from questionnaire responses, and measurements patients register (create: a vital sign by its LOINC code with its UCUM unit, or the day's symptom score; a value outside the plausible range is refused with the range).",
                "interaction": [{ "code": "read" }, { "code": "vread" }, { "code": "create" }, { "code": "search-type" }],
                "searchInclude": ["Observation:subject", "Observation:patient"],
                "searchParam": [
                    { "name": "subject", "type": "reference" },
                    { "name": "patient", "type": "reference" },
                    { "name": "code", "type": "token", "documentation": "system|code or code; a comma-separated list finds any of them" },
                    { "name": "date", "type": "date" },
                    { "name": "derived-from", "type": "reference" },
                    { "name": "_id", "type": "token", "documentation": "one id or a comma-separated list" },
                    { "name": "_lastUpdated", "type": "date", "documentation": "when the record was last written (meta.lastUpdated)" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "PlanDefinition",
                "documentation": "Programs, one per imported version (url: https://carepath.no/fhir/PlanDefinition/{key}; version: carepath's version number; status active for the newest, retired for older ones); actions are the scheduled questionnaires. Readable by every API user.",
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "searchParam": [
                    { "name": "url", "type": "uri" },
                    { "name": "name", "type": "string" },
                    { "name": "status", "type": "token" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "CarePlan",
                "documentation": "Enrollments. status: draft (invited, or waiting for an exception decision), active, completed, revoked (ineligible or withdrawn). Create (care team): subject and instantiatesCanonical (a PlanDefinition url, |version for an older one) enroll the patient in a unit of the caller that offers the program; 409 when the patient is already enrolled in it.",
                "interaction": [{ "code": "read" }, { "code": "vread" }, { "code": "create" }, { "code": "search-type" }],
                "searchParam": [
                    { "name": "subject", "type": "reference" },
                    { "name": "patient", "type": "reference" },
                    { "name": "status", "type": "token" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "Flag",
                "documentation": "Alerts raised by the self-management plan: a yellow or red measurement (code: the colour). active until a clinician acknowledges it (then inactive, period.end).",
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "searchParam": [
                    { "name": "subject", "type": "reference" },
                    { "name": "patient", "type": "reference" },
                    { "name": "status", "type": "token" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "Communication",
                "documentation": "Secure messages between a patient and the care team of an enrollment (basedOn: CarePlan/{enrollment}). The team is the unit: a patient's message goes to Organization/{unit}, a team member's comes from it (sender.display: the writer). received: when the other side read it. Attachments (JPEG, PNG, PDF up to 10 MiB, at most 3, judged by content; photo location data removed) are sent as payload.contentAttachment.data and read from Binary. Create: without basedOn, the thread of the patient's active enrollment; 409 when the program does not allow the sender to write.",
                "interaction": [{ "code": "read" }, { "code": "create" }, { "code": "search-type" }],
                "searchParam": [
                    { "name": "subject", "type": "reference" },
                    { "name": "patient", "type": "reference" },
                    { "name": "recipient", "type": "reference" },
                    { "name": "status", "type": "token" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "Consent",
                "documentation": "A patient's research consent (scope research, purpose HRESCH), given and withdrawn by the patient on /pasient/forskning; its id is the patient's id. status: active (given, provision permit) or inactive (declined or withdrawn, deny). Read by the patient and by the care team of a unit caring for the patient. Only patients with an active consent are counted in researchers' reports and exports.",
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "searchParam": [{ "name": "patient", "type": "reference" }]
            }, {
                "type": "Appointment",
                "documentation": "Video consultations, group video sessions, visits on site and group courses on site (a program's patients sign up themselves) of a unit (serviceType in https://carepath.no/fhir/CodeSystem/appointment-kind: video, group, on-site, group-course). participant: the patients (a patient reading sees only themselves) and the unit (Organization/{unit}). The join link to the hospital's video service is in the extension https://carepath.no/fhir/StructureDefinition/appointment-join-url, a group's or course's capacity in .../appointment-capacity, the place of a visit or course in comment. status: booked, fulfilled (held; a participant who did not come is declined), cancelled.",
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "searchParam": [
                    { "name": "patient", "type": "reference" },
                    { "name": "actor", "type": "reference" },
                    { "name": "date", "type": "date" },
                    { "name": "status", "type": "token" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "DocumentReference",
                "documentation": "Letters to the GP once sent (type LOINC 11488-4, consult note): the PDF inline in content.attachment.data, author and custodian the unit that wrote it (Organization/{unit}), context.related the enrollment (CarePlan). Drafts and letters on their way are not documents yet.",
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "searchParam": [
                    { "name": "subject", "type": "reference" },
                    { "name": "patient", "type": "reference" },
                    { "name": "type", "type": "token" },
                    { "name": "date", "type": "date" },
                    { "name": "_count", "type": "number" },
                    { "name": "_offset", "type": "number" },
                ],
            }, {
                "type": "Binary",
                "documentation": "The attachments of messages (Communication.payload.contentAttachment.url), under the access rules of their message.",
                "interaction": [{ "code": "read" }],
            }, {
                "type": "Organization",
                "documentation": "Units: the care teams messages are addressed to. Read-only.",
                "interaction": [{ "code": "read" }],
            }, {
                "type": "Task",
                "documentation": "The questionnaires a program's schedule asks of a patient, made as they come due. status: ready (open; businessStatus overdue when late), completed (output: the response), failed (businessStatus expired: the window closed), cancelled (the enrollment ended).",
                "interaction": [{ "code": "read" }, { "code": "search-type" }],
                "searchInclude": ["Task:patient", "Task:for"],
                "searchParam": [
                    { "name": "for", "type": "reference" },
                    { "name": "patient", "type": "reference" },
                    { "name": "owner", "type": "reference" },
                    { "name": "status", "type": "token" },
                    { "name": "_id", "type": "token", "documentation": "one id or a comma-separated list" },
                    { "name": "_lastUpdated", "type": "date", "documentation": "when the record was last written (meta.lastUpdated)" },
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
