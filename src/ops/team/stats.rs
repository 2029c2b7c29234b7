//! `factmark stats`: what each file holds, and how far several reviewers of one text agree
//! on where the claims are and what the verdicts are.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::measures::{self, Metric, Row};
use super::units::{Span, Unit, matched, units};
use crate::model::{Document, State};

/// One reviewer's file: the name it was given by and its document.
pub struct Reviewer<'a> {
    pub name: &'a str,
    pub document: &'a Document,
}

/// A JSON object whose keys keep the order they were added in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// What one file holds: claims, by verdict (in scale order, then `unreviewed`) and by
/// status.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counts {
    pub claims: usize,
    pub verdicts: Ordered<usize>,
    pub status: Ordered<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Prf {
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl Prf {
    /// `matched` claims of `b` found in `a`'s `n_a` claims, `b` having `n_b`.
    #[allow(clippy::cast_precision_loss)]
    fn new(matched: usize, n_a: usize, n_b: usize) -> Self {
        let ratio = |x: usize, y: usize| (y > 0).then(|| x as f64 / y as f64);
        Self {
            precision: ratio(matched, n_b),
            recall: ratio(matched, n_a),
            f1: ratio(2 * matched, n_a + n_b),
        }
    }
}

/// Where two files put their claims, `a` as the reference.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanPair {
    pub a: String,
    pub b: String,
    pub exact: Prf,
    pub overlap: Prf,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cohen {
    pub a: String,
    pub b: String,
    /// Units both files rated.
    pub units: usize,
    pub value: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Alpha {
    pub nominal: Option<f64>,
    /// None when the scale is not ordered or the files are on different scales.
    pub ordinal: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdicts {
    pub percent_agreement: Option<f64>,
    pub cohen_kappa: Vec<Cohen>,
    pub fleiss_kappa: Option<f64>,
    pub krippendorff_alpha: Alpha,
}

/// Everything `stats --json` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub files: Vec<String>,
    pub units: usize,
    pub spans: Vec<SpanPair>,
    pub verdicts: Verdicts,
    pub counts: Ordered<Counts>,
}

/// Why files cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    #[error(
        "{odd}: is not on the same text as {first} (its text's sha256 is {odd_sha}, not {first_sha}); agreement is only measured on one text"
    )]
    DifferentText {
        first: String,
        odd: String,
        first_sha: String,
        odd_sha: String,
    },
}

/// Each file's claims as spans, in the document's order (start, end, id).
pub fn spans(document: &Document) -> Vec<Span> {
    document.claims().iter().map(|c| (c.start, c.end)).collect()
}

/// Counts of one document's claims.
pub fn counts(document: &Document) -> Counts {
    let scale = document.scale();
    let mut verdicts: Vec<(String, usize)> = scale
        .verdicts()
        .map(|v| (v.as_str().to_owned(), 0))
        .collect();
    let mut status: Vec<(String, usize)> = State::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), 0))
        .collect();
    for claim in document.claims() {
        if let Some(slot) = verdicts
            .iter_mut()
            .find(|(v, _)| v == claim.verdict.as_str())
        {
            slot.1 += 1;
        }
        if let Some(slot) = status
            .iter_mut()
            .find(|(s, _)| s == claim.review.status.state.as_str())
        {
            slot.1 += 1;
        }
    }
    Counts {
        claims: document.claims().len(),
        verdicts: Ordered(verdicts),
        status: Ordered(status),
    }
}

/// Refuses files whose texts differ, naming the first that is not on the first file's text.
pub fn same_text(reviewers: &[Reviewer<'_>]) -> Result<(), StatsError> {
    let Some(first) = reviewers.first() else {
        return Ok(());
    };
    let sha = first.document.text().sha256();
    if let Some(odd) = reviewers.iter().find(|r| r.document.text().sha256() != sha) {
        return Err(StatsError::DifferentText {
            first: first.name.to_owned(),
            odd: odd.name.to_owned(),
            first_sha: sha.to_owned(),
            odd_sha: odd.document.text().sha256().to_owned(),
        });
    }
    Ok(())
}

/// The rating table of these units: for each unit, each file's verdict as a category
/// (`None` where the file has no claim in the unit or its claim is unreviewed). Nominal
/// categories number the verdict ids; ordinal ones are the level's rating, and there are
/// none (`None` returned) unless every file is on the same ordered scale.
fn tables(reviewers: &[Reviewer<'_>], units: &[Unit]) -> (Vec<Row>, Option<Vec<Row>>) {
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reviewers {
        for claim in r.document.claims() {
            let next = ids.len();
            ids.entry(claim.verdict.as_str()).or_insert(next);
        }
    }
    let first = reviewers.first().map(|r| r.document.scale());
    let one_ordered_scale = first.is_some_and(|scale| {
        scale.ordered
            && reviewers.iter().all(|r| {
                let other = r.document.scale();
                other.ordered
                    && other.levels.len() == scale.levels.len()
                    && other
                        .levels
                        .iter()
                        .zip(&scale.levels)
                        .all(|(x, y)| x.id == y.id && x.rating == y.rating)
            })
    });
    let mut nominal = Vec::with_capacity(units.len());
    let mut ordinal = Vec::with_capacity(units.len());
    for unit in units {
        let verdict = |file: usize| {
            let claim = &reviewers[file].document.claims()[unit.members[file]?];
            (!claim.verdict.is_unreviewed()).then_some(claim)
        };
        nominal.push(
            (0..reviewers.len())
                .map(|f| verdict(f).map(|c| ids[c.verdict.as_str()]))
                .collect(),
        );
        if one_ordered_scale {
            ordinal.push(
                (0..reviewers.len())
                    .map(|f| {
                        let claim = verdict(f)?;
                        let rating = reviewers[f].document.scale().rating(&claim.verdict)?;
                        Some(rating as usize)
                    })
                    .collect(),
            );
        }
    }
    (nominal, one_ordered_scale.then_some(ordinal))
}

/// The whole report. The files must be on one text ([`same_text`]).
pub fn report(reviewers: &[Reviewer<'_>]) -> Result<Report, StatsError> {
    same_text(reviewers)?;
    let spans: Vec<Vec<Span>> = reviewers.iter().map(|r| spans(r.document)).collect();
    let units = units(&spans);
    let (nominal, ordinal) = tables(reviewers, &units);

    let mut span_pairs = Vec::new();
    let mut cohen = Vec::new();
    for a in 0..reviewers.len() {
        for b in a + 1..reviewers.len() {
            let (name_a, name_b) = (reviewers[a].name.to_owned(), reviewers[b].name.to_owned());
            let (n_a, n_b) = (spans[a].len(), spans[b].len());
            span_pairs.push(SpanPair {
                a: name_a.clone(),
                b: name_b.clone(),
                exact: Prf::new(matched(&spans[a], &spans[b], true), n_a, n_b),
                overlap: Prf::new(matched(&spans[a], &spans[b], false), n_a, n_b),
            });
            let (both, value) = measures::cohen_kappa(&nominal, a, b);
            cohen.push(Cohen {
                a: name_a,
                b: name_b,
                units: both,
                value,
            });
        }
    }
    let several = reviewers.len() >= 2;
    let verdicts = Verdicts {
        percent_agreement: measures::percent_agreement(&nominal),
        cohen_kappa: cohen,
        fleiss_kappa: if several {
            measures::fleiss_kappa(&nominal)
        } else {
            None
        },
        krippendorff_alpha: Alpha {
            nominal: measures::krippendorff_alpha(&nominal, Metric::Nominal),
            ordinal: ordinal
                .as_deref()
                .and_then(|rows| measures::krippendorff_alpha(rows, Metric::Ordinal)),
        },
    };
    Ok(Report {
        files: reviewers.iter().map(|r| r.name.to_owned()).collect(),
        units: units.len(),
        spans: span_pairs,
        verdicts,
        counts: Ordered(
            reviewers
                .iter()
                .map(|r| (r.name.to_owned(), counts(r.document)))
                .collect(),
        ),
    })
}
