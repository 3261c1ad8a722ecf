//! Developer tasks. `cargo xtask test` runs the whole test suite (what the README
//! promises); `cargo xtask ci` adds the format and lint checks and is what `.ci/run` runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

const USAGE: &str = "usage: cargo xtask <test|ci|bench|fuzz [SECONDS]>

  test   the whole suite: every crate's tests on SQLite and PostgreSQL, the smoke tests of
         the binary, and the browser tests in headless Chromium
  ci     cargo fmt --check, cargo clippy -D warnings, then test
  bench  benchmarks of the hot paths, one scheduler pass over 1,000,000 enrollments, thresholds, and
         the API's write throughput over HTTP (release build); writes docs/performance.md
  fuzz   every fuzz target in fuzz/ for SECONDS each (default 60); needs cargo-fuzz
         (cargo install cargo-fuzz) and runs on stable with RUSTC_BOOTSTRAP=1

Environment: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
CHROMIUM (default /usr/bin/chromium).";

/// The fuzz targets, each for `seconds`, outside the normal test run.
fn fuzz(root: &Path, seconds: &str) -> anyhow::Result<()> {
    let seconds: u32 = seconds
        .parse()
        .context("cargo xtask fuzz SECONDS: give the seconds per target as a number")?;
    for target in [
        "questionnaire",
        "questionnaire_response",
        "national_identity_number",
    ] {
        // The working corpus (ignored by git) grows from the committed seeds.
        let corpus = format!("fuzz/corpus/{target}");
        std::fs::create_dir_all(root.join(&corpus))?;
        run(
            Command::new("cargo")
                .args([
                    "fuzz",
                    "run",
                    target,
                    &corpus,
                    &format!("fuzz/seeds/{target}"),
                    "--",
                ])
                .arg(format!("-max_total_time={seconds}"))
                .env("RUSTC_BOOTSTRAP", "1")
                .current_dir(root),
            &format!(
                "the fuzz target {target} (is cargo-fuzz installed? cargo install cargo-fuzz)"
            ),
        )?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    let root = root();
    match task.as_str() {
        "test" => test(&root),
        "fuzz" => fuzz(&root, std::env::args().nth(2).as_deref().unwrap_or("60")),
        "bench" => {
            // The throughput benchmark starts the release binary as its own process.
            run(
                Command::new("cargo")
                    .args(["build", "--release", "-p", "carepath", "--bin", "carepath"])
                    .current_dir(&root),
                "cargo build --release",
            )?;
            for bin in ["carepath-bench", "scheduler", "thresholds", "throughput"] {
                run(
                    Command::new("cargo")
                        .args(["run", "--release", "-p", "carepath-bench", "--bin", bin])
                        .args(["--", "--write"])
                        .env("TEST_DATABASE_URL", test_database_url())
                        .env("CAREPATH_BIN", root.join("target/release/carepath"))
                        .current_dir(&root),
                    &format!("the benchmark {bin}"),
                )?;
            }
            Ok(())
        }
        "ci" => {
            run(
                Command::new("cargo")
                    .args(["fmt", "--all", "--check"])
                    .current_dir(&root),
                "cargo fmt --check",
            )?;
            run(
                Command::new("cargo")
                    .args([
                        "clippy",
                        "--workspace",
                        "--all-targets",
                        "--",
                        "-D",
                        "warnings",
                    ])
                    .current_dir(&root),
                "cargo clippy",
            )?;
            test(&root)
        }
        _ => {
            eprintln!("{USAGE}");
            bail!("unknown task `{task}`")
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn run(cmd: &mut Command, what: &str) -> anyhow::Result<()> {
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {what}"))?;
    if !status.success() {
        bail!("{what} failed");
    }
    Ok(())
}

/// `TEST_DATABASE_URL`, or the local PostgreSQL with trust auth.
fn test_database_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Installs what the conformance tests need: resources carepath did not write (HL7's
/// examples, from the npm registry, in `tests/conformance/node_modules`) and an
/// independent FHIR validator (Python's `fhir.resources`, from PyPI, in
/// `tests/conformance/.venv`).
fn conformance_fixtures(root: &Path) -> anyhow::Result<()> {
    let dir = root.join("tests/conformance");
    if !dir.join(".venv/bin/python").exists() {
        run(
            Command::new("python3")
                .args(["-m", "venv", ".venv"])
                .current_dir(&dir),
            "python3 -m venv in tests/conformance (needs Python 3 with venv)",
        )?;
    }
    if !dir
        .join(".venv/lib")
        .read_dir()
        .ok()
        .and_then(|mut d| d.next())
        .and_then(Result::ok)
        .is_some_and(|py| {
            // Every package requirements.txt names (the validator, the SMTP server).
            ["fhir/resources", "aiosmtpd"]
                .iter()
                .all(|p| py.path().join("site-packages").join(p).exists())
        })
    {
        run(
            Command::new(dir.join(".venv/bin/pip"))
                .args(["install", "--quiet", "-r", "requirements.txt"])
                .current_dir(&dir),
            "pip install -r tests/conformance/requirements.txt",
        )?;
    }
    if !dir
        .join("node_modules/hl7.fhir.r4.examples/package.json")
        .exists()
    {
        run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir),
            "npm ci in tests/conformance (needs Node.js and npm)",
        )?;
    }
    Ok(())
}

fn test(root: &Path) -> anyhow::Result<()> {
    let db = test_database_url();
    conformance_fixtures(root)?;
    run(
        Command::new("cargo")
            .args(["build", "--workspace", "--bins"])
            .current_dir(root),
        "cargo build",
    )?;
    run(
        Command::new("cargo")
            .args(["test", "--workspace", "--no-fail-fast"])
            .env("TEST_DATABASE_URL", &db)
            .current_dir(root),
        "cargo test",
    )?;
    browser_tests(root, &db)
}

fn browser_tests(root: &Path, db: &str) -> anyhow::Result<()> {
    let dir = root.join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    if !Path::new(&chromium).exists() {
        bail!(
            "the browser tests need Chromium at {chromium}: install Debian's `chromium` package (sudo apt-get install chromium) or set CHROMIUM"
        );
    }
    if !dir.join("node_modules/playwright-core").exists() {
        run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir),
            "npm ci in tests/browser (needs Node.js and npm)",
        )?;
    }
    run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", "tests/browser/"])
            .env("CAREPATH_BIN", root.join("target/debug/carepath"))
            .env("CHROMIUM", &chromium)
            .env("TEST_DATABASE_URL", db)
            .current_dir(root),
        "the browser tests",
    )
}
