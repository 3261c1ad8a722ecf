//! The release `carepath` binary as its own process: `CAREPATH_BIN` names it (`cargo
//! xtask bench` builds it). Loopback only.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};

pub fn bin() -> PathBuf {
    std::env::var("CAREPATH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/carepath")
        })
}

/// Runs `carepath ARGS --data-dir DIR` (on `db_url` when given) and returns its output.
pub fn carepath(dir: &Path, db_url: Option<&str>, args: &[&str]) -> anyhow::Result<String> {
    output(args, command(dir, db_url, args, &[]).output())
}

/// `carepath ARGS --data-dir DIR` with `env` set, not yet started.
pub fn command(dir: &Path, db_url: Option<&str>, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .arg("--data-dir")
        .arg(dir)
        .env("CAREPATH_LOG", "warn")
        .envs(env.iter().copied());
    if let Some(url) = db_url {
        cmd.env("CAREPATH_DATABASE_URL", url);
    }
    cmd
}

/// What a finished `carepath ARGS` printed, or why it failed.
pub fn output(args: &[&str], out: std::io::Result<std::process::Output>) -> anyhow::Result<String> {
    let out = out.with_context(|| format!("run {} (set CAREPATH_BIN)", bin().display()))?;
    if !out.status.success() {
        bail!(
            "carepath {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// A process's resident memory now, in KiB (0 when it cannot be read).
pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

/// A running `carepath serve`, stopped when dropped.
#[derive(Debug)]
pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `carepath serve` on a free loopback port and waits until it answers.
pub async fn start(dir: &Path, db_url: Option<&str>) -> anyhow::Result<Server> {
    start_limited(dir, db_url, None).await
}

/// [`start`], with the largest file the server may write limited to `max_file_kib` (as
/// `ulimit -S -f` sets it, with `SIGXFSZ` ignored so that a write past it fails the way a
/// write to a full disk does); `prlimit` lifts it from outside.
pub async fn start_limited(
    dir: &Path,
    db_url: Option<&str>,
    max_file_kib: Option<u64>,
) -> anyhow::Result<Server> {
    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    let mut cmd = match max_file_kib {
        None => Command::new(bin()),
        Some(kib) => {
            let mut c = Command::new("bash");
            c.arg("-c")
                .arg(format!(
                    "trap '' XFSZ; ulimit -S -f {kib}; exec \"$0\" \"$@\""
                ))
                .arg(bin());
            c
        }
    };
    cmd.args(["serve", "--addr", &addr])
        .arg("--data-dir")
        .arg(dir)
        .env("CAREPATH_LOG", "warn")
        .env("CAREPATH_PUBLIC_URL", format!("http://{addr}"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    if let Some(url) = db_url {
        cmd.env("CAREPATH_DATABASE_URL", url);
    }
    let server = Server {
        child: cmd.spawn()?,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client
            .get(format!("{}/healthz", server.base))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Ok(server);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("the server did not start")
}

/// A new empty database `name` beside the one `admin` names (dropped first if it is
/// there), and its address.
pub async fn fresh_postgres(admin: &str, name: &str) -> anyhow::Result<String> {
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(admin).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut c)
    .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut c)
        .await?;
    let (base, _) = admin
        .split('?')
        .next()
        .unwrap_or(admin)
        .rsplit_once('/')
        .context("TEST_DATABASE_URL has no database name")?;
    Ok(format!("{base}/{name}"))
}
