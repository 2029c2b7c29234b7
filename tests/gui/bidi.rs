//! Right-to-left text: what the reviewer sees selected is what is saved. The right-most
//! word of an Arabic paragraph is its first; a drag across a Hebrew phrase marks exactly it.

use eframe::egui::{self, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::gui::App;
use factmark::model::Verdict;
use factmark::ops::open::open;

use super::{document, offset_of, tester, views};

/// The box char `at` is drawn in, if on screen.
fn char_rect(harness: &Harness<'_, App>, at: usize) -> Option<egui::Rect> {
    let paragraphs = document(harness).text().paragraphs();
    views(harness).article.glyph_rect(paragraphs, at)
}

pub(super) const ARABIC: &str =
    "الاقتصاد يثير الجدل في الأسواق، يقول الخبراء.\n\nA line in English.\n";
const HEBREW: &str = "השר אמר כי המחירים ירדו השנה בחדות.\n";

fn open_text(text: &str) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("article.txt");
    std::fs::write(&path, text).expect("write");
    let app = App::new(Some(open(&path).expect("opens")), tester());
    (dir, super::harness_for(app))
}

fn press_release(harness: &mut Harness<'_, App>, pos: Pos2, times: usize) {
    harness.hover_at(pos);
    harness.step();
    for _ in 0..times {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        harness.step();
    }
    harness.run();
}

/// The exact text of each claim, in article order.
fn exacts(harness: &Harness<'_, App>) -> Vec<String> {
    let document = document(harness);
    document
        .claims()
        .iter()
        .map(|c| document.exact(c).to_owned())
        .collect()
}

#[test]
fn a_double_click_on_the_right_most_arabic_word_marks_the_first_word() {
    let (_dir, mut harness) = open_text(ARABIC);
    // The right-most thing drawn on the paragraph's line, found from the glyph boxes of
    // every char of the paragraph: a right-to-left paragraph starts at the right.
    let paragraph = 0..ARABIC
        .find('\n')
        .map(|b| ARABIC[..b].chars().count())
        .expect("a line");
    let right = paragraph
        .clone()
        .filter_map(|at| char_rect(&harness, at))
        .max_by(|a, b| a.right().total_cmp(&b.right()))
        .expect("on screen");
    // The English paragraph below starts at the left of the same column.
    let at = offset_of(&mut harness, "A line");
    let english = char_rect(&harness, at).expect("on screen");
    assert!(
        right.right() > english.left() + 300.0,
        "right-aligned: {right:?} {english:?}"
    );

    press_release(&mut harness, right.left_center() + Vec2::new(-8.0, 0.0), 2);
    harness.key_press(Key::Num3);
    harness.run();
    assert_eq!(exacts(&harness), ["الاقتصاد"]);
    let claim = &document(&harness).claims()[0];
    assert_eq!(
        (claim.start, claim.end, claim.verdict.clone()),
        (0, 8, Verdict::INACCURATE)
    );
}

#[test]
fn a_drag_across_a_hebrew_phrase_marks_exactly_it() {
    let (_dir, mut harness) = open_text(HEBREW);
    let start = offset_of(&mut harness, "המחירים");
    let last = offset_of(&mut harness, "ירדו") + "ירדו".chars().count() - 1;
    // Right to left: the phrase begins at the right edge of its first letter and ends at
    // the left edge of its last.
    let from = char_rect(&harness, start).expect("on screen");
    let to = char_rect(&harness, last).expect("on screen");
    assert!(from.left() > to.right(), "the phrase reads from the right");
    let (a, b) = (
        from.right_center() - Vec2::new(1.0, 0.0),
        to.left_center() + Vec2::new(1.0, 0.0),
    );
    super::drag(&mut harness, a, b, Modifiers::NONE);
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(exacts(&harness), ["המחירים ירדו"]);
}

#[test]
fn in_a_right_to_left_paragraph_the_left_arrow_moves_forward() {
    let (_dir, mut harness) = open_text(HEBREW);
    let selected = |h: &Harness<'_, App>| {
        views(h)
            .article
            .selection
            .map(factmark::gui::Selection::range)
    };
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(selected(&harness), Some(1..1));
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(selected(&harness), Some(0..0));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(exacts(&harness), ["השר אמר"]);
}

#[test]
fn text_no_font_can_draw_is_explained_in_the_status_bar() {
    // A machine without CJK and Arabic fonts: egui's own fonts only, missing glyphs as
    // boxes (as the app draws them).
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cjk.txt");
    std::fs::write(&path, "Xi met Putin in 北京.\nقال الوزير\n").expect("write");
    let app = App::new(Some(open(&path).expect("opens")), tester());
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    let (text, error) = super::message(&harness);
    assert!(!error);
    assert!(text.contains("Chinese, Japanese or Korean"), "{text}");
    assert!(text.contains("Arabic"), "{text}");
    assert!(
        text.contains("fonts-noto-cjk") && text.contains("fonts-noto-core"),
        "{text}"
    );

    // With the system's fonts (CI installs both), nothing to say.
    let (_dir, harness) = open_text("Xi met Putin in 北京.\nقال الوزير\n");
    assert!(
        harness
            .state()
            .message()
            .is_none_or(|m| !m.text.contains("font")),
        "{:?}",
        harness.state().message().map(|m| &m.text)
    );
}

#[test]
fn headings_come_through_an_html_import_to_the_file_and_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.html");
    std::fs::write(
        &path,
        "<html><head><title>Report</title></head><body><h1>The parade</h1>\
         <p>Three leaders attended.</p><h2>Who came</h2><ul><li>Kim Jong Un</li><li>Putin</li></ul>\
         <blockquote><p>A quote.</p></blockquote></body></html>",
    )
    .expect("write");
    let app = App::new(Some(open(&path).expect("opens")), tester());
    let mut harness = super::harness_for(app);
    let text = document(&harness).text().as_str().to_owned();
    assert_eq!(
        text,
        "The parade\nThree leaders attended.\nWho came\nKim Jong Un\nPutin\nA quote."
    );

    // The heading is drawn larger than the body text.
    let height = |h: &mut Harness<'_, App>, needle: &str| {
        let at = offset_of(h, needle);
        char_rect(h, at).expect("on screen").height()
    };
    let body = height(&mut harness, "Three");
    assert!(height(&mut harness, "The parade") > body * 1.3);
    assert!(height(&mut harness, "Who came") > body * 1.2);
    // A list item is indented past the body's left edge.
    let left = |h: &mut Harness<'_, App>, needle: &str| {
        let at = offset_of(h, needle);
        char_rect(h, at).expect("on screen").left()
    };
    assert!(left(&mut harness, "Kim") > left(&mut harness, "Three") + 10.0);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    super::wait_for_jobs(&mut harness);
    let saved_path = dir.path().join("report.factmark.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved_path).expect("saved")).expect("json");
    let kinds: Vec<(String, u64)> = json["article"]["blocks"]
        .as_array()
        .expect("blocks saved")
        .iter()
        .map(|b| {
            (
                b["kind"].as_str().unwrap_or_default().to_owned(),
                b["level"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    // The page's first heading is level 2: the readable text keeps level 1 for the
    // article's title, as Reader View does.
    assert_eq!(
        kinds,
        [
            ("heading".to_owned(), 2),
            ("paragraph".to_owned(), 0),
            ("heading".to_owned(), 2),
            ("list_item".to_owned(), 1),
            ("list_item".to_owned(), 1),
            ("quote".to_owned(), 1),
        ]
    );
    // And back: the saved file opens with the same table.
    let reopened = factmark::format::load_file(&saved_path)
        .into_valid()
        .expect("valid");
    assert_eq!(reopened.text().blocks(), document(&harness).text().blocks());
    assert_eq!(reopened.text().blocks().len(), 6);
}

#[test]
fn the_text_size_setting_changes_the_article_and_nothing_else() {
    let (_dir, mut harness) = open_text("A line in English, long enough to see.\n");
    let box_of = |h: &Harness<'_, App>| char_rect(h, 0).expect("on screen");
    let before = box_of(&harness);
    harness
        .state_mut()
        .send(factmark::gui::Command::SetReading(factmark::gui::Reading {
            snap_to_words: true,
            text_size: 24.0,
        }));
    harness.run();
    let after = box_of(&harness);
    assert!(
        after.height() > before.height() * 1.3,
        "{before:?} -> {after:?}"
    );
    assert!((harness.state().prefs().reading.text_size - 24.0).abs() < f32::EPSILON);
    // The offsets are the same: the first char is still char 0, the claim still exact.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(exacts(&harness), ["A"]);
}

#[test]
fn a_title_and_a_verdict_legend_sit_above_a_readable_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wide.html");
    let paragraph = "The minister said that figures rose by three percent. ".repeat(12);
    std::fs::write(
        &path,
        format!("<title>Budget report</title><p>{paragraph}</p>"),
    )
    .expect("write");
    let app = App::new(Some(open(&path).expect("opens")), tester());
    let mut harness = Harness::builder()
        .with_size(Vec2::new(2400.0, 900.0))
        .with_step_dt(1.0 / 30.0)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    assert!(
        harness.query_by_label("Budget report").is_some(),
        "the title is shown"
    );

    // In a wide window the column stays about 90 characters (45 ems of 16 pt) and centres.
    let boxes: Vec<egui::Rect> = (0..paragraph.trim_end().chars().count())
        .filter_map(|at| char_rect(&harness, at))
        .collect();
    let left = boxes.iter().map(egui::Rect::left).fold(f32::MAX, f32::min);
    let right = boxes.iter().map(egui::Rect::right).fold(0.0, f32::max);
    assert!(right - left <= 45.0 * 16.0 + 1.0, "{left}..{right}");
    assert!(left > 600.0, "centred, not against the claim list: {left}");

    // The legend marks the selection as the key does.
    let minister = offset_of(&mut harness, "minister");
    let pos = char_rect(&harness, minister + 2)
        .expect("on screen")
        .center();
    press_release(&mut harness, pos, 2);
    let selected = views(&harness)
        .article
        .selection
        .map(factmark::gui::Selection::range);
    assert_eq!(selected, Some(minister..minister + 8));
    harness.get_by_label("3  Inaccurate").click();
    harness.run();
    assert_eq!(exacts(&harness), ["minister"]);
    assert_eq!(document(&harness).claims()[0].verdict, Verdict::INACCURATE);
}
