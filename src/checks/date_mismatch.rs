//! `date-mismatch`: the article dates a fact's event outside the fact's dates.
//!
//! **What it flags.** A date in a sentence aligned with a dated fact, bound to the event (not
//! to a report or denial of it), resolved against the article's publication date when
//! relative ("on Thursday"), whose day range is disjoint from the fact's.
//!
//! **Why it matters.** A call placed on the wrong day, an attack moved to another night: the
//! date is how readers tell one event from another.
//!
//! **Example.** Fact `trump-zelensky-call: 2024-11-06`; article of Monday 2024-11-11: "Trump
//! spoke with Zelensky on Thursday" (2024-11-07) -> error, 2024-11-07 vs 2024-11-06.
//!
//! **Known false positives.** A sentence about two events of the same people with one date
//! each can bind a date to the wrong one; we abstain when any event date in the sentence agrees
//! with the fact, when a past event is dated more than three days off (another occasion), when
//! a fact that counts something (a recurring act: drones launched, people killed) is dated
//! elsewhere by a sentence that does not give the fact's own figure, when a date stands in
//! a clause about another act, and when the sentence names the event only as a noun or after
//! "before"/"after" while another verb carries the date ("was arrested on Tuesday over the
//! ferry's capsizing").

use super::{
    Context, CrossContext, Merged, OCCASION_DAYS, SAME_EVENT_DAYS, days_apart, value_mismatch,
};
use crate::align::cross::Frame;
use crate::finding::{Finding, Kind, Related, Severity};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (s, aligned) in ctx.aligned_statements() {
        if ctx.denies_itself(s) {
            continue;
        }
        // The date goes to the one dated fact among those that fit the sentence best: a date
        // near "close" in a sentence about a plant closure is not the date of the takeover's
        // completion, but "Sunday's explosion" in a sentence also about the toll is the blast's.
        let top = aligned
            .iter()
            .map(|a| a.score)
            .fold(f64::NEG_INFINITY, f64::max);
        let dated: Vec<_> = aligned
            .iter()
            .filter(|a| a.score >= top - ctx.aligner.cfg.margin)
            .filter(|a| ctx.facts.fact(a.fact).date.is_some())
            .collect();
        // Two dated facts fit as well: the date goes to the one whose event word stands
        // nearest to it ("met on the evening of June 18, two days before the summit opened").
        let best = match dated.as_slice() {
            [one] => *one,
            [_, _, ..] => {
                let distance = |a: &&&crate::align::Alignment| {
                    let events = &ctx.aligner.profiles[a.fact.0 as usize].event_words;
                    ctx.event_dates(s, a.fact)
                        .iter()
                        .filter(|d| d.range.is_some())
                        .filter_map(|d| event_word_distance(s, d.span, events))
                        .min()
                };
                let Some(one) = nearest(&dated, distance) else {
                    continue;
                };
                *one
            }
            [] => continue,
        };
        let fact = ctx.facts.fact(best.fact);
        let Some(want) = fact.date else { continue };
        if !ctx.same_occasion(best.fact, s) {
            continue;
        }
        let dates = ctx.event_dates(s, best.fact);
        let resolved: Vec<_> = dates
            .iter()
            .filter_map(|d| d.range.map(|r| (d, r)))
            .collect();
        if resolved.iter().any(|(_, r)| r.overlaps(&want)) {
            continue;
        }
        // One event date; with several, the one standing next to an event word ("Sunday's
        // explosion", "the blast on Monday").
        let events = &ctx.aligner.profiles[best.fact.0 as usize].event_words;
        let chosen = match resolved.as_slice() {
            [one] => Some(one),
            many => nearest(many, |(d, _)| event_word_distance(s, d.span, events)),
        };
        let Some((d, got)) = chosen else {
            continue;
        };
        if !dates_the_event(&ctx.article.text, s, d.span, events)
            || crate::align::clauses::repeated(s, &ctx.article.text, d.span)
        {
            continue;
        }
        // A past event dated more than a couple of days off is more likely another occasion
        // of the same kind (another night's drones, another call) than the fact's event
        // misdated; for what is planned (the article looks ahead to an event after its
        // publication), a schedule months off the fact's is the contradiction itself, and
        // years off when both give only a year ("due to open in 2032" against 2030: a slip,
        // not another opening).
        let planned =
            (s.future || s.modal) && ctx.article.meta.published.is_some_and(|p| p < want.start);
        let limit = match (planned, want.is_year() && got.is_year()) {
            (true, true) => PLANNED_YEARS_DAYS,
            (true, false) => 366,
            (false, _) => SAME_EVENT_DAYS,
        };
        if days_apart(got, &want) > limit {
            continue;
        }
        // What a fact counts recurs (drones most nights, a toll every day): only the fact's
        // own figure ties a sentence on another day to the fact's occasion. "80 drones
        // overnight", days after the weekend's 145, is another night's attack.
        if fact.value.is_some() && !value_mismatch::agrees(ctx, s, best.fact) {
            continue;
        }
        let found = ctx.text(d.span).to_string();
        let mut notes = vec![format!("{got} and {want} do not overlap")];
        if d.relative
            && let Some(p) = ctx.article.meta.published
        {
            notes.push(format!(
                "`{found}` resolved against the publication date {p}"
            ));
        }
        out.push(Finding {
            kind: Kind::DateMismatch,
            severity: Severity::Error,
            confidence: best.score,
            fact: Some(best.fact),
            article: ctx.article.id,
            span: d.span,
            sentence: s.span,
            message: format!(
                "`{}` is dated {want}, but the article says {found} ({got})",
                fact.id
            ),
            found,
            expected: Some(want.to_string()),
            related: vec![Related::Fact {
                fact: best.fact,
                span: fact.date_span.unwrap_or(fact.span),
            }],
            notes,
        });
    }
    out
}

/// How far apart two years a plan may be scheduled and still be the same plan: a decade.
const PLANNED_YEARS_DAYS: i64 = 3653;

/// Words before a noun that make it one: "the sinking", "its collapse".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "whose",
];

/// Words that open a phrase placing another time next to the sentence's own: "three days
/// before the crossing reopens".
const TIME_LINKS: &[&str] = &["before", "after", "until", "since", "ahead"];

/// Verbs whose object is the act itself: "held a call", "had a meeting", "made a visit".
const SUPPORT_VERBS: &[&str] = &[
    "held",
    "hold",
    "holds",
    "had",
    "has",
    "have",
    "made",
    "make",
    "makes",
    "gave",
    "staged",
    "conducted",
    "paid",
];

/// Verbs that say only that the named event happened, so the event's noun is what they date:
/// "the meeting took place in Vienna on Friday", "the talks were held on Monday".
const LIGHT_VERBS: &[&str] = &[
    "place", "happened", "occurred", "held", "began", "started", "ended", "opened",
];

/// Forms of "be" that date the noun before them when the date follows at once: "the call was
/// on Thursday" (not "was arrested on Tuesday").
const BE: &[&str] = &["was", "were", "is", "be"];

/// Whether the date can be the date of the fact's event: an event word stands within two words
/// of it ("Saturday's capsizing", "the blast on Monday"), or one is the sentence's own act: a
/// verb, not a noun after a determiner or a possessive ("the ferry's capsizing"), and not in a
/// phrase after "before" or "after" that the date stands outside of. Otherwise the date is
/// another act's: "was arrested on Tuesday over the ferry's capsizing" dates the arrest, "the
/// toll from the sinking rose to 17 on Monday" the toll, "lorries queued on Friday, three
/// days before the crossing reopens" the queue. A noun still counts when a verb that only
/// says it happened carries the date ("the meeting took place on Friday") or has it as its
/// object ("held a call with Zelensky on Thursday").
fn dates_the_event(
    text: &str,
    s: &crate::claims::Sentence,
    span: crate::span::Span,
    events: &[String],
) -> bool {
    if event_word_distance(s, span, events).is_some() {
        return true;
    }
    let toks = &s.tokens;
    let before: Vec<_> = toks.iter().filter(|t| t.span.end <= span.start).collect();
    let next_to_date = before
        .iter()
        .rev()
        .find(|t| !DAY_PARTS.contains(&t.lower.as_str()));
    // The verb that only says the event happened, up to eight words before the date (past a
    // place: "took place in the town of Corport on 5 May").
    let light = |from: usize| {
        next_to_date.is_some_and(|t| BE.contains(&t.lower.as_str()))
            || before
                .iter()
                .rev()
                .take(8)
                .any(|t| t.span.start >= from && LIGHT_VERBS.contains(&t.lower.as_str()))
    };
    toks.iter().enumerate().any(|(i, t)| {
        if !events.iter().any(|e| e == t.stem()) {
            return false;
        }
        let prev = i.checked_sub(1).map(|p| &toks[p]);
        let supported = i
            .checked_sub(2)
            .is_some_and(|p| SUPPORT_VERBS.contains(&toks[p].lower.as_str()));
        let nominal = !supported
            && prev.is_some_and(|p| {
                let raw = text.get(p.span.start..p.span.end).unwrap_or_default();
                DETERMINERS.contains(&p.lower.as_str())
                    || raw.ends_with("'s")
                    || raw.ends_with("\u{2019}s")
            });
        let after_link = toks[i.saturating_sub(6)..i]
            .iter()
            .any(|l| TIME_LINKS.contains(&l.lower.as_str()) && l.span.start >= span.end);
        !after_link && (!nominal || light(t.span.end))
    })
}

/// Words between an event and its date that say nothing of the event.
const DAY_PARTS: &[&str] = &[
    "on",
    "the",
    "of",
    "in",
    "at",
    "evening",
    "morning",
    "afternoon",
    "night",
    "early",
    "late",
];

/// How many words lie between a date and the nearest of the event's words, looking two
/// words either side (0 when the date's own words hold one: "Sunday's explosion").
fn event_word_distance(
    s: &crate::claims::Sentence,
    span: crate::span::Span,
    events: &[String],
) -> Option<usize> {
    let is_event = |t: &&crate::extract::tokens::Token| events.iter().any(|e| e == t.stem());
    if s.tokens
        .iter()
        .filter(|t| span.contains(t.span))
        .any(|t| is_event(&t))
    {
        return Some(0);
    }
    // "met on the evening of June 18": the words that only place a date in the day are
    // passed over.
    let before = s
        .tokens
        .iter()
        .filter(|t| t.span.end <= span.start)
        .rev()
        .skip_while(|t| DAY_PARTS.contains(&t.lower.as_str()))
        .take(2)
        .position(|t| is_event(&t));
    let after = s
        .tokens
        .iter()
        .filter(|t| t.span.start >= span.end)
        .take(2)
        .position(|t| is_event(&t));
    before.into_iter().chain(after).min().map(|p| p + 1)
}

/// The one item with the smallest distance, or `None` when none has one or two tie.
fn nearest<T>(items: &[T], distance: impl Fn(&T) -> Option<usize>) -> Option<&T> {
    let scored: Vec<(usize, &T)> = items
        .iter()
        .filter_map(|x| distance(x).map(|d| (d, x)))
        .collect();
    let best = scored.iter().map(|(d, _)| *d).min()?;
    match scored
        .iter()
        .filter(|(d, _)| *d == best)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [(_, one)] => Some(*one),
        _ => None,
    }
}

/// Cross-source: two articles place the same event of the same people on disjoint dates,
/// each resolved against its own publication date.
pub fn cross(ctx: &CrossContext, out: &mut Merged) {
    use crate::align::cross::Topic;
    use crate::align::frames::{Identity, identity};
    let date = Frame::date;
    let same = |a: &Frame, b: &Frame| match (date(a), date(b)) {
        (Some(x), Some(y)) => x.range.overlaps(&y.range),
        _ => false,
    };
    let disjoint = |p: &crate::align::cross::Pair| match (date(p.a), date(p.b)) {
        (Some(x), Some(y)) => !x.range.overlaps(&y.range),
        _ => false,
    };
    for p in ctx.pairs.select(disjoint) {
        let (Some(x), Some(y)) = (date(p.a), date(p.b)) else {
            continue;
        };
        // Dates a month apart are another occasion, unless the event happens once (a birth,
        // a film's release).
        let once = matches!(p.a.topic, Topic::Date(kind) if identity(kind) == Identity::OncePerParticipant);
        if !once && days_apart(&x.range, &y.range) > OCCASION_DAYS {
            continue;
        }
        let (odd, other) = ctx.odd_one(&p, &|i| ctx.agreeing(i, &same));
        let (Some(d), Some(od)) = (date(odd), date(other)) else {
            continue;
        };
        let (got, theirs) = (d.range, od.range);
        let mut notes = vec![format!("{got} and {theirs} do not overlap")];
        for (f, m) in [(odd, d), (other, od)] {
            if let (true, Some(p)) = (m.relative, f.published) {
                notes.push(format!(
                    "`{}` in {} resolved against its publication date {p}",
                    m.words,
                    ctx.path(f)
                ));
            }
        }
        out.push(Finding {
            kind: Kind::DateMismatch,
            severity: Severity::Error,
            confidence: (0.5 + 0.4 * p.score()).min(0.9),
            fact: None,
            article: odd.article,
            span: d.span,
            sentence: odd.sentence_span,
            message: format!(
                "this article dates the event {got} ({}), but {} dates it {theirs} ({})",
                d.words,
                ctx.path(other),
                od.words
            ),
            found: d.words.to_string(),
            expected: Some(theirs.to_string()),
            related: vec![ctx.related(other, od.span, &od.words)],
            notes,
        });
    }
}
