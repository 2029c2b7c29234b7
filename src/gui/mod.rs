//! The desktop app (feature `gui`): the window, the document sessions, the views (menus,
//! panels, the article), the action table, background jobs, preferences and theme.
//!
//! The only part of factmark that uses egui, eframe or rfd. It changes a document only by
//! applying `Edit`s through its session, and never reads or writes files on the UI thread:
//! not even at start-up, when the preferences and the first document load in the
//! background while the window opens.

mod actions;
mod app;
mod article_view;
mod caret;
mod find;
mod jobs;
mod journal;
mod layout;
mod panels;
mod prefs;
mod session;
mod theme;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use actions::Action;
pub use app::{
    AfterPrompt, App, Command, Decided, Message, MessageKind, Modal, Review, ReviewPick,
    StartupTrace,
};
pub use article_view::{ArticleView, Scroll, Selection};
pub use prefs::{PanelWidths, Prefs, Reading, Theme};
pub use session::{DocSession, Views};

use crate::format;
use crate::ops::open::Opened;

/// The bundled sample, for `factmark` with no arguments: built into the binary, so a start
/// with no arguments never reads (or writes) the source checkout or an install folder.
const SAMPLE_JSON: &str = include_str!("../../annotations/beijing-parade-2025.factmark.json");

/// The bundled sample as an unsaved copy: it has no file, so Ctrl+S asks where to save it.
pub fn sample() -> Result<Opened, String> {
    let document = format::load(SAMPLE_JSON.as_bytes())
        .into_valid()
        .map_err(|_| "the bundled sample is damaged".to_owned())?;
    Ok(Opened {
        document,
        save_path: None,
        loaded: None,
        note: Some(
            "The bundled sample, not saved anywhere yet: Ctrl+S asks where to save your copy."
                .to_owned(),
        ),
        update: None,
    })
}

/// The configuration folder on this computer (`$XDG_CONFIG_HOME/factmark`, else
/// `~/.config/factmark`).
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("factmark"))
}

/// Where unsaved work is journaled: `$XDG_DATA_HOME/factmark/journal`, else
/// `~/.local/share/factmark/journal`. Never beside the user's files.
pub fn data_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("factmark").join("journal"))
}

/// Opens the app window on `path` (or the bundled sample) and runs until it closes.
pub fn run(path: Option<&Path>, started: std::time::Instant) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_title("factmark")
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    // The preferences and the document start loading on background threads now, while
    // the window is made; its first frames show what has arrived. Nothing is read here.
    let mut app = App::begin(config_dir(), data_dir(), path.map(Path::to_owned));
    if let Some(out) = std::env::var_os("FACTMARK_STARTUP_TRACE") {
        app = app.tracing_startup(StartupTrace::new(started, out.into()));
    }
    let result = eframe::run_native(
        "factmark",
        options,
        Box::new(move |cc| {
            app.attach(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::cli::out::error(&format!("cannot open the app window: {e}"));
            ExitCode::FAILURE
        }
    }
}
