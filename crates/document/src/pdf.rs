//! A PDF from a [`Document`]: the layout is carepath's (`document.typ`), the words are
//! the caller's. The typesetter sees two files only, the layout and the document as
//! JSON; it reads nothing from disk and nothing from the network, and its fonts
//! (Libertinus Serif, with æ, ø and å) are compiled in.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The layout.
const LAYOUT: &str = include_str!("document.typ");

/// A document to set: a letter, later a certificate or a report.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Document {
    /// Its title, as a heading and in the PDF's metadata.
    pub title: String,
    /// The language code of its words (`nb`, `nn`, `en`, `uk`), for hyphenation.
    pub lang: String,
    /// The sender's lines, top left.
    pub from: Vec<String>,
    /// The date, top right.
    pub date: String,
    /// The recipient's lines.
    pub to: Vec<String>,
    /// Label and value pairs under the title (the patient, the period).
    pub facts: Vec<[String; 2]>,
    pub blocks: Vec<Block>,
    /// The line at the foot of every page, beside the page number.
    pub footer: String,
}

/// A part of a document's body, in order.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading {
        text: String,
    },
    /// Paragraphs split by blank lines; single line breaks kept.
    Paragraph {
        text: String,
    },
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Signature {
        lines: Vec<String>,
    },
}

/// The document could not be set (a fault in the layout; the document's words cannot
/// cause one). Names no content.
#[derive(Debug, thiserror::Error)]
#[error("the document could not be set: {0}")]
pub struct RenderError(String);

/// Sets `document` as a PDF.
pub fn render(document: &Document) -> Result<Vec<u8>, RenderError> {
    let data = serde_json::to_vec(document).map_err(|e| RenderError(e.to_string()))?;
    let world = DocumentWorld {
        main: Source::new(*MAIN, LAYOUT.to_owned()),
        data: Bytes::new(data),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| RenderError(first_error(&errors)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| RenderError(first_error(&errors)))
}

fn first_error(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .first()
        .map(|e| e.message.to_string())
        .unwrap_or_default()
}

fn file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("a fixed, valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

static MAIN: LazyLock<FileId> = LazyLock::new(|| file("/main.typ"));
static DATA: LazyLock<FileId> = LazyLock::new(|| file("/data.json"));
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|bytes| Font::iter(Bytes::new(bytes)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The typesetter's whole world: the layout and the document's data.
struct DocumentWorld {
    main: Source,
    data: Bytes,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        *MAIN
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The document names its own date; the layout never asks.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_with_norwegian_letters_and_markup_characters_sets_as_a_pdf() {
        let doc = Document {
            title: "Brev til fastlege – Mage-tarmskolen".into(),
            lang: "nb".into(),
            from: vec!["Avdeling for fordøyelse".into()],
            date: "5. desember 2026".into(),
            to: vec!["Dr. Ærlig Øvre Ås".into()],
            facts: vec![["Pasient".into(), "Kari #Nordmann *_[]$".into()]],
            blocks: vec![
                Block::Heading {
                    text: "Resultater".into(),
                },
                Block::Table {
                    columns: vec!["Skår".into(), "Ved start".into()],
                    rows: vec![vec!["IBS".into(), "285 = moderat".into()]],
                },
                Block::Paragraph {
                    text: "Første avsnitt.\n\nAndre #avsnitt med `kode`.".into(),
                },
                Block::Signature {
                    lines: vec!["Åse Bø".into()],
                },
            ],
            footer: "Mage-tarmskolen".into(),
        };
        let pdf = render(&doc).expect("renders");
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
        assert!(pdf.len() > 1000);
    }
}
