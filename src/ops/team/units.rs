//! Units: which claims of several reviewers' files are claims on the same words.
//!
//! Claims of different files on the same span are one unit. Otherwise two claims are one
//! unit when their overlap — intersection over union, in code points — is at least 0.5.
//! A unit holds at most one claim per file, and every two of its claims overlap that much.
//! Pairs are joined best overlap first, so the closest claims find each other before a
//! looser one can take their place. Every claim is in exactly one unit.

use std::cmp::Ordering;

/// A claim's span, in code points, end exclusive.
pub type Span = (usize, usize);

/// One unit: for each file, the index of its claim in the unit, if it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub members: Vec<Option<usize>>,
}

impl Unit {
    /// How many files have a claim in it.
    pub fn len(&self) -> usize {
        self.members.iter().flatten().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Intersection and union of two spans, in code points.
fn overlap(a: Span, b: Span) -> (usize, usize) {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    (inter, union)
}

/// Whether two spans are close enough to be one unit: intersection over union ≥ 0.5.
pub fn close(a: Span, b: Span) -> bool {
    let (inter, union) = overlap(a, b);
    union > 0 && 2 * inter >= union
}

/// The intersection over union of two spans (1 for the same span).
pub fn iou(a: Span, b: Span) -> f64 {
    let (inter, union) = overlap(a, b);
    #[allow(clippy::cast_precision_loss)]
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// A claim in the sweep: its file, its index there and its span.
#[derive(Clone, Copy)]
struct Mark {
    file: usize,
    index: usize,
    span: Span,
}

/// A pair of claims that may join, with their overlap as a fraction `inter / union`.
struct Pair {
    inter: usize,
    union: usize,
    x: usize,
    y: usize,
}

/// Better overlap first (compared exactly, as fractions), then by position, so the order
/// does not depend on anything but the spans and the files' order.
fn by_overlap(marks: &[Mark], p: &Pair, q: &Pair) -> Ordering {
    let left = (q.inter as u128) * (p.union as u128);
    let right = (p.inter as u128) * (q.union as u128);
    left.cmp(&right).then_with(|| {
        let key = |pair: &Pair| {
            let (x, y) = (marks[pair.x], marks[pair.y]);
            (x.span, y.span, x.file, y.file, x.index, y.index)
        };
        key(p).cmp(&key(q))
    })
}

/// The units of these files' claims (`spans[file][claim]`), ordered by their first span.
///
/// Candidates are found by a sweep over claims sorted by start: a claim `y` can overlap
/// `x` by 0.5 only if it starts within the first half of `x`, so each claim looks at few
/// others however long the article.
pub fn units(spans: &[Vec<Span>]) -> Vec<Unit> {
    let files = spans.len();
    let mut marks: Vec<Mark> = spans
        .iter()
        .enumerate()
        .flat_map(|(file, claims)| {
            claims
                .iter()
                .enumerate()
                .map(move |(index, &span)| Mark { file, index, span })
        })
        .collect();
    marks.sort_by_key(|m| (m.span.0, m.span.1, m.file, m.index));

    let mut pairs = Vec::new();
    for (x, mx) in marks.iter().enumerate() {
        let len = mx.span.1 - mx.span.0;
        for (y, my) in marks.iter().enumerate().skip(x + 1) {
            if 2 * (my.span.0 - mx.span.0) > len {
                break;
            }
            if my.file == mx.file {
                continue;
            }
            let (inter, union) = overlap(mx.span, my.span);
            if union > 0 && 2 * inter >= union {
                pairs.push(Pair { inter, union, x, y });
            }
        }
    }
    pairs.sort_by(|p, q| by_overlap(&marks, p, q));

    // Each group is a set of marks, at most one per file; `group[m]` names the group of
    // mark m, and only a group's first mark keeps its members.
    let mut group: Vec<usize> = (0..marks.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..marks.len()).map(|m| vec![m]).collect();
    for pair in &pairs {
        let (gx, gy) = (group[pair.x], group[pair.y]);
        if gx == gy {
            continue;
        }
        let (a, b) = (&members[gx], &members[gy]);
        let disjoint = a
            .iter()
            .all(|&p| b.iter().all(|&q| marks[p].file != marks[q].file));
        let all_close = disjoint
            && a.iter()
                .all(|&p| b.iter().all(|&q| close(marks[p].span, marks[q].span)));
        if !all_close {
            continue;
        }
        let (keep, gone) = if a.len() >= b.len() {
            (gx, gy)
        } else {
            (gy, gx)
        };
        let moved = std::mem::take(&mut members[gone]);
        for &m in &moved {
            group[m] = keep;
        }
        members[keep].extend(moved);
    }

    let mut units: Vec<(Span, Unit)> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|m| {
            let mut unit = Unit {
                members: vec![None; files],
            };
            let first = m.iter().map(|&i| marks[i].span).min().unwrap_or_default();
            for i in m {
                unit.members[marks[i].file] = Some(marks[i].index);
            }
            (first, unit)
        })
        .collect();
    units.sort_by(|(s, u), (t, v)| s.cmp(t).then_with(|| u.members.cmp(&v.members)));
    units.into_iter().map(|(_, u)| u).collect()
}

/// Claims of `b` matched to claims of `a`: by identical span when `exact`, else by the
/// unit rule on the two files alone.
pub fn matched(a: &[Span], b: &[Span], exact: bool) -> usize {
    if exact {
        let mut a: Vec<Span> = a.to_vec();
        let mut b: Vec<Span> = b.to_vec();
        a.sort_unstable();
        b.sort_unstable();
        let (mut at_a, mut at_b, mut found) = (0, 0, 0);
        while at_a < a.len() && at_b < b.len() {
            match a[at_a].cmp(&b[at_b]) {
                Ordering::Less => at_a += 1,
                Ordering::Greater => at_b += 1,
                Ordering::Equal => {
                    found += 1;
                    at_a += 1;
                    at_b += 1;
                }
            }
        }
        return found;
    }
    units(&[a.to_vec(), b.to_vec()])
        .iter()
        .filter(|u| u.len() == 2)
        .count()
}
