//! Tests of package validation with small in-memory packages.

use super::*;

const MANIFEST: &str = r#"key = "demo-program"
version = "2026.1"
title = { nb = "Demoprogram", en = "Demo program" }
summary = "Et lite program"
duration_months = 6

[eligibility]
min_age = 18
exception_min_age = 16
too_young_message = "For ung"
exception_message = "Venter"

[[eligibility.exclusion_questions]]
key = "eating-disorder"
question = "Har du en spiseforstyrrelse?"
stop_message = "Snakk med fastlegen"

[[modules]]
key = "om"
title = "Om"
summary = "Grunnleggende"
kind = "core"

[[modules]]
key = "valg"
title = "Valgfri"
summary = "Valgfri modul"
kind = "optional"

[[schedule]]
questionnaire = "start"
at = "0d"
required_before_modules = true
"#;

const QUESTIONNAIRE: &str = r#"{"resourceType": "Questionnaire", "url": "https://example.org/q/start", "version": "1",
  "status": "active", "item": [{"linkId": "a", "type": "integer", "required": true}]}"#;

fn page(title: &str, body: &str) -> Vec<u8> {
    format!("+++\ntitle = \"{title}\"\n+++\n\n{body}\n").into_bytes()
}

fn good() -> PackageFiles {
    PackageFiles::from_pairs([
        ("program.toml".to_owned(), MANIFEST.as_bytes().to_vec()),
        ("terms.md".to_owned(), b"# Vilkar".to_vec()),
        (
            "questionnaires/start.json".to_owned(),
            QUESTIONNAIRE.as_bytes().to_vec(),
        ),
        (
            "media/bilde.svg".to_owned(),
            b"<svg xmlns='http://www.w3.org/2000/svg'></svg>".to_vec(),
        ),
        (
            "modules/om/01-start.md".to_owned(),
            page("Start", "Hei ![En tarm](media/bilde.svg)"),
        ),
        (
            "modules/om/01-start.en.md".to_owned(),
            page("Start (en)", "Hello"),
        ),
        ("modules/om/02-mer.md".to_owned(), page("Mer", "Mer tekst")),
        ("modules/valg/01-valg.md".to_owned(), page("Valg", "Tekst")),
    ])
}

#[test]
fn a_good_package_loads_with_pages_in_order_and_translations() {
    let package = load(&good()).unwrap();
    let def = &package.definition;
    assert_eq!(def.key, "demo-program");
    assert_eq!(def.modules.len(), 2);
    let pages: Vec<&str> = def.modules[0]
        .pages
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(pages, ["01-start", "02-mer"]);
    assert_eq!(
        def.modules[0].pages[0].title.get(carepath_domain::Lang::En),
        "Start (en)"
    );
    assert_eq!(def.gate_questionnaire().unwrap().questionnaire, "start");
    assert_eq!(package.media.len(), 1);
    assert_eq!(package.media[0].content_type, "image/svg+xml");
}

#[test]
fn the_content_hash_changes_when_any_file_changes() {
    let a = load(&good()).unwrap().content_hash;
    let mut files = good();
    files.insert("modules/om/02-mer.md", page("Mer", "Endret tekst"));
    assert_ne!(a, load(&files).unwrap().content_hash);
    assert_eq!(a, load(&good()).unwrap().content_hash);
}

#[test]
fn a_broken_package_reports_every_problem_with_file_and_line() {
    let mut files = good();
    files.insert(
        "program.toml",
        MANIFEST.replace("questionnaire = \"start\"", "questionnaire = \"missing\""),
    );
    files.insert(
        "modules/om/02-mer.md",
        page("Mer", "Se ![](media/finnes-ikke.png)"),
    );
    files.insert("modules/ukjent/01-x.md", page("X", "y"));
    files.insert(
        "questionnaires/bad.json",
        b"{\n  \"resourceType\": \"Questionnaire\",\n  oops\n}".to_vec(),
    );
    files.insert("media/evil.svg", b"<svg onload='alert(1)'></svg>".to_vec());
    files.insert("modules/valg/notes.txt", b"x".to_vec());
    files.remove("terms.md");
    let problems = load(&files).unwrap_err();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(
        has("program.toml:31: schedule names questionnaire `missing`"),
        "{text:#?}"
    );
    assert!(
        has("modules/om/02-mer.md:5: image `media/finnes-ikke.png` does not exist"),
        "{text:#?}"
    );
    assert!(
        has("modules/om/02-mer.md:5: image without alt text"),
        "{text:#?}"
    );
    assert!(
        has("modules/ukjent/01-x.md: module folder `ukjent` is not listed"),
        "{text:#?}"
    );
    assert!(
        has("questionnaires/bad.json:3: not a valid FHIR Questionnaire"),
        "{text:#?}"
    );
    assert!(
        has("media/evil.svg: SVG images must not contain scripts"),
        "{text:#?}"
    );
    assert!(
        has("modules/valg/notes.txt: page folders hold only .md pages"),
        "{text:#?}"
    );
    assert!(has("terms.md: missing"), "{text:#?}");
    assert!(problems.len() >= 8);
}

#[test]
fn audio_needs_an_mp3_in_media_and_a_transcript() {
    let mut files = good();
    files.insert("media/pust.mp3", b"ID3".to_vec());
    files.insert(
        "modules/om/02-mer.md",
        b"+++\ntitle = \"Lytt\"\naudio = { src = \"media/pust.mp3\", transcript = \"Pust rolig inn.\" }\n+++\nTekst\n".to_vec(),
    );
    let package = load(&files).unwrap();
    let audio = package.definition.modules[0].pages[1]
        .audio
        .clone()
        .unwrap();
    assert_eq!(audio.transcript, "Pust rolig inn.");

    files.insert(
        "modules/om/02-mer.md",
        b"+++\ntitle = \"Lytt\"\naudio = { src = \"media/borte.mp3\", transcript = \" \" }\n+++\nTekst\n".to_vec(),
    );
    let text: Vec<String> = load(&files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        text.iter()
            .any(|t| t.contains("audio `media/borte.mp3` does not exist")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|t| t.contains("audio needs a transcript")),
        "{text:#?}"
    );
}

#[test]
fn toml_syntax_errors_point_at_their_line() {
    let mut files = good();
    files.insert(
        "program.toml",
        MANIFEST.replace("duration_months = 6", "duration_months = \"six\""),
    );
    let problems = load(&files).unwrap_err();
    assert_eq!(problems[0].file, "program.toml");
    assert_eq!(problems[0].line, Some(5), "{problems:?}");
}

#[test]
fn front_matter_and_unknown_fields_are_checked() {
    let mut files = good();
    files.insert("modules/om/02-mer.md", b"Ingen front matter".to_vec());
    files.insert(
        "program.toml",
        MANIFEST.replace(
            "duration_months = 6",
            "duration_months = 6\ncolour = \"red\"",
        ),
    );
    let text: Vec<String> = load(&files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        text.iter().any(|t| t.contains("unknown field `colour`")),
        "{text:#?}"
    );
}

#[test]
fn a_zip_with_one_top_folder_reads_like_the_folder() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("pakke.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    for (path, bytes) in good().iter() {
        writer
            .start_file(
                format!("pakke/{path}"),
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
    let from_zip = PackageFiles::read(&zip_path).unwrap();
    assert_eq!(
        load(&from_zip).unwrap().content_hash,
        load(&good()).unwrap().content_hash
    );
}

#[test]
fn a_folder_reads_with_slash_paths_and_skips_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in good().iter() {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    std::fs::write(dir.path().join(".DS_Store"), b"junk").unwrap();
    let files = PackageFiles::read(dir.path()).unwrap();
    assert!(files.contains("modules/om/01-start.md"));
    assert!(load(&files).is_ok());
}

#[test]
fn the_shipped_ibs_school_package_is_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/ibs-school");
    let package = load(&PackageFiles::read(&dir).unwrap()).unwrap_or_else(|p| {
        panic!(
            "{}",
            p.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let def = &package.definition;
    let core = def
        .modules
        .iter()
        .filter(|m| m.kind == carepath_domain::program::ModuleKind::Core)
        .count();
    assert_eq!((core, def.modules.len()), (3, 5));
    assert!(
        def.modules.iter().all(|m| m.pages.len() >= 2),
        "several pages per module"
    );
    let text = |key: &str| {
        let q = package
            .questionnaires
            .iter()
            .find(|q| q.key == key)
            .unwrap_or_else(|| panic!("questionnaires/{key}.json"));
        assert!(q.scoring.is_some() || key == "bristol", "{key} is scored");
        serde_json::to_string(&q.questionnaire).unwrap()
    };
    for licensed in ["ibs-symptomskaar", "tilfredshet"] {
        assert!(
            text(licensed).contains("placeholder-text"),
            "{licensed}: licensed structure, marked as placeholder wording"
        );
    }
    for free in ["phq-9", "gad-7"] {
        let t = text(free);
        assert!(
            t.contains(r#""language":"en""#) && t.contains("No permission required"),
            "{free}"
        );
    }
    assert!(text("bristol").contains("bristol-7.svg"));
    assert!(text("ukedagbok").contains("enableWhen"));
    assert!(
        package.notes.is_empty(),
        "every calculated item is filled: {:?}",
        package.notes
    );
}

#[test]
fn a_scoring_definition_is_attached_to_its_questionnaire_and_checked_against_it() {
    let scoring = r#"{"questionnaire": "https://example.org/q/start|1",
        "scores": [{"code": "total", "title": "Sum", "items": [{"linkId": "a"}],
                    "bands": [{"from": 0, "code": "low", "label": "Lav"}]}]}"#;
    let mut files = good();
    files.insert("scoring/start.json", scoring.as_bytes().to_vec());
    let package = load(&files).unwrap();
    let start = package
        .questionnaires
        .iter()
        .find(|q| q.key == "start")
        .unwrap();
    assert_eq!(start.scoring.as_ref().unwrap().scores[0].code, "total");

    let mut files = good();
    files.insert(
        "scoring/start.json",
        scoring.replace("\"a\"", "\"b\"").into_bytes(),
    );
    files.insert("scoring/ingen.json", scoring.as_bytes().to_vec());
    files.insert(
        "scoring/feil.json",
        b"{\n  \"questionnaire\": 1,\n}".to_vec(),
    );
    let text: Vec<String> = load(&files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(
        has("scoring/start.json: Score `total` names item `b`"),
        "{text:#?}"
    );
    assert!(
        has("scoring/ingen.json: there is no questionnaires/ingen.json"),
        "{text:#?}"
    );
    assert!(
        has("scoring/feil.json:2: not a valid scoring definition"),
        "{text:#?}"
    );
}

#[test]
fn alert_rules_must_name_what_the_program_has() {
    let mut files = good();
    let rules = MANIFEST.replacen(
        "duration_months = 6\n",
        "duration_months = 6\nmeasurements = [\"spo2\"]\n",
        1,
    ) + "\n[[missing_data]]\nmeasurement = \"vekt\"\ndays = 0\ncolour = \"blue\"\n\n[[score_rules]]\nscore = \"finnes-ikke\"\nred_bands = [\"high\"]\n";
    files.insert("program.toml", rules.into_bytes());
    let text: Vec<String> = load(&files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    for expected in [
        "missing_data names `vekt`, which is not in measurements",
        "days must be 1 or more",
        "colour must be \"yellow\" or \"red\", found \"blue\"",
        "score_rules name the score `finnes-ikke`",
    ] {
        assert!(
            text.iter().any(|t| t.contains(expected)),
            "{expected}: {text:#?}"
        );
    }
}

#[test]
fn group_courses_name_a_questionnaire_score_and_bands_the_package_has() {
    let mut files = good();
    let named = |text: &str| {
        let mut files = good();
        files.insert(
            "program.toml",
            format!("{MANIFEST}\n[group_courses]\n{text}\n").into_bytes(),
        );
        load(&files)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    let text = named(
        "satisfaction = \"finnes-ikke\"\nrecommend_score = \"x\"\nrecommend_bands = [\"ja\"]",
    );
    assert!(
        text.iter()
            .any(|t| t.contains("satisfaction names `finnes-ikke`")),
        "{text:#?}"
    );
    let text = named("satisfaction = \"start\"\nrecommend_score = \"x\"\nrecommend_bands = []");
    assert!(
        text.iter()
            .any(|t| t.contains("recommend_score `x` is not a score of scoring/start.json")),
        "{text:#?}"
    );
    files.insert(
        "program.toml",
        format!("{MANIFEST}\n[group_courses]\nsatisfaction = \"start\"\n").into_bytes(),
    );
    assert!(load(&files).is_err(), "the score and bands are required");
}

#[test]
fn public_pages_are_read_and_the_referrers_page_must_exist() {
    let mut files = good();
    files.insert(
        "public/01-om.md",
        b"+++\ntitle = \"Om programmet\"\n+++\n\nTekst.\n".to_vec(),
    );
    files.insert(
        "public/01-om.en.md",
        b"+++\ntitle = \"About\"\n+++\n\nText.\n".to_vec(),
    );
    files.insert(
        "program.toml",
        format!("{MANIFEST}\n[public]\nreferrers = \"01-om\"\n").into_bytes(),
    );
    let package = load(&files).unwrap();
    let public = &package.definition.public;
    assert_eq!(public.pages.len(), 1);
    assert_eq!(
        public.pages[0].title.get(carepath_domain::Lang::En),
        "About"
    );
    assert_eq!(public.referrers.as_deref(), Some("01-om"));
    files.insert(
        "program.toml",
        format!("{MANIFEST}\n[public]\nreferrers = \"02-borte\"\n").into_bytes(),
    );
    let text: Vec<String> = load(&files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        text.iter().any(
            |t| t.contains("referrers names `02-borte`, but public/02-borte.md does not exist")
        ),
        "{text:#?}"
    );
}

#[test]
fn the_shipped_procedure_forms_are_read_and_a_wrong_answer_is_named() {
    for (d, q) in crate::SHIPPED_PROCEDURE_FORMS {
        crate::procedure_form(d, q).expect("a shipped procedure form");
    }
    let (d, q) = crate::SHIPPED_PROCEDURE_FORMS[0];
    let wrong = d.replace("answers = [\"ja\"]\n", "answers = [\"kanskje\"]\n");
    let err = crate::procedure_form(&wrong, q).unwrap_err();
    assert!(err.contains("fullfort has no answer kanskje"), "{err}");
    let err =
        crate::procedure_form(&d.replace("item = \"alvorlighet\"", "item = \"x\""), q).unwrap_err();
    assert!(err.contains("no question x"), "{err}");
}
