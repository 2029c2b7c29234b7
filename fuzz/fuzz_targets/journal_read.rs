//! The journal's edits reader: any bytes (a torn line, garbage) give the whole entries
//! before the damage, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (entries, damage) = factmark::journal::parse_entries(bytes);
    if damage.is_none() {
        // Every line was whole: each entry parses again on its own.
        for entry in &entries {
            let json = serde_json::to_string(entry).expect("edits serialise");
            let _: Vec<factmark::edit::Edit> = serde_json::from_str(&json).expect("and read back");
        }
    }
});
