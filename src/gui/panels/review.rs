//! The inspector's review section: the claim's status and the buttons that move it, the
//! reviewers' comments (add, resolve, delete one's own) and the claim's history.

use eframe::egui::{self, RichText, Ui};

use crate::edit::Change;
use crate::gui::actions::Action;
use crate::gui::app::Command;
use crate::model::{Claim, State};

/// What is being typed in the review section.
#[derive(Default)]
pub struct ReviewBuffers {
    /// Why changes are requested.
    reason: String,
    /// Whether the reason field is open (Request changes… asked for it).
    asking_reason: bool,
    /// The reason field takes the keyboard next frame.
    focus_reason: bool,
    comment: String,
}

impl ReviewBuffers {
    /// Opens the reason field and gives it the keyboard (the Request changes… action).
    pub fn ask_reason(&mut self) {
        self.asking_reason = true;
        self.focus_reason = true;
    }
}

fn when(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub fn review_ui(
    ui: &mut Ui,
    claim: &Claim,
    buffers: &mut ReviewBuffers,
    reviewer: &str,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let id = claim.id.clone();
    let status = &claim.review.status;
    ui.label(RichText::new("Review").strong());
    let line = match &status.stamp {
        Some(stamp) => format!(
            "Status: {} — {} at {}",
            status.state.label(),
            stamp.by,
            when(&stamp.at)
        ),
        None => format!("Status: {}", status.state.label()),
    };
    ui.add(egui::Label::new(line).wrap());
    if !status.reason.is_empty() {
        ui.add(egui::Label::new(RichText::new(format!("“{}”", status.reason)).italics()).wrap());
    }
    let set = |state: State, reason: &str| Command::SetStatus {
        id: id.clone(),
        state,
        reason: reason.to_owned(),
    };
    ui.horizontal_wrapped(|ui| {
        for (action, state) in [
            (Action::SendForReview, State::InReview),
            (Action::Approve, State::Approved),
            (Action::BackToDraft, State::Draft),
        ] {
            if status.state != state
                && ui
                    .button(action.label())
                    .on_hover_text(action.tooltip())
                    .clicked()
            {
                commands.push(set(state, ""));
            }
        }
        let ask = Action::RequestChanges;
        if ui
            .button(ask.label())
            .on_hover_text(ask.tooltip())
            .clicked()
        {
            buffers.ask_reason();
        }
    });
    if buffers.asking_reason {
        let label = ui.label("What should change?");
        let field = ui
            .add(
                egui::TextEdit::multiline(&mut buffers.reason)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("The source is from 2019; find the 2024 figures"),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut buffers.focus_reason) {
            field.request_focus();
        }
        ui.horizontal(|ui| {
            let ready = !buffers.reason.trim().is_empty();
            let send = ui
                .add_enabled(ready, egui::Button::new("Request changes"))
                .on_disabled_hover_text("Say what should change first");
            if send.clicked() {
                commands.push(set(State::ChangesRequested, buffers.reason.trim()));
                buffers.reason.clear();
                buffers.asking_reason = false;
            }
            if ui.button("Cancel").clicked() {
                buffers.asking_reason = false;
            }
        });
    }

    ui.add_space(6.0);
    commands.extend(comments_ui(ui, claim, buffers, reviewer));
    ui.add_space(6.0);
    history_ui(ui, claim);
    commands
}

/// The claim's comments, each with Resolve or Reopen and, for one's own, Delete; and a
/// field to add one.
fn comments_ui(
    ui: &mut Ui,
    claim: &Claim,
    buffers: &mut ReviewBuffers,
    reviewer: &str,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let id = claim.id.clone();
    ui.label(RichText::new(format!("Comments ({})", claim.review.comments.len())).strong());
    for (index, comment) in claim.review.comments.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut head = RichText::new(format!("{} · {}", comment.by, when(&comment.at))).weak();
            if comment.resolved {
                head = head.strikethrough();
            }
            ui.label(head);
            ui.add(egui::Label::new(&comment.text).wrap());
            ui.horizontal(|ui| {
                let (label, resolved) = if comment.resolved {
                    ("Reopen", false)
                } else {
                    ("Resolve", true)
                };
                if ui
                    .button(label)
                    .on_hover_text(format!("{label} comment {}", index + 1))
                    .clicked()
                {
                    let mut changed = comment.clone();
                    changed.resolved = resolved;
                    commands.push(Command::Change(Change::ChangeComment {
                        id: id.clone(),
                        index,
                        comment: changed,
                    }));
                }
                // Each reviewer deletes only their own words.
                if comment.by == reviewer
                    && ui
                        .button("Delete")
                        .on_hover_text(format!("Delete comment {}", index + 1))
                        .clicked()
                {
                    commands.push(Command::Change(Change::RemoveComment {
                        id: id.clone(),
                        index,
                    }));
                }
            });
        });
    }
    let label = ui.label("New comment");
    ui.add(
        egui::TextEdit::multiline(&mut buffers.comment)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text("A question or a remark for the other reviewers"),
    )
    .labelled_by(label.id);
    let ready = !buffers.comment.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new("Add comment"))
        .clicked()
    {
        commands.push(Command::AddComment {
            id: id.clone(),
            text: buffers.comment.trim().to_owned(),
        });
        buffers.comment.clear();
    }

    commands
}

/// The claim's history, newest first, folded until opened.
fn history_ui(ui: &mut Ui, claim: &Claim) {
    let history = &claim.review.history;
    egui::CollapsingHeader::new(format!("History ({})", history.len()))
        .id_salt("claim history")
        .default_open(false)
        .show(ui, |ui| {
            if history.is_empty() {
                ui.label(RichText::new("No changes recorded yet.").weak());
            }
            // Newest first: what just happened is what a reviewer looks for.
            for entry in history.iter().rev() {
                ui.add(
                    egui::Label::new(format!(
                        "{} · {} · {}",
                        when(&entry.at),
                        if entry.by.is_empty() {
                            "unknown"
                        } else {
                            &entry.by
                        },
                        entry.summary()
                    ))
                    .wrap(),
                );
            }
        });
}
