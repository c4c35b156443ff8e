//! Stage 1: reads articles and the fact file. The only stage that reads files.

pub mod dates;
mod decode;
pub mod error;
pub mod fact_file;
pub mod file;
mod front_matter;
mod html;
mod markdown;
mod suppress;
mod text;
pub mod walk;

pub use error::{FactFileError, FactFileErrorKind, LoadError, LoadWarning};
pub use fact_file::{
    fact_file_from_bytes, json_schema, parse_fact_file, parse_fact_file_lenient,
    parse_fact_file_masked, read_fact_file, read_fact_file_source,
};
pub use walk::{find_articles, walk_articles};

use crate::article::{Article, ArticleFormat, ArticleId, ArticleMeta};
use jiff::civil::Date;
use std::path::Path;

/// Articles larger than this are refused unread unless [`LoadOptions`] says otherwise. While
/// it is checked, an article's claims take about 40 times the size of its text (each word is
/// kept with its lower-case and folded forms, most of a check's memory): 16 MiB of plain text
/// peaks near 700 MB, far above any real article (news pages are well under 5 MB of HTML).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

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
    article_from_bytes(&bytes, format_of(path), display, id, opts)
}

/// Builds an article from a file's bytes: what [`read_article`] does after reading (also the
/// entry point for fuzzing the loader without touching the disk).
pub fn article_from_bytes(
    bytes: &[u8],
    format: ArticleFormat,
    display: &str,
    id: ArticleId,
    opts: &LoadOptions,
) -> Result<(Article, Vec<LoadWarning>), LoadError> {
    let (source, mut warnings) = match decode::decode(bytes, display) {
        decode::Decoded::Text(s, w) => (s, w),
        decode::Decoded::Skipped(w) => {
            return Err(LoadError::Skipped {
                path: w.path,
                reason: w.message,
            });
        }
    };
    let mut article = parse_article(source, format, display, id, &mut warnings);
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

/// The example and the three development corpora, each fact file with its articles: real
/// prose for the tests that hold a fast reading to a slow one.
#[cfg(test)]
pub(crate) fn corpora() -> Vec<(crate::facts::FactFile, Vec<Article>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        ("fixtures/example/facts.yaml", "fixtures/example"),
        ("corpus/dev/facts.yaml", "corpus/dev/articles"),
        ("corpus/dev2/facts.yaml", "corpus/dev2/articles"),
        ("corpus/dev3/facts.yaml", "corpus/dev3/articles"),
    ]
    .into_iter()
    .map(|(facts, dir)| {
        let facts = read_fact_file(&root.join(facts), facts).expect("fact file");
        let articles = walk_articles(&[root.join(dir)])
            .enumerate()
            .filter_map(|(i, found)| {
                let (path, display) = found.expect("listed");
                let id = ArticleId(u32::try_from(i).expect("a few articles"));
                read_article(&path, &display, id, &Default::default())
                    .ok()
                    .map(|(article, _)| article)
            })
            .collect();
        (facts, articles)
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use jiff::civil::date;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    }

    #[test]
    fn plain_text_maps_to_itself_and_takes_the_default_date() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = write(
            dir.path(),
            "a.txt",
            "Kyiv, Nov 10.\n\n145 drones.\n".as_bytes(),
        );
        let opts = LoadOptions {
            default_published: Some(date(2024, 11, 10)),
            ..LoadOptions::default()
        };
        let (a, w) = read_article(&p, "a.txt", ArticleId(3), &opts).expect("readable");
        assert!(w.is_empty());
        assert_eq!(
            (a.id, a.format, a.path.as_str()),
            (ArticleId(3), ArticleFormat::Text, "a.txt")
        );
        assert_eq!(a.text, a.source);
        assert_eq!(a.source_span(Span::new(15, 18)), Span::new(15, 18));
        assert_eq!(a.meta.published, Some(date(2024, 11, 10)));
    }

    #[test]
    fn front_matter_date_wins_over_the_default() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = write(
            dir.path(),
            "a.MD",
            b"---\npublished: 2024-11-11\n---\nText.\n",
        );
        let opts = LoadOptions {
            default_published: Some(date(2024, 1, 1)),
            ..LoadOptions::default()
        };
        let (a, _) = read_article(&p, "a.MD", ArticleId(0), &opts).expect("readable");
        assert_eq!(a.format, ArticleFormat::Markdown);
        assert_eq!(a.meta.published, Some(date(2024, 11, 11)));
        assert_eq!(a.text, "Text.");
    }

    #[test]
    fn empty_binary_and_large_files_are_refused_clearly() {
        let dir = tempfile::tempdir().expect("temp dir");
        let opts = LoadOptions {
            max_file_bytes: 50,
            ..LoadOptions::default()
        };
        let empty = write(dir.path(), "e.md", b"  \n");
        let e = read_article(&empty, "e.md", ArticleId(0), &opts).expect_err("empty");
        assert!(e.as_skip_warning().is_some(), "{e}");
        let bin = write(dir.path(), "b.txt", b"PK\x03\x04\0\0");
        let e = read_article(&bin, "b.txt", ArticleId(0), &opts).expect_err("binary");
        assert!(e.to_string().contains("binary"), "{e}");
        let big = write(dir.path(), "big.txt", &[b'a'; 51]);
        let e = read_article(&big, "big.txt", ArticleId(0), &opts).expect_err("large");
        assert!(e.as_skip_warning().is_none());
        assert!(
            e.to_string().starts_with("big.txt: file is 51 bytes"),
            "{e}"
        );
        let e = read_article(
            &dir.path().join("gone.txt"),
            "gone.txt",
            ArticleId(0),
            &opts,
        )
        .expect_err("missing");
        assert_eq!(e.to_string(), "gone.txt: no such file or directory");
    }

    #[test]
    fn invalid_utf8_is_read_with_a_warning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = write(dir.path(), "a.txt", b"caf\xE9 society");
        let (a, w) =
            read_article(&p, "a.txt", ArticleId(0), &LoadOptions::default()).expect("readable");
        assert_eq!(a.text, "caf\u{FFFD} society");
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("offset 3"), "{}", w[0].message);
    }
}
