//! Article import with decoding: plain text, Markdown and HTML, in any encoding. The first
//! byte picks the kind; the rest is the file.
#![no_main]

use factmark::text::{ArticleKind, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((&kind, rest)) = bytes.split_first() else {
        return;
    };
    let kind = match kind % 3 {
        0 => ArticleKind::Plain,
        1 => ArticleKind::Markdown,
        _ => ArticleKind::Html,
    };
    if let Ok(imported) = import_bytes(rest, kind) {
        assert!(!imported.text.contains('\r'), "newlines are canonical");
        // The block table the importer found always fits the text it made.
        let len = imported.text.chars().count();
        if let Err(e) = factmark::text::blocks::check(&imported.blocks, len) {
            panic!("import made a block table that does not fit: {e}");
        }
    }
});
