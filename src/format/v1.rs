//! File format version 1: the spelling of every field, in both directions.
//!
//! Reading walks the parsed JSON field by field so that every problem is reported with its
//! claim and field, instead of stopping at the first as a derived `Deserialize` would.
//! Writing goes through the `Wire*` types below, whose field order is the file's key order.
//! The model never derives `Serialize`: renaming a model field cannot change the format.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Diagnostic;
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

const DOCUMENT_KEYS: &[&str] = &["format", "version", "article", "claims"];
const ARTICLE_KEYS: &[&str] = &["title", "url", "source_file", "sha256", "text"];
const CLAIM_KEYS: &[&str] = &[
    "id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "verdict",
    "rationale",
    "sources",
    "created",
    "modified",
];
const SOURCE_KEYS: &[&str] = &["url", "title", "accessed", "note"];
const STAMP_KEYS: &[&str] = &["by", "at"];

/// The document as version-1 JSON: 2-space indent, fixed key order, claims in article
/// order, trailing newline.
pub fn to_json(document: &Document) -> String {
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
                known: ARTICLE_KEYS,
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
                    known: CLAIM_KEYS,
                },
            })
            .collect(),
        extra: Unknown {
            extra: &document.extra,
            known: DOCUMENT_KEYS,
        },
    };
    // Serialising these types cannot fail: every key is a string, every number finite.
    let mut json = serde_json::to_string_pretty(&wire).unwrap_or_default();
    json.push('\n');
    json
}

fn wire_source(source: &Source) -> WireSource<'_> {
    WireSource {
        url: &source.url,
        title: &source.title,
        accessed: source.accessed.map(|d| d.format("%Y-%m-%d").to_string()),
        note: &source.note,
        extra: Unknown {
            extra: &source.extra,
            known: SOURCE_KEYS,
        },
    }
}

fn wire_stamp(stamp: &Stamp) -> WireStamp<'_> {
    WireStamp {
        by: &stamp.by,
        at: stamp.at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        extra: Unknown {
            extra: &stamp.extra,
            known: STAMP_KEYS,
        },
    }
}

// ---------------------------------------------------------------------------------------
// Reading

/// Builds a document from parsed JSON, reporting every problem. The document holds every
/// claim that could be read; it is `None` only when the file is not a factmark v1 file at
/// all or has no usable article text.
pub fn read(value: Value, diagnostics: &mut Vec<Diagnostic>) -> Option<Document> {
    let Value::Object(map) = value else {
        diagnostics.push(Diagnostic::error(
            None,
            None,
            format!(
                "the file holds a JSON {}, not a factmark document (a JSON object)",
                kind_of(&value)
            ),
        ));
        return None;
    };
    let mut top = Fields::new(map, None, None, diagnostics);
    check_format_and_version(&mut top)?;
    let article_map = top.required_object("article")?;
    let claims = top.array("claims");
    let document_extra = top.finish();

    let mut fields = Fields::new(article_map, None, Some("article"), diagnostics);
    let text = fields.required_string("text");
    let sha256 = fields.required_string("sha256");
    let title = fields.string("title");
    let url = fields.string("url");
    let source_file = fields.string("source_file");
    let article_extra = fields.finish();
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
    if !url.is_empty()
        && let Err(why) = check_url(&url)
    {
        diagnostics.push(Diagnostic::error(None, Some("article.url"), why));
    }

    let mut document = Document::new(Article {
        title,
        url,
        source_file,
        text: std::sync::Arc::new(text),
        extra: article_extra,
    });
    document.extra = document_extra;

    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, value) in claims.into_iter().enumerate() {
        let position = format!("#{}", i + 1);
        let Value::Object(map) = value else {
            diagnostics.push(Diagnostic::error(
                Some(&position),
                None,
                format!("is a JSON {}, not an object", kind_of(&value)),
            ));
            continue;
        };
        let label = match map.get("id") {
            Some(Value::String(id)) if ClaimId::parse(id).is_some() => id.clone(),
            _ => position,
        };
        if let Some(first) = seen.get(&label) {
            diagnostics.push(Diagnostic::error(
                Some(&label),
                Some("id"),
                format!(
                    "claim #{} has this id too: claim ids must be unique (this one is #{})",
                    first,
                    i + 1
                ),
            ));
            continue;
        }
        seen.insert(label.clone(), i + 1);
        if let Some(claim) = read_claim(map, &label, &document, diagnostics) {
            // Range and id were checked in read_claim; an error here would be a bug, and
            // is reported rather than lost.
            if let Err(e) = document.insert_claim(claim) {
                diagnostics.push(Diagnostic::error(Some(&label), None, e.to_string()));
            }
        }
    }
    Some(document)
}

fn check_format_and_version(top: &mut Fields<'_>) -> Option<()> {
    match top.take("format") {
        None => {
            top.error(
                "format",
                "missing: a factmark file starts with \"format\": \"factmark\"",
            );
            return None;
        }
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            top.error(
                "format",
                format!("is {other}, not \"factmark\": this is not a factmark file"),
            );
            return None;
        }
    }
    match top.take("version") {
        None => {
            top.error("version", "missing: factmark files carry \"version\": 1");
            None
        }
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => Some(()),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
            top.error(
                "version",
                format!(
                    "is {n}: this file was written by a newer factmark, and this one reads \
                     version {VERSION} only. Update factmark to open it; nothing was changed"
                ),
            );
            None
        }
        Some(other) => {
            top.error(
                "version",
                format!("is {other}: the only version there is, is {VERSION}"),
            );
            None
        }
    }
}

fn read_claim(
    map: Map<String, Value>,
    label: &str,
    document: &Document,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Claim> {
    let text = document.text();
    let mut fields = Fields::new(map, Some(label), None, diagnostics);
    let id = fields.required_string("id");
    let start = fields.required_offset("start");
    let end = fields.required_offset("end");
    let exact = fields.required_string("exact");
    let prefix = fields.optional_string("prefix");
    let suffix = fields.optional_string("suffix");
    let verdict = fields.required_string("verdict");
    let rationale = fields.string("rationale");
    let sources = fields.array("sources");
    let created = fields.object("created");
    let modified = fields.object("modified");
    let extra = fields.finish();

    let mut ok = true;
    let id = id.and_then(|id| {
        let parsed = ClaimId::parse(&id);
        if parsed.is_none() {
            diagnostics.push(Diagnostic::error(Some(label), Some("id"), "is empty"));
        }
        parsed
    });
    ok &= id.is_some();

    let verdict = verdict.and_then(|v| {
        let parsed = Verdict::parse(&v);
        if parsed.is_none() {
            diagnostics.push(Diagnostic::error(
                Some(label),
                Some("verdict"),
                format!(
                    "\"{v}\" is not a verdict: use unreviewed, verified, disputed or inaccurate"
                ),
            ));
        }
        parsed
    });
    ok &= verdict.is_some();

    let range = match (start, end) {
        (Some(start), Some(end)) => check_range(start, end, text, label, diagnostics),
        _ => None,
    };
    ok &= range.is_some();
    if let (Some((start, end)), Some(exact)) = (range, exact.as_ref()) {
        let actual = text.slice_chars(start..end).unwrap_or_default();
        if actual == exact {
            check_context(
                prefix.as_deref(),
                text.before(start, CONTEXT_CHARS),
                "prefix",
                label,
                diagnostics,
            );
            check_context(
                suffix.as_deref(),
                text.after(end, CONTEXT_CHARS),
                "suffix",
                label,
                diagnostics,
            );
        } else {
            ok = false;
            diagnostics.push(Diagnostic::error(
                Some(label),
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
    ok &= exact.is_some();

    let sources: Vec<Source> = sources
        .into_iter()
        .enumerate()
        .filter_map(|(i, value)| read_source(value, label, i, diagnostics))
        .collect();
    let created = created.and_then(|m| read_stamp(m, label, "created", diagnostics));
    let modified = modified.and_then(|m| read_stamp(m, label, "modified", diagnostics));

    let (Some(id), Some(verdict), Some((start, end)), true) = (id, verdict, range, ok) else {
        return None;
    };
    Some(Claim {
        id,
        start,
        end,
        verdict,
        rationale,
        sources,
        created,
        modified,
        extra,
    })
}

fn check_range(
    start: usize,
    end: usize,
    text: &Text,
    label: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(usize, usize)> {
    let len = text.len_chars();
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
    match problem {
        Some((field, message)) => {
            diagnostics.push(Diagnostic::error(Some(label), Some(field), message));
            None
        }
        None => Some((start, end)),
    }
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

fn read_source(
    value: Value,
    label: &str,
    index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Source> {
    let field = format!("sources[{index}]");
    let Value::Object(map) = value else {
        diagnostics.push(Diagnostic::error(
            Some(label),
            Some(&field),
            format!("is a JSON {}, not an object", kind_of(&value)),
        ));
        return None;
    };
    let mut fields = Fields::new(map, Some(label), Some(&field), diagnostics);
    let url = fields.string("url");
    let title = fields.string("title");
    let accessed = fields.optional_string("accessed");
    let note = fields.string("note");
    let extra = fields.finish();
    let mut ok = true;
    if url.is_empty() && title.is_empty() {
        ok = false;
        diagnostics.push(Diagnostic::error(
            Some(label),
            Some(&field),
            "has neither url nor title: a source must say where the evidence is",
        ));
    }
    if !url.is_empty()
        && let Err(why) = check_url(&url)
    {
        ok = false;
        diagnostics.push(Diagnostic::error(
            Some(label),
            Some(&format!("{field}.url")),
            why,
        ));
    }
    let accessed = accessed.and_then(|a| {
        let parsed = parse_date(&a);
        if parsed.is_none() {
            ok = false;
            diagnostics.push(Diagnostic::error(
                Some(label),
                Some(&format!("{field}.accessed")),
                format!("{a:?} is not a date: write it as YYYY-MM-DD"),
            ));
        }
        parsed
    });
    ok.then_some(Source {
        url,
        title,
        accessed,
        note,
        extra,
    })
}

fn read_stamp(
    map: Map<String, Value>,
    label: &str,
    field: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Stamp> {
    let mut fields = Fields::new(map, Some(label), Some(field), diagnostics);
    let by = fields.string("by");
    let at = fields.required_string("at");
    let extra = fields.finish();
    let at = at?;
    let Ok(at) = DateTime::parse_from_rfc3339(&at) else {
        diagnostics.push(Diagnostic::error(
            Some(label),
            Some(&format!("{field}.at")),
            format!("{at:?} is not a time: write it as RFC 3339, like 2026-11-25T11:41:00Z"),
        ));
        return None;
    };
    Some(Stamp {
        by,
        at: at.with_timezone(&Utc),
        extra,
    })
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    // Exactly YYYY-MM-DD: chrono alone would also take "2026-1-5".
    let well_formed = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    well_formed
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// Source and article links must be absolute http(s) URLs with a host: they are the only
/// ones the app will open, and the only ones a reader of an export can follow.
pub fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Err(format!("{url:?} is not an http:// or https:// link"));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("{url:?} has no host name"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{url:?} contains spaces or control characters"));
    }
    Ok(())
}

fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Takes the known fields out of one JSON object, reporting wrong types; what is left over
/// is kept as unknown fields.
struct Fields<'d> {
    map: Map<String, Value>,
    claim: Option<String>,
    prefix: Option<String>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl<'d> Fields<'d> {
    fn new(
        map: Map<String, Value>,
        claim: Option<&str>,
        prefix: Option<&str>,
        diagnostics: &'d mut Vec<Diagnostic>,
    ) -> Self {
        Self {
            map,
            claim: claim.map(str::to_owned),
            prefix: prefix.map(str::to_owned),
            diagnostics,
        }
    }

    fn path(&self, key: &str) -> String {
        match &self.prefix {
            Some(prefix) => format!("{prefix}.{key}"),
            None => key.to_owned(),
        }
    }

    fn error(&mut self, key: &str, message: impl Into<String>) {
        let field = self.path(key);
        self.diagnostics.push(Diagnostic::error(
            self.claim.as_deref(),
            Some(&field),
            message,
        ));
    }

    /// The value, with `null` treated as absent.
    fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key).filter(|v| !v.is_null())
    }

    fn wrong_type(&mut self, key: &str, expected: &str, found: &Value) {
        let shown = shorten(&found.to_string());
        self.error(
            key,
            format!("must be {expected}, not a {} ({shown})", kind_of(found)),
        );
    }

    fn optional_string(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            Value::String(s) => Some(s),
            other => {
                self.wrong_type(key, "a string", &other);
                None
            }
        }
    }

    /// An optional string; absent means empty.
    fn string(&mut self, key: &str) -> String {
        self.optional_string(key).unwrap_or_default()
    }

    fn required_string(&mut self, key: &str) -> Option<String> {
        if self.map.get(key).is_none_or(serde_json::Value::is_null) {
            self.error(key, "missing");
            return None;
        }
        self.optional_string(key)
    }

    /// A code-point offset: a whole number from 0 up.
    fn required_offset(&mut self, key: &str) -> Option<usize> {
        let Some(value) = self.take(key) else {
            self.error(key, "missing");
            return None;
        };
        if let Some(n) = value.as_u64()
            && let Ok(n) = usize::try_from(n)
        {
            return Some(n);
        }
        match &value {
            Value::Number(n) if n.as_i64().is_some_and(|i| i < 0) => {
                self.error(key, format!("is {n}: offsets are never negative"));
            }
            Value::Number(n) => {
                self.error(key, format!("is {n}: offsets are whole numbers"));
            }
            other => self.wrong_type(key, "a number (a code-point offset)", other),
        }
        None
    }

    fn array(&mut self, key: &str) -> Vec<Value> {
        match self.take(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type(key, "an array", &other);
                Vec::new()
            }
        }
    }

    fn object(&mut self, key: &str) -> Option<Map<String, Value>> {
        match self.take(key)? {
            Value::Object(map) => Some(map),
            other => {
                self.wrong_type(key, "an object", &other);
                None
            }
        }
    }

    fn required_object(&mut self, key: &str) -> Option<Map<String, Value>> {
        if self.map.get(key).is_none_or(serde_json::Value::is_null) {
            self.error(key, "missing");
            return None;
        }
        self.object(key)
    }

    /// The fields nobody took: kept as they are.
    fn finish(self) -> Extra {
        self.map.into_iter().collect()
    }
}
