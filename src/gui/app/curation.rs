//! File ▸ Compare reviewers…: several reviewers' files of one article merged, their
//! agreement, and each disagreement with every reviewer's version to pick from; the result
//! saved as its own file. Blind until then: a reviewer's own file never shows another's
//! claims.

use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use super::{App, Command, Message};
use crate::gui::actions::Action;
use crate::gui::theme;
use crate::model::ClaimId;
use crate::ops::team::curate::Curation;

/// The comparison open in the app.
pub struct CurationView {
    pub curation: Curation,
    /// The disagreement shown, an index into `curation.disagreements`.
    pub at: usize,
    /// The curated file exists: the next Save replaces it (asked first).
    confirm_replace: bool,
}

impl App {
    /// Opens `paths` for comparison: refused, with the reason, if one does not validate
    /// or they are not on one text and one scale.
    pub fn compare(&mut self, paths: &[PathBuf]) {
        if paths.len() < 2 {
            self.message = Some(Message::info(
                "Choose two or more reviewers' files of one article to compare. (If no \
                 dialog appeared, install zenity or an xdg-desktop-portal.)",
            ));
            return;
        }
        let mut documents = Vec::new();
        for path in paths {
            match crate::format::load_file(path).into_valid() {
                Ok(document) => documents.push(document),
                Err(diagnostics) => {
                    let first = diagnostics
                        .iter()
                        .find(|d| d.is_error())
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    self.message = Some(Message::error(format!(
                        "{}: cannot be compared: {first}",
                        path.display()
                    )));
                    return;
                }
            }
        }
        match Curation::new(paths, &documents) {
            Ok(curation) => {
                self.message = Some(Message::info(format!(
                    "Comparing {} reviewers: {} disagreements.",
                    curation.reviewers.len(),
                    curation.disagreements.len()
                )));
                self.runtime.curation = Some(Box::new(CurationView {
                    curation,
                    at: 0,
                    confirm_replace: false,
                }));
            }
            Err(e) => self.message = Some(Message::error(e.to_string())),
        }
    }

    /// File ▸ Compare reviewers…: the dialog, starting in the open file's folder.
    pub(super) fn choose_reviewers(&mut self, ctx: &egui::Context) {
        let folder = self
            .session()
            .and_then(|s| s.save_path())
            .and_then(|p| p.parent().map(ToOwned::to_owned));
        self.runtime.jobs.pick_many(ctx, folder);
    }

    /// The comparison's commands.
    pub(super) fn curation_command(&mut self, command: Command) {
        match command {
            Command::Compare(paths) => self.compare(&paths),
            Command::PickVersion { id, index } => self.pick_version(&id, index),
            Command::SaveCuration { replace } => self.save_curation(replace),
            Command::CloseCuration => self.runtime.curation = None,
            _ => {}
        }
    }

    /// Next or previous disagreement (wrapping).
    pub(super) fn step_disagreement(&mut self, forward: bool) {
        if let Some(view) = &mut self.runtime.curation {
            let n = view.curation.disagreements.len();
            if n > 0 {
                view.at = if forward {
                    (view.at + 1) % n
                } else {
                    (view.at + n - 1) % n
                };
            }
        }
    }

    pub(super) fn pick_version(&mut self, id: &ClaimId, index: usize) {
        let stamp = self.stamp();
        if let Some(view) = &mut self.runtime.curation
            && let Err(e) = view.curation.pick(id, index, &stamp)
        {
            self.message = Some(Message::error(e.to_string()));
        }
    }

    /// Writes the curated file, asking before replacing one that exists.
    pub(super) fn save_curation(&mut self, replace: bool) {
        let Some(view) = &mut self.runtime.curation else {
            return;
        };
        let path = view.curation.path.clone();
        if path.exists() && !replace {
            view.confirm_replace = true;
            return;
        }
        view.confirm_replace = false;
        self.message = Some(match crate::format::save(&view.curation.document, &path) {
            Ok(_) => Message::info(format!(
                "Saved the curated file {} ({} disagreements still open).",
                path.display(),
                view.curation.open()
            )),
            Err(e) => Message::error(format!("{}: cannot write it: {e}", path.display())),
        });
    }

    /// The comparison window, while one is open.
    pub(super) fn curation_ui(&mut self, ctx: &egui::Context) {
        let Some(view) = &mut self.runtime.curation else {
            return;
        };
        let mut commands = Vec::new();
        let mut open = true;
        egui::Window::new("Compare reviewers")
            .open(&mut open)
            .default_width(560.0)
            .default_height(560.0)
            .vscroll(true)
            .show(ctx, |ui| commands = view.ui(ui));
        if !open {
            commands.push(Command::CloseCuration);
        }
        self.commands.extend(commands);
    }
}

impl CurationView {
    fn ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        self.agreement_ui(ui);
        ui.separator();
        self.disagreement_ui(ui, &mut commands);
        ui.separator();
        ui.label(RichText::new(self.curation.path.display().to_string()).weak());
        if self.confirm_replace {
            ui.label("That file exists. Replace it with this curation?");
            ui.horizontal(|ui| {
                if ui.button("Replace it").clicked() {
                    commands.push(Command::SaveCuration { replace: true });
                }
                if ui.button("Keep it").clicked() {
                    self.confirm_replace = false;
                }
            });
        } else if ui.button("Save curated file").clicked() {
            commands.push(Command::SaveCuration { replace: false });
        }
        commands
    }

    /// The reviewers' legend and the agreement numbers of `factmark stats`.
    fn agreement_ui(&self, ui: &mut Ui) {
        let curation = &self.curation;
        ui.label(RichText::new("Reviewers").strong());
        ui.horizontal_wrapped(|ui| {
            for (i, name) in curation.reviewers.iter().enumerate() {
                let color = theme::lane_color(i, ui.visuals());
                let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().circle_filled(dot.center(), 4.0, color);
                ui.label(name);
            }
        });
        ui.add_space(6.0);
        ui.label(RichText::new("Agreement").strong());
        let number = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |x| format!("{x:.3}"));
        egui::Grid::new("agreement").striped(true).show(ui, |ui| {
            ui.label("Pair");
            ui.label("Units both rated");
            ui.label("Cohen's κ");
            ui.label("Span F1 (overlap)");
            ui.end_row();
            for (cohen, spans) in curation
                .stats
                .verdicts
                .cohen_kappa
                .iter()
                .zip(&curation.stats.spans)
            {
                ui.label(format!("{} × {}", cohen.a, cohen.b));
                ui.label(cohen.units.to_string());
                ui.label(number(cohen.value));
                ui.label(number(spans.overlap.f1));
                ui.end_row();
            }
        });
        let v = &curation.stats.verdicts;
        ui.label(format!(
            "Fleiss' κ {} · Krippendorff's α {} nominal, {} ordinal · {} units",
            number(v.fleiss_kappa),
            number(v.krippendorff_alpha.nominal),
            number(v.krippendorff_alpha.ordinal),
            curation.stats.units
        ));
    }

    /// The disagreement shown, with each reviewer's version to pick.
    fn disagreement_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let curation = &self.curation;
        let scale = curation.document.scale();
        let total = curation.disagreements.len();
        if total == 0 {
            ui.label("The reviewers agree on every claim.");
        } else {
            self.at = self.at.min(total - 1);
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Disagreement {} of {total} ({} open)",
                        self.at + 1,
                        curation.open()
                    ))
                    .strong(),
                );
                for action in [Action::PreviousDisagreement, Action::NextDisagreement] {
                    if ui
                        .button(action.label())
                        .on_hover_text(action.tooltip())
                        .clicked()
                    {
                        commands.push(Command::Action(action));
                    }
                }
            });
            let id = curation.disagreements[self.at].clone();
            if let Some(claim) = curation.document.claim(&id) {
                let words = |start: usize, end: usize| {
                    curation
                        .document
                        .text()
                        .slice_chars(start..end)
                        .unwrap_or_default()
                        .to_owned()
                };
                ui.label(format!("“{}”", words(claim.start, claim.end)));
                let versions = curation.versions(&id);
                if versions.is_empty() {
                    ui.label(format!(
                        "Decided: {} ({}).",
                        theme::shown_label(scale, &claim.verdict),
                        claim.review.status.reason
                    ));
                }
                for (index, version) in versions.iter().enumerate() {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let color = theme::verdict_color(scale, &version.verdict, ui.visuals());
                        ui.label(
                            RichText::new(format!(
                                "{}: {}",
                                version.by,
                                theme::shown_label(scale, &version.verdict)
                            ))
                            .color(color)
                            .strong(),
                        );
                        if (version.start, version.end) != (claim.start, claim.end) {
                            ui.label(format!("on “{}”", words(version.start, version.end)));
                        }
                        if !version.rationale.is_empty() {
                            ui.add(egui::Label::new(&version.rationale).wrap());
                        }
                        for source in &version.sources {
                            ui.label(RichText::new(&source.url).weak());
                        }
                        if ui.button(format!("Use {}'s version", version.by)).clicked() {
                            commands.push(Command::PickVersion {
                                id: id.clone(),
                                index,
                            });
                        }
                    });
                }
            }
        }
    }
}
