//! `factmark scales`: the verdict scales `import --scale` knows.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{ScalesArgs, out};
use crate::model::{PRESETS, Scale};

pub fn run(args: &ScalesArgs) -> ExitCode {
    let scales: Vec<Scale> = PRESETS.iter().filter_map(|n| Scale::preset(n)).collect();
    if args.json {
        match serde_json::to_string_pretty(&scales) {
            Ok(json) => out::result(&json),
            Err(e) => {
                out::error(&format!("cannot write the scales: {e}"));
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    out::result(listing(&scales).trim_end());
    ExitCode::SUCCESS
}

/// One block per scale: its name and kind, then a line per level with its key.
fn listing(scales: &[Scale]) -> String {
    let mut text = String::new();
    for scale in scales {
        let kind = if scale.ordered {
            "ordered, rating 1 (worst) to n (best)"
        } else {
            "not ordered"
        };
        let default = if scale.name == "factmark" {
            " (the default)"
        } else {
            ""
        };
        let _ = writeln!(text, "{}{default}: {kind}", scale.name);
        for (i, level) in scale.levels.iter().enumerate() {
            let key = if i < 9 {
                format!("key {}", i + 1)
            } else {
                "no key".to_owned()
            };
            let rating = level
                .rating
                .map_or_else(String::new, |r| format!("  rating {r}"));
            let _ = writeln!(
                text,
                "  {key}  {:<16} {}{rating}",
                level.id.as_str(),
                level.label
            );
        }
        text.push('\n');
    }
    text
}
