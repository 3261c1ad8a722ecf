//! The unit's monthly activity report (decision 0035): coded work per code and person,
//! on screen, as CSV and as XLSX with the same counts. Names no patient.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use carepath_app::activity::{Report, ReportError};
use carepath_document::spreadsheet::Cell;
use chrono::{Datelike, NaiveDate};

use super::Staff;
use crate::auth::CurrentUser;
use crate::download::{self, Format};
use crate::i18n::tr;
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(serde::Deserialize, Default)]
pub struct ReportQuery {
    enhet: Option<String>,
    /// `YYYY-MM`.
    maaned: Option<String>,
}

/// One row as shown and exported: code, code system, kind of work, person, count.
pub(crate) struct Row {
    code: String,
    system: String,
    kind: String,
    person: String,
    count: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/activity.html")]
pub(crate) struct ReportPage {
    layout: Layout,
    units: Vec<(String, String, bool)>,
    unit_id: String,
    unit_name: String,
    /// `YYYY-MM`, and the month in words.
    month: String,
    month_name: String,
    rows: Vec<Row>,
    totals: Vec<(String, i64)>,
    query: String,
}

fn kind_key(kind: Option<carepath_domain::activity::ActivityKind>) -> &'static str {
    use carepath_domain::activity::ActivityKind::*;
    match kind {
        Some(MessageAnswer) => "activity-kind-message-answer",
        Some(Video) => "activity-kind-video",
        Some(Group) => "activity-kind-group",
        Some(OnSite) => "activity-kind-on-site",
        Some(Letter) => "activity-kind-letter",
        Some(Assessment) => "activity-kind-assessment",
        None => "activity-kind-other",
    }
}

async fn report(state: &AppState, staff: &Staff, q: &ReportQuery) -> Result<Report, Error> {
    let unit = staff.unit(q.enhet.as_deref())?;
    let today = carepath_domain::schedule::local_date(state.clock.now());
    let month = match q.maaned.as_deref().filter(|m| !m.is_empty()) {
        None => today,
        Some(m) => NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map_err(|_| Error::BadRequest(tr("activity-bad-month")))?,
    };
    carepath_app::activity::monthly(&state.store, &staff.user, unit.id, month)
        .await
        .map_err(|e| match e {
            ReportError::NotFound => Error::NotFound,
            ReportError::Store(e) => e.into(),
        })
}

fn rows(r: &Report) -> Vec<Row> {
    r.rows
        .iter()
        .map(|a| Row {
            code: a.code.clone(),
            system: a.system.clone(),
            kind: tr(kind_key(a.kind)),
            person: a.person_name.clone(),
            count: a.count,
        })
        .collect()
}

fn month_key(r: &Report) -> String {
    format!("{:04}-{:02}", r.month.year(), r.month.month())
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ReportQuery>,
) -> Result<ReportPage, Error> {
    let staff = Staff::load(&state, user).await?;
    let r = report(&state, &staff, &q).await?;
    let month = month_key(&r);
    Ok(ReportPage {
        layout: staff.layout(),
        units: staff
            .units
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone(), u.id == r.unit.id))
            .collect(),
        unit_id: r.unit.id.to_string(),
        unit_name: r.unit.name.clone(),
        month_name: crate::i18n::tr_args(
            "activity-month-name",
            &[
                ("month", i64::from(r.month.month()).into()),
                ("year", i64::from(r.month.year()).into()),
            ],
        ),
        query: format!("enhet={}&maaned={month}", r.unit.id),
        month,
        rows: rows(&r),
        totals: r.totals(),
    })
}

fn header() -> Vec<String> {
    [
        "activity-col-month",
        "activity-col-unit",
        "activity-col-code",
        "activity-col-system",
        "activity-col-kind",
        "activity-col-person",
        "activity-col-count",
    ]
    .into_iter()
    .map(tr)
    .collect()
}

fn table(r: &Report) -> Vec<Vec<Cell>> {
    let month = month_key(r);
    rows(r)
        .into_iter()
        .map(|row| {
            vec![
                Cell::Text(month.clone()),
                Cell::Text(r.unit.name.clone()),
                Cell::Text(row.code),
                Cell::Text(row.system),
                Cell::Text(row.kind),
                Cell::Text(row.person),
                #[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
                Cell::Number(row.count as f64),
            ]
        })
        .collect()
}

async fn file(
    state: AppState,
    user: CurrentUser,
    q: ReportQuery,
    format: Format,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let r = report(&state, &staff, &q).await?;
    let stem = format!("{}-{}", tr("activity-file-name"), month_key(&r));
    download::table(format, &tr("activity-title"), &header(), &table(&r), &stem)
}

pub async fn csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ReportQuery>,
) -> Result<Response, Error> {
    file(state, user, q, Format::Csv).await
}

pub async fn xlsx_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ReportQuery>,
) -> Result<Response, Error> {
    file(state, user, q, Format::Xlsx).await
}
