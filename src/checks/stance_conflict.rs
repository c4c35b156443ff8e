//! `stance-conflict`: the article takes, or attributes, a stance on an event that the fact
//! file records otherwise.
//!
//! **What it flags.**
//! - The article's own voice affirms an event recorded as `denied` (error), or denies one
//!   recorded as `asserted` (error).
//! - It states a `disputed` event as settled, either way, without attribution (warning).
//! - It attributes to a recorded source the opposite of that source's recorded stance
//!   ("Peskov confirmed the call" when Peskov denies it) (error).
//!
//! Attributed reports that match the record are silent, as are attributions to sources the
//! fact file does not list (`factdiff suggest` proposes those).
//!
//! **Why it matters.** "X reported a call; Y denied it" is a dispute; an article that drops
//! the attribution turns a claim into a fact.
//!
//! **Example.** Fact `trump-putin-call`, disputed (the Post asserts, Peskov denies); article:
//! "Trump spoke with Putin by phone last week." -> warning: stated as settled.
//!
//! **Known false positives.** A sentence that mentions the event in passing ("the call has
//! drawn attention") counts as stating it. Negations about something else are not denials,
//! but an unusual denial phrase may be missed (a miss, not a false finding).

use super::{Context, CrossContext};
use crate::align::cross::{Frame, SentenceStance};
use crate::align::unique_best;
use crate::claims::{EntityRef, Polarity, Sentence};
use crate::extract::tokens::stem;
use crate::facts::{Fact, SourceStance, Status};
use crate::finding::{Finding, Kind, Related, Severity};
use crate::span::Span;

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (si, s) in ctx.statements() {
        let aligned: Vec<_> = ctx
            .aligned_to(si)
            .into_iter()
            .filter(|a| !s.modal || ctx.aligner.profiles[a.fact.0 as usize].modal)
            .collect();
        let Some(best) = unique_best(&aligned, ctx.aligner.cfg.margin) else {
            continue;
        };
        let fact = ctx.facts.fact(best.fact);
        if !ctx.same_occasion(best.fact, s) || ctx.other_occasion(s, best.fact) {
            continue;
        }
        let emit =
            |severity, span: Span, message: String, related_span: Span, notes: Vec<String>| {
                Finding {
                    kind: Kind::StanceConflict,
                    severity,
                    confidence: best.score,
                    fact: Some(best.fact),
                    article: ctx.article.id,
                    span,
                    sentence: s.span,
                    found: ctx.text(span).to_string(),
                    expected: Some(record(ctx, fact)),
                    message,
                    related: vec![Related::Fact {
                        fact: best.fact,
                        span: related_span,
                    }],
                    notes,
                }
            };

        // Attributions to recorded sources.
        let mut attributed = false;
        for cue in &s.stances {
            if cue.attributed {
                attributed = true;
            }
            let Some(EntityRef::Known(who)) = &cue.source else {
                continue;
            };
            let Some(recorded) = fact.recorded_stance(*who) else {
                continue;
            };
            // Saying something is not affirming the event: "Harwick said the last inspection
            // had found no problems". An affirmation needs a confirming verb, or plain
            // reported speech with no negation in it.
            if cue.polarity == Polarity::Affirms && !confirms(ctx, cue) && negates_anything(s) {
                continue;
            }
            let said = match cue.polarity {
                Polarity::Affirms => SourceStance::Asserts,
                Polarity::Denies => SourceStance::Denies,
            };
            if said != recorded {
                let name = &ctx.facts.entity(*who).name;
                let src = fact
                    .sources
                    .iter()
                    .find(|x| x.by == *who)
                    .map_or(fact.span, |x| x.span);
                out.push(emit(
                    Severity::Error,
                    cue.span,
                    format!(
                        "the article has {name} {} `{}`, but the fact file records that {name} {}",
                        verb(said),
                        fact.id,
                        stance_word(recorded)
                    ),
                    src,
                    Vec::new(),
                ));
            }
        }
        if attributed {
            continue;
        }

        // The article's own voice.
        let events = &ctx.aligner.profiles[best.fact.0 as usize].event_words;
        let (severity, span, message) = match (fact.status, own_voice(s, events)) {
            (Status::Asserted, OwnVoice::Denies(span)) => (
                Severity::Error,
                span,
                format!(
                    "the article denies `{}`, which the fact file records as asserted",
                    fact.id
                ),
            ),
            (Status::Disputed, OwnVoice::Denies(span)) => (
                Severity::Warning,
                span,
                format!(
                    "the article states as settled that `{}` did not happen, but it is disputed",
                    fact.id
                ),
            ),
            (Status::Denied, OwnVoice::States) => (
                Severity::Error,
                s.span,
                format!(
                    "the article states `{}` as fact, but the fact file records it as denied",
                    fact.id
                ),
            ),
            (Status::Disputed, OwnVoice::States) => (
                Severity::Warning,
                s.span,
                format!(
                    "the article states `{}` as settled fact without attribution, but it is disputed",
                    fact.id
                ),
            ),
            _ => continue,
        };
        let notes = if fact.status == Status::Disputed {
            vec![format!("recorded: {}", record(ctx, fact))]
        } else {
            Vec::new()
        };
        out.push(emit(severity, span, message, fact.span, notes));
    }
    out
}

/// Whether the cue is a verb of confirmation ("confirmed", "acknowledged", "admitted").
fn confirms(ctx: &Context, cue: &crate::claims::StanceCue) -> bool {
    let word = ctx
        .text(cue.span)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    ["confirm", "acknowledg", "admit", "verif"]
        .iter()
        .any(|w| word.starts_with(w))
}

/// Whether any negation stands in the sentence.
fn negates_anything(s: &Sentence) -> bool {
    s.tokens.iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "not" | "no" | "never" | "none" | "nothing" | "nobody" | "didn't" | "hadn't" | "wasn't"
        )
    })
}

/// How the article's own voice treats the event of a sentence with no attribution.
enum OwnVoice {
    /// States that it happened.
    States,
    /// Denies it: a denial phrase ("no call took place"), or a negation right before one of
    /// the event's words ("did not take part", "have not spoken").
    Denies(Span),
    /// Neither, or something we do not read.
    Silent,
}

/// The article's own voice on the event. A negation elsewhere ("urged him not to widen the
/// war") is about something else and leaves the statement standing.
fn own_voice(s: &Sentence, event_words: &[String]) -> OwnVoice {
    if let Some(c) = s
        .stances
        .iter()
        .find(|c| !c.attributed && c.polarity == Polarity::Denies)
    {
        return OwnVoice::Denies(c.span);
    }
    if s.stances.iter().any(|c| c.attributed) {
        return OwnVoice::Silent;
    }
    for (i, t) in s.tokens.iter().enumerate() {
        if !matches!(
            t.lower.as_str(),
            "not" | "never" | "didn't" | "hasn't" | "haven't" | "hadn't" | "wasn't" | "weren't"
        ) {
            continue;
        }
        if let Some(n) = s.tokens[i + 1..]
            .iter()
            .take(2)
            .find(|n| event_words.contains(&stem(&n.lower)))
        {
            return OwnVoice::Denies(t.span.cover(n.span));
        }
    }
    OwnVoice::States
}

fn verb(s: SourceStance) -> &'static str {
    match s {
        SourceStance::Asserts => "affirm",
        SourceStance::Denies => "deny",
    }
}

fn stance_word(s: SourceStance) -> &'static str {
    match s {
        SourceStance::Asserts => "asserts it",
        SourceStance::Denies => "denies it",
    }
}

/// "disputed: The Washington Post asserts, Dmitry Peskov denies".
fn record(ctx: &Context, fact: &Fact) -> String {
    let status = match fact.status {
        Status::Asserted => "asserted",
        Status::Denied => "denied",
        Status::Disputed => "disputed",
    };
    let who: Vec<String> = fact
        .sources
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                ctx.facts.entity(s.by).name,
                match s.stance {
                    SourceStance::Asserts => "asserts",
                    SourceStance::Denies => "denies",
                }
            )
        })
        .collect();
    if who.is_empty() {
        status.to_string()
    } else {
        format!("{status}: {}", who.join(", "))
    }
}

/// Cross-source: one article has the event happen, another has it denied.
///
/// Both attributed to different sources: a dispute between sources, reported once as a
/// warning naming both. The same source given opposite stances, or both articles speaking in
/// their own voice: an error. One article's own voice against another's attributed stance: a
/// warning on the article that states it as settled.
pub fn cross(ctx: &CrossContext) -> Vec<Finding> {
    use crate::align::cross::{Name, Topic};
    let stance = Frame::stance;
    let mut out = Vec::new();
    // A dispute between the same two sources over the same event is reported once, however
    // many articles repeat either side, and however each paraphrases it.
    let mut disputes: Vec<(Topic, &Name, &Name)> = Vec::new();
    for p in ctx.pairs {
        let (Some(x), Some(y)) = (stance(p.a), stance(p.b)) else {
            continue;
        };
        if x.polarity == y.polarity {
            continue;
        }
        let same_source = match (&x.source, &y.source) {
            (Some(a), Some(b)) => a.matches(b),
            _ => false,
        };
        if x.attributed
            && y.attributed
            && !same_source
            && let (Some(xs), Some(ys)) = (&x.source, &y.source)
        {
            let (affirm, deny) = if x.polarity == Polarity::Affirms {
                (xs, ys)
            } else {
                (ys, xs)
            };
            let seen = disputes
                .iter()
                .any(|(t, a, d)| *t == p.a.topic && a.matches(affirm) && d.matches(deny));
            if seen {
                continue;
            }
            disputes.push((p.a.topic, affirm, deny));
        }
        let name = |s: &SentenceStance| match &s.source_words {
            Some(w) => format!("`{w}`"),
            None if s.attributed => "unnamed sources".to_string(),
            None => "the article itself".to_string(),
        };
        let says = |s: &SentenceStance| match s.polarity {
            Polarity::Affirms => "says it happened",
            Polarity::Denies => "denies it",
        };
        let later = if ctx.newer(p.a, p.b) {
            (p.a, p.b)
        } else {
            (p.b, p.a)
        };
        let (sev, (here, there)) = match (x.attributed, y.attributed) {
            (true, true) if same_source => (Severity::Error, later),
            (true, true) => (Severity::Warning, later),
            (false, false) => (Severity::Error, later),
            (false, true) => (Severity::Warning, (p.a, p.b)),
            (true, false) => (Severity::Warning, (p.b, p.a)),
        };
        let (hs, ts) = if std::ptr::eq(here, p.a) {
            (x, y)
        } else {
            (y, x)
        };
        let dispute = hs.attributed && ts.attributed && !same_source;
        let message = if dispute {
            format!(
                "sources disagree: here {} {}; in {} {} {}",
                name(hs),
                says(hs),
                ctx.path(there),
                name(ts),
                says(ts)
            )
        } else {
            format!(
                "{} {} here, but in {} {} {}",
                name(hs),
                says(hs),
                ctx.path(there),
                name(ts),
                says(ts)
            )
        };
        let notes = if dispute {
            vec!["a dispute between sources, not an error of either article".to_string()]
        } else {
            Vec::new()
        };
        out.push(Finding {
            kind: Kind::StanceConflict,
            severity: sev,
            confidence: (0.4 + 0.4 * p.score).min(0.8),
            fact: None,
            article: here.article,
            span: hs.span,
            sentence: here.sentence_span,
            found: hs.words.to_string(),
            expected: Some(ts.attribution_words.to_string()),
            message,
            related: vec![ctx.related(there, ts.attribution, &ts.attribution_words)],
            notes,
        });
    }
    out
}
