//! What the extractor finds in an article's text, sentence by sentence. Spans are byte spans
//! into `Article::text`.

use crate::facts::EntityId;
use crate::span::Span;
use crate::values::{DateRange, NumInterval};
use serde::Serialize;

/// An entity mentioned in text: one of the fact file's, or a capitalised name it does not know.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    Known(EntityId),
    /// A name the fact file does not list, normalised (folded, lower case).
    Named(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub entity: EntityRef,
    pub span: Span,
}

/// How a number was hedged; the interval already accounts for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hedge {
    Exact,
    About,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    UpTo,
    Nearly,
    /// Vague plurals such as "dozens" or "hundreds".
    Vague,
    /// Two ends given: "between 140 and 150", "140-150".
    Range,
}

/// What a number is. Only [`QuantityKind::is_measure`] kinds are compared with facts; the
/// others are incidental (years, times of day, ages, durations, ordinals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    Count,
    Money,
    Percent,
    Year,
    TimeOfDay,
    Age,
    Duration,
    Ordinal,
    /// Part of a date, an identifier, a score or a range end we cannot read.
    Other,
}

impl QuantityKind {
    pub const fn is_measure(self) -> bool {
        matches!(self, Self::Count | Self::Money | Self::Percent)
    }
}

/// A number in text with its hedge, unit and kind.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The words of the number, hedge included ("more than 140", "$6 billion").
    pub span: Span,
    pub interval: NumInterval,
    pub hedge: Hedge,
    pub kind: QuantityKind,
    /// Normalised unit: the counted noun's singular ("drone"), a currency code ("usd"), or
    /// "percent". `None` when the number stands alone.
    pub unit: Option<String>,
    pub unit_span: Option<Span>,
}

/// A date expression in text, resolved to a range when it can be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    /// `None` when the expression is relative and there is no publication date to resolve it
    /// against, or when it cannot be resolved at all.
    pub range: Option<DateRange>,
    /// True for expressions resolved against the publication date ("on Thursday").
    pub relative: bool,
}

/// What a stance cue says about the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// The event happened.
    Affirms,
    /// The event did not happen.
    Denies,
}

/// One stance cue in a sentence: "Peskov denied", "according to the Post", "reportedly".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StanceCue {
    pub polarity: Polarity,
    /// Who holds the stance; `None` for the article's own voice or an unnamed source.
    pub source: Option<EntityRef>,
    /// True when the words attribute the stance to someone ("X said", "reportedly") rather
    /// than the article stating it.
    pub attributed: bool,
    /// The cue words ("denied", "according to").
    pub span: Span,
}

/// Everything found in one sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    pub span: Span,
    pub mentions: Vec<Mention>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateMention>,
    pub stances: Vec<StanceCue>,
    /// "plans to", "could", "will": not a statement of what happened.
    pub modal: bool,
    /// Future-tense statement (dates in it point forward).
    pub future: bool,
    pub question: bool,
    /// The sentence's words, spans relative to the article text.
    pub tokens: Vec<crate::extract::tokens::Token>,
}

/// The extractor's output for one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleClaims {
    pub sentences: Vec<Sentence>,
}
