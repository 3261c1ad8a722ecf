//! Delivering what the outbox holds: e-mail by SMTP (lettre) when `CAREPATH_SMTP_URL` is
//! set, otherwise into `DATA_DIR/mail/` as `.eml` files; SMS into `DATA_DIR/sms.log` (the
//! development provider) until a hospital's gateway is added; a letter to a GP as its
//! Hodemelding file into the Dialogmelding drop folder (`CAREPATH_DIALOGMELDING_DIR`, else
//! `DATA_DIR/dialogmelding/`), readable by the service account only, where the hospital's
//! message service picks it up (decision 0034). One pass claims messages under a lease,
//! so several nodes never send one twice.

use std::path::PathBuf;

use carepath_domain::clock::Clock;
use carepath_domain::message::{Channel, Content, DeliveryError, Notifier, OutgoingMessage};
use carepath_store::Store;
use chrono::Duration;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::Config;

/// How long a node holds a message it is delivering; longer than any SMTP exchange.
const LEASE_MINUTES: i64 = 5;
/// The most messages one delivery pass sends, so a pass ends.
const PER_PASS: usize = 1000;

/// Where e-mail goes.
enum Mail {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

/// Delivers messages by their channel.
pub struct Delivery {
    mail: Mail,
    from: lettre::message::Mailbox,
    sms_log: PathBuf,
    dialogmelding: PathBuf,
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field(
                "mail",
                &match self.mail {
                    Mail::Smtp(_) => "smtp",
                    Mail::Folder(_) => "folder",
                },
            )
            .finish_non_exhaustive()
    }
}

impl Delivery {
    /// From the configuration: SMTP when `CAREPATH_SMTP_URL` is set.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let mail = match &config.smtp_url {
            Some(url) => Mail::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("invalid configuration CAREPATH_SMTP_URL: {e}"))?
                    .timeout(Some(std::time::Duration::from_secs(30)))
                    .build(),
            ),
            None => Mail::Folder(config.data_dir.join("mail")),
        };
        let host = config
            .public_url()
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| h.contains('.'))
            .unwrap_or("carepath.invalid")
            .to_owned();
        let from = config
            .mail_from
            .clone()
            .unwrap_or_else(|| format!("carepath <ikke-svar@{host}>"));
        let from = from.parse().map_err(|_| {
            anyhow::anyhow!(
                "invalid configuration CAREPATH_MAIL_FROM: `{from}` is not an address like carepath <ikke-svar@sykehus.no>"
            )
        })?;
        Ok(Self {
            mail,
            from,
            sms_log: config.data_dir.join("sms.log"),
            dialogmelding: config
                .dialogmelding_dir
                .clone()
                .unwrap_or_else(|| config.data_dir.join("dialogmelding")),
        })
    }

    async fn email(&self, m: &OutgoingMessage) -> Result<(), DeliveryError> {
        let to = m
            .recipient
            .parse()
            .map_err(|_| DeliveryError("the e-mail address is not valid".into()))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .message_id(Some(m.message_id.clone()))
            .subject(m.subject.clone())
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| DeliveryError(format!("the message could not be built: {e}")))?;
        match &self.mail {
            // The error names the server's answer, never the recipient or the text.
            Mail::Smtp(smtp) => smtp
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| DeliveryError(format!("SMTP: {}", smtp_reason(&e)))),
            Mail::Folder(dir) => {
                let name = m
                    .message_id
                    .trim_matches(['<', '>'])
                    .replace(['/', '\\'], "_");
                write_file(dir, &format!("{name}.eml"), &email.formatted()).await
            }
        }
    }

    async fn sms(&self, m: &OutgoingMessage) -> Result<(), DeliveryError> {
        let line = serde_json::json!({
            "to": m.recipient, "text": m.body, "message_id": m.message_id,
        });
        let dir = self.sms_log.parent().map(PathBuf::from).unwrap_or_default();
        crate::private::create_dir(&dir)
            .map_err(|e| DeliveryError(format!("the SMS log folder: {}", e.kind())))?;
        use tokio::io::AsyncWriteExt;
        let mut file = crate::private::append(&self.sms_log)
            .await
            .map_err(|e| DeliveryError(format!("the SMS log: {}", e.kind())))?;
        file.write_all(format!("{line}\n").as_bytes())
            .await
            .and(file.sync_all().await)
            .map_err(|e| DeliveryError(format!("the SMS log: {}", e.kind())))
    }
}

impl Delivery {
    /// The Hodemelding (the message's text) as one file named by its message id, readable
    /// by the service account only; a file of that name from an earlier try is replaced,
    /// so a retry never makes two.
    async fn dialogmelding(&self, m: &OutgoingMessage) -> Result<(), DeliveryError> {
        if m.body.is_empty() {
            return Err(DeliveryError("the letter's message is not there".into()));
        }
        let name = m
            .message_id
            .trim_matches(['<', '>'])
            .replace(['/', '\\', '.'], "_");
        crate::private::create_dir(&self.dialogmelding)
            .map_err(|e| DeliveryError(format!("the Dialogmelding folder: {}", e.kind())))?;
        // Written aside and renamed, so the message service never reads half a file.
        let partial = self.dialogmelding.join(format!(".{name}.partial"));
        let done = self.dialogmelding.join(format!("{name}.xml"));
        let folder =
            |e: std::io::Error| DeliveryError(format!("the Dialogmelding folder: {}", e.kind()));
        crate::private::write(&partial, m.body.as_bytes())
            .await
            .map_err(folder)?;
        tokio::fs::rename(&partial, &done).await.map_err(folder)
    }
}

impl Notifier for Delivery {
    async fn deliver(&self, message: &OutgoingMessage) -> Result<(), DeliveryError> {
        match message.channel {
            Channel::Email => self.email(message).await,
            Channel::Sms => self.sms(message).await,
            Channel::Dialogmelding => self.dialogmelding(message).await,
        }
    }
}

/// SMTP's reason without anything of the message.
fn smtp_reason(e: &lettre::transport::smtp::Error) -> String {
    if e.is_transient() {
        "the server asked to try again later".into()
    } else if e.is_permanent() {
        "the server refused the message".into()
    } else {
        "the server could not be reached".into()
    }
}

async fn write_file(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Result<(), DeliveryError> {
    crate::private::create_dir(dir)
        .map_err(|e| DeliveryError(format!("the mail folder: {}", e.kind())))?;
    crate::private::write(&dir.join(name), bytes)
        .await
        .map_err(|e| DeliveryError(format!("the mail folder: {}", e.kind())))
}

/// What one delivery pass did.
#[derive(Debug, Default, Clone, Copy)]
pub struct DeliveryReport {
    pub sent: u64,
    pub failed: u64,
}

/// Delivers what is due in the outbox at `now`, one message at a time: claim, send,
/// record. A failure is recorded with a back-off and the pass goes on.
/// The claimed message with its subject and text in the recipient's language (decision
/// 0028); a message stored with its words (from before) as it is.
fn worded(
    claimed: &carepath_store::outbox::Claimed,
    content: Option<&Content>,
) -> carepath_domain::message::OutgoingMessage {
    let mut message = claimed.message.clone();
    if let (Some(content), Some((_, lang))) = (content, &claimed.content) {
        let (subject, body) = carepath_i18n::message(content, message.channel, *lang);
        message.subject = subject;
        message.body = body;
    }
    message
}

pub async fn deliver_outbox(
    store: &Store,
    notifier: &impl Notifier,
    clock: &dyn Clock,
) -> anyhow::Result<DeliveryReport> {
    let mut report = DeliveryReport::default();
    for _ in 0..PER_PASS {
        let Some(claimed) = store
            .claim_message(clock.now(), Duration::minutes(LEASE_MINUTES))
            .await?
        else {
            break;
        };
        let content = match &claimed.content {
            Some((c, _)) => Some(carepath_app::course::as_sent(store, c, clock.now()).await?),
            None => None,
        };
        let mut message = worded(&claimed, content.as_ref());
        // A letter's text is its Hodemelding, kept with the letter.
        let letter = match &claimed.content {
            Some((Content::Letter { letter }, _)) => {
                if let Ok(id) = letter.parse() {
                    let xml = store.letter_message(id).await?.unwrap_or_default();
                    message.body = String::from_utf8(xml).unwrap_or_default();
                }
                Some(letter.clone())
            }
            _ => None,
        };
        match notifier.deliver(&message).await {
            Ok(()) => {
                store.message_sent(&claimed.id, clock.now()).await?;
                if let Some(letter) = letter {
                    carepath_app::letter::delivered(store, &letter, clock.now()).await?;
                }
                report.sent += 1;
            }
            Err(e) => {
                store.message_failed(&claimed, clock.now(), &e.0).await?;
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_letter_is_dropped_whole_and_readable_by_the_service_account_only() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
        let delivery =
            Delivery::from_config(&Config::for_tests(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        let message = OutgoingMessage {
            channel: Channel::Dialogmelding,
            recipient: "123456".into(),
            subject: String::new(),
            body: "<MsgHead>æøå</MsgHead>".into(),
            message_id: "0190aaaa-bbbb".into(),
        };
        delivery
            .deliver(&message)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        // A retry replaces the file: still one.
        delivery
            .deliver(&message)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let folder = dir.path().join("dialogmelding");
        let names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|f| f.ok().map(|f| f.file_name().to_string_lossy().into_owned()))
            .collect();
        assert_eq!(
            names,
            ["0190aaaa-bbbb.xml"],
            "one whole file, nothing partial"
        );
        let file = folder.join("0190aaaa-bbbb.xml");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap_or_default(),
            message.body
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode.ok(), Some(0o600));
            let dir_mode = std::fs::metadata(&folder).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(dir_mode.ok(), Some(0o700));
        }
        let empty = OutgoingMessage {
            body: String::new(),
            ..message
        };
        assert!(
            delivery.deliver(&empty).await.is_err(),
            "no message, no file"
        );
    }
}
