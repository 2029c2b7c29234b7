//! Display order of one paragraph: the Unicode Bidirectional Algorithm (UAX #9), through
//! the `unicode-bidi` crate.
//!
//! Claims are stored in logical order (the order of the text); the article view draws each
//! line in visual order. This module says, for a line of a paragraph, which stretches of it
//! are drawn left to right and in what order, so the view can map a position on screen to a
//! logical offset and back. Offsets here are bytes of the paragraph's own text.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

/// Whether a paragraph needs the algorithm at all: it holds a right-to-left letter, an
/// Arabic digit or an explicit right-to-left control. Everything else is drawn left to
/// right in logical order, as it is stored.
pub fn needs_bidi(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            bidi_class(c),
            BidiClass::R
                | BidiClass::AL
                | BidiClass::AN
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::RLI
        )
    })
}

/// A stretch of a line with one direction: bytes of the paragraph, drawn right to left
/// when `rtl`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub bytes: Range<usize>,
    pub rtl: bool,
}

/// The resolved levels of one paragraph of the article (the text between two `\n`).
pub struct Bidi<'t> {
    info: BidiInfo<'t>,
}

impl<'t> Bidi<'t> {
    /// Resolves `text` with its direction taken from its first strong letter (rules P2, P3).
    pub fn new(text: &'t str) -> Self {
        Self {
            info: BidiInfo::new(text, None),
        }
    }

    /// The paragraph's own direction: right to left when its first strong letter is.
    pub fn is_rtl(&self) -> bool {
        self.info
            .paragraphs
            .first()
            .is_some_and(|p| p.level.is_rtl())
    }

    /// The embedding level of each byte of the text, before line breaking.
    pub fn levels(&self) -> &[Level] {
        &self.info.levels
    }

    /// The runs of the line `line` (bytes of the paragraph, on char boundaries) in the order
    /// they are drawn, left to right (rules L1 and L2: trailing spaces take the paragraph's
    /// direction, and each level is reversed in turn).
    pub fn visual_runs(&self, line: Range<usize>) -> Vec<Run> {
        let mut out = Vec::new();
        // A paragraph separator inside the text (U+2029 and the like) starts a paragraph of
        // its own for the algorithm; each part of the line is ordered within its own.
        for paragraph in &self.info.paragraphs {
            let part = line.start.max(paragraph.range.start)..line.end.min(paragraph.range.end);
            if part.is_empty() {
                continue;
            }
            let (levels, runs) = self.info.visual_runs(paragraph, part);
            out.extend(runs.into_iter().map(|bytes| Run {
                rtl: levels[bytes.start].is_rtl(),
                bytes,
            }));
        }
        out
    }
}

/// `text` with its words put in display order, for a label drawn by a shaper that runs
/// each font run in the direction it guesses (egui's): the words of a right-to-left
/// stretch come in reverse, each word's letters stay in logical order (the shaper turns a
/// right-to-left word itself), and brackets in right-to-left text are mirrored. Text with
/// nothing right to left comes back as it is. For display only: never for offsets.
pub fn display_order(text: &str) -> std::borrow::Cow<'_, str> {
    if !needs_bidi(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let bidi = Bidi::new(line);
        for run in bidi.visual_runs(0..line.len()) {
            let part = &line[run.bytes.clone()];
            if !run.rtl {
                out.push_str(part);
                continue;
            }
            // Right-to-left letters, their marks and their script's own punctuation (the
            // shaper gets them as one run of one font, and turns it) stay together; every
            // other char is a piece alone.
            let mut pieces: Vec<String> = Vec::new();
            let mut letters = false;
            for c in part.chars() {
                let is_letter =
                    matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::NSM)
                        || (is_rtl_script(c) && !c.is_numeric());
                match pieces.last_mut() {
                    Some(last) if is_letter && letters => last.push(c),
                    _ => pieces.push(mirror(c).to_string()),
                }
                letters = is_letter;
            }
            for piece in pieces.iter().rev() {
                out.push_str(piece);
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Arabic-script and Hebrew code points: letters, and the script's punctuation (، ؛ ؟ ׳).
fn is_rtl_script(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x05FF | 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// A bracket's mirror image (UAX #9 rule L4, for the pairs news text uses).
pub fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The logical char index (of the paragraph) at each visual position of a line, left to
    /// right: what a reader sees, character by character.
    fn visual_chars(text: &str, line: Range<usize>) -> Vec<usize> {
        let bidi = Bidi::new(text);
        let char_of = |byte: usize| text[..byte].chars().count();
        let mut out = Vec::new();
        for run in bidi.visual_runs(line) {
            let first = char_of(run.bytes.start);
            let count = text[run.bytes.clone()].chars().count();
            if run.rtl {
                out.extend((first..first + count).rev());
            } else {
                out.extend(first..first + count);
            }
        }
        out
    }

    /// The pieces a logical range of chars `chars` draws as on a line: ranges of visual
    /// positions, left to right. A range across a change of direction draws as several.
    fn visual_pieces(text: &str, line: Range<usize>, chars: Range<usize>) -> Vec<Range<usize>> {
        let mut pieces: Vec<Range<usize>> = Vec::new();
        for (at, logical) in visual_chars(text, line).into_iter().enumerate() {
            if !chars.contains(&logical) {
                continue;
            }
            match pieces.last_mut() {
                Some(piece) if piece.end == at => piece.end = at + 1,
                _ => pieces.push(at..at + 1),
            }
        }
        pieces
    }

    /// The line as drawn, left to right, one char per visual position.
    fn drawn(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        visual_chars(text, 0..text.len())
            .into_iter()
            .map(|i| chars[i])
            .collect()
    }

    #[test]
    fn lines_are_drawn_in_visual_order() {
        // (logical text, as drawn left to right, paragraph right to left)
        let cases = [
            // Latin only: as stored.
            ("plain text", "plain text", false),
            // Pure Hebrew: reversed.
            ("אבג דהו", "והד גבא", true),
            // Pure Arabic: reversed (shaping joins the letters; the order is this).
            ("كلمة واحدة", "ةدحاو ةملك", true),
            // English with a Hebrew quote: the quote reversed in place.
            ("he said אבג דה today", "he said הד גבא today", false),
            // Hebrew with numbers: the number keeps its left-to-right digits.
            ("אב 123 גד", "דג 123 בא", true),
            // Arabic with an English name inside: the name reads left to right.
            ("قال Joe Biden اليوم", "مويلا Joe Biden لاق", true),
            // Nested embeddings: a right-to-left embedding (RLE … PDF) inside English,
            // holding a left-to-right embedding (LRE … PDF) of "xy": the Hebrew reversed
            // around "xy", which keeps its order. (The controls draw nothing; where they
            // fall is the crate's choice.)
            (
                "ab \u{202B}אב \u{202A}xy\u{202C} גד\u{202C} cd",
                "ab \u{202B}\u{202C}דג xy\u{202C}\u{202A} בא cd",
                false,
            ),
            // An isolate (RLI … PDI) of Hebrew inside English: reversed between its
            // controls, which stay at the outer level.
            (
                "a \u{2067}אב גד\u{2069} b",
                "a \u{2067}דג בא\u{2069} b",
                false,
            ),
        ];
        for (text, expected, rtl) in cases {
            assert_eq!(drawn(text), expected, "{text:?}");
            assert_eq!(Bidi::new(text).is_rtl(), rtl, "{text:?}");
            assert_eq!(needs_bidi(text), text != "plain text", "{text:?}");
        }
    }

    #[test]
    fn a_range_across_a_change_of_direction_draws_as_pieces() {
        let text = "he said אבג דה today";
        let chars = |s: &str| {
            let start = text[..text.find(s).expect("in text")].chars().count();
            start..start + s.chars().count()
        };
        // "said אבג": "said " left to right, then אבג at the right end of the quote.
        // Drawn: "he said הד גבא today": positions 3..8 are "said ", 11..14 "גבא".
        assert_eq!(
            visual_pieces(text, 0..text.len(), chars("said אבג")),
            [3..8, 11..14]
        );
        // Inside the quote alone: one piece.
        assert_eq!(
            visual_pieces(text, 0..text.len(), chars("אבג")),
            vec![11..14]
        );
        // The whole quote and the word after it: the quote (with the space before
        // "today"), one piece, then "today".
        assert_eq!(
            visual_pieces(text, 0..text.len(), chars("דה today")),
            [8..10, 14..20]
        );
    }

    #[test]
    fn a_line_of_a_wrapped_paragraph_is_ordered_on_its_own() {
        // Two lines of one right-to-left paragraph: each is reversed within itself.
        let text = "אבג דהו זחט";
        let cut = text.find("זחט").expect("in text");
        assert_eq!(
            visual_chars(text, 0..cut),
            // "אבג דהו " with the trailing space kept at the paragraph's end (the left).
            [7, 6, 5, 4, 3, 2, 1, 0]
        );
        assert_eq!(visual_chars(text, cut..text.len()), [10, 9, 8]);
    }

    #[test]
    fn labels_get_their_words_in_display_order() {
        assert_eq!(display_order("plain"), "plain");
        assert_eq!(display_order("كلمة واحدة"), "واحدة كلمة");
        assert_eq!(
            display_order("he said אבג דה today"),
            "he said דה אבג today"
        );
        // Numbers keep their digits' order; brackets in right-to-left text are mirrored.
        // After Arabic letters European digits are Arabic numbers (rule W2), so the
        // percent sign is not part of the number and goes to its left, as Arabic sets it.
        assert_eq!(display_order("النمو 2.5% (بحسب)"), "(بحسب) %2.5 النمو");
        assert_eq!(display_order("השר 2.5% (אמר)"), "(אמר) 2.5% השר");
        // The Arabic comma is drawn with its word, by the same font: they stay one piece.
        assert_eq!(display_order("هذا العام، وهو"), "وهو العام، هذا");
    }
}
