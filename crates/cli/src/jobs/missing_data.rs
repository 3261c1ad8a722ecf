//! Alerts for what did not come in time, every 15 minutes (the rules count in days):
//! measurements not registered (the programs' missing-data rules,
//! `Store::raise_missing_data_alerts`) and patients' messages not answered within the
//! program's working days (`Store::raise_unanswered_alerts`).

use carepath_store::Store;
use chrono::{DateTime, Utc};

use super::Job;

/// Raises an alert for each active patient who has gone too long without a measurement,
/// and for each thread whose patient has waited too long for an answer.
#[derive(Debug, Clone)]
pub struct MissingData {
    pub store: Store,
}

impl Job for MissingData {
    const NAME: &'static str = "missing-data";

    fn every(&self) -> std::time::Duration {
        std::time::Duration::from_secs(15 * 60)
    }

    async fn run(&self, now: DateTime<Utc>) -> anyhow::Result<Vec<(&'static str, u64)>> {
        let raised = self.store.raise_missing_data_alerts(now).await?;
        let unanswered = self.store.raise_unanswered_alerts(now).await?;
        Ok(vec![("raised", raised), ("unanswered", unanswered)])
    }
}
