//! The append-only, hash-chained access log. Each `Store` (one per running node) writes
//! its own chain, so nodes never wait for each other; each event's hash covers the
//! previous hash and the event, so changing, removing or reordering an event breaks the
//! chain from that point, and `verify_audit` names the first broken link.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent, RecordedEvent};
use carepath_domain::patient::Patient;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::db::{Backend, in_tx, on_pool};
use crate::{Page, Result, Store, StoreError};

/// One request's events for the access-log writer, with when and where to answer.
pub(crate) type AuditJob = (
    Vec<AuditEvent>,
    DateTime<Utc>,
    tokio::sync::oneshot::Sender<Result<()>>,
);

/// The `prev_hash` of the first event of a chain.
pub(crate) const GENESIS: &str = "genesis";
/// Appends `events` to the store's chain inside the transaction `tx`, so a write and the
/// record of it commit together or not at all. Used by every store write of patient data.
macro_rules! append_events {
    ($store:expr, $tx:expr, $events:expr, $now:expr) => {{
        let events: &[carepath_domain::audit::AuditEvent] = $events;
        if !events.is_empty() {
            let chain = $store.audit_chain.clone();
            let now = $now;
            // The chain's head, created on first use; the no-op update locks the row on
            // PostgreSQL until commit, so two writers of one chain wait for each other.
            let (seq, prev): (i64, String) = sqlx::query_as($crate::audit::CHAIN_HEAD)
                .bind(&chain)
                .bind($crate::audit::GENESIS)
                .fetch_one(&mut **$tx)
                .await?;
            let rows = $crate::audit::chained(&chain, seq, prev, events, now);
            // Every event in a few multi-row inserts.
            for chunk in rows.chunks(512) {
                let mut insert = sqlx::QueryBuilder::new($crate::audit::INSERT_EVENTS);
                insert.push_values(chunk, |mut row, r| {
                    row.push_bind(chain.as_str())
                        .push_bind(r.seq)
                        .push_bind(now)
                        .push_bind(r.actor.as_str())
                        .push_bind(r.event.role.as_str())
                        .push_bind(r.unit.as_deref())
                        .push_bind(r.patient.as_deref())
                        .push_bind(r.event.action.as_str())
                        .push_bind(r.event.resource_type)
                        .push_bind(r.event.resource_id.as_str())
                        .push_bind(r.event.reason.as_deref())
                        .push_bind(r.prev.as_str())
                        .push_bind(r.hash.as_str())
                        .push_bind(r.event.session.as_deref());
                });
                insert.build().persistent(false).execute(&mut **$tx).await?;
            }
            if let Some(last) = rows.last() {
                sqlx::query($crate::audit::CHAIN_MOVED)
                    .bind(last.seq)
                    .bind(&last.hash)
                    .bind(&chain)
                    .execute(&mut **$tx)
                    .await?;
            }
        }
    }};
}
pub(crate) use append_events;

/// The head of a chain (its last sequence number and hash), created on first use.
pub(crate) const CHAIN_HEAD: &str =
    "INSERT INTO audit_chains (chain_id, last_seq, last_hash) VALUES ($1, 0, $2)
     ON CONFLICT (chain_id) DO UPDATE SET last_seq = audit_chains.last_seq
     RETURNING last_seq, last_hash";
/// The chain's new head after an append.
pub(crate) const CHAIN_MOVED: &str =
    "UPDATE audit_chains SET last_seq = $1, last_hash = $2 WHERE chain_id = $3";
/// The start of an insert of events, one row of 14 values each.
pub(crate) const INSERT_EVENTS: &str = "INSERT INTO audit_events (chain_id, seq, recorded_at, actor_user_id, actor_role, actor_unit_id,
     patient_id, action, resource_type, resource_id, reason, prev_hash, hash, session_ref) ";

/// One event as it is appended: its place in the chain and the hashes that link it.
pub(crate) struct Chained<'a> {
    pub(crate) event: &'a AuditEvent,
    pub(crate) seq: i64,
    pub(crate) actor: String,
    pub(crate) unit: Option<String>,
    pub(crate) patient: Option<String>,
    pub(crate) prev: String,
    pub(crate) hash: String,
}

/// `events` recorded at `now`, linked in order after the head `seq`, `prev` of `chain`.
pub(crate) fn chained<'a>(
    chain: &str,
    mut seq: i64,
    mut prev: String,
    events: &'a [AuditEvent],
    now: DateTime<Utc>,
) -> Vec<Chained<'a>> {
    let at = timestamp(now);
    events
        .iter()
        .map(|event| {
            let actor = event.actor.to_string();
            let unit = event.unit.map(|u| u.to_string());
            let patient = event.patient.map(|p| p.to_string());
            seq += 1;
            let hash = event_hash(
                &prev,
                &Hashed {
                    chain,
                    seq,
                    at: at.clone(),
                    actor: &actor,
                    role: event.role.as_str(),
                    unit: unit.as_deref(),
                    patient: patient.as_deref(),
                    action: event.action.as_str(),
                    resource_type: event.resource_type,
                    resource_id: &event.resource_id,
                    reason: event.reason.as_deref(),
                    session: event.session.as_deref(),
                },
            );
            let prev = std::mem::replace(&mut prev, hash.clone());
            Chained {
                event,
                seq,
                actor,
                unit,
                patient,
                prev,
                hash,
            }
        })
        .collect()
}

/// On SQLite, `events` appended to `chain` in one transaction on the connection of reads'
/// events (`synchronous=NORMAL`, decision 0055), all its statements in one hand-off to
/// this thread instead of a channel crossing each (decision 0060).
pub(crate) fn append_relaxed(
    c: &mut rusqlite::Connection,
    chain: &str,
    events: &[AuditEvent],
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let (seq, prev): (i64, String) = tx
        .prepare_cached(CHAIN_HEAD)?
        .query_row((chain, GENESIS), |r| Ok((r.get(0)?, r.get(1)?)))?;
    let rows = chained(chain, seq, prev, events, now);
    let recorded_at = crate::readers::time(now);
    {
        let mut insert = tx.prepare_cached(&format!(
            "{INSERT_EVENTS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        ))?;
        for r in &rows {
            insert.execute(rusqlite::params![
                chain,
                r.seq,
                recorded_at,
                r.actor,
                r.event.role.as_str(),
                r.unit,
                r.patient,
                r.event.action.as_str(),
                r.event.resource_type,
                r.event.resource_id,
                r.event.reason,
                r.prev,
                r.hash,
                r.event.session,
            ])?;
        }
    }
    if let Some(last) = rows.last() {
        tx.prepare_cached(CHAIN_MOVED)?
            .execute((last.seq, &last.hash, chain))?;
    }
    tx.commit()
}

#[derive(sqlx::FromRow)]
struct EventRow {
    chain_id: String,
    seq: i64,
    recorded_at: DateTime<Utc>,
    actor_user_id: String,
    actor_role: String,
    actor_unit_id: Option<String>,
    patient_id: Option<String>,
    action: String,
    resource_type: String,
    resource_id: String,
    reason: Option<String>,
    prev_hash: String,
    hash: String,
    session_ref: Option<String>,
}

/// The fields a hash covers, in a fixed order.
#[derive(serde::Serialize)]
pub(crate) struct Hashed<'a> {
    pub(crate) chain: &'a str,
    pub(crate) seq: i64,
    pub(crate) at: String,
    pub(crate) actor: &'a str,
    pub(crate) role: &'a str,
    pub(crate) unit: Option<&'a str>,
    pub(crate) patient: Option<&'a str>,
    pub(crate) action: &'a str,
    pub(crate) resource_type: &'a str,
    pub(crate) resource_id: &'a str,
    pub(crate) reason: Option<&'a str>,
    /// Left out of the hash when absent, so events from before sessions were recorded
    /// keep their hashes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) session: Option<&'a str>,
}

pub(crate) fn event_hash(prev: &str, fields: &Hashed<'_>) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(serde_json::to_vec(fields).unwrap_or_default());
    hex::encode(h.finalize())
}

pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

impl EventRow {
    fn hashed(&self) -> Hashed<'_> {
        Hashed {
            chain: &self.chain_id,
            seq: self.seq,
            at: timestamp(self.recorded_at),
            actor: &self.actor_user_id,
            role: &self.actor_role,
            unit: self.actor_unit_id.as_deref(),
            patient: self.patient_id.as_deref(),
            action: &self.action,
            resource_type: &self.resource_type,
            resource_id: &self.resource_id,
            reason: self.reason.as_deref(),
            session: self.session_ref.as_deref(),
        }
    }
}

/// Which events to read back, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub patient: Option<Id<Patient>>,
    /// Whose actions (a user id).
    pub actor: Option<String>,
    /// The kind of record (`Patient`, `Observation`, `Practitioner`, ...).
    pub resource_type: Option<String>,
    pub action: Option<AuditAction>,
    /// Recorded at or after.
    pub from: Option<DateTime<Utc>>,
    /// Recorded before.
    pub until: Option<DateTime<Utc>>,
    /// Not recorded within these intervals (both ends inclusive).
    pub except: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    pub offset: i64,
    pub limit: i64,
}

/// Someone who read many patients within one clock hour (the review report).
#[derive(Debug, Clone)]
pub struct BusyHour {
    pub actor: String,
    pub actor_name: String,
    /// The hour, as `YYYY-MM-DD HH` in UTC.
    pub hour: String,
    pub patients: i64,
}

/// What verification found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditCheck {
    Intact {
        chains: usize,
        events: usize,
    },
    /// The first broken link: its chain, sequence number and what is wrong.
    Broken {
        chain: String,
        seq: i64,
        problem: String,
    },
}

const COLUMNS: &str = "chain_id, seq, recorded_at, actor_user_id, actor_role, actor_unit_id, patient_id, \
                       action, resource_type, resource_id, reason, prev_hash, hash, session_ref";

impl Store {
    /// Appends one event to this node's chain.
    pub async fn audit(&self, event: &AuditEvent, now: DateTime<Utc>) -> Result<()> {
        self.audit_all(std::slice::from_ref(event), now).await
    }

    /// Appends events to this node's chain (e.g. every patient shown on one page of a
    /// list) and returns once they are committed. Concurrent requests' events are committed
    /// together (group commit, as responses are, decision 0020). Events that record only
    /// reads are committed without waiting for a disk flush (decision 0055): they survive
    /// the process being killed, and are made durable by the next flush, which any write
    /// brings within moments; any other event waits for its flush.
    pub async fn audit_all(&self, events: &[AuditEvent], now: DateTime<Utc>) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let (reply, answer) = tokio::sync::oneshot::channel();
        let queue = self.audit_writer().await;
        queue
            .send((events.to_vec(), now, reply))
            .map_err(|_| StoreError::Corrupt("the access-log writer has stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Corrupt("the access-log writer has stopped".into()))?
    }

    /// The queue of this store's access-log writer, started on first use.
    async fn audit_writer(&self) -> &tokio::sync::mpsc::UnboundedSender<AuditJob> {
        self.writers
            .audits
            .get_or_init(|| async {
                let (queue, mut jobs) = tokio::sync::mpsc::unbounded_channel::<AuditJob>();
                let store = self.without_writers();
                tokio::spawn(async move {
                    while let Some(first) = jobs.recv().await {
                        let mut batch = vec![first];
                        while batch.len() < crate::response::MAX_BATCH {
                            match jobs.try_recv() {
                                Ok(job) => batch.push(job),
                                Err(_) => break,
                            }
                        }
                        store.write_audits(batch).await;
                    }
                });
                queue
            })
            .await
    }

    /// Commits a batch of requests' events in one transaction; when that fails, each
    /// request's events alone, so only a failing one is refused.
    async fn write_audits(&self, batch: Vec<AuditJob>) {
        let now = batch.iter().map(|j| j.1).max().unwrap_or_else(Utc::now);
        let all: Vec<AuditEvent> = batch.iter().flat_map(|j| j.0.iter().cloned()).collect();
        if self.append_now(&all, now).await.is_ok() {
            for (_, _, reply) in batch {
                let _ = reply.send(Ok(()));
            }
            return;
        }
        for (events, at, reply) in batch {
            let _ = reply.send(self.append_now(&events, at).await);
        }
    }

    /// Appends `events` in a transaction of their own: without waiting for a flush when
    /// they only record reads, durably otherwise.
    async fn append_now(&self, events: &[AuditEvent], now: DateTime<Utc>) -> Result<()> {
        let reads_only = events.iter().all(|e| e.action == AuditAction::Read);
        match (&self.db, &self.relaxed) {
            (crate::db::Db::Sqlite(_), Some(relaxed)) if reads_only => {
                let (relaxed, chain, events) =
                    (relaxed.clone(), self.audit_chain.clone(), events.to_vec());
                tokio::task::spawn_blocking(move || {
                    let mut c = relaxed.lock().unwrap_or_else(|e| e.into_inner());
                    append_relaxed(&mut c, &chain, &events, now)
                })
                .await
                .map_err(|_| StoreError::Corrupt("an access-log write panicked".into()))??;
                Ok(())
            }
            (crate::db::Db::Postgres(pool), _) if reads_only => {
                let mut tx = pool.begin().await?;
                sqlx::query("SET LOCAL synchronous_commit = off")
                    .execute(&mut *tx)
                    .await?;
                let t = &mut tx;
                append_events!(self, t, events, now);
                tx.commit().await?;
                Ok(())
            }
            _ => in_tx!(self, |tx| {
                append_events!(self, tx, events, now);
                Ok::<_, StoreError>(())
            }),
        }
    }

    /// The HMAC that seals a retention checkpoint, under the data key.
    fn checkpoint_seal(&self, chain: &str, seq: i64, hash: &str) -> String {
        self.crypto
            .index(&format!("audit-checkpoint\n{chain}\n{seq}\n{hash}"))
    }

    /// Retention: removes every chain's events recorded before `cutoff`, keeping the last
    /// removed event's hash as a sealed checkpoint so the rest still verifies. Returns how
    /// many events were removed.
    pub async fn drop_audit_before(
        &self,
        cutoff: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let chains: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT chain_id FROM audit_chains ORDER BY chain_id")
                .fetch_all(pool)
                .await
        })?;
        let mut dropped = 0;
        for (chain,) in chains {
            // The last event of the chain recorded before the cutoff, and everything
            // before it in the chain, goes.
            let last: Option<(i64, String)> = on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT seq, hash FROM audit_events WHERE chain_id = $1 AND seq = (
                         SELECT MAX(seq) FROM audit_events WHERE chain_id = $1 AND recorded_at < $2)",
                )
                .bind(&chain)
                .bind(cutoff)
                .fetch_optional(pool)
                .await
            })?;
            let Some((seq, hash)) = last else { continue };
            let seal = self.checkpoint_seal(&chain, seq, &hash);
            let removed: u64 = in_tx!(self, |tx| {
                let removed =
                    sqlx::query("DELETE FROM audit_events WHERE chain_id = $1 AND seq <= $2")
                        .bind(&chain)
                        .bind(seq)
                        .execute(&mut **tx)
                        .await?
                        .rows_affected();
                sqlx::query(
                    "INSERT INTO audit_checkpoints (chain_id, seq, hash, dropped, sealed_at, seal)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
                         dropped = audit_checkpoints.dropped + excluded.dropped,
                         sealed_at = excluded.sealed_at, seal = excluded.seal",
                )
                .bind(&chain)
                .bind(seq)
                .bind(&hash)
                .bind(i64::try_from(removed).unwrap_or(i64::MAX))
                .bind(now)
                .bind(&seal)
                .execute(&mut **tx)
                .await?;
                Ok::<_, StoreError>(removed)
            })?;
            dropped += removed;
        }
        Ok(dropped)
    }

    /// Recomputes every chain and reports the first broken link.
    pub async fn verify_audit(&self) -> Result<AuditCheck> {
        let heads: Vec<(String, i64, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT chain_id, last_seq, last_hash FROM audit_chains ORDER BY chain_id",
            )
            .fetch_all(pool)
            .await
        })?;
        let mut events = 0;
        for (chain, last_seq, last_hash) in &heads {
            // After retention a chain starts at its sealed checkpoint.
            let checkpoint: Option<(i64, String, String)> = on_pool!(self, |pool| {
                sqlx::query_as("SELECT seq, hash, seal FROM audit_checkpoints WHERE chain_id = $1")
                    .bind(chain)
                    .fetch_optional(pool)
                    .await
            })?;
            let (mut prev, mut expected_seq) = match checkpoint {
                None => (GENESIS.to_owned(), 1),
                Some((seq, hash, seal)) => {
                    if seal != self.checkpoint_seal(chain, seq, &hash) {
                        return Ok(AuditCheck::Broken {
                            chain: chain.clone(),
                            seq,
                            problem: "the retention checkpoint was changed".into(),
                        });
                    }
                    (hash, seq + 1)
                }
            };
            let sql = format!(
                "SELECT {COLUMNS} FROM audit_events WHERE chain_id = $1 AND seq >= $2 ORDER BY seq"
            );
            let rows: Vec<EventRow> = on_pool!(self, |pool| {
                sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(chain)
                    .bind(expected_seq)
                    .fetch_all(pool)
                    .await
            })?;
            for row in &rows {
                let broken = |problem: &str| AuditCheck::Broken {
                    chain: chain.clone(),
                    seq: row.seq,
                    problem: problem.to_owned(),
                };
                if row.seq != expected_seq {
                    return Ok(AuditCheck::Broken {
                        chain: chain.clone(),
                        seq: expected_seq,
                        problem: "the event is missing".into(),
                    });
                }
                if row.prev_hash != prev {
                    return Ok(broken("it does not follow the event before it"));
                }
                if event_hash(&prev, &row.hashed()) != row.hash {
                    return Ok(broken("its content was changed after it was written"));
                }
                prev = row.hash.clone();
                expected_seq += 1;
            }
            if expected_seq - 1 != *last_seq || prev != *last_hash {
                return Ok(AuditCheck::Broken {
                    chain: chain.clone(),
                    seq: expected_seq,
                    problem: "events at the end of the chain were removed".into(),
                });
            }
            events += rows.len();
        }
        Ok(AuditCheck::Intact {
            chains: heads.len(),
            events,
        })
    }

    /// Who has accessed a patient's data, newest first (for the patient's own page).
    pub async fn patient_access_log(
        &self,
        patient: Id<Patient>,
        limit: i64,
    ) -> Result<Vec<RecordedEvent>> {
        let page = self
            .audit_log(&AuditQuery {
                patient: Some(patient),
                limit,
                ..AuditQuery::default()
            })
            .await?;
        Ok(page.items)
    }

    /// Events matching `q`, newest first, with the names of actors and units.
    pub async fn audit_log(&self, q: &AuditQuery) -> Result<Page<RecordedEvent>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            chain_id: String,
            seq: i64,
            recorded_at: DateTime<Utc>,
            actor_user_id: String,
            display_name: Option<String>,
            actor_role: String,
            actor_unit_id: Option<String>,
            unit_name: Option<String>,
            patient_id: Option<String>,
            action: String,
            resource_type: String,
            resource_id: String,
            reason: Option<String>,
            session_ref: Option<String>,
        }
        const WHERE: &str = "FROM audit_events a
             WHERE ($1 IS NULL OR a.patient_id = $1)
               AND ($2 IS NULL OR a.recorded_at >= $2)
               AND ($3 IS NULL OR a.recorded_at < $3)
               AND ($4 IS NULL OR a.actor_user_id = $4)
               AND ($5 IS NULL OR a.resource_type = $5)
               AND ($6 IS NULL OR a.action = $6)";
        let filter = format!("{WHERE}{}", crate::outside("a.recorded_at", &q.except));
        let action = q.action.map(AuditAction::as_str);
        let limit = q.limit.clamp(1, 10_000);
        let offset = q.offset.max(0);
        let patient = q.patient.map(|p| p.to_string());
        let (total,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {filter}")))
                .bind(&patient)
                .bind(q.from)
                .bind(q.until)
                .bind(&q.actor)
                .bind(&q.resource_type)
                .bind(action)
                .fetch_one(pool)
                .await
        })?;
        let sql = format!(
            "SELECT a.chain_id, a.seq, a.recorded_at, a.actor_user_id,
                    (SELECT u.display_name FROM users u WHERE u.id = a.actor_user_id) AS display_name,
                    a.actor_role, a.actor_unit_id,
                    (SELECT n.name FROM units n WHERE n.id = a.actor_unit_id) AS unit_name,
                    a.patient_id, a.action, a.resource_type, a.resource_id, a.reason, a.session_ref
             {filter}
             ORDER BY a.recorded_at DESC, a.chain_id, a.seq DESC LIMIT $7 OFFSET $8"
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(&patient)
                .bind(q.from)
                .bind(q.until)
                .bind(&q.actor)
                .bind(&q.resource_type)
                .bind(action)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await
        })?;
        let items = rows
            .into_iter()
            .map(|r| {
                Ok(RecordedEvent {
                    id: format!("{}-{}", r.chain_id, r.seq),
                    recorded_at: r.recorded_at,
                    actor: r.actor_user_id,
                    actor_name: r.display_name.unwrap_or_default(),
                    role: r.actor_role,
                    unit: r.actor_unit_id,
                    unit_name: r.unit_name,
                    patient: r.patient_id,
                    action: AuditAction::parse(&r.action)
                        .ok_or_else(|| StoreError::Corrupt("unknown audit action".into()))?,
                    resource_type: r.resource_type,
                    resource_id: r.resource_id,
                    reason: r.reason,
                    session: r.session_ref,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Page {
            items,
            total,
            page: offset / limit + 1,
            per_page: limit,
        })
    }

    /// Everyone who read at least `threshold` different patients within one clock hour
    /// since `since`, the busiest first (at most 100 lines).
    pub async fn busy_hours(&self, since: DateTime<Utc>, threshold: i64) -> Result<Vec<BusyHour>> {
        let hour = match self.backend() {
            Backend::Sqlite => "strftime('%Y-%m-%d %H', a.recorded_at)",
            Backend::Postgres => "to_char(a.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')",
        };
        let sql = format!(
            "SELECT a.actor_user_id, (SELECT u.display_name FROM users u WHERE u.id = a.actor_user_id) AS actor_name,
                    {hour} AS hour, COUNT(DISTINCT a.patient_id) AS patients
             FROM audit_events a
             WHERE a.recorded_at >= $1 AND a.action = 'read' AND a.patient_id IS NOT NULL
             GROUP BY a.actor_user_id, {hour}
             HAVING COUNT(DISTINCT a.patient_id) >= $2
             ORDER BY patients DESC, hour DESC LIMIT 100"
        );
        let rows: Vec<(String, Option<String>, String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(since)
                .bind(threshold)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(actor, name, hour, patients)| BusyHour {
                actor,
                actor_name: name.unwrap_or_default(),
                hour,
                patients,
            })
            .collect())
    }
}
