//! The access log on screen for administrators: filtered by person, patient, period, kind
//! of record and action, newest first, a page at a time, and the same selection as CSV.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use carepath_domain::audit::{AuditAction, RecordedEvent};
use carepath_store::audit::AuditQuery;
use chrono::NaiveDate;

use crate::auth::CurrentUser;
use crate::layout::Layout;
use crate::{AppState, Error};

/// Events per page on screen; at most this many in one CSV file.
const PER_PAGE: i64 = 100;
const CSV_MAX: i64 = 10_000;

/// The kinds of record the log names (their FHIR type, as the API names them), each with
/// its words, for the filter.
const KINDS: [(&str, &str); 13] = [
    ("Patient", "log-kind-patient"),
    ("CarePlan", "log-kind-care-plan"),
    ("QuestionnaireResponse", "log-kind-response"),
    ("Observation", "log-kind-observation"),
    ("Task", "log-kind-task"),
    ("Flag", "log-kind-flag"),
    ("ServiceRequest", "log-kind-referral"),
    ("Communication", "log-kind-message"),
    ("Binary", "log-kind-attachment"),
    ("Practitioner", "log-kind-staff"),
    ("PractitionerRole", "log-kind-staff-role"),
    ("AuditEvent", "log-kind-log"),
    ("Bundle", "log-kind-copy"),
];

/// The filter as typed (kept in the form and in the paging and CSV links).
#[derive(serde::Deserialize, serde::Serialize, Default, Clone)]
pub(crate) struct Filter {
    #[serde(default)]
    person: String,
    #[serde(default)]
    pasient: String,
    #[serde(default)]
    fra: String,
    #[serde(default)]
    til: String,
    #[serde(default)]
    slag: String,
    #[serde(default)]
    handling: String,
    #[serde(default)]
    side: Option<i64>,
}

/// One event as a row.
pub(crate) struct Row {
    when: String,
    person: String,
    role: String,
    unit: String,
    action: String,
    record: String,
    patient: String,
    reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/access_log.html")]
pub(crate) struct AccessLogPage {
    layout: Layout,
    filter: Filter,
    /// (FHIR type, words) of each kind.
    kinds: Vec<(&'static str, String)>,
    actions: Vec<(&'static str, String)>,
    rows: Vec<Row>,
    total: i64,
    page: i64,
    pages: i64,
    /// The filter as a query string, for the paging and CSV links.
    query: String,
    /// The field refused and why.
    error: Option<(&'static str, String)>,
}

fn action_words(a: AuditAction) -> String {
    crate::i18n::tr(match a {
        AuditAction::Read => "log-action-read",
        AuditAction::Create => "log-action-create",
        AuditAction::Update => "log-action-update",
    })
}

fn row(e: &RecordedEvent) -> Row {
    Row {
        when: crate::layout::when_at(e.recorded_at),
        // A patient acting on their own record is named by the patient column's id, not
        // by name: the log shows patients by id only.
        person: if e.role == "patient" {
            crate::i18n::tr("log-the-patient")
        } else if e.actor_name.is_empty() {
            e.actor.clone()
        } else {
            e.actor_name.clone()
        },
        role: crate::i18n::tr(&format!("role-{}", e.role)),
        unit: e.unit_name.clone().unwrap_or_default(),
        action: action_words(e.action),
        record: format!("{}/{}", e.resource_type, e.resource_id),
        patient: e.patient.clone().unwrap_or_default(),
        // The reasons carepath writes are worded; a person's own are shown as written.
        reason: if e.reason.as_deref() == Some(carepath_domain::audit::REFUSED_OTHER_UNIT) {
            crate::i18n::tr("log-refused-other-unit")
        } else {
            crate::patient::access_log::reason_shown(e.reason.as_deref()).unwrap_or_default()
        },
    }
}

/// The store's query for `f`, or the field that cannot be read and why.
async fn query(
    state: &AppState,
    f: &Filter,
    limit: i64,
) -> Result<Result<AuditQuery, (&'static str, String)>, Error> {
    let day =
        |typed: &str, field: &'static str| -> Result<Option<NaiveDate>, (&'static str, String)> {
            match typed.trim() {
                "" => Ok(None),
                t => t
                    .parse::<NaiveDate>()
                    .map(Some)
                    .map_err(|_| (field, crate::i18n::tr("log-date-invalid"))),
            }
        };
    let (from, until) = match (day(&f.fra, "fra"), day(&f.til, "til")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return Ok(Err(e)),
    };
    let actor = match f.person.trim() {
        "" => None,
        username => match state.store.account_id(username).await? {
            Some(id) => Some(id.to_string()),
            None => return Ok(Err(("person", crate::i18n::tr("log-person-unknown")))),
        },
    };
    let patient = match f.pasient.trim() {
        "" => None,
        id => match id.parse() {
            Ok(id) => Some(id),
            Err(_) => return Ok(Err(("pasient", crate::i18n::tr("log-patient-invalid")))),
        },
    };
    let page = f.side.unwrap_or(1).max(1);
    Ok(Ok(AuditQuery {
        patient,
        actor,
        resource_type: KINDS
            .iter()
            .find(|(k, _)| *k == f.slag)
            .map(|(k, _)| (*k).to_owned()),
        action: AuditAction::parse(&f.handling),
        from: from.and_then(crate::fhir::audit_event::day_start),
        until: until
            .and_then(|d| d.succ_opt())
            .and_then(crate::fhir::audit_event::day_start),
        except: Vec::new(),
        offset: (page - 1) * limit,
        limit,
    }))
}

/// Reading the access log is itself in it: the administrator, and the patient whose
/// events were asked for (else the search as a whole).
fn read_event(user: &CurrentUser, q: &AuditQuery) -> carepath_domain::audit::AuditEvent {
    user.admin_event(
        AuditAction::Read,
        "AuditEvent",
        q.patient
            .map_or_else(|| "search".to_owned(), |p| format!("Patient/{p}")),
    )
}

/// `GET /admin/tilgangslogg`.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(f): Query<Filter>,
) -> Result<Response, Error> {
    let q = query(&state, &f, PER_PAGE).await?;
    let (rows, total, error) = match &q {
        Ok(q) => {
            crate::audit::record(&state, &[read_event(&user, q)]).await?;
            let found = state.store.audit_log(q).await?;
            (found.items.iter().map(row).collect(), found.total, None)
        }
        Err(e) => (Vec::new(), 0, Some(e.clone())),
    };
    let link = Filter {
        side: None,
        ..f.clone()
    };
    let page = AccessLogPage {
        layout: Layout::for_user(&user, state.config.demo_sign_in),
        kinds: KINDS
            .iter()
            .map(|(kind, key)| (*kind, crate::i18n::tr(key)))
            .collect(),
        actions: [AuditAction::Read, AuditAction::Create, AuditAction::Update]
            .into_iter()
            .map(|a| (a.as_str(), action_words(a)))
            .collect(),
        rows,
        total,
        page: f.side.unwrap_or(1).max(1),
        pages: (total + PER_PAGE - 1) / PER_PAGE,
        query: serde_urlencoded::to_string(&link).unwrap_or_default(),
        filter: f,
        error,
    };
    let status = if page.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

/// `GET /admin/tilgangslogg/csv`: the selection (at most 10,000 events) as a CSV file.
pub(crate) async fn csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(f): Query<Filter>,
) -> Result<Response, Error> {
    let q = match query(
        &state,
        &Filter {
            side: None,
            ..f.clone()
        },
        CSV_MAX,
    )
    .await?
    {
        Ok(q) => q,
        Err((_, why)) => return Err(Error::BadRequest(why)),
    };
    crate::audit::record(&state, &[read_event(&user, &q)]).await?;
    let found = state.store.audit_log(&q).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "log-when",
        "log-person",
        "log-role",
        "log-unit",
        "log-action",
        "log-record",
        "log-patient",
        "log-reason",
    ]
    .map(crate::i18n::tr);
    let written = out.write_record(&header).and_then(|()| {
        found.items.iter().try_for_each(|e| {
            let r = row(e);
            out.write_record([
                e.recorded_at.to_rfc3339().as_str(),
                &r.person,
                &r.role,
                &r.unit,
                &r.action,
                &r.record,
                &r.patient,
                &r.reason,
            ])
        })
    });
    let bytes = written
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
        .map_err(|_| Error::BadRequest(crate::i18n::tr("error-form-unreadable")))?;
    let disposition = format!(
        "attachment; filename=\"{}.csv\"",
        crate::i18n::tr("log-file-name")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
