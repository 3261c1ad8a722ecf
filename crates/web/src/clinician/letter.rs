//! A letter to the GP (decision 0034): the draft a letter point made, its scores, the
//! assessment a clinician edits and signs, and the PDF once sent. Sending a sent letter
//! again is a choice of its own (a box to tick). The use cases are in
//! `carepath_app::letter`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::letter::{LetterError, LetterView};
use carepath_domain::Id;
use carepath_domain::letter::{Hold, Letter, LetterStatus, ScoreAt, SignProblem};

use super::Staff;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::i18n::{tr, tr_args};
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(Template, WebTemplate)]
#[template(path = "clinician/letter.html")]
pub(crate) struct LetterPage {
    layout: Layout,
    id: String,
    title: String,
    patient_id: String,
    patient: String,
    gp: String,
    status: String,
    /// Why it cannot go yet (worded), and whether the patient's page fixes it.
    hold: Option<(String, bool)>,
    intro: String,
    closing: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    assessment: String,
    version: i64,
    may_sign: bool,
    draft: bool,
    sent: bool,
    sending: bool,
    pdf: String,
    /// The activity codes for letters this year: (code, its title).
    codes: Vec<(String, String)>,
    /// The code chosen (the first, or what was sent).
    code: String,
    /// A problem with the form just sent: (the field's id, the message).
    error: Option<(String, String)>,
    notice: Option<&'static str>,
}

#[derive(serde::Deserialize, Default)]
pub struct LetterQuery {
    lagret: Option<String>,
    sendt: Option<String>,
}

/// A letter's status in words, with its dates.
pub(crate) fn status_text(l: &Letter) -> String {
    match (l.status, l.sent_at) {
        (LetterStatus::Sent, Some(at)) if l.sends > 1 => tr_args(
            "letter-status-sent-again",
            &[
                ("date", crate::layout::when(at).into()),
                ("count", l.sends.into()),
            ],
        ),
        (LetterStatus::Sent, Some(at)) => tr_args(
            "letter-status-sent",
            &[("date", crate::layout::when(at).into())],
        ),
        (LetterStatus::Sending, _) => tr("letter-status-sending"),
        _ => tr_args(
            "letter-status-draft",
            &[("date", crate::layout::when(l.created_at).into())],
        ),
    }
}

fn hold_text(h: Hold) -> (String, bool) {
    match h {
        Hold::NoGp => (tr("letter-hold-no-gp"), true),
        Hold::NoGpHerId => (tr("letter-hold-no-gp-her-id"), true),
        Hold::NoUnitHerId => (tr("letter-hold-no-unit-her-id"), false),
    }
}

fn problem_text(p: SignProblem) -> (&'static str, String) {
    match p {
        SignProblem::NoAssessment => ("vurdering", tr("letter-error-empty")),
        SignProblem::AssessmentTooLong => (
            "vurdering",
            tr_args(
                "letter-error-long",
                &[("max", carepath_domain::letter::ASSESSMENT_MAX.into())],
            ),
        ),
        SignProblem::Sending => ("vurdering", tr("letter-error-sending")),
        SignProblem::AlreadySent => ("igjen", tr("letter-error-again")),
        SignProblem::Held(h) => ("vurdering", hold_text(h).0),
    }
}

fn cell(at: &Option<ScoreAt>, asked: bool) -> String {
    if !asked {
        return tr("letter-not-asked");
    }
    let number = |n: f64| carepath_i18n::number(crate::i18n::current(), n);
    match at {
        Some(a) => {
            let band = a
                .band
                .as_deref()
                .map(|b| format!(" – {b}"))
                .unwrap_or_default();
            format!(
                "{}{band} ({})",
                number(a.value),
                crate::layout::date(a.date)
            )
        }
        None => tr("letter-not-answered-yet"),
    }
}

fn page(state: &AppState, staff: &Staff, v: LetterView) -> LetterPage {
    let codes: Vec<(String, String)> = state
        .config
        .activity_codes
        .for_kind(
            carepath_domain::activity::ActivityKind::Letter,
            state.clock.now(),
        )
        .into_iter()
        .map(|c| (c.code.clone(), format!("{} – {}", c.code, c.title)))
        .collect();
    let number = |n: f64| carepath_i18n::number(crate::i18n::current(), n);
    let rows = v
        .facts
        .scores
        .iter()
        .map(|s| {
            vec![
                s.title.clone(),
                cell(&s.start, s.asked_at_start),
                cell(&s.now, true),
                s.change()
                    .map(|c| {
                        if c > 0.0 {
                            format!("+{}", number(c))
                        } else {
                            number(c)
                        }
                    })
                    .unwrap_or_default(),
                match s.responder {
                    Some(true) => tr("letter-responder-yes"),
                    Some(false) => tr("letter-responder-no"),
                    None => String::new(),
                },
            ]
        })
        .collect();
    let gp = match (&v.patient.gp_name, &v.patient.gp_her_id) {
        (Some(name), Some(her)) => tr_args(
            "cp-gp-with-her-id",
            &[("name", name.as_str().into()), ("id", her.as_str().into())],
        ),
        (Some(name), None) => name.clone(),
        _ => tr("print-not-registered"),
    };
    LetterPage {
        layout: staff.layout(),
        id: v.letter.id.to_string(),
        title: v.point.title.clone(),
        patient_id: v.patient.id.to_string(),
        patient: v.patient.name.clone(),
        gp,
        status: status_text(&v.letter),
        hold: v.hold.map(hold_text),
        intro: v.point.intro.clone(),
        closing: v.point.closing.clone(),
        columns: [
            "letter-col-score",
            "letter-col-start",
            "letter-col-now",
            "letter-col-change",
            "letter-col-responder",
        ]
        .into_iter()
        .map(tr)
        .collect(),
        rows,
        assessment: v.assessment.clone(),
        version: v.letter.version,
        may_sign: v.may_sign,
        draft: v.letter.status == LetterStatus::Draft,
        sent: v.letter.status == LetterStatus::Sent,
        sending: v.letter.status == LetterStatus::Sending,
        pdf: if v.letter.status == LetterStatus::Sent {
            format!("/klinikk/brev/{}/pdf", v.letter.id)
        } else {
            String::new()
        },
        code: codes.first().map(|c| c.0.clone()).unwrap_or_default(),
        codes,
        error: None,
        notice: None,
    }
}

async fn load(state: &AppState, staff: &Staff, id: &str) -> Result<LetterPage, Error> {
    let id: Id<Letter> = id.parse().map_err(|_| Error::NotFound)?;
    let (view, event) = carepath_app::letter::open(&state.store, &staff.user, id)
        .await
        .map_err(letter_error)?;
    crate::audit::record(state, &[event]).await?;
    Ok(page(state, staff, view))
}

fn letter_error(e: LetterError) -> Error {
    match e {
        LetterError::NotFound => Error::NotFound,
        LetterError::NotClinician => Error::Forbidden,
        LetterError::Store(e) => e.into(),
        // Worded by the form's handler.
        LetterError::Problem(_) | LetterError::Conflict | LetterError::UnknownCode => {
            Error::NotFound
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<LetterQuery>,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let mut page = load(&state, &staff, &id).await?;
    page.notice = if q.sendt.is_some() {
        Some("letter-notice-signed")
    } else if q.lagret.is_some() {
        Some("letter-notice-saved")
    } else {
        None
    };
    Ok(page.into_response())
}

/// Saves the assessment (`handling=lagre`) or signs and sends (`handling=send`; a sent
/// letter only with `igjen` ticked).
pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let letter: Id<Letter> = id.parse().map_err(|_| Error::NotFound)?;
    let assessment = form
        .get("vurdering")
        .unwrap_or_default()
        .replace("\r\n", "\n");
    let version: i64 = form
        .get("versjon")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let now = state.clock.now();
    let result = if form.get("handling") == Some("send") {
        let sign = carepath_app::letter::Sign {
            letter,
            version,
            assessment: &assessment,
            again: form.get("igjen").is_some(),
            code: form.get("kode"),
        };
        carepath_app::letter::sign(
            &state.store,
            &staff.user,
            sign,
            &state.config.activity_codes,
            now,
        )
        .await
        .map(|()| "sendt")
    } else {
        carepath_app::letter::save(&state.store, &staff.user, letter, version, &assessment, now)
            .await
            .map(|()| "lagret")
    };
    let (field, message) = match result {
        Ok(done) => {
            return Ok(Redirect::to(&format!("/klinikk/brev/{letter}?{done}=1")).into_response());
        }
        Err(LetterError::Problem(p)) => problem_text(p),
        Err(LetterError::Conflict) => ("vurdering", tr("letter-error-changed")),
        Err(LetterError::UnknownCode) => ("kode", tr("letter-error-code")),
        Err(e) => return Err(letter_error(e)),
    };
    let mut page = load(&state, &staff, &id).await?;
    page.error = Some((field.to_owned(), message));
    // What was typed and chosen stays.
    page.assessment = assessment;
    page.code = form.get("kode").unwrap_or_default().to_owned();
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The PDF of a sent letter.
pub async fn pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    pdf_response(&state, &user, &id).await
}

/// A sent letter's PDF for whoever may read it (the patient's page uses it too).
pub(crate) async fn pdf_response(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Response, Error> {
    let id: Id<Letter> = id.parse().map_err(|_| Error::NotFound)?;
    let Some((letter, bytes)) =
        carepath_app::letter::pdf(&state.store, user, id, state.clock.now()).await?
    else {
        return Err(Error::NotFound);
    };
    let name = format!(
        "{}-{}.pdf",
        tr("letter-file-name"),
        letter
            .sent_at
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
