//! Evaluating a course (decision 0043): once a part is complete its participant answers
//! the part's evaluation questionnaire (the questionnaire engine's forms and checks),
//! once; the course's owner and committee read the answers added up per offering and
//! per year, never whose they are, and nothing of a group smaller than
//! [`MIN_CELL`](carepath_domain::outcome::MIN_CELL).

use std::collections::BTreeMap;

use carepath_domain::course::offering::Offering;
use carepath_domain::course::participation::ParticipationProblem;
use carepath_domain::course::{CourseVersion, PartDefinition};
use carepath_domain::outcome::MIN_CELL;
use carepath_domain::schedule::local_date;
use carepath_fhir::questionnaire::ItemType;
use carepath_fhir::{Answer, FormAnswers, Questionnaire, QuestionnaireResponse};
use carepath_store::course_evaluation::{EvaluationRow, NewEvaluation};
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Datelike, Utc};

use super::{CourseError, registered};
use crate::access::Actor;

/// A part's evaluation as its participant opens it.
#[derive(Debug, Clone)]
pub struct EvaluationForm {
    pub part: PartDefinition,
    pub questionnaire: Questionnaire,
    /// Whether they have sent it already.
    pub sent: bool,
}

/// The part `part` and its evaluation questionnaire, or `NotFound`.
async fn part_questionnaire(
    store: &Store,
    course: &CourseVersion,
    part: &str,
) -> Result<(PartDefinition, String, Questionnaire), CourseError> {
    let part = course.definition.part(part).ok_or(CourseError::NotFound)?;
    let key = part.evaluation.clone().ok_or(CourseError::NotFound)?;
    let q = store
        .course_questionnaire(course.id, &key)
        .await?
        .ok_or(CourseError::NotFound)?;
    Ok((part.clone(), key, q))
}

/// The evaluation of `part` for `actor`, registered for the course, once the part is
/// complete.
pub async fn evaluation(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    part: &str,
) -> Result<EvaluationForm, CourseError> {
    let (part, _, questionnaire) = part_questionnaire(store, course, part).await?;
    registered(store, actor, course).await?;
    let progress = store
        .course_progress(course.course_id, actor.account)
        .await?;
    if !progress.part_done(&part) {
        return Err(ParticipationProblem::NotComplete.into());
    }
    let sent = store
        .evaluated_parts(course.course_id, actor.account)
        .await?
        .contains(&part.key);
    Ok(EvaluationForm {
        part,
        questionnaire,
        sent,
    })
}

/// The parts of `course` that `actor` may evaluate now: complete, with an evaluation,
/// not yet sent (keys).
pub async fn due(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
) -> Result<Vec<String>, StoreError> {
    let progress = store
        .course_progress(course.course_id, actor.account)
        .await?;
    let sent = store
        .evaluated_parts(course.course_id, actor.account)
        .await?;
    Ok(course
        .definition
        .parts
        .iter()
        .filter(|p| p.evaluation.is_some() && progress.part_done(p) && !sent.contains(&p.key))
        .map(|p| p.key.clone())
        .collect())
}

/// The participant sends their evaluation of `part`: checked against the
/// questionnaire, kept once (a second one is refused), for a day part with the
/// offering they attended.
pub async fn evaluate(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
    part: &str,
    answers: &FormAnswers,
    now: DateTime<Utc>,
) -> Result<(), CourseError> {
    let form = evaluation(store, actor, course, part).await?;
    if form.sent {
        return Err(ParticipationProblem::Evaluated.into());
    }
    let response =
        QuestionnaireResponse::from_form(&form.questionnaire, answers, &now.to_rfc3339())
            .map_err(CourseError::Answers)?;
    let offering = if form.part.is_day() {
        store
            .attended_offering(course.course_id, actor.account, &form.part.key)
            .await?
    } else {
        None
    };
    let key = form.part.evaluation.as_deref().unwrap_or_default();
    let saved = store
        .save_evaluation(
            NewEvaluation {
                course: course.course_id,
                user: actor.account,
                part: &form.part.key,
                version: course.id,
                questionnaire: key,
                offering,
                response: &response,
            },
            now,
        )
        .await?;
    if saved {
        Ok(())
    } else {
        Err(ParticipationProblem::Evaluated.into())
    }
}

/// What a group of evaluations is.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupOf {
    /// Those of one local offering (a day part).
    Offering(Offering),
    /// Those sent in one calendar year (Norwegian time).
    Year(i32),
}

/// One group of evaluations of a part, added up; `items` is `None` when the group is
/// smaller than [`MIN_CELL`] (only its size is shown).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub of: GroupOf,
    pub n: u64,
    pub items: Option<Vec<ItemSummary>>,
}

/// One question's answers in a group.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemSummary {
    /// Each option with how many chose it, in the questionnaire's order.
    Choice {
        text: String,
        options: Vec<(String, u64)>,
        answered: u64,
    },
    /// How many said yes of those who answered.
    YesNo {
        text: String,
        yes: u64,
        answered: u64,
    },
    /// The mean of a number.
    Mean {
        text: String,
        mean: f64,
        answered: u64,
    },
    /// Free text, each answer as written, in no one's name.
    Comments { text: String, comments: Vec<String> },
}

/// A part's evaluations.
#[derive(Debug, Clone, PartialEq)]
pub struct PartResults {
    pub part: PartDefinition,
    /// The language the questionnaire's texts are in (an HTML `lang`).
    pub lang: String,
    pub total: u64,
    pub groups: Vec<Group>,
}

/// The evaluations of `course` that `actor` may read, per part: per offering (day
/// parts) and per year. The owner and the committee read them all, an organiser those
/// of their own units' offerings.
pub async fn results(
    store: &Store,
    actor: &Actor,
    course: &CourseVersion,
) -> Result<Vec<PartResults>, CourseError> {
    if !actor.runs_course(course.course_id) {
        return Err(CourseError::Forbidden);
    }
    let everything = actor.reads_all_evaluations(course.course_id);
    let rows = store.course_evaluations(course.course_id).await?;
    let offerings: BTreeMap<_, Offering> = store
        .course_offerings(course.course_id)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut out = Vec::new();
    for part in &course.definition.parts {
        let Some(key) = &part.evaluation else {
            continue;
        };
        let Some(q) = store.course_questionnaire(course.id, key).await? else {
            continue;
        };
        let of_part: Vec<&EvaluationRow> = rows.iter().filter(|r| r.part == part.key).collect();
        let mut groups = Vec::new();
        let mut by_offering: BTreeMap<_, Vec<&EvaluationRow>> = BTreeMap::new();
        for r in &of_part {
            if let Some(o) = r.offering {
                by_offering.entry(o).or_default().push(r);
            }
        }
        let mut offering_groups: Vec<(&Offering, Vec<&EvaluationRow>)> = by_offering
            .into_iter()
            .filter_map(|(id, rs)| offerings.get(&id).map(|o| (o, rs)))
            .filter(|(o, _)| everything || actor.organises(course.course_id).contains(&o.unit_id))
            .collect();
        offering_groups.sort_by_key(|(o, _)| o.proposal.date);
        for (o, rs) in offering_groups {
            groups.push(summarise(&q, GroupOf::Offering(o.clone()), &rs));
        }
        if everything {
            let mut by_year: BTreeMap<i32, Vec<&EvaluationRow>> = BTreeMap::new();
            for r in &of_part {
                by_year
                    .entry(local_date(r.submitted_at).year())
                    .or_default()
                    .push(r);
            }
            for (year, rs) in by_year.into_iter().rev() {
                groups.push(summarise(&q, GroupOf::Year(year), &rs));
            }
        }
        let total = if everything {
            of_part.len() as u64
        } else {
            groups.iter().map(|g| g.n).sum()
        };
        out.push(PartResults {
            part: part.clone(),
            lang: q.language().to_owned(),
            total,
            groups,
        });
    }
    Ok(out)
}

/// Adds up the group's answers to each question of `q`, matched by linkId.
fn summarise(q: &Questionnaire, of: GroupOf, rows: &[&EvaluationRow]) -> Group {
    let n = rows.len() as u64;
    if n < MIN_CELL {
        return Group { of, n, items: None };
    }
    let answers: Vec<BTreeMap<String, Vec<Answer>>> = rows
        .iter()
        .map(|r| r.response.answers_by_link_id())
        .collect();
    let given = |link_id: &str| -> Vec<&Answer> {
        answers
            .iter()
            .filter_map(|a| a.get(link_id))
            .flatten()
            .collect()
    };
    let mut items = Vec::new();
    for item in q.all_items().into_iter().filter(|i| i.is_question()) {
        let text = item.text.clone().unwrap_or_default();
        let values = given(&item.link_id);
        let answered = answers
            .iter()
            .filter(|a| a.get(&item.link_id).is_some_and(|v| !v.is_empty()))
            .count() as u64;
        let summary = match item.kind() {
            Some(ItemType::Boolean) => ItemSummary::YesNo {
                text,
                yes: values
                    .iter()
                    .filter(|a| matches!(a, Answer::ValueBoolean(true)))
                    .count() as u64,
                answered,
            },
            Some(ItemType::Integer | ItemType::Decimal) => {
                let numbers: Vec<f64> = values.iter().filter_map(|a| a.number()).collect();
                if numbers.is_empty() {
                    continue;
                }
                ItemSummary::Mean {
                    text,
                    mean: numbers.iter().sum::<f64>() / numbers.len() as f64,
                    answered,
                }
            }
            Some(ItemType::String | ItemType::Text) => ItemSummary::Comments {
                text,
                comments: values
                    .iter()
                    .map(|a| a.form_value().trim().to_owned())
                    .filter(|c| !c.is_empty())
                    .collect(),
            },
            _ => {
                let options = q.options(item);
                if options.is_empty() {
                    continue;
                }
                ItemSummary::Choice {
                    text,
                    options: options
                        .iter()
                        .map(|o| {
                            let key = o.key();
                            let count =
                                values.iter().filter(|a| a.form_value() == key).count() as u64;
                            (o.label(), count)
                        })
                        .collect(),
                    answered,
                }
            }
        };
        items.push(summary);
    }
    Group {
        of,
        n,
        items: Some(items),
    }
}
