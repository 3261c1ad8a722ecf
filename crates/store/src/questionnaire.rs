//! Questionnaires as FHIR resources: those shipped in program packages (read-only here;
//! a new package version changes them) and those created through the FHIR API, with
//! versions for `vread` and optimistic updates.

use carepath_domain::Id;
use carepath_domain::user::UserAccount;
use carepath_fhir::Questionnaire;
use carepath_fhir::scoring::ScoringDefinition;
use chrono::{DateTime, Utc};
use sqlx::types::Json;

use crate::db::{in_tx, on_pool};
use crate::enrollment::record_history;
use crate::program::StoredQuestionnaire;
use crate::{Result, Store, StoreError};

/// A questionnaire with what the API says about it.
#[derive(Debug, Clone)]
pub struct QuestionnaireRecord {
    pub stored: StoredQuestionnaire,
    /// FHIR `meta.versionId`.
    pub version: i64,
    pub updated_at: Option<DateTime<Utc>>,
    /// Shipped in a program package: changed only by importing a new package version.
    pub in_package: bool,
}

/// What a Questionnaire search asks for; `None` matches everything.
#[derive(Debug, Clone, Default)]
pub struct QuestionnaireFilter {
    pub url: Option<String>,
    pub version: Option<String>,
    pub status: Option<String>,
    /// Starts with, ignoring case (FHIR's string search).
    pub name: Option<String>,
    /// Starts with, ignoring case.
    pub title: Option<String>,
    pub common: crate::Common,
}

/// Why an update is refused.
#[derive(Debug, thiserror::Error)]
pub enum UpdateRefused {
    #[error(
        "the questionnaire is part of a program package; import a new package version to change it"
    )]
    InPackage,
    #[error(
        "responses have been given to this version, so only its status may change; publish the change as a new version"
    )]
    HasResponses,
    #[error("the url and version belong to another questionnaire")]
    Duplicate,
    #[error("the questionnaire has changed since version {0}; read it again")]
    VersionConflict(i64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for UpdateRefused {
    fn from(e: sqlx::Error) -> Self {
        UpdateRefused::Store(e.into())
    }
}

type Row = (
    String,
    Option<String>,
    Option<String>,
    Json<Questionnaire>,
    Option<Json<ScoringDefinition>>,
    i64,
    Option<DateTime<Utc>>,
);

const COLUMNS: &str = "id, key, program_version_id, body, scoring, resource_version, updated_at";

fn record((id, key, program, body, scoring, version, updated_at): Row) -> QuestionnaireRecord {
    QuestionnaireRecord {
        stored: StoredQuestionnaire {
            id,
            key: key.unwrap_or_default(),
            questionnaire: body.0,
            scoring: scoring.map(|s| s.0),
        },
        version,
        updated_at,
        in_package: program.is_some(),
    }
}

impl Store {
    /// Stores a questionnaire created through the API, with its scoring definition.
    /// The caller checks it first; a second questionnaire with the same `url|version`
    /// is refused as a duplicate.
    pub async fn create_questionnaire(
        &self,
        q: &Questionnaire,
        scoring: Option<&ScoringDefinition>,
        by: Option<Id<UserAccount>>,
        now: DateTime<Utc>,
    ) -> Result<QuestionnaireRecord> {
        let id = Id::<Questionnaire>::new().to_string();
        let mut body = q.clone();
        body.id = Some(id.clone());
        let url = body.url.clone().unwrap_or_default();
        let version = body.version.clone().unwrap_or_default();
        in_tx!(self, |tx| {
            let (taken,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM questionnaires WHERE url = $1 AND version = $2 AND program_version_id IS NULL",
            )
            .bind(&url)
            .bind(&version)
            .fetch_one(&mut **tx)
            .await?;
            if taken > 0 {
                return Err(StoreError::Duplicate(
                    "a questionnaire with this url and version",
                ));
            }
            sqlx::query(
                "INSERT INTO questionnaires (id, program_version_id, key, url, version, body, scoring, status, name, title, resource_version, updated_at)
                 VALUES ($1, NULL, NULL, $2, $3, $4, $5, $6, $7, $8, 1, $9)",
            )
            .bind(&id)
            .bind(&url)
            .bind(&version)
            .bind(Json(&body))
            .bind(scoring.map(Json))
            .bind(&body.status)
            .bind(&body.name)
            .bind(&body.title)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            record_history!(
                tx,
                "Questionnaire",
                id,
                1_i64,
                now,
                by.map(|u| u.to_string()),
                &body
            );
            Ok::<_, StoreError>(())
        })?;
        Ok(QuestionnaireRecord {
            stored: StoredQuestionnaire {
                id,
                key: String::new(),
                questionnaire: body,
                scoring: scoring.cloned(),
            },
            version: 1,
            updated_at: Some(now),
            in_package: false,
        })
    }

    pub async fn questionnaire_by_id(&self, id: &str) -> Result<Option<QuestionnaireRecord>> {
        let row: Option<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM questionnaires WHERE id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(record))
    }

    /// The questionnaire a response names: `url|version`, or the newest with `url` when
    /// no version is given. Questionnaires created through the API come first; among
    /// package copies of the same version the newest import.
    ///
    /// Every response names one, so the parsed questionnaire is kept in memory by id and
    /// `meta.versionId` (an update makes a new key; nothing is served stale).
    pub async fn questionnaire_by_canonical(
        &self,
        url: &str,
        version: Option<&str>,
    ) -> Result<Option<std::sync::Arc<QuestionnaireRecord>>> {
        let found: Option<(String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, resource_version FROM questionnaires
                 WHERE url = $1 AND ($2 IS NULL OR version = $2)
                 ORDER BY (program_version_id IS NULL) DESC, updated_at DESC, id DESC LIMIT 1",
            )
            .bind(url)
            .bind(version)
            .fetch_optional(pool)
            .await
        })?;
        let Some(key) = found else {
            return Ok(None);
        };
        if let Some(hit) = self.caches.parsed(&key) {
            return Ok(Some(hit));
        }
        let Some(fresh) = self.questionnaire_by_id(&key.0).await? else {
            return Ok(None);
        };
        let fresh = std::sync::Arc::new(fresh);
        self.caches
            .keep((fresh.stored.id.clone(), fresh.version), fresh.clone());
        Ok(Some(fresh))
    }

    /// Replaces a questionnaire created through the API. `expected` is the version the
    /// client read (`If-Match`); a version with responses may only change its status.
    pub async fn update_questionnaire(
        &self,
        id: &str,
        q: &Questionnaire,
        expected: Option<i64>,
        by: Option<Id<UserAccount>>,
        now: DateTime<Utc>,
    ) -> Result<QuestionnaireRecord, UpdateRefused> {
        let current = self
            .questionnaire_by_id(id)
            .await?
            .ok_or(StoreError::NotFound("questionnaire"))?;
        if current.in_package {
            return Err(UpdateRefused::InPackage);
        }
        if expected.is_some_and(|v| v != current.version) {
            return Err(UpdateRefused::VersionConflict(current.version));
        }
        let mut body = q.clone();
        body.id = Some(id.to_owned());
        let url = body.url.clone().unwrap_or_default();
        let version_label = body.version.clone().unwrap_or_default();
        let next = current.version + 1;
        let result: Result<(), UpdateRefused> = in_tx!(self, |tx| {
            let (responses,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM questionnaire_responses WHERE questionnaire_id = $1",
            )
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
            if responses > 0 {
                let mut only_status = current.stored.questionnaire.clone();
                only_status.status = body.status.clone();
                only_status.id = body.id.clone();
                if only_status != body {
                    return Err(UpdateRefused::HasResponses);
                }
            }
            let (taken,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM questionnaires WHERE url = $1 AND version = $2 AND program_version_id IS NULL AND id <> $3",
            )
            .bind(&url)
            .bind(&version_label)
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
            if taken > 0 {
                return Err(UpdateRefused::Duplicate);
            }
            let changed = sqlx::query(
                "UPDATE questionnaires SET url = $1, version = $2, body = $3, status = $4, name = $5, title = $6,
                        resource_version = $7, updated_at = $8
                 WHERE id = $9 AND resource_version = $10",
            )
            .bind(&url)
            .bind(&version_label)
            .bind(Json(&body))
            .bind(&body.status)
            .bind(&body.name)
            .bind(&body.title)
            .bind(next)
            .bind(now)
            .bind(id)
            .bind(current.version)
            .execute(&mut **tx)
            .await?;
            if changed.rows_affected() != 1 {
                return Err(UpdateRefused::VersionConflict(current.version));
            }
            record_history!(
                tx,
                "Questionnaire",
                id,
                next,
                now,
                by.map(|u| u.to_string()),
                &body
            );
            Ok(())
        });
        result?;
        Ok(QuestionnaireRecord {
            stored: StoredQuestionnaire {
                questionnaire: body,
                ..current.stored
            },
            version: next,
            updated_at: Some(now),
            in_package: false,
        })
    }

    /// Questionnaires matching `filter`, by title, and how many match in all.
    pub async fn search_questionnaires(
        &self,
        filter: &QuestionnaireFilter,
        offset: i64,
        count: i64,
    ) -> Result<(Vec<QuestionnaireRecord>, i64)> {
        let filter_sql = format!(
            "FROM questionnaires
             WHERE ($1 IS NULL OR url = $1) AND ($2 IS NULL OR version = $2)
               AND ($3 IS NULL OR status = $3)
               AND ($4 IS NULL OR lower(name) LIKE $4 ESCAPE '\\')
               AND ($5 IS NULL OR lower(title) LIKE $5 ESCAPE '\\')
               AND {}",
            filter.common.sql("id", "updated_at", 6)
        );
        let prefix = |s: &str| format!("{}%", crate::like_literal(&s.to_lowercase()));
        let name = filter.name.as_deref().map(prefix);
        let title = filter.title.as_deref().map(prefix);
        let (total,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {filter_sql}")))
                .bind(&filter.url)
                .bind(&filter.version)
                .bind(&filter.status)
                .bind(&name)
                .bind(&title)
                .bind(filter.common.ids())
                .bind(filter.common.updated.from)
                .bind(filter.common.updated.until)
                .fetch_one(pool)
                .await
        })?;
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} {filter_sql} ORDER BY title, url, version, id LIMIT $9 OFFSET $10"
            )))
            .bind(&filter.url)
            .bind(&filter.version)
            .bind(&filter.status)
            .bind(&name)
            .bind(&title)
            .bind(filter.common.ids())
            .bind(filter.common.updated.from)
            .bind(filter.common.updated.until)
            .bind(count)
            .bind(offset)
            .fetch_all(pool)
            .await
        })?;
        Ok((rows.into_iter().map(record).collect(), total))
    }
}

/// Parsed questionnaire versions by (id, `meta.versionId`). Versions never change in
/// place, so an entry is never stale; the map holds at most one entry per version stored.
#[derive(Debug, Default)]
pub(crate) struct Caches {
    questionnaires: std::sync::Mutex<
        std::collections::HashMap<(String, i64), std::sync::Arc<QuestionnaireRecord>>,
    >,
    /// Program versions by id: a version never changes once imported.
    pub(crate) program_versions: std::sync::Mutex<
        std::collections::HashMap<
            carepath_domain::Id<carepath_domain::program::ProgramVersion>,
            std::sync::Arc<carepath_domain::program::ProgramVersion>,
        >,
    >,
}

impl Caches {
    fn parsed(&self, key: &(String, i64)) -> Option<std::sync::Arc<QuestionnaireRecord>> {
        self.questionnaires
            .lock()
            .ok()
            .and_then(|map| map.get(key).cloned())
    }

    fn keep(&self, key: (String, i64), record: std::sync::Arc<QuestionnaireRecord>) {
        if let Ok(mut map) = self.questionnaires.lock() {
            map.insert(key, record);
        }
    }
}
