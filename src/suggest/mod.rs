//! `suggest`: fact-file changes the articles argue for, each with its evidence quoted.
//!
//! Four sources of suggestions, one file each: [`new_facts`] (measures, dates and stances about
//! known entities that no fact covers), [`aliases`] (spellings of known entities the file does
//! not list), [`stale`] (a value or date that independent outlets agree differs from the
//! file), and [`sources`] (an entity asserting or denying a fact that is not among its
//! sources, and the status change a denial implies). Every suggestion has a stable id, so
//! `update --only ID` can pick it.

pub mod aliases;
pub mod new_facts;
pub mod render;
pub mod sources;
pub mod stale;

use crate::align::{self, AlignConfig, Aligner, Alignment};
use crate::article::Article;
use crate::claims::ArticleClaims;
use crate::edit::Change;
use crate::extract::{self, entities::EntityMatcher};
use crate::facts::{FactFile, FactId};
use crate::span::{LineIndex, Span};
use serde::Serialize;

/// What kind of change a suggestion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionKind {
    StaleValue,
    StaleDate,
    /// Articles disagree on a fact's value or date: said, nothing proposed.
    Disagreement,
    NewSource,
    StatusChange,
    NewAlias,
    NewFact,
}

impl SuggestionKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::StaleValue => "stale-value",
            Self::StaleDate => "stale-date",
            Self::Disagreement => "disagreement",
            Self::NewSource => "new-source",
            Self::StatusChange => "status-change",
            Self::NewAlias => "new-alias",
            Self::NewFact => "new-fact",
        }
    }
}

/// A sentence that argues for a suggestion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub path: String,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The sentence, on one line.
    pub sentence: String,
    /// What this sentence says on the point ("150", "2024-11-08", "denies").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub says: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    /// Stable id: `<kind>:<fact or entity>[:<detail>]`.
    pub id: String,
    pub kind: SuggestionKind,
    pub message: String,
    pub evidence: Vec<Evidence>,
    /// The edits that apply it; empty for a [`SuggestionKind::Disagreement`].
    #[serde(skip)]
    pub changes: Vec<Change>,
    /// The changes as YAML to paste, for humans and JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yaml: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One article with its claims and alignments, computed once for every suggester.
pub struct Analysed<'a> {
    pub article: &'a Article,
    pub claims: ArticleClaims,
    pub aligned: Vec<Alignment>,
    lines: LineIndex,
}

impl Analysed<'_> {
    /// Evidence for the sentence with `span` (a span into the article text).
    pub fn evidence(&self, sentence: Span, says: Option<String>) -> Evidence {
        let src = self.article.source_span(sentence);
        let line = self.lines.line_col(&self.article.source, src.start).line;
        Evidence {
            path: self.article.path.clone(),
            line,
            outlet: self.article.meta.outlet.clone(),
            published: self.article.meta.published.map(|d| d.to_string()),
            sentence: crate::report::squash(&self.article.text[sentence.start..sentence.end]),
            says,
        }
    }

    /// The outlet, or the path when the article names none: independent voices are counted
    /// by outlet.
    pub fn voice(&self) -> String {
        self.article
            .meta
            .outlet
            .clone()
            .unwrap_or_else(|| self.article.path.clone())
    }

    /// The one fact sentence `si` is about, among facts `keep` accepts; `None` when there is
    /// none or two fit equally well.
    pub fn fact_of(
        &self,
        si: usize,
        cfg: &AlignConfig,
        keep: impl Fn(FactId) -> bool,
    ) -> Option<FactId> {
        let options: Vec<&Alignment> = self
            .aligned
            .iter()
            .filter(|a| a.sentence == si && keep(a.fact))
            .collect();
        align::unique_best(&options, cfg.margin).map(|a| a.fact)
    }
}

/// Everything the suggesters share.
pub struct Input<'a> {
    pub facts: &'a FactFile,
    pub articles: Vec<Analysed<'a>>,
    pub cfg: AlignConfig,
}

pub fn analyse<'a>(facts: &'a FactFile, articles: &'a [Article], cfg: AlignConfig) -> Input<'a> {
    let matcher = EntityMatcher::new(Some(facts));
    let aligner = Aligner::new(facts, &matcher, cfg.clone());
    let articles = articles
        .iter()
        .map(|article| {
            let claims = extract::extract(article, &matcher);
            let aligned = aligner.align(&claims);
            Analysed {
                article,
                claims,
                aligned,
                lines: LineIndex::new(&article.source),
            }
        })
        .collect();
    Input {
        facts,
        articles,
        cfg,
    }
}

/// Every suggestion, sorted by kind then id; ids are unique.
pub fn suggest(facts: &FactFile, articles: &[Article], cfg: AlignConfig) -> Vec<Suggestion> {
    let input = analyse(facts, articles, cfg);
    let mut out = Vec::new();
    out.extend(stale::suggest(&input, articles));
    out.extend(sources::suggest(&input));
    out.extend(aliases::suggest(&input));
    out.extend(new_facts::suggest(&input));
    out.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    out.dedup_by(|a, b| a.id == b.id);
    out
}
