//! Upkeep rules the loader does not enforce: each is a sign the file has drifted.
//!
//! - `unit-disagreement`: two facts about the same entities, with the same event words and
//!   overlapping (or no) dates, count their value in units written differently ("drones" vs
//!   "UAVs", "drones" vs "kilograms"): one measure written two ways, so articles match one
//!   fact and miss the other, or (when the units read the same) fit both and are checked
//!   against neither. Event words are compared without the words of either unit.
//! - `shared-alias`: one name or alias listed for two entities; the matcher cannot tell them
//!   apart and abstains on both.
//! - `disputed-sources`: a `disputed` fact without one asserting and one denying source.
//! - `denied-without-denial`: a `denied` fact with no denying source.

use super::layout::Layout;
use super::{Places, Problem};
use crate::extract::numbers::normalize_unit;
use crate::extract::tokens::{fold, tokenize};
use crate::facts::{Fact, FactFile, SourceStance, Status};
use std::collections::{BTreeSet, HashMap};

pub fn run(facts: &FactFile, layout: &Layout, places: &Places) -> Vec<Problem> {
    let mut out = Vec::new();
    unit_disagreement(facts, layout, places, &mut out);
    shared_alias(facts, layout, places, &mut out);
    for fact in &facts.facts {
        let at = layout
            .fact_places(fact.span)
            .and_then(|p| p.values.get("status").copied())
            .unwrap_or(fact.span);
        let has = |s: SourceStance| fact.sources.iter().any(|x| x.stance == s);
        match fact.status {
            Status::Disputed if !(has(SourceStance::Asserts) && has(SourceStance::Denies)) => {
                let mut p = places.problem(
                    "disputed-sources",
                    at,
                    format!(
                        "fact `{}` is disputed but does not name both sides: a disputed fact \
                         needs at least one source that asserts it and one that denies it",
                        fact.id
                    ),
                );
                p.notes.push(sides(facts, fact));
                out.push(p);
            }
            Status::Denied if !has(SourceStance::Denies) => {
                let mut p = places.problem(
                    "denied-without-denial",
                    at,
                    format!(
                        "fact `{}` is denied but no source denies it; add the source whose \
                         denial the file records",
                        fact.id
                    ),
                );
                p.notes.push(sides(facts, fact));
                out.push(p);
            }
            _ => {}
        }
    }
    out
}

fn sides(facts: &FactFile, fact: &Fact) -> String {
    if fact.sources.is_empty() {
        return "sources: none".into();
    }
    let list: Vec<String> = fact
        .sources
        .iter()
        .map(|s| {
            let stance = match s.stance {
                SourceStance::Asserts => "asserts",
                SourceStance::Denies => "denies",
            };
            format!("{} {stance}", facts.entity(s.by).key)
        })
        .collect();
    format!("sources: {}", list.join(", "))
}

/// The stems of a unit's words ("unmanned aerial vehicles" -> unman, aerial, vehicl).
fn unit_stems(fact: &Fact) -> BTreeSet<String> {
    fact.unit
        .iter()
        .flat_map(|u| tokenize(u))
        .map(|t| t.stem().to_string())
        .collect()
}

/// The event words of a fact (its keywords, else its claim) without `unit_stems`: what the
/// measure is of. Two facts are compared without the words of *either* unit, so "drones" in
/// the keywords of a fact counted in `UAVs` does not make its event differ from a fact
/// counted in `drones`.
fn event_words(fact: &Fact, unit_stems: &BTreeSet<String>) -> BTreeSet<String> {
    let words: Vec<String> = if fact.keywords.is_empty() {
        vec![fact.claim.clone()]
    } else {
        fact.keywords.clone()
    };
    words
        .iter()
        .flat_map(|w| tokenize(w))
        .filter(|t| !t.stop && t.lower.len() > 2)
        .map(|t| t.stem().to_string())
        .filter(|s| !unit_stems.contains(s))
        .collect()
}

fn unit_disagreement(facts: &FactFile, layout: &Layout, places: &Places, out: &mut Vec<Problem>) {
    let measured: Vec<(&Fact, BTreeSet<_>, BTreeSet<String>)> = facts
        .facts
        .iter()
        .filter(|f| f.value.is_some() && f.unit.is_some() && !f.about.is_empty())
        .map(|f| (f, f.about.iter().copied().collect(), unit_stems(f)))
        .collect();
    for (j, (b, b_about, b_units)) in measured.iter().enumerate() {
        for (a, a_about, a_units) in &measured[..j] {
            if a_about != b_about {
                continue;
            }
            let units: BTreeSet<String> = a_units.union(b_units).cloned().collect();
            let a_words = event_words(a, &units);
            if a_words.is_empty() || a_words != event_words(b, &units) {
                continue;
            }
            if let (Some(da), Some(db)) = (a.date, b.date)
                && !da.overlaps(&db)
            {
                continue;
            }
            let (ua, ub) = (
                a.unit.as_deref().unwrap_or(""),
                b.unit.as_deref().unwrap_or(""),
            );
            // The same unit written the same way ("drone" and "Drones") is one measure
            // recorded twice, not a disagreement of units; it is left to the reader.
            if a_units == b_units {
                continue;
            }
            let (na, nb) = (normalize_unit(ua), normalize_unit(ub));
            let at = layout
                .fact_places(b.span)
                .and_then(|p| p.values.get("unit").copied())
                .unwrap_or(b.span);
            let mut p = places.problem(
                "unit-disagreement",
                at,
                format!(
                    "fact `{}` counts in `{ub}` but `{}` counts the same measure of the same \
                     entities in `{ua}`; use one unit",
                    b.id, a.id
                ),
            );
            let words: Vec<&str> = a_words.iter().map(String::as_str).collect();
            p.notes.push(format!(
                "same `about` and event words ({}); dates overlap or are not given",
                words.join(", ")
            ));
            if na == nb {
                p.notes.push(format!(
                    "factdiff reads both as `{na}`: an article's figure may fit both facts, \
                     and factdiff abstains when two facts fit equally well"
                ));
            }
            out.push(p);
            break;
        }
    }
}

fn shared_alias(facts: &FactFile, layout: &Layout, places: &Places, out: &mut Vec<Problem>) {
    let norm = |s: &str| {
        tokenize(s)
            .iter()
            .map(|t| fold(&t.lower))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Folded name -> the first entity that has it.
    let mut first: HashMap<String, &str> = HashMap::new();
    for e in &facts.entities {
        let mut own: Vec<(String, Option<crate::span::Span>)> =
            vec![(e.name.clone(), layout.names.get(&e.key).copied())];
        let spans = layout.aliases.get(&e.key);
        for (k, a) in e.aliases.iter().enumerate() {
            own.push((a.clone(), spans.and_then(|s| s.get(k)).copied()));
        }
        let mut seen_here = BTreeSet::new();
        for (name, span) in own {
            let key = norm(&name);
            if key.is_empty() || !seen_here.insert(key.clone()) {
                continue;
            }
            match first.get(&key) {
                Some(other) if *other != e.key => {
                    out.push(places.problem(
                        "shared-alias",
                        span.unwrap_or(e.span),
                        format!(
                            "`{name}` names both `{other}` and `{}`; articles that use it \
                             cannot be matched to either",
                            e.key
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    first.insert(key, &e.key);
                }
            }
        }
    }
}
