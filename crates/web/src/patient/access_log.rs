//! "Hvem har sett opplysningene mine": the patient's own view of the access log (Normen,
//! innsyn i logg), in plain language, with each person's name, role and unit.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use carepath_domain::audit::AuditAction;

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::layout::Layout;
use crate::{AppState, Error};

struct Row {
    when: String,
    who: String,
    role: String,
    unit: String,
    what: String,
    reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/access_log.html")]
pub struct AccessLogPage {
    layout: Layout,
    rows: Vec<Row>,
}

/// The key of a role's name in the access log.
fn role_key(role: &str) -> &'static str {
    match role {
        "clinician" => "access-role-clinician",
        "coordinator" => "access-role-coordinator",
        "admin" => "access-role-admin",
        "researcher" => "access-role-researcher",
        "author" => "access-role-author",
        _ => "access-role-other",
    }
}

/// What was done (or tried: `reason` marks a refused attempt), in plain words.
fn what(action: AuditAction, resource_type: &str, reason: Option<&str>) -> String {
    use crate::i18n::{tr, tr_args};
    let refused = reason == Some(carepath_domain::audit::REFUSED_OTHER_UNIT);
    let verb = match action {
        _ if refused => "access-tried",
        AuditAction::Read => "access-read",
        AuditAction::Create => "access-created",
        AuditAction::Update => "access-changed",
    };
    let thing = match resource_type {
        "Patient" => "access-thing-patient",
        "CarePlan" => "access-thing-care-plan",
        "QuestionnaireResponse" => "access-thing-response",
        "ServiceRequest" => "access-thing-referral",
        "EmergencyAccess" => "access-thing-emergency",
        "Bundle" => "access-thing-copy",
        "Observation" => "access-thing-observation",
        "Task" => "access-thing-task",
        "Appointment" => "access-thing-appointment",
        "DocumentReference" => "access-thing-letter",
        _ => "access-thing-other",
    };
    let args = [("verb", tr(verb).into()), ("thing", tr(thing).into())];
    if refused {
        tr_args("access-what-refused", &args)
    } else {
        tr_args("access-what", &args)
    }
}

/// The reason to show beside it: none for a refused attempt (its words say it).
/// The reasons carepath itself writes into the log are worded in the reader's language;
/// a reason a person wrote is shown as written.
pub(crate) fn reason_shown(reason: Option<&str>) -> Option<String> {
    use carepath_app::access::{BOOTSTRAP_REASON, EMERGENCY_REASON, REVIEW_REASON};
    let reason = reason.filter(|r| *r != carepath_domain::audit::REFUSED_OTHER_UNIT)?;
    Some(if reason == REVIEW_REASON {
        crate::i18n::tr("access-reason-review")
    } else if reason == BOOTSTRAP_REASON {
        crate::i18n::tr("access-reason-bootstrap")
    } else if let Some(written) = reason.strip_prefix(EMERGENCY_REASON) {
        crate::i18n::tr_args("access-reason-emergency", &[("reason", written.into())])
    } else {
        reason.to_owned()
    })
}

/// One event in plain words: what was done, and why when a reason was given.
pub(crate) fn describe(e: &carepath_domain::audit::RecordedEvent) -> String {
    let what = what(e.action, &e.resource_type, e.reason.as_deref());
    match reason_shown(e.reason.as_deref()) {
        Some(reason) => format!(
            "{what}. {}",
            crate::i18n::tr_args("access-reason", &[("reason", reason.into())])
        ),
        None => what,
    }
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<AccessLogPage, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let me = ctx.user.account.id.to_string();
    let entries = state.store.patient_access_log(ctx.patient.id, 500).await?;
    let rows = entries
        .into_iter()
        .filter(|e| e.actor != me)
        .map(|e| Row {
            when: crate::layout::when_at(e.recorded_at),
            who: e.actor_name,
            role: crate::i18n::tr(role_key(&e.role)),
            unit: e.unit_name.unwrap_or_default(),
            what: what(e.action, &e.resource_type, e.reason.as_deref()),
            reason: reason_shown(e.reason.as_deref()).unwrap_or_default(),
        })
        .collect();
    Ok(AccessLogPage {
        layout: ctx.layout(),
        rows,
    })
}
