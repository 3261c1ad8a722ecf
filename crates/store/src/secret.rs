//! Random bearer secrets (session cookies, API tokens, reset links, OpenID states) and the
//! SHA-256 under which they are stored, so a copy of the database cannot be used to sign in.

use sha2::{Digest, Sha256};

/// The stored form of a secret.
pub(crate) fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A short, stable name of a secret for the access log: enough to tell sessions and
/// tokens apart and find them again, useless for signing in.
pub(crate) fn reference(kind: &str, token: &str) -> String {
    format!("{kind}-{}", &hash(token)[..16])
}

/// 256 random bits as hex.
pub(crate) fn random_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}
