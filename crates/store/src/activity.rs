//! Coded work for the monthly activity report (decision 0035): written with the work it
//! codes, counted per code and person for a unit and month.

use carepath_domain::Id;
use carepath_domain::activity::ActivityKind;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::db::on_pool;
use crate::{Result, Store, parse_id};

/// A piece of work with its code.
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub unit: Id<Unit>,
    pub patient: Id<Patient>,
    pub by: Id<UserAccount>,
    pub kind: ActivityKind,
    pub code: String,
    pub system: String,
    pub at: DateTime<Utc>,
    /// What it codes (`DocumentReference`, the letter's id): one code per piece of work.
    pub source_type: &'static str,
    pub source_id: String,
}

/// Writes `$activity` (`&NewActivity`) inside a transaction; work coded before keeps its
/// first code.
macro_rules! insert_activity {
    ($tx:expr, $activity:expr) => {{
        let a: &$crate::activity::NewActivity = $activity;
        sqlx::query(
            "INSERT INTO activities (id, unit_id, patient_id, performed_by, kind, code, code_system,
                 performed_at, source_type, source_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (source_type, source_id) DO NOTHING",
        )
        .bind(carepath_domain::Id::<$crate::activity::NewActivity>::new().to_string())
        .bind(a.unit.to_string())
        .bind(a.patient.to_string())
        .bind(a.by.to_string())
        .bind(a.kind.as_str())
        .bind(&a.code)
        .bind(&a.system)
        .bind(a.at)
        .bind(a.source_type)
        .bind(&a.source_id)
        .execute(&mut **$tx)
        .await?;
    }};
}
pub(crate) use insert_activity;

/// How often one person did work under one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityCount {
    pub code: String,
    pub system: String,
    pub kind: Option<ActivityKind>,
    pub person: Id<UserAccount>,
    pub person_name: String,
    pub count: i64,
}

impl Store {
    /// The unit's coded work from `from` until before `until`, counted per code and
    /// person, by code then name.
    pub async fn activity_counts(
        &self,
        unit: Id<Unit>,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<ActivityCount>> {
        type Row = (String, String, String, String, String, i64);
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT a.code, a.code_system, a.kind, a.performed_by, u.display_name, COUNT(*)
                 FROM activities a JOIN users u ON u.id = a.performed_by
                 WHERE a.unit_id = $1 AND a.performed_at >= $2 AND a.performed_at < $3
                 GROUP BY a.code, a.code_system, a.kind, a.performed_by, u.display_name
                 ORDER BY a.code, u.display_name, a.performed_by",
            )
            .bind(unit.to_string())
            .bind(from)
            .bind(until)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(code, system, kind, person, person_name, count)| {
                Ok(ActivityCount {
                    code,
                    system,
                    kind: ActivityKind::parse(&kind),
                    person: parse_id(&person)?,
                    person_name,
                    count,
                })
            })
            .collect()
    }
}
