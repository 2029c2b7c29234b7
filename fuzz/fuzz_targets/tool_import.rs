//! The importers of other tools' files (W3C, Label Studio, JSONL), with and without an
//! article: the first byte picks the importer and whether the article is given (the
//! article is then the text up to the first NUL, the file the rest).
#![no_main]

use factmark::ops::import::{Format, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let format = match pick % 3 {
        0 => Format::W3c,
        1 => Format::LabelStudio,
        _ => Format::Jsonl,
    };
    let (article, file) = if pick & 0x80 != 0 {
        match rest.iter().position(|&b| b == 0) {
            Some(at) => (std::str::from_utf8(&rest[..at]).ok(), &rest[at + 1..]),
            None => (None, rest),
        }
    } else {
        (None, rest)
    };
    let _ = import(file, format, article);
});
