//! How an alert reads to the care team: one wording for the worklist page and the API's
//! `Flag`, so the two never describe the same alert differently.

use carepath_domain::measurement::MeasurementKind;
use carepath_store::alert::Alert;

/// What raised an alert, in the request's language: "Oksygenmetning (SpO2): 88 %",
/// "Oksygenmetning (SpO2): ingen måling på 2 døgn", "PHQ-9, 0-27: 22".
pub(crate) fn what(a: &Alert) -> String {
    use crate::i18n::{current, measurement_name, measurement_unit, tr_args};
    use carepath_store::alert::AlertReason;
    let number = |v: f64| carepath_i18n::number(current(), v);
    let kind = MeasurementKind::from_key(&a.measurement);
    let name = kind.map_or_else(|| a.measurement.clone(), measurement_name);
    let unit = kind.map(measurement_unit).unwrap_or_default();
    let value = a.value.map(number).unwrap_or_else(|| "–".into());
    // A score or a form by the title the program gives it (its code for older alerts).
    let titled = a.label.as_deref().unwrap_or(&a.measurement);
    match a.reason {
        AlertReason::Missing => tr_args(
            "alert-missing",
            &[("name", name.into()), ("days", value.into())],
        ),
        AlertReason::Score => tr_args(
            "alert-score",
            &[("score", titled.into()), ("value", value.into())],
        ),
        AlertReason::Expired => tr_args("alert-expired", &[("form", titled.into())]),
        AlertReason::Unanswered => crate::i18n::tr("alert-unanswered"),
        AlertReason::Trend => tr_args(
            "alert-trend",
            &[
                ("name", name.into()),
                ("value", value.into()),
                ("unit", unit.into()),
            ],
        ),
        AlertReason::Value => tr_args(
            "alert-value",
            &[
                ("name", name.into()),
                ("value", value.into()),
                ("unit", unit.into()),
            ],
        )
        .trim()
        .to_owned(),
    }
}
