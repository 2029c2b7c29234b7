//! `factmark import ARTICLE`: a new annotation file for an article.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{ImportArgs, out};
use crate::format::{self, default_path};
use crate::model::{Article, Document};
use crate::text::{Text, import_file};

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
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_path(article_path));

    if format::is_annotation_path(article_path) {
        return Err(format!(
            "{}: is already a factmark file; open it with `factmark {0}` or check it with \
             `factmark validate {0}`",
            article_path.display()
        ));
    }
    // Refuse before any work, so a refused import changes nothing.
    if output.exists() && !args.force {
        return Err(format!(
            "{}: already exists; pass --force to replace it, or -o to write elsewhere",
            output.display()
        ));
    }
    if same_file(article_path, &output) {
        return Err(format!(
            "{}: the output would overwrite the article itself; choose another -o",
            output.display()
        ));
    }

    let imported = import_file(article_path).map_err(|e| e.to_string())?;
    if imported.encoding != "UTF-8" {
        out::note(&format!(
            "read {} as {}",
            article_path.display(),
            imported.encoding
        ));
    }
    let file_name = article_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = article_path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();

    let mut article = Article::new(Text::new(imported.text));
    article.title = args.title.clone().or(imported.title).unwrap_or(stem);
    article.url = args.url.clone().unwrap_or_default();
    article.source_file = file_name;
    let document = Document::new(article);
    format::save(&document, &output)
        .map_err(|e| format!("{}: cannot write it: {e}", output.display()))?;
    Ok(output)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
