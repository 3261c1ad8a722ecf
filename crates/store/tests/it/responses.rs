//! Saving responses: concurrent saves are committed together (group commit), each is
//! durable when acknowledged, and a save that fails is refused alone.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::user::Role;
use carepath_fhir::QuestionnaireResponse;
use carepath_store::audit::AuditCheck;
use carepath_store::response::SaveResponse;
use carepath_test_support::{each_backend, ibs_package};

use crate::patient::patient;

fn response(id: &str) -> QuestionnaireResponse {
    serde_json::from_value(serde_json::json!({
        "resourceType": "QuestionnaireResponse",
        "id": id,
        "questionnaire": "https://carepath.no/fhir/Questionnaire/ibs-sss-struktur|1.0.0",
        "status": "completed",
        "item": [{ "linkId": "smerte-styrke", "answer": [{ "valueInteger": 40 }] }]
    }))
    .unwrap()
}

#[tokio::test]
async fn concurrent_saves_are_committed_together_and_a_failing_one_alone_is_refused() {
    for db in each_backend().await {
        let store = &db.store;
        let now = carepath_domain::clock::Clock::now(&carepath_domain::clock::SystemClock);
        let imported = store.import_package(&ibs_package(), now).await.unwrap();
        let version = store.program_version(imported.version_id).await.unwrap();
        let q = store
            .questionnaire(version.id, "ibs-symptomskaar")
            .await
            .unwrap();
        let (a, b) = (patient("010190000", "En"), patient("020290000", "To"));
        store.create_patient(&a, now, &[]).await.unwrap();
        store.create_patient(&b, now, &[]).await.unwrap();
        let actor = store.create_user("skriver", "Skriver", now).await.unwrap();
        store.grant_role(actor.id, Role::Admin, None).await.unwrap();

        // B's response id, then an attempt to overwrite it as A's: refused.
        let taken = Id::<QuestionnaireResponse>::new().to_string();
        let mut saves = Vec::new();
        for n in 0..40 {
            let id = if n == 20 {
                taken.clone()
            } else {
                Id::<QuestionnaireResponse>::new().to_string()
            };
            saves.push((n, id));
        }
        store
            .save_response(
                SaveResponse {
                    patient: b.id,
                    enrollment: None,
                    questionnaire_id: &q.id,
                    response: &response(&taken),
                    observations: &[],
                    by: None,
                    audit: &[],
                    consultation: None,
                    alerts: &[],
                    unit: None,
                },
                now,
            )
            .await
            .unwrap();
        // Concurrently, so they reach the writer together.
        let mut running = tokio::task::JoinSet::new();
        for (n, id) in saves {
            let r = response(&id);
            let event = AuditEvent {
                actor: actor.id,
                role: Role::Admin,
                unit: None,
                patient: Some(a.id),
                action: AuditAction::Create,
                resource_type: "QuestionnaireResponse",
                resource_id: id.clone(),
                reason: None,
                session: None,
            };
            let (store, q_id, patient) = (store.clone(), q.id.clone(), a.id);
            running.spawn(async move {
                let out = store
                    .save_response(
                        SaveResponse {
                            patient,
                            enrollment: None,
                            questionnaire_id: &q_id,
                            response: &r,
                            observations: &[],
                            by: None,
                            audit: &[event],
                            consultation: None,
                            alerts: &[],
                            unit: None,
                        },
                        now,
                    )
                    .await;
                (n, out)
            });
        }
        let results = running.join_all().await;
        for (n, out) in &results {
            assert_eq!(out.is_ok(), *n != 20, "{} save {n}: {out:?}", db.label);
        }
        let count = store
            .dump_for_tests(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM questionnaire_responses WHERE patient_id = '{}'",
                a.id
            ))
            .await
            .unwrap();
        assert_eq!(count, "39", "{}", db.label);
        // The refused save left no access-log event, and the chain is whole.
        let events = store
            .dump_for_tests(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE patient_id = '{}'",
                a.id
            ))
            .await
            .unwrap();
        assert_eq!(events, "39", "{}", db.label);
        assert!(
            matches!(
                store.verify_audit().await.unwrap(),
                AuditCheck::Intact { .. }
            ),
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn a_response_is_read_with_the_units_that_care_for_its_patient() {
    for db in each_backend().await {
        let store = &db.store;
        let now = carepath_domain::clock::Clock::now(&carepath_domain::clock::SystemClock);
        let imported = store.import_package(&ibs_package(), now).await.unwrap();
        let version = store.program_version(imported.version_id).await.unwrap();
        let q = store
            .questionnaire(version.id, "ibs-symptomskaar")
            .await
            .unwrap();
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
        let mut managed = patient("010190000", "En");
        managed.managing_unit = Some(unit.id);
        let alone = patient("020290000", "To");
        let (en, to) = (
            Id::<QuestionnaireResponse>::new().to_string(),
            Id::<QuestionnaireResponse>::new().to_string(),
        );
        for (p, id) in [(&managed, &en), (&alone, &to)] {
            store.create_patient(p, now, &[]).await.unwrap();
            store
                .save_response(
                    SaveResponse {
                        patient: p.id,
                        enrollment: None,
                        questionnaire_id: &q.id,
                        response: &response(id),
                        observations: &[],
                        by: None,
                        audit: &[],
                        consultation: None,
                        alerts: &[],
                        unit: None,
                    },
                    now,
                )
                .await
                .unwrap();
        }

        let found = store.response_cared_for(&en).await.unwrap().unwrap();
        assert_eq!(found.record.id, en, "{}", db.label);
        assert_eq!(found.record.patient_id, managed.id.to_string());
        assert_eq!(
            found.patient_units,
            [unit.id].into_iter().collect(),
            "{}",
            db.label
        );
        let found = store.response_cared_for(&to).await.unwrap().unwrap();
        assert!(found.patient_units.is_empty(), "{}", db.label);
        assert!(
            store
                .response_cared_for(&Id::<QuestionnaireResponse>::new().to_string())
                .await
                .unwrap()
                .is_none(),
            "{}",
            db.label
        );

        // Read for an API token's holder, with the holder (decision 0061).
        let user = store
            .create_user("kliniker", "Kari Klinisk", now)
            .await
            .unwrap();
        let token = store
            .create_api_token(user.id, now, chrono::Duration::hours(1))
            .await
            .unwrap();
        let held = store
            .response_held(&token, now, &en)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(held.holder.account.id, user.id, "{}", db.label);
        let found = held.found.unwrap();
        assert_eq!(found.record.id, en, "{}", db.label);
        assert_eq!(
            found.patient_units,
            [unit.id].into_iter().collect(),
            "{}",
            db.label
        );
        let held = store
            .response_held(&token, now, &Id::<QuestionnaireResponse>::new().to_string())
            .await
            .unwrap()
            .unwrap();
        assert!(held.found.is_none(), "{}", db.label);
        // A token that is not live reads nothing: expired, revoked, unknown.
        let later = now + chrono::Duration::hours(2);
        assert!(
            store
                .response_held(&token, later, &en)
                .await
                .unwrap()
                .is_none(),
            "{}",
            db.label
        );
        store.revoke_api_tokens(user.id, now).await.unwrap();
        assert!(
            store
                .response_held(&token, now, &en)
                .await
                .unwrap()
                .is_none(),
            "{}",
            db.label
        );
        assert!(
            store
                .response_held("cpat_unknown", now, &en)
                .await
                .unwrap()
                .is_none(),
            "{}",
            db.label
        );
    }
}
