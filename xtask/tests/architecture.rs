//! Keeps the map true to the territory: ARCHITECTURE.md names only paths that exist, and
//! the pure crates stay free of the web framework, the database driver and the runtime.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// Backticked words in ARCHITECTURE.md that look like paths in the tree.
fn named_paths(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('/')
                && !s.starts_with('/')
                && !s.contains(' ')
                && !s.contains('{')
                && !s.contains("...")
        })
        .filter(|s| !s.contains("://"))
        .map(|s| s.trim_end_matches('/').to_owned())
        .collect()
}

#[test]
fn every_path_named_in_architecture_md_exists() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let paths = named_paths(&text);
    assert!(paths.len() > 10, "the map names the tree");
    let missing: Vec<&String> = paths.iter().filter(|p| !root().join(p).exists()).collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

fn dependencies(package: &str) -> String {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree", "-p", package, "-e", "normal", "--prefix", "none", "--format", "{p}",
        ])
        .current_dir(root())
        .output()
        .expect("cargo tree");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_pure_crates_do_not_depend_on_axum_sqlx_or_tokio() {
    for package in ["carepath-domain", "carepath-fhir"] {
        let tree = dependencies(package);
        assert!(tree.contains(package), "cargo tree listed {package}");
        for forbidden in ["axum", "sqlx", "tokio", "hyper"] {
            let found: Vec<&str> = tree
                .lines()
                .filter(|l| {
                    l.split(' ').next() == Some(forbidden)
                        || l.starts_with(&format!("{forbidden}-"))
                })
                .collect();
            assert!(
                found.is_empty(),
                "{package} depends on {forbidden}: {found:?}"
            );
        }
    }
}

#[test]
fn the_path_check_sees_a_missing_path() {
    let paths = named_paths("see `crates/nope/src/lib.rs` and `/pasient/x` and `a b/c`");
    assert_eq!(paths, vec!["crates/nope/src/lib.rs".to_owned()]);
    assert!(!root().join(&paths[0]).exists());
}
