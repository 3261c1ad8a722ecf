//! The transactional outbox: messages are written in the same transaction as their cause
//! (a reminder with the scheduler pass that decides it), then delivered one at a time by
//! whichever node claims them. A claim is a lease: a node that crashes after sending and
//! before recording leaves the message to be sent again after the lease, with the same
//! Message-ID; nothing else is ever sent twice, and nothing is given up.

use carepath_domain::Id;
use carepath_domain::Lang;
use carepath_domain::message::{Channel, Content, OutgoingMessage, next_attempt};
use chrono::{DateTime, Duration, Utc};

use crate::db::{Backend, in_tx, on_pool};
use crate::{Result, Store, StoreError};

/// A message to write into the outbox with its cause.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// Names the cause, so a cause makes its message once (`reminder:{task}:{n}:email`).
    pub idempotency_key: String,
    /// The patient it goes to, if any.
    pub patient: Option<Id<carepath_domain::patient::Patient>>,
    pub channel: Channel,
    pub recipient: String,
    /// What it is about; worded in `lang` when it is delivered.
    pub content: Content,
    pub lang: Lang,
    /// Stable across retries (`<id@host>`).
    pub message_id: String,
}

impl NewMessage {
    /// A message with a fresh id and a Message-ID under `host`.
    pub fn new(
        idempotency_key: String,
        patient: Option<Id<carepath_domain::patient::Patient>>,
        channel: Channel,
        recipient: String,
        content: Content,
        lang: Lang,
        host: &str,
    ) -> Self {
        let id = Id::<NewMessage>::new();
        Self {
            idempotency_key,
            patient,
            channel,
            recipient,
            content,
            lang,
            message_id: format!("<{id}@{host}>"),
        }
    }
}

/// The host name of `public_url`, for Message-IDs (`carepath.invalid` when it has none).
pub(crate) fn message_host(public_url: &str) -> String {
    public_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .filter(|h| !h.is_empty())
        .unwrap_or("carepath.invalid")
        .to_owned()
}

/// Writes `$messages` (`&[NewMessage]`) into the outbox inside a transaction; a message
/// whose cause already made one is skipped. Evaluates to how many were written.
macro_rules! enqueue {
    ($tx:expr, $messages:expr, $now:expr) => {{
        let messages: &[$crate::outbox::NewMessage] = $messages;
        let mut written = 0_u64;
        for chunk in messages.chunks(500) {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO outbox (id, idempotency_key, patient_id, channel, recipient, subject, body,
                     message_id, content, lang, status, attempts, next_attempt_at, created_at) ",
            );
            insert.push_values(chunk, |mut row, m| {
                row.push_bind(carepath_domain::Id::<$crate::outbox::NewMessage>::new().to_string())
                    .push_bind(m.idempotency_key.as_str())
                    .push_bind(m.patient.map(|p| p.to_string()))
                    .push_bind(m.channel.as_str())
                    .push_bind(m.recipient.as_str())
                    .push_bind("")
                    .push_bind("")
                    .push_bind(m.message_id.as_str())
                    .push_bind(serde_json::to_string(&m.content).unwrap_or_default())
                    .push_bind(m.lang.code())
                    .push_bind("pending")
                    .push_bind(0_i64)
                    .push_bind($now)
                    .push_bind($now);
            });
            insert.push(" ON CONFLICT (idempotency_key) DO NOTHING");
            written += insert
                .build()
                .persistent(false)
                .execute(&mut **$tx)
                .await?
                .rows_affected();
        }
        written
    }};
}
pub(crate) use enqueue;

/// A message claimed for delivery.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: String,
    pub attempts: u32,
    /// Its channel, recipient and Message-ID; its subject and text are empty until it is
    /// worded from `content` (rows from before hold their words).
    pub message: OutgoingMessage,
    /// What it is about, in whose language.
    pub content: Option<(Content, Lang)>,
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    id: String,
    channel: String,
    recipient: String,
    subject: String,
    body: String,
    message_id: String,
    attempts: i64,
    content: Option<String>,
    lang: Option<String>,
}

/// The outbox at a glance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxSummary {
    pub pending: i64,
    pub sent: i64,
}

impl Store {
    /// Writes messages into the outbox on their own (a cause with no other write, e.g. a
    /// notice sent by hand); a message whose key was used before is skipped.
    pub async fn enqueue(&self, messages: &[NewMessage], now: DateTime<Utc>) -> Result<u64> {
        in_tx!(self, |tx| {
            let written = enqueue!(tx, messages, now);
            Ok::<_, StoreError>(written)
        })
    }

    /// Writes a message about `content` to `patient` by e-mail and SMS (the addresses
    /// they have), in their language, unless the cause `key` made it before: one message
    /// per cause and channel. Nothing is written for a patient with no address.
    pub async fn notify_patient(
        &self,
        patient: Id<carepath_domain::patient::Patient>,
        content: Content,
        key: &str,
        public_url: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let row: Option<(Option<String>, Option<String>, Option<String>)> =
            crate::db::on_pool!(self, |pool| {
                sqlx::query_as("SELECT email, mobile, language FROM patients WHERE id = $1")
                    .bind(patient.to_string())
                    .fetch_optional(pool)
                    .await
            })?;
        let Some((email, mobile, language)) = row else {
            return Ok(0);
        };
        let lang = language
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or(Lang::Nb);
        let host = message_host(public_url);
        let messages: Vec<NewMessage> = [(Channel::Email, email), (Channel::Sms, mobile)]
            .into_iter()
            .filter_map(|(channel, address)| {
                let address = address.filter(|a| !a.is_empty())?;
                Some(NewMessage::new(
                    format!("{key}:{}", channel.as_str()),
                    Some(patient),
                    channel,
                    address,
                    content.clone(),
                    lang,
                    &host,
                ))
            })
            .collect();
        self.enqueue(&messages, now).await
    }

    /// Writes a message about `content` to `unit`'s alert addresses (e-mail, SMS), in the
    /// hospital's language, unless the cause `key` made it before. Nothing is written for a
    /// unit with no address.
    pub async fn notify_unit(
        &self,
        unit: Id<carepath_domain::organization::Unit>,
        content: Content,
        key: &str,
        public_url: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let row: Option<(Option<String>, Option<String>)> = crate::db::on_pool!(self, |pool| {
            sqlx::query_as("SELECT alert_email, alert_mobile FROM units WHERE id = $1")
                .bind(unit.to_string())
                .fetch_optional(pool)
                .await
        })?;
        let Some((email, mobile)) = row else {
            return Ok(0);
        };
        let host = message_host(public_url);
        let messages: Vec<NewMessage> = [(Channel::Email, email), (Channel::Sms, mobile)]
            .into_iter()
            .filter_map(|(channel, address)| {
                let address = address.filter(|a| !a.is_empty())?;
                Some(NewMessage::new(
                    format!("{key}:{}", channel.as_str()),
                    None,
                    channel,
                    address,
                    content.clone(),
                    Lang::Nb,
                    &host,
                ))
            })
            .collect();
        self.enqueue(&messages, now).await
    }

    /// Claims the oldest message due for delivery at `now` for `lease` (other nodes skip
    /// it until then), or `None` when nothing is due.
    pub async fn claim_message(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> Result<Option<Claimed>> {
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let sql = format!(
            "UPDATE outbox SET leased_until = $2
             WHERE id = (SELECT id FROM outbox
                         WHERE status = 'pending' AND next_attempt_at <= $1
                           AND (leased_until IS NULL OR leased_until <= $1)
                         ORDER BY next_attempt_at, id LIMIT 1{lock})
             RETURNING id, channel, recipient, subject, body, message_id, attempts, content, lang"
        );
        let row: Option<ClaimRow> = in_tx!(self, |tx| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(now)
                .bind(now + lease)
                .fetch_optional(&mut **tx)
                .await
                .map_err(StoreError::from)
        })?;
        row.map(|r| {
            let content = match &r.content {
                Some(json) => Some((
                    serde_json::from_str::<Content>(json)
                        .map_err(|_| StoreError::Corrupt("unknown message content".into()))?,
                    r.lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::Nb),
                )),
                None => None,
            };
            Ok(Claimed {
                content,
                id: r.id,
                attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
                message: OutgoingMessage {
                    channel: Channel::parse(&r.channel)
                        .ok_or_else(|| StoreError::Corrupt("unknown message channel".into()))?,
                    recipient: r.recipient,
                    subject: r.subject,
                    body: r.body,
                    message_id: r.message_id,
                },
            })
        })
        .transpose()
    }

    /// Records that a claimed message was delivered.
    pub async fn message_sent(&self, id: &str, now: DateTime<Utc>) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE outbox SET status = 'sent', sent_at = $2, leased_until = NULL, last_error = NULL
                 WHERE id = $1",
            )
            .bind(id)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Records a failed delivery: tried again after a back-off (`error` must not carry
    /// the recipient or the text).
    pub async fn message_failed(
        &self,
        claimed: &Claimed,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<()> {
        let attempts = claimed.attempts.saturating_add(1);
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE outbox SET attempts = $2, next_attempt_at = $3, leased_until = NULL, last_error = $4
                 WHERE id = $1",
            )
            .bind(&claimed.id)
            .bind(i64::from(attempts))
            .bind(next_attempt(now, claimed.attempts))
            .bind(error)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Records the message its cause made (`idempotency_key`) as sent at `now` without
    /// delivering it: the demo's made-up history, which reaches no one.
    pub async fn message_sent_by_key(
        &self,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE outbox SET status = 'sent', sent_at = $2, leased_until = NULL
                 WHERE idempotency_key = $1",
            )
            .bind(idempotency_key)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// How many messages wait and how many are delivered.
    pub async fn outbox_summary(&self) -> Result<OutboxSummary> {
        let (pending, sent): (i64, i64) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0),
                        COALESCE(SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END), 0)
                 FROM outbox",
            )
            .fetch_one(pool)
            .await
        })?;
        Ok(OutboxSummary { pending, sent })
    }
}
