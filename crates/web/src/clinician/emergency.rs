//! Asking for emergency access ("nødtilgang") to a patient outside the user's units: the
//! whole national identity number and a written reason. The grant is logged with the
//! reason, the patient can see it, and an administrator reviews it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::NationalIdNumber;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::emergency::{self, EmergencyAccess, ReasonError};
use carepath_domain::user::Role;

use super::Staff;
use super::referral::nin_message;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};
use carepath_app::access::EMERGENCY_REASON;

#[derive(Template, WebTemplate)]
#[template(path = "clinician/emergency.html")]
pub(crate) struct EmergencyPage {
    layout: Layout,
    nin: String,
    reason: String,
    errors: Vec<(&'static str, String)>,
    min_chars: usize,
}

impl EmergencyPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn page(
    staff: &Staff,
    nin: String,
    reason: String,
    errors: Vec<(&'static str, String)>,
) -> EmergencyPage {
    EmergencyPage {
        layout: staff.layout(),
        nin,
        reason,
        errors,
        min_chars: emergency::MIN_REASON_CHARS,
    }
}

pub(crate) async fn form(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<EmergencyPage, Error> {
    let staff = Staff::load(&state, user).await?;
    Ok(page(&staff, String::new(), String::new(), Vec::new()))
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let nin_text = form
        .get("fodselsnummer")
        .unwrap_or_default()
        .trim()
        .to_owned();
    let reason_text = form.get("begrunnelse").unwrap_or_default().to_owned();
    let mut errors = Vec::new();
    let nin = match NationalIdNumber::parse(&nin_text) {
        Ok(n) => Some(n),
        Err(e) => {
            errors.push(("fodselsnummer", nin_message(&e)));
            None
        }
    };
    let reason = match emergency::reason(&reason_text) {
        Ok(r) => Some(r),
        Err(ReasonError::TooShort) => {
            errors.push((
                "begrunnelse",
                crate::i18n::tr_args(
                    "emergency-reason-short",
                    &[("min", emergency::MIN_REASON_CHARS.into())],
                ),
            ));
            None
        }
        Err(ReasonError::TooLong) => {
            errors.push((
                "begrunnelse",
                crate::i18n::tr_args(
                    "emergency-reason-long",
                    &[("max", emergency::MAX_REASON_CHARS.into())],
                ),
            ));
            None
        }
    };
    let (Some(nin), Some(reason)) = (nin, reason) else {
        let page = page(&staff, nin_text, reason_text, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let Some(patient) = state.store.patient_by_nin(&nin).await? else {
        let errors = vec![("fodselsnummer", crate::i18n::tr("emergency-no-patient"))];
        let page = page(&staff, nin_text, reason_text, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let target = format!("/klinikk/pasient/{}", patient.id);
    // Every record of the patient is the user's units' own: no emergency access needed.
    // A referral or enrollment in the user's unit does not open another unit's records
    // (decision 0026), so then access is still granted and logged.
    let cared_for = state.store.patient_units(patient.id).await?;
    let kept_by = state.store.record_units(patient.id).await?;
    if cared_for.iter().any(|u| staff.user.works_in(*u))
        && kept_by.iter().all(|u| staff.user.works_in(*u))
    {
        return Ok(Redirect::to(&target).into_response());
    }
    let access = EmergencyAccess::grant(
        staff.user.account.id,
        staff.units.first().map(|u| u.id),
        patient.id,
        reason,
        state.clock.now(),
    );
    let event = AuditEvent {
        reason: Some(format!("{EMERGENCY_REASON}{}", access.reason)),
        ..staff.user.event(
            Role::Clinician,
            access.unit,
            patient.id,
            AuditAction::Create,
            "EmergencyAccess",
            access.id,
        )
    };
    state
        .store
        .grant_emergency_access(&access, &[event])
        .await?;
    Ok(Redirect::to(&target).into_response())
}
