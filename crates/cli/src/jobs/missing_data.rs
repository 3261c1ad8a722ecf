//! Alerts for measurements not registered in time (the programs' missing-data rules,
//! `Store::raise_missing_data_alerts`), every 15 minutes: the rules count in days.

use carepath_store::Store;
use chrono::{DateTime, Utc};

use super::Job;

/// Raises an alert for each active patient who has gone too long without a measurement.
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
        Ok(vec![("raised", raised)])
    }
}
