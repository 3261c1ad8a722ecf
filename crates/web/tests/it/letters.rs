//! Letters to the GP on the pages and the API (decision 0034): the 3-month draft on the
//! unit's worklist, signed by a clinician of the unit (not a coordinator, not another
//! unit), sending again only on purpose; the sent letters on the patient's "Mine data"
//! and as `DocumentReference`.

use axum::http::{StatusCode, header};
use carepath_domain::clock::Clock;
use carepath_test_support::app::TestApp;

async fn one(app: &TestApp, sql: &str) -> String {
    app.db.store.dump_for_tests(sql).await.unwrap()
}

async fn letters_of(app: &TestApp, username: &str) -> Vec<(String, String, String)> {
    let ids = one(
        app,
        &format!(
            "SELECT l.id || ' ' || l.point || ' ' || l.status FROM letters l
             JOIN patients p ON p.id = l.patient_id JOIN users u ON u.id = p.user_id
             WHERE u.username = '{username}' ORDER BY l.point"
        ),
    )
    .await;
    ids.lines()
        .map(|l| {
            let mut parts = l.split(' ');
            (
                parts.next().unwrap_or_default().to_owned(),
                parts.next().unwrap_or_default().to_owned(),
                parts.next().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_clinician_signs_the_three_month_letter_once_and_sends_it_again_only_on_purpose() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        // pasient3 answered the 3-month form yesterday: its draft waits on unit 1's list.
        let drafts = letters_of(&app, "pasient3").await;
        assert_eq!(drafts.len(), 1, "{label}: {drafts:?}");
        let (id, point, status) = drafts[0].clone();
        assert_eq!(
            (point.as_str(), status.as_str()),
            ("etter-3-maaneder", "draft")
        );
        let kari = app.sign_in("kliniker1").await;
        let list = app.get(Some(&kari), "/klinikk/varsler").await;
        list.assert_ok_containing(&format!("/klinikk/brev/{id}"));
        assert!(
            list.body.contains("Brev til fastlege som venter (1)"),
            "{label}"
        );

        let page = app.get(Some(&kari), &format!("/klinikk/brev/{id}")).await;
        page.assert_ok_containing("Mage-tarmskolen: status etter tre måneder");
        assert!(page.body.contains("Signer og send til fastlegen"));
        assert!(
            page.body.contains("HER-id 999999103"),
            "the GP's address is shown"
        );

        // Another unit does not find it; a coordinator reads it but does not sign.
        let kim = app.sign_in("kliniker2").await;
        assert_eq!(
            app.get(Some(&kim), &format!("/klinikk/brev/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let coordinator = app.sign_in("koordinator1").await;
        let read = app
            .get(Some(&coordinator), &format!("/klinikk/brev/{id}"))
            .await;
        read.assert_ok_containing("En behandler ved enheten signerer");
        let version = one(
            &app,
            &format!("SELECT CAST(version AS TEXT) FROM letters WHERE id = '{id}'"),
        )
        .await;
        let note = "Klar bedring. Fortsett med måltidsrytmen – æøå.";
        let pairs = [
            ("versjon", version.as_str()),
            ("vurdering", note),
            ("handling", "send"),
        ];
        let refused = app
            .post(Some(&coordinator), &format!("/klinikk/brev/{id}"), &pairs)
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{label}");

        // An empty assessment is refused with the form kept.
        let empty = app
            .post(
                Some(&kari),
                &format!("/klinikk/brev/{id}"),
                &[
                    ("versjon", &version),
                    ("vurdering", " "),
                    ("handling", "send"),
                ],
            )
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Skriv en vurdering"));

        let signed = app
            .post(Some(&kari), &format!("/klinikk/brev/{id}"), &pairs)
            .await;
        signed.assert_redirect(&format!("/klinikk/brev/{id}?sendt=1"));
        assert!(
            !app.get(Some(&kari), "/klinikk/varsler")
                .await
                .body
                .contains(&format!("/klinikk/brev/{id}\"")),
            "signed: off the worklist"
        );
        let now = app.clock.now();
        assert_eq!(
            carepath_app::letter::render_signed(&app.db.store, now)
                .await
                .unwrap(),
            1
        );
        carepath_app::letter::delivered(&app.db.store, &id, now)
            .await
            .unwrap();

        // Sent: sending again needs the box ticked.
        let version = one(
            &app,
            &format!("SELECT CAST(version AS TEXT) FROM letters WHERE id = '{id}'"),
        )
        .await;
        let again = [
            ("versjon", version.as_str()),
            ("vurdering", "Igjen."),
            ("handling", "send"),
        ];
        let unticked = app
            .post(Some(&kari), &format!("/klinikk/brev/{id}"), &again)
            .await;
        assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unticked.body.contains("Kryss av for å sende det på nytt"),
            "{label}"
        );
        let ticked = [again[0], again[1], again[2], ("igjen", "1")];
        app.post(Some(&kari), &format!("/klinikk/brev/{id}"), &ticked)
            .await
            .assert_redirect(&format!("/klinikk/brev/{id}?sendt=1"));
        assert_eq!(
            one(
                &app,
                &format!("SELECT CAST(sends AS TEXT) FROM letters WHERE id = '{id}'")
            )
            .await,
            "2"
        );
        // Every read and change of it is in the access log.
        let logged = one(
            &app,
            &format!("SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'DocumentReference' AND resource_id = '{id}'"),
        )
        .await;
        assert!(logged.parse::<i32>().unwrap() >= 4, "{label}: {logged}");
    }
}

#[tokio::test]
async fn the_patient_and_the_api_read_the_sent_letters_and_no_one_else_does() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let sent = letters_of(&app, "pasient4").await;
        assert_eq!(
            sent.len(),
            2,
            "the demo's two letters to Jonas's GP ({label})"
        );
        assert!(sent.iter().all(|(_, _, s)| s == "sent"), "{sent:?}");
        let (id, _, _) = &sent[0];

        let jonas = app.sign_in("pasient4").await;
        let own = app.get(Some(&jonas), "/pasient/mine-data").await;
        own.assert_ok_containing("Mage-tarmskolen: avsluttet etter seks måneder");
        own.assert_ok_containing(&format!("/pasient/brev/{id}"));
        let pdf = app.get(Some(&jonas), &format!("/pasient/brev/{id}")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(
            pdf.headers.get(header::CONTENT_TYPE).unwrap(),
            "application/pdf"
        );
        assert!(pdf.body.starts_with("%PDF-"));
        let other = app.sign_in("pasient3").await;
        assert_eq!(
            app.get(Some(&other), &format!("/pasient/brev/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let kim = app.sign_in("kliniker2").await;
        assert_eq!(
            app.get(Some(&kim), &format!("/klinikk/brev/{id}/pdf"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let kari = app.sign_in("kliniker1").await;
        assert_eq!(
            app.get(Some(&kari), &format!("/klinikk/brev/{id}/pdf"))
                .await
                .status,
            StatusCode::OK
        );

        let patient = one(
            &app,
            "SELECT p.id FROM patients p JOIN users u ON u.id = p.user_id WHERE u.username = 'pasient4'",
        )
        .await;
        let token = app.api_token("kliniker1").await;
        let found = app
            .get_api(Some(&token), &format!("/fhir/DocumentReference?subject=Patient/{patient}&type=http://loinc.org|11488-4"))
            .await
            .json();
        assert_eq!(found["total"], 2, "{label}: {found}");
        let doc = &found["entry"][0]["resource"];
        assert_eq!(doc["resourceType"], "DocumentReference");
        assert_eq!(doc["subject"]["reference"], format!("Patient/{patient}"));
        assert_eq!(
            doc["content"][0]["attachment"]["contentType"],
            "application/pdf"
        );
        assert!(
            doc["content"][0]["attachment"]["data"]
                .as_str()
                .is_some_and(|d| d.starts_with("JVBERi"))
        );
        let none = app
            .get_api(
                Some(&token),
                &format!("/fhir/DocumentReference?patient={patient}&date=lt2000-01-01"),
            )
            .await
            .json();
        assert_eq!(none["total"], 0);
        let other_type = app
            .get_api(
                Some(&token),
                &format!("/fhir/DocumentReference?patient={patient}&type=http://loinc.org|1234-5"),
            )
            .await
            .json();
        assert_eq!(other_type["total"], 0);
        let read = app
            .get_api(Some(&token), &format!("/fhir/DocumentReference/{id}"))
            .await;
        assert_eq!(read.status, StatusCode::OK);
        let other_unit = app.api_token("kliniker2").await;
        assert_eq!(
            app.get_api(Some(&other_unit), &format!("/fhir/DocumentReference/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}
