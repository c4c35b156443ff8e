//! Stage 1: reads articles and the fact file. The only stage that reads files.

use crate::article::{Article, ArticleId, ArticleMeta};
use crate::facts::FactFile;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// Options that apply to every article.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Publication date for articles that do not give one (`--published`).
    pub default_published: Option<Date>,
}

/// A problem with one input file; it does not stop the others.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {message}")]
    Article { path: String, message: String },
}

/// Something worth telling about an input that was still read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: String,
    pub message: String,
}

/// A fact-file problem, pointing at its place.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct FactFileError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The article files under `paths`, each with the path to show for it.
pub fn find_articles(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<LoadError>) {
    let found = paths
        .iter()
        .map(|p| (p.clone(), p.display().to_string()))
        .collect();
    (found, Vec::new())
}

/// Reads one article.
pub fn read_article(
    path: &Path,
    display: &str,
    id: ArticleId,
    opts: &LoadOptions,
) -> Result<(Article, Vec<LoadWarning>), LoadError> {
    let source = std::fs::read_to_string(path).map_err(|e| LoadError::Article {
        path: display.to_string(),
        message: e.to_string(),
    })?;
    let meta = ArticleMeta {
        published: opts.default_published,
        ..ArticleMeta::default()
    };
    Ok((Article::plain(id, display, source, meta), Vec::new()))
}

/// Reads and validates a fact file.
pub fn read_fact_file(path: &Path, display: &str) -> Result<FactFile, Vec<FactFileError>> {
    let _ = path;
    Err(vec![FactFileError {
        path: display.to_string(),
        line: 1,
        column: 1,
        message: "fact files are not read yet".into(),
    }])
}
