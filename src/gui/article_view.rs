//! The article: a virtualized view of the whole text with claims highlighted, and the app's
//! own selection in code points.
//!
//! Only the paragraphs in view are laid out each frame (egui caches their galleys); a height
//! table, estimated until a paragraph has been seen, places everything else. One big label
//! would cost seconds and hundreds of megabytes on a book-length article. Byte offsets live
//! only here and in `text`: egui galleys count chars, and every conversion to article
//! offsets adds the paragraph's first char.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{
    self, Color32, CursorIcon, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2,
};

use super::actions::CaretMove;
use super::caret;
use super::layout::{Laid, Style};
use super::prefs::Reading;
use super::theme;
use crate::model::{Claim, ClaimId, Document, Scale, for_each_stretch};
use crate::text::{Block, BlockKind, Paragraph, Text};

/// A selection: where the drag started and where it is now (code points, either order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn range(self) -> std::ops::Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }

    pub fn is_empty(self) -> bool {
        self.anchor == self.head
    }

    /// An empty selection at `at`: where a click landed, for Shift+click to extend.
    pub fn caret(at: usize) -> Self {
        Self {
            anchor: at,
            head: at,
        }
    }
}

/// What the user did in the view this frame.
#[derive(Debug, Default)]
pub struct ViewOutput {
    /// A click on claimed text selects the innermost claim there.
    pub clicked_claim: Option<ClaimId>,
    /// A click on unclaimed text.
    pub clicked_nothing: bool,
    /// Text in view has characters no loaded font can draw: what to tell the reviewer
    /// (once an article).
    pub missing_fonts: Option<String>,
}

/// A keyboard scroll of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scroll {
    PageDown,
    PageUp,
    Top,
    Bottom,
}

/// A paragraph laid out this frame.
struct Shown {
    index: usize,
    /// Top-left of the paragraph in screen coordinates.
    origin: Pos2,
    laid: Arc<Laid>,
}

/// What every paragraph of a frame is laid out with.
struct Metrics {
    font: FontId,
    color: Color32,
    row_height: f32,
    gap: f32,
    /// Width of the text column.
    width: f32,
}

/// A paragraph's layout, kept while it stays in view.
struct Cached {
    source: String,
    style: Style,
    laid: Arc<Laid>,
}

/// One reviewer's claims, for a lane: spans in article order and the longest one's
/// length (so the spans on a paragraph are found without scanning them all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lane {
    pub spans: Vec<(usize, usize)>,
    pub longest: usize,
}

impl Lane {
    pub fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let longest = spans.iter().map(|(s, e)| e - s).max().unwrap_or(0);
        Self { spans, longest }
    }
}

/// The parts of each lane's spans on the characters `chars`, relative to its start: (lane,
/// range).
pub fn lane_marks(
    lanes: &[Lane],
    chars: std::ops::Range<usize>,
) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut marks = Vec::new();
    for (i, lane) in lanes.iter().enumerate() {
        let from = lane
            .spans
            .partition_point(|s| s.0 + lane.longest <= chars.start);
        let to = lane.spans.partition_point(|s| s.0 < chars.end);
        for &(start, end) in lane.spans.get(from..to).unwrap_or_default() {
            let (start, end) = (start.max(chars.start), end.min(chars.end));
            if start < end {
                marks.push((i, start - chars.start..end - chars.start));
            }
        }
    }
    marks
}

#[derive(Default)]
pub struct ArticleView {
    /// Wrap width the heights were measured at.
    width: f32,
    /// Height of each paragraph (with its gap); exact once laid out, estimated before.
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is the y of paragraph `i` from the top of the article; one more entry
    /// than paragraphs, the last being the total height.
    tops: Vec<f32>,
    shown: Vec<Shown>,
    /// Layouts of the paragraphs shown last frame, by index; dropped when out of view.
    cache: HashMap<usize, Cached>,
    /// The zoom the cache was laid out at.
    cache_zoom: f32,
    pub selection: Option<Selection>,
    /// The user is dragging out a selection right now.
    dragging: bool,
    /// A char offset to bring into view, and how many more frames may be spent on it:
    /// heights above it are estimates until laid out, so the aim is corrected until the
    /// target's position stops moving.
    scroll_to: Option<(usize, u8)>,
    /// For claims overlapping a paragraph without scanning them all: the largest end
    /// among claims `0..=i`, in article order. Rebuilt when the claims change.
    max_end: Vec<usize>,
    claims_revision: Option<u64>,
    /// First char of the paragraph at the top of the view last frame: kept in view when a
    /// new width changes every height.
    top_char: usize,
    /// A keyboard scroll to make next frame.
    scroll: Option<Scroll>,
    /// The scroll offset and the height of the view, as the last frame left them.
    offset: f32,
    page: f32,
    /// Frames left to keep the end in view after a scroll to the bottom: the heights of
    /// the last paragraphs are estimates until they are laid out there.
    bottom_frames: u8,
    /// Where the drag being made started, before snapping to words.
    drag_origin: usize,
    /// The article's area on screen, as last shown.
    view: Option<Rect>,
    /// While reviewers are compared: each reviewer's claims as a thin lane under the
    /// lines, in the reviewer's colour.
    pub lanes: Option<std::sync::Arc<[Lane]>>,
    /// Characters already checked for a font that draws them.
    checked: std::collections::HashSet<char>,
    /// The scripts found without a font, told once.
    missing: Vec<&'static str>,
    missing_told: bool,
}

impl ArticleView {
    pub fn is_dragging(&self) -> bool {
        self.dragging
    }

    /// Scrolls so that code point `char_offset` is in view.
    pub fn scroll_to(&mut self, char_offset: usize) {
        self.scroll_to = Some((char_offset, 8));
    }

    /// Scrolls by a page, or to the start or the end, next frame.
    pub fn scroll(&mut self, scroll: Scroll) {
        self.scroll = Some(scroll);
    }

    /// How far the article is scrolled, in points from its top (as last shown).
    pub fn offset(&self) -> f32 {
        self.offset
    }

    /// Shows the article. `revision` changes whenever the claims do.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        revision: u64,
        selected: Option<&ClaimId>,
        reading: Reading,
    ) -> ViewOutput {
        let text = document.text();
        let paragraphs = text.paragraphs();
        if self.heights.len() != paragraphs.len() {
            *self = Self {
                selection: self.selection,
                scroll_to: self.scroll_to,
                ..Self::default()
            };
        }
        self.refresh_claims(document, revision);

        let mut font = egui::TextStyle::Body.resolve(ui.style());
        font.size = reading.text_size;
        let text_color = theme::reading_text(ui.visuals());
        let row_height = font.size * theme::LINE_SPACING;
        let gap = row_height * theme::PARAGRAPH_GAP_ROWS;
        let mut output = ViewOutput::default();

        let mut scroll = egui::ScrollArea::vertical()
            .auto_shrink(false)
            .id_salt("article");
        let mut aiming = None;
        if let Some((target, frames_left)) = self.scroll_to.take()
            && let Some(p) = text.paragraph_at_char(target)
        {
            // The table as the last frame left it (measured at the width inside the scroll
            // bar); on the first frame there is none yet and the aim is corrected next frame.
            let y = self.tops.get(p).copied().unwrap_or(0.0);
            scroll = scroll.vertical_scroll_offset((y - 3.0 * row_height).max(0.0));
            aiming = Some((target, frames_left, p, y));
        } else if let Some(by) = self.scroll.take() {
            self.bottom_frames = if by == Scroll::Bottom {
                self.bottom_frames.checked_sub(1).unwrap_or(8)
            } else {
                0
            };
            scroll = scroll.vertical_scroll_offset(self.keyboard_offset(by, row_height));
        }

        let zoom = ui.ctx().pixels_per_point();
        if (zoom - self.cache_zoom).abs() > f32::EPSILON {
            self.cache.clear();
            self.cache_zoom = zoom;
        }
        let shown = scroll.show_viewport(ui, |ui, viewport| {
            let full = ui.available_width().max(50.0);
            // A readable measure: the column stops growing at about 90 characters and
            // centres in a wider window.
            let width = full.min(font.size * theme::MEASURE_EMS);
            let margin = ((full - width) / 2.0).max(0.0);
            if self.ensure_table(paragraphs, width, row_height, gap, &font) {
                // Every height was re-estimated: what was in view is elsewhere now. Aim
                // again next frame at the target, or at what the reviewer was reading.
                let target = aiming.take().map_or(self.top_char, |(target, ..)| target);
                self.scroll_to = Some((target, 8));
                ui.ctx().request_repaint();
            }
            let total = self.tops.last().copied().unwrap_or(0.0);
            let (rect, response) =
                ui.allocate_exact_size(Vec2::new(full, total), Sense::click_and_drag());
            let origin = rect.min + Vec2::new(margin, 0.0);
            let metrics = Metrics {
                font: font.clone(),
                color: text_color,
                row_height,
                gap,
                width,
            };
            let changed = self.show_paragraphs(ui, document, viewport, origin, &metrics);
            if changed {
                self.rebuild_tops();
                if self.bottom_frames > 0 {
                    self.scroll = Some(Scroll::Bottom);
                    ui.ctx().request_repaint();
                }
            }
            if let Some(top) = self.shown.first().and_then(|s| paragraphs.get(s.index)) {
                self.top_char = top.char_start;
            }
            // Aim again next frame until the target is laid out where it was aimed at.
            if let Some((target, frames_left, p, y)) = aiming {
                let moved = self.tops.get(p).is_none_or(|&now| (now - y).abs() > 0.5);
                let seen = self.shown.iter().any(|s| s.index == p);
                if (moved || !seen) && frames_left > 0 {
                    self.scroll_to = Some((target, frames_left - 1));
                    ui.ctx().request_repaint();
                }
            }
            if let Some(id) = selected
                && let Some(claim) = document.claim(id)
            {
                self.outline(ui, paragraphs, document.scale(), claim);
            }
            self.interact(
                ui,
                &response,
                document,
                selected,
                reading.snap_to_words,
                &mut output,
            );
            self.paint_caret(ui, paragraphs);
        });
        output.missing_fonts = self.missing_fonts_message();
        self.offset = shown.state.clamped_offset().y;
        self.view = Some(shown.inner_rect);
        self.page = shown.inner_rect.height();
        output
    }

    /// Lays out and paints the paragraphs in `viewport`; true when a height changed.
    fn show_paragraphs(
        &mut self,
        ui: &Ui,
        document: &Document,
        viewport: Rect,
        origin: Pos2,
        metrics: &Metrics,
    ) -> bool {
        let text = document.text();
        let paragraphs = text.paragraphs();
        let mut cache = std::mem::take(&mut self.cache);
        self.shown.clear();
        let first = self
            .tops
            .partition_point(|&t| t <= viewport.min.y)
            .saturating_sub(1);
        let mut y = self.tops.get(first).copied().unwrap_or(0.0);
        let mut changed = false;
        for (index, paragraph) in paragraphs.iter().enumerate().skip(first) {
            if y > viewport.max.y {
                break;
            }
            // The layout holds only the text, so it is kept whatever happens to the
            // claims, and a script's shaping never breaks at a claim's edge; highlights
            // are painted behind it.
            let source = text.as_str().get(paragraph.bytes()).unwrap_or_default();
            let block = (paragraph.char_start < paragraph.char_end)
                .then(|| text.block_at(paragraph.char_start))
                .flatten();
            let style = block_style(block, metrics);
            let laid = self.laid(ui, &mut cache, index, source, style.clone());
            let height = laid.height.max(metrics.row_height) + metrics.gap;
            if !self.measured[index] || (self.heights[index] - height).abs() > 0.1 {
                self.heights[index] = height;
                self.measured[index] = true;
                changed = true;
            }
            let pos = origin + Vec2::new(0.0, y);
            if let Some(block) = block {
                paint_block_mark(ui, block, paragraph, &laid, &style, pos);
            }
            self.paint_runs(ui, document, paragraph, &laid, pos);
            self.paint_lanes(ui, paragraph, &laid, pos);
            laid.paint(ui.painter(), pos, metrics.color);
            self.shown.push(Shown {
                index,
                origin: pos,
                laid,
            });
            y += height;
        }
        changed
    }

    /// Paragraph `index` laid out: as last frame left it when nothing it depends on
    /// changed (`cache` holds last frame's), else anew.
    fn laid(
        &mut self,
        ui: &Ui,
        cache: &mut HashMap<usize, Cached>,
        index: usize,
        source: &str,
        style: Style,
    ) -> Arc<Laid> {
        let cached = match cache.remove(&index) {
            Some(c) if c.style == style && c.source == source => c,
            _ => {
                self.check_fonts(ui, source, &style.font);
                Cached {
                    laid: Arc::new(Laid::new(ui, source, &style)),
                    source: source.to_owned(),
                    style,
                }
            }
        };
        let laid = cached.laid.clone();
        self.cache.insert(index, cached);
        laid
    }

    /// Notes the scripts of `source` that no loaded font draws.
    fn check_fonts(&mut self, ui: &Ui, source: &str, font: &FontId) {
        for c in source.chars() {
            if c.is_whitespace() || c.is_control() || !self.checked.insert(c) {
                continue;
            }
            if !ui.fonts_mut(|f| f.has_glyph(font, c)) {
                let script = script_of(c);
                if !self.missing.contains(&script) {
                    self.missing.push(script);
                }
            }
        }
    }

    /// What to tell the reviewer about missing fonts, the first time there is something.
    fn missing_fonts_message(&mut self) -> Option<String> {
        if self.missing_told || self.missing.is_empty() {
            return None;
        }
        self.missing_told = true;
        let packages: Vec<&str> = self
            .missing
            .iter()
            .map(|s| {
                if *s == CJK {
                    "fonts-noto-cjk"
                } else {
                    "fonts-noto-core"
                }
            })
            .fold(Vec::new(), |mut v, p| {
                if !v.contains(&p) {
                    v.push(p);
                }
                v
            });
        Some(format!(
            "No installed font draws the {} text of this article, so it shows as boxes: \
             install {} (Debian, Ubuntu: apt install {}) and restart factmark.",
            self.missing.join(" and "),
            packages.join(" and "),
            packages.join(" ")
        ))
    }

    /// Where a keyboard scroll goes from the offset the last frame left. A page is the
    /// view less a line of overlap, so no line is skipped unread.
    fn keyboard_offset(&self, by: Scroll, row_height: f32) -> f32 {
        let page = (self.page - row_height).max(row_height);
        let total = self.tops.last().copied().unwrap_or(0.0);
        let offset = match by {
            Scroll::PageDown => self.offset + page,
            Scroll::PageUp => self.offset - page,
            Scroll::Top => 0.0,
            Scroll::Bottom => total,
        };
        offset.clamp(0.0, (total - self.page).max(0.0))
    }

    /// Rebuilds the index of claims by end when the claims have changed.
    fn refresh_claims(&mut self, document: &Document, revision: u64) {
        if self.claims_revision != Some(revision) {
            self.max_end = document
                .claims()
                .iter()
                .scan(0, |max, c| {
                    *max = (*max).max(c.end);
                    Some(*max)
                })
                .collect();
            self.claims_revision = Some(revision);
        }
    }

    /// The height table for this width: re-estimated when the width changes. Returns true
    /// when an existing table was re-estimated (so positions moved).
    fn ensure_table(
        &mut self,
        paragraphs: &[Paragraph],
        width: f32,
        row_height: f32,
        gap: f32,
        font: &FontId,
    ) -> bool {
        if self.heights.len() == paragraphs.len() && (self.width - width).abs() < 0.5 {
            return false;
        }
        let existed = self.heights.len() == paragraphs.len();
        self.width = width;
        // About half an em per character; exact once a paragraph is seen.
        let per_row = (width / (font.size * 0.5)).max(1.0);
        self.heights = paragraphs
            .iter()
            .map(|p| {
                #[allow(clippy::cast_precision_loss)] // an estimate, replaced once seen
                let chars = (p.char_end - p.char_start) as f32;
                (chars / per_row).ceil().max(1.0) * row_height + gap
            })
            .collect();
        self.measured = vec![false; paragraphs.len()];
        self.rebuild_tops();
        existed
    }

    fn rebuild_tops(&mut self) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(y);
        for h in &self.heights {
            y += h;
            self.tops.push(y);
        }
    }

    /// Claims overlapping `chars`, in article order.
    fn claims_in<'d>(
        &self,
        document: &'d Document,
        chars: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &'d Claim> {
        let claims = document.claims();
        let from = self.max_end.partition_point(|&end| end <= chars.start);
        let to = claims.partition_point(|c| c.start < chars.end.max(chars.start + 1));
        claims
            .get(from..to.max(from))
            .unwrap_or_default()
            .iter()
            .filter(move |c| c.end > chars.start)
    }

    /// The runs of one paragraph that look different: each claim boundary and selection
    /// edge starts a new run. Offsets are the paragraph's own chars.
    fn runs(
        &self,
        document: &Document,
        paragraph: &Paragraph,
        visuals: &egui::Visuals,
    ) -> Vec<Run> {
        let chars = paragraph.chars();
        let claims: Vec<&Claim> = self.claims_in(document, chars.clone()).collect();
        let selection = self
            .selection
            .map(Selection::range)
            .filter(|r| !r.is_empty() && r.start < chars.end && r.end > chars.start);
        if claims.is_empty() && selection.is_none() {
            return Vec::new();
        }

        let edges: Vec<usize> = selection.iter().flat_map(|s| [s.start, s.end]).collect();
        let mut runs = Vec::new();
        for_each_stretch(&claims, chars.clone(), &edges, |stretch, covering| {
            let selected = selection
                .as_ref()
                .is_some_and(|s| s.start <= stretch.start && s.end >= stretch.end);
            // The innermost claim's verdict colours the run; depth darkens overlaps.
            let innermost = covering.iter().min_by_key(|c| c.end - c.start);
            let background = if selected {
                theme::selection(visuals)
            } else if let Some(c) = innermost {
                theme::highlight(document.scale(), &c.verdict, covering.len(), visuals)
            } else {
                return;
            };
            runs.push(Run {
                chars: stretch.start - chars.start..stretch.end - chars.start,
                background,
                underline: covering.len() > 1,
            });
        });
        runs
    }

    /// Paints a paragraph's highlights (and the underline of overlaps) behind its text.
    fn paint_runs(
        &self,
        ui: &Ui,
        document: &Document,
        paragraph: &Paragraph,
        laid: &Laid,
        pos: Pos2,
    ) {
        let visuals = ui.visuals();
        let runs = self.runs(document, paragraph, visuals);
        if runs.is_empty() {
            return;
        }
        // One mesh of plain quads: a dense paragraph has hundreds of runs, and shapes
        // would each be tessellated with anti-aliased edges that axis-aligned boxes
        // don't need.
        let mut mesh = egui::Mesh::default();
        for run in runs {
            for rect in laid.rects(run.chars.clone()) {
                let rect = rect.translate(pos.to_vec2());
                mesh.add_colored_rect(rect, run.background);
                if run.underline {
                    let line = Rect::from_x_y_ranges(
                        rect.x_range(),
                        rect.bottom() - 2.0..=rect.bottom() - 0.5,
                    );
                    mesh.add_colored_rect(line, visuals.text_color());
                }
            }
        }
        ui.painter().add(egui::Shape::mesh(mesh));
    }

    /// Paints each compared reviewer's claims on a paragraph as thin bars under its lines,
    /// one lane below the other.
    fn paint_lanes(&self, ui: &Ui, paragraph: &Paragraph, laid: &Laid, pos: Pos2) {
        let Some(lanes) = &self.lanes else {
            return;
        };
        let marks = lane_marks(lanes, paragraph.chars());
        if marks.is_empty() {
            return;
        }
        let mut mesh = egui::Mesh::default();
        for (lane, chars) in marks {
            let color = theme::lane_color(lane, ui.visuals());
            #[allow(clippy::cast_precision_loss)]
            let y = 1.0 + 3.0 * lane as f32;
            for rect in laid.rects(chars) {
                let rect = rect.translate(pos.to_vec2());
                let bar = Rect::from_x_y_ranges(
                    rect.x_range(),
                    rect.bottom() + y..=rect.bottom() + y + 2.0,
                );
                mesh.add_colored_rect(bar, color);
            }
        }
        ui.painter().add(egui::Shape::mesh(mesh));
    }

    /// Outlines the selected claim wherever it is on screen.
    fn outline(&self, ui: &Ui, paragraphs: &[Paragraph], scale: &Scale, claim: &Claim) {
        let stroke = Stroke::new(
            2.0,
            theme::verdict_color(scale, &claim.verdict, ui.visuals()),
        );
        for shown in &self.shown {
            let Some(p) = paragraphs.get(shown.index) else {
                continue;
            };
            let (start, end) = (claim.start.max(p.char_start), claim.end.min(p.char_end));
            if start >= end {
                continue;
            }
            let (start, end) = (start - p.char_start, end - p.char_start);
            for rect in shown.laid.rects(start..end) {
                ui.painter().rect_stroke(
                    rect.translate(shown.origin.to_vec2()).expand(1.0),
                    2.0,
                    stroke,
                    StrokeKind::Outside,
                );
            }
        }
    }

    /// The code point under a screen position, if a paragraph on screen is there.
    pub fn char_at(&self, paragraphs: &[Paragraph], pos: Pos2) -> Option<usize> {
        let shown = self
            .shown
            .iter()
            .take_while(|s| s.origin.y <= pos.y)
            .last()
            .or_else(|| self.shown.first())?;
        let paragraph = paragraphs.get(shown.index)?;
        let local = shown.laid.offset_at(pos - shown.origin);
        Some((paragraph.char_start + local).min(paragraph.char_end))
    }

    /// Where the boundary before code point `char_offset` is drawn, if it is on screen: a
    /// zero-width rectangle a line high (the caret's place).
    pub fn char_rect(&self, paragraphs: &[Paragraph], char_offset: usize) -> Option<Rect> {
        self.on_screen(paragraphs, char_offset, Laid::caret)
    }

    /// The box code point `char_offset` is drawn in, if it is on screen.
    pub fn glyph_rect(&self, paragraphs: &[Paragraph], char_offset: usize) -> Option<Rect> {
        self.on_screen(paragraphs, char_offset, Laid::char_rect)
    }

    fn on_screen(
        &self,
        paragraphs: &[Paragraph],
        char_offset: usize,
        rect: impl Fn(&Laid, usize) -> Option<Rect>,
    ) -> Option<Rect> {
        self.shown.iter().find_map(|shown| {
            let p = paragraphs.get(shown.index)?;
            if !(p.char_start..=p.char_end).contains(&char_offset) {
                return None;
            }
            let found = rect(&shown.laid, char_offset - p.char_start)?;
            Some(found.translate(shown.origin.to_vec2()))
        })
    }

    /// The caret: a thin line where the selection's head is.
    fn paint_caret(&self, ui: &Ui, paragraphs: &[Paragraph]) {
        let Some(selection) = self.selection else {
            return;
        };
        if let Some(rect) = self.char_rect(paragraphs, selection.head) {
            let stroke = Stroke::new(1.5, ui.visuals().text_color());
            ui.painter().vline(rect.center().x, rect.y_range(), stroke);
        }
    }

    /// The code point drawn under a screen position, if any.
    fn char_under(&self, paragraphs: &[Paragraph], pos: Pos2) -> Option<usize> {
        let shown = self
            .shown
            .iter()
            .find(|s| s.origin.y <= pos.y && pos.y < s.origin.y + s.laid.height)?;
        let paragraph = paragraphs.get(shown.index)?;
        let local = shown.laid.char_under(pos - shown.origin)?;
        Some(paragraph.char_start + local)
    }

    fn interact(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        document: &Document,
        selected: Option<&ClaimId>,
        snap_to_words: bool,
        output: &mut ViewOutput,
    ) {
        let text = document.text();
        let paragraphs = text.paragraphs();
        if response.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Text);
        }
        let Some(pos) = response.interact_pointer_pos().or(response.hover_pos()) else {
            return;
        };
        let Some(at) = self.char_at(paragraphs, pos) else {
            return;
        };
        let under = self.char_under(paragraphs, pos);
        let (shift, alt) = ui.input(|i| (i.modifiers.shift, i.modifiers.alt));
        self.dragging = response.dragged();
        if response.drag_started() {
            // The drag is recognised only after the pointer has moved a little: anchor it
            // where the button went down, not where the drag was noticed.
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .and_then(|p| self.char_at(paragraphs, p))
                .unwrap_or(at);
            self.drag_origin = match self.selection {
                Some(s) if shift => s.anchor,
                _ => origin,
            };
            self.drag_to(text, at, snap_to_words && !alt);
        } else if response.dragged() {
            self.drag_to(text, at, snap_to_words && !alt);
        } else if response.double_clicked() {
            let word = caret::word_at(text, under.unwrap_or(at));
            self.selection = Some(Selection {
                anchor: word.start,
                head: word.end,
            });
        } else if response.clicked() {
            if shift && let Some(s) = &mut self.selection {
                s.head = at;
                return;
            }
            // A click leaves an empty selection where it landed, so Shift+click extends
            // from there and Find starts there.
            self.selection = Some(Selection::caret(at));
            let Some(under) = under else {
                output.clicked_nothing = true;
                return;
            };
            // Innermost first; clicking again where the selected claim is moves on to
            // the next claim covering the same spot.
            let mut covering: Vec<&Claim> = self.claims_in(document, under..under + 1).collect();
            covering.sort_by_key(|c| (c.end - c.start, c.start));
            let next = selected
                .and_then(|id| covering.iter().position(|c| &c.id == id))
                .map_or(0, |i| (i + 1) % covering.len());
            match covering.get(next) {
                Some(claim) => output.clicked_claim = Some(claim.id.clone()),
                None => output.clicked_nothing = true,
            }
        } else if response.hovered()
            && let Some(under) = under
        {
            let hovered: Vec<&Claim> = self.claims_in(document, under..under + 1).collect();
            if !hovered.is_empty() {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    for claim in hovered {
                        ui.label(
                            egui::RichText::new(theme::shown_label(
                                document.scale(),
                                &claim.verdict,
                            ))
                            .color(theme::verdict_color(
                                document.scale(),
                                &claim.verdict,
                                ui.visuals(),
                            ))
                            .strong(),
                        );
                        if !claim.rationale.is_empty() {
                            ui.label(&claim.rationale);
                        }
                    }
                });
            }
        }
    }

    /// The selection of a drag from `drag_origin` to `at`: grown to whole words when `snap`
    /// (View ▸ Snap to words, and Alt not held), and never starting or ending with spaces.
    fn drag_to(&mut self, text: &Text, at: usize, snap: bool) {
        let origin = self.drag_origin;
        let mut range = origin.min(at)..origin.max(at);
        if snap {
            range = caret::snap_to_words(text, range);
        }
        let trimmed = text.trim_range(range.clone());
        let range = if trimmed.is_empty() {
            range.start..range.start
        } else {
            trimmed
        };
        self.selection = Some(if at < origin {
            Selection {
                anchor: range.end,
                head: range.start,
            }
        } else {
            Selection {
                anchor: range.start,
                head: range.end,
            }
        });
    }

    /// Moves the caret (the selection's head) by a caret key; `extend` keeps the anchor.
    /// Left and right are as drawn: in a right-to-left paragraph, left moves forward.
    pub fn move_caret(&mut self, text: &Text, to: CaretMove, extend: bool) {
        let current = self.selection.unwrap_or(Selection::caret(self.top_char));
        let head = current.head.min(text.len_chars());
        let paragraphs = text.paragraphs();
        let index = text.paragraph_at_char(head).unwrap_or(0);
        let shown = self.shown.iter().find(|s| s.index == index);
        let rtl = shown.map_or_else(
            || {
                paragraphs
                    .get(index)
                    .and_then(|p| text.as_str().get(p.bytes()))
                    .is_some_and(|source| crate::text::bidi::Bidi::new(source).is_rtl())
            },
            |s| s.laid.rtl,
        );
        let line = |at_end: bool| {
            let p = paragraphs.get(index)?;
            let line = shown?.laid.line_of(head.checked_sub(p.char_start)?)?;
            Some(
                p.char_start
                    + if at_end {
                        line.chars.end
                    } else {
                        line.chars.start
                    },
            )
        };
        let forward = matches!(to, CaretMove::Right | CaretMove::WordRight) != rtl;
        let range = current.range();
        let new = match to {
            // A plain arrow on a selection goes to its edge on that side, as in an editor.
            CaretMove::Left | CaretMove::Right if !extend && !current.is_empty() => {
                if forward {
                    range.end
                } else {
                    range.start
                }
            }
            CaretMove::Left | CaretMove::Right => caret::step_char(text, head, forward),
            CaretMove::WordLeft | CaretMove::WordRight => caret::step_word(text, head, forward),
            CaretMove::LineStart => {
                line(false).unwrap_or_else(|| paragraphs.get(index).map_or(0, |p| p.char_start))
            }
            CaretMove::LineEnd => {
                line(true).unwrap_or_else(|| paragraphs.get(index).map_or(0, |p| p.char_end))
            }
        };
        self.selection = Some(if extend {
            Selection {
                head: new,
                ..current
            }
        } else {
            Selection::caret(new)
        });
        let visible = self
            .char_rect(paragraphs, new)
            .is_some_and(|r| self.view.is_some_and(|v| v.contains_rect(r)));
        if !visible {
            self.scroll_to(new);
        }
    }
}

/// The article's title above its text, laid out as the text is (in any script's order).
pub fn title_ui(ui: &mut Ui, title: &str) {
    let color = ui.visuals().strong_text_color();
    text_ui(ui, title, &egui::TextStyle::Heading, color);
}

/// Text laid out as the article is — wrapped, and right-to-left text in its order — for
/// labels that show the article's words (the title, the inspector's quote).
pub fn text_ui(ui: &mut Ui, text: &str, style: &egui::TextStyle, color: Color32) {
    let font = style.resolve(ui.style());
    let style = Style {
        line_height: font.size * 1.3,
        font,
        color,
        width: ui.available_width().max(50.0),
        indent: 0.0,
        bold: false,
    };
    let laid = Laid::new(ui, text, &style);
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(style.width, laid.height), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, text));
    laid.paint(ui.painter(), rect.min, color);
}

const CJK: &str = "Chinese, Japanese or Korean";

/// The script a character belongs to, as a reviewer would name it, for the missing-font
/// message.
fn script_of(c: char) -> &'static str {
    if super::layout::is_cjk(c) {
        return CJK;
    }
    match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Arabic-script"
        }
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => "Hebrew",
        0x0900..=0x097F => "Devanagari",
        0x0980..=0x0DFF => "South Asian",
        0x0E00..=0x0EFF => "Thai or Lao",
        0x0530..=0x058F => "Armenian",
        0x10A0..=0x10FF => "Georgian",
        0x1200..=0x139F => "Ethiopic",
        _ => "other",
    }
}

/// How a paragraph of a block is drawn: headings larger and bold, list items and quotes
/// indented by their depth.
fn block_style(block: Option<&Block>, metrics: &Metrics) -> Style {
    let mut style = Style {
        font: metrics.font.clone(),
        color: metrics.color,
        width: metrics.width,
        indent: 0.0,
        bold: false,
        line_height: metrics.font.size * theme::LINE_SPACING,
    };
    let em = metrics.font.size;
    match block.map(|b| (b.kind, b.level)) {
        Some((BlockKind::Heading, level)) => {
            style.font.size *= match level {
                1 => 1.6,
                2 => 1.4,
                3 => 1.25,
                4 => 1.15,
                _ => 1.05,
            };
            style.bold = true;
            style.line_height = style.font.size * theme::LINE_SPACING;
        }
        Some((BlockKind::ListItem | BlockKind::Quote, depth)) => {
            style.indent = (1.6 * em * f32::from(depth)).min(metrics.width / 2.0);
        }
        Some((BlockKind::Paragraph, _)) | None => {}
    }
    style
}

/// A list item's bullet (on its first line) or a quote's bar (beside every line).
fn paint_block_mark(
    ui: &Ui,
    block: &Block,
    paragraph: &Paragraph,
    laid: &Laid,
    style: &Style,
    pos: Pos2,
) {
    let color = ui.visuals().weak_text_color();
    // Right to left, the mark is on the right.
    let side = |x: f32| {
        if laid.rtl {
            pos.x + style.width - x
        } else {
            pos.x + x
        }
    };
    match block.kind {
        BlockKind::ListItem if block.start == paragraph.char_start => {
            let Some(first) = laid.lines.first() else {
                return;
            };
            let center = Pos2::new(
                side(style.indent - 0.7 * style.font.size),
                pos.y + f32::midpoint(first.top, first.bottom),
            );
            ui.painter()
                .circle_filled(center, style.font.size * 0.16, color);
        }
        BlockKind::Quote => {
            let x = side(style.indent - 0.9 * style.font.size);
            ui.painter()
                .vline(x, pos.y..=pos.y + laid.height, Stroke::new(3.0, color));
        }
        _ => {}
    }
}

/// A stretch of a paragraph drawn one way.
struct Run {
    /// The paragraph's own chars.
    chars: std::ops::Range<usize>,
    background: Color32,
    /// More than one claim covers it.
    underline: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Verdict};
    use crate::text::Text;

    fn document(text: &str, claims: &[(usize, usize, Verdict)]) -> Document {
        let mut document = Document::new(Article::new(Text::new(text.to_owned())));
        for (start, end, verdict) in claims {
            document
                .insert_claim(Claim::new(
                    *start,
                    *end,
                    verdict.clone(),
                    crate::model::Stamp::new("test", chrono::DateTime::UNIX_EPOCH),
                ))
                .expect("valid claim");
        }
        document
    }

    fn runs(view: &mut ArticleView, document: &Document) -> Vec<(usize, usize, Color32, bool)> {
        view.refresh_claims(document, 1);
        let paragraph = &document.text().paragraphs()[0];
        view.runs(document, paragraph, &egui::Visuals::dark())
            .into_iter()
            .map(|r| (r.chars.start, r.chars.end, r.background, r.underline))
            .collect()
    }

    #[test]
    fn overlapping_claims_are_darker_underlined_and_coloured_by_the_innermost() {
        let visuals = egui::Visuals::dark();
        let d = document(
            "abcdefghijklmnop\n",
            &[
                (1, 5, Verdict::VERIFIED),
                (3, 9, Verdict::DISPUTED),
                (4, 5, Verdict::INACCURATE),
            ],
        );
        let h = |v: Verdict, depth| theme::highlight(d.scale(), &v, depth, &visuals);
        assert_eq!(
            runs(&mut ArticleView::default(), &d),
            [
                (1, 3, h(Verdict::VERIFIED, 1), false),
                (3, 4, h(Verdict::VERIFIED, 2), true),
                (4, 5, h(Verdict::INACCURATE, 3), true),
                (5, 9, h(Verdict::DISPUTED, 1), false),
            ]
        );
    }

    #[test]
    fn lanes_mark_each_reviewers_claims_on_the_paragraph_and_only_there() {
        let lanes = [
            Lane::new(vec![(0, 5), (8, 30), (40, 45)]),
            Lane::new(vec![(100, 900), (3, 4)]),
        ];
        // A paragraph of chars 10..42: lane 0's second and third claims reach in; lane
        // 1's long claim starts after it, its short one ends before.
        assert_eq!(lane_marks(&lanes, 10..42), vec![(0, 0..20), (0, 30..32)]);
        assert_eq!(lane_marks(&lanes, 500..510), vec![(1, 0..10)]);
        assert_eq!(lane_marks(&lanes, 46..99), vec![]);
        assert_eq!(lane_marks(&[], 0..10), vec![]);
    }

    #[test]
    fn the_selection_shows_over_claims_and_an_empty_one_shows_nothing() {
        let visuals = egui::Visuals::dark();
        let d = document("abcdefghij\n", &[(2, 6, Verdict::VERIFIED)]);
        let mut view = ArticleView {
            selection: Some(Selection { anchor: 5, head: 3 }),
            ..ArticleView::default()
        };
        let verified = theme::highlight(d.scale(), &Verdict::VERIFIED, 1, &visuals);
        assert_eq!(
            runs(&mut view, &d),
            [
                (2, 3, verified, false),
                (3, 5, theme::selection(&visuals), false),
                (5, 6, verified, false),
            ]
        );
        view.selection = Some(Selection { anchor: 4, head: 4 });
        assert_eq!(runs(&mut view, &d), [(2, 6, verified, false)]);
    }
}
