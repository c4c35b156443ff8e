//! What a claim is about, beyond its entities: the act a number counts ("launched",
//! "shot down") and the kind of event a date or stance concerns ("call", "meeting").

use crate::claims::Sentence;
use crate::span::Span;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Acts that numbers count; a number of one act never measures another ("launched 145" vs
/// "shot down 80"). Each entry is a list of stem prefixes.
const ACTS: &[(&str, &[&str])] = &[
    (
        "launch",
        &[
            "launch", "send", "fire", "target", "attack", "deploy", "unleash",
        ],
    ),
    (
        "down",
        &[
            "shoot",
            "down",
            "destroy",
            "intercept",
            "neutraliz",
            "neutralis",
            "repel",
        ],
    ),
    ("kill", &["kill", "die", "fatal", "dead"]),
    ("injure", &["injur", "wound", "hurt"]),
    ("arrest", &["arrest", "detain"]),
    ("lose", &["lose", "lost", "los"]),
    ("evacuate", &["evacuat"]),
    (
        "allocate",
        &["allocat", "pledg", "approv", "fund", "provid"],
    ),
];

/// Kinds of event that dates and stances attach to. A word matches when its stem equals an
/// entry, or starts with an entry of five letters or more.
const EVENTS: &[(&str, &[&str])] = &[
    ("call", &["call", "phone", "speak", "talk", "conversation"]),
    ("meeting", &["meet", "meeting", "summit"]),
    ("visit", &["visit"]),
    ("attack", &["attack", "strike", "assault", "barrage"]),
    ("election", &["election", "vote"]),
    ("agreement", &["agreement", "deal", "treaty"]),
    ("premiere", &["premiere", "premier", "debut", "opening"]),
    ("release", &["release", "releas"]),
    ("death", &["die", "death", "kill"]),
    ("birth", &["born", "birth"]),
    ("derailment", &["derail", "derailment"]),
    ("crash", &["crash"]),
    ("earthquake", &["earthquake", "quake"]),
    ("explosion", &["explosion", "blast", "explod"]),
];

/// The event kind a word's stem names, if any.
pub fn event_of_stem(s: &str) -> Option<&'static str> {
    // A word matches when the stem equals it, or when it has five letters or more and starts
    // the stem: a prefix table of the long words, and the short ones whole.
    static LONG: LazyLock<PrefixTable> =
        LazyLock::new(|| PrefixTable::new(EVENTS, |w| w.len() >= 5));
    static SHORT: LazyLock<FxHashMap<&str, usize>> = LazyLock::new(|| {
        let mut m = FxHashMap::default();
        for (k, (_, words)) in EVENTS.iter().enumerate() {
            for w in words.iter().filter(|w| w.len() < 5) {
                m.entry(*w).or_insert(k);
            }
        }
        m
    });
    let long = LONG.first(s);
    let short = SHORT.get(s).copied();
    let k = match (long, short) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(EVENTS[k].0)
}

/// Lists of word prefixes, by class, looked up by the prefixes of a stem: which class comes
/// first in its list among those with a word that starts the stem. The lists are searched for
/// every word of every sentence; a scan of each list was a tenth of the cross-source work.
struct PrefixTable {
    /// Each word kept, with the first class that lists it.
    first_class: FxHashMap<&'static str, usize>,
    /// Bit `n` of entry `b` is set when a word of `n` bytes starts with byte `b`: a stem's
    /// prefixes are looked up only at lengths some word of its first byte has.
    lengths: [u64; 256],
}

impl PrefixTable {
    fn new(lists: &[(&str, &[&'static str])], keep: impl Fn(&str) -> bool) -> Self {
        let mut first_class = FxHashMap::default();
        let mut lengths = [0u64; 256];
        for (k, (_, words)) in lists.iter().enumerate() {
            for w in words.iter().filter(|w| keep(w)) {
                first_class.entry(*w).or_insert(k);
                let first = w.as_bytes().first().expect("listed words are not empty");
                assert!(w.len() < 64, "listed words are short: {w}");
                lengths[usize::from(*first)] |= 1 << w.len();
            }
        }
        Self {
            first_class,
            lengths,
        }
    }

    /// The first class with a word that `stem` starts with.
    fn first(&self, stem: &str) -> Option<usize> {
        let &b = stem.as_bytes().first()?;
        // Bits 0 to the stem's length (all of them past 63 bytes).
        let up_to_len = u64::MAX >> (63 - stem.len().min(63));
        let mut lengths = self.lengths[usize::from(b)] & up_to_len;
        let mut first = None;
        while lengths != 0 {
            let n = lengths.trailing_zeros() as usize;
            lengths &= lengths - 1;
            if let Some(&k) = stem.get(..n).and_then(|head| self.first_class.get(head)) {
                first = Some(first.map_or(k, |f: usize| f.min(k)));
            }
        }
        first
    }
}

/// How an event is told apart from another of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// Happens once in a life or a work's life (birth, death, premiere, release): one named
    /// participant is enough, at any distance in time.
    OncePerParticipant,
    /// Happens at a place (a derailment, a crash, an earthquake): the place tells it apart.
    AtPlace,
    /// Between parties (a call, a meeting, an agreement): two named participants, or one and
    /// the place.
    BetweenParties,
}

/// How events of `kind` are told apart.
pub fn identity(kind: &str) -> Identity {
    match kind {
        "premiere" | "release" | "death" | "birth" | "election" => Identity::OncePerParticipant,
        "derailment" | "crash" | "earthquake" | "explosion" => Identity::AtPlace,
        _ => Identity::BetweenParties,
    }
}

/// The act class of a stem, if it names one.
pub fn act_class(stem: &str) -> Option<&'static str> {
    static TABLE: LazyLock<PrefixTable> = LazyLock::new(|| PrefixTable::new(ACTS, |_| true));
    TABLE.first(stem).map(|k| ACTS[k].0)
}

/// The act of the words in `clause`: the first one that names an act class.
pub fn act_in(sentence: &Sentence, clause: Span) -> Option<&'static str> {
    sentence
        .tokens
        .iter()
        .filter(|t| clause.contains(t.span))
        .find_map(|t| act_class(t.stem()))
}

/// The act named in free text (a fact's claim and keywords).
pub fn act_of_text(text: &str) -> Option<&'static str> {
    crate::extract::tokens::tokenize(text)
        .iter()
        .find_map(|t| act_class(t.stem()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists' own reading, one word after another: what the prefix tables must agree with.
    fn scan(lists: &[(&'static str, &[&str])], stem: &str, long: bool) -> Option<&'static str> {
        lists
            .iter()
            .find(|(_, words)| {
                words.iter().any(|w| {
                    if long {
                        stem == *w || (w.len() >= 5 && stem.starts_with(w))
                    } else {
                        stem.starts_with(w)
                    }
                })
            })
            .map(|(k, _)| *k)
    }

    #[test]
    fn prefix_tables_agree_with_a_scan_of_the_lists() {
        // Every listed word, its prefixes and some longer words, and words of other lists.
        let mut stems: Vec<String> = Vec::new();
        for (_, words) in ACTS.iter().chain(EVENTS) {
            for w in *words {
                for n in 1..=w.len() {
                    stems.push(w[..n].to_string());
                }
                stems.push(format!("{w}ing"));
                stems.push(format!("{w}s"));
                stems.push(format!("x{w}"));
            }
        }
        stems.extend(
            [
                "", "é", "déploy", "los", "lose", "downpour", "calling", "deal",
            ]
            .map(String::from),
        );
        for s in &stems {
            assert_eq!(act_class(s), scan(ACTS, s, false), "act of {s:?}");
            assert_eq!(event_of_stem(s), scan(EVENTS, s, true), "event of {s:?}");
        }
    }
}
