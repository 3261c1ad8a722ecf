//! Questionnaire responses, stored as FHIR JSON bound to the exact questionnaire version.

use std::collections::BTreeSet;

use carepath_domain::Id;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::user::UserAccount;
use carepath_fhir::QuestionnaireResponse;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use sqlx::types::Json;

use crate::db::{in_tx, on_pool};
use crate::token::Held;
use crate::{Found, Result, Store, StoreError};

/// A completed response as its scores: see [`Store::enrollment_scores`].
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredResponse {
    pub id: String,
    pub authored_at: DateTime<Utc>,
    pub schedule_entry: Option<usize>,
    pub scores: Vec<(String, Option<f64>)>,
}

/// A stored response.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub id: String,
    pub authored_at: DateTime<Utc>,
    pub response: QuestionnaireResponse,
}

/// A stored response with the package key of its questionnaire.
#[derive(Debug, Clone)]
pub struct KeyedResponse {
    pub questionnaire_key: String,
    pub stored: StoredResponse,
}

/// The most rows one multi-row statement carries (well under both databases' limits on
/// bound values: 14 columns x 512 rows). Such statements differ with every batch size, so
/// they are not kept prepared (`persistent(false)`): a cache full of them costs memory.
const ROWS_PER_STATEMENT: usize = 512;

/// The writes of a batch of saves inside the transaction `$tx`, a few statements for the
/// whole batch (see [`Store::save_response`]): new responses in one multi-row insert,
/// saves of an existing id (a form saved again) updated one by one, then every
/// Observation and every history entry in one insert each. Evaluates to the versions
/// written, in the batch's order.
macro_rules! write_responses {
    ($tx:expr, $batch:expr) => {{
        let batch: &[&ResponseJob] = $batch;
        let tx = $tx;
        let mut ids = Vec::with_capacity(batch.len());
        // Whether a unit's worklist changed: an overdue task answered, an appointment
        // asked for, or an alert raised.
        let mut worklist = false;
        for job in batch {
            let id: Id<QuestionnaireResponse> = job
                .response
                .id
                .as_deref()
                .and_then(|i| i.parse().ok())
                .ok_or_else(|| StoreError::Corrupt("a new response needs an id".into()))?;
            ids.push(id.to_string());
        }
        // Each body serialized once, for its row and its history.
        let bodies: Vec<Box<serde_json::value::RawValue>> = batch
            .iter()
            .map(|job| serde_json::value::to_raw_value(&job.response))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| StoreError::Corrupt(format!("a response could not be written: {e}")))?;
        // Most saves are new: insert them all, and look only at ids that exist.
        let mut inserted = std::collections::HashSet::new();
        let rows: Vec<_> = batch.iter().zip(&ids).zip(&bodies).collect();
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO questionnaire_responses (id, patient_id, enrollment_id, questionnaire_id, status, body, authored_at, version, unit_id, updated_at) ",
            );
            insert.push_values(chunk, |mut row, ((job, id), body)| {
                row.push_bind(id.as_str())
                    .push_bind(job.patient.to_string())
                    .push_bind(job.enrollment.map(|e| e.to_string()))
                    .push_bind(job.questionnaire_id.as_str())
                    .push_bind(job.response.status.as_str())
                    .push_bind(Json(body.as_ref()))
                    .push_bind(job.authored)
                    .push_bind(1_i64)
                    .push_bind(job.unit.map(|u| u.to_string()))
                    .push_bind(job.now);
            });
            insert.push(" ON CONFLICT (id) DO NOTHING RETURNING id");
            let rows: Vec<(String,)> = insert.build_query_as().persistent(false).fetch_all(&mut **tx).await?;
            inserted.extend(rows.into_iter().map(|(id,)| id));
        }
        let mut versions: Vec<i64> = Vec::with_capacity(batch.len());
        for ((job, id), body) in batch.iter().zip(&ids).zip(&bodies) {
            // The first save of a new id made it; a later one in the batch updates it.
            if inserted.remove(id) {
                versions.push(1);
                continue;
            }
            let (version, owner): (i64, String) = sqlx::query_as(
                "SELECT version, patient_id FROM questionnaire_responses WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
            if owner != job.patient.to_string() {
                return Err(StoreError::NotFound("questionnaire response"));
            }
            sqlx::query(
                "UPDATE questionnaire_responses SET status = $1, body = $2, authored_at = $3, version = $4,
                        updated_at = $5
                 WHERE id = $6",
            )
            .bind(&job.response.status)
            .bind(Json(body.as_ref()))
            .bind(job.authored)
            .bind(version + 1)
            .bind(job.now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            versions.push(version + 1);
        }
        // A completed response in a program completes the oldest pending task for its
        // questionnaire.
        for ((job, id), version) in batch.iter().zip(&ids).zip(&versions) {
            let Some(enrollment) = job.enrollment else {
                continue;
            };
            if job.response.status != "completed" {
                continue;
            }
            let task: Option<(String, DateTime<Utc>)> = sqlx::query_as(
                "UPDATE tasks SET status = 'completed', completed_at = $1, response_id = $2, next_reminder_at = NULL,
                        version = version + 1, updated_at = $1
                 WHERE id = (SELECT t.id FROM tasks t JOIN questionnaires q ON q.key = t.questionnaire_key
                             WHERE t.enrollment_id = $3 AND q.id = $4 AND t.status IN ('open', 'overdue')
                             ORDER BY t.due_at LIMIT 1)
                 RETURNING id, overdue_at",
            )
            .bind(job.now)
            .bind(id)
            .bind(enrollment.to_string())
            .bind(job.questionnaire_id.as_str())
            .fetch_optional(&mut **tx)
            .await?;
            worklist |= task.as_ref().is_some_and(|(_, overdue_at)| *overdue_at <= job.now);
            // Need-driven follow-up: the answer to "do you want an appointment?"; yes
            // stays open on the unit's worklist until someone handles it. Once per
            // response: when it completes a task or is new.
            if let Some(yes) = job.consultation
                && (task.is_some() || *version == 1)
            {
                sqlx::query(
                    "INSERT INTO consultation_answers (id, patient_id, enrollment_id, unit_id, program_id,
                         task_id, response_id, answer, answered_at, status, version)
                     SELECT $1, e.patient_id, e.id, e.unit_id, pv.program_id, $2, $3, $4, $5, $6, 1
                     FROM enrollments e JOIN program_versions pv ON pv.id = e.program_version_id
                     WHERE e.id = $7",
                )
                .bind(Id::<crate::consultation::ConsultationAnswer>::new().to_string())
                .bind(task.map(|(t, _)| t))
                .bind(id)
                .bind(if yes { "yes" } else { "no" })
                .bind(job.now)
                .bind(if yes { "open" } else { "closed" })
                .bind(enrollment.to_string())
                .execute(&mut **tx)
                .await?;
                worklist |= yes;
            }
        }
        let observations: Vec<(&ResponseJob, &String, &NewObservation)> = batch
            .iter()
            .zip(&ids)
            .flat_map(|(job, id)| job.observations.iter().map(move |o| (*job, id, o)))
            .collect();
        for chunk in observations.chunks(ROWS_PER_STATEMENT) {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO observations (id, patient_id, response_id, code, value, band, effective_at, body, version, codes, unit_id, updated_at) ",
            );
            insert.push_values(chunk, |mut row, (job, id, o)| {
                row.push_bind(o.id.as_str())
                    .push_bind(o.patient_id.as_str())
                    .push_bind(id.as_str())
                    .push_bind(o.code.as_str())
                    .push_bind(o.value)
                    .push_bind(o.band.as_deref())
                    .push_bind(job.authored)
                    .push_bind(Json(&o.body))
                    .push_bind(1_i64)
                    .push_bind(observation_codes(&o.body))
                    .push_bind(o.unit.or(job.unit).map(|u| u.to_string()))
                    .push_bind(job.now);
            });
            insert.build().persistent(false).execute(&mut **tx).await?;
        }
        // Alerts raised by the scores, with the score that raised them.
        let alert_keys: Vec<(String, String, Option<String>)> = batch
            .iter()
            .flat_map(|job| {
                job.alerts.iter().map(move |a| {
                    (
                        job.patient.to_string(),
                        a.unit.to_string(),
                        a.enrollment.map(|e| e.to_string()),
                    )
                })
            })
            .collect();
        let mut alert_rows = Vec::with_capacity(alert_keys.len());
        let mut keys = alert_keys.iter();
        for job in batch.iter() {
            worklist |= !job.alerts.is_empty();
            for a in &job.alerts {
                let Some((patient, unit, enrollment)) = keys.next() else {
                    break;
                };
                let score = job
                    .observations
                    .iter()
                    .find(|o| Some(&o.id) == a.observation.as_ref());
                alert_rows.push(crate::alert::NewAlertRow {
                    id: a.id.clone(),
                    patient,
                    unit,
                    enrollment: enrollment.as_deref(),
                    colour: a.colour,
                    observation: score.map(|o| o.id.as_str()),
                    measurement: score.map_or("", |o| o.code.as_str()),
                    // The score's title, as its Observation names it.
                    label: score.and_then(|o| o.body["code"]["text"].as_str()),
                    value: score.and_then(|o| o.value),
                    raised_at: job.now,
                    escalate_at: a.escalate_at,
                    reason: a.reason,
                });
            }
        }
        crate::alert::insert_alerts!(tx, &alert_rows);
        // History: each response version, then each Observation.
        let observation_bodies: Vec<Box<serde_json::value::RawValue>> = observations
            .iter()
            .map(|(_, _, o)| serde_json::value::to_raw_value(&o.body))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| StoreError::Corrupt(format!("a score could not be written: {e}")))?;
        let history: Vec<(&'static str, &str, i64, &ResponseJob, &serde_json::value::RawValue)> =
            batch
                .iter()
                .zip(&ids)
                .zip(&versions)
                .zip(&bodies)
                .map(|(((job, id), v), body)| {
                    ("QuestionnaireResponse", id.as_str(), *v, *job, body.as_ref())
                })
                .chain(observations.iter().zip(&observation_bodies).map(
                    |((job, _, o), body)| ("Observation", o.id.as_str(), 1, *job, body.as_ref()),
                ))
                .collect();
        for chunk in history.chunks(ROWS_PER_STATEMENT) {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO record_history (resource_type, resource_id, version, recorded_at, recorded_by, body) ",
            );
            insert.push_values(chunk, |mut row, (kind, id, version, job, body)| {
                row.push_bind(*kind)
                    .push_bind(*id)
                    .push_bind(*version)
                    .push_bind(job.now)
                    .push_bind(job.by.map(|u| u.to_string()))
                    .push_bind(Json(*body));
            });
            insert.build().persistent(false).execute(&mut **tx).await?;
        }
        (ids, worklist)
    }};
}

/// One save waiting for the writer.
#[derive(Debug)]
pub(crate) struct ResponseJob {
    patient: Id<Patient>,
    enrollment: Option<Id<Enrollment>>,
    questionnaire_id: String,
    response: QuestionnaireResponse,
    observations: Vec<NewObservation>,
    by: Option<Id<UserAccount>>,
    audit: Vec<carepath_domain::audit::AuditEvent>,
    consultation: Option<bool>,
    alerts: Vec<crate::measurement::NewAlert>,
    unit: Option<Id<carepath_domain::organization::Unit>>,
    /// When the answers were given (`authored`), which searches and sorting use.
    authored: DateTime<Utc>,
    now: DateTime<Utc>,
}

impl ResponseJob {
    fn of(save: SaveResponse<'_>, now: DateTime<Utc>) -> Self {
        ResponseJob {
            patient: save.patient,
            enrollment: save.enrollment,
            questionnaire_id: save.questionnaire_id.to_owned(),
            response: save.response.clone(),
            observations: save.observations.to_vec(),
            by: save.by,
            audit: save.audit.to_vec(),
            consultation: save.consultation,
            alerts: save.alerts.to_vec(),
            unit: save.unit,
            authored: save
                .response
                .authored
                .as_deref()
                .and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok())
                .map_or(now, |a| a.with_timezone(&Utc)),
            now,
        }
    }
}

/// A write waiting for the group-commit writer: a response with its scores, or a
/// measurement (see `measurement.rs`).
#[derive(Debug)]
pub(crate) enum Job {
    Response(ResponseJob),
    Measurement(crate::measurement::MeasurementJob),
    /// A new patient, only ever in [`Together`] (registered in the same transaction as
    /// the responses that name them).
    Patient(PatientJob),
}

#[derive(Debug)]
pub(crate) struct PatientJob {
    patient: Patient,
    audit: Vec<carepath_domain::audit::AuditEvent>,
    now: DateTime<Utc>,
}

impl Job {
    fn now(&self) -> DateTime<Utc> {
        match self {
            Job::Response(j) => j.now,
            Job::Measurement(j) => j.now,
            Job::Patient(j) => j.now,
        }
    }

    fn audit(&self) -> &[carepath_domain::audit::AuditEvent] {
        match self {
            Job::Response(j) => &j.audit,
            Job::Measurement(j) => &j.audit,
            Job::Patient(j) => &j.audit,
        }
    }
}

/// Writes stored all or none, in one transaction (a FHIR transaction Bundle): new
/// patients first, then responses, which may name them.
#[derive(Debug, Default)]
pub struct Together {
    jobs: Vec<Job>,
}

impl Together {
    /// A new patient, with the access-log events of registering them.
    pub fn patient(
        &mut self,
        patient: &Patient,
        audit: &[carepath_domain::audit::AuditEvent],
        now: DateTime<Utc>,
    ) {
        self.jobs.push(Job::Patient(PatientJob {
            patient: patient.clone(),
            audit: audit.to_vec(),
            now,
        }));
    }

    /// A response, as [`Store::save_response`] takes it.
    pub fn response(&mut self, save: SaveResponse<'_>, now: DateTime<Utc>) {
        self.jobs.push(Job::Response(ResponseJob::of(save, now)));
    }
}

pub(crate) type Reply = tokio::sync::oneshot::Sender<Result<String>>;

/// The most saves committed together.
pub(crate) const MAX_BATCH: usize = 256;

/// The background writers of a store (one per kind of batched write).
#[derive(Debug, Default)]
pub(crate) struct Writers {
    responses: tokio::sync::OnceCell<tokio::sync::mpsc::UnboundedSender<(Job, Reply)>>,
    /// Access-log events of reads (see `audit.rs`).
    pub(crate) audits:
        tokio::sync::OnceCell<tokio::sync::mpsc::UnboundedSender<crate::audit::AuditJob>>,
}

/// A score to store with its response, as a FHIR Observation.
#[derive(Debug, Clone)]
pub struct NewObservation {
    pub id: String,
    pub patient_id: String,
    /// The score's code in its scoring definition.
    pub code: String,
    pub value: Option<f64>,
    pub band: Option<String>,
    /// The Observation resource.
    pub body: serde_json::Value,
    /// The unit that owns it (decision 0026); a score takes its response's.
    pub unit: Option<Id<carepath_domain::organization::Unit>>,
    /// Other units that read it: a measurement asked for by their running enrollments too.
    pub readers: Vec<Id<carepath_domain::organization::Unit>>,
}

/// A response to store, with everything that is written with it.
#[derive(Debug)]
pub struct SaveResponse<'a> {
    pub patient: Id<Patient>,
    /// The enrollment it belongs to; none for a questionnaire outside any program.
    pub enrollment: Option<Id<Enrollment>>,
    /// The stored questionnaire version it answers.
    pub questionnaire_id: &'a str,
    pub response: &'a QuestionnaireResponse,
    pub observations: &'a [NewObservation],
    pub by: Option<Id<UserAccount>>,
    pub audit: &'a [carepath_domain::audit::AuditEvent],
    /// The answer to the questionnaire's consultation question, if it has one and it was
    /// answered (`Questionnaire::consultation_answer`): recorded for the enrollment's unit.
    pub consultation: Option<bool>,
    /// Alerts its scores raise (the program's score rules), written with it.
    pub alerts: &'a [crate::measurement::NewAlert],
    /// The unit that owns it and its scores (the enrollment's unit; decision 0026).
    pub unit: Option<Id<carepath_domain::organization::Unit>>,
}

/// A stored score.
#[derive(Debug, Clone)]
pub struct StoredObservation {
    pub id: String,
    pub code: String,
    pub value: Option<f64>,
    pub band: Option<String>,
    pub effective_at: DateTime<Utc>,
    pub body: serde_json::Value,
}

impl Store {
    /// Stores a response with its scores and the access-log events, in one durable
    /// transaction, and returns when it is committed. The caller gives the response its
    /// id (`response.id`), so the events can name it; a response with that id already
    /// stored for the same patient (a form saved half done) is replaced by this version,
    /// its history kept. Concurrent saves are committed together (group commit, decision
    /// 0020): one writer takes every save waiting and commits them with one flush; when
    /// one fails, the others are committed one by one and only it is refused.
    pub async fn save_response(
        &self,
        save: SaveResponse<'_>,
        now: DateTime<Utc>,
    ) -> Result<String> {
        self.group_commit(Job::Response(ResponseJob::of(save, now)))
            .await
    }

    /// Stores every write of `together` in one transaction, or none of them.
    pub async fn commit_together(&self, together: Together) -> Result<()> {
        let jobs: Vec<&Job> = together.jobs.iter().collect();
        self.commit_all(&jobs).await.map(|_| ())
    }

    /// Hands `job` to the group-commit writer and waits until it is committed.
    pub(crate) async fn group_commit(&self, job: Job) -> Result<String> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let queue = self.response_writer().await;
        queue
            .send((job, reply))
            .map_err(|_| StoreError::Corrupt("the response writer has stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Corrupt("the response writer has stopped".into()))?
    }

    /// The queue of this store's response writer, started on first use.
    async fn response_writer(&self) -> &tokio::sync::mpsc::UnboundedSender<(Job, Reply)> {
        self.writers
            .responses
            .get_or_init(|| async {
                let (queue, mut jobs) = tokio::sync::mpsc::unbounded_channel::<(Job, Reply)>();
                let store = self.without_writers();
                tokio::spawn(async move {
                    while let Some(first) = jobs.recv().await {
                        let mut batch = vec![first];
                        while batch.len() < MAX_BATCH {
                            match jobs.try_recv() {
                                Ok(job) => batch.push(job),
                                Err(_) => break,
                            }
                        }
                        store.write_responses(batch).await;
                    }
                });
                queue
            })
            .await
    }

    /// Writes a batch of saves in one transaction and answers each.
    async fn write_responses(&self, batch: Vec<(Job, Reply)>) {
        let committed = self.commit_batch(&batch).await;
        match committed {
            Ok(outcomes) => {
                for ((_, reply), outcome) in batch.into_iter().zip(outcomes) {
                    let _ = reply.send(outcome);
                }
            }
            Err(e) => {
                let why = e.to_string();
                for (_, reply) in batch {
                    let _ = reply.send(Err(StoreError::Corrupt(format!(
                        "the batch could not be committed: {why}"
                    ))));
                }
            }
        }
    }

    /// Commits the batch in one transaction. When a save in it fails, the batch is rolled
    /// back and each save is committed alone, so only the failing one is refused.
    async fn commit_batch(&self, batch: &[(Job, Reply)]) -> Result<Vec<Result<String>>> {
        let jobs: Vec<&Job> = batch.iter().map(|(job, _)| job).collect();
        match self.commit_all(&jobs).await {
            Ok(ids) => Ok(ids.into_iter().map(Ok).collect()),
            Err(e) if batch.len() == 1 => Ok(vec![Err(e)]),
            Err(_) => {
                let mut out = Vec::with_capacity(batch.len());
                for one in jobs {
                    out.push(self.commit_all(&[one]).await.map(|mut ids| ids.remove(0)));
                }
                Ok(out)
            }
        }
    }

    /// Writes every save of `batch` and their access-log events (in order, extending the
    /// chain once) in one transaction: the responses in a few multi-row statements, the
    /// measurements one by one. Returns the ids in the batch's order.
    async fn commit_all(&self, batch: &[&Job]) -> Result<Vec<String>> {
        let now = batch
            .iter()
            .map(|job| job.now())
            .max()
            .unwrap_or_else(Utc::now);
        let events: Vec<carepath_domain::audit::AuditEvent> = batch
            .iter()
            .flat_map(|job| job.audit().iter().cloned())
            .collect();
        let responses: Vec<&ResponseJob> = batch
            .iter()
            .filter_map(|job| match job {
                Job::Response(r) => Some(r),
                _ => None,
            })
            .collect();
        let measurements: Vec<&crate::measurement::MeasurementJob> = batch
            .iter()
            .filter_map(|job| match job {
                Job::Measurement(m) => Some(m),
                _ => None,
            })
            .collect();
        let patients: Vec<&PatientJob> = batch
            .iter()
            .filter_map(|job| match job {
                Job::Patient(p) => Some(p),
                _ => None,
            })
            .collect();
        let (response_ids, worklist) = in_tx!(self, |tx| {
            for p in &patients {
                crate::patient::insert_patient!(self, tx, &p.patient, p.now);
            }
            let mut written = (Vec::new(), false);
            if !responses.is_empty() {
                let one = &mut *tx;
                let batch = responses.as_slice();
                written = async move { Ok::<_, StoreError>(write_responses!(one, batch)) }.await?;
            }
            for m in &measurements {
                crate::measurement::write_measurement!(tx, m);
                written.1 |= m.alert.is_some();
            }
            crate::audit::append_events!(self, tx, &events, now);
            Ok::<_, StoreError>(written)
        })?;
        if worklist {
            self.worklist_changed();
        }
        let mut response_ids = response_ids.into_iter();
        Ok(batch
            .iter()
            .map(|job| match job {
                Job::Response(_) => response_ids.next().unwrap_or_default(),
                Job::Measurement(m) => m.observation.id.clone(),
                Job::Patient(p) => p.patient.id.to_string(),
            })
            .collect())
    }

    /// The response an enrollment has saved half done for a questionnaire (by package key).
    pub async fn draft_response(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
    ) -> Result<Option<StoredResponse>> {
        self.response_with_status(enrollment, key, "in-progress")
            .await
    }

    /// The scores stored with a response, in the order of its scoring definition.
    pub async fn response_observations(&self, response: &str) -> Result<Vec<StoredObservation>> {
        let rows: Vec<ObservationRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, code, value, band, effective_at, body FROM observations
                 WHERE response_id = $1 ORDER BY id",
            )
            .bind(response)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(observation).collect())
    }

    /// The first stored value of the score `code` in an enrollment: the baseline a
    /// responder rule compares with.
    pub async fn baseline_score(
        &self,
        enrollment: Id<Enrollment>,
        code: &str,
    ) -> Result<Option<(String, f64)>> {
        let row: Option<(String, f64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT o.response_id, o.value FROM observations o
                 JOIN questionnaire_responses r ON r.id = o.response_id
                 WHERE r.enrollment_id = $1 AND o.code = $2 AND o.value IS NOT NULL
                 ORDER BY o.effective_at, o.id LIMIT 1",
            )
            .bind(enrollment.to_string())
            .bind(code)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row)
    }

    /// The latest completed response of an enrollment to a questionnaire (by package key).
    pub async fn latest_response(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
    ) -> Result<Option<StoredResponse>> {
        self.response_with_status(enrollment, key, "completed")
            .await
    }

    /// The completed responses to questionnaire `key` in an enrollment, oldest first, each
    /// with the schedule entry of the task it completed (none when it answered no task).
    /// The scores of an enrollment's completed responses to the questionnaire `key`,
    /// oldest first, in one query: each response's id, when it was authored, the schedule
    /// entry of the task it answered, and its scores by code (no value: not computed).
    pub async fn enrollment_scores(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
    ) -> Result<Vec<ScoredResponse>> {
        type Row = (
            String,
            DateTime<Utc>,
            Option<i64>,
            Option<String>,
            Option<f64>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.id, r.authored_at, t.schedule_entry, o.code, o.value
                 FROM questionnaire_responses r
                 JOIN questionnaires q ON q.id = r.questionnaire_id
                 LEFT JOIN tasks t ON t.response_id = r.id
                 LEFT JOIN observations o ON o.response_id = r.id
                 WHERE r.enrollment_id = $1 AND q.key = $2 AND r.status = 'completed'
                 ORDER BY r.authored_at, r.id, o.code",
            )
            .bind(enrollment.to_string())
            .bind(key)
            .fetch_all(pool)
            .await
        })?;
        let mut out: Vec<ScoredResponse> = Vec::new();
        for (id, authored_at, entry, code, value) in rows {
            if out.last().is_none_or(|last| last.id != id) {
                out.push(ScoredResponse {
                    id,
                    authored_at,
                    schedule_entry: entry.and_then(|e| usize::try_from(e).ok()),
                    scores: Vec::new(),
                });
            }
            if let (Some(code), Some(last)) = (code, out.last_mut()) {
                last.scores.push((code, value));
            }
        }
        Ok(out)
    }

    pub async fn completed_responses(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
    ) -> Result<Vec<(StoredResponse, Option<usize>)>> {
        type Row = (
            String,
            DateTime<Utc>,
            Json<QuestionnaireResponse>,
            Option<i64>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                    "SELECT r.id, r.authored_at, r.body, t.schedule_entry FROM questionnaire_responses r
                     JOIN questionnaires q ON q.id = r.questionnaire_id
                     LEFT JOIN tasks t ON t.response_id = r.id
                     WHERE r.enrollment_id = $1 AND q.key = $2 AND r.status = 'completed'
                     ORDER BY r.authored_at, r.id",
                )
                .bind(enrollment.to_string())
                .bind(key)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(id, authored_at, body, entry)| {
                (
                    StoredResponse {
                        id,
                        authored_at,
                        response: body.0,
                    },
                    entry.and_then(|e| usize::try_from(e).ok()),
                )
            })
            .collect())
    }

    async fn response_with_status(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
        status: &str,
    ) -> Result<Option<StoredResponse>> {
        let row: Option<(String, DateTime<Utc>, Json<QuestionnaireResponse>)> =
            on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT r.id, r.authored_at, r.body FROM questionnaire_responses r
                 JOIN questionnaires q ON q.id = r.questionnaire_id
                 WHERE r.enrollment_id = $1 AND q.key = $2 AND r.status = $3
                 ORDER BY r.authored_at DESC, r.id DESC LIMIT 1",
                )
                .bind(enrollment.to_string())
                .bind(key)
                .bind(status)
                .fetch_optional(pool)
                .await
            })?;
        Ok(row.map(|(id, authored_at, body)| StoredResponse {
            id,
            authored_at,
            response: body.0,
        }))
    }

    /// Every response of an enrollment, oldest first (for the patient's own copy).
    pub async fn enrollment_responses(
        &self,
        enrollment: Id<Enrollment>,
    ) -> Result<Vec<KeyedResponse>> {
        let rows: Vec<(String, String, DateTime<Utc>, Json<QuestionnaireResponse>)> =
            on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT q.key, r.id, r.authored_at, r.body FROM questionnaire_responses r
                     JOIN questionnaires q ON q.id = r.questionnaire_id
                     WHERE r.enrollment_id = $1 ORDER BY r.authored_at, r.id",
                )
                .bind(enrollment.to_string())
                .fetch_all(pool)
                .await
            })?;
        Ok(rows
            .into_iter()
            .map(|(key, id, authored_at, body)| KeyedResponse {
                questionnaire_key: key,
                stored: StoredResponse {
                    id,
                    authored_at,
                    response: body.0,
                },
            })
            .collect())
    }

    /// How many versions of a record the history holds (for tests and vread).
    pub async fn history_len(&self, resource_type: &str, id: &str) -> Result<i64> {
        let (n,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(*) FROM record_history WHERE resource_type = $1 AND resource_id = $2",
            )
            .bind(resource_type)
            .bind(id)
            .fetch_one(pool)
            .await
        })?;
        Ok(n)
    }
}

type ObservationRow = (
    String,
    String,
    Option<f64>,
    Option<String>,
    DateTime<Utc>,
    Json<serde_json::Value>,
);

fn observation((id, code, value, band, effective_at, body): ObservationRow) -> StoredObservation {
    StoredObservation {
        id,
        code,
        value,
        band,
        effective_at,
        body: body.0,
    }
}

/// `" system|code system|code "` of an Observation's `code.coding`, for `code` searches.
pub(crate) fn observation_codes(body: &serde_json::Value) -> String {
    let mut out = String::from(" ");
    for c in body["code"]["coding"].as_array().into_iter().flatten() {
        out.push_str(c["system"].as_str().unwrap_or_default());
        out.push('|');
        out.push_str(c["code"].as_str().unwrap_or_default());
        out.push(' ');
    }
    out
}

/// Whose records a search may return.
#[derive(Debug, Clone)]
pub enum Scope {
    /// One patient (the patient themselves): all their records.
    Patient(Id<Patient>),
    /// The records these units own (the care team): a unit sees what was recorded under
    /// its own enrollments, never another unit's records of the same patient.
    Units(Vec<Id<carepath_domain::organization::Unit>>),
}

impl Scope {
    /// SQL restricting a table to the scope, by its patient column `patient` or its owning
    /// unit column `owner`, with placeholders from `$first`, and the values to bind.
    pub(crate) fn sql(&self, patient: &str, owner: &str, first: usize) -> (String, Vec<String>) {
        match self {
            Scope::Patient(p) => (format!("{patient} = ${first}"), vec![p.to_string()]),
            Scope::Units(units) if units.is_empty() => ("1 = 0".into(), Vec::new()),
            Scope::Units(units) => {
                let list: Vec<String> = (0..units.len())
                    .map(|i| format!("${}", first + i))
                    .collect();
                (
                    format!("{owner} IN ({})", list.join(", ")),
                    units.iter().map(ToString::to_string).collect(),
                )
            }
        }
    }
}

impl Scope {
    /// As [`Scope::sql`] for `observations o`: a unit also reads the measurements listed
    /// for it in `observation_readers`.
    pub(crate) fn observation_sql(&self, first: usize) -> (String, Vec<String>) {
        let (owned, binds) = self.sql("o.patient_id", "o.unit_id", first);
        match self {
            Scope::Units(units) if !units.is_empty() => {
                let list = owned.trim_start_matches("o.unit_id ");
                (
                    format!(
                        "({owned} OR EXISTS (SELECT 1 FROM observation_readers r
                          WHERE r.observation_id = o.id AND r.unit_id {list}))"
                    ),
                    binds,
                )
            }
            _ => (owned, binds),
        }
    }
}

/// What a QuestionnaireResponse search asks for; `None` matches everything.
#[derive(Debug, Clone, Default)]
pub struct ResponseFilter {
    pub subject: Option<Id<Patient>>,
    /// The questionnaire's url, and its version when given.
    pub questionnaire: Option<(String, Option<String>)>,
    /// Any of these statuses; none asks for every status.
    pub statuses: Vec<String>,
    pub authored: crate::Dates<DateTime<Utc>>,
    pub newest_first: bool,
    pub common: crate::Common,
}

/// A response as the API serves it.
#[derive(Debug, Clone)]
pub struct ResponseRecord {
    pub id: String,
    pub patient_id: String,
    /// The unit that owns it (decision 0026); none only for rows no rule could place.
    pub unit_id: Option<Id<carepath_domain::organization::Unit>>,
    pub version: i64,
    pub authored_at: DateTime<Utc>,
    /// The resource as stored, unread: the API serves it as it is
    /// ([`carepath_fhir::served`]); [`ResponseRecord::response`] reads it.
    pub body: Box<serde_json::value::RawValue>,
    /// When it was last written (`meta.lastUpdated`); none only for rows no migration
    /// could date.
    pub updated_at: Option<DateTime<Utc>>,
}

impl ResponseRecord {
    /// The record of a response just written at `at`, as a read would find it.
    pub fn written(
        id: String,
        patient_id: String,
        unit_id: Option<Id<carepath_domain::organization::Unit>>,
        at: DateTime<Utc>,
        response: &QuestionnaireResponse,
    ) -> Result<Self> {
        Ok(Self {
            id,
            patient_id,
            unit_id,
            version: 1,
            authored_at: at,
            updated_at: Some(at),
            body: serde_json::value::to_raw_value(response)
                .map_err(|_| StoreError::Corrupt("a response could not be written".into()))?,
        })
    }

    /// The resource as the API serves it: as stored, with its id and version
    /// (decision 0058).
    pub fn served(&self) -> Result<Box<serde_json::value::RawValue>> {
        carepath_fhir::served::served(
            &self.body,
            &self.id,
            self.version,
            self.updated_at,
            Some(&self.patient_id),
        )
        .map_err(|_| StoreError::Corrupt("a stored response is not a JSON object".into()))
    }

    /// The response read from its stored form.
    pub fn response(&self) -> Result<QuestionnaireResponse> {
        // Not the parser's message: it may quote the stored values.
        serde_json::from_str(self.body.get())
            .map_err(|_| StoreError::Corrupt("a stored response could not be read".into()))
    }
}

/// One version of a clinical record (a response, an Observation) as the record history
/// keeps it.
#[derive(Debug, Clone)]
pub struct ResponseVersion {
    pub version: i64,
    pub recorded_at: DateTime<Utc>,
    pub body: Box<serde_json::value::RawValue>,
}

impl ResponseRecord {
    /// This response as it was at `version` (its id, patient and owner as now).
    pub fn at(&self, version: &ResponseVersion) -> ResponseRecord {
        ResponseRecord {
            version: version.version,
            updated_at: Some(version.recorded_at),
            body: version.body.clone(),
            ..self.clone()
        }
    }
}

type ResponseRow = (
    String,
    String,
    Option<String>,
    i64,
    DateTime<Utc>,
    Json<Box<serde_json::value::RawValue>>,
    Option<DateTime<Utc>>,
);

fn response_record(
    (id, patient_id, unit_id, version, authored_at, body, updated_at): ResponseRow,
) -> ResponseRecord {
    ResponseRecord {
        id,
        patient_id,
        unit_id: unit_id.and_then(|u| u.parse().ok()),
        version,
        authored_at,
        body: body.0,
        updated_at,
    }
}

const RESPONSE_BY_ID: &str =
    "SELECT id, patient_id, unit_id, version, authored_at, body, updated_at
     FROM questionnaire_responses WHERE id = $1";
const OBSERVATION_BY_ID: &str =
    "SELECT patient_id, unit_id, version, body, updated_at FROM observations WHERE id = $1";
const OBSERVATION_READERS: &str =
    "SELECT unit_id FROM observation_readers WHERE observation_id = $1";

/// A record read with the units that care for its patient ([`Store::patient_units`]),
/// which the access check of a read needs next (decision 0059).
#[derive(Debug)]
pub struct Cared<T> {
    pub record: T,
    pub patient_units: BTreeSet<Id<Unit>>,
}

impl<T> Cared<T> {
    fn new(record: T, units: &[String]) -> Result<Self> {
        Ok(Self {
            record,
            patient_units: units
                .iter()
                .map(|u| crate::parse_id(u))
                .collect::<Result<_>>()?,
        })
    }
}

/// A response and its patient's units, read on a SQLite reader.
type ResponseCared = Option<(ResponseRow, Vec<String>)>;

/// A response by id and the units that care for its patient, on a SQLite reader.
fn response_cared_on(c: &rusqlite::Connection, id: &str) -> rusqlite::Result<ResponseCared> {
    let Some(row) = c
        .prepare_cached(RESPONSE_BY_ID)?
        .query_row((id,), response_row)
        .optional()?
    else {
        return Ok(None);
    };
    let units = crate::enrollment::patient_units_on(c, &row.1)?;
    Ok(Some((row, units)))
}

fn response_cared(found: ResponseCared) -> Result<Option<Cared<ResponseRecord>>> {
    found
        .map(|(row, units)| Cared::new(response_record(row), &units))
        .transpose()
}

/// An Observation, the units it is shared with and its patient's units, read on a SQLite
/// reader.
type ObservationCared = Option<(ObservationRecordRow, Vec<String>, Vec<String>)>;

/// An Observation by id with the units it is shared with and the units that care for its
/// patient, on a SQLite reader.
fn observation_cared_on(c: &rusqlite::Connection, id: &str) -> rusqlite::Result<ObservationCared> {
    let Some(row) = c
        .prepare_cached(OBSERVATION_BY_ID)?
        .query_row((id,), observation_record_row)
        .optional()?
    else {
        return Ok(None);
    };
    let readers = c
        .prepare_cached(OBSERVATION_READERS)?
        .query_map((id,), |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let units = crate::enrollment::patient_units_on(c, &row.0)?;
    Ok(Some((row, readers, units)))
}

fn observation_cared(found: ObservationCared) -> Result<Option<Cared<ObservationRecord>>> {
    let Some((row, readers, units)) = found else {
        return Ok(None);
    };
    let mut cared = Cared::new(observation_record(row), &units)?;
    cared.record.readers = readers
        .iter()
        .map(|u| crate::parse_id(u))
        .collect::<Result<_>>()?;
    Ok(Some(cared))
}

/// A [`ResponseRow`] as the SQLite readers read it (decision 0056).
fn response_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ResponseRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        crate::readers::read_time(4, &r.get::<_, String>(4)?)?,
        Json(crate::readers::json(r, 5)?),
        r.get::<_, Option<String>>(6)?
            .map(|t| crate::readers::read_time(6, &t))
            .transpose()?,
    ))
}

/// An [`ObservationRecordRow`] as the SQLite readers read it.
fn observation_record_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ObservationRecordRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        Json(crate::readers::json(r, 3)?),
        r.get::<_, Option<String>>(4)?
            .map(|t| crate::readers::read_time(4, &t))
            .transpose()?,
    ))
}

/// What an Observation search asks for.
#[derive(Debug, Clone, Default)]
pub struct ObservationFilter {
    pub subject: Option<Id<Patient>>,
    /// Any of these codes, each `system|code` or `code`; none asks for every code.
    pub codes: Vec<String>,
    pub date: crate::Dates<DateTime<Utc>>,
    /// The response id it is derived from.
    pub derived_from: Option<String>,
    /// `derived-from:missing`: `true` for measurements (derived from no response), `false`
    /// for scores.
    pub derived_missing: Option<bool>,
    /// Oldest first (`_sort=date`); newest first otherwise.
    pub oldest_first: bool,
    pub common: crate::Common,
}

/// A stored Observation with its patient.
#[derive(Debug, Clone)]
pub struct ObservationRecord {
    pub patient_id: String,
    /// The unit that owns it (decision 0026).
    pub unit_id: Option<Id<carepath_domain::organization::Unit>>,
    /// Other units that read it (a measurement their enrollments asked for too); filled
    /// by [`Store::observation_by_id`], empty in searches (their scope applies it).
    pub readers: Vec<Id<carepath_domain::organization::Unit>>,
    pub version: i64,
    pub body: serde_json::Value,
    /// When it was last written (`meta.lastUpdated`).
    pub updated_at: Option<DateTime<Utc>>,
}

type ObservationRecordRow = (
    String,
    Option<String>,
    i64,
    Json<serde_json::Value>,
    Option<DateTime<Utc>>,
);

fn observation_record(
    (patient_id, unit_id, version, body, updated_at): ObservationRecordRow,
) -> ObservationRecord {
    ObservationRecord {
        patient_id,
        unit_id: unit_id.and_then(|u| u.parse().ok()),
        readers: Vec::new(),
        version,
        body: body.0,
        updated_at,
    }
}

impl Store {
    /// The patient's newest active enrollment in the program version `questionnaire`
    /// belongs to, among those run by `units` when given.
    pub async fn active_enrollment_for_questionnaire(
        &self,
        patient: Id<Patient>,
        questionnaire: &str,
        units: Option<&[Id<carepath_domain::organization::Unit>]>,
    ) -> Result<Option<Id<Enrollment>>> {
        let rows: Vec<(String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT e.id, e.unit_id FROM enrollments e
                 JOIN questionnaires q ON q.program_version_id = e.program_version_id
                 WHERE e.patient_id = $1 AND q.id = $2 AND e.status = 'active'
                 ORDER BY e.enrolled_at DESC, e.id",
            )
            .bind(patient.to_string())
            .bind(questionnaire)
            .fetch_all(pool)
            .await
        })?;
        for (id, unit) in rows {
            let unit = crate::parse_id(&unit)?;
            if units.is_none_or(|within| within.contains(&unit)) {
                return Ok(Some(crate::parse_id(&id)?));
            }
        }
        Ok(None)
    }

    /// Every version of a response kept in the record history, newest first: the version,
    /// when it was written and the resource as it was (the caller checks access by the
    /// current record's patient).
    pub async fn response_versions(&self, id: &str) -> Result<Vec<ResponseVersion>> {
        self.record_versions("QuestionnaireResponse", id).await
    }

    /// Every version of the clinical record `resource_type`/`id` the record history
    /// keeps, newest first, as it was written.
    pub async fn record_versions(
        &self,
        resource_type: &str,
        id: &str,
    ) -> Result<Vec<ResponseVersion>> {
        let rows: Vec<(i64, DateTime<Utc>, Box<serde_json::value::RawValue>)> =
            self.kept_versions(resource_type, id).await?;
        Ok(rows
            .into_iter()
            .map(|(version, recorded_at, body)| ResponseVersion {
                version,
                recorded_at,
                body,
            })
            .collect())
    }

    /// One response, whoever it belongs to (the caller checks access by its patient).
    pub async fn response_by_id(&self, id: &str) -> Result<Option<ResponseRecord>> {
        let row: Option<ResponseRow> = match &self.readers {
            Some(readers) => {
                let rows = readers
                    .rows(RESPONSE_BY_ID, (id.to_owned(),), response_row)
                    .await?;
                rows.into_iter().next()
            }
            None => on_pool!(self, |pool| {
                sqlx::query_as(RESPONSE_BY_ID)
                    .bind(id)
                    .fetch_optional(pool)
                    .await
            })?,
        };
        Ok(row.map(response_record))
    }

    /// One response with the units that care for its patient, for the access check of a
    /// read: on SQLite in one hand-off to the readers (decision 0059).
    pub async fn response_cared_for(&self, id: &str) -> Result<Option<Cared<ResponseRecord>>> {
        let Some(readers) = &self.readers else {
            return self
                .cared_for(self.response_by_id(id).await?, |r| &r.patient_id)
                .await;
        };
        let id = id.to_owned();
        response_cared(readers.run(move |c| response_cared_on(c, &id)).await?)
    }

    /// [`Store::response_cared_for`] for the holder of an API token, read with the holder
    /// (decision 0061); `None` when the token is not live.
    pub async fn response_held(
        &self,
        token: &str,
        now: DateTime<Utc>,
        id: &str,
    ) -> Result<Option<Held<Option<Cared<ResponseRecord>>>>> {
        let owned = id.to_owned();
        self.held(
            token,
            now,
            move |c| response_cared_on(c, &owned),
            response_cared,
            self.response_cared_for(id),
        )
        .await
    }

    /// `record` with the units that care for its patient, read after it.
    async fn cared_for<T>(
        &self,
        record: Option<T>,
        patient_of: impl Fn(&T) -> &str,
    ) -> Result<Option<Cared<T>>> {
        let Some(record) = record else {
            return Ok(None);
        };
        let patient_units = match patient_of(&record).parse() {
            Ok(patient) => self.patient_units(patient).await?,
            Err(_) => BTreeSet::new(),
        };
        Ok(Some(Cared {
            record,
            patient_units,
        }))
    }

    /// The id of the questionnaire version a response answers.
    pub async fn response_questionnaire(&self, response: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT questionnaire_id FROM questionnaire_responses WHERE id = $1")
                .bind(response)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(|r| r.0))
    }

    /// A page of the responses in `scope` matching `filter`; every match counted only when
    /// `count_all` (the count reads the whole history, the page only its index range).
    pub async fn search_responses(
        &self,
        scope: &Scope,
        filter: &ResponseFilter,
        offset: i64,
        count: i64,
        count_all: bool,
    ) -> Result<Found<ResponseRecord>> {
        let (scope_sql, scope_binds) = scope.sql("r.patient_id", "r.unit_id", 10);
        let statuses = crate::one_of("r.status", 4, &filter.statuses);
        let common = filter.common.sql("r.id", "r.updated_at", 7);
        let authored = filter.authored.sql("r.authored_at", 5);
        // A plain equality when a patient is asked for, so the planner reads that
        // patient's rows by index (an `$1 IS NULL OR` clause hides it).
        let by_patient = if filter.subject.is_some() {
            "r.patient_id = $1"
        } else {
            "$1 IS NULL"
        };
        let filter_sql = format!(
            "FROM questionnaire_responses r
             WHERE {by_patient}
               AND ($2 IS NULL OR r.questionnaire_id IN
                    (SELECT q.id FROM questionnaires q WHERE q.url = $2 AND ($3 IS NULL OR q.version = $3)))
               AND {statuses}
               AND {authored}
               AND {common}
               AND {scope_sql}"
        );
        let order = if filter.newest_first { "DESC" } else { "ASC" };
        let subject = filter.subject.map(|p| p.to_string());
        let (url, version) = match &filter.questionnaire {
            Some((u, v)) => (Some(u.clone()), v.clone()),
            None => (None, None),
        };
        let count_sql = format!("SELECT COUNT(*) {filter_sql}");
        let rows_sql = format!(
            "SELECT r.id, r.patient_id, r.unit_id, r.version, r.authored_at, r.body, r.updated_at {filter_sql}
             ORDER BY r.authored_at {order}, r.id {order} LIMIT {} OFFSET {}",
            count.max(0) + 1,
            offset.max(0)
        );
        macro_rules! bound {
            ($sql:expr) => {{
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe($sql.clone()))
                    .bind(&subject)
                    .bind(&url)
                    .bind(&version)
                    .bind(crate::joined(&filter.statuses))
                    .bind(filter.authored.from)
                    .bind(filter.authored.until)
                    .bind(filter.common.ids())
                    .bind(filter.common.updated.from)
                    .bind(filter.common.updated.until);
                for b in &scope_binds {
                    q = q.bind(b);
                }
                q
            }};
        }
        if let Some(readers) = &self.readers {
            let mut binds = vec![
                subject.clone(),
                url.clone(),
                version.clone(),
                crate::joined(&filter.statuses),
            ];
            binds.extend(filter.authored.texts());
            binds.extend(filter.common.texts());
            return readers
                .search(
                    count_all.then_some(count_sql),
                    rows_sql,
                    binds,
                    &scope_binds,
                    |r| response_row(r).map(response_record),
                    offset,
                    count,
                )
                .await;
        }
        let total = if count_all {
            let (n,): (i64,) = on_pool!(self, |pool| bound!(count_sql).fetch_one(pool).await)?;
            Some(n)
        } else {
            None
        };
        let rows: Vec<ResponseRow> = on_pool!(self, |pool| bound!(rows_sql).fetch_all(pool).await)?;
        Ok(Found::page(
            rows.into_iter().map(response_record).collect(),
            offset,
            count,
            total,
        ))
    }

    /// One Observation, whoever it belongs to (the caller checks access by its patient).
    pub async fn observation_by_id(&self, id: &str) -> Result<Option<ObservationRecord>> {
        let row: Option<ObservationRecordRow> = on_pool!(self, |pool| {
            sqlx::query_as(OBSERVATION_BY_ID)
                .bind(id)
                .fetch_optional(pool)
                .await
        })?;
        let Some(mut record) = row.map(observation_record) else {
            return Ok(None);
        };
        let readers: Vec<String> = on_pool!(self, |pool| {
            sqlx::query_scalar(OBSERVATION_READERS)
                .bind(id)
                .fetch_all(pool)
                .await
        })?;
        record.readers = readers
            .iter()
            .map(|u| crate::parse_id(u))
            .collect::<Result<_>>()?;
        Ok(Some(record))
    }

    /// One Observation with the units that care for its patient, for the access check of
    /// a read: on SQLite in one hand-off to the readers (decision 0059).
    pub async fn observation_cared_for(
        &self,
        id: &str,
    ) -> Result<Option<Cared<ObservationRecord>>> {
        let Some(readers) = &self.readers else {
            return self
                .cared_for(self.observation_by_id(id).await?, |r| &r.patient_id)
                .await;
        };
        let id = id.to_owned();
        observation_cared(readers.run(move |c| observation_cared_on(c, &id)).await?)
    }

    /// [`Store::observation_cared_for`] for the holder of an API token, read with the
    /// holder (decision 0061); `None` when the token is not live.
    pub async fn observation_held(
        &self,
        token: &str,
        now: DateTime<Utc>,
        id: &str,
    ) -> Result<Option<Held<Option<Cared<ObservationRecord>>>>> {
        let owned = id.to_owned();
        self.held(
            token,
            now,
            move |c| observation_cared_on(c, &owned),
            observation_cared,
            self.observation_cared_for(id),
        )
        .await
    }

    /// A page of the Observations in `scope` matching `filter`, newest first; every match
    /// counted only when `count_all`.
    pub async fn search_observations(
        &self,
        scope: &Scope,
        filter: &ObservationFilter,
        offset: i64,
        count: i64,
        count_all: bool,
    ) -> Result<Found<ObservationRecord>> {
        // The codes asked for are `$8` onwards (`$8` is NULL when none is), then the
        // scope's: SQLite numbers the binds in the order they first appear.
        let codes: Vec<Option<String>> = if filter.codes.is_empty() {
            vec![None]
        } else {
            filter
                .codes
                .iter()
                .map(|c| {
                    Some(match c.split_once('|') {
                        Some(_) => format!("% {} %", crate::like_literal(c)),
                        None => format!("%|{} %", crate::like_literal(c)),
                    })
                })
                .collect()
        };
        let codes_sql = if filter.codes.is_empty() {
            "$8 IS NULL".to_owned()
        } else {
            let any: Vec<String> = (0..codes.len())
                .map(|i| format!("o.codes LIKE ${} ESCAPE '\\'", 8 + i))
                .collect();
            format!("({})", any.join(" OR "))
        };
        let (scope_sql, scope_binds) = scope.observation_sql(8 + codes.len());
        let common = filter.common.sql("o.id", "o.updated_at", 5);
        let date = filter.date.sql("o.effective_at", 2);
        let by_patient = if filter.subject.is_some() {
            "o.patient_id = $1"
        } else {
            "$1 IS NULL"
        };
        let derived_sql = match filter.derived_missing {
            None => "1 = 1",
            Some(true) => "o.response_id IS NULL",
            Some(false) => "o.response_id IS NOT NULL",
        };
        let filter_sql = format!(
            "FROM observations o
             WHERE {by_patient}
               AND {date}
               AND ($4 IS NULL OR o.response_id = $4)
               AND {derived_sql}
               AND {common}
               AND {codes_sql}
               AND {scope_sql}"
        );
        let subject = filter.subject.map(|p| p.to_string());
        let count_sql = format!("SELECT COUNT(*) {filter_sql}");
        let order = if filter.oldest_first { "ASC" } else { "DESC" };
        let rows_sql = format!(
            "SELECT o.patient_id, o.unit_id, o.version, o.body, o.updated_at {filter_sql}
             ORDER BY o.effective_at {order}, o.id {order} LIMIT {} OFFSET {}",
            count.max(0) + 1,
            offset.max(0)
        );
        macro_rules! bound {
            ($sql:expr) => {{
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe($sql.clone()))
                    .bind(&subject)
                    .bind(filter.date.from)
                    .bind(filter.date.until)
                    .bind(&filter.derived_from)
                    .bind(filter.common.ids())
                    .bind(filter.common.updated.from)
                    .bind(filter.common.updated.until);
                for c in &codes {
                    q = q.bind(c);
                }
                for b in &scope_binds {
                    q = q.bind(b);
                }
                q
            }};
        }
        if let Some(readers) = &self.readers {
            let mut binds = vec![subject.clone()];
            binds.extend(filter.date.texts());
            binds.push(filter.derived_from.clone());
            binds.extend(filter.common.texts());
            binds.extend(codes.iter().cloned());
            return readers
                .search(
                    count_all.then_some(count_sql),
                    rows_sql,
                    binds,
                    &scope_binds,
                    |r| observation_record_row(r).map(observation_record),
                    offset,
                    count,
                )
                .await;
        }
        let total = if count_all {
            let (n,): (i64,) = on_pool!(self, |pool| bound!(count_sql).fetch_one(pool).await)?;
            Some(n)
        } else {
            None
        };
        let rows: Vec<ObservationRecordRow> =
            on_pool!(self, |pool| bound!(rows_sql).fetch_all(pool).await)?;
        Ok(Found::page(
            rows.into_iter().map(observation_record).collect(),
            offset,
            count,
            total,
        ))
    }
}
