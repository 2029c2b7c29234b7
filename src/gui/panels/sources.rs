//! The selected claim's sources: open a link, edit, remove, add.

use chrono::NaiveDate;
use eframe::egui::{self, Ui};

use crate::gui::app::App;
use crate::model::{Claim, Source};

/// The source form: it adds a new source, or edits one of the selected claim's.
///
/// The fields are plain text until Add or Save, so a half-typed link never reaches the
/// model (where it would stop the file from saving).
pub struct SourceForm {
    /// The source being edited, by position; `None` while adding a new one.
    editing: Option<usize>,
    url: String,
    title: String,
    accessed: String,
    note: String,
}

impl Default for SourceForm {
    /// An empty form for a new source, accessed today.
    fn default() -> Self {
        Self {
            editing: None,
            url: String::new(),
            title: String::new(),
            accessed: today(),
            note: String::new(),
        }
    }
}

impl SourceForm {
    fn editing(i: usize, source: &Source) -> Self {
        Self {
            editing: Some(i),
            url: source.url.clone(),
            title: source.title.clone(),
            accessed: source.accessed.map(|d| d.to_string()).unwrap_or_default(),
            note: source.note.clone(),
        }
    }

    /// The source the form describes, or what is wrong with it.
    fn source(&self, original: Option<&Source>) -> Result<Source, String> {
        let url = self.url.trim();
        if url.is_empty() {
            return Err("Type or paste the source's link.".to_owned());
        }
        crate::format::check_url(url)?;
        let accessed = match self.accessed.trim() {
            "" => None,
            date => Some(
                NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map_err(|_| format!("Accessed: {date:?} is not a date like 2026-11-25."))?,
            ),
        };
        Ok(Source {
            url: url.to_owned(),
            title: self.title.trim().to_owned(),
            accessed,
            note: self.note.trim().to_owned(),
            // Fields other tools wrote stay with the source they belong to.
            extra: original.map(|s| s.extra.clone()).unwrap_or_default(),
        })
    }
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

pub fn sources_ui(app: &mut App, ui: &mut Ui, claim: &Claim) {
    ui.label(format!("Sources ({})", claim.sources.len()));
    // An undo or redo may have removed the source being edited.
    if app
        .inspector
        .source
        .editing
        .is_some_and(|i| i >= claim.sources.len())
    {
        app.inspector.source = SourceForm::default();
    }
    let mut remove = None;
    for (i, source) in claim.sources.iter().enumerate() {
        let editing = app.inspector.source.editing == Some(i);
        ui.horizontal(|ui| {
            let label = if source.title.is_empty() {
                &source.url
            } else {
                &source.title
            };
            // Only web links open, and only on a click.
            if crate::format::check_url(&source.url).is_ok() {
                ui.hyperlink_to(label, &source.url)
                    .on_hover_text(&source.url);
            } else {
                ui.label(label);
            }
            if ui
                .add(egui::Button::new("Edit").small().selected(editing))
                .on_hover_text("Change this source's link, title, date or note")
                .accessible_name(format!("Edit source {}", i + 1))
                .clicked()
            {
                app.inspector.source = if editing {
                    SourceForm::default()
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
                remove = Some(i);
            }
        });
        let mut details = Vec::new();
        if let Some(date) = source.accessed {
            details.push(format!("accessed {date}"));
        }
        if !source.note.is_empty() {
            details.push(source.note.clone());
        }
        if !details.is_empty() {
            ui.weak(details.join(" · "));
        }
    }
    if let Some(i) = remove {
        app.inspector.source = SourceForm::default();
        app.change_selected("Remove source", None, |c| {
            if i < c.sources.len() {
                c.sources.remove(i);
            }
        });
    }

    ui.add_space(4.0);
    form_ui(app, ui, claim);
}

/// The fields of the source form and its buttons.
fn form_ui(app: &mut App, ui: &mut Ui, claim: &Claim) {
    let form = &mut app.inspector.source;
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
            match editing {
                Some(i) => app.change_selected("Edit source", None, move |c| {
                    if let Some(slot) = c.sources.get_mut(i) {
                        *slot = source;
                    }
                }),
                None => app.change_selected("Add source", None, move |c| c.sources.push(source)),
            }
            done = true;
        }
        if editing.is_some() && ui.button("Cancel").clicked() {
            done = true;
        }
    });
    // Say what is wrong once the user has typed a link; an empty form needs no scolding.
    if let Err(problem) = &source
        && !app.inspector.source.url.trim().is_empty()
    {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    if done {
        app.inspector.source = SourceForm::default();
    }
}
