//! Find in the article (Ctrl+F): every match of the query, next and previous. The current
//! match becomes the selection, so finding a phrase and pressing 1, 2 or 3 marks it.

use std::ops::Range;

use eframe::egui::{self, Ui};

use crate::text::Text;

/// Enough to step through; a query matching more is too short to be useful.
const MAX_MATCHES: usize = 10_000;

#[derive(Default)]
pub struct Find {
    pub open: bool,
    pub query: String,
    /// Matches of `searched` as code-point ranges.
    matches: Vec<Range<usize>>,
    searched: String,
    current: Option<usize>,
    focus: bool,
}

/// What the find bar asks the app to do.
pub enum FindRequest {
    Show(Range<usize>),
    Close,
}

impl Find {
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// Matches of `query` in `text`: ASCII letters ignore case, everything else matches
    /// exactly (no normalisation, so offsets are the reviewer's own text).
    pub fn search(text: &Text, query: &str) -> Vec<Range<usize>> {
        if query.is_empty() {
            return Vec::new();
        }
        let haystack = text.as_str();
        let needle = query.as_bytes();
        let bytes = haystack.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while at + needle.len() <= bytes.len() && found.len() < MAX_MATCHES {
            let candidate = &bytes[at..at + needle.len()];
            if candidate.eq_ignore_ascii_case(needle)
                && haystack.is_char_boundary(at)
                && haystack.is_char_boundary(at + needle.len())
                && let (Some(start), Some(end)) =
                    (text.byte_to_char(at), text.byte_to_char(at + needle.len()))
            {
                found.push(start..end);
                at += needle.len();
                continue;
            }
            at += 1;
        }
        found
    }

    /// The match to show for a step forward (`forward`) or back from `from`.
    fn step(&mut self, forward: bool, from: usize) -> Option<Range<usize>> {
        if self.matches.is_empty() {
            return None;
        }
        let n = self.matches.len();
        let next = match self.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => self.matches.partition_point(|m| m.start < from) % n,
            None => self
                .matches
                .partition_point(|m| m.start < from)
                .checked_sub(1)
                .unwrap_or(n - 1),
        };
        self.current = Some(next);
        self.matches.get(next).cloned()
    }

    pub fn ui(&mut self, ui: &mut Ui, text: &Text, cursor: usize) -> Option<FindRequest> {
        if !self.open {
            return None;
        }
        let mut request = None;
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(egui::TextEdit::singleline(&mut self.query).desired_width(240.0))
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                response.request_focus();
            }
            if self.query != self.searched {
                self.matches = Self::search(text, &self.query);
                self.searched.clone_from(&self.query);
                self.current = None;
                if let Some(m) = self.step(true, cursor) {
                    request = Some(FindRequest::Show(m));
                }
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let shift = ui.input(|i| i.modifiers.shift);
            if ui.button("Previous").clicked() || (enter && shift) {
                request = self.step(false, cursor).map(FindRequest::Show);
            }
            if ui.button("Next").clicked() || (enter && !shift) {
                request = self.step(true, cursor).map(FindRequest::Show);
            }
            if enter {
                response.request_focus();
            }
            let count = match (self.current, self.matches.len()) {
                (_, 0) if self.query.is_empty() => String::new(),
                (_, 0) => "no matches".to_owned(),
                (Some(i), n) => format!("{} of {n}", i + 1),
                (None, n) => format!("{n} matches"),
            };
            ui.label(count);
            let escape = (response.has_focus() || response.lost_focus())
                && ui.input(|i| i.key_pressed(egui::Key::Escape));
            if ui.button("Close").clicked() || escape {
                // Give the keys back to the article: 1, 2, 3 now mark the found words.
                response.surrender_focus();
                self.open = false;
                request = Some(FindRequest::Close);
            }
        });
        request
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_match_in_code_points() {
        let text = Text::new("北京 Parade; the parade — PARADE! paradé".to_owned());
        let matches = Find::search(&text, "parade");
        assert_eq!(matches.len(), 3, "ASCII case is ignored, é is not e");
        for m in &matches {
            assert!(
                text.slice_chars(m.clone())
                    .expect("in range")
                    .eq_ignore_ascii_case("parade")
            );
        }
        assert_eq!(matches[0], 3..9);
        let cjk = Find::search(&text, "北京");
        assert_eq!(cjk.len(), 1);
        assert_eq!(cjk[0], 0..2);
        assert!(Find::search(&text, "").is_empty());
        assert!(Find::search(&text, "missing").is_empty());
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let text = Text::new("a b a b a".to_owned());
        let mut find = Find {
            matches: Find::search(&text, "a"),
            ..Find::default()
        };
        assert_eq!(
            find.step(true, 3),
            Some(4..5),
            "the first match after the cursor"
        );
        assert_eq!(find.step(true, 3), Some(8..9));
        assert_eq!(find.step(true, 3), Some(0..1), "wraps to the start");
        assert_eq!(find.step(false, 3), Some(8..9), "and back");
    }
}
