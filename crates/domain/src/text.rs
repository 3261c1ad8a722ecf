//! Text in several languages. Norwegian bokmål is the default and always present;
//! nynorsk, English and Ukrainian are optional translations that fall back to bokmål.

use std::collections::BTreeMap;
use std::fmt;

/// A language the platform knows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nb,
    Nn,
    En,
    Uk,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Nb, Lang::Nn, Lang::En, Lang::Uk];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
            Lang::Uk => "uk",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text with a bokmål original and optional translations.
///
/// In TOML it is written either as a plain string (bokmål only) or as a table
/// `{ nb = "...", en = "..." }`; `nb` is required.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LocalizedText {
    nb: String,
    #[serde(flatten)]
    other: BTreeMap<Lang, String>,
}

impl LocalizedText {
    pub fn nb(text: impl Into<String>) -> Self {
        Self {
            nb: text.into(),
            other: BTreeMap::new(),
        }
    }

    pub fn with(mut self, lang: Lang, text: impl Into<String>) -> Self {
        if lang == Lang::Nb {
            self.nb = text.into();
        } else {
            self.other.insert(lang, text.into());
        }
        self
    }

    /// The text in `lang`, or bokmål when there is no translation.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nb => &self.nb,
            other => self.other.get(&other).map_or(&self.nb, String::as_str),
        }
    }

    /// The languages this text exists in, bokmål first.
    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        std::iter::once(Lang::Nb).chain(self.other.keys().copied())
    }
}

impl<'de> serde::Deserialize<'de> for LocalizedText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Plain(String),
            Table(BTreeMap<String, String>),
        }
        match Repr::deserialize(d)? {
            Repr::Plain(nb) => Ok(Self::nb(nb)),
            Repr::Table(mut map) => {
                let nb = map
                    .remove("nb")
                    .ok_or_else(|| serde::de::Error::custom("the bokmål text `nb` is missing"))?;
                let mut text = Self::nb(nb);
                for (code, value) in map {
                    let lang = Lang::parse(&code).ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            "unknown language `{code}` (use nb, nn, en or uk)"
                        ))
                    })?;
                    text = text.with(lang, value);
                }
                Ok(text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_translation_falls_back_to_bokmal() {
        let t = LocalizedText::nb("Hei").with(Lang::En, "Hi");
        assert_eq!(t.get(Lang::En), "Hi");
        assert_eq!(t.get(Lang::Nn), "Hei");
        assert_eq!(t.languages().collect::<Vec<_>>(), vec![Lang::Nb, Lang::En]);
    }

    #[test]
    fn toml_accepts_plain_strings_and_tables_but_requires_bokmal() {
        #[derive(serde::Deserialize)]
        struct Doc {
            a: LocalizedText,
            b: LocalizedText,
        }
        let doc: Doc =
            toml::from_str("a = \"Hei\"\nb = { nb = \"Hei\", nn = \"Hei på deg\" }").unwrap();
        assert_eq!(doc.a.get(Lang::Nb), "Hei");
        assert_eq!(doc.b.get(Lang::Nn), "Hei på deg");
        assert!(toml::from_str::<Doc>("a = \"x\"\nb = { en = \"Hi\" }").is_err());
        assert!(toml::from_str::<Doc>("a = \"x\"\nb = { nb = \"x\", de = \"Hallo\" }").is_err());
    }
}

/// A name or other one-line text typed by a person, as it is kept: without control
/// characters and without the invisible marks that reorder text (bidirectional overrides
/// and isolates such as U+202E), which could make a name read as something else on
/// screen; runs of white space become one space, and the ends are trimmed.
pub fn one_line(typed: &str) -> String {
    let kept: String = typed
        .chars()
        .filter(|c| !is_reordering_mark(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The bidirectional formatting characters (Unicode's Bidi_Control property).
fn is_reordering_mark(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod one_line_tests {
    use super::one_line;

    #[test]
    fn a_language_shows_as_its_code() {
        let shown: Vec<String> = crate::Lang::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["nb", "nn", "en", "uk"]);
    }

    #[test]
    fn reordering_marks_and_controls_are_removed_and_space_is_collapsed() {
        assert_eq!(one_line("Kari\u{202E}nnamdroN"), "KarinnamdroN");
        assert_eq!(
            one_line("\u{2066}Ola\u{2069}\u{200F} Nordmann"),
            "Ola Nordmann"
        );
        assert_eq!(one_line("  Ola\t\n  Nordmann\u{0007} "), "Ola Nordmann");
        assert_eq!(one_line("Олена Шевченко"), "Олена Шевченко");
        assert_eq!(one_line("محمد\u{061C} علي"), "محمد علي");
    }
}
