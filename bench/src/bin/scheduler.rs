//! One scheduler pass over many active enrollments (1,000,000 by default,
//! `BENCH_ENROLLMENTS` to change), each with its weekly diary due, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL; and, in the same run on the same rows, the bare
//! set-based SQL that makes the same tasks and moves the same cursors in one
//! transaction. `--write` puts the table into docs/performance.md. Not a test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use carepath_bench::numbers;
use carepath_domain::schedule::first_occurrences;
use carepath_store::Backend;
use carepath_store::Store;
use carepath_test_support::{TestDb, ibs_package};
use chrono::{DateTime, Duration, Utc};

/// A timestamp as the store binds it (RFC 3339), for SQL literals.
fn at(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

struct Seeded {
    due: DateTime<Utc>,
    entry: u32,
}

/// `n` patients, each actively enrolled since `start`, with the diary's cursor.
async fn seed(store: &Store, n: u64) -> Seeded {
    let start = Utc::now() - Duration::days(8);
    let org = store
        .create_organization(
            "Benk",
            carepath_domain::organization::OrganizationKind::Hospital,
            start,
        )
        .await
        .unwrap();
    let unit = store
        .create_unit(
            org.id,
            "Benk",
            carepath_domain::organization::UnitKind::Department,
            start,
        )
        .await
        .unwrap();
    let imported = store.import_package(&ibs_package(), start).await.unwrap();
    let version = store.program_version(imported.version_id).await.unwrap();
    let (entry, first) = first_occurrences(&version.definition, start)
        .into_iter()
        .find(|(i, _)| version.definition.schedule[*i as usize].questionnaire == "ukedagbok")
        .unwrap();
    let nums = numbers(store.backend(), n);
    let s = at(start);
    for sql in [
        format!(
            "{nums} INSERT INTO patients (id, nin_ciphertext, nin_index, name, birth_date, version, created_at, updated_at)
             SELECT 'p' || i, 'x', 'benk' || i, 'Benk ' || i, '1980-01-01', 1, '{s}', '{s}' FROM n"
        ),
        format!(
            "{nums} INSERT INTO enrollments (id, patient_id, unit_id, program_version_id, status, enrolled_at, started_at, version, updated_at)
             SELECT 'e' || i, 'p' || i, '{u}', '{v}', 'active', '{s}', '{s}', 1, '{s}' FROM n",
            u = unit.id,
            v = version.id
        ),
    ] {
        store.execute_for_tests(&sql).await.unwrap();
    }
    Seeded {
        due: first.due_at,
        entry,
    }
}

/// Every enrollment's diary cursor at its first occurrence, and no tasks.
async fn reset(store: &Store, seeded: &Seeded, n: u64) {
    store.execute_for_tests("DELETE FROM tasks").await.unwrap();
    store
        .execute_for_tests("DELETE FROM schedule_cursors")
        .await
        .unwrap();
    let nums = numbers(store.backend(), n);
    store
        .execute_for_tests(&format!(
            "{nums} INSERT INTO schedule_cursors (enrollment_id, schedule_entry, next_occurrence, next_due_at)
             SELECT 'e' || i, {}, 0, '{}' FROM n",
            seeded.entry,
            at(seeded.due)
        ))
        .await
        .unwrap();
}

async fn count(store: &Store, sql: &str) -> u64 {
    store
        .dump_for_tests(sql)
        .await
        .unwrap()
        .parse()
        .unwrap_or(0)
}

struct Row {
    backend: &'static str,
    n: u64,
    pass_s: f64,
    tasks: u64,
    bare_s: f64,
}

async fn run(db: &TestDb, n: u64) -> Row {
    let store = &db.store;
    let t = Instant::now();
    let seeded = seed(store, n).await;
    eprintln!(
        "{}: seeded {n} enrollments in {:.1} s",
        db.label,
        t.elapsed().as_secs_f64()
    );
    let now = seeded.due + Duration::hours(1);

    reset(store, &seeded, n).await;
    let t = Instant::now();
    let report = store
        .run_scheduler(now, "https://pasient.example.no")
        .await
        .unwrap();
    let pass_s = t.elapsed().as_secs_f64();
    let tasks = count(store, "SELECT CAST(COUNT(*) AS TEXT) FROM tasks").await;
    assert_eq!(report.opened, tasks);
    eprintln!("{}: scheduler pass {pass_s:.1} s, {tasks} tasks", db.label);

    // The bare minimum: the same tasks and cursor moves, set-based, in one transaction.
    reset(store, &seeded, n).await;
    let next_due = at(seeded.due + Duration::weeks(1));
    let (due, expires, overdue) = (
        at(seeded.due),
        at(seeded.due + Duration::weeks(1)),
        at(seeded.due + Duration::days(3)),
    );
    let t = Instant::now();
    let batch = match store.backend() {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    };
    // One connection for the transaction: a single multi-statement call.
    let sql = format!(
        "{batch};
         INSERT INTO tasks (id, enrollment_id, patient_id, unit_id, questionnaire_key, schedule_entry, occurrence,
             status, due_at, overdue_at, expires_at, version, updated_at, next_reminder_at)
         SELECT 't' || c.enrollment_id, c.enrollment_id, e.patient_id, e.unit_id, 'ukedagbok', c.schedule_entry, 0,
             'open', '{due}', '{overdue}', '{expires}', 1, '{due}', '{due}'
         FROM schedule_cursors c JOIN enrollments e ON e.id = c.enrollment_id WHERE c.next_due_at <= '{now}';
         UPDATE schedule_cursors SET next_occurrence = 1, next_due_at = '{next_due}' WHERE next_due_at <= '{now}';
         COMMIT;",
        now = at(now)
    );
    store.execute_for_tests(&sql).await.unwrap();
    let bare_s = t.elapsed().as_secs_f64();
    let bare_tasks = count(store, "SELECT CAST(COUNT(*) AS TEXT) FROM tasks").await;
    assert_eq!(bare_tasks, tasks);
    eprintln!("{}: bare SQL {bare_s:.1} s", db.label);
    Row {
        backend: db.label,
        n,
        pass_s,
        tasks,
        bare_s,
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let write = std::env::args().any(|a| a == "--write");
    let n: u64 = std::env::var("BENCH_ENROLLMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let mut rows = Vec::new();
    for db in carepath_test_support::each_backend().await {
        rows.push(run(&db, n).await);
    }
    let mut table = String::from(
        "| backend | active enrollments | scheduler pass s | tasks made | tasks/s | bare set-based SQL s | pass / bare |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in &rows {
        table.push_str(&format!(
            "| {} | {} | {:.1} | {} | {:.0} | {:.1} | {:.1} x |\n",
            r.backend,
            r.n,
            r.pass_s,
            r.tasks,
            r.tasks as f64 / r.pass_s,
            r.bare_s,
            r.pass_s / r.bare_s
        ));
    }
    let header = format!(
        "Run: {}, release build, in process. Every enrollment's weekly diary is due; the pass makes the tasks (with their first reminder time) and moves the cursors in batches of 500, then finds no reminder to send (no addresses). The bare SQL makes the same tasks and cursor moves set-based in one transaction.\n\n",
        Utc::now().format("%Y-%m-%d")
    );
    println!("{header}{table}");
    if write {
        carepath_bench::write_section("scheduler", &format!("{header}{table}"))?;
    }
    Ok(())
}
