//! Which claims a list shows: by verdict and by a search over the quote and the rationale.
//! The app's claim list uses it; it is here, not in the app, so that it is tested alone and
//! any other front end filters the same way.

use super::{Claim, Document, Verdict};

/// Which claims to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Shown verdicts, in the order of [`Verdict::ALL`].
    pub verdicts: [bool; 4],
    /// Words to look for in the quote or the rationale (case ignored); empty: all claims.
    pub search: String,
}

impl Default for ClaimFilter {
    fn default() -> Self {
        Self {
            verdicts: [true; 4],
            search: String::new(),
        }
    }
}

/// How many claims have each verdict, in the order of [`Verdict::ALL`].
pub type VerdictCounts = [usize; 4];

impl ClaimFilter {
    pub fn shows_verdict(&self, verdict: Verdict) -> bool {
        self.verdicts[verdict_index(verdict)]
    }

    /// Positions (in [`Document::claims`]) of the claims this filter shows.
    pub fn rows(&self, document: &Document) -> Vec<usize> {
        let search = self.search.trim().to_lowercase();
        document
            .claims()
            .iter()
            .enumerate()
            .filter(|(_, claim)| self.shows_verdict(claim.verdict))
            .filter(|(_, claim)| search.is_empty() || matches(document, claim, &search))
            .map(|(i, _)| i)
            .collect()
    }
}

fn matches(document: &Document, claim: &Claim, lowercase_search: &str) -> bool {
    document
        .exact(claim)
        .to_lowercase()
        .contains(lowercase_search)
        || claim.rationale.to_lowercase().contains(lowercase_search)
}

fn verdict_index(verdict: Verdict) -> usize {
    match verdict {
        Verdict::Unreviewed => 0,
        Verdict::Verified => 1,
        Verdict::Disputed => 2,
        Verdict::Inaccurate => 3,
    }
}

/// Claims per verdict.
pub fn count_verdicts(document: &Document) -> VerdictCounts {
    let mut counts = [0; 4];
    for claim in document.claims() {
        counts[verdict_index(claim.verdict)] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, tests::stamp};
    use crate::text::Text;

    fn document() -> Document {
        let mut document = Document::new(Article::new(Text::new(
            "Kim met Putin in 北京. The parade was large.".to_owned(),
        )));
        for (start, end, verdict, rationale) in [
            (0, 13, Verdict::Verified, "Photos show it."),
            (17, 19, Verdict::Inaccurate, "Wrong CITY"),
            (21, 42, Verdict::Unreviewed, ""),
        ] {
            let mut claim = crate::model::Claim::new(start, end, verdict, stamp());
            claim.rationale = rationale.to_owned();
            document.insert_claim(claim).expect("valid");
        }
        document
    }

    #[test]
    fn filters_by_verdict_and_by_words_in_quote_or_rationale() {
        let document = document();
        let check = |filter: &ClaimFilter, expected: &[usize]| {
            assert_eq!(filter.rows(&document), expected, "{filter:?}");
        };
        let mut filter = ClaimFilter::default();
        check(&filter, &[0, 1, 2]);
        filter.verdicts = [false, true, true, true];
        check(&filter, &[0, 1]);
        filter = ClaimFilter::default();
        filter.search = "PUTIN".to_owned();
        check(&filter, &[0]);
        filter.search = "city".to_owned();
        check(&filter, &[1]);
        filter.search = "北京".to_owned();
        check(&filter, &[1]);
        filter.search = "  parade ".to_owned();
        check(&filter, &[2]);
        filter.verdicts = [false, true, true, true];
        check(&filter, &[]);
        assert_eq!(count_verdicts(&document), [1, 1, 0, 1]);
    }
}
