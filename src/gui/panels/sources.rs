//! The selected claim's sources: open a link, edit, remove, add.

use chrono::NaiveDate;
use eframe::egui::{self, Ui};

use crate::edit::Change;
use crate::gui::app::Command;
use crate::model::rules::{self, SourceFields};
use crate::model::{Claim, Source};

/// The source form: it adds a new source, or edits one of the selected claim's.
///
/// The fields are plain text until Add or Save, so a half-typed link never reaches the
/// model. What a source must have is [`rules::source`]'s to say, as for the file reader.
#[derive(Default)]
pub struct SourceForm {
    /// The source being edited, by position; `None` while adding a new one.
    editing: Option<usize>,
    url: String,
    title: String,
    accessed: String,
    note: String,
}

impl SourceForm {
    /// An empty form for a new source, accessed `today`.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            accessed: today.format("%Y-%m-%d").to_string(),
            ..Self::default()
        }
    }

    fn editing(i: usize, source: &Source) -> Self {
        Self {
            editing: Some(i),
            url: source.url.clone(),
            title: source.title.clone(),
            accessed: source
                .accessed
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            note: source.note.clone(),
        }
    }

    /// The source the form describes, or what is wrong with it.
    fn source(&self, original: Option<&Source>) -> Result<Source, String> {
        let fields = SourceFields {
            url: self.url.trim(),
            title: self.title.trim(),
            accessed: self.accessed.trim(),
            note: self.note.trim(),
        };
        // Fields other tools wrote stay with the source they belong to.
        let extra = original.map(|s| s.extra.clone()).unwrap_or_default();
        rules::source(&fields, extra).map_err(|problems| {
            problems
                .iter()
                .map(|p| match p.field() {
                    Some("url") => format!("Link: {p}"),
                    Some("accessed") => format!("Accessed: {p}"),
                    _ => format!("The source {p}"),
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
    }
}

pub fn sources_ui(
    ui: &mut Ui,
    claim: &Claim,
    form: &mut SourceForm,
    today: NaiveDate,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.label(format!("Sources ({})", claim.sources.len()));
    // An undo or redo may have removed the source being edited.
    if form.editing.is_some_and(|i| i >= claim.sources.len()) {
        *form = SourceForm::new(today);
    }
    for (i, source) in claim.sources.iter().enumerate() {
        let editing = form.editing == Some(i);
        let label = if source.title.is_empty() {
            &source.url
        } else {
            &source.title
        };
        // On a line of its own, wrapped: a long title never widens the panel. Only web
        // links open, and only on a click.
        if rules::check_url(&source.url).is_ok() {
            ui.add(egui::Hyperlink::from_label_and_url(
                egui::RichText::new(label),
                &source.url,
            ))
            .on_hover_text(&source.url);
        } else {
            ui.add(egui::Label::new(label.as_str()).wrap());
        }
        let mut details = Vec::new();
        if let Some(date) = source.accessed {
            details.push(format!("accessed {date}"));
        }
        if !source.note.is_empty() {
            details.push(source.note.clone());
        }
        if !details.is_empty() {
            ui.add(egui::Label::new(egui::RichText::new(details.join(" · ")).weak()).wrap());
        }
        ui.horizontal(|ui| {
            if ui
                .add(egui::Button::new("Edit").small().selected(editing))
                .on_hover_text("Change this source's link, title, date or note")
                .accessible_name(format!("Edit source {}", i + 1))
                .clicked()
            {
                *form = if editing {
                    SourceForm::new(today)
                } else {
                    SourceForm::editing(i, source)
                };
            }
            if ui
                .small_button("Remove")
                .on_hover_text("Remove this source")
                .accessible_name(format!("Remove source {}", i + 1))
                .clicked()
            {
                *form = SourceForm::new(today);
                commands.push(Command::Change(Change::RemoveSource {
                    id: claim.id.clone(),
                    index: i,
                }));
            }
        });
    }

    ui.add_space(4.0);
    commands.extend(form_ui(ui, claim, form, today));
    commands
}

/// The fields of the source form and its buttons.
fn form_ui(ui: &mut Ui, claim: &Claim, form: &mut SourceForm, today: NaiveDate) -> Vec<Command> {
    let mut commands = Vec::new();
    let editing = form.editing;
    ui.label(match editing {
        Some(i) => format!("Edit source {}", i + 1),
        None => "New source".to_owned(),
    });
    egui::Grid::new("source form")
        .num_columns(2)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            let fields: [(&str, &mut String, &str); 3] = [
                ("Link", &mut form.url, "https://…"),
                ("Title", &mut form.title, "optional"),
                ("Accessed", &mut form.accessed, "YYYY-MM-DD"),
            ];
            for (name, text, hint) in fields {
                let label = ui.label(name);
                ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text(hint)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
            let label = ui.label("Note");
            ui.add(
                egui::TextEdit::multiline(&mut form.note)
                    .hint_text("What this source shows")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
        });

    let original = editing.and_then(|i| claim.sources.get(i));
    let source = form.source(original);
    let mut done = false;
    ui.horizontal(|ui| {
        let text = if editing.is_some() {
            "Save source"
        } else {
            "Add source"
        };
        let button = ui
            .add_enabled(source.is_ok(), egui::Button::new(text))
            .on_disabled_hover_text(source.as_ref().err().cloned().unwrap_or_default());
        if button.clicked()
            && let Ok(source) = source.clone()
        {
            let id = claim.id.clone();
            commands.push(Command::Change(match editing {
                Some(index) => Change::ChangeSource { id, index, source },
                None => Change::AddSource {
                    id,
                    index: claim.sources.len(),
                    source,
                },
            }));
            done = true;
        }
        if editing.is_some() && ui.button("Cancel").clicked() {
            done = true;
        }
    });
    // Say what is wrong once the user has typed something; an empty form needs no scolding.
    let typed = !(form.url.trim().is_empty() && form.title.trim().is_empty());
    if let Err(problem) = &source
        && typed
    {
        ui.add(
            egui::Label::new(egui::RichText::new(problem).color(ui.visuals().error_fg_color))
                .wrap(),
        );
    }
    if done {
        *form = SourceForm::new(today);
    }
    commands
}
