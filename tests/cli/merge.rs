//! `factmark merge` through the real binary: the merged file, its report, that the order of
//! the inputs and merging again change nothing, and the refusals.

use crate::stats::{copy, fixture};
use crate::util::Dir;

const REVIEWERS: [&str; 3] = [
    "ana.factmark.json",
    "ben.factmark.json",
    "chloe.factmark.json",
];

fn claims(dir: &Dir, name: &str) -> Vec<serde_json::Value> {
    let file: serde_json::Value = serde_json::from_str(&dir.read(name)).expect("merged JSON");
    file["claims"].as_array().expect("claims").clone()
}

#[test]
fn merge_writes_one_valid_file_with_agreed_claims_and_every_version_of_a_conflict() {
    let dir = Dir::new();
    copy(&dir, "three-reviewers");
    // Rationales and sources on some claims of each reviewer, some of them shared.
    for name in REVIEWERS {
        let mut file: serde_json::Value =
            serde_json::from_str(&dir.read(name)).expect("fixture JSON");
        for (i, claim) in file["claims"]
            .as_array_mut()
            .expect("claims")
            .iter_mut()
            .enumerate()
            .take(12)
        {
            claim["rationale"] = format!("{name} on claim {i}").into();
            claim["sources"] = serde_json::json!([
                {"url": format!("https://ex.example/{}", i % 3), "title": "Shared"},
                {"url": format!("https://ex.example/{name}/{i}"), "title": "Own"}
            ]);
        }
        dir.write(name, file.to_string());
    }
    let mut args = vec!["merge"];
    args.extend(REVIEWERS);
    args.extend(["-o", "merged.factmark.json", "--json"]);
    let run = dir.run(&args);
    run.assert_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("one JSON object");
    assert_eq!(report["files"], serde_json::json!(REVIEWERS));
    assert_eq!(report["output"], "merged.factmark.json");
    let (agreed, conflicts) = (
        report["agreed"].as_array().expect("agreed"),
        report["conflicts"].as_array().expect("conflicts"),
    );
    assert!(!agreed.is_empty() && !conflicts.is_empty(), "{report:#}");
    assert_eq!(
        report["claims"].as_u64().expect("claims") as usize,
        agreed.len() + conflicts.len()
    );
    dir.run(&["validate", "merged.factmark.json"])
        .assert_code(0);

    let merged = claims(&dir, "merged.factmark.json");
    // Every reviewer's every claim is in exactly one merged claim's `from`.
    for name in REVIEWERS {
        let by = name.trim_end_matches(".factmark.json");
        for claim in claims(&dir, name) {
            let from = serde_json::json!({"by": by, "id": claim["id"]});
            let holders: Vec<&serde_json::Value> = merged
                .iter()
                .filter(|m| m["from"].as_array().expect("from").contains(&from))
                .collect();
            assert_eq!(holders.len(), 1, "{from} in one merged claim");
            let m = holders[0];
            if let Some(versions) = m["conflict"].as_array() {
                assert_eq!(m["status"]["state"], "in_review");
                let mine = versions
                    .iter()
                    .find(|v| v["id"] == claim["id"] && v["by"] == by)
                    .expect("the reviewer's version is kept");
                for field in ["verdict", "start", "end"] {
                    assert_eq!(mine[field], claim[field], "{from}: {field}");
                }
                // A file may leave out an empty rationale or source list.
                let text = |v: &serde_json::Value| v["rationale"].as_str().unwrap_or("").to_owned();
                assert_eq!(text(mine), text(&claim), "{from}: rationale");
                let urls = |v: &serde_json::Value| -> Vec<String> {
                    v["sources"]
                        .as_array()
                        .map(|s| s.iter().map(|s| s["url"].to_string()).collect())
                        .unwrap_or_default()
                };
                assert_eq!(urls(mine), urls(&claim), "{from}: sources");
            } else {
                assert_eq!((&m["start"], &m["end"]), (&claim["start"], &claim["end"]));
                if let Some(text) = claim["rationale"].as_str() {
                    let kept = serde_json::json!({"by": by, "text": text});
                    assert!(
                        m["rationales"]
                            .as_array()
                            .expect("rationales")
                            .contains(&kept)
                    );
                    assert!(m["rationale"].as_str().expect("rationale").contains(text));
                }
                for source in claim["sources"].as_array().into_iter().flatten() {
                    let united = m["sources"].as_array().expect("sources");
                    assert_eq!(
                        united.iter().filter(|s| s["url"] == source["url"]).count(),
                        1,
                        "{from}: {source} once"
                    );
                }
                assert!(claim["verdict"] == "unreviewed" || claim["verdict"] == m["verdict"]);
            }
        }
    }
    // The conflicts the report names are the merged file's claims in review.
    for unit in conflicts {
        let claim = merged
            .iter()
            .find(|m| m["id"] == unit["id"])
            .expect("reported claim in the file");
        assert!(claim["conflict"].is_array(), "{unit}");
        assert!(!unit["differ"].as_array().expect("differ").is_empty());
    }
}

#[test]
fn any_order_gives_the_same_bytes_and_merging_again_with_an_input_changes_nothing() {
    let dir = Dir::new();
    copy(&dir, "three-reviewers");
    let [a, b, c] = REVIEWERS;
    for (out, order) in [
        ("abc.factmark.json", [a, b, c]),
        ("cab.factmark.json", [c, a, b]),
        ("bca.factmark.json", [b, c, a]),
    ] {
        let mut args = vec!["merge"];
        args.extend(order);
        args.extend(["-o", out]);
        dir.run(&args).assert_code(0);
    }
    let want = dir.read("abc.factmark.json");
    assert_eq!(dir.read("cab.factmark.json"), want);
    assert_eq!(dir.read("bca.factmark.json"), want);

    for input in REVIEWERS {
        let run = dir.run(&[
            "merge",
            "abc.factmark.json",
            input,
            "-o",
            "again.factmark.json",
            "--force",
        ]);
        run.assert_code(0);
        assert_eq!(dir.read("again.factmark.json"), want, "again with {input}");
        assert!(run.stdout.contains("already merged left out"), "{run:#?}");
    }
    // Into the merged file itself, with --force: still the same.
    dir.run(&[
        "merge",
        "abc.factmark.json",
        a,
        "-o",
        "abc.factmark.json",
        "--force",
    ])
    .assert_code(0);
    assert_eq!(dir.read("abc.factmark.json"), want);
}

#[test]
fn merge_refuses_other_texts_invalid_files_and_an_existing_output_writing_nothing() {
    let dir = Dir::new();
    copy(&dir, "three-reviewers");
    dir.write(
        "odd.factmark.json",
        std::fs::read(fixture("two-reviewers").join("ben.factmark.json")).expect("read"),
    );
    dir.assert_refused(
        &[
            "merge",
            "ana.factmark.json",
            "odd.factmark.json",
            "-o",
            "m.factmark.json",
        ],
        "odd.factmark.json: is not on the same text as ana.factmark.json",
    );

    let mut bad: serde_json::Value =
        serde_json::from_str(&dir.read("ben.factmark.json")).expect("json");
    bad["claims"][0]["end"] = 10_000_000.into();
    dir.write("bad.factmark.json", bad.to_string());
    let run = dir.assert_refused(
        &[
            "merge",
            "ana.factmark.json",
            "bad.factmark.json",
            "-o",
            "m.factmark.json",
        ],
        "bad.factmark.json: not merged; `factmark validate` lists what to fix",
    );
    assert_eq!(run.stdout, "");

    dir.write("m.factmark.json", "a reviewer's earlier work");
    dir.assert_refused(
        &[
            "merge",
            "ana.factmark.json",
            "ben.factmark.json",
            "-o",
            "m.factmark.json",
        ],
        "m.factmark.json: already exists; pass --force",
    );
    dir.assert_refused(
        &[
            "merge",
            "ana.factmark.json",
            "ben.factmark.json",
            "-o",
            "ben.factmark.json",
        ],
        "ben.factmark.json: the output would replace one of the files being merged",
    );
    dir.assert_refused(
        &[
            "merge",
            "ana.factmark.json",
            "./ana.factmark.json",
            "-o",
            "n.factmark.json",
        ],
        "ana.factmark.json: given twice",
    );
}

#[test]
fn a_merged_file_with_a_broken_conflict_is_refused_by_claim_and_field_not_merged_without_it() {
    let dir = Dir::new();
    copy(&dir, "three-reviewers");
    let [a, b, _] = REVIEWERS;
    dir.run(&["merge", a, b, "-o", "ab.factmark.json"])
        .assert_code(0);
    let mut merged: serde_json::Value =
        serde_json::from_str(&dir.read("ab.factmark.json")).expect("json");
    let claims = merged["claims"].as_array_mut().expect("claims");
    let claim = claims
        .iter_mut()
        .find(|c| c.get("conflict").is_some())
        .expect("a conflict to break");
    let id = claim["id"].as_str().expect("id").to_owned();
    // A hand edit: a verdict that is not on the scale.
    claim["conflict"][1]["verdict"] = "maybe".into();
    dir.write("ab.factmark.json", merged.to_string());

    dir.assert_refused(
        &["merge", "ab.factmark.json", a, "-o", "again.factmark.json"],
        &format!("ab.factmark.json: claim {id}: conflict[1].verdict: \"maybe\" is not a level"),
    );
    let run = dir.run(&["validate", "ab.factmark.json"]);
    run.assert_code(1);
    assert!(
        run.output()
            .contains(&format!("claim {id}: conflict[1].verdict")),
        "{run:#?}"
    );
}
