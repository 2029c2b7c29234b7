//! `factmark stats FILE... [--json]`: counts per file and agreement between reviewers.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{StatsArgs, out};
use crate::format;
use crate::model::{Document, State};
use crate::ops::team::stats::{Prf, Report, Reviewer, report};

/// Loads every file, reporting each one that does not validate; `None` if any did not.
pub(super) fn load_all(files: &[std::path::PathBuf], what: &str) -> Option<Vec<Document>> {
    let mut documents = Vec::with_capacity(files.len());
    let mut failed = false;
    // The same file by two spellings (`a.json`, `./a.json`) is the same reviewer twice.
    let same = |a: &std::path::Path, b: &std::path::Path| {
        a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    };
    for (i, path) in files.iter().enumerate() {
        if files[..i].iter().any(|earlier| same(earlier, path)) {
            out::error(&format!(
                "{}: given twice; each reviewer's file once",
                path.display()
            ));
            failed = true;
            continue;
        }
        match format::load_file(path).into_valid() {
            Ok(document) => documents.push(document),
            Err(diagnostics) => {
                for d in diagnostics.iter().filter(|d| d.is_error()) {
                    out::error(&format!("{}: {d}", path.display()));
                }
                out::error(&format!(
                    "{}: not {what}; `factmark validate` lists what to fix",
                    path.display()
                ));
                failed = true;
            }
        }
    }
    (!failed).then_some(documents)
}

pub fn run(args: &StatsArgs) -> ExitCode {
    let Some(documents) = load_all(&args.files, "compared") else {
        return ExitCode::FAILURE;
    };
    let names: Vec<String> = args.files.iter().map(|p| p.display().to_string()).collect();
    let reviewers: Vec<Reviewer<'_>> = names
        .iter()
        .zip(&documents)
        .map(|(name, document)| Reviewer { name, document })
        .collect();
    let report = match report(&reviewers) {
        Ok(report) => report,
        Err(e) => {
            out::error(&e.to_string());
            return ExitCode::FAILURE;
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => out::result(&json),
            Err(e) => {
                out::error(&format!("cannot write the report: {e}"));
                return ExitCode::FAILURE;
            }
        }
    } else {
        out::result(text(&report, &documents).trim_end());
    }
    ExitCode::SUCCESS
}

fn number(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{x:.3}"))
}

fn prf(p: &Prf) -> String {
    format!(
        "{:>6} {:>6} {:>6}",
        number(p.precision),
        number(p.recall),
        number(p.f1)
    )
}

/// The report as people read it.
fn text(report: &Report, documents: &[Document]) -> String {
    let mut s = String::new();
    for ((name, counts), document) in report.counts.0.iter().zip(documents) {
        let scale = document.scale();
        let verdicts: Vec<String> = counts
            .verdicts
            .0
            .iter()
            .map(|(id, n)| format!("{} {n}", scale.label(&crate::model::Verdict::new(id))))
            .collect();
        let status: Vec<String> = counts
            .status
            .0
            .iter()
            .filter_map(|(id, n)| Some(format!("{} {n}", State::parse(id)?.label())))
            .collect();
        let _ = writeln!(
            s,
            "{name}: {} claims\n  verdicts: {}\n  status:   {}",
            counts.claims,
            verdicts.join(", "),
            status.join(", ")
        );
    }
    if report.files.len() < 2 {
        return s;
    }
    let _ = writeln!(
        s,
        "\n{} files on one text, {} units (claims matched across files: the rule is in --help)",
        report.files.len(),
        report.units
    );
    let _ = writeln!(
        s,
        "\nSpans, a as the reference      identical spans         by overlap\n  a  ×  b                       P      R      F1       P      R      F1"
    );
    for pair in &report.spans {
        let _ = writeln!(
            s,
            "  {} × {}\n                              {}   {}",
            pair.a,
            pair.b,
            prf(&pair.exact),
            prf(&pair.overlap)
        );
    }
    let v = &report.verdicts;
    let _ = writeln!(s, "\nVerdicts (unreviewed counts as not rated)");
    let _ = writeln!(
        s,
        "  percent agreement      {}",
        v.percent_agreement
            .map_or_else(|| "-".to_owned(), |x| format!("{:.1} %", x * 100.0))
    );
    for c in &v.cohen_kappa {
        let _ = writeln!(
            s,
            "  Cohen's kappa          {}  {} × {} ({} units both rated)",
            number(c.value),
            c.a,
            c.b,
            c.units
        );
    }
    let _ = writeln!(
        s,
        "  Fleiss' kappa          {}  (units every file rated)",
        number(v.fleiss_kappa)
    );
    let _ = writeln!(
        s,
        "  Krippendorff's alpha   {} nominal, {} ordinal",
        number(v.krippendorff_alpha.nominal),
        number(v.krippendorff_alpha.ordinal)
    );
    s
}
