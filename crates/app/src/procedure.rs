//! Procedure registration for a quality registry (issue 18, decision 0052). A clinician
//! registers a procedure they did with the procedure's form (the questionnaire engine,
//! answered by staff about a patient found by their national identity number, registered
//! when new). The registration belongs to the clinician's unit, which then cares for the
//! patient; its care team reads the unit's registrations, their quality indicators per
//! year and an export (CSV, FHIR `Procedure` with its `QuestionnaireResponse`), each
//! patient's part of it in their access log. A registration is corrected as a new version
//! or marked as entered in error; nothing is deleted.

use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::organization::Unit;
use carepath_domain::outcome::Share;
use carepath_domain::patient::Patient;
use carepath_domain::procedure::{
    self as rules, DayProblem, Procedure, ProcedureForm, ProcedureStatus,
};
use carepath_domain::{Id, NationalIdNumber};
use carepath_fhir::{FormAnswers, ItemProblem, Questionnaire, QuestionnaireResponse};
use carepath_store::procedure::Registration;
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::access::Actor;

/// A procedure form with its questionnaire.
#[derive(Debug, Clone, Copy)]
pub struct Form<'a> {
    pub definition: &'a ProcedureForm,
    pub questionnaire: &'a Questionnaire,
}

/// A registration as the clinician typed it.
#[derive(Debug, Clone)]
pub struct Typed<'a> {
    /// The patient's national identity number.
    pub nin: &'a str,
    /// The patient's name, needed only for a patient carepath does not know yet.
    pub name: &'a str,
    /// The day it was done (`YYYY-MM-DD`).
    pub day: &'a str,
    pub answers: &'a FormAnswers,
}

/// What is wrong with a registration's own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    Nin(carepath_domain::nin::NinError),
    /// The number is not known and no name was given.
    Name,
    /// Not a date.
    DayFormat,
    Day(DayProblem),
}

/// Why a registration was not stored or changed.
#[derive(Debug, thiserror::Error)]
pub enum ProcedureError {
    /// Not a clinician of the unit (or no such registration in the actor's units).
    #[error("not found")]
    NotFound,
    /// Every problem at once: the registration's fields, and the answers'.
    #[error("the registration has problems")]
    Problems(Vec<FieldProblem>, Vec<ItemProblem>),
    /// Someone changed it since it was opened.
    #[error("changed by someone else")]
    Conflict,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn clinician_in(actor: &Actor, unit: Id<Unit>) -> Result<(), ProcedureError> {
    if actor.registers_procedures(unit) {
        Ok(())
    } else {
        Err(ProcedureError::NotFound)
    }
}

/// The day, checked against today.
fn day(typed: &str, now: DateTime<Utc>) -> Result<NaiveDate, FieldProblem> {
    let d =
        NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").map_err(|_| FieldProblem::DayFormat)?;
    rules::check_day(d, carepath_domain::schedule::local_date(now)).map_err(FieldProblem::Day)?;
    Ok(d)
}

/// The answers as a response of `form`, with `id`.
fn response(
    form: Form<'_>,
    answers: &FormAnswers,
    id: String,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, Vec<ItemProblem>> {
    let mut r = QuestionnaireResponse::from_form(form.questionnaire, answers, &now.to_rfc3339())?;
    r.id = Some(id);
    Ok(serde_json::to_value(&r).unwrap_or_default())
}

/// `actor`, a clinician of `unit`, registers a procedure they did with `form`.
pub async fn register(
    store: &Store,
    actor: &Actor,
    (form, unit): (Form<'_>, Id<Unit>),
    typed: &Typed<'_>,
    now: DateTime<Utc>,
) -> Result<Id<Procedure>, ProcedureError> {
    clinician_in(actor, unit)?;
    let mut fields = Vec::new();
    let nin = NationalIdNumber::parse(typed.nin)
        .map_err(|e| fields.push(FieldProblem::Nin(e)))
        .ok();
    let known = match &nin {
        Some(n) => store.patient_by_nin(n).await?.map(|p| p.id),
        None => None,
    };
    if nin.is_some() && known.is_none() && typed.name.trim().chars().count() < 2 {
        fields.push(FieldProblem::Name);
    }
    let performed_on = day(typed.day, now).map_err(|e| fields.push(e)).ok();
    let answers = response(form, typed.answers, Id::<Procedure>::new().to_string(), now);
    let (Some(nin), Some(performed_on), Ok(answers), true) =
        (nin, performed_on, &answers, fields.is_empty())
    else {
        return Err(ProcedureError::Problems(
            fields,
            answers.err().unwrap_or_default(),
        ));
    };
    let base = actor.event_in(unit, Id::new(), AuditAction::Create, "Procedure", "");
    let new = crate::patient::NewPatient {
        name: typed.name,
        gp: None,
        gp_her_id: None,
        email: None,
        mobile: None,
    };
    let (patient, _) = crate::patient::find_or_register(store, &nin, &new, &base, now)
        .await
        .map_err(|e| match e {
            crate::patient::FindError::Store(e) => ProcedureError::Store(e),
            crate::patient::FindError::NoName => {
                ProcedureError::Problems(vec![FieldProblem::Name], Vec::new())
            }
            crate::patient::FindError::NoBirthDate => ProcedureError::Problems(
                vec![FieldProblem::Nin(carepath_domain::nin::NinError::BirthDate)],
                Vec::new(),
            ),
        })?;
    let p = Procedure {
        id: Id::new(),
        unit,
        patient,
        form: form.definition.key.clone(),
        performed_on,
        performer: actor.account,
        status: ProcedureStatus::Completed,
        recorded_at: now,
        version: 1,
    };
    let event = actor.event_in(unit, patient, AuditAction::Create, "Procedure", p.id);
    store.create_procedure(&p, answers, &[event]).await?;
    Ok(p.id)
}

/// Registration `id` of one of `actor`'s units, read (in the patient's access log).
pub async fn registration(
    store: &Store,
    actor: &Actor,
    id: Id<Procedure>,
    now: DateTime<Utc>,
) -> Result<Registration, ProcedureError> {
    let r = store.procedure(id).await?.ok_or(ProcedureError::NotFound)?;
    if !actor.works_in(r.procedure.unit) {
        return Err(ProcedureError::NotFound);
    }
    let p = &r.procedure;
    store
        .audit(
            &actor.event_in(p.unit, p.patient, AuditAction::Read, "Procedure", p.id),
            now,
        )
        .await?;
    Ok(r)
}

/// A change to a registration.
#[derive(Debug, Clone)]
pub enum Change<'a> {
    /// New answers and day.
    Correct {
        day: &'a str,
        answers: &'a FormAnswers,
    },
    /// It should not have been registered.
    EnteredInError,
}

/// `actor`, a clinician of the registration's unit, changes version `version` of
/// registration `id` of `form`: a new version, the earlier one kept in its history.
pub async fn change(
    store: &Store,
    actor: &Actor,
    (form, id, version): (Form<'_>, Id<Procedure>, i64),
    change: &Change<'_>,
    now: DateTime<Utc>,
) -> Result<(), ProcedureError> {
    let r = store.procedure(id).await?.ok_or(ProcedureError::NotFound)?;
    let old = r.procedure;
    clinician_in(actor, old.unit)?;
    if old.form != form.definition.key {
        return Err(ProcedureError::NotFound);
    }
    if old.version != version {
        return Err(ProcedureError::Conflict);
    }
    let mut new = Procedure {
        version: old.version + 1,
        recorded_at: now,
        ..old.clone()
    };
    let body = match change {
        Change::Correct {
            day: typed,
            answers,
        } => {
            let d = day(typed, now);
            let id = r.response["id"].as_str().unwrap_or_default().to_owned();
            let body = response(form, answers, id, now);
            let (Ok(d), Ok(mut body)) = (d.clone(), body.clone()) else {
                return Err(ProcedureError::Problems(
                    d.err().into_iter().collect(),
                    body.err().unwrap_or_default(),
                ));
            };
            body["status"] = serde_json::json!("amended");
            new.performed_on = d;
            new.status = ProcedureStatus::Completed;
            body
        }
        Change::EnteredInError => {
            new.status = ProcedureStatus::EnteredInError;
            r.response.clone()
        }
    };
    let event = actor.event_in(old.unit, old.patient, AuditAction::Update, "Procedure", id);
    if store
        .update_procedure(&new, &body, actor.account, &[event])
        .await?
    {
        Ok(())
    } else {
        Err(ProcedureError::Conflict)
    }
}

/// A year's registrations of a form at a unit, added up.
#[derive(Debug, Clone, PartialEq)]
pub struct YearFigures {
    pub year: i32,
    /// Registrations that stand (not entered in error).
    pub registrations: u64,
    /// Each of the form's indicators, in its order.
    pub indicators: Vec<Share>,
}

/// A unit's registry of one form.
#[derive(Debug, Clone)]
pub struct Report {
    pub unit: Id<Unit>,
    /// Every year with registrations, newest first.
    pub years: Vec<YearFigures>,
    /// The chosen year's registrations (entered in error ones too, marked), newest first.
    pub year: i32,
    pub registrations: Vec<Registration>,
}

fn answers_of(r: &Registration) -> rules::Answers {
    serde_json::from_value::<QuestionnaireResponse>(r.response.clone())
        .map(|q| q.form_answers())
        .unwrap_or_default()
}

fn figures(form: &ProcedureForm, year: i32, regs: &[&Registration]) -> YearFigures {
    let answers: Vec<rules::Answers> = regs.iter().map(|r| answers_of(r)).collect();
    YearFigures {
        year,
        registrations: answers.len() as u64,
        indicators: form
            .indicators
            .iter()
            .map(|i| i.share(answers.iter()))
            .collect(),
    }
}

/// The registrations of `form` at `unit` (one of `actor`'s), the figures of every year,
/// and the list of `year` (the current one when `None`), each listed patient's reading in
/// their access log.
pub async fn report(
    store: &Store,
    actor: &Actor,
    (form, unit): (&ProcedureForm, Id<Unit>),
    year: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Report, ProcedureError> {
    if !actor.works_in(unit) {
        return Err(ProcedureError::NotFound);
    }
    let today = carepath_domain::schedule::local_date(now);
    let all = store
        .unit_procedures(
            unit,
            &form.key,
            (
                NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default(),
                NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default(),
            ),
        )
        .await?;
    let mut years: Vec<i32> = all
        .iter()
        .map(|r| r.procedure.performed_on.year())
        .collect();
    years.dedup();
    let figures = years
        .iter()
        .map(|y| {
            let regs: Vec<&Registration> = all
                .iter()
                .filter(|r| {
                    r.procedure.performed_on.year() == *y
                        && r.procedure.status == ProcedureStatus::Completed
                })
                .collect();
            figures(form, *y, &regs)
        })
        .collect();
    let year = year.unwrap_or(today.year());
    let listed: Vec<Registration> = all
        .into_iter()
        .filter(|r| r.procedure.performed_on.year() == year)
        .collect();
    audit_reads(store, actor, &listed, AuditAction::Read, now).await?;
    Ok(Report {
        unit,
        years: figures,
        year,
        registrations: listed,
    })
}

async fn audit_reads(
    store: &Store,
    actor: &Actor,
    regs: &[Registration],
    action: AuditAction,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let events: Vec<AuditEvent> = regs
        .iter()
        .map(|r| {
            let p = &r.procedure;
            actor.event_in(p.unit, p.patient, action, "Procedure", p.id)
        })
        .collect();
    store.audit_all(&events, now).await
}

/// The registrations about the patient `actor` is (their own copy of their data); none for
/// anyone else. Reading them is in the copy's own access-log event.
pub async fn own(store: &Store, actor: &Actor) -> Result<Vec<Registration>, StoreError> {
    match actor.own_patient(store).await? {
        Some(me) => store.patient_procedures(me).await,
        None => Ok(Vec::new()),
    }
}

/// One registration in an export: the registration, its answers, and the patient's
/// number (for the registry).
#[derive(Debug, Clone)]
pub struct Exported {
    pub registration: Registration,
    pub answers: rules::Answers,
    pub nin: String,
    pub patient: Id<Patient>,
}

/// The registrations of `form` at `unit` (one of `actor`'s) done in `year`, with the
/// patients' numbers, for the registry; each in its patient's access log.
pub async fn export(
    store: &Store,
    actor: &Actor,
    (form, unit): (&ProcedureForm, Id<Unit>),
    year: i32,
    now: DateTime<Utc>,
) -> Result<Vec<Exported>, ProcedureError> {
    if !actor.works_in(unit) {
        return Err(ProcedureError::NotFound);
    }
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(ProcedureError::NotFound)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(ProcedureError::NotFound)?;
    let regs = store.unit_procedures(unit, &form.key, (from, to)).await?;
    audit_reads(store, actor, &regs, AuditAction::Read, now).await?;
    let mut out = Vec::with_capacity(regs.len());
    for r in regs {
        let patient = store.patient(r.procedure.patient).await?;
        out.push(exported(r, patient.nin.expose()));
    }
    Ok(out)
}

/// The export as a FHIR `collection` Bundle: each `Procedure` and its
/// `QuestionnaireResponse`.
pub fn fhir_bundle(form: Form<'_>, exported: &[Exported], now: DateTime<Utc>) -> serde_json::Value {
    let entries: Vec<_> = exported.iter().map(|e| fhir_pair(form, e)).collect();
    carepath_fhir::procedure::bundle(
        &entries,
        &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    )
}

/// One registration as FHIR: its `Procedure` and its `QuestionnaireResponse`.
pub fn fhir_pair(form: Form<'_>, e: &Exported) -> (serde_json::Value, serde_json::Value) {
    let r = &e.registration;
    let parties = carepath_fhir::procedure::Parties {
        patient_nin: &e.nin,
        patient_name: &r.patient_name,
        performer_name: &r.performer_name,
    };
    let complication = form.definition.complication(&e.answers).and_then(|code| {
        let item = form
            .questionnaire
            .find(&form.definition.complication.as_ref()?.item)?;
        form.questionnaire
            .options(item)
            .into_iter()
            .filter_map(|o| o.value_coding)
            .find(|c| c.code.as_deref() == Some(code))
    });
    let complication = complication.as_ref().map(|c| {
        (
            c.system.as_deref().unwrap_or_default(),
            c.code.as_deref().unwrap_or_default(),
            c.display.as_deref().unwrap_or_default(),
        )
    });
    (
        carepath_fhir::procedure::procedure(&r.procedure, form.definition, &parties, complication),
        carepath_fhir::procedure::response(&r.procedure, &r.response, &parties),
    )
}

/// `r` as exported, its answers read and with `nin` as the patient's number.
pub fn exported(r: Registration, nin: String) -> Exported {
    Exported {
        answers: answers_of(&r),
        patient: r.procedure.patient,
        nin,
        registration: r,
    }
}
