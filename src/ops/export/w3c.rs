//! W3C Web Annotation: one `AnnotationCollection` whose first page holds an `Annotation`
//! per claim (<https://www.w3.org/TR/annotation-model/>).
//!
//! Each annotation's body says what the reviewer found (the verdict, `classifying`), why
//! (the rationale, `commenting`) and where (each source, `linking`); its target is the
//! article with both a `TextQuoteSelector` and a `TextPositionSelector` (code points, end
//! exclusive, as in factmark itself), so a reader can anchor by either and check one
//! against the other.

use serde::Serialize;

use crate::format::CONTEXT_CHARS;
use crate::model::{Claim, Document, Stamp};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    label: &'a str,
    generator: Generator,
    /// The verdict scale the bodies' level ids are on (factmark's own property).
    scale: &'a crate::model::Scale,
    total: usize,
    first: Page<'a>,
    /// The last page: the first, as there is one.
    last: String,
}

/// The software that wrote the collection.
#[derive(Serialize)]
struct Generator {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "partOf")]
    part_of: String,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: &'a str,
        format: &'static str,
    },
    /// A source: the web page as a `SpecificResource` used for `linking` (an External Web
    /// Resource of its own may not carry a purpose).
    Link {
        #[serde(rename = "type")]
        kind: &'static str,
        source: String,
        purpose: &'static str,
    },
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: (QuoteSelector<'a>, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

/// ASCII characters that a URI may not hold as they are (RFC 3986 section 2): they are
/// percent-encoded like the characters outside ASCII.
const NOT_IN_URIS: &str = " \"<>\\^`{|}";

/// An IRI as a URI (RFC 3987 section 3.1): every character outside ASCII as the
/// percent-encoded bytes of its UTF-8, and so the few ASCII characters a URI may not hold;
/// the rest, `%` escapes included, as it is.
pub fn iri_to_uri(iri: &str) -> String {
    use std::fmt::Write as _;
    let mut uri = String::with_capacity(iri.len());
    for c in iri.chars() {
        if c.is_ascii_graphic() && !NOT_IN_URIS.contains(c) {
            uri.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(uri, "%{byte:02X}");
            }
        }
    }
    uri
}

/// A URI as an IRI (RFC 3987 section 3.2): percent-encoded bytes that spell characters
/// outside ASCII in UTF-8 become those characters, and so the escapes of the characters
/// [`iri_to_uri`] encodes; every other escape stays.
pub fn uri_to_iri(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
            && (hi >= 8 || NOT_IN_URIS.contains(char::from((hi * 16 + lo) as u8)))
        {
            decoded.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    // Escapes that did not make whole UTF-8 characters are kept as they were.
    match String::from_utf8(decoded) {
        Ok(iri) => iri,
        Err(_) => uri.to_owned(),
    }
}

/// The `id` of an annotation made from a claim.
pub fn annotation_id(claim: &Claim) -> String {
    format!("urn:uuid:{}", claim.id)
}

pub fn export(
    document: &Document,
    warnings: &mut Vec<String>,
) -> Result<String, super::ExportError> {
    let source = iri_to_uri(&super::article_iri(document));
    let text = document.text();
    let items: Vec<Annotation<'_>> =
        document
            .claims()
            .iter()
            .map(|claim| {
                let mut body = vec![Body::Text {
                    kind: "TextualBody",
                    purpose: "classifying",
                    value: claim.verdict.as_str(),
                    format: "text/plain",
                }];
                if !claim.rationale.is_empty() {
                    body.push(Body::Text {
                        kind: "TextualBody",
                        purpose: "commenting",
                        value: &claim.rationale,
                        format: "text/plain",
                    });
                }
                body.extend(claim.sources.iter().filter(|s| !s.url.is_empty()).map(|s| {
                    Body::Link {
                        kind: "SpecificResource",
                        source: iri_to_uri(&s.url),
                        purpose: "linking",
                    }
                }));
                let stamp = |s: &Option<Stamp>| s.as_ref().map(|s| super::super::rfc3339(&s.at));
                Annotation {
                    id: annotation_id(claim),
                    kind: "Annotation",
                    motivation: "assessing",
                    creator: claim
                        .created
                        .as_ref()
                        .filter(|s| !s.by.is_empty())
                        .map(|s| Agent {
                            kind: "Person",
                            name: &s.by,
                        }),
                    created: stamp(&claim.created),
                    modified: stamp(&claim.modified),
                    body,
                    target: Target {
                        source: &source,
                        selector: (
                            QuoteSelector {
                                kind: "TextQuoteSelector",
                                exact: document.exact(claim),
                                prefix: text.before(claim.start, CONTEXT_CHARS),
                                suffix: text.after(claim.end, CONTEXT_CHARS),
                            },
                            PositionSelector {
                                kind: "TextPositionSelector",
                                start: claim.start,
                                end: claim.end,
                            },
                        ),
                    },
                }
            })
            .collect();
    let id = format!("urn:sha256:{}#annotations", text.sha256());
    let page = format!("urn:sha256:{}#annotations-page-1", text.sha256());
    let unlinked: usize = document
        .claims()
        .iter()
        .map(|c| c.sources.iter().filter(|s| s.url.is_empty()).count())
        .sum();
    if unlinked > 0 {
        warnings.push(format!(
            "{unlinked} sources without a link left out: a W3C body names a web resource"
        ));
    }
    let collection = Collection {
        context: CONTEXT,
        id: id.clone(),
        kind: "AnnotationCollection",
        label: &document.article.title,
        generator: Generator {
            kind: "Software",
            name: "factmark",
        },
        scale: document.scale(),
        total: items.len(),
        first: Page {
            id: page.clone(),
            kind: "AnnotationPage",
            part_of: id,
            start_index: 0,
            items,
        },
        last: page,
    };
    Ok(super::super::pretty_json(&collection)?)
}
