//! The shipped instruments carry their totals twice: as an SDC `calculatedExpression`
//! (for any FHIR form filler) and as carepath's scoring definition (which also knows
//! bands and missing items). For any complete set of answers the two agree.

use carepath_fhir::scoring::ScoringDefinition;
use carepath_fhir::sdc;
use carepath_fhir::{Answer, FormAnswers, Questionnaire, QuestionnaireResponse};
use proptest::prelude::*;

fn load(key: &str) -> (Questionnaire, ScoringDefinition) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/ibs-school");
    let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).expect("shipped file");
    let q = serde_json::from_str(&read(dir.join(format!("questionnaires/{key}.json"))))
        .expect("questionnaire");
    let s = serde_json::from_str(&read(dir.join(format!("scoring/{key}.json")))).expect("scoring");
    (q, s)
}

/// A complete answer set: the `n`-th option (or value in range) for every question.
fn answers(q: &Questionnaire, picks: &[usize]) -> FormAnswers {
    q.all_items()
        .into_iter()
        .filter(|i| i.is_question() && !i.is_read_only())
        .zip(picks.iter().cycle())
        .map(|(item, pick)| {
            let options = q.options(item);
            let value = if options.is_empty() {
                let (min, max) = (
                    item.min_value().unwrap_or(0.0) as usize,
                    item.max_value().unwrap_or(10.0) as usize,
                );
                (min + pick % (max - min + 1)).to_string()
            } else {
                options[pick % options.len()]
                    .answer()
                    .map(|a| a.form_value())
                    .unwrap_or_default()
            };
            (item.link_id.clone(), vec![value])
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_calculated_expressions_agree_with_the_scoring_definitions(picks in proptest::collection::vec(0usize..200, 1..40)) {
        for key in ["ibs-symptomskaar", "phq-9", "gad-7"] {
            let (q, scoring) = load(key);
            let response = QuestionnaireResponse::from_form(&q, &answers(&q, &picks), "2026-12-01T10:00:00Z");
            prop_assert!(response.is_ok(), "{key}: {:?}", response.err());
            let Ok(mut response) = response else { continue };
            let mut compared = 0;
            let computed = sdc::evaluate(&q, &mut response, &[]);
            prop_assert!(computed.failed.is_empty(), "{key}: {:?}", computed.failed);
            let scores = scoring.score(&q, &response);
            for (rule, score) in scoring.scores.iter().zip(&scores) {
                let Some(link_id) = &rule.link_id else { continue };
                let Some(calculated) = computed.calculated.iter().find(|c| &c.link_id == link_id) else { continue };
                let number = match &calculated.value {
                    Some(Answer::ValueInteger(i)) => Some(*i as f64),
                    Some(Answer::ValueDecimal(d)) => Some(*d),
                    _ => None,
                };
                prop_assert!(number.is_some(), "{key}: {link_id} has no number");
                prop_assert_eq!(number, score.value, "{}: {}", key, link_id);
                compared += 1;
            }
            prop_assert!(compared > 0, "{key}: nothing compared");
        }
    }
}
