//! One open document: the document itself (private), its history, where it saves and what
//! was loaded from there, and the state of its views (article view, selection, find bar,
//! claim list filter, inspector buffers).
//!
//! The document changes only through [`DocSession::apply`] (and undo/redo, which apply the
//! history's own edits): nothing else can reach it mutably. The app holds sessions in a
//! list, so that several reviewers' files of one article can be open at once.

use std::path::{Path, PathBuf};

use super::article_view::ArticleView;
use super::find::FindBar;
use super::journal::SessionJournal;
use super::panels::InspectorBuffers;
use crate::edit::{Edit, EditError, History};
use crate::format::FileIdentity;
use crate::model::{ClaimFilter, ClaimId, Document, VerdictCounts, count_verdicts};
use crate::ops::open::Opened;

/// Where a document saves, and what that file held when it was read or last written.
#[derive(Clone, Debug, Default)]
pub struct FileState {
    pub save_path: Option<PathBuf>,
    pub loaded: Option<FileIdentity>,
}

/// The claim list's rows and the verdict counts, recomputed only when the claims or the
/// filter change: with 100k claims, counting every frame would cost more than drawing it.
#[derive(Default)]
struct ListCache {
    key: Option<(u64, ClaimFilter)>,
    counts: VerdictCounts,
    rows: Vec<usize>,
}

/// What the views of one document keep between frames. Never the document itself.
#[derive(Default)]
pub struct Views {
    pub article: ArticleView,
    /// The claim shown in the inspector and outlined in the article.
    pub selected: Option<ClaimId>,
    pub filter: ClaimFilter,
    pub find: FindBar,
    pub inspector: InspectorBuffers,
    /// The orphan shown in the orphan list, to re-attach or delete.
    pub orphan: Option<ClaimId>,
    /// Orphans the re-anchoring review said to re-attach, still waiting for their words.
    pub reattach: Vec<ClaimId>,
}

pub struct DocSession {
    document: Document,
    history: History,
    file: FileState,
    list: ListCache,
    /// Every change is journaled here, if the app keeps journals.
    journal: Option<SessionJournal>,
    /// The hash of the text the views were laid out for: an update of the text (or its
    /// undo) starts them afresh.
    text_sha: String,
    pub views: Views,
}

impl DocSession {
    pub fn new(opened: Opened) -> Self {
        Self {
            text_sha: opened.document.text().sha256().to_owned(),
            document: opened.document,
            history: History::new(),
            file: FileState {
                save_path: opened.save_path,
                loaded: opened.loaded,
            },
            list: ListCache::default(),
            journal: None,
            views: Views::default(),
        }
    }

    /// Journals every change from now on.
    pub fn attach_journal(&mut self, journal: SessionJournal) {
        self.journal = Some(journal);
    }

    /// A session for restored work: `base` (what the file held) with `edits` applied as
    /// one undoable step, saving to `save_path`, which held `loaded` when the work began;
    /// the journal in `dir` goes on.
    pub fn restored(
        opened: Opened,
        edits: Vec<Edit>,
        mut journal: Option<SessionJournal>,
        dir: PathBuf,
    ) -> Result<Self, EditError> {
        let mut session = Self::new(opened);
        if !edits.is_empty() {
            session
                .history
                .apply_all(&mut session.document, edits, "Restore unsaved work")?;
        }
        if let Some(journal) = &mut journal {
            journal.resume(dir);
        }
        session.journal = journal;
        Ok(session)
    }

    /// The folder of this session's journal, once a change began it.
    pub fn journal_dir(&self) -> Option<&Path> {
        self.journal.as_ref().and_then(SessionJournal::dir)
    }

    /// The session ends with its work kept in its journal (to be re-applied elsewhere):
    /// the journal stays on disk. Returns its folder, if a change began it.
    pub fn keep_journal(&mut self) -> Option<PathBuf> {
        self.journal
            .take()
            .and_then(|j| j.dir().map(ToOwned::to_owned))
    }

    /// The session ends with its work saved or discarded: its journal goes.
    pub fn close(&mut self) {
        if let Some(journal) = &mut self.journal {
            journal.retire();
        }
    }

    /// Journals `edits`, just applied; `base` is the document before them (asked for
    /// only when they begin a journal).
    fn record(&mut self, edits: Vec<Edit>, base: Option<Document>) {
        let Some(journal) = &mut self.journal else {
            return;
        };
        let (document, file) = (&self.document, &self.file);
        journal.record(edits, || {
            (
                base.unwrap_or_else(|| document.clone()),
                file.save_path.clone(),
                file.loaded.clone(),
            )
        });
    }

    /// The document as it is now, if this change is about to begin a journal.
    fn base_for_journal(&self) -> Option<Document> {
        self.journal
            .as_ref()
            .filter(|j| j.dir().is_none())
            .map(|_| self.document.clone())
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Applies an edit as an undo step (typing in one field joins the open step).
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let base = self.base_for_journal();
        let journaled = self.journal.is_some().then(|| edit.clone());
        self.history.apply(&mut self.document, edit)?;
        if let Some(edit) = journaled {
            self.record(vec![edit], base);
        }
        self.after_change();
        Ok(())
    }

    /// After any change: views laid out for another text start afresh (the article view's
    /// heights, the selection and the find bar's matches were for other words), and an
    /// orphan that is gone is no longer shown.
    fn after_change(&mut self) {
        if self.document.text().sha256() != self.text_sha {
            self.document.text().sha256().clone_into(&mut self.text_sha);
            self.views.article = ArticleView::default();
            self.views.find = FindBar::default();
        }
        let orphans = self.document.orphans();
        if let Some(id) = &self.views.orphan
            && !orphans.iter().any(|o| &o.id == id)
        {
            self.views.orphan = None;
        }
        self.views
            .reattach
            .retain(|id| orphans.iter().any(|o| &o.id == id));
        if self.views.orphan.is_none() {
            self.views.orphan = self.views.reattach.first().cloned();
        }
    }

    /// Applies several edits as one undo step, all or none.
    pub fn apply_all(&mut self, edits: Vec<Edit>, label: &'static str) -> Result<(), EditError> {
        let base = self.base_for_journal();
        let journaled = self.journal.is_some().then(|| edits.clone());
        self.history.apply_all(&mut self.document, edits, label)?;
        if let Some(edits) = journaled {
            self.record(edits, base);
        }
        self.after_change();
        Ok(())
    }

    /// Undoes the last step; the selection follows the claim it touched.
    pub fn undo(&mut self) {
        let base = self.base_for_journal();
        let applied = self.history.undo(&mut self.document);
        if let Some(edits) = &applied {
            self.record(edits.clone(), base);
        }
        self.after_change();
        self.follow(applied);
    }

    pub fn redo(&mut self) {
        let base = self.base_for_journal();
        let applied = self.history.redo(&mut self.document);
        if let Some(edits) = &applied {
            self.record(edits.clone(), base);
        }
        self.after_change();
        self.follow(applied);
    }

    fn follow(&mut self, applied: Option<Vec<Edit>>) {
        if let Some(id) = applied
            .into_iter()
            .flatten()
            .find_map(|edit| edit.claim_id().cloned())
        {
            let exists = self.document.claim(&id).is_some();
            self.views.selected = exists.then_some(id);
        }
    }

    /// Ends a run of typing: the next change is an undo step of its own.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Selects a claim (or none), ending any run of typing in the old one.
    pub fn select(&mut self, id: Option<ClaimId>) {
        self.history.seal();
        self.views.selected = id;
    }

    /// Selects a claim and scrolls the article to it.
    pub fn show(&mut self, id: ClaimId) {
        if let Some(claim) = self.document.claim(&id) {
            self.views.article.scroll_to(claim.start);
            // The caret goes to the claim's start: Shift+arrows select on from there.
            self.views.article.selection =
                Some(crate::gui::article_view::Selection::caret(claim.start));
        }
        self.select(Some(id));
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// Where the web page the article was imported from would be: beside the annotations'
    /// file, under the name the article records (`.html`, `.htm`, `.mhtml`, `.mht`). The
    /// disk is not looked at (menus ask every frame); reading it says if it is gone.
    pub fn web_page_path(&self) -> Option<std::path::PathBuf> {
        use crate::text::ArticleKind;
        let name = &self.document.article.source_file;
        if name.is_empty() || name.contains(['/', '\\']) {
            return None;
        }
        let path = self.save_path()?.parent()?.join(name);
        let kind = ArticleKind::from_path(&path);
        matches!(kind, ArticleKind::Html | ArticleKind::Mhtml).then_some(path)
    }

    pub fn save_path(&self) -> Option<&Path> {
        self.file.save_path.as_deref()
    }

    /// Saves go to `path` from now on (Save As). What it holds is not known until written.
    pub fn set_save_path(&mut self, path: PathBuf) {
        if self.file.save_path.as_ref() != Some(&path) {
            self.file.loaded = None;
        }
        self.file.save_path = Some(path);
    }

    /// What the save path held when it was read or last written by this session.
    pub fn loaded(&self) -> Option<&FileIdentity> {
        self.file.loaded.as_ref()
    }

    /// The document as it is now, to save or export on a background thread.
    pub fn snapshot(&self) -> Document {
        self.document.clone()
    }

    /// Records that `revision` was written to `path`, which now holds `written`.
    pub fn mark_saved(&mut self, path: &Path, revision: u64, written: FileIdentity) {
        self.history.mark_saved(revision);
        if self.file.save_path.as_deref() == Some(path) {
            self.file.loaded = Some(written);
        }
        // Saved with nothing after it: the journal's work is in the file. (Changes made
        // while the save ran stay journaled, with everything before them.)
        if !self.is_dirty() {
            self.close();
        }
    }

    /// Verdict counts, the positions of the claims the list shows, the document and the
    /// views' state (whose filter the list's toggles change).
    pub fn list(&mut self) -> (&Document, &VerdictCounts, &[usize], &mut Views) {
        let revision = self.history.revision();
        let fresh = self
            .list
            .key
            .as_ref()
            .is_some_and(|(r, filter)| *r == revision && *filter == self.views.filter);
        if !fresh {
            self.list.counts = count_verdicts(&self.document);
            self.list.rows = self.views.filter.rows(&self.document);
            self.list.key = Some((revision, self.views.filter.clone()));
        }
        (
            &self.document,
            &self.list.counts,
            &self.list.rows,
            &mut self.views,
        )
    }

    /// The document and the views' state, borrowed apart: a view reads the one and keeps
    /// its own state in the other.
    pub fn split(&mut self) -> (&Document, &mut Views) {
        (&self.document, &mut self.views)
    }
}
