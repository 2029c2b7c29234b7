//! Properties of export and import over arbitrary documents: mixed scripts, emoji with
//! ZWJ, flags, combining marks, overlapping claims.

use proptest::prelude::*;

use super::export::{Format, Options, export};
use super::import::{self, import};
use crate::format::tests::properties::document;
use crate::model::{Claim, Document};

fn same_claims(a: &Document, b: &Document, with_text: bool) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.claims().len(), b.claims().len());
    if !with_text {
        // Without ids, claims on the same span may come back in another order.
        let spans = |d: &Document| {
            let mut spans: Vec<_> = d
                .claims()
                .iter()
                .map(|c| (c.start, c.end, c.verdict.clone()))
                .collect();
            spans.sort();
            spans
        };
        prop_assert_eq!(spans(a), spans(b));
        return Ok(());
    }
    for (x, y) in a.claims().iter().zip(b.claims()) {
        prop_assert_eq!((x.start, x.end, &x.verdict), (y.start, y.end, &y.verdict));
        prop_assert_eq!(&x.id, &y.id);
        prop_assert_eq!(&x.rationale, &y.rationale);
        let urls = |c: &Claim| c.sources.iter().map(|s| s.url.clone()).collect::<Vec<_>>();
        prop_assert_eq!(urls(x), urls(y));
    }
    Ok(())
}

proptest! {
    #[test]
    fn w3c_export_then_import_gives_the_same_claims(document in document()) {
        // A blank article is refused by every import, as by `factmark import`.
        prop_assume!(!document.text().as_str().trim().is_empty());
        let out = export(&document, Format::W3c, &Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = import(&out.bytes, import::Format::W3c, Some(document.text().as_str()))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.document.text().as_str(), document.text().as_str());
        same_claims(&back.document, &document, true)?;
    }

    #[test]
    fn the_w3c_export_of_any_document_keeps_the_model_s_rules(document in document()) {
        let out = export(&document, Format::W3c, &Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let collection: serde_json::Value = serde_json::from_slice(&out.bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let problems = super::export::w3c_rules::problems(&collection);
        prop_assert!(problems.is_empty(), "{:?}", problems);
    }

    #[test]
    fn label_studio_export_then_import_gives_the_same_claims(document in document()) {
        // A blank article is refused by every import, as by `factmark import`.
        prop_assume!(!document.text().as_str().trim().is_empty());
        let out = export(&document, Format::LabelStudio, &Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = import(&out.bytes, import::Format::LabelStudio, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back.notes.is_empty(), "{:?}", back.notes);
        same_claims(&back.document, &document, true)?;
    }

    #[test]
    fn jsonl_export_then_import_gives_the_same_spans(document in document()) {
        // A blank article is refused by every import, as by `factmark import`.
        prop_assume!(!document.text().as_str().trim().is_empty());
        let out = export(&document, Format::Jsonl, &Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = import(&out.bytes, import::Format::Jsonl, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        same_claims(&back.document, &document, false)?;
    }

    #[test]
    fn every_export_of_any_document_is_well_formed(document in document()) {
        for format in Format::ALL {
            let out = export(&document, format, &Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let text = String::from_utf8(out.bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
            match format {
                Format::W3c | Format::ClaimReview | Format::LabelStudio => {
                    serde_json::from_str::<serde_json::Value>(&text)
                        .map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
                }
                Format::Jsonl => prop_assert_eq!(text.lines().count(), 1),
                Format::Csv => {
                    let rows = csv::Reader::from_reader(text.as_bytes()).records().count();
                    prop_assert_eq!(rows, document.claims().len());
                }
                Format::Html => prop_assert!(!text.contains("<script")),
                Format::LabelStudioConfig => {
                    let labels = text.matches("<Label value=").count();
                    prop_assert_eq!(labels, document.scale().levels.len() + 1);
                }
            }
        }
    }

    #[test]
    fn importing_arbitrary_bytes_never_panics(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        from in 0..3usize,
    ) {
        if let Ok(imported) = import(&bytes, import::Format::ALL[from], Some("some article text")) {
            let document = imported.document;
            prop_assert!(document.claims().iter().all(|c| c.end <= document.text().len_chars()));
        }
    }
}
