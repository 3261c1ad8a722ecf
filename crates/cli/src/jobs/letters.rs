//! Letters to GPs, every 30 seconds: the drafts of letter points that passed unanswered
//! (`carepath_app::letter::drafts_after_closing`), and the signed letters set as a PDF
//! and a Hodemelding and put in the outbox (`carepath_app::letter::render_signed`), away
//! from the request that signed them (decision 0034).

use carepath_store::Store;
use chrono::{DateTime, Utc};

use super::Job;

/// Sets signed letters and queues them for delivery.
#[derive(Debug, Clone)]
pub struct Letters {
    pub store: Store,
}

impl Job for Letters {
    const NAME: &'static str = "letters";

    fn every(&self) -> std::time::Duration {
        std::time::Duration::from_secs(30)
    }

    async fn run(&self, now: DateTime<Utc>) -> anyhow::Result<Vec<(&'static str, u64)>> {
        let drafted = carepath_app::letter::drafts_after_closing(&self.store, now).await?;
        let set = carepath_app::letter::render_signed(&self.store, now).await?;
        Ok(vec![("drafted", drafted), ("set", set)])
    }
}
