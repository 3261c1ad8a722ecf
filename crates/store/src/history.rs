//! The record history read across a type: the versions of every record of one kind the
//! caller may read, newest first (FHIR's type-level `_history`).

use chrono::{DateTime, Utc};

use crate::db::on_pool;
use crate::response::Scope;
use crate::{Found, Result, Store};

/// The kinds of record whose history is read across the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Patient,
    QuestionnaireResponse,
    Observation,
    /// An enrollment (a FHIR CarePlan).
    CarePlan,
    /// Readable by every API user, so no scope narrows it.
    Questionnaire,
}

impl Kept {
    /// Every kind.
    const ALL: [Kept; 5] = [
        Kept::Patient,
        Kept::QuestionnaireResponse,
        Kept::Observation,
        Kept::CarePlan,
        Kept::Questionnaire,
    ];

    /// The kind recorded under `resource_type`, if its history is read across the type.
    pub fn of(resource_type: &str) -> Option<Kept> {
        Kept::ALL
            .into_iter()
            .find(|k| k.resource_type() == resource_type)
    }

    /// The resource type the history records it under.
    pub fn resource_type(self) -> &'static str {
        match self {
            Kept::Patient => "Patient",
            Kept::QuestionnaireResponse => "QuestionnaireResponse",
            Kept::Observation => "Observation",
            Kept::CarePlan => "CarePlan",
            Kept::Questionnaire => "Questionnaire",
        }
    }

    /// Where the versions are read from, as `h`: the record history, and for a
    /// questionnaire also the current version of one the history does not hold (a shipped
    /// questionnaire is imported with its program, at the program's time).
    fn source(self) -> &'static str {
        match self {
            Kept::Questionnaire => {
                "(SELECT resource_type, resource_id, version, recorded_at FROM record_history
                  UNION ALL
                  SELECT 'Questionnaire', q.id, q.resource_version,
                         COALESCE(q.updated_at,
                                  (SELECT p.imported_at FROM program_versions p
                                   WHERE p.id = q.program_version_id))
                  FROM questionnaires q
                  WHERE NOT EXISTS (SELECT 1 FROM record_history r
                                    WHERE r.resource_type = 'Questionnaire'
                                      AND r.resource_id = q.id
                                      AND r.version = q.resource_version)) h"
            }
            _ => "record_history h",
        }
    }

    /// The records of this kind in `scope`, as SQL over `h.resource_id` with placeholders
    /// from `$first`, and the values to bind.
    fn within(self, scope: &Scope, first: usize) -> (String, Vec<String>) {
        let exists = |table: &str, alias: &str, (sql, binds): (String, Vec<String>)| {
            (
                format!(
                    "EXISTS (SELECT 1 FROM {table} {alias} WHERE {alias}.id = h.resource_id AND {sql})"
                ),
                binds,
            )
        };
        match (self, scope) {
            (Kept::Questionnaire, _) => ("1 = 1".into(), Vec::new()),
            (Kept::Patient, Scope::Patient(p)) => {
                (format!("h.resource_id = ${first}"), vec![p.to_string()])
            }
            (Kept::Patient, Scope::Units(units)) if units.is_empty() => {
                ("1 = 0".into(), Vec::new())
            }
            (Kept::Patient, Scope::Units(units)) => {
                let list: Vec<String> = (0..units.len())
                    .map(|i| format!("${}", first + i))
                    .collect();
                (
                    format!(
                        "h.resource_id IN ({})",
                        crate::patient::of_units(&list.join(", "))
                    ),
                    units.iter().map(ToString::to_string).collect(),
                )
            }
            (Kept::QuestionnaireResponse, _) => exists(
                "questionnaire_responses",
                "x",
                scope.sql("x.patient_id", "x.unit_id", first),
            ),
            (Kept::CarePlan, _) => exists(
                "enrollments",
                "x",
                scope.sql("x.patient_id", "x.unit_id", first),
            ),
            (Kept::Observation, _) => exists("observations", "o", scope.observation_sql(first)),
        }
    }
}

/// One kept version: the record's id, its version, and when it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptVersion {
    pub id: String,
    pub version: i64,
    pub recorded_at: DateTime<Utc>,
}

impl Store {
    /// When the record `id` of `resource_type` was last written, as its history says.
    pub async fn last_written(
        &self,
        resource_type: &str,
        id: &str,
    ) -> Result<Option<DateTime<Utc>>> {
        let row: Option<(DateTime<Utc>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT recorded_at FROM record_history
                 WHERE resource_type = $1 AND resource_id = $2
                 ORDER BY version DESC LIMIT 1",
            )
            .bind(resource_type)
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(at,)| at))
    }

    /// A page of the versions of `kind`'s records in `scope`, newest first, written at or
    /// after `since` when given.
    pub async fn type_history(
        &self,
        kind: Kept,
        scope: &Scope,
        since: Option<DateTime<Utc>>,
        offset: i64,
        count: i64,
    ) -> Result<Found<KeptVersion>> {
        let (within, binds) = kind.within(scope, 3);
        let sql = format!(
            "SELECT h.resource_id, h.version, h.recorded_at FROM {source}
             WHERE h.resource_type = $1 AND h.recorded_at IS NOT NULL
               AND ($2 IS NULL OR h.recorded_at >= $2) AND {within}
             ORDER BY h.recorded_at DESC, h.resource_id, h.version DESC LIMIT {} OFFSET {}",
            count.max(0) + 1,
            offset.max(0),
            source = kind.source(),
        );
        let rows: Vec<(String, i64, DateTime<Utc>)> = on_pool!(self, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(kind.resource_type())
                .bind(since);
            for b in &binds {
                q = q.bind(b);
            }
            q.fetch_all(pool).await
        })?;
        let rows = rows
            .into_iter()
            .map(|(id, version, recorded_at)| KeptVersion {
                id,
                version,
                recorded_at,
            })
            .collect();
        Ok(Found::page(rows, offset, count, None))
    }
}
