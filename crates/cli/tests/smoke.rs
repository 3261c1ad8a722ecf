//! Smoke tests of the real `carepath` binary: start, demo, sign-in, durability after
//! SIGKILL, refusing `--demo` on a real database, and importing a broken package.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_carepath");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn carepath(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("CAREPATH_DATABASE_URL")
        .env("CAREPATH_LOG", "warn");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Creates a demo database in `data_dir` with `env`.
fn demo(data_dir: &str, env: &[(&str, &str)]) {
    let out = carepath(&["demo", "--data-dir", data_dir], env)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn start(data_dir: &Path, env: &[(&str, &str)]) -> Server {
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let child = carepath(
        &[
            "serve",
            "--demo",
            "--data-dir",
            data_dir.to_str().unwrap(),
            "--addr",
            &addr,
        ],
        env,
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .expect("start carepath");
    let server = Server {
        child,
        base: format!("http://{addr}"),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(res) = agent().get(&format!("{}/healthz", server.base)).call()
            && res.status() == 200
        {
            return server;
        }
        assert!(
            Instant::now() < deadline,
            "carepath did not become healthy within 30 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build(),
    )
}

fn sign_in(base: &str, username: &str) -> String {
    // The sign-in page gives the browser its sign-in CSRF token, as a cookie and in the form.
    let page = agent().get(&format!("{base}/logg-inn")).call().unwrap();
    let login_cookie = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let token = login_cookie.split_once('=').unwrap().1.to_owned();
    let res = agent()
        .post(&format!("{base}/logg-inn/demo"))
        .header("cookie", &login_cookie)
        .send_form([("brukernavn", username), ("_csrf", token.as_str())])
        .unwrap();
    assert_eq!(res.status(), 303);
    res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

fn get(base: &str, cookie: &str, path: &str) -> (u16, String) {
    let mut res = agent()
        .get(&format!("{base}{path}"))
        .header("cookie", cookie)
        .call()
        .unwrap();
    (
        res.status().as_u16(),
        res.body_mut().read_to_string().unwrap(),
    )
}

/// Saves a page as read, kills the server with SIGKILL right after the answer, and
/// checks that the saved page survived.
fn durability_after_sigkill(env: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path(), env);
    let cookie = sign_in(&server.base, "pasient2");
    let (status, before) = get(&server.base, &cookie, "/pasient/moduler");
    assert_eq!(status, 200);
    assert!(before.contains("1 av 3 sider lest"), "{before}");
    let (_, page) = get(
        &server.base,
        &cookie,
        "/pasient/moduler/om-ibs/02-tarm-og-hjerne",
    );
    let csrf = page
        .split(r#"name="_csrf" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page's form carries the CSRF token")
        .to_owned();
    let res = agent()
        .post(&format!(
            "{}/pasient/moduler/om-ibs/02-tarm-og-hjerne/lest",
            server.base
        ))
        .header("cookie", &cookie)
        .send_form([("_csrf", csrf.as_str())])
        .unwrap();
    assert_eq!(res.status(), 303, "the patient is told the page is saved");
    server.child.kill().unwrap(); // SIGKILL on Unix: no shutdown, no flushing.
    server.child.wait().unwrap();
    drop(server);

    let server = start(dir.path(), env);
    let cookie = sign_in(&server.base, "pasient2");
    let (_, after) = get(&server.base, &cookie, "/pasient/moduler");
    assert!(
        after.contains("2 av 3 sider lest"),
        "the saved page was lost:\n{after}"
    );
}

#[test]
fn serve_demo_on_sqlite_survives_sigkill_without_losing_a_saved_page() {
    durability_after_sigkill(&[]);
}

#[test]
fn serve_demo_on_postgres_survives_sigkill_without_losing_a_saved_page() {
    let Some(url) = carepath_test_support::postgres_url() else {
        return;
    };
    let database = format!("smoke_{}", std::process::id());
    let admin = Command::new("psql")
        .args([
            url.as_str(),
            "-qc",
            &format!("DROP DATABASE IF EXISTS {database}"),
        ])
        .stderr(Stdio::null())
        .status();
    let created = Command::new("psql")
        .args([url.as_str(), "-qc", &format!("CREATE DATABASE {database}")])
        .status();
    assert!(
        admin.is_ok() && created.is_ok_and(|s| s.success()),
        "psql must be able to create a test database"
    );
    let db_url = replace_database(&url, &database);
    let key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    let env = [
        ("CAREPATH_DATABASE_URL", db_url.as_str()),
        ("CAREPATH_DATA_KEY", key),
    ];
    let out = carepath(&["migrate"], &env).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    durability_after_sigkill(&env);
    let _ = Command::new("psql")
        .args([url.as_str(), "-qc", &format!("DROP DATABASE {database}")])
        .status();
}

fn replace_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let base = match base.rsplit_once('/') {
        Some((server, _)) if server.contains('@') || server.matches('/').count() > 2 => {
            server.to_owned()
        }
        _ => base.to_owned(),
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

#[test]
fn serve_demo_refuses_a_database_that_is_not_a_demo_database() {
    let dir = tempfile::tempdir().unwrap();
    let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/ibs-school");
    let out = carepath(
        &[
            "import",
            package.to_str().unwrap(),
            "--data-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported ibs-school as version 1"));
    let again = carepath(
        &[
            "import",
            package.to_str().unwrap(),
            "--data-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("unchanged"));

    let out = carepath(
        &[
            "serve",
            "--demo",
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--addr",
            "127.0.0.1:1",
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not created as a demo database"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_broken_package_is_refused_with_every_problem_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("pakke");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/ibs-school"),
        &package,
    );
    std::fs::remove_file(package.join("terms.md")).unwrap();
    std::fs::write(
        package.join("modules/om-ibs/02-tarm-og-hjerne.md"),
        "no front matter",
    )
    .unwrap();
    std::fs::write(
        package.join("questionnaires/ibs-symptomskaar.json"),
        "{ not json",
    )
    .unwrap();
    let data = dir.path().join("data");
    let out = carepath(
        &[
            "import",
            package.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ],
        &[],
    )
    .output()
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("terms.md: missing"), "{stderr}");
    assert!(
        stderr.contains("modules/om-ibs/02-tarm-og-hjerne.md:1:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("questionnaires/ibs-symptomskaar.json:1:"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");

    // `demo` only accepts an empty database, so it succeeding shows nothing was left behind.
    let out = carepath(&["demo", "--data-dir", data.to_str().unwrap()], &[])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the failed import left data behind: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn invalid_configuration_names_the_setting() {
    let out = carepath(&["migrate"], &[("CAREPATH_DATABASE_URL", "mysql://x")])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("CAREPATH_DATABASE_URL"));
    let out = carepath(&["serve", "--addr", "nonsense"], &[])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));

    // An OpenID provider without its secret names where the secret goes.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("carepath.toml");
    std::fs::write(
        &file,
        "public_url = \"https://carepath.example\"\n[[oidc]]\nname = \"idporten\"\nlabel = \"BankID\"\nprofile = \"patient\"\nissuer = \"https://idporten.example\"\nclient_id = \"x\"\n",
    )
    .unwrap();
    let out = carepath(&["migrate", "--config", file.to_str().unwrap()], &[])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("CAREPATH_OIDC_IDPORTEN_CLIENT_SECRET"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A broken activity code list stops start-up naming the setting and the fault.
    let codes = dir.path().join("2027.toml");
    std::fs::write(
        &codes,
        "year = 2027\n[[codes]]\ncode = \"X\"\nsystem = \"x\"\ntitle = \"x\"\nkinds = []\n",
    )
    .unwrap();
    let out = carepath(
        &["migrate", "--data-dir", dir.path().to_str().unwrap()],
        &[("CAREPATH_ACTIVITY_CODES", codes.to_str().unwrap())],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("CAREPATH_ACTIVITY_CODES") && stderr.contains("names no kind"),
        "{stderr}"
    );
    let help = carepath(&["--help"], &[]).output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    for command in ["serve", "demo", "migrate", "import"] {
        assert!(text.contains(command), "{text}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn verify_audit_passes_after_use_and_names_the_first_broken_entry_after_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    {
        let server = start(dir.path(), &[]);
        let cookie = sign_in(&server.base, "kliniker1");
        let (status, _) = get(&server.base, &cookie, "/klinikk");
        assert_eq!(status, 200);
    }
    let ok = carepath(&["admin", "verify-audit", "--data-dir", data], &[])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    // The demo's two signed letters and three research consents, pasient3's two sign-ups
    // for group courses and her attendance, three procedure registrations with their new
    // patients, and the five events of the visit.
    assert!(
        String::from_utf8_lossy(&ok.stdout).contains("The access log is intact: 19 events"),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    // Retention is opt-in, at least a year, and leaves recent events alone.
    let prune = |env: &[(&str, &str)]| {
        carepath(&["admin", "prune-audit", "--data-dir", data], env)
            .output()
            .unwrap()
    };
    let unset = prune(&[]);
    assert!(!unset.status.success());
    assert!(String::from_utf8_lossy(&unset.stderr).contains("CAREPATH_AUDIT_RETENTION_DAYS"));
    let short = prune(&[("CAREPATH_AUDIT_RETENTION_DAYS", "30")]);
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 365"));
    let year = prune(&[("CAREPATH_AUDIT_RETENTION_DAYS", "365")]);
    assert!(String::from_utf8_lossy(&year.stdout).contains("Removed 0"));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let key = std::fs::read_to_string(dir.path().join("carepath.key")).unwrap();
        let key = carepath_store::DataKey::from_base64(&key).unwrap();
        let store = carepath_store::Store::open_sqlite(&dir.path().join("carepath.db"), &key)
            .await
            .unwrap();
        store
            .execute_admin("UPDATE audit_events SET patient_id = NULL WHERE seq = 3")
            .await
            .unwrap();
        store.close().await;
    });
    let broken = carepath(&["admin", "verify-audit", "--data-dir", data], &[])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(!broken.status.success());
    assert!(
        stderr.contains("event 3") && stderr.contains("changed"),
        "{stderr}"
    );
}

#[test]
fn an_api_token_from_the_command_line_opens_the_fhir_api_until_it_is_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let server = start(dir.path(), &[]);
    let out = carepath(
        &[
            "admin",
            "create-token",
            "--user",
            "pasient2",
            "--data-dir",
            data_dir,
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert_eq!(token.lines().count(), 1, "one line: the token");

    let call = |token: &str| {
        let mut res = agent()
            .get(&format!("{}/fhir/Patient", server.base))
            .header("authorization", &format!("Bearer {token}"))
            .call()
            .unwrap();
        (
            res.status().as_u16(),
            res.body_mut().read_to_string().unwrap(),
        )
    };
    let (status, body) = call(&token);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"total\":1") && body.contains("Ola Demo Haugen"));

    let out = carepath(
        &[
            "admin",
            "revoke-tokens",
            "--user",
            "pasient2",
            "--data-dir",
            data_dir,
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Revoked 1 token"));
    assert_eq!(call(&token).0, 401);

    let out = carepath(
        &[
            "admin",
            "create-token",
            "--user",
            "nobody",
            "--data-dir",
            data_dir,
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no user `nobody`"));
}

#[test]
fn reset_password_prints_a_one_time_link_for_staff_and_refuses_patients() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    demo(data_dir, &[]);
    let env = [("CAREPATH_PUBLIC_URL", "https://carepath.example")];
    let out = carepath(
        &[
            "admin",
            "reset-password",
            "kliniker1",
            "--data-dir",
            data_dir,
        ],
        &env,
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8(out.stdout).unwrap();
    assert!(
        link.trim()
            .starts_with("https://carepath.example/logg-inn/nytt-passord/"),
        "{link}"
    );
    let out = carepath(
        &[
            "admin",
            "reset-password",
            "pasient1",
            "--data-dir",
            data_dir,
        ],
        &env,
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ID-porten"));

    // Record retention is opt-in, at least two years, and counts before it deletes.
    let prune = |env: &[(&str, &str)]| {
        carepath(&["admin", "prune-records", "--data-dir", data_dir], env)
            .output()
            .unwrap()
    };
    let unset = prune(&[]);
    assert!(!unset.status.success());
    assert!(String::from_utf8_lossy(&unset.stderr).contains("CAREPATH_RECORD_RETENTION_YEARS"));
    let short = prune(&[("CAREPATH_RECORD_RETENTION_YEARS", "1")]);
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 2 years"));
    let dry = prune(&[("CAREPATH_RECORD_RETENTION_YEARS", "10")]);
    assert!(
        String::from_utf8_lossy(&dry.stdout).contains("0 patient(s)"),
        "{}",
        String::from_utf8_lossy(&dry.stdout)
    );
}

#[test]
fn admin_tick_opens_the_tasks_that_are_due_once_and_explains_a_bad_time() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    demo(data_dir, &[]);
    let tick = |extra: &[&str]| {
        let mut args = vec!["admin", "tick", "--data-dir", data_dir];
        args.extend_from_slice(extra);
        carepath(&args, &[]).output().unwrap()
    };
    let opened = |out: &std::process::Output| -> u64 {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        text.split(": ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count in {text}"))
    };
    // The demo made today's tasks; nothing is due twice.
    assert_eq!(opened(&tick(&[])), 0, "a second pass makes nothing twice");
    // A week and a day on, the active patients' weekly diaries have opened.
    let week = (chrono::Utc::now() + chrono::Duration::days(8)).to_rfc3339();
    assert!(opened(&tick(&["--now", &week])) > 0);
    assert_eq!(opened(&tick(&["--now", &week])), 0);
    // A year on, everything still open has closed unanswered and the programs are over.
    let later = tick(&["--now", "2030-01-31T08:00:00+01:00"]);
    let text = String::from_utf8_lossy(&later.stdout).to_string();
    assert!(later.status.success(), "{text}");
    assert!(!text.contains(" 0 closed unanswered"), "{text}");

    let bad = tick(&["--now", "tomorrow"]);
    assert!(!bad.status.success());
    let why = String::from_utf8_lossy(&bad.stderr);
    assert!(why.contains("RFC 3339"), "{why}");
}

#[cfg(unix)]
#[test]
fn the_database_key_mail_folder_and_sms_log_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new").join("data");
    let data_dir = data.to_str().unwrap();
    demo(data_dir, &[]);
    // A week on, reminders have gone to the mail folder and the SMS log.
    let week = (chrono::Utc::now() + chrono::Duration::days(8)).to_rfc3339();
    let out = carepath(
        &["admin", "tick", "--data-dir", data_dir, "--now", &week],
        &[],
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let mut checked = vec![
        data.clone(),
        data.join("carepath.db"),
        data.join("carepath.key"),
    ];
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            checked.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
        checked.push(path);
    }
    assert!(
        checked.iter().any(|p| p.ends_with("sms.log"))
            && checked
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "eml")),
        "the tick delivered no reminder: {checked:?}"
    );
    for path in checked {
        let m = mode(&path);
        assert_eq!(m & 0o077, 0, "{} is {m:o}", path.display());
    }
}

/// A real SMTP server (aiosmtpd, from `tests/conformance/.venv`) writing each message
/// into a maildir; stopped when dropped.
struct SmtpServer(Child);

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_smtp(port: u16, maildir: &Path) -> SmtpServer {
    let python =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/.venv/bin/python");
    assert!(
        python.exists(),
        "the test SMTP server is missing: run `cargo xtask test`, which installs aiosmtpd into tests/conformance/.venv"
    );
    let child = Command::new(python)
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
            maildir.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = SmtpServer(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "aiosmtpd did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// Each message in the maildir with its Message-ID.
fn mails(maildir: &Path) -> Vec<(String, String)> {
    std::fs::read_dir(maildir.join("new"))
        .map(|d| {
            d.map(|f| {
                let mail = std::fs::read_to_string(f.unwrap().path()).unwrap();
                let id = mail
                    .lines()
                    .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                    .map(|l| l[11..].trim().to_owned())
                    .unwrap_or_else(|| panic!("no Message-ID in {mail}"));
                (id, mail)
            })
            .collect()
        })
        .unwrap_or_default()
}

/// The counts of `admin tick`'s outbox line: (delivered, failed, waiting).
fn outbox_counts(out: &std::process::Output) -> (u64, u64, u64) {
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let numbers: Vec<u64> = text
        .split("Outbox:")
        .nth(1)
        .unwrap_or_else(|| panic!("no outbox line in {text}"))
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1], numbers[2])
}

#[test]
fn reminders_wait_while_smtp_is_down_and_all_arrive_once_when_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let data = data_dir.to_str().unwrap();
    let port = free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let env = [
        ("CAREPATH_SMTP_URL", url.as_str()),
        (
            "CAREPATH_MAIL_FROM",
            "Sykehuset <ikke-svar@sykehus.example>",
        ),
        ("CAREPATH_PUBLIC_URL", "https://pasient.sykehus.example"),
    ];
    demo(data, &env);
    let tick = |at: chrono::DateTime<chrono::Utc>| {
        carepath(
            &[
                "admin",
                "tick",
                "--data-dir",
                data,
                "--now",
                &at.to_rfc3339(),
            ],
            &env,
        )
        .output()
        .unwrap()
    };
    // A week and a day on, the diaries have opened and their reminders are due; SMTP is
    // down, so every e-mail waits.
    let week = chrono::Utc::now() + chrono::Duration::days(8);
    let (delivered, failed, waiting) = outbox_counts(&tick(week));
    assert!(failed > 0, "e-mails were tried");
    assert_eq!(
        waiting, failed,
        "the SMS went to the log; every e-mail waits"
    );
    let sms_sent = delivered;

    // SMTP is back; after the back-off every waiting e-mail is delivered once.
    let maildir = dir.path().join("maildir");
    let _smtp = start_smtp(port, &maildir);
    let (delivered, failed, waiting) = outbox_counts(&tick(week + chrono::Duration::hours(2)));
    assert_eq!(
        (delivered, failed, waiting),
        (waiting + failed + delivered, 0, 0)
    );
    let mails = mails(&maildir);
    // Reminders that came due in those two hours (by the time of day the test runs) may
    // have gone by SMS as well.
    let sms = std::fs::read_to_string(data_dir.join("sms.log")).unwrap_or_default();
    let sms_now = sms.lines().count() as u64;
    assert!(sms_now >= sms_sent, "the log keeps what it had");
    assert_eq!(mails.len() as u64 + (sms_now - sms_sent), delivered);
    // pasient3's reminders (the only patient with a mobile) are in the nynorsk she chose.
    assert!(sms.contains("Du har ei oppgåve som ventar"), "{sms}");
    assert!(!sms.contains("Du har en oppgave"), "{sms}");
    let mut ids = std::collections::HashSet::new();
    for (id, mail) in &mails {
        assert!(ids.insert(id.clone()), "sent twice: {id}");
        // The body is quoted-printable: its soft line breaks may fall inside a link or a
        // phrase, wherever the line's length puts them.
        let body = mail.replace("=\r\n", "").replace("=\n", "");
        if mail.contains("vakt@demo.carepath.invalid") {
            // An alert escalated to the home follow-up centre: the unit, never the patient.
            assert!(body.contains("/klinikk/varsler"), "{mail}");
            assert!(!mail.contains("Demo"), "a patient in {mail}");
            continue;
        }
        assert!(mail.contains("@demo.carepath.invalid"));
        // pasient3 chose nynorsk; the others have bokmål.
        let nynorsk = mail.contains("pasient3@demo.carepath.invalid");
        if body.contains("https://pasient.sykehus.example/pasient/avtaler") {
            // An appointment reminder: the demo's appointments lie at times of day
            // relative to when it was made, so some come due in the test's window.
            assert_eq!(body.contains("Du har ein avtale"), nynorsk, "{mail}");
            assert_eq!(body.contains("Du har en avtale"), !nynorsk, "{mail}");
        } else {
            assert!(
                body.contains("https://pasient.sykehus.example/pasient/moduler"),
                "{mail}"
            );
            assert_eq!(body.contains("som ventar"), nynorsk, "{mail}");
            assert_eq!(body.contains("som venter"), !nynorsk, "{mail}");
        }
        for health in ["IBS", "Mage", "dagbok", "skjema"] {
            assert!(!body.contains(health), "{health} in {mail}");
        }
    }

    // Nothing is sent twice: another pass at the same time sends nothing again.
    let (delivered, _, waiting) = outbox_counts(&tick(week + chrono::Duration::hours(2)));
    assert_eq!((delivered, waiting), (0, 0));
}

#[test]
fn a_node_killed_while_delivering_loses_no_reminder_and_repeats_at_most_the_one_in_flight() {
    use carepath_domain::message::{Channel, Content};
    use carepath_store::outbox::NewMessage;
    const TOTAL: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let data = data_dir.to_str().unwrap();
    let port = free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let env = [
        ("CAREPATH_SMTP_URL", url.as_str()),
        ("CAREPATH_PUBLIC_URL", "https://pasient.sykehus.example"),
    ];
    demo(data, &env);
    // Many messages waiting, written as the binary would (same data directory and key).
    let ids: Vec<String> = {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let config = carepath::Config::load(
                None,
                &carepath::config::Overrides {
                    data_dir: Some(data_dir.clone()),
                    addr: None,
                },
            )
            .unwrap();
            let store = config.open_store(false).await.unwrap();
            let messages: Vec<NewMessage> = (0..TOTAL)
                .map(|n| {
                    NewMessage::new(
                        format!("test:{n}"),
                        None,
                        Channel::Email,
                        format!("mottaker{n}@example.no"),
                        Content::reminder("https://pasient.sykehus.example"),
                        carepath_domain::Lang::Nn,
                        "sykehus.example",
                    )
                })
                .collect();
            let now = carepath_domain::clock::Clock::now(&carepath_domain::clock::SystemClock);
            store.enqueue(&messages, now).await.unwrap();
            store.close().await;
            messages.into_iter().map(|m| m.message_id).collect()
        })
    };

    // A node delivers until it is killed in the middle.
    let maildir = dir.path().join("maildir");
    let _smtp = start_smtp(port, &maildir);
    let delivered = || mails(&maildir).len();
    {
        let mut server = start(&data_dir, &env);
        let deadline = Instant::now() + Duration::from_secs(60);
        while delivered() < 50 {
            assert!(Instant::now() < deadline, "the node delivered nothing");
            std::thread::sleep(Duration::from_millis(5));
        }
        server.child.kill().unwrap();
        server.child.wait().unwrap();
    }
    let at_kill = delivered();
    assert!(at_kill < TOTAL, "the kill came too late to test anything");

    // Another pass after the dead node's lease: everything is delivered.
    let later = chrono::Utc::now() + chrono::Duration::minutes(6);
    for _ in 0..5 {
        let out = carepath(
            &[
                "admin",
                "tick",
                "--data-dir",
                data,
                "--now",
                &later.to_rfc3339(),
            ],
            &env,
        )
        .output()
        .unwrap();
        if outbox_counts(&out).2 == 0 {
            break;
        }
    }
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (id, _) in mails(&maildir) {
        *seen.entry(id).or_default() += 1;
    }
    for id in &ids {
        assert!(seen.contains_key(id), "lost: {id}");
    }
    let repeated: usize = seen.values().map(|n| n - 1).sum();
    assert!(repeated <= 1, "{repeated} messages were sent twice");
}

#[test]
fn bootstrap_creates_the_first_administrator_once_with_a_one_time_link() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let env = [("CAREPATH_PUBLIC_URL", "https://carepath.example")];
    let bootstrap = |user: &str| {
        carepath(
            &[
                "admin",
                "bootstrap",
                "--user",
                user,
                "--name",
                "Ada Administrator",
                "--data-dir",
                data_dir,
            ],
            &env,
        )
        .output()
        .unwrap()
    };
    let bad = bootstrap("A");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("3 to 40 characters"));

    // An empty installation gets its administrator and the link, on the last line.
    let made = bootstrap("ada");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let out = String::from_utf8(made.stdout).unwrap();
    let link = out.lines().last().unwrap();
    assert!(
        link.starts_with("https://carepath.example/logg-inn/nytt-passord/"),
        "{out}"
    );

    // Once there is an administrator, never again: not under another name either.
    for user in ["ada", "eve"] {
        let again = bootstrap(user);
        assert!(!again.status.success(), "{user}");
        let said = String::from_utf8_lossy(&again.stderr);
        assert!(said.contains("has an administrator already"), "{said}");
    }
    // A demo installation has its administrator.
    let demo_dir = tempfile::tempdir().unwrap();
    let demo_dir = demo_dir.path().to_str().unwrap();
    demo(demo_dir, &[]);
    let refused = carepath(
        &[
            "admin",
            "bootstrap",
            "--user",
            "eve",
            "--name",
            "Eve",
            "--data-dir",
            demo_dir,
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(!refused.status.success());
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let out = carepath(&["--version"], &[]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.starts_with(&format!("carepath {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{said}"
    );
    // Built from this checkout, so it names its commit.
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    if let Some(head) = head {
        assert!(said.contains(&head), "{said} names {head}");
    }
}

#[test]
fn check_names_what_must_be_fixed_before_real_patients() {
    // The demo: a demo database, no public address, no ID-porten.
    let demo_dir = tempfile::tempdir().unwrap();
    let demo_dir = demo_dir.path().to_str().unwrap();
    demo(demo_dir, &[]);
    let out = carepath(&["admin", "check", "--data-dir", demo_dir], &[])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    for finding in [
        "FAIL this is a demo database",
        "FAIL CAREPATH_PUBLIC_URL is not set",
        "FAIL no ID-porten provider",
        "ok   there is an administrator",
    ] {
        assert!(said.contains(finding), "{finding}: {said}");
    }
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains("finding(s) must be fixed"), "{told}{said}");

    // Nothing installed yet: it says what to do, and makes nothing.
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let data = data_dir.to_str().unwrap();
    let out = carepath(&["admin", "check", "--data-dir", data], &[])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing is installed"));
    assert!(!data_dir.exists(), "a check changes nothing");

    // A new installation set up as the operator's guide says: only warnings are left.
    let config = dir.path().join("carepath.toml");
    std::fs::write(
        &config,
        "public_url = \"https://mage-tarm.example-hf.no\"\n\
         [[oidc]]\nname = \"idporten\"\nlabel = \"ID-porten\"\nprofile = \"patient\"\n\
         issuer = \"https://idporten.example\"\nclient_id = \"carepath\"\nclient_secret = \"s\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let made = carepath(
        &[
            "admin",
            "bootstrap",
            "--user",
            "ada",
            "--name",
            "Ada",
            "--data-dir",
            data,
            "--config",
            config,
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let unit = carepath(
        &[
            "admin",
            "add-unit",
            "--organization",
            "Helse Vest HF",
            "--name",
            "Mage-tarm-poliklinikken",
            "--data-dir",
            data,
        ],
        &[],
    )
    .output()
    .unwrap();
    assert!(
        unit.status.success(),
        "{}",
        String::from_utf8_lossy(&unit.stderr)
    );
    let out = carepath(
        &["admin", "check", "--data-dir", data, "--config", config],
        &[],
    )
    .output()
    .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!said.contains("FAIL"), "{said}");
    assert!(said.contains("warn CAREPATH_SMTP_URL is not set"), "{said}");
    assert!(said.contains("readable by its owner only"), "{said}");

    // A data key others can read must be fixed.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = data_dir.join("carepath.key");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = carepath(
            &["admin", "check", "--data-dir", data, "--config", config],
            &[],
        )
        .output()
        .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("chmod 600"));
    }
}

#[test]
fn add_unit_makes_the_hospital_and_a_unit_offering_an_imported_program() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let data = data_dir.to_str().unwrap();
    let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/ibs-school");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--data-dir", data]);
        carepath(&all, &[]).output().unwrap()
    };
    let add = |unit: &str, program: &str| {
        run(&[
            "admin",
            "add-unit",
            "--organization",
            "Helse Vest HF",
            "--name",
            unit,
            "--program",
            program,
        ])
    };
    // A program must be imported before a unit offers it; nothing is added meanwhile.
    let early = add("Mage-tarm-poliklinikken", "ibs-school");
    assert!(!early.status.success());
    assert!(String::from_utf8_lossy(&early.stderr).contains("carepath import"));
    assert!(run(&["import", package.to_str().unwrap()]).status.success());
    let added = add("Mage-tarm-poliklinikken", "ibs-school");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(String::from_utf8_lossy(&added.stdout).contains("offering ibs-school"));
    // The same unit twice is refused; a second unit joins the same hospital.
    let twice = add("Mage-tarm-poliklinikken", "ibs-school");
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already"));
    assert!(add("Barne-poliklinikken", "ibs-school").status.success());
    // The units are there to add staff to: the check counts them as installed.
    let check = run(&["admin", "check"]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(said.contains("there is no administrator"), "{said}");
    assert!(said.contains("ok   2 unit(s)"), "{said}");
    assert!(!said.contains("FAIL this is a demo database"), "{said}");
}

/// Runs `carepath` and fails the test with its error output when it fails.
fn succeeds(args: &[&str], env: &[(&str, &str)]) -> String {
    let out = carepath(args, env).output().unwrap();
    assert!(
        out.status.success(),
        "carepath {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `carepath`, which must fail, and returns what it said on stderr.
fn fails(args: &[&str], env: &[(&str, &str)]) -> String {
    let out = carepath(args, env).output().unwrap();
    assert!(!out.status.success(), "carepath {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

/// A bearer token for `user` and the id of the first patient that user reaches.
fn clinician_api(base: &str, data_dir: &str, env: &[(&str, &str)]) -> (String, String) {
    let token = succeeds(
        &[
            "admin",
            "create-token",
            "--user",
            "kliniker1",
            "--data-dir",
            data_dir,
        ],
        env,
    )
    .trim()
    .to_owned();
    let mut res = agent()
        .get(&format!("{base}/fhir/Patient?_count=1"))
        .header("authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let body: serde_json::Value =
        serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    let patient = body["entry"][0]["resource"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (token, patient)
}

/// Posts heart rates for a patient through the FHIR API from a thread of its own,
/// recording each id the server acknowledged (201), until stopped.
struct Writer {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    acknowledged: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    thread: std::thread::JoinHandle<()>,
}

impl Writer {
    /// Starts writing, and returns once `first` writes were acknowledged.
    fn start(base: &str, token: &str, patient: &str, first: usize) -> Self {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (base, token, patient) = (base.to_owned(), token.to_owned(), patient.to_owned());
        let (until, ids) = (stop.clone(), acknowledged.clone());
        let thread = std::thread::spawn(move || {
            let mut i = 0;
            while !until.load(std::sync::atomic::Ordering::SeqCst) {
                i += 1;
                let body = format!(
                    r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"8867-4"}}]}},"subject":{{"reference":"Patient/{patient}"}},"effectiveDateTime":"2026-01-01T10:00:00Z","valueQuantity":{{"value":{},"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}}}"#,
                    60 + i % 40
                );
                let mut res = agent()
                    .post(&format!("{base}/fhir/Observation"))
                    .header("authorization", &format!("Bearer {token}"))
                    .header("content-type", "application/fhir+json")
                    .send(body.as_bytes())
                    .unwrap();
                let text = res.body_mut().read_to_string().unwrap();
                assert_eq!(res.status().as_u16(), 201, "{text}");
                let made: serde_json::Value = serde_json::from_str(&text).unwrap();
                ids.lock()
                    .unwrap()
                    .push(made["id"].as_str().unwrap().to_owned());
            }
        });
        let writer = Self {
            stop,
            acknowledged,
            thread,
        };
        while writer.so_far().len() < first {
            std::thread::sleep(Duration::from_millis(20));
        }
        writer
    }

    /// The ids acknowledged so far, in order.
    fn so_far(&self) -> Vec<String> {
        self.acknowledged.lock().unwrap().clone()
    }

    /// Stops, and returns every id acknowledged.
    fn stop(self) -> Vec<String> {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let Self {
            acknowledged,
            thread,
            ..
        } = self;
        thread.join().unwrap();
        acknowledged.lock().unwrap().clone()
    }
}

/// How many heart rates `patient` has, and whether each of `ids` is readable.
fn measured(base: &str, token: &str, patient: &str, ids: &[String]) -> u64 {
    for id in ids {
        let res = agent()
            .get(&format!("{base}/fhir/Observation/{id}"))
            .header("authorization", &format!("Bearer {token}"))
            .call()
            .unwrap();
        assert_eq!(
            res.status(),
            200,
            "the acknowledged measurement {id} is missing"
        );
    }
    let mut res = agent()
        .get(&format!(
            "{base}/fhir/Observation?subject=Patient/{patient}&code=8867-4&_summary=count"
        ))
        .header("authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let body: serde_json::Value =
        serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    body["total"].as_u64().unwrap()
}

const PASSPHRASE: &str = "correct horse battery staple";

/// Fills an installation (the demo, then measurements written while the backup runs),
/// backs it up, and checks that a wrong passphrase, a damaged file and a used folder are
/// refused without leaving anything, and that the restore holds every write acknowledged
/// before the backup began and a verified access log. `restore_to` is the empty database
/// for a backup of PostgreSQL.
fn backup_while_writing(live_env: &[(&str, &str)], restore_to: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    let live_dir = live.to_str().unwrap();
    let file = dir.path().join("carepath.backup");
    let backup_file = file.to_str().unwrap();
    let server = start(&live, live_env);
    let (token, patient) = clinician_api(&server.base, live_dir, live_env);
    let before_writes = measured(&server.base, &token, &patient, &[]);
    let writer = Writer::start(&server.base, &token, &patient, 20);
    let before = writer.so_far();
    let mut env = live_env.to_vec();
    env.push(("CAREPATH_BACKUP_PASSPHRASE", PASSPHRASE));
    let said = succeeds(
        &["backup", "--out", backup_file, "--data-dir", live_dir],
        &env,
    );
    let during = writer.so_far().len();
    writer.stop();
    drop(server);
    assert!(
        said.contains("Wrote") && said.contains("the data key"),
        "{said}"
    );
    assert!(
        during > before.len(),
        "the writer kept writing during the backup"
    );

    // Listed without the passphrase; the key is not in the file in the clear; a second
    // backup to the same name is refused.
    let list = succeeds(&["backup", "--list", backup_file], &[]);
    assert!(
        list.contains("observations") && list.contains("encrypted with the passphrase"),
        "{list}"
    );
    let bytes = std::fs::read(&file).unwrap();
    let key = match live_env.iter().find(|(k, _)| *k == "CAREPATH_DATA_KEY") {
        Some((_, key)) => (*key).to_owned(),
        None => std::fs::read_to_string(live.join("carepath.key")).unwrap(),
    };
    assert!(!String::from_utf8_lossy(&bytes).contains(key.trim()));
    assert!(
        fails(
            &["backup", "--out", backup_file, "--data-dir", live_dir],
            &env
        )
        .contains("already exists")
    );

    let restored = dir.path().join("restored");
    let restored_dir = restored.to_str().unwrap();
    let mut restore: Vec<&str> = vec!["restore", backup_file, "--data-dir", restored_dir];
    if let Some(url) = restore_to {
        restore.extend(["--database-url", url]);
    }
    let nothing_left = || {
        assert!(!restored.exists(), "a failed restore left the folder");
        let debris: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("restoring"))
            .collect();
        assert!(debris.is_empty(), "a failed restore left {debris:?}");
    };
    let wrong = fails(
        &restore,
        &[("CAREPATH_BACKUP_PASSPHRASE", "not the passphrase at all")],
    );
    assert!(wrong.contains("passphrase does not open"), "{wrong}");
    nothing_left();
    let pass = [("CAREPATH_BACKUP_PASSPHRASE", PASSPHRASE)];
    for (what, damaged) in [
        ("flipped", {
            let mut b = bytes.clone();
            let at = b.len() / 2;
            b[at] ^= 0x40;
            b
        }),
        ("cut", bytes[..bytes.len() - 100].to_vec()),
    ] {
        std::fs::write(&file, &damaged).unwrap();
        let said = fails(&restore, &pass);
        assert!(said.contains("damaged"), "{what}: {said}");
        nothing_left();
    }
    std::fs::write(&file, &bytes).unwrap();
    std::fs::create_dir(&restored).unwrap();
    std::fs::write(restored.join("note.txt"), "in use").unwrap();
    assert!(fails(&restore, &pass).contains("is not empty"));
    std::fs::remove_dir_all(&restored).unwrap();

    let said = succeeds(&restore, &pass);
    assert!(said.contains("The access log is intact"), "{said}");
    let mut restored_env: Vec<(&str, &str)> = Vec::new();
    if let Some(url) = restore_to {
        restored_env.push(("CAREPATH_DATABASE_URL", url));
    }
    let audit = succeeds(
        &["admin", "verify-audit", "--data-dir", restored_dir],
        &restored_env,
    );
    assert!(audit.contains("intact"), "{audit}");
    let server = start(&restored, &restored_env);
    let found = measured(&server.base, &token, &patient, &before);
    assert!(
        found >= before_writes + before.len() as u64 && found <= before_writes + during as u64,
        "{found} measurements after the restore; {} before the backup, {during} when it ended",
        before.len()
    );
    // The restored key and database are readable by their owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(restored.join("carepath.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the restored key is open to others");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the backup is open to others");
    }
}

#[test]
fn a_sqlite_backup_taken_while_writing_restores_every_acknowledged_write() {
    backup_while_writing(&[], None);
}

/// A new, empty PostgreSQL database for a test, dropped with the returned guard.
struct TestDatabase {
    server: String,
    name: String,
    url: String,
}

impl TestDatabase {
    fn new(server: &str, name: &str) -> Self {
        let name = format!("{name}_{}", std::process::id());
        let _ = Command::new("psql")
            .args([server, "-qc", &format!("DROP DATABASE IF EXISTS {name}")])
            .stderr(Stdio::null())
            .status();
        let created = Command::new("psql")
            .args([server, "-qc", &format!("CREATE DATABASE {name}")])
            .status();
        assert!(
            created.is_ok_and(|s| s.success()),
            "psql must be able to create a test database"
        );
        Self {
            server: server.to_owned(),
            url: replace_database(server, &name),
            name,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                self.server.as_str(),
                "-qc",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            ])
            .stderr(Stdio::null())
            .status();
    }
}

#[test]
fn a_postgres_backup_taken_while_writing_restores_every_acknowledged_write() {
    let Some(server) = carepath_test_support::postgres_url() else {
        return;
    };
    let live = TestDatabase::new(&server, "smoke_backup_live");
    let target = TestDatabase::new(&server, "smoke_backup_restored");
    let key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    let env = [
        ("CAREPATH_DATABASE_URL", live.url.as_str()),
        ("CAREPATH_DATA_KEY", key),
    ];
    succeeds(&["migrate"], &env);
    backup_while_writing(&env, Some(&target.url));
}

#[test]
fn migrate_to_moves_a_filled_sqlite_installation_to_postgres_whole() {
    let Some(server) = carepath_test_support::postgres_url() else {
        return;
    };
    let target = TestDatabase::new(&server, "smoke_migrate_to");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let (token, patient, ids) = {
        let server = start(dir.path(), &[]);
        let (token, patient) = clinician_api(&server.base, data, &[]);
        let ids = Writer::start(&server.base, &token, &patient, 10).stop();
        (token, patient, ids)
    };
    let in_sqlite = {
        let server = start(dir.path(), &[]);
        measured(&server.base, &token, &patient, &ids)
    };
    let list = |env: &[(&str, &str)]| succeeds(&["admin", "verify-audit", "--data-dir", data], env);
    let sqlite_audit = list(&[]);

    let migrate = [
        "migrate-to",
        "--database-url",
        &target.url,
        "--data-dir",
        data,
    ];
    let said = succeeds(&migrate, &[]);
    assert!(said.contains("every table holds as many rows"), "{said}");
    assert!(said.contains("The access log is intact"), "{said}");
    // A second move into the same database is refused, and changes nothing there.
    let again = fails(&migrate, &[]);
    assert!(again.contains("not empty"), "{again}");

    let env = [("CAREPATH_DATABASE_URL", target.url.as_str())];
    let pg_audit = list(&env);
    // Every event with its hash: the same count of events in the same chains.
    assert_eq!(pg_audit, sqlite_audit);
    let server = start(dir.path(), &env);
    assert_eq!(measured(&server.base, &token, &patient, &ids), in_sqlite);
    let cookie = sign_in(&server.base, "pasient2");
    let (_, page) = get(&server.base, &cookie, "/pasient/moduler");
    assert!(page.contains("1 av 3 sider lest"), "{page}");
}
