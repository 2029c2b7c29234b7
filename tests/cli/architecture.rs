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
        .iter()
        .filter(|p| !p.starts_with(src.join("gui")) && *p != &src.join("main.rs"))
        .collect();
    assert!(core.len() > 10, "found only {} core files", core.len());
    for path in core {
        let source = std::fs::read_to_string(path).expect("read");
        for (n, line) in source.lines().enumerate() {
            let before_comment = line.split("//").next().unwrap_or_default();
            for name in ["egui", "eframe", "rfd"] {
                let named = before_comment
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|word| word == name || word.starts_with(&format!("{name}_")));
                assert!(!named, "{}:{}: names {name}: {line}", path.display(), n + 1);
            }
        }
    }
}
