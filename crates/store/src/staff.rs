//! Staff accounts as an administrator keeps them: who works where in which role, their
//! HPR number, whether their local password and second factor are set, their API tokens,
//! and disabling an account. Every change is written with its access-log events in the
//! same transaction.

use carepath_domain::Id;
use carepath_domain::audit::AuditEvent;
use carepath_domain::user::{NewStaff, RoleGrant, SignInKind, UserAccount};
use chrono::{DateTime, Utc};

use crate::db::{in_tx, on_pool};
use crate::{Result, Store, StoreError, parse_id};

/// A staff member on the administrator's pages.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub account: UserAccount,
    pub hpr_number: Option<String>,
    /// Each role with its unit's name when it is unit-bound.
    pub roles: Vec<(RoleGrant, Option<String>)>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub password_set: bool,
    pub second_factor: bool,
    /// The API tokens in force: (created, expires).
    pub tokens: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

type MemberRow = (
    String,
    String,
    String,
    Option<String>,
    Option<DateTime<Utc>>,
    Option<String>,
    Option<String>,
);

const MEMBER_SQL: &str = "SELECT u.id, u.username, u.display_name, p.hpr_number, u.disabled_at,
        c.password_hash, c.totp_secret
 FROM users u
 LEFT JOIN practitioners p ON p.user_id = u.id
 LEFT JOIN local_credentials c ON c.user_id = u.id
 WHERE EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id
                 AND r.role IN ('clinician', 'coordinator', 'author', 'researcher', 'admin'))";

/// How many recovery codes an administrator issues at a time.
pub const RECOVERY_CODES: usize = 10;

/// The `user_roles` rows of one grant: `$1` the user, `$2` the role, `$3` its unit or NULL.
const GRANT: &str =
    "user_id = $1 AND role = $2 AND (unit_id = $3 OR (unit_id IS NULL AND $3 IS NULL))";

/// Ends every session of `$user` inside a transaction (a disabled account, a reset
/// second factor).
macro_rules! end_sessions {
    ($tx:expr, $user:expr) => {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind($user.to_string())
            .execute(&mut **$tx)
            .await?
    };
}

impl Store {
    /// Every staff account (anyone holding a role other than patient), by name.
    pub async fn staff_members(&self, now: DateTime<Utc>) -> Result<Vec<StaffMember>> {
        let sql = format!("{MEMBER_SQL} ORDER BY u.display_name, u.username");
        let rows: Vec<MemberRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all(pool)
                .await
        })?;
        self.members(rows, None, now).await
    }

    /// One staff account; `None` when there is no such staff member.
    pub async fn staff_member(
        &self,
        user: Id<UserAccount>,
        now: DateTime<Utc>,
    ) -> Result<Option<StaffMember>> {
        let sql = format!("{MEMBER_SQL} AND u.id = $1");
        let row: Option<MemberRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(user.to_string())
                .fetch_optional(pool)
                .await
        })?;
        match row {
            Some(row) => Ok(self.members(vec![row], Some(user), now).await?.pop()),
            None => Ok(None),
        }
    }

    /// The staff members of `rows` with their roles and API tokens in force: two queries
    /// for all of them (`only`: the one account the rows are of).
    async fn members(
        &self,
        rows: Vec<MemberRow>,
        only: Option<Id<UserAccount>>,
        now: DateTime<Utc>,
    ) -> Result<Vec<StaffMember>> {
        const STAFF: &str = "IN (SELECT x.user_id FROM user_roles x
             WHERE x.role IN ('clinician', 'coordinator', 'author', 'researcher', 'admin'))";
        let only = only.map(|u| u.to_string());
        let roles: Vec<(String, String, Option<String>, Option<String>)> =
            on_pool!(self, |pool| {
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT r.user_id, r.role, r.unit_id, n.name
                     FROM user_roles r LEFT JOIN units n ON n.id = r.unit_id
                     WHERE ($1 IS NULL OR r.user_id = $1) AND r.user_id {STAFF}
                       AND r.role IN ('clinician', 'coordinator', 'author', 'researcher', 'admin')
                     ORDER BY r.role, n.name"
                )))
                .bind(only.clone())
                .fetch_all(pool)
                .await
            })?;
        let tokens: Vec<(String, DateTime<Utc>, DateTime<Utc>)> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT user_id, created_at, expires_at FROM api_tokens
                 WHERE ($1 IS NULL OR user_id = $1) AND user_id {STAFF}
                   AND revoked_at IS NULL AND expires_at > $2
                 ORDER BY created_at"
            )))
            .bind(only.clone())
            .bind(now)
            .fetch_all(pool)
            .await
        })?;
        let mut grants: std::collections::HashMap<String, Vec<(RoleGrant, Option<String>)>> =
            std::collections::HashMap::new();
        for (user, role, unit, name) in roles {
            let grant = crate::user::grant(&role, unit.as_deref(), None)?;
            grants.entry(user).or_default().push((grant, name));
        }
        type Tokens = Vec<(DateTime<Utc>, DateTime<Utc>)>;
        let mut in_force: std::collections::HashMap<String, Tokens> =
            std::collections::HashMap::new();
        for (user, created, expires) in tokens {
            in_force.entry(user).or_default().push((created, expires));
        }
        rows.into_iter()
            .map(
                |(id, username, display_name, hpr_number, disabled_at, password, totp)| {
                    Ok(StaffMember {
                        account: UserAccount {
                            id: parse_id(&id)?,
                            username,
                            display_name,
                        },
                        hpr_number,
                        roles: grants.remove(&id).unwrap_or_default(),
                        disabled_at,
                        password_set: password.is_some(),
                        second_factor: totp.is_some(),
                        tokens: in_force.remove(&id).unwrap_or_default(),
                    })
                },
            )
            .collect()
    }

    /// Whether anyone holds the administrator role.
    pub async fn has_administrator(&self) -> Result<bool> {
        let (n,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'")
                .fetch_one(pool)
                .await
        })?;
        Ok(n > 0)
    }

    /// Adds a staff member: the account, its Practitioner record, its first role and, with
    /// an HPR number, its HelseID sign-in key; `audit` in the same transaction.
    pub async fn add_staff(
        &self,
        new: &NewStaff,
        audit: &(dyn Fn(Id<UserAccount>) -> Vec<AuditEvent> + Sync),
        now: DateTime<Utc>,
    ) -> Result<UserAccount> {
        let account = UserAccount {
            id: Id::new(),
            username: new.username.clone(),
            display_name: new.display_name.clone(),
        };
        let events = audit(account.id);
        let id = account.id.to_string();
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO users (id, username, display_name, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(&id)
            .bind(&new.username)
            .bind(&new.display_name)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::unique(e, "a user with that username"))?;
            sqlx::query(
                "INSERT INTO practitioners (id, user_id, name, hpr_number, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Id::<()>::new().to_string())
            .bind(&id)
            .bind(&new.display_name)
            .bind(&new.hpr_number)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map_err(|e| StoreError::unique(e, "a practitioner with that HPR number"))?;
            sqlx::query(
                "INSERT INTO user_roles (id, user_id, role, unit_id) VALUES ($1, $2, $3, $4)",
            )
            .bind(Id::<RoleGrant>::new().to_string())
            .bind(&id)
            .bind(new.grant.role.as_str())
            .bind(new.grant.unit_id.map(|u| u.to_string()))
            .execute(&mut **tx)
            .await?;
            if let Some(hpr) = &new.hpr_number {
                sqlx::query("INSERT INTO sign_in_keys (kind, key, user_id) VALUES ($1, $2, $3)")
                    .bind(SignInKind::HelseIdHpr.as_str())
                    .bind(hpr)
                    .bind(&id)
                    .execute(&mut **tx)
                    .await
                    .map_err(|e| StoreError::unique(e, "a sign-in with that HPR number"))?;
            }
            crate::audit::append_events!(self, tx, &events, now);
            Ok::<_, StoreError>(())
        })?;
        Ok(account)
    }

    /// Gives `user` another role; `false` when they hold it already.
    pub async fn add_staff_role(
        &self,
        user: Id<UserAccount>,
        grant: &RoleGrant,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let added = in_tx!(self, |tx| {
            let held: Option<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT id FROM user_roles WHERE {GRANT}"
            )))
            .bind(user.to_string())
            .bind(grant.role.as_str())
            .bind(grant.unit_id.map(|u| u.to_string()))
            .fetch_optional(&mut **tx)
            .await?;
            if held.is_some() {
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO user_roles (id, user_id, role, unit_id) VALUES ($1, $2, $3, $4)",
            )
            .bind(Id::<RoleGrant>::new().to_string())
            .bind(user.to_string())
            .bind(grant.role.as_str())
            .bind(grant.unit_id.map(|u| u.to_string()))
            .execute(&mut **tx)
            .await?;
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(true)
        })?;
        Ok(added)
    }

    /// Takes a role from `user`; `false` when they did not hold it.
    pub async fn remove_staff_role(
        &self,
        user: Id<UserAccount>,
        grant: &RoleGrant,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let removed = in_tx!(self, |tx| {
            let n = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM user_roles WHERE {GRANT}"
            )))
            .bind(user.to_string())
            .bind(grant.role.as_str())
            .bind(grant.unit_id.map(|u| u.to_string()))
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if n > 0 {
                crate::audit::append_events!(self, tx, audit, now);
            }
            Ok::<_, StoreError>(n > 0)
        })?;
        Ok(removed)
    }

    /// Disables `user` (its sessions end and its API tokens are revoked) or enables it
    /// again; `false` when it already was so.
    pub async fn set_staff_disabled(
        &self,
        user: Id<UserAccount>,
        disabled: bool,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let changed = in_tx!(self, |tx| {
            let n = if disabled {
                sqlx::query(
                    "UPDATE users SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL",
                )
                .bind(user.to_string())
                .bind(now)
                .execute(&mut **tx)
                .await?
                .rows_affected()
            } else {
                sqlx::query(
                    "UPDATE users SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL",
                )
                .bind(user.to_string())
                .execute(&mut **tx)
                .await?
                .rows_affected()
            };
            if n > 0 {
                if disabled {
                    end_sessions!(tx, user);
                    sqlx::query(
                        "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                    )
                    .bind(user.to_string())
                    .bind(now)
                    .execute(&mut **tx)
                    .await?;
                }
                crate::audit::append_events!(self, tx, audit, now);
            }
            Ok::<_, StoreError>(n > 0)
        })?;
        Ok(changed)
    }

    /// Forgets `user`'s second factor (a lost phone): the next sign-in with the password
    /// sets up a new one. Their sessions end. `false` when none was set.
    pub async fn reset_second_factor(
        &self,
        user: Id<UserAccount>,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let reset = in_tx!(self, |tx| {
            let n = sqlx::query(
                "UPDATE local_credentials SET totp_secret = NULL, last_totp_step = NULL
                 WHERE user_id = $1 AND totp_secret IS NOT NULL",
            )
            .bind(user.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if n > 0 {
                end_sessions!(tx, user);
                crate::audit::append_events!(self, tx, audit, now);
            }
            Ok::<_, StoreError>(n > 0)
        })?;
        Ok(reset)
    }

    /// Sets or clears `user`'s HPR number, on their Practitioner record (made if missing)
    /// and as their HelseID sign-in key; `audit` in the same transaction.
    pub async fn set_hpr_number(
        &self,
        user: Id<UserAccount>,
        hpr: Option<&str>,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let id = user.to_string();
        in_tx!(self, |tx| {
            let n = sqlx::query("UPDATE practitioners SET hpr_number = $2 WHERE user_id = $1")
                .bind(&id)
                .bind(hpr)
                .execute(&mut **tx)
                .await
                .map_err(|e| StoreError::unique(e, "a practitioner with that HPR number"))?
                .rows_affected();
            if n == 0 {
                sqlx::query(
                    "INSERT INTO practitioners (id, user_id, name, hpr_number, created_at)
                     SELECT $1, u.id, u.display_name, $3, $4 FROM users u WHERE u.id = $2",
                )
                .bind(Id::<()>::new().to_string())
                .bind(&id)
                .bind(hpr)
                .bind(now)
                .execute(&mut **tx)
                .await
                .map_err(|e| StoreError::unique(e, "a practitioner with that HPR number"))?;
            }
            sqlx::query("DELETE FROM sign_in_keys WHERE user_id = $1 AND kind = $2")
                .bind(&id)
                .bind(SignInKind::HelseIdHpr.as_str())
                .execute(&mut **tx)
                .await?;
            if let Some(hpr) = hpr {
                sqlx::query("INSERT INTO sign_in_keys (kind, key, user_id) VALUES ($1, $2, $3)")
                    .bind(SignInKind::HelseIdHpr.as_str())
                    .bind(hpr)
                    .bind(&id)
                    .execute(&mut **tx)
                    .await
                    .map_err(|e| StoreError::unique(e, "a sign-in with that HPR number"))?;
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })?;
        Ok(())
    }

    /// Issues `user` ten new recovery codes (ten digits each, shown once) in place of any
    /// unused ones; `audit` in the same transaction.
    pub async fn issue_recovery_codes(
        &self,
        user: Id<UserAccount>,
        audit: &[AuditEvent],
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let codes: Vec<String> = (0..RECOVERY_CODES)
            .map(|_| {
                let n: u64 = rand::random_range(0..10_000_000_000);
                format!("{:05}-{:05}", n / 100_000, n % 100_000)
            })
            .collect();
        let hashes: Vec<String> = codes.iter().map(|c| self.recovery_hash(c)).collect();
        in_tx!(self, |tx| {
            sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
                .bind(user.to_string())
                .execute(&mut **tx)
                .await?;
            for h in &hashes {
                sqlx::query(
                    "INSERT INTO recovery_codes (code_hash, user_id, created_at) VALUES ($1, $2, $3)",
                )
                .bind(h)
                .bind(user.to_string())
                .bind(now)
                .execute(&mut **tx)
                .await?;
            }
            crate::audit::append_events!(self, tx, audit, now);
            Ok::<_, StoreError>(())
        })?;
        Ok(codes)
    }

    /// Uses one of `user`'s recovery codes (typed with or without the dash and spaces);
    /// `false` when it is not one of theirs or was used before.
    pub async fn use_recovery_code(
        &self,
        user: Id<UserAccount>,
        typed: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 10 {
            return Ok(false);
        }
        let code = format!("{}-{}", &digits[..5], &digits[5..]);
        let n = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE recovery_codes SET used_at = $3
                 WHERE code_hash = $1 AND user_id = $2 AND used_at IS NULL",
            )
            .bind(self.recovery_hash(&code))
            .bind(user.to_string())
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(n == 1)
    }

    /// How many unused recovery codes `user` has.
    pub async fn recovery_codes_left(&self, user: Id<UserAccount>) -> Result<i64> {
        let (n,): (i64,) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
            )
            .bind(user.to_string())
            .fetch_one(pool)
            .await
        })?;
        Ok(n)
    }

    fn recovery_hash(&self, code: &str) -> String {
        self.crypto.index(&format!("recovery-code:{code}"))
    }
}
