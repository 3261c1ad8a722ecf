//! Server-side sessions. Only a SHA-256 hash of the cookie's random token is stored, so a
//! copy of the database cannot be used to sign in. Each session has a CSRF token for its
//! forms, an absolute lifetime and an inactivity timeout.

use carepath_domain::Id;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Duration, Utc};

use crate::db::{in_tx, on_pool};
use crate::secret::{hash, random_token};
use crate::{Result, Store, StoreError, parse_id};

/// A live session.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub user_id: Id<UserAccount>,
    /// The token every state-changing form must send back.
    pub csrf: String,
    /// Names the session in the access log (`s-` and the start of the token's hash).
    pub reference: String,
    /// The language the person chose, if they did.
    pub language: Option<carepath_domain::Lang>,
}

impl std::fmt::Debug for SessionInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionInfo")
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}

/// Activity is written at most this often, so reading pages does not mean a write each time.
const TOUCH_EVERY_SECONDS: i64 = 60;

impl Store {
    /// Starts a session for `user` and returns the token for the cookie.
    pub async fn create_session(
        &self,
        user: Id<UserAccount>,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<String> {
        let token = random_token();
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, csrf_token)
                 VALUES ($1, $2, $3, $3, $4, $5)",
            )
            .bind(hash(&token))
            .bind(user.to_string())
            .bind(now)
            .bind(now + lifetime)
            .bind(random_token())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(token)
    }

    /// The live session of `token`: not expired and used within `idle`. Records the
    /// activity (at most once a minute) when `activity` says the person did something.
    pub async fn session(
        &self,
        token: &str,
        now: DateTime<Utc>,
        idle: Duration,
        activity: bool,
    ) -> Result<Option<SessionInfo>> {
        let token_hash = hash(token);
        let row: Option<(String, String, DateTime<Utc>, Option<String>)> =
            on_pool!(self, |pool| {
                sqlx::query_as(
                    "SELECT s.user_id, s.csrf_token, s.last_seen_at, u.language
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3
                   AND u.disabled_at IS NULL",
                )
                .bind(&token_hash)
                .bind(now)
                .bind(now - idle)
                .fetch_optional(pool)
                .await
            })?;
        let Some((user_id, csrf, last_seen, language)) = row else {
            return Ok(None);
        };
        if activity && (now - last_seen).num_seconds() >= TOUCH_EVERY_SECONDS {
            on_pool!(self, |pool| {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                    .bind(now)
                    .bind(&token_hash)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())
            })?;
        }
        Ok(Some(SessionInfo {
            user_id: parse_id(&user_id)?,
            csrf,
            reference: crate::secret::reference("s", token),
            language: language.as_deref().and_then(carepath_domain::Lang::parse),
        }))
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

impl Store {
    /// Saves the language `user` chose, for their pages and, for a patient, the messages
    /// sent to them.
    pub async fn set_language(
        &self,
        user: Id<UserAccount>,
        lang: carepath_domain::Lang,
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
                .bind(lang.code())
                .bind(user.to_string())
                .execute(&mut **tx)
                .await?;
            sqlx::query("UPDATE patients SET language = $1 WHERE user_id = $2")
                .bind(lang.code())
                .bind(user.to_string())
                .execute(&mut **tx)
                .await?;
            Ok::<_, StoreError>(())
        })
    }

    /// Saves the language a patient reads, for the messages sent to them (set when their
    /// referral is registered, before they have an account).
    pub async fn set_patient_language(
        &self,
        patient: Id<carepath_domain::patient::Patient>,
        lang: carepath_domain::Lang,
    ) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query("UPDATE patients SET language = $1 WHERE id = $2")
                .bind(lang.code())
                .bind(patient.to_string())
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Ends every session of `user` ("sign out everywhere"); returns how many there were.
    pub async fn delete_user_sessions(&self, user: Id<UserAccount>) -> Result<u64> {
        Ok(on_pool!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user.to_string())
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?)
    }
}
