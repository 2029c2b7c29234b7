//! File work off the UI thread: opening, saving, exporting, file dialogs and preferences
//! run on named threads and report back through a channel, waking the UI with
//! `request_repaint` (invariant 4 in `lib.rs`).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;

use crate::format;
use crate::model::{Article, Document};
use crate::ops::export::{self, Format};
use crate::text::{Text, import_file};

/// A document ready to edit, and where Ctrl+S saves it.
pub struct Opened {
    pub document: Document,
    pub save_path: Option<PathBuf>,
    /// Something the user should know (a new set was started, warnings in the file).
    pub note: Option<String>,
}

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Open,
    SaveAs,
    Export(Format),
}

pub enum Done {
    /// The file the user asked to open, and the document (or why it could not be opened).
    Opened(PathBuf, Result<Box<Opened>, String>),
    /// A file dialog closed: the chosen path, or `None` if the user cancelled (or no
    /// dialog could be shown on this system).
    Picked(Pick, Option<PathBuf>),
    /// A preference (the reviewer's name, the recent files) was written (or could not be).
    Remembered(Result<(), String>),
    Saved {
        path: PathBuf,
        revision: u64,
        result: Result<(), String>,
    },
    /// An export was written (with its warnings), or could not be.
    Exported {
        path: PathBuf,
        result: Result<Vec<String>, String>,
    },
}

pub struct Jobs {
    sender: Sender<Done>,
    receiver: Receiver<Done>,
    running: usize,
}

impl Default for Jobs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            running: 0,
        }
    }
}

impl Jobs {
    pub fn busy(&self) -> bool {
        self.running > 0
    }

    /// Results that have arrived since the last call.
    pub fn poll(&mut self) -> Vec<Done> {
        let done: Vec<Done> = self.receiver.try_iter().collect();
        self.running = self.running.saturating_sub(done.len());
        done
    }

    fn spawn(
        &mut self,
        ctx: &egui::Context,
        name: &str,
        work: impl FnOnce() -> Done + Send + 'static,
    ) {
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                // The receiver lives as long as the app; if it is gone the app is closing.
                if sender.send(work()).is_ok() {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.running += 1,
            Err(e) => {
                let failed = Done::Remembered(Err(format!(
                    "cannot start a background thread for {name}: {e}"
                )));
                if self.sender.send(failed).is_ok() {
                    self.running += 1;
                }
            }
        }
    }

    /// Opens an article or a `.factmark.json` file in the background.
    pub fn open(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.spawn(ctx, "factmark-open", move || {
            let opened = open(&path).map(Box::new);
            Done::Opened(path, opened)
        });
    }

    /// Shows a native file dialog (rfd) on its own thread, so the UI never blocks on it.
    pub fn pick(&mut self, ctx: &egui::Context, pick: Pick, suggested: Option<PathBuf>) {
        self.spawn(ctx, "factmark-dialog", move || {
            let mut dialog = rfd::FileDialog::new();
            if let Some(dir) = suggested
                .as_ref()
                .and_then(|p| p.parent())
                .filter(|d| !d.as_os_str().is_empty())
            {
                dialog = dialog.set_directory(dir);
            }
            // Saving suggests a file name as well as a folder.
            if pick != Pick::Open
                && let Some(name) = suggested.as_ref().and_then(|p| p.file_name())
            {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            let chosen = match pick {
                Pick::Open => dialog
                    .add_filter(
                        "Articles and annotations",
                        &["json", "txt", "md", "markdown", "html", "htm"],
                    )
                    .add_filter("All files", &["*"])
                    .pick_file(),
                Pick::SaveAs => dialog
                    .add_filter("factmark annotations", &["json"])
                    .save_file(),
                Pick::Export(format) => {
                    let extension = format.suffix().rsplit('.').next().unwrap_or_default();
                    dialog
                        .set_title(format!("Export as {}", format.title()))
                        .add_filter(format.title(), &[extension])
                        .save_file()
                }
            };
            Done::Picked(pick, chosen)
        });
    }

    /// Writes a preference (with `write`, a function of `settings`) in the background.
    pub fn remember(
        &mut self,
        ctx: &egui::Context,
        write: impl FnOnce() -> Result<(), String> + Send + 'static,
    ) {
        self.spawn(ctx, "factmark-settings", move || Done::Remembered(write()));
    }

    /// Saves a snapshot of the document in the background.
    pub fn save(&mut self, ctx: &egui::Context, document: Document, path: PathBuf, revision: u64) {
        self.spawn(ctx, "factmark-save", move || {
            let result = format::save(&document, &path)
                .map_err(|e| format!("{}: cannot save: {e}", path.display()));
            Done::Saved {
                path,
                revision,
                result,
            }
        });
    }

    /// Writes `document` as `format` to `path` in the background.
    pub fn export(
        &mut self,
        ctx: &egui::Context,
        document: Document,
        format: Format,
        options: export::Options,
        path: PathBuf,
    ) {
        self.spawn(ctx, "factmark-export", move || {
            let exported = export::export(&document, format, &options);
            let result = format::write_atomic(&path, &exported.bytes)
                .map(|()| exported.warnings)
                .map_err(|e| format!("{}: cannot export: {e}", path.display()));
            Done::Exported { path, result }
        });
    }
}

/// Loads an annotation file, or imports an article and finds its annotations beside it.
pub fn open(path: &Path) -> Result<Opened, String> {
    if format::is_annotation_path(path) {
        return load_annotations(path).map(|(document, note)| Opened {
            document,
            save_path: Some(path.to_owned()),
            note,
        });
    }
    let imported = import_file(path).map_err(|e| e.to_string())?;
    let beside = format::default_path(path);
    let text = Text::new(imported.text);
    if beside.exists() {
        let (document, note) = load_annotations(&beside)?;
        if document.text().sha256() != text.sha256() {
            return Err(format!(
                "{}: these annotations were made on a different text than {} now has; \
                 open the .factmark.json file itself to see them",
                beside.display(),
                path.display()
            ));
        }
        return Ok(Opened {
            document,
            save_path: Some(beside),
            note,
        });
    }
    let mut article = Article::new(text);
    article.title = imported.title.unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    article.source_file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Opened {
        document: Document::new(article),
        note: Some(format!(
            "New annotations: Ctrl+S saves them to {}",
            beside.display()
        )),
        save_path: Some(beside),
    })
}

fn load_annotations(path: &Path) -> Result<(Document, Option<String>), String> {
    let loaded = format::load_file(path);
    let warnings: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| format!("{}: {d}", path.display()))
        .collect();
    match loaded.into_valid() {
        Ok(document) => Ok((document, warnings.first().cloned())),
        Err(diagnostics) => {
            let mut message = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .take(5)
                .map(|d| format!("{}: {d}", path.display()))
                .collect::<Vec<_>>()
                .join("\n");
            message.push_str("\nThe file was not opened and will not be changed.");
            Err(message)
        }
    }
}
