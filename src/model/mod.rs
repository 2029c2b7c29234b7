//! The document a reviewer edits: one article and the claims made on it.
//!
//! Owns the invariants of a valid document: claims lie inside the text (code-point offsets,
//! end exclusive, never empty) and claim ids are unique. Does no IO and knows nothing of the
//! file format's spelling: `format` converts to and from these types.

mod claim;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use claim::{Claim, ClaimId, Source, Stamp, Verdict};

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
    pub text: Arc<Text>,
    pub extra: Extra,
}

impl Article {
    pub fn new(text: Text) -> Self {
        Self {
            title: String::new(),
            url: String::new(),
            source_file: String::new(),
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
}

/// An article and its claims, kept in article order: sorted by (start, end, id).
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub article: Article,
    claims: Vec<Claim>,
    pub extra: Extra,
}

impl Document {
    pub fn new(article: Article) -> Self {
        Self {
            article,
            claims: Vec::new(),
            extra: Extra::new(),
        }
    }

    pub fn text(&self) -> &Text {
        &self.article.text
    }

    /// Claims in article order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    pub fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| &c.id == id)
    }

    /// Checks `claim` against this document's text and ids, without adding it.
    pub fn check_claim(&self, claim: &Claim) -> Result<(), ClaimError> {
        check_range(claim.start, claim.end, self.text().len_chars())?;
        if self.claim(&claim.id).is_some() {
            return Err(ClaimError::DuplicateId(claim.id.clone()));
        }
        Ok(())
    }

    /// Adds a claim, keeping article order. Returns its index.
    pub fn insert_claim(&mut self, claim: Claim) -> Result<usize, ClaimError> {
        self.check_claim(&claim)?;
        let at = self
            .claims
            .partition_point(|c| c.sort_key() < claim.sort_key());
        self.claims.insert(at, claim);
        Ok(at)
    }

    /// Removes and returns the claim with this id.
    pub fn remove_claim(&mut self, id: &ClaimId) -> Option<Claim> {
        let at = self.claims.iter().position(|c| &c.id == id)?;
        Some(self.claims.remove(at))
    }

    /// Replaces the claim with the same id (its range may change). Returns the old claim.
    pub fn replace_claim(&mut self, claim: Claim) -> Result<Claim, ClaimError> {
        check_range(claim.start, claim.end, self.text().len_chars())?;
        let Some(old) = self.remove_claim(&claim.id) else {
            return Err(ClaimError::NotFound(claim.id));
        };
        self.insert_claim(claim).map(|_| old)
    }

    /// The quoted words of a claim.
    pub fn exact(&self, claim: &Claim) -> &str {
        self.text()
            .slice_chars(claim.start..claim.end)
            .unwrap_or_default()
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
