//! CSV (RFC 4180): UTF-8, CRLF line ends, a header row, one row per claim. Fields with
//! quotes, commas or line breaks are quoted by the `csv` crate, so Python's `csv` module,
//! LibreOffice and spreadsheets read them back whole.

use crate::model::{Document, Stamp};

pub const HEADER: [&str; 11] = [
    "id",
    "start",
    "end",
    "verdict",
    "exact",
    "rationale",
    "sources",
    "created_by",
    "created_at",
    "modified_by",
    "modified_at",
];

pub fn export(document: &Document) -> Result<String, super::ExportError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let stamp = |s: &Option<Stamp>| {
        s.as_ref().map_or((String::new(), String::new()), |s| {
            (s.by.clone(), super::super::rfc3339(&s.at))
        })
    };
    writer.write_record(HEADER)?;
    for claim in document.claims() {
        let (created_by, created_at) = stamp(&claim.created);
        let (modified_by, modified_at) = stamp(&claim.modified);
        let sources: Vec<&str> = claim.sources.iter().map(|s| s.url.as_str()).collect();
        writer.write_record([
            claim.id.as_str(),
            &claim.start.to_string(),
            &claim.end.to_string(),
            claim.verdict.as_str(),
            document.exact(claim),
            &claim.rationale,
            &sources.join(" "),
            &created_by,
            &created_at,
            &modified_by,
            &modified_at,
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| super::ExportError::Csv(e.into_error().into()))?;
    Ok(String::from_utf8(bytes)?)
}
