//! The monthly activity report of a unit (decision 0035): its coded work counted per code
//! and person, for the unit's own care team, ready for NPR reporting. It names no patient.

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_store::activity::ActivityCount;
use carepath_store::{Store, StoreError};
use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::access::Actor;

/// A unit's month.
#[derive(Debug, Clone)]
pub struct Report {
    pub unit: Unit,
    /// The month's first day.
    pub month: NaiveDate,
    /// Per code and person, by code then name.
    pub rows: Vec<ActivityCount>,
}

impl Report {
    /// The total of each code, in the rows' order.
    pub fn totals(&self) -> Vec<(String, i64)> {
        let mut totals: Vec<(String, i64)> = Vec::new();
        for r in &self.rows {
            match totals.last_mut() {
                Some((code, n)) if *code == r.code => *n += r.count,
                _ => totals.push((r.code.clone(), r.count)),
            }
        }
        totals
    }
}

/// Why there is no report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Another unit's (or no such unit): not revealed.
    #[error("not the caller's unit")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The report of `unit` for the month of `month` (Europe/Oslo), for a member of its care
/// team.
pub async fn monthly(
    store: &Store,
    actor: &Actor,
    unit: Id<Unit>,
    month: NaiveDate,
) -> Result<Report, ReportError> {
    if !actor.works_in(unit) {
        return Err(ReportError::NotFound);
    }
    let first = month.with_day(1).unwrap_or(month);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    let from = carepath_domain::schedule::local_instant(first, NaiveTime::MIN);
    let until = carepath_domain::schedule::local_instant(next, NaiveTime::MIN);
    let rows = store.activity_counts(unit, from, until).await?;
    Ok(Report {
        unit: store.unit(unit).await?,
        month: first,
        rows,
    })
}
