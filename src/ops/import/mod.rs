//! Import: other tools' annotation files into factmark documents.
//!
//! Each importer reads the other tool's JSON leniently where the tools differ (a single
//! object or an array, `label` or `entities`) and strictly where a mistake would attach a
//! verdict to the wrong words: offsets must fall inside the text, on character boundaries,
//! and match any quote the file carries. Errors say which annotation and field.

mod jsonl;
mod label_studio;
mod w3c;

use std::fmt;

use chrono::{DateTime, Utc};

use crate::model::{Article, Claim, ClaimId, Document, Source, Stamp, Verdict};
use crate::text::Text;

/// The formats `factmark import --from` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    W3c,
    LabelStudio,
    Jsonl,
}

impl Format {
    pub const ALL: [Self; 3] = [Self::W3c, Self::LabelStudio, Self::Jsonl];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::W3c => "w3c",
            Self::LabelStudio => "label-studio",
            Self::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document built from another tool's file, and what the user should know about it.
#[derive(Debug)]
pub struct Imported {
    pub document: Document,
    /// Labels that were not factmark verdicts (the claims are `unreviewed`, the label is
    /// kept in the rationale), with how many claims had each.
    pub unknown_labels: Vec<(String, usize)>,
    pub notes: Vec<String>,
}

/// Why another tool's file could not be imported. Nothing was written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("is not UTF-8 text (byte {byte})")]
    NotUtf8 { byte: usize },
    /// The file is not JSON in the format's shape, or an annotation cannot be placed on
    /// the text; the message names the annotation and the field.
    #[error("{0}")]
    Invalid(String),
}

/// Reads `bytes` (another tool's file) as `from`. `article` is the article's text where the
/// format does not carry it (W3C), or a check on the text it does carry.
pub fn import(bytes: &[u8], from: Format, article: Option<&str>) -> Result<Imported, ImportError> {
    import_on(bytes, from, article, None)
}

/// [`import`], the labels read as levels of `scale` when one is given (instead of the
/// scale the file carries, or factmark's).
pub fn import_on(
    bytes: &[u8],
    from: Format,
    article: Option<&str>,
    scale: Option<crate::model::Scale>,
) -> Result<Imported, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        byte: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut builder = match from {
        Format::W3c => w3c::read(text, article),
        Format::LabelStudio => label_studio::read(text, article),
        Format::Jsonl => jsonl::read(text, article),
    }
    .map_err(ImportError::Invalid)?;
    if scale.is_some() {
        builder.scale = scale;
    }
    builder.finish().map_err(ImportError::Invalid)
}

/// A claim as read, before it joins a document.
struct Draft {
    /// Where it is in the file, for messages: "annotation 3 (id …)".
    place: String,
    id: Option<String>,
    start: usize,
    end: usize,
    label: Option<String>,
    rationale: Vec<String>,
    sources: Vec<String>,
    created: Option<Stamp>,
    modified: Option<Stamp>,
}

impl Draft {
    fn new(place: String, start: usize, end: usize) -> Self {
        Self {
            place,
            id: None,
            start,
            end,
            label: None,
            rationale: Vec::new(),
            sources: Vec::new(),
            created: None,
            modified: None,
        }
    }
}

/// What an importer hands back: the text, the claims as read, and notes.
struct Builder {
    text: String,
    title: String,
    url: String,
    drafts: Vec<Draft>,
    notes: Vec<String>,
    /// The scale the labels are on, when the file says (W3C's collection `scale`).
    scale: Option<crate::model::Scale>,
}

impl Builder {
    fn new(text: String) -> Self {
        Self {
            text,
            title: String::new(),
            url: String::new(),
            drafts: Vec::new(),
            notes: Vec::new(),
            scale: None,
        }
    }

    fn finish(&mut self) -> Result<Imported, String> {
        // factmark's text has LF line ends only. A CR LF pair becomes LF, which moves every
        // offset after it back by one; a lone CR becomes LF in place.
        let mut crlf = Vec::new();
        let mut after_cr = false;
        for (i, c) in self.text.chars().enumerate() {
            if c == '\n' && after_cr {
                crlf.push(i - 1);
            }
            after_cr = c == '\r';
        }
        let shift = |offset: usize| offset - crlf.partition_point(|&cr| cr < offset);
        for draft in &mut self.drafts {
            draft.start = shift(draft.start);
            draft.end = shift(draft.end);
        }
        let text = crate::text::canonical_newlines(&self.text).into_owned();
        if text.trim().is_empty() {
            return Err("the article text is empty".to_owned());
        }
        let mut article = Article::new(Text::new(text));
        article.title = std::mem::take(&mut self.title);
        if crate::model::rules::check_url(&self.url).is_ok() {
            article.url = std::mem::take(&mut self.url);
        }
        let mut document = Document::new(article);
        if let Err(problem) = document.set_scale(self.scale.take()) {
            return Err(format!(
                "the scale cannot be used: {}: {}",
                problem.field, problem.message
            ));
        }
        let len = document.text().len_chars();
        let mut unknown: Vec<(String, usize)> = Vec::new();
        let mut claims = Vec::with_capacity(self.drafts.len());
        let mut seen = std::collections::HashSet::new();
        for draft in self.drafts.drain(..) {
            if draft.start >= draft.end || draft.end > len {
                return Err(format!(
                    "{}: offsets {}..{} are not a non-empty range inside the text ({len} characters)",
                    draft.place, draft.start, draft.end
                ));
            }
            let (verdict, unknown_label) = verdict_of(document.scale(), draft.label.as_deref());
            let mut rationale = draft.rationale;
            if let Some(label) = unknown_label {
                match unknown.iter_mut().find(|(l, _)| *l == label) {
                    Some((_, n)) => *n += 1,
                    None => unknown.push((label.clone(), 1)),
                }
                rationale.insert(0, format!("Imported label: {label}"));
            }
            let id = match draft.id.as_deref().and_then(ClaimId::parse) {
                Some(id) if seen.insert(id.clone()) => id,
                Some(id) => {
                    return Err(format!("{}: id {id} is used twice", draft.place));
                }
                None => ClaimId::random(),
            };
            let mut sources = Vec::new();
            for url in draft.sources {
                if crate::model::rules::check_url(&url).is_ok() {
                    sources.push(Source {
                        url,
                        ..Source::default()
                    });
                } else {
                    self.notes.push(format!(
                        "{}: source {url:?} is not an http(s) link; kept in the rationale",
                        draft.place
                    ));
                    rationale.push(format!("Source: {url}"));
                }
            }
            claims.push(Claim {
                id,
                start: draft.start,
                end: draft.end,
                verdict,
                rationale: rationale.join("\n"),
                sources,
                created: draft.created,
                modified: draft.modified,
                review: crate::model::Review::default(),
                extra: crate::model::Extra::new(),
            });
        }
        if let Some((claim, error)) = document.insert_claims(claims).into_iter().next() {
            return Err(format!("claim {}: {error}", claim.id));
        }
        Ok(Imported {
            document,
            unknown_labels: unknown,
            notes: std::mem::take(&mut self.notes),
        })
    }
}

/// The level a label names on the scale, by id or label (any case, surrounding space
/// ignored); anything else is `unreviewed`, and the label is returned so it can be kept.
fn verdict_of(scale: &crate::model::Scale, label: Option<&str>) -> (Verdict, Option<String>) {
    let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) else {
        return (Verdict::UNREVIEWED, None);
    };
    match scale.match_label(label) {
        Some(verdict) => (verdict, None),
        None => (Verdict::UNREVIEWED, Some(label.to_owned())),
    }
}

/// A stamp from a name and an RFC 3339 time, if the time reads.
fn stamp(by: &str, at: Option<&str>) -> Option<Stamp> {
    let at = DateTime::parse_from_rfc3339(at?).ok()?.with_timezone(&Utc);
    Some(Stamp {
        by: by.to_owned(),
        at,
        extra: crate::model::Extra::new(),
    })
}

/// The article text to use: the file's own, checked against `--article` if both are given.
fn article_text(in_file: Option<&str>, article: Option<&str>) -> Result<String, String> {
    match (in_file, article) {
        (Some(file), Some(article)) if file != article => Err(
            "the text in the file differs from --article's; leave out --article to use the \
             file's own text"
                .to_owned(),
        ),
        (Some(text), _) | (None, Some(text)) => Ok(text.to_owned()),
        (None, None) => Err("the file carries no article text; pass --article ARTICLE".to_owned()),
    }
}
