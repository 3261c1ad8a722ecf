//! Course evaluations (decision 0043): the questionnaire a course version ships for a
//! part, one evaluation per participant and part, and every evaluation of a course
//! without who gave it, for the results.

use carepath_domain::Id;
use carepath_domain::course::offering::Offering;
use carepath_domain::course::{Course, CourseVersion};
use carepath_domain::user::UserAccount;
use carepath_fhir::{Questionnaire, QuestionnaireResponse};
use chrono::{DateTime, Utc};
use sqlx::types::Json;

use crate::db::on_pool;
use crate::{Result, Store, parse_id};

/// An evaluation to save.
#[derive(Debug, Clone, Copy)]
pub struct NewEvaluation<'a> {
    pub course: Id<Course>,
    pub user: Id<UserAccount>,
    pub part: &'a str,
    pub version: Id<CourseVersion>,
    pub questionnaire: &'a str,
    /// The offering the participant attended, for a day part.
    pub offering: Option<Id<Offering>>,
    pub response: &'a QuestionnaireResponse,
}

/// An evaluation as the results see it: no one's name or account.
#[derive(Debug, Clone)]
pub struct EvaluationRow {
    pub part: String,
    pub offering: Option<Id<Offering>>,
    pub response: QuestionnaireResponse,
    pub submitted_at: DateTime<Utc>,
}

impl Store {
    /// The questionnaire `key` of a course version, if the version ships it.
    pub async fn course_questionnaire(
        &self,
        version: Id<CourseVersion>,
        key: &str,
    ) -> Result<Option<Questionnaire>> {
        let row: Option<(Json<Questionnaire>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT body FROM course_questionnaires WHERE course_version_id = $1 AND key = $2",
            )
            .bind(version.to_string())
            .bind(key)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(q,)| q.0))
    }

    /// The latest offering of the day part `part` where `user` was present.
    pub async fn attended_offering(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
        part: &str,
    ) -> Result<Option<Id<Offering>>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT o.id FROM course_seats s JOIN course_offerings o ON o.id = s.offering_id
                 WHERE o.course_id = $1 AND s.user_id = $2 AND o.part_key = $3
                   AND s.status = 'place' AND s.attended = 'present'
                 ORDER BY o.day DESC LIMIT 1",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .bind(part)
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(id,)| parse_id(&id)).transpose()
    }

    /// Saves an evaluation; `false` when the participant had already evaluated the part
    /// (the first evaluation stands).
    pub async fn save_evaluation(&self, e: NewEvaluation<'_>, now: DateTime<Utc>) -> Result<bool> {
        let added = on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO course_evaluations
                   (course_id, user_id, part_key, course_version_id, questionnaire_key, offering_id, response, submitted_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (course_id, user_id, part_key) DO NOTHING",
            )
            .bind(e.course.to_string())
            .bind(e.user.to_string())
            .bind(e.part)
            .bind(e.version.to_string())
            .bind(e.questionnaire)
            .bind(e.offering.map(|o| o.to_string()))
            .bind(Json(e.response))
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(added == 1)
    }

    /// The parts of `course` that `user` has evaluated (keys).
    pub async fn evaluated_parts(
        &self,
        course: Id<Course>,
        user: Id<UserAccount>,
    ) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT part_key FROM course_evaluations WHERE course_id = $1 AND user_id = $2
                 ORDER BY part_key",
            )
            .bind(course.to_string())
            .bind(user.to_string())
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(p,)| p).collect())
    }

    /// Every evaluation of `course`, oldest first, without who gave it.
    pub async fn course_evaluations(&self, course: Id<Course>) -> Result<Vec<EvaluationRow>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            part_key: String,
            offering_id: Option<String>,
            response: Json<QuestionnaireResponse>,
            submitted_at: DateTime<Utc>,
        }
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT part_key, offering_id, response, submitted_at FROM course_evaluations
                 WHERE course_id = $1 ORDER BY submitted_at, part_key",
            )
            .bind(course.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(EvaluationRow {
                    part: r.part_key,
                    offering: r.offering_id.as_deref().map(parse_id).transpose()?,
                    response: r.response.0,
                    submitted_at: r.submitted_at,
                })
            })
            .collect()
    }
}
