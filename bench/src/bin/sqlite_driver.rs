//! The SQLite driver question (decision 0056) by measurement: the reads an API read of a
//! response makes before its answer (the token's holder, the response by id, the
//! patient's units: three statements), run by 16 concurrent requests on a runtime of two
//! worker threads like the server's, for 10 seconds each way, on a copy of the demo
//! database with one patient's 120 responses:
//!
//! - **sqlx**: each statement on the pool (`fetch_all(&pool)`), as the store runs them: a
//!   channel crossing to the connection's own thread per statement and per row, and a
//!   ping when the connection goes back to the pool.
//! - **rusqlite, one hop per request**: a pool of four connections used from
//!   `spawn_blocking`; a request's three statements run in one crossing, from cached
//!   prepared statements.
//!
//! Prints requests a second and the process's CPU per request; `--write` puts the table
//! into docs/performance.md. rusqlite links the same libsqlite3-sys as sqlx.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use carepath_bench::process::carepath;

const CLIENTS: usize = 16;
const RUN: Duration = Duration::from_secs(10);

const HOLDER: &str = "SELECT u.id, u.username, u.display_name, r.role, r.unit_id, r.course_id
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     LEFT JOIN user_roles r ON r.user_id = u.id
     WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND t.revoked_at IS NULL
       AND u.disabled_at IS NULL
     ORDER BY r.role, r.unit_id, r.course_id";
const RESPONSE: &str = "SELECT id, patient_id, unit_id, version, authored_at, body
     FROM questionnaire_responses WHERE id = ?1";
const UNITS: &str = "SELECT unit_id FROM enrollments WHERE patient_id = ?1
     UNION SELECT unit_id FROM referrals WHERE patient_id = ?1
     UNION SELECT unit_id FROM procedures WHERE patient_id = ?1
     UNION SELECT managing_unit_id FROM patients WHERE id = ?1 AND managing_unit_id IS NOT NULL";

/// The process's CPU time so far (user and system), from /proc.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's closing parenthesis; utime and stime are 14 and 15.
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
    // Clock ticks of 10 ms (USER_HZ is 100 on Linux).
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

/// What one way of reading did: requests a second and CPU per request.
struct Result {
    per_second: f64,
    cpu_per_request: Duration,
}

/// Runs `request` from `CLIENTS` tasks for `RUN` and measures it.
async fn measure<F, Fut>(request: F) -> Result
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let request = Arc::new(request);
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let (start, cpu_start) = (Instant::now(), cpu());
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (request, stop, done) = (request.clone(), stop.clone(), done.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    request().await;
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    tokio::time::sleep(RUN).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.unwrap();
    }
    let (elapsed, used) = (start.elapsed(), cpu() - cpu_start);
    let n = done.load(Ordering::Relaxed).max(1);
    Result {
        per_second: n as f64 / elapsed.as_secs_f64(),
        cpu_per_request: used / u32::try_from(n).unwrap_or(u32::MAX),
    }
}

/// The token hash, a response id and its patient to read, from the demo database.
async fn inputs(db: &Path) -> anyhow::Result<(String, String, String)> {
    let c = rusqlite::Connection::open(db)?;
    let token: String = c.query_row("SELECT token_hash FROM api_tokens LIMIT 1", [], |r| {
        r.get(0)
    })?;
    let (id, patient): (String, String) = c.query_row(
        "SELECT id, patient_id FROM questionnaire_responses ORDER BY id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((token, id, patient))
}

fn main() -> anyhow::Result<()> {
    let write = std::env::args().any(|a| a == "--write");
    let dir = tempfile::tempdir()?;
    carepath(dir.path(), None, &["demo"])?;
    carepath(
        dir.path(),
        None,
        &["admin", "create-token", "--user", "kliniker1"],
    )?;
    let db = dir.path().join("carepath.db");
    // Two worker threads, as `carepath serve` has on this machine.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (sqlx_result, rusqlite_result) = runtime.block_on(async {
        let (token, id, patient) = inputs(&db).await?;
        let now = chrono::Utc::now();

        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&db)
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(10));
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        let (t, i, p) = (token.clone(), id.clone(), patient.clone());
        let sqlx_result = measure(move || {
            let (pool, t, i, p) = (pool.clone(), t.clone(), i.clone(), p.clone());
            async move {
                let holder = sqlx::query(HOLDER)
                    .bind(&t)
                    .bind(now)
                    .fetch_all(&pool)
                    .await
                    .unwrap();
                let response = sqlx::query(RESPONSE)
                    .bind(&i)
                    .fetch_all(&pool)
                    .await
                    .unwrap();
                let units = sqlx::query(UNITS).bind(&p).fetch_all(&pool).await.unwrap();
                assert!(!holder.is_empty() && response.len() == 1 && !units.is_empty());
            }
        })
        .await;

        let connections: Vec<rusqlite::Connection> = (0..4)
            .map(|_| {
                let c = rusqlite::Connection::open(&db)?;
                c.busy_timeout(Duration::from_secs(10))?;
                Ok(c)
            })
            .collect::<rusqlite::Result<_>>()?;
        let readers = Arc::new(Mutex::new(connections));
        let free = Arc::new(tokio::sync::Semaphore::new(4));
        let now_text = now.to_rfc3339_opts(chrono::SecondsFormat::Micros, false);
        let rusqlite_result = measure(move || {
            let (readers, free) = (readers.clone(), free.clone());
            let (t, i, p, now) = (token.clone(), id.clone(), patient.clone(), now_text.clone());
            async move {
                let _reader = free.acquire_owned().await.unwrap();
                tokio::task::spawn_blocking(move || {
                    let c = readers.lock().unwrap().pop().expect("a free reader");
                    let rows = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> usize {
                        let mut s = c.prepare_cached(sql).unwrap();
                        let mut rows = s.query(args).unwrap();
                        let mut n = 0;
                        while let Some(row) = rows.next().unwrap() {
                            let _: Option<String> = row.get(0).unwrap();
                            n += 1;
                        }
                        n
                    };
                    let holder = rows(HOLDER, &[&t, &now]);
                    let response = rows(RESPONSE, &[&i]);
                    let units = rows(UNITS, &[&p]);
                    assert!(holder > 0 && response == 1 && units > 0);
                    readers.lock().unwrap().push(c);
                })
                .await
                .unwrap();
            }
        })
        .await;
        anyhow::Ok((sqlx_result, rusqlite_result))
    })?;
    let text = format!(
        "Run: {}, {CLIENTS} concurrent requests on two worker threads, each reading the token's holder, a response by id and the patient's units (three statements), {} s each way, on the demo database.\n\n| driver | requests a second | CPU per request |\n|---|---:|---:|\n| sqlx 0.9 (a channel crossing per statement and row, a ping on release) | {:.0} | {} µs |\n| rusqlite 0.39, 4 connections, one `spawn_blocking` per request | {:.0} | {} µs |\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        RUN.as_secs(),
        sqlx_result.per_second,
        sqlx_result.cpu_per_request.as_micros(),
        rusqlite_result.per_second,
        rusqlite_result.cpu_per_request.as_micros(),
    );
    println!("{text}");
    if write {
        carepath_bench::write_section("sqlite-driver", &text)?;
    }
    Ok(())
}
