//! Whether a sentence speaks of what is to come, which decides the direction of its bare
//! weekdays and year-less dates.

use super::super::tokens::Token;
use super::absolute::compile;
use super::word;
use regex::Regex;
use std::sync::LazyLock;

/// Cues of a coming event anchored in the present: "will", "'ll", "is expected to",
/// "is scheduled to", "plans to", "upcoming", "ahead of", "next week", "tomorrow", "takes
/// office".
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:will|shall|won't|won’t|(?:i|you|he|she|it|we|they|that|there|who)(?:'|’)ll|(?:is|are|am|'s|’s|'re|’re)\s+(?:not\s+)?(?:expected|scheduled|set|slated|poised|planning|preparing|going|about|due|to\s+be)\s+to|(?:is|are)\s+to\s+be|plans?\s+to|planning\s+to|intends?\s+to|(?:expects?|hopes?|aims?)\s+to|upcoming|forthcoming|ahead\s+of|next\s+(?:week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tomorrow|in\s+the\s+(?:coming|next)\s+(?:days|weeks|months|years)|later\s+this\s+(?:week|month|year)|(?:takes|assumes|enters)\s+office|is\s+(?:sworn\s+in|inaugurated))\b",
    )
});

/// Whether `text` (one sentence) speaks of what is to come.
///
/// The rule is deliberately conservative: only cues anchored in the present count. Past
/// reported speech ("said he would visit", "was expected to", "had planned to") is *not*
/// future: the sentence reports something said before publication, and its dates are read
/// backwards, which is right for the report and for events that happened by publication.
/// The event such speech announces does lie ahead of the speech, so a caller dating that
/// event should treat the sentence's dates as uncertain rather than contradicting. Present
/// reported speech ("said he will visit") is future. Nouns are not cues: "the will of the
/// people", "a plan to".
pub fn is_future(text: &str) -> bool {
    // Every cue holds one of these words; most sentences hold none and skip the pattern. A
    // case-insensitive alternation of literals, which the regex engine scans for with SIMD:
    // an Aho-Corasick automaton, stepping through every byte, cost 15% more on the bench's text.
    static STEMS: LazyLock<Regex> = LazyLock::new(|| {
        let alternation: Vec<String> = STEM_WORDS.iter().map(|w| regex::escape(w)).collect();
        Regex::new(&format!("(?i:{})", alternation.join("|"))).expect("escaped literals are valid")
    });
    if !STEMS.is_match(text) {
        return false;
    }
    has_cue(text)
}

/// The stems [`is_future`] looks for first, every one in lower case.
pub(super) const STEM_WORDS: &[&str] = &[
    "will",
    "shall",
    "won",
    // Not "ll" alone: "all", "still" and "million" would let most sentences by.
    "'ll",
    "’ll",
    "expected",
    "scheduled",
    "set",
    "slated",
    "poised",
    "planning",
    "preparing",
    "going",
    "about",
    "due",
    "to be",
    "plan",
    "intend",
    "coming",
    "ahead",
    "next",
    "tomorrow",
    "later",
    "office",
    "sworn",
    "inaugurated",
];

/// [`is_future`] on a sentence already split into `tokens` ([`tokenize`] of `text`): their
/// date cues say whether a stem is there, without a search of the text.
///
/// [`tokenize`]: super::super::tokens::tokenize
pub fn is_future_in(text: &str, tokens: &[Token]) -> bool {
    if !super::forms::readable(text) {
        return is_future(text);
    }
    let stem = tokens.iter().enumerate().any(|(i, t)| {
        let w = t.date_cues;
        if w & word::FUTURE != 0 {
            return true;
        }
        let bytes = text.as_bytes();
        // "'ll" and "’ll" with the apostrophe outside the word.
        if w & word::START_LL != 0
            && (bytes[..t.span.start].ends_with(b"'")
                || bytes[..t.span.start].ends_with("’".as_bytes()))
        {
            return true;
        }
        // "to be": one space between the words.
        w & word::START_BE != 0
            && super::one_space_before(text, tokens, i)
                .is_some_and(|prev| prev.date_cues & word::END_TO != 0)
    });
    stem && has_cue(text)
}

/// Whether a word holds one of the stems (but "to be", which spans two), in any case.
pub(super) fn has_stem(word: &[u8]) -> bool {
    /// The stems by their first byte in lower case.
    static BY_FIRST: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        let mut by_first = vec![Vec::new(); 256];
        for w in STEM_WORDS.iter().filter(|w| !w.contains(' ')) {
            by_first[usize::from(w.as_bytes()[0])].push(*w);
        }
        by_first
    });
    let by_first = &*BY_FIRST;
    (0..word.len()).any(|at| {
        let rest = &word[at..];
        by_first[usize::from(rest[0].to_ascii_lowercase())]
            .iter()
            .any(|c| {
                rest.get(..c.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(c.as_bytes()))
            })
    })
}

/// The cues of [`is_future`] after its stems are found: one not used as a noun or a name.
fn has_cue(text: &str) -> bool {
    FUTURE.find_iter(text).any(|m| {
        let before = &text[..m.start()];
        !is_noun_use(before, m.as_str()) && !is_name_will(text, before, m.as_str())
    })
}

/// "Will Smith said": a capitalised "Will" is a name unless it opens a question.
fn is_name_will(text: &str, before: &str, cue: &str) -> bool {
    if cue != "Will" {
        return false;
    }
    let opens = before
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘«(".contains(c))
        .is_empty();
    !(opens && text.trim_end().ends_with('?'))
}

/// "the will of the people", "political will", "the plans to expand": a noun, not a tense.
fn is_noun_use(before: &str, cue: &str) -> bool {
    const DETERMINERS: &[&str] = &[
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "no",
        "new",
        "political",
        "free",
        "good",
        "ill",
        "own",
        "popular",
        "public",
        "whose",
        "any",
        "such",
    ];
    let first = cue
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if !matches!(
        first.as_str(),
        "will" | "plan" | "plans" | "intends" | "intend"
    ) {
        return false;
    }
    let previous = before
        .rsplit(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    DETERMINERS.contains(&previous.as_str())
        || (first == "will" && (previous == "s" || previous == "people"))
        // "confirmed plans to close", "details of plans to": the object of a past verb or
        // of a preposition is a noun, and the sentence keeps the verb's tense.
        || (matches!(first.as_str(), "plan" | "plans")
            && (previous.ends_with("ed")
                || matches!(
                    previous.as_str(),
                    "of" | "about" | "on" | "over" | "against" | "for" | "with"
                )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    #[test]
    fn future_cues() {
        for s in [
            "Trump will take office on January 20.",
            "By the end of March we will have delivered the rest.",
            "The vote is expected to take place next week.",
            "The White House plans to allocate the remaining $6 billion.",
            "The summit is scheduled to open on Thursday.",
            "Ahead of the upcoming talks, officials met.",
            "Biden is set to meet Xi on Saturday.",
            "We'll see what happens tomorrow.",
            "Talks won't resume before Friday.",
            "The hearing is to be held on Monday.",
            "Support Ukraine before Trump assumes office on January 20.",
            "Peskov said the president will travel on Friday.",
            "Will Trump attend on Friday?",
            "The company plans to close the plant on Friday.",
            "Aurelia said it plans to close the plant on Friday.",
        ] {
            assert!(is_future(s), "{s}");
            assert!(is_future_in(s, &tokenize(s)), "from tokens: {s}");
        }
    }

    #[test]
    fn past_and_nouns_are_not_future() {
        for s in [
            "Peskov said on Monday that the call never took place.",
            "He said he would visit Kyiv on Thursday.",
            "The vote was expected to take place on Sunday.",
            "The officials had planned to meet on Tuesday.",
            "It was the will of the people.",
            "Leaders lacked the political will to act.",
            "The ministry unveiled a plan to rebuild the bridge.",
            "The chief executive on Thursday confirmed plans to close the plant.",
            "Unions protested on Monday against plans to close the plant.",
            "Willie Nelson played on Saturday.",
            "Will Smith spoke on Saturday.",
            "Actor Will Smith spoke on Saturday.",
            "",
        ] {
            assert!(!is_future(s), "{s}");
            assert!(!is_future_in(s, &tokenize(s)), "from tokens: {s}");
        }
    }
}
