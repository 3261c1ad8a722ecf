//! A patient's questionnaire scores over time, as the clinician's overview and the
//! patient's own finished page show them: a table per scored questionnaire, a row per
//! completed response labelled by its timepoint (start, 3 months, ...), each score with
//! its band and its change from the first.

use carepath_domain::enrollment::Enrollment;
use carepath_domain::program::ProgramVersion;

use crate::{AppState, Error};

/// One questionnaire's scores, a row per completed response, oldest first.
pub(crate) struct ScoreTable {
    pub title: String,
    /// The scores' titles.
    pub columns: Vec<String>,
    pub rows: Vec<ScoreRowView>,
}

pub(crate) struct ScoreRowView {
    /// Where its answers are read, when the reader may open them from here.
    pub link: String,
    /// The timepoint and the date.
    pub when: String,
    /// Each score: value, band, and the change from the first response.
    pub cells: Vec<String>,
}

/// The timepoint a schedule entry asks at, in words ("ved start", "etter 3 måneder").
pub(crate) fn timepoint(at: Option<carepath_domain::program::Offset>) -> String {
    use crate::i18n::{tr, tr_args};
    use carepath_domain::program::Offset;
    match at {
        None => tr("score-outside-plan"),
        Some(Offset::Days(0) | Offset::Weeks(0) | Offset::Months(0)) => tr("score-at-start"),
        Some(Offset::Days(n)) => tr_args("score-after-days", &[("count", n.into())]),
        Some(Offset::Weeks(n)) => tr_args("score-after-weeks", &[("count", n.into())]),
        Some(Offset::Months(n)) => tr_args("score-after-months", &[("count", n.into())]),
    }
}

/// The timepoint a response answered: the task it completed (its schedule entry), else
/// the timepoint of `key` that had opened last when it was written.
pub(crate) fn answered_at<'d>(
    def: &'d carepath_domain::program::ProgramDefinition,
    e: &Enrollment,
    key: &str,
    entry: Option<usize>,
    authored: chrono::DateTime<chrono::Utc>,
) -> Option<&'d carepath_domain::program::ScheduledQuestionnaire> {
    entry
        .or_else(|| {
            carepath_domain::schedule::timepoint_of(&def.schedule, key, e.started_at?, authored)
        })
        .and_then(|i| def.schedule.get(i))
}

/// The scores of each scored questionnaire of the program, a row per completed response
/// named by its timepoint, with the change from the first.
/// `answers_at`: where each response's answers are read (`{answers_at}/{response id}`),
/// for a reader who opens them from the table.
pub(crate) async fn score_tables(
    state: &AppState,
    e: &Enrollment,
    v: &ProgramVersion,
    answers_at: Option<&str>,
) -> Result<Vec<ScoreTable>, Error> {
    let def = &v.definition;
    let number = |n: f64| carepath_i18n::number(crate::i18n::current(), n);
    let mut seen = std::collections::BTreeSet::new();
    let mut tables = Vec::new();
    for entry in &def.schedule {
        if !seen.insert(entry.questionnaire.as_str()) {
            continue;
        }
        let q = state
            .store
            .questionnaire(v.id, &entry.questionnaire)
            .await?;
        let Some(scoring) = &q.scoring else { continue };
        let rules: Vec<_> = scoring.scores.iter().filter(|r| !r.quiet).collect();
        if rules.is_empty() {
            continue;
        }
        let responses = state
            .store
            .enrollment_scores(e.id, &entry.questionnaire)
            .await?;
        if responses.is_empty() {
            continue;
        }
        let mut first: Vec<Option<f64>> = vec![None; rules.len()];
        let mut rows = Vec::new();
        for scored in responses {
            let scheduled = answered_at(
                def,
                e,
                &entry.questionnaire,
                scored.schedule_entry,
                scored.authored_at,
            );
            let cells = rules
                .iter()
                .zip(first.iter_mut())
                .map(|(rule, first)| {
                    let value = scored
                        .scores
                        .iter()
                        .find(|(code, _)| *code == rule.code)
                        .and_then(|(_, v)| *v);
                    let Some(value) = value else {
                        return crate::i18n::tr("q-no-score");
                    };
                    let band = rule
                        .band_of(value)
                        .map(|b| format!(" – {}", b.label))
                        .unwrap_or_default();
                    let change = match *first {
                        None => {
                            *first = Some(value);
                            String::new()
                        }
                        Some(before) => {
                            let diff = value - before;
                            let sign = if diff > 0.0 { "+" } else { "" };
                            format!(
                                " ({})",
                                crate::i18n::tr_args(
                                    "score-change",
                                    &[("diff", format!("{sign}{}", number(diff)).into())],
                                )
                            )
                        }
                    };
                    format!("{}{band}{change}", number(value))
                })
                .collect();
            rows.push(ScoreRowView {
                link: answers_at
                    .map(|at| format!("{at}/{}", scored.id))
                    .unwrap_or_default(),
                // A form asked again and again (weekly) is named by its date alone.
                when: match scheduled {
                    Some(s) if s.every.is_none() => format!(
                        "{} ({})",
                        timepoint(Some(s.at)),
                        crate::layout::when(scored.authored_at)
                    ),
                    _ => crate::layout::when(scored.authored_at),
                },
                cells,
            });
        }
        tables.push(ScoreTable {
            title: q.questionnaire.title.clone().unwrap_or(q.key.clone()),
            columns: rules.iter().map(|r| r.title.clone()).collect(),
            rows,
        });
    }
    Ok(tables)
}
