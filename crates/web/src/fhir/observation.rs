//! `Observation` through the API: the scores computed from questionnaire responses and the
//! measurements patients register (created here by the patient or their care team), read
//! and searched by `subject`, `code`, `date` and `derived-from`, under the same access
//! rules as the responses; every one written or returned is recorded in the access log.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use carepath_domain::audit::AuditAction;
use carepath_domain::threshold::Colour;
use carepath_fhir::outcome::searchset;
use carepath_store::response::ObservationFilter;

use super::patient::{grant, read_of, record_access, scope};
use super::search::{Params, date_range, self_link};
use super::{Fhir, FhirBody, FhirError, versioned, with_meta};
use crate::AppState;
use crate::auth::CurrentUser;

/// `POST /fhir/Observation`: a measurement (a vital sign or the day's symptom score) by
/// the patient themselves or their care team; a value no person can have is a 422 with
/// the plausible range, and nothing is stored.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    FhirBody(body): FhirBody,
) -> Result<Response, FhirError> {
    use carepath_fhir::observation::read_measurement;
    let (kind, value, effective, subject) =
        read_measurement(&body).map_err(FhirError::Unprocessable)?;
    let patient = super::search::patient_reference(&subject).ok_or_else(|| {
        FhirError::invalid(
            "subject must reference the patient as Patient/{id}.",
            Some("Observation.subject"),
        )
    })?;
    let Some((role, unit)) = grant(&state, &user, patient).await? else {
        // The same answer whether the patient exists or not.
        return Err(FhirError::Forbidden);
    };
    let now = state.clock.now();
    let effective_at = chrono::DateTime::parse_from_rfc3339(&effective)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| FhirError::invalid("effectiveDateTime must have a time zone.", None))?;
    if effective_at > now + chrono::Duration::minutes(5) {
        return Err(FhirError::invalid(
            "effectiveDateTime is in the future: give the time it was measured.",
            Some("Observation.effectiveDateTime"),
        ));
    }
    let (id, resource) = save_measurement(
        &state,
        patient,
        kind,
        value,
        (&effective, effective_at),
        user.account.id,
        |id| {
            crate::audit::event(
                &user,
                role,
                unit,
                patient,
                AuditAction::Create,
                "Observation",
                id,
            )
        },
    )
    .await?;
    let location = format!(
        "{}/fhir/Observation/{id}/_history/1",
        state.config.public_url
    );
    Ok(versioned(with_meta(resource, 1, None), 1, Some(&location)))
}

/// Stores a measurement `patient` took at `effective` (as sent, and as an instant), by
/// `by`, with the access-log event `event` makes for the new Observation's id; returns the
/// id and the Observation. One path for the patient's page and the API.
pub(crate) async fn save_measurement(
    state: &AppState,
    patient: carepath_domain::Id<carepath_domain::patient::Patient>,
    kind: carepath_domain::measurement::MeasurementKind,
    value: f64,
    effective: (&str, chrono::DateTime<chrono::Utc>),
    by: carepath_domain::Id<carepath_domain::user::UserAccount>,
    event: impl FnOnce(&str) -> carepath_domain::audit::AuditEvent,
) -> Result<(String, serde_json::Value), carepath_store::StoreError> {
    let id = carepath_domain::Id::<carepath_store::response::NewObservation>::new().to_string();
    let resource = carepath_fhir::observation::measurement_observation(
        &id,
        &patient.to_string(),
        kind,
        value,
        effective.0,
    );
    let observation = carepath_store::response::NewObservation {
        id: id.clone(),
        patient_id: patient.to_string(),
        code: kind.info().key.to_owned(),
        value: Some(value),
        band: None,
        body: resource.clone(),
    };
    // The plan in force decides the colour; yellow and red raise an alert for the care
    // team of that enrollment's unit.
    let mut alert = None;
    if let Some((e, limits)) = crate::plan::limits_for(state, patient, kind.info().key).await? {
        let colour = limits.colour(value);
        if matches!(colour, Colour::Yellow | Colour::Red) {
            alert = Some(carepath_store::measurement::NewAlert {
                id: carepath_domain::Id::<carepath_store::measurement::NewAlert>::new().to_string(),
                unit: e.unit_id,
                enrollment: Some(e.id),
                colour,
            });
        }
    }
    state
        .store
        .save_measurement(
            &observation,
            alert.as_ref(),
            effective.1,
            Some(by),
            &[event(&id)],
            state.clock.now(),
        )
        .await?;
    Ok((id, resource))
}

pub(crate) async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let record = state
        .store
        .observation_by_id(&id)
        .await?
        .ok_or(FhirError::NotFound)?;
    read_of(&state, &user, &record.patient_id, "Observation", &id).await?;
    Ok(versioned(
        with_meta(record.body, record.version, None),
        record.version,
        None,
    ))
}

pub(crate) async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    RawQuery(query): RawQuery,
) -> Result<Fhir, FhirError> {
    let params = Params::parse(
        query.as_deref(),
        &["subject", "patient", "code", "date", "derived-from"],
        &[],
    )?;
    let subject = params.patient(&["subject", "patient"])?;
    let (from, until) = date_range("date", params.all("date"))?;
    let filter = ObservationFilter {
        subject,
        code: params.one("code")?.map(str::to_owned),
        from,
        until,
        derived_from: params.one("derived-from")?.map(|r| {
            r.strip_prefix("QuestionnaireResponse/")
                .unwrap_or(r)
                .to_owned()
        }),
    };
    let scope = scope(&state, &user).await?;
    let (records, total) = state
        .store
        .search_observations(&scope, &filter, params.offset, params.count)
        .await?;
    let entries: Vec<_> = records
        .iter()
        .filter_map(|r| {
            let patient = r.patient_id.parse().ok()?;
            let id = r.body["id"].as_str()?.to_owned();
            Some((patient, AuditAction::Read, "Observation", id))
        })
        .collect();
    record_access(&state, &user, &entries).await?;
    let next = params.next_link("Observation", records.len() as i64, total);
    Ok(Fhir(searchset(
        &state.config.public_url,
        &self_link("Observation", query.as_deref()),
        records
            .into_iter()
            .map(|r| with_meta(r.body, r.version, None))
            .collect(),
        total,
        next,
    )))
}
