//! Letters to the GP (decision 0034): drafts made when a patient answers a letter point's
//! questionnaires, signed by the unit that runs the enrollment, then set as a PDF and a
//! Hodemelding by a job and delivered through the outbox. Nothing here decides whether a
//! letter may go; `carepath_domain::letter` does.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::letter::{HerId, Letter, LetterFacts, LetterStatus};
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::program::Program;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::db::{in_tx, on_pool};
use crate::outbox::{NewMessage, enqueue};
use crate::{Result, Store, StoreError, parse_id};

/// A draft to make, once per enrollment and point.
#[derive(Debug, Clone)]
pub struct NewLetter {
    pub enrollment: Id<Enrollment>,
    pub patient: Id<Patient>,
    pub unit: Id<Unit>,
    pub point: String,
}

/// A letter with its patient's name, as a list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedLetter {
    pub letter: Letter,
    pub patient_name: String,
    /// The patient's GP as the record names them now (where a draft would go).
    pub patient_gp: Option<String>,
    pub patient_gp_her_id: Option<HerId>,
    /// The program version of its enrollment (where its point's title is).
    pub program_version: Id<carepath_domain::program::ProgramVersion>,
}

/// What a clinician signs: the assessment, the facts as shown, the GP as the record
/// names them now.
#[derive(Debug, Clone)]
pub struct Signing<'a> {
    pub letter: Id<Letter>,
    /// The version the clinician saw (else `Conflict`).
    pub version: i64,
    pub assessment: &'a str,
    pub facts: &'a LetterFacts,
    pub gp_name: &'a str,
    pub gp_her_id: &'a HerId,
    pub by: Id<UserAccount>,
    /// The activity code the work is recorded with, if one was chosen.
    pub activity: Option<crate::activity::NewActivity>,
}

#[derive(sqlx::FromRow)]
struct LetterRow {
    id: String,
    enrollment_id: String,
    patient_id: String,
    unit_id: String,
    point: String,
    status: String,
    assessment: Option<String>,
    facts: Option<String>,
    gp_name: Option<String>,
    gp_her_id: Option<String>,
    signed_by: Option<String>,
    signed_at: Option<DateTime<Utc>>,
    sent_at: Option<DateTime<Utc>>,
    sends: i64,
    created_at: DateTime<Utc>,
    version: i64,
}

const COLUMNS: &str =
    "l.id, l.enrollment_id, l.patient_id, l.unit_id, l.point, l.status, l.assessment, l.facts,
     l.gp_name, l.gp_her_id, l.signed_by, l.signed_at, l.sent_at, l.sends, l.created_at, l.version";

fn letter(r: LetterRow) -> Result<Letter> {
    Ok(Letter {
        id: parse_id(&r.id)?,
        enrollment_id: parse_id(&r.enrollment_id)?,
        patient_id: parse_id(&r.patient_id)?,
        unit_id: parse_id(&r.unit_id)?,
        point: r.point,
        status: LetterStatus::parse(&r.status)
            .ok_or_else(|| StoreError::Corrupt("a letter's status is unknown".into()))?,
        assessment: r.assessment,
        facts: r
            .facts
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|_| StoreError::Corrupt("a letter's facts are not readable".into()))?,
        gp_name: r.gp_name,
        gp_her_id: crate::organization::her_id(r.gp_her_id)?,
        signed_by: r.signed_by.as_deref().map(parse_id).transpose()?,
        signed_at: r.signed_at,
        sent_at: r.sent_at,
        sends: u32::try_from(r.sends).unwrap_or(0),
        created_at: r.created_at,
        version: r.version,
    })
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    #[sqlx(flatten)]
    letter: LetterRow,
    patient_name: String,
    patient_gp: Option<String>,
    patient_gp_her_id: Option<String>,
    program_version_id: String,
}

impl Store {
    /// Makes the drafts not made before (one per enrollment and point); returns how many
    /// were new. The units' worklists are told.
    pub async fn create_letter_drafts(
        &self,
        drafts: &[NewLetter],
        now: DateTime<Utc>,
    ) -> Result<u64> {
        if drafts.is_empty() {
            return Ok(0);
        }
        let made = in_tx!(self, |tx| {
            let mut made = 0;
            for d in drafts {
                made += sqlx::query(
                    "INSERT INTO letters (id, enrollment_id, patient_id, unit_id, point, status, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, 'draft', $6, $6)
                     ON CONFLICT (enrollment_id, point) DO NOTHING",
                )
                .bind(Id::<Letter>::new().to_string())
                .bind(d.enrollment.to_string())
                .bind(d.patient.to_string())
                .bind(d.unit.to_string())
                .bind(&d.point)
                .bind(now)
                .execute(&mut **tx)
                .await?
                .rows_affected();
            }
            Ok::<_, StoreError>(made)
        })?;
        if made > 0 {
            self.worklist_changed();
        }
        Ok(made)
    }

    /// A letter by id.
    pub async fn letter(&self, id: Id<Letter>) -> Result<Option<Letter>> {
        let sql = format!("SELECT {COLUMNS} FROM letters l WHERE l.id = $1");
        let row: Option<LetterRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(id.to_string())
                .fetch_optional(pool)
                .await
        })?;
        row.map(letter).transpose()
    }

    /// The letters of `unit` that wait for someone (drafts), in `program` if given,
    /// oldest first, at most `limit`.
    pub async fn unit_letter_drafts(
        &self,
        unit: Id<Unit>,
        program: Option<Id<Program>>,
        limit: i64,
    ) -> Result<Vec<ListedLetter>> {
        let sql = format!(
            "SELECT {COLUMNS}, p.name AS patient_name, p.gp_name AS patient_gp,
                    p.gp_her_id AS patient_gp_her_id, e.program_version_id FROM letters l
             JOIN patients p ON p.id = l.patient_id
             JOIN enrollments e ON e.id = l.enrollment_id
             JOIN program_versions pv ON pv.id = e.program_version_id
             WHERE l.unit_id = $1 AND l.status = 'draft' AND ($2 IS NULL OR pv.program_id = $2)
             ORDER BY l.created_at, l.id LIMIT $3"
        );
        let rows: Vec<ListedRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(unit.to_string())
                .bind(program.map(|p| p.to_string()))
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(ListedLetter {
                    letter: letter(r.letter)?,
                    patient_name: r.patient_name,
                    patient_gp: r.patient_gp,
                    patient_gp_her_id: crate::organization::her_id(r.patient_gp_her_id)?,
                    program_version: parse_id(&r.program_version_id)?,
                })
            })
            .collect()
    }

    /// A patient's letters, newest first.
    pub async fn patient_letters(&self, patient: Id<Patient>) -> Result<Vec<Letter>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM letters l WHERE l.patient_id = $1 ORDER BY l.created_at DESC, l.id"
        );
        let rows: Vec<LetterRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(patient.to_string())
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(letter).collect()
    }

    /// Saves a draft's assessment if the draft is still at `version` (else `Conflict`),
    /// with its access-log events.
    pub async fn save_letter_assessment(
        &self,
        id: Id<Letter>,
        version: i64,
        assessment: &str,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE letters SET assessment = $1, version = version + 1, updated_at = $2
                 WHERE id = $3 AND version = $4 AND status = 'draft'",
            )
            .bind(assessment)
            .bind(now)
            .bind(id.to_string())
            .bind(version)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(StoreError::Conflict);
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })
    }

    /// Signs a letter for sending, if it is still at the version the clinician saw (else
    /// `Conflict`): it leaves the worklist and waits for the job that sets it. Its PDF
    /// and message from a sending before are replaced.
    pub async fn sign_letter(
        &self,
        s: &Signing<'_>,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        let facts = serde_json::to_string(s.facts)
            .map_err(|_| StoreError::Corrupt("a letter's facts could not be written".into()))?;
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE letters SET status = 'sending', assessment = $1, facts = $2, gp_name = $3,
                        gp_her_id = $4, signed_by = $5, signed_at = $6, sends = sends + 1,
                        pdf = NULL, message = NULL, version = version + 1, updated_at = $6
                 WHERE id = $7 AND version = $8 AND status <> 'sending'",
            )
            .bind(s.assessment)
            .bind(&facts)
            .bind(s.gp_name)
            .bind(s.gp_her_id.as_str())
            .bind(s.by.to_string())
            .bind(now)
            .bind(s.letter.to_string())
            .bind(s.version)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(StoreError::Conflict);
            }
            if let Some(activity) = &s.activity {
                crate::activity::insert_activity!(tx, activity);
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })?;
        self.worklist_changed();
        Ok(())
    }

    /// Signed letters not yet set as a PDF and a message, oldest first.
    pub async fn letters_to_render(&self, limit: i64) -> Result<Vec<Letter>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM letters l WHERE l.status = 'sending' AND l.message IS NULL
             ORDER BY l.signed_at, l.id LIMIT $1"
        );
        let rows: Vec<LetterRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(letter).collect()
    }

    /// Keeps a signed letter's PDF and message and puts the message in the outbox, in one
    /// transaction; a letter set already (by another node) is left as it is. The outbox
    /// message's key names the letter and its sending, so one signing sends once.
    pub async fn letter_rendered(
        &self,
        letter: &Letter,
        pdf: &[u8],
        message: &[u8],
        outgoing: &NewMessage,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE letters SET pdf = $1, message = $2, updated_at = $3
                 WHERE id = $4 AND sends = $5 AND status = 'sending' AND message IS NULL",
            )
            .bind(pdf)
            .bind(message)
            .bind(now)
            .bind(letter.id.to_string())
            .bind(i64::from(letter.sends))
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 1 {
                enqueue!(tx, std::slice::from_ref(outgoing), now);
            }
            Ok::<_, StoreError>(changed == 1)
        })
    }

    /// The message of a letter on its way (what the delivery adapter drops).
    pub async fn letter_message(&self, id: Id<Letter>) -> Result<Option<Vec<u8>>> {
        let row: Option<(Option<Vec<u8>>,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT message FROM letters WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.and_then(|r| r.0))
    }

    /// Records that a letter's message reached the GP's message folder.
    pub async fn letter_delivered(&self, id: Id<Letter>, now: DateTime<Utc>) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE letters SET status = 'sent', sent_at = $1, updated_at = $1, version = version + 1
                 WHERE id = $2 AND status = 'sending'",
            )
            .bind(now)
            .bind(id.to_string())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// A letter's PDF, once set.
    pub async fn letter_pdf(&self, id: Id<Letter>) -> Result<Option<Vec<u8>>> {
        let row: Option<(Option<Vec<u8>>,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT pdf FROM letters WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.and_then(|r| r.0))
    }
}

/// A task that closed unanswered: (enrollment, patient, unit, program version, schedule
/// entry).
pub type ClosedTask = (
    Id<Enrollment>,
    Id<Patient>,
    Id<Unit>,
    Id<carepath_domain::program::ProgramVersion>,
    usize,
);

impl Store {
    /// The tasks of enrollments in `versions` whose window closed unanswered from `since`
    /// until `until`, oldest first, at most `limit`: where a letter point may have passed
    /// without an answer.
    pub async fn tasks_closed_unanswered(
        &self,
        versions: &[Id<carepath_domain::program::ProgramVersion>],
        (since, until): (DateTime<Utc>, DateTime<Utc>),
        limit: i64,
    ) -> Result<Vec<ClosedTask>> {
        if versions.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = versions.iter().map(ToString::to_string).collect();
        type Row = (String, String, String, String, i64);
        let rows: Vec<Row> = on_pool!(self, |pool| {
            let mut q = sqlx::QueryBuilder::new(
                "SELECT t.enrollment_id, t.patient_id, t.unit_id, e.program_version_id, t.schedule_entry
                 FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id
                 WHERE t.status = 'expired' AND t.expires_at > ",
            );
            q.push_bind(since);
            q.push(" AND t.expires_at <= ");
            q.push_bind(until);
            q.push(" AND e.program_version_id IN (");
            let mut list = q.separated(", ");
            for id in &ids {
                list.push_bind(id.as_str());
            }
            q.push(") ORDER BY t.expires_at, t.id LIMIT ");
            q.push_bind(limit);
            q.build_query_as().persistent(false).fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|(e, p, u, v, entry)| {
                Ok((
                    parse_id(&e)?,
                    parse_id(&p)?,
                    parse_id(&u)?,
                    parse_id(&v)?,
                    usize::try_from(entry).unwrap_or(usize::MAX),
                ))
            })
            .collect()
    }

    /// Sent letters, newest first: a patient's (within `units` when given), or every one
    /// of `units`, at most `limit`.
    pub async fn search_letters(
        &self,
        patient: Option<Id<Patient>>,
        units: Option<&[Id<Unit>]>,
        limit: i64,
    ) -> Result<Vec<Letter>> {
        let mut found = match patient {
            Some(p) => self.patient_letters(p).await?,
            None => {
                let mut all = Vec::new();
                let sql = format!(
                    "SELECT {COLUMNS} FROM letters l WHERE l.unit_id = $1 AND l.status = 'sent'
                     ORDER BY l.sent_at DESC, l.id LIMIT $2"
                );
                for unit in units.unwrap_or_default() {
                    let rows: Vec<LetterRow> = on_pool!(self, |pool| {
                        sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                            .bind(unit.to_string())
                            .bind(limit)
                            .fetch_all(pool)
                            .await
                    })?;
                    for r in rows {
                        all.push(letter(r)?);
                    }
                }
                all
            }
        };
        found.retain(|l| l.status == LetterStatus::Sent);
        if let Some(units) = units {
            found.retain(|l| units.contains(&l.unit_id));
        }
        found.sort_by(|a, b| b.sent_at.cmp(&a.sent_at).then(a.id.cmp(&b.id)));
        found.truncate(usize::try_from(limit).unwrap_or(0));
        Ok(found)
    }
}
