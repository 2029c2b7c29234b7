//! Changes to a document as values: every `Edit` applied yields its inverse, and `History`
//! keeps them for unlimited undo and redo.
//!
//! The GUI changes a document only through here (invariant 3 in `lib.rs`). An edit says
//! which field of which claim changed and carries the [`Stamp`] of the change (who, when),
//! taken from a clock the caller passes in: nothing here reads the time. Edits are plain
//! data (serde), so they can be journaled, replayed and shown as a claim's history.
//! "Unsaved changes" is derived, never tracked by hand: each state of the document has a
//! revision number, and the document is dirty when the current revision is not the saved
//! one.

use serde::{Deserialize, Serialize};

use std::sync::Arc;

use crate::model::{
    Claim, ClaimError, ClaimId, Comment, Document, HistoryEntry, Orphan, Scale, Source, Stamp,
    Status, Verdict, range_text,
};
use crate::text::Text;

/// What changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Add a new claim (with its own stamps).
    InsertClaim {
        claim: Box<Claim>,
    },
    /// Remove the claim with this id.
    DeleteClaim {
        id: ClaimId,
    },
    SetVerdict {
        id: ClaimId,
        verdict: Verdict,
    },
    SetRationale {
        id: ClaimId,
        rationale: String,
    },
    /// Put `source` at position `index` of the claim's sources (at the end: `index` = the
    /// number of sources).
    AddSource {
        id: ClaimId,
        index: usize,
        source: Source,
    },
    ChangeSource {
        id: ClaimId,
        index: usize,
        source: Source,
    },
    RemoveSource {
        id: ClaimId,
        index: usize,
    },
    /// Set where the claim stands in review.
    SetStatus {
        id: ClaimId,
        status: Status,
    },
    /// Put `comment` at position `index` of the claim's comments.
    AddComment {
        id: ClaimId,
        index: usize,
        comment: Comment,
    },
    /// Replace the comment at `index` (resolving it, reopening it).
    ChangeComment {
        id: ClaimId,
        index: usize,
        comment: Comment,
    },
    RemoveComment {
        id: ClaimId,
        index: usize,
    },
    /// Move the claim to other words of the same text.
    SetRange {
        id: ClaimId,
        start: usize,
        end: usize,
    },
    SetTitle {
        title: String,
    },
    SetUrl {
        url: String,
    },
    /// What the page says about itself: author, publisher, dates, canonical address,
    /// language (Article ▸ Properties sets them together).
    SetMeta {
        meta: crate::text::Meta,
    },
    /// Put the document on another scale (none: factmark's), with the new verdict of each
    /// claim and orphan the change of scale moves (Article ▸ Verdict scale…): one change.
    SetScale {
        scale: Option<Scale>,
        verdicts: Vec<(ClaimId, Verdict)>,
    },
    /// Put an orphan at position `index` of the orphans.
    InsertOrphan {
        index: usize,
        orphan: Box<Orphan>,
    },
    DeleteOrphan {
        id: ClaimId,
    },
    /// Give an orphan a place again: it becomes a claim on `start..end` of the text.
    AttachOrphan {
        id: ClaimId,
        start: usize,
        end: usize,
    },
    /// Make a claim an orphan again (the undo of attaching one): `orphan` is what it was,
    /// put back at position `index`.
    DetachClaim {
        id: ClaimId,
        index: usize,
        orphan: Box<Orphan>,
    },
    /// Put the article on a new text (a corrected version of it), with every claim placed
    /// on it and every orphan: the whole of a re-anchoring, as one change.
    ReplaceText {
        text: Arc<Text>,
        source_file: String,
        claims: Vec<Claim>,
        orphans: Vec<Orphan>,
    },
}

/// A field that typing changes letter by letter: a run of changes to the same one is one
/// undo step.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Rationale(ClaimId),
    Title,
    Url,
}

/// One change to a document, stamped with who made it and when.
///
/// Applying a change to a claim sets the claim's `modified` to `stamp`. An inverse carries
/// the claim's `modified` from before, which may be none (files from other tools), so that
/// undo restores the document exactly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    #[serde(flatten)]
    pub change: Change,
    pub stamp: Option<Stamp>,
    /// The claim's history as it was before the change this edit undoes: set on the
    /// inverse of a change to a claim's field, so that undo restores the history exactly
    /// instead of adding to it. `None`: the change adds its entry to the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryEntry>>,
}

/// Why an edit could not be applied. The document is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Claim(#[from] ClaimError),
    #[error("claim {id} has no source {number}", number = index + 1)]
    NoSource { id: ClaimId, index: usize },
    #[error("{0}")]
    Refused(String),
}

impl Edit {
    pub fn new(change: Change, stamp: Stamp) -> Self {
        Self {
            change,
            stamp: Some(stamp),
            history: None,
        }
    }

    /// An edit with no stamp (an inverse that restores a claim's `modified` of none).
    pub fn unstamped(change: Change, stamp: Option<Stamp>) -> Self {
        Self {
            change,
            stamp,
            history: None,
        }
    }

    /// Applies the edit and returns the edit that undoes it. On error the document is
    /// unchanged.
    pub fn apply(self, document: &mut Document) -> Result<Edit, EditError> {
        let Self {
            change,
            stamp,
            history,
        } = self;
        let inverse = match change {
            Change::InsertClaim { claim } => {
                let id = claim.id.clone();
                document.insert_claim(*claim)?;
                Self {
                    change: Change::DeleteClaim { id },
                    stamp,
                    history: None,
                }
            }
            Change::DeleteClaim { id } => {
                let claim = document.remove_claim(&id).ok_or(ClaimError::NotFound(id))?;
                Self {
                    change: Change::InsertClaim {
                        claim: Box::new(claim),
                    },
                    stamp,
                    history: None,
                }
            }
            change @ (Change::SetTitle { .. } | Change::SetUrl { .. } | Change::SetMeta { .. }) => {
                Self::unstamped(apply_to_article(document, change)?, stamp)
            }
            Change::SetScale { scale, verdicts } => {
                let (scale, verdicts) = document.rescale(scale, &verdicts)?;
                Self {
                    change: Change::SetScale { scale, verdicts },
                    stamp,
                    history: None,
                }
            }
            Change::InsertOrphan { index, orphan } => {
                let id = orphan.id.clone();
                document.insert_orphan(index, *orphan)?;
                Self {
                    change: Change::DeleteOrphan { id },
                    stamp,
                    history: None,
                }
            }
            Change::DeleteOrphan { id } => {
                let (index, orphan) = document
                    .remove_orphan(&id)
                    .ok_or(ClaimError::NoOrphan(id))?;
                Self {
                    change: Change::InsertOrphan {
                        index,
                        orphan: Box::new(orphan),
                    },
                    stamp,
                    history: None,
                }
            }
            Change::AttachOrphan { id, start, end } => attach(document, id, start..end, stamp)?,
            Change::DetachClaim { id, index, orphan } => detach(document, &id, index, *orphan)?,
            Change::ReplaceText {
                text,
                source_file,
                claims,
                orphans,
            } => {
                let (text, claims, orphans) = document.replace_text(text, claims, orphans)?;
                Self {
                    change: Change::ReplaceText {
                        text,
                        source_file: std::mem::replace(
                            &mut document.article.source_file,
                            source_file,
                        ),
                        claims,
                        orphans,
                    },
                    stamp,
                    history: None,
                }
            }
            claim_change => return apply_to_claim(document, claim_change, stamp, history),
        };
        Ok(inverse)
    }

    /// The claim this edit is about, if it is about one.
    pub fn claim_id(&self) -> Option<&ClaimId> {
        self.change.claim_id()
    }
}

/// Changes what the article says about itself and returns the change that undoes it.
fn apply_to_article(document: &mut Document, change: Change) -> Result<Change, EditError> {
    let article = &mut document.article;
    Ok(match change {
        Change::SetTitle { title } => Change::SetTitle {
            title: std::mem::replace(&mut article.title, title),
        },
        Change::SetUrl { url } => {
            if !url.is_empty() {
                crate::model::rules::check_url(&url).map_err(EditError::Refused)?;
            }
            Change::SetUrl {
                url: std::mem::replace(&mut article.url, url),
            }
        }
        Change::SetMeta { meta } => {
            if !meta.canonical_url.is_empty() {
                crate::model::rules::check_url(&meta.canonical_url)
                    .map_err(|why| EditError::Refused(format!("canonical address: {why}")))?;
            }
            Change::SetMeta {
                meta: std::mem::replace(&mut article.meta, meta),
            }
        }
        other => {
            return Err(EditError::Refused(format!(
                "{} is not a change to the article",
                other.label()
            )));
        }
    })
}

/// An orphan becomes a claim on `range`, modified as `stamp` says.
fn attach(
    document: &mut Document,
    id: ClaimId,
    range: std::ops::Range<usize>,
    stamp: Option<Stamp>,
) -> Result<Edit, EditError> {
    let (index, orphan) = document
        .remove_orphan(&id)
        .ok_or_else(|| ClaimError::NoOrphan(id.clone()))?;
    let mut claim = orphan.clone().into_claim(range.start, range.end);
    if stamp.is_some() {
        claim.modified.clone_from(&stamp);
    }
    if let Err(error) = document.insert_claim(claim) {
        // The orphan was just removed from this place, so it goes back.
        document.insert_orphan(index, orphan)?;
        return Err(error.into());
    }
    Ok(Edit {
        change: Change::DetachClaim {
            id,
            index,
            orphan: Box::new(orphan),
        },
        stamp,
        history: None,
    })
}

/// A claim becomes the orphan it was; the inverse attaches it again with the stamp it had.
fn detach(
    document: &mut Document,
    id: &ClaimId,
    index: usize,
    orphan: Orphan,
) -> Result<Edit, EditError> {
    if &orphan.id != id {
        return Err(EditError::Refused(format!(
            "orphan {} cannot stand for claim {id}",
            orphan.id
        )));
    }
    let claim = document
        .remove_claim(id)
        .ok_or_else(|| ClaimError::NotFound(id.clone()))?;
    if let Err(error) = document.insert_orphan(index, orphan) {
        document.insert_claim(claim.clone())?;
        return Err(error.into());
    }
    Ok(Edit {
        change: Change::AttachOrphan {
            id: id.clone(),
            start: claim.start,
            end: claim.end,
        },
        stamp: claim.modified,
        history: None,
    })
}

impl Change {
    /// The claim this change is about, if it is about one.
    pub fn claim_id(&self) -> Option<&ClaimId> {
        match self {
            Self::InsertClaim { claim } => Some(&claim.id),
            Self::DeleteClaim { id }
            | Self::SetVerdict { id, .. }
            | Self::SetRationale { id, .. }
            | Self::AddSource { id, .. }
            | Self::ChangeSource { id, .. }
            | Self::RemoveSource { id, .. }
            | Self::SetStatus { id, .. }
            | Self::AddComment { id, .. }
            | Self::ChangeComment { id, .. }
            | Self::RemoveComment { id, .. }
            | Self::SetRange { id, .. }
            | Self::DeleteOrphan { id }
            | Self::AttachOrphan { id, .. }
            | Self::DetachClaim { id, .. } => Some(id),
            Self::InsertOrphan { orphan, .. } => Some(&orphan.id),
            Self::SetTitle { .. }
            | Self::SetUrl { .. }
            | Self::SetMeta { .. }
            | Self::SetScale { .. }
            | Self::ReplaceText { .. } => None,
        }
    }

    /// The typed field, for changes that typing makes letter by letter.
    pub fn field(&self) -> Option<Field> {
        match self {
            Self::SetRationale { id, .. } => Some(Field::Rationale(id.clone())),
            Self::SetTitle { .. } => Some(Field::Title),
            Self::SetUrl { .. } => Some(Field::Url),
            _ => None,
        }
    }

    /// What the change is, for menus ("Undo Rationale").
    pub fn label(&self) -> &'static str {
        match self {
            Self::InsertClaim { .. } => "Mark claim",
            Self::DeleteClaim { .. } => "Delete claim",
            Self::SetVerdict { .. } => "Verdict",
            Self::SetRationale { .. } => "Rationale",
            Self::AddSource { .. } => "Add source",
            Self::ChangeSource { .. } => "Edit source",
            Self::RemoveSource { .. } => "Remove source",
            Self::SetStatus { .. } => "Review status",
            Self::AddComment { .. } => "Add comment",
            Self::ChangeComment { .. } => "Edit comment",
            Self::RemoveComment { .. } => "Delete comment",
            Self::SetRange { .. } => "Claim range",
            Self::SetTitle { .. } => "Article title",
            Self::SetUrl { .. } => "Article URL",
            Self::SetMeta { .. } => "Article details",
            Self::SetScale { .. } => "Verdict scale",
            Self::InsertOrphan { .. } => "Keep as orphan",
            Self::DeleteOrphan { .. } => "Delete orphan",
            Self::AttachOrphan { .. } => "Re-attach claim",
            Self::DetachClaim { .. } => "Detach claim",
            Self::ReplaceText { .. } => "Update text",
        }
    }
}

/// Changes one field of a claim, sets its `modified` to `stamp`, and returns the inverse.
///
/// The claim's history gets an entry for the change, unless `history` is given: then the
/// change is an undo or a redo, and the history becomes exactly that. The inverse carries
/// the history as it was, so undo and redo restore it instead of adding to it.
fn apply_to_claim(
    document: &mut Document,
    change: Change,
    stamp: Option<Stamp>,
    history: Option<Vec<HistoryEntry>>,
) -> Result<Edit, EditError> {
    let Some(id) = change.claim_id().cloned() else {
        return Err(EditError::Refused(format!(
            "{} is not a change to a claim",
            change.label()
        )));
    };
    let mut claim = document
        .claim(&id)
        .cloned()
        .ok_or_else(|| ClaimError::NotFound(id.clone()))?;
    let (inverse, entry) = change_field(&mut claim, change)?;
    let before_history = if let Some(history) = history {
        std::mem::replace(&mut claim.review.history, history)
    } else {
        let before = claim.review.history.clone();
        if let Some(stamp) = &stamp {
            let (field, from, to) = entry;
            claim
                .review
                .record(HistoryEntry::new(stamp, field, from, to));
        }
        before
    };
    let before = std::mem::replace(&mut claim.modified, stamp);
    document.replace_claim(claim)?;
    Ok(Edit {
        change: inverse,
        stamp: before,
        history: Some(before_history),
    })
}

/// What a claim's history says about a change: the field, and what it was and became.
type Entry = (&'static str, Option<String>, Option<String>);

/// Makes the change to `claim` (not yet in the document) and returns the change that
/// undoes it, with the history entry it makes.
fn change_field(claim: &mut Claim, change: Change) -> Result<(Change, Entry), EditError> {
    Ok(match change {
        Change::SetVerdict { id, verdict } => {
            let to = verdict.as_str().to_owned();
            let old = std::mem::replace(&mut claim.verdict, verdict);
            let from = old.as_str().to_owned();
            (
                Change::SetVerdict { id, verdict: old },
                ("verdict", Some(from), Some(to)),
            )
        }
        Change::SetRationale { id, rationale } => (
            Change::SetRationale {
                id,
                rationale: std::mem::replace(&mut claim.rationale, rationale),
            },
            ("rationale", None, Some("edited".to_owned())),
        ),
        change @ (Change::AddSource { .. }
        | Change::ChangeSource { .. }
        | Change::RemoveSource { .. }) => change_source(claim, change)?,
        Change::SetStatus { id, status } => {
            if let Some(problem) = status.problem() {
                return Err(EditError::Refused(format!("claim {id}: {problem}")));
            }
            let to = status.state.as_str().to_owned();
            let old = std::mem::replace(&mut claim.review.status, status);
            let from = old.state.as_str().to_owned();
            (
                Change::SetStatus { id, status: old },
                ("status", Some(from), Some(to)),
            )
        }
        change @ (Change::AddComment { .. }
        | Change::ChangeComment { .. }
        | Change::RemoveComment { .. }) => change_comment(claim, change)?,
        Change::SetRange { id, start, end } => {
            let (old_start, old_end) = (claim.start, claim.end);
            claim.start = start;
            claim.end = end;
            (
                Change::SetRange {
                    id,
                    start: old_start,
                    end: old_end,
                },
                (
                    "range",
                    Some(range_text(old_start, old_end)),
                    Some(range_text(start, end)),
                ),
            )
        }
        Change::InsertClaim { .. }
        | Change::DeleteClaim { .. }
        | Change::SetTitle { .. }
        | Change::SetUrl { .. }
        | Change::SetMeta { .. }
        | Change::SetScale { .. }
        | Change::InsertOrphan { .. }
        | Change::DeleteOrphan { .. }
        | Change::AttachOrphan { .. }
        | Change::DetachClaim { .. }
        | Change::ReplaceText { .. } => {
            return Err(EditError::Refused("not a change to a claim's field".into()));
        }
    })
}

/// A change to a claim's sources, as [`change_field`] makes it.
fn change_source(claim: &mut Claim, change: Change) -> Result<(Change, Entry), EditError> {
    let no_source = |id: &ClaimId, index| EditError::NoSource {
        id: id.clone(),
        index,
    };
    Ok(match change {
        Change::AddSource { id, index, source } => {
            if index > claim.sources.len() {
                return Err(no_source(&id, index));
            }
            let to = source.url.clone();
            claim.sources.insert(index, source);
            (
                Change::RemoveSource { id, index },
                ("sources", None, Some(to)),
            )
        }
        Change::ChangeSource { id, index, source } => {
            let Some(slot) = claim.sources.get_mut(index) else {
                return Err(no_source(&id, index));
            };
            let to = source.url.clone();
            let old = std::mem::replace(slot, source);
            let entry = ("sources", Some(old.url.clone()), Some(to));
            (
                Change::ChangeSource {
                    id,
                    index,
                    source: old,
                },
                entry,
            )
        }
        Change::RemoveSource { id, index } => {
            if index >= claim.sources.len() {
                return Err(no_source(&id, index));
            }
            let source = claim.sources.remove(index);
            let entry = ("sources", Some(source.url.clone()), None);
            (Change::AddSource { id, index, source }, entry)
        }
        other => {
            return Err(EditError::Refused(format!(
                "{} is not a change to sources",
                other.label()
            )));
        }
    })
}

/// A change to a claim's comments, as [`change_field`] makes it.
fn change_comment(claim: &mut Claim, change: Change) -> Result<(Change, Entry), EditError> {
    let no_comment = |id: &ClaimId, index: usize| {
        EditError::Refused(format!("claim {id} has no comment {}", index + 1))
    };
    Ok(match change {
        Change::AddComment { id, index, comment } => {
            if index > claim.review.comments.len() {
                return Err(no_comment(&id, index));
            }
            let to = comment.gist();
            claim.review.comments.insert(index, comment);
            (
                Change::RemoveComment { id, index },
                ("comments", None, Some(to)),
            )
        }
        Change::ChangeComment { id, index, comment } => {
            let Some(slot) = claim.review.comments.get_mut(index) else {
                return Err(no_comment(&id, index));
            };
            let entry = match (slot.resolved, comment.resolved) {
                (false, true) => (
                    "comments",
                    None,
                    Some(format!("resolved {}", comment.gist())),
                ),
                (true, false) => (
                    "comments",
                    None,
                    Some(format!("reopened {}", comment.gist())),
                ),
                _ => ("comments", Some(slot.gist()), Some(comment.gist())),
            };
            let old = std::mem::replace(slot, comment);
            (
                Change::ChangeComment {
                    id,
                    index,
                    comment: old,
                },
                entry,
            )
        }
        Change::RemoveComment { id, index } => {
            if index >= claim.review.comments.len() {
                return Err(no_comment(&id, index));
            }
            let comment = claim.review.comments.remove(index);
            let from = comment.gist();
            (
                Change::AddComment { id, index, comment },
                ("comments", Some(from), None),
            )
        }
        other => {
            return Err(EditError::Refused(format!(
                "{} is not a change to comments",
                other.label()
            )));
        }
    })
}

#[derive(Clone, Debug)]
struct Step {
    /// On the undo stack: the edits that undo the step, in the order to apply them. On
    /// the redo stack: the edits that redo it.
    edits: Vec<Edit>,
    /// What the step was, for menus ("Undo Rationale").
    label: &'static str,
    /// Revisions on either side of the step.
    before: u64,
    after: u64,
    /// The typed field a run of typing may still join (until [`History::seal`]).
    open: Option<Field>,
}

/// Applies `edits` in order, all or none: on an error the ones applied are undone and the
/// document is as it was. Returns the edits that undo them all, in the order to apply.
fn apply_in_order(document: &mut Document, edits: Vec<Edit>) -> Result<Vec<Edit>, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(document) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    // Each inverse undoes an edit that just succeeded, so it applies.
                    if inverse.apply(document).is_err() {
                        break;
                    }
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

/// Undo and redo stacks over one document, with the revision of its current state.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    last_revision: u64,
    saved_revision: u64,
}

impl History {
    /// A history for a document that matches its file (revision 0 is the saved one).
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `edit` to `document` as a new undo step. A change to the same typed field as
    /// the open step's (the rationale of the same claim, the title) joins that step
    /// instead: one undo for a whole run of typing.
    pub fn apply(&mut self, document: &mut Document, edit: Edit) -> Result<(), EditError> {
        let field = edit.change.field();
        let label = edit.change.label();
        let inverses = apply_in_order(document, vec![edit])?;
        let revision = self.next_revision();
        self.redo.clear();
        if let Some(top) = self.undo.last_mut()
            && field.is_some()
            && top.open == field
        {
            // Keep the oldest inverse: it undoes the whole run.
            top.after = revision;
        } else {
            self.push(inverses, label, revision, field);
        }
        self.revision = revision;
        Ok(())
    }

    /// Applies several edits as one undo step (a dialog that sets the title and the URL),
    /// all or none. `label` names the step.
    pub fn apply_all(
        &mut self,
        document: &mut Document,
        edits: Vec<Edit>,
        label: &'static str,
    ) -> Result<(), EditError> {
        if edits.is_empty() {
            return Ok(());
        }
        let inverses = apply_in_order(document, edits)?;
        let revision = self.next_revision();
        self.redo.clear();
        self.push(inverses, label, revision, None);
        self.revision = revision;
        Ok(())
    }

    fn push(&mut self, edits: Vec<Edit>, label: &'static str, after: u64, open: Option<Field>) {
        self.undo.push(Step {
            edits,
            label,
            before: self.revision,
            after,
            open,
        });
    }

    /// Ends the open run of typing: the next edit starts a new undo step even in the same
    /// field (focus left the field, the selection changed, the file was saved).
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.open = None;
        }
    }

    /// Undoes the last step. Returns the edits that were applied to do it.
    pub fn undo(&mut self, document: &mut Document) -> Option<Vec<Edit>> {
        let step = self.undo.pop()?;
        self.move_step(document, step, false)
    }

    /// Redoes the last undone step. Returns the edits that were applied to do it.
    pub fn redo(&mut self, document: &mut Document) -> Option<Vec<Edit>> {
        let step = self.redo.pop()?;
        self.move_step(document, step, true)
    }

    fn move_step(
        &mut self,
        document: &mut Document,
        step: Step,
        forward: bool,
    ) -> Option<Vec<Edit>> {
        let applied = step.edits.clone();
        let Ok(opposite) = apply_in_order(document, step.edits) else {
            // Cannot happen while every change goes through this history; if it does,
            // drop the step rather than corrupt the document, and keep it dirty.
            self.revision = self.next_revision();
            return None;
        };
        let moved = Step {
            edits: opposite,
            label: step.label,
            before: step.before,
            after: step.after,
            open: None,
        };
        self.revision = if forward { moved.after } else { moved.before };
        if forward {
            self.undo.push(moved);
        } else {
            self.redo.push(moved);
        }
        Some(applied)
    }

    fn next_revision(&mut self) -> u64 {
        self.last_revision += 1;
        self.last_revision
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.label)
    }

    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.label)
    }

    /// The revision of the document's current state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that the current state was saved (pass the revision that was written, since
    /// saving runs in the background while the user may keep editing).
    pub fn mark_saved(&mut self, revision: u64) {
        self.saved_revision = revision;
        self.seal();
    }

    /// True when the document differs from the file it was loaded from or last saved to.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }
}

#[cfg(test)]
mod tests;
