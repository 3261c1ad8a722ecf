//! Secure messaging between a patient and the care team of an enrollment: what a program
//! allows, when a patient's message must be answered (in working days), and which files
//! may be attached (checked by content, with location data removed from photos).

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Oslo;

/// Who may write in a program's threads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// The patient and the team write to each other.
    TwoWay,
    /// Only the team writes; the patient reads.
    OneWay,
    /// No messages.
    #[default]
    Off,
}

/// A program's messaging rules (`[messaging]` in `program.toml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessagingRules {
    #[serde(default)]
    pub mode: Mode,
    /// How many working days the team has to answer a patient's message; an alert is
    /// raised when one waits longer. None: no answer time is promised.
    #[serde(default)]
    pub answer_within_working_days: Option<u32>,
}

impl MessagingRules {
    pub fn patient_may_write(&self) -> bool {
        self.mode == Mode::TwoWay
    }

    pub fn team_may_write(&self) -> bool {
        self.mode != Mode::Off
    }
}

/// The most a message body may hold, in characters.
pub const MAX_BODY_CHARS: usize = 5000;

/// The largest attachment accepted: 10 MiB.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// At most this many attachments on one message.
pub const MAX_ATTACHMENTS: usize = 3;

/// Why a message cannot be sent as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("the message is empty")]
    Empty,
    #[error("the message is longer than {MAX_BODY_CHARS} characters")]
    TooLong,
}

/// The message text, trimmed and checked: not empty (unless it carries an attachment),
/// not over [`MAX_BODY_CHARS`].
pub fn body(text: &str, has_attachment: bool) -> Result<String, BodyError> {
    let text = text.trim();
    if text.is_empty() && !has_attachment {
        return Err(BodyError::Empty);
    }
    if text.chars().count() > MAX_BODY_CHARS {
        return Err(BodyError::TooLong);
    }
    Ok(text.replace("\r\n", "\n"))
}

/// The kinds of file a message may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Jpeg,
    Png,
    Pdf,
}

impl FileKind {
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Pdf => "application/pdf",
        }
    }

    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Pdf => "pdf",
        }
    }

    pub fn parse(media_type: &str) -> Option<Self> {
        [FileKind::Jpeg, FileKind::Png, FileKind::Pdf]
            .into_iter()
            .find(|k| k.media_type() == media_type)
    }

    pub fn is_image(self) -> bool {
        self != FileKind::Pdf
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is larger than 10 MiB")]
    TooLarge,
    #[error("only photos (JPEG, PNG) and PDF documents can be attached")]
    NotAllowed,
    #[error("the file is damaged and cannot be read")]
    Damaged,
    #[error("at most {MAX_ATTACHMENTS} files can be attached to one message")]
    TooMany,
}

/// Checks an uploaded file by its content (never by its name or the type the browser
/// claims) and returns its kind and the bytes to store: a photo without its location and
/// other metadata (EXIF, XMP, IPTC, comments, PNG text), keeping only how it is turned.
pub fn clean_file(bytes: &[u8]) -> Result<(FileKind, Vec<u8>), FileError> {
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(FileError::TooLarge);
    }
    let kind = match infer::get(bytes).map(|t| t.mime_type()) {
        Some("image/jpeg") => FileKind::Jpeg,
        Some("image/png") => FileKind::Png,
        Some("application/pdf") => FileKind::Pdf,
        _ => return Err(FileError::NotAllowed),
    };
    let cleaned = match kind {
        FileKind::Jpeg => clean_jpeg(bytes)?,
        FileKind::Png => clean_png(bytes)?,
        FileKind::Pdf => bytes.to_vec(),
    };
    Ok((kind, cleaned))
}

fn clean_jpeg(bytes: &[u8]) -> Result<Vec<u8>, FileError> {
    use img_parts::ImageEXIF;
    use img_parts::jpeg::{Jpeg, markers};
    let mut jpeg = Jpeg::from_bytes(bytes.to_vec().into()).map_err(|_| FileError::Damaged)?;
    let orientation = jpeg.exif().and_then(|raw| orientation(raw.to_vec()));
    // APP1 (EXIF, XMP), APP3-APP13 (IPTC and makers' notes), APP15 and comments; kept:
    // APP0 (JFIF), APP2 (colour profile), APP14 (colour transform).
    jpeg.segments_mut().retain(|s| {
        let m = s.marker();
        !(m == markers::APP1 || (markers::APP3..=markers::APP13).contains(&m))
            && m != markers::APP15
            && m != markers::COM
    });
    if let Some(o) = orientation.filter(|o| *o != 1) {
        jpeg.set_exif(Some(orientation_only(o).into()));
    }
    Ok(jpeg.encoder().bytes().to_vec())
}

fn clean_png(bytes: &[u8]) -> Result<Vec<u8>, FileError> {
    use img_parts::png::Png;
    let mut png = Png::from_bytes(bytes.to_vec().into()).map_err(|_| FileError::Damaged)?;
    png.chunks_mut()
        .retain(|c| !matches!(&c.kind(), b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME"));
    Ok(png.encoder().bytes().to_vec())
}

/// The EXIF orientation (1-8) of a photo's raw EXIF block.
fn orientation(raw: Vec<u8>) -> Option<u16> {
    let exif = exif::Reader::new().read_raw(raw).ok()?;
    let field = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?;
    match field.value.get_uint(0)? {
        o @ 1..=8 => u16::try_from(o).ok(),
        _ => None,
    }
}

/// An EXIF block that says only how the photo is turned.
fn orientation_only(o: u16) -> Vec<u8> {
    let field = exif::Field {
        tag: exif::Tag::Orientation,
        ifd_num: exif::In::PRIMARY,
        value: exif::Value::Short(vec![o]),
    };
    let mut writer = exif::experimental::Writer::new();
    writer.push_field(&field);
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing to memory does not fail.
    let _ = writer.write(&mut out, false);
    out.into_inner()
}

/// The public holidays that are not working days, from a data file (`data/holidays-no.txt`:
/// one `YYYY-MM-DD name` per line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holidays(Vec<NaiveDate>);

impl Holidays {
    /// Norway's public holidays, shipped with carepath.
    pub fn norway() -> Self {
        Self::parse(include_str!("../data/holidays-no.txt"))
    }

    /// Reads the data file's lines; anything that is not a date is ignored.
    pub fn parse(text: &str) -> Self {
        let mut days: Vec<NaiveDate> = text
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .collect();
        days.sort();
        days.dedup();
        Self(days)
    }

    /// The last day the file knows.
    pub fn last(&self) -> Option<NaiveDate> {
        self.0.last().copied()
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && self.0.binary_search(&day).is_err()
    }

    /// When a message sent at `sent` must be answered to be answered within `days` working
    /// days: the end of the `days`-th working day after the day it was sent (Norwegian
    /// time). A message sent on a Friday with three days is due by the end of Wednesday.
    pub fn answer_due(&self, sent: DateTime<Utc>, days: u32) -> DateTime<Utc> {
        let mut day = sent.with_timezone(&Oslo).date_naive();
        let mut left = days;
        while left > 0 {
            day = day + Days::new(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        let next = day + Days::new(1);
        let midnight = next.and_hms_opt(0, 0, 0).unwrap_or_default();
        Oslo.from_local_datetime(&midnight)
            .earliest()
            .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn three_working_days_skip_the_weekend_and_easter() {
        let h = Holidays::norway();
        // Friday 4 December 2026, afternoon: Monday, Tuesday, Wednesday -> end of Wednesday.
        assert_eq!(
            h.answer_due(at("2026-12-04T15:00:00+01:00"), 3),
            at("2026-12-10T00:00:00+01:00")
        );
        // Wednesday 1 April 2026: Thursday to Monday are Easter holidays and a weekend.
        assert_eq!(
            h.answer_due(at("2026-04-01T10:00:00+02:00"), 3),
            at("2026-04-10T00:00:00+02:00")
        );
        // Christmas Eve 2026 (Thursday): 25 and 26 December and the weekend are free.
        assert_eq!(
            h.answer_due(at("2026-12-24T09:00:00+01:00"), 1),
            at("2026-12-29T00:00:00+01:00")
        );
        // Late in the evening counts as that day in Norway, not the next in UTC.
        assert_eq!(
            h.answer_due(at("2026-12-07T23:30:00+01:00"), 1),
            at("2026-12-09T00:00:00+01:00")
        );
    }

    #[test]
    fn the_holiday_file_reaches_two_years_ahead() {
        let last = Holidays::norway().last().unwrap_or_default();
        let today = Utc::now().date_naive();
        assert!(
            last >= today + Days::new(730),
            "data/holidays-no.txt ends {last}: add the coming years"
        );
    }

    #[test]
    fn a_body_is_trimmed_and_bounded() {
        assert_eq!(body("  hei \r\n", false), Ok("hei".into()));
        assert_eq!(body("   ", false), Err(BodyError::Empty));
        assert_eq!(body("", true), Ok(String::new()));
        assert_eq!(
            body(&"x".repeat(MAX_BODY_CHARS + 1), false),
            Err(BodyError::TooLong)
        );
    }

    /// A tiny JPEG with an EXIF block holding a GPS position and orientation 6.
    fn jpeg_with_location() -> Vec<u8> {
        let gps = exif::Field {
            tag: exif::Tag::GPSLatitude,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Rational(vec![(59, 1).into(), (54, 1).into(), (0, 1).into()]),
        };
        let turn = exif::Field {
            tag: exif::Tag::Orientation,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Short(vec![6]),
        };
        let mut w = exif::experimental::Writer::new();
        w.push_field(&gps);
        w.push_field(&turn);
        let mut raw = std::io::Cursor::new(Vec::new());
        w.write(&mut raw, false).ok();
        let raw = raw.into_inner();
        // SOI, APP1 "Exif\0\0" + TIFF, a comment, EOI: enough for the container.
        let mut out = vec![0xFF, 0xD8];
        let app1_len = u16::try_from(2 + 6 + raw.len()).unwrap_or_default();
        out.extend([0xFF, 0xE1]);
        out.extend(app1_len.to_be_bytes());
        out.extend(b"Exif\0\0");
        out.extend(&raw);
        out.extend([0xFF, 0xFE, 0x00, 0x07]);
        out.extend(b"Oslo!");
        out.extend([0xFF, 0xD9]);
        out
    }

    #[test]
    fn a_photo_loses_its_location_and_keeps_its_turn() {
        let original = jpeg_with_location();
        assert!(original.windows(5).any(|w| w == b"Oslo!"));
        let (kind, cleaned) = clean_file(&original).unwrap_or((FileKind::Pdf, Vec::new()));
        assert_eq!(kind, FileKind::Jpeg);
        assert!(!cleaned.windows(5).any(|w| w == b"Oslo!"), "comment kept");
        use img_parts::ImageEXIF;
        let jpeg = img_parts::jpeg::Jpeg::from_bytes(cleaned.into()).ok();
        let raw = jpeg.and_then(|j| j.exif()).map(|b| b.to_vec());
        let exif = raw.and_then(|r| exif::Reader::new().read_raw(r).ok());
        let exif = exif.as_ref();
        assert!(
            exif.and_then(|e| e.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY))
                .is_none(),
            "location kept"
        );
        assert_eq!(
            exif.and_then(|e| e.get_field(exif::Tag::Orientation, exif::In::PRIMARY))
                .and_then(|f| f.value.get_uint(0)),
            Some(6)
        );
    }

    #[test]
    fn files_are_judged_by_content_not_name() {
        assert_eq!(
            clean_file(b"%PDF-1.4\n%%EOF\n").map(|r| r.0),
            Ok(FileKind::Pdf)
        );
        assert_eq!(
            clean_file(b"MZ\x90\x00 an executable").map(|r| r.0),
            Err(FileError::NotAllowed)
        );
        assert_eq!(
            clean_file(b"<html>hello</html>").map(|r| r.0),
            Err(FileError::NotAllowed)
        );
        assert_eq!(
            clean_file(&vec![0u8; MAX_ATTACHMENT_BYTES + 1]).map(|r| r.0),
            Err(FileError::TooLarge)
        );
        // A JPEG's start and then nothing that is a JPEG.
        assert_eq!(
            clean_file(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00]).map(|r| r.0),
            Err(FileError::Damaged)
        );
    }

    #[test]
    fn programs_say_who_writes() {
        let rules: MessagingRules =
            toml::from_str("mode = \"two-way\"\nanswer_within_working_days = 3\n")
                .unwrap_or_default();
        assert!(rules.patient_may_write() && rules.team_may_write());
        let one: MessagingRules = toml::from_str("mode = \"one-way\"").unwrap_or_default();
        assert!(!one.patient_may_write() && one.team_may_write());
        assert!(!MessagingRules::default().team_may_write());
    }
}
