//! The article: a virtualized view of the whole text with claims highlighted, and the app's
//! own selection in code points.
//!
//! Only the paragraphs in view are laid out each frame (egui caches their galleys); a height
//! table, estimated until a paragraph has been seen, places everything else. One big label
//! would cost seconds and hundreds of megabytes on a book-length article. Byte offsets live
//! only here and in `text`: egui galleys count chars, and every conversion to article
//! offsets adds the paragraph's first char.

use std::sync::Arc;

use eframe::egui::{
    self, Color32, CursorIcon, FontId, Galley, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2,
    text::LayoutJob,
};

use super::theme;
use crate::model::{Claim, ClaimId, Document, for_each_stretch};
use crate::text::{Paragraph, Text};

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
    /// Top-left of the galley in screen coordinates.
    origin: Pos2,
    galley: Arc<Galley>,
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

        let font = egui::TextStyle::Body.resolve(ui.style());
        let text_color = ui.visuals().text_color();
        let row_height = ui.fonts_mut(|f| f.row_height(&font));
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
            scroll = scroll.vertical_scroll_offset(self.keyboard_offset(by, row_height));
        }

        let shown = scroll.show_viewport(ui, |ui, viewport| {
            let width = ui.available_width().max(50.0);
            if self.ensure_table(paragraphs, width, row_height, gap, &font) {
                // Every height was re-estimated: what was in view is elsewhere now. Aim
                // again next frame at the target, or at what the reviewer was reading.
                let target = aiming.take().map_or(self.top_char, |(target, ..)| target);
                self.scroll_to = Some((target, 8));
                ui.ctx().request_repaint();
            }
            let total = self.tops.last().copied().unwrap_or(0.0);
            let (rect, response) =
                ui.allocate_exact_size(Vec2::new(width, total), Sense::click_and_drag());
            let origin = rect.min;

            // Lay out and paint the paragraphs in view.
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
                // The galley holds only the text, so it stays in egui's cache whatever
                // happens to the claims, and a script's shaping never breaks at a claim's
                // edge; highlights are painted behind it.
                let source = text.as_str().get(paragraph.bytes()).unwrap_or_default();
                let job = LayoutJob::simple(source.to_owned(), font.clone(), text_color, width);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let height = galley.size().y.max(row_height) + gap;
                if !self.measured[index] || (self.heights[index] - height).abs() > 0.1 {
                    self.heights[index] = height;
                    self.measured[index] = true;
                    changed = true;
                }
                let pos = origin + Vec2::new(0.0, y);
                self.paint_runs(ui, document, paragraph, &galley, pos);
                ui.painter().galley(pos, galley.clone(), text_color);
                self.shown.push(Shown {
                    index,
                    origin: pos,
                    galley,
                });
                y += height;
            }
            if changed {
                self.rebuild_tops();
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
                self.outline(ui, paragraphs, claim);
            }
            self.interact(ui, &response, document, &mut output);
        });
        self.offset = shown.state.clamped_offset().y;
        self.page = shown.inner_rect.height();
        output
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
                theme::highlight(c.verdict, covering.len(), visuals)
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
        galley: &Galley,
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
            for rect in row_rects(galley, run.chars.clone()) {
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

    /// Outlines the selected claim wherever it is on screen.
    fn outline(&self, ui: &Ui, paragraphs: &[Paragraph], claim: &Claim) {
        let stroke = Stroke::new(2.0, theme::verdict_color(claim.verdict, ui.visuals()));
        for shown in &self.shown {
            let Some(p) = paragraphs.get(shown.index) else {
                continue;
            };
            let (start, end) = (claim.start.max(p.char_start), claim.end.min(p.char_end));
            if start >= end {
                continue;
            }
            let (start, end) = (start - p.char_start, end - p.char_start);
            for rect in row_rects(&shown.galley, start..end) {
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
        let cursor = shown.galley.cursor_from_pos(pos - shown.origin);
        Some((paragraph.char_start + cursor.index.0).min(paragraph.char_end))
    }

    /// Screen rectangle of code point `char_offset`, if it is on screen.
    pub fn char_rect(&self, paragraphs: &[Paragraph], char_offset: usize) -> Option<Rect> {
        self.shown.iter().find_map(|shown| {
            let p = paragraphs.get(shown.index)?;
            (p.char_start..=p.char_end).contains(&char_offset).then(|| {
                let local = egui::text::CCursor::new(char_offset - p.char_start);
                shown
                    .galley
                    .pos_from_cursor(local)
                    .translate(shown.origin.to_vec2())
            })
        })
    }

    fn interact(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        document: &Document,
        output: &mut ViewOutput,
    ) {
        let paragraphs = document.text().paragraphs();
        if response.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Text);
        }
        let Some(pos) = response.interact_pointer_pos().or(response.hover_pos()) else {
            return;
        };
        let Some(at) = self.char_at(paragraphs, pos) else {
            return;
        };
        let shift = ui.input(|i| i.modifiers.shift);
        self.dragging = response.dragged();
        if response.drag_started() {
            // The drag is recognised only after the pointer has moved a little: anchor it
            // where the button went down, not where the drag was noticed.
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .and_then(|p| self.char_at(paragraphs, p))
                .unwrap_or(at);
            self.selection = Some(match self.selection {
                Some(s) if shift => Selection { head: at, ..s },
                _ => Selection {
                    anchor: origin,
                    head: at,
                },
            });
        } else if response.dragged() {
            if let Some(s) = &mut self.selection {
                s.head = at;
            }
        } else if response.double_clicked() {
            self.selection = Some(word_at(document.text(), at));
        } else if response.clicked() {
            if shift && let Some(s) = &mut self.selection {
                s.head = at;
                return;
            }
            // A click leaves an empty selection where it landed, so Shift+click extends
            // from there and Find starts there.
            self.selection = Some(Selection::caret(at));
            let innermost = self
                .claims_in(document, at..at + 1)
                .min_by_key(|c| c.end - c.start);
            match innermost {
                Some(claim) => output.clicked_claim = Some(claim.id.clone()),
                None => output.clicked_nothing = true,
            }
        } else if response.hovered() {
            let hovered: Vec<&Claim> = self.claims_in(document, at..at + 1).collect();
            if !hovered.is_empty() {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    for claim in hovered {
                        ui.label(
                            egui::RichText::new(claim.verdict.as_str())
                                .color(theme::verdict_color(claim.verdict, ui.visuals()))
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
}

/// A stretch of a paragraph drawn one way.
struct Run {
    /// The paragraph's own chars.
    chars: std::ops::Range<usize>,
    background: Color32,
    /// More than one claim covers it.
    underline: bool,
}

/// The rectangles (relative to the galley) that chars `range` of it cover: one per row.
fn row_rects(galley: &Galley, range: std::ops::Range<usize>) -> impl Iterator<Item = Rect> + '_ {
    let mut row_start = 0;
    galley
        .rows
        .iter()
        .map_while(move |row| {
            let first = row_start;
            row_start += row.char_count_including_newline().0;
            (first < range.end).then_some((first, row))
        })
        .filter_map(move |(first, row)| {
            let count = row.char_count_excluding_newline().0;
            let (a, b) = (range.start.max(first), range.end.min(first + count));
            (a < b).then(|| {
                let x0 = row.x_offset(egui::text::CharIndex(a - first));
                let x1 = row
                    .glyphs
                    .get(b - first - 1)
                    .map_or(row.size.x, egui::epaint::text::Glyph::max_x);
                Rect::from_min_max(
                    row.pos + Vec2::new(x0, 0.0),
                    row.pos + Vec2::new(x1, row.height()),
                )
            })
        })
}

/// The word around `at`: a run of letters, digits, marks and connectors.
fn word_at(text: &Text, at: usize) -> Selection {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '\'' || is_mark(c);
    let Some(byte) = text.char_to_byte(at) else {
        return Selection::caret(at);
    };
    let (before, after) = text.as_str().split_at(byte);
    let back = before.chars().rev().take_while(|&c| is_word(c)).count();
    let forward = after.chars().take_while(|&c| is_word(c)).count();
    Selection {
        anchor: at - back,
        head: at + forward,
    }
}

/// Combining marks (accents written as separate code points) belong to their word.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Verdict};
    use crate::text::Text;

    fn document(text: &str, claims: &[(usize, usize, Verdict)]) -> Document {
        let mut document = Document::new(Article::new(Text::new(text.to_owned())));
        for &(start, end, verdict) in claims {
            document
                .insert_claim(Claim::new(
                    start,
                    end,
                    verdict,
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
        use Verdict::{Disputed, Inaccurate, Verified};
        let visuals = egui::Visuals::dark();
        let d = document(
            "abcdefghijklmnop\n",
            &[(1, 5, Verified), (3, 9, Disputed), (4, 5, Inaccurate)],
        );
        let h = |v, depth| theme::highlight(v, depth, &visuals);
        assert_eq!(
            runs(&mut ArticleView::default(), &d),
            [
                (1, 3, h(Verified, 1), false),
                (3, 4, h(Verified, 2), true),
                (4, 5, h(Inaccurate, 3), true),
                (5, 9, h(Disputed, 1), false),
            ]
        );
    }

    #[test]
    fn the_selection_shows_over_claims_and_an_empty_one_shows_nothing() {
        let visuals = egui::Visuals::dark();
        let d = document("abcdefghij\n", &[(2, 6, Verdict::Verified)]);
        let mut view = ArticleView {
            selection: Some(Selection { anchor: 5, head: 3 }),
            ..ArticleView::default()
        };
        let verified = theme::highlight(Verdict::Verified, 1, &visuals);
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

    #[test]
    fn row_rects_cover_each_row_of_a_wrapped_range() {
        let ctx = egui::Context::default();
        let mut rects = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let text = "one two three four five six seven eight nine ten".to_owned();
            let job = LayoutJob::simple(text, font, Color32::WHITE, 60.0);
            let galley = ui.fonts_mut(|f| f.layout_job(job));
            assert!(galley.rows.len() > 2, "the text wraps");
            rects = row_rects(&galley, 4..30).collect();
            // Row by row, each rectangle starts where the row's first covered char does.
            let mut expected_rows = 0;
            let mut first = 0;
            for row in &galley.rows {
                let count = row.char_count_including_newline().0;
                if first < 30 && first + row.char_count_excluding_newline().0 > 4 {
                    expected_rows += 1;
                }
                first += count;
            }
            assert_eq!(rects.len(), expected_rows);
            let start = galley.pos_from_cursor(egui::text::CCursor::new(4));
            assert!((rects[0].left() - start.left()).abs() < 0.01);
            assert!((rects[0].top() - start.top()).abs() < 0.01);
        });
        output.textures_delta.clear();
        assert!(rects.windows(2).all(|w| w[0].bottom() <= w[1].top() + 0.01));
    }
}
