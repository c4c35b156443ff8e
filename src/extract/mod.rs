//! Stage 2: finds claims in an article's plain text (entities, numbers, dates, stance).

pub mod dates;
pub mod entities;
pub mod numbers;
pub mod sentences;
pub mod stance;
pub mod tokens;

use crate::article::Article;
use crate::claims::{self, ArticleClaims, Sentence};
use crate::facts::EntityId;
use crate::span::Span;
use entities::EntityMatcher;
use std::sync::LazyLock;
use tokens::WordSet;

/// Auxiliaries that make a sentence speak of what may or will happen rather than what did.
const MODAL: &[&str] = &[
    "will", "would", "could", "might", "should", "shall", "if", "unless", "won't", "wouldn't",
];
/// Words that are modal only before "to" ("plans to close"; "the administration's plans" is a
/// noun).
const MODAL_BEFORE_TO: &[&str] = &[
    "plans",
    "plan",
    "planned",
    "planning",
    "intends",
    "intend",
    "aims",
    "aim",
    "expected",
    "expect",
    "expects",
    "wants",
    "want",
    "hopes",
    "hope",
    "proposed",
    "proposes",
    "scheduled",
    "set",
    "due",
    "going",
    "ready",
];

/// Whether a sentence asks rather than states: it ends with a question mark and opens like a
/// question ("Did Trump call Putin?"). A statement that ends on a question it raises ("…has
/// revived an old argument: why do towns keep building there?") still states its first part.
fn is_question(text: &str, tokens: &[tokens::Token]) -> bool {
    const OPENERS: &[&str] = &[
        "who", "what", "when", "where", "why", "how", "which", "whose", "did", "does", "do", "is",
        "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "should",
        "shall", "may", "might", "must", "isn't", "aren't", "didn't", "doesn't",
    ];
    text.trim_end().ends_with('?')
        && tokens
            .first()
            .is_some_and(|t| OPENERS.contains(&t.lower.as_str()))
}

/// Whether the words make a statement a plan or a possibility: a modal auxiliary, "may" in
/// lower case (not the month), or a verb of intent before "to".
pub fn is_modal(tokens: &[tokens::Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        t.classes & class::MODAL != 0
            || (t.lower == "may" && !t.cap)
            || (t.classes & class::MODAL_BEFORE_TO != 0
                && tokens.get(i + 1).is_some_and(|n| n.lower == "to"))
    })
}

/// Words that stand for an earlier-named person or group.
pub const ANAPHORS: &[&str] = &[
    "he",
    "him",
    "his",
    "she",
    "her",
    "they",
    "them",
    "their",
    "it",
    "its",
    "leaders",
    "two",
    "both",
    "pair",
    "sides",
    "men",
    "country",
    "countries",
];

/// [`ANAPHORS`], looked up by hash.
static REFER_BACK: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[ANAPHORS]));

/// Whether a word of `text` (one sentence) may refer back to a name in the sentence before
/// ([`class::ANAPHOR`]), read without making its tokens.
fn may_refer_back(text: &str) -> bool {
    tokens::any_word_in(text, &REFER_BACK)
}

/// Bits of [`tokens::Word::classes`]: the word lists a token's word is in.
pub mod class {
    /// [`super::MODAL`].
    pub const MODAL: u16 = 1;
    /// [`super::MODAL_BEFORE_TO`].
    pub const MODAL_BEFORE_TO: u16 = 1 << 1;
    /// [`super::ANAPHORS`].
    pub const ANAPHOR: u16 = 1 << 2;
    /// A word a stance cue is made of ([`super::stance::word_classes`]).
    pub const STANCE_CUE: u16 = 1 << 3;
    /// One of [`super::stance::DENY_VERBS`].
    pub const DENY_VERB: u16 = 1 << 4;
    /// A verb that confirms what it reports ("confirmed", "acknowledged").
    pub const CONFIRM_VERB: u16 = 1 << 5;
    /// A verb that reports without a stance of its own ("said", "reported", "claimed").
    pub const REPORT_VERB: u16 = 1 << 6;
    /// The first word of a denial phrase ("false", "never" in "never happened").
    pub const DENIAL_START: u16 = 1 << 7;
}

/// The word lists a lower-case word is in, as [`class`] bits: worked out once per word a
/// thread meets, with its token.
pub fn word_classes(lower: &str) -> u16 {
    static MODALS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[MODAL]));
    static BEFORE_TO: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[MODAL_BEFORE_TO]));
    let mut classes = 0;
    for (set, bit) in [
        (&*MODALS, class::MODAL),
        (&*BEFORE_TO, class::MODAL_BEFORE_TO),
        (&*REFER_BACK, class::ANAPHOR),
    ] {
        if set.contains(lower) {
            classes |= bit;
        }
    }
    classes | stance::word_classes(lower)
}

/// Finds the claims of one article. The matcher carries the fact file's entities.
pub fn extract(article: &Article, matcher: &EntityMatcher) -> ArticleClaims {
    words(article, matcher, true).finish(|_| Reading::All)
}

/// The dates of `sentence`, one of `article`'s finished without them
/// ([`Words::finish_undated`]), in the article's offsets: what [`Words::finish`] puts in
/// `sentence.dates`.
pub fn dates_of(article: &Article, sentence: &Sentence) -> Vec<claims::DateMention> {
    let span = sentence.span;
    // The date readers take the sentence's text and its tokens in the sentence's offsets.
    let tokens: Vec<tokens::Token> = sentence
        .tokens
        .iter()
        .map(|t| {
            let mut t = t.clone();
            t.span = Span::new(t.span.start - span.start, t.span.end - span.start);
            t
        })
        .collect();
    let text = &article.text[span.start..span.end];
    let mut found = dates::extract_dates_in(text, &tokens, article.meta.published, sentence.future);
    for d in &mut found {
        d.span = d.span.offset(span.start);
    }
    found
}

/// Which of a sentence's claims [`Words::finish`] reads, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reading {
    /// Words and names only: the fact file's entities, and the other names only when
    /// [`words`] was asked for all of them.
    Words,
    /// Everything but the numbers: a check against the fact file reads a sentence's numbers
    /// only where it aligns with a fact that has a value.
    NoNumbers,
    /// Stances, modality, tense, numbers and dates.
    All,
}

/// Every sentence's words and names, before the claims in it are read: what alignment needs
/// to tell which sentences are about a fact ([`words`]).
pub struct Words<'a> {
    article: &'a Article,
    /// Spans relative to each sentence until [`Words::finish`]; only `span`, `tokens`,
    /// `mentions` and `question` are filled.
    claims: ArticleClaims,
    /// The mentions hold the names the fact file does not know too, not only its entities.
    all_names: bool,
}

/// Splits the article into sentences and finds their words and the entities the fact file
/// knows, and with `all_names` the names it does not know. A check against the fact file
/// alone reads numbers, dates, stances and those other names only in the sentences that
/// align with a fact (a quarter of them in a typical article), so they wait for
/// [`Words::finish`]; the comparison between articles reads every sentence whole.
pub fn words<'a>(article: &'a Article, matcher: &EntityMatcher, all_names: bool) -> Words<'a> {
    read_words(article, matcher, all_names)
}

/// [`words`] without the names the fact file does not know, for an alignment that reads only
/// the sentences that name the entities a fact is about, each itself or, through a word
/// that refers back, in the sentence before ([`crate::align::Aligner::needs_names`]): any
/// other sentence is left without its words and names, which no check reads.
///
/// Which entities a sentence may name is first asked of its words without making tokens of
/// them ([`EntityMatcher::may_name`]), and whether it refers back likewise
/// ([`may_refer_back`]); `may_align` tells from those whether a sentence may align with a
/// fact (given the entities it may name, and those the sentence before may name when it
/// refers back, else none). A sentence is read if it may align, or if the next one may and
/// refers back to it.
pub fn named_words<'a>(
    article: &'a Article,
    matcher: &EntityMatcher,
    may_align: impl Fn(&[EntityId], &[EntityId]) -> bool,
) -> Words<'a> {
    let text = &article.text;
    let spans = sentences::split(text);
    // The entities each sentence may name (sorted, once each), as a range of `names`; `None`
    // when the screen cannot tell.
    let (mut names, mut here) = (Vec::new(), Vec::new());
    let screened: Vec<Option<std::ops::Range<usize>>> = spans
        .iter()
        .map(|span| {
            here.clear();
            let sure = matcher.may_name(&text[span.start..span.end], &mut here);
            here.sort_unstable();
            here.dedup();
            let start = names.len();
            names.extend_from_slice(&here);
            sure.then_some(start..names.len())
        })
        .collect();
    let names_in = |r: &Option<std::ops::Range<usize>>| r.as_ref().map(|r| &names[r.clone()]);
    let none: &[EntityId] = &[];
    let mut sentences: Vec<Sentence> = spans
        .iter()
        .map(|&span| sentence(text, span, None, false))
        .collect();
    for i in 0..spans.len() {
        let here = names_in(&screened[i]);
        let before = i
            .checked_sub(1)
            .map_or(Some(none), |p| names_in(&screened[p]));
        let aligns_with = |before: Option<&[EntityId]>| match (here, before) {
            (Some([]), Some([])) => false,
            (Some(here), Some(before)) => may_align(here, before),
            _ => true,
        };
        // Naming more can only let more facts align: whether the sentence refers back is
        // asked of its text only when it may align through the names before it alone, and
        // otherwise of its tokens, once it is read.
        let refers = if aligns_with(Some(none)) {
            sentences[i] = sentence(text, spans[i], Some(matcher), false);
            crate::align::refers_back(&sentences[i])
        } else if before != Some(none)
            && aligns_with(before)
            && may_refer_back(&text[spans[i].start..spans[i].end])
        {
            sentences[i] = sentence(text, spans[i], Some(matcher), false);
            true
        } else {
            false
        };
        // The sentence before is read when this one may align through it.
        if refers
            && before != Some(none)
            && let Some(p) = i.checked_sub(1)
            && sentences[p].tokens.is_empty()
        {
            sentences[p] = sentence(text, spans[p], Some(matcher), false);
        }
    }
    Words {
        article,
        claims: ArticleClaims { sentences },
        all_names: false,
    }
}

fn read_words<'a>(article: &'a Article, matcher: &EntityMatcher, all_names: bool) -> Words<'a> {
    let text = &article.text;
    let sentences = sentences::split(text)
        .into_iter()
        .map(|span| sentence(text, span, Some(matcher), all_names))
        .collect();
    Words {
        article,
        claims: ArticleClaims { sentences },
        all_names,
    }
}

/// The sentence of `text` at `span` with its words and names (the fact file's entities, and
/// with `all_names` the others), or without either when there is no matcher to read it with.
fn sentence(text: &str, span: Span, matcher: Option<&EntityMatcher>, all_names: bool) -> Sentence {
    let s = &text[span.start..span.end];
    let (tokens, mentions) = match matcher {
        None => (Vec::new(), Vec::new()),
        Some(matcher) => {
            let tokens = tokens::tokenize(s);
            let mentions = if all_names {
                matcher.find(&tokens)
            } else {
                matcher.find_known(&tokens)
            };
            (tokens, mentions)
        }
    };
    Sentence {
        span,
        mentions,
        quantities: Vec::new(),
        dates: Vec::new(),
        stances: Vec::new(),
        modal: false,
        future: false,
        question: is_question(s, &tokens),
        tokens,
    }
}

impl Words<'_> {
    /// The sentences with their words and names only (spans relative to each sentence), for
    /// alignment, which reads nothing else.
    pub fn claims(&self) -> &ArticleClaims {
        &self.claims
    }

    /// Reads the claims (stances, modality, tense, numbers, dates) of each sentence as far as
    /// `wanted` says for its index, and moves every span to the article's offsets. What is
    /// not read stays empty.
    pub fn finish(self, wanted: impl Fn(usize) -> Reading) -> ArticleClaims {
        self.finish_reading(wanted, true)
    }

    /// [`Self::finish`] without the dates, which stay empty: the check against the fact file
    /// reads a sentence's dates only when a check gets as far as placing it in time, and
    /// then through [`dates_of`]. Reading them for every sentence that aligns with a fact
    /// was a tenth of a run.
    pub fn finish_undated(self, wanted: impl Fn(usize) -> Reading) -> ArticleClaims {
        self.finish_reading(wanted, false)
    }

    fn finish_reading(self, wanted: impl Fn(usize) -> Reading, with_dates: bool) -> ArticleClaims {
        let text = &self.article.text;
        let published = self.article.meta.published;
        let mut claims = self.claims;
        let readings: Vec<Reading> = (0..claims.sentences.len()).map(wanted).collect();
        // Each reader goes through all the sentences it reads before the next one starts.
        // The readers' code is large; taking turns sentence by sentence, each pushed the
        // others out of the processor's instruction cache.
        let sentences = &mut claims.sentences;
        let mut read = |from: Reading, f: &mut dyn FnMut(&str, &mut Sentence)| {
            for (sentence, &reading) in sentences.iter_mut().zip(&readings) {
                if reading >= from {
                    let span = sentence.span;
                    f(&text[span.start..span.end], sentence);
                }
            }
        };
        if !self.all_names {
            read(Reading::NoNumbers, &mut |_, sentence| {
                entities::add_unknown_names(&sentence.tokens, &mut sentence.mentions);
            });
        }
        read(Reading::NoNumbers, &mut |s, sentence| {
            sentence.stances = stance::cues(s, &sentence.tokens, &sentence.mentions);
        });
        read(Reading::NoNumbers, &mut |_, sentence| {
            sentence.modal = is_modal(&sentence.tokens);
        });
        read(Reading::NoNumbers, &mut |s, sentence| {
            sentence.future = dates::is_future_in(s, &sentence.tokens);
        });
        read(Reading::All, &mut |s, sentence| {
            sentence.quantities = numbers::extract_quantities(s);
        });
        if with_dates {
            read(Reading::NoNumbers, &mut |s, sentence| {
                sentence.dates =
                    dates::extract_dates_in(s, &sentence.tokens, published, sentence.future);
            });
        }
        for sentence in &mut claims.sentences {
            let span = sentence.span;
            for t in &mut sentence.tokens {
                t.span = t.span.offset(span.start);
            }
            for m in &mut sentence.mentions {
                m.span = m.span.offset(span.start);
            }
            for c in &mut sentence.stances {
                c.span = c.span.offset(span.start);
            }
            for q in &mut sentence.quantities {
                q.span = q.span.offset(span.start);
                q.unit_span = q.unit_span.map(|u| u.offset(span.start));
            }
            for d in &mut sentence.dates {
                d.span = d.span.offset(span.start);
            }
        }
        claims
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_words_classes_are_the_lists_it_is_in() {
        let classes = |w: &str| word_classes(w);
        assert_eq!(classes("will"), class::MODAL);
        assert_eq!(classes("plans"), class::MODAL_BEFORE_TO);
        assert_eq!(classes("they"), class::ANAPHOR);
        assert_eq!(classes("denied"), class::STANCE_CUE | class::DENY_VERB);
        assert_eq!(
            classes("confirmed"),
            class::STANCE_CUE | class::CONFIRM_VERB
        );
        assert_eq!(classes("said"), class::STANCE_CUE | class::REPORT_VERB);
        assert_eq!(classes("report"), class::STANCE_CUE);
        assert_eq!(classes("false"), class::DENIAL_START);
        assert_eq!(classes("talks"), 0);
        // The token carries them, from the memo too.
        for _ in 0..2 {
            let toks = tokens::tokenize("They denied it will happen; Will said.");
            let bits: Vec<u16> = toks.iter().map(|t| t.classes).collect();
            assert_eq!(
                bits,
                [
                    class::ANAPHOR,
                    class::STANCE_CUE | class::DENY_VERB,
                    class::ANAPHOR,
                    class::MODAL,
                    0,
                    class::MODAL,
                    classes("said"),
                ]
            );
        }
    }
}
