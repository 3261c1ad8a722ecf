//! Dates, date-times and times with FHIRPath's partial precision: `@2015`, `@2015-02T`,
//! `@T14:30`. Comparisons at different precisions can be unknown (an empty result).

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Timelike};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Date,
    DateTime,
    Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Precision {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
}

impl Precision {
    /// Seconds and milliseconds count as one precision when values are compared.
    fn comparable(self) -> Self {
        if self == Precision::Millisecond {
            Precision::Second
        } else {
            self
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Temporal {
    pub kind: Kind,
    pub precision: Precision,
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    millis: u32,
    /// Minutes east of UTC, when the value names its zone.
    offset: Option<i32>,
}

fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    if s.len() < n || !s.as_bytes()[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

impl Temporal {
    fn empty(kind: Kind) -> Self {
        Temporal {
            kind,
            precision: Precision::Year,
            year: 0,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            millis: 0,
            offset: None,
        }
    }

    /// A literal's text after the `@`.
    pub(crate) fn parse_literal(text: &str) -> Option<Self> {
        if let Some(time) = text.strip_prefix('T') {
            let mut t = Temporal::empty(Kind::Time);
            let rest = t.parse_time(time)?;
            return rest.is_empty().then_some(t);
        }
        let mut t = Temporal::empty(Kind::Date);
        let rest = t.parse_date(text)?;
        if rest.is_empty() {
            return Some(t);
        }
        let rest = rest.strip_prefix('T')?;
        t.kind = Kind::DateTime;
        if rest.is_empty() {
            return Some(t);
        }
        let rest = t.parse_time(rest)?;
        t.parse_zone(rest).then_some(t)
    }

    /// A FHIR primitive's JSON text: `date`, `dateTime`, `instant` or `time`.
    pub(crate) fn parse_fhir(kind: Kind, text: &str) -> Option<Self> {
        let mut t = Temporal::empty(kind);
        if kind == Kind::Time {
            let rest = t.parse_time(text)?;
            return rest.is_empty().then_some(t);
        }
        let rest = t.parse_date(text)?;
        if rest.is_empty() {
            return Some(t);
        }
        if kind == Kind::Date {
            return None;
        }
        let rest = t.parse_time(rest.strip_prefix('T')?)?;
        t.parse_zone(rest).then_some(t)
    }

    /// A string converted with `toDateTime()` and friends: either form is accepted.
    pub(crate) fn parse_string(kind: Kind, text: &str) -> Option<Self> {
        let text = text.strip_prefix('@').unwrap_or(text);
        match kind {
            Kind::Time => Temporal::parse_fhir(Kind::Time, text.strip_prefix('T').unwrap_or(text)),
            Kind::Date => Temporal::parse_fhir(Kind::Date, text),
            Kind::DateTime => {
                let text = text.strip_suffix('T').unwrap_or(text);
                Temporal::parse_fhir(Kind::DateTime, text)
            }
        }
    }

    fn parse_date<'s>(&mut self, s: &'s str) -> Option<&'s str> {
        let (year, mut rest) = digits(s, 4)?;
        self.year = year as i32;
        self.precision = Precision::Year;
        if let Some(r) = rest.strip_prefix('-') {
            let (month, r) = digits(r, 2)?;
            (1..=12).contains(&month).then_some(())?;
            self.month = month;
            self.precision = Precision::Month;
            rest = r;
            if let Some(r) = rest.strip_prefix('-') {
                let (day, r) = digits(r, 2)?;
                NaiveDate::from_ymd_opt(self.year, month, day)?;
                self.day = day;
                self.precision = Precision::Day;
                rest = r;
            }
        }
        Some(rest)
    }

    fn parse_time<'s>(&mut self, s: &'s str) -> Option<&'s str> {
        let (hour, mut rest) = digits(s, 2)?;
        (hour < 24).then_some(())?;
        self.hour = hour;
        self.precision = Precision::Hour;
        if let Some(r) = rest.strip_prefix(':') {
            let (minute, r) = digits(r, 2)?;
            (minute < 60).then_some(())?;
            self.minute = minute;
            self.precision = Precision::Minute;
            rest = r;
            if let Some(r) = rest.strip_prefix(':') {
                let (second, r) = digits(r, 2)?;
                (second < 60).then_some(())?;
                self.second = second;
                self.precision = Precision::Second;
                rest = r;
                if let Some(r) = rest.strip_prefix('.') {
                    let n = r.bytes().take_while(u8::is_ascii_digit).count();
                    (n > 0).then_some(())?;
                    let fraction = format!("{:0<3}", &r[..n.min(3)]);
                    self.millis = fraction.parse().ok()?;
                    self.precision = Precision::Millisecond;
                    rest = &r[n..];
                }
            }
        }
        Some(rest)
    }

    fn parse_zone(&mut self, s: &str) -> bool {
        if s.is_empty() {
            return true;
        }
        if s == "Z" {
            self.offset = Some(0);
            return true;
        }
        let sign = match s.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return false,
        };
        let Some((h, r)) = digits(&s[1..], 2) else {
            return false;
        };
        let Some(r) = r.strip_prefix(':') else {
            return false;
        };
        let Some((m, r)) = digits(r, 2) else {
            return false;
        };
        self.offset = Some(sign * (h as i32 * 60 + m as i32));
        r.is_empty()
    }

    fn naive(&self) -> Option<NaiveDateTime> {
        let (year, month, day) = if self.kind == Kind::Time {
            (2000, 1, 1)
        } else {
            (self.year, self.month, self.day)
        };
        NaiveDate::from_ymd_opt(year, month, day)?.and_hms_milli_opt(
            self.hour,
            self.minute,
            self.second,
            self.millis,
        )
    }

    fn set(&mut self, dt: NaiveDateTime) {
        if self.kind != Kind::Time {
            self.year = dt.year();
            self.month = dt.month();
            self.day = dt.day();
        }
        self.hour = dt.hour();
        self.minute = dt.minute();
        self.second = dt.second();
        self.millis = dt.nanosecond() / 1_000_000;
    }

    /// The value in UTC when it names a zone and has a time to move.
    fn utc(&self) -> Self {
        let mut t = *self;
        if let (Some(offset), true) = (self.offset, self.precision >= Precision::Hour)
            && let Some(dt) = self.naive()
        {
            t.set(dt - Duration::minutes(offset.into()));
            t.offset = Some(0);
        }
        t
    }

    fn fields(&self) -> [i64; 7] {
        [
            self.year.into(),
            self.month.into(),
            self.day.into(),
            self.hour.into(),
            self.minute.into(),
            (self.second * 1000 + self.millis).into(),
            0,
        ]
    }

    /// The order of two values, or `None` when their precisions leave it unknown.
    pub(crate) fn compare(&self, other: &Self) -> Option<Ordering> {
        if (self.kind == Kind::Time) != (other.kind == Kind::Time) {
            return None;
        }
        // One side in a named zone and the other in none: the order is unknown.
        if self.offset.is_some() != other.offset.is_some()
            && self.precision >= Precision::Hour
            && other.precision >= Precision::Hour
        {
            return None;
        }
        let (a, b) = if self.offset.is_some() || other.offset.is_some() {
            (self.utc(), other.utc())
        } else {
            (*self, *other)
        };
        let pa = a.precision.comparable();
        let pb = b.precision.comparable();
        let shared = pa.min(pb);
        let start = if a.kind == Kind::Time { 3 } else { 0 };
        let (fa, fb) = (a.fields(), b.fields());
        for i in start..=shared as usize {
            match fa[i].cmp(&fb[i]) {
                Ordering::Equal => {}
                other => return Some(other),
            }
        }
        (pa == pb).then_some(Ordering::Equal)
    }

    /// Adds (or with a negative amount subtracts) a calendar duration.
    pub(crate) fn add(&self, amount: i64, unit: &str) -> Option<Self> {
        let mut t = *self;
        let dt = self.naive()?;
        let unit = match unit {
            "year" | "years" | "a" => "year",
            "month" | "months" | "mo" => "month",
            "week" | "weeks" | "wk" => "week",
            "day" | "days" | "d" => "day",
            "hour" | "hours" | "h" => "hour",
            "minute" | "minutes" | "min" => "minute",
            "second" | "seconds" | "s" => "second",
            "millisecond" | "milliseconds" | "ms" => "millisecond",
            _ => return None,
        };
        let months = |m: i64| -> Option<NaiveDateTime> {
            let m = u32::try_from(m.unsigned_abs()).ok()?;
            if amount >= 0 {
                dt.checked_add_months(Months::new(m))
            } else {
                dt.checked_sub_months(Months::new(m))
            }
        };
        let moved = match unit {
            "year" => months(amount * 12)?,
            "month" if self.precision == Precision::Year => months(amount / 12 * 12)?,
            "month" => months(amount)?,
            "week" => dt.checked_add_signed(Duration::weeks(amount))?,
            "day" => dt.checked_add_signed(Duration::days(amount))?,
            "hour" => dt.checked_add_signed(Duration::hours(amount))?,
            "minute" => dt.checked_add_signed(Duration::minutes(amount))?,
            "second" => dt.checked_add_signed(Duration::seconds(amount))?,
            _ => dt.checked_add_signed(Duration::milliseconds(amount))?,
        };
        t.set(moved);
        Some(t)
    }

    /// The text FHIR JSON would hold (without the literal's `@`).
    pub(crate) fn text(&self) -> String {
        self.to_string()
    }

    pub(crate) fn same_precision_as(&self, other: &Self) -> bool {
        self.precision.comparable() == other.precision.comparable()
    }

    pub(crate) fn has_zone(&self) -> bool {
        self.offset.is_some()
    }

    /// A date-time at this date's precision (to compare a date with a date-time).
    pub(crate) fn as_datetime(&self) -> Self {
        let mut t = *self;
        if t.kind == Kind::Date {
            t.kind = Kind::DateTime;
        }
        t
    }

    /// A date-time cut to its date.
    pub(crate) fn date_part(&self) -> Self {
        let mut t = *self;
        t.kind = Kind::Date;
        t.precision = t.precision.min(Precision::Day);
        t.offset = None;
        t
    }

    /// A date-time's time of day.
    pub(crate) fn time_part(&self) -> Option<Self> {
        (self.precision >= Precision::Hour).then(|| {
            let mut t = *self;
            t.kind = Kind::Time;
            t.offset = None;
            t
        })
    }

    pub(crate) fn now() -> Self {
        let now = chrono::Local::now();
        let mut t = Temporal::empty(Kind::DateTime);
        t.set(now.naive_local());
        t.precision = Precision::Millisecond;
        t.offset = Some(now.offset().local_minus_utc() / 60);
        t
    }
}

impl fmt::Display for Temporal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.precision;
        if self.kind != Kind::Time {
            write!(f, "{:04}", self.year)?;
            if p >= Precision::Month {
                write!(f, "-{:02}", self.month)?;
            }
            if p >= Precision::Day {
                write!(f, "-{:02}", self.day)?;
            }
            if self.kind == Kind::Date || p < Precision::Hour {
                return Ok(());
            }
            f.write_str("T")?;
        }
        write!(f, "{:02}", self.hour)?;
        if p >= Precision::Minute {
            write!(f, ":{:02}", self.minute)?;
        }
        if p >= Precision::Second {
            write!(f, ":{:02}", self.second)?;
        }
        if p >= Precision::Millisecond {
            write!(f, ".{:03}", self.millis)?;
        }
        match self.offset {
            Some(0) => f.write_str("Z"),
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60)
            }
            None => Ok(()),
        }
    }
}
