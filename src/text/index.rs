//! `TextIndex`: the one place where code-point offsets and UTF-8 byte offsets meet.
//!
//! Every conversion between the two goes through here (invariant 2 in `lib.rs`). A lookup
//! costs one table read plus a scan of at most [`STRIDE`] characters, never a walk from the
//! start of the text, so it stays well under a microsecond on a book-length article.

/// One checkpoint every `STRIDE` characters. 64 keeps the table at 1/8 of a byte per
/// character of text and the scan short (a few dozen byte reads).
const STRIDE: usize = 64;

/// Char <-> byte offset conversion for one immutable string.
///
/// The index does not own the text; [`crate::text::Text`] pairs the two so they cannot
/// drift apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextIndex {
    len_bytes: usize,
    len_chars: usize,
    /// `checkpoints[k]` is the byte offset of char `k * STRIDE`. Empty for ASCII text.
    checkpoints: Vec<usize>,
}

impl TextIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                len_bytes: text.len(),
                len_chars: text.len(),
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len_chars = 0;
        for (byte, _) in text.char_indices() {
            if len_chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            len_chars += 1;
        }
        Self {
            len_bytes: text.len(),
            len_chars,
            checkpoints,
        }
    }

    fn is_ascii(&self) -> bool {
        self.len_bytes == self.len_chars
    }

    /// Number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Byte offset of code point `char_offset`; `len_chars()` maps to the end of the text.
    /// `None` past the end.
    pub fn char_to_byte(&self, text: &str, char_offset: usize) -> Option<usize> {
        debug_assert_eq!(text.len(), self.len_bytes, "index built for another text");
        if char_offset > self.len_chars {
            return None;
        }
        if self.is_ascii() {
            return Some(char_offset);
        }
        if char_offset == self.len_chars {
            return Some(self.len_bytes);
        }
        let mut byte = *self.checkpoints.get(char_offset / STRIDE)?;
        let bytes = text.as_bytes();
        for _ in 0..char_offset % STRIDE {
            byte += utf8_width(*bytes.get(byte)?);
        }
        Some(byte)
    }

    /// Code-point offset of byte `byte_offset`. `None` past the end or inside a character.
    pub fn byte_to_char(&self, text: &str, byte_offset: usize) -> Option<usize> {
        if !text.is_char_boundary(byte_offset) {
            return None;
        }
        Some(self.byte_to_char_floor(text, byte_offset))
    }

    /// Code-point offset of the character that contains byte `byte_offset` (clamped to the
    /// end of the text). For hit-testing, where a byte position may fall inside a character.
    pub fn byte_to_char_floor(&self, text: &str, byte_offset: usize) -> usize {
        debug_assert_eq!(text.len(), self.len_bytes, "index built for another text");
        let byte_offset = byte_offset.min(self.len_bytes);
        if self.is_ascii() {
            return byte_offset;
        }
        // The last checkpoint at or before the byte; checkpoints[0] == 0 for non-empty text.
        let block = self
            .checkpoints
            .partition_point(|&b| b <= byte_offset)
            .saturating_sub(1);
        let start = self.checkpoints.get(block).copied().unwrap_or(0);
        let between = text.as_bytes().get(start..byte_offset).unwrap_or_default();
        // Count the bytes that begin a character: everything but 0b10xx_xxxx continuations.
        // A byte inside a character counts the character it belongs to as not yet begun.
        let begun = between.iter().filter(|&&b| !is_continuation(b)).count();
        let inside = byte_offset < self.len_bytes && !text.is_char_boundary(byte_offset);
        block * STRIDE + begun - usize::from(inside)
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

/// Length of the UTF-8 sequence that starts with `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The naive answer: walk the string.
    fn naive_char_to_byte(text: &str, c: usize) -> Option<usize> {
        text.char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .nth(c)
    }

    fn check(text: &str) {
        let index = TextIndex::new(text);
        assert_eq!(index.len_chars(), text.chars().count(), "{text:?}");
        for c in 0..=index.len_chars() + 2 {
            let expected = naive_char_to_byte(text, c);
            assert_eq!(
                index.char_to_byte(text, c),
                expected,
                "char {c} of {text:?}"
            );
            if let Some(b) = expected {
                assert_eq!(index.byte_to_char(text, b), Some(c), "byte {b} of {text:?}");
            }
        }
        for b in 0..=text.len() + 2 {
            if b <= text.len() && !text.is_char_boundary(b) {
                assert_eq!(index.byte_to_char(text, b), None);
                // Floor: the char that contains the byte.
                let containing = text.char_indices().take_while(|&(i, _)| i < b).count() - 1;
                assert_eq!(index.byte_to_char_floor(text, b), containing);
            }
        }
    }

    #[test]
    fn conversions_agree_with_a_naive_walk() {
        check("");
        check("plain ascii");
        check("—");
        check("em — dash and more — dashes");
        check("北京阅兵：金正恩与普京");
        check("👩‍👩‍👧 family, 🇯🇵 flag, e\u{301} (e + combining acute)");
        check("مرحبا بالعالم");
        check(&"ab😀ç北".repeat(200)); // crosses many checkpoints
    }

    proptest::proptest! {
        #[test]
        fn conversions_agree_with_a_naive_count(
            text in "(a|é|e\u{301}|北|😀|👩\u{200d}👧|🇯🇵|م|\n){0,300}",
            probes in proptest::collection::vec(0usize..400, 1..20),
        ) {
            let index = TextIndex::new(&text);
            for c in probes {
                let expected = naive_char_to_byte(&text, c);
                proptest::prop_assert_eq!(index.char_to_byte(&text, c), expected);
                if let Some(b) = expected {
                    proptest::prop_assert_eq!(index.byte_to_char(&text, b), Some(c));
                }
            }
        }
    }
}
