//! What every page's frame shows: language, who is signed in, and the demo notice.

/// The frame of a page (see `templates/base.html`).
#[derive(Debug, Clone)]
pub struct Layout {
    pub lang: &'static str,
    pub user_name: Option<String>,
    pub demo: bool,
    /// The CSRF token for this page's forms (empty when nobody is signed in).
    pub csrf: String,
}

impl Layout {
    pub fn anonymous() -> Self {
        Self {
            lang: "nb",
            user_name: None,
            demo: false,
            csrf: String::new(),
        }
    }

    pub fn for_user(user: &crate::auth::CurrentUser, demo: bool) -> Self {
        Self {
            lang: "nb",
            user_name: Some(user.account.display_name.clone()),
            demo,
            csrf: user.csrf.clone(),
        }
    }
}

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

/// A date the Norwegian way: `1. januar 1990`.
pub fn date_nb(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{}. {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// Today's date in Norway.
pub fn oslo_today(now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    now.with_timezone(&chrono_tz::Europe::Oslo).date_naive()
}

/// A point in time as a Norwegian date, in Norwegian time.
pub fn when_nb(t: chrono::DateTime<chrono::Utc>) -> String {
    date_nb(oslo_today(t))
}
