//! `factmark import ARTICLE`: a new annotation file for an article.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{ImportArgs, out};
use crate::format::{self, default_path};
use crate::model::{Document, Scale};
use crate::ops::import;
use crate::text::{import_file, import_file_with};

pub fn run(args: &ImportArgs) -> ExitCode {
    match import(args) {
        Ok(path) => {
            out::result(&path.display().to_string());
            ExitCode::SUCCESS
        }
        Err(message) => {
            out::error(&message);
            ExitCode::FAILURE
        }
    }
}

fn import(args: &ImportArgs) -> Result<PathBuf, String> {
    let article_path = &args.article;
    let scale = scale_of(args)?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_path(article_path));
    if let Some(from) = args.from {
        return import_from(args, from, &output, scale);
    }

    if format::is_annotation_path(article_path) {
        return Err(format!(
            "{}: is already a factmark file; open it with `factmark {0}` or check it with \
             `factmark validate {0}`",
            article_path.display()
        ));
    }
    // Refuse before any work, so a refused import changes nothing.
    super::check_output(article_path, &output, args.force, "the article itself")?;

    let imported = import_file_with(article_path, args.extract).map_err(|e| e.to_string())?;
    if imported.encoding != "UTF-8" {
        out::note(&format!(
            "read {} as {}",
            article_path.display(),
            imported.encoding
        ));
    }
    if let Some(extraction) = &imported.extraction {
        out::note(&format!(
            "{}: {}",
            article_path.display(),
            extraction.note(crate::text::Extraction::CLI_REMEDY)
        ));
    }
    let mut article = crate::ops::open::new_article(imported, article_path);
    if let Some(title) = &args.title {
        article.title.clone_from(title);
    }
    article.url = args.url.clone().unwrap_or_default();
    let mut document = Document::new(article);
    document
        .set_scale(scale)
        .map_err(|p| format!("the scale cannot be used: {}: {}", p.field, p.message))?;
    super::still_absent(&output, args.force)?;
    format::save(&document, &output)
        .map_err(|e| format!("{}: cannot write it: {e}", output.display()))?;
    Ok(output)
}

/// `factmark import FILE --from FORMAT`: another tool's annotations as a factmark file.
fn import_from(
    args: &ImportArgs,
    from: import::Format,
    output: &Path,
    scale: Option<Scale>,
) -> Result<PathBuf, String> {
    let file = &args.article;
    super::check_output(file, output, args.force, "the file being imported")?;
    if let Some(article) = &args.with_article {
        // Whatever --force says, the output never replaces an input.
        super::check_output(article, output, true, "the article")?;
    }
    let article = match &args.with_article {
        Some(path) => Some(import_file(path).map_err(|e| e.to_string())?.text),
        None => None,
    };
    let (bytes, _) = crate::input::read(file, crate::format::MAX_FILE_BYTES)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let mut imported = crate::ops::import::import_on(&bytes, from, article.as_deref(), scale)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    for note in &imported.notes {
        out::note(&format!("{}: {note}", file.display()));
    }
    if !imported.unknown_labels.is_empty() {
        let total: usize = imported.unknown_labels.iter().map(|(_, n)| n).sum();
        let labels: Vec<String> = imported
            .unknown_labels
            .iter()
            .map(|(label, n)| format!("{label:?} ({n})"))
            .collect();
        out::note(&format!(
            "{}: {total} claims have labels that are not levels of the {:?} scale: {}; they \
             are unreviewed, with the label kept in the rationale",
            file.display(),
            imported.document.scale().name,
            labels.join(", ")
        ));
    }
    let document = &mut imported.document;
    if let Some(title) = &args.title {
        document.article.title.clone_from(title);
    }
    if let Some(url) = &args.url {
        document.article.url.clone_from(url);
    }
    if let Some(name) = args
        .with_article
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
    {
        document.article.source_file = name;
    }
    out::note(&format!(
        "{}: {} claims imported from {from}",
        file.display(),
        document.claims().len()
    ));
    super::still_absent(output, args.force)?;
    format::save(document, output)
        .map_err(|e| format!("{}: cannot write it: {e}", output.display()))?;
    Ok(output.to_owned())
}

/// The scale `--scale` or `--scale-file` names, checked; none: factmark's.
fn scale_of(args: &ImportArgs) -> Result<Option<Scale>, String> {
    if let Some(name) = &args.scale {
        return Scale::preset(name)
            .map(Some)
            .ok_or_else(|| format!("{name:?} is not a scale: see `factmark scales`"));
    }
    let Some(path) = &args.scale_file else {
        return Ok(None);
    };
    let (bytes, _) =
        crate::input::read(path, 1 << 20).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not a scale: {e}", path.display()))?;
    format::scale_from_json(value)
        .map(Some)
        .map_err(|why| format!("{}: {why}", path.display()))
}
