//! The self-management plan in force for a patient: the limits of the program they actively
//! follow for a measurement, with the patient's own numbers where a clinician has set them.

use carepath_domain::Id;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::patient::Patient;
use carepath_domain::threshold::MeasurementLimits;
use carepath_store::StoreError;

use crate::AppState;

/// The limits for `patient`'s measurement `key`, with the active enrollment they belong
/// to (whose unit gets the alerts); `None` when no active program sets limits for it.
pub(crate) async fn limits_for(
    state: &AppState,
    patient: Id<Patient>,
    key: &str,
) -> Result<Option<(Enrollment, MeasurementLimits)>, StoreError> {
    for e in state.store.patient_enrollments(patient).await? {
        if !e.status.runs_schedule() {
            continue;
        }
        let version = state.store.program_version(e.program_version_id).await?;
        let Some(default) = version.definition.limits(key) else {
            continue;
        };
        let own = state
            .store
            .patient_limits(e.id)
            .await?
            .into_iter()
            .find(|l| l.measurement == key);
        let limits = match own {
            Some(own) => default.personal(&own.limits),
            None => default.clone(),
        };
        return Ok(Some((e, limits)));
    }
    Ok(None)
}
