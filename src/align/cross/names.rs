//! The names of a sentence and the part each plays: a speaker (the voice of an attribution),
//! a place (the scope of a number, the venue of an event), or an actor/participant.

use super::sym;
use super::{Name, Named};
use crate::claims::{EntityRef, Mention, Sentence};
use crate::extract::tokens::Token;
use crate::span::Span;
use rustc_hash::FxHashSet as HashSet;

/// Words of a name that say what someone is, not who: "Chancellor Anna Weber" is Anna Weber.
const TITLES: &[&str] = &[
    "chancelor",
    "chancellor",
    "president",
    "prime",
    "minister",
    "governor",
    "senator",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "judge",
    "chief",
    "director",
    "ceo",
    "chairman",
    "chairwoman",
    "deputy",
    "vice",
    "sir",
    "lord",
    "lady",
    "pope",
    "rep",
    "sen",
    "gov",
    "mr",
    "mrs",
    "ms",
    "dr",
    "foreign",
    "interior",
    "defence",
    "defense",
    "finance",
    "opposition",
    "leader",
    "ambassador",
    "commissioner",
    "councillor",
    "captain",
    "colonel",
    "coach",
    "premier",
];

/// Prepositions that make the name after them the place of what the clause tells ("in
/// Kessa", "near Lodz", "over Kyiv"). "at" is left out: "drones at Ukraine" is a target.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "near",
    "across",
    "through",
    "throughout",
    "over",
    "around",
    "outside",
    "inside",
    "within",
];

/// Nouns that make the name beside them a place ("Kessa province", "the town of Marn").
pub const PLACE_NOUNS: &[&str] = &[
    "province",
    "region",
    "city",
    "town",
    "village",
    "county",
    "district",
    "state",
    "oblast",
    "area",
    "municipality",
    "capital",
    "island",
    "valley",
];

/// Words that may stand between a place preposition and the name ("in the northern province
/// of Kessa").
const PLACE_FILLERS: &[&str] = &[
    "the",
    "a",
    "of",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "coastal",
    "remote",
    "neighbouring",
    "neighboring",
    "nearby",
    "rural",
    "small",
    "border",
];

/// Words before a name that make it a topic rather than a party ("the war in Ukraine", "talks
/// about Gaza", "from Moscow").
const CIRCUMSTANTIAL: &[&str] = &["about", "of", "from", "on", "into", "at", "for", "against"];

/// Nouns that stand for a named thing when used with "the" as a subject ("The film was
/// released …"): the name is in an earlier sentence, or nowhere.
pub const NAMEABLE: &[&str] = &[
    "film",
    "movie",
    "company",
    "group",
    "band",
    "album",
    "song",
    "single",
    "series",
    "show",
    "team",
    "club",
    "book",
    "novel",
    "game",
    "firm",
    "play",
    "musical",
    "singer",
    "actor",
    "actress",
    "player",
    "city",
    "country",
    "town",
    "region",
    "state",
    "province",
    "airline",
    "bank",
    "network",
    "channel",
    "party",
    "station",
    "university",
    "school",
    "episode",
    "season",
    "video",
];

/// Pronouns that can be the subject of a claim.
pub const PRONOUNS: &[&str] = &["it", "he", "she", "they"];

/// A name of the sentence with its part.
#[derive(Clone, Debug)]
pub struct Role {
    pub named: Named,
    pub span: Span,
    /// The voice of an attribution ("the Red Cross" in "according to the Red Cross").
    pub speaker: bool,
    pub place: bool,
    /// A topic rather than a party ("the war in Ukraine", "talks about Gaza").
    pub circumstantial: bool,
}

/// What is known of the article as a whole when its names are read: which words it writes in
/// lower case (so "Floods" opening a sentence is the common word) and which it capitalises
/// inside sentences (so "Weber" opening one is a name).
/// The words are borrowed from the article's tokens (a string allocated per distinct word cost
/// a fifth of this step).
#[derive(Default)]
pub struct ArticleWords<'a> {
    lower: HashSet<&'a str>,
    inner_caps: HashSet<&'a str>,
}

impl<'a> ArticleWords<'a> {
    pub fn new(sentences: &'a [Sentence]) -> Self {
        let mut w = Self::default();
        for s in sentences {
            w.lower
                .extend(s.tokens.iter().filter(|t| !t.cap).map(|t| t.lower.as_str()));
            let first = s.tokens.first().map(|t| t.span.start);
            for m in &s.mentions {
                if Some(m.span.start) != first {
                    w.inner_caps.extend(
                        s.tokens
                            .iter()
                            .filter(|t| m.span.contains(t.span))
                            .map(|t| t.folded.as_str()),
                    );
                }
            }
        }
        w
    }
}

/// The names of a sentence with their parts. `region` is the reported content: names
/// outside it belong to the attribution.
pub fn roles(s: &Sentence, text: &str, region: Span, words: &ArticleWords<'_>) -> Vec<Role> {
    let cues: Vec<&crate::claims::StanceCue> = super::build::cues(s).collect();
    // A cue's source is its speaker when it stands before the cue ("Peskov denied"), or right
    // after it at the end of a clause ("…, said Peskov."); "Officials said Fenfalos had
    // recalled …" makes Fenfalos the actor.
    let speaker_of = |m: &Mention| {
        cues.iter().any(|c| {
            c.source.as_ref() == Some(&m.entity)
                && (m.span.end <= c.span.start
                    || text
                        .get(c.span.end..m.span.start)
                        .is_some_and(|g| g.trim() == "by")
                    || text
                        .get(m.span.end..s.span.end)
                        .unwrap_or_default()
                        .trim_start()
                        .chars()
                        .next()
                        .is_none_or(|ch| matches!(ch, ',' | '.' | ';' | '!' | '?')))
        })
    };
    let first = s.tokens.first().map(|t| t.span.start);
    let mut out = Vec::new();
    for m in &s.mentions {
        let toks: Vec<&Token> = s
            .tokens
            .iter()
            .filter(|t| m.span.contains(t.span))
            .collect();
        let initial = Some(m.span.start) == first;
        let Some((name, weak)) = name_of(m, &toks, initial, words) else {
            continue;
        };
        let speaker = speaker_of(m) || !region.contains(m.span);
        out.push(Role {
            named: Named { name, weak },
            span: m.span,
            speaker,
            place: is_place(s, text, m),
            circumstantial: word_before(s, m.span.start)
                .is_some_and(|t| CIRCUMSTANTIAL.contains(&t.lower.as_str())),
        });
    }
    // "in Kessa and Marn": a name joined to a place is a place too.
    for i in 1..out.len() {
        if !out[i].place
            && out[i - 1].place
            && word_before(s, out[i].span.start)
                .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"))
        {
            out[i].place = true;
        }
    }
    out
}

fn word_before(s: &Sentence, offset: usize) -> Option<&Token> {
    s.tokens.iter().rfind(|t| t.span.end <= offset)
}

/// The name a mention stands for, and whether it is weak; `None` for a capitalised common
/// word opening the sentence ("Floods" when the article also writes "floods").
fn name_of(
    m: &Mention,
    toks: &[&Token],
    initial: bool,
    words: &ArticleWords<'_>,
) -> Option<(Name, bool)> {
    let EntityRef::Named(_) = &m.entity else {
        if let EntityRef::Known(id) = m.entity {
            return Some((Name::Known(id), false));
        }
        return None;
    };
    let kept: Vec<&Token> = toks
        .iter()
        .copied()
        .filter(|t| !TITLES.contains(&t.lower.as_str()))
        .collect();
    let [head, ..] = kept.as_slice() else {
        return None;
    };
    let lone = kept.len() == 1;
    if initial && lone && words.lower.contains(head.lower.as_str()) {
        return None;
    }
    let weak =
        initial && lone && toks.len() == 1 && !words.inner_caps.contains(head.folded.as_str());
    let syms = sym::intern_all(kept.iter().map(|t| t.folded.as_str()));
    Some((Name::Words(syms.into_boxed_slice()), weak))
}

/// Whether a mention names a place: after a place preposition (over fillers such as "the
/// northern province of"), or before a place noun ("Kessa province").
fn is_place(s: &Sentence, text: &str, m: &Mention) -> bool {
    let after = s.tokens.iter().find(|t| t.span.start >= m.span.end);
    if after.is_some_and(|t| PLACE_NOUNS.contains(&t.lower.as_str()))
        && !text
            .get(m.span.end..after.map_or(m.span.end, |t| t.span.start))
            .unwrap_or_default()
            .contains([',', ';'])
    {
        return true;
    }
    let mut end = m.span.start;
    for t in s
        .tokens
        .iter()
        .rev()
        .filter(|t| t.span.end <= m.span.start)
        .take(6)
    {
        if text
            .get(t.span.end..end)
            .is_none_or(|g| g.contains([',', ';', ':', '(', ')']))
        {
            return false;
        }
        let w = t.lower.as_str();
        if PLACE_PREPOSITIONS.contains(&w) {
            return true;
        }
        if !(PLACE_FILLERS.contains(&w) || PLACE_NOUNS.contains(&w)) {
            return false;
        }
        end = t.span.start;
    }
    false
}

/// Scope words that name no place but still narrow or widen a figure.
pub fn scope_word(tokens: &[&Token], i: usize) -> Option<&'static str> {
    let w = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    match w(i) {
        "worldwide" | "globally" | "global" => Some("@world"),
        "nationwide" | "nationally" | "countrywide" => Some("@nation"),
        "overseas" | "abroad" | "internationally" => Some("@abroad"),
        "domestically" => Some("@home"),
        "across" | "around" | "throughout" if w(i + 1) == "the" => match w(i + 2) {
            "world" | "globe" => Some("@world"),
            "country" | "nation" => Some("@nation"),
            _ => None,
        },
        "in" if w(i + 1) == "other"
            && matches!(w(i + 2), "territories" | "markets" | "countries") =>
        {
            Some("@abroad")
        }
        _ => None,
    }
}

/// Whether the words at `i` refer back to a place: "there" (not "there are"), "in the
/// region", "in the area", "in the province".
pub fn place_reference(tokens: &[&Token], i: usize) -> bool {
    let w = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    match w(i) {
        "there" => !matches!(
            w(i + 1),
            "is" | "are"
                | "was"
                | "were"
                | "have"
                | "has"
                | "had"
                | "will"
                | "would"
                | "could"
                | "may"
                | "might"
                | "remain"
                | "remains"
                | "remained"
                | "seem"
                | "seems"
                | "be"
        ),
        "in" | "across" | "throughout" => {
            w(i + 1) == "the"
                && matches!(
                    w(i + 2),
                    "region" | "area" | "province" | "city" | "town" | "district" | "state"
                )
                && !tokens.get(i + 3).is_some_and(|t| t.cap || t.lower == "of")
        }
        _ => false,
    }
}

/// Whether the words before a claim (the caller found no name there) hold a subject that
/// refers back to a named thing: "As of May, it has grossed …", "The film was released …",
/// "He was born …".
pub fn subject_reference(tokens: &[&Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        PRONOUNS.contains(&t.lower.as_str())
            || (t.lower == "the"
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| NAMEABLE.contains(&n.lower.as_str())))
    })
}
