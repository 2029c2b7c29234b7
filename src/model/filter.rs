//! Which claims a list shows: by verdict and by a search over the quote and the rationale.
//! The app's claim list uses it; it is here, not in the app, so that it is tested alone and
//! any other front end filters the same way.

use std::collections::BTreeSet;

use super::{Claim, Document, State, Verdict};

/// Which review statuses a list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    Any,
    /// In review or with changes requested: what waits for someone.
    NeedsReview,
    Only(State),
}

impl StatusFilter {
    /// Every choice, in the order a menu lists them.
    pub const ALL: [Self; 6] = [
        Self::Any,
        Self::NeedsReview,
        Self::Only(State::Draft),
        Self::Only(State::InReview),
        Self::Only(State::Approved),
        Self::Only(State::ChangesRequested),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Any => "Any status",
            Self::NeedsReview => "Needs review",
            Self::Only(state) => state.label(),
        }
    }

    pub fn shows(self, state: State) -> bool {
        match self {
            Self::Any => true,
            Self::NeedsReview => state.needs_review(),
            Self::Only(only) => state == only,
        }
    }
}

/// Which claims to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Verdicts whose claims are hidden (none: every verdict shown).
    pub hidden: BTreeSet<Verdict>,
    /// Review statuses shown.
    pub status: StatusFilter,
    /// Words to look for in the quote or the rationale (case ignored); empty: all claims.
    pub search: String,
}

/// How many claims have each verdict: each level of the document's scale in its order,
/// then `unreviewed`.
pub type VerdictCounts = Vec<(Verdict, usize)>;

impl ClaimFilter {
    pub fn shows_verdict(&self, verdict: &Verdict) -> bool {
        !self.hidden.contains(verdict)
    }

    /// Shows or hides one verdict's claims.
    pub fn set_shown(&mut self, verdict: &Verdict, shown: bool) {
        if shown {
            self.hidden.remove(verdict);
        } else {
            self.hidden.insert(verdict.clone());
        }
    }

    /// Positions (in [`Document::claims`]) of the claims this filter shows.
    pub fn rows(&self, document: &Document) -> Vec<usize> {
        let search = self.search.trim().to_lowercase();
        document
            .claims()
            .iter()
            .enumerate()
            .filter(|(_, claim)| self.shows_verdict(&claim.verdict))
            .filter(|(_, claim)| self.status.shows(claim.review.status.state))
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

/// Claims per verdict, in the order of [`VerdictCounts`].
pub fn count_verdicts(document: &Document) -> VerdictCounts {
    let scale = document.scale();
    let mut counts = vec![0; scale.levels.len() + 1];
    for claim in document.claims() {
        // A document holds only verdicts of its scale, and unreviewed.
        let at = scale.index_of(&claim.verdict).unwrap_or(scale.levels.len());
        counts[at] += 1;
    }
    scale.verdicts().cloned().zip(counts).collect()
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
            (0, 13, Verdict::VERIFIED, "Photos show it."),
            (17, 19, Verdict::INACCURATE, "Wrong CITY"),
            (21, 42, Verdict::UNREVIEWED, ""),
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
        filter.set_shown(&Verdict::UNREVIEWED, false);
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
        filter.set_shown(&Verdict::UNREVIEWED, false);
        check(&filter, &[]);
        filter.set_shown(&Verdict::UNREVIEWED, true);
        check(&filter, &[2]);
        assert_eq!(
            count_verdicts(&document),
            [
                (Verdict::VERIFIED, 1),
                (Verdict::DISPUTED, 0),
                (Verdict::INACCURATE, 1),
                (Verdict::UNREVIEWED, 1)
            ]
        );
    }

    #[test]
    fn filters_by_review_status() {
        let mut document = document();
        let ids: Vec<_> = document.claims().iter().map(|c| c.id.clone()).collect();
        for (id, state) in ids.iter().zip([State::InReview, State::Approved]) {
            let mut claim = document.claim(id).expect("claim").clone();
            claim.review.status = crate::model::Status::new(state, "", stamp());
            document.replace_claim(claim).expect("valid");
        }
        let check = |status: StatusFilter, expected: &[usize]| {
            let filter = ClaimFilter {
                status,
                ..ClaimFilter::default()
            };
            assert_eq!(filter.rows(&document), expected, "{status:?}");
        };
        check(StatusFilter::Any, &[0, 1, 2]);
        check(StatusFilter::NeedsReview, &[0]);
        check(StatusFilter::Only(State::Approved), &[1]);
        check(StatusFilter::Only(State::Draft), &[2]);
        check(StatusFilter::Only(State::ChangesRequested), &[]);
    }
}
