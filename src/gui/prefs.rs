//! Preferences that outlive a session, kept apart from the document (saved only through
//! the file format) and from runtime handles (threads, channels). They are small text
//! files in the user's configuration folder (`$XDG_CONFIG_HOME/factmark/`, else
//! `~/.config/factmark/`):
//!
//! - `reviewer`: the reviewer's name;
//! - `publisher`: the organisation named as author of ClaimReview exports;
//! - `theme`: `light`, `dark` or `system`;
//! - `panels`: the widths of the claim list and the inspector, in points;
//! - `recent`: recently opened files, newest first, one absolute path per line.
//!
//! Read once at start-up on a background thread, written in the background, always
//! atomically. A missing or damaged file is the default: losing a preference costs the
//! user a setting, never their work.

use std::path::{Path, PathBuf};

/// The light or dark look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::System => "system",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Self::Light, Self::Dark, Self::System]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// Side panel widths, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelWidths {
    pub claims: f32,
    pub inspector: f32,
}

impl Default for PanelWidths {
    fn default() -> Self {
        Self {
            claims: 280.0,
            inspector: 320.0,
        }
    }
}

impl PanelWidths {
    /// The narrowest and widest a side panel may be remembered at.
    pub const RANGE: std::ops::RangeInclusive<f32> = 160.0..=640.0;

    fn parse(s: &str) -> Option<Self> {
        let (claims, inspector) = s.split_once(' ')?;
        let width = |w: &str| {
            w.trim()
                .parse::<f32>()
                .ok()
                .filter(|w| w.is_finite())
                .map(|w| w.clamp(*Self::RANGE.start(), *Self::RANGE.end()))
        };
        Some(Self {
            claims: width(claims)?,
            inspector: width(inspector)?,
        })
    }

    fn to_line(self) -> String {
        format!("{:.0} {:.0}", self.claims, self.inspector)
    }
}

/// How the article reads: whether drags snap to whole words, and the text's size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub snap_to_words: bool,
    /// Points; the article's own size, apart from the app's zoom.
    pub text_size: f32,
}

impl Default for Reading {
    fn default() -> Self {
        Self {
            snap_to_words: true,
            text_size: 16.0,
        }
    }
}

impl Reading {
    /// The smallest and largest text size offered.
    pub const SIZES: std::ops::RangeInclusive<f32> = 10.0..=32.0;

    fn parse(s: &str) -> Option<Self> {
        let (snap, size) = s.split_once(' ')?;
        let snap_to_words = match snap.trim() {
            "words" => true,
            "exact" => false,
            _ => return None,
        };
        let text_size = size
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|s| s.is_finite())?
            .clamp(*Self::SIZES.start(), *Self::SIZES.end());
        Some(Self {
            snap_to_words,
            text_size,
        })
    }

    fn to_line(self) -> String {
        let snap = if self.snap_to_words { "words" } else { "exact" };
        format!("{snap} {:.0}", self.text_size)
    }
}

/// Everything remembered between sessions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prefs {
    /// Empty until the reviewer has said who they are.
    pub reviewer: String,
    pub publisher: Option<String>,
    pub theme: Theme,
    pub panels: PanelWidths,
    pub reading: Reading,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
}

impl Prefs {
    /// Reads every preference in `dir` (on a background thread: this is file IO).
    pub fn load(dir: &Path) -> Self {
        Self {
            reviewer: load_line(dir, Line::Reviewer).unwrap_or_default(),
            publisher: load_line(dir, Line::Publisher),
            theme: load_line(dir, Line::Theme)
                .and_then(|t| Theme::parse(&t))
                .unwrap_or_default(),
            panels: load_line(dir, Line::Panels)
                .and_then(|p| PanelWidths::parse(&p))
                .unwrap_or_default(),
            reading: load_line(dir, Line::Reading)
                .and_then(|r| Reading::parse(&r))
                .unwrap_or_default(),
            recent: load_recent(dir),
        }
    }
}

/// One preference to write, with its new value.
#[derive(Clone, Debug)]
pub enum Write {
    Reviewer(String),
    Publisher(String),
    Theme(Theme),
    Panels(PanelWidths),
    Reading(Reading),
    Recent(Vec<PathBuf>),
}

impl Write {
    /// Writes it into `dir` (on a background thread).
    pub fn write(&self, dir: &Path) -> Result<(), String> {
        match self {
            Self::Reviewer(name) => save_line(dir, Line::Reviewer, name),
            Self::Publisher(name) => save_line(dir, Line::Publisher, name),
            Self::Theme(theme) => save_line(dir, Line::Theme, theme.as_str()),
            Self::Panels(widths) => save_line(dir, Line::Panels, &widths.to_line()),
            Self::Reading(reading) => save_line(dir, Line::Reading, &reading.to_line()),
            Self::Recent(recent) => save_recent(dir, recent),
        }
    }
}

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 10;

fn recent_file(dir: &Path) -> PathBuf {
    dir.join("recent")
}

/// A preference that is one line of text.
#[derive(Clone, Copy, Debug)]
enum Line {
    /// The reviewer's name, which stamps every change.
    Reviewer,
    /// The organisation named as author of ClaimReview exports.
    Publisher,
    Theme,
    Panels,
    /// Snapping to words and the text size.
    Reading,
}

impl Line {
    fn file(self, dir: &Path) -> PathBuf {
        dir.join(match self {
            Self::Reviewer => "reviewer",
            Self::Publisher => "publisher",
            Self::Theme => "theme",
            Self::Panels => "panels",
            Self::Reading => "reading",
        })
    }

    fn what(self) -> &'static str {
        match self {
            Self::Reviewer => "the reviewer name",
            Self::Publisher => "the publisher",
            Self::Theme => "the theme",
            Self::Panels => "the panel widths",
            Self::Reading => "the reading settings",
        }
    }
}

/// The line remembered in `dir`, trimmed, if there is one.
fn load_line(dir: &Path, line: Line) -> Option<String> {
    let text = std::fs::read_to_string(line.file(dir)).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn save_line(dir: &Path, line: Line, value: &str) -> Result<(), String> {
    write(&line.file(dir), &format!("{}\n", value.trim()))
        .map_err(|e| format!("cannot remember {}: {e}", line.what()))
}

/// The recent files remembered in `dir`, newest first. A missing or unreadable list is
/// an empty one: losing it costs the user nothing but a shortcut.
fn load_recent(dir: &Path) -> Vec<PathBuf> {
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

fn save_recent(dir: &Path, recent: &[PathBuf]) -> Result<(), String> {
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

/// Puts `path` first in `recent`, keeping at most [`RECENT_LIMIT`]. A document appears
/// once: an article and the annotations beside it (`x.txt`, `x.factmark.json`) are one
/// entry, the newer of the two.
pub fn push_recent(recent: &mut Vec<PathBuf>, path: PathBuf) {
    let same_document = |a: &Path, b: &Path| {
        a == b
            || (!crate::format::is_annotation_path(a) && crate::format::default_path(a) == b)
            || (!crate::format::is_annotation_path(b) && crate::format::default_path(b) == a)
    };
    recent.retain(|p| !same_document(p, &path));
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
    fn an_article_and_its_annotations_are_one_recent_entry() {
        let mut recent = vec![PathBuf::from("/n/other.txt")];
        push_recent(&mut recent, PathBuf::from("/n/x.txt"));
        push_recent(&mut recent, PathBuf::from("/n/x.factmark.json"));
        assert_eq!(
            recent,
            [
                PathBuf::from("/n/x.factmark.json"),
                PathBuf::from("/n/other.txt")
            ]
        );
        push_recent(&mut recent, PathBuf::from("/n/x.txt"));
        assert_eq!(recent[0], PathBuf::from("/n/x.txt"));
        assert_eq!(recent.len(), 2);
        // Same name in another folder is another document.
        push_recent(&mut recent, PathBuf::from("/m/x.factmark.json"));
        assert_eq!(recent.len(), 3);
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
    fn every_preference_is_remembered_and_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let dir = dir.path().join("factmark");
        assert_eq!(
            Prefs::load(&dir),
            Prefs::default(),
            "a fresh home has defaults"
        );
        let panels = PanelWidths {
            claims: 300.0,
            inspector: 410.0,
        };
        for write in [
            Write::Reviewer("Amal Haddad".to_owned()),
            Write::Publisher("Example Checks".to_owned()),
            Write::Theme(Theme::Dark),
            Write::Panels(panels),
            Write::Reading(Reading {
                snap_to_words: false,
                text_size: 20.0,
            }),
            Write::Recent(vec![PathBuf::from("/a/b.factmark.json")]),
        ] {
            write.write(&dir).expect("written");
        }
        assert_eq!(
            Prefs::load(&dir),
            Prefs {
                reviewer: "Amal Haddad".to_owned(),
                publisher: Some("Example Checks".to_owned()),
                theme: Theme::Dark,
                panels,
                reading: Reading {
                    snap_to_words: false,
                    text_size: 20.0,
                },
                recent: vec![PathBuf::from("/a/b.factmark.json")],
            }
        );
        std::fs::write(dir.join("reading"), "sideways 12\n").expect("write");
        assert_eq!(Prefs::load(&dir).reading, Reading::default());
        std::fs::write(dir.join("reading"), "words 400\n").expect("write");
        assert!((Prefs::load(&dir).reading.text_size - 32.0).abs() < f32::EPSILON);
        // Damaged or absurd values fall back or are brought into range.
        std::fs::write(dir.join("theme"), "purple\n").expect("write");
        std::fs::write(dir.join("panels"), "5 NaN\n").expect("write");
        let prefs = Prefs::load(&dir);
        assert_eq!(prefs.theme, Theme::System);
        assert_eq!(prefs.panels, PanelWidths::default());
        std::fs::write(dir.join("panels"), "5 9000\n").expect("write");
        assert_eq!(
            Prefs::load(&dir).panels,
            PanelWidths {
                claims: 160.0,
                inspector: 640.0
            }
        );
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
