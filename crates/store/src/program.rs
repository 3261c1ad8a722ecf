//! Programs, their immutable versions, questionnaires and media, and importing a
//! validated package in one transaction.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_domain::program::{Program, ProgramDefinition, ProgramVersion};
use carepath_fhir::Questionnaire;
use carepath_package::Package;
use chrono::{DateTime, Utc};
use sqlx::types::Json;

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub program_id: Id<Program>,
    pub version_id: Id<ProgramVersion>,
    pub number: i64,
    /// False when the package was identical to the latest version (nothing was added).
    pub created: bool,
}

/// A stored questionnaire with its row id.
#[derive(Debug, Clone)]
pub struct StoredQuestionnaire {
    pub id: String,
    pub key: String,
    pub questionnaire: Questionnaire,
    /// The scoring definition shipped with it, if any.
    pub scoring: Option<carepath_fhir::scoring::ScoringDefinition>,
}

/// A media file served from the database.
#[derive(Debug, Clone)]
pub struct Media {
    pub content_type: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: String,
    program_id: String,
    number: i64,
    definition: Json<ProgramDefinition>,
}

impl TryFrom<VersionRow> for ProgramVersion {
    type Error = StoreError;
    fn try_from(r: VersionRow) -> Result<Self> {
        Ok(ProgramVersion {
            id: parse_id(&r.id)?,
            program_id: parse_id(&r.program_id)?,
            number: r.number,
            definition: r.definition.0,
        })
    }
}

impl Store {
    /// Imports a validated package. A package identical to the program's latest version
    /// adds nothing; a changed one becomes the next version. All or nothing.
    pub async fn import_package(
        &self,
        package: &Package,
        now: DateTime<Utc>,
    ) -> Result<ImportOutcome> {
        let def = &package.definition;
        in_tx!(self, |tx| {
            let existing: Option<(String,)> =
                sqlx::query_as("SELECT id FROM programs WHERE key = $1")
                    .bind(&def.key)
                    .fetch_optional(&mut **tx)
                    .await?;
            let program_id: Id<Program> = match existing {
                Some((id,)) => parse_id(&id)?,
                None => {
                    let id = Id::new();
                    sqlx::query("INSERT INTO programs (id, key, created_at) VALUES ($1, $2, $3)")
                        .bind(id.to_string())
                        .bind(&def.key)
                        .bind(now)
                        .execute(&mut **tx)
                        .await?;
                    id
                }
            };
            let latest: Option<(String, i64, String)> = sqlx::query_as(
                "SELECT id, number, content_hash FROM program_versions WHERE program_id = $1
                 ORDER BY number DESC LIMIT 1",
            )
            .bind(program_id.to_string())
            .fetch_optional(&mut **tx)
            .await?;
            if let Some((id, number, hash)) = &latest
                && *hash == package.content_hash
            {
                return Ok(ImportOutcome {
                    program_id,
                    version_id: parse_id(id)?,
                    number: *number,
                    created: false,
                });
            }
            let number = latest.map_or(1, |(_, n, _)| n + 1);
            let version_id: Id<ProgramVersion> = Id::new();
            sqlx::query(
                "INSERT INTO program_versions (id, program_id, number, version_label, content_hash, definition, imported_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(version_id.to_string())
            .bind(program_id.to_string())
            .bind(number)
            .bind(&def.version_label)
            .bind(&package.content_hash)
            .bind(Json(def))
            .bind(now)
            .execute(&mut **tx)
            .await?;
            for q in &package.questionnaires {
                sqlx::query(
                    "INSERT INTO questionnaires (id, program_version_id, key, url, version, body, scoring, status, name, title, resource_version, updated_at, consultation_link_id)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12)",
                )
                .bind(Id::<Questionnaire>::new().to_string())
                .bind(version_id.to_string())
                .bind(&q.key)
                .bind(q.questionnaire.url.as_deref().unwrap_or_default())
                .bind(q.questionnaire.version.as_deref().unwrap_or_default())
                .bind(Json(&q.questionnaire))
                .bind(q.scoring.as_ref().map(Json))
                .bind(&q.questionnaire.status)
                .bind(&q.questionnaire.name)
                .bind(&q.questionnaire.title)
                .bind(now)
                .bind(
                    q.questionnaire
                        .consultation_question()
                        .map(|i| i.link_id.as_str()),
                )
                .execute(&mut **tx)
                .await?;
            }
            for m in &package.media {
                sqlx::query(
                    "INSERT INTO media_blobs (sha256, content_type, bytes) VALUES ($1, $2, $3)
                     ON CONFLICT (sha256) DO NOTHING",
                )
                .bind(&m.sha256)
                .bind(m.content_type)
                .bind(&m.bytes)
                .execute(&mut **tx)
                .await?;
                sqlx::query("INSERT INTO program_media (program_version_id, name, sha256) VALUES ($1, $2, $3)")
                    .bind(version_id.to_string())
                    .bind(&m.name)
                    .bind(&m.sha256)
                    .execute(&mut **tx)
                    .await?;
            }
            Ok::<_, StoreError>(ImportOutcome {
                program_id,
                version_id,
                number,
                created: true,
            })
        })
    }

    /// One program version (cached: a version never changes once imported).
    pub async fn program_version(&self, id: Id<ProgramVersion>) -> Result<ProgramVersion> {
        Ok((*self.program_version_shared(id).await?).clone())
    }

    /// One program version from the cache, without copying it (hot paths).
    pub async fn program_version_shared(
        &self,
        id: Id<ProgramVersion>,
    ) -> Result<std::sync::Arc<ProgramVersion>> {
        let cached = self
            .caches
            .program_versions
            .lock()
            .ok()
            .and_then(|map| map.get(&id).cloned());
        if let Some(v) = cached {
            return Ok(v);
        }
        let v = std::sync::Arc::new(self.program_version_uncached(id).await?);
        if let Ok(mut map) = self.caches.program_versions.lock() {
            map.insert(id, v.clone());
        }
        Ok(v)
    }

    async fn program_version_uncached(&self, id: Id<ProgramVersion>) -> Result<ProgramVersion> {
        let row: Option<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, program_id, number, definition FROM program_versions WHERE id = $1",
            )
            .bind(id.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.ok_or(StoreError::NotFound("program version"))?
            .try_into()
    }

    /// Every version of every program, by program key then number, with the key.
    pub async fn all_program_versions(&self) -> Result<Vec<ProgramVersion>> {
        let rows: Vec<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT v.id, v.program_id, v.number, v.definition FROM program_versions v
                 JOIN programs p ON p.id = v.program_id ORDER BY p.key, v.number",
            )
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// When each program version was imported.
    pub async fn program_imports(&self) -> Result<Vec<(String, DateTime<Utc>)>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, imported_at FROM program_versions")
                .fetch_all(pool)
                .await
        })?)
    }

    /// The newest version of the program with `key`.
    pub async fn latest_program_version(&self, key: &str) -> Result<Option<ProgramVersion>> {
        let row: Option<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT v.id, v.program_id, v.number, v.definition FROM program_versions v
                 JOIN programs p ON p.id = v.program_id WHERE p.key = $1 ORDER BY v.number DESC LIMIT 1",
            )
            .bind(key)
            .fetch_optional(pool)
            .await
        })?;
        row.map(TryInto::try_into).transpose()
    }

    /// The latest version of every program the unit runs.
    pub async fn unit_programs(&self, unit: Id<Unit>) -> Result<Vec<ProgramVersion>> {
        let rows: Vec<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT v.id, v.program_id, v.number, v.definition FROM program_versions v
                 JOIN unit_programs up ON up.program_id = v.program_id
                 WHERE up.unit_id = $1
                   AND v.number = (SELECT MAX(number) FROM program_versions w WHERE w.program_id = v.program_id)
                 ORDER BY v.id",
            )
            .bind(unit.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Every version of a program, newest first.
    pub async fn program_versions(&self, program: Id<Program>) -> Result<Vec<ProgramVersion>> {
        let rows: Vec<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, program_id, number, definition FROM program_versions WHERE program_id = $1 ORDER BY number DESC",
            )
            .bind(program.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    pub async fn questionnaire(
        &self,
        version: Id<ProgramVersion>,
        key: &str,
    ) -> Result<StoredQuestionnaire> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: String,
            key: String,
            body: Json<Questionnaire>,
            scoring: Option<Json<carepath_fhir::scoring::ScoringDefinition>>,
        }
        let row: Option<Row> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, key, body, scoring FROM questionnaires WHERE program_version_id = $1 AND key = $2")
                .bind(version.to_string())
                .bind(key)
                .fetch_optional(pool)
                .await
        })?;
        let row = row.ok_or(StoreError::NotFound("questionnaire"))?;
        Ok(StoredQuestionnaire {
            id: row.id,
            key: row.key,
            questionnaire: row.body.0,
            scoring: row.scoring.map(|s| s.0),
        })
    }

    pub async fn media(&self, version: Id<ProgramVersion>, name: &str) -> Result<Option<Media>> {
        let row: Option<(String, String, Vec<u8>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT b.content_type, b.sha256, b.bytes FROM program_media m
                 JOIN media_blobs b ON b.sha256 = m.sha256
                 WHERE m.program_version_id = $1 AND m.name = $2",
            )
            .bind(version.to_string())
            .bind(name)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(content_type, sha256, bytes)| Media {
            content_type,
            sha256,
            bytes,
        }))
    }
}
