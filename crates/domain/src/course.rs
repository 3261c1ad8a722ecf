//! Courses for health professionals (decision 0040): a course is a package of parts; an
//! e-learning part has lessons (video, reading, reflection questions, literature), a day
//! part an agenda of timed sessions. A part may require others to be completed first.
//! Every duration is added up here from the lessons and sessions: the course has no field
//! for a total, so a typed total can never disagree with its content.

use crate::LocalizedText;

pub mod certificate;
pub mod offering;
pub mod participation;

/// A course: a stable key and its imported versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    pub id: crate::Id<Course>,
    /// The stable key from `course.toml`, e.g. `digital-hjemmeoppfolging`.
    pub key: String,
}

/// One imported, immutable version of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseVersion {
    pub id: crate::Id<CourseVersion>,
    pub course_id: crate::Id<Course>,
    /// 1, 2, ... in the order imported.
    pub number: i64,
    pub definition: CourseDefinition,
}

/// A course as its package describes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CourseDefinition {
    pub key: String,
    pub version: String,
    pub title: LocalizedText,
    /// What the course is for, in a few sentences.
    pub purpose: LocalizedText,
    /// Who it is for.
    pub audience: LocalizedText,
    /// Credit points per profession, as approved by whom.
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// Learning-objective codes of the specialist training (such as `ALM 004`).
    #[serde(default)]
    pub objectives: Vec<String>,
    pub parts: Vec<PartDefinition>,
}

/// Credit points for one profession.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Credit {
    /// Who gets them, as written (for example "Allmennmedisin").
    pub profession: LocalizedText,
    pub points: f64,
    /// Who approved them (for example "Norsk Sykepleierforbund").
    pub approved_by: String,
}

/// One part of a course.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PartDefinition {
    pub key: String,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    /// Parts that must be completed before this one opens (keys).
    #[serde(default)]
    pub requires: Vec<String>,
    /// The questionnaire (its key in the package's `questionnaires/`) a participant
    /// answers to evaluate the part once it is complete (decision 0043).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<String>,
    pub content: PartContent,
}

/// What a part holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PartContent {
    /// Done alone or in a group, at one's own pace.
    Elearning { lessons: Vec<Lesson> },
    /// A day on site, organised locally: the agenda's sessions in order.
    Day { sessions: Vec<Session> },
}

/// One lesson of an e-learning part.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Lesson {
    pub key: String,
    pub title: LocalizedText,
    /// Markdown.
    pub body: LocalizedText,
    /// Minutes of video (0: none).
    #[serde(default)]
    pub video_minutes: u32,
    /// Minutes to read the text and answer the reflection questions.
    #[serde(default)]
    pub reading_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<crate::program::Video>,
    /// Answered in free text; the lesson is done when they are.
    #[serde(default)]
    pub reflections: Vec<LocalizedText>,
    #[serde(default)]
    pub literature: Vec<Reference>,
}

impl Lesson {
    pub fn minutes(&self) -> u32 {
        self.video_minutes + self.reading_minutes
    }
}

/// A work on the literature list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One session of a day's agenda. The speaker and room are set by the local offering.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    pub key: String,
    pub title: LocalizedText,
    pub minutes: u32,
    /// Who typically gives it (for example "Sykepleier med erfaring fra
    /// hjemmeoppfølging"); the offering names the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_role: Option<LocalizedText>,
}

impl PartDefinition {
    /// Minutes of the part, added up from its lessons or sessions.
    pub fn minutes(&self) -> u32 {
        match &self.content {
            PartContent::Elearning { lessons } => lessons.iter().map(Lesson::minutes).sum(),
            PartContent::Day { sessions } => sessions.iter().map(|s| s.minutes).sum(),
        }
    }

    /// Minutes of video in the part.
    pub fn video_minutes(&self) -> u32 {
        match &self.content {
            PartContent::Elearning { lessons } => lessons.iter().map(|l| l.video_minutes).sum(),
            PartContent::Day { .. } => 0,
        }
    }

    pub fn lessons(&self) -> &[Lesson] {
        match &self.content {
            PartContent::Elearning { lessons } => lessons,
            PartContent::Day { .. } => &[],
        }
    }

    pub fn is_day(&self) -> bool {
        matches!(self.content, PartContent::Day { .. })
    }

    /// The parts this one waits for, of those not in `completed` (keys).
    pub fn waiting_for<'a>(&'a self, completed: &[&str]) -> Vec<&'a str> {
        self.requires
            .iter()
            .map(String::as_str)
            .filter(|r| !completed.contains(r))
            .collect()
    }
}

impl CourseDefinition {
    /// Minutes of the whole course, added up from its parts.
    pub fn minutes(&self) -> u32 {
        self.parts.iter().map(PartDefinition::minutes).sum()
    }

    pub fn part(&self, key: &str) -> Option<&PartDefinition> {
        self.parts.iter().find(|p| p.key == key)
    }

    /// What is wrong with the definition, each as a sentence for the person importing
    /// it: keys missing or repeated, a part requiring one that does not exist or itself
    /// (directly or through others), a part without content, a session of no minutes.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.parts.is_empty() {
            out.push("the course has no parts".to_owned());
        }
        let mut seen: Vec<&str> = Vec::new();
        for p in &self.parts {
            if seen.contains(&p.key.as_str()) {
                out.push(format!("part `{}` appears twice", p.key));
            }
            seen.push(&p.key);
            for r in &p.requires {
                if self.part(r).is_none() {
                    out.push(format!(
                        "part `{}` requires `{r}`, which is not a part",
                        p.key
                    ));
                }
            }
            match &p.content {
                PartContent::Elearning { lessons } if lessons.is_empty() => {
                    out.push(format!("part `{}` has no lessons", p.key));
                }
                PartContent::Day { sessions } if sessions.is_empty() => {
                    out.push(format!("part `{}` has no sessions", p.key));
                }
                PartContent::Day { sessions } => {
                    for s in sessions.iter().filter(|s| s.minutes == 0) {
                        out.push(format!(
                            "session `{}` of part `{}` has no minutes",
                            s.key, p.key
                        ));
                    }
                }
                PartContent::Elearning { lessons } => {
                    for l in lessons.iter().filter(|l| l.minutes() == 0) {
                        out.push(format!(
                            "lesson `{}` of part `{}` has no minutes",
                            l.key, p.key
                        ));
                    }
                }
            }
        }
        for p in &self.parts {
            if self.requires_itself(p) {
                out.push(format!(
                    "part `{}` requires itself through other parts",
                    p.key
                ));
            }
        }
        out
    }

    fn requires_itself(&self, start: &PartDefinition) -> bool {
        let mut stack: Vec<&str> = start.requires.iter().map(String::as_str).collect();
        let mut visited: Vec<&str> = Vec::new();
        while let Some(k) = stack.pop() {
            if k == start.key {
                return true;
            }
            if visited.contains(&k) {
                continue;
            }
            visited.push(k);
            if let Some(p) = self.part(k) {
                stack.extend(p.requires.iter().map(String::as_str));
            }
        }
        false
    }
}

/// Minutes as whole hours and minutes, for showing ("3 t 55 min").
pub fn hours_and_minutes(minutes: u32) -> (u32, u32) {
    (minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(key: &str, video: u32, reading: u32) -> Lesson {
        Lesson {
            key: key.into(),
            title: LocalizedText::nb(key),
            body: LocalizedText::nb(""),
            video_minutes: video,
            reading_minutes: reading,
            video: None,
            reflections: vec![],
            literature: vec![],
        }
    }

    fn course() -> CourseDefinition {
        CourseDefinition {
            key: "k".into(),
            version: "1".into(),
            title: LocalizedText::nb("Kurs"),
            purpose: LocalizedText::nb(""),
            audience: LocalizedText::nb(""),
            credits: vec![],
            objectives: vec!["ALM 004".into()],
            parts: vec![
                PartDefinition {
                    evaluation: None,
                    key: "del-1".into(),
                    title: LocalizedText::nb("Del 1"),
                    summary: LocalizedText::nb(""),
                    requires: vec![],
                    content: PartContent::Elearning {
                        lessons: vec![lesson("a", 45, 10), lesson("b", 15, 5)],
                    },
                },
                PartDefinition {
                    evaluation: None,
                    key: "del-2".into(),
                    title: LocalizedText::nb("Del 2"),
                    summary: LocalizedText::nb(""),
                    requires: vec!["del-1".into()],
                    content: PartContent::Day {
                        sessions: vec![
                            Session {
                                key: "x".into(),
                                title: LocalizedText::nb("x"),
                                minutes: 90,
                                speaker_role: None,
                            },
                            Session {
                                key: "y".into(),
                                title: LocalizedText::nb("y"),
                                minutes: 30,
                                speaker_role: None,
                            },
                        ],
                    },
                },
            ],
        }
    }

    #[test]
    fn durations_add_up_from_the_content() {
        let c = course();
        assert_eq!(c.parts[0].minutes(), 75);
        assert_eq!(c.parts[0].video_minutes(), 60);
        assert_eq!(c.parts[1].minutes(), 120);
        assert_eq!(c.minutes(), 195);
        assert_eq!(hours_and_minutes(c.minutes()), (3, 15));
    }

    #[test]
    fn a_part_waits_for_the_parts_it_requires() {
        let c = course();
        assert_eq!(c.parts[1].waiting_for(&[]), ["del-1"]);
        assert!(c.parts[1].waiting_for(&["del-1"]).is_empty());
        assert!(c.parts[0].waiting_for(&[]).is_empty());
    }

    #[test]
    fn problems_are_found_and_a_good_course_has_none() {
        let mut c = course();
        assert!(c.problems().is_empty(), "{:?}", c.problems());
        c.parts[0].requires = vec!["del-2".into()];
        assert!(c.problems().iter().any(|p| p.contains("requires itself")));
        c.parts[0].requires = vec!["del-3".into()];
        assert!(c.problems().iter().any(|p| p.contains("`del-3`")));
        c.parts[0].requires.clear();
        if let PartContent::Day { sessions } = &mut c.parts[1].content {
            sessions[0].minutes = 0;
        }
        assert!(c.problems().iter().any(|p| p.contains("no minutes")));
    }
}
