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

/// A score to store with its response, as a FHIR Observation.
#[derive(Debug, Clone)]
pub struct NewObservation {
    pub id: String,
    pub patient_id: String,
    /// The score's code in its scoring definition.
    pub code: String,
    pub value: Option<f64>,
    pub band: Option<String>,
    /// The Observation resource.
    pub body: serde_json::Value,
}

/// A stored score.
#[derive(Debug, Clone)]
pub struct StoredObservation {
    pub id: String,
    pub code: String,
    pub value: Option<f64>,
    pub band: Option<String>,
    pub effective_at: DateTime<Utc>,
    pub body: serde_json::Value,
}

/// Scores `response` by the scoring definition stored with its questionnaire: writes
/// each score into its calculated item and returns the Observations to store with it.
/// Only a completed response is scored.
pub fn score_response(
    questionnaire: &StoredQuestionnaire,
    response: &mut QuestionnaireResponse,
    patient_id: &str,
) -> Vec<NewObservation> {
    let Some(scoring) = &questionnaire.scoring else {
        return Vec::new();
    };
    if response.status != "completed" {
        return Vec::new();
    }
    let response_id = response.id.clone().unwrap_or_default();
    let effective = response.authored.clone().unwrap_or_default();
    let scores = scoring.apply(&questionnaire.questionnaire, response);
    scoring
        .scores
        .iter()
        .zip(scores)
        .map(|(rule, score)| {
            let id = Id::<NewObservation>::new().to_string();
            NewObservation {
                body: carepath_fhir::observation::score_observation(
                    &id,
                    patient_id,
                    &response_id,
                    &effective,
                    rule,
                    &score,
                ),
                id,
                patient_id: patient_id.to_owned(),
                code: rule.code.clone(),
                value: score.value,
                band: score.band.map(|b| b.0),
            }
        })
        .collect()
}

impl Store {
    /// Stores a response for an enrollment with its scores and the access-log `audit`
    /// events, in one transaction. The caller gives the response its id (`response.id`),
    /// so the events can name it; a response with that id already stored (a form saved
    /// half done) is replaced by this version, its history kept.
    #[allow(clippy::too_many_arguments)] // One transaction needs all of it.
    pub async fn save_response(
        &self,
        enrollment: Id<Enrollment>,
        questionnaire: &StoredQuestionnaire,
        response: &QuestionnaireResponse,
        observations: &[NewObservation],
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
            let existing: Option<(i64, String)> = sqlx::query_as(
                "SELECT version, enrollment_id FROM questionnaire_responses WHERE id = $1",
            )
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?;
            let version = match existing {
                Some((_, owner)) if owner != enrollment.to_string() => {
                    return Err(StoreError::NotFound("questionnaire response"));
                }
                Some((version, _)) => {
                    sqlx::query(
                        "UPDATE questionnaire_responses SET status = $1, body = $2, authored_at = $3, version = $4
                         WHERE id = $5",
                    )
                    .bind(&body.status)
                    .bind(Json(body))
                    .bind(now)
                    .bind(version + 1)
                    .bind(id.to_string())
                    .execute(&mut **tx)
                    .await?;
                    version + 1
                }
                None => {
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
                    1
                }
            };
            record_history!(
                tx,
                "QuestionnaireResponse",
                id,
                version,
                now,
                by.map(|u| u.to_string()),
                body
            );
            for o in observations {
                sqlx::query(
                    "INSERT INTO observations (id, patient_id, response_id, code, value, band, effective_at, body, version)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)",
                )
                .bind(&o.id)
                .bind(&o.patient_id)
                .bind(id.to_string())
                .bind(&o.code)
                .bind(o.value)
                .bind(&o.band)
                .bind(now)
                .bind(Json(&o.body))
                .execute(&mut **tx)
                .await?;
                record_history!(
                    tx,
                    "Observation",
                    o.id,
                    1_i64,
                    now,
                    by.map(|u| u.to_string()),
                    &o.body
                );
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })?;
        Ok(id.to_string())
    }

    /// The response an enrollment has saved half done for a questionnaire (by package key).
    pub async fn draft_response(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
    ) -> Result<Option<StoredResponse>> {
        self.response_with_status(enrollment, key, "in-progress")
            .await
    }

    /// The scores stored with a response, in the order of its scoring definition.
    pub async fn response_observations(&self, response: &str) -> Result<Vec<StoredObservation>> {
        let rows: Vec<ObservationRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, code, value, band, effective_at, body FROM observations
                 WHERE response_id = $1 ORDER BY id",
            )
            .bind(response)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(observation).collect())
    }

    /// The first stored value of the score `code` in an enrollment: the baseline a
    /// responder rule compares with.
    pub async fn baseline_score(
        &self,
        enrollment: Id<Enrollment>,
        code: &str,
    ) -> Result<Option<(String, f64)>> {
        let row: Option<(String, f64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT o.response_id, o.value FROM observations o
                 JOIN questionnaire_responses r ON r.id = o.response_id
                 WHERE r.enrollment_id = $1 AND o.code = $2 AND o.value IS NOT NULL
                 ORDER BY o.effective_at, o.id LIMIT 1",
            )
            .bind(enrollment.to_string())
            .bind(code)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row)
    }

    /// The latest completed response of an enrollment to a questionnaire (by package key).
    pub async fn latest_response(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
    ) -> Result<Option<StoredResponse>> {
        self.response_with_status(enrollment, key, "completed")
            .await
    }

    async fn response_with_status(
        &self,
        enrollment: Id<Enrollment>,
        key: &str,
        status: &str,
    ) -> Result<Option<StoredResponse>> {
        let row: Option<(String, DateTime<Utc>, Json<QuestionnaireResponse>)> =
            on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT r.id, r.authored_at, r.body FROM questionnaire_responses r
                 JOIN questionnaires q ON q.id = r.questionnaire_id
                 WHERE r.enrollment_id = $1 AND q.key = $2 AND r.status = $3
                 ORDER BY r.authored_at DESC, r.id DESC LIMIT 1",
                )
                .bind(enrollment.to_string())
                .bind(key)
                .bind(status)
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

type ObservationRow = (
    String,
    String,
    Option<f64>,
    Option<String>,
    DateTime<Utc>,
    Json<serde_json::Value>,
);

fn observation((id, code, value, band, effective_at, body): ObservationRow) -> StoredObservation {
    StoredObservation {
        id,
        code,
        value,
        band,
        effective_at,
        body: body.0,
    }
}
