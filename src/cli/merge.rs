//! `factmark merge FILE... -o OUT [--force] [--json]`: one file from several reviewers'.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use super::{MergeArgs, out};
use crate::format;
use crate::ops::team::merge::{Input, Merged, Report, merge};

pub fn run(args: &MergeArgs) -> ExitCode {
    match run_merge(args) {
        Ok(merged) => {
            let report = &merged.report;
            if args.json {
                #[derive(Serialize)]
                struct Json<'a> {
                    files: &'a [String],
                    output: String,
                    claims: usize,
                    agreed: &'a [crate::ops::team::merge::UnitReport],
                    conflicts: &'a [crate::ops::team::merge::UnitReport],
                    already_merged: usize,
                }
                let json = Json {
                    files: &report.files,
                    output: args.output.display().to_string(),
                    claims: report.claims,
                    agreed: &report.agreed,
                    conflicts: &report.conflicts,
                    already_merged: report.already_merged,
                };
                match serde_json::to_string_pretty(&json) {
                    Ok(json) => out::result(&json),
                    Err(e) => {
                        out::error(&format!("cannot write the report: {e}"));
                        return ExitCode::FAILURE;
                    }
                }
            } else {
                out::result(text(report, &merged, &args.output).trim_end());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            out::error(&message);
            ExitCode::FAILURE
        }
    }
}

fn run_merge(args: &MergeArgs) -> Result<Merged, String> {
    let output = &args.output;
    let is_input = args.files.iter().any(|f| {
        f == output || matches!((f.canonicalize(), output.canonicalize()), (Ok(a), Ok(b)) if a == b)
    });
    if !args.force {
        if is_input {
            return Err(format!(
                "{}: the output would replace one of the files being merged; pass --force to \
                 replace it, or -o to write elsewhere",
                output.display()
            ));
        }
        if std::fs::symlink_metadata(output).is_ok() {
            return Err(format!(
                "{}: already exists; pass --force to replace it, or -o to write elsewhere",
                output.display()
            ));
        }
    }
    let Some(documents) = super::stats::load_all(&args.files, "merged") else {
        return Err("nothing was written".to_owned());
    };
    let names: Vec<String> = args.files.iter().map(|p| p.display().to_string()).collect();
    let inputs: Vec<Input<'_>> = names
        .iter()
        .zip(&documents)
        .map(|(name, document)| Input { name, document })
        .collect();
    let merged = merge(&inputs).map_err(|e| format!("{e}; nothing was written"))?;
    super::still_absent(output, args.force)?;
    format::save(&merged.document, output)
        .map_err(|e| format!("{}: cannot write it: {e}", output.display()))?;
    Ok(merged)
}

/// The report as people read it: the totals, then each conflict.
fn text(report: &Report, merged: &Merged, output: &std::path::Path) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: {} claims from {} files: {} agreed, {} in conflict{}",
        output.display(),
        report.claims,
        report.files.len(),
        report.agreed.len(),
        report.conflicts.len(),
        if report.already_merged > 0 {
            format!(
                " ({} claims already merged left out)",
                report.already_merged
            )
        } else {
            String::new()
        }
    );
    if !report.conflicts.is_empty() {
        let _ = writeln!(
            s,
            "\nConflicts (status in review; each reviewer's version is in the claim's `conflict`):"
        );
    }
    let document = &merged.document;
    for unit in &report.conflicts {
        let quote = crate::text::gist(
            document
                .text()
                .slice_chars(unit.start..unit.end)
                .unwrap_or_default(),
            60,
        );
        let _ = writeln!(
            s,
            "  {}–{} “{quote}”: {} differ on the {}",
            unit.start,
            unit.end,
            unit.files.join(", "),
            unit.differ.join(" and ")
        );
    }
    s
}
