//! Enrollments: the journey persisted, optimistic concurrency, progress and the unit list.

use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::enrollment::{Enrollment, EnrollmentStatus};
use carepath_domain::organization::{OrganizationKind, UnitKind};
use carepath_domain::referral::{HeardAbout, ReferralSource};
use carepath_store::StoreError;
use carepath_store::enrollment::{EnrollmentQuery, NewReferral};
use carepath_test_support::{each_backend, ibs_package};

use crate::patient::patient;

#[tokio::test]
async fn an_enrollment_moves_through_the_journey_with_history_and_conflict_detection() {
    for db in each_backend().await {
        let store = &db.store;
        let now = carepath_domain::clock::Clock::now(&carepath_domain::clock::SystemClock);
        let org = store
            .create_organization("Sykehus", OrganizationKind::Hospital, now)
            .await
            .unwrap();
        let unit = store
            .create_unit(org.id, "Poliklinikk", UnitKind::Department, now)
            .await
            .unwrap();
        let clinician = store
            .create_user("kliniker", "Kliniker", now)
            .await
            .unwrap();
        let imported = store.import_package(&ibs_package(), now).await.unwrap();
        let version = store.program_version(imported.version_id).await.unwrap();
        let p = patient("010190000", "Ola Nordmann");
        store.create_patient(&p, now, &[]).await.unwrap();
        let referral = store
            .create_referral(
                &NewReferral {
                    id: carepath_domain::Id::new(),
                    patient: p.id,
                    unit: unit.id,
                    program: imported.program_id,
                    source: ReferralSource::Gp,
                    heard_about: HeardAbout::Website,
                    region: carepath_domain::region::Region::parse("46"),
                    registered_by: clinician.id,
                    received_at: now,
                },
                &[],
            )
            .await
            .unwrap();
        let mut e = Enrollment::new(p.id, unit.id, version.id, now);
        store
            .create_enrollment(&e, Some(referral.id), Some(clinician.id), &[])
            .await
            .unwrap();

        let before = e.version;
        e.accept_terms(now).unwrap();
        e.record_screening(&ScreeningOutcome::Eligible, now)
            .unwrap();
        e.choose_optional_modules(&version.definition, &["lavfodmap".into()])
            .unwrap();
        store
            .save_enrollment(&e, before, None, now, &[])
            .await
            .unwrap();
        let loaded = store.enrollment(e.id).await.unwrap();
        assert_eq!(loaded, e, "{}", db.label);
        assert_eq!(
            store
                .history_len("CarePlan", &e.id.to_string())
                .await
                .unwrap(),
            2
        );

        // A second writer that read the old version loses, and nothing it had is lost.
        let mut stale = e.clone();
        stale.version = before + 1;
        stale.status = EnrollmentStatus::Withdrawn;
        let err = store
            .save_enrollment(&stale, before, None, now, &[])
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict), "{}", db.label);
        assert_eq!(
            store.enrollment(e.id).await.unwrap().status,
            EnrollmentStatus::Active
        );

        store
            .mark_page_read(e.id, "om-ibs", "01-hva-er-ibs", now, &[])
            .await
            .unwrap();
        store
            .mark_page_read(e.id, "om-ibs", "01-hva-er-ibs", now, &[])
            .await
            .unwrap();
        store
            .mark_page_read(e.id, "om-ibs", "02-tarm-og-hjerne", now, &[])
            .await
            .unwrap();
        let progress = store.progress(e.id).await.unwrap();
        assert_eq!(progress.read.len(), 2);
        assert_eq!(
            progress.last_page,
            Some(("om-ibs".into(), "02-tarm-og-hjerne".into()))
        );
    }
}

#[tokio::test]
async fn the_unit_list_pages_searches_and_shows_only_the_unit() {
    for db in each_backend().await {
        let store = &db.store;
        let now = carepath_domain::clock::Clock::now(&carepath_domain::clock::SystemClock);
        let org = store
            .create_organization("Sykehus", OrganizationKind::Hospital, now)
            .await
            .unwrap();
        let unit = store
            .create_unit(org.id, "Poliklinikk", UnitKind::Department, now)
            .await
            .unwrap();
        let other = store
            .create_unit(org.id, "Annen", UnitKind::Department, now)
            .await
            .unwrap();
        let imported = store.import_package(&ibs_package(), now).await.unwrap();
        let mut first_nin = None;
        for i in 0..30u32 {
            let nine = (0..1000)
                .map(|ind| format!("0101{:02}{ind:03}", 70 + i))
                .find(|n| carepath_domain::NationalIdNumber::complete(n).is_some())
                .unwrap();
            let p = patient(&nine, &format!("Pasient {i:02} Hansen"));
            first_nin.get_or_insert(p.nin.clone());
            store.create_patient(&p, now, &[]).await.unwrap();
            let target = if i == 29 { other.id } else { unit.id };
            let mut e = Enrollment::new(
                p.id,
                target,
                imported.version_id,
                now + chrono::Duration::seconds(i.into()),
            );
            if i % 2 == 0 {
                e.accept_terms(now).unwrap();
                e.record_screening(&ScreeningOutcome::Eligible, now)
                    .unwrap();
            }
            store.create_enrollment(&e, None, None, &[]).await.unwrap();
            store
                .mark_page_read(e.id, "om-ibs", "01-hva-er-ibs", now, &[])
                .await
                .unwrap();
        }
        let q = |search: Option<&str>, status, page| EnrollmentQuery {
            search: search.map(Into::into),
            status,
            paused: None,
            page,
            per_page: 10,
        };
        let page1 = store
            .unit_enrollments(unit.id, &q(None, None, 1))
            .await
            .unwrap();
        assert_eq!(page1.total, 29, "{}", db.label);
        assert_eq!(page1.items.len(), 10);
        assert_eq!(page1.pages(), 3);
        assert_eq!(
            page1.items[0].patient_name, "Pasient 28 Hansen",
            "newest first"
        );
        assert_eq!(page1.items[0].pages_read, 1);
        let page3 = store
            .unit_enrollments(unit.id, &q(None, None, 3))
            .await
            .unwrap();
        assert_eq!(page3.items.len(), 9);

        let found = store
            .unit_enrollments(unit.id, &q(Some("pasient 07"), None, 1))
            .await
            .unwrap();
        assert_eq!(found.total, 1, "{}", db.label);
        let by_nin = store
            .unit_enrollments(
                unit.id,
                &q(Some(&first_nin.clone().unwrap().expose()), None, 1),
            )
            .await
            .unwrap();
        assert_eq!(by_nin.items[0].patient_name, "Pasient 00 Hansen");
        let active = store
            .unit_enrollments(unit.id, &q(None, Some(EnrollmentStatus::Active), 1))
            .await
            .unwrap();
        assert_eq!(active.total, 15);
        let other_list = store
            .unit_enrollments(other.id, &q(None, None, 1))
            .await
            .unwrap();
        assert_eq!(other_list.total, 1);
    }
}

#[tokio::test]
async fn a_change_and_its_access_log_event_commit_together_or_not_at_all() {
    use carepath_domain::audit::{AuditAction, AuditEvent};
    use carepath_domain::user::Role;
    for db in each_backend().await {
        let store = &db.store;
        let now = carepath_domain::clock::Clock::now(&carepath_domain::clock::SystemClock);
        let org = store
            .create_organization("Sykehus", OrganizationKind::Hospital, now)
            .await
            .unwrap();
        let unit = store
            .create_unit(org.id, "Poliklinikk", UnitKind::Department, now)
            .await
            .unwrap();
        let actor = store
            .create_user("kliniker", "Kliniker", now)
            .await
            .unwrap();
        let imported = store.import_package(&ibs_package(), now).await.unwrap();
        let p = patient("010190000", "Ola Nordmann");
        let event = |action, resource_type, id: String| AuditEvent {
            actor: actor.id,
            role: Role::Clinician,
            unit: Some(unit.id),
            patient: Some(p.id),
            action,
            resource_type,
            resource_id: id,
            reason: None,
            session: None,
        };
        store
            .create_patient(
                &p,
                now,
                &[event(AuditAction::Create, "Patient", p.id.to_string())],
            )
            .await
            .unwrap();
        let mut e = Enrollment::new(p.id, unit.id, imported.version_id, now);
        store
            .create_enrollment(
                &e,
                None,
                Some(actor.id),
                &[event(AuditAction::Create, "CarePlan", e.id.to_string())],
            )
            .await
            .unwrap();
        let logged = store.patient_access_log(p.id, 10).await.unwrap();
        assert_eq!(logged.len(), 2, "{}", db.label);

        // With the access log out of reach, the change is refused and nothing is saved.
        store
            .execute_admin("ALTER TABLE audit_events RENAME TO audit_events_away")
            .await
            .unwrap();
        let before = e.version;
        e.accept_terms(now).unwrap();
        let failed = store
            .save_enrollment(
                &e,
                before,
                Some(actor.id),
                now,
                &[event(AuditAction::Update, "CarePlan", e.id.to_string())],
            )
            .await;
        assert!(failed.is_err(), "{}", db.label);
        store
            .execute_admin("ALTER TABLE audit_events_away RENAME TO audit_events")
            .await
            .unwrap();
        assert_eq!(store.enrollment(e.id).await.unwrap().version, before);
        assert!(matches!(
            store.verify_audit().await.unwrap(),
            carepath_store::audit::AuditCheck::Intact { .. }
        ));
    }
}
