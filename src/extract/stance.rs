//! Stance and attribution: who, in a sentence, says an event happened or denies it.
//!
//! A sentence yields cues. Verb cues ("denied", "reported", "confirmed") take their source
//! from the subject before them, an inverted subject after them ("said Peskov"), or a
//! `by`/`according to`/`citing` phrase. Denial phrases ("false information", "did not take
//! place") are the article's own voice unless a reporting verb in the sentence attributes
//! them. Negated cues ("did not deny", "declined to confirm") carry no stance.

use super::class;
use super::tokens::{Token, WordSet};
use crate::claims::{EntityRef, Mention, Polarity, StanceCue};
use crate::span::Span;
use std::sync::LazyLock;

/// Verbs that deny what they report.
pub const DENY_VERBS: &[&str] = &[
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

/// The stance word lists `lower` is in, as [`class`] bits: worked out once per word a thread
/// meets, so the readers below test a bit on the token instead of comparing its word with
/// each word of a list. [`class::STANCE_CUE`]: a cue of [`cues`] may be made of the word
/// (every cue is one of these words, and most words are none of them).
pub fn word_classes(lower: &str) -> u16 {
    static CUE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
        WordSet::new(&[
            DENY_VERBS,
            CONFIRM_VERBS,
            REPORT_VERBS,
            REPORT_NOUNS,
            &["according", "report", "reports", "account", "story"],
        ])
    });
    static DENIAL_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
        let firsts: Vec<&'static str> = DENY_PHRASES.iter().map(|p| p[0]).collect();
        WordSet::new(&[&firsts])
    });
    let mut classes = 0;
    if CUE_WORDS.contains(lower) {
        classes |= class::STANCE_CUE;
        for (list, bit) in [
            (DENY_VERBS, class::DENY_VERB),
            (CONFIRM_VERBS, class::CONFIRM_VERB),
            (REPORT_VERBS, class::REPORT_VERB),
        ] {
            if list.contains(&lower) {
                classes |= bit;
            }
        }
    }
    if DENIAL_STARTS.contains(lower) {
        classes |= class::DENIAL_START;
    }
    classes
}

/// Whether `t`'s word is in the lists of `bits` ([`word_classes`]).
fn has(t: &Token, bits: u16) -> bool {
    t.classes & bits != 0
}

/// Finds stance cues in one sentence. `tokens` and `mentions` are the sentence's, with
/// spans relative to the same text.
pub fn cues(text: &str, tokens: &[Token], mentions: &[Mention]) -> Vec<StanceCue> {
    let mut out = Vec::new();
    let mut report_sources: Vec<(usize, Option<EntityRef>)> = Vec::new();

    for (i, t) in tokens.iter().enumerate() {
        // Every cue below is one of these words: most tokens are none of them.
        if !has(t, class::STANCE_CUE) {
            continue;
        }
        let deny = has(t, class::DENY_VERB);
        let confirm = has(t, class::CONFIRM_VERB);
        let report = has(t, class::REPORT_VERB)
            || (t.lower == "according" && tokens.get(i + 1).is_some_and(|n| n.lower == "to"))
            || (is(t, &["report", "reports", "account", "story"]) && next_is_by(tokens, i));
        if !(deny || confirm || report) {
            // "its report that …", "the claim that …": the content is hearsay, attributed to
            // no one the sentence names as its speaker.
            if is(t, REPORT_NOUNS) && tokens.get(i + 1).is_some_and(|n| n.lower == "that") {
                out.push(StanceCue {
                    polarity: Polarity::Affirms,
                    source: None,
                    attributed: true,
                    span: t.span,
                });
            }
            continue;
        }
        // "despite reports", "contrary to claims": the sentence speaks against the reports in
        // its own voice.
        if is(t, &["reports", "claims", "reporting"])
            && i > 0
            && (is(&tokens[i - 1], &["despite", "contrary"])
                || (tokens[i - 1].lower == "to"
                    && i > 1
                    && is(&tokens[i - 2], &["contrary", "counter"])))
        {
            continue;
        }
        // "Trump told Putin not to escalate": an instruction, not a report of the event.
        if directive(text, tokens, i) {
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
            None => match characterised_by(text, tokens, i) {
                // "Peskov called the report pure fiction": Peskov's denial, not the article's.
                Some(k) => out.push(StanceCue {
                    polarity: Polarity::Denies,
                    source: source_of(text, tokens, mentions, k),
                    attributed: true,
                    span: tokens[k].span.cover(span),
                }),
                None => out.push(StanceCue {
                    polarity: Polarity::Denies,
                    source: None,
                    attributed: false,
                    span,
                }),
            },
        }
    }

    // A negated complement under a reporting verb is that source's denial: "Trump never
    // spoke to Zelensky, his spokeswoman insisted", "Peskov said Trump and Putin had not
    // spoken". The cue's span then covers the negated words, so a check can tell whether
    // they negate its fact's event.
    for (j, _) in &report_sources {
        let j = *j;
        if !has(&tokens[j], class::REPORT_VERB) && tokens[j].lower != "according" {
            continue;
        }
        let start = cue_span(tokens, j).start;
        let Some(c) = out
            .iter_mut()
            .find(|c| c.span.start == start && c.polarity == Polarity::Affirms)
        else {
            continue;
        };
        if let Some(neg) = negated_content(text, tokens, j) {
            c.polarity = Polarity::Denies;
            c.span = c.span.cover(neg);
        }
    }

    // Hearsay words attribute to unnamed sources when nothing else does.
    static HEARSAY_WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[HEARSAY]));
    if out.is_empty()
        && let Some(t) = tokens.iter().find(|t| HEARSAY_WORDS.contains(&t.lower))
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

/// Nouns that hold reported content after "that": "its report that the leaders spoke".
const REPORT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "claim",
    "claims",
    "allegation",
    "allegations",
    "account",
    "accounts",
    "story",
    "rumour",
    "rumours",
    "rumor",
    "rumors",
];

/// Negations that can govern a verb.
const VERB_NEGATORS: &[&str] = &[
    "not", "never", "didn't", "hasn't", "haven't", "hadn't", "wasn't", "weren't", "isn't",
    "aren't", "doesn't", "don't",
];

/// Whether "told"/"tells" at `i` gives an instruction ("told Putin not to escalate", "told him
/// to stop") rather than reporting what someone said happened.
fn directive(text: &str, tokens: &[Token], i: usize) -> bool {
    if !is(&tokens[i], &["told", "tells", "tell"]) {
        return false;
    }
    for k in i + 1..tokens.len().min(i + 7) {
        let gap = &text[tokens[k - 1].span.end..tokens[k].span.start];
        // A comma, a quote, "that" or a subject pronoun opens what was said.
        if gap.contains([',', ';', ':', '"', '\u{201c}'])
            || is(
                &tokens[k],
                &[
                    "that", "about", "he", "she", "they", "it", "we", "i", "there",
                ],
            )
        {
            return false;
        }
        if tokens[k].lower == "to" && k + 1 < tokens.len() {
            return true;
        }
    }
    false
}

/// The reported content of the reporting cue at token `i`: what follows it ("said (that) …",
/// "according to X, …") or, for a trailing attribution ("…, his spokeswoman insisted"), the
/// clause before the comma that precedes its speaker. Returns token indices `from..to`.
fn content_of(text: &str, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let comma_before = |k: usize| {
        k > 0 && text[tokens[k - 1].span.end..tokens[k].span.start].contains([',', ';', ':'])
    };
    if tokens[i].lower == "according" {
        // "According to the Kremlin, Trump and Putin have not spoken."
        if i == 0 {
            let after = (i + 2..tokens.len()).find(|&k| comma_before(k))?;
            return Some((after, tokens.len()));
        }
        // "Trump and Putin have not spoken, according to the Kremlin."
        return comma_before(i).then_some((0, i));
    }
    // Trailing: "…, the Kremlin insisted." The speaker stands between a comma and the cue,
    // and little follows the cue.
    let speaker_from = (i.saturating_sub(5)..=i).rev().find(|&k| comma_before(k));
    if let Some(k) = speaker_from
        && k > 0
        && tokens.len() - i <= 4
    {
        return Some((0, k));
    }
    // Leading: "Peskov said (that) …".
    let from = if tokens.get(i + 1).is_some_and(|t| t.lower == "that") {
        i + 2
    } else {
        i + 1
    };
    (from < tokens.len()).then_some((from, tokens.len()))
}

/// The negated words of the content of cue `i`, when the negation governs the content's own
/// verb: it stands among the content's first words, after its subject, with no comma or
/// relative clause before it ("Trump never spoke …", not "Trump, who did not …, said").
fn negated_content(text: &str, tokens: &[Token], i: usize) -> Option<Span> {
    let (from, to) = content_of(text, tokens, i)?;
    for k in from..to.min(from + 8) {
        if k > from && text[tokens[k - 1].span.end..tokens[k].span.start].contains([',', ';', ':'])
        {
            return None;
        }
        let t = &tokens[k];
        if is(t, CLAUSE_STOPS) || is(t, &["whose", "when", "if", "whether", "because"]) {
            return None;
        }
        if is(t, VERB_NEGATORS) {
            // The verb: the first word after the negation that is not an auxiliary.
            let verb = tokens[k + 1..to].iter().take(3).find(|n| {
                !is(
                    n,
                    &["be", "been", "have", "ever", "yet", "even", "actually"],
                )
            })?;
            return Some(t.span.cover(verb.span));
        }
    }
    None
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
        // The first words of the phrases: the other tokens are passed over at once.
        if !has(&tokens[i], class::DENIAL_START) {
            i += 1;
            continue;
        }
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
/// Prepositions that make an event a circumstance of another act: "discussed Ukraine during
/// the call".
const CIRCUMSTANCE: &[&str] = &[
    "during", "in", "on", "at", "after", "before", "since", "of", "about", "over", "ahead",
];

/// Whether the denying verb at token `d` denies a detail of an event rather than the event:
/// its "that" clause names the event (`is_event`) only after a preposition ("denied that
/// Putin had discussed Ukraine during the call"), never as what is denied ("denied that the
/// call took place", "denied that the two had spoken").
pub fn denies_a_detail(tokens: &[Token], d: usize, is_event: impl Fn(&Token) -> bool) -> bool {
    if tokens.get(d + 1).is_none_or(|t| t.lower != "that") {
        return false;
    }
    let clause = &tokens[d + 2..];
    let mut named = false;
    for (k, t) in clause.iter().enumerate() {
        if !is_event(t) {
            continue;
        }
        named = true;
        // The word before the event's words, back over "the", "its", "their" and the like
        // ("during the phone call").
        let governed = clause[..k]
            .iter()
            .rev()
            .find(|b| CIRCUMSTANCE.contains(&b.lower.as_str()) || !(b.stop || is_event(b)))
            .is_some_and(|b| CIRCUMSTANCE.contains(&b.lower.as_str()));
        if !governed {
            return false;
        }
    }
    named
}

/// Verbs that say what someone called a thing: "called the report pure fiction", "branded it
/// fake". ("Called" alone is no reporting verb: "Trump called Putin" is the event.)
const CHARACTERISE: &[&str] = &[
    "called", "calls", "branded", "brands", "termed", "terms", "dubbed", "dubs",
];

/// The verb that calls something the denial word at token `i`, in the same clause and a few
/// words before it: "Peskov called the report of a call pure fiction".
fn characterised_by(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let mut k = i;
    while k > 0 && i - k < 12 {
        let gap = &text[tokens[k - 1].span.end..tokens[k].span.start];
        if gap.contains([',', ';', ':']) {
            return None;
        }
        k -= 1;
        if is(&tokens[k], CHARACTERISE) {
            return Some(k);
        }
        if is(&tokens[k], CLAUSE_STOPS) {
            return None;
        }
    }
    None
}

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
        if has(
            &tokens[j],
            class::DENY_VERB | class::CONFIRM_VERB | class::REPORT_VERB,
        ) || is(&tokens[j], CLAUSE_STOPS)
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

    #[test]
    fn a_words_stance_bits_are_the_lists_it_is_in() {
        let lists: [(&[&str], u16); 3] = [
            (DENY_VERBS, class::DENY_VERB),
            (CONFIRM_VERBS, class::CONFIRM_VERB),
            (REPORT_VERBS, class::REPORT_VERB),
        ];
        let firsts: Vec<&str> = DENY_PHRASES.iter().map(|p| p[0]).collect();
        let mut words: Vec<&str> = lists.iter().flat_map(|(l, _)| l.iter().copied()).collect();
        words.extend(&firsts);
        words.extend(REPORT_NOUNS);
        words.extend([
            "talks",
            "said.",
            "Said",
            "denial",
            "reportedly",
            "no",
            "not",
        ]);
        for w in words {
            let bits = word_classes(w);
            for (list, bit) in lists {
                assert_eq!(bits & bit != 0, list.contains(&w), "{w}");
            }
            assert_eq!(bits & class::DENIAL_START != 0, firsts.contains(&w), "{w}");
            // Every verb of a list is a cue word.
            if bits & (class::DENY_VERB | class::CONFIRM_VERB | class::REPORT_VERB) != 0 {
                assert_ne!(bits & class::STANCE_CUE, 0, "{w}");
            }
        }
    }

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
    fn a_denial_word_someone_called_the_report_is_theirs() {
        let got = stances("Peskov called the report of a call between the two pure fiction.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].0, got[0].1.as_deref(), got[0].2),
            (Polarity::Denies, Some("peskov"), true)
        );
        // Without a verb that calls it so, the word is the article's own.
        assert!(!stances("The report of a call was pure fiction.")[0].2);
    }

    #[test]
    fn a_denial_of_what_happened_during_the_event_is_of_a_detail() {
        let detail = |text: &str| {
            let tokens = crate::extract::tokens::tokenize(text);
            let d = tokens
                .iter()
                .position(|t| t.lower == "denied")
                .expect("a denying verb");
            denies_a_detail(&tokens, d, |t| matches!(t.stem(), "call" | "phone"))
        };
        assert!(detail(
            "Peskov denied that Putin had discussed Ukraine during the call."
        ));
        assert!(detail(
            "Peskov denied that Ukraine came up in the phone call."
        ));
        assert!(!detail("Peskov denied that the call took place."));
        assert!(!detail(
            "Peskov denied that Putin had held a phone call with Trump."
        ));
        // Without "that" or without the event, the denial stands as it is.
        assert!(!detail("Peskov denied the call."));
        assert!(!detail("Peskov denied that it had happened."));
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
    fn a_negated_complement_is_the_sources_denial() {
        let got = stances("Trump never spoke to Zelensky by phone, his spokeswoman insisted.");
        assert_eq!(
            got,
            [(
                Polarity::Denies,
                None,
                true,
                "never spoke to Zelensky by phone, his spokeswoman insisted".into()
            )]
        );
        let got = stances("Peskov said Trump and Putin had not spoken.");
        assert_eq!(got[0].0, Polarity::Denies);
        assert_eq!(got[0].1.as_deref(), Some("peskov"));
        // A negation inside a relative clause is not the content's own verb.
        let got = stances("Trump, who did not speak, left early, aides said.");
        assert_eq!(got[0].0, Polarity::Affirms);
    }

    #[test]
    fn reports_spoken_against_and_instructions_are_no_attribution() {
        assert!(
            stances("Trump did not speak with Zelensky last week, despite reports.").is_empty()
        );
        assert!(stances("Trump told Putin by phone not to escalate the war.").is_empty());
        // "told reporters that …" reports.
        assert_eq!(
            stances("Peskov told reporters that no call took place.")[0].0,
            Polarity::Denies
        );
        // "its report that …" holds hearsay.
        assert_eq!(
            stances("The Post retracted its report that the leaders spoke."),
            [(Polarity::Affirms, None, true, "report".into())]
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
