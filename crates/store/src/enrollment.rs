//! Referrals, enrollments, reading progress and the unit's patient list, with every
//! change to a clinical record kept in `record_history`.

use std::collections::BTreeSet;

use carepath_domain::audit::AuditEvent;
use carepath_domain::enrollment::{Enrollment, EnrollmentStatus, Progress};
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::program::Program;
use carepath_domain::referral::{HeardAbout, Referral, ReferralSource};
use carepath_domain::user::UserAccount;
use carepath_domain::{Id, NationalIdNumber};
use chrono::{DateTime, Utc};

use crate::audit::append_events;
use crate::db::{Backend, in_tx, on_pool};
use crate::{Page, Result, Store, StoreError, parse_id};

/// Appends a version of a clinical record to `record_history` inside a transaction.
macro_rules! record_history {
    ($tx:expr, $type:expr, $id:expr, $version:expr, $now:expr, $by:expr, $body:expr) => {
        sqlx::query(
            "INSERT INTO record_history (resource_type, resource_id, version, recorded_at, recorded_by, body)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($type)
        .bind($id.to_string())
        .bind($version)
        .bind($now)
        .bind($by)
        .bind(sqlx::types::Json(&$body))
        .execute(&mut **$tx)
        .await?
    };
}
pub(crate) use record_history;

impl Store {
    /// The versions of the clinical record `resource_type`/`id` the record history keeps,
    /// newest first: the version, when it was written, and its body read as `T`.
    pub(crate) async fn kept_versions<T>(
        &self,
        resource_type: &str,
        id: &str,
    ) -> Result<Vec<(i64, DateTime<Utc>, T)>>
    where
        T: serde::de::DeserializeOwned + Send + Unpin + 'static,
    {
        let rows: Vec<(i64, DateTime<Utc>, sqlx::types::Json<T>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT version, recorded_at, body FROM record_history
                 WHERE resource_type = $1 AND resource_id = $2
                 ORDER BY version DESC",
            )
            .bind(resource_type)
            .bind(id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(v, at, body)| (v, at, body.0))
            .collect())
    }
}

/// Replaces the optional modules an enrollment has chosen, inside a transaction.
macro_rules! write_chosen_modules {
    ($tx:expr, $e:expr) => {
        sqlx::query("DELETE FROM enrollment_modules WHERE enrollment_id = $1")
            .bind($e.id.to_string())
            .execute(&mut **$tx)
            .await?;
        for module in &$e.chosen_modules {
            sqlx::query(
                "INSERT INTO enrollment_modules (enrollment_id, module_key) VALUES ($1, $2)",
            )
            .bind($e.id.to_string())
            .bind(module)
            .execute(&mut **$tx)
            .await?;
        }
    };
}

#[derive(sqlx::FromRow)]
struct EnrollmentRow {
    id: String,
    patient_id: String,
    unit_id: String,
    program_version_id: String,
    status: String,
    enrolled_at: DateTime<Utc>,
    terms_accepted_at: Option<DateTime<Utc>>,
    screened_at: Option<DateTime<Utc>>,
    screening_outcome: Option<String>,
    started_at: Option<DateTime<Utc>>,
    paused_at: Option<DateTime<Utc>>,
    version: i64,
    chosen: Option<String>,
}

/// Splits a comma-separated aggregate into a set.
fn split_list(list: Option<String>) -> BTreeSet<String> {
    list.unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

const COLUMNS: &str = "id, patient_id, unit_id, program_version_id, status, enrolled_at, terms_accepted_at, \
                       screened_at, screening_outcome, started_at, paused_at, version";

fn enrollment_json(e: &Enrollment) -> serde_json::Value {
    serde_json::json!({
        "id": e.id, "patient": e.patient_id, "unit": e.unit_id, "programVersion": e.program_version_id,
        "status": e.status, "enrolledAt": e.enrolled_at, "termsAcceptedAt": e.terms_accepted_at,
        "screenedAt": e.screened_at, "screeningOutcome": e.screening_outcome, "startedAt": e.started_at,
        "pausedAt": e.paused_at,
        "chosenModules": e.chosen_modules, "version": e.version,
    })
}

/// An enrollment as [`enrollment_json`] wrote it; what older versions lack is empty.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct EnrollmentThen {
    status: EnrollmentStatus,
    enrolled_at: DateTime<Utc>,
    #[serde(default)]
    terms_accepted_at: Option<DateTime<Utc>>,
    #[serde(default)]
    screened_at: Option<DateTime<Utc>>,
    #[serde(default)]
    screening_outcome: Option<String>,
    #[serde(default)]
    started_at: Option<DateTime<Utc>>,
    #[serde(default)]
    paused_at: Option<DateTime<Utc>>,
    #[serde(default)]
    chosen_modules: BTreeSet<String>,
}

/// One row of a unit's patient list.
#[derive(Debug, Clone)]
pub struct EnrollmentSummary {
    pub enrollment_id: Id<Enrollment>,
    pub patient_id: Id<Patient>,
    pub patient_name: String,
    pub status: EnrollmentStatus,
    pub enrolled_at: DateTime<Utc>,
    pub program_version_id: Id<carepath_domain::program::ProgramVersion>,
    pub pages_read: i64,
    pub chosen_modules: BTreeSet<String>,
    /// Paused by the care team (active, but nothing runs).
    pub paused: bool,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    patient_id: String,
    name: String,
    status: String,
    enrolled_at: DateTime<Utc>,
    program_version_id: String,
    pages_read: i64,
    chosen: Option<String>,
    paused: bool,
}

/// A referral to register.
#[derive(Debug, Clone)]
pub struct NewReferral {
    /// Chosen by the caller, so the access-log event can name it.
    pub id: Id<Referral>,
    pub patient: Id<Patient>,
    pub unit: Id<Unit>,
    pub program: Id<Program>,
    pub source: ReferralSource,
    pub heard_about: HeardAbout,
    /// The referring GP's region (decision 0053), when the referral says.
    pub region: Option<carepath_domain::region::Region>,
    pub registered_by: Id<UserAccount>,
    pub received_at: DateTime<Utc>,
}

/// Filters for a unit's patient list.
#[derive(Debug, Clone, Default)]
pub struct EnrollmentQuery {
    /// Part of a name, or a whole national identity number.
    pub search: Option<String>,
    pub status: Option<EnrollmentStatus>,
    /// Only paused enrollments (`Some(true)`), or only those not paused (`Some(false)`).
    pub paused: Option<bool>,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

impl Store {
    /// Stores a referral with the access-log `audit` events of the change, in one
    /// transaction.
    pub async fn create_referral(
        &self,
        new: &NewReferral,
        audit: &[AuditEvent],
    ) -> Result<Referral> {
        let referral = Referral {
            id: new.id,
            source: new.source,
            heard_about: new.heard_about,
        };
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO referrals (id, patient_id, unit_id, program_id, source, heard_about, received_at, registered_by, region)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(referral.id.to_string())
            .bind(new.patient.to_string())
            .bind(new.unit.to_string())
            .bind(new.program.to_string())
            .bind(new.source.as_str())
            .bind(new.heard_about.as_str())
            .bind(new.received_at)
            .bind(new.registered_by.to_string())
            .bind(new.region.map(carepath_domain::region::Region::code))
            .execute(&mut **tx)
            .await?;
            append_events!(self, tx, audit, new.received_at);
            Ok::<_, StoreError>(())
        })?;
        Ok(referral)
    }

    /// Stores a new enrollment (and its first history entry) with the access-log `audit`
    /// events of the change, in one transaction.
    pub async fn create_enrollment(
        &self,
        e: &Enrollment,
        referral: Option<Id<Referral>>,
        by: Option<Id<UserAccount>>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        let body = enrollment_json(e);
        let schedule = self.schedule_of(e).await?;
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO enrollments (id, patient_id, unit_id, program_version_id, referral_id, status, enrolled_at,
                     terms_accepted_at, screened_at, screening_outcome, started_at, version, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $7)",
            )
            .bind(e.id.to_string())
            .bind(e.patient_id.to_string())
            .bind(e.unit_id.to_string())
            .bind(e.program_version_id.to_string())
            .bind(referral.map(|r| r.to_string()))
            .bind(e.status.as_str())
            .bind(e.enrolled_at)
            .bind(e.terms_accepted_at)
            .bind(e.screened_at)
            .bind(&e.screening_outcome)
            .bind(e.started_at)
            .bind(e.version)
            .execute(&mut **tx)
            .await?;
            write_chosen_modules!(tx, e);
            if let Some((program, start)) = &schedule {
                let firsts = carepath_domain::schedule::first_occurrences(program, *start);
                crate::task::start_cursors!(tx, e.id, &firsts);
            }
            record_history!(
                tx,
                "CarePlan",
                e.id,
                e.version,
                e.enrolled_at,
                by.map(|u| u.to_string()),
                body
            );
            append_events!(self, tx, audit, e.enrolled_at);
            Ok::<_, StoreError>(())
        })?;
        if let Some((_, start)) = &schedule {
            self.open_tasks_of(e.id, *start).await?;
        }
        Ok(())
    }

    /// Saves a changed enrollment whose `version` was incremented from `expected_version`.
    /// Someone else's change in between is a [`StoreError::Conflict`]; nothing is lost.
    /// The access-log `audit` events commit with the change (none when nothing changed).
    pub async fn save_enrollment(
        &self,
        e: &Enrollment,
        expected_version: i64,
        by: Option<Id<UserAccount>>,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        if e.version == expected_version {
            return Ok(());
        }
        let body = enrollment_json(e);
        let schedule = self.schedule_of(e).await?;
        let starts = in_tx!(self, |tx| {
            let before: Option<(String, Option<DateTime<Utc>>)> =
                sqlx::query_as("SELECT status, paused_at FROM enrollments WHERE id = $1")
                    .bind(e.id.to_string())
                    .fetch_optional(&mut **tx)
                    .await?;
            let was_running = before.is_some_and(|(s, paused)| {
                EnrollmentStatus::parse(&s).is_some_and(EnrollmentStatus::runs_schedule)
                    && paused.is_none()
            });
            let done = sqlx::query(
                "UPDATE enrollments SET status = $1, terms_accepted_at = $2, screened_at = $3, screening_outcome = $4,
                     started_at = $5, version = $6, updated_at = $7, paused_at = $10
                 WHERE id = $8 AND version = $9",
            )
            .bind(e.status.as_str())
            .bind(e.terms_accepted_at)
            .bind(e.screened_at)
            .bind(&e.screening_outcome)
            .bind(e.started_at)
            .bind(e.version)
            .bind(now)
            .bind(e.id.to_string())
            .bind(expected_version)
            .bind(e.paused_at)
            .execute(&mut **tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(StoreError::Conflict);
            }
            write_chosen_modules!(tx, e);
            // The schedule starts when the patient starts (or the enrollment is resumed),
            // and stops (pending tasks cancelled) when it ends, is withdrawn or paused.
            let starts = match &schedule {
                Some((program, start)) if !was_running => {
                    let firsts = carepath_domain::schedule::first_occurrences(program, *start);
                    crate::task::start_cursors!(tx, e.id, &firsts);
                    true
                }
                Some(_) => false,
                None => {
                    crate::task::stop_schedule!(tx, e.id, now);
                    false
                }
            };
            record_history!(
                tx,
                "CarePlan",
                e.id,
                e.version,
                now,
                by.map(|u| u.to_string()),
                body
            );
            append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(starts)
        })?;
        if starts {
            self.open_tasks_of(e.id, now).await?;
        }
        Ok(())
    }

    /// Enrollments where `column = value`, with their chosen modules, in one query.
    async fn enrollments_where(
        &self,
        column: &'static str,
        value: String,
    ) -> Result<Vec<Enrollment>> {
        self.enrollments_matching(&format!("{column} = $1"), &[Some(value)], "")
            .await
    }

    /// Enrollments matching the SQL condition `filter` with `binds` ($1, $2, ...), newest
    /// first, with `tail` (LIMIT/OFFSET) after the order.
    async fn enrollments_matching(
        &self,
        filter: &str,
        binds: &[Option<String>],
        tail: &str,
    ) -> Result<Vec<Enrollment>> {
        let sql = format!(
            "SELECT {COLUMNS}, (SELECT {agg} FROM enrollment_modules m WHERE m.enrollment_id = enrollments.id) AS chosen
             FROM enrollments WHERE {filter} ORDER BY enrolled_at DESC, id {tail}",
            agg = self.string_agg("module_key")
        );
        let rows: Vec<EnrollmentRow> = on_pool!(self, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for b in binds {
                q = q.bind(b);
            }
            q.fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(Enrollment {
                    id: parse_id(&r.id)?,
                    patient_id: parse_id(&r.patient_id)?,
                    unit_id: parse_id(&r.unit_id)?,
                    program_version_id: parse_id(&r.program_version_id)?,
                    status: EnrollmentStatus::parse(&r.status)
                        .ok_or_else(|| StoreError::Corrupt("unknown enrollment status".into()))?,
                    enrolled_at: r.enrolled_at,
                    terms_accepted_at: r.terms_accepted_at,
                    screened_at: r.screened_at,
                    screening_outcome: r.screening_outcome,
                    started_at: r.started_at,
                    chosen_modules: split_list(r.chosen),
                    paused_at: r.paused_at,
                    version: r.version,
                })
            })
            .collect()
    }

    /// Enrollments within `scope`, of `patient` when given, in one of `statuses` (any
    /// when empty), the newest first, a page at a time; with the total.
    pub async fn search_enrollments(
        &self,
        scope: &crate::response::Scope,
        patient: Option<Id<Patient>>,
        statuses: &[EnrollmentStatus],
        common: &crate::Common,
        offset: i64,
        count: i64,
    ) -> Result<(Vec<Enrollment>, i64)> {
        let ids = &common.ids;
        let mut binds: Vec<Option<String>> = vec![patient.map(|p| p.to_string())];
        let status_sql = if statuses.is_empty() {
            "1 = 1".to_owned()
        } else {
            let list: Vec<String> = statuses
                .iter()
                .map(|s| {
                    binds.push(Some(s.as_str().to_owned()));
                    format!("${}", binds.len())
                })
                .collect();
            format!("status IN ({})", list.join(", "))
        };
        let by_id = crate::one_of("id", binds.len() + 1, ids);
        binds.push(crate::joined(ids));
        let (scope_sql, scope_binds) = scope.sql("patient_id", "unit_id", binds.len() + 1);
        binds.extend(scope_binds.into_iter().map(Some));
        // A care plan was last written when the record history last recorded it.
        let updated = common.updated.literal_sql(
            "(SELECT MAX(h.recorded_at) FROM record_history h
              WHERE h.resource_type = 'CarePlan' AND h.resource_id = enrollments.id)",
        );
        let filter = format!(
            "($1 IS NULL OR patient_id = $1) AND {status_sql} AND {by_id} AND {scope_sql} AND {updated}"
        );
        let count_sql = format!("SELECT COUNT(*) FROM enrollments WHERE {filter}");
        let (total,): (i64,) = on_pool!(self, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(count_sql.clone()));
            for b in &binds {
                q = q.bind(b);
            }
            q.fetch_one(pool).await
        })?;
        let tail = format!("LIMIT {} OFFSET {}", count.clamp(0, 1000), offset.max(0));
        let rows = self.enrollments_matching(&filter, &binds, &tail).await?;
        Ok((rows, total))
    }

    /// `group_concat` on SQLite, `string_agg` on PostgreSQL: a comma-separated list.
    fn string_agg(&self, column: &str) -> String {
        match self.backend() {
            Backend::Sqlite => format!("group_concat({column}, ',')"),
            Backend::Postgres => format!("string_agg({column}, ',')"),
        }
    }

    pub async fn enrollment(&self, id: Id<Enrollment>) -> Result<Enrollment> {
        self.enrollments_where("id", id.to_string())
            .await?
            .pop()
            .ok_or(StoreError::NotFound("enrollment"))
    }

    /// Every kept version of an enrollment, newest first, each with when it was written
    /// (`None` for the current one where its history is missing): the current record,
    /// then the older versions as the record history keeps them.
    pub async fn enrollment_versions(
        &self,
        id: Id<Enrollment>,
    ) -> Result<Vec<(Enrollment, Option<DateTime<Utc>>)>> {
        let current = self.enrollment(id).await?;
        let rows: Vec<(i64, DateTime<Utc>, EnrollmentThen)> =
            self.kept_versions("CarePlan", &id.to_string()).await?;
        let written = rows
            .iter()
            .find(|(v, _, _)| *v == current.version)
            .map(|(_, at, _)| *at);
        let older: Vec<(Enrollment, Option<DateTime<Utc>>)> = rows
            .into_iter()
            .filter(|(v, _, _)| *v != current.version)
            .map(|(version, at, then)| {
                let e = Enrollment {
                    status: then.status,
                    enrolled_at: then.enrolled_at,
                    terms_accepted_at: then.terms_accepted_at,
                    screened_at: then.screened_at,
                    screening_outcome: then.screening_outcome,
                    started_at: then.started_at,
                    paused_at: then.paused_at,
                    chosen_modules: then.chosen_modules,
                    version,
                    ..current.clone()
                };
                (e, Some(at))
            })
            .collect();
        Ok(std::iter::once((current, written)).chain(older).collect())
    }

    /// A patient's enrollments, newest first.
    pub async fn patient_enrollments(&self, patient: Id<Patient>) -> Result<Vec<Enrollment>> {
        self.enrollments_where("patient_id", patient.to_string())
            .await
    }

    /// Marks a page read and remembers it as the place to resume, with the access-log
    /// `audit` events, in one transaction. Idempotent.
    pub async fn mark_page_read(
        &self,
        enrollment: Id<Enrollment>,
        module: &str,
        page: &str,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO page_reads (enrollment_id, module_key, page_key, read_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (enrollment_id, module_key, page_key) DO NOTHING",
            )
            .bind(enrollment.to_string())
            .bind(module)
            .bind(page)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "INSERT INTO reading_positions (enrollment_id, module_key, page_key, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (enrollment_id) DO UPDATE
                 SET module_key = excluded.module_key, page_key = excluded.page_key, updated_at = excluded.updated_at",
            )
            .bind(enrollment.to_string())
            .bind(module)
            .bind(page)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })
    }

    pub async fn progress(&self, enrollment: Id<Enrollment>) -> Result<Progress> {
        let reads: Vec<(String, String)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT module_key, page_key FROM page_reads WHERE enrollment_id = $1")
                .bind(enrollment.to_string())
                .fetch_all(pool)
                .await
        })?;
        let last: Option<(String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT module_key, page_key FROM reading_positions WHERE enrollment_id = $1",
            )
            .bind(enrollment.to_string())
            .fetch_optional(pool)
            .await
        })?;
        Ok(Progress {
            read: reads.into_iter().collect(),
            last_page: last,
        })
    }

    /// One page of a unit's enrollments, newest first, with reading progress, in two
    /// queries whatever the page size.
    /// What a search of patients matches: a number finds its patient (its index); words
    /// find names holding each of them, in any order ("Haugen Ola" finds "Ola Demo
    /// Haugen"), the first three words counting, as `LIKE` patterns.
    fn search_terms(&self, search: Option<&str>) -> (Vec<String>, Option<String>) {
        match search.map(str::trim).filter(|s| !s.is_empty()) {
            None => (Vec::new(), None),
            Some(s) => match NationalIdNumber::parse(s) {
                Ok(nin) => (Vec::new(), Some(self.nin_index(&nin))),
                Err(_) => (
                    s.to_lowercase()
                        .replace(['%', '_'], "")
                        .split_whitespace()
                        .take(3)
                        .map(|w| format!("%{w}%"))
                        .collect(),
                    None,
                ),
            },
        }
    }

    /// The unit's referrals whose patient it has not enrolled in the referred program,
    /// newest first, matching `search` as the patient list does: (patient, name, program,
    /// received), at most `limit`.
    pub async fn referrals_not_enrolled(
        &self,
        unit: Id<Unit>,
        search: Option<&str>,
        limit: i64,
    ) -> Result<
        Vec<(
            Id<Patient>,
            String,
            Id<carepath_domain::program::Program>,
            DateTime<Utc>,
        )>,
    > {
        let (words, nin_index) = self.search_terms(search);
        let word = |i: usize| words.get(i).cloned();
        let rows: Vec<(String, String, String, DateTime<Utc>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.patient_id, p.name, r.program_id, r.received_at
                 FROM referrals r JOIN patients p ON p.id = r.patient_id
                 WHERE r.unit_id = $1
                   AND NOT EXISTS (SELECT 1 FROM enrollments e
                       JOIN program_versions v ON v.id = e.program_version_id
                       WHERE e.patient_id = r.patient_id AND e.unit_id = r.unit_id
                         AND v.program_id = r.program_id)
                   AND ($2 IS NULL OR lower(p.name) LIKE $2)
                   AND ($3 IS NULL OR lower(p.name) LIKE $3)
                   AND ($4 IS NULL OR lower(p.name) LIKE $4)
                   AND ($5 IS NULL OR p.nin_index = $5)
                 ORDER BY r.received_at DESC, r.id LIMIT $6",
            )
            .bind(unit.to_string())
            .bind(word(0))
            .bind(word(1))
            .bind(word(2))
            .bind(&nin_index)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(patient, name, program, at)| {
                Ok((parse_id(&patient)?, name, parse_id(&program)?, at))
            })
            .collect()
    }

    pub async fn unit_enrollments(
        &self,
        unit: Id<Unit>,
        q: &EnrollmentQuery,
    ) -> Result<Page<EnrollmentSummary>> {
        let per_page = q.per_page.clamp(1, 200);
        let page = q.page.max(1);
        let (words, nin_index) = self.search_terms(q.search.as_deref());
        let word = |i: usize| words.get(i).cloned();
        let status = q.status.map(|s| s.as_str());
        // Patients are reached through subqueries, so counting never joins them and a
        // page joins only the rows it shows.
        const FILTER: &str = "FROM enrollments e
            WHERE e.unit_id = $1
              AND ($2 IS NULL OR e.patient_id IN (SELECT pn.id FROM patients pn
                   WHERE lower(pn.name) LIKE $2
                     AND ($3 IS NULL OR lower(pn.name) LIKE $3)
                     AND ($4 IS NULL OR lower(pn.name) LIKE $4)))
              AND ($5 IS NULL OR e.patient_id IN (SELECT pi.id FROM patients pi WHERE pi.nin_index = $5))
              AND ($6 IS NULL OR e.status = $6)
              AND ($7 IS NULL OR (e.paused_at IS NOT NULL) = $7)";
        let agg = self.string_agg("module_key");
        let list_sql = format!(
            "SELECT e.id, e.patient_id, (SELECT p.name FROM patients p WHERE p.id = e.patient_id) AS name,
                e.status, e.enrolled_at, e.program_version_id,
                (SELECT COUNT(*) FROM page_reads r WHERE r.enrollment_id = e.id) AS pages_read,
                (SELECT {agg} FROM enrollment_modules m WHERE m.enrollment_id = e.id) AS chosen,
                (e.paused_at IS NOT NULL) AS paused
             {FILTER} ORDER BY e.enrolled_at DESC, e.id LIMIT $8 OFFSET $9"
        );
        let count_sql = format!("SELECT COUNT(*) {FILTER}");
        let unit = unit.to_string();
        let (total,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(count_sql.clone()))
                .bind(&unit)
                .bind(word(0))
                .bind(word(1))
                .bind(word(2))
                .bind(&nin_index)
                .bind(status)
                .bind(q.paused)
                .fetch_one(pool)
                .await
        })?;
        let rows: Vec<SummaryRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(list_sql.clone()))
                .bind(&unit)
                .bind(word(0))
                .bind(word(1))
                .bind(word(2))
                .bind(&nin_index)
                .bind(status)
                .bind(q.paused)
                .bind(per_page)
                .bind((page - 1) * per_page)
                .fetch_all(pool)
                .await
        })?;
        let items = rows
            .into_iter()
            .map(|r| {
                Ok(EnrollmentSummary {
                    enrollment_id: parse_id(&r.id)?,
                    patient_id: parse_id(&r.patient_id)?,
                    patient_name: r.name,
                    status: EnrollmentStatus::parse(&r.status)
                        .ok_or_else(|| StoreError::Corrupt("unknown enrollment status".into()))?,
                    enrolled_at: r.enrolled_at,
                    program_version_id: parse_id(&r.program_version_id)?,
                    pages_read: r.pages_read,
                    chosen_modules: split_list(r.chosen),
                    paused: r.paused,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }
}

/// The units that care for a patient (decision 0052), as [`Store::patient_units`] reads them.
const PATIENT_UNITS: &str = "SELECT unit_id FROM enrollments WHERE patient_id = $1
     UNION SELECT unit_id FROM referrals WHERE patient_id = $1
     UNION SELECT unit_id FROM procedures WHERE patient_id = $1
     UNION SELECT managing_unit_id FROM patients
           WHERE id = $1 AND managing_unit_id IS NOT NULL";

/// [`PATIENT_UNITS`] on a SQLite reader, so that a read which has just found a record can
/// read its patient's units in the same hand-off (decision 0059).
pub(crate) fn patient_units_on(
    c: &rusqlite::Connection,
    patient: &str,
) -> rusqlite::Result<Vec<String>> {
    c.prepare_cached(PATIENT_UNITS)?
        .query_map((patient,), |r| r.get(0))?
        .collect()
}

impl Store {
    /// The units a patient is referred to, enrolled with, managed by or had a procedure
    /// registered by (decision 0052): the care teams that may see them.
    pub async fn patient_units(&self, patient: Id<Patient>) -> Result<BTreeSet<Id<Unit>>> {
        let rows: Vec<String> = match &self.readers {
            Some(readers) => {
                let patient = patient.to_string();
                readers.run(move |c| patient_units_on(c, &patient)).await?
            }
            None => on_pool!(self, |pool| {
                sqlx::query_scalar(PATIENT_UNITS)
                    .bind(patient.to_string())
                    .fetch_all(pool)
                    .await
            })?,
        };
        rows.iter().map(|id| parse_id(id)).collect()
    }

    /// The units that keep records of a patient: those running an enrollment for them, the
    /// managing unit, and any that owns a response or measurement of theirs. A unit with a
    /// referral only cares for the patient but keeps no records yet (decision 0026).
    pub async fn record_units(&self, patient: Id<Patient>) -> Result<BTreeSet<Id<Unit>>> {
        let rows: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT unit_id FROM enrollments WHERE patient_id = $1
                 UNION SELECT unit_id FROM procedures WHERE patient_id = $1
                 UNION SELECT managing_unit_id FROM patients
                       WHERE id = $1 AND managing_unit_id IS NOT NULL
                 UNION SELECT unit_id FROM questionnaire_responses
                       WHERE patient_id = $1 AND unit_id IS NOT NULL
                 UNION SELECT unit_id FROM observations
                       WHERE patient_id = $1 AND unit_id IS NOT NULL",
            )
            .bind(patient.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.iter().map(|(id,)| parse_id(id)).collect()
    }

    /// The unit of the patient's newest enrollment, else of their newest referral.
    pub async fn newest_care_unit(&self, patient: Id<Patient>) -> Result<Option<Id<Unit>>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT unit_id FROM (
                     SELECT unit_id, enrolled_at AS at, 1 AS rank FROM enrollments WHERE patient_id = $1
                     UNION ALL
                     SELECT unit_id, received_at AS at, 2 AS rank FROM referrals WHERE patient_id = $1
                 ) c ORDER BY rank, at DESC LIMIT 1",
            )
            .bind(patient.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(id,)| parse_id(&id)).transpose()
    }

    /// [`Store::patient_units`] of many patients in one query (a page of search results).
    pub async fn units_of_patients(
        &self,
        patients: &[Id<Patient>],
    ) -> Result<std::collections::HashMap<Id<Patient>, BTreeSet<Id<Unit>>>> {
        let mut out: std::collections::HashMap<_, BTreeSet<_>> = std::collections::HashMap::new();
        if patients.is_empty() {
            return Ok(out);
        }
        // Placeholders only: the ids are bound, never spliced.
        let list: Vec<String> = (1..=patients.len()).map(|i| format!("${i}")).collect();
        let list = list.join(", ");
        let sql = format!(
            "SELECT patient_id, unit_id FROM enrollments WHERE patient_id IN ({list})
             UNION SELECT patient_id, unit_id FROM referrals WHERE patient_id IN ({list})
             UNION SELECT id, managing_unit_id FROM patients
                   WHERE id IN ({list}) AND managing_unit_id IS NOT NULL"
        );
        let ids: Vec<String> = patients.iter().map(ToString::to_string).collect();
        let rows: Vec<(String, String)> = if let Some(readers) = &self.readers {
            readers
                .rows(sql, rusqlite::params_from_iter(ids), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .await?
        } else {
            on_pool!(self, |pool| {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
                for id in &ids {
                    q = q.bind(id);
                }
                q.fetch_all(pool).await
            })?
        };
        for (patient, unit) in rows {
            out.entry(parse_id(&patient)?)
                .or_default()
                .insert(parse_id(&unit)?);
        }
        Ok(out)
    }
}

impl Store {
    /// The newest referral of a patient to a unit for a program, to link an enrollment to.
    pub async fn latest_referral(
        &self,
        patient: Id<Patient>,
        unit: Id<Unit>,
        program: Id<Program>,
    ) -> Result<Option<Id<Referral>>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id FROM referrals WHERE patient_id = $1 AND unit_id = $2 AND program_id = $3
                 ORDER BY received_at DESC, id DESC LIMIT 1",
            )
            .bind(patient.to_string())
            .bind(unit.to_string())
            .bind(program.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(id,)| parse_id(&id)).transpose()
    }

    /// The referral an enrollment came from, if any.
    pub async fn enrollment_referral(
        &self,
        enrollment: Id<Enrollment>,
    ) -> Result<Option<Id<Referral>>> {
        let row: Option<(Option<String>,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT referral_id FROM enrollments WHERE id = $1")
                .bind(enrollment.to_string())
                .fetch_optional(pool)
                .await
        })?;
        row.and_then(|(id,)| id).map(|id| parse_id(&id)).transpose()
    }
}

impl Store {
    /// Whether the patient has an enrollment in any version of `program` that is not over
    /// (invited, awaiting the exception decision, or active).
    pub async fn has_open_enrollment(
        &self,
        patient: Id<Patient>,
        program: Id<Program>,
    ) -> Result<bool> {
        let [a, b, c] = EnrollmentStatus::OPEN.map(EnrollmentStatus::as_str);
        let (n,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(*) FROM enrollments e
                 JOIN program_versions v ON v.id = e.program_version_id
                 WHERE e.patient_id = $1 AND v.program_id = $2
                   AND e.status IN ($3, $4, $5)",
            )
            .bind(patient.to_string())
            .bind(program.to_string())
            .bind(a)
            .bind(b)
            .bind(c)
            .fetch_one(pool)
            .await
        })?;
        Ok(n > 0)
    }
}
