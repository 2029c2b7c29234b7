//! How well a place in the new text matches a claim's quote: its words, the context on
//! each side and its distance from where the diff expects it, weighed 50 / 20 / 20 / 2.

// Scores are ratios of lengths; a length past 2^52 is not a text anyone annotates.
#![expect(clippy::cast_precision_loss, reason = "ratios of text lengths")]

use std::ops::Range;

use crate::text::{Quote, Text};

const QUOTE_WEIGHT: f64 = 50.0;
const PREFIX_WEIGHT: f64 = 20.0;
const SUFFIX_WEIGHT: f64 = 20.0;
const POSITION_WEIGHT: f64 = 2.0;
const TOTAL_WEIGHT: f64 = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/// What is looked for: a quote, and the byte offset in the new text where the diff puts it.
pub struct Target<'a> {
    pub quote: Quote<'a>,
    pub expected: Option<usize>,
    new_len: usize,
}

/// One place in the new text, scored.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Bytes of the new text.
    pub bytes: Range<usize>,
    /// Each 0 to 1.
    pub quote: f64,
    pub prefix: f64,
    pub suffix: f64,
    /// The weighted whole, 0 to 1.
    pub score: f64,
    /// The share of the quote's words that are the same, 0 to 1.
    pub words: f64,
}

impl<'a> Target<'a> {
    pub fn new(quote: Quote<'a>, expected: Option<usize>, new: &Text) -> Self {
        Self {
            quote,
            expected,
            new_len: new.as_str().len(),
        }
    }

    /// How many code points next to `bytes` agree with the quote's prefix and suffix,
    /// read outwards from the words: a quick measure of the context, used to pick which
    /// places to score in full and to tell a moved paragraph from a chance repeat.
    pub fn agreement(&self, text: &str, bytes: Range<usize>) -> usize {
        let before = text.get(..bytes.start).unwrap_or_default();
        let after = text.get(bytes.end..).unwrap_or_default();
        let prefix = self
            .quote
            .prefix
            .chars()
            .rev()
            .zip(before.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix = self
            .quote
            .suffix
            .chars()
            .zip(after.chars())
            .take_while(|(a, b)| a == b)
            .count();
        prefix + suffix
    }

    /// Scores the place `bytes` of `text` (the new text).
    pub fn candidate(&self, text: &str, bytes: Range<usize>) -> Candidate {
        let words = text.get(bytes.clone()).unwrap_or_default();
        let quote = quote_similarity(self.quote.exact, words);
        let prefix = context_similarity(
            self.quote.prefix,
            chars_before(text, bytes.start, self.quote.prefix.chars().count()),
            Side::Before,
        );
        let suffix = context_similarity(
            self.quote.suffix,
            chars_after(text, bytes.end, self.quote.suffix.chars().count()),
            Side::After,
        );
        // (Contexts are compared up to the end of their paragraph; see
        // `context_similarity`.)
        let position = self.expected.map_or(0.0, |expected| {
            let distance = bytes.start.abs_diff(expected) as f64;
            1.0 - (distance / self.new_len.max(1) as f64).min(1.0)
        });
        let score = (QUOTE_WEIGHT * quote
            + PREFIX_WEIGHT * prefix
            + SUFFIX_WEIGHT * suffix
            + POSITION_WEIGHT * position)
            / TOTAL_WEIGHT;
        Candidate {
            words: word_similarity(self.quote.exact, words),
            bytes,
            quote,
            prefix,
            suffix,
            score,
        }
    }
}

#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

/// How alike two contexts are. A context that runs into the next paragraph agrees fully
/// when its own paragraph's part is the same and the paragraph ends at the same place:
/// what lies beyond belongs to other words (a paragraph moved away from this one says
/// nothing about this claim). The start and the end of the text end a paragraph too: a
/// context cut short there (fewer than [`super::CONTEXT`] code points) ends at the edge.
fn context_similarity(old: &str, new: &str, side: Side) -> f64 {
    if old == new {
        return 1.0;
    }
    let own = |s: &'_ str| -> Option<usize> {
        let edge = s.chars().count() < super::CONTEXT;
        match side {
            Side::Before => s
                .rfind('\n')
                .map(|i| s.len() - i - 1)
                .or(edge.then_some(s.len())),
            Side::After => s.find('\n').or(edge.then_some(s.len())),
        }
    };
    if let (Some(a), Some(b)) = (own(old), own(new)) {
        let (old_own, new_own) = match side {
            Side::Before => (&old[old.len() - a..], &new[new.len() - b..]),
            Side::After => (&old[..a], &new[..b]),
        };
        if old_own == new_own {
            return 1.0;
        }
    }
    similarity(old, new)
}

fn chars_before(text: &str, at: usize, n: usize) -> &str {
    let head = text.get(..at).unwrap_or_default();
    let start = head
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(at, |(i, _)| i);
    &head[start..]
}

fn chars_after(text: &str, at: usize, n: usize) -> &str {
    let tail = text.get(at..).unwrap_or_default();
    let end = tail.char_indices().nth(n).map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// 1 for the same words; a little less when only case or spacing differ (that is an edit
/// too: never `exact`); else how alike they are by edit distance.
fn quote_similarity(old: &str, new: &str) -> f64 {
    if old == new {
        return 1.0;
    }
    let plain = similarity(old, new);
    let folded = similarity(&fold(old), &fold(new));
    plain.max(0.95 * folded)
}

/// 1 - edit distance counted in words / the number of words of the longer.
fn word_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&a, &b) as f64 / longest as f64
}

/// The words of `s` (as the diff splits them), without the spaces.
fn words(s: &str) -> Vec<&str> {
    super::align::tokens(s, 0)
        .into_iter()
        .filter_map(|r| s.get(r))
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// Lower case, every run of white space one space.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strings longer than this (in bytes, both together) are compared word by word, so that
/// a claim of a whole paragraph costs no more than a short one.
const CHAR_COMPARE_MAX: usize = 1200;

/// 1 - edit distance / length of the longer: by characters for short strings, by words
/// for long ones.
fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.len() + b.len() <= CHAR_COMPARE_MAX {
        return strsim::normalized_levenshtein(a, b);
    }
    let a: Vec<&str> = a.split_inclusive(char::is_whitespace).collect();
    let b: Vec<&str> = b.split_inclusive(char::is_whitespace).collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&a, &b) as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alike_words_score_by_how_alike() {
        assert!((similarity("abc", "abc") - 1.0).abs() < f64::EPSILON);
        assert!(similarity("the economy grew", "the economy grows") > 0.8);
        assert!(similarity("the economy grew", "a war was declared") < 0.5);
        assert!(quote_similarity("GDP rose", "gdp  rose") < 1.0);
        assert!(quote_similarity("GDP rose", "gdp  rose") >= 0.9);
        let long_a = "word ".repeat(300);
        let long_b = format!("{}other ", "word ".repeat(299));
        assert!(similarity(&long_a, &long_b) > 0.99);
    }
}
