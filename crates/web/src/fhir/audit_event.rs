//! `GET /fhir/AuditEvent`: the access log for administrators, searchable by patient and
//! time (`patient`, `date`), paged as every search.

use axum::extract::State;
use carepath_domain::Id;
use carepath_domain::user::Role;
use carepath_fhir::audit_event::audit_event_resource;
use carepath_fhir::outcome::searchset;
use carepath_store::audit::AuditQuery;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::search::{Params, SearchRequest, SearchSpec, date_range, patient_reference};
use super::{Fhir, FhirError};
use crate::AppState;
use crate::auth::CurrentUser;

/// The start of a day in Norway, as UTC.
pub(crate) fn day_start(day: NaiveDate) -> Option<DateTime<Utc>> {
    chrono_tz::Europe::Oslo
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec::of(&[("patient", "reference"), ("date", "date")]);

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    if !user.has(Role::Admin) {
        return Err(FhirError::Forbidden);
    }
    let params = Params::parse(&query, &SEARCH)?;
    // An id that cannot exist matches nothing rather than everything.
    let patient = params
        .one("patient")?
        .map(|p| patient_reference(p).unwrap_or_else(|| Id::from_uuid(uuid::Uuid::nil())));
    let date = date_range("date", params.all("date"))?;
    let q = AuditQuery {
        patient,
        from: date.from,
        // The log's bound is exclusive, the search's inclusive.
        until: date.until.map(|u| u + chrono::Duration::microseconds(1)),
        except: date.except,
        offset: params.offset,
        limit: params.count,
        ..AuditQuery::default()
    };
    let page = state.store.audit_log(&q).await?;
    let next = params.next_link("AuditEvent", page.items.len() as i64, page.total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &params.self_link("AuditEvent"),
        page.items.iter().map(audit_event_resource).collect(),
        page.total,
        next,
    )))
}
