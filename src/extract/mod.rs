//! Stage 2: finds claims in an article's plain text (entities, numbers, dates, stance).

pub mod dates;
pub mod entities;
pub mod numbers;
pub mod sentences;
pub mod stance;
pub mod tokens;

use crate::article::Article;
use crate::claims::{ArticleClaims, Sentence};
use entities::EntityMatcher;

/// Auxiliaries that make a sentence speak of what may or will happen rather than what did.
const MODAL: &[&str] = &[
    "will", "would", "could", "might", "should", "shall", "if", "unless", "won't", "wouldn't",
];
/// Words that are modal only before "to" ("plans to close"; "the administration's plans" is a
/// noun).
const MODAL_BEFORE_TO: &[&str] = &[
    "plans",
    "plan",
    "planned",
    "planning",
    "intends",
    "intend",
    "aims",
    "aim",
    "expected",
    "expect",
    "expects",
    "wants",
    "want",
    "hopes",
    "hope",
    "proposed",
    "proposes",
    "scheduled",
    "set",
    "due",
    "going",
    "ready",
];

/// Whether a sentence asks rather than states: it ends with a question mark and opens like a
/// question ("Did Trump call Putin?"). A statement that ends on a question it raises ("…has
/// revived an old argument: why do towns keep building there?") still states its first part.
fn is_question(text: &str, tokens: &[tokens::Token]) -> bool {
    const OPENERS: &[&str] = &[
        "who", "what", "when", "where", "why", "how", "which", "whose", "did", "does", "do", "is",
        "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "should",
        "shall", "may", "might", "must", "isn't", "aren't", "didn't", "doesn't",
    ];
    text.trim_end().ends_with('?')
        && tokens
            .first()
            .is_some_and(|t| OPENERS.contains(&t.lower.as_str()))
}

/// Whether the words make a statement a plan or a possibility: a modal auxiliary, "may" in
/// lower case (not the month), or a verb of intent before "to".
pub fn is_modal(tokens: &[tokens::Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        MODAL.contains(&t.lower.as_str())
            || (t.lower == "may" && !t.cap)
            || (MODAL_BEFORE_TO.contains(&t.lower.as_str())
                && tokens.get(i + 1).is_some_and(|n| n.lower == "to"))
    })
}

/// Finds the claims of one article. The matcher carries the fact file's entities.
pub fn extract(article: &Article, matcher: &EntityMatcher) -> ArticleClaims {
    let text = &article.text;
    let published = article.meta.published;
    let sentences = sentences::split(text)
        .into_iter()
        .map(|span| {
            let s = &text[span.start..span.end];
            let mut toks = tokens::tokenize(s);
            let mentions = matcher.find(&toks);
            let stances = stance::cues(s, &toks, &mentions);
            let modal = is_modal(&toks);
            let future = dates::is_future(s);
            let mut quantities = numbers::extract_quantities(s);
            let mut dates = dates::extract_dates(s, published, future);
            for t in &mut toks {
                t.span = t.span.offset(span.start);
            }
            let mentions = mentions
                .into_iter()
                .map(|mut m| {
                    m.span = m.span.offset(span.start);
                    m
                })
                .collect();
            let stances = stances
                .into_iter()
                .map(|mut c| {
                    c.span = c.span.offset(span.start);
                    c
                })
                .collect();
            for q in &mut quantities {
                q.span = q.span.offset(span.start);
                q.unit_span = q.unit_span.map(|u| u.offset(span.start));
            }
            for d in &mut dates {
                d.span = d.span.offset(span.start);
            }
            Sentence {
                span,
                mentions,
                quantities,
                dates,
                stances,
                modal,
                future,
                question: is_question(s, &toks),
                tokens: toks,
            }
        })
        .collect();
    ArticleClaims { sentences }
}
