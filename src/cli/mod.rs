//! The command line: argument parsing and the subcommands over the library.
//!
//! Arguments become a validated plan (clap, with value parsers) before any work starts, so a
//! bad flag fails up front with exit status 2. Commands return an [`ExitCode`]: 0 success,
//! 1 invalid input, validation findings or a refused action. Only [`out`] prints.

mod import;
pub mod out;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Examples:
  factmark                                  open the app on the bundled sample article
  factmark article.txt                      open an article (and its .factmark.json, if any)
  factmark import article.html              write article.factmark.json beside it
  factmark import notes.md -o out.factmark.json --title \"Budget speech\" --url https://example.org/budget
  factmark validate annotations/*.factmark.json

Offsets in factmark files count Unicode code points (Python str indices), end exclusive.";

/// Claim and fact-check annotation of articles.
///
/// A reviewer opens an article, selects the spans that make checkable claims, and marks each
/// one verified, disputed or inaccurate with a rationale and sources. The work is saved as a
/// `.factmark.json` file that embeds the article text, so every claim can be checked against
/// the exact words it was made on.
#[derive(Debug, Parser)]
#[command(
    name = "factmark",
    version,
    args_conflicts_with_subcommands = true,
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// An article (.txt, .md, .html) or a .factmark.json file to open in the app. Without
    /// it, the app opens the bundled sample article with its annotations.
    pub path: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import an article (.txt in any encoding, .md, .html) into a new .factmark.json file.
    ///
    /// The article's text is made canonical (BOM removed, CRLF and CR turned into LF; HTML
    /// and Markdown reduced to the text a reader sees) and embedded in the new file with no
    /// claims. Prints the path it wrote.
    Import(ImportArgs),
    /// Check .factmark.json files and report every problem.
    ///
    /// Checks the schema, the version, the text's SHA-256, every claim's offsets and quote
    /// against the text, duplicate ids, verdicts, dates and source URLs. Each problem is
    /// printed as `FILE: claim ID: field: what is wrong`. Never changes a file. Exit status 1
    /// if any file has an error.
    Validate(ValidateArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The article file: .txt (UTF-8, UTF-16 with BOM, or a legacy encoding, detected),
    /// .md/.markdown, or .html/.htm.
    pub article: PathBuf,
    /// Where to write the annotations. Default: <article stem>.factmark.json beside the article.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The article's title. Default: the HTML <title> or first heading, else the file name.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Where the article was published (an http:// or https:// link).
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    pub url: Option<String>,
    /// Replace OUT if it already exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The .factmark.json files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

fn parse_url(url: &str) -> Result<String, String> {
    crate::format::check_url(url).map(|()| url.to_owned())
}

/// Runs one subcommand.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Import(args) => import::run(&args),
        Command::Validate(args) => validate::run(&args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
