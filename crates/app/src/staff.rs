//! Running a unit's staff: an administrator adds a staff member (with a one-time link to
//! set their password), gives and takes roles, disables and enables the account, forgets a
//! lost second factor, issues recovery codes, sets the HPR number, sends a new password
//! link and revokes API tokens. Each change is
//! written with its access-log event (`Practitioner` or `PractitionerRole`, no patient).

use carepath_domain::Id;
use carepath_domain::audit::AuditAction;
use carepath_domain::organization::Unit;
use carepath_domain::user::{NewStaff, StaffProblem, UserAccount, staff_grant};
use carepath_store::{Store, StoreError};
use chrono::{DateTime, Duration, Utc};

use crate::access::Actor;

/// How long a link to set a password works.
pub const PASSWORD_LINK_HOURS: i64 = 24;

/// Why a staff change was refused.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("a field is not valid: {0:?}")]
    Invalid(StaffProblem),
    /// The username or the HPR number belongs to someone else.
    #[error("{0} is taken")]
    Taken(&'static str),
    /// Administrators only.
    #[error("not an administrator")]
    NotAllowed,
    /// An administrator may not disable themselves or take their own administrator role.
    #[error("not on one's own account")]
    OwnAccount,
    /// The first administrator is created once; after that, administrators add staff.
    #[error("an administrator exists already")]
    AdministratorExists,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for StaffError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Duplicate(what) => StaffError::Taken(what),
            other => StaffError::Store(other),
        }
    }
}

/// What an administrator typed to add a staff member.
#[derive(Debug, Default)]
pub struct Typed<'a> {
    pub username: &'a str,
    pub name: &'a str,
    pub hpr_number: &'a str,
    pub role: &'a str,
    pub unit: Option<Id<Unit>>,
}

/// Adds a staff member and returns the account with the one-time token of their link to
/// set a password (shown once to the administrator, never stored in clear).
pub async fn add(
    store: &Store,
    admin: &Actor,
    typed: &Typed<'_>,
    now: DateTime<Utc>,
) -> Result<(UserAccount, String), StaffError> {
    if !admin.has(carepath_domain::user::Role::Admin) {
        return Err(StaffError::NotAllowed);
    }
    let new = NewStaff::from_typed(
        typed.username,
        typed.name,
        typed.hpr_number,
        typed.role,
        typed.unit,
    )
    .map_err(StaffError::Invalid)?;
    if let Some(unit) = new.grant.unit_id {
        store.unit(unit).await?;
    }
    added(
        store,
        &new,
        &|id| vec![admin.admin_event(AuditAction::Create, "Practitioner", id)],
        now,
    )
    .await
}

/// Stores `new` with the access-log events `audit` makes, and makes the one-time token of
/// their link to set a password.
async fn added(
    store: &Store,
    new: &NewStaff,
    audit: &(dyn Fn(Id<UserAccount>) -> Vec<carepath_domain::audit::AuditEvent> + Sync),
    now: DateTime<Utc>,
) -> Result<(UserAccount, String), StaffError> {
    let account = store.add_staff(new, audit, now).await?;
    let token = store
        .create_password_reset(account.id, now, Duration::hours(PASSWORD_LINK_HOURS))
        .await?;
    Ok((account, token))
}

/// Creates the first administrator of a new installation (`carepath admin bootstrap`) and
/// returns the account with the one-time token of their link to set a password. Refused
/// once anyone holds the administrator role, so it cannot take over an installation in
/// use. The access log records the account as created by itself, with the reason
/// [`crate::access::BOOTSTRAP_REASON`].
pub async fn bootstrap(
    store: &Store,
    username: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(UserAccount, String), StaffError> {
    if store.has_administrator().await? {
        return Err(StaffError::AdministratorExists);
    }
    let new =
        NewStaff::from_typed(username, name, "", "admin", None).map_err(StaffError::Invalid)?;
    added(
        store,
        &new,
        &|id| {
            vec![carepath_domain::audit::AuditEvent {
                actor: id,
                role: carepath_domain::user::Role::Admin,
                unit: None,
                patient: None,
                action: AuditAction::Create,
                resource_type: "Practitioner",
                resource_id: id.to_string(),
                reason: Some(crate::access::BOOTSTRAP_REASON.into()),
                session: None,
            }]
        },
        now,
    )
    .await
}

/// A change to a staff account.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    Disable,
    Enable,
    ResetSecondFactor,
    /// A new one-time link to set the password.
    PasswordLink,
    /// Ten new recovery codes in place of the unused ones.
    RecoveryCodes,
    /// The HPR number as typed; empty clears it.
    HprNumber(&'a str),
    RevokeTokens,
    AddRole {
        role: &'a str,
        unit: Option<Id<Unit>>,
    },
    RemoveRole {
        role: &'a str,
        unit: Option<Id<Unit>>,
    },
}

/// What a change did: whether anything changed, and what is shown once (a new password
/// link's token, new recovery codes).
#[derive(Debug, Default)]
pub struct Changed {
    pub changed: bool,
    pub token: Option<String>,
    pub recovery_codes: Vec<String>,
}

/// Makes `change` to the staff account `user`.
pub async fn change(
    store: &Store,
    admin: &Actor,
    user: Id<UserAccount>,
    change: Change<'_>,
    now: DateTime<Utc>,
) -> Result<Changed, StaffError> {
    use carepath_domain::user::Role;
    if !admin.has(Role::Admin) {
        return Err(StaffError::NotAllowed);
    }
    if store.staff_member(user, now).await?.is_none() {
        return Err(StaffError::Store(StoreError::NotFound("staff member")));
    }
    let event = |action, kind| vec![admin.admin_event(action, kind, user)];
    let own = user == admin.account;
    let changed = match change {
        Change::Disable if own => return Err(StaffError::OwnAccount),
        Change::Disable | Change::Enable => {
            let disable = matches!(change, Change::Disable);
            store
                .set_staff_disabled(
                    user,
                    disable,
                    &event(AuditAction::Update, "Practitioner"),
                    now,
                )
                .await?
        }
        Change::ResetSecondFactor => {
            store
                .reset_second_factor(user, &event(AuditAction::Update, "Practitioner"), now)
                .await?
        }
        Change::PasswordLink => {
            let token = store
                .create_password_reset(user, now, Duration::hours(PASSWORD_LINK_HOURS))
                .await?;
            store
                .audit_all(&event(AuditAction::Update, "Practitioner"), now)
                .await?;
            return Ok(Changed {
                changed: true,
                token: Some(token),
                ..Changed::default()
            });
        }
        Change::RecoveryCodes => {
            let codes = store
                .issue_recovery_codes(user, &event(AuditAction::Update, "Practitioner"), now)
                .await?;
            return Ok(Changed {
                changed: true,
                recovery_codes: codes,
                ..Changed::default()
            });
        }
        Change::RevokeTokens => {
            let n = store.revoke_api_tokens(user, now).await?;
            if n > 0 {
                store
                    .audit_all(&event(AuditAction::Update, "Practitioner"), now)
                    .await?;
            }
            n > 0
        }
        Change::HprNumber(typed) => {
            let hpr = carepath_domain::user::hpr(typed).map_err(StaffError::Invalid)?;
            let before = store
                .staff_member(user, now)
                .await?
                .and_then(|m| m.hpr_number);
            if before == hpr {
                false
            } else {
                store
                    .set_hpr_number(
                        user,
                        hpr.as_deref(),
                        &event(AuditAction::Update, "Practitioner"),
                        now,
                    )
                    .await?;
                true
            }
        }
        Change::AddRole { role, unit } => {
            let grant = staff_grant(role, unit).map_err(StaffError::Invalid)?;
            if let Some(unit) = grant.unit_id {
                store.unit(unit).await?;
            }
            store
                .add_staff_role(
                    user,
                    &grant,
                    &event(AuditAction::Create, "PractitionerRole"),
                    now,
                )
                .await?
        }
        Change::RemoveRole { role, unit } => {
            let grant = staff_grant(role, unit).map_err(StaffError::Invalid)?;
            if own && grant.role == Role::Admin {
                return Err(StaffError::OwnAccount);
            }
            store
                .remove_staff_role(
                    user,
                    &grant,
                    &event(AuditAction::Update, "PractitionerRole"),
                    now,
                )
                .await?
        }
    };
    Ok(Changed {
        changed,
        ..Changed::default()
    })
}
