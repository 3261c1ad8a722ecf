//! Module pages from Markdown to HTML. Raw HTML is dropped (packages may not contain it,
//! and this is the second line of defence); `media/` references point to the version's
//! media route, and pictures whose size is known get `width` and `height`, so the page
//! does not jump while they load.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

/// A picture of known size being read: its address, title, size, and alt text so far.
struct Picture {
    src: String,
    title: String,
    size: (u32, u32),
    alt: String,
    /// Pictures inside its alt text (their text joins it).
    nested: usize,
}

impl Picture {
    /// The `<img>` pulldown-cmark would write, with `width` and `height`.
    fn html(&self) -> String {
        use pulldown_cmark_escape::{escape_href, escape_html};
        let mut out = String::from("<img src=\"");
        let _ = escape_href(&mut out, &self.src);
        out.push_str("\" alt=\"");
        let _ = escape_html(&mut out, &self.alt);
        out.push('"');
        if !self.title.is_empty() {
            out.push_str(" title=\"");
            let _ = escape_html(&mut out, &self.title);
            out.push('"');
        }
        let (w, h) = self.size;
        out.push_str(&format!(" width=\"{w}\" height=\"{h}\" />"));
        out
    }
}

/// Renders `source`; `media/x.svg` becomes `/media/{version}/x.svg`, and a picture whose
/// size is in `sizes` (by media name) gets `width` and `height`.
pub fn render(source: &str, version: &str, sizes: &[(String, (u32, u32))]) -> String {
    let rewrite = |dest: CowStr<'_>| -> CowStr<'static> {
        match dest.strip_prefix("media/") {
            Some(name) => CowStr::from(format!("/media/{version}/{name}")),
            None => CowStr::from(dest.into_string()),
        }
    };
    let mut events = Vec::new();
    let mut picture: Option<Picture> = None;
    for event in Parser::new(source) {
        if let Some(p) = picture.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => p.alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak => p.alt.push(' '),
                Event::Start(Tag::Image { .. }) => p.nested += 1,
                Event::End(TagEnd::Image) if p.nested > 0 => p.nested -= 1,
                Event::End(TagEnd::Image) => {
                    events.push(Event::InlineHtml(CowStr::from(p.html())));
                    picture = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let size = dest_url
                    .strip_prefix("media/")
                    .and_then(|name| sizes.iter().find(|(n, _)| n == name))
                    .map(|(_, size)| *size);
                let dest_url = rewrite(dest_url);
                match size {
                    Some(size) => {
                        picture = Some(Picture {
                            src: dest_url.into_string(),
                            title: title.into_string(),
                            size,
                            alt: String::new(),
                            nested: 0,
                        });
                    }
                    None => events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })),
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
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
        let sized = super::render(source, "v1", &[("a.svg".into(), (320, 240))]);
        assert!(
            sized.contains(r#"<img src="/media/v1/a.svg" alt="Tarm" width="320" height="240" />"#),
            "{sized}"
        );
        assert!(
            sized.contains(r#"<img src="/media/v1/b.png" alt="Bilde" />"#),
            "{sized}"
        );
        // The alt text and title are escaped as pulldown-cmark would.
        let quoted = super::render(
            r#"![A "*tarm*" & mer](media/a.svg "Tittel <1>")"#,
            "v1",
            &[("a.svg".into(), (1, 2))],
        );
        assert!(
            quoted.contains(
                r#"<img src="/media/v1/a.svg" alt="A &quot;tarm&quot; &amp; mer" title="Tittel &lt;1&gt;" width="1" height="2" />"#
            ),
            "{quoted}"
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
            &[],
        );
        assert!(
            html.contains(r#"<img src="/media/v1/a.svg" alt="Tarm""#),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("<em>ok</em>"));
    }
}
