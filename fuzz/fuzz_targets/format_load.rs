//! The file reader: any bytes load or are refused with diagnostics, never a panic; a file
//! that loads valid saves and loads back to the same document.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let loaded = factmark::format::load(bytes);
    if let Ok(document) = loaded.into_valid() {
        let json = factmark::format::to_json(&document).expect("a valid document serialises");
        let again = factmark::format::load(json.as_bytes())
            .into_valid()
            .expect("what was saved loads");
        assert_eq!(again, document);
    }
});
