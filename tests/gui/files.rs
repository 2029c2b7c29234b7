//! Files from the app's side: recent files, opening another file over unsaved work.

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use factmark::gui::App;

use super::{document, message, sample_copy, tester, wait_for_jobs};

fn empty_app(config: PathBuf) -> Harness<'static, App> {
    let mut app = App::new(None, tester());
    app = app.remembering_in(config);
    super::harness_for(app)
}

#[test]
fn opened_files_are_remembered_and_reopen_from_the_menu() {
    let (dir, sample) = sample_copy();
    let config = dir.path().join("config");
    let article = dir.path().join("note.txt");
    std::fs::write(&article, "A second article. It has one sentence more.\n").expect("write");

    let mut harness = empty_app(config.clone());
    // Nothing opened yet: the submenu is there but off.
    harness.get_by_label("File").click();
    harness.run();
    assert!(
        harness
            .get_by_label("Open Recent")
            .accesskit_node()
            .is_disabled()
    );
    harness.key_press(eframe::egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("Open Recent").is_none(),
        "Esc closes the menu"
    );

    for path in [&sample, &article] {
        harness.state_mut().open_path(path.clone());
        wait_for_jobs(&mut harness);
    }
    assert_eq!(
        document(&harness).text().as_str(),
        "A second article. It has one sentence more.\n"
    );
    // Newest first, on disk for the next session.
    assert_eq!(
        harness.state().prefs.recent,
        [article.clone(), sample.clone()]
    );
    assert_eq!(
        std::fs::read_to_string(config.join("recent")).expect("remembered"),
        format!("{}\n{}\n", article.display(), sample.display())
    );

    // File ▸ Open Recent ▸ the sample's name opens it again.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").hover();
    harness.run();
    harness.get_by_label("parade.factmark.json").click();
    wait_for_jobs(&mut harness);
    let on_disk = factmark::ops::open::open(&sample).expect("opens").document;
    assert_eq!(document(&harness).claims(), on_disk.claims());
    assert_eq!(harness.state().prefs.recent, [sample, article]);
}

#[test]
fn a_recent_file_that_is_gone_gives_an_error_naming_it() {
    let (dir, _) = sample_copy();
    let gone = dir.path().join("deleted-since.txt");
    let mut harness = empty_app(dir.path().join("config"));
    harness.state_mut().prefs.recent = vec![gone.clone()];
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").hover();
    harness.run();
    harness.get_by_label("deleted-since.txt").click();
    wait_for_jobs(&mut harness);
    let (message, error) = message(&harness);
    assert!(error);
    assert!(message.contains("deleted-since.txt"), "{message}");
    assert!(harness.state().session().is_none());
}

#[test]
fn opening_another_file_over_unsaved_work_asks_first() {
    let (dir, sample) = sample_copy();
    let article = dir.path().join("other.txt");
    std::fs::write(&article, "Another article entirely.\n").expect("write");
    let mut harness = super::harness(&sample);
    let range = super::drag_across(&mut harness, "three nuclear powers in Beijing");
    harness.key_press(eframe::egui::Key::Num1);
    harness.run();
    assert!(harness.state().is_dirty());

    harness.state_mut().open_path(article.clone());
    harness.run();
    assert!(harness.state().modal().is_some());
    // Cancel: the work stays, nothing else opens.
    harness.get_by_label("Cancel").click();
    wait_for_jobs(&mut harness);
    assert_eq!(super::claims_with(&harness, range.clone()).len(), 1);

    harness.state_mut().open_path(article);
    harness.run();
    harness.get_by_label("Discard").click();
    wait_for_jobs(&mut harness);
    assert_eq!(
        document(&harness).text().as_str(),
        "Another article entirely.\n"
    );
    assert!(!harness.state().is_dirty());
    // Discarded means not written: the sample on disk is as it was.
    let on_disk = factmark::ops::open::open(&sample).expect("opens").document;
    assert!(
        on_disk
            .claims()
            .iter()
            .all(|c| c.start != range.start || c.end != range.end)
    );
}

#[test]
fn export_writes_the_open_document_and_reports_errors_in_the_window() {
    use factmark::ops::export::{self, Format};
    let (dir, sample) = sample_copy();
    let mut harness = super::harness(&sample);
    // An unsaved change is exported too: the export is of what the reviewer sees.
    super::drag_across(&mut harness, "three nuclear powers in Beijing");
    harness.key_press(eframe::egui::Key::Num3);
    harness.run();

    // The File menu offers every format.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").hover();
    harness.run();
    for format in Format::ALL {
        assert!(
            harness
                .query_by_label(&format!("{}…", format.title()))
                .is_some()
        );
    }
    harness.key_press(eframe::egui::Key::Escape);
    harness.run();

    let ctx = harness.ctx.clone();
    for format in Format::ALL {
        let path = dir.path().join(format!("out{}", format.suffix()));
        harness.state_mut().export_to(&ctx, format, path.clone());
        wait_for_jobs(&mut harness);
        let expected = export::export(document(&harness), format, &export::Options::default())
            .expect("exports");
        assert_eq!(
            std::fs::read(&path).expect("written"),
            expected.bytes,
            "{format}"
        );
        let (message, error) = message(&harness);
        assert!(!error && message.starts_with("Exported"), "{message}");
    }
    assert!(harness.state().is_dirty(), "exporting is not saving");

    let nowhere = dir.path().join("no such folder").join("out.csv");
    harness.state_mut().export_to(&ctx, Format::Csv, nowhere);
    wait_for_jobs(&mut harness);
    let (message, error) = message(&harness);
    assert!(error, "{message}");
    assert!(
        message.contains("no such folder") && message.contains("cannot export"),
        "{message}"
    );
}

#[test]
fn claimreview_export_asks_for_publisher_and_page_and_remembers_the_publisher() {
    use factmark::ops::export::Format;
    let (dir, sample) = sample_copy();
    let config = dir.path().join("config");
    let opened = factmark::ops::open::open(&sample).expect("opens");
    let mut app = App::new(Some(opened), tester());
    app = app.remembering_in(config.clone());
    let mut harness = super::harness_for(app);

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").hover();
    harness.run();
    harness
        .get_by_label(&format!("{}…", Format::ClaimReview.title()))
        .click();
    harness.run();
    harness.get_by_label("Export ClaimReview");

    let field = |h: &Harness<'_, App>, label: &str| {
        h.get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, label)
            .focus();
    };
    field(&harness, "Publisher");
    harness.run();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Publisher")
        .type_text("Example Checks");
    field(&harness, "Fact-check page");
    harness.run();
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Fact-check page")
        .type_text("example.org/checks");
    harness.run();
    // Not a link: the reason shows and the dialog cannot go on.
    assert!(harness.query_by_label_contains("is not an http").is_some());
    assert!(
        harness
            .get_by_label("Choose file…")
            .accesskit_node()
            .is_disabled()
    );
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    harness
        .get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Fact-check page")
        .type_text("https://example.org/checks/parade");
    harness.run();
    harness.get_by_label("Choose file…").click();
    // (The file dialog that follows has no desktop to show on here and returns nothing.)
    wait_for_jobs(&mut harness);
    assert!(harness.query_by_label("Export ClaimReview").is_none());
    assert_eq!(
        std::fs::read_to_string(config.join("publisher")).expect("remembered"),
        "Example Checks\n"
    );

    let path = dir.path().join("parade.claimreview.jsonld");
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .export_to(&ctx, Format::ClaimReview, path.clone());
    wait_for_jobs(&mut harness);
    let reviews: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("written")).expect("json");
    let first = &reviews[0];
    assert_eq!(first["author"]["name"], "Example Checks");
    assert!(
        first["url"]
            .as_str()
            .expect("url")
            .starts_with("https://example.org/checks/parade#")
    );
}
