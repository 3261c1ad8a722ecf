//! Messages that leave the system (reminders and escalations by e-mail and SMS): what
//! they are about, and the port they are delivered through. A message never carries
//! health information: not the program, not the questionnaire, not a score; only that
//! something waits, and a link.

use chrono::{DateTime, Duration, Utc};

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Sms,
    /// A Hodemelding with a Dialogmelding to a GP's HER-id (decision 0034).
    Dialogmelding,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Dialogmelding => "dialogmelding",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Channel::Email, Channel::Sms, Channel::Dialogmelding]
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

/// What a message says, as its kind and parameters: no words. The words are chosen in the
/// recipient's language when it is delivered (`carepath_i18n::message`), so a patient who
/// changes their language gets the next message in it. Never a health matter: not the
/// program, not the questionnaire, not a score, never the patient's name to the unit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    /// Something waits for the patient; they sign in at `link`.
    Reminder { link: String },
    /// The patient has been enrolled in a program: how to sign in, at `link`.
    Invitation { link: String },
    /// There is news for the patient (a decision on their referral); at `link`.
    News { link: String },
    /// The care team has received the patient's request for an appointment; at `link`.
    RequestReceived { link: String },
    /// The care team has written to the patient; they read it at `link`.
    NewMessage { link: String },
    /// A patient has written to the team of `unit` (never who, never what); the unit's
    /// worklist is at `link`.
    TeamMessage { unit: String, link: String },
    /// An alert of `colour` (`red`, `yellow`) has waited `minutes` on the worklist of
    /// `unit` without being acknowledged; the worklist is at `link`.
    Escalation {
        colour: Option<String>,
        unit: String,
        minutes: i64,
        link: String,
    },
    /// A letter to a GP: its message, kept with the letter, is what is delivered.
    Letter { letter: String },
    /// The link to choose a password for the participant account `user`, asked for on a
    /// course page (decision 0044). `link` is the address without its one-time token:
    /// the token is made when the message is delivered, so no usable link waits in the
    /// outbox.
    AccountLink { user: String, link: String },
    /// An appointment of the patient's was booked, moved or cancelled, or is soon
    /// (`notice`): when it is, and the link to the patient's appointments. Never what kind
    /// of meeting, nor with whom.
    Appointment {
        notice: AppointmentNotice,
        start: DateTime<Utc>,
        link: String,
    },
}

/// What a message about an appointment tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppointmentNotice {
    Booked,
    Moved,
    Cancelled,
    Reminder,
}

impl Content {
    /// The reminder that a task waits, with the link to the patient's pages.
    pub fn reminder(public_url: &str) -> Self {
        Content::Reminder {
            link: format!("{}/pasient/moduler", public_url.trim_end_matches('/')),
        }
    }

    /// The invitation sent when a patient is enrolled, with the link to sign in.
    pub fn invitation(public_url: &str) -> Self {
        Content::Invitation {
            link: format!("{}/logg-inn", public_url.trim_end_matches('/')),
        }
    }

    /// News for the patient, with the link to their start page.
    pub fn news(public_url: &str) -> Self {
        Content::News {
            link: format!("{}/pasient", public_url.trim_end_matches('/')),
        }
    }

    /// A message from the care team waits, with the link to the patient's messages.
    pub fn new_message(public_url: &str) -> Self {
        Content::NewMessage {
            link: format!("{}/pasient/meldinger", public_url.trim_end_matches('/')),
        }
    }

    /// A message about an appointment at `start`, with the link to the patient's
    /// appointments.
    pub fn appointment(notice: AppointmentNotice, start: DateTime<Utc>, public_url: &str) -> Self {
        Content::Appointment {
            notice,
            start,
            link: format!("{}/pasient/avtaler", public_url.trim_end_matches('/')),
        }
    }

    /// The receipt for a request for an appointment, with the link to the patient's pages.
    pub fn request_received(public_url: &str) -> Self {
        Content::RequestReceived {
            link: format!("{}/pasient", public_url.trim_end_matches('/')),
        }
    }
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
    fn a_reminder_links_to_the_patients_pages_and_keeps_its_kind_when_stored() {
        let c = Content::reminder("https://pasient.example.no/");
        assert_eq!(
            c,
            Content::Reminder {
                link: "https://pasient.example.no/pasient/moduler".into()
            }
        );
        let stored = serde_json::to_string(&c).unwrap_or_default();
        assert!(stored.contains("\"kind\":\"reminder\""), "{stored}");
        assert_eq!(serde_json::from_str::<Content>(&stored).ok(), Some(c));
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
