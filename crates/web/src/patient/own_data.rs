//! "Mine data": everything carepath holds about the signed-in patient, as a FHIR Bundle to
//! download and as a readable page to print or save as PDF (GDPR art. 15 and 20,
//! pasientjournalloven § 18). Each copy is recorded in the access log.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use carepath_domain::audit::{AuditAction, RecordedEvent};
use carepath_domain::enrollment::Enrollment;
use carepath_domain::program::ProgramVersion;
use carepath_fhir::audit_event::audit_event_resource;
use carepath_fhir::care_plan::{care_plan_resource, collection};
use carepath_fhir::patient::patient_resource;
use carepath_store::response::KeyedResponse;

use super::PatientContext;
use crate::auth::CurrentUser;
use crate::layout::{Layout, date, when};
use crate::{AppState, Error};

/// How many access-log entries a copy holds at most.
const ACCESS_LIMIT: i64 = 10_000;

struct EnrollmentData {
    enrollment: Enrollment,
    version: ProgramVersion,
    pages_read: usize,
    percent: u32,
    responses: Vec<KeyedResponse>,
}

/// Everything about the patient, gathered once for both copies.
struct OwnData {
    enrollments: Vec<EnrollmentData>,
    /// Every Observation (measurements and scores), newest first, as stored.
    observations: Vec<serde_json::Value>,
    /// The measurements, newest first.
    measurements: Vec<carepath_store::measurement::Measurement>,
    /// Every message, in every thread, oldest first.
    messages: Vec<carepath_store::message::Message>,
    access: Vec<RecordedEvent>,
}

/// How many measurements and scores a copy holds at most.
const OBSERVATION_LIMIT: i64 = 100_000;

async fn gather(state: &AppState, ctx: &PatientContext) -> Result<OwnData, Error> {
    let mut enrollments = Vec::new();
    for e in state.store.patient_enrollments(ctx.patient.id).await? {
        let version = state.store.program_version(e.program_version_id).await?;
        let progress = state.store.progress(e.id).await?;
        let responses = state.store.enrollment_responses(e.id).await?;
        enrollments.push(EnrollmentData {
            pages_read: progress.read.len(),
            percent: progress.percent(&e, &version.definition),
            enrollment: e,
            version,
            responses,
        });
    }
    let own = carepath_store::response::Scope::Patient(ctx.patient.id);
    let filter = carepath_store::response::ObservationFilter {
        subject: Some(ctx.patient.id),
        ..Default::default()
    };
    let observations = state
        .store
        .search_observations(&own, &filter, 0, OBSERVATION_LIMIT, false)
        .await?
        .items;
    let measurements = state
        .store
        .patient_measurements(ctx.patient.id, OBSERVATION_LIMIT)
        .await?;
    let messages = state.store.patient_messages(ctx.patient.id).await?;
    let access = state
        .store
        .patient_access_log(ctx.patient.id, ACCESS_LIMIT)
        .await?;
    crate::audit::record(
        state,
        &[ctx.event_on(AuditAction::Read, "Bundle", "mine-data")],
    )
    .await?;
    Ok(OwnData {
        enrollments,
        observations: observations.into_iter().map(|o| o.body).collect(),
        measurements,
        messages,
        access,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/own_data.html")]
pub(crate) struct OwnDataPage {
    layout: Layout,
    /// The letters sent to the patient's GP: (title, when sent, where the PDF is).
    letters: Vec<(String, String, String)>,
}

/// `GET /pasient/mine-data`: what the copies hold and where to get them, and the letters
/// sent to the GP.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<OwnDataPage, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let mut letters = Vec::new();
    for l in state
        .store
        .search_letters(Some(ctx.patient.id), None, 1000)
        .await?
    {
        let title = carepath_app::letter::title(&state.store, &l).await?;
        letters.push((
            title,
            l.sent_at.map(when).unwrap_or_default(),
            format!("/pasient/brev/{}", l.id),
        ));
    }
    if !letters.is_empty() {
        let ids: Vec<&str> = letters
            .iter()
            .map(|(_, _, link)| link.trim_start_matches("/pasient/brev/"))
            .collect();
        crate::audit::record(
            &state,
            &[ctx.event_on(AuditAction::Read, "DocumentReference", ids.join(","))],
        )
        .await?;
    }
    Ok(OwnDataPage {
        layout: ctx.layout(),
        letters,
    })
}

/// `GET /pasient/brev/{letter}`: a letter sent to the patient's GP, as its PDF.
pub(crate) async fn letter(
    State(state): State<AppState>,
    user: CurrentUser,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, Error> {
    crate::clinician::letter::pdf_response(&state, &user, &id).await
}

/// `GET /pasient/mine-data/fhir`: the FHIR `collection` Bundle, as a file.
pub(crate) async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let data = gather(&state, &ctx).await?;
    let mut resources = vec![patient_resource(&ctx.patient)];
    for d in &data.enrollments {
        resources.push(care_plan_resource(&d.enrollment, &d.version));
        for r in &d.responses {
            if let Ok(json) = serde_json::to_value(&r.stored.response) {
                resources.push(json);
            }
        }
    }
    resources.extend(data.observations);
    for m in &data.messages {
        resources.push(crate::fhir::communication::resource(
            m,
            &state.config.public_url,
        ));
        // The files themselves, so the copy is whole without carepath.
        for a in &m.attachments {
            if let Some((file, _, bytes)) = state.store.attachment(a.id).await? {
                resources.push(crate::fhir::communication::binary_resource(&file, &bytes));
            }
        }
    }
    // The letters sent to the GP, each with its PDF.
    for l in state
        .store
        .search_letters(Some(ctx.patient.id), None, 1000)
        .await?
    {
        let title = data
            .enrollments
            .iter()
            .find(|d| d.enrollment.id == l.enrollment_id)
            .and_then(|d| {
                d.version
                    .definition
                    .letters
                    .iter()
                    .find(|p| p.key == l.point)
            })
            .map(|p| p.title.clone())
            .unwrap_or_else(|| l.point.clone());
        let pdf = state.store.letter_pdf(l.id).await?.map(|b| {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.encode(b)
        });
        resources.push(carepath_fhir::document_reference::letter_resource(
            &l, &title, pdf,
        ));
    }
    // Their appointments, with no other patient of a group.
    let reach = ctx.reach(&state).await?;
    for a in carepath_app::appointment::of_patient(&state.store, &reach).await? {
        resources.push(carepath_fhir::appointment::appointment_resource(&a));
    }
    // Procedures registered about them, each with its form's answers (decision 0052).
    for r in carepath_app::procedure::own(&state.store, &ctx.user.actor).await? {
        let Some(form) = crate::clinician::procedure::form(&r.procedure.form) else {
            continue;
        };
        let (procedure, response) = carepath_app::procedure::fhir_pair(
            form,
            &carepath_app::procedure::exported(r, ctx.patient.nin.expose()),
        );
        resources.extend([procedure, response]);
    }
    resources.extend(data.access.iter().map(audit_event_resource));
    let bundle = collection(
        resources,
        &state
            .clock
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    );
    let body = serde_json::to_vec_pretty(&bundle).unwrap_or_default();
    Ok((
        [
            (header::CONTENT_TYPE, "application/fhir+json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"carepath-mine-data.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

struct ResponseView {
    title: String,
    answered: String,
    answers: Vec<(String, String)>,
}

/// A procedure registered about the patient: what, when and by whom, the form's
/// language, and its answers.
struct ProcedureView {
    heading: String,
    lang: String,
    answers: Vec<(String, String)>,
}

struct EnrollmentView {
    program: String,
    status: &'static str,
    enrolled: String,
    terms: String,
    pages_read: usize,
    percent: u32,
    chosen: Vec<String>,
    responses: Vec<ResponseView>,
}

struct AccessView {
    when: String,
    who: String,
    what: String,
}

/// One measurement: when, what, and the value with its unit.
struct MeasurementView {
    when: String,
    name: String,
    value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "patient/own_data_print.html")]
pub(crate) struct PrintPage {
    layout: Layout,
    made: String,
    name: String,
    nin: String,
    birth_date: String,
    gp: String,
    enrollments: Vec<EnrollmentView>,
    measurements: Vec<MeasurementView>,
    messages: Vec<super::messages::Shown>,
    /// The letters sent to the GP: (title, when sent).
    letters: Vec<(String, String)>,
    /// Their appointments: (kind, when, status).
    appointments: Vec<(String, String, String)>,
    /// Procedures registered about them.
    procedures: Vec<ProcedureView>,
    access: Vec<AccessView>,
}

/// `GET /pasient/mine-data/utskrift`: the same data, readable, for printing or PDF.
pub(crate) async fn print(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, Error> {
    let ctx = PatientContext::load(&state, user).await?;
    let data = gather(&state, &ctx).await?;
    let mut enrollments = Vec::new();
    for d in &data.enrollments {
        let def = &d.version.definition;
        let mut responses = Vec::new();
        for r in &d.responses {
            let q = state
                .store
                .questionnaire(d.version.id, &r.questionnaire_key)
                .await?;
            let answers = r.stored.response.answered_items(&q.questionnaire);
            responses.push(ResponseView {
                title: q
                    .questionnaire
                    .title
                    .clone()
                    .unwrap_or_else(|| r.questionnaire_key.clone()),
                answered: when(r.stored.authored_at),
                answers,
            });
        }
        enrollments.push(EnrollmentView {
            program: def.title.get(crate::i18n::current()).to_owned(),
            status: carepath_i18n::status_key(d.enrollment.status),
            enrolled: when(d.enrollment.enrolled_at),
            terms: d
                .enrollment
                .terms_accepted_at
                .map(when)
                .unwrap_or_else(|| crate::i18n::tr("print-not-yet")),
            pages_read: d.pages_read,
            percent: d.percent,
            chosen: d
                .enrollment
                .chosen_modules
                .iter()
                .filter_map(|k| {
                    def.module(k)
                        .map(|m| m.title.get(crate::i18n::current()).to_owned())
                })
                .collect(),
            responses,
        });
    }
    let access = data
        .access
        .iter()
        .map(|e| AccessView {
            when: crate::layout::when_at(e.recorded_at),
            who: if e.role == "patient" {
                crate::i18n::tr("print-yourself")
            } else {
                e.actor_name.clone()
            },
            what: super::access_log::describe(e),
        })
        .collect();
    let measurements = data
        .measurements
        .iter()
        .filter_map(|m| {
            let kind = carepath_domain::measurement::MeasurementKind::from_key(&m.key)?;
            let value = carepath_i18n::number(crate::i18n::current(), m.value);
            Some(MeasurementView {
                when: crate::layout::when_at(m.effective_at),
                name: crate::i18n::measurement_name(kind),
                value: format!("{value} {}", crate::i18n::measurement_unit(kind))
                    .trim_end()
                    .to_owned(),
            })
        })
        .collect();
    let mut messages = Vec::new();
    for m in &data.messages {
        let unit = state.store.unit(m.unit_id).await?.name;
        messages.push(super::messages::shown(
            m,
            true,
            &unit,
            "/pasient/meldinger/vedlegg",
        ));
    }
    let mut letters = Vec::new();
    for l in state
        .store
        .search_letters(Some(ctx.patient.id), None, 1000)
        .await?
    {
        let title = carepath_app::letter::title(&state.store, &l).await?;
        letters.push((title, l.sent_at.map(when).unwrap_or_default()));
    }
    let reach = ctx.reach(&state).await?;
    let appointments = carepath_app::appointment::of_patient(&state.store, &reach)
        .await?
        .iter()
        .map(|a| {
            use crate::clinician::appointments as shown;
            (
                crate::i18n::tr(shown::kind_key(a.kind)),
                shown::when(a),
                crate::i18n::tr(shown::status_key(a.status)),
            )
        })
        .collect();
    let mut procedures = Vec::new();
    // Registrations entered in error are in the FHIR copy with that status, not here.
    for r in carepath_app::procedure::own(&state.store, &ctx.user.actor).await? {
        let Some(form) = crate::clinician::procedure::form(&r.procedure.form).filter(|_| {
            r.procedure.status == carepath_domain::procedure::ProcedureStatus::Completed
        }) else {
            continue;
        };
        let answers =
            serde_json::from_value::<carepath_fhir::QuestionnaireResponse>(r.response.clone())
                .map(|q| q.answered_items(form.questionnaire))
                .unwrap_or_default();
        procedures.push(ProcedureView {
            heading: crate::i18n::tr_args(
                "print-procedure",
                &[
                    (
                        "what",
                        form.definition.title.get(crate::i18n::current()).into(),
                    ),
                    ("date", date(r.procedure.performed_on).into()),
                    ("by", r.performer_name.as_str().into()),
                ],
            ),
            lang: form.questionnaire.language().to_owned(),
            answers,
        });
    }
    let page = PrintPage {
        procedures,
        letters,
        appointments,
        measurements,
        messages,
        layout: ctx.layout(),
        made: when(state.clock.now()),
        name: ctx.patient.name.clone(),
        nin: ctx.patient.nin.expose(),
        birth_date: date(ctx.patient.birth_date),
        gp: ctx
            .patient
            .gp_name
            .clone()
            .unwrap_or_else(|| crate::i18n::tr("print-not-registered")),
        enrollments,
        access,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], page).into_response())
}
