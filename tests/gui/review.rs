//! Review in the inspector: status by keys and buttons (with the reason changes need), the
//! claim list's status filter, next claim needing review, comments (add, resolve, delete
//! one's own only) and the history view.

use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::gui::App;
use factmark::model::{ClaimId, Comment, Stamp, State};

use super::{document, harness, sample_copy, views};

fn state(harness: &Harness<'_, App>, id: &ClaimId) -> State {
    document(harness)
        .claim(id)
        .expect("claim")
        .review
        .status
        .state
}

/// The sample open and its "three nuclear powers" claim selected from the list.
fn selected(path: &std::path::Path) -> (Harness<'static, App>, ClaimId) {
    let mut harness = harness(path);
    harness
        .get_by_label_contains("three nuclear powers")
        .click();
    harness.run();
    let id = views(&harness).selected.clone().expect("selected");
    (harness, id)
}

#[test]
fn status_keys_and_buttons_move_a_claim_through_review_and_undo_takes_it_back() {
    let (_dir, path) = sample_copy();
    let (mut harness, id) = selected(&path);
    assert_eq!(state(&harness, &id), State::Draft);

    harness.key_press(Key::R);
    harness.run();
    assert_eq!(state(&harness, &id), State::InReview);
    let status = document(&harness)
        .claim(&id)
        .expect("claim")
        .review
        .status
        .clone();
    assert_eq!(status.stamp.expect("stamped").by, "tester");
    assert!(
        harness
            .query_by_label_contains("Status: In review — tester")
            .is_some()
    );

    harness.key_press(Key::A);
    harness.run();
    assert_eq!(state(&harness, &id), State::Approved);

    // Request changes asks why; with nothing written it cannot be sent.
    harness.key_press(Key::C);
    harness.run();
    harness.run();
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "What should change?");
    assert!(field.is_focused(), "the reason field takes the keyboard");
    harness.get_by_label("Request changes").click();
    harness.run();
    assert_eq!(
        state(&harness, &id),
        State::Approved,
        "no reason, no request"
    );
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "What should change?");
    field.focus();
    field.type_text("Cite the 2024 census, not 2019.");
    harness.run();
    harness.get_by_label("Request changes").click();
    harness.run();
    let status = document(&harness)
        .claim(&id)
        .expect("claim")
        .review
        .status
        .clone();
    assert_eq!(status.state, State::ChangesRequested);
    assert_eq!(status.reason, "Cite the 2024 census, not 2019.");

    // Each step is in the claim's history, oldest first.
    let history: Vec<String> = document(&harness)
        .claim(&id)
        .expect("claim")
        .review
        .history
        .iter()
        .filter(|e| e.field == "status")
        .map(factmark::model::HistoryEntry::summary)
        .collect();
    assert_eq!(
        history,
        [
            "status: draft → in_review",
            "status: in_review → approved",
            "status: approved → changes_requested"
        ]
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        state(&harness, &id),
        State::Approved,
        "undo takes back one step"
    );
    harness.get_by_label("Back to draft").click();
    harness.run();
    assert_eq!(state(&harness, &id), State::Draft);
}

#[test]
fn the_list_filters_by_status_and_shift_n_steps_to_the_next_claim_needing_review() {
    let (_dir, path) = sample_copy();
    let (mut harness, id) = selected(&path);
    harness.key_press(Key::R);
    harness.run();
    // Away from it, then Shift+N comes back to the one claim in review.
    harness.key_press(Key::J);
    harness.run();
    assert_ne!(views(&harness).selected.as_ref(), Some(&id));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::N);
    harness.run();
    assert_eq!(views(&harness).selected.as_ref(), Some(&id));

    assert!(
        harness
            .query_all_by_label_contains("most isolated regimes")
            .count()
            > 0,
        "listed before the filter"
    );
    let status_filter =
        harness.get_by_role_and_label(Role::ComboBox, "Show only claims in this review status");
    assert_eq!(status_filter.value().as_deref(), Some("Any status"));
    status_filter.click();
    harness.run();
    harness.get_by_label("Needs review").click();
    harness.run();
    harness.run();
    let session = harness.state().session().expect("open");
    let shown: Vec<ClaimId> = session
        .views
        .filter
        .rows(session.document())
        .into_iter()
        .map(|i| session.document().claims()[i].id.clone())
        .collect();
    assert_eq!(shown, std::slice::from_ref(&id));
    assert_eq!(
        session.views.filter.status,
        factmark::model::StatusFilter::NeedsReview
    );
    // The list shows that one row only.
    assert!(
        harness
            .query_all_by_label_contains("three nuclear powers")
            .count()
            > 0
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("most isolated regimes")
            .count(),
        0
    );
}

#[test]
fn comments_are_added_resolved_and_only_ones_own_deleted_and_the_history_shows_it() {
    let (_dir, path) = sample_copy();
    let (mut harness, id) = selected(&path);
    // Another reviewer's comment, already in the file.
    {
        let stamp = Stamp::new("Ed", chrono::DateTime::UNIX_EPOCH);
        let session = harness.state_mut().session_mut().expect("open");
        let change = factmark::edit::Change::AddComment {
            id: id.clone(),
            index: 0,
            comment: Comment::new("Which source says three?", &stamp),
        };
        session
            .apply(factmark::edit::Edit::new(change, stamp))
            .expect("applies");
    }
    harness.run();
    assert!(
        harness.query_by_label("Delete").is_none(),
        "Ed's, not ours to delete"
    );

    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "New comment");
    field.focus();
    field.type_text("The guest list names three.");
    harness.run();
    harness.get_by_label("Add comment").click();
    harness.run();
    let comments = document(&harness)
        .claim(&id)
        .expect("claim")
        .review
        .comments
        .clone();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[1].by, "tester");
    assert_eq!(comments[1].text, "The guest list names three.");
    assert_eq!(harness.query_all_by_label("Delete").count(), 1, "ours only");

    // Resolve Ed's, the first.
    harness
        .query_all_by_label("Resolve")
        .next()
        .expect("a Resolve button")
        .click();
    harness.run();
    assert!(
        document(&harness)
            .claim(&id)
            .expect("claim")
            .review
            .comments[0]
            .resolved
    );
    assert_eq!(harness.query_all_by_label("Reopen").count(), 1);

    harness.get_by_label("Delete").click();
    harness.run();
    let comments = &document(&harness)
        .claim(&id)
        .expect("claim")
        .review
        .comments;
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].by, "Ed");

    // The history, newest first, tells it all.
    harness.get_by_label_contains("History (").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("tester · comments: resolved “Which source says three?”")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("tester · comments: “The guest list names three.” removed")
            .is_some()
    );
}
