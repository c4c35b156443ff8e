//! Claim changes between two revisions: the claims of paired sentences are matched by frame
//! key, then by equal value, unit and order; claims of sentences with no counterpart are
//! matched by frame key alone, and what is left was added or removed.

use super::pair::SentencePairs;
use crate::align::cross::{self, Claim};
use crate::article::Article;
use crate::checks;
use crate::claims::{ArticleClaims, EntityRef, Polarity, Sentence};
use crate::span::Span;
use crate::values::{DateRange, NumInterval};
use serde::Serialize;
use std::collections::HashMap;

/// What sort of claim changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimType {
    Value,
    Date,
    Stance,
}

/// How a claim changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Value,
    Date,
    Stance,
    Added,
    Removed,
}

/// One side of a change: where the claim stands in its revision.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// Index into the revision's sentences.
    pub sentence: usize,
    /// The claim's words, a byte span into `Article::text`.
    pub span: Span,
    /// The claim's words as written.
    pub found: String,
    /// The claim as compared: "150 drones", "on Thursday (2024-11-07)", "Dmitry Peskov denies".
    pub shown: String,
    /// The number's interval, for a value claim.
    pub interval: Option<NumInterval>,
    /// The resolved day or days, for a date claim.
    pub range: Option<DateRange>,
}

/// A claim that changed value, date or stance, or that was added or removed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub claim: ClaimType,
    /// A short name for the change: "value", "date", "denial added", "attribution dropped".
    pub label: &'static str,
    pub old: Option<Side>,
    pub new: Option<Side>,
}

/// A stance cue reduced to what matters for comparison.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Cue {
    denies: bool,
    source: Option<EntityRef>,
    attributed: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Reading {
    Value {
        interval: NumInterval,
        unit: Option<String>,
    },
    Date(Option<DateRange>, String),
    Stance(Vec<Cue>),
}

#[derive(Clone, Debug)]
struct Item {
    claim: ClaimType,
    sentence: usize,
    span: Span,
    key: Option<String>,
    reading: Reading,
    found: String,
    shown: String,
}

impl Item {
    fn side(&self) -> Side {
        Side {
            sentence: self.sentence,
            span: self.span,
            found: self.found.clone(),
            shown: self.shown.clone(),
            interval: match &self.reading {
                Reading::Value { interval, .. } => Some(*interval),
                _ => None,
            },
            range: match &self.reading {
                Reading::Date(range, _) => *range,
                _ => None,
            },
        }
    }

    fn unit(&self) -> Option<&str> {
        match &self.reading {
            Reading::Value { unit, .. } => unit.as_deref(),
            _ => None,
        }
    }
}

/// One revision as the comparison reads it.
pub struct Revision<'a> {
    pub article: &'a Article,
    pub claims: &'a ArticleClaims,
}

/// Every claim change between `old` and `new`, given their sentence pairs. `name` spells an
/// entity for the stance descriptions.
pub fn claim_changes(
    old: &Revision,
    new: &Revision,
    pairs: &SentencePairs,
    name: &dyn Fn(&EntityRef) -> String,
) -> Vec<Change> {
    let old_items = items(old, name);
    let new_items = items(new, name);
    let in_sentence = |items: &[Item], si: usize| -> Vec<usize> {
        (0..items.len())
            .filter(|&i| items[i].sentence == si)
            .collect()
    };
    let mut out = Vec::new();
    for &(o, n) in &pairs.rewritten {
        let (os, ns) = (in_sentence(&old_items, o), in_sentence(&new_items, n));
        for claim in [ClaimType::Value, ClaimType::Date, ClaimType::Stance] {
            let of: Vec<&Item> = os
                .iter()
                .map(|&i| &old_items[i])
                .filter(|i| i.claim == claim)
                .collect();
            let nf: Vec<&Item> = ns
                .iter()
                .map(|&i| &new_items[i])
                .filter(|i| i.claim == claim)
                .collect();
            let (matched, gone, came) = match_items(&of, &nf, true);
            for (a, b) in matched {
                out.extend(changed(of[a], nf[b]));
            }
            // In a kept sentence, a lost or new stance cue is a stance change, already
            // described by comparing the two cue lists.
            if claim != ClaimType::Stance {
                out.extend(gone.into_iter().map(|a| removed(of[a])));
                out.extend(came.into_iter().map(|b| added(nf[b])));
            }
        }
    }
    // Sentences with no counterpart: claims meet again only under the same frame key.
    let loose = |items: &[Item], sentences: &[usize]| -> Vec<usize> {
        (0..items.len())
            .filter(|&i| sentences.contains(&items[i].sentence))
            .filter(|&i| worth_reporting_alone(&items[i]))
            .collect()
    };
    let (lo, ln) = (
        loose(&old_items, &pairs.removed),
        loose(&new_items, &pairs.added),
    );
    let of: Vec<&Item> = lo.iter().map(|&i| &old_items[i]).collect();
    let nf: Vec<&Item> = ln.iter().map(|&i| &new_items[i]).collect();
    let (matched, gone, came) = match_items(&of, &nf, false);
    for (a, b) in matched {
        out.extend(changed(of[a], nf[b]));
    }
    out.extend(gone.into_iter().map(|a| removed(of[a])));
    out.extend(came.into_iter().map(|b| added(nf[b])));
    // New-revision order; a removed sentence goes where its neighbours went, before what
    // was added there.
    let anchor = |old: usize| {
        (0..old)
            .rev()
            .find_map(|p| pairs.new_of(p))
            .map_or(0, |n| n + 1)
    };
    out.sort_by_key(|c| match (&c.old, &c.new) {
        (_, Some(n)) => (n.sentence, 1, n.span.start, c.kind),
        (Some(o), None) => (anchor(o.sentence), 0, o.span.start, c.kind),
        (None, None) => (usize::MAX, 2, 0, c.kind),
    });
    out
}

/// A claim in a sentence that appeared or vanished whole is reported when it says something
/// checkable: a measure, a resolved date, a denial or a named source's stance.
fn worth_reporting_alone(item: &Item) -> bool {
    match &item.reading {
        Reading::Value { .. } => true,
        Reading::Date(range, _) => range.is_some(),
        Reading::Stance(cues) => cues
            .iter()
            .any(|c| c.denies || matches!(c.source, Some(EntityRef::Known(_)))),
    }
}

/// Matches items of one claim type: by frame key, then (within one sentence) by equal
/// reading, by unit, and by order. Returns matched index pairs and the leftovers.
fn match_items(
    old: &[&Item],
    new: &[&Item],
    same_sentence: bool,
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut matched = Vec::new();
    let mut free_old: Vec<usize> = (0..old.len()).collect();
    let mut free_new: Vec<usize> = (0..new.len()).collect();
    let mut pass = |ok: &dyn Fn(&Item, &Item) -> bool| {
        let mut i = 0;
        while i < free_old.len() {
            let a = free_old[i];
            if let Some(j) = free_new.iter().position(|&b| ok(old[a], new[b])) {
                matched.push((a, free_new.remove(j)));
                free_old.remove(i);
            } else {
                i += 1;
            }
        }
    };
    pass(&|a, b| a.key.is_some() && a.key == b.key);
    // Within a sentence an equal claim is the same claim; across sentences it was moved (and
    // a moved claim that says the same is no change).
    pass(&|a, b| same_reading(&a.reading, &b.reading));
    if same_sentence {
        pass(&|a, b| a.unit().is_some() && a.unit() == b.unit());
        pass(&|_, _| true);
    }
    (matched, free_old, free_new)
}

/// Equal claims: a resolved date equals the same days however it is written.
fn same_reading(a: &Reading, b: &Reading) -> bool {
    match (a, b) {
        (Reading::Date(Some(x), _), Reading::Date(Some(y), _)) => x == y,
        _ => a == b,
    }
}

fn changed(a: &Item, b: &Item) -> Option<Change> {
    if same_reading(&a.reading, &b.reading) {
        return None;
    }
    let (kind, label) = match (&a.reading, &b.reading) {
        (Reading::Value { .. }, _) => (ChangeKind::Value, "value"),
        (Reading::Date(..), Reading::Date(..)) => (ChangeKind::Date, "date"),
        (Reading::Stance(x), Reading::Stance(y)) => (ChangeKind::Stance, stance_label(x, y)),
        _ => return None,
    };
    Some(Change {
        kind,
        claim: a.claim,
        label,
        old: Some(a.side()),
        new: Some(b.side()),
    })
}

fn stance_label(old: &[Cue], new: &[Cue]) -> &'static str {
    let denies = |c: &[Cue]| c.iter().any(|c| c.denies);
    let attributed = |c: &[Cue]| c.iter().any(|c| c.attributed);
    match (denies(old), denies(new), attributed(old), attributed(new)) {
        (false, true, ..) => "denial added",
        (true, false, ..) => "denial removed",
        (_, _, true, false) => "attribution dropped",
        (_, _, false, true) => "attribution added",
        _ => "stance",
    }
}

/// True for a stance item holding a denial.
fn is_denial(item: &Item) -> bool {
    matches!(&item.reading, Reading::Stance(cues) if cues.iter().any(|c| c.denies))
}

fn removed(a: &Item) -> Change {
    Change {
        kind: ChangeKind::Removed,
        claim: a.claim,
        label: if is_denial(a) {
            "denial removed"
        } else {
            "removed"
        },
        old: Some(a.side()),
        new: None,
    }
}

fn added(b: &Item) -> Change {
    Change {
        kind: ChangeKind::Added,
        claim: b.claim,
        label: if is_denial(b) {
            "denial added"
        } else {
            "added"
        },
        old: None,
        new: Some(b.side()),
    }
}

/// The comparable claims of a revision, each with its frame key when it has one.
fn items(rev: &Revision, name: &dyn Fn(&EntityRef) -> String) -> Vec<Item> {
    let text = &rev.article.text;
    let event_date = |s: &Sentence| {
        let dates: Vec<_> = s
            .dates
            .iter()
            .filter(|d| !checks::is_report_date(text, s, d.span, &[]))
            .filter_map(|d| d.range)
            .collect();
        match dates.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    };
    let mut keys: HashMap<(usize, u8, usize), String> = HashMap::new();
    for f in cross::frames(rev.article, rev.claims, &event_date, &|_, _| false) {
        let slot = match &f.claim {
            Claim::Quantity(q) => (f.sentence, 0, q.index),
            Claim::Date(d) => (f.sentence, 1, d.index),
            Claim::Stance(_) => (f.sentence, 2, 0),
        };
        keys.entry(slot).or_insert_with(|| f.key());
    }
    let words = |span: Span| {
        text.get(span.start..span.end)
            .unwrap_or_default()
            .to_string()
    };
    let mut out = Vec::new();
    for (si, s) in rev.claims.sentences.iter().enumerate() {
        for (qi, q) in s.quantities.iter().enumerate() {
            if !q.kind.is_measure() || partitive(text, s, q.span) {
                continue;
            }
            let span = q.unit_span.map_or(q.span, |u| q.span.cover(u));
            let found = words(span);
            out.push(Item {
                claim: ClaimType::Value,
                sentence: si,
                span,
                key: keys.get(&(si, 0, qi)).cloned(),
                reading: Reading::Value {
                    interval: q.interval,
                    unit: q.unit.clone(),
                },
                shown: found.clone(),
                found,
            });
        }
        for (di, d) in s.dates.iter().enumerate() {
            let found = words(d.span);
            let shown = match d.range {
                Some(r) if r.to_string() != found => format!("{found} ({r})"),
                _ => found.clone(),
            };
            out.push(Item {
                claim: ClaimType::Date,
                sentence: si,
                span: d.span,
                key: keys.get(&(si, 1, di)).cloned(),
                reading: Reading::Date(d.range, found.to_lowercase()),
                found,
                shown,
            });
        }
        let mut cues: Vec<Cue> = s
            .stances
            .iter()
            .map(|c| Cue {
                denies: c.polarity == Polarity::Denies,
                source: c.source.clone(),
                attributed: c.attributed,
            })
            .collect();
        cues.sort();
        cues.dedup();
        let span = s
            .stances
            .iter()
            .map(|c| c.span)
            .reduce(Span::cover)
            .unwrap_or(s.span);
        // Without cues the whole sentence is the article's own statement.
        let found = if s.stances.is_empty() {
            crate::report::squash(&words(s.span))
        } else {
            s.stances
                .iter()
                .map(|c| words(c.span))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(Item {
            claim: ClaimType::Stance,
            sentence: si,
            span,
            key: keys.get(&(si, 2, 0)).cloned(),
            shown: describe(&cues, name),
            reading: Reading::Stance(cues),
            found,
        });
    }
    out
}

/// "one of the largest attacks" counts nothing.
fn partitive(text: &str, s: &Sentence, span: Span) -> bool {
    let word = text.get(span.start..span.end).unwrap_or_default();
    let next = s.tokens.iter().find(|t| t.span.start >= span.end);
    word.eq_ignore_ascii_case("one") && next.is_some_and(|t| t.lower == "of")
}

/// "Dmitry Peskov denies", "an unnamed source affirms", or "stated as fact".
fn describe(cues: &[Cue], name: &dyn Fn(&EntityRef) -> String) -> String {
    if cues.is_empty() {
        return "stated as fact".into();
    }
    cues.iter()
        .map(|c| {
            let who = match (&c.source, c.attributed) {
                (Some(e), _) => name(e),
                (None, true) => "an unnamed source".into(),
                (None, false) => "the article".into(),
            };
            let verb = if c.denies { "denies" } else { "affirms" };
            format!("{who} {verb}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(denies: bool, attributed: bool) -> Cue {
        Cue {
            denies,
            source: None,
            attributed,
        }
    }

    #[test]
    fn stance_labels_name_the_change() {
        assert_eq!(stance_label(&[], &[cue(true, true)]), "denial added");
        assert_eq!(stance_label(&[cue(true, true)], &[]), "denial removed");
        assert_eq!(
            stance_label(&[cue(false, true)], &[]),
            "attribution dropped"
        );
        assert_eq!(stance_label(&[], &[cue(false, true)]), "attribution added");
        assert_eq!(
            describe(&[cue(true, true)], &|_| String::new()),
            "an unnamed source denies"
        );
        assert_eq!(describe(&[], &|_| String::new()), "stated as fact");
    }

    fn value(v: f64, unit: &str, key: Option<&str>) -> Item {
        Item {
            claim: ClaimType::Value,
            sentence: 0,
            span: Span::default(),
            key: key.map(str::to_string),
            reading: Reading::Value {
                interval: NumInterval::exact(v),
                unit: Some(unit.into()),
            },
            found: String::new(),
            shown: String::new(),
        }
    }

    #[test]
    fn items_match_by_key_then_equal_value_then_unit() {
        let old = [value(150.0, "drone", None), value(34.0, "drone", None)];
        let new = [value(34.0, "drone", None), value(145.0, "drone", None)];
        let (o, n): (Vec<&Item>, Vec<&Item>) = (old.iter().collect(), new.iter().collect());
        let (m, gone, came) = match_items(&o, &n, true);
        assert_eq!(m, vec![(1, 0), (0, 1)]);
        assert!(gone.is_empty() && came.is_empty());
        // Across sentences only the key counts.
        let old = [value(150.0, "drone", Some("q|k"))];
        let new = [
            value(145.0, "drone", Some("q|k")),
            value(3.0, "drone", None),
        ];
        let (o, n): (Vec<&Item>, Vec<&Item>) = (old.iter().collect(), new.iter().collect());
        let (m, gone, came) = match_items(&o, &n, false);
        assert_eq!((m, gone, came), (vec![(0, 0)], vec![], vec![1]));
        assert_eq!(
            changed(&old[0], &new[0]).map(|c| c.kind),
            Some(ChangeKind::Value)
        );
        assert_eq!(changed(&new[1], &new[1]), None);
    }

    #[test]
    fn a_date_written_another_way_is_the_same_claim() {
        let day = Some(DateRange::day(jiff::civil::date(2024, 11, 7)));
        let thursday = Reading::Date(day, "on thursday".into());
        let nov7 = Reading::Date(day, "on nov. 7".into());
        assert!(same_reading(&thursday, &nov7));
        let unresolved = |w: &str| Reading::Date(None, w.into());
        assert!(!same_reading(
            &unresolved("on thursday"),
            &unresolved("on friday")
        ));
        assert!(same_reading(
            &unresolved("on friday"),
            &unresolved("on friday")
        ));
    }
}
