//! The re-anchoring review: before a document moves to a new text, every claim that is not
//! `exact` is shown with its words and context before and after, side by side, and the
//! reviewer chooses Accept, Re-attach (select its words by hand, after the update) or Keep
//! as orphan. Exact and moved claims are accepted unless changed; fuzzy ones are kept as
//! orphans unless accepted, so nothing lands on edited words unseen.

use eframe::egui::{self, RichText, Ui, text::LayoutJob};

use super::Command;
use crate::anchor::State;
use crate::model::{ClaimId, Document};
use crate::ops::reanchor::{Decision, Plan};
use crate::text::Quote;

/// What the reviewer chose for one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Accept,
    Reattach,
    Orphan,
}

/// A quote and its context, as shown in a row.
#[derive(Clone, Debug, Default, PartialEq)]
struct Shown {
    prefix: String,
    exact: String,
    suffix: String,
}

impl Shown {
    fn of(quote: Quote<'_>) -> Self {
        Self {
            prefix: quote.prefix.to_owned(),
            exact: quote.exact.to_owned(),
            suffix: quote.suffix.to_owned(),
        }
    }
}

/// One listed claim: its entry in the plan, and what it covered before and would after.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    entry: usize,
    before: Shown,
    after: Option<Shown>,
}

/// The review of one update, held by the modal while it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    plan: Plan,
    /// The document's revision the plan was made at.
    revision: u64,
    rows: Vec<Row>,
    /// One per entry of the plan.
    picks: Vec<Pick>,
}

/// What the review decided, for the app to apply as one undoable step.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    pub plan: Plan,
    pub revision: u64,
    pub decisions: Vec<Decision>,
    /// Claims kept as orphans to be re-attached by hand next.
    pub reattach: Vec<ClaimId>,
}

impl Review {
    pub fn new(plan: Plan, document: &Document, revision: u64) -> Self {
        let claims = document.claims().len();
        let picks = plan
            .default_decisions()
            .into_iter()
            .map(|d| match d {
                Decision::Accept => Pick::Accept,
                Decision::Orphan => Pick::Orphan,
            })
            .collect();
        let rows = plan
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.state != State::Exact)
            .map(|(i, entry)| {
                let before = match &entry.old {
                    Some(old) => document
                        .text()
                        .quote(old.clone(), crate::anchor::CONTEXT)
                        .map(Shown::of)
                        .unwrap_or_default(),
                    None => document
                        .orphans()
                        .get(i - claims.min(i))
                        .map(|o| Shown::of(o.quote()))
                        .unwrap_or_default(),
                };
                let after = entry
                    .new
                    .clone()
                    .and_then(|new| plan.text.quote(new, crate::anchor::CONTEXT))
                    .map(Shown::of);
                Row {
                    entry: i,
                    before,
                    after,
                }
            })
            .collect();
        Self {
            plan,
            revision,
            rows,
            picks,
        }
    }

    pub fn summary(&self) -> crate::anchor::Summary {
        self.plan.summary()
    }

    /// What is chosen for the `n`th listed claim (tests).
    pub fn pick(&self, n: usize) -> Option<Pick> {
        self.rows
            .get(n)
            .and_then(|r| self.picks.get(r.entry))
            .copied()
    }

    /// The claims listed for a decision (those not `exact`), in the plan's order.
    pub fn listed(&self) -> usize {
        self.rows.len()
    }

    fn decided(&self) -> Decided {
        let decisions = self
            .picks
            .iter()
            .map(|p| match p {
                Pick::Accept => Decision::Accept,
                Pick::Reattach | Pick::Orphan => Decision::Orphan,
            })
            .collect();
        let reattach = self
            .picks
            .iter()
            .zip(&self.plan.entries)
            .filter(|(p, _)| **p == Pick::Reattach)
            .map(|(_, e)| e.id.clone())
            .collect();
        Decided {
            plan: self.plan.clone(),
            revision: self.revision,
            decisions,
            reattach,
        }
    }

    /// The review's window. Enter applies the update, Esc cancels it (nothing changes).
    pub fn ui(&mut self, ui: &mut Ui, default: bool, cancel: bool) -> Vec<Command> {
        ui.set_max_width(980.0);
        ui.heading(format!(
            "Update the text from {}",
            if self.plan.source_file.is_empty() {
                "the new version"
            } else {
                &self.plan.source_file
            }
        ));
        ui.label(format!("{}.", self.plan.summary()));
        ui.label(
            "Exact claims are carried over as they are. For each claim below, Accept puts \
             it on the words shown under After; Re-attach keeps it aside for you to select \
             its words once the text is updated; Keep as orphan keeps it, with its verdict, \
             rationale and sources, in the orphan list. The update is one step: Undo takes \
             it back.",
        );
        ui.add_space(6.0);
        if self.rows.is_empty() {
            ui.label(RichText::new("Every claim is unchanged in the new text.").strong());
        } else {
            self.rows_ui(ui);
        }
        ui.add_space(8.0);
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            let apply = ui
                .add(egui::Button::new("Apply update").selected(true))
                .clicked();
            let placed = ui
                .button("Accept every placed claim")
                .on_hover_text("Accept every claim that has a place in the new text")
                .clicked();
            let cancelled = ui.button("Cancel").clicked();
            if placed {
                for (pick, entry) in self.picks.iter_mut().zip(&self.plan.entries) {
                    if entry.new.is_some() {
                        *pick = Pick::Accept;
                    }
                }
            }
            if apply || default {
                commands = vec![
                    Command::CloseModal,
                    Command::ApplyUpdate(Box::new(self.decided())),
                ];
            } else if cancelled || cancel {
                commands = vec![Command::CloseModal];
            }
        });
        commands
    }

    fn rows_ui(&mut self, ui: &mut Ui) {
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                egui::Grid::new("reanchor review")
                    .num_columns(4)
                    .striped(true)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        ui.strong("How");
                        ui.strong("Before");
                        ui.strong("After");
                        ui.strong("Choice");
                        ui.end_row();
                        for row in &self.rows {
                            let Some(entry) = self.plan.entries.get(row.entry) else {
                                continue;
                            };
                            let Some(pick) = self.picks.get_mut(row.entry) else {
                                continue;
                            };
                            ui.label(format!("{}\n{:.0} %", entry.state, entry.score * 100.0));
                            context_ui(ui, Some(&row.before));
                            context_ui(ui, row.after.as_ref());
                            ui.vertical(|ui| {
                                ui.add_enabled_ui(entry.new.is_some(), |ui| {
                                    ui.radio_value(pick, Pick::Accept, "Accept");
                                });
                                ui.radio_value(pick, Pick::Reattach, "Re-attach");
                                ui.radio_value(pick, Pick::Orphan, "Keep as orphan");
                            });
                            ui.end_row();
                        }
                    });
            });
    }
}

/// `…prefix **words** suffix…`, wrapped in a column of fixed width.
fn context_ui(ui: &mut Ui, shown: Option<&Shown>) {
    let width = 300.0;
    let Some(shown) = shown else {
        ui.vertical(|ui| {
            ui.set_min_width(width);
            ui.set_max_width(width);
            ui.label(RichText::new("not found in the new text").italics().weak());
        });
        return;
    };
    let style = ui.style();
    let body = egui::TextStyle::Body.resolve(style);
    let weak = ui.visuals().weak_text_color();
    let strong = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    // A paragraph break shows as one ¶, however many line breaks make it.
    let flat = |s: &str| {
        s.split('\n')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ¶ ")
    };
    let mut push = |text: &str, color, underline: bool| {
        let mut format = egui::TextFormat::simple(body.clone(), color);
        if underline {
            format.underline = egui::Stroke::new(1.0, color);
        }
        job.append(text, 0.0, format);
    };
    push(&format!("…{}", flat(&shown.prefix)), weak, false);
    push(&flat(&shown.exact), strong, true);
    push(&format!("{}…", flat(&shown.suffix)), weak, false);
    job.wrap.max_width = width;
    ui.vertical(|ui| {
        ui.set_min_width(width);
        ui.set_max_width(width);
        ui.add(egui::Label::new(job).wrap());
    });
}
