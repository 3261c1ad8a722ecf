//! carepath's storage on SQLite (the embedded default) and PostgreSQL.
//!
//! Queries are written once as runtime-checked SQL with `$1` placeholders, which both
//! drivers accept, and run through [`on_pool!`]/[`in_tx!`], which expand the same code for
//! each backend. Dialects branch only where they truly differ. The same conformance suite
//! (`tests/it/`) runs on both databases.

pub mod activity;
pub mod alert;
pub mod appointment;
pub mod audit;
pub mod consultation;
pub mod course;
pub mod course_evaluation;
pub mod credentials;
mod crypto;
mod db;
pub mod dissemination;
pub mod emergency;
pub mod enquiry;
pub mod enrollment;
pub mod export;
pub mod letter;
pub mod measurement;
pub mod message;
pub mod meta;
pub mod oidc;
pub mod organization;
pub mod outbox;
pub mod outcome;
pub mod participation;
pub mod patient;
pub mod plan;
pub mod procedure;
pub mod program;
pub mod public;
pub mod questionnaire;
mod readers;
pub mod research;
pub mod response;
pub mod retention;
mod secret;
pub mod session;
pub mod staff;
pub mod task;
pub mod token;
pub mod user;
pub mod worklist;

pub use crypto::{DataKey, KeyError};
pub use db::{Backend, Store};

/// What can go wrong in storage. Messages never carry patient data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// From the SQLite readers (decision 0056).
    #[error("database error: {0}")]
    Read(#[from] rusqlite::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("the record was changed by someone else; reload and try again")]
    Conflict,
    #[error("{0} already exists")]
    Duplicate(&'static str),
    #[error("{0} was not found")]
    NotFound(&'static str),
    #[error("{0} database migration(s) are not applied yet; run `carepath migrate` first")]
    Pending(usize),
    #[error("the data key does not match this database: {0}")]
    WrongKey(String),
    /// The operating system refused a thread or runtime for a batch.
    #[error("the system could not start a batch: {0}")]
    System(#[from] std::io::Error),
}

impl StoreError {
    /// Whether the database cannot be reached or cannot store anything now (PostgreSQL
    /// down or restarting, the pool exhausted, SQLite's disk full): the request may
    /// succeed later, and nothing of it was saved.
    pub fn is_unavailable(&self) -> bool {
        if let StoreError::Read(rusqlite::Error::SqliteFailure(e, _)) = self {
            return readers::transient(e.extended_code);
        }
        let StoreError::Database(e) = self else {
            return false;
        };
        match e {
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_) => true,
            sqlx::Error::Database(db) => {
                if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
                    // Connection exceptions (08), shutting down or starting up (57P), out
                    // of disk or memory (53).
                    let code = pg.code();
                    code.starts_with("08") || code.starts_with("57P") || code.starts_with("53")
                } else if let Some(sqlite) = db.try_downcast_ref::<sqlx::sqlite::SqliteError>() {
                    sqlx::error::DatabaseError::code(sqlite)
                        .and_then(|c| c.parse::<i32>().ok())
                        .is_some_and(readers::transient)
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    /// Maps a unique-constraint violation to [`StoreError::Duplicate`].
    pub(crate) fn unique(e: sqlx::Error, what: &'static str) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate(what),
            _ => StoreError::Database(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// `s` with `\`, `%` and `_` escaped, to match literally in a pattern with
/// `LIKE ... ESCAPE '\'` (the searches add their own `%`).
pub(crate) fn like_literal(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// What every FHIR search can narrow by: `_id` (any of the ids) and `_lastUpdated`
/// (inclusive bounds on when the record was last written).
#[derive(Debug, Clone, Default)]
pub struct Common {
    pub ids: Vec<String>,
    pub updated_from: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_until: Option<chrono::DateTime<chrono::Utc>>,
}

impl Common {
    /// The clauses over the columns `id` and `updated`, with the binds `$n` (the ids,
    /// [`Common::ids`]), `$n+1` and `$n+2` (the bounds).
    pub(crate) fn sql(&self, id: &str, updated: &str, n: usize) -> String {
        format!(
            "{} AND (${f} IS NULL OR {updated} >= ${f}) AND (${u} IS NULL OR {updated} <= ${u})",
            one_of(id, n, &self.ids),
            f = n + 1,
            u = n + 2
        )
    }

    /// Whether a record with `id`, last written at `updated` (`None`: not known, which
    /// no `_lastUpdated` bound admits), is one these ask for; for the searches that
    /// filter what they read rather than in SQL.
    pub fn admits(&self, id: &str, updated: Option<chrono::DateTime<chrono::Utc>>) -> bool {
        (self.ids.is_empty() || self.ids.iter().any(|i| i == id))
            && self
                .updated_from
                .is_none_or(|f| updated.is_some_and(|u| u >= f))
            && self
                .updated_until
                .is_none_or(|t| updated.is_some_and(|u| u <= t))
    }

    /// The ids as one bind.
    pub(crate) fn ids(&self) -> Option<String> {
        joined(&self.ids)
    }

    /// The three binds as text, for the SQLite readers.
    pub(crate) fn texts(&self) -> [Option<String>; 3] {
        [
            self.ids(),
            self.updated_from.map(readers::time),
            self.updated_until.map(readers::time),
        ]
    }
}

/// `column` is one of `values` (a FHIR search's OR list), as SQL over the one bind `$n`
/// that [`joined`] makes: the statement is the same however many values are asked for
/// (one is a plain equality, so an index serves it). The values are compared whole,
/// between commas; the column's values (ids, status codes) hold no comma, `%` or `_`.
pub(crate) fn one_of(column: &str, n: usize, values: &[String]) -> String {
    match values.len() {
        0 => format!("${n} IS NULL"),
        1 => format!("{column} = ${n}"),
        _ => format!("(',' || ${n} || ',') LIKE ('%,' || {column} || ',%')"),
    }
}

/// `values` as the one bind of [`one_of`].
pub(crate) fn joined(values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| values.join(","))
}

/// A page of a list.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

/// One page of a FHIR search: the records, whether more follow, and how many match in all
/// when that was counted (a count reads every match, so a search counts only when asked,
/// or when this page holds the rest).
#[derive(Debug, Clone)]
pub struct Found<T> {
    pub items: Vec<T>,
    pub total: Option<i64>,
    pub more: bool,
}

impl<T> Found<T> {
    /// `rows` read with a limit of `count + 1` from `offset`; `counted` when the caller
    /// counted every match.
    pub(crate) fn page(mut rows: Vec<T>, offset: i64, count: i64, counted: Option<i64>) -> Self {
        let more = rows.len() as i64 > count.max(0);
        rows.truncate(count.max(0) as usize);
        let total = counted.or_else(|| {
            (!more && (offset == 0 || !rows.is_empty())).then(|| offset + rows.len() as i64)
        });
        Self {
            items: rows,
            total,
            more,
        }
    }
}

pub(crate) fn parse_id<T>(s: &str) -> Result<carepath_domain::Id<T>> {
    s.parse()
        .map_err(|_| StoreError::Corrupt("an id is not a UUID".into()))
}
