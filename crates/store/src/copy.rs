//! Copying a whole database table by table (decision 0070): a consistent snapshot of either
//! backend read row by row, and a loader that writes such rows into an empty PostgreSQL
//! database in one transaction. PostgreSQL's backups (`carepath backup`), their restore
//! and the move from SQLite (`carepath migrate-to`) use them; a SQLite backup copies the
//! file itself with SQLite's online backup API ([`sqlite_backup`]).
//!
//! Values cross as SQLite's five storage classes ([`Cell`]). PostgreSQL's values are read
//! as their text form (exact for every type the schema uses) or bytes, and the loader
//! casts each to its column's type, so a time written by SQLite in either of its formats
//! and a time read from PostgreSQL arrive alike.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use sqlx::{Row, ValueRef};

use crate::db::Db;
use crate::{Result, Store, StoreError};

/// One value of one row.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes {
        #[serde(with = "base64_bytes")]
        base64: Vec<u8>,
    },
}

mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    pub fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

/// A table and its columns, in the order its rows' cells come.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
}

/// How many rows each table holds, by name.
pub type Counts = BTreeMap<String, u64>;

/// The migrations' own table: a target gets its schema from the migrations, not a copy.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// A read-only view of the whole database as of one moment (one read transaction), for
/// a copy.
#[derive(Debug)]
pub struct Snapshot {
    tx: SnapshotTx,
    tables: Vec<Table>,
    /// On PostgreSQL: each column's type, to read bytes as bytes and the rest as text.
    types: PgColumns,
}

#[derive(Debug)]
enum SnapshotTx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables ordered so that a table comes after every table it refers to (a table's
/// references to itself aside), alphabetically where the order is free.
fn load_order(names: BTreeSet<String>, refs: &[(String, String)]) -> Vec<String> {
    let mut waiting: BTreeMap<String, BTreeSet<String>> = names
        .iter()
        .map(|n| {
            let needs = refs
                .iter()
                .filter(|(from, to)| from == n && to != n && names.contains(to))
                .map(|(_, to)| to.clone())
                .collect();
            (n.clone(), needs)
        })
        .collect();
    let mut order = Vec::with_capacity(waiting.len());
    while !waiting.is_empty() {
        let ready: Vec<String> = waiting
            .iter()
            .filter(|(_, needs)| needs.is_empty())
            .map(|(n, _)| n.clone())
            .collect();
        // A cycle of references (none in the schema): the rest in name order.
        let next = if ready.is_empty() {
            waiting.keys().cloned().collect()
        } else {
            ready
        };
        for n in &next {
            waiting.remove(n);
        }
        for needs in waiting.values_mut() {
            for n in &next {
                needs.remove(n);
            }
        }
        order.extend(next);
    }
    order
}

impl Store {
    /// Begins a consistent read of every table (SQLite: one read transaction in WAL mode,
    /// which writers do not wait for; PostgreSQL: `REPEATABLE READ READ ONLY`).
    pub async fn snapshot(&self) -> Result<Snapshot> {
        match &self.db {
            Db::Sqlite(pool) => {
                let mut tx = pool.begin().await?;
                let names: Vec<(String,)> = sqlx::query_as(
                    "SELECT name FROM sqlite_master WHERE type = 'table'
                     AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> $1",
                )
                .bind(MIGRATIONS_TABLE)
                .fetch_all(&mut *tx)
                .await?;
                let mut columns = BTreeMap::new();
                let mut refs = Vec::new();
                for (name,) in &names {
                    let cols: Vec<(String,)> =
                        sqlx::query_as("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                            .bind(name)
                            .fetch_all(&mut *tx)
                            .await?;
                    columns.insert(name.clone(), cols.into_iter().map(|(c,)| c).collect());
                    let to: Vec<(String,)> =
                        sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_list($1)")
                            .bind(name)
                            .fetch_all(&mut *tx)
                            .await?;
                    refs.extend(to.into_iter().map(|(t,)| (name.clone(), t)));
                }
                let tables = ordered(columns, &refs);
                Ok(Snapshot {
                    tx: SnapshotTx::Sqlite(tx),
                    tables,
                    types: PgColumns::new(),
                })
            }
            Db::Postgres(pool) => {
                let mut tx = pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?;
                let (types, refs) = postgres_tables(&mut tx).await?;
                let columns = types
                    .iter()
                    .map(|(t, cols)| (t.clone(), cols.iter().map(|(c, _)| c.clone()).collect()))
                    .collect();
                let tables = ordered(columns, &refs);
                Ok(Snapshot {
                    tx: SnapshotTx::Postgres(tx),
                    tables,
                    types,
                })
            }
        }
    }
}

fn ordered(mut columns: BTreeMap<String, Vec<String>>, refs: &[(String, String)]) -> Vec<Table> {
    load_order(columns.keys().cloned().collect(), refs)
        .into_iter()
        .map(|name| {
            let columns = columns.remove(&name).unwrap_or_default();
            Table { name, columns }
        })
        .collect()
}

type PgColumns = BTreeMap<String, Vec<(String, String)>>;

/// PostgreSQL's tables in the current schema with their columns and types (`udt_name`,
/// e.g. `timestamptz`), and every reference between them.
async fn postgres_tables(
    conn: &mut sqlx::PgConnection,
) -> Result<(PgColumns, Vec<(String, String)>)> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.udt_name::text
         FROM information_schema.columns c JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
           AND c.table_name <> $1
         ORDER BY c.table_name, c.ordinal_position",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut *conn)
    .await?;
    let mut columns: PgColumns = BTreeMap::new();
    for (table, column, ty) in rows {
        columns.entry(table).or_default().push((column, ty));
    }
    let refs: Vec<(String, String)> = sqlx::query_as(
        "SELECT f.relname::text, t.relname::text FROM pg_constraint c
         JOIN pg_class f ON f.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
         WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok((columns, refs))
}

impl Snapshot {
    /// Every table but the migrations' own, each after the tables it refers to.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The last migration applied (the schema's version).
    pub async fn schema_version(&mut self) -> Result<i64> {
        let sql = "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success";
        let (v,): (i64,) = match &mut self.tx {
            SnapshotTx::Sqlite(tx) => sqlx::query_as(sql).fetch_one(&mut **tx).await?,
            SnapshotTx::Postgres(tx) => sqlx::query_as(sql).fetch_one(&mut **tx).await?,
        };
        Ok(v)
    }

    /// How many rows each table holds in this snapshot.
    pub async fn counts(&mut self) -> Result<Counts> {
        let mut counts = Counts::new();
        for table in self.tables.clone() {
            let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {}", quoted(&table.name)));
            let (n,): (i64,) = match &mut self.tx {
                SnapshotTx::Sqlite(tx) => sqlx::query_as(sql).fetch_one(&mut **tx).await?,
                SnapshotTx::Postgres(tx) => sqlx::query_as(sql).fetch_one(&mut **tx).await?,
            };
            counts.insert(table.name, u64::try_from(n).unwrap_or(0));
        }
        Ok(counts)
    }

    /// A table's rows, one at a time, in its first column's order (parents before the
    /// rows that refer to them, where a table refers to itself: ids are time-ordered).
    pub fn rows<'a>(&'a mut self, table: &Table) -> BoxStream<'a, Result<Vec<Cell>>> {
        // On PostgreSQL each value as its text form, exact for every type the schema uses
        // (times with their offset, JSON, numbers), but bytes as they are.
        let types = self.types.get(&table.name);
        let list = table
            .columns
            .iter()
            .map(|c| {
                let text =
                    types.is_some_and(|t| t.iter().any(|(name, ty)| name == c && ty != "bytea"));
                if text {
                    format!("{}::text", quoted(c))
                } else {
                    quoted(c)
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let order = table.columns.first().map(|c| quoted(c)).unwrap_or_default();
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {list} FROM {} ORDER BY {order}",
            quoted(&table.name)
        ));
        match &mut self.tx {
            SnapshotTx::Sqlite(tx) => sqlx::raw_sql(sql)
                .fetch(&mut **tx)
                .map(|row| sqlite_cells(&row?))
                .boxed(),
            SnapshotTx::Postgres(tx) => sqlx::raw_sql(sql)
                .fetch(&mut **tx)
                .map(|row| postgres_cells(&row?))
                .boxed(),
        }
    }
}

fn sqlite_cells(row: &sqlx::sqlite::SqliteRow) -> Result<Vec<Cell>> {
    use sqlx::TypeInfo;
    (0..row.len())
        .map(|i| {
            let raw = row.try_get_raw(i)?;
            if raw.is_null() {
                return Ok(Cell::Null);
            }
            let kind = raw.type_info().name().to_owned();
            Ok(match kind.as_str() {
                "INTEGER" => Cell::Int(row.try_get(i)?),
                "REAL" => Cell::Real(row.try_get(i)?),
                "BLOB" => Cell::Bytes {
                    base64: row.try_get(i)?,
                },
                _ => Cell::Text(row.try_get(i)?),
            })
        })
        .collect()
}

fn postgres_cells(row: &sqlx::postgres::PgRow) -> Result<Vec<Cell>> {
    use sqlx::TypeInfo;
    (0..row.len())
        .map(|i| {
            let value = row.try_get_raw(i)?;
            if value.is_null() {
                return Ok(Cell::Null);
            }
            if value.type_info().name() == "BYTEA" {
                return Ok(Cell::Bytes {
                    base64: row.try_get(i)?,
                });
            }
            Ok(Cell::Text(row.try_get(i)?))
        })
        .collect()
}

/// Writes rows into an empty PostgreSQL database in one transaction: the schema first (by
/// the migrations, up to the version the rows come from), then table by table. Nothing
/// is kept unless [`Loader::commit`] finds every count as expected.
#[derive(Debug)]
pub struct Loader {
    tx: sqlx::Transaction<'static, sqlx::Postgres>,
    pool: sqlx::PgPool,
    types: PgColumns,
    counts: Counts,
}

/// Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement.
const PARAMETERS: usize = 60_000;

impl Loader {
    /// Connects to `url`, checks that its schema holds no table at all, and begins.
    pub async fn begin(url: &str, version: i64) -> Result<Self> {
        use std::str::FromStr;
        let options = sqlx::postgres::PgConnectOptions::from_str(url)?;
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .connect_with(options)
            .await?;
        let (tables,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace
             AND relkind IN ('r', 'p', 'v', 'm')",
        )
        .fetch_one(&pool)
        .await?;
        if tables > 0 {
            return Err(StoreError::NotEmpty);
        }
        if !crate::db::postgres_migrator().version_exists(version) {
            return Err(StoreError::UnknownSchema(version));
        }
        let mut tx = pool.begin().await?;
        crate::db::postgres_migrator()
            .run_to(version, &mut *tx)
            .await?;
        let (types, _) = postgres_tables(&mut tx).await?;
        Ok(Self {
            tx,
            pool,
            types,
            counts: Counts::new(),
        })
    }

    /// Inserts rows of `table` (cells in `table.columns`' order).
    pub async fn insert(&mut self, table: &Table, rows: &[Vec<Cell>]) -> Result<()> {
        let Some(types) = self.types.get(&table.name) else {
            return Err(StoreError::Corrupt(format!(
                "the table {} is not in this version's schema",
                table.name
            )));
        };
        let cast: Vec<&str> = table
            .columns
            .iter()
            .map(|c| {
                types
                    .iter()
                    .find(|(name, _)| name == c)
                    .map(|(_, ty)| ty.as_str())
                    .ok_or_else(|| {
                        StoreError::Corrupt(format!(
                            "the column {}.{c} is not in the schema",
                            table.name
                        ))
                    })
            })
            .collect::<Result<_>>()?;
        if rows.iter().any(|r| r.len() != cast.len()) {
            return Err(StoreError::Corrupt(format!(
                "a row of {} has the wrong number of values",
                table.name
            )));
        }
        let columns = table
            .columns
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ");
        let per = (PARAMETERS / cast.len().max(1)).max(1);
        for batch in rows.chunks(per) {
            let mut q = sqlx::QueryBuilder::<sqlx::Postgres>::new(format!(
                "INSERT INTO {} ({columns}) ",
                quoted(&table.name)
            ));
            q.push_values(batch, |mut b, row| {
                for (cell, ty) in row.iter().zip(&cast) {
                    match cell {
                        Cell::Null => b.push_bind(None::<String>),
                        Cell::Int(v) => b.push_bind(*v),
                        Cell::Real(v) => b.push_bind(*v),
                        Cell::Text(v) => b.push_bind(v.clone()),
                        Cell::Bytes { base64 } => b.push_bind(base64.clone()),
                    };
                    b.push_unseparated(format!("::{}", quoted(ty)));
                }
            });
            q.build().execute(&mut *self.tx).await?;
        }
        *self.counts.entry(table.name.clone()).or_default() += rows.len() as u64;
        Ok(())
    }

    /// Commits when every table holds as many rows as `expected` says (a table missing
    /// from both counts as none), then applies the migrations newer than the rows.
    pub async fn commit(mut self, expected: &Counts) -> Result<Counts> {
        let mut found = Counts::new();
        for name in self.types.keys() {
            let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {}", quoted(name)));
            let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&mut *self.tx).await?;
            found.insert(name.clone(), u64::try_from(n).unwrap_or(0));
        }
        for name in expected.keys().chain(found.keys()) {
            let want = expected.get(name).copied().unwrap_or(0);
            let have = found.get(name).copied().unwrap_or(0);
            if want != have {
                return Err(StoreError::Corrupt(format!(
                    "the table {name} holds {have} rows after the copy, not {want}"
                )));
            }
        }
        self.tx.commit().await?;
        crate::db::postgres_migrator().run(&self.pool).await?;
        self.pool.close().await;
        Ok(found)
    }
}

/// What a copy of a SQLite database holds: its schema version and each table's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteContents {
    pub schema_version: i64,
    pub counts: Counts,
}

/// Copies the SQLite database at `from`, while it is in use, into a new file `to` with
/// SQLite's online backup API in one step: one read transaction, so the copy is one
/// moment of the database and writers neither wait for it nor restart it.
pub fn sqlite_backup(from: &Path, to: &Path) -> Result<SqliteContents> {
    use rusqlite::OpenFlags;
    let source = rusqlite::Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    source.busy_timeout(std::time::Duration::from_secs(30))?;
    let mut target = rusqlite::Connection::open(to)?;
    {
        let backup = rusqlite::backup::Backup::new(&source, &mut target)?;
        loop {
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::Busy | rusqlite::backup::StepResult::Locked => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                _ => {}
            }
        }
    }
    // The copy stands alone: no write-ahead log beside it.
    target.pragma_update(None, "journal_mode", "DELETE")?;
    drop(target);
    sqlite_contents(to)
}

/// Checks a SQLite database file (`PRAGMA integrity_check`) and counts what it holds.
pub fn sqlite_contents(path: &Path) -> Result<SqliteContents> {
    use rusqlite::OpenFlags;
    let db = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let check: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt(
            "the SQLite database fails its integrity check".into(),
        ));
    }
    let schema_version: i64 = db.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success",
        [],
        |r| r.get(0),
    )?;
    let names: Vec<String> = db
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?1 ORDER BY name",
        )?
        .query_map([MIGRATIONS_TABLE], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let mut counts = Counts::new();
    for name in names {
        let n: i64 = db.query_row(
            &format!("SELECT COUNT(*) FROM {}", quoted(&name)),
            [],
            |r| r.get(0),
        )?;
        counts.insert(name, u64::try_from(n).unwrap_or(0));
    }
    Ok(SqliteContents {
        schema_version,
        counts,
    })
}

/// Reads a stream of rows in batches (for [`Loader::insert`]).
pub async fn batches<'a>(
    mut rows: BoxStream<'a, Result<Vec<Cell>>>,
    size: usize,
    mut each: impl AsyncFnMut(Vec<Vec<Cell>>) -> Result<()>,
) -> Result<u64> {
    let mut batch = Vec::with_capacity(size);
    let mut n = 0;
    while let Some(row) = rows.try_next().await? {
        batch.push(row);
        n += 1;
        if batch.len() == size {
            each(std::mem::take(&mut batch)).await?;
        }
    }
    if !batch.is_empty() {
        each(batch).await?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_after_those_they_refer_to() {
        let names = ["users", "roles", "units", "orgs", "notes"]
            .map(String::from)
            .into_iter()
            .collect();
        let refs = [
            ("roles", "users"),
            ("roles", "units"),
            ("units", "orgs"),
            ("notes", "notes"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()));
        let order = load_order(names, &refs);
        let at = |n: &str| order.iter().position(|o| o == n).unwrap();
        assert!(at("orgs") < at("units"));
        assert!(at("units") < at("roles"));
        assert!(at("users") < at("roles"));
        assert_eq!(order.len(), 5, "{order:?}");
    }

    #[test]
    fn cells_keep_their_kind_through_json() {
        let cells = vec![
            Cell::Null,
            Cell::Int(42),
            Cell::Real(1.0),
            Cell::Real(0.1),
            Cell::Text("2026-12-07 10:00:00+00".into()),
            Cell::Text(String::new()),
            Cell::Bytes {
                base64: vec![0, 1, 255],
            },
        ];
        let json = serde_json::to_string(&cells).unwrap();
        let back: Vec<Cell> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, cells, "{json}");
    }
}
