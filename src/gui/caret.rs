//! Moving through the article's text by character and by word, in logical order: what the
//! caret keys, double-click and word snapping share.

use std::ops::Range;

use crate::text::Text;

/// Letters, digits, marks and connectors make words; an apostrophe inside a word too
/// ("Un's").
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '\'' | '’' | '\u{200C}' | '\u{200D}') || is_mark(c)
}

/// Combining marks (accents and vowel signs written as separate code points) belong to the
/// letter before them: every non-spacing mark (bidi class NSM).
pub fn is_mark(c: char) -> bool {
    use unicode_bidi::{BidiClass, bidi_class};
    bidi_class(c) == BidiClass::NSM
}

/// The chars before and after code point `at`, nearest first.
fn around(
    text: &Text,
    at: usize,
) -> (
    impl Iterator<Item = char> + '_,
    impl Iterator<Item = char> + '_,
) {
    let byte = text
        .char_to_byte(at.min(text.len_chars()))
        .unwrap_or(text.as_str().len());
    let (before, after) = text.as_str().split_at(byte);
    (before.chars().rev(), after.chars())
}

/// One character on from `at` (or back), never stopping between a letter and its marks.
pub fn step_char(text: &Text, at: usize, forward: bool) -> usize {
    let (mut before, mut after) = around(text, at);
    if forward {
        let Some(_) = after.next() else { return at };
        at + 1 + after.take_while(|&c| is_mark(c)).count()
    } else {
        let mut back = 0;
        for c in before.by_ref() {
            back += 1;
            if !is_mark(c) {
                break;
            }
        }
        at - back
    }
}

/// To the end of the word at or after `at` (forward), or to the start of the word at or
/// before it (back).
pub fn step_word(text: &Text, at: usize, forward: bool) -> usize {
    let (before, after) = around(text, at);
    let count = |chars: &mut dyn Iterator<Item = char>| {
        let mut n = 0;
        let mut in_word = false;
        for c in chars {
            if is_word(c) {
                in_word = true;
            } else if in_word {
                break;
            }
            n += 1;
        }
        n
    };
    if forward {
        at + count(&mut { after })
    } else {
        at - count(&mut { before })
    }
}

/// The word around `at`: empty when `at` is not in or beside one.
pub fn word_at(text: &Text, at: usize) -> Range<usize> {
    let (before, after) = around(text, at);
    let back = before.take_while(|&c| is_word(c)).count();
    let forward = after.take_while(|&c| is_word(c)).count();
    at - back..at + forward
}

/// A dragged range grown to whole words at each end that falls inside one.
pub fn snap_to_words(text: &Text, range: Range<usize>) -> Range<usize> {
    let inside = |at: usize| {
        let (mut before, mut after) = around(text, at);
        before.next().is_some_and(is_word) && after.next().is_some_and(is_word)
    };
    let start = if inside(range.start) {
        word_at(text, range.start).start
    } else {
        range.start
    };
    let end = if inside(range.end) {
        word_at(text, range.end).end
    } else {
        range.end
    };
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> usize {
        text[..text.find(needle).expect("in text")].chars().count()
    }

    #[test]
    fn steps_by_char_keep_marks_with_their_letter() {
        let text = Text::new("Zoe\u{308} and".to_owned());
        assert_eq!(step_char(&text, 2, true), 4);
        assert_eq!(step_char(&text, 4, false), 2);
        assert_eq!(step_char(&text, 0, false), 0);
        assert_eq!(step_char(&text, 8, true), 8);
    }

    #[test]
    fn steps_by_word_go_to_word_ends_and_starts() {
        let s = "Kim Jong Un's attendance, today.";
        let text = Text::new(s.to_owned());
        assert_eq!(step_word(&text, 0, true), 3);
        assert_eq!(step_word(&text, 3, true), 8);
        assert_eq!(step_word(&text, at(s, "Un's"), true), at(s, " attendance"));
        assert_eq!(step_word(&text, at(s, ", today"), true), at(s, "."));
        assert_eq!(step_word(&text, at(s, "."), false), at(s, "today"));
        assert_eq!(
            step_word(&text, at(s, "attendance") + 3, false),
            at(s, "attendance")
        );
    }

    #[test]
    fn a_sloppy_drag_snaps_to_whole_words() {
        let s = "Kim Jong Un's attendance at the parade";
        let text = Text::new(s.to_owned());
        let sloppy = at(s, "ong")..at(s, "ndance");
        assert_eq!(
            snap_to_words(&text, sloppy),
            at(s, "Jong")..at(s, " at the")
        );
        // Ends already between words stay.
        let clean = at(s, "Jong")..at(s, " Un");
        assert_eq!(snap_to_words(&text, clean.clone()), clean);
        // Arabic: the same, in logical order.
        let a = "قال الوزير إن الاقتصاد ينمو";
        let text = Text::new(a.to_owned());
        assert_eq!(
            snap_to_words(&text, at(a, "زير")..at(a, "قتصاد")),
            at(a, "الوزير")..at(a, " ينمو")
        );
    }
}
