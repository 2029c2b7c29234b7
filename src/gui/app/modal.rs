//! The one question the app can be asking at a time. Every prompt is a variant of
//! [`Modal`]; each has a default button that Enter chooses and a Cancel that Esc chooses,
//! and its text field (if any) has the keyboard as soon as it opens. A modal requests no
//! repaint of its own: while it waits, the app is idle.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Key, Ui};

use super::{AfterPrompt, Command};
use crate::edit::Change;
use crate::gui::actions::Action;
use crate::model::Verdict;
use crate::model::rules::check_url;

#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Unsaved changes before closing or opening another file: Save (Enter), Discard,
    /// Cancel (Esc).
    Unsaved { then: AfterPrompt },
    /// Who is reviewing: OK (Enter), Later (Esc).
    ReviewerName { name: String, focus: bool },
    /// What a ClaimReview export needs that the document does not hold: the publishing
    /// organisation (remembered) and the fact-check page. Choose file… (Enter), Cancel.
    ClaimReview {
        publisher: String,
        page: String,
        focus: bool,
    },
    /// Article ▸ Properties: title, URL and what the page says about itself, one undoable
    /// change. OK (Enter), Cancel.
    Properties(Box<Properties>),
    /// Article ▸ Verdict scale…: another scale, and what each old level becomes, one
    /// undoable change. Change scale (Enter), Cancel (Esc).
    VerdictScale(Box<ScaleChoice>),
    /// Help ▸ Keyboard shortcuts: the action table. Close (Enter or Esc).
    Shortcuts,
    /// Unsaved work on the file just opened was found in a journal (after a crash):
    /// Restore (Enter), Discard (asks again), Later (Esc: the journal is kept).
    Restore {
        dir: PathBuf,
        file: String,
        when: String,
    },
    /// The file changed on disk since it was opened (or appeared where a new document
    /// saves), and nothing was written: Save mine as a copy… (Enter), Reload theirs,
    /// Overwrite… (asks again), Cancel (Esc).
    ChangedOnDisk { path: String, why: String },
    /// The file is read-only and was not replaced: Save As… (Enter), Cancel (Esc).
    ReadOnly { message: String },
    /// Write over their changes? Overwrite (Enter), Cancel (Esc).
    Overwrite { path: String },
    /// After Reload theirs: re-apply my unsaved changes to their version? Re-apply (Enter),
    /// Later (Esc: they stay in the journal).
    Reapply { dir: PathBuf },
    /// Discard that work for good? Discard (Enter), Cancel (Esc: back to the question).
    DiscardWork {
        dir: PathBuf,
        file: String,
        when: String,
    },
    /// How the claims carry over to a new text: Apply update (Enter), Cancel (Esc).
    Reanchor(Box<super::review::Review>),
}

/// What the keyboard chose this frame.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    None,
    Default,
    Cancel,
}

impl Modal {
    pub fn reviewer_name() -> Self {
        Self::ReviewerName {
            name: String::new(),
            focus: true,
        }
    }

    pub fn claim_review(publisher: &str, page: &str) -> Self {
        Self::ClaimReview {
            publisher: publisher.to_owned(),
            page: page.to_owned(),
            focus: true,
        }
    }

    pub fn restore(found: &crate::journal::Found) -> Self {
        let when: chrono::DateTime<chrono::Utc> = found.last_written.into();
        Self::Restore {
            dir: found.dir.clone(),
            file: found.header.file.as_ref().map_or_else(
                || "a document that was never saved".to_owned(),
                |f| f.display().to_string(),
            ),
            when: when.format("%Y-%m-%d %H:%M UTC").to_string(),
        }
    }

    pub fn properties(article: &crate::model::Article) -> Self {
        let fields = PropertyFields {
            title: article.title.clone(),
            url: article.url.clone(),
            meta: article.meta.clone(),
        };
        Self::Properties(Box::new(Properties {
            original: fields.clone(),
            fields,
            focus: true,
        }))
    }

    /// Article ▸ Verdict scale… on this document: the preset other than its scale, each
    /// old level mapped to the new level of the same id or label, else unreviewed.
    pub fn verdict_scale(document: &crate::model::Document) -> Self {
        let from = document.scale().clone();
        let mut used = vec![0; from.levels.len()];
        let verdicts = document
            .claims()
            .iter()
            .map(|c| &c.verdict)
            .chain(document.orphans().iter().map(|o| &o.verdict));
        for verdict in verdicts {
            if let Some(i) = from.index_of(verdict) {
                used[i] += 1;
            }
        }
        let to = crate::model::PRESETS
            .iter()
            .find(|&&name| name != from.name)
            .map_or("factmark", |n| n);
        let mut choice = ScaleChoice {
            from,
            used,
            to: String::new(),
            mapping: Vec::new(),
        };
        choice.choose(to);
        Self::VerdictScale(Box::new(choice))
    }

    /// Shows the modal; returns what the user chose.
    pub fn ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let keys = ctx.input(|i| {
            if i.key_pressed(Key::Escape) {
                Choice::Cancel
            } else if i.key_pressed(Key::Enter) {
                Choice::Default
            } else {
                Choice::None
            }
        });
        let mut commands = Vec::new();
        egui::Modal::new(egui::Id::unique("factmark modal")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            commands = match self {
                Self::Unsaved { then } => unsaved_ui(ui, then, keys),
                Self::ReviewerName { name, focus } => reviewer_ui(ui, name, focus, keys),
                Self::ClaimReview {
                    publisher,
                    page,
                    focus,
                } => claim_review_ui(ui, publisher, page, focus, keys),
                Self::Properties(properties) => properties_ui(ui, properties, keys),
                Self::VerdictScale(choice) => verdict_scale_ui(ui, choice, keys),
                Self::Shortcuts => shortcuts_ui(ui, keys),
                Self::Restore { dir, file, when } => restore_ui(ui, dir, file, when, keys),
                Self::DiscardWork { dir, file, when } => discard_work_ui(ui, dir, file, when, keys),
                Self::ChangedOnDisk { path, why } => changed_on_disk_ui(ui, path, why, keys),
                Self::Overwrite { path } => overwrite_ui(ui, path, keys),
                Self::ReadOnly { message } => read_only_ui(ui, message, keys),
                Self::Reapply { dir } => reapply_ui(ui, dir, keys),
                Self::Reanchor(review) => {
                    review.ui(ui, keys == Choice::Default, keys == Choice::Cancel)
                }
            };
        });
        commands
    }
}

/// The buttons row: the default button (Enter) first, then the others, Cancel (Esc) last.
/// Returns the index of the button chosen.
fn buttons(ui: &mut Ui, labels: &[&str], default_enabled: bool, keys: Choice) -> Option<usize> {
    let mut chosen = None;
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        for (i, label) in labels.iter().enumerate() {
            let enabled = i != 0 || default_enabled;
            let mut button = egui::Button::new(*label);
            if i == 0 {
                button = button.selected(true);
            }
            if ui.add_enabled(enabled, button).clicked() {
                chosen = Some(i);
            }
        }
    });
    match keys {
        Choice::Default if default_enabled => chosen.or(Some(0)),
        Choice::Cancel => chosen.or(Some(labels.len() - 1)),
        _ => chosen,
    }
}

/// A labelled one-line field that takes the keyboard the first time it is shown.
fn field(ui: &mut Ui, label: &str, text: &mut String, hint: &str, focus: &mut bool) {
    let label = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(320.0),
        )
        .labelled_by(label.id);
    if std::mem::take(focus) {
        response.request_focus();
    }
}

/// A grid of a text field (which takes the keyboard on opening) and a link field. True if
/// the link is empty or a web link; otherwise says why not, under the fields.
fn name_and_link_ui(
    ui: &mut Ui,
    (name_label, name, hint): (&str, &mut String, &str),
    (link_label, link): (&str, &mut String),
    focus: &mut bool,
) -> bool {
    egui::Grid::new("modal fields")
        .num_columns(2)
        .show(ui, |ui| {
            field(ui, name_label, name, hint, focus);
            ui.end_row();
            field(ui, link_label, link, "https://…", &mut false);
            ui.end_row();
        });
    let link = link.trim();
    if link.is_empty() {
        return true;
    }
    match check_url(link) {
        Ok(()) => true,
        Err(problem) => {
            ui.colored_label(ui.visuals().error_fg_color, problem);
            false
        }
    }
}

fn unsaved_ui(ui: &mut Ui, then: &AfterPrompt, keys: Choice) -> Vec<Command> {
    ui.heading("Unsaved changes");
    ui.label(match then {
        AfterPrompt::Close => {
            "This document has changes that are not saved. Save them before closing?"
        }
        AfterPrompt::Open(_) => {
            "This document has changes that are not saved. Save them before opening another file?"
        }
    });
    match buttons(ui, &["Save", "Discard", "Cancel"], true, keys) {
        Some(0) => vec![Command::SaveThen(then.clone())],
        Some(1) => vec![Command::Discard(then.clone())],
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

fn restore_ui(ui: &mut Ui, dir: &Path, file: &str, when: &str, keys: Choice) -> Vec<Command> {
    ui.heading(format!("Restore unsaved work from {when}?"));
    ui.label(format!(
        "factmark found changes to {file} that were never saved (the app closed before they \
         were). Restore puts them back, ready to save. Later keeps them for next time."
    ));
    match buttons(ui, &["Restore", "Discard…", "Later"], true, keys) {
        Some(0) => vec![Command::RestoreWork(dir.to_owned())],
        Some(1) => vec![Command::AskDiscardWork],
        Some(_) => vec![Command::Later],
        None => Vec::new(),
    }
}

fn discard_work_ui(ui: &mut Ui, dir: &Path, file: &str, when: &str, keys: Choice) -> Vec<Command> {
    ui.heading("Discard the unsaved work?");
    ui.label(format!(
        "The changes to {file} from {when} will be gone for good. The file stays as it is."
    ));
    match buttons(ui, &["Discard", "Cancel"], true, keys) {
        Some(0) => vec![Command::DiscardWork(dir.to_owned())],
        Some(_) => vec![Command::KeepWork],
        None => Vec::new(),
    }
}

fn changed_on_disk_ui(ui: &mut Ui, path: &str, why: &str, keys: Choice) -> Vec<Command> {
    ui.heading("The file changed on disk");
    ui.label(format!(
        "{path}: {why}. Nothing was written. Save your version as a copy, reload theirs \
         (your changes are kept and can be re-applied), or overwrite theirs."
    ));
    match buttons(
        ui,
        &[
            "Save mine as a copy…",
            "Reload theirs",
            "Overwrite…",
            "Cancel",
        ],
        true,
        keys,
    ) {
        Some(0) => vec![Command::SaveCopy],
        Some(1) => vec![Command::ReloadTheirs],
        Some(2) => vec![Command::AskOverwrite],
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

fn read_only_ui(ui: &mut Ui, message: &str, keys: Choice) -> Vec<Command> {
    ui.heading("The file is read-only");
    ui.label(format!("{message}. Save your work to another file?"));
    match buttons(ui, &["Save As…", "Cancel"], true, keys) {
        Some(0) => vec![Command::SaveCopy],
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

fn overwrite_ui(ui: &mut Ui, path: &str, keys: Choice) -> Vec<Command> {
    ui.heading("Overwrite their changes?");
    ui.label(format!(
        "{path} will hold your version; the changes made to it since you opened it will be lost."
    ));
    match buttons(ui, &["Overwrite", "Cancel"], true, keys) {
        Some(0) => vec![Command::Overwrite],
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

fn reapply_ui(ui: &mut Ui, dir: &Path, keys: Choice) -> Vec<Command> {
    ui.heading("Re-apply your changes?");
    ui.label(
        "Their version is open. Your unsaved changes are kept: re-apply them to it now, or \
         later (they stay in factmark's journal folder).",
    );
    match buttons(ui, &["Re-apply", "Later"], true, keys) {
        Some(0) => vec![Command::Reapply(dir.to_owned())],
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

fn reviewer_ui(ui: &mut Ui, name: &mut String, focus: &mut bool, keys: Choice) -> Vec<Command> {
    ui.heading("Who is reviewing?");
    ui.label(
        "Your name stamps every claim you create or change. It is remembered on this computer.",
    );
    field(ui, "Your name", name, "e.g. Amal Haddad", focus);
    let ok = !name.trim().is_empty();
    match buttons(ui, &["OK", "Later"], ok, keys) {
        Some(0) => vec![Command::SetReviewer(name.trim().to_owned())],
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

fn claim_review_ui(
    ui: &mut Ui,
    publisher: &mut String,
    page: &mut String,
    focus: &mut bool,
    keys: Choice,
) -> Vec<Command> {
    ui.heading("Export ClaimReview");
    ui.label(
        "Google's fact-check markup names who publishes the fact-check and the page it is \
         on. Left empty, a field is left out of the markup.",
    );
    let ok = name_and_link_ui(
        ui,
        ("Publisher", publisher, "Example Fact Checks"),
        ("Fact-check page", page),
        focus,
    );
    match buttons(ui, &["Choose file…", "Cancel"], ok, keys) {
        Some(0) => vec![Command::ExportClaimReview {
            publisher: publisher.clone(),
            page: page.clone(),
        }],
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

/// The fields of Article ▸ Properties, as opened and as edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertyFields {
    title: String,
    url: String,
    meta: crate::text::Meta,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Properties {
    fields: PropertyFields,
    original: PropertyFields,
    focus: bool,
}

/// A web-address field's problem, shown under the fields; `None` if empty or a web link.
fn link_problem(label: &str, link: &str) -> Option<String> {
    let link = link.trim();
    if link.is_empty() {
        return None;
    }
    check_url(link).err().map(|why| format!("{label}: {why}"))
}

fn properties_ui(ui: &mut Ui, properties: &mut Properties, keys: Choice) -> Vec<Command> {
    ui.heading("Article properties");
    let Properties {
        fields,
        original,
        focus,
    } = properties;
    let meta = &mut fields.meta;
    egui::Grid::new("modal fields")
        .num_columns(2)
        .show(ui, |ui| {
            let rows: [(&str, &mut String, &str); 8] = [
                ("Title", &mut fields.title, "The article's headline"),
                ("Web address", &mut fields.url, "https://…"),
                ("Author", &mut meta.author, "Who wrote it"),
                ("Publisher", &mut meta.publisher, "The site or paper"),
                ("Published", &mut meta.published, "e.g. 2026-03-04"),
                ("Updated", &mut meta.modified, "e.g. 2026-03-05"),
                ("Canonical address", &mut meta.canonical_url, "https://…"),
                ("Language", &mut meta.lang, "en, ar, zh-CN…"),
            ];
            // The title takes the keyboard on opening: the focus is used once.
            for (label, text, hint) in rows {
                field(ui, label, text, hint, focus);
                ui.end_row();
            }
        });
    let problems: Vec<String> = [
        link_problem("Web address", &fields.url),
        link_problem("Canonical address", &fields.meta.canonical_url),
    ]
    .into_iter()
    .flatten()
    .collect();
    for problem in &problems {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    ui.label(
        egui::RichText::new(
            "Exports use the web address, else the canonical one; ClaimReview names the \
             author, publisher and date.",
        )
        .small()
        .weak(),
    );
    match buttons(ui, &["OK", "Cancel"], problems.is_empty(), keys) {
        Some(0) => {
            let trim = |s: &str| s.trim().to_owned();
            let edited = PropertyFields {
                title: trim(&fields.title),
                url: trim(&fields.url),
                meta: crate::text::Meta {
                    author: trim(&fields.meta.author),
                    publisher: trim(&fields.meta.publisher),
                    published: trim(&fields.meta.published),
                    modified: trim(&fields.meta.modified),
                    canonical_url: trim(&fields.meta.canonical_url),
                    lang: trim(&fields.meta.lang),
                },
            };
            let mut changes = Vec::new();
            if edited.title != original.title {
                changes.push(Change::SetTitle {
                    title: edited.title,
                });
            }
            if edited.url != original.url {
                changes.push(Change::SetUrl { url: edited.url });
            }
            if edited.meta != original.meta {
                changes.push(Change::SetMeta { meta: edited.meta });
            }
            let mut commands = vec![Command::CloseModal];
            if !changes.is_empty() {
                commands.push(Command::Changes(changes, "Article properties"));
            }
            commands
        }
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

fn shortcuts_ui(ui: &mut Ui, keys: Choice) -> Vec<Command> {
    ui.heading("Keyboard shortcuts");
    ui.label("Keys without Ctrl act only while no text field has the keyboard.");
    egui::ScrollArea::vertical()
        .max_height(440.0)
        .min_scrolled_height(400.0)
        .show(ui, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for action in Action::every().filter(|a| !a.shortcuts().is_empty()) {
                        ui.label(action.label());
                        ui.label(action.all_keys_text());
                        ui.end_row();
                    }
                });
        });
    let keys = if keys == Choice::Default {
        Choice::Cancel
    } else {
        keys
    };
    match buttons(ui, &["Close"], true, keys) {
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}

/// Article ▸ Verdict scale…, as chosen so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleChoice {
    /// The document's scale now.
    from: crate::model::Scale,
    /// Claims and orphans on each of its levels.
    used: Vec<usize>,
    /// The preset chosen.
    to: String,
    /// For each level of `from`, what it becomes: a level of `to`, or unreviewed.
    mapping: Vec<Verdict>,
}

impl ScaleChoice {
    fn target(&self) -> crate::model::Scale {
        crate::model::Scale::preset(&self.to).unwrap_or_else(crate::model::Scale::factmark)
    }

    /// Picks a preset, and maps each old level to the new level it names, else unreviewed.
    fn choose(&mut self, name: &str) {
        name.clone_into(&mut self.to);
        let target = self.target();
        self.mapping = self
            .from
            .levels
            .iter()
            .map(|level| {
                target
                    .match_label(level.id.as_str())
                    .or_else(|| target.match_label(&level.label))
                    .or_else(|| same_place(&self.from, &level.id, &target))
                    .unwrap_or(Verdict::UNREVIEWED)
            })
            .collect();
    }
}

/// Between ordered scales: the level at the same place from worst to best (verified, the
/// best of three, becomes the best of six).
fn same_place(
    from: &crate::model::Scale,
    verdict: &Verdict,
    to: &crate::model::Scale,
) -> Option<Verdict> {
    let rating = from.rating(verdict)?;
    if !to.ordered {
        return None;
    }
    let (n, m) = (f64::from(from.best_rating()), f64::from(to.best_rating()));
    let place = if n <= 1.0 {
        1.0
    } else {
        f64::from(rating - 1) / (n - 1.0)
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let wanted = (place * (m - 1.0)).round() as u32 + 1;
    to.levels
        .iter()
        .find(|l| l.rating == Some(wanted))
        .map(|l| l.id.clone())
}

fn verdict_scale_ui(ui: &mut Ui, choice: &mut ScaleChoice, keys: Choice) -> Vec<Command> {
    ui.heading("Verdict scale");
    ui.label(format!(
        "Now: {} ({} levels). Choose the new scale and what each level becomes.",
        choice.from.name,
        choice.from.levels.len()
    ));
    let mut picked = None;
    egui::ComboBox::from_label("New scale")
        .selected_text(choice.to.clone())
        .show_ui(ui, |ui| {
            for name in crate::model::PRESETS {
                if ui.selectable_label(choice.to == name, name).clicked() {
                    picked = Some(name);
                }
            }
        });
    if let Some(name) = picked {
        choice.choose(name);
    }
    let target = choice.target();
    egui::Grid::new("scale mapping")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("Level now");
            ui.strong("Becomes");
            ui.end_row();
            for (i, level) in choice.from.levels.iter().enumerate() {
                let used = choice.used.get(i).copied().unwrap_or(0);
                let label = ui.label(format!("{} ({used} claims)", level.label));
                let Some(mapped) = choice.mapping.get_mut(i) else {
                    continue;
                };
                egui::ComboBox::from_id_salt(("scale mapping", i))
                    .selected_text(crate::gui::theme::shown_label(&target, mapped).into_owned())
                    .show_ui(ui, |ui| {
                        for option in target.verdicts() {
                            let text = crate::gui::theme::shown_label(&target, option).into_owned();
                            ui.selectable_value(mapped, option.clone(), text);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            }
        });
    ui.label(
        egui::RichText::new("One change: Undo puts back the old scale and every verdict.")
            .small()
            .weak(),
    );
    match buttons(ui, &["Change scale", "Cancel"], true, keys) {
        Some(0) => {
            let mapping = choice
                .from
                .levels
                .iter()
                .map(|l| l.id.clone())
                .zip(choice.mapping.iter().cloned())
                .collect();
            let scale = (target.name != "factmark").then_some(target);
            vec![Command::CloseModal, Command::Rescale { scale, mapping }]
        }
        Some(_) => vec![Command::CloseModal],
        None => Vec::new(),
    }
}
