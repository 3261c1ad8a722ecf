//! Submitting a questionnaire response: scored by the questionnaire's scoring, owned by
//! the unit of the enrollment it answers, completing that enrollment's task, raising the
//! program's score alerts only while the enrollment runs its schedule (not paused, not
//! over), recorded with its access-log events in one durable write.

use carepath_domain::Id;
use carepath_domain::audit::{AuditAction, AuditEvent};
use carepath_domain::enrollment::Enrollment;
use carepath_domain::organization::Unit;
use carepath_domain::patient::Patient;
use carepath_domain::user::UserAccount;
use carepath_fhir::QuestionnaireResponse;
use carepath_store::measurement::NewAlert;
use carepath_store::program::StoredQuestionnaire;
use carepath_store::response::{NewObservation, SaveResponse};
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// One response to store, as a page, the API or the demo has it.
#[derive(Debug)]
pub struct Submission<'a> {
    pub patient: Id<Patient>,
    /// The enrollment it is answered under, if any (the caller found it within what the
    /// person may act on).
    pub enrollment: Option<&'a Enrollment>,
    /// The care team's unit that sends it; `None` for the patient themselves. Owns it when
    /// there is no enrollment (`ownership.rs`).
    pub acting_unit: Option<Id<Unit>>,
    /// The exact questionnaire version answered.
    pub questionnaire: &'a StoredQuestionnaire,
    /// The response, with its id; scored here when completed.
    pub response: QuestionnaireResponse,
    /// Who sent it (none for the demo's made-up history).
    pub by: Option<Id<UserAccount>>,
    /// The access-log event of this request, whose action and resource are filled in per
    /// record written; `None` writes none (the demo).
    pub audit: Option<&'a AuditEvent>,
    /// Whether a draft of this response is stored already (an update, not a create).
    pub existed: bool,
    /// carepath's address, for the receipt a patient gets when they ask for an appointment;
    /// `None` sends none (the demo's made-up history).
    pub public_url: Option<&'a str>,
}

/// What was stored.
#[derive(Debug)]
pub struct Submitted {
    /// The response as stored, scores written into it.
    pub response: QuestionnaireResponse,
    /// The scores stored as Observations.
    pub scores: Vec<NewObservation>,
    /// The unit that owns it.
    pub owner: Option<Id<Unit>>,
    /// How many alerts the scores raised.
    pub alerts: usize,
    /// What the questionnaire's SDC expressions computed, and any that failed.
    pub sdc: carepath_fhir::sdc::Evaluated,
}

/// Scores and stores `submission` at `now` (see the module's description).
pub async fn submit(
    store: &Store,
    submission: Submission<'_>,
    now: DateTime<Utc>,
) -> Result<Submitted, StoreError> {
    let prepared = prepare(store, submission, now).await?;
    store.save_response(prepared.save(), now).await?;
    prepared.finish(store, now).await
}

/// A response scored and ready to store ([`prepare`]): stored alone by [`submit`], or
/// with other writes all or none ([`Prepared::save`] into a `Together`), then
/// [`Prepared::finish`]ed.
#[derive(Debug)]
pub struct Prepared<'a> {
    patient: Id<Patient>,
    enrollment: Option<&'a Enrollment>,
    questionnaire: &'a StoredQuestionnaire,
    response: QuestionnaireResponse,
    scores: Vec<NewObservation>,
    by: Option<Id<UserAccount>>,
    events: Vec<AuditEvent>,
    consultation: Option<bool>,
    alerts: Vec<NewAlert>,
    owner: Option<Id<Unit>>,
    public_url: Option<&'a str>,
    sdc: carepath_fhir::sdc::Evaluated,
}

impl Prepared<'_> {
    /// What the store writes.
    pub fn save(&self) -> SaveResponse<'_> {
        SaveResponse {
            patient: self.patient,
            enrollment: self.enrollment.map(|e| e.id),
            questionnaire_id: &self.questionnaire.id,
            response: &self.response,
            observations: &self.scores,
            by: self.by,
            audit: &self.events,
            consultation: self.consultation,
            alerts: &self.alerts,
            unit: self.owner,
        }
    }

    /// What follows once it is stored: the receipt of a request for an appointment, the
    /// letter drafts an answer at a letter point makes.
    pub async fn finish(self, store: &Store, now: DateTime<Utc>) -> Result<Submitted, StoreError> {
        let Prepared {
            patient,
            enrollment,
            questionnaire,
            response,
            scores,
            consultation,
            alerts,
            owner,
            public_url,
            sdc,
            ..
        } = self;
        let id = response.id.clone().unwrap_or_default();
        // A request for an appointment gets a receipt (content-free, decision 0028).
        if let (Some(true), Some(url), Some(_)) = (consultation, public_url, enrollment) {
            store
                .notify_patient(
                    patient,
                    carepath_domain::message::Content::request_received(url),
                    &format!("request:{id}"),
                    url,
                    now,
                )
                .await?;
        }
        // An answer at a letter point makes the letter's draft on the unit's worklist.
        if let Some(e) = enrollment.filter(|_| response.status == "completed") {
            crate::letter::drafts_after_response(store, e, &questionnaire.key, &id, now).await?;
        }
        Ok(Submitted {
            alerts: alerts.len(),
            response,
            scores,
            owner,
            sdc,
        })
    }
}

/// Scores `submission` and makes its access-log events, reading what that needs, without
/// storing anything.
pub async fn prepare<'a>(
    store: &Store,
    submission: Submission<'a>,
    now: DateTime<Utc>,
) -> Result<Prepared<'a>, StoreError> {
    let Submission {
        patient,
        enrollment,
        acting_unit,
        questionnaire,
        mut response,
        by,
        audit,
        existed,
        public_url,
    } = submission;
    let scored: Vec<&str> = questionnaire
        .scoring
        .iter()
        .flat_map(|s| s.scores.iter().filter_map(|r| r.link_id.as_deref()))
        .collect();
    let sdc = carepath_fhir::sdc::evaluate(&questionnaire.questionnaire, &mut response, &scored);
    let scores = score_response(questionnaire, &mut response, &patient.to_string(), &sdc);
    let alerts = match enrollment {
        // A paused or finished enrollment raises nothing: no one is watching for it.
        Some(e) if e.runs_schedule() => {
            let version = store.program_version_shared(e.program_version_id).await?;
            score_alerts(&version.definition, e, &scores, now)
        }
        _ => Vec::new(),
    };
    let owner = match enrollment {
        Some(e) => Some(e.unit_id),
        None => crate::ownership::owner_outside_enrollment(store, patient, acting_unit).await?,
    };
    let id = response.id.clone().unwrap_or_default();
    let consultation = questionnaire.questionnaire.consultation_answer(&response);
    let events: Vec<AuditEvent> = match audit {
        None => Vec::new(),
        Some(base) => {
            let on = |action, resource_type, resource_id: &str| AuditEvent {
                action,
                resource_type,
                resource_id: resource_id.to_owned(),
                ..base.clone()
            };
            let action = if existed {
                AuditAction::Update
            } else {
                AuditAction::Create
            };
            std::iter::once(on(action, "QuestionnaireResponse", &id))
                .chain(
                    scores
                        .iter()
                        .map(|o| on(AuditAction::Create, "Observation", &o.id)),
                )
                .collect()
        }
    };
    Ok(Prepared {
        patient,
        enrollment,
        questionnaire,
        response,
        scores,
        by,
        events,
        consultation,
        alerts,
        owner,
        public_url,
        sdc,
    })
}

/// Scores `response` by the scoring definition stored with its questionnaire: writes
/// each score into its calculated item and returns the Observations to store with it,
/// with one more for each coded item an SDC `calculatedExpression` gave a number
/// (`sdc`, already written into the response). Only a completed response is scored.
pub fn score_response(
    questionnaire: &StoredQuestionnaire,
    response: &mut QuestionnaireResponse,
    patient_id: &str,
    sdc: &carepath_fhir::sdc::Evaluated,
) -> Vec<NewObservation> {
    if response.status != "completed" {
        return Vec::new();
    }
    let response_id = response.id.clone().unwrap_or_default();
    let effective = response.authored.clone().unwrap_or_default();
    let (rules, scores) = match &questionnaire.scoring {
        Some(scoring) => (
            scoring.scores.clone(),
            scoring.apply(&questionnaire.questionnaire, response),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let filled: Vec<String> = rules.iter().filter_map(|r| r.link_id.clone()).collect();
    let calculated = carepath_fhir::sdc::coded_scores(&questionnaire.questionnaire, sdc)
        .into_iter()
        .filter(|(rule, _)| !filled.contains(&rule.code));
    rules
        .into_iter()
        .zip(scores)
        .chain(calculated)
        .map(|(rule, score)| {
            let id = Id::<NewObservation>::new().to_string();
            NewObservation {
                body: carepath_fhir::observation::score_observation(
                    &id,
                    patient_id,
                    &response_id,
                    &effective,
                    &rule,
                    &score,
                ),
                id,
                patient_id: patient_id.to_owned(),
                code: rule.code.clone(),
                value: score.value,
                band: score.band.map(|b| b.0),
                unit: None,
                readers: Vec::new(),
            }
        })
        .collect()
}

/// The alerts the program's score rules raise for the scores `observations` of a response
/// in `enrollment` (a score in a yellow or red band), at `now`.
pub fn score_alerts(
    def: &carepath_domain::program::ProgramDefinition,
    enrollment: &carepath_domain::enrollment::Enrollment,
    observations: &[NewObservation],
    now: DateTime<Utc>,
) -> Vec<NewAlert> {
    observations
        .iter()
        .filter_map(|o| {
            let rule = def.score_rules.iter().find(|r| r.score == o.code)?;
            let colour = rule.colour(o.band.as_deref()?)?;
            Some(NewAlert {
                id: Id::<NewAlert>::new().to_string(),
                unit: enrollment.unit_id,
                enrollment: Some(enrollment.id),
                colour,
                escalate_at: def.escalation.due(colour, now),
                reason: carepath_domain::threshold::AlertReason::Score,
                observation: Some(o.id.clone()),
            })
        })
        .collect()
}
