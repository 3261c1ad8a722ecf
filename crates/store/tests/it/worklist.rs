//! Live worklists on several nodes: on PostgreSQL a change made through one store wakes
//! the worklist signal of another (LISTEN/NOTIFY), not only its own.

use carepath_domain::Id;
use chrono::Utc;

#[tokio::test]
async fn a_change_on_one_node_wakes_the_worklists_of_another() {
    // Two stores on one PostgreSQL database stand for two nodes.
    let (Some(a), Some(b)) = (
        carepath_test_support::postgres().await,
        carepath_test_support::postgres().await,
    ) else {
        assert!(
            std::env::var("CI").is_err(),
            "TEST_DATABASE_URL must be set in CI"
        );
        return;
    };
    let mut changes = b.store.worklist_changes();
    changes.borrow_and_update();
    // The listener connects in the background: signal until it has heard one.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        // A change on node a (acknowledging an alert that is not there still signals).
        a.store
            .acknowledge_alert(
                &Id::<()>::new().to_string(),
                Id::new(),
                "-",
                Utc::now(),
                &[],
                None,
            )
            .await
            .unwrap();
        if tokio::time::timeout(std::time::Duration::from_millis(500), changes.changed())
            .await
            .is_ok()
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "node b never heard of node a's change"
        );
    }
}
