//! The app: the open sessions, the one modal, the preferences, runtime handles, and the
//! frame. Views (menus, panels, the article) read what they show and return [`Command`]s;
//! [`App::ui`] runs them all in one place at the end of the frame (`commands.rs`).

mod commands;
mod curation;
mod files;
mod menu;
mod modal;
mod review;
mod update;

use std::path::PathBuf;

use eframe::egui::{self, Ui};

pub use commands::{AfterPrompt, Command};
pub use modal::Modal;
pub use review::{Decided, Pick as ReviewPick, Review};

use super::actions::Action;
use super::jobs::Jobs;
use super::journal::JournalWriter;
use super::prefs::{PanelWidths, Prefs, Theme};
use super::session::DocSession;
use super::{panels, theme};
use crate::clock::SystemClock;
use crate::model::Clock;
use crate::ops::export;
use crate::ops::open::Opened;

/// Something worth telling the user, in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: MessageKind::Info,
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: MessageKind::Error,
        }
    }

    pub fn is_error(&self) -> bool {
        self.kind == MessageKind::Error
    }
}

/// Runtime state: threads, channels and what this run of the app is doing. Never saved.
struct Runtime {
    jobs: Jobs,
    /// Where preferences are remembered (none: nothing is remembered, as in most tests).
    config_dir: Option<PathBuf>,
    /// The preferences have been read (they load in the background at start-up). Until
    /// then the document waits: the side panels must first know their remembered widths.
    prefs_loaded: bool,
    /// A close was asked for and may go ahead.
    allow_close: bool,
    /// What follows a save that is running (close, open another file).
    then: Option<AfterPrompt>,
    title: String,
    /// A text field had the keyboard at the end of the last frame. egui drops focus on Esc
    /// before the frame runs, so this keeps that Esc from also clearing the selection.
    was_typing: bool,
    /// The status bar's reviewer field while it is being typed in.
    reviewer_field: Option<String>,
    /// The theme last handed to egui, so that a change is applied once.
    applied_theme: Option<Theme>,
    /// The side panels' widths in the last frame with no pointer button down.
    settled_panels: Option<PanelWidths>,
    /// A change on disk to this file was already reported when the window got the focus
    /// back (it is not asked about again until a save or an open).
    warned: Option<PathBuf>,
    /// After "Reload theirs": the journal of my work, offered for re-applying once their
    /// version is open.
    reapply: Option<PathBuf>,
    /// Writes the sessions' journals (none: no journals, as in most tests).
    journal: Option<JournalWriter>,
    /// Start-up is being timed (`FACTMARK_STARTUP_TRACE`).
    pub(super) startup: Option<StartupTrace>,
    /// A re-anchoring review waiting for the question before it to be answered.
    review: Option<Box<Review>>,
    /// File ▸ Compare reviewers…: the comparison open, if any.
    curation: Option<Box<curation::CurationView>>,
}

/// Times of start-up, for the end-to-end measurement (`FACTMARK_STARTUP_TRACE=FILE`):
/// milliseconds from the start of `main` to the window's first frame (`window`), to the
/// arrival of the first document from its background thread (`document`), to the end
/// of the first frame that lays out the document with the preferences in (`usable_built`)
/// and to the start of the frame after it, once that frame is on screen (`usable_shown`).
/// One `name ms unix_ms` line each, appended to the file: the wall-clock time too, so that
/// a measuring program can line these up with what it saw from outside.
pub struct StartupTrace {
    started: std::time::Instant,
    out: PathBuf,
    /// The marks written so far: each is written once.
    written: Vec<&'static str>,
}

impl StartupTrace {
    pub fn new(started: std::time::Instant, out: PathBuf) -> Self {
        Self {
            started,
            out,
            written: Vec::new(),
        }
    }

    fn has(&self, name: &str) -> bool {
        self.written.contains(&name)
    }

    /// Writes `name` with the time now, the first time only.
    fn mark(&mut self, name: &'static str) {
        use std::io::Write as _;
        if self.has(name) {
            return;
        }
        self.written.push(name);
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        let unix_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        // A measurement aid: if its file cannot be written, the app goes on regardless.
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.out)
        {
            writeln!(file, "{name} {ms:.1} {unix_ms:.1}").ok();
        }
    }

    /// The first document has arrived from its background thread.
    pub(super) fn document_arrived(&mut self) {
        self.mark("document");
    }

    /// At the start of a frame.
    fn frame_begins(&mut self) {
        self.mark("window");
        if self.has("usable_built") {
            self.mark("usable_shown");
        }
    }

    /// At the end of a frame that showed the document (`usable`), or did not.
    fn frame_ends(&mut self, ctx: &egui::Context, usable: bool) {
        if usable && !self.has("usable_built") {
            self.mark("usable_built");
            // The next frame starts once this one is painted and swapped.
            ctx.request_repaint();
        }
    }
}

pub struct App {
    /// The open documents; one is shown today.
    sessions: Vec<DocSession>,
    active: usize,
    /// The one question the app is asking, if any.
    modal: Option<Modal>,
    pub prefs: Prefs,
    /// What exports need beyond the document (ClaimReview's publisher and page).
    export_options: export::Options,
    message: Option<Message>,
    runtime: Runtime,
    clock: Box<dyn Clock>,
    /// Commands from this frame's views, run at its end.
    commands: Vec<Command>,
}

impl App {
    /// An app showing `opened` (or nothing yet), stamping changes as `prefs.reviewer`.
    /// Nothing is remembered on disk; see [`App::remembering_in`].
    pub fn new(opened: Option<Opened>, prefs: Prefs) -> Self {
        let mut app = Self::with_prefs(prefs);
        if let Some(opened) = opened {
            app.show_opened(opened);
        }
        app.ask_name_if_unknown();
        app
    }

    fn with_prefs(prefs: Prefs) -> Self {
        Self {
            sessions: Vec::new(),
            active: 0,
            modal: None,
            export_options: export::Options {
                publisher: prefs.publisher.clone(),
                review_url: None,
                csv_formulas: false,
            },
            prefs,
            message: None,
            runtime: Runtime {
                jobs: Jobs::default(),
                config_dir: None,
                prefs_loaded: true,
                allow_close: false,
                then: None,
                title: String::new(),
                was_typing: false,
                reviewer_field: None,
                applied_theme: None,
                settled_panels: None,
                warned: None,
                reapply: None,
                journal: None,
                startup: None,
                review: None,
                curation: None,
            },
            clock: Box::new(SystemClock),
            commands: Vec::new(),
        }
    }

    /// Preferences are remembered in (and, with [`App::start`], read from) `dir`.
    #[must_use]
    pub fn remembering_in(mut self, dir: PathBuf) -> Self {
        self.runtime.config_dir = Some(dir);
        self
    }

    /// Stamps changes with times from `clock` (tests pass a fixed one).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// The app as the window starts it: preferences from `config_dir` and the first
    /// document (`path`, else the bundled sample) load on background threads, so the
    /// window shows at once and nothing is read on the UI thread. The reviewer is asked
    /// for once the preferences are in and hold no name.
    pub fn start(ctx: &egui::Context, config_dir: Option<PathBuf>, path: Option<PathBuf>) -> Self {
        let app = Self::begin(config_dir, None, path);
        app.runtime.jobs.attach(ctx);
        app
    }

    /// [`App::start`] before there is a window: the reading begins at once, while the
    /// window is being made, and the window's first frames pick up what has arrived.
    /// Changes are journaled under `journals` (if given), where unsaved work on the file
    /// is looked for too.
    pub fn begin(
        config_dir: Option<PathBuf>,
        journals: Option<PathBuf>,
        path: Option<PathBuf>,
    ) -> Self {
        let mut app = Self::with_prefs(Prefs::default());
        if let Some(root) = journals {
            app = app.journaling_in(root);
        }
        app.runtime.config_dir.clone_from(&config_dir);
        app.runtime.prefs_loaded = false;
        app.runtime.jobs.load_prefs(config_dir);
        let journals = app.journal_root();
        match path {
            Some(path) => app.runtime.jobs.open(path, journals),
            None => app.runtime.jobs.open_with(super::sample, journals),
        }
        app
    }

    /// Journals every change under `root` (the user's data folder), and offers to restore
    /// unsaved work found there when a file opens.
    #[must_use]
    pub fn journaling_in(mut self, root: PathBuf) -> Self {
        let mut writer = JournalWriter::start(root);
        for session in &mut self.sessions {
            session.attach_journal(writer.session());
        }
        self.runtime.journal = Some(writer);
        self
    }

    pub(super) fn journal_root(&self) -> Option<PathBuf> {
        self.runtime.journal.as_ref().map(|w| w.root().to_owned())
    }

    /// The window is there: background work wakes it when done.
    pub fn attach(&self, ctx: &egui::Context) {
        self.runtime.jobs.attach(ctx);
    }

    /// Writes the times of start-up to `out` (see [`StartupTrace`]).
    #[must_use]
    pub fn tracing_startup(mut self, trace: StartupTrace) -> Self {
        self.runtime.startup = Some(trace);
        self
    }

    fn ask_name_if_unknown(&mut self) {
        // Not before the preferences are in: the name may be there.
        if self.runtime.prefs_loaded
            && self.prefs.reviewer.trim().is_empty()
            && self.modal.is_none()
        {
            self.modal = Some(Modal::reviewer_name());
        }
    }

    fn show_opened(&mut self, opened: Opened) {
        self.message = opened.note.clone().map(Message::info);
        let mut session = DocSession::new(opened);
        if let Some(writer) = &mut self.runtime.journal {
            session.attach_journal(writer.session());
        }
        self.show_session(session);
    }

    /// Shows `session` in the place of the last (one document is shown at a time today).
    /// The sessions it replaces were saved or discarded: their journals go.
    pub(super) fn show_session(&mut self, session: DocSession) {
        for old in &mut self.sessions {
            old.close();
        }
        self.sessions.clear();
        self.sessions.push(session);
        self.active = 0;
    }

    /// The document shown.
    pub fn session(&self) -> Option<&DocSession> {
        self.sessions.get(self.active)
    }

    /// The document shown, to change its views' state (tests; the app's own code).
    pub fn session_mut(&mut self) -> Option<&mut DocSession> {
        self.sessions.get_mut(self.active)
    }

    pub fn is_dirty(&self) -> bool {
        self.sessions.iter().any(DocSession::is_dirty)
    }

    /// Background work (opening, saving, dialogs, preferences) is running.
    pub fn busy(&self) -> bool {
        self.runtime.jobs.busy()
    }

    /// The window was told to close, every question about unsaved work answered.
    pub fn closes(&self) -> bool {
        self.runtime.allow_close
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// What is remembered between sessions, as it stands now.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn title(&self) -> &str {
        &self.runtime.title
    }

    /// Asks to run `command` at the end of this frame (tests and the window's own events).
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// One frame of the whole app.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.runtime.jobs.attach(&ctx);
        if let Some(trace) = &mut self.runtime.startup {
            trace.frame_begins();
        }
        self.receive(&ctx);
        self.apply_theme(&ctx);
        self.handle_close_request(&ctx);
        self.handle_focus(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_keys(&ctx);
        self.update_title(&ctx);

        let menu = egui::Panel::top("menu").show(ui, |ui| menu::menu_bar(ui, &self.menu_state()));
        self.commands.extend(menu.inner);
        let status = egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        self.commands.extend(status.inner);
        if !self.sessions.is_empty() && self.runtime.prefs_loaded {
            self.side_panels_ui(ui);
        }
        egui::CentralPanel::default().show(ui, |ui| self.article_ui(ui));
        self.show_review_when_free();
        self.curation_ui(&ctx);
        if let Some(modal) = &mut self.modal {
            let commands = modal.ui(&ctx);
            self.commands.extend(commands);
        }
        self.runtime.was_typing = ctx.egui_wants_keyboard_input();
        self.run_commands(&ctx);
        let usable = !self.sessions.is_empty() && self.runtime.prefs_loaded;
        if let Some(trace) = &mut self.runtime.startup {
            trace.frame_ends(&ctx, usable);
        }
    }

    fn side_panels_ui(&mut self, ui: &mut Ui) {
        let today = self.clock.now().date_naive();
        let widths = self.prefs.panels;
        let reviewer = self.prefs.reviewer.clone();
        let Some(session) = self.sessions.get_mut(self.active) else {
            return;
        };
        let claims = egui::Panel::left("claims")
            .resizable(true)
            .default_size(widths.claims)
            .size_range(PanelWidths::RANGE)
            .show(ui, |ui| {
                let (document, counts, rows, views) = session.list();
                panels::claim_list_ui(ui, document, counts, rows, views)
            });
        let inspector = egui::Panel::right("inspector")
            .resizable(true)
            .default_size(widths.inspector)
            .size_range(PanelWidths::RANGE)
            .show(ui, |ui| {
                let (document, views) = session.split();
                panels::inspector_ui(ui, document, views, today, &reviewer)
            });
        self.commands.extend(claims.inner);
        self.commands.extend(inspector.inner);
        // The widths are the user's: remembered when a drag has changed them. They are
        // compared with the widths before the drag, not with the preferences, so a panel
        // that egui lays out a little off its remembered width is never written back.
        let now = PanelWidths {
            claims: claims.response.rect.width(),
            inspector: inspector.response.rect.width(),
        };
        if ui.input(|i| i.pointer.any_down()) {
            return;
        }
        if let Some(before) = self.runtime.settled_panels.replace(now)
            && changed(now, before)
        {
            self.prefs.panels = now;
            self.remember(super::prefs::Write::Panels(now));
        }
    }

    fn article_ui(&mut self, ui: &mut Ui) {
        let busy = self.runtime.jobs.busy();
        let shown = self
            .sessions
            .get_mut(self.active)
            .filter(|_| self.runtime.prefs_loaded);
        let Some(session) = shown else {
            ui.centered_and_justified(|ui| {
                if busy {
                    ui.spinner();
                } else {
                    ui.label(
                        "Open an article or a .factmark.json file (Ctrl+O), or drop one here.",
                    );
                }
            });
            return;
        };
        let revision = session.revision();
        let (document, views) = session.split();
        if let Some(action) = legend_ui(ui, document) {
            self.commands.push(Command::Action(action));
        }
        let cursor = views.article.selection.map_or(0, |s| s.range().start);
        if let Some(found) = views.find.ui(ui, document.text(), cursor) {
            self.commands.push(found);
        }
        let output = views.article.ui(
            ui,
            document,
            revision,
            views.selected.as_ref(),
            self.prefs.reading,
        );
        if let Some(text) = output.missing_fonts {
            self.message = Some(Message::info(text));
        }
        if let Some(id) = output.clicked_claim {
            self.commands.push(Command::Select(Some(id)));
        } else if output.clicked_nothing {
            self.commands.push(Command::Select(None));
        }
        if let Some(action) = selection_popup_ui(ui, document, &views.article) {
            self.commands.push(Command::Action(action));
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input() || self.runtime.was_typing;
        // Esc in an open menu closes the menu, not the selection.
        let menu_open = egui::Popup::is_any_open(ctx);
        let has_document = !self.sessions.is_empty();
        for (action, shortcut) in Action::by_specificity() {
            if typing && !action.works_while_typing(shortcut) {
                continue;
            }
            if (menu_open && action == Action::ClearSelection)
                || (!has_document && action.needs_document())
            {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(Command::Action(action));
            }
        }
    }

    /// Hands the preferences that egui applies (the theme) to egui when they change.
    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.runtime.applied_theme == Some(self.prefs.theme) {
            return;
        }
        if self.runtime.applied_theme.is_none() {
            // Zoom keys come from the action table, not egui's own handler.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        ctx.set_theme(match self.prefs.theme {
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::System => egui::ThemePreference::System,
        });
        self.runtime.applied_theme = Some(self.prefs.theme);
    }

    /// Writes a preference in the background, if preferences are remembered.
    fn remember(&mut self, write: super::prefs::Write) {
        if let Some(dir) = self.runtime.config_dir.clone() {
            self.runtime.jobs.remember(dir, write);
        }
    }

    fn status_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            if let Some(session) = self.sessions.get_mut(self.active) {
                let file = session
                    .save_path()
                    .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
                ui.add(egui::Label::new(file).truncate());
                ui.separator();
                ui.label(if session.is_dirty() {
                    "unsaved changes"
                } else {
                    "saved"
                });
                ui.separator();
                let (document, counts, ..) = session.list();
                let scale = document.scale();
                for (verdict, count) in counts {
                    ui.colored_label(
                        theme::verdict_color(scale, verdict, ui.visuals()),
                        format!("{} {count}", theme::shown_label(scale, verdict)),
                    );
                }
                ui.separator();
            }
            let label = ui.label("reviewer:");
            let field = self
                .runtime
                .reviewer_field
                .get_or_insert_with(|| self.prefs.reviewer.clone());
            let response = ui
                .add(
                    egui::TextEdit::singleline(field)
                        .desired_width(100.0)
                        .hint_text("your name"),
                )
                .labelled_by(label.id);
            if response.lost_focus() {
                let name = field.trim().to_owned();
                self.runtime.reviewer_field = None;
                if !name.is_empty() && name != self.prefs.reviewer {
                    commands.push(Command::SetReviewer(name));
                }
            } else if !response.has_focus() {
                self.runtime.reviewer_field = None;
            }
            if self.runtime.jobs.busy() {
                ui.spinner();
            }
            if let Some(message) = &self.message {
                ui.separator();
                let text = egui::RichText::new(&message.text);
                let text = if message.is_error() {
                    text.color(ui.visuals().error_fg_color)
                } else {
                    text
                };
                ui.add(egui::Label::new(text).truncate())
                    .on_hover_text(&message.text);
            }
        });
        commands
    }
}

fn changed(a: PanelWidths, b: PanelWidths) -> bool {
    (a.claims - b.claims).abs() > 0.5 || (a.inspector - b.inspector).abs() > 0.5
}

/// The article's title, and the scale's verdicts with their keys (as a label bar): a
/// click marks the selection as a key does.
fn legend_ui(ui: &mut Ui, document: &crate::model::Document) -> Option<Action> {
    let mut chosen = None;
    let title = &document.article.title;
    if !title.is_empty() {
        super::article_view::title_ui(ui, title);
    }
    let scale = document.scale();
    ui.horizontal_wrapped(|ui| {
        for action in Action::MARKS {
            let Some(verdict) = action.mark_verdict(scale) else {
                continue;
            };
            let color = super::theme::verdict_color(scale, &verdict, ui.visuals());
            let text = egui::RichText::new(format!(
                "{}  {}",
                action.shortcut_text(),
                super::theme::shown_label(scale, &verdict)
            ))
            .color(color);
            let button = egui::Button::new(text)
                .fill(super::theme::highlight(scale, &verdict, 1, ui.visuals()))
                .small();
            if ui
                .add(button)
                .on_hover_text(format!(
                    "{} ({})",
                    action.label_on(scale),
                    action.all_keys_text()
                ))
                .clicked()
            {
                chosen = Some(action);
            }
        }
    });
    chosen
}

/// The small popup beside a fresh selection: mark it with a verdict.
fn selection_popup_ui(
    ui: &Ui,
    document: &crate::model::Document,
    view: &super::article_view::ArticleView,
) -> Option<Action> {
    let selection = view.selection.filter(|s| !s.is_empty())?;
    if view.is_dragging() {
        return None;
    }
    let rect = view.char_rect(document.text().paragraphs(), selection.range().end)?;
    let scale = document.scale();
    let mut chosen = None;
    egui::Area::new(egui::Id::unique("mark popup"))
        .order(egui::Order::Foreground)
        .fixed_pos(rect.left_bottom() + egui::vec2(0.0, 4.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for action in Action::MARKS {
                        let Some(verdict) = action.mark_verdict(scale) else {
                            continue;
                        };
                        let text = egui::RichText::new(theme::shown_label(scale, &verdict))
                            .color(theme::verdict_color(scale, &verdict, ui.visuals()));
                        if ui
                            .button(text)
                            .on_hover_text(format!(
                                "{} ({})",
                                action.label_on(scale),
                                action.shortcut_text()
                            ))
                            .clicked()
                        {
                            chosen = Some(action);
                        }
                    }
                });
            });
        });
    chosen
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }
}
