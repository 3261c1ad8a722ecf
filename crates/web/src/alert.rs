//! How an alert reads to the care team: one wording for the worklist page and the API's
//! `Flag`, so the two never describe the same alert differently.

use carepath_domain::measurement::MeasurementKind;
use carepath_store::alert::Alert;

/// What raised an alert, in words (bokmål): "Oksygenmetning (SpO2): 88 %", "Oksygenmetning
/// (SpO2): ingen måling på 2 døgn", "Skår hjerte-lunge-ukeskar: 22".
pub(crate) fn what(a: &Alert) -> String {
    use carepath_store::alert::AlertReason;
    let number = |v: f64| format!("{v}").replace('.', ",");
    let kind = MeasurementKind::from_key(&a.measurement).map(|k| k.info());
    let name = kind.map_or(a.measurement.as_str(), |k| k.name);
    match a.reason {
        AlertReason::Missing => format!(
            "{name}: ingen måling på {} døgn",
            a.value.map(number).unwrap_or_default()
        ),
        AlertReason::Score => format!(
            "Skår {}: {}",
            a.measurement,
            a.value.map(number).unwrap_or_else(|| "–".into())
        ),
        AlertReason::Expired => format!("Skjemaet «{}» ble ikke besvart", a.measurement),
        AlertReason::Trend => {
            let unit = kind.map_or("", |k| k.unit_shown);
            format!(
                "{name}: {} {unit}, endret mye på få dager",
                a.value.map(number).unwrap_or_default()
            )
        }
        AlertReason::Value => {
            let unit = kind.map_or("", |k| k.unit_shown);
            let value = a
                .value
                .map(|v| format!("{} {unit}", number(v)))
                .unwrap_or_default();
            format!("{name}: {value}").trim().to_owned()
        }
    }
}
