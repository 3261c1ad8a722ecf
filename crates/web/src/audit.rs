//! Recording access to patient data from the pages: every page that shows or changes a
//! patient's data writes an access-log event before it answers.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::user::Role;

use crate::auth::CurrentUser;
use crate::{AppState, Error};

/// An event by `user` acting in `role` (for `unit`) on `patient`'s resource.
pub(crate) fn event(
    user: &CurrentUser,
    role: Role,
    unit: Option<Id<Unit>>,
    patient: Id<Patient>,
    action: AuditAction,
    resource_type: &'static str,
    resource_id: impl ToString,
) -> AuditEvent {
    AuditEvent {
        actor: user.account.id,
        role,
        unit,
        patient: Some(patient),
        action,
        resource_type,
        resource_id: resource_id.to_string(),
        reason: None,
        session: Some(user.session_ref.clone()).filter(|s| !s.is_empty()),
    }
}

/// Records events in one transaction; a failure stops the request, so nothing is shown
/// or changed without its record.
pub(crate) async fn record(state: &AppState, events: &[AuditEvent]) -> Result<(), Error> {
    state.store.audit_all(events, state.clock.now()).await?;
    Ok(())
}
