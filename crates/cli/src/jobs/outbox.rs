//! Delivery of the outbox (reminders, escalations) every five seconds, with back-off for
//! what fails (see `delivery.rs`).

use std::sync::Arc;

use carepath_domain::clock::Clock;
use carepath_store::Store;
use chrono::{DateTime, Utc};

use super::{Delivery, Job, deliver_outbox};

/// Sends what waits in the outbox.
#[derive(Debug)]
pub struct Outbox {
    pub store: Store,
    pub delivery: Delivery,
    /// The clock the leases and retry times are read from.
    pub clock: Arc<dyn Clock>,
}

impl Job for Outbox {
    const NAME: &'static str = "outbox";

    fn every(&self) -> std::time::Duration {
        std::time::Duration::from_secs(5)
    }

    async fn run(&self, _now: DateTime<Utc>) -> anyhow::Result<Vec<(&'static str, u64)>> {
        let r = deliver_outbox(&self.store, &self.delivery, self.clock.as_ref()).await?;
        if r.failed > 0 {
            tracing::warn!(
                failed = r.failed,
                "some messages could not be delivered; they are tried again later"
            );
        }
        Ok(vec![("sent", r.sent), ("failed", r.failed)])
    }
}
