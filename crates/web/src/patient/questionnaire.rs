//! The patient answers a questionnaire of their program: rendered from the FHIR
//! Questionnaire one page per top-level group, saved half done as an in-progress
//! response, checked against that exact version, scored when sent, and the scores shown
//! with what they mean.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::enrollment::EnrollmentStatus;
use carepath_fhir::questionnaire::{EnableWhen, Item, ItemType, Operator};
use carepath_fhir::response::{ProblemKind, condition_holds, enabled_items, parse_form};
use carepath_fhir::{Answer, FormAnswers, ItemProblem, Questionnaire, QuestionnaireResponse};
use carepath_store::program::StoredQuestionnaire;
use carepath_store::response::StoredResponse;

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
    page_title: Option<String>,
    /// 1-based.
    page: usize,
    pages: usize,
    placeholder_notice: bool,
    /// The questionnaire's language when it is not the page's, for `lang`.
    lang: String,
    /// The questionnaire is not in Norwegian (PHQ-9 in English until a translation).
    foreign: bool,
    fields: Vec<Field>,
    errors: Vec<(String, String)>,
    saved_notice: bool,
}

/// One item, ready for the template.
pub(crate) struct Field {
    pub link_id: String,
    pub text: String,
    /// display | heading | boolean | integer | decimal | slider | quantity | string | text
    /// | url | date | datetime | time | radio | select | checkbox | open-choice
    pub kind: &'static str,
    pub required: bool,
    pub min: String,
    pub max: String,
    pub step: String,
    pub unit: String,
    pub low_label: String,
    pub high_label: String,
    pub hint: String,
    pub options: Vec<(String, String)>,
    /// A picture beside each option (`option-image`), the URL or "".
    pub images: Vec<String>,
    /// The first value (text fields); `values` holds all (check boxes, open choice).
    pub value: String,
    pub values: Vec<String>,
    /// The free-text answer of an open choice (a value that is not an option).
    pub other: String,
    pub error: Option<String>,
    /// "Only if you answered ..." for items turned on by another item on the page.
    pub condition: String,
    /// JSON for the browser to turn the item on and off live.
    pub enable: String,
    /// Off because of answers on earlier pages.
    pub hidden: bool,
    /// Nesting depth, for indenting items under the question that opens them.
    pub depth: usize,
    /// The linkId of the item this one is nested under ("" at the top of the page).
    pub parent: String,
}

impl Field {
    /// Whether `v` is among the answers (templates: check boxes and radio buttons).
    pub fn has(&self, v: &str) -> bool {
        self.values.iter().any(|x| x == v)
    }

    /// The picture of option `i`, or "".
    pub fn image(&self, i: &usize) -> &str {
        self.images.get(*i).map_or("", String::as_str)
    }
}

/// A number as the request's language shows it (a decimal comma in Norwegian).
fn number_shown(n: Option<f64>) -> String {
    n.map(|v| carepath_i18n::number(crate::i18n::current(), v))
        .unwrap_or_default()
}

/// A number for the form's data attributes and values (as the form reads it back).
fn number_text(n: Option<f64>) -> String {
    n.map(|v| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            v.to_string().replace('.', ",")
        }
    })
    .unwrap_or_default()
}

/// carepath's extension: a picture (a package media file) beside an answer option.
const OPTION_IMAGE: &str = "https://carepath.no/fhir/StructureDefinition/option-image";

/// One page of a form: a top-level group, or the top-level questions between groups.
struct FormPage<'q> {
    title: Option<String>,
    items: Vec<&'q Item>,
}

/// Whether a person sees the item (calculated and hidden items are not shown).
fn shown(item: &Item) -> bool {
    !(item.is_hidden() || (item.is_read_only() && item.is_question()))
}

fn pages(q: &Questionnaire) -> Vec<FormPage<'_>> {
    let mut out: Vec<FormPage> = Vec::new();
    let mut loose: Vec<&Item> = Vec::new();
    for item in &q.item {
        if item.kind() == Some(ItemType::Group) && shown(item) {
            if loose.iter().any(|i| shown(i)) {
                out.push(FormPage {
                    title: None,
                    items: std::mem::take(&mut loose),
                });
            }
            out.push(FormPage {
                title: item.text.clone(),
                items: item.item.iter().collect(),
            });
        } else {
            loose.push(item);
        }
    }
    if loose.iter().any(|i| shown(i)) || out.is_empty() {
        out.push(FormPage {
            title: None,
            items: loose,
        });
    }
    out
}

/// The linkIds of every question on a page, nested ones included.
fn page_questions(page: &FormPage) -> Vec<String> {
    fn walk(items: &[&Item], out: &mut Vec<String>) {
        for item in items {
            if item.is_question() {
                out.push(item.link_id.clone());
            }
            walk(&item.item.iter().collect::<Vec<_>>(), out);
        }
    }
    let mut out = Vec::new();
    walk(&page.items, &mut out);
    out
}

pub(crate) fn fields(
    q: &Questionnaire,
    items: &[&Item],
    answers: &FormAnswers,
    problems: &[ItemProblem],
    media_base: &str,
) -> Vec<Field> {
    let on_page: Vec<String> = {
        let mut v = Vec::new();
        fn walk(items: &[&Item], out: &mut Vec<String>) {
            for i in items {
                out.push(i.link_id.clone());
                walk(&i.item.iter().collect::<Vec<_>>(), out);
            }
        }
        walk(items, &mut v);
        v
    };
    let (typed, _) = parse_form(q, answers);
    let enabled = enabled_items(q, &typed);
    let mut out = Vec::new();
    let mut ctx = FieldContext {
        q,
        answers,
        problems,
        on_page: &on_page,
        enabled: &enabled,
        typed: &typed,
        media_base,
        out: &mut out,
    };
    for item in items {
        ctx.add(item, 0, false, "");
    }
    out
}

struct FieldContext<'a> {
    q: &'a Questionnaire,
    answers: &'a FormAnswers,
    problems: &'a [ItemProblem],
    on_page: &'a [String],
    enabled: &'a std::collections::BTreeSet<String>,
    typed: &'a std::collections::BTreeMap<String, Vec<Answer>>,
    media_base: &'a str,
    out: &'a mut Vec<Field>,
}

impl FieldContext<'_> {
    /// `{"any": bool, "when": [{"q": linkId, "op": "=", "v": "form value", "fixed": bool?}]}`
    /// for the browser; a condition on a question of another page carries the server's
    /// verdict in `fixed`.
    fn enable_json(&self, item: &Item) -> String {
        if item.enable_when.is_empty() {
            return String::new();
        }
        let when: Vec<serde_json::Value> = item
            .enable_when
            .iter()
            .map(|c| {
                let v = c.answer().map(|a| a.form_value()).unwrap_or_default();
                let mut j = serde_json::json!({ "q": c.question, "op": c.operator, "v": v });
                if !self.on_page.contains(&c.question) {
                    let given: &[Answer] = if self.enabled.contains(&c.question) {
                        self.typed
                            .get(&c.question)
                            .map(Vec::as_slice)
                            .unwrap_or(&[])
                    } else {
                        &[]
                    };
                    j["fixed"] = serde_json::Value::Bool(condition_holds(c, given));
                }
                j
            })
            .collect();
        serde_json::json!({ "any": item.enable_any(), "when": when }).to_string()
    }

    fn add(&mut self, item: &Item, depth: usize, parent_hidden: bool, parent: &str) {
        let Some(kind) = item.kind() else { return };
        if !shown(item) {
            return;
        }
        // Off because of answers the page cannot change: hidden; otherwise shown with
        // its condition, and turned on and off live by the browser.
        let decided_elsewhere = item
            .enable_when
            .iter()
            .all(|c| !self.on_page.contains(&c.question));
        let hidden = parent_hidden || (!self.enabled.contains(&item.link_id) && decided_elsewhere);
        let options = self.q.options(item);
        let control = item.item_control();
        let kind_name = match kind {
            ItemType::Display => "display",
            ItemType::Group => "heading",
            ItemType::Boolean => "boolean",
            ItemType::Integer | ItemType::Decimal if control == Some("slider") => "slider",
            ItemType::Integer => "integer",
            ItemType::Decimal => "decimal",
            ItemType::Quantity => "quantity",
            ItemType::String => "string",
            ItemType::Text => "text",
            ItemType::Url => "url",
            ItemType::Date => "date",
            ItemType::DateTime => "datetime",
            ItemType::Time => "time",
            ItemType::OpenChoice => "open-choice",
            ItemType::Choice if control == Some("check-box") || item.repeats() => "checkbox",
            ItemType::Choice if control == Some("drop-down") => "select",
            ItemType::Choice => "radio",
        };
        let values: Vec<String> = self
            .answers
            .get(&item.link_id)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|v| !v.trim().is_empty())
            .collect();
        let option_keys: Vec<(String, String)> =
            options.iter().map(|o| (o.key(), o.label())).collect();
        let images: Vec<String> = options
            .iter()
            .map(|o| {
                carepath_fhir::extension_value(&o.extension, OPTION_IMAGE)
                    .and_then(|v| v.as_str())
                    .map(|name| format!("{}/{name}", self.media_base))
                    .unwrap_or_default()
            })
            .collect();
        let other = if kind == ItemType::OpenChoice {
            values
                .iter()
                .find(|v| !option_keys.iter().any(|(k, _)| k == *v))
                .cloned()
                .unwrap_or_default()
        } else {
            String::new()
        };
        let (low_label, high_label) = item.slider_labels().unwrap_or_default();
        let hint = {
            use crate::i18n::{tr, tr_args};
            match (kind_name, item.entry_format()) {
                (_, Some(f)) => tr_args("q-hint-format", &[("format", f.into())]),
                ("slider", _) => tr_args(
                    "q-hint-slider",
                    &[
                        ("min", number_shown(item.min_value()).into()),
                        ("low", low_label.as_str().into()),
                        ("max", number_shown(item.max_value()).into()),
                        ("high", high_label.as_str().into()),
                    ],
                ),
                ("integer" | "decimal" | "quantity", _)
                    if item.min_value().is_some() && item.max_value().is_some() =>
                {
                    tr_args(
                        "q-hint-range",
                        &[
                            ("min", number_shown(item.min_value()).into()),
                            ("max", number_shown(item.max_value()).into()),
                        ],
                    )
                }
                ("integer" | "decimal" | "quantity", _) => tr("q-hint-number"),
                ("date", _) => tr("q-hint-date"),
                ("time", _) => tr("q-hint-time"),
                ("datetime", _) => tr("q-hint-datetime"),
                ("url", _) => tr("q-hint-url"),
                ("checkbox", _) => tr("q-hint-checkbox"),
                ("open-choice", _) => tr("q-hint-open-choice"),
                _ => String::new(),
            }
        };
        self.out.push(Field {
            link_id: item.link_id.clone(),
            text: item.text.clone().unwrap_or_default(),
            kind: kind_name,
            required: item.is_required(),
            min: number_text(item.min_value()),
            max: number_text(item.max_value()),
            step: number_text(item.slider_step().or(match kind {
                ItemType::Decimal | ItemType::Quantity => Some(0.1),
                _ => None,
            })),
            unit: item
                .unit()
                .and_then(|u| u.display.or(u.code))
                .unwrap_or_default(),
            low_label,
            high_label,
            hint,
            options: option_keys,
            images,
            value: values.first().cloned().unwrap_or_default(),
            values,
            other,
            error: self
                .problems
                .iter()
                .find(|p| p.link_id == item.link_id)
                .map(|p| problem_text(&p.kind)),
            condition: if decided_elsewhere {
                String::new()
            } else {
                condition_text(self.q, item)
            },
            enable: self.enable_json(item),
            hidden,
            depth,
            parent: parent.to_owned(),
        });
        for child in &item.item {
            self.add(child, depth + 1, hidden, &item.link_id);
        }
    }
}

/// "Svar bare hvis du svarte «Ja» på «Har du hatt smerter?»." in the request's language.
fn condition_text(q: &Questionnaire, item: &Item) -> String {
    use crate::i18n::{tr, tr_args};
    if item.enable_when.len() > 2 {
        // Nine conditions in a sentence help nobody.
        return tr("q-only-if-many");
    }
    let parts: Vec<String> = item
        .enable_when
        .iter()
        .map(|c| {
            let question = q
                .find(&c.question)
                .and_then(|i| i.text.clone())
                .unwrap_or_else(|| c.question.clone());
            let answer = answer_label(q, c);
            let exists = c.answer().is_some_and(|a| a.display() == "Ja");
            let key = match Operator::parse(&c.operator) {
                Some(Operator::Exists) if exists => "q-cond-answered",
                Some(Operator::Exists) => "q-cond-not-answered",
                Some(Operator::NotEqual) => "q-cond-not-equal",
                Some(Operator::Greater) => "q-cond-greater",
                Some(Operator::Less) => "q-cond-less",
                Some(Operator::GreaterOrEqual) => "q-cond-at-least",
                Some(Operator::LessOrEqual) => "q-cond-at-most",
                _ => "q-cond-equal",
            };
            tr_args(
                key,
                &[("question", question.into()), ("answer", answer.into())],
            )
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    let joiner = tr(if item.enable_any() { "q-or" } else { "q-and" });
    tr_args(
        "q-only-if",
        &[("conditions", parts.join(&format!(" {joiner} ")).into())],
    )
}

fn answer_label(q: &Questionnaire, c: &EnableWhen) -> String {
    let Some(answer) = c.answer() else {
        return String::new();
    };
    q.find(&c.question)
        .and_then(|i| q.options(i).into_iter().find(|o| o.matches(&answer)))
        .map(|o| o.label())
        .unwrap_or_else(|| answer.display())
}

/// What the patient reads when an answer is not accepted, in the request's language. A
/// form never makes the API's structural problems: seen on a form, the form has changed.
/// The form's problems for its summary: (linkId, "question: problem") for each field
/// with one, then one line for each problem with a question not on the page (a changed
/// form), with no link.
pub(crate) fn field_errors(fields: &[Field], problems: &[ItemProblem]) -> Vec<(String, String)> {
    fields
        .iter()
        .filter_map(|f| {
            f.error
                .as_ref()
                .map(|e| (f.link_id.clone(), format!("{}: {e}", f.text)))
        })
        .chain(
            problems
                .iter()
                .filter(|p| !fields.iter().any(|f| f.link_id == p.link_id))
                .map(|p| (String::new(), problem_text(&p.kind))),
        )
        .collect()
}

pub(crate) fn problem_text(kind: &ProblemKind) -> String {
    use crate::i18n::tr;
    match kind {
        ProblemKind::WrongType(_) => tr("q-problem-form"),
        ProblemKind::UnknownItem | ProblemKind::Disabled | ProblemKind::NotAQuestion => {
            tr("q-problem-changed")
        }
        other => other.text().words(crate::i18n::current()),
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
) -> Result<(PatientContext, StoredQuestionnaire), Error> {
    let ctx = PatientContext::load(state, user).await?;
    let (enrollment, version) = ctx.require_enrollment()?;
    let asked_after_course = version
        .definition
        .group_courses
        .as_ref()
        .is_some_and(|g| g.satisfaction == key);
    if enrollment.status != EnrollmentStatus::Active
        || !(asked_after_course
            || version
                .definition
                .schedule
                .iter()
                .any(|s| s.questionnaire == key))
    {
        return Err(Error::NotFound);
    }
    let q = state.store.questionnaire(version.id, key).await?;
    Ok((ctx, q))
}

struct PageInput<'a> {
    key: &'a str,
    page: usize,
    answers: &'a FormAnswers,
    problems: &'a [ItemProblem],
    saved_notice: bool,
}

fn render(ctx: &PatientContext, q: &Questionnaire, input: PageInput) -> QuestionnairePage {
    let all = pages(q);
    let index = input.page.clamp(1, all.len()) - 1;
    let media_base = match ctx.enrollment.as_ref() {
        Some((_, version)) => format!("/media/{}", version.id),
        None => String::new(),
    };
    let fields = fields(
        q,
        &all[index].items,
        input.answers,
        input.problems,
        &media_base,
    );
    let errors = field_errors(&fields, input.problems);
    QuestionnairePage {
        layout: ctx.layout(),
        key: input.key.to_owned(),
        title: q
            .title
            .clone()
            .unwrap_or_else(|| crate::i18n::tr("q-title-default")),
        page_title: all[index].title.clone(),
        page: index + 1,
        pages: all.len(),
        placeholder_notice: is_placeholder(q),
        foreign: q
            .extra
            .get("language")
            .and_then(|l| l.as_str())
            .is_some_and(|l| !matches!(l, "nb" | "nn" | "no" | "nb-NO" | "nn-NO")),
        lang: {
            // The form's own language, marked where it differs from the page's.
            let own = q.language();
            if own == crate::i18n::current().code() {
                String::new()
            } else {
                own.to_owned()
            }
        },
        fields,
        errors,
        saved_notice: input.saved_notice,
    }
}

/// Whether the form `key` is answered for now: a response is stored and no task asks for
/// it again (this week's diary opens even though last week's was sent).
async fn answered_for_now(
    state: &AppState,
    enrollment: carepath_domain::Id<carepath_domain::enrollment::Enrollment>,
    key: &str,
) -> Result<bool, Error> {
    if state
        .store
        .latest_response(enrollment, key)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    let asked = state
        .store
        .pending_tasks(enrollment)
        .await?
        .iter()
        .any(|t| t.questionnaire_key == key);
    Ok(!asked)
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    side: Option<usize>,
    lagret: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(key): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, Error> {
    let (ctx, stored) = load(&state, user, &key).await?;
    let (enrollment, _) = ctx.require_enrollment()?;
    if ctx.gate_answered && answered_for_now(&state, enrollment.id, &key).await? {
        return Ok(Redirect::to(&format!("/pasient/skjema/{key}/resultat")).into_response());
    }
    let answers = state
        .store
        .draft_response(enrollment.id, &key)
        .await?
        .map(|d| d.response.form_answers())
        .unwrap_or_default();
    let page = render(
        &ctx,
        &stored.questionnaire,
        PageInput {
            key: &key,
            page: query.side.unwrap_or(1),
            answers: &answers,
            problems: &[],
            saved_notice: query.lagret.is_some(),
        },
    );
    Ok(page.into_response())
}

/// What the buttons of a page ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Next,
    Back,
    Save,
    Send,
}

pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(key): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let (ctx, stored) = load(&state, user, &key).await?;
    let (enrollment, _) = ctx.require_enrollment()?;
    // A second send (the back button, a double click) changes nothing.
    if answered_for_now(&state, enrollment.id, &key).await? {
        return Ok(Redirect::to(&format!("/pasient/skjema/{key}/resultat")).into_response());
    }
    let q = &stored.questionnaire;
    let all = pages(q);
    let mut page = 1;
    let mut action = None;
    let mut posted = FormAnswers::new();
    for (name, value) in form.0 {
        match name.as_str() {
            "_side" => page = value.parse().unwrap_or(1),
            "_handling" => {
                action = match value.as_str() {
                    "neste" => Some(Action::Next),
                    "tilbake" => Some(Action::Back),
                    "lagre" => Some(Action::Save),
                    "send" => Some(Action::Send),
                    _ => None,
                }
            }
            _ => posted.entry(name).or_default().push(value),
        }
    }
    let page = page.clamp(1, all.len());
    let action = action.unwrap_or(if page == all.len() {
        Action::Send
    } else {
        Action::Next
    });
    let on_page = page_questions(&all[page - 1]);

    let draft = state.store.draft_response(enrollment.id, &key).await?;
    let mut answers = draft
        .as_ref()
        .map(|d| d.response.form_answers())
        .unwrap_or_default();
    answers.retain(|link_id, _| !on_page.contains(link_id));
    let mut problems = Vec::new();
    for (link_id, values) in posted {
        if on_page.contains(&link_id) {
            answers.insert(link_id, values);
        } else {
            problems.push(ItemProblem {
                link_id,
                path: "QuestionnaireResponse.item".into(),
                kind: ProblemKind::UnknownItem,
            });
        }
    }
    let now = state.clock.now();
    let authored = now.to_rfc3339();
    let checked = QuestionnaireResponse::from_form(q, &answers, &authored);
    let all_problems = checked.as_ref().err().cloned().unwrap_or_default();
    let page_of = |link_id: &str| {
        all.iter()
            .position(|p| page_questions(p).iter().any(|l| l == link_id))
            .map(|i| i + 1)
    };
    let blocking: Vec<ItemProblem> = all_problems
        .iter()
        .filter(|p| {
            on_page.contains(&p.link_id)
                && (matches!(action, Action::Next | Action::Send)
                    || p.kind != ProblemKind::Required)
        })
        .cloned()
        .collect();
    problems.extend(blocking);
    if action == Action::Send
        && problems.is_empty()
        && let Some(first) = all_problems.first()
    {
        // Sending with something missing elsewhere: go to the first page that needs it.
        let target = page_of(&first.link_id).unwrap_or(page);
        return draft_then(
            &state,
            &ctx,
            &stored,
            &answers,
            draft.as_ref(),
            PageInput {
                key: &key,
                page: target,
                answers: &answers,
                problems: &all_problems,
                saved_notice: false,
            },
        )
        .await;
    }
    if !problems.is_empty() {
        let page = render(
            &ctx,
            q,
            PageInput {
                key: &key,
                page,
                answers: &answers,
                problems: &problems,
                saved_notice: false,
            },
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let response_id = draft
        .as_ref()
        .map(|d| d.id.clone())
        .unwrap_or_else(|| carepath_domain::Id::<QuestionnaireResponse>::new().to_string());
    if action == Action::Send {
        let mut response = checked.map_err(|_| Error::NotFound)?;
        response.id = Some(response_id.clone());
        save(&state, &ctx, &stored, response, draft.is_some()).await?;
        return Ok(Redirect::to(&format!("/pasient/skjema/{key}/resultat")).into_response());
    }
    let mut response =
        QuestionnaireResponse::from_form_with_status(q, &answers, &authored, "in-progress")
            .map_err(|_| Error::NotFound)?;
    response.id = Some(response_id);
    save(&state, &ctx, &stored, response, draft.is_some()).await?;
    let to = match action {
        Action::Next => format!("/pasient/skjema/{key}?side={}", page + 1),
        Action::Back => format!(
            "/pasient/skjema/{key}?side={}",
            page.saturating_sub(1).max(1)
        ),
        Action::Save | Action::Send => format!("/pasient/skjema/{key}?side={page}&lagret=1"),
    };
    Ok(Redirect::to(&to).into_response())
}

/// Saves what is valid so far and shows `input`'s page with its problems.
async fn draft_then(
    state: &AppState,
    ctx: &PatientContext,
    stored: &StoredQuestionnaire,
    answers: &FormAnswers,
    draft: Option<&StoredResponse>,
    input: PageInput<'_>,
) -> Result<Response, Error> {
    let now = state.clock.now();
    if let Ok(mut response) = QuestionnaireResponse::from_form_with_status(
        &stored.questionnaire,
        answers,
        &now.to_rfc3339(),
        "in-progress",
    ) {
        response.id =
            Some(draft.map(|d| d.id.clone()).unwrap_or_else(|| {
                carepath_domain::Id::<QuestionnaireResponse>::new().to_string()
            }));
        save(state, ctx, stored, response, draft.is_some()).await?;
    }
    let page = render(ctx, &stored.questionnaire, input);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Stores the response (scored when it is sent) through the one submit use case.
async fn save(
    state: &AppState,
    ctx: &PatientContext,
    stored: &StoredQuestionnaire,
    response: QuestionnaireResponse,
    existed: bool,
) -> Result<(), Error> {
    let (enrollment, _) = ctx.require_enrollment()?;
    // The action and resource are filled in by the use case.
    let audit = ctx.event_on(
        carepath_domain::audit::AuditAction::Create,
        "QuestionnaireResponse",
        "",
    );
    carepath_app::response::submit(
        &state.store,
        carepath_app::response::Submission {
            patient: ctx.patient.id,
            enrollment: Some(enrollment),
            acting_unit: None,
            questionnaire: stored,
            response,
            by: Some(ctx.user.account.id),
            audit: Some(&audit),
            existed,
            public_url: Some(&state.config.public_url),
        },
        state.clock.now(),
    )
    .await?;
    Ok(())
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/questionnaire_result.html")]
struct ResultPage {
    layout: Layout,
    title: String,
    /// Advice the patient must read at once (an urgent band's description), shown first.
    urgent: Vec<String>,
    /// Whom to call, with urgent advice.
    call: Option<String>,
    scores: Vec<ScoreView>,
    next: &'static str,
}

struct ScoreView {
    title: String,
    explanation: String,
    value: String,
    band: String,
    band_description: String,
    change: String,
}

pub async fn result(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(key): Path<String>,
) -> Result<Response, Error> {
    let (ctx, stored) = load(&state, user, &key).await?;
    let (enrollment, _) = ctx.require_enrollment()?;
    let Some(latest) = state.store.latest_response(enrollment.id, &key).await? else {
        return Ok(Redirect::to(&format!("/pasient/skjema/{key}")).into_response());
    };
    let observations = state.store.response_observations(&latest.id).await?;
    let mut scores = Vec::new();
    let mut urgent = Vec::new();
    if let Some(def) = &stored.scoring {
        for rule in &def.scores {
            let Some(o) = observations.iter().find(|o| o.code == rule.code) else {
                continue;
            };
            let band = o.value.and_then(|v| rule.band_of(v));
            if let Some(b) = band.filter(|b| b.urgent) {
                urgent.extend(b.description.clone());
                continue;
            }
            if rule.quiet {
                continue;
            }
            let change = match (
                o.value,
                state
                    .store
                    .baseline_score(enrollment.id, &rule.code)
                    .await?,
            ) {
                (Some(now), Some((baseline_id, before))) if baseline_id != latest.id => {
                    let diff = now - before;
                    let change = crate::i18n::tr_args(
                        "q-change",
                        &[
                            ("before", number_shown(Some(before)).into()),
                            (
                                "diff",
                                format!(
                                    "{}{}",
                                    if diff > 0.0 { "+" } else { "" },
                                    number_shown(Some(diff))
                                )
                                .into(),
                            ),
                        ],
                    );
                    match rule.is_responder(before, now) {
                        Some(true) => format!("{change} {}", crate::i18n::tr("q-change-clear")),
                        _ => change,
                    }
                }
                _ => String::new(),
            };
            scores.push(ScoreView {
                title: rule.title.clone(),
                explanation: rule.explanation.clone().unwrap_or_default(),
                value: o
                    .value
                    .map(|v| number_shown(Some(v)))
                    .unwrap_or_else(|| crate::i18n::tr("q-no-score")),
                band: band.map(|b| b.label.clone()).unwrap_or_default(),
                band_description: band.and_then(|b| b.description.clone()).unwrap_or_default(),
                change,
            });
        }
    }
    let call = if urgent.is_empty() {
        None
    } else {
        ctx.call_unit(&state).await?
    };
    Ok(ResultPage {
        call,
        layout: ctx.layout(),
        title: stored
            .questionnaire
            .title
            .clone()
            .unwrap_or_else(|| crate::i18n::tr("q-title-default")),
        urgent,
        scores,
        next: if ctx.gate_answered {
            "/pasient/moduler"
        } else {
            "/pasient"
        },
    }
    .into_response())
}
