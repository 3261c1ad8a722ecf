//! Courses and their immutable versions (decision 0040), imported from a checked course
//! package in one transaction, as programs are; and their local offerings with each
//! step taken on them.

use carepath_domain::Id;
use carepath_domain::course::offering::{
    Offering, OfferingStatus, OfferingStep, Proposal, StepTaken,
};
use carepath_domain::course::{Course, CourseDefinition, CourseVersion};
use carepath_domain::organization::Unit;
use carepath_domain::user::UserAccount;
use carepath_package::CoursePackage;
use chrono::{DateTime, NaiveDate, Utc};
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
            for q in &package.questionnaires {
                sqlx::query(
                    "INSERT INTO course_questionnaires (course_version_id, key, body) VALUES ($1, $2, $3)",
                )
                .bind(version_id.to_string())
                .bind(&q.key)
                .bind(Json(&q.questionnaire))
                .execute(&mut **tx)
                .await?;
            }
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

    /// The course version `id`.
    pub async fn course_version(&self, id: Id<CourseVersion>) -> Result<CourseVersion> {
        let row: Option<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, course_id, number, definition FROM course_versions WHERE id = $1",
            )
            .bind(id.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.ok_or(StoreError::NotFound("course version"))?
            .try_into()
    }

    /// The newest version of the course `id`, if there is one.
    pub async fn latest_course_of(&self, id: Id<Course>) -> Result<Option<CourseVersion>> {
        let row: Option<VersionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, course_id, number, definition FROM course_versions
                 WHERE course_id = $1 ORDER BY number DESC LIMIT 1",
            )
            .bind(id.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(CourseVersion::try_from).transpose()
    }
}

/// An offering's row as read.
#[derive(sqlx::FromRow)]
struct OfferingRow {
    id: String,
    course_id: String,
    part_key: String,
    unit_id: String,
    day: NaiveDate,
    place: String,
    capacity: i64,
    deadline: NaiveDate,
    speakers: Json<Vec<(String, String)>>,
    status: String,
    proposed_by: String,
    version: i64,
}

const OFFERING_SQL: &str =
    "SELECT id, course_id, part_key, unit_id, day, place, capacity, deadline,
        speakers, status, proposed_by, version FROM course_offerings";

impl Store {
    /// Keeps a new offering of `course`'s day part `part` for `unit`, proposed by `by`.
    pub async fn propose_offering(
        &self,
        course: Id<Course>,
        part: &str,
        unit: Id<Unit>,
        proposal: &Proposal,
        by: Id<UserAccount>,
        now: DateTime<Utc>,
    ) -> Result<Id<Offering>> {
        let id: Id<Offering> = Id::new();
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO course_offerings (id, course_id, part_key, unit_id, day, place, capacity, deadline,
                                               speakers, status, proposed_by, created_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed', $10, $11, 1)",
            )
            .bind(id.to_string())
            .bind(course.to_string())
            .bind(part)
            .bind(unit.to_string())
            .bind(proposal.date)
            .bind(proposal.place.trim())
            .bind(i64::from(proposal.capacity))
            .bind(proposal.deadline)
            .bind(Json(&proposal.speakers))
            .bind(by.to_string())
            .bind(now)
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "INSERT INTO course_offering_steps (offering_id, seq, step, by_user, comment, at)
                 VALUES ($1, 1, 'propose', $2, '', $3)",
            )
            .bind(id.to_string())
            .bind(by.to_string())
            .bind(now)
            .execute(&mut **tx)
            .await?;
            Ok::<(), StoreError>(())
        })?;
        Ok(id)
    }

    /// Records `step` on the offering at `version`, moving it to `status` (checked by the
    /// domain's [`carepath_domain::course::offering::next`]) and, when the organiser
    /// proposes it again, to the `changed` proposal; [`StoreError::Conflict`] when someone
    /// changed it meanwhile.
    pub async fn step_offering(
        &self,
        id: Id<Offering>,
        version: i64,
        step: &StepTaken,
        status: OfferingStatus,
        changed: Option<&Proposal>,
    ) -> Result<()> {
        in_tx!(self, |tx| {
            if let Some(p) = changed {
                sqlx::query(
                    "UPDATE course_offerings SET day = $3, place = $4, capacity = $5, deadline = $6, speakers = $7
                     WHERE id = $1 AND version = $2",
                )
                .bind(id.to_string())
                .bind(version)
                .bind(p.date)
                .bind(p.place.trim())
                .bind(i64::from(p.capacity))
                .bind(p.deadline)
                .bind(Json(&p.speakers))
                .execute(&mut **tx)
                .await?;
            }
            let changed = sqlx::query(
                "UPDATE course_offerings SET status = $3, version = version + 1
                 WHERE id = $1 AND version = $2",
            )
            .bind(id.to_string())
            .bind(version)
            .bind(status.as_str())
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(StoreError::Conflict);
            }
            sqlx::query(
                "INSERT INTO course_offering_steps (offering_id, seq, step, by_user, comment, at)
                 SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5
                 FROM course_offering_steps WHERE offering_id = $1",
            )
            .bind(id.to_string())
            .bind(step.step.as_str())
            .bind(step.by.to_string())
            .bind(step.comment.trim())
            .bind(step.at)
            .execute(&mut **tx)
            .await?;
            Ok(())
        })
    }

    /// The offering `id` with its history, if it exists.
    pub async fn offering(&self, id: Id<Offering>) -> Result<Option<Offering>> {
        let row: Option<OfferingRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{OFFERING_SQL} WHERE id = $1")))
                .bind(id.to_string())
                .fetch_optional(pool)
                .await
        })?;
        let Some(row) = row else { return Ok(None) };
        let steps: Vec<(String, String, String, DateTime<Utc>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT step, by_user, comment, at FROM course_offering_steps
                 WHERE offering_id = $1 ORDER BY seq",
            )
            .bind(id.to_string())
            .fetch_all(pool)
            .await
        })?;
        let history = steps
            .into_iter()
            .map(|(step, by, comment, at)| {
                Ok(StepTaken {
                    step: OfferingStep::parse(&step)
                        .ok_or_else(|| StoreError::Corrupt("an offering step".into()))?,
                    by: parse_id(&by)?,
                    comment,
                    at,
                })
            })
            .collect::<Result<_>>()?;
        offering(row, history).map(Some)
    }

    /// The offerings of `course`, soonest day first, without their histories.
    pub async fn course_offerings(&self, course: Id<Course>) -> Result<Vec<Offering>> {
        let rows: Vec<OfferingRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{OFFERING_SQL} WHERE course_id = $1 ORDER BY day, id"
            )))
            .bind(course.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(|r| offering(r, Vec::new())).collect()
    }
}

fn offering(r: OfferingRow, history: Vec<StepTaken>) -> Result<Offering> {
    Ok(Offering {
        id: parse_id(&r.id)?,
        course_id: parse_id(&r.course_id)?,
        part_key: r.part_key,
        unit_id: parse_id(&r.unit_id)?,
        proposal: Proposal {
            date: r.day,
            place: r.place,
            capacity: u32::try_from(r.capacity)
                .map_err(|_| StoreError::Corrupt("an offering's capacity".into()))?,
            deadline: r.deadline,
            speakers: r.speakers.0,
        },
        status: OfferingStatus::parse(&r.status)
            .ok_or_else(|| StoreError::Corrupt("an offering's status".into()))?,
        proposed_by: parse_id(&r.proposed_by)?,
        version: r.version,
        history,
    })
}
