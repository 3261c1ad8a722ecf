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
    role: &'static str,
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

fn role_nb(role: &str) -> &'static str {
    match role {
        "clinician" => "behandler",
        "coordinator" => "koordinator",
        "admin" => "administrator",
        "researcher" => "forsker",
        "author" => "innholdsforfatter",
        _ => "annen rolle",
    }
}

/// What was done (or tried: `reason` marks a refused attempt), in plain words.
fn what_nb(action: AuditAction, resource_type: &str, reason: Option<&str>) -> String {
    let refused = reason == Some(carepath_domain::audit::REFUSED_OTHER_UNIT);
    let verb = match action {
        _ if refused => "Prøvde å åpne",
        AuditAction::Read => "Så på",
        AuditAction::Create => "Registrerte",
        AuditAction::Update => "Endret",
    };
    let thing = match resource_type {
        "Patient" => "opplysningene om deg",
        "CarePlan" => "behandlingsforløpet ditt",
        "QuestionnaireResponse" => "svarene dine på et skjema",
        "ServiceRequest" => "henvisningen din",
        "EmergencyAccess" => "nødtilgang til opplysningene dine",
        "Bundle" => "en kopi av alle opplysningene dine",
        "Observation" => "en måling eller skår",
        "Task" => "oppgavene dine",
        _ => "opplysninger om deg",
    };
    if refused {
        format!("{verb} {thing}, men fikk ikke: de hører til en annen enhet")
    } else {
        format!("{verb} {thing}")
    }
}

/// The reason to show beside it: none for a refused attempt (its words say it).
fn reason_nb(reason: Option<&str>) -> Option<&str> {
    reason.filter(|r| *r != carepath_domain::audit::REFUSED_OTHER_UNIT)
}

/// One event in plain words: what was done, and why when a reason was given.
pub(crate) fn describe(e: &carepath_domain::audit::RecordedEvent) -> String {
    let what = what_nb(e.action, &e.resource_type, e.reason.as_deref());
    match reason_nb(e.reason.as_deref()) {
        Some(reason) => format!("{what}. Begrunnelse: {reason}"),
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
            when: format!(
                "{} kl. {}",
                crate::layout::when_nb(e.recorded_at),
                e.recorded_at
                    .with_timezone(&chrono_tz::Europe::Oslo)
                    .format("%H:%M")
            ),
            who: e.actor_name,
            role: role_nb(&e.role),
            unit: e.unit_name.unwrap_or_default(),
            what: what_nb(e.action, &e.resource_type, e.reason.as_deref()),
            reason: reason_nb(e.reason.as_deref())
                .unwrap_or_default()
                .to_owned(),
        })
        .collect();
    Ok(AccessLogPage {
        layout: ctx.layout(),
        rows,
    })
}
