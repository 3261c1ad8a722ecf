//! Sign-in through OpenID providers: the pending logins between leaving for the provider
//! and coming back, and finding (or on first sign-in, creating) a patient's account.

use carepath_domain::patient::Patient;
use carepath_domain::user::{Role, UserAccount};
use carepath_domain::{Id, NationalIdNumber};
use chrono::{DateTime, Duration, Utc};

use crate::db::{in_tx, on_pool};
use crate::secret::hash;
use crate::{Result, Store, StoreError};

/// What carepath remembers about a sign-in it sent to the provider.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingLogin {
    pub nonce: String,
    pub pkce_verifier: String,
    /// Asked for from the participant page: a HelseID sign-in with an HPR number no
    /// account holds makes a participant account (decision 0045).
    pub participant: bool,
}

impl std::fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PendingLogin(..)")
    }
}

impl Store {
    /// Remembers a sign-in sent to `provider` for `ttl`, and forgets expired ones.
    pub async fn start_oidc_login(
        &self,
        state: &str,
        provider: &str,
        login: &PendingLogin,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<()> {
        in_tx!(self, |tx| {
            sqlx::query("DELETE FROM oidc_logins WHERE expires_at <= $1")
                .bind(now)
                .execute(&mut **tx)
                .await?;
            sqlx::query(
                "INSERT INTO oidc_logins (state_hash, provider, nonce, pkce_verifier, expires_at, purpose)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(hash(state))
            .bind(provider)
            .bind(&login.nonce)
            .bind(&login.pkce_verifier)
            .bind(now + ttl)
            .bind(if login.participant {
                "participant"
            } else {
                "sign-in"
            })
            .execute(&mut **tx)
            .await?;
            Ok::<_, StoreError>(())
        })
    }

    /// Takes the pending sign-in of `state` at `provider`: found once, never again, and
    /// not after it expired.
    pub async fn take_oidc_login(
        &self,
        state: &str,
        provider: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingLogin>> {
        let row: Option<(String, String, String, DateTime<Utc>, String)> =
            on_pool!(self, |pool| {
                sqlx::query_as(
                    "DELETE FROM oidc_logins WHERE state_hash = $1
                     RETURNING provider, nonce, pkce_verifier, expires_at, purpose",
                )
                .bind(hash(state))
                .fetch_optional(pool)
                .await
            })?;
        Ok(row
            .filter(|(p, _, _, expires, _)| p == provider && *expires > now)
            .map(|(_, nonce, pkce_verifier, _, purpose)| PendingLogin {
                nonce,
                pkce_verifier,
                participant: purpose == "participant",
            }))
    }

    /// The account of the patient with `nin`, created and linked on their first sign-in.
    /// The patient is found by the keyed hash of the number, as everywhere else. `None` when
    /// carepath holds no patient with that number (no referral yet).
    pub async fn patient_sign_in(
        &self,
        nin: &NationalIdNumber,
        now: DateTime<Utc>,
    ) -> Result<Option<UserAccount>> {
        let Some(patient) = self.patient_by_nin(nin).await? else {
            return Ok(None);
        };
        if let Some(user) = patient.user_id {
            return Ok(Some(self.user(user).await?));
        }
        match self.create_patient_account(&patient, now).await {
            // Another first sign-in of the same patient won the race: use its account.
            Err(StoreError::Conflict) => {
                match self.patient_by_nin(nin).await?.and_then(|p| p.user_id) {
                    Some(user) => Ok(Some(self.user(user).await?)),
                    None => Err(StoreError::Conflict),
                }
            }
            other => other.map(Some),
        }
    }

    async fn create_patient_account(
        &self,
        patient: &Patient,
        now: DateTime<Utc>,
    ) -> Result<UserAccount> {
        let user = UserAccount {
            id: Id::new(),
            username: format!("pasient-{}", patient.id),
            display_name: patient.name.clone(),
        };
        in_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO users (id, username, display_name, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(user.id.to_string())
            .bind(&user.username)
            .bind(&user.display_name)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "INSERT INTO user_roles (id, user_id, role, unit_id) VALUES ($1, $2, $3, NULL)",
            )
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(user.id.to_string())
            .bind(Role::Patient.as_str())
            .execute(&mut **tx)
            .await?;
            // Only a patient without an account is linked: two first sign-ins at once
            // cannot both win.
            let linked =
                sqlx::query("UPDATE patients SET user_id = $1 WHERE id = $2 AND user_id IS NULL")
                    .bind(user.id.to_string())
                    .bind(patient.id.to_string())
                    .execute(&mut **tx)
                    .await?
                    .rows_affected();
            if linked == 1 {
                Ok::<_, StoreError>(())
            } else {
                Err(StoreError::Conflict)
            }
        })?;
        Ok(user)
    }
}
