//! Benchmarks of the hot paths on a database with many enrollments, in process through
//! the real router (as `TestApp` does), on SQLite and, when `TEST_DATABASE_URL` is set,
//! PostgreSQL. Prints a Markdown table and, with `--write`, puts it into
//! docs/performance.md between the markers. Never run as part of the tests.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use carepath_domain::clock::Clock;
use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::patient::Patient;
use carepath_domain::{Id, NationalIdNumber};
use carepath_test_support::app::{Session, TestApp};

/// Enrollments in the benchmarked unit.
const ENROLLMENTS: usize = 5_000;
/// Patients who each submit the baseline once.
const SUBMITTERS: usize = 200;
const REQUESTS: usize = 300;

struct Stat {
    name: &'static str,
    budget_ms: f64,
    samples: Vec<Duration>,
}

impl Stat {
    fn pct(&self, p: f64) -> f64 {
        let mut s = self.samples.clone();
        s.sort();
        let i = ((s.len() as f64 - 1.0) * p).round() as usize;
        s[i].as_secs_f64() * 1000.0
    }
}

fn nin(i: usize) -> NationalIdNumber {
    // Synthetic numbers (month + 80) spread over days and years; skip invalid ones.
    let mut n = i * 7;
    loop {
        let day = 1 + n % 28;
        let month = 81 + (n / 28) % 12;
        let year = 50 + (n / 336) % 50;
        let ind = (n / 16_800) % 500;
        if let Some(v) = NationalIdNumber::complete(&format!("{day:02}{month:02}{year:02}{ind:03}"))
        {
            return v;
        }
        n += 1;
    }
}

async fn seed(app: &TestApp) -> Vec<Session> {
    let store = &app.db.store;
    let now = app.clock.now();
    let (unit, version) = app.demo_unit_and_program().await;
    let mut used = std::collections::HashSet::new();
    let mut submitters = Vec::new();
    let mut i = 0;
    let mut made = 0;
    while made < ENROLLMENTS + SUBMITTERS {
        i += 1;
        let n = nin(i * 13 + 1000);
        if !used.insert(n.expose()) {
            continue;
        }
        let user_id = if made < SUBMITTERS {
            Some(app.patient_account(&format!("bench{made}")).await)
        } else {
            None
        };
        let p = Patient {
            updated_at: None,
            id: Id::new(),
            birth_date: n.birth_date().unwrap(),
            nin: n,
            name: format!("Benk Pasient {made:05}"),
            user_id,
            gp_name: None,
            gp_her_id: None,
            managing_unit: None,
            version: 1,
            email: None,
            mobile: None,
            name_parts: Default::default(),
            gender: None,
        };
        store.create_patient(&p, now, &[]).await.unwrap();
        let mut e = Enrollment::new(p.id, unit, version.id, now);
        e.accept_terms(now).unwrap();
        e.record_screening(&ScreeningOutcome::Eligible, now)
            .unwrap();
        store.create_enrollment(&e, None, None, &[]).await.unwrap();
        if made >= SUBMITTERS && made % 3 == 0 {
            store
                .mark_page_read(e.id, "om-ibs", "01-hva-er-ibs", now, &[])
                .await
                .unwrap();
        }
        made += 1;
    }
    // Production databases keep statistics current (autovacuum); a freshly seeded one
    // needs them gathered once, as after a bulk import.
    store.execute_admin("ANALYZE").await.unwrap();
    for k in 0..SUBMITTERS {
        submitters.push(app.sign_in(&format!("bench{k}")).await);
    }
    submitters
}

async fn time<F, Fut>(name: &'static str, budget_ms: f64, n: usize, mut f: F) -> Stat
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let start = Instant::now();
        f(i).await;
        samples.push(start.elapsed());
    }
    Stat {
        name,
        budget_ms,
        samples,
    }
}

async fn run(app: &TestApp) -> Vec<Stat> {
    let seed_start = Instant::now();
    let submitters = seed(app).await;
    eprintln!(
        "{}: seeded {} enrollments in {:.1} s",
        app.backend(),
        ENROLLMENTS + SUBMITTERS + 5,
        seed_start.elapsed().as_secs_f64()
    );
    let clinician = app.sign_in("kliniker1").await;
    let mut stats = Vec::new();
    stats.push(
        time(
            "clinician list, page 1 (GET /klinikk)",
            50.0,
            REQUESTS,
            |_| async {
                assert_eq!(app.get(Some(&clinician), "/klinikk").await.status, 200);
            },
        )
        .await,
    );
    stats.push(
        time("clinician list, page 100", 50.0, REQUESTS, |_| async {
            assert_eq!(
                app.get(Some(&clinician), "/klinikk?side=100").await.status,
                200
            );
        })
        .await,
    );
    stats.push(
        time("clinician search by name", 50.0, REQUESTS, |_| async {
            assert_eq!(
                app.get(Some(&clinician), "/klinikk?sok=pasient+0421")
                    .await
                    .status,
                200
            );
        })
        .await,
    );
    let baseline = [
        ("smerte-styrke", "60"),
        ("smerte-dager", "6"),
        ("oppblasthet", "55"),
        ("avforing-misnoye", "70"),
        ("livet-pavirket", "40"),
    ];
    stats.push(
        time(
            "baseline questionnaire submit (POST)",
            50.0,
            SUBMITTERS,
            |i| {
                let s = submitters[i].clone();
                async move {
                    let res = app
                        .post(Some(&s), "/pasient/skjema/ibs-symptomskaar", &baseline)
                        .await;
                    assert!(res.status.is_redirection(), "{}", res.status);
                }
            },
        )
        .await,
    );
    stats.push(
        time("module page (GET)", 20.0, REQUESTS, |i| {
            let s = submitters[i % SUBMITTERS].clone();
            async move {
                assert_eq!(
                    app.get(Some(&s), "/pasient/moduler/om-ibs/01-hva-er-ibs")
                        .await
                        .status,
                    200
                );
            }
        })
        .await,
    );
    stats.push(
        time(
            "page read, saved durably (POST .../lest)",
            30.0,
            REQUESTS,
            |i| {
                let s = submitters[i % SUBMITTERS].clone();
                async move {
                    let res = app
                        .post(Some(&s), "/pasient/moduler/om-ibs/01-hva-er-ibs/lest", &[])
                        .await;
                    assert!(res.status.is_redirection());
                }
            },
        )
        .await,
    );
    let clinician_token = app.api_token("kliniker1").await;
    stats.push(
        time(
            "FHIR Patient search, 50 per page (API)",
            100.0,
            REQUESTS,
            |i| {
                let token = clinician_token.clone();
                async move {
                    let path = format!("/fhir/Patient?_count=50&_offset={}", (i * 50) % 5000);
                    assert_eq!(app.get_api(Some(&token), &path).await.status, 200);
                }
            },
        )
        .await,
    );
    let admin_token = app.api_token("admin").await;
    let some_patient = app
        .db
        .store
        .dump_for_tests("SELECT patient_id FROM enrollments ORDER BY id LIMIT 1")
        .await
        .unwrap();
    stats.push(
        time(
            "FHIR AuditEvent search for one patient (API)",
            100.0,
            REQUESTS,
            |_| {
                let token = admin_token.clone();
                let path = format!("/fhir/AuditEvent?patient={some_patient}&_count=50");
                async move {
                    assert_eq!(app.get_api(Some(&token), &path).await.status, 200);
                }
            },
        )
        .await,
    );
    stats.push(
        time(
            "staff password check, argon2id (POST /logg-inn/passord)",
            500.0,
            30,
            |_| async {
                let res = app
                    .post(
                        None,
                        "/logg-inn/passord",
                        &[
                            ("brukernavn", "ingen-slik"),
                            ("passord", "feil passord her"),
                        ],
                    )
                    .await;
                assert_eq!(res.status, 401);
            },
        )
        .await,
    );
    stats
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let write = std::env::args().any(|a| a == "--write");
    let mut table = String::from(
        "| backend | operation | p50 ms | p95 ms | budget p95 ms | within |\n|---|---|---:|---:|---:|---|\n",
    );
    let mut apps = vec![TestApp::demo(carepath_test_support::sqlite().await).await];
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.is_empty()) {
        apps.push(
            TestApp::demo(carepath_test_support::postgres().await.expect("PostgreSQL")).await,
        );
    }
    let mut all_ok = true;
    for app in &apps {
        for s in run(app).await {
            let (p50, p95) = (s.pct(0.5), s.pct(0.95));
            let ok = p95 <= s.budget_ms;
            all_ok &= ok;
            table.push_str(&format!(
                "| {} | {} | {p50:.2} | {p95:.2} | {:.0} | {} |\n",
                app.backend(),
                s.name,
                s.budget_ms,
                if ok { "yes" } else { "**no**" }
            ));
        }
    }
    let rss = peak_rss_mib();
    table.push_str(&format!(
        "\nPeak memory (RSS) of the whole benchmark process: {rss:.0} MiB (budget 300 MiB: {}).\n",
        if rss <= 300.0 { "within" } else { "**over**" }
    ));
    let header = format!(
        "Run: {} with {} enrollments in the unit ({} signed-in patients submitting), {} requests per read path, one request at a time, release build.\n\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        ENROLLMENTS + SUBMITTERS + 5,
        SUBMITTERS,
        REQUESTS
    );
    println!("{header}{table}");
    if write {
        carepath_bench::write_section("bench", &format!("{header}{table}"))?;
    }
    if !all_ok {
        eprintln!("some operations are over budget");
    }
    Ok(())
}
