//! Procedure registration on the care team's pages (issue 18, decision 0052):
//! `/klinikk/prosedyrer` (the unit's registry of a form: quality indicators per year and
//! the year's registrations), registering, correcting or marking one as entered in error,
//! and the year's export as CSV or a FHIR Bundle. The use cases are
//! `carepath_app::procedure`.

use std::sync::OnceLock;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::procedure::{Change, FieldProblem, Form, ProcedureError, Typed};
use carepath_document::spreadsheet::Cell;
use carepath_domain::Id;
use carepath_domain::procedure::{DayProblem, Procedure, ProcedureStatus};
use carepath_fhir::{FormAnswers, ItemProblem, QuestionnaireResponse};
use carepath_package::ProcedureFormFiles;
use chrono::Datelike;

use super::Staff;
use crate::auth::CurrentUser;
use crate::download::{self, Format};
use crate::form::FormData;
use crate::i18n::{tr, tr_args};
use crate::layout::Layout;
use crate::patient::questionnaire::{Field, field_errors, fields};
use crate::{AppState, Error};

/// The procedure forms carepath ships, read once.
fn forms() -> &'static [ProcedureFormFiles] {
    static FORMS: OnceLock<Vec<ProcedureFormFiles>> = OnceLock::new();
    FORMS.get_or_init(carepath_package::shipped_procedure_forms)
}

fn form_of(key: Option<&str>) -> Result<&'static ProcedureFormFiles, Error> {
    let all = forms();
    match key.filter(|k| !k.is_empty()) {
        None => all.first().ok_or(Error::NotFound),
        Some(k) => all
            .iter()
            .find(|f| f.definition.key == k)
            .ok_or(Error::NotFound),
    }
}

/// The shipped form `key`, for the patient's own copy of their data.
pub(crate) fn form(key: &str) -> Option<Form<'static>> {
    forms()
        .iter()
        .find(|f| f.definition.key == key)
        .map(as_form)
}

fn as_form(f: &ProcedureFormFiles) -> Form<'_> {
    Form {
        definition: &f.definition,
        questionnaire: &f.questionnaire,
    }
}

fn title(f: &ProcedureFormFiles) -> String {
    f.definition.title.get(crate::i18n::current()).to_owned()
}

fn date_text(d: chrono::NaiveDate) -> String {
    carepath_i18n::date(crate::i18n::current(), d)
}

fn status_text(s: ProcedureStatus) -> String {
    tr(match s {
        ProcedureStatus::Completed => "proc-status-completed",
        ProcedureStatus::EnteredInError => "proc-status-in-error",
    })
}

fn share_text(s: carepath_domain::outcome::Share) -> String {
    match s.ratio() {
        Some(r) => tr_args(
            "proc-share",
            &[
                ("k", s.k.into()),
                ("n", s.n.into()),
                ("pct", crate::report::pct(r).into()),
            ],
        ),
        None => tr("proc-share-none"),
    }
}

fn failed(e: ProcedureError) -> Error {
    match e {
        ProcedureError::Store(e) => e.into(),
        ProcedureError::Conflict => Error::Conflict,
        _ => Error::NotFound,
    }
}

#[derive(serde::Deserialize, Default)]
pub struct RegistryQuery {
    enhet: Option<String>,
    skjema: Option<String>,
    aar: Option<String>,
    registrert: Option<String>,
}

pub(crate) struct Listed {
    id: String,
    day: String,
    patient: String,
    performer: String,
    status: String,
    in_error: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/procedures.html")]
pub(crate) struct RegistryPage {
    layout: Layout,
    units: Vec<(String, String, bool)>,
    unit_id: String,
    unit_name: String,
    /// (key, title, chosen).
    forms: Vec<(String, String, bool)>,
    form_key: String,
    form_title: String,
    may_register: bool,
    /// The years with registrations, newest first (the table's columns).
    years: Vec<i32>,
    /// The registrations and each indicator: (what, a value per year).
    rows: Vec<(String, Vec<String>)>,
    /// Years to list: (year, chosen).
    year_choices: Vec<(i32, bool)>,
    year: i32,
    listed: Vec<Listed>,
    notice: Option<String>,
}

/// The unit's registry of a form.
pub(crate) async fn registry(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<RegistryQuery>,
) -> Result<RegistryPage, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(q.enhet.as_deref())?.clone();
    let form = form_of(q.skjema.as_deref())?;
    let report = carepath_app::procedure::report(
        &state.store,
        &staff.user.actor,
        (&form.definition, unit.id),
        crate::report::year_param(q.aar.as_deref())?,
        state.clock.now(),
    )
    .await
    .map_err(failed)?;
    let this_year = carepath_domain::schedule::local_date(state.clock.now()).year();
    let mut choices: Vec<i32> = report.years.iter().map(|y| y.year).collect();
    for y in [this_year, report.year] {
        if !choices.contains(&y) {
            choices.push(y);
        }
    }
    choices.sort_unstable_by(|a, b| b.cmp(a));
    let lang = crate::i18n::current();
    Ok(RegistryPage {
        layout: staff.layout(),
        units: staff
            .units
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone(), u.id == unit.id))
            .collect(),
        unit_id: unit.id.to_string(),
        unit_name: unit.name.clone(),
        forms: forms()
            .iter()
            .map(|f| {
                (
                    f.definition.key.clone(),
                    title(f),
                    f.definition.key == form.definition.key,
                )
            })
            .collect(),
        form_key: form.definition.key.clone(),
        form_title: title(form),
        may_register: staff.user.actor.registers_procedures(unit.id),
        years: report.years.iter().map(|y| y.year).collect(),
        rows: std::iter::once((
            tr("proc-count"),
            report
                .years
                .iter()
                .map(|y| y.registrations.to_string())
                .collect(),
        ))
        .chain(
            form.definition
                .indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| {
                    (
                        ind.title.get(lang).to_owned(),
                        report
                            .years
                            .iter()
                            .map(|y| {
                                y.indicators
                                    .get(i)
                                    .map_or_else(String::new, |s| share_text(*s))
                            })
                            .collect(),
                    )
                }),
        )
        .collect(),
        year_choices: choices.into_iter().map(|y| (y, y == report.year)).collect(),
        year: report.year,
        listed: report
            .registrations
            .iter()
            .map(|r| Listed {
                id: r.procedure.id.to_string(),
                day: date_text(r.procedure.performed_on),
                patient: r.patient_name.clone(),
                performer: r.performer_name.clone(),
                status: status_text(r.procedure.status),
                in_error: r.procedure.status == ProcedureStatus::EnteredInError,
            })
            .collect(),
        notice: match q.registrert.as_deref() {
            Some("ny") => Some(tr("proc-registered")),
            Some("endret") => Some(tr("proc-changed")),
            _ => None,
        },
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/procedure.html")]
pub(crate) struct ProcedurePage {
    layout: Layout,
    unit_id: String,
    unit_name: String,
    form_key: String,
    form_title: String,
    /// The questionnaire's language, for the form's `lang`.
    lang: String,
    /// A registration being read and corrected; none for a new one.
    existing: Option<Existing>,
    /// Whether the reader may correct it (a clinician of its unit).
    may_change: bool,
    nin: String,
    name: String,
    day: String,
    today: String,
    fields: Vec<Field>,
    /// The registration's own problems: (field id, message).
    own_errors: Vec<(String, String)>,
    /// The answers' problems: (linkId or "", message).
    errors: Vec<(String, String)>,
}

pub(crate) struct Existing {
    id: String,
    version: i64,
    patient: String,
    performer: String,
    day: String,
    status: String,
    in_error: bool,
    answered: Vec<(String, String)>,
}

impl ProcedurePage {
    /// The problem with the registration's own field `field`, if any.
    fn error_of(&self, field: &str) -> Option<&str> {
        self.own_errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn own_errors(problems: &[FieldProblem]) -> Vec<(String, String)> {
    problems
        .iter()
        .map(|p| match p {
            FieldProblem::Nin(e) => (
                "fodselsnummer".to_owned(),
                crate::clinician::referral::nin_message(e),
            ),
            FieldProblem::Name => ("navn".to_owned(), tr("proc-error-name")),
            FieldProblem::DayFormat => ("dato".to_owned(), tr("proc-error-day")),
            FieldProblem::Day(DayProblem::Future) => {
                ("dato".to_owned(), tr("proc-error-day-future"))
            }
            FieldProblem::Day(DayProblem::TooOld) => ("dato".to_owned(), tr("proc-error-day-old")),
        })
        .collect()
}

struct Typing<'a> {
    nin: &'a str,
    name: &'a str,
    day: &'a str,
    answers: &'a FormAnswers,
    problems: (&'a [FieldProblem], &'a [ItemProblem]),
}

fn form_page(
    state: &AppState,
    staff: &Staff,
    (form, unit): (&ProcedureFormFiles, &carepath_domain::organization::Unit),
    existing: Option<Existing>,
    t: &Typing<'_>,
) -> ProcedurePage {
    let q = &form.questionnaire;
    let items: Vec<_> = q.item.iter().collect();
    let fields = fields(q, &items, t.answers, t.problems.1, "");
    let errors = field_errors(&fields, t.problems.1);
    ProcedurePage {
        layout: staff.layout(),
        unit_id: unit.id.to_string(),
        unit_name: unit.name.clone(),
        form_key: form.definition.key.clone(),
        form_title: title(form),
        lang: q.language().to_owned(),
        existing,
        may_change: staff.user.actor.registers_procedures(unit.id),
        nin: t.nin.to_owned(),
        name: t.name.to_owned(),
        day: t.day.to_owned(),
        today: carepath_domain::schedule::local_date(state.clock.now()).to_string(),
        fields,
        own_errors: own_errors(t.problems.0),
        errors,
    }
}

/// A new registration's form.
pub(crate) async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<RegistryQuery>,
) -> Result<ProcedurePage, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(q.enhet.as_deref())?.clone();
    if !staff.user.actor.registers_procedures(unit.id) {
        return Err(Error::Forbidden);
    }
    let form = form_of(q.skjema.as_deref())?;
    let today = carepath_domain::schedule::local_date(state.clock.now()).to_string();
    Ok(form_page(
        &state,
        &staff,
        (form, &unit),
        None,
        &Typing {
            nin: "",
            name: "",
            day: &today,
            answers: &FormAnswers::new(),
            problems: (&[], &[]),
        },
    ))
}

fn answers_of(form: &FormData) -> FormAnswers {
    let mut answers = FormAnswers::new();
    for (name, value) in &form.0 {
        if !name.starts_with('_')
            && ![
                "enhet",
                "skjema",
                "fodselsnummer",
                "navn",
                "dato",
                "handling",
                "versjon",
            ]
            .contains(&name.as_str())
        {
            answers.entry(name.clone()).or_default().push(value.clone());
        }
    }
    answers
}

fn registry_url(unit: &str, form: &str, year: i32, notice: &str) -> String {
    format!("/klinikk/prosedyrer?enhet={unit}&skjema={form}&aar={year}&registrert={notice}")
}

/// Registers a procedure; every problem is shown beside its field.
pub(crate) async fn register(
    State(state): State<AppState>,
    user: CurrentUser,
    data: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(data.get("enhet"))?.clone();
    let form = form_of(data.get("skjema"))?;
    let answers = answers_of(&data);
    let typed = Typed {
        nin: data.get("fodselsnummer").unwrap_or_default(),
        name: data.get("navn").unwrap_or_default(),
        day: data.get("dato").unwrap_or_default(),
        answers: &answers,
    };
    let now = state.clock.now();
    match carepath_app::procedure::register(
        &state.store,
        &staff.user.actor,
        (as_form(form), unit.id),
        &typed,
        now,
    )
    .await
    {
        Ok(_) => {
            let year = chrono::NaiveDate::parse_from_str(typed.day.trim(), "%Y-%m-%d").map_or_else(
                |_| carepath_domain::schedule::local_date(now).year(),
                |d| d.year(),
            );
            Ok(Redirect::to(&registry_url(
                &unit.id.to_string(),
                &form.definition.key,
                year,
                "ny",
            ))
            .into_response())
        }
        Err(ProcedureError::Problems(own, items)) => {
            let page = form_page(
                &state,
                &staff,
                (form, &unit),
                None,
                &Typing {
                    nin: typed.nin,
                    name: typed.name,
                    day: typed.day,
                    answers: &answers,
                    problems: (&own, &items),
                },
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(ProcedureError::NotFound) => Err(Error::Forbidden),
        Err(e) => Err(failed(e)),
    }
}

async fn existing(
    state: &AppState,
    staff: &Staff,
    id: &str,
) -> Result<
    (
        carepath_store::procedure::Registration,
        &'static ProcedureFormFiles,
        carepath_domain::organization::Unit,
    ),
    Error,
> {
    let id: Id<Procedure> = id.parse().map_err(|_| Error::NotFound)?;
    let r = carepath_app::procedure::registration(
        &state.store,
        &staff.user.actor,
        id,
        state.clock.now(),
    )
    .await
    .map_err(failed)?;
    let form = form_of(Some(&r.procedure.form))?;
    let unit = staff.unit(Some(&r.procedure.unit.to_string()))?.clone();
    Ok((r, form, unit))
}

fn existing_view(
    r: &carepath_store::procedure::Registration,
    form: &ProcedureFormFiles,
) -> (Existing, FormAnswers) {
    let response: Option<QuestionnaireResponse> = serde_json::from_value(r.response.clone()).ok();
    let answered = response
        .as_ref()
        .map(|q| q.answered_items(&form.questionnaire))
        .unwrap_or_default();
    (
        Existing {
            id: r.procedure.id.to_string(),
            version: r.procedure.version,
            patient: r.patient_name.clone(),
            performer: r.performer_name.clone(),
            day: date_text(r.procedure.performed_on),
            status: status_text(r.procedure.status),
            in_error: r.procedure.status == ProcedureStatus::EnteredInError,
            answered,
        },
        response.map(|q| q.form_answers()).unwrap_or_default(),
    )
}

/// One registration, with its correction form.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<ProcedurePage, Error> {
    let staff = Staff::load(&state, user).await?;
    let (r, form, unit) = existing(&state, &staff, &id).await?;
    let (view, answers) = existing_view(&r, form);
    let day = r.procedure.performed_on.to_string();
    Ok(form_page(
        &state,
        &staff,
        (form, &unit),
        Some(view),
        &Typing {
            nin: "",
            name: "",
            day: &day,
            answers: &answers,
            problems: (&[], &[]),
        },
    ))
}

/// Corrects a registration (`handling=rett`) or marks it entered in error
/// (`handling=feil`).
pub(crate) async fn change(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let (r, form, unit) = existing(&state, &staff, &id).await?;
    let version: i64 = data
        .get("versjon")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Error::BadRequest(tr("error-form-unreadable")))?;
    let answers = answers_of(&data);
    let day = data.get("dato").unwrap_or_default();
    let change = match data.get("handling") {
        Some("feil") => Change::EnteredInError,
        Some("rett") => Change::Correct {
            day,
            answers: &answers,
        },
        _ => return Err(Error::BadRequest(tr("error-form-unreadable"))),
    };
    match carepath_app::procedure::change(
        &state.store,
        &staff.user.actor,
        (as_form(form), r.procedure.id, version),
        &change,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&registry_url(
            &unit.id.to_string(),
            &form.definition.key,
            r.procedure.performed_on.year(),
            "endret",
        ))
        .into_response()),
        Err(ProcedureError::Problems(own, items)) => {
            let (view, _) = existing_view(&r, form);
            let page = form_page(
                &state,
                &staff,
                (form, &unit),
                Some(view),
                &Typing {
                    nin: "",
                    name: "",
                    day,
                    answers: &answers,
                    problems: (&own, &items),
                },
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(ProcedureError::NotFound) => Err(Error::Forbidden),
        Err(e) => Err(failed(e)),
    }
}

async fn exported(
    state: &AppState,
    user: CurrentUser,
    q: &RegistryQuery,
) -> Result<
    (
        &'static ProcedureFormFiles,
        i32,
        Vec<carepath_app::procedure::Exported>,
    ),
    Error,
> {
    let staff = Staff::load(state, user).await?;
    let unit = staff.unit(q.enhet.as_deref())?.clone();
    let form = form_of(q.skjema.as_deref())?;
    let now = state.clock.now();
    let year = crate::report::year_param(q.aar.as_deref())?
        .unwrap_or_else(|| carepath_domain::schedule::local_date(now).year());
    let out = carepath_app::procedure::export(
        &state.store,
        &staff.user.actor,
        (&form.definition, unit.id),
        year,
        now,
    )
    .await
    .map_err(failed)?;
    Ok((form, year, out))
}

/// The year's registrations as CSV: one row each, a column per question (its linkId)
/// with the answers' codes.
pub(crate) async fn csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<RegistryQuery>,
) -> Result<Response, Error> {
    let (form, year, out) = exported(&state, user, &q).await?;
    let questions: Vec<String> = form
        .questionnaire
        .all_items()
        .into_iter()
        .filter(|i| i.is_question())
        .map(|i| i.link_id.clone())
        .collect();
    let header: Vec<String> = [
        "proc-col-id",
        "proc-col-day",
        "proc-col-nin",
        "proc-col-patient",
        "proc-col-performer",
        "proc-col-status",
    ]
    .into_iter()
    .map(tr)
    .chain(questions.iter().cloned())
    .collect();
    let rows: Vec<Vec<Cell>> = out
        .iter()
        .map(|e| {
            let p = &e.registration.procedure;
            [
                p.id.to_string(),
                p.performed_on.to_string(),
                e.nin.clone(),
                e.registration.patient_name.clone(),
                e.registration.performer_name.clone(),
                p.status.as_str().to_owned(),
            ]
            .into_iter()
            .chain(
                questions
                    .iter()
                    .map(|k| e.answers.get(k).map(|a| a.join(";")).unwrap_or_default()),
            )
            .map(Cell::Text)
            .collect()
        })
        .collect();
    download::table(
        Format::Csv,
        &title(form),
        &header,
        &rows,
        &format!("{}-{year}", form.definition.key),
    )
}

/// The year's registrations as a FHIR `collection` Bundle of `Procedure`s, each with its
/// `QuestionnaireResponse`.
pub(crate) async fn fhir(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<RegistryQuery>,
) -> Result<Response, Error> {
    let (form, year, out) = exported(&state, user, &q).await?;
    let bundle = carepath_app::procedure::fhir_bundle(as_form(form), &out, state.clock.now());
    Ok((
        [
            (header::CONTENT_TYPE, "application/fhir+json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}-{year}.json\"",
                    form.definition.key
                ),
            ),
        ],
        bundle.to_string(),
    )
        .into_response())
}
