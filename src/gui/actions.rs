//! Everything a user can do from the menus and the keyboard, in one table: menus, tooltips
//! and keys all read it, and a test forbids two actions sharing a key.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::Verdict;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Open,
    Save,
    SaveAs,
    Undo,
    Redo,
    RedoAlt,
    Find,
    MarkVerified,
    MarkDisputed,
    MarkInaccurate,
    MarkUnreviewed,
    MarkUnreviewedEnter,
    NextClaim,
    PreviousClaim,
    NextUnreviewed,
    DeleteClaim,
    ClearSelection,
}

impl Action {
    pub const ALL: [Self; 17] = [
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Undo,
        Self::Redo,
        Self::RedoAlt,
        Self::Find,
        Self::MarkVerified,
        Self::MarkDisputed,
        Self::MarkInaccurate,
        Self::MarkUnreviewed,
        Self::MarkUnreviewedEnter,
        Self::NextClaim,
        Self::PreviousClaim,
        Self::NextUnreviewed,
        Self::DeleteClaim,
        Self::ClearSelection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::Undo => "Undo",
            Self::Redo | Self::RedoAlt => "Redo",
            Self::Find => "Find in article",
            Self::MarkVerified => "Mark verified",
            Self::MarkDisputed => "Mark disputed",
            Self::MarkInaccurate => "Mark inaccurate",
            Self::MarkUnreviewed | Self::MarkUnreviewedEnter => "Mark as claim (unreviewed)",
            Self::NextClaim => "Next claim",
            Self::PreviousClaim => "Previous claim",
            Self::NextUnreviewed => "Next unreviewed claim",
            Self::DeleteClaim => "Delete claim",
            Self::ClearSelection => "Clear selection",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let plain = |key| KeyboardShortcut::new(Modifiers::NONE, key);
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let command_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        Some(match self {
            Self::Open => command(Key::O),
            Self::Save => command(Key::S),
            Self::SaveAs => command_shift(Key::S),
            Self::Undo => command(Key::Z),
            Self::Redo => command_shift(Key::Z),
            Self::RedoAlt => command(Key::Y),
            Self::Find => command(Key::F),
            Self::MarkVerified => plain(Key::Num1),
            Self::MarkDisputed => plain(Key::Num2),
            Self::MarkInaccurate => plain(Key::Num3),
            Self::MarkUnreviewed => plain(Key::Num0),
            Self::MarkUnreviewedEnter => plain(Key::Enter),
            Self::NextClaim => plain(Key::J),
            Self::PreviousClaim => plain(Key::K),
            Self::NextUnreviewed => plain(Key::N),
            Self::DeleteClaim => plain(Key::Delete),
            Self::ClearSelection => plain(Key::Escape),
        })
    }

    /// All actions, those whose keys need more modifiers first. egui matches shortcuts
    /// loosely (Ctrl+Z also matches Ctrl+Shift+Z), so Ctrl+Shift+Z must be looked for
    /// before Ctrl+Z or it would undo instead of redo.
    pub fn by_specificity() -> [Self; 17] {
        let mut actions = Self::ALL;
        actions.sort_by_key(|a| {
            std::cmp::Reverse(a.shortcut().map_or(0, |s| {
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.command)
                    + u8::from(s.modifiers.alt)
            }))
        });
        actions
    }

    /// Keys without Ctrl would type into a text field: they only act while none has focus.
    /// Ctrl shortcuts act everywhere (Ctrl+S while typing a rationale saves).
    pub fn works_while_typing(self) -> bool {
        self.shortcut().is_some_and(|s| {
            s.modifiers.command && !matches!(self, Self::Undo | Self::Redo | Self::RedoAlt)
        })
    }

    /// The verdict a marking action gives.
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Self::MarkVerified => Some(Verdict::Verified),
            Self::MarkDisputed => Some(Verdict::Disputed),
            Self::MarkInaccurate => Some(Verdict::Inaccurate),
            Self::MarkUnreviewed | Self::MarkUnreviewedEnter => Some(Verdict::Unreviewed),
            _ => None,
        }
    }

    /// Label with its key, for menus and tooltips.
    pub fn shortcut_text(self) -> String {
        self.shortcut()
            .map(|s| s.format(&eframe::egui::ModifierNames::NAMES, false))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_key() {
        for (i, a) in Action::ALL.iter().enumerate() {
            for b in &Action::ALL[i + 1..] {
                assert_ne!(a.shortcut(), b.shortcut(), "{a:?} and {b:?} share a key");
            }
        }
    }

    #[test]
    fn a_loose_match_never_shadows_a_more_specific_shortcut() {
        let order = Action::by_specificity();
        let at = |a| order.iter().position(|&x| x == a).expect("listed");
        for (specific, loose) in [(Action::Redo, Action::Undo), (Action::SaveAs, Action::Save)] {
            assert!(
                at(specific) < at(loose),
                "{specific:?} must be matched before {loose:?}"
            );
        }
    }

    #[test]
    fn the_table_lists_every_action() {
        for action in Action::ALL {
            assert!(!action.label().is_empty());
            assert!(action.shortcut().is_some(), "{action:?} has no key");
        }
    }
}
