//! A save never writes over a file that changed on disk since it was opened: it asks, and
//! each answer keeps both versions reachable.

use std::path::Path;

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::edit::Change;
use factmark::format;
use factmark::gui::{App, Command, Modal};
use factmark::model::{ClaimId, Verdict};

use super::{document, harness_for, sample_copy, tester, wait_for_jobs};

/// The sample opened in an app that journals under `root`; its first claim marked disputed.
fn opened_and_changed(root: &Path, path: &Path) -> (Harness<'static, App>, ClaimId) {
    let mut harness = harness_for(App::new(None, tester()).journaling_in(root.to_owned()));
    harness.state_mut().open_path(path.to_owned());
    wait_for_jobs(&mut harness);
    let id = document(&harness).claims()[0].id.clone();
    harness
        .state_mut()
        .send(Command::Change(Change::SetVerdict {
            id: id.clone(),
            verdict: Verdict::DISPUTED,
        }));
    harness.run();
    (harness, id)
}

/// Someone else's change to the file: a new title.
fn change_theirs(path: &Path) {
    let mut theirs = format::load_file(path).into_valid().expect("valid");
    "Their title".clone_into(&mut theirs.article.title);
    format::save(&theirs, path).expect("saved");
}

fn on_disk(path: &Path) -> factmark::model::Document {
    format::load_file(path).into_valid().expect("valid")
}

/// A new modification time, the same bytes.
fn touch(path: &Path) {
    let later = std::time::SystemTime::now() + std::time::Duration::from_mins(2);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(later))
        .expect("touch");
}

fn save(harness: &mut Harness<'_, App>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_jobs(harness);
}

#[test]
fn a_touched_file_is_saved_over_without_a_question() {
    let (dir, path) = sample_copy();
    let (mut harness, id) = opened_and_changed(&dir.path().join("journal"), &path);
    touch(&path);
    save(&mut harness);
    assert!(
        harness.state().modal().is_none(),
        "{:?}",
        harness.state().modal()
    );
    assert_eq!(
        on_disk(&path).claim(&id).expect("claim").verdict,
        Verdict::DISPUTED
    );
}

#[test]
fn a_changed_file_is_not_written_and_overwrite_asks_first() {
    let (dir, path) = sample_copy();
    let (mut harness, id) = opened_and_changed(&dir.path().join("journal"), &path);
    change_theirs(&path);
    save(&mut harness);
    assert!(
        matches!(harness.state().modal(), Some(Modal::ChangedOnDisk { .. })),
        "{:?}",
        harness.state().modal()
    );
    let disk = on_disk(&path);
    assert_eq!(
        disk.article.title, "Their title",
        "their version is untouched"
    );
    assert_ne!(disk.claim(&id).expect("claim").verdict, Verdict::DISPUTED);
    assert!(harness.state().is_dirty(), "my work is still here");

    // Esc: nothing happens; asking again asks again.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().modal().is_none());
    save(&mut harness);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ChangedOnDisk { .. })
    ));

    harness.get_by_label("Overwrite…").click();
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::Overwrite { .. })
    ));
    harness.key_press(Key::Enter);
    wait_for_jobs(&mut harness);
    let disk = on_disk(&path);
    assert_eq!(disk.claim(&id).expect("claim").verdict, Verdict::DISPUTED);
    assert_ne!(
        disk.article.title, "Their title",
        "overwritten, as confirmed"
    );
    assert!(!harness.state().is_dirty());
    // Saved now: the next save expects what was just written.
    save(&mut harness);
    assert!(harness.state().modal().is_none());
}

#[test]
fn reload_theirs_then_re_apply_gives_their_version_with_my_changes() {
    let (dir, path) = sample_copy();
    let root = dir.path().join("journal");
    let (mut harness, id) = opened_and_changed(&root, &path);
    change_theirs(&path);
    save(&mut harness);
    harness.get_by_label("Reload theirs").click();
    wait_for_jobs(&mut harness);
    assert!(
        matches!(harness.state().modal(), Some(Modal::Reapply { .. })),
        "{:?}",
        harness.state().modal()
    );
    assert_eq!(document(&harness).article.title, "Their title");
    assert_ne!(
        document(&harness).claim(&id).expect("claim").verdict,
        Verdict::DISPUTED
    );
    harness.key_press(Key::Enter);
    wait_for_jobs(&mut harness);
    assert_eq!(document(&harness).article.title, "Their title");
    assert_eq!(
        document(&harness).claim(&id).expect("claim").verdict,
        Verdict::DISPUTED,
        "my change, re-applied"
    );
    assert!(harness.state().is_dirty());
    save(&mut harness);
    assert!(
        harness.state().modal().is_none(),
        "{:?}",
        harness.state().modal()
    );
    let disk = on_disk(&path);
    assert_eq!(disk.article.title, "Their title");
    assert_eq!(disk.claim(&id).expect("claim").verdict, Verdict::DISPUTED);
    drop(harness);
    assert_eq!(
        std::fs::read_dir(&root).map_or(0, Iterator::count),
        0,
        "both journals are gone once everything is saved"
    );
}

#[test]
fn reload_theirs_then_later_keeps_my_changes_in_the_journal() {
    let (dir, path) = sample_copy();
    let root = dir.path().join("journal");
    let (mut harness, _) = opened_and_changed(&root, &path);
    change_theirs(&path);
    save(&mut harness);
    harness.get_by_label("Reload theirs").click();
    wait_for_jobs(&mut harness);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().modal().is_none());
    assert!(!harness.state().is_dirty(), "their version, as it is");
    drop(harness);
    assert_eq!(
        std::fs::read_dir(&root).map_or(0, Iterator::count),
        1,
        "my work is kept"
    );
}

#[test]
fn save_mine_as_a_copy_keeps_both() {
    let (dir, path) = sample_copy();
    let (mut harness, id) = opened_and_changed(&dir.path().join("journal"), &path);
    change_theirs(&path);
    save(&mut harness);
    // Enter chooses the copy: a file dialog (none on this machine: nothing is written).
    harness.key_press(Key::Enter);
    wait_for_jobs(&mut harness);
    assert!(harness.state().modal().is_none());
    assert_eq!(on_disk(&path).article.title, "Their title");
    // The path the dialog would give.
    let copy = dir.path().join("mine.factmark.json");
    let ctx = harness.ctx.clone();
    harness.state_mut().save_as_to(&ctx, copy.clone());
    wait_for_jobs(&mut harness);
    assert_eq!(
        on_disk(&copy).claim(&id).expect("claim").verdict,
        Verdict::DISPUTED
    );
    assert_eq!(
        on_disk(&path).article.title,
        "Their title",
        "theirs is kept"
    );
}

#[test]
fn a_file_that_appeared_where_new_annotations_save_is_not_written_over() {
    let (dir, _) = sample_copy();
    let article = dir.path().join("parade.txt");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        repo.join("assets/articles/beijing-parade-2025.txt"),
        &article,
    )
    .expect("copy");
    let annotations = dir.path().join("parade.factmark.json");
    std::fs::remove_file(&annotations).ok();
    let mut harness = harness_for(App::new(None, tester()));
    harness.state_mut().open_path(article.clone());
    wait_for_jobs(&mut harness);
    harness.state_mut().send(Command::Change(Change::SetTitle {
        title: "Mine".to_owned(),
    }));
    harness.run();
    std::fs::write(&annotations, "someone else's file\n").expect("write");
    save(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains("a file appeared there")
            .next()
            .is_some()
    );
    assert_eq!(
        std::fs::read_to_string(&annotations).expect("read"),
        "someone else's file\n"
    );
}

#[test]
fn a_change_on_disk_is_reported_when_the_window_gets_the_focus_back() {
    let (dir, path) = sample_copy();
    let (mut harness, _) = opened_and_changed(&dir.path().join("journal"), &path);
    harness.event(eframe::egui::Event::WindowFocused(false));
    harness.run();
    // Only touched while away: nothing to say.
    touch(&path);
    harness.event(eframe::egui::Event::WindowFocused(true));
    wait_for_jobs(&mut harness);
    assert!(harness.state().modal().is_none(), "touch is not a change");
    // Changed while away: asked at once, and once.
    change_theirs(&path);
    harness.event(eframe::egui::Event::WindowFocused(true));
    wait_for_jobs(&mut harness);
    assert!(
        matches!(harness.state().modal(), Some(Modal::ChangedOnDisk { .. })),
        "{:?}",
        harness.state().modal()
    );
    harness.key_press(Key::Escape);
    harness.run();
    harness.event(eframe::egui::Event::WindowFocused(true));
    wait_for_jobs(&mut harness);
    assert!(harness.state().modal().is_none(), "not asked again");
    // A save still refuses to write over theirs.
    save(&mut harness);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::ChangedOnDisk { .. })
    ));
    assert_eq!(on_disk(&path).article.title, "Their title");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_replaced_and_save_as_is_offered() {
    use std::os::unix::fs::PermissionsExt as _;
    let (dir, path) = sample_copy();
    let (mut harness, _) = opened_and_changed(&dir.path().join("journal"), &path);
    let before = std::fs::read(&path).expect("read");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    save(&mut harness);
    assert!(
        matches!(harness.state().modal(), Some(Modal::ReadOnly { .. })),
        "{:?}",
        harness.state().modal()
    );
    assert_eq!(std::fs::read(&path).expect("read"), before, "not replaced");
    assert!(harness.state().is_dirty());
    // Enter: Save As (a dialog; none on this machine, so nothing is written).
    harness.key_press(Key::Enter);
    wait_for_jobs(&mut harness);
    assert!(harness.state().modal().is_none());
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

/// The file replaced by a directory or a named pipe while it is open: the save does not
/// write (it asks), and overwriting is refused too, with the reason.
#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_directory_or_a_pipe_is_not_written_over() {
    for replacement in ["directory", "pipe"] {
        let (dir, path) = sample_copy();
        let (mut harness, _) = opened_and_changed(&dir.path().join("journal"), &path);
        std::fs::remove_file(&path).expect("remove");
        if replacement == "directory" {
            std::fs::create_dir(&path).expect("mkdir");
        } else {
            let made = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .expect("mkfifo");
            assert!(made.success());
        }
        save(&mut harness);
        assert!(
            matches!(harness.state().modal(), Some(Modal::ChangedOnDisk { .. })),
            "{replacement}: {:?}",
            harness.state().modal()
        );
        harness.get_by_label("Overwrite…").click();
        harness.run();
        harness.key_press(Key::Enter);
        wait_for_jobs(&mut harness);
        let message = harness.state().message().expect("a message").text.clone();
        assert!(
            message.contains("factmark replaces only regular files"),
            "{message}"
        );
        let kind = std::fs::symlink_metadata(&path).expect("lstat").file_type();
        assert!(kind.is_dir() || std::os::unix::fs::FileTypeExt::is_fifo(&kind));
        assert!(harness.state().is_dirty(), "the work is still here");
    }
}

/// An HTML article nested 20k deep (it used to overflow the app's stack) is refused with a
/// message naming the file; the app goes on.
#[test]
fn a_deeply_nested_html_article_is_refused_and_the_app_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("deep.html");
    let n = 20_000;
    std::fs::write(
        &page,
        format!(
            "<html><body>{}words{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    )
    .expect("write");
    let mut harness = harness_for(App::new(None, tester()));
    harness.state_mut().open_path(page);
    wait_for_jobs(&mut harness);
    let message = harness.state().message().expect("a message").text.clone();
    assert!(message.contains("deep.html"), "{message}");
    assert!(
        message.contains("nests its HTML elements 20002 deep"),
        "{message}"
    );
    assert!(harness.state().session().is_none());
}
