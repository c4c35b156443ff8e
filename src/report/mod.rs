//! Stage 5: renders findings for people and machines. The only stage that writes output, and
//! the one place where byte spans become line and column.

pub mod human;
pub mod json;

use crate::article::Article;
use crate::cli::{ColorChoice, Format};
use crate::facts::FactFile;
use crate::finding::{Finding, Related, Severity};
use crate::load::{LoadError, LoadWarning};
use crate::span::{LineIndex, Span};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// A problem with an input, shown beside the findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn from_error(e: &LoadError) -> Self {
        Self {
            severity: Severity::Error,
            message: e.to_string(),
        }
    }

    pub fn from_warning(w: &LoadWarning) -> Self {
        Self {
            severity: Severity::Warning,
            message: format!("{}: {}", w.path, w.message),
        }
    }
}

/// Everything a reporter needs.
pub struct ReportData<'a> {
    pub articles: &'a [Article],
    pub facts: Option<&'a FactFile>,
    pub findings: &'a [Finding],
    pub diagnostics: &'a [Diagnostic],
}

/// A place in a file, resolved for output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub found: String,
}

/// A finding with its places resolved: the JSON v1 record, and what every format reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolved {
    pub kind: &'static str,
    pub severity: Severity,
    pub confidence: f64,
    pub fact: Option<String>,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub found: String,
    pub expected: Option<String>,
    pub message: String,
    pub sentence: String,
    pub related: Vec<Place>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub articles: usize,
    pub facts: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl ReportData<'_> {
    pub fn summary(&self) -> Summary {
        let count = |s| self.findings.iter().filter(|f| f.severity == s).count();
        Summary {
            articles: self.articles.len(),
            facts: self.facts.map_or(0, |f| f.facts.len()),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }

    /// Resolves every finding's spans into lines and columns.
    pub fn resolve(&self) -> Vec<Resolved> {
        let article_index: Vec<LineIndex> = self
            .articles
            .iter()
            .map(|a| LineIndex::new(&a.source))
            .collect();
        let fact_index = self.facts.map(|f| LineIndex::new(&f.source));
        self.findings
            .iter()
            .map(|f| {
                let article = &self.articles[f.article.0 as usize];
                let index = &article_index[f.article.0 as usize];
                let src = article.source_span(f.span);
                let start = index.line_col(&article.source, src.start);
                let end = index.line_col(&article.source, src.end);
                let related = f
                    .related
                    .iter()
                    .filter_map(|r| match r {
                        Related::Fact { fact, span } => {
                            let facts = self.facts?;
                            let idx = fact_index.as_ref()?;
                            let lc = idx.line_col(&facts.source, span.start);
                            Some(Place {
                                file: facts.path.clone(),
                                line: lc.line,
                                column: lc.column,
                                found: fact_text(facts, *fact, *span, idx),
                            })
                        }
                        Related::Article {
                            article,
                            span,
                            found,
                            ..
                        } => {
                            let other = &self.articles[article.0 as usize];
                            let src = other.source_span(*span);
                            let lc = article_index[article.0 as usize]
                                .line_col(&other.source, src.start);
                            Some(Place {
                                file: other.path.clone(),
                                line: lc.line,
                                column: lc.column,
                                found: found.clone(),
                            })
                        }
                    })
                    .collect();
                Resolved {
                    kind: f.kind.as_str(),
                    severity: f.severity,
                    confidence: (f.confidence * 100.0).round() / 100.0,
                    fact: f
                        .fact
                        .and_then(|id| self.facts.map(|fs| fs.fact(id).id.clone())),
                    file: article.path.clone(),
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    found: f.found.clone(),
                    expected: f.expected.clone(),
                    message: f.message.clone(),
                    sentence: squash(&article.text[f.sentence.start..f.sentence.end]),
                    related,
                    notes: f.notes.clone(),
                }
            })
            .collect()
    }
}

/// The fact file's line at `span`, trimmed, as the related location's text.
fn fact_text(facts: &FactFile, _fact: crate::facts::FactId, span: Span, idx: &LineIndex) -> String {
    let line = idx.line_col(&facts.source, span.start).line;
    let s = idx.line_span(&facts.source, line);
    facts.source[s.start..s.end].trim().to_string()
}

/// Collapses runs of white space, for quoting a sentence on one line.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether to colour human output: `--color`, then `NO_COLOR`, then whether stdout is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// Renders `data` in `format` to stdout.
pub fn render(format: Format, data: &ReportData, color: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let text = match format {
        Format::Human => human::render(data, color),
        Format::Json => json::render(data),
    };
    out.write_all(text.as_bytes())?;
    out.flush()
}
