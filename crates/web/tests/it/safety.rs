//! Safety: an answer that matters on its own, whatever the total. PHQ-9's question 9
//! (thoughts of death or self-harm) above "not at all" raises a red alert named in words
//! in the same request, and the patient reads crisis advice first on the result page.

use carepath_test_support::app::TestApp;

/// PHQ-9 with "not at all" everywhere but question 9, answered with `nine`.
fn phq9(nine: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut form: Vec<(&str, &str)> = [
        "phq9-1", "phq9-2", "phq9-3", "phq9-4", "phq9-5", "phq9-6", "phq9-7", "phq9-8",
    ]
    .into_iter()
    .map(|item| (item, "LA6568-5"))
    .collect();
    form.push(("phq9-9", nine));
    form
}

/// Sets the number patients call at the unit named `unit`, as an administrator does.
async fn set_phone(app: &TestApp, unit: &str, phone: &str, hours: Option<&str>) {
    let id: carepath_domain::Id<carepath_domain::organization::Unit> = app
        .db
        .store
        .dump_for_tests(&format!("SELECT id FROM units WHERE name = '{unit}'"))
        .await
        .unwrap()
        .parse()
        .unwrap();
    let contacts = carepath_store::organization::UnitContacts {
        phone: Some(phone.into()),
        hours: hours.map(str::to_owned),
        ..Default::default()
    };
    app.db.store.set_unit_contacts(id, &contacts).await.unwrap();
}

const ITEM_NINE: &str = "PHQ-9 spørsmål 9: tanker om død eller om å skade seg selv";

#[tokio::test]
async fn thoughts_of_self_harm_raise_a_red_alert_in_words_and_crisis_advice_at_once() {
    for app in TestApp::each_backend().await {
        // The unit has set the number patients call.
        set_phone(
            &app,
            "Mage-tarm-poliklinikken",
            "+4722000000",
            Some("hverdager 08.00–15.30"),
        )
        .await;
        // pasient2 (IBS school, unit 1): the baseline PHQ-9 is due.
        let s = app.sign_in("pasient2").await;
        app.post(Some(&s), "/pasient/skjema/phq-9", &phq9("LA6571-9"))
            .await
            .assert_redirect("/pasient/skjema/phq-9/resultat");
        let result = app.get(Some(&s), "/pasient/skjema/phq-9/resultat").await;
        result.assert_ok_containing(r#"<div class="advice advice-red" role="alert">"#);
        let advice = result.body.find("role=\"alert\"").unwrap_or(usize::MAX);
        let saved = result.body.find("role=\"status\"").unwrap_or(0);
        assert!(advice < saved, "the advice comes first: {}", result.body);
        assert!(
            result
                .body
                .contains("Ring Mage-tarm-poliklinikken på +4722000000 (hverdager 08.00–15.30)."),
            "{}",
            result.body
        );
        for number in ["113", "116 117", "116 123"] {
            assert!(result.body.contains(number), "{number}: {}", result.body);
        }
        // The total is low (3): only question 9 says it.
        assert!(result.body.contains("<strong>3</strong> – Minimalt"));

        // The unit's worklist has it, red and named, in the same request's wake.
        let k1 = app.sign_in("kliniker1").await;
        let worklist = app.get(Some(&k1), "/klinikk/varsler").await;
        let at = worklist
            .body
            .find(&format!("{ITEM_NINE}: 3"))
            .unwrap_or_else(|| panic!("{}: {}", app.backend(), worklist.body));
        let row = &worklist.body[worklist.body[..at].rfind("<tr").unwrap_or(0)..at];
        assert!(row.contains("advice-red"), "{row}");
        assert!(!worklist.body.contains("phq9-item9"), "no code shown");

        // "Not at all" to question 9: no advice, no alert for it, and the item's score is
        // not shown to the patient.
        let s3 = app.sign_in("pasient3").await;
        let form = app.get(Some(&s3), "/pasient/skjema/phq-9").await;
        assert!(form.status.is_success(), "{:?}: {}", form.status, form.body);
        app.post(Some(&s3), "/pasient/skjema/phq-9", &phq9("LA6568-5"))
            .await
            .assert_redirect("/pasient/skjema/phq-9/resultat");
        let calm = app.get(Some(&s3), "/pasient/skjema/phq-9/resultat").await;
        assert!(!calm.body.contains("role=\"alert\""), "{}", calm.body);
        assert!(!calm.body.contains("PHQ-9 spørsmål 9"), "{}", calm.body);
        let worklist = app.get(Some(&k1), "/klinikk/varsler").await;
        assert_eq!(
            worklist.body.matches(&format!("{ITEM_NINE}:")).count(),
            1,
            "one alert, Ola's"
        );
    }
}

/// Advice on a yellow or red value says whom to call and when, once the unit has set its
/// number; a green value does not ask anyone to call.
#[tokio::test]
async fn advice_on_a_red_value_names_the_units_number() {
    for app in TestApp::each_backend().await {
        // Berit (pasient7): a red pulse this morning. Home follow-up lands on the
        // measurements, her daily task, not on the modules.
        let s = app.sign_in("pasient7").await;
        app.get(Some(&s), "/pasient")
            .await
            .assert_redirect("/pasient/maalinger");
        let before = app.get(Some(&s), "/pasient/maalinger").await;
        assert!(!before.body.contains("Ring Senter"), "no number set yet");
        set_phone(&app, "Senter for hjemmeoppfølging", "+4722000001", None).await;
        let page = app.get(Some(&s), "/pasient/maalinger").await;
        let red = page.body.find("advice advice-red").expect("a red value");
        let line = &page.body[red..red + page.body[red..].find("</p>").unwrap_or(0)];
        assert!(
            line.contains("Ring Senter for hjemmeoppfølging på +4722000001."),
            "{line}"
        );
        let green = page
            .body
            .find("advice advice-green")
            .expect("a green value");
        let line = &page.body[green..green + page.body[green..].find("</p>").unwrap_or(0)];
        assert!(!line.contains("Ring "), "{line}");
    }
}
