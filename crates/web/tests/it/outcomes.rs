//! Outcome reports (issue 16, decision 0037): who may see a program's figures (its units'
//! care team, a researcher through an open project; nobody else, with a session or a
//! bearer token), and a synthetic cohort whose report reproduces the published figures
//! (Fig. 3, the responder share, satisfaction, the GP share per year) within chance for
//! the n it shows, the same on both databases for the same seed.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use carepath_app::outcome::{Ask, Report};
use carepath_domain::outcome::{Share, binomial_range95};
use carepath_test_support::app::TestApp;

const IBS: &str = "https://carepath.no/fhir/PlanDefinition/ibs-school";

fn csv_path() -> String {
    format!("/rapporter/utfall.csv?program={}", urlencode(IBS))
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap()[2..].to_owned()
}

async fn with_token(app: &TestApp, token: &str, path: &str) -> (StatusCode, String) {
    let req = Request::get(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let res = app.send(req).await;
    (res.status, res.body)
}

#[tokio::test]
async fn only_the_program_s_care_team_and_its_researchers_see_its_figures() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let page = format!("/rapporter/utfall?program={}", urlencode(IBS));
        for (user, expected) in [
            ("kliniker1", StatusCode::OK),
            ("koordinator1", StatusCode::OK),
            ("forsker1", StatusCode::OK),
            ("kliniker2", StatusCode::FORBIDDEN),
            ("forfatter1", StatusCode::FORBIDDEN),
            ("admin", StatusCode::FORBIDDEN),
            ("pasient2", StatusCode::FORBIDDEN),
        ] {
            let s = app.sign_in(user).await;
            let res = app.get(Some(&s), &page).await;
            assert_eq!(res.status, expected, "{label}: {user} on the page");
            let res = app.get(Some(&s), &csv_path()).await;
            assert_eq!(res.status, expected, "{label}: {user} on the CSV");
            if expected == StatusCode::OK {
                assert!(
                    res.headers[header::CONTENT_TYPE]
                        .to_str()
                        .unwrap()
                        .starts_with("text/csv")
                );
                assert!(
                    res.body.starts_with("Del,Hva,Tidspunkt"),
                    "{label}: {}",
                    res.body
                );
            } else {
                assert!(!res.body.contains("Symptomskår"), "{label}: nothing of it");
            }
            let token = app.api_token(user).await;
            let (status, body) = with_token(&app, &token, &csv_path()).await;
            assert_eq!(status, expected, "{label}: {user} with a bearer token");
            if expected != StatusCode::OK {
                assert!(!body.contains("Symptomskår"));
            }
        }
        // Signed out: to the sign-in page; a wrong token: refused.
        let res = app.get(None, &csv_path()).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{label}");
        let (status, _) = with_token(&app, &"0".repeat(64), &csv_path()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{label}");
        // Home follow-up: unit 2's own report, with measurement adherence (its two
        // patients are too few to show).
        let kim = app.sign_in("kliniker2").await;
        let home = app
            .get(Some(&kim), "/rapporter/utfall?program=https%3A%2F%2Fcarepath.no%2Ffhir%2FPlanDefinition%2Fhjemmeoppfolging-hjerte-lunge")
            .await;
        home.assert_ok_containing("Dager med minst én måling");
        assert!(home.body.contains("Senter for hjemmeoppfølging"), "{label}");
        // Unknown programs and versions are not found; a bad year is a clear message.
        let kari = app.sign_in("kliniker1").await;
        let res = app.get(Some(&kari), "/rapporter/utfall?program=https%3A%2F%2Fcarepath.no%2Ffhir%2FPlanDefinition%2Fnope").await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{label}");
        let res = app.get(Some(&kari), &format!("{page}%7C99")).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{label}: version 99");
        let res = app.get(Some(&kari), &format!("{page}&fra=tjue")).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{label}");
        assert!(res.body.contains("Skriv årstallet med fire sifre"));
        // The demo's handful of patients: every group under five is hidden, and the page
        // says why.
        let res = app.get(Some(&kari), &format!("{page}%7C1")).await;
        res.assert_ok_containing("Grupper med færre enn 5 pasienter vises ikke");
        assert!(res.body.contains("under 5"), "{label}");
        // The researcher's start page lists the project and its report.
        let f = app.sign_in("forsker1").await;
        let home = app.get(Some(&f), "/").await;
        assert_eq!(home.location(), "/forskning", "{label}");
        let research = app.get(Some(&f), "/forskning").await;
        research.assert_ok_containing("Effekt av Mage-tarmskolen i klinisk drift (demo)");
        assert!(research.body.contains("Utfallsrapport: Mage-tarmskolen"));
        // Reading a report is in the access log.
        let logged = app
            .db
            .store
            .dump_for_tests(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'OutcomeReport'",
            )
            .await
            .unwrap();
        assert_ne!(logged.trim(), "0", "{label}");
    }
}

async fn research_report(app: &TestApp) -> Report {
    let store = &app.db.store;
    let user = store.user_by_username("forsker1").await.unwrap().unwrap();
    let actor = carepath_app::access::Actor {
        account: user.id,
        roles: store.roles(user.id).await.unwrap(),
        session: String::new(),
    };
    let ask = Ask {
        program: IBS,
        research: true,
        ..Ask::default()
    };
    carepath_app::outcome::report(
        store,
        &actor,
        &ask,
        carepath_domain::clock::Clock::now(app.clock.as_ref()),
    )
    .await
    .unwrap()
}

/// Whether a share `k` of `n` is within the range a published share `p` gives for `n`.
fn within(published: f64, s: Share) -> bool {
    let (lo, hi) = binomial_range95(published, s.n).unwrap();
    let r = s.ratio().unwrap();
    lo <= r && r <= hi
}

async fn cohort(app: &TestApp, n: u32) {
    app.add_cohort(n, 7).await;
}

#[tokio::test]
async fn a_synthetic_cohort_reproduces_the_published_figures() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    cohort(&app, 2000).await;
    let r = research_report(&app).await;
    let symptoms = r.scores.iter().find(|s| s.code == "ibs-sss-total").unwrap();
    let three = &symptoms.paired[0];
    let n = three.start.n;
    assert!(
        n > 1000,
        "most patients answered at the start and after 3 months: {n}"
    );
    let none_or_mild = |d: &carepath_app::outcome::Distribution| Share {
        k: d.counts[0].unwrap() + d.counts[1].unwrap(),
        n: d.n,
    };
    let severe = |d: &carepath_app::outcome::Distribution| Share {
        k: d.counts[3].unwrap(),
        n: d.n,
    };
    assert!(
        within(0.11, none_or_mild(&three.start)),
        "{:?}",
        three.start
    );
    assert!(
        within(0.44, none_or_mild(&three.later)),
        "{:?}",
        three.later
    );
    assert!(within(0.42, severe(&three.start)), "{:?}", three.start);
    assert!(within(0.08, severe(&three.later)), "{:?}", three.later);
    assert!(
        within(0.54, three.responders.unwrap()),
        "{:?}",
        three.responders
    );
    // 30 % better quality of life (IBS-QOL structure; our responder rule: 14 points).
    let qol = r.scores.iter().find(|s| s.code == "ibs-qol-total").unwrap();
    assert_eq!(
        qol.times.len(),
        3,
        "quality of life at the start, 3 and 6 months"
    );
    assert!(
        within(0.30, qol.paired[0].responders.unwrap()),
        "{:?}",
        qol.paired[0].responders
    );
    let satisfaction = r.scores.iter().find(|s| s.code == "csq8-total").unwrap();
    let mean = satisfaction.times[0].2.unwrap();
    assert!(
        mean.low <= 22.0 && 22.0 <= mean.high,
        "satisfaction {mean:?}"
    );
    let (first, second) = (&r.per_year[0], &r.per_year[1]);
    assert!(within(0.30, first.gp_share()), "{first:?}");
    assert!(within(0.47, second.gp_share()), "{second:?}");
    // About 90 % consented: the researcher counts them only.
    let all: u64 = r.per_year.iter().map(|y| y.started).sum();
    assert!(
        (0.86..0.94).contains(&(all as f64 / 2000.0)),
        "{all} of 2000 consented"
    );
    // The page leads with the key figures: the responders after 3 months as the report
    // counts them.
    let f = app.sign_in("forsker1").await;
    let page = app
        .get(
            Some(&f),
            &format!("/rapporter/utfall?program={}&forskning=1", urlencode(IBS)),
        )
        .await;
    page.assert_ok_containing("Hovedtall");
    let r3 = three.responders.unwrap();
    let line = format!(
        "3 måneder mot start ({} pasienter med begge): ",
        three.start.n
    );
    let at = page.body.find(&line).expect("the 3-month key figure");
    assert!(
        page.body[at..].contains(&format!("({}) responderte", r3.k)),
        "{}",
        &page.body[at..at + 300]
    );
}

#[tokio::test]
async fn the_same_seed_gives_the_same_report_on_both_databases() {
    let Some(pg) = carepath_test_support::postgres().await else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs this test on PostgreSQL"
        );
        return;
    };
    let mut csvs = Vec::new();
    for db in [carepath_test_support::sqlite().await, pg] {
        let app = TestApp::demo(db).await;
        cohort(&app, 150).await;
        let token = app.api_token("forsker1").await;
        let (status, body) = with_token(&app, &token, &csv_path()).await;
        assert_eq!(status, StatusCode::OK, "{}", app.backend());
        assert!(body.contains("Andel som responderte"), "{body}");
        csvs.push(body);
    }
    assert_eq!(csvs[0], csvs[1]);
}

/// Whether `text` holds a whole date (`dddd-dd-dd`).
fn has_day(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
    })
}

#[tokio::test]
async fn a_researcher_exports_the_cohort_pseudonymised_and_its_figures_add_up() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    app.add_cohort(120, 7).await;
    let token = app.api_token("forsker1").await;
    let kick = |prefer: bool, token: String, path: &'static str| {
        let mut req = Request::get(path).header(header::AUTHORIZATION, format!("Bearer {token}"));
        if prefer {
            req = req.header("prefer", "respond-async");
        }
        app.send(req.body(Body::empty()).unwrap())
    };
    // Synchronous asks, strangers and unknown parameters are refused.
    let res = kick(false, token.clone(), "/fhir/$export").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(res.body.contains("respond-async"));
    let res = kick(true, token.clone(), "/fhir/$export?_type=Practitioner").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    for stranger in ["kliniker1", "forfatter1", "pasient2"] {
        let res = kick(true, app.api_token(stranger).await, "/fhir/$export").await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{stranger}");
    }
    let res = kick(true, token.clone(), "/fhir/$export").await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
    let location = res.headers[header::CONTENT_LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let status_path = location
        .strip_prefix("http://carepath.test")
        .unwrap()
        .to_owned();
    // Only the one who asked sees it.
    let other = app.api_token("kliniker1").await;
    assert_eq!(
        app.get_api(Some(&other), &status_path).await.status,
        StatusCode::NOT_FOUND
    );
    let mut manifest = None;
    for _ in 0..240 {
        let res = app.get_api(Some(&token), &status_path).await;
        match res.status {
            StatusCode::ACCEPTED => tokio::time::sleep(std::time::Duration::from_millis(250)).await,
            StatusCode::OK => {
                manifest = Some(res.json());
                break;
            }
            other => panic!("{other}: {}", res.body),
        }
    }
    let manifest = manifest.expect("the export finished");
    assert_eq!(manifest["requiresAccessToken"], true);
    let mut resources: Vec<serde_json::Value> = Vec::new();
    let mut text = String::new();
    for out in manifest["output"].as_array().unwrap() {
        let url = out["url"]
            .as_str()
            .unwrap()
            .strip_prefix("http://carepath.test")
            .unwrap();
        let res = app.get_api(Some(&token), url).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.headers[header::CONTENT_TYPE], "application/fhir+ndjson");
        let lines: Vec<serde_json::Value> = res
            .body
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len() as u64, out["count"].as_u64().unwrap());
        assert!(lines.iter().all(|r| r["resourceType"] == out["type"]));
        text.push_str(&res.body);
        resources.extend(lines);
        // Somebody else's token opens no file.
        assert_eq!(
            app.get_api(Some(&other), url).await.status,
            StatusCode::NOT_FOUND
        );
    }
    // Every resource is valid FHIR to an independent implementation; no national
    // identity number, name or whole date is in it.
    carepath_test_support::fhir_validator::assert_valid_fhir(&resources);
    let ids = app
        .db
        .store
        .dump_for_tests("SELECT id FROM patients")
        .await
        .unwrap();
    for id in ids.lines() {
        let p = app.db.store.patient(id.parse().unwrap()).await.unwrap();
        assert!(
            !text.contains(&p.nin.expose()),
            "a national identity number"
        );
        assert!(
            !text.contains(&p.name) && !text.contains(id),
            "a name or an id"
        );
    }
    assert!(!text.contains("Syntetisk"), "a name");
    assert!(!has_day(&text), "a whole date");
    let patients = resources
        .iter()
        .filter(|r| r["resourceType"] == "Patient")
        .count();
    assert!(
        (95..=120).contains(&patients),
        "only consenting patients: {patients}"
    );

    // The responders, recomputed from the export, are the researcher's report's.
    let by_id = |kind: &str| -> std::collections::HashMap<String, &serde_json::Value> {
        resources
            .iter()
            .filter(|r| r["resourceType"] == kind)
            .map(|r| (r["id"].as_str().unwrap().to_owned(), r))
            .collect()
    };
    let (tasks, responses) = (by_id("Task"), by_id("QuestionnaireResponse"));
    let mut values: std::collections::HashMap<(String, String), f64> =
        std::collections::HashMap::new();
    for o in resources
        .iter()
        .filter(|r| r["resourceType"] == "Observation")
    {
        if o["code"]["coding"][0]["code"] != "ibs-sss-total" {
            continue;
        }
        let r = &responses[o["derivedFrom"][0]["reference"]
            .as_str()
            .unwrap()
            .trim_start_matches("QuestionnaireResponse/")];
        let t = &tasks[r["basedOn"][0]["reference"]
            .as_str()
            .unwrap()
            .trim_start_matches("Task/")];
        let at = t["code"]["coding"][0]["code"].as_str().unwrap().to_owned();
        let who = t["for"]["reference"].as_str().unwrap().to_owned();
        values.insert((who, at), o["valueQuantity"]["value"].as_f64().unwrap());
    }
    let (mut n, mut k) = (0, 0);
    for ((who, at), start) in &values {
        if at == "0d"
            && let Some(later) = values.get(&(who.clone(), "3m".to_owned()))
        {
            n += 1;
            if start - later >= 50.0 {
                k += 1;
            }
        }
    }
    let report = research_report(&app).await;
    let shown = report
        .scores
        .iter()
        .find(|s| s.code == "ibs-sss-total")
        .unwrap()
        .paired[0]
        .responders
        .unwrap();
    assert_eq!((k, n), (shown.k, shown.n));

    // The researcher's page lists it, ready.
    let f = app.sign_in("forsker1").await;
    let page = app.get(Some(&f), "/forskning").await;
    page.assert_ok_containing("Klart");
    assert!(page.body.contains(&status_path), "its status address");

    // Deleted: gone.
    let req =
        Request::delete(&status_path).header(header::AUTHORIZATION, format!("Bearer {token}"));
    assert_eq!(
        app.send(req.body(Body::empty()).unwrap()).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        app.get_api(Some(&token), &status_path).await.status,
        StatusCode::NOT_FOUND
    );
    let logged = app
        .db
        .store
        .dump_for_tests("SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type LIKE 'BulkExport%'")
        .await
        .unwrap();
    assert!(
        logged.trim().parse::<i32>().unwrap() >= 3,
        "asked, read, deleted: {logged}"
    );
}

#[tokio::test]
async fn a_researcher_orders_downloads_and_deletes_an_export_on_the_page() {
    let app = TestApp::demo(carepath_test_support::sqlite().await).await;
    app.add_cohort(20, 3).await;
    let f = app.sign_in("forsker1").await;
    let page = app.get(Some(&f), "/forskning").await;
    page.assert_ok_containing("Bestill et pseudonymisert uttrekk");
    assert!(page.body.contains("Du har ikke bestilt noe uttrekk."));
    let after = |body: &str, start: &str, end: char| -> Option<String> {
        let at = body.find(start)? + start.len();
        Some(body[at..].split(end).next()?.to_owned())
    };
    let project = after(&page.body, "action=\"/forskning/", '/').expect("the order button");
    let ordered = app
        .post(Some(&f), &format!("/forskning/{project}/uttrekk"), &[])
        .await;
    assert_eq!(ordered.status, StatusCode::SEE_OTHER, "{}", ordered.body);
    // Nobody else orders one for the project.
    let k = app.sign_in("kliniker1").await;
    assert_eq!(
        app.post(Some(&k), &format!("/forskning/{project}/uttrekk"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut file = None;
    for _ in 0..240 {
        let page = app.get(Some(&f), "/forskning").await;
        if let Some(href) = after(&page.body, "<a href=\"/forskning/uttrekk/", '"') {
            assert!(page.body.contains("Klart"), "{}", page.body);
            file = Some(format!("/forskning/uttrekk/{href}"));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    let file = file.expect("the export finished and lists its files");
    let res = app.get(Some(&f), &file).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers[header::CONTENT_TYPE], "application/fhir+ndjson");
    assert!(
        res.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let lines: Vec<serde_json::Value> = res
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|r| r["resourceType"].is_string()));
    assert_eq!(app.get(Some(&k), &file).await.status, StatusCode::FORBIDDEN);
    let id = file.split('/').nth(3).unwrap().to_owned();
    let deleted = app
        .post(Some(&f), &format!("/forskning/uttrekk/{id}/slett"), &[])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    app.get(Some(&f), "/forskning")
        .await
        .assert_ok_containing("Du har ikke bestilt noe uttrekk.");
    assert_eq!(app.get(Some(&f), &file).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_patient_gives_and_withdraws_research_consent() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let ola = app.sign_in("pasient1").await;
        let page = app.get(Some(&ola), "/pasient/forskning").await;
        page.assert_ok_containing("Du har ikke svart ennå.");
        let give = app
            .post(
                Some(&ola),
                "/pasient/forskning",
                &[("svar", "ja"), ("versjon", "0")],
            )
            .await;
        give.assert_redirect("/pasient/forskning?lagret=1");
        let page = app.get(Some(&ola), "/pasient/forskning?lagret=1").await;
        page.assert_ok_containing("Du samtykket");
        assert!(page.body.contains("Trekk samtykket"), "{label}");
        // An answer from a page seen before that one is refused, not applied.
        let stale = app
            .post(
                Some(&ola),
                "/pasient/forskning",
                &[("svar", "nei"), ("versjon", "0")],
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{label}");
        let withdraw = app
            .post(
                Some(&ola),
                "/pasient/forskning",
                &[("svar", "nei"), ("versjon", "1")],
            )
            .await;
        withdraw.assert_redirect("/pasient/forskning?lagret=1");
        let page = app.get(Some(&ola), "/pasient/forskning").await;
        page.assert_ok_containing("Du sa nei eller trakk samtykket");
        // The same consent through the API: the patient's own, their unit's care team's,
        // nobody else's; valid FHIR.
        let user = app
            .db
            .store
            .user_by_username("pasient1")
            .await
            .unwrap()
            .unwrap();
        let patient = app
            .db
            .store
            .patient_for_user(user.id)
            .await
            .unwrap()
            .unwrap()
            .id;
        let token = app.api_token("pasient1").await;
        let mine = app.get_api(Some(&token), "/fhir/Consent").await;
        assert_eq!(mine.status, StatusCode::OK, "{label}: {}", mine.body);
        let consent = mine.json()["entry"][0]["resource"].clone();
        assert_eq!(consent["status"], "inactive", "{label}");
        assert_eq!(consent["provision"]["type"], "deny");
        carepath_test_support::fhir_validator::assert_valid_fhir(std::slice::from_ref(&consent));
        let kari = app.api_token("kliniker1").await;
        let read = app
            .get_api(Some(&kari), &format!("/fhir/Consent/{patient}"))
            .await;
        assert_eq!(read.status, StatusCode::OK, "{label}");
        let kim = app.api_token("kliniker2").await;
        let refused = app
            .get_api(Some(&kim), &format!("/fhir/Consent/{patient}"))
            .await;
        assert_eq!(
            refused.status,
            StatusCode::NOT_FOUND,
            "{label}: another unit"
        );
        let logged = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT action FROM audit_events WHERE resource_type = 'Consent'
                 AND resource_id = '{patient}' ORDER BY seq"
            ))
            .await
            .unwrap();
        assert_eq!(
            logged.lines().collect::<Vec<_>>(),
            ["create", "update", "read", "read"],
            "{label}: given, withdrawn, read by the patient and by the unit"
        );
        // The demo's patients gave theirs through the same use case, so it is logged too.
        let demo = app
            .db
            .store
            .dump_for_tests(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE resource_type = 'Consent'
                 AND action = 'create' AND resource_id <> '{patient}'"
            ))
            .await
            .unwrap();
        assert_eq!(demo.trim(), "3", "{label}: pasient2, pasient3 and pasient4");
    }
}

#[tokio::test]
async fn an_administrator_keeps_research_projects() {
    for app in TestApp::each_backend().await {
        let label = app.backend();
        let ada = app.sign_in("admin").await;
        let page = app.get(Some(&ada), "/admin/forskning").await;
        page.assert_ok_containing("Effekt av Mage-tarmskolen i klinisk drift (demo)");
        let forsker = app
            .db
            .store
            .user_by_username("forsker1")
            .await
            .unwrap()
            .unwrap();
        let program = app.demo_unit_and_program().await.1.program_id;
        let (m, p) = (forsker.id.to_string(), program.to_string());
        let form = |title: &'static str, to: &'static str| {
            vec![
                ("tittel", title.to_owned()),
                ("godkjenning", "REK 424242".to_owned()),
                ("godkjent", "1".to_owned()),
                ("fra", "2026-01-01".to_owned()),
                ("til", to.to_owned()),
                ("medlem", m.clone()),
                ("program", p.clone()),
                ("versjon", "0".to_owned()),
            ]
        };
        let typed = form("", "2026-12-31");
        let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = app.post(Some(&ada), "/admin/forskning", &pairs).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(refused.body.contains("Skriv prosjektets tittel."));
        assert!(refused.body.contains("REK 424242"), "what was typed stays");
        let typed = form("Lavdose", "2025-12-31");
        let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = app.post(Some(&ada), "/admin/forskning", &pairs).await;
        assert!(
            refused
                .body
                .contains("Perioden kan ikke slutte før den begynner."),
            "{label}"
        );
        let typed = form("Lavdose", "2027-12-31");
        let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let saved = app.post(Some(&ada), "/admin/forskning", &pairs).await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            saved.body
        );
        // Two open projects: a system-level export must name one.
        let token = app.api_token("forsker1").await;
        let req = Request::get("/fhir/$export")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header("prefer", "respond-async")
            .body(Body::empty())
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{label}");
        assert!(res.body.contains("Group/"), "{}", res.body);
        let f = app.sign_in("forsker1").await;
        app.get(Some(&f), "/forskning")
            .await
            .assert_ok_containing("Lavdose");
        // Nobody but an administrator keeps them.
        let kari = app.sign_in("kliniker1").await;
        assert_eq!(
            app.get(Some(&kari), "/admin/forskning").await.status,
            StatusCode::FORBIDDEN
        );
    }
}
