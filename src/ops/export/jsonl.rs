//! JSONL in doccano's sequence-labelling shape: one line per article,
//! `{"text": …, "label": [[start, end, verdict], …]}`, offsets in code points.

use serde::Serialize;

use crate::model::Document;

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
}

pub fn export(document: &Document) -> Result<String, super::ExportError> {
    let line = Line {
        text: document.text().as_str(),
        label: document
            .claims()
            .iter()
            .map(|c| (c.start, c.end, c.verdict.as_str()))
            .collect(),
    };
    let mut out = serde_json::to_string(&line)?;
    out.push('\n');
    Ok(out)
}
