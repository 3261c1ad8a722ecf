//! Pending OpenID sign-ins: taken once, only at the provider that started them, and not
//! after they expire.

use carepath_store::oidc::PendingLogin;
use carepath_test_support::each_backend;
use chrono::{Duration, Utc};

fn login() -> PendingLogin {
    PendingLogin {
        participant: false,
        nonce: "n-123".into(),
        pkce_verifier: "v-456".into(),
    }
}

#[tokio::test]
async fn a_pending_sign_in_is_taken_once_and_only_at_its_own_provider() {
    for db in each_backend().await {
        let store = &db.store;
        let now = Utc::now();
        let ttl = Duration::minutes(10);
        store
            .start_oidc_login("state-1", "idporten", &login(), now, ttl)
            .await
            .unwrap();
        assert_eq!(
            store
                .take_oidc_login("state-1", "helseid", now)
                .await
                .unwrap(),
            None,
            "{}: another provider's answer",
            db.label
        );
        store
            .start_oidc_login("state-2", "idporten", &login(), now, ttl)
            .await
            .unwrap();
        assert_eq!(
            store
                .take_oidc_login("state-2", "idporten", now)
                .await
                .unwrap(),
            Some(login())
        );
        assert_eq!(
            store
                .take_oidc_login("state-2", "idporten", now)
                .await
                .unwrap(),
            None,
            "a replayed state finds nothing"
        );
        store
            .start_oidc_login("state-3", "idporten", &login(), now, ttl)
            .await
            .unwrap();
        assert_eq!(
            store
                .take_oidc_login("state-3", "idporten", now + ttl + Duration::seconds(1))
                .await
                .unwrap(),
            None,
            "expired"
        );
        let stored = store
            .dump_for_tests("SELECT state_hash FROM oidc_logins")
            .await
            .unwrap();
        assert!(!stored.contains("state-"), "only hashes of states are kept");
    }
}
