//! The View menu (theme, zoom) and opening a file by dropping it on the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{Key, Modifiers, Theme};
use egui_kittest::kittest::Queryable as _;

use super::{document, harness, sample_copy, wait_for_jobs};

#[test]
fn the_view_menu_switches_the_theme_and_zooms() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    for (item, theme) in [("Light", Theme::Light), ("Dark", Theme::Dark)] {
        harness.get_by_label("View").click();
        harness.run();
        harness.get_by_label(item).click();
        harness.run();
        assert_eq!(harness.ctx.theme(), theme, "{item}");
        assert_eq!(
            harness.ctx.global_style().visuals.dark_mode,
            theme == Theme::Dark
        );
    }

    // View ▸ Zoom In zooms; Ctrl+0 goes back; Ctrl+Plus zooms again.
    let unzoomed = |h: &egui_kittest::Harness<'_, factmark::gui::App>| {
        (h.ctx.zoom_factor() - 1.0).abs() < f32::EPSILON
    };
    assert!(unzoomed(&harness));
    harness.get_by_label("View").click();
    harness.run();
    // (egui's item names its shortcut too: "Zoom In Ctrl++".)
    harness.get_by_label_contains("Zoom In").click();
    harness.run();
    assert!(harness.ctx.zoom_factor() > 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert!(unzoomed(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert!(harness.ctx.zoom_factor() > 1.0);
}

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_file_on_the_window_opens_it() {
    let (dir, sample) = sample_copy();
    let article = dir.path().join("dropped.txt");
    std::fs::write(&article, "Dropped on the window.\n").expect("write");
    let mut harness = harness(&sample);
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(article)));
    harness.step();
    wait_for_jobs(&mut harness);
    assert_eq!(
        document(&harness).text().as_str(),
        "Dropped on the window.\n"
    );
}
