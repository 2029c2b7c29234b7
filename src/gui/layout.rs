//! One paragraph of the article laid out: its lines, the galleys drawn on each, and the x
//! of every code-point boundary, so a point on screen maps to a logical offset and an
//! offset to the rectangles it covers, both through what is actually painted.
//!
//! A paragraph with no right-to-left text is one wrapped egui galley, as egui lays it out.
//! epaint has no bidirectional support, so a paragraph with right-to-left text is laid out
//! here: the Unicode Bidirectional Algorithm (`text::bidi`) gives each line's visual order,
//! and each word is shaped as a galley of its own, so Arabic letters join within a word
//! (claims never split a galley: highlights are painted behind it) while the order of
//! words, numbers and punctuation is the algorithm's, not the shaper's guess.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{Color32, FontId, Galley, Painter, Pos2, Rect, Ui, Vec2, text::LayoutJob};

use crate::text::bidi::{self, Bidi};

/// How a paragraph is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub font: FontId,
    pub color: Color32,
    /// Width of the text column, indent included.
    pub width: f32,
    /// Space before each line: list items and quotes.
    pub indent: f32,
    /// Drawn twice, a fraction of a point apart: headings (egui's fonts have no bold).
    pub bold: bool,
    /// Height of a line, in points (more than the font's own, for reading).
    pub line_height: f32,
}

impl Style {
    /// A job for `text` in this style; wrapped at `wrap` when there is one.
    fn job(&self, text: String, wrap: Option<f32>) -> LayoutJob {
        let format = eframe::egui::TextFormat {
            font_id: self.font.clone(),
            color: self.color,
            line_height: Some(self.line_height),
            valign: eframe::egui::Align::Center,
            ..Default::default()
        };
        let mut job = LayoutJob::single_section(text, format);
        if let Some(wrap) = wrap {
            job.wrap.max_width = wrap;
        } else {
            job.break_on_newline = false;
        }
        job
    }
}

/// A laid-out paragraph. Offsets are the paragraph's own chars; positions are relative to
/// its top-left corner.
pub struct Laid {
    galleys: Vec<(Vec2, Arc<Galley>)>,
    pub lines: Vec<Line>,
    /// Height of the text (without the gap after the paragraph).
    pub height: f32,
    /// The paragraph's direction is right to left (its lines are right-aligned).
    pub rtl: bool,
    bold: bool,
}

/// One line of a paragraph: a stretch of its chars in logical order, drawn as `spans` left
/// to right.
pub struct Line {
    pub top: f32,
    pub bottom: f32,
    pub chars: Range<usize>,
    pub spans: Vec<Span>,
}

/// Chars drawn in one direction, and the x of each boundary between them.
pub struct Span {
    pub chars: Range<usize>,
    /// `chars.len() + 1` values: `edges[k]` is the x of the boundary before char
    /// `chars.start + k` — its left side when left to right, its right side when right to
    /// left. The last value is the span's other end.
    pub edges: Vec<f32>,
}

impl Span {
    fn x_range(&self) -> (f32, f32) {
        let a = self.edges.first().copied().unwrap_or_default();
        let b = self.edges.last().copied().unwrap_or_default();
        (a.min(b), a.max(b))
    }

    /// The boundary nearest `x`.
    fn offset_at(&self, x: f32) -> usize {
        let nearest = (0..self.edges.len())
            .min_by(|&a, &b| {
                (self.edges[a] - x)
                    .abs()
                    .total_cmp(&(self.edges[b] - x).abs())
            })
            .unwrap_or(0);
        self.chars.start + nearest
    }

    /// The x of boundary `at`, when it is in this span (either end included).
    fn x_of(&self, at: usize) -> Option<f32> {
        at.checked_sub(self.chars.start)
            .and_then(|k| self.edges.get(k))
            .copied()
    }
}

impl Line {
    /// The boundary nearest `x`: inside the span under it, or at the line's nearer end.
    fn offset_at(&self, x: f32) -> usize {
        let last = self.spans.len().saturating_sub(1);
        for (i, span) in self.spans.iter().enumerate() {
            let (left, right) = span.x_range();
            if x < right || i == last {
                return span.offset_at(x.clamp(left, right));
            }
        }
        self.chars.start
    }
}

impl Laid {
    pub fn new(ui: &Ui, text: &str, style: &Style) -> Self {
        if bidi::needs_bidi(text) {
            Self::bidirectional(ui, text, style)
        } else {
            Self::left_to_right(ui, text, style)
        }
    }

    /// egui's own wrapped layout: one galley, one span a row.
    fn left_to_right(ui: &Ui, text: &str, style: &Style) -> Self {
        let wrap = (style.width - style.indent).max(1.0);
        let job = style.job(text.to_owned(), Some(wrap));
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let mut lines = Vec::with_capacity(galley.rows.len());
        let mut first = 0;
        for row in &galley.rows {
            let count = row.char_count_excluding_newline().0;
            let edges = (0..=count)
                .map(|i| style.indent + row.pos.x + row.x_offset(eframe::egui::text::CharIndex(i)))
                .collect();
            let rect = row.rect();
            lines.push(Line {
                top: rect.top(),
                bottom: rect.bottom(),
                chars: first..first + count,
                spans: vec![Span {
                    chars: first..first + count,
                    edges,
                }],
            });
            first += row.char_count_including_newline().0;
        }
        Self {
            height: galley.size().y,
            galleys: vec![(Vec2::new(style.indent, 0.0), galley)],
            lines,
            rtl: false,
            bold: style.bold,
        }
    }

    /// Words shaped one by one, broken into lines, each line put in visual order.
    fn bidirectional(ui: &Ui, text: &str, style: &Style) -> Self {
        let resolved = Bidi::new(text);
        let rtl = resolved.is_rtl();
        let avail = (style.width - style.indent).max(1.0);
        let row_height = style.line_height;
        let atoms = atoms(ui, text, &resolved, style, avail);

        let mut laid = Self {
            galleys: Vec::with_capacity(atoms.len()),
            lines: Vec::new(),
            height: 0.0,
            rtl,
            bold: style.bold,
        };
        let mut y = 0.0;
        for range in break_lines(&atoms, avail) {
            let line_atoms = &atoms[range];
            let (Some(first), Some(last)) = (line_atoms.first(), line_atoms.last()) else {
                continue;
            };
            let bytes = first.bytes.start..last.bytes.end;
            let mut x = 0.0;
            let mut spans = Vec::with_capacity(line_atoms.len());
            let mut galleys = Vec::with_capacity(line_atoms.len());
            for run in resolved.visual_runs(bytes) {
                let from = line_atoms.partition_point(|a| a.bytes.start < run.bytes.start);
                let to = line_atoms.partition_point(|a| a.bytes.start < run.bytes.end);
                let in_run = &line_atoms[from..to.max(from)];
                // The run's direction, not the atom's own: rule L1 puts spaces at a line's
                // end at the paragraph's level.
                let mut place = |atom: &Atom| {
                    let left = x;
                    let edges = atom
                        .advances
                        .iter()
                        .map(|&a| {
                            if run.rtl {
                                left + atom.width - a
                            } else {
                                left + a
                            }
                        })
                        .collect();
                    spans.push(Span {
                        chars: atom.chars.clone(),
                        edges,
                    });
                    galleys.push((left, atom.galley.clone()));
                    x += atom.width;
                };
                if run.rtl {
                    in_run.iter().rev().for_each(&mut place);
                } else {
                    in_run.iter().for_each(&mut place);
                }
            }
            // Right-aligned when right to left; trailing spaces (at the left, rule L1) may hang
            // past the column's edge, as they do past the right of a left-to-right line.
            // The indent of a list item or quote is on the side the lines start from.
            let shift = if rtl { avail - x } else { style.indent };
            for span in &mut spans {
                span.edges.iter_mut().for_each(|e| *e += shift);
            }
            laid.galleys.extend(
                galleys
                    .into_iter()
                    .map(|(left, g)| (Vec2::new(left + shift, y), g)),
            );
            laid.lines.push(Line {
                top: y,
                bottom: y + row_height,
                chars: first.chars.start..last.chars.end,
                spans,
            });
            y += row_height;
        }
        if laid.lines.is_empty() {
            let x = if rtl { avail } else { style.indent };
            laid.lines.push(Line {
                top: 0.0,
                bottom: row_height,
                chars: 0..0,
                spans: vec![Span {
                    chars: 0..0,
                    edges: vec![x],
                }],
            });
            y = row_height;
        }
        laid.height = y;
        laid
    }

    /// Paints the text with its top-left corner at `origin`.
    pub fn paint(&self, painter: &Painter, origin: Pos2, color: Color32) {
        for (offset, galley) in &self.galleys {
            painter.galley(origin + *offset, galley.clone(), color);
            if self.bold {
                painter.galley(
                    origin + *offset + Vec2::new(0.6, 0.0),
                    galley.clone(),
                    color,
                );
            }
        }
    }

    /// The line nearest `y`.
    fn line_at(&self, y: f32) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.bottom <= y);
        self.lines.get(i.min(self.lines.len().saturating_sub(1)))
    }

    /// The boundary between chars nearest a point.
    pub fn offset_at(&self, pos: Vec2) -> usize {
        self.line_at(pos.y).map_or(0, |line| line.offset_at(pos.x))
    }

    /// The char drawn under a point, if one is.
    pub fn char_under(&self, pos: Vec2) -> Option<usize> {
        let line = self.line_at(pos.y)?;
        line.spans.iter().find_map(|span| {
            span.edges
                .windows(2)
                .position(|w| w[0].min(w[1]) <= pos.x && pos.x < w[0].max(w[1]))
                .map(|k| span.chars.start + k)
        })
    }

    /// The line boundary `at` is on: the one it starts, or the last at the very end.
    pub fn line_of(&self, at: usize) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.chars.end <= at);
        self.lines.get(i.min(self.lines.len().saturating_sub(1)))
    }

    /// A zero-width rectangle, a line high, where boundary `at` is drawn.
    pub fn caret(&self, at: usize) -> Option<Rect> {
        let line = self.line_of(at)?;
        let x = line
            .spans
            .iter()
            .find(|s| s.chars.start <= at && at < s.chars.end)
            .or_else(|| line.spans.iter().find(|s| s.chars.end == at))
            .or(line.spans.first())
            .and_then(|s| s.x_of(at.clamp(s.chars.start, s.chars.end)))?;
        Some(Rect::from_x_y_ranges(x..=x, line.top..=line.bottom))
    }

    /// The rectangle of char `at` as drawn; at the paragraph's end, the caret there.
    pub fn char_rect(&self, at: usize) -> Option<Rect> {
        self.rects(at..at + 1)
            .first()
            .copied()
            .or_else(|| self.caret(at))
    }

    /// The rectangles chars `range` cover, line by line and left to right; a range across
    /// a change of direction covers several on one line.
    pub fn rects(&self, range: Range<usize>) -> Vec<Rect> {
        let mut out: Vec<Rect> = Vec::new();
        let first = self.lines.partition_point(|l| l.chars.end <= range.start);
        for line in self.lines.iter().skip(first) {
            if line.chars.start >= range.end {
                break;
            }
            let mut previous: Option<usize> = None;
            for span in &line.spans {
                let (a, b) = (
                    range.start.max(span.chars.start),
                    range.end.min(span.chars.end),
                );
                if a >= b {
                    continue;
                }
                let (Some(x0), Some(x1)) = (span.x_of(a), span.x_of(b)) else {
                    continue;
                };
                let rect = Rect::from_x_y_ranges(x0.min(x1)..=x0.max(x1), line.top..=line.bottom);
                // Pieces that touch are one: a claim of several words is one rectangle.
                match previous.and_then(|p| out.get_mut(p)) {
                    Some(last) if (last.right() - rect.left()).abs() < 0.5 => {
                        last.max.x = rect.right();
                    }
                    _ => {
                        previous = Some(out.len());
                        out.push(rect);
                    }
                }
            }
        }
        out
    }
}

/// A word, or one other char, shaped on its own.
struct Atom {
    chars: Range<usize>,
    bytes: Range<usize>,
    galley: Arc<Galley>,
    width: f32,
    /// Advance from the atom's logical start to each of its boundaries (`chars.len() + 1`).
    advances: Vec<f32>,
    /// Whitespace: may hang past the end of a line, and a line may break after it.
    space: bool,
    /// A line may break before and after it (CJK ideographs, kana, hangul).
    cjk: bool,
}

fn is_word_char(c: char) -> bool {
    super::caret::is_word(c) && !is_cjk(c)
}

/// Ideographs, kana and hangul: a line may break before and after each.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Splits a paragraph into atoms (words of one embedding level, and every other char
/// alone) and shapes each; a word longer than a line is split into its chars.
fn atoms(ui: &Ui, text: &str, resolved: &Bidi<'_>, style: &Style, avail: f32) -> Vec<Atom> {
    let levels = resolved.levels();
    let mut out = Vec::new();
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((index, (byte, c))) = chars.next() {
        let mut end = (index + 1, byte + c.len_utf8());
        if is_word_char(c) {
            while let Some(&(i, (b, next))) = chars.peek() {
                if !is_word_char(next) || levels[b] != levels[byte] {
                    break;
                }
                end = (i + 1, b + next.len_utf8());
                chars.next();
            }
        }
        let rtl = levels[byte].is_rtl();
        let atom = shape(ui, text, index..end.0, byte..end.1, rtl, style);
        if atom.width > avail && atom.chars.len() > 1 {
            let word = &text[atom.bytes.clone()];
            for (k, (b, c)) in word.char_indices().enumerate() {
                let at = byte + b;
                out.push(shape(
                    ui,
                    text,
                    index + k..index + k + 1,
                    at..at + c.len_utf8(),
                    rtl,
                    style,
                ));
            }
        } else {
            out.push(atom);
        }
    }
    out
}

fn shape(
    ui: &Ui,
    text: &str,
    chars: Range<usize>,
    bytes: Range<usize>,
    rtl: bool,
    style: &Style,
) -> Atom {
    let source = &text[bytes.clone()];
    let mut shown: String = source.to_owned();
    if rtl && chars.len() == 1 {
        shown = source.chars().map(bidi::mirror).collect();
    }
    let first = source.chars().next().unwrap_or(' ');
    let job = style.job(shown, None);
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let width = galley.size().x;
    let advances = advances(&galley, source, width);
    Atom {
        chars,
        bytes,
        galley,
        width,
        advances,
        space: first.is_whitespace(),
        cjk: is_cjk(first),
    }
}

/// The advance from the start of `text` to each of its boundaries as `galley` shaped it,
/// in logical order. A glyph names the first char of its cluster; a cluster's advance is
/// shared evenly by its chars (a ligature, a letter and its marks). Right-to-left glyphs
/// come in visual order, so they are read in whichever order matches the text better.
fn advances(galley: &Galley, text: &str, width: f32) -> Vec<f32> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    // Zero-width glyphs are marks or stand-ins epaint adds for a cluster's other chars;
    // the even share below gives those chars their place.
    let mut glyphs: Vec<(char, f32)> = galley
        .rows
        .iter()
        .flat_map(|r| r.glyphs.iter())
        .filter(|g| g.advance_width > 0.0)
        .map(|g| (g.chr, g.advance_width))
        .collect();
    let forward = clusters(&chars, &glyphs);
    glyphs.reverse();
    let backward = clusters(&chars, &glyphs);
    let (_, cluster, starts) = if backward.0 > forward.0 {
        backward
    } else {
        forward
    };

    let total: f32 = cluster.iter().sum();
    let scale = if total > 0.0 { width / total } else { 0.0 };
    let mut out = Vec::with_capacity(n + 1);
    out.push(0.0);
    let mut x = 0.0;
    let mut i = 0;
    while i < n {
        let j = (i + 1..n).find(|&j| starts[j]).unwrap_or(n);
        #[allow(clippy::cast_precision_loss)] // a handful of chars
        let share = cluster[i] * scale / (j - i) as f32;
        for _ in i..j {
            x += share;
            out.push(x);
        }
        i = j;
    }
    out
}

/// Matches glyphs (in the order given) to the chars they start: the number matched, the
/// advance of each cluster (at its first char) and where clusters start.
fn clusters(chars: &[char], glyphs: &[(char, f32)]) -> (usize, Vec<f32>, Vec<bool>) {
    let n = chars.len();
    let mut cluster = vec![0.0_f32; n];
    let mut starts = vec![false; n];
    let (mut matched, mut at, mut next) = (0, 0, 0);
    for &(chr, advance) in glyphs {
        let ahead = chars.get(next..).unwrap_or_default();
        if let Some(found) = ahead.iter().take(8).position(|&c| c == chr) {
            at = next + found;
            next = at + 1;
            matched += 1;
        }
        if let (Some(w), Some(s)) = (cluster.get_mut(at), starts.get_mut(at)) {
            *w += advance;
            *s = true;
        }
    }
    if let Some(s) = starts.first_mut() {
        *s = true;
    }
    (matched, cluster, starts)
}

/// Greedy line breaking: a line may break after whitespace and around CJK; a line holds at
/// least one atom. Returns ranges of atoms.
fn break_lines(atoms: &[Atom], avail: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let (mut start, mut x) = (0, 0.0_f32);
    let mut last_break = None;
    for (i, atom) in atoms.iter().enumerate() {
        if i > start && (atoms[i - 1].space || atoms[i - 1].cjk || atom.cjk) {
            last_break = Some(i);
        }
        if !atom.space && i > start && x + atom.width > avail {
            let cut = last_break.filter(|&b| b > start).unwrap_or(i);
            lines.push(start..cut);
            x = atoms[cut..i].iter().map(|a| a.width).sum();
            start = cut;
            last_break = None;
        }
        x += atom.width;
    }
    if start < atoms.len() {
        lines.push(start..atoms.len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `check` with a laid-out paragraph, with the system's fonts as the app has them.
    pub(crate) fn with_laid(text: &str, width: f32, check: impl FnOnce(&Laid)) {
        let ctx = eframe::egui::Context::default();
        ctx.add_font_provider(Arc::new(
            egui_system_font_provider::SystemFontProvider::new(),
        ));
        let mut check = Some(check);
        let mut output = ctx.run_ui(eframe::egui::RawInput::default(), |ui| {
            let style = Style {
                font: eframe::egui::TextStyle::Body.resolve(ui.style()),
                color: Color32::WHITE,
                width,
                indent: 0.0,
                bold: false,
                line_height: 20.0,
            };
            let laid = Laid::new(ui, text, &style);
            if let Some(check) = check.take() {
                check(&laid);
            }
        });
        output.textures_delta.clear();
    }

    /// The words of each line as drawn, left to right, by the x of their spans.
    fn drawn_words(text: &str, laid: &Laid) -> Vec<Vec<String>> {
        let chars: Vec<char> = text.chars().collect();
        laid.lines
            .iter()
            .map(|line| {
                line.spans
                    .iter()
                    .map(|s| chars[s.chars.clone()].iter().collect::<String>())
                    .filter(|w| !w.trim().is_empty())
                    .collect()
            })
            .collect()
    }

    fn word(text: &str, w: &str) -> Range<usize> {
        let start = text[..text.find(w).expect("in text")].chars().count();
        start..start + w.chars().count()
    }

    #[test]
    fn an_arabic_paragraph_reads_from_the_right_and_its_right_most_word_is_its_first() {
        let text = "الاقتصاد يثير الجدل";
        with_laid(text, 1000.0, |laid| {
            assert!(laid.rtl);
            assert_eq!(drawn_words(text, laid), [["الجدل", "يثير", "الاقتصاد"]]);
            let first = word(text, "الاقتصاد");
            let rects = laid.rects(first.clone());
            assert_eq!(rects.len(), 1);
            // Right-aligned: the first word ends at the right edge of the column.
            assert!((rects[0].right() - 1000.0).abs() < 1.0, "{rects:?}");
            // A point in the middle of the right-most word is inside the first word.
            let at = laid.offset_at(rects[0].center().to_vec2());
            assert!(first.start < at && at < first.end, "{at} in {first:?}");
            // Its right edge is the paragraph's start, its left edge the word's end.
            assert_eq!(laid.offset_at(Vec2::new(rects[0].right() - 0.5, 5.0)), 0);
            assert_eq!(
                laid.offset_at(Vec2::new(rects[0].left() + 0.5, 5.0)),
                first.end
            );
        });
    }

    #[test]
    fn every_boundary_maps_back_to_itself() {
        for text in [
            "plain english text",
            "he said אבג דה today",
            "אב 123 גד (שלום)",
            "قال Joe Biden اليوم",
        ] {
            with_laid(text, 1000.0, |laid| {
                for at in 0..=text.chars().count() {
                    let caret = laid.caret(at).expect("a caret");
                    let back = laid.offset_at(caret.center().to_vec2());
                    // Where two spans meet, one x is two boundaries: either is the same
                    // place on screen.
                    let again = laid.caret(back).expect("a caret");
                    assert!(
                        (again.center().x - caret.center().x).abs() < 0.5,
                        "{text:?} {at} -> {back}"
                    );
                }
            });
        }
    }

    #[test]
    fn a_selection_across_a_direction_change_draws_as_two_pieces() {
        let text = "he said אבג דה today";
        with_laid(text, 1000.0, |laid| {
            // Visually: "he said הד גבא today"; "said אבג" is "said " and then, after the
            // second Hebrew word, "גבא".
            let rects = laid.rects(word(text, "said אבג"));
            assert_eq!(rects.len(), 2, "{rects:?}");
            let dh = laid.rects(word(text, "דה"));
            assert!(
                rects[0].right() <= dh[0].left() + 0.5 && dh[0].right() <= rects[1].left() + 0.5
            );
        });
    }

    #[test]
    fn a_long_right_to_left_paragraph_wraps_right_aligned_and_in_order() {
        let text = "אחת שתיים שלוש ארבע חמש שש שבע שמונה תשע עשר ".repeat(4);
        with_laid(&text, 200.0, |laid| {
            assert!(laid.lines.len() > 2);
            let mut next = 0;
            for line in &laid.lines {
                assert_eq!(line.chars.start, next, "lines follow each other");
                next = line.chars.end;
                let right = line.spans.iter().map(|s| s.x_range().1).fold(0.0, f32::max);
                assert!(right <= 200.5, "{right}");
            }
            assert_eq!(next, text.chars().count());
            // Each line's first word (in logical order) is its right-most.
            for line in &laid.lines {
                let first = line
                    .spans
                    .iter()
                    .filter(|s| !s.edges.is_empty())
                    .min_by_key(|s| s.chars.start)
                    .expect("a span");
                let rightmost = line
                    .spans
                    .iter()
                    .filter(|s| {
                        text.chars()
                            .nth(s.chars.start)
                            .is_some_and(|c| !c.is_whitespace())
                    })
                    .max_by(|a, b| a.x_range().1.total_cmp(&b.x_range().1))
                    .expect("a word");
                assert_eq!(first.chars, rightmost.chars);
            }
        });
    }

    #[test]
    fn plain_text_keeps_one_galley_and_maps_like_egui() {
        let text = "one two three four five six seven eight nine ten";
        with_laid(text, 60.0, |laid| {
            assert!(laid.lines.len() > 2, "the text wraps");
            assert_eq!(laid.galleys.len(), 1);
            let rects = laid.rects(4..30);
            assert!(rects.windows(2).all(|w| w[0].bottom() <= w[1].top() + 0.01));
            let caret = laid.caret(4).expect("caret");
            assert!((rects[0].left() - caret.left()).abs() < 0.01);
        });
    }

    /// Generated mixed lines, wrapped narrow: every char is drawn in one box of its own,
    /// no two boxes of a line overlap, and the char under the middle of each box is that
    /// char. What is hit-tested is what is drawn.
    #[test]
    fn every_char_is_hit_where_it_is_drawn_in_generated_mixed_text() {
        const PIECES: &[&str] = &[
            "the",
            "vote",
            "אבג",
            "שלום",
            "مرحبا",
            "الاقتصاد",
            "لا",
            "123",
            "4.5%",
            "(",
            ")",
            "«",
            "»",
            ",",
            ".",
            " ",
            " ",
            " ",
            "-",
            "Joe",
            "١٢٣",
            "e\u{301}",
            "北京",
            "😀",
            "👩\u{200d}👩\u{200d}👧",
            "🇯🇵",
        ];
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap_or(0) % n
        };
        for case in 0..60 {
            let mut text = String::new();
            for _ in 0..(3 + next(30)) {
                text.push_str(PIECES[next(PIECES.len())]);
                if next(3) > 0 {
                    text.push(' ');
                }
            }
            let width = [80.0, 150.0, 400.0][case % 3];
            let chars: Vec<char> = text.chars().collect();
            with_laid(&text, width, |laid| {
                let mut next_line = 0;
                for line in &laid.lines {
                    assert_eq!(line.chars.start, next_line, "{text:?}");
                    next_line = line.chars.end;
                    let mut boxes: Vec<(usize, Rect)> = Vec::new();
                    for k in line.chars.clone() {
                        let rects = laid.rects(k..k + 1);
                        assert_eq!(rects.len(), 1, "{text:?} char {k}");
                        if rects[0].width() > 0.5 {
                            boxes.push((k, rects[0]));
                        }
                    }
                    for (k, rect) in &boxes {
                        assert_eq!(
                            laid.char_under(rect.center().to_vec2()),
                            Some(*k),
                            "{text:?} char {k} {:?}",
                            chars[*k]
                        );
                    }
                    for (i, (a, ra)) in boxes.iter().enumerate() {
                        for (b, rb) in &boxes[i + 1..] {
                            let overlap = ra.right().min(rb.right()) - ra.left().max(rb.left());
                            assert!(overlap < 0.5, "{text:?}: chars {a} and {b} overlap");
                        }
                    }
                }
                assert_eq!(next_line, chars.len(), "{text:?}");
            });
        }
    }

    #[test]
    fn an_empty_paragraph_has_one_line_and_a_caret() {
        with_laid("", 100.0, |laid| {
            assert_eq!(laid.lines.len(), 1);
            assert!(laid.caret(0).is_some());
            assert_eq!(laid.offset_at(Vec2::new(50.0, 3.0)), 0);
        });
    }
}
