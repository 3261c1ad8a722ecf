//! What the dissemination statistics read beyond the outcome report's queries (issue 18,
//! decision 0049): a unit's course days attended, by profession and region, and when its
//! enquiries came.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use chrono::{DateTime, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store};

impl Store {
    /// The participants marked present at `unit`'s course days: (day, profession, region).
    pub async fn course_attendance(&self, unit: Id<Unit>) -> Result<Vec<(String, String, String)>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT CAST(o.day AS TEXT), p.profession, p.region FROM course_seats s
                 JOIN course_offerings o ON o.id = s.offering_id
                 JOIN course_participants p ON p.course_id = o.course_id AND p.user_id = s.user_id
                 WHERE o.unit_id = $1 AND s.attended = 'present'
                 ORDER BY o.day",
            )
            .bind(unit.to_string())
            .fetch_all(pool)
            .await
        })?)
    }

    /// When each of `unit`'s enquiries came.
    pub async fn enquiry_times(&self, unit: Id<Unit>) -> Result<Vec<DateTime<Utc>>> {
        let rows: Vec<(DateTime<Utc>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT received_at FROM enquiries WHERE unit_id = $1 ORDER BY received_at",
            )
            .bind(unit.to_string())
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(t,)| t).collect())
    }

    /// The visits of every public page per day: (path, day, visits).
    pub async fn visits_by_day(&self) -> Result<Vec<(String, String, i64)>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("SELECT path, day, visits FROM page_visits ORDER BY day, path")
                .fetch_all(pool)
                .await
        })?)
    }
}

/// A measure's row.
#[derive(sqlx::FromRow)]
struct MeasureRow {
    id: String,
    measure: String,
    means: String,
    sub_goal: String,
    period: String,
    responsible: String,
    status: String,
    indicator: Option<String>,
}

impl TryFrom<MeasureRow> for carepath_domain::dissemination::Measure {
    type Error = crate::StoreError;
    fn try_from(r: MeasureRow) -> Result<Self> {
        use carepath_domain::dissemination::{Indicator, MeasureStatus, MeasureText};
        Ok(Self {
            id: crate::parse_id(&r.id)?,
            text: MeasureText {
                measure: r.measure,
                means: r.means,
                sub_goal: r.sub_goal,
                period: r.period,
                responsible: r.responsible,
            },
            status: MeasureStatus::parse(&r.status)
                .ok_or_else(|| crate::StoreError::Corrupt("a measure's status".into()))?,
            indicator: r.indicator.as_deref().and_then(Indicator::parse),
        })
    }
}

/// Inserts the plan row of `(unit, year)` unless there is one, inside a transaction.
macro_rules! ensure_plan {
    ($tx:expr, $unit:expr, $year:expr, $by:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO dissemination_plans (unit_id, year, created_by, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (unit_id, year) DO NOTHING",
        )
        .bind($unit.to_string())
        .bind(i64::from($year))
        .bind($by.to_string())
        .bind($now)
        .execute(&mut **$tx)
        .await?
    };
}

impl Store {
    /// `unit`'s plan for `year`, if it has one.
    pub async fn dissemination_plan(
        &self,
        unit: Id<Unit>,
        year: i32,
    ) -> Result<Option<carepath_domain::dissemination::Plan>> {
        let head: Option<(String, DateTime<Utc>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT created_by, created_at FROM dissemination_plans WHERE unit_id = $1 AND year = $2",
            )
            .bind(unit.to_string())
            .bind(i64::from(year))
            .fetch_optional(pool)
            .await
        })?;
        let Some((by, at)) = head else {
            return Ok(None);
        };
        let rows: Vec<MeasureRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, measure, means, sub_goal, period, responsible, status, indicator
                 FROM dissemination_measures WHERE unit_id = $1 AND year = $2
                 ORDER BY position, id",
            )
            .bind(unit.to_string())
            .bind(i64::from(year))
            .fetch_all(pool)
            .await
        })?;
        Ok(Some(carepath_domain::dissemination::Plan {
            unit_id: unit,
            year,
            measures: rows
                .into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_>>()?,
            created_by: crate::parse_id(&by)?,
            created_at: at,
        }))
    }

    /// The years `unit` has a plan for, newest first.
    pub async fn dissemination_plan_years(&self, unit: Id<Unit>) -> Result<Vec<i32>> {
        let rows: Vec<(i64,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT year FROM dissemination_plans WHERE unit_id = $1 ORDER BY year DESC",
            )
            .bind(unit.to_string())
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(y,)| i32::try_from(y).ok())
            .collect())
    }

    /// Adds a measure (checked) last in `unit`'s plan for `year`, making the plan if there
    /// is none.
    pub async fn add_dissemination_measure(
        &self,
        (unit, year): (Id<Unit>, i32),
        by: Id<carepath_domain::user::UserAccount>,
        m: &carepath_domain::dissemination::Measure,
        now: DateTime<Utc>,
    ) -> Result<()> {
        in_tx!(self, |tx| {
            ensure_plan!(tx, unit, year, by, now);
            sqlx::query(
                "INSERT INTO dissemination_measures (id, unit_id, year, position, measure, means,
                     sub_goal, period, responsible, status, indicator, updated_at)
                 SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4, $5, $6, $7, $8, $9, $10, $11
                 FROM dissemination_measures WHERE unit_id = $2 AND year = $3",
            )
            .bind(m.id.to_string())
            .bind(unit.to_string())
            .bind(i64::from(year))
            .bind(&m.text.measure)
            .bind(&m.text.means)
            .bind(&m.text.sub_goal)
            .bind(&m.text.period)
            .bind(&m.text.responsible)
            .bind(m.status.as_str())
            .bind(m.indicator.map(|i| i.as_str()))
            .bind(now)
            .execute(&mut **tx)
            .await?;
            Ok::<_, crate::StoreError>(())
        })
    }

    /// Sets the status of measure `id` of `unit`'s plan for `year`; false when there is
    /// no such measure.
    pub async fn set_dissemination_status(
        &self,
        (unit, year): (Id<Unit>, i32),
        id: &str,
        status: carepath_domain::dissemination::MeasureStatus,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let n = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE dissemination_measures SET status = $4, updated_at = $5
                 WHERE id = $1 AND unit_id = $2 AND year = $3",
            )
            .bind(id)
            .bind(unit.to_string())
            .bind(i64::from(year))
            .bind(status.as_str())
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(n > 0)
    }

    /// Starts `unit`'s plan for `to` from its plan for `from`: the measures not done or
    /// dropped, in order, with new ids. False when `to` has a plan already.
    pub async fn copy_dissemination_plan(
        &self,
        unit: Id<Unit>,
        (from, to): (i32, i32),
        by: Id<carepath_domain::user::UserAccount>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let source = self.dissemination_plan(unit, from).await?;
        in_tx!(self, |tx| {
            let made = sqlx::query(
                "INSERT INTO dissemination_plans (unit_id, year, created_by, created_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (unit_id, year) DO NOTHING",
            )
            .bind(unit.to_string())
            .bind(i64::from(to))
            .bind(by.to_string())
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if made > 0 {
                let kept = source.iter().flat_map(|p| &p.measures).filter(|m| {
                    !matches!(
                        m.status,
                        carepath_domain::dissemination::MeasureStatus::Done
                            | carepath_domain::dissemination::MeasureStatus::Dropped
                    )
                });
                for (i, m) in kept.enumerate() {
                    sqlx::query(
                        "INSERT INTO dissemination_measures (id, unit_id, year, position, measure,
                             means, sub_goal, period, responsible, status, indicator, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    )
                    .bind(Id::<()>::new().to_string())
                    .bind(unit.to_string())
                    .bind(i64::from(to))
                    .bind(i64::try_from(i).unwrap_or(0) + 1)
                    .bind(&m.text.measure)
                    .bind(&m.text.means)
                    .bind(&m.text.sub_goal)
                    .bind(&m.text.period)
                    .bind(&m.text.responsible)
                    .bind(m.status.as_str())
                    .bind(m.indicator.map(|x| x.as_str()))
                    .bind(now)
                    .execute(&mut **tx)
                    .await?;
                }
            }
            Ok::<_, crate::StoreError>(made > 0)
        })
    }
}
