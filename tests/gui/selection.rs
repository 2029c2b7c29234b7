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
    char_rect, claims_with, document, drag_across, harness, offset_of, sample_copy, tester, views,
    views_mut,
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
    let start = offset_of(&harness, "unprecedented");
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
        [Verdict::Inaccurate]
    );
}

#[test]
fn shift_click_extends_from_a_click_and_esc_clears() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let phrase = "strategic pivot toward Asia";
    let start = offset_of(&harness, phrase);
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
    let further = offset_of(&harness, "as Russia continues");
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
    assert_eq!(claims_with(&harness, range), [Verdict::Inaccurate]);

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
    assert_eq!(claim.verdict, Verdict::Inaccurate);
    // (The key events are not text: a real keyboard sends the digit as text as well.)
    assert_eq!(claim.rationale, "1 of 2\n");
}

#[test]
fn hovering_a_claim_shows_its_verdict_and_rationale() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(&path);
    let start = offset_of(&harness, "three nuclear powers");
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
    assert!(harness.query_by_label("verified").is_some());
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
    let zoe = offset_of(&harness, "Zoe\u{308}");
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
            [Verdict::Unreviewed],
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
        Verdict::Unreviewed
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
