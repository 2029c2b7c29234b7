//! Which stretches of the old text are unchanged in the new one, found by a diff
//! (imara-diff), in two passes: sentences and lines first, then words inside each changed
//! stretch. A book with a one-word correction diffs in milliseconds this way; one diff of
//! every word of a book would not.

use imara_diff::{Algorithm, Diff, InternedInput};

/// A stretch of bytes that is the same in both texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Same {
    old: usize,
    new: usize,
    len: usize,
}

/// The unchanged stretches of two texts, in order (both sides increase together).
#[derive(Debug)]
pub struct Alignment {
    same: Vec<Same>,
    new_len: usize,
}

impl Alignment {
    pub fn new(old: &str, new: &str) -> Self {
        let mut same = Vec::new();
        let parts = Parts {
            old: segments(old),
            new: segments(new),
        };
        parts.walk(
            Algorithm::Myers,
            (old, new),
            (0..old.len(), 0..new.len()),
            &mut same,
            |same, old_range, new_range| {
                if !old_range.is_empty() && !new_range.is_empty() {
                    words(same, old, new, old_range, new_range);
                }
            },
        );
        Self {
            same,
            new_len: new.len(),
        }
    }

    /// Where the old byte offset `at`, as the start of a span, lands in the new text. An
    /// offset inside a changed stretch lands at the start of what replaced it.
    pub fn map_start(&self, at: usize) -> usize {
        let after = self.same.partition_point(|s| s.old <= at);
        let Some(s) = after.checked_sub(1).and_then(|i| self.same.get(i)) else {
            return 0;
        };
        if at < s.old + s.len {
            s.new + (at - s.old)
        } else {
            s.new + s.len
        }
    }

    /// Where the old byte offset `at`, as the end of a span, lands in the new text. An
    /// offset inside a changed stretch lands at the end of what replaced it.
    pub fn map_end(&self, at: usize) -> usize {
        let after = self.same.partition_point(|s| s.old < at);
        let Some(s) = after.checked_sub(1).and_then(|i| self.same.get(i)) else {
            return self.same.first().map_or(self.new_len, |s| s.new);
        };
        if at <= s.old + s.len {
            s.new + (at - s.old)
        } else {
            self.same.get(after).map_or(self.new_len, |next| next.new)
        }
    }

    /// Whether `old` bytes lie inside one unchanged stretch.
    pub fn unchanged(&self, old: std::ops::Range<usize>) -> bool {
        let after = self.same.partition_point(|s| s.old <= old.start);
        after
            .checked_sub(1)
            .and_then(|i| self.same.get(i))
            .is_some_and(|s| old.end <= s.old + s.len)
    }

    /// Whether `new` bytes lie inside one unchanged stretch: text that was already there,
    /// at its own place in the old text.
    pub fn kept(&self, new: std::ops::Range<usize>) -> bool {
        let after = self.same.partition_point(|s| s.new <= new.start);
        after
            .checked_sub(1)
            .and_then(|i| self.same.get(i))
            .is_some_and(|s| new.end <= s.new + s.len)
    }
}

fn push(same: &mut Vec<Same>, old: usize, new: usize, len: usize) {
    if len == 0 {
        return;
    }
    if let Some(last) = same.last_mut()
        && last.old + last.len == old
        && last.new + last.len == new
    {
        last.len += len;
        return;
    }
    same.push(Same { old, new, len });
}

/// The second pass: the unchanged words inside one changed stretch.
fn words(
    same: &mut Vec<Same>,
    old: &str,
    new: &str,
    old_range: std::ops::Range<usize>,
    new_range: std::ops::Range<usize>,
) {
    let old_tokens = tokens(&old[old_range.clone()], old_range.start);
    let new_tokens = tokens(&new[new_range.clone()], new_range.start);
    if old_tokens.len() > MAX_WORD_DIFF && new_tokens.len() > MAX_WORD_DIFF {
        return;
    }
    let parts = Parts {
        old: old_tokens,
        new: new_tokens,
    };
    parts.walk(
        Algorithm::Histogram,
        (old, new),
        (old_range, new_range),
        same,
        |_, _, _| {},
    );
}

/// Two texts cut into parts (sentences, or words) as byte ranges, to diff part by part.
struct Parts {
    old: Vec<std::ops::Range<usize>>,
    new: Vec<std::ops::Range<usize>>,
}

impl Parts {
    /// Diffs the parts (which cover `ranges` of the two texts) and records each unchanged
    /// run in `same`; `changed` is called with the bytes of each changed stretch.
    fn walk(
        &self,
        algorithm: Algorithm,
        (old, new): (&str, &str),
        (old_range, new_range): (std::ops::Range<usize>, std::ops::Range<usize>),
        same: &mut Vec<Same>,
        mut changed: impl FnMut(&mut Vec<Same>, std::ops::Range<usize>, std::ops::Range<usize>),
    ) {
        let mut input = InternedInput::default();
        input.update_before(self.old.iter().map(|r| &old[r.clone()]));
        input.update_after(self.new.iter().map(|r| &new[r.clone()]));
        let diff = Diff::compute(algorithm, &input);
        let byte_at = |parts: &[std::ops::Range<usize>], i: u32, end: usize| {
            parts.get(i as usize).map_or(end, |r| r.start)
        };
        let (mut old_at, mut new_at) = (old_range.start, new_range.start);
        for hunk in diff.hunks() {
            let old_start = byte_at(&self.old, hunk.before.start, old_range.end);
            let new_start = byte_at(&self.new, hunk.after.start, new_range.end);
            debug_assert_eq!(old_start - old_at, new_start - new_at);
            push(same, old_at, new_at, old_start - old_at);
            let old_end = byte_at(&self.old, hunk.before.end, old_range.end);
            let new_end = byte_at(&self.new, hunk.after.end, new_range.end);
            changed(same, old_start..old_end, new_start..new_end);
            (old_at, new_at) = (old_end, new_end);
        }
        push(same, old_at, new_at, old_range.end - old_at);
    }
}

/// Sentences and lines: a stretch ends after a line break, after a CJK full stop, or
/// after `.`, `!` or `?` before a space. A stretch longer than [`LONG_STRETCH`] (a page
/// without punctuation, a very long line) is also cut where the two words before a space
/// hash to a multiple of [`CUT_EVERY`]: a cut that depends on the words around it, not on
/// where the text starts, so an edit does not move the cuts after it (content-defined
/// chunking with a minimum size, as rsync and backup tools cut files), and a book without
/// a full stop still diffs in small stretches. Prose is cut at its sentences alone.
fn segments(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    // FNV-1a of the word being read, and of the one before it.
    let (mut word, mut previous) = (FNV_OFFSET, FNV_OFFSET);
    while let Some((at, c)) = chars.next() {
        let end = at + c.len_utf8();
        let next = chars.peek().map(|&(_, n)| n);
        let next_is_space = next == Some(' ');
        let mut ends = match c {
            '\n' | '。' | '！' | '？' => true,
            '.' | '!' | '?' => next_is_space,
            _ => false,
        };
        if c.is_whitespace() {
            if ends {
                out.push(start..end);
                start = end;
            }
            continue;
        }
        word = (word ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME);
        let word_ends = next.is_none_or(char::is_whitespace) || u32::from(c) >= 0x2E80;
        if word_ends {
            ends |=
                end - start >= LONG_STRETCH && (word ^ previous.rotate_left(17)) % CUT_EVERY == 0;
            previous = word;
            word = FNV_OFFSET;
        }
        if ends {
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;
/// On average one content-defined cut every this many words, in stretches of at least
/// this many bytes.
const CUT_EVERY: u64 = 32;
const LONG_STRETCH: usize = 512;

/// A changed stretch with more words than this on both sides is not aligned word by word
/// (a diff of two unrelated chapters over a few common words costs time that grows with
/// the square of their length): its claims are looked for by their quote instead.
const MAX_WORD_DIFF: usize = 20_000;

/// Words (runs of letters and digits), runs of spaces, and every other character on its
/// own. Chinese and Japanese characters are words of one character each, since those
/// scripts put no spaces between words.
pub(super) fn tokens(text: &str, base: usize) -> Vec<std::ops::Range<usize>> {
    #[derive(PartialEq)]
    enum Kind {
        Word,
        Space,
        Single,
    }
    let kind = |c: char| {
        if c.is_whitespace() {
            Kind::Space
        } else if c.is_alphanumeric() && u32::from(c) < 0x2E80 {
            Kind::Word
        } else {
            Kind::Single
        }
    };
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let mut current: Option<(usize, Kind)> = None;
    for (at, c) in text.char_indices() {
        let k = kind(c);
        match &current {
            Some((_, kc)) if *kc == k && k != Kind::Single => {}
            Some((start, _)) => {
                out.push(base + start..base + at);
                current = Some((at, k));
            }
            None => current = Some((at, k)),
        }
    }
    if let Some((start, _)) = current {
        out.push(base + start..base + text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_stretches_map_and_changed_ones_widen() {
        let old = "One two three. Four five six.\nSeven eight.";
        let new = "One two three. Four FIVE six.\nSeven eight.";
        let a = Alignment::new(old, new);
        let five = old.find("five").expect("five");
        assert!(a.unchanged(0..five));
        assert!(!a.unchanged(five..five + 4));
        assert_eq!(a.map_start(five), new.find("FIVE").expect("FIVE"));
        assert_eq!(a.map_end(five + 4), new.find("FIVE").expect("FIVE") + 4);
        let seven = old.find("Seven").expect("Seven");
        assert_eq!(a.map_start(seven), new.find("Seven").expect("Seven"));
        assert_eq!(a.map_end(old.len()), new.len());
    }

    #[test]
    fn cjk_is_split_into_characters() {
        let t = "他说经济增长了。";
        assert_eq!(tokens(t, 0).len(), t.chars().count());
        assert_eq!(segments("甲。乙。").len(), 2);
        assert_eq!(segments("One. Two.\nThree").len(), 3);
    }

    #[test]
    fn text_without_full_stops_is_cut_by_its_words_and_an_edit_moves_no_cut_elsewhere() {
        let text: String = (0..4000)
            .map(|i| format!("w{}", (i * 7919) % 501))
            .collect::<Vec<_>>()
            .join(" ");
        let cuts = segments(&text);
        assert!(cuts.len() > 15, "{} stretches", cuts.len());
        let edited = format!("inserted words here {text}");
        let shifted: Vec<&str> = segments(&edited)
            .iter()
            .map(|r| &edited[r.clone()])
            .collect();
        let original: Vec<&str> = cuts.iter().map(|r| &text[r.clone()]).collect();
        // Past the edit, every stretch is the same.
        assert_eq!(
            shifted[shifted.len() - 20..],
            original[original.len() - 20..]
        );
    }
}
