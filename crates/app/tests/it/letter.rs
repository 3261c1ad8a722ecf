//! Letters to the GP (decision 0034): the 3-month answer makes a draft with the right
//! scores; it waits for addresses; signed, it is set once as a PDF (read back with
//! pdftotext) in a Hodemelding with the Dialogmelding inside, and sending again is a
//! choice of its own.

use base64::Engine;
use carepath_app::access::Actor;
use carepath_app::letter::{self, LetterError};
use carepath_domain::Id;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::letter::{HerId, Hold, LetterStatus, SignProblem};
use carepath_domain::user::Role;
use carepath_fhir::{FormAnswers, QuestionnaireResponse};
use carepath_store::Store;
use carepath_test_support::each_backend;
use carepath_test_support::fixtures as setup;
use chrono::{DateTime, Duration, TimeZone, Utc};

/// The symptom form answered through the use case at `at` (its task opened first).
async fn symptoms(store: &Store, e: &Enrollment, values: [u32; 5], at: DateTime<Utc>) {
    store
        .run_scheduler(at, "https://carepath.test")
        .await
        .unwrap();
    let q = store
        .questionnaire(e.program_version_id, "ibs-symptomskaar")
        .await
        .unwrap();
    let answers: FormAnswers = [
        "smerte-styrke",
        "smerte-dager",
        "oppblasthet",
        "avforing-misnoye",
        "livet-pavirket",
    ]
    .into_iter()
    .zip(values)
    .map(|(k, v)| (k.to_owned(), vec![v.to_string()]))
    .collect();
    let mut response =
        QuestionnaireResponse::from_form(&q.questionnaire, &answers, &at.to_rfc3339()).unwrap();
    response.id = Some(Id::<QuestionnaireResponse>::new().to_string());
    carepath_app::response::submit(
        store,
        carepath_app::response::Submission {
            patient: e.patient_id,
            enrollment: Some(e),
            acting_unit: None,
            questionnaire: &q,
            response,
            by: None,
            audit: None,
            existed: false,
            public_url: None,
        },
        at,
    )
    .await
    .unwrap();
}

fn text_of_pdf(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) reads the letter; .ci/run installs it");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_letter_is_drafted_at_three_months_held_without_addresses_and_sent_once() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap();
        let (unit, program) = setup::unit_running(store, "Mage-tarm", "ibs-school", start).await;
        let (p, e) =
            setup::active_patient(store, &unit, &program, "010190000", "Åse Øvrebø", start).await;
        let user = store.create_user("kari", "Kari Bø", start).await.unwrap();
        store
            .grant_role(user.id, Role::Clinician, Some(unit.id))
            .await
            .unwrap();
        let codes =
            carepath_package::activity_codes(carepath_package::SHIPPED_ACTIVITY_CODES).unwrap();
        let kari = Actor {
            account: user.id,
            roles: store.roles(user.id).await.unwrap(),
            session: String::new(),
        };

        // 70 + 8x10 + 65 + 75 + 60 = 350 (severe) at the start; 155 (mild) at 3 months.
        symptoms(store, &e, [70, 8, 65, 75, 60], start + Duration::hours(1)).await;
        assert!(
            store.patient_letters(p.id).await.unwrap().is_empty(),
            "no letter at the start ({})",
            db.label
        );
        let three = start + Duration::days(91);
        symptoms(store, &e, [35, 3, 30, 35, 25], three).await;
        let letters = store.patient_letters(p.id).await.unwrap();
        assert_eq!(letters.len(), 1, "one draft at 3 months ({})", db.label);
        let draft = letters[0].clone();
        assert_eq!(
            (draft.point.as_str(), draft.status),
            ("etter-3-maaneder", LetterStatus::Draft)
        );
        assert_eq!(
            draft.unit_id, unit.id,
            "the unit that runs the enrollment owns it"
        );
        // Answering again at the point makes no second draft.
        symptoms(store, &e, [30, 3, 30, 35, 25], three + Duration::hours(2)).await;
        assert_eq!(store.patient_letters(p.id).await.unwrap().len(), 1);

        let (view, event) = letter::open(store, &kari, draft.id).await.unwrap();
        assert_eq!(event.resource_type, "DocumentReference");
        let line = &view.facts.scores[0];
        assert_eq!(
            line.start.as_ref().map(|s| s.value),
            Some(350.0),
            "{}",
            db.label
        );
        assert_eq!(
            line.now.as_ref().map(|s| s.value),
            Some(150.0),
            "the newest answer at the point"
        );
        assert_eq!(
            line.responder,
            Some(true),
            "a fall of 200 points is a response"
        );
        assert_eq!(line.band_changed(), Some(true));
        assert!(view.assessment.contains("350"), "{}", view.assessment);
        assert_eq!(view.hold, Some(Hold::NoGpHerId), "the GP has no HER-id yet");

        let assessment = "Symptomene er klart redusert. Pasienten bør fortsette med rådene – særlig måltidsrytmen. ÆØÅ æøå.";
        let refused = letter::sign(
            store,
            &kari,
            letter::Sign {
                letter: draft.id,
                version: draft.version,
                assessment,
                again: false,
                code: None,
            },
            &codes,
            three,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(
                refused,
                LetterError::Problem(SignProblem::Held(Hold::NoGpHerId))
            ),
            "{refused:?}"
        );

        // The addresses, then the signature.
        let patient = store.patient(p.id).await.unwrap();
        carepath_app::patient::change_contact(
            store,
            p.id,
            patient.version,
            carepath_app::patient::Contact {
                gp_name: Some("Dr. Ærlig, Fjell legesenter".into()),
                gp_her_id: HerId::parse("123456").ok(),
                ..Default::default()
            },
            &[],
            three,
        )
        .await
        .unwrap();
        let held = letter::sign(
            store,
            &kari,
            letter::Sign {
                letter: draft.id,
                version: draft.version,
                assessment,
                again: false,
                code: None,
            },
            &codes,
            three,
        )
        .await
        .unwrap_err();
        assert!(matches!(
            held,
            LetterError::Problem(SignProblem::Held(Hold::NoUnitHerId))
        ));
        carepath_app::organization::set_unit_contacts(store, unit.id, ("", "", "", "", "654321"))
            .await
            .unwrap();
        let empty = letter::sign(
            store,
            &kari,
            letter::Sign {
                letter: draft.id,
                version: draft.version,
                assessment: "  ",
                again: false,
                code: None,
            },
            &codes,
            three,
        )
        .await
        .unwrap_err();
        assert!(matches!(
            empty,
            LetterError::Problem(SignProblem::NoAssessment)
        ));
        letter::sign(
            store,
            &kari,
            letter::Sign {
                letter: draft.id,
                version: draft.version,
                assessment,
                again: false,
                code: None,
            },
            &codes,
            three,
        )
        .await
        .unwrap();
        let on_its_way = store.letter(draft.id).await.unwrap().unwrap();
        assert_eq!(on_its_way.status, LetterStatus::Sending);
        assert_eq!(on_its_way.assessment.as_deref(), Some(assessment));
        let twice = letter::sign(
            store,
            &kari,
            letter::Sign {
                letter: draft.id,
                version: on_its_way.version,
                assessment,
                again: true,
                code: None,
            },
            &codes,
            three,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(twice, LetterError::Problem(SignProblem::Sending)),
            "{twice:?}"
        );

        // The job sets it once and queues it once.
        assert_eq!(
            letter::render_signed(store, three).await.unwrap(),
            1,
            "{}",
            db.label
        );
        assert_eq!(letter::render_signed(store, three).await.unwrap(), 0);
        let queued = store
            .dump_for_tests(&format!(
                "SELECT channel || ' ' || recipient FROM outbox WHERE idempotency_key = 'letter:{}:1'",
                draft.id
            ))
            .await
            .unwrap();
        assert_eq!(queued, "dialogmelding 123456");

        let pdf = store.letter_pdf(draft.id).await.unwrap().unwrap();
        let text = text_of_pdf(&pdf);
        for expected in [
            "Åse Øvrebø",
            "350",
            "150",
            "200",
            "ÆØÅ æøå",
            "måltidsrytmen",
            "Kari Bø",
            "Dr. Ærlig",
        ] {
            assert!(text.contains(expected), "the PDF has {expected:?}:\n{text}");
        }

        // The Hodemelding: addressed by HER-id, the patient by number, the PDF inside.
        let xml =
            String::from_utf8(store.letter_message(draft.id).await.unwrap().unwrap()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "MsgHead");
        assert_eq!(
            root.tag_name().namespace(),
            Some(carepath_document::dialogmelding::MSGHEAD_NS)
        );
        let find = |name: &str| {
            doc.descendants()
                .find(|n| n.tag_name().name() == name)
                .unwrap()
        };
        let id_under = |parent: &str| {
            find(parent)
                .descendants()
                .find(|n| n.tag_name().name() == "Id")
                .and_then(|n| n.text())
                .unwrap()
                .to_owned()
        };
        assert_eq!(find("Type").attribute("V"), Some("DIALOG_NOTAT"));
        assert_eq!(id_under("Receiver"), "123456");
        assert_eq!(id_under("Sender"), "654321");
        assert_eq!(id_under("Patient"), p.nin.expose());
        assert_eq!(
            find("Dialogmelding").tag_name().namespace(),
            Some(carepath_document::dialogmelding::DIALOG_NS)
        );
        let attached = base64::engine::general_purpose::STANDARD
            .decode(find("Base64Container").text().unwrap())
            .unwrap();
        assert_eq!(attached, pdf, "the attachment is the letter's PDF");

        // Delivered: a second sending is a choice of its own.
        letter::delivered(store, &draft.id.to_string(), three)
            .await
            .unwrap();
        let sent = store.letter(draft.id).await.unwrap().unwrap();
        assert_eq!(sent.status, LetterStatus::Sent);
        let again = letter::sign(
            store,
            &kari,
            letter::Sign {
                letter: draft.id,
                version: sent.version,
                assessment,
                again: false,
                code: None,
            },
            &codes,
            three,
        )
        .await
        .unwrap_err();
        assert!(matches!(
            again,
            LetterError::Problem(SignProblem::AlreadySent)
        ));
        letter::sign(
            store,
            &kari,
            letter::Sign {
                letter: draft.id,
                version: sent.version,
                assessment,
                again: true,
                code: None,
            },
            &codes,
            three,
        )
        .await
        .unwrap();
        assert_eq!(letter::render_signed(store, three).await.unwrap(), 1);
        let messages = store
            .dump_for_tests(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM outbox WHERE idempotency_key LIKE 'letter:{}:%'",
                draft.id
            ))
            .await
            .unwrap();
        assert_eq!(messages, "2", "sent again on purpose: a second message");
    }
}

/// A letter point whose form is never answered still makes its draft when the window
/// closes, once, saying nothing was answered: the GP still hears.
#[tokio::test]
async fn a_letter_point_left_unanswered_makes_its_draft_when_the_window_closes() {
    for db in each_backend().await {
        let store = &db.store;
        let start = Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap();
        let (unit, program) = setup::unit_running(store, "Mage-tarm", "ibs-school", start).await;
        let (p, e) =
            setup::active_patient(store, &unit, &program, "010190000", "Åse Øvrebø", start).await;
        symptoms(store, &e, [70, 8, 65, 75, 60], start + Duration::hours(1)).await;
        // The 3-month forms open and are never answered.
        let three = start + Duration::days(91);
        store
            .run_scheduler(three, "https://carepath.test")
            .await
            .unwrap();
        let closes = store
            .pending_tasks(e.id)
            .await
            .unwrap()
            .iter()
            .map(|t| t.expires_at)
            .max()
            .expect("the 3-month tasks are open");
        assert_eq!(
            letter::drafts_after_closing(store, closes - Duration::minutes(1))
                .await
                .unwrap(),
            0,
            "nothing while the window is open ({})",
            db.label
        );
        let after = closes + Duration::minutes(1);
        store
            .run_scheduler(after, "https://carepath.test")
            .await
            .unwrap();
        assert_eq!(letter::drafts_after_closing(store, after).await.unwrap(), 1);
        assert_eq!(
            letter::drafts_after_closing(store, after + Duration::minutes(1))
                .await
                .unwrap(),
            0,
            "once"
        );
        let letters = store.patient_letters(p.id).await.unwrap();
        assert_eq!(letters.len(), 1, "{}", db.label);
        assert_eq!(letters[0].point, "etter-3-maaneder");
        let kari = store.create_user("kari", "Kari Bø", start).await.unwrap();
        store
            .grant_role(kari.id, Role::Clinician, Some(unit.id))
            .await
            .unwrap();
        let kari = Actor {
            account: kari.id,
            roles: store.roles(kari.id).await.unwrap(),
            session: String::new(),
        };
        let (view, _) = letter::open(store, &kari, letters[0].id).await.unwrap();
        assert!(view.facts.scores[0].now.is_none(), "not answered");
        assert!(view.facts.scores[0].start.is_some());
    }
}
