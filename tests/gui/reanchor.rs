//! The re-anchoring review in the app: opening an article that changed since its
//! annotations were made, choosing Accept, Re-attach or Keep as orphan, and undoing the
//! whole update in one step.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use factmark::gui::{App, Modal, ReviewPick};
use factmark::model::{Article, Claim, ClaimId, Clock as _, Document, FixedClock, Verdict};
use factmark::text::Text;

use super::{document, drag_across, harness_for, message, tester, views, wait_for_jobs};

const KEPT: &str = "The minister said on Monday that the economy grew by three percent last year.";
const EDITED: &str = "Critics argue that the official figures hide large regional differences.";
const MOVED: &str = "Parliament voted against the proposal after a long and bitter debate.";
const GONE: &str = "Unemployment fell to its lowest level since records began in 1971.";
const FILLER: &str = "Analysts expect growth to slow next winter as energy bills rise again.";

fn v1() -> String {
    format!("{KEPT}\n\n{EDITED}\n\n{MOVED}\n\n{GONE}\n\n{FILLER}\n")
}

pub(super) fn v2() -> String {
    format!(
        "{KEPT}\n\n{}\n\n{FILLER}\n\n{MOVED}\n",
        EDITED.replace("official", "government")
    )
}

/// `report.factmark.json` made on version 1 with four claims (kept, edited, moved, gone),
/// and `report.txt` now holding version 2. Returns the article's path and the ids.
pub(super) fn setup(dir: &Path) -> (PathBuf, [ClaimId; 4]) {
    let text = v1();
    let mut document = Document::new(Article::new(Text::new(text.clone())));
    let stamp = FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("alice");
    let mut ids = Vec::new();
    for words in [
        "the economy grew by three percent",
        "the official figures hide large regional",
        "voted against the proposal",
        "its lowest level since records began",
    ] {
        let start = text[..text.find(words).expect("words")].chars().count();
        let mut claim = Claim::new(
            start,
            start + words.chars().count(),
            Verdict::DISPUTED,
            stamp.clone(),
        );
        claim.rationale = format!("About {words}.");
        ids.push(claim.id.clone());
        document.insert_claim(claim).expect("claim");
    }
    factmark::format::save(&document, &dir.join("report.factmark.json")).expect("save");
    let article = dir.join("report.txt");
    std::fs::write(&article, v2()).expect("write");
    (article, ids.try_into().expect("four"))
}

/// The app after opening the changed article: the review is up.
fn reviewing(article: &Path) -> Harness<'static, App> {
    let mut harness = harness_for(App::new(None, tester()));
    harness.state_mut().open_path(article.to_owned());
    wait_for_jobs(&mut harness);
    assert!(
        matches!(harness.state().modal(), Some(Modal::Reanchor(_))),
        "the review opens: {:?}",
        harness.state().message()
    );
    // Still on its own text until the review is applied.
    assert_eq!(document(&harness).text().as_str(), v1());
    harness
}

fn review<'h>(harness: &'h Harness<'_, App>) -> &'h factmark::gui::Review {
    match harness.state().modal() {
        Some(Modal::Reanchor(review)) => review,
        other => panic!("no review: {other:?}"),
    }
}

/// Clicks the `nth` button or radio labelled `label` (the review has one per row).
fn click_nth(harness: &mut Harness<'_, App>, label: &str, nth: usize) {
    harness
        .query_all_by_label(label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {label} #{nth}"))
        .click();
    harness.run();
}

fn exact_of(harness: &Harness<'_, App>, id: &ClaimId) -> Option<String> {
    let document = document(harness);
    document.claim(id).map(|c| document.exact(c).to_owned())
}

#[test]
fn accept_and_keep_as_orphan_then_undo_takes_the_whole_update_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (article, [kept, edited, moved, gone]) = setup(dir.path());
    let mut harness = reviewing(&article);
    // Listed: every claim that is not exact, with exact and moved accepted already and the
    // fuzzy one waiting to be accepted.
    let r = review(&harness);
    assert_eq!(
        r.summary().to_string(),
        "exact 1, moved 1, fuzzy 1, orphaned 1"
    );
    assert_eq!(r.listed(), 3);
    assert_eq!(
        [r.pick(0), r.pick(1), r.pick(2)],
        [
            Some(ReviewPick::Orphan),
            Some(ReviewPick::Accept),
            Some(ReviewPick::Orphan)
        ]
    );
    // Side by side: the old words (also in the article behind) and the new ones.
    assert!(
        harness
            .query_all_by_label_contains("official figures hide")
            .count()
            >= 2
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("government figures hide")
            .count(),
        1
    );
    // The orphaned claim cannot be accepted: it has no place.
    assert!(
        harness
            .query_all_by_label("Accept")
            .nth(2)
            .expect("radio")
            .accesskit_node()
            .is_disabled()
    );

    click_nth(&mut harness, "Accept", 0);
    assert_eq!(review(&harness).pick(0), Some(ReviewPick::Accept));
    harness.get_by_label("Apply update").click();
    harness.run();

    assert!(harness.state().modal().is_none());
    assert_eq!(document(&harness).text().as_str(), v2());
    assert_eq!(
        exact_of(&harness, &kept).as_deref(),
        Some("the economy grew by three percent")
    );
    assert_eq!(
        exact_of(&harness, &edited).as_deref(),
        Some("the government figures hide large regional")
    );
    assert_eq!(
        exact_of(&harness, &moved).as_deref(),
        Some("voted against the proposal")
    );
    let orphan = document(&harness).orphan(&gone).expect("kept as an orphan");
    assert_eq!(
        orphan.rationale,
        "About its lowest level since records began."
    );
    assert!(harness.query_by_label_contains("Orphans (1)").is_some());
    assert!(
        message(&harness).0.contains("Text updated"),
        "{:?}",
        message(&harness)
    );
    assert!(harness.state().is_dirty());

    // One undo: the old text with all four claims, no orphans.
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    assert_eq!(document(&harness).text().as_str(), v1());
    assert_eq!(document(&harness).claims().len(), 4);
    assert!(document(&harness).orphans().is_empty());
    assert_eq!(
        exact_of(&harness, &gone).as_deref(),
        Some("its lowest level since records began")
    );
    assert!(!harness.state().is_dirty());
    // And redo puts the update back.
    harness.key_press_modifiers(
        eframe::egui::Modifiers::COMMAND | eframe::egui::Modifiers::SHIFT,
        eframe::egui::Key::Z,
    );
    harness.run();
    assert_eq!(document(&harness).text().as_str(), v2());
    assert!(document(&harness).orphan(&gone).is_some());
}

#[test]
fn re_attach_puts_the_claim_on_the_words_the_reviewer_selects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (article, [_, edited, _, gone]) = setup(dir.path());
    let mut harness = reviewing(&article);
    // Row 2 is the orphaned claim: re-attach it by hand.
    click_nth(&mut harness, "Re-attach", 2);
    harness.key_press(eframe::egui::Key::Enter);
    harness.run();
    assert!(
        harness.state().modal().is_none(),
        "Enter applies the update"
    );
    // The fuzzy claim was not accepted: it waits as an orphan too.
    assert!(document(&harness).orphan(&edited).is_some());
    assert_eq!(views(&harness).orphan.as_ref(), Some(&gone));
    // Marked where a long quote cut to the panel's width cannot hide it.
    assert!(
        harness
            .query_by_label_contains("to re-attach: its lowest level")
            .is_some()
    );
    assert!(
        harness
            .get_by_label("Attach to selection")
            .accesskit_node()
            .is_disabled(),
        "nothing selected yet"
    );

    let range = drag_across(&mut harness, "expect growth to slow");
    harness.get_by_label("Attach to selection").click();
    harness.run();
    let claim = document(&harness)
        .claim(&gone)
        .expect("a claim again")
        .clone();
    assert_eq!(claim.start..claim.end, range);
    assert_eq!(
        exact_of(&harness, &gone).as_deref(),
        Some("expect growth to slow")
    );
    assert_eq!(
        claim.rationale,
        "About its lowest level since records began."
    );
    assert_eq!(
        claim.modified.as_ref().map(|s| s.by.as_str()),
        Some("tester")
    );
    assert!(document(&harness).orphan(&gone).is_none());
    assert_eq!(views(&harness).selected.as_ref(), Some(&gone));
    assert!(
        views(&harness)
            .article
            .selection
            .is_none_or(factmark::gui::Selection::is_empty),
        "the words are the claim's now (a caret at most)"
    );

    // Undo: an orphan again, with its old words.
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    assert_eq!(
        document(&harness)
            .orphan(&gone)
            .map(|o| o.exact.clone())
            .as_deref(),
        Some("its lowest level since records began")
    );

    // Deleting an orphan is undoable too.
    harness
        .query_all_by_label_contains("its lowest level")
        .next()
        .expect("row")
        .click();
    harness.run();
    harness.get_by_label("Delete orphan").click();
    harness.run();
    assert!(document(&harness).orphan(&gone).is_none());
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    assert!(document(&harness).orphan(&gone).is_some());

    // Saved, the orphans are in the file and it validates.
    let saved = dir.path().join("report.factmark.json");
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::S);
    wait_for_jobs(&mut harness);
    let loaded = factmark::format::load_file_with_identity(&saved).0;
    let on_disk = loaded.into_valid().expect("valid");
    assert_eq!(on_disk.text().as_str(), v2());
    assert_eq!(on_disk.orphans().len(), 2);
}

#[test]
fn cancel_changes_nothing_and_update_text_from_file_reviews_the_same_way() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (article, _) = setup(dir.path());
    let mut harness = reviewing(&article);
    harness.key_press(eframe::egui::Key::Escape);
    harness.run();
    assert!(harness.state().modal().is_none());
    assert_eq!(document(&harness).text().as_str(), v1());
    assert!(!harness.state().is_dirty());

    // Article ▸ Update text from file… with the new version chosen.
    let newer = dir.path().join("report-v3.txt");
    std::fs::write(
        &newer,
        format!("{}\n\nA new closing paragraph was added here.\n", v1()),
    )
    .expect("write");
    harness.state_mut().update_text_from(newer);
    wait_for_jobs(&mut harness);
    let r = review(&harness);
    assert_eq!(
        r.summary().to_string(),
        "exact 4, moved 0, fuzzy 0, orphaned 0"
    );
    assert!(
        harness
            .query_by_label_contains("Every claim is unchanged")
            .is_some()
    );
    harness.get_by_label("Apply update").click();
    harness.run();
    assert!(
        document(&harness)
            .text()
            .as_str()
            .ends_with("closing paragraph was added here.\n")
    );
    assert_eq!(document(&harness).claims().len(), 4);
    assert_eq!(document(&harness).article.source_file, "report-v3.txt");
}
