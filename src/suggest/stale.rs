//! Stale values and dates: independent outlets agree on a figure or day that differs from the
//! file (a corrected toll, a call placed a day later).
//!
//! What each article says about a fact's value is read through the real value check: every
//! value in a copy of the fact file is replaced by an impossible probe, so each number the
//! check takes as measuring a fact shows up as a mismatch with its words. Dates come from the
//! date check's mismatches, and agreement with the file from aligned sentences whose date
//! overlaps the fact's.
//!
//! A change is proposed only when at least two outlets state the same new value and every
//! other article is compatible with it, or older than all of them and only repeats the old
//! figure (superseded). When the articles that differ from the file disagree among
//! themselves, the suggestion says so and proposes nothing.

use super::{Analysed, Evidence, Input, Suggestion, SuggestionKind};
use crate::article::Article;
use crate::commands::check::check_articles;
use crate::edit::{Change, NewValue};
use crate::facts::{Fact, FactId};
use crate::finding::Kind;
use crate::values::{DateRange, NumInterval, fmt_num};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// No real figure is this; every measure of a probed fact mismatches it.
const PROBE: f64 = -987_654_321.0;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Val {
    Num(NumInterval),
    Day(DateRange),
}

impl Val {
    fn compatible(&self, other: &Val) -> bool {
        match (self, other) {
            (Val::Num(a), Val::Num(b)) => a.overlaps(b),
            (Val::Day(a), Val::Day(b)) => a.overlaps(b),
            _ => false,
        }
    }

    /// The value an article states outright (not a hedged range).
    fn exact(&self) -> bool {
        match self {
            Val::Num(n) => n.is_exact(),
            Val::Day(_) => true,
        }
    }

    fn label(&self) -> String {
        match self {
            Val::Num(n) => n.to_string(),
            Val::Day(d) => d.to_string(),
        }
    }
}

struct Obs {
    voice: String,
    published: Option<Date>,
    evidence: Evidence,
    val: Val,
}

pub fn suggest(input: &Input, articles: &[Article]) -> Vec<Suggestion> {
    let mut by_fact: BTreeMap<(FactId, bool), Vec<Obs>> = BTreeMap::new();
    let index_of = |id| articles.iter().position(|a| a.id == id);

    // Values, through the probe.
    let mut probe = input.facts.clone();
    for f in &mut probe.facts {
        if let Some(v) = &mut f.value {
            v.value = PROBE;
            f.tolerance = None;
        }
    }
    for finding in check_articles(articles, Some(&probe), input.cfg.clone()) {
        let (Kind::ValueMismatch, Some(fact)) = (finding.kind, finding.fact) else {
            continue;
        };
        let Some(a) = index_of(finding.article).and_then(|i| input.articles.get(i)) else {
            continue;
        };
        let q = a
            .claims
            .sentences
            .iter()
            .flat_map(|s| &s.quantities)
            .find(|q| q.span == finding.span);
        if let Some(q) = q {
            by_fact.entry((fact, true)).or_default().push(obs(
                a,
                finding.sentence,
                Val::Num(q.interval),
                finding.found.clone(),
            ));
        }
    }

    // Dates: mismatches from the real check, agreement from aligned sentences.
    for finding in check_articles(articles, Some(input.facts), input.cfg.clone()) {
        let (Kind::DateMismatch, Some(fact)) = (finding.kind, finding.fact) else {
            continue;
        };
        let Some(a) = index_of(finding.article).and_then(|i| input.articles.get(i)) else {
            continue;
        };
        let d = a
            .claims
            .sentences
            .iter()
            .flat_map(|s| &s.dates)
            .find(|d| d.span == finding.span);
        if let Some(range) = d.and_then(|d| d.range) {
            by_fact.entry((fact, false)).or_default().push(obs(
                a,
                finding.sentence,
                Val::Day(range),
                finding.found.clone(),
            ));
        }
    }
    for a in &input.articles {
        for (si, s) in a.claims.sentences.iter().enumerate() {
            if s.question || s.modal {
                continue;
            }
            let Some(fid) = a.fact_of(si, &input.cfg, |f| input.facts.fact(f).date.is_some())
            else {
                continue;
            };
            let Some(want) = input.facts.fact(fid).date else {
                continue;
            };
            if let Some(d) = s
                .dates
                .iter()
                .find(|d| d.range.is_some_and(|r| r.overlaps(&want)))
            {
                let words = a.article.text[d.span.start..d.span.end].to_string();
                by_fact.entry((fid, false)).or_default().push(obs(
                    a,
                    s.span,
                    Val::Day(d.range.unwrap_or(want)),
                    words,
                ));
            }
        }
    }

    let mut out = Vec::new();
    for ((fid, is_value), list) in by_fact {
        let fact = input.facts.fact(fid);
        let file_val = if is_value {
            fact.value_interval().map(Val::Num)
        } else {
            fact.date.map(Val::Day)
        };
        if let Some(fv) = file_val {
            out.extend(decide(fact, is_value, fv, list));
        }
    }
    out
}

fn obs(a: &Analysed, sentence: crate::span::Span, val: Val, words: String) -> Obs {
    Obs {
        voice: a.voice(),
        published: a.article.meta.published,
        evidence: a.evidence(sentence, Some(format!("{} (\"{words}\")", val.label()))),
        val,
    }
}

fn decide(fact: &Fact, is_value: bool, file: Val, mut list: Vec<Obs>) -> Option<Suggestion> {
    // One article read twice (the same sentence seen by both date passes) counts once.
    list.sort_by(|a, b| {
        (&a.evidence.path, a.evidence.line, &a.evidence.sentence).cmp(&(
            &b.evidence.path,
            b.evidence.line,
            &b.evidence.sentence,
        ))
    });
    list.dedup_by(|a, b| a.evidence == b.evidence && a.val == b.val);
    let differing: Vec<&Obs> = list.iter().filter(|o| !o.val.compatible(&file)).collect();
    if differing.is_empty() {
        return None;
    }
    let what = if is_value { "value" } else { "date" };
    // Candidates: exact new values, with the outlets stating them.
    let mut best: Option<(Val, Vec<&str>)> = None;
    for o in differing.iter().filter(|o| o.val.exact()) {
        let mut voices: Vec<&str> = differing
            .iter()
            .filter(|p| p.val.exact() && p.val == o.val)
            .map(|p| p.voice.as_str())
            .collect();
        voices.sort();
        voices.dedup();
        if best.as_ref().is_none_or(|(_, v)| voices.len() > v.len()) {
            best = Some((o.val, voices));
        }
    }
    let voices_differing = {
        let mut v: Vec<&str> = differing.iter().map(|o| o.voice.as_str()).collect();
        v.sort();
        v.dedup();
        v.len()
    };
    let evidence: Vec<Evidence> = list.iter().map(|o| o.evidence.clone()).collect();
    if let Some((cand, voices)) = best
        && voices.len() >= 2
    {
        let earliest_support: Option<Date> = list
            .iter()
            .filter(|o| o.val.compatible(&cand))
            .filter_map(|o| o.published)
            .min();
        let mut superseded = Vec::new();
        let mut against = Vec::new();
        for o in list.iter().filter(|o| !o.val.compatible(&cand)) {
            let older = matches!((o.published, earliest_support), (Some(p), Some(n)) if p < n);
            if older && o.val.compatible(&file) {
                superseded.push(o);
            } else {
                against.push(o);
            }
        }
        if against.is_empty() {
            let (kind, change, new_text) = if is_value {
                let v = match cand {
                    Val::Num(n) => n.lo,
                    Val::Day(_) => return None,
                };
                let raw_is_number = fact
                    .value
                    .as_ref()
                    .is_some_and(|fv| fv.raw.parse::<f64>().is_ok());
                let value = if raw_is_number {
                    NewValue::from_f64(v)
                } else {
                    NewValue::Text(fmt_num(v))
                };
                let text = value.to_string();
                (
                    SuggestionKind::StaleValue,
                    Change::SetValue {
                        fact: fact.id.clone(),
                        value,
                    },
                    text,
                )
            } else {
                let d = cand.label();
                (
                    SuggestionKind::StaleDate,
                    Change::SetDate {
                        fact: fact.id.clone(),
                        date: d.clone(),
                    },
                    d,
                )
            };
            let old = match (is_value, &fact.value, fact.date) {
                (true, Some(v), _) => v.raw.clone(),
                (false, _, Some(d)) => d.to_string(),
                _ => file.label(),
            };
            let mut notes = Vec::new();
            for o in superseded {
                notes.push(format!(
                    "{} ({}) still gives {old}, but is older than every article giving \
                     {new_text}: taken as superseded",
                    o.voice,
                    o.evidence.published.as_deref().unwrap_or("undated"),
                ));
            }
            return Some(Suggestion {
                id: format!("{}:{}", kind.as_str(), fact.id),
                kind,
                message: format!(
                    "{} outlets ({}) agree the {what} of `{}` is {new_text}; the file says {old}",
                    voices.len(),
                    voices.join(", "),
                    fact.id
                ),
                evidence,
                changes: vec![change],
                yaml: Some(format!("{what}: {new_text}")),
                notes,
            });
        }
    }
    if voices_differing < 2 {
        // One outlet against the file is a finding for `check`, not a reason to edit.
        return None;
    }
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for o in &list {
        groups
            .entry(o.val.label())
            .or_default()
            .push(o.voice.as_str());
    }
    let said: Vec<String> = groups
        .into_iter()
        .map(|(v, mut who)| {
            who.sort();
            who.dedup();
            format!("{v} ({})", who.join(", "))
        })
        .collect();
    Some(Suggestion {
        id: format!("disagreement:{}:{what}", fact.id),
        kind: SuggestionKind::Disagreement,
        message: format!(
            "articles disagree on the {what} of `{}`: {}; the file says {}; no change proposed",
            fact.id,
            said.join(" vs "),
            file.label()
        ),
        evidence,
        changes: Vec::new(),
        yaml: None,
        notes: Vec::new(),
    })
}
