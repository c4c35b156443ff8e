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

/// The clause of `sentence` that contains `span`.
pub fn clause_of(sentence: &Sentence, text: &str, span: Span) -> Span {
    let mut start = sentence.span.start;
    let mut end = sentence.span.end;
    let toks = &sentence.tokens;
    for (i, t) in toks.iter().enumerate() {
        let opener = OPENERS.contains(&t.lower.as_str());
        let hard = HARD_OPENERS.contains(&t.lower.as_str());
        let named_next = toks.get(i + 1).is_some_and(|n| {
            sentence.mentions.iter().any(|m| {
                m.span.start == n.span.start || (n.lower == "the" && m.span.start == n.span.end + 1)
            })
        });
        let semicolon = text[..t.span.start].trim_end().ends_with(';');
        let boundary = hard || (opener && named_next) || semicolon;
        if !boundary {
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
