//! A claim's review: where it stands (its status), what happened to it (its history) and
//! what reviewers said about it (comments). All three travel with the claim in its file.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Extra, Stamp};

/// Where a claim stands in review: `draft` → `in_review` → `approved` or
/// `changes_requested` (which says why).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum State {
    #[default]
    Draft,
    InReview,
    Approved,
    ChangesRequested,
}

impl State {
    pub const ALL: [Self; 4] = [
        Self::Draft,
        Self::InReview,
        Self::Approved,
        Self::ChangesRequested,
    ];

    /// The spelling in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in_review",
            Self::Approved => "approved",
            Self::ChangesRequested => "changes_requested",
        }
    }

    /// The state a file spells so, if it is one.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_str() == s)
    }

    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::InReview => "In review",
            Self::Approved => "Approved",
            Self::ChangesRequested => "Changes requested",
        }
    }

    /// A claim in this state waits for a reviewer's action.
    pub fn needs_review(self) -> bool {
        matches!(self, Self::InReview | Self::ChangesRequested)
    }
}

/// A claim's status and who set it when. A claim with none is a draft.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub state: State,
    /// Who set it and when (none: never set, a draft).
    pub stamp: Option<Stamp>,
    /// Why changes are requested (required for `changes_requested`), or a note.
    pub reason: String,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Status {
    pub fn new(state: State, reason: &str, stamp: Stamp) -> Self {
        Self {
            state,
            stamp: Some(stamp),
            reason: reason.to_owned(),
            extra: Extra::new(),
        }
    }

    /// What is wrong with it, if anything: changes requested with no reason.
    pub fn problem(&self) -> Option<&'static str> {
        (self.state == State::ChangesRequested && self.reason.trim().is_empty())
            .then_some("changes_requested needs a reason: say what should change")
    }

    /// Whether it is what a claim with no status has (and so is not written).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// One change to a claim, as its history tells it: short values, never the whole text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub by: String,
    /// `verdict`, `status`, `range`, `rationale`, `sources`, `comments`, `claim`.
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl HistoryEntry {
    pub fn new(stamp: &Stamp, field: &str, from: Option<String>, to: Option<String>) -> Self {
        Self {
            at: stamp.at,
            by: stamp.by.clone(),
            field: field.to_owned(),
            from,
            to,
            extra: Extra::new(),
        }
    }

    /// One line for people: "verdict: unreviewed → disputed".
    pub fn summary(&self) -> String {
        match (&self.from, &self.to) {
            (Some(from), Some(to)) => format!("{}: {from} → {to}", self.field),
            (None, Some(to)) => format!("{}: {to}", self.field),
            (Some(from), None) => format!("{}: {from} removed", self.field),
            (None, None) => self.field.clone(),
        }
    }
}

/// A range as a history shows it: `12–40` (code points, end exclusive).
pub fn range_text(start: usize, end: usize) -> String {
    format!("{start}–{end}")
}

/// A remark on a claim, by one reviewer; resolved when it has been dealt with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    pub by: String,
    pub at: DateTime<Utc>,
    pub text: String,
    pub resolved: bool,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Comment {
    /// A new comment with a random id.
    pub fn new(text: &str, stamp: &Stamp) -> Self {
        Self {
            id: uuid::Uuid::new_v4().to_string(),
            by: stamp.by.clone(),
            at: stamp.at,
            text: text.to_owned(),
            resolved: false,
            extra: Extra::new(),
        }
    }

    /// The comment as a history tells it: its first words, quoted.
    pub fn gist(&self) -> String {
        format!("“{}”", crate::text::gist(&self.text, 48))
    }
}

/// A claim's status, history and comments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default, skip_serializing_if = "Status::is_default")]
    pub status: Status,
    /// Oldest first; only ever added to (an undo restores what it was before the change).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.status.is_default() && self.history.is_empty() && self.comments.is_empty()
    }

    /// Adds `entry` to the history. A rationale edited again by the same reviewer right
    /// after their last edit of it is the same entry, at the later time: typing is one
    /// change, not one per letter.
    pub fn record(&mut self, entry: HistoryEntry) {
        if let Some(last) = self.history.last_mut()
            && last.field == "rationale"
            && entry.field == "rationale"
            && last.by == entry.by
        {
            last.at = entry.at;
            return;
        }
        self.history.push(entry);
    }

    /// The comment with this id and its position.
    pub fn comment(&self, id: &str) -> Option<(usize, &Comment)> {
        self.comments.iter().enumerate().find(|(_, c)| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn stamp(by: &str, minute: u32) -> Stamp {
        Stamp::new(
            by,
            Utc.with_ymd_and_hms(2026, 12, 3, 10, minute, 0).unwrap(),
        )
    }

    #[test]
    fn states_spell_as_the_file_does() {
        for state in State::ALL {
            assert_eq!(State::parse(state.as_str()), Some(state));
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.as_str()));
        }
        assert_eq!(State::parse("done"), None);
        assert!(State::InReview.needs_review() && State::ChangesRequested.needs_review());
        assert!(!State::Draft.needs_review() && !State::Approved.needs_review());
    }

    #[test]
    fn changes_requested_needs_a_reason() {
        let asked = Status::new(State::ChangesRequested, " ", stamp("Ed", 1));
        assert!(asked.problem().is_some());
        let asked = Status::new(State::ChangesRequested, "cite the census", stamp("Ed", 1));
        assert_eq!(asked.problem(), None);
        assert!(Status::default().is_default());
        assert!(!Status::new(State::Draft, "", stamp("Ed", 1)).is_default());
    }

    #[test]
    fn typing_a_rationale_is_one_entry_per_reviewer_run() {
        let mut review = Review::default();
        let typed = |by, minute| {
            HistoryEntry::new(
                &stamp(by, minute),
                "rationale",
                None,
                Some("rationale edited".into()),
            )
        };
        review.record(typed("Ana", 1));
        review.record(typed("Ana", 2));
        assert_eq!(review.history.len(), 1);
        assert_eq!(review.history[0].at, stamp("Ana", 2).at);
        review.record(typed("Ben", 3));
        review.record(HistoryEntry::new(
            &stamp("Ana", 4),
            "verdict",
            Some("unreviewed".into()),
            Some("disputed".into()),
        ));
        review.record(typed("Ana", 5));
        assert_eq!(review.history.len(), 4);
        assert_eq!(
            review.history[2].summary(),
            "verdict: unreviewed → disputed"
        );
    }
}
