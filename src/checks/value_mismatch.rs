//! `value-mismatch`: the article's number for a fact's measure disagrees with the fact.
//!
//! **What it flags.** A count, sum or percentage whose value interval (hedges included:
//! "more than 140" is (140, ∞)) is disjoint from the fact's value ± tolerance, for the same
//! unit, the same acting entity and the same kind of act.
//!
//! **Why it matters.** Wrong figures are the commonest factual error in rewrites of wire copy.
//!
//! **Example.** Fact `russia-drones: 145 drones`; article: "Russia sent 150 drones into
//! Ukraine" -> error, 150 vs 145.
//!
//! **Known false positives.** A later, updated toll reads as a mismatch (we say so in a note
//! when the article is newer than the fact's sources). Subsets are skipped only when marked
//! ("12 of them", "over the capital", "each"); an unmarked regional figure can still fire.
//!
//! **Skipped.** Earlier values and changes ("from 5.25% to 5.75%", "by 0.25 points to …"),
//! additions ("a further 120"), running totals ("since the start of November"), several
//! figures that are parts of a total ("96 Shahed drones and 49 decoy drones"), figures the
//! sentence doubts ("a figure Kyiv called exaggerated"), sentences dated off the fact's date
//! (another occasion), and, for a fact about what remains, figures not said to remain.

use super::{Context, CrossContext, Merged, days_apart};
use crate::align::clauses::clause_of;
use crate::align::cross::{Frame, Pair};
use crate::align::frames::act_class;
use crate::align::{Alignment, unique_best};
use crate::claims::{EntityRef, Quantity, Sentence};
use crate::extract::numbers::normalize_unit;
use crate::extract::tokens::stem;
use crate::facts::{Fact, FactId};
use crate::finding::{Finding, Kind, Related, Severity};
use crate::values::DateRange;
use crate::values::fmt_num;

/// Units that are tolls, which later reports revise upwards.
const TOLLS: &[&str] = &[
    "death", "dead", "people", "person", "casualty", "victim", "injured", "body",
];

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (s, aligned) in ctx.aligned_statements() {
        let aligned: Vec<&Alignment> = aligned
            .into_iter()
            .filter(|a| ctx.facts.fact(a.fact).value.is_some())
            .collect();
        if aligned.is_empty() {
            continue;
        }
        let measures: Vec<&Quantity> = s
            .quantities
            .iter()
            .filter(|q| q.kind.is_measure())
            .collect();
        // A figure the sentence itself calls into doubt ("a figure Kyiv called exaggerated")
        // is reported, not vouched for.
        if doubted(s) {
            continue;
        }
        for q in &measures {
            // A finding needs a fact whose value the number falls outside, and the fact it is
            // checked against is one of these: when the number agrees with all of them (most
            // numbers in prose that align with a fact give its value), nothing below can
            // fire, and its tests of the number's clause are the costly part of the check.
            if !aligned.iter().any(|a| outside_value(ctx, q, a.fact)) {
                continue;
            }
            if !comparable(s, q) {
                continue;
            }
            // A planned or possible figure ("would cut 2,400 jobs", "could launch 200") is
            // compared only with a fact that is itself a plan; the modal word must govern this
            // number, not another clause of the sentence.
            let planned = s.modal && modal_near(s, q);
            let fits: Vec<&Alignment> = aligned
                .iter()
                .copied()
                .filter(|a| !planned || ctx.aligner.profiles[a.fact.0 as usize].modal)
                .filter(|a| measures_fact(ctx, s, q, a.fact))
                .collect();
            let Some(best) = unique_best(&fits, ctx.aligner.cfg.margin) else {
                continue;
            };
            let fact = ctx.facts.fact(best.fact);
            // A sentence that dates its event off the fact's date is about another occasion
            // (or a misdated one, which `date-mismatch` reports): its figures are not the
            // fact's.
            if !ctx.same_occasion(best.fact, s)
                || ctx.other_occasion(s, best.fact)
                || ctx.dated_elsewhere(s, best.fact)
                || narrower_place(ctx, s, q, fact)
                || !qualified_alike(ctx, s, q, fact)
                || (cumulative(ctx, s, q) && !cumulative_fact(fact))
                || counted_over_a_longer_period(ctx, s, q, fact)
            {
                continue;
            }
            let Some(want) = fact.value_interval() else {
                continue;
            };
            if q.interval.overlaps(&want) {
                continue;
            }
            // Another number in the sentence for the same fact agrees: the sentence may give
            // the fact's figure and a part of it; do not guess which is which.
            let others: Vec<&Quantity> = measures
                .iter()
                .copied()
                .filter(|o| !std::ptr::eq(*o, *q))
                .filter(|o| !is_part(s, o) && !is_earlier_or_change(s, o))
                .filter(|o| !(s.modal && modal_near(s, o)) || profile_modal(ctx, best.fact))
                .filter(|o| measures_fact(ctx, s, o, best.fact))
                .collect();
            if others.iter().any(|o| o.interval.overlaps(&want)) || parts(ctx, s, q, &others, want)
            {
                continue;
            }
            out.push(finding(ctx, s, q, fact, best));
        }
    }
    out
}

/// Whether the sentence gives a figure for fact `id`'s measure that agrees with the fact's
/// value: `date-mismatch` takes it as naming the fact's occasion.
pub fn agrees(ctx: &Context, s: &Sentence, id: FactId) -> bool {
    let Some(want) = ctx.facts.fact(id).value_interval() else {
        return false;
    };
    s.quantities
        .iter()
        .filter(|q| q.kind.is_measure() && comparable(s, q))
        .filter(|q| measures_fact(ctx, s, q, id))
        .any(|q| q.interval.overlaps(&want))
}

/// Whether `q` falls outside the value (± tolerance) of fact `id`, which has one.
fn outside_value(ctx: &Context, q: &Quantity, id: FactId) -> bool {
    ctx.facts
        .fact(id)
        .value_interval()
        .is_some_and(|want| !q.interval.overlaps(&want))
}

/// Whether a number is a claim of its own about a measure, not a part of a whole, an addition
/// ("a further 120"), an earlier value ("from 5.25% to 5.75%") or a change ("by 0.25 points to
/// 5.75%").
fn comparable(s: &Sentence, q: &Quantity) -> bool {
    !is_part(s, q) && !is_increment(s, q) && !is_earlier_or_change(s, q)
}

/// Whether `q` and the sentence's other figures for the same measure read as parts of a total
/// or steps of a sequence, so that none of them is the fact's figure: they add up to it ("96
/// Shahed drones and 49 decoy drones" against 145), each names a kind of its own ("Shahed
/// drones", "decoy drones"), or one adds to another ("thirty drones, then a further 120").
fn parts(
    ctx: &Context,
    s: &Sentence,
    q: &Quantity,
    others: &[&Quantity],
    want: crate::values::NumInterval,
) -> bool {
    if others.is_empty() {
        return false;
    }
    let all = || std::iter::once(q).chain(others.iter().copied());
    let sum = crate::values::NumInterval {
        lo: all().map(|o| o.interval.lo).sum(),
        hi: all().map(|o| o.interval.hi).sum(),
        lo_open: all().any(|o| o.interval.lo_open),
        hi_open: all().any(|o| o.interval.hi_open),
    };
    sum.overlaps(&want)
        || all().all(|o| qualified(ctx, s, o))
        || others.iter().any(|o| is_increment(s, o))
}

/// Whether a word stands between the number and its counted noun: "96 Shahed drones".
fn qualified(ctx: &Context, s: &Sentence, q: &Quantity) -> bool {
    let Some(unit) = q.unit_span else {
        return false;
    };
    unit.start > q.span.end
        && s.tokens
            .iter()
            .any(|t| t.span.start >= q.span.end && t.span.end <= unit.start)
        && !ctx
            .text(crate::span::Span::new(q.span.end, unit.start))
            .contains(',')
}

fn profile_modal(ctx: &Context, id: FactId) -> bool {
    ctx.aligner.profiles[id.0 as usize].modal
}

/// "a further 120 drones", "another 30", "20 more": an addition to a figure given before.
fn is_increment(s: &Sentence, q: &Quantity) -> bool {
    let prev = s
        .tokens
        .iter()
        .rfind(|t| t.span.end <= q.span.start)
        .map(|t| t.lower.as_str());
    let right_after: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.start >= q.span.end)
        .take(2)
        .map(|t| t.lower.as_str())
        .collect();
    matches!(prev, Some("further" | "another" | "additional"))
        || (right_after.first() == Some(&"more") && right_after.get(1) != Some(&"than"))
}

/// Words that cast doubt on a figure the sentence reports.
const DOUBT: &[&str] = &[
    "exaggerated",
    "exaggeration",
    "inflated",
    "overstated",
    "overstates",
    "understated",
    "understates",
    "unverified",
    "disputed",
    "contested",
    "unsubstantiated",
];

/// Whether the sentence calls a figure into doubt: "a figure Kyiv called exaggerated", "which
/// could not be independently verified".
fn doubted(s: &Sentence) -> bool {
    let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
    words.iter().any(|w| DOUBT.contains(w))
        || words.windows(4).any(|w| {
            matches!(w, ["not", "be", "verified" | "confirmed", _])
                || matches!(w, ["not", "be", "independently", "verified" | "confirmed"])
                || matches!(w, ["not", "independently", "verified" | "confirmed", _])
        })
}

/// The number before "to" in "from 5.25% to 5.75%" or "by 0.25 points to 5.75%" is the old
/// value or the change, not the level now claimed; so is the one in "up from 120", "down from
/// 90", "compared with 80".
fn is_earlier_or_change(s: &Sentence, q: &Quantity) -> bool {
    let before: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.end <= q.span.start)
        .rev()
        .take(2)
        .map(|t| t.lower.as_str())
        .collect();
    if matches!(
        before.as_slice(),
        [
            "from",
            "up" | "down" | "rising" | "falling" | "rose" | "fell"
        ] | ["with" | "to", "compared"]
            | ["than", ..]
    ) {
        return true;
    }
    let after_end = q.unit_span.map_or(q.span.end, |u| u.end.max(q.span.end));
    let next_is_to_number = s
        .tokens
        .iter()
        .find(|t| t.span.start >= after_end)
        .is_some_and(|t| t.lower == "to")
        && s.quantities.iter().any(|o| {
            o.span.start > after_end
                && s.tokens
                    .iter()
                    .filter(|t| t.span.start >= after_end && t.span.end <= o.span.start)
                    .count()
                    <= 2
        });
    matches!(before.first(), Some(&("from" | "by"))) && next_is_to_number
}

/// Words that open a running total: "since the start of November", "so far this year".
/// "The largest attack since the summer" ranks the figure; it does not make it a running
/// total, so "since" after a superlative does not count.
fn cumulative(ctx: &Context, s: &Sentence, q: &Quantity) -> bool {
    let clause = clause_of(s, &ctx.article.text, q.span);
    let words: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| clause.contains(t.span))
        .map(|t| t.lower.as_str())
        .collect();
    let ranked = |i: usize| {
        words[i.saturating_sub(4)..i].iter().any(|w| {
            matches!(*w, "most" | "first" | "least" | "worst" | "best")
                || (w.len() > 4 && w.ends_with("est"))
        })
    };
    let since = words
        .iter()
        .enumerate()
        .any(|(i, w)| *w == "since" && !ranked(i));
    since
        || words
            .windows(2)
            .any(|w| matches!(w, ["so", "far"] | ["to", "date"] | ["in", "all"]))
}

/// Whether the number's clause counts over a period of a week or more that holds the fact's
/// date and more: "more than 2,000 drones this month" is the month's total, not the weekend's
/// 145 ("on the night of 9–10 November" against the 9th is the same night).
fn counted_over_a_longer_period(ctx: &Context, s: &Sentence, q: &Quantity, fact: &Fact) -> bool {
    let Some(fd) = fact.date else {
        return false;
    };
    let clause = clause_of(s, &ctx.article.text, q.span);
    let days = |r: &DateRange| days_apart(&DateRange::day(r.start), &DateRange::day(r.end));
    ctx.dates(s)
        .iter()
        .filter(|d| clause.contains(d.span))
        .filter_map(|d| d.range)
        .any(|r| r.contains(fd.start) && r.contains(fd.end) && r != fd && days(&r) >= 6)
}

/// Whether the fact is itself a running total ("drones launched since September").
fn cumulative_fact(fact: &Fact) -> bool {
    let claim = format!(" {} ", fact.claim.to_lowercase());
    [" since ", " so far ", " to date ", " in all "]
        .iter()
        .any(|w| claim.contains(w))
}

/// Words that narrow a fact's measure to what is left of something.
const REMAINDER: &[&str] = &[
    "remaining",
    "remainder",
    "rest",
    "left",
    "leftover",
    "outstanding",
    "unspent",
    "unused",
    "still",
];

/// A fact about what remains ("the remaining $6 billion") is measured only by a figure said
/// to remain: "$61 billion in aid" is the whole package, not the remainder.
fn qualified_alike(ctx: &Context, s: &Sentence, q: &Quantity, fact: &Fact) -> bool {
    let claim = crate::extract::tokens::tokenize(&fact.claim);
    if !claim.iter().any(|t| REMAINDER.contains(&t.lower.as_str())) {
        return true;
    }
    let clause = clause_of(s, &ctx.article.text, q.span);
    s.tokens
        .iter()
        .filter(|t| clause.contains(t.span))
        .any(|t| REMAINDER.contains(&t.lower.as_str()))
}

/// Auxiliaries that open a clause's own verb after a participle that only describes its
/// subject: "41 people rescued from the ferry *had been* brought to hospital".
const AUXILIARIES: &[&str] = &["had", "have", "has", "were", "was", "are", "is", "will"];

/// Whether the number's noun is described by an act and then does another: "41 people rescued
/// from the ferry had been brought to its emergency department" counts the people brought to
/// hospital, some of the rescued, not the rescued. The participle right after the noun is the
/// act of a larger group; the clause's verb comes after an auxiliary.
fn told_of_a_later_act(s: &Sentence, clause: crate::span::Span, q: &Quantity) -> bool {
    let after_end = q.unit_span.map_or(q.span.end, |u| u.end);
    let after: Vec<_> = s
        .tokens
        .iter()
        .filter(|t| clause.contains(t.span) && t.span.start >= after_end)
        .collect();
    let Some((first, rest)) = after.split_first() else {
        return false;
    };
    let participle = first.lower.ends_with("ed") || first.lower.ends_with("en");
    // A verb that reports the figure ("the figure of 381 drones launched was confirmed") or
    // says it again ("were killed") leaves the number the participle's.
    let another_act = |v: &crate::extract::tokens::Token| {
        v.stem() != first.stem()
            && act_class(v.stem()).is_none_or(|c| act_class(first.stem()) != Some(c))
            && !s.stances.iter().any(|c| c.span.contains(v.span))
    };
    participle
        && rest.iter().enumerate().any(|(i, t)| {
            AUXILIARIES.contains(&t.lower.as_str())
                && rest[i + 1..]
                    .iter()
                    .find(|v| {
                        !matches!(v.lower.as_str(), "been" | "being" | "be" | "also" | "then")
                    })
                    .is_some_and(|v| another_act(v))
        })
}

/// Whether quantity `q` measures fact `id`: same unit, same acting entity, same act.
fn measures_fact(ctx: &Context, s: &Sentence, q: &Quantity, id: FactId) -> bool {
    let profile = &ctx.aligner.profiles[id.0 as usize];
    let (Some(fu), Some(qu)) = (profile.unit.as_deref(), q.unit.as_deref()) else {
        return false;
    };
    // The units are compared before the clause is worked out: most pairs differ there.
    if qu != fu && !PEOPLE.contains(&qu) {
        return false;
    }
    let clause = clause_of(s, &ctx.article.text, q.span);
    let act = act_near(s, clause, q);
    // "12 people were killed" measures a fact counted in "deaths": the fact's unit names the
    // act, and the number counts people doing or suffering it.
    let unit_ok = qu == fu || (act.is_some() && act_class(&stem(fu)) == act);
    if !unit_ok || told_of_a_later_act(s, clause, q) {
        return false;
    }
    if part_of_a_counted_whole(s, q) && !part_does_the_act(s, clause, q, profile) {
        return false;
    }
    // The clause's first named entity before the number, passing over speakers ("officials
    // in Moscow said").
    let subject = s
        .mentions
        .iter()
        .filter(|m| m.span.start >= clause.start && m.span.end <= q.span.start)
        .filter_map(|m| match m.entity {
            EntityRef::Known(e) => Some(e),
            EntityRef::Named(_) => None,
        })
        .find(|e| !is_speaker(s, *e));
    if let (Some(agent), Some(subject)) = (profile.agent, subject)
        && agent != subject
    {
        return false;
    }
    // The reporting period: "third-quarter revenue" is not the fact's second-quarter figure.
    // The clause's tokens: sorted and apart, so those inside it are one run.
    let first = s.tokens.partition_point(|t| t.span.start < clause.start);
    let inside = s.tokens[first..]
        .iter()
        .take_while(|t| clause.contains(t.span))
        .count();
    let clause_toks = &s.tokens[first..first + inside];
    if let (Some(a), Some(b)) = (profile.period, crate::align::period_of(clause_toks))
        && a != b
    {
        return false;
    }
    // A percentage is a change or share of something: the clause must name what the fact
    // measures ("profit fell 22%"), not only how it moved ("shares fell 8%").
    if q.kind == crate::claims::QuantityKind::Percent {
        let names_measure = clause_toks.iter().any(|t| {
            let w = t.stem();
            !MOVES.iter().any(|m| w.starts_with(m)) && profile.event_words.iter().any(|e| e == w)
        });
        if !names_measure {
            return false;
        }
    }
    // The act: the word nearest the number against the claim's.
    if let (Some(a), Some(b)) = (profile.act, act)
        && a != b
    {
        return false;
    }
    // Without a named subject in its clause, the number's clause must at least carry an
    // event word of the fact, or be the only number of its unit in the sentence.
    if subject.is_none() {
        let same_unit = s
            .quantities
            .iter()
            .filter(|o| o.kind.is_measure() && o.unit == q.unit)
            .count();
        let clause_has_word = profile.event_words.iter().any(|w| {
            s.tokens
                .iter()
                .filter(|t| clause.contains(t.span))
                .any(|t| t.stem() == w)
        });
        if same_unit > 1 && !clause_has_word {
            return false;
        }
    }
    true
}

/// A named place right after the number that the fact does not name as such: "12 drones over
/// Kyiv" against a claim about Ukraine, even when Kyiv is one of Ukraine's aliases.
fn narrower_place(ctx: &Context, s: &Sentence, q: &Quantity, fact: &Fact) -> bool {
    let after_end = q.unit_span.map_or(q.span.end, |u| u.end);
    let Some(prep) = s.tokens.iter().find(|t| t.span.start >= after_end) else {
        return false;
    };
    if !["over", "in", "across", "near", "around", "above", "on"].contains(&prep.lower.as_str()) {
        return false;
    }
    let Some(m) = s.mentions.iter().find(|m| {
        m.span.start > prep.span.end
            && ctx
                .text(crate::span::Span::new(prep.span.end, m.span.start))
                .split_whitespace()
                .count()
                <= 1
    }) else {
        return false;
    };
    let words = ctx.text(m.span).to_lowercase();
    let claim = fact.claim.to_lowercase();
    match &m.entity {
        _ if claim.contains(words.trim_end_matches("'s").trim_end_matches("’s")) => false,
        EntityRef::Known(e) => {
            let e = ctx.facts.entity(*e);
            !(fact.about.iter().any(|a| ctx.facts.entity(*a).key == e.key)
                && e.name.to_lowercase() == words)
        }
        EntityRef::Named(_) => true,
    }
}

/// Whether a modal word stands within the six words before the number.
fn modal_near(s: &Sentence, q: &Quantity) -> bool {
    let before: Vec<_> = s
        .tokens
        .iter()
        .filter(|t| t.span.end <= q.span.start)
        .collect();
    let from = before.len().saturating_sub(6);
    crate::extract::is_modal(
        &before[from..]
            .iter()
            .map(|t| (*t).clone())
            .collect::<Vec<_>>(),
    )
}

/// Words that say how a figure moved, not what it measures.
const MOVES: &[&str] = &[
    "fell", "fall", "drop", "rose", "rise", "down", "up", "increas", "decreas", "declin", "grow",
    "grew", "gain", "los", "lost", "climb", "slid", "slump", "jump", "soar", "plung",
];

/// Nouns that count people, whose act says what the count measures.
const PEOPLE: &[&str] = &[
    "people",
    "person",
    "resident",
    "worker",
    "civilian",
    "child",
    "adult",
    "soldier",
    "employee",
    "passenger",
    "victim",
    "patient",
    "student",
    "migrant",
    "refugee",
    "inhabitant",
    "other",
];

/// The act nearest the number: a word naming one within four words before it, else within
/// four words after its unit ("12 people were killed").
fn act_near(s: &Sentence, clause: crate::span::Span, q: &Quantity) -> Option<&'static str> {
    let inside = s.tokens.iter().filter(|t| clause.contains(t.span));
    let before: Vec<_> = inside
        .clone()
        .filter(|t| t.span.end <= q.span.start)
        .collect();
    let after_end = q.unit_span.map_or(q.span.end, |u| u.end);
    before
        .iter()
        .rev()
        .take(4)
        .find_map(|t| act_class(t.stem()))
        .or_else(|| {
            inside
                .filter(|t| t.span.start >= after_end)
                .take(4)
                .find_map(|t| act_class(t.stem()))
        })
}

/// Whether the entity is a speaker in the sentence (a stance cue's source), who reports the
/// number rather than doing what it counts.
fn is_speaker(s: &Sentence, e: crate::facts::EntityId) -> bool {
    s.stances
        .iter()
        .any(|c| c.source == Some(EntityRef::Known(e)))
}

/// "Eight of the nine delegations": a part whose noun is its counted whole's (the extractor
/// binds it so only when no participle describes the whole).
fn part_of_a_counted_whole(s: &Sentence, q: &Quantity) -> bool {
    let Some(unit) = q.unit_span else {
        return false;
    };
    let mut after = s.tokens.iter().filter(|t| t.span.start >= q.span.end);
    let (Some(of), Some(the), Some(number)) = (after.next(), after.next(), after.next()) else {
        return false;
    };
    of.lower == "of"
        && the.lower == "the"
        && s.quantities
            .iter()
            .any(|whole| whole.span.start == number.span.start && whole.unit_span == Some(unit))
}

/// Whether a part of a counted whole does the fact's act: a word of the fact's event follows
/// the noun in the clause ("eight of the nine delegations … signed the declaration" against
/// a fact about signing). "Two of the 30 people were children" counts children, not the fact's
/// injured.
fn part_does_the_act(
    s: &Sentence,
    clause: crate::span::Span,
    q: &Quantity,
    profile: &crate::align::FactProfile,
) -> bool {
    let after = q.unit_span.map_or(q.span.end, |u| u.end);
    s.tokens
        .iter()
        .filter(|t| clause.contains(t.span) && t.span.start >= after)
        .any(|t| profile.event_words.iter().any(|w| w == t.stem()))
}

/// Numbers marked as a part of a larger whole: "12 of them", "of which 9", "each", "over the
/// capital", "in the Kharkiv region".
fn is_part(s: &Sentence, q: &Quantity) -> bool {
    // "Two of the injured", "12 of the drones": a part of a group. A part of a counted whole
    // that the extractor gave the whole's noun ("eight of the nine delegations signed") is
    // left to [`part_does_the_act`].
    if part_of_a_counted_whole(s, q) {
        return false;
    }
    let right_after: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.start >= q.span.end)
        .take(2)
        .map(|t| t.lower.as_str())
        .collect();
    if matches!(
        right_after.as_slice(),
        [
            "of",
            "the" | "them" | "those" | "these" | "its" | "their" | "which"
        ]
    ) {
        return true;
    }
    let after_end = q.unit_span.map_or(q.span.end, |u| u.end);
    let next: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.start >= after_end)
        .take(4)
        .map(|t| t.lower.as_str())
        .collect();
    let prev: Vec<&str> = s
        .tokens
        .iter()
        .filter(|t| t.span.end <= q.span.start)
        .rev()
        .take(3)
        .map(|t| t.lower.as_str())
        .collect();
    if matches!(
        next.as_slice(),
        ["of", "them" | "which" | "those" | "these", ..] | ["each", ..] | ["apiece", ..]
    ) {
        return true;
    }
    if matches!(
        prev.as_slice(),
        ["which", "of", ..] | ["including", ..] | ["among", "them", ..]
    ) {
        return true;
    }
    // A place after the number that is narrower than the fact's: "over the capital",
    // "over Kyiv" (when Kyiv is only an alias), "in the Odesa region".
    if let [
        "over" | "in" | "across" | "near" | "around" | "above" | "on",
        rest @ ..,
    ] = next.as_slice()
    {
        let narrow = [
            "capital", "city", "region", "regions", "oblast", "province", "district", "border",
            "town",
        ];
        if rest.iter().any(|w| narrow.contains(w)) {
            return true;
        }
    }
    false
}

fn finding(ctx: &Context, s: &Sentence, q: &Quantity, fact: &Fact, a: &Alignment) -> Finding {
    let want = fact.value_interval().expect("checked by the caller");
    let unit = fact.unit.clone().unwrap_or_default();
    let found = ctx
        .text(q.unit_span.map_or(q.span, |u| q.span.cover(u)))
        .to_string();
    let expected = match &fact.value {
        // A value written with its unit ("145 drones", "5.5%", "$6bn") is shown as written.
        Some(v) if want.is_exact() && written_with_unit(&v.raw, &unit) => v.raw.trim().to_string(),
        Some(v) if want.is_exact() => format!("{} {unit}", v.raw).trim().to_string(),
        _ => format!("{want} {unit}").trim().to_string(),
    };
    let shown = if q.interval.is_exact() {
        fmt_num(q.interval.lo)
    } else {
        format!("{} = {}", ctx.text(q.span), q.interval)
    };
    let mut notes = vec![format!(
        "the article's value {shown} and the fact's {want} do not overlap"
    )];
    let mut severity = Severity::Error;
    let newer = match (
        ctx.article.meta.published,
        fact.sources
            .iter()
            .filter_map(|s| s.date)
            .map(|d| d.end)
            .max(),
    ) {
        (Some(p), Some(latest)) => p > latest,
        _ => false,
    };
    if q.interval.lo > want.hi && newer && TOLLS.iter().any(|t| q.unit.as_deref() == Some(*t)) {
        severity = Severity::Warning;
        notes.push(
            "the article is newer than the fact's sources: this may be an updated toll".into(),
        );
    }
    Finding {
        kind: Kind::ValueMismatch,
        severity,
        confidence: a.score,
        fact: Some(a.fact),
        article: ctx.article.id,
        span: q.span,
        sentence: s.span,
        message: format!(
            "the article says {found} for `{}`, but the fact file has {expected}",
            fact.id
        ),
        found,
        expected: Some(expected),
        related: vec![Related::Fact {
            fact: a.fact,
            span: fact.value.as_ref().map_or(fact.span, |v| v.span),
        }],
        notes,
    }
}

/// Whether a fact's value as written carries a unit: its own ("5.5%", "$6bn", "145 drones") or
/// the words of `unit` ("145 drone" with `unit: drones`).
fn written_with_unit(raw: &str, unit: &str) -> bool {
    let words = raw
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '_'))
        .trim();
    crate::extract::numbers::parse_value(raw).is_some_and(|(_, u)| u.is_some())
        || (!words.is_empty() && normalize_unit(words) == normalize_unit(unit))
}

/// Cross-source: two articles give the same measure of the same actor, act and place, at
/// the same time, with disjoint intervals ("12 destroyed" vs "14 destroyed"). A later,
/// higher toll may be an update: then it is a warning that says so. A count of the moment
/// ("still missing") is compared only between articles of the same day.
pub fn cross(ctx: &CrossContext, out: &mut Merged) {
    let quantity = Frame::quantity;
    let same = |a: &Frame, b: &Frame| match (quantity(a), quantity(b)) {
        (Some(x), Some(y)) => x.interval.overlaps(&y.interval),
        _ => false,
    };
    let disjoint = |p: &Pair| match (quantity(p.a), quantity(p.b)) {
        (Some(x), Some(y)) => !x.interval.overlaps(&y.interval),
        _ => false,
    };
    for p in ctx.pairs.select(disjoint) {
        let (Some(x), Some(y)) = (quantity(p.a), quantity(p.b)) else {
            continue;
        };
        // "Ten people are still missing" on Monday and "four" on Wednesday: both true then.
        let same_day = p.a.published.is_some() && p.a.published == p.b.published;
        if (x.running || y.running) && !same_day {
            continue;
        }
        let (odd, other) = ctx.odd_one(&p, &|i| ctx.agreeing(i, &same));
        let (q, o) = if std::ptr::eq(odd, p.a) {
            (x, y)
        } else {
            (y, x)
        };
        let mut notes = vec![format!("{} and {} do not overlap", q.interval, o.interval)];
        let mut severity = Severity::Error;
        // The later article has the higher toll: it may have the newer count.
        let (later, earlier) = match (odd.published, other.published) {
            (Some(a), Some(b)) if a > b => (Some(q), Some(o)),
            (Some(a), Some(b)) if a < b => (Some(o), Some(q)),
            _ => (None, None),
        };
        if let (Some(l), Some(e)) = (later, earlier)
            && q.toll
            && l.interval.lo >= e.interval.hi
        {
            severity = Severity::Warning;
            notes.push(
                "the later article has the higher toll: it may be an update, not an error".into(),
            );
        }
        out.push(Finding {
            kind: Kind::ValueMismatch,
            severity,
            confidence: (0.5 + 0.4 * p.score()).min(0.9),
            fact: None,
            article: odd.article,
            span: q.span,
            sentence: odd.sentence_span,
            message: format!(
                "this article says {}, but {} says {}",
                q.words,
                ctx.path(other),
                o.words
            ),
            found: q.words.to_string(),
            expected: Some(o.words.to_string()),
            related: vec![ctx.related(other, o.shown, &o.words)],
            notes,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_written_with_their_unit_are_shown_once() {
        assert!(written_with_unit("145 drones", "drones"));
        assert!(written_with_unit("145 drone", "drones"));
        assert!(written_with_unit("5.5%", "percent"));
        assert!(written_with_unit("$6bn", "dollars"));
        assert!(!written_with_unit("145", "drones"));
        assert!(!written_with_unit("6 billion", "dollars"));
    }
}
