//! Secure messages between a patient and the care team of an enrollment [FHIR
//! Communication], their attachments, and the reply templates a unit keeps. A thread is an
//! enrollment's; it belongs to the unit that runs the enrollment.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::threshold::{AlertReason, Colour};
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::alert::{Alert, NewAlertRow, insert_alerts};
use crate::db::{in_tx, on_pool};
use crate::outbox::{NewMessage, enqueue};
use crate::{Result, Store, StoreError, parse_id};

/// A message in a thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: Id<Message>,
    pub patient_id: Id<Patient>,
    pub enrollment_id: Id<Enrollment>,
    pub unit_id: Id<Unit>,
    /// Written by the patient (else by a member of the team).
    pub from_patient: bool,
    pub sender_id: Id<UserAccount>,
    /// The writer's name as their account shows it.
    pub sender_name: String,
    pub in_response_to: Option<Id<Message>>,
    pub body: String,
    pub sent_at: DateTime<Utc>,
    /// When the other side first saw it.
    pub read_at: Option<DateTime<Utc>>,
    /// A patient's message: when the answer time runs out and when the team answered.
    pub answer_due: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub attachments: Vec<Attachment>,
}

/// A file on a message, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: Id<Attachment>,
    pub message_id: Id<Message>,
    pub media_type: String,
    pub file_name: String,
    pub size: i64,
}

/// A message to write.
#[derive(Debug, Clone)]
pub struct NewThreadMessage {
    pub id: Id<Message>,
    pub patient: Id<Patient>,
    pub enrollment: Id<Enrollment>,
    pub unit: Id<Unit>,
    pub from_patient: bool,
    pub sender: Id<UserAccount>,
    pub in_response_to: Option<Id<Message>>,
    pub body: String,
    pub answer_due: Option<DateTime<Utc>>,
    /// Checked and cleaned files: media type, file name, bytes.
    pub files: Vec<(String, String, Vec<u8>)>,
    /// The activity code the team's answer is recorded with, if one was chosen.
    pub activity: Option<crate::activity::NewActivity>,
}

/// A thread with patient messages the team has not answered, for the worklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub patient_id: Id<Patient>,
    pub patient_name: String,
    pub enrollment_id: Id<Enrollment>,
    pub unit_id: Id<Unit>,
    /// The oldest unanswered message's time and answer time.
    pub since: DateTime<Utc>,
    pub due: Option<DateTime<Utc>>,
    pub unanswered: i64,
    pub unread: i64,
}

/// A reply a unit uses often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyTemplate {
    pub id: Id<ReplyTemplate>,
    pub unit_id: Id<Unit>,
    pub title: String,
    pub body: String,
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

const COLUMNS: &str = "m.id, m.patient_id, m.enrollment_id, m.unit_id, m.sender, m.sender_id,
     u.display_name, m.in_response_to, m.body, m.sent_at, m.read_at, m.answer_due, m.answered_at";

fn message(r: Row) -> Result<Message> {
    Ok(Message {
        id: parse_id(&r.0)?,
        patient_id: parse_id(&r.1)?,
        enrollment_id: parse_id(&r.2)?,
        unit_id: parse_id(&r.3)?,
        from_patient: r.4 == "patient",
        sender_id: parse_id(&r.5)?,
        sender_name: r.6,
        in_response_to: r.7.as_deref().map(parse_id).transpose()?,
        body: r.8,
        sent_at: r.9,
        read_at: r.10,
        answer_due: r.11,
        answered_at: r.12,
        attachments: Vec::new(),
    })
}

impl Store {
    /// Writes a message with its files, the access-log `audit` events and the `notify`
    /// messages (outbox rows), in one transaction. A team message answers the patient's unanswered
    /// messages of the thread.
    pub async fn send_message(
        &self,
        new: &NewThreadMessage,
        audit: &[AuditEvent],
        notify: &[NewMessage],
        now: DateTime<Utc>,
    ) -> Result<Message> {
        let id = new.id;
        let attachments: Vec<Attachment> = new
            .files
            .iter()
            .map(|(media_type, file_name, bytes)| Attachment {
                id: Id::new(),
                message_id: id,
                media_type: media_type.clone(),
                file_name: file_name.clone(),
                size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            })
            .collect();
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO messages (id, patient_id, enrollment_id, unit_id, sender, sender_id,
                     in_response_to, body, sent_at, answer_due)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(id.to_string())
            .bind(new.patient.to_string())
            .bind(new.enrollment.to_string())
            .bind(new.unit.to_string())
            .bind(if new.from_patient { "patient" } else { "team" })
            .bind(new.sender.to_string())
            .bind(new.in_response_to.map(|m| m.to_string()))
            .bind(&new.body)
            .bind(now)
            .bind(new.answer_due)
            .execute(&mut **tx)
            .await?;
            for (a, (_, _, bytes)) in attachments.iter().zip(&new.files) {
                sqlx::query(
                    "INSERT INTO message_attachments (id, message_id, media_type, file_name, size, content)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(a.id.to_string())
                .bind(id.to_string())
                .bind(&a.media_type)
                .bind(&a.file_name)
                .bind(a.size)
                .bind(bytes.as_slice())
                .execute(&mut **tx)
                .await?;
            }
            if !new.from_patient {
                sqlx::query(
                    "UPDATE messages SET answered_at = $2
                     WHERE enrollment_id = $1 AND sender = 'patient' AND answered_at IS NULL",
                )
                .bind(new.enrollment.to_string())
                .bind(now)
                .execute(&mut **tx)
                .await?;
            }
            if let Some(activity) = &new.activity {
                crate::activity::insert_activity!(tx, activity);
            }
            crate::audit::append_events!(self, tx, audit, now);
            enqueue!(tx, notify, now);
            Ok::<_, StoreError>(())
        })?;
        self.worklist_changed();
        Ok(Message {
            id,
            patient_id: new.patient,
            enrollment_id: new.enrollment,
            unit_id: new.unit,
            from_patient: new.from_patient,
            sender_id: new.sender,
            sender_name: String::new(),
            in_response_to: new.in_response_to,
            body: new.body.clone(),
            sent_at: now,
            read_at: None,
            answer_due: new.answer_due,
            answered_at: None,
            attachments,
        })
    }

    /// One message, with its files listed.
    pub async fn message(&self, id: Id<Message>) -> Result<Option<Message>> {
        let mut found = self
            .messages_where("m.id = $1", &id.to_string(), None)
            .await?;
        Ok(found.pop())
    }

    /// The messages of an enrollment's thread, oldest first, with their files listed.
    pub async fn thread(&self, enrollment: Id<Enrollment>) -> Result<Vec<Message>> {
        self.messages_where("m.enrollment_id = $1", &enrollment.to_string(), None)
            .await
    }

    /// Every message of a patient, in every thread, oldest first.
    pub async fn patient_messages(&self, patient: Id<Patient>) -> Result<Vec<Message>> {
        self.messages_where("m.patient_id = $1", &patient.to_string(), None)
            .await
    }

    /// Messages for the API's search: of `patient` (all of them when `None`) owned by
    /// `units` (any unit when `None`), newest first, at most `limit`.
    pub async fn search_messages(
        &self,
        patient: Option<Id<Patient>>,
        units: Option<&[Id<Unit>]>,
        limit: i64,
    ) -> Result<Vec<Message>> {
        let mut found = match patient {
            Some(p) => self.patient_messages(p).await?,
            None => {
                let mut all = Vec::new();
                for unit in units.unwrap_or_default() {
                    all.extend(
                        self.messages_where("m.unit_id = $1", &unit.to_string(), Some(limit))
                            .await?,
                    );
                }
                all
            }
        };
        if let Some(units) = units {
            found.retain(|m| units.contains(&m.unit_id));
        }
        found.sort_by(|a, b| b.sent_at.cmp(&a.sent_at).then(a.id.cmp(&b.id)));
        found.truncate(usize::try_from(limit).unwrap_or(0));
        Ok(found)
    }

    async fn messages_where(
        &self,
        filter: &str,
        value: &str,
        newest: Option<i64>,
    ) -> Result<Vec<Message>> {
        let order = match newest {
            Some(n) => format!("ORDER BY m.sent_at DESC, m.id LIMIT {n}"),
            None => "ORDER BY m.sent_at, m.id".to_owned(),
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM messages m JOIN users u ON u.id = m.sender_id
             WHERE {filter} {order}"
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(value)
                .fetch_all(pool)
                .await
        })?;
        let mut messages: Vec<Message> = rows.into_iter().map(message).collect::<Result<_>>()?;
        if messages.is_empty() {
            return Ok(messages);
        }
        let files_sql = format!(
            "SELECT a.id, a.message_id, a.media_type, a.file_name, a.size
             FROM message_attachments a JOIN messages m ON m.id = a.message_id
             WHERE {filter} ORDER BY a.id"
        );
        let files: Vec<(String, String, String, String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(files_sql.clone()))
                .bind(value)
                .fetch_all(pool)
                .await
        })?;
        for (id, message_id, media_type, file_name, size) in files {
            let message_id: Id<Message> = parse_id(&message_id)?;
            if let Some(m) = messages.iter_mut().find(|m| m.id == message_id) {
                m.attachments.push(Attachment {
                    id: parse_id(&id)?,
                    message_id,
                    media_type,
                    file_name,
                    size,
                });
            }
        }
        Ok(messages)
    }

    /// One attachment with its message and content.
    pub async fn attachment(
        &self,
        id: Id<Attachment>,
    ) -> Result<Option<(Attachment, Message, Vec<u8>)>> {
        let row: Option<(String, String, String, i64, Vec<u8>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT message_id, media_type, file_name, size, content
                 FROM message_attachments WHERE id = $1",
            )
            .bind(id.to_string())
            .fetch_optional(pool)
            .await
        })?;
        let Some((message_id, media_type, file_name, size, content)) = row else {
            return Ok(None);
        };
        let message_id = parse_id(&message_id)?;
        let Some(message) = self.message(message_id).await? else {
            return Ok(None);
        };
        Ok(Some((
            Attachment {
                id,
                message_id,
                media_type,
                file_name,
                size,
            },
            message,
            content,
        )))
    }

    /// Marks the thread's messages from the other side read by `reader` (the patient when
    /// `by_patient`, else a team member), with the access-log `audit` events; how many.
    pub async fn mark_thread_read(
        &self,
        enrollment: Id<Enrollment>,
        by_patient: bool,
        reader: Id<UserAccount>,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let changed = in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE messages SET read_at = $3, read_by = $4
                 WHERE enrollment_id = $1 AND sender = $2 AND read_at IS NULL",
            )
            .bind(enrollment.to_string())
            .bind(if by_patient { "team" } else { "patient" })
            .bind(now)
            .bind(reader.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(changed)
        })?;
        if changed > 0 {
            self.worklist_changed();
        }
        Ok(changed)
    }

    /// How many of the team's messages to `patient` they have not read.
    pub async fn unread_by_patient(&self, patient: Id<Patient>) -> Result<i64> {
        let (n,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(*) FROM messages
                 WHERE patient_id = $1 AND sender = 'team' AND read_at IS NULL",
            )
            .bind(patient.to_string())
            .fetch_one(pool)
            .await
        })?;
        Ok(n)
    }

    /// How many of `patient`'s messages to `units` no one in the team has read.
    pub async fn unread_from_patient(
        &self,
        patient: Id<Patient>,
        units: &[Id<Unit>],
    ) -> Result<i64> {
        let mut total = 0;
        for unit in units {
            let (n,): (i64,) = on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT COUNT(*) FROM messages
                     WHERE patient_id = $1 AND unit_id = $2 AND sender = 'patient' AND read_at IS NULL",
                )
                .bind(patient.to_string())
                .bind(unit.to_string())
                .fetch_one(pool)
                .await
            })?;
            total += n;
        }
        Ok(total)
    }

    /// The threads of `unit` (in `program`'s enrollments when given) where patient
    /// messages wait for an answer or for someone to read them, the longest waiting first.
    pub async fn waiting_threads(
        &self,
        unit: Id<Unit>,
        program: Option<Id<carepath_domain::program::Program>>,
        limit: i64,
    ) -> Result<Vec<Waiting>> {
        type W = (
            String,
            String,
            String,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
            i64,
            i64,
        );
        let rows: Vec<W> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT m.patient_id, p.name, m.enrollment_id, MIN(m.sent_at), MIN(m.answer_due),
                        SUM(CASE WHEN m.answered_at IS NULL THEN 1 ELSE 0 END),
                        SUM(CASE WHEN m.read_at IS NULL THEN 1 ELSE 0 END)
                 FROM messages m JOIN patients p ON p.id = m.patient_id
                 JOIN enrollments e ON e.id = m.enrollment_id
                 JOIN program_versions pv ON pv.id = e.program_version_id
                 WHERE m.unit_id = $1 AND m.sender = 'patient'
                   AND (m.answered_at IS NULL OR m.read_at IS NULL)
                   AND ($2 IS NULL OR pv.program_id = $2)
                 GROUP BY m.patient_id, p.name, m.enrollment_id
                 ORDER BY MIN(m.sent_at), m.enrollment_id LIMIT $3",
            )
            .bind(unit.to_string())
            .bind(program.map(|p| p.to_string()))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(
                |(patient, name, enrollment, since, due, unanswered, unread)| {
                    Ok(Waiting {
                        patient_id: parse_id(&patient)?,
                        patient_name: name,
                        enrollment_id: parse_id(&enrollment)?,
                        unit_id: unit,
                        since,
                        due,
                        unanswered,
                        unread,
                    })
                },
            )
            .collect()
    }

    /// Raises an alert on the unit's worklist for each patient message still unanswered
    /// past its answer time, once per message. Returns how many were raised.
    pub async fn raise_unanswered_alerts(&self, now: DateTime<Utc>) -> Result<u64> {
        let lock = match self.backend() {
            crate::Backend::Sqlite => "",
            crate::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let select = format!(
            "SELECT id, patient_id, unit_id, enrollment_id FROM messages
             WHERE sender = 'patient' AND answered_at IS NULL AND overdue_alert IS NULL
               AND answer_due <= $1
             ORDER BY answer_due, id LIMIT 500{lock}"
        );
        let mut raised = 0;
        loop {
            let made = in_tx!(self, |tx| {
                let due: Vec<(String, String, String, String)> =
                    sqlx::query_as(sqlx::AssertSqlSafe(select.clone()))
                        .bind(now)
                        .fetch_all(&mut **tx)
                        .await?;
                // One alert per thread: the oldest waiting message raises it.
                let mut rows: Vec<NewAlertRow<'_>> = Vec::new();
                for (_, patient, unit, enrollment) in &due {
                    if rows
                        .iter()
                        .any(|r| r.enrollment == Some(enrollment.as_str()))
                    {
                        continue;
                    }
                    rows.push(NewAlertRow {
                        id: Id::<Alert>::new().to_string(),
                        patient,
                        unit,
                        enrollment: Some(enrollment),
                        colour: Colour::Yellow,
                        observation: None,
                        measurement: "message",
                        label: None,
                        value: None,
                        raised_at: now,
                        escalate_at: None,
                        reason: AlertReason::Unanswered,
                    });
                }
                insert_alerts!(tx, &rows);
                for (id, _, _, enrollment) in &due {
                    let alert = rows
                        .iter()
                        .find(|r| r.enrollment == Some(enrollment.as_str()))
                        .map(|r| r.id.clone());
                    sqlx::query("UPDATE messages SET overdue_alert = $2 WHERE id = $1")
                        .bind(id)
                        .bind(alert)
                        .execute(&mut **tx)
                        .await?;
                }
                Ok::<_, StoreError>((rows.len() as u64, due.len()))
            })?;
            raised += made.0;
            if made.1 < 500 {
                break;
            }
        }
        if raised > 0 {
            self.worklist_changed();
        }
        Ok(raised)
    }

    /// A unit's reply templates, by title.
    pub async fn reply_templates(&self, unit: Id<Unit>) -> Result<Vec<ReplyTemplate>> {
        let rows: Vec<(String, String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, title, body FROM reply_templates WHERE unit_id = $1 ORDER BY title, id",
            )
            .bind(unit.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(id, title, body)| {
                Ok(ReplyTemplate {
                    id: parse_id(&id)?,
                    unit_id: unit,
                    title,
                    body,
                })
            })
            .collect()
    }

    /// Adds a reply template to `unit`.
    pub async fn add_reply_template(
        &self,
        unit: Id<Unit>,
        title: &str,
        body: &str,
        by: Id<UserAccount>,
        now: DateTime<Utc>,
    ) -> Result<Id<ReplyTemplate>> {
        let id = Id::new();
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO reply_templates (id, unit_id, title, body, updated_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id.to_string())
            .bind(unit.to_string())
            .bind(title)
            .bind(body)
            .bind(by.to_string())
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(id)
    }

    /// Removes one of `unit`'s reply templates; `false` when it has none by that id.
    pub async fn remove_reply_template(
        &self,
        unit: Id<Unit>,
        id: Id<ReplyTemplate>,
    ) -> Result<bool> {
        let done = on_pool!(self, |pool| {
            sqlx::query("DELETE FROM reply_templates WHERE id = $1 AND unit_id = $2")
                .bind(id.to_string())
                .bind(unit.to_string())
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(done == 1)
    }
}
