//! `factmark reanchor FILE --article NEW`: the annotations of FILE carried to a corrected
//! version of its article.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::{ReanchorArgs, out};
use crate::edit::Edit;
use crate::format::{self, default_path};
use crate::ops::reanchor::{Entry, Plan, read_new_text};

pub fn run(args: &ReanchorArgs) -> ExitCode {
    match reanchor(args) {
        Ok((path, plan)) => {
            out::note(&format!("{}: {}", args.file.display(), plan.summary()));
            if args.json {
                match serde_json::to_string_pretty(
                    &plan.entries.iter().map(JsonEntry::from).collect::<Vec<_>>(),
                ) {
                    Ok(json) => out::result(&json),
                    Err(e) => {
                        out::error(&format!("cannot write the report: {e}"));
                        return ExitCode::FAILURE;
                    }
                }
                out::note(&format!("wrote {}", path.display()));
            } else {
                out::result(&path.display().to_string());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            out::error(&message);
            ExitCode::FAILURE
        }
    }
}

/// One claim in `--json`: `{"id", "state", "old": [start, end], "new": [start, end] or
/// null, "score"}` (an orphan the file already had has `"old": null`).
#[derive(Serialize)]
struct JsonEntry<'a> {
    id: &'a str,
    state: &'static str,
    old: Option<[usize; 2]>,
    new: Option<[usize; 2]>,
    score: f64,
}

impl<'a> From<&'a Entry> for JsonEntry<'a> {
    fn from(entry: &'a Entry) -> Self {
        let pair = |r: &std::ops::Range<usize>| [r.start, r.end];
        Self {
            id: entry.id.as_str(),
            state: entry.state.as_str(),
            old: entry.old.as_ref().map(pair),
            new: entry.new.as_ref().map(pair),
            score: (entry.score * 1000.0).round() / 1000.0,
        }
    }
}

fn reanchor(args: &ReanchorArgs) -> Result<(PathBuf, Plan), String> {
    let file = &args.file;
    let new_path = &args.article;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_path(new_path));
    check_paths(file, new_path, &output, args.force)?;

    let (loaded, _) = format::load_file_with_identity(file);
    let document = loaded.into_valid().map_err(|diagnostics| {
        let problems: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .take(5)
            .map(|d| format!("{}: {d}", file.display()))
            .collect();
        format!(
            "{}\n{}: not re-anchored; `factmark validate` lists what to fix",
            problems.join("\n"),
            file.display()
        )
    })?;
    if format::is_annotation_path(new_path) {
        return Err(format!(
            "{}: is a factmark file; --article takes the new version of the article \
             (.txt, .md, .html)",
            new_path.display()
        ));
    }
    let (text, source_file) = read_new_text(new_path, args.extract).map_err(|e| e.to_string())?;
    let plan = Plan::new(&document, text, source_file);
    let change = plan.change(&document, &plan.accept_all());
    let mut updated = document;
    Edit::unstamped(change, None)
        .apply(&mut updated)
        .map_err(|e| format!("{}: cannot be re-anchored: {e}", file.display()))?;
    super::still_absent(&output, args.force)?;
    format::save(&updated, &output)
        .map_err(|e| format!("{}: cannot write it: {e}", output.display()))?;
    Ok((output, plan))
}

/// Before any work: the output is new (or `--force`), is the annotations file only with
/// `--force`, and is never the new article.
fn check_paths(file: &Path, article: &Path, output: &Path, force: bool) -> Result<(), String> {
    let same = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b);
    if same(article, output) {
        return Err(format!(
            "{}: the output would overwrite the new article; choose another -o",
            output.display()
        ));
    }
    if same(file, output) && !force {
        return Err(format!(
            "{}: the output would replace the annotations being re-anchored; pass --force \
             to replace them, or -o to write elsewhere",
            output.display()
        ));
    }
    if output.exists() && !force {
        return Err(format!(
            "{}: already exists; pass --force to replace it, or -o to write elsewhere",
            output.display()
        ));
    }
    Ok(())
}
