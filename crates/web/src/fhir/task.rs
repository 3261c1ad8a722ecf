//! `Task` through the API: the questionnaires a program's schedule asks of a patient,
//! read and searched (`for`/`patient`/`owner`, `status`) under the same access rules as
//! the patient's other records; every one returned is recorded in the access log.

use axum::extract::{Path, State};
use axum::response::Response;
use carepath_domain::audit::AuditAction;
use carepath_domain::schedule::TaskStatus;
use carepath_fhir::outcome::searchset;
use carepath_i18n::Text;
use carepath_store::task::Task;
use serde_json::{Value, json};

use super::patient::{read_of, record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec};
use super::{Fhir, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

/// FHIR's `Task.status` for a task's status, and carepath's own where FHIR has none
/// (`businessStatus`).
fn fhir_status(status: TaskStatus) -> (&'static str, Option<&'static str>) {
    match status {
        TaskStatus::Open => ("ready", None),
        TaskStatus::Overdue => ("ready", Some("overdue")),
        TaskStatus::Completed => ("completed", None),
        TaskStatus::Expired => ("failed", Some("expired")),
        TaskStatus::Cancelled => ("cancelled", None),
    }
}

/// The carepath statuses a FHIR `status` search value names.
fn statuses_of(code: &str) -> Option<&'static [TaskStatus]> {
    Some(match code {
        "ready" => &[TaskStatus::Open, TaskStatus::Overdue],
        "completed" => &[TaskStatus::Completed],
        "failed" => &[TaskStatus::Expired],
        "cancelled" => &[TaskStatus::Cancelled],
        _ => return None,
    })
}

fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(crate) fn resource(task: &Task) -> Value {
    let (status, business) = fhir_status(task.status);
    let patient = format!("Patient/{}", task.patient_id);
    let mut r = json!({
        "resourceType": "Task",
        "id": task.id,
        "status": status,
        "intent": "order",
        "code": { "coding": [{
            "system": "http://hl7.org/fhir/CodeSystem/task-code",
            "code": "fulfill",
        }], "text": carepath_i18n::t(carepath_i18n::Lang::Nb, "fhir-task-text") },
        "description": task.questionnaire_key,
        "for": { "reference": patient },
        "owner": { "reference": patient },
        "basedOn": [{ "reference": format!("CarePlan/{}", task.enrollment_id) }],
        "authoredOn": rfc3339(task.due_at),
        "executionPeriod": { "start": rfc3339(task.due_at), "end": rfc3339(task.expires_at) },
        "restriction": { "period": { "start": rfc3339(task.due_at), "end": rfc3339(task.expires_at) } },
    });
    if let Some(b) = business {
        r["businessStatus"] = json!({ "text": b });
    }
    if let Some(q) = &task.questionnaire {
        r["input"] = json!([{
            "type": { "text": "questionnaire" },
            "valueCanonical": q,
        }]);
    }
    if let Some(response) = &task.response_id {
        r["output"] = json!([{
            "type": { "text": "response" },
            "valueReference": { "reference": format!("QuestionnaireResponse/{response}") },
        }]);
    }
    if let Some(done) = task.completed_at {
        r["lastModified"] = Value::String(rfc3339(done));
    }
    with_meta(r, task.version, None)
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let task = state.store.task(&id).await?.ok_or(FhirError::NotFound)?;
    read_of(
        &state,
        &user,
        &task.patient_id.to_string(),
        Some(task.unit_id),
        &[],
        "Task",
        &id,
        None,
    )
    .await?;
    Ok(versioned(resource(&task), task.version, None))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec {
    params: &[
        ("for", "reference"),
        ("patient", "reference"),
        ("subject", "reference"),
        ("owner", "reference"),
        ("status", "token"),
        ("_id", "token"),
        ("_lastUpdated", "date"),
    ],
    sorts: &[],
    includes: &["Task:patient", "Task:for", "Task:based-on"],
    revincludes: &[],
};

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &SEARCH)?;
    let patient = params.patient(&["for", "patient", "subject", "owner"])?;
    let mut statuses = Vec::new();
    for code in params.any_of("status") {
        statuses.extend_from_slice(
            statuses_of(&code)
                .ok_or_else(|| FhirError::BadRequest(Text::new("api-task-status")))?,
        );
    }
    let scope = scope(&state, &user).await?;
    let (tasks, total) = state
        .store
        .search_tasks(
            &scope,
            patient,
            &statuses,
            &params.common()?,
            params.offset,
            params.count,
        )
        .await?;
    let entries: Vec<_> = tasks
        .iter()
        .map(|t| (t.patient_id, AuditAction::Read, "Task", t.id.clone()))
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_link("Task", tasks.len() as i64, total);
    let mut included =
        if params.includes("_include", "Task:patient") || params.includes("_include", "Task:for") {
            super::patient::included(&state, &user, tasks.iter().map(|t| t.patient_id)).await?
        } else {
            Vec::new()
        };
    if params.includes("_include", "Task:based-on") {
        let plans = tasks.iter().map(|t| t.enrollment_id);
        included.extend(super::plan::included_care_plans(&state, &user, plans).await?);
    }
    let mut bundle = searchset(
        &state.config.public_url,
        &params.self_link("Task"),
        tasks.iter().map(resource).collect(),
        total,
        next,
    );
    carepath_fhir::outcome::include(&mut bundle, &state.config.public_url, included);
    Ok(Fhir(bundle))
}
