//! Alerts on a unit's worklist: the yellow and red results of patients' plans (raised with
//! their measurement, see `measurement.rs`), the most urgent first, until a person
//! acknowledges each with a note.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::threshold::Colour;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// An alert as the worklist shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub id: String,
    pub patient_id: Id<Patient>,
    pub patient_name: String,
    pub unit_id: Id<Unit>,
    pub colour: Colour,
    pub measurement: String,
    pub value: Option<f64>,
    pub raised_at: DateTime<Utc>,
    pub acknowledged: bool,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct AlertRow {
    id: String,
    patient_id: String,
    name: String,
    unit_id: String,
    colour: String,
    measurement: String,
    value: Option<f64>,
    raised_at: DateTime<Utc>,
    status: String,
    acknowledged_at: Option<DateTime<Utc>>,
    version: i64,
}

impl TryFrom<AlertRow> for Alert {
    type Error = StoreError;
    fn try_from(r: AlertRow) -> Result<Self> {
        Ok(Alert {
            id: r.id,
            patient_id: parse_id(&r.patient_id)?,
            patient_name: r.name,
            unit_id: parse_id(&r.unit_id)?,
            colour: Colour::parse(&r.colour)
                .ok_or_else(|| StoreError::Corrupt("unknown alert colour".into()))?,
            measurement: r.measurement,
            value: r.value,
            raised_at: r.raised_at,
            acknowledged: r.status == "acknowledged",
            acknowledged_at: r.acknowledged_at,
            version: r.version,
        })
    }
}

const COLUMNS: &str = "a.id, a.patient_id, p.name, a.unit_id, a.colour, a.measurement, a.value, \
     a.raised_at, a.status, a.acknowledged_at, a.version";

impl Store {
    /// The active alerts of `unit` (of `program` when given): red before yellow, the
    /// oldest first, at most `limit`.
    pub async fn active_alerts(
        &self,
        unit: Id<Unit>,
        program: Option<Id<carepath_domain::program::Program>>,
        limit: i64,
    ) -> Result<Vec<Alert>> {
        let rows: Vec<AlertRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM alerts a JOIN patients p ON p.id = a.patient_id
                 LEFT JOIN enrollments e ON e.id = a.enrollment_id
                 LEFT JOIN program_versions pv ON pv.id = e.program_version_id
                 WHERE a.unit_id = $1 AND a.status = 'active' AND ($2 IS NULL OR pv.program_id = $2)
                 ORDER BY CASE a.colour WHEN 'red' THEN 0 ELSE 1 END, a.raised_at, a.id
                 LIMIT $3"
            )))
            .bind(unit.to_string())
            .bind(program.map(|p| p.to_string()))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Alerts within `scope`, of `patient` when given, active or acknowledged when asked,
    /// the newest first, a page at a time; with the total.
    pub async fn search_alerts(
        &self,
        scope: &crate::response::Scope,
        patient: Option<Id<Patient>>,
        acknowledged: Option<bool>,
        offset: i64,
        count: i64,
    ) -> Result<(Vec<Alert>, i64)> {
        let (scope_sql, scope_binds) = scope.sql("a.patient_id", 3);
        let filter = format!(
            "FROM alerts a JOIN patients p ON p.id = a.patient_id
             WHERE ($1 IS NULL OR a.patient_id = $1) AND ($2 IS NULL OR a.status = $2) AND {scope_sql}"
        );
        let patient = patient.map(|p| p.to_string());
        let status = acknowledged.map(|a| if a { "acknowledged" } else { "active" });
        let count_sql = format!("SELECT COUNT(*) {filter}");
        let rows_sql = format!(
            "SELECT {COLUMNS} {filter} ORDER BY a.raised_at DESC, a.id LIMIT {} OFFSET {}",
            count.clamp(0, 1000),
            offset.max(0)
        );
        macro_rules! bound {
            ($sql:expr) => {{
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe($sql.clone()))
                    .bind(&patient)
                    .bind(status);
                for b in &scope_binds {
                    q = q.bind(b);
                }
                q
            }};
        }
        let (total,): (i64,) = on_pool!(self, |pool| bound!(count_sql).fetch_one(pool).await)?;
        let rows: Vec<AlertRow> = on_pool!(self, |pool| bound!(rows_sql).fetch_all(pool).await)?;
        Ok((
            rows.into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_>>()?,
            total,
        ))
    }

    /// One alert by id.
    pub async fn alert(&self, id: &str) -> Result<Option<Alert>> {
        let row: Option<AlertRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM alerts a JOIN patients p ON p.id = a.patient_id WHERE a.id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        row.map(TryInto::try_into).transpose()
    }

    /// Acknowledges an active alert with the person's note, with the access-log `audit`
    /// events; `false` when someone else acknowledged it first.
    pub async fn acknowledge_alert(
        &self,
        id: &str,
        by: Id<UserAccount>,
        note: &str,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<bool> {
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE alerts SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3,
                        note = $4, version = version + 1
                 WHERE id = $1 AND status = 'active'",
            )
            .bind(id)
            .bind(by.to_string())
            .bind(now)
            .bind(note)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 1 {
                crate::audit::append_events!(self, tx, audit, now);
            }
            Ok::<_, StoreError>(changed == 1)
        })
        .inspect(|_| self.worklist_changed())
    }
}
