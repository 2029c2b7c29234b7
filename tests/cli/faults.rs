//! Fault tests: a full disk, a read-only file system, and SIGKILL at random moments of a
//! write. They need root (to mount small file systems) and are ignored by default;
//! `.ci/run` runs them (CI runs as root).

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::Dir;

/// A tmpfs of `size` mounted at `dir` for the test, unmounted when it ends.
struct Mount(PathBuf);

impl Mount {
    fn new(dir: &Path, options: &str) -> Self {
        std::fs::create_dir_all(dir).expect("mkdir");
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .status()
            .expect("mount runs");
        assert!(status.success(), "mount tmpfs (run as root)");
        Self(dir.to_owned())
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .expect("mount runs");
        assert!(status.success(), "remount {options}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        Command::new("umount").arg(&self.0).status().ok();
    }
}

fn factmark(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("factmark runs")
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// An article of about `bytes` bytes whose words depend on `seed`.
fn article(bytes: usize, seed: u64) -> String {
    let words = [
        "parade",
        "北京",
        "minister",
        "said",
        "Москва",
        "figures",
        "rose",
        "😀",
    ];
    let mut state = seed;
    let mut text = String::new();
    while text.len() < bytes {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        text.push_str(words[(state >> 33) as usize % words.len()]);
        text.push(if (state >> 20).is_multiple_of(17) {
            '\n'
        } else {
            ' '
        });
    }
    text
}

#[test]
#[ignore = "needs root to mount a small file system; .ci/run runs it"]
fn a_full_disk_leaves_the_old_file_whole_and_no_partial_file() {
    let scratch = Dir::new();
    let disk = scratch.path("disk");
    let _mount = Mount::new(&disk, "size=512k");
    let big = scratch.write("big.txt", article(400 * 1024, 1));
    let small = disk.join("article.txt");
    std::fs::write(&small, "A short article that fits.").expect("write");
    let out = disk.join("article.factmark.json");
    let made = factmark(&disk, &["import", "article.txt"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let old = std::fs::read(&out).expect("the old file");
    let csv = disk.join("claims.csv");
    std::fs::write(&csv, "old csv\n").expect("write");
    // Fill what is left.
    let filler = disk.join("filler");
    std::fs::write(&filler, vec![b'x'; 300 * 1024]).ok();

    // Save (import --force writes a document the way the app saves) and export: each
    // fails with a message; the old files are whole; nothing else appears.
    let before = entries(&disk);
    let saved = factmark(
        &disk,
        &[
            "import",
            big.to_str().expect("utf-8"),
            "-o",
            "article.factmark.json",
            "--force",
        ],
    );
    assert_eq!(saved.status.code(), Some(1));
    let said = String::from_utf8_lossy(&saved.stderr);
    assert!(said.contains("No space left on device"), "{said}");
    assert_eq!(
        std::fs::read(&out).expect("read"),
        old,
        "the old file is whole"
    );
    let big_doc = scratch.path("big.factmark.json");
    let imported = factmark(scratch.path("").as_path(), &["import", "big.txt"]);
    assert!(imported.status.success());
    let exported = factmark(
        &disk,
        &[
            "export",
            big_doc.to_str().expect("utf-8"),
            "--format",
            "html",
            "-o",
            "claims.csv",
            "--force",
        ],
    );
    assert_eq!(exported.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&csv).expect("read"), "old csv\n");
    assert_eq!(entries(&disk), before, "no partial or temporary file");
}

#[test]
#[ignore = "needs root to mount a small file system; .ci/run runs it"]
fn a_read_only_file_system_is_reported_and_nothing_changes() {
    let scratch = Dir::new();
    let disk = scratch.path("disk");
    let mount = Mount::new(&disk, "size=1m");
    std::fs::write(disk.join("article.txt"), "Some words to check.").expect("write");
    assert!(factmark(&disk, &["import", "article.txt"]).status.success());
    let old = std::fs::read(disk.join("article.factmark.json")).expect("read");
    mount.remount("ro");
    let run = factmark(&disk, &["import", "article.txt", "--force"]);
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("Read-only file system"), "{said}");
    assert_eq!(
        std::fs::read(disk.join("article.factmark.json")).expect("read"),
        old
    );
    mount.remount("rw");
}

#[test]
#[ignore = "200 kills take half a minute; .ci/run runs it"]
fn two_hundred_kills_during_import_leave_the_old_or_the_new_file_whole() {
    let dir = Dir::new();
    let texts = [article(2 << 20, 7), article(2 << 20, 8)];
    let articles: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| dir.write(&format!("a{i}.txt"), text))
        .collect();
    let hashes: Vec<String> = texts
        .iter()
        .map(|t| factmark::text::sha256_hex(t.replace("\r\n", "\n")))
        .collect();
    let out = dir.path("out.factmark.json");
    let first = factmark(
        &dir.path(""),
        &["import", "a0.txt", "-o", "out.factmark.json"],
    );
    assert!(first.status.success());
    // How long one import takes: the kills land anywhere in it.
    let started = std::time::Instant::now();
    assert!(
        factmark(
            &dir.path(""),
            &["import", "a1.txt", "-o", "out.factmark.json", "--force"]
        )
        .status
        .success()
    );
    let span = started.elapsed().as_micros().max(1000) as u64;
    let mut state: u64 = 0x5eed ^ u64::from(std::process::id());
    for kill in 0..200 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay = (state >> 33) % (span + span / 4);
        let source = &articles[kill % 2];
        let mut child = Command::new(env!("CARGO_BIN_EXE_factmark"))
            .arg("import")
            .arg(source)
            .args(["-o", "out.factmark.json", "--force"])
            .current_dir(dir.path(""))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starts");
        std::thread::sleep(std::time::Duration::from_micros(delay));
        child.kill().ok(); // SIGKILL; it may have finished already
        child.wait().expect("reaped");
        let loaded = factmark::format::load_file(&out)
            .into_valid()
            .unwrap_or_else(|e| panic!("kill {kill} after {delay} µs: not a whole file: {e:?}"));
        let hash = loaded.text().sha256().to_owned();
        assert!(
            hashes.contains(&hash),
            "kill {kill}: the old or the new text"
        );
    }
    // The next write clears anything a kill left.
    assert!(
        factmark(
            &dir.path(""),
            &["import", "a0.txt", "-o", "out.factmark.json", "--force"]
        )
        .status
        .success()
    );
    assert_eq!(
        entries(&dir.path("")),
        ["a0.txt", "a1.txt", "out.factmark.json"]
    );
}
