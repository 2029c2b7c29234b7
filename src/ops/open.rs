//! Opening a document: a `.factmark.json` file, or an article with the annotations beside
//! it. One rule for the command line and the app alike: `article.txt` opens
//! `article.factmark.json` beside it if that exists *and* was made on the same text, and
//! otherwise starts a new set that saves there. Annotations made on another text are never
//! opened in their place: the verdicts would sit on other words.

use std::path::{Path, PathBuf};

use crate::format::{self, Diagnostic, FileIdentity};
use crate::model::{Article, Document};
use crate::text::{self, Text};

/// A document ready to edit, where it saves, and what was loaded from there.
#[derive(Debug)]
pub struct Opened {
    pub document: Document,
    /// Where Ctrl+S saves it; `None` for a document that has no file yet (the bundled
    /// sample), which asks where to save.
    pub save_path: Option<PathBuf>,
    /// What the save path held when it was read (`None` for a new set of annotations):
    /// the data-safety checks compare against it before writing.
    pub loaded: Option<FileIdentity>,
    /// Something the user should know: a new set was started, or warnings in the file.
    pub note: Option<String>,
    /// The article opened has a new text that the annotations were not made on (see
    /// [`open_for_update`]): the document is still on its own text, and this is the text
    /// to re-anchor it onto, after the reviewer's review.
    pub update: Option<Update>,
}

/// A newer text of a document's article, read from `path`.
#[derive(Debug)]
pub struct Update {
    pub text: std::sync::Arc<Text>,
    pub path: PathBuf,
}

impl Update {
    /// The file name the article will say it came from.
    pub fn source_file(&self) -> String {
        source_file_name(&self.path)
    }
}

/// The name an article records it was imported from: the file's name, without its folder.
pub fn source_file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Why a path could not be opened. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Article(#[from] text::ImportError),
    /// The annotation file has errors; up to five are listed, each naming the file.
    #[error("{}\nThe file was not opened and will not be changed.", .problems.join("\n"))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error(
        "{}: these annotations were made on a different text than {} now has; open the \
         .factmark.json file itself to see them",
        .annotations.display(),
        .article.display()
    )]
    OtherText {
        annotations: PathBuf,
        article: PathBuf,
    },
}

/// Opens `path`: a `.factmark.json` file, or an article (see the module's rule).
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let opened = open_for_update(path)?;
    if opened.update.is_some() {
        return Err(OpenError::OtherText {
            annotations: opened.save_path.unwrap_or_default(),
            article: path.to_owned(),
        });
    }
    Ok(opened)
}

/// [`open`], but annotations beside the article that were made on another text are opened
/// on their own text, with the article's new text as [`Opened::update`]: the app then
/// re-anchors them after a review. Nothing is put on the new words unseen.
pub fn open_for_update(path: &Path) -> Result<Opened, OpenError> {
    if format::is_annotation_path(path) {
        return load_annotations(path);
    }
    // Read once: a web page may be imported in more than one way below.
    let bytes = text::read_article(path)?;
    let imported = text::import_read(path, &bytes, text::Extract::Readable)?;
    let beside = format::default_path(path);
    let text::Imported {
        text,
        blocks,
        title,
        meta,
        extraction,
        ..
    } = imported;
    let text = Text::imported(text, blocks);
    if beside.exists() {
        let mut opened = load_annotations(&beside)?;
        if opened.document.text().sha256() != text.sha256()
            && !made_on_another_extraction(path, &bytes, opened.document.text().sha256())
        {
            opened.update = Some(Update {
                text: std::sync::Arc::new(text),
                path: path.to_owned(),
            });
        }
        return Ok(opened);
    }
    let page_note = extraction.map(|e| e.note(text::APP_REMEDY));
    let article = new_article_on(text, title, meta, path);
    let mut note = format!("New annotations: Ctrl+S saves them to {}", beside.display());
    if let Some(page_note) = page_note {
        // What was kept of the page first: the status bar may cut the end off.
        note = format!("Web page: {page_note}. {note}");
    }
    Ok(Opened {
        document: Document::new(article),
        note: Some(note),
        save_path: Some(beside),
        loaded: None,
        update: None,
    })
}

/// Whether annotations on the text hashing to `sha256` were made on another extraction of
/// the web page at `path` (`import --extract article|body`, or the rule before the
/// readable text): then the page has not changed, and they open as they are.
fn made_on_another_extraction(path: &Path, bytes: &[u8], sha256: &str) -> bool {
    use text::{ArticleKind, Extract};
    if !matches!(
        ArticleKind::from_path(path),
        ArticleKind::Html | ArticleKind::Mhtml
    ) {
        return false;
    }
    [Extract::Article, Extract::Body]
        .into_iter()
        .any(|extract| {
            text::import_read(path, bytes, extract)
                .is_ok_and(|i| text::sha256_hex(i.text.as_bytes()) == sha256)
        })
}

/// A new article from what was imported from `path`: its text and blocks, the title it
/// gives (else the file's stem), the page's metadata, and the file's name.
pub fn new_article(imported: text::Imported, path: &Path) -> Article {
    let text = Text::imported(imported.text, imported.blocks);
    new_article_on(text, imported.title, imported.meta, path)
}

fn new_article_on(text: Text, title: Option<String>, meta: text::Meta, path: &Path) -> Article {
    let mut article = Article::new(text);
    article.title = title.unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    article.meta = meta;
    article.source_file = source_file_name(path);
    article
}

fn load_annotations(path: &Path) -> Result<Opened, OpenError> {
    let (loaded, identity) = format::load_file_with_identity(path);
    let named = |d: &Diagnostic| format!("{}: {d}", path.display());
    let warning = loaded.diagnostics.iter().find(|d| !d.is_error()).map(named);
    match loaded.into_valid() {
        Ok(document) => Ok(Opened {
            document,
            save_path: Some(path.to_owned()),
            loaded: identity,
            note: warning,
            update: None,
        }),
        Err(diagnostics) => Err(OpenError::Invalid {
            path: path.to_owned(),
            problems: diagnostics
                .iter()
                .filter(|d| d.is_error())
                .take(5)
                .map(named)
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Clock as _;
    use crate::model::{Claim, FixedClock, Verdict};

    fn write(path: &Path, text: &str) {
        std::fs::write(path, text).expect("write");
    }

    #[test]
    #[allow(clippy::format_collect)] // the page is built from repeated parts
    fn a_page_opens_annotations_made_on_any_extraction_of_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let page = dir.path().join("bus.html");
        let story: String = (0..6)
            .map(|i| format!("<p>Paragraph {i} says the council cut the budget, and more.</p>"))
            .collect();
        write(
            &page,
            &format!(
                "<html><body><article class=\"promo\"><p>Get the app.</p></article>\
                 <div class=\"story\">{story}</div></body></html>"
            ),
        );
        let beside = dir.path().join("bus.factmark.json");
        for extract in [text::Extract::Article, text::Extract::Body] {
            let imported = text::import_file_with(&page, extract).expect("imports");
            let document = Document::new(new_article(imported, &page));
            format::save(&document, &beside).expect("saves");
            let opened = open(&page).expect("the same page: no update to review");
            assert!(opened.update.is_none(), "{extract:?}");
            assert_eq!(opened.document.text(), document.text(), "{extract:?}");
        }
        // The page itself changed: that is an update, whatever the extraction.
        write(
            &page,
            "<html><body><p>Another page entirely, with other words.</p></body></html>",
        );
        assert!(matches!(open(&page), Err(OpenError::OtherText { .. })));
    }

    #[test]
    fn an_article_opens_its_annotations_only_if_made_on_the_same_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let article = dir.path().join("report.txt");
        write(&article, "Kim met Putin in 北京.\n");

        // No annotations yet: a new set that saves beside the article.
        let opened = open(&article).expect("opens");
        let beside = dir.path().join("report.factmark.json");
        assert_eq!(opened.save_path.as_deref(), Some(beside.as_path()));
        assert!(opened.document.claims().is_empty());
        assert!(opened.loaded.is_none());
        assert_eq!(opened.document.article.title, "report");
        assert!(!beside.exists(), "opening writes nothing");

        // Annotations made on this text are opened, with what was read from disk.
        let mut document = opened.document;
        let stamp = FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("t");
        document
            .insert_claim(Claim::new(0, 3, Verdict::VERIFIED, stamp))
            .expect("valid");
        let saved = format::save(&document, &beside).expect("saves");
        let again = open(&article).expect("opens");
        assert_eq!(again.document.claims().len(), 1);
        assert_eq!(again.loaded.as_ref(), Some(&saved));
        assert_eq!(
            again.loaded.expect("loaded").sha256,
            crate::text::sha256_hex(std::fs::read(&beside).expect("read"))
        );

        // The article changed since: its old annotations are not put on the new words.
        write(&article, "Kim did not meet Putin.\n");
        let error = open(&article).expect_err("other text");
        assert!(matches!(error, OpenError::OtherText { .. }));
        assert!(
            error.to_string().contains("report.factmark.json"),
            "{error}"
        );
        // Opened by name, the annotations still open on their own text.
        assert_eq!(open(&beside).expect("opens").document.claims().len(), 1);
    }

    #[test]
    fn a_broken_annotation_file_is_refused_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let broken = dir.path().join("broken.factmark.json");
        write(&broken, "{\"format\": \"factmark\", \"version\": 1}");
        let error = open(&broken).expect_err("refused").to_string();
        assert!(
            error.contains("broken.factmark.json: article: missing"),
            "{error}"
        );
        assert!(error.contains("will not be changed"), "{error}");
        let missing = open(&dir.path().join("gone.txt")).expect_err("missing");
        assert!(missing.to_string().contains("gone.txt"), "{missing}");
    }
}
