//! The factmark file format: load with every diagnostic, save atomically.
//!
//! Owns the on-disk spelling (`v1`), strict JSON reading (`json`) and the file IO of
//! annotation files. A file that failed to load is never written by anything in factmark:
//! [`Loaded::document`] is only `Some` for callers to inspect; [`Loaded::is_valid`] is the
//! gate for editing and saving.

mod diagnostic;
mod json;
mod v1;

use std::path::Path;

pub use diagnostic::{Diagnostic, Severity};
pub use v1::{CONTEXT_CHARS, FORMAT, VERSION, scale_from_json, team, to_json, to_json_bytes};

use crate::model::Document;

/// Annotation files larger than this are refused before reading: four times the largest
/// article factmark imports, which leaves room for JSON escapes and many claims.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The result of loading: the document (with every claim that could be read) and every
/// problem found.
#[derive(Debug)]
pub struct Loaded {
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    fn failed(diagnostic: Diagnostic) -> Self {
        Self {
            document: None,
            diagnostics: vec![diagnostic],
        }
    }

    /// True when the document loaded with no errors (warnings allowed): only then may it
    /// be edited and saved.
    pub fn is_valid(&self) -> bool {
        self.document.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The document, if it loaded without errors.
    pub fn into_valid(self) -> Result<Document, Vec<Diagnostic>> {
        if self.is_valid()
            && let Some(document) = self.document
        {
            return Ok(document);
        }
        Err(self.diagnostics)
    }
}

/// Loads a document from the bytes of a `.factmark.json` file.
pub fn load(bytes: &[u8]) -> Loaded {
    if bytes.is_empty() {
        return Loaded::failed(Diagnostic::error(
            None,
            None,
            "the file is empty (0 bytes): it holds no factmark document",
        ));
    }
    // simdutf8 checks a 70 MB file in a few milliseconds, std's `from_utf8` takes ~100 ms.
    let text = match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Loaded::failed(Diagnostic::error(
                None,
                None,
                format!(
                    "not UTF-8 text (invalid byte at offset {}): factmark files are UTF-8 JSON",
                    e.valid_up_to()
                ),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diagnostics = Vec::new();
    let document = v1::read(text, &mut diagnostics);
    Loaded {
        document,
        diagnostics,
    }
}

/// Reads and loads the file at `path`. IO problems are diagnostics like any other.
pub fn load_file(path: &Path) -> Loaded {
    load_file_with_identity(path).0
}

/// What a file held when it was read: enough to tell later whether it changed on disk
/// (size and modification time as a quick check, the SHA-256 of its bytes as the answer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileIdentity {
    pub sha256: String,
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl FileIdentity {
    /// The identity of `bytes` just read from a file with `metadata`.
    pub fn of(bytes: &[u8], metadata: Option<&std::fs::Metadata>) -> Self {
        Self {
            sha256: crate::text::sha256_hex(bytes),
            len: bytes.len() as u64,
            modified: metadata.and_then(|m| m.modified().ok()),
        }
    }
}

/// [`load_file`], and the identity of the bytes it read (`None` if it could read none).
/// The bytes are hashed on a second thread while they are read as a document.
pub fn load_file_with_identity(path: &Path) -> (Loaded, Option<FileIdentity>) {
    match read_file(path) {
        Ok((bytes, metadata)) => std::thread::scope(|scope| {
            let hashing = scope.spawn(|| FileIdentity::of(&bytes, Some(&metadata)));
            let loaded = load(&bytes);
            let identity = hashing
                .join()
                .unwrap_or_else(|_| FileIdentity::of(&bytes, Some(&metadata)));
            (loaded, Some(identity))
        }),
        Err(message) => (Loaded::failed(Diagnostic::error(None, None, message)), None),
    }
}

fn read_file(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata), String> {
    crate::input::read(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::input::ReadError::Directory => "is a directory, not a factmark file".to_owned(),
        other => other.to_string(),
    })
}

/// How a file differs from what a session read from it (or expected there).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DiskChange {
    #[error("it was changed since it was opened (by another program or person)")]
    Changed,
    #[error("a file appeared there since this document was started")]
    Appeared,
    #[error("it cannot be read to check it: {0}")]
    Unreadable(String),
}

/// Whether the file at `path` still holds what `loaded` says it held (`None`: nothing was
/// there, so nothing may be there now). Size and modification time are the quick check; if
/// either differs the bytes are hashed, so a file touched but not changed is not a change.
/// A file that is gone is no change either: writing it loses nothing.
pub fn changed_since(path: &Path, loaded: Option<&FileIdentity>) -> Option<DiskChange> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return Some(DiskChange::Unreadable(e.to_string())),
    };
    let Some(loaded) = loaded else {
        return Some(DiskChange::Appeared);
    };
    if metadata.len() == loaded.len
        && loaded.modified.is_some()
        && metadata.modified().ok() == loaded.modified
    {
        return None;
    }
    match read_file(path) {
        Ok((bytes, _)) if crate::text::sha256_hex(&bytes) == loaded.sha256 => None,
        Ok(_) => Some(DiskChange::Changed),
        Err(why) => Some(DiskChange::Unreadable(why)),
    }
}

/// How annotation files are named: `<article stem>.factmark.json`.
pub const FILE_SUFFIX: &str = ".factmark.json";

/// Where the annotations of an article go by default: `article.txt` ->
/// `article.factmark.json` in the same folder.
pub fn default_path(article: &Path) -> std::path::PathBuf {
    // The stem as it is, bytes and all: a name that is not UTF-8 keeps its bytes.
    let mut name = article
        .file_stem()
        .map_or_else(|| std::ffi::OsString::from("article"), ToOwned::to_owned);
    name.push(FILE_SUFFIX);
    article.with_file_name(name)
}

/// True for a path named like an annotation file (any case), as opposed to an article.
pub fn is_annotation_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(FILE_SUFFIX))
}

/// Why a document could not be saved. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot write the document as JSON: {0}")]
    Serialise(#[from] serde_json::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Writes `document` to `path` atomically: a temporary file in the same folder is written
/// and fsynced, renamed over `path`, and the folder fsynced (the `atomic-write-file` crate).
/// A crash at any point leaves either the old file or the new one, never a mix. If the
/// document cannot be serialised, nothing is written. Returns the identity of what was
/// written.
pub fn save(document: &Document, path: &Path) -> Result<FileIdentity, SaveError> {
    let json = to_json_bytes(document)?;
    // What is written is hashed on a second thread while it is written and synced.
    let sha256 = std::thread::scope(|scope| {
        let hashing = scope.spawn(|| crate::text::sha256_hex(&json));
        write_atomic(path, &json)?;
        Ok::<_, std::io::Error>(
            hashing
                .join()
                .unwrap_or_else(|_| crate::text::sha256_hex(&json)),
        )
    })?;
    let metadata = std::fs::metadata(path).ok();
    Ok(FileIdentity {
        sha256,
        len: json.len() as u64,
        modified: metadata.and_then(|m| m.modified().ok()),
    })
}

/// Atomic write of any bytes, as [`save`] does, with the rules every write of factmark
/// keeps:
///
/// - a symbolic link is followed: its target is written (atomically), the link stays a
///   link, and the target keeps its permission bits;
/// - only a regular file is replaced: a directory, a named pipe, a socket or a device is
///   refused, and nothing is left behind;
/// - a read-only file is not replaced (its mode bits are checked, so this holds for root
///   too, whom the kernel would let write);
/// - the temporary file has no name until the commit on Linux (`O_TMPFILE`), so a killed
///   write leaves nothing; a named one left by a kill during the commit itself
///   (`.<name>.XXXXXX` beside the target) is removed by the next write to that target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let target = write_target(path)?;
    remove_stale_temporaries(&target);
    let mut file = atomic_write_file::AtomicWriteFile::options().open(&target)?;
    file.write_all(bytes)?;
    file.commit()
}

/// The file a write to `path` replaces: `path`, or the file its link points to. Refused if
/// that is not a regular file or is read-only.
fn write_target(path: &Path) -> std::io::Result<std::path::PathBuf> {
    use std::io::{Error, ErrorKind};
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        std::fs::canonicalize(path).map_err(|e| {
            Error::new(
                e.kind(),
                format!("is a symbolic link to a file that cannot be reached ({e})"),
            )
        })?
    } else {
        path.to_owned()
    };
    match std::fs::metadata(&target) {
        Ok(metadata) => {
            if let Some(kind) = crate::input::kind(metadata.file_type()) {
                return Err(Error::other(format!(
                    "is {kind}: factmark replaces only regular files"
                )));
            }
            if metadata.permissions().readonly() {
                return Err(Error::new(
                    ErrorKind::PermissionDenied,
                    "is read-only: factmark does not replace it (save to another file, or \
                     make it writable first)",
                ));
            }
            Ok(target)
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(target),
        Err(e) => Err(e),
    }
}

/// Removes temporary files that a killed write to `target` left beside it: named
/// `.<file name>.` and six letters or digits, as the atomic write names them.
fn remove_stale_temporaries(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let prefix = prefix.as_encoded_bytes().to_vec();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let bytes = file_name.as_encoded_bytes();
        let stale = bytes.len() == prefix.len() + 6
            && bytes.starts_with(&prefix)
            && bytes[prefix.len()..].iter().all(u8::is_ascii_alphanumeric)
            && entry.file_type().is_ok_and(|t| t.is_file());
        if stale {
            // Best effort: a temporary that cannot be removed harms nothing.
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
