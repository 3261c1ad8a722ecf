//! SDC questionnaires from outside, computed on the server: an author posts a
//! questionnaire in NLM's style (`variable`, `calculatedExpression` with `ordinal()`,
//! `enableWhenExpression`, `answerExpression`); responses get the server's total, a wrong
//! total is replaced and said so, and the coded total is stored as an Observation.

use axum::http::StatusCode;
use carepath_test_support::app::{TestApp, TestResponse};
use carepath_test_support::fhir_validator::assert_valid_fhir;
use serde_json::{Value, json};

const URL: &str = "https://example.org/fhir/Questionnaire/sdc-mood";

fn ok(res: &TestResponse, status: StatusCode) -> Value {
    assert_eq!(res.status, status, "{}", res.body);
    res.json()
}

fn option(code: &str, display: &str, weight: i64) -> Value {
    json!({
        "valueCoding": {"system": "http://loinc.org", "code": code, "display": display},
        "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": weight}]
    })
}

fn expression(url: &str, expression: &str) -> Value {
    json!({"url": url, "valueExpression": {"language": "text/fhirpath", "expression": expression}})
}

const SDC: &str = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-";

/// Three scored questions, a total computed from their ordinal values, a follow-up that
/// only a total of 3 or more opens, and a question whose answers repeat the first one's.
fn questionnaire() -> Value {
    let options = json!([
        option("LA6568-5", "Ikke i det hele tatt", 0),
        option("LA6569-3", "Noen dager", 1),
        option("LA6570-1", "Mer enn halvparten av dagene", 2),
        option("LA6571-9", "Nesten hver dag", 3)
    ]);
    let question = |id: &str, text: &str| json!({"linkId": id, "text": text, "type": "choice", "answerOption": options});
    json!({
        "resourceType": "Questionnaire",
        "url": URL,
        "version": "1",
        "status": "active",
        "title": "Humør (SDC-eksempel)",
        "extension": [{
            "url": "http://hl7.org/fhir/StructureDefinition/variable",
            "valueExpression": {"name": "scores", "language": "text/fhirpath",
                                 "expression": "%resource.item.where(linkId != 'total').answer.value.ordinal()"}
        }],
        "item": [
            question("q1", "Lite interesse for å gjøre ting"),
            question("q2", "Nedstemt"),
            question("q3", "Søvnvansker"),
            {"linkId": "total", "text": "Sum", "type": "integer", "readOnly": true,
             "code": [{"system": "http://loinc.org", "code": "44261-6", "display": "Sum"}],
             "extension": [expression(&format!("{SDC}calculatedExpression"),
                                      "iif(%scores.empty(), {}, %scores.sum())")]},
            {"linkId": "hard", "text": "Hvor vanskelig har dette gjort hverdagen?", "type": "string",
             "extension": [expression(&format!("{SDC}enableWhenExpression"), "%scores.sum() >= 3")]},
            {"linkId": "same", "text": "Velg det samme igjen", "type": "choice",
             "extension": [expression(&format!("{SDC}answerExpression"),
                                      "%questionnaire.item.where(linkId = 'q1').answerOption.value.where(code != 'LA6571-9')")]}
        ]
    })
}

fn answer(code: &str) -> Value {
    json!([{"valueCoding": {"system": "http://loinc.org", "code": code}}])
}

fn response(patient: &str, codes: [&str; 3], extra: Vec<Value>) -> Value {
    let mut items: Vec<Value> = ["q1", "q2", "q3"]
        .iter()
        .zip(codes)
        .map(|(id, code)| json!({"linkId": id, "answer": answer(code)}))
        .collect();
    items.extend(extra);
    json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": format!("{URL}|1"),
        "status": "completed",
        "subject": {"reference": format!("Patient/{patient}")},
        "authored": "2026-12-01T10:00:00+01:00",
        "item": items
    })
}

fn total_of(response: &Value) -> Option<&Value> {
    response["item"]
        .as_array()?
        .iter()
        .find(|i| i["linkId"] == "total")
        .map(|i| &i["answer"][0]["valueInteger"])
}

/// Posts a response as `token`'s user.
async fn post(app: &TestApp, token: &str, response: &Value) -> TestResponse {
    app.send_api(
        "POST",
        Some(token),
        "/fhir/QuestionnaireResponse",
        response,
        &[],
    )
    .await
}

async fn patient_of(app: &TestApp, username: &str) -> String {
    let store = &app.db.store;
    let user = store.user_by_username(username).await.unwrap().unwrap();
    let p = store.patient_for_user(user.id).await.unwrap().unwrap();
    p.id.to_string()
}

#[tokio::test]
async fn an_sdc_questionnaire_is_computed_on_the_server() {
    for app in TestApp::each_backend().await {
        let author = app.api_token("forfatter1").await;
        let clinician = app.api_token("kliniker1").await;
        let patient = patient_of(&app, "pasient2").await;
        let mut emitted = Vec::new();
        let created = app
            .send_api(
                "POST",
                Some(&author),
                "/fhir/Questionnaire",
                &questionnaire(),
                &[],
            )
            .await;
        emitted.push(ok(&created, StatusCode::CREATED));

        // Without its total: the server computes it (2 + 1 + 3) and stores it as an Observation.
        let posted = post(
            &app,
            &clinician,
            &response(&patient, ["LA6570-1", "LA6569-3", "LA6571-9"], vec![]),
        )
        .await;
        let body = ok(&posted, StatusCode::CREATED);
        assert_eq!(total_of(&body), Some(&json!(6)), "{body}");
        let id = body["id"].as_str().unwrap().to_owned();
        emitted.push(body);
        let found = ok(
            &app.get_api(
                Some(&clinician),
                &format!("/fhir/Observation?derived-from=QuestionnaireResponse/{id}"),
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(found["total"], 1, "{found}");
        let observation = &found["entry"][0]["resource"];
        assert_eq!(observation["valueQuantity"]["value"], 6.0);
        let codes: Vec<&str> = observation["code"]["coding"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["code"].as_str())
            .collect();
        assert!(codes.contains(&"44261-6"), "{codes:?}");
        emitted.push(found.clone());

        // A wrong total is replaced, and the outcome says so.
        let wrong = response(
            &patient,
            ["LA6568-5", "LA6568-5", "LA6569-3"],
            vec![json!({"linkId": "total", "answer": [{"valueInteger": 99}]})],
        );
        let posted = app
            .send_api(
                "POST",
                Some(&clinician),
                "/fhir/QuestionnaireResponse",
                &wrong,
                &[("prefer", "return=OperationOutcome")],
            )
            .await;
        let outcome = ok(&posted, StatusCode::CREATED);
        assert_eq!(outcome["resourceType"], "OperationOutcome");
        assert_eq!(outcome["issue"][0]["severity"], "warning", "{outcome}");
        assert_eq!(
            outcome["issue"][0]["expression"][0],
            "QuestionnaireResponse.item.where(linkId='total')"
        );
        emitted.push(outcome);
        let stored = ok(
            &app.get_api(
                Some(&clinician),
                &posted
                    .location()
                    .replace("http://carepath.test", "")
                    .replace("/_history/1", ""),
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(total_of(&stored), Some(&json!(1)), "{stored}");

        // The follow-up is open only at a total of 3 or more; then it may be answered.
        let follow_up = json!({"linkId": "hard", "answer": [{"valueString": "Litt"}]});
        let refused = post(
            &app,
            &clinician,
            &response(
                &patient,
                ["LA6568-5", "LA6568-5", "LA6569-3"],
                vec![follow_up.clone()],
            ),
        )
        .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert!(
            refused.body.contains("linkId='hard'") || refused.body.contains("hard"),
            "{}",
            refused.body
        );
        let accepted = post(
            &app,
            &clinician,
            &response(
                &patient,
                ["LA6571-9", "LA6568-5", "LA6569-3"],
                vec![follow_up],
            ),
        )
        .await;
        emitted.push(ok(&accepted, StatusCode::CREATED));

        // The answers an answerExpression allows: q1's options but the last.
        let same = |code: &str| json!({"linkId": "same", "answer": answer(code)});
        let allowed = post(
            &app,
            &clinician,
            &response(
                &patient,
                ["LA6568-5", "LA6568-5", "LA6568-5"],
                vec![same("LA6570-1")],
            ),
        )
        .await;
        ok(&allowed, StatusCode::CREATED);
        let not_allowed = post(
            &app,
            &clinician,
            &response(
                &patient,
                ["LA6568-5", "LA6568-5", "LA6568-5"],
                vec![same("LA6571-9")],
            ),
        )
        .await;
        assert_eq!(
            not_allowed.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            not_allowed.body
        );
        assert_valid_fhir(&emitted);
    }
}

#[tokio::test]
async fn a_questionnaire_with_an_expression_that_does_not_parse_is_refused_naming_it() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    let author = app.api_token("forfatter1").await;
    let mut q = questionnaire();
    q["item"][3]["extension"][0]["valueExpression"]["expression"] =
        json!("iif(%scores.empty(), {}");
    let res = app
        .send_api("POST", Some(&author), "/fhir/Questionnaire", &q, &[])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("`total`"), "{}", res.body);
    assert!(res.body.contains("calculatedExpression"), "{}", res.body);
}
