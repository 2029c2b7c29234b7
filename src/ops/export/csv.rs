//! CSV (RFC 4180): UTF-8, CRLF line ends, a header row, one row per claim. Fields with
//! quotes, commas or line breaks are quoted by the `csv` crate, so Python's `csv` module,
//! LibreOffice and spreadsheets read them back whole. Text that would start a formula is
//! neutralised by default (see [`super::Options::csv_formulas`]).

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

/// A text cell as a spreadsheet will take it: one that would start a formula gets a
/// leading `'` (unless `formulas` asks for cells as they are).
fn cell(text: &str, formulas: bool) -> std::borrow::Cow<'_, str> {
    let starts_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_formula && !formulas {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

pub fn export(document: &Document, formulas: bool) -> Result<String, super::ExportError> {
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
        let text = |s: &str| cell(s, formulas).into_owned();
        writer.write_record([
            text(claim.id.as_str()),
            claim.start.to_string(),
            claim.end.to_string(),
            claim.verdict.as_str().to_owned(),
            text(document.exact(claim)),
            text(&claim.rationale),
            text(&sources.join(" ")),
            text(&created_by),
            created_at,
            text(&modified_by),
            modified_at,
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| super::ExportError::Csv(e.into_error().into()))?;
    Ok(String::from_utf8(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_that_would_run_as_formulas_are_shown_as_text() {
        for hostile in [
            "=HYPERLINK(\"https://evil.example\",\"click\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(cell(hostile, false), format!("'{hostile}"));
            assert_eq!(cell(hostile, true), hostile, "as they are, when asked");
        }
        for plain in ["Kim met Putin", "3 September", "", "'quoted", " =not first"] {
            assert_eq!(cell(plain, false), plain);
        }
    }
}
