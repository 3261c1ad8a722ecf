//! The access log: chained per node, verifiable, and tampering is found.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::clock::{Clock, SystemClock};
use carepath_domain::user::Role;
use carepath_store::audit::AuditCheck;
use carepath_test_support::each_backend;

fn event(
    actor: Id<carepath_domain::user::UserAccount>,
    patient: Id<carepath_domain::patient::Patient>,
    i: usize,
) -> AuditEvent {
    AuditEvent {
        actor,
        role: Role::Clinician,
        unit: None,
        patient: Some(patient),
        action: if i.is_multiple_of(2) {
            AuditAction::Read
        } else {
            AuditAction::Update
        },
        resource_type: "Patient",
        resource_id: patient.to_string(),
        reason: (i == 3).then(|| "Nødtilgang: pasienten er innlagt".to_owned()),
        session: i.is_multiple_of(3).then(|| format!("s-{i:016}")),
    }
}

#[tokio::test]
async fn two_nodes_write_their_own_chains_and_both_verify() {
    for db in each_backend().await {
        let node_a = &db.store;
        let node_b = node_a.as_another_node();
        let now = SystemClock.now();
        let actor = node_a
            .create_user("kliniker", "Kari Klinisk", now)
            .await
            .unwrap();
        let patient = Id::new();
        for i in 0..5 {
            node_a
                .audit(&event(actor.id, patient, i), now)
                .await
                .unwrap();
        }
        for i in 0..3 {
            node_b
                .audit(&event(actor.id, patient, i), now)
                .await
                .unwrap();
        }
        assert_eq!(
            node_a.verify_audit().await.unwrap(),
            AuditCheck::Intact {
                chains: 2,
                events: 8
            },
            "{}",
            db.label
        );
        let log = node_a.patient_access_log(patient, 100).await.unwrap();
        assert_eq!(log.len(), 8);
        assert_eq!(log[0].actor_name, "Kari Klinisk");
        assert!(
            log.iter()
                .any(|e| e.reason.as_deref() == Some("Nødtilgang: pasienten er innlagt"))
        );
    }
}

#[tokio::test]
async fn a_changed_event_is_found_at_its_place_in_the_chain() {
    for db in each_backend().await {
        let store = &db.store;
        let now = SystemClock.now();
        let actor = store
            .create_user("kliniker", "Kari Klinisk", now)
            .await
            .unwrap();
        let patient = Id::new();
        for i in 0..5 {
            store
                .audit(&event(actor.id, patient, i), now)
                .await
                .unwrap();
        }
        store
            .execute_admin("UPDATE audit_events SET action = 'read' WHERE seq = 2")
            .await
            .unwrap();
        match store.verify_audit().await.unwrap() {
            AuditCheck::Broken { seq, problem, .. } => {
                assert_eq!(seq, 2, "{}", db.label);
                assert!(problem.contains("changed"), "{problem}");
            }
            other => panic!("{}: tampering not found: {other:?}", db.label),
        }
    }
}

#[tokio::test]
async fn removed_events_are_found_in_the_middle_and_at_the_end() {
    for db in each_backend().await {
        let store = &db.store;
        let now = SystemClock.now();
        let actor = store
            .create_user("kliniker", "Kari Klinisk", now)
            .await
            .unwrap();
        let patient = Id::new();
        for i in 0..5 {
            store
                .audit(&event(actor.id, patient, i), now)
                .await
                .unwrap();
        }
        store
            .execute_admin("DELETE FROM audit_events WHERE seq = 5")
            .await
            .unwrap();
        assert!(
            matches!(
                store.verify_audit().await.unwrap(),
                AuditCheck::Broken { seq: 5, .. }
            ),
            "{}: a removed last event is found",
            db.label
        );
        store
            .execute_admin("DELETE FROM audit_events WHERE seq = 3")
            .await
            .unwrap();
        assert!(
            matches!(
                store.verify_audit().await.unwrap(),
                AuditCheck::Broken { seq: 3, .. }
            ),
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn retention_drops_old_events_behind_a_sealed_checkpoint_and_the_rest_still_verifies() {
    for db in each_backend().await {
        let store = &db.store;
        let start = SystemClock.now() - chrono::Duration::days(1000);
        let actor = store
            .create_user("kliniker", "Kari Klinisk", start)
            .await
            .unwrap();
        let patient = Id::new();
        for i in 0..10 {
            let at = start + chrono::Duration::days(100 * i64::try_from(i).unwrap());
            store.audit(&event(actor.id, patient, i), at).await.unwrap();
        }
        let cutoff = start + chrono::Duration::days(450);
        let now = SystemClock.now();
        assert_eq!(
            store.drop_audit_before(cutoff, now).await.unwrap(),
            5,
            "{}",
            db.label
        );
        assert_eq!(
            store.verify_audit().await.unwrap(),
            AuditCheck::Intact {
                chains: 1,
                events: 5
            },
            "{}",
            db.label
        );
        // Again later: the checkpoint moves on and the count adds up.
        assert_eq!(
            store
                .drop_audit_before(cutoff + chrono::Duration::days(200), now)
                .await
                .unwrap(),
            2
        );
        assert!(matches!(
            store.verify_audit().await.unwrap(),
            AuditCheck::Intact { events: 3, .. }
        ));

        // Moving the checkpoint forward to hide events is found: the seal does not match.
        store
            .execute_admin("UPDATE audit_checkpoints SET seq = seq + 1")
            .await
            .unwrap();
        match store.verify_audit().await.unwrap() {
            AuditCheck::Broken { problem, .. } => {
                assert!(problem.contains("checkpoint"), "{problem}");
            }
            other => panic!("{}: not found: {other:?}", db.label),
        }
        store
            .execute_admin("DELETE FROM audit_checkpoints")
            .await
            .unwrap();
        assert!(matches!(
            store.verify_audit().await.unwrap(),
            AuditCheck::Broken { seq: 1, .. }
        ));
    }
}
