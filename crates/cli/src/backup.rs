//! The commands behind `carepath backup`, `carepath restore` and `carepath migrate-to`
//! (decision 0070): they find the database and the key from the configuration, ask for
//! the passphrase, call `carepath_app::backup` and word what happened.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, bail};
use carepath_app::backup::{self, BackupError, Manifest, Source, Target};
use carepath_domain::clock::{Clock, SystemClock};
use carepath_store::{DataKey, Store};

use crate::Config;

/// Where the passphrase comes from when no terminal asks for it.
pub const PASSPHRASE_ENV: &str = "CAREPATH_BACKUP_PASSPHRASE";

/// The passphrase: `CAREPATH_BACKUP_PASSPHRASE`, or asked at the terminal (twice when
/// `confirm`, for a new backup).
fn passphrase(confirm: bool) -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV)
        && !p.is_empty()
    {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "set {PASSPHRASE_ENV} to the backup's passphrase, or run the command at a terminal to be asked for it"
        );
    }
    let first = rpassword::prompt_password("Backup passphrase: ")
        .context("reading the passphrase from the terminal")?;
    if confirm {
        let again = rpassword::prompt_password("The same passphrase again: ")
            .context("reading the passphrase from the terminal")?;
        if again != first {
            bail!("the two passphrases differ; nothing was written");
        }
    }
    Ok(first)
}

/// The data key as configured, never a new one (a backup or a move must not make one).
fn existing_key(config: &Config) -> anyhow::Result<DataKey> {
    if config.data_key.is_none() && !config.data_dir.join("carepath.key").exists() {
        bail!(
            "no data key: neither CAREPATH_DATA_KEY nor {} is there; without it the data cannot be read",
            config.data_dir.join("carepath.key").display()
        );
    }
    config.data_key()
}

/// The SQLite database of the configuration, opened without creating or migrating it.
async fn existing_sqlite(
    config: &Config,
    key: &DataKey,
) -> anyhow::Result<(Store, std::path::PathBuf)> {
    let path = config.data_dir.join("carepath.db");
    if !path.is_file() {
        bail!("no database at {} (check --data-dir)", path.display());
    }
    let store = Store::open_sqlite(&path, key)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    store.verify_ready().await?;
    Ok((store, path))
}

fn words(e: BackupError) -> anyhow::Error {
    match e {
        BackupError::WrongPassphrase => {
            anyhow::anyhow!("the passphrase does not open this backup; nothing was restored")
        }
        e => e.into(),
    }
}

/// `carepath backup --out FILE`.
pub async fn write(config: &Config, out: &Path) -> anyhow::Result<String> {
    let key = existing_key(config)?;
    if out.exists() {
        bail!("{} already exists; give a new file name", out.display());
    }
    let passphrase = passphrase(true)?;
    let postgres = match &config.database_url {
        Some(_) => Some(config.open_store(false).await?),
        None => None,
    };
    let path = match &postgres {
        Some(_) => config.data_dir.join("carepath.db"),
        None => {
            let (store, path) = existing_sqlite(config, &key).await?;
            store.close().await;
            path
        }
    };
    let source = match &postgres {
        Some(store) => Source::Postgres(store),
        None => Source::Sqlite(&path),
    };
    let made = backup::write(
        source,
        &config.data_dir,
        &key,
        &passphrase,
        out,
        crate::VERSION,
        SystemClock.now(),
    )
    .await;
    if let Some(store) = postgres {
        store.close().await;
    }
    let manifest = made.map_err(words)?;
    Ok(format!(
        "Wrote {}: {}.\nKeep the passphrase apart from the file: the file and the passphrase together restore everything, the data key included; without the passphrase nothing in it can be read.",
        out.display(),
        summary(&manifest)
    ))
}

fn summary(m: &Manifest) -> String {
    let rows: u64 = m.tables.values().sum();
    format!(
        "the {} database as of {} ({} rows in {} tables, schema version {}), the data key and {} other file(s), by carepath {}",
        if m.database == "postgres" {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        m.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
        rows,
        m.tables.len(),
        m.schema_version,
        m.files.len(),
        m.carepath
    )
}

/// `carepath backup --list FILE`: what the backup holds, without the passphrase.
pub fn list(file: &Path) -> anyhow::Result<String> {
    let m = backup::manifest(file)?;
    let mut out = format!("{}: {}\n", file.display(), summary(&m));
    out.push_str("Rows per table:\n");
    for (table, n) in &m.tables {
        out.push_str(&format!("  {table:<32} {n:>10}\n"));
    }
    out.push_str("Files beside the database (bytes):\n");
    if m.files.is_empty() {
        out.push_str("  none\n");
    }
    for (path, size) in &m.files {
        out.push_str(&format!("  {path:<32} {size:>10}\n"));
    }
    out.push_str("The data key is inside, encrypted with the passphrase.");
    Ok(out)
}

/// `carepath restore FILE --data-dir DIR [--database-url URL]`.
pub async fn restore(
    file: &Path,
    data_dir: &Path,
    database_url: Option<&str>,
) -> anyhow::Result<String> {
    // The file is read (and refused if it is none) before the passphrase is asked.
    let manifest = backup::manifest(file)?;
    let passphrase = passphrase(false)?;
    let target = match database_url {
        Some(url) => Target::Postgres(url),
        None => Target::Sqlite,
    };
    backup::restore(file, &passphrase, data_dir, target)
        .await
        .map_err(words)?;
    let key_text = std::fs::read_to_string(data_dir.join("carepath.key"))
        .context("reading the restored data key")?;
    let key = DataKey::from_base64(&key_text).context("the restored data key")?;
    let store = match database_url {
        Some(url) => Store::open_postgres(url, None, &key).await?,
        None => Store::open_sqlite(&data_dir.join("carepath.db"), &key).await?,
    };
    let audit = crate::run::audit_words(&store).await;
    store.close().await;
    let audit = audit?;
    let start = match database_url {
        Some(_) => format!(
            "Start carepath with --data-dir {} and CAREPATH_DATABASE_URL set to this database.",
            data_dir.display()
        ),
        None => format!("Start carepath with --data-dir {}.", data_dir.display()),
    };
    Ok(format!(
        "Restored {}: {}.\n{audit}\n{start}",
        file.display(),
        summary(&manifest)
    ))
}

/// `carepath migrate-to --database-url URL`.
pub async fn migrate_to(config: &Config, url: &str) -> anyhow::Result<String> {
    if config.database_url.is_some() {
        bail!(
            "this installation already runs on PostgreSQL (CAREPATH_DATABASE_URL); migrate-to moves a SQLite installation"
        );
    }
    let key = existing_key(config)?;
    let (source, _) = existing_sqlite(config, &key).await?;
    let copied = backup::migrate_to(&source, url).await;
    source.close().await;
    let counts = copied.map_err(words)?;
    let target = Store::open_postgres(url, None, &key)
        .await
        .context("cannot connect to the PostgreSQL database")?;
    let ready = target.verify_ready().await;
    let audit = match ready {
        Ok(()) => crate::run::audit_words(&target).await,
        Err(e) => Err(e.into()),
    };
    target.close().await;
    let audit = audit.context("the copy in PostgreSQL does not check out; keep using SQLite")?;
    let rows: u64 = counts.values().sum();
    Ok(format!(
        "Copied {rows} rows in {} tables to PostgreSQL; every table holds as many rows as in SQLite.\n{audit}\nStop using the SQLite database: set CAREPATH_DATABASE_URL to this database and start carepath with the same data directory (the data key and the files beside the database stay there).",
        counts.len()
    ))
}
