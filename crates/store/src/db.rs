//! The connection pool for either backend, migrations, and the macros that run the same
//! query code on both.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::crypto::{Crypto, DataKey};
use crate::{Result, StoreError};

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub(crate) enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Runs `$body` with `$pool` bound to the backend's pool; the body is compiled once per
/// backend, so the same SQL and bindings must suit both.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` in a write transaction (`BEGIN IMMEDIATE` on SQLite, so concurrent writers
/// queue on the busy timeout instead of failing on lock upgrade) and commits when the
/// body returns `Ok`. Use `&mut **$tx` as the executor.
macro_rules! in_tx {
    ($store:expr, |$tx:ident| $body:expr) => {
        match &$store.db {
            $crate::db::Db::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let $tx = &mut tx;
                let out = $body;
                if out.is_ok() {
                    tx.commit().await?;
                }
                out
            }
            $crate::db::Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let $tx = &mut tx;
                let out = $body;
                if out.is_ok() {
                    tx.commit().await?;
                }
                out
            }
        }
    };
}

pub(crate) use {in_tx, on_pool};

/// The storage of one carepath installation.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) db: Db,
    pub(crate) crypto: Crypto,
    /// This node's audit chain (one per opened store, i.e. per running process).
    pub(crate) audit_chain: String,
    /// Background writers that commit concurrent writes together.
    pub(crate) writers: std::sync::Arc<crate::response::Writers>,
    /// What every request reads and never changes in place.
    pub(crate) caches: std::sync::Arc<crate::questionnaire::Caches>,
    /// Bumped when a unit's worklist may have changed on this node (an alert raised or
    /// acknowledged, a consultation request, tasks overdue), for live worklist pages.
    pub(crate) worklist: std::sync::Arc<tokio::sync::watch::Sender<u64>>,
    /// When this node last looked for missing measurements (a check over every active
    /// enrollment, so at most every quarter of an hour; the rules count in days).
    pub(crate) missing_checked:
        std::sync::Arc<std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>>,
    /// On PostgreSQL: whether this store listens for other nodes' worklist changes.
    pub(crate) listening: std::sync::Arc<std::sync::Once>,
    /// On SQLite: one connection with `synchronous=NORMAL` for the access events of reads,
    /// committed without waiting for a disk flush (decision 0055), a batch in one hand-off
    /// (decision 0060).
    pub(crate) relaxed: Option<std::sync::Arc<std::sync::Mutex<rusqlite::Connection>>>,
    /// On SQLite: the readers of what every request reads first (decision 0056).
    pub(crate) readers: Option<std::sync::Arc<crate::readers::Readers>>,
}

/// A pool of SQLite connections that closes a connection the driver still counts as
/// inside a transaction when it comes back. A COMMIT that fails (the disk full, an I/O
/// error) leaves the transaction open in the driver's count while SQLite may already have
/// rolled it back; the ROLLBACK on drop then fails as well, and the driver would refuse
/// every BEGIN on that connection from then on. A new connection replaces it.
fn sqlite_pool(max: u32) -> SqlitePoolOptions {
    use sqlx::Connection;
    SqlitePoolOptions::new()
        .max_connections(max)
        .after_release(|conn, _| {
            Box::pin(async move {
                if !conn.is_in_transaction() {
                    return Ok(true);
                }
                // A transaction dropped unfinished queues its ROLLBACK; a ping is answered
                // after it.
                conn.ping().await?;
                Ok(!conn.is_in_transaction())
            })
        })
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The migrations of PostgreSQL (for a copy into an empty database).
pub(crate) fn postgres_migrator() -> &'static sqlx::migrate::Migrator {
    &POSTGRES_MIGRATIONS
}

/// The newest database schema version this carepath knows on `backend`.
pub fn latest_schema_version(backend: Backend) -> i64 {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

impl Store {
    /// Opens (creating if needed) the SQLite database at `path`: WAL, foreign keys on,
    /// synchronous FULL (a page the patient was told is saved survives a crash), and a
    /// busy timeout so writers wait for each other.
    pub async fn open_sqlite(path: &Path, key: &DataKey) -> Result<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = sqlite_pool(8).connect_with(options).await?;
        let relaxed = rusqlite::Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        relaxed.busy_timeout(Duration::from_secs(10))?;
        relaxed.pragma_update(None, "synchronous", "NORMAL")?;
        relaxed.pragma_update(None, "foreign_keys", true)?;
        relaxed.set_prepared_statement_cache_capacity(16);
        Ok(Self {
            relaxed: Some(std::sync::Arc::new(std::sync::Mutex::new(relaxed))),
            readers: Some(std::sync::Arc::new(crate::readers::Readers::open(path)?)),
            db: Db::Sqlite(pool),
            crypto: Crypto::new(key),
            audit_chain: uuid::Uuid::now_v7().to_string(),
            writers: Default::default(),
            caches: Default::default(),
            worklist: std::sync::Arc::new(tokio::sync::watch::Sender::new(0)),
            missing_checked: Default::default(),
            listening: std::sync::Arc::new(std::sync::Once::new()),
        })
    }

    /// This store with a pool of its own that holds one connection, for a long batch such
    /// as a research export run on a thread of its own: the SQLite driver runs each
    /// connection on a thread of its own, and every thread that allocates keeps an
    /// allocator arena of its own, so a batch spread over the shared pool's connections
    /// held its memory several times over (decision 0041); a PostgreSQL connection belongs
    /// to the runtime that opened it. The pool closes when the returned store is dropped.
    pub async fn with_one_connection(&self) -> Result<Self> {
        let db = match &self.db {
            Db::Sqlite(pool) => Db::Sqlite(
                sqlite_pool(1)
                    .connect_with((*pool.connect_options()).clone())
                    .await?,
            ),
            Db::Postgres(pool) => Db::Postgres(
                PgPoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with((*pool.connect_options()).clone())
                    .await?,
            ),
        };
        // Writers of its own, started (if at all) on the batch's runtime with its pool.
        Ok(Self {
            db,
            writers: Default::default(),
            ..self.clone()
        })
    }

    /// Connects to PostgreSQL. `schema`, when given, becomes the search path (the tests
    /// give each test its own schema).
    pub async fn open_postgres(url: &str, schema: Option<&str>, key: &DataKey) -> Result<Self> {
        let mut options = PgConnectOptions::from_str(url)?;
        if let Some(schema) = schema {
            options = options.options([("search_path", schema)]);
        }
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self {
            relaxed: None,
            readers: None,
            db: Db::Postgres(pool),
            crypto: Crypto::new(key),
            audit_chain: uuid::Uuid::now_v7().to_string(),
            writers: Default::default(),
            caches: Default::default(),
            worklist: std::sync::Arc::new(tokio::sync::watch::Sender::new(0)),
            missing_checked: Default::default(),
            listening: std::sync::Arc::new(std::sync::Once::new()),
        })
    }

    /// The same store for a background writer: its own writers are never started, so the
    /// writer does not keep its own queue open.
    pub(crate) fn without_writers(&self) -> Self {
        Self {
            writers: Default::default(),
            ..self.clone()
        }
    }

    pub fn backend(&self) -> Backend {
        match self.db {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies pending migrations, then checks that the data key belongs to this database
    /// (recording it on first use), so a wrong key stops start-up instead of making
    /// unreadable records.
    pub async fn migrate(&self) -> Result<()> {
        match &self.db {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        let check = self.crypto.key_check();
        match self.meta_get("data_key_check").await? {
            None => self.meta_set("data_key_check", &check).await,
            Some(stored) if stored == check => Ok(()),
            Some(_) => Err(StoreError::WrongKey(
                "set CAREPATH_DATA_KEY (or the key file in the data directory) to the key this database was created with".into(),
            )),
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        on_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn close(&self) {
        if let Some(readers) = &self.readers {
            readers.close();
        }
        on_pool!(self, |pool| pool.close().await)
    }
}

impl Store {
    /// Runs one administrative statement (e.g. `CREATE SCHEMA` for a test). Never pass
    /// user input.
    pub async fn execute_admin(&self, sql: &str) -> Result<()> {
        let sql = sql.to_owned();
        on_pool!(self, |pool| {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone()))
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(())
    }
}

impl Store {
    /// Runs SQL, one or more statements, on one connection (for benchmarks that seed bulk
    /// data); returns the rows changed.
    #[doc(hidden)]
    pub async fn execute_for_tests(&self, sql: &str) -> Result<u64> {
        let sql = sql.to_owned();
        Ok(on_pool!(self, |pool| {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone()))
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?)
    }

    /// Every text value a query returns, joined (for tests that look for leaked data).
    #[doc(hidden)]
    pub async fn dump_for_tests(&self, sql: &str) -> Result<String> {
        let sql = sql.to_owned();
        let rows: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(s,)| s)
            .collect::<Vec<_>>()
            .join("\n"))
    }
}

impl Store {
    /// Checks, without changing anything, that every migration is applied and that the
    /// data key belongs to this database. PostgreSQL is migrated by `carepath migrate`.
    pub async fn verify_ready(&self) -> Result<()> {
        let migrator = match self.db {
            Db::Sqlite(_) => &SQLITE_MIGRATIONS,
            Db::Postgres(_) => &POSTGRES_MIGRATIONS,
        };
        let applied: Vec<(i64,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(pool)
                .await
        })
        .unwrap_or_default();
        let pending = migrator
            .iter()
            .filter(|m| !applied.iter().any(|(v,)| *v == m.version))
            .count();
        if pending > 0 {
            return Err(StoreError::Pending(pending));
        }
        let check = self.crypto.key_check();
        match self.meta_get("data_key_check").await? {
            Some(stored) if stored == check => Ok(()),
            _ => Err(StoreError::WrongKey(
                "set CAREPATH_DATA_KEY (or the key file in the data directory) to the key this database was created with".into(),
            )),
        }
    }
}

impl Store {
    /// The same database as another node would see it: its own audit chain.
    pub fn as_another_node(&self) -> Store {
        Store {
            audit_chain: uuid::Uuid::now_v7().to_string(),
            writers: Default::default(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a COMMIT failing for want of disk does to the driver's count (decision 0057):
    /// the transaction is over in SQLite, the driver still counts it, and its ROLLBACK on
    /// drop fails. The pool must not lend that connection again.
    #[tokio::test]
    async fn a_connection_left_counted_inside_a_transaction_is_not_lent_again() {
        let dir = tempfile::tempdir().unwrap();
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join("t.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal);
        let pool = sqlite_pool(1).connect_with(options).await.unwrap();
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("COMMIT").execute(&mut *tx).await.unwrap();
        drop(tx);
        // As every write begins (a savepoint would hide the fault: only a custom BEGIN is
        // refused at a non-zero depth).
        let mut again = pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .expect("a fresh transaction on the pool");
        sqlx::query("SELECT 1").execute(&mut *again).await.unwrap();
        again.commit().await.unwrap();
    }
}
