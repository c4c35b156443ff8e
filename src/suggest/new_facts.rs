//! New facts: statements about the file's entities that carry a measure, an event date or a
//! named source's stance, in sentences no fact aligns with.
//!
//! Each is proposed as ready-to-paste YAML: the id from the entity keys and the event word,
//! the claim the sentence itself, `about` the entities it names, the first measure's value
//! and unit, the first resolved event date, and the named sources with their stances. The
//! same id proposed from several articles is one suggestion with all of their evidence.

use super::{Evidence, Input, Suggestion, SuggestionKind};
use crate::claims::{EntityRef, Polarity, Sentence};
use crate::edit::{Change, NewFact, NewValue};
use crate::extract::tokens::{is_stopword, stem};
use crate::facts::{EntityId, SourceStance};
use crate::span::Span;
use std::collections::BTreeMap;

/// Reporting and stance words: never the event a fact is about.
const NOT_EVENTS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "reports",
    "according",
    "denied",
    "denies",
    "confirmed",
    "confirms",
    "claimed",
    "claims",
    "added",
    "stated",
    "announced",
    "citing",
    "cited",
    "also",
    "about",
    "over",
    "than",
    "more",
    "least",
    "nearly",
    "almost",
    "around",
];

/// Reporting verbs that pass words on without taking a side.
const PLAIN_REPORTS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "added",
    "noted",
    "wrote",
    "writes",
    "stated",
    "states",
    "according to",
    "according",
    "cited",
    "citing",
    "quoted",
];

pub fn suggest(input: &Input) -> Vec<Suggestion> {
    let facts = input.facts;
    let mut by_id: BTreeMap<String, (NewFact, Vec<Evidence>)> = BTreeMap::new();
    for a in &input.articles {
        for (si, s) in a.claims.sentences.iter().enumerate() {
            if s.question || s.modal || a.aligned.iter().any(|al| al.sentence == si) {
                continue;
            }
            let about = entities(s);
            if about.is_empty() {
                continue;
            }
            let quantity = s.quantities.iter().find(|q| q.kind.is_measure());
            let date = s.dates.iter().find_map(|d| d.range);
            let sources: Vec<(EntityId, SourceStance)> = s
                .stances
                .iter()
                .filter_map(|c| match c.source {
                    Some(EntityRef::Known(e)) => Some((
                        e,
                        match c.polarity {
                            Polarity::Affirms => SourceStance::Asserts,
                            Polarity::Denies => SourceStance::Denies,
                        },
                    )),
                    _ => None,
                })
                .collect();
            // A stance alone makes a fact only when it takes a side: a denial or a
            // confirmation, not a plain "said".
            let takes_side = s.stances.iter().any(|c| {
                matches!(c.source, Some(EntityRef::Known(_)))
                    && (c.polarity == Polarity::Denies
                        || !PLAIN_REPORTS.contains(
                            &a.article.text[c.span.start..c.span.end]
                                .to_lowercase()
                                .as_str(),
                        ))
            });
            if quantity.is_none() && date.is_none() && !takes_side {
                continue;
            }
            // What the fact is about: the entities that are not only its sources.
            let subjects: Vec<EntityId> = about
                .iter()
                .copied()
                .filter(|e| !sources.iter().any(|(s, _)| s == e))
                .collect();
            if subjects.is_empty() && quantity.is_none() && date.is_none() {
                // A source's stance on something the sentence does not name ("Peskov called
                // the report fiction"): a follow-up to another sentence, not a fact.
                continue;
            }
            let subjects = if subjects.is_empty() { about } else { subjects };
            if near_existing_fact(facts, s, &subjects) {
                continue;
            }
            let Some(event) = event_word(&a.article.text, s, &subjects) else {
                continue;
            };
            let about_keys: Vec<String> = subjects
                .iter()
                .map(|&e| facts.entity(e).key.clone())
                .collect();
            let mut id = about_keys.join("-");
            id.push('-');
            id.push_str(&stem(&event));
            let id = unique_id(&id, facts);
            let claim = crate::report::squash(&a.article.text[s.span.start..s.span.end]);
            let unit = quantity.and_then(|q| q.unit.clone());
            let mut keywords = vec![event.clone()];
            if let Some(u) = &unit
                && !u.chars().any(|c| !c.is_alphabetic() && c != ' ')
            {
                keywords.push(u.clone());
            }
            let new = NewFact {
                id: id.clone(),
                claim,
                about: about_keys,
                keywords,
                value: quantity.map(|q| NewValue::from_f64(q.interval.lo)),
                unit,
                date: date.map(|d| d.to_string()),
                status: None,
                sources: {
                    let mut list: Vec<(String, SourceStance)> = Vec::new();
                    for (e, st) in &sources {
                        let item = (facts.entity(*e).key.clone(), *st);
                        if !list.contains(&item) {
                            list.push(item);
                        }
                    }
                    list
                },
            };
            let mut says = Vec::new();
            if let Some(q) = quantity {
                says.push(a.article.text[q.span.start..q.span.end].to_string());
            }
            if let Some(d) = date {
                says.push(d.to_string());
            }
            let ev = a.evidence(s.span, (!says.is_empty()).then(|| says.join(", ")));
            by_id
                .entry(id)
                .or_insert_with(|| (new, Vec::new()))
                .1
                .push(ev);
        }
    }
    by_id
        .into_iter()
        .map(|(id, (new, evidence))| {
            let what = match (&new.value, &new.date) {
                (Some(_), _) => "a figure",
                (None, Some(_)) => "a date",
                (None, None) => "a stance",
            };
            let mut yaml = String::new();
            for (i, line) in new.to_yaml().lines().enumerate() {
                yaml.push_str(if i == 0 { "- " } else { "  " });
                yaml.push_str(line);
                yaml.push('\n');
            }
            Suggestion {
                id: format!("new-fact:{id}"),
                kind: SuggestionKind::NewFact,
                message: format!(
                    "{} about {} that no fact covers",
                    what,
                    new.about
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                evidence,
                changes: vec![Change::AddFact(new)],
                yaml: Some(yaml),
                notes: vec!["check the claim's wording and the id before adding it".into()],
            }
        })
        .collect()
}

/// Known entities in order of first mention, once each.
fn entities(s: &Sentence) -> Vec<EntityId> {
    let mut out = Vec::new();
    for m in &s.mentions {
        if let EntityRef::Known(e) = m.entity
            && !out.contains(&e)
        {
            out.push(e);
        }
    }
    out
}

/// Whether an existing fact is about all of these entities (and maybe more) and shares an
/// event word with the sentence: then the sentence is probably about that fact and alignment missed it (an
/// unlisted alias, a partial mention); proposing a second fact would split one measure.
fn near_existing_fact(facts: &crate::facts::FactFile, s: &Sentence, subjects: &[EntityId]) -> bool {
    let stems: Vec<String> = s
        .tokens
        .iter()
        .filter(|t| !is_stopword(&t.lower))
        .map(|t| stem(&t.lower))
        .collect();
    facts.facts.iter().any(|f| {
        subjects.iter().all(|e| f.about.contains(e))
            && f.keywords
                .iter()
                .chain(std::iter::once(&f.claim))
                .flat_map(|k| crate::extract::tokens::tokenize(k))
                .filter(|t| !is_stopword(&t.lower) && t.lower.len() > 2 && !t.cap)
                .any(|t| stems.contains(&stem(&t.lower)))
    })
}

/// The first content word after the first subject's mention (else anywhere) outside names,
/// numbers and dates: what happened.
fn event_word(text: &str, s: &Sentence, subjects: &[EntityId]) -> Option<String> {
    let after = s
        .mentions
        .iter()
        .find(|m| matches!(m.entity, EntityRef::Known(e) if subjects.contains(&e)))
        .map_or(0, |m| m.span.end);
    let taken: Vec<Span> = s
        .mentions
        .iter()
        .map(|m| m.span)
        .chain(s.quantities.iter().map(|q| q.span))
        .chain(s.quantities.iter().filter_map(|q| q.unit_span))
        .chain(s.dates.iter().map(|d| d.span))
        .collect();
    let candidates: Vec<&crate::extract::tokens::Token> = s
        .tokens
        .iter()
        .filter(|t| !taken.iter().any(|sp| sp.contains(t.span)))
        .filter(|t| !t.cap && t.lower.len() > 3 && t.lower.chars().all(char::is_alphabetic))
        .filter(|t| !is_stopword(&t.lower) && !NOT_EVENTS.contains(&t.lower.as_str()))
        .collect();
    candidates
        .iter()
        .find(|t| t.span.start >= after)
        .or_else(|| candidates.first())
        .map(|t| text[t.span.start..t.span.end].to_lowercase())
}

fn unique_id(base: &str, facts: &crate::facts::FactFile) -> String {
    let taken = |id: &str| facts.facts.iter().any(|f| f.id == id);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some numbered id is free")
}
