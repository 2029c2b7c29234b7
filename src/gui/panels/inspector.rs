//! The claim inspector: quote, verdict, rationale, sources, review (status, comments,
//! history), stamps, delete.

use chrono::NaiveDate;
use eframe::egui::{self, RichText, Ui};

use super::review::{ReviewBuffers, review_ui};
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
    review: ReviewBuffers,
    /// Request changes… was asked for before the inspector showed the claim.
    ask_reason: bool,
}

impl InspectorBuffers {
    /// Opens the field for why changes are requested, with the keyboard in it.
    pub fn ask_reason(&mut self) {
        self.ask_reason = true;
    }
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
    reviewer: &str,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(claim) = views.selected.as_ref().and_then(|id| document.claim(id)) else {
        ui.heading("Claim");
        ui.label(empty_hint(document.scale()));
        return commands;
    };
    let id = claim.id.clone();

    // Keep the buffers in step with the model unless the user is typing in them.
    let buffers = &mut views.inspector;
    if buffers.claim.as_ref() != Some(&id) {
        let ask_reason = buffers.ask_reason;
        *buffers = InspectorBuffers {
            claim: Some(id.clone()),
            rationale: claim.rationale.clone(),
            source: SourceForm::new(today),
            review: ReviewBuffers::default(),
            ask_reason,
        };
    }
    if std::mem::take(&mut buffers.ask_reason) {
        buffers.review.ask_reason();
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

            if let Some(verdict) = verdict_ui(ui, document.scale(), &claim.verdict) {
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
            commands.extend(review_ui(ui, claim, &mut buffers.review, reviewer));
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

/// The scale's levels and unreviewed as buttons, the claim's own selected; the one clicked.
fn verdict_ui(ui: &mut Ui, scale: &crate::model::Scale, current: &Verdict) -> Option<Verdict> {
    ui.label("Verdict");
    let mut verdict = current.clone();
    ui.horizontal_wrapped(|ui| {
        for v in scale.verdicts() {
            let color = theme::verdict_color(scale, v, ui.visuals());
            let text = RichText::new(theme::shown_label(scale, v)).color(color);
            ui.selectable_value(&mut verdict, v.clone(), text);
        }
    });
    (verdict != *current).then_some(verdict)
}

/// What the inspector says with no claim open: the keys of the scale's levels.
fn empty_hint(scale: &crate::model::Scale) -> String {
    let levels: Vec<&str> = scale
        .levels
        .iter()
        .take(9)
        .map(|l| l.label.as_str())
        .collect();
    let keys = match levels.len() {
        0 | 1 => "1".to_owned(),
        n => format!("1 to {n}"),
    };
    format!(
        "Select text in the article and press {keys} to mark it {} (0 or Enter: unreviewed). \
         Click a highlight to open its claim.",
        levels.join(", ")
    )
}
