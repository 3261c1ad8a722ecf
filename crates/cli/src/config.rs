//! One typed configuration: defaults, then the TOML file (`--config` or
//! `CAREPATH_CONFIG`), then `CAREPATH_*` environment variables, then command-line flags.
//! Validated at start; an invalid value stops start-up with a message naming the setting.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use carepath_store::{DataKey, Store};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};

/// carepath's settings. See `docs/configuration.md`.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct Config {
    /// Where the SQLite database, the data key file and other local files live.
    pub data_dir: PathBuf,
    /// `postgres://...` for PostgreSQL; unset means SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// The address patients see (links in reminders, sign-in redirects).
    pub public_url: Option<String>,
    /// E-mail delivery, e.g. `smtp://127.0.0.1:2525` (used by the outbox when it comes).
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    /// Where letters to GPs are dropped as Dialogmelding files for the hospital's message
    /// service to send (`CAREPATH_DIALOGMELDING_DIR`); unset: `data_dir/dialogmelding`.
    pub dialogmelding_dir: Option<PathBuf>,
    /// The activity code lists (`CAREPATH_ACTIVITY_CODES`): a TOML file of one year, or a
    /// folder of them; unset: the shipped list (decision 0035).
    pub activity_codes: Option<PathBuf>,
    /// The hospital's video service (`CAREPATH_VIDEO_URL`): an https address with
    /// `{room}` where each appointment's own room goes. Unset: video appointments cannot
    /// be booked (the demo uses an example address); decision 0036.
    pub video_url: Option<String>,
    /// Where `serve` listens.
    pub addr: String,
    /// The reverse proxies in front of carepath (`CAREPATH_TRUSTED_PROXIES`), their
    /// addresses separated by commas: the `X-Forwarded-For` they add names the client
    /// that the sign-in limit counts by. Unset: every request counts by its TCP peer.
    pub trusted_proxies: Option<String>,
    /// The 32-byte data key as base64. Unset: a key file in `data_dir` is used (made on
    /// first start). Every node of one installation needs the same key.
    pub data_key: Option<String>,
    /// How long a sign-in lasts at most, in hours.
    pub session_hours: u32,
    /// How long a sign-in lasts without activity, in minutes.
    pub session_idle_minutes: u32,
    /// How many days a token from `admin create-token` works.
    pub token_days: u32,
    /// How long the access log keeps events, in days; unset keeps them forever.
    /// `carepath admin prune-audit` removes older ones behind a sealed checkpoint.
    pub audit_retention_days: Option<u32>,
    /// How many years a patient's records are kept after their last enrollment ended and
    /// nothing new happened; unset keeps them. `carepath admin prune-records` deletes.
    pub record_retention_years: Option<u32>,
    /// OpenID providers (`[[oidc]]` tables in the TOML file). A provider's secret may come
    /// from `CAREPATH_OIDC_<NAME>_CLIENT_SECRET` instead of the file.
    #[serde(default)]
    pub oidc: Vec<carepath_web::oidc::OidcProvider>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field(
                "database",
                &self.database_url.as_ref().map(|_| "<postgres url>"),
            )
            .field("public_url", &self.public_url)
            .field("addr", &self.addr)
            .field("data_key", &self.data_key.as_ref().map(|_| "<secret>"))
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./data"),
            database_url: None,
            public_url: None,
            smtp_url: None,
            mail_from: None,
            dialogmelding_dir: None,
            activity_codes: None,
            video_url: None,
            addr: "127.0.0.1:8080".into(),
            trusted_proxies: None,
            data_key: None,
            session_hours: 8,
            session_idle_minutes: 30,
            oidc: Vec::new(),
            token_days: 30,
            audit_retention_days: None,
            record_retention_years: None,
        }
    }
}

/// Values given on the command line; they win over everything else.
#[derive(Debug, Default, serde::Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addr: Option<String>,
}

impl Config {
    /// Loads and validates the configuration.
    pub fn load(config_file: Option<&Path>, overrides: &Overrides) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        let file = config_file
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("CAREPATH_CONFIG").map(PathBuf::from));
        if let Some(file) = &file {
            if !file.is_file() {
                bail!(
                    "config file {} does not exist (from --config or CAREPATH_CONFIG)",
                    file.display()
                );
            }
            figment = figment.merge(Toml::file(file));
        }
        let figment = figment
            .merge(
                Env::prefixed("CAREPATH_")
                    .ignore(&["CONFIG"])
                    .map(|k| k.as_str().to_ascii_lowercase().into()),
            )
            .merge(Serialized::defaults(overrides));
        let mut config: Config = figment.extract().map_err(|e| {
            let name = e
                .path
                .last()
                .map(|p| format!("CAREPATH_{}", p.to_uppercase()))
                .unwrap_or_default();
            anyhow::anyhow!("invalid configuration {name}: {}", e.kind)
        })?;
        for provider in &mut config.oidc {
            let var = format!(
                "CAREPATH_OIDC_{}_CLIENT_SECRET",
                provider.name.to_uppercase().replace('-', "_")
            );
            if let Ok(secret) = std::env::var(&var) {
                provider.client_secret = secret;
            }
        }
        config.validate()?;
        Ok(config)
    }

    /// The settings for tests: SQLite in `data_dir`, a fresh key.
    pub fn for_tests(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            data_key: Some(DataKey::generate().to_base64()),
            ..Self::default()
        }
    }

    fn validate(&self) -> anyhow::Result<()> {
        self.activity_codes()?;
        self.video(false)?;
        if let Some(url) = &self.database_url
            && !(url.starts_with("postgres://") || url.starts_with("postgresql://"))
        {
            bail!(
                "invalid configuration CAREPATH_DATABASE_URL: use a postgres:// address, or leave it unset for SQLite"
            );
        }
        if let Some(url) = &self.public_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            bail!(
                "invalid configuration CAREPATH_PUBLIC_URL: it must start with https:// (or http:// for local testing)"
            );
        }
        if let Some(url) = &self.smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            bail!(
                "invalid configuration CAREPATH_SMTP_URL: it must start with smtp:// or smtps://"
            );
        }
        self.addr
            .parse::<SocketAddr>()
            .map_err(|_| anyhow::anyhow!("invalid configuration --addr/CAREPATH_ADDR: `{}` is not HOST:PORT, e.g. 127.0.0.1:8080", self.addr))?;
        if let Some(key) = &self.data_key {
            DataKey::from_base64(key)
                .map_err(|e| anyhow::anyhow!("invalid configuration CAREPATH_DATA_KEY: {e}"))?;
        }
        if self.session_idle_minutes == 0 || self.session_idle_minutes > 24 * 60 {
            bail!("invalid configuration CAREPATH_SESSION_IDLE_MINUTES: use 1 to 1440 minutes");
        }
        if self.session_hours == 0 || self.session_hours > 24 * 30 {
            bail!("invalid configuration CAREPATH_SESSION_HOURS: use 1 to 720 hours");
        }
        if let Some(days) = self.audit_retention_days
            && days < 365
        {
            bail!(
                "invalid configuration CAREPATH_AUDIT_RETENTION_DAYS: keep the access log at least 365 days (the patient's right to see who looked at their data needs it)"
            );
        }
        if let Some(years) = self.record_retention_years
            && years < 2
        {
            bail!(
                "invalid configuration CAREPATH_RECORD_RETENTION_YEARS: keep patient records at least 2 years after their treatment ended"
            );
        }
        if self.token_days == 0 || self.token_days > 366 {
            bail!("invalid configuration CAREPATH_TOKEN_DAYS: use 1 to 366 days");
        }
        self.validate_oidc()
    }

    fn validate_oidc(&self) -> anyhow::Result<()> {
        if !self.oidc.is_empty() && self.public_url.is_none() {
            bail!(
                "invalid configuration CAREPATH_PUBLIC_URL: OpenID providers are configured, so set the address browsers use (the providers send them back to it)"
            );
        }
        let mut names = std::collections::HashSet::new();
        for p in &self.oidc {
            let good_name = !p.name.is_empty()
                && p.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !good_name {
                bail!(
                    "invalid configuration oidc.name `{}`: use lower-case letters, digits and -",
                    p.name
                );
            }
            if !names.insert(&p.name) {
                bail!("invalid configuration oidc.name `{}`: used twice", p.name);
            }
            if !(p.issuer.starts_with("https://") || p.issuer.starts_with("http://")) {
                bail!(
                    "invalid configuration oidc.issuer of `{}`: it must be an https:// address",
                    p.name
                );
            }
            if p.client_id.is_empty() || p.label.is_empty() {
                bail!(
                    "invalid configuration oidc `{}`: client_id and label are required",
                    p.name
                );
            }
            if p.client_auth == carepath_web::oidc::ClientAuth::PrivateKeyJwt {
                let Some(path) = &p.private_key_file else {
                    bail!(
                        "invalid configuration oidc.private_key_file of `{}`: private_key_jwt needs the client's private key",
                        p.name
                    );
                };
                carepath_web::oidc::load_client_key(path).map_err(|e| {
                    anyhow::anyhow!(
                        "invalid configuration oidc.private_key_file of `{}`: {e}",
                        p.name
                    )
                })?;
                continue;
            }
            if p.client_secret.is_empty() {
                bail!(
                    "invalid configuration oidc.client_secret of `{}`: set it in the file or in CAREPATH_OIDC_{}_CLIENT_SECRET",
                    p.name,
                    p.name.to_uppercase().replace('-', "_")
                );
            }
        }
        Ok(())
    }

    /// The address browsers use: the configured public address, else the listening one.
    /// The activity code lists in force: the configured file or folder, else the shipped.
    pub fn activity_codes(&self) -> anyhow::Result<carepath_domain::activity::CodeLists> {
        let Some(path) = &self.activity_codes else {
            return Ok(carepath_web::shipped_activity_codes());
        };
        let bad = |why: String| {
            anyhow::anyhow!(
                "invalid configuration CAREPATH_ACTIVITY_CODES ({}): {why}; give a TOML file like content/activity-codes/2026.toml, or a folder of them",
                path.display()
            )
        };
        let mut files = Vec::new();
        if path.is_dir() {
            for entry in std::fs::read_dir(path).map_err(|e| bad(e.to_string()))? {
                let file = entry.map_err(|e| bad(e.to_string()))?.path();
                if file.extension().is_some_and(|x| x == "toml") {
                    files.push(file);
                }
            }
            files.sort();
        } else {
            files.push(path.clone());
        }
        let texts = files
            .iter()
            .map(|f| std::fs::read_to_string(f).map_err(|e| bad(format!("{}: {e}", f.display()))))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        carepath_package::activity_codes(&texts).map_err(|e| bad(e.0))
    }

    /// The video service: the configured one; for a demo without one, an example
    /// address that goes nowhere.
    pub fn video(
        &self,
        demo: bool,
    ) -> anyhow::Result<Option<carepath_domain::appointment::VideoService>> {
        use carepath_domain::appointment::VideoService;
        match &self.video_url {
            Some(url) => VideoService::new(url).map(Some).ok_or_else(|| {
                anyhow::anyhow!(
                    "invalid configuration CAREPATH_VIDEO_URL: use the https address of the hospital's video service with {{room}} where a meeting's room goes, e.g. https://video.sykehus.no/rom/{{room}}"
                )
            }),
            None if demo => Ok(VideoService::new(carepath_web::DEMO_VIDEO_URL)),
            None => Ok(None),
        }
    }

    /// The trusted reverse proxies' addresses.
    pub fn trusted_proxies(&self) -> anyhow::Result<Vec<std::net::IpAddr>> {
        self.trusted_proxies
            .iter()
            .flat_map(|list| list.split(','))
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.parse().map_err(|_| {
                    anyhow::anyhow!(
                        "invalid configuration CAREPATH_TRUSTED_PROXIES: `{a}` is not an IP address; list the reverse proxies' addresses separated by commas, e.g. 127.0.0.1,::1"
                    )
                })
            })
            .collect()
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
    }

    pub fn addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.addr.parse()?)
    }

    /// Whether session cookies must be `Secure`.
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// The data key: from the configuration, or the key file in the data directory
    /// (created, readable by the owner only, when missing).
    pub fn data_key(&self) -> anyhow::Result<DataKey> {
        if let Some(key) = &self.data_key {
            return Ok(DataKey::from_base64(key)?);
        }
        let path = self.data_dir.join("carepath.key");
        if path.exists() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading the data key {}", path.display()))?;
            return DataKey::from_base64(&text)
                .with_context(|| format!("the data key file {} is damaged", path.display()));
        }
        crate::private::create_dir(&self.data_dir)
            .with_context(|| format!("creating the data directory {}", self.data_dir.display()))?;
        let key = DataKey::generate();
        write_private(&path, &key.to_base64())?;
        tracing::info!(path = %path.display(), "created a new data key; back it up, without it the data cannot be read");
        Ok(key)
    }

    /// Opens the configured database. SQLite is created and migrated here; PostgreSQL must
    /// have been migrated with `carepath migrate` (unless `migrate` is true).
    pub async fn open_store(&self, migrate: bool) -> anyhow::Result<Store> {
        let key = self.data_key()?;
        let store = match &self.database_url {
            Some(url) => Store::open_postgres(url, None, &key)
                .await
                .context("cannot connect to PostgreSQL (check CAREPATH_DATABASE_URL)")?,
            None => {
                crate::private::create_dir(&self.data_dir).with_context(|| {
                    format!("creating the data directory {}", self.data_dir.display())
                })?;
                let path = self.data_dir.join("carepath.db");
                crate::private::create_file(&path)
                    .with_context(|| format!("creating the database {}", path.display()))?;
                let store = Store::open_sqlite(&path, &key)
                    .await
                    .with_context(|| format!("cannot open the database {}", path.display()))?;
                store.migrate().await?;
                store
            }
        };
        if migrate {
            store.migrate().await?;
        } else {
            store.verify_ready().await?;
        }
        Ok(store)
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating the data key {}", path.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("creating the data key {}", path.display()))
}
