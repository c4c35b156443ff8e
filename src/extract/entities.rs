//! Entity mentions: the fact file's names and aliases, found by looking up folded tokens in
//! a trie of the aliases' folded words, plus capitalised names the fact file does not know.

use super::tokens::{Histogram, Token, WordSet, fold, histogram, shared};
use crate::claims::{EntityRef, Mention};
use crate::facts::{EntityId, FactFile};
use crate::span::Span;
use std::sync::LazyLock;

/// One alias, as the matcher knows it.
#[derive(Clone, Debug)]
struct Pattern {
    entities: Vec<EntityId>,
    /// Which alias tokens must be capitalised in the text (those capitalised in the fact
    /// file), so "the Post" does not match "the post-election period".
    needs_cap: Vec<bool>,
    /// The number of each of its folded words.
    words: Vec<u32>,
    /// Single-token surnames derived from a full name ("Peskov" from "Dmitry Peskov"):
    /// matched only when capitalised.
    implicit: bool,
}

/// Finds the fact file's entities in tokenised text.
pub struct EntityMatcher {
    patterns: Vec<Pattern>,
    /// The aliases as a trie of folded words: each word of an alias by number, each node's
    /// children by (node, word), and the pattern whose words lead to each node. A sentence's
    /// names cost a lookup per token and per word matched (an Aho-Corasick automaton over
    /// the folded text cost about twice as much).
    words: rustc_hash::FxHashMap<String, u32>,
    edges: rustc_hash::FxHashMap<(u32, u32), u32>,
    ends: Vec<Option<usize>>,
    /// Folded single-token names for fuzzy matching of misspellings, with their entity,
    /// sorted by (first byte, length in characters) so a token is compared only with names
    /// that could reach [`FUZZY_MIN`] (see [`length_window`]).
    singles: Vec<(String, EntityId)>,
    /// `(first byte, characters)` of each entry of `singles`, for binary search.
    single_keys: Vec<(u8, usize)>,
    /// Byte histogram of each entry of `singles`, for a cheap bound before Jaro-Winkler.
    single_hists: Vec<Histogram>,
    /// Tells this matcher's entries in the per-thread fuzzy memo from another's.
    generation: u64,
    /// By word number: the entities whose aliases with a capitalised word have this word
    /// for key ([`keys`]). Such an alias is found only where its key is, and capitalised
    /// ([`Self::may_name`]).
    keys: Vec<Vec<EntityId>>,
    /// For each alias all in lower case ("the ministry"), by its longest folded word, the
    /// entity it names: the alias is found only where that word is, in any case.
    lower_case_keys: rustc_hash::FxHashMap<String, Vec<EntityId>>,
}

const FUZZY_MIN: f64 = 0.93;

/// The least Jaro score that Winkler's prefix bonus (at most 0.4 * (1 - jaro)) can lift to
/// [`FUZZY_MIN`].
const JARO_FLOOR: f64 = (FUZZY_MIN - 0.4) / 0.6;

impl EntityMatcher {
    pub fn new(facts: Option<&FactFile>) -> Self {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut words: rustc_hash::FxHashMap<String, u32> = Default::default();
        let mut edges: rustc_hash::FxHashMap<(u32, u32), u32> = Default::default();
        // Node 0 is the root; an alias's folded words lead to its node, so two aliases that
        // fold alike share one pattern.
        let mut ends: Vec<Option<usize>> = vec![None];
        let mut add = |alias: &str, id: EntityId, implicit: bool| {
            let toks = super::tokens::tokenize(alias);
            if toks.is_empty() {
                return;
            }
            let mut node = 0;
            let mut numbers = Vec::with_capacity(toks.len());
            for t in &toks {
                let next = words.len() as u32;
                let w = *words.entry(t.folded.to_string()).or_insert(next);
                numbers.push(w);
                let next = ends.len() as u32;
                node = *edges.entry((node, w)).or_insert(next);
                if node == next {
                    ends.push(None);
                }
            }
            if let Some(i) = ends[node as usize] {
                let p = &mut patterns[i];
                if !p.entities.contains(&id) {
                    p.entities.push(id);
                }
                // An explicit alias wins over a derived surname.
                p.implicit &= implicit;
                return;
            }
            ends[node as usize] = Some(patterns.len());
            patterns.push(Pattern {
                entities: vec![id],
                needs_cap: toks.iter().map(|t| t.cap).collect(),
                words: numbers,
                implicit,
            });
        };
        let mut singles = Vec::new();
        for (i, e) in facts
            .map(|f| f.entities.as_slice())
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let id = EntityId(i as u32);
            add(&e.name, id, false);
            for a in &e.aliases {
                add(a, id, false);
            }
            if let Some(surname) = surname(&e.name) {
                add(surname, id, true);
            }
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                let toks = super::tokens::tokenize(n);
                if let [t] = toks.as_slice()
                    && t.folded.len() >= 5
                {
                    singles.push((t.folded.to_string(), id));
                }
            }
            if let Some(s) = surname(&e.name) {
                singles.push((fold(&s.to_lowercase()), id));
            }
        }
        // Stable, so names of one first byte and length keep the order they were added in.
        singles.sort_by_key(|(name, _)| single_key(name));
        let single_keys = singles.iter().map(|(name, _)| single_key(name)).collect();
        let single_hists = singles.iter().map(|(name, _)| histogram(name)).collect();
        let (keys, lower_case_keys) = keys(&patterns, &words);
        Self {
            keys,
            lower_case_keys,
            patterns,
            words,
            edges,
            ends,
            singles,
            single_keys,
            single_hists,
            generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Mentions in `tokens` (already tokenised sentence text), known entities first, then
    /// unknown capitalised names, in the order of the text.
    pub fn find(&self, tokens: &[Token]) -> Vec<Mention> {
        self.find_names(tokens, true)
    }

    /// The mentions of known entities in `tokens`, in the order of the text: what alignment
    /// needs. [`add_unknown_names`] completes them into [`Self::find`]'s.
    pub fn find_known(&self, tokens: &[Token]) -> Vec<Mention> {
        self.find_names(tokens, false)
    }

    /// The known entities `text` (one sentence) may name, added to `out`: every entity
    /// [`Self::find_known`] finds in its tokens is among them, and most sentences name few.
    /// False when the screen cannot tell (a word with a letter that is not ASCII), and any
    /// entity may be named.
    ///
    /// An alias is found only where the words it capitalises are capitalised, so each alias
    /// with a capitalised word is looked for by one of them (its key, [`Self::keys`]) among
    /// the sentence's capitalised words alone ([`super::tokens::any_capitalised`]); a
    /// misspelt name is a capitalised word close to a single-word name
    /// ([`Self::fuzzy_noted`]); an alias all in lower case is looked for by its longest word
    /// among all the sentence's words. An alias that names more than one entity names none.
    pub fn may_name(&self, text: &str, out: &mut Vec<EntityId>) -> bool {
        let unsure = super::tokens::any_capitalised(text, |t| {
            if let Some(ids) = self.word_number(t).and_then(|w| self.keys.get(w as usize)) {
                out.extend_from_slice(ids);
            }
            if t.folded.len() >= 5
                && let Some(id) = self.fuzzy_noted(t)
            {
                out.push(id);
            }
            false
        });
        if !self.lower_case_keys.is_empty() {
            super::tokens::each_folded(text, |folded| {
                if let Some(ids) = self.lower_case_keys.get(folded) {
                    out.extend_from_slice(ids);
                }
            });
        }
        !unsure
    }

    /// [`Self::find`], with the names the fact file does not know only when `unknown`.
    fn find_names(&self, tokens: &[Token], unknown: bool) -> Vec<Mention> {
        let mut out = Vec::new();
        // Left to right, the longest name at each token that no name found before covers: a
        // name that starts inside one found overlaps it, and so does a shorter one at the
        // same token. `covered`: the tokens before it are in a name found.
        let mut covered = 0;
        for first in 0..tokens.len() {
            if first < covered {
                continue;
            }
            let mut node = 0;
            let mut longest = None;
            for (last, t) in tokens.iter().enumerate().skip(first) {
                let Some(child) = self.word_number(t).and_then(|w| self.edges.get(&(node, w)))
                else {
                    break;
                };
                node = *child;
                let Some(pi) = self.ends[node as usize] else {
                    continue;
                };
                let p = &self.patterns[pi];
                // Capitalised where the fact file capitalises the alias.
                let caps_ok = p
                    .needs_cap
                    .iter()
                    .zip(&tokens[first..=last])
                    .all(|(need, t)| !need || t.cap);
                // A derived surname shared by two entities names neither.
                if caps_ok && p.entities.len() == 1 {
                    longest = Some((last, p.entities[0]));
                }
            }
            if let Some((last, id)) = longest {
                out.push(Mention {
                    entity: EntityRef::Known(id),
                    span: tokens[first].span.cover(tokens[last].span),
                });
                covered = last + 1;
            }
        }
        // Misspelt names: a capitalised token close to a known single-word name, outside the
        // names found (in the order of the text: one walk through them).
        let names = out.len();
        let mut k = 0;
        for t in tokens {
            if !t.cap || t.folded.len() < 5 {
                continue;
            }
            while k < names && out[k].span.end <= t.span.start {
                k += 1;
            }
            if k < names && out[k].span.contains(t.span) {
                continue;
            }
            if let Some(id) = self.fuzzy_noted(t) {
                out.push(Mention {
                    entity: EntityRef::Known(id),
                    span: t.span,
                });
            }
        }
        out.sort_by_key(|m| m.span.start);
        if unknown {
            add_unknown_names(tokens, &mut out);
        }
        out
    }
}

/// The keys [`EntityMatcher::may_name`] looks for aliases by: by word number, the entities
/// of the aliases with a capitalised word whose key it is, and by folded word, those of the
/// aliases all in lower case. An alias's key is its capitalised word that the aliases of the
/// fewest entities hold (the longest of those), so a common title ("Governor Wescordel") or
/// first name does not bring every entity that has it; an alias all in lower case is keyed
/// by its longest word. Aliases that name more than one entity name none and have no key.
fn keys(
    patterns: &[Pattern],
    words: &rustc_hash::FxHashMap<String, u32>,
) -> (
    Vec<Vec<EntityId>>,
    rustc_hash::FxHashMap<String, Vec<EntityId>>,
) {
    let naming = || patterns.iter().filter(|p| p.entities.len() == 1);
    // By word number: how many entities have an alias that holds the word.
    let mut pairs: Vec<(u32, EntityId)> = naming()
        .flat_map(|p| p.words.iter().map(|&w| (w, p.entities[0])))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut held = vec![0usize; words.len()];
    for (w, _) in pairs {
        held[w as usize] += 1;
    }
    let mut folded = vec![""; words.len()];
    for (word, &w) in words {
        folded[w as usize] = word;
    }
    let mut keys = vec![Vec::new(); words.len()];
    let mut lower_case_keys: rustc_hash::FxHashMap<String, Vec<EntityId>> = Default::default();
    for p in naming() {
        let id = p.entities[0];
        let by_key = |&&w: &&u32| {
            (
                held[w as usize],
                std::cmp::Reverse(folded[w as usize].len()),
            )
        };
        let capitalised = p.words.iter().zip(&p.needs_cap).filter(|(_, cap)| **cap);
        if let Some(w) = capitalised.map(|(w, _)| w).min_by_key(by_key) {
            let ids: &mut Vec<EntityId> = &mut keys[*w as usize];
            if !ids.contains(&id) {
                ids.push(id);
            }
        } else if let Some(w) = p.words.iter().max_by_key(|&&w| folded[w as usize].len()) {
            let ids = lower_case_keys
                .entry(folded[*w as usize].to_string())
                .or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    (keys, lower_case_keys)
}

/// Adds to `mentions` (known entities from [`EntityMatcher::find_known`] on `tokens`) the
/// capitalised names the fact file does not know, keeping the order of the text. A token a
/// known mention covers is not part of a name.
pub fn add_unknown_names(tokens: &[Token], mentions: &mut Vec<Mention>) {
    // Both in the order of the text, and mentions do not overlap: one walk through each.
    let mut k = 0;
    let taken: Vec<bool> = tokens
        .iter()
        .map(|t| {
            while mentions.get(k).is_some_and(|m| m.span.end <= t.span.start) {
                k += 1;
            }
            mentions.get(k).is_some_and(|m| m.span.contains(t.span))
        })
        .collect();
    let names = unknown_names(tokens, &taken);
    if !names.is_empty() {
        mentions.extend(names);
        mentions.sort_by_key(|m| m.span.start);
    }
}

impl EntityMatcher {
    /// The number of `t`'s folded word among the aliases' words, if it is one of them: kept
    /// with the token's word ([`super::tokens::Word::note`]), so each word a thread meets is
    /// looked up once per matcher rather than at each token. The note is the matcher's
    /// generation in its high half and the number plus one (0: none) in its low half.
    #[inline(always)]
    fn word_number(&self, t: &Token) -> Option<u32> {
        let tag = self.generation << 32;
        let note = t.note(WORD_NUMBER);
        if note >> 32 == self.generation {
            return (note as u32).checked_sub(1);
        }
        let number = self.words.get(t.folded.as_str()).copied();
        // A generation past 32 bits (four billion matchers in one process) is not noted.
        if self.generation >> 32 == 0
            && let Some(low) = number.map_or(Some(0), |n| n.checked_add(1))
        {
            t.set_note(WORD_NUMBER, tag | u64::from(low));
        }
        number
    }

    /// [`Self::fuzzy`] for `t`'s folded word, kept with the word like its number
    /// ([`Self::word_number`]): the entity's id plus one in the low half (0: none).
    fn fuzzy_noted(&self, t: &Token) -> Option<EntityId> {
        let tag = self.generation << 32;
        let note = t.note(FUZZY_NAME);
        if note >> 32 == self.generation {
            return (note as u32).checked_sub(1).map(EntityId);
        }
        let id = self.fuzzy_memo(&t.folded);
        if self.generation >> 32 == 0
            && let Some(low) = id.map_or(Some(0), |e| e.0.checked_add(1))
        {
            t.set_note(FUZZY_NAME, tag | u64::from(low));
        }
        id
    }

    /// [`Self::fuzzy`], remembered per thread: the same capitalised words come back in every
    /// article, and the answer depends on the folded word alone.
    fn fuzzy_memo(&self, folded: &str) -> Option<EntityId> {
        if self.singles.is_empty() {
            return None;
        }
        FUZZY_MEMO.with_borrow_mut(|(owner, memo)| {
            if *owner != self.generation {
                *owner = self.generation;
                memo.clear();
            }
            if let Some(known) = memo.get(folded) {
                return *known;
            }
            let found = self.fuzzy(folded);
            if memo.len() >= FUZZY_MEMO_MAX {
                memo.clear();
            }
            memo.insert(folded.to_string(), found);
            found
        })
    }

    /// The one single-word name within [`FUZZY_MIN`] Jaro-Winkler of `folded` (the best; none
    /// when two entities tie for best).
    fn fuzzy(&self, folded: &str) -> Option<EntityId> {
        let mut best: Option<(f64, EntityId)> = None;
        let mut tie = false;
        // Only names with the same first byte and a length that could score FUZZY_MIN.
        let (first, len) = single_key(folded);
        let (lo, hi) = length_window(len);
        let from = self.single_keys.partition_point(|&k| k < (first, lo));
        let to = self.single_keys.partition_point(|&k| k <= (first, hi));
        let hist = histogram(folded);
        let to = to.max(from);
        for ((name, id), h) in self.singles[from..to]
            .iter()
            .zip(&self.single_hists[from..to])
        {
            // Jaro <= (m/a + m/b + 1) / 3 with m shared characters; skip names that
            // cannot reach the floor (see `length_window` for the Winkler lift).
            let m = shared(&hist, h) as f64;
            let (a, b) = (len as f64, name.chars().count() as f64);
            if m / a + m / b < 3.0 * JARO_FLOOR - 1.0 - 1e-9 {
                continue;
            }
            let s = strsim::jaro_winkler(name, folded);
            if s >= FUZZY_MIN {
                match best {
                    Some((b, bid)) if (s - b).abs() < 1e-9 && bid != *id => tie = true,
                    Some((b, _)) if s <= b => {}
                    _ => {
                        best = Some((s, *id));
                        tie = false;
                    }
                }
            }
        }
        match (best, tie) {
            (Some((_, id)), false) => Some(id),
            _ => None,
        }
    }
}

/// The slots of a word's notes ([`super::tokens::Word::note`]) the matcher keeps: the word's
/// number among the aliases' words, and the single-word name its spelling is close to.
const WORD_NUMBER: usize = 0;
const FUZZY_NAME: usize = 1;

/// Words remembered per thread by [`EntityMatcher::fuzzy_memo`] before the memo starts over.
const FUZZY_MEMO_MAX: usize = 1 << 16;

/// Gives each matcher its own generation, so a thread's memo never answers for another.
static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    /// The generation of the matcher the memo belongs to, and its answers by folded word.
    static FUZZY_MEMO: std::cell::RefCell<(u64, rustc_hash::FxHashMap<String, Option<EntityId>>)> =
        std::cell::RefCell::new((0, rustc_hash::FxHashMap::default()));
}

/// The sort key of a fuzzy name: its first byte and its length in characters.
fn single_key(name: &str) -> (u8, usize) {
    (
        name.as_bytes().first().copied().unwrap_or(0),
        name.chars().count(),
    )
}

/// The lengths a name may have to score at least [`FUZZY_MIN`] against a token of `len`
/// characters. Jaro is at most (2 + short/long) / 3, and Winkler's prefix bonus lifts it to
/// at most 0.6 * jaro + 0.4, so short/long must be at least 3 * ((FUZZY_MIN - 0.4) / 0.6) - 2
/// (0.65 for 0.93); the window is a little wider than that bound, never narrower.
fn length_window(len: usize) -> (usize, usize) {
    let ratio = 3.0 * JARO_FLOOR - 2.0 - 0.01;
    let lo = (len as f64 * ratio).floor() as usize;
    let hi = (len as f64 / ratio).ceil() as usize;
    (lo, hi)
}

/// The surname of a person-like name: two or three capitalised words, not starting with
/// "The", last word of four letters or more.
fn surname(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=3).contains(&words.len()) || words[0].eq_ignore_ascii_case("the") {
        return None;
    }
    if !words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let last = *words.last()?;
    (last.chars().count() >= 4 && last.chars().all(char::is_alphabetic)).then_some(last)
}

/// Capitalised words that start sentences or clauses without naming anyone.
fn is_common_capital(lower: &str) -> bool {
    const COMMON: &[&str] = &[
        "the",
        "a",
        "an",
        "on",
        "in",
        "at",
        "by",
        "for",
        "from",
        "with",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "its",
        "our",
        "but",
        "and",
        "or",
        "yet",
        "so",
        "as",
        "after",
        "before",
        "during",
        "while",
        "when",
        "if",
        "however",
        "meanwhile",
        "although",
        "though",
        "despite",
        "over",
        "according",
        "earlier",
        "later",
        "last",
        "next",
        "there",
        "here",
        "what",
        "who",
        "why",
        "how",
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "some",
        "many",
        "both",
        "all",
        "no",
        "not",
        "one",
        "two",
        "three",
        "several",
        "such",
        "any",
        "each",
        "most",
        "more",
    ];
    // Every capitalised word of every sentence asks: one hash lookup, not a scan of both lists.
    static WORDS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(&[COMMON, OPENERS]));
    WORDS.contains(lower)
        || crate::extract::numbers::is_number_word(lower)
        || (lower.len() > 4 && lower.ends_with("ly"))
}

/// Words that often open a sentence before a number or a clause: hedges, quantifiers, links.
const OPENERS: &[&str] = &[
    "less",
    "fewer",
    "under",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "around",
    "up",
    "just",
    "only",
    "exactly",
    "between",
    "none",
    "since",
    "until",
    "because",
    "once",
    "every",
    "another",
    "other",
    "few",
    "much",
    "than",
    "then",
    "thus",
    "still",
    "also",
    "even",
    "now",
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "overnight",
    "officials",
    "police",
    "authorities",
    "residents",
    "witnesses",
    "analysts",
    "critics",
    "experts",
    "sources",
    "asked",
    "speaking",
    "including",
    "among",
    "following",
    "despite",
    "amid",
    "within",
    "without",
    "instead",
];

/// Runs of capitalised tokens no known entity took: names the fact file does not know.
fn unknown_names(tokens: &[Token], taken: &[bool]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let starts_name = !taken[i]
            && t.cap
            && !is_common_capital(&t.lower)
            && !t.lower.chars().next().is_some_and(|c| c.is_ascii_digit());
        if !starts_name {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // A name runs over capitalised words separated by one space only.
        while j < tokens.len()
            && !taken[j]
            && tokens[j].cap
            && !is_common_capital(&tokens[j].lower)
            && tokens[j].span.start == tokens[j - 1].span.end + 1
        {
            j += 1;
        }
        // A lone capitalised word opening a sentence and followed by a comma is an adverbial
        // ("Overnight,", "Separately,"), not a name.
        if i == 0 && j == 1 && tokens.get(1).is_some_and(|n| n.span.start > t.span.end + 1) {
            i = j;
            continue;
        }
        let key = tokens[i..j]
            .iter()
            .map(|t| t.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Mention {
            entity: EntityRef::Named(key),
            span: Span::new(tokens[i].span.start, tokens[j - 1].span.end),
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;
    use crate::facts::{Entity, FactFile};

    fn facts(entities: &[(&str, &str, &[&str])]) -> FactFile {
        FactFile {
            path: "facts.yaml".into(),
            source: String::new(),
            entities: entities
                .iter()
                .map(|(k, n, a)| Entity {
                    key: (*k).into(),
                    name: (*n).into(),
                    aliases: a.iter().map(|s| (*s).into()).collect(),
                    span: Span::default(),
                })
                .collect(),
            facts: Vec::new(),
        }
    }

    fn found(m: &EntityMatcher, text: &str) -> Vec<(String, String)> {
        shown(m.find(&tokenize(text)), text)
    }

    /// [`found`] for the names the fact file knows alone.
    fn found_known(m: &EntityMatcher, text: &str) -> Vec<(String, String)> {
        shown(m.find_known(&tokenize(text)), text)
    }

    /// Each mention as its entity (`#` and the id for a known one) and its words.
    fn shown(mentions: Vec<Mention>, text: &str) -> Vec<(String, String)> {
        mentions
            .into_iter()
            .map(|m| {
                let who = match m.entity {
                    EntityRef::Known(id) => format!("#{}", id.0),
                    EntityRef::Named(n) => n,
                };
                (who, text[m.span.start..m.span.end].to_string())
            })
            .collect()
    }

    #[test]
    fn finds_names_aliases_surnames_and_variants() {
        let f = facts(&[
            ("peskov", "Dmitry Peskov", &["Kremlin spokesman"]),
            ("zelensky", "Volodymyr Zelensky", &[]),
            ("wapo", "The Washington Post", &["the Post"]),
            ("russia", "Russia", &[]),
        ]);
        let m = EntityMatcher::new(Some(&f));
        assert_eq!(
            found(
                &m,
                "Dmitri Peskov, the Kremlin spokesman, said Zelenskyy's office and Russia's army"
            ),
            [
                ("#0".into(), "Dmitri Peskov".into()),
                ("#0".into(), "Kremlin spokesman".into()),
                ("#1".into(), "Zelenskyy's".into()),
                ("#3".into(), "Russia's".into()),
            ]
        );
        assert_eq!(
            found(&m, "Zelenskiy spoke"),
            [("#1".into(), "Zelenskiy".into())]
        );
        assert_eq!(found(&m, "Peskow said"), [("#0".into(), "Peskow".into())]);
    }

    #[test]
    fn each_matcher_reads_its_own_note_on_a_word() {
        // Two matchers that number the same words differently, taking turns on the same
        // words (the notes of the first are on them when the second comes).
        let a = EntityMatcher::new(Some(&facts(&[
            ("kelgil", "Kelgil Group", &[]),
            ("parford", "Parford", &[]),
        ])));
        let b = EntityMatcher::new(Some(&facts(&[
            ("parford", "Parford Group", &[]),
            ("kelgil", "Kelgil", &[]),
        ])));
        let text = "Kelgil Group and Parford Group met in Parford";
        for _ in 0..2 {
            assert_eq!(
                found(&a, text),
                [
                    ("#0".into(), "Kelgil Group".into()),
                    ("#1".into(), "Parford".into()),
                    // "Group" is "Kelgil Group"'s derived surname.
                    ("#0".into(), "Group".into()),
                    ("#1".into(), "Parford".into()),
                ]
            );
            assert_eq!(
                found(&b, text),
                [
                    ("#1".into(), "Kelgil".into()),
                    // "Group" is "Parford Group"'s derived surname.
                    ("#0".into(), "Group".into()),
                    ("#0".into(), "Parford Group".into()),
                    ("parford".into(), "Parford".into()),
                ]
            );
        }
        // A word not among a matcher's alias words is noted as such, and found once another
        // matcher has it.
        let none = EntityMatcher::new(Some(&facts(&[("x", "Ostdale", &[])])));
        assert_eq!(
            found(&none, "Parford"),
            [("parford".into(), "Parford".into())]
        );
        assert_eq!(found(&a, "Parford"), [("#1".into(), "Parford".into())]);
        let toks = tokenize("Parford");
        assert_eq!(toks[0].note(WORD_NUMBER) >> 32, a.generation);
        // A matcher made again from another fact file has a generation of its own.
        let again = EntityMatcher::new(Some(&facts(&[("town", "Parford Town", &["Parford"])])));
        assert_ne!(again.generation, a.generation);
        assert_eq!(found(&again, "Parford"), [("#0".into(), "Parford".into())]);
    }

    #[test]
    fn each_matcher_reads_its_own_note_of_a_close_spelling() {
        // "Gilvan" is close to one matcher's name and to none of the other's; each keeps its
        // answer with the word, and neither reads the other's.
        let near = EntityMatcher::new(Some(&facts(&[("gilven", "Emil Gilven", &[])])));
        let far = EntityMatcher::new(Some(&facts(&[("ostdale", "Ostdale", &[])])));
        for _ in 0..2 {
            assert_eq!(
                found(&near, "Gilvan said"),
                [("#0".into(), "Gilvan".into())]
            );
            assert_eq!(
                found(&far, "Gilvan said"),
                [("gilvan".into(), "Gilvan".into())]
            );
        }
        let toks = tokenize("Gilvan");
        assert_eq!(toks[0].note(FUZZY_NAME) >> 32, far.generation);
        assert_eq!(toks[0].note(FUZZY_NAME) as u32, 0, "no name is close");
        assert_eq!(
            found(&near, "Gilvan said"),
            [("#0".into(), "Gilvan".into())]
        );
        assert_eq!(toks[0].note(FUZZY_NAME), near.generation << 32 | 1);
    }

    #[test]
    fn aliases_that_share_words_match_longest_first() {
        let f = facts(&[
            ("group", "Kelgil Group", &["Kelgil"]),
            ("air", "Kelgil Group Aviation", &["Group Aviation"]),
            ("council", "Bra council", &["the council"]),
        ]);
        let m = EntityMatcher::new(Some(&f));
        assert_eq!(
            found(
                &m,
                "Kelgil Group Aviation and Kelgil Group and Kelgil and Group Aviation"
            ),
            [
                ("#1".into(), "Kelgil Group Aviation".into()),
                ("#0".into(), "Kelgil Group".into()),
                ("#0".into(), "Kelgil".into()),
                ("#1".into(), "Group Aviation".into()),
            ]
        );
        // A prefix of an alias is not a match; the alias after it is.
        assert_eq!(
            found(&m, "the Bra council met the council"),
            [
                ("#2".into(), "Bra council".into()),
                ("#2".into(), "the council".into()),
            ]
        );
    }

    #[test]
    fn lower_case_words_do_not_match_capitalised_aliases() {
        let f = facts(&[("wapo", "The Washington Post", &["the Post"])]);
        let m = EntityMatcher::new(Some(&f));
        assert!(found(&m, "in the post-election period").is_empty());
        assert_eq!(
            found(&m, "as the Post reported"),
            [("#0".into(), "the Post".into())]
        );
    }

    #[test]
    fn unknown_capitalised_names_are_kept() {
        let m = EntityMatcher::new(None);
        assert_eq!(
            found(&m, "On Monday Elon Musk joined the call"),
            [("elon musk".into(), "Elon Musk".into())]
        );
        // A number word opening a sentence is not a name.
        assert_eq!(
            found(&m, "Eleven delegations met Hana Sorel"),
            [("hana sorel".into(), "Hana Sorel".into())]
        );
    }

    #[test]
    fn names_outside_the_length_window_cannot_reach_the_fuzzy_floor() {
        // Same letters throughout is the best case Jaro-Winkler allows for two lengths.
        for len in 1..60 {
            let (lo, hi) = length_window(len);
            for other in 1..200 {
                let score = strsim::jaro_winkler(&"a".repeat(len), &"a".repeat(other));
                if other < lo || other > hi {
                    assert!(score < FUZZY_MIN, "{len} vs {other}: {score}");
                }
            }
        }
    }

    /// The entities the screen says a sentence may name hold every known entity found in
    /// it, for aliases that start in lower case ("the town of Parford") or are all in lower
    /// case ("the ministry", found in any case and spelling that folds alike), derived
    /// surnames, titles, possessives, misspelt names and words capitalised at the start of a
    /// sentence; and most sentences may name none.
    #[test]
    fn the_screen_holds_every_known_entity_a_sentence_names() {
        let m = EntityMatcher::new(Some(&facts(&[
            ("parford", "Parford", &["the town of Parford"]),
            ("gilven", "Emil Gilven", &["Commissioner Gilven"]),
            ("kelgil", "Kelgil Group", &["Kelgil group"]),
            ("nato", "NATO", &[]),
            ("ministry", "Interior Ministry", &["the ministry"]),
            ("ferry", "Orla Bay", &["the ferry company"]),
        ])));
        let words = [
            "NATO",
            "Nato",
            "nato",
            "the",
            "The",
            "town",
            "Town",
            "of",
            "Parford",
            "parford",
            "Parford's",
            "PARFORD",
            "Gilven",
            "gilven",
            "Gilvan",
            "Gilvenn",
            "Emil",
            "emil",
            "Commissioner",
            "commissioner",
            "Kelgil",
            "kelgil",
            "group",
            "Group",
            "said",
            "Officials",
            "\u{201c}Kelgil",
            "Gil\u{ad}ven",
            "\u{c9}mile",
            "McGilven",
            "O'Parford",
            "12",
            ",",
            "ministry",
            "Ministry",
            "MINISTRY",
            "ministry's",
            "minnistry",
            "ministries",
            "company",
            "Company",
            "compani",
            "ferry",
            "fery",
        ];
        let (mut turned_away, mut unsure) = (0, 0);
        // Every sentence of up to three of the words.
        for a in &words {
            for b in &words {
                for c in &words {
                    let text = format!("{a} {b} {c}");
                    let mut may = Vec::new();
                    let sure = m.may_name(&text, &mut may);
                    // Only a word with a letter that is not ASCII leaves the screen unsure.
                    let wide = text.chars().any(|c| !c.is_ascii() && c.is_alphanumeric());
                    assert_eq!(sure, !wide, "{text}");
                    if !sure {
                        unsure += 1;
                        continue;
                    }
                    turned_away += usize::from(may.is_empty());
                    for found in m.find_known(&tokenize(&text)) {
                        let EntityRef::Known(id) = found.entity else {
                            unreachable!("only known entities are found");
                        };
                        assert!(may.contains(&id), "{text}: {id:?} not in {may:?}");
                    }
                }
            }
        }
        assert!(turned_away > 5_000, "{turned_away} turned away");
        assert!(unsure > 1_000, "{unsure} unsure");
        for named in ["the ministry said", "THE MINNISTRY", "the ferry compani"] {
            let mut may = Vec::new();
            assert!(m.may_name(named, &mut may), "{named}");
            assert_ne!(may, [], "{named}");
            assert_ne!(found_known(&m, named), [], "{named}");
        }
    }

    /// An alias is looked for by its word that the aliases of the fewest entities hold: a
    /// title or a first name that many share brings none of them.
    #[test]
    fn the_screen_looks_for_the_rarest_word_of_an_alias() {
        let m = EntityMatcher::new(Some(&facts(&[
            ("a", "Willem Osgar", &["Governor Osgar"]),
            ("b", "Willem Talvik", &["Governor Talvik"]),
            ("c", "Hana Brelkin", &["Governor Brelkin"]),
        ])));
        let may = |text: &str| {
            let mut may = Vec::new();
            assert!(m.may_name(text, &mut may), "{text}");
            may.sort();
            may.dedup();
            may.into_iter().map(|e| e.0).collect::<Vec<_>>()
        };
        assert_eq!(may("The Governor met Willem Smith in Hana"), [] as [u32; 0]);
        assert_eq!(may("Brelkin said"), [2]);
        assert_eq!(may("Governor Talvik and Osgar"), [0, 1]);
        assert_eq!(may("the governor said"), [] as [u32; 0]);
    }

    /// The names of `tokens` as the matcher first found them: every match of every alias
    /// gathered, sorted by place and longest first, and taken left to right when no token of
    /// it is taken; then misspelt names and the unknown ones among the tokens left.
    fn names_by_sorting(m: &EntityMatcher, tokens: &[Token], unknown: bool) -> Vec<Mention> {
        let mut found = Vec::new();
        for first in 0..tokens.len() {
            let mut node = 0;
            for (last, t) in tokens.iter().enumerate().skip(first) {
                let Some(child) = m.word_number(t).and_then(|w| m.edges.get(&(node, w))) else {
                    break;
                };
                node = *child;
                let Some(pi) = m.ends[node as usize] else {
                    continue;
                };
                let p = &m.patterns[pi];
                let caps_ok = p
                    .needs_cap
                    .iter()
                    .zip(&tokens[first..=last])
                    .all(|(need, t)| !need || t.cap);
                if caps_ok && p.entities.len() == 1 {
                    found.push((first, last + 1 - first, pi));
                }
            }
        }
        found.sort_by_key(|&(first, n, _)| (first, std::cmp::Reverse(n)));
        let mut taken = vec![false; tokens.len()];
        let mut out = Vec::new();
        for (first, n, p) in found {
            if taken[first..first + n].iter().any(|t| *t) {
                continue;
            }
            taken[first..first + n].iter_mut().for_each(|t| *t = true);
            out.push(Mention {
                entity: EntityRef::Known(m.patterns[p].entities[0]),
                span: tokens[first].span.cover(tokens[first + n - 1].span),
            });
        }
        for (i, t) in tokens.iter().enumerate() {
            if t.cap
                && t.folded.len() >= 5
                && !taken[i]
                && let Some(id) = m.fuzzy(&t.folded)
            {
                taken[i] = true;
                out.push(Mention {
                    entity: EntityRef::Known(id),
                    span: t.span,
                });
            }
        }
        if unknown {
            out.extend(unknown_names(tokens, &taken));
        }
        out.sort_by_key(|m| m.span.start);
        out
    }

    proptest::proptest! {
        /// Taking the longest name at each token no name before covers finds the names that
        /// gathering and sorting every match finds: aliases inside and overlapping others,
        /// a surname two entities share, capitals the fact file asks for, misspellings.
        #[test]
        fn names_found_left_to_right_are_the_sorted_ones(
            words in proptest::collection::vec(
                "(Kelgil|kelgil|Group|group|Kelgil Group|Holdings|Enkel|Enkel Holdings|Holis|the|town|of|Parford|Mardelford|Marrdelford|Peskov|Dmitry|Dmitri|Kremlin|spokesman|said|Officials|,)",
                0..14,
            ),
        ) {
            let m = EntityMatcher::new(Some(&facts(&[
                ("kelgil", "Kelgil Group", &["Kelgil", "Kelgil group"]),
                ("enkel", "Enkel Holdings", &["Enkel", "the Enkel group"]),
                ("holis", "Holis Holdings", &["Holis"]),
                ("parford", "Parford", &["the town of Parford", "town of Parford"]),
                ("mardelford", "Mardelford", &[]),
                ("peskov", "Dmitry Peskov", &["Kremlin spokesman", "Kremlin spokesman Dmitry Peskov"]),
            ])));
            let text = words.join(" ");
            let tokens = tokenize(&text);
            for unknown in [false, true] {
                proptest::prop_assert_eq!(
                    m.find_names(&tokens, unknown),
                    names_by_sorting(&m, &tokens, unknown),
                    "{:?}",
                    text
                );
            }
        }
    }
}
