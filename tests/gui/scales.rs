//! Verdict scales in the app: keys, buttons and counts from the file's scale, and
//! Article ▸ Verdict scale… as one undoable change.

use super::*;
use factmark::model::{Article, Document, Scale};
use factmark::text::Text;

fn menu_item(harness: &mut Harness<'_, App>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

/// A new file on the Truth-O-Meter, saved in a temporary folder.
fn meter_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("meter.factmark.json");
    let mut document = Document::new(Article::new(Text::new(
        "The mayor said crime fell by forty percent last year.\n".to_owned(),
    )));
    document
        .set_scale(Scale::preset("truth-o-meter"))
        .expect("a preset is usable");
    format::save(&document, &path).expect("saves");
    (dir, path)
}

#[test]
fn a_truth_o_meter_file_shows_six_verdicts_and_key_6_marks_true() {
    let (_dir, path) = meter_file();
    let mut harness = harness(&path);
    for (key, label) in [
        (1, "Pants on Fire"),
        (2, "False"),
        (3, "Mostly False"),
        (4, "Half True"),
        (5, "Mostly True"),
        (6, "True"),
    ] {
        let button = format!("{key}  {label}");
        assert!(
            harness.query_by_label(&button).is_some(),
            "the legend has {button:?}"
        );
        assert!(
            harness.query_all_by_label(&format!("{label} 0")).count() >= 1,
            "the list counts {label}"
        );
    }
    assert!(harness.query_by_label_contains("  Verified").is_none());

    let range = drag_across(&mut harness, "crime fell by forty percent");
    harness.key_press(Key::Num6);
    harness.run();
    assert_eq!(claims_with(&harness, range.clone()), [Verdict::new("true")]);
    assert!(harness.query_all_by_label("True 1").count() >= 1);

    // A key past the scale's last level marks nothing and says why.
    let other = drag_across(&mut harness, "last year");
    harness.key_press(Key::Num7);
    harness.run();
    assert!(claims_with(&harness, other).is_empty());
    let (note, _) = message(&harness);
    assert!(note.contains("has 6 levels"), "{note}");

    // The claim's inspector offers the six levels and unreviewed.
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::J);
    harness.run();
    assert!(harness.query_by_label("Mostly False").is_some());
    harness.get_by_label("Mostly False").click();
    harness.run();
    assert_eq!(claims_with(&harness, range), [Verdict::new("mostly-false")]);
}

#[test]
fn changing_the_scale_maps_each_level_and_undo_restores_every_verdict() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let before: Vec<(String, Verdict)> = document(&harness)
        .claims()
        .iter()
        .map(|c| (c.id.to_string(), c.verdict.clone()))
        .collect();
    assert!(before.iter().any(|(_, v)| *v == Verdict::DISPUTED));

    menu_item(&mut harness, "Article", "Verdict scale…");
    assert!(harness.query_by_label_contains("Now: factmark").is_some());
    // Proposed: the same place from worst to best. Disputed is moved from Half True to
    // Mostly False by hand.
    harness
        .get_by_role_and_label(Role::ComboBox, "Disputed (4 claims)")
        .click();
    harness.run();
    harness.get_by_label("Mostly False").click();
    harness.run();
    harness.get_by_label("Change scale").click();
    harness.run();

    assert_eq!(document(&harness).scale().name, "truth-o-meter");
    for (claim, (_, was)) in document(&harness).claims().iter().zip(&before) {
        let expected = match was.as_str() {
            "verified" => "true",
            "disputed" => "mostly-false",
            "inaccurate" => "pants-on-fire",
            _ => "unreviewed",
        };
        assert_eq!(claim.verdict.as_str(), expected, "{was}");
    }
    assert!(harness.query_by_label("1  Pants on Fire").is_some());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let after: Vec<(String, Verdict)> = document(&harness)
        .claims()
        .iter()
        .map(|c| (c.id.to_string(), c.verdict.clone()))
        .collect();
    assert_eq!(after, before, "undo restores every verdict");
    assert_eq!(document(&harness).own_scale(), None);
    assert!(harness.query_by_label("1  Verified").is_some());
    assert!(!harness.state().is_dirty());
}
