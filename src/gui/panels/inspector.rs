//! The claim inspector: quote, verdict, rationale, sources, stamps, delete.

use chrono::NaiveDate;
use eframe::egui::{self, RichText, Ui};

use super::sources::{SourceForm, sources_ui};
use crate::edit::Change;
use crate::gui::actions::Action;
use crate::gui::app::Command;
use crate::gui::session::Views;
use crate::gui::theme;
use crate::model::{ClaimId, Document, Verdict};

/// Text being typed in the inspector, for the claim it belongs to.
#[derive(Default)]
pub struct InspectorBuffers {
    claim: Option<ClaimId>,
    rationale: String,
    pub(super) source: SourceForm,
}

/// The claim's words, laid out as the article is, so a right-to-left quote reads in order.
fn quote_ui(ui: &mut Ui, exact: &str) {
    let color = ui.visuals().text_color();
    crate::gui::article_view::text_ui(ui, &format!("“{exact}”"), &egui::TextStyle::Body, color);
    ui.add_space(6.0);
}

pub fn inspector_ui(
    ui: &mut Ui,
    document: &Document,
    views: &mut Views,
    today: NaiveDate,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(claim) = views.selected.as_ref().and_then(|id| document.claim(id)) else {
        ui.heading("Claim");
        ui.label(
            "Select text in the article and press 1, 2 or 3 to mark it verified, disputed or \
             inaccurate (0 or Enter: unreviewed). Click a highlight to open its claim.",
        );
        return commands;
    };
    let id = claim.id.clone();

    // Keep the buffers in step with the model unless the user is typing in them.
    let buffers = &mut views.inspector;
    if buffers.claim.as_ref() != Some(&id) {
        *buffers = InspectorBuffers {
            claim: Some(id.clone()),
            rationale: claim.rationale.clone(),
            source: SourceForm::new(today),
        };
    }
    let rationale_id = egui::Id::unique("rationale");
    if !ui.memory(|m| m.has_focus(rationale_id)) {
        buffers.rationale.clone_from(&claim.rationale);
    }

    ui.heading("Claim");
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink(false)
        .show(ui, |ui| {
            quote_ui(ui, document.exact(claim));

            ui.label("Verdict");
            let mut verdict = claim.verdict;
            ui.horizontal_wrapped(|ui| {
                for v in Verdict::ALL {
                    let text =
                        RichText::new(v.as_str()).color(theme::verdict_color(v, ui.visuals()));
                    ui.selectable_value(&mut verdict, v, text);
                }
            });
            if verdict != claim.verdict {
                commands.push(Command::Change(Change::SetVerdict {
                    id: id.clone(),
                    verdict,
                }));
            }

            ui.add_space(6.0);
            let label = ui.label("Rationale");
            let response = ui
                .add(
                    egui::TextEdit::multiline(&mut buffers.rationale)
                        .id(rationale_id)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("Why this verdict? What do the sources show?"),
                )
                .labelled_by(label.id);
            if response.changed() {
                commands.push(Command::Change(Change::SetRationale {
                    id: id.clone(),
                    rationale: buffers.rationale.clone(),
                }));
            }
            if response.lost_focus() {
                commands.push(Command::Seal);
            }

            ui.add_space(6.0);
            commands.extend(sources_ui(ui, claim, &mut buffers.source, today));
            ui.add_space(6.0);
            for (name, stamp) in [("created", &claim.created), ("modified", &claim.modified)] {
                if let Some(stamp) = stamp {
                    let by = if stamp.by.is_empty() {
                        "unknown"
                    } else {
                        &stamp.by
                    };
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!(
                                "{name} by {by} at {}",
                                stamp.at.format("%Y-%m-%d %H:%M UTC")
                            ))
                            .weak(),
                        )
                        .wrap(),
                    );
                }
            }
            ui.add_space(6.0);
            let delete = Action::DeleteClaim;
            if ui
                .button("Delete claim")
                .on_hover_text(delete.tooltip())
                .clicked()
            {
                commands.push(Command::Action(delete));
            }
        });
    commands
}
