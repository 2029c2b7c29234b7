//! The claim list (left) and the claim inspector (right).

mod inspector;
mod sources;

pub use inspector::{InspectorBuffers, inspector_ui};

use eframe::egui::{self, RichText, Ui};

use super::app::App;
use super::theme;
use crate::model::Verdict;

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
