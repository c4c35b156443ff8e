//! `lint`: every problem of a fact file at once, each with its place and the offending text:
//! syntax, schema (all unknown keys, with a "did you mean"), the loader's semantic errors, the
//! upkeep rules in [`rules`], and the file's own self-tests.

pub mod layout;
pub mod recover;
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
    /// The model of what could be read, when anything could.
    pub facts: Option<FactFile>,
    /// Facts with `tests:` whose tests were not run because the fact itself has a problem.
    pub untested: Vec<String>,
}

/// Lints fact-file text: every problem at once. Schema problems do not stop it: what the
/// loader cannot read is left out (see [`recover`]) and the semantic checks, the rules and
/// the self-tests of facts without problems of their own run over the rest.
pub fn lint_source(source: String, display: &str) -> LintOutcome {
    let places = Places::new(&source);
    let layout = layout::read(&source);
    let mut problems = Vec::new();
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
    let read = recover::read(&source, display, layout.as_ref());
    for lp in &read.problems {
        let mut p = from_load_error(&lp.error);
        let Some(span) = lp.left_out else {
            problems.push(p);
            continue;
        };
        let text = crate::report::squash(source.get(span.start..span.end).unwrap_or(""));
        let text = text.trim_start_matches("- ").trim_matches(',').trim();
        let short: String = text.chars().take(60).collect();
        let more = if short.len() < text.len() { " …" } else { "" };
        let note = format!("the other checks read the file without `{short}{more}`");
        // "missing `stance`" where the mapping has `stanse` (did you mean `stance`?) says
        // the same thing twice: keep the unknown key, with the note.
        let misspelt = layout.as_ref().and_then(|l| {
            l.unknown_keys.iter().position(|u| {
                span.contains(u.span)
                    && u.suggestion.is_some_and(|s| {
                        lp.error.message == format!("missing required key `{s}` in this mapping")
                    })
            })
        });
        match misspelt {
            Some(i) => problems[i].notes.push(note),
            None => {
                p.notes.push(note);
                problems.push(p);
            }
        }
    }
    let mut untested = Vec::new();
    if let Some(f) = &read.facts {
        if let Some(l) = &layout {
            problems.extend(rules::run(f, l, &places));
        }
        // A fact's self-tests mean something only when the fact itself reads cleanly: no
        // loader problem and nothing left out within its item.
        let troubled = |fact: &crate::facts::Fact| -> bool {
            let Some(item) = layout.as_ref().and_then(|l| l.fact_item(fact.span)) else {
                // Without the syntax tree, only a file the loader accepts is tested.
                return !read.problems.is_empty() || !read.dropped.is_empty();
            };
            read.problems
                .iter()
                .any(|p| p.offset.is_some_and(|o| item.start <= o && o < item.end))
                || read.dropped.iter().any(|d| item.contains(*d))
        };
        let keep: Vec<bool> = f.facts.iter().map(|fact| !troubled(fact)).collect();
        for (fact, ok) in f.facts.iter().zip(&keep) {
            if !ok && !fact.tests.is_empty() && !untested.contains(&fact.id) {
                untested.push(fact.id.clone());
            }
        }
        for failure in self_tests::run_where(f, |id| keep[id.0 as usize]) {
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
    problems.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    problems.dedup_by(|a, b| a.line == b.line && a.column == b.column && a.code == b.code);
    LintOutcome {
        problems,
        facts: read.facts,
        untested,
    }
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
