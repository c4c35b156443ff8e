//! Reading past the loader's first refusal, so `lint` can report every problem at once.
//!
//! The loader stops at the first schema error (an unknown key, a wrong type, a missing key, a
//! value outside its list). `lint` instead blanks out what the loader cannot read and tries
//! again: first every unknown key the syntax tree found, then, one by one, the innermost entry
//! or list item holding the next error (or the item around it, when the entry is one its
//! mapping cannot do without, such as a fact's `id`). Blanking replaces bytes with spaces and
//! keeps line breaks, so every offset, line and column still points into the file as written.
//! The semantic checks and the rules then run over whatever was read.

use super::layout::Layout;
use crate::facts::FactFile;
use crate::load::{FactFileError, FactFileErrorKind, parse_fact_file_masked};
use crate::span::{LineIndex, Span};

/// A problem the loader reported, with its byte offset in the file when known.
#[derive(Clone, Debug)]
pub struct LoadProblem {
    pub error: FactFileError,
    pub offset: Option<usize>,
    /// What was left out to read on past it.
    pub left_out: Option<Span>,
}

/// What could be read of a fact file, and what could not.
#[derive(Debug, Default)]
pub struct Recovered {
    /// The model of what was read; `None` when nothing could be (a syntax error, or an error
    /// no entry can be left out for).
    pub facts: Option<FactFile>,
    /// The loader's problems: at most one syntax or limit error, every schema error met while
    /// recovering, and the semantic errors of what was read.
    pub problems: Vec<LoadProblem>,
    /// The stretches left out.
    pub dropped: Vec<Span>,
}

/// Reads `source` as far as it can. Unknown keys the layout found are left out from the start
/// (the caller reports them from the layout).
pub fn read(source: &str, display: &str, layout: Option<&Layout>) -> Recovered {
    let mut out = Recovered::default();
    let mut masked = source.as_bytes().to_vec();
    let index = LineIndex::new(source);
    if let Some(l) = layout {
        for u in &l.unknown_keys {
            if let Some(d) = l.droppable.iter().find(|d| d.key == Some(u.span)) {
                blank(&mut masked, d.span);
                out.dropped.push(d.span);
            }
        }
    }
    // Each round leaves out one more stretch, so this ends; the bound keeps a file with
    // thousands of broken entries from being parsed thousands of times.
    let rounds = layout.map_or(0, |l| l.droppable.len()).min(MAX_RECOVERIES) + 1;
    for _ in 0..rounds {
        let text = std::str::from_utf8(&masked)
            .expect("blanking keeps UTF-8: whole characters become spaces");
        match parse_fact_file_masked(source.to_string(), text, display) {
            Ok((facts, semantic)) => {
                out.problems.extend(semantic.into_iter().map(|e| {
                    let offset = offset_of(source, &index, e.line, e.column);
                    LoadProblem {
                        error: e,
                        offset: Some(offset),
                        left_out: None,
                    }
                }));
                out.facts = Some(facts);
                return out;
            }
            Err((mut error, offset)) => {
                let offset = offset.unwrap_or_else(|| {
                    offset_of(text, &LineIndex::new(text), error.line, error.column)
                });
                // Lines and columns as in the file itself (a blanked character before the
                // error on its line would shift a column counted in the masked text).
                let lc = index.line_col(source, offset.min(source.len()));
                (error.line, error.column) = (lc.line, lc.column);
                let recoverable = error.kind == FactFileErrorKind::Schema;
                let span = layout
                    .filter(|_| recoverable)
                    .and_then(|l| to_leave_out(l, offset, &out.dropped));
                out.problems.push(LoadProblem {
                    error,
                    offset: Some(offset),
                    left_out: span,
                });
                let Some(span) = span else {
                    return out;
                };
                blank(&mut masked, span);
                out.dropped.push(span);
            }
        }
    }
    if let Some(last) = out.problems.last_mut() {
        last.error.message.push_str(&format!(
            " (lint stopped reading past schema errors after {MAX_RECOVERIES}; fix these first)"
        ));
    }
    out
}

/// How many schema errors `lint` reads past before it stops.
pub const MAX_RECOVERIES: usize = 100;

/// The innermost stretch holding `offset` not yet left out; when it is a required entry, the
/// innermost stretch around it that is not.
fn to_leave_out(layout: &Layout, offset: usize, dropped: &[Span]) -> Option<Span> {
    let holds = |s: Span| s.start <= offset && offset < s.end.max(s.start + 1);
    let live = |s: Span| !dropped.iter().any(|d| d.contains(s));
    let mut around: Vec<_> = layout
        .droppable
        .iter()
        .filter(|d| holds(d.span) && live(d.span))
        .collect();
    around.sort_by_key(|d| d.span.len());
    let first = around.first()?;
    if !first.required {
        return Some(first.span);
    }
    around
        .iter()
        .find(|d| !d.required && d.span.contains(first.span) && d.span != first.span)
        .map(|d| d.span)
}

/// Replaces the bytes of `span` with spaces, keeping line breaks.
fn blank(bytes: &mut [u8], span: Span) {
    let end = span.end.min(bytes.len());
    for b in &mut bytes[span.start.min(end)..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// The byte offset of 1-based `line` and `column` (in characters) in `text`.
pub fn offset_of(text: &str, index: &LineIndex, line: usize, column: usize) -> usize {
    let whole = index.line_span(text, line.max(1));
    let line_text = text.get(whole.start..whole.end).unwrap_or("");
    whole.start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recovered(src: &str) -> Recovered {
        let layout = super::super::layout::read(src);
        read(src, "f.yaml", layout.as_ref())
    }

    #[test]
    fn blanking_keeps_offsets_and_line_breaks() {
        let mut b = "ab\u{e9}c\nd".as_bytes().to_vec();
        blank(&mut b, Span::new(1, 7));
        assert_eq!(std::str::from_utf8(&b).unwrap(), "a    \n ");
    }

    #[test]
    fn a_bad_entry_is_left_out_and_the_rest_is_read() {
        let src = "version: 1\nentities:\n  a: { name: A }\nfacts:\n  - id: f\n    claim: c\n    about: [a]\n    sources:\n      - { by: a, stance: maybe }\n    tests:\n      - { says: x, expect: nonsense }\n  - id: g\n    claim: d\n    status: unsure\n  - id: h\n    claim: e\n    date: 2024-02-30\n";
        let r = recovered(src);
        let facts = r.facts.expect("the rest is read");
        let ids: Vec<&str> = facts.facts.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["f", "g", "h"]);
        assert!(facts.facts[0].sources.is_empty());
        let lines: Vec<(usize, FactFileErrorKind)> = r
            .problems
            .iter()
            .map(|p| (p.error.line, p.error.kind))
            .collect();
        assert_eq!(
            lines,
            [
                (9, FactFileErrorKind::Schema),
                (11, FactFileErrorKind::Schema),
                (14, FactFileErrorKind::Schema),
                (17, FactFileErrorKind::Semantic)
            ],
            "{:#?}",
            r.problems
        );
    }

    #[test]
    fn a_missing_required_key_leaves_out_its_item() {
        let src = "version: 1\nfacts:\n  - id: f\n  - { id: g, claim: d }\n  - [not, a, fact]\n";
        let r = recovered(src);
        let facts = r.facts.expect("the rest is read");
        let ids: Vec<&str> = facts.facts.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["g"], "{:#?}", r.problems);
        assert_eq!(r.problems.len(), 2, "{:#?}", r.problems);
    }

    #[test]
    fn reading_past_schema_errors_stops_after_a_bound() {
        let mut src = String::from("version: 1\nfacts:\n");
        for i in 0..(MAX_RECOVERIES + 20) {
            src.push_str(&format!("  - {{ id: f{i}, claim: c, status: unsure }}\n"));
        }
        let r = recovered(&src);
        assert!(r.facts.is_none());
        assert_eq!(r.problems.len(), MAX_RECOVERIES + 1);
        assert!(
            r.problems[MAX_RECOVERIES]
                .error
                .message
                .ends_with("(lint stopped reading past schema errors after 100; fix these first)")
        );
    }

    #[test]
    fn a_syntax_error_stops_reading() {
        let r = recovered("version: 1\nfacts: [\n");
        assert!(r.facts.is_none());
        assert_eq!(r.problems.len(), 1);
    }
}
