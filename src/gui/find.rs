//! The find bar (Ctrl+F) over the article: a view of [`crate::text::find`], which does the
//! matching. The current match becomes the selection, so finding a phrase and pressing 1,
//! 2 or 3 marks it.

use eframe::egui::{self, Ui};

use super::app::Command;
use crate::text::Text;
use crate::text::find::{Direction, Matches};

#[derive(Default)]
pub struct FindBar {
    open: bool,
    query: String,
    /// Matches of `searched`.
    matches: Matches,
    searched: String,
    focus: bool,
}

impl FindBar {
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    pub fn close(&mut self) {
        self.open = false;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Shows the bar; returns the match to show, if one was stepped to.
    pub fn ui(&mut self, ui: &mut Ui, text: &Text, cursor: usize) -> Option<Command> {
        if !self.open {
            return None;
        }
        let mut command = None;
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(egui::TextEdit::singleline(&mut self.query).desired_width(240.0))
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                response.request_focus();
            }
            let step = |matches: &mut Matches, direction| {
                matches.step(direction, cursor).map(Command::ShowMatch)
            };
            if self.query != self.searched {
                self.matches = Matches::new(text, &self.query);
                self.searched.clone_from(&self.query);
                command = step(&mut self.matches, Direction::Forward);
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let shift = ui.input(|i| i.modifiers.shift);
            if ui.button("Previous").clicked() || (enter && shift) {
                command = step(&mut self.matches, Direction::Backward);
            }
            if ui.button("Next").clicked() || (enter && !shift) {
                command = step(&mut self.matches, Direction::Forward);
            }
            if enter {
                response.request_focus();
            }
            let count = match (self.matches.current(), self.matches.len()) {
                (_, 0) if self.query.is_empty() => String::new(),
                (_, 0) => "no matches".to_owned(),
                (Some(i), n) => format!("{} of {n}", i + 1),
                (None, n) => format!("{n} matches"),
            };
            ui.label(count);
            let escape = (response.has_focus() || response.lost_focus())
                && ui.input(|i| i.key_pressed(egui::Key::Escape));
            if ui.button("Close").clicked() || escape {
                // Give the keys back to the article: 1, 2, 3 now mark the found words.
                response.surrender_focus();
                self.open = false;
            }
        });
        command
    }
}
