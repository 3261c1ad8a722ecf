//! Starting and changing an enrollment: the one path for the care team's page, the API,
//! the patient's pages and the demo.

use carepath_app::enrollment::{self, Change, ChangeError, Enroll, EnrollError};
use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::enrollment::EnrollmentStatus;
use carepath_test_support::each_backend;
use carepath_test_support::fixtures as setup;
use chrono::{Duration, TimeZone, Utc};

#[tokio::test]
async fn an_enrollment_starts_only_where_the_unit_offers_the_program_and_once() {
    for db in each_backend().await {
        let store = &db.store;
        let at = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, program) = setup::unit_running(store, "Mage-tarm", "ibs-school", at).await;
        let version = store.program_version(program.version_id).await.unwrap();
        let mut patient = setup::patient("010190000", "Ola Opptak");
        patient.email = Some("ola@example.no".into());
        store.create_patient(&patient, at, &[]).await.unwrap();
        let request = || Enroll {
            patient: patient.id,
            unit: unit.id,
            version: &version,
            by: None,
            audit: None,
            public_url: Some("https://pasient.example.no"),
        };

        let refused = enrollment::enroll(store, request(), at).await;
        assert!(
            matches!(refused, Err(EnrollError::NotOffered)),
            "{}: {refused:?}",
            db.label
        );

        store
            .offer_program(unit.id, program.program_id)
            .await
            .unwrap();
        assert_eq!(
            store.outbox_summary().await.unwrap().pending,
            0,
            "no invitation"
        );
        let e = enrollment::enroll(store, request(), at).await.unwrap();
        assert_eq!(e.status, EnrollmentStatus::Invited);
        assert_eq!(store.enrollment(e.id).await.unwrap().unit_id, unit.id);
        // One invitation, by the one address the patient has.
        assert_eq!(
            store.outbox_summary().await.unwrap().pending,
            1,
            "{}",
            db.label
        );

        let again = enrollment::enroll(store, request(), at).await;
        assert!(
            matches!(again, Err(EnrollError::AlreadyEnrolled)),
            "{}: {again:?}",
            db.label
        );
        assert_eq!(store.outbox_summary().await.unwrap().pending, 1);
    }
}

#[tokio::test]
async fn a_change_the_state_does_not_allow_is_refused_and_nothing_is_stored() {
    for db in each_backend().await {
        let store = &db.store;
        let at = Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap();
        let (unit, program) = setup::unit_running(store, "Mage-tarm", "ibs-school", at).await;
        let (_, e) =
            setup::active_patient(store, &unit, &program, "010190000", "Pia Pause", at).await;

        let later = at + Duration::days(3);
        let paused = enrollment::change(store, &e, Change::Pause, None, None, later)
            .await
            .unwrap();
        assert_eq!(paused.paused_at, Some(later));
        assert!(!store.enrollment(e.id).await.unwrap().runs_schedule());

        // Paused again from a second tab: refused by the rule, the stored one untouched.
        let twice = enrollment::change(store, &paused, Change::Pause, None, None, later).await;
        assert!(
            matches!(twice, Err(ChangeError::NotNow(_))),
            "{}: {twice:?}",
            db.label
        );
        // A stale copy (read before the pause) cannot overwrite it either.
        let stale = enrollment::change(store, &e, Change::Withdraw, None, None, later).await;
        assert!(
            matches!(stale, Err(ChangeError::Store(_))),
            "{}: {stale:?}",
            db.label
        );
        assert_eq!(
            store.enrollment(e.id).await.unwrap().status,
            EnrollmentStatus::Active
        );

        let resumed = enrollment::change(store, &paused, Change::Resume, None, None, later)
            .await
            .unwrap();
        assert!(resumed.runs_schedule());
        // Screening belongs to an invited enrollment only.
        let outcome = ScreeningOutcome::Eligible;
        let screened = enrollment::change(
            store,
            &resumed,
            Change::Screening(&outcome),
            None,
            None,
            later,
        )
        .await;
        assert!(matches!(screened, Err(ChangeError::NotNow(_))));
    }
}
