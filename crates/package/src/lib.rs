//! Program packages: a folder or .zip with `program.toml`, `terms.md`,
//! `modules/<module>/<NN-page>.md`, `questionnaires/*.json`, `scoring/*.json` and `media/`.
//!
//! [`load`] validates a whole package and reports every problem at once, each with the
//! file, the line where known, and what is wrong. Nothing is stored here: the store
//! imports a [`Package`] in one transaction, so a broken package leaves no trace.
//! The format is described in `docs/program-packages.md`.

mod course;
mod files;
mod manifest;
mod page;

use std::fmt;

use carepath_domain::program::ProgramDefinition;
use carepath_fhir::Questionnaire;
use carepath_fhir::scoring::ScoringDefinition;
use sha2::{Digest, Sha256};

pub use course::{CoursePackage, MANIFEST as COURSE_MANIFEST, load_course};
pub use files::{PackageFiles, ReadError};

/// A validated package, ready to import.
#[derive(Debug, Clone)]
pub struct Package {
    pub definition: ProgramDefinition,
    pub questionnaires: Vec<PackageQuestionnaire>,
    pub media: Vec<MediaFile>,
    /// SHA-256 over every file: equal hashes mean an unchanged package.
    pub content_hash: String,
    /// What is imported but not acted on (FHIRPath expressions carepath does not
    /// evaluate yet), one line per item, for the person importing to read.
    pub notes: Vec<String>,
}

/// A questionnaire of the package, keyed by its file stem, with its scoring
/// (`scoring/<key>.json`) when it has one.
#[derive(Debug, Clone)]
pub struct PackageQuestionnaire {
    pub key: String,
    pub questionnaire: Questionnaire,
    pub scoring: Option<ScoringDefinition>,
}

/// A media file (image, video, captions, audio).
#[derive(Clone)]
pub struct MediaFile {
    /// The path below `media/`, e.g. `tarm.svg`.
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

impl fmt::Debug for MediaFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MediaFile")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// One thing wrong with a package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The media types a package may hold, by file extension.
pub fn media_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt",
        "mp3" => "audio/mpeg",
        _ => return None,
    })
}

/// Validates a package. Returns every problem found, sorted by file and line.
pub fn load(files: &PackageFiles) -> Result<Package, Vec<Problem>> {
    let mut problems = Vec::new();
    let media = collect_media(files, &mut problems);
    let mut questionnaires = collect_questionnaires(files, &mut problems);
    attach_scoring(files, &mut questionnaires, &mut problems);
    let definition = manifest::read(files, &questionnaires, &media, &mut problems);
    match definition {
        Some(definition) if problems.is_empty() => Ok(Package {
            definition,
            notes: questionnaire_notes(&questionnaires),
            questionnaires,
            media,
            content_hash: content_hash(files),
        }),
        _ => {
            problems.sort();
            problems.dedup();
            Err(problems)
        }
    }
}

fn content_hash(files: &PackageFiles) -> String {
    let mut hasher = Sha256::new();
    for (path, bytes) in files.iter() {
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hex::encode(hasher.finalize())
}

fn collect_media(files: &PackageFiles, problems: &mut Vec<Problem>) -> Vec<MediaFile> {
    let mut media = Vec::new();
    for (path, bytes) in files.iter() {
        let Some(name) = path.strip_prefix("media/") else {
            continue;
        };
        let Some(content_type) = media_type(name) else {
            problems.push(Problem::new(
                path,
                None,
                "unsupported media type; use svg, png, jpg, webp, mp4, webm, vtt or mp3",
            ));
            continue;
        };
        if content_type == "image/svg+xml" {
            let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
            if text.contains("<script") || text.contains("javascript:") || has_event_handler(&text)
            {
                problems.push(Problem::new(
                    path,
                    None,
                    "SVG images must not contain scripts or event handlers",
                ));
            }
        }
        media.push(MediaFile {
            name: name.to_owned(),
            content_type,
            bytes: bytes.clone(),
            sha256: hex::encode(Sha256::digest(bytes)),
        });
    }
    media
}

fn has_event_handler(lower_svg: &str) -> bool {
    lower_svg.match_indices(" on").any(|(i, _)| {
        let rest = &lower_svg[i + 3..];
        let name_len = rest.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        name_len > 0 && rest[name_len..].trim_start().starts_with('=')
    })
}

pub(crate) fn collect_questionnaires(
    files: &PackageFiles,
    problems: &mut Vec<Problem>,
) -> Vec<PackageQuestionnaire> {
    let mut out = Vec::new();
    for (path, bytes) in files.iter() {
        let Some(name) = path.strip_prefix("questionnaires/") else {
            continue;
        };
        let Some(key) = name.strip_suffix(".json") else {
            problems.push(Problem::new(
                path,
                None,
                "questionnaires/ holds only FHIR Questionnaire .json files",
            ));
            continue;
        };
        match serde_json::from_slice::<Questionnaire>(bytes) {
            Ok(q) => {
                for problem in q.check() {
                    problems.push(Problem::new(path, None, problem.to_string()));
                }
                out.push(PackageQuestionnaire {
                    key: key.to_owned(),
                    questionnaire: q,
                    scoring: None,
                });
            }
            Err(e) => problems.push(Problem::new(
                path,
                Some(e.line()),
                format!("not a valid FHIR Questionnaire: {e}"),
            )),
        }
    }
    out
}

/// The expressions of each questionnaire that carepath keeps but does not evaluate;
/// calculated items its scoring definition fills are not among them.
fn questionnaire_notes(questionnaires: &[PackageQuestionnaire]) -> Vec<String> {
    questionnaires
        .iter()
        .flat_map(|q| {
            let filled: Vec<&str> = q
                .scoring
                .iter()
                .flat_map(|s| s.scores.iter().filter_map(|r| r.link_id.as_deref()))
                .collect();
            q.questionnaire
                .unevaluated(&filled)
                .into_iter()
                .map(|u| format!("questionnaires/{}.json: {u}", q.key))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Reads `scoring/<key>.json` for the questionnaire `questionnaires/<key>.json`, checking it
/// against that questionnaire.
fn attach_scoring(
    files: &PackageFiles,
    questionnaires: &mut [PackageQuestionnaire],
    problems: &mut Vec<Problem>,
) {
    for (path, bytes) in files.iter() {
        let Some(name) = path.strip_prefix("scoring/") else {
            continue;
        };
        let Some(key) = name.strip_suffix(".json") else {
            problems.push(Problem::new(
                path,
                None,
                "scoring/ holds only scoring definitions, <questionnaire>.json (docs/scoring.md)",
            ));
            continue;
        };
        let definition = match serde_json::from_slice::<ScoringDefinition>(bytes) {
            Ok(d) => d,
            Err(e) => {
                problems.push(Problem::new(
                    path,
                    Some(e.line()),
                    format!("not a valid scoring definition: {e}"),
                ));
                continue;
            }
        };
        let Some(q) = questionnaires.iter_mut().find(|q| q.key == key) else {
            problems.push(Problem::new(
                path,
                None,
                format!("there is no questionnaires/{key}.json for this scoring"),
            ));
            continue;
        };
        for problem in definition.check(&q.questionnaire) {
            problems.push(Problem::new(path, None, problem.to_string()));
        }
        q.scoring = Some(definition);
    }
}

#[cfg(test)]
mod tests;

/// A file of activity codes (`content/activity-codes/{year}.toml`, or a hospital's own):
/// each text one year's list, checked together (decision 0035).
///
/// # Errors
/// What is wrong, with the TOML parser's line and column when it is the syntax.
pub fn activity_codes(
    texts: &[&str],
) -> Result<carepath_domain::activity::CodeLists, carepath_domain::activity::BadCodeList> {
    use carepath_domain::activity::{BadCodeList, CodeLists};
    let read = texts
        .iter()
        .map(|t| toml::from_str(t).map_err(|e: toml::de::Error| BadCodeList(e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    CodeLists::new(read)
}

/// The activity codes carepath ships (placeholders beside the codes known to be in use).
pub const SHIPPED_ACTIVITY_CODES: &[&str] =
    &[include_str!("../../../content/activity-codes/2026.toml")];

/// A procedure form (decision 0052): its definition and its questionnaire, checked
/// together.
#[derive(Debug, Clone)]
pub struct ProcedureFormFiles {
    pub definition: carepath_domain::procedure::ProcedureForm,
    pub questionnaire: carepath_fhir::Questionnaire,
}

/// Reads a procedure form from its definition (TOML) and its questionnaire (FHIR JSON):
/// the questionnaire must pass its checks, and every item the definition names must be
/// one of its questions, with each answer it counts among the item's options.
///
/// # Errors
/// Every problem, in words for the operator.
pub fn procedure_form(definition: &str, questionnaire: &str) -> Result<ProcedureFormFiles, String> {
    let definition: carepath_domain::procedure::ProcedureForm =
        toml::from_str(definition).map_err(|e| e.to_string())?;
    let questionnaire: carepath_fhir::Questionnaire =
        serde_json::from_str(questionnaire).map_err(|e| e.to_string())?;
    let mut problems: Vec<String> = questionnaire
        .check()
        .iter()
        .map(|p| format!("{p:?}"))
        .collect();
    if definition.codes.is_empty() {
        problems.push("the procedure has no code".into());
    }
    let mut check = |item: &str, answers: &[String]| {
        let Some(found) = questionnaire.find(item).filter(|i| i.is_question()) else {
            problems.push(format!("no question {item}"));
            return;
        };
        let options: Vec<String> = questionnaire
            .options(found)
            .into_iter()
            .filter_map(|o| o.value_coding.and_then(|c| c.code))
            .collect();
        for a in answers.iter().filter(|a| !options.contains(a)) {
            problems.push(format!("{item} has no answer {a}"));
        }
    };
    for i in &definition.indicators {
        check(&i.item, &i.answers);
        if let Some(c) = &i.among {
            check(&c.item, &c.answers);
        }
    }
    if let Some(c) = &definition.complication {
        check(&c.item, std::slice::from_ref(&c.none));
    }
    if problems.is_empty() {
        Ok(ProcedureFormFiles {
            definition,
            questionnaire,
        })
    } else {
        Err(problems.join("; "))
    }
}

/// The procedure forms carepath ships: endoscopic ultrasound.
pub const SHIPPED_PROCEDURE_FORMS: &[(&str, &str)] = &[(
    include_str!("../../../content/procedures/endoskopisk-ultralyd.toml"),
    include_str!("../../../content/procedures/endoskopisk-ultralyd.json"),
)];

/// The shipped procedure forms, read and checked (a test keeps them readable).
pub fn shipped_procedure_forms() -> Vec<ProcedureFormFiles> {
    SHIPPED_PROCEDURE_FORMS
        .iter()
        .filter_map(|(d, q)| procedure_form(d, q).ok())
        .collect()
}
