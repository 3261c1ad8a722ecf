//! What the dissemination statistics read beyond the outcome report's queries (issue 18,
//! decision 0049): a unit's course days attended, by profession and region, and when its
//! enquiries came.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use chrono::{DateTime, Utc};

use crate::db::on_pool;
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
