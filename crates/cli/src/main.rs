//! `carepath`: the one binary. See `carepath --help` and docs/cli.md.

use std::path::PathBuf;
use std::process::ExitCode;

use carepath::config::{Config, Overrides};
use carepath::run;
use clap::{Args, Parser, Subcommand};

use carepath::VERSION;

/// carepath: an open platform for digital treatment programs, home follow-up and courses.
///
/// Data lives in SQLite in the data directory unless CAREPATH_DATABASE_URL names a
/// PostgreSQL server. A flag wins over the environment, which wins over the config file.
#[derive(Debug, Parser)]
#[command(name = "carepath", version = VERSION, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Common {
    /// Folder for the SQLite database and the data key [default: ./data]
    #[arg(long, value_name = "DIR", global = true)]
    data_dir: Option<PathBuf>,
    /// TOML configuration file (also CAREPATH_CONFIG)
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the pages, the FHIR API and the health check, and run the background work
    ///
    /// Each background job runs on its own, so a slow one never delays another: the
    /// scheduler (with appointments' reminders a day before) and alert escalation every
    /// minute, the check for missing measurements and for messages unanswered past the
    /// program's working days every 15 minutes, letters to GPs set every 30 seconds, the
    /// outbox (invitations, reminders, message and appointment notices, escalations,
    /// letters) every five seconds.
    /// SQLite databases are created and migrated at start. With --demo, an empty
    /// database is filled with demo data and demo sign-in (username only) is enabled;
    /// a database that was not created as a demo database is refused.
    Serve {
        /// Address to listen on [default: 127.0.0.1:8080]
        #[arg(long, value_name = "HOST:PORT")]
        addr: Option<String>,
        /// Load demo data into an empty database and enable demo sign-in
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Create a demo database: a hospital, two units, staff and patients in every state.
    /// With --cohort N, also N synthetic IBS-school patients over the last six years
    /// (for outcome reports and research; needs an empty data directory)
    Demo {
        /// Add a synthetic IBS-school cohort of this many patients
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        cohort: Option<u32>,
        /// The cohort's random seed: the same seed gives the same data [default: 1]
        #[arg(long, value_name = "S", requires = "cohort")]
        seed: Option<u64>,
        #[command(flatten)]
        common: Common,
    },
    /// Apply database migrations (done automatically at start on SQLite)
    Migrate {
        #[command(flatten)]
        common: Common,
    },
    /// Administrative tasks
    Admin {
        #[command(subcommand)]
        task: AdminTask,
    },
    /// Write an encrypted backup, or list what one holds (--list)
    ///
    /// One file holds the database as of one moment (taken while carepath runs: SQLite's
    /// backup API, or one repeatable-read transaction on PostgreSQL), the data key and the
    /// other files of the data directory (mail and letters waiting, the SMS log). It is
    /// encrypted with a passphrase from CAREPATH_BACKUP_PASSPHRASE, or asked for at the
    /// terminal; the file and the passphrase together restore everything. --list shows
    /// the row counts and file sizes, which hold no patient data, without the passphrase.
    Backup {
        /// The new backup file (an existing file is never overwritten)
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "list",
            conflicts_with = "list"
        )]
        out: Option<PathBuf>,
        /// Show what the backup FILE holds, without decrypting it
        #[arg(long, value_name = "FILE")]
        list: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Restore a backup into a new or empty data directory
    ///
    /// A backup of SQLite becomes DIR/carepath.db; a backup of PostgreSQL needs an empty
    /// database (--database-url; its schema must hold no table). The data key and the
    /// files go into DIR. Everything is read, decrypted and counted before anything is put
    /// in place, so a wrong passphrase or a damaged file leaves DIR and the database as
    /// they were. The access log is verified at the end.
    Restore {
        /// The backup file
        file: PathBuf,
        /// The data directory to restore into; it must not exist or be empty
        #[arg(long, value_name = "DIR")]
        data_dir: PathBuf,
        /// The empty PostgreSQL database for a backup of PostgreSQL
        #[arg(long, value_name = "URL")]
        database_url: Option<String>,
    },
    /// Move a SQLite installation to an empty PostgreSQL database
    ///
    /// Copies every table (records, history, the access log with its hashes) in one
    /// transaction, checks each table's count before it commits, then verifies the access
    /// log on PostgreSQL. Stop `carepath serve` first: what is written after the copy
    /// starts stays in SQLite. The data key and the files stay in the data directory.
    MigrateTo {
        /// The empty PostgreSQL database, postgres://...
        #[arg(long, value_name = "URL")]
        database_url: String,
        #[command(flatten)]
        common: Common,
    },
    /// Import a program or course package (a folder or a .zip)
    ///
    /// A package with `course.toml` is a course, one with `program.toml` a program.
    /// Every problem is reported at once with file and line, and nothing is imported
    /// unless the whole package is valid. A changed package becomes a new version;
    /// enrollments stay on the version they started on. Questionnaire expressions
    /// carepath keeps but does not evaluate yet are listed as `note:` lines.
    Import {
        /// The package folder or .zip file
        path: PathBuf,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Debug, Subcommand)]
enum AdminTask {
    /// Verify the access log's hash chains
    ///
    /// Exits non-zero and names the first broken entry (chain and sequence number) when
    /// an event was changed, removed or cut from the end.
    VerifyAudit {
        #[command(flatten)]
        common: Common,
    },
    /// Remove access-log events older than CAREPATH_AUDIT_RETENTION_DAYS
    ///
    /// Each chain keeps the hash of the last removed event as a checkpoint sealed with
    /// the data key, so `verify-audit` still checks everything that remains.
    PruneAudit {
        #[command(flatten)]
        common: Common,
    },
    /// Delete patients whose treatment ended more than CAREPATH_RECORD_RETENTION_YEARS ago
    ///
    /// Only patients with no open enrollment and nothing new since the cutoff. Without
    /// --yes it only counts them. Each deletion is in the access log; the log itself is
    /// pruned by `prune-audit`.
    PruneRecords {
        /// Delete; without it, only say how many would go
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Print a bearer token for the FHIR API with USERNAME's rights
    ///
    /// The token is shown once and stored only as a hash. It expires after
    /// CAREPATH_TOKEN_DAYS days (default 30); `revoke-tokens` ends it earlier.
    CreateToken {
        /// The user whose rights the token carries
        #[arg(long, value_name = "USERNAME")]
        user: String,
        #[command(flatten)]
        common: Common,
    },
    /// Print a one-time link for a staff member to set their password
    ///
    /// The link works once, for 24 hours, and is the only way to set a local password
    /// (staff without HelseID). Setting it ends the user's sessions. Patients sign in
    /// through ID-porten and get no password.
    ResetPassword {
        /// The staff member's username
        #[arg(value_name = "USERNAME")]
        user: String,
        #[command(flatten)]
        common: Common,
    },
    /// Run every background job once, in order: scheduler, missing data, escalation,
    /// appointment reminders, letters, outbox
    ///
    /// Makes the tasks whose time has come, marks unanswered ones overdue, closes those
    /// whose window has passed and queues their reminders, and the reminders of
    /// appointments within a day; sets signed letters to GPs; raises the alerts of the
    /// programs' rules on unanswered forms, missing measurements and messages unanswered
    /// past the program's working days, and escalates alerts left unacknowledged to their
    /// unit's alert address; then delivers what waits in
    /// the outbox (e-mail by CAREPATH_SMTP_URL, else into DATA_DIR/mail/; SMS into
    /// DATA_DIR/sms.log). `carepath serve` does this continuously. With --now it
    /// pretends it is that time, for trying out a program's schedule.
    Tick {
        /// The time to act as, RFC 3339 (e.g. 2027-01-31T08:00:00+01:00); default now
        #[arg(long, value_name = "RFC3339")]
        now: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Create the first administrator of a new installation and print their one-time link
    ///
    /// The link sets the password and works once, for 24 hours; the first sign-in then
    /// sets up the second factor. Refused once anyone is an administrator: after that,
    /// administrators add staff on the staff page, and `reset-password` prints a new link.
    Bootstrap {
        /// The administrator's username (3-40 of a-z, 0-9, `.`, `_`, `-`)
        #[arg(long, value_name = "USERNAME")]
        user: String,
        /// Their full name, as shown in the access log
        #[arg(long, value_name = "NAME")]
        name: String,
        #[command(flatten)]
        common: Common,
    },
    /// Add a unit to the hospital, offering imported programs
    ///
    /// The hospital is created the first time it is named. Import the programs first
    /// (`carepath import`); the unit offers each --program given (by its key, e.g.
    /// ibs-school). Then an administrator adds the unit's staff on the staff page.
    AddUnit {
        /// The hospital's name (e.g. "Helse Bergen HF")
        #[arg(long, value_name = "NAME")]
        organization: String,
        /// The unit's name (e.g. "Mage-tarm-poliklinikken")
        #[arg(long, value_name = "NAME")]
        name: String,
        /// A program the unit offers, by its key; repeat for several
        #[arg(long = "program", value_name = "KEY")]
        programs: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Report what is missing or unsafe before real patients are let in
    ///
    /// Reads the configuration, the files and the database, and changes nothing: the
    /// public address (https), where serve listens, the data key (present, readable by
    /// its owner only), the database (reachable, migrated, not a demo, with an
    /// administrator and a unit), e-mail, ID-porten and HelseID, letters to GPs, and retention.
    /// Each line is `ok`, `warn` or `FAIL`; it exits non-zero when anything must be fixed.
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Revoke every API token of USERNAME at once
    RevokeTokens {
        /// The user whose tokens end
        #[arg(long, value_name = "USERNAME")]
        user: String,
        #[command(flatten)]
        common: Common,
    },
}

/// glibc gives every thread that allocates an arena of its own, up to eight per core, and
/// keeps freed memory in each: under load the runtime's blocking threads (the SQLite
/// readers) held sixteen of them, 10-15 MiB more than the server needs. One arena per
/// core does not slow it (decision 0062); `MALLOC_ARENA_MAX`, when set, is glibc's own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn limit_allocator_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
    // SAFETY: `mallopt` only sets a parameter of glibc's allocator, and it is called
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_allocator_arenas() {}

fn main() -> ExitCode {
    limit_allocator_arenas();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CAREPATH_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(execute(cli.command)) {
        Ok(Some(message)) => {
            #[allow(clippy::print_stdout)]
            {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(command: Command) -> anyhow::Result<Option<String>> {
    let load = |common: &Common, addr: Option<String>| {
        Config::load(
            common.config.as_deref(),
            &Overrides {
                data_dir: common.data_dir.clone(),
                addr,
            },
        )
    };
    match command {
        Command::Serve { addr, demo, common } => {
            run::serve(&load(&common, addr)?, demo).await?;
            Ok(None)
        }
        Command::Demo {
            cohort,
            seed,
            common,
        } => run::create_demo(
            &load(&common, None)?,
            cohort.map(|n| (n, seed.unwrap_or(1))),
        )
        .await
        .map(Some),
        Command::Migrate { common } => run::migrate(&load(&common, None)?).await.map(Some),
        Command::Admin {
            task: AdminTask::VerifyAudit { common },
        } => run::verify_audit(&load(&common, None)?).await.map(Some),
        Command::Admin {
            task: AdminTask::CreateToken { user, common },
        } => run::create_token(&load(&common, None)?, &user)
            .await
            .map(Some),
        Command::Admin {
            task: AdminTask::PruneRecords { yes, common },
        } => run::prune_records(&load(&common, None)?, yes)
            .await
            .map(Some),
        Command::Admin {
            task: AdminTask::PruneAudit { common },
        } => run::prune_audit(&load(&common, None)?).await.map(Some),
        Command::Admin {
            task: AdminTask::ResetPassword { user, common },
        } => run::reset_password(&load(&common, None)?, &user)
            .await
            .map(Some),
        Command::Admin {
            task: AdminTask::Tick { now, common },
        } => run::tick(&load(&common, None)?, now.as_deref())
            .await
            .map(Some),
        Command::Admin {
            task: AdminTask::Bootstrap { user, name, common },
        } => run::bootstrap(&load(&common, None)?, &user, &name)
            .await
            .map(Some),
        Command::Admin {
            task:
                AdminTask::AddUnit {
                    organization,
                    name,
                    programs,
                    common,
                },
        } => run::add_unit(&load(&common, None)?, &organization, &name, &programs)
            .await
            .map(Some),
        Command::Admin {
            task: AdminTask::Check { common },
        } => {
            let (report, failures) = carepath::check::check(&load(&common, None)?).await;
            #[allow(clippy::print_stdout)]
            {
                println!("{report}");
            }
            match failures {
                0 => Ok(Some(
                    "Nothing must be fixed; read the warnings before real patients are let in."
                        .to_owned(),
                )),
                n => anyhow::bail!("{n} finding(s) must be fixed before real patients are let in"),
            }
        }
        Command::Admin {
            task: AdminTask::RevokeTokens { user, common },
        } => run::revoke_tokens(&load(&common, None)?, &user)
            .await
            .map(Some),
        Command::Backup {
            list: Some(file), ..
        } => carepath::backup::list(&file).map(Some),
        Command::Backup {
            out: Some(out),
            common,
            ..
        } => carepath::backup::write(&load(&common, None)?, &out)
            .await
            .map(Some),
        Command::Backup { .. } => anyhow::bail!("give --out FILE, or --list FILE"),
        Command::Restore {
            file,
            data_dir,
            database_url,
        } => carepath::backup::restore(&file, &data_dir, database_url.as_deref())
            .await
            .map(Some),
        Command::MigrateTo {
            database_url,
            common,
        } => carepath::backup::migrate_to(&load(&common, None)?, &database_url)
            .await
            .map(Some),
        Command::Import { path, common } => {
            run::import(&load(&common, None)?, &path).await.map(Some)
        }
    }
}
