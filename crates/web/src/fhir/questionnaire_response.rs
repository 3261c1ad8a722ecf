//! `QuestionnaireResponse` through the API: create (validated against the exact
//! questionnaire version, scored, stored with its Observations), read and search. A
//! patient reaches their own; the care team the patients of their units. Every response
//! written or returned is recorded in the access log.

use axum::extract::{Path, State};
use axum::response::Response;
use carepath_domain::audit::AuditAction;
use carepath_fhir::outcome::{Issue, Searchset};
use carepath_fhir::response::ProblemKind;
use carepath_fhir::{Answer, QuestionnaireResponse};
use carepath_i18n::Text;
use carepath_store::response::{ResponseFilter, ResponseRecord};
use serde_json::Value;

use super::patient::{grant, read_of, record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec, date_range, patient_reference};
use super::{FhirBody, FhirError, fhir_json, versioned};
use crate::AppState;
use crate::auth::{Bearer, CurrentUser};

const STATUSES: [&str; 5] = [
    "in-progress",
    "completed",
    "amended",
    "entered-in-error",
    "stopped",
];

/// Answers whose `value[x]` cannot be read at all (e.g. `valueInteger: "4"`), named by
/// item before the response is read as a whole.
fn unreadable_answers(body: &Value) -> Vec<Issue> {
    fn walk(items: &Value, path: &str, out: &mut Vec<Issue>) {
        for (i, item) in items.as_array().into_iter().flatten().enumerate() {
            let path = format!("{path}.item[{i}]");
            let link_id = item["linkId"].as_str().unwrap_or("?");
            for (j, answer) in item["answer"].as_array().into_iter().flatten().enumerate() {
                let apath = format!("{path}.answer[{j}]");
                let readable = answer.as_object().and_then(Answer::from_prefixed).is_some();
                if !readable {
                    out.push(Issue {
                        code: "value",
                        diagnostics: Text::new("api-item-no-value").with("item", link_id),
                        expression: Some(apath.clone()),
                    });
                }
                walk(&answer["item"], &apath, out);
            }
            walk(&item["item"], &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&body["item"], "QuestionnaireResponse", &mut out);
    out
}

fn issue_code(kind: &ProblemKind) -> &'static str {
    match kind {
        ProblemKind::Required => "required",
        ProblemKind::UnknownItem | ProblemKind::Disabled | ProblemKind::NotAQuestion => "structure",
        _ => "value",
    }
}

/// A response checked against its questionnaire and the access policy, with what storing
/// it needs, not yet stored.
pub(crate) struct Creating {
    pub patient: carepath_domain::Id<carepath_domain::patient::Patient>,
    pub unit: Option<carepath_domain::Id<carepath_domain::organization::Unit>>,
    pub record: std::sync::Arc<carepath_store::questionnaire::QuestionnaireRecord>,
    pub enrollment: Option<carepath_domain::enrollment::Enrollment>,
    pub audit: carepath_domain::audit::AuditEvent,
    pub id: String,
}

/// Reads and checks a posted response (returned beside what storing it needs): its form, its subject (a patient's own when they
/// name none; `registering` are patients a transaction registers, with their managing
/// unit), the caller's access, its questionnaire version and its answers; an unsent
/// `authored` becomes `now`.
pub(crate) async fn creating(
    state: &AppState,
    user: &CurrentUser,
    body: serde_json::Value,
    registering: &[(
        carepath_domain::Id<carepath_domain::patient::Patient>,
        carepath_domain::Id<carepath_domain::organization::Unit>,
    )],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Creating, QuestionnaireResponse), FhirError> {
    if body["resourceType"] != "QuestionnaireResponse" {
        return Err(FhirError::invalid(
            Text::new("api-resource-type").with("type", "QuestionnaireResponse"),
            Some("resourceType"),
        ));
    }
    let unreadable = unreadable_answers(&body);
    if !unreadable.is_empty() {
        return Err(FhirError::Unprocessable(unreadable));
    }
    let mut response: QuestionnaireResponse = serde_json::from_value(body).map_err(|e| {
        FhirError::invalid(
            Text::new("api-not-r4")
                .with("type", "QuestionnaireResponse")
                .with("why", e.to_string()),
            None,
        )
    })?;
    response
        .take_from_client()
        .map_err(|issue| FhirError::Unprocessable(vec![issue]))?;
    // A patient's response without a subject (as a form filler outside a launch context
    // sends it) can only be their own.
    if !response.extra.contains_key("subject")
        && let Some(own) = user.own_patient(&state.store).await?
    {
        response.extra.insert(
            "subject".to_owned(),
            serde_json::json!({ "reference": format!("Patient/{own}") }),
        );
    }
    let patient = response
        .extra
        .get("subject")
        .and_then(|s| s["reference"].as_str())
        .and_then(patient_reference)
        .ok_or_else(|| {
            FhirError::invalid(
                Text::new("api-subject"),
                Some("QuestionnaireResponse.subject"),
            )
        })?;
    let granted = match registering.iter().find(|(p, _)| *p == patient) {
        Some((_, unit)) => user
            .registering(*unit)
            .map(carepath_app::access::By::role_and_unit),
        None => grant(state, user, patient).await?,
    };
    let Some((role, unit)) = granted else {
        // The same answer whether the patient exists or not.
        return Err(FhirError::Forbidden);
    };
    if !["in-progress", "completed", "amended"].contains(&response.status.as_str()) {
        return Err(FhirError::invalid(
            Text::new("api-response-status"),
            Some("QuestionnaireResponse.status"),
        ));
    }
    if response.questionnaire.is_empty() {
        return Err(FhirError::invalid(
            Text::new("api-response-questionnaire"),
            Some("QuestionnaireResponse.questionnaire"),
        ));
    }
    let (url, version) = match response.questionnaire.split_once('|') {
        Some((u, v)) => (u.to_owned(), Some(v.to_owned())),
        None => (response.questionnaire.clone(), None),
    };
    let Some(record) = state
        .store
        .questionnaire_by_canonical(&url, version.as_deref())
        .await?
    else {
        return Err(FhirError::invalid(
            Text::new("api-response-unknown-questionnaire")
                .with("questionnaire", response.questionnaire.as_str()),
            Some("QuestionnaireResponse.questionnaire"),
        ));
    };
    let q = &record.stored.questionnaire;
    response.adopt_option_texts(q);
    let problems = response.validate(q);
    if !problems.is_empty() {
        return Err(FhirError::Unprocessable(
            problems
                .iter()
                .map(|p| Issue {
                    code: issue_code(&p.kind),
                    diagnostics: Text::new("api-item-problem")
                        .with("item", p.link_id.as_str())
                        .with("problem", p.kind.text()),
                    expression: Some(p.path.clone()),
                })
                .collect(),
        ));
    }
    match response.authored.as_deref() {
        None => response.authored = Some(now.to_rfc3339()),
        Some(a) if chrono::DateTime::parse_from_rfc3339(a).is_err() => {
            return Err(FhirError::invalid(
                Text::new("api-response-authored"),
                Some("QuestionnaireResponse.authored"),
            ));
        }
        Some(_) => {}
    }
    let id = carepath_domain::Id::<QuestionnaireResponse>::new().to_string();
    response.id = Some(id.clone());
    response.questionnaire = q.canonical();
    // The enrollment it answers: for the care team only one their own unit runs, so a
    // unit never completes another unit's task or raises alerts on its worklist.
    let within = user.is_care_team().then(|| user.care_units());
    let enrollment = match state
        .store
        .active_enrollment_for_questionnaire(patient, &record.stored.id, within.as_deref())
        .await?
    {
        Some(e) => Some(state.store.enrollment(e).await?),
        None => None,
    };
    let audit = user.event(
        role,
        enrollment.as_ref().map(|e| e.unit_id).or(unit),
        patient,
        AuditAction::Create,
        "QuestionnaireResponse",
        &id,
    );
    Ok((
        Creating {
            patient,
            unit,
            record,
            enrollment,
            audit,
            id,
        },
        response,
    ))
}

impl Creating {
    /// The submission of the use case, by `user`, borrowing from this.
    pub(crate) fn submission<'a>(
        &'a self,
        state: &'a AppState,
        user: &CurrentUser,
        response: QuestionnaireResponse,
    ) -> carepath_app::response::Submission<'a> {
        carepath_app::response::Submission {
            patient: self.patient,
            enrollment: self.enrollment.as_ref(),
            acting_unit: self.unit,
            questionnaire: &self.record.stored,
            response,
            by: Some(user.account.id),
            audit: Some(&self.audit),
            existed: false,
            public_url: Some(&state.config.public_url),
        }
    }

    /// The `Location` of what was created.
    pub(crate) fn location(&self, state: &AppState) -> String {
        format!(
            "{}/fhir/QuestionnaireResponse/{}/_history/1",
            state.config.public_url, self.id
        )
    }
}

pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: axum::http::HeaderMap,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    let now = state.clock.now();
    let (creating, response) = creating(&state, &user, body, &[], now).await?;
    let submitted = carepath_app::response::submit(
        &state.store,
        creating.submission(&state, &user, response),
        now,
    )
    .await?;
    let stored = ResponseRecord::written(
        creating.id.clone(),
        creating.patient.to_string(),
        submitted.owner,
        now,
        &submitted.response,
    )?;
    let location = creating.location(&state);
    // `Prefer: return=OperationOutcome` gets what the server changed or could not compute.
    if super::prefers_outcome(&headers) {
        let outcome = carepath_fhir::outcome::outcome_of(
            "warning",
            &sdc_warnings(&submitted.sdc),
            crate::i18n::current(),
        );
        return Ok(versioned(outcome, 1, Some(&location)));
    }
    Ok(versioned(stored.served()?, 1, Some(&location)))
}

/// A warning for each calculated item whose sent value was replaced, and for each SDC
/// expression that could not be evaluated.
fn sdc_warnings(sdc: &carepath_fhir::sdc::Evaluated) -> Vec<Issue> {
    let at = |l: &str| Some(format!("QuestionnaireResponse.item.where(linkId='{l}')"));
    let replaced = sdc
        .calculated
        .iter()
        .filter(|c| c.replaced.is_some())
        .map(|c| Issue {
            code: "business-rule",
            diagnostics: Text::new("api-calculated-replaced").with("item", c.link_id.as_str()),
            expression: at(&c.link_id),
        });
    let failed = sdc.failed.iter().map(|f| Issue {
        code: "processing",
        diagnostics: Text::new("api-expression-failed")
            .with("item", f.link_id.as_deref().unwrap_or("-"))
            .with("what", f.what)
            .with("why", f.why.as_str()),
        expression: f.link_id.as_deref().and_then(at),
    });
    replaced.chain(failed).collect()
}

pub(crate) async fn read(
    State(state): State<AppState>,
    Bearer(token): Bearer,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let held = state
        .store
        .response_held(&token, state.clock.now(), &id)
        .await?
        .ok_or(FhirError::Unauthorized)?;
    let user = CurrentUser::holding(held.holder);
    let found = held.found.ok_or(FhirError::NotFound)?;
    let record = found.record;
    read_of(
        &state,
        &user,
        &record.patient_id,
        record.unit_id,
        &[],
        "QuestionnaireResponse",
        &id,
        Some(&found.patient_units),
    )
    .await?;
    Ok(versioned(record.served()?, record.version, None))
}

/// What the search takes (see [`SearchSpec`]).
pub(crate) const SEARCH: SearchSpec = SearchSpec {
    params: &[
        ("subject", "reference"),
        ("patient", "reference"),
        ("questionnaire", "reference"),
        ("status", "token"),
        ("authored", "date"),
        ("_id", "token"),
        ("_lastUpdated", "date"),
    ],
    sorts: &["authored"],
    includes: &[
        "QuestionnaireResponse:subject",
        "QuestionnaireResponse:patient",
        "QuestionnaireResponse:questionnaire",
    ],
    revincludes: &[],
};

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Response, FhirError> {
    let params = Params::parse(&query, &SEARCH)?;
    let subject = params.patient(&["subject", "patient"])?;
    let statuses = params.any_of("status");
    if !statuses.iter().all(|s| STATUSES.contains(&s.as_str())) {
        return Err(FhirError::BadRequest(
            Text::new("api-status-one-of").with("statuses", STATUSES.join(", ")),
        ));
    }
    let authored = date_range("authored", params.all("authored"))?;
    // The questionnaire by its canonical (`url` or `url|version`) or as a reference to the
    // stored resource (`Questionnaire/{id}`), which names one version.
    let questionnaire = match params.one("questionnaire")? {
        Some(r) if r.starts_with("Questionnaire/") => {
            let id = &r["Questionnaire/".len()..];
            let canonical = match state.store.questionnaire_by_id(id).await? {
                Some(record) => record.stored.questionnaire.canonical(),
                // Nothing answers a questionnaire that does not exist.
                None => format!("urn:carepath:none|{id}"),
            };
            Some(canonical)
        }
        other => other.map(str::to_owned),
    };
    let filter = ResponseFilter {
        subject,
        questionnaire: questionnaire.map(|c| match c.split_once('|') {
            Some((u, v)) => (u.to_owned(), Some(v.to_owned())),
            None => (c, None),
        }),
        statuses,
        authored,
        newest_first: params
            .sort
            .first()
            .is_none_or(|(_, descending)| *descending),
        common: params.common()?,
    };
    let scope = scope(&state, &user).await?;
    let found = state
        .store
        .search_responses(
            &scope,
            &filter,
            params.offset,
            params.count,
            params.count_all,
        )
        .await?;
    let records = found.items;
    let entries: Vec<_> = records
        .iter()
        .filter_map(|r| {
            let patient = r.patient_id.parse().ok()?;
            Some((
                patient,
                AuditAction::Read,
                "QuestionnaireResponse",
                r.id.clone(),
            ))
        })
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_page("QuestionnaireResponse", records.len() as i64, found.more);
    let resources = records
        .iter()
        .map(|r| {
            Ok((
                "QuestionnaireResponse".to_owned(),
                r.id.clone(),
                r.served()?,
            ))
        })
        .collect::<Result<Vec<_>, FhirError>>()?;
    let mut included = if params.includes("_include", "QuestionnaireResponse:subject")
        || params.includes("_include", "QuestionnaireResponse:patient")
    {
        let patients = records.iter().filter_map(|r| r.patient_id.parse().ok());
        super::patient::included(&state, &user, patients)
            .await?
            .into_iter()
            // A JSON tree always serializes.
            .filter_map(|p| {
                let id = p["id"].as_str()?.to_owned();
                let raw = serde_json::value::to_raw_value(&p).ok()?;
                Some(("Patient".to_owned(), id, raw))
            })
            .collect()
    } else {
        Vec::new()
    };
    if params.includes("_include", "QuestionnaireResponse:questionnaire") {
        included.extend(answered(&state, &records).await?);
    }
    Ok(fhir_json(
        &Searchset::new(
            &state.config.public_url,
            &params.self_link("QuestionnaireResponse"),
            resources,
            found.total,
            next,
        )
        .including(included),
    ))
}

/// The questionnaires `records` answer, each once, as a read serves them (for
/// `_include=QuestionnaireResponse:questionnaire`); questionnaires are no patient's data.
async fn answered(
    state: &AppState,
    records: &[ResponseRecord],
) -> Result<Vec<(String, String, Box<serde_json::value::RawValue>)>, FhirError> {
    #[derive(serde::Deserialize)]
    struct Answers {
        questionnaire: Option<String>,
    }
    let canonicals: std::collections::BTreeSet<String> = records
        .iter()
        .filter_map(|r| {
            serde_json::from_str::<Answers>(r.body.get())
                .ok()?
                .questionnaire
        })
        .collect();
    let mut found = Vec::with_capacity(canonicals.len());
    for canonical in canonicals {
        let (url, version) = match canonical.split_once('|') {
            Some((u, v)) => (u, Some(v)),
            None => (canonical.as_str(), None),
        };
        if let Some(record) = state.store.questionnaire_by_canonical(url, version).await?
            && let Ok(raw) =
                serde_json::value::to_raw_value(&super::questionnaire::resource(&record))
        {
            found.push(("Questionnaire".to_owned(), record.stored.id.clone(), raw));
        }
    }
    Ok(found)
}

/// The response `id` with every version the record history keeps, newest first, once
/// the caller may read it (checked on the current version, and recorded as read).
async fn versions_of(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<(ResponseRecord, Vec<ResponseRecord>), FhirError> {
    let current = state
        .store
        .response_by_id(id)
        .await?
        .ok_or(FhirError::NotFound)?;
    read_of(
        state,
        user,
        &current.patient_id,
        current.unit_id,
        &[],
        "QuestionnaireResponse",
        id,
        None,
    )
    .await?;
    let versions = state
        .store
        .response_versions(id)
        .await?
        .iter()
        .map(|v| current.at(v))
        .collect();
    Ok((current, versions))
}

/// `GET /fhir/QuestionnaireResponse/{id}/_history/{vid}`: that version, the current one
/// or an earlier one the record history keeps (a form saved half done, then completed).
pub(crate) async fn vread(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, vid)): Path<(String, String)>,
) -> Result<Response, FhirError> {
    super::version_of(kept(&state, &user, &id).await?, &vid)
}

/// Every kept version of the response `id`, newest first, as served, after the same
/// check as a read, which is recorded.
pub(crate) async fn kept(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Vec<super::Version>, FhirError> {
    let (current, versions) = versions_of(state, user, id).await?;
    let mut listed = Vec::with_capacity(versions.len() + 1);
    if versions
        .first()
        .is_none_or(|v| v.version != current.version)
    {
        listed.push((current.version, current.updated_at, current.served()?));
    }
    for v in &versions {
        listed.push((v.version, v.updated_at, v.served()?));
    }
    Ok(listed
        .into_iter()
        .map(|(version, at, served)| {
            let resource: serde_json::Value =
                serde_json::from_str(served.get()).unwrap_or_default();
            (version, at, resource)
        })
        .collect())
}

/// `GET /fhir/QuestionnaireResponse/{id}/_history`: every kept version, newest first, as
/// a `history` Bundle.
pub(crate) async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let listed = kept(&state, &user, &id).await?;
    Ok(super::history_bundle(
        &state.config.public_url,
        "QuestionnaireResponse",
        &id,
        listed,
    ))
}
