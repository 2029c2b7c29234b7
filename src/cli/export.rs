//! `factmark export FILE --format FORMAT [-o OUT]`.

use std::process::ExitCode;

use super::{ExportArgs, out};
use crate::format;
use crate::ops::export::{Options, export};
use crate::ops::open::{OpenError, open};

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
    // An article opens with the annotations beside it, as in the app.
    let document = match open(file) {
        Ok(opened) => opened.document,
        Err(OpenError::Invalid { problems, .. }) => {
            for problem in &problems {
                out::error(problem);
            }
            out::error(&format!(
                "{}: not exported; `factmark validate` lists what to fix",
                file.display()
            ));
            return ExitCode::FAILURE;
        }
        Err(error) => {
            out::error(&error.to_string());
            return ExitCode::FAILURE;
        }
    };
    let format = args.format;
    let options = Options {
        publisher: args.publisher.clone(),
        review_url: args.review_url.clone(),
        csv_formulas: args.csv_formulas,
    };
    let exported = match export(&document, format, &options) {
        Ok(exported) => exported,
        Err(e) => {
            out::error(&format!(
                "{}: {format}: {e}; nothing was written",
                file.display()
            ));
            return ExitCode::FAILURE;
        }
    };
    for warning in &exported.warnings {
        out::note(&format!("{}: {format}: {warning}", file.display()));
    }
    match &args.output {
        None => out::bytes(&exported.bytes),
        Some(output) => {
            if let Err(message) = super::still_absent(output, args.force) {
                out::error(&message);
                return ExitCode::FAILURE;
            }
            if let Err(e) = format::write_atomic(output, &exported.bytes) {
                out::error(&format!("{}: cannot write it: {e}", output.display()));
                return ExitCode::FAILURE;
            }
            out::result(&output.display().to_string());
        }
    }
    ExitCode::SUCCESS
}
