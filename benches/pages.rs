//! Saved web pages: import time of each page of the fixture set (`tests/pages`) with the
//! readable text (Readability), beside the old rule (largest `<article>`) measured in the
//! same run, and of one large page.
//!
//! Run with `cargo bench --bench pages`. Prints the median page and the slowest, with the
//! ratio to the old rule.

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::format_collect
)]

mod support;

use std::path::Path;
use std::time::Duration;

use factmark::text::{ArticleKind, Extract, import_bytes_with};
use support::{median, row, sample};

/// A page's import time is this small: a reviewer opening a saved page does not wait.
const BUDGET: Duration = Duration::from_millis(50);

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    pages.sort();

    let time = |bytes: &[u8], extract| {
        median(&sample(15, || {
            std::hint::black_box(import_bytes_with(bytes, ArticleKind::Html, extract).unwrap());
        }))
    };
    println!(
        "{:<14} {:>8} {:>12} {:>12} {:>7}",
        "page", "bytes", "readable", "old rule", "ratio"
    );
    let mut readable = Vec::new();
    for (name, bytes) in &pages {
        let (new, old) = (
            time(bytes, Extract::Readable),
            time(bytes, Extract::Article),
        );
        println!(
            "{name:<14} {:>8} {:>12} {:>12} {:>6.1}x",
            bytes.len(),
            format!("{new:.2?}"),
            format!("{old:.2?}"),
            new.as_secs_f64() / old.as_secs_f64()
        );
        readable.push((new, name.clone()));
    }
    readable.sort();
    println!();
    let (median_page, median_name) = &readable[readable.len() / 2];
    let (slowest, slowest_name) = readable.last().unwrap();
    row(
        &format!("median page ({median_name})"),
        *median_page,
        Some(BUDGET),
    );
    row(
        &format!("slowest page ({slowest_name})"),
        *slowest,
        Some(BUDGET),
    );

    // A long page: a 3,000-paragraph story among 5,000 teaser cards and a menu (about 800 KB).
    let story: String = (0..3000)
        .map(|i| format!("<p>Paragraph {i} of the long story, with a figure of {i} percent, a quote, and more words after it.</p>"))
        .collect();
    let cards: String = (0..5000)
        .map(|i| format!("<article><a href=\"/s/{i}\"><h3>Teaser {i}</h3></a><p>Summary {i}, short.</p></article>"))
        .collect();
    let menu: String = (0..200)
        .map(|i| format!("<a href=\"/m/{i}\">Menu {i}</a> "))
        .collect();
    let big = format!(
        "<html><body><div class=\"menu\">{menu}</div><div class=\"story\">{story}</div><section>{cards}</section></body></html>"
    );
    let new = median(&sample(7, || {
        std::hint::black_box(
            import_bytes_with(big.as_bytes(), ArticleKind::Html, Extract::Readable).unwrap(),
        );
    }));
    let old = median(&sample(7, || {
        std::hint::black_box(
            import_bytes_with(big.as_bytes(), ArticleKind::Html, Extract::Article).unwrap(),
        );
    }));
    println!();
    row(
        &format!("large page ({} KB), readable", big.len() / 1024),
        new,
        Some(Duration::from_millis(500)),
    );
    row("large page, old rule (baseline)", old, None);
    println!("ratio {:.1}x", new.as_secs_f64() / old.as_secs_f64());
}
