//! The two migration folders must hold the same file names, so neither backend drifts.

use std::collections::BTreeSet;
use std::path::Path;

fn names(dir: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dir);
    std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn sqlite_and_postgres_migrations_have_identical_file_names() {
    let sqlite = names("sqlite");
    let postgres = names("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "add each migration to both folders under the same name"
    );
}

#[tokio::test]
async fn migrating_twice_is_harmless_and_a_wrong_data_key_is_refused() {
    let dir = tempfile_dir();
    let path = dir.join("carepath.db");
    let key = carepath_store::DataKey::generate();
    let store = carepath_store::Store::open_sqlite(&path, &key)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
    store.close().await;
    let other = carepath_store::Store::open_sqlite(&path, &carepath_store::DataKey::generate())
        .await
        .unwrap();
    let err = other.migrate().await.unwrap_err();
    assert!(
        matches!(err, carepath_store::StoreError::WrongKey(_)),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("carepath-migrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The PostgreSQL migration with its column types written as SQLite's.
fn as_sqlite(postgres_sql: &str) -> String {
    postgres_sql
        .replace("TIMESTAMPTZ", "TEXT")
        .replace("JSONB", "TEXT")
        .replace("BYTEA", "BLOB")
        .replace("DOUBLE PRECISION", "REAL")
        .replace(" DATE ", " TEXT ")
}

#[test]
fn the_two_migration_sets_differ_only_in_column_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for name in names("sqlite") {
        let sqlite = std::fs::read_to_string(dir.join("sqlite").join(&name)).unwrap();
        let postgres = std::fs::read_to_string(dir.join("postgres").join(&name)).unwrap();
        // A migration SQLite cannot express as PostgreSQL does (dropping NOT NULL means
        // rebuilding a table) says so in both files, and is exempt from the comparison.
        let marker = "-- backend-specific:";
        assert_eq!(
            sqlite.contains(marker),
            postgres.contains(marker),
            "{name}: mark both files backend-specific, or neither"
        );
        if sqlite.contains(marker) {
            continue;
        }
        let converted = as_sqlite(&postgres);
        let differing: Vec<(usize, &str, &str)> = sqlite
            .lines()
            .zip(converted.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b && !a.starts_with("--"))
            .map(|(i, (a, b))| (i + 1, a, b))
            .collect();
        assert_eq!(
            sqlite.lines().count(),
            postgres.lines().count(),
            "{name}: line counts differ"
        );
        assert!(
            differing.is_empty(),
            "{name}: the backends differ beyond column types: {differing:#?}"
        );
    }
}
