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

    pub async fn unit(&self, id: Id<Unit>) -> Result<Unit> {
        let row: Option<UnitRow> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, organization_id, name, kind FROM units WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(pool)
                .await
        })?;
        row.ok_or(StoreError::NotFound("unit"))?.try_into()
    }

    /// Every unit with where its escalated alerts go (e-mail, mobile), by name.
    pub async fn units_with_alert_contacts(
        &self,
    ) -> Result<Vec<(Unit, Option<String>, Option<String>)>> {
        type Row = (
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                    "SELECT id, organization_id, name, kind, alert_email, alert_mobile FROM units ORDER BY name, id",
                )
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(|(id, organization_id, name, kind, email, mobile)| {
                let unit = UnitRow {
                    id,
                    organization_id,
                    name,
                    kind,
                }
                .try_into()?;
                Ok((unit, email, mobile))
            })
            .collect()
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
