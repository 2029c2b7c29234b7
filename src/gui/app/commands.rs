//! What the user asked for this frame, and the one place it is carried out. Views return
//! commands; [`App::run_commands`] runs them at the end of the frame in one `match`.

use std::ops::Range;
use std::path::PathBuf;

use eframe::egui::{self, ViewportCommand};

use super::{App, Message, Modal};
use crate::edit::{Change, Edit, EditError};
use crate::gui::actions::Action;
use crate::gui::article_view::{Scroll, Selection};
use crate::gui::prefs::{self, Reading, Theme, Write};
use crate::model::{Claim, ClaimId, Stamp};
use crate::ops::export::Format;

/// What happens once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterPrompt {
    Close,
    Open(PathBuf),
}

/// One thing the user asked for.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// An entry of the action table (a menu item or a key).
    Action(Action),
    /// A change to the shown document, stamped by the app with the reviewer and the time.
    Change(Change),
    /// Several changes as one undo step.
    Changes(Vec<Change>, &'static str),
    /// Put the document on another scale (none: factmark's), each old level's claims and
    /// orphans given the verdict `mapping` pairs with it: one undo step.
    Rescale {
        scale: Option<crate::model::Scale>,
        mapping: Vec<(crate::model::Verdict, crate::model::Verdict)>,
    },
    /// Set a claim's review status, stamped by the app with the reviewer and the time.
    SetStatus {
        id: ClaimId,
        state: crate::model::State,
        reason: String,
    },
    /// Add a comment by the reviewer, now, at the end of the claim's comments.
    AddComment {
        id: ClaimId,
        text: String,
    },
    /// Compare these reviewers' files (File ▸ Compare reviewers…).
    Compare(Vec<PathBuf>),
    /// In the comparison: the disagreement `id` becomes its reviewers' version `index`.
    PickVersion {
        id: ClaimId,
        index: usize,
    },
    /// In the comparison: the editor's own final version of the disagreement `id`.
    DecideOwn {
        id: ClaimId,
        verdict: crate::model::Verdict,
        rationale: String,
    },
    /// Write the curated file (`replace`: the user agreed to replace the one there).
    SaveCuration {
        replace: bool,
    },
    /// Close the comparison: asks first if decisions are not in the curated file.
    CloseCuration,
    /// In the comparison: undo the decision on the disagreement `id`.
    ReopenDisagreement(ClaimId),
    /// Close the comparison, its unsaved decisions dropped (asked first).
    DiscardCuration,
    /// Go on comparing: the question about unsaved decisions answered Cancel.
    KeepCuration,
    /// A run of typing in a field ended.
    Seal,
    Select(Option<ClaimId>),
    /// Select a claim and scroll the article to it.
    Show(ClaimId),
    /// A find match: select those words and scroll to them.
    ShowMatch(Range<usize>),
    Open(PathBuf),
    /// Save, then do what was waiting on the unsaved-changes question.
    SaveThen(AfterPrompt),
    /// Go ahead without saving.
    Discard(AfterPrompt),
    ClearRecent,
    SetReviewer(String),
    /// View ▸ Snap to words, View ▸ Text size.
    SetReading(Reading),
    /// Export as ClaimReview with these details (from its dialog).
    ExportClaimReview {
        publisher: String,
        page: String,
    },
    CloseModal,
    /// Restore the unsaved work in this journal.
    RestoreWork(PathBuf),
    /// Ask whether to discard the work of the journal the restore question is about.
    AskDiscardWork,
    /// Discard the work in this journal for good.
    DiscardWork(PathBuf),
    /// Back from "discard?" to the restore question.
    KeepWork,
    /// Not now: the journal stays for next time.
    Later,
    /// The file changed on disk: save my version elsewhere (a Save As dialog).
    SaveCopy,
    /// The file changed on disk: open their version; my work stays in its journal.
    ReloadTheirs,
    /// The file changed on disk: ask whether to write over it.
    AskOverwrite,
    /// Write my version over theirs.
    Overwrite,
    /// Re-apply the work in this journal to the document shown.
    Reapply(PathBuf),
    /// The re-anchoring review's decisions: update the text, as one undoable step.
    ApplyUpdate(Box<super::Decided>),
}

impl App {
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What they changed is shown next frame, whatever asked for them.
            ctx.request_repaint();
        }
        for command in commands {
            self.run(ctx, command);
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Action(action) => self.run_action(ctx, action),
            Command::Change(change) => self.apply(change, self.stamp()),
            Command::Changes(changes, label) => self.apply_all(changes, label),
            Command::Rescale { scale, mapping } => self.rescale(scale, &mapping),
            Command::SetStatus { id, state, reason } => self.set_status(id, state, &reason),
            Command::AddComment { id, text } => self.add_comment(id, &text),
            command @ (Command::Compare(_)
            | Command::PickVersion { .. }
            | Command::DecideOwn { .. }
            | Command::SaveCuration { .. }
            | Command::CloseCuration
            | Command::ReopenDisagreement(_)
            | Command::DiscardCuration
            | Command::KeepCuration) => self.curation_command(ctx, command),
            Command::Seal => {
                if let Some(session) = self.session_mut() {
                    session.seal();
                }
            }
            Command::Select(id) => {
                if let Some(session) = self.session_mut() {
                    session.select(id);
                }
            }
            Command::Show(id) => {
                if let Some(session) = self.session_mut() {
                    session.show(id);
                }
            }
            Command::ShowMatch(range) => self.show_match(&range),
            Command::Open(path) => self.open_path(path),
            Command::SaveThen(after) => {
                self.modal = None;
                self.save(ctx, Some(after));
            }
            Command::Discard(after) => {
                self.modal = None;
                self.go_ahead(ctx, after);
            }
            Command::SetReading(reading) => {
                self.prefs.reading = reading;
                self.remember(Write::Reading(reading));
            }
            Command::ClearRecent => {
                self.prefs.recent.clear();
                self.remember(Write::Recent(Vec::new()));
            }
            Command::SetReviewer(name) => {
                let name = name.trim().to_owned();
                if matches!(self.modal, Some(Modal::ReviewerName { .. })) {
                    self.modal = None;
                }
                if !name.is_empty() {
                    self.prefs.reviewer.clone_from(&name);
                    self.remember(Write::Reviewer(name));
                }
            }
            Command::ExportClaimReview { publisher, page } => {
                self.modal = None;
                let (publisher, page) = (publisher.trim().to_owned(), page.trim().to_owned());
                if !publisher.is_empty() && self.prefs.publisher.as_ref() != Some(&publisher) {
                    self.prefs.publisher = Some(publisher.clone());
                    self.remember(Write::Publisher(publisher.clone()));
                }
                self.export_options.publisher = (!publisher.is_empty()).then_some(publisher);
                self.export_options.review_url = (!page.is_empty()).then_some(page);
                self.export_dialog(ctx, Format::ClaimReview);
            }
            Command::CloseModal => self.modal = None,
            Command::RestoreWork(dir) => self.restore_work(ctx, dir),
            Command::AskDiscardWork => {
                if let Some(Modal::Restore { dir, file, when }) = self.modal.take() {
                    self.modal = Some(Modal::DiscardWork { dir, file, when });
                }
            }
            Command::KeepWork => {
                if let Some(Modal::DiscardWork { dir, file, when }) = self.modal.take() {
                    self.modal = Some(Modal::Restore { dir, file, when });
                }
            }
            Command::DiscardWork(dir) => self.discard_work(dir),
            Command::Later => self.later(),
            Command::SaveCopy => {
                self.modal = None;
                self.save_as(ctx);
            }
            Command::ReloadTheirs => self.reload_theirs(),
            Command::AskOverwrite => {
                if let Some(Modal::ChangedOnDisk { path, .. }) = self.modal.take() {
                    self.modal = Some(Modal::Overwrite { path });
                }
            }
            Command::Overwrite => self.overwrite(ctx),
            Command::Reapply(dir) => self.reapply(ctx, dir),
            Command::ApplyUpdate(decided) => self.apply_update(*decided),
        }
    }

    fn restore_work(&mut self, ctx: &egui::Context, dir: PathBuf) {
        self.modal = None;
        self.runtime.jobs.restore(ctx, dir);
        self.ask_name_if_unknown();
    }

    fn discard_work(&mut self, dir: PathBuf) {
        self.modal = None;
        if let Some(writer) = &self.runtime.journal {
            writer.remove(dir);
        }
        self.message = Some(Message::info("The unsaved work was discarded."));
        self.ask_name_if_unknown();
    }

    fn later(&mut self) {
        self.modal = None;
        self.message = Some(Message::info(
            "The unsaved work is kept: it is offered again the next time this file opens.",
        ));
        self.ask_name_if_unknown();
    }

    /// Opens their version of the file; my work stays on disk in its journal, offered for
    /// re-applying once theirs is open.
    fn reload_theirs(&mut self) {
        self.modal = None;
        let Some(session) = self.session_mut() else {
            return;
        };
        let Some(path) = session.save_path().map(ToOwned::to_owned) else {
            return;
        };
        if session.is_dirty() && session.journal_dir().is_none() {
            self.message = Some(Message::error(
                "Your changes could not be kept in a journal (no data folder), so theirs was \
                 not loaded: save yours as a copy first.",
            ));
            return;
        }
        self.runtime.reapply = session.keep_journal();
        self.runtime.jobs.open(path, None);
    }

    /// Writes my version over theirs (the user confirmed).
    fn overwrite(&mut self, ctx: &egui::Context) {
        self.modal = None;
        if let Some(path) = self
            .session()
            .and_then(|s| s.save_path().map(ToOwned::to_owned))
        {
            self.save_to(ctx, path, super::super::jobs::Expect::Anything, None);
        }
    }

    fn reapply(&mut self, ctx: &egui::Context, dir: PathBuf) {
        self.modal = None;
        if let Some(session) = self.session() {
            let onto = session.snapshot();
            self.runtime.jobs.reapply(ctx, dir, onto);
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Open => {
                let suggested = self
                    .session()
                    .and_then(|s| s.save_path().map(ToOwned::to_owned));
                self.runtime
                    .jobs
                    .pick(ctx, super::super::jobs::Pick::Open, suggested);
            }
            Action::Save => self.save(ctx, None),
            Action::SaveAs => self.save_as(ctx),
            Action::Export(format) => self.start_export(ctx, format),
            Action::Quit => self.request_close(ctx),
            Action::Undo | Action::Redo => {
                if let Some(session) = self.session_mut() {
                    if action == Action::Undo {
                        session.undo();
                    } else {
                        session.redo();
                    }
                }
            }
            Action::Find => {
                if let Some(session) = self.session_mut() {
                    session.views.find.open();
                }
            }
            Action::UpdateText => {
                let suggested = self
                    .session()
                    .and_then(|s| s.save_path().map(ToOwned::to_owned));
                self.runtime
                    .jobs
                    .pick(ctx, super::super::jobs::Pick::UpdateText, suggested);
            }
            Action::ImportWholePage => self.import_whole_page(),
            Action::ArticleProperties => {
                if let Some(session) = self.session() {
                    self.modal = Some(Modal::properties(&session.document().article));
                }
            }
            Action::VerdictScale => {
                if let Some(session) = self.session() {
                    self.modal = Some(Modal::verdict_scale(session.document()));
                }
            }
            Action::Mark(_) => self.mark(action),
            Action::NextClaim
            | Action::PreviousClaim
            | Action::NextUnreviewed
            | Action::NextNeedingReview => {
                self.step_claim(action);
            }
            Action::SendForReview
            | Action::Approve
            | Action::BackToDraft
            | Action::RequestChanges => self.review_action(action),
            Action::CompareReviewers => self.choose_reviewers(ctx),
            Action::NextDisagreement => self.step_disagreement(true),
            Action::PreviousDisagreement => self.step_disagreement(false),
            Action::DeleteClaim => {
                let selected = self.session().and_then(|s| s.views.selected.clone());
                if let Some(id) = selected {
                    self.apply(Change::DeleteClaim { id }, self.stamp());
                    if let Some(session) = self.session_mut() {
                        session.select(None);
                    }
                }
            }
            Action::ClearSelection => {
                if let Some(session) = self.session_mut() {
                    // Esc first closes the find bar, keeping the found words selected.
                    if session.views.find.is_open() {
                        session.views.find.close();
                    } else {
                        session.views.article.selection = None;
                    }
                }
            }
            Action::PageDown => self.scroll(Scroll::PageDown),
            Action::PageUp => self.scroll(Scroll::PageUp),
            Action::Top => self.scroll(Scroll::Top),
            Action::Bottom => self.scroll(Scroll::Bottom),
            Action::ThemeLight => self.set_theme(Theme::Light),
            Action::ThemeDark => self.set_theme(Theme::Dark),
            Action::ThemeSystem => self.set_theme(Theme::System),
            Action::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Action::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Action::ZoomReset => ctx.set_zoom_factor(1.0),
            Action::Shortcuts => self.modal = Some(Modal::Shortcuts),
            Action::Caret { to, extend } => {
                if let Some(session) = self.session_mut() {
                    let (document, views) = session.split();
                    views.article.move_caret(document.text(), to, extend);
                }
            }
        }
    }

    fn set_theme(&mut self, theme: Theme) {
        self.prefs.theme = theme;
        self.remember(Write::Theme(theme));
    }

    fn scroll(&mut self, scroll: Scroll) {
        if let Some(session) = self.session_mut() {
            session.views.article.scroll(scroll);
        }
    }

    /// A stamp for a change made now by the reviewer.
    /// A find match: those words selected and scrolled to.
    fn show_match(&mut self, range: &Range<usize>) {
        if let Some(session) = self.session_mut() {
            session.views.article.scroll_to(range.start);
            session.views.article.selection = Some(Selection {
                anchor: range.start,
                head: range.end,
            });
            session.select(None);
        }
    }

    /// Sets the claim's review status, stamped with the reviewer and the time.
    fn set_status(&mut self, id: ClaimId, state: crate::model::State, reason: &str) {
        let stamp = self.stamp();
        let status = crate::model::Status::new(state, reason, stamp.clone());
        self.apply(Change::SetStatus { id, status }, stamp);
    }

    /// Adds the reviewer's comment at the end of the claim's comments.
    fn add_comment(&mut self, id: ClaimId, text: &str) {
        let stamp = self.stamp();
        let index = self
            .session()
            .and_then(|s| s.document().claim(&id))
            .map_or(0, |c| c.review.comments.len());
        let comment = crate::model::Comment::new(text, &stamp);
        self.apply(Change::AddComment { id, index, comment }, stamp);
    }

    /// The review actions on the selected claim: a status, or the question why changes
    /// are requested.
    fn review_action(&mut self, action: Action) {
        let Some(id) = self.session().and_then(|s| s.views.selected.clone()) else {
            self.message = Some(Message::info("Select a claim first."));
            return;
        };
        let state = match action {
            Action::SendForReview => crate::model::State::InReview,
            Action::Approve => crate::model::State::Approved,
            Action::BackToDraft => crate::model::State::Draft,
            _ => {
                if let Some(session) = self.session_mut() {
                    session.views.inspector.ask_reason();
                }
                return;
            }
        };
        self.set_status(id, state, "");
    }

    pub(super) fn stamp(&self) -> Stamp {
        self.clock.stamp(&self.prefs.reviewer)
    }

    /// Applies `change` to the shown document as `stamp` says. A refusal is reported, not
    /// lost.
    fn apply(&mut self, change: Change, stamp: Stamp) {
        let label = change.label();
        let result = self
            .session_mut()
            .map(|session| session.apply(Edit::new(change, stamp)));
        self.report(label, result);
    }

    /// Applies `changes` as one undo step named `label`, all or none.
    fn apply_all(&mut self, changes: Vec<Change>, label: &'static str) {
        let stamp = self.stamp();
        let edits = changes
            .into_iter()
            .map(|change| Edit::new(change, stamp.clone()))
            .collect();
        let result = self
            .session_mut()
            .map(|session| session.apply_all(edits, label));
        self.report(label, result);
    }

    /// Article ▸ Import again as whole page: the page's whole body is read in the
    /// background, then becomes the text as one undoable change ([`Self::take_whole_page`]).
    /// Only while there are no claims: no verdict can move to other words.
    fn import_whole_page(&mut self) {
        let Some(session) = self.session() else {
            return;
        };
        if !session.document().claims().is_empty() {
            self.message = Some(Message::error(
                "Import again as whole page works only while there are no claims: the claims \
                 would sit on other words. Use Article ▸ Update text from file… instead.",
            ));
            return;
        }
        let Some(path) = session.web_page_path() else {
            self.message = Some(Message::error(
                "Import again as whole page: the article was not imported from a web page \
                 beside the annotations file",
            ));
            return;
        };
        let revision = session.revision();
        if let Some(ctx) = self.runtime.jobs.context() {
            self.runtime.jobs.read_whole_page(&ctx, path, revision);
            self.message = Some(Message::info("Reading the whole page…"));
        }
    }

    /// The whole page was read: it becomes the text, if the document is still as it was.
    pub(super) fn take_whole_page(
        &mut self,
        revision: u64,
        result: Result<Box<crate::text::Imported>, String>,
    ) {
        let label = Action::ImportWholePage.label();
        let imported = match result {
            Ok(imported) => imported,
            Err(e) => {
                self.message = Some(Message::error(format!("{label}: {e}")));
                return;
            }
        };
        let stamp = self.stamp();
        let Some(session) = self.session_mut() else {
            return;
        };
        if session.revision() != revision || !session.document().claims().is_empty() {
            self.message = Some(Message::error(format!(
                "{label}: the annotations changed while the page was read; choose it again"
            )));
            return;
        }
        let document = session.document();
        let change = Change::ReplaceText {
            text: std::sync::Arc::new(crate::text::Text::imported(imported.text, imported.blocks)),
            source_file: document.article.source_file.clone(),
            claims: Vec::new(),
            orphans: document.orphans().to_vec(),
        };
        let words = imported.extraction.map_or(0, |e| e.kept_words);
        self.message = Some(
            match session.apply_all(vec![Edit::new(change, stamp)], label) {
                Ok(()) => Message::info(format!(
                    "Imported again as the whole page: {words} words. Undo goes back to the text \
                 there was."
                )),
                Err(e) => Message::error(format!("{label}: {e}")),
            },
        );
    }

    fn report(&mut self, what: &str, result: Option<Result<(), EditError>>) {
        if let Some(Err(e)) = result {
            self.message = Some(Message::error(format!("{what}: {e}")));
        }
    }

    /// Puts the document on another scale as one undoable change, each claim's and
    /// orphan's verdict mapped.
    fn rescale(
        &mut self,
        scale: Option<crate::model::Scale>,
        mapping: &[(crate::model::Verdict, crate::model::Verdict)],
    ) {
        let Some(session) = self.session() else {
            return;
        };
        let document = session.document();
        let verdicts = document
            .claims()
            .iter()
            .map(|c| (&c.id, &c.verdict))
            .chain(document.orphans().iter().map(|o| (&o.id, &o.verdict)))
            .filter_map(|(id, verdict)| {
                let (_, to) = mapping.iter().find(|(from, _)| from == verdict)?;
                (to != verdict).then(|| (id.clone(), to.clone()))
            })
            .collect();
        let name = scale
            .as_ref()
            .map_or("factmark", |s| s.name.as_str())
            .to_owned();
        self.apply(
            crate::edit::Change::SetScale { scale, verdicts },
            self.stamp(),
        );
        if self.message.as_ref().is_none_or(|m| !m.is_error()) {
            self.message = Some(Message::info(format!(
                "The verdicts are on the {name} scale now."
            )));
        }
    }

    /// Marks the selection as a claim with the verdict of a marking action, or sets the
    /// selected claim's verdict. A key past the scale's last level says so.
    fn mark(&mut self, action: Action) {
        let Some(session) = self.session() else {
            return;
        };
        let scale = session.document().scale();
        let Some(verdict) = action.mark_verdict(scale) else {
            let n = scale.levels.len();
            self.message = Some(Message::info(format!(
                "The {:?} scale has {n} level{}: keys 1 to {} mark with them, 0 as unreviewed.",
                scale.name,
                if n == 1 { "" } else { "s" },
                n.min(9)
            )));
            return;
        };
        let selection = session.views.article.selection.filter(|s| !s.is_empty());
        let Some(selection) = selection else {
            match session.views.selected.clone() {
                Some(id) => self.apply(Change::SetVerdict { id, verdict }, self.stamp()),
                None => {
                    self.message = Some(Message::info(
                        "Select some text first: drag across the words of the claim.",
                    ));
                }
            }
            return;
        };
        let range = session.document().text().trim_range(selection.range());
        if range.is_empty() {
            self.message = Some(Message::error("The selection is only whitespace."));
            return;
        }
        // One stamp: the claim is created when the edit that inserts it is made.
        let stamp = self.stamp();
        let claim = Claim::new(range.start, range.end, verdict, stamp.clone());
        let id = claim.id.clone();
        self.apply(
            Change::InsertClaim {
                claim: Box::new(claim),
            },
            stamp,
        );
        if let Some(session) = self.session_mut()
            && session.document().claim(&id).is_some()
        {
            session.views.article.selection = None;
            session.select(Some(id));
        }
    }

    fn step_claim(&mut self, action: Action) {
        let Some(session) = self.session() else {
            return;
        };
        let claims = session.document().claims();
        let current = session
            .views
            .selected
            .as_ref()
            .and_then(|id| session.document().position(id));
        let next = match action {
            Action::PreviousClaim => match current {
                Some(0) | None => claims.len().checked_sub(1),
                Some(i) => Some(i - 1),
            },
            Action::NextUnreviewed => {
                let from = current.map_or(0, |i| i + 1);
                (from..claims.len())
                    .chain(0..from)
                    .find(|&i| claims[i].verdict.is_unreviewed())
            }
            Action::NextNeedingReview => {
                let from = current.map_or(0, |i| i + 1);
                (from..claims.len())
                    .chain(0..from)
                    .find(|&i| claims[i].review.status.state.needs_review())
            }
            _ => match current {
                Some(i) if i + 1 < claims.len() => Some(i + 1),
                _ => (!claims.is_empty()).then_some(0),
            },
        };
        if let Some(id) = next.and_then(|i| claims.get(i)).map(|c| c.id.clone()) {
            if let Some(session) = self.session_mut() {
                session.show(id);
            }
        } else if action == Action::NextUnreviewed {
            self.message = Some(Message::info("No unreviewed claims left."));
        } else if action == Action::NextNeedingReview {
            self.message = Some(Message::info(
                "No claim is in review or waiting for changes.",
            ));
        }
    }

    /// Asks for a close (the File menu, the window's close button): asks first about
    /// unsaved changes.
    pub fn request_close(&mut self, ctx: &egui::Context) {
        if self.curation_holds_close() {
            return;
        }
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved {
                then: AfterPrompt::Close,
            });
        } else {
            self.runtime.allow_close = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// Closes or opens what was waiting, without saving.
    pub(super) fn go_ahead(&mut self, ctx: &egui::Context, after: AfterPrompt) {
        match after {
            AfterPrompt::Close => {
                self.runtime.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            AfterPrompt::Open(path) => {
                let journals = self.journal_root();
                self.runtime.jobs.open(path, journals);
            }
        }
    }

    /// Puts `path` first in the recent files and writes the list in the background.
    pub(super) fn remember_recent(&mut self, path: PathBuf) {
        let path = std::path::absolute(&path).unwrap_or(path);
        if self.prefs.recent.first() == Some(&path) {
            return;
        }
        prefs::push_recent(&mut self.prefs.recent, path);
        self.remember(Write::Recent(self.prefs.recent.clone()));
    }
}
