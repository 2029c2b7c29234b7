use super::*;
use crate::edit::Change;
use crate::model::{Article, Claim, Clock as _, FixedClock, Stamp, Verdict};
use crate::text::Text;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

fn stamp() -> Stamp {
    FixedClock(at("2026-12-01T10:00:00Z")).stamp("alice")
}

fn base() -> Document {
    let mut doc = Document::new(Article::new(Text::new(
        "Kim met Putin in 北京 on 3 September.".to_owned(),
    )));
    doc.insert_claim(Claim::new(0, 3, Verdict::UNREVIEWED, stamp()))
        .expect("valid");
    doc
}

/// A journal with three entries: a new claim, its verdict, and an undo of the verdict
/// (as the inverse edits that were applied).
fn written(root: &Path) -> (PathBuf, Document, Document) {
    let base = base();
    let file = root.join("a.factmark.json");
    let dir = new_dir(root, Some(&file));
    let header = Header::new(Some(file), None, at("2026-12-01T10:00:00Z"));
    let mut journal = Journal::create(dir.clone(), &header, &base).expect("created");
    let mut doc = base.clone();
    let claim = Claim::new(17, 19, Verdict::UNREVIEWED, stamp());
    let id = claim.id.clone();
    let insert = Edit::new(
        Change::InsertClaim {
            claim: Box::new(claim),
        },
        stamp(),
    );
    let verdict = Edit::new(
        Change::SetVerdict {
            id,
            verdict: Verdict::DISPUTED,
        },
        stamp(),
    );
    for entry in [vec![insert], vec![verdict]] {
        let mut inverses = Vec::new();
        for edit in &entry {
            inverses.push(edit.clone().apply(&mut doc).expect("applies"));
        }
        journal
            .append(&entry, at("2026-12-01T10:01:00Z"))
            .expect("appended");
        if entry.len() == 1 && matches!(entry[0].change, Change::SetVerdict { .. }) {
            // Undo of the verdict: its inverse, applied and journaled like any change.
            let undo = inverses;
            for edit in &undo {
                edit.clone().apply(&mut doc).expect("undo applies");
            }
            journal
                .append(&undo, at("2026-12-01T10:02:00Z"))
                .expect("appended");
        }
    }
    (dir, base, doc)
}

#[test]
fn a_journal_replays_onto_its_base_to_the_document_as_it_was() {
    let root = tempfile::tempdir().expect("tempdir");
    let (dir, base, expected) = written(root.path());
    let recovered = read(&dir).expect("read");
    assert_eq!(recovered.entries.len(), 3);
    assert_eq!(recovered.damage, None);
    assert_eq!(recovered.base, base);
    let (document, applied, problem) = replay(&recovered);
    assert!(problem.is_none(), "{problem:?}");
    assert_eq!(applied.len(), 3);
    assert_eq!(document, expected);
    assert_eq!(document.claims().len(), 2);
    assert!(
        document
            .claims()
            .iter()
            .all(|c| c.verdict == Verdict::UNREVIEWED)
    );
}

#[test]
fn journals_are_found_by_the_file_they_belong_to_newest_first() {
    let root = tempfile::tempdir().expect("tempdir");
    let (dir, ..) = written(root.path());
    let file = root.path().join("a.factmark.json");
    let found = find(root.path(), Some(&file));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].dir, dir);
    assert!(found[0].has_entries);
    assert!(find(root.path(), Some(&root.path().join("b.factmark.json"))).is_empty());
    assert!(find(root.path(), None).is_empty());
    // A journal of a document never saved is found as such.
    let unsaved = new_dir(root.path(), None);
    let header = Header::new(None, None, at("2026-12-01T11:00:00Z"));
    Journal::create(unsaved.clone(), &header, &base()).expect("created");
    let found = find(root.path(), None);
    assert_eq!(found.len(), 1);
    assert!(!found[0].has_entries, "nothing was changed yet");
    // Garbage in the folder is not a journal, and does not stop the search.
    std::fs::create_dir_all(root.path().join("new-garbage")).expect("mkdir");
    std::fs::write(root.path().join("new-garbage/header.json"), "{{{").expect("write");
    assert_eq!(find(root.path(), None).len(), 1);
    // Retired, it is gone.
    Journal::resume(unsaved.clone())
        .expect("resumed")
        .retire()
        .expect("retired");
    assert!(!unsaved.exists());
    assert!(find(root.path(), None).is_empty());
}

#[test]
fn a_torn_last_line_restores_every_whole_entry_before_it_and_says_so() {
    let root = tempfile::tempdir().expect("tempdir");
    let (dir, ..) = written(root.path());
    let edits = dir.join(EDITS);
    let whole = std::fs::read(&edits).expect("read");
    let lines: Vec<&[u8]> = whole.split(|&b| b == b'\n').collect();
    // Cut in the middle of the third entry, as a crash during the write would.
    let cut = lines[0].len() + 1 + lines[1].len() + 1 + lines[2].len() / 2;
    std::fs::write(&edits, &whole[..cut]).expect("write");
    let recovered = read(&dir).expect("read");
    assert_eq!(recovered.entries.len(), 2);
    let damage = recovered.damage.clone().expect("the damage is reported");
    assert!(damage.contains("entry 3 is damaged"), "{damage}");
    assert!(
        damage.contains("the 2 whole entries before it were restored"),
        "{damage}"
    );
    let (document, ..) = replay(&recovered);
    assert_eq!(
        document
            .claims()
            .iter()
            .filter(|c| c.verdict == Verdict::DISPUTED)
            .count(),
        1,
        "the verdict set before the damage is there; its undo was lost with the torn line"
    );

    // Garbage after whole entries: the same.
    let mut garbage = whole.clone();
    garbage.extend_from_slice(b"\x00\xff not json at all\n{\"at\":1}\n");
    std::fs::write(&edits, &garbage).expect("write");
    let recovered = read(&dir).expect("read");
    assert_eq!(recovered.entries.len(), 3);
    assert!(
        recovered
            .damage
            .expect("reported")
            .contains("entry 4 is damaged")
    );
}

#[test]
fn an_entry_that_no_longer_applies_stops_the_replay_whole() {
    let root = tempfile::tempdir().expect("tempdir");
    let (dir, ..) = written(root.path());
    let mut recovered = read(&dir).expect("read");
    // An entry of two edits whose second fails: neither stays applied.
    let id = recovered.base.claims()[0].id.clone();
    let missing = crate::model::ClaimId::parse("nowhere").expect("id");
    recovered.entries.push(vec![
        Edit::new(
            Change::SetVerdict {
                id,
                verdict: Verdict::VERIFIED,
            },
            stamp(),
        ),
        Edit::new(
            Change::SetVerdict {
                id: missing,
                verdict: Verdict::VERIFIED,
            },
            stamp(),
        ),
    ]);
    let (document, applied, problem) = replay(&recovered);
    assert_eq!(problem.map(|(entry, _)| entry), Some(4));
    assert_eq!(applied.len(), 3);
    assert!(
        document
            .claims()
            .iter()
            .all(|c| c.verdict != Verdict::VERIFIED),
        "the failed entry left nothing behind"
    );
}

#[test]
fn a_journal_that_is_not_one_is_refused_with_its_path() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("new-x");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join(HEADER), r#"{"format":"other","version":1,"file":null,"base":null,"started":"2026-12-01T10:00:00Z"}"#).expect("write");
    let error = read(&dir).expect_err("not a journal").to_string();
    assert!(error.contains("header.json"), "{error}");
    assert!(error.contains("not a factmark journal"), "{error}");
}

#[test]
fn the_fuzz_seed_is_two_whole_entries() {
    let seed = include_bytes!("../../fuzz/corpus/journal_read/two_entries.jsonl");
    let (entries, damage) = parse_entries(seed);
    assert_eq!(damage, None);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].len(), 2);
}

/// A re-anchoring (the new text with every claim and orphan) and an orphan attached after
/// it are journaled like any change, and replay to the same document after a crash.
#[test]
fn an_update_of_the_text_and_its_orphans_replay_from_the_journal() {
    let root = tempfile::tempdir().expect("tempdir");
    let base = base();
    let dir = new_dir(root.path(), None);
    let header = Header::new(None, None, at("2026-12-01T10:00:00Z"));
    let mut journal = Journal::create(dir.clone(), &header, &base).expect("created");
    let new = std::sync::Arc::new(Text::new("Yesterday Kim met Putin in 北京.".to_owned()));
    let plan = crate::ops::reanchor::Plan::new(&base, new, "v2.txt".to_owned());
    let mut orphaned = plan.default_decisions();
    orphaned.fill(crate::ops::reanchor::Decision::Orphan);
    let update = Edit::new(plan.change(&base, &orphaned), stamp());
    let mut doc = base.clone();
    update.clone().apply(&mut doc).expect("applies");
    let id = doc.orphans()[0].id.clone();
    let attach = Edit::new(
        Change::AttachOrphan {
            id: id.clone(),
            start: 10,
            end: 13,
        },
        stamp(),
    );
    attach.clone().apply(&mut doc).expect("attaches");
    journal
        .append(&[update], at("2026-12-01T10:01:00Z"))
        .expect("appended");
    journal
        .append(&[attach], at("2026-12-01T10:02:00Z"))
        .expect("appended");

    let recovered = read(&dir).expect("read");
    let (document, applied, problem) = replay(&recovered);
    assert!(problem.is_none(), "{problem:?}");
    assert_eq!(applied.len(), 2);
    assert_eq!(document, doc);
    assert_eq!(document.text().as_str(), "Yesterday Kim met Putin in 北京.");
    assert_eq!(document.claim(&id).map(|c| document.exact(c)), Some("Kim"));
    assert!(document.orphans().is_empty());
}
