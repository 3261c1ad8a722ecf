//! The administrators' research projects (decision 0037): the approval's reference and
//! whether it is approved, the period, the researchers who are members and the programs
//! it covers. Only an approved project within its period opens reports and exports.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::research::{ProjectError, ProjectInput};
use carepath_domain::Id;
use carepath_domain::research::{Project, ProjectProblem};
use carepath_domain::user::Role;
use carepath_store::StoreError;

use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::i18n::tr;
use crate::layout::Layout;
use crate::{AppState, Error};

/// The form as shown: typed values, the choices with whether each is ticked.
#[derive(Default)]
pub(crate) struct ProjectForm {
    title: String,
    approval_ref: String,
    approved: bool,
    starts_on: String,
    ends_on: String,
    version: i64,
    members: Vec<(String, String, bool)>,
    programs: Vec<(String, String, bool)>,
}

pub(crate) struct ProjectRow {
    id: String,
    title: String,
    approval_ref: String,
    period: String,
    approved: bool,
    members: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/research.html")]
pub(crate) struct ProjectsPage {
    layout: Layout,
    rows: Vec<ProjectRow>,
    form: ProjectForm,
    /// The form's address: new, or the project's own.
    action: String,
    editing: bool,
    error: Option<(&'static str, String)>,
}

async fn choices(
    state: &AppState,
    p: Option<&Project>,
) -> Result<(Vec<(String, String, bool)>, Vec<(String, String, bool)>), Error> {
    let mut members = Vec::new();
    for m in state.store.staff_members(state.clock.now()).await? {
        if m.roles.iter().any(|(g, _)| g.role == Role::Researcher) {
            let ticked = p.is_some_and(|p| p.members.contains(&m.account.id));
            members.push((
                m.account.id.to_string(),
                m.account.display_name.clone(),
                ticked,
            ));
        }
    }
    let mut programs: Vec<(String, String, bool)> = Vec::new();
    for v in state.store.all_program_versions().await?.iter().rev() {
        let id = v.program_id.to_string();
        if !programs.iter().any(|(p, _, _)| *p == id) {
            let ticked = p.is_some_and(|p| p.programs.contains(&v.program_id));
            programs.push((
                id,
                v.definition.title.get(crate::i18n::current()).to_owned(),
                ticked,
            ));
        }
    }
    Ok((members, programs))
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    editing: Option<&Project>,
    form: Option<ProjectForm>,
    error: Option<(&'static str, String)>,
) -> Result<ProjectsPage, Error> {
    let rows = state
        .store
        .projects()
        .await?
        .into_iter()
        .map(|p| ProjectRow {
            id: p.id.to_string(),
            period: format!(
                "{} – {}",
                crate::layout::date(p.starts_on),
                crate::layout::date(p.ends_on)
            ),
            approved: p.approved_at.is_some(),
            members: p.members.len(),
            title: p.title,
            approval_ref: p.approval_ref,
        })
        .collect();
    let form = match form {
        Some(f) => f,
        None => {
            let (members, programs) = choices(state, editing).await?;
            match editing {
                Some(p) => ProjectForm {
                    title: p.title.clone(),
                    approval_ref: p.approval_ref.clone(),
                    approved: p.approved_at.is_some(),
                    starts_on: p.starts_on.to_string(),
                    ends_on: p.ends_on.to_string(),
                    version: p.version,
                    members,
                    programs,
                },
                None => ProjectForm {
                    members,
                    programs,
                    ..ProjectForm::default()
                },
            }
        }
    };
    Ok(ProjectsPage {
        layout: Layout::for_user(user, state.config.demo_sign_in),
        rows,
        action: editing.map_or_else(
            || "/admin/forskning".to_owned(),
            |p| format!("/admin/forskning/{}", p.id),
        ),
        editing: editing.is_some(),
        form,
        error,
    })
}

pub async fn list(State(state): State<AppState>, user: CurrentUser) -> Result<ProjectsPage, Error> {
    page(&state, &user, None, None, None).await
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<ProjectsPage, Error> {
    let id: Id<Project> = id.parse().map_err(|_| Error::NotFound)?;
    let p = state.store.project(id).await?;
    page(&state, &user, Some(&p), None, None).await
}

pub async fn create(
    state: State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    save(state, user, None, form).await
}

pub async fn update(
    state: State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    let id: Id<Project> = id.parse().map_err(|_| Error::NotFound)?;
    save(state, user, Some(id), form).await
}

async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    id: Option<Id<Project>>,
    form: FormData,
) -> Result<Response, Error> {
    let editing = match id {
        Some(id) => Some(state.store.project(id).await?),
        None => None,
    };
    let (mut members, mut programs) = choices(&state, None).await?;
    let ticked_members = form.all("medlem");
    let ticked_programs = form.all("program");
    for m in &mut members {
        m.2 = ticked_members.contains(&m.0);
    }
    for p in &mut programs {
        p.2 = ticked_programs.contains(&p.0);
    }
    let typed = ProjectForm {
        title: form.get("tittel").unwrap_or_default().to_owned(),
        approval_ref: form.get("godkjenning").unwrap_or_default().to_owned(),
        approved: form.get("godkjent").is_some(),
        starts_on: form.get("fra").unwrap_or_default().to_owned(),
        ends_on: form.get("til").unwrap_or_default().to_owned(),
        version: form
            .get("versjon")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        members,
        programs,
    };
    let refuse = |field: &'static str, key: &str, typed: ProjectForm| {
        let state = state.clone();
        let user = &user;
        let editing = editing.clone();
        let why = tr(key);
        async move {
            let p = page(
                &state,
                user,
                editing.as_ref(),
                Some(typed),
                Some((field, why)),
            )
            .await?;
            Ok::<_, Error>((StatusCode::UNPROCESSABLE_ENTITY, p).into_response())
        }
    };
    let (Ok(starts_on), Ok(ends_on)) = (typed.starts_on.parse(), typed.ends_on.parse()) else {
        return refuse("fra", "research-admin-bad-date", typed).await;
    };
    let input = ProjectInput {
        title: typed.title.clone(),
        approval_ref: typed.approval_ref.clone(),
        approved: typed.approved,
        starts_on,
        ends_on,
        members: typed
            .members
            .iter()
            .filter(|m| m.2)
            .filter_map(|m| m.0.parse().ok())
            .collect(),
        programs: typed
            .programs
            .iter()
            .filter(|p| p.2)
            .filter_map(|p| p.0.parse().ok())
            .collect(),
    };
    let existing = id.map(|id| (id, typed.version));
    match carepath_app::research::save_project(
        &state.store,
        &user.actor,
        existing,
        input,
        state.clock.now(),
    )
    .await
    {
        Ok(p) => Ok(Redirect::to(&format!("/admin/forskning/{}", p.id)).into_response()),
        Err(ProjectError::Problem(ProjectProblem::NoTitle)) => {
            refuse("tittel", "research-admin-no-title", typed).await
        }
        Err(ProjectError::Problem(ProjectProblem::NoApproval)) => {
            refuse("godkjenning", "research-admin-no-approval", typed).await
        }
        Err(ProjectError::Problem(ProjectProblem::EndsBeforeStart)) => {
            refuse("til", "research-admin-ends-before", typed).await
        }
        Err(ProjectError::Store(StoreError::Conflict)) => {
            refuse("tittel", "research-admin-conflict", typed).await
        }
        Err(ProjectError::Forbidden) => Err(Error::Forbidden),
        Err(ProjectError::Store(e)) => Err(e.into()),
    }
}
