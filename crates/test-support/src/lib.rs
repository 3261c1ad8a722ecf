//! Test helpers shared by every crate's integration tests: a fresh database per test on
//! SQLite and PostgreSQL, and (in [`app`]) an in-process `TestApp` with the demo personas.
//!
//! PostgreSQL comes from `TEST_DATABASE_URL`; each test gets its own schema. Without it,
//! PostgreSQL tests are skipped with a message locally and fail when `CI` is set.

pub mod app;
pub mod fhir_validator;
pub mod fixtures;
pub mod oidc;

use carepath_store::{DataKey, Store};

/// A database for one test. Holds the temporary folder of a SQLite database.
#[derive(Debug)]
pub struct TestDb {
    pub store: Store,
    pub label: &'static str,
    _dir: Option<tempfile::TempDir>,
    /// On PostgreSQL: the server, the schema and the data key, to open another node.
    node: Option<(String, String, DataKey)>,
}

impl TestDb {
    /// On PostgreSQL, a second store on the same database and key: another node of the
    /// same installation (its own pool, caches and audit chain). `None` on SQLite.
    pub async fn another_node(&self) -> Option<Store> {
        let (url, schema, key) = self.node.as_ref()?;
        Some(
            Store::open_postgres(url, Some(schema), key)
                .await
                .expect("open PostgreSQL again"),
        )
    }
}

/// A migrated SQLite database in a temporary folder.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = Store::open_sqlite(&dir.path().join("carepath.db"), &DataKey::generate())
        .await
        .expect("open SQLite");
    store.migrate().await.expect("migrate SQLite");
    TestDb {
        store,
        label: "sqlite",
        _dir: Some(dir),
        node: None,
    }
}

/// The PostgreSQL server for tests, or `None` locally when none is configured.
///
/// # Panics
/// When `CI` is set and `TEST_DATABASE_URL` is not: CI must never skip PostgreSQL.
pub fn postgres_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false") => {
            panic!("TEST_DATABASE_URL is not set, and CI requires the PostgreSQL tests to run")
        }
        _ => {
            eprintln!(
                "note: TEST_DATABASE_URL is not set; skipping the PostgreSQL run of this test"
            );
            None
        }
    }
}

/// A migrated PostgreSQL schema of its own, or `None` (see [`postgres_url`]).
pub async fn postgres() -> Option<TestDb> {
    let url = postgres_url()?;
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let admin = Store::open_postgres(&url, None, &DataKey::generate())
        .await
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at TEST_DATABASE_URL: {e}"));
    admin
        .execute_admin(&format!("CREATE SCHEMA {schema}"))
        .await
        .expect("create schema");
    admin.close().await;
    let key = DataKey::generate();
    let store = Store::open_postgres(&url, Some(&schema), &key)
        .await
        .expect("open PostgreSQL");
    store.migrate().await.expect("migrate PostgreSQL");
    Some(TestDb {
        store,
        label: "postgres",
        _dir: None,
        node: Some((url, schema, key)),
    })
}

/// A fresh database on every backend available (both, in CI).
pub async fn each_backend() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}

/// The IBS school package shipped in `content/ibs-school`.
pub fn ibs_package() -> carepath_package::Package {
    shipped_package("ibs-school")
}

/// The demo course shipped in `content/courses/digital-hjemmeoppfolging`.
pub fn course_package() -> carepath_package::CoursePackage {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../content/courses/digital-hjemmeoppfolging");
    let files = carepath_package::PackageFiles::read(&dir).expect("read the shipped course");
    carepath_package::load_course(&files).expect("the shipped course is valid")
}

/// A package shipped in `content/{folder}` (`ibs-school`, `hjemmeoppfolging`,
/// `handleddsbrudd`).
pub fn shipped_package(folder: &str) -> carepath_package::Package {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../content")
        .join(folder);
    let files = carepath_package::PackageFiles::read(&dir).expect("read the shipped package");
    carepath_package::load(&files).expect("the shipped package is valid")
}
