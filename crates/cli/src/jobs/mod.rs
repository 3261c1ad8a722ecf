//! Background work, one file per job, each run by `carepath serve` in a task of its own at
//! its own cadence (a slow SMTP server never delays the scheduler, nor the other way
//! round), and once each, in a fixed order, by `carepath admin tick`. Every job is safe on
//! several nodes at once: the store shares the work out through the database (`FOR UPDATE
//! SKIP LOCKED` on PostgreSQL, one writer on SQLite; leases for deliveries).

mod delivery;
mod escalation;
mod letters;
mod missing_data;
mod outbox;
mod scheduler;

use std::future::Future;
use std::sync::Arc;

use carepath_domain::clock::Clock;
use carepath_store::Store;
use chrono::{DateTime, Utc};

pub use delivery::{Delivery, DeliveryReport, deliver_outbox};
pub use escalation::Escalation;
pub use letters::Letters;
pub use missing_data::MissingData;
pub use outbox::Outbox;
pub use scheduler::Scheduler;

/// One kind of background work.
pub trait Job: Send + Sync + 'static {
    /// Its name in the logs.
    const NAME: &'static str;
    /// How long to wait between two passes.
    fn every(&self) -> std::time::Duration;
    /// One pass at `now`: what it did, as named counts (logged when any is not zero;
    /// never patient data).
    fn run(
        &self,
        now: DateTime<Utc>,
    ) -> impl Future<Output = anyhow::Result<Vec<(&'static str, u64)>>> + Send;
}

/// Runs `job` every `job.every()` until the process ends; a failed pass is logged and
/// the job tries again at its next time.
fn spawn<J: Job>(job: J, clock: Arc<dyn Clock>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(job.every());
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match job.run(clock.now()).await {
                Ok(counts) if counts.iter().any(|(_, n)| *n > 0) => {
                    tracing::info!(job = J::NAME, counts = ?counts, "job pass");
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(job = J::NAME, error = %e, "job pass failed; tried again at its next time")
                }
            }
        }
    })
}

/// Starts every job for `carepath serve`.
pub fn spawn_all(
    store: Store,
    clock: Arc<dyn Clock>,
    public_url: String,
    delivery: Delivery,
) -> Vec<tokio::task::JoinHandle<()>> {
    vec![
        spawn(
            Scheduler {
                store: store.clone(),
                public_url: public_url.clone(),
            },
            clock.clone(),
        ),
        spawn(
            MissingData {
                store: store.clone(),
            },
            clock.clone(),
        ),
        spawn(
            Escalation {
                store: store.clone(),
                public_url,
            },
            clock.clone(),
        ),
        spawn(
            Letters {
                store: store.clone(),
            },
            clock.clone(),
        ),
        spawn(
            Outbox {
                store,
                delivery,
                clock: clock.clone(),
            },
            clock,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use carepath_domain::clock::FakeClock;

    use super::*;

    /// A job whose pass never ends (an SMTP server that does not answer).
    struct Stuck;

    impl Job for Stuck {
        const NAME: &'static str = "stuck";
        fn every(&self) -> std::time::Duration {
            std::time::Duration::from_secs(5)
        }
        async fn run(&self, _: DateTime<Utc>) -> anyhow::Result<Vec<(&'static str, u64)>> {
            tokio::time::sleep(std::time::Duration::from_secs(24 * 3600)).await;
            Ok(Vec::new())
        }
    }

    /// A job that counts its passes.
    struct Counting(Arc<AtomicU64>);

    impl Job for Counting {
        const NAME: &'static str = "counting";
        fn every(&self) -> std::time::Duration {
            std::time::Duration::from_secs(60)
        }
        async fn run(&self, _: DateTime<Utc>) -> anyhow::Result<Vec<(&'static str, u64)>> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(vec![("passes", 1)])
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_stuck_job_never_delays_another() {
        let clock: Arc<dyn Clock> = Arc::new(FakeClock::at(
            "2027-01-31T08:00:00+01:00".parse().expect("a time"),
        ));
        let passes = Arc::new(AtomicU64::new(0));
        let stuck = spawn(Stuck, clock.clone());
        let counting = spawn(Counting(passes.clone()), clock);
        // Ten minutes of (paused, auto-advancing) time: the first pass at once, then
        // one a minute.
        tokio::time::sleep(std::time::Duration::from_secs(10 * 60 + 1)).await;
        assert_eq!(passes.load(Ordering::SeqCst), 11);
        stuck.abort();
        counting.abort();
    }
}
