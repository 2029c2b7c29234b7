//! A standalone fact-check report in one HTML file: title and source, a summary of counts,
//! the article with every claim highlighted by verdict and numbered, then each claim with
//! its verdict, rationale and sources.
//!
//! No scripts, no external resources (the style sheet is inline; the only outside links
//! are the sources'), and every piece of text escaped, so an article that contains
//! `<script>` shows it as text. Prints well: highlights keep their colours on paper.

use std::fmt::{self, Write as _};

use crate::model::{Claim, Document, Scale, Verdict, for_each_stretch};

const STYLE: &str = "
body { font: 16px/1.55 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
.source, .byline { color: #555; font-size: 0.9rem; overflow-wrap: anywhere; }
table.summary { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
table.summary td, table.summary th { border: 1px solid #ccc; padding: 0.2rem 0.7rem; text-align: left; }
.article { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid #ddd; padding-left: 1rem; }
mark { color: inherit; border-radius: 2px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark.d2 { filter: saturate(1.6) brightness(0.9); text-decoration: underline; }
mark.d3 { filter: saturate(2) brightness(0.8); text-decoration: underline double; }
sup.n { font-size: 0.7rem; font-weight: bold; }
sup.n a { text-decoration: none; color: #333; }
ol.claims > li { margin-bottom: 1.2rem; break-inside: avoid; }
.badge { display: inline-block; padding: 0 0.45rem; border-radius: 0.6rem; color: #fff; font-size: 0.85rem; font-weight: bold;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
blockquote { margin: 0.3rem 0; font-style: italic; white-space: pre-wrap; }
ol.claims p { white-space: pre-wrap; }
.meta, .accessed { color: #666; font-size: 0.85rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
";

/// Escapes text for HTML content and attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn export(document: &Document) -> Result<String, super::ExportError> {
    let article = &document.article;
    let title = if article.title.is_empty() {
        "Untitled article"
    } else {
        &article.title
    };
    let mut html = String::new();
    write!(
        html,
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"factmark\">\n\
         <title>Fact-check: {}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n",
        escape(title),
        level_style(document.scale())
    )?;
    writeln!(html, "<h1>Fact-check: {}</h1>", escape(title))?;
    // The article's address is shown, not linked: the report links only to sources.
    let meta = &article.meta;
    let byline: Vec<String> = [
        (&meta.author, "By "),
        (&meta.publisher, ""),
        (&meta.published, "Published "),
        (&meta.modified, "Updated "),
    ]
    .into_iter()
    .filter(|(value, _)| !value.is_empty())
    .map(|(value, label)| format!("{label}{}", escape(value)))
    .collect();
    if !byline.is_empty() {
        writeln!(html, "<p class=\"byline\">{}</p>", byline.join(" · "))?;
    }
    let mut source = Vec::new();
    if !article.page_url().is_empty() {
        source.push(format!("Source: {}", escape(article.page_url())));
    }
    if !article.source_file.is_empty() {
        source.push(format!("File: {}", escape(&article.source_file)));
    }
    source.push(format!("Text SHA-256: {}", document.text().sha256()));
    writeln!(html, "<p class=\"source\">{}</p>", source.join(" · "))?;

    summary(&mut html, document)?;
    html.push_str("<h2>Article</h2>\n<div class=\"article\" dir=\"auto\"");
    if !meta.lang.is_empty() {
        write!(html, " lang=\"{}\"", escape(&meta.lang))?;
    }
    html.push('>');
    article_text(&mut html, document)?;
    html.push_str("</div>\n");
    claims(&mut html, document)?;
    html.push_str("</body>\n</html>\n");
    Ok(html)
}

/// A CSS class per verdict: `v0`, `v1`, … for the scale's levels in order, `vu` for
/// unreviewed. Level ids are never written as class names (a team's id may hold anything).
fn class(scale: &Scale, verdict: &Verdict) -> String {
    scale
        .index_of(verdict)
        .map_or_else(|| "vu".to_owned(), |i| format!("v{i}"))
}

/// The colours of the scale's levels, as the app shows them on a light background.
fn level_style(scale: &Scale) -> String {
    let mut style = String::new();
    for verdict in scale.verdicts() {
        let [r, g, b] = scale.color(verdict, false);
        let class = class(scale, verdict);
        let _ = writeln!(
            style,
            "mark.{class} {{ background: rgba({r}, {g}, {b}, 0.22); }}\n\
             .badge.{class} {{ background: rgb({r}, {g}, {b}); }}"
        );
    }
    style
}

/// The badge of a verdict: its label, in its colour.
fn badge(scale: &Scale, verdict: &Verdict) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        class(scale, verdict),
        escape(scale.label(verdict))
    )
}

fn summary(html: &mut String, document: &Document) -> fmt::Result {
    let claims = document.claims();
    let scale = document.scale();
    html.push_str("<h2>Summary</h2>\n<table class=\"summary\">\n");
    // Worst first on an ordered scale, in the scale's order otherwise; unreviewed last.
    let mut levels: Vec<_> = scale.levels.iter().collect();
    if scale.ordered {
        levels.sort_by_key(|l| l.rating);
    }
    let verdicts = levels.into_iter().map(|l| &l.id);
    for verdict in verdicts.chain([&Verdict::UNREVIEWED]) {
        let count = claims.iter().filter(|c| &c.verdict == verdict).count();
        writeln!(
            html,
            "<tr><th>{}</th><td>{count}</td></tr>",
            badge(scale, verdict)
        )?;
    }
    writeln!(
        html,
        "<tr><th>all claims</th><td>{}</td></tr>\n</table>",
        claims.len()
    )
}

/// The article's text with a `<mark>` per stretch covered by the same claims (coloured by
/// the innermost, darker where they overlap) and each claim's number where it starts.
fn article_text(html: &mut String, document: &Document) -> fmt::Result {
    let text = document.text();
    let claims: Vec<&Claim> = document.claims().iter().collect();
    let number = |claim: &Claim| document.position(&claim.id).map_or(0, |i| i + 1);
    // The sweep takes a closure that cannot return early: the first error is kept.
    let mut result = Ok(());
    for_each_stretch(&claims, 0..text.len_chars(), &[], |stretch, covering| {
        if result.is_err() {
            return;
        }
        result = mark_stretch(html, document, &number, stretch, covering);
    });
    result
}

fn mark_stretch(
    html: &mut String,
    document: &Document,
    number: &impl Fn(&Claim) -> usize,
    stretch: std::ops::Range<usize>,
    covering: &[&Claim],
) -> fmt::Result {
    let (text, scale) = (document.text(), document.scale());
    // A claim's number goes where it starts: the first stretch it covers.
    for claim in covering.iter().filter(|c| c.start == stretch.start) {
        let n = number(claim);
        write!(
            html,
            "<sup class=\"n\"><a href=\"#claim-{n}\">{n}</a></sup>"
        )?;
    }
    let words = escape(text.slice_chars(stretch).unwrap_or_default());
    let Some(innermost) = covering.iter().min_by_key(|c| c.end - c.start) else {
        html.push_str(&words);
        return Ok(());
    };
    // Hovering says which claims cover these words, and their verdicts.
    let titles: Vec<String> = covering
        .iter()
        .map(|c| format!("claim {}: {}", number(c), scale.label(&c.verdict)))
        .collect();
    write!(
        html,
        "<mark class=\"{} d{}\" title=\"{}\">{words}</mark>",
        class(scale, &innermost.verdict),
        covering.len().min(3),
        escape(&titles.join("; "))
    )
}

fn claims(html: &mut String, document: &Document) -> fmt::Result {
    html.push_str("<h2>Claims</h2>\n<ol class=\"claims\">\n");
    for (i, claim) in document.claims().iter().enumerate() {
        writeln!(
            html,
            "<li id=\"claim-{}\">\n{}\n<blockquote dir=\"auto\">{}</blockquote>",
            i + 1,
            badge(document.scale(), &claim.verdict),
            escape(document.exact(claim)),
        )?;
        if !claim.rationale.is_empty() {
            writeln!(html, "<p dir=\"auto\">{}</p>", escape(&claim.rationale))?;
        }
        if !claim.sources.is_empty() {
            html.push_str("<ul class=\"sources\">\n");
            for source in &claim.sources {
                let label = if source.title.is_empty() {
                    &source.url
                } else {
                    &source.title
                };
                write!(
                    html,
                    "<li><a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                    escape(&source.url),
                    escape(label)
                )?;
                if let Some(date) = source.accessed {
                    write!(html, " <span class=\"accessed\">(accessed {date})</span>")?;
                }
                if !source.note.is_empty() {
                    write!(html, " — {}", escape(&source.note))?;
                }
                html.push_str("</li>\n");
            }
            html.push_str("</ul>\n");
        }
        let mut meta = Vec::new();
        for (what, stamp) in [("created", &claim.created), ("modified", &claim.modified)] {
            if let Some(stamp) = stamp {
                let by = if stamp.by.is_empty() {
                    String::new()
                } else {
                    format!(" by {}", escape(&stamp.by))
                };
                meta.push(format!(
                    "{what}{by} {}",
                    stamp.at.format("%Y-%m-%d %H:%M UTC")
                ));
            }
        }
        if !meta.is_empty() {
            writeln!(html, "<p class=\"meta\">{}</p>", meta.join("; "))?;
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ol>\n");
    Ok(())
}
