//! A course certificate (decision 0042): issued once a participant has completed every
//! part, with a random verification code printed on it. Anyone holding the paper can
//! check it at `/bevis/{code}`, which shows what the certificate says and nothing more.
//! The code is 16 characters of base32 (80 random bits), printed in groups of four.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Course, CourseVersion};
use crate::Id;
use crate::user::UserAccount;

/// Characters in a verification code.
pub const CODE_LEN: usize = 16;

/// An issued certificate. What it says about the course comes from the version it was
/// issued under, which never changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub id: Id<Certificate>,
    pub course_id: Id<Course>,
    pub version_id: Id<CourseVersion>,
    pub user_id: Id<UserAccount>,
    /// The participant's name when it was issued.
    pub name: String,
    /// The day the course was completed (the day on site attended last).
    pub completed_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
}

/// A code as typed, in the form it was issued in (upper case, no spaces or hyphens);
/// `None` when it cannot be a code.
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.chars().all(|c| matches!(c, 'A'..='Z' | '2'..='7')))
        .then_some(code)
}

/// A code as printed: `ABCD-EFGH-IJKL-MNOP`.
pub fn print_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_however_it_is_typed_and_nothing_else_is() {
        let code = "ABCDEFGHIJKLMN23";
        assert_eq!(print_code(code), "ABCD-EFGH-IJKL-MN23");
        assert_eq!(normalise_code("abcd-efgh ijkl-mn23").as_deref(), Some(code));
        assert_eq!(normalise_code(&print_code(code)).as_deref(), Some(code));
        assert_eq!(normalise_code("ABCDEFGHIJKLMN2"), None, "too short");
        assert_eq!(normalise_code("ABCDEFGHIJKLMN28"), None, "8 is not base32");
        assert_eq!(normalise_code("ABCDEFGHIJKLMN23X"), None, "too long");
    }
}
