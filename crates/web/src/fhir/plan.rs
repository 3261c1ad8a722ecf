//! Programs as `PlanDefinition` (one per imported version; read and searched by `url`,
//! `name`, `status` by any API user, since a program holds no patient data) and
//! enrollments as `CarePlan` (read and searched by `subject`/`patient` and `status` under
//! the patient access rules, and created by the care team with `instantiatesCanonical`
//! naming a program version, with the same checks as enrolling on the patient's page).
//! Every CarePlan returned or created is recorded in the access log.

use axum::extract::{Path, State};
use axum::response::Response;
use carepath_domain::Id;
use carepath_domain::audit::AuditAction;
use carepath_domain::enrollment::{Enrollment, EnrollmentStatus};
use carepath_domain::program::ProgramVersion;
use carepath_fhir::care_plan::{care_plan_resource, plan_definition_resource, plan_definition_url};
use carepath_fhir::outcome::searchset;
use carepath_i18n::Text;
use serde_json::Value;

use super::patient::{grant, read_of, record_access, scope};
use super::search::{Params, SearchRequest, SearchSpec};
use super::{Fhir, FhirBody, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;
use carepath_app::enrollment::{self, Enroll, EnrollError};

/// The PlanDefinition of `v`, with its questionnaires' canonicals.
async fn plan_definition(state: &AppState, listed: &Listed) -> Result<Value, FhirError> {
    let (v, latest, updated) = listed;
    let mut canonicals = std::collections::HashMap::new();
    for s in &v.definition.schedule {
        if let Ok(q) = state.store.questionnaire(v.id, &s.questionnaire).await
            && let Some(url) = &q.questionnaire.url
        {
            let version = q.questionnaire.version.as_deref().unwrap_or_default();
            canonicals.insert(s.questionnaire.clone(), format!("{url}|{version}"));
        }
    }
    Ok(with_meta(
        plan_definition_resource(v, *latest, |k| canonicals.get(k).cloned()),
        1,
        *updated,
    ))
}

/// A program version, whether it is its program's newest, and when its PlanDefinition
/// last changed: its import, or the import of the version after it, which retired it.
type Listed = (ProgramVersion, bool, Option<chrono::DateTime<chrono::Utc>>);

/// Every program version, as [`Listed`].
async fn versions(state: &AppState) -> Result<Vec<Listed>, FhirError> {
    let all = state.store.all_program_versions().await?;
    let imported: std::collections::HashMap<String, chrono::DateTime<chrono::Utc>> =
        state.store.program_imports().await?.into_iter().collect();
    let newest: std::collections::HashMap<_, i64> =
        all.iter().fold(Default::default(), |mut m, v| {
            let n = m.entry(v.program_id).or_insert(v.number);
            *n = (*n).max(v.number);
            m
        });
    let imported_at = |program, number| {
        all.iter()
            .find(|v| v.program_id == program && v.number == number)
            .and_then(|v| imported.get(&v.id.to_string()).copied())
    };
    let listed = all
        .iter()
        .map(|v| {
            let latest = newest.get(&v.program_id) == Some(&v.number);
            let changed = if latest { v.number } else { v.number + 1 };
            (v.clone(), latest, imported_at(v.program_id, changed))
        })
        .collect();
    Ok(listed)
}

pub(crate) async fn read_plan_definition(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let id: Id<ProgramVersion> = id.parse().map_err(|_| FhirError::NotFound)?;
    let listed = versions(&state)
        .await?
        .into_iter()
        .find(|(v, _, _)| v.id == id)
        .ok_or(FhirError::NotFound)?;
    Ok(versioned(plan_definition(&state, &listed).await?, 1, None))
}

/// What a PlanDefinition search takes (see [`SearchSpec`]).
pub(crate) const PLAN_DEFINITION_SEARCH: SearchSpec = SearchSpec::of(&[
    ("url", "uri"),
    ("name", "string"),
    ("status", "token"),
    ("_id", "token"),
    ("_lastUpdated", "date"),
]);

pub(crate) async fn search_plan_definitions(
    State(state): State<AppState>,
    _user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &PLAN_DEFINITION_SEARCH)?;
    let url = params.one("url")?.map(|u| match u.split_once('|') {
        Some((url, version)) => (url.to_owned(), Some(version.to_owned())),
        None => (u.to_owned(), None),
    });
    let name = params.one("name")?.map(str::to_lowercase);
    let status = params.one("status")?;
    if let Some(s) = status
        && !["active", "retired", "draft", "unknown"].contains(&s)
    {
        return Err(FhirError::BadRequest(Text::new("api-plan-status")));
    }
    let common = params.common()?;
    let mut matches = Vec::new();
    for listed in versions(&state).await? {
        let (v, latest, updated) = &listed;
        let latest = *latest;
        let canonical = plan_definition_url(&v.definition.key);
        let fits_url = url.as_ref().is_none_or(|(u, version)| {
            *u == canonical && version.as_ref().is_none_or(|n| *n == v.number.to_string())
        });
        // `name` matches the start of the computable name or the title, case-blind.
        let fits_name = name.as_ref().is_none_or(|n| {
            let key = v.definition.key.replace('-', "");
            key.starts_with(n.replace('-', "").as_str())
                || v.definition
                    .title
                    .get(carepath_domain::Lang::Nb)
                    .to_lowercase()
                    .starts_with(n.as_str())
        });
        let fits_status = status.is_none_or(|s| s == if latest { "active" } else { "retired" });
        let fits_common = common.admits(&v.id.to_string(), *updated);
        if fits_url && fits_name && fits_status && fits_common {
            matches.push(listed);
        }
    }
    let total = matches.len() as i64;
    let mut page = Vec::new();
    for listed in matches
        .iter()
        .skip(params.offset.max(0) as usize)
        .take(params.count.max(0) as usize)
    {
        page.push(plan_definition(&state, listed).await?);
    }
    let next = params.next_link("PlanDefinition", page.len() as i64, total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &params.self_link("PlanDefinition"),
        page,
        total,
        next,
    )))
}

/// The enrollment `e` as a CarePlan, with when it was last written.
pub(crate) async fn care_plan(state: &AppState, e: &Enrollment) -> Result<Value, FhirError> {
    let v = state.store.program_version(e.program_version_id).await?;
    let written = state
        .store
        .last_written("CarePlan", &e.id.to_string())
        .await?;
    Ok(with_meta(care_plan_resource(e, &v), e.version, written))
}

pub(crate) async fn read_care_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let id: Id<Enrollment> = id.parse().map_err(|_| FhirError::NotFound)?;
    let e = match state.store.enrollment(id).await {
        Ok(e) => e,
        Err(carepath_store::StoreError::NotFound(_)) => return Err(FhirError::NotFound),
        Err(other) => return Err(other.into()),
    };
    read_plan_of(&state, &user, &e).await?;
    Ok(versioned(care_plan(&state, &e).await?, e.version, None))
}

/// The access check and access-log entry of reading the care plan `e` (see [`read_of`]).
async fn read_plan_of(
    state: &AppState,
    user: &CurrentUser,
    e: &Enrollment,
) -> Result<(), FhirError> {
    read_of(
        state,
        user,
        &e.patient_id.to_string(),
        Some(e.unit_id),
        &[],
        "CarePlan",
        &e.id.to_string(),
        None,
    )
    .await
}

/// The care plans `ids` (the enrollments a search's results are based on, `_include`)
/// that `user` may read, each once, as a read serves them; each asked of the access
/// policy as a read is, and recorded as read. One the caller may not read is left out.
pub(crate) async fn included_care_plans(
    state: &AppState,
    user: &CurrentUser,
    ids: impl IntoIterator<Item = Id<Enrollment>>,
) -> Result<Vec<Value>, FhirError> {
    let ids: std::collections::BTreeSet<Id<Enrollment>> = ids.into_iter().collect();
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        let e = match state.store.enrollment(id).await {
            Ok(e) => e,
            Err(carepath_store::StoreError::NotFound(_)) => continue,
            Err(other) => return Err(other.into()),
        };
        let read = read_plan_of(state, user, &e).await;
        match read {
            Ok(()) => found.push(care_plan(state, &e).await?),
            Err(FhirError::NotFound) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(found)
}

/// The enrollment statuses a FHIR CarePlan `status` names.
fn statuses_of(code: &str) -> Option<&'static [EnrollmentStatus]> {
    Some(match code {
        "draft" => &[
            EnrollmentStatus::Invited,
            EnrollmentStatus::AwaitingException,
        ],
        "active" => &[EnrollmentStatus::Active],
        "completed" => &[EnrollmentStatus::Finished],
        "revoked" => &[EnrollmentStatus::Ineligible, EnrollmentStatus::Withdrawn],
        _ => return None,
    })
}

/// What a CarePlan search takes (see [`SearchSpec`]).
pub(crate) const CARE_PLAN_SEARCH: SearchSpec = SearchSpec::of(&[
    ("subject", "reference"),
    ("patient", "reference"),
    ("status", "token"),
    ("_id", "token"),
    ("_lastUpdated", "date"),
]);

pub(crate) async fn search_care_plans(
    State(state): State<AppState>,
    user: CurrentUser,
    query: SearchRequest,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(&query, &CARE_PLAN_SEARCH)?;
    let patient = params.patient(&["subject", "patient"])?;
    let mut statuses = Vec::new();
    if let Some(codes) = params.one("status")? {
        for code in codes.split(',') {
            statuses.extend_from_slice(
                statuses_of(code)
                    .ok_or_else(|| FhirError::BadRequest(Text::new("api-care-plan-status")))?,
            );
        }
    }
    let scope = scope(&state, &user).await?;
    let (found, total) = state
        .store
        .search_enrollments(
            &scope,
            patient,
            &statuses,
            &params.common()?,
            params.offset,
            params.count,
        )
        .await?;
    let entries: Vec<_> = found
        .iter()
        .map(|e| {
            (
                e.patient_id,
                AuditAction::Read,
                "CarePlan",
                e.id.to_string(),
            )
        })
        .collect();
    record_access(&state, &user, &entries).await?;
    let mut resources = Vec::with_capacity(found.len());
    for e in &found {
        resources.push(care_plan(&state, e).await?);
    }
    let next = params.next_link("CarePlan", found.len() as i64, total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &params.self_link("CarePlan"),
        resources,
        total,
        next,
    )))
}

/// `POST /fhir/CarePlan`: enrolls the patient in `subject` into the program version named
/// by `instantiatesCanonical` (`url|version`, or `url` for the newest), in a unit of the
/// caller that offers the program and may see the patient. The patient then accepts the
/// terms and is screened as after enrolling on the page.
pub(crate) async fn create_care_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    if body["resourceType"] != "CarePlan" {
        return Err(FhirError::invalid(
            Text::new("api-resource-type").with("type", "CarePlan"),
            Some("CarePlan.resourceType"),
        ));
    }
    if !user.is_care_team() {
        return Err(FhirError::Forbidden);
    }
    let subject = body["subject"]["reference"].as_str().unwrap_or_default();
    let patient = super::search::patient_reference(subject)
        .ok_or_else(|| FhirError::invalid(Text::new("api-subject"), Some("CarePlan.subject")))?;
    let canonical = match body["instantiatesCanonical"].as_array().map(Vec::as_slice) {
        Some([Value::String(c)]) => c.clone(),
        _ => {
            return Err(FhirError::invalid(
                Text::new("api-care-plan-canonical"),
                Some("CarePlan.instantiatesCanonical"),
            ));
        }
    };
    let (url, number) = match canonical.split_once('|') {
        Some((u, n)) => (u, Some(n)),
        None => (canonical.as_str(), None),
    };
    let all = versions(&state).await?;
    let version = all
        .iter()
        .filter(|(v, _, _)| plan_definition_url(&v.definition.key) == url)
        .find(|(v, latest, _)| match number {
            Some(n) => v.number.to_string() == n,
            None => *latest,
        })
        .map(|(v, _, _)| v.clone())
        .ok_or_else(|| {
            FhirError::invalid(
                Text::new("api-care-plan-unknown"),
                Some("CarePlan.instantiatesCanonical"),
            )
        })?;
    // The caller must be allowed to see the patient (the same answer whether or not the
    // patient exists), in a unit that offers the program.
    let Some((role, _)) = grant(&state, &user, patient).await? else {
        return Err(FhirError::Forbidden);
    };
    let patient_units = state.store.patient_units(patient).await?;
    let mut unit = None;
    for g in user.roles.iter().filter(|g| g.role.is_care_team()) {
        let Some(u) = g.unit_id else { continue };
        if patient_units.contains(&u)
            && enrollment::offers(&state.store, u, version.program_id).await?
        {
            unit = Some(u);
            break;
        }
    }
    let Some(unit) = unit else {
        return Err(FhirError::invalid(
            Text::new("api-care-plan-not-offered"),
            Some("CarePlan.instantiatesCanonical"),
        ));
    };
    let audit = user.event(
        role,
        Some(unit),
        patient,
        AuditAction::Create,
        "CarePlan",
        "",
    );
    let request = Enroll {
        patient,
        unit,
        version: &version,
        by: Some(user.account.id),
        audit: Some(&audit),
        public_url: Some(&state.config.public_url),
    };
    let e = match enrollment::enroll(&state.store, request, state.clock.now()).await {
        Ok(e) => e,
        Err(EnrollError::AlreadyEnrolled) => {
            return Err(FhirError::Conflict(Text::new("api-care-plan-enrolled")));
        }
        Err(EnrollError::NotOffered) => {
            return Err(FhirError::invalid(
                Text::new("api-care-plan-not-offered"),
                Some("CarePlan.instantiatesCanonical"),
            ));
        }
        Err(EnrollError::Store(e)) => return Err(e.into()),
    };
    let location = format!(
        "{}/fhir/CarePlan/{}/_history/1",
        state.config.public_url, e.id
    );
    Ok(versioned(
        care_plan(&state, &e).await?,
        e.version,
        Some(&location),
    ))
}

/// Every kept version of the enrollment `id` as a CarePlan, newest first, after the same
/// check as a read, which is recorded.
pub(crate) async fn kept(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Vec<super::Version>, FhirError> {
    let id: Id<Enrollment> = id.parse().map_err(|_| FhirError::NotFound)?;
    let versions = match state.store.enrollment_versions(id).await {
        Ok(v) => v,
        Err(carepath_store::StoreError::NotFound(_)) => return Err(FhirError::NotFound),
        Err(other) => return Err(other.into()),
    };
    let Some((current, _)) = versions.first() else {
        return Err(FhirError::NotFound);
    };
    read_plan_of(state, user, current).await?;
    let program = state
        .store
        .program_version(current.program_version_id)
        .await?;
    Ok(versions
        .iter()
        .map(|(e, at)| {
            (
                e.version,
                *at,
                with_meta(care_plan_resource(e, &program), e.version, *at),
            )
        })
        .collect())
}

/// `GET /fhir/CarePlan/{id}/_history/{vid}`: any kept version.
pub(crate) async fn vread_care_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, vid)): Path<(String, String)>,
) -> Result<Response, FhirError> {
    super::version_of(kept(&state, &user, &id).await?, &vid)
}

/// `GET /fhir/CarePlan/{id}/_history`: every kept version, newest first.
pub(crate) async fn care_plan_history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let listed = kept(&state, &user, &id).await?;
    Ok(super::history_bundle(
        &state.config.public_url,
        "CarePlan",
        &id,
        listed,
    ))
}
