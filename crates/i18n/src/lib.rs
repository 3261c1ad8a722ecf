//! Every word a person reads, in their language (decision 0028): Fluent files under
//! `locales/{nb,nn,en,uk}/`, compiled into the binary. Bokmål is complete and the default;
//! nynorsk and English are complete for every page and message; Ukrainian for every page
//! and message a patient sees. A key missing in a language falls back along
//! [`fallbacks`] (Ukrainian to English, then bokmål), and a test keeps the files complete.
//!
//! Fluent formats neither Norwegian decimals nor dates: [`number`] and [`date`] do.

use std::borrow::Cow;
use std::collections::HashMap;

pub use carepath_domain::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, langid, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nb",
        // No invisible isolation marks around arguments: pages, e-mails and SMS show
        // them as they are.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn id(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::Nb => langid!("nb"),
        Lang::Nn => langid!("nn"),
        Lang::En => langid!("en"),
        Lang::Uk => langid!("uk"),
    }
}

/// The languages tried for a key, in order: the person's, then the nearest, then bokmål.
pub fn fallbacks(lang: Lang) -> &'static [Lang] {
    match lang {
        Lang::Nb => &[Lang::Nb],
        Lang::Nn => &[Lang::Nn, Lang::Nb],
        Lang::En => &[Lang::En, Lang::Nb],
        Lang::Uk => &[Lang::Uk, Lang::En, Lang::Nb],
    }
}

/// An argument of a message: a text or a number (for plural rules; shown as formatted by
/// [`number`] when passed as text).
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Count(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

/// Templates hand over fields by reference, loops by reference to reference.
impl<'a> From<&&'a String> for Arg<'a> {
    fn from(s: &&'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg<'_> {
            fn from(n: &$t) -> Self {
                Arg::Count(i64::try_from(*n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_from!(u16, i32, i64, u32, u64, usize);

/// The text of `key` in `lang` (or its fallbacks). A key no language has is shown as the
/// key itself, so a gap is visible and never a crash; the tests keep that from shipping.
pub fn t(lang: Lang, key: &str) -> String {
    lookup(lang, key, None)
}

/// As [`t`], with named arguments (`{ $name }` in the Fluent text).
pub fn t_args<'a>(lang: Lang, key: &str, args: &[(&str, Arg<'a>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.as_ref()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            (Cow::Owned((*name).to_owned()), value)
        })
        .collect();
    lookup(lang, key, Some(&map))
}

fn lookup(
    lang: Lang,
    key: &str,
    args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
) -> String {
    for l in fallbacks(lang) {
        if let Ok(text) = LOCALES.lookup_single_language(&id(*l), key, args) {
            return text;
        }
    }
    key.to_owned()
}

/// Words not yet put into a language: a key and its arguments, kept by whoever knows what
/// went wrong (a FHIR issue, a refused measurement) and worded where the reader is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    key: &'static str,
    args: Vec<(&'static str, Value)>,
}

/// An argument of a [`Text`], worded with it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Shown as it is (an item's linkId, a parameter's name).
    Plain(String),
    /// A decimal number, written as the language writes it ([`number`]).
    Number(f64),
    /// A whole number, also for plural rules.
    Count(i64),
    /// Other words, worded in the same language.
    Words(Box<Text>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Plain(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Plain(s)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<Text> for Value {
    fn from(t: Text) -> Self {
        Value::Words(Box::new(t))
    }
}

macro_rules! value_count_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
value_count_from!(u8, u16, u32, usize, i32, i64);

impl Value {
    /// The value as `lang` writes it.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Value::Plain(s) => s.clone(),
            Value::Number(n) => number(lang, *n),
            Value::Count(n) => n.to_string(),
            Value::Words(t) => t.words(lang),
        }
    }
}

impl Text {
    /// The words of `key`.
    pub fn new(key: &'static str) -> Self {
        Text {
            key,
            args: Vec::new(),
        }
    }

    /// With the argument `name` (`{ $name }` in the Fluent text).
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The key, for tests and for callers that choose by it.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The words in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let arg = match value {
                    Value::Plain(s) => Arg::Text(Cow::Borrowed(s.as_str())),
                    // Plural rules need the number itself.
                    Value::Count(n) => Arg::Count(*n),
                    other => Arg::Text(Cow::Owned(other.words(lang))),
                };
                (*name, arg)
            })
            .collect();
        t_args(lang, self.key, &args)
    }
}

/// A number as `lang` writes it: a decimal comma in Norwegian and Ukrainian, a point in
/// English; no more decimals than it has (at most two).
pub fn number(lang: Lang, value: f64) -> String {
    let mut text = format!("{:.2}", value);
    while text.contains('.') && (text.ends_with('0') || text.ends_with('.')) {
        text.pop();
    }
    if text == "-0" {
        text = "0".into();
    }
    match lang {
        Lang::En => text,
        _ => text.replace('.', ","),
    }
}

/// Month names: Norwegian (bokmål and nynorsk agree), English, Ukrainian.
const MONTHS: [[&str; 12]; 3] = [
    [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    // The genitive, as Ukrainian writes a date ("5 березня 2027").
    [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
];

/// A date as `lang` writes it: `5. mars 2027`, `5 March 2027`, `5 березня 2027`.
pub fn date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let index = match lang {
        Lang::Nb | Lang::Nn => 0,
        Lang::En => 1,
        Lang::Uk => 2,
    };
    let month = MONTHS[index][date.month0() as usize];
    match lang {
        Lang::Nb | Lang::Nn => format!("{}. {month} {}", date.day(), date.year()),
        Lang::En | Lang::Uk => format!("{} {month} {}", date.day(), date.year()),
    }
}

/// A message's subject and text, in `lang`, for `channel` (decision 0028): the outbox
/// keeps what a message is about, and it is worded here when it is delivered.
pub fn message(
    content: &carepath_domain::message::Content,
    channel: carepath_domain::message::Channel,
    lang: Lang,
) -> (String, String) {
    use carepath_domain::message::{Channel, Content};
    match content {
        Content::Reminder { link }
        | Content::Invitation { link }
        | Content::News { link }
        | Content::RequestReceived { link }
        | Content::NewMessage { link } => {
            let (subject, email, sms) = match content {
                Content::Invitation { .. } => {
                    ("invitation-subject", "invitation-email", "invitation-sms")
                }
                Content::News { .. } => ("news-subject", "news-email", "news-sms"),
                Content::NewMessage { .. } => (
                    "new-message-subject",
                    "new-message-email",
                    "new-message-sms",
                ),
                Content::RequestReceived { .. } => {
                    ("request-subject", "request-email", "request-sms")
                }
                _ => ("reminder-subject", "reminder-email", "reminder-sms"),
            };
            let key = match channel {
                Channel::Email => email,
                Channel::Sms | Channel::Dialogmelding => sms,
            };
            (
                t(lang, subject),
                t_args(lang, key, &[("link", link.as_str().into())]),
            )
        }
        Content::TeamMessage { unit, link } => (
            t_args(
                lang,
                "team-message-subject",
                &[("unit", unit.as_str().into())],
            ),
            t_args(
                lang,
                match channel {
                    Channel::Email => "team-message-email",
                    Channel::Sms | Channel::Dialogmelding => "team-message-sms",
                },
                &[
                    ("unit", unit.as_str().into()),
                    ("link", link.as_str().into()),
                ],
            ),
        ),
        Content::Escalation {
            colour,
            unit,
            minutes,
            link,
        } => {
            let minutes = (*minutes).max(0);
            let hours = if minutes >= 120 { minutes / 60 } else { 0 };
            (
                t_args(
                    lang,
                    "escalation-subject",
                    &[("unit", unit.as_str().into())],
                ),
                t_args(
                    lang,
                    "escalation-body",
                    &[
                        ("colour", colour.as_deref().unwrap_or("other").into()),
                        ("unit", unit.as_str().into()),
                        ("hours", hours.into()),
                        ("minutes", minutes.into()),
                        ("link", link.as_str().into()),
                    ],
                ),
            )
        }
        // The letter is its own text; the subject names it in the outbox's records.
        Content::Letter { .. } => (t(lang, "letter-message-subject"), String::new()),
        Content::AccountLink { link, .. } => (
            t(lang, "account-link-subject"),
            t_args(
                lang,
                match channel {
                    Channel::Email => "account-link-email",
                    Channel::Sms | Channel::Dialogmelding => "account-link-sms",
                },
                &[("link", link.as_str().into())],
            ),
        ),
        Content::Appointment {
            notice,
            start,
            link,
        } => {
            use carepath_domain::message::AppointmentNotice as N;
            let (subject, email, sms) = match notice {
                N::Booked => (
                    "appointment-booked-subject",
                    "appointment-booked-email",
                    "appointment-booked-sms",
                ),
                N::Moved => (
                    "appointment-moved-subject",
                    "appointment-moved-email",
                    "appointment-moved-sms",
                ),
                N::Cancelled => (
                    "appointment-cancelled-subject",
                    "appointment-cancelled-email",
                    "appointment-cancelled-sms",
                ),
                N::Reminder => (
                    "appointment-reminder-subject",
                    "appointment-reminder-email",
                    "appointment-reminder-sms",
                ),
            };
            let local = start.with_timezone(&carepath_domain::schedule::ZONE);
            let args = [
                ("date", date(lang, local.date_naive()).into()),
                ("time", local.format("%H:%M").to_string().into()),
                ("link", link.as_str().into()),
            ];
            let body = match channel {
                Channel::Email => email,
                Channel::Sms | Channel::Dialogmelding => sms,
            };
            (t(lang, subject), t_args(lang, body, &args))
        }
    }
}

/// The key of a plan colour's name.
pub fn colour_key(colour: carepath_domain::threshold::Colour) -> &'static str {
    use carepath_domain::threshold::Colour;
    match colour {
        Colour::Green => "colour-green",
        Colour::Yellow => "colour-yellow",
        Colour::Red => "colour-red",
    }
}

/// The key of an enrollment status's name.
pub fn status_key(status: carepath_domain::enrollment::EnrollmentStatus) -> &'static str {
    use carepath_domain::enrollment::EnrollmentStatus as S;
    match status {
        S::Invited => "status-invited",
        S::AwaitingException => "status-awaiting-exception",
        S::Active => "status-active",
        S::Ineligible => "status-ineligible",
        S::Finished => "status-finished",
        S::Withdrawn => "status-withdrawn",
    }
}

/// The keys of a measurement's name and of its unit as shown (`None`: a symbol, the same
/// in every language, from the domain).
pub fn measurement_keys(
    kind: carepath_domain::measurement::MeasurementKind,
) -> (&'static str, Option<&'static str>) {
    use carepath_domain::measurement::MeasurementKind as K;
    match kind {
        K::SystolicPressure => ("measurement-systolic", None),
        K::DiastolicPressure => ("measurement-diastolic", None),
        K::Pulse => ("measurement-pulse", Some("unit-beats-per-minute")),
        K::OxygenSaturation => ("measurement-spo2", None),
        K::Weight => ("measurement-weight", None),
        K::Temperature => ("measurement-temperature", None),
        K::BloodGlucose => ("measurement-glucose", None),
        K::Steps => ("measurement-steps", Some("unit-steps")),
        K::SymptomScore => ("measurement-symptoms", Some("unit-of-ten")),
    }
}

/// A measurement's unit as shown.
pub fn measurement_unit(kind: carepath_domain::measurement::MeasurementKind) -> Value {
    match measurement_keys(kind).1 {
        Some(key) => Text::new(key).into(),
        None => kind.info().unit_shown.into(),
    }
}

/// Why a measurement was refused, for the patient's form and the API alike.
pub fn measurement_problem(problem: &carepath_domain::measurement::MeasurementError) -> Text {
    use carepath_domain::measurement::MeasurementError as E;
    let name = |kind| Text::new(measurement_keys(kind).0);
    match problem {
        E::NotANumber(kind) => Text::new("measurement-not-a-number").with("name", name(*kind)),
        E::TooPrecise(kind, decimals) => Text::new("measurement-too-precise")
            .with("name", name(*kind))
            .with("decimals", *decimals),
        E::OutOfRange { kind, min, max, .. } => Text::new("measurement-out-of-range")
            .with("name", name(*kind))
            .with("min", *min)
            .with("max", *max)
            .with("unit", measurement_unit(*kind)),
        E::LowerNotBelowUpper => Text::new("measurement-pressure-order"),
    }
}

/// The key of why a national identity number was refused.
pub fn nin_key(e: &carepath_domain::nin::NinError) -> &'static str {
    use carepath_domain::nin::NinError;
    match e {
        NinError::Length => "nin-length",
        NinError::NotDigits => "nin-digits",
        NinError::CheckDigits => "nin-check-digits",
        NinError::BirthDate => "nin-birth-date",
    }
}
