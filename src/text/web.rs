//! A saved web page: the article as a reader sees it, and what the page says about itself.
//!
//! The readable content comes from `dom_smoothie`, a port of Mozilla's Readability.js (the
//! algorithm behind Firefox's Reader View): it scores the page's elements and keeps the
//! article, leaving out menus, teasers, galleries, players and comment threads. factmark's
//! own rules then turn the cleaned content into lines and blocks (`html::text_of`), as for
//! any HTML. The metadata (title, byline, site name, dates, language) comes from the same
//! pass: JSON-LD first, then `<meta>` tags (`OpenGraph`, Dublin Core), then the page itself.
//! Nothing is fetched and nothing runs.

use scraper::{Html, Selector};

use super::blocks::Block;
use super::html;

/// Which text of a page becomes the article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Extract {
    /// The readable content, as Firefox's Reader View finds it (Readability).
    #[default]
    Readable,
    /// The largest `<article>`, else `<main>`, else `<body>` (the rule factmark used before the readable text).
    Article,
    /// The whole `<body>`, without scripts, navigation, headers, footers and forms.
    Body,
}

impl Extract {
    fn describe(self) -> &'static str {
        match self {
            Self::Readable => "the readable text (as Reader View finds it)",
            Self::Article => "the largest <article>, else <main>, else <body>",
            Self::Body => "the whole page body",
        }
    }
}

/// What a page says about itself. Empty strings are fields the page does not give.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Meta {
    /// The byline: who wrote it.
    pub author: String,
    /// The site name (`OpenGraph` `og:site_name`, JSON-LD `publisher`).
    pub publisher: String,
    /// When it was published, as the page writes it (usually ISO 8601).
    pub published: String,
    /// When it was last modified, as the page writes it.
    pub modified: String,
    /// `<link rel="canonical">`, else `og:url`, else JSON-LD `url`: an absolute http(s)
    /// address only.
    pub canonical_url: String,
    /// The language of `<html lang>`.
    pub lang: String,
}

/// Which text was taken and how much of the page it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extraction {
    /// What was asked for.
    pub asked: Extract,
    /// What was used: `Article` when the readable text could not be found.
    pub used: Extract,
    /// Words in the article text.
    pub kept_words: usize,
    /// Words in the whole page body.
    pub page_words: usize,
}

impl Extraction {
    /// Below this share of the page's words, the note says words may be missing.
    const SMALL_SHARE: f64 = 0.2;

    /// The readable text is a small share of the page: words a reviewer needs may be
    /// missing.
    pub fn is_small_share(&self) -> bool {
        // Word counts of a page stay far below 2^52: the ratio is exact enough.
        #[allow(clippy::cast_precision_loss)]
        let share = self.kept_words as f64 / self.page_words.max(1) as f64;
        self.used != Extract::Body && self.page_words > 0 && share < Self::SMALL_SHARE
    }

    /// What the command line suggests when the text is a small share of the page.
    pub const CLI_REMEDY: &str = "import it again with --extract article or --extract body";

    /// One or two sentences for the command line and the app: what was used, how much of
    /// the page it kept, and, when that is a small share, `remedy`.
    pub fn note(&self, remedy: &str) -> String {
        let used = if self.used == self.asked {
            format!("used {}", self.used.describe())
        } else {
            format!(
                "no readable article was found, so {} was used",
                self.used.describe()
            )
        };
        let mut note = format!(
            "{used}; kept {} of the page's {} words",
            self.kept_words, self.page_words
        );
        if self.is_small_share() {
            note += ". That is a small share of the page: if the article's words are missing, ";
            note += remedy;
        }
        note
    }
}

/// What the app suggests when the text is a small share of the page.
pub const APP_REMEDY: &str =
    "choose Article ▸ Import again as whole page (while there are no claims)";

/// A page's article text, title, blocks, metadata, and how it was extracted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    pub meta: Meta,
    pub extraction: Extraction,
}

/// Reads a page (already decoded, newlines canonical) with the chosen extraction.
pub fn read(source: &str, extract: Extract) -> Page {
    let document = Html::parse_document(source);
    let (body_text, body_blocks) = html::by_rule(&document, true);
    let page_words = word_count(&body_text);

    let readable = match extract {
        Extract::Readable => readable_content(source),
        Extract::Article | Extract::Body => None,
    };
    let (text, blocks, used, fields) = match (extract, readable) {
        (_, Some((text, blocks, fields))) => (text, blocks, Extract::Readable, fields),
        (Extract::Body, None) => (body_text, body_blocks, Extract::Body, metadata(source)),
        (Extract::Readable | Extract::Article, None) => {
            let (text, blocks) = html::by_rule(&document, false);
            (text, blocks, Extract::Article, metadata(source))
        }
    };
    let meta = Meta {
        author: author(fields.byline.as_deref().unwrap_or_default()),
        publisher: clean(fields.site_name.as_deref()),
        published: clean(fields.published.as_deref()),
        modified: clean(
            fields
                .modified
                .or_else(|| meta_content(&document, "article:modified_time"))
                .as_deref(),
        ),
        canonical_url: canonical_url(&document)
            .or_else(|| fields.url.filter(|u| is_web_url(u)))
            .unwrap_or_default(),
        lang: clean(fields.lang.as_deref()),
    };
    let title = Some(without_site_name(
        &clean(Some(&fields.title)),
        &meta.publisher,
    ))
    .filter(|t| !t.is_empty())
    .or_else(|| html::title(&document));
    let kept_words = word_count(&text);
    Page {
        text,
        title,
        blocks,
        meta,
        extraction: Extraction {
            asked: extract,
            used,
            kept_words,
            page_words,
        },
    }
}

/// A teaser is an `<article>` of fewer words than this (a headline and a line of summary).
const TEASER_WORDS: usize = 40;

/// Lists of other stories that Readability joined to the article (a "More stories" section
/// beside it): an element with at least three `<article>` children, all of them short,
/// that hold most of its words. factmark leaves them out of the readable text. A live blog,
/// whose updates are long `<article>`s, is not a teaser list.
fn teaser_lists(content: &Html) -> Vec<ego_tree::NodeId> {
    use scraper::ElementRef;
    let words_in = |e: ElementRef<'_>| e.text().map(word_count).sum::<usize>();
    content
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|parent| {
            let articles: Vec<usize> = parent
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| c.value().name() == "article")
                .map(words_in)
                .collect();
            articles.len() >= 3
                && articles.iter().all(|&w| w < TEASER_WORDS)
                && articles.iter().sum::<usize>() * 5 >= words_in(*parent) * 4
        })
        .map(|e| e.id())
        .collect()
}

/// The readable content of a page and its metadata, or `None` when Readability finds no
/// article (or one without words).
fn readable_content(source: &str) -> Option<(String, Vec<Block>, Fields)> {
    let article = dom_smoothie::Readability::new(source, None, None)
        .ok()?
        .parse()
        .ok()?;
    let content = Html::parse_fragment(&article.content);
    let teasers = teaser_lists(&content);
    let (text, blocks) = html::text_without(content.root_element(), &teasers);
    if text.trim().is_empty() {
        return None;
    }
    let fields = Fields {
        title: article.title,
        byline: article.byline,
        site_name: article.site_name,
        published: article.published_time,
        modified: article.modified_time,
        lang: article.lang,
        url: article.url,
    };
    Some((text, blocks, fields))
}

/// The metadata of a page alone, without looking for its content.
fn metadata(source: &str) -> Fields {
    let Ok(reader) = dom_smoothie::Readability::new(source, None, None) else {
        return Fields::default();
    };
    let m = reader.get_article_metadata(reader.parse_json_ld());
    Fields {
        title: m.title,
        byline: m.byline,
        site_name: m.site_name,
        published: m.published_time,
        modified: m.modified_time,
        lang: m.lang,
        url: m.url,
    }
}

#[derive(Default)]
struct Fields {
    title: String,
    byline: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    lang: Option<String>,
    url: Option<String>,
}

/// Whitespace collapsed and trimmed.
fn clean(value: Option<&str>) -> String {
    value
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The byline as a name: "By Jane Doe" is Jane Doe.
fn author(byline: &str) -> String {
    let byline = clean(Some(byline));
    match byline.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => byline[3..].to_owned(),
        _ => byline,
    }
}

/// Separators sites put between a headline and their name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", " : ",
];

/// The title without the site's name before or after it ("Headline | Site" is Headline).
fn without_site_name(title: &str, site: &str) -> String {
    if site.is_empty() {
        return title.to_owned();
    }
    let fold = |s: &str| s.to_lowercase();
    for separator in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(separator)
            && fold(tail.trim()) == fold(site)
            && !head.trim().is_empty()
        {
            return head.trim().to_owned();
        }
        if let Some((head, tail)) = title.split_once(separator)
            && fold(head.trim()) == fold(site)
            && !tail.trim().is_empty()
        {
            return tail.trim().to_owned();
        }
    }
    title.to_owned()
}

/// The `content` of the first `<meta property="…">` of this name.
fn meta_content(document: &Html, property: &str) -> Option<String> {
    let selector = Selector::parse(&format!("meta[property=\"{property}\"][content]")).ok()?;
    document
        .select(&selector)
        .filter_map(|e| e.value().attr("content"))
        .map(str::trim)
        .find(|c| !c.is_empty())
        .map(str::to_owned)
}

/// `<link rel="canonical" href="…">`, else `<meta property="og:url">`, when it is an
/// absolute web address.
fn canonical_url(document: &Html) -> Option<String> {
    let first = |selector: &str, attr: &str| {
        let selector = Selector::parse(selector).ok()?;
        document
            .select(&selector)
            .filter_map(|e| e.value().attr(attr))
            .map(str::trim)
            .find(|url| is_web_url(url))
            .map(str::to_owned)
    };
    first("link[rel~=canonical][href]", "href")
        .or_else(|| first("meta[property=\"og:url\"]", "content"))
}

/// A link the file format accepts (the one rule for links, `model::rules::check_url`): a
/// canonical address the file could not hold is not taken.
fn is_web_url(url: &str) -> bool {
    crate::model::rules::check_url(url).is_ok()
}

/// The words of a text (Unicode word boundaries, UAX #29): each CJK ideograph counts as a
/// word, as it does for word-level comparisons of Chinese and Japanese text.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    use unicode_segmentation::UnicodeSegmentation as _;
    text.unicode_words()
}

pub fn word_count(text: &str) -> usize {
    words(text).count()
}

#[cfg(test)]
mod tests;
