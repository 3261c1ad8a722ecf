//! Every page of the route registry in every language it is offered in (decision 0028):
//! as each persona, each GET page answers in the asked language (`<html lang>`) and shows
//! no Fluent key instead of a word. Driven by the registry, so a page added later is
//! covered without anyone remembering it; the browser test adds axe on a walk of them.

use carepath_test_support::app::{Session, TestApp};
use carepath_web::{Access, route_table};

/// The text nodes of a page outside program content (authored text is not ours).
fn visible_text(html: &str) -> Vec<String> {
    let mut body = html.to_owned();
    while let Some(start) = body.find("<article class=\"prose\"") {
        let end = body[start..]
            .find("</article>")
            .map_or(body.len(), |e| start + e + 10);
        body.replace_range(start..end, "");
    }
    for (open, close) in [
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<title", "</title>"),
    ] {
        while let Some(start) = body.find(open) {
            let end = body[start..]
                .find(close)
                .map_or(body.len(), |e| start + e + close.len());
            body.replace_range(start..end, "");
        }
    }
    body.split('<')
        .filter_map(|piece| {
            piece
                .split_once('>')
                .map(|(_, text)| text.trim().to_owned())
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// A Fluent key shown instead of its words: `page-number`, `q-next`.
fn key_like(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() > 1
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
}

/// Path parameters filled with something that exists where it is easy (the demo's
/// program content), else made up (the page then answers "not found", which must be in
/// the language too).
fn fill(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
        out.push_str(match &rest[start + 1..end] {
            "key" => "ibs-symptomskaar",
            "module" => "om-ibs",
            "course" => "digital-hjemmeoppfolging",
            "lesson" => "hva-er-dho",
            "part" => "del-1",
            "page" if path.starts_with("/tilbud") => "01-lav-fodmap",
            "page" => "01-hva-er-ibs",
            "program" => "ibs-school",
            "provider" => "idporten",
            _ => "00000000-0000-0000-0000-000000000000",
        });
        rest = &rest[(end + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// The registry's pages: what a person opens in a browser (not the API, files and
/// downloads, the live event stream, the OpenID redirects or the health check).
fn pages() -> Vec<carepath_web::RouteDef> {
    route_table()
        .into_iter()
        .filter(|r| r.method == "GET" && r.access != Access::Api)
        .filter(|r| !r.path.contains("hendelser") && !r.path.starts_with("/media"))
        .filter(|r| !r.path.starts_with("/static") && !r.path.contains("/fhir"))
        .filter(|r| !r.path.contains("/oidc/") && r.path != "/healthz" && r.path != "/favicon.ico")
        .filter(|r| !r.path.contains("/vedlegg/") && !r.path.ends_with("/csv"))
        // Downloads (a letter's PDF, a spreadsheet, a report's file) are files, not pages.
        .filter(|r| !r.path.ends_with("/pdf") && !r.path.ends_with("/xlsx"))
        .filter(|r| {
            ![".csv", ".xlsx", ".pdf", ".json"]
                .iter()
                .any(|e| r.path.ends_with(e))
        })
        .filter(|r| !r.path.starts_with("/pasient/brev/"))
        .collect()
}

/// The pages as the browser test reads them (`tests/browser/pages.json`).
fn pages_json() -> String {
    let lines: Vec<String> = pages()
        .iter()
        .map(|r| {
            format!(
                "  {{ \"path\": \"{}\", \"access\": \"{:?}\" }}",
                r.path, r.access
            )
        })
        .collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

/// The browser test walks every page of the registry with axe in each language: its list
/// is the registry's, kept in step here (a page added to the registry fails this test
/// until the list is written again, and the browser walk then covers it).
#[test]
fn the_browser_walk_lists_every_page_of_the_registry() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser/pages.json");
    let want = pages_json();
    if std::env::var_os("UPDATE_PAGES").is_some() {
        std::fs::write(&path, &want).expect("tests/browser/pages.json written");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        have, want,
        "the registry's pages changed: run `UPDATE_PAGES=1 cargo test -p carepath-web --test it language_walk` and commit tests/browser/pages.json"
    );
}

#[tokio::test]
async fn every_page_reads_in_each_language_with_no_key_shown() {
    for app in TestApp::each_backend().await {
        let routes = pages();
        assert!(routes.len() > 15, "the registry's pages");
        let mut checked = 0;
        for (username, roles) in [
            (None, &[Access::Public][..]),
            (
                Some("pasient2"),
                &[Access::Public, Access::SignedIn, Access::Patient][..],
            ),
            (
                Some("kliniker1"),
                &[Access::Public, Access::SignedIn, Access::CareTeam][..],
            ),
            (
                Some("admin"),
                &[Access::Public, Access::SignedIn, Access::Admin][..],
            ),
            // A course participant: the course pages in every language, Ukrainian too.
            (Some("deltaker1"), &[Access::Public, Access::SignedIn][..]),
        ] {
            let session: Option<Session> = match username {
                Some(u) => Some(app.sign_in(u).await),
                None => None,
            };
            for lang in ["nb", "nn", "en", "uk"] {
                for route in routes.iter().filter(|r| roles.contains(&r.access)) {
                    // Staff pages have no Ukrainian: they say English (error pages are
                    // in every language).
                    let path = fill(route.path);
                    let sep = if path.contains('?') { '&' } else { '?' };
                    let res = app
                        .get(session.as_ref(), &format!("{path}{sep}lang={lang}"))
                        .await;
                    if !res.body.starts_with("<!doctype html>") {
                        continue;
                    }
                    // The course pages have every language, whoever reads them.
                    let course_page = route.path.starts_with("/kurs") || route.path == "/mine-kurs";
                    let staff_user = matches!(username, Some("kliniker1" | "admin"));
                    let staff_page = staff_user && route.access != Access::Public && !course_page;
                    let expected = if lang == "uk" && staff_page && res.status.is_success() {
                        "en"
                    } else {
                        lang
                    };
                    let label = format!("{} {path} as {username:?} in {lang}", app.backend());
                    assert!(
                        res.body.contains(&format!("<html lang=\"{expected}\">")),
                        "{label}: {}",
                        &res.body[..res.body.len().min(300)]
                    );
                    let keys: Vec<String> = visible_text(&res.body)
                        .into_iter()
                        .filter(|t| key_like(t))
                        .collect();
                    assert!(keys.is_empty(), "{label} shows keys: {keys:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 60, "pages checked: {checked}");
    }
}

#[test]
fn the_walk_sees_a_key_and_not_a_word() {
    assert!(key_like("page-number"));
    assert!(key_like("q-next"));
    assert!(!key_like("Side 1 av 3"));
    assert!(!key_like("tarm-hjerne-aksen på norsk"));
    assert!(!key_like("–"));
    let text = visible_text(
        r#"<html><head><title>a-b</title></head><body><p>q-next</p><article class="prose"><p>tarm-hjerne-aksen</p></article></body></html>"#,
    );
    assert_eq!(text, ["q-next"]);
}
