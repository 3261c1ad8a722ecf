//! Tasks [FHIR Task]: the occurrences of a program's questionnaire schedule, made by the
//! scheduler as they come due (see `carepath_domain::schedule`), and the cursors that say
//! which occurrence of each schedule entry comes next for each active enrollment.

use std::collections::HashMap;

use carepath_domain::Id;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::patient::Patient;
use carepath_domain::program::{ProgramDefinition, ProgramVersion, ScheduledQuestionnaire};
use carepath_domain::schedule::{Occurrence, TaskStatus, program_end};
use chrono::{DateTime, Utc};

use crate::db::{Backend, in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// A task as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: String,
    pub enrollment_id: Id<Enrollment>,
    pub patient_id: Id<Patient>,
    pub unit_id: Id<carepath_domain::organization::Unit>,
    /// The questionnaire's key in the program package.
    pub questionnaire_key: String,
    pub occurrence: u32,
    pub status: TaskStatus,
    pub due_at: DateTime<Utc>,
    pub overdue_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub response_id: Option<String>,
    pub version: i64,
    /// The canonical `url|version` of the questionnaire to answer.
    pub questionnaire: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: String,
    enrollment_id: String,
    patient_id: String,
    unit_id: String,
    questionnaire_key: String,
    occurrence: i64,
    status: String,
    due_at: DateTime<Utc>,
    overdue_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
    response_id: Option<String>,
    version: i64,
    questionnaire: Option<String>,
}

/// A task's columns (`t`) with its questionnaire's canonical, from
/// `FROM tasks t {JOINED}`.
const COLUMNS: &str = "t.id, t.enrollment_id, t.patient_id, t.unit_id, t.questionnaire_key, t.occurrence, \
     t.status, t.due_at, t.overdue_at, t.expires_at, t.completed_at, t.response_id, t.version, \
     q.url || '|' || q.version AS questionnaire";
const JOINED: &str = "LEFT JOIN enrollments e ON e.id = t.enrollment_id \
     LEFT JOIN questionnaires q ON q.program_version_id = e.program_version_id AND q.key = t.questionnaire_key";

impl TryFrom<TaskRow> for Task {
    type Error = StoreError;
    fn try_from(r: TaskRow) -> Result<Self> {
        Ok(Task {
            id: r.id,
            enrollment_id: parse_id(&r.enrollment_id)?,
            patient_id: parse_id(&r.patient_id)?,
            unit_id: parse_id(&r.unit_id)?,
            questionnaire_key: r.questionnaire_key,
            occurrence: u32::try_from(r.occurrence)
                .map_err(|_| StoreError::Corrupt("a task's occurrence is negative".into()))?,
            status: TaskStatus::parse(&r.status)
                .ok_or_else(|| StoreError::Corrupt("unknown task status".into()))?,
            due_at: r.due_at,
            overdue_at: r.overdue_at,
            expires_at: r.expires_at,
            completed_at: r.completed_at,
            response_id: r.response_id,
            version: r.version,
            questionnaire: r.questionnaire,
        })
    }
}

/// What one scheduler pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SchedulerReport {
    /// Tasks made.
    pub opened: u64,
    /// Open tasks that became overdue.
    pub overdue: u64,
    /// Pending tasks whose window closed.
    pub expired: u64,
    /// Reminders written into the outbox.
    pub reminders: u64,
}

/// The most cursors one transaction of the scheduler takes.
const CURSORS_PER_BATCH: i64 = 500;

/// Writes the first cursor of every entry of a schedule that starts now, inside a
/// transaction (`$tx`); `$firsts` are `(entry, Occurrence)` pairs.
macro_rules! start_cursors {
    ($tx:expr, $enrollment:expr, $firsts:expr) => {{
        let firsts: &[(u32, carepath_domain::schedule::Occurrence)] = $firsts;
        if !firsts.is_empty() {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO schedule_cursors (enrollment_id, schedule_entry, next_occurrence, next_due_at) ",
            );
            insert.push_values(firsts, |mut row, (entry, o)| {
                row.push_bind($enrollment.to_string())
                    .push_bind(i64::from(*entry))
                    .push_bind(i64::from(o.number))
                    .push_bind(o.due_at);
            });
            insert.push(" ON CONFLICT (enrollment_id, schedule_entry) DO NOTHING");
            insert.build().persistent(false).execute(&mut **$tx).await?;
        }
    }};
}
pub(crate) use start_cursors;

/// Stops an enrollment's schedule inside a transaction (`$tx`): no more occurrences, and
/// its pending tasks are cancelled.
macro_rules! stop_schedule {
    ($tx:expr, $enrollment:expr, $now:expr) => {{
        let id = $enrollment.to_string();
        sqlx::query("DELETE FROM schedule_cursors WHERE enrollment_id = $1")
            .bind(&id)
            .execute(&mut **$tx)
            .await?;
        sqlx::query(
            "UPDATE tasks SET status = 'cancelled', next_reminder_at = NULL, version = version + 1, updated_at = $2
             WHERE enrollment_id = $1 AND status IN ('open', 'overdue')",
        )
        .bind(&id)
        .bind($now)
        .execute(&mut **$tx)
        .await?;
    }};
}
pub(crate) use stop_schedule;

/// A task whose next reminder is due, with its patient's addresses.
#[derive(sqlx::FromRow)]
struct DueReminder {
    id: String,
    patient_id: String,
    schedule_entry: i64,
    occurrence: i64,
    reminders_sent: i64,
    due_at: DateTime<Utc>,
    overdue_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    program_version_id: String,
    email: Option<String>,
    mobile: Option<String>,
    /// The language the patient chose (bokmål when none).
    language: Option<String>,
}

/// A cursor due, with what the scheduler needs of its enrollment.
#[derive(sqlx::FromRow)]
struct DueCursor {
    enrollment_id: String,
    schedule_entry: i64,
    next_occurrence: i64,
    patient_id: String,
    unit_id: String,
    program_version_id: String,
    started_at: Option<DateTime<Utc>>,
}

/// Inserts the tasks `$tasks` (`(cursor, schedule entry, Occurrence)`) inside a
/// transaction; evaluates to how many were made (an occurrence already made is skipped).
macro_rules! insert_tasks {
    ($tx:expr, $tasks:expr, $now:expr) => {{
        let tasks: &[(&DueCursor, &ScheduledQuestionnaire, Occurrence)] = $tasks;
        let mut made = 0_u64;
        for chunk in tasks.chunks(500) {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO tasks (id, enrollment_id, patient_id, unit_id, questionnaire_key, schedule_entry,
                     occurrence, status, due_at, overdue_at, expires_at, version, updated_at, next_reminder_at) ",
            );
            insert.push_values(chunk, |mut row, (c, entry, o)| {
                row.push_bind(Id::<Task>::new().to_string())
                    .push_bind(c.enrollment_id.as_str())
                    .push_bind(c.patient_id.as_str())
                    .push_bind(c.unit_id.as_str())
                    .push_bind(entry.questionnaire.as_str())
                    .push_bind(c.schedule_entry)
                    .push_bind(i64::from(o.number))
                    .push_bind(o.status_at($now).as_str())
                    .push_bind(o.due_at)
                    .push_bind(o.overdue_at)
                    .push_bind(o.expires_at)
                    .push_bind(1_i64)
                    .push_bind($now)
                    .push_bind(entry.reminder_at(0, o));
            });
            insert.push(" ON CONFLICT (enrollment_id, schedule_entry, occurrence) DO NOTHING");
            made += insert
                .build()
                .persistent(false)
                .execute(&mut **$tx)
                .await?
                .rows_affected();
        }
        made
    }};
}

impl Store {
    /// One pass of the scheduler at `now`: pending tasks past their window expire, open
    /// ones past their overdue time become overdue, and every schedule entry whose next
    /// occurrence has come gets its task, in batches. Safe to run on several nodes at once:
    /// a cursor is taken by one (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one
    /// writer), and an occurrence can be made only once (a unique key).
    /// Then each pending task whose next reminder is due gets it, by e-mail and SMS as the
    /// patient has addresses, written into the outbox in the same transaction as the
    /// task's reminder count (links point at `public_url`).
    pub async fn run_scheduler(
        &self,
        now: DateTime<Utc>,
        public_url: &str,
    ) -> Result<SchedulerReport> {
        let mut report = SchedulerReport::default();
        // Program versions whose schedule raises an alert when a task closes unanswered.
        let alerting: HashMap<String, ProgramVersion> = self
            .all_program_versions()
            .await?
            .into_iter()
            .filter(|v| {
                v.definition
                    .schedule
                    .iter()
                    .any(|s| s.alert_when_expired.is_some())
            })
            .map(|v| (v.id.to_string(), v))
            .collect();
        let (expired, overdue) = in_tx!(self, |tx| {
            if !alerting.is_empty() {
                #[allow(clippy::type_complexity)]
                let closing: Vec<(String, String, String, String, i64, String, Option<String>)> = sqlx::query_as(
                    "SELECT t.patient_id, t.unit_id, t.enrollment_id, e.program_version_id, t.schedule_entry,
                            t.questionnaire_key, q.title
                     FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id
                     LEFT JOIN questionnaires q
                       ON q.program_version_id = e.program_version_id AND q.key = t.questionnaire_key
                     WHERE t.status IN ('open', 'overdue') AND t.expires_at <= $1",
                )
                .bind(now)
                .fetch_all(&mut **tx)
                .await?;
                for (patient, unit, enrollment, version, entry, key, title) in &closing {
                    let Some(v) = alerting.get(version) else {
                        continue;
                    };
                    let colour = usize::try_from(*entry)
                        .ok()
                        .and_then(|i| v.definition.schedule.get(i))
                        .and_then(|s| s.alert_when_closed());
                    let Some(colour) = colour else { continue };
                    let escalate_at = v.definition.escalation.due(colour, now);
                    crate::alert::insert_alerts!(
                        tx,
                        &[crate::alert::NewAlertRow {
                            id: Id::<crate::alert::Alert>::new().to_string(),
                            patient,
                            unit,
                            enrollment: Some(enrollment),
                            colour,
                            observation: None,
                            measurement: key,
                            label: title.as_deref(),
                            value: None,
                            raised_at: now,
                            escalate_at,
                            reason: crate::alert::AlertReason::Expired,
                        }]
                    );
                }
            }
            // A consultation question left unanswered when its window closes is recorded
            // as "no answer" (need-driven follow-up), with the task that expired.
            sqlx::query(
                "INSERT INTO consultation_answers (id, patient_id, enrollment_id, unit_id, program_id,
                     task_id, response_id, answer, answered_at, status, version)
                 SELECT t.id, t.patient_id, e.id, e.unit_id, pv.program_id, t.id, NULL, 'none', $1, 'closed', 1
                 FROM tasks t
                 JOIN enrollments e ON e.id = t.enrollment_id
                 JOIN program_versions pv ON pv.id = e.program_version_id
                 JOIN questionnaires q ON q.program_version_id = e.program_version_id AND q.key = t.questionnaire_key
                 WHERE t.status IN ('open', 'overdue') AND t.expires_at <= $1
                   AND q.consultation_link_id IS NOT NULL",
            )
            .bind(now)
            .execute(&mut **tx)
            .await?;
            let expired = sqlx::query(
                "UPDATE tasks SET status = 'expired', next_reminder_at = NULL, version = version + 1, updated_at = $1
                 WHERE status IN ('open', 'overdue') AND expires_at <= $1",
            )
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            let overdue = sqlx::query(
                "UPDATE tasks SET status = 'overdue', version = version + 1, updated_at = $1
                 WHERE status = 'open' AND overdue_at <= $1",
            )
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            Ok::<_, StoreError>((expired, overdue))
        })?;
        report.expired = expired;
        report.overdue = overdue;
        if expired + overdue > 0 {
            self.worklist_changed();
        }

        let mut programs: HashMap<String, ProgramVersion> = HashMap::new();
        report.opened = self.open_tasks(now, None, &mut programs).await?;
        loop {
            let (taken, written) = self.remind(now, public_url, &mut programs).await?;
            report.reminders += written;
            if i64::try_from(taken).unwrap_or(0) < CURSORS_PER_BATCH {
                break;
            }
        }
        Ok(report)
    }

    /// Makes the tasks whose time has come at `now` (of one enrollment, or of all), in
    /// batches; returns how many.
    async fn open_tasks(
        &self,
        now: DateTime<Utc>,
        enrollment: Option<&str>,
        programs: &mut HashMap<String, ProgramVersion>,
    ) -> Result<u64> {
        let mut total = 0;
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE OF c SKIP LOCKED",
        };
        let select = format!(
            "SELECT c.enrollment_id, c.schedule_entry, c.next_occurrence, e.patient_id, e.unit_id,
                    e.program_version_id, e.started_at
             FROM schedule_cursors c JOIN enrollments e ON e.id = c.enrollment_id
             WHERE c.next_due_at <= $1 AND ($3 IS NULL OR c.enrollment_id = $3)
             ORDER BY c.next_due_at LIMIT $2{lock}"
        );
        loop {
            let (taken, opened) = in_tx!(self, |tx| {
                let due: Vec<DueCursor> = sqlx::query_as(sqlx::AssertSqlSafe(select.clone()))
                    .bind(now)
                    .bind(CURSORS_PER_BATCH)
                    .bind(enrollment)
                    .fetch_all(&mut **tx)
                    .await?;
                // Their program versions, each read once per pass.
                for c in &due {
                    if !programs.contains_key(&c.program_version_id) {
                        let v = self
                            .program_version(parse_id(&c.program_version_id)?)
                            .await?;
                        programs.insert(c.program_version_id.clone(), v);
                    }
                }
                let mut tasks = Vec::new();
                let mut advance = Vec::new();
                let mut done = Vec::new();
                for c in &due {
                    let entry = usize::try_from(c.schedule_entry).unwrap_or(usize::MAX);
                    let number = u32::try_from(c.next_occurrence).unwrap_or(u32::MAX);
                    let step = match (programs.get(&c.program_version_id), c.started_at) {
                        (Some(v), Some(start)) => v.definition.schedule.get(entry).map(|s| {
                            let end = program_end(start, v.definition.duration_months);
                            (s, s.step(number, start, end, now))
                        }),
                        _ => None,
                    };
                    let Some((scheduled, step)) = step else {
                        // A cursor without its enrollment's start or entry: nothing to do.
                        done.push(c);
                        continue;
                    };
                    if let Some(o) = step.task {
                        tasks.push((c, scheduled, o));
                    }
                    match step.next {
                        Some(next) => advance.push((c, next)),
                        None => done.push(c),
                    }
                }
                let opened = insert_tasks!(tx, &tasks, now);
                for chunk in advance.chunks(500) {
                    let mut upsert = sqlx::QueryBuilder::new(
                        "INSERT INTO schedule_cursors (enrollment_id, schedule_entry, next_occurrence, next_due_at) ",
                    );
                    upsert.push_values(chunk, |mut row, (c, next)| {
                        row.push_bind(c.enrollment_id.as_str())
                            .push_bind(c.schedule_entry)
                            .push_bind(i64::from(next.number))
                            .push_bind(next.due_at);
                    });
                    upsert.push(
                        " ON CONFLICT (enrollment_id, schedule_entry) DO UPDATE
                         SET next_occurrence = excluded.next_occurrence, next_due_at = excluded.next_due_at",
                    );
                    upsert.build().persistent(false).execute(&mut **tx).await?;
                }
                for c in &done {
                    sqlx::query(
                        "DELETE FROM schedule_cursors WHERE enrollment_id = $1 AND schedule_entry = $2",
                    )
                    .bind(&c.enrollment_id)
                    .bind(c.schedule_entry)
                    .execute(&mut **tx)
                    .await?;
                }
                Ok::<_, StoreError>((due.len(), opened))
            })?;
            total += opened;
            if i64::try_from(taken).unwrap_or(0) < CURSORS_PER_BATCH {
                break;
            }
        }
        Ok(total)
    }

    /// Makes the tasks of one enrollment that are due at `now`: when a patient starts,
    /// what the schedule asks at once is there on their next page, not a minute later.
    pub(crate) async fn open_tasks_of(
        &self,
        enrollment: Id<Enrollment>,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        self.open_tasks(now, Some(&enrollment.to_string()), &mut HashMap::new())
            .await
    }

    /// One batch of due reminders: returns how many tasks it took and how many messages
    /// it wrote.
    async fn remind(
        &self,
        now: DateTime<Utc>,
        public_url: &str,
        programs: &mut HashMap<String, ProgramVersion>,
    ) -> Result<(usize, u64)> {
        use carepath_domain::message::{Channel, Content};
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE OF t SKIP LOCKED",
        };
        let select = format!(
            "SELECT t.id, t.patient_id, t.schedule_entry, t.occurrence, t.reminders_sent, t.due_at,
                    t.overdue_at, t.expires_at, e.program_version_id, p.email, p.mobile, p.language
             FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id
             JOIN patients p ON p.id = t.patient_id
             WHERE t.next_reminder_at <= $1
             ORDER BY t.next_reminder_at LIMIT $2{lock}"
        );
        let host = crate::outbox::message_host(public_url);
        in_tx!(self, |tx| {
            let due: Vec<DueReminder> = sqlx::query_as(sqlx::AssertSqlSafe(select.clone()))
                .bind(now)
                .bind(CURSORS_PER_BATCH)
                .fetch_all(&mut **tx)
                .await?;
            let mut messages = Vec::new();
            // Several tasks due for one person in one pass make one message per channel.
            let mut told: std::collections::HashSet<(&str, Channel)> =
                std::collections::HashSet::new();
            let mut moves: HashMap<(i64, Option<DateTime<Utc>>), Vec<&str>> = HashMap::new();
            for r in &due {
                if !programs.contains_key(&r.program_version_id) {
                    let v = self
                        .program_version(parse_id(&r.program_version_id)?)
                        .await?;
                    programs.insert(r.program_version_id.clone(), v);
                }
                let n = usize::try_from(r.reminders_sent).unwrap_or(usize::MAX);
                let occurrence = Occurrence {
                    number: u32::try_from(r.occurrence).unwrap_or(u32::MAX),
                    due_at: r.due_at,
                    overdue_at: r.overdue_at,
                    expires_at: r.expires_at,
                };
                let entry = programs.get(&r.program_version_id).and_then(|v| {
                    v.definition
                        .schedule
                        .get(usize::try_from(r.schedule_entry).unwrap_or(usize::MAX))
                });
                let addresses = [(Channel::Email, &r.email), (Channel::Sms, &r.mobile)];
                for (channel, address) in addresses {
                    let Some(address) = address.as_deref().filter(|a| !a.is_empty()) else {
                        continue;
                    };
                    if !told.insert((r.patient_id.as_str(), channel)) {
                        continue;
                    }
                    messages.push(crate::outbox::NewMessage::new(
                        format!("reminder:{}:{n}:{}", r.id, channel.as_str()),
                        Some(parse_id(&r.patient_id)?),
                        channel,
                        address.to_owned(),
                        Content::reminder(public_url),
                        r.language
                            .as_deref()
                            .and_then(carepath_domain::Lang::parse)
                            .unwrap_or(carepath_domain::Lang::Nb),
                        &host,
                    ));
                }
                let next = entry.and_then(|e| e.reminder_at(n + 1, &occurrence));
                moves
                    .entry((r.reminders_sent + 1, next))
                    .or_default()
                    .push(r.id.as_str());
            }
            // Tasks of one series opened together move on together: one update per group.
            for ((sent, next), ids) in &moves {
                let list: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 3)).collect();
                let sql = format!(
                    "UPDATE tasks SET reminders_sent = $1, next_reminder_at = $2 WHERE id IN ({})",
                    list.join(", ")
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(sent).bind(next);
                for id in ids {
                    q = q.bind(*id);
                }
                q.persistent(false).execute(&mut **tx).await?;
            }
            let written = crate::outbox::enqueue!(tx, &messages, now);
            Ok::<_, StoreError>((due.len(), written))
        })
    }

    /// An enrollment's tasks, newest first.
    pub async fn enrollment_tasks(&self, enrollment: Id<Enrollment>) -> Result<Vec<Task>> {
        let rows: Vec<TaskRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM tasks t {JOINED} WHERE t.enrollment_id = $1 ORDER BY t.due_at DESC, t.id"
            )))
            .bind(enrollment.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// The tasks a patient can answer now (open or overdue), the oldest first.
    pub async fn pending_tasks(&self, enrollment: Id<Enrollment>) -> Result<Vec<Task>> {
        let rows: Vec<TaskRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM tasks t {JOINED}
                 WHERE t.enrollment_id = $1 AND t.status IN ('open', 'overdue')
                 ORDER BY t.due_at, t.id"
            )))
            .bind(enrollment.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// One task by id.
    pub async fn task(&self, id: &str) -> Result<Option<Task>> {
        let row: Option<TaskRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM tasks t {JOINED} WHERE t.id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        row.map(TryInto::try_into).transpose()
    }

    /// Tasks within `scope`, of `patient` when given, in any of `statuses` (all when
    /// empty), the latest due first, a page at a time; with the total.
    pub async fn search_tasks(
        &self,
        scope: &crate::response::Scope,
        patient: Option<Id<Patient>>,
        statuses: &[TaskStatus],
        common: &crate::Common,
        offset: i64,
        count: i64,
    ) -> Result<(Vec<Task>, i64)> {
        let (scope_sql, scope_binds) = scope.sql("t.patient_id", "t.unit_id", 5);
        let common_sql = common.sql("t.id", "t.updated_at", 2);
        let first_status = 5 + scope_binds.len();
        let status_sql = if statuses.is_empty() {
            "1 = 1".to_owned()
        } else {
            let list: Vec<String> = (0..statuses.len())
                .map(|i| format!("${}", first_status + i))
                .collect();
            format!("t.status IN ({})", list.join(", "))
        };
        let filter = format!(
            "FROM tasks t {JOINED} WHERE ($1 IS NULL OR t.patient_id = $1) AND {common_sql} AND {scope_sql}
               AND {status_sql}"
        );
        let patient = patient.map(|p| p.to_string());
        let count_sql = format!("SELECT COUNT(*) {filter}");
        let rows_sql = format!(
            "SELECT {COLUMNS} {filter} ORDER BY t.due_at DESC, t.id LIMIT {} OFFSET {}",
            count.clamp(0, 1000),
            offset.max(0)
        );
        macro_rules! bound {
            ($sql:expr) => {{
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe($sql.clone()))
                    .bind(&patient)
                    .bind(common.ids())
                    .bind(common.updated.from)
                    .bind(common.updated.until);
                for b in &scope_binds {
                    q = q.bind(b);
                }
                for s in statuses {
                    q = q.bind(s.as_str());
                }
                q
            }};
        }
        let (total,): (i64,) = on_pool!(self, |pool| bound!(count_sql).fetch_one(pool).await)?;
        let rows: Vec<TaskRow> = on_pool!(self, |pool| bound!(rows_sql).fetch_all(pool).await)?;
        Ok((
            rows.into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_>>()?,
            total,
        ))
    }

    /// The program definition an enrollment's schedule starts from, when a save makes it
    /// active (read before the save's transaction).
    pub(crate) async fn schedule_of(
        &self,
        e: &Enrollment,
    ) -> Result<Option<(ProgramDefinition, DateTime<Utc>)>> {
        match (e.runs_schedule(), e.started_at) {
            (true, Some(start)) => Ok(Some((
                self.program_version(e.program_version_id).await?.definition,
                start,
            ))),
            _ => Ok(None),
        }
    }
}
