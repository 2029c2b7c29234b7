//! An orphan: a claim that re-anchoring could not place on a changed text, kept whole
//! (its quote and context, verdict, rationale, sources and stamps) until a reviewer
//! attaches it to new words or deletes it.

use serde::{Deserialize, Serialize};

use super::{Claim, ClaimId, Extra, Review, Source, Stamp, Verdict};

/// A claim without a place in the text: where it was is told by its quote and the hash of
/// the text it was made on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Orphan {
    pub id: ClaimId,
    /// The words the claim was made on, and up to 32 code points of context on each side.
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// SHA-256 of the text it was made on (lowercase hex).
    pub text_sha256: String,
    pub verdict: Verdict,
    pub rationale: String,
    pub sources: Vec<Source>,
    pub created: Option<Stamp>,
    pub modified: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Orphan {
    /// `claim` without its place: `quote` is what it covered on the text hashed `sha256`.
    pub fn from_claim(claim: Claim, quote: crate::text::Quote<'_>, sha256: &str) -> Self {
        Self {
            id: claim.id,
            exact: quote.exact.to_owned(),
            prefix: quote.prefix.to_owned(),
            suffix: quote.suffix.to_owned(),
            text_sha256: sha256.to_owned(),
            verdict: claim.verdict,
            rationale: claim.rationale,
            sources: claim.sources,
            created: claim.created,
            modified: claim.modified,
            review: claim.review,
            extra: claim.extra,
        }
    }

    /// The claim again, on `start..end` of the current text; everything else as it was.
    pub fn into_claim(self, start: usize, end: usize) -> Claim {
        Claim {
            id: self.id,
            start,
            end,
            verdict: self.verdict,
            rationale: self.rationale,
            sources: self.sources,
            created: self.created,
            modified: self.modified,
            review: self.review,
            extra: self.extra,
        }
    }

    pub fn quote(&self) -> crate::text::Quote<'_> {
        crate::text::Quote {
            prefix: &self.prefix,
            exact: &self.exact,
            suffix: &self.suffix,
        }
    }
}
