//! Measurements patients register themselves at home (digital home follow-up): what can be
//! measured, its LOINC code and UCUM unit, and the range a real value falls in, so a
//! typing error (SpO2 150 %) is refused with a clear message instead of stored.

/// Something a patient measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasurementKind {
    SystolicPressure,
    DiastolicPressure,
    Pulse,
    OxygenSaturation,
    Weight,
    Temperature,
    BloodGlucose,
    Steps,
    /// How strong the patient's symptoms are today, 0 (none) to 10 (worst).
    SymptomScore,
}

/// LOINC, the code system of the vital signs.
pub const LOINC: &str = "http://loinc.org";
/// carepath's own codes, for what LOINC has no code for.
pub const CAREPATH_CODES: &str = "https://carepath.no/fhir/CodeSystem/measurement";
/// UCUM, the code system of the units.
pub const UCUM: &str = "http://unitsofmeasure.org";

/// The facts about one kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindInfo {
    /// The key in URLs and program files, e.g. `spo2`.
    pub key: &'static str,
    pub system: &'static str,
    pub code: &'static str,
    /// The code's display text (English, as LOINC names it).
    pub display: &'static str,
    /// UCUM code and its symbol as shown (a unit in words, such as "beats per minute",
    /// is worded by `carepath_i18n::measurement_keys`).
    pub unit: &'static str,
    pub unit_shown: &'static str,
    pub min: f64,
    pub max: f64,
    /// Decimals accepted (0: whole numbers only).
    pub decimals: u32,
}

impl MeasurementKind {
    pub const ALL: [MeasurementKind; 9] = [
        Self::SystolicPressure,
        Self::DiastolicPressure,
        Self::Pulse,
        Self::OxygenSaturation,
        Self::Weight,
        Self::Temperature,
        Self::BloodGlucose,
        Self::Steps,
        Self::SymptomScore,
    ];

    pub fn info(self) -> KindInfo {
        let k = |key, system, code, display, unit, unit_shown, min, max, decimals| KindInfo {
            key,
            system,
            code,
            display,
            unit,
            unit_shown,
            min,
            max,
            decimals,
        };
        match self {
            Self::SystolicPressure => k(
                "systolisk",
                LOINC,
                "8480-6",
                "Systolic blood pressure",
                "mm[Hg]",
                "mmHg",
                50.0,
                260.0,
                0,
            ),
            Self::DiastolicPressure => k(
                "diastolisk",
                LOINC,
                "8462-4",
                "Diastolic blood pressure",
                "mm[Hg]",
                "mmHg",
                30.0,
                160.0,
                0,
            ),
            Self::Pulse => k(
                "puls",
                LOINC,
                "8867-4",
                "Heart rate",
                "/min",
                "/min",
                20.0,
                250.0,
                0,
            ),
            Self::OxygenSaturation => k(
                "spo2",
                LOINC,
                "59408-5",
                "Oxygen saturation in Arterial blood by Pulse oximetry",
                "%",
                "%",
                50.0,
                100.0,
                0,
            ),
            Self::Weight => k(
                "vekt",
                LOINC,
                "29463-7",
                "Body weight",
                "kg",
                "kg",
                2.0,
                400.0,
                1,
            ),
            Self::Temperature => k(
                "temperatur",
                LOINC,
                "8310-5",
                "Body temperature",
                "Cel",
                "°C",
                30.0,
                45.0,
                1,
            ),
            Self::BloodGlucose => k(
                "blodsukker",
                LOINC,
                "15074-8",
                "Glucose [Moles/volume] in Blood",
                "mmol/L",
                "mmol/L",
                1.0,
                40.0,
                1,
            ),
            Self::Steps => k(
                "skritt",
                LOINC,
                "41950-7",
                "Number of steps in 24 hour Measured",
                "{steps}/d",
                "/d",
                0.0,
                100_000.0,
                0,
            ),
            Self::SymptomScore => k(
                "symptomer",
                CAREPATH_CODES,
                "symptom-score",
                "Symptom burden today, 0-10",
                "{score}",
                "/10",
                0.0,
                10.0,
                0,
            ),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.info().key == key)
    }

    /// The kind a FHIR coding names (`system` and `code`).
    pub fn from_code(system: &str, code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.info().system == system && k.info().code == code)
    }

    /// The value if it is one a person can have; otherwise why not (worded by
    /// `carepath_i18n::measurement_problem`, never repeating the value).
    pub fn check(self, value: f64) -> Result<f64, MeasurementError> {
        let i = self.info();
        if !value.is_finite() {
            return Err(MeasurementError::NotANumber(self));
        }
        let scale = 10_f64.powi(i.decimals as i32);
        if ((value * scale).round() - value * scale).abs() > 1e-6 {
            return Err(MeasurementError::TooPrecise(self, i.decimals));
        }
        if value < i.min || value > i.max {
            return Err(MeasurementError::OutOfRange {
                kind: self,
                min: i.min,
                max: i.max,
                unit: i.unit_shown,
            });
        }
        Ok(value)
    }
}

/// What a patient enters at once: one value, or blood pressure as its two numbers, which a
/// monitor shows together and FHIR records as one panel (LOINC 85354-9) with a component
/// each. Limits, trends and charts still judge and draw each number on its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Entry {
    One(MeasurementKind, f64),
    BloodPressure { systolic: f64, diastolic: f64 },
}

/// The blood-pressure panel's key in URLs and forms, and its LOINC code and display.
pub const BLOOD_PRESSURE_KEY: &str = "blodtrykk";
pub const BLOOD_PRESSURE_CODE: &str = "85354-9";
pub const BLOOD_PRESSURE_DISPLAY: &str = "Blood pressure panel with all children optional";

impl Entry {
    /// A checked entry: each value in its range and, for blood pressure, the upper number
    /// above the lower one (two numbers typed in the wrong fields).
    pub fn checked(self) -> Result<Self, MeasurementError> {
        match self {
            Self::One(kind, v) => kind.check(v).map(|v| Self::One(kind, v)),
            Self::BloodPressure {
                systolic,
                diastolic,
            } => {
                let systolic = MeasurementKind::SystolicPressure.check(systolic)?;
                let diastolic = MeasurementKind::DiastolicPressure.check(diastolic)?;
                if diastolic >= systolic {
                    return Err(MeasurementError::LowerNotBelowUpper);
                }
                Ok(Self::BloodPressure {
                    systolic,
                    diastolic,
                })
            }
        }
    }

    /// The key it is saved and shown under (`spo2`, `blodtrykk`).
    pub fn key(&self) -> &'static str {
        match self {
            Self::One(kind, _) => kind.info().key,
            Self::BloodPressure { .. } => BLOOD_PRESSURE_KEY,
        }
    }

    /// Each number with its kind, in the order a person reads them.
    pub fn values(&self) -> Vec<(MeasurementKind, f64)> {
        match *self {
            Self::One(kind, v) => vec![(kind, v)],
            Self::BloodPressure {
                systolic,
                diastolic,
            } => vec![
                (MeasurementKind::SystolicPressure, systolic),
                (MeasurementKind::DiastolicPressure, diastolic),
            ],
        }
    }
}

/// Whether `kinds` (a program's measurements) holds both blood-pressure numbers, so the
/// patient enters them as one.
pub fn asks_blood_pressure(kinds: &[MeasurementKind]) -> bool {
    kinds.contains(&MeasurementKind::SystolicPressure)
        && kinds.contains(&MeasurementKind::DiastolicPressure)
}

/// The keys a program's measurements (`keys`, as its package lists them) are saved under:
/// each key, and the blood-pressure panel's when the program asks for either number.
pub fn saved_keys(keys: &[String]) -> Vec<String> {
    let mut out = keys.to_vec();
    let pressure = [
        MeasurementKind::SystolicPressure,
        MeasurementKind::DiastolicPressure,
    ];
    if keys
        .iter()
        .any(|k| pressure.iter().any(|p| p.info().key == k.as_str()))
    {
        out.push(BLOOD_PRESSURE_KEY.to_owned());
    }
    out
}

/// Why a measurement is refused. People read it worded in their language
/// (`carepath_i18n::measurement_problem`); this text is for logs and tests.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MeasurementError {
    #[error("{0:?}: not a number")]
    NotANumber(MeasurementKind),
    #[error("{0:?}: more than {1} decimal(s)")]
    TooPrecise(MeasurementKind, u32),
    #[error("{kind:?}: outside {min} to {max} {unit}")]
    OutOfRange {
        kind: MeasurementKind,
        min: f64,
        max: f64,
        unit: &'static str,
    },
    #[error("blood pressure: the lower number is not below the upper")]
    LowerNotBelowUpper,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typing_error_is_refused_with_the_range_and_a_real_value_kept() {
        let spo2 = MeasurementKind::OxygenSaturation;
        assert_eq!(spo2.check(88.0), Ok(88.0));
        let err = spo2.check(150.0).unwrap_err();
        assert_eq!(
            err,
            MeasurementError::OutOfRange {
                kind: spo2,
                min: 50.0,
                max: 100.0,
                unit: "%"
            }
        );
        assert!(!err.to_string().contains("150"));
        assert!(MeasurementKind::Pulse.check(72.5).is_err(), "whole beats");
        assert_eq!(MeasurementKind::Temperature.check(38.4), Ok(38.4));
        assert!(MeasurementKind::Weight.check(f64::NAN).is_err());
    }

    #[test]
    fn blood_pressure_is_one_entry_with_the_upper_number_above_the_lower() {
        let bp = Entry::BloodPressure {
            systolic: 132.0,
            diastolic: 84.0,
        };
        assert_eq!(bp.checked(), Ok(bp));
        assert_eq!(bp.key(), "blodtrykk");
        assert_eq!(
            bp.values(),
            vec![
                (MeasurementKind::SystolicPressure, 132.0),
                (MeasurementKind::DiastolicPressure, 84.0)
            ]
        );
        let swapped = Entry::BloodPressure {
            systolic: 84.0,
            diastolic: 132.0,
        };
        assert_eq!(swapped.checked(), Err(MeasurementError::LowerNotBelowUpper));
        let typo = Entry::BloodPressure {
            systolic: 1320.0,
            diastolic: 84.0,
        };
        assert!(matches!(
            typo.checked(),
            Err(MeasurementError::OutOfRange {
                kind: MeasurementKind::SystolicPressure,
                ..
            })
        ));
        assert!(asks_blood_pressure(&[
            MeasurementKind::Pulse,
            MeasurementKind::DiastolicPressure,
            MeasurementKind::SystolicPressure
        ]));
        assert!(!asks_blood_pressure(&[MeasurementKind::SystolicPressure]));
    }

    #[test]
    fn every_kind_has_a_unique_key_and_code() {
        let mut keys = std::collections::HashSet::new();
        let mut codes = std::collections::HashSet::new();
        for k in MeasurementKind::ALL {
            let i = k.info();
            assert!(keys.insert(i.key));
            assert!(codes.insert((i.system, i.code)));
            assert_eq!(MeasurementKind::from_key(i.key), Some(k));
            assert_eq!(MeasurementKind::from_code(i.system, i.code), Some(k));
            assert!(i.min < i.max);
        }
    }

    #[test]
    fn blood_pressure_is_saved_under_its_panel_s_key() {
        let keys = |k: &[&str]| k.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(saved_keys(&keys(&["spo2"])), keys(&["spo2"]));
        assert_eq!(
            saved_keys(&keys(&["spo2", "systolisk", "diastolisk"])),
            keys(&["spo2", "systolisk", "diastolisk", "blodtrykk"])
        );
    }
}
