//! Curation: an editor goes through the claims reviewers disagree on and picks, for each,
//! the version that stands. It starts from [`super::merge`]: the agreed claims are kept as
//! merged, and each disagreement is a merged claim in review whose `conflict` lists every
//! reviewer's version. Picking one makes the claim that version — its words, verdict,
//! rationale and sources — approved by the editor, with `curated` naming whose version it
//! was; `from` keeps naming every claim it was made from.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::merge::{CONFLICT, Input, MergeError, Version, merge};
use super::stats::{self, Reviewer};
use super::units::units;
use crate::model::{Claim, ClaimId, Document, HistoryEntry, Source, Stamp, State, Status, Verdict};

pub use crate::format::team::CURATED;

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
    /// The reviewers' documents, as read.
    documents: Vec<Document>,
    /// Each disagreement's versions, read from its `conflict` once (emptied when it is
    /// decided), by the disagreement's position in `disagreements`.
    versions: Vec<Vec<Version>>,
    /// The disagreement each reviewer's claim (by id) is part of.
    of_claim: HashMap<String, usize>,
    /// Each disagreement's position in `disagreements`, by the merged claim's id.
    position: HashMap<String, usize>,
    /// Each decided disagreement as it was before the decision, to reopen it, by its
    /// position in `disagreements`.
    undecided: Vec<Option<Claim>>,
    /// Decisions made or reopened since the curated file was last written.
    unsaved: usize,
}

/// A unit of two files: the first file's claim in it and the second's.
pub type Pair = (Option<ClaimId>, Option<ClaimId>);

/// How two reviewers' verdicts meet over the units of their two files.
pub struct Confusion {
    /// The categories of the rows (the first reviewer) and columns (the second): the
    /// scale's levels, `unreviewed`, and last `None` for no claim there.
    pub labels: Vec<Option<Verdict>>,
    /// `cells[row][column]`: the units there, each as (the first's claim, the second's).
    pub cells: Vec<Vec<Vec<Pair>>>,
}

/// What the editor decides a disagreement is.
struct Decision<'a> {
    span: (usize, usize),
    verdict: Verdict,
    rationale: &'a str,
    sources: Option<&'a [Source]>,
    /// The `curated` field: whose version, or the editor's own.
    curated: serde_json::Value,
    /// How the history and status tell it.
    chose: String,
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
    /// Reads the reviewers' files and merges them: refused, with the first problem and the
    /// file's name, if one does not validate or they are not on one text and one scale.
    pub fn read(paths: &[PathBuf]) -> Result<Self, String> {
        let mut documents = Vec::with_capacity(paths.len());
        for path in paths {
            let document = crate::format::load_file(path)
                .into_valid()
                .map_err(|diagnostics| {
                    let first = diagnostics
                        .iter()
                        .find(|d| d.is_error())
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    format!("{}: cannot be compared: {first}", path.display())
                })?;
            documents.push(document);
        }
        Self::new(paths, &documents).map_err(|e| e.to_string())
    }

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
        let mut disagreements = Vec::new();
        let mut versions = Vec::new();
        let mut of_claim = HashMap::new();
        let mut position = HashMap::new();
        for claim in merged.document.claims() {
            let Some(conflict) = claim.extra.get(CONFLICT) else {
                continue;
            };
            let at = disagreements.len();
            let listed: Vec<Version> = serde_json::from_value(conflict.clone()).unwrap_or_default();
            for version in &listed {
                of_claim.entry(version.id.clone()).or_insert(at);
            }
            position.insert(claim.id.as_str().to_owned(), at);
            disagreements.push(claim.id.clone());
            versions.push(listed);
        }
        let undecided = vec![None; disagreements.len()];
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
            documents: documents.to_vec(),
            versions,
            of_claim,
            position,
            undecided,
            unsaved: 0,
        })
    }

    /// Reviewers `a` and `b`'s confusion matrix (none if one is not a reviewer here).
    pub fn confusion(&self, a: usize, b: usize) -> Option<Confusion> {
        let (da, db) = (self.documents.get(a)?, self.documents.get(b)?);
        let mut labels: Vec<Option<Verdict>> = self
            .document
            .scale()
            .verdicts()
            .cloned()
            .map(Some)
            .collect();
        labels.push(None);
        let n = labels.len();
        let mut cells = vec![vec![Vec::new(); n]; n];
        let category = |claim: Option<&crate::model::Claim>| {
            let verdict = claim.map(|c| &c.verdict);
            labels
                .iter()
                .position(|l| l.as_ref() == verdict)
                .unwrap_or(n - 1)
        };
        for unit in units(&[stats::spans(da), stats::spans(db)]) {
            let ca = unit.members[0].and_then(|i| da.claims().get(i));
            let cb = unit.members[1].and_then(|i| db.claims().get(i));
            cells[category(ca)][category(cb)]
                .push((ca.map(|c| c.id.clone()), cb.map(|c| c.id.clone())));
        }
        Some(Confusion { labels, cells })
    }

    /// Each reviewer's claims as spans, in the order the reviewers were given.
    pub fn spans(&self) -> Vec<Vec<super::units::Span>> {
        self.documents.iter().map(stats::spans).collect()
    }

    /// The disagreement holding a reviewer's claim of this id, as an index into
    /// [`Self::disagreements`].
    pub fn disagreement_of(&self, claim: &ClaimId) -> Option<usize> {
        self.of_claim.get(claim.as_str()).copied()
    }

    /// A reviewer's claim, for showing it: its words.
    pub fn words(&self, reviewer: usize, claim: &ClaimId) -> Option<&str> {
        let document = self.documents.get(reviewer)?;
        Some(document.exact(document.claim(claim)?))
    }

    /// The editor writes the final version of `id`: its verdict and rationale, on the
    /// merged words with every source the reviewers gave.
    pub fn decide_own(
        &mut self,
        id: &ClaimId,
        verdict: &Verdict,
        rationale: &str,
        stamp: &Stamp,
    ) -> Result<(), PickError> {
        let Some(claim) = self.document.claim(id) else {
            return Err(PickError::NoClaim(id.clone()));
        };
        let span = (claim.start, claim.end);
        self.settle(
            id,
            &Decision {
                span,
                verdict: verdict.clone(),
                rationale,
                sources: None,
                curated: serde_json::json!({"by": stamp.by, "own": true}),
                chose: format!("{}'s own version", stamp.by),
            },
            stamp,
        )
    }

    /// The reviewers' versions of a disagreement (none once it is decided).
    pub fn versions(&self, id: &ClaimId) -> &[Version] {
        self.position
            .get(id.as_str())
            .and_then(|&at| self.versions.get(at))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether `id` is a disagreement the editor decided (and can reopen).
    pub fn decided(&self, id: &ClaimId) -> bool {
        self.position
            .get(id.as_str())
            .is_some_and(|&at| self.undecided[at].is_some())
    }

    /// How many decisions were made or reopened since the curated file was last written
    /// (or, before it was, since the comparison opened).
    pub fn unsaved(&self) -> usize {
        self.unsaved
    }

    /// The curated file now holds every decision.
    pub fn saved(&mut self) {
        self.unsaved = 0;
    }

    /// Undoes the decision on `id`: the claim is again the merged disagreement in review,
    /// with every reviewer's version to pick from.
    pub fn reopen(&mut self, id: &ClaimId) -> Result<(), PickError> {
        let Some(&at) = self.position.get(id.as_str()) else {
            return Err(PickError::NoClaim(id.clone()));
        };
        let Some(claim) = self.undecided[at].take() else {
            return Err(PickError::Refused {
                id: id.clone(),
                message: "it is not decided".to_owned(),
            });
        };
        let listed = claim
            .extra
            .get(CONFLICT)
            .and_then(|c| serde_json::from_value(c.clone()).ok())
            .unwrap_or_default();
        if let Err(e) = self.document.replace_claim(claim.clone()) {
            self.undecided[at] = Some(claim);
            return Err(PickError::Refused {
                id: id.clone(),
                message: e.to_string(),
            });
        }
        self.versions[at] = listed;
        self.unsaved += 1;
        Ok(())
    }

    /// How many disagreements are still undecided.
    pub fn open(&self) -> usize {
        self.versions.iter().filter(|v| !v.is_empty()).count()
    }

    /// Makes the claim `id` its reviewers' version `index`, approved by the editor
    /// (`stamp`).
    pub fn pick(&mut self, id: &ClaimId, index: usize, stamp: &Stamp) -> Result<(), PickError> {
        let Some(version) = self.versions(id).get(index).cloned() else {
            return Err(if self.document.claim(id).is_some() {
                PickError::NoVersion(id.clone(), index)
            } else {
                PickError::NoClaim(id.clone())
            });
        };
        self.settle(
            id,
            &Decision {
                span: (version.start, version.end),
                verdict: version.verdict.clone(),
                rationale: &version.rationale,
                sources: Some(&version.sources),
                curated: serde_json::json!({"by": version.by, "id": version.id}),
                chose: format!("{}'s version", version.by),
            },
            stamp,
        )
    }

    /// Makes the claim what the editor decided, approved by them.
    fn settle(&mut self, id: &ClaimId, d: &Decision<'_>, stamp: &Stamp) -> Result<(), PickError> {
        let Some(mut claim) = self.document.claim(id).cloned() else {
            return Err(PickError::NoClaim(id.clone()));
        };
        (claim.start, claim.end) = d.span;
        claim.verdict = d.verdict.clone();
        d.rationale.clone_into(&mut claim.rationale);
        if let Some(sources) = d.sources {
            claim.sources = sources.to_vec();
        }
        claim.extra.remove(CONFLICT);
        claim.extra.remove(super::merge::RATIONALES);
        claim.extra.insert(CURATED.to_owned(), d.curated.clone());
        claim.review.record(HistoryEntry::new(
            stamp,
            "curated",
            None,
            Some(d.chose.clone()),
        ));
        claim.review.status = Status::new(State::Approved, &d.chose, stamp.clone());
        claim.modified = Some(stamp.clone());
        let before = self
            .document
            .replace_claim(claim)
            .map_err(|e| PickError::Refused {
                id: id.clone(),
                message: e.to_string(),
            })?;
        if let Some(&at) = self.position.get(id.as_str()) {
            self.versions[at].clear();
            // Kept as it was while undecided, to reopen to.
            if self.undecided[at].is_none() && before.extra.contains_key(CONFLICT) {
                self.undecided[at] = Some(before);
            }
        }
        self.unsaved += 1;
        Ok(())
    }
}
