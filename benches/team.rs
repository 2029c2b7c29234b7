//! Team review: `factmark stats` and `factmark merge` over 10 reviewers' files of 10k
//! claims each on a 5 MB article.
//!
//! Run with `cargo bench --bench team`. Prints the median time of the report (units, span
//! matching, every agreement statistic) and of the merge on documents in memory, against
//! the budget of 1 s,
//! and beside it the time to read the ten files from disk and, as the baseline measured in
//! the same run, `serde_json`'s own parse of the same bytes.

// Numbers here are for display: float casts of counts and durations cannot matter.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss
)]

mod support;

use std::hint::black_box;
use std::time::Duration;

use factmark::format;
use factmark::model::{Article, Claim, Document, Scale, Source, Stamp};
use factmark::ops::team::merge::{Input, merge};
use factmark::ops::team::stats::{Reviewer, report};
use factmark::text::Text;
use support::{Lcg, median, row, sample};

const FILES: usize = 10;
const CLAIMS: usize = 10_000;

/// Ten reviewers who mostly mark the same spans: each keeps 80 % of a shared list as it is,
/// shifts 15 % by a few characters and puts 5 % somewhere new; verdicts agree 70 % of the
/// time. Each claim has a rationale and a source.
fn reviewers(text: &Text) -> Vec<Document> {
    let len = text.len_chars();
    let mut rng = Lcg(7);
    let shared: Vec<(usize, usize, usize)> = (0..CLAIMS)
        .map(|_| {
            let start = rng.next() % (len - 400);
            (start, start + 20 + rng.next() % 200, rng.next() % 4)
        })
        .collect();
    let verdicts: Vec<_> = Scale::default_ref().verdicts().cloned().collect();
    (0..FILES)
        .map(|file| {
            let stamp = Stamp::new(&format!("reviewer {file}"), chrono::DateTime::UNIX_EPOCH);
            let claims = shared
                .iter()
                .map(|&(start, end, verdict)| {
                    let (start, end) = match rng.next() % 100 {
                        0..80 => (start, end),
                        80..95 => (start + rng.next() % 5, end + rng.next() % 5),
                        _ => {
                            let s = rng.next() % (len - 400);
                            (s, s + 20 + rng.next() % 200)
                        }
                    };
                    let verdict = if rng.next() % 10 < 7 {
                        verdict
                    } else {
                        rng.next() % 4
                    };
                    let mut claim =
                        Claim::new(start, end, verdicts[verdict].clone(), stamp.clone());
                    claim.rationale = format!("Reviewer {file} checked this against the table.");
                    claim.sources.push(Source {
                        url: format!("https://stats.example/table/{}", start % 97),
                        title: "Table".to_owned(),
                        ..Source::default()
                    });
                    claim
                })
                .collect();
            let mut document = Document::new(Article::new(text.clone()));
            assert!(document.insert_claims(claims).is_empty());
            document
        })
        .collect()
}

fn main() {
    let text = Text::new(support::article(5 * 1024 * 1024));
    let documents = reviewers(&text);
    let names: Vec<String> = (0..FILES).map(|i| format!("r{i}.factmark.json")).collect();
    let list: Vec<Reviewer<'_>> = names
        .iter()
        .zip(&documents)
        .map(|(name, document)| Reviewer { name, document })
        .collect();
    println!(
        "{FILES} files x {CLAIMS} claims on {} bytes",
        text.as_str().len()
    );

    let mut units = 0;
    let stats = sample(7, || {
        let r = report(black_box(&list)).unwrap();
        units = r.units;
        black_box(r);
    });
    row(
        "stats: units, spans, kappas, alphas (in memory)",
        median(&stats),
        Some(Duration::from_secs(1)),
    );
    println!("  {units} units");

    let inputs: Vec<Input<'_>> = names
        .iter()
        .zip(&documents)
        .map(|(name, document)| Input { name, document })
        .collect();
    let (mut agreed, mut conflicts) = (0, 0);
    // Each result is freed after its timing stops: the command exits once it has written
    // the file and never frees it.
    let mut merging: Vec<Duration> = (0..5)
        .map(|_| {
            let start = std::time::Instant::now();
            let merged = merge(black_box(&inputs)).unwrap();
            let took = start.elapsed();
            agreed = merged.report.agreed.len();
            conflicts = merged.report.conflicts.len();
            drop(black_box(merged));
            took
        })
        .collect();
    merging.sort();
    row(
        "merge: units, agreed claims and conflicts (in memory)",
        median(&merging),
        Some(Duration::from_secs(1)),
    );
    println!("  {agreed} agreed, {conflicts} conflicts");
    let merged = merge(&inputs).unwrap().document;
    let write = sample(3, || {
        black_box(format::to_json_bytes(black_box(&merged)).unwrap());
    });
    row("  and writing the merged file's JSON", median(&write), None);

    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = names.iter().map(|n| dir.path().join(n)).collect();
    for (document, path) in documents.iter().zip(&paths) {
        format::save(document, path).unwrap();
    }
    let bytes: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let parse = sample(3, || {
        for b in &bytes {
            black_box(serde_json::from_slice::<serde_json::Value>(b).unwrap());
        }
    });
    row(
        "baseline: serde_json's parse of the ten files",
        median(&parse),
        None,
    );
    let load = sample(3, || {
        for p in &paths {
            let loaded = format::load_file(p);
            assert!(loaded.is_valid());
            black_box(loaded);
        }
    });
    row(
        "read and validate the ten files (what the command adds)",
        median(&load),
        None,
    );
    println!(
        "{:<58} {:>12.2}x",
        "stats / baseline parse",
        median(&stats).as_secs_f64() / median(&parse).as_secs_f64()
    );
    println!(
        "{:<58} {:>12.2}x",
        "merge / baseline parse",
        median(&merging).as_secs_f64() / median(&parse).as_secs_f64()
    );
}
