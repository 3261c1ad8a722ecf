//! SDC's use of FHIRPath: scores from answer options' ordinal values, variables, and
//! the shape NLM's forms use (`%resource.item.answer.value.ordinal()`).

use carepath_fhirpath::{Env, Expression, Item};
use rust_decimal::Decimal;
use serde_json::json;

fn option(code: &str, weight: i64) -> serde_json::Value {
    json!({
        "valueCoding": {"system": "http://loinc.org", "code": code, "display": code},
        "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": weight}]
    })
}

fn questionnaire() -> serde_json::Value {
    let options = json!([
        option("LA6568-5", 0),
        option("LA6569-3", 1),
        option("LA6570-1", 2),
        option("LA6571-9", 3)
    ]);
    json!({
        "resourceType": "Questionnaire",
        "status": "active",
        "item": [
            {"linkId": "q1", "type": "choice", "answerOption": options},
            {"linkId": "group", "type": "group", "item": [
                {"linkId": "q2", "type": "choice", "answerOption": options}
            ]},
            {"linkId": "total", "type": "decimal"}
        ]
    })
}

fn answer(code: &str) -> serde_json::Value {
    json!([{"valueCoding": {"system": "http://loinc.org", "code": code}}])
}

fn response() -> serde_json::Value {
    json!({
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [
            {"linkId": "q1", "answer": answer("LA6570-1")},
            {"linkId": "group", "item": [{"linkId": "q2", "answer": answer("LA6571-9")}]}
        ]
    })
}

fn decimals(items: &[Item<'_>]) -> Vec<Decimal> {
    items
        .iter()
        .map(|i| match i.system() {
            Item::Decimal(d) => d,
            Item::Integer(n) => Decimal::from(n),
            other => panic!("not a number: {other:?}"),
        })
        .collect()
}

#[test]
fn ordinal_reads_the_answer_options_of_the_questionnaire_at_any_depth() {
    let q = questionnaire();
    let r = response();
    let env = Env {
        questionnaire: Some(&q),
        ..Env::default()
    };
    let each = Expression::parse("%resource.repeat(item).answer.value.ordinal()").unwrap();
    assert_eq!(
        decimals(&each.evaluate_on(&r, &env).unwrap()),
        [Decimal::from(2), Decimal::from(3)]
    );
    let total = Expression::parse("%resource.repeat(item).answer.value.weight().sum()").unwrap();
    assert_eq!(
        decimals(&total.evaluate_on(&r, &env).unwrap()),
        [Decimal::from(5)]
    );
    // Without the questionnaire there is nothing to read the weights from.
    let bare = Env::default();
    assert!(each.evaluate_on(&r, &bare).unwrap().is_empty());
}

#[test]
fn variables_are_named_collections() {
    let r = response();
    let q = questionnaire();
    let mut env = Env {
        questionnaire: Some(&q),
        ..Env::default()
    };
    let scores = Expression::parse("%resource.repeat(item).answer.value.ordinal()")
        .unwrap()
        .evaluate_on(&r, &env)
        .unwrap();
    env.variables.insert("scores".into(), scores);
    let expr =
        Expression::parse("iif(%scores.count() = 2, %scores.aggregate($this + $total, 0), {})")
            .unwrap();
    assert_eq!(
        decimals(&expr.evaluate_on(&r, &env).unwrap()),
        [Decimal::from(5)]
    );
    let unknown = Expression::parse("%nothing + 1").unwrap();
    assert!(
        unknown.evaluate_on(&r, &env).is_err(),
        "an unknown variable is an error"
    );
}

#[test]
fn a_mistake_in_an_expression_is_an_error_and_not_a_panic() {
    for bad in [
        "item.where(",
        "1 +",
        "'open",
        "@2020-13-01",
        "%",
        "item[",
        "substring(1,",
        "1 'mg' + 'x'",
    ] {
        let parsed = Expression::parse(bad);
        let r = response();
        let failed = match parsed {
            Err(_) => true,
            Ok(e) => e.evaluate_on(&r, &Env::default()).is_err(),
        };
        assert!(failed, "{bad} should fail");
    }
}

#[test]
fn a_deeply_nested_expression_is_refused_rather_than_overflowing_the_stack() {
    let r = response();
    for deep in [
        "(".repeat(100_000) + "1",
        "-".repeat(100_000) + "1",
        "1".to_owned() + &" + 1".repeat(5_000),
    ] {
        if let Ok(e) = Expression::parse(&deep) {
            let _ = e.evaluate_on(&r, &Env::default());
        }
    }
    assert!(Expression::parse(&("(".repeat(100_000) + "1" + &")".repeat(100_000))).is_err());
}

proptest::proptest! {
    #[test]
    fn no_text_makes_the_evaluator_panic(text in "[a-z0-9().,'@%$ +*/<>=!~|&\\[\\]{}-]{0,40}") {
        let r = response();
        if let Ok(e) = Expression::parse(&text) {
            let _ = e.evaluate_on(&r, &Env::default());
        }
    }
}

#[test]
fn an_expression_as_deep_as_allowed_evaluates_on_a_small_stack() {
    let r = response();
    let sum = "1".to_owned() + &" + 1".repeat(30) + &".where(true".repeat(30) + &")".repeat(30);
    let value = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let e = Expression::parse(&sum).unwrap();
            match e.evaluate_on(&r, &Env::default()).unwrap()[..] {
                [Item::Integer(n)] => n,
                _ => panic!("not one integer"),
            }
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(value, 31);
}
