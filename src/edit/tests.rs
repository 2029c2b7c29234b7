use proptest::prelude::*;

use super::*;
use crate::model::{Article, Clock, FixedClock, State, rules};
use crate::text::{Quote, Text};

fn clock() -> FixedClock {
    FixedClock(
        chrono::DateTime::parse_from_rfc3339("2026-11-25T11:41:00Z")
            .expect("time")
            .with_timezone(&chrono::Utc),
    )
}

fn later() -> Stamp {
    Stamp::new(
        "bob",
        chrono::DateTime::parse_from_rfc3339("2026-11-26T09:00:00Z")
            .expect("time")
            .with_timezone(&chrono::Utc),
    )
}

fn document() -> Document {
    Document::new(Article::new(Text::new("Kim met Putin in 北京.".to_owned())))
}

fn claim(start: usize, end: usize) -> Claim {
    Claim::new(start, end, Verdict::UNREVIEWED, clock().stamp("alice"))
}

fn edit(change: Change) -> Edit {
    Edit::new(change, later())
}

fn source(url: &str) -> Source {
    rules::source(
        &rules::SourceFields {
            url,
            ..rules::SourceFields::default()
        },
        crate::model::Extra::new(),
    )
    .expect("a valid source")
}

/// A document with one claim (with a source, and no `modified` stamp, as another tool may
/// write it) and a title.
fn base() -> (Document, ClaimId) {
    let mut doc = document();
    doc.article.title = "Parade".to_owned();
    let mut c = claim(0, 3);
    c.sources.push(source("https://a.example/1"));
    c.modified = None;
    let id = c.id.clone();
    doc.insert_claim(c).expect("valid");
    (doc, id)
}

/// One of every kind of change, on `base`.
fn every_change(id: &ClaimId) -> Vec<Change> {
    let id = id.clone();
    vec![
        Change::InsertClaim {
            claim: Box::new(claim(8, 13)),
        },
        Change::DeleteClaim { id: id.clone() },
        Change::SetVerdict {
            id: id.clone(),
            verdict: Verdict::INACCURATE,
        },
        Change::SetRationale {
            id: id.clone(),
            rationale: "Checked.".to_owned(),
        },
        Change::AddSource {
            id: id.clone(),
            index: 1,
            source: source("https://b.example/2"),
        },
        Change::AddSource {
            id: id.clone(),
            index: 0,
            source: source("https://b.example/0"),
        },
        Change::ChangeSource {
            id: id.clone(),
            index: 0,
            source: source("https://c.example/changed"),
        },
        Change::RemoveSource {
            id: id.clone(),
            index: 0,
        },
        Change::SetStatus {
            id: id.clone(),
            status: Status::new(State::ChangesRequested, "Cite the ministry.", later()),
        },
        Change::AddComment {
            id: id.clone(),
            index: 0,
            comment: Comment::new("Which parade?", &later()),
        },
        Change::SetRange {
            id,
            start: 4,
            end: 7,
        },
        Change::SetTitle {
            title: "Parade in 北京".to_owned(),
        },
        Change::SetUrl {
            url: "https://news.example/123".to_owned(),
        },
        Change::SetMeta {
            meta: crate::text::Meta {
                author: "Jane Doe".to_owned(),
                publisher: "Metro Daily".to_owned(),
                published: "2026-03-04".to_owned(),
                modified: String::new(),
                canonical_url: "https://metro.example/a".to_owned(),
                lang: "zh".to_owned(),
            },
        },
    ]
}

#[test]
fn every_kind_of_edit_has_an_exact_inverse() {
    let (original, id) = base();
    for change in every_change(&id) {
        let mut doc = original.clone();
        let inverse = edit(change.clone())
            .apply(&mut doc)
            .unwrap_or_else(|e| panic!("{change:?}: {e}"));
        assert_ne!(doc, original, "{change:?} changed nothing");
        inverse.apply(&mut doc).expect("the inverse applies");
        assert_eq!(doc, original, "{change:?} then its inverse");
    }
}

#[test]
fn a_claim_change_sets_modified_and_leaves_created() {
    let (mut doc, id) = base();
    let created = doc.claim(&id).expect("claim").created.clone();
    edit(Change::SetVerdict {
        id: id.clone(),
        verdict: Verdict::VERIFIED,
    })
    .apply(&mut doc)
    .expect("applies");
    let claim = doc.claim(&id).expect("claim");
    assert_eq!(claim.modified, Some(later()));
    assert_eq!(claim.created, created);
}

#[test]
fn edits_survive_a_round_trip_through_json() {
    let (_, id) = base();
    for change in every_change(&id) {
        let edit = edit(change);
        let json = serde_json::to_string(&edit).expect("serialises");
        let back: Edit = serde_json::from_str(&json).expect(&json);
        assert_eq!(back, edit, "{json}");
    }
    let json = serde_json::to_value(edit(Change::SetVerdict {
        id: id.clone(),
        verdict: Verdict::DISPUTED,
    }))
    .expect("json");
    assert_eq!(json["change"], "set_verdict");
    assert_eq!(json["verdict"], "disputed");
    assert_eq!(json["id"], id.as_str());
    assert_eq!(json["stamp"]["by"], "bob");
}

#[test]
fn a_refused_edit_changes_nothing() {
    let (original, id) = base();
    let mut doc = original.clone();
    let refused = [
        Change::InsertClaim {
            claim: Box::new(claim(5, 500)),
        },
        Change::InsertClaim {
            claim: Box::new(claim(3, 3)),
        },
        Change::DeleteClaim {
            id: ClaimId::random(),
        },
        Change::SetVerdict {
            id: ClaimId::random(),
            verdict: Verdict::VERIFIED,
        },
        Change::AddSource {
            id: id.clone(),
            index: 5,
            source: source("https://x.example"),
        },
        Change::ChangeSource {
            id: id.clone(),
            index: 1,
            source: source("https://x.example"),
        },
        Change::RemoveSource {
            id: id.clone(),
            index: 1,
        },
        Change::SetRange {
            id: id.clone(),
            start: 4,
            end: 4,
        },
        Change::SetRange {
            id,
            start: 0,
            end: 99,
        },
        Change::SetUrl {
            url: "javascript:alert(1)".to_owned(),
        },
        Change::SetMeta {
            meta: crate::text::Meta {
                author: "Someone".to_owned(),
                canonical_url: "file:///etc/passwd".to_owned(),
                ..crate::text::Meta::default()
            },
        },
    ];
    for change in refused {
        assert!(edit(change.clone()).apply(&mut doc).is_err(), "{change:?}");
        assert_eq!(
            doc, original,
            "{change:?} was refused but changed the document"
        );
    }
    let mut history = History::new();
    assert!(
        history
            .apply(
                &mut doc,
                edit(Change::InsertClaim {
                    claim: Box::new(claim(3, 3))
                })
            )
            .is_err()
    );
    assert!(!history.is_dirty() && !history.can_undo());
}

#[test]
fn undo_and_redo_walk_the_whole_history() {
    let (mut doc, id) = base();
    let mut history = History::new();
    let mut states = vec![doc.clone()];
    for change in every_change(&id).into_iter().skip(2) {
        history.apply(&mut doc, edit(change)).expect("applies");
        states.push(doc.clone());
    }
    assert_eq!(history.undo_label(), Some("Article details"));
    for expected in states.iter().rev().skip(1) {
        assert!(history.undo(&mut doc).is_some());
        assert_eq!(&doc, expected);
    }
    assert!(!history.can_undo());
    assert!(!history.is_dirty(), "back at the loaded state");
    for expected in states.iter().skip(1) {
        history.redo(&mut doc);
        assert_eq!(&doc, expected);
    }
    assert!(!history.can_redo());
    assert!(history.is_dirty());
}

#[test]
fn typing_in_one_field_is_one_undo_step() {
    let (mut doc, id) = base();
    let mut history = History::new();
    let rationale = |text: &str| {
        edit(Change::SetRationale {
            id: id.clone(),
            rationale: text.to_owned(),
        })
    };
    for text in ["S", "Se", "See", "Seen"] {
        history.apply(&mut doc, rationale(text)).expect("type");
    }
    // Another field in between ends the run.
    history
        .apply(
            &mut doc,
            edit(Change::SetTitle {
                title: "T".to_owned(),
            }),
        )
        .expect("title");
    history.apply(&mut doc, rationale("Seen it")).expect("type");
    history.seal();
    history
        .apply(&mut doc, rationale("Seen it."))
        .expect("type after seal");

    let current = |doc: &Document| doc.claim(&id).expect("c").rationale.clone();
    history.undo(&mut doc);
    assert_eq!(current(&doc), "Seen it");
    history.undo(&mut doc);
    assert_eq!(current(&doc), "Seen");
    history.undo(&mut doc);
    assert_eq!(doc.article.title, "Parade");
    history.undo(&mut doc);
    assert_eq!(current(&doc), "", "one step for the whole run");
    assert!(!history.can_undo());
}

#[test]
fn several_edits_can_be_one_step_all_or_none() {
    let (original, _) = base();
    let mut doc = original.clone();
    let mut history = History::new();
    let title = edit(Change::SetTitle {
        title: "New".to_owned(),
    });
    let url = |url: &str| {
        edit(Change::SetUrl {
            url: url.to_owned(),
        })
    };
    history
        .apply_all(
            &mut doc,
            vec![title.clone(), url("https://n.example/")],
            "Properties",
        )
        .expect("applies");
    assert_eq!(doc.article.title, "New");
    assert_eq!(doc.article.url, "https://n.example/");
    assert_eq!(history.undo_label(), Some("Properties"));
    history.undo(&mut doc);
    assert_eq!(doc, original, "one undo for both");
    history.redo(&mut doc);
    assert_eq!(doc.article.url, "https://n.example/");
    // A refused edit in the group leaves the document as it was, the title included.
    let before = doc.clone();
    let refused = history.apply_all(&mut doc, vec![title, url("ftp://x")], "Properties");
    assert!(refused.is_err());
    assert_eq!(doc, before);
    assert_eq!(history.undo_label(), Some("Properties"));
}

#[test]
fn verdict_clicks_are_steps_of_their_own() {
    let (mut doc, id) = base();
    let mut history = History::new();
    for verdict in [Verdict::VERIFIED, Verdict::DISPUTED] {
        history
            .apply(
                &mut doc,
                edit(Change::SetVerdict {
                    id: id.clone(),
                    verdict,
                }),
            )
            .expect("applies");
    }
    history.undo(&mut doc);
    assert_eq!(doc.claim(&id).expect("c").verdict, Verdict::VERIFIED);
}

#[test]
fn dirty_is_derived_from_the_saved_revision() {
    let mut doc = document();
    let mut history = History::new();
    assert!(!history.is_dirty());
    let insert = |start, end| {
        edit(Change::InsertClaim {
            claim: Box::new(claim(start, end)),
        })
    };
    history.apply(&mut doc, insert(0, 3)).expect("1");
    assert!(history.is_dirty());
    history.mark_saved(history.revision());
    assert!(!history.is_dirty());
    history.undo(&mut doc);
    assert!(history.is_dirty(), "undo past the save");
    history.redo(&mut doc);
    assert!(!history.is_dirty(), "redo back to the saved state");
    history.undo(&mut doc);
    history.apply(&mut doc, insert(4, 7)).expect("2");
    assert!(history.is_dirty(), "a new branch is never the saved state");
    assert!(!history.can_redo());
}

/// A change picked by numbers, valid or not for the document at hand.
fn arbitrary_change(doc: &Document, pick: (u8, usize, usize, usize)) -> Change {
    let (kind, a, b, c) = pick;
    let ids: Vec<ClaimId> = doc.claims().iter().map(|c| c.id.clone()).collect();
    let id = ids
        .get(a % (ids.len() + 1))
        .cloned()
        .unwrap_or_else(ClaimId::random);
    let len = doc.text().len_chars();
    let (start, end) = (b % (len + 2), c % (len + 2));
    match kind % 13 {
        0 => Change::InsertClaim {
            claim: Box::new(claim(start, end)),
        },
        1 => Change::DeleteClaim { id },
        2 => Change::SetVerdict {
            id,
            verdict: crate::model::Scale::default_ref()
                .verdicts()
                .nth(b % 4)
                .cloned()
                .unwrap_or_default(),
        },
        3 => Change::SetRationale {
            id,
            rationale: "x".repeat(b % 5),
        },
        4 => Change::AddSource {
            id,
            index: b % 3,
            source: source(&format!("https://s.example/{c}")),
        },
        5 => Change::ChangeSource {
            id,
            index: b % 3,
            source: source(&format!("https://t.example/{c}")),
        },
        6 => Change::RemoveSource { id, index: b % 3 },
        7 => Change::SetRange { id, start, end },
        8 => Change::SetTitle {
            title: "t".repeat(b % 4),
        },
        9 => Change::SetStatus {
            id,
            status: Status::new(
                State::ALL[b % 4],
                if c % 2 == 0 { "" } else { "why" },
                later(),
            ),
        },
        10 => Change::AddComment {
            id,
            index: b % 3,
            comment: Comment::new("c", &later()),
        },
        11 => Change::RemoveComment { id, index: b % 3 },
        _ => Change::SetUrl {
            url: if b % 2 == 0 {
                String::new()
            } else {
                format!("https://u.example/{c}")
            },
        },
    }
}

proptest! {
    /// Any sequence of edits, each followed by its inverse, leaves the document as it was;
    /// and undoing a whole history returns to the start, redoing it to the end.
    #[test]
    fn any_edit_then_its_inverse_restores_the_document(
        picks in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()), 1..40)
    ) {
        let (mut doc, _) = base();
        let mut history = History::new();
        let start = doc.clone();
        for pick in picks {
            let change = arbitrary_change(&doc, pick);
            let before = doc.clone();
            if let Ok(inverse) = edit(change.clone()).apply(&mut doc) {
                {
                    let after = doc.clone();
                    inverse.apply(&mut doc).expect("an inverse always applies");
                    prop_assert_eq!(&doc, &before, "{:?}", change);
                    doc = after;
                    // The same change through the history, on the state before it.
                    let mut replay = before;
                    let mut h = history.clone();
                    h.apply(&mut replay, edit(change)).expect("applies again");
                    prop_assert_eq!(&replay, &doc);
                    history = h;
                }
            } else {
                prop_assert_eq!(&doc, &before);
            }
        }
        let end = doc.clone();
        while history.undo(&mut doc).is_some() {}
        prop_assert_eq!(&doc, &start);
        while history.redo(&mut doc).is_some() {}
        prop_assert_eq!(&doc, &end);
    }
}

fn orphaned(document: &mut Document, start: usize, end: usize) -> ClaimId {
    let c = claim(start, end);
    let id = c.id.clone();
    let quote = document.text().quote(start..end, 32).expect("quote");
    let orphan = Orphan::from_claim(c, quote, document.text().sha256());
    let at = document.orphans().len();
    document.insert_orphan(at, orphan).expect("orphan");
    id
}

#[test]
fn an_orphan_is_re_attached_and_detached_exactly() {
    let mut doc = document();
    let id = orphaned(&mut doc, 0, 3);
    let before = doc.clone();
    let mut history = History::new();
    let attach = edit(Change::AttachOrphan {
        id: id.clone(),
        start: 4,
        end: 7,
    });
    history.apply(&mut doc, attach).expect("attaches");
    assert!(doc.orphans().is_empty());
    let claim = doc.claim(&id).expect("a claim again");
    assert_eq!((claim.start, claim.end, doc.exact(claim)), (4, 7, "met"));
    assert_eq!(claim.modified, Some(later()));
    assert_eq!(history.undo_label(), Some("Re-attach claim"));
    history.undo(&mut doc).expect("undoes");
    assert_eq!(doc, before);
    history.redo(&mut doc).expect("redoes");
    assert_eq!(doc.claim(&id).map(|c| c.start), Some(4));

    // An id can be a claim or an orphan, never both.
    let taken = doc.claims()[0].id.clone();
    let mut twin = doc.orphan(&id).cloned();
    assert!(twin.is_none());
    twin = Some(Orphan::from_claim(claim_with(taken), Quote::default(), ""));
    let refused = edit(Change::InsertOrphan {
        index: 0,
        orphan: Box::new(twin.expect("twin")),
    })
    .apply(&mut doc.clone());
    assert!(matches!(
        refused,
        Err(EditError::Claim(ClaimError::DuplicateId(_)))
    ));
    // Attaching outside the text leaves the orphan where it was.
    let mut doc = before.clone();
    let bad = edit(Change::AttachOrphan {
        id: id.clone(),
        start: 4,
        end: 99,
    })
    .apply(&mut doc);
    assert!(bad.is_err());
    assert_eq!(doc, before);
}

fn claim_with(id: ClaimId) -> Claim {
    Claim { id, ..claim(0, 1) }
}

#[test]
fn deleting_an_orphan_is_undone_in_place() {
    let mut doc = document();
    let first = orphaned(&mut doc, 0, 3);
    orphaned(&mut doc, 4, 7);
    let before = doc.clone();
    let mut history = History::new();
    history
        .apply(&mut doc, edit(Change::DeleteOrphan { id: first.clone() }))
        .expect("deletes");
    assert_eq!(doc.orphans().len(), 1);
    history.undo(&mut doc).expect("undoes");
    assert_eq!(doc, before);
    assert_eq!(doc.orphans()[0].id, first);
}

#[test]
fn a_new_text_with_its_claims_is_one_undoable_change() {
    let mut doc = document();
    doc.insert_claim(claim(0, 3)).expect("claim");
    let before = doc.clone();
    let new = std::sync::Arc::new(Text::new("Yesterday Kim met Putin.".to_owned()));
    let moved = Claim {
        start: 10,
        end: 13,
        ..doc.claims()[0].clone()
    };
    let mut history = History::new();
    let change = Change::ReplaceText {
        text: new.clone(),
        source_file: "v2.txt".to_owned(),
        claims: vec![moved],
        orphans: Vec::new(),
    };
    history.apply(&mut doc, edit(change)).expect("replaces");
    assert_eq!(doc.text().as_str(), "Yesterday Kim met Putin.");
    assert_eq!(doc.exact(&doc.claims()[0]), "Kim");
    assert_eq!(doc.article.source_file, "v2.txt");
    assert_eq!(history.undo_label(), Some("Update text"));
    history.undo(&mut doc).expect("undoes");
    assert_eq!(doc, before);

    // A claim past the new text's end refuses the whole change.
    let bad = Change::ReplaceText {
        text: std::sync::Arc::new(Text::new("Kim".to_owned())),
        source_file: String::new(),
        claims: vec![claim(0, 9)],
        orphans: Vec::new(),
    };
    assert!(history.apply(&mut doc, edit(bad)).is_err());
    assert_eq!(doc, before);

    // The change travels through the journal's JSON and back.
    let json = serde_json::to_string(&edit(Change::ReplaceText {
        text: new,
        source_file: String::new(),
        claims: Vec::new(),
        orphans: Vec::new(),
    }))
    .expect("json");
    let back: Edit = serde_json::from_str(&json).expect("back");
    assert!(
        matches!(back.change, Change::ReplaceText { text, .. } if text.as_str() == "Yesterday Kim met Putin.")
    );
}

#[test]
fn changing_the_scale_maps_every_verdict_in_one_edit_and_undo_restores_them() {
    let mut doc = document();
    let mut verified = claim(0, 3);
    verified.verdict = Verdict::VERIFIED;
    let mut inaccurate = claim(4, 7);
    inaccurate.verdict = Verdict::INACCURATE;
    let open = claim(8, 13);
    let ids = [verified.id.clone(), inaccurate.id.clone(), open.id.clone()];
    for c in [verified, inaccurate, open] {
        doc.insert_claim(c).expect("valid");
    }
    let before = doc.clone();
    let meter = crate::model::Scale::preset("truth-o-meter").expect("preset");
    let change = Change::SetScale {
        scale: Some(meter.clone()),
        verdicts: vec![
            (ids[0].clone(), Verdict::new("true")),
            (ids[1].clone(), Verdict::new("pants-on-fire")),
        ],
    };
    let inverse = edit(change).apply(&mut doc).expect("applies");
    assert_eq!(doc.own_scale(), Some(&meter));
    let verdicts: Vec<&str> = doc.claims().iter().map(|c| c.verdict.as_str()).collect();
    assert_eq!(verdicts, ["true", "pants-on-fire", "unreviewed"]);
    // The claims' own stamps are not touched: the scale is the article's.
    assert_eq!(doc.claims()[0].modified, before.claims()[0].modified);
    inverse.apply(&mut doc).expect("undoes");
    assert_eq!(doc, before);
}

#[test]
fn a_scale_change_that_leaves_a_verdict_off_the_new_scale_changes_nothing() {
    let mut doc = document();
    let mut c = claim(0, 3);
    c.verdict = Verdict::DISPUTED;
    doc.insert_claim(c).expect("valid");
    let before = doc.clone();
    let meter = crate::model::Scale::preset("truth-o-meter").expect("preset");
    let unmapped = Change::SetScale {
        scale: Some(meter.clone()),
        verdicts: Vec::new(),
    };
    assert!(matches!(
        edit(unmapped).apply(&mut doc),
        Err(EditError::Claim(ClaimError::NotALevel { .. }))
    ));
    let id = doc.claims()[0].id.clone();
    let off_scale = Change::SetScale {
        scale: Some(meter),
        verdicts: vec![(id.clone(), Verdict::VERIFIED)],
    };
    assert!(edit(off_scale).apply(&mut doc).is_err());
    let mut broken = crate::model::Scale::factmark();
    broken.levels[1].rating = Some(3);
    let bad_scale = Change::SetScale {
        scale: Some(broken),
        verdicts: Vec::new(),
    };
    assert!(edit(bad_scale).apply(&mut doc).is_err());
    // And a claim cannot be given a verdict off the scale by any other edit.
    let off = Change::SetVerdict {
        id,
        verdict: Verdict::new("true"),
    };
    assert!(edit(off).apply(&mut doc).is_err());
    assert_eq!(doc, before);
}

fn stamp_at(by: &str, minute: u32) -> Stamp {
    Stamp::new(
        by,
        chrono::DateTime::parse_from_rfc3339(&format!("2026-12-03T10:{minute:02}:00Z"))
            .expect("time")
            .with_timezone(&chrono::Utc),
    )
}

fn entries(doc: &Document, id: &ClaimId) -> Vec<String> {
    let claim = doc.claim(id).expect("claim");
    claim
        .review
        .history
        .iter()
        .map(|e| format!("{} {} {}", e.at.format("%H:%M"), e.by, e.summary()))
        .collect()
}

#[test]
fn every_change_to_a_claims_field_is_written_to_its_history_with_who_and_when() {
    let (mut doc, id) = base();
    let changes = [
        Change::SetVerdict {
            id: id.clone(),
            verdict: Verdict::DISPUTED,
        },
        Change::SetStatus {
            id: id.clone(),
            status: Status::new(State::InReview, "", stamp_at("ann", 2)),
        },
        Change::AddSource {
            id: id.clone(),
            index: 1,
            source: source("https://b.example/2"),
        },
        Change::ChangeSource {
            id: id.clone(),
            index: 0,
            source: source("https://c.example/3"),
        },
        Change::RemoveSource {
            id: id.clone(),
            index: 1,
        },
        Change::SetRange {
            id: id.clone(),
            start: 4,
            end: 9,
        },
        Change::AddComment {
            id: id.clone(),
            index: 0,
            comment: Comment::new("Which parade?", &stamp_at("ann", 7)),
        },
        Change::RemoveComment {
            id: id.clone(),
            index: 0,
        },
    ];
    for (minute, change) in (1..).zip(changes) {
        Edit::new(change, stamp_at("ann", minute))
            .apply(&mut doc)
            .expect("applies");
    }
    assert_eq!(
        entries(&doc, &id),
        [
            "10:01 ann verdict: unreviewed → disputed",
            "10:02 ann status: draft → in_review",
            "10:03 ann sources: https://b.example/2",
            "10:04 ann sources: https://a.example/1 → https://c.example/3",
            "10:05 ann sources: https://b.example/2 removed",
            "10:06 ann range: 0–3 → 4–9",
            "10:07 ann comments: “Which parade?”",
            "10:08 ann comments: “Which parade?” removed",
        ]
    );
}

#[test]
fn a_run_of_typing_is_one_history_entry_and_undo_takes_entries_back_exactly() {
    let (mut doc, id) = base();
    let mut history = History::new();
    for (minute, text) in (1..).zip(["S", "Se", "See"]) {
        history
            .apply(
                &mut doc,
                Edit::new(
                    Change::SetRationale {
                        id: id.clone(),
                        rationale: text.to_owned(),
                    },
                    stamp_at("ann", minute),
                ),
            )
            .expect("type");
    }
    assert_eq!(entries(&doc, &id), ["10:03 ann rationale: edited"]);
    history
        .apply(
            &mut doc,
            Edit::new(
                Change::SetVerdict {
                    id: id.clone(),
                    verdict: Verdict::VERIFIED,
                },
                stamp_at("ann", 9),
            ),
        )
        .expect("verdict");
    let done = doc.clone();
    history.undo(&mut doc);
    assert_eq!(
        entries(&doc, &id),
        ["10:03 ann rationale: edited"],
        "undo removes the entry, it does not add one"
    );
    history.undo(&mut doc);
    assert!(entries(&doc, &id).is_empty());
    history.redo(&mut doc);
    history.redo(&mut doc);
    assert_eq!(doc, done, "redo restores the history exactly");
}

#[test]
fn changes_requested_needs_a_reason_and_a_refusal_changes_nothing() {
    let (mut doc, id) = base();
    let before = doc.clone();
    let error = edit(Change::SetStatus {
        id: id.clone(),
        status: Status::new(State::ChangesRequested, "  ", later()),
    })
    .apply(&mut doc)
    .expect_err("refused");
    assert!(error.to_string().contains("needs a reason"), "{error}");
    assert_eq!(doc, before);
    edit(Change::SetStatus {
        id: id.clone(),
        status: Status::new(State::ChangesRequested, "Cite the ministry.", later()),
    })
    .apply(&mut doc)
    .expect("with a reason");
    let status = &doc.claim(&id).expect("claim").review.status;
    assert_eq!(status.state, State::ChangesRequested);
    assert_eq!(status.reason, "Cite the ministry.");
    assert_eq!(status.stamp, Some(later()));
}

#[test]
fn a_comment_is_added_resolved_and_deleted_and_each_is_undone() {
    let (mut doc, id) = base();
    let mut history = History::new();
    let comment = Comment::new("Which parade?", &stamp_at("ann", 1));
    let mut states = vec![doc.clone()];
    let mut resolved = comment.clone();
    resolved.resolved = true;
    for change in [
        Change::AddComment {
            id: id.clone(),
            index: 0,
            comment,
        },
        Change::ChangeComment {
            id: id.clone(),
            index: 0,
            comment: resolved,
        },
        Change::RemoveComment {
            id: id.clone(),
            index: 0,
        },
    ] {
        history
            .apply(&mut doc, Edit::new(change, stamp_at("ann", 5)))
            .expect("applies");
        states.push(doc.clone());
    }
    assert!(states[2].claim(&id).expect("claim").review.comments[0].resolved);
    assert!(doc.claim(&id).expect("claim").review.comments.is_empty());
    assert_eq!(entries(&doc, &id).len(), 3);
    assert_eq!(
        entries(&states[2], &id)[1],
        "10:05 ann comments: resolved “Which parade?”"
    );
    for expected in states.iter().rev().skip(1) {
        history.undo(&mut doc);
        assert_eq!(&doc, expected);
    }
    let missing = edit(Change::RemoveComment { id, index: 0 }).apply(&mut doc);
    assert!(missing.is_err(), "no comment 1 to delete");
}
