//! The follow-up engine's scheduler with a fake clock: a 6-month IBS enrollment gets
//! exactly the tasks its program defines, when they come due, and none after it ends.

use std::collections::BTreeMap;

use carepath_domain::enrollment::Enrollment;
use carepath_domain::schedule::{TaskStatus, local_instant};
use carepath_store::Store;
use carepath_store::response::SaveResponse;
use carepath_test_support::each_backend;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use carepath_test_support::fixtures as setup;

const URL: &str = "https://pasient.example.no";

fn oslo(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    local_instant(
        NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
    )
}

/// An active IBS enrollment started at `start`.
async fn started(store: &Store, nine: &str, start: DateTime<Utc>) -> Enrollment {
    let (unit, imported) = setup::unit_running(store, "Poliklinikk", "ibs-school", start).await;
    setup::active_patient(store, &unit, &imported, nine, "Pasient Plan", start)
        .await
        .1
}

/// A completed IBS baseline from the enrollment's patient at `at`.
async fn answer_baseline(store: &Store, e: &Enrollment, at: DateTime<Utc>) {
    let version = store.program_version(e.program_version_id).await.unwrap();
    let q = store
        .questionnaire(version.id, "ibs-symptomskaar")
        .await
        .unwrap();
    let response: carepath_fhir::QuestionnaireResponse =
        serde_json::from_value(serde_json::json!({
            "resourceType": "QuestionnaireResponse",
            "id": carepath_domain::Id::<()>::new().to_string(),
            "questionnaire": "https://carepath.no/fhir/Questionnaire/ibs-sss-struktur|1.0.0",
            "status": "completed",
            "item": [{ "linkId": "smerte-styrke", "answer": [{ "valueInteger": 40 }] }]
        }))
        .unwrap();
    store
        .save_response(
            SaveResponse {
                patient: e.patient_id,
                enrollment: Some(e.id),
                questionnaire_id: &q.id,
                response: &response,
                observations: &[],
                by: None,
                audit: &[],
                consultation: None,
                alerts: &[],
                unit: None,
            },
            at,
        )
        .await
        .unwrap();
}

/// Ticks at noon every day from `from` for `days` days.
async fn tick_daily(store: &Store, from: DateTime<Utc>, days: i64) {
    for d in 0..days {
        store
            .run_scheduler(from + Duration::days(d), URL)
            .await
            .unwrap();
    }
}

fn by_key(tasks: &[carepath_store::task::Task]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for t in tasks {
        *out.entry(t.questionnaire_key.clone()).or_default() += 1;
    }
    out
}

#[tokio::test]
async fn a_six_month_enrollment_gets_exactly_the_tasks_its_program_defines() {
    for db in each_backend().await {
        let store = &db.store;
        // Monday 4 January 2027, 10:00 in Oslo.
        let start = oslo(2027, 1, 4, 10);
        let e = started(store, "010190000", start).await;

        // At once: the baseline, quality of life, PHQ-9 and GAD-7; nothing else yet.
        store.run_scheduler(start, URL).await.unwrap();
        let first = store.pending_tasks(e.id).await.unwrap();
        assert_eq!(
            by_key(&first),
            [
                ("gad-7", 1),
                ("ibs-symptomskaar", 1),
                ("livskvalitet", 1),
                ("phq-9", 1)
            ]
            .map(|(k, n)| (k.to_owned(), n))
            .into(),
            "{}",
            db.label
        );
        assert!(first.iter().all(|t| t.due_at == start));

        // The baseline is answered: its task is completed by the response.
        let noon = oslo(2027, 1, 4, 12);
        answer_baseline(store, &e, noon).await;

        // Seven months of daily ticks, then the program has ended.
        tick_daily(store, noon, 215).await;
        let tasks = store.enrollment_tasks(e.id).await.unwrap();
        assert_eq!(
            by_key(&tasks),
            [
                ("gad-7", 1),
                ("ibs-symptomskaar", 3),
                ("livskvalitet", 3),
                ("phq-9", 1),
                ("tilfredshet", 1),
                // Every Sunday 18:00 from 17 January to 4 July.
                ("ukedagbok", 25),
            ]
            .map(|(k, n)| (k.to_owned(), n))
            .into(),
            "{}",
            db.label
        );
        let diaries: Vec<_> = tasks
            .iter()
            .filter(|t| t.questionnaire_key == "ukedagbok")
            .map(|t| t.due_at)
            .collect();
        assert_eq!(diaries.last(), Some(&oslo(2027, 1, 17, 18)));
        assert_eq!(diaries.first(), Some(&oslo(2027, 7, 4, 18)));
        // 3 and 6 months: 4 April and 4 July at 08:00.
        let symptoms: Vec<_> = tasks
            .iter()
            .filter(|t| t.questionnaire_key == "ibs-symptomskaar")
            .map(|t| (t.due_at, t.status))
            .collect();
        assert_eq!(
            symptoms,
            [
                (oslo(2027, 7, 4, 8), TaskStatus::Expired),
                (oslo(2027, 4, 4, 8), TaskStatus::Expired),
                (start, TaskStatus::Completed),
            ]
        );
        assert!(
            tasks
                .iter()
                .all(|t| matches!(t.status, TaskStatus::Completed | TaskStatus::Expired)),
            "{}",
            db.label
        );
        // Nothing more comes, however long the scheduler runs.
        tick_daily(store, noon + Duration::days(215), 60).await;
        assert_eq!(store.enrollment_tasks(e.id).await.unwrap().len(), 34);
    }
}

#[tokio::test]
async fn tasks_turn_overdue_then_expire_and_withdrawing_cancels_what_is_pending() {
    for db in each_backend().await {
        let store = &db.store;
        let start = oslo(2027, 3, 1, 9);
        let mut e = started(store, "020290000", start).await;
        store.run_scheduler(start, URL).await.unwrap();
        // Three days later at 08:00 the four start tasks are overdue; after 14 days expired.
        let report = store.run_scheduler(oslo(2027, 3, 4, 8), URL).await.unwrap();
        assert_eq!((report.overdue, report.expired), (4, 0), "{}", db.label);
        let report = store
            .run_scheduler(oslo(2027, 3, 15, 8), URL)
            .await
            .unwrap();
        assert_eq!(report.expired, 4, "{}", db.label);

        // Two months in, with the weekly diary pending, the patient withdraws.
        tick_daily(store, oslo(2027, 3, 15, 12), 50).await;
        let pending = store.pending_tasks(e.id).await.unwrap();
        assert_eq!(pending.len(), 1, "{}: this week's diary", db.label);
        let before = e.version;
        e.withdraw().unwrap();
        store
            .save_enrollment(&e, before, None, oslo(2027, 5, 5, 12), &[])
            .await
            .unwrap();
        let count = store.enrollment_tasks(e.id).await.unwrap().len();
        assert!(store.pending_tasks(e.id).await.unwrap().is_empty());
        tick_daily(store, oslo(2027, 5, 5, 12), 150).await;
        let after = store.enrollment_tasks(e.id).await.unwrap();
        assert_eq!(
            after.len(),
            count,
            "{}: nothing new after withdrawal",
            db.label
        );
        assert!(after.iter().any(|t| t.status == TaskStatus::Cancelled));
    }
}

#[tokio::test]
async fn reminders_come_as_the_schedule_says_once_each_and_stop_when_the_task_is_answered() {
    for db in each_backend().await {
        let store = &db.store;
        let start = oslo(2027, 9, 6, 9);
        let e = started(store, "030390000", start).await;
        let mut p = store.patient(e.patient_id).await.unwrap();
        p.email = Some("pasient@example.no".into());
        p.mobile = Some("+4791234567".into());
        store.update_patient(&p, start, &[]).await.unwrap();

        // The baseline, PHQ-9 and GAD-7 open; only the baseline has reminders, from 1d.
        let first = store.run_scheduler(start, URL).await.unwrap();
        assert_eq!(first.reminders, 0, "{}", db.label);
        // A day later: one reminder, by e-mail and SMS; running again adds none.
        let day = start + Duration::days(1);
        assert_eq!(store.run_scheduler(day, URL).await.unwrap().reminders, 2);
        assert_eq!(store.run_scheduler(day, URL).await.unwrap().reminders, 0);
        // Three days in: the second.
        let third = start + Duration::days(3);
        assert_eq!(store.run_scheduler(third, URL).await.unwrap().reminders, 2);

        // The baseline answered before day 7: no third reminder for it; the
        // quality-of-life form, still open, has its own (one per person and pass).
        answer_baseline(store, &e, third + Duration::hours(2)).await;
        let week = start + Duration::days(7);
        assert_eq!(store.run_scheduler(week, URL).await.unwrap().reminders, 2);
        assert_eq!(store.outbox_summary().await.unwrap().pending, 6);

        // Each message is claimed once; its text names no health matter.
        let mut seen = std::collections::HashSet::new();
        while let Some(m) = store
            .claim_message(week, Duration::minutes(5))
            .await
            .unwrap()
        {
            assert!(seen.insert(m.message.message_id.clone()));
            // Kept as what it is about, worded in the patient's language at delivery.
            assert_eq!(
                m.content,
                Some((
                    carepath_domain::message::Content::reminder("https://pasient.example.no"),
                    carepath_domain::Lang::Nb
                ))
            );
            assert!(m.message.body.is_empty());
            store.message_sent(&m.id, week).await.unwrap();
        }
        assert_eq!(seen.len(), 6, "{}", db.label);
        assert_eq!(store.outbox_summary().await.unwrap().sent, 6);
    }
}

#[tokio::test]
async fn a_failed_delivery_is_tried_again_later_and_a_lease_lets_another_node_take_over() {
    for db in each_backend().await {
        let store = &db.store;
        let start = oslo(2027, 9, 6, 9);
        let e = started(store, "040490000", start).await;
        let mut p = store.patient(e.patient_id).await.unwrap();
        p.email = Some("pasient@example.no".into());
        store.update_patient(&p, start, &[]).await.unwrap();
        store.run_scheduler(start, URL).await.unwrap();
        let day = start + Duration::days(1);
        assert_eq!(store.run_scheduler(day, URL).await.unwrap().reminders, 1);

        let lease = Duration::minutes(5);
        let m = store.claim_message(day, lease).await.unwrap().unwrap();
        // While one node holds it, another finds nothing.
        assert!(
            store.claim_message(day, lease).await.unwrap().is_none(),
            "{}",
            db.label
        );
        // It fails: not before a minute has passed is it tried again.
        store
            .message_failed(&m, day, "SMTP: the server could not be reached")
            .await
            .unwrap();
        assert!(store.claim_message(day, lease).await.unwrap().is_none());
        let retry = store
            .claim_message(day + Duration::minutes(1), lease)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((retry.id.as_str(), retry.attempts), (m.id.as_str(), 1));
        // The node crashes before recording: after the lease another takes it, with the
        // same Message-ID.
        let after_crash = store
            .claim_message(day + Duration::minutes(7), lease)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after_crash.message.message_id, m.message.message_id);
        store
            .message_sent(&after_crash.id, day + Duration::minutes(7))
            .await
            .unwrap();
        assert!(
            store
                .claim_message(day + Duration::days(1), lease)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_paused_enrollment_gets_no_tasks_until_resumed_and_misses_what_closed_meanwhile() {
    for db in each_backend().await {
        let store = &db.store;
        // Monday 4 January 2027, 10:00 in Oslo; the first diary is Sunday 17 January.
        let start = oslo(2027, 1, 4, 10);
        let mut e = started(store, "010190000", start).await;
        tick_daily(store, start, 15).await;
        let diaries = |tasks: &[carepath_store::task::Task]| {
            let mut due: Vec<_> = tasks
                .iter()
                .filter(|t| t.questionnaire_key == "ukedagbok")
                .map(|t| (t.due_at.date_naive().to_string(), t.status))
                .collect();
            due.sort_by(|a, b| a.0.cmp(&b.0));
            due
        };
        assert_eq!(
            diaries(&store.enrollment_tasks(e.id).await.unwrap()).len(),
            1,
            "{:?}",
            store.backend()
        );

        // Paused on Monday 18 January: the open diary is cancelled; three weeks pass.
        let paused = start + Duration::days(14);
        let before = e.version;
        e.pause(paused).unwrap();
        store
            .save_enrollment(&e, before, None, paused, &[])
            .await
            .unwrap();
        assert!(store.pending_tasks(e.id).await.unwrap().is_empty());
        tick_daily(store, paused, 21).await;
        assert_eq!(
            diaries(&store.enrollment_tasks(e.id).await.unwrap()).len(),
            1
        );

        // Resumed on Monday 8 February: the diary of 7 February can still be answered and
        // comes; those of 24 and 31 January closed during the pause and never come.
        let resumed = start + Duration::days(35);
        let before = e.version;
        e.resume().unwrap();
        store
            .save_enrollment(&e, before, None, resumed, &[])
            .await
            .unwrap();
        tick_daily(store, resumed, 8).await;
        let got = diaries(&store.enrollment_tasks(e.id).await.unwrap());
        let dates: Vec<&str> = got.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(dates, ["2027-01-17", "2027-02-07", "2027-02-14"], "{got:?}");
        assert_eq!(got[0].1, TaskStatus::Cancelled);
    }
}

/// Tasks due for one person in the same pass come as one message per channel, not one
/// each: the 3-month form and the week's diary opening together make one e-mail.
#[tokio::test]
async fn reminders_due_together_for_one_person_come_as_one_message() {
    for db in each_backend().await {
        let store = &db.store;
        let start = oslo(2027, 9, 6, 9);
        let e = started(store, "020290000", start).await;
        let mut p = store.patient(e.patient_id).await.unwrap();
        p.email = Some("pasient@example.no".into());
        store.update_patient(&p, start, &[]).await.unwrap();
        store.run_scheduler(start, URL).await.unwrap();
        answer_baseline(store, &e, start + Duration::hours(1)).await;
        // Three months on: the 3-month form and the week's diary open, and each has a
        // reminder due at once.
        let later = start + Duration::days(92) + Duration::hours(12);
        let pass = store.run_scheduler(later, URL).await.unwrap();
        let open: Vec<String> = store
            .pending_tasks(e.id)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.questionnaire_key)
            .collect();
        assert!(
            open.contains(&"ibs-symptomskaar".to_owned()) && open.contains(&"ukedagbok".to_owned()),
            "{}: {open:?}",
            db.label
        );
        assert_eq!(pass.reminders, 1, "{}", db.label);
        assert_eq!(store.outbox_summary().await.unwrap().pending, 1);
    }
}
