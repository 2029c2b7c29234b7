//! Reading an article file into canonical text (DESIGN section 3).

use std::path::{Path, PathBuf};

use super::decode::{DecodeError, decode};
use super::mhtml::{self, MhtmlError};
use super::web::{self, Extract, Extraction, Meta};
use super::{canonical_newlines, html, markdown};

/// Articles larger than this are refused: far beyond any real article, and a sign that the
/// wrong file was picked.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// How the bytes of an article are read, chosen from the file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleKind {
    Plain,
    Markdown,
    Html,
    /// A web page saved as one file (MIME `multipart/related`).
    Mhtml,
}

impl ArticleKind {
    /// `.md`/`.markdown`, `.html`/`.htm` and `.mhtml`/`.mht` (any case); everything else
    /// is plain text.
    pub fn from_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Self::Markdown,
            "html" | "htm" => Self::Html,
            "mhtml" | "mht" => Self::Mhtml,
            _ => Self::Plain,
        }
    }
}

/// An imported article: canonical text and the title the file gives, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub text: String,
    pub title: Option<String>,
    /// Headings, list items, quotes and paragraphs of Markdown and HTML; none for plain
    /// text, which gets no guessed structure.
    pub blocks: Vec<super::Block>,
    /// The encoding the bytes were decoded from (for messages).
    pub encoding: &'static str,
    /// What a web page says about itself (empty for other kinds).
    pub meta: Meta,
    /// For a web page: which text was taken and how much of the page it is.
    pub extraction: Option<Extraction>,
}

/// Why a file could not be imported. Displays as `PATH: what is wrong`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct ImportError {
    pub path: PathBuf,
    pub kind: ImportErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportErrorKind {
    #[error("no such file")]
    Missing,
    #[error("is a directory, not an article file")]
    Directory,
    #[error("is {0}, not a regular file: factmark reads only regular files")]
    NotRegular(&'static str),
    #[error("cannot read it: {0}")]
    Unreadable(std::io::Error),
    #[error(
        "is {size} bytes; factmark imports articles of up to {} MiB",
        MAX_ARTICLE_BYTES / 1024 / 1024
    )]
    TooLarge { size: u64 },
    #[error("cannot import it: {0}")]
    NotText(#[from] DecodeError),
    #[error("{0}")]
    Mhtml(#[from] MhtmlError),
    #[error("is empty: there is no text to annotate")]
    Empty,
    #[error("has only whitespace: there is no text to annotate")]
    Blank,
    #[error("has no readable text once markup is removed")]
    NoReadableText,
    #[error(
        "nests its HTML elements {depth} deep, more than the {} factmark reads (an article \
         nests a few dozen deep): it was not imported",
        html::MAX_DEPTH
    )]
    TooDeep { depth: usize },
}

/// Reads and imports the article at `path` (a web page: its readable text).
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    import_file_with(path, Extract::Readable)
}

/// Reads and imports the article at `path`, taking a web page's text as `extract` says.
pub fn import_file_with(path: &Path, extract: Extract) -> Result<Imported, ImportError> {
    import_read(path, &read_article(path)?, extract)
}

/// The bytes of the article at `path`, refused as [`import_file`] refuses them (missing,
/// a directory, too large): for importing one read in more than one way.
pub fn read_article(path: &Path) -> Result<Vec<u8>, ImportError> {
    read_limited(path).map_err(|kind| ImportError {
        path: path.to_owned(),
        kind,
    })
}

/// Imports `bytes`, read from `path` (which gives the kind and names the file in errors).
pub fn import_read(path: &Path, bytes: &[u8], extract: Extract) -> Result<Imported, ImportError> {
    import_bytes_with(bytes, ArticleKind::from_path(path), extract).map_err(|kind| ImportError {
        path: path.to_owned(),
        kind,
    })
}

fn read_limited(path: &Path) -> Result<Vec<u8>, ImportErrorKind> {
    use crate::input::ReadError;
    crate::input::read(path, MAX_ARTICLE_BYTES)
        .map(|(bytes, _)| bytes)
        .map_err(|e| match e {
            ReadError::Missing => ImportErrorKind::Missing,
            ReadError::Directory => ImportErrorKind::Directory,
            ReadError::NotRegular(kind) => ImportErrorKind::NotRegular(kind),
            ReadError::TooLarge { size, .. } => ImportErrorKind::TooLarge { size },
            ReadError::Io(e) => ImportErrorKind::Unreadable(e),
        })
}

/// Imports article bytes of the given kind (a web page: its readable text).
pub fn import_bytes(bytes: &[u8], kind: ArticleKind) -> Result<Imported, ImportErrorKind> {
    import_bytes_with(bytes, kind, Extract::Readable)
}

/// Imports article bytes of the given kind, taking a web page's text as `extract` says.
pub fn import_bytes_with(
    bytes: &[u8],
    kind: ArticleKind,
    extract: Extract,
) -> Result<Imported, ImportErrorKind> {
    if bytes.is_empty() {
        return Err(ImportErrorKind::Empty);
    }
    let decoded = if kind == ArticleKind::Mhtml {
        // The MIME parts say their own transfer encoding and charset.
        let page = mhtml::root_html(bytes)?;
        if page.contains('\0') {
            return Err(DecodeError::NulBytes.into());
        }
        super::Decoded {
            text: page,
            encoding: "UTF-8",
        }
    } else {
        decode(bytes)?
    };
    let text = canonical_newlines(&decoded.text).into_owned();
    if text.trim().is_empty() {
        return Err(ImportErrorKind::Blank);
    }
    let mut meta = Meta::default();
    let mut extraction = None;
    let (text, title, blocks) = match kind {
        ArticleKind::Plain => (text, None, Vec::new()),
        ArticleKind::Markdown => markdown::extract(&text),
        ArticleKind::Html | ArticleKind::Mhtml => {
            let depth = html::nesting_depth(&text);
            if depth > html::MAX_DEPTH {
                return Err(ImportErrorKind::TooDeep { depth });
            }
            let page = web::read(&text, extract);
            meta = page.meta;
            extraction = Some(page.extraction);
            (page.text, page.title, page.blocks)
        }
    };
    if text.trim().is_empty() {
        return Err(ImportErrorKind::NoReadableText);
    }
    Ok(Imported {
        text,
        title,
        blocks,
        encoding: decoded.encoding,
        meta,
        extraction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_comes_from_the_extension() {
        let kind = |p: &str| ArticleKind::from_path(Path::new(p));
        assert_eq!(kind("a.txt"), ArticleKind::Plain);
        assert_eq!(kind("a.MD"), ArticleKind::Markdown);
        assert_eq!(kind("a.markdown"), ArticleKind::Markdown);
        assert_eq!(kind("a.Htm"), ArticleKind::Html);
        assert_eq!(kind("a.html"), ArticleKind::Html);
        assert_eq!(kind("Page.MHT"), ArticleKind::Mhtml);
        assert_eq!(kind("page.mhtml"), ArticleKind::Mhtml);
        assert_eq!(kind("README"), ArticleKind::Plain);
    }

    #[test]
    fn plain_text_is_kept_except_newlines() {
        let imported = import_bytes(
            b"\xEF\xBB\xBF  Line one\r\nLine two\r  \n",
            ArticleKind::Plain,
        )
        .expect("imports");
        assert_eq!(imported.text, "  Line one\nLine two\n  \n");
        assert_eq!(imported.title, None);
        assert!(
            imported.blocks.is_empty(),
            "plain text gets no guessed structure"
        );
        // The same words as Markdown have a structure, over the same kind of text.
        let md = import_bytes(b"# Line one\n\nLine two\n", ArticleKind::Markdown).expect("imports");
        assert_eq!(md.text, "Line one\nLine two");
        assert_eq!(md.blocks.len(), 2);
    }

    #[test]
    fn a_saved_page_is_held_to_the_same_rules_as_html() {
        let mime = |html: &str| {
            format!(
                "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n\
                 --b\r\nContent-Type: text/html\r\n\r\n{html}\r\n--b--\r\n"
            )
        };
        let deep = format!("{}x{}", "<div>".repeat(5000), "</div>".repeat(5000));
        assert!(matches!(
            import_bytes(mime(&deep).as_bytes(), ArticleKind::Mhtml),
            Err(ImportErrorKind::TooDeep { .. })
        ));
        assert!(matches!(
            import_bytes(mime("<script>x()</script>").as_bytes(), ArticleKind::Mhtml),
            Err(ImportErrorKind::NoReadableText)
        ));
        let ok = import_bytes(mime("<p>Words\r\nhere</p>").as_bytes(), ArticleKind::Mhtml)
            .expect("imports");
        assert_eq!(ok.text, "Words here");
        assert!(ok.extraction.is_some());
    }

    #[test]
    fn refuses_what_is_not_an_article() {
        let kind = |bytes: &[u8], k| import_bytes(bytes, k).expect_err("refused");
        assert!(matches!(
            kind(b"", ArticleKind::Plain),
            ImportErrorKind::Empty
        ));
        assert!(matches!(
            kind(b" \r\n\t ", ArticleKind::Plain),
            ImportErrorKind::Blank
        ));
        assert!(matches!(
            kind(b"\x89PNG\r\n\x1a\n\0\0", ArticleKind::Plain),
            ImportErrorKind::NotText(_)
        ));
        assert!(matches!(
            kind(b"<script>x()</script><nav>menu</nav>", ArticleKind::Html),
            ImportErrorKind::NoReadableText
        ));
    }
}
