//! Server-side sessions. Only a SHA-256 hash of the cookie's random token is stored, so a
//! copy of the database cannot be used to sign in.

use carepath_domain::Id;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::db::on_pool;
use crate::{Result, Store, parse_id};

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Store {
    /// Starts a session for `user` and returns the token for the cookie.
    pub async fn create_session(
        &self,
        user: Id<UserAccount>,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<String> {
        let token = hex::encode(rand::random::<[u8; 32]>());
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)",
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

    /// The user of a live session, or `None` when unknown or expired.
    pub async fn session_user(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Id<UserAccount>>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as("SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
                .bind(hash(token))
                .bind(now)
                .fetch_optional(pool)
                .await
        })?;
        row.map(|(id,)| parse_id(&id)).transpose()
    }

    pub async fn delete_session(&self, token: &str) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(hash(token))
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(())
    }
}
