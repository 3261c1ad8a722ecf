//! The reference FHIR load (`bench/peer-load/`: the wrk scripts, bodies, patients,
//! concurrency and duration a widely used FHIR server was measured with) against a release
//! `carepath serve` as its own process, on SQLite and (with `TEST_DATABASE_URL`)
//! PostgreSQL: create a response, create a measurement, search responses 20 per page, read
//! a response, each at 16 and 64 connections. In the same run, on the same database, the
//! bare limit of the same work: durable transactions writing the same rows, or the same
//! query read by 16 connections, without HTTP or checks. `--write` puts the table into
//! docs/performance.md. Needs `wrk` (Debian package). Loopback only, bounded in time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use carepath_bench::process::{Server, carepath, fresh_postgres, rss_kib, start};

/// Seconds per measured run (the reference ran 20); `BENCH_SECONDS` shortens it.
fn seconds() -> u64 {
    std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20)
}
const WARMUP: u64 = 5;
const BARE: Duration = Duration::from_secs(10);
const PATIENTS: usize = 100;
const RESPONSES_PER_PATIENT: usize = 120;

/// The four workloads: name, wrk script, and the reference server's figures (c16 and c64
/// requests a second, c64 p99 ms) from `bench/peer-load/README.md`.
const WORKLOADS: [(&str, &str, &str, &str, &str); 4] = [
    (
        "create a response",
        "post_qr.lua",
        "235-277",
        "297-301",
        "351-444",
    ),
    (
        "create a measurement",
        "post_obs.lua",
        "102-135",
        "104-110",
        "922",
    ),
    (
        "search responses, 20 of ~120",
        "get_search.lua",
        "215-244",
        "200-236",
        "509-539",
    ),
    (
        "read a response",
        "get_read.lua",
        "743",
        "591-806",
        "216-227",
    ),
];

/// The targets on this machine (the reference x 20, p99 / 20): c64 requests a second and
/// c64 p99 ms, on SQLite.
const TARGETS: [(f64, f64); 4] = [
    (6000.0, 18.0),
    (2500.0, 45.0),
    (4500.0, 25.0),
    (14000.0, 11.0),
];

#[derive(Debug, Default, Clone)]
struct Run {
    rate: f64,
    p50: f64,
    p99: f64,
    errors: u64,
    rss: f64,
    cpu_ms: f64,
}

/// One bounded wrk run of `script` at `connections` for `secs`, from `work` (where the
/// scripts, `patients.txt` and `qr_ids.txt` are), with the server's peak RSS and its CPU
/// time per request.
fn wrk(
    work: &Path,
    server: &Server,
    token: &str,
    script: &str,
    connections: usize,
    secs: u64,
) -> anyhow::Result<Run> {
    wrk_with(work, server, token, script, connections, secs, None)
}

/// As [`wrk`], every request for `patient` when given (`FIXED_PATIENT`).
fn wrk_with(
    work: &Path,
    server: &Server,
    token: &str,
    script: &str,
    connections: usize,
    secs: u64,
    patient: Option<&str>,
) -> anyhow::Result<Run> {
    let pid = server.child.id();
    let stop = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (stop, peak) = (stop.clone(), peak.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let cpu0 = cpu_ticks(pid);
    let out = Command::new("timeout")
        .arg((secs + 15).to_string())
        .args(["wrk", "-t1", &format!("-c{connections}")])
        .arg(format!("-d{secs}s"))
        .args(["--timeout", "10s", "-s", script, &server.base])
        .env("TOKEN", token)
        .env("RTYPE", "QuestionnaireResponse")
        .envs(patient.map(|p| ("FIXED_PATIENT", p)))
        // For one patient, pages of 10: the same number of entries for a history of 10
        // as for one of 1,000 (the last `_count` counts).
        .envs(patient.map(|_| ("EXTRA", "&_count=10")))
        .current_dir(work)
        .output()
        .context("run wrk (apt-get install wrk)")?;
    let cpu1 = cpu_ticks(pid);
    stop.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(line) = text.lines().find(|l| l.starts_with("RESULT ")) else {
        bail!(
            "wrk {script} gave no result: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let field = |name: &str| -> f64 {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    let requests = field("reqs");
    Ok(Run {
        rate: field("rps"),
        p50: field("p50_ms"),
        p99: field("p99_ms"),
        errors: ["errors_status", "connect", "read", "write", "timeout"]
            .iter()
            .map(|f| field(f) as u64)
            .sum(),
        rss: peak.load(Ordering::Relaxed) as f64 / 1024.0,
        cpu_ms: (cpu1 - cpu0) as f64 * 10.0 / requests.max(1.0),
    })
}

/// A process's user and system CPU time in clock ticks (1/100 s).
fn cpu_ticks(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        })
        .unwrap_or(0)
}

/// A fresh database with the demo, a server on it, the bench questionnaire and 100
/// patients made through the API (as `patients.py` makes them); their ids are written to
/// `work/patients.txt`.
struct Setup {
    _dir: tempfile::TempDir,
    dir: std::path::PathBuf,
    url: Option<String>,
    server: Server,
    token: String,
    patients: Vec<String>,
    /// Two patients outside the load, for the search by length of history.
    extra: Vec<String>,
}

async fn setup(work: &Path, pg_admin: Option<&str>, name: &str) -> anyhow::Result<Setup> {
    let dir = tempfile::tempdir()?;
    let url = match pg_admin {
        Some(admin) => Some(fresh_postgres(admin, name).await?),
        None => None,
    };
    let db = url.as_deref();
    if db.is_some() {
        carepath(dir.path(), db, &["migrate"])?;
    }
    carepath(dir.path(), db, &["demo"])?;
    let author = carepath(
        dir.path(),
        db,
        &["admin", "create-token", "--user", "forfatter1"],
    )?;
    let token = carepath(
        dir.path(),
        db,
        &["admin", "create-token", "--user", "kliniker1"],
    )?;
    let server = start(dir.path(), db).await?;
    let client = reqwest::Client::new();
    let questionnaire = std::fs::read_to_string(work.join("questionnaire.json"))?;
    let res = client
        .post(format!("{}/fhir/Questionnaire", server.base))
        .bearer_auth(&author)
        .header("content-type", "application/fhir+json")
        .body(questionnaire)
        .send()
        .await?;
    if !res.status().is_success() {
        bail!("the bench questionnaire was refused: {}", res.text().await?);
    }
    let mut patients = Vec::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(1960, 1, 1).unwrap();
    let mut individual = 100;
    // Two more, outside the load: one with a short history, one with a long one.
    while patients.len() < PATIENTS + 2 {
        individual += 1;
        let Some(nin) = carepath_domain::NationalIdNumber::complete(&format!(
            "{}{individual:03}",
            day.format("%d%m%y")
        )) else {
            continue;
        };
        let body = serde_json::json!({
            "resourceType": "Patient",
            "identifier": [{ "system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": nin.expose() }],
            "name": [{ "family": "Bench", "given": [format!("P{}", patients.len())] }],
            "birthDate": day.to_string(),
        });
        let res: serde_json::Value = serde_json::from_slice(
            &client
                .post(format!("{}/fhir/Patient", server.base))
                .bearer_auth(&token)
                .header("content-type", "application/fhir+json")
                .body(body.to_string())
                .send()
                .await?
                .bytes()
                .await?,
        )?;
        patients.push(
            res["id"]
                .as_str()
                .with_context(|| format!("a patient was refused: {res}"))?
                .to_owned(),
        );
        day += chrono::Duration::days(37);
    }
    let extra = patients.split_off(PATIENTS);
    std::fs::write(work.join("patients.txt"), patients.join("\n") + "\n")?;
    Ok(Setup {
        dir: dir.path().to_path_buf(),
        _dir: dir,
        url,
        server,
        token,
        patients,
        extra,
    })
}

/// The seeded responses of the reads: 120 per patient, as `run.sh` seeds them; returns
/// the first response of each patient (the ids `get_read.lua` reads).
async fn seed(s: &Setup, patients: &[String], per_patient: usize) -> anyhow::Result<Vec<String>> {
    let codes = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];
    let client = reqwest::Client::new();
    let total = per_patient * patients.len();
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (client, next, base, token, patients) = (
            client.clone(),
            next.clone(),
            s.server.base.clone(),
            s.token.clone(),
            patients.to_vec(),
        );
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed) as usize;
                if i >= total {
                    break;
                }
                let body = serde_json::json!({
                    "resourceType": "QuestionnaireResponse",
                    "questionnaire": "http://example.org/Questionnaire/phq-2-bench|1",
                    "status": "completed",
                    "subject": { "reference": format!("Patient/{}", patients[i % patients.len()]) },
                    "authored": format!("2024-05-{:02}T10:00:00Z", 1 + i % 28),
                    "item": [
                        { "linkId": "q1", "answer": [{ "valueCoding": { "system": "http://loinc.org", "code": codes[i % 4] } }] },
                        { "linkId": "q2", "answer": [{ "valueCoding": { "system": "http://loinc.org", "code": codes[(i + 1) % 4] } }] },
                        { "linkId": "q3", "answer": [{ "valueInteger": i % 7 }] },
                        { "linkId": "q4", "answer": [{ "valueString": format!("seed response {i}") }] }
                    ]
                });
                let res: serde_json::Value = serde_json::from_slice(&client
                    .post(format!("{base}/fhir/QuestionnaireResponse"))
                    .bearer_auth(&token)
                    .header("content-type", "application/fhir+json")
                    .body(body.to_string())
                    .send()
                    .await?
                    .bytes()
                    .await?)?;
                let id = res["id"]
                    .as_str()
                    .with_context(|| format!("a seed response was refused: {res}"))?;
                ids.push((i, id.to_owned()));
            }
            anyhow::Ok(ids)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    all.sort();
    Ok(all
        .into_iter()
        .take(patients.len())
        .map(|(_, id)| id)
        .collect())
}

/// What a bare writer or reader does once: `$op(pool, i)`, from `$workers` tasks for
/// `BARE`; the rate a second.
macro_rules! bare {
    ($pool:expr, $workers:expr, $op:expr) => {{
        let stop = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicU64::new(0));
        let started = Instant::now();
        let mut tasks = Vec::new();
        let op = $op;
        for w in 0..$workers {
            let (pool, stop, done, op) = ($pool.clone(), stop.clone(), done.clone(), op.clone());
            tasks.push(tokio::spawn(async move {
                let mut i: u64 = 0;
                while !stop.load(Ordering::Relaxed) {
                    op(&pool, w, i).await;
                    i += 1;
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }));
        }
        tokio::time::sleep(BARE).await;
        stop.store(true, Ordering::Relaxed);
        for t in tasks {
            t.await.unwrap();
        }
        done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
    }};
}

/// The bare limits on the database of `s` (after its server stopped): a durable
/// transaction writing a response (row, history, access event and chain head) and one
/// writing a measurement (the same for an Observation), from 64 writers each with its
/// own chain; the search's query and the read's query from 16 readers.
macro_rules! bare_limits {
    ($pool:expr, $begin:expr, $patients:expr, $reads:expr, $kind:expr) => {{
        let patients: Arc<Vec<String>> = Arc::new($patients);
        let reads: Arc<Vec<String>> = Arc::new($reads);
        let (questionnaire,): (String,) =
            sqlx::query_as("SELECT id FROM questionnaires WHERE url = 'http://example.org/Questionnaire/phq-2-bench'")
                .fetch_one(&$pool)
                .await?;
        let (unit,): (String,) =
            sqlx::query_as("SELECT r.unit_id FROM user_roles r JOIN users u ON u.id = r.user_id
                            WHERE u.username = 'kliniker1' AND r.unit_id IS NOT NULL LIMIT 1")
                .fetch_one(&$pool)
                .await?;
        let body = serde_json::json!({ "resourceType": "QuestionnaireResponse", "status": "completed",
            "item": [{ "linkId": "q3", "answer": [{ "valueInteger": 3 }] }] });
        let write = |table: &'static str| {
            let (patients, questionnaire, body) = (patients.clone(), questionnaire.clone(), body.clone());
            move |pool: &_, w: usize, i: u64| {
                let (patients, questionnaire, body) = (patients.clone(), questionnaire.clone(), body.clone());
                let pool = Clone::clone(pool);
                async move {
                    let chain = format!("bare-{table}-{w}");
                    let patient = &patients[(w + i as usize) % patients.len()];
                    let id = carepath_domain::Id::<()>::new().to_string();
                    let now = chrono::Utc::now();
                    let mut tx = $begin(&pool).await.unwrap();
                    if table == "questionnaire_responses" {
                        sqlx::query("INSERT INTO questionnaire_responses (id, patient_id, enrollment_id, questionnaire_id, status, body, authored_at, version)
                                     VALUES ($1, $2, NULL, $3, 'completed', $4, $5, 1)")
                            .bind(&id).bind(patient).bind(&questionnaire).bind(sqlx::types::Json(&body)).bind(now)
                            .execute(&mut *tx).await.unwrap();
                    } else {
                        sqlx::query("INSERT INTO observations (id, patient_id, response_id, code, value, band, effective_at, body, version, codes)
                                     VALUES ($1, $2, NULL, 'heart-rate', 72, NULL, $3, $4, 1, ' x|8867-4 ')")
                            .bind(&id).bind(patient).bind(now).bind(sqlx::types::Json(&body))
                            .execute(&mut *tx).await.unwrap();
                    }
                    sqlx::query("INSERT INTO record_history (resource_type, resource_id, version, recorded_at, recorded_by, body)
                                 VALUES ($1, $2, 1, $3, NULL, $4)")
                        .bind(table).bind(&id).bind(now).bind(sqlx::types::Json(&body))
                        .execute(&mut *tx).await.unwrap();
                    let (seq,): (i64,) = sqlx::query_as(
                        "INSERT INTO audit_chains (chain_id, last_seq, last_hash) VALUES ($1, 1, 'h')
                         ON CONFLICT (chain_id) DO UPDATE SET last_seq = audit_chains.last_seq + 1 RETURNING last_seq")
                        .bind(&chain).fetch_one(&mut *tx).await.unwrap();
                    sqlx::query("INSERT INTO audit_events (chain_id, seq, recorded_at, actor_user_id, actor_role, actor_unit_id,
                                     patient_id, action, resource_type, resource_id, reason, prev_hash, hash, session_ref)
                                 VALUES ($1, $2, $3, 'bench', 'clinician', NULL, $4, 'create', $5, $6, NULL, 'p', 'h', NULL)")
                        .bind(&chain).bind(seq).bind(now).bind(patient).bind(table).bind(&id)
                        .execute(&mut *tx).await.unwrap();
                    tx.commit().await.unwrap();
                }
            }
        };
        let responses = bare!($pool, 64, write("questionnaire_responses"));
        eprintln!("{}: bare response writes {responses:.0}/s", $kind);
        let measurements = bare!($pool, 64, write("observations"));
        eprintln!("{}: bare measurement writes {measurements:.0}/s", $kind);
        let search = {
            let (patients, unit) = (patients.clone(), unit.clone());
            bare!($pool, 16, move |pool: &_, w: usize, i: u64| {
                let (patients, unit) = (patients.clone(), unit.clone());
                let pool = Clone::clone(pool);
                async move {
                    let patient = &patients[(w * 7 + i as usize) % patients.len()];
                    let rows: Vec<(String, String, i64, chrono::DateTime<chrono::Utc>, String)> = sqlx::query_as(
                        "SELECT r.id, r.patient_id, r.version, r.authored_at, CAST(r.body AS TEXT) FROM questionnaire_responses r
                         WHERE r.patient_id = $1 AND r.unit_id IN ($2)
                         ORDER BY r.authored_at DESC, r.id DESC LIMIT 21")
                        .bind(patient).bind(&unit).fetch_all(&pool).await.unwrap();
                    assert!(!rows.is_empty());
                }
            })
        };
        eprintln!("{}: bare search queries {search:.0}/s", $kind);
        let read = bare!($pool, 16, move |pool: &_, w: usize, i: u64| {
            let reads = reads.clone();
            let pool = Clone::clone(pool);
            #[allow(clippy::redundant_clone)]
            async move {
                let id = &reads[(w * 7 + i as usize) % reads.len()];
                let row: Option<(String, String, i64, chrono::DateTime<chrono::Utc>, String)> = sqlx::query_as(
                    "SELECT r.id, r.patient_id, r.version, r.authored_at, CAST(r.body AS TEXT) FROM questionnaire_responses r WHERE r.id = $1")
                    .bind(id).fetch_optional(&pool).await.unwrap();
                assert!(row.is_some());
            }
        });
        eprintln!("{}: bare reads {read:.0}/s", $kind);
        [responses, measurements, search, read]
    }};
}

struct Result {
    backend: &'static str,
    /// Per workload: c16 and c64.
    runs: Vec<[Run; 2]>,
    bare: [f64; 4],
    /// The search at 16 connections for one patient with 10 and one with 1,000 responses.
    by_history: Vec<(usize, Run)>,
}

async fn bare_on(
    dir: &Path,
    url: Option<&str>,
    patients: Vec<String>,
    reads: Vec<String>,
) -> anyhow::Result<[f64; 4]> {
    Ok(match url {
        Some(url) => {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(16)
                .connect(url)
                .await?;
            let begin = |p: &sqlx::PgPool| {
                let p = p.clone();
                async move { p.begin().await }
            };
            bare_limits!(pool, begin, patients, reads, "postgres")
        }
        None => {
            let options = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(dir.join("carepath.db"))
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            let begin = |p: &sqlx::SqlitePool| {
                let p = p.clone();
                async move { p.begin_with("BEGIN IMMEDIATE").await }
            };
            bare_limits!(pool, begin, patients, reads, "sqlite")
        }
    })
}

async fn run(work: &Path, backend: &'static str, pg: Option<&str>) -> anyhow::Result<Result> {
    let secs = seconds();
    let measure = |s: &Setup, i: usize, c: usize| -> anyhow::Result<Run> {
        let r = wrk(work, &s.server, &s.token, WORKLOADS[i].1, c, secs)?;
        eprintln!(
            "{backend} {} c{c}: {:.0}/s p50 {:.2} p99 {:.2} ms, RSS {:.0} MiB, {:.2} ms CPU each, {} errors",
            WORKLOADS[i].0, r.rate, r.p50, r.p99, r.rss, r.cpu_ms, r.errors
        );
        Ok(r)
    };
    // Writes, on a database that grows as they run.
    let writes = setup(work, pg, "carepath_bench_writes").await?;
    wrk(
        work,
        &writes.server,
        &writes.token,
        "post_qr.lua",
        16,
        WARMUP,
    )?;
    wrk(
        work,
        &writes.server,
        &writes.token,
        "post_obs.lua",
        16,
        WARMUP,
    )?;
    let mut runs = Vec::new();
    for i in 0..2 {
        runs.push([measure(&writes, i, 16)?, measure(&writes, i, 64)?]);
    }
    // Reads, on a fixed data set of 120 responses per patient.
    let reads = setup(work, pg, "carepath_bench_reads").await?;
    let ids = seed(&reads, &reads.patients, RESPONSES_PER_PATIENT).await?;
    std::fs::write(work.join("qr_ids.txt"), ids.join("\n") + "\n")?;
    wrk(
        work,
        &reads.server,
        &reads.token,
        "get_search.lua",
        16,
        WARMUP,
    )?;
    for i in 2..4 {
        runs.push([measure(&reads, i, 16)?, measure(&reads, i, 64)?]);
    }
    // The search's cost by the length of the patient's history: 10 against 1,000, a page
    // of 10 each.
    seed(&reads, &reads.extra[..1], 10).await?;
    seed(&reads, &reads.extra[1..], 1000).await?;
    let mut by_history = Vec::new();
    for (n, patient) in [10, 1000].iter().zip(&reads.extra) {
        let r = wrk_with(
            work,
            &reads.server,
            &reads.token,
            "get_search.lua",
            16,
            secs.min(10),
            Some(patient),
        )?;
        eprintln!(
            "{backend} search of a patient with {n} responses, c16: {:.0}/s p99 {:.2} ms",
            r.rate, r.p99
        );
        by_history.push((*n, r));
    }
    drop(writes.server);
    let Setup {
        server,
        dir,
        url,
        patients,
        _dir,
        ..
    } = reads;
    drop(server);
    let bare = bare_on(&dir, url.as_deref(), patients, ids).await?;
    Ok(Result {
        backend,
        runs,
        bare,
        by_history,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let write = std::env::args().any(|a| a == "--write");
    let work = tempfile::tempdir()?;
    let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("peer-load");
    for f in std::fs::read_dir(&scripts)? {
        let f = f?;
        std::fs::copy(f.path(), work.path().join(f.file_name()))?;
    }
    let mut results = vec![run(work.path(), "sqlite", None).await?];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL")
        && !url.is_empty()
    {
        results.push(run(work.path(), "postgres", Some(&url)).await?);
    }
    let mut table = String::from(
        "| backend | workload | c16 req/s | c16 p99 ms | c64 req/s | c64 p99 ms | server CPU ms per request | server peak RSS MiB | errors | bare limit /s | c64 / bare | reference c16 / c64 req/s | c64 / reference | target c64 req/s, p99 ms (SQLite) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n",
    );
    for r in &results {
        for (i, [a, b]) in r.runs.iter().enumerate() {
            let (name, _, ref16, ref64, _) = WORKLOADS[i];
            let reference_low: f64 = ref64
                .split('-')
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1.0);
            let (target_rate, target_p99) = TARGETS[i];
            let met = b.rate >= target_rate && b.p99 <= target_p99;
            table.push_str(&format!(
                "| {} | {name} | {:.0} | {:.1} | {:.0} | {:.1} | {:.2} | {:.0} | {} | {:.0} | {:.0} % | {ref16} / {ref64} | {:.1}x | {:.0}, {:.0}{} |\n",
                r.backend,
                a.rate,
                a.p99,
                b.rate,
                b.p99,
                (a.cpu_ms + b.cpu_ms) / 2.0,
                a.rss.max(b.rss),
                a.errors + b.errors,
                r.bare[i],
                100.0 * b.rate / r.bare[i].max(1.0),
                b.rate / reference_low,
                target_rate,
                target_p99,
                if r.backend != "sqlite" {
                    ""
                } else if met {
                    ": met"
                } else {
                    ": not met"
                }
            ));
        }
    }
    let header = format!(
        "Run: {}, release build, `carepath serve` as its own process on 127.0.0.1, wrk (one thread, keep-alive) with the scripts of `bench/peer-load/`, {} s per run after {} s of warm-up; writes on a fresh database, reads on one seeded with {} responses per patient for {} patients; the token is a clinician's who may see them all. The bare limit is the same work on the same database without HTTP or checks: a durable transaction writing the row, its history and its access event from 64 writers (writes), the search's or the read's query from 16 readers (reads). Reference: a widely used open-source FHIR server on a machine like this one (`bench/peer-load/README.md`); c64 / reference is against the low end of its c64 range.\n\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        seconds(),
        WARMUP,
        RESPONSES_PER_PATIENT,
        PATIENTS
    );
    table.push_str("\nThe search by the length of the patient's history (16 connections, every request for one patient, `_count=10`):\n\n| backend | responses of the patient | req/s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|\n");
    for r in &results {
        for (n, run) in &r.by_history {
            table.push_str(&format!(
                "| {} | {n} | {:.0} | {:.2} | {:.2} |\n",
                r.backend, run.rate, run.p50, run.p99
            ));
        }
    }
    println!("{header}{table}");
    if write {
        carepath_bench::write_section("reference", &format!("{header}{table}"))?;
    }
    Ok(())
}
