//! File format version 1: the spelling of every field, in both directions.
//!
//! Reading walks the parsed JSON field by field so that every problem is reported with its
//! claim and field, instead of stopping at the first as a derived `Deserialize` would.
//! Writing goes through the `Wire*` types below, whose field order is the file's key order.
//! The model never derives `Serialize`: renaming a model field cannot change the format.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;

use wire_in::{
    Field, InBlock, InClaim, InClaimFields, InDocument, InItem, InOrphan, InOrphanFields, InSource,
    InStamp, shorten,
};

mod review;
pub mod team;
mod wire_in;

use super::Diagnostic;
use crate::model::rules::{self, check_url};
use crate::model::{
    Article, Claim, ClaimId, Document, Extra, Level, Orphan, Scale, Source, Stamp, Verdict,
};
use crate::text::Text;

pub const FORMAT: &str = "factmark";
pub const VERSION: u64 = 1;
/// How much context the quote selectors carry on each side, in code points.
pub const CONTEXT_CHARS: usize = crate::anchor::CONTEXT;

// ---------------------------------------------------------------------------------------
// Writing

#[derive(Serialize)]
struct WireDocument<'a> {
    format: &'static str,
    version: u64,
    article: WireArticle<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<WireScale<'a>>,
    claims: WireClaims<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    orphans: Vec<WireOrphan<'a>>,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
struct WireArticle<'a> {
    title: &'a str,
    url: &'a str,
    source_file: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    author: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    publisher: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    published: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    modified: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    canonical_url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    lang: &'a str,
    sha256: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    blocks: Vec<WireBlock<'a>>,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
struct WireScale<'a> {
    name: &'a str,
    ordered: bool,
    levels: Vec<WireLevel<'a>>,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
struct WireLevel<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<u32>,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

/// The scale keys the reader knows; others are kept.
const SCALE_KEYS: &[&str] = &["name", "ordered", "levels"];
const LEVEL_KEYS: &[&str] = &["id", "label", "rating"];

fn wire_scale(scale: &Scale) -> WireScale<'_> {
    WireScale {
        name: &scale.name,
        ordered: scale.ordered,
        levels: scale
            .levels
            .iter()
            .map(|l| WireLevel {
                id: l.id.as_str(),
                label: &l.label,
                rating: l.rating,
                extra: Unknown {
                    extra: &l.extra,
                    known: LEVEL_KEYS,
                },
            })
            .collect(),
        extra: Unknown {
            extra: &scale.extra,
            known: SCALE_KEYS,
        },
    }
}

/// The file's `scale`, every problem reported at its field (`scale.levels[2].rating`).
fn read_scale(value: Value, diagnostics: &mut Vec<Diagnostic>) -> Scale {
    read_scale_at("scale", value, diagnostics)
}

/// A scale on its own (a `--scale-file`, a W3C collection's `scale`): the scale, or its
/// first problem as `field: what is wrong` (`levels[0].rating: …`).
pub fn scale_from_json(value: Value) -> Result<Scale, String> {
    let mut diagnostics = Vec::new();
    let scale = read_scale_at("", value, &mut diagnostics);
    match diagnostics.into_iter().next() {
        None => Ok(scale),
        Some(d) => Err(match d.field.filter(|f| !f.is_empty()) {
            Some(field) => format!("{field}: {}", d.message),
            None => d.message,
        }),
    }
}

/// [`read_scale`], its fields named under `prefix` (empty: as they are).
fn read_scale_at(prefix: &str, value: Value, diagnostics: &mut Vec<Diagnostic>) -> Scale {
    let mut error = |field: &str, message: String| {
        let field = match (prefix.is_empty(), field.is_empty()) {
            (_, true) => prefix.to_owned(),
            (true, false) => field.to_owned(),
            (false, false) => format!("{prefix}.{field}"),
        };
        diagnostics.push(Diagnostic::error(None, Some(&field), message));
    };
    let Value::Object(mut map) = value else {
        error(
            "",
            "is not an object: {\"name\", \"ordered\", \"levels\": [...]}".into(),
        );
        return Scale::factmark();
    };
    let name = match map.remove("name") {
        Some(Value::String(name)) => name,
        None | Some(Value::Null) => String::new(),
        Some(_) => {
            error("name", "is not a string".into());
            String::new()
        }
    };
    let ordered = match map.remove("ordered") {
        Some(Value::Bool(ordered)) => ordered,
        None | Some(Value::Null) => {
            error("ordered", "missing: true or false".into());
            true
        }
        Some(_) => {
            error("ordered", "is not true or false".into());
            true
        }
    };
    let mut levels = Vec::new();
    match map.remove("levels") {
        Some(Value::Array(items)) => {
            for (i, item) in items.into_iter().enumerate() {
                let Value::Object(mut level) = item else {
                    error(&format!("levels[{i}]"), "is not an object".into());
                    continue;
                };
                let Some(Value::String(id)) = level.remove("id") else {
                    error(
                        &format!("levels[{i}].id"),
                        "missing: a level needs an id (a string)".into(),
                    );
                    continue;
                };
                let label = match level.remove("label") {
                    Some(Value::String(label)) => label,
                    None | Some(Value::Null) => id.clone(),
                    Some(_) => {
                        error(&format!("levels[{i}].label"), "is not a string".into());
                        id.clone()
                    }
                };
                let rating = match level.remove("rating") {
                    None | Some(Value::Null) => None,
                    Some(Value::Number(n)) if n.as_u64().is_some() => Some(
                        n.as_u64()
                            .and_then(|n| u32::try_from(n).ok())
                            .unwrap_or(u32::MAX),
                    ),
                    Some(other) => {
                        error(
                            &format!("levels[{i}].rating"),
                            format!("{other} is not a whole number"),
                        );
                        Some(0)
                    }
                };
                levels.push(Level {
                    id: Verdict::new(&id),
                    label,
                    rating,
                    extra: level.into_iter().collect(),
                });
            }
        }
        None | Some(Value::Null) => error("levels", "missing: a list of levels".into()),
        Some(_) => error("levels", "is not a list".into()),
    }
    let scale = Scale {
        name,
        ordered,
        levels,
        extra: map.into_iter().collect(),
    };
    for problem in scale.problems() {
        error(&problem.field, problem.message);
    }
    scale
}

#[derive(Serialize)]
struct WireBlock<'a> {
    start: usize,
    end: usize,
    kind: &'static str,
    level: u8,
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
    verdict: &'a str,
    rationale: &'a str,
    sources: Vec<WireSource<'a>>,
    created: Option<WireStamp<'a>>,
    modified: Option<WireStamp<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<review::WireStatus<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history: Vec<review::WireEntry<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    comments: Vec<review::WireComment<'a>>,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
struct WireOrphan<'a> {
    id: &'a str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    text_sha256: &'a str,
    verdict: &'a str,
    rationale: &'a str,
    sources: Vec<WireSource<'a>>,
    created: Option<WireStamp<'a>>,
    modified: Option<WireStamp<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<review::WireStatus<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history: Vec<review::WireEntry<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    comments: Vec<review::WireComment<'a>>,
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
    String::from_utf8(to_json_bytes(document)?).map_err(serde::ser::Error::custom)
}

/// [`to_json`] as the UTF-8 bytes that are written to the file.
pub fn to_json_bytes(document: &Document) -> Result<Vec<u8>, serde_json::Error> {
    let text = document.text();
    let wire = WireDocument {
        format: FORMAT,
        version: VERSION,
        article: WireArticle {
            title: &document.article.title,
            url: &document.article.url,
            source_file: &document.article.source_file,
            author: &document.article.meta.author,
            publisher: &document.article.meta.publisher,
            published: &document.article.meta.published,
            modified: &document.article.meta.modified,
            canonical_url: &document.article.meta.canonical_url,
            lang: &document.article.meta.lang,
            sha256: text.sha256(),
            text: text.as_str(),
            blocks: text
                .blocks()
                .iter()
                .map(|b| WireBlock {
                    start: b.start,
                    end: b.end,
                    kind: b.kind.as_str(),
                    level: b.level,
                    extra: Unknown {
                        extra: &b.extra,
                        known: InBlock::KEYS,
                    },
                })
                .collect(),
            extra: Unknown {
                extra: &document.article.extra,
                known: wire_in::InArticle::KEYS,
            },
        },
        scale: document.own_scale().map(wire_scale),
        claims: WireClaims(document),
        orphans: document.orphans().iter().map(wire_orphan).collect(),
        extra: Unknown {
            extra: &document.extra,
            known: InDocument::KEYS,
        },
    };
    // Sized for the text and a typical claim up front, so a book-length file is written
    // without regrowing the buffer many times over.
    let mut json =
        Vec::with_capacity(text.as_str().len() * 11 / 10 + document.claims().len() * 700);
    serde_json::to_writer_pretty(&mut json, &wire)?;
    json.push(b'\n');
    Ok(json)
}

/// The claims in article order, each made into its wire form as it is written (not all
/// collected first: 100k of them would be 25 MB held for nothing).
struct WireClaims<'a>(&'a Document);

impl Serialize for WireClaims<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let document = self.0;
        let text = document.text();
        serializer.collect_seq(document.claims().iter().map(|claim| {
            let quote = text
                .quote(claim.start..claim.end, CONTEXT_CHARS)
                .unwrap_or_default();
            WireClaim {
                id: claim.id.as_str(),
                start: claim.start,
                end: claim.end,
                exact: quote.exact,
                prefix: quote.prefix,
                suffix: quote.suffix,
                verdict: claim.verdict.as_str(),
                rationale: &claim.rationale,
                sources: claim.sources.iter().map(wire_source).collect(),
                created: claim.created.as_ref().map(wire_stamp),
                modified: claim.modified.as_ref().map(wire_stamp),
                status: review::wire_status(&claim.review),
                history: review::wire_history(&claim.review),
                comments: review::wire_comments(&claim.review),
                extra: Unknown {
                    extra: &claim.extra,
                    known: InClaimFields::KEYS,
                },
            }
        }))
    }
}

fn wire_orphan(orphan: &Orphan) -> WireOrphan<'_> {
    WireOrphan {
        id: orphan.id.as_str(),
        exact: &orphan.exact,
        prefix: &orphan.prefix,
        suffix: &orphan.suffix,
        text_sha256: &orphan.text_sha256,
        verdict: orphan.verdict.as_str(),
        rationale: &orphan.rationale,
        sources: orphan.sources.iter().map(wire_source).collect(),
        created: orphan.created.as_ref().map(wire_stamp),
        modified: orphan.modified.as_ref().map(wire_stamp),
        status: review::wire_status(&orphan.review),
        history: review::wire_history(&orphan.review),
        comments: review::wire_comments(&orphan.review),
        extra: Unknown {
            extra: &orphan.extra,
            known: InOrphanFields::KEYS,
        },
    }
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
                format!(
                    "is {}, not \"factmark\": this is not a factmark file",
                    crate::text::excerpt(&other.to_string())
                ),
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

fn build(document: InDocument<'_>, diagnostics: &mut Vec<Diagnostic>) -> Option<Document> {
    let article = required(document.article, None, "article", diagnostics)?;
    let text = required(article.text, None, "article.text", diagnostics);
    let sha256 = required(article.sha256, None, "article.sha256", diagnostics);
    let mut text = Text::new(text?);
    if let Some(blocks) = article.blocks.ok() {
        read_blocks(&mut text, blocks, diagnostics);
    }
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

    let canonical_url = article.canonical_url.ok().unwrap_or_default();
    if !canonical_url.is_empty()
        && let Err(why) = check_url(&canonical_url)
    {
        diagnostics.push(Diagnostic::error(None, Some("article.canonical_url"), why));
    }
    let meta = crate::text::Meta {
        author: article.author.ok().unwrap_or_default(),
        publisher: article.publisher.ok().unwrap_or_default(),
        published: article.published.ok().unwrap_or_default(),
        modified: article.modified.ok().unwrap_or_default(),
        canonical_url,
        lang: article.lang.ok().unwrap_or_default(),
    };

    let mut result = Document::new(Article {
        title: article.title.ok().unwrap_or_default(),
        url,
        source_file: article.source_file.ok().unwrap_or_default(),
        meta,
        text: std::sync::Arc::new(text),
        extra: article.extra,
    });
    result.extra = document.extra;
    if let Some(value) = document.scale.ok() {
        let scale = read_scale(value, diagnostics);
        // A scale with problems was reported; the claims are still checked against its
        // levels, so that every problem of the file is told at once.
        result.set_scale_unchecked(scale);
    }

    let claims = document.claims.ok().unwrap_or_default();
    let duplicates = duplicate_ids(&claims);
    let (read_claims, claim_diagnostics) =
        build_claims(claims, &duplicates, result.text(), result.scale());
    diagnostics.extend(claim_diagnostics);
    // Ranges and ids were checked above; a refusal here would be a bug, and is reported
    // rather than lost.
    for (claim, error) in result.insert_claims(read_claims) {
        diagnostics.push(Diagnostic::error(
            Some(claim.id.as_str()),
            None,
            error.to_string(),
        ));
    }
    build_orphans(
        document.orphans.ok().unwrap_or_default(),
        &mut result,
        diagnostics,
    );
    Some(result)
}

/// The article's block table (headings, list items, quotes, paragraphs): each block's
/// fields read, then the whole table checked against the text. A table with a fault is
/// reported at the block and field, and not kept.
fn read_blocks(text: &mut Text, blocks: Vec<InBlock<'_>>, diagnostics: &mut Vec<Diagnostic>) {
    let mut table = Vec::with_capacity(blocks.len());
    for (index, block) in blocks.into_iter().enumerate() {
        let field = |name: &str| format!("article.blocks[{index}].{name}");
        let start = block.start.ok().and_then(|v| usize::try_from(v).ok());
        let end = block.end.ok().and_then(|v| usize::try_from(v).ok());
        let kind_name = block.kind.ok();
        let kind = kind_name.as_deref().and_then(crate::text::BlockKind::parse);
        let level = block.level.ok().and_then(|v| u8::try_from(v).ok());
        for (name, absent) in [
            ("start", start.is_none()),
            ("end", end.is_none()),
            ("level", level.is_none()),
        ] {
            if absent {
                diagnostics.push(Diagnostic::error(
                    None,
                    Some(&field(name)),
                    "is missing or not a number in range",
                ));
            }
        }
        if kind.is_none() {
            diagnostics.push(Diagnostic::error(
                None,
                Some(&field("kind")),
                format!(
                    "{:?} is not a block kind (heading, list_item, quote or paragraph)",
                    kind_name.as_deref().unwrap_or_default()
                ),
            ));
        }
        let (Some(start), Some(end), Some(kind), Some(level)) = (start, end, kind, level) else {
            return;
        };
        table.push(crate::text::Block {
            start,
            end,
            kind,
            level,
            extra: block.extra,
        });
    }
    if let Err(e) = text.set_blocks(table) {
        diagnostics.push(Diagnostic::error(
            None,
            Some(&format!("article.blocks[{}].{}", e.index, e.field)),
            e.message,
        ));
    }
}

/// The orphans: each checked as a claim is, but for its place (it has none); its id must
/// be unused by any claim or other orphan.
fn build_orphans(
    orphans: Vec<InOrphan<'_>>,
    document: &mut Document,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (i, item) in orphans.into_iter().enumerate() {
        let fields = match item {
            InItem::Fields(fields) => fields,
            InItem::NotAnObject(kind) => {
                diagnostics.push(Diagnostic::error(
                    Some(&format!("#{} (orphan)", i + 1)),
                    None,
                    format!("is a JSON {kind}, not an object"),
                ));
                continue;
            }
        };
        if let Some(orphan) = build_orphan(fields, i + 1, document.scale(), diagnostics) {
            let label = format!("{} (orphan)", orphan.id);
            let at = document.orphans().len();
            if document.insert_orphan(at, orphan).is_err() {
                diagnostics.push(Diagnostic::error(
                    Some(&label),
                    Some("id"),
                    "another claim or orphan has this id too: ids must be unique",
                ));
            }
        }
    }
}

fn build_orphan(
    mut fields: InOrphanFields<'_>,
    number: usize,
    scale: &Scale,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Orphan> {
    let id_field = std::mem::take(&mut fields.id);
    let id_missing = matches!(id_field, Field::Absent);
    let id = id_field.ok().and_then(ClaimId::from_string);
    let label = match &id {
        Some(id) => format!("{id} (orphan)"),
        None => format!("#{number} (orphan)"),
    };
    let claim = Some(label.as_str());
    if id_missing {
        diagnostics.push(Diagnostic::error(claim, Some("id"), "missing"));
    } else if id.is_none() {
        diagnostics.push(Diagnostic::error(claim, Some("id"), "is empty"));
    }
    let exact = required(fields.exact, claim, "exact", diagnostics);
    if exact.as_ref().is_some_and(String::is_empty) {
        diagnostics.push(Diagnostic::error(
            claim,
            Some("exact"),
            "is empty: an orphan keeps the words it was made on",
        ));
    }
    let sha = required(fields.text_sha256, claim, "text_sha256", diagnostics);
    let sha_ok = sha.as_ref().is_some_and(|sha| {
        let ok = sha.len() == 64 && sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !ok {
            diagnostics.push(Diagnostic::error(
                claim,
                Some("text_sha256"),
                format!(
                    "{:?} is not a SHA-256 (64 lowercase hex digits)",
                    crate::text::excerpt(sha)
                ),
            ));
        }
        ok
    });
    let verdict = required(fields.verdict, claim, "verdict", diagnostics)
        .and_then(|v| parse_verdict(&v, &label, scale, diagnostics));
    let evidence = Evidence::build(
        (fields.sources, fields.created, fields.modified),
        &label,
        diagnostics,
    );
    let review = review::read(
        (
            std::mem::take(&mut fields.status),
            std::mem::take(&mut fields.history),
            std::mem::take(&mut fields.comments),
        ),
        &label,
        diagnostics,
    );
    let (Some(id), Some(exact), Some(text_sha256), Some(verdict), true, true, Some(review)) =
        (id, exact, sha, verdict, sha_ok, evidence.sources_ok, review)
    else {
        return None;
    };
    if exact.is_empty() {
        return None;
    }
    Some(Orphan {
        id,
        exact,
        prefix: fields.prefix.ok().unwrap_or_default(),
        suffix: fields.suffix.ok().unwrap_or_default(),
        text_sha256,
        verdict,
        rationale: fields.rationale.ok().unwrap_or_default(),
        sources: evidence.sources,
        created: evidence.created,
        modified: evidence.modified,
        review,
        extra: fields.extra,
    })
}

/// A claim's or an orphan's sources and stamps, each checked; `sources_ok` is false if a
/// source was refused (reported).
struct Evidence {
    sources: Vec<Source>,
    sources_ok: bool,
    created: Option<Stamp>,
    modified: Option<Stamp>,
}

type EvidenceFields<'de> = (
    Field<Vec<InSource<'de>>>,
    Field<InStamp<'de>>,
    Field<InStamp<'de>>,
);

impl Evidence {
    fn build(
        (sources, created, modified): EvidenceFields<'_>,
        label: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut sources_ok = true;
        let sources = sources
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
        let stamp = |field: Field<InStamp<'_>>, name, diagnostics: &mut Vec<Diagnostic>| {
            field
                .ok()
                .and_then(|s| build_stamp(s, label, name, diagnostics))
        };
        let created = stamp(created, "created", diagnostics);
        let modified = stamp(modified, "modified", diagnostics);
        Self {
            sources,
            sources_ok,
            created,
            modified,
        }
    }
}

fn parse_verdict(
    v: &str,
    label: &str,
    scale: &Scale,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Verdict> {
    let verdict = Verdict::new(v);
    if scale.allows(&verdict) {
        return Some(verdict);
    }
    let levels: Vec<&str> = scale.levels.iter().map(|l| l.id.as_str()).collect();
    diagnostics.push(Diagnostic::error(
        Some(label),
        Some("verdict"),
        format!(
            "{:?} is not a level of the {:?} scale: use unreviewed or one of {}",
            crate::text::excerpt(v),
            crate::text::excerpt(&scale.name),
            levels.join(", ")
        ),
    ));
    None
}

/// For each claim whose id an earlier claim has already: its position and the earlier
/// claim's number (1-based).
fn duplicate_ids(claims: &[InClaim<'_>]) -> HashMap<usize, usize> {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(claims.len());
    let mut duplicates = HashMap::new();
    for (i, claim) in claims.iter().enumerate() {
        if let InClaim::Fields(fields) = claim
            && let Some(id) = fields.id.as_ref_ok()
            && !id.trim().is_empty()
        {
            match first.entry(id.as_str()) {
                Entry::Occupied(earlier) => {
                    duplicates.insert(i, *earlier.get());
                }
                Entry::Vacant(slot) => {
                    slot.insert(i + 1);
                }
            }
        }
    }
    duplicates
}

/// Claims at least this many are checked on several threads.
const PARALLEL_CLAIMS: usize = 4096;
#[cfg(test)]
pub const PARALLEL_CLAIMS_FOR_TESTS: usize = PARALLEL_CLAIMS;

/// Checks every claim against the text: the claims that are whole and every problem, in
/// file order. A long list is split over the machine's cores (each claim is checked on its
/// own; only the order of the messages joins them).
fn build_claims(
    claims: Vec<InClaim<'_>>,
    duplicates: &HashMap<usize, usize>,
    text: &Text,
    scale: &Scale,
) -> (Vec<Claim>, Vec<Diagnostic>) {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = threads.min(4);
    if threads == 1 || claims.len() < PARALLEL_CLAIMS {
        return build_claim_run(claims, 0, duplicates, text, scale);
    }
    let per_thread = claims.len().div_ceil(threads);
    let mut runs = Vec::with_capacity(threads);
    let mut rest = claims;
    while rest.len() > per_thread {
        let tail = rest.split_off(per_thread);
        runs.push(std::mem::replace(&mut rest, tail));
    }
    runs.push(rest);
    std::thread::scope(|scope| {
        let mut offset = 0;
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| {
                let first = offset;
                offset += run.len();
                scope.spawn(move || build_claim_run(run, first, duplicates, text, scale))
            })
            .collect();
        let mut claims = Vec::new();
        let mut diagnostics = Vec::new();
        for handle in handles {
            match handle.join() {
                Ok((run_claims, run_diagnostics)) => {
                    claims.extend(run_claims);
                    diagnostics.extend(run_diagnostics);
                }
                // Checking a claim does not panic; if it ever did, the file must not look
                // valid with claims missing.
                Err(_) => diagnostics.push(Diagnostic::error(
                    None,
                    Some("claims"),
                    "could not be checked (an internal error): the file was not read",
                )),
            }
        }
        (claims, diagnostics)
    })
}

/// [`build_claims`] of the claims `first..first + claims.len()` of the file.
fn build_claim_run(
    claims: Vec<InClaim<'_>>,
    first: usize,
    duplicates: &HashMap<usize, usize>,
    text: &Text,
    scale: &Scale,
) -> (Vec<Claim>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut built = Vec::with_capacity(claims.len());
    for (i, claim) in (first..).zip(claims) {
        let fields = match claim {
            InClaim::Fields(fields) => fields,
            InClaim::NotAnObject(kind) => {
                diagnostics.push(Diagnostic::error(
                    Some(&format!("#{}", i + 1)),
                    None,
                    format!("is a JSON {kind}, not an object"),
                ));
                continue;
            }
        };
        if let Some(earlier) = duplicates.get(&i) {
            diagnostics.push(Diagnostic::error(
                fields.id.as_ref_ok().map(String::as_str),
                Some("id"),
                format!(
                    "claim #{earlier} has this id too: claim ids must be unique (this one is #{})",
                    i + 1
                ),
            ));
            continue;
        }
        if let Some(claim) = build_claim(fields, i + 1, text, scale, &mut diagnostics) {
            built.push(claim);
        }
    }
    (built, diagnostics)
}

/// One claim, the `number`th of the file. Messages name it by its id, or by `#number` when
/// it has none.
fn build_claim(
    mut fields: InClaimFields<'_>,
    number: usize,
    text: &Text,
    scale: &Scale,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Claim> {
    let id_field = std::mem::take(&mut fields.id);
    let id_missing = matches!(id_field, Field::Absent);
    let id_given = matches!(id_field, Field::Ok(_));
    let id = id_field.ok().and_then(ClaimId::from_string);
    let position;
    let label = if let Some(id) = &id {
        id.as_str()
    } else {
        position = format!("#{number}");
        &position
    };
    let claim = Some(label);
    if id_missing {
        diagnostics.push(Diagnostic::error(claim, Some("id"), "missing"));
    }
    let start = required(fields.start, claim, "start", diagnostics);
    let end = required(fields.end, claim, "end", diagnostics);
    let exact = required(fields.exact, claim, "exact", diagnostics);
    let verdict = required(fields.verdict, claim, "verdict", diagnostics);
    if id_given && id.is_none() {
        diagnostics.push(Diagnostic::error(claim, Some("id"), "is empty"));
    }
    let verdict = verdict.and_then(|v| parse_verdict(&v, label, scale, diagnostics));
    let range = match (start, end) {
        (Some(start), Some(end)) => check_range(start, end, text, label, diagnostics),
        _ => None,
    };
    let quote_ok = match (range, exact.as_ref()) {
        (Some(range), Some(exact)) => {
            let prefix = fields.prefix.ok();
            let suffix = fields.suffix.ok();
            let context = [prefix.as_deref(), suffix.as_deref()];
            check_quote(range, exact, context, text, label, diagnostics)
        }
        (None, exact) => exact.is_some(),
        (Some(_), None) => false,
    };

    let evidence = Evidence::build(
        (fields.sources, fields.created, fields.modified),
        label,
        diagnostics,
    );
    let review = review::read(
        (
            std::mem::take(&mut fields.status),
            std::mem::take(&mut fields.history),
            std::mem::take(&mut fields.comments),
        ),
        label,
        diagnostics,
    );
    let team_ok = team::check(&fields.extra, label, (text.len_chars(), scale), diagnostics);
    let (Some(verdict), Some((start, end)), true, true, Some(review), true) = (
        verdict,
        range,
        quote_ok,
        evidence.sources_ok,
        review,
        team_ok,
    ) else {
        return None;
    };
    let id = id?;
    Some(Claim {
        id,
        start,
        end,
        verdict,
        rationale: fields.rationale.ok().unwrap_or_default(),
        sources: evidence.sources,
        created: evidence.created,
        modified: evidence.modified,
        review,
        extra: fields.extra,
    })
}

/// Whether the quote given (`exact`, and `[prefix, suffix]` if given) is the text's at
/// `start..end`: a wrong `exact` is an error, stale context a warning.
fn check_quote(
    (start, end): (usize, usize),
    exact: &str,
    [prefix, suffix]: [Option<&str>; 2],
    text: &Text,
    label: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let quote = text.quote(start..end, CONTEXT_CHARS).unwrap_or_default();
    if quote.exact != exact {
        diagnostics.push(Diagnostic::error(
            Some(label),
            Some("exact"),
            format!(
                "is {:?} but the text at {start}..{end} is {:?}: the offsets point at \
                 other words than the quote",
                shorten(exact),
                shorten(quote.exact)
            ),
        ));
        return false;
    }
    check_context(prefix, quote.prefix, "prefix", label, diagnostics);
    check_context(suffix, quote.suffix, "suffix", label, diagnostics);
    true
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
    source: InSource<'_>,
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
    stamp: InStamp<'_>,
    label: &str,
    field: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Stamp> {
    let at = required(stamp.at, Some(label), &format!("{field}.at"), diagnostics)?;
    let Ok(at) = DateTime::parse_from_rfc3339(&at) else {
        diagnostics.push(Diagnostic::error(
            Some(label),
            Some(&format!("{field}.at")),
            format!(
                "{:?} is not a time: write it as RFC 3339, like 2026-11-25T11:41:00Z",
                crate::text::excerpt(&at)
            ),
        ));
        return None;
    };
    Some(Stamp {
        by: stamp.by.ok().unwrap_or_default(),
        at: at.with_timezone(&Utc),
        extra: stamp.extra,
    })
}
