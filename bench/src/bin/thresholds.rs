//! The cost of judging a measurement by the self-management plan, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL: 10,000 patients in home follow-up (half with their
//! own limits); for 2,000 SpO2 measurements, the time to find the limits in force
//! (`Store::plan_limits`) and to record the measurement with its alert
//! (`Store::record_measurement`), each against the bare database work it needs, measured
//! in the same run; and the delay from a red measurement's commit until a live worklist's
//! stream has seen the change (signal plus fingerprint query). `--write` puts the table
//! into docs/performance.md. Not a test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration as StdDuration, Instant};

use carepath_bench::numbers;
use carepath_domain::Id;
use carepath_domain::measurement::MeasurementKind;
use carepath_domain::patient::Patient;
use carepath_store::{Backend, Store};
use carepath_test_support::{TestDb, shipped_package};
use chrono::{Duration, Utc};

const PATIENTS: u64 = 10_000;
const MEASUREMENTS: usize = 2_000;
const LIVE: usize = 200;

/// A UUID-shaped id for row `i` of a kind (`prefix`: four hex digits), in SQL and in Rust.
fn id_sql(backend: Backend, prefix: &str) -> String {
    match backend {
        Backend::Sqlite => format!("'00000000-0000-7000-{prefix}-' || printf('%012d', i)"),
        Backend::Postgres => format!("'00000000-0000-7000-{prefix}-' || lpad(i::text, 12, '0')"),
    }
}

fn id_of(prefix: &str, i: u64) -> String {
    format!("00000000-0000-7000-{prefix}-{i:012}")
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn p50_p99(v: Vec<f64>) -> (f64, f64) {
    (percentile(v.clone(), 0.5), percentile(v, 0.99))
}

struct Row {
    backend: &'static str,
    plan_us: (f64, f64),
    bare_plan_us: (f64, f64),
    record_ms: (f64, f64),
    bare_record_ms: (f64, f64),
    live_ms: (f64, f64),
    alerts: u64,
}

/// `PATIENTS` patients actively in home follow-up in one unit, every other one with her
/// own SpO2 limits; returns the unit's id.
async fn seed(store: &Store) -> String {
    let start = Utc::now() - Duration::days(30);
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
            carepath_domain::organization::UnitKind::ResponseCentre,
            start,
        )
        .await
        .unwrap();
    let imported = store
        .import_package(&shipped_package("hjemmeoppfolging"), start)
        .await
        .unwrap();
    let user = store.create_user("benk", "Benk", start).await.unwrap();
    let b = store.backend();
    let (nums, pid, eid) = (numbers(b, PATIENTS), id_sql(b, "8000"), id_sql(b, "9000"));
    let s = start.to_rfc3339();
    for sql in [
        format!(
            "{nums} INSERT INTO patients (id, nin_ciphertext, nin_index, name, birth_date, version, created_at, updated_at)
             SELECT {pid}, 'x', 'benk' || i, 'Benk ' || i, '1950-01-01', 1, '{s}', '{s}' FROM n"
        ),
        format!(
            "{nums} INSERT INTO enrollments (id, patient_id, unit_id, program_version_id, status, enrolled_at, started_at, version, updated_at)
             SELECT {eid}, {pid}, '{u}', '{v}', 'active', '{s}', '{s}', 1, '{s}' FROM n",
            u = unit.id,
            v = imported.version_id
        ),
        format!(
            "{nums} INSERT INTO patient_limits (enrollment_id, measurement, red_below, yellow_below, set_by, set_at)
             SELECT {eid}, 'spo2', 86, 88, '{by}', '{s}' FROM n WHERE i % 2 = 0",
            by = user.id
        ),
    ] {
        store.execute_for_tests(&sql).await.unwrap();
    }
    unit.id.to_string()
}

async fn run(db: &TestDb) -> Row {
    let store = &db.store;
    let unit = seed(store).await;
    let unit_id: Id<carepath_domain::organization::Unit> = unit.parse().unwrap();
    let patient = |k: usize| -> (u64, Id<Patient>) {
        let i = (k as u64 * 7919) % PATIENTS;
        (i, id_of("8000", i).parse().unwrap())
    };
    // Values from 84 to 99 %: green, yellow and red by either set of limits.
    let value = |k: usize| 84.0 + (k % 16) as f64;

    // Finding the limits in force, and the bare query that reads the same rows.
    let mut plan = Vec::with_capacity(MEASUREMENTS);
    let mut bare_plan = Vec::with_capacity(MEASUREMENTS);
    for k in 0..MEASUREMENTS {
        let (i, p) = patient(k);
        let t = Instant::now();
        let found = store.plan_limits(p, "spo2", None).await.unwrap();
        plan.push(t.elapsed().as_secs_f64() * 1e6);
        assert!(found.plan.is_some());
        let t = Instant::now();
        let row = store
            .dump_for_tests(&format!(
                "SELECT e.id || ' ' || v.number || ' ' || COALESCE(CAST(l.red_below AS TEXT), '-')
                 FROM enrollments e JOIN program_versions v ON v.id = e.program_version_id
                 LEFT JOIN patient_limits l ON l.enrollment_id = e.id AND l.measurement = 'spo2'
                 WHERE e.patient_id = '{}' AND e.status = 'active'",
                id_of("8000", i)
            ))
            .await
            .unwrap();
        bare_plan.push(t.elapsed().as_secs_f64() * 1e6);
        assert!(!row.is_empty());
    }

    // Recording: the Observation, its history, the alert and the access-log event; and
    // the bare transaction that inserts an observation and an alert.
    let mut record = Vec::with_capacity(MEASUREMENTS);
    let mut bare_record = Vec::with_capacity(MEASUREMENTS);
    let begin = match store.backend() {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    };
    for k in 0..MEASUREMENTS {
        let (i, p) = patient(k);
        let now = Utc::now();
        let t = Instant::now();
        measure(store, p, value(k), now).await;
        record.push(t.elapsed().as_secs_f64() * 1e3);
        let (o, a) = (Id::<()>::new(), Id::<()>::new());
        let t = Instant::now();
        store
            .execute_for_tests(&format!(
                "{begin};
                 INSERT INTO observations (id, patient_id, response_id, code, value, band, effective_at, body, version, codes)
                 VALUES ('{o}', '{pid}', NULL, 'spo2', 88, NULL, '{now}', '{{}}', 1, '');
                 INSERT INTO alerts (id, patient_id, unit_id, enrollment_id, colour, observation_id, measurement, value, status, raised_at, version)
                 VALUES ('{a}', '{pid}', '{unit}', '{eid}', 'red', '{o}', 'spo2', 88, 'active', '{now}', 1);
                 COMMIT;",
                pid = id_of("8000", i),
                eid = id_of("9000", i),
                now = now.to_rfc3339()
            ))
            .await
            .unwrap();
        bare_record.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let alerts: u64 = store
        .dump_for_tests(
            // The plan's alerts, not the bare transactions' ones (their body is `{}`).
            "SELECT CAST(COUNT(*) AS TEXT) FROM alerts a JOIN observations o ON o.id = a.observation_id
             WHERE CAST(o.body AS TEXT) <> '{}'",
        )
        .await
        .unwrap()
        .parse()
        .unwrap();

    // A live worklist: from a red measurement's commit until the stream has seen it
    // (the signal wakes it, the fingerprint differs).
    let mut live = Vec::with_capacity(LIVE);
    let mut changes = store.worklist_changes();
    let mut last = store.worklist_fingerprint(unit_id, None).await.unwrap();
    for k in 0..LIVE {
        let (_, p) = patient(k);
        let now = Utc::now();
        let store2 = store.clone();
        let save = tokio::spawn(async move {
            measure(&store2, p, 80.0, now).await;
            Instant::now()
        });
        loop {
            tokio::time::timeout(StdDuration::from_secs(5), changes.changed())
                .await
                .expect("the worklist signal within 5 s")
                .unwrap();
            let now = store.worklist_fingerprint(unit_id, None).await.unwrap();
            if now != last {
                last = now;
                break;
            }
        }
        let seen = Instant::now();
        let committed = save.await.unwrap();
        live.push(seen.duration_since(committed.min(seen)).as_secs_f64() * 1e3);
    }
    Row {
        backend: db.label,
        plan_us: p50_p99(plan),
        bare_plan_us: p50_p99(bare_plan),
        record_ms: p50_p99(record),
        bare_record_ms: p50_p99(bare_record),
        live_ms: p50_p99(live),
        alerts,
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let write = std::env::args().any(|a| a == "--write");
    let mut rows = Vec::new();
    for db in carepath_test_support::each_backend().await {
        rows.push(run(&db).await);
    }
    let mut table = String::from(
        "| backend | find limits p50 / p99 µs | bare query p50 / p99 µs | record with alert p50 / p99 ms | bare insert tx p50 / p99 ms | saved to seen by a live worklist p50 / p99 ms | alerts raised by the plan |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in &rows {
        table.push_str(&format!(
            "| {} | {:.0} / {:.0} | {:.0} / {:.0} | {:.2} / {:.2} | {:.2} / {:.2} | {:.2} / {:.2} | {} |\n",
            r.backend,
            r.plan_us.0,
            r.plan_us.1,
            r.bare_plan_us.0,
            r.bare_plan_us.1,
            r.record_ms.0,
            r.record_ms.1,
            r.bare_record_ms.0,
            r.bare_record_ms.1,
            r.live_ms.0,
            r.live_ms.1,
            r.alerts
        ));
    }
    let header = format!(
        "Run: {}, release build, in process, one connection at a time. {PATIENTS} patients in home follow-up, every other one with her own SpO2 limits; {MEASUREMENTS} SpO2 values from 84 to 99 % spread over them, then {LIVE} red ones for the live delay.\n\n",
        Utc::now().format("%Y-%m-%d")
    );
    println!("{header}{table}");
    if write {
        carepath_bench::write_section("thresholds", &format!("{header}{table}"))?;
    }
    Ok(())
}

/// Records an SpO2 value through the use case the pages and the API call.
async fn measure(store: &Store, p: Id<Patient>, value: f64, now: chrono::DateTime<Utc>) {
    carepath_app::measurement::record(
        store,
        carepath_app::measurement::Measured {
            patient: p,
            entry: carepath_domain::measurement::Entry::One(
                MeasurementKind::OxygenSaturation,
                value,
            ),
            effective: &now.to_rfc3339(),
            effective_at: now,
            by: None,
            within: None,
            acting_unit: None,
            audit: None,
        },
        now,
    )
    .await
    .unwrap();
}
