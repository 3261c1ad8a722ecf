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

pub use carepath_domain::threshold::AlertReason;

/// One alert row to write: every way an alert is raised (a measurement, a score, a form
/// closing unanswered, a missing measurement) writes through `insert_alerts!`.
#[derive(Debug)]
pub(crate) struct NewAlertRow<'a> {
    pub id: String,
    pub patient: &'a str,
    pub unit: &'a str,
    pub enrollment: Option<&'a str>,
    pub colour: Colour,
    /// The Observation that raised it, if one did.
    pub observation: Option<&'a str>,
    /// The measurement's key, the score's code or the form's key.
    pub measurement: &'a str,
    /// A score's or a form's title, as the program names it.
    pub label: Option<&'a str>,
    /// The value, or the days without one.
    pub value: Option<f64>,
    pub raised_at: DateTime<Utc>,
    pub escalate_at: Option<DateTime<Utc>>,
    pub reason: AlertReason,
}

/// Writes `$rows` (`&[AlertRow]`), active and at version 1, in one statement inside the
/// transaction `$tx`.
macro_rules! insert_alerts {
    ($tx:expr, $rows:expr) => {{
        let rows: &[$crate::alert::NewAlertRow<'_>] = $rows;
        if !rows.is_empty() {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO alerts (id, patient_id, unit_id, enrollment_id, colour, observation_id,
                     measurement, value, status, raised_at, version, escalate_at, reason, label) ",
            );
            insert.push_values(rows, |mut row, a| {
                row.push_bind(a.id.as_str())
                    .push_bind(a.patient)
                    .push_bind(a.unit)
                    .push_bind(a.enrollment)
                    .push_bind(a.colour.as_str())
                    .push_bind(a.observation)
                    .push_bind(a.measurement)
                    .push_bind(a.value)
                    .push_bind("active")
                    .push_bind(a.raised_at)
                    .push_bind(1_i64)
                    .push_bind(a.escalate_at)
                    .push_bind(a.reason.as_str())
                    .push_bind(a.label);
            });
            insert.build().persistent(false).execute(&mut **$tx).await?;
        }
    }};
}
pub(crate) use insert_alerts;

/// An alert as the worklist shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub id: String,
    pub patient_id: Id<Patient>,
    pub patient_name: String,
    pub unit_id: Id<Unit>,
    pub colour: Colour,
    pub reason: AlertReason,
    pub measurement: String,
    /// A score's or a form's title, as the program names it (empty for measurements).
    pub label: Option<String>,
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
    reason: String,
    measurement: String,
    label: Option<String>,
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
            reason: AlertReason::from_code(&r.reason),
            measurement: r.measurement,
            label: r.label,
            value: r.value,
            raised_at: r.raised_at,
            acknowledged: r.status == "acknowledged",
            acknowledged_at: r.acknowledged_at,
            version: r.version,
        })
    }
}

const COLUMNS: &str = "a.id, a.patient_id, p.name, a.unit_id, a.colour, a.reason, a.measurement, a.label, a.value, \
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
    /// narrowed by `common` (an alert was last written when it was acknowledged, or
    /// raised), the newest first, a page at a time; with the total.
    pub async fn search_alerts(
        &self,
        scope: &crate::response::Scope,
        patient: Option<Id<Patient>>,
        acknowledged: Option<bool>,
        common: &crate::Common,
        offset: i64,
        count: i64,
    ) -> Result<(Vec<Alert>, i64)> {
        let (scope_sql, scope_binds) = scope.sql("a.patient_id", "a.unit_id", 6);
        let common_sql = common.sql("a.id", "COALESCE(a.acknowledged_at, a.raised_at)", 3);
        let filter = format!(
            "FROM alerts a JOIN patients p ON p.id = a.patient_id
             WHERE ($1 IS NULL OR a.patient_id = $1) AND ($2 IS NULL OR a.status = $2)
               AND {common_sql} AND {scope_sql}"
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
                    .bind(status)
                    .bind(common.ids())
                    .bind(common.updated.from)
                    .bind(common.updated.until);
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
        activity: Option<&crate::activity::NewActivity>,
    ) -> Result<bool> {
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE alerts SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3, escalate_at = NULL,
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
                if let Some(activity) = activity {
                    crate::activity::insert_activity!(tx, activity);
                }
                crate::audit::append_events!(self, tx, audit, now);
            }
            Ok::<_, StoreError>(changed == 1)
        })
        .inspect(|_| self.worklist_changed())
    }

    /// Escalates the active alerts whose time to be acknowledged has passed: one message
    /// per channel to the unit's alert address (e-mail, SMS) through the outbox, in the
    /// transaction that marks them escalated. The message names the unit and how long it
    /// has waited, never the patient. Returns how many alerts were escalated.
    pub async fn escalate_alerts(&self, now: DateTime<Utc>, public_url: &str) -> Result<u64> {
        use carepath_domain::message::Channel;
        let lock = match self.backend() {
            crate::Backend::Sqlite => "",
            crate::Backend::Postgres => " FOR UPDATE OF a SKIP LOCKED",
        };
        let select = format!(
            "SELECT a.id, a.colour, a.raised_at, a.unit_id, u.name, u.alert_email, u.alert_mobile
             FROM alerts a JOIN units u ON u.id = a.unit_id
             WHERE a.status = 'active' AND a.escalate_at <= $1
             ORDER BY a.escalate_at LIMIT 500{lock}"
        );
        let host = crate::outbox::message_host(public_url);
        let mut total = 0;
        loop {
            let done = in_tx!(self, |tx| {
                type Due = (
                    String,
                    String,
                    DateTime<Utc>,
                    String,
                    String,
                    Option<String>,
                    Option<String>,
                );
                let due: Vec<Due> = sqlx::query_as(sqlx::AssertSqlSafe(select.clone()))
                    .bind(now)
                    .fetch_all(&mut **tx)
                    .await?;
                let mut messages = Vec::new();
                for (id, colour, raised_at, unit, unit_name, email, mobile) in &due {
                    let link = format!("{public_url}/klinikk/varsler?enhet={unit}");
                    let content = carepath_domain::message::Content::Escalation {
                        colour: Colour::parse(colour).map(|c| c.as_str().to_owned()),
                        unit: unit_name.clone(),
                        minutes: (now - *raised_at).num_minutes(),
                        link,
                    };
                    for (channel, address) in [(Channel::Email, email), (Channel::Sms, mobile)] {
                        let Some(address) = address.as_deref().filter(|a| !a.is_empty()) else {
                            continue;
                        };
                        messages.push(crate::outbox::NewMessage::new(
                            format!("escalation:{id}:{}", channel.as_str()),
                            None,
                            channel,
                            address.to_owned(),
                            content.clone(),
                            // The unit's alert address reads the hospital's language.
                            carepath_domain::Lang::Nb,
                            &host,
                        ));
                    }
                    sqlx::query(
                        "UPDATE alerts SET escalate_at = NULL, escalated_at = $1 WHERE id = $2",
                    )
                    .bind(now)
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                }
                crate::outbox::enqueue!(tx, &messages, now);
                Ok::<_, StoreError>(due.len() as u64)
            })?;
            total += done;
            if done < 500 {
                return Ok(total);
            }
        }
    }

    /// Raises the alerts of the programs' missing-data rules: an active patient who has
    /// registered no such measurement for the rule's days (and started at least that long
    /// ago) gets one, unless one is still active or was raised within those days. Runs at
    /// most every 15 minutes on a node (the rules count in days). Returns how many were
    /// raised.
    pub async fn raise_missing_data_alerts(&self, now: DateTime<Utc>) -> Result<u64> {
        {
            let mut last = self
                .missing_checked
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if last.is_some_and(|t| (now - t).num_minutes().abs() < 15) {
                return Ok(0);
            }
            *last = Some(now);
        }
        // Two nodes' passes take different enrollments.
        let lock = match self.backend() {
            crate::Backend::Sqlite => "",
            crate::Backend::Postgres => " FOR UPDATE OF e SKIP LOCKED",
        };
        let select = format!(
            "SELECT e.id, e.patient_id, e.unit_id FROM enrollments e
             WHERE e.program_version_id = $1 AND e.status = 'active' AND e.paused_at IS NULL AND e.started_at <= $2
               AND NOT EXISTS (SELECT 1 FROM measurement_values o
                   WHERE o.patient_id = e.patient_id AND o.code = $3 AND o.effective_at > $2)
               AND NOT EXISTS (SELECT 1 FROM alerts a
                   WHERE a.enrollment_id = e.id AND a.measurement = $3 AND a.reason = 'missing'
                     AND (a.status = 'active' OR a.raised_at > $2))
             ORDER BY e.id LIMIT 500{lock}"
        );
        let mut raised = 0;
        for v in self.all_program_versions().await? {
            for rule in &v.definition.missing_data {
                let Some(colour) = rule.alert_colour() else {
                    continue;
                };
                let since = now - chrono::Duration::days(i64::from(rule.days));
                let escalate_at = v.definition.escalation.due(colour, now);
                loop {
                    let made = in_tx!(self, |tx| {
                        let due: Vec<(String, String, String)> =
                            sqlx::query_as(sqlx::AssertSqlSafe(select.clone()))
                                .bind(v.id.to_string())
                                .bind(since)
                                .bind(&rule.measurement)
                                .fetch_all(&mut **tx)
                                .await?;
                        let rows: Vec<NewAlertRow<'_>> = due
                            .iter()
                            .map(|(enrollment, patient, unit)| NewAlertRow {
                                id: Id::<Alert>::new().to_string(),
                                patient,
                                unit,
                                enrollment: Some(enrollment),
                                colour,
                                observation: None,
                                measurement: &rule.measurement,
                                label: None,
                                value: Some(f64::from(rule.days)),
                                raised_at: now,
                                escalate_at,
                                reason: AlertReason::Missing,
                            })
                            .collect();
                        insert_alerts!(tx, &rows);
                        Ok::<_, StoreError>(due.len() as u64)
                    })?;
                    raised += made;
                    if made < 500 {
                        break;
                    }
                }
            }
        }
        if raised > 0 {
            self.worklist_changed();
        }
        Ok(raised)
    }
}
