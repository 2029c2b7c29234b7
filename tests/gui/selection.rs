//! The article view's own selection: double-click a word, Shift+click to extend, Esc to
//! clear; it survives clicks in other panels, and the marking keys never fire while a text
//! field has focus. Also: hovering a claim shows its verdict and rationale, and text in
//! every script and emoji has glyphs.

use eframe::egui::{self, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::gui::App;
use factmark::model::Verdict;
use factmark::ops::open::open;

use super::{
    char_rect, claims_with, document, drag, drag_across, harness, offset_of, sample_copy, tester,
    views, views_mut,
};

/// A point just inside the left edge of the character at `offset`: the nearest place
/// between characters is the one before it.
fn boundary_pos(harness: &Harness<'_, App>, offset: usize) -> Pos2 {
    let rect = char_rect(harness, offset).expect("on screen");
    rect.left_center() + Vec2::new(1.0, 0.0)
}

fn click_at(harness: &mut Harness<'_, App>, pos: Pos2, modifiers: Modifiers, times: usize) {
    harness.hover_at(pos);
    harness.step();
    harness.event(egui::Event::ModifiersChanged(modifiers));
    for _ in 0..times {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers,
            });
        }
        harness.step();
    }
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

fn selected(harness: &Harness<'_, App>) -> Option<std::ops::Range<usize>> {
    let selection = views(harness).article.selection?;
    Some(selection.range())
}

#[test]
fn double_click_selects_the_word_and_a_key_marks_it() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let start = offset_of(&mut harness, "unprecedented");
    let middle = char_rect(&harness, start + 4).expect("on screen").center();
    click_at(&mut harness, middle, Modifiers::NONE, 2);
    assert_eq!(
        selected(&harness),
        Some(start..start + "unprecedented".len())
    );

    harness.key_press(Key::Num3);
    harness.run();
    assert_eq!(
        claims_with(&harness, start..start + 13),
        [Verdict::INACCURATE]
    );
}

#[test]
fn shift_click_extends_from_a_click_and_esc_clears() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let phrase = "strategic pivot toward Asia";
    let start = offset_of(&mut harness, phrase);
    let end = start + phrase.len();

    let pos = boundary_pos(&harness, start);
    click_at(&mut harness, pos, Modifiers::NONE, 1);
    assert_eq!(
        selected(&harness),
        Some(start..start),
        "a click leaves a caret"
    );
    // `end` is the space after the phrase: its left edge is the phrase's end.
    let pos = boundary_pos(&harness, end);
    click_at(&mut harness, pos, Modifiers::SHIFT, 1);
    assert_eq!(selected(&harness), Some(start..end));
    // And again, further: the anchor stays where the first click was.
    let further = offset_of(&mut harness, "as Russia continues");
    let pos = boundary_pos(&harness, further);
    click_at(&mut harness, pos, Modifiers::SHIFT, 1);
    assert_eq!(selected(&harness), Some(start..further));

    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(selected(&harness), None);
    harness.key_press(Key::Num1);
    harness.run();
    assert!(
        document(&harness).claims().iter().all(|c| c.start != start),
        "nothing to mark after Esc"
    );
}

#[test]
fn the_selection_survives_other_panels_and_keys_do_not_fire_in_text_fields() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let range = drag_across(&mut harness, "strategic pivot toward Asia");
    let claims_before = document(&harness).claims().len();

    // Typing a marking key into the list's search field searches; it marks nothing.
    harness.get_by_label("Search claims").click();
    harness.run();
    harness.get_by_label("Search claims").type_text("3");
    harness.run();
    assert_eq!(views(&harness).filter.search, "3");
    assert_eq!(document(&harness).claims().len(), claims_before);
    assert_eq!(
        selected(&harness),
        Some(range.clone()),
        "the selection survives"
    );

    // Leave the field (Esc), empty the search, and the key marks the selection.
    harness.key_press(Key::Escape);
    harness.run();
    views_mut(&mut harness).filter.search.clear();
    harness.key_press(Key::Num3);
    harness.run();
    assert_eq!(claims_with(&harness, range), [Verdict::INACCURATE]);

    // In the rationale field, digits and Enter are text, not verdicts.
    let id = views(&harness).selected.clone().expect("the new claim");
    let rationale = egui::accesskit::Role::MultilineTextInput;
    harness
        .get_by_role_and_label(rationale, "Rationale")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(rationale, "Rationale")
        .type_text("1 of 2");
    harness.key_press(Key::Enter);
    harness.key_press(Key::Num2);
    harness.run();
    let claim = document(&harness).claim(&id).expect("claim").clone();
    assert_eq!(claim.verdict, Verdict::INACCURATE);
    // (The key events are not text: a real keyboard sends the digit as text as well.)
    assert_eq!(claim.rationale, "1 of 2\n");
}

#[test]
fn hovering_a_claim_shows_its_verdict_and_rationale() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let start = offset_of(&mut harness, "three nuclear powers");
    let rationale = document(&harness)
        .claims()
        .iter()
        .find(|c| c.start == start)
        .expect("the sample claim")
        .rationale
        .clone();
    assert!(harness.query_by_label(&rationale).is_none());

    let pos = char_rect(&harness, start + 3).expect("on screen").center();
    // Tooltips wait for the pointer to rest: a second of frames.
    harness.hover_at(pos);
    for _ in 0..40 {
        harness.step();
    }
    harness.run();
    assert!(
        harness.query_by_label(&rationale).is_some(),
        "tooltip shows the rationale"
    );
    assert!(harness.query_by_label("Verified").is_some());
}

#[test]
fn emoji_and_combining_marks_have_glyphs_and_exact_offsets() {
    // The harness panics on any character without a glyph (kittest's default policy).
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("emoji.txt");
    let text = "Family 👨\u{200d}👩\u{200d}👧 flag 🇺🇦 thumbs 👍🏽 and Zoe\u{308} said café.\n";
    std::fs::write(&path, text).expect("write");
    let app = App::new(Some(open(&path).expect("opens")), tester());
    let mut harness = super::harness_for(app);

    // Double-click the name with a combining mark: the mark belongs to the word.
    let zoe = offset_of(&mut harness, "Zoe\u{308}");
    let pos = char_rect(&harness, zoe + 1).expect("on screen").center();
    click_at(&mut harness, pos, Modifiers::NONE, 2);
    assert_eq!(selected(&harness), Some(zoe..zoe + 4));
    harness.key_press(Key::Num2);
    harness.run();
    let document = document(&harness);
    let claim = &document.claims()[0];
    assert_eq!(document.exact(claim), "Zoe\u{308}");
    // The emoji before it count as code points: 👨 ZWJ 👩 ZWJ 👧 is five.
    assert_eq!(claim.start, text.chars().position(|c| c == 'Z').expect("Z"));
}

#[test]
fn clicking_highlights_and_claim_keys_select_step_mark_and_delete() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let exact_of_selected = |h: &Harness<'_, App>| -> Option<String> {
        let document = document(h);
        let id = views(h).selected.as_ref()?;
        Some(document.exact(document.claim(id)?).to_owned())
    };
    let click_inside = |h: &mut Harness<'_, App>, phrase: &str| {
        let at = offset_of(h, phrase) + 2;
        let pos = char_rect(h, at).expect("on screen").center();
        click_at(h, pos, Modifiers::NONE, 1);
    };

    // 0 and Enter mark a selection as a claim still to review.
    for (key, phrase) in [
        (Key::Num0, "strategic pivot toward Asia"),
        (Key::Enter, "Western hegemony"),
    ] {
        let range = drag_across(&mut harness, phrase);
        harness.key_press(key);
        harness.run();
        assert_eq!(
            claims_with(&harness, range),
            [Verdict::UNREVIEWED],
            "{key:?}"
        );
    }

    // A click on highlighted words selects their claim; a click on plain words, none.
    click_inside(&mut harness, "three nuclear powers");
    assert_eq!(
        exact_of_selected(&harness).as_deref(),
        Some("three nuclear powers")
    );
    click_inside(&mut harness, "Historic Gathering");
    assert_eq!(views(&harness).selected, None);
    click_inside(&mut harness, "three nuclear powers");

    // J: the next claim in article order; N: the next unreviewed one.
    harness.key_press(Key::J);
    harness.run();
    let next = exact_of_selected(&harness).expect("a claim");
    assert!(next.starts_with("The 80th anniversary"), "{next}");
    harness.key_press(Key::N);
    harness.run();
    let id = views(&harness).selected.clone().expect("a claim");
    assert_eq!(
        document(&harness).claim(&id).expect("claim").verdict,
        Verdict::UNREVIEWED
    );

    // Delete removes it; Ctrl+Z brings it back.
    let claims = document(&harness).claims().len();
    harness.key_press(Key::Delete);
    harness.run();
    assert!(document(&harness).claim(&id).is_none());
    assert_eq!(document(&harness).claims().len(), claims - 1);
    assert_eq!(views(&harness).selected, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(document(&harness).claim(&id).is_some());
}

/// Presses a key with modifiers and lets the app settle.
fn press(harness: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

#[test]
fn a_claim_can_be_made_with_the_keyboard_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("keys.txt");
    std::fs::write(&path, "Alpha beta gamma delta.\nSecond line here.\n").expect("write");
    let app = App::new(Some(open(&path).expect("opens")), tester());
    let mut harness = super::harness_for(app);
    let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;

    // With nothing clicked the caret starts at the top of the view.
    press(&mut harness, Modifiers::COMMAND, Key::ArrowRight);
    assert_eq!(
        selected(&harness),
        Some(5..5),
        "Ctrl+Right: the end of the word"
    );
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    press(&mut harness, ctrl_shift, Key::ArrowRight);
    press(&mut harness, ctrl_shift, Key::ArrowRight);
    assert_eq!(selected(&harness), Some(6..16));
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(
        selected(&harness),
        Some(6..16),
        "Shift+arrows by a character"
    );
    press(&mut harness, Modifiers::NONE, Key::Num2);
    let document = document(&harness);
    assert_eq!(document.claims().len(), 1);
    assert_eq!(document.exact(&document.claims()[0]), "beta gamma");
    assert_eq!(document.claims()[0].verdict, Verdict::DISPUTED);

    // J puts the caret at the claim's start; Shift+End selects to the line's end, and
    // Shift+Home back to its start.
    press(&mut harness, Modifiers::NONE, Key::J);
    assert_eq!(selected(&harness), Some(6..6));
    press(&mut harness, Modifiers::SHIFT, Key::End);
    assert_eq!(selected(&harness), Some(6..23));
    press(&mut harness, Modifiers::SHIFT, Key::Home);
    assert_eq!(selected(&harness), Some(0..6));
    press(&mut harness, ctrl_shift, Key::ArrowLeft);
    assert_eq!(selected(&harness), Some(0..6), "nothing before the start");
    // A plain arrow collapses the selection to its edge on that side.
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(selected(&harness), Some(6..6));
    // Arrows cross into the next paragraph.
    press(&mut harness, Modifiers::SHIFT, Key::End);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(selected(&harness), Some(24..24));
    // The caret keys never fire while typing in a field.
    super::shape::type_into(&mut harness, "Search claims", "be");
    press(&mut harness, Modifiers::COMMAND, Key::ArrowLeft);
    assert_eq!(selected(&harness), Some(24..24));
}

#[test]
fn a_sloppy_drag_snaps_to_whole_words_and_alt_drag_is_exact() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let phrase = "strategic pivot toward Asia";
    let start = offset_of(&mut harness, phrase);
    let end = start + phrase.len();
    // From inside "strategic" to inside "Asia".
    let (a, b) = (
        boundary_pos(&harness, start + 4),
        boundary_pos(&harness, end - 2),
    );
    drag(&mut harness, a, b, Modifiers::NONE);
    assert_eq!(selected(&harness), Some(start..end), "whole words");
    // Backwards, the same words.
    drag(&mut harness, b, a, Modifiers::NONE);
    assert_eq!(selected(&harness), Some(start..end));
    // Alt+drag: exactly the characters dragged over.
    drag(&mut harness, a, b, Modifiers::ALT);
    assert_eq!(selected(&harness), Some(start + 4..end - 2));
    // A drag that starts in the space before a word never starts with the space.
    let (a, b) = (
        boundary_pos(&harness, start - 1),
        boundary_pos(&harness, start + 12),
    );
    drag(&mut harness, a, b, Modifiers::NONE);
    assert_eq!(
        selected(&harness),
        Some(start..start + "strategic pivot".len())
    );

    // View ▸ Snap to words off: drags are exact, and it is remembered.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Snap to words").click();
    harness.run();
    assert!(!harness.state().prefs().reading.snap_to_words);
    harness.key_press(Key::Escape);
    harness.run();
    let (a, b) = (
        boundary_pos(&harness, start + 4),
        boundary_pos(&harness, end - 2),
    );
    drag(&mut harness, a, b, Modifiers::NONE);
    assert_eq!(selected(&harness), Some(start + 4..end - 2));
}

#[test]
fn clicking_the_same_spot_again_cycles_through_overlapping_claims() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let outer = drag_across(&mut harness, "strategic pivot toward Asia");
    press(&mut harness, Modifiers::NONE, Key::Num2);
    let inner = drag_across(&mut harness, "pivot toward");
    press(&mut harness, Modifiers::NONE, Key::Num1);
    let selected_range = |h: &Harness<'_, App>| {
        let document = document(h);
        let claim = document.claim(views(h).selected.as_ref()?)?;
        Some(claim.start..claim.end)
    };
    // A click on plain words selects no claim; then the first click on the overlap
    // selects the innermost claim there.
    let plain = {
        let at = offset_of(&mut harness, "Historic Gathering") + 2;
        char_rect(&harness, at).expect("on screen")
    };
    click_at(&mut harness, plain.center(), Modifiers::NONE, 1);
    assert_eq!(views(&harness).selected, None);
    for _ in 0..15 {
        harness.step();
    }
    let spot = char_rect(&harness, inner.start + 2)
        .expect("on screen")
        .center();
    let mut seen = Vec::new();
    for _ in 0..3 {
        click_at(&mut harness, spot, Modifiers::NONE, 1);
        seen.push(selected_range(&harness));
        // Far enough apart not to be a double-click.
        for _ in 0..15 {
            harness.step();
        }
    }
    assert_eq!(seen, [Some(inner.clone()), Some(outer), Some(inner)]);

    // With no claim selected (so the inspector shows no verdict buttons), hovering the
    // overlap lists both claims' verdicts.
    click_at(&mut harness, plain.center(), Modifiers::NONE, 1);
    assert_eq!(views(&harness).selected, None);
    assert!(harness.query_by_label("Verified").is_none());
    harness.hover_at(spot);
    for _ in 0..40 {
        harness.step();
    }
    assert!(
        harness.query_by_label("Verified").is_some(),
        "the inner claim's verdict"
    );
    assert!(
        harness.query_by_label("Disputed").is_some(),
        "the outer claim's verdict"
    );
}
