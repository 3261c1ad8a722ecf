//! Bearer tokens for the FHIR API. The token is shown once, at creation; only its SHA-256
//! is stored, so a copy of the database cannot be used to call the API.

use carepath_domain::Id;
use carepath_domain::user::{RoleGrant, UserAccount};
use chrono::{DateTime, Duration, Utc};

use crate::db::on_pool;
use crate::secret::hash;
use crate::{Result, Store, parse_id};

/// Who a live token speaks for.
#[derive(Debug, Clone)]
pub struct TokenHolder {
    pub account: UserAccount,
    pub roles: Vec<RoleGrant>,
    /// The token's name for the access log.
    pub reference: String,
}

/// Tokens start with this, so a leaked one is easy to recognise in a scanner.
const PREFIX: &str = "cpat_";

impl Store {
    /// Makes a token for `user` that works until `now + lifetime`, and returns it.
    pub async fn create_api_token(
        &self,
        user: Id<UserAccount>,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<String> {
        let token = format!("{PREFIX}{}", hex::encode(rand::random::<[u8; 32]>()));
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(hash(&token))
            .bind(user.to_string())
            .bind(now)
            .bind(now + lifetime)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(token)
    }

    /// The holder of a live token (known, not expired, not revoked) with their roles, read
    /// in one query since every API request asks, and the token's name for the access log
    /// (`t-` and the start of its hash).
    pub async fn api_token_holder(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<TokenHolder>> {
        if !token.starts_with(PREFIX) {
            return Ok(None);
        }
        type Row = (
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        const HOLDER: &str =
            "SELECT u.id, u.username, u.display_name, r.role, r.unit_id, r.course_id
             FROM api_tokens t JOIN users u ON u.id = t.user_id
             LEFT JOIN user_roles r ON r.user_id = u.id
             WHERE t.token_hash = $1 AND t.expires_at > $2 AND t.revoked_at IS NULL
               AND u.disabled_at IS NULL
             ORDER BY r.role, r.unit_id, r.course_id";
        let rows: Vec<Row> = match &self.readers {
            Some(readers) => {
                let params = (hash(token), crate::readers::time(now));
                readers
                    .rows(HOLDER, params, |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                        ))
                    })
                    .await?
            }
            None => on_pool!(self, |pool| {
                sqlx::query_as(HOLDER)
                    .bind(hash(token))
                    .bind(now)
                    .fetch_all(pool)
                    .await
            })?,
        };
        let Some((id, username, display_name, _, _, _)) = rows.first().cloned() else {
            return Ok(None);
        };
        let roles = rows
            .into_iter()
            .filter_map(|(_, _, _, role, unit, course)| Some((role?, unit, course)))
            .map(|(role, unit, course)| {
                crate::user::grant(&role, unit.as_deref(), course.as_deref())
            })
            .collect::<Result<_>>()?;
        Ok(Some(TokenHolder {
            account: UserAccount {
                id: parse_id(&id)?,
                username,
                display_name,
            },
            roles,
            reference: crate::secret::reference("t", token),
        }))
    }

    /// Revokes every live token of `user`; returns how many.
    pub async fn revoke_api_tokens(
        &self,
        user: Id<UserAccount>,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        Ok(on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
            )
            .bind(user.to_string())
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?)
    }
}
