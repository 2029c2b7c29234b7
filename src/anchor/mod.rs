//! Re-anchoring: carrying claims from the text they were made on to a changed version of
//! it (a correction, an update), and saying for each one how it was placed.
//!
//! Every claim gets one of four states:
//!
//! - `exact`: a diff of the two texts maps it, and its words and the context on both sides
//!   (32 code points, as saved in the file) are the same there;
//! - `moved`: its words are found unchanged elsewhere (a moved paragraph), with context that
//!   agrees, clearly better than any other place they occur;
//! - `fuzzy`: its words or their context were edited a little; the best candidate scores
//!   above a minimum (quote 50, prefix 20, suffix 20, position 2, as Hypothesis weighs them)
//!   **and** clearly above the second best;
//! - `orphaned`: anything else. Ambiguity makes an orphan, never a guess: a verdict must
//!   never land on words it was not made on.
//!
//! Pure: no IO, no clock. Offsets in and out are code points, as everywhere in the model.

mod align;
#[doc(hidden)]
pub mod corpus;
mod score;

use std::ops::Range;

use memchr::memmem;

use crate::model::Claim;
use crate::text::{Quote, Text};

pub use align::Alignment;
use score::{Candidate, Target};

/// How many code points of context on each side a quote carries (the file's).
pub const CONTEXT: usize = 32;

/// How a claim was carried to the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    Exact,
    Moved,
    Fuzzy,
    Orphaned,
}

impl State {
    /// The spelling on the command line and in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Fuzzy => "fuzzy",
            Self::Orphaned => "orphaned",
        }
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where one claim goes on the new text.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub state: State,
    /// Code points of the new text; `None` for an orphan.
    pub new: Option<Range<usize>>,
    /// How well the words and context at `new` match, 0 to 1 (1 for `exact`). For an
    /// orphan, the best candidate's score, or 0 if there was none.
    pub score: f64,
}

impl Placement {
    fn orphan(score: f64) -> Self {
        Self {
            state: State::Orphaned,
            new: None,
            score,
        }
    }
}

/// How many claims ended in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub exact: usize,
    pub moved: usize,
    pub fuzzy: usize,
    pub orphaned: usize,
}

impl Summary {
    pub fn of(placements: &[Placement]) -> Self {
        let mut summary = Self::default();
        for placement in placements {
            summary.add(placement.state);
        }
        summary
    }

    /// Counts one more claim in `state`.
    pub fn add(&mut self, state: State) {
        let count = match state {
            State::Exact => &mut self.exact,
            State::Moved => &mut self.moved,
            State::Fuzzy => &mut self.fuzzy,
            State::Orphaned => &mut self.orphaned,
        };
        *count += 1;
    }
}

/// `exact 412, moved 3, fuzzy 7, orphaned 2`
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exact {}, moved {}, fuzzy {}, orphaned {}",
            self.exact, self.moved, self.fuzzy, self.orphaned
        )
    }
}

/// Places each claim (offsets on `old`) on `new`; one placement per claim, in order.
pub fn reanchor(old: &Text, new: &Text, claims: &[Claim]) -> Vec<Placement> {
    let alignment = Alignment::new(old.as_str(), new.as_str());
    claims
        .iter()
        .map(|claim| {
            let Some(quote) = old.quote(claim.start..claim.end, CONTEXT) else {
                return Placement::orphan(0.0);
            };
            let (Some(start), Some(end)) =
                (old.char_to_byte(claim.start), old.char_to_byte(claim.end))
            else {
                return Placement::orphan(0.0);
            };
            place(new, &alignment, quote, start..end)
        })
        .collect()
}

/// Places a quote that has no position on `new` (an orphan kept from an earlier text):
/// only where its words occur unchanged with agreeing context, and only if one place is
/// clearly the best.
pub fn place_quote(new: &Text, quote: Quote<'_>) -> Placement {
    let target = Target::new(quote, None, new);
    let candidates = occurrences(new, &target);
    decide(new, None, candidates, None)
}

/// One claim: `exact` if the diff maps it onto the same words and context, else the best
/// of the mapped span and the places its words occur.
fn place(new: &Text, alignment: &Alignment, quote: Quote<'_>, bytes: Range<usize>) -> Placement {
    let mapped = mapped_span(alignment, new.as_str(), quote.exact, bytes.clone());
    if let Some(mapped) = &mapped
        && alignment.unchanged(bytes.clone())
        && let Some(chars) = chars_of(new, mapped)
        && new.quote(chars.clone(), CONTEXT) == Some(quote)
    {
        return Placement {
            state: State::Exact,
            new: Some(chars),
            score: 1.0,
        };
    }
    let expected = alignment.map_start(bytes.start);
    let target = Target::new(quote, Some(expected), new);
    let mut candidates = occurrences(new, &target);
    if let Some(mapped) = &mapped
        && !candidates.iter().any(|c| c.bytes == *mapped)
    {
        candidates.push(target.candidate(new.as_str(), mapped.clone()));
    }
    decide(new, Some(alignment), candidates, mapped.as_ref())
}

/// The claim's ends carried through the diff, trimmed of spaces the claim did not have.
fn mapped_span(
    alignment: &Alignment,
    new: &str,
    exact: &str,
    bytes: Range<usize>,
) -> Option<Range<usize>> {
    let mut start = alignment.map_start(bytes.start);
    let mut end = alignment.map_end(bytes.end);
    // A span much longer than the claim's words is not an edit of them (the diff found
    // nothing in common around them): it is no candidate, and scoring it would cost time
    // in proportion to its length.
    if end <= start || end - start > 2 * exact.len() + MAX_GROWTH {
        return None;
    }
    let span = new.get(start..end)?;
    if !exact.starts_with(char::is_whitespace) {
        start += span.len() - span.trim_start().len();
    }
    if !exact.ends_with(char::is_whitespace) {
        end -= span.len() - span.trim_end().len();
    }
    (start < end).then_some(start..end)
}

/// How many bytes a claim's span may grow by, beyond doubling, to be a candidate.
const MAX_GROWTH: usize = 64;

/// At most this many places where a quote occurs are looked at closely (by their
/// context); a quote found more often than [`MAX_OCCURRENCES`] is not looked for at all.
const CLOSE_LOOKS: usize = 8;
const MAX_OCCURRENCES: usize = 10_000;

/// The places the quote's words occur unchanged, the most promising first.
fn occurrences(new: &Text, target: &Target<'_>) -> Vec<Candidate> {
    let text = new.as_str();
    let needle = target.quote.exact.as_bytes();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    for at in memmem::find_iter(text.as_bytes(), needle) {
        if found.len() == MAX_OCCURRENCES {
            return Vec::new();
        }
        found.push((target.agreement(text, at..at + needle.len()), at));
    }
    let expected = target.expected.unwrap_or(0);
    found.sort_unstable_by_key(|&(hint, at)| (std::cmp::Reverse(hint), at.abs_diff(expected)));
    found
        .into_iter()
        .take(CLOSE_LOOKS)
        .map(|(_, at)| target.candidate(text, at..at + needle.len()))
        .collect()
}

/// Below this the best candidate is an orphan (scores are 0 to 1).
const MIN_SCORE: f64 = 0.80;
/// The words themselves must be at least this alike.
const MIN_QUOTE: f64 = 0.75;
/// Context this alike on both sides frames the words: then half of them may differ, and
/// the whole may score as low as [`MIN_FRAMED_SCORE`].
const MIN_FRAME: f64 = 0.9;
const MIN_FRAMED_SCORE: f64 = 0.6;
/// The best must beat the second best by this much.
const MIN_MARGIN: f64 = 0.05;
/// Words found unchanged elsewhere must be in text the diff found new (not text that was
/// there before, at another claim's place), with their context this alike on each side
/// (a context that runs into the next paragraph counts only up to its paragraph's end):
/// a paragraph that moved carries its words' context with it; words that only happen to
/// occur elsewhere do not find theirs there.
const MIN_MOVED_SIDE: f64 = 0.9;

fn decide(
    new: &Text,
    alignment: Option<&Alignment>,
    mut candidates: Vec<Candidate>,
    mapped: Option<&Range<usize>>,
) -> Placement {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    // Its very words where the diff puts them, only their context edited: it stays there
    // or nowhere.
    // (A copy elsewhere that fits as well makes it ambiguous: an orphan.)
    if let Some(kept) = candidates
        .iter()
        .find(|c| mapped == Some(&c.bytes) && c.quote >= 1.0)
    {
        let rival = candidates
            .iter()
            .any(|c| c.bytes != kept.bytes && c.score > kept.score - MIN_MARGIN);
        return match chars_of(new, &kept.bytes) {
            Some(chars) if kept.score >= MIN_SCORE && !rival => Placement {
                state: State::Fuzzy,
                new: Some(chars),
                score: kept.score,
            },
            _ => Placement::orphan(kept.score),
        };
    }
    let Some(best) = candidates.first() else {
        return Placement::orphan(0.0);
    };
    let second = candidates.get(1).map_or(0.0, |c| c.score);
    let clear = best.score - second >= MIN_MARGIN;
    let at_mapped = mapped == Some(&best.bytes);
    let state = if best.quote >= 1.0 && !at_mapped {
        let framed = best.prefix >= MIN_MOVED_SIDE && best.suffix >= MIN_MOVED_SIDE;
        let new_here = alignment.is_none_or(|a| !a.kept(best.bytes.clone()));
        (clear && new_here && framed).then_some(State::Moved)
    } else {
        // Where the diff puts it: alike enough, or with both sides of its context intact
        // and at least half its words the same (a word replaced in a short claim).
        let alike = best.quote >= MIN_QUOTE && best.score >= MIN_SCORE;
        let framed = best.prefix >= MIN_FRAME
            && best.suffix >= MIN_FRAME
            && best.words >= 0.5
            && best.score >= MIN_FRAMED_SCORE;
        (clear && at_mapped && (alike || framed)).then_some(State::Fuzzy)
    };
    match (state, chars_of(new, &best.bytes)) {
        (Some(state), Some(chars)) => Placement {
            state,
            new: Some(chars),
            score: best.score,
        },
        _ => Placement::orphan(best.score),
    }
}

fn chars_of(text: &Text, bytes: &Range<usize>) -> Option<Range<usize>> {
    Some(text.byte_to_char(bytes.start)?..text.byte_to_char(bytes.end)?)
}

#[cfg(test)]
mod tests;
