//! No words written into the templates or the code: every text a person reads comes from
//! the Fluent files. In templates, text between tags (outside askama's `{{ }}`, `{% %}` and
//! `{# #}`) and the attributes people read (`aria-label`, `title`, `alt`, `placeholder`)
//! may hold no letters, except a few names that are the same in every language. In the
//! Rust code of the pages, the API, the use cases and the rules (parsed with `syn`), no
//! string literal outside tests, attributes, logging and `expect` may be a sentence (three
//! words or more), except those listed with the reason they are not for people.

use std::path::{Path, PathBuf};

/// Words that are names, the same in every language.
const NAMES: [&str; 2] = ["carepath", "Norsk"];

/// Every file under `dir` whose name ends in `.ext`.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
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
    let mut found_files = Vec::new();
    files(&root, "html", &mut found_files);
    assert!(found_files.len() > 20, "found the templates");
    let mut found = Vec::new();
    for file in &found_files {
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

/// The Rust code that makes what people read: pages, the API, the use cases, the rules.
/// (The command line speaks English to operators, decision 0028; the store holds no words.)
const RUST_DIRS: [&str; 4] = ["web/src", "app/src", "domain/src", "fhir/src"];

/// Macros whose strings nobody but a developer or an operator reads.
const QUIET_MACROS: [&str; 14] = [
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "debug_assert",
    "include_str",
];

/// String literals outside tests, attributes (docs, `#[error]`), logging and `expect`.
#[derive(Default)]
struct Literals {
    found: Vec<String>,
}

impl Literals {
    fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
        for tree in tokens {
            match tree {
                proc_macro2::TokenTree::Group(g) => self.tokens(g.stream()),
                proc_macro2::TokenTree::Literal(l) => {
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                        self.found.push(s.value());
                    }
                }
                _ => {}
            }
        }
    }
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test"))
    })
}

impl<'ast> syn::visit::Visit<'ast> for Literals {
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }
    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.found.push(s.value());
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let name = m
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if !QUIET_MACROS.contains(&name.as_str()) {
            self.tokens(m.tokens.clone());
        }
    }
    fn visit_expr_method_call(&mut self, c: &'ast syn::ExprMethodCall) {
        self.visit_expr(&c.receiver);
        if c.method != "expect" {
            for arg in &c.args {
                self.visit_expr(arg);
            }
        }
    }
}

/// A sentence for people: three or more words of letters with spaces between them, not
/// SQL, markup or a format's skeleton. Names of FHIR elements, codes and keys have no
/// spaces; a message text written into the code does.
fn sentence(text: &str) -> bool {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    if [
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "WITH ", "CREATE ", "ALTER ",
    ]
    .iter()
    .any(|sql| upper.starts_with(sql))
        || t.starts_with('<')
    {
        return false;
    }
    let words = t
        .split_whitespace()
        .filter(|w| {
            let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            letters.chars().count() > 1
                && letters.chars().count()
                    == w.trim_matches(|c: char| c.is_ascii_punctuation())
                        .chars()
                        .count()
        })
        .count();
    words >= 3
}

/// Strings with spaces that are not words for people to read in their language: the file,
/// how the string starts, and why.
const NOT_WORDS: [(&str, &str, &str); 22] = [
    (
        "fhir/src/appointment.rs",
        "",
        "the display of carepath's appointment-kind codes, in English as FHIR's code systems are",
    ),
    (
        "web/src/fhir/metadata.rs",
        "",
        "the CapabilityStatement documents the API for developers, in English as FHIR is",
    ),
    (
        "web/src/oidc.rs",
        "",
        "why a sign-in was refused, for the operator's log",
    ),
    (
        "web/src/assets.rs",
        "default-src",
        "the Content-Security-Policy header",
    ),
    (
        "web/src/patient/messages.rs",
        "default-src",
        "the Content-Security-Policy header of an attachment",
    ),
    (
        "web/src/fhir/audit_event.rs",
        "patient, date, _count",
        "search parameter names",
    ),
    (
        "app/src/access.rs",
        "Gjennomgang av nødtilgang",
        "a stored code of the access log, worded by the pages",
    ),
    (
        "domain/src/audit.rs",
        "refused: another unit",
        "a stored code of the access log, worded by the pages",
    ),
    (
        "domain/src/text.rs",
        "",
        "a program package's authoring errors, read by its author at import",
    ),
    (
        "domain/src/threshold.rs",
        "",
        "a program package's authoring errors, read by its author at import",
    ),
    (
        "domain/src/course.rs",
        "the course has no parts",
        "a course package's authoring errors, read by its author at import",
    ),
    (
        "domain/src/course.rs",
        "part `",
        "a course package's authoring errors, read by its author at import",
    ),
    (
        "domain/src/course.rs",
        "session `",
        "a course package's authoring errors, read by its author at import",
    ),
    (
        "domain/src/course.rs",
        "lesson `",
        "a course package's authoring errors, read by its author at import",
    ),
    (
        "domain/src/activity.rs",
        "",
        "an activity code list's errors, read by the operator at start-up (CLI, English)",
    ),
    (
        "domain/src/measurement.rs",
        "Systolic blood",
        "LOINC's display",
    ),
    (
        "domain/src/measurement.rs",
        "Diastolic blood",
        "LOINC's display",
    ),
    (
        "domain/src/measurement.rs",
        "Blood pressure panel",
        "LOINC's display",
    ),
    (
        "domain/src/measurement.rs",
        "Oxygen saturation",
        "LOINC's display",
    ),
    (
        "domain/src/measurement.rs",
        "Glucose [Moles",
        "LOINC's display",
    ),
    (
        "domain/src/measurement.rs",
        "Number of steps",
        "LOINC's display",
    ),
    (
        "domain/src/measurement.rs",
        "Symptom burden today",
        "the display of carepath's own code",
    ),
];

fn allowed(file: &str, text: &str) -> bool {
    NOT_WORDS
        .iter()
        .any(|(f, start, _)| *f == file && text.starts_with(start))
}

#[test]
fn the_code_holds_no_sentences_for_people() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    let mut files_read = 0;
    for dir in RUST_DIRS {
        let mut sources = Vec::new();
        files(&root.join(dir), "rs", &mut sources);
        for file in sources {
            let source = std::fs::read_to_string(&file).expect("a source file");
            let parsed = syn::parse_file(&source).expect("Rust that parses");
            let mut literals = Literals::default();
            syn::visit::Visit::visit_file(&mut literals, &parsed);
            files_read += 1;
            let name = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            for text in literals.found {
                if sentence(&text) && !allowed(&name, &text) {
                    found.push(format!("{name}: {text:?}"));
                }
            }
        }
    }
    assert!(files_read > 40, "read the sources: {files_read}");
    assert!(
        found.is_empty(),
        "sentences written into the code (put them in the Fluent files):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_a_sentence_and_not_a_log_line_or_a_test() {
    let source = r#"
        /// Docs are for developers.
        fn page() -> String {
            tracing::warn!("the mail server did not answer in time");
            let a = thing.expect("the value is always there");
            let s = format!("Velkommen til behandlingen, {name}");
            "SELECT id FROM users WHERE name = ?".to_owned()
        }
        #[cfg(test)]
        mod tests { fn t() { let _ = "a sentence in a test is fine"; } }
    "#;
    let mut literals = Literals::default();
    syn::visit::Visit::visit_file(&mut literals, &syn::parse_file(source).expect("parses"));
    let sentences: Vec<_> = literals.found.iter().filter(|t| sentence(t)).collect();
    assert_eq!(sentences, ["Velkommen til behandlingen, {name}"]);
    assert!(!sentence("application/fhir+json; charset=utf-8"));
    assert!(!sentence("api-item-problem"));
}
