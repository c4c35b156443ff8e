//! YAML front matter of Markdown articles: `---` … `---` with title, outlet, published, url.

use super::dates::parse_published;
use super::error::LoadWarning;
use crate::article::ArticleMeta;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The keys we read; others are ignored (front matter serves many tools).
#[derive(Debug, Deserialize)]
struct RawFrontMatter {
    title: Option<String>,
    outlet: Option<String>,
    published: Option<Spanned<String>>,
    url: Option<String>,
}

/// Metadata from the front matter and where the Markdown body starts.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct FrontMatter {
    pub meta: ArticleMeta,
    /// Byte offset of the body: after the closing fence, or 0 when there is no front matter.
    pub body_start: usize,
}

/// Splits front matter from `source`. Unclosed front matter is a warning and the whole file
/// is the body. Front matter that is closed but invalid is a warning and yields no metadata;
/// the block is still left out of the body, since its keys are not article prose.
pub(super) fn split(source: &str, display: &str, warnings: &mut Vec<LoadWarning>) -> FrontMatter {
    let Some(first_end) = fence_line_end(source, 0, &["---"]) else {
        return FrontMatter::default();
    };
    let mut at = first_end;
    let (yaml_end, body_start) = loop {
        if at >= source.len() {
            warnings.push(LoadWarning::at(
                display,
                1,
                1,
                "front matter opened with `---` is never closed; read the file as if it had none",
            ));
            return FrontMatter::default();
        }
        if let Some(end) = fence_line_end(source, at, &["---", "..."]) {
            break (at, end);
        }
        at = source[at..].find('\n').map_or(source.len(), |i| at + i + 1);
    };
    let yaml = &source[first_end..yaml_end];
    let meta = if yaml.trim().is_empty() {
        ArticleMeta::default()
    } else {
        parse_meta(source, first_end, yaml, display, warnings).unwrap_or_default()
    };
    FrontMatter { meta, body_start }
}

/// If a fence line (one of `fences`, then optional spaces) starts at `at`, the offset after
/// its line break.
fn fence_line_end(source: &str, at: usize, fences: &[&str]) -> Option<usize> {
    let rest = &source[at..];
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = rest[..line_end].trim_end_matches(['\n', '\r', ' ', '\t']);
    fences.contains(&line).then_some(at + line_end)
}

fn parse_meta(
    source: &str,
    yaml_start: usize,
    yaml: &str,
    display: &str,
    warnings: &mut Vec<LoadWarning>,
) -> Option<ArticleMeta> {
    // The line the YAML starts on: the lines before it are only the opening fence, so they
    // are counted here rather than by indexing the whole article.
    let first_line = source.as_bytes()[..yaml_start]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    let raw: RawFrontMatter = match serde_saphyr::from_str_with_options(
        yaml,
        super::fact_file::yaml_options(),
    ) {
        Ok(raw) => raw,
        Err(e) => {
            let e = super::fact_file::describe_yaml_error(&e, yaml, display);
            warnings.push(LoadWarning::at(
                    display,
                    e.line + first_line - 1,
                    e.column,
                    &format!(
                        "invalid front matter ({}: {}); its metadata is ignored and the block is not read as text",
                        front_matter_label(e.kind),
                        e.message
                    ),
                ));
            return None;
        }
    };
    let published = raw.published.and_then(|p| match parse_published(&p.value) {
        Ok(d) => Some(d),
        Err(msg) => {
            warnings.push(LoadWarning::at(
                display,
                p.referenced.line() as usize + first_line - 1,
                p.referenced.column() as usize,
                &format!("front matter `published`: {msg}; ignored"),
            ));
            None
        }
    });
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Some(ArticleMeta {
        title: clean(raw.title),
        outlet: clean(raw.outlet),
        published,
        url: clean(raw.url),
    })
}

/// What kind of problem the front matter has. The fact-file labels would name the wrong file.
fn front_matter_label(kind: super::error::FactFileErrorKind) -> &'static str {
    use super::error::FactFileErrorKind::{Io, Limit, Schema, Semantic, Syntax};
    match kind {
        Syntax | Io => "YAML syntax error",
        Schema | Semantic => "unexpected value",
        Limit => "YAML exceeds a safety limit",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn run(src: &str) -> (FrontMatter, Vec<LoadWarning>) {
        let mut w = Vec::new();
        (split(src, "a.md", &mut w), w)
    }

    #[test]
    fn front_matter_gives_metadata_and_the_body_start() {
        let src = "---\ntitle: Call denied\noutlet: Reuters\npublished: 2024-11-11\nurl: https://example.com/x\nauthor: [a, b]\n---\nBody.\n";
        let (fm, w) = run(src);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(fm.meta.title.as_deref(), Some("Call denied"));
        assert_eq!(fm.meta.outlet.as_deref(), Some("Reuters"));
        assert_eq!(fm.meta.published, Some(date(2024, 11, 11)));
        assert_eq!(fm.meta.url.as_deref(), Some("https://example.com/x"));
        assert_eq!(&src[fm.body_start..], "Body.\n");
    }

    #[test]
    fn date_times_keep_their_local_date() {
        let (fm, w) = run("---\npublished: 2024-11-10T23:30:00-05:00\n...\nText");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(fm.meta.published, Some(date(2024, 11, 10)));
        let (fm, w) = run("---\npublished: \"2024-11-11T02:00:00+03:00\"\n---\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(fm.meta.published, Some(date(2024, 11, 11)));
    }

    #[test]
    fn no_front_matter_is_fine() {
        let (fm, w) = run("# Title\n---\n");
        assert_eq!((fm, w), (FrontMatter::default(), vec![]));
    }

    #[test]
    fn unclosed_front_matter_is_a_warning_and_ignored() {
        let (fm, w) = run("---\ntitle: x\n\nBody text.\n");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message.starts_with("1:1: front matter"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn invalid_front_matter_warns_with_its_place() {
        let src = "---\ntitle: ok\ntitle: twice\n---\nBody.\n";
        let (fm, w) = run(src);
        assert_eq!(fm.meta, ArticleMeta::default());
        assert_eq!(&src[fm.body_start..], "Body.\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line_col, Some((3, 1)), "{}", w[0].message);
        let (fm, w) = run("---\ntitle: x\npublished: 2024-02-30\n---\n");
        assert_eq!(fm.meta.title.as_deref(), Some("x"));
        assert_eq!(fm.meta.published, None);
        assert_eq!(w[0].line_col, Some((3, 12)), "{}", w[0].message);
        assert!(
            !w[0].message.contains("fact file"),
            "front matter is not the fact file: {}",
            w[0].message
        );
        let (_, w) = run("---\ntitle: [unclosed\n---\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line_col.map(|l| l.0), Some(2), "{}", w[0].message);
    }

    #[test]
    fn empty_values_and_odd_keys_are_not_errors() {
        let (fm, w) = run("---\ntitle:\noutlet: ~\n---\nBody.\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(fm.meta, ArticleMeta::default());
    }
}
