//! Core benchmarks: char <-> byte lookups on a 5 MB article, and saving/loading 100k claims.
//!
//! Run with `cargo bench --bench core`. Prints medians beside the budgets of DESIGN section 6
//! and the naive way measured in the same run.

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
use factmark::model::{Article, Claim, Document};
use factmark::text::{Text, TextIndex};
use support::{Lcg, median, row, sample};

fn main() {
    let text = support::article(5 * 1024 * 1024);
    let chars = text.chars().count();
    println!(
        "article: {} bytes, {} chars ({} bytes/char)\n",
        text.len(),
        chars,
        text.len() as f64 / chars as f64
    );
    index(&text, chars);
    println!();
    file_format(text);
}

fn index(text: &str, chars: usize) {
    let build = sample(5, || {
        black_box(TextIndex::new(black_box(text)));
    });
    row("build the index (5 MB)", median(&build), None);

    let index = TextIndex::new(text);
    let mut rng = Lcg(7);
    let probes: Vec<usize> = (0..10_000).map(|_| rng.next() % chars).collect();
    let bytes: Vec<usize> = probes
        .iter()
        .map(|&c| index.char_to_byte(text, c).unwrap())
        .collect();

    let per_lookup = |total: Duration, n: usize| total / u32::try_from(n).unwrap();
    let c2b = sample(21, || {
        for &c in &probes {
            black_box(index.char_to_byte(text, black_box(c)));
        }
    });
    let b2c = sample(21, || {
        for &b in &bytes {
            black_box(index.byte_to_char(text, black_box(b)));
        }
    });
    let lookup_budget = Some(Duration::from_micros(1));
    row(
        "char -> byte, per lookup (median of 21 x 10k)",
        per_lookup(median(&c2b), probes.len()),
        lookup_budget,
    );
    row(
        "byte -> char, per lookup",
        per_lookup(median(&b2c), bytes.len()),
        lookup_budget,
    );

    // The naive way: walk from the start of the text every time.
    let naive_probes = &probes[..50];
    let naive = sample(5, || {
        for &c in naive_probes {
            black_box(text.char_indices().nth(black_box(c)));
        }
    });
    let naive_per = per_lookup(median(&naive), naive_probes.len());
    row("naive char_indices().nth(), per lookup", naive_per, None);
    let indexed = per_lookup(median(&c2b), probes.len());
    println!(
        "{:<58} {:>12.0}x",
        "naive / indexed",
        naive_per.as_secs_f64() / indexed.as_secs_f64()
    );
}

fn file_format(text: String) {
    let text = Text::new(text);
    let len = text.len_chars();
    let mut document = Document::new(Article::new(text));
    let mut rng = Lcg(11);
    let stamp = factmark::model::Stamp::new("bench", chrono::DateTime::UNIX_EPOCH);
    let claims = (0..100_000)
        .map(|_| {
            let start = rng.next() % (len - 200);
            let end = start + 1 + rng.next() % 150;
            let mut claim = Claim::new(
                start,
                end,
                factmark::model::Scale::default_ref()
                    .verdicts()
                    .nth(rng.next() % 4)
                    .cloned()
                    .unwrap_or_default(),
                stamp.clone(),
            );
            "Checked against the ministry's figures.".clone_into(&mut claim.rationale);
            claim
        })
        .collect();
    assert!(document.insert_claims(claims).is_empty());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.factmark.json");
    let save = sample(5, || {
        format::save(&document, &path).unwrap();
    });
    row(
        "save 5 MB + 100k claims (atomic, fsync)",
        median(&save),
        Some(Duration::from_millis(400)),
    );
    let size = std::fs::metadata(&path).unwrap().len();
    let bytes = std::fs::read(&path).unwrap();
    let parse = sample(5, || {
        black_box(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap());
    });
    row(
        "baseline: serde_json's own parse to a Value",
        median(&parse),
        None,
    );
    let load = sample(5, || {
        let loaded = format::load_file(&path);
        assert!(loaded.is_valid());
        black_box(loaded);
    });
    row(
        &format!(
            "load it back ({} MB file, full validation)",
            size / 1024 / 1024
        ),
        median(&load),
        Some(Duration::from_millis(500)),
    );
    println!(
        "{:<58} {:>12.2}x",
        "load / baseline parse (lower is better)",
        median(&load).as_secs_f64() / median(&parse).as_secs_f64()
    );
}
