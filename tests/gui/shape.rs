//! The app's shape as a user meets it: every prompt answers Enter and Esc, the article
//! scrolls from the keyboard, the article's properties, the shortcuts window, preferences
//! remembered from where they are changed, the bundled sample as an unsaved copy.

use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::gui::{App, Modal, Prefs, StartupTrace};
use factmark::model::Verdict;

use super::{
    claims_with, document, drag_across, harness, harness_for, sample_copy, tester, views,
    wait_for_jobs,
};

pub(super) fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

/// Replaces what a field holds with `text`.
fn retype(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

fn press(harness: &mut Harness<'_, App>, key: Key) {
    harness.key_press(key);
    harness.run();
}

#[test]
fn the_reviewer_prompt_takes_typing_at_once_and_answers_enter_and_esc() {
    let (dir, path) = sample_copy();
    let config = dir.path().join("config");
    let opened = factmark::ops::open::open(&path).expect("opens");
    let app = App::new(Some(opened), Prefs::default()).remembering_in(config.clone());
    let mut harness = harness_for(app);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ReviewerName { .. })
    ));
    // No click first: the field has the keyboard as soon as the prompt shows.
    harness
        .get_by_role_and_label(Role::TextInput, "Your name")
        .type_text("Amal Haddad");
    harness.run();
    press(&mut harness, Key::Enter);
    wait_for_jobs(&mut harness);
    assert!(harness.state().modal().is_none(), "Enter chose OK");
    assert_eq!(harness.state().prefs.reviewer, "Amal Haddad");
    assert_eq!(
        std::fs::read_to_string(config.join("reviewer")).expect("remembered"),
        "Amal Haddad\n"
    );

    // Esc chooses Later: no name, nothing written, the app goes on.
    let config = dir.path().join("other config");
    let opened = factmark::ops::open::open(&path).expect("opens");
    let app = App::new(Some(opened), Prefs::default()).remembering_in(config.clone());
    let mut harness = harness_for(app);
    press(&mut harness, Key::Escape);
    assert!(harness.state().modal().is_none(), "Esc chose Later");
    assert!(harness.state().prefs.reviewer.is_empty());
    assert!(!config.join("reviewer").exists());
}

#[test]
fn a_name_changed_in_the_status_bar_is_remembered() {
    let (dir, path) = sample_copy();
    let config = dir.path().join("config");
    let opened = factmark::ops::open::open(&path).expect("opens");
    let mut harness = harness_for(App::new(Some(opened), tester()).remembering_in(config.clone()));
    let field = || Role::TextInput;
    harness.get_by_role_and_label(field(), "reviewer:").focus();
    harness.run();
    for _ in 0.."tester".len() {
        harness.key_press(Key::Backspace);
    }
    harness
        .get_by_role_and_label(field(), "reviewer:")
        .type_text("Lin Wei");
    harness.run();
    // The name is written in the background: step (not run) until it is done, however
    // long a loaded machine takes.
    harness.key_press(Key::Enter);
    harness.step();
    wait_for_jobs(&mut harness);
    assert_eq!(harness.state().prefs.reviewer, "Lin Wei");
    // On disk for the next start, read as the next start reads it.
    assert_eq!(
        std::fs::read_to_string(config.join("reviewer")).expect("remembered"),
        "Lin Wei\n"
    );
    // And it stamps the next claim.
    let range = drag_across(&mut harness, "strategic pivot toward Asia");
    press(&mut harness, Key::Num1);
    let document = document(&harness);
    let claim = document
        .claims()
        .iter()
        .find(|c| c.start == range.start && c.end == range.end)
        .expect("marked");
    assert_eq!(claim.created.as_ref().expect("stamped").by, "Lin Wei");
}

#[test]
fn the_unsaved_changes_prompt_saves_on_enter_and_cancels_on_esc() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let range = drag_across(&mut harness, "strategic pivot toward Asia");
    press(&mut harness, Key::Num2);
    let ctx = harness.ctx.clone();
    harness.state_mut().request_close(&ctx);
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::Unsaved { .. })
    ));
    press(&mut harness, Key::Escape);
    assert!(harness.state().modal().is_none(), "Esc chose Cancel");
    assert!(harness.state().is_dirty(), "and the work is still there");

    harness.state_mut().request_close(&ctx);
    harness.run();
    press(&mut harness, Key::Enter);
    wait_for_jobs(&mut harness);
    assert!(!harness.state().is_dirty(), "Enter chose Save");
    let saved = factmark::format::load_file(&path)
        .into_valid()
        .expect("valid");
    assert!(
        saved
            .claims()
            .iter()
            .any(|c| c.start == range.start && c.verdict == Verdict::DISPUTED)
    );
}

#[test]
fn article_properties_set_title_url_and_page_details_as_one_undoable_step() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let before = document(&harness).article.clone();
    harness.get_by_label("Article").click();
    harness.run();
    harness.get_by_label("Properties…").click();
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::Properties(_))
    ));
    retype(&mut harness, "Title", "Parade in Beijing");
    retype(&mut harness, "Author", "Li Wei");
    retype(&mut harness, "Published", "2026-10-01");
    retype(
        &mut harness,
        "Canonical address",
        "ftp://news.example/parade",
    );
    assert!(
        harness
            .query_by_label_contains("Canonical address: ")
            .is_some(),
        "a bad canonical address is refused, saying which field"
    );
    retype(
        &mut harness,
        "Canonical address",
        "https://news.example/p/1",
    );
    retype(&mut harness, "Web address", "javascript:alert(1)");
    assert!(
        harness.query_by_label_contains("is not an http").is_some(),
        "a bad address is refused, saying why"
    );
    press(&mut harness, Key::Enter);
    assert!(
        harness.state().modal().is_some(),
        "Enter does nothing while refused"
    );
    retype(&mut harness, "Web address", "https://news.example/parade");
    press(&mut harness, Key::Enter);
    assert!(harness.state().modal().is_none());
    let article = &document(&harness).article;
    assert_eq!(article.title, "Parade in Beijing");
    assert_eq!(article.url, "https://news.example/parade");
    assert_eq!(article.meta.author, "Li Wei");
    assert_eq!(article.meta.published, "2026-10-01");
    assert_eq!(article.meta.canonical_url, "https://news.example/p/1");
    assert!(harness.state().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        document(&harness).article,
        before,
        "one undo for every field"
    );

    // Esc leaves everything as it was.
    harness.get_by_label("Article").click();
    harness.run();
    harness.get_by_label("Properties…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text(" changed");
    harness.run();
    press(&mut harness, Key::Escape);
    assert!(harness.state().modal().is_none());
    assert_eq!(document(&harness).article, before);
}

#[test]
fn f1_lists_every_key_and_esc_or_enter_closes_it() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    press(&mut harness, Key::F1);
    assert_eq!(harness.state().modal(), Some(&Modal::Shortcuts));
    assert!(harness.query_by_label("Close").is_some());
    for (label, keys) in [
        ("Mark as claim (unreviewed)", "0 or Enter"),
        ("Redo", "Ctrl+Shift+Z or Ctrl+Y"),
        ("Page down", "PageDown or Space"),
        ("Keyboard shortcuts", "F1"),
    ] {
        assert!(
            harness.query_all_by_label(label).next().is_some(),
            "{label}"
        );
        assert!(harness.query_all_by_label(keys).next().is_some(), "{keys}");
    }
    press(&mut harness, Key::Escape);
    assert!(harness.state().modal().is_none());
    // Keys do nothing behind a modal: Enter closes it and marks nothing.
    press(&mut harness, Key::F1);
    let claims = document(&harness).claims().len();
    press(&mut harness, Key::Enter);
    assert!(harness.state().modal().is_none());
    assert_eq!(document(&harness).claims().len(), claims);
}

#[test]
fn the_article_scrolls_from_the_keyboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.txt");
    let paragraph = "A paragraph of a long report, long enough to wrap in the view. ";
    let mut text = String::new();
    for i in 0..400 {
        text.push_str(&i.to_string());
        text.push_str(". ");
        text.push_str(&paragraph.repeat(3));
        text.push('\n');
    }
    std::fs::write(&path, text).expect("write");
    let mut harness = harness(&path);
    let offset = |h: &Harness<'_, App>| views(h).article.offset();
    assert!(offset(&harness) < 1.0);
    press(&mut harness, Key::PageDown);
    let page = offset(&harness);
    assert!(page > 100.0, "PageDown scrolls about a page: {page}");
    press(&mut harness, Key::Space);
    assert!(offset(&harness) > page, "Space scrolls on");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Space);
    harness.run();
    assert!((offset(&harness) - page).abs() < 2.0, "Shift+Space back");
    press(&mut harness, Key::PageUp);
    assert!(offset(&harness) < 1.0);
    press(&mut harness, Key::End);
    let end = offset(&harness);
    assert!(end > page, "End goes to the end");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    harness.run();
    assert!(offset(&harness) < 1.0, "Ctrl+Home to the start");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.run();
    assert!((offset(&harness) - end).abs() < 2.0, "Ctrl+End to the end");
    press(&mut harness, Key::Home);
    assert!(offset(&harness) < 1.0);

    // Typing a space in a text field types it; the article stays put.
    type_into(&mut harness, "Search claims", "a b");
    assert!(offset(&harness) < 1.0);
    assert_eq!(views(&harness).filter.search, "a b");
}

#[test]
fn a_long_source_title_never_widens_the_inspector() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let range = drag_across(&mut harness, "strategic pivot toward Asia");
    press(&mut harness, Key::Num1);
    assert_eq!(claims_with(&harness, range).len(), 1);
    let inspector_width = |h: &Harness<'_, App>| h.get_by_label("Rationale").rect().width();
    let before = inspector_width(&harness);
    type_into(
        &mut harness,
        "Link",
        "https://example.org/a-very-long-address",
    );
    type_into(
        &mut harness,
        "Title",
        &"A very long source title ".repeat(12),
    );
    harness.get_by_label("Add source").click();
    harness.run();
    harness.run();
    assert!(
        inspector_width(&harness) <= before + 1.0,
        "the inspector grew from {before} to {}",
        inspector_width(&harness)
    );
}

#[test]
fn the_bundled_sample_is_an_unsaved_copy_that_asks_where_to_save() {
    let opened = factmark::gui::sample().expect("the sample is built in");
    assert!(opened.save_path.is_none(), "it has no file of its own");
    assert_eq!(opened.document.claims().len(), 11);
    let mut harness = harness_for(App::new(Some(opened), tester()));
    assert!(harness.state().title().contains("(not saved)"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_jobs(&mut harness);
    // With no dialog service here the dialog answers at once with no file; nothing was
    // written anywhere, and the app says what happened.
    let message = harness.state().message().expect("a message");
    assert!(
        message.text.starts_with("No file chosen"),
        "{}",
        message.text
    );
    assert!(
        harness
            .state()
            .session()
            .expect("open")
            .save_path()
            .is_none()
    );
}

#[test]
fn start_up_reads_preferences_in_the_background_and_asks_only_a_new_user() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("factmark");
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(config.join("reviewer"), "Ana Lima\n").expect("write");
    std::fs::write(config.join("theme"), "dark\n").expect("write");
    std::fs::write(config.join("panels"), "420 300\n").expect("write");
    let mut harness = Harness::builder()
        .with_size(eframe::egui::Vec2::new(1280.0, 800.0))
        .with_max_steps(120)
        .build_ui_state(
            |ui, app: &mut App| app.ui(ui),
            App::start(
                &eframe::egui::Context::default(),
                Some(config.clone()),
                None,
            ),
        );
    wait_for_jobs(&mut harness);
    assert_eq!(harness.state().prefs.reviewer, "Ana Lima");
    assert!(
        harness.state().modal().is_none(),
        "a known reviewer is not asked"
    );
    assert!(
        harness.ctx.global_style().visuals.dark_mode,
        "the theme is remembered"
    );
    assert_eq!(document(&harness).claims().len(), 11, "the sample opened");
    // The claim list comes back as wide as it was left (its search field fills it), and
    // the remembered widths are not written over with the defaults.
    let search = harness
        .get_by_role_and_label(Role::TextInput, "Search claims")
        .rect()
        .width();
    assert!(search > 380.0, "the claim list is {search} wide, not 420");
    harness.run();
    wait_for_jobs(&mut harness);
    assert_eq!(
        std::fs::read_to_string(config.join("panels")).expect("read"),
        "420 300\n"
    );

    // A fresh folder: the prompt comes once the (empty) preferences are in.
    let fresh = dir.path().join("fresh");
    let mut harness = Harness::builder().with_max_steps(120).build_ui_state(
        |ui, app: &mut App| app.ui(ui),
        App::start(&eframe::egui::Context::default(), Some(fresh), None),
    );
    wait_for_jobs(&mut harness);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ReviewerName { .. })
    ));
}

#[test]
fn a_dragged_panel_width_is_remembered() {
    use eframe::egui::Pos2;
    let (dir, path) = sample_copy();
    let config = dir.path().join("config");
    let opened = factmark::ops::open::open(&path).expect("opens");
    let mut harness = harness_for(App::new(Some(opened), tester()).remembering_in(config.clone()));
    let edge = harness
        .get_by_role_and_label(Role::TextInput, "Search claims")
        .rect()
        .right()
        + 8.0;
    let (from, to) = (Pos2::new(edge, 500.0), Pos2::new(edge + 90.0, 500.0));
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for x in [20.0, 50.0, 90.0] {
        harness.hover_at(Pos2::new(edge + x, 500.0));
        harness.step();
    }
    harness.drop_at(to);
    harness.run();
    wait_for_jobs(&mut harness);
    let claims = harness.state().prefs.panels.claims;
    assert!(
        (claims - 370.0).abs() < 20.0,
        "the claim list was dragged to about 370, remembered {claims}"
    );
    let on_disk = std::fs::read_to_string(config.join("panels")).expect("remembered");
    assert!(on_disk.starts_with(&format!("{claims:.0} ")), "{on_disk}");
}

#[test]
fn changes_are_stamped_by_the_app_clock_and_saving_records_what_the_file_holds() {
    use factmark::model::FixedClock;
    let (_dir, path) = sample_copy();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T11:41:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    let opened = factmark::ops::open::open(&path).expect("opens");
    let app = App::new(Some(opened), tester()).with_clock(FixedClock(at));
    let mut harness = harness_for(app);
    let range = drag_across(&mut harness, "strategic pivot toward Asia");
    press(&mut harness, Key::Num3);
    let claim = document(&harness)
        .claims()
        .iter()
        .find(|c| c.start == range.start && c.end == range.end)
        .expect("marked")
        .clone();
    let stamp = factmark::model::Stamp::new("tester", at);
    assert_eq!(claim.created.as_ref(), Some(&stamp));
    assert_eq!(claim.modified.as_ref(), Some(&stamp));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_jobs(&mut harness);
    let bytes = std::fs::read(&path).expect("saved");
    let loaded = harness
        .state()
        .session()
        .expect("open")
        .loaded()
        .expect("what the file holds is known")
        .clone();
    assert_eq!(loaded.sha256, factmark::text::sha256_hex(&bytes));
    assert_eq!(loaded.len, bytes.len() as u64);
}

/// `factmark FILE` starts reading the file before the window exists; a file read by then
/// is shown by the window's very first frame (no wake-up is needed for it), and the
/// start-up marks of the end-to-end measurement come in order.
#[test]
fn a_file_read_before_the_window_exists_is_shown_by_the_first_frame() {
    let (dir, path) = sample_copy();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(config.join("reviewer"), "Ana Lima\n").expect("write");
    let trace = dir.path().join("trace");
    let app = App::begin(Some(config), None, Some(path))
        .tracing_startup(StartupTrace::new(std::time::Instant::now(), trace.clone()));
    // The reading runs on its own threads meanwhile; a small article takes milliseconds.
    std::thread::sleep(std::time::Duration::from_secs(2));
    let mut harness = Harness::builder()
        .with_size(eframe::egui::Vec2::new(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.step();
    assert_eq!(
        document(&harness).claims().len(),
        11,
        "the article and its annotations are shown after one frame"
    );
    assert!(harness.state().session().is_some());
    assert!(
        harness
            .query_all_by_label_contains("Search claims")
            .next()
            .is_some(),
        "the side panels are there: the preferences were read too"
    );
    harness.step();
    let marks: Vec<String> = std::fs::read_to_string(&trace)
        .expect("the trace is written")
        .lines()
        .map(|line| line.split(' ').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        marks,
        ["window", "document", "usable_built", "usable_shown"]
    );
}
