//! Running the real binary in a temporary folder and checking what it left on disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of `factmark` did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "{self:#?}");
        self
    }

    /// stdout and stderr, for checks that do not care which stream a line went to.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// A temporary folder to run `factmark` in.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Self {
        Self {
            tmp: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).expect("read output")
    }

    /// Every file below the folder with its bytes: compare before and after a run to show
    /// that nothing was created or changed.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        walk(self.tmp.path(), &mut files);
        files
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_factmark"))
            .args(args)
            .current_dir(self.tmp.path())
            .output()
            .expect("run factmark");
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs `factmark` and asserts it failed with status 1, said `message`, and left the
    /// folder exactly as it was.
    #[track_caller]
    pub fn assert_refused(&self, args: &[&str], message: &str) -> Run {
        let before = self.snapshot();
        let run = self.run(args);
        run.assert_code(1);
        assert!(
            run.output().contains(message),
            "expected {message:?} in the output of {args:?}:\n{}",
            run.output()
        );
        assert_eq!(self.snapshot(), before, "{args:?} changed files on disk");
        run
    }
}

fn walk(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.insert(path.clone(), Vec::new());
            walk(&path, files);
        } else {
            let bytes = std::fs::read(&path).unwrap_or_default();
            files.insert(path, bytes);
        }
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `out` with the golden file at `path`; with `FACTMARK_UPDATE_GOLDEN` set,
/// writes it there instead (review the diff before committing it).
pub fn golden(what: &str, path: &Path, out: &str) {
    if std::env::var_os("FACTMARK_UPDATE_GOLDEN").is_some() {
        std::fs::write(path, out).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with FACTMARK_UPDATE_GOLDEN=1)",
            path.display()
        )
    });
    assert!(
        out == expected,
        "{what}: output differs from {}; if the change is intended, rerun with \
         FACTMARK_UPDATE_GOLDEN=1 and review the diff",
        path.display()
    );
}
