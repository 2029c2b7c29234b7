#![allow(clippy::format_collect)] // page fixtures are built from repeated parts

use super::*;

fn page(html: &str) -> Page {
    read(html, Extract::Readable)
}

/// A story long enough for Readability to take it as the article.
fn story() -> String {
    (0..6)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the story says that the council cut the budget by 14 \
                 percent, that the union disputed it, and that the mayor has ten days to \
                 decide, according to the office.</p>"
            )
        })
        .collect()
}

fn with_head(head: &str) -> String {
    format!(
        "<html><head>{head}</head><body><div class=\"story\"><h1>Body headline</h1>{}</div></body></html>",
        story()
    )
}

#[test]
fn title_comes_from_json_ld_then_opengraph_then_the_title_without_the_site_name() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD headline"}</script>"#;
    let og = r#"<meta property="og:title" content="OG headline">"#;
    let site = r#"<meta property="og:site_name" content="Metro Daily">"#;
    let title = "<title>Tag headline | Metro Daily</title>";
    let got = |head: &str| page(&with_head(head)).title;
    assert_eq!(
        got(&format!("{title}{site}{og}{ld}")).as_deref(),
        Some("LD headline")
    );
    assert_eq!(
        got(&format!("{title}{site}{og}")).as_deref(),
        Some("OG headline")
    );
    assert_eq!(
        got(&format!("{title}{site}")).as_deref(),
        Some("Tag headline")
    );
    // The site name first, or after a dash.
    assert_eq!(
        got(&format!("<title>Metro Daily - Tag headline</title>{site}")).as_deref(),
        Some("Tag headline")
    );
    // Without a site name to recognise, the title is kept whole.
    assert_eq!(
        got("<title>Tag headline | Metro Daily</title>").as_deref(),
        Some("Tag headline | Metro Daily")
    );
    // No <title>: the page's headline, not the file's name.
    assert_eq!(got("").as_deref(), Some("Body headline"));
    // Every mode reads the same title.
    let html = with_head(&format!("{title}{site}"));
    assert_eq!(
        read(&html, Extract::Body).title.as_deref(),
        Some("Tag headline")
    );
    assert_eq!(
        read(&html, Extract::Article).title.as_deref(),
        Some("Tag headline")
    );
}

#[test]
fn byline_comes_from_json_ld_then_meta_then_the_page() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","author":{"@type":"Person","name":"Sam Patel"}}</script>"#;
    let meta = r#"<meta name="author" content="By Lee Morgan">"#;
    let author = |html: &str| page(html).meta.author;
    assert_eq!(author(&with_head(&format!("{meta}{ld}"))), "Sam Patel");
    assert_eq!(
        author(&with_head(meta)),
        "Lee Morgan",
        "'By' is not part of the name"
    );
    // No metadata: the byline in the page.
    let html = format!(
        "<html><body><div class=\"story\"><p class=\"byline\">By Kim Lee</p>{}</div></body></html>",
        story()
    );
    assert_eq!(author(&html), "Kim Lee");
    assert_eq!(author(&with_head("")), "");
}

#[test]
fn dates_publisher_language_and_canonical_address() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","datePublished":"2026-02-10T07:00:00+01:00","dateModified":"2026-02-11T12:15:00+01:00","publisher":{"@type":"Organization","name":"Valley Herald"}}</script>"#;
    let meta = r#"<meta property="article:published_time" content="2025-01-01T00:00:00Z"><meta property="article:modified_time" content="2025-01-02T00:00:00Z"><meta property="og:site_name" content="Other Name">"#;
    let got = page(&with_head(&format!("{meta}{ld}"))).meta;
    assert_eq!(got.published, "2026-02-10T07:00:00+01:00", "JSON-LD first");
    assert_eq!(got.modified, "2026-02-11T12:15:00+01:00");
    assert_eq!(got.publisher, "Valley Herald");
    let got = page(&with_head(meta)).meta;
    assert_eq!(got.published, "2025-01-01T00:00:00Z", "then <meta>");
    assert_eq!(got.modified, "2025-01-02T00:00:00Z");
    assert_eq!(got.publisher, "Other Name");

    let canonical = r#"<link rel="canonical" href="https://a.example/story">"#;
    let og = r#"<meta property="og:url" content="https://b.example/story">"#;
    let url = |head: &str| page(&with_head(head)).meta.canonical_url;
    assert_eq!(url(&format!("{og}{canonical}")), "https://a.example/story");
    assert_eq!(url(og), "https://b.example/story");
    assert_eq!(
        url(r#"<link rel="canonical" href="/story">"#),
        "",
        "a relative address names no page on its own"
    );
    assert_eq!(
        url(r#"<link rel="canonical" href="javascript:alert(1)">"#),
        ""
    );

    let html = format!(
        "<html lang=\"ar\" dir=\"rtl\"><body>{}</body></html>",
        story()
    );
    assert_eq!(page(&html).meta.lang, "ar");
    assert_eq!(page("<p>plain page</p>").meta, Meta::default());
}

#[test]
fn each_extraction_takes_its_own_text() {
    let html = format!(
        "<html><body><div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/n\">News</a></div>\
         <article class=\"promo\"><p>Download our app today.</p></article>\
         <div class=\"story\">{}</div><nav>Skip</nav></body></html>",
        story()
    );
    let readable = read(&html, Extract::Readable);
    assert!(
        readable.text.starts_with("Paragraph 0"),
        "{}",
        readable.text
    );
    assert!(!readable.text.contains("Home") && !readable.text.contains("app"));
    assert_eq!(readable.extraction.used, Extract::Readable);
    assert_eq!(readable.blocks.len(), 6, "a block per paragraph");

    let article = read(&html, Extract::Article);
    assert_eq!(
        article.text, "Download our app today.",
        "the old rule's choice"
    );
    assert!(article.extraction.is_small_share());
    assert!(
        article
            .extraction
            .note("do this")
            .ends_with("missing, do this")
    );

    let body = read(&html, Extract::Body);
    assert!(
        body.text
            .starts_with("Home News\nDownload our app today.\nParagraph 0")
    );
    assert!(!body.text.contains("Skip"), "navigation is still left out");
    assert_eq!(body.extraction.kept_words, body.extraction.page_words);
    assert!(!body.extraction.is_small_share());
    assert_eq!(
        readable.extraction.page_words, body.extraction.kept_words,
        "the page's words are the body's"
    );
}

#[test]
fn a_page_readability_cannot_read_falls_back_to_the_article_rule_and_says_so() {
    // Readability reads no <aside> as the article.
    let got = page("<html><body><aside>Only a side note</aside></body></html>");
    assert_eq!(got.text, "Only a side note");
    assert_eq!(got.extraction.asked, Extract::Readable);
    assert_eq!(got.extraction.used, Extract::Article);
    let note = got.extraction.note(Extraction::CLI_REMEDY);
    assert!(note.contains("no readable article was found"), "{note}");
    assert!(note.contains("kept 4 of the page's 4 words"), "{note}");
}

#[test]
fn a_teaser_list_joined_to_the_story_is_left_out_but_a_live_blog_is_not() {
    let cards: String = (0..5)
        .map(|i| {
            format!("<article><h3>Other story {i}</h3><p>A summary, of sorts, {i}.</p></article>")
        })
        .collect();
    let html = format!(
        "<html><body><div class=\"story\">{}</div><section><h2>More stories</h2>{cards}</section></body></html>",
        story()
    );
    let got = page(&html);
    assert!(!got.text.contains("Other story"), "{}", got.text);
    assert!(!got.text.contains("More stories"), "{}", got.text);

    let updates: String = (0..4)
        .map(|i| format!("<article><h3>Update {i}</h3>{}</article>", story()))
        .collect();
    let blog = page(&format!(
        "<html><body><div class=\"live\">{updates}</div></body></html>"
    ));
    for i in 0..4 {
        assert!(blog.text.contains(&format!("Update {i}")), "{}", blog.text);
    }
}

#[test]
fn words_count_each_ideograph_and_skip_punctuation() {
    assert_eq!(word_count("The cut, 14% — \"big\"."), 4);
    assert_eq!(word_count("市政府宣布"), 5);
    assert_eq!(word_count("أعلنت وزارة الصحة"), 3);
    assert_eq!(word_count(""), 0);
}

#[test]
fn deeply_nested_pages_are_read_without_running_out_of_stack() {
    let depth = super::html::MAX_DEPTH - 10;
    let html = format!(
        "{}<p>deep words here</p>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let got = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || page(&html))
        .expect("thread")
        .join()
        .expect("no overflow");
    assert!(got.text.contains("deep words here"));
}
