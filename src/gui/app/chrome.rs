//! The window's chrome around the article: menu bar, status bar, and the questions the app
//! asks (unsaved changes, the reviewer's name, what a ClaimReview export needs).

use eframe::egui::{self, Ui, ViewportCommand};

use super::{AfterPrompt, App};
use crate::gui::actions::Action;
use crate::gui::settings::{self, Line};
use crate::gui::theme;
use crate::model::Verdict;

impl App {
    /// Asks once for the reviewer's name, which stamps every change, and remembers it.
    pub(super) fn reviewer_ui(&mut self, ctx: &egui::Context) {
        let Some(name) = &mut self.asking_name else {
            return;
        };
        let mut done = false;
        egui::Modal::new(egui::Id::unique("reviewer name")).show(ctx, |ui| {
            ui.heading("Who is reviewing?");
            ui.label("Your name stamps every claim you create or change. It is remembered on this computer.");
            let label = ui.label("Your name");
            let response = ui.text_edit_singleline(name).labelled_by(label.id);
            response.request_focus();
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ok = ui.add_enabled(!name.trim().is_empty(), egui::Button::new("OK"));
            done = (ok.clicked() || enter) && !name.trim().is_empty();
        });
        if done {
            let name = self
                .asking_name
                .take()
                .unwrap_or_default()
                .trim()
                .to_owned();
            self.reviewer.clone_from(&name);
            if let Some(dir) = self.config_dir.clone() {
                self.jobs.remember(ctx, move || {
                    settings::save_line(&dir, Line::Reviewer, &name)
                });
            }
        }
    }

    /// What a ClaimReview export needs that the document does not hold: the publishing
    /// organisation (remembered) and the fact-check page. Either may stay empty; the export
    /// then leaves it out and says so.
    pub(super) fn claimreview_ui(&mut self, ctx: &egui::Context) {
        let Some((publisher, page)) = &mut self.asking_claimreview else {
            return;
        };
        let page_check = if page.trim().is_empty() {
            Ok(())
        } else {
            crate::format::check_url(page.trim())
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("claimreview options")).show(ctx, |ui| {
            ui.heading("Export ClaimReview");
            ui.label(
                "Google's fact-check markup names who publishes the fact-check and the page \
                 it is on. Left empty, a field is left out of the markup.",
            );
            egui::Grid::new("claimreview fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label("Publisher");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(publisher)
                                .hint_text("Example Fact Checks")
                                .desired_width(320.0),
                        )
                        .labelled_by(label.id);
                    // Ready to type as soon as it opens.
                    if ui.memory(|m| m.focused().is_none()) {
                        field.request_focus();
                    }
                    ui.end_row();
                    let label = ui.label("Fact-check page");
                    ui.add(
                        egui::TextEdit::singleline(page)
                            .hint_text("https://…")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            if let Err(problem) = &page_check {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(page_check.is_ok(), egui::Button::new("Choose file…"))
                    .clicked()
                {
                    choice = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                let (publisher, page) = self.asking_claimreview.take().unwrap_or_default();
                let (publisher, page) = (publisher.trim().to_owned(), page.trim().to_owned());
                if let Some(dir) = self.config_dir.clone()
                    && !publisher.is_empty()
                    && self.export_options.publisher.as_deref() != Some(publisher.as_str())
                {
                    let name = publisher.clone();
                    self.jobs.remember(ctx, move || {
                        settings::save_line(&dir, Line::Publisher, &name)
                    });
                }
                self.export_options.publisher = (!publisher.is_empty()).then_some(publisher);
                self.export_options.review_url = (!page.is_empty()).then_some(page);
                self.export_dialog(ctx, crate::ops::export::Format::ClaimReview);
            }
            Some(false) => self.asking_claimreview = None,
            None => {}
        }
    }

    pub(super) fn prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(after) = self.prompt.clone() else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved changes")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label("This document has changes that are not saved.");
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(0);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                self.prompt = None;
                self.save(ctx, Some(after));
            }
            Some(1) => {
                self.prompt = None;
                match after {
                    AfterPrompt::Close => {
                        self.allow_close = true;
                        ctx.send_viewport_cmd(ViewportCommand::Close);
                    }
                    AfterPrompt::Open(path) => self.jobs.open(ctx, path),
                }
            }
            Some(_) => self.prompt = None,
            None => {}
        }
    }

    pub(super) fn menu_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, &ctx, Action::Open);
                self.recent_menu_ui(ui, &ctx);
                for action in [Action::Save, Action::SaveAs] {
                    self.menu_item(ui, &ctx, action);
                }
                ui.add_enabled_ui(self.open.is_some(), |ui| {
                    ui.menu_button("Export", |ui| {
                        for format in crate::ops::export::Format::ALL {
                            if ui
                                .button(format!("{}…", format.title()))
                                .on_hover_text(format!(
                                    "Write the claims as {} (file name ending {})",
                                    format.title(),
                                    format.suffix()
                                ))
                                .clicked()
                            {
                                ui.close();
                                self.start_export(&ctx, format);
                            }
                        }
                    });
                });
                ui.separator();
                if ui.button("Quit").clicked() {
                    self.request_close(&ctx);
                }
            });
            ui.menu_button("Edit", |ui| {
                for action in [Action::Undo, Action::Redo, Action::Find] {
                    self.menu_item(ui, &ctx, action);
                }
            });
            ui.menu_button("Claim", |ui| {
                for action in [
                    Action::MarkVerified,
                    Action::MarkDisputed,
                    Action::MarkInaccurate,
                    Action::MarkUnreviewed,
                    Action::NextClaim,
                    Action::PreviousClaim,
                    Action::NextUnreviewed,
                    Action::DeleteClaim,
                    Action::ClearSelection,
                ] {
                    self.menu_item(ui, &ctx, action);
                }
            });
            ui.menu_button("View", |ui| {
                // Named, not egui's icon-only buttons: a menu should say what it does.
                let mut theme = ui.options(|o| o.theme_preference);
                for (preference, label) in [
                    (egui::ThemePreference::Light, "Light"),
                    (egui::ThemePreference::Dark, "Dark"),
                    (egui::ThemePreference::System, "Follow the system"),
                ] {
                    if ui.selectable_value(&mut theme, preference, label).clicked() {
                        ctx.set_theme(theme);
                        ui.close();
                    }
                }
                ui.separator();
                egui::gui_zoom::zoom_menu_buttons(ui);
            });
        });
    }

    /// File ▸ Open Recent: the recent files by name, the full path on hover.
    fn recent_menu_ui(&mut self, ui: &mut Ui, ctx: &egui::Context) {
        ui.add_enabled_ui(!self.recent.is_empty(), |ui| {
            ui.menu_button("Open Recent", |ui| {
                let mut chosen = None;
                for path in &self.recent {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        chosen = Some(path.clone());
                    }
                }
                ui.separator();
                if ui.button("Clear Recent").clicked() {
                    self.recent.clear();
                    if let Some(dir) = self.config_dir.clone() {
                        self.jobs
                            .remember(ctx, move || settings::save_recent(&dir, &[]));
                    }
                    ui.close();
                }
                if let Some(path) = chosen {
                    ui.close();
                    self.open_path(ctx, path);
                }
            });
        });
    }

    fn menu_item(&mut self, ui: &mut Ui, ctx: &egui::Context, action: Action) {
        let enabled = match action {
            Action::Undo => self.open.as_ref().is_some_and(|o| o.history.can_undo()),
            Action::Redo | Action::RedoAlt => {
                self.open.as_ref().is_some_and(|o| o.history.can_redo())
            }
            Action::Save => self.open.is_some(),
            _ => true,
        };
        let button = egui::Button::new(action.label()).shortcut_text(action.shortcut_text());
        if ui.add_enabled(enabled, button).clicked() {
            self.run(ctx, action);
            ui.close();
        }
    }

    pub(super) fn status_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(open) = &self.open {
                let file = open
                    .save_path
                    .as_ref()
                    .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
                ui.label(file);
                ui.separator();
                ui.label(if open.history.is_dirty() {
                    "unsaved changes"
                } else {
                    "saved"
                });
                ui.separator();
                for (verdict, count) in Verdict::ALL.into_iter().zip(self.stats.counts) {
                    ui.colored_label(
                        theme::verdict_color(verdict, ui.visuals()),
                        format!("{verdict} {count}"),
                    );
                }
                ui.separator();
            }
            ui.label("reviewer:");
            ui.add(
                egui::TextEdit::singleline(&mut self.reviewer)
                    .desired_width(100.0)
                    .hint_text("your name"),
            );
            if self.jobs.busy() {
                ui.spinner();
            }
            if let Some((message, error)) = &self.message {
                ui.separator();
                if *error {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                } else {
                    ui.label(message);
                }
            }
        });
    }
}
