//! Patients: encrypted national identity numbers, found by keyed hash, unique.

use carepath_domain::patient::Patient;
use carepath_domain::{Id, NationalIdNumber};
use carepath_store::StoreError;
use carepath_test_support::each_backend;
use chrono::Utc;

pub fn patient(nine: &str, name: &str) -> Patient {
    let nin = NationalIdNumber::complete(nine).expect("valid test number");
    Patient {
        id: Id::new(),
        birth_date: nin.birth_date().unwrap(),
        nin,
        name: name.into(),
        user_id: None,
        gp_name: Some("Dr. Fastlege".into()),
    }
}

#[tokio::test]
async fn a_patient_is_found_by_number_and_the_number_is_never_stored_in_clear() {
    for db in each_backend().await {
        let store = &db.store;
        let p = patient("018190000", "Kari Nordmann");
        store.create_patient(&p, Utc::now(), &[]).await.unwrap();
        let found = store.patient_by_nin(&p.nin).await.unwrap().expect("found");
        assert_eq!(found, p, "{}", db.label);
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
