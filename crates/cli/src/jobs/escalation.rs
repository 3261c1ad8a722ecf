//! Escalation of alerts left unacknowledged past their program's time: one message per
//! channel to the unit's alert address through the outbox (`Store::escalate_alerts`),
//! every minute.

use carepath_store::Store;
use chrono::{DateTime, Utc};

use super::Job;

/// Tells a unit's alert address about alerts that have waited too long.
#[derive(Debug, Clone)]
pub struct Escalation {
    pub store: Store,
    /// Where the link to the worklist points.
    pub public_url: String,
}

impl Job for Escalation {
    const NAME: &'static str = "escalation";

    fn every(&self) -> std::time::Duration {
        std::time::Duration::from_secs(60)
    }

    async fn run(&self, now: DateTime<Utc>) -> anyhow::Result<Vec<(&'static str, u64)>> {
        let escalated = self.store.escalate_alerts(now, &self.public_url).await?;
        Ok(vec![("escalated", escalated)])
    }
}
