//! The language of a request (decision 0028): `?lang=nb|nn|en|uk` on any page, else the
//! signed-in person's saved choice, else the browser's `Accept-Language`, else bokmål; no
//! cookie. A signed-in person's `?lang=` is saved on their account (and patient), so it
//! follows them to every page and to the messages sent to them. The language holds for the
//! whole request (a task-local), so every page frame, form error and error page built
//! while answering is in it.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use carepath_i18n::{Arg, Lang};

use crate::AppState;

/// The request's language, and whether the request named it (`?lang=`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Chosen {
    pub lang: Lang,
    pub explicit: bool,
}

tokio::task_local! {
    static CHOSEN: Chosen;
}

/// The language of the request being answered (bokmål outside one).
pub(crate) fn current() -> Lang {
    CHOSEN.try_with(|c| c.lang).unwrap_or(Lang::Nb)
}

/// Whether the request named its language (`?lang=`): signed-out pages keep it in links.
pub(crate) fn explicit() -> bool {
    CHOSEN.try_with(|c| c.explicit).unwrap_or(false)
}

/// `path` with the request's language kept (`lang=`), for a redirect that leaves the
/// signed-in pages or stays among the signed-out ones; unchanged in bokmål by default.
pub(crate) fn keep_in(path: &str) -> String {
    let lang = current();
    if lang == Lang::Nb && !explicit() {
        return path.to_owned();
    }
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}lang={}", lang.code())
}

/// `key` in the request's language.
pub(crate) fn tr(key: &str) -> String {
    carepath_i18n::t(current(), key)
}

/// `key` with arguments in the request's language.
pub(crate) fn tr_args(key: &str, args: &[(&str, Arg<'_>)]) -> String {
    carepath_i18n::t_args(current(), key, args)
}

/// `?lang=` of a query string, when it names a language.
fn from_query(query: Option<&str>) -> Option<Lang> {
    query?.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name == "lang").then(|| Lang::parse(value)).flatten()
    })
}

/// The first language of `Accept-Language` that carepath has, by the browser's order of
/// preference; Norwegian without a written standard (`no`) is bokmål.
pub(crate) fn from_accept_language(header: Option<&str>) -> Option<Lang> {
    let mut offered: Vec<(f32, usize, Lang)> = Vec::new();
    for (i, part) in header?.split(',').enumerate() {
        let mut pieces = part.trim().split(';');
        let tag = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let quality = pieces
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or_default();
        let lang = match primary {
            "nb" | "no" => Some(Lang::Nb),
            "nn" => Some(Lang::Nn),
            "en" => Some(Lang::En),
            "uk" => Some(Lang::Uk),
            _ => None,
        };
        if let Some(lang) = lang.filter(|_| quality > 0.0) {
            offered.push((quality, i, lang));
        }
    }
    offered.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    offered.first().map(|o| o.2)
}

/// Finds the request's language and answers the request in it (see the module).
pub(crate) async fn choose(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    if path.starts_with("/static/") || path == "/favicon.ico" {
        return next.run(req).await;
    }
    if path == "/fhir" || path.starts_with("/fhir/") {
        // The API has no session and no `?lang=`: its problems are worded in the caller's
        // `Accept-Language`, else bokmål.
        let chosen = Chosen {
            lang: browser(&req),
            explicit: false,
        };
        return CHOSEN.scope(chosen, next.run(req)).await;
    }
    let asked = from_query(req.uri().query());
    let session = crate::auth::session_of(req.headers(), &state)
        .await
        .ok()
        .flatten();
    let lang = match (asked, &session) {
        (Some(lang), Some(s)) => {
            if s.language != Some(lang) && state.store.set_language(s.user_id, lang).await.is_err()
            {
                tracing::warn!("a language choice could not be saved");
            }
            lang
        }
        (Some(lang), None) => lang,
        (None, Some(s)) => s.language.unwrap_or_else(|| browser(&req)),
        (None, None) => browser(&req),
    };
    if let Some(session) = session {
        // The CSRF guard and the user extractor reuse it instead of looking it up again.
        req.extensions_mut().insert(session);
    }
    let chosen = Chosen {
        lang,
        explicit: asked.is_some(),
    };
    CHOSEN.scope(chosen, next.run(req)).await
}

/// The language a request's `Accept-Language` asks for, else bokmål.
pub(crate) fn browser(req: &Request) -> Lang {
    from_accept_language(
        req.headers()
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
    .unwrap_or(Lang::Nb)
}

/// A measurement's name in the request's language.
pub(crate) fn measurement_name(kind: carepath_domain::measurement::MeasurementKind) -> String {
    tr(carepath_i18n::measurement_keys(kind).0)
}

/// A measurement's unit as shown, in the request's language.
pub(crate) fn measurement_unit(kind: carepath_domain::measurement::MeasurementKind) -> String {
    carepath_i18n::measurement_unit(kind).words(current())
}

/// Why a typed measurement was refused, in the request's language.
pub(crate) fn measurement_problem(
    problem: &carepath_domain::measurement::MeasurementError,
) -> String {
    carepath_i18n::measurement_problem(problem).words(current())
}

/// The key of a referral source's name.
pub(crate) fn source_key(source: carepath_domain::referral::ReferralSource) -> &'static str {
    use carepath_domain::referral::ReferralSource as S;
    match source {
        S::Gp => "source-gp",
        S::Hospital => "source-hospital",
        S::Other => "source-other",
    }
}

/// The key of an answer to "where did you hear about us?".
pub(crate) fn heard_key(heard: carepath_domain::referral::HeardAbout) -> &'static str {
    use carepath_domain::referral::HeardAbout as H;
    match heard {
        H::Gp => "heard-gp",
        H::Hospital => "heard-hospital",
        H::Website => "heard-website",
        H::FriendOrFamily => "heard-friend",
        H::Media => "heard-media",
        H::Other => "heard-other",
        H::Unknown => "heard-unknown",
    }
}

/// Each language in its own name, for a choice of language.
pub(crate) fn language_names() -> [(Lang, &'static str); 4] {
    [
        (Lang::Nb, "Bokmål"),
        (Lang::Nn, "Nynorsk"),
        (Lang::En, "English"),
        (Lang::Uk, "Українська"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_first_language_that_carepath_has_wins() {
        assert_eq!(from_accept_language(Some("en-GB,en;q=0.9")), Some(Lang::En));
        assert_eq!(
            from_accept_language(Some("de;q=1, nn;q=0.8, en;q=0.9")),
            Some(Lang::En)
        );
        assert_eq!(from_accept_language(Some("no")), Some(Lang::Nb));
        assert_eq!(from_accept_language(Some("uk-UA")), Some(Lang::Uk));
        assert_eq!(from_accept_language(Some("nn, nb;q=0.5")), Some(Lang::Nn));
        assert_eq!(from_accept_language(Some("en;q=0, fr")), None);
        assert_eq!(from_accept_language(Some("")), None);
        assert_eq!(from_accept_language(None), None);
    }

    #[test]
    fn only_a_known_language_in_the_query_counts() {
        assert_eq!(from_query(Some("lang=nn")), Some(Lang::Nn));
        assert_eq!(from_query(Some("side=2&lang=uk")), Some(Lang::Uk));
        assert_eq!(from_query(Some("lang=de")), None);
        assert_eq!(from_query(Some("language=en")), None);
        assert_eq!(from_query(None), None);
    }
}
