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

/// A live token's holder with what a read made for them found, read together (decision
/// 0061).
#[derive(Debug)]
pub struct Held<T> {
    pub holder: TokenHolder,
    pub found: T,
}

/// The holder's account, then one of their roles (none when they have no role).
type HolderRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

const HOLDER: &str = "SELECT u.id, u.username, u.display_name, r.role, r.unit_id, r.course_id
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     LEFT JOIN user_roles r ON r.user_id = u.id
     WHERE t.token_hash = $1 AND t.expires_at > $2 AND t.revoked_at IS NULL
       AND u.disabled_at IS NULL
     ORDER BY r.role, r.unit_id, r.course_id";

/// [`HOLDER`] on a SQLite reader.
fn holder_rows_on(
    c: &rusqlite::Connection,
    token_hash: &str,
    now: &str,
) -> rusqlite::Result<Vec<HolderRow>> {
    c.prepare_cached(HOLDER)?
        .query_map((token_hash, now), |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect()
}

/// The holder [`HOLDER`]'s rows describe, if any.
fn holder_of(rows: Vec<HolderRow>, token: &str) -> Result<Option<TokenHolder>> {
    let Some((id, username, display_name, _, _, _)) = rows.first().cloned() else {
        return Ok(None);
    };
    let roles = rows
        .into_iter()
        .filter_map(|(_, _, _, role, unit, course)| Some((role?, unit, course)))
        .map(|(role, unit, course)| crate::user::grant(&role, unit.as_deref(), course.as_deref()))
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
        let rows: Vec<HolderRow> = match &self.readers {
            Some(readers) => {
                let (token_hash, at) = (hash(token), crate::readers::time(now));
                readers
                    .run(move |c| holder_rows_on(c, &token_hash, &at))
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
        holder_of(rows, token)
    }

    /// A read made for the holder of `token`, after the holder is found live: on SQLite
    /// in the same hand-off to the readers (`on_reader`, whose result `found` turns into
    /// the answer), elsewhere `on_pool` after the holder (decision 0061). `None` when the
    /// token is not live, and then nothing is read.
    pub(crate) async fn held<R, T>(
        &self,
        token: &str,
        now: DateTime<Utc>,
        on_reader: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<R> + Send + 'static,
        found: impl FnOnce(R) -> Result<T>,
        on_pool: impl Future<Output = Result<T>>,
    ) -> Result<Option<Held<T>>>
    where
        R: Send + 'static,
    {
        if !token.starts_with(PREFIX) {
            return Ok(None);
        }
        let Some(readers) = &self.readers else {
            let Some(holder) = self.api_token_holder(token, now).await? else {
                return Ok(None);
            };
            return Ok(Some(Held {
                holder,
                found: on_pool.await?,
            }));
        };
        let (token_hash, at) = (hash(token), crate::readers::time(now));
        let read = readers
            .run(move |c| {
                let rows = holder_rows_on(c, &token_hash, &at)?;
                if rows.is_empty() {
                    return Ok(None);
                }
                Ok(Some((rows, on_reader(c)?)))
            })
            .await?;
        let Some((rows, read)) = read else {
            return Ok(None);
        };
        let Some(holder) = holder_of(rows, token)? else {
            return Ok(None);
        };
        Ok(Some(Held {
            holder,
            found: found(read)?,
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
