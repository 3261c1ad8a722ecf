//! "Timeønsker": the statistics of need-driven follow-up. For each program of the user's
//! units, how many answered yes, no, or nothing to "do you want an appointment?" in a
//! period, as numbers and shares. Counts only: no patient is named, so nothing is added
//! to the access log.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Duration;

use super::Staff;
use crate::auth::CurrentUser;
use crate::layout::{Layout, oslo_today};
use crate::{AppState, Error};

pub(crate) struct Row {
    program: String,
    total: i64,
    /// (count, share in whole per cent) for yes, no and no answer.
    yes: (i64, i64),
    no: (i64, i64),
    none: (i64, i64),
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/statistics.html")]
pub(crate) struct StatisticsPage {
    layout: Layout,
    from: String,
    to: String,
    period: String,
    rows: Vec<Row>,
    error: Option<&'static str>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct PeriodQuery {
    fra: Option<String>,
    til: Option<String>,
}

fn share(part: i64, total: i64) -> i64 {
    if total == 0 {
        0
    } else {
        (part * 100 + total / 2) / total
    }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let today = oslo_today(state.clock.now());
    let parse = |s: &Option<String>| match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => carepath_fhir::date::day(s).map(Some).ok_or(()),
    };
    let (from, to, error) = match (parse(&q.fra), parse(&q.til)) {
        (Ok(f), Ok(t)) => {
            let to = t.unwrap_or(today);
            let from = f.unwrap_or(to - Duration::days(365));
            if from > to {
                (
                    to - Duration::days(365),
                    today,
                    Some("statistics-error-order"),
                )
            } else {
                (from, to, None)
            }
        }
        _ => (
            today - Duration::days(365),
            today,
            Some("statistics-error-format"),
        ),
    };
    let start = carepath_domain::schedule::local_instant(from, chrono::NaiveTime::MIN);
    let end =
        carepath_domain::schedule::local_instant(to + Duration::days(1), chrono::NaiveTime::MIN);
    let units: Vec<_> = staff.units.iter().map(|u| u.id).collect();
    let counts = state
        .store
        .consultation_statistics(&units, start, end)
        .await?;
    let mut rows = Vec::new();
    for c in counts {
        let title = state
            .store
            .program_versions(c.program_id)
            .await?
            .first()
            .map(|v| v.definition.title.get(crate::i18n::current()).to_owned())
            .unwrap_or_default();
        let total = c.yes + c.no + c.none;
        rows.push(Row {
            program: title,
            total,
            yes: (c.yes, share(c.yes, total)),
            no: (c.no, share(c.no, total)),
            none: (c.none, share(c.none, total)),
        });
    }
    let page = StatisticsPage {
        layout: staff.layout(),
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        period: format!(
            "{} – {}",
            crate::layout::date(from),
            crate::layout::date(to)
        ),
        rows,
        error,
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}
