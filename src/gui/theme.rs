//! Colours and spacing of the app, in one place: verdict colours for light and dark themes.

use eframe::egui::{Color32, Visuals};

use crate::model::Verdict;

/// The strong colour of a verdict: list markers, outlines, the status bar.
pub fn verdict_color(verdict: Verdict, visuals: &Visuals) -> Color32 {
    let dark = visuals.dark_mode;
    match verdict {
        Verdict::Verified if dark => Color32::from_rgb(90, 200, 120),
        Verdict::Verified => Color32::from_rgb(30, 140, 60),
        Verdict::Disputed if dark => Color32::from_rgb(240, 180, 60),
        Verdict::Disputed => Color32::from_rgb(190, 120, 0),
        Verdict::Inaccurate if dark => Color32::from_rgb(240, 100, 90),
        Verdict::Inaccurate => Color32::from_rgb(200, 40, 40),
        Verdict::Unreviewed if dark => Color32::from_gray(170),
        Verdict::Unreviewed => Color32::from_gray(110),
    }
}

/// The highlight behind claimed text; `depth` is how many claims cover it, so overlaps
/// read darker.
pub fn highlight(verdict: Verdict, depth: usize, visuals: &Visuals) -> Color32 {
    let alpha = match depth {
        0 | 1 => 60,
        2 => 110,
        _ => 150,
    };
    verdict_color(verdict, visuals).gamma_multiply_u8(alpha)
}

/// The reviewer's selection, before it is a claim.
pub fn selection(visuals: &Visuals) -> Color32 {
    visuals.selection.bg_fill.gamma_multiply(0.7)
}

/// Space after each paragraph, in rows.
pub const PARAGRAPH_GAP_ROWS: f32 = 0.6;

/// The widest the article's text column grows, in ems of its font: about 90 characters.
pub const MEASURE_EMS: f32 = 45.0;

/// Line height of the article's text, in ems: looser than a label's, for long reading.
pub const LINE_SPACING: f32 = 1.5;

/// The article's text: darker (lighter) than egui's labels for contrast over long reading.
pub fn reading_text(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(225)
    } else {
        Color32::from_gray(25)
    }
}
