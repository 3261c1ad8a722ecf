//! The patient answers a questionnaire of their program: rendered from the FHIR
//! Questionnaire, checked against that exact version, stored as a QuestionnaireResponse.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::enrollment::EnrollmentStatus;
use carepath_fhir::questionnaire::ItemType;
use carepath_fhir::response::ProblemKind;
use carepath_fhir::{FormAnswers, ItemProblem, Questionnaire, QuestionnaireResponse};

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(Template, WebTemplate)]
#[template(path = "patient/questionnaire.html")]
struct QuestionnairePage {
    layout: Layout,
    key: String,
    title: String,
    placeholder_notice: bool,
    fields: Vec<Field>,
    errors: Vec<(String, String)>,
}

/// One item, ready for the template.
pub(crate) struct Field {
    pub link_id: String,
    pub text: String,
    /// display | heading | boolean | integer | decimal | slider | string | text | choice
    pub kind: &'static str,
    pub required: bool,
    pub min: String,
    pub max: String,
    pub step: String,
    pub low_label: String,
    pub high_label: String,
    pub options: Vec<(String, String)>,
    pub value: String,
    pub error: Option<String>,
}

fn number_text(n: Option<f64>) -> String {
    n.map(|v| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            v.to_string()
        }
    })
    .unwrap_or_default()
}

pub(crate) fn fields(
    q: &Questionnaire,
    answers: &FormAnswers,
    problems: &[ItemProblem],
) -> Vec<Field> {
    q.all_items()
        .into_iter()
        .filter_map(|item| {
            let kind = match item.kind()? {
                ItemType::Display => "display",
                ItemType::Group => "heading",
                ItemType::Boolean => "boolean",
                ItemType::Integer | ItemType::Decimal if item.item_control() == Some("slider") => {
                    "slider"
                }
                ItemType::Integer => "integer",
                ItemType::Decimal => "decimal",
                ItemType::String => "string",
                ItemType::Text => "text",
                ItemType::Choice => "choice",
            };
            let (low_label, high_label) = item.slider_labels().unwrap_or_default();
            Some(Field {
                link_id: item.link_id.clone(),
                text: item.text.clone().unwrap_or_default(),
                kind,
                required: item.is_required(),
                min: number_text(item.min_value()),
                max: number_text(item.max_value()),
                step: number_text(item.slider_step().or(if kind == "decimal" {
                    Some(0.1)
                } else {
                    None
                })),
                low_label,
                high_label,
                options: item
                    .answer_option
                    .iter()
                    .map(|o| (o.key(), o.label()))
                    .collect(),
                value: answers
                    .get(&item.link_id)
                    .and_then(|v| v.first())
                    .cloned()
                    .unwrap_or_default(),
                error: problems
                    .iter()
                    .find(|p| p.link_id == item.link_id)
                    .map(|p| problem_text(&p.kind)),
            })
        })
        .collect()
}

/// What the patient reads when an answer is not accepted.
pub(crate) fn problem_text(kind: &ProblemKind) -> String {
    let n = |v: &f64| number_text(Some(*v));
    match kind {
        ProblemKind::Required => "Svar på dette spørsmålet.".into(),
        ProblemKind::NotBoolean => "Velg ja eller nei.".into(),
        ProblemKind::NotInteger => "Skriv et helt tall, for eksempel 3.".into(),
        ProblemKind::NotNumber => "Skriv et tall, for eksempel 2,5.".into(),
        ProblemKind::BelowMin(v) => format!("Tallet kan ikke være lavere enn {}.", n(v)),
        ProblemKind::AboveMax(v) => format!("Tallet kan ikke være høyere enn {}.", n(v)),
        ProblemKind::NotAnOption => "Velg ett av alternativene.".into(),
        ProblemKind::TooLong(max) => format!("Svaret kan ha høyst {max} tegn."),
        ProblemKind::UnknownItem => "Skjemaet har endret seg. Last siden på nytt.".into(),
    }
}

fn is_placeholder(q: &Questionnaire) -> bool {
    q.extra
        .get("meta")
        .and_then(|m| m.get("tag"))
        .and_then(|t| t.as_array())
        .is_some_and(|tags| {
            tags.iter()
                .any(|t| t.get("code").and_then(|c| c.as_str()) == Some("placeholder-text"))
        })
}

async fn load(
    state: &AppState,
    user: CurrentUser,
    key: &str,
) -> Result<(PatientContext, carepath_store::program::StoredQuestionnaire), Error> {
    let ctx = PatientContext::load(state, user).await?;
    let (enrollment, version) = ctx.require_enrollment()?;
    if enrollment.status != EnrollmentStatus::Active
        || !version
            .definition
            .schedule
            .iter()
            .any(|s| s.questionnaire == key)
    {
        return Err(Error::NotFound);
    }
    let q = state.store.questionnaire(version.id, key).await?;
    Ok((ctx, q))
}

fn page(
    ctx: &PatientContext,
    key: &str,
    q: &Questionnaire,
    answers: &FormAnswers,
    problems: &[ItemProblem],
) -> QuestionnairePage {
    let fields = fields(q, answers, problems);
    let errors = fields
        .iter()
        .filter_map(|f| {
            f.error
                .as_ref()
                .map(|e| (f.link_id.clone(), format!("{}: {e}", f.text)))
        })
        .collect();
    QuestionnairePage {
        layout: ctx.layout(),
        key: key.to_owned(),
        title: q.title.clone().unwrap_or_else(|| "Spørreskjema".into()),
        placeholder_notice: is_placeholder(q),
        fields,
        errors,
    }
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(key): Path<String>,
) -> Result<Response, Error> {
    let (ctx, stored) = load(&state, user, &key).await?;
    let (enrollment, _) = ctx.require_enrollment()?;
    if ctx.gate_answered
        && state
            .store
            .latest_response(enrollment.id, &key)
            .await?
            .is_some()
    {
        return Ok(Redirect::to("/pasient/moduler").into_response());
    }
    Ok(page(&ctx, &key, &stored.questionnaire, &FormAnswers::new(), &[]).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(key): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let (ctx, stored) = load(&state, user, &key).await?;
    let (enrollment, _) = ctx.require_enrollment()?;
    // One response per questionnaire until the schedule engine creates a task for each
    // timepoint: a second send (the back button, a double click) changes nothing.
    if state
        .store
        .latest_response(enrollment.id, &key)
        .await?
        .is_some()
    {
        return Ok(Redirect::to("/pasient/moduler").into_response());
    }
    let mut answers = FormAnswers::new();
    for (name, value) in form.0 {
        answers.entry(name).or_default().push(value);
    }
    let now = state.clock.now();
    match QuestionnaireResponse::from_form(&stored.questionnaire, &answers, &now.to_rfc3339()) {
        Ok(mut response) => {
            let id = carepath_domain::Id::<QuestionnaireResponse>::new();
            response.id = Some(id.to_string());
            let event = crate::audit::event(
                &ctx.user,
                carepath_domain::user::Role::Patient,
                None,
                ctx.patient.id,
                carepath_domain::audit::AuditAction::Create,
                "QuestionnaireResponse",
                id,
            );
            state
                .store
                .save_response(
                    enrollment.id,
                    &stored,
                    &response,
                    Some(ctx.user.account.id),
                    now,
                    &[event],
                )
                .await?;
            Ok(Redirect::to("/pasient/moduler?skjema=lagret").into_response())
        }
        Err(problems) => {
            let page = page(&ctx, &key, &stored.questionnaire, &answers, &problems);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
