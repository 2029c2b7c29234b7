//! The desktop app (feature `gui`): eframe window, panels, article view, action table,
//! background file work, theme.
//!
//! The only part of factmark that uses egui, eframe or rfd. It changes the document only by
//! applying `Edit`s through the history, and never reads or writes files on the UI thread.

mod actions;
mod app;
mod article_view;
mod find;
mod jobs;
mod panels;
mod settings;
mod theme;

use std::path::Path;
use std::process::ExitCode;

pub use actions::Action;
pub use app::App;
pub use jobs::{Opened, open};

use crate::format;

/// The bundled sample, for `factmark` with no arguments.
const SAMPLE_JSON: &str = include_str!("../../annotations/beijing-parade-2025.factmark.json");
const SAMPLE_NAME: &str = "beijing-parade-2025.factmark.json";

/// The sample annotations: from the source tree when running there (Ctrl+S saves back),
/// else the copy built into the binary (Ctrl+S saves into the current folder).
pub fn sample() -> Result<Opened, String> {
    let in_tree = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("annotations")
        .join(SAMPLE_NAME);
    if in_tree.exists() {
        return open(&in_tree);
    }
    let document = format::load(SAMPLE_JSON.as_bytes())
        .into_valid()
        .map_err(|_| "the bundled sample is damaged".to_owned())?;
    Ok(Opened {
        document,
        save_path: Some(std::path::PathBuf::from(SAMPLE_NAME)),
        note: None,
    })
}

/// Opens the app window on `path` (or the bundled sample) and runs until it closes.
pub fn run(path: Option<&Path>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_title("factmark")
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    let path = path.map(Path::to_owned);
    let result = eframe::run_native(
        "factmark",
        options,
        Box::new(move |cc| {
            let config = settings::config_dir();
            let reviewer = config
                .as_deref()
                .and_then(|dir| settings::load_line(dir, settings::Line::Reviewer))
                .unwrap_or_default();
            let mut app = App::new(None, reviewer.clone());
            match path {
                Some(path) => app.open_path(&cc.egui_ctx, path),
                None => match sample() {
                    Ok(opened) => app = App::new(Some(opened), reviewer),
                    Err(message) => app.message = Some((message, true)),
                },
            }
            app.recent = config
                .as_deref()
                .map(settings::load_recent)
                .unwrap_or_default();
            app.export_options.publisher = config
                .as_deref()
                .and_then(|dir| settings::load_line(dir, settings::Line::Publisher));
            app.config_dir = config;
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
