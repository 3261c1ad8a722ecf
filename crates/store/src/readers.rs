//! On SQLite, the reads every API request makes before its answer (the token's holder, a
//! record by id, the patient's units) on a small pool of rusqlite connections: a
//! request's statements run in one hand-off to a blocking thread, from cached prepared
//! statements, where sqlx crosses a channel to its connection's thread for every
//! statement and row and pings the connection as it goes back (decision 0056, measured
//! by `bench/src/bin/sqlite_driver.rs`). The SQL is the same text the sqlx path runs
//! (SQLite reads `$1` as the first parameter); the connections only read
//! (`query_only`), and see what is committed, as the pool's do. A record's read brings its
//! patient's units in the same hand-off (decision 0059).

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::{Result, StoreError};

/// How many reads run at once: one per core and one waiting on the disk.
const READERS: usize = 4;

pub(crate) struct Readers {
    free: Mutex<Vec<rusqlite::Connection>>,
    permits: Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readers").finish_non_exhaustive()
    }
}

impl Readers {
    /// Opens the readers on the database at `path` (which the pool has opened and
    /// migrated, in WAL mode).
    pub(crate) fn open(path: &Path) -> Result<Self> {
        let connections = (0..READERS)
            .map(|_| {
                let c = rusqlite::Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                c.busy_timeout(Duration::from_secs(10))?;
                c.pragma_update(None, "query_only", true)?;
                c.set_prepared_statement_cache_capacity(64);
                Ok(c)
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Self {
            free: Mutex::new(connections),
            permits: Arc::new(tokio::sync::Semaphore::new(READERS)),
        })
    }

    /// Runs `read` on a free connection on a blocking thread. Once the store is closed,
    /// the answer is the pool's: closed, so unavailable (503), like every other read.
    pub(crate) async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        read: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T> {
        let closed = || StoreError::Database(sqlx::Error::PoolClosed);
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| closed())?;
        let readers = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut free = readers.free.lock().unwrap_or_else(|e| e.into_inner());
            let connection = free.pop().ok_or_else(closed)?;
            drop(free);
            // Lent back even if `read` panics, so the pool never shrinks.
            let lent = Lent {
                readers: &readers,
                connection: Some(connection),
            };
            read(lent.connection.as_ref().ok_or_else(closed)?).map_err(StoreError::from)
        })
        .await
        .map_err(|_| StoreError::Corrupt("a read panicked".into()))?
    }

    /// Closes every connection; reads after it are refused as unavailable.
    pub(crate) fn close(&self) {
        self.permits.close();
        self.free.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// Every row of `sql` with `params`, each made by `row`. A statement built per
    /// request (a search's) is cached by its text like a constant one.
    pub(crate) async fn rows<T, P, F>(
        self: &Arc<Self>,
        sql: impl AsRef<str> + Send + 'static,
        params: P,
        row: F,
    ) -> Result<Vec<T>>
    where
        T: Send + 'static,
        P: rusqlite::Params + Send + 'static,
        F: FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T> + Send + 'static,
    {
        self.run(move |c| {
            let mut statement = c.prepare_cached(sql.as_ref())?;
            statement.query_map(params, row)?.collect()
        })
        .await
    }
}

impl Readers {
    /// A page of a search: the rows of `rows_sql` (which reads `count + 1` from `offset`)
    /// and, when `count_sql` is given, the count of every match, in one hand-off, with the
    /// same parameters for both: the filter's (NULL where not asked for), then the scope's.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn search<T, F>(
        self: &Arc<Self>,
        count_sql: Option<String>,
        rows_sql: String,
        filter: Vec<Option<String>>,
        scope: &[String],
        row: F,
        offset: i64,
        count: i64,
    ) -> Result<crate::Found<T>>
    where
        T: Send + 'static,
        F: FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T> + Send + 'static,
    {
        let binds: Vec<rusqlite::types::Value> = filter
            .into_iter()
            .map(|f| text(f.as_deref()))
            .chain(scope.iter().map(|b| text(Some(b))))
            .collect();
        let (rows, total) = self
            .run(move |c| {
                let total = match count_sql {
                    Some(sql) => Some(
                        c.prepare_cached(&sql)?
                            .query_row(rusqlite::params_from_iter(&binds), |r| {
                                r.get::<_, i64>(0)
                            })?,
                    ),
                    None => None,
                };
                let mut statement = c.prepare_cached(&rows_sql)?;
                let rows = statement
                    .query_map(rusqlite::params_from_iter(&binds), row)?
                    .collect::<rusqlite::Result<Vec<T>>>()?;
                Ok((rows, total))
            })
            .await?;
        Ok(crate::Found::page(rows, offset, count, total))
    }
}

/// A connection lent to one read, back in the pool when the read ends however it ends.
struct Lent<'a> {
    readers: &'a Readers,
    connection: Option<rusqlite::Connection>,
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let Some(c) = self.connection.take()
            && !self.readers.permits.is_closed()
        {
            self.readers
                .free
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(c);
        }
    }
}

/// A parameter as the sqlx path binds it: text, or NULL for `None`.
pub(crate) fn text(value: Option<&str>) -> rusqlite::types::Value {
    value.map_or(rusqlite::types::Value::Null, |v| {
        rusqlite::types::Value::Text(v.to_owned())
    })
}

/// A JSON column read into `T`, a conversion error naming the column when it does not fit.
pub(crate) fn json<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    column: usize,
) -> rusqlite::Result<T> {
    let body: String = row.get(column)?;
    serde_json::from_str(&body).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Whether an SQLite result code (extended or primary) says "try again later": the
/// database busy beyond the busy timeout (5), an I/O error (10), the disk full (13).
pub(crate) fn transient(code: i32) -> bool {
    matches!(code & 0xff, 5 | 10 | 13)
}

/// A time as sqlx writes it into SQLite, so that the text compares with what is stored.
pub(crate) fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// A time as stored in SQLite: RFC 3339 as sqlx writes it, or `YYYY-MM-DD HH:MM:SS` in
/// UTC as SQLite's own functions do (sqlx reads both).
pub(crate) fn read_time(
    column: usize,
    text: &str,
) -> rusqlite::Result<chrono::DateTime<chrono::Utc>> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
        .map(|t| t.and_utc())
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                column,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        })
}
