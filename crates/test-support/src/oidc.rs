//! An OpenID provider for tests, served on a loopback port: discovery, keys, an authorize
//! endpoint that signs in whoever the test chose, and a token endpoint that checks the
//! client secret and PKCE and signs an `id_token` (RS256, `jsonwebtoken`). It shares no
//! code with carepath's client, and it can be told to misbehave (another key, an expired
//! token, another audience or nonce) so the tests see carepath refuse.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use carepath_domain::clock::{Clock, FakeClock};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub const CLIENT_ID: &str = "carepath-test";
pub const CLIENT_SECRET: &str = "test-secret";
const KEY_ID: &str = "test-provider-1";
const PROVIDER_KEY: &str = include_str!("../fixtures/oidc/provider-key.pem");
const IMPOSTOR_KEY: &str = include_str!("../fixtures/oidc/impostor-key.pem");
const JWKS: &str = include_str!("../fixtures/oidc/provider-jwks.json");
/// The public half of the key carepath signs `private_key_jwt` assertions with in tests.
const CLIENT_PUBLIC_KEY: &str = include_str!("../fixtures/oidc/client-public.pem");

/// The key carepath's test configuration signs client assertions with.
pub fn client_key_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/oidc/client-key.pem")
}

/// A key the provider does not know, for a client assertion that must be refused.
pub fn impostor_key_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/oidc/impostor-key.pem")
}

/// How the next token goes wrong, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Signed with a key the provider does not publish.
    ImpostorKey,
    /// Expired a minute before carepath's clock.
    Expired,
    /// Issued to another client.
    WrongAudience,
    /// Carries another nonce than the one carepath sent.
    WrongNonce,
    /// Issued ten minutes after carepath's clock (a forged or replayed-ahead token).
    IssuedInTheFuture,
}

/// Who signs in next, as the claims their `id_token` carries beyond the standard ones.
#[derive(Debug, Clone)]
pub struct NextLogin {
    pub claims: Value,
    pub fault: Option<Fault>,
}

#[derive(Debug)]
struct Grant {
    redirect_uri: String,
    nonce: String,
    challenge: String,
    login: NextLogin,
}

#[derive(Debug)]
struct Inner {
    issuer: String,
    clock: Arc<FakeClock>,
    next: Mutex<NextLogin>,
    grants: Mutex<HashMap<String, Grant>>,
    authorize_requests: Mutex<Vec<HashMap<String, String>>>,
}

/// The running provider.
#[derive(Debug, Clone)]
pub struct TestProvider {
    inner: Arc<Inner>,
}

impl TestProvider {
    /// Starts a provider on a free loopback port. Tokens are dated by `clock`.
    pub async fn start(clock: Arc<FakeClock>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let issuer = format!("http://{}", listener.local_addr().expect("address"));
        let inner = Arc::new(Inner {
            issuer,
            clock,
            next: Mutex::new(NextLogin {
                claims: json!({}),
                fault: None,
            }),
            grants: Mutex::default(),
            authorize_requests: Mutex::default(),
        });
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .with_state(inner.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { inner }
    }

    pub fn issuer(&self) -> &str {
        &self.inner.issuer
    }

    /// The next person to sign in: `claims` are added to the `id_token`.
    pub fn next_login(&self, claims: Value, fault: Option<Fault>) {
        *self.inner.next.lock().expect("lock") = NextLogin { claims, fault };
    }

    /// The query parameters of every authorize request so far.
    pub fn authorize_requests(&self) -> Vec<HashMap<String, String>> {
        self.inner.authorize_requests.lock().expect("lock").clone()
    }
}

async fn discovery(State(p): State<Arc<Inner>>) -> Json<Value> {
    let i = &p.issuer;
    Json(json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "jwks_uri": format!("{i}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
        "code_challenge_methods_supported": ["S256"],
        "acr_values_supported": ["idporten-loa-substantial", "idporten-loa-high"],
    }))
}

async fn jwks() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], JWKS).into_response()
}

async fn authorize(
    State(p): State<Arc<Inner>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    p.authorize_requests.lock().expect("lock").push(q.clone());
    let field = |k: &str| q.get(k).cloned().unwrap_or_default();
    if field("client_id") != CLIENT_ID
        || field("response_type") != "code"
        || field("code_challenge_method") != "S256"
    {
        return (StatusCode::BAD_REQUEST, "bad authorize request").into_response();
    }
    let code = hex::encode(rand::random::<[u8; 16]>());
    let redirect_uri = field("redirect_uri");
    p.grants.lock().expect("lock").insert(
        code.clone(),
        Grant {
            redirect_uri: redirect_uri.clone(),
            nonce: field("nonce"),
            challenge: field("code_challenge"),
            login: p.next.lock().expect("lock").clone(),
        },
    );
    let back = format!(
        "{redirect_uri}?{}",
        serde_urlencoded::to_string([("code", code.as_str()), ("state", &field("state"))])
            .expect("query")
    );
    Redirect::to(&back).into_response()
}

async fn token(
    State(p): State<Arc<Inner>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let refuse = |why: &str| {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant", "error_description": why})),
        )
            .into_response()
    };
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    let by_secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        == Some(&expected);
    // private_key_jwt (RFC 7523): an assertion signed by the client's registered key, for
    // this issuer, from and about the client.
    let by_assertion = field("client_assertion_type")
        == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        && field("client_id") == CLIENT_ID
        && {
            let key = jsonwebtoken::DecodingKey::from_rsa_pem(CLIENT_PUBLIC_KEY.as_bytes())
                .expect("test client key");
            let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
            validation.set_audience(&[p.issuer.as_str()]);
            validation.set_issuer(&[CLIENT_ID]);
            validation.sub = Some(CLIENT_ID.to_owned());
            // The assertion is dated by carepath's (fake) clock.
            validation.validate_exp = false;
            jsonwebtoken::decode::<Value>(&field("client_assertion"), &key, &validation)
                .is_ok_and(|t| t.claims["jti"].as_str().is_some_and(|j| !j.is_empty()))
        };
    if !(by_secret || by_assertion) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    // A code is good once.
    let Some(grant) = p.grants.lock().expect("lock").remove(&field("code")) else {
        return refuse("unknown or used code");
    };
    if field("redirect_uri") != grant.redirect_uri {
        return refuse("redirect_uri differs");
    }
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(field("code_verifier").as_bytes()));
    if challenge != grant.challenge {
        return refuse("PKCE verifier does not match");
    }
    let now = p.clock.now().timestamp();
    let fault = grant.login.fault;
    let mut claims = json!({
        "iss": p.issuer,
        "sub": "test-subject",
        "aud": if fault == Some(Fault::WrongAudience) { "someone-else" } else { CLIENT_ID },
        "iat": if fault == Some(Fault::IssuedInTheFuture) { now + 600 } else { now },
        "exp": if fault == Some(Fault::Expired) { now - 60 } else { now + 900 },
        "nonce": if fault == Some(Fault::WrongNonce) { "another-nonce".to_owned() } else { grant.nonce },
    });
    if let (Some(all), Some(extra)) = (claims.as_object_mut(), grant.login.claims.as_object()) {
        all.extend(extra.clone());
    }
    let pem = if fault == Some(Fault::ImpostorKey) {
        IMPOSTOR_KEY
    } else {
        PROVIDER_KEY
    };
    let mut jwt_header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    jwt_header.kid = Some(KEY_ID.to_owned());
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(pem.as_bytes()).expect("test key");
    let id_token = jsonwebtoken::encode(&jwt_header, &claims, &key).expect("signed token");
    Json(json!({
        "access_token": hex::encode(rand::random::<[u8; 16]>()),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}
