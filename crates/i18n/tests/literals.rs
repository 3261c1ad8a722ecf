//! No words written into the templates: every text a person reads comes from the Fluent
//! files. Text between tags (outside askama's `{{ }}`, `{% %}` and `{# #}`) and the
//! attributes people read (`aria-label`, `title`, `alt`, `placeholder`) may hold no
//! letters, except a few names that are the same in every language.

use std::path::{Path, PathBuf};

/// Words that are names, the same in every language.
const NAMES: [&str; 2] = ["carepath", "Norsk"];

fn templates(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the templates").flatten() {
        let path = entry.path();
        if path.is_dir() {
            templates(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// The text of `html` a person reads, without askama's tags and expressions.
fn readable(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    // Drop askama first: expressions and tags can contain `<` and `>`.
    let mut plain = String::new();
    while let Some(start) = rest.find(['{']) {
        plain.push_str(&rest[..start]);
        let tail = &rest[start..];
        let close = if tail.starts_with("{{") {
            "}}"
        } else if tail.starts_with("{%") {
            "%}"
        } else if tail.starts_with("{#") {
            "#}"
        } else {
            plain.push('{');
            rest = &tail[1..];
            continue;
        };
        match tail.find(close) {
            Some(end) => rest = &tail[end + 2..],
            None => rest = "",
        }
        plain.push(' ');
    }
    plain.push_str(rest);
    // Text between tags.
    for piece in plain.split('<') {
        let (tag, text) = piece.split_once('>').unwrap_or(("", piece));
        // Code (usernames, commands) is the same in every language.
        if tag != "code" {
            out.push(text.to_owned());
        }
        for attribute in [
            "aria-label=\"",
            "title=\"",
            "alt=\"",
            "placeholder=\"",
            "label=\"",
        ] {
            if let Some(value) = tag.split(attribute).nth(1) {
                out.push(value.split('"').next().unwrap_or_default().to_owned());
            }
        }
    }
    out
}

#[test]
fn templates_hold_no_words_of_their_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/templates");
    let mut files = Vec::new();
    templates(&root, &mut files);
    assert!(files.len() > 20, "found the templates");
    let mut found = Vec::new();
    for file in &files {
        let name = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let html = std::fs::read_to_string(file).expect("a template");
        for text in readable(&html) {
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().count() > 1 && !NAMES.contains(w))
                .collect();
            if !words.is_empty() {
                found.push(format!("{name}: {}", text.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "words written into templates:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_a_word_between_tags_and_in_a_label() {
    let found =
        readable(r#"<p>Hei {{ name }}</p><nav aria-label="Konto">{{ layout.t("x") }}</nav>"#);
    assert!(found.iter().any(|t| t.contains("Hei")));
    assert!(found.iter().any(|t| t == "Konto"));
    let clean = readable(r#"<p>{{ layout.t("hei") }}</p>{% if a > b %}<br>{% endif %}"#);
    assert!(clean.iter().all(|t| t.trim().is_empty()), "{clean:?}");
}
