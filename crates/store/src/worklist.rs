//! The response centre's worklist: what waits for a unit's care team (active alerts, open
//! consultation requests, overdue tasks, letters to write), filtered by program, and a cheap fingerprint
//! that tells a live worklist page when to fetch the list again.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::program::Program;
use chrono::{DateTime, Utc};

use crate::db::on_pool;
use crate::{Result, Store, parse_id};

/// The PostgreSQL notification channel of worklist changes.
const CHANNEL: &str = "carepath_worklist";

/// A task the patient has not answered in time, as the worklist shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueTask {
    pub id: String,
    pub patient_id: Id<Patient>,
    pub patient_name: String,
    /// The questionnaire's title.
    pub title: String,
    pub due_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl Store {
    /// Tells the live worklists that a unit's worklist may have changed: this node's at
    /// once, and on PostgreSQL every other node's through `NOTIFY`.
    pub(crate) fn worklist_changed(&self) {
        self.worklist.send_modify(|n| *n = n.wrapping_add(1));
        if let crate::db::Db::Postgres(pool) = &self.db {
            let pool = pool.clone();
            tokio::spawn(async move {
                // Lost only if the database is away; the pages' 5-second check covers it.
                let _ = sqlx::query("SELECT pg_notify($1, '')")
                    .bind(CHANNEL)
                    .execute(&pool)
                    .await;
            });
        }
    }

    /// Changes whenever a worklist may have changed: on this node, and on PostgreSQL on
    /// any node (a `LISTEN` connection started on first use, reconnecting when lost).
    pub fn worklist_changes(&self) -> tokio::sync::watch::Receiver<u64> {
        if let crate::db::Db::Postgres(pool) = &self.db {
            let (pool, signal) = (pool.clone(), self.worklist.clone());
            self.listening.call_once(move || {
                tokio::spawn(async move {
                    while !pool.is_closed() {
                        if let Ok(mut listener) =
                            sqlx::postgres::PgListener::connect_with(&pool).await
                            && listener.listen(CHANNEL).await.is_ok()
                        {
                            while listener.recv().await.is_ok() {
                                signal.send_modify(|n| *n = n.wrapping_add(1));
                            }
                        }
                        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                    }
                });
            });
        }
        self.worklist.subscribe()
    }

    /// The overdue tasks of `unit` (of `program` when given), the oldest first.
    pub async fn overdue_tasks(
        &self,
        unit: Id<Unit>,
        program: Option<Id<Program>>,
        limit: i64,
    ) -> Result<Vec<OverdueTask>> {
        type Row = (
            String,
            String,
            String,
            Option<String>,
            String,
            DateTime<Utc>,
            DateTime<Utc>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT t.id, t.patient_id, p.name, q.title, t.questionnaire_key, t.due_at, t.expires_at
                 FROM tasks t
                 JOIN patients p ON p.id = t.patient_id
                 JOIN enrollments e ON e.id = t.enrollment_id
                 JOIN program_versions pv ON pv.id = e.program_version_id
                 LEFT JOIN questionnaires q ON q.program_version_id = e.program_version_id AND q.key = t.questionnaire_key
                 WHERE t.unit_id = $1 AND t.status = 'overdue' AND ($2 IS NULL OR pv.program_id = $2)
                 ORDER BY t.due_at, t.id LIMIT $3",
            )
            .bind(unit.to_string())
            .bind(program.map(|p| p.to_string()))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(id, patient, name, title, key, due_at, expires_at)| {
                Ok(OverdueTask {
                    id,
                    patient_id: parse_id(&patient)?,
                    patient_name: name,
                    title: title.unwrap_or(key),
                    due_at,
                    expires_at,
                })
            })
            .collect()
    }

    /// A short text that changes when `unit`'s worklist (for `program` when given)
    /// changes: counts, version sums and newest ids of its three parts. Names no patient.
    pub async fn worklist_fingerprint(
        &self,
        unit: Id<Unit>,
        program: Option<Id<Program>>,
    ) -> Result<String> {
        type Part = (i32, i64, Option<i64>, Option<String>);
        let parts: Vec<Part> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT 1, COUNT(*), CAST(SUM(a.version) AS BIGINT), MAX(a.id)
                 FROM alerts a LEFT JOIN enrollments e ON e.id = a.enrollment_id
                 LEFT JOIN program_versions pv ON pv.id = e.program_version_id
                 WHERE a.unit_id = $1 AND a.status = 'active' AND ($2 IS NULL OR pv.program_id = $2)
                 UNION ALL
                 SELECT 2, COUNT(*), CAST(SUM(c.version) AS BIGINT), MAX(c.id) FROM consultation_answers c
                 WHERE c.unit_id = $1 AND c.status = 'open' AND ($2 IS NULL OR c.program_id = $2)
                 UNION ALL
                 SELECT 3, COUNT(*), CAST(SUM(t.version) AS BIGINT), MAX(t.id) FROM tasks t
                 JOIN enrollments e ON e.id = t.enrollment_id
                 JOIN program_versions pv ON pv.id = e.program_version_id
                 WHERE t.unit_id = $1 AND t.status = 'overdue' AND ($2 IS NULL OR pv.program_id = $2)
                 UNION ALL
                 SELECT 4, COUNT(*), CAST(SUM(l.version) AS BIGINT), MAX(l.id) FROM letters l
                 JOIN enrollments e ON e.id = l.enrollment_id
                 JOIN program_versions pv ON pv.id = e.program_version_id
                 WHERE l.unit_id = $1 AND l.status = 'draft' AND ($2 IS NULL OR pv.program_id = $2)
                 ORDER BY 1",
            )
            .bind(unit.to_string())
            .bind(program.map(|p| p.to_string()))
            .fetch_all(pool)
            .await
        })?;
        Ok(parts
            .iter()
            .map(|(_, n, v, id)| format!("{n}.{}.{}", v.unwrap_or(0), id.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join("/"))
    }
}
