//! The outcome report and the research export over a large cohort, against a release
//! `carepath serve` process, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.
//!
//! Seeding: `carepath demo --cohort 1000 --seed 7` (made through the use cases), then the
//! synthetic cohort's rows (patients, referrals, enrollments, research consents, responses,
//! tasks, scores) copied with new ids until it holds `BENCH_RESPONSES` responses
//! (1,000,000 by default). Then, in the same run on the same rows:
//! - the report: `GET /rapporter/utfall.csv` of the IBS school as `kliniker1` (every score
//!   paired and unpaired, response rates, enrollments, referrals), against the bare SQL
//!   aggregate that reads the same scores once (band counts and mean per timepoint);
//! - the export: `GET /fhir/$export` as `forsker1` (every type, pseudonymised), polled
//!   until done, with the server's RSS sampled every 50 ms (the server restarted first so
//!   the report's memory does not count).
//!
//! `--write` puts the table into docs/performance.md; `BENCH_KEEP=1` keeps the data
//! directory (SQLite) for a closer look. `CAREPATH_BIN` names a release
//! build of the binary (`cargo xtask bench` builds it). Loopback only, bounded. Not a test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use carepath_bench::numbers;
use carepath_bench::process::{carepath, fresh_postgres, rss_kib, start};
use carepath_store::Backend;

/// The cohort made through the use cases before it is copied.
const COHORT: u32 = 1000;
/// How often the report and the bare aggregate are timed (after one warm-up each).
const RUNS: usize = 3;
/// The export is given this long before the benchmark gives up.
const EXPORT_LIMIT: Duration = Duration::from_secs(1800);

/// The database the server uses, opened beside it for seeding and the bare aggregate.
enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Db {
    fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    async fn exec(&self, sql: &str) -> anyhow::Result<u64> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        Ok(match self {
            Self::Sqlite(p) => sqlx::raw_sql(sql).execute(p).await?.rows_affected(),
            Self::Postgres(p) => sqlx::raw_sql(sql).execute(p).await?.rows_affected(),
        })
    }

    /// The first column of every row, as text.
    async fn texts(&self, sql: &str) -> anyhow::Result<Vec<String>> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        let rows: Vec<(String,)> = match self {
            Self::Sqlite(p) => sqlx::query_as(sql).fetch_all(p).await?,
            Self::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await?,
        };
        Ok(rows.into_iter().map(|(s,)| s).collect())
    }

    async fn count(&self, sql: &str) -> anyhow::Result<u64> {
        Ok(self
            .texts(&format!("SELECT CAST(({sql}) AS TEXT)"))
            .await?
            .first()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0))
    }

    async fn columns(&self, table: &str) -> anyhow::Result<Vec<String>> {
        self.texts(&match self {
            Self::Sqlite(_) => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
            Self::Postgres(_) => format!(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
                 WHERE table_name = '{table}' AND table_schema = current_schema() ORDER BY ordinal_position"
            ),
        })
        .await
    }
}

/// Columns that name a copied row: they get the copy's suffix.
const COPIED_IDS: [&str; 6] = [
    "id",
    "patient_id",
    "enrollment_id",
    "response_id",
    "referral_id",
    "nin_index",
];

/// Copies the cohort `copies` times with new ids (`<id>-c<n>`), parents before children.
async fn multiply(db: &Db, unit: &str, copies: u64) -> anyhow::Result<()> {
    let enrollments = format!("SELECT id FROM enrollments WHERE unit_id = '{unit}'");
    let patients = format!("SELECT patient_id FROM enrollments WHERE unit_id = '{unit}'");
    let tables = [
        ("patients", format!("x.id IN ({patients})")),
        (
            "referrals",
            format!("x.id IN (SELECT referral_id FROM enrollments WHERE unit_id = '{unit}')"),
        ),
        ("enrollments", format!("x.unit_id = '{unit}'")),
        ("research_consents", format!("x.patient_id IN ({patients})")),
        (
            "questionnaire_responses",
            format!("x.enrollment_id IN ({enrollments})"),
        ),
        ("tasks", format!("x.enrollment_id IN ({enrollments})")),
        (
            "observations",
            format!(
                "x.response_id IN (SELECT id FROM questionnaire_responses WHERE enrollment_id IN ({enrollments}))"
            ),
        ),
    ];
    let nums = numbers(db.backend(), copies);
    for (table, filter) in tables {
        let cols = db.columns(table).await?;
        let select: Vec<String> = cols
            .iter()
            .map(|c| {
                if COPIED_IDS.contains(&c.as_str()) {
                    format!("x.{c} || '-c' || CAST(n.i + 1 AS TEXT)")
                } else if c == "user_id" {
                    "NULL".to_owned()
                } else {
                    format!("x.{c}")
                }
            })
            .collect();
        let t = Instant::now();
        let rows = db
            .exec(&format!(
                "{nums} INSERT INTO {table} ({}) SELECT {} FROM {table} x CROSS JOIN n WHERE {filter}",
                cols.join(", "),
                select.join(", ")
            ))
            .await
            .with_context(|| format!("copying {table}"))?;
        eprintln!(
            "  {table}: {rows} rows in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    // What autovacuum would have done on a database in use: without it PostgreSQL's first
    // reads of the copied rows write their hint bits, and the timings measure that.
    db.exec(match db.backend() {
        Backend::Sqlite => "ANALYZE",
        Backend::Postgres => "VACUUM ANALYZE",
    })
    .await?;
    Ok(())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

struct Row {
    backend: &'static str,
    responses: u64,
    scores: u64,
    report_ms: f64,
    report_bytes: usize,
    bare_ms: f64,
    export_s: f64,
    resources: u64,
    files: usize,
    rss_idle: f64,
    rss_peak: f64,
}

async fn run(backend: &'static str, pg_admin: Option<&str>) -> anyhow::Result<Row> {
    let dir = tempfile::tempdir()?;
    let db_url = match pg_admin {
        Some(admin) => Some(fresh_postgres(admin, "carepath_bench_outcomes").await?),
        None => None,
    };
    let url = db_url.as_deref();
    let target: u64 = std::env::var("BENCH_RESPONSES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);

    let t = Instant::now();
    carepath(
        dir.path(),
        url,
        &["demo", "--cohort", &COHORT.to_string(), "--seed", "7"],
    )?;
    eprintln!(
        "{backend}: demo with a cohort of {COHORT} in {:.0} s",
        t.elapsed().as_secs_f64()
    );
    let db = match url {
        Some(u) => Db::Postgres(sqlx::PgPool::connect(u).await?),
        None => Db::Sqlite(
            sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(
                    sqlx::sqlite::SqliteConnectOptions::new()
                        .filename(dir.path().join("carepath.db"))
                        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                        .foreign_keys(true)
                        .busy_timeout(Duration::from_secs(30)),
                )
                .await?,
        ),
    };
    let unit = db
        .texts("SELECT id FROM units WHERE name = 'Mage-tarmskolen, syntetisk kohort'")
        .await?
        .pop()
        .context("the cohort's unit")?;
    let in_cohort = |what: &str| {
        format!(
            "SELECT COUNT(*) FROM {what} WHERE enrollment_id IN (SELECT id FROM enrollments WHERE unit_id = '{unit}')"
        )
    };
    let base = db.count(&in_cohort("questionnaire_responses")).await?;
    let copies = target.div_ceil(base.max(1)).saturating_sub(1);
    let t = Instant::now();
    eprintln!("{backend}: {base} responses in the cohort; copying it {copies} times");
    if copies > 0 {
        multiply(&db, &unit, copies).await?;
    }
    let responses = db.count(&in_cohort("questionnaire_responses")).await?;
    eprintln!(
        "{backend}: {responses} responses after {:.0} s",
        t.elapsed().as_secs_f64()
    );

    // The questionnaires the report counts: those asked once at fixed times.
    let package = carepath_test_support::ibs_package();
    let mut keys: Vec<String> = package
        .definition
        .schedule
        .iter()
        .filter(|e| e.every.is_none())
        .map(|e| format!("'{}'", e.questionnaire))
        .collect();
    keys.dedup();
    let units = db
        .texts(
            "SELECT r.unit_id FROM user_roles r JOIN users u ON u.id = r.user_id
             WHERE u.username = 'kliniker1' AND r.role = 'clinician' AND r.unit_id IS NOT NULL",
        )
        .await?
        .iter()
        .map(|u| format!("'{u}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let bare_sql = format!(
        "SELECT CAST(t.schedule_entry AS TEXT) || o.code || COALESCE(o.band, '') || CAST(COUNT(*) AS TEXT) || CAST(AVG(o.value) AS TEXT)
         FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id
         JOIN observations o ON o.response_id = t.response_id
         WHERE t.status = 'completed' AND t.questionnaire_key IN ({})
           AND e.unit_id IN ({units})
           AND e.program_version_id IN (SELECT v.id FROM program_versions v JOIN programs p ON p.id = v.program_id WHERE p.key = 'ibs-school')
         GROUP BY t.schedule_entry, o.code, o.band",
        keys.join(", ")
    );
    let scores = db
        .count(&format!(
            "SELECT COUNT(*) FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id
             JOIN observations o ON o.response_id = t.response_id
             WHERE t.status = 'completed' AND t.questionnaire_key IN ({}) AND e.unit_id IN ({units})",
            keys.join(", ")
        ))
        .await?;

    let clinician = carepath(
        dir.path(),
        url,
        &["admin", "create-token", "--user", "kliniker1"],
    )?;
    let researcher = carepath(
        dir.path(),
        url,
        &["admin", "create-token", "--user", "forsker1"],
    )?;

    // The report over HTTP, then the bare aggregate on an idle server.
    let server = start(dir.path(), url).await?;
    let client = reqwest::Client::new();
    let report_url = format!(
        "{}/rapporter/utfall.csv?program=https://carepath.no/fhir/PlanDefinition/ibs-school",
        server.base
    );
    let mut times = Vec::new();
    let mut report_bytes = 0;
    for i in 0..=RUNS {
        let t = Instant::now();
        let res = client
            .get(&report_url)
            .header("authorization", format!("Bearer {clinician}"))
            .send()
            .await?;
        let status = res.status();
        let body = res.bytes().await?;
        if !status.is_success() {
            bail!("the report answered {status}");
        }
        report_bytes = body.len();
        if i > 0 {
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let report_ms = median(times);
    let mut times = Vec::new();
    for i in 0..=RUNS {
        let t = Instant::now();
        let rows = db.texts(&bare_sql).await?;
        assert!(!rows.is_empty());
        if i > 0 {
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let bare_ms = median(times);
    eprintln!(
        "{backend}: report {report_ms:.0} ms ({report_bytes} bytes), bare aggregate {bare_ms:.0} ms over {scores} scores"
    );
    drop(server);

    // The export, on a server that has done nothing else.
    let server = start(dir.path(), url).await?;
    let pid = server.child.id();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_idle = rss_kib(pid) as f64 / 1024.0;
    let stop = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (stop, peak) = (stop.clone(), peak.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };
    let t = Instant::now();
    let res = client
        .get(format!("{}/fhir/$export", server.base))
        .header("authorization", format!("Bearer {researcher}"))
        .header("prefer", "respond-async")
        .header("accept", "application/fhir+json")
        .send()
        .await?;
    if res.status() != reqwest::StatusCode::ACCEPTED {
        bail!("the export kick-off answered {}", res.status());
    }
    let poll = res
        .headers()
        .get("content-location")
        .and_then(|v| v.to_str().ok())
        .context("the kick-off's Content-Location")?
        .to_owned();
    let manifest: serde_json::Value = loop {
        if t.elapsed() > EXPORT_LIMIT {
            bail!("the export did not finish in {} s", EXPORT_LIMIT.as_secs());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let res = client
            .get(&poll)
            .header("authorization", format!("Bearer {researcher}"))
            .send()
            .await?;
        match res.status() {
            reqwest::StatusCode::ACCEPTED => {}
            reqwest::StatusCode::OK => break serde_json::from_slice(&res.bytes().await?)?,
            other => bail!("the export's status answered {other}"),
        }
    };
    let export_s = t.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    sampler.await?;
    let output = manifest["output"].as_array().context("the manifest")?;
    let resources: u64 = output.iter().filter_map(|f| f["count"].as_u64()).sum();
    let rss_peak = peak.load(Ordering::Relaxed) as f64 / 1024.0;
    eprintln!(
        "{backend}: export of {resources} resources in {} files, {export_s:.0} s, server RSS {rss_idle:.0} MiB idle, {rss_peak:.0} MiB peak",
        output.len()
    );
    drop(server);
    if std::env::var_os("BENCH_KEEP").is_some() {
        eprintln!("{backend}: kept {}", dir.keep().display());
    }
    Ok(Row {
        backend,
        responses,
        scores,
        report_ms,
        report_bytes,
        bare_ms,
        export_s,
        resources,
        files: output.len(),
        rss_idle,
        rss_peak,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let write = std::env::args().any(|a| a == "--write");
    let mut rows = vec![run("sqlite", None).await?];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL")
        && !url.is_empty()
    {
        rows.push(run("postgres", Some(&url)).await?);
    }
    let mut table = String::from(
        "| backend | responses | scores counted | report (ms) | bare SQL aggregate (ms) | report / bare | export: resources | files | time (s) | server RSS idle / peak (MiB) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in &rows {
        table.push_str(&format!(
            "| {} | {} | {} | {:.0} | {:.0} | {:.1}x | {} | {} | {:.0} | {:.0} / {:.0} |\n",
            r.backend,
            r.responses,
            r.scores,
            r.report_ms,
            r.bare_ms,
            r.report_ms / r.bare_ms.max(0.001),
            r.resources,
            r.files,
            r.export_s,
            r.rss_idle,
            r.rss_peak
        ));
    }
    let header = format!(
        "Run: {}, release build, `carepath serve` as its own process on 127.0.0.1. The report is the median of {RUNS} `GET /rapporter/utfall.csv` of the IBS school after one warm-up ({} bytes of CSV); the bare aggregate, the median of {RUNS} runs of one `GROUP BY` over the same scores (band counts and mean per timepoint). The export is `GET /fhir/$export` of every type, timed from the kick-off to the manifest.\n\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        rows.first().map_or(0, |r| r.report_bytes)
    );
    println!("{header}{table}");
    if write {
        carepath_bench::write_section("outcomes", &format!("{header}{table}"))?;
    }
    Ok(())
}
