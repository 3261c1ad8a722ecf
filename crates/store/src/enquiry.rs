//! Enquiries from health professionals (decision 0048): stored, listed open per unit,
//! handled once, counted.

use carepath_domain::Id;
use carepath_domain::enquiry::{Enquiry, EnquiryForm};
use carepath_domain::organization::Unit;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Utc};

use crate::db::on_pool;
use crate::{Result, Store, parse_id};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    unit_id: String,
    program_key: String,
    name: String,
    profession: String,
    workplace: String,
    contact: String,
    message: String,
    received_at: DateTime<Utc>,
    handled_by: Option<String>,
    handled_at: Option<DateTime<Utc>>,
    note: Option<String>,
}

impl TryFrom<Row> for Enquiry {
    type Error = crate::StoreError;
    fn try_from(r: Row) -> Result<Self> {
        let handled = match (r.handled_by, r.handled_at) {
            (Some(by), Some(at)) => Some((parse_id(&by)?, at, r.note.unwrap_or_default())),
            _ => None,
        };
        Ok(Enquiry {
            id: parse_id(&r.id)?,
            unit_id: parse_id(&r.unit_id)?,
            program: r.program_key,
            form: EnquiryForm {
                name: r.name,
                profession: r.profession,
                workplace: r.workplace,
                contact: r.contact,
                message: r.message,
            },
            received_at: r.received_at,
            handled,
        })
    }
}

const COLUMNS: &str = "id, unit_id, program_key, name, profession, workplace, contact, message,
     received_at, handled_by, handled_at, note";

impl Store {
    /// Stores a new enquiry `form` (checked) to `unit` from the page of `program`.
    pub async fn create_enquiry(
        &self,
        id: Id<Enquiry>,
        unit: Id<Unit>,
        program: &str,
        form: &EnquiryForm,
        now: DateTime<Utc>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO enquiries (id, unit_id, program_key, name, profession, workplace,
                     contact, message, received_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(id.to_string())
            .bind(unit.to_string())
            .bind(program)
            .bind(&form.name)
            .bind(&form.profession)
            .bind(&form.workplace)
            .bind(&form.contact)
            .bind(&form.message)
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        self.worklist_changed();
        Ok(())
    }

    /// One enquiry.
    pub async fn enquiry(&self, id: &str) -> Result<Option<Enquiry>> {
        let row: Option<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM enquiries WHERE id = $1"
            )))
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        row.map(TryInto::try_into).transpose()
    }

    /// The open enquiries to `unit`, oldest first.
    pub async fn open_enquiries(&self, unit: Id<Unit>, limit: i64) -> Result<Vec<Enquiry>> {
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM enquiries WHERE unit_id = $1 AND handled_at IS NULL
                 ORDER BY received_at, id LIMIT $2"
            )))
            .bind(unit.to_string())
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Marks enquiry `id` handled by `by` with `note`; false when it was handled already.
    pub async fn handle_enquiry(
        &self,
        id: &str,
        by: Id<UserAccount>,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let changed = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE enquiries SET handled_by = $2, handled_at = $3, note = $4
                 WHERE id = $1 AND handled_at IS NULL",
            )
            .bind(id)
            .bind(by.to_string())
            .bind(now)
            .bind(note)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        self.worklist_changed();
        Ok(changed > 0)
    }
}
