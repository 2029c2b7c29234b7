//! The menu bar: a view of what can be done now, returning what was chosen. Every item is
//! an entry of the action table (label, tooltip, key), except the recent files.

use std::path::PathBuf;

use eframe::egui::{self, Ui};

use super::{App, Command};
use crate::gui::actions::Action;
use crate::gui::prefs::{Reading, Theme};
use crate::ops::export::Format;

/// What the menus need to know.
#[allow(clippy::struct_excessive_bools)] // one flag per menu item that can be disabled
pub struct MenuState<'a> {
    pub has_document: bool,
    /// The document is a web page with no claims yet, whose file can be read again.
    pub can_import_whole_page: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub recent: &'a [PathBuf],
    /// The open document's verdict scale (factmark's when none is open).
    pub scale: &'a crate::model::Scale,
    pub theme: Theme,
    pub reading: Reading,
}

impl App {
    pub(super) fn menu_state(&self) -> MenuState<'_> {
        let history = self
            .session()
            .map(super::super::session::DocSession::history);
        MenuState {
            has_document: self.session().is_some(),
            can_import_whole_page: self
                .session()
                .is_some_and(|s| s.web_page_path().is_some() && s.document().claims().is_empty()),
            can_undo: history.is_some_and(crate::edit::History::can_undo),
            can_redo: history.is_some_and(crate::edit::History::can_redo),
            recent: &self.prefs.recent,
            scale: match self.session() {
                Some(session) => session.document().scale(),
                None => crate::model::Scale::default_ref(),
            },
            theme: self.prefs.theme,
            reading: self.prefs.reading,
        }
    }
}

/// A menu item for `action`, with its key and tooltip from the action table.
fn item(ui: &mut Ui, commands: &mut Vec<Command>, action: Action, enabled: bool) {
    labelled_item(ui, commands, action, action.label(), enabled);
}

/// [`item`] under another label (a marking action names its level).
fn labelled_item(
    ui: &mut Ui,
    commands: &mut Vec<Command>,
    action: Action,
    label: &str,
    enabled: bool,
) {
    let mut button = egui::Button::new(label);
    let key = action.shortcut_text();
    if !key.is_empty() {
        button = button.shortcut_text(key);
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(action.tooltip())
        .clicked()
    {
        commands.push(Command::Action(action));
        ui.close();
    }
}

fn items(ui: &mut Ui, commands: &mut Vec<Command>, actions: &[Action], enabled: bool) {
    for &action in actions {
        item(ui, commands, action, enabled);
    }
}

/// The marking actions of the scale's levels, each named as the scale names it.
fn marks(ui: &mut Ui, commands: &mut Vec<Command>, scale: &crate::model::Scale, enabled: bool) {
    for action in Action::MARKS.into_iter().filter(|a| a.on_scale(scale)) {
        labelled_item(ui, commands, action, &action.label_on(scale), enabled);
    }
}

/// The Claim menu: marking, stepping through claims, review.
fn claim_menu(ui: &mut Ui, c: &mut Vec<Command>, scale: &crate::model::Scale, doc: bool) {
    marks(ui, c, scale, doc);
    ui.separator();
    let steps = [
        Action::NextClaim,
        Action::PreviousClaim,
        Action::NextUnreviewed,
        Action::NextNeedingReview,
        Action::DeleteClaim,
        Action::ClearSelection,
    ];
    items(ui, c, &steps, doc);
    ui.separator();
    let review = [
        Action::SendForReview,
        Action::Approve,
        Action::RequestChanges,
        Action::BackToDraft,
    ];
    items(ui, c, &review, doc);
}

/// File ▸ Open Recent: the recent files by name, the full path on hover.
fn recent_menu(ui: &mut Ui, commands: &mut Vec<Command>, recent: &[PathBuf]) {
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open Recent", |ui| {
            for path in recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    commands.push(Command::Open(path.clone()));
                    ui.close();
                }
            }
            ui.separator();
            if ui
                .button("Clear Recent")
                .on_hover_text("Forget the recent files (the files stay as they are)")
                .clicked()
            {
                commands.push(Command::ClearRecent);
                ui.close();
            }
        });
    });
}

pub fn menu_bar(ui: &mut Ui, state: &MenuState<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let c = &mut commands;
    egui::MenuBar::new().ui(ui, |ui| {
        let doc = state.has_document;
        ui.menu_button("File", |ui| {
            item(ui, c, Action::Open, true);
            recent_menu(ui, c, state.recent);
            item(ui, c, Action::CompareReviewers, true);
            item(ui, c, Action::Save, doc);
            item(ui, c, Action::SaveAs, doc);
            ui.add_enabled_ui(doc, |ui| {
                ui.menu_button("Export", |ui| {
                    for format in Format::ALL {
                        item(ui, c, Action::Export(format), doc);
                    }
                });
            });
            ui.separator();
            item(ui, c, Action::Quit, true);
        });
        ui.menu_button("Edit", |ui| {
            item(ui, c, Action::Undo, state.can_undo);
            item(ui, c, Action::Redo, state.can_redo);
            item(ui, c, Action::Find, doc);
        });
        ui.menu_button("Article", |ui| {
            item(ui, c, Action::ArticleProperties, doc);
            item(ui, c, Action::VerdictScale, doc);
            item(ui, c, Action::UpdateText, doc);
            item(ui, c, Action::ImportWholePage, state.can_import_whole_page);
            ui.separator();
            items(
                ui,
                c,
                &[
                    Action::PageUp,
                    Action::PageDown,
                    Action::Top,
                    Action::Bottom,
                ],
                doc,
            );
        });
        ui.menu_button("Claim", |ui| claim_menu(ui, c, state.scale, doc));
        ui.menu_button("View", |ui| {
            for (action, theme) in [
                (Action::ThemeLight, Theme::Light),
                (Action::ThemeDark, Theme::Dark),
                (Action::ThemeSystem, Theme::System),
            ] {
                let chosen = state.theme == theme;
                if ui
                    .add(egui::Button::new(action.label()).selected(chosen))
                    .on_hover_text(action.tooltip())
                    .clicked()
                {
                    c.push(Command::Action(action));
                    ui.close();
                }
            }
            ui.separator();
            let mut reading = state.reading;
            ui.checkbox(&mut reading.snap_to_words, "Snap to words")
                .on_hover_text("A drag grows to whole words; Alt+drag selects exact characters");
            ui.horizontal(|ui| {
                ui.label("Text size");
                ui.add(
                    egui::Slider::new(&mut reading.text_size, Reading::SIZES)
                        .step_by(1.0)
                        .suffix(" pt"),
                )
                .on_hover_text("The size of the article's text (zoom changes everything)");
            });
            if reading != state.reading {
                c.push(Command::SetReading(reading));
            }
            ui.separator();
            items(
                ui,
                c,
                &[Action::ZoomIn, Action::ZoomOut, Action::ZoomReset],
                true,
            );
        });
        ui.menu_button("Help", |ui| {
            item(ui, c, Action::Shortcuts, true);
        });
    });
    commands
}
