//! The hospital's units: adding one, with the programs it offers (`carepath admin
//! add-unit`), and the settings an administrator keeps: its contacts (where escalated
//! alerts and message notices go, the number and opening hours patients are told to call,
//! and the HER-id its letters to GPs are sent from).

use carepath_domain::Id;
use carepath_domain::organization::{ContactProblem, Unit, UnitContacts};
use carepath_store::{Store, StoreError};

/// Why a unit's contacts were not saved.
#[derive(Debug, thiserror::Error)]
pub enum ContactsError {
    #[error("a contact is not valid: {0:?}")]
    Invalid(ContactProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The contacts as an administrator typed them, each checked by the domain; an empty field
/// clears it. Nothing is saved when one is refused.
pub async fn set_unit_contacts(
    store: &Store,
    unit: Id<Unit>,
    typed: (&str, &str, &str, &str, &str),
) -> Result<UnitContacts, ContactsError> {
    store.unit(unit).await?;
    let (email, mobile, phone, hours, her_id) = typed;
    let contacts = UnitContacts::from_typed(email, mobile, phone, hours, her_id)
        .map_err(ContactsError::Invalid)?;
    store.set_unit_contacts(unit, &contacts).await?;
    Ok(contacts)
}

// ---------------------------------------------------------------------------------------
// Places running a program (decision 0054).

use carepath_domain::organization::{PlaceDetails, PlaceProblem};
use carepath_domain::program::{Program, ProgramVersion};

/// A unit running a program, as the administrators' page lists it.
#[derive(Debug, Clone)]
pub struct Place {
    pub unit: Unit,
    pub program: ProgramVersion,
    pub how: PlaceDetails,
}

/// Every place running a program (by unit, then program) and every program there is (its
/// latest version), to add a place.
pub async fn places(store: &Store) -> Result<(Vec<Place>, Vec<ProgramVersion>), StoreError> {
    let mut latest: Vec<ProgramVersion> = Vec::new();
    for v in store.all_program_versions().await? {
        match latest.iter_mut().find(|l| l.program_id == v.program_id) {
            Some(l) if l.number < v.number => *l = v,
            Some(_) => {}
            None => latest.push(v),
        }
    }
    latest.sort_by(|a, b| a.definition.key.cmp(&b.definition.key));
    let mut out = Vec::new();
    for (unit, program, how) in store.program_places().await? {
        let Some(v) = latest.iter().find(|v| v.program_id == program) else {
            continue;
        };
        out.push(Place {
            unit: store.unit(unit).await?,
            program: v.clone(),
            how,
        });
    }
    out.sort_by(|a, b| {
        a.unit
            .name
            .cmp(&b.unit.name)
            .then_with(|| a.program.definition.key.cmp(&b.program.definition.key))
    });
    Ok((out, latest))
}

/// Why a place was not saved.
#[derive(Debug, thiserror::Error)]
pub enum PlaceError {
    /// No such unit or program.
    #[error("not found")]
    NotFound,
    #[error("the place is not valid: {0:?}")]
    Invalid(PlaceProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Lets `unit` run `program` as typed (status, start day, contact), or changes how it
/// does; an administrator's change, in the access log as theirs.
pub async fn set_place(
    store: &Store,
    actor: &crate::access::Actor,
    (unit, program): (Id<Unit>, Id<Program>),
    typed: (&str, &str, &str),
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PlaceDetails, PlaceError> {
    let unit = store.unit(unit).await.map_err(|_| PlaceError::NotFound)?;
    if store.program_versions(program).await?.is_empty() {
        return Err(PlaceError::NotFound);
    }
    let (status, started_on, contact) = typed;
    let how = PlaceDetails::from_typed(status, started_on, contact).map_err(PlaceError::Invalid)?;
    store.set_program_place(unit.id, program, &how).await?;
    store
        .audit(
            &actor.admin_event(
                carepath_domain::audit::AuditAction::Update,
                "HealthcareService",
                format!("{}/{program}", unit.id),
            ),
            now,
        )
        .await?;
    Ok(how)
}

/// Why a unit was not added.
#[derive(Debug, thiserror::Error)]
pub enum AddUnitError {
    #[error("a name is empty or longer than 200 characters")]
    Name,
    #[error("the organisation has a unit of that name already")]
    Exists,
    #[error("no program `{0}` is imported")]
    UnknownProgram(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Adds the unit `unit` (a department) to the hospital `organization`, creating the
/// hospital the first time it is named, and lets it offer the imported programs with the
/// keys `programs`. Nothing is added when a name is refused or a program is unknown.
pub async fn add_unit(
    store: &Store,
    organization: &str,
    unit: &str,
    programs: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Unit, AddUnitError> {
    use carepath_domain::organization::{OrganizationKind, UnitKind};
    let (organization, unit) = (organization.trim(), unit.trim());
    let valid = |n: &str| !n.is_empty() && n.chars().count() <= 200;
    if !valid(organization) || !valid(unit) {
        return Err(AddUnitError::Name);
    }
    let mut offered = Vec::with_capacity(programs.len());
    for key in programs {
        let version = store
            .latest_program_version(key)
            .await?
            .ok_or_else(|| AddUnitError::UnknownProgram(key.clone()))?;
        offered.push(version.program_id);
    }
    let org = match store.organization_named(organization).await? {
        Some(id) => id,
        None => {
            store
                .create_organization(organization, OrganizationKind::Hospital, now)
                .await?
                .id
        }
    };
    if store.unit_named(org, unit).await?.is_some() {
        return Err(AddUnitError::Exists);
    }
    let added = store
        .create_unit(org, unit, UnitKind::Department, now)
        .await?;
    for program in offered {
        store.offer_program(added.id, program).await?;
    }
    Ok(added)
}
