//! Developer tasks. `cargo xtask test` runs the whole test suite (what the README
//! promises); `cargo xtask ci` adds the format and lint checks and is what `.ci/run` runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

mod release;

const USAGE: &str = "usage: cargo xtask <test|ci|release [--binary FILE] [--out DIR]|bench|chaos|fuzz [SECONDS]|mutants [FILE ...]>

  test   the whole suite: every crate's tests on SQLite and PostgreSQL, the smoke tests of
         the binary, and the browser tests in headless Chromium
  ci     cargo fmt --check, cargo clippy -D warnings, then test
  release  the Debian package (systemd unit, service user, private data folder; Debian's
         dpkg-deb) and the OCI image (an image layout in a tar file) from a release build,
         or from --binary FILE, into --out DIR (default target/release-artifacts)
  bench  benchmarks of the hot paths, one scheduler pass over 1,000,000 enrollments, thresholds,
         the reference FHIR load over HTTP (bench/peer-load: create a response, create a
         measurement, search, read; wrk from Debian) beside the bare database limits,
         the SQLite driver's reads through sqlx and through rusqlite readers,
         the clinician's overview of a patient with
         two years of history (release build), the outcome report over 1,000,000 responses
         and the research export of them, and Lighthouse over every patient page on
         simulated slow 3G (npm lighthouse, Debian's chromium); writes docs/performance.md
  chaos  the fault harness (docs/reliability.md): a release `carepath serve` under a write
         load, killed with SIGKILL 10 times on each database, SQLite's disk full and
         space again, and (CHAOS_PG_RESTART=1) the machine's PostgreSQL stopped and
         started under load; every acknowledged write must be found whole; then two
         nodes sending reminders with the SMTP server down for a while: each must arrive
         exactly once; writes docs/reliability.md
  fuzz   every fuzz target in fuzz/ for SECONDS each (default 60), growing and then
         minimising its committed corpus in fuzz/corpus (replayed by the normal tests);
         needs cargo-fuzz (cargo install cargo-fuzz), runs on stable with RUSTC_BOOTSTRAP=1
  mutants  mutation testing of the domain's rules (cargo-mutants: cargo install
         cargo-mutants): each mutant of the FILEs (default: the rule files listed in
         docs/mutants.md) must make a domain test fail; 60 s per test run, at most 40
         minutes in all; results in target/mutants; the survivors no test can tell apart
         are listed in docs/mutants.md

Environment: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
CHROMIUM (default /usr/bin/chromium).";

/// Every fuzz target (`cargo fuzz list`) for `seconds`, outside the normal test run. Each
/// grows its committed corpus, `fuzz/corpus/TARGET/`, which is then minimised again
/// (`cargo fuzz cmin`) so that what is kept stays small; the normal test run replays it.
fn fuzz(root: &Path, seconds: &str) -> anyhow::Result<()> {
    let seconds: u32 = seconds
        .parse()
        .context("cargo xtask fuzz SECONDS: give the seconds per target as a number")?;
    let missing = "cargo fuzz (is cargo-fuzz installed? cargo install cargo-fuzz)";
    let list = Command::new("cargo")
        .args(["fuzz", "list"])
        .current_dir(root)
        .output()
        .context(missing)?;
    if !list.status.success() {
        bail!("{missing}: {}", String::from_utf8_lossy(&list.stderr));
    }
    for target in String::from_utf8_lossy(&list.stdout).split_whitespace() {
        let corpus = format!("fuzz/corpus/{target}");
        std::fs::create_dir_all(root.join(&corpus))?;
        for (verb, extra) in [
            ("run", format!("-max_total_time={seconds}")),
            ("cmin", String::new()),
        ] {
            let mut cmd = Command::new("cargo");
            cmd.args(["fuzz", verb, target, &corpus]);
            if !extra.is_empty() {
                cmd.args(["--", &extra]);
            }
            run(
                cmd.env("RUSTC_BOOTSTRAP", "1").current_dir(root),
                &format!(
                    "cargo fuzz {verb} {target} (a crash is saved in fuzz/artifacts/{target}/)"
                ),
            )?;
        }
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    let root = root();
    match task.as_str() {
        "test" => test(&root),
        "release" => {
            let args: Vec<String> = std::env::args().skip(2).collect();
            let flag = |name: &str| {
                args.iter()
                    .position(|a| a == name)
                    .and_then(|i| args.get(i + 1))
                    .map(PathBuf::from)
            };
            let binary = match flag("--binary") {
                Some(binary) => binary,
                None => {
                    build_release(&root)?;
                    root.join("target/release/carepath")
                }
            };
            let out = flag("--out").unwrap_or_else(|| root.join("target/release-artifacts"));
            let built = release::release(&root, &binary, &out, release::Compression::Best)?;
            println!("{}\n{}", built.deb.display(), built.image.display());
            Ok(())
        }
        "fuzz" => fuzz(&root, std::env::args().nth(2).as_deref().unwrap_or("60")),
        "bench" => {
            // The reference load starts the release binary as its own process.
            build_release(&root)?;
            for bin in [
                "carepath-bench",
                "scheduler",
                "thresholds",
                "reference",
                "sqlite_driver",
                "overview",
                "letter",
                "outcomes",
            ] {
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
            // Lighthouse over the patient pages, with Debian's Chromium.
            let lighthouse = root.join("bench/lighthouse");
            run(
                Command::new("npm")
                    .args(["ci", "--no-audit", "--no-fund"])
                    .current_dir(&lighthouse),
                "npm ci in bench/lighthouse",
            )?;
            run(
                Command::new("node")
                    .args(["run.mjs", "--write"])
                    .env("CAREPATH_BIN", root.join("target/release/carepath"))
                    .env("CHROMIUM", chromium()?)
                    .current_dir(&lighthouse),
                "the Lighthouse benchmark (bench/lighthouse)",
            )?;
            Ok(())
        }
        "mutants" => mutants(&root, std::env::args().skip(2).collect()),
        "chaos" => {
            build_release(&root)?;
            // The harness only drives the server: its own build need not be optimised.
            run(
                Command::new("cargo")
                    .args([
                        "run",
                        "-p",
                        "carepath-bench",
                        "--bin",
                        "chaos",
                        "--",
                        "--write",
                    ])
                    .env("TEST_DATABASE_URL", test_database_url())
                    .env("CAREPATH_BIN", root.join("target/release/carepath"))
                    .current_dir(&root),
                "the fault harness (bench/src/bin/chaos.rs)",
            )
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

/// The domain files whose rules `cargo xtask mutants` checks by default.
const MUTANT_FILES: [&str; 4] = [
    "crates/domain/src/threshold.rs",
    "crates/domain/src/nin.rs",
    "crates/domain/src/schedule.rs",
    "crates/domain/src/text.rs",
];

/// cargo-mutants over the domain crate's rule files (or `files`), bounded in time.
fn mutants(root: &Path, files: Vec<String>) -> anyhow::Result<()> {
    let files = if files.is_empty() {
        MUTANT_FILES.iter().map(|f| (*f).to_owned()).collect()
    } else {
        files
    };
    let mut cmd = Command::new("timeout");
    // A test run takes well under a second; a mutant that loops forever is stopped after
    // 20 s and counts as caught.
    cmd.args(["2400", "cargo", "mutants", "-p", "carepath-domain"])
        .args(["--test-workspace", "false", "--timeout", "20", "-j", "2"])
        .args(["-o", "target/mutants"]);
    for f in &files {
        cmd.args(["-f", f]);
    }
    let status = cmd
        .current_dir(root)
        .status()
        .context("cannot start cargo mutants (cargo install cargo-mutants)")?;
    // cargo-mutants: 0 every mutant caught, 3 some only by timing out (caught too), 2 some
    // missed, 124 the 40-minute bound reached.
    match status.code() {
        Some(0 | 3) => Ok(()),
        Some(2) => bail!(
            "mutants survived: see target/mutants/mutants.out/missed.txt, add a test that tells each apart, or explain it in docs/mutants.md and .cargo/mutants.toml"
        ),
        Some(124) => bail!("cargo mutants did not finish within 40 minutes"),
        _ => {
            bail!("cargo mutants failed (is cargo-mutants installed? cargo install cargo-mutants)")
        }
    }
}

/// The optimised `carepath` binary, `target/release/carepath`.
fn build_release(root: &Path) -> anyhow::Result<()> {
    run(
        Command::new("cargo")
            .args(["build", "--release", "-p", "carepath", "--bin", "carepath"])
            .current_dir(root),
        "cargo build --release",
    )
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
/// independent FHIR validator and client (Python's `fhir.resources` and `fhirpy`, from
/// PyPI, in `tests/conformance/.venv`).
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
            // Every package requirements.txt names (the validator, the SMTP server, the
            // FHIR client).
            ["fhir/resources", "aiosmtpd", "fhirpy"]
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
    // `cargo test` builds the `carepath` binary the smoke and browser tests start.
    run(
        Command::new("cargo")
            .args(["test", "--workspace", "--no-fail-fast"])
            .env("TEST_DATABASE_URL", &db)
            .current_dir(root),
        "cargo test",
    )?;
    let release = release_fixtures(root)?;
    browser_tests(root, &db, &release)
}

/// For the release test (`tests/browser/release.test.mjs`): the Debian package and the
/// OCI image built from the debug binary (the same files as a release, without a second,
/// optimised build), and a clean Debian made by debootstrap to install the package in.
/// Needs root (chroot); without it the test is skipped locally and fails in CI.
fn release_fixtures(root: &Path) -> anyhow::Result<Vec<(&'static str, PathBuf)>> {
    let out = root.join("target/release-test");
    let built = release::release(
        root,
        &root.join("target/debug/carepath"),
        &out,
        release::Compression::Fast,
    )?;
    let mut env = vec![("CAREPATH_DEB", built.deb), ("CAREPATH_OCI", built.image)];
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root_user {
        eprintln!(
            "note: not root: the release test cannot make a clean Debian to install the package in"
        );
        return Ok(env);
    }
    let chroot = out.join("debian");
    if chroot.exists() {
        let _ = Command::new("umount").arg(chroot.join("proc")).status();
        std::fs::remove_dir_all(&chroot)?;
    }
    let suite = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VERSION_CODENAME=").map(str::to_owned))
        })
        .unwrap_or_else(|| "bookworm".to_owned());
    let mirror = std::env::var("CAREPATH_DEBIAN_MIRROR")
        .unwrap_or_else(|_| "http://deb.debian.org/debian".to_owned());
    run(
        Command::new("debootstrap")
            .args(["--variant=minbase", &suite])
            .arg(&chroot)
            .arg(&mirror)
            .stdout(std::process::Stdio::null()),
        "debootstrap (Debian's debootstrap package) of a clean Debian for the release test",
    )?;
    env.push(("CAREPATH_CHROOT", chroot));
    Ok(env)
}

/// Debian's Chromium (or `CHROMIUM`), for the browser tests and the Lighthouse benchmark.
fn chromium() -> anyhow::Result<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    if !Path::new(&chromium).exists() {
        bail!(
            "the browser tests and the Lighthouse benchmark need Chromium at {chromium}: install Debian's `chromium` package (sudo apt-get install chromium) or set CHROMIUM"
        );
    }
    Ok(chromium)
}

fn browser_tests(root: &Path, db: &str, release: &[(&str, PathBuf)]) -> anyhow::Result<()> {
    let dir = root.join("tests/browser");
    let chromium = chromium()?;
    // Every package the tests import (a checkout from before one was added lacks it).
    if !["playwright-core", "lforms"]
        .iter()
        .all(|p| dir.join("node_modules").join(p).exists())
    {
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
            .envs(release.iter().map(|(k, v)| (*k, v.as_os_str())))
            .current_dir(root),
        "the browser tests",
    )
}
