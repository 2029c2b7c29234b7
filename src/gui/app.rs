//! The app's state and frame: menus, keys, panels, background results, the close prompt.

use std::path::PathBuf;

use eframe::egui::{self, Ui};

use super::actions::Action;
mod chrome;
mod files;

use super::article_view::{ArticleView, Selection};
use super::find::{Find, FindRequest};
use super::jobs::{Jobs, Opened, Pick};
use super::panels::{self, ListFilter};
use super::theme;
use crate::edit::{Edit, Group, History};
use crate::model::{Claim, ClaimId, Document, Stamp, Verdict};

/// The open document with its history and where it saves.
pub struct Open {
    pub document: Document,
    pub history: History,
    pub save_path: Option<PathBuf>,
}

/// What happens once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
enum AfterPrompt {
    Close,
    Open(PathBuf),
}

#[derive(Default)]
pub struct App {
    pub open: Option<Open>,
    pub view: ArticleView,
    pub selected: Option<ClaimId>,
    pub reviewer: String,
    pub filter: ListFilter,
    /// The last thing worth telling the user, and whether it is an error.
    pub message: Option<(String, bool)>,
    /// Buffers of the inspector's text fields (widgets never hold `&mut` into the model).
    pub inspector: panels::InspectorBuffers,
    jobs: Jobs,
    prompt: Option<AfterPrompt>,
    allow_close: bool,
    title: String,
    /// A save that should be followed by closing or opening another file.
    then: Option<AfterPrompt>,
    /// The reviewer-name question is showing; its text so far.
    asking_name: Option<String>,
    /// Where the reviewer's name and the recent files are remembered (none: nothing is
    /// remembered, as in most tests).
    pub config_dir: Option<PathBuf>,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    pub find: Find,
    pub stats: panels::ClaimStats,
    /// What exports need beyond the document (ClaimReview's publisher and page).
    pub export_options: crate::ops::export::Options,
    /// The ClaimReview question is showing: publisher and fact-check page so far.
    asking_claimreview: Option<(String, String)>,
    /// A text field had the keyboard at the end of the last frame. egui drops focus on
    /// Esc before the frame runs, so this keeps that Esc from also clearing the selection.
    was_typing: bool,
}

impl App {
    /// An app showing `opened`, or an empty one that is opening `path` in the background.
    pub fn new(opened: Option<Opened>, reviewer: String) -> Self {
        let mut app = Self {
            asking_name: reviewer.trim().is_empty().then(String::new),
            reviewer,
            ..Self::default()
        };
        if let Some(opened) = opened {
            app.show_opened(opened);
        }
        app
    }

    fn show_opened(&mut self, opened: Opened) {
        self.message = opened.note.map(|n| (n, false));
        self.open = Some(Open {
            document: opened.document,
            history: History::new(),
            save_path: opened.save_path,
        });
        self.view = ArticleView::default();
        self.stats.clear();
        self.selected = None;
    }

    pub fn is_dirty(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.history.is_dirty())
    }

    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// One frame of the whole app.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.receive(&ctx);
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_keys(&ctx);
        self.update_title(&ctx);
        if let Some(open) = &self.open {
            self.stats
                .refresh(&open.document, open.history.revision(), &self.filter);
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.open.is_some() {
            egui::Panel::left("claims")
                .default_size(280.0)
                .show(ui, |ui| panels::claim_list_ui(self, ui));
            egui::Panel::right("inspector")
                .default_size(320.0)
                .show(ui, |ui| panels::inspector_ui(self, ui));
        }
        egui::CentralPanel::default().show(ui, |ui| self.article_ui(ui));
        self.prompt_ui(&ctx);
        self.reviewer_ui(&ctx);
        self.claimreview_ui(&ctx);
        self.was_typing = ctx.egui_wants_keyboard_input();
    }

    fn article_ui(&mut self, ui: &mut Ui) {
        let Some(open) = &self.open else {
            ui.centered_and_justified(|ui| {
                if self.jobs.busy() {
                    ui.spinner();
                } else {
                    ui.label(
                        "Open an article or a .factmark.json file (Ctrl+O), or drop one here.",
                    );
                }
            });
            return;
        };
        let cursor = self.view.selection.map_or(0, |s| s.range().start);
        match self.find.ui(ui, open.document.text(), cursor) {
            Some(FindRequest::Show(range)) => {
                self.view.scroll_to(range.start);
                self.view.selection = Some(Selection {
                    anchor: range.start,
                    head: range.end,
                });
                self.selected = None;
            }
            Some(FindRequest::Close) | None => {}
        }
        let output = self.view.ui(
            ui,
            &open.document,
            open.history.revision(),
            self.selected.as_ref(),
        );
        if let Some(id) = output.clicked_claim {
            self.select(Some(id));
        } else if output.clicked_nothing {
            self.select(None);
        }
        self.selection_popup_ui(ui);
    }

    /// The small popup beside a fresh selection: mark it with a verdict.
    fn selection_popup_ui(&mut self, ui: &mut Ui) {
        let Some(open) = &self.open else { return };
        let Some(selection) = self.view.selection.filter(|s| !s.is_empty()) else {
            return;
        };
        if self.view.is_dragging() {
            return;
        }
        let paragraphs = open.document.text().paragraphs();
        let Some(rect) = self.view.char_rect(paragraphs, selection.range().end) else {
            return;
        };
        let mut chosen = None;
        egui::Area::new(egui::Id::unique("mark popup"))
            .order(egui::Order::Foreground)
            .fixed_pos(rect.left_bottom() + egui::vec2(0.0, 4.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        for action in [
                            Action::MarkVerified,
                            Action::MarkDisputed,
                            Action::MarkInaccurate,
                            Action::MarkUnreviewed,
                        ] {
                            let Some(verdict) = action.verdict() else {
                                continue;
                            };
                            let text = egui::RichText::new(verdict.as_str())
                                .color(theme::verdict_color(verdict, ui.visuals()));
                            if ui
                                .button(text)
                                .on_hover_text(format!(
                                    "{} ({})",
                                    action.label(),
                                    action.shortcut_text()
                                ))
                                .clicked()
                            {
                                chosen = Some(verdict);
                            }
                        }
                    });
                });
            });
        if let Some(verdict) = chosen {
            self.mark(verdict);
        }
    }

    /// Selects a claim (or none) and shows it.
    pub fn select(&mut self, id: Option<ClaimId>) {
        if let Some(open) = &mut self.open {
            open.history.seal();
        }
        self.selected = id;
    }

    /// Selects a claim, scrolls the article to it and shows it in the inspector.
    pub fn select_and_show(&mut self, id: ClaimId) {
        if let Some(start) = self
            .open
            .as_ref()
            .and_then(|o| o.document.claim(&id))
            .map(|c| c.start)
        {
            self.view.scroll_to(start);
        }
        self.select(Some(id));
    }

    /// Applies an edit through the history, reporting a refusal instead of losing it.
    pub fn apply(&mut self, edit: Edit, label: &str, group: Option<Group>) {
        let Some(open) = &mut self.open else { return };
        if let Err(e) = open.history.apply(&mut open.document, edit, label, group) {
            self.message = Some((format!("{label}: {e}"), true));
        }
    }

    /// Changes the selected claim with `change`, stamping it as modified by the reviewer.
    pub fn change_selected(
        &mut self,
        label: &str,
        group: Option<&'static str>,
        change: impl FnOnce(&mut Claim),
    ) {
        let Some(id) = self.selected.clone() else {
            return;
        };
        let Some(mut claim) = self
            .open
            .as_ref()
            .and_then(|o| o.document.claim(&id))
            .cloned()
        else {
            return;
        };
        change(&mut claim);
        claim.modified = Some(Stamp::now(&self.reviewer));
        let group = group.map(|field| Group { claim: id, field });
        self.apply(Edit::Replace(claim), label, group);
    }

    /// Marks the selection as a claim with `verdict`, or sets the selected claim's verdict.
    pub fn mark(&mut self, verdict: Verdict) {
        let Some(open) = &self.open else { return };
        let selection = self.view.selection.filter(|s| !s.is_empty());
        let Some(selection) = selection else {
            if self.selected.is_some() {
                self.change_selected("Verdict", None, |c| c.verdict = verdict);
            } else {
                self.message = Some((
                    "Select some text first: drag across the words of the claim.".to_owned(),
                    false,
                ));
            }
            return;
        };
        let range = trim_whitespace(&open.document, selection.range());
        if range.is_empty() {
            self.message = Some(("The selection is only whitespace.".to_owned(), true));
            return;
        }
        let claim = Claim::new(range.start, range.end, verdict, &self.reviewer);
        let id = claim.id.clone();
        self.apply(Edit::Insert(claim), "Mark claim", None);
        self.view.selection = None;
        self.select(Some(id));
    }

    pub fn run(&mut self, ctx: &egui::Context, action: Action) {
        if let Some(verdict) = action.verdict() {
            self.mark(verdict);
            return;
        }
        match action {
            Action::Save => self.save(ctx, None),
            Action::SaveAs => {
                if let Some(open) = &self.open {
                    let suggested = open.save_path.clone();
                    self.jobs.pick(ctx, Pick::SaveAs, suggested);
                }
            }
            Action::Open => {
                let suggested = self.open.as_ref().and_then(|o| o.save_path.clone());
                self.jobs.pick(ctx, Pick::Open, suggested);
            }
            Action::Find => self.find.open(),
            Action::Undo | Action::Redo | Action::RedoAlt => {
                let Some(open) = &mut self.open else { return };
                let touched = if action == Action::Undo {
                    open.history.undo(&mut open.document)
                } else {
                    open.history.redo(&mut open.document)
                };
                if let Some(id) = touched {
                    let exists = open.document.claim(&id).is_some();
                    self.selected = exists.then_some(id);
                }
            }
            Action::NextClaim | Action::PreviousClaim | Action::NextUnreviewed => {
                self.step_claim(action);
            }
            Action::DeleteClaim => {
                if let Some(id) = self.selected.clone() {
                    self.apply(Edit::Delete(id), "Delete claim", None);
                    self.selected = None;
                }
            }
            Action::ClearSelection => {
                // Esc first closes the find bar, keeping the found words selected.
                if self.find.open {
                    self.find.open = false;
                } else {
                    self.view.selection = None;
                }
            }
            Action::MarkVerified
            | Action::MarkDisputed
            | Action::MarkInaccurate
            | Action::MarkUnreviewed
            | Action::MarkUnreviewedEnter => {}
        }
    }

    fn step_claim(&mut self, action: Action) {
        let Some(open) = &self.open else { return };
        let claims = open.document.claims();
        let current = self
            .selected
            .as_ref()
            .and_then(|id| open.document.position(id));
        let next = match action {
            Action::PreviousClaim => match current {
                Some(0) | None => claims.len().checked_sub(1),
                Some(i) => Some(i - 1),
            },
            Action::NextUnreviewed => {
                let from = current.map_or(0, |i| i + 1);
                (from..claims.len())
                    .chain(0..from)
                    .find(|&i| claims[i].verdict == Verdict::Unreviewed)
            }
            _ => match current {
                Some(i) if i + 1 < claims.len() => Some(i + 1),
                _ => (!claims.is_empty()).then_some(0),
            },
        };
        if let Some(id) = next.and_then(|i| claims.get(i)).map(|c| c.id.clone()) {
            self.select_and_show(id);
        } else if action == Action::NextUnreviewed {
            self.message = Some(("No unreviewed claims left.".to_owned(), false));
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.prompt.is_some() || self.asking_name.is_some() || self.asking_claimreview.is_some()
        {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input() || self.was_typing;
        // Esc in an open menu closes the menu, not the selection.
        let menu_open = egui::Popup::is_any_open(ctx);
        for action in Action::by_specificity() {
            if typing && !action.works_while_typing() {
                continue;
            }
            if menu_open && action == Action::ClearSelection {
                continue;
            }
            let Some(shortcut) = action.shortcut() else {
                continue;
            };
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.run(ctx, action);
            }
        }
    }
}

/// Shrinks a range so that it neither starts nor ends with whitespace.
fn trim_whitespace(document: &Document, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let text = document.text();
    let selected = text.slice_chars(range.clone()).unwrap_or_default();
    let leading = selected.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = selected
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let start = range.start + leading;
    let end = range.end.saturating_sub(trailing).max(start);
    start..end
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }
}
