//! The administrators' staff pages: every staff account with its roles and state, adding
//! one (its one-time link to set a password shown once), and one account's page to give
//! and take roles, disable and enable it, forget a lost second factor, make a new password
//! link and revoke its API tokens. The rules and the access log are in
//! `carepath_app::staff`; this module extracts, calls and renders.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::staff::{Change, StaffError, Typed};
use carepath_domain::Id;
use carepath_domain::organization::Unit;
use carepath_domain::user::{Role, StaffProblem, UserAccount};
use carepath_store::staff::StaffMember;

use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

/// The roles an administrator can give, in the order the form lists them.
const ROLES: [Role; 5] = [
    Role::Clinician,
    Role::Coordinator,
    Role::Author,
    Role::Researcher,
    Role::Admin,
];

/// A staff member as a row: name, username, HPR number, roles in words, state keys.
pub(crate) struct Row {
    id: String,
    name: String,
    username: String,
    hpr: String,
    roles: Vec<String>,
    disabled: bool,
    password_set: bool,
    second_factor: bool,
    tokens: usize,
}

fn role_in_words(role: Role, unit: Option<&str>) -> String {
    let name = crate::i18n::tr(&format!("role-{}", role.as_str()));
    match unit {
        Some(unit) => crate::i18n::tr_args(
            "staff-role-in",
            &[("role", name.into()), ("unit", unit.to_owned().into())],
        ),
        None => name,
    }
}

fn row(m: &StaffMember) -> Row {
    Row {
        id: m.account.id.to_string(),
        name: m.account.display_name.clone(),
        username: m.account.username.clone(),
        hpr: m.hpr_number.clone().unwrap_or_default(),
        roles: m
            .roles
            .iter()
            .map(|(g, unit)| role_in_words(g.role, unit.as_deref()))
            .collect(),
        disabled: m.disabled_at.is_some(),
        password_set: m.password_set,
        second_factor: m.second_factor,
        tokens: m.tokens.len(),
    }
}

/// The form to add a staff member, as typed.
#[derive(Default)]
pub(crate) struct AddForm {
    username: String,
    name: String,
    hpr: String,
    role: String,
    unit: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/staff.html")]
pub(crate) struct StaffPage {
    layout: Layout,
    rows: Vec<Row>,
    /// (value, label) of each role and each unit.
    roles: Vec<(&'static str, String)>,
    units: Vec<(String, String)>,
    form: AddForm,
    /// The field refused (its id) and why.
    error: Option<(&'static str, String)>,
}

async fn choices(
    state: &AppState,
) -> Result<(Vec<(&'static str, String)>, Vec<(String, String)>), Error> {
    let roles = ROLES
        .iter()
        .map(|r| (r.as_str(), crate::i18n::tr(&format!("role-{}", r.as_str()))))
        .collect();
    let units = state
        .store
        .units_with_contacts()
        .await?
        .into_iter()
        .map(|(u, _)| (u.id.to_string(), u.name))
        .collect();
    Ok((roles, units))
}

async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    form: AddForm,
    error: Option<(&'static str, String)>,
) -> Result<StaffPage, Error> {
    let members = state.store.staff_members(state.clock.now()).await?;
    let (roles, units) = choices(state).await?;
    Ok(StaffPage {
        layout: Layout::for_user(user, state.config.demo_sign_in),
        rows: members.iter().map(row).collect(),
        roles,
        units,
        form,
        error,
    })
}

/// `GET /admin/ansatte`.
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<StaffPage, Error> {
    list_page(&state, &user, AddForm::default(), None).await
}

/// The field a problem is about, and its words.
fn problem(p: StaffProblem) -> (&'static str, String) {
    let (field, key) = match p {
        StaffProblem::Username => ("brukernavn", "staff-username-invalid"),
        StaffProblem::Name => ("navn", "staff-name-invalid"),
        StaffProblem::HprNumber => ("hpr", "staff-hpr-invalid"),
        StaffProblem::Role => ("rolle", "staff-role-invalid"),
        StaffProblem::UnitMissing => ("enhet", "staff-unit-missing"),
    };
    (field, crate::i18n::tr(key))
}

fn unit_of(form: &FormData) -> Result<Option<Id<Unit>>, Error> {
    match form.get("enhet").unwrap_or_default() {
        "" => Ok(None),
        id => id.parse().map(Some).map_err(|_| Error::NotFound),
    }
}

fn link(state: &AppState, token: &str) -> String {
    format!(
        "{}/logg-inn/nytt-passord/{token}",
        state.config.public_url.trim_end_matches('/')
    )
}

/// `POST /admin/ansatte`: adds a staff member and shows their page with the one-time link.
pub(crate) async fn add(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let typed = AddForm {
        username: form.get("brukernavn").unwrap_or_default().to_owned(),
        name: form.get("navn").unwrap_or_default().to_owned(),
        hpr: form.get("hpr").unwrap_or_default().to_owned(),
        role: form.get("rolle").unwrap_or_default().to_owned(),
        unit: form.get("enhet").unwrap_or_default().to_owned(),
    };
    let unit = unit_of(&form)?;
    let added = carepath_app::staff::add(
        &state.store,
        &user,
        &Typed {
            username: &typed.username,
            name: &typed.name,
            hpr_number: &typed.hpr,
            role: &typed.role,
            unit,
        },
        state.clock.now(),
    )
    .await;
    let error = match added {
        Ok((account, token)) => {
            let page = member_page(
                &state,
                &user,
                account.id,
                (Some(link(&state, &token)), Vec::new()),
                None,
            )
            .await?;
            return Ok((StatusCode::CREATED, page).into_response());
        }
        Err(StaffError::Invalid(p)) => problem(p),
        Err(StaffError::Taken(_)) => ("brukernavn", crate::i18n::tr("staff-taken")),
        Err(e) => return Err(staff_error(e)),
    };
    let page = list_page(&state, &user, typed, Some(error)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn staff_error(e: StaffError) -> Error {
    match e {
        StaffError::NotAllowed => Error::Forbidden,
        StaffError::Store(carepath_store::StoreError::NotFound(_)) => Error::NotFound,
        StaffError::Store(e) => e.into(),
        StaffError::Invalid(_)
        | StaffError::Taken(_)
        | StaffError::OwnAccount
        | StaffError::AdministratorExists => {
            Error::BadRequest(crate::i18n::tr("error-form-unreadable"))
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/staff_member.html")]
pub(crate) struct MemberPage {
    layout: Layout,
    member: Row,
    /// Each role held: (role value, unit id or "", in words).
    held: Vec<(&'static str, String, String)>,
    tokens: Vec<(String, String)>,
    roles: Vec<(&'static str, String)>,
    units: Vec<(String, String)>,
    /// A one-time link to set the password, shown once.
    password_link: Option<String>,
    /// New recovery codes, shown once; how many unused ones there are.
    recovery_codes: Vec<String>,
    codes_left: i64,
    /// The administrator's own account: no button to disable it or drop their admin role.
    own: bool,
    /// What just happened (a notice key) or what was refused.
    notice: Option<&'static str>,
    error: Option<String>,
}

async fn member_page(
    state: &AppState,
    user: &CurrentUser,
    id: Id<UserAccount>,
    (password_link, recovery_codes): (Option<String>, Vec<String>),
    said: Option<Result<&'static str, String>>,
) -> Result<MemberPage, Error> {
    let m = state
        .store
        .staff_member(id, state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    let (roles, units) = choices(state).await?;
    Ok(MemberPage {
        layout: Layout::for_user(user, state.config.demo_sign_in),
        held: m
            .roles
            .iter()
            .map(|(g, unit)| {
                (
                    g.role.as_str(),
                    g.unit_id.map(|u| u.to_string()).unwrap_or_default(),
                    role_in_words(g.role, unit.as_deref()),
                )
            })
            .collect(),
        tokens: m
            .tokens
            .iter()
            .map(|(made, expires)| (crate::layout::when(*made), crate::layout::when(*expires)))
            .collect(),
        member: row(&m),
        roles,
        units,
        password_link,
        recovery_codes,
        codes_left: state.store.recovery_codes_left(id).await?,
        own: user.account.id == id,
        notice: said.as_ref().and_then(|s| s.as_ref().ok().copied()),
        error: said.and_then(Result::err),
    })
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Said {
    endret: Option<String>,
}

/// `GET /admin/ansatte/{staff}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<Said>,
) -> Result<MemberPage, Error> {
    let id: Id<UserAccount> = id.parse().map_err(|_| Error::NotFound)?;
    let notice = q.endret.as_deref().and_then(|what| match what {
        "deaktiver" => Some("staff-disabled-now"),
        "aktiver" => Some("staff-enabled-now"),
        "nullstill-kode" => Some("staff-factor-reset-now"),
        "trekk-tokens" => Some("staff-tokens-revoked-now"),
        "rolle" => Some("staff-roles-changed-now"),
        "hpr" => Some("staff-hpr-changed-now"),
        "uendret" => Some("staff-unchanged"),
        _ => None,
    });
    member_page(&state, &user, id, (None, Vec::new()), notice.map(Ok)).await
}

/// `POST /admin/ansatte/{staff}`: one change (`handling`), then the account's page.
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let id: Id<UserAccount> = id.parse().map_err(|_| Error::NotFound)?;
    let action = form.get("handling").unwrap_or_default().to_owned();
    let role = form.get("rolle").unwrap_or_default().to_owned();
    let hpr = form.get("hpr").unwrap_or_default().to_owned();
    let unit = unit_of(&form)?;
    let change = match action.as_str() {
        "deaktiver" => Change::Disable,
        "aktiver" => Change::Enable,
        "nullstill-kode" => Change::ResetSecondFactor,
        "passordlenke" => Change::PasswordLink,
        "reservekoder" => Change::RecoveryCodes,
        "hpr" => Change::HprNumber(&hpr),
        "trekk-tokens" => Change::RevokeTokens,
        "legg-til-rolle" => Change::AddRole { role: &role, unit },
        "fjern-rolle" => Change::RemoveRole { role: &role, unit },
        _ => return Err(Error::BadRequest(crate::i18n::tr("error-form-unreadable"))),
    };
    match carepath_app::staff::change(&state.store, &user, id, change, state.clock.now()).await {
        Ok(done) => {
            if done.token.is_some() || !done.recovery_codes.is_empty() {
                let link = done.token.map(|t| link(&state, &t));
                let page =
                    member_page(&state, &user, id, (link, done.recovery_codes), None).await?;
                return Ok(page.into_response());
            }
            let said = match (done.changed, action.as_str()) {
                (false, _) => "uendret",
                (true, "legg-til-rolle" | "fjern-rolle") => "rolle",
                (true, other) => other,
            };
            Ok(Redirect::to(&format!("/admin/ansatte/{id}?endret={said}")).into_response())
        }
        Err(StaffError::Invalid(p)) => {
            let page = member_page(
                &state,
                &user,
                id,
                (None, Vec::new()),
                Some(Err(problem(p).1)),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(StaffError::Taken(_)) => {
            let why = crate::i18n::tr("staff-taken");
            let page = member_page(&state, &user, id, (None, Vec::new()), Some(Err(why))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(StaffError::OwnAccount) => {
            let why = crate::i18n::tr("staff-own-account");
            let page = member_page(&state, &user, id, (None, Vec::new()), Some(Err(why))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(staff_error(e)),
    }
}
