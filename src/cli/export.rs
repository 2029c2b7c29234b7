//! `factmark export FILE --format FORMAT [-o OUT]`.

use std::process::ExitCode;

use super::{ExportArgs, out};
use crate::format;
use crate::ops::export::{Options, export};

pub fn run(args: &ExportArgs) -> ExitCode {
    let file = &args.file;
    // Refuse before any work, so a refused export changes nothing.
    if let Some(output) = &args.output
        && let Err(message) =
            super::check_output(file, output, args.force, "the file being exported")
    {
        out::error(&message);
        return ExitCode::FAILURE;
    }
    let loaded = format::load_file(file);
    let document = match loaded.into_valid() {
        Ok(document) => document,
        Err(diagnostics) => {
            for d in diagnostics.iter().filter(|d| d.is_error()) {
                out::error(&format!("{}: {d}", file.display()));
            }
            out::error(&format!(
                "{}: not exported; `factmark validate` lists what to fix",
                file.display()
            ));
            return ExitCode::FAILURE;
        }
    };
    let format = args.format;
    let options = Options {
        publisher: args.publisher.clone(),
        review_url: args.review_url.clone(),
    };
    let exported = export(&document, format, &options);
    for warning in &exported.warnings {
        out::note(&format!("{}: {format}: {warning}", file.display()));
    }
    match &args.output {
        None => out::bytes(&exported.bytes),
        Some(output) => {
            if let Err(e) = format::write_atomic(output, &exported.bytes) {
                out::error(&format!("{}: cannot write it: {e}", output.display()));
                return ExitCode::FAILURE;
            }
            out::result(&output.display().to_string());
        }
    }
    ExitCode::SUCCESS
}
