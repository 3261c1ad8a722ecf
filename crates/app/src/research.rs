//! Research exports (decision 0038): a researcher of an approved project asks for a FHIR
//! Bulk Data export of the programs it covers; it is made in the background, a batch of
//! consenting patients at a time, pseudonymised (`carepath_fhir::research`), written as
//! NDJSON files of at most [`FILE_LINES`] resources and about [`FILE_BYTES`], served only
//! to the one who asked, and deleted when it expires or they delete it. Every step is in
//! the access log.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::program::ProgramVersion;
use carepath_domain::research::{EXPORT_TYPES, Export, ExportFile, ExportStatus, Project};
use carepath_domain::user::Role;
use carepath_fhir::research as fhir;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

use crate::access::Actor;

/// Patients read per batch.
const BATCH: i64 = 500;
/// Responses (and their scores) read at once.
const RESPONSES_AT_ONCE: usize = 100;
/// Resources per NDJSON file, at most.
pub const FILE_LINES: i64 = 50_000;
/// Bytes per NDJSON file, about: a file closes at the first line past it, so the export's
/// memory stays a few such buffers, whatever the size of the resources.
pub const FILE_BYTES: usize = 2 << 20;
/// How long a finished export's files are kept.
pub const KEPT: Duration = Duration::hours(24);

/// Why an export cannot be asked for or read.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Not a researcher of an open project covering it (or not theirs to read).
    #[error("not allowed")]
    Forbidden,
    /// No such export (or not the caller's).
    #[error("not found")]
    NotFound,
    /// A system-level export needs exactly one open project.
    #[error("name the project")]
    WhichProject,
    /// A resource type outside [`EXPORT_TYPES`].
    #[error("unknown type")]
    UnknownType(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn event(actor: &Actor, action: AuditAction, kind: &'static str, id: impl ToString) -> AuditEvent {
    AuditEvent {
        actor: actor.account,
        role: Role::Researcher,
        unit: None,
        patient: None,
        action,
        resource_type: kind,
        resource_id: id.to_string(),
        reason: None,
        session: Some(actor.session.clone()).filter(|s| !s.is_empty()),
    }
}

/// What a kick-off asks for.
#[derive(Debug, Clone, Default)]
pub struct Ask<'a> {
    /// `Group/{id}`: the project; none: the caller's one open project.
    pub project: Option<Id<Project>>,
    /// `_type`; empty: every type.
    pub types: Vec<String>,
    pub since: Option<DateTime<Utc>>,
    /// The request as sent.
    pub request: &'a str,
}

/// Starts an export (the caller then runs [`run`] in the background).
pub async fn kick_off(
    store: &Store,
    actor: &Actor,
    ask: &Ask<'_>,
    now: DateTime<Utc>,
) -> Result<Export, ExportError> {
    let today = carepath_domain::schedule::local_date(now);
    let open = actor.open_projects(store, today).await?;
    let project = match ask.project {
        Some(id) => open
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(ExportError::Forbidden)?,
        None => match open.as_slice() {
            [one] => one.clone(),
            [] => return Err(ExportError::Forbidden),
            _ => return Err(ExportError::WhichProject),
        },
    };
    for t in &ask.types {
        if !EXPORT_TYPES.contains(&t.as_str()) {
            return Err(ExportError::UnknownType(t.clone()));
        }
    }
    let types = if ask.types.is_empty() {
        EXPORT_TYPES.iter().map(|t| (*t).to_owned()).collect()
    } else {
        EXPORT_TYPES
            .iter()
            .filter(|t| ask.types.iter().any(|a| a == *t))
            .map(|t| (*t).to_owned())
            .collect()
    };
    let export = Export {
        id: Id::new(),
        project: project.id,
        requested_by: actor.account,
        request: ask.request.to_owned(),
        types,
        since: ask.since,
        status: ExportStatus::InProgress,
        requested_at: now,
        completed_at: None,
        expires_at: now + KEPT + KEPT,
        error: None,
    };
    store.create_export(&export).await?;
    store
        .audit(
            &event(actor, AuditAction::Create, "BulkExport", export.id),
            now,
        )
        .await?;
    Ok(export)
}

/// The caller's export with its files so far.
pub async fn status(
    store: &Store,
    actor: &Actor,
    id: Id<Export>,
) -> Result<(Export, Vec<ExportFile>), ExportError> {
    let e = store.export(id).await?.ok_or(ExportError::NotFound)?;
    if !actor.asked_for(&e) {
        return Err(ExportError::NotFound);
    }
    let files = store.export_files(id).await?;
    Ok((e, files))
}

/// One file of the caller's finished export (its download is in the access log).
pub async fn file(
    store: &Store,
    actor: &Actor,
    id: Id<Export>,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, ExportError> {
    let (e, _) = status(store, actor, id).await?;
    if e.status != ExportStatus::Completed {
        return Err(ExportError::NotFound);
    }
    let body = store
        .export_file(id, seq)
        .await?
        .ok_or(ExportError::NotFound)?;
    store
        .audit(
            &event(
                actor,
                AuditAction::Read,
                "BulkExportFile",
                format!("{id}/{seq}"),
            ),
            now,
        )
        .await?;
    Ok(body)
}

/// Deletes the caller's export and its files.
pub async fn delete(
    store: &Store,
    actor: &Actor,
    id: Id<Export>,
    now: DateTime<Utc>,
) -> Result<(), ExportError> {
    status(store, actor, id).await?;
    store.delete_export(id).await?;
    // Recorded as a change of the export (the access log's actions are read, create and
    // update).
    store
        .audit(&event(actor, AuditAction::Update, "BulkExport", id), now)
        .await?;
    Ok(())
}

/// A researcher's page: their projects (open or not) with the newest version of each
/// program they cover, and the exports they asked for with their files so far.
#[derive(Debug, Clone)]
pub struct Overview {
    pub projects: Vec<(Project, bool, Vec<ProgramVersion>)>,
    pub exports: Vec<(Export, Vec<ExportFile>)>,
}

/// What the researcher `actor` works with, as of `now` (their own projects only).
pub async fn overview(
    store: &Store,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Overview, StoreError> {
    let today = carepath_domain::schedule::local_date(now);
    let versions = store.all_program_versions().await?;
    let mut projects = Vec::new();
    for p in store.projects_of(actor.account).await? {
        let programs = p
            .programs
            .iter()
            .filter_map(|id| versions.iter().rev().find(|v| v.program_id == *id))
            .cloned()
            .collect();
        let open = p.is_open(today);
        projects.push((p, open, programs));
    }
    let mut exports = Vec::new();
    for e in store.exports_of(actor.account).await? {
        let files = store.export_files(e.id).await?;
        exports.push((e, files));
    }
    Ok(Overview { projects, exports })
}

/// NDJSON lines of one type, written to the store as files of at most [`FILE_LINES`]
/// lines and about [`FILE_BYTES`].
struct Writer<'a> {
    store: &'a Store,
    export: Id<Export>,
    seq: i64,
    open: HashMap<&'static str, (Vec<u8>, i64)>,
}

impl Writer<'_> {
    async fn line(
        &mut self,
        kind: &'static str,
        resource: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let (buf, count) = self
            .open
            .entry(kind)
            .or_insert_with(|| (Vec::with_capacity(FILE_BYTES + (64 << 10)), 0));
        serde_json::to_writer(&mut *buf, resource)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        buf.push(b'\n');
        *count += 1;
        if *count >= FILE_LINES || buf.len() >= FILE_BYTES {
            self.flush(kind).await?;
        }
        Ok(())
    }

    /// Writes the type's open file, and keeps its buffer for the next one (one
    /// allocation per type for the whole export).
    async fn flush(&mut self, kind: &'static str) -> Result<(), StoreError> {
        let Some((buf, count)) = self.open.get_mut(kind) else {
            return Ok(());
        };
        if *count == 0 {
            return Ok(());
        }
        self.seq += 1;
        let file = ExportFile {
            seq: self.seq,
            kind: kind.to_owned(),
            count: *count,
        };
        self.store.add_export_file(self.export, &file, buf).await?;
        buf.clear();
        *count = 0;
        Ok(())
    }
}

/// Makes the export `id`: every consenting patient with an enrollment in the project's
/// programs, their tasks of the programs' schedules, the responses that completed them
/// and the scores derived from those, pseudonymised. On failure the export says so
/// (without patient data).
///
/// The export runs on an OS thread of its own with a runtime of its own and one database
/// connection opened there, so its allocations stay in one allocator arena rather than
/// one per server thread it would otherwise hop between (the peak memory of an export of
/// a million resources, decision 0041); the caller waits for it without holding a thread.
pub async fn run(store: &Store, id: Id<Export>, now: DateTime<Utc>) -> Result<(), StoreError> {
    let (done, result) = tokio::sync::oneshot::channel();
    let store = store.clone();
    std::thread::Builder::new()
        .name("research-export".into())
        .spawn(move || {
            let outcome = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(StoreError::System)
                .and_then(|rt| rt.block_on(run_here(&store, id, now)));
            let _ = done.send(outcome);
        })?;
    result
        .await
        .unwrap_or_else(|_| Err(StoreError::System(std::io::ErrorKind::Interrupted.into())))
}

/// [`run`] on the current thread.
async fn run_here(store: &Store, id: Id<Export>, now: DateTime<Utc>) -> Result<(), StoreError> {
    let store = &store.with_one_connection().await?;
    let Some(e) = store.export(id).await? else {
        return Ok(());
    };
    let outcome = make(store, &e).await;
    let (status, error) = match &outcome {
        Ok(()) => (ExportStatus::Completed, None),
        Err(err) => {
            tracing::error!(error = %err, "a research export failed");
            (ExportStatus::Failed, Some("export-failed"))
        }
    };
    store
        .finish_export(id, status, error, now, now + KEPT)
        .await
}

async fn make(store: &Store, e: &Export) -> Result<(), StoreError> {
    store.clear_export_files(e.id).await?;
    let project = store.project(e.project).await?;
    let mut versions: Vec<ProgramVersion> = Vec::new();
    for p in &project.programs {
        versions.extend(store.program_versions(*p).await?);
    }
    let ids: Vec<Id<ProgramVersion>> = versions.iter().map(|v| v.id).collect();
    let want = |t: &str| e.types.iter().any(|x| x == t);
    let pseudo = |kind: &str, id: &str| store.pseudonym(e.project, kind, id);
    let mut w = Writer {
        store,
        export: e.id,
        seq: 0,
        open: HashMap::new(),
    };
    let mut after = String::new();
    let mut canonicals: HashMap<(Id<ProgramVersion>, String), String> = HashMap::new();
    loop {
        let patients = store.export_patients(&ids, &after, BATCH).await?;
        let Some(last) = patients.last() else { break };
        after = last.0.clone();
        let patient_ids: Vec<String> = patients.iter().map(|p| p.0.clone()).collect();
        if want("Patient") {
            for (pid, birth, gender) in &patients {
                w.line(
                    "Patient",
                    &fhir::patient(&pseudo("Patient", pid), *birth, gender.as_deref()),
                )
                .await?;
            }
        }
        let tasks = store.export_tasks(&patient_ids, &ids, e.since).await?;
        let mut task_of: HashMap<String, String> = HashMap::new();
        for t in &tasks {
            let Some(v) = versions.iter().find(|v| v.id == t.version) else {
                continue;
            };
            let Some(entry) = v.definition.schedule.get(t.entry) else {
                continue;
            };
            let tid = pseudo("Task", &t.id);
            if let Some(r) = &t.response {
                task_of.insert(r.clone(), tid.clone());
            }
            if want("Task") {
                // Looked up once per version and questionnaire, not per task.
                let cache_key = (v.id, entry.questionnaire.clone());
                if !canonicals.contains_key(&cache_key) {
                    let canonical = store
                        .questionnaire(v.id, &entry.questionnaire)
                        .await
                        .map(|q| {
                            format!(
                                "{}|{}",
                                q.questionnaire.url.unwrap_or_default(),
                                q.questionnaire.version.unwrap_or_default()
                            )
                        })
                        .unwrap_or_default();
                    canonicals.insert(cache_key.clone(), canonical);
                }
                let questionnaire = canonicals[&cache_key].clone();
                let program = format!(
                    "https://carepath.no/fhir/PlanDefinition/{}|{}",
                    v.definition.key, v.number
                );
                let at = entry.at.to_string();
                let facts = fhir::TaskFacts {
                    id: &tid,
                    patient: &pseudo("Patient", &t.patient),
                    program: &program,
                    at: &at,
                    questionnaire: &questionnaire,
                    status: &t.status,
                    due: t.due_at,
                };
                w.line("Task", &fhir::task(&facts)).await?;
            }
        }
        let response_ids: Vec<String> = task_of.keys().cloned().collect();
        // Responses are read a few at a time: a parsed response can be large.
        for chunk in response_ids.chunks(RESPONSES_AT_ONCE) {
            if want("QuestionnaireResponse") {
                for r in store.export_responses(chunk).await? {
                    let Some(tid) = task_of.get(&r.id) else {
                        continue;
                    };
                    let resource = fhir::response(
                        &pseudo("QuestionnaireResponse", &r.id),
                        &pseudo("Patient", &r.patient),
                        tid,
                        &r.questionnaire,
                        &r.status,
                        &r.body,
                        r.authored_at,
                    );
                    w.line("QuestionnaireResponse", &resource).await?;
                }
            }
            if want("Observation") {
                for o in store.export_observations(chunk).await? {
                    let resource = fhir::observation(
                        &pseudo("Observation", &o.id),
                        &pseudo("Patient", &o.patient),
                        &pseudo("QuestionnaireResponse", &o.response),
                        &o.body,
                        o.effective_at,
                    );
                    w.line("Observation", &resource).await?;
                }
            }
        }
    }
    for kind in EXPORT_TYPES {
        w.flush(kind).await?;
    }
    Ok(())
}

/// Exports left in progress (a restart) are made again; expired ones are deleted.
/// Returns (made, deleted).
pub async fn tidy(store: &Store, now: DateTime<Utc>) -> Result<(u64, u64), StoreError> {
    let mut made = 0;
    for e in store.exports_in_progress().await? {
        // One made by a kick-off a moment ago is still running in its own task.
        if now - e.requested_at > Duration::minutes(10) {
            run(store, e.id, now).await?;
            made += 1;
        }
    }
    let mut deleted = 0;
    for id in store.expired_exports(now).await? {
        store.delete_export(id).await?;
        deleted += 1;
    }
    Ok((made, deleted))
}

/// The patient's decision on research consent, with its access-log event; `version` is
/// the consent's version they saw (0: none yet).
pub async fn decide_consent(
    store: &Store,
    reach: &crate::access::Reach,
    actor: &Actor,
    give: bool,
    version: i64,
    now: DateTime<Utc>,
) -> Result<carepath_domain::research::Consent, StoreError> {
    use carepath_domain::research::ConsentStatus;
    let status = if give {
        ConsentStatus::Active
    } else {
        ConsentStatus::Inactive
    };
    let action = if version == 0 {
        AuditAction::Create
    } else {
        AuditAction::Update
    };
    let audit = reach.event(actor, action, "Consent", reach.patient);
    store
        .decide_consent(reach.patient, status, version, now, &[audit])
        .await
}

/// A project as an administrator typed it.
#[derive(Debug, Clone)]
pub struct ProjectInput {
    pub title: String,
    pub approval_ref: String,
    pub approved: bool,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub members: Vec<Id<carepath_domain::user::UserAccount>>,
    pub programs: Vec<Id<carepath_domain::program::Program>>,
}

/// Why a project was not kept.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("not an administrator")]
    Forbidden,
    #[error(transparent)]
    Problem(#[from] carepath_domain::research::ProjectProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Keeps a research project (new when `existing` is none, else a change of the version
/// the administrator saw); members must hold the researcher role. In the access log.
pub async fn save_project(
    store: &Store,
    admin: &Actor,
    existing: Option<(Id<Project>, i64)>,
    input: ProjectInput,
    now: DateTime<Utc>,
) -> Result<Project, ProjectError> {
    if !admin.has(Role::Admin) {
        return Err(ProjectError::Forbidden);
    }
    carepath_domain::research::ProjectProblem::check(
        &input.title,
        &input.approval_ref,
        input.starts_on,
        input.ends_on,
    )?;
    let before = match existing {
        Some((id, _)) => Some(store.project(id).await?),
        None => None,
    };
    let mut members = Vec::new();
    for m in input.members {
        if store
            .roles(m)
            .await?
            .iter()
            .any(|g| g.role == Role::Researcher)
        {
            members.push(m);
        }
    }
    let project = Project {
        id: existing.map_or_else(Id::new, |(id, _)| id),
        title: input.title.trim().to_owned(),
        approval_ref: input.approval_ref.trim().to_owned(),
        approved_at: match (&before, input.approved) {
            (_, false) => None,
            (Some(b), true) => b.approved_at.or(Some(now)),
            (None, true) => Some(now),
        },
        starts_on: input.starts_on,
        ends_on: input.ends_on,
        members,
        programs: input.programs,
        version: existing.map_or(0, |(_, v)| v),
    };
    let saved = store.save_project(&project, now).await?;
    let action = if existing.is_some() {
        AuditAction::Update
    } else {
        AuditAction::Create
    };
    store
        .audit(&admin.admin_event(action, "ResearchProject", saved.id), now)
        .await?;
    Ok(saved)
}
