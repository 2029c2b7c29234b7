//! Where claims overlap: a text range cut at every claim edge, each stretch with the claims
//! that cover all of it. The article view paints from it and the HTML report marks from it.

use std::ops::Range;

use super::Claim;

/// Cuts `range` at every edge of `claims` (in article order, as a document keeps them) and at
/// the `extra` offsets, and calls `each` with every stretch, left to right, and the claims
/// that cover all of it, in article order (none where no claim does).
///
/// One sweep: each claim joins the covering set once and leaves it once.
pub fn for_each_stretch<'c>(
    claims: &[&'c Claim],
    range: Range<usize>,
    extra: &[usize],
    mut each: impl FnMut(Range<usize>, &[&'c Claim]),
) {
    let clamp = |x: usize| x.clamp(range.start, range.end.max(range.start));
    let mut cuts = Vec::with_capacity(2 * claims.len() + extra.len() + 2);
    cuts.extend([range.start, range.end].map(clamp));
    cuts.extend(claims.iter().flat_map(|c| [clamp(c.start), clamp(c.end)]));
    cuts.extend(extra.iter().copied().map(clamp));
    cuts.sort_unstable();
    cuts.dedup();

    let mut active: Vec<&'c Claim> = Vec::new();
    let mut next = 0;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        while let Some(&claim) = claims.get(next).filter(|c| c.start <= a) {
            active.push(claim);
            next += 1;
        }
        active.retain(|c| c.end > a);
        each(a..b, &active);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Verdict;

    fn claim(start: usize, end: usize) -> Claim {
        Claim::new(
            start,
            end,
            Verdict::UNREVIEWED,
            crate::model::tests::stamp(),
        )
    }

    fn stretches(
        claims: &[Claim],
        range: Range<usize>,
        extra: &[usize],
    ) -> Vec<(Range<usize>, Vec<usize>)> {
        let refs: Vec<&Claim> = claims.iter().collect();
        let mut out = Vec::new();
        for_each_stretch(&refs, range, extra, |r, active| {
            let starts = active
                .iter()
                .map(|c| {
                    claims
                        .iter()
                        .position(|x| std::ptr::eq(x, *c))
                        .expect("ours")
                })
                .collect();
            out.push((r, starts));
        });
        out
    }

    #[test]
    fn overlapping_and_nested_claims_cover_their_stretches() {
        let claims = [claim(1, 5), claim(3, 9), claim(4, 5)];
        assert_eq!(
            stretches(&claims, 0..10, &[]),
            [
                (0..1, vec![]),
                (1..3, vec![0]),
                (3..4, vec![0, 1]),
                (4..5, vec![0, 1, 2]),
                (5..9, vec![1]),
                (9..10, vec![]),
            ]
        );
    }

    #[test]
    fn a_range_cuts_claims_that_reach_outside_it_and_extra_offsets_cut_too() {
        let claims = [claim(0, 8)];
        assert_eq!(
            stretches(&claims, 2..6, &[4, 100]),
            [(2..4, vec![0]), (4..6, vec![0])]
        );
        assert!(
            stretches(&claims, 3..3, &[]).is_empty(),
            "an empty range has no stretch"
        );
    }
}
