//! The inspector's sources: edit an existing one (link, title, date, note), refuse bad input.

use chrono::NaiveDate;
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::gui::App;
use factmark::model::{ClaimId, Source};

use super::{document, harness, sample_copy, views};

fn source(harness: &Harness<'_, App>, id: &ClaimId) -> Source {
    document(harness).claim(id).expect("claim").sources[0].clone()
}

/// Replaces the whole text of the field labelled `label`.
fn retype(harness: &mut Harness<'_, App>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

/// The sample open, the "three nuclear powers" claim selected, and its first (only) source
/// in the form: the harness, the claim's id and the source as it was.
fn editing_the_first_source(path: &std::path::Path) -> (Harness<'static, App>, ClaimId, Source) {
    let mut harness = harness(path);
    harness
        .get_by_label_contains("three nuclear powers")
        .click();
    harness.run();
    let id = views(&harness).selected.clone().expect("selected");
    let before = source(&harness, &id);
    harness.get_by_label("Edit source 1").click();
    harness.run();
    (harness, id, before)
}

#[test]
fn editing_a_source_changes_it_in_one_undoable_step() {
    let (_dir, path) = sample_copy();
    let (mut harness, id, before) = editing_the_first_source(&path);
    // The form holds the source as it is.
    let title = harness.get_by_role_and_label(Role::TextInput, "Title");
    assert_eq!(title.value().as_deref(), Some(before.title.as_str()));

    retype(&mut harness, Role::TextInput, "Title", "Guest list");
    retype(
        &mut harness,
        Role::MultilineTextInput,
        "Note",
        "Names all three leaders.",
    );
    retype(&mut harness, Role::TextInput, "Accessed", "3 Sept");
    // A date that is not a date: nothing saved, the button is off and says why.
    assert!(
        harness
            .query_by_label_contains("is not a date: write it as YYYY-MM-DD")
            .is_some()
    );
    harness.get_by_label("Save source").click();
    harness.run();
    assert_eq!(source(&harness, &id), before, "a bad date saves nothing");

    retype(&mut harness, Role::TextInput, "Accessed", "2025-09-03");
    harness.get_by_label("Save source").click();
    harness.run();
    let after = source(&harness, &id);
    assert_eq!(after.url, before.url);
    assert_eq!(after.title, "Guest list");
    assert_eq!(after.note, "Names all three leaders.");
    assert_eq!(after.accessed, NaiveDate::from_ymd_opt(2025, 9, 3));
    assert_eq!(after.extra, before.extra);
    assert_eq!(
        document(&harness).claim(&id).expect("claim").sources.len(),
        1
    );
    // The form is back to adding a new source.
    assert!(harness.query_by_label("Add source").is_some());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        source(&harness, &id),
        before,
        "one undo restores the source"
    );
}

#[test]
fn a_link_that_is_not_http_cannot_be_saved() {
    let (_dir, path) = sample_copy();
    let (mut harness, id, before) = editing_the_first_source(&path);
    retype(&mut harness, Role::TextInput, "Link", "javascript:alert(1)");
    assert!(harness.query_by_label_contains("is not an http").is_some());
    harness.get_by_label("Save source").click();
    harness.run();
    assert_eq!(source(&harness, &id), before);

    // Cancel leaves the source as it was and the form empty.
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(source(&harness, &id), before);
    let link = harness.get_by_role_and_label(Role::TextInput, "Link");
    assert_eq!(link.value().as_deref(), Some(""));
}
