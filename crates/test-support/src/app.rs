//! `TestApp`: the whole application in process, driven with `tower::ServiceExt::oneshot`
//! on a fresh database filled with the demo data, with a fake clock.

#![allow(clippy::unwrap_used)] // Test helpers fail loudly by design.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use carepath_domain::clock::{Clock, FakeClock};
use carepath_web::{AppState, Shared, WebConfig};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::TestDb;

/// The time every TestApp starts at: a Monday morning in Norway.
pub const START: &str = "2026-11-23T08:00:00+01:00";

/// The application on one database.
#[derive(Debug)]
pub struct TestApp {
    pub db: TestDb,
    pub clock: Arc<FakeClock>,
    state: AppState,
    router: Router,
}

/// A signed-in browser: the session cookie to send.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    /// The session's CSRF token, sent with every form by [`TestApp::post`].
    pub csrf: String,
}

/// What came back.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl TestResponse {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// `name=value` of the cookie `name` this response sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }

    /// The session this response starts.
    pub async fn session(&self, app: &TestApp) -> Option<Session> {
        let cookie = self.cookie(carepath_web::SESSION_COOKIE)?;
        let token = cookie.split_once('=').map(|(_, t)| t).unwrap_or_default();
        let info = app
            .db
            .store
            .session(token, app.clock.now(), chrono::Duration::days(1), false)
            .await
            .ok()??;
        Some(Session {
            cookie,
            csrf: info.csrf,
        })
    }

    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    #[track_caller]
    pub fn assert_redirect(&self, to: &str) {
        assert!(
            self.status.is_redirection(),
            "expected a redirect to {to}, got {}:\n{}",
            self.status,
            self.body
        );
        assert_eq!(self.location(), to);
    }

    #[track_caller]
    pub fn assert_ok_containing(&self, text: &str) {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        assert!(
            self.body.contains(text),
            "page does not contain {text:?}:\n{}",
            self.body
        );
    }
}

impl Session {
    /// The `Cookie` header this browser sends.
    pub fn cookie_header(&self) -> &str {
        &self.cookie
    }
}

impl TestApp {
    /// The demo application on `db`, with demo sign-in enabled.
    pub async fn demo(db: TestDb) -> Self {
        Self::with_config(db, WebConfig::for_tests()).await
    }

    pub async fn with_config(db: TestDb, config: WebConfig) -> Self {
        let app = Self::empty(db, config);
        carepath::demo::create(&app.db.store, app.clock.as_ref(), "https://carepath.test")
            .await
            .expect("demo data");
        app
    }

    /// The application on `db` as a new installation has it: no demo data, no one.
    pub fn empty(db: TestDb, config: WebConfig) -> Self {
        let clock = Arc::new(FakeClock::at(START.parse().expect("start time")));
        let state = AppState::new(Shared {
            stopping: tokio::sync::watch::channel(false).1,
            store: db.store.clone(),
            clock: clock.clone() as Arc<dyn Clock>,
            config: Arc::new(config),
            oidc: Arc::new(carepath_web::oidc::Oidc::none()),
        });
        Self {
            router: carepath_web::router(state.clone()),
            state,
            db,
            clock,
        }
    }

    /// On PostgreSQL, the same installation served by a second node: its own store (pool,
    /// caches, audit chain) on the same database, the same clock and settings. `None` on
    /// SQLite.
    pub async fn another_node(&self) -> Option<Self> {
        let store = self.db.another_node().await?;
        let state = AppState::new(Shared {
            store: store.clone(),
            ..Shared::clone(&self.state)
        });
        Some(Self {
            router: carepath_web::router(state.clone()),
            state,
            db: crate::TestDb {
                store,
                label: self.db.label,
                _dir: None,
                node: None,
            },
            clock: self.clock.clone(),
        })
    }

    /// Adds a synthetic IBS-school cohort of `n` patients from `seed` (`carepath demo
    /// --cohort`), as of the test clock's now.
    pub async fn add_cohort(&self, n: u32, seed: u64) {
        carepath::demo::cohort::add(&self.db.store, self.clock.now(), n, seed, &mut |_, _| {})
            .await
            .expect("the cohort");
    }

    /// Offers sign-in through `providers`; browsers come back to `http://carepath.test`.
    pub fn set_oidc_providers(&mut self, providers: Vec<carepath_web::oidc::OidcProvider>) {
        self.state = AppState::new(Shared {
            oidc: Arc::new(carepath_web::oidc::Oidc::new(
                providers,
                "http://carepath.test",
            )),
            ..Shared::clone(&self.state)
        });
        self.router = carepath_web::router(self.state.clone());
    }

    /// Signs in through the OpenID provider `name` as a browser would: to the provider,
    /// which signs in whoever it was told to, and back. Returns carepath's last answer.
    pub async fn oidc_sign_in(&self, name: &str) -> TestResponse {
        let start = self.get(None, &format!("/logg-inn/oidc/{name}")).await;
        assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
        let cookie = start.cookie("carepath_oidc").expect("the login cookie");
        let back = self.visit_provider(start.location()).await;
        self.get_with_cookie(Some(&cookie), &back).await
    }

    /// Follows the provider's authorize address; returns the path carepath is sent back to.
    pub async fn visit_provider(&self, authorize_url: &str) -> String {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let res = client
            .get(authorize_url)
            .send()
            .await
            .expect("the provider answers");
        assert!(
            res.status().is_redirection(),
            "provider said {}",
            res.status()
        );
        let back = res
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .expect("a redirect back")
            .to_owned();
        back.strip_prefix("http://carepath.test")
            .expect("back to carepath")
            .to_owned()
    }

    /// A bearer token for the API with `username`'s rights.
    pub async fn api_token(&self, username: &str) -> String {
        let user = self
            .db
            .store
            .user_by_username(username)
            .await
            .unwrap()
            .expect("a demo user");
        self.db
            .store
            .create_api_token(user.id, self.clock.now(), chrono::Duration::days(30))
            .await
            .unwrap()
    }

    /// An API GET, with `Authorization: Bearer token` when a token is given.
    pub async fn get_api(&self, token: Option<&str>, path: &str) -> TestResponse {
        let mut req = Request::get(path).header(header::ACCEPT, "application/fhir+json");
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// An API request with a FHIR JSON body (`POST`, `PUT`), with `Authorization: Bearer
    /// token` when a token is given and any extra headers (e.g. `If-Match`).
    pub async fn send_api(
        &self,
        method: &str,
        token: Option<&str>,
        path: &str,
        body: &serde_json::Value,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut req = Request::builder().method(method).uri(path);
        // FHIR JSON unless the test names another type.
        for (name, value) in [
            (header::ACCEPT, "application/fhir+json"),
            (header::CONTENT_TYPE, "application/fhir+json"),
        ] {
            if !headers
                .iter()
                .any(|(k, _)| name.as_str().eq_ignore_ascii_case(k))
            {
                req = req.header(name, value);
            }
        }
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::from(body.to_string())).expect("request"))
            .await
    }

    /// A form POST with a raw `Cookie` header and an already encoded body.
    pub async fn post_with_cookie(&self, cookie: &str, path: &str, body: &str) -> TestResponse {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie);
        self.send(req.body(Body::from(body.to_owned())).expect("request"))
            .await
    }

    /// A GET with a raw `Cookie` header (`name=value`).
    pub async fn get_with_cookie(&self, cookie: Option<&str>, path: &str) -> TestResponse {
        let mut req = Request::get(path);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// The demo application on every backend available (both, in CI).
    pub async fn each_backend() -> Vec<Self> {
        let mut apps = Vec::new();
        for db in crate::each_backend().await {
            apps.push(Self::demo(db).await);
        }
        apps
    }

    pub fn backend(&self) -> &'static str {
        self.db.label
    }

    /// Signs in with the demo sign-in.
    pub async fn sign_in(&self, username: &str) -> Session {
        let res = self
            .post(None, "/logg-inn/demo", &[("brukernavn", username)])
            .await;
        assert!(
            res.status.is_redirection(),
            "sign-in failed for {username}: {}",
            res.status
        );
        res.session(self).await.expect("a new session")
    }

    pub async fn get(&self, session: Option<&Session>, path: &str) -> TestResponse {
        let mut req = Request::get(path);
        if let Some(s) = session {
            req = req.header(header::COOKIE, &s.cookie);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// Posts a form with its CSRF token, as a browser would: the session's, or without a
    /// session the sign-in token a browser gets from the sign-in page.
    pub async fn post(
        &self,
        session: Option<&Session>,
        path: &str,
        form: &[(&str, &str)],
    ) -> TestResponse {
        let mut pairs: Vec<(&str, &str)> = form.to_vec();
        let anonymous;
        let session = match session {
            Some(s) => s,
            None => {
                anonymous = self.sign_in_form_token().await;
                &anonymous
            }
        };
        pairs.push(("_csrf", session.csrf.as_str()));
        let body = serde_urlencoded_pairs(&pairs);
        self.post_raw(
            Some(session),
            path,
            "application/x-www-form-urlencoded",
            body,
        )
        .await
    }

    /// What a browser holds after opening the sign-in page: the sign-in CSRF cookie and
    /// the token in its forms.
    pub async fn sign_in_form_token(&self) -> Session {
        let page = self.get(None, "/logg-inn").await;
        let cookie = page
            .cookie(carepath_web::LOGIN_CSRF_COOKIE)
            .expect("the sign-in page sets its CSRF cookie");
        let csrf = cookie
            .split_once('=')
            .map(|(_, v)| v.to_owned())
            .unwrap_or_default();
        Session { cookie, csrf }
    }

    pub async fn post_raw(
        &self,
        session: Option<&Session>,
        path: &str,
        content_type: &str,
        body: String,
    ) -> TestResponse {
        let mut req = Request::post(path).header(header::CONTENT_TYPE, content_type);
        if let Some(s) = session {
            req = req.header(header::COOKIE, &s.cookie);
        }
        self.send(req.body(Body::from(body)).expect("request"))
            .await
    }

    /// Opens a page's event stream as `session` and returns its status and body, to read
    /// events from as they come.
    pub async fn open_stream(&self, session: &Session, path: &str) -> (StatusCode, Body) {
        let req = Request::get(path)
            .header(header::COOKIE, &session.cookie)
            .header(header::ACCEPT, "text/event-stream")
            .body(Body::empty())
            .expect("request");
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("infallible router");
        (res.status(), res.into_body())
    }

    /// Sends any request as it is (headers, method and body chosen by the test).
    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("infallible router");
        let status = res.status();
        let headers = res.headers().clone();
        let streaming = headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
        let bytes = if streaming {
            // An event stream does not end by itself: what arrives in a moment.
            let mut body = res.into_body();
            let mut out = Vec::new();
            let deadline = tokio::time::Instant::now() + std::time::Duration::from_millis(300);
            while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(deadline, body.frame()).await {
                if let Ok(data) = frame.into_data() {
                    out.extend_from_slice(&data);
                }
            }
            out.into()
        } else {
            res.into_body().collect().await.expect("body").to_bytes()
        };
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }
}

impl TestApp {
    /// The body of the answer to `req` as bytes (a download: a PDF, a spreadsheet).
    pub async fn send_bytes(&self, req: Request<Body>) -> Vec<u8> {
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("infallible router");
        assert_eq!(res.status(), StatusCode::OK, "the download answers 200");
        res.into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec()
    }
}

fn serde_urlencoded_pairs(form: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(form).expect("form pairs encode")
}

impl TestApp {
    /// Unit 1 of the demo (where `kliniker1` works) and the newest IBS school version.
    pub async fn demo_unit_and_program(
        &self,
    ) -> (
        carepath_domain::Id<carepath_domain::organization::Unit>,
        carepath_domain::program::ProgramVersion,
    ) {
        let store = &self.db.store;
        let clinician = store
            .user_by_username("kliniker1")
            .await
            .unwrap()
            .expect("kliniker1");
        let unit = store.roles(clinician.id).await.unwrap()[0]
            .unit_id
            .expect("a unit-bound role");
        let version = store
            .latest_program_version("ibs-school")
            .await
            .unwrap()
            .expect("the IBS school");
        (unit, version)
    }

    /// A patient account that can use the demo sign-in as `username`.
    pub async fn patient_account(
        &self,
        username: &str,
    ) -> carepath_domain::Id<carepath_domain::user::UserAccount> {
        use carepath_domain::user::{Role, SignInKind};
        let store = &self.db.store;
        let user = store
            .create_user(username, username, self.clock.now())
            .await
            .unwrap();
        store
            .grant_role(user.id, Role::Patient, None)
            .await
            .unwrap();
        store
            .add_sign_in_key(user.id, SignInKind::Demo, username)
            .await
            .unwrap();
        user.id
    }
}
