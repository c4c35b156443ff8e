//! What a claim is about, beyond its entities: the act a number counts ("launched",
//! "shot down") and the kind of event a date or stance concerns ("call", "meeting").

use crate::claims::Sentence;
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
    EVENTS
        .iter()
        .find(|(_, words)| {
            words
                .iter()
                .any(|w| s == *w || (w.len() >= 5 && s.starts_with(w)))
        })
        .map(|(k, _)| *k)
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
        .find_map(|t| act_class(t.stem()))
}

/// The act named in free text (a fact's claim and keywords).
pub fn act_of_text(text: &str) -> Option<&'static str> {
    crate::extract::tokens::tokenize(text)
        .iter()
        .find_map(|t| act_class(t.stem()))
}
