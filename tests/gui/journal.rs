//! Unsaved work survives the app ending without a save (a crash, a kill): every change is
//! journaled in the data folder, and the next open of the file offers it back.

use std::path::{Path, PathBuf};

use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::edit::Change;
use factmark::format;
use factmark::gui::{App, Command, Modal};
use factmark::model::Verdict;

use super::{document, harness_for, sample_copy, tester, wait_for_jobs};

/// An app that journals under `root`, with `path` opened in it.
fn opened(root: &Path, path: &Path) -> Harness<'static, App> {
    let mut harness = harness_for(App::new(None, tester()).journaling_in(root.to_owned()));
    harness.state_mut().open_path(path.to_owned());
    wait_for_jobs(&mut harness);
    harness
}

/// Marks the first claim disputed, then ends the app without saving or closing, as a
/// crash would (dropping the app waits for the journal writer, as the OS would not; the
/// real-window test kills the process for real). Returns the id of the claim.
fn change_and_crash(root: &Path, path: &Path) -> factmark::model::ClaimId {
    let mut harness = opened(root, path);
    assert!(harness.state().modal().is_none());
    let claim = document(&harness).claims()[0].clone();
    assert_ne!(claim.verdict, Verdict::DISPUTED);
    harness
        .state_mut()
        .send(Command::Change(Change::SetVerdict {
            id: claim.id.clone(),
            verdict: Verdict::DISPUTED,
        }));
    harness.run();
    assert!(harness.state().is_dirty());
    drop(harness);
    claim.id
}

fn journals(root: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(root)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

fn verdict_on_disk(path: &Path, id: &factmark::model::ClaimId) -> Verdict {
    let document = format::load_file(path).into_valid().expect("valid");
    document.claim(id).expect("the claim").verdict.clone()
}

#[test]
fn after_a_crash_enter_restores_the_work_and_a_save_keeps_it() {
    let (dir, path) = sample_copy();
    let root = dir.path().join("journal");
    let id = change_and_crash(&root, &path);
    assert_eq!(journals(&root).len(), 1, "the work is in the data folder");
    assert_ne!(verdict_on_disk(&path, &id), Verdict::DISPUTED);

    let mut harness = opened(&root, &path);
    assert!(
        matches!(harness.state().modal(), Some(Modal::Restore { .. })),
        "{:?}",
        harness.state().modal()
    );
    assert!(
        harness
            .query_all_by_label_contains("Restore unsaved work from")
            .next()
            .is_some()
    );
    harness.key_press(Key::Enter);
    wait_for_jobs(&mut harness);
    assert!(harness.state().modal().is_none());
    let restored = document(&harness)
        .claim(&id)
        .expect("claim")
        .verdict
        .clone();
    assert_eq!(restored, Verdict::DISPUTED, "the change is back");
    assert!(harness.state().is_dirty(), "restored work is not saved yet");
    assert!(
        harness
            .state()
            .message()
            .is_some_and(|m| m.text.contains("Restored 1 unsaved change")),
        "{:?}",
        harness.state().message()
    );

    // Undo takes the restored work back as one step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_ne!(
        document(&harness).claim(&id).expect("claim").verdict,
        Verdict::DISPUTED
    );
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    harness.run();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_jobs(&mut harness);
    assert_eq!(verdict_on_disk(&path, &id), Verdict::DISPUTED);
    assert!(!harness.state().is_dirty());
    drop(harness);
    assert!(journals(&root).is_empty(), "a save retires the journal");

    // Nothing more to offer: the next open asks nothing.
    let harness = opened(&root, &path);
    assert!(harness.state().modal().is_none());
}

#[test]
fn later_keeps_the_work_for_next_time() {
    let (dir, path) = sample_copy();
    let root = dir.path().join("journal");
    let id = change_and_crash(&root, &path);
    let mut harness = opened(&root, &path);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().modal().is_none());
    assert_ne!(
        document(&harness).claim(&id).expect("claim").verdict,
        Verdict::DISPUTED,
        "the file as it is on disk"
    );
    assert!(!harness.state().is_dirty());
    drop(harness);
    assert_eq!(journals(&root).len(), 1, "the journal is kept");
    let harness = opened(&root, &path);
    assert!(
        matches!(harness.state().modal(), Some(Modal::Restore { .. })),
        "offered again"
    );
}

#[test]
fn discard_asks_again_and_then_removes_the_work() {
    let (dir, path) = sample_copy();
    let root = dir.path().join("journal");
    let id = change_and_crash(&root, &path);
    let mut harness = opened(&root, &path);
    harness.get_by_label("Discard…").click();
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::DiscardWork { .. })
    ));
    // Esc goes back to the question, and nothing is lost.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::Restore { .. })
    ));
    harness.get_by_label("Discard…").click();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().modal().is_none());
    assert_ne!(
        document(&harness).claim(&id).expect("claim").verdict,
        Verdict::DISPUTED
    );
    drop(harness);
    assert!(journals(&root).is_empty(), "the work is gone, as asked");
    assert_ne!(
        verdict_on_disk(&path, &id),
        Verdict::DISPUTED,
        "the file as it was"
    );
}

#[test]
fn a_damaged_journal_restores_what_it_can_and_says_so() {
    let (dir, path) = sample_copy();
    let root = dir.path().join("journal");
    let id = change_and_crash(&root, &path);
    let edits = journals(&root)[0].join("edits.jsonl");
    let mut bytes = std::fs::read(&edits).expect("read");
    bytes.extend_from_slice(b"{\"at\":\"2026-12-01T10:00:00Z\",\"edi");
    std::fs::write(&edits, bytes).expect("write");
    let mut harness = opened(&root, &path);
    harness.key_press(Key::Enter);
    wait_for_jobs(&mut harness);
    assert_eq!(
        document(&harness).claim(&id).expect("claim").verdict,
        Verdict::DISPUTED,
        "the whole entry before the damage is restored"
    );
    let message = harness.state().message().expect("a message").text.clone();
    assert!(message.contains("entry 2 is damaged"), "{message}");
}

#[test]
fn closing_with_everything_saved_leaves_no_journal() {
    let (dir, path) = sample_copy();
    let root = dir.path().join("journal");
    let mut harness = opened(&root, &path);
    let id = document(&harness).claims()[0].id.clone();
    harness
        .state_mut()
        .send(Command::Change(Change::SetVerdict {
            id,
            verdict: Verdict::DISPUTED,
        }));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    wait_for_jobs(&mut harness);
    drop(harness);
    assert!(journals(&root).is_empty());
}
