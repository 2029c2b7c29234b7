//! A claim's `status`, `history` and `comments` in format v1: optional fields, written only
//! when a claim has them, so a file without review means what it always meant.
//!
//! ```json
//! "status": {"state": "changes_requested", "by": "Ed", "at": "2026-12-03T10:00:00Z", "reason": "…"},
//! "history": [{"at": "…", "by": "Ana", "field": "verdict", "from": "unreviewed", "to": "disputed"}],
//! "comments": [{"id": "…", "by": "Ed", "at": "…", "text": "Which census?", "resolved": false}]
//! ```

use std::collections::HashSet;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Diagnostic, Field, Unknown};
use crate::model::{Comment, Extra, HistoryEntry, Review, Stamp, State, Status};

const STATUS_KEYS: &[&str] = &["state", "by", "at", "reason"];
const ENTRY_KEYS: &[&str] = &["at", "by", "field", "from", "to"];
const COMMENT_KEYS: &[&str] = &["id", "by", "at", "text", "resolved"];

#[derive(Serialize)]
pub(super) struct WireStatus<'a> {
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    reason: &'a str,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
pub(super) struct WireEntry<'a> {
    at: String,
    by: &'a str,
    field: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

#[derive(Serialize)]
pub(super) struct WireComment<'a> {
    id: &'a str,
    by: &'a str,
    at: String,
    text: &'a str,
    resolved: bool,
    #[serde(flatten)]
    extra: Unknown<'a>,
}

fn time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

pub(super) fn wire_status(review: &Review) -> Option<WireStatus<'_>> {
    let status = &review.status;
    (!status.is_default()).then(|| WireStatus {
        state: status.state.as_str(),
        by: status.stamp.as_ref().map(|s| s.by.as_str()),
        at: status.stamp.as_ref().map(|s| time(&s.at)),
        reason: &status.reason,
        extra: Unknown {
            extra: &status.extra,
            known: STATUS_KEYS,
        },
    })
}

pub(super) fn wire_history(review: &Review) -> Vec<WireEntry<'_>> {
    review
        .history
        .iter()
        .map(|e| WireEntry {
            at: time(&e.at),
            by: &e.by,
            field: &e.field,
            from: e.from.as_deref(),
            to: e.to.as_deref(),
            extra: Unknown {
                extra: &e.extra,
                known: ENTRY_KEYS,
            },
        })
        .collect()
}

pub(super) fn wire_comments(review: &Review) -> Vec<WireComment<'_>> {
    review
        .comments
        .iter()
        .map(|c| WireComment {
            id: &c.id,
            by: &c.by,
            at: time(&c.at),
            text: &c.text,
            resolved: c.resolved,
            extra: Unknown {
                extra: &c.extra,
                known: COMMENT_KEYS,
            },
        })
        .collect()
}

/// The three fields as read, each still JSON.
pub(super) type ReviewFields = (Field<Value>, Field<Value>, Field<Value>);

/// Reads a claim's review, reporting every problem at its field (`status.state`,
/// `history[2].at`, `comments[0].id`). `None` if there was one.
pub(super) fn read(
    (status, history, comments): ReviewFields,
    label: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Review> {
    let mut reader = Reader {
        label,
        diagnostics,
        ok: true,
    };
    let status = match status {
        Field::Ok(value) => reader.status(value),
        _ => Status::default(),
    };
    let history = match history {
        Field::Ok(value) => reader.list(value, "history", Reader::entry),
        _ => Vec::new(),
    };
    let comments = match comments {
        Field::Ok(value) => reader.list(value, "comments", Reader::comment),
        _ => Vec::new(),
    };
    let mut ids = HashSet::new();
    for (i, comment) in comments.iter().enumerate() {
        if !ids.insert(comment.id.as_str()) {
            reader.error(
                &format!("comments[{i}].id"),
                format!(
                    "{:?} is the id of an earlier comment too: comment ids must be unique",
                    crate::text::excerpt(&comment.id)
                ),
            );
        }
    }
    reader.ok.then_some(Review {
        status,
        history,
        comments,
    })
}

struct Reader<'a> {
    label: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
    ok: bool,
}

impl Reader<'_> {
    fn error(&mut self, field: &str, message: impl Into<String>) {
        self.ok = false;
        self.diagnostics
            .push(Diagnostic::error(Some(self.label), Some(field), message));
    }

    fn object(&mut self, value: Value, field: &str) -> Option<Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.error(
                    field,
                    format!(
                        "must be an object, not a {}",
                        super::wire_in::kind_of(&other)
                    ),
                );
                None
            }
        }
    }

    fn list<T>(
        &mut self,
        value: Value,
        field: &str,
        item: fn(&mut Self, Map<String, Value>, &str) -> Option<T>,
    ) -> Vec<T> {
        let Value::Array(values) = value else {
            self.error(
                field,
                format!(
                    "must be an array, not a {}",
                    super::wire_in::kind_of(&value)
                ),
            );
            return Vec::new();
        };
        values
            .into_iter()
            .enumerate()
            .filter_map(|(i, value)| {
                let at = format!("{field}[{i}]");
                let map = self.object(value, &at)?;
                item(self, map, &at)
            })
            .collect()
    }

    /// A string field; absent or null is `None`.
    fn string(&mut self, map: &mut Map<String, Value>, at: &str, key: &str) -> Option<String> {
        match map.remove(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                self.error(
                    &format!("{at}.{key}"),
                    format!(
                        "must be a string, not a {}",
                        super::wire_in::kind_of(&other)
                    ),
                );
                None
            }
        }
    }

    fn time(
        &mut self,
        map: &mut Map<String, Value>,
        at: &str,
        required: bool,
    ) -> Option<DateTime<Utc>> {
        let field = format!("{at}.at");
        let given = map.get("at").is_some_and(|v| !v.is_null());
        let Some(text) = self.string(map, at, "at") else {
            if required && !given {
                self.error(&field, "missing");
            }
            return None;
        };
        if let Ok(time) = DateTime::parse_from_rfc3339(&text) {
            Some(time.with_timezone(&Utc))
        } else {
            self.error(
                &field,
                format!(
                    "{:?} is not a time: write it as RFC 3339, like 2026-11-25T11:41:00Z",
                    crate::text::excerpt(&text)
                ),
            );
            None
        }
    }

    fn status(&mut self, value: Value) -> Status {
        let Some(mut map) = self.object(value, "status") else {
            return Status::default();
        };
        let state = match self.string(&mut map, "status", "state") {
            None => {
                self.error("status.state", "missing");
                State::Draft
            }
            Some(s) => State::parse(&s).unwrap_or_else(|| {
                self.error(
                    "status.state",
                    format!(
                        "{:?} is not a status: use draft, in_review, approved or changes_requested",
                        crate::text::excerpt(&s)
                    ),
                );
                State::Draft
            }),
        };
        let by = self.string(&mut map, "status", "by");
        let at_given = map.get("at").is_some_and(|v| !v.is_null());
        let at = self.time(&mut map, "status", false);
        let reason = self
            .string(&mut map, "status", "reason")
            .unwrap_or_default();
        let status = Status {
            state,
            stamp: match (by, at) {
                (None, None) => None,
                (by, Some(at)) => Some(Stamp::new(&by.unwrap_or_default(), at)),
                (Some(_), None) => {
                    if !at_given {
                        self.error("status.at", "missing: say when the status was set");
                    }
                    None
                }
            },
            reason,
            extra: map.into_iter().collect::<Extra>(),
        };
        if let Some(problem) = status.problem() {
            self.error("status.reason", problem);
        }
        status
    }

    fn entry(&mut self, mut map: Map<String, Value>, at: &str) -> Option<HistoryEntry> {
        let time = self.time(&mut map, at, true);
        let by = self.string(&mut map, at, "by").unwrap_or_default();
        let field = self.string(&mut map, at, "field");
        if field.as_deref().is_none_or(|f| f.trim().is_empty()) {
            self.error(&format!("{at}.field"), "missing: say which field changed");
        }
        let from = self.string(&mut map, at, "from");
        let to = self.string(&mut map, at, "to");
        Some(HistoryEntry {
            at: time?,
            by,
            field: field?,
            from,
            to,
            extra: map.into_iter().collect(),
        })
    }

    fn comment(&mut self, mut map: Map<String, Value>, at: &str) -> Option<Comment> {
        let id = self.string(&mut map, at, "id");
        if id.as_deref().is_none_or(|id| id.trim().is_empty()) {
            self.error(&format!("{at}.id"), "missing: a comment has an id");
        }
        let by = self.string(&mut map, at, "by").unwrap_or_default();
        let time = self.time(&mut map, at, true);
        let text = self.string(&mut map, at, "text").unwrap_or_default();
        let resolved = match map.remove("resolved") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => b,
            Some(other) => {
                self.error(
                    &format!("{at}.resolved"),
                    format!(
                        "must be true or false, not a {}",
                        super::wire_in::kind_of(&other)
                    ),
                );
                false
            }
        };
        Some(Comment {
            id: id?,
            by,
            at: time?,
            text,
            resolved,
            extra: map.into_iter().collect(),
        })
    }
}
