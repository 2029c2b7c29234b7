//! `factmark stats`: the library's report and the real binary on the reference fixtures,
//! and the binary's refusals.

use std::path::PathBuf;

use factmark::format;
use factmark::model::Document;
use factmark::ops::team::stats::{Reviewer, report};

use crate::json;
use crate::util::{Dir, repo};

pub(crate) fn fixture(name: &str) -> PathBuf {
    repo().join("tests/data/stats").join(name)
}

/// Copies a fixture folder's files into a fresh folder so the run sees plain file names.
pub(crate) fn copy(dir: &Dir, folder: &str) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(fixture(folder)).expect("fixture folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        dir.write(&name, std::fs::read(&path).expect("read fixture"));
        names.push(name);
    }
    names.sort();
    names
}

fn expected(folder: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(fixture(folder).join("expected.json")).expect("read"))
        .expect("expected.json is JSON")
}

/// Every statistic agrees with scikit-learn, statsmodels and `krippendorff` to 1e-9 on the
/// fixtures `scripts/reference_stats.py` generated: missing data, shifted spans, five
/// levels, an unordered scale, and the cases where a statistic is undefined.
#[test]
fn statistics_agree_with_the_reference_implementations() {
    let mut seen = 0;
    for folder in folders() {
        let dir = fixture(&folder);
        let want = expected(&folder);
        let names = files(&want);
        let documents: Vec<Document> = names
            .iter()
            .map(|n| {
                format::load_file(&dir.join(n))
                    .into_valid()
                    .unwrap_or_else(|e| panic!("{folder}/{n}: {e:?}"))
            })
            .collect();
        let reviewers: Vec<Reviewer<'_>> = names
            .iter()
            .zip(&documents)
            .map(|(name, document)| Reviewer { name, document })
            .collect();
        let got = serde_json::to_value(report(&reviewers).expect("one text")).expect("json");
        json::close_json(&folder, &got, &want);
        seen += 1;
    }
    assert!(seen >= 7, "only {seen} fixtures");
}

fn folders() -> Vec<String> {
    let mut folders: Vec<String> = std::fs::read_dir(repo().join("tests/data/stats"))
        .expect("fixtures")
        .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
        .collect();
    folders.sort();
    assert!(folders.len() >= 7, "{folders:?}");
    folders
}

/// The files of a fixture, in the order its expected report names them.
fn files(expected: &serde_json::Value) -> Vec<&str> {
    expected["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f.as_str())
        .collect()
}

#[test]
fn json_report_matches_the_reference_implementations_for_every_fixture() {
    for folder in folders() {
        let dir = Dir::new();
        copy(&dir, &folder);
        let want = expected(&folder);
        let mut args = vec!["stats", "--json"];
        args.extend(files(&want));
        let before = dir.snapshot();
        let run = dir.run(&args);
        run.assert_code(0);
        let got: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{folder}: stdout is not one JSON object: {e}\n{run:#?}"));
        json::close_json(&folder, &got, &want);
        assert_eq!(dir.snapshot(), before, "stats wrote to disk");
    }
}

#[test]
fn argument_order_decides_a_and_b() {
    let dir = Dir::new();
    copy(&dir, "two-reviewers");
    let run = dir.run(&["stats", "--json", "ben.factmark.json", "ana.factmark.json"]);
    run.assert_code(0);
    let got: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(got["files"][0], "ben.factmark.json");
    assert_eq!(got["spans"][0]["a"], "ben.factmark.json");
    assert_eq!(got["spans"][0]["b"], "ana.factmark.json");
    assert_eq!(got["verdicts"]["cohen_kappa"][0]["a"], "ben.factmark.json");
    // The statistics themselves are symmetric here; precision and recall swap.
    let want = expected("two-reviewers");
    for key in ["percent_agreement", "fleiss_kappa", "krippendorff_alpha"] {
        json::close_json(key, &got["verdicts"][key], &want["verdicts"][key]);
    }
    json::close_json(
        "kappa",
        &got["verdicts"]["cohen_kappa"][0]["value"],
        &want["verdicts"]["cohen_kappa"][0]["value"],
    );
    json::close_json(
        "precision",
        &got["spans"][0]["overlap"]["precision"],
        &want["spans"][0]["overlap"]["recall"],
    );
}

#[test]
fn text_report_names_files_and_shows_undefined_as_a_dash() {
    let dir = Dir::new();
    copy(&dir, "one-category");
    let run = dir.run(&["stats", "ana.factmark.json", "ben.factmark.json"]);
    run.assert_code(0);
    for line in [
        "ana.factmark.json: ",
        "ben.factmark.json: ",
        "Cohen's kappa",
        "Fleiss' kappa          -",
        "Krippendorff's alpha",
    ] {
        assert!(run.stdout.contains(line), "{line:?} in\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("NaN"), "{}", run.stdout);
}

#[test]
fn one_file_gets_its_counts_only() {
    let dir = Dir::new();
    copy(&dir, "two-reviewers");
    let run = dir.run(&["stats", "--json", "ana.factmark.json"]);
    run.assert_code(0);
    let got: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let want = expected("two-reviewers");
    assert_eq!(
        got["counts"]["ana.factmark.json"],
        want["counts"]["ana.factmark.json"]
    );
    assert_eq!(got["verdicts"]["fleiss_kappa"], serde_json::Value::Null);
    assert_eq!(got["spans"], serde_json::json!([]));
}

#[test]
fn a_file_on_another_text_is_refused_by_name() {
    let dir = Dir::new();
    copy(&dir, "two-reviewers");
    dir.write(
        "odd.factmark.json",
        std::fs::read(fixture("three-reviewers").join("ben.factmark.json")).expect("read"),
    );
    let run = dir.assert_refused(
        &[
            "stats",
            "--json",
            "ana.factmark.json",
            "ben.factmark.json",
            "odd.factmark.json",
        ],
        "odd.factmark.json: is not on the same text as ana.factmark.json",
    );
    assert_eq!(run.stdout, "", "nothing but the error");
}

#[test]
fn a_file_that_does_not_validate_is_refused_with_what_is_wrong() {
    let dir = Dir::new();
    copy(&dir, "two-reviewers");
    let mut bad: serde_json::Value =
        serde_json::from_str(&dir.read("ben.factmark.json")).expect("json");
    bad["claims"][0]["status"]["state"] = "finished".into();
    dir.write("ben.factmark.json", bad.to_string());
    let run = dir.assert_refused(
        &["stats", "ana.factmark.json", "ben.factmark.json"],
        "ben.factmark.json: not compared; `factmark validate` lists what to fix",
    );
    assert!(run.stderr.contains("finished"), "{run:#?}");
    assert_eq!(run.stdout, "");

    dir.write("broken.factmark.json", "{\"version\": 1, ");
    dir.assert_refused(
        &["stats", "ana.factmark.json", "broken.factmark.json"],
        "broken.factmark.json: not valid JSON",
    );
    dir.assert_refused(
        &["stats", "ana.factmark.json", "missing.factmark.json"],
        "missing.factmark.json",
    );
}

#[test]
fn a_file_given_twice_is_refused() {
    let dir = Dir::new();
    copy(&dir, "two-reviewers");
    dir.assert_refused(
        &[
            "stats",
            "ana.factmark.json",
            "ben.factmark.json",
            "ana.factmark.json",
        ],
        "ana.factmark.json: given twice",
    );
    dir.assert_refused(
        &["stats", "ana.factmark.json", "./ana.factmark.json"],
        "./ana.factmark.json: given twice",
    );
}

#[test]
fn help_states_the_unit_rule() {
    let run = Dir::new().run(&["stats", "--help"]);
    run.assert_code(0);
    for phrase in [
        "intersection\nover union, in code points) is at least 0.5",
        "at most one claim per file",
        "null in --json",
    ] {
        assert!(run.stdout.contains(phrase), "{phrase:?} in\n{}", run.stdout);
    }
}
