//! The places running each program (decision 0054): which units run which program, with
//! status, start day and a contact for health professionals, kept by an administrator and
//! shown on the public pages. The use cases are `carepath_app::organization::{places,
//! set_place}`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_app::organization::{PlaceError, places, set_place};
use carepath_domain::organization::{PlaceProblem, PlaceStatus};

use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::i18n::tr;
use crate::layout::Layout;
use crate::{AppState, Error};

/// The language files' key of a place's status.
pub(crate) fn status_key(s: PlaceStatus) -> &'static str {
    match s {
        PlaceStatus::Planned => "place-status-planned",
        PlaceStatus::Running => "place-status-running",
        PlaceStatus::Paused => "place-status-paused",
        PlaceStatus::Ended => "place-status-ended",
    }
}

pub(crate) struct Row {
    unit_id: String,
    unit: String,
    program_id: String,
    program: String,
    status: &'static str,
    started_on: String,
    contact: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/places.html")]
pub(crate) struct PlacesPage {
    layout: Layout,
    rows: Vec<Row>,
    /// (id, name) of every unit and every program, to add a place.
    units: Vec<(String, String)>,
    programs: Vec<(String, String)>,
    statuses: Vec<(&'static str, &'static str)>,
    /// The refused form's (unit, program) and the message.
    error: Option<(String, String, String)>,
    notice: bool,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct PlacesQuery {
    lagret: Option<String>,
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    error: Option<(String, String, String)>,
    notice: bool,
) -> Result<PlacesPage, Error> {
    let lang = crate::i18n::current();
    let (list, programs) = places(&state.store).await?;
    Ok(PlacesPage {
        layout: Layout::for_user(user, state.config.demo_sign_in),
        rows: list
            .into_iter()
            .map(|p| Row {
                unit_id: p.unit.id.to_string(),
                unit: p.unit.name,
                program_id: p.program.program_id.to_string(),
                program: p.program.definition.title.get(lang).to_owned(),
                status: p.how.status.as_str(),
                started_on: p.how.started_on.map(|d| d.to_string()).unwrap_or_default(),
                contact: p.how.contact.unwrap_or_default(),
            })
            .collect(),
        units: state
            .store
            .units_with_contacts()
            .await?
            .into_iter()
            .map(|(u, _)| (u.id.to_string(), u.name))
            .collect(),
        programs: programs
            .iter()
            .map(|v| {
                (
                    v.program_id.to_string(),
                    v.definition.title.get(lang).to_owned(),
                )
            })
            .collect(),
        statuses: PlaceStatus::ALL
            .into_iter()
            .map(|s| (s.as_str(), status_key(s)))
            .collect(),
        error,
        notice,
    })
}

/// `/admin/steder`: every place running a program, each with its form, and a form to add
/// one.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<PlacesQuery>,
) -> Result<PlacesPage, Error> {
    page(&state, &user, None, q.lagret.is_some()).await
}

/// Saves one place (a new one, or a change of one listed).
pub(crate) async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let typed = |name: &str| form.get(name).unwrap_or_default().to_owned();
    let (unit, program) = (typed("enhet"), typed("program"));
    let (Ok(unit_id), Ok(program_id)) = (unit.parse(), program.parse()) else {
        return Err(Error::NotFound);
    };
    match set_place(
        &state.store,
        &user.actor,
        (unit_id, program_id),
        (&typed("status"), &typed("start"), &typed("kontakt")),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/admin/steder?lagret=1").into_response()),
        Err(PlaceError::Invalid(p)) => {
            let why = tr(match p {
                PlaceProblem::Status => "place-error-status",
                PlaceProblem::StartDay => "place-error-start",
                PlaceProblem::Contact => "place-error-contact",
            });
            let page = page(&state, &user, Some((unit, program, why)), false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(PlaceError::NotFound) => Err(Error::NotFound),
        Err(PlaceError::Store(e)) => Err(e.into()),
    }
}
