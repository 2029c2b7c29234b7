use proptest::prelude::*;

use super::measures::{self, Metric, Row};
use super::units::{Span, Unit, matched, units};

fn unit(members: &[Option<usize>]) -> Unit {
    Unit {
        members: members.to_vec(),
    }
}

/// Data-driven unit cases: files' spans and the units they make.
#[test]
fn units_follow_the_rule() {
    type Case = (&'static str, Vec<Vec<Span>>, Vec<Vec<Option<usize>>>);
    let cases: Vec<Case> = vec![
        (
            "identical spans are one unit",
            vec![vec![(0, 10)], vec![(0, 10)], vec![(0, 10)]],
            vec![vec![Some(0), Some(0), Some(0)]],
        ),
        (
            "overlap of 0.5 or more joins",
            vec![vec![(0, 10)], vec![(0, 5)]],
            vec![vec![Some(0), Some(0)]],
        ),
        (
            "overlap under 0.5 does not",
            vec![vec![(0, 10)], vec![(0, 4)]],
            vec![vec![Some(0), None], vec![None, Some(0)]],
        ),
        (
            "nested: a short claim inside a long one is its own unit",
            vec![vec![(0, 100)], vec![(40, 50)]],
            vec![vec![Some(0), None], vec![None, Some(0)]],
        ),
        (
            "nested but most of it: one unit",
            vec![vec![(0, 10)], vec![(1, 9)]],
            vec![vec![Some(0), Some(0)]],
        ),
        (
            "one claim overlapping two: it joins the closer, the other stays alone",
            vec![vec![(0, 10), (12, 22)], vec![(3, 17)]],
            // (0,10)∩(3,17) = 7 / 17; (12,22)∩(3,17) = 5 / 19: neither reaches 0.5.
            vec![
                vec![Some(0), None],
                vec![None, Some(0)],
                vec![Some(1), None],
            ],
        ),
        (
            "one claim overlapping two by 0.5: best overlap first",
            vec![vec![(0, 10), (2, 12)], vec![(1, 11)]],
            // (0,10) and (2,12) both overlap (1,11) by 9/11; the tie goes to the earlier.
            vec![vec![Some(0), Some(0)], vec![Some(1), None]],
        ),
        (
            "at most one claim per file: a file's two claims on one span stay apart",
            vec![vec![(0, 10), (0, 10)], vec![(0, 10)]],
            vec![vec![Some(0), Some(0)], vec![Some(1), None]],
        ),
        (
            "every two claims of a unit overlap by 0.5: no chains",
            // a–b 0.6, b–c 0.6, a–c 0.25: a and b join first (then c cannot), c alone.
            vec![vec![(0, 10)], vec![(2, 12)], vec![(5, 15)]],
            vec![vec![Some(0), Some(0), None], vec![None, None, Some(0)]],
        ),
        (
            "a file with no claims takes part in no unit",
            vec![vec![(5, 9)], vec![]],
            vec![vec![Some(0), None]],
        ),
    ];
    for (what, spans, expected) in cases {
        let mut expected: Vec<Unit> = expected.iter().map(|m| unit(m)).collect();
        let mut got = units(&spans);
        expected.sort_by(|a, b| a.members.cmp(&b.members));
        got.sort_by(|a, b| a.members.cmp(&b.members));
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn every_claim_is_in_exactly_one_unit() {
    // Many claims in a small space: every claim is placed once, and every unit is close.
    let mut seed = 17u64;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize % n
    };
    let spans: Vec<Vec<Span>> = (0..5)
        .map(|_| {
            (0..60)
                .map(|_| {
                    let start = next(200);
                    (start, start + 1 + next(30))
                })
                .collect()
        })
        .collect();
    let found = units(&spans);
    for (file, claims) in spans.iter().enumerate() {
        for index in 0..claims.len() {
            let n = found
                .iter()
                .filter(|u| u.members[file] == Some(index))
                .count();
            assert_eq!(n, 1, "claim {index} of file {file}");
        }
    }
    for u in &found {
        let members: Vec<Span> = u
            .members
            .iter()
            .enumerate()
            .filter_map(|(f, m)| Some(spans[f][(*m)?]))
            .collect();
        for a in &members {
            for b in &members {
                assert!(super::units::close(*a, *b), "{a:?} and {b:?} in one unit");
            }
        }
    }
}

#[test]
fn span_matching_counts_pairs() {
    let a = [(0, 10), (20, 30), (40, 50)];
    let b = [(0, 10), (21, 30), (60, 70), (0, 10)];
    assert_eq!(matched(&a, &b, true), 1, "one identical span, counted once");
    assert_eq!(matched(&a, &b, false), 2);
    assert_eq!(matched(&a, &[], false), 0);
}

#[test]
fn undefined_statistics_are_none_never_nan() {
    // No units at all.
    assert_eq!(measures::percent_agreement(&[]), None);
    assert_eq!(measures::cohen_kappa(&[], 0, 1), (0, None));
    assert_eq!(measures::fleiss_kappa(&[]), None);
    assert_eq!(measures::krippendorff_alpha(&[], Metric::Nominal), None);
    // One category everywhere.
    let same = vec![vec![Some(2), Some(2)]; 4];
    assert_eq!(measures::cohen_kappa(&same, 0, 1), (4, None));
    assert_eq!(measures::fleiss_kappa(&same), None);
    assert_eq!(measures::krippendorff_alpha(&same, Metric::Ordinal), None);
    assert_eq!(measures::percent_agreement(&same), Some(1.0));
    // Only one rating per unit: nothing pairable.
    let lonely = vec![vec![Some(0), None], vec![None, Some(1)]];
    assert_eq!(measures::krippendorff_alpha(&lonely, Metric::Nominal), None);
    assert_eq!(measures::percent_agreement(&lonely), None);
    // A single file has no pairs.
    assert_eq!(
        measures::fleiss_kappa(&[vec![Some(0)], vec![Some(1)]]),
        None
    );
}

#[test]
fn perfect_agreement_is_one_and_order_does_not_matter_for_alpha() {
    let rows = vec![
        vec![Some(0), Some(0), None],
        vec![Some(1), Some(1), Some(1)],
        vec![Some(2), None, Some(2)],
    ];
    assert_eq!(
        measures::krippendorff_alpha(&rows, Metric::Nominal),
        Some(1.0)
    );
    assert_eq!(measures::cohen_kappa(&rows, 0, 1), (2, Some(1.0)));
    let mut reversed = rows.clone();
    reversed.reverse();
    for row in &mut reversed {
        row.reverse();
    }
    assert_eq!(
        measures::krippendorff_alpha(&rows, Metric::Ordinal),
        measures::krippendorff_alpha(&reversed, Metric::Ordinal)
    );
}

/// A unit as reviewers see it: for each file, the span it holds there (if any).
fn as_spans(spans: &[Vec<Span>], found: &[Unit]) -> Vec<Vec<Option<Span>>> {
    let mut out: Vec<Vec<Option<Span>>> = found
        .iter()
        .map(|u| {
            u.members
                .iter()
                .enumerate()
                .map(|(f, m)| Some(spans[f][(*m)?]))
                .collect()
        })
        .collect();
    out.sort();
    out
}

fn files_of_spans() -> impl Strategy<Value = Vec<Vec<Span>>> {
    let span = (0usize..120, 1usize..25).prop_map(|(s, l)| (s, s + l));
    proptest::collection::vec(proptest::collection::vec(span, 0..25), 1..5)
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    (1usize..5).prop_flat_map(|files| {
        proptest::collection::vec(
            proptest::collection::vec(proptest::option::of(0usize..4), files),
            0..40,
        )
    })
}

proptest! {
    /// The order claims are stored in never changes which words make a unit.
    #[test]
    fn units_do_not_depend_on_the_order_of_claims(spans in files_of_spans(), seed in any::<u64>()) {
        let mut shuffled = spans.clone();
        for (f, claims) in shuffled.iter_mut().enumerate() {
            // A deterministic shuffle per file: rotate and reverse by the seed.
            if !claims.is_empty() {
                let by = (seed as usize).wrapping_add(f) % claims.len();
                claims.rotate_left(by);
                if (seed >> f) & 1 == 1 {
                    claims.reverse();
                }
            }
        }
        prop_assert_eq!(
            as_spans(&spans, &units(&spans)),
            as_spans(&shuffled, &units(&shuffled))
        );
    }

    /// Whatever the ratings, a statistic is a finite number in its range or undefined.
    #[test]
    fn statistics_are_finite_and_in_range(rows in rows()) {
        let in_unit = |x: Option<f64>| x.is_none_or(|x| x.is_finite() && (0.0..=1.0).contains(&x));
        let at_most_one = |x: Option<f64>| x.is_none_or(|x| x.is_finite() && x <= 1.0 + 1e-12);
        prop_assert!(in_unit(measures::percent_agreement(&rows)));
        prop_assert!(at_most_one(measures::fleiss_kappa(&rows)));
        prop_assert!(at_most_one(measures::krippendorff_alpha(&rows, Metric::Nominal)));
        prop_assert!(at_most_one(measures::krippendorff_alpha(&rows, Metric::Ordinal)));
        let files = rows.first().map_or(0, Vec::len);
        for a in 0..files {
            for b in a + 1..files {
                let (n, k) = measures::cohen_kappa(&rows, a, b);
                prop_assert!(n <= rows.len());
                prop_assert!(at_most_one(k));
                // Cohen's kappa is symmetric in its two raters.
                prop_assert_eq!(measures::cohen_kappa(&rows, b, a), (n, k));
            }
        }
    }
}
