//! Questionnaires carepath did not write: HL7's official FHIR R4 examples, from the
//! `hl7.fhir.r4.examples` package on the npm registry (installed into
//! `tests/conformance/node_modules` by `cargo xtask test`). They import, round-trip
//! unchanged, render as forms, validate and score.

use std::path::PathBuf;

use carepath_fhir::response::ProblemKind;
use carepath_fhir::scoring::ScoringDefinition;
use carepath_fhir::{Answer, FormAnswers, Questionnaire, QuestionnaireResponse};

fn examples() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/conformance/node_modules/hl7.fhir.r4.examples");
    assert!(
        dir.join("package.json").exists(),
        "the HL7 examples are missing: run `cargo xtask test`, or `npm ci` in tests/conformance"
    );
    dir
}

fn json(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(examples().join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn questionnaire(name: &str) -> (serde_json::Value, Questionnaire) {
    let original = json(name);
    let q: Questionnaire = serde_json::from_value(original.clone()).unwrap();
    (original, q)
}

#[test]
fn every_official_example_questionnaire_round_trips_unchanged() {
    let mut seen = 0;
    for entry in std::fs::read_dir(examples()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !(name.starts_with("Questionnaire-") && name.ends_with(".json")) {
            continue;
        }
        let (original, q) = questionnaire(&name);
        assert_eq!(serde_json::to_value(&q).unwrap(), original, "{name}");
        seen += 1;
    }
    assert!(seen >= 7, "found {seen} example questionnaires");
}

#[test]
fn nested_groups_and_enable_when_of_the_birth_record() {
    let (_, q) = questionnaire("Questionnaire-bb.json");
    assert_eq!(q.check(), vec![]);
    // The official example response has three mistakes of its own; each is named.
    let official: QuestionnaireResponse =
        serde_json::from_value(json("QuestionnaireResponse-bb.json")).unwrap();
    let mut found: Vec<(String, ProblemKind)> = official
        .validate(&q)
        .into_iter()
        .map(|p| (p.link_id, p.kind))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        found,
        vec![
            ("sex".into(), ProblemKind::NotAnOption),
            ("vitaminKDose1".into(), ProblemKind::UnknownItem),
            ("vitaminKDose2".into(), ProblemKind::UnknownItem),
        ],
        "codes are case-sensitive (f is not F) and the doses are vitaminiKDose1/2 in the questionnaire"
    );

    // The same answers through the form: the doses sit under the answer that opens them.
    let mut form = FormAnswers::new();
    for (k, v) in [
        ("nameOfChild", "Cathy Jones"),
        ("sex", "F"),
        ("birthWeight", "3,25"),
        ("vitaminKgiven", "INJECTION"),
        ("vitaminiKDose1", "1972-11-30T10:00"),
        ("hepBgiven", "true"),
        ("hepBgivenDate", "1972-12-04"),
    ] {
        form.insert(k.into(), vec![v.into()]);
    }
    let r = QuestionnaireResponse::from_form(&q, &form, "2026-11-23T08:00:00Z")
        .unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(r.validate(&q), vec![]);
    let body = serde_json::to_value(&r).unwrap();
    let vitamin = &body["item"][0]["item"][1]["item"][1];
    assert_eq!(vitamin["linkId"], "vitaminKgiven");
    assert_eq!(
        vitamin["answer"][0]["item"][0]["item"][0]["answer"][0]["valueDateTime"],
        "1972-11-30T10:00:00+01:00",
        "Norwegian time, with its offset"
    );

    // Without a vitamin K answer its doses are off: the form drops them, the API refuses them.
    form.remove("vitaminKgiven");
    let r = QuestionnaireResponse::from_form(&q, &form, "2026-11-23T08:00:00Z").unwrap();
    assert!(!r.answers_by_link_id().contains_key("vitaminiKDose1"));
    let mut posted = body.clone();
    posted["item"][0]["item"][1]["item"][1]["answer"][0]["valueCoding"]["code"] = "ORAL".into();
    let ok: QuestionnaireResponse = serde_json::from_value(posted).unwrap();
    assert_eq!(ok.validate(&q), vec![]);
}

#[test]
fn the_glasgow_coma_scale_is_scored_from_its_contained_value_sets() {
    let (_, q) = questionnaire("Questionnaire-gcs.json");
    assert_eq!(q.check(), vec![]);
    let scoring: ScoringDefinition =
        serde_json::from_str(include_str!("../fixtures/gcs-scoring.json")).unwrap();
    assert_eq!(scoring.check(&q), vec![]);
    let official: QuestionnaireResponse =
        serde_json::from_value(json("QuestionnaireResponse-gcs.json")).unwrap();
    // The example names the questionnaire `Questionnaire/gcs`; its answers fit.
    assert_eq!(official.validate(&q), vec![]);
    let scores = scoring.score(&q, &official);
    assert_eq!(
        scores[0].value,
        Some(13.0),
        "confused 4 + localizing 5 + eyes open 4"
    );
    assert_eq!(scores[0].band.as_ref().unwrap().0, "mild");

    let mut form = FormAnswers::new();
    form.insert("1.1".into(), vec!["LA6557-8".into()]);
    form.insert("1.2".into(), vec!["LA6563-6".into()]);
    form.insert("1.3".into(), vec!["LA6553-7".into()]);
    let r = QuestionnaireResponse::from_form(&q, &form, "2026-11-23T08:00:00Z").unwrap();
    let scores = scoring.score(&q, &r);
    assert_eq!(scores[0].value, Some(4.0));
    assert_eq!(scores[0].band.as_ref().unwrap().0, "severe");
    form.insert("1.3".into(), vec!["LA6562-8".into()]);
    let problems = QuestionnaireResponse::from_form(&q, &form, "2026-11-23T08:00:00Z").unwrap_err();
    assert_eq!(problems[0].link_id, "1.3");
    assert_eq!(
        problems[0].kind,
        ProblemKind::NotAnOption,
        "a motor code for the eyes"
    );
}

#[test]
fn quantities_and_chains_of_conditions_in_the_zika_assessment() {
    let (_, q) = questionnaire("Questionnaire-zika-virus-exposure-assessment.json");
    assert_eq!(q.check(), vec![]);
    let form = |pairs: &[(&str, &str)]| {
        let f: FormAnswers = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), vec![(*v).to_owned()]))
            .collect();
        QuestionnaireResponse::from_form(&q, &f, "2026-11-23T08:00:00Z")
    };
    let r = form(&[("1", "false"), ("2", "true"), ("3", "3")]).unwrap();
    assert!(matches!(
        r.answers_by_link_id()["3"][0],
        Answer::ValueQuantity(ref v) if v.value == 3.0
    ));
    // A resident (1 = true) is not asked about travel; the later answers are dropped.
    let r = form(&[("1", "true"), ("2", "true"), ("3", "3")]).unwrap();
    assert_eq!(r.answers_by_link_id().len(), 1);
    let posted: QuestionnaireResponse = serde_json::from_value(serde_json::json!({
        "resourceType": "QuestionnaireResponse", "questionnaire": q.canonical(), "status": "completed",
        "item": [{"linkId": "1", "answer": [{"valueBoolean": true}]},
                 {"linkId": "3", "answer": [{"valueQuantity": {"value": 2, "unit": "wk"}}]}]
    }))
    .unwrap();
    let problems = posted.validate(&q);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].link_id.as_str(), &problems[0].kind),
        ("3", &ProblemKind::Disabled)
    );
}
