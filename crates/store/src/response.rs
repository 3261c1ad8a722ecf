//! Questionnaire responses, stored as FHIR JSON bound to the exact questionnaire version.

use carepath_domain::Id;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::user::UserAccount;
use carepath_fhir::QuestionnaireResponse;
use chrono::{DateTime, Utc};
use sqlx::types::Json;

use crate::db::{in_tx, on_pool};
use crate::enrollment::record_history;
use crate::program::StoredQuestionnaire;
use crate::{Result, Store, StoreError};

/// A stored response.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub id: String,
    pub authored_at: DateTime<Utc>,
    pub response: QuestionnaireResponse,
}

/// A stored response with the package key of its questionnaire.
#[derive(Debug, Clone)]
pub struct KeyedResponse {
    pub questionnaire_key: String,
    pub stored: StoredResponse,
}

impl Store {
    /// Stores a completed response for an enrollment, with the access-log `audit` events,
    /// in one transaction. The caller gives the response its id (`response.id`), so the
    /// events can name it.
    pub async fn save_response(
        &self,
        enrollment: Id<Enrollment>,
        questionnaire: &StoredQuestionnaire,
        response: &QuestionnaireResponse,
        by: Option<Id<UserAccount>>,
        now: DateTime<Utc>,
        audit: &[carepath_domain::audit::AuditEvent],
    ) -> Result<String> {
        let id: Id<QuestionnaireResponse> = response
            .id
            .as_deref()
            .and_then(|i| i.parse().ok())
            .ok_or_else(|| StoreError::Corrupt("a new response needs an id".into()))?;
        let body = response;
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO questionnaire_responses (id, enrollment_id, questionnaire_id, status, body, authored_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6, 1)",
            )
            .bind(id.to_string())
            .bind(enrollment.to_string())
            .bind(&questionnaire.id)
            .bind(&body.status)
            .bind(Json(body))
            .bind(now)
            .execute(&mut **tx)
            .await?;
            record_history!(
                tx,
                "QuestionnaireResponse",
                id,
                1_i64,
                now,
                by.map(|u| u.to_string()),
                body
            );
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })?;
        Ok(id.to_string())
    }

    /// The latest completed response of an enrollment to a questionnaire (by package key).
    pub async fn latest_response(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
    ) -> Result<Option<StoredResponse>> {
        let row: Option<(String, DateTime<Utc>, Json<QuestionnaireResponse>)> =
            on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT r.id, r.authored_at, r.body FROM questionnaire_responses r
                 JOIN questionnaires q ON q.id = r.questionnaire_id
                 WHERE r.enrollment_id = $1 AND q.key = $2 AND r.status = 'completed'
                 ORDER BY r.authored_at DESC, r.id DESC LIMIT 1",
                )
                .bind(enrollment.to_string())
                .bind(key)
                .fetch_optional(pool)
                .await
            })?;
        Ok(row.map(|(id, authored_at, body)| StoredResponse {
            id,
            authored_at,
            response: body.0,
        }))
    }

    /// Every response of an enrollment, oldest first (for the patient's own copy).
    pub async fn enrollment_responses(
        &self,
        enrollment: Id<Enrollment>,
    ) -> Result<Vec<KeyedResponse>> {
        let rows: Vec<(String, String, DateTime<Utc>, Json<QuestionnaireResponse>)> =
            on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT q.key, r.id, r.authored_at, r.body FROM questionnaire_responses r
                     JOIN questionnaires q ON q.id = r.questionnaire_id
                     WHERE r.enrollment_id = $1 ORDER BY r.authored_at, r.id",
                )
                .bind(enrollment.to_string())
                .fetch_all(pool)
                .await
            })?;
        Ok(rows
            .into_iter()
            .map(|(key, id, authored_at, body)| KeyedResponse {
                questionnaire_key: key,
                stored: StoredResponse {
                    id,
                    authored_at,
                    response: body.0,
                },
            })
            .collect())
    }

    /// How many versions of a record the history holds (for tests and vread).
    pub async fn history_len(&self, resource_type: &str, id: &str) -> Result<i64> {
        let (n,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(*) FROM record_history WHERE resource_type = $1 AND resource_id = $2",
            )
            .bind(resource_type)
            .bind(id)
            .fetch_one(pool)
            .await
        })?;
        Ok(n)
    }
}
