//! Invariant 1 of `lib.rs`: only `gui/` and `main.rs` may name egui, eframe or rfd.

use crate::util::repo;

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_modules_do_not_name_the_gui_libraries() {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let core: Vec<_> = files
        .into_iter()
        .filter(|p| !p.starts_with(src.join("gui")) && *p != src.join("main.rs"))
        .collect();
    assert!(core.len() > 10, "found only {} core files", core.len());
    assert_no_line(&core, "names egui, eframe or rfd", |code| {
        words(code).any(|word| {
            ["egui", "eframe", "rfd"]
                .iter()
                .any(|name| word == *name || word.starts_with(&format!("{name}_")))
        })
    });
}

fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split("//")
        .next()
        .unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric() && c != '_')
}

/// Fails on the first line of `files` (its code, before any `//` comment) for which
/// `breaks` is true, saying what the rule is.
fn assert_no_line(files: &[std::path::PathBuf], rule: &str, breaks: impl Fn(&str) -> bool) {
    for path in files {
        let source = std::fs::read_to_string(path).expect("read");
        for (n, line) in source.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            assert!(
                !breaks(code),
                "{}:{}: {rule}: {line}",
                path.display(),
                n + 1
            );
        }
    }
}

/// Panels and the article view are views: they read what they show and return commands.
/// They never name the app, so they cannot reach around it into the document.
#[test]
fn views_do_not_name_the_app() {
    let gui = repo().join("src/gui");
    let mut files = Vec::new();
    rust_files(&gui.join("panels"), &mut files);
    files.push(gui.join("article_view.rs"));
    files.push(gui.join("find.rs"));
    assert!(files.len() >= 5, "found only {} view files", files.len());
    assert_no_line(&files, "names the App type", |code| {
        words(code).any(|w| w == "App")
    });
}

/// The model and the edits take the time from a clock passed in, so that edits can be
/// replayed from a journal and tested at fixed times; re-anchoring is pure as well.
#[test]
fn the_model_the_edits_and_re_anchoring_never_read_the_clock() {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src.join("model"), &mut files);
    rust_files(&src.join("edit"), &mut files);
    rust_files(&src.join("anchor"), &mut files);
    assert!(files.len() >= 8);
    assert_no_line(&files, "reads the clock", |code| {
        ["Utc::now", "Local::now", "SystemTime::now", "Instant::now"]
            .iter()
            .any(|f| code.contains(f))
    });
}

/// The binary never looks for the source checkout: the sample is built in.
#[test]
fn the_app_never_looks_for_the_checkout() {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert_no_line(&files, "looks for the source checkout", |code| {
        code.contains("CARGO_MANIFEST_DIR")
    });
}
