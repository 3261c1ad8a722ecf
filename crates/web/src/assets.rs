//! The static files (the icon), served under names that carry a hash of their content
//! (`/static/icon.3f2a9c1b7d0e.svg`): browsers keep them for a year without asking again,
//! and a new build changes the name exactly when a file changes. Pages are never kept
//! (`no-store`), so a page always names the current files. The stylesheet and the script
//! go inline into every page, allowed by their hashes in the Content-Security-Policy.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

struct Asset {
    /// The name a template asks for (`icon.svg`).
    file: &'static str,
    /// The name it is served under (`icon.<hash>.svg`).
    served: String,
    content_type: &'static str,
    body: &'static [u8],
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    [(
        "icon.svg",
        "image/svg+xml",
        include_bytes!("../static/icon.svg").as_slice(),
    )]
    .into_iter()
    .map(|(file, content_type, body)| {
        let hash = hex::encode(&Sha256::digest(body)[..6]);
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        Asset {
            file,
            served: format!("{stem}.{hash}.{ext}"),
            content_type,
            body,
        }
    })
    .collect()
});

/// The stylesheet, put into every page's `<style>` so the first paint waits for no other
/// request (on a slow phone connection a round trip is 300 ms or more); about 3 KB
/// compressed.
pub(crate) fn inline_css() -> &'static str {
    include_str!("../static/app.css")
}

/// The script (progressive enhancement only), put at the end of every page's `<body>`
/// for the same reason as the stylesheet: on a slow connection a request of its own costs
/// more than its 2 KB compressed; it never holds `</script`.
pub(crate) fn inline_js() -> &'static str {
    include_str!("../static/app.js")
}

/// The Content-Security-Policy of every page: only this origin's files, and inline only
/// the stylesheet and the script above, each by its SHA-256.
pub(crate) fn content_security_policy() -> &'static str {
    static CSP: LazyLock<String> = LazyLock::new(|| {
        use base64::Engine;
        let hash =
            |text: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text));
        let (css, js) = (hash(inline_css()), hash(inline_js()));
        format!(
            "default-src 'self'; img-src 'self'; media-src 'self'; style-src 'self' 'sha256-{css}'; \
             script-src 'sha256-{js}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        )
    });
    &CSP
}

/// The address of a static file as pages link it (`/static/icon.<hash>.svg`).
pub(crate) fn path(file: &str) -> String {
    ASSETS
        .iter()
        .find(|a| a.file == file)
        .map(|a| format!("/static/{}", a.served))
        .unwrap_or_default()
}

/// `GET /static/{name}`: a file by its hashed name, cached for a year as immutable.
pub(crate) async fn serve(Path(name): Path<String>) -> Response {
    answer(
        ASSETS.iter().find(|a| a.served == name),
        "public, max-age=31536000, immutable",
    )
}

/// `GET /favicon.ico`: the icon, for browsers that ask for it before reading the page.
pub(crate) async fn favicon() -> Response {
    answer(
        ASSETS.iter().find(|a| a.file == "icon.svg"),
        "public, max-age=86400",
    )
}

fn answer(asset: Option<&Asset>, cache: &'static str) -> Response {
    match asset {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.content_type),
                (header::CACHE_CONTROL, cache),
            ],
            a.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
