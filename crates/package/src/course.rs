//! Course packages (decision 0040): a folder or .zip with `course.toml`,
//! `lessons/<key>.md` and the evaluations' `questionnaires/<key>.json` (decision 0043). [`load_course`] checks everything at once and reports every problem
//! with its file and line, as [`crate::load`] does for programs.

use carepath_domain::LocalizedText;
use carepath_domain::course::{
    CourseDefinition, Credit, Lesson, PartContent, PartDefinition, Reference, Session,
};
use serde::Deserialize;
use toml::Spanned;

use crate::manifest::line_of;
use crate::{PackageFiles, Problem};

/// The manifest that makes a folder a course package (a program has `program.toml`).
pub const MANIFEST: &str = "course.toml";

/// A course package's files as `course.toml` describes them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    key: Spanned<String>,
    version: String,
    title: LocalizedText,
    purpose: LocalizedText,
    audience: LocalizedText,
    #[serde(default)]
    objectives: Vec<String>,
    #[serde(default)]
    credits: Vec<Credit>,
    parts: Vec<PartManifest>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartManifest {
    key: Spanned<String>,
    title: LocalizedText,
    summary: LocalizedText,
    kind: Spanned<String>,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    evaluation: Option<Spanned<String>>,
    #[serde(default)]
    lessons: Vec<LessonManifest>,
    #[serde(default)]
    sessions: Vec<Session>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonManifest {
    key: Spanned<String>,
    title: LocalizedText,
    #[serde(default)]
    video_minutes: u32,
    #[serde(default)]
    reading_minutes: u32,
    #[serde(default)]
    reflections: Vec<LocalizedText>,
    #[serde(default)]
    literature: Vec<Reference>,
}

/// A checked course package, ready to import.
#[derive(Debug, Clone)]
pub struct CoursePackage {
    pub definition: CourseDefinition,
    /// The evaluation questionnaires (`questionnaires/<key>.json`), named by the parts.
    pub questionnaires: Vec<crate::PackageQuestionnaire>,
    /// The hash of every file: an unchanged package imports as nothing new.
    pub content_hash: String,
}

/// Reads and checks a course package: its manifest, a text for every lesson
/// (`lessons/<key>.md`), and the course's own rules (parts, what they require, minutes).
pub fn load_course(files: &PackageFiles) -> Result<CoursePackage, Vec<Problem>> {
    let mut problems = Vec::new();
    let Some(bytes) = files.get(MANIFEST) else {
        return Err(vec![Problem::new(
            MANIFEST,
            None,
            "missing: every course package needs a course.toml",
        )]);
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![Problem::new(MANIFEST, None, "not UTF-8 text")]);
    };
    let manifest: Manifest = match toml::from_str(text) {
        Ok(m) => m,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            return Err(vec![Problem::new(
                MANIFEST,
                line,
                e.message().trim().to_owned(),
            )]);
        }
    };
    let line = |s: &std::ops::Range<usize>| Some(line_of(text, s.start));
    let questionnaires = crate::collect_questionnaires(files, &mut problems);
    let mut parts = Vec::new();
    for p in manifest.parts {
        let content = match p.kind.get_ref().as_str() {
            "elearning" => {
                let mut lessons = Vec::new();
                for l in p.lessons {
                    let path = format!("lessons/{}.md", l.key.get_ref());
                    let body = match files.get(&path).map(std::str::from_utf8) {
                        Some(Ok(body)) if !body.trim().is_empty() => body.to_owned(),
                        Some(Ok(_)) => {
                            problems.push(Problem::new(&path, None, "the lesson's text is empty"));
                            String::new()
                        }
                        Some(Err(_)) => {
                            problems.push(Problem::new(&path, None, "not UTF-8 text"));
                            String::new()
                        }
                        None => {
                            problems.push(Problem::new(
                                MANIFEST,
                                line(&l.key.span()),
                                format!("lesson `{}` has no text: add {path}", l.key.get_ref()),
                            ));
                            String::new()
                        }
                    };
                    lessons.push(Lesson {
                        key: l.key.into_inner(),
                        title: l.title,
                        body: LocalizedText::nb(body),
                        video_minutes: l.video_minutes,
                        reading_minutes: l.reading_minutes,
                        video: None,
                        reflections: l.reflections,
                        literature: l.literature,
                    });
                }
                PartContent::Elearning { lessons }
            }
            "day" => PartContent::Day {
                sessions: p.sessions,
            },
            other => {
                problems.push(Problem::new(
                    MANIFEST,
                    line(&p.kind.span()),
                    format!("a part's kind is `elearning` or `day`, not `{other}`"),
                ));
                continue;
            }
        };
        if let Some(e) = &p.evaluation
            && !questionnaires.iter().any(|q| &q.key == e.get_ref())
        {
            problems.push(Problem::new(
                MANIFEST,
                line(&e.span()),
                format!(
                    "part `{}` is evaluated with `{}`: add questionnaires/{}.json",
                    p.key.get_ref(),
                    e.get_ref(),
                    e.get_ref()
                ),
            ));
        }
        parts.push(PartDefinition {
            key: p.key.into_inner(),
            title: p.title,
            summary: p.summary,
            requires: p.requires,
            evaluation: p.evaluation.map(Spanned::into_inner),
            content,
        });
    }
    let course = CourseDefinition {
        key: manifest.key.into_inner(),
        version: manifest.version,
        title: manifest.title,
        purpose: manifest.purpose,
        audience: manifest.audience,
        credits: manifest.credits,
        objectives: manifest.objectives,
        parts,
    };
    problems.extend(
        course
            .problems()
            .into_iter()
            .map(|m| Problem::new(MANIFEST, None, m)),
    );
    if problems.is_empty() {
        Ok(CoursePackage {
            definition: course,
            questionnaires,
            content_hash: crate::content_hash(files),
        })
    } else {
        problems.sort();
        problems.dedup();
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> PackageFiles {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../content/courses/digital-hjemmeoppfolging");
        PackageFiles::read(&dir).expect("the shipped course reads")
    }

    #[test]
    fn the_shipped_course_loads_and_its_durations_add_up() {
        let course = load_course(&shipped())
            .expect("the shipped course is valid")
            .definition;
        assert_eq!(course.parts.len(), 2);
        let part1 = &course.parts[0];
        assert_eq!(part1.lessons().len(), 7);
        assert!(part1.lessons().iter().all(|l| !l.reflections.is_empty()));
        // The seed's "about 45 minutes of video" is not what its seven videos add up to.
        assert_eq!(part1.video_minutes(), 220);
        assert_eq!(part1.minutes(), 310);
        assert_eq!(course.parts[1].minutes(), 300);
        assert_eq!(course.parts[1].waiting_for(&[]), ["del-1"]);
        assert!(course.objectives.iter().any(|o| o == "FKM LM 41"));
    }

    #[test]
    fn each_part_names_an_evaluation_the_package_ships() {
        let package = load_course(&shipped()).expect("the shipped course is valid");
        assert!(
            package
                .definition
                .parts
                .iter()
                .all(|p| p.evaluation.as_deref() == Some("evaluering"))
        );
        let q = &package.questionnaires[0].questionnaire;
        assert_eq!(package.questionnaires[0].key, "evaluering");
        assert!(q.find("anbefale").is_some_and(|i| i.type_ == "boolean"));

        let mut files = shipped();
        files.remove("questionnaires/evaluering.json");
        let all: Vec<String> = load_course(&files)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            all.iter().any(|p| p.contains(
                "part `del-1` is evaluated with `evaluering`: add questionnaires/evaluering.json"
            )),
            "{all:?}"
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_file() {
        let mut files = shipped();
        files.remove("lessons/teamarbeid.md");
        let text = String::from_utf8(files.get(MANIFEST).unwrap().to_vec()).unwrap();
        files.insert(
            MANIFEST,
            text.replace("kind = \"day\"", "kind = \"webinar\"")
                .replace("reading_minutes = 15\n", "reading_minutes = 0\n")
                .replace("video_minutes = 15\n", "video_minutes = 0\n"),
        );
        let problems = load_course(&files).unwrap_err();
        let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            all.iter().any(|p| p.contains("lessons/teamarbeid.md")),
            "{all:?}"
        );
        assert!(all.iter().any(|p| p.contains("`webinar`")), "{all:?}");
        assert!(
            all.iter()
                .any(|p| p.contains("lesson `hva-er-dho` of part `del-1` has no minutes")),
            "{all:?}"
        );
        assert!(all.iter().all(|p| p.starts_with("course.toml")), "{all:?}");
    }
}
