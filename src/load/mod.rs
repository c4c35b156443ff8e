//! Stage 1: reads articles and the fact file. The only stage that reads files.

pub mod dates;
mod decode;
pub mod error;
pub mod fact_file;
mod front_matter;
mod html;
mod markdown;
mod suppress;
mod text;
pub mod walk;

pub use error::{FactFileError, FactFileErrorKind, LoadError, LoadWarning};
pub use fact_file::{json_schema, parse_fact_file, read_fact_file};
pub use walk::find_articles;

use crate::article::{Article, ArticleFormat, ArticleId, ArticleMeta};
use jiff::civil::Date;
use std::path::Path;

/// Articles larger than this are refused unread unless [`LoadOptions`] says otherwise.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Options that apply to every article.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Publication date for articles that do not give one (`--published`).
    pub default_published: Option<Date>,
    /// Files larger than this many bytes are refused without being read.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            default_published: None,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// The format of an article file, from its extension; anything unknown is plain text.
pub fn format_of(path: &Path) -> ArticleFormat {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => ArticleFormat::Markdown,
        "html" | "htm" => ArticleFormat::Html,
        _ => ArticleFormat::Text,
    }
}

/// Reads one article. A file skipped on purpose (binary, empty) comes back as
/// [`LoadError::Skipped`], which callers show as a warning ([`LoadError::as_skip_warning`]).
pub fn read_article(
    path: &Path,
    display: &str,
    id: ArticleId,
    opts: &LoadOptions,
) -> Result<(Article, Vec<LoadWarning>), LoadError> {
    let bytes = decode::read_limited(path, display, opts.max_file_bytes)?;
    let (source, mut warnings) = match decode::decode(&bytes, display) {
        decode::Decoded::Text(s, w) => (s, w),
        decode::Decoded::Skipped(w) => {
            return Err(LoadError::Skipped {
                path: w.path,
                reason: w.message,
            });
        }
    };
    let mut article = parse_article(source, format_of(path), display, id, &mut warnings);
    if article.meta.published.is_none() {
        article.meta.published = opts.default_published;
    }
    Ok((article, warnings))
}

/// Builds an article from already-decoded source text.
pub fn parse_article(
    source: String,
    format: ArticleFormat,
    display: &str,
    id: ArticleId,
    warnings: &mut Vec<LoadWarning>,
) -> Article {
    match format {
        ArticleFormat::Text => Article::plain(id, display, source, ArticleMeta::default()),
        ArticleFormat::Markdown => markdown::read(source, display, id, warnings),
        ArticleFormat::Html => html::read(source, display, id, warnings),
    }
}
