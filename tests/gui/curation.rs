//! File ▸ Compare reviewers…: two reviewers' files of the sample opened for comparison,
//! their agreement shown, stepping to a disagreement by key, picking one reviewer's version
//! and saving the curated file beside them, asking before replacing it.

use std::path::{Path, PathBuf};

use eframe::egui::Key;
use eframe::egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use factmark::format;
use factmark::model::{Document, State, Verdict};
use factmark::ops::team::curate::CURATED;

use super::{document, harness, sample_copy, wait_for_jobs};

/// The sample as one reviewer's file: every claim last changed by `by`, with `verdicts`
/// put on the claims at those positions.
fn reviewer(sample: &Path, dir: &Path, by: &str, verdicts: &[(usize, Verdict)]) -> PathBuf {
    let mut document: Document = format::load_file(sample).into_valid().expect("sample");
    let claims: Vec<_> = document.claims().to_vec();
    for (i, mut claim) in claims.into_iter().enumerate() {
        if let Some(stamp) = &mut claim.modified {
            by.clone_into(&mut stamp.by);
        }
        if let Some((_, verdict)) = verdicts.iter().find(|(at, _)| *at == i) {
            claim.verdict = verdict.clone();
            claim.rationale = format!("{by} checked the figures.");
        }
        document.replace_claim(claim).expect("valid");
    }
    let path = dir.join(format!("{}.factmark.json", by.to_lowercase()));
    format::save(&document, &path).expect("saved");
    path
}

/// The curated file holds Ben's version of the first disagreement, approved by the
/// editor and saying whose it is, and the second still waiting with both versions.
fn picked_bens_version(curated: &Document) {
    let picked: Vec<_> = curated
        .claims()
        .iter()
        .filter(|c| c.extra.contains_key(CURATED))
        .collect();
    assert_eq!(picked.len(), 1);
    let claim = picked[0];
    assert_eq!(
        claim.extra[CURATED]["by"], "Ben",
        "it says where it came from"
    );
    assert_eq!(claim.verdict, Verdict::INACCURATE);
    assert_eq!(claim.rationale, "Ben checked the figures.");
    assert_eq!(claim.review.status.state, State::Approved);
    assert_eq!(
        claim.review.status.stamp.as_ref().expect("stamped").by,
        "tester"
    );
    assert!(!claim.extra.contains_key("conflict"));
    let open: Vec<_> = curated
        .claims()
        .iter()
        .filter(|c| c.extra.contains_key("conflict"))
        .collect();
    assert_eq!(
        open.len(),
        1,
        "the other disagreement waits, with both versions"
    );
}

/// The sample open, and two reviewers' files of it — Ben differing on two claims —
/// opened for comparison as File ▸ Compare reviewers… hands them over.
fn comparing() -> (
    tempfile::TempDir,
    PathBuf,
    PathBuf,
    PathBuf,
    egui_kittest::Harness<'static, factmark::gui::App>,
) {
    let (dir, sample) = sample_copy();
    let ana = reviewer(&sample, dir.path(), "Ana", &[]);
    let ben = reviewer(
        &sample,
        dir.path(),
        "Ben",
        &[(1, Verdict::INACCURATE), (4, Verdict::VERIFIED)],
    );
    let mut harness = harness(&sample);
    harness.state_mut().compare(&[ana.clone(), ben.clone()]);
    // Read and merged in the background, off the UI thread.
    wait_for_jobs(&mut harness);
    (dir, sample, ana, ben, harness)
}

#[test]
fn compare_two_reviewers_step_to_a_disagreement_pick_a_version_and_save_the_curated_file() {
    let (dir, sample, ana, ben, mut harness) = comparing();

    assert!(
        harness.query_by_label("Compare reviewers").is_some(),
        "the window opens"
    );
    assert!(
        harness
            .query_by_label_contains("ana.factmark.json × ben.factmark.json")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Disagreement 1 of 2 (2 open)")
            .is_some()
    );
    // Blind by default: the reviewer's own document never took the other's claims.
    assert_eq!(
        document(&harness).claims().len(),
        format::load_file(&sample)
            .into_valid()
            .expect("sample")
            .claims()
            .len()
    );

    harness.key_press(Key::CloseBracket);
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 2 of 2 (2 open)")
            .is_some()
    );
    harness.key_press(Key::OpenBracket);
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 1 of 2 (2 open)")
            .is_some()
    );

    harness.get_by_label("Use Ben's version").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 1 of 2 (1 open)")
            .is_some()
    );

    harness.get_by_label("Save curated file").click();
    harness.run();
    let stem = document(&harness).article.source_file_stem().to_owned();
    let curated_path = dir.path().join(format!("{stem}.curated.factmark.json"));
    let curated = format::load_file(&curated_path)
        .into_valid()
        .expect("the curated file is written and valid");
    picked_bens_version(&curated);

    // Saving again asks before replacing the file; keeping it writes nothing.
    let before = std::fs::read(&curated_path).expect("read");
    harness.key_press(Key::CloseBracket);
    harness.run();
    harness.get_by_label("Use Ana's version").click();
    harness.run();
    harness.get_by_label("Save curated file").click();
    harness.run();
    assert!(
        harness
            .query_by_label("That file exists. Replace it with this curation?")
            .is_some()
    );
    harness.get_by_label("Keep it").click();
    harness.run();
    assert_eq!(std::fs::read(&curated_path).expect("read"), before);
    harness.get_by_label("Save curated file").click();
    harness.run();
    harness.get_by_label("Replace it").click();
    harness.run();
    let curated = format::load_file(&curated_path)
        .into_valid()
        .expect("valid");
    assert_eq!(
        curated
            .claims()
            .iter()
            .filter(|c| c.extra.contains_key(CURATED))
            .count(),
        2
    );
    // The reviewers' files are as they were.
    for path in [&ana, &ben] {
        assert!(format::load_file(path).into_valid().is_ok());
    }
}

#[test]
fn files_of_other_articles_are_refused_by_name() {
    let (dir, sample) = sample_copy();
    let ana = reviewer(&sample, dir.path(), "Ana", &[]);
    let other = dir.path().join("other.factmark.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/stats/two-reviewers/ana.factmark.json"),
        &other,
    )
    .expect("copy");
    let mut harness = harness(&sample);
    harness.state_mut().compare(&[ana, other]);
    // Read and merged in the background, off the UI thread.
    wait_for_jobs(&mut harness);
    let message = harness.state().message().expect("a message");
    assert!(message.is_error());
    assert!(
        message
            .text
            .contains("other.factmark.json: is not on the same text"),
        "{}",
        message.text
    );
    assert!(harness.query_by_label("Compare reviewers").is_none());
}

#[test]
fn the_confusion_grid_lists_a_cells_claims_and_the_editor_can_write_the_final_version() {
    let (dir, _, _, _, mut harness) = comparing();
    // Each reviewer's claims as a lane under the article (it is theirs).
    let lanes = super::views(&harness)
        .article
        .lanes
        .clone()
        .expect("lanes shown");
    assert_eq!(lanes.len(), 2);
    assert!(lanes.iter().all(|lane| lane.spans.len() == 11));
    harness.key_press(Key::CloseBracket);
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 2 of 2 (2 open)")
            .is_some()
    );

    // "three nuclear powers": Verified for Ana, Inaccurate for Ben.
    let cell = "ana.factmark.json: Verified, ben.factmark.json: Inaccurate: 1 units";
    harness.get_by_label(cell).scroll_to_me();
    harness.run();
    harness.get_by_label(cell).click();
    harness.run();
    assert!(
        harness
            .query_by_label("1 units: ana.factmark.json Verified, ben.factmark.json Inaccurate")
            .is_some()
    );
    // Below the fold of the window: scrolled to, as a reviewer would.
    harness
        .get_by_label("“three nuclear powers”")
        .scroll_to_me();
    harness.run();
    harness.get_by_label("“three nuclear powers”").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 1 of 2 (2 open)")
            .is_some(),
        "the listed claim's disagreement is shown"
    );

    // Neither version: the editor's own verdict and words.
    harness
        .get_by_label("Or write the final version:")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Disputed")
        .click();
    harness.run();
    let field = harness.get_by_label("Final rationale");
    field.focus();
    field.type_text("Two of the three are nuclear powers by treaty.");
    harness.run();
    harness.get_by_label("Use the final version").scroll_to_me();
    harness.run();
    harness.get_by_label("Use the final version").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 1 of 2 (1 open)")
            .is_some()
    );
    harness.get_by_label("Save curated file").click();
    harness.run();
    let stem = document(&harness).article.source_file_stem().to_owned();
    let curated = format::load_file(&dir.path().join(format!("{stem}.curated.factmark.json")))
        .into_valid()
        .expect("valid");
    let own: Vec<_> = curated
        .claims()
        .iter()
        .filter(|c| c.extra.get(CURATED).is_some_and(|v| v["own"] == true))
        .collect();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].verdict, Verdict::DISPUTED);
    assert_eq!(
        own[0].rationale,
        "Two of the three are nuclear powers by treaty."
    );
    assert_eq!(own[0].extra[CURATED]["by"], "tester");
    assert_eq!(curated.exact(own[0]), "three nuclear powers");
}

/// The curated file `comparing()` writes.
fn curated_path(
    harness: &egui_kittest::Harness<'static, factmark::gui::App>,
    dir: &Path,
) -> PathBuf {
    let stem = document(harness).article.source_file_stem().to_owned();
    dir.join(format!("{stem}.curated.factmark.json"))
}

#[test]
fn a_decision_can_be_reopened_and_decided_again() {
    let (dir, _, _, _, mut harness) = comparing();
    harness.get_by_label("Use Ben's version").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 1 of 2 (1 open)")
            .is_some()
    );
    assert!(harness.query_by_label("Use Ana's version").is_none());

    harness.get_by_label("Reopen").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 1 of 2 (2 open)")
            .is_some(),
        "undecided again"
    );
    harness.get_by_label("Use Ana's version").click();
    harness.run();
    harness.get_by_label("Save curated file").click();
    harness.run();
    let curated = format::load_file(&curated_path(&harness, dir.path()))
        .into_valid()
        .expect("valid");
    let picked: Vec<_> = curated
        .claims()
        .iter()
        .filter(|c| c.extra.contains_key(CURATED))
        .collect();
    assert_eq!(picked.len(), 1, "one decision, the second one");
    assert_eq!(picked[0].extra[CURATED]["by"], "Ana");
    assert_eq!(
        picked[0]
            .review
            .history
            .iter()
            .filter(|h| h.field == "curated")
            .count(),
        1,
        "the reopened decision left nothing behind"
    );
}

#[test]
fn a_half_written_final_version_stays_with_its_own_disagreement() {
    let (_dir, _, _, _, mut harness) = comparing();
    harness
        .get_by_label("Or write the final version:")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Disputed")
        .click();
    harness.run();
    let field = harness.get_by_label("Final rationale");
    field.focus();
    field.type_text("Only by one count.");
    harness.run();

    // Stepping on with the keyboard: the field leaves the keys first, as Esc does.
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::CloseBracket);
    harness.run();
    assert!(
        harness
            .query_by_label("Disagreement 2 of 2 (2 open)")
            .is_some()
    );
    assert_eq!(
        harness.get_by_label("Final rationale").value().as_deref(),
        Some(""),
        "the other disagreement starts blank"
    );
    assert!(
        harness
            .get_by_label("Use the final version")
            .accesskit_node()
            .is_disabled(),
        "and with no verdict chosen"
    );
    harness.key_press(Key::OpenBracket);
    harness.run();
    assert_eq!(
        harness.get_by_label("Final rationale").value().as_deref(),
        Some("Only by one count."),
        "what was written is still there"
    );
    assert!(
        !harness
            .get_by_label("Use the final version")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn closing_the_comparison_asks_about_decisions_not_saved() {
    let (_dir, _, _, _, mut harness) = comparing();
    // Nothing decided: it closes at once.
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(harness.query_by_label("Compare reviewers").is_none());

    let (dir, _, ana, ben, mut harness) = comparing();
    let curated = curated_path(&harness, dir.path());
    harness.get_by_label("Use Ben's version").click();
    harness.run();
    assert!(harness.query_by_label("1 decision not saved yet").is_some());
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(
        harness.query_by_label("Compare reviewers").is_some(),
        "kept open"
    );
    assert!(
        harness
            .query_by_label(
                "1 decision is not in the curated file yet. Save it before closing the \
                 comparison?"
            )
            .is_some()
    );
    harness.get_by_label("Keep comparing").click();
    harness.run();
    assert!(harness.query_by_label("Unsaved decisions").is_none());
    assert!(
        harness.query_by_label("Use Ben's version").is_none(),
        "still decided"
    );

    harness.get_by_label("Close window").click();
    harness.run();
    harness.get_by_label("Discard the decisions").click();
    harness.run();
    assert!(harness.query_by_label("Compare reviewers").is_none());
    assert!(!curated.exists(), "nothing written");
    assert!(!harness.state().closes(), "the app stays");

    // Save and close writes the decision first.
    harness.state_mut().compare(&[ana, ben]);
    wait_for_jobs(&mut harness);
    harness.get_by_label("Use Ben's version").click();
    harness.run();
    harness.get_by_label("Close window").click();
    harness.run();
    harness.get_by_label("Save and close").click();
    harness.run();
    assert!(harness.query_by_label("Compare reviewers").is_none());
    picked_bens_version(&format::load_file(&curated).into_valid().expect("valid"));
}

#[test]
fn quitting_with_decisions_not_saved_asks_and_saving_them_quits() {
    let (dir, _, _, _, mut harness) = comparing();
    let curated = curated_path(&harness, dir.path());
    // A curated file from before: saving asks before replacing it.
    std::fs::write(&curated, "an older curation").expect("write");
    harness.get_by_label("Use Ben's version").click();
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().request_close(&ctx);
    harness.run();
    assert!(!harness.state().closes(), "held by the question");
    assert!(
        harness
            .query_by_label_contains("Save it before closing factmark?")
            .is_some()
    );
    harness.get_by_label("Save and quit").click();
    harness.run();
    assert!(
        harness
            .query_by_label("That file exists. Replace it with this curation?")
            .is_some()
    );
    assert!(!harness.state().closes());
    assert_eq!(
        std::fs::read_to_string(&curated).expect("read"),
        "an older curation",
        "not replaced unasked"
    );
    harness.get_by_label("Replace it").click();
    harness.run();
    picked_bens_version(&format::load_file(&curated).into_valid().expect("valid"));
    assert!(harness.state().closes(), "then factmark closes");
}
