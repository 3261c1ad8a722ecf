//! `carepath admin check`: what is missing or unsafe in the configuration a server would
//! run with, before real patients are let in. Each finding is a line: `ok`, `warn`
//! (works, but the operator should know) or `FAIL` (must be fixed); any failure makes
//! the command exit non-zero. It reads the configuration, the files and the database;
//! it changes nothing (no key is made, no database created or migrated).

use std::path::Path;

use crate::Config;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Ok,
    Warn,
    Fail,
}

/// The findings so far.
#[derive(Default)]
struct Findings(Vec<(Level, String)>);

impl Findings {
    fn ok(&mut self, s: impl Into<String>) {
        self.0.push((Level::Ok, s.into()));
    }
    fn warn(&mut self, s: impl Into<String>) {
        self.0.push((Level::Warn, s.into()));
    }
    fn fail(&mut self, s: impl Into<String>) {
        self.0.push((Level::Fail, s.into()));
    }
    fn failures(&self) -> usize {
        self.0.iter().filter(|(l, _)| *l == Level::Fail).count()
    }
    fn report(&self) -> String {
        self.0
            .iter()
            .map(|(level, s)| {
                let tag = match level {
                    Level::Ok => "ok  ",
                    Level::Warn => "warn",
                    Level::Fail => "FAIL",
                };
                format!("{tag} {s}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Whether only the owner may read or write `path` (always true off Unix).
fn owner_only(path: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(std::fs::metadata(path)?.permissions().mode() & 0o077 == 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(true)
    }
}

/// `carepath admin check`: the report, and how many of its findings must be fixed.
pub async fn check(config: &Config) -> (String, usize) {
    let mut found = Findings::default();
    addresses(config, &mut found);
    let key_file = config.data_dir.join("carepath.key");
    if data_key(config, &key_file, &mut found) {
        database(config, &mut found).await;
    }
    delivery_and_sign_in(config, &mut found);
    retention(config, &mut found);
    (found.report(), found.failures())
}

fn addresses(config: &Config, found: &mut Findings) {
    match config.public_url.as_deref() {
        None => found.fail(
            "CAREPATH_PUBLIC_URL is not set: links in e-mails and sign-in redirects would point at the listening address; set it to the https address patients use",
        ),
        Some(url) if !url.starts_with("https://") => found.fail(format!(
            "CAREPATH_PUBLIC_URL ({url}) is not https: sign-in cookies would travel unprotected; serve through a TLS reverse proxy and give its https address"
        )),
        Some(url) => found.ok(format!("public address {url}")),
    }
    match config.addr() {
        Ok(addr) if addr.ip().is_loopback() => found.ok(format!(
            "serve listens on {addr}, reachable only through the reverse proxy on this machine"
        )),
        Ok(addr) => found.warn(format!(
            "serve listens on {addr}, beyond this machine: let only the reverse proxy reach that port (a firewall rule), since carepath itself speaks plain HTTP"
        )),
        Err(_) => found.fail(format!(
            "CAREPATH_ADDR ({}) is not HOST:PORT",
            config.addr
        )),
    }
    match config.trusted_proxies() {
        Ok(proxies) if proxies.is_empty() => found.warn(
            "CAREPATH_TRUSTED_PROXIES is not set: behind a reverse proxy, the sign-in limit counts everyone as the proxy; give its address",
        ),
        Ok(proxies) => found.ok(format!(
            "the sign-in limit counts the clients that {} forward",
            proxies
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Err(e) => found.fail(format!("{e}")),
    }
}

/// Where the data key is and whether it is kept safe; whether the database can be read.
fn data_key(config: &Config, key_file: &Path, found: &mut Findings) -> bool {
    if config.data_key.is_some() {
        found.ok("the data key comes from CAREPATH_DATA_KEY; keep a copy apart from the database backups");
        return true;
    }
    if !key_file.exists() {
        if config.database_url.is_some() || config.data_dir.join("carepath.db").exists() {
            found.fail(format!(
                "there is no data key ({} or CAREPATH_DATA_KEY): a database that has patients cannot be read without the key it was written with, so restore it from its backup; a new installation makes it at the first start",
                key_file.display()
            ));
        } else {
            found.fail(format!(
                "nothing is installed in {} yet: start carepath once (it makes the database and the data key), back the key up apart from the database, then run `carepath admin bootstrap`",
                config.data_dir.display()
            ));
        }
        return false;
    }
    match owner_only(key_file) {
        Ok(true) => found.ok(format!(
            "the data key {} is readable by its owner only; keep a copy apart from the database backups",
            key_file.display()
        )),
        Ok(false) => found.fail(format!(
            "the data key {} can be read by others than its owner: run chmod 600 on it",
            key_file.display()
        )),
        Err(e) => found.fail(format!("cannot read the data key {}: {e}", key_file.display())),
    }
    true
}

async fn database(config: &Config, found: &mut Findings) {
    if config.database_url.is_none() {
        let path = config.data_dir.join("carepath.db");
        if !path.exists() {
            found.warn(format!(
                "no database yet at {}: the first start creates it",
                path.display()
            ));
            return;
        }
        if !owner_only(&config.data_dir).unwrap_or(false) {
            found.fail(format!(
                "the data directory {} can be read by others than its owner: run chmod 700 on it",
                config.data_dir.display()
            ));
        }
        found.warn(format!(
            "the database is SQLite at {}: one server only; move to PostgreSQL to run several",
            path.display()
        ));
    } else {
        found.ok("the database is PostgreSQL (CAREPATH_DATABASE_URL)");
    }
    let store = match config.open_store(false).await {
        Ok(store) => store,
        Err(e) => {
            found.fail(format!("the database cannot be used: {e:#}"));
            return;
        }
    };
    match store.is_demo().await {
        Ok(true) => found.fail(
            "this is a demo database, with invented patients and sign-in by username alone; start real use on a new, empty database",
        ),
        Ok(false) => found.ok("the database is not a demo database"),
        Err(e) => found.fail(format!("the database cannot be read: {e}")),
    }
    match store.has_administrator().await {
        Ok(true) => found.ok("there is an administrator"),
        Ok(false) => found.fail(
            "there is no administrator: run `carepath admin bootstrap --user USERNAME --name NAME`",
        ),
        Err(e) => found.fail(format!("the database cannot be read: {e}")),
    }
    match store.units_with_contacts().await {
        Ok(units) if units.is_empty() => found.fail(
            "there is no unit: run `carepath admin add-unit --organization NAME --name NAME --program KEY`",
        ),
        Ok(units) => found.ok(format!("{} unit(s)", units.len())),
        Err(e) => found.fail(format!("the database cannot be read: {e}")),
    }
    store.close().await;
}

fn delivery_and_sign_in(config: &Config, found: &mut Findings) {
    match &config.smtp_url {
        Some(_) => found.ok("e-mail is sent through CAREPATH_SMTP_URL"),
        None => found.warn(format!(
            "CAREPATH_SMTP_URL is not set: e-mails (invitations, reminders, password links) are written to {} instead of sent",
            config.data_dir.join("mail").display()
        )),
    }
    use carepath_web::oidc::OidcProfile;
    let has = |profile: OidcProfile| config.oidc.iter().any(|p| p.profile == profile);
    if has(OidcProfile::Patient) {
        found.ok("patients sign in through ID-porten");
    } else {
        found.fail(
            "no ID-porten provider ([[oidc]] with profile = \"patient\"): patients cannot sign in",
        );
    }
    if has(OidcProfile::Clinician) {
        found.ok("staff sign in through HelseID");
    } else {
        found.warn("no HelseID provider ([[oidc]] with profile = \"clinician\"): staff sign in with a password and a code from an app");
    }
    match &config.dialogmelding_dir {
        Some(dir) => found.ok(format!("letters to GPs are dropped in {}", dir.display())),
        None => found.warn(format!(
            "CAREPATH_DIALOGMELDING_DIR is not set: letters to GPs are dropped in {} for the hospital's message service",
            config.data_dir.join("dialogmelding").display()
        )),
    }
}

fn retention(config: &Config, found: &mut Findings) {
    match config.audit_retention_days {
        Some(days) => found.ok(format!("the access log keeps {days} days")),
        None => {
            found.warn("CAREPATH_AUDIT_RETENTION_DAYS is not set: the access log is kept forever")
        }
    }
    match config.record_retention_years {
        Some(years) => found.ok(format!(
            "records of finished treatment are deleted after {years} years (by `admin prune-records --yes`)"
        )),
        None => found.warn(
            "CAREPATH_RECORD_RETENTION_YEARS is not set: patients' records are kept forever",
        ),
    }
}
