//! Shared by the benchmarks: generated multi-script articles and median timing.
//!
//! Benchmarks print medians and ratios against a baseline measured in the same process, so
//! the numbers mean something on a shared, noisy machine. Budgets are printed beside them;
//! nothing here fails a build on timing.

#![allow(dead_code)] // each bench uses a part

use std::time::{Duration, Instant};

/// Words of several scripts, so that byte and char offsets differ everywhere.
const WORDS: &[&str] = &[
    "the",
    "parade",
    "minister",
    "said",
    "that",
    "figures",
    "rose",
    "by",
    "three",
    "percent",
    "北京",
    "阅兵",
    "金正恩",
    "普京",
    "Grüße",
    "naïve",
    "café",
    "e\u{301}tude",
    "مرحبا",
    "السلام",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "🇯🇵",
    "—",
    "Москва",
    "Ελλάδα",
    "दिल्ली",
];

/// About `bytes` bytes of article text: paragraphs of 40-120 words, joined by `\n`.
pub fn article(bytes: usize) -> String {
    generate(WORDS, bytes)
}

/// About `bytes` bytes of paragraphs of 40-120 of `words`, joined by `\n`.
fn generate(words_of: &[&str], bytes: usize) -> String {
    let mut rng = Lcg(0x5eed);
    let mut text = String::with_capacity(bytes + 1024);
    while text.len() < bytes {
        let words = 40 + rng.next() % 80;
        for i in 0..words {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(words_of[rng.next() % words_of.len()]);
        }
        text.push_str(".\n");
    }
    text.pop();
    text
}

/// Arabic and Hebrew words, with numbers, punctuation and an English name or two: a
/// right-to-left article in which nearly every paragraph needs the bidirectional layout.
const RTL_WORDS: &[&str] = &[
    "الاقتصاد",
    "يثير",
    "الجدل",
    "في",
    "الأسواق،",
    "يقول",
    "الخبراء",
    "إن",
    "النمو",
    "سيتباطأ",
    "2.5%",
    "(بحسب",
    "التقديرات)",
    "«غير",
    "دقيقة»",
    "Joe Biden",
    "השר",
    "אמר",
    "כי",
    "המחירים",
    "ירדו",
    "2025",
    "١٢٣",
];

/// About `bytes` bytes of right-to-left article text, as [`article`] builds its own.
pub fn rtl_article(bytes: usize) -> String {
    generate(RTL_WORDS, bytes)
}

/// A tiny deterministic generator: benchmarks must see the same input every run.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

/// Runs `f` `runs` times and returns the sorted durations.
pub fn sample(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

pub fn median(sorted: &[Duration]) -> Duration {
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(at).copied().unwrap_or_default()
}

/// One row of a benchmark table.
pub fn row(name: &str, value: Duration, budget: Option<Duration>) {
    let verdict = match budget {
        Some(b) if value <= b => format!("within budget {b:?}"),
        Some(b) => format!("OVER budget {b:?}"),
        None => String::new(),
    };
    println!("{name:<58} {:>12} {verdict}", format!("{value:.2?}"));
}

/// Resident memory of this process now, from /proc (Linux); `None` elsewhere.
pub fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
