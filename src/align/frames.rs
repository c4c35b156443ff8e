//! What a claim is about, beyond its entities: the act a number counts ("launched",
//! "shot down") and the kind of event a date or stance concerns ("call", "meeting").

use crate::claims::{EntityRef, Sentence};
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

/// Kinds of event that dates and stances attach to.
const EVENTS: &[(&str, &[&str])] = &[
    ("call", &["call", "phone", "speak", "talk", "conversation"]),
    ("meeting", &["meet", "meeting", "summit"]),
    ("visit", &["visit"]),
    ("attack", &["attack", "strike", "assault", "barrage"]),
    ("election", &["election", "vote"]),
    ("agreement", &["agreement", "deal", "treaty"]),
    ("premiere", &["premiere", "premier", "debut", "opening"]),
    ("release", &["release"]),
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
        .find_map(|t| act_class(t.stem()))
}

/// The act named in free text (a fact's claim and keywords).
pub fn act_of_text(text: &str) -> Option<&'static str> {
    crate::extract::tokens::tokenize(text)
        .iter()
        .find_map(|t| act_class(t.stem()))
}

/// Events that happen once for whoever they concern, so one named participant is enough to
/// tell two reports of them apart.
pub fn happens_once(kind: &str) -> bool {
    matches!(kind, "premiere" | "election" | "death")
}

/// The event kind of a sentence, when exactly one kind is named.
pub fn event_kind(sentence: &Sentence) -> Option<&'static str> {
    let mut kinds: Vec<&'static str> = sentence
        .tokens
        .iter()
        .filter_map(|t| {
            let s = t.stem();
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

/// Words that open reported content after a cue.
const COMPLEMENTIZERS: &[&str] = &["that", "whether", "if"];

/// The entities taking part in a sentence's event, without its speakers: "Kremlin spokesman
/// Dmitry Peskov denied that Trump and Putin spoke" -> Trump, Putin. When a cue opens reported
/// content ("…denied that …"), the participants are the names in it; when the attribution
/// trails ("…, the Post reported") or leads ("According to the Post, …"), its names are left
/// out; cue sources are never participants.
pub fn participants(sentence: &Sentence, text: &str) -> Vec<EntityRef> {
    let toks = &sentence.tokens;
    let mut region = sentence.span;
    for cue in sentence.stances.iter().filter(|c| c.attributed) {
        // The cue's first word: a denial phrase merged into the cue must not hide what follows.
        let first = toks.iter().position(|t| t.span.start >= cue.span.start);
        let skip = match first {
            Some(i) if toks[i].lower == "according" => i + 2,
            Some(i) => i + 1,
            None => toks.len(),
        };
        let after: Vec<_> = toks.iter().skip(skip).collect();
        if let Some(c) = after
            .iter()
            .take(3)
            .find(|t| COMPLEMENTIZERS.contains(&t.lower.as_str()))
        {
            region = Span::new(region.start.max(c.span.end), region.end);
        } else if after.len() <= 3 {
            // Trailing attribution ("…, the Post reported", "…, according to aides"): the
            // speaker stands after the last comma before the cue.
            if let Some(comma) = text[region.start..cue.span.start].rfind(',') {
                region = Span::new(region.start, region.end.min(region.start + comma));
            }
        } else if toks.first().is_some_and(|t| t.lower == "according") {
            // "According to the Post, …": the speaker ends at the first comma after the cue.
            if let Some(comma) = text[cue.span.end..region.end].find(',') {
                region = Span::new(region.start.max(cue.span.end + comma), region.end);
            }
        }
    }
    let sources: Vec<&EntityRef> = sentence
        .stances
        .iter()
        .filter_map(|c| c.source.as_ref())
        .collect();
    // Names that only stand in a place or topic phrase ("the war in Ukraine") take no part.
    let circumstantial = |m: &crate::claims::Mention| {
        toks.iter()
            .rfind(|t| t.span.end <= m.span.start)
            .is_some_and(|t| {
                matches!(
                    t.lower.as_str(),
                    "in" | "about"
                        | "over"
                        | "of"
                        | "from"
                        | "at"
                        | "on"
                        | "into"
                        | "across"
                        | "near"
                )
            })
    };
    let mut out: Vec<EntityRef> = sentence
        .mentions
        .iter()
        .filter(|m| region.contains(m.span) && !circumstantial(m))
        .map(|m| m.entity.clone())
        .filter(|e| !sources.contains(&e))
        .collect();
    out.sort();
    out.dedup();
    out
}
