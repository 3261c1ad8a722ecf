//! Retention of patient records: only patients whose every enrollment ended before the
//! cutoff are due, and deleting one removes everything that belongs to them and nothing else.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::organization::{OrganizationKind, UnitKind};
use carepath_domain::user::Role;
use carepath_store::audit::AuditCheck;
use carepath_test_support::{each_backend, ibs_package};
use chrono::Duration;

use crate::patient::patient;

#[tokio::test]
async fn only_patients_finished_before_the_cutoff_are_deleted_and_completely() {
    for db in each_backend().await {
        let store = &db.store;
        let now = carepath_domain::clock::Clock::now(&carepath_domain::clock::SystemClock);
        let long_ago = now - Duration::days(11 * 365);
        let org = store
            .create_organization("Sykehus", OrganizationKind::Hospital, long_ago)
            .await
            .unwrap();
        let unit = store
            .create_unit(org.id, "Poliklinikk", UnitKind::Department, long_ago)
            .await
            .unwrap();
        let imported = store
            .import_package(&ibs_package(), long_ago)
            .await
            .unwrap();
        let version = store.program_version(imported.version_id).await.unwrap();

        // A finished long ago, with an account, reading and a response; B active; C
        // finished recently.
        let mut ids = Vec::new();
        for (nine, name, finish_at) in [
            ("010190000", "Gammel Avsluttet", Some(long_ago)),
            ("020290000", "Aktiv Fortsatt", None),
            (
                "030390000",
                "Nylig Avsluttet",
                Some(now - Duration::days(30)),
            ),
        ] {
            let account = store
                .create_user(&format!("p{nine}"), name, long_ago)
                .await
                .unwrap();
            store
                .grant_role(account.id, Role::Patient, None)
                .await
                .unwrap();
            let mut p = patient(nine, name);
            p.user_id = Some(account.id);
            store.create_patient(&p, long_ago, &[]).await.unwrap();
            let mut e = Enrollment::new(p.id, unit.id, version.id, long_ago);
            store.create_enrollment(&e, None, None, &[]).await.unwrap();
            let before = e.version;
            e.accept_terms(long_ago).unwrap();
            e.record_screening(&ScreeningOutcome::Eligible, long_ago)
                .unwrap();
            store
                .save_enrollment(&e, before, Some(account.id), long_ago, &[])
                .await
                .unwrap();
            store
                .mark_page_read(e.id, "om-ibs", "01-hva-er-ibs", long_ago, &[])
                .await
                .unwrap();
            // A message with a file: deleted with the rest, its file first.
            store
                .send_message(
                    &carepath_store::message::NewThreadMessage {
                        id: Id::new(),
                        patient: p.id,
                        enrollment: e.id,
                        unit: unit.id,
                        from_patient: true,
                        sender: account.id,
                        in_response_to: None,
                        body: "Et spørsmål".into(),
                        answer_due: None,
                        files: vec![(
                            "application/pdf".into(),
                            "brev.pdf".into(),
                            b"%PDF-1.4".to_vec(),
                        )],
                        activity: None,
                    },
                    &[],
                    &[],
                    long_ago,
                )
                .await
                .unwrap();
            // A visit on site: deleted with its only patient.
            store
                .book_appointment(
                    &carepath_store::appointment::NewAppointment {
                        id: Id::new(),
                        unit: unit.id,
                        kind: carepath_domain::appointment::AppointmentKind::OnSite,
                        start: long_ago + Duration::days(10),
                        minutes: 30,
                        capacity: 1,
                        place: Some("Poliklinikken".into()),
                        join_url: None,
                        program: None,
                        booked_by: account.id,
                        patient: Some((p.id, e.id)),
                        request: None,
                    },
                    long_ago,
                    &[],
                )
                .await
                .unwrap();
            store
                .create_session(account.id, now, Duration::hours(8))
                .await
                .unwrap();
            if let Some(at) = finish_at {
                let before = e.version;
                e.finish().unwrap();
                store
                    .save_enrollment(&e, before, None, at, &[])
                    .await
                    .unwrap();
            }
            ids.push((p.id, account.id, e.id));
        }

        let cutoff = now - Duration::days(10 * 365);
        let due = store.patients_due_for_deletion(cutoff).await.unwrap();
        assert_eq!(due, vec![ids[0].0], "{}", db.label);

        let event = AuditEvent {
            actor: Id::new(),
            role: Role::Admin,
            unit: None,
            patient: Some(ids[0].0),
            action: AuditAction::Update,
            resource_type: "Patient",
            resource_id: ids[0].0.to_string(),
            reason: Some("Slettet etter oppbevaringstiden".into()),
            session: None,
        };
        store
            .delete_patient_records(ids[0].0, now, &[event])
            .await
            .unwrap();

        let count = |table: &str, column: &str, id: String| {
            let sql = format!("SELECT CAST(COUNT(*) AS TEXT) FROM {table} WHERE {column} = '{id}'");
            async move { store.dump_for_tests(&sql).await.unwrap() }
        };
        let (gone, gone_user, gone_enrollment) = ids[0];
        for (table, column, id) in [
            ("patients", "id", gone.to_string()),
            ("enrollments", "patient_id", gone.to_string()),
            ("page_reads", "enrollment_id", gone_enrollment.to_string()),
            ("record_history", "resource_id", gone_enrollment.to_string()),
            ("users", "id", gone_user.to_string()),
            ("sessions", "user_id", gone_user.to_string()),
            ("messages", "patient_id", gone.to_string()),
            ("appointment_participants", "patient_id", gone.to_string()),
            ("appointments", "booked_by", gone_user.to_string()),
        ] {
            assert_eq!(count(table, column, id).await, "0", "{}: {table}", db.label);
        }
        let (kept, kept_user, kept_enrollment) = ids[1];
        assert_eq!(count("patients", "id", kept.to_string()).await, "1");
        assert_eq!(count("users", "id", kept_user.to_string()).await, "1");
        assert_eq!(count("messages", "patient_id", kept.to_string()).await, "1");
        assert_eq!(
            count("appointment_participants", "patient_id", kept.to_string()).await,
            "1"
        );
        assert_eq!(
            store
                .dump_for_tests("SELECT CAST(COUNT(*) AS TEXT) FROM message_attachments")
                .await
                .unwrap(),
            "2",
            "the deleted patient's file is gone, the others' kept"
        );
        assert_eq!(
            count("page_reads", "enrollment_id", kept_enrollment.to_string()).await,
            "1"
        );
        assert_eq!(
            store.patient_access_log(gone, 10).await.unwrap().len(),
            1,
            "the deletion is logged"
        );
        assert!(matches!(
            store.verify_audit().await.unwrap(),
            AuditCheck::Intact { .. }
        ));
        assert!(
            store
                .patients_due_for_deletion(cutoff)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_patient_with_a_recent_response_outside_any_program_is_kept() {
    for db in each_backend().await {
        let store = &db.store;
        let now = carepath_domain::clock::Clock::now(&carepath_domain::clock::SystemClock);
        let long_ago = now - Duration::days(11 * 365);
        let imported = store
            .import_package(&ibs_package(), long_ago)
            .await
            .unwrap();
        let version = store.program_version(imported.version_id).await.unwrap();
        let q = store
            .questionnaire(version.id, "ibs-symptomskaar")
            .await
            .unwrap();
        let (answered, silent) = (
            patient("010190000", "Svarte Nylig"),
            patient("020290000", "Aldri Svart"),
        );
        store
            .create_patient(&answered, long_ago, &[])
            .await
            .unwrap();
        store.create_patient(&silent, long_ago, &[]).await.unwrap();
        let response: carepath_fhir::QuestionnaireResponse =
            serde_json::from_value(serde_json::json!({
                "resourceType": "QuestionnaireResponse",
                "id": Id::<carepath_fhir::QuestionnaireResponse>::new().to_string(),
                "questionnaire": "https://carepath.no/fhir/Questionnaire/ibs-sss-struktur|1.0.0",
                "status": "completed",
                "item": [{ "linkId": "smerte-styrke", "answer": [{ "valueInteger": 40 }] }]
            }))
            .unwrap();
        store
            .save_response(
                carepath_store::response::SaveResponse {
                    patient: answered.id,
                    enrollment: None,
                    questionnaire_id: &q.id,
                    response: &response,
                    observations: &[],
                    by: None,
                    audit: &[],
                    consultation: None,
                    alerts: &[],
                    unit: None,
                },
                now - Duration::days(2),
            )
            .await
            .unwrap();
        let due = store
            .patients_due_for_deletion(now - Duration::days(10 * 365))
            .await
            .unwrap();
        assert_eq!(due, vec![silent.id], "{}", db.label);
    }
}
