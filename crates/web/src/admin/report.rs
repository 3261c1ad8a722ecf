//! `/admin/uvanlig-tilgang`: the review report of unusual access. Emergency access waiting
//! for review, and everyone who read many different patients within one hour (browsing
//! beyond what care needs is the classic sign of snooping).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};

use crate::auth::CurrentUser;
use crate::layout::Layout;
use crate::{AppState, Error};

/// Patients within one hour that make a line in the report, unless the page asks otherwise.
const DEFAULT_THRESHOLD: i64 = 50;
/// How far back the report looks.
const DAYS: i64 = 30;

struct Line {
    who: String,
    hour: String,
    patients: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/report.html")]
pub(crate) struct ReportPage {
    layout: Layout,
    unreviewed: usize,
    threshold: i64,
    days: i64,
    lines: Vec<Line>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ReportQuery {
    terskel: Option<String>,
}

/// `YYYY-MM-DD HH` in UTC as a date and hour in Norwegian time, in the request's language.
fn hour_shown(hour: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(&format!("{hour}:00"), "%Y-%m-%d %H:%M")
        .map(|t| {
            let t = t.and_utc();
            crate::i18n::tr_args(
                "date-at-time",
                &[
                    ("date", crate::layout::when(t).into()),
                    (
                        "time",
                        t.with_timezone(&chrono_tz::Europe::Oslo)
                            .format("%H:00")
                            .to_string()
                            .into(),
                    ),
                ],
            )
        })
        .unwrap_or_else(|_| hour.to_owned())
}

pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ReportQuery>,
) -> Result<ReportPage, Error> {
    let threshold = match q.terskel.as_deref().filter(|t| !t.is_empty()) {
        None => DEFAULT_THRESHOLD,
        Some(t) => t
            .parse::<i64>()
            .ok()
            .filter(|n| (2..=100_000).contains(n))
            .ok_or_else(|| Error::BadRequest(crate::i18n::tr("admin-threshold-invalid")))?,
    };
    let since = state.clock.now() - chrono::Duration::days(DAYS);
    let lines = state
        .store
        .busy_hours(since, threshold)
        .await?
        .into_iter()
        .map(|b| Line {
            who: b.actor_name,
            hour: hour_shown(&b.hour),
            patients: b.patients,
        })
        .collect();
    let unreviewed = state
        .store
        .emergency_access_review(1, 200)
        .await?
        .items
        .iter()
        .filter(|i| i.reviewed.is_none())
        .count();
    Ok(ReportPage {
        layout: Layout::for_user(&user, state.config.demo_sign_in),
        unreviewed,
        threshold,
        days: DAYS,
        lines,
    })
}
