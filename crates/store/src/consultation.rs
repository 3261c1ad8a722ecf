//! Need-driven follow-up: each answer to a questionnaire's consultation question ("do you
//! want an appointment?"). "Yes" is a request on the unit's worklist until someone handles
//! it; "no" and "none" (the window closed unanswered) count in the statistics.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::program::Program;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// Marks the ids of consultation answers.
#[derive(Debug)]
pub struct ConsultationAnswer;

/// An open request for an appointment, as the worklist shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsultationRequest {
    pub id: String,
    pub patient_id: Id<Patient>,
    pub patient_name: String,
    /// The enrollment whose questionnaire asked.
    pub enrollment_id: Id<carepath_domain::enrollment::Enrollment>,
    pub unit_id: Id<Unit>,
    pub program_id: Id<Program>,
    pub answered_at: DateTime<Utc>,
    /// The response whose answer asked for it, and its questionnaire: what the care team
    /// reads to triage it.
    pub response: Option<(String, String)>,
}

/// Yes, no and no-answer counts for one program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationCounts {
    pub program_id: Id<Program>,
    pub yes: i64,
    pub no: i64,
    pub none: i64,
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    DateTime<Utc>,
    Option<String>,
    Option<String>,
);

fn request(r: Row) -> Result<ConsultationRequest> {
    Ok(ConsultationRequest {
        id: r.0,
        patient_id: parse_id(&r.1)?,
        patient_name: r.2,
        enrollment_id: parse_id(&r.3)?,
        unit_id: parse_id(&r.4)?,
        program_id: parse_id(&r.5)?,
        answered_at: r.6,
        response: r.7.zip(r.8),
    })
}

const COLUMNS: &str = "c.id, c.patient_id, p.name, c.enrollment_id, c.unit_id, c.program_id, c.answered_at,
     c.response_id, (SELECT r.questionnaire_id FROM questionnaire_responses r WHERE r.id = c.response_id)";

impl Store {
    /// An enrollment's requests for an appointment ("yes" to the consultation question),
    /// newest first: when each was made, and when the care team handled it.
    pub async fn enrollment_requests(
        &self,
        enrollment: Id<carepath_domain::enrollment::Enrollment>,
    ) -> Result<Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT answered_at, handled_at FROM consultation_answers
                 WHERE enrollment_id = $1 AND answer = 'yes'
                 ORDER BY answered_at DESC, id",
            )
            .bind(enrollment.to_string())
            .fetch_all(pool)
            .await
        })?)
    }

    /// The open requests of `unit` (of `program` when given), the oldest first.
    pub async fn open_consultation_requests(
        &self,
        unit: Id<Unit>,
        program: Option<Id<Program>>,
        limit: i64,
    ) -> Result<Vec<ConsultationRequest>> {
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM consultation_answers c JOIN patients p ON p.id = c.patient_id
                 WHERE c.unit_id = $1 AND c.status = 'open' AND ($2 IS NULL OR c.program_id = $2)
                 ORDER BY c.answered_at, c.id LIMIT $3"
            )))
            .bind(unit.to_string())
            .bind(program.map(|p| p.to_string()))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(request).collect()
    }

    /// One request by id, whatever its status.
    pub async fn consultation_request(&self, id: &str) -> Result<Option<ConsultationRequest>> {
        let row: Option<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM consultation_answers c JOIN patients p ON p.id = c.patient_id
                 WHERE c.id = $1 AND c.answer = 'yes'"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        row.map(request).transpose()
    }

    /// Marks an open request handled with the person's note, with the access-log `audit`
    /// events; `false` when someone else handled it first.
    pub async fn handle_consultation_request(
        &self,
        id: &str,
        by: Id<UserAccount>,
        note: &str,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
        activity: Option<&crate::activity::NewActivity>,
    ) -> Result<bool> {
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE consultation_answers SET status = 'handled', handled_by = $2, handled_at = $3,
                        note = $4, version = version + 1
                 WHERE id = $1 AND status = 'open'",
            )
            .bind(id)
            .bind(by.to_string())
            .bind(now)
            .bind(note)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 1 {
                if let Some(activity) = activity {
                    crate::activity::insert_activity!(tx, activity);
                }
                crate::audit::append_events!(self, tx, audit, now);
            }
            Ok::<_, StoreError>(changed == 1)
        })
        .inspect(|_| self.worklist_changed())
    }

    /// Yes / no / no-answer counts per program for answers given in `[from, to)`, in the
    /// given units. Counts only: no patient is named.
    pub async fn consultation_statistics(
        &self,
        units: &[Id<Unit>],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ConsultationCounts>> {
        let mut out = Vec::new();
        for unit in units {
            let rows: Vec<(String, i64, i64, i64)> = on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT program_id,
                            SUM(CASE WHEN answer = 'yes' THEN 1 ELSE 0 END),
                            SUM(CASE WHEN answer = 'no' THEN 1 ELSE 0 END),
                            SUM(CASE WHEN answer = 'none' THEN 1 ELSE 0 END)
                     FROM consultation_answers
                     WHERE unit_id = $1 AND answered_at >= $2 AND answered_at < $3
                     GROUP BY program_id ORDER BY program_id",
                )
                .bind(unit.to_string())
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await
            })?;
            for (program, yes, no, none) in rows {
                let program_id: Id<Program> = parse_id(&program)?;
                match out
                    .iter_mut()
                    .find(|c: &&mut ConsultationCounts| c.program_id == program_id)
                {
                    Some(c) => {
                        c.yes += yes;
                        c.no += no;
                        c.none += none;
                    }
                    None => out.push(ConsultationCounts {
                        program_id,
                        yes,
                        no,
                        none,
                    }),
                }
            }
        }
        Ok(out)
    }
}
