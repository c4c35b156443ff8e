//! HTML articles: the body's text (no scripts, styles or templates) through html5gum, block
//! elements as paragraphs, metadata from `<title>`, `<meta>` and `<time>`, suppressions.

use super::dates::parse_published;
use super::error::LoadWarning;
use super::markdown::collect_suppressions;
use super::suppress;
use super::text::TextBuilder;
use crate::article::{Article, ArticleFormat, ArticleId, ArticleMeta};
use crate::span::{LineIndex, Span};
use html5gum::{DefaultEmitter, HtmlString, Token, Tokenizer};
use std::collections::BTreeMap;

/// Elements whose content is never article text.
const SKIPPED: [&str; 6] = ["script", "style", "noscript", "template", "svg", "head"];

/// Elements that start and end a block of text.
const BLOCKS: [&str; 35] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
];

fn text_of(s: &HtmlString) -> String {
    String::from_utf8_lossy(s).into_owned()
}

fn attr(
    attrs: &BTreeMap<HtmlString, html5gum::Spanned<HtmlString, usize>>,
    name: &str,
) -> Option<String> {
    attrs
        .get(name.as_bytes())
        .map(|v| text_of(&v.value).trim().to_string())
        .filter(|v| !v.is_empty())
}

/// An attribute's trimmed value and the source offset of that value (html5gum's span is the
/// attribute's; the value is found after it, or the attribute's start stands in).
fn attr_at(
    attrs: &BTreeMap<HtmlString, html5gum::Spanned<HtmlString, usize>>,
    name: &str,
    source: &str,
) -> Option<(String, usize)> {
    let v = attrs.get(name.as_bytes())?;
    let text = text_of(&v.value).trim().to_string();
    if text.is_empty() {
        return None;
    }
    let at = v.span.start;
    let found = source
        .get(at..)
        .and_then(|rest| rest.char_indices().nth(name.len() + text.len() + 64))
        .map_or(source.len(), |(i, _)| at + i);
    let after_name = at + name.len();
    let at = source
        .get(after_name..found)
        .and_then(|window| window.find(text.as_str()))
        .map_or(at, |i| after_name + i);
    Some((text, at))
}

/// Metadata gathered while tokenizing.
#[derive(Default)]
struct Meta {
    og_title: Option<String>,
    site_name: Option<String>,
    /// Publication date-times with the source offset of each value, for warnings.
    published_meta: Option<(String, usize)>,
    time: Option<(String, usize)>,
    url: Option<String>,
}

pub(super) fn read(
    source: String,
    display: &str,
    id: ArticleId,
    warnings: &mut Vec<LoadWarning>,
) -> Article {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script, style and title contents are raw text; without this they would be parsed as tags.
    emitter.naively_switch_states(true);
    let mut b = TextBuilder::new();
    let mut meta = Meta::default();
    let mut skip: Vec<String> = Vec::new();
    let mut in_title = false;
    let mut title = String::new();
    let mut found: Vec<(suppress::Parsed, Span, usize)> = Vec::new();
    for token in Tokenizer::new_with_emitter(source.as_str(), emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = text_of(&tag.name).to_ascii_lowercase();
                match name.as_str() {
                    "meta" => read_meta(&tag.attributes, &source, &mut meta),
                    "time" if meta.time.is_none() => {
                        meta.time = attr_at(&tag.attributes, "datetime", &source);
                    }
                    "link" if attr(&tag.attributes, "rel").as_deref() == Some("canonical") => {
                        meta.url = meta.url.take().or_else(|| attr(&tag.attributes, "href"));
                    }
                    "title" if !tag.self_closing => in_title = true,
                    "br" => b.push_newline(None),
                    "pre" => {
                        b.block_break();
                        b.preserve_space = true;
                    }
                    "body" => skip.retain(|s| s != "head"),
                    _ => {}
                }
                if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
                    skip.push(name.clone());
                }
                if BLOCKS.contains(&name.as_str()) {
                    b.block_break();
                }
            }
            Token::EndTag(tag) => {
                let name = text_of(&tag.name).to_ascii_lowercase();
                if let Some(i) = skip.iter().rposition(|s| *s == name) {
                    skip.truncate(i);
                }
                match name.as_str() {
                    "title" => in_title = false,
                    "pre" => b.preserve_space = false,
                    _ => {}
                }
                if BLOCKS.contains(&name.as_str()) {
                    b.block_break();
                }
            }
            Token::String(s) => {
                let t = text_of(&s.value);
                if in_title {
                    title.push_str(&t);
                } else if skip.is_empty() {
                    b.push_decoded(&t, &source, s.span.start..s.span.end);
                }
            }
            Token::Comment(c) => {
                let range = comment_range(&source, c.span.start, c.span.end);
                let at = b.next_offset();
                collect_suppressions(&source, range, at, display, &mut found, warnings);
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    let (text, map) = b.finish();
    let suppressions = suppress::placed(found, &text);
    let squash = |s: String| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    let published =
        meta.published_meta.iter().chain(meta.time.iter()).find_map(
            |(p, at)| match parse_published(p) {
                Ok(d) => Some(d),
                Err(msg) => {
                    let lc = LineIndex::new(&source).line_col(&source, *at);
                    warnings.push(LoadWarning::at(
                        display,
                        lc.line,
                        lc.column,
                        &format!("publication date: {msg}; ignored"),
                    ));
                    None
                }
            },
        );
    Article {
        id,
        path: display.to_string(),
        format: ArticleFormat::Html,
        source,
        text,
        map,
        meta: ArticleMeta {
            title: squash(title).or(meta.og_title),
            outlet: meta.site_name,
            published,
            url: meta.url,
        },
        suppressions,
    }
}

fn read_meta(
    attrs: &BTreeMap<HtmlString, html5gum::Spanned<HtmlString, usize>>,
    source: &str,
    meta: &mut Meta,
) {
    let key = attr(attrs, "property").or_else(|| attr(attrs, "name"));
    let (Some(key), Some(content)) = (key, attr(attrs, "content")) else {
        return;
    };
    let key = key.to_ascii_lowercase();
    if key == "article:published_time" {
        if meta.published_meta.is_none() {
            meta.published_meta = attr_at(attrs, "content", source);
        }
        return;
    }
    let slot = match key.as_str() {
        "og:title" => &mut meta.og_title,
        "og:site_name" => &mut meta.site_name,
        "og:url" => &mut meta.url,
        _ => return,
    };
    slot.get_or_insert(content);
}

/// The whole `<!-- ... -->` around a comment token's span, whatever part of it the span
/// covers.
fn comment_range(source: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let open_limit = (start + 4).min(source.len());
    let open = source
        .get(..open_limit)
        .and_then(|s| s.rfind("<!--"))
        .unwrap_or(start);
    let close_from = end.saturating_sub(3).max(open);
    let close = source
        .get(close_from..)
        .and_then(|s| s.find("-->"))
        .map_or(end, |i| close_from + i + 3);
    open..close.min(source.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn load(src: &str) -> (Article, Vec<LoadWarning>) {
        let mut w = Vec::new();
        (read(src.to_string(), "a.html", ArticleId(0), &mut w), w)
    }

    const PAGE: &str = r#"<!doctype html>
<html><head><title>Kremlin  denies call</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-11-11T01:30:00+03:00">
<style>p { color: red }</style><script>var x = "<p>no</p>";</script>
</head>
<body><h1>Call   denied</h1>
<p>Peskov said the report was &quot;pure fiction&quot; &amp; false.<br>Second line.</p>
<noscript>Enable JS</noscript><template><p>hidden</p></template>
<!-- factdiff: ignore[trump-putin-call] quoted claim -->
<div>The Post reported <b>145</b> drones on <time datetime="2024-11-10">Sunday</time>.</div>
</body></html>"#;

    #[test]
    fn body_text_without_scripts_and_with_blocks() {
        let (a, w) = load(PAGE);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            a.text,
            "Call denied\n\nPeskov said the report was \"pure fiction\" & false.\nSecond line.\n\nThe Post reported 145 drones on Sunday."
        );
        assert_eq!(a.meta.title.as_deref(), Some("Kremlin denies call"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Example News"));
        assert_eq!(a.meta.published, Some(date(2024, 11, 11)));
    }

    #[test]
    fn words_map_back_to_the_source() {
        let (a, _) = load(PAGE);
        for word in [
            "Call", "denied", "Peskov", "fiction", "false", "Second", "145", "Sunday",
        ] {
            let at = a.text.find(word).expect(word);
            let s = a.source_span(Span::new(at, at + word.len()));
            assert_eq!(&a.source[s.start..s.end], word);
        }
    }

    #[test]
    fn suppressions_in_html_cover_the_next_block() {
        let (a, _) = load(PAGE);
        assert_eq!(a.suppressions.len(), 1);
        let s = &a.suppressions[0];
        assert_eq!(s.targets, ["trump-putin-call"]);
        assert_eq!(
            &a.source[s.span.start..s.span.end],
            "<!-- factdiff: ignore[trump-putin-call] quoted claim -->"
        );
        assert_eq!(
            &a.text[s.covers.start..s.covers.end],
            "The Post reported 145 drones on Sunday."
        );
    }

    #[test]
    fn time_element_and_og_title_are_fallbacks() {
        let (a, _) = load(
            r#"<meta property="og:title" content="OG"><p>On <time datetime="2024-11-10T08:00:00Z">Sunday</time></p>"#,
        );
        assert_eq!(a.meta.title.as_deref(), Some("OG"));
        assert_eq!(a.meta.published, Some(date(2024, 11, 10)));
        assert_eq!(a.text, "On Sunday");
    }

    #[test]
    fn bad_publication_dates_are_warned_about_at_their_place() {
        let (a, w) = load(
            "<html>\n<meta property=\"article:published_time\" content=\" 2024-02-30\">\n<p>Text</p>",
        );
        assert_eq!(a.meta.published, None);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].line_col, Some((2, 51)), "{}", w[0].message);
        assert!(w[0].message.contains("`2024-02-30`"), "{}", w[0].message);
        let (_, w) = load("<p>On <time datetime='yesterday'>then</time></p>");
        assert_eq!(w[0].line_col, Some((1, 23)), "{}", w[0].message);
    }
}
