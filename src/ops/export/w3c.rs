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
    total: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
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
    Link {
        id: &'a str,
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

/// The `id` of an annotation made from a claim.
pub fn annotation_id(claim: &Claim) -> String {
    format!("urn:uuid:{}", claim.id)
}

pub fn export(document: &Document) -> Result<String, super::ExportError> {
    let source = super::article_iri(document);
    let text = document.text();
    let items: Vec<Annotation<'_>> = document
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
            body.extend(claim.sources.iter().map(|s| Body::Link {
                id: &s.url,
                purpose: "linking",
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
    let collection = Collection {
        context: CONTEXT,
        id: format!("urn:sha256:{}#annotations", text.sha256()),
        kind: "AnnotationCollection",
        label: &document.article.title,
        total: items.len(),
        first: Page {
            id: format!("urn:sha256:{}#annotations-page-1", text.sha256()),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    Ok(super::super::pretty_json(&collection)?)
}
