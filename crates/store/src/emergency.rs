//! Emergency access grants and the administrators' review list.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::emergency::EmergencyAccess;
use carepath_domain::patient::Patient;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::audit::append_events;
use crate::db::{in_tx, on_pool};
use crate::{Page, Result, Store, StoreError, parse_id};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    user_id: String,
    unit_id: Option<String>,
    patient_id: String,
    reason: String,
    granted_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

impl TryFrom<Row> for EmergencyAccess {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self> {
        Ok(EmergencyAccess {
            id: parse_id(&r.id)?,
            user: parse_id(&r.user_id)?,
            unit: r.unit_id.as_deref().map(parse_id).transpose()?,
            patient: parse_id(&r.patient_id)?,
            reason: r.reason,
            granted_at: r.granted_at,
            expires_at: r.expires_at,
        })
    }
}

/// One line of the review list.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    pub access: EmergencyAccess,
    pub clinician: String,
    pub unit: Option<String>,
    pub patient_name: String,
    pub reviewed: Option<Review>,
}

/// An administrator's review of an emergency access.
#[derive(Debug, Clone)]
pub struct Review {
    pub at: DateTime<Utc>,
    pub by: String,
    pub note: String,
}

impl Store {
    /// Stores a grant with its access-log events, in one transaction.
    pub async fn grant_emergency_access(
        &self,
        access: &EmergencyAccess,
        audit: &[AuditEvent],
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO emergency_access (id, user_id, unit_id, patient_id, reason, granted_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(access.id.to_string())
            .bind(access.user.to_string())
            .bind(access.unit.map(|u| u.to_string()))
            .bind(access.patient.to_string())
            .bind(&access.reason)
            .bind(access.granted_at)
            .bind(access.expires_at)
            .execute(&mut **tx)
            .await?;
            append_events!(self, tx, audit, access.granted_at);
            Ok::<_, StoreError>(())
        })
    }

    /// The user's live emergency access to a patient, if any (the latest).
    pub async fn active_emergency_access(
        &self,
        user: Id<UserAccount>,
        patient: Id<Patient>,
        now: DateTime<Utc>,
    ) -> Result<Option<EmergencyAccess>> {
        let row: Option<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, user_id, unit_id, patient_id, reason, granted_at, expires_at
                 FROM emergency_access
                 WHERE user_id = $1 AND patient_id = $2 AND granted_at <= $3 AND expires_at > $3
                 ORDER BY expires_at DESC LIMIT 1",
            )
            .bind(user.to_string())
            .bind(patient.to_string())
            .bind(now)
            .fetch_optional(pool)
            .await
        })?;
        row.map(TryInto::try_into).transpose()
    }

    /// The review list: unreviewed grants first, then the newest, a page at a time.
    pub async fn emergency_access_review(
        &self,
        page: i64,
        per_page: i64,
    ) -> Result<Page<ReviewItem>> {
        #[derive(sqlx::FromRow)]
        struct ListRow {
            #[sqlx(flatten)]
            access: Row,
            clinician: String,
            unit_name: Option<String>,
            patient_name: String,
            reviewed_at: Option<DateTime<Utc>>,
            reviewer: Option<String>,
            review_note: Option<String>,
        }
        let per_page = per_page.clamp(1, 200);
        let page = page.max(1);
        let (total,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as("SELECT COUNT(*) FROM emergency_access")
                .fetch_one(pool)
                .await
        })?;
        let rows: Vec<ListRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT a.id, a.user_id, a.unit_id, a.patient_id, a.reason, a.granted_at, a.expires_at,
                        u.display_name AS clinician, n.name AS unit_name, p.name AS patient_name,
                        a.reviewed_at, r.display_name AS reviewer, a.review_note
                 FROM emergency_access a
                 JOIN users u ON u.id = a.user_id
                 JOIN patients p ON p.id = a.patient_id
                 LEFT JOIN units n ON n.id = a.unit_id
                 LEFT JOIN users r ON r.id = a.reviewed_by
                 ORDER BY CASE WHEN a.reviewed_at IS NULL THEN 0 ELSE 1 END, a.granted_at DESC, a.id
                 LIMIT $1 OFFSET $2",
            )
            .bind(per_page)
            .bind((page - 1) * per_page)
            .fetch_all(pool)
            .await
        })?;
        let items = rows
            .into_iter()
            .map(|r| {
                let reviewed = r.reviewed_at.map(|at| Review {
                    at,
                    by: r.reviewer.clone().unwrap_or_default(),
                    note: r.review_note.clone().unwrap_or_default(),
                });
                Ok(ReviewItem {
                    access: r.access.try_into()?,
                    clinician: r.clinician,
                    unit: r.unit_name,
                    patient_name: r.patient_name,
                    reviewed,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    /// Marks a grant reviewed. A grant reviewed already keeps its first review.
    pub async fn review_emergency_access(
        &self,
        id: Id<EmergencyAccess>,
        by: Id<UserAccount>,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE emergency_access SET reviewed_at = $1, reviewed_by = $2, review_note = $3
                 WHERE id = $4 AND reviewed_at IS NULL",
            )
            .bind(now)
            .bind(by.to_string())
            .bind(note)
            .bind(id.to_string())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(done == 1)
    }
}
