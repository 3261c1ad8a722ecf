//! Encryption of the national identity number at rest (AES-256-GCM) and its keyed-hash
//! look-up index (HMAC-SHA256), both from one 32-byte data key through HKDF.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{Result, StoreError};

/// The installation's secret data key. `Debug` never shows it.
#[derive(Clone)]
pub struct DataKey([u8; 32]);

/// The key text was not 32 bytes of base64.
#[derive(Debug, thiserror::Error)]
#[error(
    "the data key must be 32 bytes written as base64 (make one with: head -c 32 /dev/urandom | base64)"
)]
pub struct KeyError;

impl DataKey {
    pub fn generate() -> Self {
        Self(rand::random())
    }

    pub fn from_base64(text: &str) -> std::result::Result<Self, KeyError> {
        let bytes = B64.decode(text.trim()).map_err(|_| KeyError)?;
        Ok(Self(bytes.try_into().map_err(|_| KeyError)?))
    }

    pub fn to_base64(&self) -> String {
        B64.encode(self.0)
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(<secret>)")
    }
}

#[derive(Clone)]
pub(crate) struct Crypto {
    cipher: Aes256Gcm,
    index_key: [u8; 32],
    check: String,
}

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Crypto(<keys>)")
    }
}

fn derive(key: &DataKey, info: &[u8]) -> [u8; 32] {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(b"carepath"), &key.0);
    let mut out = [0u8; 32];
    // 32 bytes is far below HKDF-SHA256's limit of 8160, so this cannot fail.
    hk.expand(info, &mut out).unwrap_or_default();
    out
}

impl Crypto {
    pub(crate) fn new(key: &DataKey) -> Self {
        let enc = derive(key, b"nin-encryption-v1");
        let index_key = derive(key, b"nin-index-v1");
        let check = hex::encode(derive(key, b"key-check-v1"));
        Self {
            cipher: Aes256Gcm::new((&enc).into()),
            index_key,
            check,
        }
    }

    pub(crate) fn key_check(&self) -> String {
        self.check.clone()
    }

    /// `v1:` + base64(nonce || ciphertext).
    pub(crate) fn encrypt(&self, plain: &str) -> String {
        let nonce_bytes: [u8; 12] = rand::random();
        let nonce = Nonce::from_slice(&nonce_bytes);
        // Encryption with a valid key and nonce only fails for inputs over 64 GiB.
        let ciphertext = self
            .cipher
            .encrypt(nonce, plain.as_bytes())
            .unwrap_or_default();
        let mut out = nonce_bytes.to_vec();
        out.extend(ciphertext);
        format!("v1:{}", B64.encode(out))
    }

    pub(crate) fn decrypt(&self, stored: &str) -> Result<String> {
        let corrupt = || StoreError::Corrupt("an encrypted value cannot be decrypted".into());
        let data = stored.strip_prefix("v1:").ok_or_else(corrupt)?;
        let bytes = B64.decode(data).map_err(|_| corrupt())?;
        if bytes.len() < 12 {
            return Err(corrupt());
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| corrupt())?;
        String::from_utf8(plain).map_err(|_| corrupt())
    }

    /// The keyed hash used to find a record by a secret value without storing it.
    pub(crate) fn index(&self, plain: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.index_key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(plain.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encryption_round_trips_with_fresh_nonces_and_the_index_is_stable() {
        let c = Crypto::new(&DataKey::generate());
        let a = c.encrypt("01019000083");
        let b = c.encrypt("01019000083");
        assert_ne!(a, b, "a fresh nonce every time");
        assert!(!a.contains("01019000083"));
        assert_eq!(c.decrypt(&a).unwrap(), "01019000083");
        assert_eq!(c.index("01019000083"), c.index("01019000083"));
        let other = Crypto::new(&DataKey::generate());
        assert!(other.decrypt(&a).is_err());
        assert_ne!(other.index("01019000083"), c.index("01019000083"));
    }

    #[test]
    fn keys_parse_from_base64_and_never_show_in_debug() {
        let k = DataKey::generate();
        let parsed = DataKey::from_base64(&k.to_base64()).unwrap();
        assert_eq!(parsed.0, k.0);
        assert!(DataKey::from_base64("c2hvcnQ=").is_err());
        assert_eq!(format!("{k:?}"), "DataKey(<secret>)");
    }
}
