//! The clock port: all "now" in carepath comes through it, so schedules and journeys are
//! tested with a fixed or moving fake clock. Times have microsecond precision, the finest
//! both databases store, so a value reads back exactly as it was written.

use std::sync::Mutex;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

/// The source of the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

/// Rounds down to whole microseconds.
pub fn to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(t)
}

/// The real time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        to_micros(Utc::now())
    }
}

/// A clock for tests and `admin tick --now`: shows a set time until moved.
#[derive(Debug)]
pub struct FakeClock(Mutex<DateTime<Utc>>);

impl FakeClock {
    pub fn at(t: DateTime<Utc>) -> Self {
        Self(Mutex::new(to_micros(t)))
    }

    pub fn advance(&self, by: TimeDelta) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fake_clock_moves_only_when_told() {
        let c = FakeClock::at("2027-01-31T08:00:00+01:00".parse().unwrap());
        let a = c.now();
        assert_eq!(c.now(), a);
        c.advance(TimeDelta::days(1));
        assert_eq!(c.now() - a, TimeDelta::days(1));
        assert_eq!(SystemClock.now().timestamp_subsec_nanos() % 1000, 0);
    }
}
