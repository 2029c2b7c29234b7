//! The fields `factmark merge` and the comparison write on a claim, checked when a file is
//! read: optional, kept by older readers as unknown fields, but a file that has one must
//! have it whole, or merging it again would drop what it holds.
//!
//! ```json
//! "from": [{"by": "ana.factmark.json", "id": "…"}],
//! "rationales": [{"by": "Ana", "text": "…"}],
//! "conflict": [{"by": "Ana", "id": "…", "verdict": "disputed", "start": 10, "end": 40,
//!               "rationale": "…", "sources": [{"url": "…", "title": "", "accessed": null, "note": ""}]}],
//! "curated": {"by": "Ed", "id": "…"}   or   {"by": "Ed", "own": true}
//! ```

use serde_json::{Map, Value};

use super::Diagnostic;
use super::wire_in::kind_of;
use crate::model::{Extra, Scale, Source, Verdict};

/// The claims a merged claim was made from.
pub const FROM: &str = "from";
/// Each reviewer's rationale of a merged claim, with its author.
pub const RATIONALES: &str = "rationales";
/// Every reviewer's version of a claim they disagree on.
pub const CONFLICT: &str = "conflict";
/// Whose version a curated claim is.
pub const CURATED: &str = "curated";

/// Checks the team fields among a claim's unknown fields; false if one is malformed
/// (each problem reported, naming the claim and the field's path).
pub(super) fn check(
    extra: &Extra,
    label: &str,
    (len_chars, scale): (usize, &Scale),
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut check = Check {
        label,
        diagnostics,
        ok: true,
    };
    if let Some(value) = extra.get(FROM) {
        check.list(value, FROM, |c, item, at| {
            c.string(item, at, "by");
            c.string(item, at, "id");
        });
    }
    if let Some(value) = extra.get(RATIONALES) {
        check.list(value, RATIONALES, |c, item, at| {
            c.string(item, at, "by");
            c.string(item, at, "text");
        });
    }
    if let Some(value) = extra.get(CONFLICT) {
        check.list(value, CONFLICT, |c, item, at| {
            c.version(item, at, len_chars, scale);
        });
    }
    if let Some(value) = extra.get(CURATED) {
        check.curated(value);
    }
    check.ok
}

struct Check<'a> {
    label: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
    ok: bool,
}

impl Check<'_> {
    fn error(&mut self, field: &str, message: impl Into<String>) {
        self.ok = false;
        self.diagnostics
            .push(Diagnostic::error(Some(self.label), Some(field), message));
    }

    /// `value` is an array of objects, each checked by `item`.
    fn list(
        &mut self,
        value: &Value,
        field: &str,
        mut item: impl FnMut(&mut Self, &Map<String, Value>, &str),
    ) {
        let Value::Array(values) = value else {
            self.error(field, format!("must be an array, not a {}", kind_of(value)));
            return;
        };
        for (i, value) in values.iter().enumerate() {
            let at = format!("{field}[{i}]");
            match value {
                Value::Object(map) => item(self, map, &at),
                other => self.error(&at, format!("must be an object, not a {}", kind_of(other))),
            }
        }
    }

    /// `map[key]` is a string: it, if so.
    fn string<'m>(&mut self, map: &'m Map<String, Value>, at: &str, key: &str) -> Option<&'m str> {
        match map.get(key) {
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                self.error(
                    &format!("{at}.{key}"),
                    format!("must be a string, not a {}", kind_of(other)),
                );
                None
            }
            None => {
                self.error(&format!("{at}.{key}"), "missing");
                None
            }
        }
    }

    /// `map[key]` is a non-negative whole number: it, if so.
    fn offset(&mut self, map: &Map<String, Value>, at: &str, key: &str) -> Option<u64> {
        let value = map.get(key);
        if let Some(n) = value.and_then(Value::as_u64) {
            return Some(n);
        }
        let problem = value.map_or_else(
            || "missing".to_owned(),
            |v| format!("must be a whole number of characters, not {v}"),
        );
        self.error(&format!("{at}.{key}"), problem);
        None
    }

    /// One reviewer's version of a disagreement: what picking it makes the claim.
    fn version(&mut self, map: &Map<String, Value>, at: &str, len_chars: usize, scale: &Scale) {
        self.string(map, at, "by");
        self.string(map, at, "id");
        self.string(map, at, "rationale");
        if let Some(v) = self.string(map, at, "verdict")
            && !scale.allows(&Verdict::new(v))
        {
            self.error(
                &format!("{at}.verdict"),
                format!(
                    "{:?} is not a level of the {:?} scale",
                    crate::text::excerpt(v),
                    crate::text::excerpt(&scale.name)
                ),
            );
        }
        let start = self.offset(map, at, "start");
        let end = self.offset(map, at, "end");
        if let (Some(start), Some(end)) = (start, end) {
            let len = len_chars as u64;
            if start >= end {
                self.error(
                    &format!("{at}.end"),
                    format!("{end} is not after start {start}"),
                );
            } else if end > len {
                self.error(
                    &format!("{at}.end"),
                    format!("{end} is past the end of the text ({len} characters)"),
                );
            }
        }
        match map.get("sources") {
            Some(Value::Array(sources)) => {
                for (i, source) in sources.iter().enumerate() {
                    if let Err(e) = serde_json::from_value::<Source>(source.clone()) {
                        self.error(&format!("{at}.sources[{i}]"), e.to_string());
                    }
                }
            }
            Some(other) => self.error(
                &format!("{at}.sources"),
                format!("must be an array, not a {}", kind_of(other)),
            ),
            None => self.error(&format!("{at}.sources"), "missing"),
        }
    }

    /// Whose version a curated claim is: a reviewer's claim, or the editor's own.
    fn curated(&mut self, value: &Value) {
        let Value::Object(map) = value else {
            self.error(
                CURATED,
                format!("must be an object, not a {}", kind_of(value)),
            );
            return;
        };
        self.string(map, CURATED, "by");
        match (map.get("id"), map.get("own")) {
            (Some(_), _) => {
                self.string(map, CURATED, "id");
            }
            (None, Some(Value::Bool(true))) => {}
            (None, _) => self.error(
                CURATED,
                "must name the reviewer's claim (`id`) or say it is the editor's own (`own`: true)",
            ),
        }
    }
}
