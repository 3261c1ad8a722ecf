//! Property tests of the questionnaire form parser on the shipped IBS baseline form: any
//! input is answered without panicking, every in-range answer set is accepted and kept
//! exactly, and every out-of-range or non-numeric answer is refused against its item.

use carepath_fhir::{FormAnswers, Questionnaire, QuestionnaireResponse};
use proptest::prelude::*;

fn baseline() -> Questionnaire {
    serde_json::from_str(include_str!(
        "../../../../content/ibs-school/questionnaires/ibs-symptomskaar.json"
    ))
    .expect("the shipped baseline form")
}

/// (linkId, min, max) of every integer question.
fn numeric_items(q: &Questionnaire) -> Vec<(String, i64, i64)> {
    q.all_items()
        .into_iter()
        .filter(|i| i.is_question() && !i.is_read_only())
        .map(|i| {
            (
                i.link_id.clone(),
                i.min_value().unwrap_or(0.0) as i64,
                i.max_value().unwrap_or(1000.0) as i64,
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_form_input_gives_a_response_or_problems_never_a_panic(
        pairs in proptest::collection::vec(("\\PC{0,12}", proptest::collection::vec("\\PC{0,12}", 0..3)), 0..8)
    ) {
        let q = baseline();
        let answers: FormAnswers = pairs.into_iter().collect();
        let _ = QuestionnaireResponse::from_form(&q, &answers, "2026-11-23T08:00:00Z");
    }

    #[test]
    fn answers_within_every_range_are_accepted_and_kept(seed in proptest::collection::vec(0.0f64..1.0, 16)) {
        let q = baseline();
        let items = numeric_items(&q);
        let mut answers = FormAnswers::new();
        let mut chosen = Vec::new();
        for (n, (link_id, min, max)) in items.iter().enumerate() {
            let value = min + ((max - min + 1) as f64 * seed[n % seed.len()]) as i64;
            let value = value.min(*max);
            chosen.push((link_id.clone(), value));
            answers.insert(link_id.clone(), vec![value.to_string()]);
        }
        let response = QuestionnaireResponse::from_form(&q, &answers, "2026-11-23T08:00:00Z");
        prop_assert!(response.is_ok(), "{:?}", response.err());
        let by_id = response.unwrap().answers_by_link_id();
        for (link_id, value) in chosen {
            prop_assert_eq!(by_id[&link_id][0].form_value(), value.to_string());
        }
    }

    #[test]
    fn an_answer_outside_its_range_or_not_a_number_is_refused_against_that_item(
        which in 0usize..16,
        wrong in prop_oneof![
            (1i64..1_000_000).prop_map(|d| format!("-{d}")),
            (101i64..1_000_000).prop_map(|v| v.to_string()),
            "[a-zæøå ]{1,8}",
            Just("1e3".to_owned()),
            Just("12,5".to_owned()),
        ]
    ) {
        let q = baseline();
        let items = numeric_items(&q);
        let (target, _, max) = items[which % items.len()].clone();
        // A number above 100 is only wrong where the maximum is lower than it.
        if let Ok(v) = wrong.parse::<i64>() {
            prop_assume!(v > max || v < 0);
        }
        let mut answers = FormAnswers::new();
        for (link_id, min, _) in &items {
            answers.insert(link_id.clone(), vec![min.to_string()]);
        }
        answers.insert(target.clone(), vec![wrong]);
        let problems = QuestionnaireResponse::from_form(&q, &answers, "2026-11-23T08:00:00Z")
            .expect_err("refused");
        prop_assert!(problems.iter().any(|p| p.link_id == target));
        prop_assert!(problems.iter().all(|p| p.link_id == target));
    }
}
