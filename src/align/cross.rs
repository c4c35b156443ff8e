//! Aligns claims across articles, without a fact file.
//!
//! Each sentence yields claim frames: a number with its unit, act and acting entity; a date
//! with its event kind and participants; a stance on an event. A frame's key holds what must
//! be equal for two claims to be about the same thing (same measure of the same actor, same
//! event of the same people). Frames are grouped by key, so only frames that share a key are
//! ever compared, and frames of one article never; an article's frames past the first
//! [`MAX_FRAMES_PER_KEY`] of one key are not compared, so the pairs of two articles are
//! bounded whatever they repeat. Within a group, frames of different articles are paired when
//! their times agree: overlapping event dates, or publication dates within
//! [`NEWS_CYCLE_DAYS`].

use super::clauses::{clause_of, subject_ref_before};
use super::frames::{act_in, event_kind, happens_once, participants};
use crate::article::{Article, ArticleId};
use crate::claims::{ArticleClaims, EntityRef, Polarity, Sentence};
use crate::extract::tokens::stem;
use crate::span::Span;
use crate::values::DateRange;
use jiff::ToSpan;
use std::collections::BTreeMap;

/// Articles published further apart than this, with no event dates to say otherwise, are
/// about different occasions.
pub const NEWS_CYCLE_DAYS: i64 = 7;

/// What a frame claims.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// Index into the sentence's quantities.
    Quantity(usize),
    /// Index into the sentence's dates.
    Date(usize),
    /// The sentence's stance on its event.
    Stance(SentenceStance),
}

/// One sentence's stance on its event, reduced to one voice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceStance {
    pub polarity: Polarity,
    pub source: Option<EntityRef>,
    pub attributed: bool,
    /// The cue words, or the whole sentence for the article's own voice.
    pub span: Span,
}

/// A claim located in one article's sentence, with the key it is compared under.
#[derive(Clone, Debug)]
pub struct Frame {
    pub article: ArticleId,
    pub sentence: usize,
    pub key: String,
    pub claim: Claim,
    /// The event's date when the sentence gives one (not the date of a report).
    pub when: Option<DateRange>,
}

/// A pair of frames from different articles that share a key and a time.
#[derive(Clone, Debug)]
pub struct Pair<'a> {
    pub a: &'a Frame,
    pub b: &'a Frame,
}

fn entity_key(e: &EntityRef) -> String {
    match e {
        EntityRef::Known(id) => format!("#{}", id.0),
        EntityRef::Named(n) => n.clone(),
    }
}

/// The frames of one article. `skip` says which sentences a fact file already covers.
pub fn frames(
    article: &Article,
    claims: &ArticleClaims,
    event_date: &dyn Fn(&Sentence) -> Option<DateRange>,
    skip: &dyn Fn(usize) -> bool,
) -> Vec<Frame> {
    let mut out = Vec::new();
    for (si, s) in claims.sentences.iter().enumerate() {
        if s.question || s.modal || skip(si) {
            continue;
        }
        let when = event_date(s);
        let push = |out: &mut Vec<Frame>, key: String, claim: Claim| {
            out.push(Frame {
                article: article.id,
                sentence: si,
                key,
                claim,
                when,
            });
        };
        // Numbers: same unit, same act, same actor, same place. Without a named actor, the
        // verb next to the number stands for the act and every name in the sentence must match.
        for (qi, q) in s.quantities.iter().enumerate() {
            let (true, Some(unit)) = (q.kind.is_measure(), q.unit.as_deref()) else {
                continue;
            };
            let clause = clause_of(s, &article.text, q.span);
            let scope = scope_after(s, q.unit_span.map_or(q.span.end, |u| u.end));
            let key = match (
                act_in(s, clause),
                subject_ref_before(s, clause, q.span.start),
            ) {
                (Some(act), Some(agent)) => {
                    format!("q|{}|{unit}|{act}|{scope}", entity_key(&agent))
                }
                (_, None) => {
                    let Some(verb) = verb_near(s, clause, q) else {
                        continue;
                    };
                    let names: Vec<String> =
                        s.mentions.iter().map(|m| entity_key(&m.entity)).collect();
                    format!("q|-{}|{unit}|{verb}|{scope}", names.join("+"))
                }
                (None, Some(_)) => continue,
            };
            push(&mut out, key, Claim::Quantity(qi));
        }
        let people = participants(s, &article.text);
        let Some(event) = event_kind(s) else { continue };
        let who = people.iter().map(entity_key).collect::<Vec<_>>().join("+");
        // Dates: one event date per sentence, for an event of named people.
        if (people.len() >= 2 || (people.len() == 1 && happens_once(event)))
            && let [d] = s.dates.as_slice()
            && d.range.is_some()
            && when.is_some()
        {
            push(&mut out, format!("d|{who}|{event}"), Claim::Date(0));
        }
        // Stances: an event between at least two named parties.
        if people.len() >= 2
            && let Some(stance) = sentence_stance(s)
        {
            push(&mut out, format!("s|{who}|{event}"), Claim::Stance(stance));
        }
    }
    out
}

/// Words next to a number that say nothing of what it counts.
const FILLER: &[&str] = &[
    "have", "has", "had", "been", "be", "is", "are", "was", "were", "since", "already", "now",
    "so", "far", "still", "about", "around", "some", "than", "more", "less", "over", "under",
    "nearly", "almost", "least", "most", "up", "to", "of", "the", "a", "an", "and", "in", "on",
    "at", "by", "for", "with", "just", "only", "total", "also",
];

/// The content word nearest the number (its verb, usually): the first one after the unit
/// within three words ("140,000 people have recovered"), else before the number ("grossed $95
/// million"). Adverbs in -ly are passed over.
fn verb_near(s: &Sentence, clause: Span, q: &crate::claims::Quantity) -> Option<String> {
    let content = |t: &&crate::extract::tokens::Token| {
        clause.contains(t.span)
            && !FILLER.contains(&t.lower.as_str())
            && !t.lower.ends_with("ly")
            && t.lower.chars().all(char::is_alphabetic)
            && !s.mentions.iter().any(|m| m.span.contains(t.span))
    };
    let after_end = q.unit_span.map_or(q.span.end, |u| u.end);
    let after = s
        .tokens
        .iter()
        .filter(|t| t.span.start >= after_end)
        .take(4)
        .find(content);
    let before = || {
        s.tokens
            .iter()
            .filter(|t| t.span.end <= q.span.start)
            .rev()
            .take(3)
            .find(content)
    };
    after.or_else(before).map(|t| stem(&t.lower))
}

/// The place a number is counted over: "over Kyiv", "in the Odesa region"; empty for none.
fn scope_after(s: &Sentence, from: usize) -> String {
    let next: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.start >= from)
        .take(4)
        .map(|t| t.lower.as_str())
        .collect();
    match next.as_slice() {
        [
            "over" | "in" | "across" | "near" | "around" | "above",
            rest @ ..,
        ] => rest
            .iter()
            .filter(|w| !matches!(**w, "the" | "a"))
            .take(2)
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// One voice per sentence, or `None` when the sentence holds both sides (it reports the
/// dispute itself) or negates its event in some other way.
fn sentence_stance(s: &Sentence) -> Option<SentenceStance> {
    let denies: Vec<_> = s
        .stances
        .iter()
        .filter(|c| c.polarity == Polarity::Denies)
        .collect();
    // Beside a denial, an unnamed report is what is being denied ("reports of a call").
    let affirms: Vec<_> = s
        .stances
        .iter()
        .filter(|c| c.polarity == Polarity::Affirms)
        .filter(|c| denies.is_empty() || c.source.is_some())
        .collect();
    match (denies.as_slice(), affirms.as_slice()) {
        ([d, ..], []) => Some(SentenceStance {
            polarity: Polarity::Denies,
            source: d.source.clone(),
            attributed: d.attributed,
            span: d.span,
        }),
        ([], [a, ..]) => Some(SentenceStance {
            polarity: Polarity::Affirms,
            source: a.source.clone(),
            attributed: a.attributed,
            span: a.span,
        }),
        ([], []) => {
            let negated = s
                .tokens
                .iter()
                .any(|t| matches!(t.lower.as_str(), "not" | "never" | "no" | "didn't" | "nor"));
            (!negated).then_some(SentenceStance {
                polarity: Polarity::Affirms,
                source: None,
                attributed: false,
                span: s.span,
            })
        }
        _ => None,
    }
}

/// Most frames of one key taken from one article for comparison with other articles: its
/// first ones, in text order. Real articles state one measure a handful of times; without a
/// bound, two articles repeating one statement thousands of times would make millions of
/// pairs, and each finding would list thousands of other places.
pub const MAX_FRAMES_PER_KEY: usize = 16;

/// Pairs of frames from different articles with the same key and agreeing times, among the
/// first [`MAX_FRAMES_PER_KEY`] frames of each article for that key.
pub fn pairs<'a>(frames: &'a [Frame], articles: &[Article]) -> Vec<Pair<'a>> {
    let mut groups: BTreeMap<&str, Vec<&Frame>> = BTreeMap::new();
    for f in frames {
        groups.entry(f.key.as_str()).or_default().push(f);
    }
    let mut out = Vec::new();
    for group in groups.values_mut() {
        // Frames of one article together, in their order: they are never paired.
        group.sort_by_key(|f| f.article);
        let runs: Vec<&[&Frame]> = group
            .chunk_by(|x, y| x.article == y.article)
            .map(|run| &run[..run.len().min(MAX_FRAMES_PER_KEY)])
            .collect();
        for (i, run_a) in runs.iter().enumerate() {
            for run_b in &runs[i + 1..] {
                for a in *run_a {
                    for b in *run_b {
                        if same_time(a, b, articles) {
                            out.push(Pair { a, b });
                        }
                    }
                }
            }
        }
    }
    out
}

fn same_time(a: &Frame, b: &Frame, articles: &[Article]) -> bool {
    if let (Some(x), Some(y)) = (a.when, b.when)
        && !matches!((&a.claim, &b.claim), (Claim::Date(_), Claim::Date(_)))
    {
        return x.overlaps(&y);
    }
    let published = |f: &Frame| articles[f.article.0 as usize].meta.published;
    match (published(a), published(b)) {
        (Some(x), Some(y)) => {
            let (early, late) = if x <= y { (x, y) } else { (y, x) };
            early
                .checked_add(NEWS_CYCLE_DAYS.days())
                .is_ok_and(|e| late <= e)
        }
        _ => true,
    }
}
