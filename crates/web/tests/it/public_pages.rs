//! Public pages (decision 0047): `/` and each program's page answer without signing in, in
//! every language, with no cookie; each view raises that page's count for the day; the
//! package's pages (the referrers' page apart) are linked, a page only in bokmål says so
//! and is marked `lang="nb"`; unknown programs and pages are 404; anyone signed in is sent
//! from `/` to their own start page.

use axum::http::{StatusCode, header};
use carepath_test_support::app::TestApp;

#[tokio::test]
async fn programs_are_public_without_a_cookie_and_each_visit_is_counted() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let visits = |path: &'static str| {
            let store = app.db.store.clone();
            async move {
                store
                    .dump_for_tests(&format!(
                        "SELECT CAST(COALESCE(SUM(visits), 0) AS TEXT) FROM page_visits WHERE path = '{path}'"
                    ))
                    .await
                    .unwrap()
            }
        };
        for (path, text) in [
            ("/", "Digitale behandlingstilbud"),
            ("/?lang=nn", "Digitale behandlingstilbod"),
            ("/?lang=uk", "Цифрові програми лікування"),
            ("/tilbud/ibs-school", "For deg som er 18 år eller eldre."),
            ("/tilbud/ibs-school?lang=nn", "Kven tilbodet er for"),
            ("/tilbud/ibs-school?lang=en", "How you are referred"),
        ] {
            let res = app.get(None, path).await;
            res.assert_ok_containing(text);
            assert!(
                res.headers.get(header::SET_COOKIE).is_none(),
                "{label} {path} sets a cookie"
            );
        }
        let front = app.get(None, "/").await;
        assert!(
            front.body.contains("href=\"/tilbud/ibs-school\""),
            "{label}"
        );
        assert!(front.body.contains("Mage-tarm-poliklinikken"));
        assert!(front.body.contains("href=\"/kurs\""));
        assert!(front.body.contains("setter ingen informasjonskapsler"));

        let program = app.get(None, "/tilbud/ibs-school").await;
        assert!(program.body.contains("Er du 16 eller 17 år"), "{label}");
        assert!(program.body.contains("Programmet varer i 6 måneder."));
        assert!(program.body.contains("Mage-tarm-poliklinikken"));
        assert!(
            program
                .body
                .contains("href=\"/tilbud/ibs-school/01-lav-fodmap\"")
        );
        let referrers = program
            .body
            .split("For fastleger og andre henvisere")
            .nth(1)
            .expect("the referrers' section");
        assert!(referrers.contains("href=\"/tilbud/ibs-school/02-for-henvisere\""));

        // A view counts once, on the page it was.
        let before = visits("/tilbud/ibs-school").await;
        app.get(None, "/tilbud/ibs-school?lang=nn").await;
        let after = visits("/tilbud/ibs-school").await;
        assert_eq!(
            after.parse::<i64>().unwrap(),
            before.parse::<i64>().unwrap() + 1,
            "{label}"
        );
        assert_eq!(
            app.db
                .store
                .dump_for_tests(
                    "SELECT CAST(COUNT(*) AS TEXT) FROM page_visits WHERE path LIKE '%lang%'"
                )
                .await
                .unwrap(),
            "0",
            "the language is not a page of its own"
        );

        let guide = app.get(None, "/tilbud/ibs-school/02-for-henvisere").await;
        guide.assert_ok_containing("Roma IV");
        assert_eq!(visits("/tilbud/ibs-school/02-for-henvisere").await, "1");
        let english = app
            .get(None, "/tilbud/ibs-school/01-lav-fodmap?lang=en")
            .await;
        english.assert_ok_containing("This page is only available in Norwegian (bokmål).");
        assert!(
            english
                .body
                .contains("<article class=\"prose\" lang=\"nb\">")
        );

        for missing in ["/tilbud/finnes-ikke", "/tilbud/ibs-school/finnes-ikke"] {
            assert_eq!(
                app.get(None, missing).await.status,
                StatusCode::NOT_FOUND,
                "{label} {missing}"
            );
        }
        let k1 = app.sign_in("kliniker1").await;
        app.get(Some(&k1), "/").await.assert_redirect("/klinikk");
    }
}

#[tokio::test]
async fn a_health_professionals_enquiry_lands_on_the_units_worklist_until_answered() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let form = app.get(None, "/tilbud/ibs-school/sporsmal").await;
        form.assert_ok_containing("Ikke skriv navn, fødselsnummer");
        assert!(
            form.cookie(carepath_web::LOGIN_CSRF_COOKIE).is_some(),
            "{label}: the form's page sets the CSRF cookie"
        );
        let anon = app.sign_in_form_token().await;
        let bad = app
            .post(
                Some(&anon),
                "/tilbud/ibs-school/sporsmal",
                &[
                    ("navn", "Lise Lege"),
                    ("yrke", ""),
                    ("kontakt", "ring meg"),
                    ("sporsmal", "Hei"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        for problem in [
            "Skriv yrket ditt",
            "Skriv en e-postadresse eller et telefonnummer",
            "Skriv spørsmålet ditt",
        ] {
            assert!(bad.body.contains(problem), "{label}: {problem}");
        }
        assert!(bad.body.contains("value=\"Lise Lege\""), "kept");
        let question = "Kan pasienter over 70 år være med i Mage-tarmskolen?";
        let sent = app
            .post(
                Some(&anon),
                "/tilbud/ibs-school/sporsmal",
                &[
                    ("navn", "Lise Lege"),
                    ("yrke", "Fastlege"),
                    ("arbeidssted", "Sentrum legekontor"),
                    ("kontakt", "lise@legekontor.example"),
                    ("sporsmal", question),
                ],
            )
            .await;
        sent.assert_ok_containing("Spørsmålet er sendt");
        // Without the form's token, nothing is taken.
        let forged = app
            .post_raw(
                None,
                "/tilbud/ibs-school/sporsmal",
                "application/x-www-form-urlencoded",
                "navn=X&yrke=Y&kontakt=x%40y.no&sporsmal=Et+sporsmal+uten+token".to_owned(),
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{label}");

        let k1 = app.sign_in("kliniker1").await;
        let list = app.get(Some(&k1), "/klinikk/varsler").await;
        list.assert_ok_containing("Én henvendelse fra helsepersonell");
        assert!(list.body.contains(question), "{label}");
        assert!(
            list.body
                .contains("Lise Lege, Fastlege, Sentrum legekontor")
        );
        let k2 = app.sign_in("kliniker2").await;
        assert!(
            !app.get(Some(&k2), "/klinikk/varsler")
                .await
                .body
                .contains(question),
            "{label}: another unit's"
        );
        let id = app
            .db
            .store
            .dump_for_tests("SELECT id FROM enquiries")
            .await
            .unwrap();
        assert_eq!(
            app.post(
                Some(&k2),
                &format!("/klinikk/henvendelser/{id}/handtert"),
                &[("notat", "Svart på e-post")]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let blank = app
            .post(
                Some(&k1),
                &format!("/klinikk/henvendelser/{id}/handtert"),
                &[("notat", "")],
            )
            .await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let done = app
            .post(
                Some(&k1),
                &format!("/klinikk/henvendelser/{id}/handtert"),
                &[("notat", "Svart på e-post: ja, uten øvre aldersgrense")],
            )
            .await;
        assert!(
            done.location().starts_with("/klinikk/varsler?enhet="),
            "{label}"
        );
        assert!(done.location().ends_with("&besvart=1"));
        let after = app.get(Some(&k1), "/klinikk/varsler").await;
        assert!(!after.body.contains(question), "{label}: answered");
        assert!(
            after
                .body
                .contains("Ingen henvendelser fra helsepersonell venter.")
        );
    }
}

#[tokio::test]
async fn the_dissemination_statistics_count_referrals_visits_and_enquiries_per_year() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        for _ in 0..3 {
            app.get(None, "/tilbud/ibs-school").await;
        }
        app.get(None, "/tilbud/ibs-school/01-lav-fodmap").await;
        let k1 = app.sign_in("kliniker1").await;
        let page = app.get(Some(&k1), "/rapporter/spredning").await;
        page.assert_ok_containing("Spredning");
        assert!(page.body.contains("Mage-tarm-poliklinikken"), "{label}");
        let most_read = page
            .body
            .split("Mest leste offentlige sider")
            .nth(1)
            .expect("the most read pages");
        let first = most_read
            .find("<td>Mage-tarmskolen</td>")
            .expect("the program page");
        let second = most_read
            .find("<td>Lav-FODMAP: mat som kan gi mye luft og smerter</td>")
            .expect("the low-FODMAP page");
        assert!(first < second, "{label}: most read first");
        // The demo's referrals this year: five patients, two of them from GPs (hidden as
        // under five, so the share is hidden too).
        assert!(page.body.contains("Henvisninger"), "{label}");
        assert!(page.body.contains("under 5"), "{label}");
        let csv = app.get(Some(&k1), "/rapporter/spredning.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.body.contains("Besøk på de offentlige sidene,2026,4"),
            "{label}: {}",
            csv.body
        );
        // Another unit's statistics are not found; a patient has none.
        let unit1 = app
            .db
            .store
            .dump_for_tests("SELECT id FROM units WHERE name = 'Mage-tarm-poliklinikken'")
            .await
            .unwrap();
        let k2 = app.sign_in("kliniker2").await;
        assert_eq!(
            app.get(Some(&k2), &format!("/rapporter/spredning?enhet={unit1}"))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        // The home follow-up centre holds the course days: its participants are counted.
        let csv2 = app.get(Some(&k2), "/rapporter/spredning.csv").await;
        assert_eq!(csv2.status, StatusCode::OK, "{label}");
        let attended = csv2
            .body
            .lines()
            .find(|l| l.starts_with("Per år,Kursdeltakere som møtte,"))
            .expect("course participants");
        assert!(!attended.contains("under 5"), "{label}: {attended}");
        // Professions by name, never by their code.
        assert!(
            csv2.body.contains("Kursdeltakere etter yrke,Sykepleier,")
                || csv2.body.contains("Kursdeltakere etter yrke,Lege,"),
            "{label}: {}",
            csv2.body
        );
        assert!(!csv2.body.contains(",nurse,") && !csv2.body.contains(",doctor,"));
        let p = app.sign_in("pasient2").await;
        assert_eq!(
            app.get(Some(&p), "/rapporter/spredning").await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_dissemination_plan_is_kept_per_year_and_next_years_starts_from_it() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let one = |sql: String| {
            let store = app.db.store.clone();
            async move { store.dump_for_tests(&sql).await.unwrap() }
        };
        let unit = one("SELECT id FROM units WHERE name = 'Mage-tarm-poliklinikken'".into()).await;
        let k1 = app.sign_in("kliniker1").await;
        let empty = app.get(Some(&k1), "/rapporter/spredning/plan").await;
        empty.assert_ok_containing("Spredningsplan 2026");
        assert!(
            empty
                .body
                .contains("Det er ingen plan for dette året ennå."),
            "{label}"
        );
        let post = |pairs: Vec<(&'static str, String)>| {
            let app = &app;
            let k1 = &k1;
            let unit = unit.clone();
            async move {
                let mut all: Vec<(&str, String)> = vec![("enhet", unit)];
                all.extend(pairs);
                let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post(Some(k1), "/rapporter/spredning/plan", &refs).await
            }
        };
        let add = |year: &'static str, measure: &'static str| {
            vec![
                ("aar", year.to_owned()),
                ("handling", "legg-til".to_owned()),
                ("tiltak", measure.to_owned()),
                ("virkemiddel", "Kursdag og e-læring".to_owned()),
                ("delmaal", "Flere henvisninger fra fastleger".to_owned()),
                ("periode", "Høsten".to_owned()),
                ("ansvarlig", "Kari Klinisk".to_owned()),
                ("indikator", "visits".to_owned()),
            ]
        };
        let blank = post(add("2026", " ")).await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(blank.body.contains("Skriv hva tiltaket er"));
        assert!(blank.body.contains("value=\"Kursdag og e-læring\""), "kept");
        let far = post(add("2030", "Kurs i 2030")).await;
        assert_eq!(far.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(far.body.contains("fra ti år tilbake til neste år"));
        post(add("2026", "Kurs for fastleger i Vestland"))
            .await
            .assert_redirect(&format!(
                "/rapporter/spredning/plan?enhet={unit}&aar=2026&endret=1"
            ));
        post(add("2026", "Nettsider om lav-FODMAP")).await;
        let done = one(
            "SELECT id FROM dissemination_measures WHERE measure = 'Kurs for fastleger i Vestland'"
                .into(),
        )
        .await;
        post(vec![
            ("aar", "2026".to_owned()),
            ("handling", "status".to_owned()),
            ("tiltak-id", done),
            ("status", "done".to_owned()),
        ])
        .await
        .assert_redirect(&format!(
            "/rapporter/spredning/plan?enhet={unit}&aar=2026&endret=1"
        ));
        app.get(None, "/tilbud/ibs-school").await;
        let page = app
            .get(Some(&k1), "/rapporter/spredning/plan?aar=2026")
            .await;
        page.assert_ok_containing("Kurs for fastleger i Vestland");
        assert!(
            page.body
                .contains("Besøk på de offentlige sidene: <strong>1</strong> (2026)"),
            "{label}: {}",
            page.body
        );
        // Next year starts with what is not done; this year's plan stays.
        post(vec![
            ("aar", "2026".to_owned()),
            ("handling", "neste-aar".to_owned()),
        ])
        .await
        .assert_redirect(&format!(
            "/rapporter/spredning/plan?enhet={unit}&aar=2027&endret=1"
        ));
        let next = app
            .get(Some(&k1), "/rapporter/spredning/plan?aar=2027")
            .await;
        assert!(next.body.contains("Nettsider om lav-FODMAP"), "{label}");
        assert!(
            !next.body.contains("Kurs for fastleger i Vestland"),
            "{label}"
        );
        let kept = app
            .get(Some(&k1), "/rapporter/spredning/plan?aar=2026")
            .await;
        assert!(kept.body.contains("Kurs for fastleger i Vestland"));
        let again = post(vec![
            ("aar", "2026".to_owned()),
            ("handling", "neste-aar".to_owned()),
        ])
        .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(again.body.contains("Neste år har allerede en plan."));
        // Another unit's plan is not found.
        let k2 = app.sign_in("kliniker2").await;
        assert_eq!(
            app.get(
                Some(&k2),
                &format!("/rapporter/spredning/plan?enhet={unit}")
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.post(
                Some(&k2),
                "/rapporter/spredning/plan",
                &[
                    ("enhet", unit.as_str()),
                    ("aar", "2026"),
                    ("handling", "legg-til"),
                    ("tiltak", "Fremmed tiltak")
                ]
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
    }
}

#[tokio::test]
async fn the_annual_report_holds_the_statistics_figures_as_a_page_and_a_pdf() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        for _ in 0..2 {
            app.get(None, "/tilbud/ibs-school").await;
        }
        let k1 = app.sign_in("kliniker1").await;
        app.post(
            Some(&k1),
            "/rapporter/spredning/plan",
            &[
                (
                    "enhet",
                    app.db
                        .store
                        .dump_for_tests(
                            "SELECT id FROM units WHERE name = 'Mage-tarm-poliklinikken'",
                        )
                        .await
                        .unwrap()
                        .as_str(),
                ),
                ("aar", "2026"),
                ("handling", "legg-til"),
                ("tiltak", "Kurs for fastleger i Vestland"),
                ("indikator", "visits"),
            ],
        )
        .await;
        let csv = app.get(Some(&k1), "/rapporter/spredning.csv").await;
        let figure = |item: &str| {
            csv.body
                .lines()
                .find(|l| l.starts_with(&format!("Per år,{item},2026,")))
                .and_then(|l| l.split(',').nth(3))
                .unwrap_or_else(|| panic!("{item} in {}", csv.body))
                .to_owned()
        };
        let page = app
            .get(Some(&k1), "/rapporter/spredning/arsrapport?aar=2026")
            .await;
        page.assert_ok_containing("Årsrapport om spredning 2026");
        // The same figures as the statistics, each with its source.
        for item in [
            "Henvisninger",
            "Pasienter som startet",
            "Besøk på de offentlige sidene",
        ] {
            let value = figure(item);
            assert!(
                page.body
                    .contains(&format!("<td>{item}</td><td>{value}</td>")),
                "{label}: {item} = {value} in {}",
                page.body
            );
        }
        assert!(
            page.body
                .contains("Besøkstelling på forsiden og programsidene")
        );
        assert!(
            page.body.contains("Kurs for fastleger i Vestland"),
            "{label}"
        );
        assert!(
            page.body
                .contains("Utfall for pasientene som startet i året")
        );
        let pdf = app
            .get(Some(&k1), "/rapporter/spredning/arsrapport.pdf?aar=2026")
            .await;
        assert_eq!(pdf.status, StatusCode::OK, "{label}");
        assert_eq!(
            pdf.headers.get(header::CONTENT_TYPE).unwrap(),
            "application/pdf"
        );
        let bytes = app
            .send_bytes(
                axum::http::Request::get("/rapporter/spredning/arsrapport.pdf?aar=2026")
                    .header(header::COOKIE, &k1.cookie)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(bytes.starts_with(b"%PDF"), "{label}");
        let k2 = app.sign_in("kliniker2").await;
        let unit1 = app
            .db
            .store
            .dump_for_tests("SELECT id FROM units WHERE name = 'Mage-tarm-poliklinikken'")
            .await
            .unwrap();
        assert_eq!(
            app.get(
                Some(&k2),
                &format!("/rapporter/spredning/arsrapport?enhet={unit1}")
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
    }
}

/// A share as the pages show it in bokmål: one decimal at most, a decimal comma.
fn shown_share(k: u64, n: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let v = ((k as f64 / n as f64) * 1000.0).round() / 10.0;
    let mut text = format!("{v:.2}");
    while text.contains('.') && (text.ends_with('0') || text.ends_with('.')) {
        text.pop();
    }
    format!("{} %", text.replace('.', ","))
}

#[tokio::test]
async fn with_a_cohort_the_gp_share_per_year_comes_from_the_referrals_and_the_annual_report_repeats_it()
 {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        app.add_cohort(150, 7).await;
        let store = app.db.store.clone();
        let count = |sql: String| {
            let store = store.clone();
            async move {
                store
                    .dump_for_tests(&sql)
                    .await
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
            }
        };
        let unit1 = app
            .db
            .store
            .dump_for_tests("SELECT id FROM units WHERE name = 'Mage-tarmskolen, syntetisk kohort'")
            .await
            .unwrap();
        let k1 = app.sign_in("kliniker1").await;
        let stats = app
            .get(Some(&k1), &format!("/rapporter/spredning?enhet={unit1}"))
            .await;
        stats.assert_ok_containing("Henvist fra fastlege");
        let mut years = 0;
        for year in 2019..2026 {
            let of = |gp: bool| {
                format!(
                    "SELECT CAST(COUNT(*) AS TEXT) FROM referrals WHERE unit_id = '{unit1}'
                     AND SUBSTR(CAST(received_at AS TEXT), 1, 4) = '{year}'{}",
                    if gp { " AND source = 'gp'" } else { "" }
                )
            };
            let (n, k) = (count(of(false)).await, count(of(true)).await);
            if n < 20 {
                continue;
            }
            years += 1;
            let share = shown_share(k, n);
            // The statistics page, from the referrals.
            assert!(
                stats.body.contains(&format!(
                    "<td>Henvist fra fastlege</td><td>{year}</td><td class=\"num\">{share}</td>"
                )),
                "{label}: {year}: {k} of {n} = {share} in {}",
                stats.body
            );
            // The annual report repeats the statistics' figures; so does its PDF.
            let started = stats
                .body
                .split(&format!(
                    "<td>Pasienter som startet</td><td>{year}</td><td class=\"num\">"
                ))
                .nth(1)
                .and_then(|s| s.split('<').next())
                .expect("patients started")
                .to_owned();
            let report = app
                .get(
                    Some(&k1),
                    &format!("/rapporter/spredning/arsrapport?enhet={unit1}&aar={year}"),
                )
                .await;
            for (item, value) in [
                ("Henvisninger", n.to_string()),
                ("Henvist fra fastlege", share.clone()),
                ("Pasienter som startet", started.clone()),
            ] {
                assert!(
                    report
                        .body
                        .contains(&format!("<td>{item}</td><td>{value}</td>")),
                    "{label}: {year}: {item} = {value}"
                );
            }
            let pdf = app
                .send_bytes(
                    axum::http::Request::get(format!(
                        "/rapporter/spredning/arsrapport.pdf?enhet={unit1}&aar={year}"
                    ))
                    .header(header::COOKIE, &k1.cookie)
                    .body(axum::body::Body::empty())
                    .unwrap(),
                )
                .await;
            let text = pdf_text(&pdf);
            for value in [n.to_string(), share.clone(), started] {
                assert!(
                    text.contains(&value),
                    "{label}: {year}: {value} in the PDF: {text}"
                );
            }
        }
        assert!(years >= 3, "{label}: the cohort spans years ({years})");
        // And per referring region, over every year: Vestland's share from its referrals.
        let of = |gp: bool| {
            format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM referrals WHERE unit_id = '{unit1}'
                 AND region = '46'{}",
                if gp { " AND source = 'gp'" } else { "" }
            )
        };
        let (n, k) = (count(of(false)).await, count(of(true)).await);
        let section = stats
            .body
            .split("Henvist fra fastlege etter henviserens region")
            .nth(1)
            .expect("the GP share per region");
        assert!(
            section.contains(&format!(
                "<td>Vestland</td><td>Alle år</td><td class=\"num\">{}</td>",
                shown_share(k, n)
            )),
            "{label}: {k} of {n} in {section}"
        );
    }
}

/// The text of a PDF, by pdftotext (Debian's poppler-utils; `.ci/run` installs it).
fn pdf_text(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!(
        "carepath-annual-{}-{}.pdf",
        std::process::id(),
        carepath_domain::Id::<()>::new()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) reads the PDF; .ci/run installs it");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn an_administrator_keeps_the_places_running_a_program_and_the_public_page_shows_them() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let id = |sql: &'static str| {
            let store = app.db.store.clone();
            async move { store.dump_for_tests(sql).await.unwrap() }
        };
        let unit1 = id("SELECT id FROM units WHERE name = 'Mage-tarm-poliklinikken'").await;
        let unit2 = id("SELECT id FROM units WHERE name = 'Senter for hjemmeoppfølging'").await;
        let ibs = id("SELECT id FROM programs WHERE key = 'ibs-school'").await;
        let public = app.get(None, "/tilbud/ibs-school").await;
        public.assert_ok_containing("I drift siden 7. januar 2019.");
        assert!(
            public
                .body
                .contains("Kontakt for helsepersonell: mage-tarmskolen@sykehus.example"),
            "{label}"
        );
        let admin = app.sign_in("admin").await;
        app.get(Some(&admin), "/admin/steder")
            .await
            .assert_ok_containing("Mage-tarmskolen: Mage-tarm-poliklinikken");
        // A start day that is not one is refused and nothing changes.
        let bad = app
            .post(
                Some(&admin),
                "/admin/steder",
                &[
                    ("enhet", unit2.as_str()),
                    ("program", ibs.as_str()),
                    ("status", "planned"),
                    ("start", "i mars"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(bad.body.contains("Velg datoen for oppstart"), "{label}");
        // The home follow-up centre plans to start the IBS school: the public page says so,
        // and the statistics count only the places running it now.
        app.post(
            Some(&admin),
            "/admin/steder",
            &[
                ("enhet", unit2.as_str()),
                ("program", ibs.as_str()),
                ("status", "planned"),
                ("start", "2027-03-01"),
                ("kontakt", ""),
            ],
        )
        .await
        .assert_redirect("/admin/steder?lagret=1");
        let public = app.get(None, "/tilbud/ibs-school").await;
        assert!(
            public.body.contains("Senter for hjemmeoppfølging")
                && public.body.contains("Starter 1. mars 2027."),
            "{label}: {}",
            public.body
        );
        let k1 = app.sign_in("kliniker1").await;
        let csv = app.get(Some(&k1), "/rapporter/spredning.csv").await;
        assert!(
            csv.body
                .contains("Steder som driver programmene,Mage-tarmskolen,"),
            "{label}: {}",
            csv.body
        );
        let places = csv
            .body
            .lines()
            .find(|l| l.starts_with("Steder som driver programmene,Mage-tarmskolen,"))
            .unwrap();
        assert!(places.ends_with(",1,"), "{label}: {places}");
        // Ended at the outpatient clinic: gone from the public page, no longer offered on
        // the referral form; its patients keep their records.
        app.post(
            Some(&admin),
            "/admin/steder",
            &[
                ("enhet", unit1.as_str()),
                ("program", ibs.as_str()),
                ("status", "ended"),
                ("start", "2019-01-07"),
            ],
        )
        .await
        .assert_redirect("/admin/steder?lagret=1");
        let public = app.get(None, "/tilbud/ibs-school").await;
        assert!(!public.body.contains("Mage-tarm-poliklinikken"), "{label}");
        let form = app.get(Some(&k1), "/klinikk/henvisning").await;
        assert!(!form.body.contains(&ibs), "{label}: not offered");
        app.get(Some(&k1), "/klinikk")
            .await
            .assert_ok_containing("Ola Demo Haugen");
        assert_eq!(
            app.get(Some(&k1), "/admin/steder").await.status,
            StatusCode::FORBIDDEN
        );
    }
}
