//! Throughput of `POST /fhir/QuestionnaireResponse` over HTTP (validated, scored, stored
//! with its Observation and access-log events) against a `carepath serve` process, at 16
//! and 64 keep-alive connections for 20 s each, on SQLite and (with `TEST_DATABASE_URL`)
//! PostgreSQL; and, in the same run, the limit: bare durable transactions writing the same
//! rows into the same database. Reports requests/s, p50/p99 latency and the server's
//! peak RSS; `--write` puts the table into docs/performance.md. `CAREPATH_BIN` names a
//! release build of the binary (`cargo xtask bench` builds it). Loopback only, bounded.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use carepath_bench::process::{Server, carepath, fresh_postgres, rss_kib, start};

const PHASE: Duration = Duration::from_secs(20);
const WARMUP: Duration = Duration::from_secs(3);
const BARE: Duration = Duration::from_secs(10);
const CONNECTIONS: [usize; 2] = [16, 64];

/// The response every request posts: the IBS baseline, five answers, about 1 KB.
fn body(patient: &str) -> String {
    let items = [
        (
            "smerte-styrke",
            "Hvor sterke har magesmertene dine vært?",
            60,
        ),
        (
            "smerte-dager",
            "På hvor mange av de siste 10 dagene har du hatt magesmerter?",
            6,
        ),
        (
            "oppblasthet",
            "Hvor plaget har du vært av oppblåst mage?",
            55,
        ),
        (
            "avforing-misnoye",
            "Hvor misfornøyd er du med hvordan tarmen fungerer?",
            70,
        ),
        (
            "livet-pavirket",
            "Hvor mye har magen påvirket livet ditt?",
            40,
        ),
    ];
    serde_json::json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": "https://carepath.no/fhir/Questionnaire/ibs-sss-struktur|1.0.0",
        "status": "completed",
        "subject": { "reference": format!("Patient/{patient}") },
        "authored": "2026-11-23T09:00:00+01:00",
        "item": items.iter().map(|(id, text, v)| serde_json::json!({
            "linkId": id, "text": text, "answer": [{ "valueInteger": v }]
        })).collect::<Vec<_>>()
    })
    .to_string()
}

struct Phase {
    connections: usize,
    rate: f64,
    p50: f64,
    p99: f64,
    rss: f64,
    errors: u64,
}

/// `connections` tasks, each with its own keep-alive connection, posting for `length`.
async fn load(
    server: &Server,
    token: &str,
    body: &str,
    connections: usize,
    length: Duration,
) -> Phase {
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let peak = Arc::new(AtomicU64::new(0));
    let pid = server.child.id();
    let sampler = {
        let (stop, peak) = (stop.clone(), peak.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .build()
            .unwrap();
        let url = format!("{}/fhir/QuestionnaireResponse", server.base);
        let (stop, errors) = (stop.clone(), errors.clone());
        let auth = format!("Bearer {token}");
        let body = body.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                let res = client
                    .post(&url)
                    .header("authorization", &auth)
                    .header("content-type", "application/fhir+json")
                    .body(body.clone())
                    .send()
                    .await;
                let ok = match res {
                    Ok(r) => {
                        let created = r.status() == reqwest::StatusCode::CREATED;
                        let _ = r.bytes().await;
                        created
                    }
                    Err(_) => false,
                };
                if ok {
                    latencies.push(t.elapsed());
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
            latencies
        }));
    }
    tokio::time::sleep(length).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    sampler.await.unwrap();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len().max(1) - 1) as f64 * p).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Phase {
        connections,
        rate: all.len() as f64 / elapsed,
        p50: pct(0.5),
        p99: pct(0.99),
        rss: peak.load(Ordering::Relaxed) as f64 / 1024.0,
        errors: errors.load(Ordering::Relaxed),
    }
}

/// The same rows a POST writes (response, its Observation, two history rows, two
/// access-log events), as bare durable transactions from 64 writers, each with its own
/// audit chain, for `length`: what the database itself can do here.
macro_rules! bare_writes {
    ($pool:expr, $begin:expr, $patient:expr, $questionnaire:expr, $body:expr, $length:expr) => {{
        let stop = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicU64::new(0));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..64 {
            let (pool, stop, done) = ($pool.clone(), stop.clone(), done.clone());
            let (patient, questionnaire, body) =
                ($patient.clone(), $questionnaire.clone(), $body.clone());
            tasks.push(tokio::spawn(async move {
                let chain = carepath_domain::Id::<()>::new().to_string();
                let mut seq: i64 = 0;
                sqlx::query("INSERT INTO audit_chains (chain_id, last_seq, last_hash) VALUES ($1, 0, 'genesis')")
                    .bind(&chain)
                    .execute(&pool)
                    .await
                    .unwrap();
                while !stop.load(Ordering::Relaxed) {
                    let now = chrono::Utc::now();
                    let r = carepath_domain::Id::<()>::new().to_string();
                    let o = carepath_domain::Id::<()>::new().to_string();
                    let mut tx = $begin(&pool).await.unwrap();
                    sqlx::query(
                        "INSERT INTO questionnaire_responses (id, patient_id, enrollment_id, questionnaire_id, status, body, authored_at, version)
                         VALUES ($1, $2, NULL, $3, 'completed', $4, $5, 1)",
                    )
                    .bind(&r).bind(&patient).bind(&questionnaire).bind(sqlx::types::Json(&body)).bind(now)
                    .execute(&mut *tx).await.unwrap();
                    for (kind, id) in [("QuestionnaireResponse", &r), ("Observation", &o)] {
                        sqlx::query(
                            "INSERT INTO record_history (resource_type, resource_id, version, recorded_at, recorded_by, body)
                             VALUES ($1, $2, 1, $3, NULL, $4)",
                        )
                        .bind(kind).bind(id).bind(now).bind(sqlx::types::Json(&body))
                        .execute(&mut *tx).await.unwrap();
                    }
                    sqlx::query(
                        "INSERT INTO observations (id, patient_id, response_id, code, value, band, effective_at, body, version, codes)
                         VALUES ($1, $2, $3, 'ibs-sss-total', 285, 'moderate', $4, $5, 1, ' x|ibs-sss-total ')",
                    )
                    .bind(&o).bind(&patient).bind(&r).bind(now).bind(sqlx::types::Json(&body))
                    .execute(&mut *tx).await.unwrap();
                    for (kind, id) in [("QuestionnaireResponse", &r), ("Observation", &o)] {
                        seq += 1;
                        sqlx::query(
                            "INSERT INTO audit_events (chain_id, seq, recorded_at, actor_user_id, actor_role, actor_unit_id,
                                 patient_id, action, resource_type, resource_id, reason, prev_hash, hash, session_ref)
                             VALUES ($1, $2, $3, 'bench', 'clinician', NULL, $4, 'create', $5, $6, NULL, 'p', 'h', NULL)",
                        )
                        .bind(&chain).bind(seq).bind(now).bind(&patient).bind(kind).bind(id)
                        .execute(&mut *tx).await.unwrap();
                    }
                    sqlx::query("UPDATE audit_chains SET last_seq = $1, last_hash = 'h' WHERE chain_id = $2")
                        .bind(seq).bind(&chain)
                        .execute(&mut *tx).await.unwrap();
                    tx.commit().await.unwrap();
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }));
        }
        tokio::time::sleep($length).await;
        stop.store(true, Ordering::Relaxed);
        for t in tasks {
            t.await.unwrap();
        }
        done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
    }};
}

struct Result {
    backend: &'static str,
    phases: Vec<Phase>,
    bare: f64,
}

async fn run(backend: &'static str, pg_admin: Option<&str>) -> anyhow::Result<Result> {
    let dir = tempfile::tempdir()?;
    let db_url = match pg_admin {
        Some(admin) => Some(fresh_postgres(admin, "carepath_bench").await?),
        None => None,
    };
    let url = db_url.as_deref();
    carepath(dir.path(), url, &["demo"])?;
    let token = carepath(
        dir.path(),
        url,
        &["admin", "create-token", "--user", "kliniker1"],
    )?;
    let server = start(dir.path(), url).await?;
    let patients: serde_json::Value = serde_json::from_slice(
        &reqwest::Client::new()
            .get(format!("{}/fhir/Patient?_count=1", server.base))
            .header("authorization", format!("Bearer {token}"))
            .send()
            .await?
            .bytes()
            .await?,
    )?;
    let patient = patients["entry"][0]["resource"]["id"]
        .as_str()
        .context("kliniker1 sees a patient")?
        .to_owned();
    let body = body(&patient);
    eprintln!("{backend}: {} bytes per request; warming up", body.len());
    load(&server, &token, &body, 16, WARMUP).await;
    let mut phases = Vec::new();
    for c in CONNECTIONS {
        let p = load(&server, &token, &body, c, PHASE).await;
        eprintln!(
            "{backend} {c} connections: {:.0}/s p50 {:.2} ms p99 {:.2} ms RSS {:.0} MiB, {} errors",
            p.rate, p.p50, p.p99, p.rss, p.errors
        );
        phases.push(p);
    }
    drop(server);

    let row: serde_json::Value = serde_json::from_str(&body)?;
    let bare = match url {
        Some(url) => {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(16)
                .connect(url)
                .await?;
            let (q,): (String,) = sqlx::query_as(
                "SELECT id FROM questionnaires WHERE key = 'ibs-symptomskaar' LIMIT 1",
            )
            .fetch_one(&pool)
            .await?;
            let begin = |p: &sqlx::PgPool| {
                let p = p.clone();
                async move { p.begin().await }
            };
            bare_writes!(pool, begin, patient, q, row, BARE)
        }
        None => {
            let options = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(dir.path().join("carepath.db"))
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            let (q,): (String,) = sqlx::query_as(
                "SELECT id FROM questionnaires WHERE key = 'ibs-symptomskaar' LIMIT 1",
            )
            .fetch_one(&pool)
            .await?;
            let begin = |p: &sqlx::SqlitePool| {
                let p = p.clone();
                async move { p.begin_with("BEGIN IMMEDIATE").await }
            };
            bare_writes!(pool, begin, patient, q, row, BARE)
        }
    };
    eprintln!("{backend}: bare durable transactions {bare:.0}/s");
    Ok(Result {
        backend,
        phases,
        bare,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let write = std::env::args().any(|a| a == "--write");
    let mut results = vec![run("sqlite", None).await?];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL")
        && !url.is_empty()
    {
        results.push(run("postgres", Some(&url)).await?);
    }
    let mut table = String::from(
        "| backend | connections | POST/s | p50 ms | p99 ms | server peak RSS MiB | errors | bare durable tx/s (64 writers) | POST rate / bare |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in &results {
        for p in &r.phases {
            table.push_str(&format!(
                "| {} | {} | {:.0} | {:.2} | {:.2} | {:.0} | {} | {:.0} | {:.0} % |\n",
                r.backend,
                p.connections,
                p.rate,
                p.p50,
                p.p99,
                p.rss,
                p.errors,
                r.bare,
                100.0 * p.rate / r.bare.max(1.0)
            ));
        }
    }
    let header = format!(
        "Run: {}, release build, `carepath serve` as its own process on 127.0.0.1, {} s per phase after {} s of warm-up; each request is `POST /fhir/QuestionnaireResponse` (the IBS baseline, ~1 KB, five answers) by a clinician's token: validated, scored, stored with its Observation, history and two access-log events in one durable transaction. The bare rate writes the same rows from 64 writers (each its own audit chain) without HTTP or checks.\n\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        PHASE.as_secs(),
        WARMUP.as_secs()
    );
    println!("{header}{table}");
    if write {
        carepath_bench::write_section("throughput", &format!("{header}{table}"))?;
    }
    Ok(())
}
