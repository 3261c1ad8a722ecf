//! Dissemination statistics (issue 18, decision 0049): how far a service (a unit) spreads,
//! per year. Referrals and the share from GPs, patients started, where patients heard of
//! it, enquiries from health professionals, visits of its programs' public pages (the most
//! read first), course participants at its course days by profession and region, and the
//! places that run its programs. Read by the unit's care team; counts of people under five
//! are hidden as in the outcome reports. Nothing here names a patient, so reading it is not
//! in a patient's access log.

use std::collections::BTreeMap;

use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_domain::outcome::{self, Share};
use carepath_store::outcome::Scope;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Datelike, Utc};

use crate::access::Actor;

/// One year of a service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    pub referrals: u64,
    pub from_gp: u64,
    pub started: u64,
    pub enquiries: u64,
    pub course_participants: u64,
    pub visits: u64,
}

impl Year {
    /// The share of referrals from GPs.
    pub fn gp_share(&self) -> Share {
        Share {
            k: self.from_gp,
            n: self.referrals,
        }
    }
}

/// A service's statistics.
#[derive(Debug, Clone)]
pub struct Statistics {
    pub unit: Unit,
    pub years: Vec<Year>,
    /// Over every year, as shown (`None`: hidden).
    pub sources: Vec<(String, Option<u64>)>,
    pub heard_about: Vec<(String, Option<u64>)>,
    pub professions: Vec<(String, Option<u64>)>,
    pub regions: Vec<(String, Option<u64>)>,
    /// Referrals per referring region over every year (decision 0053): the region code
    /// (empty: not given), the count and the share from GPs, each `None` when hidden.
    pub referral_regions: Vec<RegionReferrals>,
    /// Its programs' public pages (and the front page), most read first: (path, visits).
    pub most_read: Vec<(String, u64)>,
    /// Each of its programs (bokmål title) with how many units run it now (status running).
    pub places: Vec<(String, u64)>,
    /// Its programs' latest versions (to name its pages).
    pub programs: Vec<carepath_domain::program::ProgramVersion>,
}

/// A referring region's referrals, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionReferrals {
    /// The region's code; empty when the referrals did not say.
    pub region: String,
    pub referrals: Option<u64>,
    pub gp_share: Option<f64>,
}

/// The title of public page `path` in `lang`: a program of the statistics' unit or one of
/// its public pages; `None` for the front page (and a page it no longer has).
pub fn page_title(s: &Statistics, path: &str, lang: carepath_domain::Lang) -> Option<String> {
    let rest = path.strip_prefix("/tilbud/")?;
    let (key, page) = rest.split_once('/').unwrap_or((rest, ""));
    let v = s.programs.iter().find(|v| v.definition.key == key)?;
    if page.is_empty() {
        return Some(v.definition.title.get(lang).to_owned());
    }
    v.definition
        .public
        .pages
        .iter()
        .find(|p| p.key == page)
        .map(|p| p.title.get(lang).to_owned())
}

/// Why there are no statistics.
#[derive(Debug, thiserror::Error)]
pub enum StatisticsError {
    /// Not one of the actor's units.
    #[error("not the caller's unit")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn local_year(at: DateTime<Utc>) -> i32 {
    carepath_domain::schedule::local_date(at).year()
}

fn shown(map: BTreeMap<String, u64>) -> Vec<(String, Option<u64>)> {
    let counts: Vec<u64> = map.values().copied().collect();
    map.into_keys().zip(outcome::suppress(&counts)).collect()
}

/// The statistics of `unit`, one of `actor`'s care units.
pub async fn statistics(
    store: &Store,
    actor: &Actor,
    unit: Id<Unit>,
    now: DateTime<Utc>,
) -> Result<Statistics, StatisticsError> {
    if !actor.works_in(unit) {
        return Err(StatisticsError::Forbidden);
    }
    let this = store.unit(unit).await?;
    let programs = store.unit_programs(unit).await?;
    let mut years: BTreeMap<i32, Year> = BTreeMap::new();
    let mut sources = BTreeMap::new();
    let mut heard = BTreeMap::new();
    let mut by_region: BTreeMap<String, Share> = BTreeMap::new();
    let until = now + chrono::Duration::days(1);
    let from = DateTime::<Utc>::UNIX_EPOCH;
    let services = crate::public::services(store).await?;
    let mut places = Vec::new();
    for v in &programs {
        let versions = store.program_versions(v.program_id).await?;
        let scope = Scope {
            program: v.program_id,
            versions: versions.iter().map(|v| v.id).collect(),
            units: Some(vec![unit]),
            started: (from, until),
            consenting_only: false,
        };
        for r in store.outcome_referrals(&scope).await? {
            let n = u64::try_from(r.count).unwrap_or(0);
            let y = years.entry(local_year(r.received_at)).or_default();
            y.referrals += n;
            if r.source == "gp" {
                y.from_gp += n;
            }
            let region = by_region
                .entry(r.region.unwrap_or_default())
                .or_insert(Share { k: 0, n: 0 });
            region.n += n;
            if r.source == "gp" {
                region.k += n;
            }
            *sources.entry(r.source).or_default() += n;
            *heard.entry(r.heard_about).or_default() += n;
        }
        for e in store.outcome_rows(&scope, &[]).await?.enrollments {
            years.entry(local_year(e.started_at)).or_default().started += 1;
        }
        let running = services
            .iter()
            .filter(|s| {
                s.programs.iter().any(|p| p.program_id == v.program_id)
                    && s.how(v.program_id).status
                        == carepath_domain::organization::PlaceStatus::Running
            })
            .count();
        places.push((
            v.definition.title.get(carepath_domain::Lang::Nb).to_owned(),
            u64::try_from(running).unwrap_or(0),
        ));
    }
    for t in store.enquiry_times(unit).await? {
        years.entry(local_year(t)).or_default().enquiries += 1;
    }
    let mut professions = BTreeMap::new();
    let mut regions = BTreeMap::new();
    for (day, profession, region) in store.course_attendance(unit).await? {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            years.entry(d.year()).or_default().course_participants += 1;
        }
        *professions.entry(profession).or_default() += 1;
        *regions.entry(region).or_default() += 1;
    }
    // The pages that are this service's: the front page and its programs' pages.
    let ours = |path: &str| {
        path == "/"
            || programs.iter().any(|v| {
                let base = format!("/tilbud/{}", v.definition.key);
                path == base || path.starts_with(&format!("{base}/"))
            })
    };
    let mut read: BTreeMap<String, u64> = BTreeMap::new();
    for (path, day, visits) in store.visits_by_day().await? {
        if !ours(&path) {
            continue;
        }
        let n = u64::try_from(visits).unwrap_or(0);
        if let Ok(d) = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            years.entry(d.year()).or_default().visits += n;
        }
        *read.entry(path).or_default() += n;
    }
    let mut most_read: Vec<(String, u64)> = read.into_iter().collect();
    most_read.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    most_read.truncate(10);
    Ok(Statistics {
        unit: this,
        years: years
            .into_iter()
            .map(|(year, y)| Year { year, ..y })
            .collect(),
        sources: shown(sources),
        heard_about: shown(heard),
        professions: shown(professions),
        regions: shown(regions),
        referral_regions: by_region
            .into_iter()
            .map(|(region, share)| RegionReferrals {
                region,
                referrals: outcome::may_show(share.n).then_some(share.n),
                gp_share: share.may_show().then(|| share.ratio()).flatten(),
            })
            .collect(),
        most_read,
        places,
        programs,
    })
}

// ---------------------------------------------------------------------------------------
// The dissemination plan (decision 0050).

use carepath_domain::dissemination::{
    self as plan, Indicator, Measure, MeasureProblem, MeasureStatus, MeasureText, Plan,
};

/// Why a plan could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// Not one of the actor's units (or no such measure).
    #[error("not found")]
    NotFound,
    /// A year no plan is made for (more than ten years back, or after next year).
    #[error("not a year to plan")]
    Year,
    #[error("the measure has problems: {0:?}")]
    Problems(Vec<MeasureProblem>),
    /// Next year has a plan already.
    #[error("that year has a plan already")]
    Exists,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn own(actor: &Actor, unit: Id<Unit>) -> Result<(), PlanError> {
    if actor.works_in(unit) {
        Ok(())
    } else {
        Err(PlanError::NotFound)
    }
}

/// `unit`'s plan for `year` (none yet: `None`), and the years it has plans for.
pub async fn plan(
    store: &Store,
    actor: &Actor,
    unit: Id<Unit>,
    year: i32,
) -> Result<(Option<Plan>, Vec<i32>), PlanError> {
    own(actor, unit)?;
    Ok((
        store.dissemination_plan(unit, year).await?,
        store.dissemination_plan_years(unit).await?,
    ))
}

/// Adds a measure to `unit`'s plan for `year` (made when it is the first), as planned.
pub async fn add_measure(
    store: &Store,
    actor: &Actor,
    (unit, year): (Id<Unit>, i32),
    text: &MeasureText,
    indicator: Option<Indicator>,
    now: DateTime<Utc>,
) -> Result<(), PlanError> {
    own(actor, unit)?;
    if !plan::may_plan(year, carepath_domain::schedule::local_date(now)) {
        return Err(PlanError::Year);
    }
    let text = plan::check(text).map_err(PlanError::Problems)?;
    let m = Measure {
        id: Id::new(),
        text,
        status: MeasureStatus::Planned,
        indicator,
    };
    store
        .add_dissemination_measure((unit, year), actor.account, &m, now)
        .await?;
    Ok(())
}

/// Sets where measure `id` of `unit`'s plan for `year` stands.
pub async fn set_status(
    store: &Store,
    actor: &Actor,
    (unit, year): (Id<Unit>, i32),
    id: &str,
    status: MeasureStatus,
    now: DateTime<Utc>,
) -> Result<(), PlanError> {
    own(actor, unit)?;
    if store
        .set_dissemination_status((unit, year), id, status, now)
        .await?
    {
        Ok(())
    } else {
        Err(PlanError::NotFound)
    }
}

/// Starts `unit`'s plan for the year after `year` from it: its measures not done or
/// dropped. The plan of `year` stays as it is.
pub async fn start_next_year(
    store: &Store,
    actor: &Actor,
    (unit, year): (Id<Unit>, i32),
    now: DateTime<Utc>,
) -> Result<i32, PlanError> {
    own(actor, unit)?;
    let next = year.saturating_add(1);
    if !plan::may_plan(next, carepath_domain::schedule::local_date(now)) {
        return Err(PlanError::Year);
    }
    if store
        .copy_dissemination_plan(unit, (year, next), actor.account, now)
        .await?
    {
        Ok(next)
    } else {
        Err(PlanError::Exists)
    }
}

/// The value of `indicator` in `year` of `s`, as shown: a count, a share, or hidden.
pub fn indicator_value(s: &Statistics, indicator: Indicator, year: i32) -> IndicatorValue {
    let y = s
        .years
        .iter()
        .find(|y| y.year == year)
        .cloned()
        .unwrap_or(Year {
            year,
            ..Year::default()
        });
    let people = |n: u64| {
        if outcome::may_show(n) {
            IndicatorValue::Count(n)
        } else {
            IndicatorValue::Hidden
        }
    };
    match indicator {
        Indicator::Referrals => people(y.referrals),
        Indicator::Started => people(y.started),
        Indicator::Enquiries => people(y.enquiries),
        Indicator::CourseParticipants => people(y.course_participants),
        Indicator::Visits => IndicatorValue::Count(y.visits),
        Indicator::GpShare => {
            let share = y.gp_share();
            match share.ratio().filter(|_| share.may_show()) {
                Some(r) => IndicatorValue::Share(r),
                None => IndicatorValue::Hidden,
            }
        }
    }
}

/// An indicator's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IndicatorValue {
    Count(u64),
    Share(f64),
    /// A count of people under five, or a share of one.
    Hidden,
}

// ---------------------------------------------------------------------------------------
// The annual report (decision 0051).

/// A unit's annual report for a year: one document, shown as a page and set as a PDF, so
/// both hold the same figures, which are the dissemination statistics' own.
#[derive(Debug, Clone)]
pub struct AnnualReport {
    pub unit: Unit,
    pub year: i32,
    pub document: carepath_document::pdf::Document,
}

/// The figure of `v` as text in `lang`.
fn value_text(v: IndicatorValue, lang: carepath_domain::Lang) -> String {
    match v {
        IndicatorValue::Count(n) => n.to_string(),
        IndicatorValue::Share(r) => format!(
            "{} %",
            carepath_i18n::number(lang, (r * 1000.0).round() / 10.0)
        ),
        IndicatorValue::Hidden => carepath_i18n::t(lang, "report-hidden"),
    }
}

/// The language files' key of an indicator's name.
pub fn indicator_key(i: Indicator) -> &'static str {
    match i {
        Indicator::Referrals => "spread-referrals",
        Indicator::GpShare => "report-gp-share",
        Indicator::Started => "spread-started",
        Indicator::Enquiries => "spread-enquiries",
        Indicator::CourseParticipants => "spread-course-participants",
        Indicator::Visits => "spread-visits",
    }
}

/// The language files' key of a status's name.
pub fn status_key(s: MeasureStatus) -> &'static str {
    match s {
        MeasureStatus::Planned => "plan-status-planned",
        MeasureStatus::Ongoing => "plan-status-ongoing",
        MeasureStatus::Done => "plan-status-done",
        MeasureStatus::Dropped => "plan-status-dropped",
    }
}

/// The annual report of `unit` (one of `actor`'s) for `year`, worded in `lang`: the year's
/// key figures with their sources, the outcome headline of each of its programs for
/// patients who started that year, the year's plan with each measure's status and
/// indicator, the most read public pages and the places running its programs.
pub async fn annual_report(
    store: &Store,
    actor: &Actor,
    (unit, year): (Id<Unit>, i32),
    lang: carepath_domain::Lang,
    now: DateTime<Utc>,
) -> Result<AnnualReport, StatisticsError> {
    use carepath_document::pdf::{Block, Document};
    use carepath_i18n::{t, t_args};
    let s = statistics(store, actor, unit, now).await?;
    let mut blocks = vec![Block::Paragraph {
        text: t_args(lang, "annual-intro", &[("year", year.into())]),
    }];
    // Key figures, each with where it comes from.
    blocks.push(Block::Heading {
        text: t_args(lang, "annual-figures", &[("year", year.into())]),
    });
    let rows = [
        (Indicator::Referrals, "annual-source-referrals"),
        (Indicator::GpShare, "annual-source-referrals"),
        (Indicator::Started, "annual-source-started"),
        (Indicator::Enquiries, "annual-source-enquiries"),
        (Indicator::CourseParticipants, "annual-source-courses"),
        (Indicator::Visits, "annual-source-visits"),
    ]
    .into_iter()
    .map(|(i, source)| {
        vec![
            t(lang, indicator_key(i)),
            value_text(indicator_value(&s, i, year), lang),
            t(lang, source),
        ]
    })
    .collect();
    blocks.push(Block::Table {
        columns: vec![
            t(lang, "report-col-item"),
            t(lang, "report-col-value"),
            t(lang, "annual-col-source"),
        ],
        rows,
    });
    // The outcome headline of each program, for the patients who started in the year.
    blocks.push(Block::Heading {
        text: t(lang, "annual-outcomes"),
    });
    let mut outcomes = Vec::new();
    let programs = store.unit_programs(unit).await?;
    for v in &programs {
        let ask = crate::outcome::Ask {
            program: &v.definition.key,
            unit: Some(unit),
            years: Some((year, year)),
            research: false,
        };
        let Ok(r) = crate::outcome::report(store, actor, &ask, now).await else {
            continue;
        };
        let title = v.definition.title.get(lang).to_owned();
        let patients = if outcome::may_show(r.patients) {
            r.patients.to_string()
        } else {
            t(lang, "report-hidden")
        };
        outcomes.push(vec![title.clone(), t(lang, "annual-patients"), patients]);
        for score in r.scores.iter().filter(|x| x.responder_rule.is_some()) {
            for p in &score.paired {
                let shown = p.responders.filter(|x| x.may_show());
                outcomes.push(vec![
                    title.clone(),
                    t_args(
                        lang,
                        "annual-responders",
                        &[("score", score.title.as_str().into())],
                    ),
                    match shown.and_then(Share::ratio) {
                        Some(ratio) => value_text(IndicatorValue::Share(ratio), lang),
                        None => t(lang, "report-hidden"),
                    },
                ]);
            }
        }
    }
    if outcomes.is_empty() {
        blocks.push(Block::Paragraph {
            text: t(lang, "annual-no-outcomes"),
        });
    } else {
        blocks.push(Block::Table {
            columns: vec![
                t(lang, "annual-col-program"),
                t(lang, "report-col-item"),
                t(lang, "report-col-value"),
            ],
            rows: outcomes,
        });
        blocks.push(Block::Paragraph {
            text: t(lang, "annual-source-outcomes"),
        });
    }
    // The year's plan.
    blocks.push(Block::Heading {
        text: t_args(lang, "annual-plan", &[("year", year.into())]),
    });
    match store.dissemination_plan(unit, year).await? {
        Some(p) if !p.measures.is_empty() => blocks.push(Block::Table {
            columns: vec![
                t(lang, "plan-measure"),
                t(lang, "plan-means"),
                t(lang, "plan-sub-goal"),
                t(lang, "plan-status"),
                t(lang, "plan-indicator"),
            ],
            rows: p
                .measures
                .iter()
                .map(|m| {
                    vec![
                        m.text.measure.clone(),
                        m.text.means.clone(),
                        m.text.sub_goal.clone(),
                        t(lang, status_key(m.status)),
                        m.indicator.map_or_else(String::new, |i| {
                            format!(
                                "{}: {}",
                                t(lang, indicator_key(i)),
                                value_text(indicator_value(&s, i, year), lang)
                            )
                        }),
                    ]
                })
                .collect(),
        }),
        _ => blocks.push(Block::Paragraph {
            text: t(lang, "annual-no-plan"),
        }),
    }
    if !s.most_read.is_empty() {
        blocks.push(Block::Heading {
            text: t(lang, "spread-section-most-read"),
        });
        blocks.push(Block::Table {
            columns: vec![t(lang, "annual-col-page"), t(lang, "annual-col-visits")],
            rows: s
                .most_read
                .iter()
                .map(|(path, n)| {
                    vec![
                        page_title(&s, path, lang).unwrap_or_else(|| t(lang, "public-front-title")),
                        n.to_string(),
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::Heading {
        text: t(lang, "spread-section-places"),
    });
    blocks.push(Block::Table {
        columns: vec![t(lang, "annual-col-program"), t(lang, "annual-col-places")],
        rows: s
            .places
            .iter()
            .map(|(program, n)| vec![program.clone(), n.to_string()])
            .collect(),
    });
    blocks.push(Block::Paragraph {
        text: t(lang, "annual-small-cells"),
    });
    let today = carepath_domain::schedule::local_date(now);
    Ok(AnnualReport {
        document: Document {
            title: t_args(lang, "annual-title", &[("year", year.into())]),
            lang: lang.code().to_owned(),
            from: vec![s.unit.name.clone()],
            date: carepath_i18n::date(lang, today),
            to: Vec::new(),
            facts: vec![
                [t(lang, "annual-unit"), s.unit.name.clone()],
                [t(lang, "plan-year"), year.to_string()],
            ],
            blocks,
            footer: t_args(
                lang,
                "annual-footer",
                &[("unit", s.unit.name.as_str().into()), ("year", year.into())],
            ),
        },
        unit: s.unit,
        year,
    })
}
