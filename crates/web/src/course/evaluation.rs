//! Evaluating a course (decision 0043): the participant's form after a part, drawn by
//! the questionnaire engine's fields, and the results for those running the course,
//! added up per offering and per year, never whose they are.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::course::CourseError;
use carepath_app::course::evaluation::{GroupOf, ItemSummary};
use carepath_domain::course::CourseVersion;
use carepath_domain::course::participation::ParticipationProblem;
use carepath_fhir::{FormAnswers, ItemProblem};

use super::{find, layout, problem};
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::i18n::{keep_in, tr, tr_args};
use crate::layout::Layout;
use crate::patient::questionnaire::{Field, field_errors, fields};
use crate::{AppState, Error};

#[derive(Template, WebTemplate)]
#[template(path = "course/evaluation.html")]
pub(crate) struct EvaluationPage {
    layout: Layout,
    course_key: String,
    course_title: String,
    part_key: String,
    part_title: String,
    /// The questionnaire's language, for the form's `lang`.
    lang: String,
    intro: String,
    sent: bool,
    fields: Vec<Field>,
    errors: Vec<(String, String)>,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    v: &CourseVersion,
    part: &str,
    answers: &FormAnswers,
    problems: &[ItemProblem],
) -> Result<EvaluationPage, Error> {
    let lang = crate::i18n::current();
    let form = match carepath_app::course::evaluation::evaluation(
        &state.store,
        &user.actor,
        v,
        part,
    )
    .await
    {
        Ok(form) => form,
        // Not registered, or the part not complete: the course page says what is left.
        Err(CourseError::Participation(_)) => return Err(Error::Forbidden),
        Err(e) => return Err(problem(e, &v.definition).err().unwrap_or(Error::NotFound)),
    };
    let q = &form.questionnaire;
    let items: Vec<_> = q.item.iter().collect();
    let fields = fields(q, &items, answers, problems, "");
    let errors = field_errors(&fields, problems);
    Ok(EvaluationPage {
        layout: layout(state, Some(user)),
        course_key: v.definition.key.clone(),
        course_title: v.definition.title.get(lang).to_owned(),
        part_key: form.part.key.clone(),
        part_title: form.part.title.get(lang).to_owned(),
        lang: form.questionnaire.language().to_owned(),
        intro: tr_args(
            "course-evaluation-intro",
            &[("part", form.part.title.get(lang).into())],
        ),
        sent: form.sent,
        fields,
        errors,
    })
}

/// The evaluation form of a complete part, or the thanks once it is sent.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((course, part)): Path<(String, String)>,
) -> Result<EvaluationPage, Error> {
    let v = find(&state, &course).await?;
    page(&state, &user, &v, &part, &FormAnswers::new(), &[]).await
}

/// The participant sends their evaluation; every problem is shown beside its question.
pub(crate) async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((course, part)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, Error> {
    let v = find(&state, &course).await?;
    let mut answers = FormAnswers::new();
    for (name, value) in form.0 {
        if !name.starts_with('_') {
            answers.entry(name).or_default().push(value);
        }
    }
    let sent = carepath_app::course::evaluation::evaluate(
        &state.store,
        &user.actor,
        &v,
        &part,
        &answers,
        state.clock.now(),
    )
    .await;
    match sent {
        // A second send (the back button) lands on the same thanks.
        Ok(()) | Err(CourseError::Participation(ParticipationProblem::Evaluated)) => Ok(
            Redirect::to(&keep_in(&format!("/kurs/{course}/evaluering/{part}"))).into_response(),
        ),
        Err(CourseError::Answers(problems)) => {
            let page = page(&state, &user, &v, &part, &answers, &problems).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(CourseError::Participation(_)) => Err(Error::Forbidden),
        Err(e) => Err(problem(e, &v.definition).err().unwrap_or(Error::NotFound)),
    }
}

/// One question's answers in a group, in words and numbers.
pub(crate) struct ItemLine {
    text: String,
    /// Each answer with its count and share, or the mean, or "x of y said yes".
    rows: Vec<(String, String, String)>,
    comments: Vec<String>,
}

pub(crate) struct GroupBlock {
    title: String,
    n: u64,
    /// `None`: too few answers to show.
    items: Option<Vec<ItemLine>>,
}

pub(crate) struct PartBlock {
    title: String,
    /// The questionnaire's language, for its texts' `lang`.
    lang: String,
    total: u64,
    groups: Vec<GroupBlock>,
}

#[derive(Template, WebTemplate)]
#[template(path = "course/evaluations.html")]
pub(crate) struct ResultsPage {
    layout: Layout,
    course_key: String,
    course_title: String,
    min_cell: u64,
    parts: Vec<PartBlock>,
}

#[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
fn share(k: u64, n: u64) -> String {
    if n == 0 {
        return String::new();
    }
    crate::report::pct(k as f64 / n as f64)
}

fn item_line(s: ItemSummary) -> ItemLine {
    match s {
        ItemSummary::Choice {
            text,
            options,
            answered,
        } => ItemLine {
            text,
            rows: options
                .into_iter()
                .map(|(label, k)| (label, k.to_string(), share(k, answered)))
                .collect(),
            comments: Vec::new(),
        },
        ItemSummary::YesNo {
            text,
            yes,
            answered,
        } => ItemLine {
            text,
            rows: vec![
                (tr("answer-yes"), yes.to_string(), share(yes, answered)),
                (
                    tr("answer-no"),
                    (answered - yes).to_string(),
                    share(answered - yes, answered),
                ),
            ],
            comments: Vec::new(),
        },
        ItemSummary::Mean {
            text,
            mean,
            answered,
        } => ItemLine {
            text,
            rows: vec![(
                tr_args("course-evaluation-mean", &[("answered", answered.into())]),
                crate::report::num(mean),
                String::new(),
            )],
            comments: Vec::new(),
        },
        ItemSummary::Comments { text, comments } => ItemLine {
            text,
            rows: Vec::new(),
            comments,
        },
    }
}

/// The evaluations of a course, for its owner, committee and organisers.
pub(crate) async fn results(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(course): Path<String>,
) -> Result<ResultsPage, Error> {
    let lang = crate::i18n::current();
    let v = find(&state, &course).await?;
    let parts = match carepath_app::course::evaluation::results(&state.store, &user.actor, &v).await
    {
        Ok(parts) => parts,
        Err(e) => return Err(problem(e, &v.definition).err().unwrap_or(Error::NotFound)),
    };
    let parts = parts
        .into_iter()
        .map(|p| PartBlock {
            title: p.part.title.get(lang).to_owned(),
            lang: p.lang,
            total: p.total,
            groups: p
                .groups
                .into_iter()
                .map(|g| GroupBlock {
                    title: match &g.of {
                        GroupOf::Offering(o) => tr_args(
                            "course-evaluation-offering",
                            &[
                                ("date", crate::layout::date(o.proposal.date).into()),
                                ("place", o.proposal.place.clone().into()),
                            ],
                        ),
                        GroupOf::Year(y) => {
                            tr_args("course-evaluation-year", &[("year", y.to_string().into())])
                        }
                    },
                    n: g.n,
                    items: g
                        .items
                        .map(|items| items.into_iter().map(item_line).collect()),
                })
                .collect(),
        })
        .collect();
    Ok(ResultsPage {
        layout: layout(&state, Some(&user)),
        course_key: v.definition.key.clone(),
        course_title: v.definition.title.get(lang).to_owned(),
        min_cell: carepath_domain::outcome::MIN_CELL,
        parts,
    })
}
