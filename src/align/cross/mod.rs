//! Aligns claims across articles, without a fact file.
//!
//! Each sentence yields claim frames ([`build`]): a number with the measure it counts (unit
//! and act), who did it and where; a date with its event kind and participants; a stance on
//! an event between named parties, with its voice (the attribution's source, never compared
//! as a participant). Names are kept as word sets, so "Chancellor Anna Weber", "Anna Weber"
//! and "Weber" match; places are the scope, not actors; "there" and "in the region" take the
//! place of an earlier sentence.
//!
//! Frames are paired by an index ([`pairing`]), never all pairs: candidates share the topic
//! (measure or event kind), lie within a week of each other, and share a name word (or have
//! no names at all); each candidate pair is scored on name overlap, scope, time and shared
//! words, and kept above [`pairing::THRESHOLD`]. When a frame has two candidates in one other
//! article that fit about equally well with different values, or that one sentence gives
//! with different values, it abstains for that article.

pub mod build;
pub mod names;
pub mod pairing;
pub mod sym;

pub use build::frames;
pub use pairing::{Pair, Pairs, pairs};

use crate::article::ArticleId;
use crate::claims::Polarity;
use crate::facts::EntityId;
use crate::span::Span;
use crate::values::{DateRange, NumInterval};
use jiff::civil::Date;
use std::fmt::Write as _;
use sym::Sym;

/// Whether a fact file already covers `claim` of sentence `s`, given the facts the sentence
/// aligns with: a number in the unit of one of them, a date when one of them is dated, a
/// stance when the sentence aligns at all. What the facts do not cover ("12 plants" beside a
/// fact about closing one plant) is left to the comparison between articles.
pub fn covered_by_facts(
    claim: &Claim,
    s: &crate::claims::Sentence,
    facts: &crate::facts::FactFile,
    profiles: &[super::FactProfile],
    aligned: &[crate::facts::FactId],
) -> bool {
    match claim {
        Claim::Quantity(q) => {
            let Some(unit) = s.quantities.get(q.index).and_then(|q| q.unit.as_deref()) else {
                return !aligned.is_empty();
            };
            aligned.iter().any(|&id| {
                let valued = facts.fact(id).value.is_some();
                // A fact with a value but no unit may count anything.
                match profiles[id.0 as usize].unit.as_deref() {
                    Some(fu) => fu == unit || (build::PEOPLE.contains(&unit) && valued),
                    None => valued,
                }
            })
        }
        Claim::Date(_) => aligned.iter().any(|&id| facts.fact(id).date.is_some()),
        Claim::Stance(_) => !aligned.is_empty(),
    }
}

/// Articles published further apart than this, with no event dates to say otherwise, are
/// about different occasions.
pub const NEWS_CYCLE_DAYS: i64 = 7;

/// A name as frames compare it: a fact-file entity, or the words of an unknown name (folded,
/// titles such as "Chancellor" left out).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Name {
    Known(EntityId),
    Words(Box<[Sym]>),
}

impl Name {
    /// Whether two names can be the same: the same entity, or one's words within the
    /// other's ("Weber" and "Anna Weber").
    pub fn matches(&self, other: &Name) -> bool {
        match (self, other) {
            (Name::Known(a), Name::Known(b)) => a == b,
            (Name::Words(a), Name::Words(b)) => {
                let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
                !small.is_empty() && small.iter().all(|w| large.contains(w))
            }
            _ => false,
        }
    }

    fn describe(&self) -> String {
        match self {
            Name::Known(id) => format!("#{}", id.0),
            Name::Words(w) => w
                .iter()
                .map(|s| sym::word(*s))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// A name in a frame. A weak name (a lone capitalised word opening the sentence, which may be
/// a common word: "Floods killed …") counts when the other side has it, and is passed over
/// when it does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub name: Name,
    pub weak: bool,
}

/// Who a frame is about, or where: names, nothing, or a reference back ("it", "the film",
/// "there", "in the region") that the article does not resolve.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Slot {
    #[default]
    Empty,
    Names(Box<[Named]>),
    /// A reference with nothing before it to refer to: it may be any one name.
    Unresolved,
}

impl Slot {
    pub fn names(&self) -> &[Named] {
        match self {
            Slot::Names(n) => n,
            _ => &[],
        }
    }

    /// True when the slot holds at least one name that must be matched.
    pub fn has_strong(&self) -> bool {
        self.names().iter().any(|n| !n.weak)
    }

    fn describe(&self) -> String {
        match self {
            Slot::Empty => String::new(),
            Slot::Unresolved => "?".into(),
            Slot::Names(n) => n
                .iter()
                .map(|n| {
                    let d = n.name.describe();
                    if n.weak { format!("({d})") } else { d }
                })
                .collect::<Vec<_>>()
                .join("+"),
        }
    }
}

/// What a frame is about: the blocking key of the index. Two frames are compared only when
/// their topics are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    /// A number of `unit` (normalised: "people", "residents", "deaths" are all `person`)
    /// counted by `act` (an act class such as `kill`, or the verb's stem).
    Measure { unit: Sym, act: Sym },
    /// The date of an event of this kind.
    Date(&'static str),
    /// Whether an event of this kind happened.
    Stance(&'static str),
}

/// A number, compact: what the checks and the report need once the article is gone.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantityClaim {
    /// Index in the sentence's quantities.
    pub index: usize,
    pub interval: NumInterval,
    /// The number's words, hedge included.
    pub span: Span,
    /// The number with its unit when the unit follows it ("145 drones").
    pub shown: Span,
    pub words: Box<str>,
    /// A toll (people killed, injured, evacuated, …), which later reports revise upwards.
    pub toll: bool,
    /// A count at the time of writing ("still missing", "remain in hospital"), which a report
    /// of another day may give differently without contradicting it.
    pub running: bool,
}

/// A date, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateClaim {
    /// Index in the sentence's dates.
    pub index: usize,
    pub range: DateRange,
    pub span: Span,
    /// Resolved against the publication date ("on Tuesday").
    pub relative: bool,
    pub words: Box<str>,
}

/// One sentence's stance on its event, reduced to one voice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceStance {
    pub polarity: Polarity,
    pub source: Option<Name>,
    pub attributed: bool,
    /// The cue words, or the whole sentence for the article's own voice.
    pub span: Span,
    pub words: Box<str>,
    /// The source's name as written, and its words through the cue ("Dmitry Peskov denied").
    pub source_words: Option<Box<str>>,
    pub attribution: Span,
    pub attribution_words: Box<str>,
}

/// What a frame claims.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    Quantity(QuantityClaim),
    Date(DateClaim),
    Stance(SentenceStance),
}

/// A claim located in one article's sentence, with what it is compared by. Frames hold no
/// reference to the article's text: the cross-source stage keeps only frames.
#[derive(Clone, Debug)]
pub struct Frame {
    pub article: ArticleId,
    pub sentence: usize,
    pub sentence_span: Span,
    pub published: Option<Date>,
    /// The event's date when the sentence gives one (not the date of a report).
    pub when: Option<DateRange>,
    pub topic: Topic,
    pub claim: Claim,
    /// The actor of a number; the participants of an event.
    pub who: Slot,
    /// Where: places, "worldwide", "nationwide", a place referred back to.
    pub scope: Slot,
    /// Words of the sentence's other names ("at Ukraine"), for the similarity score only.
    pub context: Box<[Sym]>,
    /// A 64-bit signature of the clause's content words, for the similarity score.
    pub signature: u64,
}

impl Frame {
    pub fn quantity(&self) -> Option<&QuantityClaim> {
        match &self.claim {
            Claim::Quantity(q) => Some(q),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<&DateClaim> {
        match &self.claim {
            Claim::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn stance(&self) -> Option<&SentenceStance> {
        match &self.claim {
            Claim::Stance(s) => Some(s),
            _ => None,
        }
    }

    /// A readable description of what the frame is compared by (for `explain` and `diff`):
    /// `q|russia|drone|launch|`, `d|weber+novak|meeting|vienna`, `s|…`.
    pub fn key(&self) -> String {
        let mut out = String::new();
        match self.topic {
            Topic::Measure { unit, act } => {
                let _ = write!(
                    out,
                    "q|{}|{}|{}|{}",
                    self.who.describe(),
                    sym::word(unit),
                    sym::word(act),
                    self.scope.describe()
                );
            }
            Topic::Date(kind) => {
                let _ = write!(
                    out,
                    "d|{}|{kind}|{}",
                    self.who.describe(),
                    self.scope.describe()
                );
            }
            Topic::Stance(kind) => {
                let _ = write!(
                    out,
                    "s|{}|{kind}|{}",
                    self.who.describe(),
                    self.scope.describe()
                );
            }
        }
        out
    }
}
