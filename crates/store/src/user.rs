//! User accounts, their roles and sign-in keys, and practitioner records.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_domain::user::{Role, RoleGrant, SignInKind, UserAccount};
use chrono::{DateTime, Utc};

use crate::db::on_pool;
use crate::{Result, Store, StoreError, parse_id};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: String,
    username: String,
    display_name: String,
}

impl TryFrom<UserRow> for UserAccount {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<Self> {
        Ok(UserAccount {
            id: parse_id(&r.id)?,
            username: r.username,
            display_name: r.display_name,
        })
    }
}

impl Store {
    pub async fn create_user(
        &self,
        username: &str,
        display_name: &str,
        now: DateTime<Utc>,
    ) -> Result<UserAccount> {
        let user = UserAccount {
            id: Id::new(),
            username: username.to_owned(),
            display_name: display_name.to_owned(),
        };
        on_pool!(self, |pool| {
            sqlx::query("INSERT INTO users (id, username, display_name, created_at) VALUES ($1, $2, $3, $4)")
                .bind(user.id.to_string())
                .bind(&user.username)
                .bind(&user.display_name)
                .bind(now)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::unique(e, "a user with that username"))?;
        Ok(user)
    }

    pub async fn grant_role(
        &self,
        user: Id<UserAccount>,
        role: Role,
        unit: Option<Id<Unit>>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO user_roles (id, user_id, role, unit_id) VALUES ($1, $2, $3, $4)",
            )
            .bind(Id::<RoleGrant>::new().to_string())
            .bind(user.to_string())
            .bind(role.as_str())
            .bind(unit.map(|u| u.to_string()))
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::unique(e, "that role"))?;
        Ok(())
    }

    /// Grants a course role for `course`: owner or committee member, or local organiser
    /// for the `unit` that runs the offerings.
    pub async fn grant_course_role(
        &self,
        user: Id<UserAccount>,
        role: Role,
        course: Id<carepath_domain::course::Course>,
        unit: Option<Id<Unit>>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO user_roles (id, user_id, role, course_id, unit_id) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Id::<RoleGrant>::new().to_string())
            .bind(user.to_string())
            .bind(role.as_str())
            .bind(course.to_string())
            .bind(unit.map(|u| u.to_string()))
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::unique(e, "that role"))?;
        Ok(())
    }

    pub async fn roles(&self, user: Id<UserAccount>) -> Result<Vec<RoleGrant>> {
        let rows: Vec<(String, Option<String>, Option<String>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT role, unit_id, course_id FROM user_roles WHERE user_id = $1
                 ORDER BY role, unit_id, course_id",
            )
            .bind(user.to_string())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(role, unit, course)| grant(&role, unit.as_deref(), course.as_deref()))
            .collect()
    }

    /// Registers a sign-in key. ID-porten `pid` keys are stored as a keyed hash.
    pub async fn add_sign_in_key(
        &self,
        user: Id<UserAccount>,
        kind: SignInKind,
        key: &str,
    ) -> Result<()> {
        let stored = self.sign_in_key_value(kind, key);
        on_pool!(self, |pool| {
            sqlx::query("INSERT INTO sign_in_keys (kind, key, user_id) VALUES ($1, $2, $3)")
                .bind(kind.as_str())
                .bind(&stored)
                .bind(user.to_string())
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::unique(e, "that sign-in key"))?;
        Ok(())
    }

    pub async fn user_by_sign_in_key(
        &self,
        kind: SignInKind,
        key: &str,
    ) -> Result<Option<UserAccount>> {
        let stored = self.sign_in_key_value(kind, key);
        let row: Option<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT u.id, u.username, u.display_name FROM sign_in_keys k
                 JOIN users u ON u.id = k.user_id
                 WHERE k.kind = $1 AND k.key = $2 AND u.disabled_at IS NULL",
            )
            .bind(kind.as_str())
            .bind(&stored)
            .fetch_optional(pool)
            .await
        })?;
        row.map(TryInto::try_into).transpose()
    }

    pub async fn user(&self, id: Id<UserAccount>) -> Result<UserAccount> {
        let row: Option<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, username, display_name FROM users WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(pool)
                .await
        })?;
        row.ok_or(StoreError::NotFound("user"))?.try_into()
    }

    /// The account named `username`, unless an administrator has disabled it.
    pub async fn user_by_username(&self, username: &str) -> Result<Option<UserAccount>> {
        let row: Option<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, username, display_name FROM users WHERE username = $1 AND disabled_at IS NULL",
            )
                .bind(username)
                .fetch_optional(pool)
                .await
        })?;
        row.map(TryInto::try_into).transpose()
    }

    /// The id of the account named `username`, disabled or not (the access log's filter).
    pub async fn account_id(&self, username: &str) -> Result<Option<Id<UserAccount>>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT id FROM users WHERE username = $1")
                .bind(username)
                .fetch_optional(pool)
                .await
        })?;
        row.map(|(id,)| parse_id(&id)).transpose()
    }

    /// Creates the Practitioner record of a staff account.
    pub async fn create_practitioner(
        &self,
        user: Id<UserAccount>,
        name: &str,
        hpr_number: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO practitioners (id, user_id, name, hpr_number, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Id::<()>::new().to_string())
            .bind(user.to_string())
            .bind(name)
            .bind(hpr_number)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::unique(e, "a practitioner for that user or HPR number"))?;
        Ok(())
    }

    fn sign_in_key_value(&self, kind: SignInKind, key: &str) -> String {
        match kind {
            SignInKind::IdPortenPid => self.crypto.index(key),
            SignInKind::Demo | SignInKind::HelseIdHpr => key.to_owned(),
        }
    }
}

/// A grant as stored: its role, and the unit or course it is for.
pub(crate) fn grant(role: &str, unit: Option<&str>, course: Option<&str>) -> Result<RoleGrant> {
    Ok(RoleGrant {
        role: Role::parse(role).ok_or_else(|| StoreError::Corrupt("unknown role".into()))?,
        unit_id: unit.map(parse_id).transpose()?,
        course_id: course.map(parse_id).transpose()?,
    })
}
