//! Secure messaging: a patient asks with a photo, the unit's worklist shows it waiting, a
//! clinician answers from a template, the patient is told without content and reads the
//! answer; files are judged by content; the program decides who writes; a message left
//! unanswered past the working days raises an alert; the API sees the same thread.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use carepath_domain::clock::Clock;
use carepath_test_support::app::{Session, TestApp, TestResponse};

const BOUNDARY: &str = "----carepathtestboundary";

/// A tiny JPEG whose metadata holds a place ("Oslo!" in a comment, a position in EXIF).
fn photo_with_location() -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    let exif = b"Exif\0\0MM\0*\0\0\0\x08\0\0GPS59N10E";
    let len = u16::try_from(2 + exif.len()).unwrap();
    out.extend([0xFF, 0xE1]);
    out.extend(len.to_be_bytes());
    out.extend(exif);
    out.extend([0xFF, 0xFE, 0x00, 0x07]);
    out.extend(b"Oslo!");
    out.extend([0xFF, 0xD9]);
    out
}

/// A `multipart/form-data` body with the session's CSRF token, text fields and files.
fn multipart(session: &Session, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut field = |name: &str, value: &str| {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    };
    field("_csrf", &session.csrf);
    for (name, value) in fields {
        field(name, value);
    }
    for (file_name, bytes) in files {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"vedlegg\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_multipart(
    app: &TestApp,
    session: &Session,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> TestResponse {
    let req = Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::COOKIE, &session.cookie)
        .body(Body::from(multipart(session, fields, files)))
        .unwrap();
    app.send(req).await
}

async fn one(app: &TestApp, sql: &str) -> String {
    app.db.store.dump_for_tests(sql).await.unwrap()
}

async fn patient_of(app: &TestApp, username: &str) -> (String, String) {
    let row = one(
        app,
        &format!(
            "SELECT p.id || ' ' || e.id FROM patients p JOIN users u ON u.id = p.user_id
             JOIN enrollments e ON e.patient_id = p.id WHERE u.username = '{username}'"
        ),
    )
    .await;
    let (p, e) = row.split_once(' ').unwrap();
    (p.to_owned(), e.to_owned())
}

#[tokio::test]
async fn a_patient_asks_with_a_photo_and_the_team_answers_from_a_template() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let (patient, enrollment) = patient_of(&app, "pasient3").await;
        let p3 = app.sign_in("pasient3").await;
        let page = app.get(Some(&p3), "/pasient/meldinger").await;
        // pasient3 reads nynorsk (the demo saved her choice).
        page.assert_ok_containing("Du får svar innan 3 yrkedagar");
        assert!(
            page.body.contains("enctype=\"multipart/form-data\""),
            "{label}"
        );

        let photo = photo_with_location();
        let sent = post_multipart(
            &app,
            &p3,
            "/pasient/meldinger",
            &[("tekst", "Hva betyr utslettet på bildet?")],
            &[("C:\\Bilder\\utslett.jpg", &photo)],
        )
        .await;
        sent.assert_redirect("/pasient/meldinger?sendt=1#sist");
        // Stored without the place it was taken.
        let stored = app
            .db
            .store
            .dump_for_tests("SELECT file_name || '|' || media_type FROM message_attachments")
            .await
            .unwrap();
        assert_eq!(stored, "utslett.jpg|image/jpeg", "{label}");
        let attachment = one(&app, "SELECT id FROM message_attachments").await;
        let file = app
            .get(
                Some(&p3),
                &format!("/pasient/meldinger/vedlegg/{attachment}"),
            )
            .await;
        assert_eq!(file.status, StatusCode::OK, "{label}");
        assert!(
            !file.body.contains("Oslo!") && !file.body.contains("59N10E"),
            "{label}: location kept"
        );
        // The unit is told that something came, never who or what.
        let told = one(
            &app,
            "SELECT recipient || '|' || content FROM outbox WHERE idempotency_key LIKE 'message:%'",
        )
        .await;
        assert!(
            told.starts_with("vakt@") || told.is_empty(),
            "{label}: {told}"
        );
        assert!(
            !told.contains("utslett") && !told.contains("Demo"),
            "{label}: {told}"
        );

        // The unit's worklist: waiting, unread, with its answer time.
        let k1 = app.sign_in("kliniker1").await;
        let list = app.get(Some(&k1), "/klinikk/varsler").await;
        list.assert_ok_containing("Meldinger som venter på svar (1)");
        assert!(list.body.contains("1 ulest"), "{label}");
        assert!(
            list.body.contains(&format!(
                "/klinikk/pasient/{patient}/meldinger#traad-{enrollment}"
            )),
            "{label}"
        );

        // The patient's page says a message is unread, and links to the thread.
        let overview = app
            .get(Some(&k1), &format!("/klinikk/pasient/{patient}"))
            .await;
        assert!(overview.body.contains("Meldinger (1 uleste)"), "{label}");
        // A template, then the thread with it in the reply box.
        let unit = one(
            &app,
            &format!("SELECT unit_id FROM enrollments WHERE id = '{enrollment}'"),
        )
        .await;
        let saved = app
            .post(
                Some(&k1),
                "/klinikk/meldingsmaler",
                &[
                    ("enhet", unit.as_str()),
                    ("tittel", "Hudutslett"),
                    ("tekst", "Takk for bildet. Dette ser ikke farlig ut."),
                ],
            )
            .await;
        saved.assert_redirect("/klinikk/meldingsmaler?lagret=1");
        let template = one(
            &app,
            "SELECT id FROM reply_templates WHERE title = 'Hudutslett'",
        )
        .await;
        let thread = app
            .get(
                Some(&k1),
                &format!("/klinikk/pasient/{patient}/meldinger?traad={enrollment}&mal={template}"),
            )
            .await;
        thread.assert_ok_containing("Hva betyr utslettet på bildet?");
        assert!(
            thread
                .body
                .contains(">Takk for bildet. Dette ser ikke farlig ut.</textarea>"),
            "{label}"
        );
        assert!(
            thread
                .body
                .contains(&format!("/klinikk/vedlegg/{attachment}"))
        );
        // Opening it read it: the worklist says read, not answered.
        let list = app.get(Some(&k1), "/klinikk/varsler").await;
        assert!(list.body.contains("Lest, ikke besvart (1)"), "{label}");

        // A code that is not for message answers is refused, the text kept.
        let wrong = post_multipart(
            &app,
            &k1,
            &format!("/klinikk/pasient/{patient}/meldinger/{enrollment}"),
            &[("tekst", "Feil kode."), ("kode", "A0099")],
            &[],
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(wrong.body.contains("Velg en kode fra listen."));
        assert!(wrong.body.contains(">Feil kode.</textarea>"));
        let reply = post_multipart(
            &app,
            &k1,
            &format!("/klinikk/pasient/{patient}/meldinger/{enrollment}"),
            &[
                ("tekst", "Takk for bildet. Dette ser ikke farlig ut."),
                ("kode", "LOKAL-MELDING"),
            ],
            &[],
        )
        .await;
        reply.assert_redirect(&format!(
            "/klinikk/pasient/{patient}/meldinger?sendt=1#traad-{enrollment}"
        ));
        // The answer was coded: the month's activity report counts it.
        let report = app
            .get(Some(&k1), "/klinikk/aktivitet?maaned=2026-11")
            .await;
        assert!(
            report.body.contains("<td>LOKAL-MELDING</td><td>1</td>"),
            "{label}: {}",
            report.body
        );
        let list = app.get(Some(&k1), "/klinikk/varsler").await;
        list.assert_ok_containing("Ingen meldinger venter.");
        // The patient is told on both addresses they have, without the content.
        let told = one(
            &app,
            &format!(
                "SELECT channel || '|' || content FROM outbox
                 WHERE idempotency_key LIKE 'message:%' AND patient_id = '{patient}'"
            ),
        )
        .await;
        assert!(
            told.contains("sms|") && told.contains("email|"),
            "{label}: {told}"
        );
        assert!(
            told.contains("new_message") && !told.contains("bildet"),
            "{label}: {told}"
        );

        // The patient's menu counts it; reading it marks it read on both sides.
        let home = app.get(Some(&p3), "/pasient/moduler").await;
        assert!(home.body.contains("Meldingar (1 ulesne)"), "{label}");
        let page = app.get(Some(&p3), "/pasient/meldinger").await;
        page.assert_ok_containing("Takk for bildet. Dette ser ikke farlig ut.");
        assert!(page.body.contains("Lesen"), "{label}");
        let unread = one(
            &app,
            &format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM messages
                 WHERE read_at IS NULL AND patient_id = '{patient}'"
            ),
        )
        .await;
        assert_eq!(unread, "0", "{label}");
        let thread = app
            .get(Some(&k1), &format!("/klinikk/pasient/{patient}/meldinger"))
            .await;
        assert!(!thread.body.contains("Ikke lest ennå"), "{label}");

        // Another unit sees neither the thread nor the photo.
        let k2 = app.sign_in("kliniker2").await;
        let other = app
            .get(Some(&k2), &format!("/klinikk/vedlegg/{attachment}"))
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{label}");
        // Every read and write is in the access log.
        let logged = one(
            &app,
            "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'Communication'",
        )
        .await;
        assert!(logged.parse::<i64>().unwrap() >= 5, "{label}: {logged}");
    }
}

#[tokio::test]
async fn a_wrong_or_oversized_file_is_refused_and_nothing_is_stored() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let (patient, _) = patient_of(&app, "pasient3").await;
        let p3 = app.sign_in("pasient3").await;
        let program = b"MZ\x90\x00 this is a program";
        let res = post_multipart(
            &app,
            &p3,
            "/pasient/meldinger",
            &[("tekst", "Her er filen")],
            &[("bilde.jpg", program)],
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            res.body.contains("Berre bilete (JPEG eller PNG) og PDF"),
            "{label}"
        );
        // What was typed is kept.
        assert!(res.body.contains(">Her er filen</textarea>"), "{label}");
        let mut big = photo_with_location();
        big.resize(10 * 1024 * 1024 + 1, 0);
        let res = post_multipart(
            &app,
            &p3,
            "/pasient/meldinger",
            &[("tekst", "Stor")],
            &[("stor.jpg", &big)],
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(res.body.contains("større enn 10 MB"), "{label}");
        let res = post_multipart(&app, &p3, "/pasient/meldinger", &[("tekst", "  ")], &[]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let stored = one(
            &app,
            &format!(
                "SELECT CAST((SELECT COUNT(*) FROM messages WHERE patient_id = '{patient}')
                        + (SELECT COUNT(*) FROM message_attachments) AS TEXT)"
            ),
        )
        .await;
        assert_eq!(stored, "0", "{label}");
    }
}

#[tokio::test]
async fn a_one_way_program_lets_the_team_write_and_the_patient_read() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let (patient, enrollment) = patient_of(&app, "pasient8").await;
        let p8 = app.sign_in("pasient8").await;
        let page = app.get(Some(&p8), "/pasient/meldinger").await;
        page.assert_ok_containing("du kan ikke svare på dem");
        assert!(!page.body.contains("multipart/form-data"), "{label}");
        let res = post_multipart(&app, &p8, "/pasient/meldinger", &[("tekst", "Hei")], &[]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let k2 = app.sign_in("kliniker2").await;
        let res = post_multipart(
            &app,
            &k2,
            &format!("/klinikk/pasient/{patient}/meldinger/{enrollment}"),
            &[("tekst", "Husk kontrollen på tirsdag.")],
            &[],
        )
        .await;
        assert!(res.status.is_redirection(), "{label}: {}", res.status);
        let page = app.get(Some(&p8), "/pasient/meldinger").await;
        page.assert_ok_containing("Husk kontrollen på tirsdag.");
        // kliniker1 works in another unit: the thread is not theirs to write in.
        let k1 = app.sign_in("kliniker1").await;
        let res = post_multipart(
            &app,
            &k1,
            &format!("/klinikk/pasient/{patient}/meldinger/{enrollment}"),
            &[("tekst", "Hei")],
            &[],
        )
        .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{label}");
    }
}

#[tokio::test]
async fn a_message_unanswered_past_three_working_days_raises_one_alert() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let p3 = app.sign_in("pasient3").await;
        let res = post_multipart(
            &app,
            &p3,
            "/pasient/meldinger",
            &[("tekst", "Et spørsmål")],
            &[],
        )
        .await;
        assert!(res.status.is_redirection(), "{label}");
        let store = &app.db.store;
        assert_eq!(
            store
                .raise_unanswered_alerts(app.clock.now())
                .await
                .unwrap(),
            0
        );
        app.clock.advance(chrono::Duration::days(7));
        // Hers, and the demo's waiting question in the other unit: one per thread.
        assert_eq!(
            store
                .raise_unanswered_alerts(app.clock.now())
                .await
                .unwrap(),
            2,
            "{label}"
        );
        assert_eq!(
            store
                .raise_unanswered_alerts(app.clock.now())
                .await
                .unwrap(),
            0
        );
        let k1 = app.sign_in("kliniker1").await;
        let list = app.get(Some(&k1), "/klinikk/varsler").await;
        list.assert_ok_containing("En melding fra pasienten er ikke besvart innen svarfristen");
        assert!(list.body.contains("Over fristen"), "{label}");
    }
}

#[tokio::test]
async fn the_api_reads_and_sends_the_same_thread() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let (patient, enrollment) = patient_of(&app, "pasient3").await;
        let token = app.api_token("pasient3").await;
        let sent = app
            .send_api(
                "POST",
                Some(&token),
                "/fhir/Communication",
                &serde_json::json!({
                    "resourceType": "Communication",
                    "status": "completed",
                    "subject": { "reference": format!("Patient/{patient}") },
                    "payload": [{ "contentString": "Sendt fra en app" }]
                }),
                &[],
            )
            .await;
        assert_eq!(sent.status, StatusCode::CREATED, "{label}: {}", sent.body);
        let made = sent.json();
        assert_eq!(
            made["basedOn"][0]["reference"],
            format!("CarePlan/{enrollment}"),
            "{label}"
        );
        assert!(
            made["recipient"][0]["reference"]
                .as_str()
                .unwrap()
                .starts_with("Organization/")
        );
        carepath_test_support::fhir_validator::assert_valid_fhir(std::slice::from_ref(&made));
        let k1 = app.api_token("kliniker1").await;
        let found = app
            .get_api(
                Some(&k1),
                &format!("/fhir/Communication?subject=Patient/{patient}"),
            )
            .await;
        assert_eq!(found.json()["total"], 1, "{label}");
        let k2 = app.api_token("kliniker2").await;
        let found = app
            .get_api(
                Some(&k2),
                &format!("/fhir/Communication?subject=Patient/{patient}"),
            )
            .await;
        assert_eq!(found.json()["total"], 0, "{label}");
        let bad = app
            .send_api(
                "POST",
                Some(&token),
                "/fhir/Communication",
                &serde_json::json!({
                    "resourceType": "Communication",
                    "subject": { "reference": format!("Patient/{patient}") },
                    "payload": [{ "contentAttachment": { "contentType": "image/png", "data": "TVqQAAMAAAAEAAAA" } }]
                }),
                &[],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(bad.body.contains("OperationOutcome"), "{label}");
        let count = one(
            &app,
            &format!("SELECT CAST(COUNT(*) AS TEXT) FROM messages WHERE patient_id = '{patient}'"),
        )
        .await;
        assert_eq!(count, "1", "{label}");
    }
}

#[tokio::test]
async fn the_patients_own_copy_holds_the_messages_and_their_files() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let p3 = app.sign_in("pasient3").await;
        let photo = photo_with_location();
        let res = post_multipart(
            &app,
            &p3,
            "/pasient/meldinger",
            &[("tekst", "Magen er betre no")],
            &[("mage.jpg", &photo)],
        )
        .await;
        assert!(res.status.is_redirection(), "{label}");
        let bundle = app.get(Some(&p3), "/pasient/mine-data/fhir").await;
        let json: serde_json::Value = serde_json::from_str(&bundle.body).unwrap();
        let kinds: Vec<&str> = json["entry"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["resource"]["resourceType"].as_str())
            .collect();
        assert!(kinds.contains(&"Communication"), "{label}: {kinds:?}");
        assert!(kinds.contains(&"Binary"), "{label}: {kinds:?}");
        let print = app.get(Some(&p3), "/pasient/mine-data/utskrift").await;
        print.assert_ok_containing("Magen er betre no");
        assert!(print.body.contains("Vedlegg: mage.jpg"), "{label}");
    }
}
