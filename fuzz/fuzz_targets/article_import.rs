//! Article import with decoding: plain text, Markdown, HTML (each extraction) and MHTML, in
//! any encoding. The first byte picks the kind and the extraction; the rest is the file.
#![no_main]

use factmark::text::{ArticleKind, Extract, import_bytes_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((&kind, rest)) = bytes.split_first() else {
        return;
    };
    let (kind, extract) = match kind % 6 {
        0 => (ArticleKind::Plain, Extract::Readable),
        1 => (ArticleKind::Markdown, Extract::Readable),
        2 => (ArticleKind::Html, Extract::Readable),
        3 => (ArticleKind::Html, Extract::Article),
        4 => (ArticleKind::Html, Extract::Body),
        _ => (ArticleKind::Mhtml, Extract::Readable),
    };
    if let Ok(imported) = import_bytes_with(rest, kind, extract) {
        assert!(!imported.text.contains('\r'), "newlines are canonical");
        // The block table the importer found always fits the text it made.
        let len = imported.text.chars().count();
        if let Err(e) = factmark::text::blocks::check(&imported.blocks, len) {
            panic!("import made a block table that does not fit: {e}");
        }
        if let Some(extraction) = imported.extraction {
            assert!(extraction.kept_words <= len, "no more words than characters");
        }
    }
});
