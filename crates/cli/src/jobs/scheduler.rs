//! The questionnaire scheduler: tasks opened, overdue and closed unanswered, reminders
//! queued in the outbox (`Store::run_scheduler`), and appointments' reminders a day before
//! (`carepath_app::appointment::remind`), and research exports tidied (interrupted ones made
//! again, expired ones deleted), every minute.

use carepath_store::Store;
use chrono::{DateTime, Utc};

use super::Job;

/// Opens, moves on and closes the patients' tasks and queues their reminders.
#[derive(Debug, Clone)]
pub struct Scheduler {
    pub store: Store,
    /// Where the links in reminders point.
    pub public_url: String,
}

impl Job for Scheduler {
    const NAME: &'static str = "scheduler";

    fn every(&self) -> std::time::Duration {
        std::time::Duration::from_secs(60)
    }

    async fn run(&self, now: DateTime<Utc>) -> anyhow::Result<Vec<(&'static str, u64)>> {
        let r = self.store.run_scheduler(now, &self.public_url).await?;
        let appointments =
            carepath_app::appointment::remind(&self.store, now, &self.public_url).await?;
        // Research exports: one a restart interrupted is made again, an expired one deleted.
        let (exports_made, exports_deleted) =
            carepath_app::research::tidy(&self.store, now).await?;
        Ok(vec![
            ("opened", r.opened),
            ("overdue", r.overdue),
            ("expired", r.expired),
            ("reminders", r.reminders),
            ("appointment_reminders", appointments),
            ("exports_made", exports_made),
            ("exports_deleted", exports_deleted),
        ])
    }
}
