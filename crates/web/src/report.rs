//! Outcome reports on screen and as files (issue 16, decision 0037): for the care team
//! (`/rapporter/utfall`, its own units) and researchers (`/forskning`, through a
//! project); the same figures as CSV and XLSX. The use case decides who may see what;
//! these handlers extract, call and render. Every chart is an SVG with its numbers in a
//! table beside it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::outcome::{Ask, Distribution, Report, ReportError, Whose};
use carepath_document::spreadsheet::Cell;
use carepath_domain::outcome::{MeanCi, Share};
use carepath_domain::program::Offset;
use carepath_domain::user::Role;

use crate::auth::CurrentUser;
use crate::download::{self, Format};
use crate::i18n::{tr, tr_args};
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(serde::Deserialize, Default)]
pub struct ReportQuery {
    /// The program's canonical URL, `|version` for one.
    program: Option<String>,
    enhet: Option<String>,
    /// Years of start, both included.
    fra: Option<String>,
    til: Option<String>,
    /// `1`: as a researcher, through a project.
    forskning: Option<String>,
}

impl ReportQuery {
    fn research(&self, user: &CurrentUser) -> bool {
        self.forskning.as_deref().is_some_and(|f| !f.is_empty())
            || (!user.is_care_team() && user.has(Role::Researcher))
    }

    fn years(&self) -> Result<Option<(i32, i32)>, Error> {
        let year = |s: &Option<String>| year_param(s.as_deref());
        Ok(match (year(&self.fra)?, year(&self.til)?) {
            (None, None) => None,
            (Some(a), None) => Some((a, 9999)),
            (None, Some(b)) => Some((1900, b)),
            (Some(a), Some(b)) => Some((a, b)),
        })
    }
}

async fn report(state: &AppState, user: &CurrentUser, q: &ReportQuery) -> Result<Report, Error> {
    let program = q.program.as_deref().unwrap_or_default();
    let unit = match q.enhet.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(u) => Some(u.parse().map_err(|_| Error::NotFound)?),
    };
    let ask = Ask {
        program,
        unit,
        years: q.years()?,
        research: q.research(user),
    };
    carepath_app::outcome::report(&state.store, &user.actor, &ask, state.clock.now())
        .await
        .map_err(|e| match e {
            ReportError::UnknownProgram => Error::NotFound,
            ReportError::Forbidden => Error::Forbidden,
            ReportError::Store(e) => e.into(),
        })
}

/// A time of the schedule in words ("Start", "3 måneder").
fn time(at: Offset) -> String {
    match at {
        Offset::Days(0) | Offset::Weeks(0) | Offset::Months(0) => tr("report-at-start"),
        Offset::Days(n) => tr_args("report-at-days", &[("n", i64::from(n).into())]),
        Offset::Weeks(n) => tr_args("report-at-weeks", &[("n", i64::from(n).into())]),
        Offset::Months(n) => tr_args("report-at-months", &[("n", i64::from(n).into())]),
    }
}

/// A year asked for in a query (`None` when empty); anything but a year is a clear 400.
pub(crate) fn year_param(s: Option<&str>) -> Result<Option<i32>, Error> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=9999).contains(y))
            .map(Some)
            .ok_or_else(|| Error::BadRequest(tr("report-bad-year"))),
    }
}

pub(crate) fn num(v: f64) -> String {
    carepath_i18n::number(crate::i18n::current(), (v * 10.0).round() / 10.0)
}

pub(crate) fn pct(v: f64) -> String {
    format!("{} %", num(v * 100.0))
}

/// A count as shown: the number, or "under 5" when hidden.
fn count(c: Option<u64>) -> String {
    c.map_or_else(|| tr("report-hidden"), |c| c.to_string())
}

/// One line of the report's figures, as the page's tables and the files hold them.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    section: String,
    item: String,
    time: String,
    group: String,
    n: Option<u64>,
    /// A count, or a mean; `None` when hidden.
    value: Option<f64>,
    value_text: String,
    share: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
}

impl Line {
    fn share_text(&self) -> String {
        self.share.map(pct).unwrap_or_default()
    }

    fn interval_text(&self, percent: bool) -> String {
        match (self.low, self.high) {
            (Some(l), Some(h)) if percent => format!("{}–{}", pct(l), pct(h)),
            (Some(l), Some(h)) => format!("{}–{}", num(l), num(h)),
            _ => String::new(),
        }
    }
}

fn n_of(n: u64) -> Option<u64> {
    Some(n)
}

#[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
fn f(n: u64) -> f64 {
    n as f64
}

fn share_line(section: &str, item: &str, at: &str, group: &str, s: Option<Share>) -> Line {
    let shown = s.filter(|s| s.may_show());
    let (low, high) = shown.and_then(Share::wilson95).unzip();
    Line {
        section: section.to_owned(),
        item: item.to_owned(),
        time: at.to_owned(),
        group: group.to_owned(),
        n: s.map(|s| s.n),
        value: shown.map(|s| f(s.k)),
        value_text: shown.map_or_else(|| tr("report-hidden"), |s| s.k.to_string()),
        share: shown.and_then(Share::ratio),
        low,
        high,
    }
}

fn mean_line(section: &str, item: &str, at: &str, n: u64, m: Option<MeanCi>) -> Line {
    Line {
        section: section.to_owned(),
        item: item.to_owned(),
        time: at.to_owned(),
        group: String::new(),
        n: Some(n),
        value: m.map(|m| m.mean),
        value_text: m.map_or_else(|| tr("report-hidden"), |m| num(m.mean)),
        share: None,
        low: m.map(|m| m.low),
        high: m.map(|m| m.high),
    }
}

fn dist_lines(
    section: &str,
    item: &str,
    at: &str,
    prefix: &str,
    bands: &[(String, String)],
    d: &Distribution,
) -> Vec<Line> {
    bands
        .iter()
        .enumerate()
        .map(|(i, (_, label))| {
            let c = d.counts.get(i).copied().flatten();
            Line {
                section: section.to_owned(),
                item: item.to_owned(),
                time: at.to_owned(),
                group: format!("{prefix}{label}"),
                n: n_of(d.n),
                value: c.map(f),
                value_text: count(c),
                share: d.share(i),
                low: None,
                high: None,
            }
        })
        .collect()
}

fn count_lines(
    section: &str,
    item_key: &dyn Fn(&str) -> String,
    list: &[(String, Option<u64>)],
) -> Vec<Line> {
    let n: u64 = list.iter().filter_map(|(_, c)| *c).sum();
    let all_shown = list.iter().all(|(_, c)| c.is_some());
    list.iter()
        .map(|(k, c)| Line {
            section: section.to_owned(),
            item: item_key(k),
            time: String::new(),
            group: String::new(),
            n: all_shown.then_some(n),
            value: c.map(f),
            value_text: count(*c),
            share: c.filter(|_| all_shown && n > 0).map(|c| f(c) / f(n)),
            low: None,
            high: None,
        })
        .collect()
}

/// A count of a year (`None`: hidden), as a line of `section` named by the key `item`.
fn year_count(section: &str, item: &str, year: &str, c: Option<u64>) -> Line {
    Line {
        section: section.to_owned(),
        item: tr(item),
        time: year.to_owned(),
        group: String::new(),
        n: None,
        value: c.map(f),
        value_text: count(c),
        share: None,
        low: None,
        high: None,
    }
}

/// Every figure of the report as lines, in the page's order.
fn lines(r: &Report) -> Vec<Line> {
    let mut out = Vec::new();
    for s in &r.scores {
        for p in &s.paired {
            let at = time(p.at);
            let start = time(Offset::Days(0));
            out.extend(dist_lines(
                &tr("report-section-paired"),
                &s.title,
                &at,
                &format!("{start}: "),
                &s.bands,
                &p.start,
            ));
            out.extend(dist_lines(
                &tr("report-section-paired"),
                &s.title,
                &at,
                &format!("{at}: "),
                &s.bands,
                &p.later,
            ));
            if s.responder_rule.is_some() {
                out.push(share_line(
                    &tr("report-section-responders"),
                    &s.title,
                    &at,
                    "",
                    p.responders
                        .or(Some(Share { k: 0, n: p.start.n }))
                        .filter(|x| x.may_show()),
                ));
            }
            out.push(mean_line(
                &tr("report-section-change"),
                &s.title,
                &at,
                p.start.n,
                p.change,
            ));
        }
        for (at, d, mean) in &s.times {
            let at = time(*at);
            out.extend(dist_lines(
                &tr("report-section-bands"),
                &s.title,
                &at,
                "",
                &s.bands,
                d,
            ));
            out.push(mean_line(
                &tr("report-section-mean"),
                &s.title,
                &at,
                d.n,
                *mean,
            ));
        }
    }
    for rate in &r.rates {
        let at = time(rate.at);
        let answered = Share {
            k: rate.answered,
            n: rate.asked,
        };
        let mut l = share_line(
            &tr("report-section-response-rate"),
            &rate.title,
            &at,
            &tr("report-answered"),
            Some(answered),
        );
        l.n = Some(rate.asked);
        out.push(l);
        for (key, c) in [
            ("report-missed", rate.missed),
            ("report-still-open", rate.open),
        ] {
            out.push(Line {
                section: tr("report-section-response-rate"),
                item: rate.title.clone(),
                time: at.clone(),
                group: tr(key),
                n: Some(rate.asked),
                value: carepath_domain::outcome::may_show(c).then_some(f(c)),
                value_text: count(carepath_domain::outcome::may_show(c).then_some(c)),
                share: None,
                low: None,
                high: None,
            });
        }
    }
    for y in &r.per_year {
        let year = y.year.to_string();
        for (key, c) in [
            ("report-started", y.started),
            ("report-finished", y.finished),
            ("report-withdrawn", y.withdrawn),
            ("report-running", y.running),
            ("report-referrals", y.referrals),
        ] {
            let c = carepath_domain::outcome::may_show(c).then_some(c);
            out.push(year_count(&tr("report-section-years"), key, &year, c));
        }
        out.push(share_line(
            &tr("report-section-years"),
            &tr("report-gp-share"),
            &year,
            "",
            Some(y.gp_share()),
        ));
    }
    for y in r.group_courses.iter().flatten() {
        let section = tr("report-section-group-courses");
        let year = y.year.to_string();
        for (key, c) in [
            ("report-group-sessions", Some(y.sessions)),
            ("report-group-attended", y.attended),
            ("report-group-answered", y.answered),
        ] {
            out.push(year_count(&section, key, &year, c));
        }
        out.push(share_line(
            &section,
            &tr("report-group-recommend"),
            &year,
            "",
            y.recommend,
        ));
    }
    let source = |k: &str| match carepath_domain::referral::ReferralSource::parse(k) {
        Some(s) => tr(crate::i18n::source_key(s)),
        None => k.to_owned(),
    };
    out.extend(count_lines(
        &tr("report-section-sources"),
        &source,
        &r.sources,
    ));
    let heard = |k: &str| match carepath_domain::referral::HeardAbout::ALL
        .into_iter()
        .find(|h| h.as_str() == k)
    {
        Some(h) => tr(crate::i18n::heard_key(h)),
        None => k.to_owned(),
    };
    out.extend(count_lines(
        &tr("report-section-heard"),
        &heard,
        &r.heard_about,
    ));
    out.extend(count_lines(
        &tr("report-section-age"),
        &|k: &str| k.to_owned(),
        &r.ages,
    ));
    out.push(mean_line(
        &tr("report-section-age"),
        &tr("report-mean-age"),
        "",
        r.patients,
        r.mean_age,
    ));
    let sex = |k: &str| {
        tr(match k {
            "female" => "report-sex-female",
            "male" => "report-sex-male",
            "other" => "report-sex-other",
            _ => "report-sex-unknown",
        })
    };
    out.extend(count_lines(&tr("report-section-sex"), &sex, &r.sexes));
    let a = &r.alerts;
    let rate = |c: u64| {
        (a.patient_weeks > 0.0 && carepath_domain::outcome::may_show(c))
            .then(|| f(c) / a.patient_weeks)
    };
    for (key, c) in [
        ("report-alerts-yellow", a.yellow),
        ("report-alerts-red", a.red),
    ] {
        let per = rate(c);
        out.push(Line {
            section: tr("report-section-alerts"),
            item: tr(key),
            time: String::new(),
            group: tr("report-per-patient-week"),
            n: carepath_domain::outcome::may_show(c).then_some(c),
            value: per,
            value_text: per.map_or_else(
                || tr("report-hidden"),
                |v| carepath_i18n::number(crate::i18n::current(), v),
            ),
            share: None,
            low: None,
            high: None,
        });
    }
    if a.measures {
        let m = a.adherence;
        out.push(Line {
            section: tr("report-section-alerts"),
            item: tr("report-adherence"),
            time: String::new(),
            group: String::new(),
            n: m.map(|m| m.n),
            value: m.map(|m| m.mean),
            value_text: m.map_or_else(|| tr("report-hidden"), |m| pct(m.mean)),
            share: None,
            low: m.map(|m| m.low),
            high: m.map(|m| m.high),
        });
    }
    let red_n = a.red.saturating_sub(a.red_open);
    out.push(mean_line(
        &tr("report-section-alerts"),
        &tr("report-red-hours"),
        "",
        red_n,
        a.red_hours,
    ));
    out.push(Line {
        section: tr("report-section-alerts"),
        item: tr("report-red-median-hours"),
        time: String::new(),
        group: String::new(),
        n: Some(red_n),
        value: a.red_median_hours,
        value_text: a.red_median_hours.map_or_else(|| tr("report-hidden"), num),
        share: None,
        low: None,
        high: None,
    });
    out
}

/// A bar's part: x, width, CSS class, the share written on it.
type Segment = (String, String, String, String);

/// A stacked bar chart of band shares: one bar per group (start, 3 months, ...).
#[derive(Debug, Clone)]
pub(crate) struct Bars {
    pub id: String,
    pub title: String,
    pub height: u32,
    /// (label, y, segments).
    pub rows: Vec<(String, u32, Vec<Segment>)>,
    pub legend: Vec<(String, String)>,
}

fn bars(
    id: String,
    title: String,
    bands: &[(String, String)],
    groups: &[(String, &Distribution)],
) -> Option<Bars> {
    if groups.iter().any(|(_, d)| !d.shown()) {
        return None;
    }
    let any_hidden = groups
        .iter()
        .any(|(_, d)| d.counts.iter().any(Option::is_none));
    const LEFT: f64 = 96.0;
    const WIDTH: f64 = 256.0;
    let mut rows = Vec::new();
    for (i, (label, d)) in groups.iter().enumerate() {
        let y = u32::try_from(i).unwrap_or(0) * 34 + 4;
        let mut x = LEFT;
        let mut segments = Vec::new();
        for (b, _) in bands.iter().enumerate() {
            let share = d.share(b).unwrap_or(0.0);
            let w = share * WIDTH;
            if w > 0.0 {
                let text = if share >= 0.09 {
                    format!("{}", (share * 100.0).round())
                } else {
                    String::new()
                };
                segments.push((
                    format!("{x:.1}"),
                    format!("{w:.1}"),
                    format!("band-{}", b.min(5)),
                    text,
                ));
            }
            x += w;
        }
        // Hidden counts (under 5, and the one that would give them away) together, grey.
        let rest = (LEFT + WIDTH - x).max(0.0);
        if rest > 0.5 {
            segments.push((
                format!("{x:.1}"),
                format!("{rest:.1}"),
                "band-hidden".to_owned(),
                String::new(),
            ));
        }
        rows.push((label.clone(), y, segments));
    }
    Some(Bars {
        id,
        title,
        height: u32::try_from(groups.len()).unwrap_or(0) * 34 + 8,
        rows,
        legend: bands
            .iter()
            .enumerate()
            .map(|(i, (_, l))| (format!("band-{}", i.min(5)), l.clone()))
            .chain(any_hidden.then(|| ("band-hidden".to_owned(), tr("report-hidden-together"))))
            .collect(),
    })
}

/// One score's part of the page.
pub(crate) struct ScoreView {
    title: String,
    charts: Vec<Bars>,
    lines: Vec<Line>,
}

#[derive(Template, WebTemplate)]
#[template(path = "report/outcome.html")]
pub(crate) struct ReportPage {
    layout: Layout,
    title: String,
    whose: String,
    research: bool,
    canonical: String,
    units: Vec<(String, String, bool)>,
    fra: String,
    til: String,
    patients: u64,
    hidden: bool,
    /// Key figures, one sentence each.
    summary: Vec<String>,
    scores: Vec<ScoreView>,
    /// The other sections' lines, by section title.
    sections: Vec<(String, Vec<Line>)>,
    query: String,
    back: (&'static str, String),
}

#[derive(Template, WebTemplate)]
#[template(path = "report/choose.html")]
pub(crate) struct ChoosePage {
    layout: Layout,
    programs: Vec<(String, String)>,
    research: bool,
}

fn query_string(q: &ReportQuery, research: bool) -> String {
    let mut pairs = vec![("program", q.program.clone().unwrap_or_default())];
    for (k, v) in [("enhet", &q.enhet), ("fra", &q.fra), ("til", &q.til)] {
        if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
            pairs.push((k, v.clone()));
        }
    }
    if research {
        pairs.push(("forskning", "1".into()));
    }
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// The key figures above the charts: for each score with a responder rule and each later
/// time, the patients with both times, the responders and the mean change.
fn summary(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for s in r.scores.iter().filter(|s| s.responder_rule.is_some()) {
        for p in &s.paired {
            if !(Share { k: 0, n: p.start.n }).may_show() {
                continue;
            }
            let responders = p.responders.filter(|x| x.may_show()).map_or_else(
                || tr("report-hidden"),
                |x| {
                    tr_args(
                        "report-summary-share",
                        &[
                            ("share", x.ratio().map(pct).unwrap_or_default().into()),
                            ("k", i64::try_from(x.k).unwrap_or(0).into()),
                        ],
                    )
                },
            );
            let change = p.change.map_or_else(
                || tr("report-hidden"),
                |m| {
                    tr_args(
                        "report-summary-change",
                        &[
                            ("mean", num(m.mean).into()),
                            ("low", num(m.low).into()),
                            ("high", num(m.high).into()),
                        ],
                    )
                },
            );
            out.push(tr_args(
                "report-summary-line",
                &[
                    ("score", s.title.as_str().into()),
                    ("time", time(p.at).into()),
                    ("n", i64::try_from(p.start.n).unwrap_or(0).into()),
                    ("responders", responders.into()),
                    ("change", change.into()),
                ],
            ));
        }
    }
    for y in r.group_courses.iter().flatten() {
        if let Some(share) = y.recommend.filter(|x| x.may_show()) {
            out.push(tr_args(
                "report-summary-group",
                &[
                    ("year", y.year.into()),
                    ("sessions", i64::try_from(y.sessions).unwrap_or(0).into()),
                    ("share", share.ratio().map(pct).unwrap_or_default().into()),
                    ("n", i64::try_from(share.n).unwrap_or(0).into()),
                ],
            ));
        }
    }
    out
}

pub async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ReportQuery>,
) -> Result<Response, Error> {
    let research = q.research(&user);
    let layout = Layout::for_user(&user, state.config.demo_sign_in);
    if q.program.as_deref().is_none_or(str::is_empty) {
        let today = carepath_domain::schedule::local_date(state.clock.now());
        let programs =
            carepath_app::outcome::programs(&state.store, &user.actor, research, today).await?;
        return Ok(ChoosePage {
            layout,
            programs,
            research,
        }
        .into_response());
    }
    let r = report(&state, &user, &q).await?;
    let all = lines(&r);
    let mut scores = Vec::new();
    for (i, s) in r.scores.iter().enumerate() {
        let mut charts = Vec::new();
        for (j, p) in s.paired.iter().enumerate() {
            let at = time(p.at);
            let title = tr_args(
                "report-chart-paired",
                &[
                    ("score", s.title.as_str().into()),
                    ("time", at.as_str().into()),
                    ("n", i64::try_from(p.start.n).unwrap_or(0).into()),
                ],
            );
            charts.extend(bars(
                format!("c{i}-p{j}"),
                title,
                &s.bands,
                &[(time(Offset::Days(0)), &p.start), (at, &p.later)],
            ));
        }
        let groups: Vec<(String, &Distribution)> =
            s.times.iter().map(|(at, d, _)| (time(*at), d)).collect();
        if groups.len() > 1 {
            let title = tr_args("report-chart-all", &[("score", s.title.as_str().into())]);
            charts.extend(bars(format!("c{i}-all"), title, &s.bands, &groups));
        }
        scores.push(ScoreView {
            title: s.title.clone(),
            charts,
            // Within a score's own section, each line is named by what it counts.
            lines: all
                .iter()
                .filter(|l| l.item == s.title)
                .cloned()
                .map(|mut l| {
                    l.item.clone_from(&l.section);
                    l
                })
                .collect(),
        });
    }
    let titles: Vec<&str> = r.scores.iter().map(|s| s.title.as_str()).collect();
    let summary = summary(&r);
    let mut sections: Vec<(String, Vec<Line>)> = Vec::new();
    for l in all
        .into_iter()
        .filter(|l| !titles.contains(&l.item.as_str()))
    {
        match sections.last_mut() {
            Some((s, list)) if *s == l.section => list.push(l),
            _ => sections.push((l.section.clone(), vec![l])),
        }
    }
    let (whose, units) = match &r.whose {
        Whose::Units(units) => (
            units
                .iter()
                .map(|u| u.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
            user.care_units(),
        ),
        Whose::Research { project } => (
            tr_args(
                "report-whose-research",
                &[("project", project.as_str().into())],
            ),
            Vec::new(),
        ),
    };
    let mut unit_choices = Vec::new();
    for id in units {
        let u = state.store.unit(id).await?;
        unit_choices.push((
            u.id.to_string(),
            u.name,
            q.enhet.as_deref() == Some(&id.to_string()),
        ));
    }
    Ok(ReportPage {
        layout,
        title: r.title.clone(),
        whose,
        research,
        canonical: r.canonical.clone(),
        units: unit_choices,
        fra: q.fra.clone().unwrap_or_default(),
        til: q.til.clone().unwrap_or_default(),
        patients: r.patients,
        hidden: r.has_hidden(),
        summary,
        scores,
        sections,
        query: query_string(&q, research),
        back: if research {
            ("/forskning", tr("research-title"))
        } else {
            ("/klinikk", tr("staff-patients"))
        },
    }
    .into_response())
}

fn header() -> Vec<String> {
    [
        "report-col-section",
        "report-col-item",
        "report-col-time",
        "report-col-group",
        "report-col-n",
        "report-col-value",
        "report-col-share",
        "report-col-low",
        "report-col-high",
    ]
    .into_iter()
    .map(tr)
    .collect()
}

fn table(r: &Report) -> Vec<Vec<Cell>> {
    let number = |v: Option<f64>| v.map_or_else(|| Cell::Text(String::new()), Cell::Number);
    lines(r)
        .into_iter()
        .map(|l| {
            vec![
                Cell::Text(l.section),
                Cell::Text(l.item),
                Cell::Text(l.time),
                Cell::Text(l.group),
                number(l.n.map(f)),
                l.value
                    .map_or_else(|| Cell::Text(tr("report-hidden")), Cell::Number),
                number(l.share),
                number(l.low),
                number(l.high),
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
    let r = report(&state, &user, &q).await?;
    let stem = format!("{}-{}", tr("report-file-name"), r.program.key);
    download::table(format, &tr("report-title"), &header(), &table(&r), &stem)
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

/// A project as the researcher's page lists it.
pub(crate) struct ProjectView {
    id: String,
    title: String,
    approval_ref: String,
    period: String,
    open: bool,
    programs: Vec<(String, String)>,
}

/// An export as the researcher's page lists it.
pub(crate) struct ExportView {
    id: String,
    requested: String,
    status: String,
    /// Files written so far.
    written: usize,
    /// The finished export's files: (download address, file name, resources).
    files: Vec<(String, String, i64)>,
    resources: i64,
    expires: String,
    address: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "report/research.html")]
pub(crate) struct ResearchPage {
    layout: Layout,
    projects: Vec<ProjectView>,
    exports: Vec<ExportView>,
}

/// `/forskning`: the researcher's projects, the reports they open, and their exports.
pub async fn research_home(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<ResearchPage, Error> {
    let overview =
        carepath_app::research::overview(&state.store, &user.actor, state.clock.now()).await?;
    let lang = crate::i18n::current();
    let projects = overview
        .projects
        .into_iter()
        .map(|(p, open, versions)| ProjectView {
            id: p.id.to_string(),
            open,
            title: p.title,
            approval_ref: p.approval_ref,
            period: format!(
                "{} – {}",
                crate::layout::date(p.starts_on),
                crate::layout::date(p.ends_on)
            ),
            programs: versions
                .iter()
                .map(|v| {
                    (
                        serde_urlencoded::to_string([
                            (
                                "program",
                                carepath_app::outcome::program_url(&v.definition.key),
                            ),
                            ("forskning", "1".to_owned()),
                        ])
                        .unwrap_or_default(),
                        v.definition.title.get(lang).to_owned(),
                    )
                })
                .collect(),
        })
        .collect();
    let exports = overview
        .exports
        .into_iter()
        .map(|(e, files)| {
            use carepath_domain::research::ExportStatus;
            ExportView {
                id: e.id.to_string(),
                requested: crate::layout::when(e.requested_at),
                status: tr(match e.status {
                    ExportStatus::InProgress => "research-export-running",
                    ExportStatus::Completed => "research-export-done",
                    ExportStatus::Failed => "research-export-failed",
                }),
                resources: files.iter().map(|f| f.count).sum(),
                files: if e.status == ExportStatus::Completed {
                    files
                        .iter()
                        .map(|f| {
                            (
                                format!("/forskning/uttrekk/{}/{}", e.id, f.seq),
                                format!("{}-{}.ndjson", f.kind, f.seq),
                                f.count,
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                written: files.len(),
                expires: crate::layout::when(e.expires_at),
                address: format!("/fhir/$export-status/{}", e.id),
            }
        })
        .collect();
    Ok(ResearchPage {
        layout: Layout::for_user(&user, state.config.demo_sign_in),
        projects,
        exports,
    })
}

/// Orders a pseudonymised export of a project from the researcher's page (as the API's
/// `Group/{project}/$export` does) and goes back to the page, where it shows as running.
pub async fn order_export(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(project): Path<String>,
) -> Result<Response, Error> {
    let project = project.parse().map_err(|_| Error::NotFound)?;
    let request = format!(
        "{}/fhir/Group/{project}/$export",
        state.config.public_url.trim_end_matches('/')
    );
    let ask = carepath_app::research::Ask {
        project: Some(project),
        types: Vec::new(),
        since: None,
        request: &request,
    };
    let export =
        carepath_app::research::kick_off(&state.store, &user.actor, &ask, state.clock.now())
            .await
            .map_err(export_error)?;
    crate::fhir::export::make_in_background(&state, export.id);
    Ok(Redirect::to("/forskning#uttrekk").into_response())
}

/// One NDJSON file of the researcher's finished export, as a download.
pub async fn export_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((export, seq)): Path<(String, i64)>,
) -> Result<Response, Error> {
    let id = export.parse().map_err(|_| Error::NotFound)?;
    let body = carepath_app::research::file(&state.store, &user.actor, id, seq, state.clock.now())
        .await
        .map_err(export_error)?;
    // The page's link names the file by its type (`download`); this is the fallback.
    let name = format!("attachment; filename=\"uttrekk-{seq}.ndjson\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/fhir+ndjson".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}

/// Deletes the researcher's export and its files.
pub async fn delete_export(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(export): Path<String>,
) -> Result<Response, Error> {
    let id = export.parse().map_err(|_| Error::NotFound)?;
    carepath_app::research::delete(&state.store, &user.actor, id, state.clock.now())
        .await
        .map_err(export_error)?;
    Ok(Redirect::to("/forskning#uttrekk").into_response())
}

fn export_error(e: carepath_app::research::ExportError) -> Error {
    use carepath_app::research::ExportError;
    match e {
        ExportError::Forbidden => Error::Forbidden,
        ExportError::Store(e) => e.into(),
        ExportError::NotFound | ExportError::WhichProject | ExportError::UnknownType(_) => {
            Error::NotFound
        }
    }
}
