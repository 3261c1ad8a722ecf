//! The administrators' pages: a start page with where each unit's escalated alerts go,
//! the staff accounts, and the review of emergency access.

pub(crate) mod access_log;
pub(crate) mod emergency;
pub(crate) mod places;
pub(crate) mod report;
pub(crate) mod research;
pub(crate) mod staff;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::Id;
use carepath_domain::organization::Unit;

use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(Template, WebTemplate)]
#[template(path = "admin/start.html")]
pub(crate) struct StartPage {
    layout: Layout,
    unreviewed: i64,
    units: Vec<UnitForm>,
    /// The unit whose contacts were refused: its id, the field's and why.
    error: Option<(String, &'static str, &'static str)>,
    notice: Option<&'static str>,
}

/// One unit's contacts as its form shows them (what was typed, after a refusal).
pub(crate) struct UnitForm {
    id: String,
    name: String,
    alert_email: String,
    alert_mobile: String,
    phone: String,
    hours: String,
    her_id: String,
    /// The field refused just now, if it is this unit's ("" otherwise).
    bad: &'static str,
}

impl UnitForm {
    /// The form's fields: (name, label key, input type, value).
    fn fields(&self) -> [(&'static str, &'static str, &'static str, &str); 5] {
        [
            ("epost", "admin-email", "email", &self.alert_email),
            ("mobil", "admin-mobile", "tel", &self.alert_mobile),
            ("telefon", "admin-phone", "tel", &self.phone),
            ("apningstid", "admin-hours", "text", &self.hours),
            ("her_id", "admin-her-id", "text", &self.her_id),
        ]
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct StartQuery {
    lagret: Option<String>,
}

async fn start_page(
    state: &AppState,
    user: &CurrentUser,
    error: Option<(String, &'static str, &'static str)>,
    notice: Option<&'static str>,
) -> Result<StartPage, Error> {
    let list = state.store.emergency_access_review(1, 200).await?;
    Ok(StartPage {
        layout: Layout::for_user(user, state.config.demo_sign_in),
        unreviewed: list.items.iter().filter(|i| i.reviewed.is_none()).count() as i64,
        units: state
            .store
            .units_with_contacts()
            .await?
            .into_iter()
            .map(|(u, c)| UnitForm {
                id: u.id.to_string(),
                name: u.name,
                alert_email: c.alert_email.unwrap_or_default(),
                alert_mobile: c.alert_mobile.unwrap_or_default(),
                phone: c.phone.unwrap_or_default(),
                hours: c.hours.unwrap_or_default(),
                her_id: c.her_id.map(|h| h.to_string()).unwrap_or_default(),
                bad: match &error {
                    Some((id, field, _)) if *id == u.id.to_string() => field,
                    _ => "",
                },
            })
            .collect(),
        error,
        notice,
    })
}

/// `/admin`: what waits for the administrator.
pub(crate) async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<StartQuery>,
) -> Result<StartPage, Error> {
    let notice = q.lagret.map(|_| "admin-contacts-saved");
    start_page(&state, &user, None, notice).await
}

/// A unit's contacts: where its escalated alerts go (an e-mail address and/or a mobile
/// number) and the number patients call with its opening hours, checked and saved by
/// `carepath_app::organization::set_unit_contacts`. A refusal keeps what was typed.
pub(crate) async fn set_alert_contact(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, Error> {
    use carepath_app::organization::{ContactsError, set_unit_contacts};
    use carepath_domain::organization::ContactProblem;
    let unit: Id<Unit> = id.parse().map_err(|_| Error::NotFound)?;
    let typed = |name: &str| form.get(name).unwrap_or_default().to_owned();
    let (email, mobile, phone, hours, her_id) = (
        typed("epost"),
        typed("mobil"),
        typed("telefon"),
        typed("apningstid"),
        typed("her_id"),
    );
    match set_unit_contacts(
        &state.store,
        unit,
        (&email, &mobile, &phone, &hours, &her_id),
    )
    .await
    {
        Ok(_) => {}
        Err(ContactsError::Store(carepath_store::StoreError::NotFound(_))) => {
            return Err(Error::NotFound);
        }
        Err(ContactsError::Store(e)) => return Err(e.into()),
        Err(ContactsError::Invalid(problem)) => {
            let (field, why) = match problem {
                ContactProblem::Email => ("epost", "admin-email-invalid"),
                ContactProblem::Mobile => ("mobil", "admin-mobile-invalid"),
                ContactProblem::Phone => ("telefon", "admin-phone-invalid"),
                ContactProblem::HoursTooLong => ("apningstid", "admin-hours-too-long"),
                ContactProblem::HerId => ("her_id", "admin-her-id-invalid"),
            };
            let mut page =
                start_page(&state, &user, Some((unit.to_string(), field, why)), None).await?;
            // What was typed stays in the form.
            if let Some(f) = page.units.iter_mut().find(|f| f.id == unit.to_string()) {
                (f.alert_email, f.alert_mobile, f.phone, f.hours, f.her_id) =
                    (email, mobile, phone, hours, her_id);
            }
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    }
    Ok(Redirect::to("/admin?lagret=1").into_response())
}
