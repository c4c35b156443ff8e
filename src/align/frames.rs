//! What a claim is about, beyond its entities: the act a number counts ("launched",
//! "shot down") and the kind of event a date or stance concerns ("call", "meeting").

use crate::claims::{EntityRef, Sentence};
use crate::extract::tokens::stem;
use crate::span::Span;

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
    ("evacuate", &["evacuat"]),
    (
        "allocate",
        &["allocat", "pledg", "approv", "fund", "provid"],
    ),
];

/// Kinds of event that dates and stances attach to.
const EVENTS: &[(&str, &[&str])] = &[
    ("call", &["call", "phone", "speak", "talk", "conversation"]),
    ("meeting", &["meet", "meeting", "summit"]),
    ("visit", &["visit"]),
    ("attack", &["attack", "strike", "assault", "barrage"]),
    ("election", &["election", "vote"]),
    ("agreement", &["agreement", "deal", "treaty", "accord"]),
    ("premiere", &["premiere", "premier", "debut", "opening"]),
    ("release", &["release", "launch"]),
    ("death", &["die", "death", "kill"]),
];

/// The act class of a stem, if it names one.
pub fn act_class(stem: &str) -> Option<&'static str> {
    ACTS.iter()
        .find(|(_, words)| words.iter().any(|w| stem.starts_with(w)))
        .map(|(class, _)| *class)
}

/// The act of the words in `clause`: the first one that names an act class.
pub fn act_in(sentence: &Sentence, clause: Span) -> Option<&'static str> {
    sentence
        .tokens
        .iter()
        .filter(|t| clause.contains(t.span))
        .find_map(|t| act_class(&stem(&t.lower)))
}

/// The act named in free text (a fact's claim and keywords).
pub fn act_of_text(text: &str) -> Option<&'static str> {
    crate::extract::tokens::tokenize(text)
        .iter()
        .find_map(|t| act_class(&stem(&t.lower)))
}

/// The event kind of a sentence, when exactly one kind is named.
pub fn event_kind(sentence: &Sentence) -> Option<&'static str> {
    let mut kinds: Vec<&'static str> = sentence
        .tokens
        .iter()
        .filter_map(|t| {
            let s = stem(&t.lower);
            EVENTS
                .iter()
                .find(|(_, words)| {
                    words
                        .iter()
                        .any(|w| s == *w || (w.len() >= 5 && s.starts_with(w)))
                })
                .map(|(k, _)| *k)
        })
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    match kinds.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The entities taking part in a sentence's event: every mention except the sources of its
/// stance cues ("Peskov denied that Trump and Putin spoke" -> Trump, Putin).
pub fn participants(sentence: &Sentence) -> Vec<EntityRef> {
    let sources: Vec<&EntityRef> = sentence
        .stances
        .iter()
        .filter_map(|c| c.source.as_ref())
        .collect();
    let mut out: Vec<EntityRef> = sentence
        .mentions
        .iter()
        .map(|m| m.entity.clone())
        .filter(|e| !sources.contains(&e))
        .collect();
    out.sort();
    out.dedup();
    out
}
