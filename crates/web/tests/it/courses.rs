//! Courses for health professionals (issue 17): the catalogue and a course's page, open
//! to anyone, with every duration added up from the course's content.

use axum::http::StatusCode;
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn a_course_page_shows_the_durations_it_added_up_not_a_typed_total() {
    for app in TestApp::each_backend().await {
        let list = app.get(None, "/kurs").await;
        assert_eq!(list.status, StatusCode::OK, "{}", app.backend());
        assert!(
            list.body
                .contains("href=\"/kurs/digital-hjemmeoppfolging\"")
        );
        assert!(list.body.contains("Digital hjemmeoppfølging i praksis"));
        // Part 1 (310 minutes) and part 2 (300) add up to 10 h 10 min.
        assert!(
            list.body.contains("2 deler, til sammen 10 t 10 min."),
            "{}",
            list.body
        );

        let page = app.get(None, "/kurs/digital-hjemmeoppfolging").await;
        assert_eq!(page.status, StatusCode::OK);
        for shown in [
            "Tid: 5 t 10 min.",
            "Av dette er 3 t 40 min video.",
            "Tid: 5 t.",
            "Må fullføres først: Del 1: Nettkurs.",
            "FKM LM 41",
            "Allmennmedisin (emnekurs)",
        ] {
            assert!(page.body.contains(shown), "{shown} in {}", page.body);
        }
        // The seed's stated "about 45 minutes of video" and "15 hours" are nowhere.
        assert!(!page.body.contains("45 min video"));
        assert!(!page.body.contains("15 t"));

        let english = app
            .get(None, "/kurs/digital-hjemmeoppfolging?lang=en")
            .await;
        assert!(
            english.body.contains("Time: 5 h 10 min."),
            "{}",
            english.body
        );

        let missing = app.get(None, "/kurs/ingen-slik").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
}

const COURSE: &str = "/kurs/digital-hjemmeoppfolging";

/// The seven lessons of part 1, in order.
const LESSONS: [&str; 7] = [
    "hva-er-dho",
    "fastlege-og-responssenter",
    "teamarbeid",
    "ressursbruk",
    "pasientsentrert-team",
    "etablering",
    "fremtidens-tjeneste",
];

/// The offering's id from the address a proposal redirects to.
fn offering_id(location: &str) -> String {
    location
        .rsplit('/')
        .next()
        .expect("an offering's address")
        .to_owned()
}

/// The organiser proposes an offering with `capacity` places; the committee approves it.
async fn approved_offering(app: &TestApp, capacity: &str) -> String {
    let organiser = app.sign_in("arrangor1").await;
    let form = app
        .get(Some(&organiser), &format!("{COURSE}/tilbud/ny"))
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let unit = form
        .body
        .split("<select id=\"enhet\" name=\"enhet\"><option value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the organiser's unit")
        .to_owned();
    let proposed = app
        .post(
            Some(&organiser),
            &format!("{COURSE}/tilbud"),
            &[
                ("del", "del-2"),
                ("enhet", &unit),
                ("dato", "2027-02-10"),
                ("frist", "2027-02-01"),
                ("sted", "Auditoriet"),
                ("plasser", capacity),
                ("taler-oppstart", "Anne Lokal"),
            ],
        )
        .await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    let id = offering_id(proposed.location());
    let committee = app.sign_in("komite1").await;
    let approved = app
        .post(
            Some(&committee),
            &format!("{COURSE}/tilbud/{id}/steg"),
            &[
                ("steg", "approve"),
                ("versjon", "1"),
                ("kommentar", "Godkjent."),
            ],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    id
}

/// Answers every reflection question of every lesson not yet done.
async fn finish_part_one(app: &TestApp, who: &carepath_test_support::app::Session) {
    for key in LESSONS {
        let path = format!("{COURSE}/leksjon/{key}");
        let page = app.get(Some(who), &path).await;
        assert_eq!(page.status, StatusCode::OK, "{key}: {}", page.body);
        let n = page.body.matches("name=\"svar\"").count();
        assert!(n > 0, "{key} has reflection questions");
        let answers = vec![("svar", "Det vil jeg prøve hos oss."); n];
        let res = app.post(Some(who), &path, &answers).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{key}: {}", res.body);
    }
}

#[tokio::test]
async fn an_offering_is_proposed_decided_booked_and_attended() {
    for app in TestApp::each_backend().await {
        let organiser = app.sign_in("arrangor1").await;
        // A proposal that cannot be is refused with what to fix, nothing kept.
        let bad = app
            .post(
                Some(&organiser),
                &format!("{COURSE}/tilbud"),
                &[
                    ("del", "del-2"),
                    ("enhet", "not-a-unit"),
                    ("dato", "2027-02-10"),
                    ("frist", "2027-02-01"),
                    ("sted", "Auditoriet"),
                    ("plasser", "40"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::FORBIDDEN, "{}", app.backend());
        let form = app
            .get(Some(&organiser), &format!("{COURSE}/tilbud/ny"))
            .await;
        let unit = form
            .body
            .split("<select id=\"enhet\" name=\"enhet\"><option value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned();
        let full = app
            .post(
                Some(&organiser),
                &format!("{COURSE}/tilbud"),
                &[
                    ("del", "del-2"),
                    ("enhet", &unit),
                    ("dato", "2027-02-10"),
                    ("frist", "2027-02-01"),
                    ("sted", "Auditoriet"),
                    ("plasser", "600"),
                ],
            )
            .await;
        assert_eq!(full.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            full.body
                .contains("Antall plasser må være et helt tall fra 1 til 500."),
            "{}",
            full.body
        );
        assert!(
            full.body.contains("value=\"Auditoriet\""),
            "what was typed stays"
        );

        let proposed = app
            .post(
                Some(&organiser),
                &format!("{COURSE}/tilbud"),
                &[
                    ("del", "del-2"),
                    ("enhet", &unit),
                    ("dato", "2027-02-10"),
                    ("frist", "2027-02-01"),
                    ("sted", "Auditoriet"),
                    ("plasser", "20"),
                    ("taler-oppstart", "Anne Lokal"),
                ],
            )
            .await;
        assert_eq!(proposed.status, StatusCode::SEE_OTHER);
        let id = offering_id(proposed.location());
        let path = format!("{COURSE}/tilbud/{id}");
        // Waiting for the committee: not anyone's to read yet.
        assert_eq!(app.get(None, &path).await.status, StatusCode::NOT_FOUND);
        let participant = app.sign_in("deltaker1").await;
        assert_eq!(
            app.get(Some(&participant), &path).await.status,
            StatusCode::NOT_FOUND
        );
        // Only the committee decides, and never without a comment.
        let clinician = app.sign_in("kliniker1").await;
        let step = format!("{path}/steg");
        assert_eq!(
            app.post(
                Some(&clinician),
                &step,
                &[("steg", "approve"), ("versjon", "1"), ("kommentar", "ok")]
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "a clinician does not even see it"
        );
        assert_eq!(
            app.post(
                Some(&organiser),
                &step,
                &[("steg", "approve"), ("versjon", "1"), ("kommentar", "ok")]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let committee = app.sign_in("komite1").await;
        let page = app.get(Some(&committee), &path).await;
        assert!(page.body.contains("Kurskomiteens vedtak"), "{}", page.body);
        let silent = app
            .post(
                Some(&committee),
                &step,
                &[
                    ("steg", "ask-for-changes"),
                    ("versjon", "1"),
                    ("kommentar", " "),
                ],
            )
            .await;
        assert_eq!(silent.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(silent.body.contains("Skriv en kommentar til arrangøren"));
        let asked = app
            .post(
                Some(&committee),
                &step,
                &[
                    ("steg", "ask-for-changes"),
                    ("versjon", "1"),
                    ("kommentar", "Flytt fristen en uke tidligere."),
                ],
            )
            .await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER);
        // The organiser changes it and sends it again; the committee approves.
        let again = app
            .post(
                Some(&organiser),
                &step,
                &[
                    ("steg", "propose"),
                    ("versjon", "2"),
                    ("del", "del-2"),
                    ("enhet", &unit),
                    ("dato", "2027-02-10"),
                    ("frist", "2027-01-25"),
                    ("sted", "Auditoriet"),
                    ("plasser", "20"),
                    ("taler-oppstart", "Anne Lokal"),
                    ("kommentar", "Fristen er flyttet."),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
        // A decision on the version seen before the change is refused, not applied.
        let stale = app
            .post(
                Some(&committee),
                &step,
                &[("steg", "approve"), ("versjon", "2"), ("kommentar", "ok")],
            )
            .await;
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(stale.body.contains("Noen andre endret kurstilbudet"));
        let approved = app
            .post(
                Some(&committee),
                &step,
                &[
                    ("steg", "approve"),
                    ("versjon", "3"),
                    ("kommentar", "Godkjent."),
                ],
            )
            .await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        let public = app.get(None, &path).await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(public.body.contains("Anne Lokal"));
        assert!(
            public.body.contains("25. januar 2027"),
            "the changed deadline"
        );
        assert!(
            !public.body.contains("Flytt fristen"),
            "the history is for those running the course"
        );
        let history = app.get(Some(&organiser), &path).await;
        assert!(history.body.contains("Flytt fristen en uke tidligere."));
        assert!(history.body.contains("Kari Komité"));

        // deltaker1 has done three of seven lessons: part 2 is closed, and says why.
        let page = app.get(Some(&participant), &path).await;
        assert!(
            page.body
                .contains("Denne delen åpner når du har fullført: Del 1: Nettkurs."),
            "{}",
            page.body
        );
        let early = app
            .post(Some(&participant), &format!("{path}/plass"), &[])
            .await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
        let course = app.get(Some(&participant), COURSE).await;
        assert!(course.body.contains("3 av 7 leksjoner fullført."));
        // An answer missing or blank is refused, what was written stays, and the lesson
        // already finished stays finished (teamarbeid: two questions, done in the demo).
        let lesson = format!("{COURSE}/leksjon/teamarbeid");
        let n = app
            .get(Some(&participant), &lesson)
            .await
            .body
            .matches("name=\"svar\"")
            .count();
        assert_eq!(n, 2, "teamarbeid has two reflection questions");
        let half = app
            .post(Some(&participant), &lesson, &[("svar", "Bare ett svar")])
            .await;
        assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(half.body.contains("Bare ett svar"));
        assert!(half.body.contains("Svar på alle refleksjonsspørsmålene"));
        let blank = app
            .post(
                Some(&participant),
                &lesson,
                &[("svar", "Et svar"), ("svar", "   ")],
            )
            .await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        let course = app.get(Some(&participant), COURSE).await;
        assert!(course.body.contains("3 av 7 leksjoner fullført."));
        finish_part_one(&app, &participant).await;
        let course = app.get(Some(&participant), COURSE).await;
        assert!(course.body.contains("7 av 7 leksjoner fullført."));
        // Nobody else reads a participant's reflections: the lesson pages are theirs.
        assert_eq!(
            app.get(Some(&organiser), &lesson).await.status,
            StatusCode::FORBIDDEN
        );

        let booked = app
            .post(Some(&participant), &format!("{path}/plass"), &[])
            .await;
        assert_eq!(booked.status, StatusCode::SEE_OTHER);
        let page = app.get(Some(&participant), &path).await;
        assert!(page.body.contains("Du har plass."), "{}", page.body);

        // The organiser marks them present, which completes part 2 and the course.
        let list = app.get(Some(&organiser), &path).await;
        assert!(list.body.contains("Dina Deltaker"), "{}", list.body);
        assert!(
            list.body
                .contains("Sykepleier, Fjell kommune, hjemmetjenesten, Vestland")
        );
        let user = list
            .body
            .split("name=\"deltaker\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned();
        assert_eq!(
            app.post(
                Some(&participant),
                &format!("{path}/oppmote"),
                &[("deltaker", &user), ("oppmote", "mott")]
            )
            .await
            .status,
            StatusCode::FORBIDDEN,
            "a participant does not mark themselves present"
        );
        let marked = app
            .post(
                Some(&organiser),
                &format!("{path}/oppmote"),
                &[("deltaker", &user), ("oppmote", "mott")],
            )
            .await;
        assert_eq!(marked.status, StatusCode::SEE_OTHER);
        let done = app.get(Some(&participant), COURSE).await;
        assert!(
            done.body.contains("Du har fullført hele kurset."),
            "{}",
            done.body
        );
        let mine = app.get(Some(&participant), "/mine-kurs").await;
        assert!(mine.body.contains("Du deltok."), "{}", mine.body);

        // The certificate: a PDF, the same one each time, its code checkable by anyone.
        let pdf = app
            .get(Some(&participant), &format!("{COURSE}/kursbevis"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK, "{}", app.backend());
        assert!(pdf.body.starts_with("%PDF"));
        check_certificate(&app, "deltaker1", "Dina Deltaker").await;
    }
}

/// The issued certificate's code (from the store: it is printed only in the PDF) opens
/// `/bevis/{code}` with what the certificate says; a changed code is refused.
async fn check_certificate(app: &TestApp, username: &str, name: &str) {
    let store = &app.db.store;
    let course = store
        .latest_course("digital-hjemmeoppfolging")
        .await
        .unwrap()
        .unwrap();
    let user = store.account_id(username).await.unwrap().unwrap();
    let (_, code) = store
        .certificate_of(course.course_id, user)
        .await
        .unwrap()
        .expect("a certificate issued");
    assert_eq!(code.len(), 16);
    let printed = carepath_domain::course::certificate::print_code(&code);
    let page = app.get(None, &format!("/bevis/{printed}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for shown in [
        name,
        "Digital hjemmeoppfølging i praksis",
        "ALM 004",
        "10 t 10 min",
    ] {
        assert!(page.body.contains(shown), "{shown} in {}", page.body);
    }
    // One character changed is another code, and no certificate has it.
    let last = code.chars().last().unwrap();
    let changed = format!("{}{}", &code[..15], if last == 'A' { 'B' } else { 'A' });
    let page = app.get(None, &format!("/bevis/{changed}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Ingen kursbevis har denne koden"));
    assert!(!page.body.contains(name));
    // The form sends a typed code to its address.
    let typed = app
        .get(None, &format!("/bevis?kode={}", printed.to_lowercase()))
        .await;
    assert!(typed.status.is_redirection());
}

#[tokio::test]
async fn a_full_day_puts_the_next_on_the_waiting_list_and_moves_them_up() {
    for app in TestApp::each_backend().await {
        let id = approved_offering(&app, "1").await;
        let path = format!("{COURSE}/tilbud/{id}");
        let first = app.sign_in("deltaker2").await;
        let second = app.sign_in("deltaker1").await;
        finish_part_one(&app, &second).await;
        assert_eq!(
            app.post(Some(&first), &format!("{path}/plass"), &[])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            app.post(Some(&second), &format!("{path}/plass"), &[])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let page = app.get(Some(&second), &path).await;
        assert!(
            page.body
                .contains("Du står på venteliste. Du er først i køen."),
            "{}: {}",
            app.backend(),
            page.body
        );
        assert!(page.body.contains("1 av 1 plasser tatt, 1 på venteliste."));
        let cancelled = app
            .post(Some(&first), &format!("{path}/avbestilling"), &[])
            .await;
        assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
        let page = app.get(Some(&second), &path).await;
        assert!(page.body.contains("Du har plass."), "{}", page.body);
        assert!(page.body.contains("1 av 1 plasser tatt, 0 på venteliste."));
    }
}

#[tokio::test]
async fn the_course_roles_land_on_their_courses_and_see_what_waits() {
    for app in TestApp::each_backend().await {
        for who in [
            "kurseier1",
            "komite1",
            "arrangor1",
            "deltaker1",
            "deltaker2",
        ] {
            let res = app
                .post(None, "/logg-inn/demo", &[("brukernavn", who)])
                .await;
            res.assert_redirect("/mine-kurs");
        }
        let committee = app.sign_in("komite1").await;
        let mine = app.get(Some(&committee), "/mine-kurs").await;
        assert!(
            mine.body
                .contains("Ett kurstilbud venter på komiteens vedtak."),
            "{}",
            mine.body
        );
        // The owner sees every offering with its status, the one waiting too; a visitor
        // only the approved day still to come.
        let owner = app.sign_in("kurseier1").await;
        let page = app.get(Some(&owner), COURSE).await;
        assert!(page.body.contains("Du er med på å drive dette kurset."));
        assert!(
            page.body.contains("Venter på kurskomiteen"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Holdt"));
        let visitor = app.get(None, COURSE).await;
        assert_eq!(
            visitor.body.matches("/tilbud/").count(),
            1,
            "{}",
            visitor.body
        );
        let d2 = app.sign_in("deltaker2").await;
        let mine = app.get(Some(&d2), "/mine-kurs").await;
        assert!(
            mine.body.contains("Du har fullført hele kurset."),
            "{}",
            mine.body
        );
        let d1 = app.sign_in("deltaker1").await;
        let course = app.get(Some(&d1), COURSE).await;
        assert!(course.body.contains("3 av 7 leksjoner fullført."));
        // Not done: no certificate.
        assert_eq!(
            app.get(Some(&d1), &format!("{COURSE}/kursbevis"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // A patient does not register for courses for health professionals.
        let patient = app.sign_in("pasient1").await;
        let page = app.get(Some(&patient), COURSE).await;
        assert!(
            !page
                .body
                .contains("action=\"/kurs/digital-hjemmeoppfolging/pamelding\"")
        );
        let refused = app
            .post(
                Some(&patient),
                &format!("{COURSE}/pamelding"),
                &[("yrke", "nurse"), ("arbeidssted", "x"), ("region", "46")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_part_is_evaluated_once_and_read_only_added_up() {
    for app in TestApp::each_backend().await {
        let participant = app.sign_in("deltaker1").await;
        let form = format!("{COURSE}/evaluering/del-1");
        // Three of seven lessons done: nothing to evaluate yet.
        assert_eq!(
            app.get(Some(&participant), &form).await.status,
            StatusCode::FORBIDDEN
        );
        finish_part_one(&app, &participant).await;
        let mine = app.get(Some(&participant), "/mine-kurs").await;
        assert!(
            mine.body.contains(&format!("href=\"{form}\"")),
            "{}",
            mine.body
        );
        let page = app.get(Some(&participant), &form).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("Vil du anbefale kurset til en kollega?"));
        assert!(page.body.contains("aldri hvem som har svart hva"));

        // A required question left out: every problem beside its question, nothing kept.
        let missing = app
            .post(
                Some(&participant),
                &form,
                &[("nytte", "4"), ("niva", "passe"), ("anbefale", "true")],
            )
            .await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            missing.body.contains("href=\"#q-helhet\""),
            "{}",
            missing.body
        );
        assert!(
            missing.body.contains("value=\"4\" checked"),
            "typed answers are kept"
        );

        let answers = [
            ("helhet", "5"),
            ("nytte", "4"),
            ("niva", "passe"),
            ("anbefale", "true"),
            ("endre", "Flere eksempler fra sykehjem."),
        ];
        let sent = app.post(Some(&participant), &form, &answers).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let thanks = app.get(Some(&participant), &form).await;
        assert!(thanks.body.contains("Evalueringen din er sendt."));
        assert!(!thanks.body.contains("name=\"helhet\""));
        // A second send changes nothing.
        let again = app.post(Some(&participant), &form, &answers).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        let mine = app.get(Some(&participant), "/mine-kurs").await;
        assert!(!mine.body.contains(&format!("href=\"{form}\"")));
        // The day part is not theirs to evaluate before they attended it.
        assert_eq!(
            app.get(Some(&participant), &format!("{COURSE}/evaluering/del-2"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Participants do not read evaluations.
        let results = format!("{COURSE}/evalueringer");
        assert_eq!(
            app.get(Some(&participant), &results).await.status,
            StatusCode::FORBIDDEN
        );
        let owner = app.sign_in("kurseier1").await;
        let page = app.get(Some(&owner), &results).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for shown in [
            // Part 1: deltaker1, deltaker2 and five colleagues; part 2: the colleagues.
            "7 evalueringer.",
            "5 evalueringer.",
            "Alle evalueringer sendt i 2026",
            "Samlingen",
            "Møterom Fjorden",
            // Four of the five colleagues would recommend the day.
            "80 %",
            "Flere eksempler fra sykehjem.",
            "Mer tid til spørsmål på slutten.",
        ] {
            assert!(page.body.contains(shown), "{shown} in {}", page.body);
        }
        for hidden in ["Dina Deltaker", "Trine Trondsen", "deltaker3"] {
            assert!(!page.body.contains(hidden), "{hidden} shown");
        }
        // On an English page the questionnaire's Norwegian texts say which language they are.
        let english = app.get(Some(&owner), &format!("{results}?lang=en")).await;
        assert!(english.body.contains("Evaluations of"), "{}", english.body);
        assert!(english.body.contains("<caption lang=\"nb\">"));
        // The organiser reads their own day's results, not the year's over every day.
        let organiser = app.sign_in("arrangor1").await;
        let page = app.get(Some(&organiser), &results).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Møterom Fjorden"));
        assert!(!page.body.contains("Alle evalueringer sendt i"));
    }
}
