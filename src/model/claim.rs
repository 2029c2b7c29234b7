//! A claim: a span of the article, the verdict on it, and the evidence.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Extra, Review};

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

/// The reviewer's judgement of a claim: `unreviewed`, or the id of a level of the
/// document's [`super::Scale`]. Which ids are levels is the scale's to say; the document
/// refuses a claim whose verdict is not one of its scale's levels.
///
/// The default scale's ids are constants, so the common case never allocates; any other
/// id is shared, and a clone is a count.
#[derive(Clone)]
pub struct Verdict(Name);

#[derive(Clone)]
enum Name {
    Static(&'static str),
    Shared(std::sync::Arc<str>),
}

impl Verdict {
    pub const UNREVIEWED: Self = Self(Name::Static("unreviewed"));
    /// The default scale's levels.
    pub const VERIFIED: Self = Self(Name::Static("verified"));
    pub const DISPUTED: Self = Self(Name::Static("disputed"));
    pub const INACCURATE: Self = Self(Name::Static("inaccurate"));

    /// The verdict with this id, as a file spells it.
    pub fn new(id: &str) -> Self {
        [
            Self::UNREVIEWED,
            Self::VERIFIED,
            Self::DISPUTED,
            Self::INACCURATE,
        ]
        .into_iter()
        .find(|v| v.as_str() == id)
        .unwrap_or_else(|| Self(Name::Shared(id.into())))
    }

    /// The spelling in files and on the command line.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Name::Static(s) => s,
            Name::Shared(s) => s,
        }
    }

    pub fn is_unreviewed(&self) -> bool {
        self.as_str() == "unreviewed"
    }
}

impl Default for Verdict {
    fn default() -> Self {
        Self::UNREVIEWED
    }
}

impl PartialEq for Verdict {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Verdict {}

impl PartialOrd for Verdict {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Verdict {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Verdict {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Verdict {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Verdict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Ok(Self::new(&id))
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
    /// Status, history and comments.
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
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
            review: Review::default(),
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
    fn verdicts_compare_by_their_spelling() {
        assert_eq!(Verdict::new("verified"), Verdict::VERIFIED);
        assert_eq!(
            Verdict::new(String::from("pants-on-fire").as_str()),
            Verdict::new("pants-on-fire")
        );
        assert_ne!(Verdict::new("Verified"), Verdict::VERIFIED);
        assert!(Verdict::default().is_unreviewed());
        let json = serde_json::to_string(&Verdict::new("half-true")).unwrap();
        assert_eq!(json, "\"half-true\"");
        assert_eq!(
            serde_json::from_str::<Verdict>(&json).unwrap(),
            Verdict::new("half-true")
        );
    }

    #[test]
    fn random_ids_are_uuids_and_differ() {
        let (a, b) = (ClaimId::random(), ClaimId::random());
        assert_ne!(a, b);
        assert!(uuid::Uuid::parse_str(a.as_str()).is_ok());
        assert_eq!(ClaimId::parse("  "), None);
    }
}
