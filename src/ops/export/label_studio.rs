//! Label Studio tasks: `[{"data": {"text": …}, "annotations": [{"result": [...]}]}]`.
//!
//! Offsets are what Label Studio's browser front end counts: UTF-16 code units (JavaScript
//! string indices), not code points. They differ after any character outside the Basic
//! Multilingual Plane (most emoji, some CJK): an emoji before a claim shifts it by one
//! unit per such character. Each claim is one region: a `labels` result (the verdict) and,
//! with the same region id, `textarea` results for the rationale and the source links, as
//! per-region text areas of this labelling config:
//!
//! ```xml
//! <View>
//!   <Labels name="verdict" toName="text">
//!     <Label value="verified"/><Label value="disputed"/>
//!     <Label value="inaccurate"/><Label value="unreviewed"/>
//!   </Labels>
//!   <Text name="text" value="$text"/>
//!   <TextArea name="rationale" toName="text" perRegion="true"/>
//!   <TextArea name="sources" toName="text" perRegion="true"/>
//! </View>
//! ```

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::Document;

pub const LABELS: &str = "verdict";
pub const RATIONALE: &str = "rationale";
pub const SOURCES: &str = "sources";
pub const TEXT: &str = "text";

#[derive(Serialize)]
struct Task<'a> {
    data: Data<'a>,
    annotations: [Annotation<'a>; 1],
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    result: Vec<Region<'a>>,
}

#[derive(Serialize)]
struct Region<'a> {
    id: &'a str,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Value<'a>,
}

#[derive(Serialize)]
struct Value<'a> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<[&'a str; 1]>,
    // A text area's value: its lines.
    #[serde(rename = "text", skip_serializing_if = "Option::is_none")]
    lines: Option<Vec<&'a str>>,
}

/// UTF-16 offsets of many code-point offsets in one pass over the text.
fn utf16_offsets(text: &str, offsets: &mut Vec<usize>) -> Vec<(usize, usize)> {
    offsets.sort_unstable();
    offsets.dedup();
    let mut out = Vec::with_capacity(offsets.len());
    let mut wanted = offsets.iter().copied().peekable();
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        while wanted.next_if(|&w| w == i).is_some() {
            out.push((i, units));
        }
        units += c.len_utf16();
    }
    let end = text.chars().count();
    if wanted.next_if(|&w| w == end).is_some() {
        out.push((end, units));
    }
    out
}

/// A per-region text area's result: `lines` for the region `id` over `units`.
fn text_area<'a>(
    id: &'a str,
    from_name: &'static str,
    units: std::ops::Range<usize>,
    lines: Vec<&'a str>,
) -> Region<'a> {
    Region {
        id,
        from_name,
        to_name: TEXT,
        kind: "textarea",
        value: Value {
            start: units.start,
            end: units.end,
            text: None,
            labels: None,
            lines: Some(lines),
        },
    }
}

pub fn export(document: &Document) -> Result<String, super::ExportError> {
    let text = document.text().as_str();
    let mut offsets: Vec<usize> = document
        .claims()
        .iter()
        .flat_map(|c| [c.start, c.end])
        .collect();
    let table = utf16_offsets(text, &mut offsets);
    let units = |char_offset: usize| {
        table
            .binary_search_by_key(&char_offset, |&(c, _)| c)
            .map_or(0, |i| table[i].1)
    };
    let mut result = Vec::new();
    for claim in document.claims() {
        let (start, end) = (units(claim.start), units(claim.end));
        let id = claim.id.as_str();
        result.push(Region {
            id,
            from_name: LABELS,
            to_name: TEXT,
            kind: "labels",
            value: Value {
                start,
                end,
                text: Some(document.exact(claim)),
                labels: Some([claim.verdict.as_str()]),
                lines: None,
            },
        });
        if !claim.rationale.is_empty() {
            result.push(text_area(id, RATIONALE, start..end, vec![&claim.rationale]));
        }
        if !claim.sources.is_empty() {
            let urls = claim.sources.iter().map(|s| s.url.as_str()).collect();
            result.push(text_area(id, SOURCES, start..end, urls));
        }
    }
    let task = Task {
        data: Data {
            text,
            title: &document.article.title,
            url: document.article.page_url(),
        },
        annotations: [Annotation { result }],
    };
    Ok(super::super::pretty_json(&[task])?)
}

/// The labelling config the tasks are for: one `Label` per level of `scale` (its id, which
/// the tasks hold) and `unreviewed`, the text, and the per-region text areas.
pub fn config(scale: &crate::model::Scale) -> String {
    let escape = super::html::escape;
    let mut xml = format!("<View>\n  <Labels name=\"{LABELS}\" toName=\"text\">\n");
    for id in scale.verdicts() {
        let _ = writeln!(xml, "    <Label value=\"{}\"/>", escape(id.as_str()));
    }
    let _ = write!(
        xml,
        "  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n  \
         <TextArea name=\"{RATIONALE}\" toName=\"text\" perRegion=\"true\"/>\n  \
         <TextArea name=\"{SOURCES}\" toName=\"text\" perRegion=\"true\"/>\n</View>\n"
    );
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "a😀b👨\u{200d}👩c";
        let mut wanted = vec![7, 2, 0, 1, 6, 3, 2];
        // The emoji is two units; 👨 ZWJ 👩 is three code points and five units.
        assert_eq!(
            utf16_offsets(text, &mut wanted),
            [(0, 0), (1, 1), (2, 3), (3, 4), (6, 9), (7, 10)]
        );
        let mut past_the_end = vec![8];
        assert!(utf16_offsets(text, &mut past_the_end).is_empty());
    }
}
