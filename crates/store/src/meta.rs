//! Facts about the database itself, such as whether it was created as a demo database.

use crate::db::on_pool;
use crate::{Result, Store};

const DEMO_FLAG: &str = "demo_database";

impl Store {
    pub(crate) async fn meta_get(&self, key: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT value FROM database_meta WHERE key = $1")
                .bind(key)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(|(v,)| v))
    }

    pub(crate) async fn meta_set(&self, key: &str, value: &str) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO database_meta (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Whether this database was created as a demo database (`carepath demo`).
    pub async fn is_demo(&self) -> Result<bool> {
        Ok(self.meta_get(DEMO_FLAG).await?.as_deref() == Some("true"))
    }

    /// Marks a new, empty database as a demo database. Refuses one that holds data.
    pub async fn mark_demo(&self) -> Result<()> {
        if !self.is_empty().await? && !self.is_demo().await? {
            return Err(crate::StoreError::Duplicate(
                "data in a database that is not a demo database",
            ));
        }
        self.meta_set(DEMO_FLAG, "true").await
    }

    /// Whether the database holds no organisations, users or programs yet.
    pub async fn is_empty(&self) -> Result<bool> {
        let (n,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM organizations) + (SELECT COUNT(*) FROM users)
                      + (SELECT COUNT(*) FROM programs)",
            )
            .fetch_one(pool)
            .await
        })?;
        Ok(n == 0)
    }
}
