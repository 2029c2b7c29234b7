//! File format version 1: the spelling of every field, in both directions.
//!
//! Reading walks the parsed JSON field by field so that every problem is reported with its
//! claim and field, instead of stopping at the first as a derived `Deserialize` would.
//! Writing goes through the `Wire*` types below, whose field order is the file's key order.
//! The model never derives `Serialize`: renaming a model field cannot change the format.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;

use wire_in::{Field, InClaim, InClaimFields, InDocument, InSource, InStamp, shorten};

mod wire_in;

use super::Diagnostic;
use crate::model::rules::{self, check_url};
use crate::model::{Article, Claim, ClaimId, Document, Extra, Source, Stamp, Verdict};
use crate::text::Text;

pub const FORMAT: &str = "factmark";
pub const VERSION: u64 = 1;
/// How much context the quote selectors carry on each side, in code points.
pub const CONTEXT_CHARS: usize = 32;

// ---------------------------------------------------------------------------------------
// Writing

#[derive(Serialize)]
struct WireDocument<'a> {
    format: &'static str,
    version: u64,
    article: WireArticle<'a>,
    claims: Vec<WireClaim<'a>>,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
struct WireArticle<'a> {
    title: &'a str,
    url: &'a str,
    source_file: &'a str,
    sha256: &'a str,
    text: &'a str,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
struct WireClaim<'a> {
    id: &'a str,
    start: usize,
    end: usize,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    verdict: &'static str,
    rationale: &'a str,
    sources: Vec<WireSource<'a>>,
    created: Option<WireStamp<'a>>,
    modified: Option<WireStamp<'a>>,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
struct WireSource<'a> {
    url: &'a str,
    title: &'a str,
    accessed: Option<String>,
    note: &'a str,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
struct WireStamp<'a> {
    by: &'a str,
    at: String,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

/// Unknown fields, written after the known ones, in sorted order, never shadowing a known key.
struct Unknown<'a> {
    extra: &'a Extra,
    known: &'static [&'static str],
}

impl Serialize for Unknown<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.extra
                .iter()
                .filter(|(k, _)| !self.known.contains(&k.as_str())),
        )
    }
}

/// The document as version-1 JSON: 2-space indent, fixed key order, claims in article
/// order, trailing newline.
pub fn to_json(document: &Document) -> Result<String, serde_json::Error> {
    let text = document.text();
    let wire = WireDocument {
        format: FORMAT,
        version: VERSION,
        article: WireArticle {
            title: &document.article.title,
            url: &document.article.url,
            source_file: &document.article.source_file,
            sha256: text.sha256(),
            text: text.as_str(),
            extra: Unknown {
                extra: &document.article.extra,
                known: wire_in::InArticle::KEYS,
            },
        },
        claims: document
            .claims()
            .iter()
            .map(|claim| WireClaim {
                id: claim.id.as_str(),
                start: claim.start,
                end: claim.end,
                exact: document.exact(claim),
                prefix: text.before(claim.start, CONTEXT_CHARS),
                suffix: text.after(claim.end, CONTEXT_CHARS),
                verdict: claim.verdict.as_str(),
                rationale: &claim.rationale,
                sources: claim.sources.iter().map(wire_source).collect(),
                created: claim.created.as_ref().map(wire_stamp),
                modified: claim.modified.as_ref().map(wire_stamp),
                extra: Unknown {
                    extra: &claim.extra,
                    known: InClaimFields::KEYS,
                },
            })
            .collect(),
        extra: Unknown {
            extra: &document.extra,
            known: InDocument::KEYS,
        },
    };
    let mut json = serde_json::to_string_pretty(&wire)?;
    json.push('\n');
    Ok(json)
}

fn wire_source(source: &Source) -> WireSource<'_> {
    WireSource {
        url: &source.url,
        title: &source.title,
        accessed: source.accessed.map(|d| d.format("%Y-%m-%d").to_string()),
        note: &source.note,
        extra: Unknown {
            extra: &source.extra,
            known: InSource::KEYS,
        },
    }
}

fn wire_stamp(stamp: &Stamp) -> WireStamp<'_> {
    WireStamp {
        by: &stamp.by,
        at: stamp.at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        extra: Unknown {
            extra: &stamp.extra,
            known: InStamp::KEYS,
        },
    }
}

// ---------------------------------------------------------------------------------------
// Reading, stage two: the meaning of what was read.

/// Reads a document from the text of a file, reporting every problem. The document holds
/// every claim that could be read; it is `None` only when the file is not a factmark v1
/// file at all or has no usable article text.
pub fn read(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Document> {
    let document = match wire_in::fast(text) {
        Some(document) => {
            let format = document.format.as_ref_ok().map(|f| Value::from(f.as_str()));
            let version = document.version.as_ref_ok().map(|v| Value::from(*v));
            check_format_and_version(format.as_ref(), version.as_ref(), diagnostics)?;
            document
        }
        None => wire_in::slow(text, diagnostics)?,
    };
    build(document, diagnostics)
}

/// Stage one by the slow path only, so tests can show both paths read the same document.
#[cfg(test)]
pub fn read_slow(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Document> {
    let document = wire_in::slow(text, diagnostics)?;
    build(document, diagnostics)
}

/// Whether the fast path accepts `text` (tests only).
#[cfg(test)]
pub fn fast_path_reads(text: &str) -> bool {
    wire_in::fast(text).is_some()
}

/// Format and version come first: a file of another format or a newer version is not
/// read any further.
fn check_format_and_version(
    format: Option<&Value>,
    version: Option<&Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<()> {
    let mut error = |field, message: String| {
        diagnostics.push(Diagnostic::error(None, Some(field), message));
    };
    match format {
        None | Some(Value::Null) => {
            error(
                "format",
                "missing: a factmark file starts with \"format\": \"factmark\"".to_owned(),
            );
            return None;
        }
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            error(
                "format",
                format!("is {other}, not \"factmark\": this is not a factmark file"),
            );
            return None;
        }
    }
    match version {
        None | Some(Value::Null) => {
            error(
                "version",
                "missing: factmark files carry \"version\": 1".to_owned(),
            );
            None
        }
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => Some(()),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
            error(
                "version",
                format!(
                    "is {n}: this file was written by a newer factmark, and this one reads \
                     version {VERSION} only. Update factmark to open it; nothing was changed"
                ),
            );
            None
        }
        Some(other) => {
            error(
                "version",
                format!("is {other}: the only version there is, is {VERSION}"),
            );
            None
        }
    }
}

/// Reports a required field that is absent. Invalid ones were reported when read.
fn required<T>(
    field: Field<T>,
    claim: Option<&str>,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    if matches!(field, Field::Absent) {
        diagnostics.push(Diagnostic::error(claim, Some(name), "missing"));
    }
    field.ok()
}

fn build(document: InDocument, diagnostics: &mut Vec<Diagnostic>) -> Option<Document> {
    let article = required(document.article, None, "article", diagnostics)?;
    let text = required(article.text, None, "article.text", diagnostics);
    let sha256 = required(article.sha256, None, "article.sha256", diagnostics);
    let text = Text::new(text?);
    if let Some(sha256) = sha256
        && sha256 != text.sha256()
    {
        diagnostics.push(Diagnostic::error(
            None,
            Some("article.sha256"),
            format!(
                "does not match the article text (the text hashes to {}): \
                 the text or the hash was changed by hand",
                text.sha256()
            ),
        ));
    }
    let url = article.url.ok().unwrap_or_default();
    if !url.is_empty()
        && let Err(why) = check_url(&url)
    {
        diagnostics.push(Diagnostic::error(None, Some("article.url"), why));
    }

    let mut result = Document::new(Article {
        title: article.title.ok().unwrap_or_default(),
        url,
        source_file: article.source_file.ok().unwrap_or_default(),
        text: std::sync::Arc::new(text),
        extra: article.extra,
    });
    result.extra = document.extra;

    let claims = document.claims.ok().unwrap_or_default();
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(claims.len());
    let mut read_claims = Vec::with_capacity(claims.len());
    for (i, claim) in claims.into_iter().enumerate() {
        let position = format!("#{}", i + 1);
        let fields = match claim {
            InClaim::Fields(fields) => fields,
            InClaim::NotAnObject(kind) => {
                diagnostics.push(Diagnostic::error(
                    Some(&position),
                    None,
                    format!("is a JSON {kind}, not an object"),
                ));
                continue;
            }
        };
        let label = match fields.id.as_ref_ok() {
            Some(id) if !id.trim().is_empty() => id.clone(),
            _ => position,
        };
        if let Some(first) = seen.get(&label) {
            diagnostics.push(Diagnostic::error(
                Some(&label),
                Some("id"),
                format!(
                    "claim #{first} has this id too: claim ids must be unique (this one is #{})",
                    i + 1
                ),
            ));
            continue;
        }
        seen.insert(label.clone(), i + 1);
        if let Some(claim) = build_claim(fields, &label, result.text(), diagnostics) {
            read_claims.push(claim);
        }
    }
    // Ranges and ids were checked above; a refusal here would be a bug, and is reported
    // rather than lost.
    for (claim, error) in result.insert_claims(read_claims) {
        diagnostics.push(Diagnostic::error(
            Some(claim.id.as_str()),
            None,
            error.to_string(),
        ));
    }
    Some(result)
}

fn build_claim(
    fields: InClaimFields,
    label: &str,
    text: &Text,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Claim> {
    let claim = Some(label);
    let id = required(fields.id, claim, "id", diagnostics);
    let start = required(fields.start, claim, "start", diagnostics);
    let end = required(fields.end, claim, "end", diagnostics);
    let exact = required(fields.exact, claim, "exact", diagnostics);
    let verdict = required(fields.verdict, claim, "verdict", diagnostics);

    let id = id.and_then(|id| {
        let parsed = ClaimId::parse(&id);
        if parsed.is_none() {
            diagnostics.push(Diagnostic::error(claim, Some("id"), "is empty"));
        }
        parsed
    });
    let verdict = verdict.and_then(|v| {
        let parsed = Verdict::parse(&v);
        if parsed.is_none() {
            diagnostics.push(Diagnostic::error(
                claim,
                Some("verdict"),
                format!(
                    "\"{v}\" is not a verdict: use unreviewed, verified, disputed or inaccurate"
                ),
            ));
        }
        parsed
    });
    let range = match (start, end) {
        (Some(start), Some(end)) => check_range(start, end, text, label, diagnostics),
        _ => None,
    };
    let mut quote_ok = exact.is_some();
    if let (Some((start, end)), Some(exact)) = (range, exact.as_ref()) {
        let actual = text.slice_chars(start..end).unwrap_or_default();
        if actual == exact {
            check_context(
                fields.prefix.ok().as_deref(),
                text.before(start, CONTEXT_CHARS),
                "prefix",
                label,
                diagnostics,
            );
            check_context(
                fields.suffix.ok().as_deref(),
                text.after(end, CONTEXT_CHARS),
                "suffix",
                label,
                diagnostics,
            );
        } else {
            quote_ok = false;
            diagnostics.push(Diagnostic::error(
                claim,
                Some("exact"),
                format!(
                    "is {:?} but the text at {start}..{end} is {:?}: the offsets point at \
                     other words than the quote",
                    shorten(exact),
                    shorten(actual)
                ),
            ));
        }
    }

    let mut sources_ok = true;
    let sources: Vec<Source> = fields
        .sources
        .ok()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .filter_map(|(i, source)| {
            let source = build_source(source, label, i, diagnostics);
            sources_ok &= source.is_some();
            source
        })
        .collect();
    let created = fields
        .created
        .ok()
        .and_then(|s| build_stamp(s, label, "created", diagnostics));
    let modified = fields
        .modified
        .ok()
        .and_then(|s| build_stamp(s, label, "modified", diagnostics));

    let (Some(id), Some(verdict), Some((start, end)), true, true) =
        (id, verdict, range, quote_ok, sources_ok)
    else {
        return None;
    };
    Some(Claim {
        id,
        start,
        end,
        verdict,
        rationale: fields.rationale.ok().unwrap_or_default(),
        sources,
        created,
        modified,
        extra: fields.extra,
    })
}

fn check_range(
    start: u64,
    end: u64,
    text: &Text,
    label: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(usize, usize)> {
    let len = text.len_chars() as u64;
    let problem = if start > end {
        Some((
            "end",
            format!("{end} is before start {start}: the offsets are reversed"),
        ))
    } else if start == end {
        Some((
            "end",
            format!("equals start ({start}): a claim covers at least one character"),
        ))
    } else if start > len {
        Some((
            "start",
            format!("{start} is past the end of the text ({len} characters)"),
        ))
    } else if end > len {
        Some((
            "end",
            format!("{end} is past the end of the text ({len} characters)"),
        ))
    } else {
        None
    };
    if let Some((field, message)) = problem {
        diagnostics.push(Diagnostic::error(Some(label), Some(field), message));
        return None;
    }
    // Both are at most the text's length, so they fit in usize.
    Some((usize::try_from(start).ok()?, usize::try_from(end).ok()?))
}

fn check_context(
    given: Option<&str>,
    actual: &str,
    field: &str,
    label: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(given) = given
        && given != actual
    {
        diagnostics.push(Diagnostic::warning(
            Some(label),
            Some(field),
            format!(
                "is {:?} but the text there is {:?}; it will be rewritten from the text on save",
                shorten(given),
                shorten(actual)
            ),
        ));
    }
}

fn build_source(
    source: InSource,
    label: &str,
    index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Source> {
    let url = source.url.ok().unwrap_or_default();
    let title = source.title.ok().unwrap_or_default();
    let accessed = source.accessed.ok().unwrap_or_default();
    let note = source.note.ok().unwrap_or_default();
    let fields = rules::SourceFields {
        url: &url,
        title: &title,
        accessed: &accessed,
        note: &note,
    };
    match rules::source(&fields, source.extra) {
        Ok(source) => Some(source),
        Err(problems) => {
            for problem in problems {
                let field = match problem.field() {
                    Some(field) => format!("sources[{index}].{field}"),
                    None => format!("sources[{index}]"),
                };
                diagnostics.push(Diagnostic::error(
                    Some(label),
                    Some(&field),
                    problem.to_string(),
                ));
            }
            None
        }
    }
}

fn build_stamp(
    stamp: InStamp,
    label: &str,
    field: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Stamp> {
    let at = required(stamp.at, Some(label), &format!("{field}.at"), diagnostics)?;
    let Ok(at) = DateTime::parse_from_rfc3339(&at) else {
        diagnostics.push(Diagnostic::error(
            Some(label),
            Some(&format!("{field}.at")),
            format!("{at:?} is not a time: write it as RFC 3339, like 2026-11-25T11:41:00Z"),
        ));
        return None;
    };
    Some(Stamp {
        by: stamp.by.ok().unwrap_or_default(),
        at: at.with_timezone(&Utc),
        extra: stamp.extra,
    })
}
