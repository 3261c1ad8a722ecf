//! Dissemination statistics on the care team's pages (issue 18, decision 0049):
//! `/rapporter/spredning` for one of the reader's units, the same figures as CSV and XLSX.
//! The use case is `carepath_app::dissemination`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use carepath_app::dissemination::{Statistics, StatisticsError};
use carepath_document::spreadsheet::Cell;
use carepath_domain::outcome::may_show;

use crate::auth::CurrentUser;
use crate::download::{self, Format};
use crate::i18n::tr;
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(serde::Deserialize, Default)]
pub struct StatisticsQuery {
    enhet: Option<String>,
}

/// One figure: its section, what, the year (or "every year", "now"), and the count
/// (`None`: hidden) or share.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    section: String,
    item: String,
    year: String,
    count: Option<u64>,
    share: Option<f64>,
}

impl Figure {
    fn text(&self) -> String {
        match (self.share, self.count) {
            (Some(s), _) => crate::report::pct(s),
            (None, Some(c)) => c.to_string(),
            (None, None) => tr("report-hidden"),
        }
    }
}

fn person_count(n: u64) -> Option<u64> {
    may_show(n).then_some(n)
}

/// A public page's name for a reader: the front page, a program's title, or a program
/// page's title (in the reader's language), not its address.
pub(crate) fn page_name(s: &Statistics, path: &str) -> String {
    carepath_app::dissemination::page_title(s, path, crate::i18n::current())
        .unwrap_or_else(|| tr("public-front-title"))
}

/// Every figure, in the page's order.
fn figures(s: &Statistics) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut push = |section: &str, item: String, year: String, count, share| {
        out.push(Figure {
            section: tr(section),
            item,
            year,
            count,
            share,
        });
    };
    for y in &s.years {
        let year = y.year.to_string();
        for (key, n) in [
            ("spread-referrals", y.referrals),
            ("spread-started", y.started),
            ("spread-enquiries", y.enquiries),
            ("spread-course-participants", y.course_participants),
        ] {
            push(
                "spread-section-years",
                tr(key),
                year.clone(),
                person_count(n),
                None,
            );
        }
        let gp = y.gp_share();
        push(
            "spread-section-years",
            tr("report-gp-share"),
            year.clone(),
            None,
            gp.may_show().then(|| gp.ratio()).flatten(),
        );
        // Visits are not people: every count is shown.
        push(
            "spread-section-years",
            tr("spread-visits"),
            year,
            Some(y.visits),
            None,
        );
    }
    let source = |k: &str| match carepath_domain::referral::ReferralSource::parse(k) {
        Some(s) => tr(crate::i18n::source_key(s)),
        None => k.to_owned(),
    };
    let heard = |k: &str| match carepath_domain::referral::HeardAbout::ALL
        .into_iter()
        .find(|h| h.as_str() == k)
    {
        Some(h) => tr(crate::i18n::heard_key(h)),
        None => k.to_owned(),
    };
    for (section, list, name) in [
        (
            "report-section-sources",
            &s.sources,
            &source as &dyn Fn(&str) -> String,
        ),
        ("report-section-heard", &s.heard_about, &heard),
        ("spread-section-professions", &s.professions, &|k: &str| {
            carepath_domain::course::participation::Profession::parse(k)
                .map_or_else(|| k.to_owned(), |p| tr(crate::course::profession_key(p)))
        }),
        ("spread-section-regions", &s.regions, &|k: &str| {
            carepath_domain::region::Region::parse(k)
                .map_or_else(|| k.to_owned(), crate::course::region_name)
        }),
    ] {
        for (k, c) in list {
            push(section, name(k), tr("spread-all-years"), *c, None);
        }
    }
    // Referrals and the GP share per referring region (decision 0053).
    let region_name = |code: &str| {
        carepath_domain::region::Region::parse(code)
            .map_or_else(|| tr("spread-region-unknown"), crate::course::region_name)
    };
    for r in &s.referral_regions {
        push(
            "spread-section-referral-regions",
            region_name(&r.region),
            tr("spread-all-years"),
            r.referrals,
            None,
        );
    }
    for r in &s.referral_regions {
        push(
            "spread-section-gp-share-regions",
            region_name(&r.region),
            tr("spread-all-years"),
            None,
            r.gp_share,
        );
    }
    for (path, n) in &s.most_read {
        push(
            "spread-section-most-read",
            page_name(s, path),
            tr("spread-all-years"),
            Some(*n),
            None,
        );
    }
    for (program, n) in &s.places {
        push(
            "spread-section-places",
            program.clone(),
            tr("spread-now"),
            Some(*n),
            None,
        );
    }
    out
}

#[derive(Template, WebTemplate)]
#[template(path = "report/dissemination.html")]
pub(crate) struct StatisticsPage {
    layout: Layout,
    units: Vec<(String, String, bool)>,
    unit_id: String,
    unit_name: String,
    sections: Vec<(String, Vec<Figure>)>,
}

/// The unit asked for (the reader's first care unit when none), and the reader's units to
/// choose from: (id, name, chosen).
async fn chosen_unit(
    state: &AppState,
    user: &CurrentUser,
    asked: Option<&str>,
) -> Result<
    (
        carepath_domain::Id<carepath_domain::organization::Unit>,
        Vec<(String, String, bool)>,
    ),
    Error,
> {
    let mine = user.care_units();
    let chosen = match asked.filter(|s| !s.is_empty()) {
        None => *mine.first().ok_or(Error::Forbidden)?,
        Some(u) => u.parse().map_err(|_| Error::NotFound)?,
    };
    let mut units = Vec::new();
    for id in mine {
        let u = state.store.unit(id).await?;
        units.push((u.id.to_string(), u.name, u.id == chosen));
    }
    Ok((chosen, units))
}

/// Another unit's figures are not found.
fn refused(e: StatisticsError) -> Error {
    match e {
        StatisticsError::Forbidden => Error::NotFound,
        StatisticsError::Store(e) => e.into(),
    }
}

async fn statistics(
    state: &AppState,
    user: &CurrentUser,
    q: &StatisticsQuery,
) -> Result<(Statistics, Vec<(String, String, bool)>), Error> {
    let (chosen, units) = chosen_unit(state, user, q.enhet.as_deref()).await?;
    let s = carepath_app::dissemination::statistics(
        &state.store,
        &user.actor,
        chosen,
        state.clock.now(),
    )
    .await
    .map_err(refused)?;
    Ok((s, units))
}

pub async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<StatisticsQuery>,
) -> Result<StatisticsPage, Error> {
    let (s, units) = statistics(&state, &user, &q).await?;
    let all = figures(&s);
    let mut sections: Vec<(String, Vec<Figure>)> = Vec::new();
    for f in all {
        match sections.last_mut() {
            Some((title, list)) if *title == f.section => list.push(f),
            _ => sections.push((f.section.clone(), vec![f])),
        }
    }
    Ok(StatisticsPage {
        layout: Layout::for_user(&user, state.config.demo_sign_in),
        units,
        unit_id: s.unit.id.to_string(),
        unit_name: s.unit.name.clone(),
        sections,
    })
}

async fn file(
    state: AppState,
    user: CurrentUser,
    q: StatisticsQuery,
    format: Format,
) -> Result<Response, Error> {
    let (s, _) = statistics(&state, &user, &q).await?;
    let header: Vec<String> = [
        "report-col-section",
        "report-col-item",
        "report-col-time",
        "report-col-value",
        "report-col-share",
    ]
    .into_iter()
    .map(tr)
    .collect();
    let rows: Vec<Vec<Cell>> = figures(&s)
        .into_iter()
        .map(|f| {
            #[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
            let count = f
                .count
                .map_or_else(|| Cell::Text(String::new()), |c| Cell::Number(c as f64));
            vec![
                Cell::Text(f.section.clone()),
                Cell::Text(f.item.clone()),
                Cell::Text(f.year.clone()),
                if f.count.is_none() && f.share.is_none() {
                    Cell::Text(tr("report-hidden"))
                } else {
                    count
                },
                f.share
                    .map_or_else(|| Cell::Text(String::new()), Cell::Number),
            ]
        })
        .collect();
    download::table(
        format,
        &tr("spread-title"),
        &header,
        &rows,
        &tr("spread-file-name"),
    )
}

pub async fn csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<StatisticsQuery>,
) -> Result<Response, Error> {
    file(state, user, q, Format::Csv).await
}

pub async fn xlsx_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<StatisticsQuery>,
) -> Result<Response, Error> {
    file(state, user, q, Format::Xlsx).await
}

// ---------------------------------------------------------------------------------------
// The dissemination plan (decision 0050).

use axum::response::{IntoResponse, Redirect};
use carepath_app::dissemination::{IndicatorValue, PlanError};
use carepath_domain::dissemination::{Indicator, MeasureProblem, MeasureStatus, MeasureText};

use carepath_app::dissemination::{indicator_key, status_key};

pub(crate) struct MeasureView {
    id: String,
    text: MeasureText,
    /// (value, name, chosen).
    statuses: Vec<(&'static str, String, bool)>,
    indicator: String,
    value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "report/plan.html")]
pub(crate) struct PlanPage {
    layout: Layout,
    units: Vec<(String, String, bool)>,
    unit_id: String,
    unit_name: String,
    year: i32,
    /// Years to choose: (year, chosen).
    years: Vec<(i32, bool)>,
    has_plan: bool,
    measures: Vec<MeasureView>,
    /// Next year's plan can be started from this one.
    next_year: Option<i32>,
    /// (value, name, chosen).
    indicators: Vec<(&'static str, String, bool)>,
    form: MeasureText,
    errors: Vec<(String, String)>,
    notice: Option<&'static str>,
}

impl PlanPage {
    fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|(f, _)| f == field)
    }
}

#[derive(serde::Deserialize, Default)]
pub struct PlanQuery {
    enhet: Option<String>,
    aar: Option<String>,
    endret: Option<String>,
}

fn year_of(s: Option<&str>, now: chrono::DateTime<chrono::Utc>) -> Result<i32, Error> {
    use chrono::Datelike;
    Ok(crate::report::year_param(s)?
        .unwrap_or_else(|| carepath_domain::schedule::local_date(now).year()))
}

async fn plan_page(
    state: &AppState,
    user: &CurrentUser,
    unit: Option<&str>,
    year: i32,
) -> Result<PlanPage, Error> {
    let q = StatisticsQuery {
        enhet: unit.map(str::to_owned),
    };
    let (stats, units) = statistics(state, user, &q).await?;
    let now = state.clock.now();
    let (plan, mut years) =
        carepath_app::dissemination::plan(&state.store, &user.actor, stats.unit.id, year)
            .await
            .map_err(|e| match e {
                PlanError::Store(e) => e.into(),
                _ => Error::NotFound,
            })?;
    use chrono::Datelike;
    let today = carepath_domain::schedule::local_date(now);
    let next = year.saturating_add(1);
    let next_year = (plan.is_some()
        && !years.contains(&next)
        && carepath_domain::dissemination::may_plan(next, today))
    .then_some(next);
    for y in [today.year(), today.year() + 1, year] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    let measures = plan
        .as_ref()
        .map(|p| {
            p.measures
                .iter()
                .map(|m| MeasureView {
                    id: m.id.to_string(),
                    text: m.text.clone(),
                    statuses: MeasureStatus::ALL
                        .into_iter()
                        .map(|s| (s.as_str(), tr(status_key(s)), s == m.status))
                        .collect(),
                    indicator: m
                        .indicator
                        .map(|i| tr(indicator_key(i)))
                        .unwrap_or_default(),
                    value: match m
                        .indicator
                        .map(|i| carepath_app::dissemination::indicator_value(&stats, i, year))
                    {
                        None => String::new(),
                        Some(IndicatorValue::Count(n)) => n.to_string(),
                        Some(IndicatorValue::Share(r)) => crate::report::pct(r),
                        Some(IndicatorValue::Hidden) => tr("report-hidden"),
                    },
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(PlanPage {
        layout: Layout::for_user(user, state.config.demo_sign_in),
        units,
        unit_id: stats.unit.id.to_string(),
        unit_name: stats.unit.name.clone(),
        year,
        years: years.into_iter().map(|y| (y, y == year)).collect(),
        has_plan: plan.is_some(),
        measures,
        next_year,
        indicators: Indicator::ALL
            .into_iter()
            .map(|i| (i.as_str(), tr(indicator_key(i)), false))
            .collect(),
        form: MeasureText::default(),
        errors: Vec::new(),
        notice: None,
    })
}

pub async fn plan(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PlanQuery>,
) -> Result<PlanPage, Error> {
    let year = year_of(q.aar.as_deref(), state.clock.now())?;
    let mut page = plan_page(&state, &user, q.enhet.as_deref(), year).await?;
    page.notice = q.endret.is_some().then_some("plan-changed");
    Ok(page)
}

/// Adds a measure (`handling=legg-til`), sets a measure's status (`status`, `tiltak-id`,
/// `status`) or starts next year's plan from this one (`neste-aar`).
pub async fn change_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    form: crate::form::FormData,
) -> Result<Response, Error> {
    let now = state.clock.now();
    let year = year_of(form.get("aar"), now)?;
    let unit_text = form.get("enhet").unwrap_or_default().to_owned();
    let unit: carepath_domain::Id<carepath_domain::organization::Unit> =
        unit_text.parse().map_err(|_| Error::NotFound)?;
    let typed = MeasureText {
        measure: form.get("tiltak").unwrap_or_default().to_owned(),
        means: form.get("virkemiddel").unwrap_or_default().to_owned(),
        sub_goal: form.get("delmaal").unwrap_or_default().to_owned(),
        period: form.get("periode").unwrap_or_default().to_owned(),
        responsible: form.get("ansvarlig").unwrap_or_default().to_owned(),
    };
    let indicator = form.get("indikator").and_then(Indicator::parse);
    let store = &state.store;
    let actor = &user.actor;
    let (result, shown_year) = match form.get("handling") {
        Some("legg-til") => (
            carepath_app::dissemination::add_measure(
                store,
                actor,
                (unit, year),
                &typed,
                indicator,
                now,
            )
            .await,
            year,
        ),
        Some("status") => {
            let status = form
                .get("status")
                .and_then(MeasureStatus::parse)
                .ok_or(Error::NotFound)?;
            (
                carepath_app::dissemination::set_status(
                    store,
                    actor,
                    (unit, year),
                    form.get("tiltak-id").unwrap_or_default(),
                    status,
                    now,
                )
                .await,
                year,
            )
        }
        Some("neste-aar") => {
            match carepath_app::dissemination::start_next_year(store, actor, (unit, year), now)
                .await
            {
                Ok(next) => (Ok(()), next),
                Err(e) => (Err(e), year),
            }
        }
        _ => return Err(Error::NotFound),
    };
    let problems = match result {
        Ok(()) => {
            return Ok(Redirect::to(&format!(
                "/rapporter/spredning/plan?enhet={unit}&aar={shown_year}&endret=1"
            ))
            .into_response());
        }
        Err(PlanError::Problems(p)) => p
            .iter()
            .map(|p| {
                let (id, key) = match p {
                    MeasureProblem::Measure => ("tiltak", "plan-problem-measure"),
                    MeasureProblem::Means => ("virkemiddel", "plan-problem-long"),
                    MeasureProblem::SubGoal => ("delmaal", "plan-problem-long"),
                    MeasureProblem::Period => ("periode", "plan-problem-long"),
                    MeasureProblem::Responsible => ("ansvarlig", "plan-problem-long"),
                };
                (id.to_owned(), tr(key))
            })
            .collect(),
        Err(PlanError::Year) => vec![("tiltak".to_owned(), tr("plan-problem-year"))],
        Err(PlanError::Exists) => vec![("neste".to_owned(), tr("plan-problem-exists"))],
        Err(PlanError::NotFound) => return Err(Error::NotFound),
        Err(PlanError::Store(e)) => return Err(e.into()),
    };
    let mut page = plan_page(&state, &user, Some(&unit_text), year).await?;
    page.errors = problems;
    page.form = typed;
    for (value, _, chosen) in &mut page.indicators {
        *chosen = indicator.is_some_and(|i| i.as_str() == *value);
    }
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ---------------------------------------------------------------------------------------
// The annual report (decision 0051): the same document as a page and as a PDF.

use carepath_document::pdf::Block;

#[derive(Template, WebTemplate)]
#[template(path = "report/annual.html")]
pub(crate) struct AnnualPage {
    layout: Layout,
    units: Vec<(String, String, bool)>,
    unit_id: String,
    year: i32,
    years: Vec<(i32, bool)>,
    document: carepath_document::pdf::Document,
}

async fn annual(
    state: &AppState,
    user: &CurrentUser,
    q: &PlanQuery,
) -> Result<
    (
        carepath_app::dissemination::AnnualReport,
        Vec<(String, String, bool)>,
    ),
    Error,
> {
    let year = year_of(q.aar.as_deref(), state.clock.now())?;
    let (unit, units) = chosen_unit(state, user, q.enhet.as_deref()).await?;
    let report = carepath_app::dissemination::annual_report(
        &state.store,
        &user.actor,
        (unit, year),
        crate::i18n::current(),
        state.clock.now(),
    )
    .await
    .map_err(refused)?;
    Ok((report, units))
}

pub async fn annual_page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PlanQuery>,
) -> Result<AnnualPage, Error> {
    use chrono::Datelike;
    let (report, units) = annual(&state, &user, &q).await?;
    let this = carepath_domain::schedule::local_date(state.clock.now()).year();
    let mut years: Vec<i32> = (this - 5..=this).rev().collect();
    if !years.contains(&report.year) {
        years.push(report.year);
    }
    Ok(AnnualPage {
        layout: Layout::for_user(&user, state.config.demo_sign_in),
        units,
        unit_id: report.unit.id.to_string(),
        year: report.year,
        years: years.into_iter().map(|y| (y, y == report.year)).collect(),
        document: report.document,
    })
}

pub async fn annual_pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PlanQuery>,
) -> Result<Response, Error> {
    let (report, _) = annual(&state, &user, &q).await?;
    let name = format!("{}-{}.pdf", tr("annual-file-name"), report.year);
    download::pdf(report.document, &name).await
}
