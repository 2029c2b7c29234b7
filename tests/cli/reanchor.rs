//! `factmark reanchor`: claims carried to a corrected article, through the real binary, and
//! every output it refuses to write.

use serde_json::Value;

use factmark::model::{Article, Claim, Clock as _, Document, FixedClock, Verdict};
use factmark::text::Text;

use crate::util::Dir;

const KEPT: &str = "The minister said on Monday that the economy grew by three percent last year.";
const EDITED: &str = "Critics argue that the official figures hide large regional differences.";
const MOVED: &str = "Parliament voted against the proposal after a long and bitter debate.";
const GONE: &str = "Unemployment fell to its lowest level since records began in 1971.";
const FILLER: &str = "Analysts expect growth to slow next winter as energy bills rise again.";

/// Version 1 of the article with four claims, saved as `v1.factmark.json`; version 2 as
/// `v2.txt`: one paragraph untouched, one with a word changed, one moved to the end, one
/// deleted.
fn setup(dir: &Dir) -> [String; 4] {
    let v1 = format!("{KEPT}\n\n{EDITED}\n\n{MOVED}\n\n{GONE}\n\n{FILLER}\n");
    let v2 = format!(
        "{KEPT}\n\n{}\n\n{FILLER}\n\n{MOVED}\n",
        EDITED.replace("official", "government")
    );
    let mut document = Document::new(Article::new(Text::new(v1.clone())));
    "v1.txt".clone_into(&mut document.article.source_file);
    let stamp = FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("alice");
    let mut ids = Vec::new();
    for (words, verdict) in [
        ("the economy grew by three percent", Verdict::DISPUTED),
        (
            "the official figures hide large regional",
            Verdict::INACCURATE,
        ),
        ("voted against the proposal", Verdict::VERIFIED),
        ("its lowest level since records began", Verdict::VERIFIED),
    ] {
        let start = v1[..v1.find(words).expect("words in v1")].chars().count();
        let mut claim = Claim::new(start, start + words.chars().count(), verdict, stamp.clone());
        claim.rationale = format!("About {words}.");
        ids.push(claim.id.to_string());
        document.insert_claim(claim).expect("claim");
    }
    factmark::format::save(&document, &dir.path("v1.factmark.json")).expect("save");
    dir.write("v2.txt", v2);
    ids.try_into().expect("four ids")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn claims_are_carried_to_the_new_text_and_the_rest_kept_as_orphans() {
    let dir = Dir::new();
    let [kept, edited, moved, gone] = setup(&dir);
    let run = dir.run(&[
        "reanchor",
        "v1.factmark.json",
        "--article",
        "v2.txt",
        "--json",
    ]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("exact 1, moved 1, fuzzy 1, orphaned 1"),
        "{run:#?}"
    );
    // stdout is only the report.
    let report = json(&run.stdout);
    let state = |id: &str| {
        let entry = report
            .as_array()
            .expect("array")
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{id} reported"));
        (
            entry["state"].clone(),
            entry["new"].is_null(),
            entry["old"].is_array(),
        )
    };
    assert_eq!(state(&kept), ("exact".into(), false, true));
    assert_eq!(state(&edited), ("fuzzy".into(), false, true));
    assert_eq!(state(&moved), ("moved".into(), false, true));
    assert_eq!(state(&gone), ("orphaned".into(), true, true));

    // The new file is on the new text, valid, and keeps the orphan whole.
    let written = json(&dir.read("v2.factmark.json"));
    assert_eq!(written["article"]["source_file"], "v2.txt");
    assert_eq!(written["article"]["text"], dir.read("v2.txt"));
    let exacts: Vec<&str> = written["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| c["exact"].as_str())
        .collect();
    assert_eq!(
        exacts,
        [
            "the economy grew by three percent",
            "the government figures hide large regional",
            "voted against the proposal"
        ]
    );
    let orphan = &written["orphans"][0];
    assert_eq!(orphan["id"], gone.as_str());
    assert_eq!(orphan["exact"], "its lowest level since records began");
    assert_eq!(
        orphan["rationale"],
        "About its lowest level since records began."
    );
    assert_eq!(orphan["verdict"], "verified");
    let old = json(&dir.read("v1.factmark.json"));
    assert_eq!(orphan["text_sha256"], old["article"]["sha256"]);
    let validated = dir.run(&["validate", "v2.factmark.json"]);
    validated.assert_code(0);
    assert!(
        validated.stdout.contains("ok (3 claims, 1 orphan)"),
        "{validated:#?}"
    );

    // Exports leave the orphan out and say so.
    let export = dir.run(&["export", "v2.factmark.json", "--format", "csv"]);
    export.assert_code(0);
    assert!(
        export
            .stderr
            .contains("csv: 1 orphaned claim left out: it has no place in the text"),
        "{export:#?}"
    );
    assert!(!export.stdout.contains(&gone), "{export:#?}");
}

#[test]
fn without_json_it_prints_the_path_it_wrote() {
    let dir = Dir::new();
    setup(&dir);
    let out = dir.path("checked.factmark.json");
    let run = dir.run(&[
        "reanchor",
        "v1.factmark.json",
        "--article",
        "v2.txt",
        "-o",
        out.to_str().expect("path"),
    ]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), out.display().to_string());
    assert!(run.stderr.contains("orphaned 1"), "{run:#?}");
}

#[test]
fn nothing_is_written_over_without_force() {
    let dir = Dir::new();
    setup(&dir);
    dir.write("v2.factmark.json", "{}");
    dir.assert_refused(
        &["reanchor", "v1.factmark.json", "--article", "v2.txt"],
        "already exists; pass --force",
    );
    // Never over the annotations themselves without --force ...
    dir.assert_refused(
        &[
            "reanchor",
            "v1.factmark.json",
            "--article",
            "v2.txt",
            "-o",
            "v1.factmark.json",
        ],
        "would replace the annotations being re-anchored",
    );
    // ... and never over the new article at all.
    dir.assert_refused(
        &[
            "reanchor",
            "v1.factmark.json",
            "--article",
            "v2.txt",
            "-o",
            "v2.txt",
            "--force",
        ],
        "would overwrite the new article",
    );
    // With --force the annotations are replaced by their re-anchored version.
    dir.run(&[
        "reanchor",
        "v1.factmark.json",
        "--article",
        "v2.txt",
        "-o",
        "v1.factmark.json",
        "--force",
    ])
    .assert_code(0);
    assert_eq!(
        json(&dir.read("v1.factmark.json"))["article"]["source_file"],
        "v2.txt"
    );
}

#[test]
fn bad_inputs_are_refused_naming_the_file() {
    let dir = Dir::new();
    setup(&dir);
    dir.write(
        "broken.factmark.json",
        "{\"format\": \"factmark\", \"version\": 1}",
    );
    dir.assert_refused(
        &["reanchor", "broken.factmark.json", "--article", "v2.txt"],
        "broken.factmark.json: article: missing",
    );
    dir.assert_refused(
        &["reanchor", "v1.factmark.json", "--article", "missing.txt"],
        "missing.txt",
    );
    dir.assert_refused(
        &[
            "reanchor",
            "v1.factmark.json",
            "--article",
            "v1.factmark.json",
            "-o",
            "x.factmark.json",
        ],
        "--article takes the new version of the article",
    );
    dir.write("empty.txt", "  \n");
    dir.assert_refused(
        &["reanchor", "v1.factmark.json", "--article", "empty.txt"],
        "empty.txt",
    );
    let usage = dir.run(&["reanchor", "v1.factmark.json"]);
    usage.assert_code(2);
}

#[test]
fn a_web_page_is_read_for_the_update_as_extract_says() {
    let dir = Dir::new();
    let story: String = [KEPT, EDITED, MOVED, GONE, FILLER, KEPT, MOVED]
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect::<Vec<_>>()
        .concat();
    let page = format!(
        "<html><body><div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/x\">Weather today</a></div>\
         <div class=\"story\">{story}</div></body></html>"
    );
    dir.write("v1.html", &page);
    dir.run(&["import", "v1.html", "--extract", "body"])
        .assert_code(0);
    // A claim on the menu's words, which only the whole body holds.
    let mut document = factmark::format::load_file(&dir.path("v1.factmark.json"))
        .into_valid()
        .expect("valid");
    let start = document
        .text()
        .as_str()
        .find("Weather today")
        .expect("in the body");
    let stamp = FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("alice");
    document
        .insert_claim(Claim::new(start, start + 13, Verdict::DISPUTED, stamp))
        .expect("claim");
    factmark::format::save(&document, &dir.path("v1.factmark.json")).expect("save");
    dir.write("v2.html", page.replace("last year", "in 2025"));

    let run = dir.run(&[
        "reanchor",
        "v1.factmark.json",
        "--article",
        "v2.html",
        "--extract",
        "body",
    ]);
    run.assert_code(0);
    assert!(run.stderr.contains("exact 1"), "{run:#?}");
    // The readable text has no menu: the claim cannot be placed, and is kept as an orphan.
    let run = dir.run(&[
        "reanchor",
        "v1.factmark.json",
        "--article",
        "v2.html",
        "-o",
        "readable.factmark.json",
    ]);
    run.assert_code(0);
    assert!(run.stderr.contains("orphaned 1"), "{run:#?}");
}
