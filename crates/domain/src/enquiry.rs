//! Enquiries from health professionals (issue 18, decision 0048): a question sent from a
//! program's public page to a unit that runs it, landing on that unit's worklist until
//! someone handles it, and counted per year. The form says not to write about patients;
//! an enquiry is not a patient's record and is in no patient's access log.

use chrono::{DateTime, Utc};

use crate::Id;
use crate::organization::Unit;
use crate::user::UserAccount;

/// The longest name, profession, workplace or contact.
pub const FIELD_MAX: usize = 200;
/// The shortest and longest question, in characters.
pub const MESSAGE: std::ops::RangeInclusive<usize> = 10..=2000;

/// An enquiry as typed on the public form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnquiryForm {
    pub name: String,
    pub profession: String,
    pub workplace: String,
    /// An e-mail address or a phone number to answer to.
    pub contact: String,
    pub message: String,
}

/// What is wrong with a form (all at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnquiryProblem {
    Name,
    Profession,
    Workplace,
    Contact,
    Message,
}

/// The form checked and trimmed: every problem at once.
pub fn check(form: &EnquiryForm) -> Result<EnquiryForm, Vec<EnquiryProblem>> {
    let trimmed = EnquiryForm {
        name: form.name.trim().to_owned(),
        profession: form.profession.trim().to_owned(),
        workplace: form.workplace.trim().to_owned(),
        contact: form.contact.trim().to_owned(),
        message: form.message.trim().to_owned(),
    };
    let field = |s: &str| !s.is_empty() && s.chars().count() <= FIELD_MAX;
    let mut problems = Vec::new();
    if !field(&trimmed.name) {
        problems.push(EnquiryProblem::Name);
    }
    if !field(&trimmed.profession) {
        problems.push(EnquiryProblem::Profession);
    }
    if trimmed.workplace.chars().count() > FIELD_MAX {
        problems.push(EnquiryProblem::Workplace);
    }
    let contact = &trimmed.contact;
    let phone = contact.chars().filter(char::is_ascii_digit).count().ge(&8)
        && contact
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if !(field(contact) && (phone || crate::patient::email_address(contact).is_some())) {
        problems.push(EnquiryProblem::Contact);
    }
    if !MESSAGE.contains(&trimmed.message.chars().count()) {
        problems.push(EnquiryProblem::Message);
    }
    if problems.is_empty() {
        Ok(trimmed)
    } else {
        Err(problems)
    }
}

/// An enquiry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enquiry {
    pub id: Id<Enquiry>,
    pub unit_id: Id<Unit>,
    /// The program's key whose page it was sent from.
    pub program: String,
    pub form: EnquiryForm,
    pub received_at: DateTime<Utc>,
    /// Who handled it, when, and what they wrote, once handled.
    pub handled: Option<(Id<UserAccount>, DateTime<Utc>, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EnquiryForm {
        EnquiryForm {
            name: " Lege Lise ".into(),
            profession: "Fastlege".into(),
            workplace: "".into(),
            contact: "lise@legekontor.example".into(),
            message: "Kan pasienter over 70 år være med i programmet?".into(),
        }
    }

    #[test]
    fn an_enquiry_needs_a_name_a_way_to_answer_and_a_question() {
        let ok = check(&form()).expect("valid");
        assert_eq!(ok.name, "Lege Lise");
        let phone = EnquiryForm {
            contact: "+47 55 00 00 00".into(),
            ..form()
        };
        assert!(check(&phone).is_ok());
        let bad = EnquiryForm {
            name: " ".into(),
            contact: "ring meg".into(),
            message: "Hei".into(),
            workplace: "x".repeat(FIELD_MAX + 1),
            ..form()
        };
        assert_eq!(
            check(&bad),
            Err(vec![
                EnquiryProblem::Name,
                EnquiryProblem::Workplace,
                EnquiryProblem::Contact,
                EnquiryProblem::Message
            ])
        );
    }
}
