//! Organisations and units.

use carepath_domain::Id;
use carepath_domain::organization::{Organization, OrganizationKind, Unit, UnitKind};
use chrono::{DateTime, Utc};

use crate::db::on_pool;
use crate::{Result, Store, StoreError, parse_id};

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: String,
    organization_id: String,
    name: String,
    kind: String,
}

impl TryFrom<UnitRow> for Unit {
    type Error = StoreError;
    fn try_from(r: UnitRow) -> Result<Self> {
        Ok(Unit {
            id: parse_id(&r.id)?,
            organization_id: parse_id(&r.organization_id)?,
            name: r.name,
            kind: match r.kind.as_str() {
                "department" => UnitKind::Department,
                "response_centre" => UnitKind::ResponseCentre,
                _ => return Err(StoreError::Corrupt("unknown unit kind".into())),
            },
        })
    }
}

impl Store {
    pub async fn create_organization(
        &self,
        name: &str,
        kind: OrganizationKind,
        now: DateTime<Utc>,
    ) -> Result<Organization> {
        let org = Organization {
            id: Id::new(),
            name: name.to_owned(),
            kind,
        };
        let kind = match kind {
            OrganizationKind::Hospital => "hospital",
            OrganizationKind::Municipality => "municipality",
        };
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO organizations (id, name, kind, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(org.id.to_string())
            .bind(&org.name)
            .bind(kind)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(org)
    }

    pub async fn create_unit(
        &self,
        organization_id: Id<Organization>,
        name: &str,
        kind: UnitKind,
        now: DateTime<Utc>,
    ) -> Result<Unit> {
        let unit = Unit {
            id: Id::new(),
            organization_id,
            name: name.to_owned(),
            kind,
        };
        let kind = match kind {
            UnitKind::Department => "department",
            UnitKind::ResponseCentre => "response_centre",
        };
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO units (id, organization_id, name, kind, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(unit.id.to_string())
            .bind(organization_id.to_string())
            .bind(&unit.name)
            .bind(kind)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(unit)
    }

    /// The organisation named exactly `name`, if there is one.
    pub async fn organization_named(&self, name: &str) -> Result<Option<Id<Organization>>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id FROM organizations WHERE name = $1 ORDER BY created_at LIMIT 1",
            )
            .bind(name)
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(id,)| crate::parse_id(&id)).transpose()
    }

    /// The unit of `organization` named exactly `name`, if there is one.
    pub async fn unit_named(
        &self,
        organization: Id<Organization>,
        name: &str,
    ) -> Result<Option<Id<Unit>>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id FROM units WHERE organization_id = $1 AND name = $2 LIMIT 1")
                .bind(organization.to_string())
                .bind(name)
                .fetch_optional(pool)
                .await
        })?;
        row.map(|(id,)| crate::parse_id(&id)).transpose()
    }

    pub async fn unit(&self, id: Id<Unit>) -> Result<Unit> {
        let row: Option<UnitRow> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, organization_id, name, kind FROM units WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(pool)
                .await
        })?;
        row.ok_or(StoreError::NotFound("unit"))?.try_into()
    }

    /// Every unit with its contacts, by name.
    pub async fn units_with_contacts(&self) -> Result<Vec<(Unit, UnitContacts)>> {
        type Row = (
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, organization_id, name, kind, alert_email, alert_mobile, phone, opening_hours, her_id
                 FROM units ORDER BY name, id",
            )
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(
                |(
                    id,
                    organization_id,
                    name,
                    kind,
                    alert_email,
                    alert_mobile,
                    phone,
                    hours,
                    her,
                )| {
                    let unit = UnitRow {
                        id,
                        organization_id,
                        name,
                        kind,
                    }
                    .try_into()?;
                    let contacts = UnitContacts {
                        alert_email,
                        alert_mobile,
                        phone,
                        hours,
                        her_id: her_id(her)?,
                    };
                    Ok((unit, contacts))
                },
            )
            .collect()
    }

    /// Sets a unit's contacts: where its escalated alerts go, and the number patients call
    /// with its opening hours (`None` clears one).
    pub async fn set_unit_contacts(&self, unit: Id<Unit>, c: &UnitContacts) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE units SET alert_email = $1, alert_mobile = $2, phone = $3, opening_hours = $4,
                        her_id = $6
                 WHERE id = $5",
            )
            .bind(&c.alert_email)
            .bind(&c.alert_mobile)
            .bind(&c.phone)
            .bind(&c.hours)
            .bind(unit.to_string())
            .bind(c.her_id.as_ref().map(|h| h.as_str()))
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// A unit's contacts (none set for an unknown unit).
    pub async fn unit_contacts(&self, unit: Id<Unit>) -> Result<UnitContacts> {
        type Row = (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let row: Option<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT alert_email, alert_mobile, phone, opening_hours, her_id FROM units WHERE id = $1",
            )
            .bind(unit.to_string())
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(alert_email, alert_mobile, phone, hours, her)| {
            Ok(UnitContacts {
                alert_email,
                alert_mobile,
                phone,
                hours,
                her_id: her_id(her)?,
            })
        })
        .transpose()
        .map(Option::unwrap_or_default)
    }

    /// Lets `unit` run a program.
    pub async fn offer_program(
        &self,
        unit: Id<Unit>,
        program: Id<carepath_domain::program::Program>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO unit_programs (unit_id, program_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(unit.to_string())
            .bind(program.to_string())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }
}

impl Store {
    /// Every place running a program: (unit, program, how), by unit.
    pub async fn program_places(
        &self,
    ) -> Result<
        Vec<(
            Id<Unit>,
            Id<carepath_domain::program::Program>,
            carepath_domain::organization::PlaceDetails,
        )>,
    > {
        // (unit, program, status, start day, contact)
        type Row = (String, String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT unit_id, program_id, status, started_on, contact FROM unit_programs
                     ORDER BY unit_id, program_id",
            )
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(unit, program, status, started_on, contact)| {
                let bad = || StoreError::Corrupt("a place running a program".into());
                Ok((
                    parse_id(&unit)?,
                    parse_id(&program)?,
                    carepath_domain::organization::PlaceDetails {
                        status: carepath_domain::organization::PlaceStatus::parse(&status)
                            .ok_or_else(bad)?,
                        started_on: started_on
                            .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
                            .transpose()
                            .map_err(|_| bad())?,
                        contact,
                    },
                ))
            })
            .collect()
    }

    /// Lets `unit` run `program` as `how` says, or changes how it does.
    pub async fn set_program_place(
        &self,
        unit: Id<Unit>,
        program: Id<carepath_domain::program::Program>,
        how: &carepath_domain::organization::PlaceDetails,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO unit_programs (unit_id, program_id, status, started_on, contact)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (unit_id, program_id) DO UPDATE SET status = excluded.status,
                     started_on = excluded.started_on, contact = excluded.contact",
            )
            .bind(unit.to_string())
            .bind(program.to_string())
            .bind(how.status.as_str())
            .bind(how.started_on.map(|d| d.format("%Y-%m-%d").to_string()))
            .bind(how.contact.as_deref())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }
}

pub use carepath_domain::organization::UnitContacts;

/// A stored HER-id.
pub(crate) fn her_id(stored: Option<String>) -> Result<Option<carepath_domain::letter::HerId>> {
    stored
        .as_deref()
        .map(carepath_domain::letter::HerId::parse)
        .transpose()
        .map_err(|_| StoreError::Corrupt("a stored HER-id is invalid".into()))
}
