//! The append-only, hash-chained access log. Each `Store` (one per running node) writes
//! its own chain, so nodes never wait for each other; each event's hash covers the
//! previous hash and the event, so changing, removing or reordering an event breaks the
//! chain from that point, and `verify_audit` names the first broken link.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::patient::Patient;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::db::{Backend, in_tx, on_pool};
use crate::{Result, Store, StoreError};

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
            sqlx::query(
                "INSERT INTO audit_chains (chain_id, last_seq, last_hash) VALUES ($1, 0, $2)
                 ON CONFLICT (chain_id) DO NOTHING",
            )
            .bind(&chain)
            .bind($crate::audit::GENESIS)
            .execute(&mut **$tx)
            .await?;
            let (mut seq, mut prev): (i64, String) =
                sqlx::query_as(sqlx::AssertSqlSafe($store.chain_head_sql()))
                    .bind(&chain)
                    .fetch_one(&mut **$tx)
                    .await?;
            for event in events {
                let actor = event.actor.to_string();
                let unit = event.unit.map(|u| u.to_string());
                let patient = event.patient.map(|p| p.to_string());
                seq += 1;
                let hash = $crate::audit::event_hash(
                    &prev,
                    &$crate::audit::Hashed {
                        chain: &chain,
                        seq,
                        at: $crate::audit::timestamp(now),
                        actor: &actor,
                        role: event.role.as_str(),
                        unit: unit.as_deref(),
                        patient: patient.as_deref(),
                        action: event.action.as_str(),
                        resource_type: event.resource_type,
                        resource_id: &event.resource_id,
                        reason: event.reason.as_deref(),
                    },
                );
                sqlx::query(
                    "INSERT INTO audit_events (chain_id, seq, recorded_at, actor_user_id, actor_role, actor_unit_id,
                         patient_id, action, resource_type, resource_id, reason, prev_hash, hash)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                )
                .bind(&chain)
                .bind(seq)
                .bind(now)
                .bind(&actor)
                .bind(event.role.as_str())
                .bind(&unit)
                .bind(&patient)
                .bind(event.action.as_str())
                .bind(event.resource_type)
                .bind(&event.resource_id)
                .bind(&event.reason)
                .bind(&prev)
                .bind(&hash)
                .execute(&mut **$tx)
                .await?;
                prev = hash;
            }
            sqlx::query("UPDATE audit_chains SET last_seq = $1, last_hash = $2 WHERE chain_id = $3")
                .bind(seq)
                .bind(&prev)
                .bind(&chain)
                .execute(&mut **$tx)
                .await?;
        }
    }};
}
pub(crate) use append_events;

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
        }
    }
}

/// An entry of a patient's "who has looked at my data".
#[derive(Debug, Clone)]
pub struct AccessEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub actor_name: String,
    pub role: String,
    pub unit_name: Option<String>,
    pub action: AuditAction,
    pub resource_type: String,
    pub reason: Option<String>,
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
                       action, resource_type, resource_id, reason, prev_hash, hash";

impl Store {
    /// Appends one event to this node's chain.
    pub async fn audit(&self, event: &AuditEvent, now: DateTime<Utc>) -> Result<()> {
        self.audit_all(std::slice::from_ref(event), now).await
    }

    /// Appends events to this node's chain in one transaction (e.g. every patient shown
    /// on one page of a list).
    pub async fn audit_all(&self, events: &[AuditEvent], now: DateTime<Utc>) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        in_tx!(self, |tx| {
            append_events!(self, tx, events, now);
            Ok::<_, StoreError>(())
        })
    }

    /// The statement that reads and locks this node's chain head.
    pub(crate) fn chain_head_sql(&self) -> String {
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE",
        };
        format!("SELECT last_seq, last_hash FROM audit_chains WHERE chain_id = $1{lock}")
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
            let sql =
                format!("SELECT {COLUMNS} FROM audit_events WHERE chain_id = $1 ORDER BY seq");
            let rows: Vec<EventRow> = on_pool!(self, |pool| {
                sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(chain)
                    .fetch_all(pool)
                    .await
            })?;
            let mut prev = GENESIS.to_owned();
            let mut expected_seq = 1;
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
    ) -> Result<Vec<AccessEntry>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            recorded_at: DateTime<Utc>,
            actor_user_id: String,
            display_name: Option<String>,
            actor_role: String,
            unit_name: Option<String>,
            action: String,
            resource_type: String,
            reason: Option<String>,
        }
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT a.recorded_at, a.actor_user_id, u.display_name, a.actor_role, n.name AS unit_name, a.action,
                        a.resource_type, a.reason
                 FROM audit_events a
                 LEFT JOIN users u ON u.id = a.actor_user_id
                 LEFT JOIN units n ON n.id = a.actor_unit_id
                 WHERE a.patient_id = $1
                 ORDER BY a.recorded_at DESC, a.seq DESC LIMIT $2",
            )
            .bind(patient.to_string())
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(AccessEntry {
                    at: r.recorded_at,
                    actor: r.actor_user_id,
                    actor_name: r.display_name.unwrap_or_default(),
                    role: r.actor_role,
                    unit_name: r.unit_name,
                    action: AuditAction::parse(&r.action)
                        .ok_or_else(|| StoreError::Corrupt("unknown audit action".into()))?,
                    resource_type: r.resource_type,
                    reason: r.reason,
                })
            })
            .collect()
    }
}
