//! Recording access to patient data from the pages: every page that shows or changes a
//! patient's data writes an access-log event before it answers.

use carepath_domain::audit::AuditEvent;

use crate::{AppState, Error};

/// Records events in one transaction; a failure stops the request, so nothing is shown
/// or changed without its record.
pub(crate) async fn record(state: &AppState, events: &[AuditEvent]) -> Result<(), Error> {
    state.store.audit_all(events, state.clock.now()).await?;
    Ok(())
}
