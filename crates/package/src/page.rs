//! One module page: TOML front matter between `+++` lines, then Markdown. Images must
//! live in `media/` and have alt text; videos must have a captions track.

use std::collections::BTreeSet;

use carepath_domain::program::{Audio, Video};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::Problem;
use crate::manifest::line_of;

pub(crate) struct PageSource {
    pub title: String,
    pub body: String,
    pub video: Option<Video>,
    pub audio: Option<Audio>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    video: Option<Video>,
    #[serde(default)]
    audio: Option<Audio>,
}

pub(crate) fn parse(
    path: &str,
    bytes: &[u8],
    media: &BTreeSet<&str>,
    problems: &mut Vec<Problem>,
) -> Option<PageSource> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        problems.push(Problem::new(path, None, "not UTF-8 text"));
        return None;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        problems.push(Problem::new(
            path,
            Some(1),
            "a page starts with front matter: a line +++, title = \"...\", and +++",
        ));
        return None;
    };
    let Some(end) = rest.find("\n+++") else {
        problems.push(Problem::new(
            path,
            Some(1),
            "the front matter is not closed with a +++ line",
        ));
        return None;
    };
    let front_text = &rest[..end + 1];
    let body_text = rest[end + 4..].trim_start_matches(['\r', '\n']);
    let body_line = line_of(text, text.len() - body_text.len());
    let body = body_text.to_owned();
    let front: FrontMatter = match toml::from_str(front_text) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map(|s| line_of(front_text, s.start) + 1);
            problems.push(Problem::new(
                path,
                line,
                format!("front matter: {}", e.message().trim()),
            ));
            return None;
        }
    };
    if front.title.trim().is_empty() {
        problems.push(Problem::new(path, Some(2), "the page title is empty"));
    }
    if let Some(video) = &front.video {
        for (what, file) in [("video", &video.src), ("captions", &video.captions)] {
            check_media_ref(path, None, file, media, what, problems);
        }
        if !video.captions.ends_with(".vtt") {
            problems.push(Problem::new(
                path,
                None,
                "video captions must be a WebVTT (.vtt) file",
            ));
        }
    }
    if let Some(audio) = &front.audio {
        check_media_ref(path, None, &audio.src, media, "audio", problems);
        if !audio.src.ends_with(".mp3") {
            problems.push(Problem::new(path, None, "audio must be an .mp3 file"));
        }
        if audio.transcript.trim().is_empty() {
            problems.push(Problem::new(
                path,
                None,
                "audio needs a transcript: write what is said, for people who cannot hear it",
            ));
        }
    }
    check_body(path, &body, body_line, media, problems);
    Some(PageSource {
        title: front.title,
        body,
        video: front.video,
        audio: front.audio,
    })
}

fn check_media_ref(
    path: &str,
    line: Option<usize>,
    reference: &str,
    media: &BTreeSet<&str>,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    match reference.strip_prefix("media/") {
        Some(name) if media.contains(name) => {}
        Some(_) => problems.push(Problem::new(path, line, format!("{what} `{reference}` does not exist in media/"))),
        None => problems.push(Problem::new(
            path,
            line,
            format!("{what} `{reference}` must be a file in media/ (nothing is fetched from the internet)"),
        )),
    }
}

fn check_body(
    path: &str,
    body: &str,
    first_line: usize,
    media: &BTreeSet<&str>,
    problems: &mut Vec<Problem>,
) {
    let mut in_image: Option<(usize, String)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        let line_no = first_line + line_of(body, range.start) - 1;
        let line = Some(line_no);
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                check_media_ref(path, line, &dest_url, media, "image", problems);
                in_image = Some((line_no, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, alt)) = in_image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((line, alt)) = in_image.take()
                    && alt.trim().is_empty()
                {
                    problems.push(Problem::new(
                        path,
                        Some(line),
                        "image without alt text: describe the picture for screen readers, ![like this](media/x.svg)",
                    ));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => problems.push(Problem::new(
                path,
                line,
                "raw HTML is not allowed in pages; use Markdown",
            )),
            _ => {}
        }
    }
}
