//! Label Studio tasks: `[{"data": {"text": …}, "annotations": [{"result": [...]}]}]`.
//!
//! Offsets are read as UTF-16 code units, which is what Label Studio's browser front end
//! writes. Where a region carries its `text` and that only matches the article when the
//! offsets are read as code points (files written by scripts, some back-end tools), code
//! points are used and a note says so; where neither matches, the import stops.
//! Regions are grouped by id: a `labels` result gives the span and the verdict; per-region
//! `textarea` results named `rationale` and `sources` (or anything else, kept in the
//! rationale with its name) give the rest.

use serde_json::Value;

use super::{Builder, Draft, article_text};
use crate::ops::export::label_studio_names::{RATIONALE, SOURCES};
use crate::text::Text;

pub(super) fn read(file: &str, article: Option<&str>) -> Result<Builder, String> {
    let json: Value = serde_json::from_str(file).map_err(|e| format!("not JSON: {e}"))?;
    let task = match &json {
        Value::Array(tasks) if tasks.len() == 1 => &tasks[0],
        Value::Array(tasks) if tasks.is_empty() => return Err("holds no tasks".to_owned()),
        Value::Array(tasks) => {
            return Err(format!(
                "holds {} tasks; a factmark file holds one article: export one task at a time",
                tasks.len()
            ));
        }
        Value::Object(_) => &json,
        _ => return Err("expected a task or a list of tasks".to_owned()),
    };
    let data = task.get("data");
    let text = data.and_then(|d| d.get("text")).and_then(Value::as_str);
    let mut builder = Builder::new(article_text(text, article)?);
    if let Some(title) = data.and_then(|d| d.get("title")).and_then(Value::as_str) {
        title.clone_into(&mut builder.title);
    }
    if let Some(url) = data.and_then(|d| d.get("url")).and_then(Value::as_str) {
        url.clone_into(&mut builder.url);
    }

    // The first annotation that was not cancelled; else the first prediction.
    let list = |name| {
        task.get(name)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let annotations = list("annotations");
    let usable: Vec<&Value> = annotations
        .iter()
        .filter(|a| a.get("was_cancelled").and_then(Value::as_bool) != Some(true))
        .collect();
    let (results, source) = match (usable.first(), list("predictions").first()) {
        (Some(annotation), _) => (annotation.get("result"), "annotation 1"),
        (None, Some(prediction)) => (prediction.get("result"), "prediction 1"),
        (None, None) => (None, ""),
    };
    if usable.len() > 1 {
        builder.notes.push(format!(
            "the task has {} annotations; only the first was imported",
            usable.len()
        ));
    }
    let Some(results) = results.and_then(Value::as_array) else {
        builder.notes.push("the task has no annotations".to_owned());
        return Ok(builder);
    };
    read_results(&mut builder, results, source)?;
    Ok(builder)
}

/// Turns one annotation's results into claims: regions by id, with their text areas.
fn read_results(builder: &mut Builder, results: &[Value], source: &str) -> Result<(), String> {
    let index = Index::new(&builder.text);
    let mut order: Vec<String> = Vec::new();
    let mut regions: std::collections::HashMap<String, Draft> = std::collections::HashMap::new();
    let mut areas: Vec<(String, String, Vec<String>)> = Vec::new();
    for (i, result) in results.iter().enumerate() {
        let place = format!("{source}: result {}", i + 1);
        let id = result.get("id").map_or_else(
            || format!("result-{}", i + 1),
            |v| v.as_str().map_or_else(|| v.to_string(), str::to_owned),
        );
        let place = format!("{place} (id {id})");
        let value = result.get("value").unwrap_or(&Value::Null);
        match result.get("type").and_then(Value::as_str) {
            Some("labels") => {
                let (start, end, as_code_points) = span(&index, value, &place)?;
                if as_code_points {
                    builder.notes.push(format!(
                        "{place}: offsets read as code points (its text matches only so)"
                    ));
                }
                let mut draft = Draft::new(place.clone(), start, end);
                draft.id = Some(id.clone());
                let labels = value.get("labels").and_then(Value::as_array);
                let labels: Vec<&str> = labels
                    .map(|l| l.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                draft.label = labels.first().map(|l| (*l).to_owned());
                if labels.len() > 1 {
                    draft
                        .rationale
                        .push(format!("Imported labels: {}", labels.join(", ")));
                }
                if regions.insert(id.clone(), draft).is_some() {
                    return Err(format!(
                        "{place}: a second labels result for the same region"
                    ));
                }
                order.push(id);
            }
            Some("textarea") => {
                let name = result
                    .get("from_name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let lines = match value.get("text") {
                    Some(Value::Array(lines)) => lines
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect(),
                    Some(Value::String(line)) => vec![line.clone()],
                    _ => Vec::new(),
                };
                areas.push((id, name, lines));
            }
            other => builder.notes.push(format!(
                "{place}: results of type {} are not claims; skipped",
                other.unwrap_or("(none)")
            )),
        }
    }
    for (id, name, lines) in areas {
        let Some(draft) = regions.get_mut(&id) else {
            builder.notes.push(format!(
                "text area {name:?} of region {id}, which has no label; skipped"
            ));
            continue;
        };
        match name.as_str() {
            RATIONALE => draft.rationale.extend(lines),
            SOURCES => draft.sources.extend(
                lines
                    .iter()
                    .flat_map(|l| l.split_whitespace().map(str::to_owned)),
            ),
            _ => draft
                .rationale
                .extend(lines.into_iter().map(|l| format!("{name}: {l}"))),
        }
    }
    builder
        .drafts
        .extend(order.iter().filter_map(|id| regions.remove(id)));
    Ok(())
}

/// The text, and where each of its characters starts in UTF-16 units (one more entry than
/// characters: the end), so that every region is looked up without a scan.
struct Index {
    text: Text,
    units: Vec<usize>,
}

impl Index {
    fn new(text: &str) -> Self {
        let mut units = Vec::with_capacity(text.len() + 1);
        let mut unit = 0;
        for c in text.chars() {
            units.push(unit);
            unit += c.len_utf16();
        }
        units.push(unit);
        Self {
            text: Text::new(text.to_owned()),
            units,
        }
    }

    /// The character at UTF-16 offset `unit`, if a character starts there.
    fn char_of_unit(&self, unit: usize) -> Option<usize> {
        self.units.binary_search(&unit).ok()
    }
}

/// A region's span in code points, and whether its offsets had to be read as code points.
fn span(index: &Index, value: &Value, place: &str) -> Result<(usize, usize, bool), String> {
    let number = |field: &str| {
        value
            .get(field)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("{place}: value.{field}: expected a whole number"))
    };
    let (start, end) = (number("start")?, number("end")?);
    let quoted = value.get("text").and_then(Value::as_str);
    let utf16 = index.char_of_unit(start).zip(index.char_of_unit(end));
    if let Some((a, b)) = utf16
        && quoted.is_none_or(|q| index.text.slice_chars(a..b) == Some(q))
    {
        return Ok((a, b, false));
    }
    if let Some(q) = quoted
        && index.text.slice_chars(start..end) == Some(q)
    {
        return Ok((start, end, true));
    }
    Err(match (utf16, quoted) {
        (None, _) => format!(
            "{place}: offsets {start}..{end} are not on character boundaries of the text \
             (read as UTF-16 code units, as Label Studio writes them)"
        ),
        (Some(_), Some(q)) => format!(
            "{place}: value.text {q:?} is not the article's text at {start}..{end}, read as \
             UTF-16 units or as code points; was the task made on another text?"
        ),
        (Some(_), None) => format!("{place}: offsets {start}..{end} do not fit the text"),
    })
}
