//! `GET /fhir/AuditEvent`: the access log for administrators, searchable by patient and
//! time (`patient`, `date` with `ge`/`gt`/`le`/`lt`, `_count`, `_offset`).

use axum::extract::{RawQuery, State};
use carepath_domain::Id;
use carepath_domain::user::Role;
use carepath_fhir::audit_event::audit_event_resource;
use carepath_fhir::outcome::searchset;
use carepath_i18n::Text;
use carepath_store::audit::AuditQuery;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::{Fhir, FhirError};
use crate::AppState;
use crate::auth::CurrentUser;

const MAX_COUNT: i64 = 1000;

/// The start of a day in Norway, as UTC.
pub(crate) fn day_start(day: NaiveDate) -> Option<DateTime<Utc>> {
    chrono_tz::Europe::Oslo
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A `date` value: a day (Norwegian time) or an instant, as the span [start, end).
fn span(value: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if let Ok(day) = value.parse::<NaiveDate>() {
        return Some((day_start(day)?, day_start(day.succ_opt()?)?));
    }
    let t = DateTime::parse_from_rfc3339(value)
        .ok()?
        .with_timezone(&Utc);
    Some((t, t + chrono::Duration::microseconds(1)))
}

fn bad(key: &'static str) -> FhirError {
    FhirError::BadRequest(Text::new(key))
}

fn parse(query: Option<&str>) -> Result<AuditQuery, FhirError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default())
        .map_err(|_| bad("api-query-malformed"))?;
    let mut q = AuditQuery {
        limit: 100,
        ..AuditQuery::default()
    };
    for (name, value) in pairs {
        match name.as_str() {
            "patient" => {
                let id = value.strip_prefix("Patient/").unwrap_or(&value);
                // An id that cannot exist matches nothing rather than everything.
                q.patient = Some(
                    id.parse()
                        .unwrap_or_else(|_| Id::from_uuid(uuid::Uuid::nil())),
                );
            }
            "date" => {
                let (prefix, rest) = match value.get(..2) {
                    Some(p @ ("ge" | "gt" | "le" | "lt" | "eq")) => (p, &value[2..]),
                    _ => ("eq", value.as_str()),
                };
                let (start, end) = span(rest).ok_or_else(|| bad("api-audit-date"))?;
                let (from, until) = match prefix {
                    "ge" => (Some(start), None),
                    "gt" => (Some(end), None),
                    "le" => (None, Some(end)),
                    "lt" => (None, Some(start)),
                    _ => (Some(start), Some(end)),
                };
                if let Some(f) = from {
                    q.from = Some(q.from.map_or(f, |old| old.max(f)));
                }
                if let Some(u) = until {
                    q.until = Some(q.until.map_or(u, |old| old.min(u)));
                }
            }
            "_count" => {
                q.limit = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_COUNT).contains(n))
                    .ok_or_else(|| bad("api-audit-count"))?;
            }
            "_offset" => {
                q.offset = value
                    .parse()
                    .ok()
                    .filter(|n: &i64| *n >= 0)
                    .ok_or_else(|| bad("api-audit-offset"))?;
            }
            other => {
                return Err(FhirError::BadRequest(
                    Text::new("api-search-unsupported")
                        .with("name", other)
                        .with("supported", "patient, date, _count, _offset"),
                ));
            }
        }
    }
    Ok(q)
}

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    RawQuery(query): RawQuery,
) -> Result<Fhir, FhirError> {
    if !user.has(Role::Admin) {
        return Err(FhirError::Forbidden);
    }
    let q = parse(query.as_deref())?;
    let page = state.store.audit_log(&q).await?;
    let shown = q.offset + page.items.len() as i64;
    let next = (shown < page.total && !page.items.is_empty()).then(|| {
        let mut pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query.as_deref().unwrap_or_default()).unwrap_or_default();
        pairs.retain(|(k, _)| k != "_offset");
        pairs.push(("_offset".into(), shown.to_string()));
        format!(
            "/fhir/AuditEvent?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    });
    let self_link = match query.as_deref() {
        Some(q) if !q.is_empty() => format!("/fhir/AuditEvent?{q}"),
        _ => "/fhir/AuditEvent".into(),
    };
    Ok(Fhir(searchset(
        &state.config.public_url,
        &self_link,
        page.items.iter().map(audit_event_resource).collect(),
        page.total,
        next,
    )))
}
