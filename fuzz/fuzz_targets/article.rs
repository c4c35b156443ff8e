//! Fuzzes the article loader: any bytes, as text, Markdown or HTML, must load or be refused
//! without a panic, and the text must map back inside the source.
#![no_main]

use factdiff::article::{ArticleFormat, ArticleId};
use factdiff::load::{LoadOptions, article_from_bytes};
use factdiff::span::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = match selector % 3 {
        0 => ArticleFormat::Text,
        1 => ArticleFormat::Markdown,
        _ => ArticleFormat::Html,
    };
    let Ok((article, _warnings)) =
        article_from_bytes(bytes, format, "fuzz", ArticleId(0), &LoadOptions::default())
    else {
        return;
    };
    let len = article.text.len();
    for (start, end) in [(0, len), (0, len / 2), (len / 3, len)] {
        let src = article.source_span(Span::new(start, end));
        assert!(src.start <= src.end && src.end <= article.source.len());
    }
    for s in &article.suppressions {
        assert!(s.covers.end <= len && article.text.is_char_boundary(s.covers.start));
        assert!(s.span.end <= article.source.len());
    }
});
