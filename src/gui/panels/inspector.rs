//! The claim inspector: quote, verdict, rationale, sources, stamps.

use eframe::egui::{self, RichText, Ui};

use super::sources::{SourceForm, sources_ui};
use crate::gui::app::App;
use crate::gui::theme;
use crate::model::{ClaimId, Verdict};

/// Text being typed in the inspector, for the claim it belongs to.
#[derive(Default)]
pub struct InspectorBuffers {
    claim: Option<ClaimId>,
    rationale: String,
    pub(super) source: SourceForm,
}

pub fn inspector_ui(app: &mut App, ui: &mut Ui) {
    let Some(open) = &app.open else { return };
    let Some(claim) = app
        .selected
        .as_ref()
        .and_then(|id| open.document.claim(id))
        .cloned()
    else {
        ui.heading("Claim");
        ui.label("Select text in the article and press 1, 2 or 3 to mark it verified, disputed or inaccurate (0 or Enter: unreviewed). Click a highlight to open its claim.");
        return;
    };
    let exact = open.document.exact(&claim).to_owned();

    // Keep the buffers in step with the model unless the user is typing in them.
    let buffers = &mut app.inspector;
    if buffers.claim.as_ref() != Some(&claim.id) {
        *buffers = InspectorBuffers {
            claim: Some(claim.id.clone()),
            rationale: claim.rationale.clone(),
            ..InspectorBuffers::default()
        };
    }
    let rationale_id = egui::Id::unique("rationale");
    if !ui.memory(|m| m.has_focus(rationale_id)) {
        buffers.rationale.clone_from(&claim.rationale);
    }

    ui.heading("Claim");
    egui::ScrollArea::vertical()
        .id_salt("inspector")
        .show(ui, |ui| {
            ui.label(RichText::new(format!("“{exact}”")).italics());
            ui.add_space(6.0);

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
                app.change_selected("Verdict", None, |c| c.verdict = verdict);
            }

            ui.add_space(6.0);
            let label = ui.label("Rationale");
            let response = ui
                .add(
                    egui::TextEdit::multiline(&mut app.inspector.rationale)
                        .id(rationale_id)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("Why this verdict? What do the sources show?"),
                )
                .labelled_by(label.id);
            if response.changed() {
                let rationale = app.inspector.rationale.clone();
                app.change_selected("Rationale", Some("rationale"), |c| c.rationale = rationale);
            }
            if response.lost_focus()
                && let Some(open) = &mut app.open
            {
                open.history.seal();
            }

            ui.add_space(6.0);
            sources_ui(app, ui, &claim);
            ui.add_space(6.0);
            for (name, stamp) in [("created", &claim.created), ("modified", &claim.modified)] {
                if let Some(stamp) = stamp {
                    ui.weak(format!(
                        "{name} by {} at {}",
                        if stamp.by.is_empty() {
                            "unknown"
                        } else {
                            &stamp.by
                        },
                        stamp.at.format("%Y-%m-%d %H:%M UTC")
                    ));
                }
            }
            ui.add_space(6.0);
            if ui.button("Delete claim").clicked() {
                app.run(ui.ctx(), crate::gui::actions::Action::DeleteClaim);
            }
        });
}
