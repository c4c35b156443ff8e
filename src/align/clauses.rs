//! Clauses inside a sentence, for binding a number or a date to its own subject and verb.
//!
//! "with Russia sending 145 drones into Ukraine and Ukraine targeting Moscow with 34 drones"
//! is two clauses: a conjunction or comma followed by a named subject opens a new one.

use crate::claims::{EntityRef, Sentence};
use crate::facts::EntityId;
use crate::span::Span;

/// Words that open a new clause when a name follows them.
const OPENERS: &[&str] = &[
    "and", "while", "whereas", "but", "with", "as", "after", "before",
];
/// Words that open a new clause whatever follows.
const HARD_OPENERS: &[&str] = &["while", "whereas", "but", "although", "though"];

/// The clause boundaries of one sentence: the start offsets of the words that open a clause,
/// in text order. Found in one pass over the words (mention starts are looked up by binary
/// search), so a caller that binds many numbers in one sentence computes them once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clauses {
    starts: Vec<usize>,
}

impl Clauses {
    /// The clause boundaries of `sentence` in `text` (the article text its spans point into).
    pub fn of(sentence: &Sentence, text: &str) -> Self {
        let mut named: Vec<usize> = sentence.mentions.iter().map(|m| m.span.start).collect();
        named.sort_unstable();
        let names = |at: usize| named.binary_search(&at).is_ok();
        let toks = &sentence.tokens;
        let mut starts = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let opener = OPENERS.contains(&t.lower.as_str());
            let hard = HARD_OPENERS.contains(&t.lower.as_str());
            let named_next = opener
                && toks.get(i + 1).is_some_and(|n| {
                    names(n.span.start) || (n.lower == "the" && names(n.span.end + 1))
                });
            // Only the white space between this word and the one before is looked at.
            let semicolon = text
                .get(..t.span.start)
                .is_some_and(|before| before.trim_end().ends_with(';'));
            if hard || named_next || semicolon {
                starts.push(t.span.start);
            }
        }
        Self { starts }
    }

    /// The clause of `sentence` (the one these boundaries were found in) that contains `span`:
    /// from the last boundary at or before its start to the first boundary at or after its end.
    pub fn around(&self, sentence: &Sentence, span: Span) -> Span {
        let before = self.starts.partition_point(|&b| b <= span.start);
        let start = match before {
            0 => sentence.span.start,
            n => sentence.span.start.max(self.starts[n - 1]),
        };
        // A boundary at the very start of an empty span opens its clause, not ends it.
        let after = self
            .starts
            .partition_point(|&b| b < span.end.max(span.start + 1));
        let end = self
            .starts
            .get(after)
            .map_or(sentence.span.end, |&b| sentence.span.end.min(b));
        Span::new(start, end)
    }
}

/// The clause of `sentence` that contains `span`. Costs one pass over the sentence; to bind
/// several spans of one sentence, compute [`Clauses::of`] once and ask it.
pub fn clause_of(sentence: &Sentence, text: &str, span: Span) -> Span {
    Clauses::of(sentence, text).around(sentence, span)
}

/// The first known entity named in `clause` before `before`: the clause's subject.
pub fn subject_before(sentence: &Sentence, clause: Span, before: usize) -> Option<EntityId> {
    sentence
        .mentions
        .iter()
        .filter(|m| m.span.start >= clause.start && m.span.end <= before)
        .find_map(|m| match m.entity {
            EntityRef::Known(e) => Some(e),
            EntityRef::Named(_) => None,
        })
}

/// The first entity, known or not, named in `clause` before `before`.
pub fn subject_ref_before(sentence: &Sentence, clause: Span, before: usize) -> Option<EntityRef> {
    sentence
        .mentions
        .iter()
        .find(|m| m.span.start >= clause.start && m.span.end <= before)
        .map(|m| m.entity.clone())
}

/// Whether the clause of the date at `span` tells of the event happening once more ("spoke by
/// phone again on Sunday", "held another call on Friday", "met for a second time"): another
/// occasion, not the fact's misdated.
pub fn repeated(s: &Sentence, text: &str, span: Span) -> bool {
    // The words before the date in its clause, and a few more even across a clause's opener
    // ("held another call with Putin on Saturday night"); not what follows the date ("…on
    // Sunday, and that the two would speak again": the repeat is another clause's).
    let clause = clause_of(s, text, span);
    let before = s.tokens.partition_point(|t| t.span.end <= span.start);
    let near = before.saturating_sub(8);
    let words: Vec<&str> = s.tokens[..before]
        .iter()
        .enumerate()
        .filter(|(i, t)| clause.contains(t.span) || *i >= near)
        .map(|(_, t)| t.lower.as_str())
        .collect();
    words.iter().any(|w| matches!(*w, "again" | "another"))
        || words.windows(2).any(|w| {
            matches!(
                w,
                ["once", "more"] | ["second", "time"] | ["third", "time"] | ["second", "call"]
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, ArticleId, ArticleMeta};
    use crate::extract::{entities::EntityMatcher, extract};

    /// The clause finder as first written: every word against every mention, for every span.
    fn clause_by_scan(sentence: &Sentence, text: &str, span: Span) -> Span {
        let (mut start, mut end) = (sentence.span.start, sentence.span.end);
        let toks = &sentence.tokens;
        for (i, t) in toks.iter().enumerate() {
            let opener = OPENERS.contains(&t.lower.as_str());
            let hard = HARD_OPENERS.contains(&t.lower.as_str());
            let named_next = toks.get(i + 1).is_some_and(|n| {
                sentence.mentions.iter().any(|m| {
                    m.span.start == n.span.start
                        || (n.lower == "the" && m.span.start == n.span.end + 1)
                })
            });
            let semicolon = text[..t.span.start].trim_end().ends_with(';');
            if !(hard || (opener && named_next) || semicolon) {
                continue;
            }
            if t.span.start <= span.start {
                start = start.max(t.span.start);
            } else if t.span.start >= span.end {
                end = end.min(t.span.start);
                break;
            }
        }
        Span::new(start, end)
    }

    #[test]
    fn boundaries_found_once_give_the_clauses_a_scan_gives() {
        let text = "With Russia sending 145 drones into Ukraine and Ukraine targeting Moscow with \
                    34 drones; officials said 12 fell, while the Kremlin said 40 and Peskov \
                    denied it, but 3 and the Post said 9 although 7.";
        let article = Article::plain(ArticleId(0), "a.txt", text.into(), ArticleMeta::default());
        let claims = extract(&article, &EntityMatcher::new(None));
        let mut checked = 0;
        for s in &claims.sentences {
            let clauses = Clauses::of(s, text);
            for t in &s.tokens {
                for span in [t.span, Span::new(t.span.start, t.span.start)] {
                    let want = clause_by_scan(s, text, span);
                    assert_eq!(clauses.around(s, span), want, "{:?}", &text[span.start..]);
                    assert_eq!(clause_of(s, text, span), want);
                    checked += 1;
                }
            }
        }
        assert!(checked > 50);
    }
}
