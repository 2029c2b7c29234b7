//! `factmark validate`: every problem in a file, each naming file, claim and field; exit 1;
//! no file ever changed.

use serde_json::{Value, json};

use crate::util::{Dir, repo};

const CLAIM_1: &str = "3f1c0a52-5b8e-4a4e-9d51-0c3f6d2b1a01";
const CLAIM_2: &str = "3f1c0a52-5b8e-4a4e-9d51-0c3f6d2b1a02";

fn fixture() -> String {
    std::fs::read_to_string(repo().join("tests/data/valid.factmark.json")).expect("fixture")
}

fn fixture_json() -> Value {
    serde_json::from_str(&fixture()).expect("fixture is JSON")
}

/// Writes `contents` as bad.factmark.json and expects validate to report each message.
#[track_caller]
fn check_bytes(contents: impl AsRef<[u8]>, messages: &[&str]) {
    let dir = Dir::new();
    dir.write("bad.factmark.json", contents);
    let run = dir.assert_refused(&["validate", "bad.factmark.json"], messages[0]);
    for message in messages {
        assert!(
            run.stdout.contains(message),
            "expected {message:?} in:\n{}",
            run.output()
        );
    }
    assert!(
        run.stderr.contains("1 of 1 file failed validation"),
        "{run:#?}"
    );
}

#[track_caller]
fn check(value: &Value, messages: &[&str]) {
    check_bytes(serde_json::to_string_pretty(value).expect("json"), messages);
}

#[test]
fn a_valid_file_passes_and_is_untouched() {
    let dir = Dir::new();
    dir.write("good.factmark.json", fixture());
    let before = dir.snapshot();
    let run = dir.run(&["validate", "good.factmark.json"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "good.factmark.json: ok (3 claims)\n");
    assert_eq!(dir.snapshot(), before);
}

#[test]
fn broken_files() {
    let full = fixture();
    check_bytes(
        &full[..full.len() / 2],
        &["bad.factmark.json: not valid JSON", "truncated"],
    );
    check_bytes("", &["bad.factmark.json: the file is empty (0 bytes)"]);
    check_bytes(
        format!("<<<<<<< HEAD\n{full}=======\n{full}>>>>>>> branch\n"),
        &["bad.factmark.json: line 1: git conflict markers"],
    );
    check_bytes(
        format!("{}{}", "[".repeat(1000), "]".repeat(1000)),
        &["bad.factmark.json: not valid JSON: recursion limit exceeded"],
    );
    check_bytes(
        full.replacen("\"start\": 0", "\"start\": NaN", 1),
        &["NaN and Infinity are not JSON numbers"],
    );
    check_bytes(
        full.replacen(
            "\"verdict\": \"verified\",",
            "\"verdict\": \"verified\", \"verdict\": \"verified\",",
            1,
        ),
        &["duplicate key \"verdict\""],
    );
}

#[test]
fn format_and_version() {
    let mut value = fixture_json();
    value.as_object_mut().expect("object").remove("format");
    check(&value, &["bad.factmark.json: format: missing"]);
    check(
        &json!({"format": "other", "version": 1}),
        &["bad.factmark.json: format: is \"other\""],
    );
    let mut value = fixture_json();
    value["version"] = json!(7);
    check(
        &value,
        &["bad.factmark.json: version: is 7: this file was written by a newer factmark"],
    );
}

#[test]
fn hash_and_duplicate_ids() {
    let mut value = fixture_json();
    value["article"]["sha256"] = json!("ab".repeat(32));
    check(
        &value,
        &["bad.factmark.json: article.sha256: does not match the article text"],
    );

    let mut value = fixture_json();
    value["claims"][1]["id"] = json!(CLAIM_1);
    check(
        &value,
        &[&format!(
            "bad.factmark.json: claim {CLAIM_1}: id: claim #1 has this id too"
        )],
    );
}

#[test]
fn offsets_quotes_verdicts_and_dates_all_reported_at_once() {
    let mut value = fixture_json();
    value["claims"][0]["start"] = json!("0"); // a string
    value["claims"][0]["verdict"] = json!("true-ish");
    value["claims"][0]["created"]["at"] = json!("2025-13-45");
    value["claims"][0]["sources"][0]["accessed"] = json!("yesterday");
    value["claims"][1]["exact"] = json!("Beijing");
    value["claims"][2]["start"] = json!(40);
    value["claims"][2]["end"] = json!(30); // reversed
    let run_messages = [
        format!("bad.factmark.json: claim {CLAIM_1}: start: must be a number"),
        format!("bad.factmark.json: claim {CLAIM_1}: verdict: \"true-ish\" is not a level of the \"factmark\" scale"),
        format!("bad.factmark.json: claim {CLAIM_1}: created.at: \"2025-13-45\" is not a time"),
        format!("bad.factmark.json: claim {CLAIM_1}: sources[0].accessed: \"yesterday\" is not a date"),
        format!("bad.factmark.json: claim {CLAIM_2}: exact: is \"Beijing\" but the text at 17..19 is \"北京\""),
        "claim 3f1c0a52-5b8e-4a4e-9d51-0c3f6d2b1a03: end: 30 is before start 40: the offsets are reversed".to_owned(),
        "bad.factmark.json: 6 problems".to_owned(),
    ];
    let messages: Vec<&str> = run_messages.iter().map(String::as_str).collect();
    check(&value, &messages);
}

#[test]
fn empty_and_out_of_range_offsets() {
    let mut value = fixture_json();
    value["claims"][1]["end"] = value["claims"][1]["start"].clone();
    check(
        &value,
        &[&format!(
            "claim {CLAIM_2}: end: equals start (17): a claim covers at least one character"
        )],
    );
    let mut value = fixture_json();
    value["claims"][1]["end"] = json!(999);
    check(
        &value,
        &[&format!(
            "claim {CLAIM_2}: end: 999 is past the end of the text (85 characters)"
        )],
    );
}

#[test]
fn reports_every_file_and_keeps_going() {
    let dir = Dir::new();
    dir.write("good.factmark.json", fixture());
    dir.write("bad.factmark.json", "{");
    let before = dir.snapshot();
    let run = dir.run(&[
        "validate",
        "bad.factmark.json",
        "missing.factmark.json",
        "good.factmark.json",
    ]);
    run.assert_code(1);
    assert!(run.stdout.contains("bad.factmark.json: not valid JSON"));
    assert!(run.stdout.contains("missing.factmark.json: no such file"));
    assert!(run.stdout.contains("good.factmark.json: ok (3 claims)"));
    assert!(run.stderr.contains("2 of 3 files failed validation"));
    assert_eq!(dir.snapshot(), before);
}

/// A named pipe given as input is refused at once, by every command that reads a file
/// (reading one would block until something writes to it: forever, here).
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_at_once_not_waited_on() {
    let dir = Dir::new();
    let fifo = dir.path("pipe.factmark.json");
    let text_fifo = dir.path("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .arg(&text_fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let fifo = fifo.to_str().expect("utf-8");
    let text_fifo = text_fifo.to_str().expect("utf-8");
    let article = dir.write("a.txt", "Some words.");
    let article = article.to_str().expect("utf-8");
    for args in [
        vec!["validate", fifo],
        vec!["import", text_fifo, "-o", "out1.factmark.json"],
        vec![
            "import",
            text_fifo,
            "--from",
            "jsonl",
            "-o",
            "o2.factmark.json",
        ],
        vec![
            "import",
            "a.txt",
            "--from",
            "w3c",
            "--article",
            text_fifo,
            "-o",
            "o3.factmark.json",
        ],
        vec![
            "import",
            text_fifo,
            "--from",
            "w3c",
            "--article",
            article,
            "-o",
            "o4.factmark.json",
        ],
        vec!["export", fifo, "--format", "csv"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_factmark"))
            .args(&args)
            .current_dir(dir.path(""))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("starts");
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(10) {
                child.kill().ok();
                panic!("{args:?} waited on the pipe");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let output = child.wait_with_output().expect("output");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(status.code(), Some(1), "{args:?}: {said}");
        assert!(said.contains("a named pipe (FIFO)"), "{args:?}: {said}");
    }
}

#[test]
fn review_problems_name_the_claim_and_field() {
    let mut value = fixture_json();
    value["claims"][0]["status"] =
        json!({"state": "done", "by": "Ed", "at": "2026-12-03T10:00:00Z"});
    value["claims"][1]["status"] =
        json!({"state": "changes_requested", "by": "Ed", "at": "2026-12-03T10:00:00Z"});
    value["claims"][1]["comments"] =
        json!([{"id": "k", "by": "Ed", "at": "later", "text": "?", "resolved": false}]);
    check(
        &value,
        &[
            &format!(
                "bad.factmark.json: claim {CLAIM_1}: status.state: \"done\" is not a status: use draft, in_review, approved or changes_requested"
            ),
            &format!(
                "bad.factmark.json: claim {CLAIM_2}: status.reason: changes_requested needs a reason"
            ),
            &format!("bad.factmark.json: claim {CLAIM_2}: comments[0].at: \"later\" is not a time"),
        ],
    );
}
