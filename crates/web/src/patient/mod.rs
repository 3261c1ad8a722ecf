//! The patient's pages: the journey from treatment terms and screening through the
//! baseline questionnaire to the modules.

pub(crate) mod access_log;
pub(crate) mod appointments;
pub(crate) mod consent;
pub(crate) mod journey;
pub(crate) mod measurements;
pub(crate) mod messages;
pub(crate) mod modules;
pub(crate) mod own_data;
pub(crate) mod questionnaire;

use carepath_domain::audit::AuditAction;
use carepath_domain::enrollment::{Enrollment, PatientStep};
use carepath_domain::patient::Patient;
use carepath_domain::program::ProgramVersion;
use carepath_domain::user::Role;

use crate::auth::CurrentUser;
use crate::layout::Layout;
use crate::{AppState, Error};

/// Whether the patient has answered the program's gate questionnaire (the baseline), or
/// it has none.
async fn gate_answered(
    state: &AppState,
    e: &Enrollment,
    version: &ProgramVersion,
) -> Result<bool, Error> {
    Ok(match version.definition.gate_questionnaire() {
        None => true,
        Some(gate) => state
            .store
            .latest_response(e.id, &gate.questionnaire)
            .await?
            .is_some(),
    })
}

/// The page where a program runs for the patient: the modules, or the measurements.
pub(crate) fn program_start(def: &carepath_domain::program::ProgramDefinition) -> &'static str {
    match def.start {
        carepath_domain::program::StartPage::Modules => "/pasient/moduler",
        carepath_domain::program::StartPage::Measurements => "/pasient/maalinger",
    }
}

/// Where a patient account lands after signing in: straight to where their program runs
/// when it does, else their start page (terms, screening, the baseline, a notice), so no
/// chain of redirects follows a sign-in.
pub(crate) async fn landing(
    state: &AppState,
    account: carepath_domain::Id<carepath_domain::user::UserAccount>,
) -> Result<&'static str, Error> {
    let Some(patient) = state.store.patient_for_user(account).await? else {
        return Ok("/pasient");
    };
    let Some(e) = state
        .store
        .patient_enrollments(patient.id)
        .await?
        .into_iter()
        .next()
    else {
        return Ok("/pasient");
    };
    let version = state.store.program_version(e.program_version_id).await?;
    let gate = gate_answered(state, &e, &version).await?;
    Ok(home(Some((&e, &version)), gate))
}

/// A patient's home: where their program runs once they are in it, else `/pasient` (terms,
/// screening, the baseline, a notice). Links to "Min side" point here, never through a
/// redirect.
fn home(enrollment: Option<(&Enrollment, &ProgramVersion)>, gate_answered: bool) -> &'static str {
    match enrollment {
        Some((e, v)) if e.next_step(gate_answered) == PatientStep::Modules => {
            program_start(&v.definition)
        }
        _ => "/pasient",
    }
}

/// The signed-in patient with their current enrollment and its program version.
pub(crate) struct PatientContext {
    pub user: CurrentUser,
    pub patient: Patient,
    pub enrollment: Option<(Enrollment, ProgramVersion)>,
    pub gate_answered: bool,
    pub demo: bool,
    /// The care team's messages the patient has not read, when their program has
    /// messages (`None`: no messages, no link).
    pub unread: Option<i64>,
}

impl PatientContext {
    /// Whom to call and when, where advice says to call: "Ring Senter for
    /// hjemmeoppfølging på +4722000000 (hverdager 08.00–15.30)." `None` when the unit has
    /// set no number.
    pub async fn call_unit(&self, state: &AppState) -> Result<Option<String>, Error> {
        let Some((e, _)) = &self.enrollment else {
            return Ok(None);
        };
        let contacts = state.store.unit_contacts(e.unit_id).await?;
        let (Some(phone), hours) = (contacts.phone, contacts.hours) else {
            return Ok(None);
        };
        let unit = state.store.unit(e.unit_id).await?.name;
        Ok(Some(match hours {
            Some(hours) => crate::i18n::tr_args(
                "call-unit-hours",
                &[
                    ("unit", unit.into()),
                    ("phone", phone.into()),
                    ("hours", hours.into()),
                ],
            ),
            None => crate::i18n::tr_args(
                "call-unit",
                &[("unit", unit.into()), ("phone", phone.into())],
            ),
        }))
    }

    pub async fn load(state: &AppState, user: CurrentUser) -> Result<Self, Error> {
        if !user.is_patient() {
            return Err(Error::Forbidden);
        }
        let patient = state
            .store
            .patient_for_user(user.account.id)
            .await?
            .ok_or(Error::Forbidden)?;
        let enrollment = state
            .store
            .patient_enrollments(patient.id)
            .await?
            .into_iter()
            .next();
        let (enrollment, gate_answered) = match enrollment {
            None => (None, false),
            Some(e) => {
                let version = state.store.program_version(e.program_version_id).await?;
                let gate_answered = gate_answered(state, &e, &version).await?;
                (Some((e, version)), gate_answered)
            }
        };
        let unread = match &enrollment {
            Some((_, v)) if v.definition.messaging.team_may_write() => {
                Some(state.store.unread_by_patient(patient.id).await?)
            }
            _ => None,
        };
        let ctx = Self {
            user,
            patient,
            enrollment,
            gate_answered,
            demo: state.config.demo_sign_in,
            unread,
        };
        crate::audit::record(state, &[ctx.event(AuditAction::Read)]).await?;
        Ok(ctx)
    }

    /// The access-log event of the patient's own `action` on their treatment record;
    /// writes hand it to the store, which commits it with the change.
    pub fn event(&self, action: AuditAction) -> carepath_domain::audit::AuditEvent {
        match &self.enrollment {
            Some((e, _)) => self.event_on(action, "CarePlan", e.id),
            None => self.event_on(action, "Patient", self.patient.id),
        }
    }

    /// The access-log event of the patient's own `action` on any of their resources.
    pub fn event_on(
        &self,
        action: AuditAction,
        resource_type: &'static str,
        resource_id: impl ToString,
    ) -> carepath_domain::audit::AuditEvent {
        self.user.event(
            Role::Patient,
            None,
            self.patient.id,
            action,
            resource_type,
            resource_id,
        )
    }

    /// Applies the patient's own `change` to their enrollment `e`.
    pub async fn change(
        &self,
        state: &AppState,
        e: &Enrollment,
        change: carepath_app::enrollment::Change<'_>,
    ) -> Result<Enrollment, carepath_app::enrollment::ChangeError> {
        let audit = self.event_on(AuditAction::Update, "CarePlan", e.id);
        carepath_app::enrollment::change(
            &state.store,
            e,
            change,
            Some(self.user.account.id),
            Some(&audit),
            state.clock.now(),
        )
        .await
    }

    /// How the patient reaches their own record, as the access policy says.
    pub async fn reach(&self, state: &AppState) -> Result<carepath_app::access::Reach, Error> {
        self.user
            .patient(&state.store, self.patient.id)
            .await?
            .ok_or(Error::Forbidden)
    }

    pub fn layout(&self) -> Layout {
        Layout {
            messages: self.unread,
            home: home(
                self.enrollment.as_ref().map(|(e, v)| (e, v)),
                self.gate_answered,
            ),
            ..Layout::for_user(&self.user, self.demo)
        }
    }

    /// The enrollment when the patient's next step is `step`; `None` sends them home.
    pub fn at_step(
        &self,
        step: PatientStep,
    ) -> Result<Option<(&Enrollment, &ProgramVersion)>, Error> {
        let (e, v) = self.require_enrollment()?;
        Ok((e.next_step(self.gate_answered) == step).then_some((e, v)))
    }

    /// The enrollment, or a 404 page when the patient has none.
    pub fn require_enrollment(&self) -> Result<(&Enrollment, &ProgramVersion), Error> {
        self.enrollment
            .as_ref()
            .map(|(e, v)| (e, v))
            .ok_or(Error::NotFound)
    }
}
