//! The commands behind `carepath serve | demo | migrate | import | admin`.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use carepath_domain::clock::{Clock, SystemClock};
use carepath_package::PackageFiles;
use carepath_web::{AppState, Shared, WebConfig};

use crate::{Config, demo};

/// `carepath serve`: pages, health check and background work until stopped.
pub async fn serve(config: &Config, demo_flag: bool) -> anyhow::Result<()> {
    let store = config.open_store(false).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    if demo_flag {
        if demo::create(&store, clock.as_ref(), &config.public_url()).await? {
            tracing::info!("created a demo database with demo data");
        } else if !store.is_demo().await? {
            bail!(
                "--demo only works on a database created as a demo database (carepath demo, or an empty --data-dir)"
            );
        }
    }
    let addr = config.addr()?;
    let background = crate::jobs::spawn_all(
        store.clone(),
        clock.clone(),
        config.public_url(),
        crate::jobs::Delivery::from_config(config)?,
    );
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let state = AppState::new(Shared {
        stopping,
        store: store.clone(),
        clock,
        config: Arc::new(WebConfig {
            demo_sign_in: demo_flag,
            secure_cookies: config.https(),
            session_lifetime: chrono::Duration::hours(config.session_hours.into()),
            session_idle: chrono::Duration::minutes(config.session_idle_minutes.into()),
            public_url: config.public_url(),
            sign_in_burst: 20,
            trusted_proxies: config.trusted_proxies()?.into(),
            activity_codes: Arc::new(config.activity_codes()?),
            video: config.video(demo_flag)?,
        }),
        oidc: Arc::new(carepath_web::oidc::Oidc::new(
            config.oidc.clone(),
            &config.public_url(),
        )),
    });
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!("cannot listen on {addr}; is another program using it? Choose another with --addr")
    })?;
    tracing::info!(%addr, demo = demo_flag, "carepath is listening");
    // Shown on the terminal for the person who started it, not only in the log.
    eprintln!(
        "carepath is running at http://{addr}/{}",
        if demo_flag {
            " (demo: sign in as pasient1 or kliniker1)"
        } else {
            ""
        }
    );
    axum::serve(
        listener,
        carepath_web::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    })
    .await?;
    for job in &background {
        job.abort();
    }
    store.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down");
}

/// `carepath demo`: creates (or leaves in place) a demo database.
pub async fn create_demo(config: &Config, cohort: Option<(u32, u64)>) -> anyhow::Result<String> {
    let store = config.open_store(true).await?;
    if cohort.is_some() && !store.is_empty().await? {
        store.close().await;
        bail!(
            "a cohort is made only in an empty data directory; choose another --data-dir (or remove this one's database)"
        );
    }
    let created = demo::create(&store, &SystemClock, &config.public_url()).await?;
    if let Some((n, seed)) = cohort {
        let now = SystemClock.now();
        let mut shown = 0;
        demo::cohort::add(&store, now, n, seed, &mut |done, of| {
            // About every 5 %, and the last.
            if done == of || u64::from(done) * 20 / u64::from(of) > shown {
                shown = u64::from(done) * 20 / u64::from(of);
                eprintln!("Cohort: {done} of {of} patients");
            }
        })
        .await?;
    }
    store.close().await;
    Ok(match (created, cohort) {
        (true, Some((n, seed))) => format!(
            "Created a demo database with a synthetic cohort of {n} patients (seed {seed}). Start it with: carepath serve --demo"
        ),
        (true, None) => "Created a demo database. Start it with: carepath serve --demo".to_owned(),
        (false, _) => "The demo database already exists; nothing was changed.".to_owned(),
    })
}

/// `carepath migrate`.
pub async fn migrate(config: &Config) -> anyhow::Result<String> {
    let store = config.open_store(true).await?;
    store.close().await;
    Ok("The database is up to date.".to_owned())
}

/// `carepath import PATH`: all problems at once, nothing half-imported.
pub async fn import(config: &Config, path: &Path) -> anyhow::Result<String> {
    let files = PackageFiles::read(path)
        .with_context(|| format!("cannot read the package {}", path.display()))?;
    if files.contains(carepath_package::COURSE_MANIFEST) {
        return import_course(config, path, &files).await;
    }
    let package = match carepath_package::load(&files) {
        Ok(p) => p,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            bail!(
                "{}\n{} problem(s) in {}; nothing was imported. Fix them and run the import again.",
                list.join("\n"),
                problems.len(),
                path.display()
            );
        }
    };
    let store = config.open_store(false).await?;
    let outcome = store.import_package(&package, SystemClock.now()).await?;
    store.close().await;
    let def = &package.definition;
    let notes: String = package
        .notes
        .iter()
        .map(|n| format!("\nnote: {n}"))
        .collect();
    Ok(if outcome.created {
        format!(
            "Imported {} as version {} ({}).{notes}",
            def.key, outcome.number, def.version_label
        )
    } else {
        format!(
            "{} is unchanged since version {}; nothing was imported.",
            def.key, outcome.number
        )
    })
}

/// `carepath import PATH` of a course package (`course.toml`).
async fn import_course(
    config: &Config,
    path: &Path,
    files: &PackageFiles,
) -> anyhow::Result<String> {
    let package = carepath_package::load_course(files).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "{}\n{} problem(s) in {}; nothing was imported. Fix them and run the import again.",
            list.join("\n"),
            problems.len(),
            path.display()
        )
    })?;
    let store = config.open_store(false).await?;
    let outcome = store.import_course(&package, SystemClock.now()).await?;
    store.close().await;
    let def = &package.definition;
    Ok(if outcome.created {
        format!(
            "Imported the course {} as version {} ({}).",
            def.key, outcome.number, def.version
        )
    } else {
        format!(
            "The course {} is unchanged since version {}; nothing was imported.",
            def.key, outcome.number
        )
    })
}

/// `carepath admin verify-audit`.
async fn user_named(
    store: &carepath_store::Store,
    username: &str,
) -> anyhow::Result<carepath_domain::user::UserAccount> {
    store.user_by_username(username).await?.with_context(|| {
        format!("there is no user `{username}`; check the spelling (usernames are lower case)")
    })
}

/// `carepath admin create-token`: one line, the token.
pub async fn create_token(config: &Config, username: &str) -> anyhow::Result<String> {
    let store = config.open_store(false).await?;
    let user = user_named(&store, username).await?;
    let token = store
        .create_api_token(
            user.id,
            SystemClock.now(),
            chrono::Duration::days(config.token_days.into()),
        )
        .await?;
    store.close().await;
    Ok(token)
}

/// `carepath admin reset-password USERNAME`: one line, the link.
pub async fn reset_password(config: &Config, username: &str) -> anyhow::Result<String> {
    let store = config.open_store(false).await?;
    let user = user_named(&store, username).await?;
    if !carepath_web::local_sign_in::is_staff(&store.roles(user.id).await?) {
        bail!("`{username}` is a patient; patients sign in through ID-porten and have no password");
    }
    let token = store
        .create_password_reset(user.id, SystemClock.now(), chrono::Duration::hours(24))
        .await?;
    store.close().await;
    Ok(format!(
        "{}/logg-inn/nytt-passord/{token}",
        config.public_url().trim_end_matches('/')
    ))
}

/// `carepath admin bootstrap`.
pub async fn bootstrap(config: &Config, username: &str, name: &str) -> anyhow::Result<String> {
    use carepath_app::staff::StaffError;
    use carepath_domain::user::StaffProblem;
    let store = config.open_store(false).await?;
    let made = carepath_app::staff::bootstrap(&store, username, name, SystemClock.now()).await;
    store.close().await;
    let token = match made {
        Ok((_, token)) => token,
        Err(StaffError::AdministratorExists) => bail!(
            "this installation has an administrator already; an administrator adds staff on the staff page, and `carepath admin reset-password USERNAME` prints a new link for one who lost theirs"
        ),
        Err(StaffError::Invalid(StaffProblem::Username)) => {
            bail!("the username must be 3 to 40 characters of a-z, 0-9, `.`, `_` and `-`")
        }
        Err(StaffError::Invalid(StaffProblem::Name)) => {
            bail!("give the administrator's full name (at most 100 characters) with --name")
        }
        Err(StaffError::Taken(_)) => bail!("the username `{username}` is taken; choose another"),
        Err(e) => return Err(e.into()),
    };
    Ok(format!(
        "Created the administrator `{username}`. Open this link within 24 hours to set the password (it works once):\n{}/logg-inn/nytt-passord/{token}",
        config.public_url().trim_end_matches('/')
    ))
}

/// `carepath admin add-unit`.
pub async fn add_unit(
    config: &Config,
    organization: &str,
    name: &str,
    programs: &[String],
) -> anyhow::Result<String> {
    use carepath_app::organization::AddUnitError;
    let store = config.open_store(false).await?;
    let added = carepath_app::organization::add_unit(
        &store,
        organization,
        name,
        programs,
        SystemClock.now(),
    )
    .await;
    store.close().await;
    let unit = match added {
        Ok(unit) => unit,
        Err(AddUnitError::Name) => {
            bail!("give the hospital and the unit a name of at most 200 characters")
        }
        Err(AddUnitError::Exists) => {
            bail!("`{organization}` has a unit named `{name}` already")
        }
        Err(AddUnitError::UnknownProgram(key)) => bail!(
            "no program `{key}` is imported; import its package first with `carepath import PATH`"
        ),
        Err(e) => return Err(e.into()),
    };
    let offered = if programs.is_empty() {
        "no program yet".to_owned()
    } else {
        programs.join(", ")
    };
    Ok(format!(
        "Added the unit `{name}` ({}) to `{organization}`, offering {offered}. An administrator adds its staff at /admin/ansatte.",
        unit.id
    ))
}

/// `carepath admin revoke-tokens`.
pub async fn revoke_tokens(config: &Config, username: &str) -> anyhow::Result<String> {
    let store = config.open_store(false).await?;
    let user = user_named(&store, username).await?;
    let n = store.revoke_api_tokens(user.id, SystemClock.now()).await?;
    store.close().await;
    Ok(format!("Revoked {n} token(s) of {username}."))
}

/// `carepath admin prune-records [--yes]`.
pub async fn prune_records(config: &Config, yes: bool) -> anyhow::Result<String> {
    use carepath_domain::audit::{AuditAction, AuditEvent};
    let Some(years) = config.record_retention_years else {
        bail!(
            "no retention is configured, so patient records are kept; set CAREPATH_RECORD_RETENTION_YEARS (at least 2) to delete records of finished treatment"
        );
    };
    let store = config.open_store(false).await?;
    let now = SystemClock.now();
    let cutoff = now - chrono::Duration::days(365 * i64::from(years));
    let due = store.patients_due_for_deletion(cutoff).await?;
    if !yes {
        store.close().await;
        return Ok(format!(
            "{} patient(s) finished more than {years} years ago would be deleted. Run again with --yes to delete them.",
            due.len()
        ));
    }
    for patient in &due {
        // The command is run by an operator, not a signed-in user: the nil id names it.
        let event = AuditEvent {
            actor: carepath_domain::Id::from_uuid(uuid::Uuid::nil()),
            role: carepath_domain::user::Role::Admin,
            unit: None,
            patient: Some(*patient),
            action: AuditAction::Update,
            resource_type: "Patient",
            resource_id: patient.to_string(),
            reason: Some(format!(
                "Slettet etter oppbevaringstiden ({years} år) med carepath admin prune-records"
            )),
            session: None,
        };
        store
            .delete_patient_records(*patient, now, &[event])
            .await?;
    }
    store.close().await;
    Ok(format!(
        "Deleted {} patient(s) whose treatment ended more than {years} years ago.",
        due.len()
    ))
}

/// `carepath admin prune-audit`.
pub async fn prune_audit(config: &Config) -> anyhow::Result<String> {
    let Some(days) = config.audit_retention_days else {
        bail!(
            "no retention is configured, so the access log keeps everything; set CAREPATH_AUDIT_RETENTION_DAYS (at least 365) to remove older events"
        );
    };
    let store = config.open_store(false).await?;
    let now = SystemClock.now();
    let cutoff = now - chrono::Duration::days(days.into());
    let dropped = store.drop_audit_before(cutoff, now).await?;
    store.close().await;
    Ok(format!(
        "Removed {dropped} access-log event(s) recorded more than {days} days ago; the rest still verifies from sealed checkpoints."
    ))
}

/// `carepath admin tick`: one pass of every job, in a fixed order (scheduler, missing
/// data, escalation, appointment reminders, letters, outbox), at `now` (RFC 3339) or the present.
pub async fn tick(config: &Config, now: Option<&str>) -> anyhow::Result<String> {
    let now = match now {
        None => SystemClock.now(),
        Some(text) => chrono::DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|_| {
                anyhow::anyhow!(
                    "--now must be a date and time with its offset (RFC 3339), e.g. 2027-01-31T08:00:00+01:00"
                )
            })?,
    };
    // One clock for both passes, at the precision timestamps are stored with.
    let clock = carepath_domain::clock::FakeClock::at(now);
    let now = clock.now();
    let delivery = crate::jobs::Delivery::from_config(config)?;
    let store = config.open_store(false).await?;
    let report = store.run_scheduler(now, &config.public_url()).await?;
    let missing = store.raise_missing_data_alerts(now).await?;
    let unanswered = store.raise_unanswered_alerts(now).await?;
    let escalated = store.escalate_alerts(now, &config.public_url()).await?;
    let appointments = carepath_app::appointment::remind(&store, now, &config.public_url()).await?;
    carepath_app::letter::drafts_after_closing(&store, now).await?;
    let letters = carepath_app::letter::render_signed(&store, now).await?;
    let sent = crate::jobs::deliver_outbox(&store, &delivery, &clock).await?;
    let waiting = store.outbox_summary().await?.pending;
    store.close().await;
    Ok(format!(
        "Scheduler at {}: {} task(s) opened, {} overdue, {} closed unanswered, {} reminder(s) queued, {} alert(s) for missing measurements, {} for unanswered messages, {} alert(s) escalated, {} appointment reminder(s) queued, {} letter(s) to GPs set. Outbox: {} delivered, {} failed (tried again later), {} waiting.",
        now.to_rfc3339(),
        report.opened,
        report.overdue,
        report.expired,
        report.reminders,
        missing,
        unanswered,
        escalated,
        appointments,
        letters,
        sent.sent,
        sent.failed,
        waiting
    ))
}

pub async fn verify_audit(config: &Config) -> anyhow::Result<String> {
    let store = config.open_store(false).await?;
    let words = audit_words(&store).await;
    store.close().await;
    words
}

/// The access log checked, in words, or an error naming where it first breaks.
pub(crate) async fn audit_words(store: &carepath_store::Store) -> anyhow::Result<String> {
    use carepath_store::audit::AuditCheck;
    match store.verify_audit().await? {
        AuditCheck::Intact { chains, events } => Ok(format!(
            "The access log is intact: {events} events in {chains} chain(s)."
        )),
        AuditCheck::Broken {
            chain,
            seq,
            problem,
        } => bail!(
            "the access log is broken: chain {chain}, event {seq}: {problem}. Keep a copy of the database for investigation."
        ),
    }
}
