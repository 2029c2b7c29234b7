//! Reading, stage one: JSON to typed but unchecked `In*` records.
//!
//! Two ways in. [`fast`] deserialises the bytes straight into the records (serde, no
//! intermediate tree), which is what a valid file takes. If anything in it is off (a wrong
//! type, a duplicate key, broken JSON), [`slow`] parses the file into a `Value` tree and
//! walks it field by field, so that every problem is reported with its claim and field and
//! the rest of the file is still read. Stage two (`super::build`) checks the meaning of the
//! records, whichever way they came.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::super::Diagnostic;
use super::super::json::{StrictValue, parse_strict};
use crate::model::Extra;

/// A field as read: absent (or null), present with the wrong type (already reported), or
/// present.
#[derive(Debug, Default)]
pub enum Field<T> {
    #[default]
    Absent,
    Invalid,
    Ok(T),
}

impl<T> Field<T> {
    pub fn as_ref_ok(&self) -> Option<&T> {
        match self {
            Self::Ok(value) => Some(value),
            Self::Absent | Self::Invalid => None,
        }
    }

    /// The value if it was read; absent and invalid alike give `None`.
    pub fn ok(self) -> Option<T> {
        match self {
            Self::Ok(value) => Some(value),
            Self::Absent | Self::Invalid => None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Self::Absent, Self::Ok))
    }
}

/// A string that is only compared or parsed, never kept: borrowed from the file when it
/// has no escapes (most do not), so reading 100k claims does not allocate and free a
/// string for each quote, context, verdict and time.
#[derive(Default)]
pub struct Str<'de>(pub Cow<'de, str>);

/// Written in messages like the string it holds (`"2025-13-45"`).
impl fmt::Debug for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

impl Lenient for Str<'_> {
    fn lenient(value: Value, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Option<Self> {
        String::lenient(value, place, diagnostics).map(|s| Str(Cow::Owned(s)))
    }
}

/// Where a value sits, for messages: the claim (id or `#N`) and the field path inside it.
#[derive(Clone, Debug, Default)]
pub struct Place {
    pub claim: Option<String>,
    pub path: Option<String>,
}

impl Place {
    fn field(&self, key: &str) -> Self {
        Self {
            claim: self.claim.clone(),
            path: Some(match &self.path {
                Some(path) => format!("{path}.{key}"),
                None => key.to_owned(),
            }),
        }
    }

    fn index(&self, i: usize) -> Self {
        Self {
            claim: self.claim.clone(),
            path: Some(format!("{}[{i}]", self.path.as_deref().unwrap_or_default())),
        }
    }

    pub fn error(&self, diagnostics: &mut Vec<Diagnostic>, message: impl Into<String>) {
        diagnostics.push(Diagnostic::error(
            self.claim.as_deref(),
            self.path.as_deref(),
            message,
        ));
    }
}

/// Reading one JSON value as `Self` in the slow path, reporting a wrong type at `place`.
pub trait Lenient: Sized {
    fn lenient(value: Value, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Option<Self>;
}

pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

fn wrong_type(value: &Value, expected: &str, place: &Place, diagnostics: &mut Vec<Diagnostic>) {
    place.error(
        diagnostics,
        format!(
            "must be {expected}, not a {} ({})",
            kind_of(value),
            shorten(&value.to_string())
        ),
    );
}

/// Read as it is; its meaning is checked in stage two.
impl Lenient for Value {
    fn lenient(value: Value, _: &Place, _: &mut Vec<Diagnostic>) -> Option<Self> {
        Some(value)
    }
}

impl Lenient for String {
    fn lenient(value: Value, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Option<Self> {
        match value {
            Value::String(s) => Some(s),
            other => {
                wrong_type(&other, "a string", place, diagnostics);
                None
            }
        }
    }
}

/// Numbers in the format are code-point offsets and the version: whole and never negative.
impl Lenient for u64 {
    fn lenient(value: Value, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Option<Self> {
        match &value {
            Value::Number(n) => {
                if let Some(n) = n.as_u64() {
                    return Some(n);
                }
                let why = if n.as_i64().is_some_and(|i| i < 0) {
                    format!("is {n}: offsets are never negative")
                } else if n
                    .as_f64()
                    .is_some_and(|f| f.fract() == 0.0 && f >= 2f64.powi(64))
                {
                    // Past u64 (2^64 and up, read as a float): whole, but far too large.
                    format!(
                        "is {}: far too large for an offset (it is at most the text's length)",
                        crate::text::excerpt(&n.to_string())
                    )
                } else {
                    format!("is {n}: offsets are whole numbers")
                };
                place.error(diagnostics, why);
            }
            other => wrong_type(other, "a number (a code-point offset)", place, diagnostics),
        }
        None
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    fn lenient(value: Value, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Option<Self> {
        match value {
            Value::Array(items) => Some(
                items
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, item)| T::lenient(item, &place.index(i), diagnostics))
                    .collect(),
            ),
            other => {
                wrong_type(&other, "an array", place, diagnostics);
                None
            }
        }
    }
}

fn lenient_field<T: Lenient>(
    map: &mut Map<String, Value>,
    key: &str,
    place: &Place,
    diagnostics: &mut Vec<Diagnostic>,
) -> Field<T> {
    match map.remove(key) {
        None | Some(Value::Null) => Field::Absent,
        Some(value) => {
            T::lenient(value, &place.field(key), diagnostics).map_or(Field::Invalid, Field::Ok)
        }
    }
}

/// Declares a record of the format: its fields and keys, a fast `Deserialize` that keeps
/// unknown keys and refuses duplicate ones, and the slow field-by-field reading.
macro_rules! record {
    ($(#[$doc:meta])* $name:ident { $($field:ident: $ty:ty = $key:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Default)]
        pub struct $name<'de> {
            $(pub $field: Field<$ty>,)*
            pub extra: Extra,
            /// Strings borrowed from the file live as long as its text.
            pub borrowed: PhantomData<&'de str>,
        }

        impl<'de> $name<'de> {
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            /// The slow path: every field read on its own, wrong types reported.
            pub fn from_map(
                mut map: Map<String, Value>,
                place: &Place,
                diagnostics: &mut Vec<Diagnostic>,
            ) -> Self {
                Self {
                    $($field: lenient_field(&mut map, $key, place, diagnostics),)*
                    extra: map.into_iter().collect(),
                    borrowed: PhantomData,
                }
            }
        }

        impl<'de> Deserialize<'de> for $name<'de> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct RecordVisitor<'de>(PhantomData<&'de str>);
                impl<'de> Visitor<'de> for RecordVisitor<'de> {
                    type Value = $name<'de>;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name<'de>, A::Error> {
                        let mut record = $name::default();
                        // One flag per known key, however many a record has.
                        let mut seen = [false; $name::KEYS.len()];
                        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                            if let Some(i) = $name::KEYS.iter().position(|k| *k == key) {
                                if std::mem::replace(&mut seen[i], true) {
                                    return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
                                }
                                match key.as_ref() {
                                    $($key => record.$field = map.next_value()?,)*
                                    _ => {}
                                }
                            } else {
                                if record.extra.contains_key(key.as_ref()) {
                                    return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
                                }
                                let value = map.next_value_seed(StrictValue)?;
                                record.extra.insert(key.into_owned(), value);
                            }
                        }
                        Ok(record)
                    }
                }
                deserializer.deserialize_map(RecordVisitor(PhantomData))
            }
        }

        impl Record for $name<'_> {
            fn read_map(map: Map<String, Value>, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Self {
                Self::from_map(map, place, diagnostics)
            }
        }

        impl Lenient for $name<'_> {
            fn lenient(value: Value, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Option<Self> {
                match value {
                    Value::Object(map) => Some(Self::from_map(map, place, diagnostics)),
                    other => {
                        wrong_type(&other, "an object", place, diagnostics);
                        None
                    }
                }
            }
        }
    };
}

record!(
    /// The whole file.
    InDocument {
        format: String = "format",
        version: u64 = "version",
        article: InArticle<'de> = "article",
        scale: Value = "scale",
        claims: Vec<InClaim<'de>> = "claims",
        orphans: Vec<InOrphan<'de>> = "orphans",
    }
);

record!(InArticle {
    title: String = "title",
    url: String = "url",
    source_file: String = "source_file",
    author: String = "author",
    publisher: String = "publisher",
    published: String = "published",
    modified: String = "modified",
    canonical_url: String = "canonical_url",
    lang: String = "lang",
    sha256: String = "sha256",
    text: String = "text",
    blocks: Vec<InBlock<'de>> = "blocks",
});

record!(InBlock {
    start: u64 = "start",
    end: u64 = "end",
    kind: Str<'de> = "kind",
    level: u64 = "level",
});

record!(InClaimFields {
    id: String = "id",
    start: u64 = "start",
    end: u64 = "end",
    exact: Str<'de> = "exact",
    prefix: Str<'de> = "prefix",
    suffix: Str<'de> = "suffix",
    verdict: Str<'de> = "verdict",
    rationale: String = "rationale",
    sources: Vec<InSource<'de>> = "sources",
    created: InStamp<'de> = "created",
    modified: InStamp<'de> = "modified",
    status: Value = "status",
    history: Value = "history",
    comments: Value = "comments",
});

record!(InOrphanFields {
    id: String = "id",
    exact: String = "exact",
    prefix: String = "prefix",
    suffix: String = "suffix",
    text_sha256: String = "text_sha256",
    verdict: Str<'de> = "verdict",
    rationale: String = "rationale",
    sources: Vec<InSource<'de>> = "sources",
    created: InStamp<'de> = "created",
    modified: InStamp<'de> = "modified",
    status: Value = "status",
    history: Value = "history",
    comments: Value = "comments",
});

record!(InSource {
    url: String = "url",
    title: String = "title",
    accessed: Str<'de> = "accessed",
    note: String = "note",
});

record!(InStamp {
    by: String = "by",
    at: Str<'de> = "at",
});

/// A record read by walking a JSON object field by field (the slow path).
pub trait Record {
    fn read_map(map: Map<String, Value>, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Self;
}

/// A claim or an orphan as read. In the slow path one that is not even an object is kept
/// as `NotAnObject`, so that stage two can report it at its position.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // nearly every item is `Fields`: boxing would cost an allocation each
pub enum InItem<F> {
    Fields(F),
    NotAnObject(&'static str),
}

pub type InClaim<'de> = InItem<InClaimFields<'de>>;
pub type InOrphan<'de> = InItem<InOrphanFields<'de>>;

impl<'de, F: Deserialize<'de>> Deserialize<'de> for InItem<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        F::deserialize(deserializer).map(Self::Fields)
    }
}

/// Claims and orphans are located by their own id, not by the path to them.
impl<F: Record> Lenient for InItem<F> {
    fn lenient(value: Value, place: &Place, diagnostics: &mut Vec<Diagnostic>) -> Option<Self> {
        let Value::Object(map) = value else {
            return Some(Self::NotAnObject(kind_of(&value)));
        };
        let mut label = claim_label(map.get("id"), place);
        if place
            .path
            .as_deref()
            .is_some_and(|p| p.starts_with("orphans"))
        {
            label.push_str(" (orphan)");
        }
        let place = Place {
            claim: Some(label),
            path: None,
        };
        Some(Self::Fields(F::read_map(map, &place, diagnostics)))
    }
}

/// `#N` from a path ending in `[N-1]`, or the id when it is a usable string.
fn claim_label(id: Option<&Value>, place: &Place) -> String {
    match id {
        Some(Value::String(id)) if !id.trim().is_empty() => id.clone(),
        _ => position_label(place.path.as_deref().unwrap_or_default()),
    }
}

pub fn position_label(path: &str) -> String {
    let index = path
        .rsplit_once('[')
        .and_then(|(_, rest)| rest.trim_end_matches(']').parse::<usize>().ok())
        .unwrap_or(0);
    format!("#{}", index + 1)
}

/// The fast path. `None` if anything is off: the slow path then finds and reports it.
pub fn fast(text: &str) -> Option<InDocument<'_>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document = InDocument::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(document)
}

/// The slow path: JSON syntax problems end it; format and version are checked before the
/// rest is read (a newer version may be shaped differently); then every field is typed.
pub fn slow(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<InDocument<'static>> {
    let value = match parse_strict(text) {
        Ok(value) => value,
        Err(message) => {
            diagnostics.push(Diagnostic::error(None, None, message));
            return None;
        }
    };
    let Value::Object(map) = value else {
        diagnostics.push(Diagnostic::error(
            None,
            None,
            format!(
                "the file holds a JSON {}, not a factmark document (a JSON object)",
                kind_of(&value)
            ),
        ));
        return None;
    };
    super::check_format_and_version(map.get("format"), map.get("version"), diagnostics)?;
    let root = Place::default();
    Some(InDocument::from_map(map, &root, diagnostics))
}

#[cfg(test)]
mod tests {
    use super::*;

    record!(
        /// A record with more known keys than a 32-bit mask could track.
        Wide {
        k0: u64 = "k0",
        k1: u64 = "k1",
        k2: u64 = "k2",
        k3: u64 = "k3",
        k4: u64 = "k4",
        k5: u64 = "k5",
        k6: u64 = "k6",
        k7: u64 = "k7",
        k8: u64 = "k8",
        k9: u64 = "k9",
        k10: u64 = "k10",
        k11: u64 = "k11",
        k12: u64 = "k12",
        k13: u64 = "k13",
        k14: u64 = "k14",
        k15: u64 = "k15",
        k16: u64 = "k16",
        k17: u64 = "k17",
        k18: u64 = "k18",
        k19: u64 = "k19",
        k20: u64 = "k20",
        k21: u64 = "k21",
        k22: u64 = "k22",
        k23: u64 = "k23",
        k24: u64 = "k24",
        k25: u64 = "k25",
        k26: u64 = "k26",
        k27: u64 = "k27",
        k28: u64 = "k28",
        k29: u64 = "k29",
        k30: u64 = "k30",
        k31: u64 = "k31",
        k32: u64 = "k32",
        k33: u64 = "k33",
        k34: u64 = "k34",
        k35: u64 = "k35",
        k36: u64 = "k36",
        k37: u64 = "k37",
        k38: u64 = "k38",
        k39: u64 = "k39",
        }
    );

    #[test]
    fn records_with_many_keys_read_every_key_and_refuse_a_repeated_one() {
        let all: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let json = format!("{{{}}}", all.join(", "));
        let wide: Wide = serde_json::from_str(&json).expect("40 keys read");
        assert!(matches!(wide.k39, Field::Ok(39)));
        assert!(matches!(wide.k0, Field::Ok(0)));
        for repeated in ["k39", "k33", "k1"] {
            let json = format!("{{{}, \"{repeated}\": 7}}", all.join(", "));
            let error = serde_json::from_str::<Wide>(&json).expect_err(repeated);
            assert!(
                error
                    .to_string()
                    .contains(&format!("duplicate key \"{repeated}\"")),
                "{error}"
            );
        }
    }
}
