//! `program.toml` and the files it points to, assembled into a [`ProgramDefinition`].

use std::collections::{BTreeMap, BTreeSet};

use carepath_domain::eligibility::EligibilityRules;
use carepath_domain::program::{
    ModuleDefinition, ModuleKind, Offset, PageDefinition, ProgramDefinition, ScheduledQuestionnaire,
};
use carepath_domain::{Lang, LocalizedText};
use toml::Spanned;

use crate::page::{self, PageSource};
use crate::{MediaFile, PackageFiles, PackageQuestionnaire, Problem};

const MANIFEST: &str = "program.toml";

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    key: Spanned<String>,
    version: String,
    title: LocalizedText,
    summary: LocalizedText,
    duration_months: u32,
    eligibility: EligibilityRules,
    #[serde(default)]
    modules: Vec<ModuleEntry>,
    #[serde(default)]
    schedule: Vec<ScheduleEntry>,
    #[serde(default)]
    measurements: Vec<Spanned<String>>,
    #[serde(default)]
    thresholds: Vec<carepath_domain::threshold::MeasurementLimits>,
    #[serde(default)]
    escalation: carepath_domain::threshold::Escalation,
    #[serde(default)]
    missing_data: Vec<carepath_domain::threshold::MissingData>,
    #[serde(default)]
    score_rules: Vec<carepath_domain::threshold::ScoreRule>,
    #[serde(default)]
    trend_rules: Vec<carepath_domain::threshold::TrendRule>,
    #[serde(default)]
    start: carepath_domain::program::StartPage,
    #[serde(default)]
    messaging: carepath_domain::conversation::MessagingRules,
    #[serde(default)]
    letters: Vec<LetterEntry>,
    #[serde(default)]
    group_courses: Option<carepath_domain::program::GroupCourses>,
    #[serde(default)]
    public: PublicEntry,
}

/// `[public]`: which of the public pages is the one for referrers.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PublicEntry {
    #[serde(default)]
    referrers: Option<String>,
}

/// A letter to the GP (decision 0034).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LetterEntry {
    key: Spanned<String>,
    at: Offset,
    title: String,
    intro: String,
    closing: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ModuleEntry {
    key: Spanned<String>,
    title: LocalizedText,
    summary: LocalizedText,
    kind: ModuleKind,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleEntry {
    questionnaire: Spanned<String>,
    at: Offset,
    #[serde(default)]
    required_before_modules: bool,
    #[serde(default)]
    every: Option<Offset>,
    #[serde(default)]
    weekday: Option<carepath_domain::schedule::ScheduleWeekday>,
    #[serde(default)]
    times: Option<u32>,
    /// `HH:MM`, Europe/Oslo.
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    window: Option<Offset>,
    #[serde(default)]
    overdue_after: Option<Offset>,
    #[serde(default)]
    reminders: Vec<Offset>,
    #[serde(default)]
    alert_when_expired: Option<String>,
}

pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(crate) fn read(
    files: &PackageFiles,
    questionnaires: &[PackageQuestionnaire],
    media: &[MediaFile],
    problems: &mut Vec<Problem>,
) -> Option<ProgramDefinition> {
    check_layout(files, problems);
    let Some(bytes) = files.get(MANIFEST) else {
        problems.push(Problem::new(
            MANIFEST,
            None,
            "missing: every package needs a program.toml",
        ));
        return None;
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            problems.push(Problem::new(MANIFEST, None, "not UTF-8 text"));
            return None;
        }
    };
    let manifest: Manifest = match toml::from_str(text) {
        Ok(m) => m,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            problems.push(Problem::new(MANIFEST, line, e.message().trim().to_owned()));
            return None;
        }
    };
    let line = |s: &std::ops::Range<usize>| Some(line_of(text, s.start));

    if !is_key(manifest.key.get_ref()) {
        problems.push(Problem::new(
            MANIFEST,
            line(&manifest.key.span()),
            "key may only hold a-z, 0-9 and -",
        ));
    }
    if manifest.duration_months == 0 {
        problems.push(Problem::new(
            MANIFEST,
            None,
            "duration_months must be at least 1",
        ));
    }
    let e = &manifest.eligibility;
    if e.exception_min_age.is_some_and(|x| x > e.min_age) {
        problems.push(Problem::new(
            MANIFEST,
            None,
            "eligibility.exception_min_age must not be above min_age",
        ));
    }

    let terms = localized_markdown(files, "terms", problems);
    if terms.is_none() {
        problems.push(Problem::new(
            "terms.md",
            None,
            "missing: the treatment terms the patient accepts",
        ));
    }

    let media_names: BTreeSet<&str> = media.iter().map(|m| m.name.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut modules = Vec::new();
    for entry in &manifest.modules {
        let key = entry.key.get_ref();
        if !is_key(key) {
            problems.push(Problem::new(
                MANIFEST,
                line(&entry.key.span()),
                "module key may only hold a-z, 0-9 and -",
            ));
        }
        if !seen.insert(key.clone()) {
            problems.push(Problem::new(
                MANIFEST,
                line(&entry.key.span()),
                format!("module `{key}` is listed twice"),
            ));
        }
        let pages = read_pages(files, &format!("modules/{key}/"), &media_names, problems);
        if pages.is_empty() {
            problems.push(Problem::new(
                MANIFEST,
                line(&entry.key.span()),
                format!("module `{key}` has no pages: add modules/{key}/01-<name>.md"),
            ));
        }
        modules.push(ModuleDefinition {
            key: key.clone(),
            title: entry.title.clone(),
            summary: entry.summary.clone(),
            kind: entry.kind,
            pages,
        });
    }
    if modules.is_empty() {
        problems.push(Problem::new(
            MANIFEST,
            None,
            "the program has no modules: add [[modules]] entries",
        ));
    }
    for (path, _) in files.iter() {
        if let Some(rest) = path.strip_prefix("modules/") {
            let module = rest.split('/').next().unwrap_or_default();
            if !seen.contains(module) {
                problems.push(Problem::new(
                    path,
                    None,
                    format!("module folder `{module}` is not listed in program.toml"),
                ));
            }
        }
    }

    let known: BTreeSet<&str> = questionnaires.iter().map(|q| q.key.as_str()).collect();
    let mut gates = 0;
    let mut schedule = Vec::new();
    for entry in &manifest.schedule {
        let key = entry.questionnaire.get_ref();
        if !known.contains(key.as_str()) {
            problems.push(Problem::new(
                MANIFEST,
                line(&entry.questionnaire.span()),
                format!("schedule names questionnaire `{key}`, but questionnaires/{key}.json does not exist"),
            ));
        }
        if entry.required_before_modules {
            gates += 1;
            if gates == 2 {
                problems.push(Problem::new(
                    MANIFEST,
                    line(&entry.questionnaire.span()),
                    "only one questionnaire can be required before the modules open",
                ));
            }
        }
        let at = line(&entry.questionnaire.span());
        let mut problem = |text: &str| problems.push(Problem::new(MANIFEST, at, text));
        let zero = |o: Option<Offset>| {
            matches!(
                o,
                Some(Offset::Days(0) | Offset::Weeks(0) | Offset::Months(0))
            )
        };
        if zero(entry.every) {
            problem("`every` must be at least 1d, 1w or 1m");
        }
        if zero(entry.window) {
            problem("`window` must be at least 1d: the patient needs time to answer");
        }
        if entry.every.is_none() && entry.times.is_some() {
            problem("`times` counts a series: add `every` (e.g. every = \"1w\")");
        }
        if entry.times == Some(0) {
            problem("`times` must be at least 1");
        }
        if entry.every.is_some() && entry.required_before_modules {
            problem(
                "the questionnaire required before the modules open is answered once: remove `every`",
            );
        }
        let time = match entry.time.as_deref() {
            None => None,
            Some(t) => match chrono::NaiveTime::parse_from_str(t, "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    problem("`time` is a time of day in Norway, written HH:MM (e.g. \"08:00\")");
                    None
                }
            },
        };
        schedule.push(ScheduledQuestionnaire {
            questionnaire: key.clone(),
            at: entry.at,
            required_before_modules: entry.required_before_modules,
            every: entry.every,
            weekday: entry.weekday,
            times: entry.times,
            time,
            window: entry.window,
            overdue_after: entry.overdue_after,
            reminders: entry.reminders.clone(),
            alert_when_expired: entry.alert_when_expired.clone(),
        });
        if let Some(c) = &entry.alert_when_expired
            && !["yellow", "red"].contains(&c.as_str())
        {
            problems.push(Problem::new(
                MANIFEST,
                None,
                format!(
                    "schedule of `{key}`: alert_when_expired must be \"yellow\" or \"red\", found \"{c}\""
                ),
            ));
        }
    }

    let mut measurements = Vec::new();
    for m in &manifest.measurements {
        let key = m.get_ref();
        if carepath_domain::measurement::MeasurementKind::from_key(key).is_none() {
            let known: Vec<&str> = carepath_domain::measurement::MeasurementKind::ALL
                .iter()
                .map(|k| k.info().key)
                .collect();
            problems.push(Problem::new(
                MANIFEST,
                line(&m.span()),
                format!(
                    "unknown measurement `{key}`; use one of: {}",
                    known.join(", ")
                ),
            ));
        } else if !measurements.contains(key) {
            measurements.push(key.clone());
        }
    }

    for t in &manifest.thresholds {
        if !measurements.contains(&t.measurement) {
            problems.push(Problem::new(
                MANIFEST,
                None,
                format!(
                    "thresholds name `{}`, which is not in measurements",
                    t.measurement
                ),
            ));
        }
        for p in t.problems() {
            problems.push(Problem::new(MANIFEST, None, p));
        }
    }

    for m in &manifest.missing_data {
        if !measurements.contains(&m.measurement) {
            problems.push(Problem::new(
                MANIFEST,
                None,
                format!(
                    "missing_data names `{}`, which is not in measurements",
                    m.measurement
                ),
            ));
        }
        if m.days == 0 {
            problems.push(Problem::new(
                MANIFEST,
                None,
                format!(
                    "missing_data for `{}`: days must be 1 or more",
                    m.measurement
                ),
            ));
        }
        if !["yellow", "red"].contains(&m.colour.as_str()) {
            problems.push(Problem::new(
                MANIFEST,
                None,
                format!(
                    "missing_data for `{}`: colour must be \"yellow\" or \"red\", found \"{}\"",
                    m.measurement, m.colour
                ),
            ));
        }
    }

    for t in &manifest.trend_rules {
        let mut bad = |why: String| problems.push(Problem::new(MANIFEST, None, why));
        if !measurements.contains(&t.measurement) {
            bad(format!(
                "trend_rules name `{}`, which is not in measurements",
                t.measurement
            ));
        }
        if t.days == 0 {
            bad(format!(
                "trend_rules for `{}`: days must be 1 or more",
                t.measurement
            ));
        }
        if t.rise_above.is_none() && t.fall_above.is_none() {
            bad(format!(
                "trend_rules for `{}`: give rise_above, fall_above or both",
                t.measurement
            ));
        }
        if !["yellow", "red"].contains(&t.colour.as_str()) {
            bad(format!(
                "trend_rules for `{}`: colour must be \"yellow\" or \"red\"",
                t.measurement
            ));
        }
    }

    for rule in &manifest.score_rules {
        let score = questionnaires
            .iter()
            .filter_map(|q| q.scoring.as_ref())
            .flat_map(|s| &s.scores)
            .find(|s| s.code == rule.score);
        match score {
            None => problems.push(Problem::new(
                MANIFEST,
                None,
                format!(
                    "score_rules name the score `{}`, which no scoring definition in scoring/ has",
                    rule.score
                ),
            )),
            Some(score) => {
                for band in rule.yellow_bands.iter().chain(&rule.red_bands) {
                    if !score.bands.iter().any(|b| b.code == *band) {
                        problems.push(Problem::new(
                            MANIFEST,
                            None,
                            format!("score_rules for `{}` name the band `{band}`, which the score does not have", rule.score),
                        ));
                    }
                }
            }
        }
    }

    let mut letters = Vec::new();
    let mut letter_keys = BTreeSet::new();
    for entry in manifest.letters {
        let at = line(&entry.key.span());
        let key = entry.key.into_inner();
        let mut problem = |text: String| problems.push(Problem::new(MANIFEST, at, text));
        if !letter_keys.insert(key.clone()) {
            problem(format!("letters: the key `{key}` is used twice"));
        }
        if !schedule
            .iter()
            .any(|s| s.at == entry.at && s.every.is_none())
        {
            problem(format!(
                "letters: `{key}` is written at {}, where the schedule asks no questionnaire",
                entry.at
            ));
        }
        for (field, text) in [
            ("title", &entry.title),
            ("intro", &entry.intro),
            ("closing", &entry.closing),
        ] {
            if text.trim().is_empty() {
                problem(format!("letters: `{key}` needs a {field}"));
            }
        }
        letters.push(carepath_domain::letter::LetterPoint {
            key,
            at: entry.at,
            title: entry.title,
            intro: entry.intro,
            closing: entry.closing,
        });
    }

    if let Some(g) = &manifest.group_courses {
        check_group_courses(g, questionnaires, problems);
    }

    let public_pages = read_pages(files, "public/", &media_names, problems);
    if let Some(r) = &manifest.public.referrers
        && !public_pages.iter().any(|p| p.key == *r)
    {
        problems.push(Problem::new(
            MANIFEST,
            None,
            format!("public: referrers names `{r}`, but public/{r}.md does not exist"),
        ));
    }

    Some(ProgramDefinition {
        key: manifest.key.into_inner(),
        version_label: manifest.version,
        title: manifest.title,
        summary: manifest.summary,
        duration_months: manifest.duration_months,
        terms: terms.unwrap_or_else(|| LocalizedText::nb("")),
        eligibility: manifest.eligibility,
        modules,
        schedule,
        measurements,
        thresholds: manifest.thresholds,
        escalation: manifest.escalation,
        missing_data: manifest.missing_data,
        score_rules: manifest.score_rules,
        trend_rules: manifest.trend_rules,
        start: manifest.start,
        messaging: manifest.messaging,
        letters,
        group_courses: manifest.group_courses,
        public: carepath_domain::program::PublicPages {
            pages: public_pages,
            referrers: manifest.public.referrers,
        },
    })
}

/// `[group_courses]` names a questionnaire of the package, a score of its scoring, and
/// bands of that score.
fn check_group_courses(
    g: &carepath_domain::program::GroupCourses,
    questionnaires: &[PackageQuestionnaire],
    problems: &mut Vec<Problem>,
) {
    let mut problem = |text: String| problems.push(Problem::new(MANIFEST, None, text));
    let Some(q) = questionnaires.iter().find(|q| q.key == g.satisfaction) else {
        problem(format!(
            "group_courses: satisfaction names `{}`, but questionnaires/{}.json does not exist",
            g.satisfaction, g.satisfaction
        ));
        return;
    };
    let score = q
        .scoring
        .as_ref()
        .and_then(|s| s.scores.iter().find(|s| s.code == g.recommend_score));
    let Some(score) = score else {
        problem(format!(
            "group_courses: recommend_score `{}` is not a score of scoring/{}.json",
            g.recommend_score, g.satisfaction
        ));
        return;
    };
    if g.recommend_bands.is_empty() {
        problem("group_courses: recommend_bands names no band".to_owned());
    }
    for band in &g.recommend_bands {
        if !score.bands.iter().any(|b| b.code == *band) {
            problem(format!(
                "group_courses: the score `{}` has no band `{band}`",
                g.recommend_score
            ));
        }
    }
}

/// Top-level files that are not part of the format are mistakes (a misspelt folder).
fn check_layout(files: &PackageFiles, problems: &mut Vec<Problem>) {
    for (path, _) in files.iter() {
        let top = path.split('/').next().unwrap_or_default();
        let expected = matches!(
            top,
            "program.toml" | "modules" | "questionnaires" | "scoring" | "media" | "public"
        ) || (path == top && (top.starts_with("terms") && top.ends_with(".md")))
            || top.starts_with("README")
            || top.starts_with("LICENSE");
        if !expected {
            problems.push(Problem::new(
                path,
                None,
                "unexpected file: a package holds program.toml, terms.md, modules/, questionnaires/, scoring/, media/ and public/",
            ));
        }
    }
}

/// `NAME.md` in bokmål and `NAME.<lang>.md` translations, joined into one text.
fn localized_markdown(
    files: &PackageFiles,
    stem: &str,
    problems: &mut Vec<Problem>,
) -> Option<LocalizedText> {
    let mut text: Option<LocalizedText> = None;
    for lang in Lang::ALL {
        let path = if lang == Lang::Nb {
            format!("{stem}.md")
        } else {
            format!("{stem}.{lang}.md")
        };
        let Some(bytes) = files.get(&path) else {
            continue;
        };
        let Ok(body) = std::str::from_utf8(bytes) else {
            problems.push(Problem::new(&path, None, "not UTF-8 text"));
            continue;
        };
        text = match (text.take(), lang) {
            (None, Lang::Nb) => Some(LocalizedText::nb(body)),
            (Some(t), l) => Some(t.with(l, body)),
            (None, _) => {
                problems.push(Problem::new(
                    &path,
                    None,
                    format!("a translation needs the bokmål original {stem}.md"),
                ));
                None
            }
        };
    }
    text
}

/// The pages of the folder `prefix` (`modules/{key}/`, `public/`).
fn read_pages(
    files: &PackageFiles,
    prefix: &str,
    media: &BTreeSet<&str>,
    problems: &mut Vec<Problem>,
) -> Vec<PageDefinition> {
    // page key -> language -> (path, parsed page)
    let mut by_key: BTreeMap<String, BTreeMap<Lang, (String, PageSource)>> = BTreeMap::new();
    for (path, bytes) in files.iter() {
        let Some(name) = path.strip_prefix(prefix) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".md") else {
            problems.push(Problem::new(
                path,
                None,
                "page folders hold only .md pages; put media in media/",
            ));
            continue;
        };
        let (key, lang) = match stem.rsplit_once('.') {
            Some((key, code)) => match Lang::parse(code) {
                Some(lang) => (key, lang),
                None => {
                    problems.push(Problem::new(
                        path,
                        None,
                        format!("unknown language `{code}` (use nb, nn, en or uk)"),
                    ));
                    continue;
                }
            },
            None => (stem, Lang::Nb),
        };
        if !is_key(key) || !key.starts_with(|c: char| c.is_ascii_digit()) {
            problems.push(Problem::new(
                path,
                None,
                "page files are named NN-name.md (digits first, then a-z, 0-9 and -), e.g. 01-hva-er-ibs.md",
            ));
            continue;
        }
        if let Some(page) = page::parse(path, bytes, media, problems) {
            by_key
                .entry(key.to_owned())
                .or_default()
                .insert(lang, (path.to_owned(), page));
        }
    }
    let mut pages = Vec::new();
    for (key, mut langs) in by_key {
        let Some((_, nb)) = langs.remove(&Lang::Nb) else {
            let path = langs
                .values()
                .next()
                .map(|(p, _)| p.clone())
                .unwrap_or_default();
            problems.push(Problem::new(
                &path,
                None,
                format!("a translation needs the bokmål page {prefix}{key}.md"),
            ));
            continue;
        };
        let mut title = LocalizedText::nb(nb.title);
        let mut body = LocalizedText::nb(nb.body);
        for (lang, (_, page)) in langs {
            title = title.with(lang, page.title);
            body = body.with(lang, page.body);
        }
        pages.push(PageDefinition {
            key,
            title,
            body,
            video: nb.video,
            audio: nb.audio,
        });
    }
    pages
}
