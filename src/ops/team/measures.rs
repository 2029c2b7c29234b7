//! Agreement statistics over a table of ratings: one row per unit, one column per file, a
//! category (`Some(c)`) or not rated (`None`).
//!
//! Each follows the reference implementation the tests compare with to 1e-9 —
//! scikit-learn's `cohen_kappa_score`, statsmodels' `fleiss_kappa`, the `krippendorff`
//! package — and returns `None`, never NaN, where the statistic is undefined: no units to
//! compute it over, or a single category, so that chance agreement is already perfect.

#![allow(clippy::cast_precision_loss)]

use std::collections::BTreeMap;

pub type Row = Vec<Option<usize>>;

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Of the units that two or more files rated, the share on which all their ratings agree.
pub fn percent_agreement(rows: &[Row]) -> Option<f64> {
    let mut units = 0usize;
    let mut agreed = 0usize;
    for row in rows {
        let mut rated = row.iter().flatten();
        let Some(first) = rated.next() else { continue };
        let mut count = 1;
        let mut same = true;
        for c in rated {
            count += 1;
            same &= c == first;
        }
        if count >= 2 {
            units += 1;
            agreed += usize::from(same);
        }
    }
    (units > 0).then(|| agreed as f64 / units as f64)
}

/// Cohen's κ of files `a` and `b` over the units both rated, and how many units that is.
/// As scikit-learn computes it: 1 − observed disagreement / disagreement expected by
/// chance from each file's own category shares.
pub fn cohen_kappa(rows: &[Row], a: usize, b: usize) -> (usize, Option<f64>) {
    let pairs: Vec<(usize, usize)> = rows
        .iter()
        .filter_map(|row| Some(((*row.get(a)?)?, (*row.get(b)?)?)))
        .collect();
    let n = pairs.len();
    if n == 0 {
        return (0, None);
    }
    let mut of_a: BTreeMap<usize, f64> = BTreeMap::new();
    let mut of_b: BTreeMap<usize, f64> = BTreeMap::new();
    let mut observed = 0.0;
    for &(x, y) in &pairs {
        *of_a.entry(x).or_default() += 1.0;
        *of_b.entry(y).or_default() += 1.0;
        if x != y {
            observed += 1.0;
        }
    }
    let total = n as f64;
    // Expected counts are of_a[x] * of_b[y] / n; the disagreeing cells are all but the
    // diagonal.
    let diagonal: f64 = of_a
        .iter()
        .map(|(c, x)| x * of_b.get(c).copied().unwrap_or(0.0) / total)
        .sum();
    let expected = total - diagonal;
    if expected <= 0.0 {
        return (n, None);
    }
    (n, finite(1.0 - observed / expected))
}

/// Fleiss' κ over the units every file rated (there must be two files or more).
pub fn fleiss_kappa(rows: &[Row]) -> Option<f64> {
    let full: Vec<&Row> = rows
        .iter()
        .filter(|row| row.iter().all(Option::is_some))
        .collect();
    let raters = full.first()?.len();
    if raters < 2 {
        return None;
    }
    let mut totals: BTreeMap<usize, f64> = BTreeMap::new();
    let mut mean_p = 0.0;
    let n = raters as f64;
    for row in &full {
        let mut counts: BTreeMap<usize, f64> = BTreeMap::new();
        for c in row.iter().flatten() {
            *counts.entry(*c).or_default() += 1.0;
            *totals.entry(*c).or_default() += 1.0;
        }
        let squares: f64 = counts.values().map(|x| x * x).sum();
        mean_p += (squares - n) / (n * (n - 1.0));
    }
    let units = full.len() as f64;
    mean_p /= units;
    let all = units * n;
    let expected: f64 = totals.values().map(|x| (x / all) * (x / all)).sum();
    if (1.0 - expected).abs() < f64::EPSILON {
        return None;
    }
    finite((mean_p - expected) / (1.0 - expected))
}

/// How far apart two values are for Krippendorff's α.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Same or different.
    Nominal,
    /// By rank: categories are 0..k in order, and the distance between two counts the
    /// values that lie between them.
    Ordinal,
}

/// Krippendorff's α over the units two or more files rated, missing values allowed.
/// Categories are indices; for [`Metric::Ordinal`] their order is the scale's.
pub fn krippendorff_alpha(rows: &[Row], metric: Metric) -> Option<f64> {
    let mut categories: Vec<usize> = rows.iter().flatten().flatten().copied().collect();
    categories.sort_unstable();
    categories.dedup();
    let k = categories.len();
    if k < 2 {
        return None;
    }
    let at = |c: usize| categories.binary_search(&c).unwrap_or_default();

    // The coincidence matrix: each unit with m ≥ 2 values adds, for each ordered pair of
    // its values from different files, 1 / (m − 1).
    let mut o = vec![vec![0.0f64; k]; k];
    let mut pairable = 0usize;
    for row in rows {
        let values: Vec<usize> = row.iter().flatten().map(|&c| at(c)).collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        pairable += 1;
        let mut counts = vec![0.0f64; k];
        for &v in &values {
            counts[v] += 1.0;
        }
        let weight = 1.0 / (m as f64 - 1.0);
        for c in 0..k {
            if counts[c] == 0.0 {
                continue;
            }
            for d in 0..k {
                let pairs = if c == d {
                    counts[c] * (counts[c] - 1.0)
                } else {
                    counts[c] * counts[d]
                };
                o[c][d] += pairs * weight;
            }
        }
    }
    if pairable == 0 {
        return None;
    }
    let n_c: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = n_c.iter().sum();
    let distance = |c: usize, d: usize| -> f64 {
        match metric {
            Metric::Nominal => f64::from(u8::from(c != d)),
            Metric::Ordinal => {
                let (lo, hi) = (c.min(d), c.max(d));
                let between: f64 = n_c[lo..=hi].iter().sum();
                let x = between - f64::midpoint(n_c[lo], n_c[hi]);
                x * x
            }
        }
    };
    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..k {
        for d in 0..k {
            if c == d {
                continue;
            }
            let delta = distance(c, d);
            observed += o[c][d] * delta;
            expected += n_c[c] * n_c[d] * delta;
        }
    }
    expected /= n - 1.0;
    if expected <= 0.0 {
        return None;
    }
    finite(1.0 - observed / expected)
}
