//! A participant account asked for from the course pages (decision 0044): a name and an
//! e-mail address; the e-mail's link sets the password (the local accounts' own page),
//! and the first sign-in sets up the second factor. Under `/logg-inn`, so the sign-in
//! limit and the sign-in forms' CSRF cookie apply. Health personnel with HelseID sign in
//! there instead, and get a participant account for their HPR number (decision 0045).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use carepath_app::course::CourseError;
use carepath_domain::course::participation::ParticipationProblem;

use crate::auth::{CurrentUser, login_csrf};
use crate::form::FormData;
use crate::i18n::tr;
use crate::layout::Layout;
use crate::{AppState, Error};

#[derive(Template, WebTemplate)]
#[template(path = "course/signup.html")]
pub(crate) struct SignUpPage {
    layout: Layout,
    login_csrf: String,
    name: String,
    email: String,
    /// (field id, message), for the error summary.
    errors: Vec<(String, String)>,
    /// The request was taken: look in the inbox.
    sent: bool,
    /// HelseID providers (name, button text): health personnel sign in there instead,
    /// and a participant account is made for their HPR number (decision 0045).
    helseid: Vec<(String, String)>,
}

impl SignUpPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn page(state: &AppState, jar: CookieJar, page: SignUpPage) -> Response {
    let (jar, csrf) = login_csrf(jar, state.config.secure_cookies);
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (
        status,
        jar,
        SignUpPage {
            login_csrf: csrf,
            ..page
        },
    )
        .into_response()
}

fn empty(state: &AppState) -> SignUpPage {
    SignUpPage {
        layout: Layout {
            demo: state.config.demo_sign_in,
            ..Layout::anonymous()
        },
        login_csrf: String::new(),
        name: String::new(),
        email: String::new(),
        errors: Vec::new(),
        sent: false,
        helseid: state
            .oidc
            .providers()
            .iter()
            .filter(|p| p.profile == crate::oidc::OidcProfile::Clinician)
            .map(|p| (p.name.clone(), p.label.clone()))
            .collect(),
    }
}

/// `GET /logg-inn/ny-deltaker`: the form; someone signed in goes to their own start page.
pub(crate) async fn form(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    jar: CookieJar,
) -> Result<Response, Error> {
    if let Some(user) = user {
        return Ok(Redirect::to(crate::landing(&state, &user.actor).await?).into_response());
    }
    Ok(page(&state, jar, empty(&state)))
}

/// `POST /logg-inn/ny-deltaker`: the account and its e-mail; the same answer whether an
/// account with the address existed or not.
pub(crate) async fn send(
    State(state): State<AppState>,
    jar: CookieJar,
    form: FormData,
) -> Result<Response, Error> {
    let name = form.get("navn").unwrap_or_default();
    let email = form.get("epost").unwrap_or_default();
    let asked = carepath_app::course::request_account(
        &state.store,
        name,
        email,
        crate::i18n::current(),
        &state.config.public_url,
        state.clock.now(),
    )
    .await;
    let mut shown = SignUpPage {
        name: name.chars().take(200).collect(),
        email: email.chars().take(254).collect(),
        ..empty(&state)
    };
    match asked {
        Ok(()) => {
            shown.sent = true;
            shown.name.clear();
        }
        Err(CourseError::Account(problems)) => {
            shown.errors = problems
                .iter()
                .map(|p| match p {
                    ParticipationProblem::Name => ("navn".to_owned(), tr("signup-problem-name")),
                    _ => ("epost".to_owned(), tr("signup-problem-email")),
                })
                .collect();
        }
        Err(CourseError::Store(e)) => return Err(Error::Store(e)),
        Err(_) => return Err(Error::Forbidden),
    }
    Ok(page(&state, jar, shown))
}
