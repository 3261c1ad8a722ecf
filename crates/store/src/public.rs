//! Visits of the public pages (decision 0047): one count per page and day, raised by one
//! statement; nothing about the visitor.

use chrono::NaiveDate;

use crate::db::on_pool;
use crate::{Result, Store};

impl Store {
    /// Counts one visit of `path` on `day`.
    pub async fn count_visit(&self, path: &str, day: NaiveDate) -> Result<()> {
        Ok(on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO page_visits (path, day, visits) VALUES ($1, $2, 1)
                 ON CONFLICT (path, day) DO UPDATE SET visits = page_visits.visits + 1",
            )
            .bind(path)
            .bind(day.to_string())
            .execute(pool)
            .await
            .map(|_| ())
        })?)
    }
}
