//! The fault harness (`cargo xtask chaos`): a release `carepath serve` as its own process
//! under a write load of questionnaire responses and measurements through the API, with
//! faults injected, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL. Every write the
//! client saw acknowledged (201 with an id) must be found afterwards, whole (the record,
//! its history, its access event, a scored response's score), nothing written may be
//! half there, and `carepath admin verify-audit` must pass.
//!
//! - `kill -9` of the server under load, 10 times on each database (restarted each time).
//! - PostgreSQL restarted under load (`pg_ctlcluster`, only where it runs locally and
//!   `CHAOS_PG_RESTART=1`, since it restarts the machine's PostgreSQL): while it is down
//!   the server answers 503, and it recovers by itself.
//! - SQLite's disk full under load (a file size limit the server meets as a full disk),
//!   then space again: 503 while full, writes again after, `PRAGMA integrity_check` ok.
//! - Reminders on two nodes with the SMTP server down for a while, on each database:
//!   every reminder reaches the SMTP server exactly once (by Message-ID) when it is back,
//!   and no task is made twice.
//!
//! `--write` puts the results into docs/reliability.md. Loopback only, bounded in time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail, ensure};
use carepath_bench::process::{
    carepath, command, free_port, fresh_postgres, output, start, start_limited,
};

const ROUNDS: u64 = 10;
const WRITERS: usize = 24;

/// What the load saw: each acknowledged write (resource type and id), and how the
/// server answered otherwise.
#[derive(Default)]
struct Seen {
    acknowledged: Mutex<Vec<(&'static str, String)>>,
    unavailable: AtomicU64,
    server_errors: AtomicU64,
    other: AtomicU64,
    failed: AtomicU64,
}

/// The IBS baseline (scored: the server stores its total as an Observation) and a heart
/// rate, for `patient`.
fn bodies(patient: &str) -> [(&'static str, String); 2] {
    let items = [
        ("smerte-styrke", 60),
        ("smerte-dager", 6),
        ("oppblasthet", 55),
        ("avforing-misnoye", 70),
        ("livet-pavirket", 40),
    ];
    let response = serde_json::json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": "https://carepath.no/fhir/Questionnaire/ibs-sss-struktur|1.0.0",
        "status": "completed",
        "subject": { "reference": format!("Patient/{patient}") },
        "authored": "2026-11-23T09:00:00+01:00",
        "item": items.iter().map(|(id, v)| serde_json::json!({
            "linkId": id, "answer": [{ "valueInteger": v }]
        })).collect::<Vec<_>>()
    });
    let measurement = serde_json::json!({
        "resourceType": "Observation", "status": "final",
        "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs" }] }],
        "code": { "coding": [{ "system": "http://loinc.org", "code": "8867-4", "display": "Heart rate" }] },
        "subject": { "reference": format!("Patient/{patient}") },
        "effectiveDateTime": "2026-11-23T09:00:00+01:00",
        "valueQuantity": { "value": 72, "unit": "beats/minute", "system": "http://unitsofmeasure.org", "code": "/min" }
    });
    [
        ("QuestionnaireResponse", response.to_string()),
        ("Observation", measurement.to_string()),
    ]
}

/// `WRITERS` tasks posting responses and measurements in turn until `stop`.
fn load(
    base: &str,
    token: &str,
    patient: &str,
    seen: &Arc<Seen>,
    stop: &Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..WRITERS)
        .map(|w| {
            let (seen, stop) = (seen.clone(), stop.clone());
            let (base, auth) = (base.to_owned(), format!("Bearer {token}"));
            let bodies = bodies(patient);
            tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(30))
                    .build()
                    .unwrap();
                let mut i = w;
                while !stop.load(Ordering::Relaxed) {
                    let (kind, body) = &bodies[i % 2];
                    i += 1;
                    let res = client
                        .post(format!("{base}/fhir/{kind}"))
                        .header("authorization", &auth)
                        .header("content-type", "application/fhir+json")
                        .body(body.clone())
                        .send()
                        .await;
                    let Ok(res) = res else {
                        seen.failed.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    };
                    let status = res.status();
                    let Ok(bytes) = res.bytes().await else {
                        seen.failed.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    if status == reqwest::StatusCode::CREATED {
                        let json: serde_json::Value =
                            serde_json::from_slice(&bytes).unwrap_or_default();
                        if let Some(id) = json["id"].as_str() {
                            seen.acknowledged
                                .lock()
                                .unwrap()
                                .push((kind, id.to_owned()));
                        }
                    } else if status == reqwest::StatusCode::SERVICE_UNAVAILABLE {
                        seen.unavailable.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    } else if status.is_server_error() {
                        seen.server_errors.fetch_add(1, Ordering::Relaxed);
                    } else {
                        seen.other.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect()
}

/// Whether `done` comes true within `seconds` (looked at every 100 ms).
async fn within(seconds: u64, done: impl Fn() -> bool) -> bool {
    for _ in 0..seconds * 10 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if done() {
            return true;
        }
    }
    false
}

/// Stops the load and waits for its clients to finish.
async fn stop_load(
    stop: &AtomicBool,
    tasks: Vec<tokio::task::JoinHandle<()>>,
) -> anyhow::Result<()> {
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await?;
    }
    Ok(())
}

/// What was found in the database after the faults.
struct Found {
    acknowledged: usize,
    found: usize,
    lost: usize,
    /// Records in the database missing their history, access event or score.
    half_written: usize,
    records: usize,
    /// Every response and measurement id in the database.
    ids: HashSet<String>,
}

/// Every acknowledged write, and every record written, looked for whole in the database.
macro_rules! check {
    ($pool:expr, $seen:expr, $before:expr) => {{
        let before: &HashSet<String> = $before;
        let ids = |sql: &'static str| {
            let pool = $pool.clone();
            async move {
                let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&pool).await?;
                anyhow::Ok(rows.into_iter().map(|(id,)| id).collect::<HashSet<String>>())
            }
        };
        let responses = ids("SELECT id FROM questionnaire_responses WHERE questionnaire_id IN (SELECT id FROM questionnaires WHERE key = 'ibs-symptomskaar')").await?;
        let measurements = ids("SELECT id FROM observations WHERE response_id IS NULL AND code = 'puls'").await?;
        let history = ids("SELECT resource_type || '/' || resource_id FROM record_history").await?;
        let scored = ids("SELECT response_id FROM observations WHERE response_id IS NOT NULL").await?;
        let created: HashSet<String> = ids("SELECT resource_type || '/' || resource_id FROM audit_events WHERE action = 'create'").await?
            .into_iter()
            .flat_map(|r| {
                let (kind, list) = r.split_once('/').map(|(k, l)| (k.to_owned(), l.to_owned())).unwrap_or_default();
                list.split(' ').map(|id| format!("{kind}/{id}")).collect::<Vec<_>>()
            })
            .collect();
        let acknowledged = $seen.acknowledged.lock().unwrap().clone();
        let found = acknowledged
            .iter()
            .filter(|(kind, id)| match *kind {
                "QuestionnaireResponse" => responses.contains(id),
                _ => measurements.contains(id),
            })
            .count();
        let whole = |kind: &str, id: &String| {
            history.contains(&format!("{kind}/{id}"))
                && created.contains(&format!("{kind}/{id}"))
                && (kind != "QuestionnaireResponse" || scored.contains(id))
        };
        // The demo's own records are not the load's (it writes no history for them).
        let half_written = responses.iter().filter(|id| !before.contains(*id) && !whole("QuestionnaireResponse", id)).count()
            + measurements.iter().filter(|id| !before.contains(*id) && !whole("Observation", id)).count();
        Found {
            acknowledged: acknowledged.len(),
            found,
            lost: acknowledged.len() - found,
            half_written,
            records: responses.len() + measurements.len() - before.len(),
            ids: responses.union(&measurements).cloned().collect(),
        }
    }};
}

async fn check_database(
    dir: &Path,
    url: Option<&str>,
    seen: &Seen,
    before: &HashSet<String>,
) -> anyhow::Result<Found> {
    Ok(match url {
        Some(url) => {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(2)
                .connect(url)
                .await?;
            let found = check!(pool, seen, before);
            pool.close().await;
            found
        }
        None => {
            let pool = sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(2)
                .connect_with(
                    sqlx::sqlite::SqliteConnectOptions::new()
                        .filename(dir.join("carepath.db"))
                        .read_only(true),
                )
                .await?;
            let found = check!(pool, seen, before);
            pool.close().await;
            found
        }
    })
}

struct Outcome {
    backend: &'static str,
    fault: String,
    found: Found,
    unavailable: u64,
    server_errors: u64,
    audit: String,
}

/// A fresh installation: its directory, database, a clinician's token and patient.
type Installed = (tempfile::TempDir, Option<String>, String, String);

/// A fresh installation with the demo, and the records the demo made.
async fn install(pg: Option<&str>, name: &str) -> anyhow::Result<(Installed, HashSet<String>)> {
    let dir = tempfile::tempdir()?;
    let url = match pg {
        Some(admin) => Some(fresh_postgres(admin, name).await?),
        None => None,
    };
    carepath(dir.path(), url.as_deref(), &["demo"])?;
    let token = carepath(
        dir.path(),
        url.as_deref(),
        &["admin", "create-token", "--user", "kliniker1"],
    )?;
    let server = start(dir.path(), url.as_deref()).await?;
    let found: serde_json::Value = serde_json::from_slice(
        &reqwest::Client::new()
            .get(format!("{}/fhir/Patient?_count=1", server.base))
            .bearer_auth(&token)
            .send()
            .await?
            .bytes()
            .await?,
    )?;
    let patient = found["entry"][0]["resource"]["id"]
        .as_str()
        .context("kliniker1 sees a patient")?
        .to_owned();
    drop(server);
    let demo = check_database(
        dir.path(),
        url.as_deref(),
        &Seen::default(),
        &HashSet::new(),
    )
    .await?
    .ids;
    Ok(((dir, url, token, patient), demo))
}

/// `kill -9` of the server under load, `ROUNDS` times, each after a different while.
async fn kill_nine(backend: &'static str, pg: Option<&str>) -> anyhow::Result<Outcome> {
    let ((dir, url, token, patient), demo) = install(pg, "carepath_chaos_kill").await?;
    let seen = Arc::new(Seen::default());
    for round in 0..ROUNDS {
        let mut server = start(dir.path(), url.as_deref())
            .await
            .with_context(|| format!("the server did not start again after kill {round}"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let tasks = load(&server.base, &token, &patient, &seen, &stop);
        // Between 0.4 and 2.2 s of load, different each round.
        tokio::time::sleep(Duration::from_millis(400 + (round * 577) % 1800)).await;
        server.child.kill()?; // SIGKILL
        server.child.wait()?;
        stop_load(&stop, tasks).await?;
        eprintln!(
            "{backend}: kill -9 {} of {ROUNDS}, {} acknowledged so far",
            round + 1,
            seen.acknowledged.lock().unwrap().len()
        );
    }
    // A last start recovers the database; then the server is stopped and it is read.
    drop(start(dir.path(), url.as_deref()).await?);
    let audit = carepath(dir.path(), url.as_deref(), &["admin", "verify-audit"])?;
    let found = check_database(dir.path(), url.as_deref(), &seen, &demo).await?;
    Ok(Outcome {
        backend,
        fault: format!("kill -9 of the server under load, {ROUNDS} times"),
        found,
        unavailable: seen.unavailable.load(Ordering::Relaxed),
        server_errors: seen.server_errors.load(Ordering::Relaxed),
        audit,
    })
}

/// PostgreSQL stopped for a few seconds under load and started again.
async fn pg_restart(pg: &str) -> anyhow::Result<Outcome> {
    let ((dir, url, token, patient), demo) = install(Some(pg), "carepath_chaos_restart").await?;
    let cluster = local_cluster()?;
    let server = start(dir.path(), url.as_deref()).await?;
    let seen = Arc::new(Seen::default());
    let stop = Arc::new(AtomicBool::new(false));
    let tasks = load(&server.base, &token, &patient, &seen, &stop);
    tokio::time::sleep(Duration::from_secs(2)).await;
    pg_ctl(&cluster, "stop")?;
    let before_down = seen.acknowledged.lock().unwrap().len();
    tokio::time::sleep(Duration::from_secs(15)).await;
    let while_down = seen.acknowledged.lock().unwrap().len() - before_down;
    pg_ctl(&cluster, "start")?;
    // Recovered by itself: writes are acknowledged again within 30 s.
    let restarted = seen.acknowledged.lock().unwrap().len();
    let recovered = within(30, || {
        seen.acknowledged.lock().unwrap().len() > restarted + 10
    })
    .await;
    stop_load(&stop, tasks).await?;
    drop(server);
    ensure!(
        recovered,
        "the server did not recover within 30 s of PostgreSQL's start"
    );
    ensure!(
        while_down == 0,
        "{while_down} writes acknowledged while PostgreSQL was down"
    );
    let unavailable = seen.unavailable.load(Ordering::Relaxed);
    ensure!(
        unavailable > 0,
        "the server never answered 503 while PostgreSQL was down"
    );
    let audit = carepath(dir.path(), url.as_deref(), &["admin", "verify-audit"])?;
    let found = check_database(dir.path(), url.as_deref(), &seen, &demo).await?;
    Ok(Outcome {
        backend: "postgres",
        fault: "PostgreSQL stopped for 15 s under load, then started".into(),
        found,
        unavailable,
        server_errors: seen.server_errors.load(Ordering::Relaxed),
        audit,
    })
}

/// SQLite's disk full: the server's files may grow only a few MiB more (a file size limit,
/// which SQLite meets as it meets a full disk: a write that fails), then the limit is
/// lifted while the load goes on.
async fn disk_full() -> anyhow::Result<Outcome> {
    let ((dir, url, token, patient), demo) = install(None, "").await?;
    let largest = ["carepath.db", "carepath.db-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(dir.path().join(f)).ok())
        .map(|m| m.len())
        .max()
        .unwrap_or(0);
    let limit_kib = largest / 1024 + 4 * 1024;
    let server = start_limited(dir.path(), None, Some(limit_kib)).await?;
    let seen = Arc::new(Seen::default());
    let stop = Arc::new(AtomicBool::new(false));
    let tasks = load(&server.base, &token, &patient, &seen, &stop);
    // Full: within a minute the writes fail and the server answers 503.
    let full = within(60, || seen.unavailable.load(Ordering::Relaxed) >= 20).await;
    let before = seen.acknowledged.lock().unwrap().len();
    tokio::time::sleep(Duration::from_secs(5)).await;
    let while_full = seen.acknowledged.lock().unwrap().len() - before;
    // Space returns.
    let status = std::process::Command::new("prlimit")
        .arg(format!("--pid={}", server.child.id()))
        .arg("--fsize=unlimited:")
        .status()
        .context("prlimit (util-linux)")?;
    ensure!(status.success(), "prlimit could not lift the limit");
    let lifted = seen.acknowledged.lock().unwrap().len();
    let recovered = within(30, || seen.acknowledged.lock().unwrap().len() > lifted + 10).await;
    stop_load(&stop, tasks).await?;
    drop(server);
    ensure!(
        full,
        "the writes never failed: the limit was not reached in a minute"
    );
    ensure!(
        while_full == 0,
        "{while_full} writes acknowledged while the disk was full"
    );
    ensure!(
        recovered,
        "the server did not take writes again within 30 s of space returning"
    );
    // A start on what it left, then SQLite's own check of every page and index.
    drop(start(dir.path(), None).await?);
    let integrity = {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(
                sqlx::sqlite::SqliteConnectOptions::new().filename(dir.path().join("carepath.db")),
            )
            .await?;
        let (result,): (String,) = sqlx::query_as("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await?;
        pool.close().await;
        result
    };
    ensure!(integrity == "ok", "SQLite's integrity check: {integrity}");
    let audit = carepath(dir.path(), url.as_deref(), &["admin", "verify-audit"])?;
    let found = check_database(dir.path(), url.as_deref(), &seen, &demo).await?;
    Ok(Outcome {
        backend: "sqlite",
        fault: format!(
            "the disk full ({} MiB more, then space again) under load; integrity_check ok",
            4
        ),
        found,
        unavailable: seen.unavailable.load(Ordering::Relaxed),
        server_errors: seen.server_errors.load(Ordering::Relaxed),
        audit,
    })
}

/// The reminder round on two nodes with the SMTP server down for a while.
struct Reminders {
    backend: &'static str,
    /// E-mails and SMS the nodes queued, and how many each channel delivered.
    emails: i64,
    emails_sent: i64,
    sms_sent: i64,
    /// E-mails the SMTP server received, and how many of them repeated a Message-ID.
    received: usize,
    duplicates: usize,
    /// Sent e-mails the SMTP server never saw.
    missing: usize,
    waiting: i64,
    tasks: i64,
    tasks_twice: i64,
    failed_passes: usize,
}

/// Two nodes (two `carepath admin tick` processes at once on one database) pass over
/// three weeks of the demo, day by day; the SMTP server is down for the first ten days
/// and then comes up. Every reminder must reach it exactly once (by Message-ID), no
/// task may be made twice, and nothing may be left waiting.
async fn reminders(backend: &'static str, pg: Option<&str>) -> anyhow::Result<Reminders> {
    const DAYS: i64 = 21;
    const SMTP_BACK: i64 = 11;
    let dir = tempfile::tempdir()?;
    let url = match pg {
        Some(admin) => Some(fresh_postgres(admin, "carepath_chaos_reminders").await?),
        None => None,
    };
    let port = free_port()?;
    let smtp = format!("smtp://127.0.0.1:{port}");
    let env = [
        ("CAREPATH_SMTP_URL", smtp.as_str()),
        (
            "CAREPATH_MAIL_FROM",
            "Sykehuset <ikke-svar@sykehus.example>",
        ),
        ("CAREPATH_PUBLIC_URL", "https://pasient.sykehus.example"),
    ];
    output(
        &["demo"],
        command(dir.path(), url.as_deref(), &["demo"], &env).output(),
    )?;
    let (_, sms_before, _, _, _, sent_before) = outbox_state(dir.path(), url.as_deref()).await?;
    let maildir = dir.path().join("maildir");
    let mut smtp_server = None;
    let start = chrono::Utc::now();
    let mut failed_passes = 0;
    let mut passes = |at: chrono::DateTime<chrono::Utc>| -> anyhow::Result<()> {
        let now = at.to_rfc3339();
        let args = ["admin", "tick", "--now", now.as_str()];
        let nodes = (0..2)
            .map(|_| {
                command(dir.path(), url.as_deref(), &args, &env)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
            })
            .collect::<Result<Vec<_>, _>>()?;
        for node in nodes {
            // A pass that fails (the other node holding the database) is tried again
            // the next day, as the job runner would; it must not lose or repeat anything.
            if output(&args, node.wait_with_output()).is_err() {
                failed_passes += 1;
            }
        }
        Ok(())
    };
    for day in 1..=DAYS {
        if day == SMTP_BACK {
            smtp_server = Some(start_smtp(port, &maildir)?);
        }
        passes(start + chrono::Duration::days(day))?;
    }
    // After the last day's back-off, two more passes deliver what is left.
    passes(start + chrono::Duration::days(DAYS) + chrono::Duration::hours(3))?;
    passes(start + chrono::Duration::days(DAYS) + chrono::Duration::hours(6))?;
    drop(smtp_server);

    let mut received = Vec::new();
    for f in std::fs::read_dir(maildir.join("new"))? {
        let mail = std::fs::read_to_string(f?.path())?;
        let id = mail
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
            .map(|l| l[11..].trim().trim_matches(['<', '>']).to_owned())
            .context("a mail without a Message-ID")?;
        received.push(id);
    }
    let distinct: HashSet<&String> = received.iter().collect();
    let (emails, sms_sent, waiting, tasks, tasks_twice, sent) =
        outbox_state(dir.path(), url.as_deref()).await?;
    // The demo's history holds e-mails and SMS sent before the run: not the run's.
    let emails = emails - sent_before.len() as i64;
    let sms_sent = sms_sent - sms_before;
    let sent: Vec<&String> = sent.difference(&sent_before).collect();
    let missing = sent.iter().filter(|id| !distinct.contains(**id)).count();
    if missing > 0 {
        eprintln!(
            "{backend}: sent, not received: {:?}; received: {received:?}",
            sent.iter()
                .filter(|id| !distinct.contains(**id))
                .collect::<Vec<_>>()
        );
    }
    Ok(Reminders {
        backend,
        emails,
        emails_sent: sent.len() as i64,
        sms_sent,
        received: received.len(),
        duplicates: received.len() - distinct.len(),
        missing,
        waiting,
        tasks,
        tasks_twice,
        failed_passes,
    })
}

/// The outbox and tasks as the database has them: e-mails queued, SMS sent, messages
/// waiting, tasks, tasks made twice, and the Message-IDs of the e-mails sent.
type OutboxState = (i64, i64, i64, i64, i64, HashSet<String>);

async fn outbox_state(dir: &Path, url: Option<&str>) -> anyhow::Result<OutboxState> {
    macro_rules! read {
        ($pool:expr) => {{
            let count = |sql: &'static str| {
                let pool = $pool.clone();
                async move {
                    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&pool).await?;
                    anyhow::Ok(n)
                }
            };
            let sent: Vec<(String,)> = sqlx::query_as(
                "SELECT message_id FROM outbox WHERE channel = 'email' AND status = 'sent'",
            )
            .fetch_all(&$pool)
            .await?;
            (
                count("SELECT COUNT(*) FROM outbox WHERE channel = 'email'").await?,
                count("SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND status = 'sent'")
                    .await?,
                count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").await?,
                count("SELECT COUNT(*) FROM tasks").await?,
                count(
                    "SELECT COUNT(*) - COUNT(DISTINCT enrollment_id || ':' || schedule_entry || ':' || occurrence) FROM tasks",
                )
                .await?,
                sent.into_iter()
                    .map(|(id,)| id.trim_matches(['<', '>']).to_owned())
                    .collect::<HashSet<_>>(),
            )
        }};
    }
    Ok(match url {
        Some(url) => {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(url)
                .await?;
            let read = read!(pool);
            pool.close().await;
            read
        }
        None => {
            let pool = sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(
                    sqlx::sqlite::SqliteConnectOptions::new()
                        .filename(dir.join("carepath.db"))
                        .read_only(true),
                )
                .await?;
            let read = read!(pool);
            pool.close().await;
            read
        }
    })
}

/// A test SMTP server (aiosmtpd, which `cargo xtask test` installs into the conformance
/// tests' Python environment) writing what it receives into `maildir`.
struct Smtp(std::process::Child);

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_smtp(port: u16, maildir: &Path) -> anyhow::Result<Smtp> {
    let python =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/.venv/bin/python");
    let child = std::process::Command::new(&python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .with_context(|| {
            format!(
                "{} -m aiosmtpd (run `cargo xtask test` once to install it)",
                python.display()
            )
        })?;
    let server = Smtp(child);
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(server);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bail!("aiosmtpd did not start")
}

/// The local PostgreSQL cluster's version and name (`pg_lsclusters`).
fn local_cluster() -> anyhow::Result<(String, String)> {
    let out = std::process::Command::new("pg_lsclusters")
        .arg("--no-header")
        .output()
        .context("pg_lsclusters (the restart needs the machine's own PostgreSQL)")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut f = text.lines().next().unwrap_or_default().split_whitespace();
    match (f.next(), f.next()) {
        (Some(v), Some(c)) => Ok((v.to_owned(), c.to_owned())),
        _ => bail!("no local PostgreSQL cluster"),
    }
}

fn pg_ctl((version, cluster): &(String, String), action: &str) -> anyhow::Result<()> {
    let status = std::process::Command::new("pg_ctlcluster")
        .args([version.as_str(), cluster.as_str(), action])
        .args(if action == "stop" {
            &["--", "-m", "fast"][..]
        } else {
            &[][..]
        })
        .status()?;
    ensure!(status.success(), "pg_ctlcluster {action} failed");
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let write = std::env::args().any(|a| a == "--write");
    let pg = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    let mut outcomes = vec![kill_nine("sqlite", None).await?, disk_full().await?];
    let mut rounds = vec![reminders("sqlite", None).await?];
    if let Some(pg) = &pg {
        outcomes.push(kill_nine("postgres", Some(pg)).await?);
        if std::env::var("CHAOS_PG_RESTART").is_ok_and(|v| v == "1") {
            outcomes.push(pg_restart(pg).await?);
        }
        rounds.push(reminders("postgres", Some(pg)).await?);
    }
    let mut table = String::from(
        "| database | fault | writes acknowledged | found | lost | records half-written | records in all | 503 answers | other 5xx | verify-audit |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    let mut failed = false;
    for o in &outcomes {
        let f = &o.found;
        failed |= f.lost > 0 || f.half_written > 0 || o.server_errors > 0;
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            o.backend,
            o.fault,
            f.acknowledged,
            f.found,
            f.lost,
            f.half_written,
            f.records,
            o.unavailable,
            o.server_errors,
            o.audit
        ));
    }
    let mut reminder_table = String::from(
        "| database | e-mails queued | e-mails sent | received by the SMTP server | duplicates (same Message-ID) | sent but not received | SMS sent | left waiting | tasks | tasks made twice | passes that failed |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in &rounds {
        failed |= r.duplicates > 0
            || r.missing > 0
            || r.waiting > 0
            || r.tasks_twice > 0
            || r.emails_sent == 0;
        reminder_table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.backend,
            r.emails,
            r.emails_sent,
            r.received,
            r.duplicates,
            r.missing,
            r.sms_sent,
            r.waiting,
            r.tasks,
            r.tasks_twice,
            r.failed_passes
        ));
    }
    let text = format!(
        "Run: {}, {} build, `carepath serve` as its own process on 127.0.0.1, {WRITERS} clients posting IBS baselines (scored) and heart rates in turn through the FHIR API.\n\n{table}\nReminders: two nodes (two `carepath admin tick` at once on one database) over 21 days of the demo, the SMTP server down for the first 10.\n\n{reminder_table}",
        chrono::Utc::now().format("%Y-%m-%d"),
        if carepath_bench::process::bin()
            .components()
            .any(|c| c.as_os_str() == "debug")
        {
            "debug"
        } else {
            "release"
        }
    );
    println!("{text}");
    if write {
        carepath_bench::write_section_in("reliability.md", "chaos", &text)?;
    }
    if failed {
        bail!(
            "acknowledged writes were lost, records half-written, the server failed, or a reminder was lost or sent twice"
        );
    }
    Ok(())
}
