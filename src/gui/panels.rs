//! The claim list (left) and the claim inspector (right).

use eframe::egui::{self, RichText, Ui};

use super::app::App;
use super::theme;
use crate::model::{ClaimId, Source, Verdict};

/// Which claims the list shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ListFilter {
    pub verdicts: [bool; 4],
    pub search: String,
}

impl Default for ListFilter {
    fn default() -> Self {
        Self {
            verdicts: [true; 4],
            search: String::new(),
        }
    }
}

impl ListFilter {
    fn shows(&self, verdict: Verdict) -> bool {
        Verdict::ALL
            .iter()
            .position(|v| *v == verdict)
            .is_some_and(|i| self.verdicts[i])
    }
}

/// Verdict counts and the list's rows, recomputed only when the claims or the filter
/// change: with 100k claims, counting every frame would cost more than drawing it.
#[derive(Default)]
pub struct ClaimStats {
    key: Option<(u64, ListFilter)>,
    pub counts: [usize; 4],
    rows: Vec<usize>,
}

impl ClaimStats {
    pub fn refresh(
        &mut self,
        document: &crate::model::Document,
        revision: u64,
        filter: &ListFilter,
    ) {
        if self
            .key
            .as_ref()
            .is_some_and(|(r, f)| *r == revision && f == filter)
        {
            return;
        }
        self.counts = [0; 4];
        for claim in document.claims() {
            if let Some(i) = Verdict::ALL.iter().position(|v| *v == claim.verdict) {
                self.counts[i] += 1;
            }
        }
        let search = filter.search.to_lowercase();
        self.rows = document
            .claims()
            .iter()
            .enumerate()
            .filter(|(_, c)| filter.shows(c.verdict))
            .filter(|(_, c)| {
                search.is_empty()
                    || document.exact(c).to_lowercase().contains(&search)
                    || c.rationale.to_lowercase().contains(&search)
            })
            .map(|(i, _)| i)
            .collect();
        self.key = Some((revision, filter.clone()));
    }

    /// Forget everything (another document was opened).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

/// Text being typed in the inspector, for the claim it belongs to.
#[derive(Default)]
pub struct InspectorBuffers {
    claim: Option<ClaimId>,
    rationale: String,
    new_url: String,
    new_title: String,
}

pub fn claim_list_ui(app: &mut App, ui: &mut Ui) {
    let Some(open) = &app.open else { return };
    ui.heading("Claims");
    ui.horizontal_wrapped(|ui| {
        for (i, verdict) in Verdict::ALL.into_iter().enumerate() {
            let count = app.stats.counts[i];
            let text = RichText::new(format!("{verdict} {count}"))
                .color(theme::verdict_color(verdict, ui.visuals()));
            ui.toggle_value(&mut app.filter.verdicts[i], text)
                .on_hover_text(format!("Show {verdict} claims"));
        }
    });
    ui.add(
        egui::TextEdit::singleline(&mut app.filter.search)
            .hint_text("Search claims")
            .desired_width(f32::INFINITY),
    )
    .accessible_name("Search claims");
    ui.separator();

    // The toggles or the search may have changed just now.
    app.stats
        .refresh(&open.document, open.history.revision(), &app.filter);
    let rows = &app.stats.rows;
    let mut clicked = None;
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .id_salt("claim list")
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for &i in rows.get(range).unwrap_or_default() {
                let Some(claim) = open.document.claims().get(i) else {
                    continue;
                };
                let snippet: String = open
                    .document
                    .exact(claim)
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .take(48)
                    .collect();
                let selected = app.selected.as_ref() == Some(&claim.id);
                let sources = if claim.sources.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", claim.sources.len())
                };
                let color = theme::verdict_color(claim.verdict, ui.visuals());
                let text = RichText::new(format!("{snippet}{sources}")).color(color);
                ui.horizontal(|ui| {
                    // The verdict's colour as a painted dot: no font needs to have a glyph for it.
                    let (dot, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter().circle_filled(dot.center(), 4.0, color);
                    if ui
                        .selectable_label(selected, text)
                        .on_hover_text(claim.verdict.as_str())
                        .clicked()
                    {
                        clicked = Some(claim.id.clone());
                    }
                });
            }
        });
    if let Some(id) = clicked {
        app.select_and_show(id);
    }
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
                app.run(ui.ctx(), super::actions::Action::DeleteClaim);
            }
        });
}

/// The selected claim's sources: open, remove, add.
fn sources_ui(app: &mut App, ui: &mut Ui, claim: &crate::model::Claim) {
    ui.label(format!("Sources ({})", claim.sources.len()));
    let mut remove = None;
    for (i, source) in claim.sources.iter().enumerate() {
        ui.horizontal(|ui| {
            let label = if source.title.is_empty() {
                &source.url
            } else {
                &source.title
            };
            if source.url.starts_with("https://") || source.url.starts_with("http://") {
                ui.hyperlink_to(label, &source.url)
                    .on_hover_text(&source.url);
            } else {
                ui.label(label);
            }
            if ui
                .small_button("Remove")
                .on_hover_text("Remove this source")
                .clicked()
            {
                remove = Some(i);
            }
        });
        if let Some(date) = source.accessed {
            ui.weak(format!("accessed {date}"));
        }
    }
    if let Some(i) = remove {
        app.change_selected("Remove source", None, |c| {
            if i < c.sources.len() {
                c.sources.remove(i);
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("Link");
        ui.add(
            egui::TextEdit::singleline(&mut app.inspector.new_url)
                .hint_text("https://…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label("Title");
        ui.add(
            egui::TextEdit::singleline(&mut app.inspector.new_title)
                .hint_text("optional")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    let url = app.inspector.new_url.trim().to_owned();
    let valid = crate::format::check_url(&url);
    let add = ui
        .add_enabled(valid.is_ok(), egui::Button::new("Add source"))
        .on_disabled_hover_text(valid.err().unwrap_or_default());
    if add.clicked() {
        let source = Source {
            url,
            title: app.inspector.new_title.trim().to_owned(),
            accessed: Some(chrono::Utc::now().date_naive()),
            ..Source::default()
        };
        app.change_selected("Add source", None, move |c| c.sources.push(source));
        app.inspector.new_url.clear();
        app.inspector.new_title.clear();
    }
}
