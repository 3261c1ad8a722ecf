//! Backup, restore and the move from SQLite to PostgreSQL (decision 0070).
//!
//! A backup is one file that, with its passphrase, brings an installation back whole: the
//! database as of one moment, the data key, and the files that live beside the database
//! in the data directory (mail and Dialogmelding waiting to go, the SMS log). It starts
//! with a line naming the format and a manifest of what it holds (counts and sizes, no
//! patient data), which `carepath backup --list` shows without the passphrase; the rest is
//! an [age](https://age-encryption.org) stream encrypted with the passphrase (scrypt),
//! gzip inside. The manifest is repeated inside, so a manifest changed outside is found.
//!
//! A restore writes into a new folder beside the target and renames it into place only
//! when everything has been read, authenticated and counted; on PostgreSQL the rows go in
//! one transaction. A wrong passphrase or a damaged file therefore leaves nothing behind.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};

use carepath_store::copy::{Cell, Counts, Loader, Snapshot, Table};
use carepath_store::{Backend, DataKey, Store, StoreError};
use chrono::{DateTime, Utc};

/// The first line of every backup.
pub const FORMAT: &str = "carepath-backup 1";

/// The shortest passphrase a backup takes.
pub const MIN_PASSPHRASE: usize = 12;

/// The SQLite database's file in the data directory, and what SQLite keeps beside it.
const DATABASE_FILE: &str = "carepath.db";
const KEY_FILE: &str = "carepath.key";
const SKIPPED: [&str; 5] = [
    DATABASE_FILE,
    "carepath.db-wal",
    "carepath.db-shm",
    "carepath.db-journal",
    KEY_FILE,
];
/// Work files of a backup in progress start with this, and are never backed up.
const WORK_PREFIX: &str = ".backup-";

/// Bytes per piece of a file inside the backup.
const CHUNK: usize = 1 << 20;

/// What a backup holds, shown without the passphrase: no patient data, only counts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub created_at: DateTime<Utc>,
    /// The carepath that wrote it: version and commit.
    pub carepath: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    /// The last database migration it holds.
    pub schema_version: i64,
    /// Rows per table.
    pub tables: Counts,
    /// The files from the data directory, by path within it, with their sizes.
    pub files: BTreeMap<String, u64>,
}

impl Manifest {
    fn backend(&self) -> Result<Backend, BackupError> {
        match self.database.as_str() {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" => Ok(Backend::Postgres),
            _ => Err(BackupError::Damaged(Damage::Database)),
        }
    }
}

/// One line inside the encrypted part.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(tag = "entry", rename_all = "snake_case")]
enum Entry {
    DataKey {
        key: String,
    },
    /// A file, followed by its bytes in [`Entry::Chunk`]s.
    File {
        path: String,
        size: u64,
    },
    Chunk {
        data: Cell,
    },
    /// A table of a PostgreSQL database, followed by its rows.
    Table {
        table: Table,
    },
    Row {
        cells: Vec<Cell>,
    },
    End {
        manifest: Manifest,
    },
}

/// What can go wrong; no message carries patient data.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{step} {}: {source}", path.display())]
    Io {
        step: Step,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the passphrase must be at least {MIN_PASSPHRASE} characters")]
    ShortPassphrase,
    #[error("the passphrase does not open this backup")]
    WrongPassphrase,
    #[error("the backup is damaged or incomplete ({0}); nothing was restored")]
    Damaged(Damage),
    #[error("{} is not a carepath backup", .0.display())]
    NotABackup(PathBuf),
    #[error("{} already exists; give a new file name", .0.display())]
    Exists(PathBuf),
    #[error("{} is not empty; restore into a new or empty folder", .0.display())]
    NotEmpty(PathBuf),
    #[error(
        "this backup holds database schema version {0}, newer than this carepath knows; restore it with the carepath that made it ({1}) or a newer one"
    )]
    Newer(i64, String),
    #[error(
        "this backup is of a SQLite database: restore it into a data directory without a database URL, then move it with `carepath migrate-to`"
    )]
    SqliteIntoPostgres,
    #[error(
        "this backup is of a PostgreSQL database: give the empty PostgreSQL database to restore into (--database-url)"
    )]
    PostgresNeedsDatabase,
    #[error("migrate-to moves a SQLite installation; this one already runs on PostgreSQL")]
    NotSqlite,
    #[error("the table {0} changed while it was read")]
    Changed(String),
}

/// What a backup or a restore was doing when the system refused.
#[derive(Debug, Clone, Copy, thiserror::Error)]
pub enum Step {
    #[error("copying the database")]
    CopyDatabase,
    #[error("checking the database")]
    CheckDatabase,
    #[error("reading")]
    Read,
    #[error("writing")]
    Write,
    #[error("creating")]
    Create,
    #[error("naming")]
    Name,
    #[error("moving the restored files into")]
    Move,
}

/// How a backup is found damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    #[error("the manifest names no known database")]
    Database,
    #[error("its encryption header cannot be read")]
    Header,
    #[error("a file name leads outside the folder")]
    Outside,
    #[error("it cannot be decrypted to its end")]
    Decryption,
    #[error("it goes on after its end")]
    AfterEnd,
    #[error("an entry cannot be read")]
    Entry,
    #[error("a file is cut short")]
    FileShort,
    #[error("a file is longer than it says")]
    FileLong,
    #[error("the data key is not valid")]
    Key,
    #[error("a piece of a file comes before its name")]
    Piece,
    #[error("a piece of a file is not bytes")]
    PieceKind,
    #[error("a table in a backup of SQLite")]
    Table,
    #[error("a row comes before its table")]
    Row,
    #[error("its manifest was changed")]
    Manifest,
    #[error("it ends early")]
    Early,
    #[error("it holds no data key")]
    NoKey,
    #[error("its files are not those its manifest lists")]
    Files,
    #[error("it holds no database")]
    NoDatabase,
    #[error("the database inside fails its checks")]
    Checks,
    #[error("the database holds other counts than its manifest")]
    Counts,
}

fn io(step: Step, path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + use<> {
    let path = path.to_path_buf();
    move |source| BackupError::Io { step, path, source }
}

/// Where the database to back up lives.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// The SQLite database file (copied with SQLite's backup API, online).
    Sqlite(&'a Path),
    /// A PostgreSQL store (read in one repeatable-read transaction, online).
    Postgres(&'a Store),
}

/// Writes a backup of the database, the data key and the data directory's other files
/// to `out`, which must not exist yet. The file is written as `out.partial` and renamed
/// when complete, readable by its owner only.
pub async fn write(
    source: Source<'_>,
    data_dir: &Path,
    key: &DataKey,
    passphrase: &str,
    out: &Path,
    carepath: &str,
    now: DateTime<Utc>,
) -> Result<Manifest, BackupError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(BackupError::ShortPassphrase);
    }
    if out.exists() {
        return Err(BackupError::Exists(out.to_path_buf()));
    }
    let partial = with_suffix(out, ".partial");
    let written = write_to(
        source, data_dir, key, passphrase, out, &partial, carepath, now,
    )
    .await;
    match written {
        Ok(manifest) => {
            std::fs::rename(&partial, out).map_err(io(Step::Name, out))?;
            Ok(manifest)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Removes a work file when dropped.
struct WorkFile(PathBuf);

impl Drop for WorkFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[allow(clippy::too_many_arguments)]
async fn write_to(
    source: Source<'_>,
    data_dir: &Path,
    key: &DataKey,
    passphrase: &str,
    out: &Path,
    partial: &Path,
    carepath: &str,
    now: DateTime<Utc>,
) -> Result<Manifest, BackupError> {
    let skip = [out, partial];
    // The database first: the files beside it are read after, so a letter the database
    // says was written is there.
    let (database, copy, mut snapshot) = match source {
        Source::Sqlite(db) => {
            let copy = WorkFile(data_dir.join(format!("{WORK_PREFIX}{}.db", uuid::Uuid::now_v7())));
            let (path, target) = (db.to_path_buf(), copy.0.clone());
            let contents = tokio::task::spawn_blocking(move || {
                carepath_store::copy::sqlite_backup(&path, &target)
            })
            .await
            .map_err(|e| io(Step::CopyDatabase, db)(e.into()))??;
            (contents, Some(copy), None)
        }
        Source::Postgres(store) => {
            let mut snapshot = store.snapshot().await?;
            let contents = carepath_store::copy::SqliteContents {
                schema_version: snapshot.schema_version().await?,
                counts: snapshot.counts().await?,
            };
            (contents, None, Some(snapshot))
        }
    };
    let files = data_files(data_dir, &skip)?;
    let manifest = Manifest {
        created_at: now,
        carepath: carepath.to_owned(),
        database: if snapshot.is_some() {
            "postgres"
        } else {
            "sqlite"
        }
        .into(),
        schema_version: database.schema_version,
        tables: database.counts,
        files: files.clone(),
    };

    let file = create_private(partial)?;
    let mut file = BufWriter::new(file);
    writeln!(file, "{FORMAT}").map_err(io(Step::Write, partial))?;
    serde_json::to_writer(&mut file, &manifest).map_err(|e| io(Step::Write, partial)(e.into()))?;
    writeln!(file).map_err(io(Step::Write, partial))?;
    let encryptor = age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from(
        passphrase.to_owned(),
    ));
    let encrypted = encryptor
        .wrap_output(file)
        .map_err(io(Step::Write, partial))?;
    let mut sink = Sink(
        flate2::write::GzEncoder::new(encrypted, flate2::Compression::fast()),
        partial.to_path_buf(),
    );

    sink.put(&Entry::DataKey {
        key: key.to_base64(),
    })?;
    if let Some(copy) = &copy {
        sink.file(DATABASE_FILE, &copy.0, None)?;
    }
    if let Some(snapshot) = &mut snapshot {
        dump(snapshot, &mut sink, &manifest.tables).await?;
    }
    for (path, size) in &files {
        sink.file(path, &data_dir.join(path), Some(*size))?;
    }
    sink.put(&Entry::End {
        manifest: manifest.clone(),
    })?;
    let encrypted = sink.0.finish().map_err(io(Step::Write, partial))?;
    let file = encrypted.finish().map_err(io(Step::Write, partial))?;
    let file = file
        .into_inner()
        .map_err(|e| io(Step::Write, partial)(e.into_error()))?;
    file.sync_all().map_err(io(Step::Write, partial))?;
    Ok(manifest)
}

/// Streams every table of a PostgreSQL snapshot, checking each count against the one
/// the manifest states.
async fn dump<W: Write>(
    snapshot: &mut Snapshot,
    sink: &mut Sink<W>,
    counts: &Counts,
) -> Result<(), BackupError> {
    use futures_util::TryStreamExt;
    for table in snapshot.tables().to_vec() {
        sink.put(&Entry::Table {
            table: table.clone(),
        })?;
        let mut rows = snapshot.rows(&table);
        let mut n = 0;
        while let Some(cells) = rows.try_next().await? {
            sink.put(&Entry::Row { cells })?;
            n += 1;
        }
        if counts.get(&table.name).copied().unwrap_or(0) != n {
            return Err(BackupError::Changed(table.name));
        }
    }
    Ok(())
}

/// The encrypted stream, and the file it goes to (for messages).
struct Sink<W: Write>(W, PathBuf);

impl<W: Write> Sink<W> {
    fn put(&mut self, entry: &Entry) -> Result<(), BackupError> {
        serde_json::to_writer(&mut self.0, entry)
            .map_err(|e| io(Step::Write, &self.1)(e.into()))?;
        self.0.write_all(b"\n").map_err(io(Step::Write, &self.1))
    }

    /// A file's first `size` bytes (all of it when `None`): a log may grow meanwhile.
    fn file(&mut self, name: &str, path: &Path, size: Option<u64>) -> Result<(), BackupError> {
        let what = || io(Step::Read, path);
        let file = std::fs::File::open(path).map_err(what())?;
        let size = match size {
            Some(s) => s,
            None => file.metadata().map_err(what())?.len(),
        };
        self.put(&Entry::File {
            path: name.to_owned(),
            size,
        })?;
        let mut file = file.take(size);
        let mut buf = vec![0; CHUNK];
        let mut left = size;
        while left > 0 {
            let n = file.read(&mut buf).map_err(what())?;
            if n == 0 {
                return Err(what()(std::io::Error::from(
                    std::io::ErrorKind::UnexpectedEof,
                )));
            }
            self.put(&Entry::Chunk {
                data: Cell::Bytes {
                    base64: buf[..n].to_vec(),
                },
            })?;
            left -= n as u64;
        }
        Ok(())
    }
}

/// Every regular file under the data directory but the database, the key and backups'
/// own work, by path relative to it, with its size now.
fn data_files(data_dir: &Path, skip: &[&Path]) -> Result<BTreeMap<String, u64>, BackupError> {
    let mut found = BTreeMap::new();
    let mut folders = vec![data_dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(Step::Read, &folder)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io(Step::Read, &folder))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(io(Step::Read, &path))?;
            let Ok(relative) = path.strip_prefix(data_dir) else {
                continue;
            };
            let name = relative.to_string_lossy().into_owned();
            let top = folder == data_dir;
            if (top && SKIPPED.contains(&name.as_str()))
                || entry.file_name().to_string_lossy().starts_with(WORK_PREFIX)
                || skip.iter().any(|s| same_file(s, &path))
            {
                continue;
            }
            if kind.is_dir() {
                folders.push(path);
            } else if kind.is_file() {
                let size = entry.metadata().map_err(io(Step::Read, &path))?.len();
                found.insert(name, size);
            }
        }
    }
    Ok(found)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(unix)]
fn create_private(path: &Path) -> Result<std::fs::File, BackupError> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(io(Step::Create, path))
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> Result<std::fs::File, BackupError> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io(Step::Create, path))
}

/// Reads a backup's manifest (no passphrase needed; it holds no patient data).
pub fn manifest(file: &Path) -> Result<Manifest, BackupError> {
    let (manifest, _) = open(file)?;
    Ok(manifest)
}

fn open(file: &Path) -> Result<(Manifest, BufReader<std::fs::File>), BackupError> {
    let f = std::fs::File::open(file).map_err(io(Step::Read, file))?;
    let mut reader = BufReader::new(f);
    let not = || BackupError::NotABackup(file.to_path_buf());
    let mut line = String::new();
    reader
        .by_ref()
        .take(64)
        .read_line(&mut line)
        .map_err(|_| not())?;
    if line.trim_end() != FORMAT {
        return Err(not());
    }
    line.clear();
    reader
        .by_ref()
        .take(16 << 20)
        .read_line(&mut line)
        .map_err(|_| not())?;
    let manifest: Manifest = serde_json::from_str(&line).map_err(|_| not())?;
    Ok((manifest, reader))
}

/// Where a restore puts the database.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// SQLite in the data directory.
    Sqlite,
    /// An empty PostgreSQL database (its schema holds no table).
    Postgres(&'a str),
}

/// Restores `file` into `data_dir`, which must not exist or be empty (and, for a
/// PostgreSQL backup, into an empty database). Returns the backup's manifest.
pub async fn restore(
    file: &Path,
    passphrase: &str,
    data_dir: &Path,
    target: Target<'_>,
) -> Result<Manifest, BackupError> {
    let (manifest, reader) = open(file)?;
    let backend = manifest.backend()?;
    match (backend, target) {
        (Backend::Sqlite, Target::Postgres(_)) => {
            return Err(BackupError::SqliteIntoPostgres);
        }
        (Backend::Postgres, Target::Sqlite) => {
            return Err(BackupError::PostgresNeedsDatabase);
        }
        _ => {}
    }
    if manifest.schema_version > carepath_store::latest_schema_version(backend) {
        return Err(BackupError::Newer(
            manifest.schema_version,
            manifest.carepath.clone(),
        ));
    }
    match std::fs::read_dir(data_dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BackupError::NotEmpty(data_dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(Step::Read, data_dir)(e)),
    }

    let decryptor = age::Decryptor::new_buffered(reader).map_err(|e| decrypt_error(&e))?;
    let identity =
        age::scrypt::Identity::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    let plain = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| decrypt_error(&e))?;
    let mut lines = BufReader::new(flate2::read::GzDecoder::new(plain));

    // Everything goes into a new folder beside the target, renamed into place at the end.
    let parent = match data_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = data_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".into());
    let staging = parent.join(format!(".{name}.restoring-{}", uuid::Uuid::now_v7()));
    create_private_dir(&staging)?;
    let read = read_into(&mut lines, &manifest, &staging, target).await;
    let loaded = match read {
        Ok(loaded) => loaded,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    // Every byte is read and authenticated: now the database, then the folder.
    let committed = match loaded {
        Some(loader) => loader.commit(&manifest.tables).await.map(|_| ()),
        None => Ok(()),
    };
    if let Err(e) = committed {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e.into());
    }
    std::fs::rename(&staging, data_dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        io(Step::Move, data_dir)(e)
    })?;
    Ok(manifest)
}

fn decrypt_error(e: &age::DecryptError) -> BackupError {
    match e {
        age::DecryptError::DecryptionFailed
        | age::DecryptError::NoMatchingKeys
        | age::DecryptError::KeyDecryptionFailed => BackupError::WrongPassphrase,
        _ => BackupError::Damaged(Damage::Header),
    }
}

#[cfg(unix)]
fn create_private_dir(path: &Path) -> Result<(), BackupError> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(path)
        .map_err(io(Step::Create, path))
}

#[cfg(not(unix))]
fn create_private_dir(path: &Path) -> Result<(), BackupError> {
    std::fs::create_dir(path).map_err(io(Step::Create, path))
}

/// A path from the backup, only if it stays within the data directory.
fn inside(staging: &Path, path: &str) -> Result<PathBuf, BackupError> {
    let relative = Path::new(path);
    if path.is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(BackupError::Damaged(Damage::Outside));
    }
    Ok(staging.join(relative))
}

/// Reads every entry into `staging` (and the rows into PostgreSQL, uncommitted), checking
/// each file's size, the counts and the manifest against the one outside.
async fn read_into<R: BufRead>(
    lines: &mut R,
    manifest: &Manifest,
    staging: &Path,
    target: Target<'_>,
) -> Result<Option<Loader>, BackupError> {
    let damaged = BackupError::Damaged;
    let mut loader = match target {
        Target::Postgres(url) => Some(Loader::begin(url, manifest.schema_version).await?),
        Target::Sqlite => None,
    };
    let mut key = false;
    let mut open: Option<(std::fs::File, u64)> = None;
    let mut table: Option<Table> = None;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut files = BTreeMap::new();
    let mut line = String::new();
    let mut ended = false;
    loop {
        line.clear();
        let n = lines
            .read_line(&mut line)
            .map_err(|_| damaged(Damage::Decryption))?;
        if n == 0 {
            break;
        }
        if ended {
            return Err(damaged(Damage::AfterEnd));
        }
        let entry: Entry = serde_json::from_str(&line).map_err(|_| damaged(Damage::Entry))?;
        if !matches!(entry, Entry::Chunk { .. }) && open.as_ref().is_some_and(|(_, left)| *left > 0)
        {
            return Err(damaged(Damage::FileShort));
        }
        if !matches!(entry, Entry::Row { .. }) {
            flush(&mut loader, &table, &mut rows).await?;
        }
        match entry {
            Entry::DataKey { key: text } => {
                DataKey::from_base64(&text).map_err(|_| damaged(Damage::Key))?;
                write_new(&staging.join(KEY_FILE), text.as_bytes())?;
                key = true;
            }
            Entry::File { path, size } => {
                let at = inside(staging, &path)?;
                if let Some(folder) = at.parent() {
                    std::fs::create_dir_all(folder).map_err(io(Step::Create, folder))?;
                }
                let file = create_private(&at)?;
                if size == 0 {
                    file.sync_all().map_err(io(Step::Write, staging))?;
                }
                open = Some((file, size));
                files.insert(path, size);
            }
            Entry::Chunk {
                data: Cell::Bytes { base64 },
            } => {
                let Some((file, left)) = &mut open else {
                    return Err(damaged(Damage::Piece));
                };
                if base64.len() as u64 > *left {
                    return Err(damaged(Damage::FileLong));
                }
                file.write_all(&base64).map_err(io(Step::Write, staging))?;
                *left -= base64.len() as u64;
                if *left == 0 {
                    file.sync_all().map_err(io(Step::Write, staging))?;
                }
            }
            Entry::Chunk { .. } => return Err(damaged(Damage::PieceKind)),
            Entry::Table { table: t } => {
                if loader.is_none() {
                    return Err(damaged(Damage::Table));
                }
                table = Some(t);
            }
            Entry::Row { cells } => {
                if table.is_none() {
                    return Err(damaged(Damage::Row));
                }
                rows.push(cells);
                if rows.len() >= 1000 {
                    flush(&mut loader, &table, &mut rows).await?;
                }
            }
            Entry::End { manifest: inner } => {
                if inner != *manifest {
                    return Err(damaged(Damage::Manifest));
                }
                ended = true;
            }
        }
    }
    if !ended {
        return Err(damaged(Damage::Early));
    }
    if !key {
        return Err(damaged(Damage::NoKey));
    }
    if files
        .iter()
        .filter(|(p, _)| *p != DATABASE_FILE)
        .map(|(p, s)| (p.clone(), *s))
        .collect::<BTreeMap<_, _>>()
        != manifest.files
    {
        return Err(damaged(Damage::Files));
    }
    if loader.is_none() {
        let db = staging.join(DATABASE_FILE);
        if !files.contains_key(DATABASE_FILE) {
            return Err(damaged(Damage::NoDatabase));
        }
        let contents =
            tokio::task::spawn_blocking(move || carepath_store::copy::sqlite_contents(&db))
                .await
                .map_err(|e| io(Step::CheckDatabase, staging)(e.into()))?
                .map_err(|_| damaged(Damage::Checks))?;
        if contents.counts != manifest.tables || contents.schema_version != manifest.schema_version
        {
            return Err(damaged(Damage::Counts));
        }
    }
    Ok(loader)
}

async fn flush(
    loader: &mut Option<Loader>,
    table: &Option<Table>,
    rows: &mut Vec<Vec<Cell>>,
) -> Result<(), BackupError> {
    if let (Some(loader), Some(table)) = (loader.as_mut(), table)
        && !rows.is_empty()
    {
        loader.insert(table, rows).await?;
        rows.clear();
    }
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), BackupError> {
    let mut f = create_private(path)?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(io(Step::Write, path))
}

/// Copies everything of a SQLite store into an empty PostgreSQL database at `url` (its
/// schema made by the migrations, the rows in one transaction, every count checked before
/// it commits). Returns the rows per table.
pub async fn migrate_to(source: &Store, url: &str) -> Result<Counts, BackupError> {
    if source.backend() != Backend::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    let mut snapshot = source.snapshot().await?;
    let version = snapshot.schema_version().await?;
    let counts = snapshot.counts().await?;
    let mut loader = Loader::begin(url, version).await?;
    for table in snapshot.tables().to_vec() {
        let rows = snapshot.rows(&table);
        carepath_store::copy::batches(rows, 1000, async |batch| {
            loader.insert(&table, &batch).await
        })
        .await?;
    }
    Ok(loader.commit(&counts).await?)
}
