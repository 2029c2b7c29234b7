//! Markdown to the text a reader sees: markup removed, link text kept.
//!
//! Uses pulldown-cmark (`CommonMark`, the parser rustdoc uses). Block elements become lines;
//! raw HTML and image alt text are dropped, as a rendered page does not show them as text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::blocks::{Block, Builder, Line, Open, element};

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The readable text of a Markdown document, lines joined by `\n`, the first `#` heading,
/// and the block structure of the lines.
pub fn extract(source: &str) -> (String, Option<String>, Vec<Block>) {
    let mut lines: Vec<Line> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut elements = 0;
    let mut current = String::new();
    let mut title: Option<String> = None;
    let mut heading: Option<String> = None;
    let mut image_depth = 0usize;
    let mut in_code_block = false;

    let end_line = |lines: &mut Vec<(String, _)>, current: &mut String, stack: &[Open]| {
        if !current.trim().is_empty() {
            lines.push((std::mem::take(current), element(stack)));
        }
        current.clear();
    };

    for event in Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            _ if image_depth > 0 => {}
            Event::Start(tag) => {
                match tag {
                    Tag::Heading { level, .. } if level == HeadingLevel::H1 && title.is_none() => {
                        heading = Some(String::new());
                    }
                    Tag::CodeBlock(_) => in_code_block = true,
                    Tag::TableCell if !current.is_empty() => current.push('\t'),
                    _ => {}
                }
                if is_block(&tag) {
                    end_line(&mut lines, &mut current, &stack);
                }
                open_element(&tag, &mut stack, &mut elements);
            }
            Event::End(tag) => {
                if tag == TagEnd::CodeBlock {
                    in_code_block = false;
                }
                if matches!(tag, TagEnd::Heading(_))
                    && let Some(h) = heading.take()
                {
                    title = Some(h.trim().to_owned()).filter(|t| !t.is_empty());
                }
                if is_block_end(tag) {
                    end_line(&mut lines, &mut current, &stack);
                }
                close_element(tag, &mut stack);
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&text);
                }
                if in_code_block {
                    let mut parts = text.split('\n');
                    if let Some(first) = parts.next() {
                        current.push_str(first);
                    }
                    for part in parts {
                        lines.push((std::mem::take(&mut current), element(&stack)));
                        current.push_str(part);
                    }
                } else if current.is_empty() {
                    // A line starts at its first visible character (after a dropped image,
                    // say), as it does on a rendered page.
                    current.push_str(text.trim_start());
                } else {
                    current.push_str(&text);
                }
            }
            Event::SoftBreak => {
                current.push(' ');
                if let Some(h) = heading.as_mut() {
                    h.push(' ');
                }
            }
            Event::HardBreak => lines.push((std::mem::take(&mut current), element(&stack))),
            Event::Rule => end_line(&mut lines, &mut current, &stack),
            _ => {} // raw HTML, footnote marks, task markers, math
        }
    }
    end_line(&mut lines, &mut current, &stack);
    let mut built = Builder::default();
    for (line, element) in &lines {
        built.line(line, *element);
    }
    (built.text, title, built.blocks)
}

/// Notes a block element opening: what the lines inside it are.
fn open_element(tag: &Tag<'_>, stack: &mut Vec<Open>, elements: &mut usize) {
    *elements += 1;
    let n = *elements;
    stack.push(match tag {
        Tag::Paragraph => Open::Paragraph(n),
        Tag::Heading { level, .. } => Open::Heading(n, heading_level(*level)),
        Tag::Item => Open::Item(n),
        Tag::BlockQuote(_) => Open::Quote(n),
        Tag::List(_) => Open::List,
        Tag::CodeBlock(_) | Tag::Table(_) => Open::Plain,
        _ => return,
    });
}

/// Notes a block element closing (the ones `open_element` noted).
fn close_element(tag: TagEnd, stack: &mut Vec<Open>) {
    if matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::CodeBlock
            | TagEnd::Table
    ) {
        stack.pop();
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::BlockKind;

    #[test]
    fn headings_lists_and_quotes_become_blocks_over_the_same_text() {
        let (text, _, blocks) = extract(
            "# Title\n\nA paragraph\nover two lines.\n\n- one\n- two\n  - nested\n\n> quoted\n\n```\ncode\n```\n",
        );
        assert_eq!(
            text,
            "Title\nA paragraph over two lines.\none\ntwo\nnested\nquoted\ncode"
        );
        let shown = crate::text::blocks::shown(&text, &blocks);
        assert_eq!(
            shown,
            [
                ("Title".to_owned(), BlockKind::Heading, 1),
                (
                    "A paragraph over two lines.".to_owned(),
                    BlockKind::Paragraph,
                    0
                ),
                ("one".to_owned(), BlockKind::ListItem, 1),
                ("two".to_owned(), BlockKind::ListItem, 1),
                ("nested".to_owned(), BlockKind::ListItem, 2),
                ("quoted".to_owned(), BlockKind::Quote, 1),
            ]
        );
    }

    fn check(markdown: &str, expected_text: &str, expected_title: Option<&str>) {
        let (text, title, _) = extract(markdown);
        assert_eq!(text, expected_text, "{markdown}");
        assert_eq!(title.as_deref(), expected_title, "{markdown}");
    }

    #[test]
    fn markup_is_removed_and_link_text_kept() {
        check(
            "# Parade *report*\n\nKim **will** attend, says [the ministry](https://example.org).\nSame paragraph.\n\n\
             - one\n- `two`\n\n> quoted\n\n![a chart](chart.png) after image\n\n<div>raw html</div>\n",
            "Parade report\nKim will attend, says the ministry. Same paragraph.\none\ntwo\nquoted\nafter image",
            Some("Parade report"),
        );
    }

    #[test]
    fn code_blocks_tables_and_breaks() {
        check(
            "## Not a title\n\n```\nfn main() {\n    x\n}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nhard  \nbreak\n\n---\n北京 😀",
            "Not a title\nfn main() {\n    x\n}\na\tb\n1\t2\nhard\nbreak\n北京 😀",
            None,
        );
    }
}
