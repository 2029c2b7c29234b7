//! Canonical article text: the exact words claims are anchored to.
//!
//! Owns decoding and import of article files (`.txt`, `.md`, `.html`, `.mhtml`), newline
//! canonicalisation, the paragraph table, and the char <-> byte index. Byte offsets exist
//! here and in the article view only; everything else speaks code points.
//! Never changes text beyond what `canonical_newlines` documents: offsets must match
//! what the reviewer sees.

pub mod bidi;
pub mod blocks;
mod decode;
pub mod find;
mod html;
mod import;
mod index;
mod markdown;
mod mhtml;
pub mod web;

use std::borrow::Cow;
use std::ops::Range;

use sha2::{Digest as _, Sha256};

pub use blocks::{Block, BlockError, BlockKind};

pub use decode::{Decoded, decode};
pub use import::{
    ArticleKind, ImportError, ImportErrorKind, Imported, MAX_ARTICLE_BYTES, import_bytes,
    import_bytes_with, import_file, import_file_with, import_read, read_article,
};
pub use index::TextIndex;
pub use mhtml::MhtmlError;
pub use web::{APP_REMEDY, Extract, Extraction, Meta};

/// CRLF and lone CR become LF; nothing else changes.
pub fn canonical_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('\r') {
        out.push_str(&rest[..pos]);
        out.push('\n');
        rest = &rest[pos + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// At most the first 80 characters of a value, with `…` if there were more: what a
/// message quotes of a bad value (a 10 MB verdict is not echoed whole).
pub fn excerpt(s: &str) -> Cow<'_, str> {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        None => Cow::Borrowed(s),
        Some((cut, _)) => Cow::Owned(format!("{}…", &s[..cut])),
    }
}

/// Lowercase hex SHA-256 of `bytes` (of a text: its UTF-8 bytes).
/// Words as one line for a list or a message: whitespace runs as single spaces, and at
/// most `max` code points, the last an ellipsis when cut.
pub fn gist(words: &str, max: usize) -> String {
    let line = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > max {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        line
    }
}

pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes.as_ref());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    hex
}

/// One line of the article (the text between two `\n`), the unit the article view lays out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Bytes of the paragraph, without its `\n`.
    pub byte_start: usize,
    pub byte_end: usize,
    /// Code-point offset of its first character.
    pub char_start: usize,
    /// Code-point offset just past its last character (before the `\n`).
    pub char_end: usize,
}

impl Paragraph {
    pub fn bytes(&self) -> Range<usize> {
        self.byte_start..self.byte_end
    }

    pub fn chars(&self) -> Range<usize> {
        self.char_start..self.char_end
    }
}

/// A claim's words and the context on each side of them, borrowed from the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quote<'a> {
    pub prefix: &'a str,
    pub exact: &'a str,
    pub suffix: &'a str,
}

/// Immutable article text with its index, paragraph table and hash, built once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    string: String,
    index: TextIndex,
    paragraphs: Vec<Paragraph>,
    sha256: String,
    /// Headings, list items, quotes and paragraphs, when the import knew them.
    blocks: Vec<Block>,
}

/// A text is written as its string (in the edit journal); the index and hash are rebuilt
/// when it is read.
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.string)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl Text {
    /// Takes `text` as it is: callers canonicalise newlines first (import does).
    pub fn new(text: String) -> Self {
        // A book-length text is hashed on a second thread while it is indexed.
        const HASH_APART: usize = 1 << 20;
        let (index, paragraphs, sha256) = if text.len() < HASH_APART {
            (
                TextIndex::new(&text),
                build_paragraphs(&text),
                sha256_hex(&text),
            )
        } else {
            std::thread::scope(|scope| {
                let hashing = scope.spawn(|| sha256_hex(&text));
                let index = TextIndex::new(&text);
                let paragraphs = build_paragraphs(&text);
                let sha256 = hashing.join().unwrap_or_else(|_| sha256_hex(&text));
                (index, paragraphs, sha256)
            })
        };
        Self {
            string: text,
            index,
            paragraphs,
            sha256,
            blocks: Vec::new(),
        }
    }

    /// Gives the text a block table, checked against it; a table that does not fit is
    /// refused and the text keeps the one it had.
    pub fn set_blocks(&mut self, blocks: Vec<Block>) -> Result<(), BlockError> {
        blocks::check(&blocks, self.len_chars())?;
        self.blocks = blocks;
        Ok(())
    }

    /// An imported text with the structure its importer found (an importer's table always
    /// fits; one that did not would be dropped, the text kept).
    pub fn imported(text: String, blocks: Vec<Block>) -> Self {
        let mut text = Self::new(text);
        let _ = text.set_blocks(blocks);
        text
    }

    /// The block table, in order; empty when the structure is not known (plain text).
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The block code point `at` is in, if any.
    pub fn block_at(&self, at: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.end <= at);
        self.blocks.get(i).filter(|b| b.start <= at)
    }

    pub fn as_str(&self) -> &str {
        &self.string
    }

    pub fn len_chars(&self) -> usize {
        self.index.len_chars()
    }

    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// Index of the paragraph holding code point `char_offset` (a `\n` belongs to the
    /// paragraph it ends). `None` past the end of the text.
    pub fn paragraph_at_char(&self, char_offset: usize) -> Option<usize> {
        if char_offset > self.len_chars() {
            return None;
        }
        let after = self
            .paragraphs
            .partition_point(|p| p.char_start <= char_offset);
        Some(after.saturating_sub(1))
    }

    pub fn char_to_byte(&self, char_offset: usize) -> Option<usize> {
        self.index.char_to_byte(&self.string, char_offset)
    }

    pub fn byte_to_char(&self, byte_offset: usize) -> Option<usize> {
        self.index.byte_to_char(&self.string, byte_offset)
    }

    pub fn byte_to_char_floor(&self, byte_offset: usize) -> usize {
        self.index.byte_to_char_floor(&self.string, byte_offset)
    }

    /// The text between two code-point offsets; `None` if the range is reversed or past the end.
    pub fn slice_chars(&self, chars: Range<usize>) -> Option<&str> {
        if chars.start > chars.end {
            return None;
        }
        let start = self.char_to_byte(chars.start)?;
        let end = self.char_to_byte(chars.end)?;
        self.string.get(start..end)
    }

    /// Up to `n` code points ending at `char_offset`.
    pub fn before(&self, char_offset: usize, n: usize) -> &str {
        self.slice_chars(char_offset.saturating_sub(n)..char_offset)
            .unwrap_or_default()
    }

    /// Up to `n` code points starting at `char_offset`.
    pub fn after(&self, char_offset: usize, n: usize) -> &str {
        let end = char_offset.saturating_add(n).min(self.len_chars());
        self.slice_chars(char_offset..end).unwrap_or_default()
    }

    /// The words of `chars` with up to `context` code points on each side: what a quote
    /// selector holds. Two index lookups, then a short walk from each end (saving and
    /// loading 100k claims do this for every claim). `None` if the range is reversed or
    /// past the end.
    pub fn quote(&self, chars: Range<usize>, context: usize) -> Option<Quote<'_>> {
        if chars.start > chars.end {
            return None;
        }
        let start = self.char_to_byte(chars.start)?;
        let end = self.char_to_byte(chars.end)?;
        let head = &self.string[..start];
        let prefix_start = head
            .char_indices()
            .rev()
            .take(context)
            .last()
            .map_or(start, |(byte, _)| byte);
        let tail = &self.string[end..];
        let suffix_end = tail
            .char_indices()
            .nth(context)
            .map_or(self.string.len(), |(byte, _)| end + byte);
        Some(Quote {
            prefix: &self.string[prefix_start..start],
            exact: &self.string[start..end],
            suffix: &self.string[end..suffix_end],
        })
    }

    /// `chars` shrunk so that it neither starts nor ends with whitespace: what a selection
    /// dragged a little past a word's edge means. Empty (at the start) if it is all
    /// whitespace; a range past the end is cut to the text first.
    pub fn trim_range(&self, chars: Range<usize>) -> Range<usize> {
        let end = chars.end.min(self.len_chars());
        let start = chars.start.min(end);
        let selected = self.slice_chars(start..end).unwrap_or_default();
        let leading = selected.chars().take_while(|c| c.is_whitespace()).count();
        let trailing = selected
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        let trimmed_start = start + leading;
        trimmed_start..end.saturating_sub(trailing).max(trimmed_start)
    }
}

fn build_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut byte_start = 0;
    let mut char_start = 0;
    for line in text.split('\n') {
        let byte_end = byte_start + line.len();
        let char_end = char_start + count_chars(line);
        paragraphs.push(Paragraph {
            byte_start,
            byte_end,
            char_start,
            char_end,
        });
        byte_start = byte_end + 1;
        char_start = char_end + 1;
    }
    paragraphs
}

fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_range_is_trimmed_of_whitespace_at_both_ends_only() {
        let text = Text::new("  Kim met\u{3000}北京 \n\tparade.  ".to_owned());
        let check = |range: Range<usize>, expected: &str| {
            let trimmed = text.trim_range(range.clone());
            assert_eq!(
                text.slice_chars(trimmed.clone()),
                Some(expected),
                "{range:?} -> {trimmed:?}"
            );
        };
        check(0..30, "Kim met\u{3000}北京 \n\tparade.");
        check(1..9, "Kim met");
        check(9..12, "北京");
        check(2..5, "Kim");
        assert!(text.trim_range(0..2).is_empty(), "only whitespace");
        assert!(text.trim_range(12..15).is_empty(), "space, newline and tab");
        check(5..500, "met\u{3000}北京 \n\tparade.");
        assert!(text.trim_range(400..500).is_empty());
    }

    use super::*;

    #[test]
    fn newlines_become_lf_and_nothing_else_changes() {
        let check = |input: &str, expected: &str| assert_eq!(canonical_newlines(input), expected);
        check("a\r\nb", "a\nb");
        check("a\rb", "a\nb");
        check("a\r\r\nb\n", "a\n\nb\n");
        check("\r", "\n");
        check(
            "  tabs\tand trailing spaces  \n",
            "  tabs\tand trailing spaces  \n",
        );
        check("e\u{301} stays decomposed", "e\u{301} stays decomposed");
    }

    #[test]
    fn paragraphs_cover_the_text_line_by_line() {
        let text = Text::new("Erste Zeile\n\n北京\nlast".to_owned());
        let p = text.paragraphs();
        assert_eq!(p.len(), 4);
        assert_eq!(&text.as_str()[p[2].bytes()], "北京");
        assert_eq!(p[2].chars(), 13..15);
        assert_eq!(text.slice_chars(p[3].chars()), Some("last"));
        assert_eq!(text.paragraph_at_char(0), Some(0));
        assert_eq!(text.paragraph_at_char(11), Some(0)); // the '\n' ends paragraph 0
        assert_eq!(text.paragraph_at_char(12), Some(1));
        assert_eq!(text.paragraph_at_char(14), Some(2));
        assert_eq!(text.paragraph_at_char(text.len_chars()), Some(3));
        assert_eq!(text.paragraph_at_char(text.len_chars() + 1), None);
    }

    #[test]
    fn a_quote_is_the_slice_and_the_context_before_and_after_it() {
        // Latin with accents, CJK, Arabic (joined letters) and an emoji ZWJ sequence.
        let text = Text::new("héllo 北京 مرحبا 👩\u{200d}👩\u{200d}👧 e\u{301}!".to_owned());
        let len = text.len_chars();
        for start in 0..=len {
            for end in start..=len {
                for context in [0, 1, 3, 32] {
                    let quote = text.quote(start..end, context).expect("in range");
                    assert_eq!(Some(quote.exact), text.slice_chars(start..end));
                    assert_eq!(quote.prefix, text.before(start, context));
                    assert_eq!(quote.suffix, text.after(end, context));
                }
            }
        }
        let reversed = std::ops::Range { start: 3, end: 2 };
        assert_eq!(text.quote(reversed, 5), None);
        assert_eq!(text.quote(0..len + 1, 5), None);
        let ascii = Text::new("plain ascii words".to_owned());
        let quote = ascii.quote(6..11, 3).expect("in range");
        assert_eq!(
            (quote.prefix, quote.exact, quote.suffix),
            ("in ", "ascii", " wo")
        );
    }

    #[test]
    fn slices_before_and_after_count_code_points() {
        let text = Text::new("👩‍👩‍👧 says 北京 e\u{301}".to_owned());
        // The family emoji is 5 code points (3 people joined by 2 ZWJ).
        assert_eq!(text.slice_chars(0..5), Some("👩‍👩‍👧"));
        assert_eq!(text.slice_chars(11..13), Some("北京"));
        assert_eq!(text.slice_chars(14..16), Some("e\u{301}"));
        #[allow(clippy::reversed_empty_ranges)] // reversed on purpose
        let reversed = 3..2;
        assert_eq!(text.slice_chars(reversed), None);
        assert_eq!(text.slice_chars(0..17), None);
        assert_eq!(text.before(11, 5), "says ");
        assert_eq!(text.after(14, 32), "e\u{301}");
    }

    #[test]
    fn hash_is_sha256_of_utf8_bytes() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
