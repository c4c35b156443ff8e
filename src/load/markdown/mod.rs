//! Markdown articles: front matter, then the body's text through pulldown-cmark, with an
//! offset map back to the source and inline suppression comments. A body of plain prose
//! paragraphs, which pulldown-cmark would read as text alone, is read without it ([`prose`]).

use super::error::LoadWarning;
use super::front_matter;
use super::suppress;
use super::text::TextBuilder;
use crate::article::{Article, ArticleFormat, ArticleId};
use crate::span::{LineIndex, Span};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

mod prose;

pub(super) fn read(
    source: String,
    display: &str,
    id: ArticleId,
    warnings: &mut Vec<LoadWarning>,
) -> Article {
    let fm = front_matter::split(&source, display, warnings);
    let base = fm.body_start;
    let body = &source[base..];
    // Suppressions with the text offset where the covered block begins.
    let mut found: Vec<(suppress::Parsed, Span, usize)> = Vec::new();
    let (text, map) = if prose::is_plain(body) {
        let fast = prose::read(&source, base).finish();
        // Tests and debug builds read the body both ways and check that they agree.
        debug_assert!(
            {
                let (mut comments, mut w) = (Vec::new(), Vec::new());
                let slow = parse(&source, base, display, &mut comments, &mut w).finish();
                slow == fast && comments.is_empty() && w.is_empty()
            },
            "the plain-prose reading of {display} differs from pulldown-cmark's"
        );
        fast
    } else {
        parse(&source, base, display, &mut found, warnings).finish()
    };
    let suppressions = suppress::placed(found, &text);
    Article {
        id,
        path: display.to_string(),
        format: ArticleFormat::Markdown,
        source,
        text,
        map,
        meta: fm.meta,
        suppressions,
    }
}

/// The text of the body, `source[base..]`, from pulldown-cmark's events, with the
/// suppression comments found on the way.
fn parse(
    source: &str,
    base: usize,
    display: &str,
    found: &mut Vec<(suppress::Parsed, Span, usize)>,
    warnings: &mut Vec<LoadWarning>,
) -> TextBuilder {
    let body = &source[base..];
    let mut b = TextBuilder::with_capacity(body.len());
    let mut image_depth = 0usize;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => {
                b.block_break();
                b.preserve_space = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                b.preserve_space = false;
                b.block_break();
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::Item
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::FootnoteDefinition(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::FootnoteDefinition,
            )
            | Event::Rule => b.block_break(),
            Event::End(TagEnd::TableCell) => b.push_char(' ', None),
            Event::Text(t) | Event::Code(t) if image_depth == 0 => {
                b.push_decoded(&t, source, range);
            }
            Event::SoftBreak => b.push_char(' ', Some(range.start)),
            Event::HardBreak => {
                let at = range
                    .end
                    .checked_sub(1)
                    .filter(|&i| source.as_bytes()[i] == b'\n');
                b.push_newline(at);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let at = b.next_offset();
                collect_suppressions(source, range, at, display, found, warnings);
            }
            _ => {}
        }
    }
    b
}

/// Finds `<!-- factdiff: ... -->` comments in `source[range]`; malformed ones become warnings.
pub(super) fn collect_suppressions(
    source: &str,
    range: std::ops::Range<usize>,
    text_at: usize,
    display: &str,
    found: &mut Vec<(suppress::Parsed, Span, usize)>,
    warnings: &mut Vec<LoadWarning>,
) {
    let Some(html) = source.get(range.clone()) else {
        return;
    };
    for (r, inner) in suppress::comments(html) {
        let span = Span::new(range.start + r.start, range.start + r.end);
        match suppress::parse(inner) {
            Ok(Some(p)) => found.push((p, span, text_at)),
            Ok(None) => {}
            Err(msg) => {
                let lc = LineIndex::new(source).line_col(source, span.start);
                warnings.push(LoadWarning::at(
                    display,
                    lc.line,
                    lc.column,
                    &format!("malformed suppression comment: {msg}; ignored"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(src: &str) -> (Article, Vec<LoadWarning>) {
        let mut w = Vec::new();
        (read(src.to_string(), "a.md", ArticleId(0), &mut w), w)
    }

    /// Every word of the text maps back to the same word in the source.
    fn assert_words_map_back(a: &Article) {
        let mut pos = 0;
        for word in a.text.split(|c: char| c.is_whitespace()) {
            let start = pos;
            pos += word.len() + 1;
            let w = word.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                continue;
            }
            let s = start + word.find(w).expect("trimmed word is inside");
            let src = a.source_span(Span::new(s, s + w.len()));
            assert_eq!(
                &a.source[src.start..src.end],
                w,
                "text {s}..{}",
                s + w.len()
            );
        }
    }

    #[test]
    fn markdown_text_has_blocks_and_maps_back() {
        let src = "---\ntitle: T\n---\n# Drone *attack*\n\nRussia said it shot down **145**\ndrones &amp; one [missile](http://x).\n\n- first item\n- second\n\n> quoted `code` here\n\n![alt text](img.png)\n";
        let (a, w) = load(src);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            a.text,
            "Drone attack\n\nRussia said it shot down 145 drones & one missile.\n\nfirst item\n\nsecond\n\nquoted code here"
        );
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_words_map_back(&a);
        let at = a.text.find("145").expect("145");
        let s = a.source_span(Span::new(at, at + 3));
        assert_eq!(&a.source[s.start..s.end], "145");
    }

    #[test]
    fn suppressions_cover_the_next_paragraph() {
        let src = "Intro.\n\n<!-- factdiff: ignore[trump-putin-call, date-mismatch] wire copy -->\nThe call was on Nov 7.\nStill here.\n\nNext.\n\n<!-- factdiff: ignore x -->\n";
        let (a, w) = load(src);
        assert_eq!(a.suppressions.len(), 1);
        let s = &a.suppressions[0];
        assert_eq!(s.targets, ["trump-putin-call", "date-mismatch"]);
        assert_eq!(s.reason, "wire copy");
        assert!(a.source[s.span.start..s.span.end].starts_with("<!-- factdiff"));
        assert!(a.source[s.span.start..s.span.end].ends_with("-->"));
        assert_eq!(
            &a.text[s.covers.start..s.covers.end],
            "The call was on Nov 7. Still here."
        );
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message.starts_with("9:1: malformed suppression"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn inline_suppressions_are_found_too() {
        let (a, _) = load("Text <!-- factdiff: ignore[value-mismatch] old toll --> more.\n");
        assert_eq!(a.suppressions.len(), 1);
        assert_eq!(a.suppressions[0].reason, "old toll");
    }
}
