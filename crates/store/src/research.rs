//! Research projects and patients' research consents (decision 0037).

use carepath_domain::Id;
use carepath_domain::patient::Patient;
use carepath_domain::research::{Consent, ConsentStatus, Project};
use carepath_domain::user::UserAccount;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// The ids paired with `project` in `list`.
fn of<T>(list: &[(String, String)], project: &str) -> Result<Vec<Id<T>>> {
    list.iter()
        .filter(|(p, _)| p == project)
        .map(|(_, x)| parse_id(x))
        .collect()
}

fn day(s: &str) -> Result<NaiveDate> {
    s.parse()
        .map_err(|_| StoreError::Corrupt("a project's day is not a date".into()))
}

impl Store {
    /// Keeps `p` (new, or a change of the version it was read at), with its members and
    /// programs.
    pub async fn save_project(&self, p: &Project, now: DateTime<Utc>) -> Result<Project> {
        let id = p.id.to_string();
        in_tx!(self, |tx| {
            let changed = if p.version == 0 {
                sqlx::query(
                    "INSERT INTO research_projects (id, title, approval_ref, approved_at, starts_on,
                         ends_on, created_at, version)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
                )
                .bind(&id)
                .bind(&p.title)
                .bind(&p.approval_ref)
                .bind(p.approved_at)
                .bind(p.starts_on.to_string())
                .bind(p.ends_on.to_string())
                .bind(now)
                .execute(&mut **tx)
                .await?
                .rows_affected()
            } else {
                sqlx::query(
                    "UPDATE research_projects SET title = $2, approval_ref = $3, approved_at = $4,
                         starts_on = $5, ends_on = $6, version = version + 1
                     WHERE id = $1 AND version = $7",
                )
                .bind(&id)
                .bind(&p.title)
                .bind(&p.approval_ref)
                .bind(p.approved_at)
                .bind(p.starts_on.to_string())
                .bind(p.ends_on.to_string())
                .bind(p.version)
                .execute(&mut **tx)
                .await?
                .rows_affected()
            };
            if changed == 0 {
                return Err(StoreError::Conflict);
            }
            sqlx::query("DELETE FROM research_project_members WHERE project_id = $1")
                .bind(&id)
                .execute(&mut **tx)
                .await?;
            sqlx::query("DELETE FROM research_project_programs WHERE project_id = $1")
                .bind(&id)
                .execute(&mut **tx)
                .await?;
            for m in &p.members {
                sqlx::query(
                    "INSERT INTO research_project_members (project_id, user_id) VALUES ($1, $2)",
                )
                .bind(&id)
                .bind(m.to_string())
                .execute(&mut **tx)
                .await?;
            }
            for program in &p.programs {
                sqlx::query("INSERT INTO research_project_programs (project_id, program_id) VALUES ($1, $2)")
                    .bind(&id)
                    .bind(program.to_string())
                    .execute(&mut **tx)
                    .await?;
            }
            Ok::<_, StoreError>(())
        })?;
        self.project(p.id).await
    }

    /// Every project, newest first.
    pub async fn projects(&self) -> Result<Vec<Project>> {
        self.projects_where(None).await
    }

    /// The projects `user` is a member of, newest first.
    pub async fn projects_of(&self, user: Id<UserAccount>) -> Result<Vec<Project>> {
        self.projects_where(Some(user)).await
    }

    pub async fn project(&self, id: Id<Project>) -> Result<Project> {
        self.projects()
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(StoreError::NotFound("research project"))
    }

    async fn projects_where(&self, member: Option<Id<UserAccount>>) -> Result<Vec<Project>> {
        type Row = (
            String,
            String,
            String,
            Option<DateTime<Utc>>,
            String,
            String,
            i64,
        );
        let member = member.map(|m| m.to_string());
        type Pairs = Vec<(String, String)>;
        let (rows, members, programs): (Vec<Row>, Pairs, Pairs) = on_pool!(self, |pool| {
            let rows = sqlx::query_as(
                "SELECT id, title, approval_ref, approved_at, starts_on, ends_on, version
                     FROM research_projects p
                     WHERE $1 IS NULL OR EXISTS (SELECT 1 FROM research_project_members m
                                                 WHERE m.project_id = p.id AND m.user_id = $1)
                     ORDER BY created_at DESC, id",
            )
            .bind(member.as_deref())
            .fetch_all(pool)
            .await?;
            let members =
                sqlx::query_as("SELECT project_id, user_id FROM research_project_members")
                    .fetch_all(pool)
                    .await?;
            let programs =
                sqlx::query_as("SELECT project_id, program_id FROM research_project_programs")
                    .fetch_all(pool)
                    .await?;
            Ok::<_, sqlx::Error>((rows, members, programs))
        })?;
        rows.into_iter()
            .map(
                |(id, title, approval_ref, approved_at, starts_on, ends_on, version)| {
                    Ok(Project {
                        members: of(&members, &id)?,
                        programs: of(&programs, &id)?,
                        id: parse_id(&id)?,
                        title,
                        approval_ref,
                        approved_at,
                        starts_on: day(&starts_on)?,
                        ends_on: day(&ends_on)?,
                        version,
                    })
                },
            )
            .collect()
    }

    /// The patient's latest research consent decision, if any.
    pub async fn consent(&self, patient: Id<Patient>) -> Result<Option<Consent>> {
        let row: Option<(String, DateTime<Utc>, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT status, decided_at, version FROM research_consents WHERE patient_id = $1",
            )
            .bind(patient.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(status, decided_at, version)| {
            Ok(Consent {
                status: ConsentStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt("a consent's status".into()))?,
                decided_at,
                version,
            })
        })
        .transpose()
    }

    /// Records the patient's decision, if the consent is still at `version` (0: none yet),
    /// with its access-log events.
    pub async fn decide_consent(
        &self,
        patient: Id<Patient>,
        status: ConsentStatus,
        version: i64,
        at: DateTime<Utc>,
        audit: &[carepath_domain::audit::AuditEvent],
    ) -> Result<Consent> {
        in_tx!(self, |tx| {
            let changed = if version == 0 {
                sqlx::query(
                    "INSERT INTO research_consents (patient_id, status, decided_at, version)
                     VALUES ($1, $2, $3, 1) ON CONFLICT (patient_id) DO NOTHING",
                )
                .bind(patient.to_string())
                .bind(status.as_str())
                .bind(at)
                .execute(&mut **tx)
                .await?
                .rows_affected()
            } else {
                sqlx::query(
                    "UPDATE research_consents SET status = $2, decided_at = $3, version = version + 1
                     WHERE patient_id = $1 AND version = $4",
                )
                .bind(patient.to_string())
                .bind(status.as_str())
                .bind(at)
                .bind(version)
                .execute(&mut **tx)
                .await?
                .rows_affected()
            };
            if changed == 0 {
                return Err(StoreError::Conflict);
            }
            crate::audit::append_events!(self, tx, audit, at);
            Ok::<_, StoreError>(())
        })?;
        Ok(Consent {
            status,
            decided_at: at,
            version: version + 1,
        })
    }
}
