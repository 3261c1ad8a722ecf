use super::*;

fn questionnaire() -> Questionnaire {
    serde_json::from_value(serde_json::json!({
        "resourceType": "Questionnaire", "url": "https://example.org/q", "version": "2", "status": "active",
        "item": [
          {"linkId": "intro", "type": "display", "text": "Hei"},
          {"linkId": "g", "type": "group", "item": [
            {"linkId": "pain", "type": "integer", "required": true, "extension": [
              {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
              {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 100}]},
            {"linkId": "weight", "type": "decimal"},
            {"linkId": "kind", "type": "choice", "answerOption": [{"valueCoding": {"system": "urn:k", "code": "a", "display": "A"}}]}
          ]},
          {"linkId": "ok", "type": "boolean", "required": true},
          {"linkId": "why", "type": "text", "required": true,
           "enableWhen": [{"question": "ok", "operator": "=", "answerBoolean": false}]},
          {"linkId": "when", "type": "date"},
          {"linkId": "at", "type": "time"},
          {"linkId": "tags", "type": "open-choice", "repeats": true,
           "answerOption": [{"valueString": "mage"}, {"valueString": "hode"}]},
          {"linkId": "temp", "type": "quantity", "extension": [
            {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-unit",
             "valueCoding": {"system": "http://unitsofmeasure.org", "code": "Cel", "display": "°C"}}]}
        ]
    }))
    .unwrap()
}

fn form(pairs: &[(&str, &str)]) -> FormAnswers {
    let mut f = FormAnswers::new();
    for (k, v) in pairs {
        f.entry((*k).to_owned()).or_default().push((*v).to_owned());
    }
    f
}

fn kinds(problems: &[ItemProblem]) -> Vec<(&str, &ProblemKind)> {
    problems
        .iter()
        .map(|p| (p.link_id.as_str(), &p.kind))
        .collect()
}

#[test]
fn a_complete_form_becomes_a_completed_response_bound_to_the_version() {
    let r = QuestionnaireResponse::from_form(
        &questionnaire(),
        &form(&[
            ("pain", "40"),
            ("weight", "71,5"),
            ("kind", "a"),
            ("ok", "true"),
            ("when", "23.11.2026"),
            ("at", "08:30"),
            ("tags", "mage"),
            ("tags", "rygg"),
            ("temp", "37,8"),
        ]),
        "2026-11-22T10:00:00Z",
    )
    .unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(r.questionnaire, "https://example.org/q|2");
    let answers = r.answers_by_link_id();
    assert_eq!(answers["pain"], vec![Answer::ValueInteger(40)]);
    assert_eq!(answers["weight"], vec![Answer::ValueDecimal(71.5)]);
    assert_eq!(
        answers["when"],
        vec![Answer::ValueDate("2026-11-23".into())]
    );
    assert_eq!(answers["at"], vec![Answer::ValueTime("08:30:00".into())]);
    assert_eq!(
        answers["tags"],
        vec![
            Answer::ValueString("mage".into()),
            Answer::ValueString("rygg".into())
        ],
        "open-choice takes an option or free text"
    );
    assert_eq!(answers["temp"][0].display(), "37,8 °C");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["item"][0]["item"][0]["answer"][0]["valueInteger"], 40);
    assert_eq!(json["item"][5]["answer"][0]["valueQuantity"]["code"], "Cel");
    assert!(r.validate(&questionnaire()).is_empty());
    let back: QuestionnaireResponse = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), json);
}

#[test]
fn every_problem_is_reported_against_its_item() {
    let problems = QuestionnaireResponse::from_form(
        &questionnaire(),
        &form(&[
            ("pain", "101"),
            ("weight", "tung"),
            ("kind", "z"),
            ("nope", "1"),
            ("when", "31.02.2026"),
            ("ok", "false"),
        ]),
        "2026-11-22T10:00:00Z",
    )
    .unwrap_err();
    let kinds = kinds(&problems);
    assert!(kinds.contains(&("nope", &ProblemKind::UnknownItem)));
    assert!(kinds.contains(&("pain", &ProblemKind::AboveMax(100.0))));
    assert!(kinds.contains(&("weight", &ProblemKind::NotNumber)));
    assert!(kinds.contains(&("kind", &ProblemKind::NotAnOption)));
    assert!(kinds.contains(&("when", &ProblemKind::NotADate)));
    assert!(
        kinds.contains(&("why", &ProblemKind::Required)),
        "enabled by ok = false"
    );
    let pain = problems.iter().find(|p| p.link_id == "pain").unwrap();
    assert_eq!(pain.path, "QuestionnaireResponse.item[0].item[0].answer[0]");
}

#[test]
fn form_answers_to_a_disabled_item_are_dropped() {
    let r = QuestionnaireResponse::from_form(
        &questionnaire(),
        &form(&[("pain", "1"), ("ok", "true"), ("why", "glemte å slette")]),
        "2026-11-22T10:00:00Z",
    )
    .unwrap_or_else(|p| panic!("{p:?}"));
    assert!(!r.answers_by_link_id().contains_key("why"));
}

fn api_response(items: serde_json::Value) -> QuestionnaireResponse {
    serde_json::from_value(serde_json::json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": "https://example.org/q|2",
        "status": "completed",
        "item": items
    }))
    .unwrap()
}

#[test]
fn a_posted_response_is_checked_item_by_item() {
    let r = api_response(serde_json::json!([
        {"linkId": "g", "item": [
            {"linkId": "pain", "answer": [{"valueString": "40"}]},
            {"linkId": "kind", "answer": [{"valueCoding": {"system": "urn:other", "code": "a"}}]}
        ]},
        {"linkId": "ok", "answer": [{"valueBoolean": true}, {"valueBoolean": true}]},
        {"linkId": "why", "answer": [{"valueString": "skulle ikke vært her"}]},
        {"linkId": "intro", "answer": [{"valueString": "x"}]},
        {"linkId": "temp", "answer": [{"valueDecimal": 37.5}]},
        {"linkId": "at", "answer": [{"valueTime": "25:00:00"}]},
        {"linkId": "ghost", "answer": [{"valueInteger": 1}]}
    ]));
    let problems = r.validate(&questionnaire());
    let kinds = kinds(&problems);
    assert!(kinds.contains(&("pain", &ProblemKind::NotInteger)));
    assert!(
        kinds.contains(&("kind", &ProblemKind::NotAnOption)),
        "another code system"
    );
    assert!(kinds.contains(&("ok", &ProblemKind::NotRepeating)));
    assert!(
        kinds.contains(&("why", &ProblemKind::Disabled)),
        "{kinds:?}"
    );
    assert!(kinds.contains(&("intro", &ProblemKind::NotAQuestion)));
    assert!(kinds.contains(&("temp", &ProblemKind::WrongType("valueQuantity"))));
    assert!(kinds.contains(&("at", &ProblemKind::NotATime)));
    assert!(kinds.contains(&("ghost", &ProblemKind::UnknownItem)));
    let ghost = problems.iter().find(|p| p.link_id == "ghost").unwrap();
    assert_eq!(ghost.path, "QuestionnaireResponse.item[6]");
}

#[test]
fn required_items_wait_for_a_completed_response() {
    let mut r = api_response(serde_json::json!([]));
    let problems = r.validate(&questionnaire());
    let kinds = kinds(&problems);
    assert!(!kinds.contains(&("g", &ProblemKind::UnknownItem)));
    assert!(kinds.contains(&("ok", &ProblemKind::Required)));
    assert!(
        !kinds.contains(&("why", &ProblemKind::Required)),
        "disabled while ok is unanswered"
    );
    r.status = "in-progress".into();
    assert!(r.validate(&questionnaire()).is_empty());
}

#[test]
fn enable_when_operators_and_behaviour() {
    let q: Questionnaire = serde_json::from_value(serde_json::json!({
        "resourceType": "Questionnaire", "url": "urn:e", "version": "1", "status": "active",
        "item": [
          {"linkId": "n", "type": "integer"},
          {"linkId": "c", "type": "choice", "answerOption": [{"valueCoding": {"code": "x"}}, {"valueCoding": {"code": "y"}}]},
          {"linkId": "d", "type": "date"},
          {"linkId": "gt", "type": "string", "enableWhen": [{"question": "n", "operator": ">", "answerInteger": 5}]},
          {"linkId": "le", "type": "string", "enableWhen": [{"question": "n", "operator": "<=", "answerDecimal": 5}]},
          {"linkId": "ne", "type": "string", "enableWhen": [{"question": "c", "operator": "!=", "answerCoding": {"code": "x"}}]},
          {"linkId": "ex", "type": "string", "enableWhen": [{"question": "d", "operator": "exists", "answerBoolean": false}]},
          {"linkId": "before", "type": "string", "enableWhen": [{"question": "d", "operator": "<", "answerDate": "2026-01-01"}]},
          {"linkId": "any", "type": "group", "enableBehavior": "any", "enableWhen": [
              {"question": "n", "operator": "=", "answerInteger": 1},
              {"question": "c", "operator": "=", "answerCoding": {"code": "y"}}],
           "item": [{"linkId": "child", "type": "string"}]},
          {"linkId": "all", "type": "string", "enableBehavior": "all", "enableWhen": [
              {"question": "n", "operator": "=", "answerInteger": 1},
              {"question": "c", "operator": "=", "answerCoding": {"code": "y"}}]},
          {"linkId": "chain", "type": "string", "enableWhen": [{"question": "gt", "operator": "exists", "answerBoolean": true}]}
        ]
    }))
    .unwrap();
    assert!(q.check().is_empty(), "{:?}", q.check());
    let on = |pairs: &[(&str, Answer)]| {
        let answers: BTreeMap<String, Vec<Answer>> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), vec![v.clone()]))
            .collect();
        let e = enabled_items(&q, &answers);
        [
            "gt", "le", "ne", "ex", "before", "any", "child", "all", "chain",
        ]
        .into_iter()
        .filter(|l| e.contains(*l))
        .collect::<Vec<_>>()
    };
    let code = |c: &str| {
        Answer::ValueCoding(Coding {
            system: None,
            code: Some(c.into()),
            display: None,
            extra: Default::default(),
        })
    };
    assert_eq!(on(&[]), vec!["ex"]);
    assert_eq!(
        on(&[
            ("n", Answer::ValueInteger(6)),
            ("gt", Answer::ValueString("x".into()))
        ]),
        vec!["gt", "ex", "chain"]
    );
    assert_eq!(
        on(&[("n", Answer::ValueInteger(1)), ("c", code("y"))]),
        vec!["le", "ne", "ex", "any", "child", "all"]
    );
    assert_eq!(
        on(&[
            ("c", code("x")),
            ("d", Answer::ValueDate("2025-05-01".into()))
        ]),
        vec!["before"]
    );
    // An answer to an item that is itself off does not count.
    assert_eq!(
        on(&[("gt", Answer::ValueString("x".into()))]),
        vec!["ex"],
        "gt is off (n unanswered), so chain stays off"
    );
}

#[test]
fn a_score_is_written_into_its_calculated_item_in_questionnaire_order() {
    let q = questionnaire();
    let mut r = QuestionnaireResponse::from_form(
        &q,
        &form(&[("pain", "3"), ("ok", "true"), ("temp", "37")]),
        "2026-11-22T10:00:00Z",
    )
    .unwrap();
    r.set_answer(&q, "weight", Answer::ValueDecimal(9.5));
    r.set_answer(&q, "when", Answer::ValueDate("2026-01-02".into()));
    let links: Vec<&str> = r.item[0].item.iter().map(|i| i.link_id.as_str()).collect();
    assert_eq!(links, vec!["pain", "weight"]);
    let top: Vec<&str> = r.item.iter().map(|i| i.link_id.as_str()).collect();
    assert_eq!(top, vec!["g", "ok", "when", "temp"]);
    r.set_answer(&q, "weight", Answer::ValueDecimal(1.0));
    assert_eq!(
        r.answers_by_link_id()["weight"],
        vec![Answer::ValueDecimal(1.0)]
    );
}
