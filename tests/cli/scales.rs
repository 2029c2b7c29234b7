//! Verdict scales through the real binary: `factmark scales`, `import --scale`, golden files
//! of every exporter on a Truth-O-Meter file, round trips that keep level ids, and the
//! refusals of `validate` and `import`.
//!
//! `FACTMARK_UPDATE_GOLDEN=1 cargo test --test cli scales` rewrites the golden files.

use std::path::PathBuf;

use factmark::edit::{Change, Edit};
use factmark::model::{Document, Scale, Verdict};
use serde_json::{Value, json};

use crate::util::{Dir, repo};

fn data(name: &str) -> PathBuf {
    repo().join("tests/data/export").join(name)
}

/// The export fixture put on the Truth-O-Meter (verified → true, disputed → half-true,
/// inaccurate → pants-on-fire) by the same edit the app's Verdict scale… makes.
fn meter_fixture() -> Document {
    let mut document = factmark::format::load_file(&data("fixture.factmark.json"))
        .into_valid()
        .expect("the fixture is valid");
    let to = |v: &Verdict| match v.as_str() {
        "verified" => Verdict::new("true"),
        "disputed" => Verdict::new("half-true"),
        "inaccurate" => Verdict::new("pants-on-fire"),
        _ => Verdict::UNREVIEWED,
    };
    let verdicts = document
        .claims()
        .iter()
        .map(|c| (c.id.clone(), to(&c.verdict)))
        .collect();
    let change = Change::SetScale {
        scale: Scale::preset("truth-o-meter"),
        verdicts,
    };
    let stamp = document.claims()[0].created.clone().expect("stamped");
    Edit::new(change, stamp)
        .apply(&mut document)
        .expect("rescales");
    document
}

fn save_meter(dir: &Dir) -> String {
    let path = dir.path("meter.factmark.json");
    factmark::format::save(&meter_fixture(), &path).expect("saves");
    path.to_str().expect("utf-8").to_owned()
}

fn export(dir: &Dir, file: &str, format: &str) -> (String, String) {
    let run = dir.run(&[
        "export",
        file,
        "--format",
        format,
        "--publisher",
        "Example Checks",
        "--review-url",
        "https://example.org/checks/springfield",
    ]);
    run.assert_code(0);
    (run.stdout, run.stderr)
}

#[test]
fn every_format_of_a_truth_o_meter_file_matches_its_golden_file() {
    let dir = Dir::new();
    let file = save_meter(&dir);
    for (format, golden) in [
        ("w3c", "meter.w3c.jsonld"),
        ("claimreview", "meter.claimreview.jsonld"),
        ("csv", "meter.csv"),
        ("jsonl", "meter.jsonl"),
        ("label-studio", "meter.label-studio.json"),
        ("label-studio-config", "meter.label-studio-config.xml"),
        ("html", "meter.report.html"),
    ] {
        let (out, _) = export(&dir, &file, format);
        crate::util::golden(format, &data(golden), &out);
    }
}

#[test]
fn claimreview_rates_each_level_on_the_scale_and_leaves_unordered_ratings_out() {
    let dir = Dir::new();
    let file = save_meter(&dir);
    let (out, _) = export(&dir, &file, "claimreview");
    let reviews: Value = serde_json::from_str(&out).expect("json");
    let document = meter_fixture();
    let judged: Vec<_> = document
        .claims()
        .iter()
        .filter(|c| !c.verdict.is_unreviewed())
        .collect();
    let reviews = reviews.as_array().expect("array");
    assert_eq!(reviews.len(), judged.len());
    for (review, claim) in reviews.iter().zip(judged) {
        let rating = &review["reviewRating"];
        let (value, name) = match claim.verdict.as_str() {
            "true" => (6, "True"),
            "half-true" => (4, "Half True"),
            "pants-on-fire" => (1, "Pants on Fire"),
            other => panic!("{other}"),
        };
        assert_eq!(rating["ratingValue"], json!(value));
        assert_eq!(rating["bestRating"], json!(6));
        assert_eq!(rating["worstRating"], json!(1));
        assert_eq!(rating["alternateName"], json!(name));
    }

    // Meta's labels are not ordered: the label only, and stderr says why.
    let mut meta = meter_fixture();
    let verdicts = meta
        .claims()
        .iter()
        .filter(|c| !c.verdict.is_unreviewed())
        .map(|c| (c.id.clone(), Verdict::new("missing-context")))
        .collect();
    let stamp = meta.claims()[0].created.clone().expect("stamped");
    Edit::new(
        Change::SetScale {
            scale: Scale::preset("meta"),
            verdicts,
        },
        stamp,
    )
    .apply(&mut meta)
    .expect("rescales");
    let path = dir.path("meta.factmark.json");
    factmark::format::save(&meta, &path).expect("saves");
    let (out, stderr) = export(&dir, path.to_str().expect("utf-8"), "claimreview");
    let reviews: Value = serde_json::from_str(&out).expect("json");
    for review in reviews.as_array().expect("array") {
        let rating = review["reviewRating"].as_object().expect("rating");
        assert_eq!(rating["alternateName"], json!("Missing context"));
        assert!(!rating.contains_key("ratingValue") && !rating.contains_key("bestRating"));
    }
    assert!(
        stderr.contains("ratingValue, bestRating and worstRating left out of 5 reviews")
            && stderr.contains("\"meta\" scale is not ordered"),
        "{stderr}"
    );
}

#[test]
fn w3c_label_studio_and_jsonl_round_trips_keep_the_level_ids() {
    let dir = Dir::new();
    let file = save_meter(&dir);
    let article = repo().join("tests/data/export/fixture.txt");
    let expected: Vec<(usize, usize, String)> = meter_fixture()
        .claims()
        .iter()
        .map(|c| (c.start, c.end, c.verdict.as_str().to_owned()))
        .collect();
    for (format, name, extra) in [
        // The W3C collection carries the scale; the others are told it.
        (
            "w3c",
            "a.jsonld",
            vec!["--article", article.to_str().expect("utf-8")],
        ),
        ("label-studio", "a.json", vec!["--scale", "truth-o-meter"]),
        ("jsonl", "a.jsonl", vec!["--scale", "truth-o-meter"]),
    ] {
        let (out, _) = export(&dir, &file, format);
        dir.write(name, out);
        let back = format!("{format}.factmark.json");
        let mut args = vec!["import", name, "--from", format, "-o", &back];
        args.extend(extra);
        let run = dir.run(&args);
        run.assert_code(0);
        assert!(
            !run.stderr.contains("not levels"),
            "{format}: {}",
            run.stderr
        );
        let document = factmark::format::load_file(&dir.path(&back))
            .into_valid()
            .expect("valid");
        assert_eq!(document.scale().name, "truth-o-meter", "{format}");
        let got: Vec<(usize, usize, String)> = document
            .claims()
            .iter()
            .map(|c| (c.start, c.end, c.verdict.as_str().to_owned()))
            .collect();
        assert_eq!(got, expected, "{format}");
    }
}

#[test]
fn scales_lists_the_presets_and_import_starts_a_file_on_one() {
    let dir = Dir::new();
    let run = dir.run(&["scales"]);
    run.assert_code(0);
    for line in [
        "factmark (the default): ordered",
        "key 6  true",
        "five-point: ordered",
        "meta: not ordered",
        "key 4  missing-context",
    ] {
        assert!(run.stdout.contains(line), "{line:?} in {}", run.stdout);
    }
    let run = dir.run(&["scales", "--json"]);
    run.assert_code(0);
    let scales: Vec<Scale> = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(
        scales.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        factmark::model::PRESETS
    );

    dir.write("a.txt", "The mayor said crime fell by 40 percent.\n");
    dir.run(&["import", "a.txt", "--scale", "five-point"])
        .assert_code(0);
    let document = factmark::format::load_file(&dir.path("a.factmark.json"))
        .into_valid()
        .expect("valid");
    assert_eq!(document.own_scale(), Scale::preset("five-point").as_ref());

    // A team's own scale from a file, checked before anything is written.
    dir.write(
        "desk.json",
        r#"{"name": "desk", "ordered": false, "levels": [{"id": "ok", "label": "OK"}, {"id": "wrong", "label": "Wrong"}]}"#,
    );
    dir.run(&[
        "import",
        "a.txt",
        "--scale-file",
        "desk.json",
        "-o",
        "b.factmark.json",
    ])
    .assert_code(0);
    let document = factmark::format::load_file(&dir.path("b.factmark.json"))
        .into_valid()
        .expect("valid");
    assert_eq!(document.scale().name, "desk");
    dir.write(
        "bad.json",
        r#"{"name": "bad", "ordered": true, "levels": [{"id": "a", "label": "A", "rating": 2}]}"#,
    );
    let run = dir.run(&[
        "import",
        "a.txt",
        "--scale-file",
        "bad.json",
        "-o",
        "c.factmark.json",
    ]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("bad.json: levels[0].rating: 2 is not a rating 1..1"),
        "{}",
        run.stderr
    );
    assert!(!dir.path("c.factmark.json").exists());
    let run = dir.run(&[
        "import",
        "a.txt",
        "--scale",
        "stars",
        "-o",
        "d.factmark.json",
    ]);
    assert_eq!(
        run.code,
        Some(2),
        "clap refuses an unknown preset: {}",
        run.stderr
    );
}

#[test]
fn validate_reports_verdicts_off_the_scale_and_every_scale_error_in_one_run() {
    let dir = Dir::new();
    let file = save_meter(&dir);
    let mut value: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    value["claims"][0]["verdict"] = json!("verified");
    value["scale"]["levels"][1]["id"] = json!("pants-on-fire");
    value["scale"]["levels"][2]["rating"] = json!(9);
    dir.write("bad.factmark.json", value.to_string());
    let run = dir.run(&["validate", "bad.factmark.json"]);
    run.assert_code(1);
    let id = value["claims"][0]["id"].as_str().expect("id");
    for message in [
        "bad.factmark.json: scale.levels[1].id: \"pants-on-fire\" is already the id of level 1"
            .to_owned(),
        "bad.factmark.json: scale.levels[2].rating: 9 is not a rating 1..6".to_owned(),
        format!(
            "bad.factmark.json: claim {id}: verdict: \"verified\" is not a level of the \
             \"truth-o-meter\" scale"
        ),
    ] {
        assert!(
            run.stdout.contains(&message) || run.stderr.contains(&message),
            "{message}\n{}{}",
            run.stdout,
            run.stderr
        );
    }
}

#[test]
fn a_w3c_collection_whose_scale_is_broken_is_refused_naming_the_field() {
    let dir = Dir::new();
    let file = save_meter(&dir);
    let (out, _) = export(&dir, &file, "w3c");
    let mut value: Value = serde_json::from_str(&out).expect("json");
    value["scale"]["levels"][3]["rating"] = json!(0);
    dir.write("broken.jsonld", value.to_string());
    let article = repo().join("tests/data/export/fixture.txt");
    let run = dir.run(&[
        "import",
        "broken.jsonld",
        "--from",
        "w3c",
        "--article",
        article.to_str().expect("utf-8"),
        "-o",
        "back.factmark.json",
    ]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "broken.jsonld: the collection's scale cannot be used: levels[3].rating: 0 is not a \
             rating 1..6"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.path("back.factmark.json").exists());
}
