//! Registering a referral: the national identity number (check digits, D-numbers and the
//! 2032 rule), the referral source and "where did you hear about us?".

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use carepath_domain::nin::NinError;
use carepath_domain::referral::{HeardAbout, ReferralSource};
use carepath_domain::{Id, NationalIdNumber};

use super::Staff;
use crate::auth::CurrentUser;
use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, Error};
use carepath_app::referral::{self, Received, RegisterError};

#[derive(Template, WebTemplate)]
#[template(path = "clinician/referral.html")]
struct ReferralPage {
    layout: Layout,
    units: Vec<(String, String, bool)>,
    programs: Vec<(String, String, bool)>,
    sources: Vec<(&'static str, &'static str, bool)>,
    heard: Vec<(&'static str, &'static str, bool)>,
    /// The referring GP's region (decision 0053): (code, name, chosen).
    regions: Vec<(&'static str, String, bool)>,
    /// The patient's language for what is sent to them: (code, own name, chosen).
    languages: Vec<(&'static str, &'static str, bool)>,
    values: Values,
    errors: Vec<(&'static str, String)>,
}

#[derive(Default)]
struct Values {
    unit: String,
    program: String,
    nin: String,
    name: String,
    gp: String,
    gp_her_id: String,
    source: String,
    heard: String,
    region: String,
    language: String,
    email: String,
    mobile: String,
}

impl ReferralPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn page(
    state: &AppState,
    staff: &Staff,
    values: Values,
    errors: Vec<(&'static str, String)>,
) -> Result<ReferralPage, Error> {
    let mut programs = Vec::new();
    for unit in &staff.units {
        for v in referral::open_programs(&state.store, unit.id).await? {
            let id = v.program_id.to_string();
            let selected = id == values.program;
            programs.push((
                id,
                v.definition.title.get(crate::i18n::current()).to_owned(),
                selected,
            ));
        }
    }
    programs.dedup();
    Ok(ReferralPage {
        layout: staff.layout(),
        units: staff
            .units
            .iter()
            .map(|u| {
                (
                    u.id.to_string(),
                    u.name.clone(),
                    u.id.to_string() == values.unit,
                )
            })
            .collect(),
        programs,
        sources: ReferralSource::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    crate::i18n::source_key(*s),
                    s.as_str() == values.source,
                )
            })
            .collect(),
        heard: HeardAbout::ALL
            .iter()
            .map(|h| {
                (
                    h.as_str(),
                    crate::i18n::heard_key(*h),
                    h.as_str() == values.heard,
                )
            })
            .collect(),
        regions: carepath_domain::region::Region::all()
            .map(|r| {
                (
                    r.code(),
                    crate::course::region_name(r),
                    r.code() == values.region,
                )
            })
            .collect(),
        languages: crate::i18n::language_names()
            .into_iter()
            .map(|(l, name)| (l.code(), name, l.code() == values.language))
            .collect(),
        values,
        errors,
    })
}

pub async fn form(State(state): State<AppState>, user: CurrentUser) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    Ok(page(&state, &staff, Values::default(), vec![])
        .await?
        .into_response())
}

/// Why a national identity number was refused, in the request's language.
pub(crate) fn nin_message(e: &NinError) -> String {
    crate::i18n::tr(carepath_i18n::nin_key(e))
}

pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    form: FormData,
) -> Result<Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let values = Values {
        unit: form.get("enhet").unwrap_or_default().to_owned(),
        program: form.get("program").unwrap_or_default().to_owned(),
        nin: form.get("fodselsnummer").unwrap_or_default().to_owned(),
        name: carepath_domain::text::one_line(form.get("navn").unwrap_or_default()),
        gp: carepath_domain::text::one_line(form.get("fastlege").unwrap_or_default()),
        gp_her_id: form.get("her_id").unwrap_or_default().trim().to_owned(),
        source: form.get("kilde").unwrap_or_default().to_owned(),
        heard: form.get("hort_om").unwrap_or_default().to_owned(),
        region: form.get("region").unwrap_or_default().to_owned(),
        language: form.get("sprak").unwrap_or_default().to_owned(),
        email: form.get("epost").unwrap_or_default().trim().to_owned(),
        mobile: form.get("mobil").unwrap_or_default().trim().to_owned(),
    };
    let mut errors = Vec::new();
    let unit = staff
        .unit(Some(&values.unit))
        .ok()
        .or(if staff.units.len() == 1 {
            staff.units.first()
        } else {
            None
        });
    if unit.is_none() {
        errors.push(("enhet", crate::i18n::tr("referral-error-unit")));
    }
    let nin = match NationalIdNumber::parse(&values.nin) {
        Ok(n) => Some(n),
        Err(e) => {
            errors.push(("fodselsnummer", nin_message(&e)));
            None
        }
    };
    if values.name.chars().count() < 2 {
        errors.push(("navn", crate::i18n::tr("referral-error-name")));
    } else if values.name.chars().count() > 200 {
        errors.push(("navn", crate::i18n::tr("referral-error-name-long")));
    }
    if values.gp.chars().count() > 200 {
        errors.push(("fastlege", crate::i18n::tr("referral-error-gp-long")));
    }
    let gp_her_id = if values.gp_her_id.is_empty() {
        None
    } else {
        let parsed = carepath_domain::letter::HerId::parse(&values.gp_her_id).ok();
        if parsed.is_none() {
            errors.push(("her_id", crate::i18n::tr("contact-her-id-invalid")));
        }
        parsed
    };
    // Optional; when typed, it must be one.
    let mut optional = |typed: &str, check: fn(&str) -> Option<String>, field, key| {
        let value = check(typed).filter(|_| !typed.is_empty());
        if value.is_none() && !typed.is_empty() {
            errors.push((field, crate::i18n::tr(key)));
        }
        value
    };
    let email = optional(
        &values.email,
        carepath_domain::patient::email_address,
        "epost",
        "contact-email-invalid",
    );
    let mobile = optional(
        &values.mobile,
        carepath_domain::patient::mobile_number,
        "mobil",
        "contact-mobile-invalid",
    );
    let source = ReferralSource::parse(&values.source);
    if source.is_none() {
        errors.push(("kilde", crate::i18n::tr("referral-error-source")));
    }
    let heard = HeardAbout::parse(&values.heard);
    if heard.is_none() {
        errors.push(("hort_om", crate::i18n::tr("referral-error-heard")));
    }
    let region = carepath_domain::region::Region::parse(&values.region);
    if region.is_none() && !values.region.is_empty() {
        errors.push(("region", crate::i18n::tr("referral-error-region")));
    }
    let mut program = None;
    if let Some(unit) = unit {
        let offered = referral::open_programs(&state.store, unit.id).await?;
        program = offered
            .into_iter()
            .find(|v| v.program_id.to_string() == values.program);
        if program.is_none() {
            errors.push(("program", crate::i18n::tr("referral-error-program")));
        }
    }
    let (Some(unit), Some(nin), Some(source), Some(heard), Some(program), true) =
        (unit, nin, source, heard, program, errors.is_empty())
    else {
        let page = page(&state, &staff, values, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let audit = staff.user.event_in(
        unit.id,
        Id::new(),
        carepath_domain::audit::AuditAction::Create,
        "ServiceRequest",
        "",
    );
    let received = Received {
        language: carepath_domain::Lang::parse(&values.language),
        email,
        mobile,
        nin,
        name: &values.name,
        gp: Some(values.gp.as_str()),
        gp_her_id,
        unit: unit.id,
        program: program.program_id,
        source,
        heard_about: heard,
        region,
        by: staff.user.account.id,
        audit: &audit,
    };
    let registered = match referral::register(&state.store, received, state.clock.now()).await {
        Ok(r) => r,
        Err(RegisterError::NoBirthDate) => {
            return Err(Error::BadRequest(nin_message(&NinError::BirthDate)));
        }
        Err(RegisterError::NoName) => {
            return Err(Error::BadRequest(crate::i18n::tr("referral-error-name")));
        }
        Err(RegisterError::Store(e)) => return Err(e.into()),
    };
    // A number already registered keeps its patient (and name): say so, so a typing error
    // in the number does not attach the referral to someone else unnoticed.
    let which = if registered.new_patient {
        "ny"
    } else {
        "eksisterende"
    };
    Ok(Redirect::to(&format!(
        "/klinikk/pasient/{}?henvisning={which}",
        registered.patient
    ))
    .into_response())
}
