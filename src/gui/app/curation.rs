//! File ▸ Compare reviewers…: several reviewers' files of one article merged, their
//! agreement, and each disagreement with every reviewer's version to pick from; the result
//! saved as its own file. Blind until then: a reviewer's own file never shows another's
//! claims.

use std::collections::HashMap;
use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use super::{App, Command, Message};
use crate::gui::actions::Action;
use crate::gui::article_view::Lane;
use crate::gui::theme;
use crate::model::{ClaimId, Verdict};
use crate::ops::team::curate::{Confusion, Curation};

/// The comparison open in the app.
pub struct CurationView {
    pub curation: Curation,
    /// The disagreement shown, an index into `curation.disagreements`.
    pub at: usize,
    /// The curated file exists: the next Save replaces it (asked first).
    confirm_replace: bool,
    /// The two reviewers whose confusion matrix is shown, and the cell opened in it.
    pair: (usize, usize),
    cell: Option<(usize, usize)>,
    confusion: Option<((usize, usize), Confusion)>,
    /// The editor's own versions being written, by disagreement: each stays with its
    /// disagreement when the editor steps to another.
    drafts: HashMap<ClaimId, Draft>,
    /// Closing was asked for with decisions not in the curated file: the question shown.
    closing: Option<Closing>,
    /// The question was just asked: scroll the window to it.
    reveal_question: bool,
}

/// The editor's own final version of a disagreement, while it is written.
#[derive(Default)]
struct Draft {
    verdict: Option<Verdict>,
    rationale: String,
}

/// What waits on the question about unsaved decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Closing {
    /// The comparison window's close button.
    Window,
    /// Closing factmark.
    Quit,
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
        // Reading and merging a book's files takes a while: not on the UI thread.
        self.runtime.jobs.compare(paths.to_vec());
    }

    /// The comparison read (or why it could not be).
    pub(super) fn show_curation(&mut self, result: Result<Box<Curation>, String>) {
        match result {
            Ok(curation) => {
                self.message = Some(Message::info(format!(
                    "Comparing {} reviewers: {} disagreements.",
                    curation.reviewers.len(),
                    curation.disagreements.len()
                )));
                // The reviewers' claims as lanes under the article, when it is theirs.
                let lanes: Vec<Lane> = curation.spans().into_iter().map(Lane::new).collect();
                if let Some(session) = self.session_mut()
                    && session.document().text().sha256() == curation.document.text().sha256()
                {
                    session.views.article.lanes = Some(lanes.into());
                }
                self.runtime.curation = Some(Box::new(CurationView {
                    curation: *curation,
                    at: 0,
                    confirm_replace: false,
                    pair: (0, 1),
                    cell: None,
                    confusion: None,
                    drafts: HashMap::new(),
                    closing: None,
                    reveal_question: false,
                }));
            }
            Err(e) => self.message = Some(Message::error(e)),
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
    pub(super) fn curation_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Compare(paths) => self.compare(&paths),
            Command::PickVersion { id, index } => self.pick_version(&id, index),
            Command::DecideOwn {
                id,
                verdict,
                rationale,
            } => {
                let stamp = self.stamp();
                if let Some(view) = &mut self.runtime.curation {
                    match view.curation.decide_own(&id, &verdict, &rationale, &stamp) {
                        Ok(()) => {
                            view.drafts.remove(&id);
                        }
                        Err(e) => self.message = Some(Message::error(e.to_string())),
                    }
                }
            }
            Command::ReopenDisagreement(id) => {
                if let Some(view) = &mut self.runtime.curation
                    && let Err(e) = view.curation.reopen(&id)
                {
                    self.message = Some(Message::error(e.to_string()));
                }
            }
            // Written (not refused, not waiting on the replace question): what waited goes on.
            Command::SaveCuration { replace } if self.save_curation(replace) => {
                self.after_curation_saved(ctx);
            }
            Command::CloseCuration => {
                if let Some(view) = &mut self.runtime.curation
                    && view.curation.unsaved() > 0
                {
                    view.ask(Closing::Window);
                } else {
                    self.end_curation();
                }
            }
            Command::DiscardCuration => {
                let closing = self.runtime.curation.as_ref().and_then(|v| v.closing);
                self.end_curation();
                if closing == Some(Closing::Quit) {
                    self.request_close(ctx);
                }
            }
            Command::KeepCuration => {
                if let Some(view) = &mut self.runtime.curation {
                    view.closing = None;
                }
            }
            _ => {}
        }
    }

    /// The curated file was written: a close that waited on it goes ahead.
    fn after_curation_saved(&mut self, ctx: &egui::Context) {
        let closing = self.runtime.curation.as_ref().and_then(|v| v.closing);
        if closing.is_some() {
            self.end_curation();
        }
        if closing == Some(Closing::Quit) {
            self.request_close(ctx);
        }
    }

    fn end_curation(&mut self) {
        self.runtime.curation = None;
        for session in &mut self.sessions {
            session.views.article.lanes = None;
        }
    }

    /// Closing factmark waits while the comparison has decisions not in the curated file:
    /// the comparison asks what to do with them.
    pub(super) fn curation_holds_close(&mut self) -> bool {
        let Some(view) = &mut self.runtime.curation else {
            return false;
        };
        if view.curation.unsaved() == 0 {
            return false;
        }
        view.ask(Closing::Quit);
        self.message = Some(Message::info(
            "The comparison has decisions not saved: save or discard them first.",
        ));
        true
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

    /// Writes the curated file, asking before replacing one that exists: whether it was
    /// written.
    pub(super) fn save_curation(&mut self, replace: bool) -> bool {
        let Some(view) = &mut self.runtime.curation else {
            return false;
        };
        let path = view.curation.path.clone();
        if path.exists() && !replace {
            view.confirm_replace = true;
            return false;
        }
        view.confirm_replace = false;
        let (message, written) = match crate::format::save(&view.curation.document, &path) {
            Ok(_) => {
                view.curation.saved();
                let text = format!(
                    "Saved the curated file {} ({} disagreements still open).",
                    path.display(),
                    view.curation.open()
                );
                (Message::info(text), true)
            }
            Err(e) => {
                let text = format!("{}: cannot write it: {e}", path.display());
                (Message::error(text), false)
            }
        };
        self.message = Some(message);
        written
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
            .default_width(600.0)
            .default_height(720.0)
            .vscroll(true)
            .show(ctx, |ui| commands = view.ui(ui));
        if !open {
            commands.push(Command::CloseCuration);
        }
        self.commands.extend(commands);
    }
}

impl CurationView {
    /// Asks what to do with the unsaved decisions before `closing`.
    fn ask(&mut self, closing: Closing) {
        self.closing = Some(closing);
        self.reveal_question = true;
    }

    fn ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(closing) = self.closing {
            self.closing_ui(ui, closing, &mut commands);
        }
        // What is to decide first; the numbers that explain it below.
        self.disagreement_ui(ui, &mut commands);
        ui.separator();
        ui.label(RichText::new(self.curation.path.display().to_string()).weak());
        match self.curation.unsaved() {
            0 => {}
            1 => {
                ui.label("1 decision not saved yet");
            }
            n => {
                ui.label(format!("{n} decisions not saved yet"));
            }
        }
        if self.closing.is_none() {
            self.save_ui(ui, "Save curated file", &mut commands);
        }
        ui.separator();
        self.agreement_ui(ui);
        self.confusion_ui(ui);
        commands
    }

    /// The Save button, or, when the file exists, the question whether to replace it.
    fn save_ui(&mut self, ui: &mut Ui, label: &str, commands: &mut Vec<Command>) {
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
        } else if ui.button(label).clicked() {
            commands.push(Command::SaveCuration { replace: false });
        }
    }

    /// Closing with decisions not in the curated file: save them, drop them, or go on.
    fn closing_ui(&mut self, ui: &mut Ui, closing: Closing, commands: &mut Vec<Command>) {
        let question = egui::Frame::group(ui.style())
            .fill(ui.visuals().extreme_bg_color)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let n = self.curation.unsaved();
                let (decisions, pronoun) = if n == 1 {
                    ("1 decision is".to_owned(), "it")
                } else {
                    (format!("{n} decisions are"), "them")
                };
                let then = match closing {
                    Closing::Window => "closing the comparison",
                    Closing::Quit => "closing factmark",
                };
                ui.label(RichText::new("Unsaved decisions").strong());
                ui.label(format!(
                    "{decisions} not in the curated file yet. Save {pronoun} before {then}?"
                ));
                let save = match closing {
                    Closing::Window => "Save and close",
                    Closing::Quit => "Save and quit",
                };
                ui.horizontal(|ui| {
                    if !self.confirm_replace {
                        self.save_ui(ui, save, commands);
                    }
                    if ui.button("Discard the decisions").clicked() {
                        commands.push(Command::DiscardCuration);
                    }
                    if ui.button("Keep comparing").clicked() {
                        commands.push(Command::KeepCuration);
                    }
                });
                if self.confirm_replace {
                    self.save_ui(ui, save, commands);
                }
            });
        if std::mem::take(&mut self.reveal_question) {
            question.response.scroll_to_me(Some(egui::Align::Min));
        }
        ui.add_space(6.0);
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

    /// Two reviewers' verdict confusion matrix as a coloured grid; a cell clicked lists
    /// its claims, and one of those clicked shows its disagreement.
    fn confusion_ui(&mut self, ui: &mut Ui) {
        let reviewers = &self.curation.reviewers;
        if reviewers.len() < 2 {
            return;
        }
        ui.label(RichText::new("Confusion").strong());
        let (mut a, mut b) = self.pair;
        ui.horizontal(|ui| {
            for (salt, which) in [("rows", &mut a), ("columns", &mut b)] {
                egui::ComboBox::from_id_salt(salt)
                    .selected_text(&reviewers[*which])
                    .show_ui(ui, |ui| {
                        for (i, name) in reviewers.iter().enumerate() {
                            ui.selectable_value(which, i, name);
                        }
                    })
                    .response
                    .on_hover_text(format!("The reviewer of the {salt}"));
            }
        });
        if (a, b) != self.pair {
            self.pair = (a, b);
            self.cell = None;
        }
        if self.confusion.as_ref().map(|(p, _)| *p) != Some((a, b)) {
            self.confusion = self.curation.confusion(a, b).map(|c| ((a, b), c));
        }
        let Some((_, confusion)) = &self.confusion else {
            return;
        };
        let scale = self.curation.document.scale();
        let name = |l: &Option<Verdict>| {
            l.as_ref().map_or_else(
                || "no claim".to_owned(),
                |v| theme::shown_label(scale, v).into_owned(),
            )
        };
        let most = confusion
            .cells
            .iter()
            .flatten()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(1);
        let mut clicked = None;
        egui::Grid::new("confusion").show(ui, |ui| {
            ui.label(format!("{} ↓ · {} →", reviewers[a], reviewers[b]));
            for label in &confusion.labels {
                ui.label(name(label));
            }
            ui.end_row();
            for (r, row) in confusion.cells.iter().enumerate() {
                ui.label(name(&confusion.labels[r]));
                for (c, cell) in row.iter().enumerate() {
                    #[allow(clippy::cast_precision_loss)]
                    let share = cell.len() as f32 / most as f32;
                    let hue = if r == c {
                        egui::Color32::from_rgb(60, 160, 90)
                    } else {
                        egui::Color32::from_rgb(200, 80, 60)
                    };
                    let fill = hue.gamma_multiply(0.15 + 0.85 * share);
                    let label = format!(
                        "{}: {}, {}: {}: {} units",
                        reviewers[a],
                        name(&confusion.labels[r]),
                        reviewers[b],
                        name(&confusion.labels[c]),
                        cell.len()
                    );
                    let response = ui
                        .add_enabled(
                            !cell.is_empty(),
                            egui::Button::new(cell.len().to_string()).fill(fill),
                        )
                        .on_hover_text(&label);
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, !cell.is_empty(), &label)
                    });
                    if response.clicked() {
                        clicked = Some((r, c));
                    }
                }
                ui.end_row();
            }
        });
        if clicked.is_some() {
            self.cell = clicked;
        }
        if let Some(at) = self.cell_list_ui(ui, a, b) {
            self.at = at;
        }
    }

    /// The claims of the confusion cell opened, each a link to its disagreement if it is
    /// one: the disagreement clicked.
    fn cell_list_ui(&self, ui: &mut Ui, a: usize, b: usize) -> Option<usize> {
        let ((r, c), (_, confusion)) = (self.cell?, self.confusion.as_ref()?);
        let reviewers = &self.curation.reviewers;
        let scale = self.curation.document.scale();
        let name = |l: &Option<Verdict>| {
            l.as_ref().map_or_else(
                || "no claim".to_owned(),
                |v| theme::shown_label(scale, v).into_owned(),
            )
        };
        let units = &confusion.cells[r][c];
        ui.label(format!(
            "{} units: {} {}, {} {}",
            units.len(),
            reviewers[a],
            name(&confusion.labels[r]),
            reviewers[b],
            name(&confusion.labels[c])
        ));
        let mut jump = None;
        for (ca, cb) in units.iter().take(50) {
            let words = ca
                .as_ref()
                .and_then(|id| self.curation.words(a, id))
                .or_else(|| cb.as_ref().and_then(|id| self.curation.words(b, id)))
                .unwrap_or_default();
            let shown = crate::text::gist(words, 60);
            let at = [ca, cb]
                .into_iter()
                .flatten()
                .find_map(|id| self.curation.disagreement_of(id));
            let text = format!("“{shown}”");
            match at {
                Some(at) => {
                    if ui
                        .link(text)
                        .on_hover_text("Show this disagreement")
                        .clicked()
                    {
                        jump = Some(at);
                    }
                }
                None => {
                    ui.label(text);
                }
            }
        }
        if units.len() > 50 {
            ui.label(format!("and {} more", units.len() - 50));
        }
        jump
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
                    if curation.decided(&id)
                        && ui
                            .button("Reopen")
                            .on_hover_text(
                                "Undo this decision: every reviewer's version to pick from again",
                            )
                            .clicked()
                    {
                        commands.push(Command::ReopenDisagreement(id.clone()));
                    }
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
                if !versions.is_empty() {
                    let draft = self.drafts.entry(id.clone()).or_default();
                    own_version_ui(ui, scale, draft, &id, commands);
                }
            }
        }
    }
}

/// The editor's own final version of a disagreement: a verdict and a rationale.
fn own_version_ui(
    ui: &mut Ui,
    scale: &crate::model::Scale,
    draft: &mut Draft,
    id: &ClaimId,
    commands: &mut Vec<Command>,
) {
    let Draft {
        verdict: own_verdict,
        rationale: own_rationale,
    } = draft;
    ui.label("Or write the final version:");
    ui.horizontal_wrapped(|ui| {
        for v in scale.verdicts() {
            let color = theme::verdict_color(scale, v, ui.visuals());
            let text = RichText::new(theme::shown_label(scale, v)).color(color);
            ui.selectable_value(own_verdict, Some(v.clone()), text);
        }
    });
    let label = ui.label("Final rationale");
    ui.add(
        egui::TextEdit::multiline(own_rationale)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let ready = own_verdict.is_some();
    if ui
        .add_enabled(ready, egui::Button::new("Use the final version"))
        .on_disabled_hover_text("Choose its verdict first")
        .clicked()
        && let Some(verdict) = own_verdict.clone()
    {
        // The draft goes once the decision is made (it stays if that is refused).
        commands.push(Command::DecideOwn {
            id: id.clone(),
            verdict,
            rationale: own_rationale.clone(),
        });
    }
}
