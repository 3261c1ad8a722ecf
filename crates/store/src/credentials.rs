//! Local staff accounts: password hashes, TOTP secrets, lockout, one-time reset links and
//! the step between password and second factor. Hashing and code checking happen in the
//! web layer; this module only keeps what they need, with secrets encrypted or hashed.

use carepath_domain::Id;
use carepath_domain::user::UserAccount;
use chrono::{DateTime, Duration, Utc};

use crate::db::{in_tx, on_pool};
use crate::secret::{hash, random_token};
use crate::{Result, Store, StoreError, parse_id};

/// What is stored for a local account.
#[derive(Clone, Default)]
pub struct Credentials {
    /// The argon2id PHC string; `None` until a password is set through a reset link.
    pub password_hash: Option<String>,
    /// The confirmed TOTP secret (base32), decrypted.
    pub totp_secret: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("has_password", &self.password_hash.is_some())
            .field("has_totp", &self.totp_secret.is_some())
            .field("locked_until", &self.locked_until)
            .finish()
    }
}

/// A sign-in that passed the password and waits for the second factor.
#[derive(Clone)]
pub struct Challenge {
    pub user: Id<UserAccount>,
    /// A new TOTP secret (base32) to confirm, when the account has none yet.
    pub pending_secret: Option<String>,
}

impl std::fmt::Debug for Challenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Challenge")
            .field("user", &self.user)
            .field("setting_up", &self.pending_secret.is_some())
            .finish()
    }
}

impl Store {
    /// The local credentials of `user`, if the account has any.
    pub async fn credentials(&self, user: Id<UserAccount>) -> Result<Option<Credentials>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            password_hash: Option<String>,
            totp_secret: Option<String>,
            locked_until: Option<DateTime<Utc>>,
        }
        let row: Option<Row> = on_pool!(self, |pool| {
            sqlx::query_as(
                    "SELECT password_hash, totp_secret, locked_until FROM local_credentials WHERE user_id = $1",
                )
                .bind(user.to_string())
                .fetch_optional(pool)
                .await
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(Credentials {
            password_hash: row.password_hash,
            totp_secret: row
                .totp_secret
                .map(|s| self.crypto.decrypt(&s))
                .transpose()?,
            locked_until: row.locked_until,
        }))
    }

    /// Counts a failed password or code. At `max_attempts` failures in a row the account
    /// locks for `lock_for` and the count starts again. Returns whether it is locked now.
    pub async fn record_failed_sign_in(
        &self,
        user: Id<UserAccount>,
        now: DateTime<Utc>,
        max_attempts: i64,
        lock_for: Duration,
    ) -> Result<bool> {
        let row: Option<(Option<DateTime<Utc>>,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "UPDATE local_credentials SET
                     locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END,
                     failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END
                 WHERE user_id = $1 RETURNING locked_until",
            )
            .bind(user.to_string())
            .bind(max_attempts)
            .bind(now + lock_for)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.and_then(|(l,)| l).is_some_and(|l| l > now))
    }

    /// Clears the failure count after a successful sign-in.
    pub async fn record_successful_sign_in(&self, user: Id<UserAccount>) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE local_credentials SET failed_attempts = 0, locked_until = NULL WHERE user_id = $1",
            )
            .bind(user.to_string())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Accepts a TOTP time step once: a code already used (or an older one) is refused.
    pub async fn use_totp_step(&self, user: Id<UserAccount>, step: i64) -> Result<bool> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE local_credentials SET last_totp_step = $2
                 WHERE user_id = $1 AND (last_totp_step IS NULL OR last_totp_step < $2)",
            )
            .bind(user.to_string())
            .bind(step)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Stores a confirmed TOTP secret (base32), encrypted.
    pub async fn set_totp_secret(&self, user: Id<UserAccount>, secret: &str) -> Result<()> {
        let stored = self.crypto.encrypt(secret);
        on_pool!(self, |pool| {
            sqlx::query("UPDATE local_credentials SET totp_secret = $2 WHERE user_id = $1")
                .bind(user.to_string())
                .bind(&stored)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Makes a one-time link token to set `user`'s password, valid for `ttl`.
    pub async fn create_password_reset(
        &self,
        user: Id<UserAccount>,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<String> {
        let token = random_token();
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(hash(&token))
            .bind(user.to_string())
            .bind(now)
            .bind(now + ttl)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(token)
    }

    /// The user of an unused, unexpired reset token.
    pub async fn password_reset_user(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Id<UserAccount>>> {
        let row: Option<(String,)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
                 WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.disabled_at IS NULL",
            )
            .bind(hash(token))
            .bind(now)
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(id,)| parse_id(&id)).transpose()
    }

    /// Sets the password through a reset token, in one transaction: the token is used up,
    /// the lockout cleared, the second factor kept, and every session of the user ended.
    /// `false` when the token was used or expired meanwhile.
    pub async fn set_password_with_reset(
        &self,
        token: &str,
        user: Id<UserAccount>,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        in_tx!(self, |tx| {
            let used = sqlx::query(
                "UPDATE password_resets SET used_at = $3
                 WHERE token_hash = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > $3",
            )
            .bind(hash(token))
            .bind(user.to_string())
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if used != 1 {
                return Ok::<_, StoreError>(false);
            }
            sqlx::query(
                "INSERT INTO local_credentials (user_id, password_hash, failed_attempts, password_set_at)
                 VALUES ($1, $2, 0, $3)
                 ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
                     failed_attempts = 0, locked_until = NULL, password_set_at = excluded.password_set_at",
            )
            .bind(user.to_string())
            .bind(password_hash)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user.to_string())
                .execute(&mut **tx)
                .await?;
            Ok(true)
        })
    }

    /// Starts the second-factor step for `user`; returns the token for its cookie.
    pub async fn create_challenge(
        &self,
        user: Id<UserAccount>,
        pending_secret: Option<&str>,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<String> {
        let token = random_token();
        let pending = pending_secret.map(|s| self.crypto.encrypt(s));
        in_tx!(self, |tx| {
            sqlx::query("DELETE FROM sign_in_challenges WHERE expires_at <= $1")
                .bind(now)
                .execute(&mut **tx)
                .await?;
            sqlx::query(
                "INSERT INTO sign_in_challenges (token_hash, user_id, pending_secret, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(hash(&token))
            .bind(user.to_string())
            .bind(&pending)
            .bind(now + ttl)
            .execute(&mut **tx)
            .await?;
            Ok::<_, StoreError>(())
        })?;
        Ok(token)
    }

    /// The live challenge of `token`.
    pub async fn challenge(&self, token: &str, now: DateTime<Utc>) -> Result<Option<Challenge>> {
        let row: Option<(String, Option<String>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT user_id, pending_secret FROM sign_in_challenges WHERE token_hash = $1 AND expires_at > $2",
            )
            .bind(hash(token))
            .bind(now)
            .fetch_optional(pool)
            .await
        })?;
        row.map(|(user, pending)| {
            Ok(Challenge {
                user: parse_id(&user)?,
                pending_secret: pending.map(|p| self.crypto.decrypt(&p)).transpose()?,
            })
        })
        .transpose()
    }

    pub async fn delete_challenge(&self, token: &str) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query("DELETE FROM sign_in_challenges WHERE token_hash = $1")
                .bind(hash(token))
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(())
    }
}
