//! File work off the UI thread: opening, saving, exporting, file dialogs and preferences
//! run on named threads and report back through a channel, waking the UI with
//! `request_repaint` (invariant 4 in `lib.rs`).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, OnceLock};

use eframe::egui;

use super::prefs::{self, Prefs};
use crate::format::{self, FileIdentity};
use crate::journal;
use crate::model::Document;
use crate::ops::export::{self, Format};
use crate::ops::open::Opened;
use crate::ops::reanchor::Plan;

/// The journals under `root` of work on `file` (none: a document never saved) that are
/// newer than the file and hold changes.
fn unsaved_work(root: &std::path::Path, file: Option<&std::path::Path>) -> Vec<journal::Found> {
    let saved = file
        .and_then(|f| std::fs::metadata(f).ok())
        .and_then(|m| m.modified().ok());
    journal::find(root, file)
        .into_iter()
        .filter(|found| found.has_entries)
        .filter(|found| saved.is_none_or(|saved| found.last_written > saved))
        .collect()
}

/// The work in the journal in `dir`, replayed onto `onto` (re-applying to a changed file)
/// or else onto the journal's own base (restoring after a crash).
fn read_work(dir: &std::path::Path, onto: Option<Document>) -> Result<Box<Restored>, String> {
    let recovered = journal::read(dir).map_err(|e| e.to_string())?;
    let reapplying = onto.is_some();
    let (_, edits, failed) = match onto {
        Some(onto) => journal::replay_onto(onto, &recovered.entries),
        None => journal::replay(&recovered),
    };
    let mut problems: Vec<String> = recovered.damage.clone().into_iter().collect();
    if let Some((entry, why)) = failed {
        problems.push(if reapplying {
            format!(
                "change {entry} and those after it do not apply to this version ({why}); \
                 they are kept in {}",
                dir.display()
            )
        } else {
            format!("change {entry} and those after it no longer apply ({why})")
        });
    }
    // What the file held when the work began: the next save checks the file against it.
    let loaded = recovered.header.base.as_ref().map(|b| FileIdentity {
        sha256: b.sha256.clone(),
        len: b.len,
        modified: None,
    });
    Ok(Box::new(Restored {
        opened: Opened {
            document: recovered.base,
            save_path: recovered.header.file,
            loaded,
            note: None,
            update: None,
        },
        edits,
        started: recovered.header.started,
        problems,
    }))
}

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Open,
    SaveAs,
    Export(Format),
    /// Article ▸ Update text from file…: the new version of the article.
    UpdateText,
}

/// Where the new text of an update comes from.
pub enum NewText {
    /// An article file, to import.
    File(PathBuf),
    /// A text already read (the article opened was newer than its annotations), and the
    /// file it came from.
    Read(Arc<crate::text::Text>, String),
}

pub enum Done {
    /// The preferences, read at start-up.
    Prefs(Box<Prefs>),
    /// The file the user asked to open (none for the bundled sample), and the document
    /// (or why it could not be opened), with the journals of unsaved work on it that are
    /// newer than the file, newest first.
    Opened(
        Option<PathBuf>,
        Result<Box<Opened>, String>,
        Vec<journal::Found>,
    ),
    /// A journal was read back for restoring (or could not be).
    Restored(PathBuf, Result<Box<Restored>, String>),
    /// A file dialog closed: the chosen path, or `None` if the user cancelled (or no
    /// dialog could be shown on this system).
    Picked(Pick, Option<PathBuf>),
    /// File ▸ Compare reviewers…: the files chosen (none: cancelled).
    PickedMany(Vec<PathBuf>),
    /// The reviewers' files read and merged for comparison (or why not).
    Compared(Result<Box<crate::ops::team::curate::Curation>, String>),
    /// A preference (the reviewer's name, the recent files) was written (or could not be).
    Remembered(Result<(), String>),
    Saved {
        path: PathBuf,
        revision: u64,
        /// What the file holds now.
        result: Result<FileIdentity, SaveFailed>,
    },
    /// The file a session saves to was checked (the window got the focus back): what
    /// changed, if anything.
    DiskChecked(PathBuf, Option<String>),
    /// A journal's work re-applied to the document as it is now (or why it could not be).
    Reapplied(PathBuf, Result<Box<Restored>, String>),
    /// An export was written (with its warnings), or could not be.
    Exported {
        path: PathBuf,
        result: Result<Vec<String>, String>,
    },
    /// The document at `revision`, re-anchored onto a new text for the reviewer to review
    /// (or why the new text could not be read).
    Planned {
        revision: u64,
        result: Result<Box<Plan>, String>,
    },
    /// A web page's whole body, read for the document at `revision` (or why it could not
    /// be read).
    PageRead {
        revision: u64,
        result: Result<Box<crate::text::Imported>, String>,
    },
}

/// What a save may find in the file before it writes.
#[derive(Clone, Debug)]
pub enum Expect {
    /// What the session read from it or last wrote there (`None`: nothing was there).
    Holds(Option<FileIdentity>),
    /// Whatever is there: the user chose to write over it.
    Anything,
}

/// Why a save wrote nothing.
#[derive(Clone, Debug)]
pub enum SaveFailed {
    /// The file is not what the session expected there.
    ChangedOnDisk(String),
    /// The file is read-only: it is not replaced.
    ReadOnly(String),
    Error(String),
}

/// A journal read back: what its file held, where it saves, and the work that applies.
pub struct Restored {
    pub opened: Opened,
    pub edits: Vec<crate::edit::Edit>,
    /// When the work was last written.
    pub started: chrono::DateTime<chrono::Utc>,
    /// What could not be restored, if anything.
    pub problems: Vec<String>,
}

pub struct Jobs {
    sender: Sender<Done>,
    receiver: Receiver<Done>,
    running: usize,
    /// Woken when a job is done. Set once the app has a window; jobs started before that
    /// (the first document, the preferences) look here when they finish, and one that
    /// finishes first is picked up by the window's first frame.
    ctx: Arc<OnceLock<egui::Context>>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            running: 0,
            ctx: Arc::new(OnceLock::new()),
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

    /// The window is there: finished jobs wake it from now on.
    pub fn attach(&self, ctx: &egui::Context) {
        // Set once: every later call passes the same window's context.
        self.ctx.get_or_init(|| ctx.clone());
    }

    /// The window's context, once there is a window.
    pub fn context(&self) -> Option<egui::Context> {
        self.ctx.get().cloned()
    }

    fn spawn(
        &mut self,
        ctx: &egui::Context,
        name: &str,
        work: impl FnOnce() -> Done + Send + 'static,
    ) {
        self.attach(ctx);
        self.spawn_quietly(name, work);
    }

    /// Runs `work` on a named thread, waking the window (if there is one yet) when done.
    fn spawn_quietly(&mut self, name: &str, work: impl FnOnce() -> Done + Send + 'static) {
        let sender = self.sender.clone();
        let ctx = Arc::clone(&self.ctx);
        let spawned = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                // The receiver lives as long as the app; if it is gone the app is closing.
                if sender.send(work()).is_ok()
                    && let Some(ctx) = ctx.get()
                {
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

    /// Reads the preferences in the background (none to read: the defaults). May start
    /// before there is a window.
    pub fn load_prefs(&mut self, dir: Option<PathBuf>) {
        self.spawn_quietly("factmark-prefs", move || {
            Done::Prefs(Box::new(
                dir.as_deref().map(Prefs::load).unwrap_or_default(),
            ))
        });
    }

    /// Opens an article or a `.factmark.json` file in the background, and looks for
    /// journals of unsaved work on it under `journals`. May start before there is a window.
    pub fn open(&mut self, path: PathBuf, journals: Option<PathBuf>) {
        self.spawn_quietly("factmark-open", move || {
            let opened = crate::ops::open::open_for_update(&path).map_err(|e| e.to_string());
            let found = match (&opened, journals) {
                (Ok(opened), Some(root)) => unsaved_work(&root, opened.save_path.as_deref()),
                _ => Vec::new(),
            };
            Done::Opened(Some(path), opened.map(Box::new), found)
        });
    }

    /// Opens what `make` gives (the bundled sample) in the background, and looks for
    /// journals of documents never saved under `journals`.
    pub fn open_with(
        &mut self,
        make: impl FnOnce() -> Result<Opened, String> + Send + 'static,
        journals: Option<PathBuf>,
    ) {
        self.spawn_quietly("factmark-open", move || {
            let opened = make();
            let found = match (&opened, journals) {
                (Ok(opened), Some(root)) => unsaved_work(&root, opened.save_path.as_deref()),
                _ => Vec::new(),
            };
            Done::Opened(None, opened.map(Box::new), found)
        });
    }

    /// Checks in the background whether `path` still holds what `loaded` says.
    pub fn check_disk(&mut self, ctx: &egui::Context, path: PathBuf, loaded: Option<FileIdentity>) {
        self.spawn(ctx, "factmark-check", move || {
            let change = format::changed_since(&path, loaded.as_ref()).map(|c| c.to_string());
            Done::DiskChecked(path, change)
        });
    }

    /// Re-applies the work in the journal in `dir` to `onto` (the file as it is now), in
    /// the background.
    pub fn reapply(&mut self, ctx: &egui::Context, dir: PathBuf, onto: Document) {
        self.spawn(ctx, "factmark-reapply", move || {
            let result = read_work(&dir, Some(onto));
            Done::Reapplied(dir, result)
        });
    }

    /// Reads the journal in `dir` and replays it onto its base, in the background.
    pub fn restore(&mut self, ctx: &egui::Context, dir: PathBuf) {
        self.spawn(ctx, "factmark-restore", move || {
            let result = read_work(&dir, None);
            Done::Restored(dir, result)
        });
    }

    /// Reads and merges reviewers' files for comparison, in the background.
    pub fn compare(&mut self, paths: Vec<PathBuf>) {
        self.spawn_quietly("factmark-compare", move || {
            Done::Compared(crate::ops::team::curate::Curation::read(&paths).map(Box::new))
        });
    }

    /// Shows a native dialog to choose several reviewers' files, on its own thread.
    pub fn pick_many(&mut self, ctx: &egui::Context, folder: Option<PathBuf>) {
        self.spawn(ctx, "factmark-dialog", move || {
            let mut dialog = rfd::FileDialog::new();
            if let Some(dir) = folder.filter(|d| d.is_dir()) {
                dialog = dialog.set_directory(&dir);
                // As for one file: zenity starts in the current folder.
                if std::env::set_current_dir(&dir).is_err() {
                    crate::cli::out::note(&format!(
                        "cannot start the file dialog in {}",
                        dir.display()
                    ));
                }
            }
            let chosen = dialog
                .set_title("Reviewers' files of one article")
                .add_filter("factmark annotations", &["json"])
                .pick_files()
                .unwrap_or_default();
            Done::PickedMany(chosen)
        });
    }

    /// Shows a native file dialog (rfd) on its own thread, so the UI never blocks on it.
    pub fn pick(&mut self, ctx: &egui::Context, pick: Pick, suggested: Option<PathBuf>) {
        self.spawn(ctx, "factmark-dialog", move || {
            let mut dialog = rfd::FileDialog::new();
            if let Some(dir) = suggested
                .as_ref()
                .and_then(|p| p.parent())
                .filter(|d| d.is_dir())
            {
                dialog = dialog.set_directory(dir);
                // rfd's zenity fallback passes no folder: zenity starts in the current
                // one. Every path the app holds is absolute (main makes the command
                // line's so), so moving there changes nothing else. If it fails, the
                // dialog starts elsewhere; nothing is written or lost.
                if std::env::set_current_dir(dir).is_err() {
                    crate::cli::out::note(&format!(
                        "cannot start the file dialog in {}",
                        dir.display()
                    ));
                }
            }
            // Saving suggests a file name as well as a folder.
            if pick != Pick::Open
                && let Some(name) = suggested.as_ref().and_then(|p| p.file_name())
            {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            let chosen = match pick {
                Pick::UpdateText => dialog
                    .set_title("The new version of the article")
                    .add_filter(
                        "Articles",
                        &["txt", "md", "markdown", "html", "htm", "mhtml", "mht"],
                    )
                    .add_filter("All files", &["*"])
                    .pick_file(),
                Pick::Open => dialog
                    .add_filter(
                        "Articles and annotations",
                        &[
                            "json", "txt", "md", "markdown", "html", "htm", "mhtml", "mht",
                        ],
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

    /// Reads the new text (if it is a file) and re-anchors `document`, at `revision`, onto
    /// it in the background: a book takes a good part of a second.
    pub fn plan(&mut self, ctx: &egui::Context, new: NewText, document: Document, revision: u64) {
        self.spawn(ctx, "factmark-reanchor", move || {
            let read = match new {
                NewText::Read(text, source_file) => Ok((text, source_file)),
                NewText::File(path) => {
                    crate::ops::reanchor::read_new_text(&path, crate::text::Extract::Readable)
                        .map_err(|e| e.to_string())
                }
            };
            let result = read.map(|(text, name)| Box::new(Plan::new(&document, text, name)));
            Done::Planned { revision, result }
        });
    }

    /// Reads the web page at `path` again, its whole body, in the background.
    pub fn read_whole_page(&mut self, ctx: &egui::Context, path: PathBuf, revision: u64) {
        self.spawn(ctx, "factmark-page", move || {
            let result = crate::text::import_file_with(&path, crate::text::Extract::Body)
                .map(Box::new)
                .map_err(|e| e.to_string());
            Done::PageRead { revision, result }
        });
    }

    /// Writes a preference into `dir` in the background.
    pub fn remember(&mut self, dir: PathBuf, write: prefs::Write) {
        self.spawn_quietly("factmark-prefs", move || {
            Done::Remembered(write.write(&dir))
        });
    }

    /// Saves a snapshot of the document in the background.
    /// Saves `document` to `path` in the background, if the file holds what `expect`
    /// says (else nothing is written).
    pub fn save(
        &mut self,
        ctx: &egui::Context,
        document: Document,
        path: PathBuf,
        revision: u64,
        expect: Expect,
    ) {
        self.spawn(ctx, "factmark-save", move || {
            let change = match &expect {
                Expect::Holds(loaded) => format::changed_since(&path, loaded.as_ref()),
                Expect::Anything => None,
            };
            let result = match change {
                Some(change) => Err(SaveFailed::ChangedOnDisk(change.to_string())),
                None => format::save(&document, &path).map_err(|e| {
                    let message = format!(
                        "{}: cannot save: {e}; the file was not changed",
                        path.display()
                    );
                    match &e {
                        format::SaveError::Io(io)
                            if io.kind() == std::io::ErrorKind::PermissionDenied =>
                        {
                            SaveFailed::ReadOnly(message)
                        }
                        _ => SaveFailed::Error(message),
                    }
                }),
            };
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
            let result = export::export(&document, format, &options)
                .map_err(|e| {
                    format!(
                        "{}: cannot export: {e}; nothing was written",
                        path.display()
                    )
                })
                .and_then(|exported| {
                    format::write_atomic(&path, &exported.bytes)
                        .map(|()| exported.warnings)
                        .map_err(|e| format!("{}: cannot export: {e}", path.display()))
                });
            Done::Exported { path, result }
        });
    }
}
