//! Public pages (decision 0047): `/` for someone not signed in, each program's page
//! `/tilbud/{program}` and its package's public pages `/tilbud/{program}/{page}`, in every
//! language, phone first, without a cookie. Each view raises the page's count for the day;
//! who visited is not stored. The use cases are in `carepath_app::public`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::Lang;
use carepath_domain::program::ProgramVersion;

use crate::auth::CurrentUser;
use crate::i18n::{tr, tr_args};
use crate::layout::Layout;
use crate::{AppState, Error};

/// A program as a card or a heading.
pub(crate) struct Offer {
    key: String,
    title: String,
    summary: String,
    /// The title's language when it is not the page's (bokmål shown on another page).
    lang: &'static str,
}

impl Offer {
    fn of(v: &ProgramVersion, lang: Lang) -> Self {
        let d = &v.definition;
        Self {
            key: d.key.clone(),
            title: d.title.get(lang).to_owned(),
            summary: d.summary.get(lang).to_owned(),
            lang: other_lang(d.title.languages().any(|l| l == lang), lang),
        }
    }
}

/// `"nb"` when a text shown on a page in `lang` is not in it (it falls back to bokmål).
fn other_lang(has: bool, lang: Lang) -> &'static str {
    if has || lang == Lang::Nb { "" } else { "nb" }
}

/// A service as the public sees it.
pub(crate) struct Place {
    name: String,
    /// "Telefon 55 00 00 00 (hverdager 08–15)", or empty.
    phone: String,
    programs: Vec<Offer>,
    /// On a program's page: how the place runs it ("Running since ...") and its contact
    /// for health professionals; empty elsewhere.
    note: String,
    contact: String,
}

/// How `s` runs `program`, in words: its start or status, and its contact.
fn running(
    s: &carepath_app::public::Service,
    program: carepath_domain::Id<carepath_domain::program::Program>,
    lang: Lang,
) -> (String, String) {
    use carepath_domain::organization::PlaceStatus;
    let how = s.how(program);
    let date = |d: chrono::NaiveDate| carepath_i18n::date(lang, d);
    let note = match (how.status, how.started_on) {
        (PlaceStatus::Planned, Some(d)) => {
            tr_args("public-place-planned", &[("date", date(d).into())])
        }
        (PlaceStatus::Planned, None) => tr("public-place-planned-undated"),
        (PlaceStatus::Paused, _) => tr("public-place-paused"),
        (PlaceStatus::Running, Some(d)) => {
            tr_args("public-place-since", &[("date", date(d).into())])
        }
        _ => String::new(),
    };
    let contact = how
        .contact
        .map(|c| tr_args("public-place-contact", &[("contact", c.into())]))
        .unwrap_or_default();
    (note, contact)
}

fn place(s: &carepath_app::public::Service, lang: Lang) -> Place {
    Place {
        name: s.unit.name.clone(),
        phone: match (&s.phone, &s.hours) {
            (Some(p), Some(h)) => tr_args(
                "public-phone-hours",
                &[("phone", p.as_str().into()), ("hours", h.as_str().into())],
            ),
            (Some(p), None) => tr_args("public-phone", &[("phone", p.as_str().into())]),
            _ => String::new(),
        },
        programs: s.programs.iter().map(|v| Offer::of(v, lang)).collect(),
        note: String::new(),
        contact: String::new(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "public/front.html")]
pub(crate) struct FrontPage {
    layout: Layout,
    places: Vec<Place>,
}

/// `/`: the public front page for someone not signed in; anyone signed in goes to their
/// own start page.
pub(crate) async fn front(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
) -> Result<Response, Error> {
    if let Some(u) = user {
        return Ok(Redirect::to(crate::landing(&state, &u.actor).await?).into_response());
    }
    let lang = crate::i18n::current();
    let places = carepath_app::public::services(&state.store)
        .await?
        .iter()
        .map(|s| place(s, lang))
        .collect();
    carepath_app::public::visit(&state.store, "/", state.clock.now()).await?;
    Ok(FrontPage {
        layout: layout(None, &state),
        places,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "public/program.html")]
pub(crate) struct ProgramPage {
    layout: Layout,
    offer: Offer,
    months: u32,
    /// Who it is for, worded.
    who: String,
    /// How a younger patient may still be taken, worded, when they may.
    exception: Option<String>,
    places: Vec<Place>,
    /// The package's pages: (key, title), the referrers' page apart.
    pages: Vec<(String, String)>,
    referrers: Option<(String, String)>,
}

async fn find(state: &AppState, key: &str) -> Result<carepath_app::public::ProgramPage, Error> {
    carepath_app::public::program(&state.store, key)
        .await?
        .ok_or(Error::NotFound)
}

/// Every language, and the demo's banner on a demo server.
fn layout(user: Option<&CurrentUser>, state: &AppState) -> Layout {
    Layout {
        demo: state.config.demo_sign_in,
        ..crate::course::layout(state, user)
    }
}

pub(crate) async fn program(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Path(key): Path<String>,
) -> Result<ProgramPage, Error> {
    let found = find(&state, &key).await?;
    let lang = crate::i18n::current();
    let d = &found.version.definition;
    let e = &d.eligibility;
    let title = |p: &carepath_domain::program::PageDefinition| {
        (p.key.clone(), p.title.get(lang).to_owned())
    };
    let referrers = d.public.referrers.as_deref();
    let page = ProgramPage {
        layout: layout(user.as_ref(), &state),
        offer: Offer::of(&found.version, lang),
        months: d.duration_months,
        who: tr_args("public-who", &[("age", i64::from(e.min_age).into())]),
        exception: e.exception_min_age.filter(|a| *a < e.min_age).map(|a| {
            tr_args(
                "public-who-exception",
                &[
                    ("from", i64::from(a).into()),
                    ("to", i64::from(e.min_age.saturating_sub(1)).into()),
                ],
            )
        }),
        places: found
            .places
            .iter()
            .map(|s| {
                let (note, contact) = running(s, found.version.program_id, lang);
                Place {
                    programs: Vec::new(),
                    note,
                    contact,
                    ..place(s, lang)
                }
            })
            .collect(),
        pages: d
            .public
            .pages
            .iter()
            .filter(|p| Some(p.key.as_str()) != referrers)
            .map(title)
            .collect(),
        referrers: d
            .public
            .pages
            .iter()
            .find(|p| Some(p.key.as_str()) == referrers)
            .map(title),
    };
    carepath_app::public::visit(&state.store, &format!("/tilbud/{key}"), state.clock.now()).await?;
    Ok(page)
}

#[derive(Template, WebTemplate)]
#[template(path = "public/page.html")]
pub(crate) struct PublicPage {
    layout: Layout,
    offer: Offer,
    title: String,
    body_html: String,
    /// `"nb"` when the page is shown in bokmål on a page in another language.
    lang: &'static str,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    Path((key, page)): Path<(String, String)>,
) -> Result<PublicPage, Error> {
    let found = find(&state, &key).await?;
    let lang = crate::i18n::current();
    let v = &found.version;
    let p = v
        .definition
        .public
        .pages
        .iter()
        .find(|p| p.key == page)
        .ok_or(Error::NotFound)?;
    let body = p.body.get(lang);
    let out = PublicPage {
        layout: layout(user.as_ref(), &state),
        offer: Offer::of(v, lang),
        title: p.title.get(lang).to_owned(),
        body_html: crate::markdown::render(body, &v.id.to_string(), &[]),
        lang: other_lang(p.body.languages().any(|l| l == lang), lang),
    };
    carepath_app::public::visit(
        &state.store,
        &format!("/tilbud/{key}/{page}"),
        state.clock.now(),
    )
    .await?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Enquiries from health professionals (decision 0048).

#[derive(Template, WebTemplate)]
#[template(path = "public/enquiry.html")]
pub(crate) struct EnquiryPage {
    layout: Layout,
    offer: Offer,
    csrf: String,
    /// The units that run the program: (id, name, chosen); a choice when several.
    units: Vec<(String, String, bool)>,
    form: carepath_domain::enquiry::EnquiryForm,
    /// (field id, message), for the error summary.
    errors: Vec<(String, String)>,
    sent: bool,
}

impl EnquiryPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn enquiry_page(
    state: &AppState,
    user: Option<&CurrentUser>,
    jar: axum_extra::extract::CookieJar,
    found: &carepath_app::public::ProgramPage,
    chosen: Option<&str>,
) -> (axum_extra::extract::CookieJar, EnquiryPage) {
    let (jar, csrf) = match user {
        Some(u) => (jar, u.csrf.clone()),
        None => crate::auth::login_csrf(jar, state.config.secure_cookies),
    };
    let lang = crate::i18n::current();
    let page = EnquiryPage {
        layout: layout(user, state),
        offer: Offer::of(&found.version, lang),
        csrf,
        units: found
            .places
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let id = s.unit.id.to_string();
                let pick = chosen.map_or(i == 0, |c| c == id);
                (id, s.unit.name.clone(), pick)
            })
            .collect(),
        form: carepath_domain::enquiry::EnquiryForm::default(),
        errors: Vec::new(),
        sent: false,
    };
    (jar, page)
}

/// `GET /tilbud/{program}/sporsmal`: the form (it sets the sign-in forms' CSRF cookie for
/// someone not signed in; the other public pages set none).
pub(crate) async fn enquiry_form(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    jar: axum_extra::extract::CookieJar,
    Path(key): Path<String>,
) -> Result<Response, Error> {
    let found = find(&state, &key).await?;
    Ok(enquiry_page(&state, user.as_ref(), jar, &found, None).into_response())
}

/// `POST /tilbud/{program}/sporsmal`: the enquiry lands on the chosen unit's worklist;
/// every problem is shown beside its field, what was typed kept.
pub(crate) async fn enquire(
    State(state): State<AppState>,
    user: Option<CurrentUser>,
    jar: axum_extra::extract::CookieJar,
    Path(key): Path<String>,
    form: crate::form::FormData,
) -> Result<Response, Error> {
    use carepath_app::public::EnquiryError;
    use carepath_domain::enquiry::{EnquiryForm, EnquiryProblem};
    let found = find(&state, &key).await?;
    let field = |name: &str| {
        form.get(name)
            .unwrap_or_default()
            .chars()
            .take(4000)
            .collect::<String>()
    };
    let typed = EnquiryForm {
        name: field("navn"),
        profession: field("yrke"),
        workplace: field("arbeidssted"),
        contact: field("kontakt"),
        message: field("sporsmal"),
    };
    let chosen = form.get("enhet").filter(|u| !u.is_empty());
    let unit = match chosen {
        None => None,
        Some(u) => Some(u.parse().map_err(|_| Error::NotFound)?),
    };
    let result =
        carepath_app::public::enquire(&state.store, &key, unit, &typed, state.clock.now()).await;
    let (jar, mut page) = enquiry_page(&state, user.as_ref(), jar, &found, chosen);
    match result {
        Ok(_) => {
            page.sent = true;
            Ok((jar, page).into_response())
        }
        Err(EnquiryError::Problems(problems)) => {
            page.errors = problems
                .iter()
                .map(|p| {
                    let (id, key) = match p {
                        EnquiryProblem::Name => ("navn", "enquiry-problem-name"),
                        EnquiryProblem::Profession => ("yrke", "enquiry-problem-profession"),
                        EnquiryProblem::Workplace => ("arbeidssted", "enquiry-problem-workplace"),
                        EnquiryProblem::Contact => ("kontakt", "enquiry-problem-contact"),
                        EnquiryProblem::Message => ("sporsmal", "enquiry-problem-message"),
                    };
                    (id.to_owned(), crate::i18n::tr(key))
                })
                .collect();
            page.form = typed;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, jar, page).into_response())
        }
        Err(EnquiryError::NotFound) => Err(Error::NotFound),
        Err(EnquiryError::Store(e)) => Err(e.into()),
    }
}
