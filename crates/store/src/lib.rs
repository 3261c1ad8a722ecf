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
pub mod copy;
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
pub mod history;
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
pub use db::{Backend, Store, latest_schema_version};

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
    /// A restore or a move must write into a database that holds no table yet.
    #[error(
        "the target database is not empty: it already holds tables; give an empty database (or a new schema)"
    )]
    NotEmpty,
    /// Rows from a schema version this carepath does not know (a newer one).
    #[error(
        "the data comes from database schema version {0}, which this carepath does not know; use the carepath version that made it, or a newer one"
    )]
    UnknownSchema(i64),
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

/// A date search's bounds: `from` and `until` inclusive (`None` open), and the
/// intervals (both ends inclusive) that `ne` leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct Dates<T> {
    pub from: Option<T>,
    pub until: Option<T>,
    pub except: Vec<(T, T)>,
}

impl<T> Default for Dates<T> {
    fn default() -> Self {
        Dates {
            from: None,
            until: None,
            except: Vec::new(),
        }
    }
}

impl<T: PartialOrd + Copy> Dates<T> {
    /// Whether a record dated `at` (`None`: no date, which no bound admits) is in.
    pub fn admits(&self, at: Option<T>) -> bool {
        let unbounded = self.from.is_none() && self.until.is_none() && self.except.is_empty();
        unbounded
            || at.is_some_and(|t| {
                self.from.is_none_or(|f| t >= f)
                    && self.until.is_none_or(|u| t <= u)
                    && !self.except.iter().any(|(lo, hi)| t >= *lo && t <= *hi)
            })
    }

    /// The same bounds, each mapped by `f`.
    pub fn map<U>(&self, f: impl Fn(T) -> U) -> Dates<U> {
        Dates {
            from: self.from.map(&f),
            until: self.until.map(&f),
            except: self
                .except
                .iter()
                .map(|(lo, hi)| (f(*lo), f(*hi)))
                .collect(),
        }
    }
}

impl<T: DateLiteral> Dates<T> {
    /// The clauses over `column`: the bounds over the binds `$n` and `$n+1`, and each
    /// excluded interval as [`outside`] writes it.
    pub(crate) fn sql(&self, column: &str, n: usize) -> String {
        let mut sql = format!(
            "(${n} IS NULL OR {column} >= ${n}) AND (${u} IS NULL OR {column} <= ${u})",
            u = n + 1
        );
        sql.push_str(&outside(column, &self.except));
        sql
    }
}

impl<T: DateLiteral> Dates<T> {
    /// The same clauses as [`Dates::sql`] with the bounds written in as literals too, for
    /// a search whose binds are all text (see [`outside`] for why that is safe).
    pub(crate) fn literal_sql(&self, column: &str) -> String {
        let mut sql = String::from("1 = 1");
        if let Some(from) = &self.from {
            sql.push_str(&format!(" AND {column} >= '{}'", from.literal()));
        }
        if let Some(until) = &self.until {
            sql.push_str(&format!(" AND {column} <= '{}'", until.literal()));
        }
        sql.push_str(&outside(column, &self.except));
        sql
    }
}

/// ` AND` clauses that keep `column` outside each of the `except` intervals (both ends
/// inclusive), written in as literals: they are dates the server formatted, never a
/// caller's text, so the statement stays safe, and a search without `ne` keeps one
/// statement.
pub(crate) fn outside<T: DateLiteral>(column: &str, except: &[(T, T)]) -> String {
    except
        .iter()
        .map(|(lo, hi)| {
            format!(
                " AND NOT ({column} >= '{}' AND {column} <= '{}')",
                lo.literal(),
                hi.literal()
            )
        })
        .collect()
}

impl Dates<chrono::DateTime<chrono::Utc>> {
    /// The two bound binds as text, for the SQLite readers.
    pub(crate) fn texts(&self) -> [Option<String>; 2] {
        [self.from.map(readers::time), self.until.map(readers::time)]
    }
}

/// A date as an SQL literal both databases compare with its column: RFC 3339 as sqlx
/// writes a time to SQLite (PostgreSQL reads it as a `timestamptz`), and `YYYY-MM-DD`
/// for a day.
pub trait DateLiteral {
    fn literal(&self) -> String;
}

impl DateLiteral for chrono::DateTime<chrono::Utc> {
    fn literal(&self) -> String {
        readers::time(*self)
    }
}

impl DateLiteral for chrono::NaiveDate {
    fn literal(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

/// What every FHIR search can narrow by: `_id` (any of the ids) and `_lastUpdated`
/// (when the record was last written).
#[derive(Debug, Clone, Default)]
pub struct Common {
    pub ids: Vec<String>,
    pub updated: Dates<chrono::DateTime<chrono::Utc>>,
}

impl Common {
    /// The clauses over the columns `id` and `updated`, with the binds `$n` (the ids,
    /// [`Common::ids`]), `$n+1` and `$n+2` (the bounds).
    pub(crate) fn sql(&self, id: &str, updated: &str, n: usize) -> String {
        format!(
            "{} AND {}",
            one_of(id, n, &self.ids),
            self.updated.sql(updated, n + 1)
        )
    }

    /// Whether a record with `id`, last written at `updated` (`None`: not known, which
    /// no `_lastUpdated` bound admits), is one these ask for; for the searches that
    /// filter what they read rather than in SQL.
    pub fn admits(&self, id: &str, updated: Option<chrono::DateTime<chrono::Utc>>) -> bool {
        (self.ids.is_empty() || self.ids.iter().any(|i| i == id)) && self.updated.admits(updated)
    }

    /// The ids as one bind.
    pub(crate) fn ids(&self) -> Option<String> {
        joined(&self.ids)
    }

    /// The three binds as text, for the SQLite readers.
    pub(crate) fn texts(&self) -> [Option<String>; 3] {
        let [from, until] = self.updated.texts();
        [self.ids(), from, until]
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

#[cfg(test)]
mod tests {
    use super::Dates;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn dates_admit_what_their_bounds_and_exclusions_let_in() {
        let dates = Dates {
            from: Some(day(2)),
            until: Some(day(20)),
            except: vec![(day(5), day(6))],
        };
        let admitted: Vec<u32> = (1..=22).filter(|d| dates.admits(Some(day(*d)))).collect();
        assert_eq!(
            admitted,
            [2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
        );
        assert!(
            !dates.admits(None),
            "a bound admits no record without a date"
        );
        assert!(Dates::<NaiveDate>::default().admits(None));
        assert_eq!(
            dates.sql("d", 3),
            "($3 IS NULL OR d >= $3) AND ($4 IS NULL OR d <= $4) \
             AND NOT (d >= '2026-12-05' AND d <= '2026-12-06')"
        );
    }
}
