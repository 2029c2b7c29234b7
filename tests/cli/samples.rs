//! The bundled samples can never rot: every annotation file validates, is in the canonical
//! form factmark writes, and embeds exactly the bundled article.

use crate::util::repo;
use factmark::format;
use factmark::model::Verdict;
use factmark::text::import_file;

fn annotation_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(repo().join("annotations"))
        .expect("annotations/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".factmark.json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_sample_validates_in_canonical_form() {
    let files = annotation_files();
    assert!(
        !files.is_empty(),
        "annotations/ holds no .factmark.json files"
    );
    for path in files {
        let loaded = format::load_file(&path);
        assert!(
            loaded.diagnostics.is_empty(),
            "{}: {:#?}",
            path.display(),
            loaded.diagnostics
        );
        let document = loaded.into_valid().expect("valid");
        let on_disk = std::fs::read_to_string(&path).expect("read");
        assert_eq!(
            format::to_json(&document).expect("serialises"),
            on_disk,
            "{} is not in canonical form",
            path.display()
        );

        // The embedded text is the bundled article, imported.
        let article = repo()
            .join("assets/articles")
            .join(&document.article.source_file);
        let imported = import_file(&article).expect("bundled article imports");
        assert_eq!(
            document.text().as_str(),
            imported.text,
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_beijing_sample_is_a_real_fact_check() {
    let document = format::load_file(&repo().join("annotations/beijing-parade-2025.factmark.json"))
        .into_valid()
        .expect("valid");
    let claims = document.claims();
    assert!(claims.len() >= 10);
    for verdict in [Verdict::VERIFIED, Verdict::DISPUTED, Verdict::INACCURATE] {
        assert!(
            claims.iter().any(|c| c.verdict == verdict),
            "no {verdict} claim"
        );
    }
    let biden = claims
        .iter()
        .find(|c| document.exact(c).starts_with("The Biden administration"))
        .expect("the Biden claim");
    assert_eq!(biden.verdict, Verdict::INACCURATE);
    assert!(biden.rationale.contains("20 January 2025"));
    assert!(!biden.sources.is_empty());
    for claim in claims.iter().filter(|c| c.verdict != Verdict::UNREVIEWED) {
        assert!(!claim.rationale.is_empty(), "{} has no rationale", claim.id);
    }
}

#[test]
fn the_bundled_article_is_the_shared_one_byte_for_byte() {
    let bundled =
        std::fs::read(repo().join("assets/articles/beijing-parade-2025.txt")).expect("bundled");
    let shared = repo().join("../shared/articles/beijing-parade-2025.txt");
    // The shared folder sits beside the repository on the team's machines and CI; a
    // clone elsewhere has only the bundled copy.
    if let Ok(original) = std::fs::read(shared) {
        assert_eq!(bundled, original);
    }
    assert_eq!(bundled.len(), 5964);
}
