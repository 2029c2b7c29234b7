//! Strict JSON reading: what `serde_json` accepts, minus duplicate keys, with messages a
//! reviewer can act on for the usual ways a file gets broken (merge conflicts, NaN).

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Parses `text` as one JSON value. Duplicate keys are an error at any depth; nesting deeper
/// than `serde_json`'s limit (128) is an error, not a stack overflow.
pub fn parse_strict(text: &str) -> Result<Value, String> {
    if let Some(line) = conflict_marker_line(text) {
        return Err(format!(
            "line {line}: git conflict markers (<<<<<<<, =======, >>>>>>>): \
             resolve the merge conflict first, then validate again"
        ));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = StrictValue
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| describe(text, &e))?;
    Ok(value)
}

fn describe(text: &str, error: &serde_json::Error) -> String {
    let at = text
        .lines()
        .nth(error.line().saturating_sub(1))
        .and_then(|line| line.get(error.column().saturating_sub(1)..))
        .unwrap_or_default();
    let hint = if ["NaN", "Infinity", "-Infinity", "+Infinity"]
        .iter()
        .any(|t| at.starts_with(t))
    {
        " (NaN and Infinity are not JSON numbers)"
    } else if error.is_eof() {
        " (the file ends too early: was it truncated?)"
    } else {
        ""
    };
    format!("not valid JSON: {error}{hint}")
}

/// 1-based line number of the first git conflict marker, if any.
fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.starts_with("<<<<<<< ")
                || line == "<<<<<<<"
                || line == "======="
                || line.starts_with(">>>>>>> ")
                || line == ">>>>>>>"
        })
        .map(|i| i + 1)
}

/// A `Value` with duplicate keys refused, for reading unknown fields in the fast path too.
pub struct StrictValue;

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
            }
            let value = map.next_value_seed(StrictValue)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        parse_strict(text).expect_err(text)
    }

    #[test]
    fn accepts_ordinary_json() {
        let value =
            parse_strict(r#"{"a": [1, 2.5, -3, "x", null, true], "b": {"c": {}}}"#).expect("valid");
        assert_eq!(value["a"][3], "x");
    }

    #[test]
    fn explains_broken_files() {
        assert!(error_of(r#"{"a": 1, "a": 2}"#).contains("duplicate key \"a\""));
        assert!(error_of(r#"{"x": {"b": 1, "b": 1}}"#).contains("duplicate key \"b\""));
        assert!(error_of(r#"{"a": NaN}"#).contains("NaN and Infinity are not JSON numbers"));
        assert!(error_of(r#"{"a": [1, 2"#).contains("truncated"));
        assert!(
            error_of("{\n<<<<<<< HEAD\n\"a\": 1\n=======\n\"a\": 2\n>>>>>>> other\n}")
                .contains("line 2: git conflict markers")
        );
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert!(error_of(&deep).contains("recursion limit"));
        assert!(error_of("{} {}").contains("trailing characters"));
    }
}
