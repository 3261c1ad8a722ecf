//! Sign-in through OpenID Connect providers: ID-porten for patients (level high, found by
//! the `pid` claim), HelseID for health personnel (security level 4, found by the HPR
//! number). Authorization code flow with PKCE, state and nonce (the `openidconnect`
//! crate). Providers are configured, not coded; see `docs/configuration.md`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration as StdDuration, Instant};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use carepath_domain::NationalIdNumber;
use carepath_domain::user::{SignInKind, UserAccount};
use carepath_store::oidc::PendingLogin;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthenticationContextClass, AuthorizationCode, Client, ClientId,
    ClientSecret, CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};

use crate::{AppState, Error};

/// The cookie that ties the provider's answer to the browser that asked (login CSRF).
const LOGIN_COOKIE: &str = "carepath_oidc";
/// How long a sign-in may stay at the provider.
const LOGIN_TTL_MINUTES: i64 = 10;
/// Provider metadata and keys are fetched again after this, so rotated keys are seen.
const METADATA_TTL: StdDuration = StdDuration::from_secs(3600);

/// ID-porten's level high (BankID, Buypass, Commfides), and its older name.
const ACR_HIGH: [&str; 2] = ["idporten-loa-high", "Level4"];

/// What a provider's users are, and so which claims find them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OidcProfile {
    /// ID-porten: `acr` must be level high; `pid` (national identity number) finds the patient.
    Patient,
    /// HelseID: security level 4; the HPR number finds the staff account.
    Clinician,
}

/// One configured OpenID provider.
#[derive(Clone, Deserialize, Serialize)]
pub struct OidcProvider {
    /// The name in the sign-in address: `/logg-inn/oidc/{name}`.
    pub name: String,
    /// The button text on the sign-in page.
    pub label: String,
    pub profile: OidcProfile,
    /// The issuer; its `/.well-known/openid-configuration` is read at first use.
    pub issuer: String,
    pub client_id: String,
    /// May be left out of the file and given as `CAREPATH_OIDC_<NAME>_CLIENT_SECRET`.
    #[serde(default)]
    pub client_secret: String,
    /// Extra scopes beyond `openid` (HelseID needs its `helseid://scopes/...`).
    #[serde(default)]
    pub scopes: Vec<String>,
    /// How carepath proves itself at the token endpoint.
    #[serde(default)]
    pub client_auth: ClientAuth,
    /// For `private_key_jwt`: the PEM file of the client's RSA private key.
    #[serde(default)]
    pub private_key_file: Option<std::path::PathBuf>,
    /// For `private_key_jwt`: the key id (`kid`) the provider knows the key by.
    #[serde(default)]
    pub key_id: Option<String>,
}

/// Client authentication at the token endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuth {
    /// The client secret in the `Authorization` header (ID-porten's default).
    #[default]
    ClientSecretBasic,
    /// A JWT signed with the client's private key (RFC 7523; what HelseID requires).
    PrivateKeyJwt,
}

/// Reads the signing key of a `private_key_jwt` provider, with a message for the operator.
pub fn load_client_key(path: &std::path::Path) -> Result<jsonwebtoken::EncodingKey, String> {
    let pem = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    jsonwebtoken::EncodingKey::from_rsa_pem(&pem)
        .map_err(|_| format!("{} is not an RSA private key in PEM form", path.display()))
}

impl std::fmt::Debug for OidcProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcProvider")
            .field("name", &self.name)
            .field("profile", &self.profile)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// The claims beyond the standard ones that carepath reads.
#[derive(Clone, Default, Deserialize, Serialize)]
pub struct NorwegianClaims {
    /// ID-porten: the national identity number or D-number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pid: Option<String>,
    /// HelseID's HPR number; older HelseID versions named it `https://nhn.no/claims/...`.
    #[serde(
        rename = "helseid://claims/hpr/hpr_number",
        alias = "https://nhn.no/claims/hpr/hpr_number",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    hpr_number: Option<serde_json::Value>,
    #[serde(
        rename = "helseid://claims/identity/security_level",
        alias = "https://nhn.no/claims/identity/security_level",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    security_level: Option<serde_json::Value>,
}

impl std::fmt::Debug for NorwegianClaims {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NorwegianClaims(..)")
    }
}

impl AdditionalClaims for NorwegianClaims {}

/// A claim that providers send as a string or a number.
fn text(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

type TokenResponseN = StandardTokenResponse<
    IdTokenFields<
        NorwegianClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

type OidcClient = Client<
    NorwegianClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResponseN,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The configured providers, their fetched metadata and the HTTP client that talks to them.
pub struct Oidc {
    providers: Vec<OidcProvider>,
    public_url: String,
    http: openidconnect::reqwest::Client,
    metadata: Mutex<HashMap<String, (Instant, CoreProviderMetadata)>>,
    /// Signing keys of `private_key_jwt` providers, by provider name.
    keys: HashMap<String, jsonwebtoken::EncodingKey>,
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Oidc")
            .field("providers", &self.providers)
            .finish_non_exhaustive()
    }
}

impl Oidc {
    /// `public_url` is the address browsers use; redirect URIs are built from it.
    pub fn new(providers: Vec<OidcProvider>, public_url: &str) -> Self {
        let http = openidconnect::reqwest::Client::builder()
            // The OpenID specification: never follow redirects from the token endpoint.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(StdDuration::from_secs(10))
            .build()
            .unwrap_or_default();
        let mut keys = HashMap::new();
        for p in &providers {
            if let (ClientAuth::PrivateKeyJwt, Some(path)) = (p.client_auth, &p.private_key_file) {
                match load_client_key(path) {
                    Ok(key) => {
                        keys.insert(p.name.clone(), key);
                    }
                    // Start-up checks this with a message; here the provider just stays unusable.
                    Err(e) => tracing::error!(provider = %p.name, error = %e, "no client key"),
                }
            }
        }
        Self {
            providers,
            public_url: public_url.trim_end_matches('/').to_owned(),
            http,
            metadata: Mutex::default(),
            keys,
        }
    }

    /// No providers: only the demo sign-in, if any.
    pub fn none() -> Self {
        Self::new(Vec::new(), "http://127.0.0.1")
    }

    /// The providers, for the sign-in page.
    pub fn providers(&self) -> &[OidcProvider] {
        &self.providers
    }

    fn provider(&self, name: &str) -> Result<&OidcProvider, Error> {
        self.providers
            .iter()
            .find(|p| p.name == name)
            .ok_or(Error::NotFound)
    }

    async fn client(&self, provider: &OidcProvider) -> Result<OidcClient, Refusal> {
        let cached = self
            .metadata
            .lock()
            .ok()
            .and_then(|m| m.get(&provider.name).cloned())
            .filter(|(at, _)| at.elapsed() < METADATA_TTL)
            .map(|(_, m)| m);
        let metadata = match cached {
            Some(m) => m,
            None => {
                let issuer = IssuerUrl::new(provider.issuer.clone()).map_err(|e| {
                    tracing::error!(provider = %provider.name, error = %e, "the issuer is not a URL");
                    Refusal::Unavailable
                })?;
                let m = CoreProviderMetadata::discover_async(issuer, &self.http)
                    .await
                    .map_err(|e| {
                        tracing::warn!(provider = %provider.name, error = %e, "provider discovery failed");
                        Refusal::Unavailable
                    })?;
                if let Ok(mut cache) = self.metadata.lock() {
                    cache.insert(provider.name.clone(), (Instant::now(), m.clone()));
                }
                m
            }
        };
        let redirect = RedirectUrl::new(format!(
            "{}/logg-inn/oidc/{}/tilbake",
            self.public_url, provider.name
        ))
        .map_err(|_| Refusal::Unavailable)?;
        let secret = match provider.client_auth {
            ClientAuth::ClientSecretBasic => {
                Some(ClientSecret::new(provider.client_secret.clone()))
            }
            // Without a secret the client id goes in the body, beside the assertion.
            ClientAuth::PrivateKeyJwt => None,
        };
        Ok(OidcClient::from_provider_metadata(
            metadata,
            ClientId::new(provider.client_id.clone()),
            secret,
        )
        .set_redirect_uri(redirect))
    }

    /// The RFC 7523 client assertion for `provider`: signed by the client's key, for the
    /// provider's issuer (as HelseID requires), valid for a minute, used once (`jti`).
    fn client_assertion(
        &self,
        provider: &OidcProvider,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<String, Refusal> {
        let key = self.keys.get(&provider.name).ok_or(Refusal::Unavailable)?;
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
        header.kid.clone_from(&provider.key_id);
        let at = now.timestamp();
        let claims = serde_json::json!({
            "iss": provider.client_id,
            "sub": provider.client_id,
            "aud": provider.issuer,
            "iat": at,
            "nbf": at,
            "exp": at + 60,
            "jti": hex::encode(rand::random::<[u8; 16]>()),
        });
        jsonwebtoken::encode(&header, &claims, key).map_err(|_| Refusal::Unavailable)
    }
}

/// Why a sign-in through a provider was refused, in words for the person signing in.
#[derive(Debug)]
enum Refusal {
    /// The provider cannot be reached or is misconfigured.
    Unavailable,
    /// The person cancelled or the provider refused.
    Cancelled,
    /// State, cookie, signature, expiry, nonce or code did not check out.
    Invalid(&'static str),
    /// ID-porten level below high.
    LevelTooLow,
    /// No patient with that number (no referral).
    NoPatient,
    /// HelseID security level below 4.
    SecurityLevelTooLow,
    /// No staff account with that HPR number.
    NoStaffAccount,
}

impl Refusal {
    fn status(&self) -> StatusCode {
        match self {
            Refusal::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::Cancelled | Refusal::Invalid(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::FORBIDDEN,
        }
    }

    /// The key of what the person is told.
    fn message(&self) -> &'static str {
        match self {
            Refusal::Unavailable => "sign-in-provider-down",
            Refusal::Cancelled => "sign-in-cancelled",
            Refusal::Invalid(_) => "sign-in-stale",
            Refusal::LevelTooLow => "sign-in-level-substantial",
            Refusal::NoPatient => "sign-in-no-referral",
            Refusal::SecurityLevelTooLow => "sign-in-level-staff",
            Refusal::NoStaffAccount => "sign-in-no-staff-account",
        }
    }

    fn into_response(self, state: &AppState) -> Response {
        if let Refusal::Invalid(why) = &self {
            // Why, for the operator; never a token, a claim or a number.
            tracing::warn!(reason = why, "an OpenID sign-in was refused");
        }
        crate::auth::sign_in_refused(state, self.status(), self.message())
    }
}

/// How a sign-in was asked for.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct StartQuery {
    /// `deltaker`: from the participant page; an HPR number no account holds makes a
    /// participant account (decision 0045).
    som: Option<String>,
}

/// `GET /logg-inn/oidc/{provider}`: sends the browser to the provider.
pub(crate) async fn start(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(asked): Query<StartQuery>,
    jar: CookieJar,
) -> Result<Response, Error> {
    let provider = state.oidc.provider(&name)?;
    let client = match state.oidc.client(provider).await {
        Ok(c) => c,
        Err(r) => return Ok(r.into_response(&state)),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for scope in &provider.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    if provider.profile == OidcProfile::Patient {
        request =
            request.add_auth_context_value(AuthenticationContextClass::new(ACR_HIGH[0].to_owned()));
    }
    let (url, csrf, nonce) = request.set_pkce_challenge(challenge).url();
    state
        .store
        .start_oidc_login(
            csrf.secret(),
            &provider.name,
            &PendingLogin {
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                participant: provider.profile == OidcProfile::Clinician
                    && asked.som.as_deref() == Some("deltaker"),
            },
            state.clock.now(),
            chrono::Duration::minutes(LOGIN_TTL_MINUTES),
        )
        .await?;
    let cookie = Cookie::build((LOGIN_COOKIE, csrf.secret().clone()))
        .path("/logg-inn/oidc")
        .http_only(true)
        // Lax: the cookie must come along when the provider sends the browser back.
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .build();
    Ok((jar.add(cookie), Redirect::to(url.as_str())).into_response())
}

/// What the provider sends the browser back with.
#[derive(Debug, Deserialize)]
pub(crate) struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /logg-inn/oidc/{provider}/tilbake`: checks the provider's answer and signs in.
pub(crate) async fn callback(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(answer): Query<Callback>,
    jar: CookieJar,
) -> Result<Response, Error> {
    let provider = state.oidc.provider(&name)?.clone();
    let browser_state = jar.get(LOGIN_COOKIE).map(|c| c.value().to_owned());
    let jar = jar.remove(Cookie::build(LOGIN_COOKIE).path("/logg-inn/oidc"));
    match verify(&state, &provider, answer, browser_state).await {
        Ok(user) => crate::auth::signed_in(&state, jar, &user).await,
        Err(refusal) => Ok((jar, refusal.into_response(&state)).into_response()),
    }
}

async fn verify(
    state: &AppState,
    provider: &OidcProvider,
    answer: Callback,
    browser_state: Option<String>,
) -> Result<UserAccount, Refusal> {
    if answer.error.is_some() {
        return Err(Refusal::Cancelled);
    }
    let (Some(code), Some(returned_state)) = (answer.code, answer.state) else {
        return Err(Refusal::Invalid("the answer has no code or state"));
    };
    // The answer must come back to the browser that asked: an attacker cannot make a
    // victim's browser finish the attacker's sign-in (login CSRF).
    if browser_state.as_deref() != Some(returned_state.as_str()) {
        return Err(Refusal::Invalid(
            "the state does not match this browser's cookie",
        ));
    }
    let pending = state
        .store
        .take_oidc_login(&returned_state, &provider.name, state.clock.now())
        .await
        .map_err(|_| Refusal::Unavailable)?
        .ok_or(Refusal::Invalid("unknown, used or expired state"))?;
    let client = state.oidc.client(provider).await?;
    let mut request = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|_| Refusal::Unavailable)?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier));
    if provider.client_auth == ClientAuth::PrivateKeyJwt {
        request = request
            .add_extra_param(
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            )
            .add_extra_param(
                "client_assertion",
                state.oidc.client_assertion(provider, state.clock.now())?,
            );
    }
    let token = request
        .request_async(&state.oidc.http)
        .await
        .map_err(|_| Refusal::Invalid("the token endpoint refused the code"))?;
    let id_token = token
        .id_token()
        .ok_or(Refusal::Invalid("no id_token in the token response"))?;
    let clock = state.clock.clone();
    let verifier = client.id_token_verifier().set_time_fn(move || clock.now());
    let claims = id_token
        .claims(&verifier, &Nonce::new(pending.nonce))
        .map_err(|_| Refusal::Invalid("the id_token failed verification"))?;
    // The verifier checks expiry only; a token dated ahead of us (beyond a minute of
    // clock skew) was not issued for this sign-in.
    if claims.issue_time() > state.clock.now() + chrono::Duration::seconds(60) {
        return Err(Refusal::Invalid("the id_token was issued in the future"));
    }
    let extra = claims.additional_claims();
    match provider.profile {
        OidcProfile::Patient => {
            let acr = claims.auth_context_ref().map(|a| a.as_str());
            if !acr.is_some_and(|a| ACR_HIGH.contains(&a)) {
                return Err(Refusal::LevelTooLow);
            }
            let nin = extra
                .pid
                .as_deref()
                .and_then(|p| NationalIdNumber::parse(p).ok())
                .ok_or(Refusal::Invalid("no valid pid claim"))?;
            state
                .store
                .patient_sign_in(&nin, state.clock.now())
                .await
                .map_err(|_| Refusal::Unavailable)?
                .ok_or(Refusal::NoPatient)
        }
        OidcProfile::Clinician => {
            if text(extra.security_level.as_ref()).as_deref() != Some("4") {
                return Err(Refusal::SecurityLevelTooLow);
            }
            let hpr = text(extra.hpr_number.as_ref()).ok_or(Refusal::NoStaffAccount)?;
            if pending.participant {
                // From the participant page: the account the number signs in to, or a
                // participant account made for it.
                let name = claims
                    .name()
                    .and_then(|n| n.get(None))
                    .map(|n| n.as_str().trim().to_owned())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| format!("HPR {hpr}"));
                return state
                    .store
                    .participant_by_hpr(&hpr, &name, state.clock.now())
                    .await
                    .map_err(|_| Refusal::Unavailable)?
                    .ok_or(Refusal::NoStaffAccount);
            }
            state
                .store
                .user_by_sign_in_key(SignInKind::HelseIdHpr, &hpr)
                .await
                .map_err(|_| Refusal::Unavailable)?
                .ok_or(Refusal::NoStaffAccount)
        }
    }
}
