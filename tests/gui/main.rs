//! GUI tests: the real app, headless (no window, no GPU), driven by clicks, drags and keys
//! through `egui_kittest`, finding widgets by their accessible labels.

mod bidi;
mod curation;
mod disk;
mod files;
mod journal;
mod pages;
mod real_window;
mod reanchor;
mod review;
mod scales;
mod selection;
mod shape;
mod sources;
mod startup;
mod view;

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use factmark::format;
use factmark::gui::{App, Prefs, Views};
use factmark::model::Verdict;
use factmark::ops::open::open;

/// The bundled sample, copied into a temporary folder so saving cannot touch the repo.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("parade.factmark.json");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        repo.join("annotations/beijing-parade-2025.factmark.json"),
        &path,
    )
    .expect("copy");
    (dir, path)
}

fn harness(path: &Path) -> Harness<'static, App> {
    let opened = open(path).expect("the sample opens");
    harness_for(App::new(Some(opened), tester()))
}

/// The real app in a 1280×800 window, after its first frames.
fn harness_for(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        // Steps as short as real frames, so that two clicks a step apart are a
        // double-click; scrolling to a claim animates over a second or so.
        .with_step_dt(1.0 / 30.0)
        .with_max_steps(120)
        // The system's fonts, as eframe gives the app: Arabic, Hebrew, CJK.
        .with_context_setup(|ctx| {
            ctx.add_font_provider(std::sync::Arc::new(
                egui_system_font_provider::SystemFontProvider::new(),
            ));
        })
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

/// The document open in the app.
fn document<'h>(harness: &'h Harness<'_, App>) -> &'h factmark::model::Document {
    harness
        .state()
        .session()
        .expect("a document is open")
        .document()
}

/// The views' state of the document open in the app.
fn views<'h>(harness: &'h Harness<'_, App>) -> &'h Views {
    &harness.state().session().expect("a document is open").views
}

fn views_mut<'h>(harness: &'h mut Harness<'_, App>) -> &'h mut Views {
    &mut harness
        .state_mut()
        .session_mut()
        .expect("a document is open")
        .views
}

/// Preferences of a reviewer called "tester" (nothing remembered on disk).
fn tester() -> Prefs {
    Prefs {
        reviewer: "tester".to_owned(),
        ..Prefs::default()
    }
}

/// The status bar's message, and whether it is an error.
fn message(harness: &Harness<'_, App>) -> (String, bool) {
    let message = harness.state().message().expect("a message");
    (message.text.clone(), message.is_error())
}

/// Char offset of the first occurrence of `needle` in the article.
/// Char offset of the first occurrence of `needle` in the article, scrolled into view if
/// it is not on screen.
fn offset_of(harness: &mut Harness<'_, App>, needle: &str) -> usize {
    let document = document(harness);
    let byte = document
        .text()
        .as_str()
        .find(needle)
        .expect("needle in the article");
    let offset = document.text().byte_to_char(byte).expect("boundary");
    let end = offset + needle.chars().count();
    let view = &views(harness).article;
    let paragraphs = document.text().paragraphs();
    if view.char_rect(paragraphs, offset).is_none() || view.char_rect(paragraphs, end).is_none() {
        views_mut(harness).article.scroll_to(offset);
        harness.run();
    }
    offset
}

/// Screen rectangle of the character at `char_offset`, if it is on screen.
fn char_rect(harness: &Harness<'_, App>, char_offset: usize) -> Option<eframe::egui::Rect> {
    let paragraphs = document(harness).text().paragraphs();
    views(harness).article.char_rect(paragraphs, char_offset)
}

/// Screen position inside the character at `char_offset` (it must be on screen).
fn pos_of(harness: &Harness<'_, App>, char_offset: usize) -> Pos2 {
    let rect = char_rect(harness, char_offset).expect("on screen");
    rect.center() + Vec2::new(2.0, 0.0)
}

/// Drags across the article from the start of `from` to the end of `to` (both words on screen).
fn drag_across(harness: &mut Harness<'_, App>, phrase: &str) -> std::ops::Range<usize> {
    let start = offset_of(harness, phrase);
    let end = start + phrase.chars().count();
    let (a, b) = (
        pos_of(harness, start),
        pos_of(harness, end - 1) + Vec2::new(4.0, 0.0),
    );
    drag(harness, a, b, Modifiers::NONE);
    start..end
}

/// A drag from `from` to `to` (through the middle), with `modifiers` held.
fn drag(harness: &mut Harness<'_, App>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.hover_at(from);
    harness.step();
    harness.event(eframe::egui::Event::ModifiersChanged(modifiers));
    harness.drag_at(from);
    harness.step();
    harness.hover_at(from + (to - from) * 0.5);
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.drop_at(to);
    harness.step();
    harness.event(eframe::egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

fn claims_with(harness: &Harness<'_, App>, range: std::ops::Range<usize>) -> Vec<Verdict> {
    let document = document(harness);
    document
        .claims()
        .iter()
        .filter(|c| c.start == range.start && c.end == range.end)
        .map(|c| c.verdict.clone())
        .collect()
}

/// Steps until background file work is done.
fn wait_for_jobs(harness: &mut Harness<'_, App>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().busy() {
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("background work did not finish");
}

#[test]
fn opens_the_sample_with_its_claims_listed() {
    let (_dir, path) = sample_copy();
    let harness = harness(&path);
    assert_eq!(document(&harness).claims().len(), 11);
    harness.get_by_label_contains("The Biden administration must balance");
    // The list's filter toggle and the status bar both count verdicts.
    assert_eq!(harness.get_all_by_label("Verified 5").count(), 2);
}

#[test]
fn drag_then_key_marks_a_claim_and_save_writes_it() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let range = drag_across(&mut harness, "strategic pivot toward Asia");
    let selection = views(&harness)
        .article
        .selection
        .expect("a selection")
        .range();
    assert_eq!(
        selection, range,
        "the drag selects exactly the dragged words"
    );

    harness.key_press(Key::Num3);
    harness.run();
    assert_eq!(claims_with(&harness, range.clone()), [Verdict::INACCURATE]);
    assert!(harness.state().is_dirty());
    assert!(
        harness.state().title().starts_with('●'),
        "the title shows unsaved changes"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_jobs(&mut harness);
    assert!(!harness.state().is_dirty());
    let saved = format::load_file(&path)
        .into_valid()
        .expect("the saved file is valid");
    let claim = saved
        .claims()
        .iter()
        .find(|c| c.start == range.start && c.end == range.end)
        .expect("the new claim was saved");
    assert_eq!(claim.verdict, Verdict::INACCURATE);
    assert_eq!(saved.exact(claim), "strategic pivot toward Asia");
    assert_eq!(claim.created.as_ref().expect("stamped").by, "tester");
    assert_eq!(saved.claims().len(), 12);
}

#[test]
fn the_popup_marks_a_selection() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let range = drag_across(&mut harness, "continued international relevance");
    harness.get_by_label("Disputed").click();
    harness.run();
    assert_eq!(claims_with(&harness, range), [Verdict::DISPUTED]);
    assert!(views(&harness).article.selection.is_none());
}

#[test]
fn inspector_edits_rationale_and_sources_with_undo_and_redo() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    harness
        .get_by_label_contains("Western intelligence agencies")
        .click();
    harness.run();
    let id = views(&harness)
        .selected
        .clone()
        .expect("the clicked claim is selected");

    let rationale = |h: &Harness<'_, App>| document(h).claim(&id).expect("claim").rationale.clone();
    let before = rationale(&harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Rationale")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Rationale")
        .type_text(" Checked again.");
    harness.run();
    assert_eq!(rationale(&harness), format!("{before} Checked again."));

    harness
        .get_by_role_and_label(Role::TextInput, "Link")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Link")
        .type_text("https://example.org/report");
    harness.run();
    harness.get_by_label("Add source").click();
    harness.run();
    let sources = |h: &Harness<'_, App>| document(h).claim(&id).expect("claim").sources.len();
    assert_eq!(sources(&harness), 1);

    // Undo from the article (no text field focused): the source, then the whole typing run.
    harness.get_by_label("Add source").click(); // disabled now: takes focus away from fields
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(sources(&harness), 0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(rationale(&harness), before, "typing is one undo step");
    assert!(!harness.state().is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(rationale(&harness), format!("{before} Checked again."));
}

#[test]
fn the_list_filters_by_verdict_and_search() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    // Leave only inaccurate claims: switch off the other three toggles (the status bar
    // shows the same counts as plain labels).
    for verdict in ["Unreviewed 1", "Verified 5", "Disputed 4"] {
        harness
            .get_all_by_label(verdict)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .expect("a toggle")
            .click();
        harness.run();
    }
    assert!(
        harness
            .query_by_label_contains("The Biden administration must")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("three nuclear powers")
            .is_none()
    );

    // Search within all verdicts.
    harness
        .get_all_by_label("Disputed 4")
        .find(|n| n.accesskit_node().role() != Role::Label)
        .expect("a toggle")
        .click();
    harness
        .get_by_role_and_label(Role::TextInput, "Search claims")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search claims")
        .type_text("isolated");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("the world's most isolated regimes")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("The Biden administration must")
            .is_none()
    );
}

#[test]
fn unsaved_changes_prompt_before_closing() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let ctx = harness.ctx.clone();
    harness.state_mut().request_close(&ctx);
    harness.run();
    assert!(
        harness.state().modal().is_none(),
        "nothing to save: no prompt"
    );

    let mut harness = self::harness(&path);
    drag_across(&mut harness, "strategic pivot toward Asia");
    harness.key_press(Key::Num1);
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().request_close(&ctx);
    harness.run();
    assert!(harness.state().modal().is_some());
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().modal().is_none());
    assert!(harness.state().is_dirty(), "cancel keeps the work");
}

#[test]
fn asks_for_the_reviewer_name_once_and_remembers_it() {
    let (dir, path) = sample_copy();
    let config = dir.path().join("config/factmark");
    let settings = config.join("reviewer");
    let mut app = App::new(Some(open(&path).expect("opens")), Prefs::default());
    app = app.remembering_in(config);
    let mut harness = harness_for(app);
    harness.get_by_label("Who is reviewing?");
    harness
        .get_by_role_and_label(Role::TextInput, "Your name")
        .type_text("Amal Haddad");
    harness.run();
    harness.get_by_label("OK").click();
    wait_for_jobs(&mut harness);
    assert!(harness.query_by_label("Who is reviewing?").is_none());
    assert_eq!(harness.state().prefs.reviewer, "Amal Haddad");
    assert_eq!(
        std::fs::read_to_string(&settings).expect("remembered"),
        "Amal Haddad\n"
    );

    // The name stamps the next claim.
    let range = drag_across(&mut harness, "strategic pivot toward Asia");
    harness.key_press(Key::Num2);
    harness.run();
    let document = document(&harness);
    let claim = document
        .claims()
        .iter()
        .find(|c| c.start == range.start)
        .expect("marked");
    assert_eq!(claim.created.as_ref().expect("stamp").by, "Amal Haddad");
}

#[test]
fn find_selects_the_match_and_a_key_marks_it() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .type_text("three nuclear powers");
    harness.run();
    harness.get_by_label("1 of 2");
    let first = offset_of(&mut harness, "three nuclear powers");
    let selection = views(&harness)
        .article
        .selection
        .expect("the match is selected")
        .range();
    assert_eq!(selection, first..first + 20);

    harness.get_by_label("Next").click();
    harness.run();
    harness.get_by_label("2 of 2");
    let second = views(&harness).article.selection.expect("selected").range();
    assert!(second.start > first);

    // Esc leaves the find field; the match stays selected and 2 marks it.
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::Num2);
    harness.run();
    assert_eq!(claims_with(&harness, second), [Verdict::DISPUTED]);
}

#[test]
fn clicking_a_listed_claim_scrolls_the_article_to_it() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let start = {
        let text = document(&harness).text();
        let byte = text
            .as_str()
            .find("The Biden administration must balance")
            .expect("in text");
        text.byte_to_char(byte).expect("boundary")
    };
    let on_screen = |h: &Harness<'_, App>| char_rect(h, start).is_some();
    assert!(!on_screen(&harness), "the claim starts below the fold");
    // Selecting the claim also fills the inspector, which changes the article's width and
    // with it every paragraph's height: the view must still land on the claim.
    harness
        .get_by_label_contains("The Biden administration must balance")
        .click();
    harness.run();
    assert!(on_screen(&harness), "the article scrolled to the claim");

    // J and K step through the claims in article order, scrolling each into view.
    harness.key_press(Key::K);
    harness.run();
    let document = document(&harness);
    let selected = document
        .claim(views(&harness).selected.as_ref().expect("selected"))
        .expect("claim");
    assert!(
        document
            .exact(selected)
            .starts_with("Western intelligence agencies")
    );
}
