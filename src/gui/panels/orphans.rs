//! The orphan list: claims that re-anchoring could not place, with the words and context
//! they were made on. Each can be attached to words selected in the article, or deleted;
//! both are undoable edits.

use eframe::egui::{self, RichText, Ui};

use super::super::app::Command;
use super::super::session::Views;
use super::super::theme;
use crate::edit::Change;
use crate::model::{Document, Orphan};

/// The list, above the claims; nothing when the document has no orphans.
pub fn orphans_ui(ui: &mut Ui, document: &Document, views: &mut Views) -> Vec<Command> {
    let orphans = document.orphans();
    if orphans.is_empty() {
        return Vec::new();
    }
    let mut commands = Vec::new();
    egui::CollapsingHeader::new(format!("Orphans ({})", orphans.len()))
        .id_salt("orphans")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                RichText::new("Claims whose words are not in this text. Select the words in the article, then Attach.")
                    .weak()
                    .small(),
            );
            egui::ScrollArea::vertical()
                .id_salt("orphan list")
                .max_height(140.0)
                .show(ui, |ui| {
                    for orphan in orphans {
                        row_ui(ui, document.scale(), orphan, views);
                    }
                });
            if let Some(orphan) = views.orphan.as_ref().and_then(|id| document.orphan(id)) {
                commands = details_ui(ui, document, orphan, views);
            }
            // Attached: the words are the claim's now, as after marking a selection.
            if commands
                .iter()
                .any(|c| matches!(c, Command::Change(Change::AttachOrphan { .. })))
            {
                views.article.selection = None;
            }
        });
    ui.separator();
    commands
}

fn row_ui(ui: &mut Ui, scale: &crate::model::Scale, orphan: &Orphan, views: &mut Views) {
    // First, where a long quote cut to the panel's width cannot hide it.
    let waiting = if views.reattach.contains(&orphan.id) {
        "to re-attach: "
    } else {
        ""
    };
    let selected = views.orphan.as_ref() == Some(&orphan.id);
    let label = format!("{waiting}{}", super::snippet(&orphan.exact));
    let hover = format!("orphan, {}", theme::shown_label(scale, &orphan.verdict));
    if super::verdict_row_ui(ui, scale, &orphan.verdict, selected, &label, &hover) {
        views.orphan = Some(orphan.id.clone());
    }
}

/// The orphan shown: its words in their old context, its verdict, and what can be done.
fn details_ui(ui: &mut Ui, document: &Document, orphan: &Orphan, views: &Views) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "…{}[{}]{}…",
                orphan.prefix.replace('\n', " "),
                orphan.exact.replace('\n', " "),
                orphan.suffix.replace('\n', " ")
            ))
            .italics(),
        );
        let scale = document.scale();
        let color = theme::verdict_color(scale, &orphan.verdict, ui.visuals());
        ui.label(
            RichText::new(theme::shown_label(scale, &orphan.verdict))
                .color(color)
                .strong(),
        );
        if !orphan.rationale.is_empty() {
            let rationale: String = orphan.rationale.chars().take(200).collect();
            ui.label(rationale);
        }
        let selection = views
            .article
            .selection
            .map(|s| document.text().trim_range(s.range()))
            .filter(|r| !r.is_empty());
        ui.horizontal(|ui| {
            let attach = ui
                .add_enabled(
                    selection.is_some(),
                    egui::Button::new("Attach to selection"),
                )
                .on_hover_text("Put this claim on the words selected in the article")
                .on_disabled_hover_text("Select the claim's words in the article first");
            if attach.clicked()
                && let Some(range) = selection.clone()
            {
                commands.push(Command::Change(Change::AttachOrphan {
                    id: orphan.id.clone(),
                    start: range.start,
                    end: range.end,
                }));
                commands.push(Command::Show(orphan.id.clone()));
            }
            if ui
                .button("Delete orphan")
                .on_hover_text("Delete this claim for good (undo brings it back)")
                .clicked()
            {
                commands.push(Command::Change(Change::DeleteOrphan {
                    id: orphan.id.clone(),
                }));
            }
        });
        if selection.is_none() {
            ui.label(
                RichText::new("Select its words in the article, then Attach.")
                    .weak()
                    .small(),
            );
        }
    });
    commands
}
