//! Merge: what a unit becomes, and for any files, that the order of the inputs does not
//! matter, that merging the output again with any input changes nothing, and that nothing
//! any reviewer wrote is lost.

use std::collections::BTreeSet;

use chrono::{TimeZone as _, Utc};
use proptest::prelude::*;

use super::merge::{CONFLICT, FROM, Input, Merged, RATIONALES, Version, merge};
use crate::model::{
    Article, Claim, ClaimId, Comment, Document, HistoryEntry, Source, Stamp, State, Verdict,
};
use crate::text::Text;

const TEXT_LEN: usize = 200;

fn text() -> Text {
    let words = "Ein Satz über Zahlen, 数字 und مطالبة. ";
    Text::new(words.chars().cycle().take(TEXT_LEN).collect())
}

fn stamp(by: &str, minute: u32) -> Stamp {
    Stamp::new(by, Utc.with_ymd_and_hms(2026, 12, 1, 9, minute, 0).unwrap())
}

fn source(url: &str, title: &str) -> Source {
    Source {
        url: url.to_owned(),
        title: title.to_owned(),
        ..Source::default()
    }
}

fn claim(id: &str, by: &str, span: (usize, usize), verdict: &Verdict, rationale: &str) -> Claim {
    let mut claim = Claim::new(span.0, span.1, verdict.clone(), stamp(by, 0));
    claim.id = ClaimId::parse(id).unwrap();
    claim.rationale = rationale.to_owned();
    claim
}

fn document(claims: Vec<Claim>) -> Document {
    let mut document = Document::new(Article::new(text()));
    let refused = document.insert_claims(claims);
    assert!(refused.is_empty(), "{refused:?}");
    document
}

fn run(files: &[(&str, &Document)]) -> Merged {
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|&(name, document)| Input { name, document })
        .collect();
    merge(&inputs).unwrap()
}

fn bytes(document: &Document) -> Vec<u8> {
    crate::format::to_json_bytes(document).unwrap()
}

fn versions(claim: &Claim) -> Vec<Version> {
    serde_json::from_value(claim.extra[CONFLICT].clone()).unwrap()
}

#[test]
fn an_agreed_unit_unites_sources_keeps_each_rationale_with_its_author_and_the_histories() {
    let mut a = claim(
        "a1",
        "Ana",
        (10, 40),
        &Verdict::DISPUTED,
        "The census says 4.1 %.",
    );
    a.sources = vec![source("https://stat.example/census", "Census")];
    a.review.history.push(HistoryEntry::new(
        &stamp("Ana", 1),
        "verdict",
        Some("unreviewed".into()),
        Some("disputed".into()),
    ));
    let mut b = claim(
        "b1",
        "Ben",
        (10, 40),
        &Verdict::UNREVIEWED,
        "Not checked yet.",
    );
    b.sources = vec![
        source("https://stat.example/census", "Census"),
        source("https://news.example/a", "A report"),
    ];
    b.review
        .comments
        .push(Comment::new("Which year?", &stamp("Ben", 2)));
    let (da, db) = (document(vec![a]), document(vec![b]));
    let merged = run(&[("ana.factmark.json", &da), ("ben.factmark.json", &db)]);

    assert_eq!(
        merged.report.agreed.len(),
        1,
        "unreviewed disagrees with no one"
    );
    assert!(merged.report.conflicts.is_empty());
    let [claim] = merged.document.claims() else {
        panic!("one claim: {:?}", merged.document.claims());
    };
    assert_eq!((claim.start, claim.end), (10, 40));
    assert_eq!(claim.verdict, Verdict::DISPUTED);
    let urls: Vec<&str> = claim.sources.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        ["https://news.example/a", "https://stat.example/census"],
        "united by URL, each once"
    );
    assert_eq!(
        claim.rationale,
        "Ana: The census says 4.1 %.\n\nBen: Not checked yet."
    );
    assert_eq!(claim.extra[RATIONALES].as_array().unwrap().len(), 2);
    assert_eq!(claim.review.history.len(), 1);
    assert_eq!(claim.review.comments.len(), 1);
    let from: Vec<&str> = claim.extra[FROM]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(from, ["a1", "b1"]);
    assert!(!claim.extra.contains_key(CONFLICT));
}

#[test]
fn a_unit_with_different_verdicts_or_spans_is_one_claim_in_review_holding_every_version() {
    let a = claim("a1", "Ana", (10, 40), &Verdict::DISPUTED, "Wrong year.");
    let b = claim(
        "b1",
        "Ben",
        (10, 40),
        &Verdict::VERIFIED,
        "Matches the table.",
    );
    let c = claim("c1", "Chloe", (12, 40), &Verdict::VERIFIED, "");
    let alone = claim(
        "c2",
        "Chloe",
        (100, 120),
        &Verdict::INACCURATE,
        "No such law.",
    );
    let (da, db, dc) = (
        document(vec![a]),
        document(vec![b]),
        document(vec![c, alone]),
    );
    let merged = run(&[("ana", &da), ("ben", &db), ("chloe", &dc)]);
    assert_eq!(merged.report.conflicts.len(), 1);
    assert_eq!(merged.report.conflicts[0].differ, ["span", "verdict"]);
    assert_eq!(merged.report.agreed.len(), 1, "the claim only Chloe made");
    let claims = merged.document.claims();
    assert_eq!(claims.len(), 2);
    let conflict = &claims[0];
    assert_eq!(conflict.review.status.state, State::InReview);
    assert_eq!(
        conflict.verdict,
        Verdict::UNREVIEWED,
        "no verdict is chosen for the reviewers"
    );
    assert_eq!(
        (conflict.start, conflict.end),
        (10, 40),
        "the span most have"
    );
    let got: BTreeSet<(String, String, usize, String)> = versions(conflict)
        .into_iter()
        .map(|v| (v.by, v.verdict.to_string(), v.start, v.rationale))
        .collect();
    let want: BTreeSet<(String, String, usize, String)> = [
        ("Ana", "disputed", 10, "Wrong year."),
        ("Ben", "verified", 10, "Matches the table."),
        ("Chloe", "verified", 12, ""),
    ]
    .into_iter()
    .map(|(a, b, c, d)| (a.to_owned(), b.to_owned(), c, d.to_owned()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(
        claims[1].id.as_str(),
        "c2",
        "a claim on its own keeps its id"
    );
    assert_eq!(claims[1].verdict, Verdict::INACCURATE);

    // Only the spans differ: the shared verdict stays.
    let (da, db) = (
        document(vec![claim("a1", "Ana", (10, 40), &Verdict::VERIFIED, "")]),
        document(vec![claim("b1", "Ben", (10, 38), &Verdict::VERIFIED, "")]),
    );
    let merged = run(&[("ana", &da), ("ben", &db)]);
    assert_eq!(merged.report.conflicts[0].differ, ["span"]);
    assert_eq!(merged.document.claims()[0].verdict, Verdict::VERIFIED);
}

#[test]
fn files_on_other_texts_or_scales_are_refused_by_name() {
    let da = document(vec![]);
    let mut other = Document::new(Article::new(Text::new("Another text.".into())));
    other.extra.clear();
    let inputs = [
        Input {
            name: "ana.factmark.json",
            document: &da,
        },
        Input {
            name: "odd.factmark.json",
            document: &other,
        },
    ];
    let message = merge(&inputs).err().unwrap().to_string();
    assert!(
        message.starts_with("odd.factmark.json: is not on the same text"),
        "{message}"
    );

    let mut scaled = Document::new(Article::new(text()));
    scaled
        .set_scale(crate::model::Scale::preset("truth-o-meter"))
        .unwrap();
    let inputs = [
        Input {
            name: "ana.factmark.json",
            document: &da,
        },
        Input {
            name: "pf.factmark.json",
            document: &scaled,
        },
    ];
    let message = merge(&inputs).err().unwrap().to_string();
    assert!(
        message.starts_with("pf.factmark.json: its verdicts are on the"),
        "{message}"
    );
}

/// A reviewer's claims as the strategy draws them.
#[derive(Clone, Debug)]
struct Drawn {
    start: usize,
    len: usize,
    verdict: usize,
    rationale: usize,
    sources: Vec<(usize, usize)>,
    /// Claim ids shared across files, as when one reviewer's file was copied from another's.
    shared_id: bool,
    history: bool,
    comment: Option<usize>,
    by_stamp: bool,
}

fn drawn() -> impl Strategy<Value = Drawn> {
    (
        (0..TEXT_LEN - 1, 1usize..40, 0usize..4, 0usize..4),
        proptest::collection::vec((0usize..3, 0usize..2), 0..3),
        (
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(0usize..3),
        ),
        any::<bool>(),
    )
        .prop_map(
            |(
                (start, len, verdict, rationale),
                sources,
                (shared_id, history, comment),
                by_stamp,
            )| {
                Drawn {
                    start,
                    len,
                    verdict,
                    rationale,
                    sources,
                    shared_id,
                    history,
                    comment,
                    by_stamp,
                }
            },
        )
}

const VERDICTS: [Verdict; 4] = [
    Verdict::UNREVIEWED,
    Verdict::VERIFIED,
    Verdict::DISPUTED,
    Verdict::INACCURATE,
];

fn reviewer(file: usize, drawn: &[Drawn]) -> Document {
    let by = format!("r{file}");
    let mut claims = Vec::new();
    for (i, d) in drawn.iter().enumerate() {
        let end = (d.start + d.len).min(TEXT_LEN);
        let id = if d.shared_id {
            format!("shared-{i}")
        } else {
            format!("{by}-{i}")
        };
        let rationale = ["", "Checked.", "The table says otherwise.", "Wrong year"][d.rationale];
        let mut c = claim(&id, &by, (d.start, end), &VERDICTS[d.verdict], rationale);
        if !d.by_stamp {
            c.created = None;
            c.modified = None;
        }
        c.sources = d
            .sources
            .iter()
            .map(|&(u, t)| source(&format!("https://ex.example/{u}"), ["A", "B"][t]))
            .collect();
        c.sources.dedup_by(|a, b| a.url == b.url);
        if d.history {
            c.review.history.push(HistoryEntry::new(
                &stamp(&by, u32::try_from(i % 60).unwrap()),
                "verdict",
                Some("unreviewed".into()),
                Some(VERDICTS[d.verdict].to_string()),
            ));
        }
        if let Some(n) = d.comment {
            let mut comment = Comment::new("Source?", &stamp(&by, 3));
            comment.id = format!("comment-{n}");
            c.review.comments.push(comment);
        }
        claims.push(c);
    }
    let mut document = document(claims);
    // The files' own fields differ too: which title and unknown fields the merge keeps
    // must not depend on the order either.
    document.article.title = ["", "Parade", "Die Parade"][file % 3].to_owned();
    document.extra.insert(
        "x-tool".to_owned(),
        serde_json::json!(format!("tool {}", file % 2)),
    );
    document
}

fn files() -> impl Strategy<Value = Vec<Document>> {
    proptest::collection::vec(proptest::collection::vec(drawn(), 0..8), 1..5).prop_map(|files| {
        files
            .iter()
            .enumerate()
            .map(|(f, d)| reviewer(f, d))
            .collect()
    })
}

fn names(n: usize) -> Vec<String> {
    (0..n).map(|f| format!("r{f}.factmark.json")).collect()
}

fn merged_bytes(documents: &[&Document], names: &[String]) -> Vec<u8> {
    let inputs: Vec<Input<'_>> = documents
        .iter()
        .zip(names)
        .map(|(&document, name)| Input { name, document })
        .collect();
    bytes(&merge(&inputs).unwrap().document)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_order_of_the_inputs_gives_the_same_bytes(
        documents in files(),
        seed in any::<u64>(),
    ) {
        let names = names(documents.len());
        let forward: Vec<&Document> = documents.iter().collect();
        let want = merged_bytes(&forward, &names);
        // A permutation drawn from the seed, and the reverse: the names go with the files.
        let mut order: Vec<usize> = (0..documents.len()).collect();
        let mut s = seed;
        for i in (1..order.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, usize::try_from(s >> 33).unwrap() % (i + 1));
        }
        for order in [order.clone(), order.into_iter().rev().collect()] {
            let docs: Vec<&Document> = order.iter().map(|&i| &documents[i]).collect();
            let names: Vec<String> = order.iter().map(|&i| names[i].clone()).collect();
            prop_assert!(merged_bytes(&docs, &names) == want, "order {order:?}");
        }
    }

    #[test]
    fn merging_the_output_again_with_any_input_changes_nothing(documents in files()) {
        let names = names(documents.len());
        let forward: Vec<&Document> = documents.iter().collect();
        let once = merged_bytes(&forward, &names);
        let output = crate::format::load(&once).into_valid().unwrap();
        let out_name = "merged.factmark.json".to_owned();
        prop_assert!(merged_bytes(&[&output], std::slice::from_ref(&out_name)) == once, "alone");
        for (document, name) in documents.iter().zip(&names) {
            let again = merged_bytes(&[&output, document], &[out_name.clone(), name.clone()]);
            prop_assert!(again == once, "with {name}");
        }
    }

    #[test]
    fn no_claim_content_is_lost(documents in files()) {
        let names = names(documents.len());
        let forward: Vec<&Document> = documents.iter().collect();
        let once = merged_bytes(&forward, &names);
        let output = crate::format::load(&once).into_valid().unwrap();
        let claims = output.claims();
        for (f, document) in documents.iter().enumerate() {
            let by = format!("r{f}");
            for c in document.claims() {
                // Who made it: the stamps say, else the file's name does.
                let from = serde_json::json!({"by": by, "id": c.id.as_str()});
                let holders: Vec<&Claim> =
                    claims.iter().filter(|m| m.extra[FROM].as_array().unwrap().contains(&from)).collect();
                prop_assert_eq!(holders.len(), 1, "{} of {} is in one merged claim", c.id, by);
                let m = holders[0];
                if !c.rationale.is_empty() {
                    let kept = serde_json::json!({"by": by, "text": c.rationale});
                    prop_assert!(m.extra[RATIONALES].as_array().unwrap().contains(&kept));
                }
                for s in &c.sources {
                    prop_assert!(m.sources.iter().any(|t| t.url == s.url), "source {}", s.url);
                }
                for e in &c.review.history {
                    prop_assert!(m.review.history.contains(e));
                }
                for comment in &c.review.comments {
                    prop_assert!(m.review.comments.iter().any(|k| k.id == comment.id));
                }
                if m.extra.contains_key(CONFLICT) {
                    let mine = versions(m).into_iter().find(|v| v.id == c.id.as_str() && v.by == by);
                    prop_assert!(mine.is_some(), "{}'s version is in the conflict", by);
                    let mine = mine.unwrap();
                    prop_assert_eq!((mine.start, mine.end), (c.start, c.end));
                    prop_assert_eq!(&mine.verdict, &c.verdict);
                    prop_assert_eq!(&mine.rationale, &c.rationale);
                    prop_assert_eq!(&mine.sources, &c.sources);
                } else {
                    prop_assert_eq!((m.start, m.end), (c.start, c.end));
                    prop_assert!(c.verdict.is_unreviewed() || c.verdict == m.verdict);
                }
            }
        }
    }
}

#[test]
fn curating_a_disagreement_takes_one_version_whole_and_says_whose_it_was() {
    use super::curate::{CURATED, Curation, PickError};
    let mut a = claim("a1", "Ana", (10, 40), &Verdict::DISPUTED, "Wrong year.");
    a.sources = vec![source("https://stat.example/census", "Census")];
    let b = claim("b1", "Ben", (12, 40), &Verdict::VERIFIED, "Matches.");
    let documents = [document(vec![a]), document(vec![b])];
    let paths = [
        std::path::PathBuf::from("/work/ana.factmark.json"),
        std::path::PathBuf::from("/work/ben.factmark.json"),
    ];
    let mut curation = Curation::new(&paths, &documents).unwrap();
    assert_eq!(curation.disagreements.len(), 1);
    assert_eq!(curation.open(), 1);
    assert_eq!(
        curation.path,
        std::path::PathBuf::from("/work/article.curated.factmark.json")
    );
    // Ana's disputed meets Ben's verified in one unit; nothing else anywhere.
    let confusion = curation.confusion(0, 1).unwrap();
    let at = |v: &Verdict| {
        confusion
            .labels
            .iter()
            .position(|l| l.as_ref() == Some(v))
            .unwrap()
    };
    let (row, column) = (at(&Verdict::DISPUTED), at(&Verdict::VERIFIED));
    for (r, cells) in confusion.cells.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let want = usize::from((r, c) == (row, column));
            assert_eq!(cell.len(), want, "cell {r}, {c}");
        }
    }
    assert!(curation.confusion(0, 2).is_none());
    let id = curation.disagreements[0].clone();
    let before = bytes(&curation.document);
    let editor = stamp("Ed", 30);
    assert_eq!(
        curation.pick(&id, 2, &editor),
        Err(PickError::NoVersion(id.clone(), 2))
    );
    assert_eq!(
        bytes(&curation.document),
        before,
        "a bad pick changes nothing"
    );

    let ana = curation
        .versions(&id)
        .iter()
        .position(|v| v.by == "Ana")
        .unwrap();
    curation.pick(&id, ana, &editor).unwrap();
    let claim = curation.document.claim(&id).unwrap();
    assert_eq!((claim.start, claim.end), (10, 40));
    assert_eq!(claim.verdict, Verdict::DISPUTED);
    assert_eq!(claim.rationale, "Wrong year.");
    assert_eq!(claim.sources.len(), 1);
    assert_eq!(claim.extra[CURATED]["by"], "Ana");
    assert!(!claim.extra.contains_key(CONFLICT));
    assert_eq!(
        claim.extra[FROM].as_array().unwrap().len(),
        2,
        "both still named"
    );
    assert_eq!(claim.review.status.state, State::Approved);
    assert_eq!(claim.review.history.last().unwrap().by, "Ed");
    assert_eq!(curation.open(), 0);
    assert!(
        curation.pick(&id, 0, &editor).is_err(),
        "decided: no versions left"
    );
    assert_eq!(curation.unsaved(), 1);

    // Reopened: the claim is again the undecided disagreement, byte for byte.
    assert!(curation.decided(&id));
    curation.reopen(&id).unwrap();
    assert_eq!(bytes(&curation.document), before);
    assert_eq!(curation.open(), 1);
    assert_eq!(curation.versions(&id).len(), 2);
    assert!(!curation.decided(&id));
    assert!(
        matches!(curation.reopen(&id), Err(PickError::Refused { .. })),
        "nothing to reopen"
    );
    assert_eq!(curation.unsaved(), 2);
    // Decided again, the other way, and reopened again: still the undecided claim.
    let ben = 1 - ana;
    curation
        .decide_own(&id, &Verdict::INACCURATE, "Neither.", &editor)
        .unwrap();
    curation.pick(&id, ben, &editor).unwrap_err();
    curation.reopen(&id).unwrap();
    curation.pick(&id, ben, &editor).unwrap();
    assert_eq!(
        curation.document.claim(&id).unwrap().extra[CURATED]["by"],
        "Ben"
    );
    curation.reopen(&id).unwrap();
    assert_eq!(bytes(&curation.document), before);
    curation.saved();
    assert_eq!(curation.unsaved(), 0);
    assert_eq!(
        curation.reopen(&ClaimId::parse("nowhere").unwrap()),
        Err(PickError::NoClaim(ClaimId::parse("nowhere").unwrap()))
    );
}
