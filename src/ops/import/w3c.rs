//! W3C Web Annotation: an `AnnotationCollection` (its `first` page, embedded), an
//! `AnnotationPage`, a list of annotations, or one annotation.
//!
//! The target's `TextPositionSelector` (code points, end exclusive) places the claim, and
//! its `TextQuoteSelector.exact` must be the article's text there. Without a position, the
//! quote is looked up in the text, using `prefix` and `suffix` to choose among repeats; a
//! quote that is missing or still ambiguous stops the import. Bodies: `classifying` is the
//! verdict, `commenting` the rationale, `linking` (or any body that is only a link) a
//! source.

use serde_json::Value;

use super::{Builder, Draft, stamp};
use crate::text::Text;

pub(super) fn read(file: &str, article: Option<&str>) -> Result<Builder, String> {
    let json: Value = serde_json::from_str(file).map_err(|e| format!("not JSON: {e}"))?;
    let Some(text) = article else {
        return Err(
            "W3C annotations do not carry the article's text; pass --article ARTICLE".to_owned(),
        );
    };
    let mut builder = Builder::new(text.to_owned());
    if let Some(label) = json.get("label").and_then(Value::as_str) {
        label.clone_into(&mut builder.title);
    }
    if let Some(scale) = json.get("scale") {
        let scale = crate::format::scale_from_json(scale.clone())
            .map_err(|why| format!("the collection's scale cannot be used: {why}"))?;
        builder.scale = Some(scale);
    }
    let items: Vec<&Value> = match &json {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) if kind_is(&json, "AnnotationCollection") => {
            if json.get("first").is_some_and(Value::is_string) {
                return Err(
                    "the collection's first page is a link, not embedded; factmark reads \
                     collections with their pages inside"
                        .to_owned(),
                );
            }
            items_of(json.get("first"))
        }
        Value::Object(_) if kind_is(&json, "AnnotationPage") => items_of(Some(&json)),
        Value::Object(_) => vec![&json],
        _ => return Err("expected an annotation, a page or a collection".to_owned()),
    };
    // The project's own index answers every offset and quote lookup below.
    let text = Text::new(text.to_owned());
    for (i, annotation) in items.iter().enumerate() {
        let id = annotation
            .get("id")
            .and_then(Value::as_str)
            .map(|id| id.strip_prefix("urn:uuid:").unwrap_or(id).to_owned());
        let place = match &id {
            Some(id) => format!("annotation {} (id {id})", i + 1),
            None => format!("annotation {}", i + 1),
        };
        let target =
            first(annotation.get("target")).ok_or_else(|| format!("{place}: target: missing"))?;
        if builder.url.is_empty()
            && let Some(source) = target.get("source").and_then(Value::as_str)
        {
            source.clone_into(&mut builder.url);
        }
        let (start, end) = place_of(target, &text, &place)?;
        let mut draft = Draft::new(place, start, end);
        draft.id = id;
        for body in all(annotation.get("body")) {
            read_body(body, &mut draft);
        }
        let creator = match annotation.get("creator") {
            Some(Value::String(name)) => name.clone(),
            Some(agent) => ["name", "nickname"]
                .iter()
                .find_map(|f| agent.get(f).and_then(Value::as_str))
                .unwrap_or_default()
                .to_owned(),
            None => String::new(),
        };
        let time = |field| annotation.get(field).and_then(Value::as_str);
        draft.created = stamp(&creator, time("created"));
        draft.modified = stamp(&creator, time("modified")).or_else(|| draft.created.clone());
        builder.drafts.push(draft);
    }
    Ok(builder)
}

/// Where a target's selectors put the claim, in code points.
fn place_of(target: &Value, text: &Text, place: &str) -> Result<(usize, usize), String> {
    let selectors = all(target.get("selector"));
    let position = selectors
        .iter()
        .find(|s| kind_is(s, "TextPositionSelector"));
    let quote = selectors.iter().find(|s| kind_is(s, "TextQuoteSelector"));
    match (position, quote) {
        (Some(position), quote) => {
            let number = |field| {
                position
                    .get(field)
                    .and_then(Value::as_u64)
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| {
                        format!("{place}: TextPositionSelector.{field}: expected a whole number")
                    })
            };
            let (start, end) = (number("start")?, number("end")?);
            if let Some(exact) = quote.and_then(|q| q.get("exact")).and_then(Value::as_str)
                && text.slice_chars(start..end) != Some(exact)
            {
                return Err(format!(
                    "{place}: TextQuoteSelector.exact {exact:?} is not the article's \
                     text at TextPositionSelector {start}..{end}; is --article the \
                     text these annotations were made on?"
                ));
            }
            Ok((start, end))
        }
        (None, Some(quote)) => anchor(text, quote, place),
        (None, None) => Err(format!(
            "{place}: target has neither a TextPositionSelector nor a TextQuoteSelector"
        )),
    }
}

fn read_body(body: &Value, draft: &mut Draft) {
    match body {
        Value::String(link) => draft.sources.push(crate::ops::export::uri_to_iri(link)),
        Value::Object(_) => {
            let purpose = body.get("purpose").and_then(Value::as_str);
            let value = body.get("value").and_then(Value::as_str);
            match (purpose, value) {
                (Some("classifying" | "tagging"), Some(label)) if draft.label.is_none() => {
                    draft.label = Some(label.to_owned());
                }
                (Some("classifying" | "tagging"), Some(label)) => {
                    draft.rationale.push(format!("Imported label: {label}"));
                }
                (_, Some(value)) => draft.rationale.push(value.to_owned()),
                (_, None) => {
                    // A `SpecificResource` names the page by `source` (its `id`, if any,
                    // is the resource's own); an External Web Resource by `id`.
                    let specific =
                        body.get("type").and_then(Value::as_str) == Some("SpecificResource");
                    let (first, second) = if specific {
                        ("source", "id")
                    } else {
                        ("id", "source")
                    };
                    let link = body
                        .get(first)
                        .or_else(|| body.get(second))
                        .and_then(Value::as_str);
                    if let Some(link) = link {
                        draft.sources.push(crate::ops::export::uri_to_iri(link));
                    }
                }
            }
        }
        _ => {}
    }
}

/// Finds a quote in the text; `prefix` and `suffix` choose among repeats.
fn anchor(text: &Text, quote: &Value, place: &str) -> Result<(usize, usize), String> {
    let field = |f| quote.get(f).and_then(Value::as_str).unwrap_or_default();
    let (exact, prefix, suffix) = (field("exact"), field("prefix"), field("suffix"));
    let Some(first) = exact.chars().next() else {
        return Err(format!(
            "{place}: TextQuoteSelector.exact: missing or empty"
        ));
    };
    let len = exact.chars().count();
    // Every occurrence, overlapping ones included, as code-point offsets.
    let haystack = text.as_str();
    let mut candidates = Vec::new();
    let mut from = 0;
    while let Some(found) = haystack.get(from..).and_then(|rest| rest.find(exact)) {
        let byte = from + found;
        candidates.extend(text.byte_to_char(byte));
        from = byte + first.len_utf8();
    }
    let fits = |&start: &usize| {
        text.before(start, prefix.chars().count()) == prefix
            && text.after(start + len, suffix.chars().count()) == suffix
    };
    let best: Vec<usize> = candidates.iter().copied().filter(fits).collect();
    match (candidates.as_slice(), best.as_slice()) {
        ([], _) => Err(format!(
            "{place}: TextQuoteSelector.exact is not in the article's text"
        )),
        ([only], _) | (_, [only]) => Ok((*only, *only + len)),
        _ => Err(format!(
            "{place}: TextQuoteSelector.exact occurs {} times and prefix/suffix do not tell \
             which; add a TextPositionSelector",
            candidates.len()
        )),
    }
}

fn kind_is(value: &Value, kind: &str) -> bool {
    match value.get("type") {
        Some(Value::String(t)) => t == kind,
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str() == Some(kind)),
        _ => false,
    }
}

fn items_of(page: Option<&Value>) -> Vec<&Value> {
    page.and_then(|p| p.get("items"))
        .and_then(Value::as_array)
        .map(|items| items.iter().collect())
        .unwrap_or_default()
}

/// A value that may be one thing or a list of things, as a list.
fn all(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    }
}

fn first(value: Option<&Value>) -> Option<&Value> {
    all(value).into_iter().next()
}
