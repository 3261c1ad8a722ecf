//! Module pages from Markdown to HTML. Raw HTML is dropped (packages may not contain it,
//! and this is the second line of defence); `media/` references point to the version's
//! media route.

use pulldown_cmark::{CowStr, Event, Parser, Tag, html};

/// Renders `source`; `media/x.svg` becomes `/media/{version}/x.svg`.
pub fn render(source: &str, version: &str) -> String {
    let rewrite = |dest: CowStr<'_>| -> CowStr<'static> {
        match dest.strip_prefix("media/") {
            Some(name) => CowStr::from(format!("/media/{version}/{name}")),
            None => CowStr::from(dest.into_string()),
        }
    };
    let events = Parser::new(source).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Some(Event::Start(Tag::Image {
            link_type,
            dest_url: rewrite(dest_url),
            title,
            id,
        })),
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn media_links_are_rewritten_and_raw_html_dropped() {
        let html = super::render(
            "Hei ![Tarm](media/a.svg)\n\n<script>alert(1)</script>\n\n*ok*",
            "v1",
        );
        assert!(
            html.contains(r#"<img src="/media/v1/a.svg" alt="Tarm""#),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("<em>ok</em>"));
    }
}
