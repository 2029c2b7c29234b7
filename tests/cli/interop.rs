//! `factmark import FILE --from w3c|label-studio|jsonl`: round trips through the exporters,
//! labels that are not verdicts, and every refusal (nothing written).

use factmark::model::{Document, Verdict};
use serde_json::json;

use crate::util::{Dir, repo};

fn fixture_path(name: &str) -> String {
    repo()
        .join("tests/data/export")
        .join(name)
        .to_str()
        .expect("utf-8 path")
        .to_owned()
}

fn load(dir: &Dir, name: &str) -> Document {
    factmark::format::load_file(&dir.path(name))
        .into_valid()
        .expect("the import is a valid factmark file")
}

fn fixture() -> Document {
    factmark::format::load_file(std::path::Path::new(&fixture_path("fixture.factmark.json")))
        .into_valid()
        .expect("valid fixture")
}

/// The same text and claims: ids, offsets, verdicts, rationales and source links.
#[track_caller]
fn assert_same_claims(before: &Document, after: &Document) {
    assert_eq!(after.text().as_str(), before.text().as_str());
    assert_eq!(after.claims().len(), before.claims().len());
    let urls = |c: &factmark::model::Claim| -> Vec<String> {
        c.sources.iter().map(|s| s.url.clone()).collect()
    };
    for (a, b) in after.claims().iter().zip(before.claims()) {
        assert_eq!(
            (&a.id, a.start, a.end, &a.verdict),
            (&b.id, b.start, b.end, &b.verdict)
        );
        assert_eq!(a.rationale, b.rationale);
        assert_eq!(urls(a), urls(b));
    }
}

/// Exports the fixture as `format` into the folder.
fn export_to(dir: &Dir, format: &str, name: &str) {
    dir.run(&[
        "export",
        &fixture_path("fixture.factmark.json"),
        "--format",
        format,
        "-o",
        name,
    ])
    .assert_code(0);
}

#[test]
fn w3c_round_trip_keeps_offsets_verdicts_rationales_and_sources() {
    let dir = Dir::new();
    export_to(&dir, "w3c", "claims.jsonld");
    let run = dir.run(&[
        "import",
        "claims.jsonld",
        "--from",
        "w3c",
        "--article",
        &fixture_path("fixture.txt"),
        "-o",
        "back.factmark.json",
    ]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("6 claims imported from w3c"),
        "{}",
        run.stderr
    );
    let (before, after) = (fixture(), load(&dir, "back.factmark.json"));
    assert_same_claims(&before, &after);
    assert_eq!(after.article.url, before.article.url);
    assert_eq!(after.article.title, before.article.title);
    for (a, b) in after.claims().iter().zip(before.claims()) {
        assert_eq!(
            a.created.as_ref().map(|s| s.at),
            b.created.as_ref().map(|s| s.at)
        );
    }
    dir.run(&["validate", "back.factmark.json"]).assert_code(0);
}

#[test]
fn label_studio_round_trip_keeps_offsets_verdicts_rationales_and_sources() {
    let dir = Dir::new();
    export_to(&dir, "label-studio", "task.json");
    dir.run(&[
        "import",
        "task.json",
        "--from",
        "label-studio",
        "-o",
        "back.factmark.json",
    ])
    .assert_code(0);
    assert_same_claims(&fixture(), &load(&dir, "back.factmark.json"));
}

#[test]
fn jsonl_round_trip_keeps_offsets_and_verdicts() {
    let dir = Dir::new();
    export_to(&dir, "jsonl", "data.jsonl");
    dir.run(&[
        "import",
        "data.jsonl",
        "--from",
        "jsonl",
        "-o",
        "back.factmark.json",
    ])
    .assert_code(0);
    let (before, after) = (fixture(), load(&dir, "back.factmark.json"));
    assert_eq!(after.text().as_str(), before.text().as_str());
    let spans = |d: &Document| -> Vec<(usize, usize, Verdict)> {
        d.claims()
            .iter()
            .map(|c| (c.start, c.end, c.verdict.clone()))
            .collect()
    };
    assert_eq!(spans(&after), spans(&before));
}

#[test]
fn labels_that_are_not_verdicts_become_unreviewed_and_are_counted() {
    let dir = Dir::new();
    let line = json!({
        "text": "One. Two. Three. Four.",
        "label": [[0, 4, "FALSE"], [5, 9, "Verified"], [10, 16, "mostly true"], [17, 22, "FALSE"]]
    });
    dir.write("d.jsonl", format!("{line}\n"));
    let run = dir.run(&[
        "import",
        "d.jsonl",
        "--from",
        "jsonl",
        "-o",
        "d.factmark.json",
    ]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("3 claims have labels that are not levels of the \"factmark\" scale")
            && run.stderr.contains("\"FALSE\" (2)")
            && run.stderr.contains("\"mostly true\" (1)"),
        "{}",
        run.stderr
    );
    let document = load(&dir, "d.factmark.json");
    let claims: Vec<(Verdict, &str)> = document
        .claims()
        .iter()
        .map(|c| (c.verdict.clone(), c.rationale.as_str()))
        .collect();
    assert_eq!(
        claims,
        [
            (Verdict::UNREVIEWED, "Imported label: FALSE"),
            (Verdict::VERIFIED, ""),
            (Verdict::UNREVIEWED, "Imported label: mostly true"),
            (Verdict::UNREVIEWED, "Imported label: FALSE"),
        ]
    );
}

#[test]
fn label_studio_reads_utf16_offsets_and_falls_back_to_code_points_when_only_they_match() {
    let dir = Dir::new();
    // "😀 " is three UTF-16 units and two code points: "claim" starts at unit 3, char 2.
    let text = "😀 claim here\r\nand more";
    let task = |start: usize, end: usize| {
        json!([{
            "data": {"text": text},
            "annotations": [{"result": [{
                "id": "r1", "from_name": "verdict", "to_name": "text", "type": "labels",
                "value": {"start": start, "end": end, "text": "claim", "labels": ["disputed"]}
            }, {
                "id": "r2", "from_name": "verdict", "to_name": "text", "type": "labels",
                "value": {"start": 15, "end": 18, "labels": ["verified"]}
            }]}]
        }])
    };
    dir.write("utf16.json", task(3, 8).to_string());
    let run = dir.run(&[
        "import",
        "utf16.json",
        "--from",
        "label-studio",
        "-o",
        "a.factmark.json",
    ]);
    run.assert_code(0);
    let document = load(&dir, "a.factmark.json");
    let spans: Vec<(usize, usize, &str)> = document
        .claims()
        .iter()
        .map(|c| (c.start, c.end, document.exact(c)))
        .collect();
    // The CR LF became LF: "and" moved back by one code point.
    assert_eq!(spans, [(2, 7, "claim"), (13, 16, "and")]);
    assert!(!run.stderr.contains("code points"));

    dir.write("chars.json", task(2, 7).to_string());
    let run = dir.run(&[
        "import",
        "chars.json",
        "--from",
        "label-studio",
        "-o",
        "b.factmark.json",
    ]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("offsets read as code points"),
        "{}",
        run.stderr
    );
    let document = load(&dir, "b.factmark.json");
    assert_eq!(document.exact(&document.claims()[0]), "claim");
}

#[test]
fn imports_that_would_attach_verdicts_to_the_wrong_words_are_refused() {
    let dir = Dir::new();
    export_to(&dir, "w3c", "claims.jsonld");
    export_to(&dir, "jsonl", "data.jsonl");
    dir.write(
        "other.txt",
        "A different article altogether, long enough for every offset. ".repeat(8),
    );
    dir.assert_refused(
        &[
            "import",
            "claims.jsonld",
            "--from",
            "w3c",
            "-o",
            "x.factmark.json",
        ],
        "W3C annotations do not carry the article's text; pass --article ARTICLE",
    );
    dir.assert_refused(
        &[
            "import",
            "claims.jsonld",
            "--from",
            "w3c",
            "--article",
            "other.txt",
            "-o",
            "x.factmark.json",
        ],
        "is not the article's text at TextPositionSelector",
    );
    dir.assert_refused(
        &[
            "import",
            "data.jsonl",
            "--from",
            "jsonl",
            "--article",
            "other.txt",
            "-o",
            "x.factmark.json",
        ],
        "differs from --article's",
    );
}

#[test]
fn malformed_label_studio_and_jsonl_files_are_refused() {
    let dir = Dir::new();
    export_to(&dir, "jsonl", "data.jsonl");
    let region = |start: usize, end: usize, text: &str| {
        json!([{"data": {"text": "😀 claim"}, "annotations": [{"result": [{
            "id": "r1", "type": "labels", "from_name": "verdict", "to_name": "text",
            "value": {"start": start, "end": end, "text": text, "labels": ["verified"]}}]}]}])
        .to_string()
    };
    dir.write("split.json", region(1, 8, "x"));
    dir.assert_refused(
        &[
            "import",
            "split.json",
            "--from",
            "label-studio",
            "-o",
            "x.factmark.json",
        ],
        "not on character boundaries",
    );
    dir.write("wrong.json", region(3, 8, "chair"));
    dir.assert_refused(
        &[
            "import",
            "wrong.json",
            "--from",
            "label-studio",
            "-o",
            "x.factmark.json",
        ],
        "annotation 1: result 1 (id r1): value.text \"chair\" is not the article's text",
    );
    dir.write(
        "two.jsonl",
        "{\"text\": \"a\", \"label\": []}\n{\"text\": \"b\", \"label\": []}\n",
    );
    dir.assert_refused(
        &[
            "import",
            "two.jsonl",
            "--from",
            "jsonl",
            "-o",
            "x.factmark.json",
        ],
        "holds 2 records",
    );
    dir.write(
        "far.jsonl",
        "{\"text\": \"short\", \"label\": [[2, 40, \"verified\"]]}\n",
    );
    dir.assert_refused(
        &[
            "import",
            "far.jsonl",
            "--from",
            "jsonl",
            "-o",
            "x.factmark.json",
        ],
        "line 1: label 1: offsets 2..40 are not a non-empty range inside the text (5 characters)",
    );
    dir.write("bad.json", "{ not json");
    dir.assert_refused(
        &[
            "import",
            "bad.json",
            "--from",
            "label-studio",
            "-o",
            "x.factmark.json",
        ],
        "bad.json: not JSON",
    );
    // An existing output is never replaced without --force.
    dir.write("taken.factmark.json", "precious");
    dir.assert_refused(
        &[
            "import",
            "data.jsonl",
            "--from",
            "jsonl",
            "-o",
            "taken.factmark.json",
        ],
        "already exists",
    );
}

#[test]
fn export_refuses_invalid_files_and_existing_outputs() {
    let dir = Dir::new();
    dir.write(
        "broken.factmark.json",
        "{\"format\": \"factmark\", \"version\": 1}",
    );
    dir.assert_refused(
        &["export", "broken.factmark.json", "--format", "csv"],
        "not exported; `factmark validate` lists what to fix",
    );
    dir.write("taken.csv", "precious");
    dir.assert_refused(
        &[
            "export",
            &fixture_path("fixture.factmark.json"),
            "--format",
            "csv",
            "-o",
            "taken.csv",
        ],
        "already exists",
    );
    // Not even --force writes an export over the file it comes from.
    let copy = dir.write(
        "mine.factmark.json",
        std::fs::read(fixture_path("fixture.factmark.json")).expect("fixture"),
    );
    let copy = copy.to_str().expect("utf-8 path");
    dir.assert_refused(
        &["export", copy, "--format", "csv", "-o", copy, "--force"],
        "would overwrite the file being exported",
    );
    let run = dir.run(&[
        "export",
        &fixture_path("fixture.factmark.json"),
        "--format",
        "pdf",
    ]);
    run.assert_code(2);
}

#[test]
fn w3c_quotes_without_positions_are_found_using_prefix_and_suffix() {
    let dir = Dir::new();
    dir.write(
        "a.txt",
        "Rates rose. Then rates rose again. Finally rates rose.\n",
    );
    let annotation = |prefix: &str| {
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": {"type": "TextualBody", "purpose": "classifying", "value": "disputed"},
            "target": {"source": "https://example.org/a", "selector": {
                "type": "TextQuoteSelector", "exact": "rates rose", "prefix": prefix, "suffix": ""}}
        })
        .to_string()
    };
    dir.write("one.jsonld", annotation("Finally "));
    dir.run(&[
        "import",
        "one.jsonld",
        "--from",
        "w3c",
        "--article",
        "a.txt",
        "-o",
        "o.factmark.json",
    ])
    .assert_code(0);
    let document = load(&dir, "o.factmark.json");
    let claim = &document.claims()[0];
    assert_eq!((claim.start, &claim.verdict), (43, &Verdict::DISPUTED));
    assert_eq!(document.article.url, "https://example.org/a");

    dir.write("vague.jsonld", annotation(""));
    dir.assert_refused(
        &[
            "import",
            "vague.jsonld",
            "--from",
            "w3c",
            "--article",
            "a.txt",
            "-o",
            "v.factmark.json",
        ],
        "occurs 2 times and prefix/suffix do not tell which",
    );
}
