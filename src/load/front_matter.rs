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
    } else if let Some(meta) = plain_meta(yaml) {
        meta
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

/// The longest front matter [`plain_meta`] reads.
const PLAIN_MAX_BYTES: usize = 4096;

/// The keys [`plain_meta`] reads, in [`RawFrontMatter`]'s order.
const PLAIN_KEYS: [&str; 4] = ["title", "outlet", "published", "url"];

/// The metadata of front matter of the plainest kind, read without the YAML parser: lines of
/// `key: value` with our four keys once each, and values that YAML reads as exactly their
/// text. For those four lines the parser took about 6% of a check's time (3% of its
/// instructions): its code, run once an article, ran from a cold instruction cache and left
/// it cold for the rest.
///
/// Anything else gives `None`, and the YAML parser reads the block: another key (its value
/// might not be valid YAML), a key twice, indentation, tabs, carriage returns, comments, a
/// value YAML could read as null, a boolean or a collection, quotes with escapes, and a
/// `published` that is no date (the parser's warning says where). A proptest holds this to
/// the parser.
fn plain_meta(yaml: &str) -> Option<ArticleMeta> {
    // Far inside the parser's limits.
    if yaml.len() > PLAIN_MAX_BYTES {
        return None;
    }
    let mut values: [Option<&str>; 4] = [None; 4];
    for line in yaml.split('\n') {
        if line.is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        let slot = PLAIN_KEYS.iter().position(|k| *k == key)?;
        let value = rest.strip_prefix(' ')?.trim_matches(' ');
        if values[slot].is_some() {
            return None;
        }
        values[slot] = Some(plain_value(value)?);
    }
    let [title, outlet, published, url] = values;
    let published = published.map(parse_published).transpose().ok()?;
    Some(ArticleMeta {
        title: clean(title),
        outlet: clean(outlet),
        published,
        url: clean(url),
    })
}

/// The text of a value YAML reads as exactly a string of it: in double quotes without escapes
/// or inner quotes, or plain where no YAML indicator, comment or special word can start.
fn plain_value(value: &str) -> Option<&str> {
    if value.chars().any(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
            )
    }) {
        return None;
    }
    if let Some(quoted) = value.strip_prefix('"') {
        let inner = quoted.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then_some(inner);
    }
    let first = value.chars().next()?;
    let special = [
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    ]
    .iter()
    .any(|w| value.eq_ignore_ascii_case(w));
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let ok = !special
        && !indicator
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':');
    ok.then_some(value)
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
    Some(ArticleMeta {
        title: clean(raw.title.as_deref()),
        outlet: clean(raw.outlet.as_deref()),
        published,
        url: clean(raw.url.as_deref()),
    })
}

/// A text field's value trimmed, or none when nothing is left.
fn clean(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
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

    #[test]
    fn plain_front_matter_is_read_without_the_parser() {
        let meta = plain_meta(
            "title: \"Report 4: Talks resume\"\noutlet: Wire 2\n\npublished: 2024-11-05\nurl: https://example.com/a?b=c#d\n",
        )
        .expect("the plainest front matter");
        assert_eq!(meta.title.as_deref(), Some("Report 4: Talks resume"));
        assert_eq!(meta.outlet.as_deref(), Some("Wire 2"));
        assert_eq!(meta.published, Some(date(2024, 11, 5)));
        assert_eq!(meta.url.as_deref(), Some("https://example.com/a?b=c#d"));
        // What only the parser reads right, or warns about with a place.
        for yaml in [
            "title: a\ntitle: b\n",
            "author: [a, b]\n",
            "title: a # comment\n",
            "title: \"a \\\" b\"\n",
            "title: ~\n",
            "title: Yes\n",
            "title: a: b\n",
            "title:\ta\n",
            "title: a\r\n",
            "  title: a\n",
            "title: &x a\n",
            "published: 2024-02-30\n",
        ] {
            assert_eq!(plain_meta(yaml), None, "{yaml:?}");
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// Whatever front matter the fast path reads, the YAML parser reads the same way and
        /// without a warning.
        #[test]
        fn the_fast_path_agrees_with_the_parser(
            lines in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        4 => proptest::sample::select(vec!["title", "outlet", "published", "url"]),
                        1 => proptest::sample::select(vec!["author", "Title", "title ", ""]),
                    ],
                    proptest::prop_oneof![
                        4 => proptest::strategy::Just(": "),
                        1 => proptest::sample::select(vec![":  ", ":", ": \t", " : "]),
                    ],
                    proptest::prop_oneof![
                        1 => proptest::sample::select(vec!["null", "~", "NULL", "Null", "true", ""])
                            .prop_map(|w| vec![w]),
                        4 => proptest::collection::vec(
                            proptest::prop_oneof![
                                2 => proptest::sample::select(vec![
                                    "Call", "denied", " ", "2024-11-05", "é", "Wire 2", "a.b",
                                ]),
                                1 => proptest::sample::select(vec![
                                    "x #y", "a: b", "a:b", "C#", "a:", "[a]", "{b}",
                                ]),
                                1 => proptest::sample::select(vec![
                                    "  ", "2024-11-05T10:00:00+03:00", "2024", "12", "-7",
                                    "1e3", "0x1F", ".inf", "\"", "'", "\\", ":", ": ", " #",
                                    "#", "-", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!x",
                                    "|", ">", "%", "@", "`", "?", "\u{a0}", "\t", "\r",
                                    "\u{85}", "\u{2028}", "\u{feff}", "https://example.com/x?a=1#f",
                                ]),
                            ],
                            0..4,
                        ),
                    ],
                    proptest::bool::ANY,
                ),
                1..5,
            )
        ) {
            let yaml: String = lines
                .iter()
                .map(|(key, sep, parts, quoted)| {
                    let value = parts.concat();
                    match (key.is_empty(), quoted) {
                        (true, _) => "\n".to_string(),
                        (false, true) => format!("{key}{sep}\"{value}\"\n"),
                        (false, false) => format!("{key}{sep}{value}\n"),
                    }
                })
                .collect();
            if let Some(fast) = plain_meta(&yaml) {
                let source = format!("---\n{yaml}---\n");
                let mut w = Vec::new();
                let slow = parse_meta(&source, 4, &yaml, "a.md", &mut w);
                proptest::prop_assert!(w.is_empty(), "{yaml:?}: {w:?}");
                proptest::prop_assert_eq!(Some(fast), slow, "{:?}", yaml);
            }
        }
    }
}
