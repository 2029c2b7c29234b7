//! The command line: argument parsing and the subcommands over the library.
//!
//! Arguments become a validated plan (clap, with value parsers) before any work starts, so a
//! bad flag fails up front with exit status 2. Commands return an [`ExitCode`]: 0 success,
//! 1 invalid input, validation findings or a refused action. Only [`out`] prints.

mod export;
mod import;
mod merge;
pub mod out;
mod reanchor;
mod scales;
mod stats;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::ops::export::Format as ExportFormat;
use crate::ops::import::Format as ImportFormat;

const AFTER_HELP: &str = "\
Examples:
  factmark                                  open the app on the bundled sample article
  factmark article.txt                      open an article (and its .factmark.json, if any)
  factmark import article.html              write article.factmark.json beside it
  factmark import notes.md -o out.factmark.json --title \"Budget speech\" --url https://example.org/budget
  factmark validate annotations/*.factmark.json
  factmark export article.factmark.json --format w3c -o article.w3c.jsonld
  factmark export article.factmark.json --format claimreview --publisher \"Example Checks\"
  factmark export article.factmark.json --format html -o report.html
  factmark import task.json --from label-studio -o article.factmark.json
  factmark import annotations.jsonld --from w3c --article article.txt
  factmark reanchor article.factmark.json --article article-corrected.txt
  factmark stats ana.factmark.json ben.factmark.json    agreement of two reviewers

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
    /// Write a .factmark.json file's claims in another format: W3C Web Annotation,
    /// schema.org ClaimReview, CSV, JSONL (doccano), Label Studio tasks, or an HTML report.
    ///
    /// Writes to stdout unless -o is given. A file that does not validate is not exported.
    /// Fields a format needs that the file cannot supply are reported on stderr and left
    /// out, never made up.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Carry a .factmark.json file's claims to a corrected version of its article.
    ///
    /// Each claim is placed on the new text and said to be `exact` (a diff maps it and its
    /// words and context are unchanged), `moved` (its words found unchanged elsewhere, with
    /// agreeing context), `fuzzy` (its words or context edited a little, placed only when
    /// one place clearly fits best) or `orphaned` (anything else: ambiguity is never
    /// guessed). Orphans are kept whole in the file's `orphans` list. Orphans the file
    /// already had are tried again. Prints a summary on stderr and the path written on
    /// stdout (with --json, a report of every claim instead).
    #[command(after_help = REANCHOR_HELP)]
    Reanchor(ReanchorArgs),
    /// List the verdict scales `import --scale` knows: each one's name, whether it is
    /// ordered, and its levels (id, label, rating) in the order keys 1..9 mark with them.
    ///
    /// A file without a scale uses `factmark` (verified, disputed, inaccurate). A team's
    /// own scale goes in a JSON file for `import --scale-file`, shaped as `--json` prints
    /// each scale.
    Scales(ScalesArgs),
    /// Count each file's claims by verdict and status, and measure how far reviewers of one
    /// text agree on where the claims are and what the verdicts are.
    ///
    /// Two or more files must be on the same text (the same `article.sha256`); a file on
    /// another text is refused by name. A file that does not validate is refused.
    #[command(after_help = STATS_HELP)]
    Stats(StatsArgs),
    /// Merge several reviewers' files of one text into one file.
    ///
    /// Claims are matched as `stats` matches them (its --help has the rule). A unit on which
    /// every file agrees — one span, one verdict among those rated — becomes one claim;
    /// any other becomes one claim in review with each reviewer's version in its
    /// `conflict` list. The inputs are left as they are.
    #[command(after_help = MERGE_HELP)]
    Merge(MergeArgs),
}

const MERGE_HELP: &str = "\
Agreed units: sources united by URL, each rationale kept with its author (the claim's
`rationales`; the rationale shows each as `author: text` when they differ), histories and
comments united, the latest status kept. Conflicting units: status in_review, the verdict
the rated versions share (else unreviewed), the span most versions have, and `conflict`:
[{by, id, verdict, start, end, rationale, sources}] for every version. Every merged claim
lists what it was made from in `from`: [{by, id}]. A claim's author is who last changed
it, else who created it, else its file's name.

Any order of the inputs gives a byte-identical file; merging the output again with any of
its inputs changes nothing. Files on different texts or scales, or that do not validate,
are refused by name and nothing is written.

With --json, stdout holds one object: {\"files\", \"output\", \"claims\",
\"agreed\": [unit], \"conflicts\": [unit], \"already_merged\"}, each unit {\"id\", \"start\",
\"end\", \"verdict\", \"files\", \"differ\"}.

Example:
  factmark merge ana.factmark.json ben.factmark.json -o article.merged.factmark.json";

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The reviewers' .factmark.json files, all on one text and one scale.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write the merged file.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Replace OUT if it exists, even if it is one of the inputs.
    #[arg(long)]
    pub force: bool,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
}

const STATS_HELP: &str = "\
Units. Every claim is a span, unreviewed ones included. Claims of different files on the
same span are one unit; otherwise two claims are one unit when their overlap (intersection
over union, in code points) is at least 0.5. A unit holds at most one claim per file and
every two of its claims overlap that much; the best overlaps are joined first.

Spans, for each pair of files a, b in argument order, a as the reference:
  precision = matched / claims of b, recall = matched / claims of a, F1 = 2 matched /
  (claims of a + claims of b); once for identical spans, once by the unit rule.
Verdicts, over units, unreviewed (or no claim) counting as not rated:
  percent agreement  of the units two or more files rated, the share where all agree
  Cohen's kappa      each pair, over the units both rated
  Fleiss' kappa      over the units every file rated
  Krippendorff's alpha  nominal, and ordinal in the scale's order (worst to best; only
                     when every file is on the same ordered scale), over the units two or
                     more files rated
A statistic with nothing to measure (no units, a single category) is shown as - and is
null in --json.

Example:
  factmark stats ana.factmark.json ben.factmark.json chloe.factmark.json --json";

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The reviewers' .factmark.json files, all on one text.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print one JSON object: {"files", "units", "spans", "verdicts", "counts"}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ScalesArgs {
    /// Print the scales as one JSON array, each as the file's `scale` field holds it.
    #[arg(long)]
    pub json: bool,
}

const REANCHOR_HELP: &str = "\
Examples:
  factmark reanchor report.factmark.json --article report-v2.html
  factmark reanchor report.factmark.json --article report-v2.txt -o checked-v2.factmark.json --json

With --json, stdout holds only a JSON array, one object per claim:
  {\"id\": ..., \"state\": \"exact|moved|fuzzy|orphaned\", \"old\": [start, end],
   \"new\": [start, end] or null, \"score\": 0 to 1}";

#[derive(Debug, Args)]
pub struct ReanchorArgs {
    /// The .factmark.json file whose claims are carried over (left as it is, unless -o names
    /// it and --force is given).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The new version of the article (.txt, .md, .html, .mhtml).
    #[arg(long, value_name = "NEW")]
    pub article: PathBuf,
    /// For a web page: which of its text is the new version (as `import --extract`).
    #[arg(long, value_enum, value_name = "WHICH", default_value_t)]
    pub extract: crate::text::Extract,
    /// Where to write. Default: <NEW stem>.factmark.json beside NEW.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace OUT if it exists, even if it is FILE itself.
    #[arg(long)]
    pub force: bool,
    /// Print a JSON report of every claim on stdout.
    #[arg(long)]
    pub json: bool,
}

const EXPORT_HELP: &str = "\
Formats:
  w3c           W3C Web Annotation AnnotationCollection (JSON-LD): per claim the verdict,
                rationale and source links as bodies, and the article as target with a
                TextQuoteSelector and a TextPositionSelector (code points, end exclusive)
  claimreview   schema.org ClaimReview objects (JSON-LD array), one per judged claim, for
                Google's fact-check markup; use --publisher and --review-url
  csv           RFC 4180 CSV, UTF-8, one row per claim: id, start, end, verdict, exact,
                rationale, sources, created_by, created_at, modified_by, modified_at
  jsonl         doccano sequence labelling: {\"text\": ..., \"label\": [[start, end, verdict]]}
  label-studio  Label Studio task JSON; offsets in UTF-16 code units, as Label Studio's
                browser counts them (they differ from code points after an emoji)
  html          a standalone, printable report: the article with claims highlighted and
                numbered, then each claim's verdict, rationale and sources; no scripts

Examples:
  factmark export article.factmark.json --format csv -o claims.csv
  factmark export article.factmark.json --format claimreview --publisher \"Example Checks\" \\
      --review-url https://example.org/checks/budget";

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The .factmark.json file to export, or an article whose annotations are beside it.
    pub file: PathBuf,
    /// The format to write.
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,
    /// Where to write. Default: stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace OUT if it already exists.
    #[arg(long)]
    pub force: bool,
    /// claimreview: the organisation publishing the fact-check (each review's author).
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// claimreview: the page where the fact-check is published; each review's url is this
    /// with #<claim id> appended.
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    pub review_url: Option<String>,
    /// csv: write cells that start with =, +, -, @, tab or CR as they are. By default such
    /// cells get a leading ' so that a spreadsheet shows them as text instead of running
    /// them as formulas (CSV injection, as OWASP describes it).
    #[arg(long)]
    pub csv_formulas: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The article file: .txt (UTF-8, UTF-16 with BOM, or a legacy encoding, detected),
    /// .md/.markdown, .html/.htm, or a page saved as one file (.mhtml/.mht). With --from:
    /// the other tool's annotation file.
    #[arg(value_name = "FILE")]
    pub article: PathBuf,
    /// Read FILE as another tool's annotations instead of an article. Labels that are not
    /// factmark verdicts become unreviewed claims with the label kept in the rationale.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<ImportFormat>,
    /// With --from: the article the annotations are on (required for w3c; for the others,
    /// a check that the file's text is this article's).
    #[arg(long = "article", value_name = "ARTICLE", requires = "from")]
    pub with_article: Option<PathBuf>,
    /// Where to write the annotations. Default: <FILE stem>.factmark.json beside FILE.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The article's title. Default: the HTML <title> or first heading, else the file name.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Where the article was published (an http:// or https:// link). Default: a web
    /// page's canonical address, if it gives one.
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    pub url: Option<String>,
    /// For a web page (.html, .htm, .mhtml, .mht): which of its text becomes the article.
    /// The import says which was used and how many of the page's words it kept.
    #[arg(
        long,
        value_enum,
        value_name = "WHICH",
        default_value_t,
        conflicts_with = "from"
    )]
    pub extract: crate::text::Extract,
    /// The verdict scale the file starts with (see `factmark scales`). Default: factmark's
    /// own (verified, disputed, inaccurate), written as no `scale` at all. With --from, the
    /// labels are matched to this scale's level ids and labels.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(crate::model::PRESETS))]
    pub scale: Option<String>,
    /// A team's own scale, from a JSON file shaped as the file's `scale` field:
    /// {"name", "ordered", "levels": [{"id", "label", "rating"}]}.
    #[arg(long, value_name = "SCALE.json", conflicts_with = "scale")]
    pub scale_file: Option<PathBuf>,
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

/// The export formats as `--format` values: the names `ops` gives them, with a line each.
impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Self::W3c => "W3C Web Annotation collection (JSON-LD)",
            Self::ClaimReview => "schema.org ClaimReview array (JSON-LD)",
            Self::Csv => "RFC 4180 CSV, one row per claim",
            Self::Jsonl => "doccano JSONL: text and [start, end, verdict] labels",
            Self::LabelStudio => "Label Studio tasks (UTF-16 offsets)",
            Self::LabelStudioConfig => "the Label Studio labelling config for the file's scale",
            Self::Html => "standalone HTML report",
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}

/// The import formats as `--from` values.
impl ValueEnum for ImportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Self::W3c => "W3C Web Annotation (needs --article: annotations do not carry the text)",
            Self::LabelStudio => {
                "Label Studio task JSON (UTF-16 offsets, as Label Studio writes them)"
            }
            Self::Jsonl => "doccano JSONL: one line with text and [start, end, label] labels",
        };
        Some(PossibleValue::new(self.as_str()).help(help))
    }
}

/// Checks, before any work, that writing `output` loses nothing: it is not there yet (or
/// `--force` was given), and it is not the `input` itself (`what` names the input).
fn check_output(
    input: &std::path::Path,
    output: &std::path::Path,
    force: bool,
    what: &str,
) -> Result<(), String> {
    if output.exists() && !force {
        return Err(format!(
            "{}: already exists; pass --force to replace it, or -o to write elsewhere",
            output.display()
        ));
    }
    let same = matches!(
        (input.canonicalize(), output.canonicalize()),
        (Ok(a), Ok(b)) if a == b
    );
    if same {
        return Err(format!(
            "{}: the output would overwrite {what}; choose another -o",
            output.display()
        ));
    }
    Ok(())
}

/// Checked again just before the write: without `force`, a file that appeared at `output`
/// while factmark read and worked (another program wrote it) is not written over.
fn still_absent(output: &std::path::Path, force: bool) -> Result<(), String> {
    if !force && std::fs::symlink_metadata(output).is_ok() {
        return Err(format!(
            "{}: a file appeared there while factmark worked; nothing was written (pass \
             --force to replace it)",
            output.display()
        ));
    }
    Ok(())
}

fn parse_url(url: &str) -> Result<String, String> {
    crate::model::rules::check_url(url).map(|()| url.to_owned())
}

/// Runs one subcommand.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Import(args) => import::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Reanchor(args) => reanchor::run(&args),
        Command::Scales(args) => scales::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Merge(args) => merge::run(&args),
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
