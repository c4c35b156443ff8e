//! New facts: statements about the file's entities that carry a measure, an event date or a
//! named source's stance, in sentences no fact aligns with.
//!
//! Sentences are grouped by measure: the event word's stem, the unit, and the known entities
//! the sentence names (sources included), so one measure reported by several outlets, in
//! whatever order and with whoever as the speaker, is one suggestion with all their evidence.
//! Each is proposed as ready-to-paste YAML: the id from the entity keys and the event word,
//! the claim a sentence giving the proposed value, `about` the entities the sentences are
//! about, the value and date most outlets give (with a note saying who says what when they
//! differ; nothing is proposed when outlets are split evenly), the unit as written
//! ("drones"), and the named sources of the sentences that agree.

use super::{Evidence, Input, Suggestion, SuggestionKind};
use crate::claims::{EntityRef, Polarity, Sentence};
use crate::edit::{Change, NewFact, NewValue};
use crate::extract::numbers::normalize_unit;
use crate::extract::tokens::stem;
use crate::facts::{EntityId, SourceStance};
use crate::span::Span;
use crate::values::{DateRange, NumInterval};
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

/// One sentence that argues for a new fact.
struct Candidate {
    /// Entities the fact is about (not only its sources), in order of mention.
    subjects: Vec<EntityId>,
    /// The event word as written, lower-cased ("launched").
    event: String,
    /// The unit as the article writes it ("drones"), when it reads as the measure's unit.
    unit: Option<String>,
    value: Option<NumInterval>,
    date: Option<DateRange>,
    sources: Vec<(EntityId, SourceStance)>,
    claim: String,
    voice: String,
    evidence: Evidence,
}

/// What makes two candidates one measure: the event's stem, the normalised unit, the acting
/// entity (the first the fact is about: "Russia launched … at Ukraine" is not "Ukraine
/// launched … at Russia") and every known entity the sentence names (sources included, so
/// "…, the Ukrainian air force said" and "… at Ukraine" meet).
type MeasureKey = (String, String, Option<EntityId>, Vec<EntityId>);

pub fn suggest(input: &Input) -> Vec<Suggestion> {
    let facts = input.facts;
    let mut groups: BTreeMap<MeasureKey, Vec<Candidate>> = BTreeMap::new();
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
            let subjects = if subjects.is_empty() {
                about.clone()
            } else {
                subjects
            };
            if near_existing_fact(facts, s, &subjects) {
                continue;
            }
            let Some(event) = event_word(&a.article.text, s, &subjects) else {
                continue;
            };
            let mut says = Vec::new();
            if let Some(q) = quantity {
                says.push(a.article.text[q.span.start..q.span.end].to_string());
            }
            if let Some(d) = date {
                says.push(d.to_string());
            }
            let mut all = about;
            all.sort();
            let key = (
                stem(&event),
                quantity.and_then(|q| q.unit.clone()).unwrap_or_default(),
                subjects.first().copied(),
                all,
            );
            groups.entry(key).or_default().push(Candidate {
                subjects,
                unit: quantity.and_then(|q| written_unit(&a.article.text, q)),
                value: quantity.map(|q| q.interval),
                date,
                sources,
                claim: crate::report::squash(&a.article.text[s.span.start..s.span.end]),
                voice: a.voice(),
                evidence: a.evidence(s.span, (!says.is_empty()).then(|| says.join(", "))),
                event,
            });
        }
    }
    let mut by_id: BTreeMap<String, Suggestion> = BTreeMap::new();
    for (_, group) in groups {
        let s = group_suggestion(facts, group, &by_id);
        by_id.insert(s.id.clone(), s);
    }
    by_id.into_values().collect()
}

/// The unit as the article writes it, when those words read as the quantity's unit (so
/// "drones", not "drone"); else the normalised unit (a currency code, `percent`).
fn written_unit(text: &str, q: &crate::claims::Quantity) -> Option<String> {
    let unit = q.unit.clone()?;
    let written = q
        .unit_span
        .and_then(|sp| text.get(sp.start..sp.end))
        .map(str::trim)
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-'))
        .filter(|w| normalize_unit(w) == unit);
    Some(written.map_or(unit, str::to_string))
}

/// Each value with the voices that give it, the most voices first.
fn tally<T: PartialEq + Clone>(items: &[(T, &str)]) -> Vec<(T, Vec<String>)> {
    let mut out: Vec<(T, Vec<String>)> = Vec::new();
    for (v, voice) in items {
        match out.iter_mut().find(|(w, _)| w == v) {
            Some((_, voices)) => {
                if !voices.iter().any(|x| x == voice) {
                    voices.push(voice.to_string());
                }
            }
            None => out.push((v.clone(), vec![voice.to_string()])),
        }
    }
    for (_, voices) in &mut out {
        voices.sort();
    }
    // Stable: on equal counts, the value met first stays first.
    out.sort_by_key(|(_, voices)| std::cmp::Reverse(voices.len()));
    out
}

/// Who says what: `150 (The Daily, Wire A) vs 160 (Other Times)`.
fn who_says<T>(tally: &[(T, Vec<String>)], label: impl Fn(&T) -> String) -> String {
    tally
        .iter()
        .map(|(v, voices)| format!("{} ({})", label(v), voices.join(", ")))
        .collect::<Vec<_>>()
        .join(" vs ")
}

/// One suggestion for one measure: the value and date most outlets give, or, when outlets
/// are split evenly, no fact at all; either way a note says who says what when they differ.
fn group_suggestion(
    facts: &crate::facts::FactFile,
    group: Vec<Candidate>,
    taken: &BTreeMap<String, Suggestion>,
) -> Suggestion {
    let mut notes = Vec::new();
    // The value: the exact figure most outlets give.
    let values: Vec<(NumInterval, &str)> = group
        .iter()
        .filter_map(|c| {
            c.value
                .filter(NumInterval::is_exact)
                .map(|v| (v, c.voice.as_str()))
        })
        .collect();
    let by_value = tally(&values);
    let split = by_value.len() > 1 && by_value[0].1.len() == by_value[1].1.len();
    let value = by_value.first().map(|(v, _)| *v).filter(|_| !split);
    if by_value.len() > 1 {
        let who = who_says(&by_value, NumInterval::to_string);
        notes.push(match value {
            Some(v) => {
                format!("articles disagree: {who}; the value most outlets give, {v}, is proposed")
            }
            None => format!(
                "articles disagree: {who}; outlets are split evenly, so no fact is proposed"
            ),
        });
    }
    // The members that agree with the proposed value (or all, for a fact without one).
    let agrees = |c: &Candidate| match (value, c.value) {
        (Some(v), Some(cv)) => v.overlaps(&cv),
        _ => true,
    };
    let first = group.iter().find(|c| agrees(c)).unwrap_or(&group[0]);
    // The date: the one most of the agreeing outlets give.
    let dates: Vec<(DateRange, &str)> = group
        .iter()
        .filter(|c| agrees(c))
        .filter_map(|c| c.date.map(|d| (d, c.voice.as_str())))
        .collect();
    let by_date = tally(&dates);
    let date_split = by_date.len() > 1 && by_date[0].1.len() == by_date[1].1.len();
    let date = by_date.first().map(|(d, _)| *d).filter(|_| !date_split);
    if by_date.len() > 1 {
        let who = who_says(&by_date, DateRange::to_string);
        notes.push(match date {
            Some(d) => format!("dates differ: {who}; {d} is proposed"),
            None => format!("dates differ: {who}; no date is proposed"),
        });
    }
    // About: every subject any member names, in order of first mention.
    let mut about: Vec<EntityId> = Vec::new();
    for c in &group {
        for e in &c.subjects {
            if !about.contains(e) {
                about.push(*e);
            }
        }
    }
    let about_keys: Vec<String> = about.iter().map(|&e| facts.entity(e).key.clone()).collect();
    let mut id = about_keys.join("-");
    id.push('-');
    id.push_str(&stem(&first.event));
    let id = unique_id(&id, facts, taken);
    // The unit as most of the agreeing members write it.
    let units: Vec<(String, &str)> = group
        .iter()
        .filter(|c| agrees(c))
        .filter_map(|c| c.unit.clone().map(|u| (u, c.voice.as_str())))
        .collect();
    let unit = tally(&units).first().map(|(u, _)| u.clone());
    let mut keywords = vec![first.event.clone()];
    if let Some(u) = &unit
        && !u.chars().any(|c| !c.is_alphabetic() && c != ' ')
    {
        keywords.push(u.clone());
    }
    let mut sources: Vec<(String, SourceStance)> = Vec::new();
    for c in group.iter().filter(|c| agrees(c)) {
        for (e, st) in &c.sources {
            let item = (facts.entity(*e).key.clone(), *st);
            if !sources.contains(&item) {
                sources.push(item);
            }
        }
    }
    let new = NewFact {
        id: id.clone(),
        claim: first.claim.clone(),
        about: about_keys,
        keywords,
        value: value.map(|v| NewValue::from_f64(v.lo)),
        unit,
        date: date.map(|d| d.to_string()),
        status: None,
        sources,
    };
    let what = if !values.is_empty() {
        "a figure"
    } else if !dates.is_empty() {
        "a date"
    } else {
        "a stance"
    };
    let proposed = !split;
    let mut yaml = String::new();
    for (i, line) in new.to_yaml().lines().enumerate() {
        yaml.push_str(if i == 0 { "- " } else { "  " });
        yaml.push_str(line);
        yaml.push('\n');
    }
    notes.push("check the claim's wording and the id before adding it".into());
    let evidence: Vec<Evidence> = group.into_iter().map(|c| c.evidence).collect();
    Suggestion {
        id: format!("new-fact:{id}"),
        kind: SuggestionKind::NewFact,
        message: format!(
            "{} about {} that no fact covers{}",
            what,
            new.about
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if evidence.len() > 1 {
                format!(" ({} articles)", evidence.len())
            } else {
                String::new()
            }
        ),
        evidence,
        changes: if proposed {
            vec![Change::AddFact(new)]
        } else {
            Vec::new()
        },
        yaml: proposed.then_some(yaml),
        notes,
    }
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
    let stems: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| !t.stop)
        .map(|t| t.stem())
        .collect();
    facts.facts.iter().any(|f| {
        subjects.iter().all(|e| f.about.contains(e))
            && f.keywords
                .iter()
                .chain(std::iter::once(&f.claim))
                .flat_map(|k| crate::extract::tokens::tokenize(k))
                .filter(|t| !t.stop && t.lower.len() > 2 && !t.cap)
                .any(|t| stems.contains(&t.stem()))
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
        .filter(|t| !t.stop && !NOT_EVENTS.contains(&t.lower.as_str()))
        .collect();
    candidates
        .iter()
        .find(|t| t.span.start >= after)
        .or_else(|| candidates.first())
        .map(|t| text[t.span.start..t.span.end].to_lowercase())
}

fn unique_id(
    base: &str,
    facts: &crate::facts::FactFile,
    proposed: &BTreeMap<String, Suggestion>,
) -> String {
    let taken = |id: &str| {
        facts.facts.iter().any(|f| f.id == id) || proposed.contains_key(&format!("new-fact:{id}"))
    };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some numbered id is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Entity, FactFile};

    fn candidate(value: f64, voice: &str) -> Candidate {
        Candidate {
            subjects: vec![EntityId(0)],
            event: "launched".into(),
            unit: Some("drones".into()),
            value: Some(NumInterval::exact(value)),
            date: None,
            sources: Vec::new(),
            claim: format!("Russia launched {value} drones."),
            voice: voice.into(),
            evidence: Evidence {
                path: format!("{voice}.md"),
                line: 1,
                outlet: Some(voice.into()),
                published: None,
                sentence: format!("Russia launched {value} drones."),
                says: Some(value.to_string()),
            },
        }
    }

    fn facts() -> FactFile {
        FactFile {
            path: "facts.yaml".into(),
            source: String::new(),
            entities: vec![Entity {
                key: "russia".into(),
                name: "Russia".into(),
                aliases: Vec::new(),
                span: Span::default(),
            }],
            facts: Vec::new(),
        }
    }

    #[test]
    fn outlets_split_evenly_get_no_fact_but_a_note() {
        let group = vec![candidate(150.0, "Wire A"), candidate(160.0, "Wire B")];
        let s = group_suggestion(&facts(), group, &BTreeMap::new());
        assert!(s.changes.is_empty() && s.yaml.is_none(), "{s:?}");
        assert_eq!(
            s.notes[0],
            "articles disagree: 150 (Wire A) vs 160 (Wire B); outlets are split evenly, so no fact is proposed"
        );
    }

    #[test]
    fn one_outlet_counts_once_however_often_it_repeats_a_figure() {
        let group = vec![
            candidate(160.0, "Wire B"),
            candidate(160.0, "Wire B"),
            candidate(150.0, "Wire A"),
            candidate(150.0, "The Daily"),
        ];
        let s = group_suggestion(&facts(), group, &BTreeMap::new());
        let yaml = s.yaml.expect("a fact is proposed");
        assert!(yaml.contains("value: 150"), "{yaml}");
        assert!(
            yaml.contains("claim: \"Russia launched 150 drones.\""),
            "{yaml}"
        );
        assert_eq!(s.evidence.len(), 4);
    }
}
