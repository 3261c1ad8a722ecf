//! Starting and changing a patient's enrollment in a program: enrolling (by a care team's
//! page or `POST /fhir/CarePlan`), the patient's steps (terms, screening, optional
//! modules), the clinician's exception decision for a minor, pausing, resuming, finishing
//! and withdrawing. The rule of each step lives in the domain (`Enrollment`); here it is
//! applied and stored with its access-log event in one transaction, the same way for
//! every caller.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::eligibility::ScreeningOutcome;
use carepath_domain::enrollment::{Enrollment, EnrollmentError};
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::program::{Program, ProgramDefinition, ProgramVersion};
use carepath_domain::user::UserAccount;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// Why an enrollment could not be started.
#[derive(Debug, thiserror::Error)]
pub enum EnrollError {
    /// The unit does not offer the program.
    #[error("the unit does not offer this program")]
    NotOffered,
    /// The patient already has an open enrollment in the program.
    #[error("the patient is already enrolled in this program")]
    AlreadyEnrolled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why an enrollment could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// Not a change its present state allows (already paused, already ended, ...): another
    /// tab or a colleague got there first, or the step is not the patient's now.
    #[error("not possible now: {0}")]
    NotNow(#[from] EnrollmentError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One enrollment to start.
#[derive(Debug)]
pub struct Enroll<'a> {
    pub patient: Id<Patient>,
    /// The unit that runs it, and so owns what is recorded under it (decision 0026).
    pub unit: Id<Unit>,
    pub version: &'a ProgramVersion,
    pub by: Option<Id<UserAccount>>,
    /// The access-log event of this request (its action and resource are filled in);
    /// `None` writes none (the demo).
    pub audit: Option<&'a AuditEvent>,
    /// carepath's address, for the invitation sent to the patient; `None` sends none (the
    /// demo, whose made-up patients were enrolled before it starts).
    pub public_url: Option<&'a str>,
}

/// Enrolls the patient at `now`: the unit must offer the program and the patient must not
/// be in it already; the unit's newest referral of the patient to the program is linked.
/// The patient then accepts the terms and is screened.
pub async fn enroll(
    store: &Store,
    request: Enroll<'_>,
    now: DateTime<Utc>,
) -> Result<Enrollment, EnrollError> {
    let program = request.version.program_id;
    if !offers(store, request.unit, program).await? {
        return Err(EnrollError::NotOffered);
    }
    if store.has_open_enrollment(request.patient, program).await? {
        return Err(EnrollError::AlreadyEnrolled);
    }
    let e = Enrollment::new(request.patient, request.unit, request.version.id, now);
    let referral = store
        .latest_referral(request.patient, request.unit, program)
        .await?;
    let events = event_of(request.audit, AuditAction::Create, &e);
    store
        .create_enrollment(&e, referral, request.by, &events)
        .await?;
    // One invitation per enrollment, with how to sign in (content-free, decision 0028).
    if let Some(url) = request.public_url {
        store
            .notify_patient(
                e.patient_id,
                carepath_domain::message::Content::invitation(url),
                &format!("invitation:{}", e.id),
                url,
                now,
            )
            .await?;
    }
    Ok(e)
}

/// Whether `unit` offers `program`.
pub async fn offers(
    store: &Store,
    unit: Id<Unit>,
    program: Id<Program>,
) -> Result<bool, StoreError> {
    Ok(store
        .unit_programs(unit)
        .await?
        .iter()
        .any(|o| o.program_id == program))
}

/// A change to an enrollment.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// The patient accepts the program's terms.
    AcceptTerms,
    /// The patient's screening answers, judged by the program's rules.
    Screening(&'a ScreeningOutcome),
    /// The patient chooses which optional modules to follow.
    ChooseModules(&'a ProgramDefinition, &'a [String]),
    /// A clinician decides on a 16-17-year-old; the patient is told there is news (at
    /// `public_url`), not what it is.
    Exception {
        approve: bool,
        public_url: &'a str,
    },
    /// The care team pauses it: no forms, reminders or alerts until resumed.
    Pause,
    Resume,
    /// The program ends for a patient who has been through it.
    Finish,
    /// Ended before its end, by the patient or the care team; pending forms withdrawn.
    Withdraw,
}

/// Applies `change` to `enrollment` at `now` and stores it (with `audit`, its action and
/// resource filled in), refusing it when someone else changed the enrollment since it was
/// read. Returns the enrollment as stored.
pub async fn change(
    store: &Store,
    enrollment: &Enrollment,
    change: Change<'_>,
    by: Option<Id<UserAccount>>,
    audit: Option<&AuditEvent>,
    now: DateTime<Utc>,
) -> Result<Enrollment, ChangeError> {
    let mut e = enrollment.clone();
    let before = e.version;
    match change {
        Change::AcceptTerms => e.accept_terms(now)?,
        Change::Screening(outcome) => e.record_screening(outcome, now)?,
        Change::ChooseModules(definition, keys) => e.choose_optional_modules(definition, keys)?,
        Change::Exception { approve, .. } => e.decide_exception(approve, now)?,
        Change::Pause => e.pause(now)?,
        Change::Resume => e.resume()?,
        Change::Finish => e.finish()?,
        Change::Withdraw => e.withdraw()?,
    }
    let events = event_of(audit, AuditAction::Update, &e);
    store.save_enrollment(&e, before, by, now, &events).await?;
    if let Change::Exception { public_url, .. } = change {
        store
            .notify_patient(
                e.patient_id,
                carepath_domain::message::Content::news(public_url),
                &format!("decision:{}", e.id),
                public_url,
                now,
            )
            .await?;
    }
    Ok(e)
}

/// `audit` as the event of `action` on the enrollment's CarePlan.
fn event_of(audit: Option<&AuditEvent>, action: AuditAction, e: &Enrollment) -> Vec<AuditEvent> {
    audit
        .map(|a| AuditEvent {
            action,
            resource_type: "CarePlan",
            resource_id: e.id.to_string(),
            patient: Some(e.patient_id),
            ..a.clone()
        })
        .into_iter()
        .collect()
}
