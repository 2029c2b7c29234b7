//! Everything a user can do from the menus and the keyboard, in one table: each action's
//! label, tooltip and keys. Menus, tooltips, the shortcuts window (F1) and the key handling
//! all read it, and a test forbids two actions sharing a key.

use eframe::egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

use crate::model::{Scale, Verdict};
use crate::ops::export::Format;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Open,
    Save,
    SaveAs,
    Export(Format),
    Quit,
    Undo,
    Redo,
    Find,
    ArticleProperties,
    /// Article ▸ Verdict scale…: put the verdicts on another scale, mapping each level.
    VerdictScale,
    UpdateText,
    /// Article ▸ Import again as whole page: the web page's whole body as the text, while
    /// the document has no claims.
    ImportWholePage,
    /// Mark with the scale's level `n` (1-based, keys 1..9), or as unreviewed (`0`).
    Mark(u8),
    NextClaim,
    PreviousClaim,
    NextUnreviewed,
    /// The next claim in review or with changes requested.
    NextNeedingReview,
    /// Review status of the selected claim: in review, approved, back to draft; requesting
    /// changes asks for the reason in the inspector.
    SendForReview,
    Approve,
    RequestChanges,
    BackToDraft,
    /// File ▸ Compare reviewers…: several reviewers' files of one article, to curate.
    CompareReviewers,
    NextDisagreement,
    PreviousDisagreement,
    DeleteClaim,
    ClearSelection,
    PageDown,
    PageUp,
    Top,
    Bottom,
    ThemeLight,
    ThemeDark,
    ThemeSystem,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Shortcuts,
    /// Moves the article's caret; `extend` grows the selection from where it was.
    Caret {
        to: CaretMove,
        extend: bool,
    },
}

/// Where a caret key moves the article's caret. Left and right are as drawn: in a
/// right-to-left paragraph, left moves on through the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaretMove {
    Left,
    Right,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

const fn command_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        key,
    )
}

impl Action {
    pub const ALL: [Self; 62] = [
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Export(Format::W3c),
        Self::Export(Format::ClaimReview),
        Self::Export(Format::Csv),
        Self::Export(Format::Jsonl),
        Self::Export(Format::LabelStudio),
        Self::Export(Format::LabelStudioConfig),
        Self::Export(Format::Html),
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::ArticleProperties,
        Self::VerdictScale,
        Self::UpdateText,
        Self::ImportWholePage,
        Self::Mark(1),
        Self::Mark(2),
        Self::Mark(3),
        Self::Mark(4),
        Self::Mark(5),
        Self::Mark(6),
        Self::Mark(7),
        Self::Mark(8),
        Self::Mark(9),
        Self::Mark(0),
        Self::NextClaim,
        Self::PreviousClaim,
        Self::NextUnreviewed,
        Self::NextNeedingReview,
        Self::SendForReview,
        Self::Approve,
        Self::RequestChanges,
        Self::BackToDraft,
        Self::CompareReviewers,
        Self::NextDisagreement,
        Self::PreviousDisagreement,
        Self::DeleteClaim,
        Self::ClearSelection,
        Self::PageDown,
        Self::PageUp,
        Self::Top,
        Self::Bottom,
        Self::ThemeLight,
        Self::ThemeDark,
        Self::ThemeSystem,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::Shortcuts,
        Self::Caret {
            to: CaretMove::Left,
            extend: false,
        },
        Self::Caret {
            to: CaretMove::Right,
            extend: false,
        },
        Self::Caret {
            to: CaretMove::WordLeft,
            extend: false,
        },
        Self::Caret {
            to: CaretMove::WordRight,
            extend: false,
        },
        Self::Caret {
            to: CaretMove::Left,
            extend: true,
        },
        Self::Caret {
            to: CaretMove::Right,
            extend: true,
        },
        Self::Caret {
            to: CaretMove::WordLeft,
            extend: true,
        },
        Self::Caret {
            to: CaretMove::WordRight,
            extend: true,
        },
        Self::Caret {
            to: CaretMove::LineStart,
            extend: true,
        },
        Self::Caret {
            to: CaretMove::LineEnd,
            extend: true,
        },
    ];

    /// The marking actions, in the order menus and the popup list them.
    pub const MARKS: [Self; 10] = [
        Self::Mark(1),
        Self::Mark(2),
        Self::Mark(3),
        Self::Mark(4),
        Self::Mark(5),
        Self::Mark(6),
        Self::Mark(7),
        Self::Mark(8),
        Self::Mark(9),
        Self::Mark(0),
    ];

    /// The verdict a marking action gives on `scale`: `None` for a level the scale does
    /// not have (key 5 on a three-level scale), and for any other action.
    pub fn mark_verdict(self, scale: &Scale) -> Option<Verdict> {
        match self {
            Self::Mark(0) => Some(Verdict::UNREVIEWED),
            Self::Mark(n) => Some(scale.levels.get(usize::from(n) - 1)?.id.clone()),
            _ => None,
        }
    }

    /// Whether the action exists on `scale` (a marking action only for its levels).
    pub fn on_scale(self, scale: &Scale) -> bool {
        !matches!(self, Self::Mark(_)) || self.mark_verdict(scale).is_some()
    }

    /// The label, with a marking action's level named as the scale names it
    /// ("Mark Half True").
    pub fn label_on(self, scale: &Scale) -> std::borrow::Cow<'static, str> {
        match self.mark_verdict(scale) {
            Some(verdict) if !verdict.is_unreviewed() => {
                format!("Mark {}", super::theme::shown_label(scale, &verdict)).into()
            }
            _ => self.label().into(),
        }
    }

    /// Every action in the table.
    pub fn every() -> impl Iterator<Item = Self> {
        Self::ALL.into_iter()
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::Export(format) => match format {
                Format::W3c => "W3C Web Annotation (JSON-LD)…",
                Format::ClaimReview => "schema.org ClaimReview (JSON-LD)…",
                Format::Csv => "CSV spreadsheet…",
                Format::Jsonl => "JSONL (doccano)…",
                Format::LabelStudio => "Label Studio tasks (JSON)…",
                Format::LabelStudioConfig => "Label Studio labelling config (XML)…",
                Format::Html => "HTML report…",
            },
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find in article",
            Self::ArticleProperties => "Properties…",
            Self::VerdictScale => "Verdict scale…",
            Self::UpdateText => "Update text from file…",
            Self::ImportWholePage => "Import again as whole page",
            Self::Mark(0) => "Mark as claim (unreviewed)",
            Self::Mark(1) => "Mark with the first level",
            Self::Mark(2) => "Mark with the second level",
            Self::Mark(3) => "Mark with the third level",
            Self::Mark(4) => "Mark with the fourth level",
            Self::Mark(5) => "Mark with the fifth level",
            Self::Mark(6) => "Mark with the sixth level",
            Self::Mark(7) => "Mark with the seventh level",
            Self::Mark(8) => "Mark with the eighth level",
            Self::Mark(_) => "Mark with the ninth level",
            Self::NextClaim => "Next claim",
            Self::PreviousClaim => "Previous claim",
            Self::NextUnreviewed => "Next unreviewed claim",
            Self::NextNeedingReview => "Next claim needing review",
            Self::SendForReview => "Send for review",
            Self::Approve => "Approve",
            Self::RequestChanges => "Request changes…",
            Self::BackToDraft => "Back to draft",
            Self::CompareReviewers => "Compare reviewers…",
            Self::NextDisagreement => "Next disagreement",
            Self::PreviousDisagreement => "Previous disagreement",
            Self::DeleteClaim => "Delete claim",
            Self::ClearSelection => "Clear selection",
            Self::PageDown => "Page down",
            Self::PageUp => "Page up",
            Self::Top => "Start of the article",
            Self::Bottom => "End of the article",
            Self::ThemeLight => "Light",
            Self::ThemeDark => "Dark",
            Self::ThemeSystem => "Follow the system",
            Self::ZoomIn => "Zoom In",
            Self::ZoomOut => "Zoom Out",
            Self::ZoomReset => "Reset Zoom",
            Self::Shortcuts => "Keyboard shortcuts",
            Self::Caret { to, extend: false } => match to {
                CaretMove::Left => "Caret left",
                CaretMove::Right => "Caret right",
                CaretMove::WordLeft => "Caret a word left",
                CaretMove::WordRight => "Caret a word right",
                CaretMove::LineStart => "Caret to the line's start",
                CaretMove::LineEnd => "Caret to the line's end",
            },
            Self::Caret { to, extend: true } => match to {
                CaretMove::Left => "Select a character left",
                CaretMove::Right => "Select a character right",
                CaretMove::WordLeft => "Select a word left",
                CaretMove::WordRight => "Select a word right",
                CaretMove::LineStart => "Select to the line's start",
                CaretMove::LineEnd => "Select to the line's end",
            },
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::Open => "Open an article (.txt, .md, .html, .mhtml) or a .factmark.json file",
            Self::Save => "Save the annotations to their file (asks where if there is none yet)",
            Self::SaveAs => "Save the annotations to another file",
            Self::Export(_) => "Write the claims in this format for other tools",
            Self::Quit => "Close factmark (asks first if there are unsaved changes)",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the change just undone",
            Self::Find => "Find words in the article; the match becomes the selection",
            Self::ArticleProperties => "The article's title and web address",
            Self::VerdictScale => {
                "Rate on another scale (Truth-O-Meter, 1–5, …): choose what each level becomes"
            }
            Self::UpdateText => {
                "Carry the claims over to a corrected version of the article, after a review"
            }
            Self::ImportWholePage => {
                "Read the web page again, taking its whole body as the article (when the \
                 readable text left words out); only while there are no claims"
            }
            Self::Mark(_) => {
                "Mark the selected words as a claim with this verdict, or set the selected claim's verdict"
            }
            Self::NextClaim => "Select the next claim in the article",
            Self::PreviousClaim => "Select the previous claim in the article",
            Self::NextUnreviewed => "Select the next claim still to review",
            Self::NextNeedingReview => "Select the next claim in review or with changes requested",
            Self::SendForReview => "Ask an editor to review the selected claim",
            Self::Approve => "Approve the selected claim",
            Self::RequestChanges => {
                "Ask for changes to the selected claim: the inspector asks what should change"
            }
            Self::BackToDraft => "Put the selected claim back to draft",
            Self::CompareReviewers => {
                "Open several reviewers' files of one article: their agreement, and each \
                 disagreement to decide; saved as its own file"
            }
            Self::NextDisagreement => "Show the next claim the reviewers disagree on",
            Self::PreviousDisagreement => "Show the previous claim the reviewers disagree on",
            Self::DeleteClaim => "Delete the selected claim (undo brings it back)",
            Self::ClearSelection => "Clear the selected words (or close the find bar)",
            Self::PageDown => "Scroll the article down by a page",
            Self::PageUp => "Scroll the article up by a page",
            Self::Top => "Scroll to the start of the article",
            Self::Bottom => "Scroll to the end of the article",
            Self::ThemeLight => "Dark text on a light background",
            Self::ThemeDark => "Light text on a dark background",
            Self::ThemeSystem => "Light or dark, as the system is set",
            Self::ZoomIn => "Make everything larger",
            Self::ZoomOut => "Make everything smaller",
            Self::ZoomReset => "Back to 100%",
            Self::Shortcuts => "Every action and its keys",
            Self::Caret { extend: false, .. } => {
                "Move the caret in the article (in right-to-left text, left moves forward)"
            }
            Self::Caret { extend: true, .. } => {
                "Grow the selection from the caret, then a verdict key (1 to 9, or 0) marks it"
            }
        }
    }

    /// The keys of an action, the one menus show first. Empty: menu only.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Self::Open => const { &[command(Key::O)] },
            Self::Save => const { &[command(Key::S)] },
            Self::SaveAs => const { &[command_shift(Key::S)] },
            Self::Quit => const { &[command(Key::Q)] },
            Self::Undo => const { &[command(Key::Z)] },
            Self::Redo => const { &[command_shift(Key::Z), command(Key::Y)] },
            Self::Find => const { &[command(Key::F)] },
            Self::Mark(0) => const { &[plain(Key::Num0), plain(Key::Enter)] },
            Self::Mark(1) => const { &[plain(Key::Num1)] },
            Self::Mark(2) => const { &[plain(Key::Num2)] },
            Self::Mark(3) => const { &[plain(Key::Num3)] },
            Self::Mark(4) => const { &[plain(Key::Num4)] },
            Self::Mark(5) => const { &[plain(Key::Num5)] },
            Self::Mark(6) => const { &[plain(Key::Num6)] },
            Self::Mark(7) => const { &[plain(Key::Num7)] },
            Self::Mark(8) => const { &[plain(Key::Num8)] },
            Self::Mark(9) => const { &[plain(Key::Num9)] },
            Self::NextClaim => const { &[plain(Key::J)] },
            Self::PreviousClaim => const { &[plain(Key::K)] },
            Self::NextUnreviewed => const { &[plain(Key::N)] },
            Self::NextNeedingReview => const { &[shift(Key::N)] },
            Self::SendForReview => const { &[plain(Key::R)] },
            Self::Approve => const { &[plain(Key::A)] },
            Self::RequestChanges => const { &[plain(Key::C)] },
            Self::NextDisagreement => const { &[plain(Key::CloseBracket)] },
            Self::PreviousDisagreement => const { &[plain(Key::OpenBracket)] },
            Self::DeleteClaim => const { &[plain(Key::Delete)] },
            Self::ClearSelection => const { &[plain(Key::Escape)] },
            Self::PageDown => const { &[plain(Key::PageDown), plain(Key::Space)] },
            Self::PageUp => const { &[plain(Key::PageUp), shift(Key::Space)] },
            Self::Top => const { &[plain(Key::Home), command(Key::Home)] },
            Self::Bottom => const { &[plain(Key::End), command(Key::End)] },
            Self::ZoomIn => const { &[command(Key::Plus), command(Key::Equals)] },
            Self::ZoomOut => const { &[command(Key::Minus)] },
            Self::ZoomReset => const { &[command(Key::Num0)] },
            Self::Shortcuts => const { &[plain(Key::F1)] },
            Self::Caret { to, extend } => match (to, extend) {
                (CaretMove::Left, false) => const { &[plain(Key::ArrowLeft)] },
                (CaretMove::Right, false) => const { &[plain(Key::ArrowRight)] },
                (CaretMove::WordLeft, false) => const { &[command(Key::ArrowLeft)] },
                (CaretMove::WordRight, false) => const { &[command(Key::ArrowRight)] },
                (CaretMove::Left, true) => const { &[shift(Key::ArrowLeft)] },
                (CaretMove::Right, true) => const { &[shift(Key::ArrowRight)] },
                (CaretMove::WordLeft, true) => const { &[command_shift(Key::ArrowLeft)] },
                (CaretMove::WordRight, true) => const { &[command_shift(Key::ArrowRight)] },
                (CaretMove::LineStart, true) => const { &[shift(Key::Home)] },
                (CaretMove::LineEnd, true) => const { &[shift(Key::End)] },
                (CaretMove::LineStart | CaretMove::LineEnd, false) => const { &[] },
            },
            Self::Mark(_)
            | Self::BackToDraft
            | Self::CompareReviewers
            | Self::Export(_)
            | Self::ArticleProperties
            | Self::VerdictScale
            | Self::UpdateText
            | Self::ImportWholePage
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::ThemeSystem => const { &[] },
        }
    }

    /// Every (action, key) pair, those whose keys need more modifiers first. egui matches
    /// shortcuts loosely (Ctrl+Z also matches Ctrl+Shift+Z), so Ctrl+Shift+Z must be looked
    /// for before Ctrl+Z or it would undo instead of redo.
    pub fn by_specificity() -> Vec<(Self, KeyboardShortcut)> {
        let mut keys: Vec<(Self, KeyboardShortcut)> = Self::every()
            .flat_map(|a| a.shortcuts().iter().map(move |&s| (a, s)))
            .collect();
        keys.sort_by_key(|(_, s)| {
            std::cmp::Reverse(
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.command)
                    + u8::from(s.modifiers.alt),
            )
        });
        keys
    }

    /// Keys without Ctrl would type into a text field: they only act while none has focus.
    /// Ctrl shortcuts act everywhere (Ctrl+S while typing a rationale saves), except undo
    /// and redo, which belong to the field, and Ctrl+Home/End, which move its cursor.
    pub fn works_while_typing(self, shortcut: KeyboardShortcut) -> bool {
        shortcut.modifiers.command
            && !matches!(
                self,
                Self::Undo | Self::Redo | Self::Top | Self::Bottom | Self::Caret { .. }
            )
    }

    /// Keys that act on the article: they need a document open.
    pub fn needs_document(self) -> bool {
        !matches!(
            self,
            Self::Open
                | Self::Quit
                | Self::ThemeLight
                | Self::ThemeDark
                | Self::ThemeSystem
                | Self::ZoomIn
                | Self::ZoomOut
                | Self::ZoomReset
                | Self::Shortcuts
        )
    }

    /// The first key, as menus and tooltips show it ("Ctrl+S"); empty if it has none.
    pub fn shortcut_text(self) -> String {
        self.shortcuts()
            .first()
            .map(|s| s.format(&ModifierNames::NAMES, false))
            .unwrap_or_default()
    }

    /// Every key, for the shortcuts window ("0 or Enter").
    pub fn all_keys_text(self) -> String {
        self.shortcuts()
            .iter()
            .map(|s| s.format(&ModifierNames::NAMES, false))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_key() {
        let keys = Action::by_specificity();
        for (i, (a, key_a)) in keys.iter().enumerate() {
            for (b, key_b) in &keys[i + 1..] {
                assert_ne!(key_a, key_b, "{a:?} and {b:?} share a key");
            }
        }
    }

    #[test]
    fn a_loose_match_never_shadows_a_more_specific_shortcut() {
        let order = Action::by_specificity();
        let at = |key: KeyboardShortcut| order.iter().position(|(_, s)| *s == key).expect("listed");
        for (specific, loose) in [
            (command_shift(Key::Z), command(Key::Z)),
            (command_shift(Key::S), command(Key::S)),
            (command(Key::Num0), plain(Key::Num0)),
            (shift(Key::Space), plain(Key::Space)),
            (shift(Key::N), plain(Key::N)),
            (command(Key::Home), plain(Key::Home)),
            (shift(Key::Home), plain(Key::Home)),
            (shift(Key::End), plain(Key::End)),
            (command_shift(Key::ArrowRight), command(Key::ArrowRight)),
            (command(Key::ArrowRight), plain(Key::ArrowRight)),
            (shift(Key::ArrowLeft), plain(Key::ArrowLeft)),
        ] {
            assert!(
                at(specific) < at(loose),
                "{specific:?} must be matched before {loose:?}"
            );
        }
    }

    #[test]
    fn the_table_names_and_explains_every_action() {
        let mut count = 0;
        for action in Action::every() {
            assert!(!action.label().is_empty(), "{action:?} has no label");
            assert!(!action.tooltip().is_empty(), "{action:?} has no tooltip");
            count += 1;
        }
        assert_eq!(count, 62);
        for action in Action::MARKS {
            assert!(!action.shortcuts().is_empty());
        }
        let meter = Scale::preset("truth-o-meter").unwrap();
        assert_eq!(
            Action::Mark(6).mark_verdict(&meter),
            Some(Verdict::new("true"))
        );
        assert_eq!(Action::Mark(6).label_on(&meter), "Mark True");
        assert_eq!(Action::Mark(7).mark_verdict(&meter), None);
        assert!(!Action::Mark(7).on_scale(&meter));
        assert_eq!(
            Action::Mark(1).label_on(Scale::default_ref()),
            "Mark Verified"
        );
        for format in Format::ALL {
            assert!(Action::every().any(|a| a == Action::Export(format)));
        }
        assert_eq!(Action::Mark(0).all_keys_text(), "0 or Enter");
    }
}
