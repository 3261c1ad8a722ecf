//! The clinician's patient overview with a long history, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL: the demo's `pasient7` in home follow-up gets two
//! years of daily measurements (SpO2, pulse, weight, temperature) and a weekly form every
//! week, each through the same use cases as the pages; then `kliniker2` opens her page
//! through the real router. Budget: 300 ms at the 95th percentile (issue 14). `--write`
//! puts the table into docs/performance.md. Not a test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use carepath_domain::clock::Clock;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::measurement::{Entry, MeasurementKind};
use carepath_fhir::{FormAnswers, QuestionnaireResponse};
use carepath_test_support::app::TestApp;
use chrono::Duration;

const DAYS: i64 = 730;
const REQUESTS: usize = 100;
const BUDGET_MS: f64 = 300.0;

struct Row {
    backend: &'static str,
    measurements: usize,
    forms: usize,
    p50: f64,
    p95: f64,
    max: f64,
    kb: usize,
}

fn percentile(v: &[f64], p: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

async fn seed(app: &TestApp) -> (String, usize, usize) {
    let store = &app.db.store;
    let patient = store
        .dump_for_tests(
            "SELECT p.id FROM patients p JOIN users u ON u.id = p.user_id WHERE u.username = 'pasient7'",
        )
        .await
        .unwrap();
    let patient: carepath_domain::Id<carepath_domain::patient::Patient> = patient.parse().unwrap();
    let e: Enrollment = store
        .patient_enrollments(patient)
        .await
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let q = store
        .questionnaire(e.program_version_id, "ukeskjema")
        .await
        .unwrap();
    let user = store.patient(patient).await.unwrap().user_id;
    let now = app.clock.now();
    let (mut measurements, mut forms) = (0, 0);
    for d in (1..=DAYS).rev() {
        let at = now - Duration::days(d);
        let one = |key, value| Entry::One(MeasurementKind::from_key(key).unwrap(), value);
        for entry in [
            one("spo2", 92.0 + (d % 3) as f64),
            one("puls", 70.0 + (d % 11) as f64),
            Entry::BloodPressure {
                systolic: 128.0 + (d % 9) as f64,
                diastolic: 80.0 + (d % 5) as f64,
            },
            one("vekt", 74.0 + (d % 5) as f64 * 0.2),
            one("temperatur", 36.6 + (d % 4) as f64 * 0.1),
        ] {
            carepath_app::measurement::record(
                store,
                carepath_app::measurement::Measured {
                    patient,
                    entry,
                    effective: &at.to_rfc3339(),
                    effective_at: at,
                    by: user,
                    within: None,
                    acting_unit: None,
                    audit: None,
                },
                at,
            )
            .await
            .unwrap();
            measurements += 1;
        }
        if d % 7 == 0 {
            let answers: FormAnswers = [
                ("tung-pust", (d % 10).to_string()),
                ("hoste", (d % 4).to_string()),
                ("slapp", (d % 6).to_string()),
                ("hovne-ben", "false".to_owned()),
                ("flere-puter", "false".to_owned()),
            ]
            .into_iter()
            .map(|(id, v)| (id.to_owned(), vec![v]))
            .collect();
            let mut response =
                QuestionnaireResponse::from_form(&q.questionnaire, &answers, &at.to_rfc3339())
                    .unwrap();
            response.id = Some(carepath_domain::Id::<QuestionnaireResponse>::new().to_string());
            carepath_app::response::submit(
                store,
                carepath_app::response::Submission {
                    patient,
                    enrollment: Some(&e),
                    acting_unit: None,
                    questionnaire: &q,
                    response,
                    by: None,
                    audit: None,
                    existed: false,
                    public_url: None,
                },
                at,
            )
            .await
            .unwrap();
            forms += 1;
        }
    }
    (patient.to_string(), measurements, forms)
}

#[tokio::main]
async fn main() {
    let write = std::env::args().any(|a| a == "--write");
    let mut rows = Vec::new();
    for app in TestApp::each_backend().await {
        let started = Instant::now();
        let (patient, measurements, forms) = seed(&app).await;
        eprintln!(
            "{}: seeded {measurements} measurements and {forms} forms in {:.1} s",
            app.backend(),
            started.elapsed().as_secs_f64()
        );
        let session = app.sign_in("kliniker2").await;
        let path = format!("/klinikk/pasient/{patient}");
        let mut kb = 0;
        for _ in 0..5 {
            let page = app.get(Some(&session), &path).await;
            assert_eq!(page.status, 200);
            kb = page.body.len() / 1024;
        }
        let mut samples = Vec::with_capacity(REQUESTS);
        for _ in 0..REQUESTS {
            let t = Instant::now();
            let page = app.get(Some(&session), &path).await;
            samples.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(page.status, 200);
        }
        rows.push(Row {
            backend: app.backend(),
            measurements,
            forms,
            p50: percentile(&samples, 0.5),
            p95: percentile(&samples, 0.95),
            max: percentile(&samples, 1.0),
            kb,
        });
    }
    let mut text = "| database | measurements | weekly forms | p50 ms | p95 ms | max ms | page (KB, uncompressed) | budget p95 |\n|---|---:|---:|---:|---:|---:|---:|---|\n".to_owned();
    for r in &rows {
        text.push_str(&format!(
            "| {} | {} | {} | {:.1} | {:.1} | {:.1} | {} | {} ms: {} |\n",
            r.backend,
            r.measurements,
            r.forms,
            r.p50,
            r.p95,
            r.max,
            r.kb,
            BUDGET_MS,
            if r.p95 <= BUDGET_MS { "met" } else { "NOT MET" }
        ));
    }
    println!("{text}");
    if write {
        carepath_bench::write_section("overview", &text).unwrap();
    }
}
