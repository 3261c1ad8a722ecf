//! The one access policy (decision 0027): who is asking ([`Actor`], resolved once per
//! request), how far they reach into one patient's record ([`Reach`]), and the access-log
//! events of what they do. Pages, the FHIR API and the use cases ask it; none decides
//! access by itself.
//!
//! - A patient reaches their own record, all of it.
//! - A care team member reaches a patient their unit has a care relationship with (a
//!   referral, an enrollment, managing the patient): the demographics, and the records
//!   their own units own (decision 0026), never another unit's records of the same patient.
//! - Emergency access, asked for on the pages with a reason, opens every unit's records of
//!   that one patient for reading, for a short time. It belongs to the person in front of
//!   the page: API tokens (systems, integrations) never use it.
//! - Other roles reach no patient.
//!
//! Aggregates (decisions 0037, 0038): a care team member reads the outcome reports of
//! their own units running a program; a researcher reads reports and asks for exports of
//! the programs of an approved project they are a member of, open today, and reads only
//! the exports they asked for.
//!
//! Courses (decisions 0040, 0042) reach no patient: a course owner and a committee member
//! work on the course their grant names, a local organiser on its offerings run by the
//! unit their grant names, and a participant on their own registration, answers and
//! seats. A participant's reflection answers are read by no one else.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent, REFUSED_OTHER_UNIT};
use carepath_domain::course::Course;
use carepath_domain::course::offering::{Offering, OfferingStatus, OfferingStep};
use carepath_domain::emergency::EmergencyAccess;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::program::Program;
use carepath_domain::research::{Export, Project};
use carepath_domain::user::{Role, RoleGrant, UserAccount};
use carepath_store::response::Scope;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeSet, HashMap};

/// Who makes a request: their account, the roles they hold, and the session or API token
/// it came with (as the access log names it).
#[derive(Debug, Clone)]
pub struct Actor {
    pub account: Id<UserAccount>,
    pub roles: Vec<RoleGrant>,
    /// The session's or token's reference, empty when there is none.
    pub session: String,
}

/// How an actor reaches one patient's record.
#[derive(Debug, Clone)]
pub struct Reach {
    pub patient: Id<Patient>,
    /// Why: the patient themselves, or a care relationship of one of the actor's units.
    /// `None` when only emergency access opens it.
    pub by: Option<By>,
    /// The live emergency access opening it, when that is how it is read.
    pub emergency: Option<EmergencyAccess>,
    /// The actor's own care units, whose records they read.
    units: Vec<Id<Unit>>,
}

/// A relationship that lets an actor work with a patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The patient themselves.
    Themselves,
    /// A care team member, in the role they hold in `unit`, which cares for the patient.
    CareTeam { role: Role, unit: Id<Unit> },
}

impl By {
    /// The role and unit the access log names.
    pub fn role_and_unit(self) -> (Role, Option<Id<Unit>>) {
        match self {
            By::Themselves => (Role::Patient, None),
            By::CareTeam { role, unit } => (role, Some(unit)),
        }
    }
}

impl Reach {
    /// Whether a record owned by `owner` (and read by `readers` besides, for a measurement
    /// several units ask for) may be read: all of the patient's own, under emergency
    /// access every unit's, else only what the actor's units own or read.
    pub fn may_read(&self, owner: Option<Id<Unit>>, readers: &[Id<Unit>]) -> bool {
        self.emergency.is_some()
            || self.by == Some(By::Themselves)
            || owner.is_some_and(|o| self.units.contains(&o))
            || readers.iter().any(|r| self.units.contains(r))
    }

    /// The access-log event of reading or changing the patient's `resource_type`
    /// `resource_id`: under emergency access with its reason.
    pub fn event(
        &self,
        actor: &Actor,
        action: AuditAction,
        resource_type: &'static str,
        resource_id: impl ToString,
    ) -> AuditEvent {
        match (&self.emergency, self.by) {
            (Some(access), _) => AuditEvent {
                reason: Some(format!("{}{}", EMERGENCY_REASON, access.reason)),
                ..actor.event(
                    Role::Clinician,
                    access.unit,
                    self.patient,
                    action,
                    resource_type,
                    resource_id,
                )
            },
            (None, Some(by)) => {
                let (role, unit) = by.role_and_unit();
                actor.event(role, unit, self.patient, action, resource_type, resource_id)
            }
            // Not built without one of the two.
            (None, None) => actor.event(
                Role::Clinician,
                None,
                self.patient,
                action,
                resource_type,
                resource_id,
            ),
        }
    }
}

/// How the access log's reason starts for a read under emergency access (stored, in the
/// language of the log; the patient's access-log page words it for the reader).
pub const EMERGENCY_REASON: &str = "Nødtilgang: ";

/// The access log's reason for the first administrator: the command that made them
/// (`carepath admin bootstrap`), stored as a code; the pages word it.
pub const BOOTSTRAP_REASON: &str = "admin-bootstrap";

/// The access log's reason for an administrator's review of emergency access (stored; the
/// patient's access-log page words it for the reader).
pub const REVIEW_REASON: &str = "Gjennomgang av nødtilgang";

impl Actor {
    /// An access-log event of an administrator's change to a staff account (no patient).
    pub fn admin_event(
        &self,
        action: AuditAction,
        resource_type: &'static str,
        resource_id: impl ToString,
    ) -> AuditEvent {
        AuditEvent {
            actor: self.account,
            role: Role::Admin,
            unit: None,
            patient: None,
            action,
            resource_type,
            resource_id: resource_id.to_string(),
            reason: None,
            session: Some(self.session.clone()).filter(|s| !s.is_empty()),
        }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.iter().any(|g| g.role == role)
    }

    pub fn is_patient(&self) -> bool {
        self.has(Role::Patient)
    }

    pub fn is_care_team(&self) -> bool {
        self.roles.iter().any(|g| g.role.is_care_team())
    }

    /// How the actor reaches a patient they register in `unit` within the same
    /// transaction (decision 0066): not stored yet, so no care relationship can be read;
    /// the registering unit manages them, so a member of it reaches them in their role
    /// there. `None` for a unit the actor does not work in.
    pub fn registering(&self, unit: Id<Unit>) -> Option<By> {
        self.works_in(unit).then(|| By::CareTeam {
            role: self.role_in(unit),
            unit,
        })
    }

    /// The care-team role the user holds in `unit` (clinician or coordinator).
    pub fn role_in(&self, unit: Id<Unit>) -> Role {
        self.roles
            .iter()
            .find(|g| g.role.is_care_team() && g.unit_id == Some(unit))
            .map_or(Role::Clinician, |g| g.role)
    }

    /// The units where the user works on patients, sorted.
    pub fn care_units(&self) -> Vec<Id<Unit>> {
        let mut units: Vec<_> = self
            .roles
            .iter()
            .filter(|g| g.role.is_care_team())
            .filter_map(|g| g.unit_id)
            .collect();
        units.sort();
        units.dedup();
        units
    }

    /// The units whose outcome reports of `program` the user reads: their own care units
    /// running it (only `unit` when one is named).
    pub async fn reports_on(
        &self,
        store: &Store,
        program: Id<Program>,
        unit: Option<Id<Unit>>,
    ) -> Result<Vec<Unit>, StoreError> {
        let mut units = Vec::new();
        for u in self.care_units() {
            if unit.is_some_and(|named| named != u) {
                continue;
            }
            if store
                .unit_programs(u)
                .await?
                .iter()
                .any(|v| v.program_id == program)
            {
                units.push(store.unit(u).await?);
            }
        }
        Ok(units)
    }

    /// The research projects the user works in today: approved, open, with them as a
    /// member researcher (none for anyone else).
    pub async fn open_projects(
        &self,
        store: &Store,
        today: NaiveDate,
    ) -> Result<Vec<Project>, StoreError> {
        if !self.has(Role::Researcher) {
            return Ok(Vec::new());
        }
        Ok(store
            .projects_of(self.account)
            .await?
            .into_iter()
            .filter(|p| p.is_open(today))
            .collect())
    }

    /// The open project through which the user, a researcher, reads `program` today.
    pub async fn researches(
        &self,
        store: &Store,
        program: Id<Program>,
        today: NaiveDate,
    ) -> Result<Option<Project>, StoreError> {
        Ok(self
            .open_projects(store, today)
            .await?
            .into_iter()
            .find(|p| p.covers(self.account, program, today)))
    }

    /// Whether the user asked for this export (only they read it).
    pub fn asked_for(&self, export: &Export) -> bool {
        export.requested_by == self.account
    }

    /// Whether the user holds `role` for `course` (owner, committee member, organiser).
    pub fn has_for_course(&self, role: Role, course: Id<Course>) -> bool {
        self.roles
            .iter()
            .any(|g| g.role == role && g.course_id == Some(course))
    }

    /// The units for which the user organises `course`'s offerings.
    pub fn organises(&self, course: Id<Course>) -> Vec<Id<Unit>> {
        self.roles
            .iter()
            .filter(|g| g.role == Role::Organiser && g.course_id == Some(course))
            .filter_map(|g| g.unit_id)
            .collect()
    }

    /// Whether the user holds any role in running `course`.
    pub fn runs_course(&self, course: Id<Course>) -> bool {
        self.has_for_course(Role::CourseOwner, course)
            || self.has_for_course(Role::CourseCommittee, course)
            || !self.organises(course).is_empty()
    }

    /// Whether the user reads every evaluation of `course` (the owner and the
    /// committee); an organiser reads only those of their own units' offerings.
    pub fn reads_all_evaluations(&self, course: Id<Course>) -> bool {
        self.has_for_course(Role::CourseOwner, course)
            || self.has_for_course(Role::CourseCommittee, course)
    }

    /// Whether the user sees `offering`: those running the course see every offering
    /// (an organiser only their own units' before approval), anyone else an approved one.
    pub fn sees_offering(&self, offering: &Offering) -> bool {
        let course = offering.course_id;
        offering.status == OfferingStatus::Approved
            || self.has_for_course(Role::CourseOwner, course)
            || self.has_for_course(Role::CourseCommittee, course)
            || self.organises(course).contains(&offering.unit_id)
    }

    /// Whether the user may take `step` on `offering`: the committee decides, the
    /// organiser of its unit proposes again, the organiser or the owner cancels.
    pub fn may_step(&self, offering: &Offering, step: OfferingStep) -> bool {
        let course = offering.course_id;
        let organiser = self.organises(course).contains(&offering.unit_id);
        match step {
            OfferingStep::Approve | OfferingStep::AskForChanges | OfferingStep::Refuse => {
                self.has_for_course(Role::CourseCommittee, course)
            }
            OfferingStep::Propose => organiser,
            OfferingStep::Cancel => organiser || self.has_for_course(Role::CourseOwner, course),
        }
    }

    /// Whether the user keeps the offering's list of participants and their attendance:
    /// the organiser of its unit, and the course owner.
    pub fn keeps_attendance(&self, offering: &Offering) -> bool {
        self.organises(offering.course_id)
            .contains(&offering.unit_id)
            || self.has_for_course(Role::CourseOwner, offering.course_id)
    }

    /// Whether the actor registers and changes `unit`'s procedures (decision 0052): a
    /// clinician there, who did the procedure; the rest of the care team reads them.
    pub fn registers_procedures(&self, unit: Id<Unit>) -> bool {
        self.works_in(unit) && self.role_in(unit) == Role::Clinician
    }

    pub fn works_in(&self, unit: Id<Unit>) -> bool {
        self.roles
            .iter()
            .any(|g| g.role.is_care_team() && g.unit_id == Some(unit))
    }

    /// An access-log event by this actor, acting in `role` (for `unit`), on `patient`.
    pub fn event(
        &self,
        role: Role,
        unit: Option<Id<Unit>>,
        patient: Id<Patient>,
        action: AuditAction,
        resource_type: &'static str,
        resource_id: impl ToString,
    ) -> AuditEvent {
        AuditEvent {
            actor: self.account,
            role,
            unit,
            patient: Some(patient),
            action,
            resource_type,
            resource_id: resource_id.to_string(),
            reason: None,
            session: Some(self.session.clone()).filter(|s| !s.is_empty()),
        }
    }

    /// An access-log event by this care team member acting for `unit`.
    pub fn event_in(
        &self,
        unit: Id<Unit>,
        patient: Id<Patient>,
        action: AuditAction,
        resource_type: &'static str,
        resource_id: impl ToString,
    ) -> AuditEvent {
        self.event(
            self.role_in(unit),
            Some(unit),
            patient,
            action,
            resource_type,
            resource_id,
        )
    }

    /// How the actor reaches `patient` through a relationship (their own record, or a
    /// care relationship of one of their units); `None` when they do not.
    pub async fn patient(
        &self,
        store: &Store,
        patient: Id<Patient>,
    ) -> Result<Option<Reach>, StoreError> {
        let theirs = if self.is_care_team() {
            store.patient_units(patient).await?
        } else {
            BTreeSet::new()
        };
        self.patient_cared_for(store, patient, &theirs).await
    }

    /// As [`Actor::patient`], with the units that care for `patient` (`theirs`) already
    /// read, together with the record asked for (decision 0059).
    pub async fn patient_cared_for(
        &self,
        store: &Store,
        patient: Id<Patient>,
        theirs: &BTreeSet<Id<Unit>>,
    ) -> Result<Option<Reach>, StoreError> {
        let by = if self.is_care_team() {
            self.roles
                .iter()
                .filter(|g| g.role.is_care_team())
                .find_map(|g| {
                    g.unit_id
                        .filter(|u| theirs.contains(u))
                        .map(|u| (g.role, u))
                })
                .map(|(role, unit)| By::CareTeam { role, unit })
        } else if self.is_patient() {
            self.own_patient(store)
                .await?
                .filter(|me| *me == patient)
                .map(|_| By::Themselves)
        } else {
            None
        };
        Ok(by.map(|by| self.reach(patient, Some(by), None)))
    }

    /// As [`Actor::patient`], and for a care team member also through their live
    /// emergency access to `patient`, which then decides the reading (every unit's
    /// records). For the pages, where a person asked for it.
    pub async fn patient_or_emergency(
        &self,
        store: &Store,
        patient: Id<Patient>,
        now: DateTime<Utc>,
    ) -> Result<Option<Reach>, StoreError> {
        let related = self.patient(store, patient).await?;
        if !self.is_care_team() {
            return Ok(related);
        }
        let Some(access) = store
            .active_emergency_access(self.account, patient, now)
            .await?
        else {
            return Ok(related);
        };
        Ok(Some(self.reach(
            patient,
            related.and_then(|r| r.by),
            Some(access),
        )))
    }

    fn reach(
        &self,
        patient: Id<Patient>,
        by: Option<By>,
        emergency: Option<EmergencyAccess>,
    ) -> Reach {
        Reach {
            patient,
            by,
            emergency,
            units: self.care_units(),
        }
    }

    /// The patient record of a patient's account.
    pub async fn own_patient(&self, store: &Store) -> Result<Option<Id<Patient>>, StoreError> {
        if !self.is_patient() {
            return Ok(None);
        }
        Ok(store.patient_for_user(self.account).await?.map(|p| p.id))
    }

    /// The records a search by the actor may return; `None` for a role that reaches no
    /// patient.
    pub async fn scope(&self, store: &Store) -> Result<Option<Scope>, StoreError> {
        Ok(if self.is_care_team() {
            Some(Scope::Units(self.care_units()))
        } else if self.is_patient() {
            Some(match self.own_patient(store).await? {
                Some(me) => Scope::Patient(me),
                // A patient account without a patient record sees nothing.
                None => Scope::Units(Vec::new()),
            })
        } else {
            None
        })
    }

    /// The access-log events of `entries` read or changed by the actor: one event per
    /// patient, action and resource type, naming every resource of it (space-separated),
    /// each in the role the actor holds in a unit caring for that patient.
    pub async fn events(
        &self,
        store: &Store,
        entries: &[Access],
    ) -> Result<Vec<AuditEvent>, StoreError> {
        let units = if self.is_care_team() {
            let mut ids: Vec<_> = entries.iter().map(|e| e.0).collect();
            ids.sort();
            ids.dedup();
            store.units_of_patients(&ids).await?
        } else {
            HashMap::new()
        };
        // In the order first shown.
        let mut grouped: Vec<Access> = Vec::new();
        for (patient, action, resource_type, resource_id) in entries {
            match grouped
                .iter_mut()
                .find(|g| g.0 == *patient && g.1 == *action && g.2 == *resource_type)
            {
                Some(g) => {
                    g.3.push(' ');
                    g.3.push_str(resource_id);
                }
                None => grouped.push((*patient, *action, resource_type, resource_id.clone())),
            }
        }
        Ok(grouped
            .into_iter()
            .map(|(patient, action, resource_type, resource_id)| {
                let (role, unit) = if self.is_care_team() {
                    let theirs = units.get(&patient);
                    let grant = self.roles.iter().find(|g| {
                        g.role.is_care_team()
                            && g.unit_id
                                .is_some_and(|u| theirs.is_some_and(|t| t.contains(&u)))
                    });
                    (
                        grant.map_or(Role::Clinician, |g| g.role),
                        grant.and_then(|g| g.unit_id),
                    )
                } else {
                    (Role::Patient, None)
                };
                self.event(role, unit, patient, action, resource_type, resource_id)
            })
            .collect())
    }

    /// Records a refused attempt by a care team member to read another unit's record of
    /// `patient`, for the unusual-access report. Best effort: the refusal stands either
    /// way, so a failure to record it is returned for the caller to log, not to answer.
    pub async fn refused(
        &self,
        store: &Store,
        patient: Id<Patient>,
        resource_type: &'static str,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let first = self.care_units().first().copied();
        let event = AuditEvent {
            reason: Some(REFUSED_OTHER_UNIT.into()),
            ..self.event(
                first.map_or(Role::Clinician, |u| self.role_in(u)),
                first,
                patient,
                AuditAction::Read,
                resource_type,
                id,
            )
        };
        store.audit_all(&[event], now).await
    }
}

/// One access to record: whose, what was done, and to which resource.
pub type Access = (Id<Patient>, AuditAction, &'static str, String);

#[cfg(test)]
mod tests {
    use super::*;
    use carepath_domain::user::RoleGrant;

    #[test]
    fn a_patient_being_registered_is_reached_only_through_a_unit_the_actor_works_in() {
        let (mine, theirs) = (Id::new(), Id::new());
        let actor = Actor {
            account: Id::new(),
            roles: vec![RoleGrant {
                role: Role::Coordinator,
                unit_id: Some(mine),
                course_id: None,
            }],
            session: String::new(),
        };
        assert!(matches!(
            actor.registering(mine),
            Some(By::CareTeam { role: Role::Coordinator, unit }) if unit == mine
        ));
        assert!(actor.registering(theirs).is_none());
        let patient = Actor {
            roles: vec![RoleGrant {
                role: Role::Patient,
                unit_id: None,
                course_id: None,
            }],
            ..actor
        };
        assert!(patient.registering(mine).is_none());
    }
}
