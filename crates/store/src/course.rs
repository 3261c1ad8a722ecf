//! Courses and their immutable versions (decision 0040), imported from a checked course
//! package in one transaction, as programs are.

use carepath_domain::Id;
use carepath_domain::course::{Course, CourseDefinition, CourseVersion};
use carepath_package::CoursePackage;
use chrono::{DateTime, Utc};
use sqlx::types::Json;

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// What a course import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseImport {
    pub course_id: Id<Course>,
    pub version_id: Id<CourseVersion>,
    pub number: i64,
    /// False when the package was identical to the latest version (nothing was added).
    pub created: bool,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: String,
    course_id: String,
    number: i64,
    definition: Json<CourseDefinition>,
}

impl TryFrom<VersionRow> for CourseVersion {
    type Error = StoreError;
    fn try_from(r: VersionRow) -> Result<Self> {
        Ok(CourseVersion {
            id: parse_id(&r.id)?,
            course_id: parse_id(&r.course_id)?,
            number: r.number,
            definition: r.definition.0,
        })
    }
}

impl Store {
    /// Imports a checked course package. A package identical to the course's latest
    /// version adds nothing; a changed one becomes the next version. All or nothing.
    pub async fn import_course(
        &self,
        package: &CoursePackage,
        now: DateTime<Utc>,
    ) -> Result<CourseImport> {
        let def = &package.definition;
        in_tx!(self, |tx| {
            let existing: Option<(String,)> =
                sqlx::query_as("SELECT id FROM courses WHERE key = $1")
                    .bind(&def.key)
                    .fetch_optional(&mut **tx)
                    .await?;
            let course_id: Id<Course> = match existing {
                Some((id,)) => parse_id(&id)?,
                None => {
                    let id = Id::new();
                    sqlx::query("INSERT INTO courses (id, key, created_at) VALUES ($1, $2, $3)")
                        .bind(id.to_string())
                        .bind(&def.key)
                        .bind(now)
                        .execute(&mut **tx)
                        .await?;
                    id
                }
            };
            let latest: Option<(String, i64, String)> = sqlx::query_as(
                "SELECT id, number, content_hash FROM course_versions WHERE course_id = $1
                 ORDER BY number DESC LIMIT 1",
            )
            .bind(course_id.to_string())
            .fetch_optional(&mut **tx)
            .await?;
            if let Some((id, number, hash)) = &latest
                && *hash == package.content_hash
            {
                return Ok(CourseImport {
                    course_id,
                    version_id: parse_id(id)?,
                    number: *number,
                    created: false,
                });
            }
            let number = latest.map_or(1, |(_, n, _)| n + 1);
            let version_id: Id<CourseVersion> = Id::new();
            sqlx::query(
                "INSERT INTO course_versions (id, course_id, number, version_label, content_hash, definition, imported_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(version_id.to_string())
            .bind(course_id.to_string())
            .bind(number)
            .bind(&def.version)
            .bind(&package.content_hash)
            .bind(Json(def))
            .bind(now)
            .execute(&mut **tx)
            .await?;
            Ok(CourseImport {
                course_id,
                version_id,
                number,
                created: true,
            })
        })
    }

    /// The newest version of every course, by key.
    pub async fn latest_courses(&self) -> Result<Vec<CourseVersion>> {
        let rows: Vec<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT v.id, v.course_id, v.number, v.definition
                 FROM course_versions v JOIN courses c ON c.id = v.course_id
                 WHERE v.number = (SELECT MAX(x.number) FROM course_versions x WHERE x.course_id = v.course_id)
                 ORDER BY c.key",
            )
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(CourseVersion::try_from).collect()
    }

    /// The newest version of the course `key`, if there is one.
    pub async fn latest_course(&self, key: &str) -> Result<Option<CourseVersion>> {
        let row: Option<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT v.id, v.course_id, v.number, v.definition
                 FROM course_versions v JOIN courses c ON c.id = v.course_id
                 WHERE c.key = $1 ORDER BY v.number DESC LIMIT 1",
            )
            .bind(key)
            .fetch_optional(pool)
            .await
        })?;
        row.map(CourseVersion::try_from).transpose()
    }
}
