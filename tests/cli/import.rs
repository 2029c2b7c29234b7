//! `factmark import`: what it writes, and every input it refuses.

use serde_json::Value;

use crate::util::Dir;

fn article_of(dir: &Dir, name: &str) -> Value {
    serde_json::from_str(&dir.read(name)).expect("output is JSON")
}

#[test]
fn imports_plain_text_beside_the_article() {
    let dir = Dir::new();
    dir.write("parade.txt", "Line one\r\nLine two — 北京\r\n");
    let run = dir.run(&["import", "parade.txt"]);
    run.assert_code(0);
    assert!(
        run.stdout.trim().ends_with("parade.factmark.json"),
        "{run:#?}"
    );
    let json = article_of(&dir, "parade.factmark.json");
    assert_eq!(json["format"], "factmark");
    assert_eq!(json["version"], 1);
    assert_eq!(json["article"]["text"], "Line one\nLine two — 北京\n");
    assert_eq!(json["article"]["title"], "parade");
    assert_eq!(json["article"]["source_file"], "parade.txt");
    assert_eq!(json["claims"], serde_json::json!([]));
    // The result validates.
    dir.run(&["validate", "parade.factmark.json"])
        .assert_code(0);
}

#[test]
fn imports_html_markdown_and_legacy_encodings() {
    let dir = Dir::new();
    dir.write(
        "page.html",
        "<html><head><title>Budget &amp; tax</title><script>track()</script></head>\
         <body><nav>Menu</nav><article><p>Taxes rose by 3%.</p><p>Spending fell.</p></article></body></html>",
    );
    dir.run(&["import", "page.html"]).assert_code(0);
    let json = article_of(&dir, "page.factmark.json");
    assert_eq!(json["article"]["text"], "Taxes rose by 3%.\nSpending fell.");
    assert_eq!(json["article"]["title"], "Budget & tax");

    dir.write(
        "notes.md",
        "# Speech\n\nThe **minister** said [this](https://example.org).\n",
    );
    dir.run(&[
        "import",
        "notes.md",
        "-o",
        "speech.factmark.json",
        "--title",
        "Given title",
        "--url",
        "https://example.org/speech",
    ])
    .assert_code(0);
    let json = article_of(&dir, "speech.factmark.json");
    assert_eq!(json["article"]["text"], "Speech\nThe minister said this.");
    assert_eq!(json["article"]["title"], "Given title");
    assert_eq!(json["article"]["url"], "https://example.org/speech");

    dir.write(
        "word.txt",
        b"\x93Caf\xe9\x94 \x97 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade",
    );
    let run = dir.run(&["import", "word.txt"]);
    run.assert_code(0);
    assert!(run.stderr.contains("windows-1252"), "{run:#?}");
    let json = article_of(&dir, "word.factmark.json");
    assert_eq!(
        json["article"]["text"],
        "\u{201c}Café\u{201d} — crème brûlée, naïve façade"
    );

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("Grüße\r\n😀".encode_utf16().flat_map(u16::to_le_bytes));
    dir.write("utf16.txt", utf16);
    dir.run(&["import", "utf16.txt"]).assert_code(0);
    assert_eq!(
        article_of(&dir, "utf16.factmark.json")["article"]["text"],
        "Grüße\n😀"
    );
}

#[test]
fn refuses_bad_articles_and_writes_nothing() {
    let dir = Dir::new();
    dir.write("empty.txt", "");
    dir.assert_refused(&["import", "empty.txt"], "empty.txt: is empty");
    dir.write("blank.txt", " \r\n\t\n ");
    dir.assert_refused(&["import", "blank.txt"], "blank.txt: has only whitespace");
    dir.write("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    dir.assert_refused(
        &["import", "image.txt"],
        "image.txt: cannot import it: it contains NUL bytes",
    );
    std::fs::create_dir(dir.path("folder")).expect("mkdir");
    dir.assert_refused(&["import", "folder"], "folder: is a directory");
    dir.assert_refused(&["import", "missing.txt"], "missing.txt: no such file");
    let huge = std::fs::File::create(dir.path("huge.txt")).expect("create");
    huge.set_len(64 * 1024 * 1024 + 1).expect("sparse file"); // no disk used
    dir.assert_refused(
        &["import", "huge.txt"],
        "huge.txt: is 67108865 bytes; factmark imports articles of up to 64 MiB",
    );
    dir.write("menu.html", "<nav>Home</nav><script>x()</script>");
    dir.assert_refused(&["import", "menu.html"], "menu.html: has no readable text");
}

#[test]
fn never_overwrites_without_force() {
    let dir = Dir::new();
    dir.write("a.txt", "New text.");
    dir.write("a.factmark.json", "a reviewer's morning of work");
    dir.assert_refused(
        &["import", "a.txt"],
        "a.factmark.json: already exists; pass --force",
    );
    dir.assert_refused(
        &["import", "a.txt", "-o", "a.txt", "--force"],
        "would overwrite the article itself",
    );
    dir.write("b.factmark.json", "{}");
    dir.assert_refused(
        &["import", "b.factmark.json", "-o", "c.json"],
        "is already a factmark file",
    );

    dir.run(&["import", "a.txt", "--force"]).assert_code(0);
    assert_eq!(
        article_of(&dir, "a.factmark.json")["article"]["text"],
        "New text."
    );
}

#[test]
fn bad_flags_are_usage_errors() {
    let dir = Dir::new();
    dir.write("a.txt", "Text.");
    let before = dir.snapshot();
    let run = dir.run(&["import", "a.txt", "--url", "ftp://example.org"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("not an http:// or https:// link"),
        "{run:#?}"
    );
    dir.run(&["import"]).assert_code(2);
    dir.run(&["import", "a.txt", "--no-such-flag"])
        .assert_code(2);
    // A bare word is a path to open in the app: a missing one fails before any window.
    let run = dir.run(&["frobnicate"]);
    run.assert_code(1);
    assert!(run.stderr.contains("frobnicate: no such file"), "{run:#?}");
    assert_eq!(dir.snapshot(), before);
}

#[test]
fn help_explains_each_command() {
    let dir = Dir::new();
    let top = dir.run(&["--help"]);
    top.assert_code(0);
    for text in ["import", "validate", "export", "Examples:", "code points"] {
        assert!(top.stdout.contains(text), "{text:?} missing from --help");
    }
    let import = dir.run(&["import", "--help"]);
    for text in [
        "--force",
        "--title",
        "--url",
        "<FILE stem>.factmark.json",
        "legacy encoding",
        "--from",
        "label-studio",
        "--article",
    ] {
        assert!(
            import.stdout.contains(text),
            "{text:?} missing from import --help"
        );
    }
    let validate = dir.run(&["validate", "--help"]);
    // Help is wrapped to the terminal: compare with whitespace folded.
    let folded = validate
        .stdout
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        folded.contains("FILE: claim ID: field: what is wrong"),
        "{folded}"
    );
}

/// HTML of any nesting depth never overflows the stack: a deep page imports, one nested
/// beyond any article is refused with a clear message (before any slow parsing).
#[test]
fn deeply_nested_html_imports_or_is_refused_never_crashes() {
    let dir = Dir::new();
    let nested = |n: usize| {
        format!(
            "<html><body><article>{}deep words{}<p>after</p></article></body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    };
    dir.write("deep.html", nested(4000));
    dir.run(&["import", "deep.html"]).assert_code(0);
    let text = article_of(&dir, "deep.factmark.json")["article"]["text"].clone();
    assert_eq!(text, "deep words\nafter");
    dir.write("deeper.html", nested(100_000));
    dir.assert_refused(
        &["import", "deeper.html"],
        "nests its HTML elements 100003 deep, more than the 4096 factmark reads",
    );
}

/// A saved news page (`tests/data/bus-page.html`, shared with the app's tests): menus, a
/// story, a long list of other headlines, and metadata.
fn news_page() -> String {
    std::fs::read_to_string(crate::util::repo().join("tests/data/bus-page.html")).expect("fixture")
}

#[test]
fn a_web_page_gives_its_readable_text_and_metadata_and_says_what_it_kept() {
    let dir = Dir::new();
    dir.write("bus.html", news_page());
    let run = dir.run(&["import", "bus.html"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("used the readable text")
            && run.stderr.contains("kept 144 of the page's 946 words")
            && run.stderr.contains("small share")
            && run.stderr.contains("--extract article or --extract body"),
        "{run:#?}"
    );
    let json = article_of(&dir, "bus.factmark.json");
    let article = &json["article"];
    assert!(
        article["text"]
            .as_str()
            .expect("text")
            .starts_with("Paragraph 0:")
    );
    assert!(
        !article["text"]
            .as_str()
            .expect("text")
            .contains("Other headline")
    );
    assert_eq!(
        article["title"], "Bus budget cut",
        "without the site's name"
    );
    assert_eq!(article["author"], "Jane Doe");
    assert_eq!(article["publisher"], "Metro Daily");
    assert_eq!(article["published"], "2026-03-04T09:30:00Z");
    assert_eq!(article["canonical_url"], "https://metrodaily.example/bus");
    assert_eq!(article["lang"], "en");
    assert_eq!(
        article["url"], "",
        "the canonical address is kept as its own field"
    );
    dir.run(&["validate", "bus.factmark.json"]).assert_code(0);

    // --url still wins for the article's address; the canonical one is kept beside it.
    dir.run(&[
        "import",
        "bus.html",
        "-o",
        "given.factmark.json",
        "--url",
        "https://mirror.example/bus",
    ])
    .assert_code(0);
    let given = article_of(&dir, "given.factmark.json");
    assert_eq!(given["article"]["url"], "https://mirror.example/bus");
    assert_eq!(
        given["article"]["canonical_url"],
        "https://metrodaily.example/bus"
    );
}

#[test]
#[allow(clippy::format_collect)]
fn extract_chooses_the_text_and_a_small_share_names_the_flag() {
    let dir = Dir::new();
    // The old rule's trap: the largest <article> is a call-to-action box.
    let story: String = (0..6)
        .map(|i| format!("<p>Sentence {i} of the real story, with a figure of {i}0 percent, says more, and then more.</p>"))
        .collect();
    dir.write(
        "cta.html",
        format!(
            "<html><body><article class=\"cta\"><p>Send a message now.</p></article>\
             <div class=\"story\">{story}</div></body></html>"
        ),
    );
    let run = dir.run(&[
        "import",
        "cta.html",
        "--extract",
        "article",
        "-o",
        "a.factmark.json",
    ]);
    run.assert_code(0);
    assert_eq!(
        article_of(&dir, "a.factmark.json")["article"]["text"],
        "Send a message now."
    );
    assert!(
        run.stderr.contains("used the largest <article>"),
        "{run:#?}"
    );
    assert!(
        run.stderr.contains("small share of the page")
            && run.stderr.contains("--extract article or --extract body"),
        "{run:#?}"
    );

    let run = dir.run(&[
        "import",
        "cta.html",
        "--extract",
        "body",
        "-o",
        "b.factmark.json",
    ]);
    run.assert_code(0);
    let body = article_of(&dir, "b.factmark.json");
    assert!(
        body["article"]["text"]
            .as_str()
            .expect("text")
            .starts_with("Send a message now.\nSentence 0")
    );
    assert!(!run.stderr.contains("small share"), "{run:#?}");

    let run = dir.run(&["import", "cta.html", "-o", "r.factmark.json"]);
    run.assert_code(0);
    let readable = article_of(&dir, "r.factmark.json");
    assert!(
        readable["article"]["text"]
            .as_str()
            .expect("text")
            .starts_with("Sentence 0"),
        "{readable:#}"
    );

    // A flag that is not one of the three is a usage error, and nothing is written.
    let before = dir.snapshot();
    dir.run(&[
        "import",
        "cta.html",
        "--extract",
        "everything",
        "-o",
        "x.factmark.json",
    ])
    .assert_code(2);
    assert_eq!(dir.snapshot(), before);
}

#[test]
fn a_page_saved_as_one_file_is_read_from_its_html_part() {
    let dir = Dir::new();
    // Chrome's "Save as single file": quoted-printable HTML in windows-1252, and an image.
    let page = news_page()
        .replace("Paragraph 0:", "Paragraph 0: caf\u{e9}")
        .replace('=', "=3D");
    let page = page.replace("caf\u{e9}", "caf=E9");
    // Quoted-printable lines are at most 76 characters: a soft break before each tag.
    let wrapped = page.replace('<', "=\r\n<");
    let mhtml = format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://metrodaily.example/bus\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\
         \tboundary=\"----B\"\r\n\r\n------B\r\nContent-Type: text/html; charset=windows-1252\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         Content-Location: https://metrodaily.example/bus\r\n\r\n{wrapped}\r\n------B\r\n\
         Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n\
         ------B--\r\n"
    );
    dir.write("bus.mhtml", mhtml);
    std::fs::create_dir(dir.path("bus_files")).expect("mkdir");
    dir.write("bus_files/evil.html", "<p>never read</p>");
    dir.run(&["import", "bus.mhtml"]).assert_code(0);
    let json = article_of(&dir, "bus.factmark.json");
    let text = json["article"]["text"].as_str().expect("text");
    assert!(text.starts_with("Paragraph 0: café the council"), "{text}");
    assert!(!text.contains("never read"));
    assert_eq!(json["article"]["title"], "Bus budget cut");
    assert_eq!(json["article"]["source_file"], "bus.mhtml");

    // Not a saved page: refused, naming the file, nothing written.
    dir.write("plain.mht", "just words");
    let run = dir.run(&["import", "plain.mht"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("plain.mht: is not an MHTML file"),
        "{run:#?}"
    );
    assert!(!dir.path("plain.factmark.json").exists());
}
