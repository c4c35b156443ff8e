//! Stance and attribution: who, in a sentence, says an event happened or denies it.
//!
//! A sentence yields cues. Verb cues ("denied", "reported", "confirmed") take their source
//! from the subject before them, an inverted subject after them ("said Peskov"), or a
//! `by`/`according to`/`citing` phrase. Denial phrases ("false information", "did not take
//! place") are the article's own voice unless a reporting verb in the sentence attributes
//! them. Negated cues ("did not deny", "declined to confirm") carry no stance.

use super::tokens::Token;
use crate::claims::{EntityRef, Mention, Polarity, StanceCue};
use crate::span::Span;

const DENY_VERBS: &[&str] = &[
    "deny",
    "denied",
    "denies",
    "denying",
    "dismiss",
    "dismissed",
    "dismisses",
    "dismissing",
    "reject",
    "rejected",
    "rejects",
    "rejecting",
    "refute",
    "refuted",
    "refutes",
    "refuting",
    "rebuff",
    "rebuffed",
    "rebuffs",
];
const CONFIRM_VERBS: &[&str] = &[
    "confirm",
    "confirmed",
    "confirms",
    "confirming",
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "verified",
];
const REPORT_VERBS: &[&str] = &[
    "reported",
    "reports",
    "reporting",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "claimed",
    "claims",
    "claiming",
    "alleged",
    "alleges",
    "alleging",
    "wrote",
    "writes",
    "stated",
    "states",
    "announced",
    "announces",
    "insisted",
    "insists",
    "asserted",
    "asserts",
    "cited",
    "citing",
    "quoted",
    "quoting",
    "added",
    "noted",
    "labeled",
    "labelled",
    "described",
];
/// Adverbs and adjectives that attribute without naming anyone.
const HEARSAY: &[&str] = &[
    "reportedly",
    "allegedly",
    "purportedly",
    "supposedly",
    "alleged",
    "reported",
    "purported",
    "rumoured",
    "rumored",
    "unconfirmed",
];
/// Words a denial is made of, each a sequence of lower-case tokens.
const DENY_PHRASES: &[&[&str]] = &[
    &["false"],
    &["untrue"],
    &["fabrication"],
    &["fabricated"],
    &["fake"],
    &["fiction"],
    &["nonsense"],
    &["baseless"],
    &["groundless"],
    &["not", "true"],
    &["did", "not", "take", "place"],
    &["didn't", "take", "place"],
    &["had", "not", "taken", "place"],
    &["has", "not", "taken", "place"],
    &["never", "took", "place"],
    &["never", "happened"],
    &["never", "happen"],
    &["did", "not", "happen"],
    &["didn't", "happen"],
    &["no", "such"],
    &["there", "was", "no"],
    &["there", "had", "been", "no"],
];
/// Words before a cue that take its stance away.
const NEGATORS: &[&str] = &[
    "not", "didn't", "never", "declined", "refused", "neither", "nor", "without", "wouldn't",
    "won't", "cannot", "couldn't",
];
/// Words that end the search for a cue's subject.
const CLAUSE_STOPS: &[&str] = &[
    "that", "which", "who", "while", "whereas", "but", "although",
];

fn is(t: &Token, words: &[&str]) -> bool {
    words.contains(&t.lower.as_str())
}

/// Finds stance cues in one sentence. `tokens` and `mentions` are the sentence's, with
/// spans relative to the same text.
pub fn cues(text: &str, tokens: &[Token], mentions: &[Mention]) -> Vec<StanceCue> {
    let mut out = Vec::new();
    let mut report_sources: Vec<(usize, Option<EntityRef>)> = Vec::new();

    for (i, t) in tokens.iter().enumerate() {
        let deny = is(t, DENY_VERBS);
        let confirm = is(t, CONFIRM_VERBS);
        let report = is(t, REPORT_VERBS)
            || (t.lower == "according" && tokens.get(i + 1).is_some_and(|n| n.lower == "to"))
            || (is(t, &["report", "reports", "account", "story"]) && next_is_by(tokens, i));
        if !(deny || confirm || report) {
            continue;
        }
        if negated(tokens, i) {
            // "did not deny" is no confirmation, but the sentence still reports someone:
            // an attribution without a stance of its own.
            out.push(StanceCue {
                polarity: Polarity::Affirms,
                source: None,
                attributed: true,
                span: t.span,
            });
            continue;
        }
        // "reports of the call", "the claims": a noun, not someone reporting.
        let noun = is(t, &["reports", "claims"])
            && i > 0
            && is(
                &tokens[i - 1],
                &[
                    "the", "a", "of", "these", "those", "such", "media", "news", "earlier",
                ],
            );
        let source = if noun && !next_is_by(tokens, i) {
            None
        } else {
            source_of(text, tokens, mentions, i)
        };
        report_sources.push((i, source.clone()));
        if report {
            // "X reported a call" affirms on X's behalf; a denial phrase later may turn it.
            out.push(StanceCue {
                polarity: Polarity::Affirms,
                source,
                attributed: true,
                span: cue_span(tokens, i),
            });
        } else {
            out.push(StanceCue {
                polarity: if deny {
                    Polarity::Denies
                } else {
                    Polarity::Affirms
                },
                source,
                attributed: true,
                span: t.span,
            });
        }
    }

    // Denial phrases: attributed to the nearest reporting cue, or the article's own voice.
    for (i, len) in phrase_hits(tokens) {
        if i > 0 && negated(tokens, i) && !is(&tokens[i], &["not", "never", "no", "didn't"]) {
            continue;
        }
        let span = tokens[i].span.cover(tokens[i + len - 1].span);
        let nearest = report_sources
            .iter()
            .min_by_key(|(j, _)| j.abs_diff(i))
            .map(|(j, s)| (*j, s.clone()));
        match nearest {
            Some((j, source)) => {
                // The reporting cue now carries a denial, not an affirmation.
                if let Some(c) = out
                    .iter_mut()
                    .find(|c| c.span.start == cue_span(tokens, j).start)
                {
                    c.polarity = Polarity::Denies;
                    c.span = c.span.cover(span);
                } else {
                    out.push(StanceCue {
                        polarity: Polarity::Denies,
                        source,
                        attributed: true,
                        span,
                    });
                }
            }
            None => out.push(StanceCue {
                polarity: Polarity::Denies,
                source: None,
                attributed: false,
                span,
            }),
        }
    }

    // Hearsay words attribute to unnamed sources when nothing else does.
    if out.is_empty()
        && let Some(t) = tokens.iter().find(|t| is(t, HEARSAY))
    {
        out.push(StanceCue {
            polarity: Polarity::Affirms,
            source: None,
            attributed: true,
            span: t.span,
        });
    }
    out.sort_by_key(|c| c.span.start);
    out
}

fn next_is_by(tokens: &[Token], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|t| t.lower == "by")
}

fn cue_span(tokens: &[Token], i: usize) -> Span {
    match tokens.get(i + 1) {
        Some(n) if tokens[i].lower == "according" && n.lower == "to" => {
            tokens[i].span.cover(n.span)
        }
        _ => tokens[i].span,
    }
}

/// "did not deny", "declined to confirm", "neither confirmed nor denied".
fn negated(tokens: &[Token], i: usize) -> bool {
    let from = i.saturating_sub(3);
    tokens[from..i].iter().any(|t| is(t, NEGATORS))
}

/// Start and length of each denial phrase in the tokens.
fn phrase_hits(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let hit = DENY_PHRASES.iter().find(|p| {
            p.len() <= tokens.len() - i && p.iter().zip(&tokens[i..]).all(|(w, t)| t.lower == *w)
        });
        if let Some(p) = hit {
            hits.push((i, p.len()));
            i += p.len();
        } else if tokens[i].lower == "no"
            && let Some(k) = (i + 1..tokens.len().min(i + 8))
                .find(|&k| is(&tokens[k], &["took", "happened", "occurred", "held"]))
        {
            // "no … took place", "no such call happened"
            let k = if tokens.get(k + 1).is_some_and(|t| t.lower == "place") {
                k + 1
            } else {
                k
            };
            hits.push((i, k - i + 1));
            i = k + 1;
        } else {
            i += 1;
        }
    }
    hits
}

/// The source of the cue at token `i`: "by X" or "according to X" or "citing X" after it, an
/// inverted subject ("said Peskov"), else the nearest mention before it in the same clause.
fn source_of(text: &str, tokens: &[Token], mentions: &[Mention], i: usize) -> Option<EntityRef> {
    let cue = &tokens[i];
    let after = |from: usize, within: usize| -> Option<EntityRef> {
        let start = tokens.get(from)?.span.start;
        let limit = tokens
            .get(from + within)
            .map_or(usize::MAX, |t| t.span.start);
        mentions
            .iter()
            .find(|m| m.span.start >= start && m.span.start <= limit)
            .map(|m| m.entity.clone())
    };
    if cue.lower == "according" {
        return after(i + 2, 3);
    }
    if is(cue, &["citing", "cited", "quoting", "quoted"]) {
        return after(i + 1, 3);
    }
    if next_is_by(tokens, i) {
        return after(i + 2, 3);
    }
    // Passive: "was labeled by Peskov as", "was dismissed by the Kremlin".
    if let Some(by) = (i + 1..tokens.len().min(i + 3)).find(|&k| tokens[k].lower == "by")
        && let Some(src) = after(by + 1, 3)
    {
        return Some(src);
    }
    // Subject before the cue, within its clause.
    let mut j = i;
    let mut clause_start = 0;
    while j > 0 {
        j -= 1;
        // A comma or semicolon between a word and the next ends the clause: in "…Zelensky
        // spoke on Tuesday, aides said" the subject of "said" is "aides", not Zelensky.
        let gap = &text[tokens[j].span.end..tokens[j + 1].span.start];
        if gap.contains([',', ';', ':']) {
            clause_start = tokens[j + 1].span.start;
            break;
        }
        if is(&tokens[j], CLAUSE_STOPS)
            || is(&tokens[j], DENY_VERBS)
            || is(&tokens[j], CONFIRM_VERBS)
            || is(&tokens[j], REPORT_VERBS)
        {
            clause_start = tokens[j].span.end;
            break;
        }
        if i - j > 12 {
            clause_start = tokens[j].span.start;
            break;
        }
    }
    let before = mentions
        .iter()
        .rev()
        .find(|m| m.span.end <= cue.span.start && m.span.start >= clause_start)
        .map(|m| m.entity.clone());
    if before.is_some() {
        return before;
    }
    // Inverted: "…, said Peskov."
    if is(cue, &["said", "says", "told", "added", "wrote", "noted"]) {
        return after(i + 1, 2);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::EntityMatcher;
    use crate::extract::tokens::tokenize;

    fn stances(text: &str) -> Vec<(Polarity, Option<String>, bool, String)> {
        let toks = tokenize(text);
        let mentions = EntityMatcher::new(None).find(&toks);
        cues(text, &toks, &mentions)
            .into_iter()
            .map(|c| {
                let who = c.source.map(|s| match s {
                    EntityRef::Named(n) => n,
                    EntityRef::Known(id) => format!("#{}", id.0),
                });
                (
                    c.polarity,
                    who,
                    c.attributed,
                    text[c.span.start..c.span.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn denial_by_named_spokesman_of_a_named_report() {
        let got = stances(
            "On November 11, Kremlin spokesman Peskov firmly denied a report by The Washington Post alleging that Trump had a call with Putin.",
        );
        assert!(got.contains(&(
            Polarity::Denies,
            Some("peskov".into()),
            true,
            "denied".into()
        )));
        assert!(
            got.iter()
                .any(|c| c.0 == Polarity::Affirms && c.1.as_deref() == Some("vashington post"))
        );
    }

    #[test]
    fn denial_phrase_takes_the_reporting_source() {
        let got = stances("The claim was labeled by Peskov as simply false information.");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, Polarity::Denies);
        assert_eq!(got[0].1.as_deref(), Some("peskov"));
    }

    #[test]
    fn unattributed_denial_is_the_articles_voice() {
        let got = stances("No phone call between the two leaders took place.");
        assert_eq!(
            got,
            [(
                Polarity::Denies,
                None,
                false,
                "No phone call between the two leaders took place".into()
            )]
        );
    }

    #[test]
    fn negated_cues_carry_no_stance() {
        let unnamed = |text| stances(text).iter().all(|c| c.1.is_none() && c.2);
        assert!(unnamed("Peskov did not deny that the leaders spoke."));
        assert!(unnamed("The Kremlin declined to confirm the call."));
        assert!(!stances("The Kremlin declined to confirm the call.").is_empty());
    }

    #[test]
    fn a_reported_noun_does_not_take_the_deniers_name() {
        let got = stances("Peskov dismissed reports of the call.");
        assert!(got.contains(&(
            Polarity::Denies,
            Some("peskov".into()),
            true,
            "dismissed".into()
        )));
        assert!(
            !got.iter()
                .any(|c| c.0 == Polarity::Affirms && c.1.is_some())
        );
    }

    #[test]
    fn attribution_forms() {
        let got = stances("According to the Post, Trump spoke with Putin.");
        assert_eq!(got[0].0, Polarity::Affirms);
        assert_eq!(got[0].1.as_deref(), Some("post"));
        let got = stances("Musk reportedly joined the call.");
        assert_eq!(got, [(Polarity::Affirms, None, true, "reportedly".into())]);
        let got = stances("The leaders spoke on Sunday, said Peskov.");
        assert_eq!(got[0].1.as_deref(), Some("peskov"));
    }
}
