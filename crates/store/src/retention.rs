//! Retention of patient records: a patient whose every enrollment has ended, with nothing
//! new since the cutoff, can be deleted with everything that belongs to them (responses,
//! reading, messages, referrals, history, emergency grants and their sign-in account). The access
//! log is kept; it has its own retention (`audit.rs`).

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::enrollment::EnrollmentStatus;
use carepath_domain::patient::Patient;
use chrono::{DateTime, Utc};

use crate::audit::append_events;
use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

impl Store {
    /// Patients with no open enrollment and no record, response, referral or change since
    /// `cutoff`: due for deletion under a retention of (now - cutoff).
    pub async fn patients_due_for_deletion(
        &self,
        cutoff: DateTime<Utc>,
    ) -> Result<Vec<Id<Patient>>> {
        let [a, b, c] = EnrollmentStatus::OPEN.map(EnrollmentStatus::as_str);
        let rows: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT p.id FROM patients p
                 WHERE p.updated_at < $1
                   AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.patient_id = p.id
                       AND (e.status IN ($2, $3, $4) OR e.updated_at >= $1))
                   AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.patient_id = p.id AND r.received_at >= $1)
                   AND NOT EXISTS (SELECT 1 FROM questionnaire_responses q
                       WHERE q.patient_id = p.id AND q.authored_at >= $1)
                   AND NOT EXISTS (SELECT 1 FROM messages m
                       WHERE m.patient_id = p.id AND m.sent_at >= $1)
                 ORDER BY p.id",
            )
            .bind(cutoff)
            .bind(a)
            .bind(b)
            .bind(c)
            .fetch_all(pool)
            .await
        })?;
        rows.iter().map(|(id,)| parse_id(id)).collect()
    }

    /// Deletes a patient and everything that belongs to them, with the access-log `audit`
    /// events, in one transaction.
    pub async fn delete_patient_records(
        &self,
        patient: Id<Patient>,
        now: DateTime<Utc>,
        audit: &[AuditEvent],
    ) -> Result<()> {
        let id = patient.to_string();
        let user: Option<(Option<String>,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT user_id FROM patients WHERE id = $1")
                .bind(&id)
                .fetch_optional(pool)
                .await
        })?;
        let Some((user,)) = user else {
            return Err(StoreError::NotFound("patient"));
        };
        const ENROLLMENTS: &str = "(SELECT e.id FROM enrollments e WHERE e.patient_id = $1)";
        let statements = [
            format!(
                "DELETE FROM record_history WHERE (resource_type = 'Patient' AND resource_id = $1)
                   OR (resource_type = 'CarePlan' AND resource_id IN {ENROLLMENTS})
                   OR (resource_type = 'QuestionnaireResponse' AND resource_id IN
                       (SELECT q.id FROM questionnaire_responses q WHERE q.patient_id = $1))
                   OR (resource_type = 'Observation' AND resource_id IN
                       (SELECT o.id FROM observations o WHERE o.patient_id = $1))"
            ),
            "DELETE FROM outbox WHERE patient_id = $1".to_owned(),
            "DELETE FROM message_attachments WHERE message_id IN
                 (SELECT m.id FROM messages m WHERE m.patient_id = $1)"
                .to_owned(),
            "DELETE FROM messages WHERE patient_id = $1".to_owned(),
            "DELETE FROM alerts WHERE patient_id = $1".to_owned(),
            "DELETE FROM letters WHERE patient_id = $1".to_owned(),
            "DELETE FROM activities WHERE patient_id = $1".to_owned(),
            "DELETE FROM appointment_participants WHERE patient_id = $1".to_owned(),
            // A group session or a group course stays for its other patients.
            "DELETE FROM appointments WHERE kind NOT IN ('group', 'group-course') AND NOT EXISTS
                 (SELECT 1 FROM appointment_participants ap WHERE ap.appointment_id = appointments.id)"
                .to_owned(),
            "DELETE FROM consultation_answers WHERE patient_id = $1".to_owned(),
            format!("DELETE FROM patient_limits WHERE enrollment_id IN {ENROLLMENTS}"),
            "DELETE FROM tasks WHERE patient_id = $1".to_owned(),
            format!("DELETE FROM schedule_cursors WHERE enrollment_id IN {ENROLLMENTS}"),
            "DELETE FROM observation_components WHERE observation_id IN
                 (SELECT o.id FROM observations o WHERE o.patient_id = $1)"
                .to_owned(),
            "DELETE FROM observation_readers WHERE observation_id IN
                 (SELECT o.id FROM observations o WHERE o.patient_id = $1)"
                .to_owned(),
            "DELETE FROM observations WHERE patient_id = $1".to_owned(),
            "DELETE FROM questionnaire_responses WHERE patient_id = $1".to_owned(),
            format!("DELETE FROM page_reads WHERE enrollment_id IN {ENROLLMENTS}"),
            format!("DELETE FROM reading_positions WHERE enrollment_id IN {ENROLLMENTS}"),
            format!("DELETE FROM enrollment_modules WHERE enrollment_id IN {ENROLLMENTS}"),
            "DELETE FROM enrollments WHERE patient_id = $1".to_owned(),
            "DELETE FROM referrals WHERE patient_id = $1".to_owned(),
            "DELETE FROM emergency_access WHERE patient_id = $1".to_owned(),
            "DELETE FROM patients WHERE id = $1".to_owned(),
        ];
        let account = [
            "DELETE FROM record_history WHERE recorded_by = $1",
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM api_tokens WHERE user_id = $1",
            "DELETE FROM sign_in_keys WHERE user_id = $1",
            "DELETE FROM user_roles WHERE user_id = $1",
            "DELETE FROM users WHERE id = $1",
        ];
        in_tx!(self, |tx| {
            for sql in &statements {
                sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(&id)
                    .execute(&mut **tx)
                    .await?;
            }
            if let Some(user) = &user {
                for sql in account {
                    sqlx::query(sql).bind(user).execute(&mut **tx).await?;
                }
            }
            append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })
    }
}
