//! Preferences that outlive a session: the reviewer's name, in a small text file under the
//! user's configuration folder (`$XDG_CONFIG_HOME/factmark/reviewer`, else
//! `~/.config/factmark/reviewer`). Read once at start-up, written in the background.

use std::path::PathBuf;

/// Where the reviewer's name is kept on this computer.
pub fn reviewer_file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("factmark").join("reviewer"))
}

/// The name remembered in `file`, if any.
pub fn load_reviewer(file: &std::path::Path) -> Option<String> {
    let name = std::fs::read_to_string(file).ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

pub fn save_reviewer(path: &std::path::Path, name: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::format::write_atomic(path, format!("{}\n", name.trim()).as_bytes())
        .map_err(|e| format!("{}: cannot remember the reviewer name: {e}", path.display()))
}
