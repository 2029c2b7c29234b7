//! The claim list (left) and the claim inspector (right): views that read the document and
//! return [`Command`]s for what the user did. They keep their own state (the list's filter,
//! the inspector's buffers) and never change the document.

mod inspector;
mod orphans;
mod review;
mod sources;

pub use inspector::{InspectorBuffers, inspector_ui};

use eframe::egui::{self, RichText, Ui};

use super::app::Command;
use super::session::Views;
use super::theme;
use crate::model::{Document, Scale, Verdict, VerdictCounts};

/// The claim list: verdict toggles with counts, a search, and one row per shown claim.
pub fn claim_list_ui(
    ui: &mut Ui,
    document: &Document,
    counts: &VerdictCounts,
    rows: &[usize],
    views: &mut Views,
) -> Vec<Command> {
    ui.heading("Claims");
    let before = views.filter.clone();
    let scale = document.scale();
    ui.horizontal_wrapped(|ui| {
        for (verdict, count) in counts {
            let label = theme::shown_label(scale, verdict);
            let text = RichText::new(format!("{label} {count}")).color(theme::verdict_color(
                scale,
                verdict,
                ui.visuals(),
            ));
            let mut shown = views.filter.shows_verdict(verdict);
            if ui
                .toggle_value(&mut shown, text)
                .on_hover_text(format!("Show {label} claims"))
                .changed()
            {
                views.filter.set_shown(verdict, shown);
            }
        }
    });
    ui.add(
        egui::TextEdit::singleline(&mut views.filter.search)
            .hint_text("Search claims")
            .desired_width(f32::INFINITY),
    )
    .accessible_name("Search claims");
    egui::ComboBox::from_id_salt("status filter")
        .selected_text(views.filter.status.label())
        .show_ui(ui, |ui| {
            for choice in crate::model::StatusFilter::ALL {
                ui.selectable_value(&mut views.filter.status, choice, choice.label());
            }
        })
        .response
        .on_hover_text("Show only claims in this review status");
    ui.separator();
    let mut commands = orphans::orphans_ui(ui, document, views);
    if views.filter != before {
        // The rows follow the filter next frame.
        ui.ctx().request_repaint();
    }

    let mut clicked = None;
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("claim list")
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for &i in rows.get(range).unwrap_or_default() {
                let Some(claim) = document.claims().get(i) else {
                    continue;
                };
                let selected = views.selected.as_ref() == Some(&claim.id);
                let sources = if claim.sources.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", claim.sources.len())
                };
                let state = claim.review.status.state;
                // The review status first, where a cut to the panel's width cannot hide it.
                let tag = match state {
                    crate::model::State::Draft => "",
                    crate::model::State::InReview => "[in review] ",
                    crate::model::State::Approved => "[approved] ",
                    crate::model::State::ChangesRequested => "[changes] ",
                };
                let label = format!("{tag}{}{sources}", snippet(document.exact(claim)));
                let hover = format!(
                    "{} · {}",
                    theme::shown_label(scale, &claim.verdict),
                    state.label()
                );
                if verdict_row_ui(ui, scale, &claim.verdict, selected, &label, &hover) {
                    clicked = Some(claim.id.clone());
                }
            }
        });
    commands.extend(clicked.map(Command::Show));
    commands
}

/// A list row's words: the first 48 characters, line breaks as spaces.
fn snippet(words: &str) -> String {
    words
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .take(48)
        .collect()
}

/// One row of a claim list: a dot of the verdict's colour and the label, cut to the
/// panel's width. True when clicked.
fn verdict_row_ui(
    ui: &mut Ui,
    scale: &Scale,
    verdict: &Verdict,
    selected: bool,
    label: &str,
    hover: &str,
) -> bool {
    let color = theme::verdict_color(scale, verdict, ui.visuals());
    ui.horizontal(|ui| {
        // The verdict's colour as a painted dot: no font needs to have a glyph for it.
        let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter().circle_filled(dot.center(), 4.0, color);
        // Cut to the panel's width: a long quote never widens the panel.
        // egui draws right-to-left words in logical order: give it them in display order.
        let label = crate::text::bidi::display_order(label).into_owned();
        let row = egui::Button::selectable(selected, RichText::new(label).color(color)).truncate();
        ui.add(row).on_hover_text(hover).clicked()
    })
    .inner
}
