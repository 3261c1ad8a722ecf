//! Registered procedures (decision 0052): stored with their answers, listed per unit and
//! form, corrected as new versions, each version in `record_history`.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::organization::Unit;
use carepath_domain::procedure::{Procedure, ProcedureStatus};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::types::Json;

use crate::audit::append_events;
use crate::db::{in_tx, on_pool};
use crate::enrollment::record_history;
use crate::{Result, Store, StoreError, parse_id};

/// A registration with its answers and the names a list shows.
#[derive(Debug, Clone)]
pub struct Registration {
    pub procedure: Procedure,
    /// The QuestionnaireResponse of the procedure's form.
    pub response: serde_json::Value,
    pub patient_name: String,
    pub performer_name: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    unit_id: String,
    patient_id: String,
    form_key: String,
    performed_on: String,
    performer: String,
    status: String,
    response: Json<serde_json::Value>,
    recorded_at: DateTime<Utc>,
    version: i64,
    patient_name: String,
    performer_name: String,
}

impl TryFrom<Row> for Registration {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self> {
        let bad = |what: &str| StoreError::Corrupt(format!("procedure {}: {what}", r.id));
        Ok(Registration {
            procedure: Procedure {
                id: parse_id(&r.id)?,
                unit: parse_id(&r.unit_id)?,
                patient: parse_id(&r.patient_id)?,
                form: r.form_key.clone(),
                performed_on: NaiveDate::parse_from_str(&r.performed_on, "%Y-%m-%d")
                    .map_err(|_| bad("day"))?,
                performer: parse_id(&r.performer)?,
                status: ProcedureStatus::parse(&r.status).ok_or_else(|| bad("status"))?,
                recorded_at: r.recorded_at,
                version: r.version,
            },
            response: r.response.0,
            patient_name: r.patient_name,
            performer_name: r.performer_name,
        })
    }
}

const SELECT: &str =
    "SELECT p.id, p.unit_id, p.patient_id, p.form_key, p.performed_on, p.performer,
     p.status, p.response, p.recorded_at, p.version, pa.name AS patient_name,
     u.display_name AS performer_name
     FROM procedures p JOIN patients pa ON pa.id = p.patient_id JOIN users u ON u.id = p.performer";

impl Store {
    /// Stores a new registration (version 1) with its history and access-log `audit`
    /// events, in one transaction.
    pub async fn create_procedure(
        &self,
        p: &Procedure,
        response: &serde_json::Value,
        audit: &[AuditEvent],
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO procedures (id, unit_id, patient_id, form_key, performed_on, performer,
                     status, response, recorded_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(p.id.to_string())
            .bind(p.unit.to_string())
            .bind(p.patient.to_string())
            .bind(&p.form)
            .bind(p.performed_on.format("%Y-%m-%d").to_string())
            .bind(p.performer.to_string())
            .bind(p.status.as_str())
            .bind(Json(response))
            .bind(p.recorded_at)
            .bind(p.version)
            .execute(&mut **tx)
            .await?;
            record_history!(
                tx,
                "Procedure",
                p.id,
                p.version,
                p.recorded_at,
                Some(p.performer.to_string()),
                response
            );
            append_events!(self, tx, audit, p.recorded_at);
            Ok::<_, StoreError>(())
        })
    }

    /// Replaces a registration's day, status and answers with version `p.version` when
    /// the stored one is the version before (else `Ok(false)`: someone changed it since),
    /// by `by`, with its history and `audit` events.
    pub async fn update_procedure(
        &self,
        p: &Procedure,
        response: &serde_json::Value,
        by: Id<carepath_domain::user::UserAccount>,
        audit: &[AuditEvent],
    ) -> Result<bool> {
        in_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE procedures SET performed_on = $1, status = $2, response = $3, version = $4
                 WHERE id = $5 AND version = $6",
            )
            .bind(p.performed_on.format("%Y-%m-%d").to_string())
            .bind(p.status.as_str())
            .bind(Json(response))
            .bind(p.version)
            .bind(p.id.to_string())
            .bind(p.version - 1)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 1 {
                record_history!(
                    tx,
                    "Procedure",
                    p.id,
                    p.version,
                    p.recorded_at,
                    Some(by.to_string()),
                    response
                );
                append_events!(self, tx, audit, p.recorded_at);
            }
            Ok::<_, StoreError>(changed == 1)
        })
    }

    /// One registration.
    pub async fn procedure(&self, id: Id<Procedure>) -> Result<Option<Registration>> {
        let sql = format!("{SELECT} WHERE p.id = $1");
        let row: Option<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(id.to_string())
                .fetch_optional(pool)
                .await?
        });
        row.map(Registration::try_from).transpose()
    }

    /// `unit`'s registrations of `form` done in `[from, to]`, newest first.
    pub async fn unit_procedures(
        &self,
        unit: Id<Unit>,
        form: &str,
        (from, to): (NaiveDate, NaiveDate),
    ) -> Result<Vec<Registration>> {
        let sql = format!(
            "{SELECT} WHERE p.unit_id = $1 AND p.form_key = $2
             AND p.performed_on >= $3 AND p.performed_on <= $4
             ORDER BY p.performed_on DESC, p.recorded_at DESC"
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(unit.to_string())
                .bind(form)
                .bind(from.format("%Y-%m-%d").to_string())
                .bind(to.format("%Y-%m-%d").to_string())
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(Registration::try_from).collect()
    }

    /// Every registration about `patient`, newest first (their own copy of their data).
    pub async fn patient_procedures(
        &self,
        patient: Id<carepath_domain::patient::Patient>,
    ) -> Result<Vec<Registration>> {
        let sql = format!(
            "{SELECT} WHERE p.patient_id = $1 ORDER BY p.performed_on DESC, p.recorded_at DESC"
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(patient.to_string())
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(Registration::try_from).collect()
    }

    /// The years `unit` has registrations of `form` in (as text `YYYY`), newest first.
    pub async fn procedure_years(&self, unit: Id<Unit>, form: &str) -> Result<Vec<i32>> {
        let rows: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT DISTINCT SUBSTR(performed_on, 1, 4) FROM procedures
                 WHERE unit_id = $1 AND form_key = $2",
            )
            .bind(unit.to_string())
            .bind(form)
            .fetch_all(pool)
            .await?
        });
        let mut years: Vec<i32> = rows.into_iter().filter_map(|(y,)| y.parse().ok()).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        Ok(years)
    }
}
