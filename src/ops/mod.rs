//! Operations over documents that the command line and the app share: opening an article
//! with its annotations, export to the formats the field uses, and import from other
//! annotation tools.

pub mod export;
pub mod import;
pub mod open;
pub mod reanchor;
pub mod team;

#[cfg(test)]
mod tests;

use chrono::{DateTime, SecondsFormat, Utc};

/// A timestamp as every export writes it: RFC 3339, UTC, `Z`.
fn rfc3339(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// JSON with 2-space indent and a trailing newline, like factmark's own files.
fn pretty_json(value: &impl serde::Serialize) -> Result<String, serde_json::Error> {
    let mut json = serde_json::to_string_pretty(value)?;
    json.push('\n');
    Ok(json)
}
