//! Module pages from Markdown to HTML. Raw HTML is dropped (packages may not contain it,
//! and this is the second line of defence); `media/` references point to the version's
//! media route, and pictures whose size is known get `width` and `height`, so the page
//! does not jump while they load.

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

/// The `media/` files a Markdown text shows, by name.
pub fn media_names(source: &str) -> Vec<String> {
    let mut names: Vec<String> = Parser::new(source)
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                dest_url.strip_prefix("media/").map(str::to_owned)
            }
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// `html` (from [`render`]) with `width` and `height` on each picture of `version` whose
/// size is in `sizes` (by media name).
pub fn sized(html: &str, version: &str, sizes: &[(String, (u32, u32))]) -> String {
    let mut out = String::with_capacity(html.len() + 32 * sizes.len());
    let mut rest = html;
    let prefix = format!("<img src=\"/media/{version}/");
    while let Some(at) = rest.find(&prefix) {
        let after = &rest[at + prefix.len()..];
        let name = after.split('"').next().unwrap_or_default();
        let Some(end) = rest[at..].find("/>") else {
            break;
        };
        out.push_str(&rest[..at + end]);
        if let Some((_, (w, h))) = sizes.iter().find(|(n, _)| n == name) {
            out.push_str(&format!("width=\"{w}\" height=\"{h}\" "));
        }
        rest = &rest[at + end..];
    }
    out.push_str(rest);
    out
}

/// A picture's width and height: an SVG's `viewBox` (or its `width` and `height`), a
/// raster image's from its header; `None` when it cannot be told.
pub fn picture_size(content_type: &str, bytes: &[u8]) -> Option<(u32, u32)> {
    if content_type == "image/svg+xml" {
        let text = std::str::from_utf8(bytes).ok()?;
        let tag = &text[text.find("<svg")?..];
        let tag = &tag[..tag.find('>')?];
        let attribute = |name: &str| {
            let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            tag[start..].split('"').next()
        };
        if let Some(view) = attribute("viewBox") {
            let n: Vec<f64> = view
                .split([' ', ','])
                .filter_map(|v| v.trim().parse().ok())
                .collect();
            if let [_, _, w, h] = n[..] {
                return (w > 0.0 && h > 0.0).then(|| (w.round() as u32, h.round() as u32));
            }
        }
        let number = |v: &str| v.trim_end_matches("px").parse::<f64>().ok();
        let (w, h) = (number(attribute("width")?)?, number(attribute("height")?)?);
        return (w > 0.0 && h > 0.0).then(|| (w.round() as u32, h.round() as u32));
    }
    let size = imagesize::blob_size(bytes).ok()?;
    Some((
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn pictures_get_their_size() {
        let source = "![Tarm](media/a.svg) og ![Bilde](media/b.png)";
        assert_eq!(super::media_names(source), ["a.svg", "b.png"]);
        let html = super::render(source, "v1");
        let sized = super::sized(&html, "v1", &[("a.svg".into(), (320, 240))]);
        assert!(
            sized.contains(r#"<img src="/media/v1/a.svg" alt="Tarm" width="320" height="240" />"#),
            "{sized}"
        );
        assert!(
            sized.contains(r#"<img src="/media/v1/b.png" alt="Bilde" />"#),
            "{sized}"
        );
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 240" role="img">"#;
        assert_eq!(super::picture_size("image/svg+xml", svg), Some((320, 240)));
        let sized_svg = br#"<svg width="64px" height="48" xmlns="http://www.w3.org/2000/svg">"#;
        assert_eq!(
            super::picture_size("image/svg+xml", sized_svg),
            Some((64, 48))
        );
        // A PNG's header: 2 x 3 pixels.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend([0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0]);
        assert_eq!(super::picture_size("image/png", &png), Some((2, 3)));
        assert_eq!(super::picture_size("image/png", b"not a picture"), None);
    }

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
