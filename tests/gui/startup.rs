//! End-to-end start-up time: the release binary under a real X server, `factmark FILE` on a
//! 5 MB article with 10k claims, from launch to the window and to the first usable frame.
//! A measurement, not a check (timings on a shared machine are not tests): ignored, and
//! run by hand as the README says:
//!
//! ```text
//! cargo build --release
//! FACTMARK_BIN=target/release/factmark xvfb-run -a -s "-screen 0 1400x900x24" \
//!   cargo test --release --test gui startup -- --ignored --nocapture
//! ```
//!
//! The app writes its own marks (`FACTMARK_STARTUP_TRACE`): the first frame, the end of
//! the first frame that lays out the document, and the start of the frame after it (the
//! usable frame is on screen by then). From outside, xdotool sees when the window is
//! mapped (eframe maps it once its first frame is painted).

#![allow(
    clippy::print_stdout,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss
)]

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use factmark::format;
use factmark::model::{Article, Claim, Document, Stamp};
use factmark::text::Text;

#[path = "../../benches/support/mod.rs"]
mod support;

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.kill().is_ok() {
            self.0.wait().ok();
        }
    }
}

fn unix_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs_f64()
        * 1000.0
}

/// The stress file of the frame budget: 5 MB of text in nine scripts, 10k claims.
fn write_book(path: &Path) {
    let text = Text::new(support::article(5 * 1024 * 1024));
    let len = text.len_chars();
    let mut document = Document::new(Article::new(text));
    let mut rng = support::Lcg(17);
    let stamp = Stamp::new("timer", chrono::DateTime::UNIX_EPOCH);
    let claims = (0..10_000)
        .map(|_| {
            let start = rng.next() % (len - 200);
            let end = start + 1 + rng.next() % 150;
            Claim::new(
                start,
                end,
                factmark::model::Scale::default_ref()
                    .verdicts()
                    .nth(rng.next() % 4)
                    .cloned()
                    .unwrap_or_default(),
                stamp.clone(),
            )
        })
        .collect();
    assert!(document.insert_claims(claims).is_empty());
    format::save(&document, path).expect("saved");
}

struct Run {
    /// Launch to the window mapped, seen by xdotool.
    mapped: f64,
    /// Launch to the start of `main` (the wall clocks of both processes).
    to_main: f64,
    /// `main` to the first frame.
    first_frame: f64,
    /// `main` to the document's arrival from its background thread.
    document: f64,
    /// First frame to the end of the first usable frame, and to that frame on screen.
    usable_built: f64,
    usable_shown: f64,
    /// How long one look for the window took: how late `mapped` may be.
    poll: f64,
}

impl Run {
    /// Launch to the usable frame on screen.
    fn usable(&self) -> f64 {
        self.to_main + self.first_frame + self.usable_shown
    }
}

fn marks(trace: &Path) -> Vec<(String, f64, f64)> {
    std::fs::read_to_string(trace)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let name = parts.next()?.to_owned();
            let since_main = parts.next()?.parse().ok()?;
            let unix = parts.next()?.parse().ok()?;
            Some((name, since_main, unix))
        })
        .collect()
}

fn one_run(binary: &Path, book: &Path, home: &Path, trace: &Path) -> Run {
    std::fs::remove_file(trace).ok();
    let launched = unix_ms();
    let app = Running(
        Command::new(binary)
            .arg(book)
            .env("HOME", home)
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_DATA_HOME")
            .env("FACTMARK_STARTUP_TRACE", trace)
            .spawn()
            .expect("the app starts"),
    );
    let pid = app.0.id().to_string();
    let start = Instant::now();
    let (mapped, poll) = loop {
        let look = unix_ms();
        let found = Command::new("xdotool")
            .args([
                "search",
                "--onlyvisible",
                "--pid",
                &pid,
                "--name",
                "factmark",
            ])
            .output()
            .expect("xdotool runs");
        if !found.stdout.is_empty() {
            let now = unix_ms();
            break (now - launched, now - look);
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no window");
    };
    let marks = loop {
        let marks = marks(trace);
        if marks.iter().any(|(name, ..)| name == "usable_shown") {
            break marks;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no usable frame");
        std::thread::sleep(Duration::from_millis(5));
    };
    drop(app);
    let at = |wanted: &str| {
        marks
            .iter()
            .find(|(name, ..)| name == wanted)
            .map(|&(_, since_main, unix)| (since_main, unix))
            .expect(wanted)
    };
    let (window, window_unix) = at("window");
    let (document, _) = at("document");
    let (built, _) = at("usable_built");
    let (shown, _) = at("usable_shown");
    Run {
        mapped,
        to_main: (window_unix - window) - launched,
        first_frame: window,
        document,
        usable_built: built - window,
        usable_shown: shown - window,
        poll,
    }
}

/// A row of the printed table: its name and how it is read off a run.
type Row = (&'static str, fn(&Run) -> f64);

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[test]
#[ignore = "a measurement: needs an X display, xdotool and the release binary (FACTMARK_BIN)"]
fn startup_of_a_5_mb_article_with_10k_claims() {
    assert!(std::env::var_os("DISPLAY").is_some(), "run under Xvfb");
    let binary = std::env::var_os("FACTMARK_BIN").expect("FACTMARK_BIN: the release binary");
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("book.factmark.json");
    write_book(&book);
    // A reviewer who has used the app before: the document is usable at once (a new user's
    // first start, with its name prompt, is the real-window test's).
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join(".config/factmark")).expect("mkdir");
    std::fs::write(home.join(".config/factmark/reviewer"), "Timer\n").expect("write");
    let trace = dir.path().join("trace");

    // One run to warm the page cache; the file was just written, so it is warm already.
    one_run(Path::new(&binary), &book, &home, &trace);
    let runs: Vec<Run> = (0..7)
        .map(|_| one_run(Path::new(&binary), &book, &home, &trace))
        .collect();
    let column = |f: fn(&Run) -> f64| median(runs.iter().map(f).collect());
    println!(
        "factmark FILE, 5 MB + 10k claims, medians of {} runs (ms):",
        runs.len()
    );
    let rows: [Row; 9] = [
        ("launch -> main", |r| r.to_main),
        ("main -> document in the UI (read in the background)", |r| {
            r.document
        }),
        ("main -> first frame", |r| r.first_frame),
        ("first frame -> usable frame laid out", |r| r.usable_built),
        ("first frame -> usable frame on screen", |r| r.usable_shown),
        ("launch -> window mapped (xdotool)", |r| r.mapped),
        ("launch -> usable frame on screen", Run::usable),
        (
            "window mapped -> usable frame on screen (budget < 50)",
            |r| r.usable() - r.mapped,
        ),
        ("one xdotool look (how late 'mapped' may be)", |r| r.poll),
    ];
    for (name, value) in rows {
        println!("  {name:<56} {:7.1}", column(value));
    }
}
