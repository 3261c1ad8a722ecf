//! Outcome reports (issue 16, decision 0037): a program's effect from its own data, per
//! unit and period. The care team sees its own units' patients; a researcher sees every
//! unit's, through an approved project covering the program, counting only patients who
//! consented to research. Everyone else is refused. Each report read is in the access log.
//!
//! What is counted: for every score of a questionnaire asked once at fixed times (start,
//! 3 and 6 months), its band distribution at each time (everyone who answered), paired
//! against the start (the patients with both, Fig. 3's "respondere"), the responders by
//! the score's own rule, the mean change with its interval; the response rate of each
//! time; patients started, finished and withdrawn per year of start; referral sources and
//! the GP share per year; age and sex; alerts per patient-week and the time from a red
//! alert to its acknowledgement. The domain's rules hide every group smaller than five.

use std::collections::{BTreeMap, HashMap};

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::organization::Unit;
use carepath_domain::outcome::{self, MeanCi, Share};
use carepath_domain::program::{Offset, Program, ProgramVersion};
use carepath_domain::user::Role;
use carepath_store::outcome::Scope;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};

use crate::access::Actor;

/// The canonical URL of a program (FHIR `PlanDefinition.url`).
pub fn program_url(key: &str) -> String {
    format!("https://carepath.no/fhir/PlanDefinition/{key}")
}

/// What is asked for.
#[derive(Debug, Clone, Default)]
pub struct Ask<'a> {
    /// The program's canonical URL (every version) or `url|version` (one); its key alone
    /// is taken too.
    pub program: &'a str,
    /// One of the caller's units; all of them when none.
    pub unit: Option<Id<Unit>>,
    /// Patients who started in these years (both included); every year when none.
    pub years: Option<(i32, i32)>,
    /// As a researcher (through a project), not as the care team.
    pub research: bool,
}

/// Why there is no report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("no program has that address")]
    UnknownProgram,
    #[error("the caller may not see this program's figures")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whose figures a report holds.
#[derive(Debug, Clone)]
pub enum Whose {
    /// The care team's units (named).
    Units(Vec<Unit>),
    /// Every unit's consenting patients, through a research project.
    Research { project: String },
}

/// A band distribution: how many were in each of the score's bands (as shown: `None`
/// is hidden), of `n`.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    pub n: u64,
    pub counts: Vec<Option<u64>>,
}

impl Distribution {
    fn of(counts: &[u64]) -> Self {
        Self {
            n: counts.iter().sum(),
            counts: outcome::suppress(counts),
        }
    }

    /// Whether the group is large enough to show at all.
    pub fn shown(&self) -> bool {
        self.n >= outcome::MIN_CELL
    }

    /// The share of band `i`, when shown.
    pub fn share(&self, i: usize) -> Option<f64> {
        let k = (*self.counts.get(i)?)?;
        Share { k, n: self.n }.ratio()
    }
}

/// A later time against the start, for the patients with both.
#[derive(Debug, Clone, PartialEq)]
pub struct Paired {
    pub at: Offset,
    pub start: Distribution,
    pub later: Distribution,
    /// Responders by the score's rule (none without a rule or when hidden).
    pub responders: Option<Share>,
    /// The mean change (later minus start) with its 95 % interval.
    pub change: Option<MeanCi>,
}

/// One score over the program's times.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreReport {
    pub code: String,
    pub title: String,
    /// The bands' codes and labels, lowest score first.
    pub bands: Vec<(String, String)>,
    /// Everyone who answered, per time.
    pub times: Vec<(Offset, Distribution, Option<MeanCi>)>,
    pub paired: Vec<Paired>,
    /// The rule's smallest change and whether lower is better, when it has one.
    pub responder_rule: Option<(f64, bool)>,
}

/// A time of a questionnaire: asked, answered, missed (closed unanswered), still open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    pub questionnaire: String,
    pub title: String,
    pub at: Offset,
    pub asked: u64,
    pub answered: u64,
    pub missed: u64,
    pub open: u64,
}

/// One year of start (or of referral).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    pub started: u64,
    pub finished: u64,
    pub withdrawn: u64,
    pub running: u64,
    pub referrals: u64,
    pub from_gp: u64,
}

impl Year {
    pub fn gp_share(&self) -> Share {
        Share {
            k: self.from_gp,
            n: self.referrals,
        }
    }
}

/// One year of a program's group courses on site (decision 0046): sessions held, the
/// patients who came, and of those who answered the satisfaction questionnaire about it,
/// the share who would recommend the course. Counts of people under five are hidden, and
/// the share too when its yes or no count would be.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseYear {
    pub year: i32,
    pub sessions: u64,
    pub attended: Option<u64>,
    pub answered: Option<u64>,
    pub recommend: Option<Share>,
}

/// Alerts of the patients counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alerts {
    pub patient_weeks: f64,
    pub yellow: u64,
    pub red: u64,
    /// Hours from a red alert to its acknowledgement (of those acknowledged).
    pub red_hours: Option<MeanCi>,
    pub red_median_hours: Option<f64>,
    pub red_open: u64,
    /// For a program where patients register measurements: the share of each patient's
    /// days in the program (from the start until its end or today) with at least one
    /// measurement, as a mean over the patients.
    pub adherence: Option<MeanCi>,
    /// Whether the program asks for measurements at all.
    pub measures: bool,
}

/// An outcome report.
#[derive(Debug, Clone)]
pub struct Report {
    pub program: Program,
    pub title: String,
    /// The canonical URL, with `|version` when one version was asked for.
    pub canonical: String,
    pub version_label: Option<String>,
    pub whose: Whose,
    /// The years of start counted (both included), when limited.
    pub years: Option<(i32, i32)>,
    /// Patients counted (started in the scope).
    pub patients: u64,
    pub scores: Vec<ScoreReport>,
    pub rates: Vec<Rate>,
    pub per_year: Vec<Year>,
    /// Referral sources (`gp`, `hospital`, `other`) and how patients heard of the program.
    pub sources: Vec<(String, Option<u64>)>,
    pub heard_about: Vec<(String, Option<u64>)>,
    /// Age bands at the start (`16-17`, `18-29`, ...), mean age.
    pub ages: Vec<(String, Option<u64>)>,
    pub mean_age: Option<MeanCi>,
    /// `female`, `male`, `other`, `unknown` (not recorded).
    pub sexes: Vec<(String, Option<u64>)>,
    pub alerts: Alerts,
    /// The group courses per year of session, for a program that runs them.
    pub group_courses: Option<Vec<CourseYear>>,
}

impl Report {
    /// Whether any figure is hidden because its group is smaller than five.
    pub fn has_hidden(&self) -> bool {
        let hidden = |d: &Distribution| d.counts.iter().any(Option::is_none);
        self.scores.iter().any(|s| {
            s.times.iter().any(|(_, d, _)| hidden(d))
                || s.paired
                    .iter()
                    .any(|p| hidden(&p.start) || hidden(&p.later))
        }) || [&self.sources, &self.heard_about, &self.ages, &self.sexes]
            .iter()
            .any(|list| list.iter().any(|(_, c)| c.is_none()))
            || self.group_courses.iter().flatten().any(|y| {
                y.attended.is_none()
                    || y.answered.is_none()
                    || (y.answered.is_some_and(|n| n > 0) && y.recommend.is_none())
            })
    }
}

/// The program `asked` names (canonical URL or key, `|number` for one version): the
/// program, its versions counted, and the version label when one.
async fn resolve(
    store: &Store,
    asked: &str,
) -> Result<(Program, Vec<ProgramVersion>, Option<String>), ReportError> {
    let (url, number) = match asked.split_once('|') {
        Some((u, n)) => (
            u,
            Some(n.parse::<i64>().map_err(|_| ReportError::UnknownProgram)?),
        ),
        None => (asked, None),
    };
    let key = url
        .strip_prefix("https://carepath.no/fhir/PlanDefinition/")
        .unwrap_or(url);
    let latest = store
        .latest_program_version(key)
        .await?
        .ok_or(ReportError::UnknownProgram)?;
    let mut versions = store.program_versions(latest.program_id).await?;
    if let Some(n) = number {
        versions.retain(|v| v.number == n);
        if versions.is_empty() {
            return Err(ReportError::UnknownProgram);
        }
    }
    let program = Program {
        id: latest.program_id,
        key: key.to_owned(),
    };
    let label = number.and_then(|_| versions.first().map(|v| v.definition.version_label.clone()));
    Ok((program, versions, label))
}

/// The programs the caller may see reports of, as (canonical URL, title): the ones their
/// units run, or (as a researcher) their open projects cover.
pub async fn programs(
    store: &Store,
    actor: &Actor,
    research: bool,
    today: NaiveDate,
) -> Result<Vec<(String, String)>, StoreError> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |v: &ProgramVersion| {
        let url = program_url(&v.definition.key);
        if !out.iter().any(|(u, _)| *u == url) {
            out.push((
                url,
                v.definition.title.get(carepath_domain::Lang::Nb).to_owned(),
            ));
        }
    };
    if research {
        let projects = actor.open_projects(store, today).await?;
        for v in store.all_program_versions().await?.iter().rev() {
            if projects
                .iter()
                .any(|p| p.covers(actor.account, v.program_id, today))
            {
                add(v);
            }
        }
    } else {
        for unit in actor.care_units() {
            for v in store.unit_programs(unit).await? {
                add(&v);
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// Who the caller is for this program: the care team's units running it, or a research
/// project covering it.
async fn whose(
    store: &Store,
    actor: &Actor,
    program: Id<Program>,
    ask: &Ask<'_>,
    today: NaiveDate,
) -> Result<Whose, ReportError> {
    if ask.research {
        let project = actor
            .researches(store, program, today)
            .await?
            .ok_or(ReportError::Forbidden)?;
        return Ok(Whose::Research {
            project: project.title,
        });
    }
    let units = actor.reports_on(store, program, ask.unit).await?;
    if units.is_empty() {
        return Err(ReportError::Forbidden);
    }
    Ok(Whose::Units(units))
}

/// The report `ask` names, for `actor`, as of `now`.
pub async fn report(
    store: &Store,
    actor: &Actor,
    ask: &Ask<'_>,
    now: DateTime<Utc>,
) -> Result<Report, ReportError> {
    let today = carepath_domain::schedule::local_date(now);
    let (program, versions, version_label) = resolve(store, ask.program).await?;
    let whose = whose(store, actor, program.id, ask, today).await?;
    let newest = versions.first().ok_or(ReportError::UnknownProgram)?.clone();
    let (from, until) = match ask.years {
        Some((a, b)) => (year_start(a.min(b)), year_start(a.max(b).saturating_add(1))),
        None => (year_start(1900), year_start(today.year().saturating_add(1))),
    };
    let scope = Scope {
        program: program.id,
        versions: versions.iter().map(|v| v.id).collect(),
        units: match &whose {
            Whose::Units(units) => Some(units.iter().map(|u| u.id).collect()),
            Whose::Research { .. } => None,
        },
        started: (from, until),
        consenting_only: matches!(whose, Whose::Research { .. }),
    };
    // The times: each version's schedule entries asked once, as (questionnaire, at).
    let mut times: HashMap<(Id<ProgramVersion>, usize), (String, Offset)> = HashMap::new();
    for v in &versions {
        for (i, s) in v.definition.schedule.iter().enumerate() {
            if s.every.is_none() {
                times.insert((v.id, i), (s.questionnaire.clone(), s.at));
            }
        }
    }
    let mut keys: Vec<String> = times.values().map(|(k, _)| k.clone()).collect();
    keys.sort();
    keys.dedup();

    // Independent reads, side by side (each on a connection of its own).
    let measures = !newest.definition.measurements.is_empty();
    let measurements = async {
        if measures {
            store
                .outcome_measurements(&scope, &newest.definition.measurements)
                .await
        } else {
            Ok(Vec::new())
        }
    };
    let (rows, referrals, alerts, measured) = tokio::try_join!(
        store.outcome_rows(&scope, &keys),
        store.outcome_referrals(&scope),
        store.outcome_alerts(&scope),
        measurements,
    )?;
    let carepath_store::outcome::OutcomeRows {
        enrollments: facts,
        tasks,
        scores,
    } = rows;

    // Scores: per questionnaire's score rule, per time, per enrollment.
    let mut reports = Vec::new();
    for key in &keys {
        let Ok(q) = store.questionnaire(newest.id, key).await else {
            continue;
        };
        let Some(scoring) = &q.scoring else { continue };
        let mut ats: Vec<Offset> = times
            .iter()
            .filter(|((v, _), (k, _))| *k == *key && *v == newest.id)
            .map(|(_, (_, at))| *at)
            .collect();
        ats.sort_by_key(|a| days(*a));
        ats.dedup();
        for rule in scoring
            .scores
            .iter()
            .filter(|r| !r.quiet && !r.bands.is_empty())
        {
            let mut by_time: BTreeMap<u32, HashMap<u32, (f64, Option<String>)>> = BTreeMap::new();
            for s in scores.iter().filter(|s| s.code == rule.code) {
                let Some((k, at)) = times.get(&(s.version, s.entry)) else {
                    continue;
                };
                let Some(value) = s.value else { continue };
                if k == key {
                    by_time
                        .entry(days(*at))
                        .or_default()
                        .insert(s.enrollment, (value, s.band.clone()));
                }
            }
            let bands: Vec<(String, String)> = rule
                .bands
                .iter()
                .map(|b| (b.code.clone(), b.label.clone()))
                .collect();
            let labels: Vec<&str> = bands.iter().map(|(c, _)| c.as_str()).collect();
            let band_of = |value: f64, stored: &Option<String>| {
                stored
                    .clone()
                    .or_else(|| rule.band_of(value).map(|b| b.code.clone()))
            };
            let dist = |values: &mut dyn Iterator<Item = Option<String>>| {
                let owned: Vec<Option<String>> = values.collect();
                let counts: Vec<u64> =
                    outcome::distribution(&labels, owned.iter().map(Option::as_deref))
                        .into_iter()
                        .map(|(_, c)| c)
                        .collect();
                Distribution::of(&counts)
            };
            let mut report_times = Vec::new();
            for at in &ats {
                let answered = by_time.get(&days(*at));
                let values: Vec<f64> = answered
                    .map(|m| m.values().map(|(v, _)| *v).collect())
                    .unwrap_or_default();
                let d = dist(
                    &mut answered
                        .into_iter()
                        .flat_map(|m| m.values())
                        .map(|(v, b)| band_of(*v, b)),
                );
                let mean = shown_mean(&values);
                report_times.push((*at, d, mean));
            }
            let mut paired = Vec::new();
            if let Some(first) = ats.first().and_then(|a| by_time.get(&days(*a))) {
                for at in ats.iter().skip(1) {
                    let Some(later) = by_time.get(&days(*at)) else {
                        paired.push(Paired {
                            at: *at,
                            start: Distribution::of(&vec![0; labels.len()]),
                            later: Distribution::of(&vec![0; labels.len()]),
                            responders: None,
                            change: None,
                        });
                        continue;
                    };
                    let mut both: Vec<u32> = first
                        .keys()
                        .filter(|k| later.contains_key(*k))
                        .copied()
                        .collect();
                    both.sort_unstable();
                    let start = dist(&mut both.iter().map(|k| band_of(first[k].0, &first[k].1)));
                    let now = dist(&mut both.iter().map(|k| band_of(later[k].0, &later[k].1)));
                    let n = u64::try_from(both.len()).unwrap_or(u64::MAX);
                    let responders = rule.responder.as_ref().map(|_| Share {
                        k: u64::try_from(
                            both.iter()
                                .filter(|k| {
                                    rule.is_responder(first[*k].0, later[*k].0) == Some(true)
                                })
                                .count(),
                        )
                        .unwrap_or(u64::MAX),
                        n,
                    });
                    let changes: Vec<f64> = both.iter().map(|k| later[k].0 - first[k].0).collect();
                    paired.push(Paired {
                        at: *at,
                        start,
                        later: now,
                        responders: responders.filter(|s| s.may_show()),
                        change: shown_mean(&changes),
                    });
                }
            }
            reports.push(ScoreReport {
                code: rule.code.clone(),
                title: rule.title.clone(),
                bands,
                times: report_times,
                paired,
                responder_rule: rule.responder.as_ref().map(|r| {
                    (
                        r.change_at_least,
                        r.better == carepath_fhir::scoring::Direction::Lower,
                    )
                }),
            });
        }
    }

    // The program's main outcome first: scores with a responder rule, then those asked
    // at more times.
    reports.sort_by_key(|s| (s.responder_rule.is_none(), std::cmp::Reverse(s.times.len())));

    // Response rates per questionnaire and time.
    let mut rates: Vec<Rate> = Vec::new();
    for t in &tasks {
        let Some((key, at)) = times.get(&(t.version, t.entry)) else {
            continue;
        };
        let i = match rates
            .iter()
            .position(|r| r.questionnaire == *key && r.at == *at)
        {
            Some(i) => i,
            None => {
                let title = store
                    .questionnaire(newest.id, key)
                    .await
                    .ok()
                    .and_then(|q| q.questionnaire.title.clone())
                    .unwrap_or_else(|| key.clone());
                rates.push(Rate {
                    questionnaire: key.clone(),
                    title,
                    at: *at,
                    asked: 0,
                    answered: 0,
                    missed: 0,
                    open: 0,
                });
                rates.len() - 1
            }
        };
        let n = u64::try_from(t.count).unwrap_or(0);
        let r = &mut rates[i];
        r.asked += n;
        match t.status.as_str() {
            "completed" => r.answered += n,
            "expired" => r.missed += n,
            "cancelled" => r.asked -= n,
            _ => r.open += n,
        }
    }
    rates.sort_by(|a, b| (days(a.at), &a.title).cmp(&(days(b.at), &b.title)));

    // Years, sources, ages, sexes.
    let mut years: BTreeMap<i32, Year> = BTreeMap::new();
    for f in &facts {
        let y = years.entry(local_year(f.started_at)).or_default();
        y.started += 1;
        match f.status.as_str() {
            "finished" => y.finished += 1,
            "withdrawn" => y.withdrawn += 1,
            _ => y.running += 1,
        }
    }
    let mut sources: BTreeMap<String, u64> = BTreeMap::new();
    let mut heard: BTreeMap<String, u64> = BTreeMap::new();
    for r in &referrals {
        let n = u64::try_from(r.count).unwrap_or(0);
        let y = years.entry(local_year(r.received_at)).or_default();
        y.referrals += n;
        if r.source == "gp" {
            y.from_gp += n;
        }
        *sources.entry(r.source.clone()).or_default() += n;
        *heard.entry(r.heard_about.clone()).or_default() += n;
    }
    let per_year: Vec<Year> = years
        .into_iter()
        .map(|(year, y)| Year { year, ..y })
        .collect();
    let mut ages: Vec<(String, u64)> = AGE_BANDS
        .iter()
        .map(|(l, _, _)| ((*l).to_owned(), 0))
        .collect();
    let mut age_values = Vec::new();
    let mut sexes: Vec<(String, u64)> = ["female", "male", "other", "unknown"]
        .iter()
        .map(|s| ((*s).to_owned(), 0))
        .collect();
    for f in &facts {
        let start = carepath_domain::schedule::local_date(f.started_at);
        let age = start.years_since(f.birth_date).unwrap_or(0);
        age_values.push(f64::from(age));
        if let Some(i) = AGE_BANDS
            .iter()
            .position(|(_, lo, hi)| (*lo..=*hi).contains(&age))
        {
            ages[i].1 += 1;
        }
        let sex = f
            .gender
            .as_deref()
            .filter(|g| matches!(*g, "female" | "male" | "other"))
            .unwrap_or("unknown");
        if let Some(s) = sexes.iter_mut().find(|(k, _)| k == sex) {
            s.1 += 1;
        }
    }

    // Alerts per patient-week; red to acknowledged.
    let weeks: f64 = facts
        .iter()
        .map(|f| {
            let end = Offset::Months(newest.definition.duration_months)
                .after(f.started_at)
                .min(now);
            hours(end - f.started_at).max(0.0) / (24.0 * 7.0)
        })
        .sum();
    let mut red_hours: Vec<f64> = alerts
        .iter()
        .filter(|a| a.colour == "red")
        .filter_map(|a| a.acknowledged_at.map(|t| hours(t - a.raised_at)))
        .collect();
    red_hours.sort_by(f64::total_cmp);
    let count =
        |c: &str| u64::try_from(alerts.iter().filter(|a| a.colour == c).count()).unwrap_or(0);
    // Measurement adherence: the days with a measurement of each patient who measured,
    // against their days in the program; patients who never measured count as 0.
    let adherence = (!newest.definition.measurements.is_empty()).then(|| {
        let mut days: HashMap<u32, (DateTime<Utc>, std::collections::HashSet<NaiveDate>)> =
            HashMap::new();
        for (e, start, at) in &measured {
            days.entry(*e)
                .or_insert_with(|| (*start, std::collections::HashSet::new()))
                .1
                .insert(carepath_domain::schedule::local_date(*at));
        }
        let measured: Vec<(u64, u64)> = days
            .values()
            .map(|(start, d)| {
                let end = Offset::Months(newest.definition.duration_months)
                    .after(*start)
                    .min(now);
                let span = (carepath_domain::schedule::local_date(end)
                    - carepath_domain::schedule::local_date(*start))
                .num_days();
                (
                    u64::try_from(d.len()).unwrap_or(u64::MAX),
                    u64::try_from(span).unwrap_or(0),
                )
            })
            .collect();
        outcome::adherence(&measured, facts.len())
    });
    let alert_stats = Alerts {
        patient_weeks: weeks,
        yellow: count("yellow"),
        red: count("red"),
        red_median_hours: (red_hours.len() >= usize::try_from(outcome::MIN_CELL).unwrap_or(5))
            .then(|| red_hours[red_hours.len() / 2]),
        red_hours: shown_mean(&red_hours),
        adherence: adherence.as_deref().and_then(shown_mean),
        measures: !newest.definition.measurements.is_empty(),
        red_open: u64::try_from(
            alerts
                .iter()
                .filter(|a| a.colour == "red" && a.acknowledged_at.is_none())
                .count(),
        )
        .unwrap_or(0),
    };

    let group_courses = match &newest.definition.group_courses {
        None => None,
        Some(g) => {
            let versions: Vec<String> = scope.versions.iter().map(ToString::to_string).collect();
            let units: Option<Vec<String>> = scope
                .units
                .as_ref()
                .map(|u| u.iter().map(ToString::to_string).collect());
            let seats = store
                .group_course_seats(
                    &program.key,
                    &versions,
                    units.as_deref(),
                    scope.consenting_only,
                    &g.recommend_score,
                )
                .await?;
            Some(course_years(&seats, &g.recommend_bands))
        }
    };

    let canonical = match ask.program.split_once('|') {
        Some((_, n)) => format!("{}|{n}", program_url(&program.key)),
        None => program_url(&program.key),
    };
    audit_read(store, actor, &whose, &canonical, now).await?;
    Ok(Report {
        title: newest
            .definition
            .title
            .get(carepath_domain::Lang::Nb)
            .to_owned(),
        program,
        canonical,
        version_label,
        whose,
        years: ask.years.map(|(a, b)| (a.min(b), a.max(b))),
        patients: u64::try_from(facts.len()).unwrap_or(u64::MAX),
        scores: reports,
        rates,
        per_year,
        sources: shown(sources.into_iter().collect()),
        heard_about: shown(heard.into_iter().collect()),
        ages: shown(ages),
        mean_age: shown_mean(&age_values),
        sexes: shown(sexes),
        alerts: alert_stats,
        group_courses,
    })
}

/// The group courses' figures per year of session.
fn course_years(
    seats: &[carepath_store::appointment::GroupCourseSeat],
    yes: &[String],
) -> Vec<CourseYear> {
    #[derive(Default)]
    struct Tally {
        sessions: std::collections::HashSet<Id<carepath_domain::appointment::Appointment>>,
        attended: u64,
        yes: u64,
        no: u64,
    }
    let mut years: BTreeMap<i32, Tally> = BTreeMap::new();
    for s in seats {
        let t = years.entry(local_year(s.start)).or_default();
        t.sessions.insert(s.session);
        if !s.attended {
            continue;
        }
        t.attended += 1;
        match &s.recommend_band {
            Some(b) if yes.contains(b) => t.yes += 1,
            Some(_) => t.no += 1,
            None => {}
        }
    }
    years
        .into_iter()
        .map(|(year, t)| {
            let answered = t.yes + t.no;
            let split = outcome::suppress(&[t.yes, t.no]);
            CourseYear {
                year,
                sessions: u64::try_from(t.sessions.len()).unwrap_or(u64::MAX),
                attended: outcome::may_show(t.attended).then_some(t.attended),
                answered: outcome::may_show(answered).then_some(answered),
                recommend: split
                    .iter()
                    .all(Option::is_some)
                    .then_some(Share {
                        k: t.yes,
                        n: answered,
                    })
                    .filter(|s| s.n > 0),
            }
        })
        .collect()
}

/// The age bands of a report: label, lowest and highest age.
const AGE_BANDS: [(&str, u32, u32); 7] = [
    ("16-17", 16, 17),
    ("18-29", 18, 29),
    ("30-39", 30, 39),
    ("40-49", 40, 49),
    ("50-59", 50, 59),
    ("60-69", 60, 69),
    ("70+", 70, 200),
];

/// A list of counts as shown (small ones hidden, see [`outcome::suppress`]).
fn shown(list: Vec<(String, u64)>) -> Vec<(String, Option<u64>)> {
    let counts: Vec<u64> = list.iter().map(|(_, c)| *c).collect();
    list.into_iter()
        .zip(outcome::suppress(&counts))
        .map(|((k, _), c)| (k, c))
        .collect()
}

/// A mean with its interval, of at least five values.
fn shown_mean(values: &[f64]) -> Option<MeanCi> {
    // Summed in one order, so the same data give the same last digit on every run and
    // database.
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    (sorted.len() >= usize::try_from(outcome::MIN_CELL).unwrap_or(5))
        .then(|| outcome::mean_ci95(&sorted))
        .flatten()
}

/// Roughly how many days an offset is, to order times.
fn days(at: Offset) -> u32 {
    match at {
        Offset::Days(n) => n,
        Offset::Weeks(n) => n * 7,
        Offset::Months(n) => n * 30,
    }
}

#[allow(clippy::cast_precision_loss)] // Minutes far below 2^52.
fn hours(d: chrono::Duration) -> f64 {
    d.num_minutes() as f64 / 60.0
}

fn year_start(year: i32) -> DateTime<Utc> {
    carepath_domain::schedule::local_instant(
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        NaiveTime::MIN,
    )
}

fn local_year(at: DateTime<Utc>) -> i32 {
    carepath_domain::schedule::local_date(at).year()
}

/// The access log's record of reading a report (no patient is named: a report counts
/// groups of at least five).
async fn audit_read(
    store: &Store,
    actor: &Actor,
    whose: &Whose,
    canonical: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (role, unit) = match whose {
        Whose::Units(units) => (
            units
                .first()
                .map_or(Role::Clinician, |u| actor.role_in(u.id)),
            units.first().map(|u| u.id),
        ),
        Whose::Research { .. } => (Role::Researcher, None),
    };
    let event = AuditEvent {
        actor: actor.account,
        role,
        unit,
        patient: None,
        action: AuditAction::Read,
        resource_type: "OutcomeReport",
        resource_id: canonical.to_owned(),
        reason: None,
        session: Some(actor.session.clone()).filter(|s| !s.is_empty()),
    };
    store.audit(&event, now).await
}
