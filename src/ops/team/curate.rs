//! Curation: an editor goes through the claims reviewers disagree on and picks, for each,
//! the version that stands. It starts from [`super::merge`]: the agreed claims are kept as
//! merged, and each disagreement is a merged claim in review whose `conflict` lists every
//! reviewer's version. Picking one makes the claim that version — its words, verdict,
//! rationale and sources — approved by the editor, with `curated` naming whose version it
//! was; `from` keeps naming every claim it was made from.

use std::path::{Path, PathBuf};

use super::merge::{CONFLICT, Input, MergeError, Version, merge};
use super::stats::{self, Reviewer};
use crate::model::{ClaimId, Document, HistoryEntry, Stamp, State, Status};

/// The field naming whose version a curated claim is.
pub const CURATED: &str = "curated";

/// Several reviewers' files of one article, merged, with what is left to decide.
pub struct Curation {
    /// The reviewers' file names, in the order they were given.
    pub reviewers: Vec<String>,
    /// The agreement numbers of `factmark stats` on the same files.
    pub stats: stats::Report,
    /// The merged document the editor's picks change.
    pub document: Document,
    /// The disagreements, in article order.
    pub disagreements: Vec<ClaimId>,
    /// Where the curated file goes: `<stem>.curated.factmark.json` beside the first file.
    pub path: PathBuf,
}

/// Why a pick cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PickError {
    #[error("no claim has id {0}")]
    NoClaim(ClaimId),
    #[error("claim {0} has no reviewer's version {1}")]
    NoVersion(ClaimId, usize),
    #[error("claim {id}: {message}")]
    Refused { id: ClaimId, message: String },
}

impl Curation {
    /// Merges the files and measures their agreement. `paths` name the files, in the
    /// order of `documents`.
    pub fn new(paths: &[PathBuf], documents: &[Document]) -> Result<Self, MergeError> {
        let names: Vec<String> = paths
            .iter()
            .map(|p| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            })
            .collect();
        let inputs: Vec<Input<'_>> = names
            .iter()
            .zip(documents)
            .map(|(name, document)| Input { name, document })
            .collect();
        let merged = merge(&inputs)?;
        let reviewers: Vec<Reviewer<'_>> = names
            .iter()
            .zip(documents)
            .map(|(name, document)| Reviewer { name, document })
            .collect();
        let stats = stats::report(&reviewers)?;
        let disagreements = merged
            .document
            .claims()
            .iter()
            .filter(|c| c.extra.contains_key(CONFLICT))
            .map(|c| c.id.clone())
            .collect();
        let stem = merged.document.article.source_file_stem().to_owned();
        let folder = paths
            .first()
            .and_then(|p| p.parent())
            .unwrap_or_else(|| Path::new("."));
        Ok(Self {
            reviewers: names,
            stats,
            path: folder.join(format!("{stem}.curated.factmark.json")),
            document: merged.document,
            disagreements,
        })
    }

    /// The reviewers' versions of a disagreement (none once it is decided).
    pub fn versions(&self, id: &ClaimId) -> Vec<Version> {
        self.document
            .claim(id)
            .and_then(|c| c.extra.get(CONFLICT))
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }

    /// How many disagreements are still undecided.
    pub fn open(&self) -> usize {
        self.disagreements
            .iter()
            .filter(|id| !self.versions(id).is_empty())
            .count()
    }

    /// Makes the claim `id` its reviewers' version `index`, approved by the editor
    /// (`stamp`).
    pub fn pick(&mut self, id: &ClaimId, index: usize, stamp: &Stamp) -> Result<(), PickError> {
        let versions = self.versions(id);
        let Some(version) = versions.get(index) else {
            return Err(if self.document.claim(id).is_some() {
                PickError::NoVersion(id.clone(), index)
            } else {
                PickError::NoClaim(id.clone())
            });
        };
        let Some(mut claim) = self.document.claim(id).cloned() else {
            return Err(PickError::NoClaim(id.clone()));
        };
        claim.start = version.start;
        claim.end = version.end;
        claim.verdict = version.verdict.clone();
        claim.rationale.clone_from(&version.rationale);
        claim.sources.clone_from(&version.sources);
        claim.extra.remove(CONFLICT);
        claim.extra.remove(super::merge::RATIONALES);
        claim.extra.insert(
            CURATED.to_owned(),
            serde_json::json!({"by": version.by, "id": version.id}),
        );
        let chose = format!("{}'s version", version.by);
        claim.review.record(HistoryEntry::new(
            stamp,
            "curated",
            None,
            Some(chose.clone()),
        ));
        claim.review.status = Status::new(State::Approved, &chose, stamp.clone());
        claim.modified = Some(stamp.clone());
        self.document
            .replace_claim(claim)
            .map(|_| ())
            .map_err(|e| PickError::Refused {
                id: id.clone(),
                message: e.to_string(),
            })
    }
}
