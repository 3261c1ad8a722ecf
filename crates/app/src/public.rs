//! Public pages (decision 0047): what anyone may read without signing in. The services (the
//! units that run programs) with their programs and contact numbers, one program's page
//! with the places that run it, and its package's public pages. No patient data is here,
//! so nothing is in the access log; a visit only raises the page's count for the day.

use std::collections::BTreeMap;

use carepath_domain::Id;
use carepath_domain::organization::{PlaceDetails, Unit, UnitContacts};
use carepath_domain::program::Program;
use carepath_domain::program::ProgramVersion;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// A unit that runs programs, with the number the public may call.
#[derive(Debug, Clone)]
pub struct Service {
    pub unit: Unit,
    pub phone: Option<String>,
    pub hours: Option<String>,
    /// The latest version of each program it runs (ended ones left out).
    pub programs: Vec<ProgramVersion>,
    /// How it runs each of them: status, start day, contact (decision 0054).
    pub how: BTreeMap<Id<Program>, PlaceDetails>,
}

impl Service {
    /// How it runs `program`.
    pub fn how(&self, program: Id<Program>) -> PlaceDetails {
        self.how.get(&program).cloned().unwrap_or_default()
    }
}

/// Every unit that runs at least one program (planned, running or paused), by name.
pub async fn services(store: &Store) -> Result<Vec<Service>, StoreError> {
    let mut out = Vec::new();
    let places = store.program_places().await?;
    for (unit, UnitContacts { phone, hours, .. }) in store.units_with_contacts().await? {
        let how: BTreeMap<Id<Program>, PlaceDetails> = places
            .iter()
            .filter(|(u, _, _)| *u == unit.id)
            .map(|(_, p, how)| (*p, how.clone()))
            .collect();
        let programs: Vec<ProgramVersion> = store
            .unit_programs(unit.id)
            .await?
            .into_iter()
            .filter(|v| how.get(&v.program_id).is_none_or(|h| h.status.is_public()))
            .collect();
        if !programs.is_empty() {
            out.push(Service {
                unit,
                phone,
                hours,
                programs,
                how,
            });
        }
    }
    out.sort_by(|a, b| a.unit.name.cmp(&b.unit.name));
    Ok(out)
}

/// One program's public page: its latest version and the services that run it.
#[derive(Debug, Clone)]
pub struct ProgramPage {
    pub version: ProgramVersion,
    pub places: Vec<Service>,
}

/// The program `key`'s page, when a unit runs it (a program no one runs has no page).
pub async fn program(store: &Store, key: &str) -> Result<Option<ProgramPage>, StoreError> {
    let places: Vec<Service> = services(store)
        .await?
        .into_iter()
        .filter(|s| s.programs.iter().any(|v| v.definition.key == key))
        .collect();
    let Some(version) = places
        .iter()
        .flat_map(|s| &s.programs)
        .find(|v| v.definition.key == key)
        .cloned()
    else {
        return Ok(None);
    };
    Ok(Some(ProgramPage { version, places }))
}

/// Counts a visit of the public page `path` on the day of `now` (Norwegian time).
pub async fn visit(store: &Store, path: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    store
        .count_visit(path, carepath_domain::schedule::local_date(now))
        .await
}

/// Why an enquiry was not taken.
#[derive(Debug, thiserror::Error)]
pub enum EnquiryError {
    /// No unit runs the program, or the unit named does not.
    #[error("not found")]
    NotFound,
    #[error("the form has problems: {0:?}")]
    Problems(Vec<carepath_domain::enquiry::EnquiryProblem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A health professional's enquiry about program `key` to `unit` (one that runs it; the
/// first by name when none is named), checked; it lands on that unit's worklist.
pub async fn enquire(
    store: &Store,
    key: &str,
    unit: Option<carepath_domain::Id<Unit>>,
    form: &carepath_domain::enquiry::EnquiryForm,
    now: DateTime<Utc>,
) -> Result<carepath_domain::Id<carepath_domain::enquiry::Enquiry>, EnquiryError> {
    let page = program(store, key).await?.ok_or(EnquiryError::NotFound)?;
    let to = match unit {
        None => page.places.first(),
        Some(u) => page.places.iter().find(|s| s.unit.id == u),
    }
    .ok_or(EnquiryError::NotFound)?;
    let checked = carepath_domain::enquiry::check(form).map_err(EnquiryError::Problems)?;
    let id = carepath_domain::Id::new();
    store
        .create_enquiry(id, to.unit.id, key, &checked, now)
        .await?;
    Ok(id)
}
