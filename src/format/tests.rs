//! Loading and saving: every way a file can be wrong is reported with its claim and field.

use serde_json::{Value, json};

use super::*;
use crate::model::{
    Article, Claim, ClaimId, Clock as _, Extra, FixedClock, Source, Stamp, Verdict,
};
use crate::text::Text;

fn stamp(by: &str) -> Stamp {
    FixedClock(chrono::DateTime::UNIX_EPOCH).stamp(by)
}

/// Whatever a load gives, a document it calls valid has every claim on the text's words.
fn consistent(loaded: &Loaded) -> bool {
    let Some(document) = loaded.document.as_ref().filter(|_| loaded.is_valid()) else {
        return !loaded.is_valid();
    };
    document
        .claims()
        .iter()
        .all(|c| c.start < c.end && document.text().slice_chars(c.start..c.end).is_some())
}

const TEXT: &str = "Kim met Putin in 北京 on 3 September 👩‍👩‍👧. Biden commented.";

/// A valid file with two claims, as JSON to break in each test.
fn valid() -> Value {
    let text = Text::new(TEXT.to_owned());
    json!({
        "format": "factmark",
        "version": 1,
        "article": {
            "title": "Parade",
            "url": "https://example.org/a",
            "source_file": "a.txt",
            "sha256": text.sha256(),
            "text": TEXT,
        },
        "claims": [
            {
                "id": "c1",
                "start": 0,
                "end": 13,
                "exact": "Kim met Putin",
                "verdict": "verified",
                "rationale": "Seen on video.",
                "sources": [{"url": "https://example.org/src", "title": "Video", "accessed": "2025-09-03", "note": ""}],
                "created": {"by": "alice", "at": "2025-09-03T10:00:00Z"},
                "modified": {"by": "bob", "at": "2025-09-03T10:05:00.250Z"}
            },
            {
                "id": "c2",
                "start": 17,
                "end": 19,
                "exact": "北京",
                "verdict": "disputed"
            }
        ]
    })
}

fn load_value(value: &Value) -> Loaded {
    load(value.to_string().as_bytes())
}

/// Loads `value` and expects exactly these errors, each as (claim, field, part of message).
fn check(value: &Value, expected: &[(Option<&str>, Option<&str>, &str)]) {
    let loaded = load_value(value);
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(
        errors.len(),
        expected.len(),
        "expected {expected:?}, got {:#?}",
        loaded.diagnostics
    );
    for (claim, field, message) in expected {
        assert!(
            errors.iter().any(|d| d.claim.as_deref() == *claim
                && d.field.as_deref() == *field
                && d.message.contains(message)),
            "no error {claim:?} {field:?} {message:?} in {:#?}",
            loaded.diagnostics
        );
    }
    assert!(!loaded.is_valid());
}

fn set(mut value: Value, pointer: &str, new: Value) -> Value {
    *value.pointer_mut(pointer).expect(pointer) = new;
    value
}

fn remove(mut value: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    value
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect(parent)
        .remove(key);
    value
}

#[test]
fn a_valid_file_loads_without_diagnostics() {
    let loaded = load_value(&valid());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let document = loaded.into_valid().expect("valid");
    assert_eq!(document.claims().len(), 2);
    let c2 = document
        .claim(&ClaimId::parse("c2").expect("id"))
        .expect("c2");
    assert_eq!(document.exact(c2), "北京");
    assert_eq!(c2.verdict, Verdict::DISPUTED);
}

#[test]
fn problems_are_found_whichever_reader_sees_them_first() {
    // Duplicate unknown keys, nulls and wrong types: the fast path refuses each, and the
    // slow path then reports it; a valid file with nulls takes the fast path.
    let mut with_nulls = valid();
    with_nulls["claims"][1]["rationale"] = Value::Null;
    assert!(v1::fast_path_reads(&with_nulls.to_string()));
    assert!(load_value(&with_nulls).is_valid());
    let text = valid()
        .to_string()
        .replacen("\"id\":\"c1\"", "\"x\":1,\"x\":2,\"id\":\"c1\"", 1);
    assert!(!v1::fast_path_reads(&text));
    let loaded = load(text.as_bytes());
    assert!(
        loaded.diagnostics[0]
            .message
            .contains("duplicate key \"x\""),
        "{:#?}",
        loaded.diagnostics
    );
}

#[test]
fn broken_json_is_one_clear_error() {
    let check_bytes = |bytes: &[u8], message: &str| {
        let loaded = load(bytes);
        assert!(loaded.document.is_none());
        assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
        assert!(
            loaded.diagnostics[0].message.contains(message),
            "{message:?} not in {}",
            loaded.diagnostics[0]
        );
    };
    let full = serde_json::to_string_pretty(&valid()).expect("json");
    check_bytes(&full.as_bytes()[..full.len() / 2], "truncated");
    check_bytes(b"", "empty (0 bytes)");
    check_bytes(
        format!("<<<<<<< HEAD\n{full}\n=======\n{full}\n>>>>>>> theirs\n").as_bytes(),
        "git conflict markers",
    );
    let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    check_bytes(deep.as_bytes(), "recursion limit");
    check_bytes(
        full.replacen("\"start\": 0", "\"start\": NaN", 1)
            .as_bytes(),
        "NaN",
    );
    check_bytes(
        full.replacen(
            "\"verdict\": \"verified\"",
            "\"verdict\": \"verified\", \"verdict\": \"disputed\"",
            1,
        )
        .as_bytes(),
        "duplicate key \"verdict\"",
    );
    check_bytes(b"\xff\xfe{}", "not UTF-8");
    check_bytes(b"[1, 2]", "not a factmark document");
}

#[test]
fn format_and_version_are_checked_first() {
    check(
        &remove(valid(), "/format"),
        &[(None, Some("format"), "missing")],
    );
    check(
        &set(valid(), "/format", json!("label-studio")),
        &[(None, Some("format"), "not a factmark file")],
    );
    check(
        &remove(valid(), "/version"),
        &[(None, Some("version"), "missing")],
    );
    check(
        &set(valid(), "/version", json!(2)),
        &[(None, Some("version"), "newer factmark")],
    );
    check(
        &set(valid(), "/version", json!("1")),
        &[(None, Some("version"), "the only version")],
    );
}

#[test]
fn article_problems_name_the_field() {
    check(
        &set(valid(), "/article/sha256", json!("0".repeat(64))),
        &[(None, Some("article.sha256"), "does not match")],
    );
    check(
        &remove(valid(), "/article/sha256"),
        &[(None, Some("article.sha256"), "missing")],
    );
    check(
        &remove(valid(), "/article/text"),
        &[(None, Some("article.text"), "missing")],
    );
    check(
        &set(valid(), "/article/url", json!("javascript:alert(1)")),
        &[(None, Some("article.url"), "not an http")],
    );
    let with = |key: &str, v: Value| {
        let mut value = valid();
        value["article"][key] = v;
        value
    };
    check(
        &with("canonical_url", json!("ftp://a.example/x")),
        &[(None, Some("article.canonical_url"), "not an http")],
    );
    check(
        &with("author", json!(["Jane"])),
        &[(None, Some("article.author"), "")],
    );
}

#[test]
fn the_page_metadata_is_kept_through_load_and_save() {
    let mut value = valid();
    for (key, v) in [
        ("author", "Jane Doe"),
        ("publisher", "Metro Daily"),
        ("published", "2026-03-04T09:30:00Z"),
        ("modified", "2026-03-05"),
        ("canonical_url", "https://metrodaily.example/bus"),
        ("lang", "en"),
    ] {
        value["article"][key] = json!(v);
    }
    let loaded = load_value(&value);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let document = loaded.into_valid().expect("valid");
    let meta = &document.article.meta;
    assert_eq!(meta.author, "Jane Doe");
    assert_eq!(meta.publisher, "Metro Daily");
    assert_eq!(meta.published, "2026-03-04T09:30:00Z");
    assert_eq!(meta.modified, "2026-03-05");
    assert_eq!(meta.canonical_url, "https://metrodaily.example/bus");
    assert_eq!(meta.lang, "en");
    assert!(
        document.article.extra.is_empty(),
        "known fields, not unknown ones"
    );
    assert_eq!(
        document.article.page_url(),
        "https://example.org/a",
        "the given URL first"
    );
    let mut no_url = document.clone();
    no_url.article.url.clear();
    assert_eq!(no_url.article.page_url(), "https://metrodaily.example/bus");
    let written: Value = serde_json::from_str(&to_json(&document).expect("json")).expect("json");
    assert_eq!(written["article"], value["article"]);
    // Without metadata, none of the fields is written.
    let plain: Value = serde_json::from_str(
        &to_json(&load_value(&valid()).into_valid().expect("valid")).expect("json"),
    )
    .expect("json");
    assert!(plain["article"].get("author").is_none() && plain["article"].get("lang").is_none());
}

#[test]
fn every_claim_problem_is_reported_with_claim_and_field() {
    let mut value = valid();
    value["claims"][0]["start"] = json!("0");
    value["claims"][0]["verdict"] = json!("mostly true");
    value["claims"][0]["sources"][0]["accessed"] = json!("3 Sep 2025");
    value["claims"][0]["created"]["at"] = json!("yesterday");
    value["claims"][1]["end"] = json!(10_000);
    check(
        &value,
        &[
            (Some("c1"), Some("start"), "must be a number"),
            (
                Some("c1"),
                Some("verdict"),
                "\"mostly true\" is not a level of the \"factmark\" scale",
            ),
            (Some("c1"), Some("sources[0].accessed"), "not a date"),
            (Some("c1"), Some("created.at"), "not a time"),
            (Some("c2"), Some("end"), "past the end of the text"),
        ],
    );
}

#[test]
fn offsets_must_be_a_real_non_empty_range() {
    let claim = |start: Value, end: Value| {
        let value = set(valid(), "/claims/1/start", start);
        set(value, "/claims/1/end", end)
    };
    check(
        &claim(json!(19), json!(17)),
        &[(Some("c2"), Some("end"), "reversed")],
    );
    check(
        &claim(json!(17), json!(17)),
        &[(Some("c2"), Some("end"), "at least one character")],
    );
    check(
        &claim(json!(-1), json!(19)),
        &[(Some("c2"), Some("start"), "never negative")],
    );
    check(
        &claim(json!(17.5), json!(19)),
        &[(Some("c2"), Some("start"), "whole numbers")],
    );
    check(
        &claim(json!(500), json!(501)),
        &[(Some("c2"), Some("start"), "past the end")],
    );
    check(
        &set(valid(), "/claims/1/exact", json!("Peking")),
        &[(Some("c2"), Some("exact"), "other words than the quote")],
    );
}

#[test]
fn ids_are_required_and_unique() {
    check(
        &set(valid(), "/claims/1/id", json!("c1")),
        &[(Some("c1"), Some("id"), "claim #1 has this id too")],
    );
    check(
        &remove(valid(), "/claims/1/id"),
        &[(Some("#2"), Some("id"), "missing")],
    );
    check(
        &set(valid(), "/claims/1/id", json!(" ")),
        &[(Some("#2"), Some("id"), "is empty")],
    );
    check(
        &set(valid(), "/claims/1", json!("not a claim")),
        &[(Some("#2"), None, "not an object")],
    );
}

/// A file long enough to be checked on several threads: its problems are still reported
/// once each, in file order, with the right claim, whichever thread checked the claim; a
/// duplicate id is found across the threads' shares; both readers agree.
#[test]
fn a_long_file_is_checked_in_file_order_across_threads() {
    const N: usize = 3 * v1::PARALLEL_CLAIMS_FOR_TESTS;
    let text: String = "Kim met Putin in 北京. ".repeat(N / 4 + 8);
    let words = Text::new(text.clone());
    let claim = |i: usize| {
        let start = (i % (words.len_chars() - 20)) as u64;
        json!({
            "id": format!("c{i}"),
            "start": start,
            "end": start + 5,
            "exact": words.slice_chars(start as usize..start as usize + 5).expect("in text"),
            "verdict": "verified",
        })
    };
    let mut claims: Vec<Value> = (0..N).map(claim).collect();
    claims[7]["verdict"] = json!("maybe");
    claims[N / 2]["exact"] = json!("not these words");
    claims[N - 2]["id"] = json!("c3"); // the same id as claim #4, in another thread's share
    claims[N - 1]["end"] = json!(0);
    let value = json!({
        "format": "factmark",
        "version": 1,
        "article": {"title": "", "url": "", "source_file": "", "sha256": words.sha256(), "text": text},
        "claims": claims,
    });
    let json = value.to_string();
    assert!(v1::fast_path_reads(&json));
    let loaded = load(json.as_bytes());
    let found: Vec<(Option<&str>, Option<&str>)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.claim.as_deref(), d.field.as_deref()))
        .collect();
    let middle = format!("c{}", N / 2);
    let last = format!("c{}", N - 1);
    assert_eq!(
        found,
        [
            (Some("c7"), Some("verdict")),
            (Some(middle.as_str()), Some("exact")),
            (Some("c3"), Some("id")),
            (Some(last.as_str()), Some("end")),
        ],
        "{:#?}",
        loaded.diagnostics
    );
    assert!(
        loaded.diagnostics[2].message.contains(&format!(
            "claim #4 has this id too: claim ids must be unique (this one is #{})",
            N - 1
        )),
        "{}",
        loaded.diagnostics[2]
    );
    let document = loaded.document.expect("read");
    assert_eq!(document.claims().len(), N - 4);
    assert!(document.claims().is_sorted_by_key(|c| (c.start, c.end)));

    let mut slow_diagnostics = Vec::new();
    let slow = v1::read_slow(&json, &mut slow_diagnostics).expect("read");
    assert_eq!(slow, document);
    assert_eq!(
        slow_diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        loaded
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
}

#[test]
fn sources_need_a_web_link_or_a_title() {
    check(
        &set(
            valid(),
            "/claims/0/sources/0/url",
            json!("file:///etc/passwd"),
        ),
        &[(Some("c1"), Some("sources[0].url"), "not an http")],
    );
    let mut value = valid();
    value["claims"][0]["sources"][0] = json!({"note": "only a note"});
    check(
        &value,
        &[(Some("c1"), Some("sources[0]"), "neither url nor title")],
    );
}

#[test]
fn stale_prefix_is_a_warning_not_an_error() {
    let mut value = valid();
    value["claims"][1]["prefix"] = json!("nonsense");
    let loaded = load_value(&value);
    assert!(loaded.is_valid());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert!(
        loaded.diagnostics[0]
            .to_string()
            .starts_with("warning: claim c2: prefix:")
    );
}

#[test]
fn diagnostics_display_as_claim_field_message() {
    let d = Diagnostic::error(Some("c9"), Some("end"), "is wrong");
    assert_eq!(d.to_string(), "claim c9: end: is wrong");
    assert_eq!(
        Diagnostic::error(None, Some("version"), "x").to_string(),
        "version: x"
    );
}

#[test]
fn unknown_fields_survive_at_every_level() {
    let mut value = valid();
    value["x_top"] = json!({"nested": [1, 2]});
    value["article"]["x_article"] = json!("kept");
    value["claims"][0]["x_claim"] = json!(true);
    value["claims"][0]["sources"][0]["x_source"] = json!(3);
    value["claims"][0]["created"]["x_stamp"] = json!(null);
    let document = load_value(&value).into_valid().expect("valid");
    let saved: Value =
        serde_json::from_str(&to_json(&document).expect("serialises")).expect("json");
    assert_eq!(saved["x_top"], value["x_top"]);
    assert_eq!(saved["article"]["x_article"], "kept");
    assert_eq!(saved["claims"][0]["x_claim"], true);
    assert_eq!(saved["claims"][0]["sources"][0]["x_source"], 3);
    assert!(saved["claims"][0]["created"].get("x_stamp").is_some());
}

#[test]
fn output_is_deterministic_and_complete() {
    let document = load_value(&valid()).into_valid().expect("valid");
    let json = to_json(&document).expect("serialises");
    assert!(json.ends_with("}\n"));
    assert!(json.starts_with(
        "{\n  \"format\": \"factmark\",\n  \"version\": 1,\n  \"article\": {\n    \"title\""
    ));
    let saved: Value = serde_json::from_str(&json).expect("json");
    // Optional fields are always written; the quote selectors come from the text.
    let c2 = &saved["claims"][1];
    assert_eq!(c2["prefix"], "Kim met Putin in ");
    // 32 code points: the family emoji counts as 5 (three people, two joiners).
    assert_eq!(c2["suffix"], " on 3 September 👩‍👩‍👧. Biden com");
    assert_eq!(c2["rationale"], "");
    assert_eq!(c2["sources"], json!([]));
    assert_eq!(c2["created"], Value::Null);
    assert_eq!(
        saved["claims"][0]["modified"]["at"],
        "2025-09-03T10:05:00.250Z"
    );
    // Same document, same bytes.
    let again = load(json.as_bytes()).into_valid().expect("valid");
    assert_eq!(to_json(&again).expect("serialises"), json);
}

#[test]
fn claims_are_written_in_article_order() {
    let text = Text::new("alpha beta gamma".to_owned());
    let mut document = Document::new(Article::new(text));
    for (start, end) in [(11, 16), (0, 5), (0, 10), (6, 10)] {
        document
            .insert_claim(Claim::new(start, end, Verdict::UNREVIEWED, stamp("t")))
            .expect("inserts");
    }
    let saved: Value =
        serde_json::from_str(&to_json(&document).expect("serialises")).expect("json");
    let order: Vec<(u64, u64)> = saved["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["start"].as_u64().expect("s"),
                c["end"].as_u64().expect("e"),
            )
        })
        .collect();
    assert_eq!(order, [(0, 5), (0, 10), (6, 10), (11, 16)]);
}

#[test]
fn save_is_atomic_and_replaces_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.factmark.json");
    std::fs::write(&path, "old").expect("write");
    let document = load_value(&valid()).into_valid().expect("valid");
    save(&document, &path).expect("saves");
    let back = load_file(&path).into_valid().expect("loads back");
    assert_eq!(back, document);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "no temporary file is left behind: {names:?}"
    );
}

pub(crate) mod properties {
    use proptest::prelude::*;

    use super::*;

    fn article_text() -> impl Strategy<Value = String> {
        // Mixed scripts, emoji with ZWJ, flags, combining marks, newlines.
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just(" "),
                Just("\n"),
                Just("北"),
                Just("😀"),
                Just("👩‍👩‍👧"),
                Just("🇯🇵"),
                Just("e\u{301}"),
                Just("م"),
                Just("\""),
                Just("\\"),
                Just("\t"),
            ],
            1..60,
        )
        .prop_map(|parts| parts.concat())
    }

    fn extra() -> impl Strategy<Value = Extra> {
        proptest::collection::btree_map(
            "x_[a-z]{1,5}",
            prop_oneof![
                any::<i64>().prop_map(Value::from),
                ".{0,8}".prop_map(Value::from),
                any::<bool>().prop_map(Value::from),
            ],
            0..3,
        )
    }

    pub(crate) fn document() -> impl Strategy<Value = Document> {
        article_text()
            .prop_flat_map(|text| {
                let len = text.chars().count();
                let claim = (
                    0..len,
                    1..=len,
                    0..4usize,
                    ".{0,20}",
                    extra(),
                    any::<bool>(),
                    any::<bool>(),
                );
                (
                    Just(text),
                    proptest::collection::vec(claim, 0..8),
                    extra(),
                    ".{0,10}",
                )
            })
            .prop_map(|(text, claims, extra, title)| {
                let mut document = Document::new(Article::new(Text::new(text)));
                document.article.meta.author.clone_from(&title);
                document.article.meta.lang = if title.is_empty() {
                    String::new()
                } else {
                    "fr".into()
                };
                document.article.title = title;
                document.extra = extra;
                for (a, b, verdict, rationale, claim_extra, with_source, orphaned) in claims {
                    let (start, end) = (a.min(b), a.max(b));
                    if start == end {
                        continue;
                    }
                    let mut claim = Claim::new(
                        start,
                        end,
                        crate::model::Scale::default_ref()
                            .verdicts()
                            .nth(verdict)
                            .cloned()
                            .unwrap_or_default(),
                        stamp("prop"),
                    );
                    claim.rationale = rationale;
                    claim.extra = claim_extra;
                    claim.modified = Some(stamp("other"));
                    if with_source {
                        claim.sources.push(Source {
                            url: "https://example.org/x?q=1#f".to_owned(),
                            title: "t".to_owned(),
                            accessed: chrono::NaiveDate::from_ymd_opt(2026, 11, 25),
                            ..Source::default()
                        });
                    }
                    if orphaned {
                        let quote = document
                            .text()
                            .quote(start..end, CONTEXT_CHARS)
                            .expect("in text");
                        let orphan =
                            crate::model::Orphan::from_claim(claim, quote, &"0".repeat(64));
                        let at = document.orphans().len();
                        document
                            .insert_orphan(at, orphan)
                            .expect("fresh ids are unique");
                    } else {
                        document.insert_claim(claim).expect("fresh ids are unique");
                    }
                }
                document
            })
    }

    proptest! {
        #[test]
        fn save_then_load_gives_the_same_document(document in document()) {
            let json = to_json(&document).expect("serialises");
            let loaded = load(json.as_bytes());
            prop_assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
            prop_assert_eq!(loaded.document, Some(document));
        }

        #[test]
        fn the_fast_and_slow_readers_agree(document in document()) {
            let json = to_json(&document).expect("serialises");
            prop_assert!(v1::fast_path_reads(&json), "a valid file must take the fast path");
            let mut diagnostics = Vec::new();
            let slow = v1::read_slow(&json, &mut diagnostics);
            prop_assert!(diagnostics.is_empty());
            prop_assert_eq!(slow, Some(document));
        }

        #[test]
        fn loading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            prop_assert!(consistent(&load(&bytes)));
        }

        #[test]
        fn loading_a_mangled_valid_file_never_panics(
            cut in 0usize..2000,
            byte in any::<u8>(),
        ) {
            let mut bytes = serde_json::to_vec_pretty(&valid()).expect("json");
            let at = cut % bytes.len();
            bytes[at] = byte;
            prop_assert!(consistent(&load(&bytes)));
            prop_assert!(consistent(&load(&bytes[..at])));
        }
    }
}

#[test]
fn a_file_is_changed_on_disk_only_if_its_bytes_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.factmark.json");
    let document = load_value(&valid()).into_valid().expect("valid");
    let written = save(&document, &path).expect("saved");
    assert_eq!(changed_since(&path, Some(&written)), None);
    // Touched: a new modification time, the same bytes.
    let later = std::time::SystemTime::now() + std::time::Duration::from_mins(1);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(later))
        .expect("touch");
    assert_eq!(
        changed_since(&path, Some(&written)),
        None,
        "touch is not a change"
    );
    // The same size, other bytes.
    let bytes = std::fs::read(&path).expect("read");
    let changed = String::from_utf8(bytes)
        .expect("utf-8")
        .replacen("Parade", "Parody", 1);
    std::fs::write(&path, changed).expect("write");
    assert_eq!(
        changed_since(&path, Some(&written)),
        Some(DiskChange::Changed)
    );
    // Nothing expected there, and something is.
    assert_eq!(changed_since(&path, None), Some(DiskChange::Appeared));
    // Gone: writing it loses nothing.
    std::fs::remove_file(&path).expect("remove");
    assert_eq!(changed_since(&path, Some(&written)), None);
    assert_eq!(changed_since(&path, None), None);
}

/// A huge bad value is quoted in part, not echoed whole; an offset of 2^64 is too large,
/// not "not whole".
#[test]
fn messages_quote_at_most_a_short_part_of_a_bad_value() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let value = set(valid(), "/claims/0/verdict", json!(huge));
    let loaded = load_value(&value);
    let message = &loaded.diagnostics[0].message;
    assert!(message.len() < 200, "{} bytes", message.len());
    assert!(message.contains("is not a level"), "{message}");
    for pointer in [
        "/claims/0/created/at",
        "/claims/0/sources/0/accessed",
        "/claims/0/sources/0/url",
    ] {
        let loaded = load_value(&set(valid(), pointer, json!(huge)));
        let message = &loaded.diagnostics[0].message;
        assert!(message.len() < 200, "{pointer}: {} bytes", message.len());
    }
    let text = valid()
        .to_string()
        .replacen("\"start\":0", "\"start\":18446744073709551616", 1);
    let loaded = load(text.as_bytes());
    let message = &loaded.diagnostics[0].message;
    assert!(message.contains("far too large for an offset"), "{message}");
}

fn with_orphan(orphan: Value) -> Value {
    let mut value = valid();
    value["orphans"] = Value::Array(vec![orphan]);
    value
}

fn orphan() -> Value {
    json!({
        "id": "o1",
        "exact": "Biden commented",
        "prefix": "ember. ",
        "suffix": ".",
        "text_sha256": "ab".repeat(32),
        "verdict": "inaccurate",
        "rationale": "He did not.",
        "sources": [],
        "created": {"by": "alice", "at": "2025-09-03T10:00:00Z"},
        "modified": null
    })
}

#[test]
fn orphans_are_read_kept_and_written_back() {
    let loaded = load_value(&with_orphan(orphan()));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let document = loaded.document.expect("document");
    let orphan = &document.orphans()[0];
    assert_eq!(
        (
            orphan.id.as_str(),
            orphan.exact.as_str(),
            orphan.verdict.clone()
        ),
        ("o1", "Biden commented", Verdict::INACCURATE)
    );
    let json: Value = serde_json::from_str(&to_json(&document).expect("json")).expect("json");
    assert_eq!(json["orphans"][0]["text_sha256"], "ab".repeat(32));
    assert_eq!(json["orphans"][0]["rationale"], "He did not.");
    assert!(json["orphans"][0].get("start").is_none());
    // No orphans: no key, so files without them are written as before.
    assert!(
        json!(to_json(&Document::new(Article::new(Text::new("x".into())))).expect("json"))
            .as_str()
            .is_some_and(|s| !s.contains("orphans"))
    );
}

#[test]
fn every_orphan_problem_is_reported_with_its_id_and_field() {
    check(
        &with_orphan(remove(orphan(), "/text_sha256")),
        &[(Some("o1 (orphan)"), Some("text_sha256"), "missing")],
    );
    check(
        &with_orphan(set(orphan(), "/text_sha256", json!("abc"))),
        &[(Some("o1 (orphan)"), Some("text_sha256"), "not a SHA-256")],
    );
    check(
        &with_orphan(set(orphan(), "/verdict", json!("false"))),
        &[(Some("o1 (orphan)"), Some("verdict"), "not a level")],
    );
    check(
        &with_orphan(set(orphan(), "/exact", json!(""))),
        &[(Some("o1 (orphan)"), Some("exact"), "is empty")],
    );
    check(
        &with_orphan(set(orphan(), "/id", json!("c1"))),
        &[(Some("c1 (orphan)"), Some("id"), "must be unique")],
    );
    check(
        &with_orphan(set(
            orphan(),
            "/sources",
            json!([{"url": "ftp://x", "title": ""}]),
        )),
        &[(Some("o1 (orphan)"), Some("sources[0].url"), "")],
    );
    check(
        &with_orphan(json!(7)),
        &[(Some("#1 (orphan)"), None, "not an object")],
    );
    check(
        &with_orphan(set(orphan(), "/exact", json!(3))),
        &[(Some("o1 (orphan)"), Some("exact"), "")],
    );
}

/// The valid file with an `article.blocks` table.
fn with_blocks(blocks: Value) -> Value {
    let mut value = valid();
    value["article"]["blocks"] = blocks;
    value
}

#[test]
fn the_block_table_is_kept_through_load_and_save_and_checked() {
    // "Kim met Putin in 北京" as a heading, the rest a paragraph; an unknown field kept.
    let blocks = json!([
        {"start": 0, "end": 19, "kind": "heading", "level": 2, "x-note": "kept"},
        {"start": 20, "end": 58, "kind": "paragraph", "level": 0}
    ]);
    let value = with_blocks(blocks.clone());
    let loaded = load_value(&value);
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    let document = loaded.document.expect("a document");
    let table = document.text().blocks();
    assert_eq!(table.len(), 2);
    assert_eq!(
        (table[0].kind, table[0].level),
        (crate::text::BlockKind::Heading, 2)
    );
    let saved: Value = serde_json::from_str(&to_json(&document).expect("saves")).expect("json");
    assert_eq!(saved["article"]["blocks"], blocks);
    // A text without structure writes none.
    let plain: Value = serde_json::from_str(
        &to_json(&load_value(&valid()).document.expect("doc")).expect("saves"),
    )
    .expect("json");
    assert!(plain["article"].get("blocks").is_none());

    // Faults name the block and field.
    check(
        &with_blocks(json!([{"start": 0, "end": 500, "kind": "paragraph", "level": 0}])),
        &[(None, Some("article.blocks[0].end"), "past the end")],
    );
    check(
        &with_blocks(json!([{"start": 0, "end": 5, "kind": "sidebar", "level": 0}])),
        &[(None, Some("article.blocks[0].kind"), "not a block kind")],
    );
    check(
        &with_blocks(
            json!([{"start": 0, "end": 5, "kind": "heading", "level": 1}, {"start": 3, "end": 9, "kind": "quote", "level": 1}]),
        ),
        &[(
            None,
            Some("article.blocks[1].start"),
            "inside the block before",
        )],
    );
    check(
        &with_blocks(json!([{"start": 0, "end": 5, "kind": "heading", "level": 9}])),
        &[(None, Some("article.blocks[0].level"), "not a level")],
    );
    check(
        &with_blocks(json!([{"end": 5, "kind": "heading", "level": 1}])),
        &[(None, Some("article.blocks[0].start"), "missing")],
    );
}

// ---------------------------------------------------------------------------------------
// Verdict scales

fn with_scale(scale: Value) -> Value {
    let mut value = valid();
    value["scale"] = scale;
    value
}

fn meter_json() -> Value {
    json!({
        "name": "truth-o-meter",
        "ordered": true,
        "levels": [
            {"id": "pants-on-fire", "label": "Pants on Fire", "rating": 1},
            {"id": "false", "label": "False", "rating": 2},
            {"id": "mostly-false", "label": "Mostly False", "rating": 3},
            {"id": "half-true", "label": "Half True", "rating": 4},
            {"id": "mostly-true", "label": "Mostly True", "rating": 5},
            {"id": "true", "label": "True", "rating": 6, "colour": "green"}
        ],
        "note": "our desk's scale"
    })
}

/// Sets every claim's verdict in the fixture to `verdict`.
fn all_verdicts(mut value: Value, verdict: &str) -> Value {
    for claim in value["claims"].as_array_mut().expect("claims") {
        claim["verdict"] = json!(verdict);
    }
    value
}

#[test]
fn a_file_with_a_scale_keeps_it_and_its_unknown_fields() {
    let value = all_verdicts(with_scale(meter_json()), "half-true");
    let document = load_value(&value).into_valid().expect("valid");
    let scale = document.own_scale().expect("the file's scale");
    assert_eq!(scale.levels.len(), 6);
    assert_eq!(scale.levels[5].extra["colour"], json!("green"));
    assert_eq!(scale.extra["note"], json!("our desk's scale"));
    assert!(
        document
            .claims()
            .iter()
            .all(|c| c.verdict == Verdict::new("half-true"))
    );
    let json = to_json(&document).expect("serialises");
    let saved: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(saved["scale"], meter_json());
    assert_eq!(load(json.as_bytes()).into_valid().expect("valid"), document);
}

#[test]
fn a_file_without_a_scale_means_the_default_and_is_written_without_one() {
    let document = load_value(&valid()).into_valid().expect("valid");
    assert_eq!(document.own_scale(), None);
    assert_eq!(document.scale().name, "factmark");
    let saved: Value = serde_json::from_str(&to_json(&document).expect("json")).expect("json");
    assert!(saved.get("scale").is_none());
}

#[test]
fn a_verdict_that_is_not_a_level_of_the_files_scale_is_an_error() {
    // "verified" is not a Truth-O-Meter level; "unreviewed" is always allowed.
    let mut value = all_verdicts(with_scale(meter_json()), "true");
    value["claims"][0]["verdict"] = json!("verified");
    value["claims"][1]["verdict"] = json!("unreviewed");
    let id = value["claims"][0]["id"].as_str().expect("id").to_owned();
    check(
        &value,
        &[(
            Some(&id),
            Some("verdict"),
            "\"verified\" is not a level of the \"truth-o-meter\" scale: use unreviewed or one \
             of pants-on-fire, false",
        )],
    );
}

#[test]
fn every_scale_problem_is_reported_at_its_field() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!("meter"), "scale", "is not an object"),
        (
            json!({"name": "x", "levels": [{"id": "a"}]}),
            "scale.ordered",
            "missing",
        ),
        (
            json!({"name": "x", "ordered": true}),
            "scale.levels",
            "missing",
        ),
        (
            json!({"name": "x", "ordered": false, "levels": []}),
            "scale.levels",
            "at least one level",
        ),
        (
            json!({"name": "x", "ordered": false, "levels": [7]}),
            "scale.levels[0]",
            "not an object",
        ),
        (
            json!({"name": "x", "ordered": false, "levels": [{"label": "A"}]}),
            "scale.levels[0].id",
            "missing",
        ),
        (
            json!({"name": "x", "ordered": false, "levels": [{"id": "a"}, {"id": "a"}]}),
            "scale.levels[1].id",
            "already the id of level 1",
        ),
        (
            json!({"name": "x", "ordered": false, "levels": [{"id": "unreviewed"}]}),
            "scale.levels[0].id",
            "always allowed",
        ),
        (
            json!({"name": "x", "ordered": true, "levels": [{"id": "a", "rating": 1}, {"id": "b"}]}),
            "scale.levels[1].rating",
            "missing",
        ),
        (
            json!({"name": "x", "ordered": true, "levels": [{"id": "a", "rating": 1}, {"id": "b", "rating": 3}]}),
            "scale.levels[1].rating",
            "3 is not a rating 1..2",
        ),
        (
            json!({"name": "x", "ordered": true, "levels": [{"id": "a", "rating": 1}, {"id": "b", "rating": 1}]}),
            "scale.levels[1].rating",
            "each of 1..2 once",
        ),
        (
            json!({"name": "x", "ordered": true, "levels": [{"id": "a", "rating": 0.5}]}),
            "scale.levels[0].rating",
            "not a whole number",
        ),
        (
            json!({"name": "x", "ordered": false, "levels": [{"id": "a", "rating": 1}]}),
            "scale.levels[0].rating",
            "no rating",
        ),
    ];
    for (scale, field, message) in cases {
        // Claims on the factmark scale's ids would add their own errors: none are made.
        let mut value = with_scale(scale.clone());
        value["claims"] = json!([]);
        let loaded = load_value(&value);
        assert!(!loaded.is_valid(), "{scale}");
        assert!(
            loaded.diagnostics.iter().any(|d| d.is_error()
                && d.field.as_deref() == Some(field)
                && d.message.contains(message)),
            "{scale}: no {field:?} {message:?} in {:#?}",
            loaded.diagnostics
        );
    }
}

mod scale_properties {
    use proptest::prelude::*;

    use super::properties::document;
    use super::*;
    use crate::model::{Level, Scale};

    /// A scale of 1..8 levels: ids of any characters (made unique by their position, never
    /// "unreviewed"), any labels, ratings a permutation of 1..n when ordered.
    fn scale() -> impl Strategy<Value = Scale> {
        (1usize..8, any::<bool>())
            .prop_flat_map(|(n, ordered)| {
                (
                    proptest::collection::vec((".{0,6}", ".{0,12}"), n),
                    Just((1..=u32::try_from(n).expect("small")).collect::<Vec<u32>>())
                        .prop_shuffle(),
                    Just(ordered),
                    ".{0,10}",
                )
            })
            .prop_map(|(names, ratings, ordered, name)| Scale {
                name,
                ordered,
                levels: names
                    .into_iter()
                    .zip(ratings)
                    .enumerate()
                    .map(|(i, ((id, label), rating))| Level {
                        id: Verdict::new(&format!("{i}{id}")),
                        label,
                        rating: ordered.then_some(rating),
                        extra: crate::model::Extra::new(),
                    })
                    .collect(),
                extra: crate::model::Extra::new(),
            })
    }

    proptest! {
        #[test]
        fn a_random_scale_with_random_claims_saves_and_loads_unchanged(
            scale in scale(),
            document in document(),
            picks in proptest::collection::vec(any::<usize>(), 16),
        ) {
            // The same claims and orphans, each on a random level (or unreviewed).
            let n = scale.levels.len();
            let verdict = |i: usize| {
                let pick = picks[i % picks.len()] % (n + 1);
                scale.levels.get(pick).map_or(Verdict::UNREVIEWED, |l| l.id.clone())
            };
            let mut scaled = Document::new(document.article.clone());
            scaled.extra.clone_from(&document.extra);
            scaled.set_scale(Some(scale.clone())).expect("a usable scale");
            for (i, claim) in document.claims().iter().enumerate() {
                let mut claim = claim.clone();
                claim.verdict = verdict(i);
                scaled.insert_claim(claim).expect("on the scale");
            }
            for (i, orphan) in document.orphans().iter().enumerate() {
                let mut orphan = orphan.clone();
                orphan.verdict = verdict(i + 7);
                scaled.insert_orphan(i, orphan).expect("on the scale");
            }
            let json = to_json(&scaled).expect("serialises");
            let loaded = load(json.as_bytes());
            prop_assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
            prop_assert_eq!(loaded.document, Some(scaled));
        }
    }
}

/// `valid()` with a review on its first claim: a status, a history and two comments.
fn reviewed() -> Value {
    let mut value = valid();
    value["claims"][0]["status"] = json!({
        "state": "changes_requested",
        "by": "Ed",
        "at": "2026-12-03T10:00:00Z",
        "reason": "Cite the ministry's own figures."
    });
    value["claims"][0]["history"] = json!([
        {"at": "2026-12-03T09:00:00Z", "by": "Ana", "field": "verdict", "from": "unreviewed", "to": "verified"},
        {"at": "2026-12-03T10:00:00Z", "by": "Ed", "field": "status", "from": "draft", "to": "changes_requested", "tool": "other"}
    ]);
    value["claims"][0]["comments"] = json!([
        {"id": "k1", "by": "Ed", "at": "2026-12-03T10:01:00Z", "text": "Which video?", "resolved": false},
        {"id": "k2", "by": "Ana", "at": "2026-12-03T10:02:00Z", "text": "The ministry's.", "resolved": true}
    ]);
    value
}

#[test]
fn status_history_and_comments_are_read_and_written_back_unchanged() {
    let value = reviewed();
    let loaded = load_value(&value);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let document = loaded.into_valid().expect("valid");
    let review = &document.claims()[0].review;
    assert_eq!(review.status.state, crate::model::State::ChangesRequested);
    assert_eq!(
        review.status.stamp.as_ref().map(|s| s.by.as_str()),
        Some("Ed")
    );
    assert_eq!(review.history.len(), 2);
    assert_eq!(
        review.history[0].summary(),
        "verdict: unreviewed → verified"
    );
    assert_eq!(review.comments[1].text, "The ministry's.");
    assert!(review.comments[1].resolved);
    assert!(document.claims()[1].review.is_empty());
    let written: Value = serde_json::from_str(&to_json(&document).expect("json")).expect("json");
    for key in ["status", "history", "comments"] {
        assert_eq!(written["claims"][0][key], value["claims"][0][key], "{key}");
        assert!(
            written["claims"][1].get(key).is_none(),
            "{key} is not written for a claim without review"
        );
    }
}

#[test]
fn every_review_problem_is_reported_at_its_field() {
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "/claims/0/status/state",
            json!("done"),
            "status.state",
            "is not a status",
        ),
        (
            "/claims/0/status/reason",
            json!(""),
            "status.reason",
            "needs a reason",
        ),
        (
            "/claims/0/status/at",
            json!("noon"),
            "status.at",
            "not a time",
        ),
        (
            "/claims/0/status",
            json!("approved"),
            "status",
            "must be an object",
        ),
        (
            "/claims/0/history",
            json!({}),
            "history",
            "must be an array",
        ),
        (
            "/claims/0/history/1/at",
            json!(3),
            "history[1].at",
            "must be a string",
        ),
        (
            "/claims/0/history/0/field",
            json!(""),
            "history[0].field",
            "missing",
        ),
        (
            "/claims/0/comments/1/id",
            json!("k1"),
            "comments[1].id",
            "must be unique",
        ),
        (
            "/claims/0/comments/0/resolved",
            json!("no"),
            "comments[0].resolved",
            "true or false",
        ),
        (
            "/claims/0/comments/0/at",
            json!("soon"),
            "comments[0].at",
            "not a time",
        ),
    ];
    for (pointer, bad, field, message) in cases {
        let value = set(reviewed(), pointer, bad);
        check(&value, &[(Some("c1"), Some(field), message)]);
    }
    // A missing state is named too.
    let value = remove(reviewed(), "/claims/0/status/state");
    check(&value, &[(Some("c1"), Some("status.state"), "missing")]);
}

/// `valid()` with its first claim as `factmark merge` and the comparison leave one: the
/// claims it came from, each rationale with its author, every version, and whose it is.
fn merged() -> Value {
    let mut value = valid();
    value["claims"][0]["from"] = json!([
        {"by": "ana.factmark.json", "id": "a1"},
        {"by": "ben.factmark.json", "id": "b1"}
    ]);
    value["claims"][0]["rationales"] = json!([{"by": "Ana", "text": "Seen on video."}]);
    value["claims"][0]["conflict"] = json!([
        {"by": "Ana", "id": "a1", "verdict": "verified", "start": 0, "end": 13,
         "rationale": "Seen on video.",
         "sources": [{"url": "https://example.org/src", "title": "Video", "accessed": "2025-09-03", "note": ""}]},
        {"by": "Ben", "id": "b1", "verdict": "disputed", "start": 4, "end": 13,
         "rationale": "", "sources": []}
    ]);
    value["claims"][1]["curated"] = json!({"by": "Ed", "own": true});
    value
}

#[test]
fn merged_and_curated_claims_are_read_and_written_back_unchanged() {
    let loaded = load_value(&merged());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let document = loaded.document.expect("loaded");
    let written: Value = serde_json::from_str(&to_json(&document).expect("json")).expect("json");
    for key in ["from", "rationales", "conflict"] {
        assert_eq!(
            written["claims"][0][key],
            merged()["claims"][0][key],
            "{key}"
        );
    }
    assert_eq!(
        written["claims"][1]["curated"],
        merged()["claims"][1]["curated"]
    );
}

#[test]
fn every_merge_field_problem_is_reported_at_its_field() {
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("/claims/0/from", json!("ana"), "from", "must be an array"),
        (
            "/claims/0/from/1",
            json!("b1"),
            "from[1]",
            "must be an object",
        ),
        (
            "/claims/0/from/0/id",
            json!(7),
            "from[0].id",
            "must be a string",
        ),
        (
            "/claims/0/rationales/0/text",
            json!(null),
            "rationales[0].text",
            "must be a string",
        ),
        (
            "/claims/0/conflict",
            json!({}),
            "conflict",
            "must be an array",
        ),
        (
            "/claims/0/conflict/1/verdict",
            json!("maybe"),
            "conflict[1].verdict",
            "is not a level",
        ),
        (
            "/claims/0/conflict/1/end",
            json!(400),
            "conflict[1].end",
            "past the end of the text",
        ),
        (
            "/claims/0/conflict/1/end",
            json!(4),
            "conflict[1].end",
            "not after start",
        ),
        (
            "/claims/0/conflict/0/start",
            json!(-1),
            "conflict[0].start",
            "whole number",
        ),
        (
            "/claims/0/conflict/0/sources",
            json!("https://example.org"),
            "conflict[0].sources",
            "must be an array",
        ),
        (
            "/claims/0/conflict/0/sources/0",
            json!({"url": 3}),
            "conflict[0].sources[0]",
            "",
        ),
        (
            "/claims/1/curated",
            json!("Ed"),
            "curated",
            "must be an object",
        ),
        (
            "/claims/1/curated/own",
            json!(false),
            "curated",
            "must name the reviewer's claim",
        ),
        (
            "/claims/1/curated/by",
            json!(1),
            "curated.by",
            "must be a string",
        ),
    ];
    for (pointer, bad, field, message) in cases {
        let value = set(merged(), pointer, bad);
        let claim = if pointer.starts_with("/claims/1") {
            "c2"
        } else {
            "c1"
        };
        check(&value, &[(Some(claim), Some(field), message)]);
    }
    for (pointer, field) in [
        ("/claims/0/conflict/0/rationale", "conflict[0].rationale"),
        ("/claims/0/conflict/1/by", "conflict[1].by"),
        ("/claims/0/from/0/by", "from[0].by"),
    ] {
        check(
            &remove(merged(), pointer),
            &[(Some("c1"), Some(field), "missing")],
        );
    }
}
