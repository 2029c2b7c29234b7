//! Saved web pages: the article text each extraction keeps, measured against the text a
//! reader would call the article (`tests/pages/NAME.expected.txt`), word by word.
//!
//! Run `cargo test --test cli pages -- --nocapture` to see the table the README reports.

#![allow(clippy::cast_precision_loss)] // word counts are far below 2^52

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use factmark::text::web::words;
use factmark::text::{Extract, import_file_with};

/// Word-level precision, recall and F1 of `got` against `want` (multisets of words: a word
/// kept twice where the article has it once counts once).
pub fn word_scores(got: &str, want: &str) -> (f64, f64, f64) {
    let mut wanted: HashMap<String, usize> = HashMap::new();
    for word in words(want) {
        *wanted.entry(word.to_lowercase()).or_default() += 1;
    }
    let want_total: usize = wanted.values().sum();
    let (mut matched, mut got_total) = (0usize, 0usize);
    for word in words(got) {
        got_total += 1;
        if let Some(left) = wanted.get_mut(&word.to_lowercase())
            && *left > 0
        {
            *left -= 1;
            matched += 1;
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(matched, got_total), ratio(matched, want_total));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/pages")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "mhtml"))
        .collect();
    pages.sort();
    pages
}

fn expected(page: &Path) -> String {
    let name = page.file_stem().expect("stem").to_string_lossy();
    std::fs::read_to_string(page.with_file_name(format!("{name}.expected.txt")))
        .expect("every page has its expected text")
}

#[test]
#[allow(clippy::print_stdout)]
fn readable_text_is_the_article_on_every_page_shape() {
    let pages = fixtures();
    assert!(pages.len() >= 8, "the page shapes are all there");
    println!("| page | readable P | R | F1 | old rule P | R | F1 |");
    println!("|---|---|---|---|---|---|---|");
    let (mut readable_sum, mut old_sum) = (0.0, 0.0);
    let mut worst: Option<(f64, String)> = None;
    for page in &pages {
        let want = expected(page);
        let score = |extract| {
            let imported = import_file_with(page, extract).expect("imports");
            word_scores(&imported.text, &want)
        };
        let readable = score(Extract::Readable);
        let old = score(Extract::Article);
        let name = page
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            readable.0, readable.1, readable.2, old.0, old.1, old.2
        );
        assert!(
            readable.2 >= old.2,
            "{name}: the readable text (F1 {:.2}) is worse than the old rule's ({:.2})",
            readable.2,
            old.2
        );
        readable_sum += readable.2;
        old_sum += old.2;
        if worst.as_ref().is_none_or(|(f1, _)| readable.2 < *f1) {
            worst = Some((readable.2, name));
        }
    }
    let n = pages.len() as f64;
    println!(
        "| mean | | | {:.2} | | | {:.2} |",
        readable_sum / n,
        old_sum / n
    );
    let (worst_f1, worst_page) = worst.expect("pages");
    // The call-to-action page keeps its box (Readability joins it as a sibling of the
    // story): 0.81. Every other page is above 0.9.
    assert!(
        worst_f1 >= 0.8,
        "{worst_page}: the readable text has word F1 {worst_f1:.2} against the article"
    );
    assert!(
        readable_sum / n >= 0.9 && readable_sum > old_sum,
        "the readable text beats the old rule on the set: mean F1 {:.2} against {:.2}",
        readable_sum / n,
        old_sum / n
    );
}

#[test]
fn word_scores_count_each_word_once() {
    let (p, r, f1) = word_scores("the cut the cut menu", "the cut");
    assert!(
        (p - 0.4).abs() < 1e-12 && (r - 1.0).abs() < 1e-12,
        "{p} {r}"
    );
    assert!((f1 - 2.0 * 0.4 / 1.4).abs() < 1e-12);
    assert_eq!(word_scores("", "words"), (0.0, 0.0, 0.0));
    // CJK: each ideograph is a word.
    let (p, r, _) = word_scores("市政府", "市政");
    assert!((p - 2.0 / 3.0).abs() < 1e-12 && (r - 1.0).abs() < 1e-12);
}
