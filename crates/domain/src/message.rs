//! Messages that leave the system (reminders by e-mail and SMS): what they say, and the
//! port they are delivered through. A message never carries health information: not the
//! program, not the questionnaire, not a score; only that something waits, and a link.

use chrono::{DateTime, Duration, Utc};

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Channel::Email, Channel::Sms]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// A message ready to be delivered. Its `Debug` shows no recipient or text.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Stable across retries (`<id@host>`), so a repeat is recognisably the same message.
    pub message_id: String,
}

impl std::fmt::Debug for OutgoingMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutgoingMessage")
            .field("channel", &self.channel)
            .field("message_id", &self.message_id)
            .finish_non_exhaustive()
    }
}

/// Why a delivery failed; it is tried again later.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DeliveryError(pub String);

/// The port messages leave through (SMTP, an SMS provider, a file in development).
pub trait Notifier: Send + Sync {
    /// Delivers one message; an error means it was not delivered and may be retried.
    fn deliver(
        &self,
        message: &OutgoingMessage,
    ) -> impl std::future::Future<Output = Result<(), DeliveryError>> + Send;
}

/// The reminder that a task waits: subject and text in bokmål, with the link to sign in.
pub fn reminder_text(public_url: &str, channel: Channel) -> (String, String) {
    let link = format!("{}/pasient/moduler", public_url.trim_end_matches('/'));
    let subject = "Du har en oppgave som venter".to_owned();
    let body = match channel {
        Channel::Email => format!(
            "Hei!\n\nDu har en oppgave som venter på deg. Logg inn for å se den:\n{link}\n\n\
             Du får denne påminnelsen fordi du følger et digitalt oppfølgingstilbud. \
             Svar ikke på denne e-posten.\n"
        ),
        Channel::Sms => format!("Du har en oppgave som venter. Logg inn: {link}"),
    };
    (subject, body)
}

/// The message that an alert of `colour` has waited `minutes` in unit `unit_name` without
/// being acknowledged: subject and text in bokmål, naming the unit and the wait, never the
/// patient, with the link to the unit's worklist.
pub fn escalation_text(
    colour: Option<crate::threshold::Colour>,
    unit_name: &str,
    minutes: i64,
    link: &str,
) -> (String, String) {
    use crate::threshold::Colour;
    let colour = match colour {
        Some(Colour::Red) => "Et rødt",
        Some(_) => "Et gult",
        None => "Et",
    };
    let minutes = minutes.max(0);
    let waited = if minutes >= 120 {
        format!("{} timer", minutes / 60)
    } else {
        format!("{minutes} minutter")
    };
    (
        format!("Varsel venter: {unit_name}"),
        format!(
            "{colour} varsel i {unit_name} har ventet i {waited} uten å bli kvittert ut. Se arbeidslisten: {link}"
        ),
    )
}

/// When to try again after a failed delivery that had failed `attempts` times before: 1,
/// 2, 4 ... minutes, at most an hour. Nothing is given up: a message waits until it can
/// be delivered.
pub fn next_attempt(now: DateTime<Utc>, attempts: u32) -> DateTime<Utc> {
    let minutes = 1_i64 << attempts.min(6);
    now + Duration::minutes(minutes.min(60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escalation_names_the_colour_the_unit_and_the_wait_in_minutes_then_hours() {
        use crate::threshold::Colour;
        let (subject, body) = escalation_text(Some(Colour::Red), "Enhet 2", 119, "L");
        assert_eq!(subject, "Varsel venter: Enhet 2");
        assert_eq!(
            body,
            "Et rødt varsel i Enhet 2 har ventet i 119 minutter uten å bli kvittert ut. Se arbeidslisten: L"
        );
        let (_, body) = escalation_text(Some(Colour::Yellow), "E", 120, "L");
        assert!(
            body.starts_with("Et gult varsel i E har ventet i 2 timer"),
            "{body}"
        );
        let (_, body) = escalation_text(None, "E", -5, "L");
        assert!(
            body.starts_with("Et varsel i E har ventet i 0 minutter"),
            "{body}"
        );
    }

    #[test]
    fn a_reminder_says_only_that_something_waits_and_where() {
        for channel in [Channel::Email, Channel::Sms] {
            let (subject, body) = reminder_text("https://pasient.example.no/", channel);
            assert!(body.contains("https://pasient.example.no/pasient/moduler"));
            for health in ["IBS", "mage", "skjema", "PHQ", "symptom", "Mage-tarm"] {
                assert!(
                    !body.contains(health) && !subject.contains(health),
                    "{health}"
                );
            }
        }
    }

    #[test]
    fn retries_back_off_to_an_hour_and_never_stop() {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let waits: Vec<i64> = [0, 1, 2, 5, 6, 7, 40]
            .map(|a| (next_attempt(now, a) - now).num_minutes())
            .into();
        assert_eq!(waits, [1, 2, 4, 32, 60, 60, 60]);
    }
}
