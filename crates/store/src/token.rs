//! Bearer tokens for the FHIR API. The token is shown once, at creation; only its SHA-256
//! is stored, so a copy of the database cannot be used to call the API.

use carepath_domain::Id;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Duration, Utc};

use crate::db::on_pool;
use crate::secret::hash;
use crate::{Result, Store, parse_id};

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

    /// The user of a live token (known, not expired, not revoked) and the token's name
    /// for the access log (`t-` and the start of its hash).
    pub async fn api_token_user(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Id<UserAccount>, String)>> {
        if !token.starts_with(PREFIX) {
            return Ok(None);
        }
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT user_id FROM api_tokens
                 WHERE token_hash = $1 AND expires_at > $2 AND revoked_at IS NULL",
            )
            .bind(hash(token))
            .bind(now)
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(id,)| Ok((parse_id(&id)?, crate::secret::reference("t", token))))
            .transpose()
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
