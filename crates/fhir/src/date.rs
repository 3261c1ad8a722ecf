//! FHIR `date` and `dateTime` values as search bounds: a day covers its whole day (UTC),
//! an instant is itself. Years have four digits (0001-9999) as the FHIR grammar says, so
//! no value can reach the ends of chrono's range and overflow.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The first and last instant (inclusive, microseconds) a `date` or `dateTime` names
/// (a year or a month covers all of it); `None` when it is neither (or its year is not
/// four digits).
pub fn bounds(value: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let year = value.get(..4)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) || year == "0000" {
        return None;
    }
    // A year or a month covers all of it: `2026`, `2026-12`.
    if value.len() == 4 || (value.len() == 7 && value.as_bytes()[4] == b'-') {
        let year: i32 = year.parse().ok()?;
        let (first, next) = if value.len() == 4 {
            (
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year + 1, 1, 1),
            )
        } else {
            let month = value.get(5..7)?;
            if !month.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let month: u32 = month.parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            (first, first.checked_add_months(chrono::Months::new(1)))
        };
        let start = first.and_hms_opt(0, 0, 0)?.and_utc();
        // The last instant of 9999 has no next year to count back from.
        let end = match next {
            Some(n) => n
                .and_hms_opt(0, 0, 0)?
                .and_utc()
                .checked_sub_signed(Duration::microseconds(1))?,
            None => NaiveDate::from_ymd_opt(year, 12, 31)?
                .and_hms_micro_opt(23, 59, 59, 999_999)?
                .and_utc(),
        };
        return Some((start, end));
    }
    if value.len() == 10 {
        // Exactly `YYYY-MM-DD`: chrono alone would also take `2026-\n2-\n2`.
        let written = value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        if !written {
            return None;
        }
        let day = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
        let start = day.and_hms_opt(0, 0, 0)?.and_utc();
        let end = start
            .checked_add_signed(Duration::days(1))?
            .checked_sub_signed(Duration::microseconds(1))?;
        return Some((start, end));
    }
    // A time needs its hours, minutes and zone: `2026-12-04T10:00:00+01:00`.
    if value.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    let t = DateTime::parse_from_rfc3339(value)
        .ok()?
        .with_timezone(&Utc);
    Some((t, t))
}

/// A calendar date written `YYYY-MM-DD` with a four-digit year, as people and FHIR write
/// it; `None` otherwise.
pub fn day(value: &str) -> Option<NaiveDate> {
    (value.len() == 10)
        .then(|| bounds(value))
        .flatten()
        .map(|(start, _)| start.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_day_covers_the_whole_day() {
        let (start, end) = bounds("2026-12-04").unwrap();
        assert_eq!(start.to_rfc3339(), "2026-12-04T00:00:00+00:00");
        assert_eq!(
            end.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            "2026-12-04T23:59:59.999999Z"
        );
    }

    #[test]
    fn a_day_is_written_with_two_digit_month_and_day_and_nothing_else() {
        // Found by the fuzz target fhir_date.
        for odd in [
            "2026-\n2-\n2",
            "2026- 2- 2",
            "2026-2-02 ",
            "2026-+2-02",
            "２０２６-12-04",
        ] {
            assert_eq!(day(odd), None, "{odd:?}");
            assert_eq!(bounds(odd), None, "{odd:?}");
        }
        assert!(day("2026-02-02").is_some());
    }

    #[test]
    fn a_year_and_a_month_cover_all_of_them() {
        let text = |(a, b): (DateTime<Utc>, DateTime<Utc>)| {
            (
                a.to_rfc3339(),
                b.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            )
        };
        assert_eq!(
            text(bounds("2026-12").unwrap()),
            (
                "2026-12-01T00:00:00+00:00".into(),
                "2026-12-31T23:59:59.999999Z".into()
            )
        );
        assert_eq!(
            text(bounds("2024-02").unwrap()).1,
            "2024-02-29T23:59:59.999999Z",
            "a leap year's February"
        );
        assert_eq!(
            text(bounds("1985").unwrap()),
            (
                "1985-01-01T00:00:00+00:00".into(),
                "1985-12-31T23:59:59.999999Z".into()
            )
        );
        assert_eq!(
            text(bounds("9999").unwrap()).1,
            "9999-12-31T23:59:59.999999Z"
        );
        for odd in ["2026-13", "2026-00", "2026-1x", "202a", "2026-"] {
            assert_eq!(bounds(odd), None, "{odd:?}");
        }
    }

    #[test]
    fn an_instant_is_itself_in_utc() {
        let (start, end) = bounds("2026-12-04T10:00:00+01:00").unwrap();
        assert_eq!(start, end);
        assert_eq!(start.to_rfc3339(), "2026-12-04T09:00:00+00:00");
    }

    #[test]
    fn years_outside_four_digits_are_not_dates() {
        for v in [
            "-262143-01-01",
            "+262142-12-31",
            "262142-12-31",
            "0000-01-01",
            "99999-01-01",
            "-0001-01-01",
            "2026-02-30",
            "2026-12-04 10:00:00Z",
            "",
        ] {
            assert_eq!(bounds(v), None, "{v}");
            assert_eq!(day(v), None, "{v}");
        }
        assert!(bounds("0001-01-01").is_some());
        assert!(bounds("9999-12-31").is_some());
        assert!(bounds("9999-12-31T23:59:59+14:00").is_some());
        assert!(bounds("0001-01-01T00:00:00-14:00").is_some());
    }

    proptest! {
        #[test]
        fn no_string_makes_it_panic(v in "\\PC{0,40}") {
            let _ = bounds(&v);
            let _ = day(&v);
        }

        #[test]
        fn no_date_shaped_string_makes_it_panic(
            sign in "[+-]?",
            year in 0u32..1_000_000,
            month in 0u32..14,
            d in 0u32..33,
            time in "(T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2}))?",
        ) {
            let v = format!("{sign}{year:04}-{month:02}-{d:02}{time}");
            if let Some((start, end)) = bounds(&v) {
                prop_assert!(start <= end);
            }
        }
    }
}
