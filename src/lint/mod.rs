//! `lint`: every problem of a fact file at once, each with its place and the offending text:
//! syntax, schema (all unknown keys, with a "did you mean"), the loader's semantic errors, the
//! upkeep rules in [`rules`], and the file's own self-tests.

pub mod layout;
pub mod render;
pub mod rules;
pub mod self_tests;

use crate::facts::FactFile;
use crate::load::{FactFileError, FactFileErrorKind};
use crate::span::{LineIndex, Span};
use serde::Serialize;

/// One problem, at a place in the fact file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// Kebab-case name of the problem kind (`duplicate-id`, `shared-alias`, ...).
    pub code: &'static str,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The offending text (first line of it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Builds problems from byte spans of one source.
pub struct Places<'a> {
    source: &'a str,
    index: LineIndex,
}

impl<'a> Places<'a> {
    pub fn new(source: &'a str) -> Self {
        Self {
            source,
            index: LineIndex::new(source),
        }
    }

    pub fn problem(&self, code: &'static str, span: Span, message: String) -> Problem {
        let lc = self.index.line_col(self.source, span.start);
        let found = self
            .source
            .get(span.start..span.end)
            .map(|s| s.lines().next().unwrap_or("").trim().to_string())
            .filter(|s| !s.is_empty());
        Problem {
            code,
            line: lc.line,
            column: lc.column,
            message,
            found,
            notes: Vec::new(),
        }
    }
}

/// The outcome of linting one file.
#[derive(Clone, Debug)]
pub struct LintOutcome {
    pub problems: Vec<Problem>,
    /// The model, when the file loaded well enough to build one.
    pub facts: Option<FactFile>,
}

/// Lints fact-file text. `Err` only when the file cannot be read at all (never for a problem
/// in it).
pub fn lint_source(source: String, display: &str) -> LintOutcome {
    let places = Places::new(&source);
    let layout = layout::read(&source);
    let mut problems = Vec::new();
    let loaded = crate::load::parse_fact_file_lenient(source.clone(), display);
    let (facts, semantic) = match loaded {
        Ok((facts, errors)) => (Some(facts), errors),
        Err(e) => {
            // Parsing stopped at the first schema error; the syntax tree names every unknown
            // key, so report those instead of the one the parser met first.
            let unknown_first = e.kind == FactFileErrorKind::Schema
                && e.message.starts_with("unknown key")
                && layout.as_ref().is_some_and(|l| !l.unknown_keys.is_empty());
            if !unknown_first {
                problems.push(from_load_error(&e));
            }
            (None, Vec::new())
        }
    };
    if let Some(l) = &layout {
        for u in &l.unknown_keys {
            let mut msg = format!("unknown key `{}` in a {}", u.key, u.within);
            match u.suggestion {
                Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
                None => msg.push_str(&format!("; expected one of: {}", u.allowed.join(", "))),
            }
            problems.push(places.problem("unknown-key", u.span, msg));
        }
    }
    problems.extend(semantic.iter().map(from_load_error));
    if let (Some(f), Some(l)) = (&facts, &layout) {
        problems.extend(rules::run(f, l, &places));
        // Self-tests mean something only on a file the loader accepts.
        if semantic.is_empty() {
            for failure in self_tests::run(f) {
                let fact = f.fact(failure.fact);
                let mut p = places.problem("test-failed", failure.span, failure.message(&fact.id));
                p.notes = failure
                    .fired
                    .iter()
                    .map(|(k, m)| format!("{k}: {m}"))
                    .collect();
                problems.push(p);
            }
        }
    }
    problems.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    problems.dedup_by(|a, b| a.line == b.line && a.column == b.column && a.code == b.code);
    LintOutcome { problems, facts }
}

/// The problem code of a loader error: its kind, refined from the message for semantic ones.
fn from_load_error(e: &FactFileError) -> Problem {
    let code = match e.kind {
        FactFileErrorKind::Io => "unreadable",
        FactFileErrorKind::Syntax => "syntax",
        FactFileErrorKind::Schema if e.message.starts_with("unknown key") => "unknown-key",
        FactFileErrorKind::Schema => "schema",
        FactFileErrorKind::Limit => "limit",
        FactFileErrorKind::Semantic => semantic_code(&e.message),
    };
    Problem {
        code,
        line: e.line,
        column: e.column,
        message: e.message.clone(),
        found: e.found.clone(),
        notes: Vec::new(),
    }
}

fn semantic_code(message: &str) -> &'static str {
    if message.starts_with("duplicate fact id") {
        "duplicate-id"
    } else if message.contains("which is not a key under `entities:`") {
        "unknown-entity"
    } else if message.contains("is inverted") {
        "inverted-date"
    } else if message.contains("is not a date") || message.contains("not a calendar date") {
        "bad-date"
    } else if message.starts_with("value `") {
        "bad-value"
    } else {
        "invalid"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semantic_messages_get_their_codes() {
        assert_eq!(
            semantic_code("duplicate fact id `a` (first used at line 3, column 9)"),
            "duplicate-id"
        );
        assert_eq!(
            semantic_code("`about` names `x`, which is not a key under `entities:`"),
            "unknown-entity"
        );
        assert_eq!(
            semantic_code("date range `2024-11-10/2024-11-01` is inverted: ..."),
            "inverted-date"
        );
        assert_eq!(
            semantic_code("`2024-13-01` is not a calendar date: x"),
            "bad-date"
        );
        assert_eq!(
            semantic_code(
                "value `6 gazillion` has words that are neither its number nor its unit (`gazillion`); …"
            ),
            "bad-value"
        );
    }
}
