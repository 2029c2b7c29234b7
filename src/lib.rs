//! factmark: claim and fact-check annotation of articles.
//!
//! Module map, from the bottom up (an arrow means "may use"):
//!
//! - [`input`]: reading a file the user named: regular files only (never a pipe or a
//!   device that could block or never end), never more than a cap.
//! - [`text`] -> input: canonical article text, paragraph table, char <-> byte index, article import
//!   (`.txt` in any encoding, `.md`, `.html`), find in the text, trimming a selection.
//! - [`model`] -> text: `Document`, `Article`, `Claim`, `Verdict`, `Source`, `Stamp`, the
//!   `Clock` trait; the link, date and source rules (`model::rules`) every layer uses; the
//!   claim list's filter. No IO, no clock of its own.
//! - [`clock`] -> model: the system clock, the one place outside tests that reads the time.
//! - [`anchor`] -> model, text: re-anchoring claims onto a changed text (a two-pass diff,
//!   quote and context scores, the states exact / moved / fuzzy / orphaned); a generator of
//!   version pairs with known truth for its benchmark. Pure: no IO, no clock.
//! - [`format`] -> anchor, model, text: the versioned file format; load -> (document, diagnostics);
//!   atomic save; what a file held when read (`FileIdentity`).
//! - [`edit`] -> model, text: `Edit` (a named field-level `Change` with its `Stamp`; apply ->
//!   inverse; serde) and `History` (undo/redo, typing coalesced by field, saved marker).
//! - [`journal`] -> edit, format, model: the edit journal in the user's data folder (a base
//!   document and one synced line per change) and its forgiving reader, so that a crash
//!   loses nothing.
//! - [`ops`] -> anchor, edit, format, model, text: opening an article with its annotations (`ops::open`),
//!   re-anchoring a document onto a new text (`ops::reanchor`: a plan, the reviewer's
//!   decisions, one `ReplaceText` change), comparing reviewers' files (`ops::team`: units,
//!   span matching, agreement measures, the `stats` report),
//!   export to W3C Web Annotation, ClaimReview, CSV, JSONL, Label Studio and an HTML
//!   report; import from W3C, Label Studio and JSONL. Pure but for reading the file it opens.
//! - [`cli`] -> ops, format, model, text: the subcommands; the only code that prints.
//! - `gui` (feature `gui`) -> everything above: the desktop app. `gui::App` holds document
//!   sessions (`DocSession`: the document, private, with its history, file and views), one
//!   `Modal`, the `Prefs`, and runtime handles; views (menus, panels, the article) return
//!   `Command`s that the app runs in one place at the end of each frame.
//!
//! # Invariants
//!
//! 1. Only `gui` (and `main.rs`) may use egui, eframe or rfd. A test checks that the core
//!    sources name none of them, and CI builds `--no-default-features`.
//! 2. Claim offsets are Unicode code points (Rust `char`s, Python `str` indices) into
//!    `Article.text`, end exclusive — the unit the W3C Web Annotation
//!    `TextPositionSelector` uses. Byte offsets exist only inside `text` and the article
//!    view; every conversion goes through one index type ([`text::TextIndex`]), never
//!    `chars().nth()` in a loop.
//! 3. The GUI changes a document only by applying an `Edit`; each applied edit yields its
//!    inverse, so undo/redo is exact and "unsaved changes" is
//!    `history.revision != saved_revision`. Widgets never hold `&mut` into the model.
//! 4. The UI thread never reads, parses or writes files and never blocks on a dialog:
//!    those run on named background threads and report back through a channel plus
//!    `request_repaint`.
//! 5. No panic on any user input — files, offsets, clicks, keys. Errors name the file and,
//!    where it applies, the claim id and field, and say what to do.
//! 6. A file that failed to load is never written. Opening and closing without edits
//!    writes nothing. Saving is atomic: temp file in the same folder, write, fsync, rename,
//!    fsync the folder.
//! 7. Output is deterministic: fixed key order, claims sorted by (start, end, id), 2-space
//!    indent, trailing newline — a diff in git shows exactly what a reviewer changed.

pub mod anchor;
pub mod cli;
pub mod clock;
pub mod edit;
pub mod format;
#[cfg(feature = "gui")]
pub mod gui;
pub mod input;
pub mod journal;
pub mod model;
pub mod ops;
pub mod text;
