//! The care team's pages: the unit's patient list, a patient's page, registering a
//! referral, enrolling into a program version, and the exception decision for minors.

pub(crate) mod activity;
pub(crate) mod appointments;
pub(crate) mod emergency;
pub(crate) mod letter;
pub(crate) mod messages;
pub(crate) mod patient;
pub(crate) mod procedure;
pub(crate) mod referral;
pub(crate) mod statistics;
pub(crate) mod worklist;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use carepath_domain::Id;
use carepath_domain::enrollment::EnrollmentStatus;
use carepath_domain::organization::Unit;
use carepath_domain::program::ProgramVersion;
use carepath_store::enrollment::{EnrollmentQuery, EnrollmentSummary};
use std::collections::HashMap;

use crate::auth::CurrentUser;
use crate::layout::Layout;
use crate::{AppState, Error};

/// The signed-in member of a care team and their units.
pub(crate) struct Staff {
    pub user: CurrentUser,
    pub units: Vec<Unit>,
    pub demo: bool,
}

impl Staff {
    pub async fn load(state: &AppState, user: CurrentUser) -> Result<Self, Error> {
        let ids = user.care_units();
        if ids.is_empty() {
            return Err(Error::Forbidden);
        }
        let mut units = Vec::with_capacity(ids.len());
        for id in ids {
            units.push(state.store.unit(id).await?);
        }
        Ok(Self {
            user,
            units,
            demo: state.config.demo_sign_in,
        })
    }

    pub fn layout(&self) -> Layout {
        Layout::for_user(&self.user, self.demo)
    }

    /// The unit named by `id` if the user works there, else their first unit.
    pub fn unit(&self, id: Option<&str>) -> Result<&Unit, Error> {
        match id.filter(|s| !s.is_empty()) {
            None => self.units.first().ok_or(Error::Forbidden),
            Some(id) => {
                let id: Id<Unit> = id.parse().map_err(|_| Error::NotFound)?;
                self.units
                    .iter()
                    .find(|u| u.id == id)
                    .ok_or(Error::NotFound)
            }
        }
    }

    /// Applies `change` to an enrollment of the user's unit, in the user's name.
    pub async fn change(
        &self,
        state: &AppState,
        e: &carepath_domain::enrollment::Enrollment,
        change: carepath_app::enrollment::Change<'_>,
    ) -> Result<carepath_domain::enrollment::Enrollment, Error> {
        let audit = self.user.event_in(
            e.unit_id,
            e.patient_id,
            carepath_domain::audit::AuditAction::Update,
            "CarePlan",
            e.id,
        );
        Ok(carepath_app::enrollment::change(
            &state.store,
            e,
            change,
            Some(self.user.account.id),
            Some(&audit),
            state.clock.now(),
        )
        .await?)
    }
}

struct Row {
    patient_id: String,
    name: String,
    status: &'static str,
    program: String,
    percent: u32,
    enrolled: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinician/list.html")]
struct ListPage {
    layout: Layout,
    units: Vec<(String, String, bool)>,
    unit_id: String,
    unit_name: String,
    search: String,
    statuses: Vec<(&'static str, &'static str, bool)>,
    rows: Vec<Row>,
    /// Referred to the unit and not enrolled yet: (patient id, name, program, received).
    referred: Vec<(String, String, String, String)>,
    total: i64,
    page: i64,
    pages: i64,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    enhet: Option<String>,
    sok: Option<String>,
    status: Option<String>,
    side: Option<String>,
}

const PER_PAGE: i64 = 25;

pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<axum::response::Response, Error> {
    let staff = Staff::load(&state, user).await?;
    let unit = staff.unit(q.enhet.as_deref())?;
    // "paused" is an active enrollment the care team has paused; "active" leaves those out.
    let paused_asked = q.status.as_deref() == Some(PAUSED);
    let status = if paused_asked {
        Some(EnrollmentStatus::Active)
    } else {
        q.status.as_deref().and_then(EnrollmentStatus::parse)
    };
    let paused = match status {
        Some(EnrollmentStatus::Active) => Some(paused_asked),
        _ => None,
    };
    let page_no = q
        .side
        .as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1i64)
        .max(1);
    let result = state
        .store
        .unit_enrollments(
            unit.id,
            &EnrollmentQuery {
                search: q.sok.clone(),
                status,
                paused,
                page: page_no,
                per_page: PER_PAGE,
            },
        )
        .await?;
    let mut versions: HashMap<_, ProgramVersion> = HashMap::new();
    let mut rows = Vec::with_capacity(result.items.len());
    for item in &result.items {
        if let std::collections::hash_map::Entry::Vacant(slot) =
            versions.entry(item.program_version_id)
        {
            slot.insert(state.store.program_version(item.program_version_id).await?);
        }
        let v = &versions[&item.program_version_id];
        rows.push(row(item, v));
    }
    // Referrals waiting to be enrolled, found by the same search; not a status of an
    // enrollment, so shown apart, and not when a status is asked for.
    let referred = if status.is_none() && !paused_asked {
        state
            .store
            .referrals_not_enrolled(unit.id, q.sok.as_deref(), PER_PAGE)
            .await?
    } else {
        Vec::new()
    };
    let offered = state.store.unit_programs(unit.id).await?;
    // Every patient shown on the page is a read of that patient's data.
    let shown: Vec<_> = result
        .items
        .iter()
        .map(|i| i.patient_id)
        .chain(referred.iter().map(|r| r.0))
        .map(|patient| {
            staff.user.event_in(
                unit.id,
                patient,
                carepath_domain::audit::AuditAction::Read,
                "Patient",
                patient,
            )
        })
        .collect();
    crate::audit::record(&state, &shown).await?;
    let search = q.sok.clone().unwrap_or_default();
    let status_text = if paused_asked {
        PAUSED.to_owned()
    } else {
        status.map(|s| s.as_str()).unwrap_or_default().to_owned()
    };
    let link = |p: i64| {
        let mut url = url_query(&[
            ("enhet", &unit.id.to_string()),
            ("sok", &search),
            ("status", &status_text),
        ]);
        url.push_str(&format!("&side={p}"));
        url
    };
    let pages = result.pages();
    Ok(ListPage {
        layout: staff.layout(),
        units: staff
            .units
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone(), u.id == unit.id))
            .collect(),
        unit_id: unit.id.to_string(),
        unit_name: unit.name.clone(),
        search: search.clone(),
        statuses: EnrollmentStatus::ALL
            .iter()
            .flat_map(|s| {
                let mut choices = vec![(
                    s.as_str(),
                    carepath_i18n::status_key(*s),
                    Some(*s) == status && !paused_asked,
                )];
                if *s == EnrollmentStatus::Active {
                    choices.push((PAUSED, "status-paused", paused_asked));
                }
                choices
            })
            .collect(),
        rows,
        referred: referred
            .iter()
            .map(|(patient, name, program, at)| {
                (
                    patient.to_string(),
                    name.clone(),
                    offered
                        .iter()
                        .find(|v| v.program_id == *program)
                        .map(|v| v.definition.title.get(crate::i18n::current()).to_owned())
                        .unwrap_or_default(),
                    crate::layout::when(*at),
                )
            })
            .collect(),
        total: result.total,
        page: result.page,
        pages,
        previous: (result.page > 1).then(|| link(result.page - 1)),
        next: (result.page < pages).then(|| link(result.page + 1)),
    }
    .into_response())
}

/// The list's filter value for paused enrollments.
const PAUSED: &str = "paused";

fn row(item: &EnrollmentSummary, v: &ProgramVersion) -> Row {
    Row {
        patient_id: item.patient_id.to_string(),
        name: item.patient_name.clone(),
        status: if item.paused {
            "status-paused"
        } else {
            carepath_i18n::status_key(item.status)
        },
        program: v.definition.title.get(crate::i18n::current()).to_owned(),
        // A count of pages read may include pages of an optional module later deselected;
        // capped at 100 %.
        percent: carepath_domain::enrollment::percent_of(
            usize::try_from(item.pages_read).unwrap_or(0),
            v.definition.visible_page_count(&item.chosen_modules),
        ),
        enrolled: crate::layout::when(item.enrolled_at),
    }
}

/// `/klinikk?a=b&...` with the values percent-encoded, blank ones left out.
fn url_query(pairs: &[(&str, &str)]) -> String {
    let kept: Vec<_> = pairs.iter().filter(|(_, v)| !v.is_empty()).collect();
    format!(
        "/klinikk?{}",
        serde_urlencoded::to_string(kept).unwrap_or_default()
    )
}
