//! The document a reviewer edits: one article and the claims made on it.
//!
//! Owns the invariants of a valid document: claims lie inside the text (code-point offsets,
//! end exclusive, never empty) and claim ids are unique. Does no IO and knows nothing of the
//! file format's spelling: `format` converts to and from these types.

mod claim;
mod filter;
mod orphan;
mod review;
pub mod rules;
mod scale;
mod stretch;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub use claim::{Claim, ClaimId, Clock, FixedClock, Source, Stamp, Verdict};
pub use filter::{ClaimFilter, StatusFilter, VerdictCounts, count_verdicts};
pub use orphan::Orphan;
pub use review::{Comment, HistoryEntry, Review, State, Status, range_text};
pub use scale::{Level, PRESETS, Scale, ScaleProblem};
pub use stretch::for_each_stretch;

use crate::text::Text;

/// Fields a newer or other tool wrote that this version does not know; kept as they were
/// and written back on save. Sorted, so output stays deterministic.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// The article being checked. Its text never changes once imported.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub title: String,
    pub url: String,
    /// File name of the article the text was imported from.
    pub source_file: String,
    /// What the web page said about itself: author, publisher, dates, canonical address,
    /// language (each empty when not known).
    pub meta: crate::text::Meta,
    pub text: Arc<Text>,
    pub extra: Extra,
}

impl Article {
    /// A name for files made from this article: its source file's stem, else `article`.
    pub fn source_file_stem(&self) -> &str {
        let name = self
            .source_file
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default();
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if stem.is_empty() { "article" } else { stem }
    }

    /// The page's address for exports: the URL the reviewer gave, else the page's
    /// canonical address, else empty.
    pub fn page_url(&self) -> &str {
        if self.url.is_empty() {
            &self.meta.canonical_url
        } else {
            &self.url
        }
    }

    pub fn new(text: Text) -> Self {
        Self {
            title: String::new(),
            url: String::new(),
            source_file: String::new(),
            meta: crate::text::Meta::default(),
            text: Arc::new(text),
            extra: Extra::new(),
        }
    }
}

/// Why a claim cannot be part of a document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClaimError {
    #[error("start {start} is not before end {end}: a claim covers at least one character")]
    Empty { start: usize, end: usize },
    #[error("end {end} is past the end of the text ({len} characters)")]
    PastEnd { end: usize, len: usize },
    #[error("id {0} is already used by another claim")]
    DuplicateId(ClaimId),
    #[error("no claim has id {0}")]
    NotFound(ClaimId),
    #[error("no orphan has id {0}")]
    NoOrphan(ClaimId),
    #[error("{verdict:?} is not a level of the {scale:?} scale")]
    NotALevel { verdict: Verdict, scale: String },
    #[error("the scale cannot be used: {0}")]
    BadScale(String),
}

/// A scale and the verdicts it changed, by claim or orphan id: what
/// [`Document::rescale`] returns, to undo it.
pub type Rescaled = (Option<Scale>, Vec<(ClaimId, Verdict)>);

/// A text with every claim on it and the orphans: what [`Document::replace_text`] swaps.
pub type Contents = (Arc<Text>, Vec<Claim>, Vec<Orphan>);

/// An article and its claims, kept in article order: sorted by (start, end, id); and the
/// orphans, claims re-anchoring could not place, in the order they were orphaned. Ids are
/// unique across both.
#[derive(Clone, Debug)]
pub struct Document {
    pub article: Article,
    claims: Vec<Claim>,
    /// Position of each claim in `claims`, so that lookups by id stay O(1) with 100k claims.
    positions: HashMap<ClaimId, usize>,
    orphans: Vec<Orphan>,
    /// The file's own scale; none: [`Scale::factmark`].
    scale: Option<Scale>,
    pub extra: Extra,
}

/// Two documents are equal when their article, claims and unknown fields are; the id index
/// is derived from the claims.
impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.article == other.article
            && self.claims == other.claims
            && self.orphans == other.orphans
            && self.scale == other.scale
            && self.extra == other.extra
    }
}

impl Document {
    pub fn new(article: Article) -> Self {
        Self {
            article,
            claims: Vec::new(),
            positions: HashMap::new(),
            orphans: Vec::new(),
            scale: None,
            extra: Extra::new(),
        }
    }

    /// The scale the verdicts are on: the file's own, else factmark's.
    pub fn scale(&self) -> &Scale {
        self.scale.as_ref().unwrap_or_else(|| Scale::default_ref())
    }

    /// The file's own scale, if it has one (what is written to it).
    pub fn own_scale(&self) -> Option<&Scale> {
        self.scale.as_ref()
    }

    /// Sets the scale of a document with no claims or orphans yet (a new file, a file
    /// being read). A scale with problems is refused with the first.
    pub fn set_scale(&mut self, scale: Option<Scale>) -> Result<(), ScaleProblem> {
        if let Some(problem) = scale.iter().flat_map(Scale::problems).next() {
            return Err(problem);
        }
        self.scale = scale;
        Ok(())
    }

    /// Sets the scale as read from a file, problems and all (the reader has reported
    /// them, and a file with problems is not opened for editing).
    pub fn set_scale_unchecked(&mut self, scale: Scale) {
        self.scale = Some(scale);
    }

    /// Puts the document on another scale, with each claim's and orphan's verdict in
    /// `verdicts` (by id; those not named keep theirs): all checked first, nothing changed
    /// if one does not fit. Returns the scale and verdicts there were, to undo it.
    pub fn rescale(
        &mut self,
        scale: Option<Scale>,
        verdicts: &[(ClaimId, Verdict)],
    ) -> Result<Rescaled, ClaimError> {
        if let Some(problem) = scale.iter().flat_map(Scale::problems).next() {
            return Err(ClaimError::BadScale(format!(
                "{}: {}",
                problem.field, problem.message
            )));
        }
        let next = scale.as_ref().unwrap_or_else(|| Scale::default_ref());
        let given: HashMap<&ClaimId, &Verdict> = verdicts.iter().map(|(id, v)| (id, v)).collect();
        for (id, verdict) in verdicts {
            if self.position(id).is_none() && self.orphan(id).is_none() {
                return Err(ClaimError::NotFound(id.clone()));
            }
            if !next.allows(verdict) {
                return Err(ClaimError::NotALevel {
                    verdict: verdict.clone(),
                    scale: next.name.clone(),
                });
            }
        }
        let kept = self
            .claims
            .iter()
            .map(|c| (&c.id, &c.verdict))
            .chain(self.orphans.iter().map(|o| (&o.id, &o.verdict)));
        for (id, verdict) in kept {
            if !given.contains_key(id) && !next.allows(verdict) {
                return Err(ClaimError::NotALevel {
                    verdict: verdict.clone(),
                    scale: next.name.clone(),
                });
            }
        }
        let mut before = Vec::with_capacity(verdicts.len());
        for (id, verdict) in verdicts {
            let slot = match self.positions.get(id) {
                Some(&at) => &mut self.claims[at].verdict,
                None => match self.orphans.iter_mut().find(|o| &o.id == id) {
                    Some(orphan) => &mut orphan.verdict,
                    None => continue,
                },
            };
            before.push((id.clone(), std::mem::replace(slot, verdict.clone())));
        }
        // Undo restores the first verdict of an id named twice.
        before.reverse();
        Ok((std::mem::replace(&mut self.scale, scale), before))
    }

    /// Claims that re-anchoring could not place, in the order they were orphaned.
    pub fn orphans(&self) -> &[Orphan] {
        &self.orphans
    }

    pub fn orphan(&self, id: &ClaimId) -> Option<&Orphan> {
        self.orphans.iter().find(|o| &o.id == id)
    }

    /// Puts an orphan at position `index` of the orphans (at most their number).
    pub fn insert_orphan(&mut self, index: usize, orphan: Orphan) -> Result<(), ClaimError> {
        self.check_verdict(&orphan.verdict)?;
        if self.positions.contains_key(&orphan.id) || self.orphan(&orphan.id).is_some() {
            return Err(ClaimError::DuplicateId(orphan.id));
        }
        self.orphans.insert(index.min(self.orphans.len()), orphan);
        Ok(())
    }

    /// Removes the orphan with this id; returns where it was and what it was.
    pub fn remove_orphan(&mut self, id: &ClaimId) -> Option<(usize, Orphan)> {
        let at = self.orphans.iter().position(|o| &o.id == id)?;
        Some((at, self.orphans.remove(at)))
    }

    /// Puts the article on another text, with every claim and orphan it now has: all of
    /// them checked first, and nothing changed if one does not fit. Returns what there
    /// was before, to undo it.
    pub fn replace_text(
        &mut self,
        text: Arc<Text>,
        claims: Vec<Claim>,
        orphans: Vec<Orphan>,
    ) -> Result<Contents, ClaimError> {
        let mut next = Document::new(Article {
            text,
            ..Article::new(Text::new(String::new()))
        });
        next.scale.clone_from(&self.scale);
        // Claims first: each orphan is then checked against the id index, not each claim
        // against every orphan.
        if let Some((_, error)) = next.insert_claims(claims).into_iter().next() {
            return Err(error);
        }
        for orphan in orphans {
            let at = next.orphans.len();
            next.insert_orphan(at, orphan)?;
        }
        let text = std::mem::replace(&mut self.article.text, next.article.text);
        let claims = std::mem::replace(&mut self.claims, next.claims);
        self.positions = next.positions;
        let orphans = std::mem::replace(&mut self.orphans, next.orphans);
        Ok((text, claims, orphans))
    }

    pub fn text(&self) -> &Text {
        &self.article.text
    }

    /// Claims in article order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Position of the claim with this id in [`Self::claims`].
    pub fn position(&self, id: &ClaimId) -> Option<usize> {
        self.positions.get(id).copied()
    }

    pub fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.get(self.position(id)?)
    }

    /// Checks `claim` against this document's text and ids, without adding it.
    pub fn check_claim(&self, claim: &Claim) -> Result<(), ClaimError> {
        check_range(claim.start, claim.end, self.text().len_chars())?;
        self.check_verdict(&claim.verdict)?;
        if self.positions.contains_key(&claim.id) || self.orphan(&claim.id).is_some() {
            return Err(ClaimError::DuplicateId(claim.id.clone()));
        }
        Ok(())
    }

    /// A verdict is `unreviewed` or a level of the document's scale.
    pub fn check_verdict(&self, verdict: &Verdict) -> Result<(), ClaimError> {
        let scale = self.scale();
        if scale.allows(verdict) {
            Ok(())
        } else {
            Err(ClaimError::NotALevel {
                verdict: verdict.clone(),
                scale: scale.name.clone(),
            })
        }
    }

    /// Adds a claim, keeping article order. Returns its position.
    pub fn insert_claim(&mut self, claim: Claim) -> Result<usize, ClaimError> {
        self.check_claim(&claim)?;
        let at = self
            .claims
            .partition_point(|c| c.sort_key() < claim.sort_key());
        self.claims.insert(at, claim);
        self.reindex_from(at);
        Ok(at)
    }

    /// Adds many claims at once (loading a file): one sort instead of one insert each.
    /// Returns the claims that could not be added, with the reason.
    pub fn insert_claims(&mut self, claims: Vec<Claim>) -> Vec<(Claim, ClaimError)> {
        let mut refused = Vec::new();
        self.claims.reserve(claims.len());
        self.positions.reserve(claims.len());
        for claim in claims {
            match self.check_claim(&claim) {
                Ok(()) => {
                    self.positions.insert(claim.id.clone(), usize::MAX);
                    self.claims.push(claim);
                }
                Err(e) => refused.push((claim, e)),
            }
        }
        // A saved file is in article order already: then there is nothing to sort. Otherwise
        // sort positions and move each claim once (a claim is a few hundred bytes; sorting
        // them in place would move each one many times).
        if !self
            .claims
            .is_sorted_by(|a, b| a.sort_key() <= b.sort_key())
        {
            let mut order: Vec<usize> = (0..self.claims.len()).collect();
            order.sort_unstable_by(|&a, &b| {
                self.claims[a].sort_key().cmp(&self.claims[b].sort_key())
            });
            let mut slots: Vec<Option<Claim>> = std::mem::take(&mut self.claims)
                .into_iter()
                .map(Some)
                .collect();
            self.claims = order.iter().filter_map(|&i| slots[i].take()).collect();
        }
        self.reindex_from(0);
        refused
    }

    /// Removes and returns the claim with this id.
    pub fn remove_claim(&mut self, id: &ClaimId) -> Option<Claim> {
        let at = self.positions.remove(id)?;
        let claim = self.claims.remove(at);
        self.reindex_from(at);
        Some(claim)
    }

    /// Replaces the claim with the same id (its range may change). Returns the old claim.
    pub fn replace_claim(&mut self, claim: Claim) -> Result<Claim, ClaimError> {
        check_range(claim.start, claim.end, self.text().len_chars())?;
        self.check_verdict(&claim.verdict)?;
        let Some(at) = self.position(&claim.id) else {
            return Err(ClaimError::NotFound(claim.id));
        };
        if self.claims[at].sort_key() == claim.sort_key() {
            return Ok(std::mem::replace(&mut self.claims[at], claim));
        }
        let old = self
            .remove_claim(&claim.id)
            .ok_or(ClaimError::NotFound(claim.id.clone()))?;
        self.insert_claim(claim).map(|_| old)
    }

    /// The quoted words of a claim.
    pub fn exact(&self, claim: &Claim) -> &str {
        self.text()
            .slice_chars(claim.start..claim.end)
            .unwrap_or_default()
    }

    fn reindex_from(&mut self, from: usize) {
        for (i, claim) in self.claims.iter().enumerate().skip(from) {
            if let Some(position) = self.positions.get_mut(&claim.id) {
                *position = i;
            } else {
                self.positions.insert(claim.id.clone(), i);
            }
        }
    }
}

fn check_range(start: usize, end: usize, len: usize) -> Result<(), ClaimError> {
    if start >= end {
        return Err(ClaimError::Empty { start, end });
    }
    if end > len {
        return Err(ClaimError::PastEnd { end, len });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> Document {
        Document::new(Article::new(Text::new("alpha beta gamma delta".to_owned())))
    }

    pub(crate) fn stamp() -> Stamp {
        FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("t")
    }

    fn assert_indexed(document: &Document) {
        for (i, claim) in document.claims().iter().enumerate() {
            assert_eq!(document.position(&claim.id), Some(i));
        }
        let mut sorted = document.claims().to_vec();
        sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assert_eq!(sorted, document.claims());
    }

    #[test]
    fn claims_stay_sorted_and_indexed_through_edits() {
        let mut doc = document();
        let ids: Vec<ClaimId> = [(11, 16), (0, 5), (6, 10), (0, 22)]
            .into_iter()
            .map(|(s, e)| {
                let claim = Claim::new(s, e, Verdict::VERIFIED, stamp());
                let id = claim.id.clone();
                doc.insert_claim(claim).expect("valid");
                id
            })
            .collect();
        assert_indexed(&doc);
        assert_eq!(doc.exact(&doc.claims()[0]), "alpha");

        let mut moved = doc.claim(&ids[0]).expect("claim").clone();
        moved.start = 17;
        moved.end = 22;
        doc.replace_claim(moved).expect("replaces");
        assert_indexed(&doc);
        assert_eq!(doc.exact(doc.claims().last().expect("last")), "delta");

        doc.remove_claim(&ids[1]).expect("removes");
        assert_indexed(&doc);
        assert_eq!(doc.claims().len(), 3);
        assert!(doc.claim(&ids[1]).is_none());
    }

    #[test]
    fn bad_claims_are_refused() {
        let mut doc = document();
        let claim = Claim::new(0, 5, Verdict::VERIFIED, stamp());
        doc.insert_claim(claim.clone()).expect("valid");
        assert_eq!(
            doc.insert_claim(claim.clone()),
            Err(ClaimError::DuplicateId(claim.id.clone()))
        );
        let empty = Claim::new(3, 3, Verdict::VERIFIED, stamp());
        assert!(matches!(
            doc.insert_claim(empty),
            Err(ClaimError::Empty { .. })
        ));
        let long = Claim::new(3, 99, Verdict::VERIFIED, stamp());
        assert!(matches!(
            doc.insert_claim(long),
            Err(ClaimError::PastEnd { .. })
        ));
        let refused = doc.insert_claims(vec![
            Claim::new(6, 10, Verdict::DISPUTED, stamp()),
            claim.clone(),
            Claim::new(0, 1, Verdict::DISPUTED, stamp()),
        ]);
        assert_eq!(refused.len(), 1);
        assert_eq!(doc.claims().len(), 3);
        assert_indexed(&doc);
    }
}
