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
            k.to_owned()
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
    for (path, n) in &s.most_read {
        push(
            "spread-section-most-read",
            path.clone(),
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

async fn statistics(
    state: &AppState,
    user: &CurrentUser,
    q: &StatisticsQuery,
) -> Result<(Statistics, Vec<(String, String, bool)>), Error> {
    let mine = user.care_units();
    let chosen = match q.enhet.as_deref().filter(|s| !s.is_empty()) {
        None => *mine.first().ok_or(Error::Forbidden)?,
        Some(u) => u.parse().map_err(|_| Error::NotFound)?,
    };
    let s = carepath_app::dissemination::statistics(
        &state.store,
        &user.actor,
        chosen,
        state.clock.now(),
    )
    .await
    .map_err(|e| match e {
        StatisticsError::Forbidden => Error::NotFound,
        StatisticsError::Store(e) => e.into(),
    })?;
    let mut units = Vec::new();
    for id in mine {
        let u = state.store.unit(id).await?;
        units.push((u.id.to_string(), u.name, u.id == chosen));
    }
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
