//! Markdown to the text a reader sees: markup removed, link text kept.
//!
//! Uses pulldown-cmark (`CommonMark`, the parser rustdoc uses). Block elements become lines;
//! raw HTML and image alt text are dropped, as a rendered page does not show them as text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The readable text of a Markdown document, lines joined by `\n`, and the first `#` heading.
pub fn extract(source: &str) -> (String, Option<String>) {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut title: Option<String> = None;
    let mut heading: Option<String> = None;
    let mut image_depth = 0usize;
    let mut in_code_block = false;

    let end_line = |lines: &mut Vec<String>, current: &mut String| {
        if !current.trim().is_empty() {
            lines.push(std::mem::take(current));
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
                    end_line(&mut lines, &mut current);
                }
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
                    end_line(&mut lines, &mut current);
                }
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
                        lines.push(std::mem::take(&mut current));
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
            Event::HardBreak => lines.push(std::mem::take(&mut current)),
            Event::Rule => end_line(&mut lines, &mut current),
            _ => {} // raw HTML, footnote marks, task markers, math
        }
    }
    end_line(&mut lines, &mut current);
    (lines.join("\n"), title)
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

    fn check(markdown: &str, expected_text: &str, expected_title: Option<&str>) {
        let (text, title) = extract(markdown);
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
