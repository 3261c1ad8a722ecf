//! Taking a course (decision 0042): a participant registers for the course with their
//! profession, workplace and region; does the e-learning lessons, each done when every
//! reflection question has an answer (the answers are theirs alone); books a seat at a
//! local offering of a day part once the parts it requires are done; and the organiser
//! marks them present on the day, which completes that part.

use super::{CourseDefinition, PartContent, PartDefinition};

/// A participant's profession, as a code (its name comes from the language files,
/// `profession-{code}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profession {
    Doctor,
    Nurse,
    Physiotherapist,
    OccupationalTherapist,
    Dietitian,
    HealthSecretary,
    Other,
}

impl Profession {
    pub const ALL: [Profession; 7] = [
        Self::Doctor,
        Self::Nurse,
        Self::Physiotherapist,
        Self::OccupationalTherapist,
        Self::Dietitian,
        Self::HealthSecretary,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Doctor => "doctor",
            Self::Nurse => "nurse",
            Self::Physiotherapist => "physiotherapist",
            Self::OccupationalTherapist => "occupational-therapist",
            Self::Dietitian => "dietitian",
            Self::HealthSecretary => "health-secretary",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// The longest workplace.
pub const WORKPLACE_MAX: usize = 200;
/// The longest answer to one reflection question.
pub const ANSWER_MAX: usize = 4000;

/// Who a participant is, as they registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub profession: Profession,
    pub workplace: String,
    pub region: crate::region::Region,
}

/// Why a registration, an answer or a booking was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParticipationProblem {
    /// The workplace is empty or too long.
    Workplace,
    /// A reflection question has no answer, or an answer is too long.
    Answers,
    /// No such lesson in the course's e-learning parts.
    NoLesson,
    /// The part still waits for these parts (keys) to be completed.
    Waiting(Vec<String>),
    /// Not registered for the course.
    NotRegistered,
    /// The part is not complete yet, so it cannot be evaluated.
    NotComplete,
    /// The part was evaluated already: the first evaluation stands.
    Evaluated,
    /// A name for a new account is empty or too long.
    Name,
    /// Not an e-mail address.
    Email,
}

/// A request for a participant account checked (decision 0044): the name trimmed, and
/// the e-mail address, which becomes the username, in lower case.
/// Every problem is returned at once.
pub fn check_account_request(
    name: &str,
    email: &str,
) -> Result<(String, String), Vec<ParticipationProblem>> {
    let name = name.trim();
    let mut problems = Vec::new();
    if name.is_empty() || name.chars().count() > 200 {
        problems.push(ParticipationProblem::Name);
    }
    let email = crate::patient::email_address(email).map(|e| e.to_lowercase());
    match email {
        Some(email) if problems.is_empty() => Ok((name.to_owned(), email)),
        Some(_) => Err(problems),
        None => {
            problems.push(ParticipationProblem::Email);
            Err(problems)
        }
    }
}

impl Profile {
    pub fn check(&self) -> Result<(), ParticipationProblem> {
        let w = self.workplace.trim();
        if w.is_empty() || w.chars().count() > WORKPLACE_MAX {
            return Err(ParticipationProblem::Workplace);
        }
        Ok(())
    }
}

/// Checks the answers to a lesson's `questions` reflection questions: one each, none
/// blank, none too long.
pub fn check_answers(questions: usize, answers: &[String]) -> Result<(), ParticipationProblem> {
    if answers.len() != questions
        || answers
            .iter()
            .any(|a| a.trim().is_empty() || a.chars().count() > ANSWER_MAX)
    {
        return Err(ParticipationProblem::Answers);
    }
    Ok(())
}

/// What a participant has done in one course: the lessons they finished (part key,
/// lesson key) and the day parts they attended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub lessons: Vec<(String, String)>,
    pub attended: Vec<String>,
}

impl Progress {
    pub fn lesson_done(&self, part: &str, lesson: &str) -> bool {
        self.lessons.iter().any(|(p, l)| p == part && l == lesson)
    }

    /// Lessons done of the part's lessons (0 of 0 for a day part).
    pub fn lessons_done(&self, part: &PartDefinition) -> usize {
        part.lessons()
            .iter()
            .filter(|l| self.lesson_done(&part.key, &l.key))
            .count()
    }

    /// Whether the part is complete: every lesson done, or the day attended.
    pub fn part_done(&self, part: &PartDefinition) -> bool {
        match &part.content {
            PartContent::Elearning { lessons } => {
                lessons.iter().all(|l| self.lesson_done(&part.key, &l.key))
            }
            PartContent::Day { .. } => self.attended.contains(&part.key),
        }
    }

    /// The keys of the parts complete.
    pub fn completed<'a>(&self, course: &'a CourseDefinition) -> Vec<&'a str> {
        course
            .parts
            .iter()
            .filter(|p| self.part_done(p))
            .map(|p| p.key.as_str())
            .collect()
    }

    /// Whether the part is open to the participant: `Err` names the parts it waits for.
    pub fn opens(
        &self,
        course: &CourseDefinition,
        part: &PartDefinition,
    ) -> Result<(), ParticipationProblem> {
        let done = self.completed(course);
        let waiting = part.waiting_for(&done);
        if waiting.is_empty() {
            Ok(())
        } else {
            Err(ParticipationProblem::Waiting(
                waiting.into_iter().map(str::to_owned).collect(),
            ))
        }
    }

    /// Whether the whole course is complete.
    pub fn course_done(&self, course: &CourseDefinition) -> bool {
        course.parts.iter().all(|p| self.part_done(p))
    }
}

/// Where a booking of a seat at an offering stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatStatus {
    Place,
    Waiting,
    Cancelled,
}

impl SeatStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Place => "place",
            Self::Waiting => "waiting",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Place, Self::Waiting, Self::Cancelled]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_request_needs_a_name_and_an_address() {
        assert_eq!(
            check_account_request("  Kari Nordmann ", " Kari@Example.NO "),
            Ok(("Kari Nordmann".to_owned(), "kari@example.no".to_owned()))
        );
        assert_eq!(
            check_account_request(" ", "kari@example.no"),
            Err(vec![ParticipationProblem::Name])
        );
        assert_eq!(
            check_account_request(&"x".repeat(201), "kari"),
            Err(vec![
                ParticipationProblem::Name,
                ParticipationProblem::Email
            ])
        );
        for bad in ["", "kari", "kari@", "kari@example", "ka ri@example.no"] {
            assert_eq!(
                check_account_request("Kari", bad),
                Err(vec![ParticipationProblem::Email]),
                "{bad}"
            );
        }
    }
    use crate::LocalizedText;
    use crate::course::{Lesson, Session};

    fn course() -> CourseDefinition {
        let lesson = |key: &str| Lesson {
            key: key.into(),
            title: LocalizedText::nb(key),
            body: LocalizedText::nb(""),
            video_minutes: 10,
            reading_minutes: 5,
            video: None,
            reflections: vec![LocalizedText::nb("?")],
            literature: vec![],
        };
        CourseDefinition {
            key: "k".into(),
            version: "1".into(),
            title: LocalizedText::nb("Kurs"),
            purpose: LocalizedText::nb(""),
            audience: LocalizedText::nb(""),
            credits: vec![],
            objectives: vec![],
            parts: vec![
                PartDefinition {
                    evaluation: None,
                    key: "del-1".into(),
                    title: LocalizedText::nb("Del 1"),
                    summary: LocalizedText::nb(""),
                    requires: vec![],
                    content: PartContent::Elearning {
                        lessons: vec![lesson("a"), lesson("b")],
                    },
                },
                PartDefinition {
                    evaluation: None,
                    key: "del-2".into(),
                    title: LocalizedText::nb("Del 2"),
                    summary: LocalizedText::nb(""),
                    requires: vec!["del-1".into()],
                    content: PartContent::Day {
                        sessions: vec![Session {
                            key: "x".into(),
                            title: LocalizedText::nb("x"),
                            minutes: 60,
                            speaker_role: None,
                        }],
                    },
                },
            ],
        }
    }

    #[test]
    fn the_day_opens_when_every_lesson_is_done_and_completes_when_attended() {
        let c = course();
        let mut p = Progress::default();
        assert_eq!(
            p.opens(&c, &c.parts[1]),
            Err(ParticipationProblem::Waiting(vec!["del-1".into()]))
        );
        p.lessons.push(("del-1".into(), "a".into()));
        assert_eq!(p.lessons_done(&c.parts[0]), 1);
        assert!(
            p.opens(&c, &c.parts[1]).is_err(),
            "half of part 1 is not enough"
        );
        p.lessons.push(("del-1".into(), "b".into()));
        assert_eq!(p.opens(&c, &c.parts[1]), Ok(()));
        assert_eq!(p.completed(&c), ["del-1"]);
        assert!(!p.course_done(&c));
        p.attended.push("del-2".into());
        assert!(p.course_done(&c));
    }

    #[test]
    fn every_reflection_needs_an_answer() {
        assert_eq!(check_answers(2, &["a".into(), "b".into()]), Ok(()));
        assert!(check_answers(2, &["a".into()]).is_err());
        assert!(check_answers(2, &["a".into(), "  ".into()]).is_err());
        assert!(check_answers(1, &["x".repeat(ANSWER_MAX + 1)]).is_err());
        assert_eq!(check_answers(0, &[]), Ok(()), "a lesson without questions");
    }

    #[test]
    fn a_profile_needs_a_workplace() {
        let mut p = Profile {
            profession: Profession::Nurse,
            workplace: "Fjell legesenter".into(),
            region: crate::region::Region::parse("46").unwrap(),
        };
        assert_eq!(p.check(), Ok(()));
        p.workplace = " ".into();
        assert_eq!(p.check(), Err(ParticipationProblem::Workplace));
        assert_eq!(Profession::parse("nurse"), Some(Profession::Nurse));
        assert_eq!(Profession::parse("nope"), None);
    }
}
