//! The access matrix: every registered route, called by every role, with the ids of
//! patients and enrollments the caller may not see. Nothing of those patients may show,
//! nothing may change, and the refusal is a 303 to sign-in, a 403 or a 404. Routes come
//! from the registry the router is built from, so a new route is tested without being
//! listed here; a new kind of path parameter makes this test ask for a value.

use std::collections::HashSet;

use axum::http::StatusCode;
use carepath_domain::enrollment::Enrollment;
use carepath_domain::patient::Patient;
use carepath_domain::{Id, NationalIdNumber};
use carepath_test_support::app::{Session, TestApp};
use carepath_web::{Access, route_table};

/// A demo user and what they may see.
struct Persona {
    username: Option<&'static str>,
    roles: &'static [Access],
}

const PERSONAS: &[Persona] = &[
    Persona {
        username: None,
        roles: &[Access::Public],
    },
    Persona {
        username: Some("pasient2"),
        roles: &[
            Access::Public,
            Access::SignedIn,
            Access::Patient,
            Access::Api,
        ],
    },
    Persona {
        username: Some("kliniker1"),
        roles: &[
            Access::Public,
            Access::SignedIn,
            Access::CareTeam,
            Access::Reports,
            Access::Api,
        ],
    },
    Persona {
        username: Some("koordinator1"),
        roles: &[
            Access::Public,
            Access::SignedIn,
            Access::CareTeam,
            Access::Reports,
            Access::Api,
        ],
    },
    Persona {
        username: Some("kliniker2"),
        roles: &[
            Access::Public,
            Access::SignedIn,
            Access::CareTeam,
            Access::Reports,
            Access::Api,
        ],
    },
    Persona {
        username: Some("forfatter1"),
        roles: &[Access::Public, Access::SignedIn, Access::Api],
    },
    Persona {
        username: Some("forsker1"),
        roles: &[
            Access::Public,
            Access::SignedIn,
            Access::Research,
            Access::Reports,
            Access::Api,
        ],
    },
    Persona {
        username: Some("admin"),
        roles: &[Access::Public, Access::SignedIn, Access::Admin, Access::Api],
    },
];

/// One patient with what would betray them in a response.
struct Known {
    patient: Patient,
    unit: String,
    enrollment: String,
    /// One of the patient's questionnaire responses and scores (a made-up id if none).
    response: String,
    observation: String,
    task: String,
    /// An open request for an appointment, when the patient has one.
    request: String,
}

/// Everything that can change when a request is wrongly let through.
async fn patient_data(app: &TestApp) -> String {
    app.db
        .store
        .dump_for_tests(
            "SELECT 'p ' || id || ' ' || version FROM patients \
             UNION ALL SELECT 'e ' || id || ' ' || version || ' ' || status FROM enrollments \
             UNION ALL SELECT 'r ' || id FROM referrals \
             UNION ALL SELECT 'q ' || id || ' ' || version FROM questionnaire_responses \
             UNION ALL SELECT 'o ' || id FROM observations \
             UNION ALL SELECT 't ' || id || ' ' || version FROM tasks \
             UNION ALL SELECT 'm ' || enrollment_id || ' ' || module_key FROM enrollment_modules \
             UNION ALL SELECT 'read ' || enrollment_id || ' ' || page_key FROM page_reads \
             ORDER BY 1",
        )
        .await
        .unwrap()
}

async fn known_patients(app: &TestApp) -> Vec<Known> {
    let rows = app
        .db
        .store
        .dump_for_tests(
            "SELECT id || ' ' || patient_id || ' ' || unit_id FROM enrollments ORDER BY 1",
        )
        .await
        .unwrap();
    let mut known = Vec::new();
    for row in rows.lines() {
        let mut parts = row.split(' ');
        let (enrollment, patient, unit) = (
            parts.next().unwrap().to_owned(),
            parts.next().unwrap(),
            parts.next().unwrap().to_owned(),
        );
        let patient = app
            .db
            .store
            .patient(patient.parse().unwrap())
            .await
            .unwrap();
        let first = |sql: String| async move {
            let found = app.db.store.dump_for_tests(&sql).await.unwrap();
            match found.lines().next() {
                Some(id) => id.to_owned(),
                None => Id::<()>::new().to_string(),
            }
        };
        let response = first(format!(
            "SELECT id FROM questionnaire_responses WHERE patient_id = '{}' ORDER BY id",
            patient.id
        ))
        .await;
        let observation = first(format!(
            "SELECT id FROM observations WHERE patient_id = '{}' ORDER BY id",
            patient.id
        ))
        .await;
        let task = first(format!(
            "SELECT id FROM tasks WHERE patient_id = '{}' ORDER BY id",
            patient.id
        ))
        .await;
        let request = first(format!(
            "SELECT id FROM consultation_answers WHERE patient_id = '{}' AND answer = 'yes' ORDER BY id",
            patient.id
        ))
        .await;
        known.push(Known {
            patient,
            unit,
            enrollment,
            response,
            observation,
            task,
            request,
        });
    }
    known
}

/// A patient in unit 2, so that unit 1's staff have someone foreign too.
async fn add_patient_in_unit_2(app: &TestApp) {
    let store = &app.db.store;
    let now = carepath_domain::clock::Clock::now(app.clock.as_ref());
    let k2 = store.user_by_username("kliniker2").await.unwrap().unwrap();
    let unit = store.roles(k2.id).await.unwrap()[0].unit_id.unwrap();
    let (_, version) = app.demo_unit_and_program().await;
    let patient = Patient {
        updated_at: None,
        id: Id::new(),
        nin: NationalIdNumber::complete("120385123").unwrap(),
        name: "Fremmed Enhetsdottir".into(),
        birth_date: "1985-03-12".parse().unwrap(),
        user_id: None,
        gp_name: Some("Dr. Utenfor".into()),
        gp_her_id: None,
        managing_unit: None,
        version: 1,
        email: None,
        mobile: None,
        name_parts: Default::default(),
        gender: None,
    };
    store.create_patient(&patient, now, &[]).await.unwrap();
    store
        .create_enrollment(
            &Enrollment::new(patient.id, unit, version.id, now),
            None,
            None,
            &[],
        )
        .await
        .unwrap();
}

/// The path with its parameters filled in: a foreign patient's ids, or real content.
fn fill(path: &str, foreign: &Known, media: &(String, String, String)) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').unwrap() + start;
        let value = match &rest[start + 1..end] {
            "patient" | "consent" => foreign.patient.id.to_string(),
            "enrollment" => foreign.enrollment.clone(),
            "key" => "ibs-symptomskaar".to_owned(),
            "module" => "om-ibs".to_owned(),
            "course" => "digital-hjemmeoppfolging".to_owned(),
            "lesson" => "hva-er-dho".to_owned(),
            "part" => "del-1".to_owned(),
            "code" => "AAAAAAAAAAAAAAAA".to_owned(),
            "page" if path.starts_with("/tilbud") => "01-lav-fodmap".to_owned(),
            "page" => "01-hva-er-ibs".to_owned(),
            "program" => "ibs-school".to_owned(),
            "version" => media.0.clone(),
            "name" => media.1.clone(),
            "provider" => "idporten".to_owned(),
            "grant" | "alert" | "flag" | "attachment" | "template" | "communication" | "binary"
            | "organization" | "staff" | "letter" | "document" | "appointment" | "group"
            | "export" | "project" | "offering" | "enquiry" | "procedure" => {
                Id::<()>::new().to_string()
            }
            "request" => foreign.request.clone(),
            "careplan" => foreign.enrollment.clone(),
            "unit" => foreign.unit.clone(),
            "plan" => media.0.clone(),
            "response" => foreign.response.clone(),
            "observation" => foreign.observation.clone(),
            "task" => foreign.task.clone(),
            "questionnaire" => media.2.clone(),
            "vid" | "file" => "1".to_owned(),
            "token" => "0".repeat(64),
            other => panic!(
                "the matrix test does not know the path parameter {{{other}}} in {path}: \
                 add a value that names something the caller must not see"
            ),
        };
        out.push_str(&value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn no_route_shows_or_changes_a_patient_the_caller_may_not_see() {
    for app in TestApp::each_backend().await {
        add_patient_in_unit_2(&app).await;
        let known = known_patients(&app).await;
        let media_row = app
            .db
            .store
            .dump_for_tests("SELECT program_version_id || ' ' || name FROM program_media LIMIT 1")
            .await
            .unwrap();
        let (v, n) = media_row.split_once(' ').unwrap();
        let questionnaire = app
            .db
            .store
            .dump_for_tests("SELECT id FROM questionnaires LIMIT 1")
            .await
            .unwrap();
        let media = (v.to_owned(), n.to_owned(), questionnaire);
        let routes = route_table();
        assert!(routes.len() > 20, "the registry lists every route");
        let mut checked = 0;

        for persona in PERSONAS {
            let mut session: Option<Session> = match persona.username {
                Some(u) => Some(app.sign_in(u).await),
                None => None,
            };
            let token = match persona.username {
                Some(u) => Some(app.api_token(u).await),
                None => None,
            };
            let me = match persona.username {
                Some(u) => app.db.store.user_by_username(u).await.unwrap(),
                None => None,
            };
            let my_units: HashSet<String> = match &me {
                Some(user) => app
                    .db
                    .store
                    .roles(user.id)
                    .await
                    .unwrap()
                    .iter()
                    .filter(|g| g.role.is_care_team())
                    .filter_map(|g| g.unit_id.map(|u| u.to_string()))
                    .collect(),
                None => HashSet::new(),
            };
            let visible = |k: &Known| {
                my_units.contains(&k.unit)
                    || (me.is_some() && k.patient.user_id == me.as_ref().map(|u| u.id))
            };
            let foreign: Vec<&Known> = known.iter().filter(|k| !visible(k)).collect();
            let target = foreign
                .first()
                .expect("every persona has someone they may not see");
            let markers: Vec<String> = foreign
                .iter()
                .flat_map(|k| [k.patient.name.clone(), k.patient.nin.expose()])
                .collect();

            for route in &routes {
                let path = fill(route.path, target, &media);
                let who = persona.username.unwrap_or("anonymous");
                let context = format!("{} {who} {} {path}", app.backend(), route.method);
                let before = patient_data(&app).await;
                let res = if route.access == Access::Api && route.method != "GET" {
                    let body = api_body(route.path, target);
                    app.send_api(route.method, token.as_deref(), &path, &body, &[])
                        .await
                } else if route.access == Access::Api {
                    app.get_api(token.as_deref(), &path).await
                } else if route.method == "POST" {
                    app.post(
                        session.as_ref(),
                        &path,
                        &[("versjon", &media.0), ("begrunnelse", "matrix")],
                    )
                    .await
                } else {
                    app.get(session.as_ref(), &path).await
                };
                checked += 1;

                assert!(!res.status.is_server_error(), "{context}: {}", res.status);
                for marker in &markers {
                    assert!(
                        !res.body.contains(marker.as_str()),
                        "{context}: the response shows a patient the caller may not see"
                    );
                }
                let allowed = persona.roles.contains(&route.access);
                // Registering the foreign patient's number again is a conflict.
                let registers_foreign = route.method == "POST" && route.path == "/fhir/Patient";
                let names_foreign = [
                    "{patient}",
                    "{enrollment}",
                    "{response}",
                    "{observation}",
                    "{task}",
                    "{alert}",
                    "{flag}",
                ]
                .iter()
                .any(|p| route.path.contains(p))
                    || (route.method == "POST"
                        && ["/fhir/QuestionnaireResponse", "/fhir/Observation"]
                            .contains(&route.path))
                    || registers_foreign;
                if !allowed {
                    if route.access == Access::Api {
                        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{context}");
                    } else if session.is_none() {
                        assert_eq!(res.status, StatusCode::SEE_OTHER, "{context}");
                        assert_eq!(res.location(), "/logg-inn", "{context}");
                    } else {
                        assert_eq!(res.status, StatusCode::FORBIDDEN, "{context}");
                    }
                } else if names_foreign {
                    assert!(
                        matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN)
                            || (registers_foreign && res.status == StatusCode::CONFLICT),
                        "{context}: {} for another's patient",
                        res.status
                    );
                }
                if !allowed || names_foreign {
                    assert_eq!(
                        before,
                        patient_data(&app).await,
                        "{context}: a refused request changed patient data"
                    );
                }
                // Signing out is a route too: sign in again for the routes after it.
                if let (true, Some(u)) = (route.path.starts_with("/logg-ut"), persona.username) {
                    session = Some(app.sign_in(u).await);
                }
            }
        }
        assert!(checked >= routes.len() * PERSONAS.len());
    }
}

/// What an API write sends: the foreign patient (as a new registration or a change), a
/// response about them, or a new questionnaire.
fn api_body(path: &str, foreign: &Known) -> serde_json::Value {
    if path.starts_with("/fhir/Patient") {
        serde_json::json!({
            "resourceType": "Patient",
            "id": foreign.patient.id.to_string(),
            "identifier": [{
                "system": "urn:oid:2.16.578.1.12.4.1.4.1",
                "value": foreign.patient.nin.expose()
            }],
            "name": [{ "text": "Endret Navn" }]
        })
    } else if path.starts_with("/fhir/Observation") {
        carepath_fhir::observation::measurement_observation(
            "x",
            &foreign.patient.id.to_string(),
            carepath_domain::measurement::Entry::One(
                carepath_domain::measurement::MeasurementKind::OxygenSaturation,
                88.0,
            ),
            "2026-11-20T08:00:00+01:00",
        )
    } else if path.starts_with("/fhir/CarePlan") {
        serde_json::json!({
            "resourceType": "CarePlan",
            "status": "active",
            "intent": "plan",
            "subject": { "reference": format!("Patient/{}", foreign.patient.id) },
            "instantiatesCanonical": ["https://carepath.no/fhir/PlanDefinition/ibs-school"]
        })
    } else if path.starts_with("/fhir/QuestionnaireResponse") {
        serde_json::json!({
            "resourceType": "QuestionnaireResponse",
            "questionnaire": "https://carepath.no/fhir/Questionnaire/ibs-sss-struktur|1.0.0",
            "status": "completed",
            "subject": { "reference": format!("Patient/{}", foreign.patient.id) },
            "item": crate::BASELINE.iter().map(|(k, v)| serde_json::json!({
                "linkId": k, "answer": [{ "valueInteger": v.parse::<i64>().unwrap() }]
            })).collect::<Vec<_>>()
        })
    } else {
        serde_json::json!({
            "resourceType": "Questionnaire",
            "url": format!("urn:carepath:matrix:{}", Id::<()>::new()),
            "version": "1",
            "status": "draft",
            "item": [{ "linkId": "a", "type": "boolean", "text": "Ja?" }]
        })
    }
}

/// How many access-log events name `patient`.
async fn logged(app: &TestApp, patient: &str) -> i64 {
    app.db
        .store
        .dump_for_tests(&format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM audit_events WHERE patient_id = '{patient}'"
        ))
        .await
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn every_page_and_api_answer_that_shows_a_patient_is_in_the_access_log() {
    for app in TestApp::each_backend().await {
        let known = known_patients(&app).await;
        let media = ("x".to_owned(), "y".to_owned(), "z".to_owned());
        let mut shown = 0;
        for username in ["kliniker1", "koordinator1", "pasient2", "pasient3"] {
            let session = app.sign_in(username).await;
            let token = app.api_token(username).await;
            let me = app
                .db
                .store
                .user_by_username(username)
                .await
                .unwrap()
                .unwrap();
            let roles = app.db.store.roles(me.id).await.unwrap();
            let units: HashSet<String> = roles
                .iter()
                .filter_map(|g| g.unit_id.map(|u| u.to_string()))
                .collect();
            let mine: Vec<&Known> = known
                .iter()
                .filter(|k| units.contains(&k.unit) || k.patient.user_id == Some(me.id))
                .collect();
            for route in route_table().iter().filter(|r| r.method == "GET") {
                for target in &mine {
                    let path = fill(route.path, target, &media);
                    let id = target.patient.id.to_string();
                    let before = logged(&app, &id).await;
                    let res = if route.access == Access::Api {
                        app.get_api(Some(&token), &path).await
                    } else {
                        app.get(Some(&session), &path).await
                    };
                    // A patient's own name is in every page's header; their number is not.
                    let own = target.patient.user_id == Some(me.id);
                    let shows = res.body.contains(&target.patient.nin.expose())
                        || (!own && res.body.contains(&target.patient.name));
                    if shows {
                        shown += 1;
                        assert!(
                            logged(&app, &id).await > before,
                            "{} {username} GET {path}: shows a patient without an access-log event",
                            app.backend()
                        );
                    }
                    if !route.path.contains('{') {
                        break; // Routes without ids show the same for every target.
                    }
                }
            }
        }
        assert!(shown > 10, "the check saw patients on pages ({shown})");
    }
}

/// The unit-1 patient whose records unit 2 tries to reach, and unit 2's referral to them.
async fn referred_to_unit_2(app: &TestApp, username: &str) -> Known {
    let user = app
        .db
        .store
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap();
    let target = known_patients(app)
        .await
        .into_iter()
        .find(|k| k.patient.user_id == Some(user.id))
        .unwrap();
    let k2 = app.sign_in("kliniker2").await;
    let form = app.get(Some(&k2), "/klinikk/henvisning").await;
    let program = crate::first_program_option(&form.body);
    let res = app
        .post(
            Some(&k2),
            "/klinikk/henvisning",
            &[
                ("program", &program),
                ("fodselsnummer", &target.patient.nin.expose()),
                ("navn", "Henvist Pasient"),
                ("kilde", "gp"),
                ("hort_om", "website"),
            ],
        )
        .await;
    assert!(res.status.is_redirection(), "{}", res.body);
    target
}

#[tokio::test]
async fn a_referral_to_another_units_patient_opens_no_route_to_that_units_records() {
    for app in TestApp::each_backend().await {
        // pasient3 has responses, scores, tasks and an enrollment in unit 1.
        let target = referred_to_unit_2(&app, "pasient3").await;
        let media = (String::new(), String::new(), String::new());
        let k2 = app.sign_in("kliniker2").await;
        let token = app.api_token("kliniker2").await;
        let records = [
            "{enrollment}",
            "{careplan}",
            "{response}",
            "{observation}",
            "{task}",
            "{request}",
        ];
        let mut checked = 0;
        for route in route_table() {
            if !records.iter().any(|p| route.path.contains(p)) {
                continue;
            }
            let path = fill(route.path, &target, &media);
            let context = format!("{} kliniker2 {} {path}", app.backend(), route.method);
            let before = patient_data(&app).await;
            let res = if route.access == Access::Api && route.method != "GET" {
                let body = api_body(route.path, &target);
                app.send_api(route.method, Some(&token), &path, &body, &[])
                    .await
            } else if route.access == Access::Api {
                app.get_api(Some(&token), &path).await
            } else if route.method == "POST" {
                app.post(Some(&k2), &path, &[("handling", "pause"), ("notat", "x")])
                    .await
            } else {
                app.get(Some(&k2), &path).await
            };
            checked += 1;
            assert!(
                matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                "{context}: {} for another unit's record of a patient it was referred",
                res.status
            );
            assert_eq!(before, patient_data(&app).await, "{context}: changed data");
        }
        assert!(checked >= 8, "the record routes were tried ({checked})");
    }
}
