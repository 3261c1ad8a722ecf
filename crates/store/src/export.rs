//! Research exports (decision 0038): the export's record and its NDJSON files, and the
//! rows an export reads, a batch of consenting patients at a time.

use carepath_domain::Id;
use carepath_domain::program::ProgramVersion;
use carepath_domain::research::{Export, ExportFile, ExportStatus, Project};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// A consenting patient in an export: id, birth date, gender.
pub type ExportPatient = (String, NaiveDate, Option<String>);

/// A task in an export: id, patient, version, schedule entry, status, response, due.
#[derive(Debug, Clone)]
pub struct ExportTask {
    pub id: String,
    pub patient: String,
    pub version: Id<ProgramVersion>,
    pub entry: usize,
    pub status: String,
    pub response: Option<String>,
    pub due_at: DateTime<Utc>,
}

/// A response in an export: id, patient, questionnaire `url|version`, status, body,
/// authored.
#[derive(Debug, Clone)]
pub struct ExportResponse {
    pub id: String,
    pub patient: String,
    pub questionnaire: String,
    pub status: String,
    pub body: serde_json::Value,
    pub authored_at: DateTime<Utc>,
}

/// A score's Observation in an export.
#[derive(Debug, Clone)]
pub struct ExportObservation {
    pub id: String,
    pub patient: String,
    pub response: String,
    pub body: serde_json::Value,
    pub effective_at: DateTime<Utc>,
}

type ExportRow = (
    String,
    String,
    String,
    String,
    String,
    Option<DateTime<Utc>>,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
    Option<String>,
);

fn export_of(r: ExportRow) -> Result<Export> {
    let (
        id,
        project,
        by,
        request,
        types,
        since,
        status,
        requested_at,
        completed_at,
        expires_at,
        error,
    ) = r;
    Ok(Export {
        id: parse_id(&id)?,
        project: parse_id(&project)?,
        requested_by: parse_id(&by)?,
        request,
        types: types
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        since,
        status: ExportStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt("an export's status".into()))?,
        requested_at,
        completed_at,
        expires_at,
        error,
    })
}

const EXPORT_COLUMNS: &str = "id, project_id, requested_by, request, types, since, status, requested_at, completed_at, expires_at, error";

/// Binds `ids` as a list after `q`'s text.
macro_rules! push_list {
    ($q:expr, $ids:expr) => {{
        let mut list = $q.separated(", ");
        for id in $ids {
            list.push_bind(id.clone());
        }
        $q.push(")");
    }};
}

impl Store {
    pub async fn create_export(&self, e: &Export) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO research_exports (id, project_id, requested_by, request, types, since, status, requested_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(e.id.to_string())
            .bind(e.project.to_string())
            .bind(e.requested_by.to_string())
            .bind(&e.request)
            .bind(e.types.join(","))
            .bind(e.since)
            .bind(e.status.as_str())
            .bind(e.requested_at)
            .bind(e.expires_at)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(())
    }

    pub async fn export(&self, id: Id<Export>) -> Result<Option<Export>> {
        let sql = format!("SELECT {EXPORT_COLUMNS} FROM research_exports WHERE id = $1");
        let row: Option<ExportRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(id.to_string())
                .fetch_optional(pool)
                .await
        })?;
        row.map(export_of).transpose()
    }

    /// Exports still being made (after a restart, they are made again from the start).
    pub async fn exports_in_progress(&self) -> Result<Vec<Export>> {
        let sql = format!(
            "SELECT {EXPORT_COLUMNS} FROM research_exports WHERE status = 'in-progress' ORDER BY requested_at"
        );
        let rows: Vec<ExportRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(export_of).collect()
    }

    /// The exports of `user`, newest first.
    pub async fn exports_of(
        &self,
        user: Id<carepath_domain::user::UserAccount>,
    ) -> Result<Vec<Export>> {
        let sql = format!(
            "SELECT {EXPORT_COLUMNS} FROM research_exports WHERE requested_by = $1 ORDER BY requested_at DESC"
        );
        let rows: Vec<ExportRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(user.to_string())
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(export_of).collect()
    }

    pub async fn export_files(&self, id: Id<Export>) -> Result<Vec<ExportFile>> {
        let rows: Vec<(i64, String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT seq, type, count FROM research_export_files WHERE export_id = $1 ORDER BY seq")
                .bind(id.to_string())
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(seq, kind, count)| ExportFile { seq, kind, count })
            .collect())
    }

    pub async fn export_file(&self, id: Id<Export>, seq: i64) -> Result<Option<Vec<u8>>> {
        let row: Option<(Vec<u8>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT body FROM research_export_files WHERE export_id = $1 AND seq = $2",
            )
            .bind(id.to_string())
            .bind(seq)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(b,)| b))
    }

    /// Removes what an export made so far (it starts again).
    pub async fn clear_export_files(&self, id: Id<Export>) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query("DELETE FROM research_export_files WHERE export_id = $1")
                .bind(id.to_string())
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    pub async fn add_export_file(
        &self,
        id: Id<Export>,
        file: &ExportFile,
        body: &[u8],
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query("INSERT INTO research_export_files (export_id, seq, type, count, body) VALUES ($1, $2, $3, $4, $5)")
                .bind(id.to_string())
                .bind(file.seq)
                .bind(&file.kind)
                .bind(file.count)
                .bind(body)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// Records how an export ended, unless it was deleted meanwhile.
    pub async fn finish_export(
        &self,
        id: Id<Export>,
        status: ExportStatus,
        error: Option<&str>,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query("UPDATE research_exports SET status = $2, error = $3, completed_at = $4, expires_at = $5 WHERE id = $1")
                .bind(id.to_string())
                .bind(status.as_str())
                .bind(error)
                .bind(at)
                .bind(expires_at)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// Deletes an export and its files.
    pub async fn delete_export(&self, id: Id<Export>) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query("DELETE FROM research_export_files WHERE export_id = $1")
                .bind(id.to_string())
                .execute(&mut **tx)
                .await?;
            sqlx::query("DELETE FROM research_exports WHERE id = $1")
                .bind(id.to_string())
                .execute(&mut **tx)
                .await?;
            Ok::<_, StoreError>(())
        })
    }

    /// Exports whose time is up.
    pub async fn expired_exports(&self, now: DateTime<Utc>) -> Result<Vec<Id<Export>>> {
        let rows: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id FROM research_exports WHERE expires_at <= $1")
                .bind(now)
                .fetch_all(pool)
                .await
        })?;
        rows.iter().map(|(id,)| parse_id(id)).collect()
    }

    /// A keyed pseudonym of `id` for `project`: the same within a project, unrelated
    /// across projects, and not reversible without the server's key.
    pub fn pseudonym(&self, project: Id<Project>, kind: &str, id: &str) -> String {
        let full = self
            .crypto
            .index(&format!("research:{project}:{kind}:{id}"));
        full[..32].to_owned()
    }

    /// Up to `limit` patients with an enrollment in `versions` who consent to research,
    /// after `after` by id.
    pub async fn export_patients(
        &self,
        versions: &[Id<ProgramVersion>],
        after: &str,
        limit: i64,
    ) -> Result<Vec<ExportPatient>> {
        let ids: Vec<String> = versions.iter().map(ToString::to_string).collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(
                "SELECT p.id, p.birth_date, p.gender FROM patients p
                 JOIN research_consents c ON c.patient_id = p.id AND c.status = 'active'
                 WHERE p.id > ",
            );
            q.push_bind(after.to_owned());
            q.push(" AND EXISTS (SELECT 1 FROM enrollments e WHERE e.patient_id = p.id AND e.started_at IS NOT NULL AND e.program_version_id IN (");
            push_list!(q, &ids);
            q.push(") ORDER BY p.id LIMIT ");
            q.push_bind(limit);
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        Ok(rows)
    }

    /// The tasks (of `versions`) of `patients`, changed from `since`.
    pub async fn export_tasks(
        &self,
        patients: &[String],
        versions: &[Id<ProgramVersion>],
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<ExportTask>> {
        let ids: Vec<String> = versions.iter().map(ToString::to_string).collect();
        if patients.is_empty() || ids.is_empty() {
            return Ok(Vec::new());
        }
        type Row = (
            String,
            String,
            String,
            i64,
            String,
            Option<String>,
            DateTime<Utc>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(
                "SELECT t.id, t.patient_id, e.program_version_id, t.schedule_entry, t.status, t.response_id, t.due_at
                 FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id WHERE t.patient_id IN (",
            );
            push_list!(q, patients);
            q.push(" AND e.program_version_id IN (");
            push_list!(q, &ids);
            if let Some(since) = since {
                q.push(" AND t.updated_at >= ");
                q.push_bind(since);
            }
            q.push(" ORDER BY t.patient_id, t.due_at, t.id");
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|(id, patient, v, entry, status, response, due_at)| {
                Ok(ExportTask {
                    id,
                    patient,
                    version: parse_id(&v)?,
                    entry: usize::try_from(entry).unwrap_or(usize::MAX),
                    status,
                    response,
                    due_at,
                })
            })
            .collect()
    }

    /// The responses `ids`, with their questionnaire's canonical.
    pub async fn export_responses(&self, ids: &[String]) -> Result<Vec<ExportResponse>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        type Row = (
            String,
            String,
            String,
            String,
            String,
            sqlx::types::Json<serde_json::Value>,
            DateTime<Utc>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(
                "SELECT r.id, r.patient_id, q.url, q.version, r.status, r.body, r.authored_at
                 FROM questionnaire_responses r JOIN questionnaires q ON q.id = r.questionnaire_id WHERE r.id IN (",
            );
            push_list!(q, ids);
            q.push(" ORDER BY r.id");
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(id, patient, url, version, status, body, authored_at)| ExportResponse {
                    id,
                    patient,
                    questionnaire: format!("{url}|{version}"),
                    status,
                    body: body.0,
                    authored_at,
                },
            )
            .collect())
    }

    /// The scores derived from the responses `ids`.
    pub async fn export_observations(&self, ids: &[String]) -> Result<Vec<ExportObservation>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        type Row = (
            String,
            String,
            String,
            sqlx::types::Json<serde_json::Value>,
            DateTime<Utc>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            let mut q = QueryBuilder::new(
                "SELECT o.id, o.patient_id, o.response_id, o.body, o.effective_at FROM observations o WHERE o.response_id IN (",
            );
            push_list!(q, ids);
            q.push(" ORDER BY o.id");
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(id, patient, response, body, effective_at)| ExportObservation {
                    id,
                    patient,
                    response,
                    body: body.0,
                    effective_at,
                },
            )
            .collect())
    }
}
