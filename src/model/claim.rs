//! A claim: a span of the article, the verdict on it, and the evidence.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::Extra;

/// A claim's identity: unique in a file, never reused. New ids are random UUIDs so that two
/// reviewers' files never share one by accident; ids from other tools are kept as they are.
/// Shared, not copied: the document's id index, edits and views each hold one, and a
/// clone is a count, not an allocation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimId(std::sync::Arc<str>);

impl ClaimId {
    /// A fresh random (v4) UUID.
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4().to_string().into())
    }

    /// An id read from a file. `None` if it is empty or only whitespace.
    pub fn parse(id: &str) -> Option<Self> {
        Self::from_string(id.to_owned())
    }

    /// [`Self::parse`] of a string already owned.
    pub fn from_string(id: String) -> Option<Self> {
        (!id.trim().is_empty()).then(|| Self(id.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The reviewer's judgement of a claim.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    #[default]
    Unreviewed,
    Verified,
    Disputed,
    Inaccurate,
}

impl Verdict {
    pub const ALL: [Self; 4] = [
        Self::Unreviewed,
        Self::Verified,
        Self::Disputed,
        Self::Inaccurate,
    ];

    /// The spelling in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unreviewed => "unreviewed",
            Self::Verified => "verified",
            Self::Disputed => "disputed",
            Self::Inaccurate => "inaccurate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who did something, and when. The time comes from a [`Clock`] passed in: the model
/// never reads the system clock, so edits can be replayed and tested at fixed times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub by: String,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Stamp {
    pub fn new(by: &str, at: DateTime<Utc>) -> Self {
        Self {
            by: by.to_owned(),
            at,
            extra: Extra::new(),
        }
    }
}

/// Where the time of a change comes from. The app passes the system clock
/// (`crate::clock::SystemClock`); tests pass a [`FixedClock`].
pub trait Clock {
    fn now(&self) -> DateTime<Utc>;

    /// A stamp for a change `by` someone, now.
    fn stamp(&self, by: &str) -> Stamp {
        Stamp::new(by, self.now())
    }
}

/// A clock that always says the same time (tests, replays).
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Evidence for a verdict. What a source must have is checked in one place,
/// [`super::rules::source`], for the file reader, the importers and the app's form alike.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub url: String,
    pub title: String,
    pub accessed: Option<NaiveDate>,
    pub note: String,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// A span of the article text and the verdict on it.
///
/// `start..end` are code-point offsets into the article text, end exclusive; the quote
/// (`exact`, `prefix`, `suffix`) is derived from the text, never stored apart from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: ClaimId,
    pub start: usize,
    pub end: usize,
    pub verdict: Verdict,
    pub rationale: String,
    pub sources: Vec<Source>,
    pub created: Option<Stamp>,
    pub modified: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Claim {
    /// A new claim with a random id, created (and so last modified) as `stamp` says.
    pub fn new(start: usize, end: usize, verdict: Verdict, stamp: Stamp) -> Self {
        Self {
            id: ClaimId::random(),
            start,
            end,
            verdict,
            rationale: String::new(),
            sources: Vec::new(),
            created: Some(stamp.clone()),
            modified: Some(stamp),
            extra: Extra::new(),
        }
    }

    /// Article order: by start, then end, then id (so the order is total and stable).
    pub fn sort_key(&self) -> (usize, usize, &ClaimId) {
        (self.start, self.end, &self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_round_trip_their_spelling() {
        for verdict in Verdict::ALL {
            assert_eq!(Verdict::parse(verdict.as_str()), Some(verdict));
        }
        assert_eq!(Verdict::parse("Verified"), None);
        assert_eq!(Verdict::parse("false"), None);
    }

    #[test]
    fn random_ids_are_uuids_and_differ() {
        let (a, b) = (ClaimId::random(), ClaimId::random());
        assert_ne!(a, b);
        assert!(uuid::Uuid::parse_str(a.as_str()).is_ok());
        assert_eq!(ClaimId::parse("  "), None);
    }
}
