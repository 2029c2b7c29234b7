//! HTML to readable text: the article body a reader sees, without page furniture.
//!
//! Uses `scraper` (html5ever underneath, the browser-grade WHATWG parser) to build the tree;
//! nothing is fetched and nothing runs. Rules from DESIGN section 3: `<article>`/`<main>` when
//! present, else `<body>`; no script, style, template, nav, header/footer or form content;
//! block elements become lines, `<br>` a line break, entities decoded.

use scraper::{ElementRef, Html, Node};

use super::blocks::{Block, Builder, Line, Open, element};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "nav", "header", "footer", "form", "button",
    "select", "textarea", "iframe", "object", "embed", "svg", "canvas", "audio", "video", "head",
];

/// Elements that start and end a line of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Pages nesting elements deeper than this are refused: html5ever's tree building costs
/// time in proportion to the depth for each element, so 100k nested elements would take a
/// minute; real articles nest a few dozen deep.
pub const MAX_DEPTH: usize = 4096;

/// Elements that never hold others (a start tag is the whole element).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements whose end tag may be left out: the next one of them closes the last, so a
/// page of 50k unclosed `<p>`s is not 50k deep.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rtc", "rp",
];

/// How deep `source` nests its elements, as far as its tags tell (a quick scan before
/// parsing; it can only overestimate for markup that closes elements implicitly).
pub fn nesting_depth(source: &str) -> usize {
    let bytes = source.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        i += offset + 1;
        let rest = &source[i..];
        if rest.starts_with("!--") {
            i += rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = usize::from(closing);
        let name: String = rest[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || !rest[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let self_closed = rest[..tag_end].ends_with('/');
        if VOID.contains(&name.as_str()) || SELF_CLOSING.contains(&name.as_str()) || self_closed {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
            // Raw text: nothing inside a script or a style is a tag.
            if name == "script" || name == "style" {
                let end = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                match lower.find(&end) {
                    Some(at) => i += at,
                    None => break,
                }
            }
        }
    }
    deepest
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// The text of an HTML document by factmark's own rule (the largest `<article>`, else
/// `<main>`, else `<body>`), lines joined by `\n`, its title, and the block structure of
/// the lines.
#[cfg(test)]
pub fn extract(source: &str) -> (String, Option<String>, Vec<Block>) {
    let document = Html::parse_document(source);
    let (text, blocks) = by_rule(&document, false);
    (text, title(&document), blocks)
}

/// The text of a parsed page by factmark's own rule, or of its whole `<body>` when
/// `whole_body` is set (page furniture such as scripts and navigation still left out).
pub fn by_rule(document: &Html, whole_body: bool) -> (String, Vec<Block>) {
    let root = document.root_element();
    let elements = || root.descendants().filter_map(ElementRef::wrap);
    let named = |name: &'static str| elements().filter(move |e| e.value().name() == name);

    // The main content: the <article> with the most text (teasers and comments are
    // <article>s too), else <main>, else <body>.
    let content = if whole_body {
        named("body").next()
    } else {
        named("article")
            .max_by_key(|a| a.text().map(str::len).sum::<usize>())
            .or_else(|| named("main").next())
            .or_else(|| named("body").next())
    };
    text_of(content.unwrap_or(root))
}

/// The page's `<title>`, else its first `<h1>`, whitespace collapsed.
pub fn title(document: &Html) -> Option<String> {
    let root = document.root_element();
    let named = |name: &'static str| {
        root.descendants()
            .filter_map(ElementRef::wrap)
            .filter(move |e| e.value().name() == name)
    };
    named("title")
        .map(collapsed_text)
        .find(|t| !t.is_empty())
        .or_else(|| named("h1").map(collapsed_text).find(|t| !t.is_empty()))
}

/// The lines of `element`'s subtree joined by `\n`, and their blocks.
pub fn text_of(element: ElementRef<'_>) -> (String, Vec<Block>) {
    text_without(element, &[])
}

/// [`text_of`], leaving out the subtrees of the `skipped` nodes.
pub fn text_without(element: ElementRef<'_>, skipped: &[ego_tree::NodeId]) -> (String, Vec<Block>) {
    let mut lines = Lines {
        skipped,
        ..Lines::default()
    };
    lines.walk(element);
    lines.end_line();
    let mut built = Builder::default();
    for (line, element) in &lines.done {
        built.line(line, *element);
    }
    (built.text, built.blocks)
}

fn collapsed_text(element: ElementRef<'_>) -> String {
    let mut lines = Lines::default();
    for text in element.text() {
        lines.push_text(text);
    }
    lines.current
}

#[derive(Default)]
struct Lines<'a> {
    /// Subtrees left out besides the [`SKIPPED`] elements.
    skipped: &'a [ego_tree::NodeId],
    done: Vec<Line>,
    /// The elements open around the current line that say what block it is in.
    stack: Vec<Open>,
    elements: usize,
    current: String,
    /// Whitespace was seen since the last character: one space goes in before the next one.
    pending_space: bool,
    in_pre: usize,
}

impl Lines<'_> {
    /// Walks `element`'s subtree in document order without recursion (an article may nest
    /// elements 100k deep; recursion would overflow the stack).
    fn walk(&mut self, element: ElementRef<'_>) {
        use ego_tree::iter::Edge;
        // The node whose subtree is being skipped (a script, a hidden element), if any.
        let mut skipping = None;
        for edge in element.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(text) => self.push_text(text),
                        Node::Element(value) => {
                            let name = value.name();
                            if SKIPPED.contains(&name)
                                || value.attr("hidden").is_some()
                                || self.skipped.contains(&node.id())
                            {
                                skipping = Some(node.id());
                            } else {
                                self.open(name);
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skipping == Some(node.id()) {
                        skipping = None;
                    } else if skipping.is_none()
                        && let Node::Element(value) = node.value()
                    {
                        self.close(value.name());
                    }
                }
            }
        }
    }

    fn open(&mut self, name: &str) {
        match name {
            "br" => return self.line_break(),
            "td" | "th" if !self.current.is_empty() => {
                self.current.push('\t');
                self.pending_space = false;
            }
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.end_line();
        }
        self.in_pre += usize::from(name == "pre");
        self.elements += 1;
        let n = self.elements;
        self.stack.push(match name {
            "p" => Open::Paragraph(n),
            "h1" => Open::Heading(n, 1),
            "h2" => Open::Heading(n, 2),
            "h3" => Open::Heading(n, 3),
            "h4" => Open::Heading(n, 4),
            "h5" => Open::Heading(n, 5),
            "h6" => Open::Heading(n, 6),
            "li" => Open::Item(n),
            "blockquote" => Open::Quote(n),
            "ul" | "ol" => Open::List,
            "pre" | "table" => Open::Plain,
            _ => return,
        });
    }

    /// Whether an element of this name was pushed on the stack by `open`.
    fn is_structure(name: &str) -> bool {
        matches!(
            name,
            "p" | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "li"
                | "blockquote"
                | "ul"
                | "ol"
                | "pre"
                | "table"
        )
    }

    fn close(&mut self, name: &str) {
        if name == "br" {
            return;
        }
        self.in_pre -= usize::from(name == "pre");
        if BLOCKS.contains(&name) {
            self.end_line();
        }
        if Self::is_structure(name) {
            self.stack.pop();
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.in_pre > 0 {
            let mut parts = text.split('\n');
            if let Some(first) = parts.next() {
                self.current.push_str(first);
            }
            for part in parts {
                self.line_break();
                self.current.push_str(part);
            }
            return;
        }
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                self.pending_space = !self.current.is_empty();
            } else {
                if self.pending_space {
                    self.current.push(' ');
                    self.pending_space = false;
                }
                self.current.push(c);
            }
        }
    }

    /// `<br>` or a newline in `<pre>`: the line ends even if it is empty.
    fn line_break(&mut self) {
        self.done
            .push((std::mem::take(&mut self.current), element(&self.stack)));
        self.pending_space = false;
    }

    /// A block boundary: the line ends unless nothing is on it.
    fn end_line(&mut self) {
        if !self.current.is_empty() {
            self.line_break();
        }
        self.pending_space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::BlockKind;

    #[test]
    fn headings_lists_and_quotes_become_blocks_over_the_same_text() {
        let (text, _, blocks) = extract(
            "<body><h2>Sub <b>head</b></h2><p>Para one.</p><ul><li>item <i>a</i></li><li><p>item b</p></li></ul>\
             <blockquote><p>Said so.</p></blockquote><pre>code</pre><div>loose</div></body>",
        );
        assert_eq!(
            text,
            "Sub head\nPara one.\nitem a\nitem b\nSaid so.\ncode\nloose"
        );
        let shown = crate::text::blocks::shown(&text, &blocks);
        assert_eq!(
            shown,
            [
                ("Sub head".to_owned(), BlockKind::Heading, 2),
                ("Para one.".to_owned(), BlockKind::Paragraph, 0),
                ("item a".to_owned(), BlockKind::ListItem, 1),
                ("item b".to_owned(), BlockKind::ListItem, 1),
                ("Said so.".to_owned(), BlockKind::Quote, 1),
            ]
        );
    }

    fn check(html: &str, expected_text: &str, expected_title: Option<&str>) {
        let (text, title, _) = extract(html);
        assert_eq!(text, expected_text, "{html}");
        assert_eq!(title.as_deref(), expected_title, "{html}");
    }

    #[test]
    fn nesting_depth_counts_what_stays_open() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"),
            3
        );
        assert_eq!(
            nesting_depth(&format!("{}x{}", "<div>".repeat(50), "</div>".repeat(50))),
            50
        );
        assert_eq!(
            nesting_depth(&"<p>para ".repeat(10_000)),
            0,
            "unclosed paragraphs do not nest"
        );
        assert_eq!(
            nesting_depth("<script>if (a < b) { x = '<div><div>'; }</script><div></div>"),
            1
        );
        assert_eq!(nesting_depth("<!-- <div><div> --><svg><path/></svg>"), 1);
        assert_eq!(nesting_depth("a < b and 3<4"), 0);
    }

    #[test]
    fn keeps_the_readable_text() {
        check(
            "<html><head><title> Parade \n report </title><style>p{color:red}</style>\
             <script>alert('x')</script></head><body><p>One &amp; two&nbsp;&mdash; &lt;three&gt;</p></body></html>",
            "One & two\u{a0}— <three>",
            Some("Parade report"),
        );
        check(
            "<body><nav>Home | World</nav><header>Site name</header><main><h1>Headline</h1>\
             <p>First <em>para</em>graph,\n   wrapped.</p><template><p>hidden</p></template>\
             <form><label>Email</label><input></form><p>Line<br>break</p></main>\
             <footer>© 2025</footer></body>",
            "Headline\nFirst paragraph, wrapped.\nLine\nbreak",
            Some("Headline"),
        );
    }

    #[test]
    fn prefers_the_article_over_the_page() {
        check(
            "<body><p>Sidebar</p><article><p>Teaser</p></article>\
             <article><p>The real story is longer.</p><article><p>A comment</p></article></article></body>",
            "The real story is longer.\nA comment",
            None,
        );
        check(
            "<body><div>Menu</div><main><p>Main text</p></main></body>",
            "Main text",
            None,
        );
    }

    #[test]
    fn lists_tables_and_pre() {
        check(
            "<ul><li>one</li><li>two <b>bold</b></li></ul><table><tr><td>a</td><td>b</td></tr></table>\
             <pre>  code\n    indented</pre><p hidden>secret</p><script>document.write('no')</script>",
            "one\ntwo bold\na\tb\n  code\n    indented",
            None,
        );
    }

    #[test]
    fn script_in_text_is_kept_as_text() {
        check(
            "<p>Escaped &lt;script&gt;alert(1)&lt;/script&gt; stays</p>",
            "Escaped <script>alert(1)</script> stays",
            None,
        );
    }
}
