//! Patients: encrypted national identity numbers, found by keyed hash, unique.

use carepath_domain::patient::Patient;
use carepath_store::StoreError;
use carepath_test_support::each_backend;
use chrono::{Timelike, Utc};

pub use carepath_test_support::fixtures::patient;

#[tokio::test]
async fn a_patient_is_found_by_number_and_the_number_is_never_stored_in_clear() {
    for db in each_backend().await {
        let store = &db.store;
        let p = patient("018190000", "Kari Nordmann");
        let at = Utc::now().with_nanosecond(0).expect("whole second");
        store.create_patient(&p, at, &[]).await.unwrap();
        let found = store.patient_by_nin(&p.nin).await.unwrap().expect("found");
        assert_eq!(
            found.updated_at,
            Some(at),
            "{}: when it was stored",
            db.label
        );
        assert_eq!(
            Patient {
                updated_at: None,
                ..found
            },
            p,
            "{}",
            db.label
        );
        assert_eq!(store.patient(p.id).await.unwrap().nin, p.nin);
        assert_eq!(
            store
                .history_len("Patient", &p.id.to_string())
                .await
                .unwrap(),
            1
        );

        let dup = patient("018190000", "Someone Else");
        let err = store
            .create_patient(&dup, Utc::now(), &[])
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate(_)),
            "{}: {err}",
            db.label
        );
        assert!(
            !err.to_string().contains("01819"),
            "errors never carry the number"
        );

        let raw = store
            .dump_for_tests("SELECT nin_ciphertext || nin_index FROM patients")
            .await
            .unwrap();
        assert!(
            !raw.contains(&p.nin.expose()),
            "{}: stored in clear",
            db.label
        );
    }
}

#[tokio::test]
async fn a_patient_registered_by_a_unit_is_theirs_and_changes_only_from_the_version_read() {
    for db in each_backend().await {
        let store = &db.store;
        let now = Utc::now();
        let org = store
            .create_organization(
                "Sykehus",
                carepath_domain::organization::OrganizationKind::Hospital,
                now,
            )
            .await
            .unwrap();
        let unit = store
            .create_unit(
                org.id,
                "Poliklinikk",
                carepath_domain::organization::UnitKind::Department,
                now,
            )
            .await
            .unwrap();
        let mut p = patient("018190000", "Kari Nordmann");
        p.managing_unit = Some(unit.id);
        store.create_patient(&p, now, &[]).await.unwrap();
        let other = patient("020290000", "Ola Annen");
        store.create_patient(&other, now, &[]).await.unwrap();

        assert_eq!(
            store.patient_units(p.id).await.unwrap(),
            [unit.id].into_iter().collect(),
            "{}",
            db.label
        );
        let found = store
            .patients_in_units(&[unit.id], &Default::default(), 0, 10)
            .await
            .unwrap();
        let unstamped: Vec<Patient> = found
            .items
            .into_iter()
            .map(|f| Patient {
                updated_at: None,
                ..f
            })
            .collect();
        assert_eq!(unstamped, vec![p.clone()], "{}", db.label);

        // A new name from version 1 makes version 2; a second change from 1 is refused.
        let mut renamed = p.clone();
        renamed.name = "Kari Nordmann Berg".into();
        assert_eq!(store.update_patient(&renamed, now, &[]).await.unwrap(), 2);
        let stored = store.patient(p.id).await.unwrap();
        assert_eq!(
            (stored.name.as_str(), stored.version),
            ("Kari Nordmann Berg", 2)
        );
        let err = store.update_patient(&renamed, now, &[]).await.unwrap_err();
        assert!(matches!(err, StoreError::Conflict), "{}: {err}", db.label);

        // Another patient's number is refused and nothing changes.
        let mut clash = stored.clone();
        clash.nin = other.nin.clone();
        let err = store.update_patient(&clash, now, &[]).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Duplicate(_)),
            "{}: {err}",
            db.label
        );
        assert_eq!(store.patient(p.id).await.unwrap(), stored);
        assert_eq!(
            store
                .history_len("Patient", &p.id.to_string())
                .await
                .unwrap(),
            2
        );

        let mut missing = patient("030390000", "Ikke Lagret");
        missing.version = 1;
        let err = store.update_patient(&missing, now, &[]).await.unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound(_)),
            "{}: {err}",
            db.label
        );
    }
}
