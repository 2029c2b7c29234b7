//! Colours and spacing of the app, in one place: verdict colours for light and dark themes.

use eframe::egui::{Color32, Visuals};

use crate::model::{Scale, Verdict};

/// What people read for a verdict on `scale` ([`Scale::label`]), its words in display
/// order: a team's right-to-left label of several words reads right in egui's labels.
pub fn shown_label<'a>(scale: &'a Scale, verdict: &'a Verdict) -> std::borrow::Cow<'a, str> {
    crate::text::bidi::display_order(scale.label(verdict))
}

/// The strong colour of a verdict on `scale`: list markers, outlines, the status bar
/// ([`Scale::color`], for the theme's background).
pub fn verdict_color(scale: &Scale, verdict: &Verdict, visuals: &Visuals) -> Color32 {
    let [r, g, b] = scale.color(verdict, visuals.dark_mode);
    Color32::from_rgb(r, g, b)
}

/// The highlight behind claimed text; `depth` is how many claims cover it, so overlaps
/// read darker.
pub fn highlight(scale: &Scale, verdict: &Verdict, depth: usize, visuals: &Visuals) -> Color32 {
    let alpha = match depth {
        0 | 1 => 60,
        2 => 110,
        _ => 150,
    };
    verdict_color(scale, verdict, visuals).gamma_multiply_u8(alpha)
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

/// The colour of reviewer `i`'s lane and legend in a comparison: distinct hues, readable
/// on the theme's background.
pub fn lane_color(i: usize, visuals: &Visuals) -> Color32 {
    const LIGHT: [[u8; 3]; 6] = [
        [31, 119, 180],
        [214, 39, 40],
        [44, 160, 44],
        [148, 103, 189],
        [255, 127, 14],
        [23, 190, 207],
    ];
    let [r, g, b] = LIGHT[i % LIGHT.len()];
    if visuals.dark_mode {
        // Lighter on a dark background.
        let up = |c: u8| c / 2 + 110;
        Color32::from_rgb(up(r), up(g), up(b))
    } else {
        Color32::from_rgb(r, g, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_scale_keeps_its_colours_and_ramps_run_red_to_green() {
        let light = Visuals::light();
        let scale = Scale::default_ref();
        let color = |v: &str| verdict_color(scale, &Verdict::new(v), &light);
        assert_eq!(color("verified"), Color32::from_rgb(30, 140, 60));
        assert_eq!(color("disputed"), Color32::from_rgb(190, 120, 0));
        assert_eq!(color("inaccurate"), Color32::from_rgb(200, 40, 40));
        assert_eq!(color("unreviewed"), Color32::from_gray(110));
        let meter = Scale::preset("truth-o-meter").unwrap();
        for visuals in [Visuals::light(), Visuals::dark()] {
            let colors: Vec<_> = meter
                .levels
                .iter()
                .map(|l| verdict_color(&meter, &l.id, &visuals))
                .collect();
            // Each level its own colour, red falling and green rising along the ratings.
            for pair in colors.windows(2) {
                assert_ne!(pair[0], pair[1]);
                assert!(pair[0].g() <= pair[1].g() || pair[0].r() >= pair[1].r());
            }
            assert!(colors[0].r() > colors[0].g());
            assert!(colors[5].g() > colors[5].r());
        }
        let meta = Scale::preset("meta").unwrap();
        let colors: std::collections::HashSet<_> = meta
            .levels
            .iter()
            .map(|l| verdict_color(&meta, &l.id, &light))
            .collect();
        assert_eq!(colors.len(), 6);
    }

    #[test]
    fn a_right_to_left_label_of_several_words_is_shown_in_display_order() {
        let mut scale = Scale::preset("meta").unwrap();
        // "partly false": two Arabic words, which egui would draw in the wrong order.
        "صحيح جزئيا".clone_into(&mut scale.levels[2].label);
        "北京 😀".clone_into(&mut scale.levels[3].label);
        let partly = scale.levels[2].id.clone();
        assert_eq!(shown_label(&scale, &partly), "جزئيا صحيح");
        let other = scale.levels[3].id.clone();
        assert_eq!(
            shown_label(&scale, &other),
            "北京 😀",
            "left to right stays as it is"
        );
    }
}
