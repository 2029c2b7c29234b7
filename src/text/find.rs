//! Find in the article: every match of a query, and stepping through them. ASCII letters
//! ignore case, everything else matches exactly (no normalisation), so a match's offsets
//! are always the reviewer's own words.

use std::ops::Range;

use super::Text;

/// Enough to step through; a query matching more is too short to be useful.
pub const MAX_MATCHES: usize = 10_000;

/// Which way to step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

/// Matches of `query` in `text` as code-point ranges, in order, at most [`MAX_MATCHES`].
pub fn find_all(text: &Text, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let haystack = text.as_str();
    let needle = query.as_bytes();
    let bytes = haystack.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at + needle.len() <= bytes.len() && found.len() < MAX_MATCHES {
        let candidate = &bytes[at..at + needle.len()];
        if candidate.eq_ignore_ascii_case(needle)
            && haystack.is_char_boundary(at)
            && haystack.is_char_boundary(at + needle.len())
            && let (Some(start), Some(end)) =
                (text.byte_to_char(at), text.byte_to_char(at + needle.len()))
        {
            found.push(start..end);
            at += needle.len();
            continue;
        }
        at += 1;
    }
    found
}

/// The matches of one query and which of them is current.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    ranges: Vec<Range<usize>>,
    current: Option<usize>,
}

impl Matches {
    pub fn new(text: &Text, query: &str) -> Self {
        Self {
            ranges: find_all(text, query),
            current: None,
        }
    }

    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Position of the current match, if one was stepped to.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Steps to the next match in `direction`, wrapping around. Before the first step, the
    /// first match at or after `from` (going forward) or before it (going back).
    pub fn step(&mut self, direction: Direction, from: usize) -> Option<Range<usize>> {
        let n = self.ranges.len();
        if n == 0 {
            return None;
        }
        let after = self.ranges.partition_point(|m| m.start < from);
        let next = match (self.current, direction) {
            (Some(i), Direction::Forward) => (i + 1) % n,
            (Some(i), Direction::Backward) => (i + n - 1) % n,
            (None, Direction::Forward) => after % n,
            (None, Direction::Backward) => after.checked_sub(1).unwrap_or(n - 1),
        };
        self.current = Some(next);
        self.ranges.get(next).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_match_in_code_points() {
        let text = Text::new("北京 Parade; the parade — PARADE! paradé".to_owned());
        let matches = find_all(&text, "parade");
        assert_eq!(matches.len(), 3, "ASCII case is ignored, é is not e");
        for m in &matches {
            assert!(
                text.slice_chars(m.clone())
                    .expect("in range")
                    .eq_ignore_ascii_case("parade")
            );
        }
        assert_eq!(matches[0], 3..9);
        assert_eq!(find_all(&text, "北京"), vec![0..2]);
        assert!(find_all(&text, "").is_empty());
        assert!(find_all(&text, "missing").is_empty());
        // A query that is a part of a multi-byte character never matches inside it.
        assert!(find_all(&text, "\u{e4}").is_empty());
    }

    #[test]
    fn matches_are_capped() {
        let text = Text::new("a".repeat(MAX_MATCHES + 50));
        assert_eq!(find_all(&text, "a").len(), MAX_MATCHES);
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let text = Text::new("a b a b a".to_owned());
        let mut matches = Matches::new(&text, "a");
        assert_eq!(
            matches.step(Direction::Forward, 3),
            Some(4..5),
            "the first match after the cursor"
        );
        assert_eq!(matches.step(Direction::Forward, 3), Some(8..9));
        assert_eq!(
            matches.step(Direction::Forward, 3),
            Some(0..1),
            "wraps to the start"
        );
        assert_eq!(matches.step(Direction::Backward, 3), Some(8..9), "and back");
        assert_eq!(matches.current(), Some(2));
        let mut fresh = Matches::new(&text, "a");
        assert_eq!(
            fresh.step(Direction::Backward, 3),
            Some(0..1),
            "the match before"
        );
        assert_eq!(Matches::new(&text, "z").step(Direction::Forward, 0), None);
    }
}
