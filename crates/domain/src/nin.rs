//! Norwegian national identity numbers (fødselsnummer, D-number, H-number and the
//! synthetic test numbers of Skatteetaten's Tenor), validated by their check digits.
//!
//! From 1 January 2032 new numbers are gender neutral and the first check digit may leave
//! a remainder of 0, 1, 2 or 3; both rules are accepted side by side (domain.md §6.3).
//! The sex of the person is never derived from the number.

use std::fmt;

use chrono::NaiveDate;

const K1_WEIGHTS: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// FHIR identifier system of the fødselsnummer.
pub const FNR_SYSTEM: &str = "urn:oid:2.16.578.1.12.4.1.4.1";
/// FHIR identifier system of the D-number.
pub const DNR_SYSTEM: &str = "urn:oid:2.16.578.1.12.4.1.4.2";

/// What kind of number it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NinKind {
    /// An ordinary fødselsnummer.
    Fnr,
    /// A D-number (day + 40), given to people without a fødselsnummer.
    DNumber,
    /// An H-number (month + 40), a help number used by health services.
    HNumber,
    /// A synthetic test number (month + 80), never a real person.
    Synthetic,
}

/// Why a text is not a national identity number. The message never repeats the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NinError {
    #[error("a national identity number has exactly 11 digits")]
    Length,
    #[error("a national identity number has only digits")]
    NotDigits,
    #[error("the check digits do not match; check for a typing error")]
    CheckDigits,
    #[error("the first six digits are not a valid date of birth")]
    BirthDate,
}

/// A validated 11-digit national identity number. Its `Debug` output is redacted.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NationalIdNumber {
    digits: [u8; 11],
}

impl NationalIdNumber {
    /// Parses a number; spaces are ignored (people often type `010190 12345`).
    pub fn parse(input: &str) -> Result<Self, NinError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(NinError::NotDigits);
        }
        if compact.len() != 11 {
            return Err(NinError::Length);
        }
        let mut digits = [0u8; 11];
        for (slot, b) in digits.iter_mut().zip(compact.bytes()) {
            *slot = b - b'0';
        }
        let nin = Self { digits };
        if !nin.check_digits_valid() {
            return Err(NinError::CheckDigits);
        }
        nin.birth_date()?;
        Ok(nin)
    }

    /// Completes nine digits with check digits by the pre-2032 rule, or `None` when no
    /// valid number exists for them. Used to make synthetic numbers for demos and tests.
    pub fn complete(first_nine: &str) -> Option<Self> {
        let d: Vec<u32> = first_nine
            .chars()
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()?;
        if d.len() != 9 {
            return None;
        }
        let k1 = check_digit(&d, &K1_WEIGHTS)?;
        let mut with_k1 = d.clone();
        with_k1.push(k1);
        let k2 = check_digit(&with_k1, &K2_WEIGHTS)?;
        Self::parse(&format!("{first_nine}{k1}{k2}")).ok()
    }

    fn check_digits_valid(&self) -> bool {
        let d = self.digits.map(u32::from);
        let s1: u32 = K1_WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum::<u32>() + d[9];
        let s2: u32 = K2_WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum::<u32>() + d[10];
        // Remainder 0 is the classic rule; 1, 2 and 3 are allowed from 2032.
        s1 % 11 <= 3 && s2.is_multiple_of(11)
    }

    pub fn kind(&self) -> NinKind {
        let d = &self.digits;
        if d[2] >= 8 {
            NinKind::Synthetic
        } else if d[0] >= 4 {
            NinKind::DNumber
        } else if d[2] >= 4 {
            NinKind::HNumber
        } else {
            NinKind::Fnr
        }
    }

    /// The FHIR identifier system for this number.
    pub fn fhir_system(&self) -> &'static str {
        match self.kind() {
            NinKind::DNumber => DNR_SYSTEM,
            _ => FNR_SYSTEM,
        }
    }

    /// The date of birth the number encodes (century from the individual number).
    pub fn birth_date(&self) -> Result<NaiveDate, NinError> {
        let d = self.digits.map(u32::from);
        let mut day = d[0] * 10 + d[1];
        let mut month = d[2] * 10 + d[3];
        if day > 40 {
            day -= 40;
        }
        if month > 80 {
            month -= 80;
        } else if month > 40 {
            month -= 40;
        }
        let yy = d[4] * 10 + d[5];
        let individual = d[6] * 100 + d[7] * 10 + d[8];
        let year = match (individual, yy) {
            (0..=499, _) => 1900 + yy,
            (500..=749, 54..=99) => 1800 + yy,
            (500..=999, 0..=39) => 2000 + yy,
            (900..=999, 40..=99) => 1900 + yy,
            _ => return Err(NinError::BirthDate),
        };
        NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(NinError::BirthDate)
    }

    /// The full number, for storage (encrypted) and for showing to authorised people.
    pub fn expose(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// The date part with the personal part hidden, e.g. `010190 *****`.
    pub fn masked(&self) -> String {
        let full = self.expose();
        format!("{} *****", &full[..6])
    }
}

fn check_digit(digits: &[u32], weights: &[u32]) -> Option<u32> {
    let sum: u32 = weights.iter().zip(digits).map(|(w, x)| w * x).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    }
}

impl fmt::Debug for NationalIdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NationalIdNumber(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_known_valid_numbers_of_each_kind() {
        // Synthetic numbers made for this project: born 1 Jan 1990, individual 000.
        let fnr = NationalIdNumber::complete("010190000").expect("valid");
        assert_eq!(fnr.kind(), NinKind::Fnr);
        assert_eq!(
            fnr.birth_date().unwrap(),
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
        );
        let dnr = NationalIdNumber::complete("410190000").expect("valid");
        assert_eq!(dnr.kind(), NinKind::DNumber);
        assert_eq!(dnr.fhir_system(), DNR_SYSTEM);
        let syn = NationalIdNumber::complete("018190000").expect("valid");
        assert_eq!(syn.kind(), NinKind::Synthetic);
        assert_eq!(
            syn.birth_date().unwrap(),
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
        );
        let h = NationalIdNumber::complete("014190000").expect("valid");
        assert_eq!(h.kind(), NinKind::HNumber);
    }

    #[test]
    fn century_follows_the_individual_number() {
        let born_2007 = NationalIdNumber::complete("150607500").expect("valid");
        assert_eq!(born_2007.birth_date().unwrap().to_string(), "2007-06-15");
        let born_1945 = NationalIdNumber::complete("150645900").expect("valid");
        assert_eq!(born_1945.birth_date().unwrap().to_string(), "1945-06-15");
    }

    #[test]
    fn rejects_typing_errors_with_a_reason_that_does_not_echo_the_number() {
        let good = NationalIdNumber::complete("010190000").unwrap().expose();
        let mut bad = good.clone().into_bytes();
        bad[10] = if bad[10] == b'9' { b'0' } else { bad[10] + 1 };
        let err = NationalIdNumber::parse(std::str::from_utf8(&bad).unwrap()).unwrap_err();
        assert_eq!(err, NinError::CheckDigits);
        assert!(!err.to_string().contains(&good[..6]));
        assert_eq!(
            NationalIdNumber::parse("123").unwrap_err(),
            NinError::Length
        );
        assert_eq!(
            NationalIdNumber::parse("0101901234x").unwrap_err(),
            NinError::NotDigits
        );
        // A valid checksum on an impossible date (31 February).
        if let Some(n) = NationalIdNumber::complete("310290000") {
            panic!("accepted an impossible date: {n:?}");
        }
    }

    #[test]
    fn accepts_the_2032_rule_for_the_first_check_digit() {
        // Find nine digits whose first check digit under the new rule differs from the
        // classic one: remainder 1, 2 or 3 must be accepted when k2 matches.
        let base = "010190000";
        let d: Vec<u32> = base.chars().map(|c| c.to_digit(10).unwrap()).collect();
        let sum: u32 = K1_WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum();
        let mut accepted_new = 0;
        for k1 in 0..10u32 {
            let r = (sum + k1) % 11;
            let mut with_k1 = d.clone();
            with_k1.push(k1);
            let Some(k2) = check_digit(&with_k1, &K2_WEIGHTS) else {
                continue;
            };
            let number = format!("{base}{k1}{k2}");
            let parsed = NationalIdNumber::parse(&number);
            assert_eq!(parsed.is_ok(), r <= 3, "k1={k1} remainder={r}");
            if r > 0 && r <= 3 {
                accepted_new += 1;
            }
        }
        assert!(accepted_new > 0, "the test must exercise the new rule");
    }

    /// A valid number starting with `six` (the date part) and an individual number from
    /// `first` on (some have no valid check digit).
    fn with_date(six: &str, first: u32) -> NationalIdNumber {
        (first..first + 20)
            .find_map(|i| NationalIdNumber::complete(&format!("{six}{i:03}")))
            .expect("a valid number")
    }

    #[test]
    fn d_h_and_synthetic_numbers_give_back_the_day_and_month_they_shift() {
        let date = |n: NationalIdNumber| n.birth_date().unwrap().to_string();
        // Day + 40 (D-number), month + 40 (H-number), month + 80 (synthetic).
        assert_eq!(date(with_date("550690", 0)), "1990-06-15");
        assert_eq!(date(with_date("154690", 0)), "1990-06-15");
        assert_eq!(date(with_date("158690", 0)), "1990-06-15");
        assert_eq!(with_date("550690", 0).kind(), NinKind::DNumber);
        assert_eq!(with_date("154690", 0).kind(), NinKind::HNumber);
        assert_eq!(with_date("158690", 0).kind(), NinKind::Synthetic);
    }

    #[test]
    fn the_nineteenth_century_is_individual_numbers_500_to_749_with_years_54_to_99() {
        let date = |n: NationalIdNumber| n.birth_date().unwrap().to_string();
        assert_eq!(date(with_date("150660", 500)), "1860-06-15");
        assert_eq!(date(with_date("150699", 700)), "1899-06-15");
        // 750-899 with such a year is no one's number; 900 on is the 1900s.
        for i in 750..900 {
            assert!(
                NationalIdNumber::complete(&format!("150660{i:03}")).is_none(),
                "individual {i}"
            );
        }
        assert_eq!(date(with_date("150660", 900)), "1960-06-15");
        // 500-749 with years 40-53 is no one's either.
        assert!(NationalIdNumber::complete("150645500").is_none());
    }

    #[test]
    fn debug_output_is_redacted() {
        let n = NationalIdNumber::complete("010190000").unwrap();
        assert_eq!(format!("{n:?}"), "NationalIdNumber(<redacted>)");
        assert_eq!(n.masked(), "010190 *****");
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = NationalIdNumber::parse(&s);
        }

        #[test]
        fn completed_numbers_parse_and_round_trip(day in 1u32..=28, month in 1u32..=12, yy in 0u32..=99, ind in 0u32..=499) {
            let nine = format!("{day:02}{month:02}{yy:02}{ind:03}");
            if let Some(n) = NationalIdNumber::complete(&nine) {
                prop_assert_eq!(NationalIdNumber::parse(&n.expose()).unwrap(), n.clone());
                prop_assert_eq!(n.birth_date().unwrap(), NaiveDate::from_ymd_opt(1900 + yy as i32, month, day).unwrap());
            }
        }

        #[test]
        fn any_single_digit_change_is_caught(ind in 0u32..=499, pos in 0usize..11, delta in 1u8..=9) {
            if let Some(n) = NationalIdNumber::complete(&format!("010190{ind:03}")) {
                let mut digits = n.digits;
                digits[pos] = (digits[pos] + delta) % 10;
                let changed: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
                // Every weight of the second check digit is non-zero modulo 11 (a prime),
                // so a single changed digit always breaks it, under either k1 rule.
                prop_assert!(NationalIdNumber::parse(&changed).is_err());
            }
        }
    }
}
