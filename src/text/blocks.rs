//! The block structure of an article — headings, list items, quotes, paragraphs — as a
//! table over its canonical text. The text and its offsets are exactly as they are without
//! it: a block only says how a stretch of lines is shown.

use std::fmt;

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Heading,
    ListItem,
    Quote,
    Paragraph,
}

impl BlockKind {
    pub const ALL: [Self; 4] = [Self::Heading, Self::ListItem, Self::Quote, Self::Paragraph];

    /// The name in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Heading => "heading",
            Self::ListItem => "list_item",
            Self::Quote => "quote",
            Self::Paragraph => "paragraph",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A stretch of the text `start..end` (code points) of one kind. `level` is a heading's
/// level (1 to 6), a list item's or quote's depth of nesting (1 for the outermost), and
/// 0 for a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    pub level: u8,
    /// Fields of the block this version does not know, kept and written back.
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The deepest nesting a list item or quote is kept at.
pub const MAX_DEPTH: u8 = 32;

/// Why a block table does not fit its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockError {
    /// Position of the block in the table.
    pub index: usize,
    /// The field at fault (`start`, `end`, `level`).
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for BlockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "blocks[{}].{}: {}", self.index, self.field, self.message)
    }
}

/// Checks a block table against a text of `len` code points: each block non-empty and
/// inside the text, in order and not overlapping the one before, with a level its kind
/// allows.
pub fn check(blocks: &[Block], len: usize) -> Result<(), BlockError> {
    let mut previous_end = 0;
    for (index, block) in blocks.iter().enumerate() {
        let fail = |field, message: String| BlockError {
            index,
            field,
            message,
        };
        if block.end > len {
            return Err(fail(
                "end",
                format!(
                    "{} is past the end of the text ({len} characters)",
                    block.end
                ),
            ));
        }
        if block.start >= block.end {
            return Err(fail(
                "start",
                format!("{} is not before end {}", block.start, block.end),
            ));
        }
        if block.start < previous_end {
            return Err(fail(
                "start",
                format!(
                    "{} is inside the block before, which ends at {previous_end}",
                    block.start
                ),
            ));
        }
        let levels = match block.kind {
            BlockKind::Heading => 1..=6,
            BlockKind::ListItem | BlockKind::Quote => 1..=MAX_DEPTH,
            BlockKind::Paragraph => 0..=0,
        };
        if !levels.contains(&block.level) {
            return Err(fail(
                "level",
                format!(
                    "{} is not a level of a {} (from {} to {})",
                    block.level,
                    block.kind.as_str(),
                    levels.start(),
                    levels.end()
                ),
            ));
        }
        previous_end = block.end;
    }
    Ok(())
}

/// Builds a block table from lines as an importer emits them: each line's text and the
/// kind and level of the element it belongs to (with an element number, so the lines of
/// one list item make one block). Lines are joined with `\n`.
#[derive(Default)]
pub struct Builder {
    pub text: String,
    pub blocks: Vec<Block>,
    chars: usize,
    lines: usize,
    last_element: Option<usize>,
}

impl Builder {
    /// Adds a line; `element` is `(number, kind, level)` of the block it is in, if any.
    pub fn line(&mut self, line: &str, element: Option<Element>) {
        if self.lines > 0 {
            self.text.push('\n');
            self.chars += 1;
        }
        self.lines += 1;
        let start = self.chars;
        self.text.push_str(line);
        self.chars += line.chars().count();
        let end = self.chars;
        let Some((number, kind, level)) = element else {
            self.last_element = None;
            return;
        };
        if start == end {
            return;
        }
        match self.blocks.last_mut() {
            Some(block) if self.last_element == Some(number) && block.kind == kind => {
                block.end = end;
            }
            _ => self.blocks.push(Block {
                start,
                end,
                kind,
                level,
                extra: std::collections::BTreeMap::new(),
            }),
        }
        self.last_element = Some(number);
    }
}

/// The block a line is in: the element's number (lines of one element make one block),
/// its kind and level.
pub type Element = (usize, BlockKind, u8);

/// A line of extracted text and the block it is in, if any.
pub type Line = (String, Option<Element>);

/// An element a line can be inside.
#[derive(Clone, Copy)]
pub enum Open {
    Paragraph(usize),
    Heading(usize, u8),
    Item(usize),
    Quote(usize),
    List,
    /// Code and tables: lines in them have no block.
    Plain,
}

/// The block a line belongs to: its innermost heading, list item or quote, else its
/// paragraph; none inside code or a table.
pub fn element(stack: &[Open]) -> Option<Element> {
    let depth = |f: fn(&Open) -> bool| {
        u8::try_from(stack.iter().filter(|o| f(o)).count())
            .unwrap_or(u8::MAX)
            .min(MAX_DEPTH)
    };
    let mut paragraph = None;
    for open in stack.iter().rev() {
        match *open {
            Open::Heading(n, level) => return Some((n, BlockKind::Heading, level)),
            Open::Item(n) => {
                return Some((
                    n,
                    BlockKind::ListItem,
                    depth(|o| matches!(o, Open::List)).max(1),
                ));
            }
            Open::Quote(n) => {
                return Some((n, BlockKind::Quote, depth(|o| matches!(o, Open::Quote(_)))));
            }
            Open::Plain => return None,
            Open::Paragraph(n) => paragraph = paragraph.or(Some((n, BlockKind::Paragraph, 0))),
            Open::List => {}
        }
    }
    paragraph
}

/// Each block as its words, kind and level: what tests compare.
#[cfg(test)]
pub fn shown(text: &str, blocks: &[Block]) -> Vec<(String, BlockKind, u8)> {
    let chars: Vec<char> = text.chars().collect();
    blocks
        .iter()
        .map(|b| (chars[b.start..b.end].iter().collect(), b.kind, b.level))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(start: usize, end: usize, kind: BlockKind, level: u8) -> Block {
        Block {
            start,
            end,
            kind,
            level,
            extra: std::collections::BTreeMap::new(),
        }
    }

    #[test]
    fn a_table_must_fit_its_text() {
        use BlockKind::{Heading, ListItem, Paragraph};
        assert_eq!(
            check(&[block(0, 5, Heading, 1), block(6, 10, Paragraph, 0)], 10),
            Ok(())
        );
        let field = |blocks: &[Block]| check(blocks, 10).map_err(|e| (e.index, e.field));
        assert_eq!(field(&[block(0, 11, Paragraph, 0)]), Err((0, "end")));
        assert_eq!(field(&[block(4, 4, Paragraph, 0)]), Err((0, "start")));
        assert_eq!(
            field(&[block(0, 5, Paragraph, 0), block(4, 8, Paragraph, 0)]),
            Err((1, "start"))
        );
        assert_eq!(field(&[block(0, 5, Heading, 7)]), Err((0, "level")));
        assert_eq!(field(&[block(0, 5, ListItem, 0)]), Err((0, "level")));
        assert!(
            check(&[block(0, 11, Paragraph, 0)], 10)
                .expect_err("bad")
                .to_string()
                .contains("blocks[0].end")
        );
    }

    #[test]
    fn the_lines_of_one_element_make_one_block() {
        let mut b = Builder::default();
        b.line("Title", Some((0, BlockKind::Heading, 1)));
        b.line("one", Some((1, BlockKind::ListItem, 1)));
        b.line("still one", Some((1, BlockKind::ListItem, 1)));
        b.line("two", Some((2, BlockKind::ListItem, 1)));
        b.line("code", None);
        assert_eq!(b.text, "Title\none\nstill one\ntwo\ncode");
        assert_eq!(
            b.blocks,
            [
                block(0, 5, BlockKind::Heading, 1),
                block(6, 19, BlockKind::ListItem, 1),
                block(20, 23, BlockKind::ListItem, 1),
            ]
        );
    }
}
