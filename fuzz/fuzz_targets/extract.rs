//! Fuzzes the extractors: any text must give claims whose spans lie inside it, on character
//! boundaries, the same every time.
#![no_main]

use factdiff::article::{Article, ArticleId, ArticleMeta};
use factdiff::extract::entities::EntityMatcher;
use factdiff::extract::{self, dates, numbers};
use factdiff::span::Span;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const FACTS: &str = "version: 1
entities:
  putin: { name: Vladimir Putin, aliases: [Russian President, the Kremlin] }
  russia: { name: Russia }
  ukraine: { name: Ukraine }
facts:
  - id: drones
    claim: Russia launched drones at Ukraine
    about: [russia, ukraine]
    keywords: [drones]
    value: 145
    date: 2024-11-09
";

fn matcher() -> &'static EntityMatcher {
    static M: OnceLock<EntityMatcher> = OnceLock::new();
    M.get_or_init(|| {
        let facts = factdiff::load::parse_fact_file(FACTS.to_string(), "facts.yaml")
            .expect("the fuzz fact file is valid");
        EntityMatcher::new(Some(&facts))
    })
}

fn inside(text: &str, s: Span) -> bool {
    s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let published = Some(jiff::civil::date(2024, 11, 11));
    for q in numbers::extract_quantities(&text) {
        assert!(inside(&text, q.span));
        assert!(q.unit_span.is_none_or(|u| inside(&text, u)));
    }
    for future in [false, true] {
        for d in dates::extract_dates(&text, published, future) {
            assert!(inside(&text, d.span));
        }
    }
    let meta = ArticleMeta { published, ..ArticleMeta::default() };
    let article = Article::plain(ArticleId(0), "fuzz.txt", text.clone(), meta);
    let claims = extract::extract(&article, matcher());
    for s in &claims.sentences {
        assert!(inside(&text, s.span));
        for span in s
            .tokens
            .iter()
            .map(|t| t.span)
            .chain(s.mentions.iter().map(|m| m.span))
            .chain(s.stances.iter().map(|c| c.span))
            .chain(s.quantities.iter().map(|q| q.span))
            .chain(s.dates.iter().map(|d| d.span))
        {
            assert!(inside(&text, span) && s.span.contains(span));
        }
    }
});
