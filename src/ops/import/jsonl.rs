//! doccano JSONL: `{"text": …, "label": [[start, end, label], …]}` on one line, offsets in
//! code points. Also read: `labels` for `label`, and doccano's `entities`
//! (`{"start_offset", "end_offset", "label"}`).

use serde_json::Value;

use super::{Builder, Draft, article_text};

pub(super) fn read(file: &str, article: Option<&str>) -> Result<Builder, String> {
    let lines: Vec<(usize, &str)> = file
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let (number, line) = match lines.as_slice() {
        [one] => *one,
        [] => return Err("holds no records".to_owned()),
        many => {
            return Err(format!(
                "holds {} records (one article per line); a factmark file holds one article: \
                 split the file, one line each",
                many.len()
            ));
        }
    };
    let record: Value =
        serde_json::from_str(line).map_err(|e| format!("line {number}: not JSON: {e}"))?;
    let text = record.get("text").and_then(Value::as_str);
    let mut builder = Builder::new(article_text(text, article)?);

    let spans = record
        .get("label")
        .or_else(|| record.get("labels"))
        .filter(|v| !v.is_null());
    if let Some(spans) = spans {
        let spans = spans.as_array().ok_or_else(|| {
            format!("line {number}: label: expected a list of [start, end, label]")
        })?;
        for (i, span) in spans.iter().enumerate() {
            let place = format!("line {number}: label {}", i + 1);
            let parts = span
                .as_array()
                .filter(|p| p.len() >= 2)
                .ok_or_else(|| format!("{place}: expected [start, end, label], found {span}"))?;
            let start = offset(&parts[0], &place, "start")?;
            let end = offset(&parts[1], &place, "end")?;
            let mut draft = Draft::new(place, start, end);
            draft.label = parts.get(2).and_then(Value::as_str).map(str::to_owned);
            builder.drafts.push(draft);
        }
    }
    if let Some(entities) = record.get("entities").and_then(Value::as_array) {
        for (i, entity) in entities.iter().enumerate() {
            let place = format!("line {number}: entity {}", i + 1);
            let field = |name| {
                entity
                    .get(name)
                    .ok_or_else(|| format!("{place}: {name}: missing"))
                    .and_then(|v| offset(v, &place, name))
            };
            let (start, end) = (field("start_offset")?, field("end_offset")?);
            let mut draft = Draft::new(place, start, end);
            draft.label = entity
                .get("label")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(id) = entity.get("id") {
                draft.id = Some(id.to_string().trim_matches('"').to_owned());
            }
            builder.drafts.push(draft);
        }
    }
    Ok(builder)
}

fn offset(value: &Value, place: &str, field: &str) -> Result<usize, String> {
    value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("{place}: {field}: expected a whole number, found {value}"))
}
