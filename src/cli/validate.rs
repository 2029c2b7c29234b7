//! `factmark validate FILE...`: every problem in every file, and nothing written.

use std::process::ExitCode;

use super::{ValidateArgs, out};
use crate::format;

pub fn run(args: &ValidateArgs) -> ExitCode {
    let mut failed = 0usize;
    for path in &args.files {
        let loaded = format::load_file(path);
        let name = path.display();
        for diagnostic in &loaded.diagnostics {
            out::result(&format!("{name}: {diagnostic}"));
        }
        if loaded.is_valid() {
            let claims = loaded.document.as_ref().map_or(0, |d| d.claims().len());
            let orphans = loaded.document.as_ref().map_or(0, |d| d.orphans().len());
            let orphans = match orphans {
                0 => String::new(),
                1 => ", 1 orphan".to_owned(),
                n => format!(", {n} orphans"),
            };
            out::result(&format!("{name}: ok ({claims} claims{orphans})"));
        } else {
            failed += 1;
            let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
            let plural = if errors == 1 { "" } else { "s" };
            out::result(&format!("{name}: {errors} problem{plural}"));
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        out::error(&format!(
            "{failed} of {} file{} failed validation",
            args.files.len(),
            if args.files.len() == 1 { "" } else { "s" }
        ));
        ExitCode::FAILURE
    }
}
