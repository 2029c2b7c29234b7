//! The app's files: opening (also from recent files and drops), saving and exporting in
//! the background, the results coming back, closing with unsaved changes, the window title.

use std::path::{Path, PathBuf};

use eframe::egui::{self, ViewportCommand};

use super::{AfterPrompt, App, Message, Modal};
use crate::gui::jobs::{Done, Expect, NewText, Pick, SaveFailed};
use crate::gui::journal::JournalWriter;
use crate::gui::session::DocSession;
use crate::ops::export::Format;
use crate::ops::open::Opened;

impl App {
    /// Starts an export: ClaimReview first asks for what it needs (publisher, fact-check
    /// page); every format then asks where to write.
    pub(super) fn start_export(&mut self, ctx: &egui::Context, format: Format) {
        if self.sessions.is_empty() {
            return;
        }
        if format == Format::ClaimReview {
            self.modal = Some(Modal::claim_review(
                self.export_options.publisher.as_deref().unwrap_or_default(),
                self.export_options
                    .review_url
                    .as_deref()
                    .unwrap_or_default(),
            ));
        } else {
            self.export_dialog(ctx, format);
        }
    }

    /// Asks where to export the document as `format` (a save dialog, off the UI thread),
    /// starting in the document's folder.
    pub(super) fn export_dialog(&mut self, ctx: &egui::Context, format: Format) {
        let Some(session) = self.session() else {
            return;
        };
        let suggested = export_suggestion(session.save_path(), format);
        self.runtime.jobs.pick(ctx, Pick::Export(format), suggested);
    }

    /// Exports the shown document (as it is now, saved or not) as `format` to `path`, in
    /// the background; the result shows in the status bar.
    pub fn export_to(&mut self, ctx: &egui::Context, format: Format, path: PathBuf) {
        let Some(session) = self.session() else {
            return;
        };
        let document = session.snapshot();
        let options = self.export_options.clone();
        self.runtime
            .jobs
            .export(ctx, document, format, options, path);
        self.message = Some(Message::info(format!("Exporting {}…", format.title())));
    }

    /// Starts opening `path` in the background (asks first if there are unsaved changes).
    pub fn open_path(&mut self, path: PathBuf) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved {
                then: AfterPrompt::Open(path),
            });
        } else {
            let journals = self.journal_root();
            self.runtime.jobs.open(path, journals);
        }
    }

    /// Saves to the document's file (then `then`: close, open another file). A document
    /// with no file yet asks where first.
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<AfterPrompt>) {
        let Some(session) = self.sessions.get(self.active) else {
            return;
        };
        let Some(path) = session.save_path().map(ToOwned::to_owned) else {
            self.runtime.then = then;
            self.save_as(ctx);
            return;
        };
        // The file must still hold what this session read from it or last wrote there.
        let expect = Expect::Holds(session.loaded().cloned());
        self.save_to(ctx, path, expect, then);
    }

    /// Saves to `path`, written over whatever is there (the user chose it in Save As, or
    /// chose to overwrite), and saves there from now on.
    pub fn save_as_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        if let Some(session) = self.session_mut() {
            session.set_save_path(path.clone());
        }
        let then = self.runtime.then.take();
        self.save_to(ctx, path, Expect::Anything, then);
    }

    pub(super) fn save_to(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        expect: Expect,
        then: Option<AfterPrompt>,
    ) {
        let Some(session) = self.sessions.get_mut(self.active) else {
            return;
        };
        session.seal();
        let (document, revision) = (session.snapshot(), session.revision());
        self.runtime.then = then;
        self.runtime
            .jobs
            .save(ctx, document, path, revision, expect);
        self.message = Some(Message::info("Saving…"));
    }

    pub(super) fn save_as(&mut self, ctx: &egui::Context) {
        let Some(session) = self.session() else {
            return;
        };
        let suggested = session.save_path().map(ToOwned::to_owned).or_else(|| {
            let name = format!(
                "{}{}",
                session.document().article.source_file_stem(),
                crate::format::FILE_SUFFIX
            );
            std::env::current_dir().ok().map(|dir| dir.join(name))
        });
        self.runtime.jobs.pick(ctx, Pick::SaveAs, suggested);
    }

    pub(super) fn receive(&mut self, ctx: &egui::Context) {
        if let Some(writer) = &self.runtime.journal
            && let Some(error) = writer.errors().pop()
        {
            self.message = Some(Message::error(error));
        }
        for done in self.runtime.jobs.poll() {
            match done {
                Done::Prefs(prefs) => {
                    self.prefs = *prefs;
                    self.export_options
                        .publisher
                        .clone_from(&self.prefs.publisher);
                    self.runtime.prefs_loaded = true;
                    self.ask_name_if_unknown();
                }
                Done::Opened(path, Ok(opened), found) => self.show_found(path, *opened, found),
                Done::Restored(dir, Ok(restored)) => self.show_restored(&dir, *restored),
                Done::Restored(dir, Err(message)) => {
                    self.message = Some(Message::error(format!(
                        "Cannot restore the unsaved work in {}: {message}",
                        dir.display()
                    )));
                }
                Done::Opened(_, Err(message), _) | Done::Remembered(Err(message)) => {
                    self.runtime.then = None;
                    self.message = Some(Message::error(message));
                }
                Done::Picked(_, None) => {
                    self.runtime.then = None;
                    self.message = Some(Message::info(
                        "No file chosen. (If no dialog appeared, install zenity or an \
                         xdg-desktop-portal, or drop the file on the window.)",
                    ));
                }
                Done::Picked(Pick::Open, Some(path)) => self.open_path(path),
                Done::PickedMany(paths) => self.compare(&paths),
                Done::Compared(result) => self.show_curation(result),
                Done::Picked(Pick::UpdateText, Some(path)) => self.update_text_from(path),
                Done::Planned { revision, result } => self.show_plan(revision, result),
                Done::PageRead { revision, result } => self.take_whole_page(revision, result),
                Done::Picked(Pick::Export(format), Some(path)) => {
                    self.export_to(ctx, format, path);
                }
                // The dialog asked before choosing a file that exists.
                Done::Picked(Pick::SaveAs, Some(path)) => self.save_as_to(ctx, path),
                Done::Exported { path, result } => {
                    self.message = Some(match result {
                        Ok(warnings) if warnings.is_empty() => {
                            Message::info(format!("Exported {}", path.display()))
                        }
                        Ok(warnings) => Message::info(format!(
                            "Exported {}. Note: {}",
                            path.display(),
                            warnings.join("; ")
                        )),
                        Err(message) => Message::error(message),
                    });
                }
                Done::Remembered(Ok(())) => {}
                Done::Saved {
                    path,
                    revision,
                    result,
                } => match result {
                    Ok(written) => {
                        self.runtime.warned = None;
                        if let Some(session) = self.session_mut() {
                            session.mark_saved(&path, revision, written);
                        }
                        self.message = Some(Message::info(format!("Saved {}", path.display())));
                        self.remember_recent(path);
                        if let Some(after) = self.runtime.then.take() {
                            self.go_ahead(ctx, after);
                        }
                    }
                    Err(SaveFailed::ChangedOnDisk(why)) => {
                        self.runtime.then = None;
                        self.message = Some(Message::error(format!(
                            "Not saved: {} {why}.",
                            path.display()
                        )));
                        self.modal = Some(Modal::ChangedOnDisk {
                            path: path.display().to_string(),
                            why,
                        });
                    }
                    Err(SaveFailed::ReadOnly(message)) => {
                        self.runtime.then = None;
                        self.message = Some(Message::error(message.clone()));
                        self.modal = Some(Modal::ReadOnly { message });
                    }
                    Err(SaveFailed::Error(message)) => {
                        self.runtime.then = None;
                        self.message = Some(Message::error(message));
                    }
                },
                Done::Reapplied(dir, result) => self.show_reapplied(&dir, result),
                Done::DiskChecked(path, change) => self.show_disk_change(path, change),
            }
        }
    }

    /// What the check on regaining the focus found: a change is asked about once.
    fn show_disk_change(&mut self, path: PathBuf, change: Option<String>) {
        let Some(why) = change else {
            return;
        };
        let current = self.session().and_then(|s| s.save_path()) == Some(path.as_path());
        if current && self.modal.is_none() && self.runtime.warned.as_ref() != Some(&path) {
            self.modal = Some(Modal::ChangedOnDisk {
                path: path.display().to_string(),
                why,
            });
            self.runtime.warned = Some(path);
        }
    }

    /// When the window gets the focus back, the file is checked for changes made meanwhile
    /// (in the background), so that the reviewer hears of them before working on.
    pub(super) fn handle_focus(&mut self, ctx: &egui::Context) {
        let regained = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if !regained {
            return;
        }
        if let Some(session) = self.session()
            && let Some(path) = session.save_path().map(ToOwned::to_owned)
        {
            let loaded = session.loaded().cloned();
            self.runtime.jobs.check_disk(ctx, path, loaded);
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if !self.runtime.allow_close && self.curation_holds_close() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        } else if !self.runtime.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved {
                then: AfterPrompt::Close,
            });
        } else {
            // Closing with everything saved, or with the changes discarded: no journal is
            // left to offer next time.
            for session in &mut self.sessions {
                session.close();
            }
        }
    }

    /// Shows a document just opened from `path` (none: the bundled sample), and asks about
    /// the newest unsaved work `found` on it, if any.
    fn show_found(
        &mut self,
        path: Option<PathBuf>,
        opened: Opened,
        found: Vec<crate::journal::Found>,
    ) {
        // Journals of the sessions being replaced are not unsaved work found.
        let own: Vec<PathBuf> = self
            .sessions
            .iter()
            .filter_map(|s| s.journal_dir().map(ToOwned::to_owned))
            .collect();
        let found = found.into_iter().find(|f| !own.contains(&f.dir));
        // The document is remembered by its annotations if they exist yet,
        // else by the article; saving replaces the one with the other.
        let remembered = match (&opened.loaded, opened.save_path.as_ref(), path) {
            (Some(_), Some(save), _) => Some(save.clone()),
            (_, _, path) => path,
        };
        self.runtime.warned = None;
        let mut opened = opened;
        let update = opened.update.take();
        self.show_opened(opened);
        if let Some(trace) = &mut self.runtime.startup {
            trace.document_arrived();
        }
        if let Some(path) = remembered {
            self.remember_recent(path);
        }
        if let Some(dir) = self.runtime.reapply.take() {
            self.modal = Some(Modal::Reapply { dir });
        } else if let Some(found) = found {
            self.modal = Some(Modal::restore(&found));
        }
        // The article is newer than its annotations: they open on their own text, and
        // the review of how they carry over to the new one follows.
        if let Some(update) = update
            && let Some(ctx) = self.runtime.jobs.context()
        {
            let source_file = update.source_file();
            self.plan_update(&ctx, NewText::Read(update.text, source_file));
            self.message = Some(Message::info(
                "The article changed since these annotations were made: comparing the \
                 texts to review how the claims carry over…",
            ));
        }
    }

    /// My work, re-applied to their version of the file: one undoable step, unsaved.
    fn show_reapplied(
        &mut self,
        dir: &Path,
        result: Result<Box<super::super::jobs::Restored>, String>,
    ) {
        let restored = match result {
            Ok(restored) => restored,
            Err(message) => {
                self.message = Some(Message::error(format!(
                    "Cannot re-apply the unsaved work in {}: {message}",
                    dir.display()
                )));
                return;
            }
        };
        let count = restored.edits.len();
        let Some(session) = self.session_mut() else {
            return;
        };
        // Journaled like any change: a new journal begins on their version.
        if let Err(e) = session.apply_all(restored.edits, "Re-apply my changes") {
            self.message = Some(Message::error(format!(
                "Cannot re-apply the unsaved work in {}: {e}",
                dir.display()
            )));
            return;
        }
        if restored.problems.is_empty() {
            if let Some(writer) = &self.runtime.journal {
                writer.remove(dir.to_owned());
            }
            self.message = Some(Message::info(format!(
                "Re-applied {count} unsaved change{} to the file as it is now. Save to keep them.",
                if count == 1 { "" } else { "s" }
            )));
        } else {
            self.message = Some(Message::error(format!(
                "Re-applied {count} change{}. Not re-applied: {}.",
                if count == 1 { "" } else { "s" },
                restored.problems.join("; ")
            )));
        }
    }

    /// Shows restored work in the place of the file as it was loaded.
    fn show_restored(&mut self, dir: &Path, restored: super::super::jobs::Restored) {
        let count = restored.edits.len();
        let journal = self.runtime.journal.as_mut().map(JournalWriter::session);
        match DocSession::restored(restored.opened, restored.edits, journal, dir.to_owned()) {
            Ok(session) => {
                // It takes the place of the file as loaded, which had no changes yet.
                self.show_session(session);
                let mut text = format!(
                    "Restored {count} unsaved change{} from {}. Save to keep them.",
                    if count == 1 { "" } else { "s" },
                    restored.started.format("%Y-%m-%d %H:%M UTC")
                );
                for problem in &restored.problems {
                    text.push_str(" Not restored: ");
                    text.push_str(problem);
                    text.push('.');
                }
                self.message = Some(if restored.problems.is_empty() {
                    Message::info(text)
                } else {
                    Message::error(text)
                });
            }
            Err(e) => {
                self.message = Some(Message::error(format!(
                    "Cannot restore the unsaved work in {}: {e}",
                    dir.display()
                )));
            }
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            self.open_path(path);
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let name = self.session().map_or_else(
            || "factmark".to_owned(),
            |s| match s.save_path().and_then(|p| p.file_name()) {
                Some(name) => name.to_string_lossy().into_owned(),
                None => format!("{} (not saved)", s.document().article.title),
            },
        );
        let title = if self.is_dirty() {
            format!("● {name} — factmark")
        } else {
            format!("{name} — factmark")
        };
        if title != self.runtime.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.runtime.title = title;
        }
    }
}

/// Where an export of a document saved at `save_path` is suggested: beside it, named
/// `<stem><format suffix>`.
pub fn export_suggestion(save_path: Option<&std::path::Path>, format: Format) -> Option<PathBuf> {
    let path = save_path?;
    let name = path.file_name()?.to_string_lossy();
    let stem = name
        .strip_suffix(crate::format::FILE_SUFFIX)
        .unwrap_or(&name);
    Some(path.with_file_name(format!("{stem}{}", format.suffix())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_suggested_beside_the_document() {
        let saved = PathBuf::from("/home/ana/checks/parade.factmark.json");
        assert_eq!(
            export_suggestion(Some(&saved), Format::Html),
            Some(PathBuf::from("/home/ana/checks/parade.report.html"))
        );
        assert_eq!(
            export_suggestion(Some(&saved), Format::Csv)
                .as_deref()
                .and_then(std::path::Path::parent),
            Some(std::path::Path::new("/home/ana/checks"))
        );
        assert_eq!(export_suggestion(None, Format::Csv), None);
    }
}
