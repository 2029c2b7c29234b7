//! Re-anchoring any claims from any text onto any other: never a panic, and every claim
//! placed lies on the new text (`exact` and `moved` ones on the very words they had). The
//! input is the old text, a NUL, the new text, a NUL, and claim offsets (two bytes each).
#![no_main]

use factmark::anchor::{State, reanchor};
use factmark::model::{Claim, Clock as _, FixedClock, Verdict};
use factmark::text::Text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut parts = bytes.splitn(3, |&b| b == 0);
    let (Some(old), Some(new)) = (parts.next(), parts.next()) else {
        return;
    };
    let offsets = parts.next().unwrap_or_default();
    let old = Text::new(String::from_utf8_lossy(old).into_owned());
    let new = Text::new(String::from_utf8_lossy(new).into_owned());
    let len = old.len_chars();
    if len == 0 {
        return;
    }
    let stamp = FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("fuzz");
    let claims: Vec<Claim> = offsets
        .chunks_exact(2)
        .map(|pair| {
            let start = usize::from(pair[0]) % len;
            let end = (start + 1 + usize::from(pair[1]) % 40).min(len);
            Claim::new(start, end, Verdict::DISPUTED, stamp.clone())
        })
        .collect();
    for (placement, claim) in reanchor(&old, &new, &claims).iter().zip(&claims) {
        let Some(range) = placement.new.clone() else {
            assert_eq!(placement.state, State::Orphaned);
            continue;
        };
        assert!(range.start < range.end && range.end <= new.len_chars());
        let was = old.slice_chars(claim.start..claim.end).expect("old words");
        let now = new.slice_chars(range).expect("new words");
        if matches!(placement.state, State::Exact | State::Moved) {
            assert_eq!(was, now);
        }
    }
});
