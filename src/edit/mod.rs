//! Changes to a document as values: every `Edit` applied yields its inverse, and `History`
//! keeps them for unlimited undo and redo.
//!
//! The GUI changes a document only through here (invariant 3 in `lib.rs`). "Unsaved changes"
//! is derived, never tracked by hand: each state of the document has a revision number, and
//! the document is dirty when the current revision is not the saved one.

use crate::model::{Claim, ClaimError, ClaimId, Document};

/// One change to a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a new claim.
    Insert(Claim),
    /// Remove the claim with this id.
    Delete(ClaimId),
    /// Put this claim in place of the one with the same id (verdict, rationale, sources,
    /// range, stamps: everything).
    Replace(Claim),
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error the document is
    /// unchanged.
    pub fn apply(self, document: &mut Document) -> Result<Edit, ClaimError> {
        match self {
            Self::Insert(claim) => {
                let id = claim.id.clone();
                document.insert_claim(claim)?;
                Ok(Self::Delete(id))
            }
            Self::Delete(id) => document
                .remove_claim(&id)
                .map(Self::Insert)
                .ok_or(ClaimError::NotFound(id)),
            Self::Replace(claim) => document.replace_claim(claim).map(Self::Replace),
        }
    }

    /// The claim this edit is about.
    pub fn claim_id(&self) -> &ClaimId {
        match self {
            Self::Insert(claim) | Self::Replace(claim) => &claim.id,
            Self::Delete(id) => id,
        }
    }
}

/// What a run of edits may be merged under: typing in one field of one claim is one undo
/// step, not one per letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub claim: ClaimId,
    pub field: &'static str,
}

#[derive(Clone, Debug)]
struct Step {
    /// On the undo stack: the edit that undoes the step. On the redo stack: the edit that
    /// redoes it.
    edit: Edit,
    /// What the step was, for menus ("Undo Rationale").
    label: String,
    /// Revisions on either side of the step.
    before: u64,
    after: u64,
    /// Open for merging while the user keeps typing in the same field.
    group: Option<Group>,
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

    /// Applies `edit` to `document` as a new undo step. With a `group` equal to the open
    /// step's, the edit joins that step instead (one undo for a whole run of typing).
    pub fn apply(
        &mut self,
        document: &mut Document,
        edit: Edit,
        label: &str,
        group: Option<Group>,
    ) -> Result<(), ClaimError> {
        let inverse = edit.apply(document)?;
        self.redo.clear();
        let revision = self.next_revision();
        if let Some(top) = self.undo.last_mut()
            && group.is_some()
            && top.group == group
        {
            // Keep the oldest inverse: it undoes the whole run.
            top.after = revision;
        } else {
            self.undo.push(Step {
                edit: inverse,
                label: label.to_owned(),
                before: self.revision,
                after: revision,
                group,
            });
        }
        self.revision = revision;
        Ok(())
    }

    /// Ends the open group: the next edit starts a new undo step even in the same field
    /// (focus left the field, the selection changed, the file was saved).
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.group = None;
        }
    }

    /// Undoes the last step. Returns the claim it touched, so the view can show it.
    pub fn undo(&mut self, document: &mut Document) -> Option<ClaimId> {
        let step = self.undo.pop()?;
        self.move_step(document, step, false)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, document: &mut Document) -> Option<ClaimId> {
        let step = self.redo.pop()?;
        self.move_step(document, step, true)
    }

    fn move_step(&mut self, document: &mut Document, step: Step, forward: bool) -> Option<ClaimId> {
        let id = step.edit.claim_id().clone();
        let Ok(opposite) = step.edit.clone().apply(document) else {
            // Cannot happen while every change goes through this history; if it does,
            // drop the step rather than corrupt the document, and keep it dirty.
            self.revision = self.next_revision();
            return None;
        };
        let moved = Step {
            edit: opposite,
            group: None,
            ..step
        };
        self.revision = if forward { moved.after } else { moved.before };
        if forward {
            self.undo.push(moved);
        } else {
            self.redo.push(moved);
        }
        Some(id)
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

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
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
mod tests {
    use super::*;
    use crate::model::{Article, Verdict};
    use crate::text::Text;

    fn document() -> Document {
        Document::new(Article::new(Text::new("Kim met Putin in 北京.".to_owned())))
    }

    fn claim(start: usize, end: usize) -> Claim {
        Claim::new(start, end, Verdict::Unreviewed, "alice")
    }

    #[test]
    fn every_edit_has_an_exact_inverse() {
        let mut doc = document();
        let original = doc.clone();
        let c = claim(0, 3);
        let undo_insert = Edit::Insert(c.clone()).apply(&mut doc).expect("insert");
        assert_eq!(doc.claims().len(), 1);
        let mut changed = c.clone();
        changed.verdict = Verdict::Inaccurate;
        changed.rationale = "no".to_owned();
        let undo_replace = Edit::Replace(changed.clone())
            .apply(&mut doc)
            .expect("replace");
        assert_eq!(doc.claim(&c.id), Some(&changed));
        undo_replace.apply(&mut doc).expect("undo replace");
        assert_eq!(doc.claim(&c.id), Some(&c));
        let undo_delete = Edit::Delete(c.id.clone()).apply(&mut doc).expect("delete");
        assert!(doc.claims().is_empty());
        undo_delete.apply(&mut doc).expect("undo delete");
        undo_insert.apply(&mut doc).expect("undo insert");
        assert_eq!(doc, original);
    }

    #[test]
    fn a_failed_edit_changes_nothing() {
        let mut doc = document();
        let before = doc.clone();
        assert!(Edit::Insert(claim(5, 500)).apply(&mut doc).is_err());
        assert!(Edit::Delete(ClaimId::random()).apply(&mut doc).is_err());
        assert!(Edit::Replace(claim(0, 1)).apply(&mut doc).is_err());
        assert_eq!(doc, before);
        let mut history = History::new();
        assert!(
            history
                .apply(&mut doc, Edit::Insert(claim(3, 3)), "Mark", None)
                .is_err()
        );
        assert!(!history.is_dirty() && !history.can_undo());
    }

    #[test]
    fn undo_and_redo_walk_the_whole_history() {
        let mut doc = document();
        let mut history = History::new();
        let mut states = vec![doc.clone()];
        let c = claim(0, 3);
        history
            .apply(&mut doc, Edit::Insert(c.clone()), "Mark claim", None)
            .expect("1");
        states.push(doc.clone());
        for verdict in [Verdict::Verified, Verdict::Disputed] {
            let mut next = doc.claim(&c.id).expect("c").clone();
            next.verdict = verdict;
            history
                .apply(&mut doc, Edit::Replace(next), "Verdict", None)
                .expect("2");
            states.push(doc.clone());
        }
        assert_eq!(history.undo_label(), Some("Verdict"));
        for expected in states.iter().rev().skip(1) {
            assert_eq!(history.undo(&mut doc), Some(c.id.clone()));
            assert_eq!(&doc, expected);
        }
        assert!(!history.can_undo());
        assert!(!history.is_dirty(), "back at the loaded state");
        for expected in states.iter().skip(1) {
            history.redo(&mut doc);
            assert_eq!(&doc, expected);
        }
        assert!(!history.can_redo());
        assert!(history.is_dirty());
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut doc = document();
        let mut history = History::new();
        let c = claim(0, 3);
        history
            .apply(&mut doc, Edit::Insert(c.clone()), "Mark", None)
            .expect("insert");
        history.seal();
        let group = Group {
            claim: c.id.clone(),
            field: "rationale",
        };
        for text in ["S", "Se", "See", "Seen"] {
            let mut next = doc.claim(&c.id).expect("c").clone();
            next.rationale = text.to_owned();
            history
                .apply(
                    &mut doc,
                    Edit::Replace(next),
                    "Rationale",
                    Some(group.clone()),
                )
                .expect("type");
        }
        history.seal();
        let mut next = doc.claim(&c.id).expect("c").clone();
        next.rationale = "Seen it".to_owned();
        history
            .apply(&mut doc, Edit::Replace(next), "Rationale", Some(group))
            .expect("type after seal");

        history.undo(&mut doc);
        assert_eq!(doc.claim(&c.id).expect("c").rationale, "Seen");
        history.undo(&mut doc);
        assert_eq!(
            doc.claim(&c.id).expect("c").rationale,
            "",
            "one step for the whole run"
        );
        history.undo(&mut doc);
        assert!(doc.claims().is_empty());
    }

    #[test]
    fn dirty_is_derived_from_the_saved_revision() {
        let mut doc = document();
        let mut history = History::new();
        assert!(!history.is_dirty());
        history
            .apply(&mut doc, Edit::Insert(claim(0, 3)), "Mark", None)
            .expect("1");
        assert!(history.is_dirty());
        history.mark_saved(history.revision());
        assert!(!history.is_dirty());
        history.undo(&mut doc);
        assert!(history.is_dirty(), "undo past the save");
        history.redo(&mut doc);
        assert!(!history.is_dirty(), "redo back to the saved state");
        history.undo(&mut doc);
        history
            .apply(&mut doc, Edit::Insert(claim(4, 7)), "Mark", None)
            .expect("2");
        assert!(history.is_dirty(), "a new branch is never the saved state");
        assert!(!history.can_redo());
    }
}
