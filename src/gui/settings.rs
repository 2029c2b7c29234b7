//! Preferences that outlive a session, as small text files in the user's configuration
//! folder (`$XDG_CONFIG_HOME/factmark/`, else `~/.config/factmark/`):
//!
//! - `reviewer`: the reviewer's name;
//! - `publisher`: the organisation named as author of ClaimReview exports;
//! - `recent`: recently opened files, newest first, one absolute path per line.
//!
//! Read once at start-up, written in the background, always atomically.

use std::path::{Path, PathBuf};

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 10;

/// The configuration folder on this computer.
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("factmark"))
}

fn recent_file(dir: &Path) -> PathBuf {
    dir.join("recent")
}

/// A preference that is one line of text.
#[derive(Clone, Copy, Debug)]
pub enum Line {
    /// The reviewer's name, which stamps every change.
    Reviewer,
    /// The organisation named as author of ClaimReview exports.
    Publisher,
}

impl Line {
    fn file(self, dir: &Path) -> PathBuf {
        dir.join(match self {
            Self::Reviewer => "reviewer",
            Self::Publisher => "publisher",
        })
    }

    fn what(self) -> &'static str {
        match self {
            Self::Reviewer => "the reviewer name",
            Self::Publisher => "the publisher",
        }
    }
}

/// The line remembered in `dir`, trimmed, if there is one.
pub fn load_line(dir: &Path, line: Line) -> Option<String> {
    let text = std::fs::read_to_string(line.file(dir)).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

pub fn save_line(dir: &Path, line: Line, value: &str) -> Result<(), String> {
    write(&line.file(dir), &format!("{}\n", value.trim()))
        .map_err(|e| format!("cannot remember {}: {e}", line.what()))
}

/// The recent files remembered in `dir`, newest first. A missing or unreadable list is
/// an empty one: losing it costs the user nothing but a shortcut.
pub fn load_recent(dir: &Path) -> Vec<PathBuf> {
    let Ok(list) = std::fs::read_to_string(recent_file(dir)) else {
        return Vec::new();
    };
    let mut recent = Vec::new();
    for path in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let path = PathBuf::from(path);
        if !recent.contains(&path) {
            recent.push(path);
        }
    }
    recent.truncate(RECENT_LIMIT);
    recent
}

pub fn save_recent(dir: &Path, recent: &[PathBuf]) -> Result<(), String> {
    // A path that is not UTF-8 (or holds a line break) cannot be written as a line; it is
    // left out of the list rather than written wrongly.
    let mut list = String::new();
    for path in recent.iter().filter_map(|p| p.to_str()) {
        if !path.contains(['\n', '\r']) {
            list.push_str(path);
            list.push('\n');
        }
    }
    write(&recent_file(dir), &list).map_err(|e| format!("cannot remember recent files: {e}"))
}

/// Puts `path` first in `recent` (it appears once), keeping at most [`RECENT_LIMIT`].
pub fn push_recent(recent: &mut Vec<PathBuf>, path: PathBuf) {
    recent.retain(|p| *p != path);
    recent.insert(0, path);
    recent.truncate(RECENT_LIMIT);
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::format::write_atomic(path, contents.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_newest_first_unique_and_limited() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut recent = Vec::new();
        for i in 0..15 {
            push_recent(&mut recent, PathBuf::from(format!("/articles/{i}.txt")));
        }
        push_recent(&mut recent, PathBuf::from("/articles/12.txt"));
        assert_eq!(recent.len(), RECENT_LIMIT);
        assert_eq!(recent[0], PathBuf::from("/articles/12.txt"));
        assert_eq!(recent[1], PathBuf::from("/articles/14.txt"));
        assert_eq!(recent.iter().filter(|p| p.ends_with("12.txt")).count(), 1);

        save_recent(dir.path(), &recent).expect("saved");
        assert_eq!(load_recent(dir.path()), recent);
    }

    #[test]
    fn a_damaged_recent_list_reads_as_what_can_be_used() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(load_recent(dir.path()).is_empty(), "no list yet");
        std::fs::write(recent_file(dir.path()), "/a.txt\n\n   \n/b.txt\n/a.txt\n").expect("write");
        assert_eq!(
            load_recent(dir.path()),
            [PathBuf::from("/a.txt"), PathBuf::from("/b.txt")]
        );
        std::fs::write(recent_file(dir.path()), [0xff, 0xfe, 0x00]).expect("write");
        assert!(load_recent(dir.path()).is_empty());
    }

    #[test]
    fn one_line_preferences_are_remembered_trimmed_and_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let dir = dir.path().join("new").join("factmark");
        assert_eq!(load_line(&dir, Line::Reviewer), None);
        save_line(&dir, Line::Reviewer, "  Ana Lima \n").expect("saved");
        save_line(&dir, Line::Publisher, "Example Checks").expect("saved");
        assert_eq!(load_line(&dir, Line::Reviewer).as_deref(), Some("Ana Lima"));
        assert_eq!(
            load_line(&dir, Line::Publisher).as_deref(),
            Some("Example Checks")
        );
    }
}
