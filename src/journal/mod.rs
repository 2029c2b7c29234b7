//! The edit journal: every change to an open document, on disk as it happens, so that a
//! crash loses nothing.
//!
//! A journal is a folder in the user's data folder (never beside the user's file):
//!
//! - `header.json`: which file the work belongs to (none for a document never saved), what
//!   that file held when it was read (its SHA-256 and size), and when the journal began;
//! - `base.factmark.json`: the document as it was before the first change, in the file
//!   format, so that the work can be replayed even if the file changes on disk meanwhile;
//! - `edits.jsonl`: one line per change (an edit, or the edits of an undo or a redo as they
//!   were applied), each synced to disk before the next is written.
//!
//! Reading is forgiving: a torn last line or garbage ends the journal there, and every
//! whole entry before it is restored, with a note saying so. This module does IO but knows
//! nothing of the app: `gui` runs the writer on a background thread.

use std::fs::File;
use std::io::{BufReader, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::edit::{Edit, EditError};
use crate::format::{self, FileIdentity};
use crate::model::Document;

const FORMAT: &str = "factmark-journal";
const VERSION: u64 = 1;
const HEADER: &str = "header.json";
const BASE: &str = "base.factmark.json";
const EDITS: &str = "edits.jsonl";

/// What a journal is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u64,
    /// Where the document saves (none: it has never been saved).
    pub file: Option<PathBuf>,
    /// What `file` held when the document was read from it (none: nothing was read).
    pub base: Option<Base>,
    pub started: DateTime<Utc>,
}

/// The file's content when the journal began: enough to tell later whether it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Base {
    pub sha256: String,
    pub len: u64,
}

impl Header {
    pub fn new(file: Option<PathBuf>, base: Option<&FileIdentity>, started: DateTime<Utc>) -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            file,
            base: base.map(|b| Base {
                sha256: b.sha256.clone(),
                len: b.len,
            }),
            started,
        }
    }
}

/// One line of `edits.jsonl`: the edits applied together (one change, or one undo or redo).
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    at: DateTime<Utc>,
    edits: Vec<Edit>,
}

/// Why a journal could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: cannot read it: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a factmark journal: {why}")]
    Invalid { path: PathBuf, why: String },
}

/// The folder for a new journal of `file` (or of a document never saved) under `root`.
/// Journals of one file share a prefix, so that they are found by the file's path.
pub fn new_dir(root: &Path, file: Option<&Path>) -> PathBuf {
    root.join(format!("{}-{}", key(file), uuid::Uuid::new_v4().simple()))
}

/// The prefix of the journals of `file`: a hash of its path (or `new` for documents never
/// saved). Paths are long and may hold any bytes; the hash is short and safe in a name.
fn key(file: Option<&Path>) -> String {
    match file {
        Some(path) => {
            let hash = crate::text::sha256_hex(path.as_os_str().as_encoded_bytes());
            format!("f{}", &hash[..24])
        }
        None => "new".to_owned(),
    }
}

/// A journal being written.
pub struct Journal {
    dir: PathBuf,
    edits: File,
}

impl Journal {
    /// Begins a journal in `dir`: the header and the base document are written (and
    /// synced) before any edit.
    pub fn create(dir: PathBuf, header: &Header, base: &Document) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        let base_json = format::to_json_bytes(base).map_err(std::io::Error::other)?;
        format::write_atomic(&dir.join(BASE), &base_json)?;
        let header_json = serde_json::to_vec_pretty(header).map_err(std::io::Error::other)?;
        format::write_atomic(&dir.join(HEADER), &header_json)?;
        let edits = File::create(dir.join(EDITS))?;
        edits.sync_all()?;
        Ok(Self { dir, edits })
    }

    /// Goes on with the journal in `dir` (after its work was restored).
    pub fn resume(dir: PathBuf) -> std::io::Result<Self> {
        let edits = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.join(EDITS))?;
        Ok(Self { dir, edits })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends one entry and syncs it to disk.
    pub fn append(&mut self, edits: &[Edit], at: DateTime<Utc>) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct Line<'a> {
            at: DateTime<Utc>,
            edits: &'a [Edit],
        }
        let mut line = serde_json::to_vec(&Line { at, edits }).map_err(std::io::Error::other)?;
        line.push(b'\n');
        self.edits.write_all(&line)?;
        self.edits.sync_data()
    }

    /// The work is saved: the journal goes.
    pub fn retire(self) -> std::io::Result<()> {
        drop(self.edits);
        std::fs::remove_dir_all(&self.dir)
    }
}

/// Removes the journal in `dir` (its work was discarded or is saved).
pub fn remove(dir: &Path) -> std::io::Result<()> {
    std::fs::remove_dir_all(dir)
}

/// A journal found on disk, before it is read in full.
#[derive(Clone, Debug)]
pub struct Found {
    pub dir: PathBuf,
    pub header: Header,
    /// When its last entry was written.
    pub last_written: std::time::SystemTime,
    /// It holds at least one entry (a journal with none has nothing to restore).
    pub has_entries: bool,
}

/// The journals under `root` of `file` (or of documents never saved), newest first.
/// Folders that are not readable journals are left alone.
pub fn find(root: &Path, file: Option<&Path>) -> Vec<Found> {
    let prefix = format!("{}-", key(file));
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut found: Vec<Found> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter_map(|e| {
            let dir = e.path();
            let header = read_header(&dir).ok()?;
            if header.file.as_deref() != file {
                return None;
            }
            let edits = std::fs::metadata(dir.join(EDITS)).ok()?;
            Some(Found {
                last_written: edits.modified().ok()?,
                has_entries: edits.len() > 0,
                header,
                dir,
            })
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.last_written));
    found
}

fn read_header(dir: &Path) -> Result<Header, JournalError> {
    let path = dir.join(HEADER);
    let bytes = std::fs::read(&path).map_err(|source| JournalError::Io {
        path: path.clone(),
        source,
    })?;
    let header: Header = serde_json::from_slice(&bytes).map_err(|e| JournalError::Invalid {
        path: path.clone(),
        why: e.to_string(),
    })?;
    if header.format != FORMAT || header.version != VERSION {
        return Err(JournalError::Invalid {
            path,
            why: format!(
                "it is {} version {}, and this factmark reads {FORMAT} version {VERSION}",
                header.format, header.version
            ),
        });
    }
    Ok(header)
}

/// A journal read back: the document before the work, and the work.
#[derive(Debug)]
pub struct Recovered {
    pub header: Header,
    pub base: Document,
    /// The whole entries, in order.
    pub entries: Vec<Vec<Edit>>,
    /// What was wrong after the last whole entry, if anything (a torn line after a crash).
    pub damage: Option<String>,
}

/// Reads the journal in `dir`.
pub fn read(dir: &Path) -> Result<Recovered, JournalError> {
    let header = read_header(dir)?;
    let base_path = dir.join(BASE);
    let base = format::load_file(&base_path)
        .into_valid()
        .map_err(|problems| JournalError::Invalid {
            path: base_path.clone(),
            why: problems
                .first()
                .map_or_else(|| "unreadable".to_owned(), ToString::to_string),
        })?;
    let edits_path = dir.join(EDITS);
    let file = File::open(&edits_path).map_err(|source| JournalError::Io {
        path: edits_path.clone(),
        source,
    })?;
    let (entries, damage) = read_entries(BufReader::new(file));
    Ok(Recovered {
        header,
        base,
        entries,
        damage,
    })
}

/// The whole entries of the bytes of an edits file, and what stopped the reading early.
pub fn parse_entries(bytes: &[u8]) -> (Vec<Vec<Edit>>, Option<String>) {
    read_entries(bytes)
}

/// The whole entries of an edits file, and what stopped the reading early, if anything.
fn read_entries(reader: impl std::io::BufRead) -> (Vec<Vec<Edit>>, Option<String>) {
    let mut entries = Vec::new();
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                return (entries, Some(format!("cannot read entry {}: {e}", i + 1)));
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let Ok(entry) = serde_json::from_slice::<Entry>(&line) else {
            let whole = entries.len();
            return (
                entries,
                Some(format!(
                    "entry {} is damaged (cut off by a crash, or changed): the {whole} \
                     whole entries before it were restored, and nothing after it",
                    i + 1
                )),
            );
        };
        entries.push(entry.edits);
    }
    (entries, None)
}

/// `recovered`'s work replayed onto its base: the document, the edits of the entries that
/// applied (in order), and the first entry that did not, with why. Each entry applies
/// whole or not at all, as it did when it was made; the replay stops at the first that
/// does not.
pub fn replay(recovered: &Recovered) -> (Document, Vec<Edit>, Option<(usize, EditError)>) {
    replay_onto(recovered.base.clone(), &recovered.entries)
}

/// [`replay`] onto another document: the work re-applied to a file that changed meanwhile.
pub fn replay_onto(
    mut document: Document,
    entries: &[Vec<Edit>],
) -> (Document, Vec<Edit>, Option<(usize, EditError)>) {
    let mut applied = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let mut inverses = Vec::with_capacity(entry.len());
        for edit in entry {
            match edit.clone().apply(&mut document) {
                Ok(inverse) => inverses.push(inverse),
                Err(e) => {
                    for inverse in inverses.into_iter().rev() {
                        // Inverses of edits just applied always apply.
                        inverse.apply(&mut document).ok();
                    }
                    return (document, applied, Some((i + 1, e)));
                }
            }
        }
        applied.extend(entry.iter().cloned());
    }
    (document, applied, None)
}

#[cfg(test)]
mod tests;
