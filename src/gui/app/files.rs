//! The app's files: opening (also from recent files and drops), saving in the
//! background, the results coming back, closing with unsaved changes, the window title.

use std::path::PathBuf;

use eframe::egui::{self, ViewportCommand};

use super::{AfterPrompt, App};
use crate::gui::jobs::{Done, Pick};
use crate::gui::settings;
use crate::ops::export::Format;

impl App {
    /// Starts an export from the menu: ClaimReview first asks for what it needs (publisher,
    /// fact-check page); every format then asks where to write.
    pub(super) fn start_export(&mut self, ctx: &egui::Context, format: Format) {
        if format == Format::ClaimReview {
            self.asking_claimreview = Some((
                self.export_options.publisher.clone().unwrap_or_default(),
                self.export_options.review_url.clone().unwrap_or_default(),
            ));
        } else {
            self.export_dialog(ctx, format);
        }
    }

    /// Asks where to export the document as `format` (a save dialog, off the UI thread).
    pub(super) fn export_dialog(&mut self, ctx: &egui::Context, format: Format) {
        let Some(open) = &self.open else { return };
        let suggested = open.save_path.as_ref().map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let stem = name.as_deref().map_or("annotations", |n| {
                n.strip_suffix(crate::format::FILE_SUFFIX).unwrap_or(n)
            });
            p.with_file_name(format!("{stem}{}", format.suffix()))
        });
        self.jobs.pick(ctx, Pick::Export(format), suggested);
    }

    /// Exports the open document (as it is now, saved or not) as `format` to `path`, in
    /// the background; the result shows in the status bar.
    pub fn export_to(&mut self, ctx: &egui::Context, format: Format, path: PathBuf) {
        let Some(open) = &self.open else { return };
        let options = self.export_options.clone();
        self.jobs
            .export(ctx, open.document.clone(), format, options, path);
        self.message = Some((format!("Exporting {}…", format.title()), false));
    }

    /// Starts opening `path` in the background (asks first if there are unsaved changes).
    pub fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.is_dirty() {
            self.prompt = Some(AfterPrompt::Open(path));
        } else {
            self.jobs.open(ctx, path);
        }
    }

    /// Saves to the default path (or `then` afterwards: close, open another file).
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<AfterPrompt>) {
        let Some(open) = &mut self.open else { return };
        let Some(path) = open.save_path.clone() else {
            // No file yet: ask where (what was to follow waits for a next Save).
            self.jobs.pick(ctx, Pick::SaveAs, None);
            return;
        };
        open.history.seal();
        self.then = then;
        self.jobs
            .save(ctx, open.document.clone(), path, open.history.revision());
        self.message = Some(("Saving…".to_owned(), false));
    }

    pub(super) fn receive(&mut self, ctx: &egui::Context) {
        for done in self.jobs.poll() {
            match done {
                Done::Opened(path, Ok(opened)) => {
                    self.show_opened(*opened);
                    self.remember_recent(ctx, path);
                }
                Done::Opened(_, Err(message)) | Done::Remembered(Err(message)) => {
                    self.message = Some((message, true));
                }
                Done::Picked(_, None) => {
                    self.message = Some((
                        "No file chosen. (If no dialog appeared, install zenity or an \
                         xdg-desktop-portal, or drop the file on the window.)"
                            .to_owned(),
                        false,
                    ));
                }
                Done::Picked(Pick::Open, Some(path)) => self.open_path(ctx, path),
                Done::Picked(Pick::Export(format), Some(path)) => {
                    self.export_to(ctx, format, path);
                }
                Done::Exported { path, result } => {
                    self.message = Some(match result {
                        Ok(warnings) if warnings.is_empty() => {
                            (format!("Exported {}", path.display()), false)
                        }
                        Ok(warnings) => (
                            format!(
                                "Exported {} — left out: {}",
                                path.display(),
                                warnings.join("; ")
                            ),
                            false,
                        ),
                        Err(message) => (message, true),
                    });
                }
                Done::Picked(Pick::SaveAs, Some(path)) => {
                    if let Some(open) = &mut self.open {
                        open.save_path = Some(path);
                    }
                    self.save(ctx, None);
                }
                Done::Remembered(Ok(())) => {}
                Done::Saved {
                    path,
                    revision,
                    result,
                } => match result {
                    Ok(()) => {
                        if let Some(open) = &mut self.open {
                            open.history.mark_saved(revision);
                        }
                        self.message = Some((format!("Saved {}", path.display()), false));
                        self.remember_recent(ctx, path);
                        match self.then.take() {
                            Some(AfterPrompt::Close) => {
                                self.allow_close = true;
                                ctx.send_viewport_cmd(ViewportCommand::Close);
                            }
                            Some(AfterPrompt::Open(path)) => self.jobs.open(ctx, path),
                            None => {}
                        }
                    }
                    Err(message) => {
                        self.then = None;
                        self.message = Some((message, true));
                    }
                },
            }
        }
    }

    /// Puts `path` first in the recent files and writes the list in the background.
    pub(super) fn remember_recent(&mut self, ctx: &egui::Context, path: PathBuf) {
        let path = std::path::absolute(&path).unwrap_or(path);
        if self.recent.first() == Some(&path) {
            return;
        }
        settings::push_recent(&mut self.recent, path);
        if let Some(dir) = self.config_dir.clone() {
            let recent = self.recent.clone();
            self.jobs
                .remember(ctx, move || settings::save_recent(&dir, &recent));
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.prompt = Some(AfterPrompt::Close);
        }
    }

    /// Asks for a close request (used by tests and the File menu).
    pub fn request_close(&mut self, ctx: &egui::Context) {
        if self.is_dirty() {
            self.prompt = Some(AfterPrompt::Close);
        } else {
            self.allow_close = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    pub fn prompt_open(&self) -> bool {
        self.prompt.is_some()
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.open_path(ctx, path);
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .open
            .as_ref()
            .and_then(|o| o.save_path.as_ref())
            .and_then(|p| p.file_name())
            .map_or_else(
                || "factmark".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let title = if self.is_dirty() {
            format!("● {name} — factmark")
        } else {
            format!("{name} — factmark")
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }
}
