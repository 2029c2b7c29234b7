//! A saved web page in the app: what the import kept, said after opening it, and the whole
//! page taken instead while there are no claims, as one undoable change.

use super::*;

/// A page whose readable text leaves out its long list of other headlines (shared with the
/// command line's tests).
fn page() -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(repo.join("tests/data/bus-page.html")).expect("fixture")
}

fn menu_item(harness: &mut Harness<'_, App>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

#[test]
fn opening_a_page_says_what_was_kept_and_the_whole_page_can_be_taken_instead() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bus.html");
    std::fs::write(&path, page()).expect("write");
    let mut harness = harness_for(App::new(Some(open(&path).expect("opens")), tester()));

    let (note, is_error) = message(&harness);
    assert!(!is_error);
    assert!(note.contains("kept 144 of the page's 946 words"), "{note}");
    assert!(note.contains("small share"), "{note}");
    assert!(note.contains("Import again as whole page"), "{note}");
    let readable = document(&harness).text().as_str().to_owned();
    assert!(readable.starts_with("Paragraph 0:") && !readable.contains("Other headline"));
    assert_eq!(document(&harness).article.title, "Bus budget cut");
    assert_eq!(document(&harness).article.meta.author, "Jane Doe");

    // Saved first, so the page is found beside the file. The page is read in the
    // background.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_jobs(&mut harness);
    menu_item(&mut harness, "Article", "Import again as whole page");
    wait_for_jobs(&mut harness);
    let whole = document(&harness).text().as_str().to_owned();
    assert!(whole.contains("Other headline number 199"), "{whole}");
    assert!(
        whole.starts_with("Home Sport\nParagraph 0:"),
        "the menu too: {whole}"
    );
    let (note, _) = message(&harness);
    assert!(
        note.starts_with("Imported again as the whole page"),
        "{note}"
    );
    assert_eq!(
        document(&harness).article.meta.author,
        "Jane Doe",
        "details stay"
    );
    assert!(harness.state().is_dirty());

    // One undo goes back to the readable text.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(document(&harness).text().as_str(), readable);

    // The page gone from beside the file: reading it says so, naming it; nothing changes.
    std::fs::rename(&path, dir.path().join("moved.html")).expect("move");
    menu_item(&mut harness, "Article", "Import again as whole page");
    wait_for_jobs(&mut harness);
    let (note, is_error) = message(&harness);
    assert!(
        is_error && note.contains("bus.html: no such file"),
        "{note}"
    );
    assert_eq!(document(&harness).text().as_str(), readable);
    std::fs::rename(dir.path().join("moved.html"), &path).expect("move back");

    // Once there is a claim, the text can no longer be swapped under it.
    let range = drag_across(&mut harness, "Paragraph 2");
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(claims_with(&harness, range), [Verdict::VERIFIED]);
    harness.get_by_label("Article").click();
    harness.run();
    assert!(
        harness
            .get_by_label("Import again as whole page")
            .accesskit_node()
            .is_disabled(),
        "disabled while there are claims"
    );
}

#[test]
fn an_article_that_is_not_a_web_page_cannot_be_imported_again_as_one() {
    // A plain-text article with no claims yet: only the kind of file rules the item out.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "The council cut the bus budget by 14 percent.\n").expect("write");
    let mut harness = harness_for(App::new(Some(open(&path).expect("opens")), tester()));
    assert!(document(&harness).claims().is_empty());
    harness.get_by_label("Article").click();
    harness.run();
    assert!(
        harness
            .get_by_label("Import again as whole page")
            .accesskit_node()
            .is_disabled()
    );
}
