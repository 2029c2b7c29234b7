//! Export: a factmark document in the formats other tools read.
//!
//! Every exporter is a pure function from a [`Document`] (and [`Options`]) to bytes plus
//! warnings, so the command line and the app write exactly the same thing, and tests
//! compare it with golden files.

mod claimreview;
mod csv;
mod html;
mod jsonl;
mod label_studio;
mod w3c;
#[cfg(test)]
pub(crate) mod w3c_rules;

use std::fmt;

use crate::model::Document;

/// IRI <-> URI conversion of web addresses in W3C annotations, shared with the importer.
pub use w3c::{iri_to_uri, uri_to_iri};

/// Names of the Label Studio config's text areas, shared with the importer.
pub mod label_studio_names {
    pub use super::label_studio::{RATIONALE, SOURCES};
}

/// The formats `factmark export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    W3c,
    ClaimReview,
    Csv,
    Jsonl,
    LabelStudio,
    /// The Label Studio labelling config for the file's scale (XML).
    LabelStudioConfig,
    Html,
}

impl Format {
    pub const ALL: [Self; 7] = [
        Self::W3c,
        Self::ClaimReview,
        Self::Csv,
        Self::Jsonl,
        Self::LabelStudio,
        Self::LabelStudioConfig,
        Self::Html,
    ];

    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::W3c => "w3c",
            Self::ClaimReview => "claimreview",
            Self::Csv => "csv",
            Self::Jsonl => "jsonl",
            Self::LabelStudio => "label-studio",
            Self::LabelStudioConfig => "label-studio-config",
            Self::Html => "html",
        }
    }

    /// What a person would call it (menus, dialogs).
    pub fn title(self) -> &'static str {
        match self {
            Self::W3c => "W3C Web Annotation (JSON-LD)",
            Self::ClaimReview => "schema.org ClaimReview (JSON-LD)",
            Self::Csv => "CSV spreadsheet",
            Self::Jsonl => "JSONL (doccano)",
            Self::LabelStudio => "Label Studio tasks (JSON)",
            Self::LabelStudioConfig => "Label Studio labelling config (XML)",
            Self::Html => "HTML report",
        }
    }

    /// The file name ending an export gets: `<stem><suffix>`.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::W3c => ".w3c.jsonld",
            Self::ClaimReview => ".claimreview.jsonld",
            Self::Csv => ".csv",
            Self::Jsonl => ".jsonl",
            Self::LabelStudio => ".label-studio.json",
            Self::LabelStudioConfig => ".label-studio-config.xml",
            Self::Html => ".report.html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What some formats need that a factmark file does not hold.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The organisation publishing the fact-check (ClaimReview `author`).
    pub publisher: Option<String>,
    /// The page where the fact-check is published (ClaimReview `url`, + `#<claim id>`).
    pub review_url: Option<String>,
    /// CSV: write cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
    /// CR first) as they are. Off by default: such cells get a leading `'` (OWASP's advice
    /// against CSV injection), so a quote like `=HYPERLINK(…)` shows as text.
    pub csv_formulas: bool,
}

/// An export: the file's bytes, and what the reader should know about them.
#[derive(Debug, Default)]
pub struct Exported {
    pub bytes: Vec<u8>,
    /// Fields a format needs but the document cannot supply (they were left out, not made up).
    pub warnings: Vec<String>,
}

/// Why an export could not be made. Nothing is written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("cannot write the report: {0}")]
    Text(#[from] fmt::Error),
    #[error("the export is not UTF-8 text: {0}")]
    Utf8(#[from] std::string::FromUtf8Error),
}

/// Writes `document` in `format`. On error nothing is returned to write.
pub fn export(
    document: &Document,
    format: Format,
    options: &Options,
) -> Result<Exported, ExportError> {
    let mut warnings = Vec::new();
    let text = match format {
        Format::W3c => w3c::export(document, &mut warnings)?,
        Format::ClaimReview => claimreview::export(document, options, &mut warnings)?,
        Format::Csv => csv::export(document, options.csv_formulas)?,
        Format::Jsonl => jsonl::export(document)?,
        Format::LabelStudio => label_studio::export(document)?,
        Format::LabelStudioConfig => label_studio::config(document.scale()),
        Format::Html => html::export(document)?,
    };
    // Orphans have no place in the text: no format can put them on words.
    match document.orphans().len() {
        0 => {}
        1 => warnings.push("1 orphaned claim left out: it has no place in the text".to_owned()),
        n => warnings.push(format!(
            "{n} orphaned claims left out: they have no place in the text"
        )),
    }
    Ok(Exported {
        bytes: text.into_bytes(),
        warnings,
    })
}

/// The article's address for formats that need one: its URL (else the page's canonical
/// address), else its text's hash as a URN,
/// which names exactly this text wherever it is stored.
fn article_iri(document: &Document) -> String {
    let url = document.article.page_url();
    if url.is_empty() {
        format!("urn:sha256:{}", document.text().sha256())
    } else {
        url.to_owned()
    }
}
