//! Findings: what the checks hand to the reporters.

use crate::article::ArticleId;
use crate::facts::FactId;
use crate::span::Span;
use serde::Serialize;
use std::fmt;

/// The kinds of contradiction, in registry order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    ValueMismatch,
    DateMismatch,
    StanceConflict,
}

impl Kind {
    pub const ALL: [Kind; 3] = [
        Kind::ValueMismatch,
        Kind::DateMismatch,
        Kind::StanceConflict,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::ValueMismatch => "value-mismatch",
            Kind::DateMismatch => "date-mismatch",
            Kind::StanceConflict => "stance-conflict",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a finding is (not how sure: see [`Finding::confidence`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The other side of a finding: the fact in the fact file, or a sentence in another article.
#[derive(Clone, Debug, PartialEq)]
pub enum Related {
    /// `span` is a byte span into the fact file's source.
    Fact { fact: FactId, span: Span },
    /// `span` is a byte span into the other article's text; `found` its words.
    Article {
        article: ArticleId,
        span: Span,
        sentence: Span,
        found: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    /// How sure the alignment is, 0..=1 (the fuzzy score feeds this, never the severity).
    pub confidence: f64,
    pub fact: Option<FactId>,
    pub article: ArticleId,
    /// The article's words, as a byte span into `Article::text`.
    pub span: Span,
    /// The sentence they stand in (byte span into `Article::text`).
    pub sentence: Span,
    /// The article's words as written.
    pub found: String,
    /// The fact's value or the other source's, as text.
    pub expected: Option<String>,
    pub message: String,
    pub related: Vec<Related>,
    /// Extra lines for the human report ("the article dates the report, not the call").
    pub notes: Vec<String>,
}
