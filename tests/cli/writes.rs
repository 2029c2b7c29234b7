//! Every write keeps the safe-write rules: a link's target is written and the link stays,
//! permission bits are kept, read-only files and anything but a regular file are refused
//! even with --force, and no temporary file is left behind.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use crate::util::{Dir, repo};

fn sample() -> String {
    repo()
        .join("annotations/beijing-parade-2025.factmark.json")
        .to_str()
        .expect("utf-8")
        .to_owned()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

fn names(dir: &Dir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.path(""))
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn export_to(dir: &Dir, out: &str) -> crate::util::Run {
    dir.run(&["export", &sample(), "--format", "csv", "-o", out, "--force"])
}

#[test]
fn a_link_is_followed_its_target_written_and_its_mode_kept() {
    let dir = Dir::new();
    let real = dir.write("real.csv", "old\n");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    std::os::unix::fs::symlink("real.csv", dir.path("link.csv")).expect("symlink");
    export_to(&dir, "link.csv").assert_code(0);
    let link = std::fs::symlink_metadata(dir.path("link.csv")).expect("lstat");
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert!(
        dir.read("real.csv").starts_with("id,start,end"),
        "the target was written"
    );
    assert_eq!(mode(&real), 0o640, "the target keeps its permission bits");
    assert_eq!(
        names(&dir),
        ["link.csv", "real.csv"],
        "nothing else is left"
    );
}

#[test]
fn a_read_only_file_is_not_replaced_even_with_force() {
    let dir = Dir::new();
    let file = dir.write("claims.csv", "theirs\n");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = export_to(&dir, "claims.csv");
    run.assert_code(1);
    assert!(run.output().contains("is read-only"), "{}", run.output());
    assert_eq!(dir.read("claims.csv"), "theirs\n");
    assert_eq!(names(&dir), ["claims.csv"]);
}

#[test]
fn anything_but_a_regular_file_is_refused_as_output_and_nothing_is_left() {
    let dir = Dir::new();
    std::fs::create_dir(dir.path("folder")).expect("mkdir");
    let fifo = dir.path("pipe.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    for (out, what) in [
        ("folder", "a directory"),
        ("pipe.csv", "a named pipe"),
        ("/dev/null", "a character device"),
    ] {
        let run = export_to(&dir, out);
        run.assert_code(1);
        assert!(run.output().contains(what), "{out}: {}", run.output());
    }
    let pipe = std::fs::symlink_metadata(&fifo).expect("lstat");
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&pipe.file_type()),
        "still a pipe"
    );
    assert_eq!(
        names(&dir),
        ["folder", "pipe.csv"],
        "nothing was left behind"
    );
}

#[test]
fn a_temporary_left_by_a_killed_write_is_removed_by_the_next_write() {
    let dir = Dir::new();
    dir.write("claims.csv", "old\n");
    dir.write(".claims.csv.Ab3dE9", "a torn write");
    // Not ours: other names are left alone.
    dir.write(".claims.csv.keep", "someone's file");
    dir.write(".other.csv.Ab3dE9", "another target's");
    export_to(&dir, "claims.csv").assert_code(0);
    assert_eq!(
        names(&dir),
        [".claims.csv.keep", ".other.csv.Ab3dE9", "claims.csv"]
    );
}

#[test]
fn import_never_writes_over_the_article_it_reads() {
    let dir = Dir::new();
    let article = dir.write("a.txt", "Some words to check.");
    dir.write(
        "labels.jsonl",
        "{\"text\": \"Some words to check.\", \"label\": [[0, 4, \"verified\"]]}\n",
    );
    let run = dir.run(&[
        "import",
        "labels.jsonl",
        "--from",
        "jsonl",
        "--article",
        "a.txt",
        "-o",
        "a.txt",
        "--force",
    ]);
    run.assert_code(1);
    assert!(
        run.output().contains("would overwrite the article"),
        "{}",
        run.output()
    );
    assert_eq!(
        std::fs::read_to_string(article).expect("read"),
        "Some words to check."
    );
}

#[test]
fn a_file_name_that_is_not_utf8_keeps_its_bytes_in_the_output_name() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = Dir::new();
    let name = std::ffi::OsStr::from_bytes(b"r\xe9sum\xe9.txt");
    std::fs::write(dir.path("").join(name), "Some words to check.").expect("write");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_factmark"))
        .arg("import")
        .arg(name)
        .current_dir(dir.path(""))
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let expected = std::ffi::OsStr::from_bytes(b"r\xe9sum\xe9.factmark.json");
    assert!(dir.path("").join(expected).is_file(), "{:?}", names(&dir));
}

#[test]
fn a_full_stdout_is_reported_not_ignored() {
    let dir = Dir::new();
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(["export", &sample(), "--format", "csv"])
        .current_dir(dir.path(""))
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("cannot write to standard output"), "{said}");
    assert!(said.contains("No space left on device"), "{said}");
}
