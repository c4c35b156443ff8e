//! `stance-conflict`: the article takes, or attributes, a stance on an event that the fact
//! file records otherwise.
//!
//! **What it flags.**
//! - The article's own voice affirms an event recorded as `denied` (error), or denies one
//!   recorded as `asserted` (error).
//! - It states a `disputed` event as settled, either way, without attribution (warning).
//! - It attributes to a recorded source the opposite of that source's recorded stance
//!   ("Peskov confirmed the call" when Peskov denies it) (error).
//! - It reports a source the fact file does not list negating an event recorded as
//!   `asserted` ("Trump never spoke to Zelensky, his spokeswoman insisted") (warning).
//!
//! Attributed reports that match the record are silent, as are other attributions to sources
//! the fact file does not list (`factdiff suggest` proposes those). A negation under a
//! reporting verb counts as a denial only when it negates one of the fact's event phrases.
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

use super::{Context, CrossContext, Merged};
use crate::align::clauses::{Clauses, clause_of};
use crate::align::cross::{Frame, SentenceStance};
use crate::align::{Alignment, FactProfile, same_word, unique_best};
use crate::claims::{EntityRef, Polarity, Sentence};
use crate::extract::stance::{DENY_VERBS, denies_a_detail};
use crate::facts::{Fact, SourceStance, Status};
use crate::finding::{Finding, Kind, Related, Severity};
use crate::span::Span;

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (s, aligned) in ctx.aligned_statements() {
        let aligned: Vec<_> = aligned
            .into_iter()
            .filter(|a| {
                let profile = &ctx.aligner.profiles[a.fact.0 as usize];
                profile.modal || !modal_about_event(s, &ctx.article.text, profile)
            })
            .collect();
        let Some(best) = unique_best(&aligned, ctx.aligner.cfg.margin) else {
            continue;
        };
        let fact = ctx.facts.fact(best.fact);
        // Without a stance cue only the article's own voice can conflict with the record,
        // and with an event recorded as asserted only a denial in it, which takes a negating
        // word ([`own_voice`]). Most sentences are settled here, before anything below.
        if s.stances.is_empty()
            && fact.status == Status::Asserted
            && !s
                .tokens
                .iter()
                .any(|t| NEGATORS.contains(&t.lower.as_str()))
        {
            continue;
        }
        // The occasion tests read the sentence's dates, so they come last, and only where the
        // sentence would give a finding.
        let found = sentence_findings(ctx, s, best, fact);
        if !found.is_empty() && ctx.same_occasion(best.fact, s) && !ctx.other_occasion(s, best.fact)
        {
            out.extend(found);
        }
    }
    out
}

/// What one sentence says against the stance recorded for `fact`, its best alignment, before
/// the occasion tests.
fn sentence_findings(ctx: &Context, s: &Sentence, best: &Alignment, fact: &Fact) -> Vec<Finding> {
    let mut out = Vec::new();
    let emit =
        |severity, span: Span, message: String, related_span: Span, notes: Vec<String>| Finding {
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
        };

    let profile = &ctx.aligner.profiles[best.fact.0 as usize];
    // Attributions to recorded sources.
    let mut attributed = false;
    let mut unrecorded_denial = None;
    for cue in &s.stances {
        if cue.attributed {
            attributed = true;
        }
        // A negation under a reporting verb denies only what it negates: "Peskov said
        // Trump did not mention Ukraine" says nothing against the call.
        let denial = match cue.polarity {
            Polarity::Denies => match denial_of_event(s, cue.span, &profile.event_phrases) {
                Some(d) => Some(d),
                None => continue,
            },
            Polarity::Affirms => None,
        };
        let recorded = match &cue.source {
            Some(EntityRef::Known(who)) => fact.recorded_stance(*who).map(|r| (*who, r)),
            _ => None,
        };
        let Some((who, recorded)) = recorded else {
            // Only a negated event ("never spoke to Zelensky, his spokeswoman insisted")
            // is sure to deny the event itself; "X said the figure was not true" may deny
            // a detail of it.
            if cue.attributed && denial == Some(Denial::NegatedEvent) {
                unrecorded_denial.get_or_insert(cue);
            }
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
            let name = &ctx.facts.entity(who).name;
            let src = fact
                .sources
                .iter()
                .find(|x| x.by == who)
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
    // Someone the fact file does not list denies an event it records as asserted: the
    // record may lack a denial, or the article misreports one. A warning, since the
    // article only reports it.
    if let (Status::Asserted, Some(cue)) = (fact.status, unrecorded_denial) {
        let who = match &cue.source {
            Some(EntityRef::Known(e)) => ctx.facts.entity(*e).name.clone(),
            Some(EntityRef::Named(_)) => "a source the fact file does not list".into(),
            None => "an unnamed source".into(),
        };
        out.push(emit(
            Severity::Warning,
            cue.span,
            format!(
                "the article reports a denial of `{}` by {who}, but the fact file records it as asserted",
                fact.id
            ),
            fact.span,
            vec!["no source in the fact file denies it".to_string()],
        ));
    }
    if attributed {
        return out;
    }

    // The article's own voice.
    let voice = own_voice(s, &ctx.article.text, fact, profile);
    let (severity, span, message) = match (fact.status, voice) {
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
        _ => return out,
    };
    let notes = if fact.status == Status::Disputed {
        vec![format!("recorded: {}", record(ctx, fact))]
    } else {
        Vec::new()
    };
    out.push(emit(severity, span, message, fact.span, notes));
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

/// Whether the sentence's plan or possibility words bear on the fact's event: a modal word in
/// the clause of an event word ("the two may meet"), or anywhere when the sentence names no
/// event word. "Maro confirmed that Vasko had met Sorel, but said the talks should not be
/// read as a change of policy" states the meeting; its "should" is in another clause.
fn modal_about_event(s: &Sentence, text: &str, profile: &FactProfile) -> bool {
    if !s.modal {
        return false;
    }
    let mut events = s
        .tokens
        .iter()
        .filter(|t| profile.event_words.iter().any(|w| w == t.stem()))
        .peekable();
    if events.peek().is_none() {
        return true;
    }
    let clauses = Clauses::of(s, text);
    events.any(|t| {
        // Tokens are in text order, so a clause's words are one run of them.
        let clause = clauses.around(s, t.span);
        let from = s.tokens.partition_point(|u| u.span.start < clause.start);
        let to = s.tokens.partition_point(|u| u.span.end <= clause.end);
        crate::extract::is_modal(&s.tokens[from..to.max(from)])
    })
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
/// war", "was not part of the main conversation", "…, though he did not speak") is about
/// something else and leaves the statement standing.
fn own_voice(s: &Sentence, text: &str, fact: &Fact, profile: &FactProfile) -> OwnVoice {
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
        if !NEGATORS.contains(&t.lower.as_str()) {
            continue;
        }
        let Some(end) = negated_phrase(s, i, &profile.event_phrases) else {
            continue;
        };
        // The negation must stand in the clause of the fact's own people: in "Musk joined the
        // call, though he did not speak", the clause after "though" is about Musk alone.
        let clause = clause_of(s, text, t.span);
        let whole = clause.start <= s.span.start && clause.end >= s.span.end;
        let names_party = s.mentions.iter().any(|m| {
            clause.contains(m.span)
                && matches!(m.entity, EntityRef::Known(e) if fact.about.contains(&e) || profile.claim_entities.contains(&e))
        });
        if whole || names_party {
            return OwnVoice::Denies(t.span.cover(end));
        }
    }
    OwnVoice::States
}

/// Words that negate a verb.
const NEGATORS: &[&str] = &[
    "not", "never", "didn't", "hasn't", "haven't", "hadn't", "wasn't", "weren't",
];

/// Words passed over between a negation and its verb ("has not yet been", "did not even").
const AUXILIARIES: &[&str] = &[
    "be", "been", "being", "have", "had", "has", "ever", "yet", "even", "actually", "really",
];

/// When one of the event's phrases opens within the two words after the negation at token
/// `neg`, auxiliaries passed over ("did not take part", "have not yet spoken"), the span of
/// its last word. A lone word of a longer phrase does not count ("not part of the
/// conversation" is not "took part"), nor does a word further on ("was not on the call the
/// whole time" may deny only the whole time).
fn negated_phrase(s: &Sentence, neg: usize, phrases: &[Vec<String>]) -> Option<Span> {
    let after: Vec<&crate::extract::tokens::Token> = s.tokens[neg + 1..]
        .iter()
        .filter(|t| !AUXILIARIES.contains(&t.lower.as_str()))
        .collect();
    for start in 0..after.len().min(2) {
        // A phrase is matched without its stopwords, as alignment matches it.
        let words: Vec<_> = after[start..]
            .iter()
            .enumerate()
            .filter(|(k, t)| *k == 0 || !t.stop)
            .map(|(_, t)| *t)
            .collect();
        for p in phrases {
            if words.len() >= p.len() && p.iter().zip(&words).all(|(w, t)| same_word(t.stem(), w)) {
                return Some(words[p.len() - 1].span);
            }
        }
    }
    None
}

/// Words that, beside a denying verb ([`DENY_VERBS`]), make a denial whatever they follow:
/// a denial phrase ("did not take place", "false", "never happened").
const EXPLICIT_DENIAL: &[&str] = &[
    "false",
    "untrue",
    "fabrication",
    "fabricated",
    "fake",
    "fiction",
    "nonsense",
    "baseless",
    "groundless",
    "true",
    "place",
    "happen",
    "happened",
    "such",
    "no",
];

/// How a denial cue denies its fact's event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Denial {
    /// A denying verb or phrase ("denied", "did not take place", "false").
    Explicit,
    /// A negation of one of the event's phrases ("have not spoken", "did not take part").
    NegatedEvent,
}

/// Whether a denial cue denies the event: an explicit denial does; a negated verb under a
/// reporting verb ("…did not mention Ukraine, Peskov said") does only when it negates one of
/// the event's phrases.
fn denial_of_event(s: &Sentence, span: Span, phrases: &[Vec<String>]) -> Option<Denial> {
    let inside: Vec<usize> = (0..s.tokens.len())
        .filter(|&i| span.contains(s.tokens[i].span))
        .collect();
    if let Some(&d) = inside
        .iter()
        .find(|&&i| DENY_VERBS.contains(&s.tokens[i].lower.as_str()))
        && denies_a_detail(&s.tokens, d, |t| {
            phrases
                .iter()
                .any(|p| p.first().is_some_and(|first| same_word(t.stem(), first)))
        })
    {
        return None;
    }
    if inside.iter().any(|&i| {
        let w = s.tokens[i].lower.as_str();
        DENY_VERBS.contains(&w) || EXPLICIT_DENIAL.contains(&w)
    }) {
        return Some(Denial::Explicit);
    }
    match inside
        .iter()
        .find(|&&i| NEGATORS.contains(&s.tokens[i].lower.as_str()))
    {
        Some(&neg) => negated_phrase(s, neg, phrases).map(|_| Denial::NegatedEvent),
        None => Some(Denial::Explicit),
    }
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
pub fn cross(ctx: &CrossContext, out: &mut Merged) {
    use crate::align::cross::{Name, Topic};
    let stance = Frame::stance;
    // A dispute between the same two sources over the same event is reported once, however
    // many articles repeat either side, and however each paraphrases it.
    let mut disputes: Vec<(Topic, &Name, &Name)> = Vec::new();
    let opposed = |p: &crate::align::cross::Pair| match (stance(p.a), stance(p.b)) {
        (Some(x), Some(y)) => x.polarity != y.polarity,
        _ => false,
    };
    for p in ctx.pairs.select(opposed) {
        let (Some(x), Some(y)) = (stance(p.a), stance(p.b)) else {
            continue;
        };
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
            confidence: (0.4 + 0.4 * p.score()).min(0.8),
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
}
