//! Headless frame benchmark of the desktop app: egui `Context::run_ui` + tessellate, no
//! window, on generated multi-script articles of 100 KB to 5 MB with 10k and 100k claims.
//!
//! Run with `cargo bench --bench frame`. Each configuration runs in its own process so that
//! its resident memory is its own. Beside each, the naive design (the whole article in one
//! `Label`) is measured in the same run, so the ratio means something on any machine.

// Numbers here are for display: float casts of counts and durations cannot matter.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss
)]

mod support;

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use eframe::egui::{
    self, Event, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, Vec2,
};
use factmark::gui::{App, Command as AppCommand, Prefs};
use factmark::model::{Article, Claim, Document};
use factmark::ops::open::Opened;
use factmark::text::Text;
use support::{Lcg, median, percentile, row, rss_bytes};

const CONFIGS: &[(&str, usize, usize)] = &[
    ("100 KB + 10k claims", 100 * 1024, 10_000),
    ("100 KB, no claims", 100 * 1024, 0),
    ("1 MB + 10k claims", 1024 * 1024, 10_000),
    ("5 MB + 10k claims", 5 * 1024 * 1024, 10_000),
    ("5 MB + 100k claims", 5 * 1024 * 1024, 100_000),
    // Arabic and Hebrew: every paragraph through the bidirectional layout.
    ("5 MB RTL + 10k claims", 5 * 1024 * 1024, 10_000),
    ("5 MB RTL + 100k claims", 5 * 1024 * 1024, 100_000),
];
const NAIVE: &[(&str, usize)] = &[
    ("100 KB", 100 * 1024),
    ("1 MB", 1024 * 1024),
    ("5 MB", 5 * 1024 * 1024),
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--config") {
        let name = args.get(i + 1).map(String::as_str).unwrap_or_default();
        if let Some(&(name, bytes, claims)) = CONFIGS.iter().find(|c| c.0 == name) {
            app_config(name, bytes, claims);
        } else if let Some(&(name, bytes)) = NAIVE.iter().find(|c| c.0 == name) {
            naive_config(name, bytes);
        }
        return;
    }
    println!(
        "budgets: first frame < 100 ms (5 MB + 10k); scrolling median < 1 ms, p90 < 2 ms (5 MB + 100k);"
    );
    println!("         jump/resize < 8 ms; hit-test < 10 µs; resident memory < 100 MB (5 MB);");
    println!("         the same for the right-to-left (RTL) article\n");
    let exe = std::env::current_exe().unwrap();
    for name in CONFIGS.iter().map(|c| c.0).chain(NAIVE.iter().map(|c| c.0)) {
        let output = Command::new(&exe)
            .args(["--config", name])
            .output()
            .unwrap();
        print!("{}", String::from_utf8_lossy(&output.stdout));
        if !output.status.success() {
            println!(
                "{name}: failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

fn input(size: Vec2, events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        events,
        ..RawInput::default()
    }
}

/// One frame: ui and tessellation, as a real frame does before the GPU.
fn frame(ctx: &egui::Context, raw: RawInput, mut ui: impl FnMut(&mut egui::Ui)) -> Duration {
    let start = Instant::now();
    let output = ctx.run_ui(raw, |u| ui(u));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    black_box(primitives);
    start.elapsed()
}

fn wheel(delta: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(Pos2::new(640.0, 400.0)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: Vec2::new(0.0, delta),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        },
    ]
}

fn document(name: &str, bytes: usize, claims: usize) -> Document {
    let text = Text::new(if name.contains("RTL") {
        support::rtl_article(bytes)
    } else {
        support::article(bytes)
    });
    let len = text.len_chars();
    let mut document = Document::new(Article::new(text));
    let mut rng = Lcg(3);
    let stamp = factmark::model::Stamp::new("bench", chrono::DateTime::UNIX_EPOCH);
    let claims = (0..claims)
        .map(|_| {
            let start = rng.next() % (len - 200);
            let end = start + 1 + rng.next() % 120;
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
    document
}

/// A context with the system's fonts, as eframe gives the app, so Arabic, Hebrew and CJK
/// are shaped with real fonts rather than drawn as boxes.
fn context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.add_font_provider(std::sync::Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    ctx
}

fn app_config(name: &str, bytes: usize, claims: usize) {
    let (size, ctx) = (Vec2::new(1280.0, 800.0), context());
    // Fonts are set up on the first frame of any app: not part of opening an article.
    frame(&ctx, input(size, vec![]), |ui| {
        ui.label("warm-up");
    });
    let document = document(name, bytes, claims);
    let ids: Vec<_> = document.claims().iter().map(|c| c.id.clone()).collect();

    let start = Instant::now();
    let mut app = App::new(
        Some(Opened {
            document,
            save_path: None,
            loaded: None,
            note: None,
            update: None,
        }),
        Prefs {
            reviewer: "bench".to_owned(),
            ..Prefs::default()
        },
    );
    frame(&ctx, input(size, vec![]), |ui| {
        app.ui(ui);
    });
    let first = start.elapsed();

    let scroll: Vec<Duration> = (0..300)
        .map(|_| {
            frame(&ctx, input(size, wheel(-60.0)), |ui| {
                app.ui(ui);
            })
        })
        .collect();
    let mut scroll = scroll;
    scroll.sort();

    let mut rng = Lcg(5);
    // (A run without claims jumps to nothing: its row is a baseline for the others.)
    let jump_count = if ids.is_empty() { 0 } else { 40 };
    let mut jumps: Vec<Duration> = (0..jump_count)
        .map(|_| {
            app.send(AppCommand::Show(ids[rng.next() % ids.len()].clone()));
            frame(&ctx, input(size, vec![]), |ui| {
                app.ui(ui);
            })
        })
        .collect();
    jumps.sort();

    let mut resizes: Vec<Duration> = (0..40)
        .map(|i| {
            let width = 1000.0 + 10.0 * (i % 20) as f32;
            frame(&ctx, input(Vec2::new(width, 800.0), vec![]), |ui| {
                app.ui(ui);
            })
        })
        .collect();
    resizes.sort();

    // Hit-test: a screen position to a char offset and the claims there.
    let session = app.session().unwrap();
    let paragraphs = session.document().text().paragraphs();
    let points: Vec<Pos2> = (0..1000)
        .map(|i| Pos2::new(400.0 + (i % 50) as f32 * 8.0, 60.0 + (i / 50) as f32 * 30.0))
        .collect();
    let hits = support::sample(21, || {
        for &p in &points {
            black_box(session.views.article.char_at(paragraphs, black_box(p)));
        }
    });
    let per_hit = median(&hits) / u32::try_from(points.len()).unwrap();

    println!("{name}");
    row(
        "  open to first frame",
        first,
        Some(Duration::from_millis(100)),
    );
    row(
        "  scrolling frame, median",
        median(&scroll),
        Some(Duration::from_millis(1)),
    );
    row(
        "  scrolling frame, p90",
        percentile(&scroll, 0.9),
        Some(Duration::from_millis(2)),
    );
    if !jumps.is_empty() {
        row(
            "  jump to a claim, median",
            median(&jumps),
            Some(Duration::from_millis(8)),
        );
    }
    row(
        "  resize, median",
        median(&resizes),
        Some(Duration::from_millis(8)),
    );
    row(
        "  hit-test a click",
        per_hit,
        Some(Duration::from_micros(10)),
    );
    if let Some(rss) = rss_bytes() {
        println!("{:<58} {:>9} MB", "  resident memory", rss / 1024 / 1024);
    }
}

fn naive_config(name: &str, bytes: usize) {
    let size = Vec2::new(1280.0, 800.0);
    let ctx = egui::Context::default();
    frame(&ctx, input(size, vec![]), |ui| {
        ui.label("warm-up");
    });
    let text = support::article(bytes);
    let mut show = |ui: &mut egui::Ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| ui.label(&text));
        });
    };
    let first = frame(&ctx, input(size, vec![]), &mut show);
    let mut scroll: Vec<Duration> = (0..20)
        .map(|_| frame(&ctx, input(size, wheel(-60.0)), &mut show))
        .collect();
    scroll.sort();
    println!("naive: the whole {name} article in one Label");
    row("  first frame", first, None);
    row("  scrolling frame, median", median(&scroll), None);
    if let Some(rss) = rss_bytes() {
        println!("{:<58} {:>9} MB", "  resident memory", rss / 1024 / 1024);
    }
}
