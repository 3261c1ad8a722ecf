//! What every page's frame shows: language, who is signed in, and the demo notice; and the
//! words of the page in its language (`layout.t("key")` in templates).

use carepath_i18n::{Arg, Lang};

/// The frame of a page (see `templates/base.html`).
#[derive(Debug, Clone)]
pub struct Layout {
    /// The language of the page: the request's (`crate::i18n`).
    pub lang: Lang,
    pub user_name: Option<String>,
    pub demo: bool,
    /// The CSRF token for this page's forms (empty when nobody is signed in).
    pub csrf: String,
    /// A patient's link to their messages, with how many are unread; `None`: no link.
    pub messages: Option<i64>,
    /// Where the logo and a patient's "Min side" links lead (`patient::home` for a
    /// patient, `/` otherwise), so a patient's never redirects.
    pub home: &'static str,
}

impl Layout {
    pub fn anonymous() -> Self {
        Self {
            lang: crate::i18n::current(),
            user_name: None,
            demo: false,
            csrf: String::new(),
            messages: None,
            home: "/",
        }
    }

    pub fn for_user(user: &crate::auth::CurrentUser, demo: bool) -> Self {
        let mut layout = Self {
            user_name: Some(user.account.display_name.clone()),
            demo,
            csrf: user.csrf.clone(),
            ..Self::anonymous()
        };
        // Staff pages have no Ukrainian: their words fall back to English, and the page
        // says so. Patients and course participants read every page in Ukrainian.
        if layout.lang == Lang::Uk && user.roles.iter().any(|g| g.role.is_staff()) {
            layout.lang = Lang::En;
        }
        layout
    }

    /// `<html lang>`.
    /// The stylesheet, inlined (`crate::assets::inline_css`).
    pub fn inline_css(&self) -> &'static str {
        crate::assets::inline_css()
    }

    /// The script, inlined at the end of the page (`crate::assets::inline_js`).
    pub fn inline_js(&self) -> &'static str {
        crate::assets::inline_js()
    }

    /// The address of a static file (`app.css`), with its content's hash in the name.
    pub fn asset(&self, file: &str) -> String {
        crate::assets::path(file)
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The text of `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        carepath_i18n::t(self.lang, key)
    }

    /// `key` with one argument.
    pub fn t1<'a>(&self, key: &str, name: &str, value: impl Into<Arg<'a>>) -> String {
        carepath_i18n::t_args(self.lang, key, &[(name, value.into())])
    }

    /// `key` with two arguments.
    pub fn t2<'a, 'b>(
        &self,
        key: &str,
        name1: &str,
        value1: impl Into<Arg<'a>>,
        name2: &str,
        value2: impl Into<Arg<'b>>,
    ) -> String {
        carepath_i18n::t_args(
            self.lang,
            key,
            &[(name1, value1.into()), (name2, value2.into())],
        )
    }

    /// What a signed-out page adds to its links and form addresses to keep a language the
    /// visitor asked for (`?lang=en`); nothing when signed in (the choice is saved) or
    /// not asked.
    pub fn keep(&self) -> String {
        if self.user_name.is_none() && crate::i18n::explicit() {
            format!("?lang={}", self.lang.code())
        } else {
            String::new()
        }
    }

    /// The language switcher: each language in its own name, its link, and whether it is
    /// the page's.
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        crate::i18n::language_names()
            .into_iter()
            .map(|(l, name)| (l.code(), name, l == self.lang))
            .collect()
    }
}

/// A date as the request's language writes it (`5. mars 2027`, `5 March 2027`).
pub fn date(date: chrono::NaiveDate) -> String {
    carepath_i18n::date(crate::i18n::current(), date)
}

/// A point in time as a date in the request's language, in Norwegian time.
pub fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    date(oslo_today(t))
}

/// A time as a date and the hour in Norway: "4. desember 2026 kl. 08:30".
pub fn when_at(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::i18n::tr_args(
        "date-at-time",
        &[
            ("date", when(t).into()),
            (
                "time",
                t.with_timezone(&chrono_tz::Europe::Oslo)
                    .format("%H:%M")
                    .to_string()
                    .into(),
            ),
        ],
    )
}

/// Today's date in Norway.
pub fn oslo_today(now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    now.with_timezone(&chrono_tz::Europe::Oslo).date_naive()
}
