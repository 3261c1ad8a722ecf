//! The care team's pages: list, search, paging, referral and enrollment.

use axum::http::StatusCode;
use carepath_domain::NationalIdNumber;
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn the_patient_list_searches_by_name_and_number_and_filters_by_status() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("kliniker1").await;
        let found = app.get(Some(&s), "/klinikk?sok=haugen").await;
        found.assert_ok_containing("Ola Demo Haugen");
        assert!(found.body.contains("1 pasient<"), "{}", app.backend());
        // Words in any order, each part of the name.
        let reversed = app.get(Some(&s), "/klinikk?sok=Haugen+Ola").await;
        reversed.assert_ok_containing("Ola Demo Haugen");
        assert!(reversed.body.contains("1 pasient<"));
        let wrong = app.get(Some(&s), "/klinikk?sok=Haugen+Kari").await;
        wrong.assert_ok_containing("Ingen pasienter passer");
        let active = app.get(Some(&s), "/klinikk?status=active").await;
        active.assert_ok_containing("2 pasienter");
        let none = app.get(Some(&s), "/klinikk?sok=finnesikke").await;
        none.assert_ok_containing("Ingen pasienter passer");
        let bad_page = app.get(Some(&s), "/klinikk?side=abc&status=tull").await;
        bad_page.assert_ok_containing("5 pasienter");

        // A paused enrollment says so, and is found under "paused", not "active".
        let ola = crate::patient_id_of(&app, "pasient2").await;
        let page = app.get(Some(&s), &format!("/klinikk/pasient/{ola}")).await;
        let enrollment = page
            .body
            .split("/klinikk/innskriving/")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default()
            .to_owned();
        app.post(
            Some(&s),
            &format!("/klinikk/innskriving/{enrollment}/status"),
            &[("handling", "pause")],
        )
        .await
        .assert_redirect(&format!("/klinikk/pasient/{ola}?status=pause"));
        let paused = app.get(Some(&s), "/klinikk?status=paused").await;
        paused.assert_ok_containing("Ola Demo Haugen");
        assert!(paused.body.contains("1 pasient<") && paused.body.contains("På pause"));
        assert!(paused.body.contains(r#"<option value="paused" selected>"#));
        let active = app.get(Some(&s), "/klinikk?status=active").await;
        assert!(!active.body.contains("Ola Demo Haugen"), "{}", active.body);
        assert!(active.body.contains("1 pasient<"));
    }
}

#[tokio::test]
async fn a_referral_is_registered_with_a_validated_number_and_the_patient_enrolled() {
    for app in TestApp::each_backend().await {
        let s = app.sign_in("kliniker1").await;
        let form = app.get(Some(&s), "/klinikk/henvisning").await;
        form.assert_ok_containing("Registrer henvisning");
        let program = crate::first_program_option(&form.body);

        let good = NationalIdNumber::complete("120385000")
            .or_else(|| NationalIdNumber::complete("120385001"))
            .unwrap()
            .expose();
        let mut typo = good.clone().into_bytes();
        typo[10] = if typo[10] == b'9' { b'0' } else { typo[10] + 1 };
        let typo = String::from_utf8(typo).unwrap();
        let bad = app
            .post(
                Some(&s),
                "/klinikk/henvisning",
                &[
                    ("program", &program),
                    ("fodselsnummer", &typo),
                    ("navn", "N"),
                    ("kilde", "gp"),
                    ("region", "atlantis"),
                ],
            )
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.backend()
        );
        assert!(bad.body.contains("Kontrollsifrene stemmer ikke"));
        assert!(bad.body.contains("Skriv pasientens fulle navn"));
        assert!(bad.body.contains("Velg hvor pasienten hørte om tilbudet"));
        assert!(
            bad.body
                .contains("Velg et fylke eller en helseregion fra listen.")
        );
        assert!(
            bad.body.contains(&format!(r#"value="{typo}""#)),
            "what was typed is kept"
        );

        let fields = [
            ("program", program.as_str()),
            ("fodselsnummer", good.as_str()),
            ("navn", "Per Henvist"),
            ("fastlege", "Dr. Lege"),
            ("kilde", "gp"),
            ("hort_om", "website"),
            ("region", "46"),
            ("sprak", "uk"),
            ("epost", "per@example.no"),
            ("mobil", "+47 400 00 001"),
        ];
        let mut wrong = fields.to_vec();
        wrong.retain(|(k, _)| *k != "epost");
        wrong.push(("epost", "per.example.no"));
        let refused = app.post(Some(&s), "/klinikk/henvisning", &wrong).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("E-postadressen er ikke gyldig"));
        assert!(refused.body.contains(r#"value="per.example.no""#));
        let ok = app.post(Some(&s), "/klinikk/henvisning", &fields).await;
        assert!(ok.status.is_redirection(), "{}: {}", app.backend(), ok.body);
        let patient_url = ok.location().split('?').next().unwrap().to_owned();
        let page = app.get(Some(&s), ok.location()).await;
        page.assert_ok_containing("Henvisningen er registrert");
        // The referring GP's region is kept for the dissemination statistics.
        assert_eq!(
            app.db
                .store
                .dump_for_tests(
                    "SELECT r.region FROM referrals r JOIN patients p ON p.id = r.patient_id
                     WHERE p.name = 'Per Henvist'"
                )
                .await
                .unwrap(),
            "46"
        );
        assert!(page.body.contains("per@example.no") && page.body.contains("+4740000001"));
        assert!(
            page.body.contains("12. mars 1985"),
            "birth date from the number"
        );
        // Referred and not yet enrolled: found again on the patient list, by name.
        let list = app.get(Some(&s), "/klinikk?sok=Henvist+Per").await;
        list.assert_ok_containing("Henvist, ikke skrevet inn (1)");
        assert!(
            list.body
                .contains(&format!(r#"<a href="{patient_url}">Per Henvist</a>"#)),
            "{}",
            list.body
        );
        let version = page
            .body
            .split(r#"name="versjon"><option value=""#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();

        app.post(
            Some(&s),
            &format!("{patient_url}/innskriving"),
            &[("versjon", &version)],
        )
        .await
        .assert_redirect(&format!("{patient_url}?innskrevet=1"));
        let again = app
            .post(
                Some(&s),
                &format!("{patient_url}/innskriving"),
                &[("versjon", &version)],
            )
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.body.contains("allerede skrevet inn"));
        let list = app.get(Some(&s), "/klinikk?sok=per+henvist").await;
        list.assert_ok_containing("Invitert");
        assert!(
            !list.body.contains("Henvist, ikke skrevet inn"),
            "enrolled, no longer waiting"
        );

        // The patient reads Ukrainian: what is sent to them will be in it.
        let language = || async {
            app.db
                .store
                .dump_for_tests("SELECT language FROM patients WHERE name = 'Per Henvist'")
                .await
                .unwrap()
        };
        assert_eq!(language().await, "uk", "{}", app.backend());

        // A second referral of the same person finds the existing patient, and does not
        // overrule the language they have.
        let mut again = fields.to_vec();
        again.retain(|(k, _)| *k != "sprak");
        again.push(("sprak", "nb"));
        let second = app.post(Some(&s), "/klinikk/henvisning", &again).await;
        assert_eq!(second.location().split('?').next().unwrap(), patient_url);
        assert_eq!(language().await, "uk");
        // The clinician is told the number belonged to a registered patient already.
        let told = app.get(Some(&s), second.location()).await;
        told.assert_ok_containing("var registrert fra før med dette fødselsnummeret");
        assert!(
            ok.location().ends_with("henvisning=ny"),
            "{}",
            ok.location()
        );
    }
}

#[tokio::test]
async fn each_answer_on_the_patients_page_is_named_by_its_timepoint() {
    for app in TestApp::each_backend().await {
        // pasient4 finished the IBS school: answers at the start, 3 and 6 months.
        let patient = crate::patient_id_of(&app, "pasient4").await;
        let k1 = app.sign_in("kliniker1").await;
        let page = app
            .get(Some(&k1), &format!("/klinikk/pasient/{patient}"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let start = page.body.find("ved start (").expect("the start");
        let heads: Vec<&str> = page
            .body
            .split("<h4>")
            .skip(1)
            .map(|h| h.split("</h4>").next().unwrap())
            .collect();
        let three = page
            .body
            .find("etter 3 måneder (")
            .unwrap_or_else(|| panic!("3 months: {heads:?}"));
        let six = page.body.find("etter 6 måneder (").expect("6 months");
        assert!(
            start < three && three < six,
            "oldest first ({})",
            app.backend()
        );
        assert!(!page.body.contains("Startskjema"));
        assert!(
            !page.body.contains("Andre enheter har opplysninger"),
            "only unit 1 keeps records of pasient4: no hint of emergency access"
        );
    }
}

/// The care team sees on one page what the platform collected: a home follow-up
/// patient's measurements coloured by her own limits, her weekly score and her alerts; an
/// IBS patient's scores at start, 3 and 6 months with the change from the start; and no
/// module fields for a program without modules.
#[tokio::test]
async fn the_patients_page_shows_scores_over_time_measurements_and_alerts() {
    for app in TestApp::each_backend().await {
        // Berit (pasient7): pulse 124 this morning (red), 38.4 °C yesterday (yellow), SpO2
        // 90-91 within her own limits (red below 87), a weekly form.
        let berit = crate::patient_id_of(&app, "pasient7").await;
        let k2 = app.sign_in("kliniker2").await;
        let page = app
            .get(Some(&k2), &format!("/klinikk/pasient/{berit}"))
            .await;
        page.assert_ok_containing("<caption>Puls");
        let body = &page.body;
        let pulse = body.find("<caption>Puls").unwrap_or(0);
        let rows = &body[pulse..];
        let rows = &rows[rows.find("<tbody>").unwrap_or(0)..];
        let first = &rows[..rows.find("</tr>").unwrap_or(rows.len())];
        assert!(first.contains("124 slag per minutt"), "{first}");
        assert!(
            first.contains("advice-red"),
            "the newest pulse is red: {first}"
        );
        assert!(body.contains(" kl. "), "values have their time of day");
        // SpO2 90 is green by her own limits (the program's would make it yellow).
        let spo2 = &body[body.find("<caption>Oksygenmetning").unwrap_or(0)..];
        let spo2 = &spo2[..spo2.find("</table>").unwrap_or(spo2.len())];
        assert!(spo2.contains("rød under 87"), "{spo2}");
        assert!(
            spo2.contains("90 %") && !spo2.contains("advice-yellow"),
            "{spo2}"
        );
        // The weekly score, and the alerts with what raised them.
        assert!(
            body.contains("<caption>Ukeskjema: pust, hoste og form</caption>"),
            "{body}"
        );
        assert!(body.contains("Ukeskår, 0-30 (ikke validert)"));
        let weekly = &body[body.find("<caption>Ukeskjema").unwrap_or(0)..];
        let weekly = &weekly[..weekly.find("</table>").unwrap_or(weekly.len())];
        assert!(
            !weekly.contains("ved start"),
            "a weekly form is named by its date: {weekly}"
        );
        assert!(
            body.contains("Vekt <span class=\"muted\">(ingen grenser)</span>"),
            "{body}"
        );
        let alerts = &body[body.find("<h4>Varsler</h4>").expect("the alerts")..];
        assert!(alerts.contains("Puls: 124 slag per minutt") && alerts.contains("Ikke behandlet"));
        // Home follow-up has no optional modules to choose.
        assert!(
            !body.contains("Valgte fordypninger"),
            "only the fields that fit"
        );

        // pasient4 finished the IBS school: the IBS-SSS at start, 3 and 6 months, each
        // later one with its change from the start.
        let p4 = crate::patient_id_of(&app, "pasient4").await;
        let k1 = app.sign_in("kliniker1").await;
        let page = app.get(Some(&k1), &format!("/klinikk/pasient/{p4}")).await;
        let body = &page.body;
        let table = &body[body
            .find("<caption>Symptomskår for IBS")
            .expect("the IBS-SSS table")..];
        let table = &table[..table.find("</table>").unwrap_or(table.len())];
        assert_eq!(
            table.matches("<tr>").count(),
            4,
            "a head and three rows: {table}"
        );
        assert!(table.contains("ved start"), "{table}");
        assert_eq!(table.matches("fra første").count(), 2, "{table}");
        assert!(
            body.contains("Valgte fordypninger"),
            "the IBS school has optional modules"
        );
    }
}

/// The care team sees and corrects where messages go: a bad address is refused with what
/// to write and the typed value kept, a change made meanwhile is not overwritten, and a
/// unit that keeps no records on the patient cannot change them.
#[tokio::test]
async fn the_care_team_sees_and_corrects_the_patients_contact_details() {
    for app in TestApp::each_backend().await {
        let patient = crate::patient_id_of(&app, "pasient2").await;
        let url = format!("/klinikk/pasient/{patient}");
        let k1 = app.sign_in("kliniker1").await;
        let page = app.get(Some(&k1), &url).await;
        page.assert_ok_containing("pasient2@demo.carepath.invalid");
        assert!(page.body.contains("Endre kontaktopplysninger"));
        let version = page
            .body
            .split("name=\"versjon\" value=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or_default()
            .to_owned();
        let post = |fields: Vec<(&'static str, String)>| {
            let app = &app;
            let k1 = k1.clone();
            let url = format!("{url}/kontakt");
            async move {
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post(Some(&k1), &url, &fields).await
            }
        };
        let bad = post(vec![
            ("epost", "ola at example".into()),
            ("mobil", "912 34 567".into()),
            ("versjon", version.clone()),
        ])
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert!(bad.body.contains("E-postadressen er ikke gyldig"));
        assert!(
            bad.body.contains("value=\"ola at example\""),
            "typed value kept"
        );
        post(vec![
            ("epost", "ola@example.no".into()),
            ("mobil", "912 34 567".into()),
            ("versjon", version.clone()),
        ])
        .await
        .assert_redirect(&format!("{url}?kontakt=1"));
        let page = app.get(Some(&k1), &format!("{url}?kontakt=1")).await;
        page.assert_ok_containing("Kontaktopplysningene er lagret.");
        assert!(page.body.contains("ola@example.no") && page.body.contains("91234567"));
        // The old version again: refused, nothing overwritten.
        let stale = post(vec![
            ("epost", "".into()),
            ("mobil", "".into()),
            ("versjon", version),
        ])
        .await;
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(stale.body.contains("Noen andre endret"));
        assert!(
            app.get(Some(&k1), &url)
                .await
                .body
                .contains("ola@example.no")
        );
        // Another unit's clinician does not find the patient.
        let k2 = app.sign_in("kliniker2").await;
        let other = app
            .post(
                Some(&k2),
                &format!("{url}/kontakt"),
                &[("epost", "x@example.no")],
            )
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", app.backend());
    }
}

/// Each measurement on the overview is drawn with a value axis, dates and the patient's
/// own limits, above its table; the patient's own chart too.
#[tokio::test]
async fn measurements_are_drawn_with_axes_and_limits() {
    for app in TestApp::each_backend().await {
        let berit = app
            .db
            .store
            .dump_for_tests(
                "SELECT p.id FROM patients p JOIN users u ON u.id = p.user_id WHERE u.username = 'pasient7'",
            )
            .await
            .unwrap();
        let k2 = app.sign_in("kliniker2").await;
        let page = app
            .get(Some(&k2), &format!("/klinikk/pasient/{berit}"))
            .await;
        page.assert_ok_containing(r#"<svg class="chart""#);
        // Her own SpO2 limits (red below 87, yellow below 89) are lines on the chart, and
        // the axis is labelled with round values.
        assert!(page.body.contains("limit limit-red") && page.body.contains("limit limit-yellow"));
        assert!(
            page.body
                .contains(r#"class="tick" text-anchor="end" dominant-baseline="middle">90</text>"#),
            "{}",
            app.backend()
        );
        let p7 = app.sign_in("pasient7").await;
        let own = app.get(Some(&p7), "/pasient/maalinger").await;
        assert!(own.body.contains("limit limit-red") && own.body.contains(r#"class="tick""#));
    }
}

/// The overview lists the forms asked with their state and the patient's requests for an
/// appointment with theirs.
#[tokio::test]
async fn the_overview_lists_forms_and_appointment_requests() {
    for app in TestApp::each_backend().await {
        let per = app
            .db
            .store
            .dump_for_tests(
                "SELECT p.id FROM patients p JOIN users u ON u.id = p.user_id WHERE u.username = 'pasient8'",
            )
            .await
            .unwrap();
        let k2 = app.sign_in("kliniker2").await;
        let page = app.get(Some(&k2), &format!("/klinikk/pasient/{per}")).await;
        page.assert_ok_containing("Ønsker om time");
        assert!(
            page.body.contains("venter på å bli håndtert"),
            "{}",
            app.backend()
        );
        assert!(page.body.contains("<h4>Skjemaer</h4>") && page.body.contains("Besvart "));
    }
}

/// A score row on the overview opens that response's answers; another unit cannot.
#[tokio::test]
async fn a_score_row_opens_its_answers_on_demand() {
    for app in TestApp::each_backend().await {
        let k1 = app.sign_in("kliniker1").await;
        let ola = app
            .db
            .store
            .dump_for_tests(
                "SELECT p.id FROM patients p JOIN users u ON u.id = p.user_id WHERE u.username = 'pasient2'",
            )
            .await
            .unwrap();
        let page = app.get(Some(&k1), &format!("/klinikk/pasient/{ola}")).await;
        let prefix = format!("/klinikk/pasient/{ola}/svar/");
        let link = page
            .body
            .split(&prefix)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|id| format!("{prefix}{id}"))
            .unwrap_or_else(|| panic!("no answers link: {}", page.body));
        let answers = app.get(Some(&k1), &link).await;
        answers.assert_ok_containing("<dl class=\"answers\">");
        assert!(answers.body.contains("<dt>"), "{}", app.backend());
        let k2 = app.sign_in("kliniker2").await;
        assert_eq!(
            app.get(Some(&k2), &link).await.status,
            StatusCode::NOT_FOUND
        );
    }
}
